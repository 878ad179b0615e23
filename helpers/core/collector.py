"""Pause Python's cyclic garbage collector while a stage builds long-lived, acyclic data
(the annotate stage of :mod:`helpers.run.pipeline`, and :func:`helpers.claims.annotate.annotate`
itself, which callers such as the tagger benchmark use directly).

CPython's collector runs a *full* collection whenever the objects that survived into its
oldest generation grow by a quarter; each full collection walks every tracked object of the
process. Loading the codebook and building the tagger create ~250 000 long-lived objects
(patterns, word tables, automaton nodes), so while they are built, and again while the tagger
appends its rows, the collector re-walks all of them: about 0.1 CPU-s per full collection,
five of them in the annotate stage of a 5 MB corpus (0.5 CPU-s of 3), three on the 3.5 MB
``dev-news`` corpus (0.3 of 1.1). The annotate stage makes (almost) no reference cycles — a
collection after a paused stage finds a handful of objects — so nothing accumulates while the
collector waits, and reference counting frees everything else as usual. This is not a memo:
it saves the same work on any corpus.

:func:`collector_paused` is safe to nest and to use from several threads at once (a Dask
worker runs tasks in threads): the collector is disabled by the first pause to start and
re-enabled by the last one to end, and only if it was enabled before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


class _Pauses:
    """The pauses under way in this process (guarded by :data:`_LOCK`)."""

    #: how many pauses have begun and not ended
    depth: int = 0
    #: whether the collector was enabled when the first of them began
    was_enabled: bool = False


_LOCK = threading.Lock()
_PAUSES = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector for the ``with`` block (see the module
    docstring); restore it when the last overlapping pause ends, also on an exception."""
    with _LOCK:
        if _PAUSES.depth == 0:
            _PAUSES.was_enabled = gc.isenabled()
            gc.disable()
        _PAUSES.depth += 1
    try:
        yield
    finally:
        with _LOCK:
            _PAUSES.depth -= 1
            if _PAUSES.depth == 0 and _PAUSES.was_enabled:
                gc.enable()

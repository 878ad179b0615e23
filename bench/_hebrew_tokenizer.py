"""A quiet, side-effect-free import of the third-party ``hebrew_tokenizer`` package.

hebrew_tokenizer 2.3.0 misbehaves at import time: ``hebrew_tokenizer/api.py`` prints the
working directory, three of its modules append the working directory to ``sys.path``, and it
raises a ``DeprecationWarning`` (``sre_constants``) and a ``FutureWarning`` ("Possible nested
set") while compiling its lexicon. (It also ships a top-level ``tests`` package; our
``tests/`` folder has no ``__init__.py`` so pytest never imports that one.)

:func:`load_hebrew_tokenizer` imports it with stdout/stderr silenced and warnings suppressed,
removes the ``sys.path`` entries it appended, and returns the module (cached).

crosspress does NOT use hebrew_tokenizer at runtime: :mod:`helpers.text.tokenize` is our own
tokenizer. hebrew_tokenizer is only the reference in tests and in the benchmarks
(``bench/bench_tokenize.py``, ``bench/eval_text.py``, ``bench/run_all.py``), so this wrapper
lives in ``bench/`` (imported as ``bench._hebrew_tokenizer`` with the project root on
``sys.path``), not in the shipped ``helpers`` package.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
import warnings
from functools import lru_cache
from types import ModuleType

__all__ = ["load_hebrew_tokenizer", "hebrew_tokenizer_forms"]


@lru_cache(maxsize=1)
def load_hebrew_tokenizer() -> ModuleType:
    """Import ``hebrew_tokenizer`` silently and return the module (cached).

    Nothing is printed, no warning escapes, and ``sys.path`` is left as it was before the
    import (the working-directory entries the package appends are removed again).
    """
    before = list(sys.path)
    cwd = os.path.abspath(os.getcwd())
    sink = io.StringIO()
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(sink),
        contextlib.redirect_stderr(sink),
    ):
        warnings.simplefilter("ignore")
        module = importlib.import_module("hebrew_tokenizer")
        importlib.import_module("hebrew_tokenizer.tokenizer")
    # Drop only what the import appended (its cwd entries), keep anything that was there.
    appended = sys.path[len(before) :] if sys.path[: len(before)] == before else None
    if appended is not None:
        del sys.path[len(before) :]
        sys.path.extend(p for p in appended if p != cwd)
    else:  # something reordered sys.path: remove cwd entries that were not there before
        extra = sys.path.count(cwd) - before.count(cwd)
        for _ in range(max(extra, 0)):
            idx = len(sys.path) - 1 - sys.path[::-1].index(cwd)
            del sys.path[idx]
    return module


def hebrew_tokenizer_forms(text: str) -> list[str]:
    """The token strings hebrew_tokenizer produces for ``text`` (whitespace tokens excluded)."""
    module = load_hebrew_tokenizer()
    return [word for _group, word, _idx, _span in module.tokenize(text)]

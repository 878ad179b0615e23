"""Pipeline stages as pure functions over one partition of documents.

A *partition* is a slice of the ``documents`` table (whole documents: a document never spans
two partitions) and the rows of the other tables that belong to those documents. Each stage
takes pandas DataFrames and returns pandas DataFrames, keeps no state between calls and reads
nothing global, so the same function runs in-process (engine ``"pandas"``) or on a Dask worker
(engine ``"dask"``, :mod:`helpers.run.engine`) and gives the same rows.

* :func:`text_stage` — ``documents`` part → (``sentences`` part, ``tokens`` part).
* :func:`annotate_stage` — ``documents`` + ``sentences`` parts and a codebook → ``mentions``.
* :func:`full_stage` — both in one call (one round trip per partition on a cluster).

The codebook travels as a path (each call loads and validates it) or as a loaded
:class:`helpers.claims.codebook.Codebook`, optionally with a prebuilt :class:`helpers.claims.annotate.Tagger`
(both picklable). Without a tagger, the stages build one per process for each loaded codebook
object (:func:`_tagger_for`): the Dask engine ships the codebook alone, so each worker builds
its tagger once (about 0.1 CPU-s) instead of unpickling a shipped one (about 0.18 CPU-s and
6 MB per worker, after 0.17 CPU-s of pickling on the client).

Row order inside a part is the order of the underlying table functions; the engines sort the
concatenated result (:data:`SORT_KEYS`), so partitioning never changes the output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.claims.annotate import Tagger, annotate
from helpers.claims.codebook import Codebook, load_codebook
from helpers.claims.mention_table import MENTION_SORT_KEYS
from helpers.core.collector import collector_paused
from helpers.text.segment import sentences_table
from helpers.text.tokenize import tokens_table

__all__ = [
    "SORT_KEYS",
    "STAGE_INPUT_COLUMNS",
    "CodebookLike",
    "as_codebook",
    "text_stage",
    "annotate_stage",
    "full_stage",
    "sort_table",
]

#: Row order of every table the engines return (stable sort; ties keep partition order).
SORT_KEYS: dict[str, list[str]] = {
    "sentences": ["doc_id", "sent_idx"],
    "tokens": ["doc_id", "sent_idx", "tok_idx"],
    "mentions": list(MENTION_SORT_KEYS),
}

#: The ``documents`` columns the stages read (the engines ship only these to workers; the
#: full table's columns are :data:`helpers.ingest.corpus.DOCUMENT_COLUMNS`).
STAGE_INPUT_COLUMNS: list[str] = ["doc_id", "lang", "text"]

CodebookLike = str | Path | Codebook


def as_codebook(codebook: CodebookLike) -> Codebook:
    """Load and validate ``codebook`` when it is a path; pass a loaded codebook through."""
    if isinstance(codebook, (str, Path)):
        with collector_paused():  # ~250k long-lived objects: no full collections meanwhile
            return load_codebook(codebook)
    if not isinstance(codebook, Codebook):
        raise ValueError(
            f"codebook must be a path or a loaded Codebook; got {type(codebook).__name__}"
        )
    return codebook


#: The last (codebook, tagger) pair built by :func:`_tagger_for` in this process (at most one:
#: a run uses one codebook; the codebook is held so that its ``id`` is not reused).
_TAGGER_MEMO: list[tuple[Codebook, Tagger]] = []


def _tagger_for(codebook: Codebook) -> Tagger:
    """The :class:`~helpers.claims.annotate.Tagger` of ``codebook``, built once per process for
    the same codebook object (a Dask worker's tasks share the one codebook it was sent). Keyed
    on the object, not its content: a tagger is a pure function of its codebook, and a new
    object (a reloaded file) only costs one more build."""
    for known, tagger in _TAGGER_MEMO:
        if known is codebook:
            return tagger
    with collector_paused():
        tagger = Tagger(codebook)
    _TAGGER_MEMO[:] = [(codebook, tagger)]
    return tagger


def sort_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame`` stably sorted by :data:`SORT_KEYS[name] <SORT_KEYS>`, with a fresh 0..n-1 index."""
    try:
        keys = SORT_KEYS[name]
    except KeyError:
        raise ValueError(f"name must be one of {sorted(SORT_KEYS)}, got {name!r}") from None
    return frame.sort_values(keys, kind="stable", ignore_index=True)


def text_stage(documents_part: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Segment and tokenize one partition of ``documents``.

    ``documents_part`` needs ``doc_id, lang, text``. Returns ``(sentences, tokens)`` with the
    columns of :func:`helpers.text.segment.sentences_table` and :func:`helpers.text.tokenize.tokens_table`
    (offsets into ``documents.text``).
    """
    sentences = sentences_table(documents_part)
    tokens = tokens_table(documents_part, sentences)
    return sentences, tokens


def annotate_stage(
    documents_part: pd.DataFrame,
    sentences_part: pd.DataFrame,
    codebook: CodebookLike,
    tagger: Tagger | None = None,
) -> pd.DataFrame:
    """Tag claims in one partition: the ``mentions`` rows of :func:`helpers.claims.annotate.annotate`.

    ``sentences_part`` must hold the sentences of exactly the documents in ``documents_part``.
    ``codebook`` is a path to a codebook YAML or a loaded :class:`~helpers.claims.codebook.Codebook`;
    ``tagger`` an optional prebuilt :class:`~helpers.claims.annotate.Tagger` for that codebook
    (without one, :func:`_tagger_for` builds it once per process for a loaded codebook).
    The cyclic garbage collector is paused meanwhile (:mod:`helpers.core.collector`).
    """
    with collector_paused():
        loaded = as_codebook(codebook)
        if tagger is None:
            tagger = _tagger_for(loaded)
        return annotate(documents_part, sentences_part, loaded, tagger=tagger)


def full_stage(
    documents_part: pd.DataFrame, codebook: CodebookLike, tagger: Tagger | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`text_stage` then :func:`annotate_stage` on one partition: ``(sentences, tokens,
    mentions)``."""
    sentences, tokens = text_stage(documents_part)
    mentions = annotate_stage(documents_part, sentences, codebook, tagger)
    return sentences, tokens, mentions

"""The ``mentions`` table: its columns, one named row per mention, and the DataFrame
built from the rows."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = [
    "MENTION_COLUMNS",
    "MENTION_SORT_KEYS",
    "MentionRow",
    "mention_keys",
    "mentions_frame",
    "sentence_groups",
    "sentence_keys",
]

#: Columns of the ``mentions`` table, in order.
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "sent_idx",
    "claim_id",
    "start",
    "end",
    "cue",
    "negated",
    "hedged",
    "hedge_cue",
    "speaker",
    "method",
    "codebook_version",
    "rule",
)

#: Row order of the ``mentions`` table (stable sort).
MENTION_SORT_KEYS: tuple[str, ...] = ("doc_id", "sent_idx", "start", "claim_id")


class MentionRow(NamedTuple):
    """One row of the mentions table (fields in :data:`MENTION_COLUMNS` order)."""

    doc_id: str
    sent_idx: int
    claim_id: str
    start: int
    end: int
    cue: str
    negated: bool
    hedged: bool
    hedge_cue: str | None
    speaker: str
    method: str
    codebook_version: int
    #: what fired: ``pattern:<pattern>`` or ``compose:<slot>+<slot>…``, and
    #: `` +context:<group>@s<k>`` when the article context met a ``requires`` group
    rule: str


assert MentionRow._fields == MENTION_COLUMNS


_DTYPES = {
    "doc_id": "string[pyarrow]",
    "sent_idx": "int32",
    "claim_id": "string[pyarrow]",
    "start": "int64",
    "end": "int64",
    "cue": "string[pyarrow]",
    "negated": "bool",
    "hedged": "bool",
    "hedge_cue": "string[pyarrow]",
    "speaker": "string[pyarrow]",
    "method": "string[pyarrow]",
    "codebook_version": "int64",
    "rule": "string[pyarrow]",
}


def mentions_frame(rows: list[MentionRow]) -> pd.DataFrame:
    """The mentions table from row tuples in :data:`MENTION_COLUMNS` order (built column by
    column)."""
    columns = list(zip(*rows)) if rows else [()] * len(MENTION_COLUMNS)
    return pd.DataFrame(
        {
            name: pd.Series(list(values), dtype=_DTYPES[name])
            for name, values in zip(MENTION_COLUMNS, columns)
        },
        columns=list(MENTION_COLUMNS),
    )


def mention_keys(mentions: pd.DataFrame) -> set[tuple[str, int, str]]:
    """``(doc_id, sent_idx, claim_id)`` of every row of a mentions-like table — the sentence ×
    claim unit that agreement, validation and proposals compare; empty for an empty table,
    whatever its columns."""
    if not len(mentions):
        return set()
    return set(
        zip(
            mentions["doc_id"].astype(str),
            mentions["sent_idx"].astype(int),
            mentions["claim_id"].astype(str),
        )
    )


def sentence_keys(table: pd.DataFrame) -> set[tuple[str, int]]:
    """``(doc_id, sent_idx)`` of every row of a table of sentences or mentions; empty for an
    empty table, whatever its columns."""
    if not len(table):
        return set()
    return set(zip(table["doc_id"].astype(str), table["sent_idx"].astype(int)))


def sentence_groups(
    sentences: pd.DataFrame,
) -> dict[str, tuple[list[int], list[tuple[int, int]]]]:
    """doc_id → (sent_idx list, [(start, end)] list), sentences in ``sent_idx`` order."""
    codes, uniques = pd.factorize(sentences["doc_id"], sort=False)
    sent_idx = sentences["sent_idx"].to_numpy()
    order = np.lexsort((sent_idx, codes))
    order = order[codes[order] >= 0]  # a missing doc_id (code -1) belongs to no document
    codes_sorted = codes[order]
    cuts = np.flatnonzero(np.diff(codes_sorted)) + 1
    idx_list = sent_idx[order].astype(np.int64, copy=False).tolist()
    starts = sentences["start"].to_numpy(dtype=np.int64)[order].tolist()
    ends = sentences["end"].to_numpy(dtype=np.int64)[order].tolist()
    out: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
    bounds = [0, *cuts.tolist(), len(order)]
    doc_ids = list(uniques)  # (indexing a pyarrow-backed Index item by item is slow)
    first_codes = codes_sorted[bounds[:-1]].tolist() if len(order) else []
    for g in range(len(bounds) - 1):
        a, b = bounds[g], bounds[g + 1]
        if a == b:
            continue
        out[doc_ids[first_codes[g]]] = (
            idx_list[a:b],
            list(zip(starts[a:b], ends[a:b])),
        )
    return out

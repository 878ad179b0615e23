"""One code path on two engines: run the pipeline stages in-process (pandas) or on Dask.

The stages are the pure partition functions of :mod:`helpers.run.pipeline`. The engine only
decides *where* they run:

* ``engine="pandas"`` — a loop over the partitions in this process.
* ``engine="dask"`` — the same partitions scattered to a ``distributed`` cluster
  (:mod:`helpers.run.cluster`: a private local cluster, a scheduler address, or a client) and
  mapped with the same functions.

Documents are grouped into partitions of about ``partition_bytes`` bytes of UTF-8 text, in
``documents`` order, a document never split (:func:`partition_documents`). Both engines
concatenate the parts in partition order and sort them stably by
:data:`helpers.run.pipeline.SORT_KEYS`, so they return identical tables (same rows, order, dtypes).

Larger than memory: :mod:`helpers.run.stream` (chunk by chunk, duplicates dropped across
chunks) writing :mod:`helpers.run.parts` (partitioned Parquet); counts over many mentions in
:mod:`helpers.run.counts`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.claims.annotate import Tagger
from helpers.run.cluster import check_scheduler, dask_client
from helpers.run.pipeline import (
    STAGE_INPUT_COLUMNS,
    CodebookLike,
    annotate_stage,
    as_codebook,
    full_stage,
    sort_table,
    text_stage,
)

__all__ = [
    "ENGINES",
    "check_engine",
    "partition_documents",
    "run_text_stage",
    "run_annotate_stage",
    "run_pipeline",
]

#: Accepted values of ``engine``.
ENGINES: tuple[str, ...] = ("pandas", "dask")


# --------------------------------------------------------------------------- validation


def check_engine(engine: Any) -> str:
    """Return ``engine`` if it is ``"pandas"`` or ``"dask"``; ``ValueError`` naming it otherwise."""
    if not isinstance(engine, str) or engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}; got {engine!r}")
    return engine


def _check_partition_bytes(partition_bytes: Any) -> int:
    if isinstance(partition_bytes, bool) or not isinstance(partition_bytes, (int, np.integer)):
        raise ValueError(f"partition_bytes must be a positive integer; got {partition_bytes!r}")
    if partition_bytes <= 0:
        raise ValueError(f"partition_bytes must be a positive integer; got {partition_bytes!r}")
    return int(partition_bytes)


# --------------------------------------------------------------------------- partitions


def partition_documents(
    documents: pd.DataFrame, partition_bytes: int = 1_000_000
) -> list[pd.DataFrame]:
    """Split ``documents`` (in row order) into parts of about ``partition_bytes`` UTF-8 bytes.

    A part is closed as soon as it reaches ``partition_bytes``; a document is never split
    (a document larger than the budget is a part of its own). Only the columns the stages read
    (:data:`helpers.run.pipeline.STAGE_INPUT_COLUMNS`) are kept. Always returns at least one part
    (an empty frame for an empty table) so the stages define the output columns.
    """
    partition_bytes = _check_partition_bytes(partition_bytes)
    missing = set(STAGE_INPUT_COLUMNS) - set(documents.columns)
    if missing:
        raise ValueError(f"documents is missing columns {sorted(missing)}")
    docs = documents[STAGE_INPUT_COLUMNS].reset_index(drop=True)
    if len(docs) == 0:
        return [docs]
    sizes = pc.binary_length(pa.array(docs["text"], type=pa.large_string())).to_numpy(
        zero_copy_only=False
    )
    bounds = [0]
    acc = 0
    for i, size in enumerate(sizes):
        acc += int(size)
        if acc >= partition_bytes:
            bounds.append(i + 1)
            acc = 0
    if bounds[-1] != len(docs):
        bounds.append(len(docs))
    return [docs.iloc[a:b].reset_index(drop=True) for a, b in zip(bounds, bounds[1:])]


def _split_like(table: pd.DataFrame, parts: Sequence[pd.DataFrame]) -> list[pd.DataFrame]:
    """Rows of ``table`` grouped by the document partition their ``doc_id`` belongs to."""
    part_of: dict[str, int] = {}
    for k, part in enumerate(parts):
        for doc_id in part["doc_id"].tolist():
            part_of.setdefault(doc_id, k)
    codes = table["doc_id"].map(part_of)
    if codes.isna().any():
        unknown = table.loc[codes.isna(), "doc_id"].iloc[0]
        raise ValueError(f"sentences has doc_id {unknown!r}, which is not in documents")
    part_codes = codes.to_numpy(dtype=np.int64)
    order = np.argsort(part_codes, kind="stable")
    cuts = np.searchsorted(part_codes[order], np.arange(1, len(parts)))
    return [table.iloc[idx].reset_index(drop=True) for idx in np.split(order, cuts)]


# --------------------------------------------------------------------------- running


def _map(
    func: Callable[..., Any],
    arg_lists: Sequence[Sequence[Any]],
    engine: str,
    scheduler: Any,
    shared: dict[str, Any] | None = None,
) -> list[Any]:
    """``[func(*args, **shared) for args in arg_lists]`` in-process or on Dask, in order."""
    shared = shared or {}
    if engine == "pandas":
        return [func(*args, **shared) for args in arg_lists]
    with dask_client(scheduler) as client:
        # hash=False: dask 2026.8's tokenize gives row slices of one all-string DataFrame
        # (pandas 3, pyarrow-backed strings sharing one buffer) the SAME key, so a hashed
        # scatter would silently ship one partition in place of all of them.
        columns = [client.scatter(list(col), hash=False) for col in zip(*arg_lists)]
        shared_futures = {
            key: client.scatter(value, broadcast=True, hash=False) for key, value in shared.items()
        }
        futures = client.map(func, *columns, pure=False, **shared_futures)
        try:
            return list(client.gather(futures))
        finally:
            client.cancel(
                futures + [f for col in columns for f in col] + list(shared_futures.values())
            )


def _concat(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    frames = list(frames)
    combined = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return sort_table(combined, name)


def _prepare_codebook(codebook: CodebookLike, tagger: Tagger | None = None) -> dict[str, Any]:
    """Load and validate the codebook and build its tagger once, here: errors surface on the
    client, workers need no codebook file and no per-partition tagger build."""
    loaded = as_codebook(codebook)
    if tagger is not None and not isinstance(tagger, Tagger):
        raise ValueError(f"tagger must be a helpers.claims.annotate.Tagger or None; got {tagger!r}")
    return {"codebook": loaded, "tagger": Tagger(loaded) if tagger is None else tagger}


def run_text_stage(
    documents: pd.DataFrame,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_bytes: int = 1_000_000,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sentences, tokens)`` for ``documents`` via :func:`helpers.run.pipeline.text_stage`.

    ``engine`` is ``"pandas"`` or ``"dask"``; ``scheduler`` as in :func:`dask_client`
    (``None`` for pandas). Rows sorted by ``doc_id, sent_idx[, tok_idx]``; identical on both
    engines and for any ``partition_bytes``.
    """
    engine = check_engine(engine)
    scheduler = check_scheduler(scheduler, engine)
    parts = partition_documents(documents, partition_bytes)
    results = _map(text_stage, [(p,) for p in parts], engine, scheduler)
    return (
        _concat([r[0] for r in results], "sentences"),
        _concat([r[1] for r in results], "tokens"),
    )


def run_annotate_stage(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook_path: CodebookLike,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_bytes: int = 1_000_000,
    tagger: Tagger | None = None,
) -> pd.DataFrame:
    """The ``mentions`` table via :func:`helpers.run.pipeline.annotate_stage`, partition by partition.

    ``codebook_path`` is a codebook YAML path (loaded and validated once, here) or a loaded
    codebook; ``tagger`` an optional prebuilt :class:`~helpers.claims.annotate.Tagger` of that codebook
    (else one is built here, once). Rows sorted by ``doc_id, sent_idx, start, claim_id`` (the
    order of :func:`helpers.claims.annotate.annotate`); identical on both engines.
    """
    engine = check_engine(engine)
    scheduler = check_scheduler(scheduler, engine)
    shared = _prepare_codebook(codebook_path, tagger)
    parts = partition_documents(documents, partition_bytes)
    sentence_parts = _split_like(sentences, parts)
    results = _map(annotate_stage, list(zip(parts, sentence_parts)), engine, scheduler, shared)
    return _concat(results, "mentions")


def run_pipeline(
    documents: pd.DataFrame,
    codebook_path: CodebookLike,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_bytes: int = 1_000_000,
    tagger: Tagger | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(sentences, tokens, mentions)`` in one pass per partition
    (:func:`helpers.run.pipeline.full_stage`): one round trip per partition on a cluster.

    Same tables as :func:`run_text_stage` followed by :func:`run_annotate_stage` (same
    parameters).
    """
    engine = check_engine(engine)
    scheduler = check_scheduler(scheduler, engine)
    shared = _prepare_codebook(codebook_path, tagger)
    parts = partition_documents(documents, partition_bytes)
    results = _map(full_stage, [(p,) for p in parts], engine, scheduler, shared)
    return (
        _concat([r[0] for r in results], "sentences"),
        _concat([r[1] for r in results], "tokens"),
        _concat([r[2] for r in results], "mentions"),
    )


# --------------------------------------------------------------------------- streaming output


# --------------------------------------------------------------------------- aggregation

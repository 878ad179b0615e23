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

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.claims.annotate import Tagger
from helpers.ingest.corpus import (
    DEFAULT_MAX_BYTES,
    CorpusEntry,
    IngestResult,
    ingest_corpus,
    ingest_entries,
    list_corpus,
    merge_ingested,
)
from helpers.run.cluster import check_scheduler, dask_client
from helpers.run.pipeline import (
    SORT_KEYS,
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
    "CorpusRun",
    "group_entries",
    "doc_id_ranges",
    "run_corpus",
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
    """Rows of ``table`` grouped by the document partition their ``doc_id`` belongs to (a
    doc_id in two partitions: the first), in ``table`` order within each group. The doc_ids
    are looked up in one vectorised index search; when the rows are in partition order already
    (the sentences of documents in doc_id order, as :func:`run_text_stage` returns them) each
    group is a slice of ``table`` rather than a copy of its rows."""
    doc_ids = pd.Index(pd.concat([part["doc_id"] for part in parts], ignore_index=True))
    part_of_row = np.repeat(np.arange(len(parts), dtype=np.int64), [len(p) for p in parts])
    if not doc_ids.is_unique:  # the first partition of each doc_id
        first = ~doc_ids.duplicated(keep="first")
        doc_ids, part_of_row = doc_ids[first], part_of_row[first]
    position = doc_ids.get_indexer(table["doc_id"])
    if (position < 0).any():
        unknown = table["doc_id"].iloc[int(np.flatnonzero(position < 0)[0])]
        raise ValueError(f"sentences has doc_id {unknown!r}, which is not in documents")
    part_codes = part_of_row[position]
    if (np.diff(part_codes) >= 0).all():  # in partition order: slices
        cuts = np.searchsorted(part_codes, np.arange(1, len(parts)))
        bounds = [0, *cuts.tolist(), len(table)]
        return [table.iloc[a:b].reset_index(drop=True) for a, b in zip(bounds, bounds[1:])]
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


def _is_sorted(frame: pd.DataFrame, keys: Sequence[str]) -> bool:
    """Whether the rows of ``frame`` are already in ``keys`` order (ties allowed), so that a
    stable sort would leave them as they are: a few vector comparisons instead of a sort.
    False when a key holds a missing value (the sort decides where those go)."""
    n = len(frame)
    if n < 2:
        return True
    tied: Any = None  # rows equal to their predecessor on the keys compared so far
    for key in keys:
        column = pa.array(frame[key])
        if column.null_count:
            return False
        later, earlier = column.slice(1), column.slice(0, n - 1)
        descending = pc.less(later, earlier)
        if tied is not None:
            descending = pc.and_(descending, tied)
        if pc.any(descending).as_py():
            return False
        equal = pc.equal(later, earlier)
        tied = equal if tied is None else pc.and_(tied, equal)
        if not pc.any(tied).as_py():
            return True
    return True


def _concat(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    """The frames concatenated and stably sorted by :data:`SORT_KEYS[name]
    <helpers.run.pipeline.SORT_KEYS>`; the sort is skipped when the rows are in order already
    (the stages ran on documents in ``doc_id`` order, :func:`_in_doc_id_order`)."""
    frames = list(frames)
    combined = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    if _is_sorted(combined, SORT_KEYS[name]):
        return combined.reset_index(drop=True)
    return sort_table(combined, name)


def _merge_by_document(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    """``_concat(frames, name)`` for frames that each hold whole documents: when every frame
    is in key order already, the documents' row blocks are put in ``doc_id`` order (one sort
    of the document ids, not of every row); else, or when a document's rows are split, the
    full stable sort. Same rows in the same order either way."""
    frames = list(frames)
    keys = SORT_KEYS[name]
    combined = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    n = len(combined)
    if n < 2 or keys[0] != "doc_id" or not all(_is_sorted(f, keys) for f in frames):
        return _concat([combined], name)
    ids = pa.array(combined["doc_id"])
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    changes = pc.not_equal(ids.slice(1), ids.slice(0, n - 1)).to_numpy(zero_copy_only=False)
    starts = np.concatenate([[0], np.flatnonzero(changes) + 1])
    block_ids = ids.take(pa.array(starts))
    order = pc.sort_indices(block_ids).to_numpy()  # stable
    ordered = block_ids.take(pa.array(order))
    if (
        len(ordered) > 1
        and pc.any(pc.equal(ordered.slice(1), ordered.slice(0, len(ordered) - 1))).as_py()
    ):
        return _concat([combined], name)  # one document in two blocks
    if np.array_equal(order, np.arange(len(order))):  # the blocks are in order already
        return combined.reset_index(drop=True)
    lengths = np.diff(np.append(starts, n))[order]
    perm = np.arange(n) + np.repeat(starts[order] - (np.cumsum(lengths) - lengths), lengths)
    return combined.take(perm).reset_index(drop=True)


def _first_last_doc_ids(frame: pd.DataFrame) -> tuple[Any, Any]:
    """The ``doc_id`` of the first and of the last row of a non-empty ``frame``."""
    ids = frame["doc_id"]
    return ids.iloc[0], ids.iloc[-1]


def _concat_ranges(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    """``_merge_by_document(frames, name)`` for the tables of consecutive doc_id ranges, each
    in :data:`SORT_KEYS <helpers.run.pipeline.SORT_KEYS>` order already (its worker saw to it,
    :func:`_run_range`): when every non-empty frame's doc_ids all come after the previous
    one's, the concatenation is in key order and every document's rows are one block, so the
    frames are only concatenated — the client's serial tail compares a few boundary ids
    instead of every row. Otherwise (a doc_id that is not hex, or missing) the general merge.
    """
    frames = list(frames)
    bounds = [_first_last_doc_ids(f) for f in frames if len(f)]
    if not all(isinstance(first, str) and isinstance(last, str) for first, last in bounds) or any(
        prev[1] >= nxt[0] for prev, nxt in zip(bounds, bounds[1:])
    ):
        return _merge_by_document(frames, name)
    combined = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return combined.reset_index(drop=True)


def _in_doc_id_order(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` stably sorted by ``doc_id``: the stages emit rows in document order, so
    their tables then come out in :data:`~helpers.run.pipeline.SORT_KEYS` order and need no
    sort of their own (one sort of the documents instead of one of every token). Only the
    columns the stages read (:data:`~helpers.run.pipeline.STAGE_INPUT_COLUMNS`) are kept when
    all are there (else :func:`partition_documents` names the missing ones): the sort then
    moves no ``text_raw``, ``removed_lines`` or metadata it would drop right after."""
    if set(STAGE_INPUT_COLUMNS) <= set(documents.columns):
        documents = documents[STAGE_INPUT_COLUMNS]
    return documents.sort_values("doc_id", kind="stable", ignore_index=True)


def _prepare_codebook(codebook: CodebookLike, tagger: Tagger | None = None) -> dict[str, Any]:
    """The stages' shared arguments: the codebook loaded and validated once, here (errors
    surface on the client; workers need no codebook file), and the caller's tagger if any.
    Without one, each process builds its tagger once from the loaded codebook
    (:func:`helpers.run.pipeline.annotate_stage`): a worker builds it faster than it would
    unpickle a shipped one, and the client pickles nothing big."""
    loaded = as_codebook(codebook)
    if tagger is not None and not isinstance(tagger, Tagger):
        raise ValueError(f"tagger must be a helpers.claims.annotate.Tagger or None; got {tagger!r}")
    return {"codebook": loaded} if tagger is None else {"codebook": loaded, "tagger": tagger}


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
    parts = partition_documents(_in_doc_id_order(documents), partition_bytes)
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
    parts = partition_documents(_in_doc_id_order(documents), partition_bytes)
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
    parts = partition_documents(_in_doc_id_order(documents), partition_bytes)
    results = _map(full_stage, [(p,) for p in parts], engine, scheduler, shared)
    return (
        _concat([r[0] for r in results], "sentences"),
        _concat([r[1] for r in results], "tokens"),
        _concat([r[2] for r in results], "mentions"),
    )


# --------------------------------------------------------------------------- a whole corpus


@dataclass
class CorpusRun:
    """Every table of one corpus run: :func:`helpers.ingest.corpus.ingest_corpus`'s
    ``documents``, ``rejects`` and ``inputs``, and :func:`run_pipeline`'s ``sentences``,
    ``tokens`` and ``mentions``."""

    documents: pd.DataFrame
    rejects: pd.DataFrame
    inputs: list[dict[str, Any]] = field(default_factory=list)
    sentences: pd.DataFrame = field(default_factory=pd.DataFrame)
    tokens: pd.DataFrame = field(default_factory=pd.DataFrame)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)


def _entry_bytes(entry: CorpusEntry) -> int:
    if entry.reason is not None:
        return 0
    if entry.size is not None:  # seen by the folder walk: no second stat
        return entry.size
    try:
        return os.stat(entry.path).st_size
    except OSError:
        return 0  # the reader reports it


def group_entries(entries: Sequence[CorpusEntry], n_groups: int) -> list[list[CorpusEntry]]:
    """Split ``entries`` (in order) into at most ``n_groups`` contiguous groups of about the
    same number of file bytes (no group is empty, except the one group of no entries)."""
    if isinstance(n_groups, bool) or not isinstance(n_groups, int) or n_groups < 1:
        raise ValueError(f"n_groups must be a positive integer; got {n_groups!r}")
    sizes = np.fromiter((_entry_bytes(e) + 1 for e in entries), dtype=np.int64, count=len(entries))
    if len(entries) == 0:
        return [[]]
    # entry i goes to the group its bytes' midpoint falls in: contiguous, sizes balanced
    ends = np.cumsum(sizes)
    group_of = ((ends - sizes / 2) * n_groups // ends[-1]).astype(np.int64)
    bounds = [0, *(np.flatnonzero(np.diff(group_of)) + 1).tolist(), len(entries)]
    return [list(entries[a:b]) for a, b in zip(bounds, bounds[1:])]


#: A corpus entry as shipped to a worker: ``(path, source, reason, detail)`` as plain strings.
EntryFields = tuple[str, str, str | None, str | None]


def _entry_fields(entries: Sequence[CorpusEntry]) -> list[EntryFields]:
    """``entries`` as plain tuples of strings, to ship to a worker: a pickled ``Path`` is
    rebuilt from its parts, and the scheduler unpickles every task's arguments in its event
    loop (on the client's process), so a group of ``CorpusEntry`` objects cost the client
    about 10 µs per file, serially, before any task could start; strings cost nothing."""
    return [(str(e.path), e.source, e.reason, e.detail) for e in entries]


def _ingest_group(entries: list[EntryFields], max_bytes: int) -> IngestResult:
    """Ingest one group of corpus entries (:func:`_entry_fields`; on a worker), copies kept:
    the client's one :func:`~helpers.ingest.corpus.merge_ingested` of all groups drops them,
    naming the copy kept in the whole corpus (a group's own dedup would name the first in
    the group)."""
    rebuilt = [
        CorpusEntry(Path(path), source, reason, detail) for path, source, reason, detail in entries
    ]
    return ingest_entries(rebuilt, progress=False, max_bytes=max_bytes, dedup=False)


def doc_id_ranges(doc_ids: Sequence[str], n_ranges: int) -> np.ndarray:
    """The range (``0 … n_ranges - 1``) of each doc_id: its first 8 hex digits' share of
    ``16**8``, so ranges follow doc_id order (doc_ids are hex digests, uniformly spread: the
    ranges hold about equal numbers of documents). A doc_id that is not hex goes to range 0
    (order is then restored by the client's sort, never assumed)."""

    def prefix(doc_id: str) -> int:
        try:
            return int(doc_id[:8], 16) if len(doc_id) >= 8 else 0
        except ValueError:
            return 0

    values = np.fromiter(map(prefix, doc_ids), dtype=np.int64, count=len(doc_ids))
    return (values * n_ranges) >> 32


def _split_by_doc_id(ingested: IngestResult, n_ranges: int) -> list[pd.DataFrame]:
    """The stage input (and ``source``) of one ingested group's documents, split into the
    ``n_ranges`` doc_id ranges (:func:`doc_id_ranges`), each in ``source`` order (on a worker)."""
    documents = ingested.documents[["source", *STAGE_INPUT_COLUMNS]]
    ranges = doc_id_ranges(documents["doc_id"].tolist(), n_ranges)
    return [documents[ranges == r].reset_index(drop=True) for r in range(n_ranges)]


def _range_part(parts: list[pd.DataFrame], r: int) -> pd.DataFrame:
    return parts[r]


def _run_range(
    parts: list[pd.DataFrame], codebook: CodebookLike, tagger: Tagger | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The stages on the documents of one doc_id range, gathered from every group (on a
    worker): a document with copies in several groups is run once, for the copy
    :func:`~helpers.ingest.corpus.merge_ingested` keeps (the first by ``source``; copies share
    their doc_id, so they share a range). Returns ``(sentences, tokens, mentions)``, each in
    key order (checked here, in parallel, and sorted if need be): the ranges' tables,
    concatenated in range order, are in key order as they stand (:func:`_concat_ranges`)."""
    documents = pd.concat(parts, ignore_index=True).sort_values(
        "source", kind="stable", ignore_index=True
    )
    documents = documents.loc[~documents["doc_id"].duplicated(keep="first")]
    sentences, tokens, mentions = full_stage(
        _in_doc_id_order(documents[STAGE_INPUT_COLUMNS]), codebook, tagger
    )
    return (
        _concat([sentences], "sentences"),
        _concat([tokens], "tokens"),
        _concat([mentions], "mentions"),
    )


def _gather_as_completed(futures: Sequence[Any]) -> list[Any]:
    """The results of ``futures`` (Dask futures), in their order, each fetched as soon as it
    is done: ``client.gather`` waits for every one before fetching any, so the transfer and
    unpickling of all the ranges' tables would follow the last task instead of overlapping the
    others. A failed task raises here, as with ``gather``."""
    from distributed import as_completed

    position = {future.key: i for i, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future in as_completed(futures):
        results[position[future.key]] = future.result()
    return results


def run_corpus(
    corpus: str | Path,
    codebook_path: CodebookLike,
    engine: str = "pandas",
    scheduler: Any = None,
    *,
    n_groups: int | None = None,
    partition_bytes: int = 1_000_000,
    tagger: Tagger | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CorpusRun:
    """Ingest ``corpus`` (:func:`helpers.ingest.corpus.ingest_corpus`) and run the stages
    (:func:`run_pipeline`) on its documents: every table, identical on both engines.

    ``engine="pandas"`` does exactly that in this process (``partition_bytes`` as in
    :func:`run_pipeline`). ``engine="dask"`` splits the corpus' files into ``n_groups``
    contiguous groups of about equal bytes (default: four per worker thread; a group, not
    ``partition_bytes``, is then the unit of work: the workers need the corpus' paths); each
    worker ingests a group and splits its documents into as many doc_id ranges; then one task
    per range runs the stages on that range's documents from every group (copies across
    groups share a doc_id, so the range task keeps the copy one ingest of the corpus keeps).
    The ranges' tables come back in key order, so the client only concatenates them (no sort
    or reordering of millions of token rows), and the codebook is loaded on the client while
    the workers ingest.
    """
    engine = check_engine(engine)
    scheduler = check_scheduler(scheduler, engine)
    partition_bytes = _check_partition_bytes(partition_bytes)
    if engine == "pandas":
        ingested = ingest_corpus(corpus, progress=False, max_bytes=max_bytes)
        sentences, tokens, mentions = run_pipeline(
            ingested.documents, codebook_path, partition_bytes=partition_bytes, tagger=tagger
        )
        return CorpusRun(
            ingested.documents, ingested.rejects, ingested.inputs, sentences, tokens, mentions
        )
    entries = list_corpus(corpus)
    with dask_client(scheduler) as client:
        if n_groups is None:
            n_groups = 4 * max(1, sum(client.nthreads().values()))
        groups = group_entries(entries, n_groups)
        n_ranges = len(groups)
        ingest_futures = client.map(
            _ingest_group, [_entry_fields(g) for g in groups], max_bytes=max_bytes, pure=False
        )
        split_futures = client.map(_split_by_doc_id, ingest_futures, n_ranges=n_ranges, pure=False)
        # every (group, range) part in one map: one graph update, not one per part
        flat_parts = client.map(
            _range_part,
            [split for split in split_futures for _ in range(n_ranges)],
            [r for _ in split_futures for r in range(n_ranges)],
            pure=False,
        )
        part_futures = [flat_parts[g * n_ranges : (g + 1) * n_ranges] for g in range(len(groups))]
        shared = _prepare_codebook(codebook_path, tagger)  # while the workers ingest
        shared_futures = {
            key: client.scatter(value, broadcast=True, hash=False) for key, value in shared.items()
        }
        stage_futures = [
            client.submit(
                _run_range, [parts[r] for parts in part_futures], pure=False, **shared_futures
            )
            for r in range(n_ranges)
        ]
        try:
            # the groups are contiguous in source order, so they merge as one ingest's chunks
            # do; merged here, while the workers run the stages
            merged = merge_ingested(client.gather(ingest_futures))
            staged_ranges = _gather_as_completed(stage_futures)
        finally:
            client.cancel(
                ingest_futures
                + split_futures
                + [f for parts in part_futures for f in parts]
                + stage_futures
                + list(shared_futures.values())
            )
    return CorpusRun(
        merged.documents,
        merged.rejects,
        merged.inputs,
        _concat_ranges([t[0] for t in staged_ranges], "sentences"),
        _concat_ranges([t[1] for t in staged_ranges], "tokens"),
        _concat_ranges([t[2] for t in staged_ranges], "mentions"),
    )


# --------------------------------------------------------------------------- streaming output


# --------------------------------------------------------------------------- aggregation

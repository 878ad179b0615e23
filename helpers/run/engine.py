"""One code path on two engines: run the pipeline stages in-process (pandas) or on Dask.

The stages are the pure partition functions of :mod:`helpers.run.pipeline`. The engine only
decides *where* they run:

* ``engine="pandas"`` — a loop over the partitions in this process.
* ``engine="dask"`` — the same partitions scattered to a ``distributed`` cluster and mapped
  with the same functions. ``scheduler=None`` starts a private
  ``LocalCluster(n_workers=<cores>, threads_per_worker=1, host="127.0.0.1",
  dashboard_address=None, processes=True)`` and closes it afterwards (:func:`dask_client`);
  ``scheduler="tcp://host:8786"`` connects to a running scheduler (see ``docs/scale.md``);
  a ``distributed.Client`` is used as is and left open.

Documents are grouped into partitions of about ``partition_bytes`` bytes of UTF-8 text, in
``documents`` order, a document never split (:func:`partition_documents`). Both engines
concatenate the parts in partition order and sort them stably by
:data:`helpers.run.pipeline.SORT_KEYS`, so they return identical tables (same rows, order, dtypes).

Streaming (corpora larger than memory): :func:`write_partitioned` writes an iterator of frames
as ``<out_dir>/<name>/part-00000.parquet`` … each part atomically (temp file + ``os.replace``);
:func:`stream_corpus` reads a corpus chunk by chunk with :func:`helpers.ingest.corpus.iter_ingest` and
writes every table that way, so memory is bounded by the chunk size. Aggregations over many
mention rows: :func:`count_mentions` (categorical keys in pandas) or
:func:`count_mentions_duckdb` straight on the Parquet files.

Noise: ``distributed`` logs INFO lines for every cluster start; they are set to WARNING (in this
process and on the workers of a private cluster) so notebooks stay readable.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from helpers.claims.annotate import Tagger
from helpers.core.io import atomic_write
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
    "check_scheduler",
    "partition_documents",
    "dask_client",
    "run_text_stage",
    "run_annotate_stage",
    "run_pipeline",
    "write_part",
    "write_partitioned",
    "read_partitioned",
    "stream_corpus",
    "count_mentions",
    "count_mentions_duckdb",
]

#: Accepted values of ``engine``.
ENGINES: tuple[str, ...] = ("pandas", "dask")

_SCHEDULER_RE = re.compile(r"^(tcp|tls|ucx|inproc)://[^\s/:]+(:\d{1,5})?/?$")
_PART_RE = re.compile(r"^part-(\d{5,})\.parquet$")
_LOG_LEVEL = logging.WARNING


# --------------------------------------------------------------------------- validation


def check_engine(engine: Any) -> str:
    """Return ``engine`` if it is ``"pandas"`` or ``"dask"``; ``ValueError`` naming it otherwise."""
    if not isinstance(engine, str) or engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}; got {engine!r}")
    return engine


def check_scheduler(scheduler: Any, engine: str) -> Any:
    """Validate ``scheduler`` for ``engine``; ``ValueError`` naming the parameter otherwise.

    With ``engine="pandas"`` it must be ``None``. With ``"dask"``: ``None`` (private local
    cluster), an address ``"tcp://host:port"`` (also ``tls://``, ``ucx://``, ``inproc://``), or
    a ``distributed.Client``.
    """
    check_engine(engine)
    if scheduler is None:
        return None
    if engine == "pandas":
        raise ValueError(
            f"scheduler is only used with engine='dask'; got scheduler={scheduler!r} with "
            "engine='pandas'"
        )
    if isinstance(scheduler, str):
        if not _SCHEDULER_RE.match(scheduler.strip()):
            raise ValueError(
                "scheduler must be None or a Dask scheduler address like 'tcp://host:8786'; "
                f"got {scheduler!r}"
            )
        return scheduler.strip()
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler
    raise ValueError(
        "scheduler must be None, an address like 'tcp://host:8786' or a distributed.Client; "
        f"got {type(scheduler).__name__} {scheduler!r}"
    )


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


# --------------------------------------------------------------------------- dask


def _quiet_distributed_logs() -> None:
    for name in (
        "distributed",
        "distributed.scheduler",
        "distributed.worker",
        "distributed.nanny",
        "distributed.core",
        "distributed.http.proxy",
    ):
        logging.getLogger(name).setLevel(_LOG_LEVEL)


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def dask_client(
    scheduler: Any = None, *, n_workers: int | None = None, timeout: str = "20s"
) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, closed (with its cluster) on exit.

    ``None`` starts a private ``LocalCluster`` of ``n_workers`` (default: the usable cores)
    one-thread worker processes on 127.0.0.1 with no dashboard; an address connects to a
    running scheduler (``ConnectionError`` naming it when unreachable within ``timeout``); a
    ``Client`` is yielded unchanged and not closed.
    """
    scheduler = check_scheduler(scheduler, "dask")
    from distributed import Client, LocalCluster

    _quiet_distributed_logs()
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is None:
        workers = _default_workers() if n_workers is None else int(n_workers)
        if workers < 1:
            raise ValueError(f"n_workers must be ≥ 1; got {n_workers!r}")
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address=None,
                processes=True,
                silence_logs=_LOG_LEVEL,
                # No dashboard, but the scheduler still serves its small HTTP API (health,
                # metrics) and defaults it to port 8787: a second cluster on the machine then
                # warns "Port 8787 is already in use". Any free port on 127.0.0.1 instead.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except OSError as exc:  # TimeoutError / ConnectionRefusedError are OSErrors
        raise ConnectionError(
            f"cannot reach the Dask scheduler at {scheduler} within {timeout}: {exc}"
        ) from None
    with client:
        yield client


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
            return client.gather(futures)
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
    return _run_full(
        documents, _prepare_codebook(codebook_path, tagger), engine, scheduler, partition_bytes
    )


def _run_full(
    documents: pd.DataFrame,
    shared: dict[str, Any],
    engine: str,
    scheduler: Any,
    partition_bytes: int,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    parts = partition_documents(documents, partition_bytes)
    results = _map(full_stage, [(p,) for p in parts], engine, scheduler, shared)
    return (
        _concat([r[0] for r in results], "sentences"),
        _concat([r[1] for r in results], "tokens"),
        _concat([r[2] for r in results], "mentions"),
    )


# --------------------------------------------------------------------------- streaming output


def _part_path(out_dir: Path, name: str, index: int) -> Path:
    return Path(out_dir) / name / f"part-{index:05d}.parquet"


def write_part(frame: pd.DataFrame, out_dir: str | Path, name: str, index: int) -> Path:
    """Write ``frame`` as ``<out_dir>/<name>/part-<index:05d>.parquet`` atomically.

    The file appears complete or not at all (temp file in the same folder, then
    ``os.replace``); no index, zstd, no statistics, so reruns are byte-identical.
    """
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ValueError(f"name must be a plain table name like 'tokens'; got {name!r}")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or index < 0:
        raise ValueError(f"index must be a non-negative integer; got {index!r}")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return atomic_write(
        _part_path(Path(out_dir), name, int(index)),
        lambda tmp: pq.write_table(table, tmp, compression="zstd", write_statistics=False),
    )


def _remove_stale_parts(folder: Path, keep: int) -> None:
    """Delete ``part-N.parquet`` files with ``N >= keep`` left by an earlier, longer run."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        m = _PART_RE.match(path.name)
        if m and int(m.group(1)) >= keep:
            path.unlink()


def write_partitioned(
    df_iter: Iterable[pd.DataFrame], out_dir: str | Path, name: str
) -> list[Path]:
    """Write each frame of ``df_iter`` as the next part of ``<out_dir>/<name>/``.

    Frames are written as they come (memory: one frame), each atomically
    (:func:`write_part`). When the iterator is exhausted, parts with a higher number left over
    from an earlier run are deleted, so ``<name>/part-*.parquet`` is exactly this run's output.
    If the iterator raises, the parts already written stay and no partial file exists.
    Returns the written paths in order.
    """
    paths = [write_part(frame, out_dir, name, i) for i, frame in enumerate(df_iter)]
    _remove_stale_parts(Path(out_dir) / name, len(paths))
    return paths


def read_partitioned(out_dir: str | Path, name: str) -> pd.DataFrame:
    """Concatenate ``<out_dir>/<name>/part-*.parquet`` in part order (``FileNotFoundError`` if
    there are none)."""
    folder = Path(out_dir) / name
    numbered = sorted(
        (int(m.group(1)), p) for p in folder.glob("part-*.parquet") if (m := _PART_RE.match(p.name))
    )
    paths = [p for _, p in numbered]
    if not paths:
        raise FileNotFoundError(f"no part-*.parquet files in {folder}")
    return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True)


def stream_corpus(
    corpus: str | Path,
    out_dir: str | Path,
    codebook_path: CodebookLike,
    *,
    chunk_records: int = 2000,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_bytes: int = 1_000_000,
    tagger: Tagger | None = None,
) -> dict[str, int]:
    """Ingest ``corpus`` chunk by chunk and write ``documents, sentences, tokens, mentions,
    rejects`` as partitioned Parquet under ``out_dir`` (part *i* of every table = chunk *i*).

    Memory is bounded by ``chunk_records`` (plus one doc_id and source per document, kept to
    drop duplicates across chunks exactly as :func:`helpers.ingest.corpus.ingest_corpus` does: the
    first by sorted source is kept, a later copy becomes a ``duplicate`` reject). With
    ``engine="dask"`` one client is kept open for all chunks. Returns row counts per table.
    """
    from helpers.ingest.corpus import dedup_documents, duplicate_rejects, iter_ingest  # heavy: lazy

    engine = check_engine(engine)
    scheduler = check_scheduler(scheduler, engine)
    shared = _prepare_codebook(codebook_path, tagger)
    names = ("documents", "sentences", "tokens", "mentions", "rejects")
    counts = dict.fromkeys(names, 0)
    seen: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        if engine == "dask":
            scheduler = stack.enter_context(dask_client(scheduler))
        index = 0
        for chunk in iter_ingest(corpus, chunk_records=chunk_records, progress=False):
            docs, rejects = dedup_documents(chunk.documents, chunk.rejects)
            dup = docs["doc_id"].map(lambda d: d in seen).astype(bool)
            if dup.any():  # a copy of a document kept in an earlier chunk
                dropped = docs.loc[dup, ["source", "doc_id"]].itertuples(index=False)
                extra = duplicate_rejects(dropped, seen)
                rejects = pd.concat([rejects, extra], ignore_index=True).sort_values(
                    ["source", "reason"], kind="stable", ignore_index=True
                )
                docs = docs.loc[~dup].reset_index(drop=True)
            seen.update(zip(docs["doc_id"], docs["source"]))
            sentences, tokens, mentions = _run_full(
                docs, shared, engine, scheduler, partition_bytes
            )
            for name, frame in zip(names, (docs, sentences, tokens, mentions, rejects)):
                write_part(frame, out_dir, name, index)
                counts[name] += len(frame)
            index += 1
    for name in names:
        _remove_stale_parts(Path(out_dir) / name, index)
    return counts


# --------------------------------------------------------------------------- aggregation


def count_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions and documents per claim: ``claim_id, n_mentions, n_docs`` sorted by claim_id.

    Grouped on a categorical ``claim_id`` (a few dozen codes over millions of rows).
    """
    keys = mentions["claim_id"].astype("category")
    grouped = mentions.assign(claim_id=keys).groupby("claim_id", observed=True, sort=True)
    out = pd.DataFrame(
        {
            "n_mentions": grouped.size().astype("int64"),
            "n_docs": grouped["doc_id"].nunique().astype("int64"),
        }
    ).reset_index()
    out["claim_id"] = out["claim_id"].astype("str")
    return out.sort_values("claim_id", ignore_index=True)


def count_mentions_duckdb(parquet_glob: str | Path) -> pd.DataFrame:
    """:func:`count_mentions` computed by DuckDB directly on Parquet files
    (e.g. ``"out/mentions/part-*.parquet"``), without loading the mentions into pandas."""
    import duckdb

    with duckdb.connect(":memory:") as con:
        rows = con.execute(
            "SELECT claim_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_docs "
            "FROM read_parquet(?) GROUP BY claim_id ORDER BY claim_id",
            [str(parquet_glob)],
        ).fetchall()
    return pd.DataFrame(
        {
            "claim_id": pd.Series([r[0] for r in rows], dtype="str"),
            "n_mentions": pd.Series([r[1] for r in rows], dtype="int64"),
            "n_docs": pd.Series([r[2] for r in rows], dtype="int64"),
        }
    )

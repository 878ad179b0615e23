"""A corpus larger than memory, chunk by chunk: ingest, drop duplicates across chunks, run the
stages, write every table as Parquet parts (:mod:`helpers.run.parts`)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.claims.annotate import Tagger
from helpers.run.cluster import check_scheduler, dask_client
from helpers.run.engine import check_engine, run_pipeline
from helpers.run.parts import remove_stale_parts, write_part
from helpers.run.pipeline import CodebookLike, as_codebook

__all__ = ["stream_corpus"]


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
    # loaded once for every chunk; without a tagger, each process builds one from it once
    # (helpers.run.pipeline.annotate_stage): a Dask worker per chunk, as it gets a new copy
    codebook = as_codebook(codebook_path)
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
            sentences, tokens, mentions = run_pipeline(
                docs, codebook, engine, scheduler, partition_bytes, tagger=tagger
            )
            for name, frame in zip(names, (docs, sentences, tokens, mentions, rejects)):
                write_part(frame, out_dir, name, index)
                counts[name] += len(frame)
            index += 1
    for name in names:
        remove_stale_parts(Path(out_dir) / name, index)
    return counts

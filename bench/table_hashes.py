"""Content hashes of the pipeline's tables, to show a speed change changed no result (prints).

``table_hashes`` hashes each table's rows in order (pandas' row hashes of every column, index
ignored), so two runs that produce the same rows in the same order print the same digest.
The command line runs the pipeline — ingest → sentences → tokens → mentions — on the seeds
and on a synthetic corpus built like ``run_all.py``'s end-to-end corpus, and prints one
digest per table; run it before and after a change and compare (``--check FILE`` compares
with a saved JSON and exits 1 on any difference)::

    .venv/bin/python bench/table_hashes.py --size-mb 5 --save /tmp/before.json
    .venv/bin/python bench/table_hashes.py --size-mb 5 --check /tmp/before.json
    .venv/bin/python bench/table_hashes.py --corpus ../shared/dev-news --save /tmp/before.json
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _p in (str(ROOT), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

__all__ = ["table_hash", "table_hashes", "pipeline_hashes", "main"]

CODEBOOK = ROOT / "codebook" / "russia_iran.yaml"


def table_hash(frame: pd.DataFrame) -> str:
    """sha256 (first 16 hex) of the column names, dtypes and row hashes of ``frame``."""
    digest = hashlib.sha256()
    digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    rows = pd.util.hash_pandas_object(frame, index=False)
    digest.update(rows.to_numpy().tobytes())
    return digest.hexdigest()[:16]


def table_hashes(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """``{name: table_hash(table)}`` plus the row count of each table."""
    return {name: f"{table_hash(t)} ({len(t)} rows)" for name, t in tables.items()}


def pipeline_hashes(corpus: Path) -> dict[str, str]:
    """Hashes of documents, rejects, sentences, tokens and mentions of ``corpus``."""
    from helpers.ingest.corpus import ingest_corpus
    from helpers.run.engine import run_annotate_stage, run_text_stage

    result = ingest_corpus(corpus, progress=False)
    sentences, tokens = run_text_stage(result.documents)
    mentions = run_annotate_stage(result.documents, sentences, CODEBOOK)
    return table_hashes(
        {
            "documents": result.documents,
            "rejects": result.rejects,
            "sentences": sentences,
            "tokens": tokens,
            "mentions": mentions,
        }
    )


def main(argv: list[str] | None = None) -> int:
    """Print the hashes of the seeds' and a synthetic corpus' tables (or compare them)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--save", type=Path, help="write the hashes to this JSON file")
    parser.add_argument("--check", type=Path, help="compare with hashes saved by --save")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        help="also hash this corpus as it is (repeatable), e.g. the real news of ../shared/dev-news",
    )
    args = parser.parse_args(argv)
    from run_all import build_raw_corpus

    hashes = {"seeds": pipeline_hashes(ROOT / "seeds")}
    with tempfile.TemporaryDirectory(prefix="table-hashes-") as tmp:
        info = build_raw_corpus(Path(tmp), args.size_mb, shards=1)
        hashes[f"synthetic {args.size_mb:g} MB"] = pipeline_hashes(Path(info["shards"][0]))
    for corpus in args.corpus:
        hashes[str(corpus)] = pipeline_hashes(corpus)
    for corpus, table in hashes.items():
        for name, digest in table.items():
            print(f"{corpus:20s} {name:10s} {digest}")
    if args.save:
        args.save.write_text(json.dumps(hashes, indent=1), encoding="utf-8")
    if args.check:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
        if saved != hashes:
            print("DIFFERENT from", args.check)
            return 1
        print("identical to", args.check)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingestion speed and memory figures (prints; never a test).

Builds synthetic corpora from the seeds in a temporary folder and times
``helpers.ingest.corpus.ingest_corpus`` on them:

* ``--tiny N`` files of one Hebrew sentence each, in folders of 100 (per-file overhead);
* ``--mid-mb`` MB of mid-size ``.txt`` files: the five seeds repeated, each file a seed whose
  first paragraph is numbered so none is a duplicate (the typical scraped-article path);
* one article of ``--size-mb`` MB built from seed 000's paragraphs, numbered so no line
  repeats (the whole text path on a huge document);
* a JSONL file of ``--records`` news-please records, streamed with ``iter_ingest`` (peak
  memory is bounded by the chunk, not the file).

Usage: ``.venv/bin/python bench/bench_ingest.py [--size-mb 50] [--tiny 10000] [--records 20000]
[--mid-mb 10] [--profile]`` — ``--profile`` prints the 25 most expensive functions (cProfile,
by own time) of the mid-size and the big-article runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.ingest.corpus import ingest_corpus, iter_ingest  # noqa: E402

SEED = next((ROOT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
PARAS = [line for line in SEED.splitlines() if len(line) > 100]
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]


def _numbered_seed(n: int) -> str:
    """Seed ``n % 5`` with " (n)" after its first paragraph (a line of over 100 characters)."""
    lines = SEEDS[n % len(SEEDS)].split("\n")
    first = next(i for i, line in enumerate(lines) if len(line) > 100)
    lines[first] += f" ({n})"
    return "\n".join(lines)


def _timed_ingest(path: Path, profile: bool):
    """``ingest_corpus(path)`` → (result, wall seconds, CPU seconds), optionally profiled."""
    profiler = cProfile.Profile() if profile else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    result = ingest_corpus(path, progress=False)
    if profiler is not None:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())
    return result, elapsed, cpu


def bench_mid(tmp: Path, size_mb: float, profile: bool = False) -> None:
    corpus = tmp / "mid"
    corpus.mkdir()
    size = n = 0
    while size < size_mb * 1e6:
        data = _numbered_seed(n).encode("utf-8")
        (corpus / f"{n:06d}.txt").write_bytes(data)
        size += len(data)
        n += 1
    result, elapsed, cpu = _timed_ingest(corpus, profile)
    print(
        f"mid-size files: {n:,} files, {size / 1e6:.1f} MB → {len(result.documents):,} documents, "
        f"{len(result.rejects):,} rejects in {elapsed:.2f} s wall, {cpu:.2f} CPU s "
        f"({size / 1e6 / cpu:.2f} MB per CPU-second)"
    )


def bench_tiny(tmp: Path, n: int) -> None:
    corpus = tmp / "tiny"
    for i in range(n):
        sub = corpus / f"f{i // 100:04d}"
        if i % 100 == 0:
            sub.mkdir(parents=True)
        (sub / f"{i:06d}.txt").write_text(
            f"פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן, הודעה מספר {i}\n", encoding="utf-8"
        )
    start = time.perf_counter()
    result = ingest_corpus(corpus, progress=False)
    elapsed = time.perf_counter() - start
    print(
        f"tiny files: {n:,} files → {len(result.documents):,} documents, "
        f"{len(result.rejects):,} rejects in {elapsed:.2f} s ({1e3 * elapsed / n:.3f} ms/file)"
    )


def bench_big(tmp: Path, size_mb: float, profile: bool = False) -> None:
    path = tmp / "big.txt"
    parts, size, i = [SEED], len(SEED.encode("utf-8")), 0
    while size < size_mb * 1024 * 1024:
        line = f"{PARAS[i % len(PARAS)]} ({i})\n\n"
        parts.append(line)
        size += len(line.encode("utf-8"))
        i += 1
    path.write_text("".join(parts), encoding="utf-8")
    result, elapsed, cpu = _timed_ingest(path, profile)
    print(
        f"one article: {size / 1e6:.1f} MB → {len(result.documents)} document "
        f"({len(result.documents.iloc[0]['text']) / 1e6:.1f} M chars of text) in {elapsed:.2f} s "
        f"wall, {cpu:.2f} CPU s ({size / 1e6 / elapsed:.2f} MB/s wall, "
        f"{size / 1e6 / cpu:.2f} MB per CPU-second)"
    )


def bench_jsonl(tmp: Path, records: int) -> None:
    path = tmp / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(records):
            rec = {
                "title": f"פוטין וטהרן {i}",
                "maintext": f"{PARAS[i % len(PARAS)]} ({i})",
                "date_publish": "2026-03-21 10:35:00",
                "source_domain": "news.walla.co.il",
                "language": "he",
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    n_docs = 0
    for chunk in iter_ingest(path, chunk_records=2000, progress=False):
        n_docs += len(chunk.documents)
    elapsed = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"jsonl stream: {path.stat().st_size / 1e6:.1f} MB, {records:,} records → {n_docs:,} "
        f"documents in {elapsed:.2f} s ({records / elapsed:,.0f} records/s); peak RSS "
        f"{rss_after / 1024:.0f} MB (+{(rss_after - rss_before) / 1024:.0f} MB while streaming, "
        "chunk_records=2000)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=50.0)
    parser.add_argument("--tiny", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--mid-mb", type=float, default=10.0)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print cProfile's top functions for the mid-size and big runs",
    )
    args = parser.parse_args(argv)
    print("bench_ingest — SYNTHETIC corpora built from the seed articles")
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        bench_jsonl(Path(tmp), args.records)
        bench_tiny(Path(tmp), args.tiny)
        bench_mid(Path(tmp), args.mid_mb, args.profile)
        bench_big(Path(tmp), args.size_mb, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

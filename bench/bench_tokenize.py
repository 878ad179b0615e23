"""Tokenizer throughput: hebrew_tokenizer, camel-tools, our tokenize() and our tokens_table path.

The corpus is SYNTHETIC: the five cleaned seed articles (seeds/, Hebrew and Arabic) repeated
until it reaches ``--size-mb`` megabytes (MB = 10^6 bytes of UTF-8). Every tool gets the same
documents: the per-call tokenizers are called once per document and their results discarded;
the table path runs ``tokens_table`` once over the whole corpus (sentences are computed
beforehand and not timed). Each tool is warmed up on one document first.

MB/s are per CPU-second of this process (``time.process_time``, all threads), i.e. per core,
and so are less distorted by other processes competing for the machine; each tool runs
``--repeats`` times (default 3) and its fastest run counts. Wall seconds are printed too.

Polars is limited to one thread (``POLARS_MAX_THREADS=1``, set here before Polars is imported)
so every figure is per core; if Polars was imported earlier with more threads the printed
thread count says so.

    .venv/bin/python bench/bench_tokenize.py --size-mb 20
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402

from bench._hebrew_tokenizer import load_hebrew_tokenizer  # noqa: E402
from helpers.text.clean import clean_text  # noqa: E402
from helpers.text.segment import sentences_table  # noqa: E402
from helpers.text.tokenize import tokenize, tokens_table  # noqa: E402

__all__ = ["run", "build_corpus", "main"]

HE_SEEDS = ("000", "002", "004")


def build_corpus(size_mb: float) -> pd.DataFrame:
    """The synthetic corpus: cleaned seeds repeated to ``size_mb`` MB (``doc_id, lang, text``)."""
    seeds = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lang = "he" if path.name[:3] in HE_SEEDS else "ar"
        seeds.append((lang, clean_text(path.read_text(encoding="utf-8"), lang)))
    rows: list[tuple[str, str, str]] = []
    total = 0
    target = size_mb * 1e6
    while total < target:
        lang, text = seeds[len(rows) % len(seeds)]
        rows.append((f"doc{len(rows):07d}", lang, text))
        total += len(text.encode("utf-8"))
    return pd.DataFrame(rows, columns=["doc_id", "lang", "text"])


def _time(func: Callable[[], object], repeats: int = 1) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) of the fastest of ``repeats`` calls of
    ``func`` (the minimum is the figure least disturbed by other processes on the machine)."""
    best = (float("inf"), float("inf"))
    for _ in range(max(repeats, 1)):
        cpu, wall = time.process_time(), time.perf_counter()
        func()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def run(size_mb: float, repeats: int = 3) -> list[dict]:
    """Measure every tokenizer on a ``size_mb`` corpus; one dict per tool with ``tool``, ``mb``,
    ``cpu_seconds``, ``wall_seconds``, ``mb_per_s`` (per CPU-second) and the speed ratios
    ``x_hebrew_tokenizer`` and ``x_camel``. Every tool is timed ``repeats`` times, the fastest
    run counts."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    docs = build_corpus(size_mb)
    mb = sum(len(t.encode("utf-8")) for t in docs["text"]) / 1e6
    pairs = list(zip(docs["text"], docs["lang"]))
    ht = load_hebrew_tokenizer()

    def per_call(func: Callable[[str, str], object]) -> Callable[[], None]:
        def loop() -> None:
            for text, lang in pairs:
                func(text, lang)

        return loop

    tools: dict[str, Callable[[], None]] = {
        "hebrew_tokenizer 2.3.0 (per call)": per_call(lambda t, _l: list(ht.tokenize(t))),
        "camel simple_word_tokenize (per call)": per_call(lambda t, _l: simple_word_tokenize(t)),
        "crosspress tokenize() (per call)": per_call(tokenize),
    }
    # warm-up on one document each
    text0, lang0 = pairs[0]
    list(ht.tokenize(text0))
    simple_word_tokenize(text0)
    tokenize(text0, lang0)
    seconds = {name: _time(func, repeats) for name, func in tools.items()}

    sentences = sentences_table(docs)
    tokens_table(docs.iloc[:5], sentences[sentences["doc_id"].isin(docs["doc_id"].iloc[:5])])
    seconds["crosspress tokens_table (Polars, corpus)"] = _time(
        lambda: tokens_table(docs, sentences), repeats
    )

    ht_s = seconds["hebrew_tokenizer 2.3.0 (per call)"][0]
    camel_s = seconds["camel simple_word_tokenize (per call)"][0]
    return [
        {
            "tool": name,
            "mb": round(mb, 2),
            "cpu_seconds": round(cpu, 3),
            "wall_seconds": round(wall, 3),
            "mb_per_s": round(mb / cpu, 2),
            "x_hebrew_tokenizer": round(ht_s / cpu, 2),
            "x_camel": round(camel_s / cpu, 2),
        }
        for name, (cpu, wall) in seconds.items()
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size-mb", type=float, default=20.0, help="corpus size in MB (default 20)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs per tool, fastest counts")
    args = parser.parse_args(argv)
    rows = run(args.size_mb, args.repeats)
    print(
        f"synthetic corpus: cleaned seeds repeated to {rows[0]['mb']} MB; "
        f"polars threads: {pl.thread_pool_size()}; python {sys.version.split()[0]}"
    )
    print(f"{'tool':42s} {'cpu s':>8s} {'wall s':>8s} {'MB/s':>8s} {'x HT':>7s} {'x camel':>8s}")
    for r in rows:
        print(
            f"{r['tool']:42s} {r['cpu_seconds']:8.3f} {r['wall_seconds']:8.3f} "
            f"{r['mb_per_s']:8.2f} {r['x_hebrew_tokenizer']:7.2f} {r['x_camel']:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

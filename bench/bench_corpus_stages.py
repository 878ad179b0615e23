"""CPU seconds per stage on any corpus folder — e.g. the real news of ../shared/dev-news.

    .venv/bin/python bench/bench_corpus_stages.py ../shared/dev-news [--reps 3]
    .venv/bin/python bench/bench_corpus_stages.py --corpus ../shared/dev-news   (the same)

The synthetic bench corpus of ``run_all.py`` repeats the seed articles' lines thousands of
times, so a memo keyed on repeated text looks better there than on real news; this times the
same three stages (``ingest_corpus``, ``run_text_stage``, ``run_annotate_stage`` with the
project codebook, its load included) on a corpus as it is. Each repetition runs in a fresh
subprocess (no memo survives from one to the next); the fastest counts.

``annotate`` is also printed in two parts: ``annotate_setup`` — loading and validating the
codebook and building its tagger, a fixed cost per process whatever the corpus size — and
``annotate_tagging``, the rest (the stage itself, with the codebook and tagger built).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "segment_tokenize", "annotate", "annotate_setup", "annotate_tagging", "total")


def _one_run(corpus: str) -> dict[str, float]:
    """One timing of the stages in this process (CPU seconds)."""
    sys.path.insert(0, str(ROOT))
    from helpers.ingest.corpus import ingest_corpus
    from helpers.run.engine import run_annotate_stage, run_text_stage
    from helpers.run.pipeline import _tagger_for, as_codebook

    start = time.process_time()
    ingested = ingest_corpus(corpus, progress=False)
    after_ingest = time.process_time()
    sentences, _tokens = run_text_stage(ingested.documents)
    after_text = time.process_time()
    # what run_annotate_stage does first (load the codebook; the stage builds its tagger once
    # per process for that codebook object): timed apart, then the stage reuses both
    codebook = as_codebook(ROOT / "codebook" / "russia_iran.yaml")
    _tagger_for(codebook)
    after_setup = time.process_time()
    mentions = run_annotate_stage(ingested.documents, sentences, codebook)
    end = time.process_time()
    return {
        "ingest": after_ingest - start,
        "segment_tokenize": after_text - after_ingest,
        "annotate": end - after_text,
        "annotate_setup": after_setup - after_text,
        "annotate_tagging": end - after_setup,
        "total": end - start,
        "documents": len(ingested.documents),
        "sentences": len(sentences),
        "mentions": len(mentions),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the fastest of ``--reps`` fresh-process timings per stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="the corpus folder (or give it as --corpus)")
    parser.add_argument("--corpus", dest="corpus_option", metavar="CORPUS", help="the same")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if (args.corpus is None) == (args.corpus_option is None):
        parser.error("give the corpus folder once: as the argument or as --corpus")
    args.corpus = args.corpus or args.corpus_option
    if args.one_run:
        print(json.dumps(_one_run(args.corpus)))
        return 0
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, args.corpus, "--one-run"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.splitlines()[-1]
        )
        for _ in range(args.reps)
    ]
    raw_mb = sum(p.stat().st_size for p in Path(args.corpus).rglob("*") if p.is_file()) / 1e6
    first = runs[0]
    print(
        f"{args.corpus}: {raw_mb:.2f} MB of input files, {first['documents']} documents, "
        f"{first['sentences']} sentences, {first['mentions']} mentions; "
        f"fastest of {len(runs)} fresh processes"
    )
    for stage in STAGES:
        cpu = min(r[stage] for r in runs)
        print(f"  {stage:18s} {cpu:6.2f} CPU-s   {raw_mb / cpu:6.2f} MB per CPU-second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

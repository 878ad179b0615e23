"""Benchmark the claim tagger: Aho–Corasick candidates vs the naive every-pattern loop.

Corpora (synthetic, said so in the output), from the sentences of the five seed articles
(cleaned with ``helpers.text.clean.clean_text``, split with ``helpers.text.segment.split_sentences``):
``seeds_repeated`` — the seeds repeated until ``n_sentences`` is reached, each repetition its
own document (claim-dense: about a third of the sentences carry a claim); ``mixed_10pct_claims``
— 40-sentence documents drawn so that ~10% of the sentences carry a claim. Every third
document also gets synthetic sentences built by shuffling the words of its sentences. Codebook: ``codebook/russia_iran.yaml`` when it exists, else a small
built-in one (printed).

Run: ``.venv/bin/python bench/bench_tagger.py [n_sentences]`` (default 20000; ``--help``
lists the options). Prints
sentences/s (wall clock and per CPU second, single process = one core) for both taggers, the
speed-up (CPU time ratio), and asserts that both produced identical mentions. Both timings
include the normalisation of every document (the tagger's per-character table, equal to
``normalize_for_match``), grouping the sentences and building the mentions table; the tagger
(automaton, every pattern's regex compiled) is built once beforehand and shared.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.claims.annotate import Tagger, annotate, annotate_naive  # noqa: E402
from helpers.claims.codebook import load_codebook  # noqa: E402
from helpers.text.clean import clean_text, normalize_for_match  # noqa: E402
from helpers.text.segment import split_sentences  # noqa: E402

__all__ = ["run", "main"]

SEED_LANG = {"000": "he", "001": "ar", "002": "he", "003": "ar", "004": "he"}
FALLBACK_CODEBOOK = """\
codebook: bench-ru-ir
version: 1
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, רוסי*, מוסקבה], ar: [روسيا, روسي*, موسكو]}
  IR: {en: Iran, kind: state, he: [איראן, איראני*, טהרן], ar: [إيران, إيراني*, طهران]}
  KREMLIN: {en: Kremlin, kind: institution, he: [קרמלין], ar: [الكرملين]}
  PUTIN: {en: Vladimir Putin, kind: person, he: [פוטין], ar: [بوتين]}
  PESKOV: {en: Dmitry Peskov, kind: person, he: [פסקוב], ar: [بيسكوف]}
media:
  POLITICO: {en: Politico, he: [פוליטיקו], ar: [بوليتيكو]}
speech_verbs: {he: [אמר, הצהיר, הדגיש, ציין, מסר, דיווח], ar: [قال, أكد, أعلن, أضاف, ذكر]}
attribution: {he: [לפי, על פי], ar: [بحسب, وفقا ل]}
hedges: {he: [לפי דיווח*, ככל הנראה], ar: [وبحسب تقارير, يرى مراقبون]}
negators: {he: [לא, אין, אינ*, ללא], ar: [لا, لم, لن, ليس]}
claims:
  - {id: RU_LOYAL_PARTNER, en: loyal partner, frame: alliance-strong, requires: [[RU, PUTIN, KREMLIN]],
     he: [ידידה נאמנה, שותפה אמינה, חברים נאמנים], ar: [شراك*, شريك موثوق]}
  - {id: NO_MUTUAL_DEFENCE, en: no mutual defence, frame: alliance-limited,
     he: [סעיף הגנה הדדית], ar: [دفاع مشترك]}
  - {id: RU_MEDIATES, en: Russia mediates, frame: broker, he: [מתווכת, תיווכ*], ar: [وساطة]}
  - {id: MILITARY_COOP, en: military cooperation, frame: military,
     he: [מודיעין, שיתוף ~2 צבאי], ar: [التعاون العسكري, منظوم* الدفاع]}
  - {id: NUCLEAR, en: nuclear, frame: nuclear, he: [גרעיני*], ar: [نووي*]}
"""


def _seed_sentences() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lang = SEED_LANG.get(path.name[:3], "he")
        text = clean_text(path.read_text(encoding="utf-8"), lang)
        out.extend((lang, text[s:e]) for s, e in split_sentences(text, lang))
    return out


def _split_by_claims(base: list[tuple[str, str]], tagger: Tagger) -> tuple[list, list]:
    """Seed sentences with / without a mention when tagged on their own."""
    with_claim, without = [], []
    for lang, sent in base:
        norm = normalize_for_match(sent, lang)
        rows = tagger.tag_sentence("x", 0, sent, norm, 0, lang) if lang in tagger.languages else []
        (with_claim if rows else without).append((lang, sent))
    return with_claim, without


def build_corpus(
    n_sentences: int,
    seed: int = 7,
    *,
    claim_share: float | None = None,
    tagger: Tagger | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and sentences tables with at least ``n_sentences`` sentences (see module doc).

    ``claim_share=None``: the seeds verbatim, repeated (claim-dense: about a third of the
    sentences carry a claim). ``claim_share=0.1`` (needs ``tagger``): documents of 40
    sentences drawn from the seed sentences so that about that share carry a claim (news
    articles mostly talk about other things).
    """
    rng = random.Random(seed)
    base = _seed_sentences()
    if claim_share is not None:
        assert tagger is not None, "claim_share needs a tagger"
        with_claim, without = _split_by_claims(base, tagger)
    docs, sents = [], []
    total, rep = 0, 0
    while total < n_sentences:
        for lang in ("he", "ar"):
            if claim_share is None:
                pool = [s for lg, s in base if lg == lang]
            else:
                pos_pool = [s for lg, s in with_claim if lg == lang]
                neg_pool = [s for lg, s in without if lg == lang]
                pool = [
                    rng.choice(pos_pool) if rng.random() < claim_share else rng.choice(neg_pool)
                    for _ in range(40)
                ]
            if rep % 3 == 2:
                pool = pool + [" ".join(rng.sample(s.split(), len(s.split()))) for s in pool]
            text = "\n".join(pool)
            doc_id = hashlib.sha256(f"{rep}-{lang}".encode()).hexdigest()[:16]
            docs.append({"doc_id": doc_id, "lang": lang, "text": text})
            pos = 0
            for i, s in enumerate(pool):
                sents.append({"doc_id": doc_id, "sent_idx": i, "start": pos, "end": pos + len(s)})
                pos += len(s) + 1
            total += len(pool)
        rep += 1
    return pd.DataFrame(docs), pd.DataFrame(sents)


def _codebook():
    path = ROOT / "codebook" / "russia_iran.yaml"
    if path.exists():
        return load_codebook(path), str(path.relative_to(ROOT))
    tmp = Path(tempfile.mkdtemp()) / "bench_codebook.yaml"
    tmp.write_text(FALLBACK_CODEBOOK, encoding="utf-8")
    return load_codebook(tmp), "built-in fallback codebook"


def run(n_sentences: int = 20000) -> list[dict]:
    """Time both taggers on ≥ ``n_sentences`` synthetic sentences, for two corpora: the seeds
    repeated (claim-dense) and a mix where ~10% of sentences carry a claim. One dict per
    (corpus, tagger) — ``name, corpus, sentences, seconds, cpu_seconds, sentences_per_s,
    sentences_per_cpu_s, mentions, sentences_with_mentions`` — plus one speed-up row per
    corpus. Raises ``AssertionError`` if the two mention tables differ."""
    codebook, cb_name = _codebook()
    tagger = Tagger(codebook)
    tagger.compile_patterns()  # built beforehand, as the module docstring says
    results = []
    for corpus, share in (("seeds_repeated", None), ("mixed_10pct_claims", 0.1)):
        docs, sents = build_corpus(n_sentences, claim_share=share, tagger=tagger)
        tables = {}
        timing = {}
        for name, fn in (("automaton", annotate), ("naive", annotate_naive)):
            w0, c0 = time.perf_counter(), time.process_time()
            tables[name] = fn(docs, sents, codebook, tagger=tagger)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            timing[name] = cpu
            results.append(
                {
                    "name": f"tagger_{name}",
                    "corpus": corpus,
                    "sentences": len(sents),
                    "seconds": round(wall, 3),
                    "cpu_seconds": round(cpu, 3),
                    "sentences_per_s": round(len(sents) / wall),
                    "sentences_per_cpu_s": round(len(sents) / cpu),
                    "mentions": len(tables[name]),
                    "sentences_with_mentions": int(
                        tables[name][["doc_id", "sent_idx"]].drop_duplicates().shape[0]
                    ),
                    "codebook": cb_name,
                }
            )
        assert tables["automaton"].equals(tables["naive"]), f"{corpus}: mentions differ"
        results.append(
            {
                "name": "tagger_speedup",
                "corpus": corpus,
                "ratio": round(timing["naive"] / timing["automaton"], 1),
                "identical_mentions": True,
            }
        )
    return results


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench_tagger.py",
        description=(
            "Claim tagger speed on synthetic corpora built from the seed sentences: the"
            " Aho-Corasick tagger (annotate) vs the naive every-pattern loop, identical"
            " mentions asserted; sentences per CPU-second = per core."
        ),
    )
    parser.add_argument(
        "n_sentences",
        nargs="?",
        type=int,
        default=20000,
        help="at least this many sentences per corpus (default: %(default)s)",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark figures (``argv``: the command-line arguments, without the
    program name; None: ``sys.argv[1:]``)."""
    args = _parser().parse_args(argv)
    n = args.n_sentences
    if n < 1:
        _parser().error(f"n_sentences must be at least 1, got {n}")
    print(
        f"synthetic corpora of ≥{n} sentences from the seed sentences (+ word-shuffled copies):"
        " seeds_repeated = claim-dense; mixed_10pct_claims = ~10% claim-bearing sentences"
    )
    for row in run(n):
        print(row)


if __name__ == "__main__":
    main()

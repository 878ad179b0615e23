"""Benchmark the claim tagger: Aho–Corasick candidates vs the naive every-pattern loop.

Corpus (synthetic, said so in the output): the sentences of the five seed articles, cleaned
with ``helpers.clean.clean_text`` and split with ``helpers.segment.split_sentences``, repeated
until ``n_sentences`` is reached, each repetition in its own document; every third document
also gets synthetic sentences built by shuffling the words of seed sentences (so the text is
not only verbatim repeats). Codebook: ``codebook/russia_iran.yaml`` when it exists, else a small
built-in one (printed).

Run: ``.venv/bin/python bench/bench_tagger.py [n_sentences]`` (default 20000). Prints
sentences/s for both taggers and the speed-up, and asserts that both produced identical
mentions.
"""

from __future__ import annotations

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

from helpers.annotate import Tagger, annotate, annotate_naive  # noqa: E402
from helpers.clean import clean_text  # noqa: E402
from helpers.codebook import load_codebook  # noqa: E402
from helpers.segment import split_sentences  # noqa: E402

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


def build_corpus(n_sentences: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and sentences tables with at least ``n_sentences`` sentences (see module doc)."""
    rng = random.Random(seed)
    base = _seed_sentences()
    docs, sents = [], []
    total, rep = 0, 0
    while total < n_sentences:
        for lang in ("he", "ar"):
            pool = [s for lg, s in base if lg == lang]
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
    """Time both taggers on ≥ ``n_sentences`` synthetic sentences; one dict per tagger
    (``name, sentences, seconds, sentences_per_s, mentions``) plus the speed-up row.
    Raises ``AssertionError`` if the two mention tables differ."""
    codebook, cb_name = _codebook()
    docs, sents = build_corpus(n_sentences)
    tagger = Tagger(codebook)
    results = []
    tables = {}
    for name, fn in (("automaton", annotate), ("naive", annotate_naive)):
        t0 = time.perf_counter()
        tables[name] = fn(docs, sents, codebook, tagger=tagger)
        dt = time.perf_counter() - t0
        results.append({
            "name": f"tagger_{name}", "sentences": len(sents), "seconds": round(dt, 3),
            "sentences_per_s": round(len(sents) / dt), "mentions": len(tables[name]),
            "codebook": cb_name,
        })
    assert tables["automaton"].equals(tables["naive"]), "automaton and naive mentions differ"
    results.append({
        "name": "tagger_speedup", "ratio": round(results[1]["seconds"] / results[0]["seconds"], 1),
        "identical_mentions": True,
    })
    return results


def main(argv: list[str]) -> None:
    """Print the benchmark figures."""
    n = int(argv[1]) if len(argv) > 1 else 20000
    print(f"synthetic corpus: seed sentences repeated (+ word-shuffled copies) to ≥{n} sentences")
    for row in run(n):
        print(row)


if __name__ == "__main__":
    main(sys.argv)

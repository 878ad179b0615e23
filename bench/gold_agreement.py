"""Inter-coder agreement of a double-coded gold set, before adjudication.

Reads the two coders' files (``codebook/gold/coders/<name>.A.jsonl`` and ``.B.jsonl``: one
line per judged sentence with ``source``, ``sent_idx``, ``quote`` and ``claims``) and prints,
per language and claim, how many sentences each coder labelled, how many both did, and
Krippendorff's alpha (nominal, sentence x claim presence; the ``krippendorff`` package).

    .venv/bin/python bench/gold_agreement.py [--name dev-news]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import krippendorff
import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path) -> dict[tuple[str, int], dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {(r["source"], r["sent_idx"]): r for r in rows}


def _lang(source: str, quote: str) -> str:
    hebrew = sum("\u0590" <= ch <= "\u05ff" for ch in quote)
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in quote)
    return "he" if hebrew > arabic else "ar"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--name", default="dev-news", help="gold set name under codebook/gold/coders/"
    )
    args = parser.parse_args(argv)
    folder = ROOT / "codebook" / "gold" / "coders"
    coder_a, coder_b = (
        _load(folder / f"{args.name}.A.jsonl"),
        _load(folder / f"{args.name}.B.jsonl"),
    )
    if coder_a.keys() != coder_b.keys():
        raise SystemExit("the two coders judged different sentences")
    claim_ids = sorted(
        {c["claim_id"] for r in [*coder_a.values(), *coder_b.values()] for c in r["claims"]}
    )
    for lang in ("he", "ar"):
        keys = sorted(k for k in coder_a if _lang(k[0], coder_a[k]["quote"]) == lang)
        print(f"== {lang}: {len(keys)} sentences")
        if not keys:
            continue
        all_a: list[int] = []
        all_b: list[int] = []
        for claim in claim_ids:
            a = [int(any(c["claim_id"] == claim for c in coder_a[k]["claims"])) for k in keys]
            b = [int(any(c["claim_id"] == claim for c in coder_b[k]["claims"])) for k in keys]
            all_a += a
            all_b += b
            if not any(a) and not any(b):
                continue
            alpha = (
                krippendorff.alpha(
                    reliability_data=np.array([a, b]), level_of_measurement="nominal"
                )
                if len(set(a + b)) > 1
                else float("nan")
            )
            both = sum(x & y for x, y in zip(a, b))
            print(f"  {claim:28s} A={sum(a):3d} B={sum(b):3d} both={both:3d} alpha={alpha:.3f}")
        alpha = krippendorff.alpha(
            reliability_data=np.array([all_a, all_b]), level_of_measurement="nominal"
        )
        print(f"  {'ALL (sentence x claim)':28s} alpha={alpha:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Claim tagger vs a written paraphrase set, side by side with the baseline tagger.

    .venv/bin/python bench/eval_written.py SET.jsonl [--lang ar] [--per-claim] [--errors]

A written paraphrase set (format: :mod:`helpers.claims.written`) holds short news articles a
writer composed blind to the codebook, saying each claim of the coding manual in several
wording families, plus hard negatives, every sentence coded under the manual. Scoring it asks
whether the rules generalise to wordings nobody wrote a rule for. It is not news (one writer's
idiom, no site chrome, sentences drawn by the writer, not the segmenter), so its figures are
reported apart from the development gold set's (``bench/eval_claims.py``).

Prints, per language, sentence × claim micro precision / recall / F1 of the baseline tagger
(:data:`bench.eval_claims.BASELINE_COMMIT`, run on the same tables) and of this tree, with a
95 % bootstrap interval of F1 over whole articles; ``--per-claim`` the per-claim table;
``--errors`` every miss and false positive with its sentence (for sets you may tune on only);
``--proposals`` the rules alone ("before") against the rules plus the shipped recommender's
proposals ("after"; :func:`bench.eval_claims.with_proposals`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_claims import (  # noqa: E402
    BASELINE_COMMIT,
    CODEBOOK,
    baseline_mentions,
    evaluate,
    with_proposals,
)
from helpers.claims.annotate import annotate  # noqa: E402
from helpers.claims.codebook import load_codebook  # noqa: E402
from helpers.claims.evaluate import GoldError, score_by_language  # noqa: E402
from helpers.claims.written import read_written_set  # noqa: E402

__all__ = ["error_lines", "main"]


def error_lines(mentions: pd.DataFrame, gold: pd.DataFrame) -> list[str]:
    """One line per sentence × claim the tagger got wrong: ``MISS`` (coded, not found) or
    ``FP`` (found, not coded), with the article id, sentence index, the rule that fired (for
    false positives) and the sentence."""
    found: dict[tuple[str, int], dict[str, str]] = {}
    for m in mentions.itertuples(index=False):
        found.setdefault((str(m.doc_id), int(m.sent_idx)), {}).setdefault(
            str(m.claim_id), str(m.rule)
        )
    lines = []
    for g in gold.itertuples(index=False):
        key = (str(g.doc_id), int(g.sent_idx))
        coded = {str(c["claim_id"]) for c in g.claims}
        predicted = found.get(key, {})
        for cid in sorted(coded - predicted.keys()):
            lines.append(f"MISS {cid:<20} {g.doc_id}[{g.sent_idx}] {g.quote}")
        for cid in sorted(predicted.keys() - coded):
            lines.append(f"FP   {cid:<20} {g.doc_id}[{g.sent_idx}] rule={predicted[cid]} {g.quote}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the tables (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("written_set", type=Path, help="the written set (.jsonl)")
    parser.add_argument("--lang", choices=("ar", "he"), help="score one language only")
    parser.add_argument("--per-claim", action="store_true", help="also print per-claim tables")
    parser.add_argument("--errors", action="store_true", help="list every miss and false positive")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline tagger")
    parser.add_argument("--baseline", default=BASELINE_COMMIT, help="commit scored as 'before'")
    parser.add_argument(
        "--proposals",
        action="store_true",
        help="before = the rules alone, after = rules + the shipped recommender's proposals",
    )
    args = parser.parse_args(argv)
    codebook = load_codebook(CODEBOOK)
    try:
        documents, sentences, gold = read_written_set(args.written_set, set(codebook.claim_ids))
    except (GoldError, OSError) as exc:
        print(f"eval-written: {exc}", file=sys.stderr)
        return 2
    if args.lang:
        keep = documents["lang"] == args.lang
        documents = documents[keep].reset_index(drop=True)
        sentences = sentences[sentences["doc_id"].isin(documents["doc_id"])]
        gold = gold[gold["lang"] == args.lang]
    mentions = annotate(documents, sentences, codebook)
    if args.proposals:
        old: pd.DataFrame | None = mentions
        mentions = with_proposals(documents, sentences, mentions, codebook)
    else:
        old = None if args.no_baseline else baseline_mentions(documents, sentences, args.baseline)
    pd.set_option("display.width", 200)
    table = pd.DataFrame(evaluate(gold, mentions, old, args.written_set.name))
    before = "rules alone" if args.proposals else f"baseline commit {args.baseline}"
    after = "rules + recommender proposals" if args.proposals else "this tree"
    print(f"codebook {codebook.name} v{codebook.version}; before = {before}, after = {after}")
    print(
        f"{len(documents)} written articles, {len(gold)} sentences; "
        "sentence x claim micro P / R / F1 per language"
    )
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.per_claim:
        keep_cols = ["lang", "claim_id", "tp", "fp", "fn", "precision", "recall", "f1"]
        per_claim = score_by_language(mentions, gold)[keep_cols]
        print(per_claim.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.errors:
        print("\n".join(error_lines(mentions, gold)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

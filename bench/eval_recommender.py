"""Rules alone vs rules + recommender proposals, per language, by cross-validation on the tuning
data only (tune part of ``codebook/gold/dev-news.jsonl`` + ``codebook/gold/seeds.jsonl``).

    .venv/bin/python bench/eval_recommender.py [--dev-news ../shared/dev-news] [--folds 5]

The held-out parts (``final``, ``final3``, ``final4``, ``final5``) are never read: the ``tune`` lines are
copied into a temporary gold file before anything is resolved, and training reads only ``tune``
or unsplit lines (:func:`helpers.claims.recommender_train.training_set`).

Outer cross-validation grouped by article: every gold article (``<gold file>:<source>``) falls
in one of ``--folds`` folds (by a hash of its name). For each fold a recommender is trained on
the other folds' sentences (its thresholds from its own inner grouped cross-validation) and
proposes mentions (:func:`helpers.claims.recommender_propose.recommend`) in that fold's documents,
only where the rule tagger found nothing. Then sentence × claim micro P / R / F1 per language
(:func:`helpers.claims.evaluate.score_by_language`) of the rules alone and of rules + proposals,
and the proposals' own true / false positives per claim; false positives over whole articles
(:func:`helpers.claims.evaluate.article_false_positives`) count proposals in unjudged sentences
of documents judged whole.

Caveat printed with the table: the rules and the codebook's word classes were written from
these very sentences, so the rules' recall here is optimistic and the sentences left for the
model are fewer and harder than on unseen news.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._corpus_tables import corpus_tables  # noqa: E402
from helpers.claims.annotate import annotate  # noqa: E402
from helpers.claims.codebook import Codebook, load_codebook  # noqa: E402
from helpers.claims.evaluate import (  # noqa: E402
    article_false_positives,
    read_gold,
    resolve_gold,
    score,
    score_by_language,
)
from helpers.claims.recommender import RecommenderSettings  # noqa: E402
from helpers.claims.recommender_propose import recommend  # noqa: E402
from helpers.claims.recommender_train import (  # noqa: E402
    TRAINING_SPLIT,
    TrainingSet,
    train_recommender,
    training_set,
)

CODEBOOK = ROOT / "codebook" / "russia_iran.yaml"
DEV_GOLD = ROOT / "codebook" / "gold" / "dev-news.jsonl"
SEEDS_GOLD = ROOT / "codebook" / "gold" / "seeds.jsonl"


def _tune_only(gold_path: Path, folder: Path) -> Path:
    """A copy of ``gold_path`` with only its ``tune`` lines (same file name, so article groups
    are named as in training)."""
    out = folder / gold_path.name
    lines = [
        json.dumps({k: v for k, v in rec.items() if k != "line"}, ensure_ascii=False)
        for rec in read_gold(gold_path)
        if rec.get("split") == TRAINING_SPLIT
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _fold(group: str, folds: int) -> int:
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % folds


def _subset(data: TrainingSet, keep: pd.Series) -> TrainingSet:
    mask = keep.to_numpy()
    return TrainingSet(
        data.sentences[mask].reset_index(drop=True),
        data.labels[mask].reset_index(drop=True),
        data.found[mask].reset_index(drop=True),
        data.files,
        data.out_of_scope,
    )


def cross_validated_proposals(
    corpora: dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]],
    data: TrainingSet,
    codebook: Codebook,
    folds: int,
    settings: RecommenderSettings,
) -> pd.DataFrame:
    """Proposals of fold-wise recommenders in each fold's documents (module docstring).
    ``corpora``: name → (documents, sentences, rule mentions, resolved gold with ``group``)."""
    fold_of_sentence = data.sentences["group"].map(lambda g: _fold(g, folds))
    out = []
    for k in range(folds):
        model = train_recommender(_subset(data, fold_of_sentence != k), codebook, settings)
        modelled = ", ".join(model.claims) or "none"
        print(f"fold {k + 1}/{folds}: models for {modelled}", flush=True)
        for documents, sentences, rules, gold in corpora.values():
            doc_ids = set(gold.loc[gold["group"].map(lambda g: _fold(g, folds)) == k, "doc_id"])
            docs = documents[documents["doc_id"].astype(str).isin(doc_ids)]
            sents = sentences[sentences["doc_id"].astype(str).isin(doc_ids)]
            out.append(recommend(docs, sents, rules, model, codebook))
    return pd.concat(out, ignore_index=True)


def _row(table: pd.DataFrame, lang: str) -> pd.Series:
    return table[(table["lang"] == lang) & (table["claim_id"] == "ALL")].iloc[0]


def main(argv: list[str] | None = None) -> int:
    """Print the comparison (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-news", default=str(ROOT.parent / "shared" / "dev-news"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--thresholds-on",
        choices=("missed", "all"),
        default="missed",
        help="choose each claim's threshold on the sentences the rules miss (default, as "
        "shipped) or on every in-scope sentence",
    )
    args = parser.parse_args(argv)
    dev = Path(args.dev_news)
    if not dev.is_dir():
        print(f"eval-recommender: skipped — development corpus {dev} not found")
        return 0
    pd.set_option("display.width", 200)
    codebook = load_codebook(CODEBOOK)
    corpora = {}
    with tempfile.TemporaryDirectory(prefix="crosspress-tune-") as tmp:
        tune_gold = _tune_only(DEV_GOLD, Path(tmp))
        for name, folder, gold_path in (
            ("dev-news:tune", dev, tune_gold),
            ("seeds", ROOT / "seeds", SEEDS_GOLD),
        ):
            documents, sentences = corpus_tables(folder)
            gold = resolve_gold(gold_path, documents, sentences)
            gold["group"] = gold_path.name + ":" + gold["source"].astype(str)
            rules = annotate(documents, sentences, codebook)
            corpora[name] = (documents, sentences, rules, gold)
    data = training_set([DEV_GOLD, SEEDS_GOLD], codebook)
    settings = RecommenderSettings(thresholds_where_rules_miss=args.thresholds_on == "missed")
    proposals = cross_validated_proposals(corpora, data, codebook, args.folds, settings)
    rows = []
    per_claim = []
    gold_all = pd.concat([c[3] for c in corpora.values()], ignore_index=True)
    rules_all = pd.concat([c[2] for c in corpora.values()], ignore_index=True)
    parts = [(name, c[3], c[2]) for name, c in corpora.items()]
    parts.append(("tune+seeds", gold_all, rules_all))
    for label, gold, rules in parts:
        docs = set(gold["doc_id"].astype(str))
        props = proposals[proposals["doc_id"].astype(str).isin(docs)]
        both = pd.concat([rules, props], ignore_index=True)
        before, after = score_by_language(rules, gold), score_by_language(both, gold)
        props_scored = score_by_language(props, gold)
        fp_whole = article_false_positives(props, gold)
        for lang in [*sorted(gold["lang"].unique()), "all"]:
            b, a, p = _row(before, lang), _row(after, lang), _row(props_scored, lang)
            fw = fp_whole[fp_whole["lang"] == lang].iloc[0]
            rows.append(
                {
                    "gold": label,
                    "lang": lang,
                    "claims": int(b.tp + b.fn),
                    "P_rules": b.precision,
                    "R_rules": b.recall,
                    "F1_rules": b.f1,
                    "P_rules+model": a.precision,
                    "R_rules+model": a.recall,
                    "F1_rules+model": a.f1,
                    "proposals_tp": int(p.tp),
                    "proposals_fp_judged": int(p.fp),
                    "proposals_fp_unjudged": int(fw.fp_unjudged),
                }
            )
        if label == "tune+seeds":
            table = score(props, gold)
            per_claim.append(table[["claim_id", "tp", "fp"]])
    print(
        f"codebook {codebook.name} v{codebook.version}; {args.folds}-fold cross-validation grouped "
        f"by article on tune + seeds ({len(data.sentences)} in-scope training sentences); "
        f"thresholds on {'the sentences the rules miss' if args.thresholds_on == 'missed' else 'every in-scope sentence'}"
    )
    print("sentence x claim micro P / R / F1: rules alone vs rules + model proposals")
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print("\nproposals per claim in judged sentences (tune + seeds): tp, fp")
    print(per_claim[0].to_string(index=False))
    print(
        "\ncaveat: the rules and word classes were written from these sentences; the rules'"
        " recall here is optimistic, the misses left for the model fewer than on unseen news"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

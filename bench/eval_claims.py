"""Claim tagger vs the development gold set and the seeds, side by side with the baseline tagger.

    make eval-claims                       # or: .venv/bin/python bench/eval_claims.py
    .venv/bin/python bench/eval_claims.py --dev-news ../shared/dev-news --per-claim

Ingests the development corpus (``../shared/dev-news``: real Hebrew and Arabic news the
codebook was not written from — absent from a fresh checkout, then this prints one line and
stops), resolves ``codebook/gold/dev-news.jsonl`` and scores, per language and for each part
of the gold set (``tune``: looked at while writing the codebook; ``final``, ``final3``,
``final4``, ``final5``: held out, scored only at the end; ``held-out``: those pooled), precision / recall /
F1 with a 95 % interval of F1 from a bootstrap over whole articles at the sentence × claim level
(:func:`helpers.claims.evaluate.score_by_language`) and the false positives over whole
articles (:func:`helpers.claims.evaluate.article_false_positives`); then the same against
``codebook/gold/seeds.jsonl`` on ``seeds/``.

The baseline is the tagger and codebook of commit :data:`BASELINE_COMMIT` (before the
compositional rules and the article context), exported with ``git archive`` into a temporary
folder and run in a subprocess on the SAME documents and sentences tables — so the comparison
is the tagger and its codebook only, whatever happened to ingestion since.

``--proposals`` compares instead the rules alone ("before") with the rules plus the proposals of
the recommender shipped beside the codebook ("after"; :func:`with_proposals`): whether the
model adds recall at the rules' precision on data it was not trained on.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
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
    document_counts,
    micro_interval,
    resolve_gold,
    score_by_language,
)

__all__ = ["BASELINE_COMMIT", "SPLIT_ORDER", "baseline_mentions", "evaluate", "main"]

#: The tagger + codebook the issue compares against ("today's tagger").
BASELINE_COMMIT = "55ae758"
CODEBOOK = ROOT / "codebook" / "russia_iran.yaml"
DEV_GOLD = ROOT / "codebook" / "gold" / "dev-news.jsonl"
SEEDS_GOLD = ROOT / "codebook" / "gold" / "seeds.jsonl"
#: Parts of the development gold set in the order printed: ``tune`` (looked at while writing the
#: codebook; since session 4 it also holds the Arabic ``final2`` part of session 2, scored at the
#: end of sessions 2 and 3, marked ``drawn_as: final2``), ``final`` (held out in session 1, scored
#: at the end of sessions 1-3, never tuned on), ``final3`` (Arabic, drawn and double-coded in
#: session 3 from Al Mayadeen articles reserved before that session's tuning began, scored once
#: at its end), ``final4`` and ``final5`` (Arabic, drawn at the start of sessions 4 and 5, before
#: their tuning; final5 from the articles with no sentence naming both sides); see
#: codebook/gold/dev-news.md. ``held-out`` pools every part but ``tune`` (more claims, narrower
#: intervals; each part is printed on its own too).
SPLIT_ORDER = ("tune", "final", "final3", "final4", "final5")
HELD_OUT = "held-out"

_BASELINE_SCRIPT = """
import sys
import pandas as pd
from helpers.claims.annotate import annotate
from helpers.claims.codebook import load_codebook
folder = sys.argv[1]
documents = pd.read_parquet(folder + "/documents.parquet")
sentences = pd.read_parquet(folder + "/sentences.parquet")
mentions = annotate(documents, sentences, load_codebook("codebook/russia_iran.yaml"))
mentions[["doc_id", "sent_idx", "claim_id", "speaker", "hedged", "negated", "method"]].to_parquet(
    folder + "/mentions.parquet"
)
"""


def baseline_mentions(
    documents: pd.DataFrame, sentences: pd.DataFrame, commit: str = BASELINE_COMMIT
) -> pd.DataFrame | None:
    """Mentions of the tagger and codebook of ``commit`` (default :data:`BASELINE_COMMIT`) on
    these tables, or None (with a printed reason) when git or that commit is not available."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"baseline {commit}: not available ({exc}); new tagger only")
        return None
    with tempfile.TemporaryDirectory(prefix="crosspress-baseline-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        keep = ["doc_id", "lang", "text"]
        documents[keep].to_parquet(f"{tmp}/documents.parquet")
        sentences[["doc_id", "sent_idx", "start", "end"]].to_parquet(f"{tmp}/sentences.parquet")
        env = {**os.environ, "PYTHONPATH": tmp}
        subprocess.run([sys.executable, "-c", _BASELINE_SCRIPT, tmp], cwd=tmp, env=env, check=True)
        return pd.read_parquet(f"{tmp}/mentions.parquet")


def with_proposals(
    documents: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """``mentions`` plus the proposals (``method="model"``) of the recommender shipped beside
    :data:`CODEBOOK` (:func:`helpers.claims.recommender_propose.recommend`) — how the rules and
    a reviewer who accepted every proposal would score together."""
    from helpers.claims.recommender_io import load_recommender, model_path_for
    from helpers.claims.recommender_propose import recommend

    model = load_recommender(model_path_for(CODEBOOK), codebook)
    proposals = recommend(documents, sentences, mentions, model, codebook)
    return pd.concat([mentions, proposals], ignore_index=True)


def _prf(table: pd.DataFrame, lang: str) -> tuple[float, float, float, int]:
    row = table[(table["lang"] == lang) & (table["claim_id"] == "ALL")]
    if row.empty:
        return (float("nan"),) * 3 + (0,)  # type: ignore[return-value]
    r = row.iloc[0]
    return float(r.precision), float(r.recall), float(r.f1), int(r.tp + r.fn)


def evaluate(
    gold: pd.DataFrame, new: pd.DataFrame, old: pd.DataFrame | None, label: str
) -> list[dict[str, object]]:
    """One row per language (and ``all``) of ``gold``: baseline and new P / R / F1, and a 95 %
    interval of the new F1 from a bootstrap over whole documents
    (:func:`helpers.claims.evaluate.micro_interval`)."""
    rows = []
    new_t = score_by_language(new, gold)
    per_document = document_counts(new, gold)
    old_t = score_by_language(old, gold) if old is not None else None
    for lang in [*sorted(gold["lang"].unique()), "all"]:
        p, r, f, n = _prf(new_t, lang)
        row: dict[str, object] = {"gold": label, "lang": lang, "claims": n}
        if old_t is not None:
            op, or_, of, _ = _prf(old_t, lang)
            row.update({"P_before": op, "R_before": or_, "F1_before": of})
        row.update({"P_after": p, "R_after": r, "F1_after": f})
        docs = per_document if lang == "all" else per_document[per_document["lang"] == lang]
        interval = micro_interval(docs)
        row.update({"F1_lo": interval["F1_lo"], "F1_hi": interval["F1_hi"]})
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the tables (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev-news",
        default=str(ROOT.parent / "shared" / "dev-news"),
        help="folder of the development corpus (default ../shared/dev-news)",
    )
    parser.add_argument("--per-claim", action="store_true", help="also print per-claim tables")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline tagger")
    parser.add_argument(
        "--baseline",
        default=BASELINE_COMMIT,
        help=f"commit whose tagger + codebook is 'before' (default {BASELINE_COMMIT}, the issue's)",
    )
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="leave the held-out parts (final, final3, final4, final5) out: while tuning, look at tune only",
    )
    parser.add_argument(
        "--proposals",
        action="store_true",
        help="before = the rules alone, after = rules + the shipped recommender's proposals",
    )
    args = parser.parse_args(argv)
    dev = Path(args.dev_news)
    if not dev.is_dir():
        print(f"eval-claims: skipped — development corpus {dev} not found (not part of a checkout)")
        return 0
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    codebook = load_codebook(CODEBOOK)
    rows: list[dict[str, object]] = []
    per_claim: list[tuple[str, pd.DataFrame]] = []
    articles: list[tuple[str, pd.DataFrame]] = []
    for name, corpus, gold_path in (
        ("dev-news", dev, DEV_GOLD),
        ("seeds", ROOT / "seeds", SEEDS_GOLD),
    ):
        documents, sentences = corpus_tables(corpus)
        gold = resolve_gold(gold_path, documents, sentences)
        new = annotate(documents, sentences, codebook)
        if args.proposals:
            old: pd.DataFrame | None = new
            new = with_proposals(documents, sentences, new, codebook)
        else:
            old = (
                None if args.no_baseline else baseline_mentions(documents, sentences, args.baseline)
            )
        splits = ("tune",) if args.tune_only else SPLIT_ORDER
        parts = (
            [
                (f"{name}:{split}", gold[gold["split"] == split])
                for split in splits
                if (gold["split"] == split).any()
            ]
            if name == "dev-news"
            else [(name, gold)]
        )
        if name == "dev-news" and not args.tune_only:
            parts.append((f"{name}:{HELD_OUT}", gold[gold["split"] != "tune"]))
        for label, part in parts:
            rows += evaluate(part, new, old, label)
            per_claim.append((label, score_by_language(new, part)))
            articles.append((label, article_false_positives(new, part)))
    table = pd.DataFrame(rows)
    before = "rules alone" if args.proposals else f"baseline commit {args.baseline}"
    after = "rules + recommender proposals" if args.proposals else "this tree"
    print(f"codebook {codebook.name} v{codebook.version}; before = {before}, after = {after}")
    print("sentence x claim micro P / R / F1 per language")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print("\nfalse positives over whole articles (this tree)")
    fp = pd.concat([t.assign(gold=label) for label, t in articles], ignore_index=True)
    cols = ["gold", *[c for c in fp.columns if c != "gold"]]
    print(fp[cols].to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.per_claim:
        for label, t in per_claim:
            print(f"\nper claim, {label} (this tree)")
            keep = ["lang", "claim_id", "tp", "fp", "fn", "precision", "recall", "f1"]
            print(t[keep].to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

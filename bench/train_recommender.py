"""Train the claim recommender and write it next to its codebook (``make recommender``).

    .venv/bin/python bench/train_recommender.py
    .venv/bin/python bench/train_recommender.py --codebook codebook/x.yaml --gold codebook/gold/x.jsonl \
        --written codebook/gold/written-Wx.jsonl

Reads only the gold files given (default, for the Russia–Iran codebook: the ``tune`` lines of
``codebook/gold/dev-news.jsonl``, every line of ``codebook/gold/seeds.jsonl`` and every sentence
of the written DEVELOPMENT sets :data:`DEFAULT_WRITTEN` — W2, W4 and W7 are held out and never
trained on; :func:`helpers.claims.recommender_train.training_set` drops every gold ``split`` but
``tune``), so it runs in a fresh checkout (no ``../shared``). Writes
:func:`helpers.claims.recommender_io.model_path_for` of the codebook
(``codebook/russia_iran.recommender.json``): the same inputs give the same bytes. Prints, per
claim, the threshold and its out-of-fold precision / recall, or why the claim has no model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.claims.codebook import load_codebook  # noqa: E402
from helpers.claims.recommender_io import model_path_for, save_recommender  # noqa: E402
from helpers.claims.recommender_train import train_recommender, training_set  # noqa: E402
from helpers.core.paths import display_path  # noqa: E402

DEFAULT_CODEBOOK = ROOT / "codebook" / "russia_iran.yaml"
DEFAULT_GOLD = (
    ROOT / "codebook" / "gold" / "dev-news.jsonl",
    ROOT / "codebook" / "gold" / "seeds.jsonl",
)

#: The written paraphrase sets that are development sets (codebook/gold/written.md): the engineers
#: tuned the rules on them. The held-out ones (W2, W4, W7) must never be listed here.
DEFAULT_WRITTEN = tuple(
    ROOT / "codebook" / "gold" / f"written-{name}.jsonl" for name in ("W1", "W3", "W5", "W6")
)


def main(argv: list[str] | None = None) -> int:
    """Train, write, print (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default=str(DEFAULT_CODEBOOK))
    parser.add_argument(
        "--gold",
        action="append",
        help="gold .jsonl to train on (repeatable; only split 'tune' or unsplit lines are read)",
    )
    parser.add_argument(
        "--written",
        action="append",
        help="written development set .jsonl to train on (repeatable; default: "
        + ", ".join(p.name for p in DEFAULT_WRITTEN)
        + "; 'none' for none)",
    )
    parser.add_argument("--out", help="model file (default: next to the codebook)")
    args = parser.parse_args(argv)
    codebook = load_codebook(args.codebook)
    gold = [Path(g) for g in args.gold] if args.gold else list(DEFAULT_GOLD)
    if args.written == ["none"]:
        written: list[Path] = []
    else:
        written = [Path(w) for w in args.written] if args.written else list(DEFAULT_WRITTEN)
    data = training_set(gold, codebook, written)
    model = train_recommender(data, codebook)
    out = Path(args.out) if args.out else model_path_for(args.codebook)
    save_recommender(model, out)
    t = model.training
    print(
        f"recommender for {codebook.name} v{codebook.version}: {t['sentences']} in-scope training "
        f"sentences ({t['by_language']}) in {t['articles']} articles, {t['out_of_scope']} out "
        f"of scope; {len(model.feature_names)} features -> {display_path(out)}"
    )
    for cid, m in model.claims.items():
        print(
            f"  {cid}: threshold {m.threshold:.3f}; out of fold P {m.oof_precision:.3f} "
            f"R {m.oof_recall:.3f} where the rules miss it ({m.oof_true_positives} of "
            f"{m.positives} positives)"
        )
    for cid, reason in model.no_model.items():
        print(f"  {cid}: no model — {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Draw a new, untouched part of the development gold set: the units two coders code blind.

    .venv/bin/python bench/draw_gold_sample.py --articles 22 --seed 20261125 --out DIR
    .venv/bin/python bench/draw_gold_sample.py --articles 20 --seed 20261126 --min-both 2 \
        --exclude DIR/units.jsonl --out DIR2

Ingests ``../shared/dev-news/ar-almayadeen-dev.jsonl``, leaves out every article already in
``codebook/gold/dev-news.jsonl`` (and in the ``--exclude`` files of earlier draws), keeps, with
``--min-both N``, only articles with at least N sentences naming both the Russian and the Iranian
side (articles ABOUT the two, as an analyst's corpus would be; chosen by actor names only, never
by the tagger's claims), draws ``--articles`` of the rest with a seeded
:class:`random.Random` (sorted source names, so the draw does not depend on file order), and
writes to ``DIR``:

* ``units.jsonl``: one line per sentence that names the Russian side (an actor of the
  codebook's ``RU_SIDE`` group, matched as the tagger matches actors) — the scope of the
  Al Mayadeen part of the gold set — with ``source``, ``doc_id``, ``sent_idx``, offsets,
  ``quote`` and ``text_sha256`` of the article text, and empty coding fields;
* ``articles/<n>.txt``: each drawn article whole (headline first), numbered sentences, so a
  coder reads every unit in its article as the manual asks.

Nothing here looks at the tagger's claims: the coders see text only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.claims.codebook import load_codebook  # noqa: E402
from helpers.claims.patterns import compile_pattern  # noqa: E402
from helpers.core.io import text_sha256  # noqa: E402
from helpers.text.clean import normalize_for_match  # noqa: E402

SOURCE = "ar-almayadeen-dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-news", type=Path, default=ROOT.parent / "shared" / "dev-news")
    parser.add_argument("--gold", type=Path, default=ROOT / "codebook" / "gold" / "dev-news.jsonl")
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-both", type=int, default=0)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    args = parser.parse_args(argv)

    from helpers.ingest.corpus import ingest_corpus
    from helpers.text.segment import sentences_table

    if not (args.dev_news / SOURCE).is_file():
        print(f"{args.dev_news / SOURCE}: not found; nothing drawn")
        return 1
    used = {
        json.loads(line)["source"]
        for path in [args.gold, *args.exclude]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    documents = ingest_corpus(str(args.dev_news), progress=False).documents
    documents = documents[documents["source"].astype(str).str.contains(SOURCE, regex=False)]
    documents = documents.assign(source_name=documents["source"].map(lambda s: Path(s).name))
    codebook = load_codebook(ROOT / "codebook" / "russia_iran.yaml")
    ru_patterns, ir_patterns = (
        [
            compile_pattern(p, "ar")
            for actor_id in codebook.actor_groups[group]
            for p in codebook.actors[actor_id].patterns.get("ar", ())
        ]
        for group in ("RU_SIDE", "IR_SIDE")
    )

    def names(patterns: list, quote: str) -> bool:
        norm = normalize_for_match(quote, "ar")
        return any(any(True for _ in p.finditer(norm)) for p in patterns)

    documents = documents[~documents["source_name"].isin(used)]
    sentences = sentences_table(documents)
    if args.min_both:
        both = Counter(
            doc_id
            for doc_id, quote in zip(sentences["doc_id"], sentences["text"], strict=True)
            if names(ru_patterns, quote) and names(ir_patterns, quote)
        )
        documents = documents[documents["doc_id"].map(lambda d: both[d] >= args.min_both)]
    pool = sorted(documents["source_name"])
    drawn = sorted(random.Random(args.seed).sample(pool, args.articles))
    documents = documents[documents["source_name"].isin(drawn)]
    out = args.out
    (out / "articles").mkdir(parents=True, exist_ok=True)
    units = []
    for n, doc in enumerate(documents.sort_values("source_name").itertuples(index=False), 1):
        sents = sentences[sentences["doc_id"] == doc.doc_id].sort_values("sent_idx")
        lines = [f"# article {n}  source={doc.source_name}  doc_id={doc.doc_id}"]
        for s in sents.itertuples(index=False):
            quote = doc.text[s.start : s.end]
            names_russia = names(ru_patterns, quote)
            mark = "*" if names_russia else " "
            lines.append(f"[{s.sent_idx:>3}]{mark} {quote}")
            if names_russia:
                units.append(
                    {
                        "article": n,
                        "source": doc.source_name,
                        "doc_id": doc.doc_id,
                        "sent_idx": int(s.sent_idx),
                        "start": int(s.start),
                        "end": int(s.end),
                        "quote": quote,
                        "text_sha256": text_sha256(doc.text),
                        "claims": [],
                        "note": "",
                    }
                )
        (out / "articles" / f"{n:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (out / "units.jsonl").open("w", encoding="utf-8") as fh:
        for unit in units:
            fh.write(json.dumps(unit, ensure_ascii=False) + "\n")
    print(
        f"{len(drawn)} of {len(pool)} articles, {len(units)} sentences naming the Russian side"
        f" -> {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

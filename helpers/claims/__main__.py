"""``python -m helpers.claims --fill GOLD [--corpus seeds]``: write each gold quote's doc_id,
sentence and offsets (and the document's text hash) back into the gold file.

Command-line entry points live in ``__main__`` modules only: ``python -m`` on a module that its
package's ``__init__`` already imported (``helpers.claims.evaluate``) makes runpy warn. An entry
point may reach across layers (this one ingests the corpus); the library modules may not.
"""

from __future__ import annotations

import argparse
import sys

from helpers.claims.evaluate import GoldError, fill_gold
from helpers.ingest.corpus import ingest_corpus
from helpers.text.segment import sentences_table


def main(argv: list[str] | None = None) -> int:
    """CLI entry point (``--fill GOLD`` [``--corpus seeds``])."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.claims", description=__doc__.split("\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--fill",
        metavar="GOLD",
        required=True,
        help="gold .jsonl to annotate with doc_id/sent_idx/start/end/text_sha256",
    )
    parser.add_argument("--corpus", default="seeds", help="corpus the gold quotes come from")
    args = parser.parse_args(argv)

    documents = ingest_corpus(args.corpus, progress=False).documents
    sentences = sentences_table(documents)
    try:
        path = fill_gold(args.fill, documents, sentences)
    except GoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"filled {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

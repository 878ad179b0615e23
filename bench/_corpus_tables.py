"""Documents and sentences of a corpus, as notebook 01 ingests and segments it, for the
evaluation scripts that score on a corpus outside the run folders (``eval_claims.py``,
``eval_recommender.py``; imported as ``bench._corpus_tables`` with the project root on
``sys.path``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["corpus_tables"]


def corpus_tables(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, sentences)`` of the corpus at ``path``:
    :func:`helpers.ingest.corpus.ingest_corpus`, then
    :func:`helpers.text.segment.sentences_table` of its documents."""
    from helpers.ingest.corpus import ingest_corpus  # lazy: heavy
    from helpers.text.segment import sentences_table

    documents = ingest_corpus(str(path), progress=False).documents
    return documents, sentences_table(documents)

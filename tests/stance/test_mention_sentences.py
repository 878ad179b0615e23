"""helpers.stance.compare.mention_sentences (every mention with its sentence and the span
relative to it: notebook 02's evidence view and evidence_table read it) and mention_counts."""

from __future__ import annotations

import pandas as pd

from helpers.stance.compare import mention_counts, mention_sentences

TEXT = "פוטין אמר: רוסיה ידידה נאמנה. مصدر آخر قال إن الشراكة قوية."
#        sentence 0 = TEXT[0:29], sentence 1 = TEXT[30:]


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    s1 = TEXT.index("مصدر")
    documents = pd.DataFrame(
        [{"doc_id": "d1", "lang": "he", "outlet": "Ynet", "source": "a.txt", "text": TEXT}]
    )
    sentences = pd.DataFrame(
        {
            "doc_id": ["d1", "d1"],
            "sent_idx": [0, 1],
            "start": [0, s1],
            "end": [TEXT.index(".") + 1, len(TEXT)],
            "text": [TEXT[: TEXT.index(".") + 1], TEXT[s1:]],
        }
    )
    loyal, partner = TEXT.index("ידידה נאמנה"), TEXT.index("الشراكة")
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d9"],
            "sent_idx": [1, 0, 0],
            "claim_id": ["PARTNER", "LOYAL", "LOYAL"],
            "start": [partner, loyal, 0],
            "end": [partner + len("الشراكة"), loyal + len("ידידה נאמנה"), 3],
            "cue": ["الشراكة", "ידידה נאמנה", "x"],
        }
    )
    return documents, sentences, mentions


def test_each_span_slices_its_cue_out_of_its_sentence() -> None:
    documents, sentences, mentions = _tables()
    out = mention_sentences(mentions, sentences, documents)
    # d9 has no sentence: left out; the others keep the mentions' order
    assert out["claim_id"].tolist() == ["PARTNER", "LOYAL"]
    for row in out.itertuples():
        assert row.sentence[row.span_start : row.span_end] == row.cue
    assert out["span_start"].tolist() == [
        TEXT.index("الشراكة") - TEXT.index("مصدر"),
        TEXT.index("ידידה נאמנה"),
    ]
    assert out[["lang", "outlet", "source"]].iloc[0].tolist() == ["he", "Ynet", "a.txt"]


def test_without_documents_only_mention_and_sentence_columns() -> None:
    _, sentences, mentions = _tables()
    out = mention_sentences(mentions, sentences)
    assert "lang" not in out and "source" not in out
    assert str(out["span_start"].dtype) == "int64"


def test_mention_counts_per_claim_and_language_outlet() -> None:
    documents = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "lang": ["he", "ar", "he"], "outlet": ["Ynet", None, "Ynet"]}
    )
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "sent_idx": [0, 1, 0, 0],
            "claim_id": ["LOYAL", "PARTNER", "LOYAL", "LOYAL"],
        }
    )
    table = mention_counts(mentions, documents)
    assert table.loc["LOYAL", ("he", "Ynet")] == 2
    assert table.loc["LOYAL", ("ar", "(unknown outlet)")] == 1
    assert table.loc["PARTNER", ("ar", "(unknown outlet)")] == 0
    assert list(table.index) == ["LOYAL", "PARTNER"]

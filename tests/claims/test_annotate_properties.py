"""Hypothesis properties of the claim tagger on random text salted with codebook phrases.

Documents mix random Hebrew/Arabic/bidi-rich characters with real claim, actor, hedge and
negator words (so claims do fire). For every example: annotate raises nothing, every mention
lies inside its sentence and inside the cleaned text, its span is non-empty, and the
automaton tagger finds exactly what the naive loop over every pattern finds.

One property x 200 examples per run.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.claims.annotate import Tagger, annotate, annotate_naive
from helpers.claims.codebook import load_codebook
from helpers.core.paths import PROJECT_ROOT
from helpers.text.clean import clean_text
from helpers.text.segment import sentences_table

_WORDS = {
    "he": [
        "רוסיה",
        "איראן",
        "מוסקבה",
        "טהרן",
        "פוטין",
        "אמר",
        "לפי דיווח",
        "לא",
        "שותפה אמינה",
        "ידידה נאמנה",
        "הסכם אסטרטגי",
        "מודיעין",
        'כטב"מים',
        "ישראל",
        "תיווך",
        'ארה"ב',
        "ו",
        "ה",
        "מוסקבה היא שותפה אמינה של טהרן",
        "רוסיה מעבירה מודיעין לאיראן",
        "ההסכם בין רוסיה לאיראן אינו כולל סעיף הגנה הדדית",
        "רוסיה מתווכת בין ישראל לאיראן",
    ],
    "ar": [
        "روسيا",
        "إيران",
        "موسكو",
        "طهران",
        "بوتين",
        "قال",
        "وبحسب تقارير",
        "لا",
        "شريك موثوق",
        "شراكة استراتيجية",
        "مسيرات",
        "إسرائيل",
        "وساطة",
        "العقوبات",
        "ال",
        "و",
        "روسيا شريك موثوق لإيران",
        "وقعت روسيا وإيران اتفاقية شراكة استراتيجية شاملة",
        "إيران تزود روسيا بطائرات مسيرة",
        "روسيا تدين الضربات الإسرائيلية على إيران",
    ],
}
_NOISE = "אבגדהابتثج0123456789 .,!?؟\"'״׳\n\u200f\u202b\u200d\u064e\u05b8-–"


@lru_cache(maxsize=1)
def _tagger() -> tuple:
    codebook = load_codebook(PROJECT_ROOT / "codebook" / "russia_iran.yaml")
    return codebook, Tagger(codebook)


def _doc(lang: str) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_WORDS[lang]), st.text(st.sampled_from(_NOISE), max_size=6))
    return st.lists(piece, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["he", "ar"]).flatmap(
        lambda lang: st.tuples(st.just(lang), st.lists(_doc(lang), min_size=1, max_size=3))
    )
)
def test_mentions_lie_in_their_sentences_and_match_the_naive_loop(case) -> None:
    lang, raw_docs = case
    codebook, tagger = _tagger()
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(raw_docs))],
            "lang": [lang] * len(raw_docs),
            "text": [clean_text(t, lang) for t in raw_docs],
        }
    )
    sentences = sentences_table(documents)
    fast = annotate(documents, sentences, codebook, tagger=tagger)
    slow = annotate_naive(documents, sentences, codebook, tagger=tagger)
    pd.testing.assert_frame_equal(fast, slow)
    texts = dict(zip(documents["doc_id"], documents["text"]))
    bounds = {(r.doc_id, r.sent_idx): (r.start, r.end) for r in sentences.itertuples()}
    for row in fast.itertuples():
        s_start, s_end = bounds[(row.doc_id, row.sent_idx)]
        assert s_start <= row.start < row.end <= s_end <= len(texts[row.doc_id])
        assert row.claim_id in {c.id for c in codebook.claims}

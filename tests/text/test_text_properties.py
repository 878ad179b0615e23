"""Hypothesis properties of the text layer (clean, segment, tokenize) on random Unicode.

The strategies are rich in what news text really contains: Hebrew letters, niqqud and
cantillation, Arabic letters and tashkeel, tatweel, digits (ASCII and Arabic-Indic),
punctuation of both scripts, gershayim/geresh in ASCII and Hebrew form, bidi controls,
zero-width characters, NBSP and odd line breaks — plus arbitrary Unicode and concatenations of
tricky fragments (acronyms, dates, initials, quotes after prefixes).

Nine properties x 300 examples = 2,700 generated cases per run.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.text.clean import (
    clean_text,
    dediac_ar,
    dediac_he,
    normalize_for_match,
    normalize_gershayim_he,
    normalize_line_breaks,
    normalize_spaces,
    remove_bidi_controls,
    remove_invisible_chars,
    remove_tatweel_ar,
)
from helpers.text.segment import sentences_table, split_sentences
from helpers.text.tokenize import tokenize, tokens_table

_CHARS = (
    "אבגדהוזחטיכלמנסעפצקרשתךםןףץ"
    "ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآٱئؤ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"  # tashkeel, tatweel
    "\u05b0\u05b1\u05b4\u05b7\u05b8\u05b9\u05bc\u05c1\u05c2\u0591\u05a5\u05bd"  # niqqud, te'amim
    "0123456789\u0660\u0661\u0662\u06f1"
    "abcXYZ\u0130"
    " \n\t.,:;!?\u061f\u2026\"'\u05f4\u05f3\u201d\u201c\u2019\u2018\u00ab\u00bb()[]-\u2013\u05be/%\u20aa\u061b\u060c"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"  # bidi controls
    "\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f\r\x0b\x1c\x1f\x85\u2028"  # invisible / spaces / breaks
)
_FRAGMENTS = [
    'ארה"ב',
    "ארה״ב",
    'צה"ל',
    'כטב"מים.',
    'ש"ח',
    'ב"תקיפות',
    'עזות"',
    "ג'יי.",
    "די.",
    "ה. ",
    "מ.",
    "עכשיו",
    "שנית,",
    "ג׳ורנל",
    "ב'שיטות",
    "חדשות'",
    "שעת'",
    "21.3.2026",
    "1,000,000",
    "3.5",
    "07:20",
    "ב-2024",
    "S-300",
    "أيضاً",
    "بـ",
    "..",
    "...",
    "U.S.",
    "Dr.",
    " ",
    "  ",
    "\n",
    ". ",
    "؟ ",
    "؛ ",
    "10000",
]
TEXT = st.one_of(
    st.text(st.sampled_from(_CHARS), max_size=80),
    st.text(max_size=40),
    st.lists(st.sampled_from(_FRAGMENTS + list(_CHARS)), max_size=16).map("".join),
)
LANG = st.sampled_from(["he", "ar"])
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_partition(text: str, spans: list, kind: str) -> None:
    """Spans are ordered, non-empty, slice back, and cover every non-space char exactly once."""
    covered = [0] * len(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text), (kind, span)
        previous_end = span.end
        for i in range(span.start, span.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, f"{kind}: non-space char {ch!r} at {i} covered {covered[i]}x"


@PROPERTY
@given(TEXT, LANG)
def test_clean_text_is_idempotent(text: str, lang: str) -> None:
    cleaned = clean_text(text, lang)
    assert clean_text(cleaned, lang) == cleaned
    for bad in "\u200e\u200f\u202a\u202e\u2066\u2069\u061c\u200b\u200d\u2060\ufeff\u00a0\u202f\r\u0640\u064b\u05b8\u0591":
        assert bad not in cleaned


@PROPERTY
@given(TEXT, LANG)
def test_clean_text_equals_the_composition_of_its_public_steps(text: str, lang: str) -> None:
    """clean_text fuses the steps into fewer scans; it must equal calling them in order."""
    steps = normalize_line_breaks(text)
    steps = remove_invisible_chars(remove_bidi_controls(steps))
    steps = unicodedata.normalize("NFC", steps)
    steps = remove_tatweel_ar(dediac_ar(dediac_he(steps)))
    steps = unicodedata.normalize("NFC", steps)  # removing marks can leave a composable pair
    steps = normalize_spaces(normalize_gershayim_he(steps))
    assert clean_text(text, lang) == steps


@PROPERTY
@given(TEXT, LANG)
def test_normalize_for_match_is_length_preserving_and_idempotent(text: str, lang: str) -> None:
    for source in (text, clean_text(text, lang)):
        norm = normalize_for_match(source, lang)
        assert len(norm) == len(source)
        assert normalize_for_match(norm, lang) == norm
        # 1:1 map: equal characters always map to equal characters
        assert len({(a, b) for a, b in zip(source, norm)}) == len(set(source))


@PROPERTY
@given(TEXT, LANG)
def test_tokens_slice_back_and_lose_no_character(text: str, lang: str) -> None:
    for source in (text, clean_text(text, lang)):
        tokens = tokenize(source, lang)
        for token in tokens:
            assert source[token.start : token.end] == token.form
            assert not any(ch.isspace() for ch in token.form)
        _assert_partition(source, tokens, "token")
        assert "".join(t.form for t in tokens) == "".join(ch for ch in source if not ch.isspace())


@PROPERTY
@given(TEXT, LANG)
def test_every_non_space_char_is_in_exactly_one_sentence(text: str, lang: str) -> None:
    for source in (text, clean_text(text, lang)):
        spans = split_sentences(source, lang)
        for span in spans:
            piece = source[span.start : span.end]
            assert piece and piece == piece.strip()
        _assert_partition(source, spans, "sentence")


@PROPERTY
@given(TEXT, LANG)
def test_no_token_crosses_a_sentence_boundary(text: str, lang: str) -> None:
    cleaned = clean_text(text, lang)
    spans = split_sentences(cleaned, lang)
    for token in tokenize(cleaned, lang):
        assert sum(s.start <= token.start and token.end <= s.end for s in spans) == 1, token


@PROPERTY
@given(TEXT, LANG)
def test_a_sentence_ending_in_a_letter_and_period_has_the_period_as_a_token(
    text: str, lang: str
) -> None:
    """Where the splitter ends a sentence after a one-letter word and its period (``ה.``),
    the tokenizer cuts the period off as a full stop (it keeps it only on an initial)."""
    cleaned = clean_text(text, lang)
    ends = {s.end for s in split_sentences(cleaned, lang)}
    for token in tokenize(cleaned, lang):
        if token.end in ends:
            assert not re.fullmatch("[\u05d0-\u05ea]\u05f3?\\.", token.form), token


@PROPERTY
@given(TEXT, LANG)
def test_sentences_table_matches_split_sentences(text: str, lang: str) -> None:
    cleaned = clean_text(text, lang)
    docs = pd.DataFrame({"doc_id": ["d0"], "lang": [lang], "text": [cleaned]})
    table = sentences_table(docs)
    spans = split_sentences(cleaned, lang)
    assert list(zip(table["start"], table["end"])) == [(s.start, s.end) for s in spans]
    assert list(table["text"]) == [cleaned[s.start : s.end] for s in spans]
    assert list(table["sent_idx"]) == list(range(len(spans)))


@PROPERTY
@given(st.lists(st.tuples(TEXT, LANG), min_size=1, max_size=3))
def test_tokens_table_equals_tokenize_per_sentence(docs: list[tuple[str, str]]) -> None:
    """The vectorised corpus path gives exactly the per-call tokens (and their norm form)."""
    frame = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(docs))],
            "lang": [lang for _, lang in docs],
            "text": [clean_text(text, lang) for text, lang in docs],
        }
    )
    sentences = sentences_table(frame)
    table = tokens_table(frame, sentences)
    expected = []
    for doc_id, lang, text in zip(frame["doc_id"], frame["lang"], frame["text"]):
        tokens = tokenize(text, lang)
        mine = sentences[sentences["doc_id"] == doc_id]
        for sent_idx, start, end in zip(mine["sent_idx"], mine["start"], mine["end"]):
            inside = [t for t in tokens if start <= t.start and t.end <= end]
            for tok_idx, t in enumerate(inside):
                expected.append(
                    (
                        doc_id,
                        sent_idx,
                        tok_idx,
                        t.start,
                        t.end,
                        t.form,
                        normalize_for_match(t.form, lang),
                    )
                )
        assert sum(1 for row in expected if row[0] == doc_id) == len(tokens)
    assert list(table.itertuples(index=False, name=None)) == expected


_QUOTE_TEXT = st.lists(
    st.sampled_from(
        ["א", "ב", "ה", "ו", "ל", "ש", "ח", "ג", "ת", '"', "'", ".", " ", "  ", "\n", "1", "-"]
        + [
            'ארה"ב',
            "ש'",
            'ב"',
            "א. ",
            "2-12",
            "ג'. ",
            "עכשיו",
            "הוּא",
            "הוא",
            "עמית",
            "קֶ",  # a vowel point before a quote (IAHLTwiki dev: פִישקֶ'ה)
            "”",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_QUOTE_TEXT)
def test_tokenize_raw_equals_tokenize_cleaned(raw: str) -> None:
    """Gershayim, geresh, initials and ranges: raw text is cut as clean_text(raw) is (forms
    compared as clean_text writes them: niqqud dropped, marks canonical)."""
    ours = [c for c in (clean_text(t.form, "he") for t in tokenize(raw, "he")) if c]
    cleaned = [clean_text(t.form, "he") for t in tokenize(clean_text(raw, "he"), "he")]
    assert ours == cleaned

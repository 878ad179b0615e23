"""Phrase patterns matched word by word (:class:`WordSequence`, used until a pattern's regex is
compiled) must give exactly the regex's matches: proclitics and hyphens, ``word*``, gaps (the
regex skips as many words as it can), word boundaries, a search starting inside a word, and
the contrived text where only the regex can tell which reading it takes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.claims.patterns import SEQUENCE_SEARCHES, CompiledPattern, compile_pattern
from helpers.claims.word_sequence import AMBIGUOUS, WordSequence

_fresh = compile_pattern.__wrapped__  # uncached: a pattern object with its own search count


def _regex_span(p: CompiledPattern, text: str, pos: int = 0) -> tuple[int, int] | None:
    m = p.regex.search(text, pos)
    return None if m is None else m.span()


def _words(pattern: str, lang: str, *, verb: bool = False) -> WordSequence:
    sequence = _fresh(pattern, lang, verb=verb).sequence
    assert sequence is not None
    return sequence


# (pattern, lang, text, expected match as (first matched text, last matched text) or None)
CASES = [
    # a gap word between, the article ה on the second word
    ("שיתוף ~2 צבאי", "he", "על הרחבת שיתוף הפעולה הצבאי בין המדינות", "שיתוף הפעולה הצבאי"),
    # no gap allowed: the word in between breaks the phrase
    ("שיתוף צבאי", "he", "על הרחבת שיתוף הפעולה הצבאי", None),
    # a proclitic chain with a hyphen before the first word: the match starts at ב
    ("מוסקבה טהרן", "he", "נפגשו ב-מוסקבה טהרן ודמשק", "ב-מוסקבה טהרן"),
    # word*: the words continue; the comma after the last one is not part of the match
    ("שותפ* אסטרטגי*", "he", "זו שותפות אסטרטגית, אמר", "שותפות אסטרטגית"),
    # a letter before the first word that is no proclitic: no word boundary, no match
    ("רוסיה איראן", "he", "ארוסיה איראן", None),
    # the last word must end the word (no *): איראני is a longer word
    ("רוסיה איראן", "he", "רוסיה איראני", None),
    # greedy gap: the regex skips as many words as it can, to the second איראן
    ("רוסיה ~3 איראן", "he", "רוסיה ואיראן וגם איראן", "רוסיה ואיראן וגם איראן"),
    # Arabic: و + ال on the second word, a gap of one
    (
        "التعاون ~1 العسكري",
        "ar",
        "تعزيز التعاون الروسي والعسكري مع إيران",
        "التعاون الروسي والعسكري",
    ),
    # Arabic: the article of a word written with ال is mandatory
    ("منظومة الدفاع", "ar", "منظومة دفاع جوي", None),
    # a finite verb takes ו ש כש only: the article ה is no verb proclitic
    ("מסר כי", "he", "המסר כי", None),
]


@pytest.mark.parametrize(("pattern", "lang", "text", "expected"), CASES)
def test_word_sequence_matches_as_read(
    pattern: str, lang: str, text: str, expected: str | None
) -> None:
    verb = pattern == "מסר כי"
    got = _words(pattern, lang, verb=verb).search(text)
    if expected is None:
        assert got is None
    else:
        start = text.index(expected)
        assert got == (start, start + len(expected))
    assert got == _regex_span(_fresh(pattern, lang, verb=verb), text)


def test_search_inside_a_word_sees_the_letter_before() -> None:
    """Searching from inside ``ורוסיה``: the ``ו`` before is a letter, so no match can start
    at ``ר`` — the next match is the second phrase."""
    text = "ורוסיה איראן ורוסיה איראן"
    words = _words("רוסיה איראן", "he")
    second = text.index("ורוסיה", 1)
    assert words.search(text, 1) == (second, len(text))
    assert words.search(text, 1) == _regex_span(_fresh("רוסיה איראן", "he"), text, 1)


def test_two_readings_are_left_to_the_regex() -> None:
    """``של-של``: the stem ``של`` alone (then the hyphen ends the word) or the proclitic chain
    ``של-`` and the stem after it — two readings that end at different places. The words
    say they cannot tell; the pattern answers with the regex (the greedy chain: to the end)."""
    text = "רוסיה של-של"
    assert _words("רוסיה של", "he").search(text) == AMBIGUOUS
    p = _fresh("רוסיה של", "he")
    assert p.search_span(text) == (0, len(text))
    assert p.search_span(text) == _regex_span(_fresh("רוסיה של", "he"), text)


def test_spans_are_finditer_spans_and_the_regex_is_compiled_only_when_used_often() -> None:
    text = "רוסיה ואיראן; וברוסיה איראן. רוסיה, איראן"
    p = _fresh("רוסיה איראן", "he")
    expected = [m.span() for m in _fresh("רוסיה איראן", "he").regex.finditer(text)]
    assert expected == [(0, 12), (text.index("וברוסיה"), text.index("."))]
    assert list(p.spans(text)) == expected
    assert "regex" not in p.__dict__  # answered from the words: nothing compiled
    for _ in range(SEQUENCE_SEARCHES):
        assert p.search_span(text, 1) == expected[1]
    assert "regex" in p.__dict__  # searched often enough: the regex now answers
    assert list(p.spans(text)) == expected


_HE_LETTERS = "ובהלמשכ" + "רסיאנת"
_TEXT = st.text(alphabet=_HE_LETTERS + " -,\u05be", max_size=40)
_STEMS = st.sampled_from(["רוסיה", "איראן", "של", "ור", "הב", "מה"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stems=st.lists(_STEMS, min_size=1, max_size=3),
    stars=st.lists(st.booleans(), min_size=3, max_size=3),
    gaps=st.lists(st.integers(min_value=0, max_value=2), min_size=3, max_size=3),
    pieces=st.lists(st.one_of(_STEMS, _TEXT), max_size=8),
    pos=st.integers(min_value=0, max_value=60),
    verb=st.booleans(),
)
def test_word_sequence_agrees_with_the_regex(
    stems: list[str],
    stars: list[bool],
    gaps: list[int],
    pieces: list[str],
    pos: int,
    verb: bool,
) -> None:
    """Random phrase patterns over stems made of proclitic letters and not, on random text of
    those letters, spaces, hyphens, maqafs and commas: the same match as the regex (or a
    fallback to it)."""
    words: list[str] = []
    for i, stem in enumerate(stems):
        if i and gaps[i]:
            words.append(f"~{gaps[i]}")
        words.append(stem + ("*" if stars[i] else ""))
    pattern = " ".join(words)
    text = " ".join(pieces)
    pos = min(pos, len(text))
    got = _words(pattern, "he", verb=verb).search(text, pos)
    want = _regex_span(_fresh(pattern, "he", verb=verb), text, pos)
    assert got == want or got == AMBIGUOUS

"""The candidate index reads one-word patterns' matches off the anchor hits: the matches must
be the ones the patterns' regexes give (proclitic chains, hyphens, ``word*``, marks, digits,
sentence bounds)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from helpers.claims.pattern_index import Hit, IndexEntry, LangIndex, word_runs
from helpers.claims.patterns import (
    AR_PROCLITIC_CHAINS,
    HE_PREFIX_ARTICLE,
    compile_pattern,
    proclitic_chains,
)
from helpers.claims.speakers import count_words
from helpers.text.charsets import HEBREW_PREFIX_LETTERS

#: (pattern, compiled as a speech verb?) per language: one of each kind of proclitics
PATTERNS = {
    "he": [
        ("רוסיה", False),  # any chain of up to three of ו ה ב כ ל מ ש, maybe a hyphen after
        ("איראני*", False),  # the word may continue
        ("התקשורת", False),  # the article ה, elided after ב כ ל
        ("אמר", True),  # a finite verb: ו ש כש only
        ("שש*", False),  # a stem that is itself proclitic letters
    ],
    "ar": [
        ("روسيا", False),
        ("الكرملين", False),  # the article stays
        ("ايراني*", False),
        ("قال", True),
    ],
}


def _index(lang: str) -> LangIndex:
    entries = [
        IndexEntry("speech" if verb else "actor", p, compile_pattern(p, lang, verb=verb))
        for p, verb in PATTERNS[lang]
    ]
    return LangIndex(entries, [0] * len(entries))


def _read_off(idx: LangIndex, norm: str) -> dict[str, list[tuple[int, int]]]:
    """pattern → its matches in ``norm`` as the index gives them (no regex for one word)."""
    found = idx.confirm(norm, idx.cue_candidates(norm))
    out: dict[str, list[tuple[int, int]]] = {}
    for hits in found.values():
        for h in hits:
            out.setdefault(h.owner, []).append((h.start, h.end))
    return out


def _by_regex(idx: LangIndex, norm: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for e in idx.entries:
        spans = [m.span() for m in e.pattern.regex.finditer(norm) if m.end() > m.start()]
        if spans:
            out[e.owner] = spans
    return out


def test_one_word_patterns_are_matched_without_their_regex() -> None:
    idx = _index("he")
    assert all(idx.whole_word)
    multi = LangIndex([IndexEntry("actor", "x", compile_pattern("שותפה אמינה", "he"))], [0])
    assert multi.whole_word == [False]  # two words: the regex confirms it
    raw = LangIndex([IndexEntry("actor", "x", compile_pattern("re:רוסי[הא]", "he"))], [0])
    assert raw.whole_word == [False]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # ב- before the word: the match starts at the proclitic, across the hyphen
        ("he", "ב-רוסיה ורוסיה פרוסיה", {"רוסיה": [(0, 7), (8, 14)]}),
        # a point after the stem continues the word; a point before it starts the word
        ("he", "רוסיה\u05b8 \u05b8רוסיה", {}),
        # word*: proclitic ה, the rest of the word up to the digit; a second stem in the word
        ("he", "האיראנים2 ואיראניאיראני", {"איראני*": [(0, 8), (10, 23)]}),
        # the article: ה or elided after ב; without either it is not the pattern's word
        ("he", "בתקשורת התקשורת תקשורת", {"התקשורת": [(0, 7), (8, 15)]}),
        # a verb takes ו כש, not ל
        ("he", "ואמר לאמר כשאמר", {"אמר": [(0, 4), (10, 15)]}),
        # two stems in one word, both after proclitic letters: the regex settles it
        ("he", "וששש", {"שש*": [(0, 4)]}),
        ("ar", "وبالكرملين كرملين", {"الكرملين": [(0, 10)]}),
        ("ar", "لروسيا للروسيا بروسياه", {"روسيا": [(0, 6), (7, 14)]}),
        ("ar", "الايرانيون وقال فقال بقال", {"ايراني*": [(0, 10)], "قال": [(11, 15), (16, 20)]}),
    ],
)
def test_one_word_matches_are_the_regex_matches(
    lang: str, text: str, expected: dict[str, list[tuple[int, int]]]
) -> None:
    idx = _index(lang)
    assert _read_off(idx, text) == expected
    assert _by_regex(idx, text) == expected


def test_one_word_matches_stay_inside_their_sentence() -> None:
    idx = _index("he")
    russia = 0
    text = "אמר ברוסיה. ברוסיה!"
    found = idx.scan(text, [0, 12], [9, 19])
    # a first sentence ending at 9 cuts ברוסיה after ברוסי: no match there
    assert all(russia not in ids for ids in (found.cues(0) or {}))
    (spans,) = [s for ids, s in (found.cues(1) or {}).items() if russia in ids]
    assert spans == [0, 6]  # relative to the second sentence


def test_claim_side_whole_words_give_every_match() -> None:
    entries = [
        IndexEntry("lexicon", "SUPPLY", compile_pattern("تسليم", "ar")),
        IndexEntry("claim", "C", compile_pattern("صواريخ", "ar")),
    ]
    idx = LangIndex(entries, [0, 0])
    norm = "وتسليم صواريخ والتسليم"
    claims, lexicon = idx.confirm_claims(norm, idx.claim_candidates(norm))
    assert [(h.start, h.end) for h in lexicon] == [(0, 6), (14, 22)]
    assert claims == [Hit(7, 13, "C", 0, ("صواريخ",), "صواريخ")]


def test_proclitic_chains_are_the_ones_the_prefix_regex_accepts() -> None:
    # Arabic: conjunction, preposition or article; ل before the article is written لل
    assert {"وبال", "فلل", "لل", "وب", "ال", "و"} <= set(AR_PROCLITIC_CHAINS)
    assert "لال" not in AR_PROCLITIC_CHAINS and "" not in AR_PROCLITIC_CHAINS
    assert [len(c) for c in AR_PROCLITIC_CHAINS] == sorted(map(len, AR_PROCLITIC_CHAINS))[::-1]
    # a Hebrew word written with the article: ה kept (וה), or elided after ב כ ל (ב, וב);
    # never bare (the empty chain) nor ו alone
    article = proclitic_chains(HE_PREFIX_ARTICLE, HEBREW_PREFIX_LETTERS)
    assert {"ה", "וה", "ב", "וב", "שב"} <= set(article)
    assert "" not in article and "ו" not in article


def test_word_runs_number_the_runs_of_word_characters() -> None:
    # "ab, c-d  é1" — runs ab, c, d, é1 (a combining accent and a digit are word characters)
    text = "ab, c-d  e\u03011"
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    assert word_runs(codes).tolist() == [1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4]
    # two word characters at x <= y: a span holding both holds r[y] - r[x] + 1 words at least
    runs = word_runs(codes)
    assert count_words(text, 1, 7) == runs[6] - runs[1] + 1 == 3


@pytest.mark.parametrize("compiled", [False, True])
def test_phrase_matches_are_the_regex_matches_before_and_after_it_is_compiled(
    compiled: bool,
) -> None:
    """Phrase patterns are searched from just before their anchor's hits (anchor on the
    first word) or before their first word's stem (anchor on a later word): the first match
    of a claim pattern and every match of a lexicon phrase or a cue are the regex's — read off
    the words while the regex is not compiled, by the regex after (a stem with no match
    before a later one, a proclitic with a hyphen)."""
    sources = [
        ("claim", "PARTNER", "שותפה אמינה"),  # anchored on its first word
        ("lexicon", "LEFT", "רוסיה ~2 נטשה"),  # anchored on נטשה: רוסיה is shared
        ("hedge", "", "רוסיה ~2 נטשה"),
        ("actor", "RU", "רוסיה"),
    ]
    entries = []
    for kind, owner, source in sources:
        pattern = dataclasses.replace(compile_pattern(source, "he"))  # its own regex cache
        if compiled:
            _ = pattern.regex
        assert ("regex" in vars(pattern)) == compiled
        entries.append(IndexEntry(kind, owner, pattern))
    idx = LangIndex(entries, [0] * len(entries))
    assert idx.back[0] >= 0 and idx.back[1] < 0 and idx.first_stem[1] == ("רוסיה", 4)
    # "a partner trusted, and a trusted partner and also the partner trusted. Russia did not
    # abandon; in Russia they said that in-Russia almost abandoned"
    text = (
        "שותפה נאמנה, ושותפה אמינה וגם השותפה אמינה. "
        "רוסיה לא נטשה; ברוסיה אמרו כי ב-רוסיה כמעט נטשה"
    )
    claims, lexicon = idx.confirm_claims(text, idx.claim_candidates(text))
    assert [(h.owner, text[h.start : h.end]) for h in claims] == [("PARTNER", "ושותפה אמינה")]
    left = [(h.start, h.end) for h in lexicon]
    assert [text[a:b] for a, b in left] == ["רוסיה לא נטשה", "ב-רוסיה כמעט נטשה"]
    hedges = idx.confirm(text, idx.cue_candidates(text))["hedge"]
    assert [(h.start, h.end) for h in hedges] == left
    for entry in entries:  # the regex gives the same
        spans = [m.span() for m in entry.pattern.regex.finditer(text)]
        if entry.kind == "claim":
            assert spans[0] == (claims[0].start, claims[0].end)
        elif entry.kind != "actor":
            assert spans == left

"""helpers.text.charsets and helpers.text.fold: one home for script knowledge, one fold.

Expected characters are written out from the Unicode charts (Hebrew block U+0590–U+05FF,
Arabic block U+0600–U+06FF)."""

from __future__ import annotations

import re

import pytest
from conftest import PROJECT_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import charsets, fold
from helpers.text.clean import normalize_for_match


def test_hebrew_sets() -> None:
    assert re.fullmatch(f"[{charsets.HEBREW_LETTERS_CLASS}]+", "אבגדהוזחטיכךלמםנןסעפףצץקרשת")
    assert not re.search(f"[{charsets.HEBREW_LETTERS_CLASS}]", "\u05be\u05f3\u05f4\u05b8ab1")
    # niqqud and cantillation: the Mn characters of U+0591–U+05C7, not maqaf, paseq, sof pasuq,
    # nun hafukha (U+05BE, U+05C0, U+05C3, U+05C6)
    assert charsets.HEBREW_MARKS == "".join(
        map(chr, [*range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7])
    )
    assert charsets.HEBREW_PREFIX_LETTERS == set("והבכלמש")
    assert charsets.HEBREW_LETTER_SET == {
        chr(cp) for cp in range(0x0590, 0x0600) if charsets.HEBREW_LETTER_RE.match(chr(cp))
    }


def test_arabic_sets() -> None:
    assert re.fullmatch(
        f"[{charsets.ARABIC_CORE_LETTERS_CLASS}]+", "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإؤئة"
    )
    assert not re.search(f"[{charsets.ARABIC_LETTERS_CLASS}]", "\u0640\u064b\u0651\u0660،؟")
    assert set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652") <= set(
        charsets.ARABIC_DIACRITICS
    )
    assert charsets.ALEF_VARIANTS == "أإآٱ"


def test_every_fold_extends_the_one_letter_fold() -> None:
    core = {ord(k): ord(v) for k, v in fold.LETTER_FOLD.items()}
    assert core == {
        ord("أ"): ord("ا"),
        ord("إ"): ord("ا"),
        ord("آ"): ord("ا"),
        ord("ٱ"): ord("ا"),
        ord("ى"): ord("ي"),
        ord("״"): ord('"'),
        ord("׳"): ord("'"),
    }
    for table in (fold.MATCH_TABLE, fold.DATE_FOLD):
        assert core.items() <= table.items()
    assert fold.LETTER_FOLD.items() <= fold.LINE_FOLD_TABLE.items()
    # what each adds
    assert normalize_for_match("مدرسة ی ک İ Ab", "ar") == "مدرسه ي ك İ ab"
    assert "٢٠٢٦־٠٣".translate(fold.DATE_FOLD) == "2026-03"
    assert fold.fold_line("  «اقرأ»  أيضاً — צה״ל\u200f ") == '"اقرا" ايضا - צה"ל'


def test_fold_key_is_fold_line_of_the_nfc_form() -> None:
    assert fold.fold_key("  Walla\u00a0 NEWS\u200f ") == "walla news"
    assert fold.fold_key("الأخبار") == fold.fold_key("الاخبار")
    assert fold.fold_key("e\u0301") == fold.fold_key("\u00e9")  # NFC first


def test_text_and_ingest_spell_no_script_range_of_their_own() -> None:
    """Letter ranges, prefix letters and alef variants live in charsets.py only."""
    spellings = re.compile(
        r"\\u05[dD]0|\\u0621|\\u0620|\\u0591|[א]-[ת]|[והבכלמש]{7}|أإآ|\\u064[bB]-"
    )
    offenders = []
    for folder in ("helpers/text", "helpers/ingest"):
        for path in sorted((PROJECT_ROOT / folder).glob("*.py")):
            if path.name == "charsets.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if spellings.search(line):
                    offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert offenders == []


def test_fold_lines_memo_is_exact_and_bounded(monkeypatch) -> None:
    # fold_lines remembers lines across calls; each answer must still be fold_line's, and
    # the memo must start afresh instead of growing past FOLD_MEMO_MAX_CHARS characters.
    monkeypatch.setattr(fold, "_fold_memo", {})
    monkeypatch.setattr(fold, "_fold_memo_chars", 0)
    monkeypatch.setattr(fold, "FOLD_MEMO_MAX_CHARS", 40)
    first = ["  ״וואלה!״  ", "", "ARE  YOU\u200b there"]  # 22 characters of lines
    assert fold.fold_lines(first) == ['"וואלה!"', "", "are you there"]
    assert set(fold._fold_memo) == set(first)
    # a line seen before comes from the memo; the new ones are folded and remembered
    second = ["ARE  YOU\u200b there", "إلى  الأمام"]
    assert fold.fold_lines(second) == [fold.fold_line(line) for line in second]
    assert fold.fold_lines(second) == ["are you there", "الي الامام"]
    # 22 + 11 characters fit; 19 more do not: the memo holds only the last call's lines
    third = ["x" * 19]
    assert fold.fold_lines(third) == ["x" * 19]
    assert set(fold._fold_memo) == set(third) and fold._fold_memo_chars == 19
    # a call larger than the whole memo is folded without being remembered
    assert fold.fold_lines(["Y" * 41]) == ["y" * 41]
    assert set(fold._fold_memo) == set(third)


# --------------------------------------------------------------------------- fold_aware_pattern

_FOLD_ALPHABET = "اأإآٱيىخرتحدثلنشمصوم٠١٢٣0123ـ״׳\"'־- :\nעודכןלאחרונהפורסם"


def test_fold_aware_pattern_spells_each_folded_letter_with_its_sources() -> None:
    # ا gathers the four alef variants, ي the alef maksura (LETTER_FOLD); the rest is kept
    assert fold.fold_aware_pattern("اليوم", fold.DATE_FOLD) == "[اأإآٱ]ل[يى]وم"
    assert fold.fold_aware_pattern(r"(?P<d>\d{1,2})\s*-", fold.DATE_FOLD) == (
        r"(?P<d>\d{1,2})\s*[\-־]"
    )
    raw = re.compile(fold.fold_aware_pattern(r"^\s*اخر\s+تحديث\s*:", fold.DATE_FOLD))
    assert raw.match("آخر تحديث: 21.3.2026")  # آخر is اخر once folded
    assert raw.match("اخر تحديث: 21.3.2026")
    assert not raw.match("خبر تحديث: 21.3.2026")


@pytest.mark.parametrize(
    "pattern",
    [
        "[0-9]+",  # a class holding characters of the table
        "أخر",  # a literal the table folds away: folded text never holds it
        r"\u0627",  # a character spelled by its code
        r"(\d)\1",  # a back-reference by number
    ],
)
def test_fold_aware_pattern_refuses_what_it_cannot_translate(pattern: str) -> None:
    with pytest.raises(ValueError, match="fold_aware_pattern"):
        fold.fold_aware_pattern(pattern, fold.DATE_FOLD)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=60))
def test_fold_aware_pattern_finds_the_folded_matches_in_the_raw_text(text: str) -> None:
    folded = text.translate(fold.DATE_FOLD)
    for source in (
        r"اخر\s+تحديث",
        r"(?<![\w])(?:اليوم|نشر\s+في|עודכן)\s*[:：]?\s*\d+",
        r"^\s*(?:تاريخ\s+النشر|פורסם)\s*:",
        r"ي{2,}|'-\"",
    ):
        folded_re = re.compile(source, re.IGNORECASE | re.MULTILINE)
        raw_re = re.compile(fold.fold_aware_pattern(source, fold.DATE_FOLD), folded_re.flags)
        assert [m.span() for m in raw_re.finditer(text)] == [
            m.span() for m in folded_re.finditer(folded)
        ]

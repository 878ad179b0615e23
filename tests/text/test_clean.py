"""helpers.text.clean: character-level cleaning and the length-preserving matching form."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import seed_path
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text import clean, fold
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


def test_hebrew_niqqud_and_cantillation_are_removed() -> None:
    assert clean_text("שָׁלוֹם", "he") == "שלום"
    # cantillation (etnahta U+0591, merkha U+05A5) and meteg U+05BD too
    assert dediac_he("בְּרֵאשִׁ֖ית בָּרָ֣א") == "בראשית ברא"
    # maqaf, sof pasuq, geresh and gershayim are punctuation and stay
    assert dediac_he("כׇּל־הָאָרֶץ׃ ג׳ ארה״ב") == "כל־הארץ׃ ג׳ ארה״ב"


def test_hebrew_presentation_forms_are_decomposed_then_stripped() -> None:
    # U+FB2A SHIN WITH SHIN DOT is a composition exclusion: NFC gives ש + U+05C1
    assert clean_text("\ufb2aלום", "he") == "שלום"


def test_arabic_tashkeel_via_camel_and_tatweel_removed() -> None:
    assert clean_text("أيضاً", "ar") == "أيضا"
    assert clean_text("عبّر", "ar") == "عبر"
    assert clean_text("جارٍ", "ar") == "جار"
    assert remove_tatweel_ar("بـ بوتين لـ20") == "ب بوتين ل20"
    assert dediac_ar("مُحَمَّدٌ") == "محمد"


def test_arabic_punctuation_is_not_rewritten() -> None:
    # camel's arclean would turn ، ؟ and quotes into other characters: we must not
    text = "قال، هل؟ “نعم” ؛ «لا»"
    assert clean_text(text, "ar") == text


def test_bidi_controls_zero_width_and_bom_are_removed_everywhere() -> None:
    text = "\ufeffא\u200eב\u200fג\u202aד\u202bה\u202cו\u202dז\u202eח\u2066ט\u2067י\u2068כ\u2069ל\u061cמ"
    assert remove_bidi_controls(text) == "\ufeffאבגדהוזחטיכלמ"
    assert clean_text(text, "he") == "אבגדהוזחטיכלמ"
    assert remove_invisible_chars("a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg") == "abcdefg"
    assert clean_text("שלום\ufeff עולם", "he") == "שלום עולם"


def test_nbsp_and_spaces_and_line_structure() -> None:
    assert clean_text("בוטין\u00a0פוטין\u202fאמר", "he") == "בוטין פוטין אמר"
    assert normalize_spaces("  a \t b  \n\n   c   ") == "a b\n\nc"
    assert normalize_line_breaks("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"
    # line breaks (also empty lines) are kept: a line break ends a headline
    assert clean_text("כותרת  \r\n\r\nגוף הכתבה. ", "he") == "כותרת\n\nגוף הכתבה."


def test_text_is_nfc() -> None:
    assert clean_text("e\u0301", "he") == "\u00e9"
    # removing a zero-width char between base and mark still ends in NFC
    assert clean_text("e\u200b\u0301", "he") == "\u00e9"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('ארה"ב', "ארה״ב"),
        ('בארה"ב,', "בארה״ב,"),
        ('צה"ל', "צה״ל"),
        ('כטב"מים.', "כטב״מים."),
        ('ש"ח', "ש״ח"),
        ("ג'יי", "ג׳יי"),
        ("צ'רצ'יל", "צ׳רצ׳יל"),
        ("ג'ורנל", "ג׳ורנל"),
        ("וג'ורנל", "וג׳ורנל"),
        ("עלי שעת'", "עלי שעת׳"),
        ("1 דק'", "1 דק׳"),
        ("צה”ל", "צה״ל"),
        ("ג’יי", "ג׳יי"),
        # quotation marks stay ASCII
        ('אמר "שותפה אמינה" של טהרן', 'אמר "שותפה אמינה" של טהרן'),
        ('מאיימת על איראן ב"תקיפות עזות" לאחר', 'מאיימת על איראן ב"תקיפות עזות" לאחר'),
        ("משתמשת ב'שיטות חדשות' הגורמות", "משתמשת ב'שיטות חדשות' הגורמות"),
        ("מזהיר: 'אל תפילו את הפצצות האלה' על", "מזהיר: 'אל תפילו את הפצצות האלה' על"),
        # both in one line
        ('ארה"ב ב"תקיפות עזות" ומזכ"ל', 'ארה״ב ב"תקיפות עזות" ומזכ״ל'),
    ],
)
def test_gershayim_and_geresh_canonical_form(raw: str, expected: str) -> None:
    assert normalize_gershayim_he(raw) == expected
    assert clean_text(raw, "he") == expected
    assert normalize_gershayim_he(expected) == expected


def test_seed_000_is_cleaned_as_read() -> None:
    raw = seed_path("000").read_text(encoding="utf-8")
    text = clean_text(raw, "he")
    assert "לפי דיווח בארה״ב, הקרמלין אף הציע" in text
    assert "בצפון איראן/דובר צה״ל" in text
    assert "האייתוללה מוג׳תבא חמינאי" in text
    assert "ידע טכנולוגי על כטב״מים." in text
    assert 'נותרה "ידידה נאמנה ושותפה אמינה" של טהרן' in text
    # the last line was indented with four spaces in the scrape
    assert text.endswith("\nwalla_ssr_page_has_been_loaded_successfully")
    assert clean_text(text, "he") == text


def test_seed_001_arabic_nbsp_shadda_tanween() -> None:
    raw = seed_path("001").read_text(encoding="utf-8")
    assert "\u00a0" in raw and "عبّر" in raw and "تحولاً" in raw
    text = clean_text(raw, "ar")
    assert "\u00a0" not in text
    assert "“عبر الرئيس الروسي فلاديمير بوتين عن أمله" in text
    assert "وشهدت العلاقات الإيرانية الروسية تحولا بعد حرب أوكرانيا" in text
    assert "من طراز “سوخوي 35”" in text


def test_seed_004_quotes_and_geresh() -> None:
    text = clean_text(seed_path("004").read_text(encoding="utf-8"), "he")
    assert "עלי לריג׳אני, שמונה בתחילת השנה למזכ״ל המועצה" in text
    assert 'ישראל מאיימת על איראן ב"תקיפות עזות" לאחר' in text
    assert "טראמפ מזהיר את ישראל: 'אל תפילו את הפצצות האלה' על איראן" in text
    assert "איראן משתמשת ב'שיטות חדשות' הגורמות" in text
    assert "לוול סטריט ג׳ורנל" in text


def test_normalize_for_match_folds_one_to_one() -> None:
    assert normalize_for_match("أحمد إلى آخر ٱلله مدرسة", "ar") == "احمد الي اخر الله مدرسه"
    assert normalize_for_match("ארה״ב ג׳יי BRICS TASS Ünal", "he") == "ארה\"ב ג'יי brics tass ünal"
    # İ lower-cases to two characters: left alone so the length is kept
    assert normalize_for_match("İstanbul", "he") == "İstanbul"
    for text in ("أإآٱىة", "ארה״ב׳", "ABCÀÉ"):
        norm = normalize_for_match(text, "ar")
        assert len(norm) == len(text)
        assert normalize_for_match(norm, "ar") == norm


def test_normalize_for_match_keeps_offsets_on_a_seed() -> None:
    text = clean_text(seed_path("003").read_text(encoding="utf-8"), "ar")
    norm = normalize_for_match(text, "ar")
    assert len(norm) == len(text)
    assert "بـ" not in text  # the scrape has "بـ بوتين"; tatweel is gone after cleaning
    i = text.index("إيران تستعين ب بوتين")
    assert norm[i : i + 20] == "ايران تستعين ب بوتين"
    j = text.index("الشراكة الروسية–الإيرانية")
    assert norm[j : j + 25] == "الشراكه الروسيه–الايرانيه"


@pytest.mark.parametrize("bad", ["en", "", "HE", "fa", None])
def test_bad_lang_raises_value_error_naming_it(bad) -> None:
    for func in (clean_text, normalize_for_match):
        with pytest.raises(ValueError, match=repr(bad).replace("'", ".")):
            func("שלום", bad)


def test_all_names_are_exported_and_str_to_str() -> None:
    for name in clean.__all__:
        assert hasattr(clean, name), name
    for func in (
        remove_bidi_controls,
        remove_invisible_chars,
        dediac_he,
        dediac_ar,
        remove_tatweel_ar,
        normalize_gershayim_he,
        normalize_spaces,
        normalize_line_breaks,
    ):
        assert func("") == ""
        assert isinstance(func("א"), str)


def test_char_map_equals_str_translate_on_long_and_short_texts() -> None:
    # CharMap (numpy lookup) must give exactly text.translate(table): astral characters, a
    # lone surrogate and unmapped characters are kept, mapped ones changed one for one.
    text = "أحمد إلى مستشفى «الرئيس» ARAB 𝐀𝐁 \ud800 ארה״ב ג׳ " * 20
    assert len(text) > fold.CharMap.SHORT
    for piece in (text, text[:10], ""):
        assert fold.CharMap(fold.MATCH_TABLE)(piece) == piece.translate(fold.MATCH_TABLE)
    assert normalize_for_match(text, "ar") == text.translate(fold.MATCH_TABLE)


def test_gershayim_are_normalised_line_by_line_in_a_long_text() -> None:
    # Each line on its own: the open single quote of line 1 does not reach line 2, where the
    # word-final ' after a Hebrew letter is a geresh.
    text = "הוא אמר 'אל תפילו\nשעת' צה\"ל\nno quotes here\n" * 50
    expected = "הוא אמר 'אל תפילו\nשעת׳ צה״ל\nno quotes here\n" * 50
    assert normalize_gershayim_he(text) == expected
    assert clean_text(text, "he") == expected  # line structure, final line break included, kept


def test_nfc_normalises_line_by_line() -> None:
    # shadda (ccc 33) before fatha (ccc 30) is out of canonical order; alef + combining hamza
    # above composes to أ; e + acute to é; a line already in NFC is kept as it is
    text = "ב\u0651\u064e\nشكرا\n\u0627\u0654 e\u0301"
    assert clean._nfc(text) == "ב\u064e\u0651\nشكرا\n\u0623 \u00e9"
    assert clean._nfc("שלום\nعالم") == "שלום\nعالم"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="اب\u0654\u0655\u0651\u064e\u064b\u0653e\u0301\u0327cק\u05bc\u05b8\u05c1ש\n ",
        max_size=40,
    )
)
def test_nfc_is_unicodedata_nfc(text: str) -> None:
    assert clean._nfc(text) == unicodedata.normalize("NFC", text)

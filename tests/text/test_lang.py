"""helpers.text.lang: Hebrew / Arabic / other, with Persian and Urdu kept out of "ar"."""

from __future__ import annotations

import pytest
from conftest import seed_path
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.errors import CrosspressError
from helpers.text import lang as lang_module
from helpers.text.lang import MIN_LETTERS, detect_lang, detect_langs, script_counts

# Texts written for these tests (not from the seeds).
PERSIAN = (
    "روسیه و ایران در سال‌های اخیر روابط نزدیکی برقرار کرده‌اند. به گفته مقامات ایرانی، "
    "این همکاری برای مقابله با تحریم‌های غربی ضروری است و مسکو نیز از آن حمایت می‌کند."
)
# The same Persian as typed on an Arabic keyboard / stored in windows-1256 (ي for ی, ك for ک).
PERSIAN_ARABIC_LETTERS = PERSIAN.replace("ی", "ي").replace("ک", "ك")
URDU = (
    "روس اور ایران کے درمیان تعلقات میں حالیہ برسوں میں نمایاں اضافہ ہوا ہے۔ "
    "صدر پوتن نے کہا کہ ماسکو تہران کا قابل اعتماد شراکت دار ہے۔"
)
ENGLISH = (
    "Russian President Vladimir Putin told Iran's leaders that Moscow remains a loyal friend "
    "and reliable partner of Tehran, the Kremlin said on Saturday."
)
HEBREW_WITH_ENGLISH = (
    "לפי דיווח באתר Politico, הקרמלין הציע עסקה ל-White House: רוסיה תפסיק לשתף מודיעין "
    "עם איראן אם ארצות הברית תחדל להעביר מודיעין לאוקראינה (intelligence sharing)."
)
ARABIC_WITH_ENGLISH = (
    "قال تقرير لموقع Amwaj Media إن روسيا تتوسط بين إسرائيل وإيران، وإن المتحدث باسم "
    "الكرملين Dmitry Peskov أكد أن موسكو تدعو إلى الحوار مع طهران."
)
# An Arabic sentence typed with a Persian keyboard (ی / ک in a few words) is still Arabic.
ARABIC_PERSIAN_KEYBOARD = (
    "قال الرئیس الروسی فلاديمير بوتين في بيان إن موسكو تدعم طهران في مواجهة العقوبات."
)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", "he"), ("001", "ar"), ("002", "he"), ("003", "ar"), ("004", "he")],
)
def test_seeds(prefix: str, expected: str) -> None:
    assert detect_lang(seed_path(prefix).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PERSIAN, "other"),
        (PERSIAN_ARABIC_LETTERS, "other"),
        (URDU, "other"),
        (ENGLISH, "other"),
        (HEBREW_WITH_ENGLISH, "he"),
        (ARABIC_WITH_ENGLISH, "ar"),
        (ARABIC_PERSIAN_KEYBOARD, "ar"),
        ("", "other"),
        ("   \n\t  ", "other"),
        ("2024 — 12:30 !!! ١٤ ٢٠٢٥", "other"),  # digits and punctuation only
        ("שלום", "other"),  # too few letters
        ("سلام", "other"),
        ("חדשות מהעולם", "he"),  # 11 letters: enough
    ],
    ids=[
        "persian",
        "persian-arabic-keyboard",
        "urdu",
        "english",
        "hebrew+english",
        "arabic+english",
        "arabic-persian-keyboard",
        "empty",
        "whitespace",
        "digits",
        "short-hebrew",
        "short-arabic",
        "two-hebrew-words",
    ],
)
def test_detect_lang(text: str, expected: str) -> None:
    assert detect_lang(text) == expected


def test_english_with_a_little_hebrew_is_other() -> None:
    assert detect_lang(ENGLISH + " שלום לכולם") == "other"


def test_mixed_hebrew_and_arabic_majority_wins() -> None:
    assert detect_lang(HEBREW_WITH_ENGLISH + " " + "قال الكرملين") == "he"
    assert detect_lang(ARABIC_WITH_ENGLISH + " " + "אמר הקרמלין") == "ar"


def test_script_counts_by_hand() -> None:
    # ש ל ו ם = 4 Hebrew, a b c = 3 Latin, س ل ا م = 4 Arabic; digits not letters.
    counts = script_counts("שלום abc سلام 123")
    assert counts == {
        "letters": 11,
        "hebrew": 4,
        "arabic": 4,
        "latin": 3,
        "other": 0,
        "persian_letters": 0,
        "urdu_letters": 0,
    }


def test_script_counts_ignores_tatweel_and_diacritics() -> None:
    # كـتـابٌ: ك ت ا ب are letters; tatweel ـ and tanween ٌ are not.
    assert script_counts("كـتـابٌ")["letters"] == 4
    assert script_counts("שָׁלוֹם")["hebrew"] == 4


def test_script_counts_persian_and_urdu_letters() -> None:
    assert script_counts("پچژگکی")["persian_letters"] == 6
    assert script_counts("ٹڈڑںےھۓ")["urdu_letters"] == 7
    assert script_counts("Здравствуй")["other"] == 10


def test_min_letters_boundary() -> None:
    assert detect_lang("א" * (MIN_LETTERS - 1)) == "other"
    assert detect_lang("א" * MIN_LETTERS) == "he"


def test_script_counts_letters_outside_the_bmp() -> None:
    # 𝐀 𝐁 (U+1D400/1D401, mathematical bold capitals) are letters of no counted script;
    # the digit 𝟏 (U+1D7CF) is not a letter.
    counts = script_counts("שלום 𝐀𝐁 abc 𝟏")
    assert counts["letters"] == 9
    assert (counts["hebrew"], counts["latin"], counts["other"]) == (4, 3, 2)


def test_detect_langs_is_detect_lang_of_each_text() -> None:
    texts = [
        "",
        PERSIAN,
        PERSIAN_ARABIC_LETTERS,
        URDU,
        ENGLISH,
        HEBREW_WITH_ENGLISH,
        ARABIC_WITH_ENGLISH,
        ARABIC_PERSIAN_KEYBOARD,
        "שלום 𝐀𝐁 abc 𝟏",
        "א" * MIN_LETTERS,
        *(seed_path(p).read_text(encoding="utf-8") for p in ("000", "001", "002", "003", "004")),
    ]
    # four Hebrew letters are too few; ten are enough
    assert detect_langs(texts) == [
        "other",
        "other",
        "other",
        "other",
        "other",
        "he",
        "ar",
        "ar",
    ] + [
        "other",
        "he",
        "he",
        "ar",
        "he",
        "ar",
        "he",
    ]
    assert detect_langs(texts) == [detect_lang(t) for t in texts]


# Function words of both lists glued to letters, punctuation and each other; Persian and Urdu
# letters; Hebrew; astral letters; texts longer than a word run of five letters.
_WORDS = st.sampled_from(
    "في من على الى إلى أن ان التي الذي الذين هذا قال وقال است می را این که كه های از برای "
    "آن تا ها پ ٹ ے שלום 𝐀 abc ، . ـ".split()
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(_WORDS, st.text(alphabet="ابتیکيكهذلنمو \n،.", max_size=8)), max_size=40
        ).map(lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts))),
        max_size=12,
    )
)
def test_detect_langs_property(texts: list[str]) -> None:
    assert detect_langs(texts) == [detect_lang(t) for t in texts]


def test_detect_langs_across_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # batches of a few characters: every text alone, and a word never runs into the next text
    monkeypatch.setattr(lang_module, "LANG_BATCH_CHARS", 5)
    texts = ["في " * 10, "من", "است " * 10, "في", "قال" * 4, ""]
    assert (
        detect_langs(texts)
        == [detect_lang(t) for t in texts]
        == [
            "ar",
            "other",
            "other",
            "other",
            "ar",
            "other",
        ]
    )


def test_function_words_pack_into_one_integer_each_or_raise() -> None:
    # ف U+0641 then ي U+064A, 11 bits a letter, first lowest: 0x641 + (0x64A << 11)
    assert lang_module._packed_keys(["في"]).tolist() == [0x641 + (0x64A << 11)]
    assert len(lang_module._packed_keys(["والتي"])) == 1  # five letters: the most that fit
    # seven letters; U+FEFB (a presentation form) needs 16 bits; an empty word
    for bad in ("الذينهم", "\ufefb", ""):
        with pytest.raises(lang_module.FunctionWordError, match=f"{bad!r} do not pack") as caught:
            lang_module._packed_keys(["في", bad])
        assert isinstance(caught.value, CrosspressError) and isinstance(caught.value, ValueError)

"""helpers.ingest.metadata: outlet, headline and publication date.

Expected values come from reading the seed files (seeds/*.txt).
"""

from __future__ import annotations

import polars as pl
import pytest
from conftest import seed_path
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.ingest import metadata
from helpers.ingest.metadata import (
    detect_outlet,
    detect_outlets,
    extract_title,
    load_outlet_signatures,
    parse_published,
)
from helpers.text.boilerplate import strip_boilerplate
from helpers.text.fold import DATE_FOLD
from helpers.text.prefilter import PREFILTER_MIN_TEXTS, rust_prefilter

# prefix -> (lang, outlet, title, (published, published_raw))
SEEDS = {
    "000": (
        "he",
        "Walla",
        'פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"',
        ("2026-03-21", "עודכן לאחרונה: 21.3.2026 / 10:35"),
    ),
    "001": (
        "ar",
        None,  # no outlet name, domain or date anywhere in the text
        "بوتين يحذر من”تداعيات كارثية”..واسرائيل تتخوف من التعاون الروسي الايراني",
        (None, None),
    ),
    "002": (
        "he",
        "Epoch Magazine Hebrew",
        # the headline, not the long lede above the byline
        "איראן ורוסיה רומזות שהן על סף הסכם אסטרטגי – ברית מול הסנקציות והאיומים",
        ("2024-10-24", "24 באוקטובר 2024"),
    ),
    "003": (
        "ar",
        "Techno Plus",
        # the aggregator's " - تكنو بلس, اليوم …" suffix cut
        "إيران تستعين بـ بوتين للرد على زيارة ترامب إلى الخليج.. ما القصة؟",
        ("2025-05-14", "اليوم الأربعاء 14 مايو 2025 07:20 مساءً"),
    ),
    "004": (
        "he",
        "TRT Hebrew",
        "רוסיה מתווכת בין ישראל לאיראן כדי למנוע הסלמה - דיווחים",
        # not the in-story "ב-6 באוקטובר" / "ביוני 2025"
        ("2025-12-31", "31 בדצמבר 2025"),
    ),
}


def _seed(prefix: str) -> tuple[str, str]:
    lang = SEEDS[prefix][0]
    return seed_path(prefix).read_text(encoding="utf-8"), lang


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_outlet(prefix: str) -> None:
    text, lang = _seed(prefix)
    assert detect_outlet(text, lang) == SEEDS[prefix][1]


def test_outlets_of_many_texts_are_those_of_one_at_a_time() -> None:
    # detect_outlets first looks for the signatures with Polars' Rust regex. Where the two
    # engines read a text differently it must still give re's answer: Python's
    # case-insensitive "i" also matches the dotless "ı", so re finds Walla's domain in
    # "walla.co.ıl" and Rust does not.
    seeds = [_seed(prefix) for prefix in sorted(SEEDS)]
    written = [
        ("ידיעה קצרה\nמתוך walla.co.ıl היום", "he", "Walla"),
        ("ידיעה קצרה\nמתוך WALLA.CO.IL היום", "he", "Walla"),
        ("ידיעה קצרה\nמתוך walla.co.il.x היום", "he", "Walla"),  # \b after "il": "." is no letter
        ("ידיעה קצרה\nמתוך xwalla.co.il היום", "he", None),  # no \b before the "w"
        ("כותרת\nמקור: TRT עברית\nגוף", "he", "TRT Hebrew"),
        ("כותרת\nוואלה!\nגוף 𝐀", "he", "Walla"),  # a character outside the BMP
        ("عنوان - تكنو بلس, اليوم", "ar", "Techno Plus"),
        ("عنوان - تكنو بلس", "he", None),  # an Arabic outlet is not looked for in Hebrew
        ("", "he", None),
    ]
    texts = [t for t, _ in seeds] + [t for t, _, _ in written]
    langs = [lang for _, lang in seeds] + [lang for _, lang, _ in written]
    texts, langs = texts * 2, langs * 2  # enough texts for the prefilter
    assert len(texts) >= PREFILTER_MIN_TEXTS
    expected = [SEEDS[prefix][1] for prefix in sorted(SEEDS)] + [o for _, _, o in written]
    assert [detect_outlet(t, lang) for t, lang in zip(texts, langs)] == expected * 2
    assert detect_outlets(texts, langs) == expected * 2
    # the domain signature is one the prefilter runs on (so the ı line tested it)
    (domain,) = [p for p in load_outlet_signatures()[0].signatures if "co" in p.pattern]
    assert rust_prefilter(domain) == r"(?i)\bwalla\.co\.il\b"


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_title_from_text_and_from_body(prefix: str) -> None:
    text, lang = _seed(prefix)
    body, _ = strip_boilerplate(text, lang)
    assert extract_title(text, lang) == SEEDS[prefix][2]
    assert extract_title(body, lang) == SEEDS[prefix][2]
    assert extract_title(body.splitlines(), lang) == SEEDS[prefix][2]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_published_from_text_and_from_body(prefix: str) -> None:
    text, lang = _seed(prefix)
    body, _ = strip_boilerplate(text, lang)
    assert parse_published(text, lang) == SEEDS[prefix][3]
    assert parse_published(body, lang) == SEEDS[prefix][3]


def test_outlet_survives_stripping_where_the_page_signs_the_article() -> None:
    for prefix in ("002", "003", "004"):
        text, lang = _seed(prefix)
        assert detect_outlet(strip_boilerplate(text, lang)[0], lang) == SEEDS[prefix][1]
    # Walla signs only in its chrome (site-name lines), which stripping removes.
    text, lang = _seed("000")
    assert detect_outlet(strip_boilerplate(text, lang)[0], lang) is None


def test_outlet_from_fields_wins_and_maps_to_canonical_name() -> None:
    text, lang = _seed("000")
    assert detect_outlet(text, lang, {"outlet": "וואלה!"}) == "Walla"
    assert detect_outlet(text, lang, {"media_name": "Some Weekly"}) == "Some Weekly"
    assert detect_outlet("", "he", {"source_domain": "www.walla.co.il"}) == "Walla"
    assert detect_outlet("", "he", {"source_domain": "news.walla.co.il"}) == "Walla"
    assert detect_outlet("", "ar", {"source_domain": "example.org"}) == "example.org"
    assert (
        detect_outlet("", "ar", {"url": "https://www.aljazeera.net/news/2025/1/1/x"})
        == "Al Jazeera"
    )
    # empty / missing fields fall back to the text
    assert detect_outlet(text, lang, {"outlet": "", "media_name": None}) == "Walla"
    assert detect_outlet(text, lang, {}) == "Walla"


def test_outlet_never_guessed() -> None:
    assert detect_outlet("", "he") is None
    assert detect_outlet("כתבה בלי שום שם של אתר. לפי דיווח ב-ynet, הקרמלין הגיב.", "he") is None
    # a signature of an Arabic outlet is not looked for in a Hebrew document
    assert detect_outlet("כותרת - تكنو بلس", "he") is None


def test_outlet_most_signatures_wins() -> None:
    text = "וואלה\nוואלה\nכותרת\nמקור: TRT Hebrew"
    assert detect_outlet(text, "he") == "Walla"


def test_outlet_names_are_strings_and_unique() -> None:
    outlets = load_outlet_signatures()
    names = [o.name for o in outlets]
    assert len(names) == len(set(names))
    assert {"Walla", "Epoch Magazine Hebrew", "TRT Hebrew", "Techno Plus"} <= set(names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("צוות | 24 באוקטובר 2024 | חדשות", ("2024-10-24", "24 באוקטובר 2024")),
        ("עודכן לאחרונה: 21.3.2026 / 10:35", ("2026-03-21", "עודכן לאחרונה: 21.3.2026 / 10:35")),
        ("פורסם: 5.1.2025", ("2025-01-05", "פורסם: 5.1.2025")),
        ("כותרת\n3 במאי 2024", ("2024-05-03", "3 במאי 2024")),
        (
            "عنوان\nاليوم الأربعاء 14 مايو 2025 07:20 مساءً",
            ("2025-05-14", "اليوم الأربعاء 14 مايو 2025 07:20 مساءً"),
        ),
        ("نشر في 3 كانون الثاني 2025", ("2025-01-03", "نشر في 3 كانون الثاني 2025")),
        ("عنوان\n14 أيار/مايو 2025", ("2025-05-14", "14 أيار/مايو 2025")),
        ("عنوان\n1 تشرين الأول 2024", ("2024-10-01", "1 تشرين الأول 2024")),
        ("عنوان\n9 آب 2023", ("2023-08-09", "9 آب 2023")),
        ("عنوان\n28 شباط، 2022", ("2022-02-28", "28 شباط، 2022")),
        ("عنوان\n12 ديسمبر 2024", ("2024-12-12", "12 ديسمبر 2024")),
        ("عنوان\n١٤ مايو ٢٠٢٥", ("2025-05-14", "١٤ مايو ٢٠٢٥")),  # Arabic-Indic digits
        ("כותרת\n5/11/2024", ("2024-11-05", "5/11/2024")),  # d/m/yyyy
        ("آخر تحديث: 07.04.2025 14:05", ("2025-04-07", "آخر تحديث: 07.04.2025 14:05")),
        ("כותרת\n2024-10-24", ("2024-10-24", "2024-10-24")),
    ],
)
def test_parse_published_forms(text: str, expected: tuple[str, str]) -> None:
    assert (
        parse_published(text, "he" if any("\u05d0" <= c <= "\u05ea" for c in text) else "ar")
        == expected
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "כותרת\nב-6 באוקטובר שוחח נתניהו עם פוטין.",  # in-story, no year
        "כותרת\nב-24 באוקטובר 2024 נפגשו השניים.",  # in-story with year, preceded by ב-
        "عنوان\nوفي 14 مايو 2025 التقى الرئيسان.",  # in-story, preceded by في
        "כותרת\n31.2.2026",  # impossible date
        "כותרת\n12.13.2025",  # month 13
        "כותרת\n1 במאי 1850",  # implausible year
        "عنوان\nفي نهاية تشرين الثاني/نوفمبر أعلنت الوزارة",  # month without day and year
        "\n".join(
            ["כותרת"] + [f"פסקה {i} של הכתבה." for i in range(10)] + ["תמונה מ-24 באוקטובר 2024"]
        ),
    ],
    ids=[
        "empty",
        "in-story",
        "in-story-with-year",
        "in-story-ar",
        "31-feb",
        "month-13",
        "1850",
        "month-only",
        "beyond-header",
    ],
)
def test_parse_published_none(text: str) -> None:
    assert parse_published(text, "he") == (None, None)


def test_marker_inside_a_sentence_is_not_a_dateline() -> None:
    text = "כותרת הכתבה\n" + "\n".join(f"פסקה {i} של הכתבה." for i in range(10))
    text += "\nהדיווח פורסם ב-12.3.2024 בעיתון אמריקני."
    assert parse_published(text, "he") == (None, None)
    assert parse_published("عنوان\nوقال المتحدث اليوم 14 مايو 2025 إن", "ar") == (
        "2025-05-14",
        "14 مايو 2025",
    )


def test_marked_date_wins_over_header_date_and_is_found_anywhere() -> None:
    lines = (
        ["כותרת", "1 בינואר 2020"]
        + [f"פסקה {i} של הכתבה." for i in range(20)]
        + ["עודכן: 2.2.2022"]
    )
    assert parse_published("\n".join(lines), "he") == ("2022-02-02", "עודכן: 2.2.2022")


def test_extract_title_edge_cases() -> None:
    assert extract_title("", "he") is None
    assert extract_title("וואלה\nכניסה\n", "he") is None
    # byline / dateline lines are skipped; a too-long first line is a lede, not the headline
    lede = " ".join(["מילה"] * 25) + "."
    assert extract_title(f"{lede}\nצוות | 1 במאי 2024 | חדשות\nהכותרת האמיתית של הכתבה", "he") == (
        "הכותרת האמיתית של הכתבה"
    )
    # no short line at all: the first substantive line
    assert extract_title(lede, "he") == lede
    # a " - <something that is not an outlet>" suffix is part of the headline
    assert (
        extract_title("רוסיה מתווכת בין ישראל לאיראן - דיווחים", "he")
        == "רוסיה מתווכת בין ישראל לאיראן - דיווחים"
    )
    assert (
        extract_title("روسيا وإيران توقعان اتفاقية - الجزيرة نت", "ar")
        == "روسيا وإيران توقعان اتفاقية"
    )


LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
EGYPTIAN = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
HEBREW = [
    "בינואר",
    "בפברואר",
    "במרץ",
    "באפריל",
    "במאי",
    "ביוני",
    "ביולי",
    "באוגוסט",
    "בספטמבר",
    "באוקטובר",
    "בנובמבר",
    "בדצמבר",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name(month: int) -> None:
    for names, lang in ((LEVANTINE, "ar"), (EGYPTIAN, "ar"), (HEBREW, "he")):
        raw = f"7 {names[month - 1]} 2025"
        assert parse_published(f"כותרת\n{raw}", lang) == (f"2025-{month:02d}-07", raw)


def test_every_recognised_outlet_has_attributes_in_codebook_outlets() -> None:
    """The outlet names detect_outlet writes must join onto codebook/outlets.yaml, or the
    comparison by ownership/country would silently put them under 'unknown'."""
    from helpers.ingest.outlets import load_outlets, match_outlet

    attributes = load_outlets()
    for signature in load_outlet_signatures():
        assert match_outlet(attributes, name=signature.name) is not None, signature.name


# ---------------------------------------------------------------------- fast paths = references

_DATE_ALPHABET = "0123456789٠١٢٣ ./-:,،במאיאוקטוברمايوايارשעה\n"
_DATE_FRAGMENTS = ["24 באוקטובר 2024", "14 مايو 2025", "21.3.2026", "2026-03-21", "10:35", "ב-6 "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(alphabet=_DATE_ALPHABET, max_size=12), st.sampled_from(_DATE_FRAGMENTS)),
        max_size=8,
    )
)
def test_date_matches_are_the_date_regex_matches(parts: list[str]) -> None:
    text = "".join(parts)
    assert [(m.span(), m.groupdict()) for m in metadata._date_matches(text)] == [
        (m.span(), m.groupdict()) for m in metadata._DATE_RE.finditer(text)
    ]


def _is_meta_line_reference(line: str) -> bool:
    """_is_meta_line as it was written before its fast path: everything on the folded line."""
    folded = line.translate(DATE_FOLD)
    if line.count("|") >= 2 or metadata._META_LINE_RE.match(folded):
        return True
    return len(line.split()) <= 6 and metadata._DATE_RE.search(folded) is not None


@pytest.mark.parametrize(
    "line",
    [
        "آخر تحديث: 21.3.2026",  # the alef madda folds to the marker's alef
        "تاريخ النشر : ١٤ مايو ٢٠٢٥",
        "פורסם: 24.10.2024",
        "מאת: ישראל ישראלי",
        "21.3.2026 10:35",  # a bare date (six words or fewer)
        "פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן ב-21.3.2026",  # a long line with a date
        "בית | חדשות | עולם",
        "كشفت مصادر مطلعة اليوم أن موسكو",
    ],
)
def test_is_meta_line_examples(line: str) -> None:
    expected = {
        "آخر تحديث: 21.3.2026": True,
        "تاريخ النشر : ١٤ مايو ٢٠٢٥": True,
        "פורסם: 24.10.2024": True,
        "מאת: ישראל ישראלי": True,
        "21.3.2026 10:35": True,
        "פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן ב-21.3.2026": False,
        "בית | חדשות | עולם": True,
        "كشفت مصادر مطلعة اليوم أن موسكو": False,
    }[line]
    assert metadata._is_meta_line(line) is expected
    assert _is_meta_line_reference(line) is expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=_DATE_ALPHABET + "آأاخرتحديثنشرפורסםמאת|", max_size=10),
            st.sampled_from([*_DATE_FRAGMENTS, "آخر تحديث:", "نشر في", "מקור:", "by:", " | "]),
        ),
        max_size=8,
    )
)
def test_is_meta_line_is_its_reference(parts: list[str]) -> None:
    line = "".join(parts).strip()
    assert metadata._is_meta_line(line) == _is_meta_line_reference(line)


_MARKED_FRAGMENTS = [
    "עודכן לאחרונה: ",
    "פורסם ב-",
    "نشر في ",
    "آخر تحديث: ",
    "تاريخ النشر\x1c",
    "اليوم الخميس، ",
    "יום חמישי, ",
    "24 באוקטובר 2024",
    "١٤ مايو ٢٠٢٥",
    "21.3.2026",
    " | ",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(_MARKED_FRAGMENTS),
                st.text(alphabet=_DATE_ALPHABET + "آأاخرتحديثنشرפורסם\x1c\u2028", max_size=6),
            ),
            max_size=6,
        ).map("".join),
        min_size=metadata.PREFILTER_MIN_TEXTS,
        max_size=metadata.PREFILTER_MIN_TEXTS + 4,
    )
)
def test_published_of_many_texts_are_those_of_one_at_a_time(texts: list[str]) -> None:
    # the Rust prefilter never rules out a text holding a marked date (_MARKED_RE on the
    # folded text), and the batch gives parse_published's answer for every text
    may = pl.Series(texts, dtype=pl.String).str.contains(metadata._MARKED_PREFILTER).to_list()
    for text, maybe in zip(texts, may):
        if metadata._MARKED_RE.search(text.translate(DATE_FOLD)):
            assert maybe, text
    assert metadata.parse_published_many(texts, ["he"] * len(texts)) == [
        parse_published(text, "he") for text in texts
    ]


def test_published_of_many_texts_examples() -> None:
    # hand-read: a marked date deep in a long page (header lines without a date before it),
    # an Arabic dateline with Arabic-Indic digits, an in-story date only (no date)
    header = "".join(f"שורה מספר {'אבגדהוזחטי'[i]} בלי תאריך\n" for i in range(10))
    texts = [
        header + "עודכן לאחרונה: 21.3.2026 / 10:35\n",
        "آخر تحديث: ١٤ مايو ٢٠٢٥\nنص الخبر",
        "הדיווח פורסם ב-6 באוקטובר 2024 בעיתון",
    ] * 6
    assert (
        metadata.parse_published_many(texts, ["he", "ar", "he"] * 6)
        == [
            ("2026-03-21", "עודכן לאחרונה: 21.3.2026 / 10:35"),
            ("2025-05-14", "آخر تحديث: ١٤ مايو ٢٠٢٥"),
            (None, None),
        ]
        * 6
    )

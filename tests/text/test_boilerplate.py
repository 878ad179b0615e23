"""helpers.text.boilerplate: site chrome goes, every body sentence stays.

Expected lines were copied from reading the seed files (seeds/*.txt), not from the code.
"""

from __future__ import annotations

import pytest
from conftest import seed_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.text.boilerplate import (
    explain_boilerplate,
    load_rules,
    restrip_body,
    restripped_lines,
    strip_boilerplate,
    strip_boilerplates,
)
from helpers.text.fold import fold_line
from helpers.text.prefilter import PREFILTER_MIN_TEXTS

# seed prefix -> (lang, lines that must stay in the body, lines that must be removed)
SEEDS: dict[str, tuple[str, list[str], list[str]]] = {
    "000": (
        "he",
        [
            'פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"',  # headline
            "עודכן לאחרונה: 21.3.2026 / 10:35",  # dateline: kept on purpose
            # first body sentence (lede paragraph) and first sentence of the article proper
            "נשיא רוסיה שלח למנהיג העליון ולנשיא איראן ברכות לרגל הנורוז",
            "נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן לרגל חג הנורוז",
            # last sentence
            "בנוסף לכך, מוסקבה הדגישה שוב ושוב כי היא אינה מעוניינת שאיראן תפתח נשק גרעיני, "
            "מחשש למרוץ חימוש גרעיני במזרח התיכון.",
        ],
        [
            "וואלה",
            "וואלה האתר המוביל בישראל - עדכונים מסביב לשעון",
            'תקיפות ספינות טילים של חיל ים האיראני בצפון איראן/דובר צה"ל',
            "ולדימיר פוטין רוסיה מסעוד פזשכיאן איראן בפגישה טורקמיניסטן/רויטרס",
            "טרם התפרסמו תגובות",
            "top-form-right-icon",
            "בשליחת התגובה אני מסכים לתנאי השימוש",
            "walla_ssr_page_has_been_loaded_successfully",
        ],
    ),
    "001": (
        "ar",
        [
            "بوتين يحذر من”تداعيات كارثية”..واسرائيل تتخوف من التعاون الروسي الايراني",
            "حذر الرئيس الروسي فلاديمير بوتين من تداعيات كارثية جراء أي تصعيد في الشرق الأوسط، "
            "وذلك خلال اتصال هاتفي مع نظيره الإيراني إبراهيم رئيسي الثلاثاء.",
            "التعاون الروسي الإيراني",  # sub-heading inside the article
            "إلا أن التقرير شكك في إمكانية أن تزود روسيا بطاريات (S-400) لإيران بسبب الحرب في أوكرانيا.",
        ],
        ["أخبار دولية وإقليمية", "مقالات ذات صلة", "زر الذهاب إلى الأعلى"],
    ),
    "002": (
        "he",
        [
            "נשיאי איראן ורוסיה נפגשו בפסגת BRICS בקאזאן",  # lede
            "צוות מגזין אפוק | 24 באוקטובר 2024 | חדשות | 1 דק׳",  # byline: kept on purpose
            "איראן ורוסיה רומזות שהן על סף הסכם אסטרטגי – ברית מול הסנקציות והאיומים",
            "איראן מנסה להעמיק את קשריה עם רוסיה: על פי דיווח בסוכנות הידיעות האיראנית",
            '"אנו מעריכים מאוד את עמדותיו הבונות. תודה רבה", אמר פוטין, על פי הדיווח.',
        ],
        [
            "כניסה",
            "הרשמה לניוזלטר",
            # the image caption, alone and again with its credit
            "נשיא איראן מסעוד פזשכיאן ונשיא רוסיה ולדימיר פוטין בפורום בין-לאומי בטורקמניסטן, "
            "11 באוקטובר 2024",
            "נשיא איראן מסעוד פזשכיאן ונשיא רוסיה ולדימיר פוטין בפורום בין-לאומי בטורקמניסטן, "
            "11 באוקטובר 2024 | צילום: ALEXANDER SHCHERBAK/POOL/AFP via Getty Images",
            # the related-articles block through the end
            "כתבות נוספות שעשויות לעניין אותך",
            'ארה"ב הטילה סנקציות על מזכיר המועצה העליונה לביטחון לאומי באיראן',
            "דורון פסקין",
            'טראמפ: "יתכן שהמשטר האיראני יקרוס תחת לחץ המחאה"',
            "צוות מגזין אפוק",
            "שתפו:",
        ],
    ),
    "003": (
        "ar",
        [
            # headline line (with the aggregator's outlet/date suffix; metadata reads it)
            "إيران تستعين بـ بوتين للرد على زيارة ترامب إلى الخليج.. ما القصة؟ - تكنو بلس, "
            "اليوم الأربعاء 14 مايو 2025 07:20 مساءً",
            "أعلن المتحدث باسم الكرملين دميتري بيسكوف، الأربعاء، أن الرئيس الروسي فلاديمير بوتين "
            "تلقى دعوة رسمية من إيران للقيام بزيارة.",
            "دلالة توقيت دعوة إيران لـ بوتين",
            "وفي حال تمت زيارة بوتين إلى طهران، فستكون بمثابة تأكيد جديد على هذا المسار، وعلى أن "
            "طهران لا تزال تملك أوراق ضغط فاعلة، في وجه سياسة “الضغوط القصوى” التي تنتهجها واشنطن "
            "منذ انسحابها من الاتفاق النووي عام 2018.",
        ],
        [
            "نعرض لكم زوارنا أهم وأحدث الأخبار فى المقال الاتي:",
            "اقرا أيضا",
            "محمد بن سلمان يخطف قلوب السوريين بـ حركة يده.. شاهد ماذا فعل",
            "نسخ الرابط تم نسخ الرابط",
            "قدمنا لكم زوارنا أهم وأحدث الأخبار فى هذا المقال : إيران تستعين بـ بوتين للرد على "
            "زيارة ترامب إلى الخليج.. ما القصة؟ - تكنو بلس, اليوم الأربعاء 14 مايو 2025 07:20 مساءً",
            "0 تعليق",
        ],
    ),
    "004": (
        "he",
        [
            "רוסיה מתווכת בין ישראל לאיראן כדי למנוע הסלמה - דיווחים",
            "פלטפורמת תקשורת בלונדון דיווחה כי ישראל אותתה שהיא אינה מבקשת לתקוף את איראן, "
            'ואיראן השיבה "באופן מותנה ולא מחייב".',
            "31 בדצמבר 2025",  # dateline: kept
            "רוסיה מתווכת בשקט בין ישראל לאיראן בשבועות האחרונים במאמץ למנוע הסלמה צבאית",
            "לאחר עשרות שנים של מלחמת פרוקסי בין ישראל לאיראן, שתי המדינות תקפו זו את זו ישירות "
            "לראשונה ב-2024, ושוב במהלך המלחמה בת 12 הימים ביוני 2025, במהלכה הותקפו מספר אתרים "
            "גרעיניים איראניים.",
            "מקור:TRT Hebrew",  # source line: kept
        ],
        [
            "/ AP",
            "אקספלורר",
            "נער ישראלי חתם על עסקת טיעון על רקע קשרים מקוונים עם גורם איראני",
            "תקלה במטוס קרב ישראלי מעל איראן כמעט הובילה לנחיתת חירום – עוד כישלון במערכה.",
            "המתיחות בין ישראל לאיראן מזעזעת את השווקים העולמיים כאשר מחירי הנפט והזהב עולים",
        ],
    ),
}


# lines for the property test: body sentences, boilerplate of every kind, blanks
_LINE_POOL = [
    "",
    "   ",
    "וואלה",
    "כניסה",
    "שתפו:",
    "כתבות נוספות",
    "אקספלורר",
    "צילום: רויטרס",
    'תקיפה בצפון/דובר צה"ל',
    "top-form-right-icon",
    "כותרת קצרה",
    "נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן לרגל חג הנורוז - השנה הפרסית החדשה - ואמר "
    'כי מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן - כך מסר הקרמלין.',
    "משפט קצר בגוף הכתבה.",
]


def _strip(prefix: str) -> tuple[str, str, list[str]]:
    lang = SEEDS[prefix][0]
    text = seed_path(prefix).read_text(encoding="utf-8")
    body, removed = strip_boilerplate(text, lang)
    return text, body, removed


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_body_keeps_headline_first_and_last_sentence(prefix: str) -> None:
    _, body, _ = _strip(prefix)
    for kept in SEEDS[prefix][1]:
        assert kept in body, kept


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_boilerplate_lines_removed(prefix: str) -> None:
    _, body, removed = _strip(prefix)
    body_lines = [line.strip() for line in body.splitlines()]
    for gone in SEEDS[prefix][2]:
        assert gone in removed, gone
        assert gone not in body_lines, gone


def test_walla_site_name_goes_entirely_and_repeated_headline_once() -> None:
    _, body, removed = _strip("000")
    assert removed.count("וואלה") == 4
    assert "וואלה" not in body
    assert "walla" not in body.lower()
    _, body4, removed4 = _strip("004")
    headline = "רוסיה מתווכת בין ישראל לאיראן כדי למנוע הסלמה - דיווחים"
    assert body4.count(headline) == 1 and removed4.count(headline) == 1
    assert body4.splitlines()[0] == headline  # the first copy is the one kept


def test_exact_removed_lists_for_two_seeds() -> None:
    assert _strip("001")[2] == ["أخبار دولية وإقليمية", "مقالات ذات صلة", "زر الذهاب إلى الأعلى"]
    assert _strip("000")[2] == [
        "וואלה",
        "וואלה",
        "וואלה",
        "וואלה",
        "וואלה האתר המוביל בישראל - עדכונים מסביב לשעון",
        'תקיפות ספינות טילים של חיל ים האיראני בצפון איראן/דובר צה"ל',
        "ולדימיר פוטין רוסיה מסעוד פזשכיאן איראן בפגישה טורקמיניסטן/רויטרס",
        "טרם התפרסמו תגובות",
        "top-form-right-icon",
        "בשליחת התגובה אני מסכים לתנאי השימוש",
        "walla_ssr_page_has_been_loaded_successfully",
    ]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_removed_lines_in_document_order_and_nothing_invented(prefix: str) -> None:
    text, body, removed = _strip(prefix)
    lines = [line.strip() for line in text.splitlines()]
    position = -1
    for line in removed:
        position = lines.index(line, position + 1)  # raises if out of order / not in the text
    # body + removed account for every non-blank line of the text
    assert sorted(filter(None, lines)) == sorted(
        [line.strip() for line in body.splitlines() if line.strip()] + removed
    )


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_no_article_paragraph_lost(prefix: str) -> None:
    """Every long sentence-final line before the related block is still in the body."""
    text, body, _ = _strip(prefix)
    end_markers = {
        "כתבות נוספות שעשויות לעניין אותך",
        "מקור:TRT Hebrew",
        "مقالات ذات صلة",
        "اقرا أيضا",
    }
    for line in text.splitlines():
        line = line.strip()
        if line in end_markers:
            break
        if len(line.split()) >= 12 and line.endswith((".", "”.", '".', "؟")):
            assert line in body, line


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_idempotent(prefix: str) -> None:
    _, body, _ = _strip(prefix)
    assert strip_boilerplate(body, SEEDS[prefix][0]) == (body, [])


def test_body_layout_blank_lines_collapsed() -> None:
    _, body, _ = _strip("000")
    assert not body.startswith("\n") and not body.endswith("\n")
    assert "\n\n\n" not in body
    assert body.splitlines()[0] == 'פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"'


def test_cleaned_gershayim_and_crlf_still_match() -> None:
    # clean_text writes ״ for gershayim; pages may come with CRLF line ends.
    text = "כותרת הכתבה על רוסיה ואיראן\r\nתקיפות בצפון איראן/דובר צה״ל\r\nטרם התפרסמו תגובות\r\n"
    body, removed = strip_boilerplate(text, "he")
    assert body == "כותרת הכתבה על רוסיה ואיראן"
    assert removed == ["תקיפות בצפון איראן/דובר צה״ל", "טרם התפרסמו תגובות"]


def test_inline_read_also_keeps_the_rest_of_the_article() -> None:
    prose = (
        "وأكد المتحدث باسم الكرملين أن موسكو تثمن شراكتها الوثيقة مع طهران في مختلف المجالات "
        "السياسية والاقتصادية والعسكرية، وأن التنسيق بين البلدين مستمر على أعلى المستويات منذ سنوات."
    )
    text = "\n".join(
        [
            "عنوان الخبر عن روسيا وإيران",
            "اقرأ أيضاً: ",
            "عنوان مقال آخر لا علاقة له",
            prose,
            "0 تعليق",
        ]
    )
    body, removed = strip_boilerplate(text, "ar")
    assert prose in body
    assert removed == ["اقرأ أيضاً:", "عنوان مقال آخر لا علاقة له", "0 تعليق"]
    assert [rule for _, _, rule in explain_boilerplate(text, "ar")] == [
        "end-inline",
        "end-inline",
        "widget",
    ]


def test_long_body_sentence_with_marker_words_is_kept() -> None:
    sentence = (
        "הדובר אמר כי כתבות נוספות יתפרסמו בהמשך השבוע, וכי צילום: של המסמך הועבר לעיתונאים "
        "כבר ביום שני האחרון."
    )
    body, removed = strip_boilerplate("כותרת הידיעה\n" + sentence, "he")
    assert removed == [] and sentence in body


def test_repeated_paragraph_keeps_first_short_repeats_go() -> None:
    para = "משפט ארוך מספיק כדי לא להיחשב קצר בכלל."
    body, removed = strip_boilerplate(
        "\n".join(["שתף", para, "שלום עולם", para, "שלום עולם"]), "he"
    )
    assert body == para
    assert removed == ["שתף", "שלום עולם", para, "שלום עולם"]


def test_empty_and_only_boilerplate() -> None:
    assert strip_boilerplate("", "he") == ("", [])
    assert strip_boilerplate("\n  \n", "ar") == ("", [])
    body, removed = strip_boilerplate(
        "וואלה\nכניסה\nשתפו:\nwalla_ssr_page_has_been_loaded_successfully", "he"
    )
    assert body == "" and len(removed) == 4


def test_other_language_uses_only_any_rules() -> None:
    body, removed = strip_boilerplate("Headline here\nShare\nRelated articles\nSome link", "other")
    assert body == "Headline here"
    assert removed == ["Share", "Related articles", "Some link"]


def test_photo_credit_forms() -> None:
    credits_he = ["צילום: רויטרס", "הנשיא בטקס במוסקבה (photo: Reuters)", "המשלחת בקרמלין / AFP"]
    body, removed = strip_boilerplate("\n".join(["כותרת הידיעה על רוסיה", *credits_he]), "he")
    assert body == "כותרת הידיעה על רוסיה"
    assert removed == credits_he
    credits_ar = ["موكب الرئيس في طهران | تصوير: وكالات", "الرئيس الروسي في الكرملين/رويترز"]
    body, removed = strip_boilerplate("\n".join(["عنوان الخبر عن روسيا", *credits_ar]), "ar")
    assert body == "عنوان الخبر عن روسيا"
    assert removed == credits_ar


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_LINE_POOL), max_size=25))
def test_partition_property(lines: list[str]) -> None:
    """Whatever the mix of lines: body + removed are exactly the non-blank input lines."""
    text = "\n".join(lines)
    body, removed = strip_boilerplate(text, "he")
    got = [line.strip() for line in body.splitlines() if line.strip()] + removed
    assert sorted(got) == sorted(line.strip() for line in lines if line.strip())
    assert "\n\n\n" not in body


def test_fold_line() -> None:
    assert fold_line("  اقرأ  أيضاً ") == "اقرا ايضا"
    assert fold_line("צה״ל") == 'צה"ל'
    assert fold_line("Top-Form\u200f") == "top-form"


def test_bad_yaml_pattern_is_reported(tmp_path) -> None:
    bad = tmp_path / "bp.yaml"
    bad.write_text("he:\n  widget:\n    - (unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad regex"):
        load_rules("he", bad)
    bad.write_text("he:\n  widget:\n    - key: value\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a string"):
        load_rules("he", bad)
    bad.write_text("he:\n  widgets: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown category"):
        load_rules("he", bad)


# ------------------------------------------------------------------ restrip_body

_PROSE_AR = (
    "قال المتحدث باسم الخارجية إن موسكو وطهران تعملان معا على توسيع التعاون الاقتصادي "
    "والعسكري في المنطقة خلال السنوات المقبلة وفق الاتفاق الذي وقعه الرئيسان في العام الماضي."
)
_LINES = [
    "",
    "أخبار عربية",  # header labels (ar)
    "أخبار دولية وإقليمية",
    "رياضة",
    "اقرأ أيضا",  # end marker
    "كتبت هذه السطور في موسكو مع وفد من الصحفيين العرب والأجانب",  # 11 words, no period
    "صورة أرشيفية لاجتماع الرئيسين في موسكو وطهران خلال القمة الأخيرة (photo: AP)",  # long credit
    "الرئيس الروسي يستقبل وزير الخارجية الإيراني",
    _PROSE_AR,
    "share",
    "walla_ssr_page_has_been_loaded_successfully",
    "כתבות נוספות",
    "פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן",
    "צילום: רויטרס",
    "عاجل",
    "x",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), max_size=14), st.sampled_from(["he", "ar", ""]))
def test_restrip_body_equals_strip_boilerplate_on_a_body_start(lines: list[str], lang: str) -> None:
    body, _ = strip_boilerplate("\n".join(lines), lang)
    body_lines = body.split("\n")
    for k in range(len(body_lines) + 1):
        head = "\n".join(body_lines[:k])
        assert restrip_body(head, lang) == strip_boilerplate(head, lang)[0]
        assert list(restripped_lines(body_lines[:k], lang)) == [
            line for line in restrip_body(head, lang).split("\n") if line.strip()
        ]


def test_restrip_body_drops_a_header_label_no_longer_after_a_long_line() -> None:
    # the long credit line set "seen a long line" in the first pass, so the label after it
    # stayed; in the body it is gone, and the label goes on a second pass
    text = "\n".join([_LINES[6], "أخبار عربية", _PROSE_AR])
    body, removed = strip_boilerplate(text, "ar")
    assert removed == [_LINES[6]]
    assert body == "أخبار عربية\n" + _PROSE_AR
    assert restrip_body(body, "ar") == strip_boilerplate(body, "ar")[0] == _PROSE_AR


def test_many_texts_are_stripped_as_one_at_a_time() -> None:
    # strip_boilerplates checks for debug markers in all texts at once (a Rust prefilter that
    # re confirms): a text with the Walla render marker, one with a character outside the
    # prefilter's safe set, and the seeds give strip_boilerplate's results
    marker = "walla_ssr_page_has_been_loaded_successfully"
    written = [
        (f"כותרת הידיעה כאן\n{marker}\nגוף הידיעה כאן.", "he"),
        (f"כותרת הידיעה כאן\n{marker.upper()} 𝐀\nגוף הידיעה כאן.", "he"),
        ("عنوان الخبر هنا\nنص الخبر هنا.", "ar"),
        ("", "he"),
    ]
    seeds = [(seed_path(prefix).read_text(encoding="utf-8"), SEEDS[prefix][0]) for prefix in SEEDS]
    texts, langs = zip(*(written + seeds) * 2)
    assert len(texts) >= PREFILTER_MIN_TEXTS
    expected = [strip_boilerplate(text, lang) for text, lang in zip(texts, langs)]
    assert strip_boilerplates(list(texts), list(langs)) == expected
    assert expected[0] == ("כותרת הידיעה כאן\nגוף הידיעה כאן.", [marker])  # read: a debug line
    assert expected[1][1] == [f"{marker.upper()} 𝐀"]

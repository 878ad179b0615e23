"""Hostile inputs: every case ends as a document or a rejects row naming the file (and line).

Each case builds a small corpus folder in ``tmp_path``, runs ``ingest_corpus`` on it and
checks (1) the expected outcome of every source, (2) that every reject detail names its
source, (3) the invariant ``inputs == documents + rejected sources`` and (4) case-specific
facts. Texts are paragraphs of the seed articles (read from ``seeds/``) or written here.

========================  ==========================================  ============================
case                      corpus                                      expected outcome
========================  ==========================================  ============================
empty_file                empty.txt (0 bytes)                         reject empty
whitespace_only           blank.txt (spaces, tabs, CRLF, NBSP, ZWSP)  reject empty
binary_png_as_txt         picture.txt holding PNG bytes               reject binary
png_file                  picture.png                                 reject unsupported_type
docx_file                 report.docx (a ZIP)                         reject unsupported_type
dotfile                   .DS_Store                                   reject unsupported_type
undecodable_bytes         noise.txt (random bytes, no NUL)            reject undecodable
broken_utf8               broken.txt (UTF-8 + one stray 0xFF byte)    reject undecodable
utf16_bom                 he_utf16.txt (UTF-16 LE with BOM)           document he, text = seed para
utf8_bom                  ar_bom.txt (UTF-8 with BOM)                 document ar, no BOM in text
cp1255_hebrew             he_1255.txt (windows-1255)                  document he, text = seed para
cp1256_arabic             ar_1256.txt (windows-1256)                  document ar, text = seed para
mixed_encodings           same he text in 4 encodings, same ar in 2   2 documents + 4 duplicates
big_article_accepted      big.txt, 50 MB built from seed 000          document he (marked slow)
big_article_too_large     big.txt, 50 MB, max_bytes=10 MB             reject too_large
tiny_files_10000          10,000 tiny Hebrew files in 100 folders     10,000 documents he
jsonl_broken_line         news.jsonl: good he, broken, good ar        news.jsonl:1 he,
                                                                      news.jsonl:2 parse_error,
                                                                      news.jsonl:3 ar
jsonl_odd_records         odd.jsonl: array line, no maintext, blank   :1 parse_error, :2 empty,
                          line, good record                           :4 he (blank line skipped)
jsonl_record_too_large    sizes.jsonl: small record, 20-paragraph     :1 he, :2 too_large
                          record; max_bytes=4,000
jsonl_bad_bytes_line      mixed.jsonl: utf-8 he, a cp1255 line,       :1 he, :2 undecodable, :3 ar
                          utf-8 ar
jsonl_utf16               u16.jsonl (UTF-16 BOM): ar, broken, he      :1 ar, :2 parse_error, :3 he
jsonl_claims_ar_fa        np.jsonl: language "ar", Persian maintext   :1 unsupported_language
                                                                      (detail: claimed ar, other)
json_array                arr.json: [he record, ar record]            arr.json:2 he, arr.json:3 ar
json_object               one.json: one news-please record            document he, fields kept
empty_jsonl               empty.jsonl (0 bytes)                       reject empty
csv_no_text_column        notext.csv (title,body,url)                 ONE reject parse_error naming
                                                                      the column and those found
csv_publish_date          items.csv (title,text,url,publish_date,     items.csv:2 he, :3 ar, record
                          outlet), a wrong-width row                  fields win; :4 parse_error
csv_cp1256                ar.csv in windows-1256 (title,text)         ar.csv:2 ar, ar.csv:3 ar
html_script_style         page.html with <script>/<style>/noscript    document he, no script/style
html_cp1255               legacy.html in windows-1255                 document he, text decoded
html_no_text              scripts.html (only scripts)                 reject no_text
persian_article           fa.txt                                      reject unsupported_language
english_article           en.txt                                      reject unsupported_language
hebrew_niqqud             niqqud.txt + plain.txt (same, unpointed)    niqqud.txt he (no niqqud in
                                                                      text), plain.txt duplicate
arabic_tashkeel           tashkeel.txt + undiacritized.txt            tashkeel.txt ar,
                                                                      undiacritized.txt duplicate
bidi_zero_width           bidi.txt (RLM/RLE/LRI/ZWJ/ZWNJ/BOM) +       bidi.txt he, plain.txt
                          plain.txt                                   duplicate
crlf_line_endings         crlf.txt + lf.txt (same text)               crlf.txt he, lf.txt duplicate
same_article_two_names    a.txt, b/copy.txt (seed 000 twice)          a.txt he, b/copy.txt duplicate
                                                                      of a.txt
boilerplate_only          chrome.txt (comment widgets, share)         reject no_text
symlink_loop              good.txt, sub/up -> .., self -> self        good.txt he, sub/up and self
                                                                      symlink_loop
broken_symlink            good.txt, dangling.txt -> missing.txt       dangling.txt unreadable
unreadable_file           locked.txt (open raises PermissionError)    reject unreadable
unreadable_folder         good.txt, private/ (listing raises          good.txt he, private
                          PermissionError)                            unreadable
========================  ==========================================  ============================

Tests run as root, where ``chmod 000`` is still readable, so the unreadable file is simulated
by monkeypatching :func:`helpers.ingest.readers.open_binary` (the single point of file access).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from helpers.ingest import readers
from helpers.ingest.corpus import REJECT_REASONS, IngestResult, ingest_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


SEED_HE = _seed("000")
SEED_AR = _seed("001")
# Body paragraphs read from the seeds (whole lines, as published).
HE_PARA = (
    "נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן לרגל חג הנורוז - השנה הפרסית החדשה - "
    'ואמר כי מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן - כך מסר הקרמלין. זאת אף '
    "שמידת התמיכה של מוסקבה במשטר, המצוי במלחמה על הישרדותו, נותרה מוגבלת למורת רוחם של "
    "גורמים איראניים."
)
HE_PARA2 = (
    "למרות הקשרים ההדוקים בין טהרן למוסקבה, ההסכם האסטרטגי בין רוסיה לאיראן אינו כולל "
    "סעיף הגנה הדדית."
)
AR_PARA = (
    "حذر الرئيس الروسي فلاديمير بوتين من تداعيات كارثية جراء أي تصعيد في الشرق الأوسط، "
    "وذلك خلال اتصال هاتفي مع نظيره الإيراني إبراهيم رئيسي الثلاثاء."
)
AR_PARA2 = (
    "إلا أن التقرير شكك في إمكانية أن تزود روسيا بطاريات (S-400) لإيران بسبب الحرب في أوكرانيا."
)
PERSIAN = (
    "ولادیمیر پوتین، رئیس جمهور روسیه، در پیامی به رهبران ایران گفت که مسکو دوست وفادار و "
    "شریک قابل اعتماد تهران است. این پیام به مناسبت نوروز ارسال شد و کرملین اعلام کرد که "
    "روابط دو کشور در حال گسترش است. با این حال، برخی مقامات ایرانی از حمایت محدود روسیه "
    "ناراضی هستند و می گویند مسکو باید کمک بیشتری برای ایران انجام دهد."
)
ENGLISH = (
    "Russian President Vladimir Putin told Iran's leaders that Moscow remains a loyal "
    "friend and reliable partner of Tehran, the Kremlin said on Saturday. The message "
    "came even though Russian support for the Iranian government has stayed limited."
)
HE_NIQQUD = "נְשִׂיא רוּסְיָה וְלָדִימִיר פּוּטִין אָמַר כִּי מוֹסְקְבָה נוֹתְרָה יְדִידָה נֶאֱמָנָה שֶׁל טֶהְרָן."
HE_NIQQUD_PLAIN = "נשיא רוסיה ולדימיר פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן."
AR_TASHKEEL = (
    "قَالَ الرَّئِيسُ الرُّوسِيُّ فْلَادِيمِيرْ بُوتِينْ إِنَّ مُوسْكُو شَرِيكٌ مَوْثُوقٌ لِطَهْرَانَ فِي مُوَاجَهَةِ الضُّغُوطِ الْغَرْبِيَّةِ."
)
AR_TASHKEEL_PLAIN = (
    "قال الرئيس الروسي فلاديمير بوتين إن موسكو شريك موثوق لطهران في مواجهة الضغوط الغربية."
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
    b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
_NIQQUD_RE = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_TASHKEEL_RE = re.compile("[\u064b-\u0652\u0670\u0640]")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\r]")

Expected = dict[str, str]  # source → "he" / "ar" (a document) or a reject reason


def he_article(tag: str = "") -> str:
    """A small Hebrew article (headline + two seed paragraphs); ``tag`` makes it unique."""
    return f"רוסיה ואיראן: הקרמלין מבהיר {tag}\n\n{HE_PARA}\n\n{HE_PARA2} {tag}\n"


def ar_article(tag: str = "") -> str:
    """A small Arabic article (headline + two seed paragraphs)."""
    return f"بوتين يحذر من تداعيات كارثية {tag}\n\n{AR_PARA}\n\n{AR_PARA2} {tag}\n"


def np_record(text: str, **fields: object) -> dict[str, object]:
    """A news-please record."""
    record: dict[str, object] = {
        "title": None,
        "maintext": text,
        "date_publish": None,
        "source_domain": None,
        "url": None,
        "language": None,
    }
    record.update(fields)
    return record


# --------------------------------------------------------------------------- case builders


def build_empty(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "empty.txt").write_bytes(b"")
    return {"empty.txt": "empty"}


def build_whitespace(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "blank.txt").write_text("  \t\r\n\n \u00a0\u200b  \n", encoding="utf-8")
    return {"blank.txt": "empty"}


def build_png_as_txt(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "picture.txt").write_bytes(PNG_BYTES)
    return {"picture.txt": "binary"}


def build_png_file(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "picture.png").write_bytes(PNG_BYTES)
    return {"picture.png": "unsupported_type"}


def build_docx(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "report.docx").write_bytes(
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40 + b"word/document.xml"
    )
    return {"report.docx": "unsupported_type"}


def build_dotfile(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 64)
    return {".DS_Store": "unsupported_type"}


def build_undecodable(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL: not "binary"
    (d / "noise.txt").write_bytes(noise)
    return {"noise.txt": "undecodable"}


def build_broken_utf8(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    data = he_article().encode("utf-8")
    cut = data.index(b" ", 200)  # between two characters: only the 0xFF is invalid
    (d / "broken.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    return {"broken.txt": "undecodable"}


def build_utf16(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "he_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + he_article().encode("utf-16-le"))
    return {"he_utf16.txt": "he"}


def build_utf8_bom(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "ar_bom.txt").write_bytes(codecs.BOM_UTF8 + ar_article().encode("utf-8"))
    return {"ar_bom.txt": "ar"}


def build_cp1255(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "he_1255.txt").write_bytes(he_article().encode("cp1255"))
    return {"he_1255.txt": "he"}


def build_cp1256(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "ar_1256.txt").write_bytes(ar_article().encode("cp1256"))
    return {"ar_1256.txt": "ar"}


def build_mixed(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    he, ar = he_article(), ar_article()
    (d / "he_a_cp1255.txt").write_bytes(he.encode("cp1255"))
    (d / "he_b_utf16.txt").write_bytes(he.encode("utf-16"))  # BOM + native order
    (d / "he_c_utf8.txt").write_bytes(he.encode("utf-8"))
    (d / "he_d_utf8bom.txt").write_bytes(he.encode("utf-8-sig"))
    (d / "ar_a_cp1256.txt").write_bytes(ar.encode("cp1256"))
    (d / "ar_b_utf8.txt").write_bytes(ar.encode("utf-8"))
    return {
        "he_a_cp1255.txt": "he",
        "he_b_utf16.txt": "duplicate",
        "he_c_utf8.txt": "duplicate",
        "he_d_utf8bom.txt": "duplicate",
        "ar_a_cp1256.txt": "ar",
        "ar_b_utf8.txt": "duplicate",
    }


BIG_BYTES = 50 * 1024 * 1024


def _write_big(d: Path) -> None:
    """A 50 MB article: seed 000, then its body paragraphs numbered so no line repeats."""
    paras = [line for line in SEED_HE.splitlines() if len(line) > 100]
    parts = [SEED_HE]
    size = len(SEED_HE.encode("utf-8"))
    i = 0
    while size < BIG_BYTES:
        chunk = "".join(f"{paras[(i + k) % len(paras)]} ({i + k})\n\n" for k in range(1000))
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        i += 1000
    (d / "big.txt").write_text("".join(parts), encoding="utf-8")


def build_big(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    _write_big(d)
    return {"big.txt": "he"}


def build_big_too_large(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    _write_big(d)
    return {"big.txt": "too_large"}


def build_tiny(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    expected: Expected = {}
    for folder in range(100):
        sub = d / f"f{folder:02d}"
        sub.mkdir()
        for k in range(100):
            i = folder * 100 + k
            with open(sub / f"{i:05d}.txt", "w", encoding="utf-8") as fh:
                fh.write(f"פוטין אמר כי מוסקבה נותרה ידידה נאמנה של טהרן, הודעה מספר {i}\n")
            expected[f"f{folder:02d}/{i:05d}.txt"] = "he"
    return expected


def build_jsonl_broken(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    lines = [
        json.dumps(np_record(HE_PARA, title="רוסיה ואיראן", language="he"), ensure_ascii=False),
        '{"title": "שבור", "maintext": "הטקסט נקטע באמצע',
        json.dumps(np_record(AR_PARA, title="بوتين يحذر", language="ar"), ensure_ascii=False),
    ]
    (d / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"news.jsonl:1": "he", "news.jsonl:2": "parse_error", "news.jsonl:3": "ar"}


def build_jsonl_bad_bytes(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    good_he = json.dumps(np_record(HE_PARA, language="he"), ensure_ascii=False).encode("utf-8")
    cp1255 = json.dumps(np_record(HE_PARA2, language="he"), ensure_ascii=False).encode("cp1255")
    good_ar = json.dumps(np_record(AR_PARA, language="ar"), ensure_ascii=False).encode("utf-8")
    (d / "mixed.jsonl").write_bytes(b"\n".join([good_he, cp1255, good_ar]) + b"\n")
    return {"mixed.jsonl:1": "he", "mixed.jsonl:2": "undecodable", "mixed.jsonl:3": "ar"}


def build_jsonl_utf16(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    lines = [
        json.dumps(np_record(AR_PARA, language="ar"), ensure_ascii=False),
        "{broken",
        json.dumps(np_record(HE_PARA, language="he"), ensure_ascii=False),
    ]
    (d / "u16.jsonl").write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    return {"u16.jsonl:1": "ar", "u16.jsonl:2": "parse_error", "u16.jsonl:3": "he"}


def build_jsonl_record_too_large(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    small = json.dumps(np_record(HE_PARA2), ensure_ascii=False)
    huge = json.dumps(np_record(" ".join([HE_PARA] * 20)), ensure_ascii=False)
    (d / "sizes.jsonl").write_text(f"{small}\n{huge}\n", encoding="utf-8")
    return {"sizes.jsonl:1": "he", "sizes.jsonl:2": "too_large"}


def build_jsonl_odd(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    lines = [
        "[1, 2, 3]",
        json.dumps({"title": "כותרת בלבד", "language": "he"}, ensure_ascii=False),
        "   ",
        json.dumps(np_record(HE_PARA), ensure_ascii=False),
    ]
    (d / "odd.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"odd.jsonl:1": "parse_error", "odd.jsonl:2": "empty", "odd.jsonl:4": "he"}


def build_jsonl_claims_ar(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    rec = np_record(
        PERSIAN,
        title="پوتین: مسکو دوست وفادار تهران است",
        language="ar",
        source_domain="www.example.ir",
    )
    (d / "np.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"np.jsonl:1": "unsupported_language"}


def build_json_array(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    he = json.dumps(np_record(HE_PARA, language="he"), ensure_ascii=False)
    ar = json.dumps(np_record(AR_PARA, language="ar"), ensure_ascii=False)
    (d / "arr.json").write_text(f"[\n{he},\n{ar}\n]\n", encoding="utf-8")
    return {"arr.json:2": "he", "arr.json:3": "ar"}


def build_json_object(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    rec = np_record(
        HE_PARA,
        title="פוטין: מוסקבה ידידה נאמנה",
        date_publish="2026-03-21 10:35:00",
        source_domain="news.walla.co.il",
        url="https://news.walla.co.il/item/1",
        language="he",
    )
    (d / "one.json").write_text(json.dumps(rec, ensure_ascii=False, indent=2), encoding="utf-8")
    return {"one.json": "he"}


def build_empty_jsonl(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "empty.jsonl").write_bytes(b"")
    return {"empty.jsonl": "empty"}


def build_csv_no_text(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "notext.csv").write_text(
        f"title,body,url\nכותרת,{HE_PARA2},https://x.example/1\n"
        f"כותרת 2,{HE_PARA2},https://x.example/2\n",
        encoding="utf-8",
    )
    return {"notext.csv": "parse_error"}


def build_csv_cp1256(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    rows = f'title,text\nبوتين يحذر,"{AR_PARA}"\nعنوان ثان,"{AR_PARA2}"\n'
    (d / "ar.csv").write_bytes(rows.encode("cp1256"))
    return {"ar.csv:2": "ar", "ar.csv:3": "ar"}


def build_csv_publish_date(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    rows = (
        "title,text,url,publish_date,outlet\n"
        f'"רוסיה ואיראן","{HE_PARA.replace(chr(34), chr(34) * 2)}",https://he.example/a,'
        "2024-10-24,Example HE\n"
        f'بوتين يحذر,"{AR_PARA}",https://ar.example/b,2024-04-16T09:00:00,Example AR\n'
        "only,three,fields\n"
    )
    (d / "items.csv").write_text(rows, encoding="utf-8")
    return {"items.csv:2": "he", "items.csv:3": "ar", "items.csv:4": "parse_error"}


HTML_PAGE = f"""<!DOCTYPE html>
<html lang="he" dir="rtl"><head>
<meta charset="utf-8">
<title>פוטין למנהיגי איראן - אתר לדוגמה</title>
<meta property="og:title" content="פוטין למנהיגי איראן: נותרנו חברים נאמנים">
<meta property="article:published_time" content="2026-03-21T10:35:00+02:00">
<style>.secret::after {{ content: "STYLE_LEAK_1"; }}</style>
<script>var leak = "SCRIPT_LEAK_1"; document.write("SCRIPT_LEAK_2");</script>
</head><body>
<nav><a href="/">ראשי</a> <a href="/news">חדשות</a></nav>
<article>
<h1>פוטין למנהיגי איראן: נותרנו חברים נאמנים</h1>
<p>{HE_PARA}</p>
<script type="text/javascript">window.SCRIPT_LEAK_3 = 1;</script>
<style>p {{ color: red; }} /* STYLE_LEAK_2 */</style>
<p>{HE_PARA2}</p>
<noscript><p>NOSCRIPT_LEAK</p></noscript>
</article>
</body></html>
"""


def build_html(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    return {"page.html": "he"}


def build_html_cp1255(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1255">')
    (d / "legacy.html").write_bytes(page.encode("cp1255"))
    return {"legacy.html": "he"}


def build_html_no_text(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "scripts.html").write_text(
        "<html><head><script>var a = 'SCRIPT_ONLY';</script></head>"
        "<body><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    return {"scripts.html": "no_text"}


def build_persian(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "fa.txt").write_text(PERSIAN, encoding="utf-8")
    return {"fa.txt": "unsupported_language"}


def build_english(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "en.txt").write_text(ENGLISH, encoding="utf-8")
    return {"en.txt": "unsupported_language"}


def build_niqqud(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "niqqud.txt").write_text(f"{HE_NIQQUD}\n\n{HE_PARA}\n", encoding="utf-8")
    (d / "plain.txt").write_text(f"{HE_NIQQUD_PLAIN}\n\n{HE_PARA}\n", encoding="utf-8")
    return {"niqqud.txt": "he", "plain.txt": "duplicate"}


def build_tashkeel(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "tashkeel.txt").write_text(f"{AR_TASHKEEL}\n\n{AR_PARA}\n", encoding="utf-8")
    (d / "undiacritized.txt").write_text(f"{AR_TASHKEEL_PLAIN}\n\n{AR_PARA}\n", encoding="utf-8")
    return {"tashkeel.txt": "ar", "undiacritized.txt": "duplicate"}


def _bidi_dense(text: str) -> str:
    words = text.split(" ")
    noisy = []
    for i, word in enumerate(words):
        if len(word) > 3 and i % 2:
            word = word[:2] + "\u200d" + word[2:] + "\u200c"
        noisy.append(
            ("\u2067" if i % 3 == 0 else "") + word + "\u200f" + ("\u2069" if i % 3 == 0 else "")
        )
    return "\ufeff\u202b" + " ".join(noisy) + "\u202c\u200e"


def build_bidi(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "bidi.txt").write_text(
        f"{_bidi_dense(HE_PARA)}\n\n{_bidi_dense(HE_PARA2)}\n", encoding="utf-8"
    )
    (d / "plain.txt").write_text(f"{HE_PARA}\n\n{HE_PARA2}\n", encoding="utf-8")
    return {"bidi.txt": "he", "plain.txt": "duplicate"}


def build_crlf(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    text = he_article()
    (d / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (d / "lf.txt").write_bytes(text.encode("utf-8"))
    return {"crlf.txt": "he", "lf.txt": "duplicate"}


def build_same_article(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "a.txt").write_text(SEED_HE, encoding="utf-8")
    (d / "b").mkdir()
    (d / "b" / "copy.txt").write_text(SEED_HE, encoding="utf-8")
    return {"a.txt": "he", "b/copy.txt": "duplicate"}


def build_boilerplate_only(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "chrome.txt").write_text(
        "טרם התפרסמו תגובות\n\ntop-form-right-icon\n\n"
        "בשליחת התגובה אני מסכים לתנאי השימוש\nשתפו:\n",
        encoding="utf-8",
    )
    return {"chrome.txt": "no_text"}


def build_symlink_loop(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "good.txt").write_text(he_article(), encoding="utf-8")
    (d / "sub").mkdir()
    os.symlink("..", d / "sub" / "up")
    os.symlink("self", d / "self")
    return {"good.txt": "he", "sub/up": "symlink_loop", "self": "symlink_loop"}


def build_broken_symlink(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "good.txt").write_text(he_article(), encoding="utf-8")
    os.symlink("missing.txt", d / "dangling.txt")
    return {"good.txt": "he", "dangling.txt": "unreadable"}


def build_unreadable_folder(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "good.txt").write_text(he_article(), encoding="utf-8")
    (d / "private").mkdir()
    (d / "private" / "hidden.txt").write_text(he_article("פרטי"), encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path):
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    mp.setattr(os, "scandir", guarded_scandir)
    return {"good.txt": "he", "private": "unreadable"}


def build_unreadable(d: Path, mp: pytest.MonkeyPatch) -> Expected:
    (d / "locked.txt").write_text(he_article("נעול"), encoding="utf-8")
    (d / "open.txt").write_text(he_article("פתוח"), encoding="utf-8")
    real_open = readers.open_binary

    def guarded_open(path: str | Path):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    mp.setattr(readers, "open_binary", guarded_open)
    return {"locked.txt": "unreadable", "open.txt": "he"}


# --------------------------------------------------------------------------- case checks


def _doc(result: IngestResult, source: str) -> pd.Series:
    rows = result.documents[result.documents["source"] == source]
    assert len(rows) == 1, f"no document {source}"
    return rows.iloc[0]


def _detail(result: IngestResult, source: str) -> str:
    rows = result.rejects[result.rejects["source"] == source]
    assert len(rows) >= 1, f"no reject {source}"
    return str(rows.iloc[0]["detail"])


def check_whitespace(r: IngestResult, d: Path) -> None:
    assert "whitespace" in _detail(r, "blank.txt")


def check_png(r: IngestResult, d: Path) -> None:
    assert "PNG" in _detail(r, "picture.txt")


def check_docx(r: IngestResult, d: Path) -> None:
    assert ".docx" in _detail(r, "report.docx")


def check_broken_utf8(r: IngestResult, d: Path) -> None:
    assert "UTF-8" in _detail(r, "broken.txt")


def _has_paragraphs(text: str, *paras: str) -> None:
    for para in paras:
        assert para in text, f"{para[:40]!r}… not in text"


def check_utf16(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "he_utf16.txt")["text"], HE_PARA, HE_PARA2)


def check_utf8_bom(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "ar_bom.txt")
    assert not doc["text_raw"].startswith("\ufeff") and "\ufeff" not in doc["text"]
    assert doc["text"].startswith("بوتين يحذر")


def check_cp1255(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "he_1255.txt")["text"], HE_PARA, HE_PARA2)


def check_cp1256(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "ar_1256.txt")["text"], AR_PARA, AR_PARA2)


def check_mixed(r: IngestResult, d: Path) -> None:
    kept = _doc(r, "he_a_cp1255.txt")
    for name in ("he_b_utf16.txt", "he_c_utf8.txt", "he_d_utf8bom.txt"):
        detail = _detail(r, name)
        assert "he_a_cp1255.txt" in detail and kept["doc_id"] in detail
    assert "ar_a_cp1256.txt" in _detail(r, "ar_b_utf8.txt")


def check_big(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "big.txt")
    assert len(doc["text"]) > 20_000_000
    assert doc["published"] == "2026-03-21"  # "עודכן לאחרונה: 21.3.2026" at the top of seed 000


def check_big_too_large(r: IngestResult, d: Path) -> None:
    detail = _detail(r, "big.txt")
    assert "max_bytes=10,000,000" in detail and f"{(d / 'big.txt').stat().st_size:,}" in detail


def check_tiny(r: IngestResult, d: Path) -> None:
    assert len(r.documents) == 10_000 and r.rejects.empty
    assert r.documents["text"].str.endswith("הודעה מספר 9999").sum() == 1


def check_jsonl_broken(r: IngestResult, d: Path) -> None:
    assert "news.jsonl:2" in _detail(r, "news.jsonl:2")
    assert _doc(r, "news.jsonl:1")["title"] == "רוסיה ואיראן"
    assert _doc(r, "news.jsonl:3")["text"].startswith("بوتين يحذر\n")


def check_jsonl_bad_bytes(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "mixed.jsonl:1")["text"], HE_PARA)
    _has_paragraphs(_doc(r, "mixed.jsonl:3")["text"], AR_PARA)
    line2 = (d / "mixed.jsonl").read_bytes().split(b"\n")[1] + b"\n"
    assert next(i for i in r.inputs if i["source"] == "mixed.jsonl:2")["bytes"] == len(line2)


def check_jsonl_utf16(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "u16.jsonl:1")["text"], AR_PARA)
    _has_paragraphs(_doc(r, "u16.jsonl:3")["text"], HE_PARA)


def check_jsonl_claims_ar(r: IngestResult, d: Path) -> None:
    detail = _detail(r, "np.jsonl:1")
    assert "claims language 'ar'" in detail and "'other'" in detail


def check_json_object(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "one.json")
    assert doc["title"] == "פוטין: מוסקבה ידידה נאמנה"
    assert doc["published"] == "2026-03-21" and doc["published_raw"] == "2026-03-21 10:35:00"
    assert doc["url"] == "https://news.walla.co.il/item/1"
    assert doc["text"].split("\n")[0] == "פוטין: מוסקבה ידידה נאמנה"
    assert pd.notna(doc["outlet"])


def check_csv_no_text(r: IngestResult, d: Path) -> None:
    assert len(r.rejects) == 1 and list(r.rejects["source"]) == ["notext.csv"]
    detail = _detail(r, "notext.csv")
    assert "notext.csv" in detail and "'text'" in detail
    assert "'title', 'body', 'url'" in detail


def check_csv_publish_date(r: IngestResult, d: Path) -> None:
    he, ar = _doc(r, "items.csv:2"), _doc(r, "items.csv:3")
    assert (he["published"], he["url"], he["outlet"], he["title"]) == (
        "2024-10-24",
        "https://he.example/a",
        "Example HE",
        "רוסיה ואיראן",
    )
    assert (ar["published"], ar["published_raw"]) == ("2024-04-16", "2024-04-16T09:00:00")
    _has_paragraphs(he["text"], HE_PARA)
    assert "3 fields" in _detail(r, "items.csv:4")


def check_csv_cp1256(r: IngestResult, d: Path) -> None:
    _has_paragraphs(_doc(r, "ar.csv:2")["text"], AR_PARA)
    assert _doc(r, "ar.csv:3")["title"] == "عنوان ثان"


def check_html(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "page.html")
    for leak in ("LEAK", "leak", "alert", "color: red", "window."):
        assert leak not in doc["text"] and leak not in doc["text_raw"], leak
    _has_paragraphs(doc["text"], HE_PARA, HE_PARA2)
    assert doc["title"] == "פוטין למנהיגי איראן: נותרנו חברים נאמנים"
    assert doc["published"] == "2026-03-21"


def check_html_cp1255(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "legacy.html")
    _has_paragraphs(doc["text"], HE_PARA, HE_PARA2)
    assert "LEAK" not in doc["text"]


def check_persian(r: IngestResult, d: Path) -> None:
    assert "'other'" in _detail(r, "fa.txt")


def check_niqqud(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "niqqud.txt")
    assert _NIQQUD_RE.search(doc["text_raw"]) and not _NIQQUD_RE.search(doc["text"])
    assert doc["text"].startswith(HE_NIQQUD_PLAIN)


def check_tashkeel(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "tashkeel.txt")
    assert _TASHKEEL_RE.search(doc["text_raw"]) and not _TASHKEEL_RE.search(doc["text"])
    assert doc["text"].startswith(AR_TASHKEEL_PLAIN)


def check_bidi(r: IngestResult, d: Path) -> None:
    doc = _doc(r, "bidi.txt")
    assert not _INVISIBLE_RE.search(doc["text"])
    _has_paragraphs(doc["text"], HE_PARA, HE_PARA2)


def check_crlf(r: IngestResult, d: Path) -> None:
    assert "\r" not in _doc(r, "crlf.txt")["text"]


def check_same_article(r: IngestResult, d: Path) -> None:
    kept = _doc(r, "a.txt")
    detail = _detail(r, "b/copy.txt")
    assert "a.txt" in detail and kept["doc_id"] in detail


def check_symlink_loop(r: IngestResult, d: Path) -> None:
    assert "loop" in _detail(r, "sub/up")
    assert len(r.documents) == 1  # the loop was not followed into a second good.txt


def check_broken_symlink(r: IngestResult, d: Path) -> None:
    assert "missing.txt" in _detail(r, "dangling.txt")


def check_unreadable(r: IngestResult, d: Path) -> None:
    assert "PermissionError" in _detail(r, "locked.txt")
    assert next(i for i in r.inputs if i["source"] == "locked.txt")["sha256"] is None


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Case:
    build: Callable[[Path, pytest.MonkeyPatch], Expected]
    check: Callable[[IngestResult, Path], None] | None = None
    max_bytes: int = 200_000_000


CASES: dict[str, Case] = {
    "empty_file": Case(build_empty),
    "whitespace_only": Case(build_whitespace, check_whitespace),
    "binary_png_as_txt": Case(build_png_as_txt, check_png),
    "png_file": Case(build_png_file),
    "docx_file": Case(build_docx, check_docx),
    "dotfile": Case(build_dotfile),
    "undecodable_bytes": Case(build_undecodable),
    "broken_utf8": Case(build_broken_utf8, check_broken_utf8),
    "utf16_bom": Case(build_utf16, check_utf16),
    "utf8_bom": Case(build_utf8_bom, check_utf8_bom),
    "cp1255_hebrew": Case(build_cp1255, check_cp1255),
    "cp1256_arabic": Case(build_cp1256, check_cp1256),
    "mixed_encodings": Case(build_mixed, check_mixed),
    "big_article_accepted": Case(build_big, check_big),
    "big_article_too_large": Case(build_big_too_large, check_big_too_large, max_bytes=10_000_000),
    "tiny_files_10000": Case(build_tiny, check_tiny),
    "jsonl_broken_line": Case(build_jsonl_broken, check_jsonl_broken),
    "jsonl_odd_records": Case(build_jsonl_odd),
    "jsonl_record_too_large": Case(build_jsonl_record_too_large, max_bytes=4_000),
    "jsonl_bad_bytes_line": Case(build_jsonl_bad_bytes, check_jsonl_bad_bytes),
    "jsonl_utf16": Case(build_jsonl_utf16, check_jsonl_utf16),
    "jsonl_claims_ar_fa": Case(build_jsonl_claims_ar, check_jsonl_claims_ar),
    "json_array": Case(build_json_array),
    "json_object": Case(build_json_object, check_json_object),
    "empty_jsonl": Case(build_empty_jsonl),
    "csv_no_text_column": Case(build_csv_no_text, check_csv_no_text),
    "csv_publish_date": Case(build_csv_publish_date, check_csv_publish_date),
    "csv_cp1256": Case(build_csv_cp1256, check_csv_cp1256),
    "html_script_style": Case(build_html, check_html),
    "html_cp1255": Case(build_html_cp1255, check_html_cp1255),
    "html_no_text": Case(build_html_no_text),
    "persian_article": Case(build_persian, check_persian),
    "english_article": Case(build_english),
    "hebrew_niqqud": Case(build_niqqud, check_niqqud),
    "arabic_tashkeel": Case(build_tashkeel, check_tashkeel),
    "bidi_zero_width": Case(build_bidi, check_bidi),
    "crlf_line_endings": Case(build_crlf, check_crlf),
    "same_article_two_names": Case(build_same_article, check_same_article),
    "boilerplate_only": Case(build_boilerplate_only),
    "symlink_loop": Case(build_symlink_loop, check_symlink_loop),
    "broken_symlink": Case(build_broken_symlink, check_broken_symlink),
    "unreadable_file": Case(build_unreadable, check_unreadable),
    "unreadable_folder": Case(build_unreadable_folder),
}
_SLOW = {"big_article_accepted"}


def test_table_has_at_least_25_cases() -> None:
    assert len(CASES) >= 25
    documented = set(re.findall(r"^(\w+)\s{2,}", __doc__ or "", flags=re.M))
    assert set(CASES) <= documented, (
        f"cases missing from the docstring table: {set(CASES) - documented}"
    )


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in _SLOW else n for n in CASES]
)
def test_hostile_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = case.build(corpus, monkeypatch)
    result = ingest_corpus(corpus, progress=False, max_bytes=case.max_bytes)
    docs, rejects = result.documents, result.rejects

    # The invariant: every input source is exactly one document or ≥1 rejects rows.
    input_sources = [i["source"] for i in result.inputs]
    assert len(input_sources) == len(set(input_sources))
    assert len(input_sources) == len(docs) + rejects["source"].nunique()
    assert set(input_sources) == set(docs["source"]) | set(rejects["source"])
    assert not set(docs["source"]) & set(rejects["source"])

    # Every expected outcome, nothing else.
    outcome = {s: lang for s, lang in zip(docs["source"], docs["lang"])}
    for source, reason in zip(rejects["source"], rejects["reason"]):
        outcome[source] = reason
    assert outcome == expected

    # Reject rows: a known reason and a detail naming the source (file and line).
    assert set(rejects["reason"]) <= REJECT_REASONS
    for source, detail in zip(rejects["source"], rejects["detail"]):
        assert source in detail, (source, detail)

    # Documents: the text invariants that ingestion is responsible for.
    for text in docs["text"]:
        assert text.strip() and not _INVISIBLE_RE.search(text)
        assert unicodedata.is_normalized("NFC", text)
    assert list(docs["source"]) == sorted(docs["source"])

    if case.check is not None:
        case.check(result, corpus)

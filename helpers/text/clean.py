"""Character-level cleaning and the length-preserving matching form of Hebrew and Arabic text.

``clean_text(text, lang)`` produces ``documents.text`` (see docs/design.md, "Text invariants"):

1. line breaks unified to ``"\\n"`` (``\\r\\n``, ``\\r``, U+2028/2029, U+0085, VT, FF);
2. bidi controls (U+200E/F, U+202A–E, U+2066–9, U+061C), zero-width characters (U+200B–D,
   U+2060, U+FEFF BOM anywhere, U+180E, U+00AD soft hyphen) and other C0/C1 controls removed;
3. NFC;
4. Hebrew niqqud and cantillation removed (every combining mark in U+0591–U+05C7; the letters,
   maqaf ``־`` U+05BE, paseq, sof pasuq, nun hafukha and the punctuation ``׳ ״`` stay);
5. Arabic tashkeel removed with camel-tools ``dediac_ar``; tatweel U+0640 removed by itself (not
   with camel's ``arclean`` map, which would also rewrite ``، ؟`` and quotes);
6. Hebrew gershayim/geresh in ONE canonical form (:func:`normalize_gershayim_he`);
7. NBSP, narrow NBSP and the other Unicode spaces and tabs become a plain space; runs of spaces
   within a line collapse to one; spaces at the start and end of every line are stripped. Line
   structure (including empty lines) is kept: a line break ends a headline.

All steps are applied whatever ``lang`` is (a Hebrew article quoting Arabic gets the Arabic
diacritics removed too); ``lang`` is validated so a wrong value fails loudly. ``clean_text`` is
idempotent.

Canonical gershayim / geresh (step 6)
-------------------------------------
Quotation marks stay ASCII; the Hebrew abbreviation marks become the Hebrew characters:

* ``"`` (or ``”``) between two Hebrew letters → ``״`` U+05F4 (``ארה"ב`` → ``ארה״ב``,
  ``כטב"מים`` → ``כטב״מים``) — EXCEPT an opening quotation mark glued to one to three prefix
  letters (ו ה ב כ ל מ ש): when the part before the mark is only prefix letters, the part after
  it has two or more letters and a word-final ``"`` follows later on the same line, it is a
  quotation mark and stays (``ב"תקיפות עזות"``). ``ש"ח``, ``צה"ל`` are acronyms.
* ``'`` (or ``’``) between two Hebrew letters → ``׳`` U+05F3 (``ג'יי``, ``צ'רצ'יל``,
  ``מוג'תבא``), with the same prefix-letter exception for an opening quote (``ב'שיטות חדשות'``;
  for ``’`` only the prefix-letter exception without the look-ahead).
* ``'`` after a Hebrew letter at the end of a word → ``׳`` (``שעת'``, ``דק'``) unless a single
  quotation opened earlier on the line is still open, in which case it is the closing quote and
  stays (``'אל תפילו את הפצצות האלה'``).

``normalize_for_match(text, lang)`` is the ``norm`` form the tagger matches on: a 1:1 character
map (so ``len(norm) == len(text)`` and offsets are shared): Arabic ``أ إ آ ٱ → ا``, ``ى → ي``,
``ة → ه``, Persian-style ``ی → ي`` and ``ک → ك``; Hebrew ``״ → "`` and ``׳ → '``; Latin letters
lower-cased (only where the lower case is one character, so ``İ`` stays). It is idempotent.
"""

from __future__ import annotations

import re
import unicodedata

from camel_tools.utils.dediac import dediac_ar as _camel_dediac_ar

from helpers.text.charsets import (
    ARABIC_DIACRITICS,
    BIDI_CONTROLS_CLASS,
    GERESH,
    GERSHAYIM,
    HEBREW_LETTER_SET,
    HEBREW_LETTERS_CLASS,
    HEBREW_MARKS,
    HEBREW_PREFIX_LETTERS,
    INVISIBLE_CHARS_CLASS,
    LINE_BREAKS_OTHER_THAN_CR,
    SPACE_CHARS_CLASS,
    TATWEEL,
)
from helpers.text.fold import MATCH_TABLE, CharMap

__all__ = [
    "LANGS",
    "check_lang",
    "clean_text",
    "normalize_for_match",
    "normalize_line_breaks",
    "remove_bidi_controls",
    "remove_invisible_chars",
    "normalize_spaces",
    "dediac_he",
    "dediac_ar",
    "remove_tatweel_ar",
    "normalize_gershayim_he",
]

#: Supported language codes.
LANGS: tuple[str, ...] = ("he", "ar")

_LINE_BREAK_RE = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c\x1c-\x1e]")
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS_CLASS}]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARS_CLASS}]")
# clean_text's first pass: line breaks other than \r (→ "\n"), bidi and invisible characters
# (→ ""), in ONE scan. The three sets are disjoint and every character is replaced on its
# own, so one pass equals normalize_line_breaks then remove_bidi_controls then
# remove_invisible_chars. (A regex scan is several times faster than str.translate on
# non-ASCII text, and these characters are rare.)
_PRE_RE = re.compile(f"[{LINE_BREAKS_OTHER_THAN_CR}{BIDI_CONTROLS_CLASS}{INVISIBLE_CHARS_CLASS}]")
_BREAK_SET = frozenset(LINE_BREAKS_OTHER_THAN_CR)
_SPACE_CHARS_RE = re.compile(f"[{SPACE_CHARS_CLASS}]")
_SPACE_RUN_RE = re.compile("   *")  # = " {2,}"; the two-space literal prefix scans faster
_LINE_EDGE_SPACES_RE = re.compile(r"^ +| +$", re.MULTILINE)  # reference: normalize_spaces
_HEBREW_MARKS_RE = re.compile(f"[{re.escape(HEBREW_MARKS)}]")
_AR_DIAC_RE = re.compile(f"[{re.escape(ARABIC_DIACRITICS)}]")
# Hebrew marks, camel's Arabic diacritics and tatweel: every one is simply deleted, so one
# pass equals dediac_he then dediac_ar then remove_tatweel_ar.
_MARKS_RE = re.compile(f"[{re.escape(HEBREW_MARKS + ARABIC_DIACRITICS + TATWEEL)}]")
_HEB_LETTER_SET = HEBREW_LETTER_SET
# The quote candidates " ' ’ ” that can change anything: those next to a Hebrew letter.
_HEB_QUOTE_RE = re.compile(
    f"[\"'\u2019\u201d](?:(?=[{HEBREW_LETTERS_CLASS}])|(?<=[{HEBREW_LETTERS_CLASS}].))"
)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"he"`` or ``"ar"``; raise ``ValueError`` naming it otherwise."""
    if lang not in LANGS:
        shown = repr(lang) if len(repr(lang)) <= 60 else repr(lang)[:57] + "..."
        raise ValueError(f"unsupported lang {shown}: expected 'he' or 'ar'")
    return lang


def normalize_line_breaks(text: str) -> str:
    """Turn ``\\r\\n``, ``\\r``, U+2028/2029, NEL, VT, FF and the C0 separators into ``\\n``."""
    return _LINE_BREAK_RE.sub("\n", text)


def remove_bidi_controls(text: str) -> str:
    """Remove the bidi marks, embeddings/overrides and isolates (U+200E/F, U+202A–E, U+2066–9, U+061C)."""
    return _BIDI_RE.sub("", text)


def remove_invisible_chars(text: str) -> str:
    """Remove zero-width characters, BOMs anywhere, soft hyphens and control characters
    (tab and newline excepted)."""
    return _INVISIBLE_RE.sub("", text)


def normalize_spaces(text: str) -> str:
    """NBSP, narrow NBSP, other Unicode spaces and tabs → ``" "``; collapse space runs within a
    line; strip spaces at both ends of every line. Newlines are kept as they are."""
    text = _SPACE_CHARS_RE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN_RE.sub(" ", text)
    # = _LINE_EDGE_SPACES_RE.sub("", text), several times faster on long texts; a line starts
    # or ends with a space only if one of these substrings occurs
    if " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" "):
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    return text


def dediac_he(text: str) -> str:
    """Remove Hebrew niqqud and cantillation (combining marks U+0591–U+05C7); letters, maqaf,
    paseq, sof pasuq, nun hafukha, geresh and gershayim stay."""
    return _HEBREW_MARKS_RE.sub("", text)


def dediac_ar(text: str) -> str:
    """Remove Arabic tashkeel (fatha … sukun, tanween, shadda, superscript alef) with camel-tools
    (called only when the text holds one: a scan is cheaper than camel's substitution)."""
    if not _AR_DIAC_RE.search(text):
        return text
    return str(_camel_dediac_ar(text))  # camel-tools is untyped


def remove_tatweel_ar(text: str) -> str:
    """Remove the Arabic tatweel (kashida) U+0640."""
    return text.replace(TATWEEL, "")


def _is_word_final_quote(text: str, j: int, mark: str, start: int, end: int) -> bool:
    """Whether ``text[j]`` is ``mark`` after a Hebrew letter and not before one, within the
    line ``text[start:end]``."""
    return (
        text[j] == mark
        and j > start
        and text[j - 1] in _HEB_LETTER_SET
        and not (j + 1 < end and text[j + 1] in _HEB_LETTER_SET)
    )


def _last_final(text: str, mark: str, start: int, end: int) -> int:
    """Index of the last word-final ``mark`` (after a Hebrew letter) in the line
    ``text[start:end]``, or -1."""
    j = text.rfind(mark, start, end)
    while j != -1:
        if _is_word_final_quote(text, j, mark, start, end):
            return j
        j = text.rfind(mark, start, j)
    return -1


def _prefix_only_before(text: str, i: int, start: int) -> bool:
    """Whether the Hebrew-letter run ending at ``i`` (within the line starting at ``start``)
    is one to three prefix letters (O(1))."""
    k = i
    while k > start and i - k < 4 and text[k - 1] in _HEB_LETTER_SET:
        k -= 1
    run = text[k:i]
    return (
        0 < len(run) <= 3
        and not (k > start and text[k - 1] in _HEB_LETTER_SET)
        and set(run) <= HEBREW_PREFIX_LETTERS
    )


def _gershayim_changes(text: str, start: int, end: int, changes: list[tuple[int, str]]) -> None:
    """Append to ``changes`` the ``(index, mark)`` replacements of the line ``text[start:end]``
    (no line break inside)."""
    # Only candidates next to a Hebrew letter can change a character or open/close a single
    # quotation; the others are skipped by the regex (its look-behind may see the line break
    # before ``start``, which is not a letter; ``end`` hides what follows the line).
    single_open = False
    # "is a word-final quote of the same kind still to come on this line?" in O(1) per mark
    last_final: dict[str, int] | None = None
    for m in _HEB_QUOTE_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        heb_before = i > start and text[i - 1] in _HEB_LETTER_SET
        heb_after = i + 1 < end and text[i + 1] in _HEB_LETTER_SET
        if heb_before and heb_after:
            prefix_only = _prefix_only_before(text, i, start)
            right_long = (
                i + 2 < end and text[i + 2] in _HEB_LETTER_SET
            )  # two or more letters follow
            if last_final is None and prefix_only and (ch == '"' or ch == "'"):
                last_final = {
                    '"': _last_final(text, '"', start, end),
                    "'": _last_final(text, "'", start, end),
                }
            if ch == '"':
                if prefix_only and right_long and last_final and last_final['"'] > i:
                    continue  # opening quotation mark after a prefix: ב"תקיפות עזות"
                changes.append((i, GERSHAYIM))
            elif ch == "'":
                if prefix_only and last_final and last_final["'"] > i:
                    single_open = True  # opening quote after a prefix: ב'שיטות חדשות'
                    continue
                changes.append((i, GERESH))
            elif ch == "\u201d":
                if not (prefix_only and right_long):
                    changes.append((i, GERSHAYIM))
            else:  # ’
                if not prefix_only:
                    changes.append((i, GERESH))
        elif ch == "'":
            if heb_after:  # quote opening a Hebrew word: 'אל תפילו
                single_open = True
            elif heb_before:  # word-final: closing quote or a geresh
                if single_open:
                    single_open = False
                else:
                    changes.append((i, GERESH))


def normalize_gershayim_he(text: str) -> str:
    """Put Hebrew gershayim and geresh in the canonical form (see the module docstring):
    ``ארה"ב`` → ``ארה״ב``, ``ג'יי`` → ``ג׳יי``, ``שעת'`` → ``שעת׳``; quotation marks stay ASCII."""
    # Each line (as split on "\n") is normalised on its own; only the lines holding a quote
    # next to a Hebrew letter are looked at, in place (no line is copied).
    match = _HEB_QUOTE_RE.search(text)
    if match is None:
        return text
    changes: list[tuple[int, str]] = []
    while match is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if end == -1:
            end = len(text)
        _gershayim_changes(text, start, end, changes)
        match = _HEB_QUOTE_RE.search(text, end)
    if not changes:
        return text
    parts: list[str] = []
    prev = 0
    for i, mark in changes:
        parts.append(text[prev:i])
        parts.append(mark)
        prev = i + 1
    parts.append(text[prev:])
    return "".join(parts)


def _nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, normalising only the lines that need it.

    NFC never acts across a line break: ``"\\n"`` is a starter that composes with nothing, so
    marks are reordered and composed within a line, and the NFC of a text is the NFC of each
    of its lines joined with ``"\\n"``. News text is mostly NFC already; an Arabic article
    with a few vowelled words (shadda before fatha is not in canonical order) would otherwise
    be normalised whole — on the real dev-news corpus a quarter of the articles, half of
    ``clean_text``'s time."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return "\n".join(
        [
            line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)
            for line in text.split("\n")
        ]
    )


def _pre_replacement(match: re.Match[str]) -> str:
    return "\n" if match.group() in _BREAK_SET else ""


def clean_text(text: str, lang: str) -> str:
    """All character-level cleaning of ``documents.text`` (not boilerplate); see the module
    docstring for the steps. Idempotent; line breaks are kept."""
    check_lang(lang)
    # = remove_invisible_chars(remove_bidi_controls(normalize_line_breaks(text))), one scan
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PRE_RE.sub(_pre_replacement, text)
    text = _nfc(text)
    # = remove_tatweel_ar(dediac_ar(dediac_he(text))), one scan
    text = _MARKS_RE.sub("", text)
    # Removing marks can leave a base + combining sequence that composes: NFC again.
    text = _nfc(text)
    text = normalize_gershayim_he(text)
    return normalize_spaces(text)


_MATCH_MAP = CharMap(MATCH_TABLE)


def normalize_for_match(text: str, lang: str) -> str:
    """The ``norm`` matching form: a LENGTH-PRESERVING 1:1 character map (alef variants → ا,
    ى → ي, ة → ه, ״ → ", ׳ → ', Latin lower-case …), so offsets into it are offsets into
    ``text``. Idempotent."""
    check_lang(lang)
    return _MATCH_MAP(text)  # = text.translate(MATCH_TABLE), faster

"""Every script-specific character set of the project, in one place.

Hebrew and Arabic letters, marks and prefixes, the abbreviation marks, bidi and invisible
characters, line breaks and spaces are written here once; the text layer (clean, fold, lang,
segment, tokenize, boilerplate) and ingestion import them instead of spelling their own
ranges. Strings ending in ``_CLASS`` are bodies of a regular-expression character class
(ranges, for ``re`` inside ``[...]``); plain strings and frozensets list the characters.
"""

from __future__ import annotations

import re
import unicodedata

from camel_tools.utils.dediac import AR_DIAC_CHARSET as _CAMEL_AR_DIAC_CHARSET

__all__ = [
    "HEBREW_LETTERS_CLASS",
    "HEBREW_BASE_LETTERS_CLASS",
    "HEBREW_PRESENTATION_LETTERS_CLASS",
    "HEBREW_LETTER_RANGES",
    "HEBREW_LETTER_SET",
    "HEBREW_MARKS",
    "HEBREW_PREFIX_LETTERS",
    "GERESH",
    "GERSHAYIM",
    "MAQAF",
    "ARABIC_LETTERS_CLASS",
    "ARABIC_WORD_LETTERS_CLASS",
    "ARABIC_CORE_LETTERS_CLASS",
    "ARABIC_DIACRITICS",
    "ARABIC_MARKS_CLASS",
    "TATWEEL",
    "ALEF_VARIANTS",
    "PERSIAN_LETTERS",
    "URDU_LETTERS",
    "ARABIC_INDIC_DIGITS",
    "PERSIAN_DIGITS",
    "BIDI_CONTROLS_CLASS",
    "INVISIBLE_CHARS_CLASS",
    "ZERO_WIDTH_AND_DIRECTION_CLASS",
    "LINE_BREAKS",
    "LINE_BREAKS_OTHER_THAN_CR",
    "SPACE_CHARS_CLASS",
    "OPENING_QUOTES_AND_BRACKETS",
    "HEBREW_LETTER_RE",
]

# --------------------------------------------------------------------------- Hebrew

#: The Hebrew letters: alef–tav (finals included) and the Yiddish ligatures U+05EF–U+05F2.
HEBREW_LETTERS_CLASS = "\u05d0-\u05ea\u05ef-\u05f2"
#: The 27 letters alef–tav (finals included) only: what a one-letter initial can be.
HEBREW_BASE_LETTERS_CLASS = "\u05d0-\u05ea"
#: Hebrew letters as presentation forms (U+FB1D–U+FB4F), counted by language detection.
HEBREW_PRESENTATION_LETTERS_CLASS = "\ufb1d\ufb1f-\ufb28\ufb2a-\ufb4f"
#: :data:`HEBREW_LETTERS_CLASS` as inclusive code-point ranges.
HEBREW_LETTER_RANGES: tuple[tuple[int, int], ...] = ((0x05D0, 0x05EA), (0x05EF, 0x05F2))
#: :data:`HEBREW_LETTERS_CLASS` as a set of characters.
HEBREW_LETTER_SET: frozenset[str] = frozenset(
    chr(cp) for lo, hi in HEBREW_LETTER_RANGES for cp in range(lo, hi + 1)
)
#: Niqqud and cantillation: every combining mark (category Mn) in U+0591–U+05C7. The letters,
#: maqaf, paseq, sof pasuq, nun hafukha and ``׳ ״`` are not marks.
HEBREW_MARKS = "".join(
    chr(cp) for cp in range(0x0591, 0x05C8) if unicodedata.category(chr(cp)) == "Mn"
)
#: The one-letter prefixes ו ה ב כ ל מ ש (conjunction, article, prepositions, relative).
HEBREW_PREFIX_LETTERS: frozenset[str] = frozenset("והבכלמש")
GERESH = "\u05f3"  # ׳
GERSHAYIM = "\u05f4"  # ״
MAQAF = "\u05be"  # ־

# --------------------------------------------------------------------------- Arabic script

#: Arabic-script letters (no digits, tatweel, diacritics or punctuation), all blocks.
ARABIC_LETTERS_CLASS = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
)
#: The letters an Arabic word of the basic block is spelled with (hamza … yeh, alef wasla …).
ARABIC_WORD_LETTERS_CLASS = "\u0621-\u063f\u0641-\u064a\u0671-\u06d3\u06d5"
#: The 28 letters plus hamza forms of the basic Arabic block (hamza … ghain, feh … yeh).
ARABIC_CORE_LETTERS_CLASS = "\u0621-\u063a\u0641-\u064a"
#: Arabic tashkeel as camel-tools removes it (fatha … sukun, tanween, shadda, superscript alef).
ARABIC_DIACRITICS: str = "".join(sorted(_CAMEL_AR_DIAC_CHARSET))
#: Every Arabic combining mark and Quranic annotation sign (U+0610–061A, U+064B–065F, U+0670,
#: U+06D6–06ED): what matching ignores (a superset of :data:`ARABIC_DIACRITICS`).
ARABIC_MARKS_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
#: Hamza-carrying and wasla alefs, folded to a bare alef ``ا`` for matching.
ALEF_VARIANTS = "أإآٱ"
#: Persian-only letters پ چ ژ گ ک ی and Urdu-only letters ٹ ڈ ڑ ں ے ھ ۓ ہ.
PERSIAN_LETTERS = "\u067e\u0686\u0698\u06af\u06a9\u06cc"
URDU_LETTERS = "\u0679\u0688\u0691\u06ba\u06d2\u06be\u06d3\u06c1"
ARABIC_INDIC_DIGITS = "".join(chr(0x0660 + i) for i in range(10))
PERSIAN_DIGITS = "".join(chr(0x06F0 + i) for i in range(10))

# --------------------------------------------------------------------------- invisible, breaks, spaces

#: Bidi marks, embeddings/overrides, isolates and the Arabic letter mark.
BIDI_CONTROLS_CLASS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
#: Zero-width characters, BOM, soft hyphen, Mongolian vowel separator, invisible operators and
#: the C0/C1 controls other than tab and the line breaks.
INVISIBLE_CHARS_CLASS = (
    "\u200b-\u200d\u2060-\u2064\ufeff\u180e\u00ad\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
)
#: Zero-width characters, direction marks and controls, BOM and soft hyphen: the invisible
#: characters line matching (boilerplate, outlet names) ignores.
ZERO_WIDTH_AND_DIRECTION_CLASS = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
#: Characters that end a line: LF, CR, VT, FF, the C0 separators, NEL, U+2028/2029.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: :data:`LINE_BREAKS` other than LF and CR (CRLF and CR are handled apart).
LINE_BREAKS_OTHER_THAN_CR = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
#: Spaces other than U+0020: tab, NBSP, narrow NBSP and the other Unicode spaces.
SPACE_CHARS_CLASS = "\t\u00a0\u202f\u2000-\u200a\u205f\u3000\u1680"
#: Characters that may open a quotation or parenthesis right before a word.
OPENING_QUOTES_AND_BRACKETS = "\"'\u05f4\u201c\u201e\u00ab\u2039\u2018([{"

#: One Hebrew letter (:data:`HEBREW_LETTERS_CLASS`).
HEBREW_LETTER_RE: re.Pattern[str] = re.compile(f"[{HEBREW_LETTERS_CLASS}]")

"""Language detection for the corpus: Hebrew, Arabic, or anything else.

The study compares Hebrew- and Arabic-language outlets, so detection only has to answer
"he", "ar" or "other". It is deterministic and dependency-free:

1. Count letters by script (Hebrew, Arabic script, Latin, other letters). Digits,
   punctuation and diacritics are not letters. Only the first ``SAMPLE_CHARS`` characters
   are read, so a 50 MB article costs the same as a long one.
2. Fewer than ``MIN_LETTERS`` letters in the winning script → "other" (too little text).
3. Hebrew or Arabic script must hold at least ``MIN_SHARE`` of all letters and more than the
   other of the two; so Hebrew or Arabic with English names/quotes stays he/ar, English-only
   text is "other".
4. Arabic-script text is "ar" only if it looks Arabic and not Persian or Urdu:
   * Urdu: Urdu-only letters (ٹ ڈ ڑ ں ے ھ ۓ ہ) make up ≥ ``URDU_MIN_SHARE`` of the
     Arabic-script letters → "other".
   * Persian: Persian function words (است، می، را، این، که، های، از …, also in their
     Arabic-keyboard spellings with ي/ك) outnumber Arabic function words (في، من، على …) →
     "other"; and with no Arabic function words at all, Persian letters (پ چ ژ گ ک ی) making
     up ≥ ``PERSIAN_MIN_SHARE`` of the letters → "other". A few Persian letters typed by a
     Persian keyboard inside an Arabic article do not make it Persian.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from helpers.text.charsets import (
    ALEF_VARIANTS,
    ARABIC_LETTERS_CLASS,
    ARABIC_WORD_LETTERS_CLASS,
    HEBREW_LETTERS_CLASS,
    HEBREW_PRESENTATION_LETTERS_CLASS,
    PERSIAN_LETTERS,
    TATWEEL,
    URDU_LETTERS,
)

__all__ = [
    "MIN_LETTERS",
    "MIN_SHARE",
    "PERSIAN_MIN_SHARE",
    "SAMPLE_CHARS",
    "URDU_MIN_SHARE",
    "detect_lang",
    "script_counts",
]

#: Characters inspected (from the start of the text).
SAMPLE_CHARS: int = 200_000
#: Minimum letters of the winning script; below this the text is "other".
MIN_LETTERS: int = 10
#: Minimum share of all letters held by Hebrew (or Arabic) script.
MIN_SHARE: float = 0.3
#: Share of Urdu-only letters (of Arabic-script letters) that marks Urdu.
URDU_MIN_SHARE: float = 0.01
#: Share of Persian-only letters that marks Persian when no Arabic function word is found.
PERSIAN_MIN_SHARE: float = 0.01

_HEBREW_RE = re.compile(f"[{HEBREW_LETTERS_CLASS}{HEBREW_PRESENTATION_LETTERS_CLASS}]")
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS_CLASS}]")
_LATIN_RE = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")
_LETTER_RE = re.compile(f"[^\\W\\d_{TATWEEL}]")  # letters, tatweel excluded
_PERSIAN_LETTERS_RE = re.compile(f"[{PERSIAN_LETTERS}]")
_URDU_LETTERS_RE = re.compile(f"[{URDU_LETTERS}]")
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_WORD_LETTERS_CLASS}]+")
_ALEF_FOLD = str.maketrans(dict.fromkeys(ALEF_VARIANTS, "ا"))

# Function words, chosen so that none is a common word of the other language.
# Arabic: matched after folding hamza-alef variants to bare alef.
_ARABIC_WORDS: frozenset[str] = frozenset(
    "في من على الى ان التي الذي الذين عن مع هذا هذه كان قال ذلك لم لن قد حيث بين وقال".split()
)
# Persian: as written with Persian letters; the Arabic-keyboard spellings (ي for ی,
# ك for ک) are added below. Deliberately absent: در، به، هم، ما، او، بر (Arabic words too).
_PERSIAN_BASE = "است می را این که های از برای شد شده یک بود خود نیز باید اند تا ها کند کرده شود آن"
_PERSIAN_WORDS: frozenset[str] = frozenset(
    variant
    for word in _PERSIAN_BASE.split()
    for variant in (word, word.replace("ی", "ي").replace("ک", "ك"))
)


def _alef_spellings(word: str) -> set[str]:
    """Every word whose alef-folded form (``_ALEF_FOLD``) is ``word``."""
    spellings = {""}
    for ch in word:
        options = "ا" + ALEF_VARIANTS if ch == "ا" else ch
        spellings = {s + o for s in spellings for o in options}
    return {s for s in spellings if s.translate(_ALEF_FOLD) == word}


# The spellings counted as Arabic function words: folded form in _ARABIC_WORDS, not Persian.
_ARABIC_SPELLINGS: frozenset[str] = frozenset(
    s for w in _ARABIC_WORDS for s in _alef_spellings(w) if s not in _PERSIAN_WORDS
)


# Bits of the per-code-point class table (one bit per counting regex above).
_CLASS_REGEXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("letters", _LETTER_RE),
    ("hebrew", _HEBREW_RE),
    ("arabic", _ARABIC_RE),
    ("latin", _LATIN_RE),
    ("persian_letters", _PERSIAN_LETTERS_RE),
    ("urdu_letters", _URDU_LETTERS_RE),
)
_BMP = 0x10000


@lru_cache(maxsize=1)
def _class_table() -> tuple[np.ndarray, np.ndarray]:
    """A uint8 class (one bit per regex of ``_CLASS_REGEXES``) for every BMP code point, built
    by running the regexes themselves over all of them (so counting by table lookup is exactly
    ``len(regex.findall(text))``), plus the 0/1 matrix (class value × key) of the bits."""
    all_bmp = "".join(map(chr, range(_BMP)))
    table = np.zeros(_BMP + 1, dtype=np.uint8)  # index _BMP: any astral code point
    for bit, (_, pattern) in enumerate(_CLASS_REGEXES):
        # every match is one character: replace each by an astral sentinel (absent from the
        # BMP) and read the positions back with numpy
        marked = pattern.sub("\U0010ffff", all_bmp).encode("utf-32-le", "surrogatepass")
        table[:_BMP][np.frombuffer(marked, dtype=np.uint32) == 0x10FFFF] |= np.uint8(1 << bit)
    values = np.arange(1 << len(_CLASS_REGEXES))
    # (class value × key) 0/1 matrix: class counts @ masks = count per key
    masks = np.stack([(values >> bit) & 1 for bit in range(len(_CLASS_REGEXES))], axis=1)
    return table, masks


def script_counts(text: str) -> dict[str, int]:
    """Count letters by script in (the first ``SAMPLE_CHARS`` characters of) ``text``.

    Returns a dict with keys ``letters`` (all letters), ``hebrew``, ``arabic`` (any
    Arabic-script letter), ``latin``, ``other`` (letters of any other script),
    ``persian_letters`` (پ چ ژ گ ک ی) and ``urdu_letters`` (ٹ ڈ ڑ ں ے ھ ۓ ہ).

    Counted with one table lookup per code point (numpy) instead of one regex pass per script;
    the table is built from the same regexes, so the counts are identical.
    """
    sample = text[:SAMPLE_CHARS]
    table, masks = _class_table()
    cps = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    per_class = np.bincount(table[np.minimum(cps, _BMP)], minlength=len(masks))
    counts = dict(zip((key for key, _ in _CLASS_REGEXES), (per_class @ masks).tolist()))
    if cps.size and cps.max() >= _BMP:  # letters outside the BMP (no script here has any)
        astral = cps[cps >= _BMP].astype("<u4").tobytes().decode("utf-32-le")
        counts["letters"] += len(_LETTER_RE.findall(astral))
    return {
        "letters": counts["letters"],
        "hebrew": counts["hebrew"],
        "arabic": counts["arabic"],
        "latin": counts["latin"],
        "other": max(counts["letters"] - counts["hebrew"] - counts["arabic"] - counts["latin"], 0),
        "persian_letters": counts["persian_letters"],
        "urdu_letters": counts["urdu_letters"],
    }


def _arabic_or_other(sample: str, counts: dict[str, int]) -> str:
    """Decide whether Arabic-script text is Arabic ("ar") or Persian/Urdu ("other")."""
    arabic = counts["arabic"]
    if counts["urdu_letters"] / arabic >= URDU_MIN_SHARE:
        return "other"
    # = for each word: Persian if in _PERSIAN_WORDS, else Arabic if its alef-folded form is in
    # _ARABIC_WORDS; counted by looking the (few) function words up in a word count.
    words = Counter(_ARABIC_WORD_RE.findall(sample))
    fa_words = sum(words[w] for w in _PERSIAN_WORDS if w in words)
    ar_words = sum(words[w] for w in _ARABIC_SPELLINGS if w in words)
    if fa_words > ar_words:
        return "other"
    if ar_words == 0 and counts["persian_letters"] / arabic >= PERSIAN_MIN_SHARE:
        return "other"
    return "ar"


def detect_lang(text: str) -> str:
    """Return ``"he"``, ``"ar"`` or ``"other"`` for ``text`` (Persian and Urdu are "other").

    Works on raw or cleaned text. See the module docstring for the rules and thresholds.
    """
    if not text:
        return "other"
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    letters = counts["letters"]
    hebrew, arabic = counts["hebrew"], counts["arabic"]
    if hebrew >= arabic and hebrew >= MIN_LETTERS and hebrew >= MIN_SHARE * letters:
        return "he"
    if arabic > hebrew and arabic >= MIN_LETTERS and arabic >= MIN_SHARE * letters:
        return _arabic_or_other(sample, counts)
    return "other"

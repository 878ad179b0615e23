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
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from helpers.core.errors import CrosspressError
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
    "FunctionWordError",
    "LANG_BATCH_CHARS",
    "MIN_LETTERS",
    "MIN_SHARE",
    "PERSIAN_MIN_SHARE",
    "SAMPLE_CHARS",
    "URDU_MIN_SHARE",
    "detect_lang",
    "detect_langs",
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


class FunctionWordError(CrosspressError, ValueError):
    """A function word of this module's lists that :func:`detect_langs` cannot pack into one
    integer (a broken edit of the lists, caught on import)."""


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
    # not a count of script_counts: the letters an Arabic word is a run of (detect_langs)
    ("arabic_word_letters", re.compile(f"[{ARABIC_WORD_LETTERS_CLASS}]")),
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


def _function_word_counts(sample: str) -> tuple[int, int]:
    """(Persian, Arabic) function words in ``sample``: for each word, Persian if in
    ``_PERSIAN_WORDS``, else Arabic if its alef-folded form is in ``_ARABIC_WORDS``; counted by
    looking the (few) function words up in a word count."""
    words = Counter(_ARABIC_WORD_RE.findall(sample))
    fa_words = sum(words[w] for w in _PERSIAN_WORDS if w in words)
    ar_words = sum(words[w] for w in _ARABIC_SPELLINGS if w in words)
    return fa_words, ar_words


def _arabic_or_other(counts: dict[str, int], fa_words: int, ar_words: int) -> str:
    """Decide whether Arabic-script text is Arabic ("ar") or Persian/Urdu ("other")."""
    arabic = counts["arabic"]
    if counts["urdu_letters"] / arabic >= URDU_MIN_SHARE:
        return "other"
    if fa_words > ar_words:
        return "other"
    if ar_words == 0 and counts["persian_letters"] / arabic >= PERSIAN_MIN_SHARE:
        return "other"
    return "ar"


def _winner(counts: dict[str, int]) -> str:
    """ "he", "ar" when Arabic script wins (Arabic, Persian or Urdu: see ``_arabic_or_other``),
    or "other", from the letter counts of a text."""
    letters = counts["letters"]
    hebrew, arabic = counts["hebrew"], counts["arabic"]
    if hebrew >= arabic and hebrew >= MIN_LETTERS and hebrew >= MIN_SHARE * letters:
        return "he"
    if arabic > hebrew and arabic >= MIN_LETTERS and arabic >= MIN_SHARE * letters:
        return "ar"
    return "other"


def detect_lang(text: str) -> str:
    """Return ``"he"``, ``"ar"`` or ``"other"`` for ``text`` (Persian and Urdu are "other").

    Works on raw or cleaned text. See the module docstring for the rules and thresholds.
    """
    if not text:
        return "other"
    sample = text[:SAMPLE_CHARS]
    counts = script_counts(sample)
    winner = _winner(counts)
    if winner != "ar":
        return winner
    return _arabic_or_other(counts, *_function_word_counts(sample))


#: detect_langs counts at most this many characters (of the texts' samples) in one numpy pass.
LANG_BATCH_CHARS: int = 1 << 20
#: Function words are at most this many letters long, so each fits one integer (below).
_WORD_MAX = 5
_WORD_BITS = 11  # every Arabic word letter is below U+0800


def _word_key(word: str) -> int:
    """The integer holding ``word``'s code points, ``_WORD_BITS`` bits each (first lowest)."""
    return sum(ord(ch) << (_WORD_BITS * k) for ch, k in zip(word, range(_WORD_MAX)))


def _packed_keys(words: Iterable[str]) -> np.ndarray:
    """The sorted :func:`_word_key` of every word. Raises :class:`FunctionWordError` when a
    word does not pack exactly (empty, longer than ``_WORD_MAX`` letters, or a code point of
    ``_WORD_BITS`` bits or more): two words could then share a key and :func:`detect_langs`
    would count words :func:`detect_lang` does not. Checked on import, also under
    ``python -O``."""
    words = sorted(words)
    bad = [w for w in words if not 0 < len(w) <= _WORD_MAX or max(map(ord, w)) >= 1 << _WORD_BITS]
    if bad:
        raise FunctionWordError(
            f"helpers/text/lang.py: function words: {', '.join(map(repr, bad))} do not pack "
            f"into {_WORD_MAX} letters of {_WORD_BITS} bits"
        )
    return np.array(sorted(map(_word_key, words)), dtype=np.uint64)


_PERSIAN_KEYS = _packed_keys(_PERSIAN_WORDS)
_ARABIC_KEYS = _packed_keys(_ARABIC_SPELLINGS)


def detect_langs(texts: Sequence[str]) -> list[str]:
    """``[detect_lang(text) for text in texts]``, counted for many texts at once.

    The per-text cost of :func:`detect_lang` on an article is mostly Python and numpy call
    overhead, so here the samples of many texts are looked up in ONE pass: code points →
    class bits (the table of :func:`script_counts`), counts per text by ``bincount``; the
    Arabic function words are the runs of Arabic word letters whose code points, packed into
    one integer (runs of at most ``_WORD_MAX`` letters, ``_WORD_BITS`` bits a letter: an exact
    encoding), are among the packed function words. A test checks the equality."""
    langs: list[str] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (end == start or size < LANG_BATCH_CHARS):
            size += min(len(texts[end]), SAMPLE_CHARS)
            end += 1
        langs.extend(_detect_batch([t[:SAMPLE_CHARS] for t in texts[start:end]]))
        start = end
    return langs


def _detect_batch(samples: list[str]) -> list[str]:
    """:func:`detect_langs` of texts already cut to ``SAMPLE_CHARS``."""
    n = len(samples)
    table, masks = _class_table()
    lengths = np.fromiter(map(len, samples), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    cps = np.frombuffer("".join(samples).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = table[np.minimum(cps, _BMP)]
    width = len(masks)
    # one bincount per text: cheaper than one over (text, class) pairs of the whole batch
    per_class = np.zeros((n, width), dtype=np.int64)
    for i, (lo, hi) in enumerate(zip(starts.tolist(), ends.tolist())):
        if hi > lo:
            per_class[i] = np.bincount(classes[lo:hi], minlength=width)
    per_key = per_class @ masks  # (n, keys)
    keys = [key for key, _ in _CLASS_REGEXES]
    letters = per_key[:, keys.index("letters")]
    if cps.size and cps.max() >= _BMP:  # letters outside the BMP (no script here has any)
        astral = np.flatnonzero(cps >= _BMP)
        astral_doc = np.searchsorted(ends, astral, side="right")
        for i in np.unique(astral_doc).tolist():
            chars = cps[astral[astral_doc == i]].astype("<u4").tobytes().decode("utf-32-le")
            letters[i] += len(_LETTER_RE.findall(chars))
    fa_words, ar_words = _function_words_batch(cps, classes, starts, ends, n)
    count_rows = zip(
        letters.tolist(),
        *(per_key[:, keys.index(k)].tolist() for k in keys[1:6]),
        fa_words.tolist(),
        ar_words.tolist(),
        lengths.tolist(),
    )
    langs = []
    for total, hebrew, arabic, latin, persian, urdu, fa, ar, length in count_rows:
        if not length:
            langs.append("other")
            continue
        counts = {
            "letters": total,
            "hebrew": hebrew,
            "arabic": arabic,
            "latin": latin,
            "persian_letters": persian,
            "urdu_letters": urdu,
        }
        winner = _winner(counts)
        langs.append(_arabic_or_other(counts, fa, ar) if winner == "ar" else winner)
    return langs


def _function_words_batch(
    cps: np.ndarray, classes: np.ndarray, starts: np.ndarray, ends: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Persian and Arabic function words per text (``_function_word_counts``) of the texts
    concatenated in ``cps`` (text ``i`` is ``cps[starts[i]:ends[i]]``)."""
    bit = np.uint8(1 << [key for key, _ in _CLASS_REGEXES].index("arabic_word_letters"))
    in_word = (classes & bit) != 0
    before = np.zeros_like(in_word)  # the previous character is a word letter of the same text
    before[1:] = in_word[:-1]
    before[starts[starts < len(cps)]] = False
    after = np.zeros_like(in_word)
    after[:-1] = in_word[1:]
    after[ends[ends > 0] - 1] = False
    run_starts = np.flatnonzero(in_word & ~before)
    run_ends = np.flatnonzero(in_word & ~after) + 1
    run_lengths = run_ends - run_starts
    short = run_lengths <= _WORD_MAX
    run_starts, run_lengths = run_starts[short], run_lengths[short]
    packed = np.zeros(len(run_starts), dtype=np.uint64)
    last = len(cps) - 1
    for k in range(_WORD_MAX):
        letter = cps[np.minimum(run_starts + k, last)].astype(np.uint64)
        packed |= np.where(k < run_lengths, letter << np.uint64(_WORD_BITS * k), np.uint64(0))
    run_doc = np.searchsorted(ends, run_starts, side="right")
    fa = np.bincount(run_doc[_among(packed, _PERSIAN_KEYS)], minlength=n)
    ar = np.bincount(run_doc[_among(packed, _ARABIC_KEYS)], minlength=n)
    return fa, ar


def _among(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_keys)`` for a small sorted ``sorted_keys``, by binary search
    (no sort of ``values``)."""
    at = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    found: np.ndarray = sorted_keys[at] == values
    return found

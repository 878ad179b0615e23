"""The one fold: how the project makes two spellings of the same text compare equal.

Everything that matches text against text — the tagger's ``norm`` form
(:func:`helpers.text.clean.normalize_for_match`), boilerplate and outlet-signature lines
(:func:`fold_line`), dates (:data:`DATE_FOLD`), outlet names (:func:`fold_key`) — starts from
ONE character table, :data:`LETTER_FOLD`: the spellings Hebrew and Arabic writers use
interchangeably (hamza/wasla alefs → ``ا``, ``ى`` → ``ي``, Hebrew ``״ ׳`` → ASCII ``" '``).
Each use adds only what its job needs, by name:

* :data:`MATCH_TABLE` (``norm``, length-preserving so offsets are shared): + ``ة`` → ``ه``,
  Persian ``ی ک`` → ``ي ك``, Latin lower case (one character only, so ``İ`` stays);
* :data:`LINE_FOLD_TABLE` (lines; not length-preserving): + typographic quotes and dashes
  (``“ ” „ « »`` → ``"``, ``‘ ’ ``` → ``'``, ``־ – —`` → ``-``), NBSP → space; invisible
  characters, Hebrew niqqud and Arabic marks and tatweel dropped; then blanks collapsed, the
  line stripped and case-folded;
* :data:`DATE_FOLD` (length-preserving): + Arabic-Indic and Persian digits → ASCII, maqaf →
  ``-``;
* :func:`fold_key` (names): NFC, then :func:`fold_line`.

:func:`fold_aware_pattern` turns a regex written for folded text into one that finds the same
matches in the unfolded text (for a 1:1 table such as :data:`DATE_FOLD`), so a text need not be
folded only to learn that a pattern does not occur in it.

:class:`CharMap` applies a 1:1 table to long strings fast (numpy lookup).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np

from helpers.text.charsets import (
    ALEF_VARIANTS,
    ARABIC_INDIC_DIGITS,
    ARABIC_MARKS_CLASS,
    GERESH,
    GERSHAYIM,
    HEBREW_MARKS,
    MAQAF,
    PERSIAN_DIGITS,
    TATWEEL,
    ZERO_WIDTH_AND_DIRECTION_CLASS,
)

__all__ = [
    "LETTER_FOLD",
    "MATCH_TABLE",
    "LINE_FOLD_TABLE",
    "LINE_DROP_CLASS",
    "DATE_FOLD",
    "CharMap",
    "fold_line",
    "fold_lines",
    "fold_pattern",
    "fold_key",
    "fold_aware_pattern",
    "FOLD_MEMO_MAX_LINES",
    "FOLD_MEMO_MAX_CHARS",
]

#: The shared core: alef variants → ``ا``, ``ى`` → ``ي``, ``״`` → ``"``, ``׳`` → ``'``.
LETTER_FOLD: dict[str, str] = {
    **dict.fromkeys(ALEF_VARIANTS, "ا"),
    "ى": "ي",
    GERSHAYIM: '"',
    GERESH: "'",
}


def _latin_lower() -> dict[str, str]:
    """Latin capitals whose lower case is one character (so the map keeps lengths)."""
    table: dict[str, str] = {}
    for lo, hi in [(0x41, 0x5A), (0xC0, 0xDE), (0x100, 0x24F), (0x1E00, 0x1EFF)]:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            low = ch.lower()
            if low != ch and len(low) == 1 and "LATIN" in unicodedata.name(ch, ""):
                table[ch] = low
    return table


def _code_points(table: Mapping[str, str]) -> dict[int, int]:
    out = {ord(src): ord(dst) for src, dst in table.items()}
    # idempotence: no target may itself be mapped
    assert not set(out.values()) & set(out), "fold table is not idempotent"
    return out


#: The 1:1 map behind ``normalize_for_match`` (code point → code point).
MATCH_TABLE: dict[int, int] = _code_points(
    {**LETTER_FOLD, "ة": "ه", "ی": "ي", "ک": "ك", **_latin_lower()}
)

#: Characters :func:`fold_line` maps (one character each).
LINE_FOLD_TABLE: dict[str, str] = {
    **LETTER_FOLD,
    **dict.fromkeys("“”„«»", '"'),
    **dict.fromkeys("‘’`", "'"),
    **dict.fromkeys(MAQAF + "–—", "-"),
    "\u00a0": " ",
}
#: Characters :func:`fold_line` drops: invisible characters, Hebrew niqqud and cantillation,
#: Arabic marks and tatweel.
LINE_DROP_CLASS = ZERO_WIDTH_AND_DIRECTION_CLASS + HEBREW_MARKS + ARABIC_MARKS_CLASS + TATWEEL

#: The 1:1 table dates are read through (``str.translate`` form).
DATE_FOLD: dict[int, int] = _code_points(
    {
        **{d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)},
        **{d: str(i) for i, d in enumerate(PERSIAN_DIGITS)},
        **LETTER_FOLD,
        MAQAF: "-",
    }
)

_BMP = 0x10000


class CharMap:
    """A 1:1 map of BMP code points applied to whole strings: ``CharMap(table)(text)`` equals
    ``text.translate(table)`` for a ``{code point: code point}`` table, but looks the
    characters up in a numpy array (several times faster than ``str.translate`` on
    non-ASCII text). Characters outside the table (astral ones too) are kept; the result has
    the length of ``text``."""

    __slots__ = ("_lut", "_table")

    #: Shorter texts go through ``str.translate`` (numpy's per-call overhead would dominate).
    SHORT: int = 100
    #: Longer texts are mapped in pieces of this many characters (bounded extra memory: the
    #: UTF-32 copies of a piece, not of a 50 MB article).
    CHUNK: int = 1 << 20

    def __init__(self, table: Mapping[int, int]) -> None:
        lut = np.arange(_BMP + 1, dtype=np.uint32)
        for src, dst in table.items():
            if not (0 <= src < _BMP and 0 <= dst < _BMP):
                raise ValueError(f"CharMap maps BMP code points only: {src:#x} → {dst:#x}")
            lut[src] = dst
        self._lut = lut
        self._table = dict(table)

    def __call__(self, text: str) -> str:
        """``text`` with every character mapped."""
        if len(text) < self.SHORT:
            return text.translate(self._table)
        if len(text) > self.CHUNK:  # code points are never split (no surrogate pairs in str)
            return "".join(
                [self(text[i : i + self.CHUNK]) for i in range(0, len(text), self.CHUNK)]
            )
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if cps.size and cps.max() >= _BMP:
            mapped = np.where(cps >= _BMP, cps, self._lut[np.minimum(cps, _BMP)])
        else:
            mapped = self._lut[cps]
        return mapped.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


# --------------------------------------------------------------------------- line fold

_DROP_RE = re.compile(f"[{LINE_DROP_CLASS}]")
_FOLD_RE = re.compile("[" + re.escape("".join(LINE_FOLD_TABLE)) + "]")
_SPACE_RE = re.compile(r"\s+")
# fold_lines' character pass over the joined lines: characters to drop are deleted, characters
# to map and blanks other than space and line break (→ a space) are mapped 1:1 through a numpy
# lookup table. The drop, map and blank sets are disjoint (asserted) and every mapped
# character becomes ONE character, so deleting first and then mapping equals handling every
# character on its own.
_BLANKS = "".join(
    c
    for c in map(chr, range(0x3001))
    if c.isspace() and c not in "\n " and c not in LINE_FOLD_TABLE
)
_DROP_CHARS = frozenset(_DROP_RE.findall("".join(map(chr, range(0x10000)))))
assert not _DROP_CHARS & (set(LINE_FOLD_TABLE) | set(_BLANKS)) and all(
    len(v) == 1 for v in LINE_FOLD_TABLE.values()
)
_LINE_CHARMAP = CharMap(
    {
        **{ord(k): ord(v) for k, v in LINE_FOLD_TABLE.items()},
        **{ord(b): ord(" ") for b in _BLANKS},
    }
)


def _fold_chars(text: str) -> str:
    # re.sub with a dict lookup is much faster than str.translate on long texts with
    # few characters to map.
    return _FOLD_RE.sub(lambda m: LINE_FOLD_TABLE[m.group()], _DROP_RE.sub("", text))


def fold_line(line: str) -> str:
    """The matching form of one line: :data:`LINE_FOLD_TABLE` applied, :data:`LINE_DROP_CLASS`
    dropped, blanks collapsed to one space, stripped, case-folded."""
    return _SPACE_RE.sub(" ", _fold_chars(line)).strip().casefold()


#: fold_lines remembers folded lines across calls, up to this many characters of lines
#: (then it starts afresh): ingesting a document folds the same lines up to three times
#: (boilerplate, outlet, title), and pages of one site repeat their chrome lines. A call
#: with more lines than FOLD_MEMO_MAX_LINES folds without the memo (a huge article).
FOLD_MEMO_MAX_LINES: int = 5000
FOLD_MEMO_MAX_CHARS: int = 10_000_000
_fold_memo: dict[str, str] = {}
_fold_memo_chars: int = 0


def fold_lines(lines: list[str]) -> list[str]:
    """``[fold_line(line) for line in lines]``, computed in one pass over the joined text.

    Each line's folded form depends on that line only, so lines folded by an earlier call
    are taken from the memo (exact), and only the others are folded."""
    global _fold_memo_chars
    if len(lines) > FOLD_MEMO_MAX_LINES or any("\n" in line for line in lines):
        return _fold_lines(lines)  # (a line break inside a line: _fold_lines' fallback)
    memo = _fold_memo
    folded = [memo.get(line) for line in lines]
    missing = [i for i, f in enumerate(folded) if f is None]
    if not missing:
        return folded  # type: ignore[return-value]  # every line was in the memo
    new_lines = [lines[i] for i in missing]
    new_folded = _fold_lines(new_lines)
    added = sum(map(len, new_lines))
    if added > FOLD_MEMO_MAX_CHARS:  # more than the memo may hold: not remembered
        memo = {}
    elif _fold_memo_chars + added > FOLD_MEMO_MAX_CHARS:
        memo.clear()
        _fold_memo_chars = added
    else:
        _fold_memo_chars += added
    for i, line, fold in zip(missing, new_lines, new_folded):
        folded[i] = memo[line] = fold
    return folded  # type: ignore[return-value]  # every None was replaced


def _fold_lines(lines: list[str]) -> list[str]:
    joined = _LINE_CHARMAP(_DROP_RE.sub("", "\n".join(lines))).casefold()
    folded = [
        _SPACE_RE.sub(" ", line).strip() if "  " in line else line.strip()
        for line in joined.split("\n")
    ]
    if len(folded) != len(lines):  # a character casefolded into a line break: never seen
        folded = [fold_line(line) for line in lines]
    return folded


def fold_pattern(pattern: str) -> str:
    """Fold a marker regex like ``fold_line`` folds text, minus case and spacing changes.

    (Case is handled by re.IGNORECASE; casefolding a regex would turn ``\\S`` into ``\\s``.)
    """
    return _fold_chars(pattern).strip()


def fold_key(name: str) -> str:
    """The matching form of a name (outlet names and aliases): NFC, then :func:`fold_line`."""
    return fold_line(unicodedata.normalize("NFC", str(name)))


# --------------------------------------------------------------------------- fold-aware regex

# Class escapes a fold-aware pattern may hold: each must treat a folded character and the
# characters folded into it alike (checked per table in fold_aware_pattern).
_CLASS_ESCAPES = ("\\d", "\\D", "\\w", "\\W", "\\s", "\\S")
# Escapes that spell a character by its code (or a group by number): not translated.
_CODE_ESCAPES = frozenset("uUxNg")
# Pattern parts whose characters are not literals: a {m,n} quantifier, a group name or
# back-reference by name, inline flags, a comment.
_VERBATIM_RE = re.compile(
    r"\{\d*(?:,\d*)?\}|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux-]+[:)]|\(\?#[^)]*\)"
)


def fold_aware_pattern(pattern: str, table: Mapping[int, int]) -> str:
    """A regex source that matches an unfolded text exactly where ``pattern`` matches the text
    mapped through the 1:1 ``table`` (e.g. :data:`DATE_FOLD`): every literal character that
    the table maps others to becomes a class of it and of those characters (an alef: the
    alef and its hamza/madda/wasla variants). Matches have the same spans (the map keeps lengths), so a search on the raw
    text answers "does ``pattern`` occur in the folded text, and where" without folding it.

    Supported: literals, escapes, groups (named ones too), quantifiers, and character classes
    that hold no character of the table. ``ValueError`` for what this cannot translate
    exactly: a table character inside a class, a literal character the table maps away
    (folded text never holds one), a cased character in the table, or a class escape
    (``\\d \\w \\s`` …) that tells a character from its fold.
    """
    sources: dict[str, list[str]] = {}
    for src, dst in table.items():
        sources.setdefault(chr(dst), []).append(chr(src))
    mapped = {chr(src) for src in table}
    chars = mapped | set(sources)
    for ch in chars:
        if ch.lower() != ch.upper():
            raise ValueError(f"fold_aware_pattern: the table maps the cased character {ch!r}")
    for src, dst in table.items():
        for esc in _CLASS_ESCAPES:
            if bool(re.match(esc, chr(src))) != bool(re.match(esc, chr(dst))):
                raise ValueError(
                    f"fold_aware_pattern: {esc} tells {chr(src)!r} from its fold {chr(dst)!r}"
                )
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt in mapped or nxt in _CODE_ESCAPES or nxt.isdigit():
                raise ValueError(
                    f"fold_aware_pattern: cannot translate \\{nxt} in {pattern!r} exactly"
                )
            if nxt in sources:  # an escaped literal, e.g. "\\-"
                out.append("[" + re.escape(nxt) + "".join(map(re.escape, sources[nxt])) + "]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            body = pattern[i:end]
            if chars & set(body):
                raise ValueError(
                    f"fold_aware_pattern: the class {body!r} holds a character of the table"
                )
            out.append(body)
            i = end
        elif (verbatim := _VERBATIM_RE.match(pattern, i)) is not None:
            # a quantifier, a group name, inline flags or a comment: copied as written
            out.append(verbatim.group())
            i = verbatim.end()
        elif ch in sources:
            out.append("[" + re.escape(ch) + "".join(map(re.escape, sources[ch])) + "]")
            i += 1
        elif ch in mapped:
            raise ValueError(f"fold_aware_pattern: {pattern!r} holds {ch!r}, folded away")
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Index after the character class that opens at ``pattern[start]`` (``[``)."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":  # a leading ] is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    raise ValueError(f"fold_aware_pattern: unterminated character class in {pattern!r}")

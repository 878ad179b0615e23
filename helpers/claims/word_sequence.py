"""Match an analyst phrase pattern on the words of a sentence, without compiling its regex.

A phrase pattern (``word word``, ``word*``, ``a ~N b``; :mod:`helpers.claims.patterns`) is
compiled to a regex of a fixed shape::

    (?<!W) P1 S1 [L*]  \\s+ (?:\\S+\\s+){0,g2} P2 S2 [L*]  …  Pn Sn [L*] [(?!W)]

— ``W`` a word character (``[\\p{L}\\p{M}\\p{N}]``), ``Pi`` the proclitics word ``i`` may take
(a small regex of a few letters and a hyphen), ``Si`` its stem (a literal), ``L*`` the letters
and marks a ``word*`` may continue with, ``gi`` the words a gap ``~gi`` may skip; the final
``(?!W)`` only when the last word has no ``*``. Compiling that regex with the ``regex``
module costs about a millisecond (its parser is pure Python), and on real news most phrase
patterns are searched only a few times, so the regex compile dominated the tagger.

:class:`WordSequence` reads the same matches off the text directly. Because every word after
the first follows a run of whitespace, it starts at the start of a whitespace-delimited chunk,
and a gap skips whole chunks; a word before a whitespace run ends at that run. So a match is:
a start ``s`` (no word character before it) with a proclitic chain ``norm[s:j]`` that ``P1``
matches in full and ``S1`` at ``j``; then, chunk by chunk, each later word at the start of
one of the next ``gi + 1`` chunks. The regex engine tries the start positions left to right
and, for each gap, the most skipped chunks first (a greedy repeat); :meth:`WordSequence.search`
walks the same order, so it returns the regex's match. Where the regex could choose between
two different matches at the same start by the order of its proclitic alternatives (two
readings of one chunk ending at different places — possible only in contrived text), it says
so (:data:`AMBIGUOUS`) and the caller runs the regex. Every character class is decided by the
``regex`` module itself (small regexes for ``\\s``, ``\\S``, ``W`` and ``L``), so the two
agree on every character.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

import regex
from regex import Pattern as RegexPattern

__all__ = ["AMBIGUOUS", "WordSequence"]

#: Returned by :meth:`WordSequence.search` when only the regex can tell which match it gives.
AMBIGUOUS: Final = (-1, -1)
#: The end the inner steps give for "only the regex can tell".
_UNSURE: Final = -1
_SPACES = regex.compile(r"\s+")
_NON_SPACES = regex.compile(r"\S+")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
_LETTERS_MARKS = regex.compile(r"[\p{L}\p{M}]*")
_SYNTAX = frozenset("()[]{}?:|,*+0123456789")


@functools.cache
def _prefix_regex(prefix: str) -> tuple[RegexPattern[str], frozenset[str]]:
    """The compiled proclitic regex and the characters it can match. A proclitic regex is
    made of literal characters, classes of them, groups, alternation and counted repeats
    (:mod:`helpers.claims.patterns`), so the characters it can match are the ones written in
    it; anything else (an escape, ``.``) is refused."""
    if "\\" in prefix or "." in prefix:
        raise ValueError(f"not a plain proclitic regex: {prefix!r}")
    return regex.compile(prefix), frozenset(prefix) - _SYNTAX


class WordSequence:
    """The words of one phrase pattern — ``(proclitic regex, stem, star, gap)`` each, ``gap``
    the words that may stand before it (0 for the first) — matched as its regex would be
    (module docstring)."""

    __slots__ = ("_words", "_last")

    def __init__(self, words: Sequence[tuple[str, str, bool, int]]) -> None:
        if not words:
            raise ValueError("a word sequence needs at least one word")
        self._words = []
        for prefix, stem, star, gap in words:
            if not stem or _SPACES.search(stem) or gap < 0:
                raise ValueError(f"cannot match the word {stem!r} chunk by chunk")
            rx, chars = _prefix_regex(prefix)
            self._words.append((rx, chars, stem, star, gap))
        self._last = len(self._words) - 1

    def search(self, norm: str, pos: int = 0) -> tuple[int, int] | None:
        """The span of the regex's ``search(norm, pos)`` (``None``: no match), or
        :data:`AMBIGUOUS` when only the regex can tell."""
        rx, chars, stem, star, _ = self._words[0]
        starts: dict[int, list[int]] = {}  # match start → the stem positions it may read
        j = norm.find(stem, pos)
        while j >= 0:
            s = j
            while True:
                if (s == 0 or not _WORD_CHAR.match(norm, s - 1)) and rx.fullmatch(norm, s, j):
                    starts.setdefault(s, []).append(j)
                if s <= pos or norm[s - 1] not in chars:
                    break
                s -= 1
            j = norm.find(stem, j + 1)
        for s in sorted(starts):
            ends = {self._from_stem(norm, 0, j) for j in starts[s]}
            ends.discard(None)
            if len(ends) > 1 or _UNSURE in ends:
                return AMBIGUOUS
            for end in ends:
                if end is not None:
                    return s, end
        return None

    def _from_stem(self, norm: str, i: int, j: int) -> int | None:
        """The end of the match when word ``i``'s stem is read at ``j`` (its proclitics
        already matched), ``None`` when the rest does not match, or ``_UNSURE``."""
        _, _, stem, star, _ = self._words[i]
        end = j + len(stem)
        if star:
            m = _LETTERS_MARKS.match(norm, end)
            end = m.end() if m is not None else end
        if i == self._last:
            if star or not _WORD_CHAR.match(norm, end):
                return end
            return None
        gap = _SPACES.match(norm, end)
        if gap is None:
            return None
        return self._at_chunks(norm, i + 1, gap.end())

    def _at_chunks(self, norm: str, i: int, t: int) -> int | None:
        """Word ``i`` at the chunk starting at ``t`` or one of the next ``gap`` chunks, the
        most skipped first (the regex's greedy repeat): the end of the match or ``None``."""
        _, _, _, _, gap = self._words[i]
        chunks = [t]
        while len(chunks) <= gap and t < len(norm):
            word = _NON_SPACES.match(norm, t)
            if word is None:
                break
            space = _SPACES.match(norm, word.end())
            if space is None:
                break
            t = space.end()
            chunks.append(t)
        for t in reversed(chunks):
            end = self._in_chunk(norm, i, t)
            if end is not None:
                return end
        return None

    def _in_chunk(self, norm: str, i: int, t: int) -> int | None:
        """Word ``i`` read from the chunk start ``t``: its proclitics ``norm[t:j]``, its stem
        at ``j`` and the rest of the match — the end, ``None``, or ``_UNSURE`` when two
        readings end differently."""
        rx, chars, stem, _, _ = self._words[i]
        found: set[int] = set()
        j = t
        while True:
            if norm.startswith(stem, j) and rx.fullmatch(norm, t, j):
                end = self._from_stem(norm, i, j)
                if end is not None:
                    found.add(end)
            if j >= len(norm) or norm[j] not in chars:
                break
            j += 1
        if len(found) > 1:
            return _UNSURE
        return found.pop() if found else None

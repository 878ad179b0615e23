"""The tagger's candidate index: per language, the compiled codebook entries and one
Aho–Corasick automaton over one literal anchor per pattern (rule 1 of
:mod:`helpers.claims.annotate`) with its hits checked in bulk (numpy), the confirmation of candidates with their regexes, and the
per-character normalisation table used on whole documents."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick
import numpy as np
import regex

from helpers.claims.patterns import MAX_PROCLITIC_LETTERS, CompiledPattern, proclitic_chains

__all__ = [
    "CLAIM_SIDE_KINDS",
    "IndexEntry",
    "Hit",
    "Candidates",
    "AnchorScan",
    "LangIndex",
    "NormLookup",
    "word_runs",
]

#: Entry kinds on the claim side (a sentence goes further only if one occurs; the others are
#: cues: actors, media, …).
CLAIM_SIDE_KINDS = frozenset({"claim", "lexicon"})
#: (entry id, the starts of its anchor in the text) — what the automaton proposes; for a
#: whole-word entry (:attr:`LangIndex.whole_word`) its match spans, flattened: start, end, …
Candidates = list[tuple[int, list[int]]]
#: Most proclitic letters a whole-word match may start with; a pattern allowing more is
#: confirmed by its regex.
MAX_PREFIX = MAX_PROCLITIC_LETTERS
#: Characters a Hebrew proclitic chain may end with (``ב-``, ``ב־``): a whole-word stem right
#: after one may be matched from the letters before it, so such a hit goes to the regex.
_HYPHENS = np.array([ord("-"), 0x05BE], dtype=np.uint32)
#: Word-class bits of a character, as the patterns' regexes see it: part of a word for the
#: boundaries ``\p{L}\p{M}\p{N}``, and a letter or mark (what ``word*`` may continue with).
_WORD, _LETTER_MARK = 1, 2


def _spans_from_anchors(
    pattern: CompiledPattern, norm: str, starts: list[int], back: int
) -> list[tuple[int, int]]:
    """The spans ``pattern.regex.finditer(norm)`` gives, for a pattern that can only start
    ``back`` characters before one of its anchor's hits ``starts`` (ascending): searched
    (:meth:`CompiledPattern.search_span`) from just before each hit not yet inside a match —
    each match is the leftmost one from the previous match's end, as with ``finditer``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    find = pattern.search_span
    for a in starts:
        if a < pos:
            continue
        span = find(norm, a - back if a - back > pos else pos)
        if span is None:
            break
        spans.append(span)
        pos = span[1]
    return spans


@dataclass(frozen=True)
class IndexEntry:
    """One compiled pattern and what it stands for."""

    kind: str  # claim | lexicon | actor | media | hedge | negator | speech | attribution
    owner: str  # claim / lexicon class / actor / media id ('' for cue lists)
    pattern: CompiledPattern


class Hit(NamedTuple):
    """A confirmed match of one entry's pattern in a sentence (sentence offsets)."""

    start: int
    end: int
    owner: str
    rank: int  # speaker rank for actors/media
    words: tuple[str, ...] = ()  # the pattern's anchors (its own words)
    source: str = ""  # the pattern as written in the codebook (claim hits: the rule that fired)


#: Characters :meth:`str.isalnum` accepts, as a lookup table over the Basic Multilingual Plane
#: (the anchors' context rule, vectorised; other planes are looked up one by one).
@functools.cache
def _bmp_alnum() -> np.ndarray:
    return np.fromiter((chr(c).isalnum() for c in range(0x10000)), dtype=bool, count=0x10000)


def _word_class(ch: str) -> int:
    """The word-class bits (:data:`_WORD`, :data:`_LETTER_MARK`) of one character, decided by
    the ``regex`` module itself (the engine the patterns run on)."""
    return (_WORD if _WORD_CHAR_RE.match(ch) else 0) | (
        _LETTER_MARK if _LETTER_MARK_RE.match(ch) else 0
    )


_WORD_CHAR_RE = regex.compile(r"[\p{L}\p{M}\p{N}]")
_LETTER_MARK_RE = regex.compile(r"[\p{L}\p{M}]")


@functools.cache
def _bmp_word_class() -> np.ndarray:
    """:func:`_word_class` of every character of the Basic Multilingual Plane."""
    chars = "".join(map(chr, range(0x10000)))
    out = np.zeros(0x10000, dtype=np.uint8)
    out[[m.start() for m in _WORD_CHAR_RE.finditer(chars)]] |= _WORD
    out[[m.start() for m in _LETTER_MARK_RE.finditer(chars)]] |= _LETTER_MARK
    return out


def _word_class_at(codes: np.ndarray) -> np.ndarray:
    """:func:`_word_class` of every code point in ``codes``."""
    out: np.ndarray = _bmp_word_class()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if astral.size:
        out[astral] = [_word_class(chr(c)) for c in codes[astral].tolist()]
    return out


@functools.cache
def _prefix_table(prefix: str, alphabet: str) -> tuple[np.ndarray, bool]:
    """Which proclitic chains the regex ``prefix`` matches in full: a boolean table over the
    chains of at most :data:`MAX_PREFIX` letters of ``alphabet``, indexed by
    :func:`_chain_key`; and whether the regex also matches a chain ending in a hyphen or
    maqaf. From :func:`~helpers.claims.patterns.proclitic_chains`, so it agrees with the
    regex by construction."""
    hyphens = "-\u05be"
    table = np.zeros((len(alphabet) + 1) ** MAX_PREFIX, dtype=bool)
    hyphen = False
    for chain in proclitic_chains(prefix, frozenset(alphabet + hyphens)):
        if any(h in chain for h in hyphens):
            hyphen = True
        else:
            table[_chain_key(chain, alphabet)] = True
    return table, hyphen


def _chain_key(chain: str, alphabet: str) -> int:
    """The index of a proclitic chain in :func:`_prefix_table`: its letters read from the
    last one back, as digits 1…len(alphabet) in base len(alphabet) + 1."""
    base = len(alphabet) + 1
    return sum((alphabet.index(ch) + 1) * base**k for k, ch in enumerate(reversed(chain)))


def _alnum_at(codes: np.ndarray) -> np.ndarray:
    """``chr(c).isalnum()`` for every code point in ``codes``."""
    out: np.ndarray = _bmp_alnum()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if astral.size:
        out[astral] = [chr(c).isalnum() for c in codes[astral].tolist()]
    return out


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, n-1 for every n in ``counts``, concatenated (the rank of each row within its
    block when blocks of these sizes are laid end to end)."""
    ranks: np.ndarray = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return ranks


def word_runs(codes: np.ndarray) -> np.ndarray:
    """For every code point of a text, the number of runs of word characters
    (``[\\p{L}\\p{M}\\p{N}]+``, what :func:`~helpers.claims.speakers.count_words` counts)
    that start at or before it: two word characters at ``x <= y`` lie in runs ``r[x]`` and
    ``r[y]``, so any span holding both holds at least ``r[y] - r[x] + 1`` words."""
    word = (_word_class_at(codes) & _WORD) != 0
    starts = word.copy()
    starts[1:] &= ~word[:-1]
    runs: np.ndarray = np.cumsum(starts, dtype=np.int64)
    return runs


class AnchorScan:
    """The anchors in a possible context that :meth:`LangIndex.scan` found in a batch of
    sentences: one row per (hit, group of entries keyed on its anchor), in sentence order,
    starts relative to the sentence start — for a whole-word group one row per match, with
    its end (else -1). ``sentence``, ``group`` and ``run`` (numpy) serve bulk checks;
    :meth:`claims` and :meth:`cues` build one sentence's candidates on demand."""

    __slots__ = ("sentence", "group", "start", "end", "run", "present", "_group_ids", "_sides")

    def __init__(
        self,
        n_sentences: int,
        sentence: np.ndarray,
        group: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        claim_side: np.ndarray,
        group_ids: list[tuple[int, ...]],
        present: np.ndarray,
        run: np.ndarray | None = None,
    ) -> None:
        #: the sentence number, the group, the start and the end (-1: a hit) of every row
        self.sentence = sentence
        self.group = group
        self.start = start
        self.end = end
        #: per row, the word run (:func:`word_runs`) holding a word character of the row's
        #: anchor hit — or of its match, for a whole-word row; -1: the anchor has none
        self.run = np.full(len(sentence), -1, dtype=np.int64) if run is None else run
        #: every anchor hit (any context) inside a sentence: ``sentence * n_anchors + anchor``,
        #: sorted
        self.present = present
        self._group_ids = group_ids
        #: claim side, cue side: (row bounds per sentence — rows of sentence k are
        #: ``bounds[k]:bounds[k + 1]`` —, group, start and end (-1: a hit) of each row)
        self._sides: list[tuple[list[int], list[int], list[int], list[int]]] = []
        everyone = np.arange(n_sentences + 1)
        for side in (claim_side, ~claim_side):
            self._sides.append(
                (
                    np.searchsorted(sentence[side], everyone).tolist(),
                    group[side].tolist(),
                    start[side].tolist(),
                    end[side].tolist(),
                )
            )

    @classmethod
    def empty(cls, n_sentences: int) -> AnchorScan:
        """A scan that found nothing."""
        none = np.zeros(0, dtype=np.int64)
        return cls(n_sentences, none, none, none, none, np.zeros(0, dtype=bool), [], none)

    def claims(self, k: int) -> dict[tuple[int, ...], list[int]] | None:
        """{claim-side entry ids keyed on one anchor: every start of the anchor, ascending —
        for whole-word entries every match, flattened as start, end, …} in sentence ``k``
        (``None``: no claim-side anchor there)."""
        return self._anchor_starts(0, k)

    def cues(self, k: int) -> dict[tuple[int, ...], list[int]] | None:
        """{cue entry ids keyed on one anchor: every start of the anchor, ascending — for
        whole-word entries every match, flattened as start, end, …} in sentence ``k``
        (``None``: no cue anchor there)."""
        return self._anchor_starts(1, k)

    def _anchor_starts(self, side: int, k: int) -> dict[tuple[int, ...], list[int]] | None:
        """{entry ids keyed on one anchor: its starts (whole words: start, end of each match)}
        of one side (0 claims, 1 cues) in sentence ``k``, in order."""
        bounds, groups, starts, ends = self._sides[side]
        a, b = bounds[k], bounds[k + 1]
        if a == b:
            return None
        ids_of = self._group_ids
        found: dict[tuple[int, ...], list[int]] = {}
        for r in range(a, b):
            ids = ids_of[groups[r]]
            have = found.get(ids)
            if have is None:
                have = found[ids] = []
            have.append(starts[r])
            if ends[r] >= 0:
                have.append(ends[r])
        return found


class LangIndex:
    """Compiled entries and the anchor automaton of one language."""

    def __init__(self, entries: list[IndexEntry], ranks: list[int]) -> None:
        self.entries = entries
        self.ranks = ranks
        #: claim patterns and lexicon words (compositional rules) are the claim side: a
        #: sentence goes further only if one of them occurs
        self.claim_ids = [i for i, e in enumerate(entries) if e.kind in CLAIM_SIDE_KINDS]
        self.cue_ids = [i for i, e in enumerate(entries) if e.kind not in CLAIM_SIDE_KINDS]
        self.always_claims = [i for i in self.claim_ids if not entries[i].pattern.anchors]
        self.always_cues = [i for i in self.cue_ids if not entries[i].pattern.anchors]
        #: per entry: (kind, owner, rank, own words, compiled pattern — its regex is compiled
        #: the first time a sentence needs it)
        self.info = [
            (e.kind, e.owner, ranks[i], e.pattern.anchors, e.pattern) for i, e in enumerate(entries)
        ]
        self.sources = [e.pattern.source for e in entries]
        self.kinds = [e.kind for e in entries]
        self.owners = [e.owner for e in entries]
        # One anchor per pattern: the one the fewest patterns of this language share (a
        # claim "נטש* ~3 איראן" is keyed on נטש, not on the ubiquitous איראן); stems of 3+
        # letters first (a lone "ל" would hit every sentence), then the longest.
        share: dict[str, int] = {}
        for e in entries:
            for a in e.pattern.anchors:
                share[a] = share.get(a, 0) + 1
        by_anchor: dict[str, dict[tuple[Any, ...], list[int]]] = {}
        #: the pattern's other anchors: each must occur (as a substring) before the regex runs
        self.other_anchors: list[tuple[str, ...]] = [() for _ in entries]
        #: those of fewer than 3 letters (the bulk check of :meth:`entry_rows` skips them)
        self.short_others: list[tuple[str, ...]] = [() for _ in entries]
        #: max characters a match starts before its anchor, when the anchor is the stem of
        #: the pattern's first word (-1: unknown, search the whole sentence)
        self.back: list[int] = [-1] * len(entries)
        #: otherwise (anchor on a later word), the stem of the pattern's first word and the
        #: max characters a match starts before it: the regex is searched from just before
        #: the stem's first occurrence (no match can start earlier) instead of from 0
        self.first_stem: list[tuple[str, int] | None] = [None] * len(entries)
        for i, e in enumerate(entries):
            if e.pattern.anchors:
                k = min(
                    range(len(e.pattern.anchors)),
                    key=lambda j: (
                        len(e.pattern.anchors[j]) < 3,
                        share[e.pattern.anchors[j]],
                        -len(e.pattern.anchors[j]),
                        j,
                    ),
                )
                anchor, ctx = e.pattern.anchors[k], e.pattern.anchor_contexts[k]
                self.other_anchors[i] = tuple(a for a in e.pattern.anchors if a != anchor)
                self.short_others[i] = tuple(a for a in self.other_anchors[i] if len(a) < 3)
                if ctx is not None and anchor == e.pattern.first_anchor:
                    # every match starts at most (proclitic letters + hyphen) before the
                    # stem of its first word, which is a hit of this anchor
                    self.back[i] = ctx[0] + 1
                elif e.pattern.first_anchor is not None:
                    first = e.pattern.first_anchor
                    first_ctx = e.pattern.anchor_contexts[e.pattern.anchors.index(first)]
                    if first_ctx is not None:
                        self.first_stem[i] = (first, first_ctx[0] + 1)
                word_prefix = e.pattern.word_prefix
                if ctx is None or ctx[0] > MAX_PREFIX:
                    word_prefix = None  # confirmed by the regex
                key = (*(ctx if ctx is not None else (-1, frozenset(), True)), word_prefix)
                by_anchor.setdefault(anchor, {}).setdefault(key, []).append(i)
        # One automaton over every anchor (payload: the anchor's number). Each anchor has one
        # or more groups — the entries sharing its context (max_left, left_chars,
        # open_right) and, for whole-word patterns, their proclitics' regex (one match for
        # all of them), claim side and cue side apart — as parallel arrays for :meth:`scan`.
        self.automaton = ahocorasick.Automaton()
        left_sets: dict[frozenset[str], int] = {}
        first_group: list[int] = []
        n_groups: list[int] = []
        anchor_back: list[int] = []
        g_max_left: list[int] = []
        g_left_bit: list[int] = []
        g_open_right: list[bool] = []
        g_claim: list[bool] = []
        g_prefix: list[str | None] = []
        g_word_at: list[int] = []  # offset of the first word character of the anchor
        #: group → the entry ids it proposes
        self.group_ids: list[tuple[int, ...]] = []
        for anchor, groups in by_anchor.items():
            self.automaton.add_word(anchor, len(first_group))
            first_group.append(len(self.group_ids))
            anchor_back.append(len(anchor) - 1)
            for (max_left, left_chars, open_right, word_prefix), ids in groups.items():
                for claim_side in (True, False):
                    sel = tuple(
                        sorted(
                            i for i in ids if (entries[i].kind in CLAIM_SIDE_KINDS) == claim_side
                        )
                    )
                    if not sel:
                        continue
                    bit = left_sets.setdefault(left_chars, len(left_sets)) if max_left >= 0 else 0
                    g_max_left.append(max_left)
                    g_left_bit.append(1 << bit)
                    g_open_right.append(open_right)
                    g_claim.append(claim_side)
                    g_prefix.append(word_prefix)
                    # a whole-word row starts at its match's run of word characters
                    word_char = _WORD_CHAR_RE.search(anchor)
                    g_word_at.append(
                        0 if word_prefix is not None else word_char.start() if word_char else -1
                    )
                    self.group_ids.append(sel)
            n_groups.append(len(self.group_ids) - first_group[-1])
        if len(left_sets) > 32:
            raise ValueError("more than 32 distinct proclitic sets")  # never: a few per language
        # Whole-word groups: their matches are read off the anchor hits (see :meth:`scan`),
        # with a table of the proclitic chains each one's prefix regex accepts.
        #: per entry: is it matched as a whole word (its candidates carry match spans)?
        self.whole_word = [False] * len(entries)
        alphabet = "".join(sorted({ch for chars in left_sets for ch in chars}))
        tables: dict[str, int] = {}
        table_rows: list[np.ndarray] = []
        g_table: list[int] = []
        g_hyphen: list[bool] = []
        for g, word_prefix in enumerate(g_prefix):
            if word_prefix is None:
                g_table.append(-1)
                g_hyphen.append(False)
                continue
            table, hyphen = _prefix_table(word_prefix, alphabet)
            if word_prefix not in tables:
                tables[word_prefix] = len(table_rows)
                table_rows.append(table)
            g_table.append(tables[word_prefix])
            g_hyphen.append(hyphen)
            for i in self.group_ids[g]:
                self.whole_word[i] = True
        #: :attr:`whole_word` as a numpy array, for bulk checks
        self.whole_word_entries = np.array(self.whole_word, dtype=bool)
        self._prefix_base = len(alphabet) + 1
        #: per BMP character: its digit in the chain keys (0: not a proclitic letter)
        self._prefix_digit = np.zeros(0x10000, dtype=np.int64)
        for k, ch in enumerate(alphabet):
            self._prefix_digit[ord(ch)] = k + 1
        self._prefix_ok = np.stack(table_rows) if table_rows else np.zeros((0, 0), dtype=bool)
        self._g_table = np.array(g_table, dtype=np.int64)
        self._g_hyphen = np.array(g_hyphen, dtype=bool)
        #: per whole-word group: one of its entries (they share one regex) and how far before
        #: the anchor a match may start — for the rare hits :meth:`scan` leaves to the regex
        self._g_regex_entry = {
            g: (self.group_ids[g][0], g_max_left[g] + 1) for g, t in enumerate(g_table) if t >= 0
        }
        # The other word stems of the patterns (3+ letters: shorter ones are taken as
        # present), for the bulk check that they occur in the sentence: presence only, no
        # group of their own unless they are some entry's anchor too.
        number = {anchor: n for n, anchor in enumerate(by_anchor)}
        other_ptr = [0]
        other_flat: list[int] = []
        for others in self.other_anchors:
            for a in others:
                if len(a) >= 3:
                    if a not in number:
                        number[a] = len(number)
                        self.automaton.add_word(a, number[a])
                        first_group.append(len(self.group_ids))
                        n_groups.append(0)
                        anchor_back.append(len(a) - 1)
                    other_flat.append(number[a])
            other_ptr.append(len(other_flat))
        self.n_anchors = len(number)
        self.has_anchors = bool(first_group)
        if self.has_anchors:
            self.automaton.make_automaton()
        self._other_ptr = np.array(other_ptr, dtype=np.int64)
        self._other_anchor = np.array(other_flat, dtype=np.int64)
        group_ptr = [0]
        for members in self.group_ids:
            group_ptr.append(group_ptr[-1] + len(members))
        self._group_ptr = np.array(group_ptr, dtype=np.int64)
        self._group_entries = np.array(
            [i for members in self.group_ids for i in members], dtype=np.int64
        )
        self._first_group = np.array(first_group, dtype=np.int64)
        self._n_groups = np.array(n_groups, dtype=np.int64)
        self._anchor_back = np.array(anchor_back, dtype=np.int64)
        self._g_max_left = np.array(g_max_left, dtype=np.int64)
        self._g_left_bit = np.array(g_left_bit, dtype=np.uint32)
        self._g_open_right = np.array(g_open_right, dtype=bool)
        self._g_claim = np.array(g_claim, dtype=bool)
        self._g_word_at = np.array(g_word_at, dtype=np.int64)
        #: per entry: do its rows in a scan carry a word run (:attr:`AnchorScan.run`)? Not for
        #: entries without an anchor, nor for an anchor without word characters.
        self.positioned = np.zeros(len(entries), dtype=bool)
        for g, members in enumerate(self.group_ids):
            self.positioned[list(members)] = g_word_at[g] >= 0
        self._max_left = max(g_max_left, default=-1)
        #: per BMP character: bit k set when it is in proclitic set k
        self._left_bits = np.zeros(0x10000, dtype=np.uint32)
        for chars, bit in left_sets.items():
            for ch in chars:
                if ord(ch) < 0x10000:
                    self._left_bits[ord(ch)] |= 1 << bit

    def scan(
        self, norm: str, lo: Sequence[int], hi: Sequence[int], *, with_runs: bool = False
    ) -> AnchorScan:
        """Run the automaton ONCE over ``norm`` (many documents joined, or one sentence with
        ``lo=[0], hi=[len(norm)]``) and sort its hits into the sentences ``[lo[k], hi[k])``
        (sorted, non-overlapping). A hit counts only inside its sentence and in a possible
        context (see :class:`CompiledPattern`): unless its word may continue, no letter after
        it; before it, back to the word start, at most ``max_left`` letters, all proclitics
        (raw regexes: no constraint). The checks are vectorised over all hits (numpy), so a
        sentence costs the same whether it was scanned alone or in a batch. ``with_runs``:
        also number the word run of every row (:attr:`AnchorScan.run`, for the bulk window
        check of compositions); otherwise every row's run is -1.
        """
        n_sent = len(lo)
        if not n_sent or not self.has_anchors:
            return AnchorScan.empty(n_sent)
        hits = np.fromiter(
            itertools.chain.from_iterable(self.automaton.iter(norm)), dtype=np.int64
        ).reshape(-1, 2)
        if not len(hits):
            return AnchorScan.empty(n_sent)
        end, anchor = hits[:, 0], hits[:, 1]
        lo_arr = np.asarray(lo, dtype=np.int64)
        hi_arr = np.asarray(hi, dtype=np.int64)
        # every anchor occurring inside a sentence, as sentence * n_anchors + anchor (sorted)
        sent = np.searchsorted(hi_arr, end, side="right")  # the sentence holding the hit end
        inside = sent < n_sent
        inside[inside] = end[inside] - self._anchor_back[anchor[inside]] >= lo_arr[sent[inside]]
        present = np.sort(sent[inside] * self.n_anchors + anchor[inside])
        n_groups = self._n_groups[anchor]
        group = self._first_group[anchor]
        if not (n_groups == 1).all():  # one row per (hit, group of its anchor)
            rows = np.repeat(np.arange(len(end)), n_groups)
            group = group[rows] + _ranks(n_groups)
            end, anchor = end[rows], anchor[rows]
        start = end - self._anchor_back[anchor]
        sent = np.searchsorted(hi_arr, end, side="right")
        keep = sent < n_sent
        sent = np.minimum(sent, n_sent - 1)
        s_lo, s_hi = lo_arr[sent], hi_arr[sent]
        keep &= start >= s_lo
        max_left = self._g_max_left[group]
        checked = max_left >= 0
        codes = np.zeros(0, dtype=np.uint32)  # the text's code points, when a check needs them
        if checked.any():
            codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            last = len(codes) - 1
            # right: no letter follows unless the word may continue
            after = end + 1
            letter_after = _alnum_at(codes[np.minimum(after, last)]) & (after < s_hi)
            ok = ~(letter_after & ~self._g_open_right[group])
            # left: the letters back to the word start are few enough and all proclitics
            bit = self._g_left_bit[group]
            in_word = np.ones(len(start), dtype=bool)
            for back in range(1, self._max_left + 2):
                pos = start - back
                code = codes[np.maximum(pos, 0)]
                in_word &= (pos >= s_lo) & _alnum_at(code)
                if not in_word.any():
                    break
                allowed = (back <= max_left) & (
                    (self._left_bits[np.minimum(code, 0xFFFF)] & bit) != 0
                )
                ok &= ~in_word | allowed
            keep &= ~checked | ok
        match_end = np.full(len(start), -1, dtype=np.int64)
        whole = keep & (self._g_table[group] >= 0)  # max_left >= 0: codes are there
        extra = None
        if whole.any():
            keep, start, match_end, extra = self._whole_words(
                norm, codes, whole, keep, start, end + 1, group, sent, s_lo, s_hi
            )
        where = np.flatnonzero(keep)
        sent, group, s_lo = sent[where], group[where], s_lo[where]
        word_at = start[where] + self._g_word_at[group]  # a word character of the row
        start, match_end = start[where] - s_lo, match_end[where]
        match_end = np.where(match_end >= 0, match_end - s_lo, -1)
        if extra is not None:  # matches the regex settled: after the others of their sentence
            word_at = np.concatenate((word_at, extra[2] + lo_arr[extra[0]]))
            sent, group, start, match_end = (
                np.concatenate((a, b)) for a, b in zip((sent, group, start, match_end), extra)
            )
            order = np.argsort(sent, kind="stable")
            sent, group, start, match_end, word_at = (
                sent[order],
                group[order],
                start[order],
                match_end[order],
                word_at[order],
            )
        run = None
        if with_runs and len(sent):
            if not codes.size:
                codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            positioned = self._g_word_at[group] >= 0
            run = np.where(positioned, word_runs(codes)[np.where(positioned, word_at, 0)], -1)
        return AnchorScan(
            n_sent,
            sent,
            group,
            start,
            match_end,
            self._g_claim[group],
            self.group_ids,
            present,
            run,
        )

    def _whole_words(
        self,
        norm: str,
        codes: np.ndarray,
        whole: np.ndarray,
        keep: np.ndarray,
        start: np.ndarray,
        stem_end: np.ndarray,
        group: np.ndarray,
        sent: np.ndarray,
        s_lo: np.ndarray,
        s_hi: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, ...] | None]:
        """The matches of whole-word groups (:attr:`CompiledPattern.word_prefix`), read off
        their anchor hits (rows ``whole`` of :meth:`scan`) for all hits at once.

        Such a regex (``\\p{L}\\p{M}\\p{N}`` boundaries, proclitics, the stem, the rest of
        the word for ``word*``) can only match from the start of the run of word characters
        holding a hit: the letters between the run start and the stem must be a chain its
        prefix regex accepts (looked up in :func:`_prefix_table`), and the match ends at the
        run end (a stem that may not continue) or after the letters and marks following the
        stem (``word*``); the run never crosses the sentence bounds. Two cases go to the regex
        itself, sentence by sentence: a hyphen or maqaf just before the run when the prefix
        may end in one (the match may start before it), and two hits of a ``word*`` group in
        one run. Returns ``keep`` and ``start`` updated (a match starts at its run start),
        the end of each match (-1: not a whole-word row) and the rows the regex gave
        (sentence, group, start, end relative to the sentence) or ``None``."""
        f = np.flatnonzero(whole)
        fs, fe, g = start[f], stem_end[f], group[f]
        lo, hi = s_lo[f], s_hi[f]
        last = len(codes) - 1
        base = self._prefix_base
        key = np.zeros(len(f), dtype=np.int64)
        n_left = np.zeros(len(f), dtype=np.int64)
        bad = np.zeros(len(f), dtype=bool)
        run = np.ones(len(f), dtype=bool)
        for back in range(1, MAX_PREFIX + 2):
            pos = fs - back
            code = codes[np.maximum(pos, 0)]
            run &= (pos >= lo) & ((_word_class_at(code) & _WORD) != 0)
            if not run.any():
                break
            if back > MAX_PREFIX:
                bad |= run  # more word characters before the stem than any chain has
                break
            digit = self._prefix_digit[np.minimum(code, 0xFFFF)]
            bad |= run & (digit == 0)
            key += np.where(run, digit * base ** (back - 1), 0)
            n_left += run
        run_start = fs - n_left
        ok = ~bad & self._prefix_ok[self._g_table[g], np.where(bad, 0, key)]
        open_right = self._g_open_right[g]
        after = _word_class_at(codes[np.minimum(fe, last)])
        ok &= open_right | (fe >= hi) | ((after & _WORD) == 0)
        span_end = fe.copy()
        star = np.flatnonzero(ok & open_right)
        if star.size:
            stops = np.flatnonzero((_word_class_at(codes) & _LETTER_MARK) == 0)
            stops = np.append(stops, len(codes))
            span_end[star] = np.minimum(stops[np.searchsorted(stops, fe[star])], hi[star])
        # to the regex: a hyphen before the run, or two matches of one group in one run
        before = run_start - 1
        to_regex = (
            self._g_hyphen[g] & (before >= lo) & np.isin(codes[np.maximum(before, 0)], _HYPHENS)
        )
        pair = sent[f] * len(self.group_ids) + g
        matched = np.flatnonzero(ok)
        if matched.size > 1:
            order = np.lexsort((run_start[matched], pair[matched]))
            p, r = pair[matched][order], run_start[matched][order]
            twice = (p[1:] == p[:-1]) & (r[1:] == r[:-1])
            to_regex[matched[order][1:][twice]] = True
        extra = None
        if to_regex.any():
            pairs = np.unique(pair[to_regex])
            to_regex = np.isin(pair, pairs)
            extra = self._regex_rows(norm, f[to_regex], start, group, sent, s_lo, s_hi)
        keep = keep.copy()
        keep[f] = ok & ~to_regex
        start = start.copy()
        start[f] = run_start
        match_end = np.full(len(start), -1, dtype=np.int64)
        match_end[f] = span_end
        return keep, start, match_end, extra

    def _regex_rows(
        self,
        norm: str,
        rows: np.ndarray,
        start: np.ndarray,
        group: np.ndarray,
        sent: np.ndarray,
        s_lo: np.ndarray,
        s_hi: np.ndarray,
    ) -> tuple[np.ndarray, ...]:
        """The matches of whole-word groups the regex settles: for each (sentence, group) of
        ``rows`` (anchor hits of :meth:`scan`), the group's regex searched from just before
        its hits; (sentence, group, start, end) arrays, relative to the sentence."""
        out: list[tuple[int, int, int, int]] = []
        by_pair: dict[tuple[int, int], list[int]] = {}
        for r in rows.tolist():
            by_pair.setdefault((int(sent[r]), int(group[r])), []).append(r)
        for (k, g), members in by_pair.items():
            entry, back = self._g_regex_entry[g]
            lo = int(s_lo[members[0]])
            s_norm = norm[lo : int(s_hi[members[0]])]
            starts = sorted({int(start[r]) - lo for r in members})
            for a, b in _spans_from_anchors(self.entries[entry].pattern, s_norm, starts, back):
                out.append((k, g, a, b))
        if not out:
            none = np.zeros(0, dtype=np.int64)
            return none, none, none, none
        cols = np.array(out, dtype=np.int64)
        return cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3]

    def entry_rows(self, found: AnchorScan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentence, entry id, row of ``found``) of every entry whose anchor ``found`` holds
        in a possible context and whose other word stems of 3+ letters all occur in that
        sentence — in bulk, a superset of the candidates :meth:`_candidates` gives sentence
        by sentence."""
        start = self._group_ptr[found.group]
        count = self._group_ptr[found.group + 1] - start
        rows = np.repeat(np.arange(len(count)), count)
        sentence = found.sentence[rows]
        entry = self._group_entries[np.repeat(start, count) + _ranks(count)]
        start = self._other_ptr[entry]
        count = self._other_ptr[entry + 1] - start
        if count.any():
            pairs = np.repeat(np.arange(len(entry)), count)
            key = (
                sentence[pairs] * self.n_anchors
                + self._other_anchor[np.repeat(start, count) + _ranks(count)]
            )
            at = np.minimum(np.searchsorted(found.present, key), max(len(found.present) - 1, 0))
            missing = pairs[found.present[at] != key] if len(found.present) else pairs
            ok = np.ones(len(entry), dtype=bool)
            ok[missing] = False
            sentence, entry, rows = sentence[ok], entry[ok], rows[ok]
        return sentence, entry, rows

    def _candidates(
        self, found: dict[tuple[int, ...], list[int]] | None, norm: str, always: Iterable[int]
    ) -> list[tuple[int, list[int]]]:
        """(entry id, its anchor's starts) for the ids in ``found`` whose other word stems
        occur in ``norm``, plus ``always`` (no anchor), by entry id."""
        others = self.other_anchors
        out: list[tuple[int, list[int]]] = [(i, []) for i in always]
        if found:
            for ids, starts in found.items():
                for i in ids:
                    for a in others[i]:
                        if a not in norm:
                            break
                    else:
                        out.append((i, starts))
            if len(out) > 1:
                out.sort()
        return out

    def _search_start(self, i: int, norm: str) -> int:
        """Where a search for entry ``i``'s leftmost match in ``norm`` may start when its
        anchor is not its first word's stem: just before that stem's first occurrence
        (0 when the stem is unknown; -1 when it does not occur, so nothing can match)."""
        first = self.first_stem[i]
        if first is None:
            return 0
        at = norm.find(first[0])
        if at < 0:
            return -1
        return at - first[1] if at > first[1] else 0

    def claim_candidates(self, norm: str) -> list[tuple[int, list[int]]]:
        """Claim entries to confirm on the sentence ``norm`` (see :meth:`_candidates`): anchor
        in a possible context, every other word stem present; plus the anchorless ones."""
        found = self.scan(norm, [0], [len(norm)]).claims(0)
        return self._candidates(found, norm, self.always_claims)

    def cue_candidates(self, norm: str) -> list[tuple[int, list[int]]]:
        """Cue entries (actors, media, hedges, …) to confirm on the sentence ``norm``."""
        found = self.scan(norm, [0], [len(norm)]).cues(0)
        return self._candidates(found, norm, self.always_cues)

    def confirm_claims(
        self, norm: str, cands: list[tuple[int, list[int]]]
    ) -> tuple[list[Hit], list[Hit]]:
        """Confirm the claim-side candidates in ``norm``: (claim hits, lexicon hits).

        A claim pattern gives its first match only (the only one the first-then-longest cue
        rule can pick: later matches of a pattern start later); a lexicon word gives every
        non-empty match (a composition may need a later one), searched from just before its
        anchor's hits when the anchor is its first word's stem (as :meth:`confirm` does). A
        whole-word entry's matches come with its candidates (no regex runs)."""
        info, back, whole_word = self.info, self.back, self.whole_word
        out: list[Hit] = []
        lexicon: list[Hit] = []
        for i, starts in cands:
            kind, owner, rank, words, pattern = info[i]
            if whole_word[i]:  # starts holds the matches: start, end, start, end, …
                if kind == "lexicon":
                    source = self.sources[i]
                    it = iter(starts)
                    lexicon.extend(Hit(a, b, owner, rank, words, source) for a, b in zip(it, it))
                else:
                    out.append(Hit(starts[0], starts[1], owner, rank, words, self.sources[i]))
                continue
            b = back[i]
            if kind == "lexicon":
                source = self.sources[i]
                if b < 0:
                    pos = self._search_start(i, norm)
                    if pos >= 0:
                        lexicon.extend(
                            Hit(start, end, owner, rank, words, source)
                            for start, end in pattern.spans(norm, pos)
                            if end > start
                        )
                    continue
                lexicon.extend(
                    Hit(start, end, owner, rank, words, source)
                    for start, end in _spans_from_anchors(pattern, norm, starts, b)
                )
                continue
            pos = starts[0] - b if b >= 0 else self._search_start(i, norm)
            if pos < 0:
                if b < 0:  # the first word's stem does not occur
                    continue
                pos = 0
            span = pattern.search_span(norm, pos)
            if span is None:
                continue
            start, end = span
            if end == start:  # an empty match: the first non-empty one, as finditer gives
                span = next(((a, z) for a, z in pattern.spans(norm) if z > a), None)
                if span is None:
                    continue
                start, end = span
            out.append(Hit(start, end, owner, rank, words, self.sources[i]))
        return out, lexicon

    def confirm(self, norm: str, cands: list[tuple[int, list[int]]]) -> dict[str, list[Hit]]:
        """Every distinct non-empty match of the candidate patterns (in order), by kind —
        what ``finditer`` gives; a pattern anchored on its first word is searched only from
        just before each anchor hit not yet inside a match; a whole-word entry's matches come
        with its candidates."""
        found: dict[str, list[Hit]] = {}
        seen: set[tuple[str, str, int, int]] = set()
        info, back, whole_word = self.info, self.back, self.whole_word
        spans: Iterable[tuple[int, int]]
        for i, starts in cands:
            kind, owner, rank, words, pattern = info[i]
            b = back[i]
            if whole_word[i]:  # starts holds the matches: start, end, start, end, …
                it = iter(starts)
                spans = zip(it, it)
            elif b < 0:
                pos = self._search_start(i, norm)
                spans = list(pattern.spans(norm, pos)) if pos >= 0 else []
            else:
                spans = _spans_from_anchors(pattern, norm, starts, b)
            lst = None
            for start, end in spans:
                if end > start:
                    key = (kind, owner, start, end)
                    if key not in seen:
                        seen.add(key)
                        if lst is None:
                            lst = found.get(kind)
                            if lst is None:
                                lst = found[kind] = []
                        lst.append(Hit(start, end, owner, rank, words))
        return found


class NormLookup:
    """Per-character lookup table equal to :func:`helpers.text.clean.normalize_for_match` (a 1:1
    code-point map by contract), built by normalising every BMP character once; turns a
    document's normalisation into one numpy gather. Texts it cannot handle (astral or lone
    surrogate characters) go through ``normalize_for_match`` itself."""

    def __init__(self, lang: str) -> None:
        from helpers.text.clean import normalize_for_match  # lazy: sibling module

        self.lang = lang
        self.normalize = normalize_for_match
        chars = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
        norm = normalize_for_match(chars, lang)
        self.table = None
        # a per-character map gives the same characters whatever their neighbours
        if len(norm) == len(chars) and normalize_for_match(chars[::-1], lang) == norm[::-1]:
            table = np.arange(0x10000, dtype=np.uint32)
            src = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32)
            dst = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            table[src] = dst
            if not ((dst >= 0xD800) & (dst < 0xE000)).any():
                self.table = table

    def __call__(self, text: str) -> str:
        table = self.table
        if table is not None:
            try:
                codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            except UnicodeEncodeError:  # lone surrogates
                return self.normalize(text, self.lang)
            if codes.size and int(codes.max()) >= 0x10000:
                return self.normalize(text, self.lang)
            return table[codes].tobytes().decode("utf-32-le")
        return self.normalize(text, self.lang)

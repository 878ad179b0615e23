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
from regex import Pattern as RegexPattern

from helpers.claims.patterns import CompiledPattern

__all__ = [
    "CLAIM_SIDE_KINDS",
    "IndexEntry",
    "Hit",
    "Candidates",
    "AnchorScan",
    "LangIndex",
    "NormLookup",
]

#: Entry kinds on the claim side (a sentence goes further only if one occurs; the others are
#: cues: actors, media, …).
CLAIM_SIDE_KINDS = frozenset({"claim", "lexicon"})
#: (entry id, the starts of its anchor in the text) — what the automaton proposes.
Candidates = list[tuple[int, list[int]]]


def _spans_from_anchors(
    rx: RegexPattern[str], norm: str, starts: list[int], back: int
) -> list[tuple[int, int]]:
    """The spans ``rx.finditer(norm)`` gives, for a pattern that can only start ``back``
    characters before one of its anchor's hits ``starts`` (ascending): searched from just
    before each hit not yet inside a match — each match is the leftmost one from the previous
    match's end, as with ``finditer``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    find = rx.search
    for a in starts:
        if a < pos:
            continue
        m = find(norm, a - back if a - back > pos else pos)
        if m is None:
            break
        spans.append(m.span())
        pos = m.end()
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


class AnchorScan:
    """The anchors in a possible context that :meth:`LangIndex.scan` found in a batch of
    sentences: one row per (hit, group of entries keyed on its anchor), in sentence order,
    starts relative to the sentence start. ``sentence`` and ``group`` (numpy) serve bulk
    checks; :meth:`claims` and :meth:`cues` build one sentence's candidates on demand."""

    __slots__ = ("sentence", "group", "present", "_group_ids", "_sides")

    def __init__(
        self,
        n_sentences: int,
        sentence: np.ndarray,
        group: np.ndarray,
        start: np.ndarray,
        claim_side: np.ndarray,
        group_ids: list[tuple[int, ...]],
        present: np.ndarray,
    ) -> None:
        #: the sentence number and the group of every row
        self.sentence = sentence
        self.group = group
        #: every anchor hit (any context) inside a sentence: ``sentence * n_anchors + anchor``,
        #: sorted
        self.present = present
        self._group_ids = group_ids
        #: claim side, cue side: (row bounds per sentence — rows of sentence k are
        #: ``bounds[k]:bounds[k + 1]`` —, group of each row, start of each row)
        self._sides: list[tuple[list[int], list[int], list[int]]] = []
        everyone = np.arange(n_sentences + 1)
        for side in (claim_side, ~claim_side):
            self._sides.append(
                (
                    np.searchsorted(sentence[side], everyone).tolist(),
                    group[side].tolist(),
                    start[side].tolist(),
                )
            )

    @classmethod
    def empty(cls, n_sentences: int) -> AnchorScan:
        """A scan that found nothing."""
        none = np.zeros(0, dtype=np.int64)
        return cls(n_sentences, none, none, none, np.zeros(0, dtype=bool), [], none)

    def claims(self, k: int) -> dict[tuple[int, ...], list[int]] | None:
        """{claim-side entry ids keyed on one anchor: every start of the anchor, ascending} in
        sentence ``k`` (``None``: no claim-side anchor there)."""
        return self._anchor_starts(0, k, every=True)

    def cues(self, k: int) -> dict[tuple[int, ...], list[int]] | None:
        """{cue entry ids keyed on one anchor: every start of the anchor, ascending} in
        sentence ``k`` (``None``: no cue anchor there)."""
        return self._anchor_starts(1, k, every=True)

    def _anchor_starts(
        self, side: int, k: int, *, every: bool
    ) -> dict[tuple[int, ...], list[int]] | None:
        """{entry ids keyed on one anchor: its starts} of one side (0 claims, 1 cues) in
        sentence ``k``: the first start only, or ``every`` start in order."""
        bounds, groups, starts = self._sides[side]
        a, b = bounds[k], bounds[k + 1]
        if a == b:
            return None
        ids_of = self._group_ids
        found: dict[tuple[int, ...], list[int]] = {}
        for r in range(a, b):
            ids = ids_of[groups[r]]
            have = found.get(ids)
            if have is None:
                found[ids] = [starts[r]]
            elif every:
                have.append(starts[r])
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
                if ctx is not None and anchor == e.pattern.first_anchor:
                    # every match starts at most (proclitic letters + hyphen) before the
                    # stem of its first word, which is a hit of this anchor
                    self.back[i] = ctx[0] + 1
                elif e.pattern.first_anchor is not None:
                    first = e.pattern.first_anchor
                    first_ctx = e.pattern.anchor_contexts[e.pattern.anchors.index(first)]
                    if first_ctx is not None:
                        self.first_stem[i] = (first, first_ctx[0] + 1)
                key = (*(ctx if ctx is not None else (-1, frozenset(), True)),)
                by_anchor.setdefault(anchor, {}).setdefault(key, []).append(i)
        # One automaton over every anchor (payload: the anchor's number). Each anchor has one
        # or more groups — the entries sharing its context (max_left, left_chars,
        # open_right), claim side and cue side apart — as parallel arrays for :meth:`scan`.
        self.automaton = ahocorasick.Automaton()
        left_sets: dict[frozenset[str], int] = {}
        first_group: list[int] = []
        n_groups: list[int] = []
        anchor_back: list[int] = []
        g_max_left: list[int] = []
        g_left_bit: list[int] = []
        g_open_right: list[bool] = []
        g_claim: list[bool] = []
        #: group → the entry ids it proposes
        self.group_ids: list[tuple[int, ...]] = []
        for anchor, groups in by_anchor.items():
            self.automaton.add_word(anchor, len(first_group))
            first_group.append(len(self.group_ids))
            anchor_back.append(len(anchor) - 1)
            for (max_left, left_chars, open_right), ids in groups.items():
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
                    self.group_ids.append(sel)
            n_groups.append(len(self.group_ids) - first_group[-1])
        if len(left_sets) > 32:
            raise ValueError("more than 32 distinct proclitic sets")  # never: a few per language
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
        self._max_left = max(g_max_left, default=-1)
        #: per BMP character: bit k set when it is in proclitic set k
        self._left_bits = np.zeros(0x10000, dtype=np.uint32)
        for chars, bit in left_sets.items():
            for ch in chars:
                if ord(ch) < 0x10000:
                    self._left_bits[ord(ch)] |= 1 << bit

    def scan(self, norm: str, lo: Sequence[int], hi: Sequence[int]) -> AnchorScan:
        """Run the automaton ONCE over ``norm`` (many documents joined, or one sentence with
        ``lo=[0], hi=[len(norm)]``) and sort its hits into the sentences ``[lo[k], hi[k])``
        (sorted, non-overlapping). A hit counts only inside its sentence and in a possible
        context (see :class:`CompiledPattern`): unless its word may continue, no letter after
        it; before it, back to the word start, at most ``max_left`` letters, all proclitics
        (raw regexes: no constraint). The checks are vectorised over all hits (numpy), so a
        sentence costs the same whether it was scanned alone or in a batch.
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
        where = np.flatnonzero(keep)
        return AnchorScan(
            n_sent,
            sent[where],
            group[where],
            (start - s_lo)[where],
            self._g_claim[group[where]],
            self.group_ids,
            present,
        )

    def entry_rows(self, found: AnchorScan) -> tuple[np.ndarray, np.ndarray]:
        """(sentence, entry id) of every entry whose anchor ``found`` holds in a possible
        context and whose other word stems of 3+ letters all occur in that sentence — in
        bulk, a superset of the candidates :meth:`_candidates` gives sentence by sentence."""
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
            sentence, entry = sentence[ok], entry[ok]
        return sentence, entry

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
        anchor's hits when the anchor is its first word's stem (as :meth:`confirm` does)."""
        info, back = self.info, self.back
        out: list[Hit] = []
        lexicon: list[Hit] = []
        for i, starts in cands:
            kind, owner, rank, words, pattern = info[i]
            rx = pattern.regex
            b = back[i]
            if kind == "lexicon":
                source = self.sources[i]
                if b < 0:
                    pos = self._search_start(i, norm)
                    if pos >= 0:
                        lexicon.extend(
                            Hit(m.start(), m.end(), owner, rank, words, source)
                            for m in rx.finditer(norm, pos)
                            if m.end() > m.start()
                        )
                    continue
                lexicon.extend(
                    Hit(start, end, owner, rank, words, source)
                    for start, end in _spans_from_anchors(rx, norm, starts, b)
                )
                continue
            pos = starts[0] - b if b >= 0 else self._search_start(i, norm)
            if pos < 0:
                if b < 0:  # the first word's stem does not occur
                    continue
                pos = 0
            m = rx.search(norm, pos)
            if m is None:
                continue
            start, end = m.span()
            if end == start:  # an empty match: the first non-empty one, as finditer gives
                m = next((m for m in rx.finditer(norm) if m.end() > m.start()), None)
                if m is None:
                    continue
                start, end = m.span()
            out.append(Hit(start, end, owner, rank, words, self.sources[i]))
        return out, lexicon

    def confirm(self, norm: str, cands: list[tuple[int, list[int]]]) -> dict[str, list[Hit]]:
        """Every distinct non-empty match of the candidate patterns (in order), by kind —
        what ``finditer`` gives; a pattern anchored on its first word is searched only from
        just before each anchor hit not yet inside a match."""
        found: dict[str, list[Hit]] = {}
        seen: set[tuple[str, str, int, int]] = set()
        info, back = self.info, self.back
        for i, starts in cands:
            kind, owner, rank, words, pattern = info[i]
            b = back[i]
            if b < 0:
                pos = self._search_start(i, norm)
                spans = [m.span() for m in pattern.regex.finditer(norm, pos)] if pos >= 0 else []
            else:
                spans = _spans_from_anchors(pattern.regex, norm, starts, b)
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

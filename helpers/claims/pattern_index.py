"""The tagger's candidate index: per language, the compiled codebook entries and two
Aho–Corasick automata over one literal anchor per pattern (rule 1 of
:mod:`helpers.claims.annotate`), the confirmation of candidates with their regexes, and the
per-character normalisation table used on whole documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick
import numpy as np

from helpers.claims.patterns import CompiledPattern

__all__ = [
    "CLAIM_SIDE_KINDS",
    "IndexEntry",
    "Hit",
    "Candidates",
    "in_context",
    "LangIndex",
    "NormLookup",
]

#: Entry kinds searched by the claim automaton (the others are cues: actors, media, …).
CLAIM_SIDE_KINDS = frozenset({"claim", "lexicon"})
#: (entry id, the starts of its anchor in the text) — what the automaton proposes.
Candidates = list[tuple[int, list[int]]]


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


def in_context(
    norm: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    max_left: int,
    left_chars: str | frozenset[str],
    open_right: bool,
) -> bool:
    """True when the anchor ``norm[start:end + 1]`` (inside the sentence ``[lo, hi)``) stands
    in a possible context: unless ``open_right``, no letter follows it; and the letters before
    it, back to the word start, are at most ``max_left`` proclitics from ``left_chars``."""
    if not open_right and end + 1 < hi and norm[end + 1].isalnum():
        return False
    j = start
    while j > lo and norm[j - 1].isalnum():
        j -= 1
        if start - j > max_left or norm[j] not in left_chars:
            return False
    return True


class LangIndex:
    """Compiled entries and the automata of one language."""

    def __init__(self, entries: list[IndexEntry], ranks: list[int]) -> None:
        self.entries = entries
        self.ranks = ranks
        #: claim patterns and lexicon words (compositional rules) feed the claim automaton:
        #: a sentence goes further only if one of them occurs
        self.claim_ids = [i for i, e in enumerate(entries) if e.kind in CLAIM_SIDE_KINDS]
        self.cue_ids = [i for i, e in enumerate(entries) if e.kind not in CLAIM_SIDE_KINDS]
        self.always_claims = [i for i in self.claim_ids if not entries[i].pattern.anchors]
        self.always_cues = [i for i in self.cue_ids if not entries[i].pattern.anchors]
        #: per entry: (kind, owner, rank, own words, bound finditer / search of its regex)
        self.info = [
            (e.kind, e.owner, ranks[i], e.pattern.anchors, e.pattern.regex.finditer)
            for i, e in enumerate(entries)
        ]
        self.search = [e.pattern.regex.search for e in entries]
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
                key = (len(anchor), *(ctx if ctx is not None else (-1, frozenset(), True)))
                by_anchor.setdefault(anchor, {}).setdefault(key, []).append(i)
        # Two automata: claim anchors (run over whole documents) and cue anchors (run over
        # the few sentences whose claims are confirmed). Value of an anchor: its start offset
        # from the hit's end and its context groups (max_left, left_chars, open_right, ids).
        self.claim_automaton = ahocorasick.Automaton()
        self.cue_automaton = ahocorasick.Automaton()
        self.has_claim_anchors = self.has_cue_anchors = False
        #: claim automaton payload i → (anchor length - 1, context groups)
        self.claim_values: list[tuple[int, tuple[Any, ...]]] = []
        for anchor, groups in by_anchor.items():
            for automaton, want_claim in (
                (self.claim_automaton, True),
                (self.cue_automaton, False),
            ):
                value = tuple(
                    (key[1], key[2], key[3], tuple(sorted(sel)))
                    for key, ids in groups.items()
                    for sel in [
                        [i for i in ids if (entries[i].kind in CLAIM_SIDE_KINDS) == want_claim]
                    ]
                    if sel
                )
                if not value:
                    continue
                if want_claim:  # integer payload: the hot document-level loop hashes ints
                    automaton.add_word(anchor, len(self.claim_values))
                    self.claim_values.append((len(anchor) - 1, value))
                    self.has_claim_anchors = True
                else:
                    automaton.add_word(anchor, (len(anchor) - 1, value))
                    self.has_cue_anchors = True
        if self.has_claim_anchors:
            self.claim_automaton.make_automaton()
        if self.has_cue_anchors:
            self.cue_automaton.make_automaton()

    def scan_claims(
        self,
        norm: str,
        spans: list[tuple[int, int]],
    ) -> dict[int, dict[tuple[int, ...], list[int]]]:
        """:meth:`scan` with the claim automaton, keeping only the first anchor start in a
        possible context per sentence and group (all :meth:`confirm_claims` needs): once
        every group of an anchor is found in a sentence, its further hits there cost one
        set lookup."""
        out: dict[int, dict[tuple[int, ...], list[int]]] = {}
        n_spans = len(spans)
        if not n_spans or not self.has_claim_anchors:
            return out
        values = self.claim_values
        p = 0
        lo, hi = spans[0]
        here: dict[tuple[int, ...], list[int]] | None = None
        done: set[int] = set()
        for end, gid in self.claim_automaton.iter(norm):
            if end >= hi:  # hits come in order of their end: move to the sentence holding it
                while p < n_spans and spans[p][1] <= end:
                    p += 1
                if p == n_spans:
                    break
                lo, hi = spans[p]
                here = None
                done = set()
            if gid in done:
                continue
            back, groups = values[gid]
            start = end - back
            if start < lo:  # anchor not inside the sentence
                continue
            complete = True
            for max_left, left_chars, open_right, ids in groups:
                if here is not None and ids in here:
                    continue
                if max_left >= 0 and not in_context(
                    norm, start, end, lo, hi, max_left, left_chars, open_right
                ):
                    complete = False
                    continue
                if here is None:
                    here = out[p] = {}
                here[ids] = [start]
            if complete:
                done.add(gid)
        return out

    def scan(
        self, automaton: ahocorasick.Automaton, norm: str, spans: list[tuple[int, int]]
    ) -> dict[int, dict[tuple[int, ...], list[int]]]:
        """Run ``automaton`` ONCE over ``norm`` (a document, or one sentence with
        ``spans=[(0, len(norm))]``) and sort its hits into the sentences ``spans`` (sorted,
        non-overlapping ``[start, end)``). Returns, for every sentence index with an anchor in a
        possible context (see :class:`CompiledPattern`), {entry ids keyed on the anchor: the
        anchor's start offsets in ``norm``, ascending}. Anchors are checked against their
        sentence's bounds only, so the result equals a per-sentence run.
        """
        out: dict[int, dict[tuple[int, ...], list[int]]] = {}
        n_spans = len(spans)
        if not n_spans:
            return out
        p = 0
        lo, hi = spans[0]
        here: dict[tuple[int, ...], list[int]] | None = None
        for end, (back, groups) in automaton.iter(norm):
            if end >= hi:  # hits come in order of their end: move to the sentence holding it
                while p < n_spans and spans[p][1] <= end:
                    p += 1
                if p == n_spans:
                    break
                lo, hi = spans[p]
                here = None
            start = end - back
            if start < lo:  # anchor not inside the sentence
                continue
            for max_left, left_chars, open_right, ids in groups:
                if max_left >= 0 and not in_context(
                    norm, start, end, lo, hi, max_left, left_chars, open_right
                ):
                    continue
                if here is None:
                    here = out.get(p)
                    if here is None:
                        here = out[p] = {}
                starts = here.get(ids)
                if starts is None:
                    here[ids] = [start]
                elif starts[-1] != start:
                    starts.append(start)
        return out

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

    def claim_candidates(self, norm: str) -> list[tuple[int, list[int]]]:
        """Claim entries to confirm on the sentence ``norm`` (see :meth:`_candidates`): anchor
        in a possible context, every other word stem present; plus the anchorless ones."""
        found = self.scan_claims(norm, [(0, len(norm))]).get(0)
        return self._candidates(found, norm, self.always_claims)

    def cue_candidates(self, norm: str) -> list[tuple[int, list[int]]]:
        """Cue entries (actors, media, hedges, …) to confirm on the sentence ``norm``."""
        found = (
            self.scan(self.cue_automaton, norm, [(0, len(norm))]).get(0)
            if self.has_cue_anchors
            else None
        )
        return self._candidates(found, norm, self.always_cues)

    def confirm_claims(
        self, norm: str, cands: list[tuple[int, list[int]]], shift: int = 0
    ) -> tuple[list[Hit], list[Hit]]:
        """Confirm the claim-side candidates in ``norm``: (claim hits, lexicon hits).

        A claim pattern gives its first match only (the only one the first-then-longest cue
        rule can pick: later matches of a pattern start later); a lexicon word gives every
        non-empty match (a composition may need a later one). ``shift`` is subtracted from
        the anchor starts (document → sentence offsets)."""
        info, back, search = self.info, self.back, self.search
        out: list[Hit] = []
        lexicon: list[Hit] = []
        for i, starts in cands:
            kind, owner, rank, words, finditer = info[i]
            if kind == "lexicon":
                lexicon.extend(
                    Hit(m.start(), m.end(), owner, rank, words, self.sources[i])
                    for m in finditer(norm)
                    if m.end() > m.start()
                )
                continue
            b = back[i]
            pos = starts[0] - shift - b if b >= 0 else 0
            m = search[i](norm, pos if pos > 0 else 0)
            if m is None:
                continue
            start, end = m.span()
            if end == start:  # an empty match: the first non-empty one, as finditer gives
                m = next((m for m in finditer(norm) if m.end() > m.start()), None)
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
            kind, owner, rank, words, finditer = info[i]
            b = back[i]
            if b < 0:
                spans = [m.span() for m in finditer(norm)]
            else:  # finditer: each match is the leftmost one from the previous match's end
                spans = []
                pos = 0
                find = self.search[i]
                for a in starts:
                    if a < pos:
                        continue
                    m = find(norm, a - b if a - b > pos else pos)
                    if m is None:
                        break
                    spans.append(m.span())
                    pos = m.end()
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

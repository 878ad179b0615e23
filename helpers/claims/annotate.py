"""Rule-based claim tagger: codebook patterns → the ``mentions`` table.

How a sentence is tagged (every rule is local to the sentence unless said otherwise)
--------------------------------------------------------------------------------------
Matching runs on the sentence's ``norm`` form (:func:`helpers.text.clean.normalize_for_match`,
length-preserving), so match offsets are offsets into ``documents.text``.

1. **Candidates.** Two Aho–Corasick automata per language hold one literal anchor of every
   compiled pattern — one for the claim patterns, one for the cue patterns (actors, media,
   hedges, negators, speech verbs, attribution cues; see :mod:`helpers.claims.codebook`) — per
   pattern the word stem fewest patterns share, 3+ letters preferred. :func:`annotate`
   normalises each document once (a per-character table equal to ``normalize_for_match``),
   runs the claim automaton once over it and sorts the hits into sentences
   (:meth:`Tagger.tag_sentence` runs it over one sentence; an anchor is only considered inside
   its sentence's bounds, so both agree). A pattern is confirmed with its regex only if its
   anchor occurs in a possible context (at most the allowed proclitic letters before it, no
   letter after it unless the word ends in ``*``) and all its other word stems occur in the
   sentence; patterns without an anchor (raw regexes with no literal) are always confirmed.
   When the anchor is the stem of the pattern's first word (``CompiledPattern.first_anchor``),
   the regex is searched only from
   just before the anchor's hits (a match cannot start anywhere else), which gives exactly
   the matches ``finditer`` would. Claim patterns are confirmed first: if none matches, the
   sentence yields nothing and the cue patterns are not examined (their candidates come from
   the cue automaton run over just that sentence, at most once per sentence).
2. **One mention per claim per sentence.** Of all matches of a claim's patterns, the first
   (then the longest) is the cue; ``start``/``end`` = sentence start + match offsets.
3. **requires.** Every inner list of the claim's ``requires`` needs at least one of its actors
   matched somewhere in the same sentence; otherwise the claim is dropped.
4. **negated** — a negator match ends before the cue with at most
   :data:`NEGATION_WINDOW_WORDS` words between them (``לא שותפה אמינה``, ``ليس شريكا``), or
   lies inside the cue without being one of the pattern's own words (a pattern that spells
   out its negator — ``אינו כולל סעיף הגנה`` for "no defence clause" — asserts its claim).
5. **hedged** — any hedge pattern occurs in the sentence; ``hedge_cue`` is the first one.
6. **speaker.** "Voices" are the actors and media matched in the sentence; an actor matched
   inside a medium's name (``האמריקנית`` in ``התקשורת האמריקנית``) belongs to the medium.
   Attribution constructs:

   * a *speech verb* (matched only with finite-verb proclitics, so ``המסר`` is not ``מסר``)
     with a named subject: a voice within :data:`SUBJECT_WINDOW_AFTER` words after the verb
     (``אמר דובר הקרמלין דמיטרי פסקוב``, ``وقال المتحدث باسم الكرملين ديمتري بيسكوف``) — the
     window stops at a complementiser (כי, أن/إن) or a quote mark / colon — or within
     :data:`SUBJECT_WINDOW_BEFORE` words before it (``פוטין אמר``, ``"פוליטיקו" דיווח``) with
     no punctuation but quote marks between, or inside a gapped verb pattern (``عبر ~2 عن``:
     ``عبّر الكرملين مرارًا عن``). Several voices: person > institution > group >
     medium > state, then the nearest to the verb. A verb with no subject in either window
     (``... ואמר כי``, ``لكن موسكو حرصت على ... حيث أكدت``) takes the best-ranked, then
     earliest, voice before it in the sentence (the sentence subject, which the verb
     continues). A verb with no voice before it at all (``הוא הוסיף כי``, ``وأكد أن``) is
     "unresolved";
   * *according to X*: an attribution cue (לפי, על פי, بحسب, نقلا عن …) followed within
     :data:`ATTRIBUTION_WINDOW` words by a voice, no punctuation between (``לפי דיווח בארה״ב,
     הקרמלין …`` does not make the Kremlin the source);
   * *headline colon*: a voice at most :data:`COLON_WINDOW` words before a colon that opens a
     quotation (``פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"``).

   The construct nearest to the cue (character distance, 0 when overlapping) gives the
   speaker: an actor id, or ``MEDIA:<id>`` for a medium. An unresolved verb takes the speaker
   of the previous sentence of the same document (its last resolved construct, if it has a
   speech verb); if there is none the next-nearest construct is tried. With no construct, a
   cue inside quotation marks also takes the previous sentence's speaker; failing that, a
   medium named in the sentence (a relayed report) gives ``MEDIA:<id>``; otherwise
   ``"OUTLET"`` (the outlet's own voice).

:func:`annotate_naive` applies the same rules but confirms every compiled pattern on every
sentence (no automaton): it is the reference the benchmark and the tests compare against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick
import numpy as np
import pandas as pd
import regex

from helpers.claims.codebook import Codebook, CompiledPattern, compile_pattern

__all__ = [
    "MENTION_COLUMNS",
    "NEGATION_WINDOW_WORDS",
    "SUBJECT_WINDOW_AFTER",
    "SUBJECT_WINDOW_BEFORE",
    "ATTRIBUTION_WINDOW",
    "COLON_WINDOW",
    "Tagger",
    "annotate",
    "annotate_naive",
]

#: Columns of the ``mentions`` table, in order.
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "sent_idx",
    "claim_id",
    "start",
    "end",
    "cue",
    "negated",
    "hedged",
    "hedge_cue",
    "speaker",
    "method",
    "codebook_version",
)
#: Max words between a negator and the claim cue after it.
NEGATION_WINDOW_WORDS = 3
#: Max words between a speech verb and its subject after it / before it.
SUBJECT_WINDOW_AFTER = 5
SUBJECT_WINDOW_BEFORE = 3
#: Max words between an "according to" cue and the actor / medium after it.
ATTRIBUTION_WINDOW = 3
#: Max words between an actor and a colon that opens a quotation (``פוטין למנהיגי איראן: "…"``).
COLON_WINDOW = 2
OUTLET = "OUTLET"

_KIND_RANK = {"person": 0, "institution": 1, "group": 2, "media": 3, "state": 4}
_CUE_KINDS = ("actor", "media", "hedge", "negator", "speech", "attribution")
_COMPLEMENTISERS = frozenset({"כי", "ان", "بان", "انه", "انها", "that"})
_AFTER_STOP_RE = regex.compile(r"[\"“”«»:;؛]")
_BEFORE_STOP_RE = regex.compile(r"[:;؛,،.!?؟]")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_COLON_RE = regex.compile(r":(?=\s*[\"“«„])")
_QUOTE_MARK_RE = regex.compile(r"(?<![\p{L}\p{M}])[\"“”«»„]|[\"“”«»„](?![\p{L}\p{M}])")


@dataclass(frozen=True)
class _Entry:
    kind: str  # claim | actor | media | hedge | negator | speech | attribution
    owner: str  # claim / actor / media id ('' for cue lists)
    pattern: CompiledPattern


class _Hit(NamedTuple):
    start: int
    end: int
    owner: str
    rank: int  # speaker rank for actors/media
    words: tuple[str, ...] = ()  # the pattern's anchors (its own words)


def _in_context(
    norm: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    max_left: int,
    left_chars: str | frozenset,
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


class _LangIndex:
    """Compiled entries and the automata of one language."""

    def __init__(self, entries: list[_Entry], ranks: list[int]) -> None:
        self.entries = entries
        self.ranks = ranks
        self.claim_ids = [i for i, e in enumerate(entries) if e.kind == "claim"]
        self.cue_ids = [i for i, e in enumerate(entries) if e.kind != "claim"]
        self.always_claims = [i for i in self.claim_ids if not entries[i].pattern.anchors]
        self.always_cues = [i for i in self.cue_ids if not entries[i].pattern.anchors]
        #: per entry: (kind, owner, rank, own words, bound finditer / search of its regex)
        self.info = [
            (e.kind, e.owner, ranks[i], e.pattern.anchors, e.pattern.regex.finditer)
            for i, e in enumerate(entries)
        ]
        self.search = [e.pattern.regex.search for e in entries]
        # One anchor per pattern: the one the fewest patterns of this language share (a
        # claim "נטש* ~3 איראן" is keyed on נטש, not on the ubiquitous איראן); stems of 3+
        # letters first (a lone "ל" would hit every sentence), then the longest.
        share: dict[str, int] = {}
        for e in entries:
            for a in e.pattern.anchors:
                share[a] = share.get(a, 0) + 1
        by_anchor: dict[str, dict[tuple, list[int]]] = {}
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
        self.claim_values: list[tuple[int, tuple]] = []
        for anchor, groups in by_anchor.items():
            for automaton, want_claim in (
                (self.claim_automaton, True),
                (self.cue_automaton, False),
            ):
                value = tuple(
                    (key[1], key[2], key[3], tuple(sorted(sel)))
                    for key, ids in groups.items()
                    for sel in [[i for i in ids if (entries[i].kind == "claim") == want_claim]]
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
                if max_left >= 0 and not _in_context(
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
                if max_left >= 0 and not _in_context(
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
        out = [(i, []) for i in always]
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
    ) -> list[_Hit]:
        """The first match of each candidate claim pattern in ``norm`` (the only one the
        first-then-longest cue rule can pick: later matches of a pattern start later);
        ``shift`` is subtracted from the anchor starts (document → sentence offsets)."""
        info, back, search = self.info, self.back, self.search
        out: list[_Hit] = []
        for i, starts in cands:
            b = back[i]
            pos = starts[0] - shift - b if b >= 0 else 0
            m = search[i](norm, pos if pos > 0 else 0)
            if m is None:
                continue
            start, end = m.span()
            _kind, owner, rank, words, finditer = info[i]
            if end == start:  # an empty match: the first non-empty one, as finditer gives
                m = next((m for m in finditer(norm) if m.end() > m.start()), None)
                if m is None:
                    continue
                start, end = m.span()
            out.append(_Hit(start, end, owner, rank, words))
        return out

    def confirm(self, norm: str, cands: list[tuple[int, list[int]]]) -> dict[str, list[_Hit]]:
        """Every distinct non-empty match of the candidate patterns (in order), by kind —
        what ``finditer`` gives; a pattern anchored on its first word is searched only from
        just before each anchor hit not yet inside a match."""
        found: dict[str, list[_Hit]] = {}
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
                        lst.append(_Hit(start, end, owner, rank, words))
        return found


def _n_words(text: str, pos: int = 0, endpos: int | None = None) -> int:
    """Number of words in ``text[pos:endpos]``."""
    return len(_WORD_RE.findall(text, pos, len(text) if endpos is None else endpos))


class _Lookup:
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


class _Gaps:
    """What lies between two offsets of one sentence, without slicing it."""

    __slots__ = ("norm",)

    def __init__(self, norm: str) -> None:
        self.norm = norm

    def words(self, x: int, y: int) -> int:
        """Number of words in ``norm[x:y]``."""
        return len(_WORD_RE.findall(self.norm, x, y)) if x < y else 0

    def after_stop(self, x: int, y: int) -> bool:
        """Does ``norm[x:y]`` hold a quote mark, colon or semicolon?"""
        return x < y and _AFTER_STOP_RE.search(self.norm, x, y) is not None

    def before_stop(self, x: int, y: int) -> bool:
        """Does ``norm[x:y]`` hold a colon, semicolon, comma, full stop, ! or ?"""
        return x < y and _BEFORE_STOP_RE.search(self.norm, x, y) is not None


class Tagger:
    """Tag sentences with the claims of ``codebook`` (rules in the module docstring)."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.version = codebook.version
        self._actor_kind = {aid: a.kind for aid, a in codebook.actors.items()}
        self._requires = {c.id: c.requires for c in codebook.claims}
        self._index: dict[str, _LangIndex] = {}
        self._lookup: dict[str, _Lookup] = {}
        for lang in codebook.languages:
            entries: list[_Entry] = []

            def add(
                kind: str,
                owner: str,
                patterns: Iterable[str],
                lang: str = lang,
                entries: list[_Entry] = entries,
            ) -> None:
                for p in patterns:
                    compiled = compile_pattern(p, lang, verb=kind == "speech")
                    entries.append(_Entry(kind, owner, compiled))

            for claim in codebook.claims:
                add("claim", claim.id, claim.patterns.get(lang, ()))
            for aid, actor in codebook.actors.items():
                add("actor", aid, actor.patterns.get(lang, ()))
            for mid, medium in codebook.media.items():
                add("media", mid, medium.patterns.get(lang, ()))
            add("hedge", "", codebook.hedges.get(lang, ()))
            add("negator", "", codebook.negators.get(lang, ()))
            add("speech", "", codebook.speech_verbs.get(lang, ()))
            add("attribution", "", codebook.attribution.get(lang, ()))
            ranks = [
                _KIND_RANK["media"]
                if e.kind == "media"
                else _KIND_RANK.get(self._actor_kind.get(e.owner, ""), 9)
                for e in entries
            ]
            self._index[lang] = _LangIndex(entries, ranks)
            self._lookup[lang] = _Lookup(lang)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the codebook has patterns for."""
        return tuple(self._index)

    # ------------------------------------------------------------------ candidates

    def _confirm(self, norm: str, lang: str, ids: Iterable[int]) -> dict[str, list[_Hit]]:
        idx = self._index[lang]
        entries, ranks = idx.entries, idx.ranks
        found: dict[str, list[_Hit]] = {}
        seen: set[tuple[str, str, int, int]] = set()
        for i in ids:
            e = entries[i]
            rank, kind, owner, words = ranks[i], e.kind, e.owner, e.pattern.anchors
            for m in e.pattern.regex.finditer(norm):
                start, end = m.span()
                key = (kind, owner, start, end)
                if end > start and key not in seen:
                    seen.add(key)
                    found.setdefault(kind, []).append(_Hit(start, end, owner, rank, words))
        return found

    # ------------------------------------------------------------------ speakers

    @staticmethod
    def _speaker_label(hit: _Hit, kind: str) -> str:
        return f"MEDIA:{hit.owner}" if kind == "media" else hit.owner

    def _attributions(
        self,
        norm: str,
        hits: dict[str, list[_Hit]],
        gaps: _Gaps | None = None,
    ) -> list[tuple[int, int, str | None]]:
        """(start, end, speaker) of every speech-verb / according-to / colon construct;
        speaker ``None`` for a speech verb without a named subject."""
        media = hits.get("media", [])
        voices = [
            (h, "actor")
            for h in hits.get("actor", [])
            if not any(m.start <= h.start and h.end <= m.end for m in media)
        ] + [(h, "media") for h in media]
        out: list[tuple[int, int, str | None]] = []
        colons = list(_COLON_RE.finditer(norm)) if voices else []
        speech = hits.get("speech", [])
        attribution = hits.get("attribution", []) if voices else []
        if voices and (speech or attribution or colons) and gaps is None:
            gaps = _Gaps(norm)
        for v in speech:
            best: tuple | None = None
            for h, kind in voices:
                if v.start < h.start and h.end <= v.end:  # inside a gapped verb: عبر X عن
                    key = (h.rank, 0, h.start)
                    if best is None or key < best[0]:
                        best = (key, h, kind)
                elif h.start >= v.end:
                    n = gaps.words(v.end, h.start)
                    if (
                        n <= SUBJECT_WINDOW_AFTER
                        and not gaps.after_stop(v.end, h.start)
                        and not _COMPLEMENTISERS.intersection(
                            _WORD_RE.findall(norm, v.end, h.start)
                        )
                    ):
                        key = (h.rank, n, h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
                elif h.end <= v.start:
                    n = gaps.words(h.end, v.start)
                    if n <= SUBJECT_WINDOW_BEFORE and not gaps.before_stop(h.end, v.start):
                        key = (h.rank, n, -h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is None:
                for h, kind in voices:
                    if h.end <= v.start:
                        key = (h.rank, h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is not None:
                _, h, kind = best
                out.append((min(v.start, h.start), max(v.end, h.end), self._speaker_label(h, kind)))
            else:
                out.append((v.start, v.end, None))
        for a in attribution:
            best = None
            for h, kind in voices:
                if h.start >= a.end:
                    n = gaps.words(a.end, h.start)
                    if n <= ATTRIBUTION_WINDOW and not gaps.before_stop(a.end, h.start):
                        key = (n, h.rank, h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is not None:
                _, h, kind = best
                out.append((a.start, h.end, self._speaker_label(h, kind)))
        for colon in colons:
            best = None
            c_start = colon.start()
            for h, kind in voices:
                if h.end <= c_start:
                    n = gaps.words(h.end, c_start)
                    if n <= COLON_WINDOW and not gaps.before_stop(h.end, c_start):
                        key = (h.rank, n, -h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is not None:
                _, h, kind = best
                out.append((h.start, colon.end(), self._speaker_label(h, kind)))
        return out

    def _said(self, norm: str, hits: dict[str, list[_Hit]]) -> str | None:
        """Speaker of a sentence's last resolved construct, if it has a speech verb."""
        if not hits.get("speech"):
            return None
        said = [a for a in self._attributions(norm, hits) if a[2] is not None]
        return said[-1][2] if said else None

    def _previous_speaker(self, prev_norm: str, lang: str, naive: bool) -> str | None:
        idx = self._index[lang]
        if naive:
            return self._said(prev_norm, self._confirm(prev_norm, lang, idx.cue_ids))
        return self._said(prev_norm, idx.confirm(prev_norm, idx.cue_candidates(prev_norm)))

    # ------------------------------------------------------------------ tagging

    def tag_sentence(
        self,
        doc_id: str,
        sent_idx: int,
        text: str,
        norm: str,
        start: int,
        lang: str,
        *,
        prev_norm: str | None = None,
        naive: bool = False,
    ) -> list[dict]:
        """Mentions (dicts with :data:`MENTION_COLUMNS`) in one sentence.

        ``text``/``norm`` are the sentence's cleaned and normalised text (same length),
        ``start`` its offset in ``documents.text``; ``prev_norm`` the previous sentence's norm
        in the same document (for quotes attributed there). ``naive=True`` confirms every
        pattern instead of the automaton's candidates (reference implementation).
        """
        rows = self._tag_rows(doc_id, sent_idx, text, norm, start, lang, prev_norm, naive)
        return [dict(zip(MENTION_COLUMNS, row)) for row in rows]

    def _tag_rows(
        self,
        doc_id: str,
        sent_idx: int,
        text: str,
        norm: str,
        start: int,
        lang: str,
        prev_norm: str | None,
        naive: bool,
    ) -> list[tuple]:
        """:meth:`tag_sentence` as row tuples in :data:`MENTION_COLUMNS` order."""
        if lang not in self._index or len(text) != len(norm):
            if lang in self._index:
                raise ValueError(f"{doc_id}:{sent_idx}: text and norm differ in length")
            return []
        prev = None
        if prev_norm is not None:

            def prev() -> str | None:
                return self._previous_speaker(prev_norm, lang, naive)

        idx = self._index[lang]
        if naive:  # reference: every pattern on every sentence, no short cut
            hits = self._confirm(norm, lang, idx.cue_ids)
            claim_hits = self._confirm(norm, lang, idx.claim_ids).get("claim", [])
            if not claim_hits:
                return []
        else:
            claim_ids = idx.claim_candidates(norm)
            if not claim_ids:
                return []
            claim_hits = idx.confirm_claims(norm, claim_ids)
            if not claim_hits:
                return []
            hits = idx.confirm(norm, idx.cue_candidates(norm))
        return self._decide(doc_id, sent_idx, text, norm, start, claim_hits, hits, prev)

    def _decide(
        self,
        doc_id: str,
        sent_idx: int,
        text: str,
        norm: str,
        start: int,
        claim_hits: list[_Hit],
        hits: dict[str, list[_Hit]],
        prev: Callable[[], str | None] | None,
    ) -> list[tuple]:
        """Rules 2–6 of the module docstring on confirmed matches; ``prev`` gives the previous
        sentence's speaker (None: no previous sentence)."""
        first: dict[str, _Hit] = {}
        for h in claim_hits:
            cur = first.get(h.owner)
            if cur is None or (h.start, -h.end) < (cur.start, -cur.end):
                first[h.owner] = h
        requires = self._requires
        actors_here = {h.owner for h in hits.get("actor", ())}
        kept = [
            (cid, cue)
            for cid, cue in first.items()
            if all(not actors_here.isdisjoint(group) for group in requires[cid])
        ]
        if not kept:
            return []
        hedges = hits.get("hedge")
        if hedges:
            h0 = min(hedges, key=lambda h: (h.start, -h.end))
            hedge_cue = text[h0.start : h0.end]
        else:
            hedge_cue = None
        hedged = bool(hedges)
        negators = hits.get("negator", ())
        attributions: list[tuple[int, int, str | None]] | None = None
        version = self.version
        rows: list[tuple] = []
        for claim_id, cue in kept:
            c_start, c_end = cue.start, cue.end
            negated = False
            for n in negators:
                if n.start >= c_start and n.end <= c_end:
                    if set(n.words).isdisjoint(cue.words):
                        negated = True
                        break
                elif n.end <= c_start and _n_words(norm, n.end, c_start) <= NEGATION_WINDOW_WORDS:
                    negated = True
                    break
            if attributions is None:
                attributions = self._attributions(norm, hits)
            speaker = self._choose_speaker(norm, cue, attributions, hits, prev)
            rows.append(
                (
                    doc_id,
                    int(sent_idx),
                    claim_id,
                    start + c_start,
                    start + c_end,
                    text[c_start:c_end],
                    negated,
                    hedged,
                    hedge_cue,
                    speaker,
                    "rule",
                    version,
                )
            )
        rows.sort(key=lambda r: (r[3], r[2]))
        return rows

    def _choose_speaker(
        self,
        norm: str,
        cue: _Hit,
        attributions: list[tuple[int, int, str | None]],
        hits: dict[str, list[_Hit]],
        prev: Callable[[], str | None] | None,
    ) -> str:
        if attributions:

            def distance(a: tuple[int, int, str | None]) -> tuple[int, int]:
                s, e, _ = a
                d = (
                    0
                    if (s < cue.end and cue.start < e)
                    else (cue.start - e if e <= cue.start else s - cue.end)
                )
                return (d, s)

            for _s, _e, speaker in sorted(attributions, key=distance):
                if speaker is not None:
                    return speaker
                if prev is not None:  # "he added that ..." — the previous speaker
                    found = prev()
                    if found is not None:
                        return found
        if prev is not None and len(_QUOTE_MARK_RE.findall(norm, 0, cue.start)) % 2 == 1:
            found = prev()
            if found is not None:
                return found
        media = hits.get("media")
        if media:
            return f"MEDIA:{min(media, key=lambda h: (h.start, -h.end)).owner}"
        return OUTLET

    def _tag_document(
        self,
        doc_id: str,
        text: str,
        norm: str,
        lang: str,
        idxs: list[int],
        spans: list[tuple[int, int]],
    ) -> list[tuple]:
        """All mentions of one document (sentences ``spans``, sorted and non-overlapping):
        the claim automaton runs once over the document; only sentences with a claim anchor
        go further; cue matches are computed at most once per sentence."""
        idx = self._index[lang]
        found = idx.scan_claims(norm, spans)
        if not found:
            return []
        cue_hits: dict[int, dict[str, list[_Hit]]] = {}
        said: dict[int, str | None] = {}

        def hits_of(k: int, s_norm: str) -> dict[str, list[_Hit]]:
            hits = cue_hits.get(k)
            if hits is None:
                hits = cue_hits[k] = idx.confirm(s_norm, idx.cue_candidates(s_norm))
            return hits

        rows: list[tuple] = []
        for k in sorted(found):
            s, e = spans[k]
            s_norm = norm[s:e]
            cands = idx._candidates(found[k], s_norm, ())
            if not cands:
                continue
            claim_hits = idx.confirm_claims(s_norm, cands, s)
            if not claim_hits:
                continue
            prev = None
            if k > 0:

                def prev(k: int = k - 1) -> str | None:
                    if k not in said:
                        p_norm = norm[spans[k][0] : spans[k][1]]
                        said[k] = self._said(p_norm, hits_of(k, p_norm))
                    return said[k]

            rows.extend(
                self._decide(
                    doc_id, idxs[k], text[s:e], s_norm, s, claim_hits, hits_of(k, s_norm), prev
                )
            )
        return rows


_DTYPES = {
    "doc_id": "string[pyarrow]",
    "sent_idx": "int32",
    "claim_id": "string[pyarrow]",
    "start": "int64",
    "end": "int64",
    "cue": "string[pyarrow]",
    "negated": "bool",
    "hedged": "bool",
    "hedge_cue": "string[pyarrow]",
    "speaker": "string[pyarrow]",
    "method": "string[pyarrow]",
    "codebook_version": "int64",
}


def _to_frame(rows: list[tuple]) -> pd.DataFrame:
    """The mentions table from row tuples in :data:`MENTION_COLUMNS` order (built column by
    column)."""
    columns = list(zip(*rows)) if rows else [()] * len(MENTION_COLUMNS)
    return pd.DataFrame(
        {
            name: pd.Series(list(values), dtype=_DTYPES[name])
            for name, values in zip(MENTION_COLUMNS, columns)
        },
        columns=list(MENTION_COLUMNS),
    )


def _sentence_groups(sentences: pd.DataFrame) -> dict:
    """doc_id → (sent_idx list, [(start, end)] list), sentences in ``sent_idx`` order."""
    codes, uniques = pd.factorize(sentences["doc_id"], sort=False)
    sent_idx = sentences["sent_idx"].to_numpy()
    order = np.lexsort((sent_idx, codes))
    order = order[codes[order] >= 0]  # a missing doc_id (code -1) belongs to no document
    codes_sorted = codes[order]
    cuts = np.flatnonzero(np.diff(codes_sorted)) + 1
    idx_list = sent_idx[order].tolist()
    starts = sentences["start"].to_numpy()[order].tolist()
    ends = sentences["end"].to_numpy()[order].tolist()
    out = {}
    bounds = [0, *cuts.tolist(), len(order)]
    for g in range(len(bounds) - 1):
        a, b = bounds[g], bounds[g + 1]
        if a == b:
            continue
        out[uniques[codes_sorted[a]]] = (
            [int(i) for i in idx_list[a:b]],
            [(int(s), int(e)) for s, e in zip(starts[a:b], ends[a:b])],
        )
    return out


def _run(
    documents: pd.DataFrame, sentences: pd.DataFrame, tagger: Tagger, naive: bool
) -> pd.DataFrame:
    missing = {"doc_id", "lang", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents lacks column(s) {sorted(missing)}")
    missing = {"doc_id", "sent_idx", "start", "end"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences lacks column(s) {sorted(missing)}")
    by_doc = _sentence_groups(sentences)
    rows: list[tuple] = []
    for doc_id, lang, text in zip(
        documents["doc_id"].tolist(), documents["lang"].tolist(), documents["text"].tolist()
    ):
        if lang not in tagger._index or doc_id not in by_doc:
            continue
        norm = tagger._lookup[lang](text)
        idxs, spans = by_doc[doc_id]
        doc_id = str(doc_id)
        if (
            naive
            or tagger._index[lang].always_claims
            or any(spans[k][0] < spans[k - 1][1] for k in range(1, len(spans)))
        ):  # reference loop / anchorless claim patterns / overlapping spans: per sentence
            prev_norm: str | None = None
            for sent_idx, (s, e) in zip(idxs, spans):
                s_norm = norm[s:e]
                rows.extend(
                    tagger._tag_rows(doc_id, sent_idx, text[s:e], s_norm, s, lang, prev_norm, naive)
                )
                prev_norm = s_norm
            continue
        # fast path: one automaton pass over the document; only sentences holding a claim
        # anchor go further (same candidates as tag_sentence would compute)
        rows.extend(tagger._tag_document(doc_id, text, norm, lang, idxs, spans))
    rows.sort(key=lambda r: (r[0], r[1], r[3], r[2]))
    return _to_frame(rows)


def annotate(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook: Codebook,
    *,
    tagger: Tagger | None = None,
) -> pd.DataFrame:
    """The ``mentions`` table (:data:`MENTION_COLUMNS`) for every sentence of ``documents``.

    ``documents`` needs ``doc_id, lang, text``; ``sentences`` ``doc_id, sent_idx, start, end``
    (offsets into ``documents.text``). Documents in languages the codebook lacks are skipped.
    Rows are sorted by ``doc_id, sent_idx, start, claim_id``; one row per claim per sentence.
    Pass a prebuilt ``tagger`` to reuse its automaton.
    """
    return _run(documents, sentences, tagger or Tagger(codebook), naive=False)


def annotate_naive(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook: Codebook,
    *,
    tagger: Tagger | None = None,
) -> pd.DataFrame:
    """Same as :func:`annotate` but every compiled pattern is run on every sentence (the
    reference loop the automaton must agree with)."""
    return _run(documents, sentences, tagger or Tagger(codebook), naive=True)

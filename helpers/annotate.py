"""Rule-based claim tagger: codebook patterns → the ``mentions`` table.

How a sentence is tagged (every rule is local to the sentence unless said otherwise)
--------------------------------------------------------------------------------------
Matching runs on the sentence's ``norm`` form (:func:`helpers.clean.normalize_for_match`,
length-preserving), so match offsets are offsets into ``documents.text``.

1. **Candidates.** One Aho–Corasick automaton per language holds one literal anchor of
   every compiled pattern (claims, actors, media, hedges, negators, speech verbs, attribution
   cues; see :mod:`helpers.codebook`) — per pattern the word stem fewest patterns share, 3+
   letters preferred. :func:`annotate` runs the automaton once over each document and sorts
   the hits into sentences (:meth:`Tagger.tag_sentence` runs it over one sentence; an anchor
   is only considered inside its sentence's bounds, so both agree). A pattern is confirmed
   with its regex only if its anchor occurs in a possible context (at most the allowed
   proclitic letters before it, no letter after it unless the word ends in ``*``) and all
   its other word stems occur in the sentence; patterns without an anchor (raw regexes with
   no literal) are always confirmed. Claim patterns are confirmed first: if none matches,
   the sentence yields nothing and the cue patterns are not examined (their candidates come
   from a second automaton pass over just that sentence).
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

from dataclasses import dataclass
from typing import Iterable, NamedTuple

import ahocorasick
import pandas as pd
import regex

from helpers.codebook import Codebook, CompiledPattern, compile_pattern

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
    "doc_id", "sent_idx", "claim_id", "start", "end", "cue", "negated", "hedged", "hedge_cue",
    "speaker", "method", "codebook_version",
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


class _LangIndex:
    """Compiled entries and the automaton of one language."""

    def __init__(self, entries: list[_Entry], ranks: list[int]) -> None:
        self.entries = entries
        self.ranks = ranks
        self.claim_ids = [i for i, e in enumerate(entries) if e.kind == "claim"]
        self.cue_ids = [i for i, e in enumerate(entries) if e.kind != "claim"]
        self.always_claims = [i for i in self.claim_ids if not entries[i].pattern.anchors]
        self.always_cues = [i for i in self.cue_ids if not entries[i].pattern.anchors]
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
        for i, e in enumerate(entries):
            if e.pattern.anchors:
                k = min(range(len(e.pattern.anchors)),
                        key=lambda j: (len(e.pattern.anchors[j]) < 3, share[e.pattern.anchors[j]],
                                       -len(e.pattern.anchors[j]), j))
                anchor, ctx = e.pattern.anchors[k], e.pattern.anchor_contexts[k]
                self.other_anchors[i] = tuple(a for a in e.pattern.anchors if a != anchor)
                key = (len(anchor), *(ctx if ctx is not None else (-1, frozenset(), True)))
                by_anchor.setdefault(anchor, {}).setdefault(key, []).append(i)
        self.automaton = ahocorasick.Automaton()
        for anchor, groups in by_anchor.items():
            # value: (claim groups, cue groups); a group = (context key, entry ids)
            claim_groups = tuple(
                (key, tuple(i for i in ids if entries[i].kind == "claim"))
                for key, ids in groups.items() if any(entries[i].kind == "claim" for i in ids)
            )
            cue_groups = tuple(
                (key, tuple(i for i in ids if entries[i].kind != "claim"))
                for key, ids in groups.items() if any(entries[i].kind != "claim" for i in ids)
            )
            self.automaton.add_word(anchor, (claim_groups, cue_groups))
        if by_anchor:
            self.automaton.make_automaton()
        self.has_anchors = bool(by_anchor)


def _n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


class Tagger:
    """Tag sentences with the claims of ``codebook`` (rules in the module docstring)."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.version = codebook.version
        self._actor_kind = {aid: a.kind for aid, a in codebook.actors.items()}
        self._index: dict[str, _LangIndex] = {}
        for lang in codebook.languages:
            entries: list[_Entry] = []

            def add(kind: str, owner: str, patterns: Iterable[str]) -> None:
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
                _KIND_RANK["media"] if e.kind == "media"
                else _KIND_RANK.get(self._actor_kind.get(e.owner, ""), 9)
                for e in entries
            ]
            self._index[lang] = _LangIndex(entries, ranks)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the codebook has patterns for."""
        return tuple(self._index)

    # ------------------------------------------------------------------ candidates

    @staticmethod
    def _context_ok(norm: str, end: int, key: tuple) -> bool:
        """Can the anchor ending at ``end`` be part of a match (see :class:`CompiledPattern`)?"""
        length, max_left, left_chars, open_right = key
        if max_left < 0:  # raw regex: no known context
            return True
        if not open_right and end + 1 < len(norm) and norm[end + 1].isalnum():
            return False
        j = start = end - length + 1
        while j > 0 and norm[j - 1].isalnum():
            j -= 1
            if start - j > max_left or norm[j] not in left_chars:
                return False
        return True

    def _scan(self, norm: str, lang: str, spans: list[tuple[int, int]]) -> dict[int, set]:
        """Run the automaton ONCE over ``norm`` (a document, or one sentence with
        ``spans=[(0, len(norm))]``) and sort its claim-anchor hits into the sentences
        ``spans`` (sorted, non-overlapping ``[start, end)``). Returns, for every sentence
        index with a claim anchor in a possible context, the claim entry ids. Anchors are
        checked against their sentence's bounds only, so the result equals a per-sentence run.
        """
        idx = self._index[lang]
        out: dict[int, set] = {}
        if not idx.has_anchors or not spans:
            return out
        n_spans = len(spans)
        p = 0
        lo, hi = spans[0]
        for end, (claim_groups, _cue_groups) in idx.automaton.iter(norm):
            if not claim_groups:
                continue
            if end >= hi:  # hits come in order of their end: move to the sentence holding it
                while p < n_spans and spans[p][1] <= end:
                    p += 1
                if p == n_spans:
                    break
                lo, hi = spans[p]
            for key, ids in claim_groups:
                # the anchor's necessary context (see CompiledPattern.anchor_contexts)
                length, max_left, left_chars, open_right = key
                j = start = end - length + 1
                if start < lo:  # anchor not inside the sentence
                    break
                if max_left >= 0:
                    if not open_right and end + 1 < hi and norm[end + 1].isalnum():
                        continue
                    while j > lo and norm[j - 1].isalnum():
                        j -= 1
                        if start - j > max_left or norm[j] not in left_chars:
                            break
                    else:
                        out.setdefault(p, set()).update(ids)
                    continue
                out.setdefault(p, set()).update(ids)
        return out

    def _claim_candidates(self, norm: str, lang: str) -> list[int]:
        """Claim entry ids to confirm on the sentence ``norm``: anchor in a possible context,
        every other word stem present; plus the anchorless claim patterns."""
        idx = self._index[lang]
        claims = self._scan(norm, lang, [(0, len(norm))]).get(0, set())
        claims = claims | set(idx.always_claims)
        others = idx.other_anchors
        return sorted(i for i in claims if all(a in norm for a in others[i]))

    def _cue_candidates(self, norm: str, lang: str) -> list[int]:
        """Cue entry ids (actors, media, hedges, …) to confirm on the sentence ``norm``."""
        idx = self._index[lang]
        cues: set[int] = set(idx.always_cues)
        if idx.has_anchors:
            ok = self._context_ok
            for end, (_claim_groups, cue_groups) in idx.automaton.iter(norm):
                for key, ids in cue_groups:
                    if ok(norm, end, key):
                        cues.update(ids)
        others = idx.other_anchors
        return sorted(i for i in cues if all(a in norm for a in others[i]))

    def _candidates(self, norm: str, lang: str, naive: bool) -> tuple[list[int], list[int]]:
        """(claim entry ids, cue entry ids) to confirm on ``norm`` (all of them if naive)."""
        idx = self._index[lang]
        if naive:
            return idx.claim_ids, idx.cue_ids
        return self._claim_candidates(norm, lang), self._cue_candidates(norm, lang)

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
        self, norm: str, hits: dict[str, list[_Hit]]
    ) -> list[tuple[int, int, str | None]]:
        """(start, end, speaker) of every speech-verb / according-to / colon construct;
        speaker ``None`` for a speech verb without a named subject."""
        media = hits.get("media", [])
        voices = [
            (h, "actor") for h in hits.get("actor", [])
            if not any(m.start <= h.start and h.end <= m.end for m in media)
        ] + [(h, "media") for h in media]
        out: list[tuple[int, int, str | None]] = []
        for v in hits.get("speech", []):
            best: tuple | None = None
            for h, kind in voices:
                if v.start < h.start and h.end <= v.end:  # inside a gapped verb: عبر X عن
                    key = (h.rank, 0, h.start)
                    if best is None or key < best[0]:
                        best = (key, h, kind)
                elif h.start >= v.end:
                    gap = norm[v.end:h.start]
                    words = _WORD_RE.findall(gap)
                    if (len(words) <= SUBJECT_WINDOW_AFTER and not _AFTER_STOP_RE.search(gap)
                            and not _COMPLEMENTISERS.intersection(words)):
                        key = (h.rank, len(words), h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
                elif h.end <= v.start:
                    gap = norm[h.end:v.start]
                    n = _n_words(gap)
                    if n <= SUBJECT_WINDOW_BEFORE and not _BEFORE_STOP_RE.search(gap):
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
        for a in hits.get("attribution", []):
            best = None
            for h, kind in voices:
                if h.start >= a.end:
                    gap = norm[a.end:h.start]
                    n = _n_words(gap)
                    if n <= ATTRIBUTION_WINDOW and not _BEFORE_STOP_RE.search(gap):
                        key = (n, h.rank, h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is not None:
                _, h, kind = best
                out.append((a.start, h.end, self._speaker_label(h, kind)))
        for colon in _COLON_RE.finditer(norm):
            best = None
            for h, kind in voices:
                if h.end <= colon.start():
                    gap = norm[h.end:colon.start()]
                    n = _n_words(gap)
                    if n <= COLON_WINDOW and not _BEFORE_STOP_RE.search(gap):
                        key = (h.rank, n, -h.start)
                        if best is None or key < best[0]:
                            best = (key, h, kind)
            if best is not None:
                _, h, kind = best
                out.append((h.start, colon.end(), self._speaker_label(h, kind)))
        return out

    def _previous_speaker(self, prev_norm: str, lang: str, naive: bool) -> str | None:
        _, cue_ids = self._candidates(prev_norm, lang, naive)
        hits = self._confirm(prev_norm, lang, cue_ids)
        said = [a for a in self._attributions(prev_norm, hits) if a[2] is not None]
        if not hits.get("speech") or not said:
            return None
        return said[-1][2]

    # ------------------------------------------------------------------ tagging

    def tag_sentence(
        self, doc_id: str, sent_idx: int, text: str, norm: str, start: int, lang: str,
        *, prev_norm: str | None = None, naive: bool = False,
    ) -> list[dict]:
        """Mentions (dicts with :data:`MENTION_COLUMNS`) in one sentence.

        ``text``/``norm`` are the sentence's cleaned and normalised text (same length),
        ``start`` its offset in ``documents.text``; ``prev_norm`` the previous sentence's norm
        in the same document (for quotes attributed there). ``naive=True`` confirms every
        pattern instead of the automaton's candidates (reference implementation).
        """
        if lang not in self._index or len(text) != len(norm):
            if lang in self._index:
                raise ValueError(f"{doc_id}:{sent_idx}: text and norm differ in length")
            return []
        if naive:  # reference: every pattern on every sentence, no short cut
            idx = self._index[lang]
            hits = self._confirm(norm, lang, idx.cue_ids)
            claim_hits = self._confirm(norm, lang, idx.claim_ids).get("claim", [])
            if not claim_hits:
                return []
        else:
            claim_ids = self._claim_candidates(norm, lang)
            return self._tag_candidates(doc_id, sent_idx, text, norm, start, lang, claim_ids,
                                        prev_norm)
        return self._decide(doc_id, sent_idx, text, norm, start, lang, claim_hits, hits,
                            prev_norm, naive)

    def _tag_candidates(
        self, doc_id: str, sent_idx: int, text: str, norm: str, start: int, lang: str,
        claim_ids: list[int], prev_norm: str | None,
    ) -> list[dict]:
        if not claim_ids:
            return []
        claim_hits = self._confirm(norm, lang, claim_ids).get("claim", [])
        if not claim_hits:
            return []
        hits = self._confirm(norm, lang, self._cue_candidates(norm, lang))
        return self._decide(doc_id, sent_idx, text, norm, start, lang, claim_hits, hits,
                            prev_norm, False)

    def _decide(
        self, doc_id: str, sent_idx: int, text: str, norm: str, start: int, lang: str,
        claim_hits: list[_Hit], hits: dict[str, list[_Hit]], prev_norm: str | None, naive: bool,
    ) -> list[dict]:
        """Rules 2–6 of the module docstring on confirmed matches."""
        actors_here = {h.owner for h in hits.get("actor", [])}
        first: dict[str, _Hit] = {}
        for h in claim_hits:
            cur = first.get(h.owner)
            if cur is None or (h.start, -h.end) < (cur.start, -cur.end):
                first[h.owner] = h
        requires = {c.id: c.requires for c in self.codebook.claims}
        hedges = sorted(hits.get("hedge", []), key=lambda h: (h.start, -h.end))
        hedge_cue = text[hedges[0].start:hedges[0].end] if hedges else None
        attributions: list[tuple[int, int, str | None]] | None = None
        rows: list[dict] = []
        for claim_id, cue in first.items():
            if any(not actors_here.intersection(group) for group in requires[claim_id]):
                continue
            negated = any(
                (n.start >= cue.start and n.end <= cue.end
                 and not set(n.words).intersection(cue.words))
                or (n.end <= cue.start and _n_words(norm[n.end:cue.start]) <= NEGATION_WINDOW_WORDS)
                for n in hits.get("negator", [])
            )
            if attributions is None:
                attributions = self._attributions(norm, hits)
            speaker = self._choose_speaker(norm, cue, attributions, hits, prev_norm, lang, naive)
            rows.append({
                "doc_id": doc_id, "sent_idx": int(sent_idx), "claim_id": claim_id,
                "start": start + cue.start, "end": start + cue.end,
                "cue": text[cue.start:cue.end], "negated": negated, "hedged": bool(hedges),
                "hedge_cue": hedge_cue, "speaker": speaker, "method": "rule",
                "codebook_version": self.version,
            })
        rows.sort(key=lambda r: (r["start"], r["claim_id"]))
        return rows

    def _choose_speaker(
        self, norm: str, cue: _Hit, attributions: list[tuple[int, int, str | None]],
        hits: dict[str, list[_Hit]], prev_norm: str | None, lang: str, naive: bool,
    ) -> str:
        if attributions:
            def distance(a: tuple[int, int, str | None]) -> tuple[int, int]:
                s, e, _ = a
                d = 0 if (s < cue.end and cue.start < e) else (cue.start - e if e <= cue.start else s - cue.end)
                return (d, s)
            for _s, _e, speaker in sorted(attributions, key=distance):
                if speaker is not None:
                    return speaker
                if prev_norm is not None:  # "he added that ..." — the previous speaker
                    prev = self._previous_speaker(prev_norm, lang, naive)
                    if prev is not None:
                        return prev
        if prev_norm is not None and len(_QUOTE_MARK_RE.findall(norm, 0, cue.start)) % 2 == 1:
            prev = self._previous_speaker(prev_norm, lang, naive)
            if prev is not None:
                return prev
        media = sorted(hits.get("media", []), key=lambda h: (h.start, -h.end))
        if media:
            return f"MEDIA:{media[0].owner}"
        return OUTLET


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    return frame.astype({
        "doc_id": "string[pyarrow]", "sent_idx": "int32", "claim_id": "string[pyarrow]",
        "start": "int64", "end": "int64", "cue": "string[pyarrow]", "negated": "bool",
        "hedged": "bool", "hedge_cue": "string[pyarrow]", "speaker": "string[pyarrow]",
        "method": "string[pyarrow]", "codebook_version": "int64",
    })


def _run(documents: pd.DataFrame, sentences: pd.DataFrame, tagger: Tagger, naive: bool) -> pd.DataFrame:
    from helpers.clean import normalize_for_match  # lazy: sibling module

    missing = {"doc_id", "lang", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents lacks column(s) {sorted(missing)}")
    missing = {"doc_id", "sent_idx", "start", "end"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences lacks column(s) {sorted(missing)}")
    by_doc = {
        doc_id: group.sort_values("sent_idx")
        for doc_id, group in sentences.groupby("doc_id", sort=False)
    }
    rows: list[dict] = []
    for doc_id, lang, text in zip(documents["doc_id"], documents["lang"], documents["text"]):
        if lang not in tagger.languages or doc_id not in by_doc:
            continue
        norm = normalize_for_match(text, lang)
        group = by_doc[doc_id]
        idxs = [int(i) for i in group["sent_idx"]]
        spans = [(int(s), int(e)) for s, e in zip(group["start"], group["end"])]
        if naive or tagger._index[lang].always_claims or any(
            spans[k][0] < spans[k - 1][1] for k in range(1, len(spans))
        ):  # reference loop / anchorless claim patterns / overlapping spans: per sentence
            prev_norm: str | None = None
            for sent_idx, (s, e) in zip(idxs, spans):
                s_norm = norm[s:e]
                rows.extend(tagger.tag_sentence(
                    str(doc_id), sent_idx, text[s:e], s_norm, s, lang,
                    prev_norm=prev_norm, naive=naive,
                ))
                prev_norm = s_norm
            continue
        # fast path: one automaton pass over the document; only sentences holding a claim
        # anchor go further (same candidates as tag_sentence would compute)
        idx = tagger._index[lang]
        for k, claims in sorted(tagger._scan(norm, lang, spans).items()):
            s, e = spans[k]
            s_norm = norm[s:e]
            claim_ids = sorted(i for i in claims if all(a in s_norm for a in idx.other_anchors[i]))
            if not claim_ids:
                continue
            prev = norm[spans[k - 1][0]:spans[k - 1][1]] if k > 0 else None
            rows.extend(tagger._tag_candidates(
                str(doc_id), idxs[k], text[s:e], s_norm, s, lang, claim_ids, prev,
            ))
    rows.sort(key=lambda r: (r["doc_id"], r["sent_idx"], r["start"], r["claim_id"]))
    return _to_frame(rows)


def annotate(
    documents: pd.DataFrame, sentences: pd.DataFrame, codebook: Codebook,
    *, tagger: Tagger | None = None,
) -> pd.DataFrame:
    """The ``mentions`` table (:data:`MENTION_COLUMNS`) for every sentence of ``documents``.

    ``documents`` needs ``doc_id, lang, text``; ``sentences`` ``doc_id, sent_idx, start, end``
    (offsets into ``documents.text``). Documents in languages the codebook lacks are skipped.
    Rows are sorted by ``doc_id, sent_idx, start, claim_id``; one row per claim per sentence.
    Pass a prebuilt ``tagger`` to reuse its automaton.
    """
    return _run(documents, sentences, tagger or Tagger(codebook), naive=False)


def annotate_naive(
    documents: pd.DataFrame, sentences: pd.DataFrame, codebook: Codebook,
    *, tagger: Tagger | None = None,
) -> pd.DataFrame:
    """Same as :func:`annotate` but every compiled pattern is run on every sentence (the
    reference loop the automaton must agree with)."""
    return _run(documents, sentences, tagger or Tagger(codebook), naive=True)

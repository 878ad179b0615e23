"""Rule-based claim tagger: codebook patterns → the ``mentions`` table.

The tagger's parts: :mod:`helpers.claims.pattern_index` (the anchor automaton, candidates,
confirmation), :mod:`helpers.claims.speakers` (rule 6) and :mod:`helpers.claims.mention_table`
(the rows and the table); this module holds the rules that combine them, the bulk prefilter
and the public entry points.

How a sentence is tagged (every rule is local to the sentence unless said otherwise)
--------------------------------------------------------------------------------------
Matching runs on the sentence's ``norm`` form (:func:`helpers.text.clean.normalize_for_match`,
length-preserving), so match offsets are offsets into ``documents.text``.

1. **Candidates.** One Aho–Corasick automaton per language holds one literal anchor of every
   compiled pattern — claim patterns, lexicon words and the cue patterns (actors, media,
   hedges, negators, speech verbs, attribution cues; see :mod:`helpers.claims.codebook`) —
   per pattern the word stem fewest patterns share, 3+ letters preferred. :func:`annotate`
   joins the documents of one language into batches, normalises each batch once (a
   per-character table equal to ``normalize_for_match``), runs the automaton once over it
   and sorts the hits into sentences (:meth:`Tagger.tag_sentence` runs it over one sentence;
   an anchor is only considered inside its sentence's bounds, so both agree). An anchor
   counts only in a possible context (at most the allowed proclitic letters before it, no
   letter after it unless the word ends in ``*``), checked for all hits at once (numpy).
   A bulk prefilter then keeps only the sentences that can carry a claim judging by the
   anchors alone (a claim pattern's anchor, or anchors of every slot of a compose rule
   within its window, in its order, with no ``unless`` slot matched; actor anchors that can
   meet the claim's ``requires`` in the sentence or its article context; an anaphor with a
   context sentence that can carry the claim — :class:`_Prefilter`); nothing else is
   looked at.
   A pattern is confirmed with its regex only if its anchor is in a possible context and all
   its other word stems occur in the sentence; patterns without an anchor (raw regexes with
   no literal) are always confirmed. When the anchor is the stem of the pattern's first word
   (``CompiledPattern.first_anchor``), the regex is searched only from just before the
   anchor's hits (a match cannot start anywhere else), which gives exactly the matches
   ``finditer`` would. A pattern of one word (``CompiledPattern.word_prefix``) runs no regex:
   its matches are read off its anchor hits for the whole batch at once (the run of word
   characters holding the stem, its proclitics checked against a table of the chains the
   pattern's prefix regex accepts; see :meth:`LangIndex.scan`). Claim patterns are
   confirmed first: if none matches (and no compose rule can fire), the sentence yields
   nothing and the cue patterns are not confirmed (at most once per sentence otherwise).
   "Its regex" is read loosely: a phrase pattern's regex is compiled only once the pattern
   has been searched :data:`~helpers.claims.patterns.SEQUENCE_SEARCHES` times (a compile
   costs about a hundred searches); until then its matches are read off the sentence's
   words by :class:`~helpers.claims.word_sequence.WordSequence` — the same matches, so on
   real news, where most phrase patterns are searched a few times, few regexes are compiled.
   Claim patterns and lexicon words are confirmed on the sentence with the quotation marks
   and parentheses at word edges blanked (:func:`_unquoted`: «شريك» استراتيجي is the phrase
   شريك استراتيجي), the cue patterns on the sentence as written.
2. **One mention per claim per sentence.** Of all matches of a claim's patterns, the first
   (then the longest) is the cue; ``start``/``end`` = sentence start + match offsets.
3. **requires.** Every inner list of the claim's ``requires`` needs at least one of its actors
   matched somewhere in the same sentence; otherwise the claim is dropped — unless its
   ``context`` lets the article meet the missing groups (the headline and the
   :data:`~helpers.claims.composition.CONTEXT_SENTENCES` before the sentence — for the
   headline, its lead: the :data:`~helpers.claims.composition.LEAD_SENTENCES` after it; at
   least one group named in the sentence, none of the ``unless`` actors or words). A sentence naming
   NEITHER of a claim's two groups takes both from the article only through a pair reference
   ("the two countries", the claim's ``pair`` class) or the claim's ``none_named`` opt-in, and
   only when the article's most recent pair is exactly the two sides — a sentence that also
   names a third party counts when it joins the two as "between A and B" (the claim's
   ``between`` class) — (:func:`~helpers.claims.composition.most_recent_pair`; ``rule`` then ends
   `` +context:A,B@s<k> via pair:<word>`` or `` via none_named``). A reference back to the
   claim's object (the claim's ``anaphor`` class: "this agreement", "these deliveries")
   carries the claim when a context sentence carries it (rule ``anaphor:<word>
   +context:<claim>@s<k>``), whoever the sentence names, unless it names an ``unless`` actor
   or word. A word of the claim's ``other_ref`` class ("its ally") in a sentence naming one
   of its two groups fills the other group's compose slots (rule `` ref:<word>``); that
   group is then met by the article context as above. A pair reference beside one named
   side meets the other side through the most recent pair, even a group the claim's
   ``context`` does not list. For a claim whose ``context`` ``continues``, a sentence with
   the claim's own cue that misses a side anyway carries the claim when a context sentence
   carries it (the paragraph goes on with it; rule ``… +context:<claim>@s<k> via
   continues``), unless it names an ``unless`` actor or word or a sentence between the
   two names one and neither side.
4. **negated** — a negator match ends before the cue with at most
   :data:`NEGATION_WINDOW_WORDS` words between them (``לא שותפה אמינה``, ``ليس شريكا``), or
   lies inside the cue without being one of the pattern's own words (a pattern that spells
   out its negator — ``אינו כולל סעיף הגנה`` for "no defence clause" — asserts its claim).
   A mention of a claim with ``denial_also`` denied by a negator at most
   :data:`DENIAL_WINDOW_WORDS` words before its cue also asserts that other claim (the manual:
   "Russia was never a true ally of Iran" denies a claim of loyalty and says Russia's support
   is limited), unless the sentence carries it already: same cue, speaker and hedging, not
   negated, ``rule`` ``denial:<claim> <rule>``.
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

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.claims.codebook import MEDIA_KIND, Claim, Codebook
from helpers.claims.composition import (
    CONTEXT_SENTENCES,
    LEAD_SENTENCES,
    coordinated,
    governed_only,
    listed_only,
    most_recent_pair,
)
from helpers.claims.mention_table import (
    MENTION_COLUMNS,
    MENTION_SORT_KEYS,
    MentionRow,
    mentions_frame,
    sentence_groups,
)
from helpers.claims.pattern_index import (
    CLAIM_SIDE_KINDS,
    AnchorScan,
    Hit,
    IndexEntry,
    LangIndex,
    NormLookup,
)
from helpers.claims.patterns import compile_pattern
from helpers.claims.speakers import (
    Attribution,
    attributions,
    choose_speaker,
    count_words,
    last_said,
)
from helpers.core.collector import collector_paused

__all__ = [
    "MENTION_COLUMNS",  # defined in mention_table; kept importable from here (review uses it)
    "NEGATION_WINDOW_WORDS",
    "DENIAL_WINDOW_WORDS",
    "Tagger",
    "annotate",
    "annotate_naive",
]

#: Max words between a negator and the claim cue after it.
NEGATION_WINDOW_WORDS = 3
#: Max words between a negator and the cue it denies for the cue's ``denial_also`` claim
#: (a copula and an adverb: "لم تكن يوما حليفا"); a negator further back negates a verb.
DENIAL_WINDOW_WORDS = 2
#: Compositions look at the first few matches of each slot only (bounded work per sentence).
_MAX_SLOT_HITS = 6
#: Characters of document text normalised and scanned for anchors in one batch.
BATCH_CHARS = 2_000_000
#: Sort keys of mention rows (C-level getters: the sort calls them once per row): within a
#: sentence, and in the table's order (:data:`~helpers.claims.mention_table.MENTION_SORT_KEYS`).
_BY_START_CLAIM = operator.attrgetter("start", "claim_id")
_TABLE_ORDER = operator.attrgetter(*MENTION_SORT_KEYS)


class Tagger:
    """Tag sentences with the claims of ``codebook`` (rules in the module docstring)."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.version = codebook.version
        self._actor_kind = {aid: a.kind for aid, a in codebook.actors.items()}
        self._requires = {c.id: c.requires for c in codebook.claims}
        self._claims = {c.id: c for c in codebook.claims}
        #: claim id → the claim a denial of it also asserts (``denial_also``)
        self._denial_also = {c.id: c.denial_also for c in codebook.claims if c.denial_also}
        #: claims with compositional rules, in codebook order
        self._composed = [c for c in codebook.claims if c.compose]
        #: the lexicon slots of every compositional rule: a sentence without a claim pattern
        #: goes further only if all the lexicon slots of one rule are present
        self._compose_rules = [
            (
                claim,
                [
                    (rule, frozenset(slot for slot in rule.slots if slot in codebook.lexicons))
                    for rule in claim.compose
                ],
            )
            for claim in self._composed
        ]
        #: lexicon class → the lexicon slots of the rules filed under it (each rule under
        #: the least of its lexicon slots: it needs them all, so a sentence holding all of a
        #: rule's slots holds the one it is filed under)
        self._rule_needs: dict[str, list[frozenset[str]]] = {}
        for _, rules in self._compose_rules:
            for _, needed in rules:
                self._rule_needs.setdefault(min(needed), []).append(needed)
        #: lexicon class → (claim, rule) positions in ``_compose_rules`` of the rules filed
        #: under it (each rule under one of its lexicon slots: it needs them all)
        self._compose_index: dict[str, list[tuple[int, int]]] = {}
        for c, (_, rules) in enumerate(self._compose_rules):
            for r, (_, needed) in enumerate(rules):
                self._compose_index.setdefault(min(needed), []).append((c, r))
        #: claim id → (its requires groups, those the article context cannot meet): a
        #: sentence can carry the claim only if its actor candidates meet one group and
        #: every group of the second list (rule 3; no entry: the claim requires no actor)
        self._actor_need: dict[str, tuple[list[frozenset[str]], list[frozenset[str]]]] = {
            c.id: (
                [frozenset(g) for g in c.requires],
                [frozenset(g) for i, g in enumerate(c.requires) if i not in c.context],
            )
            for c in codebook.claims
            if c.requires
        }
        #: claims whose two groups may both come from the article (a pair reference in the
        #: sentence, or none_named) → actor id → the party it counts as in the most recent
        #: pair: its requires group, else itself when a state or in an actor group
        grouped = {aid for members in codebook.actor_groups.values() for aid in members}
        self._party_of: dict[str, dict[str, str]] = {}
        for paired in codebook.claims:
            if (
                paired.context_pair is None
                and paired.context_group_ref is None
                and not paired.context_none_named
            ):
                continue
            party = {
                aid: aid
                for aid, actor in codebook.actors.items()
                if actor.kind == "state" or aid in grouped
            }
            for label, members in zip(paired.requires_labels, paired.requires):
                party.update(dict.fromkeys(members, label))
            self._party_of[paired.id] = party
        #: claim id → every actor of its ``requires`` groups (the sides it is about)
        self._sides = {c.id: frozenset(a for g in c.requires for a in g) for c in codebook.claims}
        #: anaphor lexicon class → the claims it refers back to (codebook order)
        self._anaphor_claims: dict[str, list[str]] = {}
        for referred in codebook.claims:
            if referred.context_anaphor:
                self._anaphor_claims.setdefault(referred.context_anaphor, []).append(referred.id)
        #: the lexicon classes the article-context rules read (pair references, the words of
        #: other states in ``unless``) and the ``lists`` guards' outsiders: confirmed in a
        #: sentence whenever a claim is viable
        self._context_lexicons = frozenset(
            lex
            for c in codebook.claims
            for lex in (
                *c.context_unless_lexicons,
                *((c.context_pair,) if c.context_pair else ()),
                *((c.context_group_ref,) if c.context_group_ref else ()),
                *(c.lists.outsider_lexicons if c.lists else ()),
                *(c.lists.governors if c.lists else ()),
                *((c.context_between,) if c.context_between else ()),
                *((c.context_other_ref,) if c.context_other_ref else ()),
            )
        )
        #: the lexicon classes of other states' names (context ``unless``): names of an
        #: enumeration when the most-recent-pair walk looks for "A and B"
        self._unless_lexicons = frozenset(
            lex for c in codebook.claims for lex in c.context_unless_lexicons
        )
        #: the lexicon classes of "between" that the most-recent-pair walk reads
        self._between_lexicons = frozenset(
            c.context_between for c in codebook.claims if c.context_between
        )
        #: the actors that count as names of an enumeration (the ``lists`` guard): states
        #: and the members of actor groups
        self._list_names = frozenset(
            aid
            for aid, actor in codebook.actors.items()
            if actor.kind == "state" or any(aid in m for m in codebook.actor_groups.values())
        )
        #: per compose rule, filed under one of its lexicon slots (it needs them all): its
        #: lexicon slots, those plus its lexicon ``unless`` / ``unless_near`` slots, its claim
        #: id and, per actor slot, the actor ids that can fill it and the lexicon class of
        #: references to the other side that may fill it too (the claim's ``other_ref``, for
        #: a slot naming one of its two ``requires`` groups; None otherwise)
        self._rule_use: dict[
            str,
            list[
                tuple[frozenset[str], frozenset[str], str, list[tuple[frozenset[str], str | None]]]
            ],
        ]
        self._rule_use = {}
        for claim, rules in self._compose_rules:
            for rule, needed in rules:
                self._rule_use.setdefault(min(needed), []).append(
                    (
                        needed,
                        needed
                        | {u for u in (*rule.unless, *rule.unless_near) if u in codebook.lexicons},
                        claim.id,
                        [
                            (
                                frozenset(codebook.actor_groups.get(slot, (slot,))),
                                _ref_class(claim, slot),
                            )
                            for slot in rule.slots
                            if slot not in codebook.lexicons
                        ],
                    )
                )
        #: actor id → the actor groups / ids a compose slot can name it by
        self._slot_names: dict[str, tuple[str, ...]] = {
            aid: (aid, *(g for g, members in codebook.actor_groups.items() if aid in members))
            for aid in codebook.actors
        }
        self._index: dict[str, LangIndex] = {}
        self._lookup: dict[str, NormLookup] = {}
        self._context_lexicon_ids: dict[str, list[int]] = {}
        for lang in codebook.languages:
            entries: list[IndexEntry] = []

            def add(
                kind: str,
                owner: str,
                patterns: Iterable[str],
                lang: str = lang,
                entries: list[IndexEntry] = entries,
            ) -> None:
                for p in patterns:
                    compiled = compile_pattern(p, lang, verb=kind == "speech")
                    entries.append(IndexEntry(kind, owner, compiled))

            for claim in codebook.claims:
                add("claim", claim.id, claim.patterns.get(lang, ()))
            for lex, by_lang in codebook.lexicons.items():
                add("lexicon", lex, by_lang.get(lang, ()))
            for aid, actor in codebook.actors.items():
                add("actor", aid, actor.patterns.get(lang, ()))
            for mid, medium in codebook.media.items():
                add("media", mid, medium.patterns.get(lang, ()))
            add("hedge", "", codebook.hedges.get(lang, ()))
            add("negator", "", codebook.negators.get(lang, ()))
            add("speech", "", codebook.speech_verbs.get(lang, ()))
            add("attribution", "", codebook.attribution.get(lang, ()))
            # speaker precedence of each voice: the codebook's actor_kinds order (data)
            rank_of = codebook.kind_rank
            ranks = [
                rank_of[MEDIA_KIND]
                if e.kind == "media"
                else rank_of.get(self._actor_kind.get(e.owner, ""), len(rank_of))
                for e in entries
            ]
            self._index[lang] = LangIndex(entries, ranks)
            self._context_lexicon_ids[lang] = [
                i
                for i, e in enumerate(entries)
                if e.kind == "lexicon" and e.owner in self._context_lexicons
            ]
            self._lookup[lang] = NormLookup(lang)
        self._prefilter = {lang: _Prefilter(self, idx) for lang, idx in self._index.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the codebook has patterns for."""
        return tuple(self._index)

    def compile_patterns(self) -> None:
        """Compile every pattern's regex now (each is otherwise compiled the first time a
        sentence needs it): for timing the tagger alone, or before forking workers."""
        for idx in self._index.values():
            for entry in idx.entries:
                _ = entry.pattern.regex  # the cached property compiles it

    # ------------------------------------------------------------------ candidates

    def _confirm(self, norm: str, lang: str, ids: Iterable[int]) -> dict[str, list[Hit]]:
        idx = self._index[lang]
        entries, ranks = idx.entries, idx.ranks
        found: dict[str, list[Hit]] = {}
        seen: set[tuple[str, str, int, int]] = set()
        for i in ids:
            e = entries[i]
            rank, kind, owner, words = ranks[i], e.kind, e.owner, e.pattern.anchors
            source = e.pattern.source if kind in CLAIM_SIDE_KINDS else ""
            for m in e.pattern.regex.finditer(norm):
                start, end = m.span()
                key = (kind, owner, start, end)
                if end > start and key not in seen:
                    seen.add(key)
                    found.setdefault(kind, []).append(Hit(start, end, owner, rank, words, source))
        return found

    def _previous_speaker(self, prev_norm: str, lang: str, naive: bool) -> str | None:
        idx = self._index[lang]
        if naive:
            return last_said(prev_norm, self._confirm(prev_norm, lang, idx.cue_ids))
        return last_said(prev_norm, idx.confirm(prev_norm, idx.cue_candidates(prev_norm)))

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
        context_norms: Sequence[tuple[int, str]] = (),
        context_claims: Mapping[int, Iterable[str]] | None = None,
        naive: bool = False,
    ) -> list[dict[str, object]]:
        """Mentions (dicts with :data:`MENTION_COLUMNS`) in one sentence.

        ``text``/``norm`` are the sentence's cleaned and normalised text (same length),
        ``start`` its offset in ``documents.text``; ``prev_norm`` the previous sentence's norm
        in the same document (for quotes attributed there); ``context_norms`` the
        ``(sent_idx, norm)`` of the sentences that make its article context (the headline and
        the :data:`~helpers.claims.composition.CONTEXT_SENTENCES` before it; for the headline,
        the :data:`~helpers.claims.composition.LEAD_SENTENCES` after it; rule 3) and
        ``context_claims`` the claim ids already found in them, by ``sent_idx`` (for the
        ``anaphor`` rule). ``naive=True`` confirms every pattern instead of the automaton's candidates
        (reference implementation).
        """
        claims = {k: frozenset(v) for k, v in (context_claims or {}).items()}
        rows = self._tag_rows(
            doc_id, sent_idx, text, norm, start, lang, prev_norm, naive, context_norms, claims
        )
        return [row._asdict() for row in rows]

    def _sentence_context(
        self,
        sent_idx: int,
        lang: str,
        naive: bool,
        context_norms: Sequence[tuple[int, str]],
        context_claims: Mapping[int, frozenset[str]],
    ) -> _ArticleContext:
        """The article context of sentence ``sent_idx`` tagged on its own: ``context_norms``
        are the ``(sent_idx, norm)`` of its context sentences, ``context_claims`` the claims
        found in them by ``sent_idx``. They are walked nearest first (the headline, farthest
        back, last; the lead of a headline in reading order)."""
        idx = self._index[lang]
        ordered = sorted(context_norms, key=lambda x: abs(x[0] - sent_idx))
        lexicon_ids = self._context_lexicon_ids[lang]

        def actors_at(p: int) -> frozenset[str]:
            c_norm = ordered[p][1]
            hits = (
                self._confirm(c_norm, lang, idx.cue_ids)
                if naive
                else idx.confirm(c_norm, idx.cue_candidates(c_norm))
            )
            return frozenset(h.owner for h in hits.get("actor", ()))

        def lexicon_hits_at(p: int) -> list[Hit]:
            c_norm = ordered[p][1]
            if naive:
                return self._confirm(c_norm, lang, lexicon_ids).get("lexicon", [])
            wanted = set(lexicon_ids)
            cands = [c for c in idx.claim_candidates(c_norm) if c[0] in wanted]
            return idx.confirm_claims(c_norm, cands)[1]

        def words_at(p: int) -> frozenset[tuple[str, str]]:
            c_norm = ordered[p][1]
            return frozenset((h.owner, c_norm[h.start : h.end]) for h in lexicon_hits_at(p))

        def claims_at(p: int) -> frozenset[str]:
            return context_claims.get(ordered[p][0], frozenset())

        def pairs_at(p: int) -> frozenset[tuple[str, str, str]]:
            c_norm = ordered[p][1]
            hits = (
                self._confirm(c_norm, lang, idx.cue_ids)
                if naive
                else idx.confirm(c_norm, idx.cue_candidates(c_norm))
            )
            found = lexicon_hits_at(p)
            between = [h for h in found if h.owner in self._between_lexicons]
            others = [h for h in found if h.owner in self._unless_lexicons]
            return _between_pairs(c_norm, between, hits.get("actor", ()), others)

        return _ArticleContext([k for k, _ in ordered], actors_at, words_at, claims_at, pairs_at)

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
        context_norms: Sequence[tuple[int, str]] = (),
        context_claims: Mapping[int, frozenset[str]] | None = None,
    ) -> list[MentionRow]:
        """:meth:`tag_sentence` as :class:`MentionRow` rows."""
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
            claim_side = self._confirm(_unquoted(norm), lang, idx.claim_ids)
            claim_hits = claim_side.get("claim", [])
            lexicon_hits = claim_side.get("lexicon", [])
        else:
            claim_ids = self._viable(idx, idx.claim_candidates(norm))
            if not claim_ids:
                return []
            claim_hits, lexicon_hits = idx.confirm_claims(_unquoted(norm), claim_ids)
            hits = {}
        if not claim_hits and not self._composable(lexicon_hits):
            return []
        if not naive:
            hits = idx.confirm(norm, idx.cue_candidates(norm))
        context = (
            self._sentence_context(sent_idx, lang, naive, context_norms, context_claims or {})
            if context_norms
            else None
        )
        return self._decide(
            doc_id, sent_idx, text, norm, start, claim_hits, lexicon_hits, hits, prev, context
        )

    def _viable(
        self,
        idx: LangIndex,
        cands: list[tuple[int, list[int]]],
        actors: frozenset[str] | None = None,
    ) -> list[tuple[int, list[int]]]:
        """Cheap pruning before any regex runs: the claim-pattern candidates, plus the
        lexicon candidates of the classes some compositional rule could use (all of that
        rule's lexicon slots are candidates). With ``actors`` (the actor ids with a candidate
        in the sentence: every actor the sentence can name), also drop the claims whose
        ``requires`` those actors cannot meet and the rules whose actor slots they cannot
        fill. Empty: nothing can fire in this sentence."""
        kinds, owners = idx.kinds, idx.owners
        present = {owners[i] for i, _ in cands if kinds[i] == "lexicon"}
        wanted: set[str] = set()
        can_meet: dict[str, bool] = {}  # claim id → can the sentence meet its requires
        for lexicon in present:
            for needed, used, claim_id, slots in self._rule_use.get(lexicon, ()):
                if needed <= present:
                    if actors is not None:
                        ok = can_meet.get(claim_id)
                        if ok is None:
                            ok = can_meet[claim_id] = self._can_meet(claim_id, actors, present)
                        if not ok or any(
                            slot.isdisjoint(actors) and (ref is None or ref not in present)
                            for slot, ref in slots
                        ):
                            continue
                    wanted |= used
        context_lexicons = self._context_lexicons
        out = []
        for c in cands:
            owner = owners[c[0]]
            if kinds[c[0]] == "claim":
                if actors is not None:
                    ok = can_meet.get(owner)
                    if ok is None:
                        ok = can_meet[owner] = self._can_meet(owner, actors, present)
                    if not ok:
                        continue
                out.append(c)
            elif owner in wanted:
                out.append(c)
        if self._anaphor_claims:  # a reference back to a claim can carry it on its own
            anaphors = [
                c
                for c in cands
                if kinds[c[0]] == "lexicon" and owners[c[0]] in self._anaphor_claims
            ]
            if anaphors:
                merged = {c[0]: c for c in out}
                for c in anaphors:
                    merged.setdefault(c[0], c)
                out = [merged[i] for i in sorted(merged)]
        if out and context_lexicons:  # the words the context rule reads, when a claim can fire
            kept = {c[0] for c in out}
            extra = [
                c for c in cands if owners[c[0]] in context_lexicons and kinds[c[0]] == "lexicon"
            ]
            if any(c[0] not in kept for c in extra):
                merged = {c[0]: c for c in out}
                for c in extra:
                    merged.setdefault(c[0], c)
                out = [merged[i] for i in sorted(merged)]
        return out

    def _can_meet(
        self, claim_id: str, actors: frozenset[str], lexicons: Iterable[str] = ()
    ) -> bool:
        """Can a sentence naming at most ``actors`` (with candidate words of the lexicon
        classes ``lexicons``) meet the claim's ``requires`` (rule 3: one group at least — or
        a pair reference, or nothing with ``none_named`` — and every group the article context
        cannot meet)?"""
        need = self._actor_need.get(claim_id)
        if need is None:
            return True
        claim = self._claims[claim_id]
        if claim.context_continues:  # a context sentence carrying the claim meets every side
            return True
        paired = any(
            ref is not None and ref in lexicons
            for ref in (claim.context_pair, claim.context_group_ref)
        )
        if not paired and not all(not g.isdisjoint(actors) for g in need[1]):
            return False
        if any(not g.isdisjoint(actors) for g in need[0]):
            return True
        return claim.context_none_named or paired

    def _composable(
        self, lexicon_hits: list[Hit], rules: Iterable[tuple[int, int]] | None = None
    ) -> bool:
        """Could a compositional rule (all its lexicon slots present; one of ``rules``, the
        (claim, rule) positions in ``_compose_rules``, when given) or an anaphor rule fire on
        these lexicon hits?"""
        if not lexicon_hits:
            return False
        present = {h.owner for h in lexicon_hits}
        if rules is not None:
            return not present.isdisjoint(self._anaphor_claims) or any(
                self._compose_rules[c][1][r][1] <= present for c, r in rules
            )
        for lex in present:  # only the rules filed under a present class can be complete
            if lex in self._anaphor_claims:
                return True
            for needed in self._rule_needs.get(lex, ()):
                if needed <= present:
                    return True
        return False

    def _compose(
        self,
        norm: str,
        lexicon_hits: list[Hit],
        hits: dict[str, list[Hit]],
        skip: Iterable[str] = (),
        text: str | None = None,
        feasible: Iterable[tuple[int, int]] | None = None,
    ) -> dict[str, Hit]:
        """The first (then shortest) match of each claim's compositional rules (claims in
        ``skip`` — already found by a pattern of their own — are not tried): claim id → a hit
        spanning the slots' words, ``source`` = ``compose:<rule>`` (`` ref:<word>`` added,
        the word as ``text`` — the sentence as written — has it, when a reference to the
        other side filled a slot). ``feasible``: the (claim, rule) positions in
        ``_compose_rules`` that can fire (the bulk prefilter's; the lexicons of the others
        need not be confirmed), None: every rule."""
        slot_hits: dict[str, list[Hit]] = {}
        for h in lexicon_hits:
            slot_hits.setdefault(h.owner, []).append(h)
        present = frozenset(slot_hits)
        actors_added = False
        out: dict[str, Hit] = {}
        done = set(skip)
        # the rules filed under a present lexicon class, in codebook order (claim, then rule)
        if feasible is None:
            todo = sorted(at for lexicon in present for at in self._compose_index.get(lexicon, ()))
        else:
            todo = sorted(feasible)
        for c, claim_rules in itertools.groupby(todo, key=lambda at: at[0]):
            claim, rules = self._compose_rules[c]
            if claim.id in done:
                continue
            best: tuple[tuple[int, int], Hit] | None = None
            other: str | None = None  # the group a reference to the other side stands for
            for _, r in claim_rules:
                rule, needed = rules[r]
                if not needed <= present:
                    continue
                if not actors_added:  # actor slots: only once a rule's lexicon words are in
                    actors_added = True
                    for h in hits.get("actor", ()):
                        for name in self._slot_names.get(h.owner, (h.owner,)):
                            slot_hits.setdefault(name, []).append(h)
                    if other is None:
                        other = self._other_side(claim, slot_hits)
                elif other is None:
                    other = self._other_side(claim, slot_hits)
                options = [
                    slot_hits.get(slot)
                    if slot != other
                    else slot_hits[claim.context_other_ref or ""]
                    for slot in rule.slots
                ]
                if not all(options):
                    continue
                if any(slot in slot_hits for slot in rule.unless):
                    continue  # an unless slot anywhere in the sentence voids the rule
                blockers = [h for slot in rule.unless_near for h in slot_hits.get(slot, ())]
                ranked = [sorted(o)[:_MAX_SLOT_HITS] for o in options if o]
                for combo in itertools.product(*ranked):
                    if rule.ordered and any(a.end > b.start for a, b in zip(combo, combo[1:])):
                        continue
                    if other and _ref_reused(combo, claim.context_other_ref):
                        continue  # "its ally" is not both the ally and the side it refers to
                    lo = min(h.start for h in combo)
                    hi = max(h.end for h in combo)
                    key = (lo, hi - lo)
                    if best is not None and key >= best[0]:
                        continue
                    if count_words(norm, lo, hi) > rule.window:
                        continue
                    if blockers and _blocked(norm, lo, hi, blockers, rule.unless_window):
                        continue
                    words = tuple(dict.fromkeys(w for h in combo for w in h.words))
                    source = f"compose:{rule.name}"
                    ref = [h for h in combo if other and h.owner == claim.context_other_ref]
                    if ref:  # "its ally" stood for the other side
                        source += f" ref:{(text or norm)[ref[0].start : ref[0].end]}"
                    best = (key, Hit(lo, hi, claim.id, 0, words, source))
            if best is not None:
                out[claim.id] = best[1]
        return out

    def _other_side(self, claim: Claim, slot_hits: Mapping[str, list[Hit]]) -> str:
        """The ``requires`` group a word of the claim's ``other_ref`` class stands for in this
        sentence: the one of its two groups the sentence does not name, when it names the
        other and holds such a word ("Moscow will not abandon its ally"); else ``""``
        (``slot_hits``: the sentence's matches by slot name, actor groups included)."""
        ref = claim.context_other_ref
        if ref is None or ref not in slot_hits:
            return ""
        named = [label in slot_hits for label in claim.requires_labels]
        if named.count(True) != 1:
            return ""
        return claim.requires_labels[named.index(False)]

    def _requires_met(
        self,
        claim_id: str,
        sent_idx: int,
        actors_here: set[str],
        words_here: dict[str, list[Hit]],
        text: str,
        context: _ArticleContext | None,
        actor_hits: Sequence[Hit] = (),
        near: tuple[str, Hit] | None = None,
    ) -> str | None:
        """Rule 3: ``None`` when the claim's ``requires`` fails; else ``""`` (met in the
        sentence) or ``" +context:<group>@s<k>…"`` naming the groups met by the article
        context and the sentence that met each — for a sentence naming neither group,
        ``" +context:<A>,<B>@s<k> via pair:<word>"`` (a pair reference in ``text``) or
        ``" via none_named"``, ``k`` the sentence of the most recent pair. ``words_here``
        holds the sentence's matches of the context lexicon classes, by class;
        ``actor_hits`` its actor matches (for the context's ``partners``); ``near`` the
        normalised sentence and the cue, for a claim whose ``unless`` counts only near the
        cue (``context_unless_window``)."""
        claim = self._claims[claim_id]
        missing = [i for i, group in enumerate(claim.requires) if actors_here.isdisjoint(group)]
        if not missing:
            return ""
        # a group the article context may not meet is still met by a pair reference ("the
        # two countries") beside the side the sentence names, through the most recent pair
        by_pair = not set(missing) <= set(claim.context)
        if (
            context is None
            or (
                by_pair
                and (claim.context_pair or "") not in words_here
                and (claim.context_group_ref or "") not in words_here
            )
            or self._context_forbidden(
                claim, missing, actors_here, words_here, text, actor_hits, near
            )
        ):
            return None
        if by_pair or len(missing) == len(claim.requires):
            return self._pair_met(claim, sent_idx, actors_here, words_here, text, context, missing)
        around = context.nearest_actors()
        why = []
        for i in missing:
            found = [around[a] for a in claim.requires[i] if a in around]
            if not found:
                return None
            why.append(f"{claim.requires_labels[i]}@s{max(found)}")
        return " +context:" + ",".join(why)

    @staticmethod
    def _context_forbidden(
        claim: Claim,
        missing: Sequence[int],
        actors_here: set[str],
        words_here: dict[str, list[Hit]],
        text: str,
        actor_hits: Sequence[Hit],
        near: tuple[str, Hit] | None,
    ) -> bool:
        """Does the sentence name one of the claim's context ``unless`` actors or words that
        forbids the article context? With ``context_unless_window`` and ``near`` (normalised
        sentence, cue) only those within that many words of the cue count; an ``unless``
        actor that is one of the claim's ``context_partners`` does not forbid it when every
        mention of the partners is coordinated with a side the sentence names."""
        words = [h for lex in claim.context_unless_lexicons for h in words_here.get(lex, ())]
        window = claim.context_unless_window
        if window is None or near is None:
            if words:
                return True
            blocking = actors_here & claim.context_unless
        else:
            norm, cue = near
            if words and _blocked(norm, cue.start, cue.end, words, window):
                return True
            blocking = {
                h.owner
                for h in actor_hits
                if h.owner in claim.context_unless
                and _blocked(norm, cue.start, cue.end, (h,), window)
            }
        return bool(blocking) and not (
            blocking <= claim.context_partners
            and _beside_a_side(text, claim, missing, blocking, actor_hits)
        )

    def _pair_met(
        self,
        claim: Claim,
        sent_idx: int,
        actors_here: set[str],
        words_here: dict[str, list[Hit]],
        text: str,
        context: _ArticleContext,
        missing: Sequence[int] = (),
    ) -> str | None:
        """The ``missing`` groups (default: all) from the article's most recent pair (rule
        3's pair reference / ``none_named``): the suffix of the ``rule`` column, or
        ``None``. With a side named in the sentence only a pair reference can do it, and
        the pair is the missing groups besides the named ones ("Israel and Iran … Moscow
        carried messages between the two sides"; the sentence's own side is no pair: the
        walk goes on to the sentences before)."""
        pair_hits = words_here.get(claim.context_pair or "", ())
        group_hits = words_here.get(claim.context_group_ref or "", ())
        group = False
        if pair_hits:
            h = min(pair_hits, key=lambda h: (h.start, -h.end))
            via = f"pair:{text[h.start : h.end]}"
        elif group_hits:  # "the three countries": the most recent group holds the sides
            h = min(group_hits, key=lambda h: (h.start, -h.end))
            via, group = f"group:{text[h.start : h.end]}", True
        elif claim.context_none_named and len(missing) != 1:
            via = "none_named"
        else:
            return None
        party = self._party_of[claim.id]
        unless_words = claim.context_unless_lexicons
        gone = set(missing) or set(range(len(claim.requires)))
        labels = claim.requires_labels
        sides = frozenset(labels[i] for i in gone)  # the groups the pair must supply
        named_sides = frozenset(labels) - sides  # the groups the sentence names
        between = claim.context_between

        def parties(actors: Iterable[str], words: Iterable[tuple[str, str]]) -> frozenset[str]:
            named = {party[a] for a in actors if a in party}
            named.update(f"{lex}:{word}" for lex, word in words if lex in unless_words)
            return frozenset(named)

        def joined(p: int) -> bool:
            """Does the ``p``-th context sentence join the two sides as "between A and B" or
            as "A and B" (coordinated, no third name with them)?"""
            return any(
                lex in (between, "") and {party.get(a), party.get(b)} - named_sides == sides
                for lex, a, b in context.pairs(p)
            )

        def walk() -> Iterator[tuple[int, frozenset[str]]]:
            if not group:  # "the three countries" refers back: the sentence's own parties
                yield sent_idx, parties(actors_here, ())  # (the US it opposes) are not it
            for p, (k, actors, words) in enumerate(context.sentences()):
                named = parties(actors, words)
                if named - named_sides > sides and joined(p):
                    # "between Tehran and Moscow", "Russia and Iran against the West"
                    named = sides | (named & named_sides)
                yield k, named

        k = most_recent_pair(walk(), sides, named_sides, group)
        if k is None:
            return None
        return f" +context:{','.join(labels[i] for i in sorted(gone))}@s{k} via {via}"

    def _in_background_list(
        self, claim_id: str, norm: str, hits: dict[str, list[Hit]], lexicon_hits: list[Hit]
    ) -> bool:
        """The ``lists`` guard: are two or more of the claim's ``requires`` groups named in
        the sentence, each only inside enumerations with an outsider
        (:func:`~helpers.claims.composition.listed_only`)? A side named outside the list
        ("Russia turned to China, India and Iran") keeps the claim. Or are they named only
        as the objects of a governor word of ``governed_by`` ("ties with Russia and Iran",
        :func:`~helpers.claims.composition.governed_only`)?"""
        claim = self._claims[claim_id]
        guard = claim.lists
        if guard is None:
            return False
        actor_hits = [h for h in hits.get("actor", ()) if h.owner in self._list_names]
        named_here = {h.owner for h in actor_hits}
        if sum(not named_here.isdisjoint(group) for group in claim.requires) < 2:
            return False  # both ways need two sides named (governed_only, listed_only)
        if guard.governors:
            governors = [(h.start, h.end) for h in lexicon_hits if h.owner in guard.governors]
            if governors and governed_only(
                norm,
                [(h.start, h.end) for h in actor_hits],
                [
                    [(h.start, h.end) for h in actor_hits if h.owner in group]
                    for group in self._claims[claim_id].requires
                ],
                governors,
            ):
                return True
        names = [(h.start, h.end, h.owner in guard.outsider_actors) for h in actor_hits]
        names += [
            (h.start, h.end, True) for h in lexicon_hits if h.owner in guard.outsider_lexicons
        ]
        if not any(outsider for _, _, outsider in names):
            return False
        named = 0
        for group in self._claims[claim_id].requires:
            side = [(h.start, h.end) for h in actor_hits if h.owner in group]
            if side:
                if not listed_only(norm, names, side, guard.min_items):
                    return False
                named += 1
        return named >= 2

    def _antecedent(
        self,
        claim_id: str,
        actors_here: set[str],
        words_here: dict[str, list[Hit]],
        context: _ArticleContext,
    ) -> str | None:
        """The anaphor rule (rule 3): ``" +context:<claim>@s<k>"`` for the nearest context
        sentence ``k`` carrying the claim, or ``None`` (none does, or the sentence names an
        ``unless`` actor or word of the claim)."""
        claim = self._claims[claim_id]
        if not actors_here.isdisjoint(claim.context_unless) or any(
            lex in words_here for lex in claim.context_unless_lexicons
        ):
            return None
        for k, claims in context.claims():
            if claim_id in claims:
                return f" +context:{claim_id}@s{k}"
        return None

    def _continued(
        self,
        claim_id: str,
        actors_here: set[str],
        words_here: dict[str, list[Hit]],
        text: str,
        context: _ArticleContext | None,
        actor_hits: Sequence[Hit],
        near: tuple[str, Hit],
    ) -> str | None:
        """The continuation rule (``continues``, rule 3) for a sentence holding the claim's
        own cue whose ``requires`` the sentence and the article context did not meet:
        ``" +context:<claim>@s<k> via continues"`` for the nearest context sentence ``k``
        carrying the claim, or ``None``: none does; a context sentence nearer than it names
        an ``unless`` actor or word of the claim and none of its sides (the article went on
        to another party: "Syria and Turkey signed a trade agreement"); the sentence names
        one itself (near
        the cue, with ``unless_window``). A pair reference the most recent pair did not
        resolve ("the four countries" after "Russia, China, North Korea and Iran") does not
        stop it."""
        if context is None:
            return None
        claim = self._claims[claim_id]
        missing = [i for i, group in enumerate(claim.requires) if actors_here.isdisjoint(group)]
        if self._context_forbidden(claim, missing, actors_here, words_here, text, actor_hits, near):
            return None
        unless_words = claim.context_unless_lexicons
        sides = self._sides[claim_id]
        for (k, claims), (_, actors, words) in zip(context.claims(), context.sentences()):
            if claim_id in claims:
                return f" +context:{claim_id}@s{k} via continues"
            if actors.isdisjoint(sides) and (
                not actors.isdisjoint(claim.context_unless)
                or any(lex in unless_words for lex, _ in words)
            ):
                return None  # another party, none of the sides: the article moved on
        return None

    def _decide(
        self,
        doc_id: str,
        sent_idx: int,
        text: str,
        norm: str,
        start: int,
        claim_hits: list[Hit],
        lexicon_hits: list[Hit],
        hits: dict[str, list[Hit]],
        prev: Callable[[], str | None] | None,
        context: _ArticleContext | None,
        rules: Iterable[tuple[int, int]] | None = None,
    ) -> list[MentionRow]:
        """Rules 2–6 of the module docstring on confirmed matches; ``prev`` gives the previous
        sentence's speaker (None: no previous sentence), ``context`` the article context
        (None: no context sentences); ``rules`` the compose rules that can fire in the
        sentence (None: all; see :meth:`_compose`)."""
        first: dict[str, Hit] = {}
        for h in claim_hits:
            cur = first.get(h.owner)
            if cur is None or (h.start, -h.end) < (cur.start, -cur.end):
                first[h.owner] = h
        if lexicon_hits and self._composed:
            # a pattern of the claim itself wins over its compositions
            first.update(
                self._compose(norm, lexicon_hits, hits, skip=first, text=text, feasible=rules)
            )
        actors_here = {h.owner for h in hits.get("actor", ())}
        words_here: dict[str, list[Hit]] = {}
        if self._context_lexicons:
            for h in lexicon_hits:
                if h.owner in self._context_lexicons:
                    words_here.setdefault(h.owner, []).append(h)
        kept: list[tuple[str, Hit, str]] = []
        for cid, cue in first.items():
            if _inside_url(norm, cue) or self._in_background_list(cid, norm, hits, lexicon_hits):
                continue
            why = self._requires_met(
                cid,
                sent_idx,
                actors_here,
                words_here,
                text,
                context,
                hits.get("actor", ()),
                (norm, cue),
            )
            if why is None and self._claims[cid].context_continues:
                why = self._continued(
                    cid, actors_here, words_here, text, context, hits.get("actor", ()), (norm, cue)
                )
            if why is not None:
                source = cue.source
                if not source.startswith("compose:"):
                    source = f"pattern:{source}"
                kept.append((cid, cue, source + why))
        if context is not None and self._anaphor_claims:
            done = {cid for cid, _, _ in kept}
            for h in sorted(lexicon_hits):
                for cid in self._anaphor_claims.get(h.owner, ()):
                    if cid in done or _inside_url(norm, h):
                        continue
                    why = self._antecedent(cid, actors_here, words_here, context)
                    if why is not None:
                        done.add(cid)
                        kept.append((cid, h, f"anaphor:{text[h.start : h.end]}{why}"))
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
        constructs: list[Attribution] | None = None
        version = self.version
        rows: list[MentionRow] = []
        denied: set[str] = set()  # claims whose denial asserts their denial_also
        for claim_id, cue, rule in kept:
            c_start, c_end = cue.start, cue.end
            negated = False
            for n in negators:
                if n.start >= c_start and n.end <= c_end:
                    if set(n.words).isdisjoint(cue.words):
                        negated = True
                        break
                elif (
                    n.end <= c_start and count_words(norm, n.end, c_start) <= NEGATION_WINDOW_WORDS
                ):
                    negated = True
                    break
            if negated and claim_id in self._denial_also and _denies(norm, cue, negators):
                denied.add(claim_id)
            if constructs is None:
                constructs = attributions(norm, hits)
            rows.append(
                MentionRow(
                    doc_id=doc_id,
                    sent_idx=int(sent_idx),
                    claim_id=claim_id,
                    start=start + c_start,
                    end=start + c_end,
                    cue=text[c_start:c_end],
                    negated=negated,
                    hedged=hedged,
                    hedge_cue=hedge_cue,
                    speaker=choose_speaker(norm, cue, constructs, hits, prev),
                    method="rule",
                    codebook_version=version,
                    rule=rule,
                )
            )
        if denied:
            rows.extend(self._denials(rows, denied))
        rows.sort(key=_BY_START_CLAIM)
        return rows

    def _denials(self, rows: Sequence[MentionRow], denied: set[str]) -> list[MentionRow]:
        """The claims that the mentions of ``rows`` of the ``denied`` claims also assert (a
        claim's ``denial_also``), unless the sentence carries them already: the same cue,
        speaker and hedging, not negated, ``rule`` = ``denial:<claim> <the denied mention's
        rule>``."""
        found = {r.claim_id for r in rows}
        out = []
        for row in rows:
            also = self._denial_also.get(row.claim_id)
            if also is not None and row.claim_id in denied and also not in found:
                found.add(also)
                rule = f"denial:{row.claim_id} {row.rule}"
                out.append(row._replace(claim_id=also, negated=False, rule=rule))
        return out

    def _tag_batch(
        self, lang: str, docs: list[tuple[str, str, list[int], list[tuple[int, int]]]]
    ) -> list[MentionRow]:
        """All mentions of ``docs`` — ``(doc_id, text, sent_idx list, sentence spans)``, spans
        sorted, non-overlapping and inside the text — of one language: the documents are
        normalised and scanned for anchors together (one automaton pass, one vectorised
        context check); only the sentences the bulk prefilter (:class:`_Prefilter`) keeps go
        further."""
        idx = self._index[lang]
        norm = self._lookup[lang]("".join(text for _, text, _, _ in docs))
        lo: list[int] = []
        hi: list[int] = []
        doc_of: list[int] = []
        first: list[int] = []  # the batch number of each document's first sentence
        offset = 0
        for d, (_, text, _, spans) in enumerate(docs):
            first.append(len(lo))
            for s, e in spans:
                lo.append(offset + s)
                hi.append(offset + e)
            doc_of.extend([d] * len(spans))
            offset += len(text)
        found = idx.scan(norm, lo, hi, with_runs=True)
        doc_first = np.repeat(np.array(first, dtype=np.int64), [len(d[3]) for d in docs])
        doc_end = doc_first + np.repeat([len(d[3]) for d in docs], [len(d[3]) for d in docs])
        bulk = self._prefilter[lang](found, doc_first, doc_end)
        by_doc: dict[int, list[int]] = {}
        for q in np.flatnonzero(bulk.keep).tolist():
            by_doc.setdefault(doc_of[q], []).append(q - first[doc_of[q]])
        rows: list[MentionRow] = []
        offset = 0
        for d, (doc_id, text, idxs, spans) in enumerate(docs):
            if d in by_doc:
                rows.extend(
                    self._tag_document(
                        doc_id,
                        text,
                        norm[offset : offset + len(text)],
                        idx,
                        idxs,
                        spans,
                        found,
                        first[d],
                        by_doc[d],
                        bulk,
                        self._context_lexicon_ids[lang],
                    )
                )
            offset += len(text)
        return rows

    def _tag_document(
        self,
        doc_id: str,
        text: str,
        norm: str,
        idx: LangIndex,
        idxs: list[int],
        spans: list[tuple[int, int]],
        found: AnchorScan,
        q0: int,
        positions: list[int],
        bulk: _Bulk,
        context_lexicon_ids: Sequence[int] = (),
    ) -> list[MentionRow]:
        """The mentions of one document of a :meth:`_tag_batch`: ``found`` holds the anchors
        of its sentences (sentence ``k`` is number ``q0 + k`` there), ``positions`` the
        sentences the prefilter kept, ascending, ``bulk`` their claim-side candidates and
        compose rules (:class:`_Bulk`); cue matches are confirmed at most once
        per sentence, only for the sentences that need them (``context_lexicon_ids``: the
        entries of the lexicon classes the article-context rule reads)."""
        cue_hits: dict[int, dict[str, list[Hit]]] = {}
        said: dict[int, str | None] = {}

        cue_cands: dict[int, list[tuple[int, list[int]]]] = {}
        actor_hits: dict[int, list[Hit]] = {}

        def actors_of(j: int) -> list[Hit]:
            """The actor matches of sentence ``j`` (for the article context: only the actor
            patterns are confirmed there, unless the sentence's cues are known already)."""
            hits = cue_hits.get(j)
            if hits is not None:
                return hits.get("actor", [])
            found_actors = actor_hits.get(j)
            if found_actors is None:
                c_norm = norm[spans[j][0] : spans[j][1]]
                cands = cue_cands.get(j)
                if cands is None:
                    cands = idx._candidates(found.cues(q0 + j), c_norm, idx.always_cues)
                actor_cands = [c for c in cands if kinds[c[0]] == "actor"]
                found_actors = actor_hits[j] = idx.confirm(c_norm, actor_cands).get("actor", [])
            return found_actors

        context_ids = set(context_lexicon_ids)

        def context_hits_of(j: int) -> list[Hit]:
            """The matches of the context lexicon classes in sentence ``j``."""
            if not context_ids:
                return []
            c_norm = norm[spans[j][0] : spans[j][1]]
            cands = [
                c
                for c in idx._candidates(found.claims(q0 + j), c_norm, idx.always_claims)
                if c[0] in context_ids
            ]
            return idx.confirm_claims(c_norm, cands)[1] if cands else []

        def words_of(j: int) -> frozenset[tuple[str, str]]:
            """The words of the context lexicon classes in sentence ``j`` (class, text)."""
            c_norm = norm[spans[j][0] : spans[j][1]]
            return frozenset((h.owner, c_norm[h.start : h.end]) for h in context_hits_of(j))

        def pairs_of(j: int) -> frozenset[tuple[str, str, str]]:
            """The pairs sentence ``j`` names as such (:func:`_between_pairs`)."""
            c_norm = norm[spans[j][0] : spans[j][1]]
            found = context_hits_of(j)
            between = [h for h in found if h.owner in self._between_lexicons]
            others = [h for h in found if h.owner in self._unless_lexicons]
            return _between_pairs(c_norm, between, actors_of(j), others)

        def hits_of(k: int, s_norm: str) -> dict[str, list[Hit]]:
            hits = cue_hits.get(k)
            if hits is None:
                cands = cue_cands.get(k)
                if cands is None:
                    cands = idx._candidates(found.cues(q0 + k), s_norm, idx.always_cues)
                hits = cue_hits[k] = idx.confirm(s_norm, cands)
            return hits

        rows: list[MentionRow] = []
        #: sentence position → the claims found there (the anaphor rule's antecedents)
        tagged: dict[int, frozenset[str]] = {}
        kinds = idx.kinds
        short = idx.short_others
        for k in positions:
            s, e = spans[k]
            s_norm = norm[s:e]
            cands = bulk.candidates.get(q0 + k, [])
            if any(short[i] for i, _ in cands):  # the short stems the bulk check skipped
                cands = [c for c in cands if all(a in s_norm for a in short[c[0]])]
            if not cands:
                continue
            rules = bulk.rules.get(q0 + k, [])
            claim_hits, lexicon_hits = idx.confirm_claims(_unquoted(s_norm), cands)
            if not claim_hits and not self._composable(lexicon_hits, rules):
                continue
            prev = None
            context: _ArticleContext | None = None
            if k > 0:

                def prev(k: int = k - 1) -> str | None:
                    if k not in said:
                        p_norm = norm[spans[k][0] : spans[k][1]]
                        said[k] = last_said(p_norm, hits_of(k, p_norm))
                    return said[k]

            around = _context_positions(k, len(spans))
            if around:

                def actors_at(p: int, around: list[int] = around) -> frozenset[str]:
                    return frozenset(h.owner for h in actors_of(around[p]))

                def words_at(p: int, around: list[int] = around) -> frozenset[tuple[str, str]]:
                    return words_of(around[p])

                def claims_at(p: int, around: list[int] = around) -> frozenset[str]:
                    return tagged.get(around[p], frozenset())

                def pairs_at(p: int, around: list[int] = around) -> frozenset[tuple[str, str, str]]:
                    return pairs_of(around[p])

                context = _ArticleContext(
                    [idxs[j] for j in around], actors_at, words_at, claims_at, pairs_at
                )

            found_rows = self._decide(
                doc_id,
                idxs[k],
                text[s:e],
                s_norm,
                s,
                claim_hits,
                lexicon_hits,
                hits_of(k, s_norm),
                prev,
                context,
                rules,
            )
            if found_rows:
                tagged[k] = frozenset(r.claim_id for r in found_rows)
                rows.extend(found_rows)
        return rows


class _ArticleContext:
    """The article context of one sentence (rule 3): its context sentences (the ones before
    it, nearest first, then the headline) with their actors, the words of the context
    lexicon classes and the claims found there, each looked up only when a rule asks (most
    sentences never need them)."""

    def __init__(
        self,
        sent_idxs: Sequence[int],
        actors_at: Callable[[int], frozenset[str]],
        words_at: Callable[[int], frozenset[tuple[str, str]]],
        claims_at: Callable[[int], frozenset[str]],
        pairs_at: Callable[[int], frozenset[tuple[str, str, str]]],
    ) -> None:
        self.sent_idxs = sent_idxs
        self._actors_at = actors_at
        self._words_at = words_at
        self._claims_at = claims_at
        self._pairs_at = pairs_at
        self._nearest: dict[str, int] | None = None

    def nearest_actors(self) -> dict[str, int]:
        """Actor id → the sentence index of its nearest mention in the context."""
        if self._nearest is None:
            found: dict[str, int] = {}
            for p, k in enumerate(self.sent_idxs):
                for a in self._actors_at(p):
                    found.setdefault(a, k)
            self._nearest = found
        return self._nearest

    def sentences(self) -> Iterator[tuple[int, frozenset[str], frozenset[tuple[str, str]]]]:
        """``(sent_idx, actor ids, {(lexicon class, word)})`` per context sentence, nearest
        first, computed as the caller walks."""
        for p, k in enumerate(self.sent_idxs):
            yield k, self._actors_at(p), self._words_at(p)

    def pairs(self, p: int) -> frozenset[tuple[str, str, str]]:
        """The "between A and B" constructs of the ``p``-th context sentence (nearest
        first): ``(between class, actor A, actor B)``."""
        return self._pairs_at(p)

    def claims(self) -> Iterator[tuple[int, frozenset[str]]]:
        """``(sent_idx, the claim ids found there)`` per context sentence, nearest first."""
        for p, k in enumerate(self.sent_idxs):
            yield k, self._claims_at(p)


class _Prefilter:
    """Which sentences of an :class:`~helpers.claims.pattern_index.AnchorScan` can carry a
    claim, decided in bulk (numpy) from the anchors alone. Candidates are a superset of the
    matches (of an article's context sentences too), so every sentence the exact rules tag
    is kept. A claim needs

    * a candidate of one of its patterns, or of every slot of one of its compose rules (an
      actor candidate for an actor slot) near enough together for the rule's window, with
      none of its ``unless`` slots matched (a whole-word candidate is a match:
      :meth:`LangIndex.scan`);
    * and candidates that can meet its ``requires`` (rule 3): every group named in the
      sentence or, for a group the article context may meet, in one of its context sentences
      (:func:`_context_positions`), at least one group in the sentence — or, for a claim
      with a pair reference (a candidate of the class in the sentence) or ``none_named``,
      both groups in one context sentence (the most recent pair names them);
    * or a candidate of its anaphor class, with a context sentence that can carry the claim
      (chains followed to the end; a denial of a ``denial_also`` claim carries that claim);
    * or, for a claim that ``continues``, a candidate of its pattern or rule (requires aside)
      with a context sentence that can carry the claim (chains likewise).

    The window check: a match holds a word character of one of its entry's candidate rows
    (the anchor hit, or the start of a whole-word match), and a composition spanning word
    characters in word runs ``r1 <= r2`` (:func:`~helpers.claims.pattern_index.word_runs`)
    spans at least ``r2 - r1 + 1`` words; so a rule can fire only if some choice of one row
    per slot lies within ``window`` runs — in the order written, for an ``ordered`` rule.
    Rules with a slot whose rows carry no run (an anchorless pattern, an anchor without word
    characters) are kept on the candidates alone."""

    def __init__(self, tagger: Tagger, idx: LangIndex) -> None:
        codebook = tagger.codebook
        col: dict[tuple[str, str], int] = {}
        for claim in codebook.claims:
            col[("claim", claim.id)] = len(col)
        for lexicon in codebook.lexicons:
            col[("lexicon", lexicon)] = len(col)
        for actor in codebook.actors:
            col[("actor", actor)] = len(col)
        self.n_features = len(col)

        def cols(kind: str, owners: Iterable[str]) -> np.ndarray:
            return np.array(sorted({col[(kind, o)] for o in owners}), dtype=np.int64)

        self.idx = idx
        #: per entry of the index: its feature column (-1: none), and the always-present ones
        self.entry_col = np.array(
            [col.get((kind, owner), -1) for kind, owner in zip(idx.kinds, idx.owners)],
            dtype=np.int64,
        )
        self.always_cols = np.array(
            sorted(
                {
                    col[k]
                    for i in (*idx.always_claims, *idx.always_cues)
                    if (k := (idx.kinds[i], idx.owners[i])) in col
                }
            ),
            dtype=np.int64,
        )
        #: per feature column: do all its rows carry a word run (the window check applies)?
        positioned = np.ones(self.n_features, dtype=bool)
        positioned[self.entry_col[(self.entry_col >= 0) & ~idx.positioned]] = False
        positioned[self.always_cols] = False
        self.plans: list[_ClaimPlan] = []
        rules = {
            claim.id: (c, claim_rules)
            for c, (claim, claim_rules) in enumerate(tagger._compose_rules)
        }
        for claim in codebook.claims:
            plan_rules = []
            c, claim_rules = rules.get(claim.id, (-1, []))
            for r, (rule, _) in enumerate(claim_rules):
                slot_cols, unless_cols = (
                    [
                        cols("lexicon", (slot,))
                        if slot in codebook.lexicons
                        else cols("actor", codebook.actor_groups.get(slot, (slot,)))
                        for slot in slots
                    ]
                    for slots in (rule.slots, rule.unless)
                )
                refs = []
                for s_i, slot in enumerate(rule.slots):  # "its ally" may fill a side's slot
                    ref = _ref_class(claim, slot)
                    if ref is not None:
                        refs.append(ref)
                        slot_cols[s_i] = np.union1d(slot_cols[s_i], cols("lexicon", (ref,)))
                checkable = all(positioned[cs].all() for cs in slot_cols)
                used = cols(
                    "lexicon",
                    (
                        u
                        for u in (*rule.slots, *rule.unless, *rule.unless_near, *refs)
                        if u in codebook.lexicons
                    ),
                )
                plan_rules.append(
                    _RulePlan(
                        slot_cols, rule.window, rule.ordered, checkable, unless_cols, (c, r), used
                    )
                )
            self.plans.append(
                _ClaimPlan(
                    col[("claim", claim.id)],
                    plan_rules,
                    [(cols("actor", g), i in claim.context) for i, g in enumerate(claim.requires)],
                    cols(
                        "lexicon", [c for c in (claim.context_pair, claim.context_group_ref) if c]
                    ),
                    claim.context_none_named,
                    col[("lexicon", claim.context_anaphor)] if claim.context_anaphor else -1,
                    claim.context_continues,
                )
            )
        #: the lexicon classes whose words a kept sentence always confirms: anaphors (a
        #: reference back can carry a claim on its own) and the classes the context rules read
        self.read_always = cols(
            "lexicon",
            {c.context_anaphor for c in codebook.claims if c.context_anaphor}
            | set(tagger._context_lexicons),
        )
        #: per entry: is it on the claim side (a claim pattern or a lexicon word)?
        self.claim_side = np.array([k in CLAIM_SIDE_KINDS for k in idx.kinds], dtype=bool)
        self.always_claims = [(i, int(self.entry_col[i])) for i in idx.always_claims]
        ids = [claim.id for claim in codebook.claims]
        #: per claim: the claims whose denial also asserts it (their sentences carry it too)
        self.denied_by = [
            [j for j, other in enumerate(codebook.claims) if other.denial_also == cid]
            for cid in ids
        ]
        #: does a claim continue from its context (then :meth:`_could_carry` is needed)?
        self.any_continues = any(plan.continues for plan in self.plans)

    def _could_carry(
        self, present: np.ndarray, any_of: Callable[[np.ndarray], np.ndarray]
    ) -> list[np.ndarray]:
        """Per claim, per sentence: could the sentence carry the claim at all — a candidate
        of one of its patterns, of every slot of one of its rules, of its anaphor class, or
        so for a claim whose denial asserts it (``present``: the candidates by feature;
        ``any_of``: a candidate of one of some columns, per sentence)? A superset of the
        sentences the exact rules tag with it, whatever their actors."""
        could = []
        for plan in self.plans:
            out = present[plan.claim_col].copy()
            for rule in plan.rules:
                out |= np.logical_and.reduce([any_of(cols) for cols in rule.slot_cols])
            if plan.anaphor_col >= 0:
                out |= present[plan.anaphor_col]
            could.append(out)
        return [
            np.logical_or.reduce([out, *(could[j] for j in self.denied_by[c])])
            for c, out in enumerate(could)
        ]

    def __call__(self, found: AnchorScan, doc_first: np.ndarray, doc_end: np.ndarray) -> _Bulk:
        """Which sentences can carry a claim, with their claim-side candidates and compose
        rules (:class:`_Bulk`). ``doc_first`` / ``doc_end``: per sentence, the number of its
        document's first sentence and one past its last (the sentences of a document are
        consecutive)."""
        n_sentences = len(doc_first)
        context = _ContextShift(doc_first, doc_end)
        present = np.zeros((self.n_features, n_sentences), dtype=bool)
        sentence, entry, row = self.idx.entry_rows(found)
        column = self.entry_col[entry]
        has = column >= 0
        present[column[has], sentence[has]] = True
        present[self.always_cols] = True
        #: features with a whole-word candidate, i.e. a match
        matched = np.zeros((self.n_features, n_sentences), dtype=bool)
        sure = has & self.idx.whole_word_entries[entry]
        matched[column[sure], sentence[sure]] = True
        runs = _SlotRuns(column, sentence, found.run[row], self.n_features)
        anys: dict[tuple[bool, bytes], np.ndarray] = {}
        around: dict[bytes, np.ndarray] = {}

        def any_of(cols: np.ndarray, sure: bool = False) -> np.ndarray:
            """Per sentence: a candidate (``sure``: a match) of one of the columns ``cols``
            (computed once per set of columns: rules share their slots)."""
            key = (sure, cols.tobytes())
            out = anys.get(key)
            if out is None:
                out = anys[key] = (matched if sure else present)[cols].any(axis=0)
            return out

        def in_context(cols: np.ndarray) -> np.ndarray:
            """Per sentence: a candidate of one of ``cols`` in one of its context sentences."""
            key = cols.tobytes()
            out = around.get(key)
            if out is None:
                out = around[key] = context(any_of(cols))
            return out

        #: per sentence, the claim-side features whose candidates it needs confirmed
        wanted = np.zeros((self.n_features, n_sentences), dtype=bool)
        rules_ok: list[tuple[tuple[int, int], np.ndarray]] = []
        direct: list[np.ndarray] = []  # per claim: by a pattern or a rule, requires met
        #: per claim that continues: a cue of its own, requires aside, where a context
        #: sentence may carry it (the continuation rule's candidates)
        followers: list[tuple[int, np.ndarray]] = []
        could = self._could_carry(present, any_of) if self.any_continues else []
        for c, plan in enumerate(self.plans):
            meet = np.ones(n_sentences, dtype=bool)
            if plan.groups:
                named = [any_of(g) for g, _ in plan.groups]
                meet = np.logical_or.reduce(named)
                for here, (g, may) in zip(named, plan.groups):
                    meet &= here | in_context(g) if may else here
                if len(plan.pair_cols) or plan.none_named:
                    meet |= _by_reference(named, plan, present, context)
            basis = meet | context(could[c]) if plan.continues else meet
            fire = present[plan.claim_col] & meet
            cue = present[plan.claim_col] & basis
            wanted[plan.claim_col] = cue
            for rule in plan.rules if basis.any() else ():
                ok = basis
                for slot in rule.slot_cols:
                    ok = ok & any_of(slot)
                    if not ok.any():
                        break
                else:
                    for slot in rule.unless_cols:
                        ok &= ~any_of(slot, sure=True)
                    if rule.checkable and ok.any():
                        ok = runs.within(rule.slot_cols, rule.window, rule.ordered, ok)
                    if ok.any():
                        fire |= ok & meet
                        cue |= ok
                        wanted[rule.used] |= ok
                        rules_ok.append((rule.position, ok))
            direct.append(fire)
            if plan.continues and (cue & ~fire).any():
                followers.append((c, cue))
        carried = [
            np.logical_or.reduce([fire, *(direct[j] for j in self.denied_by[c])])
            for c, fire in enumerate(direct)
        ]
        anaphors = [
            (c, present[plan.anaphor_col])
            for c, plan in enumerate(self.plans)
            if plan.anaphor_col >= 0 and present[plan.anaphor_col].any()
        ] + followers
        while anaphors:  # a reference back to (or a continuation of) a claim a context
            grown = False  # sentence carries
            for c, word in anaphors:
                more = word & context(carried[c]) & ~carried[c]
                if more.any():
                    grown = True
                    carried[c] |= more
                    direct[c] |= more
                    for other, by in enumerate(self.denied_by):
                        if c in by:  # its denial may assert the other claim there
                            carried[other] |= more
            if not grown:
                break
        keep = np.logical_or.reduce(direct) if direct else np.zeros(n_sentences, dtype=bool)
        wanted[self.read_always] |= keep
        # the claim-side candidates of the kept sentences: rows of the wanted features, by
        # sentence, entry id and row (the order :meth:`AnchorScan.claims` gives them)
        pick = np.flatnonzero(self.claim_side[entry] & keep[sentence])
        pick = pick[wanted[column[pick], sentence[pick]]]
        order = np.lexsort((row[pick], entry[pick], sentence[pick]))
        pick = pick[order]
        rows = row[pick]
        candidates: dict[int, list[tuple[int, list[int]]]] = {}
        last = (-1, -1)
        starts: list[int] = []
        for q, i, a, b in zip(
            sentence[pick].tolist(),
            entry[pick].tolist(),
            found.start[rows].tolist(),
            found.end[rows].tolist(),
        ):
            if (q, i) != last:
                last = (q, i)
                starts = []
                candidates.setdefault(q, []).append((i, starts))
            starts.append(a)
            if b >= 0:  # a whole-word match: start, end
                starts.append(b)
        if self.always_claims:  # anchorless patterns: candidates wherever wanted
            for q in np.flatnonzero(keep).tolist():
                extra: list[tuple[int, list[int]]] = [
                    (i, []) for i, c in self.always_claims if wanted[c, q]
                ]
                if extra:
                    candidates[q] = sorted([*candidates.get(q, []), *extra])
        rules: dict[int, list[tuple[int, int]]] = {}
        for position, ok in rules_ok:
            for q in np.flatnonzero(ok).tolist():
                rules.setdefault(q, []).append(position)
        return _Bulk(keep, candidates, rules)


class _Bulk(NamedTuple):
    """What :class:`_Prefilter` found in a batch of sentences."""

    #: per sentence: can it carry a claim?
    keep: np.ndarray
    #: per kept sentence: its claim-side candidates — (entry id, its anchor's starts, or for
    #: a whole-word entry its matches flattened: start, end, …) by entry id — the patterns
    #: of the claims it can carry, the words of the lexicon classes its possible compose
    #: rules use and of the anaphor and context classes; the other short stems of a pattern
    #: (under 3 letters) are not checked yet
    candidates: dict[int, list[tuple[int, list[int]]]]
    #: per kept sentence: the (claim, rule) positions of the compose rules that can fire
    rules: dict[int, list[tuple[int, int]]]


class _RulePlan(NamedTuple):
    """What :class:`_Prefilter` checks for one compose rule (feature columns)."""

    slot_cols: list[np.ndarray]  # per slot, in the order written
    window: int
    ordered: bool
    checkable: bool  # do all its slots' rows carry word runs?
    unless_cols: list[np.ndarray]  # per unless slot
    position: tuple[int, int]  # (claim, rule) in the tagger's ``_compose_rules``
    used: np.ndarray  # the lexicon classes it reads: slots, unless, unless_near


class _ClaimPlan(NamedTuple):
    """What :class:`_Prefilter` checks for one claim (feature columns of its candidates)."""

    claim_col: int
    rules: list[_RulePlan]
    #: per ``requires`` group: its actors' columns, may the article context meet it
    groups: list[tuple[np.ndarray, bool]]
    #: the pair- and group-reference classes (none: empty)
    pair_cols: np.ndarray
    none_named: bool
    anaphor_col: int  # the anaphor class (-1: none)
    #: a sentence with the claim's cue continues it from a context sentence carrying it
    continues: bool = False


def _by_reference(
    named: list[np.ndarray],
    plan: _ClaimPlan,
    present: np.ndarray,
    context: _ContextShift,
) -> np.ndarray:
    """Per sentence, can a pair / group reference (or ``none_named``) meet the claim's
    ``requires`` (rule 3)? The groups the sentence does not name must be named together in
    one of its context sentences (the most recent pair or group names them) — any split of
    the groups into named here / missing, so a sentence naming one side ("Moscow said the
    two countries …") or, for a claim of three groups, the two it misses; ``none_named``
    needs no reference word, only all groups missing. ``named``: per group, is it named in
    the sentence."""
    word = (
        present[plan.pair_cols].any(axis=0)
        if len(plan.pair_cols)
        else np.zeros(len(named[0]), dtype=bool)
    )
    out = np.zeros(len(named[0]), dtype=bool)
    k = len(named)
    for mask in range(1, 1 << k):
        gone = [named[i] for i in range(k) if mask >> i & 1]
        ok = context(np.logical_and.reduce(gone))
        for i in range(k):
            if not mask >> i & 1:
                ok &= named[i]
        out |= ok if (plan.none_named and len(gone) == k) else ok & word
    return out


class _ContextShift:
    """Per sentence of a batch, whether one of its context sentences (the article context of
    rule 3, :func:`_context_positions`) has a property."""

    def __init__(self, doc_first: np.ndarray, doc_end: np.ndarray) -> None:
        q = np.arange(len(doc_first))
        #: (sentences, their context sentence) pairs, every context position at once
        pairs = [(q > doc_first, doc_first)]  # the headline
        for back in range(1, CONTEXT_SENTENCES + 1):
            pairs.append((q - back >= doc_first, q - back))
        for ahead in range(1, LEAD_SENTENCES + 1):  # a headline's lead
            pairs.append(((q == doc_first) & (q + ahead < doc_end), q + ahead))
        self.targets = np.concatenate([q[ok] for ok, _ in pairs])
        self.sources = np.concatenate([src[ok] for ok, src in pairs])
        self.n = len(q)

    def __call__(self, has: np.ndarray) -> np.ndarray:
        """Boolean per sentence: does one of its context sentences have ``has``?"""
        out = np.zeros(self.n, dtype=bool)
        out[self.targets[has[self.sources]]] = True
        return out


class _SlotRuns:
    """The word runs of the candidate rows of each feature column of a :class:`_Prefilter`
    call, sorted, as keys ``sentence * stride + run`` (``stride`` exceeds every run number
    plus any window, so a window never reaches into another sentence)."""

    def __init__(
        self, column: np.ndarray, sentence: np.ndarray, run: np.ndarray, n_features: int
    ) -> None:
        keep = (column >= 0) & (run >= 0)
        self.stride = int(run.max(initial=0)) + 64  # windows are at most 60 words
        key = sentence[keep] * self.stride + run[keep]
        column = column[keep]
        order = np.lexsort((key, column))
        self.keys = key[order]
        self.bounds = np.searchsorted(column[order], np.arange(n_features + 1))
        self._merged: dict[bytes, np.ndarray] = {}

    def of(self, cols: np.ndarray) -> np.ndarray:
        """The sorted keys of the rows of the feature columns ``cols``."""
        if len(cols) == 1:
            c = int(cols[0])
            keys: np.ndarray = self.keys[self.bounds[c] : self.bounds[c + 1]]
            return keys
        tag = cols.tobytes()
        merged = self._merged.get(tag)
        if merged is None:
            merged = self._merged[tag] = np.sort(
                np.concatenate([self.keys[self.bounds[c] : self.bounds[c + 1]] for c in cols])
            )
        return merged

    def within(
        self, slot_cols: list[np.ndarray], window: int, ordered: bool, allowed: np.ndarray
    ) -> np.ndarray:
        """Boolean per sentence: among the ``allowed`` sentences, those where one row of each
        slot (its columns ``slot_cols``) lies within ``window`` word runs of the first — the
        rows in the slots' order (runs never decreasing) when ``ordered``."""
        out = np.zeros(len(allowed), dtype=bool)
        slots = [self.of(c) for c in slot_cols]
        if any(not len(keys) for keys in slots):
            return out
        firsts = slots[0] if ordered else np.concatenate(slots)
        firsts = firsts[allowed[firsts // self.stride]]
        if not len(firsts):
            return out
        limit = firsts + (window - 1)
        ok = np.ones(len(firsts), dtype=bool)
        if ordered:  # the earliest row of each next slot at or after the previous one
            at = firsts
            for keys in slots[1:]:
                j = np.searchsorted(keys, at)
                ok &= j < len(keys)
                at = keys[np.minimum(j, len(keys) - 1)]
            ok &= at <= limit
        else:  # every slot has a row from the first row on, within the window
            for keys in slots:
                j = np.searchsorted(keys, firsts)
                ok &= (j < len(keys)) & (keys[np.minimum(j, len(keys) - 1)] <= limit)
        out[firsts[ok] // self.stride] = True
        return out


def _between_pairs(
    norm: str, between: Sequence[Hit], actor_hits: Iterable[Hit], others: Sequence[Hit] = ()
) -> frozenset[tuple[str, str, str]]:
    """The pairs a sentence names as such: for each match of a "between" word, the first
    actor at most one word after it and the next other actor at most three words after that
    one — ``(between class, actor A, actor B)`` — and two actors coordinated with each other
    and with no other name ("Russia and Iran", "موسكو وطهران": ``("", A, B)``; ``others``
    are the words of other states that count as names of an enumeration, so "Russia, Iran
    and Syria" is no pair; :func:`~helpers.claims.composition.coordinated`)."""
    names = sorted(actor_hits)
    out = set(_coordinated_pairs(norm, names, others))
    for b in between:
        after = [h for h in names if h.start >= b.end]
        if not after or count_words(norm, b.end, after[0].start) > 1:
            continue
        first = after[0]
        for second in after[1:]:
            if second.owner == first.owner or second.start < first.end:
                continue
            if count_words(norm, first.end, second.start) <= 3:
                out.add((b.owner, first.owner, second.owner))
            break
    return frozenset(out)


def _coordinated_pairs(
    norm: str, names: Sequence[Hit], others: Sequence[Hit]
) -> Iterator[tuple[str, str, str]]:
    """``("", A, B)`` for two actors A and B of ``names`` coordinated with each other in an
    enumeration of exactly two names (actors and the words ``others``; overlapping matches
    are one name)."""
    spans: list[tuple[int, int, set[str]]] = []  # merged names: start, end, actor ids
    marked = [(h.start, -h.end, h.owner) for h in names]
    marked += [(h.start, -h.end, "") for h in others]
    for start, neg_end, owner in sorted(marked):
        owners = {owner} if owner else set()
        if spans and start < spans[-1][1]:
            first, end, held = spans[-1]
            spans[-1] = (first, max(end, -neg_end), held | owners)
        else:
            spans.append((start, -neg_end, owners))
    run = spans[:1]
    for span in [*spans[1:], None]:
        if span is not None and coordinated(norm, run[-1][:2], span[:2]):
            run.append(span)
            continue
        if len(run) == 2 and len(run[0][2]) == len(run[1][2]) == 1:
            (a,), (b,) = run[0][2], run[1][2]
            if a != b:
                yield ("", a, b)
        run = [span] if span is not None else []


#: Quotation marks and parentheses at a word's edge: opening one at the start of a word or,
#: in Arabic, after its proclitic letters (بـ"الموقف), closing one at its end (before a
#: space, punctuation or the sentence's end) — not gershayim inside a Hebrew word (ארה"ב,
#: המל"טים: after Hebrew proclitic letters a quote mark is as often an abbreviation's).
_QUOTES = "\"'«»“”„‘’()\\[\\]"
_EDGE_QUOTES = re.compile(
    rf"(?<!\S)([وفبلك]{{0,2}}ـ?)([{_QUOTES}]+)"
    rf"|([{_QUOTES}]+)(?=[.,:;!?،؛]*(?:\s|$))"
)

#: Any character :data:`_EDGE_QUOTES` blanks: a sentence without one is left as it is.
_ANY_QUOTE = re.compile(f"[{_QUOTES}]")


def _blank(m: re.Match[str]) -> str:
    """The match of :data:`_EDGE_QUOTES` with its quote marks as spaces."""
    if m.group(2) is not None:
        return m.group(1) + " " * len(m.group(2))
    return " " * len(m.group(3))


def _unquoted(norm: str) -> str:
    """``norm`` with the quotation marks and parentheses at word edges blanked (same length):
    what the claim patterns and lexicon words are matched on, so a phrase holds across a
    quoted word — «شريك» استراتيجي, "ברית" אסטרטגית, صواريخ "فتح" — as it does in plain
    text. Speakers read quote marks, so the cue patterns keep the sentence as written."""
    if _ANY_QUOTE.search(norm) is None:  # a plain character search first (cheaper)
        return norm
    return _EDGE_QUOTES.sub(_blank, norm)


def _ref_reused(combo: Sequence[Hit], ref_class: str | None) -> bool:
    """Does a reference to the other side (a hit of ``ref_class``) in a composition's
    ``combo`` overlap another of its hits (the same words filling two slots)?"""
    for h in combo:
        if h.owner == ref_class and any(
            o is not h and o.start < h.end and h.start < o.end for o in combo
        ):
            return True
    return False


def _ref_class(claim: Claim, slot: str) -> str | None:
    """The claim's ``other_ref`` class when the compose slot ``slot`` names one of its two
    ``requires`` groups (a reference to the other side may fill it), else None."""
    if claim.context_other_ref is not None and slot in claim.requires_labels:
        return claim.context_other_ref
    return None


def _blocked(norm: str, lo: int, hi: int, blockers: Sequence[Hit], window: int) -> bool:
    """Does one of the ``unless_near`` matches ``blockers`` void a composition spanning
    ``norm[lo:hi]``: does it overlap the span or lie within ``window`` words before or after
    it (a compose rule's ``unless_window``)?"""
    for b in blockers:
        if b.end <= lo:
            gap = count_words(norm, b.end, lo)
        elif b.start >= hi:
            gap = count_words(norm, hi, b.start)
        else:
            return True
        if gap <= window:
            return True
    return False


def _denies(norm: str, cue: Hit, negators: Sequence[Hit]) -> bool:
    """Does a negator deny the cue itself — at most :data:`DENIAL_WINDOW_WORDS` words before
    it ("لم تكن يوما حليفا", "אינה בעלת ברית") — rather than a verb further back ("לא מיהר
    להגיב לפגיעה בבעלת בריתו": did not hurry) or a word inside a composition's span?"""
    return any(
        n.end <= cue.start and count_words(norm, n.end, cue.start) <= DENIAL_WINDOW_WORDS
        for n in negators
    )


def _beside_a_side(
    text: str,
    claim: Claim,
    missing: Sequence[int],
    partners: Iterable[str],
    actor_hits: Sequence[Hit],
) -> bool:
    """Is every mention of the ``partners`` in the sentence coordinated with a mention of a
    ``requires`` group the sentence names (not one of the ``missing`` ones): "موسكو وبكين",
    "Russia and China" (:func:`~helpers.claims.composition.coordinated`)?"""
    partners = set(partners)
    named = set().union(*(g for i, g in enumerate(claim.requires) if i not in missing))
    sides = [(h.start, h.end) for h in actor_hits if h.owner in named]
    return all(
        any(coordinated(text, (h.start, h.end), side) for side in sides)
        for h in actor_hits
        if h.owner in partners
    )


def _inside_url(norm: str, cue: Hit) -> bool:
    """Does the cue lie inside one whitespace-free token that is a web address (site chrome:
    a link's slug repeats a headline's words joined by hyphens)?"""
    if "://" not in norm and "www." not in norm:  # the token is part of the sentence
        return False
    if any(ch.isspace() for ch in norm[cue.start : cue.end]):
        return False
    lo = max(norm.rfind(ch, 0, cue.start) for ch in " \t\n") + 1
    ends = [i for i in (norm.find(ch, cue.end) for ch in " \t\n") if i >= 0]
    token = norm[lo : min(ends) if ends else len(norm)]
    return "://" in token or token.startswith("www.")


def _context_positions(k: int, n: int) -> list[int]:
    """Positions (in the document's sentence order) of the article context of sentence
    position ``k`` of a document of ``n`` sentences: the preceding :data:`CONTEXT_SENTENCES`,
    nearest first, then the headline (position 0); for the headline itself, its lead — the
    :data:`~helpers.claims.composition.LEAD_SENTENCES` after it, nearest first."""
    if k == 0:
        return list(range(1, min(1 + LEAD_SENTENCES, n)))
    out = list(range(k - 1, max(k - 1 - CONTEXT_SENTENCES, -1), -1))
    if 0 not in out:
        out.append(0)
    return out


def _run(
    documents: pd.DataFrame, sentences: pd.DataFrame, tagger: Tagger, naive: bool
) -> pd.DataFrame:
    """The mentions of ``documents`` (see :func:`annotate`; ``naive``: the reference loop),
    with the cyclic garbage collector paused (:func:`~helpers.core.collector.collector_paused`:
    tagging makes no reference cycles, but its allocations made the collector walk the heap,
    the tagger's compiled codebook included — 13-17 % of annotate's CPU on bench_tagger's
    corpora)."""
    with collector_paused():
        return _run_rules(documents, sentences, tagger, naive)


def _run_rules(
    documents: pd.DataFrame, sentences: pd.DataFrame, tagger: Tagger, naive: bool
) -> pd.DataFrame:
    missing = {"doc_id", "lang", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents lacks column(s) {sorted(missing)}")
    missing = {"doc_id", "sent_idx", "start", "end"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences lacks column(s) {sorted(missing)}")
    by_doc = sentence_groups(sentences)
    rows: list[MentionRow] = []
    batches: dict[str, list[tuple[str, str, list[int], list[tuple[int, int]]]]] = {}
    batch_chars: dict[str, int] = {}
    for doc_id, lang, text in zip(
        documents["doc_id"].tolist(), documents["lang"].tolist(), documents["text"].tolist()
    ):
        if lang not in tagger._index or doc_id not in by_doc:
            continue
        idxs, spans = by_doc[doc_id]
        doc_id = str(doc_id)
        if not (
            naive
            or any(spans[k][0] < spans[k - 1][1] for k in range(1, len(spans)))
            or spans[0][0] < 0
            or spans[-1][1] > len(text)
        ):  # fast path: documents tagged in batches (one automaton pass per batch)
            batch = batches.setdefault(lang, [])
            batch.append((doc_id, text, idxs, spans))
            batch_chars[lang] = batch_chars.get(lang, 0) + len(text)
            if batch_chars[lang] >= BATCH_CHARS:
                rows.extend(tagger._tag_batch(lang, batch))
                batches[lang], batch_chars[lang] = [], 0
            continue
        # reference loop / overlapping or out-of-text spans: sentence by sentence
        norm = tagger._lookup[lang](text)
        prev_norm: str | None = None
        norms = [norm[s:e] for s, e in spans]
        found_claims: dict[int, frozenset[str]] = {}  # sent_idx → claims found there
        for k, (sent_idx, (s, e)) in enumerate(zip(idxs, spans)):
            s_norm = norms[k]
            context_norms = [(idxs[j], norms[j]) for j in _context_positions(k, len(spans))]
            found_rows = tagger._tag_rows(
                doc_id,
                sent_idx,
                text[s:e],
                s_norm,
                s,
                lang,
                prev_norm,
                naive,
                context_norms,
                found_claims,
            )
            if found_rows:
                found_claims[sent_idx] = frozenset(r.claim_id for r in found_rows)
                rows.extend(found_rows)
            prev_norm = s_norm
    for lang, batch in batches.items():
        if batch:
            rows.extend(tagger._tag_batch(lang, batch))
    rows.sort(key=_TABLE_ORDER)
    return mentions_frame(rows)


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

"""Compositional claims and article context as codebook data (loaded by
:mod:`helpers.claims.codebook`, applied by :mod:`helpers.claims.annotate`).

Three optional codebook sections / claim keys:

* ``actor_groups`` (top level): named sets of actor ids, e.g. ``SIDE_A: [STATE_A, LEADER_A, …]``. A
  claim's ``requires`` may name a group instead of listing its actors, and ``context`` and
  ``compose`` refer to groups by name.
* ``lexicons`` (top level): word classes per language, written in the pattern syntax of
  :mod:`helpers.claims.patterns` — ``SUPPLY: {he: [סיפק*, …], ar: [زود*, …]}``.
* per claim, ``compose``: a list of rules; each rule is a list of slots (a lexicon class, an
  actor group or an actor id) or a mapping ``{slots: [...], window: N, ordered: true,
  unless: [...]}``. The rule fires when every slot matches in the sentence and all the
  matched words lie within ``window`` words (:data:`DEFAULT_WINDOW` unless given), first slot
  to last — in the order written when ``ordered`` (a noun before its adjective), in any order
  otherwise — and no ``unless`` slot matches anywhere in the sentence (the recipient of a
  delivery decides its direction: a supply verb + a drone noun is an arms claim from side B
  to side A unless the sentence sends them "to B"). ``unless_near`` slots void the rule
  only when they match within ``unless_window`` words (:data:`DEFAULT_UNLESS_WINDOW` unless
  given) of the rule's matched words — before the first, after the last, or among them: in
  a long sentence a modal verb or a rival state three clauses away belongs to another
  clause, not to this composition. One rule — a supply verb + a weapon noun — covers the
  paraphrases a phrase list never will.
* per claim, ``context``: the names of ``requires`` groups that may be met by the article
  instead of the sentence — an actor of the group in the document's first sentence (the
  headline) or in the :data:`CONTEXT_SENTENCES` sentences before this one; the headline's
  own context is the article's lead, the :data:`LEAD_SENTENCES` sentences after it (a
  headline names one side, "Moscow approves the air-defence deal", and the lead the other,
  "… the contract with Tehran …"). At least one
  ``requires`` group must still be met in the sentence itself, so a sentence that names
  neither side carries no claim by context alone — unless one of the two opt-ins below
  applies. ``{groups: [...], unless: [...], pair: CLASS, none_named: true}``: ``unless``
  names actors, actor groups or lexicon classes (words naming other states) that forbid the
  context when the sentence names them: a sentence about a delivery to a third state is not
  about the side the headline names. ``partners`` (some of the ``unless`` actors or groups)
  do not forbid it when every mention of theirs is coordinated with a mention of a side the
  sentence names — "Moscow and Beijing condemned the strike" is Russia's condemnation with
  China beside it, not a claim about China (:func:`coordinated`). With ``unless_window: N``
  the ``unless`` actors and words forbid it only within N words of the claim's cue (before,
  after or inside it): "ties stronger than ever, since the rapprochement that began in
  Syria" — Syria a clause away is another topic.
* ``pair`` (a lexicon class of pair references: "the two countries", البلدين, שתי המדינות)
  and ``none_named: true`` let a sentence that names NEITHER of the claim's two groups take
  both from the article, when the **most recent pair** of the article is exactly those two
  sides (:func:`most_recent_pair`): walking back from the sentence itself through the
  previous :data:`CONTEXT_SENTENCES` sentences to the headline, the first sentence naming two
  or more parties decides — its parties must be the claim's two groups and nothing else
  ("Syria and Turkey signed … the two countries" is theirs, not Russia's and Iran's). A
  party is a ``requires`` group (any of its actors), any other actor of kind ``state`` or in
  an actor group, or a word of an ``unless`` lexicon class. ``pair`` needs a word of the
  class in the sentence; ``none_named`` (for claims whose predicate is specific, e.g. "the
  treaty") needs none. Neither applies when the sentence names an ``unless`` actor or word.
  A pair reference beside ONE named side meets the other side through the same walk, even
  a group the context may not meet on its own (not in ``groups``); ``none_named`` needs
  both groups in ``groups``. In the walk, a sentence that coordinates the two sides alone
  ("Russia and Iran against the West": no third name in that enumeration) names their pair
  whatever else it names.
  With ``between: CLASS`` (a lexicon class of the word "between": בין, بين) a sentence that
  joins two parties as "between A and B" — A at most one word after the word, B at most
  three words after A — has that pair whatever else it names: "the alliance between Tehran
  and Moscow that worries Israel … the two countries" is Russia and Iran's.
* per claim, ``lists`` (the manual's background lists): ``{outsiders: [...], min_items: N}``
  (short form: the list of outsiders). When the sentence names two or more ``requires``
  groups and every mention of each stands inside an **enumeration** — at least
  ``min_items`` (:data:`LIST_MIN_ITEMS` unless given) names in a row, joined only by
  commas, hyphens and "and" (a bare space does not join: "دعت موسكو طهران وواشنطن" is a
  verb's subject and objects) — holding an outsider (an actor, actor group or lexicon class of
  ``outsiders``), the sides are members of a background list, not the parties of the claim,
  and the claim is void: "the deal signed by the US, Russia, China, France and Iran", "drone
  plants in Iran, Syria and Russia". A name is an actor of kind ``state`` or in an actor
  group, or a word of an ``outsiders`` lexicon class. "Russia, China and Iran" (no
  outsider) stays the three-way bloc it is, and "Russia turned to China, India and Iran"
  (Russia outside the list) keeps its claim (:func:`listed_only`). ``governed_by: [CLASS]``
  (lexicon classes of "with" / "to" words: مع, עם, and the names with their proclitic,
  لروسيا) voids the claim, outsider or not, when the two sides are named only as the
  objects of such a word — every mention of each inside an enumeration (of two names or
  more, joined by commas, "and" or "or") that the word opens, one of them holding two
  sides: "Venezuela strengthens its close ties with China, Russia and Iran", "a close ally
  of Russia and Iran" are a third party's relations (:func:`governed_only`). "Russia's ties
  with Iran" (Russia outside) keep the claim.
* ``group_ref`` (a lexicon class of group references: "the three countries", الدول الأربع,
  שלוש המדינות): as ``pair``, but the article's most recent group — the first sentence,
  walking back, naming two or more parties — need only hold the missing sides, third
  parties allowed ("Russia, China and Iran held drills … the three countries oppose US
  hegemony"); ``unless`` actors and words in the sentence still forbid it.
* ``other_ref`` (a lexicon class of words referring to the other side: "its ally", "its
  partner", "his guest", حليفها, ضيفه, בעלת בריתה, השותפה שלה): in a sentence naming exactly
  one of the claim's two ``requires`` groups, a word of the class fills the compose slots of
  the other group ("Moscow will not abandon its ally" is the Russian side + a word of
  abandoning + Iran's side); that group must still be met as any other — by the article
  context (the claim's ``groups``, no ``unless`` actor or word), so "its ally" in an article
  about Syria is not Iran. The ``rule`` column adds `` ref:<word>``.
* ``anaphor`` (a lexicon class of references back to the claim's object: "this agreement",
  هذه الاتفاقية, "these deliveries", ההסכם הזה): a sentence holding one carries the claim when
  one of its context sentences (the same window) carries that claim — a reference to the
  agreement just reported is a mention of it, whoever the sentence names — unless it names
  an ``unless`` actor or word (this agreement *with Turkey*). Chains are allowed: each link
  needs its own reference word within the window.
* ``continues: true``: a sentence holding the claim's own cue (a pattern or a composition)
  that does not meet ``requires`` — it names one side or neither, and the missing groups may
  not come from the context ("Moscow will not recognise the renewed sanctions" after "Russia
  and Iran reject the West's sanctions") — carries the claim when one of its context
  sentences (the same window) carries that claim, as found by the tagger: the paragraph goes
  on with the claim of the sentence before. Not when the sentence names an ``unless`` actor
  or word, nor when a context sentence nearer than the one carrying the claim names an
  ``unless`` actor or word and neither side (the article went on to another party). For
  claims whose cue is specific to the story once the article is on it (the
  bloc against the West, the treaty's missing defence clause); the ``rule`` column adds
  `` +context:<claim>@s<k> via continues``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_WINDOW",
    "DEFAULT_UNLESS_WINDOW",
    "CONTEXT_SENTENCES",
    "LEAD_SENTENCES",
    "ComposeRule",
    "ContextRule",
    "LIST_MIN_ITEMS",
    "ListGuard",
    "listed_only",
    "governed_only",
    "check_lists",
    "most_recent_pair",
    "coordinated",
    "check_actor_groups",
    "check_requires",
    "check_context",
    "check_compose",
]

#: Max words spanned by a composition (first slot's first word to last slot's last word).
DEFAULT_WINDOW = 10
#: Max words between a compose rule's matched words and an ``unless_near`` match that voids it.
DEFAULT_UNLESS_WINDOW = 8
#: Fewest names in a row that make an enumeration a background list (``lists`` default).
LIST_MIN_ITEMS = 3
#: What may stand between two names of one enumeration: commas, hyphens, slashes, spaces
#: and one "and" (Arabic و / Hebrew ו also come as the next name's proclitic, inside its match).
_LIST_GAP_RE = re.compile(r"[\s,،؛/\-–—]*(?:(?:and|و|ו)[\s\-–]*)?")
#: Marks of an enumeration in that gap; a bare space is none ("دعت موسكو طهران": the verb's
#: subject and its object, side by side).
_LIST_MARKS = frozenset(",،؛/-–—")
_LIST_AND = frozenset({"and", "و", "ו"})
#: What may stand between two names of an enumeration opened by a governor word
#: (:func:`governed_only`): as :data:`_LIST_GAP_RE`, and "or" too ("with Russia or Iran").
_GOVERNED_GAP_RE = re.compile(r"[\s,،؛/\-–—]*(?:(?:and|و|ו|or|او|או)[\s\-–]*)?")
_GOVERNED_OR = frozenset({"or", "او", "או"})
#: How many preceding sentences (besides the headline) a claim's context looks back.
CONTEXT_SENTENCES = 3
#: How many sentences after the headline (the article's lead) make the headline's context.
LEAD_SENTENCES = 1

Fail = Callable[[str, str], Exception]


@dataclass(frozen=True)
class ComposeRule:
    """One composition: every slot must match within ``window`` words."""

    slots: tuple[str, ...]
    window: int = DEFAULT_WINDOW
    #: the slots must match in the order written
    ordered: bool = False
    #: slots that void the rule when any of them matches in the sentence
    unless: tuple[str, ...] = ()
    #: slots that void the rule when any of them matches within ``unless_window`` words of
    #: the rule's matched words (before the first, after the last, or among them)
    unless_near: tuple[str, ...] = ()
    unless_window: int = DEFAULT_UNLESS_WINDOW

    @property
    def name(self) -> str:
        """The rule as written in the mentions table's ``rule`` column: ``A+B+C``."""
        return "+".join(self.slots)


@dataclass(frozen=True)
class ContextRule:
    """A claim's ``context`` declaration (see the module docstring)."""

    #: indices of the ``requires`` groups the article context may meet
    groups: tuple[int, ...] = ()
    #: actor ids that, named in the sentence, forbid the context
    unless_actors: frozenset[str] = frozenset()
    #: lexicon classes (words naming other states) that do the same; in the article context
    #: their words are parties of a pair
    unless_lexicons: tuple[str, ...] = ()
    #: lexicon class of pair references ("the two countries") standing for both groups
    pair: str | None = None
    #: a sentence naming neither group may take both from the most recent pair
    none_named: bool = False
    #: lexicon class of references back to the claim's object ("this agreement")
    anaphor: str | None = None
    #: lexicon class of "between" (בין, بين): "between A and B" names the pair of its sentence
    between: str | None = None
    #: ``unless`` actors that do not forbid the context when every mention of theirs is
    #: coordinated with a mention of a side the sentence names ("Moscow and Beijing")
    partners: frozenset[str] = frozenset()
    #: with a number, an ``unless`` actor or word forbids the context only within that many
    #: words of the cue (a third state a clause away is another topic); None: anywhere
    unless_window: int | None = None
    #: lexicon class of words referring to the other side ("its ally", حليفها, בעלת בריתה):
    #: beside one named side they fill the other side's compose slots
    other_ref: str | None = None
    #: lexicon class of group references ("the three countries"): like ``pair``, but the
    #: article's most recent group need only hold the sides
    group_ref: str | None = None
    #: a sentence with the claim's own cue that misses a side carries the claim when a
    #: context sentence carries it (the paragraph continues the claim)
    continues: bool = False


@dataclass(frozen=True)
class ListGuard:
    """A claim's ``lists`` declaration (see the module docstring)."""

    #: actor ids whose presence makes an enumeration a background list
    outsider_actors: frozenset[str]
    #: lexicon classes (words naming other states) that do the same
    outsider_lexicons: tuple[str, ...] = ()
    min_items: int = LIST_MIN_ITEMS
    #: lexicon classes of "with" / "to" words whose objects are a third party's partners
    governors: tuple[str, ...] = ()


def listed_only(
    norm: str,
    names: Sequence[tuple[int, int, bool]],
    side: Sequence[tuple[int, int]],
    min_items: int = LIST_MIN_ITEMS,
) -> bool:
    """Is every mention ``side`` (``(start, end)`` offsets in ``norm``) of one side inside a
    background list: an enumeration of at least ``min_items`` of the sentence's ``names``
    (``(start, end, is_outsider)``; the side's own mentions among them) in a row, joined
    only by what :data:`_LIST_GAP_RE` allows, with an outsider among them? False when the
    side has no mention."""
    if not side:
        return False
    spans: list[list[int]] = []  # merged overlapping names: [start, end, outsider]
    for start, end, outsider in sorted(names):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2] |= outsider
        else:
            spans.append([start, end, int(outsider)])
    listed: list[tuple[int, int]] = []
    run = spans[:1]
    for span in [*spans[1:], None]:
        if span is not None and _joined(norm, run[-1][1], span[0]):
            run.append(span)
            continue
        if len(run) >= min_items and any(r[2] for r in run):
            listed.append((run[0][0], run[-1][1]))
        run = [span] if span is not None else []
    return all(any(lo <= s and e <= hi for lo, hi in listed) for s, e in side)


def governed_only(
    norm: str,
    names: Sequence[tuple[int, int]],
    sides: Sequence[Sequence[tuple[int, int]]],
    governors: Sequence[tuple[int, int]],
) -> bool:
    """Are the ``sides`` (per side, its mentions as ``(start, end)`` offsets in ``norm``; two
    or more sides named) only the objects of a governor word ("with", "to": ``governors``,
    their spans)? True when every mention of every side lies inside an enumeration of the
    sentence's ``names`` (``(start, end)``, the sides' own mentions among them; names in a row
    joined by commas, hyphens, "and" or "or") that a governor opens — the governor ends right
    before its first name (only spaces between) or overlaps it (a proclitic: لروسيا) — and one
    such enumeration holds mentions of two sides or more."""
    named = [side for side in sides if side]
    if len(named) < 2 or not governors:
        return False
    spans: list[list[int]] = []  # merged overlapping names: [start, end]
    for start, end in sorted(names):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    runs: list[tuple[int, int]] = []
    run = spans[:1]
    for span in [*spans[1:], None]:
        if span is not None and _joined(norm, run[-1][1], span[0], governed=True):
            run.append(span)
            continue
        first = run[0][0]
        if any(
            (g_end <= first and not norm[g_end:first].strip()) or g_start <= first < g_end
            for g_start, g_end in governors
        ):
            runs.append((first, run[-1][1]))
        run = [span] if span is not None else []

    def run_of(start: int, end: int) -> int | None:
        return next((i for i, (lo, hi) in enumerate(runs) if lo <= start and end <= hi), None)

    held: list[set[int]] = [set() for _ in runs]
    for n, side in enumerate(named):
        for start, end in side:
            i = run_of(start, end)
            if i is None:
                return False
            held[i].add(n)
    return any(len(sides_in) >= 2 for sides_in in held)


def _joined(norm: str, end: int, start: int, governed: bool = False) -> bool:
    """Do the names ending at ``end`` and starting at ``start`` follow each other in one
    enumeration: only :data:`_LIST_GAP_RE` between them, with a comma, hyphen, slash or
    "and" there or as the next name's proclitic (و, ו)? ``governed``: an enumeration opened
    by a governor word, which may also join its names by "or"."""
    if not (_GOVERNED_GAP_RE if governed else _LIST_GAP_RE).fullmatch(norm, end, start):
        return False
    gap = norm[end:start]
    words = gap.split()
    return (
        not _LIST_MARKS.isdisjoint(gap)
        or not _LIST_AND.isdisjoint(words)
        or (governed and not _GOVERNED_OR.isdisjoint(words))
        or norm[start : start + 1] in ("و", "ו")
    )


def coordinated(norm: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Are the names at spans ``a`` and ``b`` of ``norm`` (``(start, end)``, not overlapping)
    next to each other in one coordination — only a comma, hyphen, slash or "and" between
    them ("موسكو وبكين", "Russia and China")?"""
    first, second = sorted((a, b))
    return first[1] <= second[0] and _joined(norm, first[1], second[0])


def most_recent_pair(
    parties_nearest_first: Iterable[tuple[int, frozenset[str]]],
    sides: frozenset[str],
    named: frozenset[str] = frozenset(),
    group: bool = False,
) -> int | None:
    """The sentence index of the article's most recent pair when it is exactly ``sides``.

    ``parties_nearest_first`` holds ``(sent_idx, the parties it names)`` for the sentence
    itself, then the sentences before it, nearest first, then the headline. The first one
    naming two or more parties is the most recent pair: its ``sent_idx`` when those parties
    are ``sides`` and nothing else — besides ``named``, the sides the sentence itself names
    ("Moscow said the two countries …" after "Russia and Iran …": ``sides`` is Iran, ``named``
    Russia) — else ``None`` (a third party is one of the pair, or no sentence names a
    pair). ``group``: the most recent group of two or more parties need only hold ``sides``
    ("Russia, China and Iran … the three countries")."""
    for sent_idx, parties in parties_nearest_first:
        if len(parties) >= 2:
            found = parties - named
            return sent_idx if (found >= sides if group else found == sides) else None
    return None


def check_actor_groups(
    fail: Fail, raw: Any, actors: Mapping[str, object]
) -> dict[str, tuple[str, ...]]:
    """Validate ``actor_groups``: name → non-empty list of known actor ids."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail("actor_groups", "expected a mapping of group name → list of actor ids")
    groups: dict[str, tuple[str, ...]] = {}
    for name, members in raw.items():
        where = f"actor_groups.{name}"
        if not isinstance(name, str) or not name.isupper():
            raise fail(where, f"bad group name {name!r}: expected UPPER_SNAKE")
        if name in actors:
            raise fail(where, f"group name {name} is also an actor id")
        if not isinstance(members, list) or not members:
            raise fail(where, "expected a non-empty list of actor ids")
        for aid in members:
            if aid not in actors:
                raise fail(where, f"unknown actor {aid!r}")
        groups[name] = tuple(dict.fromkeys(members))
    return groups


def check_requires(
    fail: Fail,
    where: str,
    raw: Any,
    actors: Mapping[str, object],
    groups: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """A claim's ``requires``: each entry a group name or a non-empty list of actor ids.
    Returns the actor-id groups and their labels (the group name, or the ids joined by ``|``)."""
    if raw is None:
        return (), ()
    if not isinstance(raw, list):
        raise fail(where, "requires must be a list of actor-group names or lists of actor ids")
    out: list[tuple[str, ...]] = []
    labels: list[str] = []
    for entry in raw:
        if isinstance(entry, str):
            if entry not in groups:
                raise fail(where, f"unknown actor group {entry!r} in requires")
            out.append(groups[entry])
            labels.append(entry)
            continue
        if not isinstance(entry, list) or not entry:
            raise fail(where, "requires must be a list of non-empty lists of actor ids")
        for aid in entry:
            if aid not in actors:
                raise fail(where, f"unknown actor {aid!r} in requires")
        out.append(tuple(entry))
        named = [g for g, members in groups.items() if members == tuple(entry)]
        labels.append(named[0] if named else "|".join(entry))
    return tuple(out), tuple(labels)


def check_context(
    fail: Fail,
    where: str,
    raw: Any,
    requires_labels: tuple[str, ...],
    actors: Mapping[str, object],
    groups: Mapping[str, tuple[str, ...]],
    lexicons: Mapping[str, object] | None = None,
) -> ContextRule:
    """A claim's ``context``: names of its ``requires`` groups that the article may satisfy
    — a list, or ``{groups: [...], unless: [...], pair: CLASS, none_named: true}`` (see the
    module docstring): ``unless`` names actor groups, actors or lexicon classes that, named
    in the sentence, forbid the context; ``pair`` a lexicon class of pair references;
    ``none_named`` lets a sentence naming neither group take both from the article;
    ``anaphor`` a lexicon class of references back to the claim's object; ``continues``
    lets a sentence with the claim's cue take the missing sides from a context sentence that
    carries the claim."""
    if raw is None:
        return ContextRule()
    lexicons = lexicons or {}
    unless: set[str] = set()
    unless_lexicons: list[str] = []
    partners: frozenset[str] = frozenset()
    pair: str | None = None
    anaphor: str | None = None
    between: str | None = None
    other_ref: str | None = None
    group_ref: str | None = None
    none_named = False
    continues = False
    unless_window: int | None = None
    keys = (
        "groups",
        "unless",
        "pair",
        "none_named",
        "anaphor",
        "between",
        "partners",
        "unless_window",
        "other_ref",
        "group_ref",
        "continues",
    )
    if isinstance(raw, dict):
        unknown = sorted(str(k) for k in set(raw) - set(keys))
        if unknown or "groups" not in raw:
            problem = f"unknown key(s) {', '.join(unknown)}; " if unknown else ""
            raise fail(
                where,
                f"{problem}context mapping has keys groups (required), unless, pair, "
                "none_named, anaphor, between, partners, unless_window, other_ref, group_ref, "
                "continues",
            )
        named_actors, named_lexicons = _actors_or_lexicons(
            fail, where, "context unless", raw.get("unless") or [], actors, groups, lexicons
        )
        unless.update(named_actors)
        unless_lexicons.extend(named_lexicons)

        def lexicon_class(key: str) -> str | None:
            """The lexicon class a context key names (None when absent); else one clear line."""
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or value not in lexicons):
                raise fail(where, f"context {key} must name a lexicon class, got {value!r}")
            return value

        pair = lexicon_class("pair")
        anaphor = lexicon_class("anaphor")
        between = lexicon_class("between")
        group_ref = lexicon_class("group_ref")
        other_ref = lexicon_class("other_ref")
        partner_actors, partner_lexicons = _actors_or_lexicons(
            fail, where, "context partners", raw.get("partners") or [], actors, groups, {}
        )
        if partner_lexicons or not partner_actors <= unless:
            raise fail(where, "context partners must be actors or actor groups of context unless")
        partners = frozenset(partner_actors)
        if "unless_window" in raw:
            unless_window = raw["unless_window"]
            if not _word_count(unless_window):
                raise fail(
                    where,
                    f"context unless_window must be an integer from 1 to 60, got {unless_window!r}",
                )
            if not raw.get("unless"):
                raise fail(where, "context unless_window needs unless")
        none_named = raw.get("none_named", False)
        if not isinstance(none_named, bool):
            raise fail(where, f"context none_named must be true or false, got {none_named!r}")
        continues = raw.get("continues", False)
        if not isinstance(continues, bool):
            raise fail(where, f"context continues must be true or false, got {continues!r}")
        raw = raw["groups"]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise fail(where, "context must be a list of names of the claim's requires groups")
    if len(requires_labels) < 2:
        raise fail(
            where, "context needs at least two requires groups (one must stay in the sentence)"
        )
    out = []
    for name in raw:
        if name not in requires_labels:
            raise fail(
                where,
                f"context group {name!r} is not one of requires ({', '.join(requires_labels)})",
            )
        out.append(requires_labels.index(name))
    indices = tuple(sorted(set(out)))
    if pair is not None and len(requires_labels) < 2:
        raise fail(where, "context pair needs two requires groups or more")
    if none_named and (len(requires_labels) != 2 or len(indices) != 2):
        raise fail(
            where, "context none_named needs exactly two requires groups, both in context groups"
        )
    if between is not None and pair is None and not none_named:
        raise fail(where, "context between needs pair or none_named (it decides their pair)")
    if group_ref is not None and len(requires_labels) < 2:
        raise fail(where, "context group_ref needs two requires groups or more")
    if other_ref is not None and len(requires_labels) != 2:
        raise fail(where, "context other_ref needs exactly two requires groups")
    return ContextRule(
        indices,
        frozenset(unless),
        tuple(unless_lexicons),
        pair,
        none_named,
        anaphor,
        between,
        partners,
        unless_window,
        other_ref,
        group_ref,
        continues,
    )


def check_compose(
    fail: Fail,
    where: str,
    raw: Any,
    lexicons: Mapping[str, object],
    groups: Mapping[str, object],
    actors: Mapping[str, object],
) -> tuple[ComposeRule, ...]:
    """A claim's ``compose`` rules (see the module docstring)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise fail(where, "compose must be a non-empty list of rules")
    rules = []

    def check_slots(at: str, slots: Any, minimum: int) -> tuple[str, ...]:
        if not isinstance(slots, list) or len(slots) < minimum:
            raise fail(at, f"a rule needs at least {minimum} slot(s) here")
        for slot in slots:
            if not isinstance(slot, str) or not (
                slot in lexicons or slot in groups or slot in actors
            ):
                raise fail(at, f"unknown slot {slot!r}: not a lexicon, actor group or actor")
        if len(set(slots)) != len(slots):
            raise fail(at, "a slot appears twice")
        return tuple(slots)

    for i, rule in enumerate(raw):
        at = f"{where}.compose[{i}]"
        window, ordered = DEFAULT_WINDOW, False
        unless: tuple[str, ...] = ()
        unless_near: tuple[str, ...] = ()
        unless_window = DEFAULT_UNLESS_WINDOW
        if isinstance(rule, dict):
            keys = {"slots", "window", "ordered", "unless", "unless_near", "unless_window"}
            if set(rule) - keys or "slots" not in rule:
                raise fail(
                    at,
                    "a rule mapping has keys slots (required), window, ordered, unless, "
                    "unless_near, unless_window",
                )
            window = rule.get("window", DEFAULT_WINDOW)
            if not _word_count(window):
                raise fail(at, f"window must be an integer from 1 to 60, got {window!r}")
            if "unless_window" in rule:
                unless_window = rule["unless_window"]
                if not _word_count(unless_window):
                    raise fail(
                        at, f"unless_window must be an integer from 1 to 60, got {unless_window!r}"
                    )
                if "unless_near" not in rule:
                    raise fail(at, "unless_window needs unless_near slots")
            ordered = rule.get("ordered", False)
            if not isinstance(ordered, bool):
                raise fail(at, f"ordered must be true or false, got {ordered!r}")
            if "unless" in rule:
                unless = check_slots(at, rule["unless"], 1)
            if "unless_near" in rule:
                unless_near = check_slots(at, rule["unless_near"], 1)
            rule = rule["slots"]
        slots = check_slots(at, rule, 2)
        if not any(slot in lexicons for slot in slots):
            # the tagger only looks further at sentences holding a claim pattern or a lexicon
            # word: a rule of actors alone would never be tried
            raise fail(at, "a rule needs at least one lexicon slot")
        rules.append(ComposeRule(slots, window, ordered, unless, unless_near, unless_window))
    return tuple(rules)


def _word_count(value: Any) -> bool:
    """Is ``value`` a word count a rule may declare (an integer from 1 to 60)?"""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 60


def check_lists(
    fail: Fail,
    where: str,
    raw: Any,
    actors: Mapping[str, object],
    groups: Mapping[str, tuple[str, ...]],
    lexicons: Mapping[str, object],
) -> ListGuard | None:
    """A claim's ``lists``: ``{outsiders: [...], min_items: N, governed_by: [...]}`` or the
    list of outsiders (actor ids, actor groups or lexicon classes; ``governed_by``: lexicon
    classes of "with" / "to" words; see the module docstring)."""
    if raw is None:
        return None
    min_items = LIST_MIN_ITEMS
    governors: tuple[str, ...] = ()
    if isinstance(raw, dict):
        unknown = sorted(str(k) for k in set(raw) - {"outsiders", "min_items", "governed_by"})
        if unknown or "outsiders" not in raw:
            raise fail(where, "lists mapping has keys outsiders (required), min_items, governed_by")
        if "governed_by" in raw:
            governed_by = raw["governed_by"]
            if (
                not isinstance(governed_by, list)
                or not governed_by
                or not all(isinstance(g, str) and g in lexicons for g in governed_by)
            ):
                raise fail(
                    where,
                    f"lists governed_by must be a list of lexicon classes, got {governed_by!r}",
                )
            governors = tuple(dict.fromkeys(governed_by))
        min_items = raw.get("min_items", LIST_MIN_ITEMS)
        if (
            not isinstance(min_items, int)
            or isinstance(min_items, bool)
            or not 2 <= min_items <= 10
        ):
            raise fail(where, f"lists min_items must be an integer from 2 to 10, got {min_items!r}")
        raw = raw["outsiders"]
    if not isinstance(raw, list) or not raw:
        raise fail(where, "lists outsiders must be a non-empty list")
    outsiders, outsider_lexicons = _actors_or_lexicons(
        fail, where, "lists outsiders", raw, actors, groups, lexicons
    )
    return ListGuard(frozenset(outsiders), tuple(outsider_lexicons), min_items, governors)


def _actors_or_lexicons(
    fail: Fail,
    where: str,
    what: str,
    names: list[Any],
    actors: Mapping[str, object],
    groups: Mapping[str, tuple[str, ...]],
    lexicons: Mapping[str, object],
) -> tuple[set[str], list[str]]:
    """The actor ids (a group's members, or an actor) and the lexicon classes that ``names``
    (a codebook list such as ``context unless`` or ``lists outsiders``, named ``what`` in the
    error) refers to; an unknown name fails."""
    named_actors: set[str] = set()
    named_lexicons: list[str] = []
    for name in names:
        if name in groups:
            named_actors.update(groups[name])
        elif name in actors:
            named_actors.add(name)
        elif name in lexicons:
            named_lexicons.append(name)
        else:
            raise fail(where, f"unknown actor, actor group or lexicon {name!r} in {what}")
    return named_actors, named_lexicons

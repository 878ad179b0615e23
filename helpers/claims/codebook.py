"""Load and validate a claim codebook (schema: ``codebook/README.md``).

``load_codebook(path)`` reads the YAML with a safe loader (``helpers.core.io.load_yaml_with_nodes``)
and validates every level; any problem raises :class:`CodebookError` whose message is ``"<file>: <entry>: <reason>"``
(not YAML / not a mapping, unknown or missing keys, duplicate or badly formed ids, unknown
frame, unknown actor in ``requires``, empty pattern lists or patterns, invalid ``re:``
regexes, regexes that can backtrack catastrophically).

Everything story-specific is data in the file: the frames (ids, display labels, colours, in
figure order), the actor kinds (in speaker precedence), the story title and the display labels
of the languages. This module names no story: the defaults below are generic.

Patterns are compiled by :mod:`helpers.claims.patterns` (the analyst syntax) and raw
regexes checked by :mod:`helpers.claims.regex_safety`; this module only loads and validates.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.claims.composition import (
    ComposeRule,
    ListGuard,
    check_actor_groups,
    check_compose,
    check_context,
    check_lists,
    check_requires,
)
from helpers.claims.patterns import KNOWN_LANGS, compile_pattern
from helpers.core.errors import CrosspressError
from helpers.core.io import load_yaml_with_nodes

__all__ = [
    "DEFAULT_ACTOR_KINDS",
    "MEDIA_KIND",
    "CodebookError",
    "Frame",
    "Actor",
    "Medium",
    "Claim",
    "Codebook",
    "load_codebook",
]

#: Actor kinds when a codebook declares none, in speaker precedence (first wins when several
#: voices could be the subject of a speech verb). ``media`` is the kind of the ``media``
#: section and must appear in every ``actor_kinds`` list.
DEFAULT_ACTOR_KINDS: tuple[str, ...] = ("person", "institution", "group", "media", "state")
MEDIA_KIND = "media"
#: Pattern lists at the top level (``{lang: [patterns]}``).
CUE_SECTIONS: tuple[str, ...] = ("speech_verbs", "attribution", "hedges", "negators")

_TOP_REQUIRED = ("codebook", "version", "languages", "claims")
_TOP_OPTIONAL = (
    "title",
    "language_labels",
    "actor_kinds",
    "frames",
    "actors",
    "media",
    *CUE_SECTIONS,
    "actor_groups",
    "lexicons",
)
_FRAME_KEYS_REQUIRED = ("id", "label")
_FRAME_KEYS_OPTIONAL = ("colour",)
_ACTOR_KEYS_REQUIRED = ("en", "kind")
_ACTOR_KEYS_OPTIONAL = ("qid",)
_MEDIA_KEYS_REQUIRED = ("en",)
_MEDIA_KEYS_OPTIONAL = (
    "lang",
    "qid",
)
_CLAIM_KEYS_REQUIRED = ("id", "en", "frame")
_CLAIM_KEYS_OPTIONAL = ("requires", "context", "compose", "lists", "denial_also")

_ID_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QID_RE = re.compile(r"Q[1-9][0-9]*")
_COLOUR_RE = re.compile(r"#[0-9A-Fa-f]{6}")


class CodebookError(CrosspressError, ValueError):
    """An invalid codebook; the message is ``"<file>: <entry>: <reason>"``."""


@dataclass(frozen=True)
class Frame:
    """A frame (claim group): id, display label, and colour (``#RRGGBB``, or ``None`` for the
    figures' palette by position)."""

    id: str
    label: str
    colour: str | None = None


@dataclass(frozen=True)
class Actor:
    """Someone who can speak or be mentioned."""

    id: str
    en: str
    qid: str | None
    kind: str
    patterns: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Medium:
    """A relayed source (``MEDIA:<id>`` as speaker)."""

    id: str
    en: str
    qid: str | None
    patterns: dict[str, tuple[str, ...]]
    lang: str | None = (
        None  # language the medium publishes in (en, ru, fa, he, ar …), for relay chains
    )


@dataclass(frozen=True)
class Claim:
    """A claim with its frame, actor requirements (AND of ORs) and patterns per language."""

    id: str
    en: str
    frame: str
    requires: tuple[tuple[str, ...], ...]
    patterns: dict[str, tuple[str, ...]]
    #: label of each ``requires`` group (its actor-group name, or its ids joined by ``|``)
    requires_labels: tuple[str, ...] = ()
    #: indices of the ``requires`` groups the article context may satisfy
    context: tuple[int, ...] = ()
    #: actors that, named in the sentence, forbid the context
    context_unless: frozenset[str] = frozenset()
    #: lexicon classes whose words, in the sentence, forbid the context (other states)
    context_unless_lexicons: tuple[str, ...] = ()
    #: the unless actors / words forbid the context only within this many words of the cue
    #: (None: anywhere in the sentence)
    context_unless_window: int | None = None
    #: lexicon class of pair references ("the two countries") standing for both groups
    context_pair: str | None = None
    #: a sentence naming neither group may take both from the article's most recent pair
    context_none_named: bool = False
    #: lexicon class of references back to the claim's object ("this agreement"): with a
    #: context sentence carrying the claim, the sentence carries it too
    context_anaphor: str | None = None
    #: lexicon class of "between": "between A and B" names the pair of its sentence
    context_between: str | None = None
    #: ``context_unless`` actors that do not forbid the context when coordinated with a side
    #: the sentence names ("Moscow and Beijing")
    context_partners: frozenset[str] = frozenset()
    #: lexicon class of words referring to the other side ("its ally"): beside one named
    #: side they fill the other side's compose slots
    context_other_ref: str | None = None
    #: lexicon class of group references ("the three countries"): the most recent group
    #: holding the missing sides meets them
    context_group_ref: str | None = None
    #: a sentence with the claim's own cue that misses a side carries the claim when a
    #: context sentence carries it (``continues``)
    context_continues: bool = False
    #: compositional rules (:mod:`helpers.claims.composition`)
    compose: tuple[ComposeRule, ...] = ()
    #: the background-list guard (:class:`~helpers.claims.composition.ListGuard`), or None
    lists: ListGuard | None = None
    #: a claim that a denial of this one also asserts (``denial_also``: "Russia was never a
    #: true ally of Iran" denies a claim of loyalty and says its support is limited), or None
    denial_also: str | None = None


@dataclass(frozen=True)
class Codebook:
    """A validated codebook (``name`` is the ``codebook:`` slug)."""

    name: str
    version: int
    languages: tuple[str, ...]
    actors: dict[str, Actor]
    media: dict[str, Medium]
    speech_verbs: dict[str, tuple[str, ...]]
    attribution: dict[str, tuple[str, ...]]
    hedges: dict[str, tuple[str, ...]]
    negators: dict[str, tuple[str, ...]]
    claims: tuple[Claim, ...]
    path: str
    sha256: str
    #: Display title of the story (defaults to the slug).
    title: str = ""
    #: Frames in figure order (declared, or the claims' frames in first-use order).
    frames: tuple[Frame, ...] = ()
    #: Actor kinds in speaker precedence (``media`` included).
    actor_kinds: tuple[str, ...] = DEFAULT_ACTOR_KINDS
    #: Display label per language code (e.g. ``he`` → ``Hebrew-language press``).
    language_labels: dict[str, str] = field(default_factory=dict)
    #: named actor groups (``actor_groups``)
    actor_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: word classes for compositional rules: class → {lang: patterns}
    lexicons: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """Claim ids in codebook order."""
        return tuple(c.id for c in self.claims)

    @property
    def frame_labels(self) -> dict[str, str]:
        """Frame id → display label, in figure order."""
        return {f.id: f.label for f in self.frames}

    @property
    def frame_colours(self) -> dict[str, str]:
        """Frame id → colour, for the frames that declare one."""
        return {f.id: f.colour for f in self.frames if f.colour}

    @property
    def kind_rank(self) -> dict[str, int]:
        """Actor kind → speaker precedence (0 first), ``media`` included."""
        return {kind: i for i, kind in enumerate(self.actor_kinds)}


# --------------------------------------------------------------------------- validation


class _Ctx:
    def __init__(self, path: Path) -> None:
        self.file = path.name

    def fail(self, entry: str, reason: str) -> CodebookError:
        return CodebookError(f"{self.file}: {entry}: {reason}")


def _check_keys(
    ctx: _Ctx, entry: str, obj: Any, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ctx.fail(entry, f"expected a mapping, got {type(obj).__name__}")
    unknown = [k for k in obj if k not in required and k not in optional]
    if unknown:
        raise ctx.fail(
            entry,
            f"unknown key(s) {', '.join(map(str, unknown))} "
            f"(allowed: {', '.join(required + optional)})",
        )
    missing = [k for k in required if k not in obj]
    if missing:
        raise ctx.fail(entry, f"missing required key(s) {', '.join(missing)}")
    return obj


def _check_id(ctx: _Ctx, entry: str, value: Any) -> str:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ctx.fail(entry, f"bad id {value!r}: expected UPPER_SNAKE (e.g. CLAIM_ID_2)")
    return value


def _check_denial_also(ctx: _Ctx, entry: str, value: Any) -> str | None:
    """A claim's ``denial_also``: the id of another claim (checked against the claims by
    :func:`_check_denial_targets`), or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ctx.fail(entry, f"denial_also must be a claim id, got {value!r}")
    return value


def _check_denial_targets(ctx: _Ctx, claims: Sequence[Claim]) -> None:
    """Every ``denial_also`` names another claim of the codebook."""
    ids = {c.id for c in claims}
    for i, claim in enumerate(claims):
        target = claim.denial_also
        if target is not None and (target not in ids or target == claim.id):
            raise ctx.fail(
                f"claims[{i}] ({claim.id})",
                f"denial_also names {target!r}, not another claim of the codebook",
            )


def _check_str(ctx: _Ctx, entry: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ctx.fail(entry, f"{key} must be a non-empty string")
    return value


def _check_qid(ctx: _Ctx, entry: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _QID_RE.fullmatch(value):
        raise ctx.fail(entry, f"bad qid {value!r}: expected a Wikidata QID like Q159, or null")
    return value


def _check_patterns(
    ctx: _Ctx,
    entry: str,
    obj: dict[str, Any],
    languages: tuple[str, ...],
    *,
    required: bool,
    verb: bool = False,
) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang in languages:
        if lang not in obj:
            continue
        values = obj[lang]
        if not isinstance(values, list):
            raise ctx.fail(f"{entry}.{lang}", "expected a list of patterns")
        if not values:
            raise ctx.fail(f"{entry}.{lang}", "empty pattern list")
        seen: list[str] = []
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise ctx.fail(f"{entry}.{lang}", f"empty or non-string pattern {value!r}")
            try:
                compile_pattern(value.strip(), lang, verb=verb)
            except ValueError as exc:
                raise ctx.fail(f"{entry}.{lang}", f"pattern {value!r}: {exc}") from None
            seen.append(value.strip())
        out[lang] = tuple(dict.fromkeys(seen))
    if required and not out:
        raise ctx.fail(entry, f"no patterns for any of {', '.join(languages)}")
    return out


def _check_duplicate_keys(ctx: _Ctx, root: yaml.Node | None) -> None:
    """yaml.safe_load keeps the last of duplicate mapping keys silently; find them on the
    composed node tree (the one the data was constructed from) and report the first."""
    stack: list[tuple[Any, str]] = [(root, "")]
    visited: set[int] = set()  # aliases share nodes: visit each once (no alias bombs / cycles)
    while stack:
        node, where = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    entry = f"{where}.{key}" if where else key
                    raise ctx.fail(
                        entry, f"duplicate key {key} (line {key_node.start_mark.line + 1})"
                    )
                seen.add(key)
                stack.append((value_node, f"{where}.{key}" if where else key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(node.value))


_MEDIA_LANG_RE = re.compile(r"^[a-z]{2,3}$")


def _check_actor_kinds(ctx: _Ctx, raw: Any) -> tuple[str, ...]:
    """``actor_kinds``: distinct lower-case-with-dashes names, ``media`` among them."""
    if raw is None:
        return DEFAULT_ACTOR_KINDS
    if not isinstance(raw, list) or not raw:
        raise ctx.fail("actor_kinds", "expected a non-empty list of kind names")
    for kind in raw:
        if not isinstance(kind, str) or not _SLUG_RE.fullmatch(kind):
            raise ctx.fail("actor_kinds", f"bad kind {kind!r}: expected lower-case-with-dashes")
    if len(set(raw)) != len(raw):
        dup = next(k for k in raw if raw.count(k) > 1)
        raise ctx.fail("actor_kinds", f"duplicate kind {dup}")
    if MEDIA_KIND not in raw:
        raise ctx.fail(
            "actor_kinds",
            f"must include '{MEDIA_KIND}' (the kind of the media section), placed at its "
            "speaker precedence",
        )
    return tuple(raw)


def _check_frames(ctx: _Ctx, raw: Any) -> tuple[Frame, ...] | None:
    """``frames``: a list of ``{id, label, colour?}`` in figure order (``None`` if absent)."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise ctx.fail("frames", "expected a non-empty list of {id, label, colour} entries")
    frames: list[Frame] = []
    for i, entry in enumerate(raw):
        fid = entry.get("id") if isinstance(entry, dict) else None
        where = f"frames[{i}]" + (f" ({fid})" if isinstance(fid, str) else "")
        _check_keys(ctx, where, entry, _FRAME_KEYS_REQUIRED, _FRAME_KEYS_OPTIONAL)
        if not isinstance(fid, str) or not _SLUG_RE.fullmatch(fid):
            raise ctx.fail(where, f"bad frame id {fid!r}: expected lower-case-with-dashes")
        if any(f.id == fid for f in frames):
            raise ctx.fail(where, f"duplicate frame id {fid}")
        colour = entry.get("colour")
        if colour is not None and (not isinstance(colour, str) or not _COLOUR_RE.fullmatch(colour)):
            raise ctx.fail(where, f"bad colour {colour!r}: expected #RRGGBB")
        frames.append(Frame(fid, _check_str(ctx, where, "label", entry["label"]).strip(), colour))
    return tuple(frames)


def _check_language_labels(ctx: _Ctx, raw: Any, langs: tuple[str, ...]) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ctx.fail("language_labels", "expected a mapping of language code → label")
    out = {}
    for lang, label in raw.items():
        if lang not in langs:
            raise ctx.fail(
                "language_labels", f"{lang!r} is not one of the languages {', '.join(langs)}"
            )
        out[lang] = _check_str(ctx, f"language_labels.{lang}", "label", label).strip()
    return out


def _check_media_lang(ctx: _Ctx, entry: str, value: Any) -> str | None:
    """Optional ``lang`` of a medium: an ISO 639 code such as ``en``, ``ru``, ``fa``."""
    if value is None:
        return None
    if not isinstance(value, str) or not _MEDIA_LANG_RE.match(value):
        raise ctx.fail(entry, f"lang must be an ISO 639 code like 'en' or 'fa', got {value!r}")
    return value


def load_codebook(path: str | Path) -> Codebook:
    """Load and validate the codebook YAML at ``path`` (a safe loader: plain data, no objects).

    Raises :class:`CodebookError` (``"<file>: <entry>: <reason>"``) on any schema violation,
    and on every pattern that does not compile (see :func:`compile_pattern`).
    """
    path = Path(path)
    ctx = _Ctx(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise ctx.fail("file", f"cannot read: {exc.strerror or exc}") from None
    try:
        data, root = load_yaml_with_nodes(raw_bytes.decode("utf-8"))  # one parse for both
    except UnicodeDecodeError as exc:
        raise ctx.fail("file", f"not UTF-8: {exc.reason}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ctx.fail("file", f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ctx.fail("file", f"top level must be a mapping, got {type(data).__name__}")
    _check_duplicate_keys(ctx, root)
    _check_keys(ctx, "top level", data, _TOP_REQUIRED, _TOP_OPTIONAL)

    name = data["codebook"]
    if not isinstance(name, str) or not _SLUG_RE.fullmatch(name):
        raise ctx.fail("codebook", f"bad slug {name!r}: expected lower-case-with-dashes")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ctx.fail("version", f"expected a positive integer, got {version!r}")
    languages = data["languages"]
    if (
        not isinstance(languages, list)
        or not languages
        or any(lang not in KNOWN_LANGS for lang in languages)
        or len(set(languages)) != len(languages)
    ):
        raise ctx.fail(
            "languages", f"expected a list of distinct codes from he, ar; got {languages!r}"
        )
    langs = tuple(languages)
    lang_keys = tuple(langs)
    title = data.get("title")
    if title is not None:
        title = _check_str(ctx, "title", "title", title).strip()
    language_labels = _check_language_labels(ctx, data.get("language_labels"), langs)
    actor_kinds = _check_actor_kinds(ctx, data.get("actor_kinds"))
    declared_frames = _check_frames(ctx, data.get("frames"))

    actors: dict[str, Actor] = {}
    raw_actors = data.get("actors") or {}
    if not isinstance(raw_actors, dict):
        raise ctx.fail("actors", "expected a mapping of actor id → entry")
    for aid, entry in raw_actors.items():
        where = f"actors.{aid}"
        _check_id(ctx, where, aid)
        _check_keys(ctx, where, entry, _ACTOR_KEYS_REQUIRED, _ACTOR_KEYS_OPTIONAL + lang_keys)
        kind = entry["kind"]
        if kind not in actor_kinds or kind == MEDIA_KIND:
            allowed = ", ".join(k for k in actor_kinds if k != MEDIA_KIND)
            raise ctx.fail(where, f"unknown kind {kind!r} (allowed: {allowed})")
        actors[aid] = Actor(
            id=aid,
            en=_check_str(ctx, where, "en", entry["en"]),
            qid=_check_qid(ctx, where, entry.get("qid")),
            kind=kind,
            patterns=_check_patterns(ctx, where, entry, langs, required=True),
        )

    media: dict[str, Medium] = {}
    raw_media = data.get("media") or {}
    if not isinstance(raw_media, dict):
        raise ctx.fail("media", "expected a mapping of medium id → entry")
    for mid, entry in raw_media.items():
        where = f"media.{mid}"
        _check_id(ctx, where, mid)
        if mid in actors:
            raise ctx.fail(where, f"id {mid} is also an actor id")
        _check_keys(ctx, where, entry, _MEDIA_KEYS_REQUIRED, _MEDIA_KEYS_OPTIONAL + lang_keys)
        media[mid] = Medium(
            id=mid,
            en=_check_str(ctx, where, "en", entry["en"]),
            qid=_check_qid(ctx, where, entry.get("qid")),
            patterns=_check_patterns(ctx, where, entry, langs, required=True),
            lang=_check_media_lang(ctx, where, entry.get("lang")),
        )

    groups = check_actor_groups(ctx.fail, data.get("actor_groups"), actors)
    lexicons: dict[str, dict[str, tuple[str, ...]]] = {}
    raw_lexicons = data.get("lexicons") or {}
    if not isinstance(raw_lexicons, dict):
        raise ctx.fail("lexicons", "expected a mapping of class name → {lang: patterns}")
    for lex, entry in raw_lexicons.items():
        where = f"lexicons.{lex}"
        _check_id(ctx, where, lex)
        if lex in actors or lex in groups:
            raise ctx.fail(where, f"lexicon name {lex} is also an actor or actor group")
        _check_keys(ctx, where, entry, (), lang_keys)
        lexicons[lex] = _check_patterns(ctx, where, entry, langs, required=True)

    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    for section in CUE_SECTIONS:
        raw = data.get(section) or {}
        _check_keys(ctx, section, raw, (), lang_keys)
        cues[section] = _check_patterns(
            ctx, section, raw, langs, required=False, verb=section == "speech_verbs"
        )

    raw_claims = data["claims"]
    if not isinstance(raw_claims, list) or not raw_claims:
        raise ctx.fail("claims", "expected a non-empty list of claims")
    claims: list[Claim] = []
    seen_ids: set[str] = set()
    for i, entry in enumerate(raw_claims):
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"claims[{i}]" + (f" ({label})" if isinstance(label, str) else "")
        _check_keys(ctx, where, entry, _CLAIM_KEYS_REQUIRED, _CLAIM_KEYS_OPTIONAL + lang_keys)
        cid = _check_id(ctx, where, entry["id"])
        if cid in seen_ids:
            raise ctx.fail(where, f"duplicate claim id {cid}")
        seen_ids.add(cid)
        frame = entry["frame"]
        if declared_frames is not None and frame not in {f.id for f in declared_frames}:
            allowed = ", ".join(f.id for f in declared_frames)
            raise ctx.fail(where, f"unknown frame {frame!r} (declared frames: {allowed})")
        if declared_frames is None and (
            not isinstance(frame, str) or not _SLUG_RE.fullmatch(frame)
        ):
            raise ctx.fail(where, f"bad frame {frame!r}: expected lower-case-with-dashes")
        requires, labels = check_requires(ctx.fail, where, entry.get("requires"), actors, groups)
        compose = check_compose(ctx.fail, where, entry.get("compose"), lexicons, groups, actors)
        context = check_context(
            ctx.fail, where, entry.get("context"), labels, actors, groups, lexicons
        )
        lists = check_lists(ctx.fail, where, entry.get("lists"), actors, groups, lexicons)
        claims.append(
            Claim(
                id=cid,
                en=_check_str(ctx, where, "en", entry["en"]),
                frame=frame,
                requires=requires,
                patterns=_check_patterns(ctx, where, entry, langs, required=not compose),
                requires_labels=labels,
                context=context.groups,
                context_unless=context.unless_actors,
                context_unless_lexicons=context.unless_lexicons,
                context_unless_window=context.unless_window,
                context_pair=context.pair,
                context_none_named=context.none_named,
                context_anaphor=context.anaphor,
                context_between=context.between,
                context_partners=context.partners,
                context_other_ref=context.other_ref,
                context_group_ref=context.group_ref,
                context_continues=context.continues,
                compose=compose,
                lists=lists,
                denial_also=_check_denial_also(ctx, where, entry.get("denial_also")),
            )
        )
    _check_denial_targets(ctx, claims)

    if declared_frames is None:  # no frames section: the claims' frames, labelled by id
        declared_frames = tuple(Frame(f, f) for f in dict.fromkeys(c.frame for c in claims))
    return Codebook(
        title=title or name,
        frames=declared_frames,
        actor_kinds=actor_kinds,
        language_labels=language_labels,
        name=name,
        version=version,
        languages=langs,
        actors=actors,
        media=media,
        speech_verbs=cues["speech_verbs"],
        attribution=cues["attribution"],
        hedges=cues["hedges"],
        negators=cues["negators"],
        claims=tuple(claims),
        path=str(path),
        sha256=hashlib.sha256(raw_bytes).hexdigest(),
        actor_groups=groups,
        lexicons=lexicons,
    )

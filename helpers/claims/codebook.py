"""Load, validate and compile a claim codebook (schema: ``codebook/README.md``).

``load_codebook(path)`` reads the YAML with ``yaml.safe_load`` and validates every level;
any problem raises :class:`CodebookError` whose message is ``"<file>: <entry>: <reason>"``
(not YAML / not a mapping, unknown or missing keys, duplicate or badly formed ids, unknown
frame, unknown actor in ``requires``, empty pattern lists or patterns, invalid ``re:``
regexes, regexes that can backtrack catastrophically).

``compile_pattern(pattern, lang)`` turns the analyst syntax into a regex (``regex`` module)
over the ``norm`` form of :func:`helpers.text.clean.normalize_for_match`:

* ``word word`` — a phrase; words are separated by any run of whitespace. Each word may carry
  the language's proclitics: Hebrew up to three of ``ו ה ב כ ל מ ש`` (``וכש``, ``שב``, ``ומה``),
  optionally followed by a maqaf/hyphen (``ב-``); a Hebrew word written with the article
  ``ה`` (4+ letters) also matches with the ``ה`` elided after ``ב כ ל`` (``התקשורת`` →
  ``בתקשורת``); Arabic ``و``/``ف``, then ``ب``/``ل``/``ك``,
  then the article ``ال`` (``لل`` after ``ل``): ``وبال``, ``فال``, ``لل``. An Arabic word written
  with ``ال`` keeps the article mandatory (it may still take ``و ف ب ك ل`` before it).
  Speech verbs are compiled with ``verb=True``: only the proclitics of a finite verb
  (Hebrew ``ו ש כש``, Arabic ``و ف``), so ``המסר`` "the message" is not ``מסר`` "handed over".
* ``word*`` — the word may continue with more letters.
* ``a ~N b`` — up to N other words between ``a`` and ``b``.
* ``re:<regex>`` — raw regex over the normalised text, used as written.

Word boundaries: a match never starts or ends inside a longer word (a boundary is any
non-letter: the characters around the match are not letters or combining marks).

Every :class:`CompiledPattern` carries ``anchors``: literal strings (normalised) guaranteed
to occur in any match, longest first (each word stem of a phrase), with the context each
needs (how many proclitic letters may precede it, whether letters may follow it). The tagger
feeds one anchor per pattern (the one fewest patterns share) to its Aho–Corasick automaton
and runs the regex only when that anchor occurs in a possible context. A raw regex gets the longest
literal run found at the top level of its parse tree (Unicode property escapes such as
``\\p{L}`` read as character classes), or no anchor (then it is run on every sentence of its
language).
"""

from __future__ import annotations

import functools
import hashlib
import re
import re._parser as _sre_parse  # stdlib regex parser, used for the static backtracking check
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

__all__ = [
    "FRAMES",
    "ACTOR_KINDS",
    "CodebookError",
    "CompiledPattern",
    "Actor",
    "Medium",
    "Claim",
    "Codebook",
    "load_codebook",
    "compile_pattern",
]

#: Allowed claim frames.
FRAMES: frozenset[str] = frozenset(
    {"alliance-strong", "alliance-limited", "transactional", "broker", "military", "nuclear"}
)
#: Allowed actor kinds.
ACTOR_KINDS: frozenset[str] = frozenset({"state", "person", "institution", "group"})
#: Pattern lists at the top level (``{lang: [patterns]}``).
CUE_SECTIONS: tuple[str, ...] = ("speech_verbs", "attribution", "hedges", "negators")
KNOWN_LANGS: frozenset[str] = frozenset({"he", "ar"})

_TOP_REQUIRED = ("codebook", "version", "languages", "claims")
_TOP_OPTIONAL = ("actors", "media", *CUE_SECTIONS)
_ACTOR_KEYS_REQUIRED = ("en", "kind")
_ACTOR_KEYS_OPTIONAL = ("qid",)
_MEDIA_KEYS_REQUIRED = ("en",)
_MEDIA_KEYS_OPTIONAL = (
    "lang",
    "qid",
)
_CLAIM_KEYS_REQUIRED = ("id", "en", "frame")
_CLAIM_KEYS_OPTIONAL = ("requires",)

_ID_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QID_RE = re.compile(r"Q[1-9][0-9]*")
_GAP_RE = re.compile(r"~(\d{1,2})")
_PLAIN_WORD_RE = re.compile("[\u05d0-\u05ea\u0621-\u063a\u0641-\u064aA-Za-z0-9\"'.-]+")
_LETTER_RE = regex.compile(r"[\p{L}\p{N}]")

HE_PREFIX = "(?:[והבכלמש]{1,3}[-\u05be]?)?"
AR_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
#: A Hebrew word written with the article ה: the ה stays, or is elided after ב כ ל.
HE_PREFIX_ARTICLE = "(?:[והבכלמש]{0,2}[בכל][-\u05be]?|(?:[והבכלמש]{1,3}[-\u05be]?)?ה)"
#: Proclitics a finite verb can take (``verb=True``): Hebrew conjunction/relative ו ש כש,
#: Arabic conjunctions و ف — not the article or prepositions (``המסר`` is a noun).
HE_VERB_PREFIX = "(?:[וש]{0,2}|וכש|כש)"
AR_VERB_PREFIX = "(?:[وف]?)"
AR_PREFIX_ARTICLE = "(?:[وف]?(?:[بك]?ال|لل))"
_LB = r"(?<![\p{L}\p{M}\p{N}])"
_RB = r"(?![\p{L}\p{M}\p{N}])"
_SUFFIX = r"[\p{L}\p{M}]*"
_WS = r"\s+"

#: Time budget for one regex on one adversarial probe string.
REGEX_PROBE_TIMEOUT_S = 0.05
_PROBES = (
    "a" * 3000 + "!",
    "א" * 2000 + "!",
    "ا" * 2000 + "!",
    " " * 2000 + "!",
    "ab" * 1500 + "!",
    "אב " * 800 + "!",
    "1" * 2000 + "x",
)

_REPEAT_OPS = {_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT, _sre_parse.POSSESSIVE_REPEAT}
_MAXREPEAT = _sre_parse.MAXREPEAT


class CodebookError(ValueError):
    """An invalid codebook; the message is ``"<file>: <entry>: <reason>"``."""

    def _render_traceback_(self) -> list[str]:  # IPython hook: one clear line
        return [f"CodebookError: {self}"]


@dataclass(frozen=True)
class CompiledPattern:
    """One analyst pattern compiled for one language."""

    source: str
    lang: str
    regex: Any = field(repr=False, compare=False)
    anchors: tuple[str, ...]
    #: Necessary context of each anchor in any match, for cheap candidate filtering:
    #: (max letters directly before it, the letters allowed there, may letters follow it);
    #: ``None`` for raw regexes (no constraint known). Aligned with ``anchors``.
    anchor_contexts: tuple[tuple[int, frozenset[str], bool] | None, ...] = ()
    #: The anchor of the pattern's first word (every match starts with its proclitics and
    #: then this stem); ``None`` for raw regexes.
    first_anchor: str | None = None

    def finditer(self, norm: str):
        """Iterate over the regex matches in ``norm``."""
        return self.regex.finditer(norm)


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

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """Claim ids in codebook order."""
        return tuple(c.id for c in self.claims)


# --------------------------------------------------------------------------- compilation


def _normalize_word(word: str, lang: str) -> str:
    from helpers.text.clean import clean_text, normalize_for_match  # lazy: sibling module

    if _PLAIN_WORD_RE.fullmatch(word):  # nothing for clean_text to change but quote marks,
        return normalize_for_match(word, lang)  # which normalize_for_match folds anyway
    return normalize_for_match(clean_text(word, lang), lang)


def _longest_literal(parsed: Any) -> str:
    """Longest run of consecutive LITERAL ops at the top level of a parsed regex."""
    best, run = "", []
    for op, arg in parsed:
        if op is _sre_parse.LITERAL:
            run.append(chr(arg))
            continue
        if len("".join(run)) > len(best):
            best = "".join(run)
        run = []
    if len("".join(run)) > len(best):
        best = "".join(run)
    return best


def _first_chars(items: Any) -> set | None:
    """First characters a parsed sub-pattern can start with (None = unknown / anything)."""
    for op, arg in items:
        if op is _sre_parse.LITERAL:
            return {arg}
        if op is _sre_parse.IN:
            chars: set = set()
            for iop, iarg in arg:
                if iop is _sre_parse.LITERAL:
                    chars.add(iarg)
                elif iop is _sre_parse.RANGE and iarg[1] - iarg[0] < 5000:
                    chars.update(range(iarg[0], iarg[1] + 1))
                else:
                    return None
            return chars
        if op is _sre_parse.AT:
            continue
        return None
    return set()


def _is_variable(items: Any) -> bool:
    """True when a parsed sub-pattern contains an unbounded or variable repeat."""
    for op, arg in items:
        if op in _REPEAT_OPS:
            lo, hi, sub = arg
            if hi is _MAXREPEAT or hi > lo:
                return True
            if _is_variable(sub):
                return True
        elif op is _sre_parse.SUBPATTERN:
            if _is_variable(arg[-1]):
                return True
        elif op is _sre_parse.BRANCH:
            if any(_is_variable(b) for b in arg[1]):
                return True
    return False


def _static_backtracking(items: Any, inside_repeat: bool = False) -> str | None:
    """Describe a nested-quantifier / overlapping-alternation construct, or None."""
    for op, arg in items:
        if op in _REPEAT_OPS:
            lo, hi, sub = arg
            unbounded = hi is _MAXREPEAT or hi > 10
            if unbounded and op is not _sre_parse.POSSESSIVE_REPEAT:
                if _is_variable(sub):
                    return "nested quantifiers (e.g. (a+)+) can backtrack catastrophically"
            found = _static_backtracking(sub, inside_repeat or unbounded)
            if found:
                return found
        elif op is _sre_parse.SUBPATTERN:
            found = _static_backtracking(arg[-1], inside_repeat)
            if found:
                return found
        elif op is _sre_parse.BRANCH:
            for alt in arg[1]:
                found = _static_backtracking(alt, inside_repeat)
                if found:
                    return found
    return None


def _group_spans(body: str) -> list[tuple[int, int]]:
    """(open, close) indices of the parenthesised groups of a regex, skipping escapes and
    character classes."""
    spans, stack, i, in_class = [], [], 0, False
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if body[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop(), i))
        i += 1
    return spans


def _split_alternatives(inner: str) -> list[str]:
    """Top-level ``|`` alternatives of a group's content."""
    alts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(inner):
        ch = inner[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alts.append(inner[start:i])
            start = i + 1
        i += 1
    alts.append(inner[start:])
    return alts


_QUANT_AFTER_RE = re.compile(r"[*+]|\{\d*,\d*\}|\{\d*[2-9]\d*\}")


def _overlapping_repeated_alternation(body: str) -> bool:
    """True for a quantified group whose alternatives can start with the same character
    (``(a|a)*``, ``(a|ab)+``) or be empty — exponential backtracking on a failing match."""
    for open_, close in _group_spans(body):
        if not _QUANT_AFTER_RE.match(body, close + 1):
            continue
        inner = body[open_ + 1 : close]
        if inner.startswith("?"):
            m = re.match(r"\?(?:[:>=!]|<[=!]|P?<\w+>|[aiLmsux-]+:)", inner)
            inner = inner[m.end() :] if m else inner
        alts = _split_alternatives(inner)
        if len(alts) < 2:
            continue
        seen: set = set()
        for alt in alts:
            try:
                first = _first_chars(_sre_parse.parse(alt).data) if alt else None
            except re.error:
                first = None
            if not first or first & seen:
                return True
            seen |= first
    return False


_TEXTUAL_NESTED_RE = re.compile(r"\([^()]*(?:[+*]|\{\d*,\d*\})[^()]*\)\s*(?:[+*]|\{\d*,\d*\})")


_PROPERTY_ESCAPE_RE = re.compile(r"\\(?:([pP])(?:\{[^}]*\}|[A-Za-z])|.)", re.DOTALL)


def _anchor_with_properties(body: str) -> str:
    """Anchor of a raw regex the stdlib parser refuses only because of Unicode property
    escapes (``\\p{L}``, ``\\P{N}``, ``\\pL``): each is read as a character class (``\\w`` /
    ``\\W``, never a literal), so the top-level literal run is unchanged. "" when the regex
    still does not parse (other ``regex``-only syntax) or uses IGNORECASE / VERBOSE."""

    def swap(m: re.Match) -> str:
        if m.group(1) is None:
            return m.group(0)
        return "\\w" if m.group(1) == "p" else "\\W"

    try:
        parsed = _sre_parse.parse(_PROPERTY_ESCAPE_RE.sub(swap, body))
    except re.error:
        return ""
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    return _longest_literal(parsed)


def _check_raw_regex(body: str) -> tuple[Any, str]:
    """Compile a raw regex, refuse catastrophic ones; return (compiled, anchor)."""
    try:
        compiled = regex.compile(body)
    except regex.error as exc:
        raise ValueError(f"invalid regex {body!r}: {exc}") from None
    anchor = ""
    try:
        parsed = _sre_parse.parse(body)
    except re.error:
        if _TEXTUAL_NESTED_RE.search(body):
            raise ValueError(
                f"regex {body!r}: nested quantifiers (e.g. (a+)+) can backtrack catastrophically"
            ) from None
        anchor = _anchor_with_properties(body)
    else:
        problem = _static_backtracking(parsed.data)
        if problem:
            raise ValueError(f"regex {body!r}: {problem}")
        if not (parsed.state.flags & (re.IGNORECASE | re.VERBOSE)):
            anchor = _longest_literal(parsed)
    if _overlapping_repeated_alternation(body):
        raise ValueError(
            f"regex {body!r}: repeated alternation whose branches can match the same text "
            "(e.g. (a|a)*) can backtrack catastrophically"
        )
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=REGEX_PROBE_TIMEOUT_S)
        except TimeoutError:
            raise ValueError(
                f"regex {body!r}: took over {REGEX_PROBE_TIMEOUT_S * 1000:.0f} ms on an "
                "adversarial probe string (catastrophic backtracking)"
            ) from None
    return compiled, anchor


def _compile_word(
    word: str, lang: str, verb: bool = False
) -> tuple[str, str, tuple[int, frozenset[str], bool]]:
    """Regex, anchor and anchor context (see :class:`CompiledPattern`) for one bare word
    (with optional trailing ``*``)."""
    star = word.endswith("*")
    stem = word[:-1] if star else word
    if "*" in stem:
        raise ValueError(f"'*' only at the end of a word: {word!r}")
    if not stem:
        raise ValueError("empty word before '*'")
    norm = _normalize_word(stem, lang)
    if not _LETTER_RE.search(norm):
        raise ValueError(f"word {word!r} has no letters or digits")
    if verb:
        prefix = HE_VERB_PREFIX if lang == "he" else AR_VERB_PREFIX
        context = (3, frozenset("ושכ"), star) if lang == "he" else (1, frozenset("وف"), star)
    elif lang == "he":
        prefix = HE_PREFIX
        context = (3, frozenset("והבכלמש"), star)
        if norm.startswith("ה") and len(norm) > 3:
            # the article ה is elided after ב כ ל: התקשורת → בתקשורת, לקרמלין
            prefix, norm = HE_PREFIX_ARTICLE, norm[1:]
            context = (4, frozenset("והבכלמש"), star)
    else:
        context = (4, frozenset("وفبكلا"), star)
        if norm.startswith("ال") and len(norm) > 3:
            prefix, norm = AR_PREFIX_ARTICLE, norm[2:]
        else:
            prefix = AR_PREFIX
    body = prefix + regex.escape(norm) + (_SUFFIX if star else "")
    return body, norm, context


@functools.cache
def compile_pattern(pattern: str, lang: str, *, verb: bool = False) -> CompiledPattern:
    """Compile one analyst pattern (see the module docstring) for ``lang`` (``he``/``ar``).

    ``verb=True`` (used for speech verbs) allows only the proclitics of a finite verb:
    Hebrew ``ו ש כש`` (``ואמר``, ``שאמר``, ``כשאמר`` but not ``המסר``), Arabic ``و ف``.

    Raises ``ValueError`` with the reason for an empty or malformed pattern, an invalid regex
    or one that can backtrack catastrophically. Results are cached (the loader validates and
    the tagger reuses the same compiled patterns).
    """
    if lang not in KNOWN_LANGS:
        raise ValueError(f"unsupported lang {lang!r}")
    if not isinstance(pattern, str):
        raise ValueError(f"pattern must be a string, got {type(pattern).__name__}")
    if pattern.startswith("re:"):
        body = pattern[3:]
        if not body.strip():
            raise ValueError("empty regex after 're:'")
        compiled, anchor = _check_raw_regex(body)
        if not anchor:
            return CompiledPattern(pattern, lang, compiled, (), ())
        return CompiledPattern(pattern, lang, compiled, (anchor,), (None,))
    tokens = pattern.split()
    if not tokens:
        raise ValueError("empty pattern")
    parts: list[str] = []
    anchors: list[str] = []
    contexts: dict[str, tuple[int, frozenset[str], bool]] = {}
    gap: int | None = None
    for i, tok in enumerate(tokens):
        m = _GAP_RE.fullmatch(tok)
        if m:
            if i == 0 or i == len(tokens) - 1 or gap is not None:
                raise ValueError(f"gap {tok!r} must stand between two words")
            gap = int(m.group(1))
            continue
        if tok.startswith("~"):
            raise ValueError(f"bad gap {tok!r}: write ~N with N a number")
        body, anchor, context = _compile_word(tok, lang, verb)
        if anchor in contexts:  # same stem twice: keep the most permissive context
            old = contexts[anchor]
            context = (max(old[0], context[0]), old[1] | context[1], old[2] or context[2])
        contexts[anchor] = context
        if parts:
            parts.append(_WS + (rf"(?:\S+\s+){{0,{gap}}}" if gap else ""))
        gap = None
        parts.append(body)
        anchors.append(anchor)
    source = _LB + "".join(parts) + (_RB if not tokens[-1].endswith("*") else "")
    compiled = regex.compile(source)
    ordered = tuple(sorted(dict.fromkeys(anchors), key=lambda a: (-len(a), anchors.index(a))))
    return CompiledPattern(
        pattern, lang, compiled, ordered, tuple(contexts[a] for a in ordered), anchors[0]
    )


# --------------------------------------------------------------------------- validation


class _Ctx:
    def __init__(self, path: Path) -> None:
        self.file = path.name

    def fail(self, entry: str, reason: str) -> CodebookError:
        return CodebookError(f"{self.file}: {entry}: {reason}")


def _check_keys(ctx: _Ctx, entry: str, obj: Any, required: tuple, optional: tuple) -> dict:
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
        raise ctx.fail(entry, f"bad id {value!r}: expected UPPER_SNAKE (e.g. RU_LOYAL_PARTNER)")
    return value


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
    obj: dict,
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


def _check_duplicate_keys(ctx: _Ctx, text: str) -> None:
    """yaml.safe_load keeps the last of duplicate mapping keys silently; find them on the
    composed node tree (no objects constructed) and report the first."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
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


def _check_media_lang(ctx: _Ctx, entry: str, value: Any) -> str | None:
    """Optional ``lang`` of a medium: an ISO 639 code such as ``en``, ``ru``, ``fa``."""
    if value is None:
        return None
    if not isinstance(value, str) or not _MEDIA_LANG_RE.match(value):
        raise ctx.fail(entry, f"lang must be an ISO 639 code like 'en' or 'fa', got {value!r}")
    return value


def load_codebook(path: str | Path) -> Codebook:
    """Load and validate the codebook YAML at ``path`` (``yaml.safe_load`` only).

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
        data = yaml.safe_load(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ctx.fail("file", f"not UTF-8: {exc.reason}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ctx.fail("file", f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ctx.fail("file", f"top level must be a mapping, got {type(data).__name__}")
    _check_duplicate_keys(ctx, raw_bytes.decode("utf-8"))
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

    actors: dict[str, Actor] = {}
    raw_actors = data.get("actors") or {}
    if not isinstance(raw_actors, dict):
        raise ctx.fail("actors", "expected a mapping of actor id → entry")
    for aid, entry in raw_actors.items():
        where = f"actors.{aid}"
        _check_id(ctx, where, aid)
        _check_keys(ctx, where, entry, _ACTOR_KEYS_REQUIRED, _ACTOR_KEYS_OPTIONAL + lang_keys)
        kind = entry["kind"]
        if kind not in ACTOR_KINDS:
            raise ctx.fail(
                where, f"unknown kind {kind!r} (allowed: {', '.join(sorted(ACTOR_KINDS))})"
            )
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
        if frame not in FRAMES:
            raise ctx.fail(where, f"unknown frame {frame!r} (allowed: {', '.join(sorted(FRAMES))})")
        requires_raw = entry.get("requires") or []
        if not isinstance(requires_raw, list) or not all(
            isinstance(group, list) and group for group in requires_raw
        ):
            raise ctx.fail(where, "requires must be a list of non-empty lists of actor ids")
        for group in requires_raw:
            for aid in group:
                if aid not in actors:
                    raise ctx.fail(where, f"unknown actor {aid!r} in requires")
        claims.append(
            Claim(
                id=cid,
                en=_check_str(ctx, where, "en", entry["en"]),
                frame=frame,
                requires=tuple(tuple(group) for group in requires_raw),
                patterns=_check_patterns(ctx, where, entry, langs, required=True),
            )
        )

    return Codebook(
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
    )

"""Refuse raw codebook regexes (``re:<regex>``) that can backtrack catastrophically, and
find the literal anchor the tagger's automaton keys them on.

Two checks, because neither alone catches the adversarial patterns of
``tests/claims/test_codebook.py`` (measured with ``bench/bench_regex_safety.py``):

* a **static** check on the stdlib parse tree (``re._parser``, a private module — pinned
  Python 3.11; it is read-only use and a parse failure simply falls back to a textual check):
  nested unbounded quantifiers (``(a+)+``, ``(.*)*x``) and quantified alternations whose
  branches can start with the same character (``(a|a)*``, ``(a|aa)+``). It costs ~0.1 ms and
  does not depend on the input, but misses bounded-repeat blow-ups such as ``(?:[^!]*a){8}z``;
* a **dynamic** check: the ``regex`` module's ``timeout=`` on fixed adversarial probe strings
  (:data:`REGEX_PROBE_TIMEOUT_S` each). It catches ``(?:[^!]*a){8}z`` but passes
  ``(ש+)+ת``, ``(.*)*x`` and ``(ש|ש)*ת`` (the probes are not the inputs that make them
  explode: every probe would have to be crafted per pattern).

:func:`check_raw_regex` runs both and returns the compiled regex and its anchor: the longest
literal run at the top level of the parse tree or, when there is none, the longest literal that
every match must contain wherever it stands — inside groups, alternations (a literal common to
every branch: ``(?:[וש]?סייע|\\S+\\s+[וש]?סייע)``) and repeats of at least one
(:func:`_required_literals`); without an anchor the tagger runs the regex on every sentence.
"""

from __future__ import annotations

import re
import re._parser as _sre_parse  # stdlib regex parser, used for the static backtracking check
import time
import warnings
from collections.abc import Iterator
from typing import Any

import regex

__all__ = [
    "REGEX_PROBE_TIMEOUT_S",
    "REGEX_PROBE_WALL_LIMIT_S",
    "PROBES",
    "check_raw_regex",
    "too_slow_on_probes",
]


#: Time budget for one regex on one adversarial probe string, in CPU seconds of this thread
#: (:func:`time.thread_time`), so a loaded machine does not refuse a harmless pattern.
REGEX_PROBE_TIMEOUT_S = 0.05
#: Wall-clock ceiling of one probe search (``regex`` ``timeout=``): stops a catastrophic pattern
#: that would otherwise run for minutes; generous, because wall time on a shared machine can be
#: many times the CPU time.
REGEX_PROBE_WALL_LIMIT_S = 40 * REGEX_PROBE_TIMEOUT_S
PROBES = (
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


#: Flags under which a literal op does not stand for that one character.
_NOT_LITERAL_FLAGS = re.IGNORECASE | re.VERBOSE
#: What follows the opening brace of a fuzzy-matching constraint of ``regex`` (``{e<=1}``,
#: ``{i,d}``, ``{2i+2d<=4}``): letters e, i, d or s (or spaces) before the closing brace.
_FUZZY_RE = re.compile(r"[^}]*[eids\s][^}]*\}")


def _parsed_differently(body: str) -> bool:
    """Does a regex hold syntax the stdlib parser reads differently from the ``regex``
    module: a POSIX class or a nested set (``[[:alpha:]]``: for ``re`` a class, then a
    literal ``]``), or what may be a fuzzy-matching constraint (``(?:abc){e<=1}``: for
    ``regex`` "abc" with one error, for ``re`` the literal text)?"""
    if "[[" in body or "[:" in body:
        return True
    return any(ch == "{" and _FUZZY_RE.match(body, i + 1) for i, ch in _structural_chars(body))


def _parse(body: str) -> Any:
    """The stdlib parse tree of a regex, without the stdlib's FutureWarning about nested sets
    (the patterns run on ``regex``; such a regex gets no anchor: :func:`_parsed_differently`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return _sre_parse.parse(body)


def _required_literals(items: Any) -> list[str]:
    """Literal strings that every match of a parsed (sub-)pattern contains: its runs of
    consecutive literal characters (a group of literals only continues a run), and the
    required literals of its groups, of its repeats of at least one, of its atomic groups and
    — the longest common to all branches — of its alternations. Lookarounds, classes and
    optional parts give none, and nothing under a local IGNORECASE / VERBOSE flag."""
    out: list[str] = []
    run: list[str] = []
    for op, arg in items:
        if op is _sre_parse.LITERAL:
            run.append(chr(arg))
            continue
        if op is _sre_parse.SUBPATTERN and not arg[1] & _NOT_LITERAL_FLAGS:
            sub = list(arg[3])
            if sub and all(sop is _sre_parse.LITERAL for sop, _ in sub):
                run.extend(chr(sarg) for _, sarg in sub)  # a group of literals: one run
                continue
        if run:
            out.append("".join(run))
            run = []
        if op is _sre_parse.SUBPATTERN and not arg[1] & _NOT_LITERAL_FLAGS:
            out.extend(_required_literals(arg[3]))
        elif op is _sre_parse.ATOMIC_GROUP:
            out.extend(_required_literals(arg))
        elif op in _REPEAT_OPS and arg[0] >= 1:
            out.extend(_required_literals(arg[2]))
        elif op is _sre_parse.BRANCH:
            common = _common_literal([_required_literals(branch) for branch in arg[1]])
            if common:
                out.append(common)
    if run:
        out.append("".join(run))
    return out


def _common_literal(branches: list[list[str]]) -> str:
    """The longest string that is part of a required literal of every branch ("" if none;
    among equally long ones, the first in the first branch)."""
    if not branches or not all(branches):
        return ""
    found = ""
    for text in branches[0]:
        for size in range(len(text), len(found), -1):
            for i in range(len(text) - size + 1):
                piece = text[i : i + size]
                if all(any(piece in lit for lit in lits) for lits in branches[1:]):
                    found = piece
                    break
            if len(found) == size:
                break
    return found


def _anchor(parsed: Any, body: str) -> str:
    """The anchor of a parsed regex: the longest literal run at its top level (the first of
    equally long ones), else the longest of :func:`_required_literals`; "" under a global
    IGNORECASE / VERBOSE flag, or when ``body`` (the text that was parsed) holds syntax the
    stdlib parser reads differently from ``regex`` (its literals would not be the regex's)."""
    if parsed.state.flags & _NOT_LITERAL_FLAGS or _parsed_differently(body):
        return ""
    return _longest_literal(parsed) or max(_required_literals(parsed.data), key=len, default="")


def _first_chars(items: Any) -> set[Any] | None:
    """First characters a parsed sub-pattern can start with (None = unknown / anything)."""
    for op, arg in items:
        if op is _sre_parse.LITERAL:
            return {arg}
        if op is _sre_parse.IN:
            chars: set[Any] = set()
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


def _structural_chars(body: str) -> Iterator[tuple[int, str]]:
    """(index, char) of every character of a regex that is neither escaped nor inside a
    character class (a ``]`` right after ``[`` is a literal, as ``re`` reads it)."""
    i, in_class = 0, False
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
        else:
            yield i, ch
        i += 1


def _group_spans(body: str) -> list[tuple[int, int]]:
    """(open, close) indices of the parenthesised groups of a regex, skipping escapes and
    character classes."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in _structural_chars(body):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop(), i))
    return spans


def _split_alternatives(inner: str) -> list[str]:
    """Top-level ``|`` alternatives of a group's content."""
    alts: list[str] = []
    depth, start = 0, 0
    for i, ch in _structural_chars(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alts.append(inner[start:i])
            start = i + 1
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
        seen: set[Any] = set()
        for alt in alts:
            try:
                first = _first_chars(_parse(alt).data) if alt else None
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
    ``\\W``, never a literal), so the literals are unchanged. "" when the regex
    still does not parse (other ``regex``-only syntax) or uses IGNORECASE / VERBOSE."""

    def swap(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(0)
        return "\\w" if m.group(1) == "p" else "\\W"

    swapped = _PROPERTY_ESCAPE_RE.sub(swap, body)
    try:
        parsed = _parse(swapped)
    except re.error:
        return ""
    return _anchor(parsed, swapped)


def too_slow_on_probes(compiled: regex.Pattern[str]) -> bool:
    """True when a search of ``compiled`` takes over :data:`REGEX_PROBE_TIMEOUT_S` of this
    thread's CPU time on one of :data:`PROBES` (or hits :data:`REGEX_PROBE_WALL_LIMIT_S` of wall
    time). CPU time, not wall time: on a loaded machine a harmless pattern's search can take
    many times longer by the clock, and the codebook would fail to load at random."""
    for probe in PROBES:
        started = time.thread_time()
        try:
            compiled.search(probe, timeout=REGEX_PROBE_WALL_LIMIT_S)
        except TimeoutError:
            return True
        if time.thread_time() - started > REGEX_PROBE_TIMEOUT_S:
            return True
    return False


def check_raw_regex(body: str) -> tuple[Any, str]:
    """Compile a raw regex, refuse catastrophic ones; return (compiled, anchor)."""
    try:
        compiled = regex.compile(body)
    except regex.error as exc:
        raise ValueError(f"invalid regex {body!r}: {exc}") from None
    anchor = ""
    try:
        parsed = _parse(body)
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
        anchor = _anchor(parsed, body)
    if _overlapping_repeated_alternation(body):
        raise ValueError(
            f"regex {body!r}: repeated alternation whose branches can match the same text "
            "(e.g. (a|a)*) can backtrack catastrophically"
        )
    if too_slow_on_probes(compiled):
        raise ValueError(
            f"regex {body!r}: took over {REGEX_PROBE_TIMEOUT_S * 1000:.0f} ms of CPU on an "
            "adversarial probe string (catastrophic backtracking)"
        )
    return compiled, anchor

"""Boilerplate removal: drop site chrome lines from a scraped article, keep every body sentence.

``strip_boilerplate(text, lang)`` works line by line (a scraped page is a list of lines) and
returns ``(body, removed_lines)``. Nothing is site-specific in the code: markers live in
``helpers/data/boilerplate.yaml`` (per language ``he`` / ``ar`` plus ``any``; the file's
comments document every category) and site names in ``helpers/data/outlet_signatures.yaml``.

Rules, in the order they are decided:

1. End block: the first short line matching an ``end`` marker ("כתבות נוספות…",
   "مقالات ذات صلة", "اقرأ أيضا", "אקספלורר" …) and everything after it is removed — unless
   a long prose line that is not boilerplate follows (then it is an inline "read also":
   only the marker and the one headline after it go).
2. Per line: debug markers and code tokens, aggregator wrappers, site-name and tagline
   lines, header labels (before the first long line), widgets (comments, share, login,
   newsletter, back-to-top), photo credits and captions ending in "/ <agency>".
3. Repeated lines: a line equal (after folding) to an earlier kept line is removed; a
   repeated line of at most ``repeated_short_max_words`` words is removed everywhere.
4. Captions: the caption part of a removed "<caption> | צילום: …" line is removed where it
   stands alone on another line.

Byline, dateline, "last updated" and "source:" lines are kept on purpose (helpers.ingest.metadata
reads them). Site/label/widget rules only fire on lines of at most ``short_line_max_words``
words and credit rules on lines of at most ``credit_line_max_words`` words without
sentence-final punctuation, so a body sentence is not matched by a marker by accident.
Per-line verdicts are memoised, so pages that repeat lines cost little. Blank
lines are kept as paragraph breaks (runs collapsed to one, none at the start or end).
Works on raw text as well as on ``helpers.text.clean.clean_text`` output: matching uses a
folded copy of each line (:func:`helpers.text.fold.fold_line`); the body keeps the original
lines.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.core.io import load_yaml_safely
from helpers.text.fold import fold_line, fold_lines, fold_pattern
from helpers.text.prefilter import PREFILTER_MIN_TEXTS, may_match

__all__ = [
    "BOILERPLATE_YAML",
    "BoilerplateRules",
    "OUTLETS_YAML",
    "explain_boilerplate",
    "load_rules",
    "strip_boilerplate",
    "strip_boilerplates",
    "restrip_body",
    "restripped_lines",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BOILERPLATE_YAML: Path = DATA_DIR / "boilerplate.yaml"
OUTLETS_YAML: Path = DATA_DIR / "outlet_signatures.yaml"

_CATEGORIES = ("debug", "wrapper", "widget", "tagline", "credit", "agency", "header_label", "end")
_SETTINGS_DEFAULTS = {
    "short_line_max_words": 15,
    "credit_line_max_words": 30,
    "repeated_short_max_words": 2,
    "end_marker_max_words": 8,
    "prose_min_words": 25,
    "header_label_before_words": 8,
}

_CODE_TOKEN_RE = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+(?:=\S*)?")
_SENTENCE_END_RE = re.compile(r"[.!?؟…][\"')\]]*$")
_SENTENCE_END_CHARS = ".!?؟…"
_CLOSERS = "\"')]"


def _ends_sentence(folded: str) -> bool:
    """``bool(_SENTENCE_END_RE.search(folded))`` for a folded line (no line break), read from
    the end of the line instead of scanning it."""
    body = folded.rstrip(_CLOSERS)
    return body != "" and body[-1] in _SENTENCE_END_CHARS


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled rules for one language (``any`` merged with the language's own section)."""

    lang: str
    settings: dict[str, int]
    debug: re.Pattern[str] | None
    wrapper: re.Pattern[str] | None
    widget: re.Pattern[str] | None
    tagline: re.Pattern[str] | None
    credit: re.Pattern[str] | None
    agency: re.Pattern[str] | None
    header_label: re.Pattern[str] | None
    end: re.Pattern[str] | None
    site_names: frozenset[str]


def _alternation(patterns: list[str]) -> str | None:
    if not patterns:
        return None
    return "|".join(f"(?:{fold_pattern(p)})" for p in patterns)


def _compile(raw: str | None, template: str) -> re.Pattern[str] | None:
    if raw is None:
        return None
    return re.compile(template.format(raw), re.IGNORECASE)


def _site_names(outlets_path: Path) -> frozenset[str]:
    if not outlets_path.exists():
        return frozenset()
    data = load_yaml_safely(outlets_path.read_text(encoding="utf-8")) or {}
    names: set[str] = set()
    for entry in (data.get("outlets") or {}).values():
        for name in entry.get("names") or []:
            names.add(fold_line(str(name)))
    return frozenset(n for n in names if n)


@lru_cache(maxsize=16)
def _load_cached(lang: str, path: str, outlets: str) -> BoilerplateRules:
    data: dict[str, Any] = load_yaml_safely(Path(path).read_text(encoding="utf-8")) or {}
    settings = dict(_SETTINGS_DEFAULTS)
    settings.update({k: int(v) for k, v in (data.get("settings") or {}).items()})
    merged: dict[str, list[str]] = {c: [] for c in _CATEGORIES}
    for section in ("any", lang):
        for category, patterns in (data.get(section) or {}).items():
            if category not in merged:
                raise ValueError(f"{path}: section {section!r}: unknown category {category!r}")
            for pattern in patterns or []:
                if not isinstance(pattern, str):
                    raise ValueError(
                        f"{path}: section {section!r}, {category!r}: pattern {pattern!r} is not a "
                        "string (quote regexes containing ': ' or ' #')"
                    )
                try:
                    re.compile(fold_pattern(pattern))
                except re.error as exc:
                    raise ValueError(
                        f"{path}: section {section!r}, {category!r}: bad regex {pattern!r}: {exc}"
                    ) from exc
                merged[category].append(pattern)
    alt = {c: _alternation(merged[c]) for c in _CATEGORIES}
    return BoilerplateRules(
        lang=lang,
        settings=settings,
        debug=_compile(alt["debug"], "(?:{})"),
        wrapper=_compile(alt["wrapper"], "^(?:{})"),
        widget=_compile(alt["widget"], "(?:{})"),
        tagline=_compile(alt["tagline"], "(?:{})"),
        credit=_compile(alt["credit"], "(?:{})"),
        agency=_compile(alt["agency"], r"(?:^|\S)\s*/\s*(?:{})$"),
        header_label=_compile(alt["header_label"], "(?:{})"),
        end=_compile(alt["end"], "(?:{}):?"),
        site_names=_site_names(Path(outlets)),
    )


#: The cache key of the default files (``load_rules(lang)`` runs once per document).
_DEFAULT_FILES = (str(BOILERPLATE_YAML), str(OUTLETS_YAML))


def load_rules(
    lang: str, path: str | Path | None = None, outlets: str | Path | None = None
) -> BoilerplateRules:
    """Load and compile the boilerplate rules for ``lang`` (cached per file and language)."""
    if not path and not outlets:  # the default files: skip building the cache key
        return _load_cached(lang, *_DEFAULT_FILES)
    return _load_cached(
        lang,
        str(Path(path) if path else BOILERPLATE_YAML),
        str(Path(outlets) if outlets else OUTLETS_YAML),
    )


def _is_site_line(folded: str, rules: BoilerplateRules) -> bool:
    bare = folded.rstrip("!").strip()
    if bare in rules.site_names:
        return True
    if rules.tagline is None or not rules.tagline.search(folded):
        return False
    for name in rules.site_names:
        if folded.startswith(name + " "):
            return True
    return False


def _credit_caption(folded: str, rules: BoilerplateRules) -> str | None:
    """The caption before "| צילום: …" / "(photo: …)" / "/ agency" in a credit line, if any."""
    match = rules.credit.search(folded) if rules.credit is not None else None
    if match:
        caption = folded[: match.start()]
    else:
        match = rules.agency.search(folded) if rules.agency is not None else None
        if match is None:
            return None
        caption = folded[: folded.rindex("/", 0, match.end())]
    return caption.strip().rstrip("|(-/").strip() or None


def _line_rule(
    folded: str, n_words: int, seen_long: bool, rules: BoilerplateRules, check_debug: bool = True
) -> str | None:
    """The name of the per-line rule that removes this (non-blank) line, or None."""
    s = rules.settings
    if check_debug and rules.debug is not None and rules.debug.search(folded):
        return "debug"
    if n_words == 1 and _CODE_TOKEN_RE.fullmatch(folded):
        return "debug"
    if rules.wrapper is not None and rules.wrapper.match(folded):  # "^…": match = search
        return "wrapper"
    if n_words > s["credit_line_max_words"]:
        return None
    if not _ends_sentence(folded) and (
        (rules.credit is not None and rules.credit.search(folded))
        # an agency credit needs a "/": skip the regex scan without one
        or (rules.agency is not None and "/" in folded and rules.agency.search(folded))
    ):
        return "credit"
    if n_words > s["short_line_max_words"]:
        return None
    if _is_site_line(folded, rules):
        return "site"
    if not seen_long and rules.header_label is not None and rules.header_label.fullmatch(folded):
        return "header_label"
    if rules.widget is not None and rules.widget.fullmatch(folded):
        return "widget"
    return None


def _is_prose(folded: str, n_words: int, rules: BoilerplateRules) -> bool:
    return n_words >= rules.settings["prose_min_words"] and _ends_sentence(folded)


#: Per-line verdicts remembered across documents (per rule set), at most this many.
VERDICT_MEMO_MAX: int = 200_000
_verdict_memos: dict[int, tuple[BoilerplateRules, dict[tuple[str, bool, bool], str | None]]] = {}


def _verdict_memo(rules: BoilerplateRules) -> dict[tuple[str, bool, bool], str | None]:
    """The verdict memo of ``rules``: ``_line_rule`` depends only on the folded line (its word
    count follows from it), ``seen_long``, ``check_debug`` and the rules, so a verdict
    computed for one document holds for every other. Emptied when it grows too large."""
    entry = _verdict_memos.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = (rules, {})  # the rules are kept alive with it, so id() is not reused
        _verdict_memos[id(rules)] = entry
    if len(entry[1]) > VERDICT_MEMO_MAX:
        entry[1].clear()
    return entry[1]


def _split_lines(text: str) -> list[str]:
    """The lines of ``text``, split on ``\\r\\n``, ``\\r`` and ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def explain_boilerplate(text: str, lang: str) -> list[tuple[int, str, str]]:
    """List the lines ``strip_boilerplate`` removes as ``(line_index, line, rule)``.

    ``line_index`` counts lines of ``text`` split on line breaks (0-based); ``rule`` is one
    of end, end-inline, debug, wrapper, site, header_label, widget, credit, caption, repeated.
    """
    lines = _split_lines(text)
    verdict = _verdicts(lines, lang)
    return [(i, lines[i].strip(), verdict[i]) for i in sorted(verdict)]


def _verdicts(
    lines: list[str],
    lang: str,
    folded: list[str] | None = None,
    check_debug: bool | None = None,
) -> dict[int, str]:
    """``{line index: rule}`` of the lines (of one text) that ``strip_boilerplate`` removes;
    ``folded`` (``fold_lines(lines)``) and ``check_debug`` (:func:`_has_debug_marker` of
    them) are computed here unless given."""
    rules = load_rules(lang)
    s = rules.settings
    if folded is None:
        folded = fold_lines(lines)
    # folded lines are stripped with single spaces between words: = len(f.split())
    words = [f.count(" ") + 1 if f else 0 for f in folded]
    # one search over the whole text instead of one per line when no debug marker occurs
    if check_debug is None:
        check_debug = _has_debug_marker("\n".join(folded), rules)
    verdict: dict[int, str] = {}
    memo = _verdict_memo(rules)  # pages and sites repeat lines a lot

    def rule_of(i: int, seen_long: bool) -> str | None:
        key = (folded[i], seen_long, check_debug)
        if key not in memo:
            memo[key] = _line_rule(folded[i], words[i], seen_long, rules, check_debug)
        return memo[key]

    # 1. End block ("related articles" / "read also" through the end of the page).
    n = len(lines)
    for i in range(n):
        if not folded[i] or words[i] > s["end_marker_max_words"] or rules.end is None:
            continue
        if not rules.end.fullmatch(folded[i]):
            continue
        later_prose = any(
            _is_prose(folded[j], words[j], rules) and rule_of(j, True) is None
            for j in range(i + 1, n)
        )
        if not later_prose:
            for j in range(i, n):
                if folded[j]:
                    verdict[j] = "end"
            n = i
        else:
            verdict[i] = "end-inline"
            for j in range(i + 1, n):
                if folded[j]:
                    if not _is_prose(folded[j], words[j], rules):
                        verdict[j] = "end-inline"
                    break
        if not later_prose:
            break

    # 2./3. Per-line rules and repeated lines.
    seen_long = False
    counts: dict[str, int] = {}
    for i in range(n):
        if folded[i] and i not in verdict:
            counts[folded[i]] = counts.get(folded[i], 0) + 1
    first_kept: set[str] = set()
    captions: set[str] = set()
    for i in range(n):
        f = folded[i]
        if not f or i in verdict:
            continue
        rule = rule_of(i, seen_long)
        if words[i] >= s["header_label_before_words"]:
            seen_long = True
        if rule is None and counts[f] > 1:
            if words[i] <= s["repeated_short_max_words"] or f in first_kept:
                rule = "repeated"
            else:
                first_kept.add(f)
        if rule is not None:
            verdict[i] = rule
            if rule == "credit":
                caption = _credit_caption(f, rules)
                if caption:
                    captions.add(caption)

    # 4. Captions printed twice (alone and with their credit).
    if captions:
        for i in range(n):
            if folded[i] in captions and i not in verdict:
                verdict[i] = "caption"
    return verdict


def _has_debug_marker(folded_text: str, rules: BoilerplateRules) -> bool:
    """Whether a debug marker occurs anywhere in a text's folded lines (joined): without one,
    no line needs its own debug search."""
    return rules.debug is not None and rules.debug.search(folded_text) is not None


def _kept_lines(lines: list[str], drop: Container[int]) -> str:
    """The lines not in ``drop``, right-stripped, blank runs collapsed to one blank line, no
    blank line at either end, joined with line breaks."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if not line.strip():
            if kept and kept[-1] != "":
                kept.append("")
            continue
        kept.append(line.rstrip())
    while kept and kept[-1] == "":
        kept.pop()
    return "\n".join(kept)


def restrip_body(text: str, lang: str) -> str:
    """``strip_boilerplate(text, lang)[0]`` for a ``text`` made of the first lines of a
    ``strip_boilerplate`` body (with the same ``lang``), computed without re-running the rules
    that cannot fire again.

    Why only header labels can: every kept line already passed the per-line rules on its
    own (debug, code token, wrapper, credit, site, widget depend on the line alone); an
    end marker and the second copy of a repeated line never survive the first pass, so the
    end block, repeated-line and caption rules find nothing; but a header label is removed
    only "before the first long line", and a long line that the first pass removed (a long
    credit or wrapper line) no longer counts. A property test checks the equality."""
    rules = load_rules(lang)
    s = rules.settings
    lines = _split_lines(text)
    drop: set[int] = set()
    if rules.header_label is not None:
        seen_long = False
        for i, folded in enumerate(fold_lines(lines)):
            if not folded:
                continue
            words = folded.count(" ") + 1
            if (
                not seen_long
                and words <= s["short_line_max_words"]
                and rules.header_label.fullmatch(folded)
            ):
                drop.add(i)
            if words >= s["header_label_before_words"]:
                seen_long = True
    return _kept_lines(lines, drop)


def restripped_lines(lines: list[str], lang: str) -> Iterator[str]:
    """The non-blank lines of ``restrip_body("\\n".join(lines), lang)`` (right-stripped, in
    order), produced lazily for ``lines`` holding no line break: a line is folded only while a
    header label can still be dropped (before the first long line), so a reader that stops
    at the headline (:func:`helpers.ingest.metadata.extract_title`) does not process the
    rest of the body. A property test checks the equality."""
    rules = load_rules(lang)
    s = rules.settings
    label = rules.header_label
    seen_long = label is None
    for line in lines:
        if not line.strip():
            continue
        if not seen_long:
            folded = fold_lines([line])[0]
            if folded:
                words = folded.count(" ") + 1
                dropped = (
                    words <= s["short_line_max_words"]
                    and label is not None
                    and label.fullmatch(folded) is not None
                )
                if words >= s["header_label_before_words"]:
                    seen_long = True
                if dropped:
                    continue
        yield line.rstrip()


def strip_boilerplate(text: str, lang: str) -> tuple[str, list[str]]:
    """Remove boilerplate lines from ``text``; return ``(body, removed_lines)``.

    ``body`` keeps the remaining lines unchanged (line breaks kept, blank-line runs collapsed
    to one, no blank lines at the start or end). ``removed_lines`` lists the removed
    non-blank lines, stripped, in document order. ``lang`` is "he", "ar" or anything else
    (then only the language-independent ``any`` rules apply).
    """
    lines = _split_lines(text)  # split once, for the rules and for the body
    return _stripped(lines, _verdicts(lines, lang))


def _stripped(lines: list[str], verdict: dict[int, str]) -> tuple[str, list[str]]:
    """``(body, removed_lines)`` of a text's lines, given the verdicts of the removed ones."""
    return _kept_lines(lines, verdict), [lines[i].strip() for i in sorted(verdict)]


def strip_boilerplates(texts: Sequence[str], langs: Sequence[str]) -> list[tuple[str, list[str]]]:
    """``[strip_boilerplate(text, lang) ...]`` for many texts: the debug-marker check of each
    text (a scan of all its folded lines with a case-insensitive regex, slow in ``re``) is
    made for all texts of a language at once with the prefilter of
    :mod:`helpers.text.prefilter`, and ``re`` confirms it only in the texts the prefilter
    cannot rule out; so every result is ``strip_boilerplate``'s."""
    lines = [_split_lines(text) for text in texts]
    folded = [fold_lines(text_lines) for text_lines in lines]
    out: list[tuple[str, list[str]]] = [("", [])] * len(texts)
    for lang in dict.fromkeys(langs):
        rules = load_rules(lang)
        rows = [i for i, text_lang in enumerate(langs) if text_lang == lang]
        joined = ["\n".join(folded[i]) for i in rows]
        if rules.debug is not None and len(rows) >= PREFILTER_MIN_TEXTS:
            may = may_match([rules.debug], joined)[rules.debug].tolist()
        else:
            may = [True] * len(rows)
        for i, text, maybe in zip(rows, joined, may):
            check_debug = maybe and _has_debug_marker(text, rules)
            out[i] = _stripped(lines[i], _verdicts(lines[i], lang, folded[i], check_debug))
    return out

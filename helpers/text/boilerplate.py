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
folded copy of each line (see ``fold_line``); the body keeps the original lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from helpers.text.clean import CharMap

__all__ = [
    "BOILERPLATE_YAML",
    "BoilerplateRules",
    "OUTLETS_YAML",
    "explain_boilerplate",
    "fold_line",
    "fold_lines",
    "fold_pattern",
    "load_rules",
    "strip_boilerplate",
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

# Folding (matching form only; never applied to the returned body).
_DROP_RE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"  # bidi / zero-width / BOM / SHY
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"  # Hebrew niqqud & cantillation
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"  # Arabic tashkeel, tatweel
)
_FOLD_TABLE = str.maketrans(
    {
        "״": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "׳": "'",
        "‘": "'",
        "’": "'",
        "`": "'",
        "־": "-",
        "–": "-",
        "—": "-",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "\u00a0": " ",
    }
)
_SPACE_RE = re.compile(r"\s+")
_CODE_TOKEN_RE = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+(?:=\S*)?")
_SENTENCE_END_RE = re.compile(r"[.!?؟…][\"')\]]*$")
_SENTENCE_END_CHARS = ".!?؟…"
_CLOSERS = "\"')]"


def _ends_sentence(folded: str) -> bool:
    """``bool(_SENTENCE_END_RE.search(folded))`` for a folded line (no line break), read from
    the end of the line instead of scanning it."""
    body = folded.rstrip(_CLOSERS)
    return body != "" and body[-1] in _SENTENCE_END_CHARS


_FOLD_MAP = {chr(k): v for k, v in _FOLD_TABLE.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_MAP)) + "]")
# fold_lines' character pass over the joined lines: characters to drop are deleted, characters
# to map and blanks other than space and line break (→ a space) are mapped 1:1 through a numpy
# lookup table. The drop, map and blank sets are disjoint (asserted) and every mapped
# character becomes ONE character, so deleting first and then mapping equals handling every
# character on its own.
_BLANKS = "".join(
    c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\n " and c not in _FOLD_MAP
)
_DROP_CHARS = frozenset(_DROP_RE.findall("".join(map(chr, range(0x10000)))))
assert not _DROP_CHARS & (set(_FOLD_MAP) | set(_BLANKS)) and all(
    len(v) == 1 for v in _FOLD_MAP.values()
)
_FOLD_CHARMAP = CharMap(
    {**{ord(k): ord(v) for k, v in _FOLD_MAP.items()}, **{ord(b): ord(" ") for b in _BLANKS}}
)


def _fold_chars(text: str) -> str:
    # re.sub with a dict lookup is much faster than str.translate on long texts with
    # few characters to map.
    return _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], _DROP_RE.sub("", text))


def fold_line(line: str) -> str:
    """Return the matching form of one line (see helpers/data/boilerplate.yaml)."""
    return _SPACE_RE.sub(" ", _fold_chars(line)).strip().casefold()


#: fold_lines remembers the folded lines of its last call of at most this many lines: ingesting
#: a document folds the same lines up to three times (boilerplate, outlet, title).
FOLD_MEMO_MAX_LINES: int = 5000
_fold_memo: dict[str, str] = {}


def fold_lines(lines: list[str]) -> list[str]:
    """``[fold_line(line) for line in lines]``, computed in one pass over the joined text.

    Each line's folded form depends on that line only, so lines folded by the previous call
    are taken from its memo (exact), and only the others are folded."""
    global _fold_memo
    if len(lines) > FOLD_MEMO_MAX_LINES or any("\n" in line for line in lines):
        return _fold_lines(lines)  # (a line break inside a line: _fold_lines' fallback)
    memo = _fold_memo
    cached = [memo.get(line) for line in lines]
    missing = [i for i, f in enumerate(cached) if f is None]
    new = iter(_fold_lines([lines[i] for i in missing]) if missing else ())
    folded = [f if f is not None else next(new) for f in cached]  # `new` is in `missing` order
    if missing:
        _fold_memo = dict(zip(lines, folded))
    return folded


def _fold_lines(lines: list[str]) -> list[str]:
    joined = _FOLD_CHARMAP(_DROP_RE.sub("", "\n".join(lines))).casefold()
    folded = [
        _SPACE_RE.sub(" ", line).strip() if "  " in line else line.strip()
        for line in joined.split("\n")
    ]
    if len(folded) != len(lines):  # a character casefolded into a line break: never seen
        folded = [fold_line(line) for line in lines]
    return folded


def fold_pattern(pattern: str) -> str:
    """Fold a marker regex like ``fold_line`` folds text, minus case and spacing changes.

    (Case is handled by re.IGNORECASE; casefolding a regex would turn ``\\S`` into ``\\s``.)
    """
    return _fold_chars(pattern).strip()


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
    data = yaml.safe_load(outlets_path.read_text(encoding="utf-8")) or {}
    names: set[str] = set()
    for entry in (data.get("outlets") or {}).values():
        for name in entry.get("names") or []:
            names.add(fold_line(str(name)))
    return frozenset(n for n in names if n)


@lru_cache(maxsize=16)
def _load_cached(lang: str, path: str, outlets: str) -> BoilerplateRules:
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
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


def load_rules(
    lang: str, path: str | Path | None = None, outlets: str | Path | None = None
) -> BoilerplateRules:
    """Load and compile the boilerplate rules for ``lang`` (cached per file and language)."""
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


def explain_boilerplate(text: str, lang: str) -> list[tuple[int, str, str]]:
    """List the lines ``strip_boilerplate`` removes as ``(line_index, line, rule)``.

    ``line_index`` counts lines of ``text`` split on line breaks (0-based); ``rule`` is one
    of end, end-inline, debug, wrapper, site, header_label, widget, credit, caption, repeated.
    """
    rules = load_rules(lang)
    s = rules.settings
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    folded = fold_lines(lines)
    # folded lines are stripped with single spaces between words: = len(f.split())
    words = [f.count(" ") + 1 if f else 0 for f in folded]
    # one search over the whole text instead of one per line when no debug marker occurs
    check_debug = rules.debug is not None and rules.debug.search("\n".join(folded)) is not None
    verdict: dict[int, str] = {}
    memo: dict[tuple[str, bool], str | None] = {}  # scraped pages repeat lines a lot

    def rule_of(i: int, seen_long: bool) -> str | None:
        key = (folded[i], seen_long)
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

    return [(i, lines[i].strip(), verdict[i]) for i in sorted(verdict)]


def strip_boilerplate(text: str, lang: str) -> tuple[str, list[str]]:
    """Remove boilerplate lines from ``text``; return ``(body, removed_lines)``.

    ``body`` keeps the remaining lines unchanged (line breaks kept, blank-line runs collapsed
    to one, no blank lines at the start or end). ``removed_lines`` lists the removed
    non-blank lines, stripped, in document order. ``lang`` is "he", "ar" or anything else
    (then only the language-independent ``any`` rules apply).
    """
    removed = explain_boilerplate(text, lang)
    drop = {i for i, _, _ in removed}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
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
    return "\n".join(kept), [line for _, line, _ in removed]

"""Article metadata from text: outlet, headline and publication date.

* ``detect_outlet(text, lang, fields=None)`` — from record fields when given (``outlet`` /
  ``media_name`` / ``source_domain`` / ``url``), else from self-identifying signatures in
  ``helpers/data/outlet_signatures.yaml``; else ``None`` (never guessed).

Texts longer than two ``WINDOW_CHARS`` are searched for outlet signatures and marked dates
in their first and last ``WINDOW_CHARS`` characters only (page header and footer), and for
the headline in their first ``TITLE_SCAN_LINES`` lines.
* ``extract_title(text, lang)`` — the headline: the first substantive, headline-like line
  of the body (boilerplate stripped, bylines/datelines skipped, a trailing " - <outlet>…"
  cut).
* ``parse_published(text, lang)`` — ``(YYYY-MM-DD, raw string)`` or ``(None, None)``.

All three accept the cleaned text or the boilerplate-stripped body (strip_boilerplate keeps
byline, dateline and "source:" lines). ``detect_outlet`` should be given the cleaned text
before stripping: the site-name lines it reads (e.g. "וואלה") are boilerplate.

Publication date rules (deterministic regexes with month tables, no dateparser):

1. An explicitly marked date anywhere: עודכן (לאחרונה), פורסם (לראשונה), תאריך פרסום,
   نشر (في / بتاريخ), آخر تحديث, تاريخ النشر, اليوم [weekday] … — the first one wins. The
   marker must open its line or follow a separator (| , - • :), so "הדיווח פורסם ב-…"
   inside a sentence is not a dateline.
2. Else the first date in the header region (the first ``HEADER_LINES`` non-blank lines)
   that is not preceded by the preposition ב / ב- / في (an in-story date "ב-6 באוקטובר").
3. Else ``(None, None)``: dates in the story body are not publication dates.

A date needs day, month and year: "24 באוקטובר 2024", "14 مايو 2025", Levantine months
("14 أيار 2025", also "أيار/مايو"), Maghrebi months, d.m.yyyy, d/m/yyyy, yyyy-mm-dd.
Arabic-Indic digits are read. Impossible dates (31.2.2026) and years outside
``MIN_YEAR``–``MAX_YEAR`` are skipped. ``raw`` is the matched string as it stands in the
text, including the marker and a trailing time when present
("עודכן לאחרונה: 21.3.2026 / 10:35").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import polars as pl

from helpers.core.io import load_yaml_safely
from helpers.text.boilerplate import OUTLETS_YAML, restripped_lines, strip_boilerplate
from helpers.text.fold import (
    DATE_FOLD,
    CharMap,
    fold_aware_pattern,
    fold_line,
    fold_lines,
    fold_pattern,
)
from helpers.text.prefilter import PREFILTER_MIN_TEXTS, may_match

__all__ = [
    "HEADER_LINES",
    "MAX_YEAR",
    "MIN_YEAR",
    "TITLE_MAX_WORDS",
    "TITLE_MIN_WORDS",
    "TITLE_SCAN_LINES",
    "WINDOW_CHARS",
    "OutletSignature",
    "detect_outlet",
    "detect_outlets",
    "extract_title",
    "load_outlet_signatures",
    "parse_published",
    "parse_published_many",
]

#: Non-blank lines at the top of the text searched for an unmarked publication date.
HEADER_LINES: int = 8
#: Plausible publication years.
MIN_YEAR, MAX_YEAR = 1990, 2100
#: A headline has at most this many words (longer lines are ledes / paragraphs).
TITLE_MAX_WORDS: int = 20
#: A headline has at least this many words.
TITLE_MIN_WORDS: int = 3
#: Lines read from the top when looking for the headline.
TITLE_SCAN_LINES: int = 300
#: Outlet signatures and marked dates are looked for in the first and the last this many
#: characters (page header and footer), so a 50 MB text costs no more than a long article.
WINDOW_CHARS: int = 100_000


def _windows(text: str) -> list[str]:
    """The text, or its head and tail when it is longer than two windows."""
    if len(text) <= 2 * WINDOW_CHARS:
        return [text]
    return [text[:WINDOW_CHARS], text[-WINDOW_CHARS:]]


# ---------------------------------------------------------------------------- outlets


@dataclass(frozen=True)
class OutletSignature:
    """One entry of outlet_signatures.yaml, compiled."""

    slug: str
    name: str
    langs: tuple[str, ...]
    names: tuple[str, ...]
    domains: tuple[str, ...]
    signatures: tuple[re.Pattern[str], ...]


_DEFAULT_OUTLETS = str(OUTLETS_YAML)


@lru_cache(maxsize=4)
def _load_outlet_signatures_cached(path: str) -> tuple[OutletSignature, ...]:
    data: dict[str, Any] = load_yaml_safely(Path(path).read_text(encoding="utf-8")) or {}
    outlets = []
    for slug, entry in (data.get("outlets") or {}).items():
        for key in ("names", "domains", "signatures"):
            for value in entry.get(key) or ():
                if not isinstance(value, str):
                    raise ValueError(
                        f"{path}: outlet {slug!r}, {key}: {value!r} is not a string (quote it)"
                    )
        outlets.append(
            OutletSignature(
                slug=str(slug),
                name=str(entry["name"]),
                langs=tuple(entry.get("langs") or ()),
                names=tuple(str(n) for n in entry.get("names") or ()),
                domains=tuple(str(d).lower() for d in entry.get("domains") or ()),
                signatures=tuple(
                    re.compile(fold_pattern(str(p)), re.IGNORECASE)
                    for p in entry.get("signatures") or ()
                ),
            )
        )
    return tuple(outlets)


def load_outlet_signatures(path: str | Path | None = None) -> tuple[OutletSignature, ...]:
    """Load the outlet table (cached); default ``helpers/data/outlet_signatures.yaml``."""
    if not path:  # the default file: skip building the cache key (called per document)
        return _load_outlet_signatures_cached(_DEFAULT_OUTLETS)
    return _load_outlet_signatures_cached(str(Path(path)))


def _folded_text(text: str) -> str:
    return "\n".join(fold_lines(text.splitlines()))


@lru_cache(maxsize=4)
def _outlet_by_folded_name(outlets: tuple[OutletSignature, ...]) -> dict[str, str]:
    """Folded name or alias → canonical name (the first outlet in file order wins), folded once
    per outlet table instead of on every record."""
    by_name: dict[str, str] = {}
    for outlet in outlets:
        for name in (outlet.name, *outlet.names):
            by_name.setdefault(fold_line(name), outlet.name)
    return by_name


def _outlet_from_fields(
    fields: Mapping[str, Any], outlets: tuple[OutletSignature, ...]
) -> str | None:
    for key in ("outlet", "media_name"):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            known = _outlet_by_folded_name(outlets).get(fold_line(value))
            return known if known is not None else value.strip()
    for key in ("source_domain", "url"):
        value = fields.get(key)
        if not (isinstance(value, str) and value.strip()):
            continue
        raw = value.strip()
        host = (urlsplit(raw).hostname if "//" in raw else raw.split("/")[0]) or ""
        host = host.lower().removeprefix("www.")
        if not host:
            continue
        for outlet in outlets:
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet.name
        if key == "source_domain":
            return host
    return None


def detect_outlet(text: str, lang: str, fields: Mapping[str, Any] | None = None) -> str | None:
    """Return the canonical outlet name, or ``None`` when nothing identifies it.

    Record ``fields`` win (``outlet``, ``media_name``, then ``source_domain`` / ``url``
    host): a known name or domain maps to the canonical name from the YAML, an unknown
    outlet/media_name/source_domain is returned as given. Otherwise the outlets of
    language ``lang`` are searched for their signatures in ``text``; the outlet with most
    matches wins (ties: earliest match).
    """
    return detect_outlets([text], [lang], [fields])[0]


def detect_outlets(
    texts: Sequence[str],
    langs: Sequence[str],
    fields: Sequence[Mapping[str, Any] | None] | None = None,
) -> list[str | None]:
    """``[detect_outlet(text, lang, fields) ...]`` for many texts: the signatures are first
    looked for in all texts at once by Polars' Rust regex engine (a prefilter that never
    drops a text where the signature matches: :mod:`helpers.text.prefilter`), then counted with
    ``re`` in the texts that may hold them, so the result is ``re``'s. (Python's ``re``
    scans slowly for case-insensitive, ``\\b``- or ``^``-led patterns: on the 8 MB bench
    corpus the outlet step took 0.20 CPU-s one text at a time, 0.09 so.)"""
    outlets = load_outlet_signatures()
    field_list = fields if fields is not None else [None] * len(texts)
    result: list[str | None] = [None] * len(texts)
    todo: list[int] = []
    for i, (text, record_fields) in enumerate(zip(texts, field_list)):
        if record_fields:
            from_fields = _outlet_from_fields(record_fields, outlets)
            if from_fields:
                result[i] = from_fields
                continue
        if text:
            todo.append(i)
    folded = ["\n".join(_folded_text(window) for window in _windows(texts[i])) for i in todo]
    patterns = [p for outlet in outlets for p in outlet.signatures]
    may: dict[re.Pattern[str], list[bool]] | None = None
    searched: list[int] = list(range(len(todo)))
    if len(todo) >= PREFILTER_MIN_TEXTS:
        found = may_match(patterns, folded)
        may = {pattern: found[pattern].tolist() for pattern in patterns}
        # a text no signature may match has no outlet: only the others are searched
        any_may = np.logical_or.reduce([found[pattern] for pattern in patterns])
        searched = np.flatnonzero(any_may).tolist()
    for k in searched:
        i = todo[k]
        text, lang = folded[k], langs[i]
        best: tuple[int, int, str] | None = None  # (-count, first position, name)
        for outlet in outlets:
            if outlet.langs and lang not in outlet.langs:
                continue
            count, first = 0, len(text)
            for pattern in outlet.signatures:
                if may is not None and not may[pattern][k]:
                    continue
                for match in pattern.finditer(text):
                    count += 1
                    first = min(first, match.start())
            if count and (best is None or (-count, first) < best[:2]):
                best = (-count, first, outlet.name)
        result[i] = best[2] if best else None
    return result


# ---------------------------------------------------------------------------- dates

_HE_MONTHS = {
    "ינואר": 1,
    "פברואר": 2,
    "מרץ": 3,
    "מרס": 3,
    "אפריל": 4,
    "מאי": 5,
    "יוני": 6,
    "יולי": 7,
    "אוגוסט": 8,
    "ספטמבר": 9,
    "אוקטובר": 10,
    "נובמבר": 11,
    "דצמבר": 12,
}
# Written folded (أ إ آ → ا, ى → ي), as they are matched.
_AR_MONTHS = {
    # Egyptian / Gulf
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
    # Maghrebi
    "جانفي": 1,
    "فيفري": 2,
    "افريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويلية": 7,
    "اوت": 8,
}
_MONTHS = {**_HE_MONTHS, **_AR_MONTHS}
_MONTH_ALT = "|".join(
    sorted((re.escape(m).replace(r"\ ", r"\s+") for m in _MONTHS), key=len, reverse=True)
)

_TIME = (
    r"(?:\s*[/|,،\-–]?\s*(?:בשעה\s*|الساعة\s*)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*(?:صباحًا|صباحا|صباح|مساءً|مساء|ص|م|am|pm)(?![\w]))?)?"
)
_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})\s*(?:ב-?|-)?\s*(?P<m1>{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?"
    rf"\s*[,،]?\s*(?P<y1>\d{{4}})"
    r"|(?P<d2>\d{1,2})(?P<sep>[./])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
)
_DATE_RE = re.compile(rf"(?<![\d./]){_DATE}(?![\d./]){_TIME}", re.IGNORECASE)
# Every date starts with a digit: _DATE_RE is only tried where this finds one (see _finditer).
_DATE_START_RE = re.compile(r"\d")
# ... and at the first digit of a run (its look-behind refuses a digit before): _date_matches
# tries it once per run of digits.
_DIGITS_RE = re.compile(r"\d+")
_WEEKDAY = r"(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعة|الجمعه|السبت|יום\s+\S+)"
_MARKER = (
    r"(?:עודכן\s+לאחרונה|עודכן|פורסם\s+לראשונה|פורסם|תאריך\s+פרסום|עדכון\s+אחרון"
    r"|نشر\s+(?:في|بتاريخ)|نشر|اخر\s+تحديث|تاريخ\s+النشر|تم\s+النشر|اليوم)"
)
_MARKED_RE = re.compile(
    rf"(?<![\w]){_MARKER}\s*[:：]?\s*(?:ב-?\s*|في\s+|بتاريخ\s+)?(?:{_WEEKDAY}\s*[,،]?\s*)?(?:(?<=\s)|(?<=:)|(?<=-))"
    rf"(?=\d)",
    re.IGNORECASE,
)
# Every marked date starts with a marker word: _MARKED_RE is only tried where this finds one.
_MARKER_START_RE = re.compile(_MARKER, re.IGNORECASE)
# What _MARKED_RE reads, loosened for Polars' Rust regex engine (parse_published_many): its
# look-arounds dropped and the digit it looks ahead to taken in; Python's \s is Rust's plus
# \x1c-\x1f (the class below holds those characters themselves), Rust's \S and \d hold
# Python's, and no letter here has a case. So it matches wherever _MARKED_RE does; written
# for folded text and spelled for the raw text with fold_aware_pattern.
_PY_SPACE_CLASS = "[\\s\x1c\x1d\x1e\x1f]"
_MARKED_PREFILTER = fold_aware_pattern(
    rf"{_MARKER}\s*[:：]?\s*(?:ב-?\s*|في\s+|بتاريخ\s+)?(?:{_WEEKDAY}\s*[,،]?\s*)?\d".replace(
        "\\s", _PY_SPACE_CLASS
    ),
    DATE_FOLD,
)
#: A text is split into lines from its first this many characters when they hold the whole
#: header region (HEADER_LINES non-blank lines), not all of it.
_HEADER_CHARS = 4096
_DATE_FOLD_MAP = CharMap(DATE_FOLD)
# "ב-6 באוקטובר", "וב-", "שב-" / "في 14 مايو", "وفي", "بتاريخ": a date inside the story.
#: A marker opens a line or follows one of these separators ("<title> - <outlet>, اليوم …").
_MARKER_LEADS = frozenset("|,،-–—•·:(/")
_IN_STORY_PREFIX_RE = re.compile(r"(?<![\w])(?:(?:ו|ש|כש|וכש)?ב[-־]?\s*|و?(?:في|بتاريخ)\s+)$")


def _date_from_match(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g["d1"]:
        day, month, year = int(g["d1"]), _MONTHS[_SPACE_RE.sub(" ", g["m1"])], int(g["y1"])
    elif g["d2"]:
        day, month, year = int(g["d2"]), int(g["m2"]), int(g["y2"])
    else:
        day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_SPACE_RE = re.compile(r"\s+")


def _fold_dates(text: str) -> str:
    """``text.translate(DATE_FOLD)`` (see helpers.text.fold), faster."""
    return _DATE_FOLD_MAP(text)


def _finditer(
    pattern: re.Pattern[str], start_re: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found faster: ``pattern`` (whose leading
    lookbehind keeps the regex engine from skipping ahead) is only tried at the positions where
    ``start_re`` — which matches wherever a match of ``pattern`` can start — finds a match.
    Leftmost first, non-overlapping, exactly as ``finditer`` (no pattern here matches empty)."""
    pos = 0
    end = len(text)
    while pos <= end:
        cand = start_re.search(text, pos)
        if cand is None:
            return
        match = pattern.match(text, cand.start())
        if match is None:
            pos = cand.start() + 1
            continue
        yield match
        pos = match.end() if match.end() > match.start() else match.end() + 1


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """``_DATE_RE.finditer(text)``, found faster: tried only at the first digit of each run of
    digits at or after the search position (inside a run, or right after a digit, its
    look-behind fails). Leftmost first and non-overlapping, exactly as ``finditer``."""
    pos = 0
    while True:
        digits = _DIGITS_RE.search(text, pos)
        if digits is None:
            return
        match = _DATE_RE.match(text, digits.start())
        if match is None:
            pos = digits.end()
            continue
        yield match
        pos = match.end()


def parse_published(text: str, lang: str) -> tuple[str | None, str | None]:
    """Return ``(YYYY-MM-DD, raw)`` for the publication date in ``text``, else ``(None, None)``.

    ``lang`` is accepted for symmetry with the other functions; the month tables of both
    languages are always tried (an Arabic date line in a Hebrew page is still a date).
    """
    return _parse_published(text, may_be_marked=True)


def parse_published_many(
    texts: Sequence[str], langs: Sequence[str]
) -> list[tuple[str | None, str | None]]:
    """``[parse_published(text, lang) ...]`` for many texts: the marked-date step — a scan of
    the whole text for marker words, slow in ``re`` — runs only on the texts where Polars'
    Rust regex, looking at all of them at once, finds a marker followed by a digit (a looser
    pattern than the step's, so it never rules out a text the step would date); the others
    are read in their header region only, and only that is folded."""
    if len(texts) < PREFILTER_MIN_TEXTS:
        may: list[bool] = [True] * len(texts)
    else:
        may = pl.Series(list(texts), dtype=pl.String).str.contains(_MARKED_PREFILTER).to_list()
    return [_parse_published(text, may_be_marked=bool(m)) for text, m in zip(texts, may)]


def _header_text(text: str) -> str:
    """A prefix of ``text`` that holds its first ``HEADER_LINES`` non-blank lines whole (the
    text itself when its first ``_HEADER_CHARS`` characters do not)."""
    if len(text) > _HEADER_CHARS:
        lines = text[:_HEADER_CHARS].splitlines(keepends=True)[:-1]  # the last may be cut
        if sum(1 for line in lines if line.strip()) >= HEADER_LINES:
            return "".join(lines)
    return text


def _parse_published(text: str, may_be_marked: bool) -> tuple[str | None, str | None]:
    """:func:`parse_published`; ``may_be_marked=False`` skips the marked-date step (for a text
    in which it cannot find a date)."""
    if not text:
        return None, None
    # 1. explicitly marked dates, anywhere (in the head and tail windows of a huge text)
    windows = _windows(text)
    folded_head: str | None = None
    for window in windows if may_be_marked else ():
        folded = _fold_dates(window)
        if folded_head is None:
            folded_head = folded
        for marker in _finditer(_MARKED_RE, _MARKER_START_RE, folded):
            before = folded[folded.rfind("\n", 0, marker.start()) + 1 : marker.start()].rstrip()
            if before and before[-1] not in _MARKER_LEADS:
                continue  # "הדיווח פורסם ב-…" inside a sentence is not a dateline
            match = _DATE_RE.match(folded, marker.end())
            if match:
                iso = _date_from_match(match)
                if iso:
                    return iso, window[marker.start() : match.end()].strip()
    # 2. header region (folded here when step 1 did not fold it: only as far as it reaches;
    #    the fold maps characters one to one and keeps line breaks, so its lines are the
    #    folded lines of the text)
    text = windows[0]
    folded = folded_head if folded_head is not None else _fold_dates(_header_text(text))
    pos = 0
    seen = 0
    for line in folded.splitlines(keepends=True):
        if line.strip():
            seen += 1
            for match in _date_matches(line):
                if _IN_STORY_PREFIX_RE.search(line[: match.start()]):
                    continue
                iso = _date_from_match(match)
                if iso:
                    return iso, text[pos + match.start() : pos + match.end()].strip()
        pos += len(line)
        if seen >= HEADER_LINES:
            break
    return None, None


# ---------------------------------------------------------------------------- title

_META_LINE_PATTERN = rf"^\s*(?:{_MARKER}|מקור|المصدر|source|by|מאת|بقلم)\s*[:：]"
_META_LINE_RE = re.compile(_META_LINE_PATTERN, re.IGNORECASE)
# The same, on the unfolded line (helpers.text.fold.fold_aware_pattern): no fold needed.
_META_LINE_RAW_RE = re.compile(fold_aware_pattern(_META_LINE_PATTERN, DATE_FOLD), re.IGNORECASE)
_SUFFIX_SEP_RE = re.compile(r"\s+[-–—|]\s+")
_NAME_END_RE = re.compile(r"(?:\s*[,،:|]|\s+[-–—]\s)")  # "<outlet>, …" / "<outlet> | …"


@lru_cache(maxsize=1)
def _outlet_names() -> tuple[str, ...]:
    return tuple(fold_line(n) for o in load_outlet_signatures() for n in (*o.names, o.name))


def _cut_outlet_suffix(line: str) -> str:
    """Cut a trailing " - <outlet name>…" (e.g. " - تكنو بلس, اليوم …") from a headline."""
    names = _outlet_names()
    for sep in _SUFFIX_SEP_RE.finditer(line):
        rest = fold_line(line[sep.end() :])
        if any(
            rest == n or (rest.startswith(n) and _NAME_END_RE.match(rest, len(n))) for n in names
        ):
            return line[: sep.start()].rstrip()
    return line


def _is_meta_line(line: str) -> bool:
    """Byline / dateline / source lines are not headlines. (The marker is looked for in the
    raw line with the fold-aware pattern; a line is folded only when it may be a bare date:
    six words or fewer, with a digit.)"""
    if line.count("|") >= 2 or _META_LINE_RAW_RE.match(line):
        return True
    if len(line.split()) > 6 or _DATE_START_RE.search(line) is None:
        return False
    return next(_date_matches(_fold_dates(line)), None) is not None


def extract_title(text: str | list[str], lang: str = "", *, is_body: bool = False) -> str | None:
    """Return the headline: the first substantive, headline-like line of the body.

    ``text`` is the cleaned text or the stripped body (a list of body lines is accepted
    too); only its first ``TITLE_SCAN_LINES`` lines are read. Boilerplate is stripped first
    (``is_body=True`` says ``text`` is a ``strip_boilerplate`` body: the same result, faster); byline/dateline/source
    lines and lines under ``TITLE_MIN_WORDS`` words are skipped; a trailing
    " - <outlet>…" is cut; the first line of at most ``TITLE_MAX_WORDS`` words is the
    headline. If no line is short enough, the first substantive line is returned; if there
    is none, ``None``.
    """
    if isinstance(text, list):
        text = "\n".join(text)
    if not text or not text.strip():
        return None
    head_lines = text.splitlines()[:TITLE_SCAN_LINES]
    # (on a body, restripped_lines gives strip_boilerplate's lines with less work, and only
    # as far as they are read)
    if is_body:
        body_lines: Iterable[str] = restripped_lines(head_lines, lang)
    else:
        body_lines = strip_boilerplate("\n".join(head_lines), lang)[0].splitlines()
    fallback: str | None = None
    for raw in body_lines:
        line = raw.strip()
        if not line or _is_meta_line(line):
            continue
        line = _cut_outlet_suffix(line)
        n_words = len(line.split())
        if n_words < TITLE_MIN_WORDS:
            continue
        if n_words <= TITLE_MAX_WORDS:
            return line
        if fallback is None:
            fallback = line
    return fallback

"""Who said it: attribution constructs in a sentence and the speaker of a claim cue
(rule 6 of :mod:`helpers.claims.annotate`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from helpers.claims.pattern_index import Hit

__all__ = [
    "SUBJECT_WINDOW_AFTER",
    "SUBJECT_WINDOW_BEFORE",
    "ATTRIBUTION_WINDOW",
    "COLON_WINDOW",
    "OUTLET",
    "Attribution",
    "Gaps",
    "count_words",
    "speaker_label",
    "attributions",
    "last_said",
    "choose_speaker",
]

#: Max words between a speech verb and its subject after it / before it.
SUBJECT_WINDOW_AFTER = 5
SUBJECT_WINDOW_BEFORE = 3
#: Max words between an "according to" cue and the actor / medium after it.
ATTRIBUTION_WINDOW = 3
#: Max words between an actor and a colon that opens a quotation (``פוטין למנהיגי איראן: "…"``).
COLON_WINDOW = 2
OUTLET = "OUTLET"

_COMPLEMENTISERS = frozenset({"כי", "ان", "بان", "انه", "انها", "that"})
_AFTER_STOP_RE = regex.compile(r"[\"“”«»:;؛]")
_BEFORE_STOP_RE = regex.compile(r"[:;؛,،.!?؟]")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_COLON_RE = regex.compile(r":(?=\s*[\"“«„])")
_QUOTE_MARK_RE = regex.compile(r"(?<![\p{L}\p{M}])[\"“”«»„]|[\"“”«»„](?![\p{L}\p{M}])")


class Attribution(NamedTuple):
    """A speech-verb / according-to / colon construct: its span and its speaker (``None``
    for a speech verb with no named subject)."""

    start: int
    end: int
    speaker: str | None


def count_words(text: str, pos: int = 0, endpos: int | None = None) -> int:
    """Number of words in ``text[pos:endpos]``."""
    return len(_WORD_RE.findall(text, pos, len(text) if endpos is None else endpos))


class Gaps:
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


def speaker_label(hit: Hit, kind: str) -> str:
    """The speaker code of a voice: an actor id, or ``MEDIA:<id>``."""
    return f"MEDIA:{hit.owner}" if kind == "media" else hit.owner


def attributions(
    norm: str,
    hits: dict[str, list[Hit]],
    gaps: Gaps | None = None,
) -> list[Attribution]:
    """(start, end, speaker) of every speech-verb / according-to / colon construct;
    speaker ``None`` for a speech verb without a named subject."""
    media = hits.get("media", [])
    actors = hits.get("actor", [])
    voices = (
        [
            (h, "actor")
            for h in actors
            if not any(m.start <= h.start and h.end <= m.end for m in media)
        ]
        + [(h, "media") for h in media]
        if media
        else [(h, "actor") for h in actors]
    )
    out: list[Attribution] = []
    colons = list(_COLON_RE.finditer(norm)) if voices and ":" in norm else []
    speech = hits.get("speech", [])
    attribution = hits.get("attribution", []) if voices else []
    if gaps is None:
        gaps = Gaps(norm)  # (holds a reference to norm: nothing to compute)
    key: tuple[int, ...]  # ranking key of a candidate voice (smaller wins)
    for v in speech:
        best: tuple[tuple[int, ...], Hit, str] | None = None
        for h, kind in voices:
            if v.start < h.start and h.end <= v.end:  # inside a gapped verb: عبر X عن
                key = (h.rank, 0, h.start)
                if best is None or key < best[0]:
                    best = (key, h, kind)
            elif h.start >= v.end:
                between = _WORD_RE.findall(norm, v.end, h.start)  # (= gaps.words, once)
                n = len(between)
                if (
                    n <= SUBJECT_WINDOW_AFTER
                    and not gaps.after_stop(v.end, h.start)
                    and not _COMPLEMENTISERS.intersection(between)
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
            out.append(
                Attribution(min(v.start, h.start), max(v.end, h.end), speaker_label(h, kind))
            )
        else:
            out.append(Attribution(v.start, v.end, None))
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
            out.append(Attribution(a.start, h.end, speaker_label(h, kind)))
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
            out.append(Attribution(h.start, colon.end(), speaker_label(h, kind)))
    return out


def last_said(norm: str, hits: dict[str, list[Hit]]) -> str | None:
    """Speaker of a sentence's last resolved construct, if it has a speech verb."""
    if not hits.get("speech"):
        return None
    said = [a for a in attributions(norm, hits) if a.speaker is not None]
    return said[-1].speaker if said else None


def choose_speaker(
    norm: str,
    cue: Hit,
    attributions: list[Attribution],
    hits: dict[str, list[Hit]],
    prev: Callable[[], str | None] | None,
) -> str:
    if attributions:

        def distance(a: Attribution) -> tuple[int, int]:
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

"""Publication figures: one function per figure, tidy tables in, a Figure out.

Hebrew and Arabic are drawn by matplotlib itself (≥ 3.11 shapes Arabic and orders
right-to-left text through its bundled libraqm) with the bundled DejaVu Sans font — no
reshaping or bidi libraries. Axis text is English; original-script examples appear where they
help (evidence panel, log-odds labels).

Layouts are computed from the labels: each figure is drawn once, measured, and its canvas
resized around what was drawn (:func:`fit_to_content`) — long outlet names, 20 outlets or 40
claims widen or lengthen the figure instead of being cut, and no tight-layout heuristics (or
their warnings) are involved. Legends sit right of the plot, one entry per group. Group
names are for readers: language codes become language names (``he`` → Hebrew, from CLDR),
column names become words (``outlet_name`` → outlet).

All figures use one style file (``helpers/data/crosspress.mplstyle``, applied by
:func:`use_style`) and are built as plain :class:`~matplotlib.figure.Figure` objects (no
pyplot state). :func:`save_figure` writes PNG (300 dpi), SVG (text as paths) and PDF that are
byte-identical on rerun, atomically, and records them in ``<out_dir>/manifest.json``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib.dates as mdates
import matplotlib.style as mstyle
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.core.io import atomic_write, file_sha256, is_missing, read_json, write_json
from helpers.report.display import column_label, value_label

__all__ = [
    "STYLE_PATH",
    "LANG_COLOURS",
    "VOICE_COLOURS",
    "FORMATS",
    "SAVE_METADATA",
    "use_style",
    "new_figure",
    "fit_to_content",
    "ci_words",
    "truncate_around",
    "fig_prevalence",
    "fig_frames",
    "fig_voices",
    "fig_timeline",
    "fig_evidence",
    "fig_log_odds",
    "fig_rtl_sample",
    "save_figure",
]

STYLE_PATH: Path = Path(__file__).resolve().parent.parent / "data" / "crosspress.mplstyle"

#: Colours per language (Okabe–Ito), used consistently across figures.
LANG_COLOURS: dict[str, str] = {
    "he": "#0072B2",
    "ar": "#E69F00",
    "other": "#999999",
    "unknown": "#BBBBBB",
}
VOICE_COLOURS: dict[str, str] = {"actor": "#009E73", "media": "#CC79A7", "outlet": "#56B4E9"}
_FRAME_COLOURS = [
    "#0072B2",
    "#56B4E9",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#000000",
]
_HIGHLIGHT = "#B35806"
_HIGHLIGHT_BG = "#FDE0B6"

FORMATS = ("png", "svg", "pdf")
#: Per-format metadata that removes every timestamp / version stamp matplotlib would write.
SAVE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_RTL_BIDI = frozenset({"R", "AL"})
_STRONG_BIDI = frozenset({"L", "R", "AL"})
_SPACE_RE = re.compile(r"\s")


# --------------------------------------------------------------------------- style


@contextlib.contextmanager
def use_style() -> Iterator[None]:
    """Context manager applying the crosspress style (font, sizes, colours, svg settings)."""
    with mstyle.context(str(STYLE_PATH)):
        yield


class _StyledFigure(Figure):
    """A Figure that draws under the crosspress style wherever it is rendered (a notebook's
    inline preview included), so draw-time settings such as unhinted text metrics match the
    saved files."""

    def draw(self, renderer: Any) -> None:
        with use_style():
            super().draw(renderer)


def new_figure(width: float, height: float) -> Figure:
    """A pyplot-free Figure (Agg canvas) of ``width × height`` inches in the crosspress style."""
    fig = _StyledFigure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def _claim_label(claim_id: str, en: Any, width: int = 38) -> str:
    """``CLAIM_ID`` plus the English text wrapped, for a y tick label."""
    if is_missing(en) or not str(en).strip():
        return str(claim_id)
    lines = textwrap.wrap(textwrap.shorten(str(en), 2 * width - 4, placeholder=" …"), width)
    return f"{claim_id}\n" + "\n".join(lines[:2])


def _blank_axes(fig: Figure) -> None:
    """An invisible full-figure axes: notebooks only display figures that have axes."""
    fig.add_axes((0, 0, 1, 1)).set_axis_off()


def _empty(fig: Figure, ax: Any, message: str) -> Figure:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return fig


def fit_to_content(fig: Figure, pad: float = 0.1) -> Figure:
    """Resize ``fig``'s canvas to what is drawn on it, plus ``pad`` inches on every side.

    Axes keep their size in inches and every artist keeps its place relative to the others;
    only the margins change, so tick labels, legends, titles and notes of any length end up
    inside the canvas. Figure-level texts (``fig.text``) are moved with the content.
    """
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)  # new_figure attaches one
    renderer = canvas.get_renderer()
    for _ in range(2):  # a second pass settles text whose extent depends on its position
        width, height = fig.get_size_inches()
        box = fig.get_tightbbox(renderer)
        if box is None:
            return fig
        new_w, new_h = box.width + 2 * pad, box.height + 2 * pad
        dx, dy = pad - box.x0, pad - box.y0
        if abs(new_w - width) < 1e-3 and abs(new_h - height) < 1e-3 and abs(dx) < 1e-3:
            break
        for ax in fig.axes:
            pos = ax.get_position()
            ax.set_position(
                (
                    (pos.x0 * width + dx) / new_w,
                    (pos.y0 * height + dy) / new_h,
                    pos.width * width / new_w,
                    pos.height * height / new_h,
                )
            )
        for text in fig.texts:
            x, y = text.get_position()
            text.set_position(((x * width + dx) / new_w, (y * height + dy) / new_h))
        fig.set_size_inches(new_w, new_h)
    return fig


def _place_axes(fig: Figure, width: float, height: float) -> Any:
    """One axes of ``width × height`` inches (margins are set later by :func:`fit_to_content`)."""
    fig.set_size_inches(width + 2.0, height + 1.5)
    return fig.add_axes(
        (1.0 / (width + 2.0), 0.75 / (height + 1.5), width / (width + 2.0), height / (height + 1.5))
    )


def _legend_right(ax: Any, title: str | None = None) -> None:
    """The legend right of the plot, one entry per line, so every group is in it."""
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        ncols=1,
        frameon=False,
        borderaxespad=0.0,
        handlelength=1.2,
        title=title,
        alignment="left",
    )


def _group_colour(by: str, group: Any, index: int) -> str:
    """Language colours for language groups, the frame palette for anything else."""
    if column_label(by) == "language" and str(group) in LANG_COLOURS:
        return LANG_COLOURS[str(group)]
    return _FRAME_COLOURS[index % len(_FRAME_COLOURS)]


def ci_words(prevalence: pd.DataFrame) -> str:
    """How the prevalence table's intervals were made (its ``ci_method``), for an axis label or
    a caption: Wilson, exact, corrected for tagger error, or a bootstrap of articles."""
    method = (
        str(prevalence["ci_method"].iloc[0])
        if "ci_method" in prevalence and len(prevalence)
        else "bootstrap"
    )
    n_boot = int(prevalence["n_boot"].iloc[0]) if "n_boot" in prevalence and len(prevalence) else 0
    return {
        "wilson": "95% Wilson CI",
        "exact": "95% exact (Clopper–Pearson) CI",
        "corrected": "95% CI corrected for tagger error (validation sample + outlets)",
    }.get(method, f"95% bootstrap CI, {n_boot} resamples of articles")


def _group_label(by: str, group: Any, group_labels: Mapping[str, str] | None) -> str:
    """The codebook's label for a group when it has one (``language_labels``), else the
    reader's form of the value (:func:`helpers.report.display.value_label`)."""
    if group_labels and str(group) in group_labels:
        return str(group_labels[str(group)])
    return value_label(by, group)


# --------------------------------------------------------------------------- (a) prevalence


def fig_prevalence(
    prevalence: pd.DataFrame,
    title: str | None = None,
    group_labels: Mapping[str, str] | None = None,
) -> Figure:
    """Claim prevalence by group (usually language) with CI error bars (the table's
    ``ci_method``: Wilson, exact, bootstrap or corrected for tagger error).

    ``prevalence`` is :func:`helpers.stance.compare.prevalence` output. Each bar is labelled with
    ``k/n`` (articles with the claim / articles in the group) and the legend gives each
    group's n.
    """
    with use_style():
        claims = list(dict.fromkeys(prevalence["claim_id"]))
        groups = sorted(prevalence["group"].unique()) if len(prevalence) else []
        by = str(prevalence["by"].iloc[0]) if "by" in prevalence and len(prevalence) else "group"
        per_claim = max(0.48, 0.2 * max(1, len(groups)))
        fig = new_figure(7.0, 1.3 + per_claim * max(1, len(claims)))
        if not claims:
            return _empty(fig, fig.add_subplot(), "No claims to show")
        ax = _place_axes(fig, 4.6, per_claim * len(claims))
        height = 0.8 / len(groups)
        en = dict(zip(prevalence["claim_id"], prevalence["en"]))
        for gi, group in enumerate(groups):
            sub = prevalence[prevalence["group"] == group].set_index("claim_id").reindex(claims)
            y = np.arange(len(claims)) + (gi - (len(groups) - 1) / 2) * height
            share = sub["share"].to_numpy(float)
            err = np.vstack(
                [share - sub["ci_low"].to_numpy(float), sub["ci_high"].to_numpy(float) - share]
            ).clip(min=0)
            n_docs = int(sub["n_docs"].dropna().iloc[0]) if sub["n_docs"].notna().any() else 0
            ax.barh(
                y,
                share,
                height=height * 0.9,
                color=_group_colour(by, group, gi),
                label=f"{_group_label(by, group, group_labels)} (n={n_docs} articles)",
            )
            ax.errorbar(share, y, xerr=err, fmt="none", ecolor="#333333", elinewidth=0.8, capsize=2)
            for yy, k, n, hi in zip(y, sub["n_with_claim"], sub["n_docs"], sub["ci_high"]):
                if pd.notna(n):
                    ax.text(
                        min(float(hi), 1.0) + 0.015,
                        yy,
                        f"{int(k)}/{int(n)}",
                        va="center",
                        fontsize=7,
                        color="#333333",
                    )
        ax.set_yticks(np.arange(len(claims)), [_claim_label(c, en.get(c)) for c in claims])
        ax.set_ylim(len(claims) - 0.5, -0.5)  # first claim on top, no empty margin
        ax.set_xlim(0, 1.12)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel(
            f"Share of articles carrying the claim (k/n)\nerror bars: {ci_words(prevalence)}"
        )
        _legend_right(ax, column_label(by))
        ax.set_title(title or f"Claim prevalence by {column_label(by)}", loc="left")
        return fit_to_content(fig)


# --------------------------------------------------------------------------- (b) frames


def fig_frames(
    frames: pd.DataFrame,
    title: str | None = None,
    frame_labels: Mapping[str, str] | None = None,
    frame_colours: Mapping[str, str] | None = None,
) -> Figure:
    """Frame composition per group (usually outlet) as 100 % stacked horizontal bars.

    ``frames`` is :func:`helpers.stance.compare.frame_composition` output; each bar is labelled with
    its article count and number of claims counted. ``frame_labels`` (frame id → legend label,
    in display order) and ``frame_colours`` (frame id → colour) come from the codebook
    (``Codebook.frame_labels`` / ``frame_colours``); frames without a colour take the palette
    by position.
    """
    with use_style():
        groups = list(dict.fromkeys(frames["group"])) if len(frames) else []
        frame_names = list(dict.fromkeys(frames["frame"])) if len(frames) else []
        if frame_labels:  # the codebook's order first, then any frame it does not list
            frame_names = [f for f in frame_labels if f in frame_names] + [
                f for f in frame_names if f not in frame_labels
            ]
        by = str(frames["by"].iloc[0]) if "by" in frames and len(frames) else "group"
        fig = new_figure(7.0, 1.4 + 0.45 * max(1, len(groups)))
        if not groups:
            return _empty(fig, fig.add_subplot(), "No frames to show")
        ax = _place_axes(fig, 4.6, 0.45 * len(groups))
        left = np.zeros(len(groups))
        for fi, frame in enumerate(frame_names):
            sub = frames[frames["frame"] == frame].set_index("group").reindex(groups)
            share = sub["share"].fillna(0).to_numpy(float)
            ax.barh(
                np.arange(len(groups)),
                share,
                left=left,
                height=0.7,
                color=(frame_colours or {}).get(frame, _FRAME_COLOURS[fi % len(_FRAME_COLOURS)]),
                label=(frame_labels or {}).get(frame, frame),
            )
            for i, (x0, s, n) in enumerate(zip(left, share, sub["n"].fillna(0))):
                if s >= 0.08:
                    ax.text(x0 + s / 2, i, str(int(n)), ha="center", va="center", fontsize=7)
            left = left + share
        meta = frames.drop_duplicates("group").set_index("group").reindex(groups)
        labels = [
            f"{value_label(by, g)}\n(n={int(n_docs)} art., {int(total)} claims)"
            for g, n_docs, total in zip(groups, meta["n_docs"], meta["total"])
        ]
        ax.set_yticks(np.arange(len(groups)), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of claims found, by frame (each claim counted once per article)")
        _legend_right(ax, "frame")
        ax.set_title(title or f"Frame composition by {column_label(by)}", loc="left")
        return fit_to_content(fig)


# --------------------------------------------------------------------------- (c) voices


def fig_voices(
    voices: pd.DataFrame,
    title: str | None = None,
    group_labels: Mapping[str, str] | None = None,
) -> Figure:
    """Who carries the claims, per group: stacked shares of mentions by voice (named actor,
    relayed medium, the outlet's own voice), with mention counts in the labels.

    ``voices`` is :func:`helpers.stance.compare.voices` output.
    """
    with use_style():
        fig = new_figure(7.0, 2.6)
        if not len(voices):
            return _empty(fig, fig.add_subplot(), "No claim mentions to show")
        by = str(voices["by"].iloc[0]) if "by" in voices else "group"
        agg = voices.groupby(["group", "voice"])["n_mentions"].sum().unstack(fill_value=0)
        ax = _place_axes(fig, 4.6, max(0.9, 0.5 * len(agg)))
        order = [v for v in ("actor", "media", "outlet") if v in agg.columns]
        agg = agg.reindex(columns=order, fill_value=0).sort_index()
        totals = agg.sum(axis=1)
        left = np.zeros(len(agg))
        nice = {
            "actor": "named actor speaks",
            "media": "relayed from another medium",
            "outlet": "outlet's own voice",
        }
        for voice in order:
            share = (agg[voice] / totals).to_numpy(float)
            ax.barh(
                np.arange(len(agg)),
                share,
                left=left,
                height=0.6,
                color=VOICE_COLOURS[voice],
                label=nice[voice],
            )
            for i, (x0, s, n) in enumerate(zip(left, share, agg[voice])):
                if n:
                    ax.text(x0 + s / 2, i, str(int(n)), ha="center", va="center", fontsize=7)
            left = left + share
        ax.set_yticks(
            np.arange(len(agg)),
            [
                f"{_group_label(by, g, group_labels)}\n({int(t)} mentions)"
                for g, t in totals.items()
            ],
        )
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of claim mentions by voice (numbers: mention counts)")
        _legend_right(ax, "voice")
        ax.set_title(title or f"Who carries the claims, by {column_label(by)}", loc="left")
        return fit_to_content(fig)


# --------------------------------------------------------------------------- (d) timeline


def fig_timeline(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    by: str = "lang",
    title: str | None = None,
    group_labels: Mapping[str, str] | None = None,
) -> Figure:
    """Articles and distinct claims per publication date, coloured by ``by`` (legend entries
    named by ``group_labels`` when given, e.g. the codebook's language labels).

    Documents without a parseable ``published`` date cannot be placed; they are listed by
    source in a note under the plot.
    """
    with use_style():
        fig = new_figure(7.0, 3.6)
        ax_docs, ax_claims = fig.subplots(2, 1, sharex=True)
        fig.subplots_adjust(left=0.12, right=0.78, top=0.9, bottom=0.22, hspace=0.15)
        docs = documents.assign(doc_id=documents["doc_id"].astype(str))
        dates = pd.to_datetime(docs["published"].astype(object), format="%Y-%m-%d", errors="coerce")
        docs = docs.assign(_date=dates)
        dated, undated = docs[docs["_date"].notna()], docs[docs["_date"].isna()]
        m = mentions.assign(doc_id=mentions["doc_id"].astype(str))
        n_claims = m.drop_duplicates(["doc_id", "claim_id"]).groupby("doc_id").size()
        groups = sorted(docs[by].astype(object).fillna("unknown").astype(str).unique())
        offsets = {g: (i - (len(groups) - 1) / 2) for i, g in enumerate(groups)}
        if len(dated):
            span_days = max(1.0, (dated["_date"].max() - dated["_date"].min()).days)
            shift = span_days / 150.0
            for group in groups:
                sub = dated[dated[by].astype(object).fillna("unknown").astype(str) == group]
                if not len(sub):
                    continue
                per_day = sub.groupby("_date").agg(n_docs=("doc_id", "size"), docs=("doc_id", list))
                per_day["n_claims"] = [
                    int(sum(n_claims.get(d, 0) for d in ds)) for ds in per_day["docs"]
                ]
                x = mdates.date2num(per_day.index.to_pydatetime()) + offsets[group] * shift
                colour = _group_colour(by, group, groups.index(group))
                for ax, col in ((ax_docs, "n_docs"), (ax_claims, "n_claims")):
                    ax.vlines(x, 0, per_day[col], color=colour, linewidth=1.5)
                    ax.plot(
                        x,
                        per_day[col],
                        "o",
                        color=colour,
                        markersize=4,
                        label=f"{_group_label(by, group, group_labels)} ({len(sub)} dated)",
                    )
            ax_claims.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
            ax_claims.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
            _legend_right(ax_docs, column_label(by))
        else:
            ax_docs.text(
                0.5, 0.5, "No dated articles", ha="center", va="center", transform=ax_docs.transAxes
            )
        for ax in (ax_docs, ax_claims):
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
            ax.grid(axis="y")
        ax_docs.set_ylabel("articles")
        ax_claims.set_ylabel("distinct claims")
        ax_claims.set_xlabel("Publication date")
        if len(undated):
            names = ", ".join(str(s) for s in undated.get("source", undated["doc_id"]))
            note = f"Without a publication date ({len(undated)}), not plotted: " + textwrap.shorten(
                names, 150, placeholder=" …"
            )
        else:
            note = "Every article has a publication date."
        ax_docs.set_title(title or "Articles and claims by publication date", loc="left")
        # the note hangs under the x label (anchored to it), whatever the label's height
        ax_claims.annotate(
            "\n".join(textwrap.wrap(note, 110)),
            xy=(0.0, 0.0),
            xycoords=ax_claims.xaxis.label,
            xytext=(0, -6),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=7,
            color="#444444",
        )
        ax_claims.xaxis.label.set_horizontalalignment("left")
        ax_claims.xaxis.set_label_coords(0.0, -0.35)
        return fit_to_content(fig)


# --------------------------------------------------------------------------- (e) evidence


def _is_rtl(text: str) -> bool:
    """True when the first strong bidi character of ``text`` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _STRONG_BIDI:
            return kind in _RTL_BIDI
    return False


def truncate_around(text: str, start: int, end: int, max_chars: int = 90) -> tuple[str, int, int]:
    """Shorten ``text`` to about ``max_chars`` around the span ``[start, end)``.

    The span is first widened to whole words (so highlighting never cuts an Arabic word and
    breaks its letter joining); context is cut at word boundaries and marked with ``…``.
    Returns the new text and the span's offsets in it.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) outside text of length {len(text)}")
    while start > 0 and not _SPACE_RE.match(text[start - 1]):
        start -= 1
    while end < len(text) and not _SPACE_RE.match(text[end]):
        end += 1
    room = max(0, max_chars - (end - start))
    left_room = room // 2
    right_room = room - left_room
    # give unused room on one side to the other
    if start < left_room:
        right_room += left_room - start
    if len(text) - end < right_room:
        left_room += right_room - (len(text) - end)
    lo, hi = max(0, start - left_room), min(len(text), end + right_room)
    if lo > 0:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut != -1 else start
    if hi < len(text):
        cut = text.rfind(" ", end, hi)
        hi = cut if cut != -1 else end
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(text) else ""
    body = _SPACE_RE.sub(" ", text[lo:hi])  # one space per whitespace char: offsets kept
    new_text = prefix + body + suffix
    shift = len(prefix) - lo
    return new_text, start + shift, end + shift


def _draw_runs(
    fig: Figure,
    renderer: Any,
    x: float,
    y: float,
    pieces: list[tuple[str, bool]],
    rtl: bool,
    fontsize: float,
) -> None:
    """Draw logical-order ``pieces`` (text, highlighted) as separate runs on one line.

    Right-to-left lines are laid from ``x`` (the right edge) leftwards, left-to-right lines
    from ``x`` rightwards; widths are measured with the renderer.
    """
    fig_width = fig.bbox.width
    space = fig.text(0, 0, "a a", fontsize=fontsize)
    one = fig.text(0, 0, "aa", fontsize=fontsize)
    gap = space.get_window_extent(renderer).width - one.get_window_extent(renderer).width
    space.remove()
    one.remove()
    cursor = x
    for text, highlighted in pieces:
        text = text.strip()
        if not text:
            continue
        kwargs: dict[str, Any] = {
            "fontsize": fontsize,
            "va": "baseline",
            "ha": "right" if rtl else "left",
        }
        if highlighted:
            kwargs.update(
                color=_HIGHLIGHT,
                fontweight="bold",
                bbox={"facecolor": _HIGHLIGHT_BG, "edgecolor": "none", "pad": 1.0},
            )
        run = fig.text(cursor, y, text, **kwargs)
        width = run.get_window_extent(renderer).width / fig_width
        step = width + gap / fig_width
        cursor = cursor - step if rtl else cursor + step


def fig_evidence(evidence: pd.DataFrame, max_chars: int = 90, title: str | None = None) -> Figure:
    """Evidence panel: for each claim found, one original-script sentence with the claim's
    span highlighted (bold, coloured, on a tinted box — drawn as a separate text run) and the
    English gloss.

    ``evidence`` is :func:`helpers.stance.compare.evidence_table` output (``claim_id, sentence,
    span_start, span_end, gloss`` and optionally ``lang, outlet, speaker, hedged, negated``).
    Sentences are shortened around the span with :func:`truncate_around`.
    """
    with use_style():
        n = len(evidence)
        row_h = 0.85
        fig = new_figure(8.0, 0.5 + row_h * max(1, n))
        if not n:
            ax = fig.add_subplot()
            return _empty(fig, ax, "No claims found")
        _blank_axes(fig)
        canvas = fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)  # new_figure attaches one
        renderer = canvas.get_renderer()
        total_h = 0.5 + row_h * n
        fig.text(
            0.02,
            1 - 0.12 / total_h,
            title or "Evidence: example sentences, claim span highlighted",
            fontsize=10,
            fontweight="bold",
            va="top",
        )
        row: Any  # an itertuples row: its columns are dynamically typed
        for i, row in enumerate(evidence.itertuples(index=False)):
            top = 1 - (0.45 + row_h * i) / total_h
            line = 0.24 / total_h
            gloss = getattr(row, "gloss", None) or getattr(row, "en", "") or ""
            fig.text(
                0.02,
                top,
                textwrap.shorten(f"{row.claim_id} — {gloss}", 100, placeholder=" …"),
                fontsize=8.5,
                va="baseline",
                fontweight="bold",
                color="#222222",
            )
            text, s, e = truncate_around(
                str(row.sentence), int(row.span_start), int(row.span_end), max_chars
            )
            rtl = _is_rtl(text)
            pieces = [(text[:s], False), (text[s:e], True), (text[e:], False)]
            _draw_runs(fig, renderer, 0.98 if rtl else 0.02, top - line, pieces, rtl, 10.5)
            details = []
            for label, attr in (("lang", "lang"), ("outlet", "outlet"), ("speaker", "speaker")):
                value = getattr(row, attr, None)
                if not is_missing(value) and str(value).strip():
                    details.append(f"{label}: {value}")
            for flag in ("hedged", "negated"):
                value = getattr(row, flag, False)
                if not is_missing(value) and bool(value):
                    details.append(flag)
            fig.text(
                0.02,
                top - 2 * line,
                " · ".join(details),
                fontsize=7,
                va="baseline",
                color="#555555",
            )
        return fit_to_content(fig)


# --------------------------------------------------------------------------- (f) log-odds


def fig_log_odds(
    log_odds: pd.DataFrame, examples: Mapping[str, str] | None = None, title: str | None = None
) -> Figure:
    """Concept log-odds z-scores (Monroe et al. 2008) between two groups, ±1.96 marked.

    ``log_odds`` is :func:`helpers.stance.log_odds.concept_log_odds` output. ``examples`` maps a
    concept (``claim:<id>`` / ``actor:<id>``) to a short original-script example (e.g. a cue
    as published), drawn as its own text beside the zero line, opposite the bar (the English
    tick label stays purely left-to-right).
    """
    with use_style():
        lo = log_odds.sort_values(["z", "concept"], ascending=[True, True], kind="mergesort")
        lo = lo[np.isfinite(lo["z"].to_numpy(float))]
        fig = new_figure(7.0, 1.2 + 0.32 * max(1, len(lo)))
        if not len(lo):
            return _empty(fig, fig.add_subplot(), "No concepts to compare")
        ax = _place_axes(fig, 4.2, 0.32 * len(lo))
        a = str(lo["a"].iloc[0]) if "a" in lo else "a"
        b = str(lo["b"].iloc[0]) if "b" in lo else "b"
        by = str(lo["by"].iloc[0]) if "by" in lo else "lang"
        name_a, name_b = value_label(by, a), value_label(by, b)
        z = lo["z"].to_numpy(float)
        colour_a, colour_b = _group_colour(by, a, 0), _group_colour(by, b, 1)
        colours = [colour_a if v > 0 else colour_b for v in z]
        ax.barh(np.arange(len(lo)), z, color=colours, height=0.7)
        for ref in (-1.96, 1.96):
            ax.axvline(ref, color="#888888", linestyle="--", linewidth=0.8)
        ax.axvline(0, color="#333333", linewidth=0.8)
        labels = [
            f"{concept} ({name_a} {int(ca)} vs {name_b} {int(cb)})"
            for concept, ca, cb in zip(lo["concept"], lo["count_a"], lo["count_b"])
        ]
        ax.set_yticks(np.arange(len(lo)), labels)
        ax.set_ylim(-0.5, len(lo) - 0.5)
        lim = max(2.5, float(np.abs(z).max()) * 1.15)
        ax.set_xlim(-lim, lim)
        # original-script example: its own text object (never mixed into the English label,
        # so the bidi algorithm has one direction to deal with), beside the zero line on the
        # side opposite the bar
        for i, (concept, value) in enumerate(zip(lo["concept"], z)):
            example = (examples or {}).get(concept)
            if example:
                ax.text(
                    -0.08 if value > 0 else 0.08,
                    i,
                    textwrap.shorten(str(example), 32, placeholder="…"),
                    ha="right" if value > 0 else "left",
                    va="center",
                    fontsize=7.5,
                    color="#444444",
                )
        ax.set_xlabel(
            f"z of log-odds ratio on articles (calibrated by permuting outlets), dashed: ±1.96\n"
            f"> 0: more typical of {name_a};  < 0: of {name_b}"
        )
        ax.set_title(title or f"Concepts distinguishing {name_a} from {name_b}", loc="left")
        return fit_to_content(fig)


def fig_rtl_sample(labels: Mapping[str, str] | None = None) -> Figure:
    """A small figure of labelled Hebrew and Arabic words (visual regression reference)."""
    labels = labels or {"Hebrew": "שלום עולם", "Arabic": "مرحبا بالعالم"}
    with use_style():
        fig = new_figure(3.0, 0.45 * len(labels) + 0.2)
        _blank_axes(fig)
        for i, (name, text) in enumerate(labels.items()):
            y = 1 - (i + 0.75) / (len(labels) + 0.3)
            fig.text(0.05, y, f"{name}:", fontsize=12, va="baseline")
            fig.text(0.95, y, text, fontsize=14, va="baseline", ha="right")
        return fig


# --------------------------------------------------------------------------- saving


def _savefig(fig: Figure, tmp: Path, fmt: str) -> None:
    """Save one format to ``tmp`` (:func:`atomic_write` gives it an ordinary file's mode)."""
    fig.savefig(tmp, format=fmt, dpi=300, metadata=SAVE_METADATA[fmt])


def save_figure(
    fig: Figure,
    out_dir: str | Path,
    name: str,
    caption: str,
    source_table: str,
    parameters: Mapping[str, Any] | None = None,
    codebook_version: Any = None,
) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` (300 dpi), ``.svg`` and ``.pdf`` in ``out_dir`` and
    record it in ``<out_dir>/manifest.json``; return the three paths.

    Files are byte-identical on rerun (timestamps and software stamps removed per format,
    fixed SVG hash salt, text as paths) and written atomically (temporary file +
    ``os.replace``). The manifest is deterministic: sorted keys, figures sorted by name, no
    timestamps; each entry has caption, files (``path`` relative to ``out_dir``, format,
    sha256, bytes), source table, parameters
    and codebook version.
    """
    if not _NAME_RE.match(name):
        raise ValueError(f"figure name {name!r} must be letters, digits, '_', '-', '.'")
    out = Path(out_dir)
    paths: list[Path] = []
    with use_style():
        for fmt in FORMATS:
            target = out / f"{name}.{fmt}"
            atomic_write(target, functools.partial(_savefig, fig, fmt=fmt))
            paths.append(target)
    entry = {
        "name": name,
        "caption": caption,
        "files": [
            {
                "path": p.name,
                "format": p.suffix[1:],
                "sha256": file_sha256(p),
                "bytes": p.stat().st_size,
            }
            for p in paths
        ],
        "source_table": source_table,
        "parameters": dict(parameters or {}),
        "codebook_version": codebook_version,
    }
    manifest_path = out / "manifest.json"
    figures: list[dict[str, Any]] = []
    if manifest_path.exists():
        figures = [f for f in read_json(manifest_path).get("figures", []) if f["name"] != name]
    figures.append(entry)
    write_json(manifest_path, {"figures": sorted(figures, key=lambda f: f["name"])})
    return paths

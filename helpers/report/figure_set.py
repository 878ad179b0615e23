"""Notebook 04's figure set: which publication figures are drawn from which run tables, with
which captions, and writing them (each through :func:`helpers.report.figures.save_figure`).

The notebook reads the tables named in :data:`FIGURE_TABLES` (checking their lineage) and
calls :func:`write_figure_set`; the choices live here:

* prevalence is drawn from ``cmp_prevalence_corrected`` when notebook 03 had a reviewed
  validation sample (the table is then non-empty), else from ``cmp_prevalence``;
* the prevalence and voices figures group as notebook 03 grouped (the ``by`` column of
  ``cmp_prevalence``); language groups carry the codebook's ``language_labels``;
* the timeline is always by language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.claims.codebook import Codebook
from helpers.report import figures
from helpers.report.display import column_label
from helpers.stance.compare import claims_frame, evidence_table

__all__ = [
    "FIGURE_TABLES",
    "PlannedFigure",
    "compared_by",
    "prevalence_to_draw",
    "plan_figures",
    "write_figure_set",
]

#: The run tables the figure set is drawn from (notebook 04 reads and lineage-checks them).
FIGURE_TABLES: tuple[str, ...] = (
    "documents",
    "sentences",
    "mentions",
    "cmp_prevalence",
    "cmp_prevalence_corrected",
    "cmp_frames_outlet",
    "cmp_voices",
    "cmp_log_odds",
)

#: Caption words for the prevalence intervals, by the table's ``ci_method``.
_INTERVAL_CAPTIONS: dict[str, str] = {
    "wilson": "Wilson 95% CIs",
    "exact": "exact 95% CIs",
    "corrected": "95% CIs corrected for tagger error (validation sample and outlets resampled)",
}
_BOOTSTRAP_CAPTION = "bootstrap 95% CIs (articles resampled)"


@dataclass(frozen=True)
class PlannedFigure:
    """One figure of the set: its file ``name``, the drawn ``figure``, the run table(s) it was
    drawn from (``source_table``, for the manifest) and its ``caption`` (without the story
    title)."""

    name: str
    figure: Figure
    source_table: str
    caption: str


def compared_by(prevalence: pd.DataFrame) -> str:
    """The documents column notebook 03 compared by (``cmp_prevalence.by``; ``"lang"`` when
    the table is empty)."""
    return str(prevalence["by"].iloc[0]) if len(prevalence) else "lang"


def prevalence_to_draw(
    prevalence: pd.DataFrame, prevalence_corrected: pd.DataFrame
) -> tuple[pd.DataFrame, str, str]:
    """``(table, source table name, interval caption words)`` for the prevalence figure: the
    shares corrected for tagger error when ``prevalence_corrected`` has rows, else the
    tagger's own shares; the words follow the chosen table's ``ci_method``."""
    table, source = (
        (prevalence_corrected, "cmp_prevalence_corrected")
        if len(prevalence_corrected)
        else (prevalence, "cmp_prevalence")
    )
    method = str(table["ci_method"].iloc[0]) if "ci_method" in table and len(table) else ""
    return table, source, _INTERVAL_CAPTIONS.get(method, _BOOTSTRAP_CAPTION)


def plan_figures(codebook: Codebook, tables: Mapping[str, pd.DataFrame]) -> list[PlannedFigure]:
    """Draw the six figures of the set from ``tables`` (every name of :data:`FIGURE_TABLES`;
    ``documents`` joined with the outlets' attributes) in the order they are written."""
    claims = claims_frame(codebook.claims)
    prevalence = tables["cmp_prevalence"]
    group_by = compared_by(prevalence)
    group_labels = codebook.language_labels if group_by == "lang" else {}
    drawn, source, interval = prevalence_to_draw(prevalence, tables["cmp_prevalence_corrected"])
    evidence = evidence_table(tables["mentions"], tables["sentences"], claims, tables["documents"])
    by_words = column_label(group_by)
    return [
        PlannedFigure(
            "prevalence",
            figures.fig_prevalence(drawn, group_labels=group_labels),
            source,
            f"Share of articles carrying each claim, by {by_words}, with {interval}; "
            "k/n per bar (the tagger's count).",
        ),
        PlannedFigure(
            "frames_by_outlet",
            figures.fig_frames(
                tables["cmp_frames_outlet"],
                frame_labels=codebook.frame_labels,
                frame_colours=codebook.frame_colours,
            ),
            "cmp_frames_outlet",
            "Frame composition of the claims each outlet carries.",
        ),
        PlannedFigure(
            "voices",
            figures.fig_voices(tables["cmp_voices"], group_labels=group_labels),
            "cmp_voices",
            f"Who carries the claims, by {by_words}: named actors, relayed media, the outlet's "
            "own voice.",
        ),
        PlannedFigure(
            "timeline",
            figures.fig_timeline(
                tables["documents"],
                tables["mentions"],
                by="lang",
                group_labels=codebook.language_labels,
            ),
            "documents+mentions",
            "Articles and distinct claims by publication date; undated articles listed below "
            "the plot.",
        ),
        PlannedFigure(
            "evidence",
            figures.fig_evidence(evidence),
            "mentions+sentences",
            "One original-script sentence per claim found, claim span highlighted, with the "
            "English gloss.",
        ),
        PlannedFigure(
            "log_odds",
            figures.fig_log_odds(tables["cmp_log_odds"]),
            "cmp_log_odds",
            "Log-odds of codebook concepts on articles between the two groups (background "
            "prior from the whole run), z calibrated by permuting outlets.",
        ),
    ]


def write_figure_set(
    codebook: Codebook,
    tables: Mapping[str, pd.DataFrame],
    figures_dir: str | Path,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, list[Path]]:
    """Draw the figure set (:func:`plan_figures`) and save each figure as PNG, SVG and PDF in
    ``figures_dir`` with its manifest entry (caption prefixed by the codebook's title;
    ``parameters`` plus the ``group_by`` of the comparison). Returns figure name → paths."""
    planned = plan_figures(codebook, tables)
    group_by = compared_by(tables["cmp_prevalence"])
    written: dict[str, list[Path]] = {}
    for item in planned:
        written[item.name] = figures.save_figure(
            item.figure,
            figures_dir,
            item.name,
            f"{codebook.title}. {item.caption}",
            source_table=item.source_table,
            parameters={**dict(parameters or {}), "group_by": group_by},
            codebook_version=codebook.version,
        )
    return written

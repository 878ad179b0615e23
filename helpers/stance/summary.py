"""Plain-language summary of a stance comparison, for the notebooks' summary cells.

Turns the tidy tables of :mod:`helpers.stance.compare` into a few short sentences an analyst can
quote — always with the counts behind each share, and always leading with what the sample
size allows. Text is plain; :func:`summary_html` escapes it for display.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from helpers.stance import compare

__all__ = ["comparison_summary", "summary_html"]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def comparison_summary(
    documents: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    group_by: str,
    group_a: str,
    group_b: str,
    top: int = 3,
) -> list[str]:
    """A list of plain sentences on the comparison of ``group_a`` and ``group_b``.

    ``tables`` holds at least ``prevalence``, ``fisher``, ``frames_group``, ``voices`` and
    ``hedging`` as produced by :mod:`helpers.stance.compare` (keys as in notebook 03).
    """
    lines = [compare.small_sample_warning(documents, group_by)]
    prevalence = tables["prevalence"]
    found = prevalence.loc[prevalence["n_with_claim"] > 0, "claim_id"].nunique()
    lines.append(
        f"{found} of {prevalence['claim_id'].nunique()} codebook claims appear in at least one "
        f"of the {len(documents)} articles."
    )

    fisher = tables["fisher"]
    if len(fisher):
        diff = fisher.assign(gap=(fisher["share_a"] - fisher["share_b"]).abs())
        diff = (
            diff[diff["gap"] > 0]
            .sort_values(["gap", "claim_id"], ascending=[False, True])
            .head(top)
        )
        for row in diff.itertuples():
            lines.append(
                f"{row.claim_id}: {row.a_with}/{row.n_a} {group_a} articles vs {row.b_with}/{row.n_b} "
                f"{group_b} (Fisher p = {row.p_value:.2g}, Holm-adjusted {row.p_holm:.2g}; {row.conclusion})."
            )
        if not bool(fisher["significant"].any()):
            lines.append(
                f"No claim differs significantly between {group_a} and {group_b} after Holm correction."
            )

    frames = tables["frames_group"]
    for group in (group_a, group_b):
        part = frames[frames["group"] == group]
        if len(part) and part["total"].iloc[0] > 0:
            ranked = part.sort_values(["share", "frame"], ascending=[False, True])
            shares = ", ".join(f"{r.frame} {_pct(r.share)}" for r in ranked.head(3).itertuples())
            lines.append(
                f"Frames among the {int(part['total'].iloc[0])} article-claims found in {group}: {shares}."
            )

    voices = tables["voices"]
    for group in (group_a, group_b):
        part = voices[voices["group"] == group]
        total = int(part["n_mentions"].sum())
        if total:
            by_voice = part.groupby("voice")["n_mentions"].sum()
            said = ", ".join(f"{v} {_pct(n / total)}" for v, n in sorted(by_voice.items()))
            lines.append(f"Voices in {group} ({total} mentions): {said}.")

    hedging = tables["hedging"]
    overall = hedging[hedging["claim_id"] == "(all)"] if "claim_id" in hedging else hedging
    for row in overall.sort_values("group").itertuples():
        lines.append(
            f"Hedged mentions in {row.group}: {row.n_hedged} of {row.n_mentions} ({_pct(row.hedged_rate)})."
        )
    return lines


def summary_html(lines: list[str]) -> str:
    """Escape the summary sentences into an HTML list (``dir="auto"`` per item)."""
    items = "".join(f'<li dir="auto">{html.escape(line)}</li>' for line in lines)
    return f"<ul>{items}</ul>"

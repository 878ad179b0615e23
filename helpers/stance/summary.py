"""Plain-language summary of a stance comparison, for the notebooks' summary cells.

Turns the tidy tables of :mod:`helpers.stance.compare` into a few short sentences an analyst can
quote — always with the counts behind each share, and always leading with what the sample
size allows. Text is plain; :func:`summary_html` escapes it for display.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.claims.codebook import Codebook
from helpers.stance import compare
from helpers.stance.contrast import ComparisonDesign, claim_conclusion, comparison_design

__all__ = ["comparison_summary", "corrected_summary", "summary_html", "summary_labels"]


def summary_labels(codebook: Codebook, group_by: str) -> dict[str, Any]:
    """The display words :func:`comparison_summary` takes from the story's codebook: its
    ``story`` title, ``frame_labels`` and — when comparing by language — the languages'
    ``group_labels`` (other groupings keep their values)."""
    return {
        "story": codebook.title,
        "frame_labels": codebook.frame_labels,
        "group_labels": codebook.language_labels if group_by == "lang" else None,
    }


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def comparison_summary(
    documents: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    group_by: str,
    group_a: str,
    group_b: str,
    top: int = 3,
    design: ComparisonDesign | None = None,
    *,
    story: str | None = None,
    group_labels: Mapping[str, str] | None = None,
    frame_labels: Mapping[str, str] | None = None,
) -> list[str]:
    """A list of plain sentences on the comparison of ``group_a`` and ``group_b``.

    ``tables`` holds ``prevalence`` and ``contrast`` (:mod:`helpers.stance.contrast`), and
    optionally ``frames_group``, ``voices``, ``hedging`` and ``corrected`` (error-corrected
    prevalence, :mod:`helpers.stance.tagger_error`). The first sentence is what the design
    supports, naming the confirmatory test the design calls for (the outlet-level permutation
    test when outlets nest in the groups); a sample-size sentence follows only when articles
    are the unit and a difference can be significant at all. Differences are quoted with their
    counts and the conclusion of that test after Holm over the declared family. Without a
    ``corrected`` table the summary says the estimates assume a perfect tagger. Groups are
    named by ``group_labels`` throughout.

    The story's display words come from its codebook: ``story`` (the title), ``group_labels``
    (e.g. language code → "Hebrew press") and ``frame_labels`` (frame id → label).
    """
    row: Any  # an itertuples row: its columns are dynamically typed
    label = {group_a: group_a, group_b: group_b, **(group_labels or {})}
    frame_label = dict(frame_labels or {})
    design = design or comparison_design(documents, group_by, group_a, group_b)
    lines = [design.sentence(label)]
    if design.unit == "article" and design.can_conclude:  # else the design sentence says it all
        lines.append(
            compare.small_sample_warning(documents, group_by, group_a, group_b, group_labels=label)
        )
    prevalence = tables["prevalence"]
    found = prevalence.loc[prevalence["n_with_claim"] > 0, "claim_id"].nunique()
    lines.append(
        f"{found} of {prevalence['claim_id'].nunique()} "
        f"{f'claims of the {story} codebook' if story else 'codebook claims'} are asserted in at "
        f"least one of the {len(documents)} articles."
    )
    contrast = tables.get("contrast")
    if contrast is not None and len(contrast):
        family = contrast[contrast["in_family"]]
        family_size = int(family["p_value"].notna().sum())
        tests = " / ".join(sorted(set(family["test"].dropna().astype(str))))
        method = (
            f"{tests} test, {design.unit}s as the unit" if tests else f"{design.unit}s as the unit"
        )
        diff = family.assign(gap=family["outlet_diff"].abs())
        diff = diff[diff["gap"] > 0].sort_values(["gap", "claim_id"], ascending=[False, True])
        for record in diff.head(top).to_dict("records"):
            conclusion = claim_conclusion(record, design, family_size, label, counts=False)
            lines.append(
                f"{record['claim_id']}: {record['a_with']}/{record['n_a']} {label[group_a]} "
                f"articles ({_pct(record['share_a'])}, 95% CI {_pct(record['share_a_low'])}–"
                f"{_pct(record['share_a_high'])}) vs {record['b_with']}/{record['n_b']} "
                f"{label[group_b]} ({_pct(record['share_b'])}, {_pct(record['share_b_low'])}–"
                f"{_pct(record['share_b_high'])}); {conclusion}."
            )
        survivors = contrast[contrast["significant"]]
        if len(survivors):
            names = ", ".join(survivors["claim_id"])
            lines.append(
                f"Differences that survive Holm over the {family_size} tested claims "
                f"({method}): {names}."
            )
        else:
            lines.append(
                f"No claim differs significantly between {label[group_a]} and {label[group_b]} "
                f"after Holm over the {family_size} tested claims ({method})."
            )
    corrected = tables.get("corrected")
    if corrected is None or not len(corrected) or not corrected["corrected"].any():
        lines.append(
            "These estimates assume a perfect tagger: no reviewed validation sample was given, "
            "so missed and false claims are not corrected for."
        )
    else:
        lines.extend(corrected_summary(corrected, group_a, group_b, top, labels=label))

    frames = tables.get("frames_group", pd.DataFrame(columns=["group"]))
    for group in (group_a, group_b):
        part = frames[frames["group"] == group]
        if len(part) and part["total"].iloc[0] > 0:
            ranked = part.sort_values(["share", "frame"], ascending=[False, True])
            leading = ranked.head(3)
            shares = ", ".join(
                f"{frame_label.get(f, f)} {_pct(s)}"
                for f, s in zip(leading["frame"], leading["share"])
            )
            lines.append(
                f"Frames among the {int(part['total'].iloc[0])} article-claims found in "
                f"{label.get(group, group)}: {shares}."
            )

    voices = tables.get("voices_article")
    if voices is not None and len(voices):
        for row in voices[voices["group"].isin([group_a, group_b])].itertuples():
            lines.append(
                f"Articles of {label.get(row.group, row.group)} giving the claim in the {row.voice}'s voice: "
                f"{row.n_with}/{row.n_docs} ({_pct(row.share)}, outlet-clustered 95% CI "
                f"{_pct(row.ci_low)}–{_pct(row.ci_high)})."
            )
    return lines


def corrected_summary(
    corrected: pd.DataFrame,
    group_a: str,
    group_b: str,
    top: int = 3,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Sentences on the error-corrected contrast (largest corrected differences first); the
    groups are named by ``labels`` when it names them."""
    name = {group_a: group_a, group_b: group_b, **(labels or {})}
    rows = corrected[corrected["corrected"]].copy()
    if not len(rows):
        return []
    rows["gap"] = rows["diff"].abs()
    rows = rows.sort_values(["gap", "claim_id"], ascending=[False, True]).head(top)
    lines = []
    r: Any  # an itertuples row: its columns are dynamically typed
    for r in rows.itertuples():
        lines.append(
            f"{r.claim_id} corrected for tagger error: {name[group_a]} {_pct(r.share_a)} vs "
            f"{name[group_b]} {_pct(r.share_b)}, difference {100 * r.diff:+.0f} points "
            f"(95% CI {100 * r.diff_low:+.0f} to {100 * r.diff_high:+.0f}, carrying the "
            "validation sample's uncertainty)."
        )
    return lines


def summary_html(lines: list[str]) -> str:
    """Escape the summary sentences into an HTML list (``dir="auto"`` per item)."""
    items = "".join(f'<li dir="auto">{html.escape(line)}</li>' for line in lines)
    return f"<ul>{items}</ul>"

"""The confirmatory two-group comparison of notebook 03: one row per claim, outlets as the unit.

:func:`comparison_design` describes what the data can support (articles and outlets per
group, whether outlets nest in the groups, the smallest p-value an outlet-level test can
reach) in one plain sentence. :func:`two_group_contrast` gives, per claim, the shares with
Wilson intervals (article-weighted) and the outlet-weighted shares (mean of outlet means),
the risk difference with a Newcombe interval and an outlet-clustered bootstrap interval, the
conditional odds ratio with its exact interval, the confirmatory test, Holm over the declared
family, and — as sensitivity analyses — the outlet-clustered GEE (adjusted for period) and the
Cochran–Mantel–Haenszel test over periods.

**The confirmatory test** depends on how the groups relate to outlets:

* groups above outlets (language, country, ownership: every outlet in one group) — the
  outlet-level permutation test (:func:`helpers.stance.inference.outlet_permutation_test`);
* two single outlets compared with each other (``group_by`` is the outlet) — Fisher's exact
  test on their articles: the question is about these two outlets' articles;
* groups that cut across outlets (e.g. a period) — the GEE's p-value (outlets as clusters),
  or Fisher's exact test on articles when the GEE is not estimable, flagged in ``test``.

**The family** is every claim × this contrast that at least one compared article asserts;
claims nobody asserts are listed (``in_family = False``) but do not inflate the correction.
A claim *carried* means asserted: an article whose only mentions of the claim are negated
does not carry it (see :func:`helpers.stance.compare.doc_claims`, column ``status``).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers.stance import inference as inf
from helpers.stance.compare import _group_labels, _presence_matrix, claims_frame

__all__ = [
    "CONTRAST_COLUMNS",
    "SHARE_DIFF_COLUMNS",
    "ComparisonDesign",
    "comparison_design",
    "claim_conclusion",
    "two_group_contrast",
]

OUTLET_COLUMNS = frozenset({"outlet", "outlet_name"})

#: Each group's share with its interval, the outlet-averaged shares and the difference a − b
#: with its interval: the columns the contrast and the tagger-corrected contrast share.
SHARE_DIFF_COLUMNS = [
    "share_a",
    "share_a_low",
    "share_a_high",
    "share_b",
    "share_b_low",
    "share_b_high",
    "outlet_share_a",
    "outlet_share_b",
    "diff",
    "diff_low",
    "diff_high",
]

CONTRAST_COLUMNS = [
    "by",
    "a",
    "b",
    "claim_id",
    "en",
    "frame",
    "n_a",
    "n_b",
    "outlets_a",
    "outlets_b",
    "a_with",
    "b_with",
    *SHARE_DIFF_COLUMNS,
    "outlet_diff",
    "outlet_diff_low",
    "outlet_diff_high",
    "odds_ratio",
    "or_low",
    "or_high",
    "test",
    "p_value",
    "min_p",
    "in_family",
    "p_holm",
    "significant",
    "gee_odds_ratio",
    "gee_low",
    "gee_high",
    "gee_p",
    "icc",
    "gee_note",
    "cmh_odds_ratio",
    "cmh_low",
    "cmh_high",
    "cmh_p",
    "cmh_note",
    "conclusion",
]


@dataclass(frozen=True)
class ComparisonDesign:
    """What the documents allow for ``by``: ``a`` vs ``b``."""

    by: str
    a: str
    b: str
    n_a: int
    n_b: int
    outlets_a: int
    outlets_b: int
    nested: bool
    unit: str  # "outlet" | "article"
    min_p: float
    alpha: float

    @property
    def can_conclude(self) -> bool:
        """True when the confirmatory test can reach ``alpha`` at all."""
        return self.n_a > 0 and self.n_b > 0 and self.min_p < self.alpha

    def sentence(self, labels: Mapping[str, str] | None = None) -> str:
        """One plain sentence an analyst can quote about what this design supports, naming
        the test that applies. ``labels`` gives display words for the groups (the codebook's
        ``language_labels``, e.g. ``he`` → ``Hebrew press``); without them the group values
        are used as they are."""
        a, b = _label(self.a, labels), _label(self.b, labels)
        counts = (
            f"{self.n_a} {a} vs {self.n_b} {b} articles "
            f"from {self.outlets_a} vs {self.outlets_b} outlets"
        )
        if self.n_a == 0 or self.n_b == 0:
            empty = self.a if self.n_a == 0 else self.b
            return f"Nothing to compare by {self.by}: no article in group {empty!r} ({counts})."
        if self.unit == "outlet" and not self.can_conclude:
            labellings = inf._labelling_count(self.outlets_a, self.outlets_b)
            return (
                f"{counts}: the outlet is the unit for a {self.by}-level question, and "
                f"{self.outlets_a} vs {self.outlets_b} outlets allow only {labellings} "
                f"labellings, so no test can reach p < {self.alpha:g} (smallest possible "
                f"p = {self.min_p:.2g}). These articles cannot support any conclusion about "
                f"{a} vs {b} outlets in general; the shares describe these "
                "articles only."
            )
        if self.unit == "outlet":
            return (
                f"{counts}: outlets are the unit (an outlet-level permutation test; smallest "
                f"possible p = {self.min_p:.2g}); outlet-weighted shares give every outlet one "
                "vote, article-weighted shares let prolific outlets weigh more."
            )
        if not self.can_conclude:
            return (
                f"{counts}: with this few articles no difference can reach p < "
                f"{self.alpha:g} (smallest possible Fisher p = {self.min_p:.2g}); the shares "
                "describe these articles only."
            )
        return f"{counts}: articles are the unit (the groups are not above outlets)."


def _label(group: str, labels: Mapping[str, str] | None) -> str:
    """The display word of ``group`` (``labels`` when it names it, else the value)."""
    return str(labels[group]) if labels and group in labels else str(group)


def _design_from(
    labels: pd.Series, clusters: pd.Series, by: str, a: str, b: str, alpha: float
) -> ComparisonDesign:
    from helpers.stance.compare import min_achievable_p

    keep = labels.isin([a, b]).to_numpy()
    lab, clu = labels[keep], clusters[keep]
    n_a, n_b = int((lab == a).sum()), int((lab == b).sum())
    o_a, o_b = int(clu[lab == a].nunique()), int(clu[lab == b].nunique())
    nested = inf.outlets_nest_in_groups(list(lab), list(clu))
    unit = "outlet" if nested and by not in OUTLET_COLUMNS else "article"
    if n_a == 0 or n_b == 0:
        min_p = 1.0
    elif unit == "outlet":
        count = inf._labelling_count(o_a, o_b)
        min_p = (2.0 if o_a == o_b else 1.0) / count
    else:
        min_p = min_achievable_p(n_a, n_b)
    return ComparisonDesign(by, a, b, n_a, n_b, o_a, o_b, nested, unit, min(1.0, min_p), alpha)


def comparison_design(
    documents: pd.DataFrame,
    by: str,
    a: str,
    b: str,
    outlet_col: str = "outlet_name",
    alpha: float = 0.05,
) -> ComparisonDesign:
    """Articles and outlets behind ``a`` vs ``b`` and the unit of the confirmatory test."""
    labels = _group_labels(documents, by).reset_index(drop=True)
    clusters = inf.outlet_clusters(documents, outlet_col).reset_index(drop=True)
    return _design_from(labels, clusters, by, a, b, alpha)


def claim_conclusion(
    row: Mapping[Hashable, Any],
    design: ComparisonDesign,
    family_size: int,
    labels: Mapping[str, str] | None = None,
    counts: bool = True,
) -> str:
    """The plain conclusion on one claim's row of :func:`two_group_contrast` (its
    ``conclusion`` column): untestable, not tested, cannot reach significance with this
    design, significant after Holm over ``family_size`` claims, or not significant — naming
    the test used (``row["test"]``). ``labels`` names the groups (default: their values);
    ``counts=False`` leaves out the ``k/n`` counts (for a sentence that already gives them).
    """
    a, b = _label(design.a, labels), _label(design.b, labels)
    tally = f"{a} {row['a_with']}/{row['n_a']} vs {b} {row['b_with']}/{row['n_b']}"
    if row["n_a"] == 0 or row["n_b"] == 0:
        return f"cannot test: a group has no article ({tally})"
    if not row["in_family"]:
        return f"no compared article asserts it ({tally}); not tested"
    if row["min_p"] >= design.alpha:
        what = (
            f"{design.outlets_a} vs {design.outlets_b} outlets"
            if design.unit == "outlet"
            else f"n={row['n_a']} vs n={row['n_b']} articles"
        )
        reach = f"smallest possible p = {row['min_p']:.2g}"
        why = tally if counts else f"test: {row['test']}"
        return f"cannot reach significance with {what} ({why}; {reach})"
    test = f"{row['test']}, p = {row['p_value']:.3g}, p_holm = {row['p_holm']:.3g}"
    if row["significant"]:
        more = a if row["outlet_share_a"] > row["outlet_share_b"] else b
        where = f" ({tally})" if counts else ""
        return f"more frequent in {more}{where}; significant after Holm over {family_size} claims ({test})"
    lead = f"{tally}; " if counts else ""
    return (
        f"no significant difference after Holm ({lead}{test}) — not evidence that the groups "
        "are alike"
    )


def two_group_contrast(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    claims: Any,
    by: str = "lang",
    a: str = "he",
    b: str = "ar",
    outlet_col: str = "outlet_name",
    period_freq: str | None = "Q",
    alpha: float = 0.05,
    n_perm: int = inf.DEFAULT_N_PERM,
    n_boot: int = 2000,
    seed: int = 20240101,
) -> pd.DataFrame:
    """The confirmatory comparison, one row per claim (codebook order); columns
    :data:`CONTRAST_COLUMNS`. See the module docstring for the test, the family and the
    meaning of "carries". ``period_freq`` (pandas alias, ``None`` to skip) builds the period
    from ``documents.published`` for the GEE and the CMH test.
    """
    cl = claims_frame(claims)
    claim_ids = list(cl["claim_id"])
    labels = _group_labels(documents, by).reset_index(drop=True)
    clusters = inf.outlet_clusters(documents, outlet_col).reset_index(drop=True)
    design = _design_from(labels, clusters, by, a, b, alpha)
    periods = (
        inf.period_of(documents["published"], period_freq).reset_index(drop=True)
        if period_freq and "published" in documents
        else pd.Series(["all"] * len(documents), dtype=object)
    )
    mat = _presence_matrix(documents, mentions, claim_ids, include_negated=False)
    keep = labels.isin([a, b]).to_numpy()
    lab, clu, per, sub = labels[keep], clusters[keep], periods[keep], mat[keep]
    in_a = (lab == a).to_numpy()
    rows: list[dict[str, Any]] = []
    for j, claim_id in enumerate(claim_ids):
        x = sub[:, j]
        k_a, k_b = int(x[in_a].sum()), int(x[~in_a].sum())
        n_a, n_b = design.n_a, design.n_b
        ma, sa, mb, sb = inf.outlet_means(x, list(lab), list(clu), a, b)
        row: dict[str, Any] = {
            "by": by,
            "a": a,
            "b": b,
            "claim_id": claim_id,
            "n_a": n_a,
            "n_b": n_b,
            "outlets_a": design.outlets_a,
            "outlets_b": design.outlets_b,
            "a_with": k_a,
            "b_with": k_b,
            "share_a": k_a / n_a if n_a else float("nan"),
            "share_b": k_b / n_b if n_b else float("nan"),
            "outlet_share_a": float(ma.mean()) if len(ma) else float("nan"),
            "outlet_share_b": float(mb.mean()) if len(mb) else float("nan"),
        }
        row["share_a_low"], row["share_a_high"] = inf.share_interval(k_a, n_a)
        row["share_b_low"], row["share_b_high"] = inf.share_interval(k_b, n_b)
        row["diff"], row["diff_low"], row["diff_high"] = inf.risk_difference(k_a, n_a, k_b, n_b)
        row["outlet_diff"] = row["outlet_share_a"] - row["outlet_share_b"]
        boot = inf.cluster_bootstrap_difference(
            np.round(ma * sa), sa, np.round(mb * sb), sb, n_boot=n_boot, seed=seed
        )
        row["outlet_diff_low"], row["outlet_diff_high"] = boot["outlet_low"], boot["outlet_high"]
        row["odds_ratio"], row["or_low"], row["or_high"] = inf.conditional_odds_ratio(
            k_a, n_a, k_b, n_b
        )
        row["in_family"] = bool(n_a and n_b and (k_a + k_b) > 0)
        gee = inf.gee_group_effect(x, list(lab), list(clu), a, b, periods=list(per))
        row.update(
            gee_odds_ratio=gee["odds_ratio"],
            gee_low=gee["low"],
            gee_high=gee["high"],
            gee_p=gee["p_value"],
            icc=gee["icc"],
            gee_note=gee["note"],
        )
        cmh = inf.cmh_test(x, list(lab), list(per), a, b)
        row.update(
            cmh_odds_ratio=cmh["odds_ratio"],
            cmh_low=cmh["low"],
            cmh_high=cmh["high"],
            cmh_p=cmh["p_value"],
            cmh_note=cmh["note"],
        )
        if design.unit == "outlet":
            perm = inf.outlet_permutation_test(ma, mb, n_perm=n_perm, seed=seed)
            row.update(test="outlet permutation", p_value=perm.p_value, min_p=perm.min_p)
        elif not design.nested and np.isfinite(gee["p_value"]):
            row.update(test="GEE (outlet clusters)", p_value=gee["p_value"], min_p=0.0)
        else:
            from scipy import stats

            from helpers.stance.compare import min_achievable_p

            p = (
                float(stats.fisher_exact([[k_a, n_a - k_a], [k_b, n_b - k_b]]).pvalue)
                if n_a and n_b
                else float("nan")
            )
            name = "Fisher exact (articles)"
            if not design.nested:
                name += "; outlets cut across groups and the GEE is not estimable"
            row.update(test=name, p_value=p, min_p=min_achievable_p(n_a, n_b, k_a + k_b))
        if not row["in_family"]:
            row["p_value"] = float("nan")
        rows.append(row)
    out = pd.DataFrame(rows)
    if not len(out):
        return pd.DataFrame(columns=CONTRAST_COLUMNS)
    out["p_holm"] = inf.holm_family(out["p_value"], out["in_family"])
    out["significant"] = (out["p_holm"] < alpha).fillna(False).astype(bool)
    family_size = int((out["in_family"] & out["p_value"].notna()).sum())
    out["conclusion"] = [claim_conclusion(r, design, family_size) for r in out.to_dict("records")]
    out = out.merge(cl, on="claim_id", how="left")
    return out[CONTRAST_COLUMNS].reset_index(drop=True)

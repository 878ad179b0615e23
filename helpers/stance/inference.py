"""Outlet-aware inference for two-group comparisons of article-level claim presence.

Articles cluster within outlets (an outlet's house line), so articles are not independent
draws of "the Hebrew press" or "the Arabic press": an article-level test (Fisher, a bootstrap
of articles) treats one prolific outlet as many independent voices and its false-positive
rate grows with the within-outlet correlation (ICC). This module makes the **outlet** the
unit wherever the grouping lies above the outlet (language, country, ownership):

* :func:`outlet_clusters` — the cluster of each article (its outlet; an article without a
  known outlet is its own cluster, never pooled into one "unknown" outlet).
* :func:`share_interval` — Wilson (default) or Clopper–Pearson interval of one share, from
  ``scipy.stats.binomtest(...).proportion_ci`` (never collapses at 0/n or n/n).
* :func:`risk_difference` — share difference with Newcombe's hybrid-score interval
  (``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")``).
* :func:`conditional_odds_ratio` — conditional maximum-likelihood odds ratio with its exact
  interval (``scipy.stats.contingency.odds_ratio(kind="conditional")``; finite bounds even
  when a cell is 0, where the sample odds ratio is 0 or inf).
* :func:`outlet_permutation_test` — shuffles the group labels over *outlets* (exact
  enumeration when there are at most ``n_perm`` labellings), statistic = difference of the
  outlet-weighted shares (mean of outlet means). Reports the smallest p-value the number of
  outlets allows: with 3 vs 2 outlets only 10 labellings exist, so p ≥ 0.1 whatever the data.
* :func:`cluster_bootstrap_difference` — two-stage bootstrap: resample outlets within each
  group, then articles within each drawn outlet; percentile interval of the outlet-weighted
  and article-weighted differences.
* :func:`gee_group_effect` — the model: ``present ~ group (+ period)`` with outlets as
  clusters (see the function for why GEE and not ``BinomialBayesMixedGLM``).
* :func:`cmh_test` — Cochran–Mantel–Haenszel over periods (``statsmodels`` ``StratifiedTable``)
  so a language difference is not a difference between years.
* :func:`holm_family` — Holm's step-down correction over a declared family (claims that no
  compared article carries are reported but are not in the family).

Everything random takes a ``seed`` and uses ``numpy.random.default_rng``: same inputs, same
numbers.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats
from scipy.stats.contingency import odds_ratio as _scipy_odds_ratio
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from helpers.core.io import is_missing

__all__ = [
    "UNKNOWN_OUTLET",
    "PermutationResult",
    "outlet_clusters",
    "outlets_nest_in_groups",
    "share_interval",
    "anova_icc",
    "clustered_share_interval",
    "risk_difference",
    "conditional_odds_ratio",
    "outlet_means",
    "outlet_permutation_test",
    "cluster_bootstrap_difference",
    "gee_group_effect",
    "cmh_test",
    "holm_family",
    "period_of",
]

#: Value of ``outlet_name`` (``helpers.ingest.outlets.join_outlets``) for an unmatched outlet.
UNKNOWN_OUTLET = "unknown"

#: Number of labellings above which the permutation test samples instead of enumerating.
DEFAULT_N_PERM = 10_000


# --------------------------------------------------------------------------- clusters


def _missing(value: Any) -> bool:
    return is_missing(value) or str(value).strip() in {"", UNKNOWN_OUTLET}


def outlet_clusters(documents: pd.DataFrame, outlet_col: str = "outlet_name") -> pd.Series:
    """The outlet (cluster) of every document, as str, aligned with ``documents``.

    Uses ``outlet_col`` (``outlet_name`` after ``join_outlets``), falling back to the raw
    ``outlet`` column when ``outlet_col`` is absent. A document with no known outlet is its
    own cluster ``"(no outlet) <doc_id>"``: pooling all of them into one "unknown outlet"
    would invent a house line they do not share.
    """
    col = outlet_col if outlet_col in documents else "outlet"
    values = documents[col] if col in documents else pd.Series(None, index=documents.index)
    out = [
        f"(no outlet) {doc_id}" if _missing(v) else str(v)
        for v, doc_id in zip(values.astype(object), documents["doc_id"].astype(str))
    ]
    return pd.Series(out, index=documents.index, name="cluster", dtype=object)


def outlets_nest_in_groups(groups: Sequence[str], clusters: Sequence[str]) -> bool:
    """True when every outlet's articles all fall in one group (e.g. grouping by language)."""
    seen: dict[str, str] = {}
    for g, c in zip(groups, clusters):
        if seen.setdefault(c, g) != g:
            return False
    return True


def period_of(published: pd.Series, freq: str = "Q") -> pd.Series:
    """Calendar period of each publication date (``YYYY-MM-DD`` strings or datetimes).

    ``freq`` is a pandas period alias: ``"Q"`` → ``"2025Q4"``, ``"Y"`` → ``"2025"``,
    ``"M"`` → ``"2025-12"``. Missing or unparseable dates give ``"undated"``.
    """
    dates = pd.to_datetime(published.astype(object), errors="coerce", format="mixed")
    out = [
        "undated" if pd.isna(d) else str(pd.Period(d, freq=freq))
        for d in dates  # pd.Period keeps the alias semantics of pandas
    ]
    return pd.Series(out, index=published.index, name="period", dtype=object)


# --------------------------------------------------------------------------- intervals


def share_interval(
    k: int, n: int, method: str = "wilson", confidence: float = 0.95
) -> tuple[float, float]:
    """Confidence interval of the share ``k / n``: ``"wilson"`` (score) or ``"exact"``
    (Clopper–Pearson), computed by ``scipy.stats.binomtest(k, n).proportion_ci``.

    ``n = 0`` gives ``(nan, nan)``. Unlike a percentile bootstrap, 0/40 gets a real upper
    bound (Wilson 0.088, exact 0.088) instead of ``[0, 0]``.
    """
    if method not in {"wilson", "exact", "wilsoncc"}:
        raise ValueError(f"method must be 'wilson', 'wilsoncc' or 'exact', got {method!r}")
    if n <= 0:
        return (float("nan"), float("nan"))
    if not 0 <= k <= n:
        raise ValueError(f"need 0 ≤ k ≤ n, got k={k}, n={n}")
    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=confidence, method=method)
    return (float(ci.low), float(ci.high))


def anova_icc(x: np.ndarray, clusters: Sequence[str]) -> float:
    """One-way ANOVA estimate of the intra-class correlation of ``x`` within ``clusters``
    (Donner 1986; the unbalanced-design ``n0``), truncated at 0; NaN with fewer than two
    clusters or no variation. Written here because statsmodels has no ICC for a 0/1 outcome
    outside a fitted model, and this closed form is what a design effect needs."""
    frame = pd.DataFrame({"x": np.asarray(x, float), "c": list(clusters)})
    g = frame.groupby("c")["x"].agg(["sum", "size", "mean"])
    k, n = len(g), len(frame)
    if k < 2 or n <= k:
        return float("nan")
    grand = frame["x"].mean()
    msb = float((g["size"] * (g["mean"] - grand) ** 2).sum() / (k - 1))
    msw = float(((frame["x"] - frame["c"].map(g["mean"])) ** 2).sum() / (n - k))
    n0 = (n - float((g["size"] ** 2).sum()) / n) / (k - 1)
    if msb + (n0 - 1) * msw <= 0:
        return float("nan")
    return max(0.0, (msb - msw) / (msb + (n0 - 1) * msw))


def clustered_share_interval(
    x: np.ndarray, clusters: Sequence[str], confidence: float = 0.95, icc: float | None = None
) -> tuple[float, float, float]:
    """Share of a 0/1 vector with a Wilson interval on the *effective* sample size.

    Articles of one outlet are correlated, so n articles carry the information of
    ``n_eff = n / deff`` independent ones, ``deff = 1 + (m̄ − 1)·ICC`` with ``m̄`` the mean
    articles per outlet and the ICC from :func:`anova_icc` (or given). The Wilson interval is
    then taken with ``n_eff`` trials (``statsmodels`` ``proportion_confint``; the approach of
    Korn & Graubard 1998 for survey proportions): it never collapses at 0/n and widens with
    clustering. Returns ``(share, low, high)``.
    """
    x = np.asarray(x, float)
    n = len(x)
    if n == 0:
        return (float("nan"), float("nan"), float("nan"))
    share = float(x.mean())
    rho = anova_icc(x, clusters) if icc is None else icc
    m_bar = n / max(1, len(set(clusters)))
    deff = 1.0 + (m_bar - 1.0) * (0.0 if not np.isfinite(rho) else rho)
    n_eff = n / max(deff, 1.0)
    low, high = proportion_confint(share * n_eff, n_eff, alpha=1 - confidence, method="wilson")
    return (share, max(0.0, float(low)), min(1.0, float(high)))


def risk_difference(
    k_a: int, n_a: int, k_b: int, n_b: int, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Share difference ``k_a/n_a − k_b/n_b`` with Newcombe's hybrid-score interval
    (method 10 of Newcombe 1998; statsmodels ``confint_proportions_2indep(method="newcomb")``).
    Returns ``(difference, low, high)``; NaNs when a group is empty."""
    if n_a <= 0 or n_b <= 0:
        return (float("nan"), float("nan"), float("nan"))
    low, high = confint_proportions_2indep(
        k_a, n_a, k_b, n_b, method="newcomb", compare="diff", alpha=1 - confidence
    )
    return (k_a / n_a - k_b / n_b, float(low), float(high))


def conditional_odds_ratio(
    k_a: int, n_a: int, k_b: int, n_b: int, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Conditional MLE odds ratio of ``[[k_a, n_a−k_a], [k_b, n_b−k_b]]`` with its exact
    interval (``scipy.stats.contingency.odds_ratio(kind="conditional")``). Returns
    ``(odds_ratio, low, high)``; NaNs when a group is empty or nobody / everybody carries
    the claim (the odds ratio is then not identified)."""
    nan3 = (float("nan"), float("nan"), float("nan"))
    total = k_a + k_b
    if n_a <= 0 or n_b <= 0 or total == 0 or total == n_a + n_b:
        return nan3
    res = _scipy_odds_ratio([[k_a, n_a - k_a], [k_b, n_b - k_b]], kind="conditional")
    ci = res.confidence_interval(confidence_level=confidence)
    return (float(res.statistic), float(ci.low), float(ci.high))


# --------------------------------------------------------------------------- outlet level


def outlet_means(
    present: np.ndarray, groups: Sequence[str], clusters: Sequence[str], a: str, b: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-outlet shares of a 0/1 vector: ``(means_a, sizes_a, means_b, sizes_b)``.

    Outlets are taken in sorted name order (deterministic). An outlet whose articles span
    both groups is split by group (only meaningful when outlets nest in groups).
    """
    frame = pd.DataFrame(
        {"x": np.asarray(present, dtype=float), "g": list(groups), "c": list(clusters)}
    )
    frame = frame[frame["g"].isin([a, b])]
    agg = frame.groupby(["g", "c"], sort=True)["x"].agg(["mean", "size"])
    out = []
    for g in (a, b):
        part = agg.loc[g] if g in agg.index.get_level_values(0) else agg.iloc[0:0]
        out += [part["mean"].to_numpy(float), part["size"].to_numpy(int)]
    return out[0], out[1], out[2], out[3]


@dataclass(frozen=True)
class PermutationResult:
    """Outlet-level permutation test: observed statistic, two-sided p-value, how many
    labellings were used, whether they were all enumerated, and the smallest p-value the
    number of outlets allows (``min_p``)."""

    statistic: float
    p_value: float
    n_labellings: int
    exact: bool
    min_p: float


def _labelling_count(n_a: int, n_b: int) -> int:
    return math.comb(n_a + n_b, n_a)


def outlet_permutation_test(
    means_a: np.ndarray,
    means_b: np.ndarray,
    n_perm: int = DEFAULT_N_PERM,
    seed: int = 20240101,
) -> PermutationResult:
    """Two-sided permutation test of mean(outlet shares a) − mean(outlet shares b).

    The group labels are reassigned over the outlets (sizes kept). When the number of
    distinct labellings ``C(n_a + n_b, n_a)`` is at most ``n_perm`` they are all enumerated
    and ``p = #{|T*| ≥ |T|} / C`` (the observed labelling included) is exact; otherwise
    ``n_perm`` random labellings are drawn and ``p = (1 + #{|T*| ≥ |T|}) / (1 + n_perm)``
    (valid, Phipson & Smyth 2010). ``min_p`` is ``1 / C`` (``2 / C`` with equal group sizes,
    where a labelling and its mirror give the same |T|) — with 3 vs 2 outlets that is 0.1.
    With fewer than one outlet per group the test is not possible (p = nan).
    """
    xa, xb = np.asarray(means_a, float), np.asarray(means_b, float)
    n_a, n_b = len(xa), len(xb)
    if n_a == 0 or n_b == 0:
        return PermutationResult(float("nan"), float("nan"), 0, True, 1.0)
    pooled = np.concatenate([xa, xb])
    observed = float(xa.mean() - xb.mean())
    count = _labelling_count(n_a, n_b)
    min_p = (2.0 if n_a == n_b else 1.0) / count
    tol = 1e-12 * max(1.0, abs(observed))
    total = pooled.sum()
    if count <= n_perm:
        idx = np.array(list(combinations(range(n_a + n_b), n_a)), dtype=np.intp)
        sum_a = pooled[idx].sum(axis=1)
        stat = sum_a / n_a - (total - sum_a) / n_b
        p = float(np.mean(np.abs(stat) >= abs(observed) - tol))
        return PermutationResult(observed, p, count, True, min_p)
    rng = np.random.default_rng(seed)
    keys = rng.random((n_perm, n_a + n_b))
    idx = np.argpartition(keys, n_a - 1, axis=1)[:, :n_a]  # a uniform random subset per row
    sum_a = pooled[idx].sum(axis=1)
    stat = sum_a / n_a - (total - sum_a) / n_b
    hits = int(np.sum(np.abs(stat) >= abs(observed) - tol))
    p = (1 + hits) / (1 + n_perm)
    return PermutationResult(observed, float(p), n_perm, False, max(min_p, 1 / (1 + n_perm)))


def cluster_bootstrap_difference(
    counts_a: np.ndarray,
    sizes_a: np.ndarray,
    counts_b: np.ndarray,
    sizes_b: np.ndarray,
    n_boot: int = 2000,
    seed: int = 20240101,
    confidence: float = 0.95,
) -> dict[str, float]:
    """Two-stage (outlets, then articles within outlet) bootstrap of the share difference.

    Each group's outlets are resampled with replacement; within each drawn outlet its
    articles are resampled with replacement. For a 0/1 outcome the second stage is exactly a
    ``Binomial(n_o, k_o / n_o)`` draw, which is what is simulated (same distribution as
    resampling the articles, far less memory). Returns the percentile interval of the
    outlet-weighted difference (mean of outlet shares) and of the article-weighted one
    (pooled share): ``outlet_low, outlet_high, article_low, article_high``. Percentile
    intervals of a bootstrap with few outlets are too narrow — read them with the number of
    outlets, and prefer the permutation test's p-value for testing.
    """
    ka, na = np.asarray(counts_a, float), np.asarray(sizes_a, float)
    kb, nb = np.asarray(counts_b, float), np.asarray(sizes_b, float)
    nan = float("nan")
    if len(ka) == 0 or len(kb) == 0:
        return dict(outlet_low=nan, outlet_high=nan, article_low=nan, article_high=nan)
    rng = np.random.default_rng(seed)

    def one_group(k: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pick = rng.integers(0, len(k), size=(n_boot, len(k)))
        sizes = n[pick]
        drawn = rng.binomial(sizes.astype(np.int64), k[pick] / n[pick])
        outlet_w = (drawn / sizes).mean(axis=1)
        article_w = drawn.sum(axis=1) / sizes.sum(axis=1)
        return outlet_w, article_w

    oa, aa = one_group(ka, na)
    ob, ab = one_group(kb, nb)
    tail = 100 * (1 - confidence) / 2
    o_lo, o_hi = np.percentile(oa - ob, [tail, 100 - tail])
    a_lo, a_hi = np.percentile(aa - ab, [tail, 100 - tail])
    return dict(
        outlet_low=float(o_lo),
        outlet_high=float(o_hi),
        article_low=float(a_lo),
        article_high=float(a_hi),
    )


# --------------------------------------------------------------------------- model


def gee_group_effect(
    present: np.ndarray,
    groups: Sequence[str],
    clusters: Sequence[str],
    a: str,
    b: str,
    periods: Sequence[str] | None = None,
    confidence: float = 0.95,
) -> dict[str, Any]:
    """Odds ratio of carrying the claim, group ``a`` vs ``b``, with outlets as clusters.

    Model: logistic GEE ``present ~ C(group) (+ C(period))``, exchangeable working
    correlation within outlet (``statsmodels`` ``GEE``, ``Binomial`` family).

    Why GEE and not ``BinomialBayesMixedGLM``: the question is population-averaged ("how
    much more often does a Hebrew article carry the claim?"), which is what GEE estimates;
    ``BinomialBayesMixedGLM`` is fitted by a variational approximation whose posterior
    standard deviations are known to be too small and which has no sandwich correction.
    GEE's estimate is deterministic, its standard error does not rely on the random-effect
    distribution being right, and the exchangeable correlation *is* the ICC used for the
    power calculation. With few outlets the usual sandwich is anti-conservative, so the
    Mancl–DeRouen bias-reduced covariance (``cov_type="bias_reduced"``) is used and the
    interval and p-value use a t distribution with (outlets − parameters) degrees of freedom.

    Returns ``odds_ratio, low, high, p_value, icc, n_clusters, note``; with fewer than 4
    outlets, a claim carried by none (or all) of the articles, or a fit that fails or
    separates, the numbers are NaN and ``note`` says why.
    """
    import statsmodels.api as sm
    from statsmodels.genmod.cov_struct import Exchangeable

    nan = float("nan")
    out: dict[str, Any] = dict(
        odds_ratio=nan, low=nan, high=nan, p_value=nan, icc=nan, n_clusters=0, note=""
    )
    frame = pd.DataFrame(
        {"y": np.asarray(present, float), "g": list(groups), "c": list(clusters)}
        | ({"t": list(periods)} if periods is not None else {})
    )
    frame = frame[frame["g"].isin([a, b])].reset_index(drop=True)
    n_clusters = int(frame["c"].nunique())
    out["n_clusters"] = n_clusters
    if frame["y"].nunique() < 2:
        out["note"] = "not estimable: every compared article has the same value"
        return out
    if frame.groupby("g")["y"].nunique().min() < 2 or frame["g"].nunique() < 2:
        out["note"] = "not estimable: all or none of one group's articles carry it (separation)"
        return out
    if n_clusters < 4:
        out["note"] = f"not estimable: {n_clusters} outlets (a cluster model needs at least 4)"
        return out
    x = pd.DataFrame({"const": 1.0, "group": (frame["g"] == a).astype(float)})
    if periods is not None and frame["t"].nunique() > 1:
        dummies = pd.get_dummies(frame["t"], prefix="period", drop_first=True, dtype=float)
        x = pd.concat([x, dummies], axis=1)
    dof = n_clusters - x.shape[1]
    if dof < 1:
        out["note"] = f"not estimable: {n_clusters} outlets for {x.shape[1]} parameters"
        return out
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = sm.GEE(
                frame["y"],
                x,
                groups=frame["c"],
                family=sm.families.Binomial(),
                cov_struct=Exchangeable(),
            )
            fit = model.fit(cov_type="bias_reduced", maxiter=100)
        beta = float(fit.params["group"])
        se = float(np.sqrt(fit.cov_params().loc["group", "group"]))
    except Exception as exc:  # statsmodels raises many kinds; report the kind, never hide
        out["note"] = f"not estimable: GEE failed ({type(exc).__name__})"
        return out
    if not (np.isfinite(beta) and np.isfinite(se) and se > 0) or abs(beta) > 15:
        out["note"] = "not estimable: the fit diverged (near-separation)"
        return out
    t_crit = float(stats.t.ppf(0.5 + confidence / 2, dof))
    out.update(
        odds_ratio=math.exp(beta),
        low=math.exp(beta - t_crit * se),
        high=math.exp(beta + t_crit * se),
        p_value=float(2 * stats.t.sf(abs(beta / se), dof)),
        icc=float(np.atleast_1d(model.cov_struct.dep_params)[0]),
        note=f"GEE exchangeable, bias-reduced SE, t with {dof} df",
    )
    return out


def cmh_test(
    present: np.ndarray, groups: Sequence[str], periods: Sequence[str], a: str, b: str
) -> dict[str, Any]:
    """Cochran–Mantel–Haenszel test of group ``a`` vs ``b`` stratified by period.

    One 2×2 table per period (``[[a_with, a_without], [b_with, b_without]]``); periods where
    one group has no article carry no information and are dropped. Uses statsmodels
    ``StratifiedTable``: pooled Mantel–Haenszel odds ratio with its interval and the CMH
    test of a common odds ratio of 1 (with continuity correction). Returns ``odds_ratio,
    low, high, p_value, n_strata, note`` (NaN and a note when not computable). This is an
    article-level test: it adjusts for time, not for outlets.
    """
    from statsmodels.stats.contingency_tables import StratifiedTable

    nan = float("nan")
    out: dict[str, Any] = dict(odds_ratio=nan, low=nan, high=nan, p_value=nan, n_strata=0, note="")
    frame = pd.DataFrame({"y": np.asarray(present, bool), "g": list(groups), "t": list(periods)})
    tables = []
    for _, part in frame.groupby("t", sort=True):
        ya = part.loc[part["g"] == a, "y"]
        yb = part.loc[part["g"] == b, "y"]
        if len(ya) == 0 or len(yb) == 0:
            continue
        tables.append(
            np.array([[ya.sum(), len(ya) - ya.sum()], [yb.sum(), len(yb) - yb.sum()]], dtype=float)
        )
    out["n_strata"] = len(tables)
    if not tables:
        out["note"] = "no period has articles of both groups"
        return out
    stacked = np.dstack(tables)
    if stacked[:, 0, :].sum() == 0 or stacked[:, 1, :].sum() == 0:
        out["note"] = "no article (or every article) carries it in the comparable periods"
        return out
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")
        st = StratifiedTable(stacked)
        res = st.test_null_odds(correction=True)
        odds = float(st.oddsratio_pooled)
        low, high = st.oddsratio_pooled_confint()
    out.update(odds_ratio=odds, low=float(low), high=float(high), p_value=float(res.pvalue))
    out["note"] = f"CMH over {len(tables)} period(s) with both groups"
    return out


# --------------------------------------------------------------------------- family


def holm_family(p_values: ArrayLike, in_family: ArrayLike) -> np.ndarray:
    """Holm-adjusted p-values over the rows with ``in_family`` true (statsmodels
    ``multipletests(method="holm")``); rows outside the family, or with a NaN p-value, get
    NaN. The family size is the number of in-family rows with a p-value."""
    p = np.asarray(p_values, dtype=float)
    mask = np.asarray(in_family, dtype=bool) & ~np.isnan(p)
    out = np.full(p.shape, np.nan)
    if mask.any():
        out[mask] = multipletests(p[mask], method="holm")[1]
    return out

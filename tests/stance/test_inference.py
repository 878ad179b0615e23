"""Outlet-aware inference: each method against a reference, plus seeded simulations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.stance import inference as inf
from helpers.stance.simulate import outlet_presence


def test_share_interval_does_not_collapse_at_zero() -> None:
    # Wilson upper bound for 0/n is z²/(n+z²); exact (Clopper–Pearson) is 1 − (α/2)^(1/n)
    z2 = stats.norm.ppf(0.975) ** 2
    low, high = inf.share_interval(0, 40, "wilson")
    assert low == 0.0 and high == pytest.approx(z2 / (40 + z2), rel=1e-9)
    assert high == pytest.approx(0.0876, abs=5e-4)
    low, high = inf.share_interval(0, 40, "exact")
    assert low == 0.0 and high == pytest.approx(1 - 0.025 ** (1 / 40), rel=1e-9)
    low, high = inf.share_interval(1, 1, "exact")
    assert high == 1.0 and low == pytest.approx(0.025, rel=1e-9)
    assert all(math.isnan(v) for v in inf.share_interval(0, 0))


def test_wilson_matches_the_textbook_formula() -> None:
    k, n, z = 3, 10, stats.norm.ppf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert inf.share_interval(k, n) == pytest.approx((centre - half, centre + half), rel=1e-9)


def test_clustered_share_interval_is_wilson_on_the_effective_n() -> None:
    # 4 outlets × 10 articles, 12 carriers; with ICC 0.1 deff = 1 + 9·0.1 = 1.9, n_eff = 40/1.9
    x = np.array([1] * 12 + [0] * 28)
    clusters = [f"o{i // 10}" for i in range(40)]
    n_eff, p, z = 40 / 1.9, 0.3, stats.norm.ppf(0.975)
    centre = (p + z * z / (2 * n_eff)) / (1 + z * z / n_eff)
    half = z / (1 + z * z / n_eff) * math.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff**2))
    share, low, high = inf.clustered_share_interval(x, clusters, icc=0.1)
    assert share == 0.3 and (low, high) == pytest.approx((centre - half, centre + half))
    # no clustering: the plain Wilson interval on the 40 articles, which is narrower
    assert inf.clustered_share_interval(x, clusters, icc=0.0)[1:] == pytest.approx(
        inf.share_interval(12, 40)
    )
    assert inf.clustered_share_interval(x, clusters, icc=0.0)[1] > low


def test_risk_difference_reproduces_newcombe_1998_example() -> None:
    # Newcombe (1998), Stat Med 17:873, table II example (a): 56/70 vs 48/80 → method 10
    diff, low, high = inf.risk_difference(56, 70, 48, 80)
    assert diff == pytest.approx(0.2)
    assert (low, high) == pytest.approx((0.0524, 0.3339), abs=1e-4)


def test_conditional_odds_ratio_exact_bound_with_a_zero_cell() -> None:
    # 0/40 vs 3/40: the sample odds ratio is 0; the exact upper bound u solves
    # P(X ≤ 0 | odds u) = 0.025 under Fisher's noncentral hypergeometric distribution
    odds, low, high = inf.conditional_odds_ratio(0, 40, 3, 40)
    assert odds == 0.0 and low == 0.0 and math.isfinite(high)
    assert stats.nchypergeom_fisher.cdf(0, 80, 40, 3, high) == pytest.approx(0.025, abs=1e-6)
    assert all(math.isnan(v) for v in inf.conditional_odds_ratio(0, 5, 0, 5))


def test_permutation_test_enumerates_the_ten_labellings_of_three_vs_two() -> None:
    res = inf.outlet_permutation_test(np.array([1.0, 1.0, 1.0]), np.array([0.0, 0.0]))
    assert res.exact and res.n_labellings == 10
    assert res.statistic == 1.0 and res.p_value == pytest.approx(0.1) and res.min_p == 0.1
    # equal sizes: a labelling and its mirror give the same |T| → smallest p is 2/6
    res = inf.outlet_permutation_test(np.array([1.0, 1.0]), np.array([0.0, 0.0]))
    assert res.p_value == pytest.approx(2 / 6) and res.min_p == pytest.approx(2 / 6)
    # no difference at all → p = 1
    assert inf.outlet_permutation_test(np.full(3, 0.5), np.full(3, 0.5)).p_value == 1.0


def test_permutation_test_sampled_is_seeded() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.random(10), rng.random(10) + 0.2
    r1 = inf.outlet_permutation_test(a, b, n_perm=5000, seed=3)
    r2 = inf.outlet_permutation_test(a, b, n_perm=5000, seed=3)
    assert not r1.exact and r1.p_value == r2.p_value
    exact = inf.outlet_permutation_test(a, b, n_perm=200_000)
    assert exact.exact and abs(exact.p_value - r1.p_value) < 0.03  # SE 0.007


def test_outlet_clusters_keep_unknown_outlets_apart() -> None:
    docs = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "outlet_name": ["Walla", "unknown", None]})
    assert list(inf.outlet_clusters(docs)) == ["Walla", "(no outlet) d2", "(no outlet) d3"]


def test_period_of_quarters_and_undated() -> None:
    got = inf.period_of(pd.Series(["2025-12-31", None, "2024-01-02", "garbage"]))
    assert list(got) == ["2025Q4", "undated", "2024Q1", "undated"]


def test_holm_family_leaves_rows_outside_the_family_out() -> None:
    got = inf.holm_family([0.01, 0.04, 0.5, np.nan], [True, True, False, True])
    assert got[0] == pytest.approx(0.02) and got[1] == pytest.approx(0.04)
    assert np.isnan(got[2]) and np.isnan(got[3])


def test_cmh_matches_statsmodels_pooled_odds_ratio_by_hand() -> None:
    # two periods; Mantel–Haenszel OR = Σ(a·d/n) / Σ(b·c/n)
    x = [1] * 6 + [0] * 4 + [1] * 3 + [0] * 7 + [1] * 2 + [0] * 8 + [1] * 1 + [0] * 9
    g = ["a"] * 10 + ["b"] * 10 + ["a"] * 10 + ["b"] * 10
    t = ["p1"] * 20 + ["p2"] * 20
    res = inf.cmh_test(np.array(x), g, t, "a", "b")
    mh = (6 * 7 / 20 + 2 * 9 / 20) / (4 * 3 / 20 + 8 * 1 / 20)
    assert res["n_strata"] == 2 and res["odds_ratio"] == pytest.approx(mh)
    # CMH with continuity correction: (|Σ(a − E a)| − ½)² / Σ Var a, a = group a's carriers,
    # E a = n_a·m/N, Var a = n_a·n_b·m·(N−m) / (N²·(N−1)); m carriers of N = 20 per period
    expected = [10 * 9 / 20, 10 * 3 / 20]
    var = [10 * 10 * 9 * 11 / (400 * 19), 10 * 10 * 3 * 17 / (400 * 19)]
    chi2 = (abs((6 + 2) - sum(expected)) - 0.5) ** 2 / sum(var)
    assert res["p_value"] == pytest.approx(stats.chi2.sf(chi2, 1), rel=1e-9)


def _beta_binomial_pair(rng, icc, share_b=0.3, n_out=10, per=40):
    xa, oa = outlet_presence(rng, 0.3, n_out, per, icc)
    xb, ob = outlet_presence(rng, share_b, n_out, per, icc)
    return xa, oa, xb, ob


def test_simulation_outlet_permutation_false_positives_near_five_percent_at_icc_005() -> None:
    rng = np.random.default_rng(20261124)
    reps, rejected, fisher_rejected = 300, 0, 0
    for r in range(reps):
        xa, _, xb, _ = _beta_binomial_pair(rng, 0.05)
        ma, mb = xa.reshape(10, 40).mean(axis=1), xb.reshape(10, 40).mean(axis=1)
        rejected += inf.outlet_permutation_test(ma, mb, n_perm=499, seed=r).p_value < 0.05
        table = [[xa.sum(), 400 - xa.sum()], [xb.sum(), 400 - xb.sum()]]
        fisher_rejected += stats.fisher_exact(table).pvalue < 0.05
    assert 0.02 <= rejected / reps <= 0.08  # binomial SE at 5 % and 300 reps is 1.3 %
    assert fisher_rejected / reps > 0.15  # the article-level test it replaces


def test_simulation_outlet_permutation_detects_a_planted_difference() -> None:
    rng = np.random.default_rng(7)
    hits = 0
    for r in range(60):
        xa, _, xb, _ = _beta_binomial_pair(rng, 0.05, share_b=0.6)
        ma, mb = xa.reshape(10, 40).mean(axis=1), xb.reshape(10, 40).mean(axis=1)
        hits += inf.outlet_permutation_test(ma, mb, n_perm=499, seed=r).p_value < 0.05
    assert hits / 60 >= 0.9


@pytest.mark.parametrize("p", [0.1, 0.3])
def test_simulation_wilson_coverage_at_n10_is_at_least_90_percent(p: float) -> None:
    rng = np.random.default_rng([10, int(p * 100)])
    ks = rng.binomial(10, p, size=500)
    covered = [lo <= p <= hi for lo, hi in (inf.share_interval(int(k), 10) for k in ks)]
    assert np.mean(covered) >= 0.90


def test_simulation_newcombe_coverage_at_n10_is_at_least_90_percent() -> None:
    rng = np.random.default_rng(99)
    ka, kb = rng.binomial(10, 0.2, size=400), rng.binomial(10, 0.4, size=400)
    covered = [
        lo <= -0.2 <= hi
        for lo, hi in (inf.risk_difference(int(a), 10, int(b), 10)[1:] for a, b in zip(ka, kb))
    ]
    assert np.mean(covered) >= 0.90


def test_simulation_cluster_bootstrap_covers_the_null_difference() -> None:
    rng = np.random.default_rng(5)
    covered = 0
    for r in range(150):
        xa, _, xb, _ = _beta_binomial_pair(rng, 0.05)
        ka, kb, size = xa.reshape(10, 40).sum(1), xb.reshape(10, 40).sum(1), np.full(10, 40)
        b = inf.cluster_bootstrap_difference(ka, size, kb, size, n_boot=500, seed=r)
        covered += b["outlet_low"] <= 0 <= b["outlet_high"]
    assert covered / 150 >= 0.88


def test_gee_recovers_a_planted_odds_ratio_and_icc() -> None:
    rng = np.random.default_rng(3)
    xa, oa, xb, ob = _beta_binomial_pair(rng, 0.05, share_b=0.5, n_out=20, per=40)
    x = np.concatenate([xa, xb])
    groups = ["a"] * len(xa) + ["b"] * len(xb)
    clusters = [f"a{i}" for i in oa] + [f"b{i}" for i in ob]
    res = inf.gee_group_effect(x, groups, clusters, "a", "b")
    true_or = (0.3 / 0.7) / (0.5 / 0.5)
    assert res["low"] < true_or < res["high"] and res["p_value"] < 0.05
    assert 0 < res["icc"] < 0.2 and res["n_clusters"] == 40


def test_gee_says_why_it_cannot_fit_five_outlets_or_separation() -> None:
    x = np.array([1, 0, 1, 0, 0])
    res = inf.gee_group_effect(x, ["a", "a", "a", "b", "b"], list("vwxyz"), "a", "b")
    assert math.isnan(res["odds_ratio"]) and "separation" in res["note"]
    x = np.array([1, 0, 1, 1, 0, 0])
    res = inf.gee_group_effect(x, list("aaabbb"), list("uuvwww"), "a", "b")
    assert math.isnan(res["odds_ratio"]) and res["note"] == (
        "not estimable: 3 outlets (a cluster model needs at least 4)"
    )

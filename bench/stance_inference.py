"""False-positive rate and interval coverage of notebook 03's statistics, before and after.

Prints (does not assert) — the simulation tests in tests/stance/test_inference.py hold the
thresholds. "Before" re-creates the formulas notebook 03 used until issue 11: Fisher's exact
test on articles and a percentile bootstrap of articles per group. "After" is
helpers.stance.inference: the outlet-level permutation test, the GEE with outlet clusters,
Wilson / Clopper–Pearson intervals and the outlet-clustered bootstrap.

    python bench/stance_inference.py [--reps 400] [--seed 11]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from scipy import stats

from helpers.claims.validation import draw_validation_sample
from helpers.stance import inference as inf
from helpers.stance.simulate import outlet_presence, reviewed_sample, tagger_error_corpus
from helpers.stance.tagger_error import corrected_contrast


def false_positives(reps: int, icc: float, seed: int, with_gee: bool) -> dict[str, float]:
    rng = np.random.default_rng([seed, int(icc * 1000)])
    n_out, per = 10, 40
    rej = {"fisher": 0, "permutation": 0, "gee": 0}
    gee_done = 0
    for r in range(reps):
        xa, oa = outlet_presence(rng, 0.3, n_out, per, icc)
        xb, ob = outlet_presence(rng, 0.3, n_out, per, icc)
        ka, kb, n = int(xa.sum()), int(xb.sum()), n_out * per
        p_f = stats.fisher_exact([[ka, n - ka], [kb, n - kb]]).pvalue
        rej["fisher"] += p_f < 0.05
        ma = xa.reshape(n_out, per).mean(axis=1)
        mb = xb.reshape(n_out, per).mean(axis=1)
        perm = inf.outlet_permutation_test(ma, mb, n_perm=999, seed=r)
        rej["permutation"] += perm.p_value < 0.05
        if with_gee and r < reps // 4:
            x = np.concatenate([xa, xb])
            groups = ["a"] * n + ["b"] * n
            clusters = [f"a{i}" for i in oa] + [f"b{i}" for i in ob]
            g = inf.gee_group_effect(x, groups, clusters, "a", "b")
            if np.isfinite(g["p_value"]):
                gee_done += 1
                rej["gee"] += g["p_value"] < 0.05
    out = {k: v / reps for k, v in rej.items() if k != "gee"}
    if with_gee:
        out["gee"] = rej["gee"] / max(gee_done, 1)
        out["gee_reps"] = gee_done
    return out


def coverage(n: int, p: float, reps: int, seed: int) -> dict[str, float]:
    rng = np.random.default_rng([seed, n, int(p * 1000)])
    k = rng.binomial(n, p, size=reps)
    boot_hits = wilson_hits = exact_hits = 0
    for kk in k:
        draws = rng.binomial(n, kk / n, size=2000) / n  # = resampling the n articles
        lo, hi = np.percentile(draws, [2.5, 97.5])
        boot_hits += lo <= p <= hi
        lo, hi = inf.share_interval(int(kk), n, "wilson")
        wilson_hits += lo <= p <= hi
        lo, hi = inf.share_interval(int(kk), n, "exact")
        exact_hits += lo <= p <= hi
    return {
        "bootstrap": boot_hits / reps,
        "wilson": wilson_hits / reps,
        "exact": exact_hits / reps,
    }


def difference_coverage(reps: int, icc: float, seed: int) -> dict[str, float]:
    """Coverage of the share difference (true 0) at 10 vs 10 outlets × 40 articles."""
    rng = np.random.default_rng([seed, 7])
    n_out, per = 10, 40
    newcombe = cluster = 0
    for r in range(reps):
        xa, _ = outlet_presence(rng, 0.3, n_out, per, icc)
        xb, _ = outlet_presence(rng, 0.3, n_out, per, icc)
        n = n_out * per
        _, lo, hi = inf.risk_difference(int(xa.sum()), n, int(xb.sum()), n)
        newcombe += lo <= 0 <= hi
        ka = xa.reshape(n_out, per).sum(axis=1)
        kb = xb.reshape(n_out, per).sum(axis=1)
        size = np.full(n_out, per)
        b = inf.cluster_bootstrap_difference(ka, size, kb, size, n_boot=1000, seed=r)
        cluster += b["outlet_low"] <= 0 <= b["outlet_high"]
    return {"newcombe_articles": newcombe / reps, "cluster_bootstrap": cluster / reps}


def tagger_error_scenario(reps: int, seed: int) -> dict[str, float]:
    """The issue's case: true share 0.30 in both languages, recall 0.90 (he) vs 0.70 (ar),
    specificity 0.98 per actor-naming sentence, 400 vs 400 articles in 10 vs 10 outlets (one
    frame sentence each). Raw Fisher on the tagger's output vs the corrected difference from
    a 240-sentence validation sample: rejection rate of "no difference" (Fisher p < 0.05 /
    corrected 95% interval excluding 0) and coverage of the true difference 0."""
    rng = np.random.default_rng([seed, 3])
    claims = pd.DataFrame({"claim_id": ["C"], "en": ["c"], "frame": ["f"]})
    fisher_rej = corrected_rej = 0
    for r in range(reps):
        docs_f, frame_f, ment_f, truth = tagger_error_corpus(
            rng, {"he": 0.9, "ar": 0.7}, false_rate=0.02
        )
        found_a = ment_f["doc_id"].str.startswith("he").sum()
        found_b = ment_f["doc_id"].str.startswith("ar").sum()
        p = stats.fisher_exact([[found_a, 400 - found_a], [found_b, 400 - found_b]]).pvalue
        fisher_rej += p < 0.05
        sample = draw_validation_sample(frame_f, n=240, seed=r)
        outcomes = reviewed_sample(sample, ment_f, truth)
        row = corrected_contrast(docs_f, frame_f, ment_f, outcomes, claims, n_boot=200, seed=r)
        corrected_rej += not (row.loc[0, "diff_low"] <= 0 <= row.loc[0, "diff_high"])
    return {"fisher_raw": fisher_rej / reps, "corrected": corrected_rej / reps}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=400)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    t0 = time.perf_counter()
    print(
        f"False-positive rate at alpha 0.05, no true difference, 10 vs 10 outlets x 40 "
        f"articles, share 0.3 ({args.reps} replicates; GEE on a quarter of them)"
    )
    print("  ICC    Fisher(before)  outlet-permutation(after)  GEE(after)")
    for icc in (0.02, 0.05, 0.10):
        r = false_positives(args.reps, icc, args.seed, with_gee=True)
        print(
            f"  {icc:4.2f}   {r['fisher']:6.3f}          {r['permutation']:6.3f}"
            f"                     {r['gee']:6.3f} (n={r['gee_reps']})"
        )
    print(f"\nCoverage of nominal 95% intervals for one group's share ({args.reps} replicates)")
    print("  n   p     bootstrap(before)  wilson(after)  exact(after)")
    for n, p in ((5, 0.2), (10, 0.1), (10, 0.3), (20, 0.05), (40, 0.02)):
        c = coverage(n, p, args.reps, args.seed)
        print(
            f"  {n:<3d} {p:<5.2f} {c['bootstrap']:6.3f}             {c['wilson']:6.3f}"
            f"         {c['exact']:6.3f}"
        )
    print(
        f"\nCoverage of the 95% interval of the difference (true 0), ICC 0.05, 10 vs 10 "
        f"outlets x 40 ({args.reps // 2} replicates)"
    )
    d = difference_coverage(args.reps // 2, 0.05, args.seed)
    print(f"  Newcombe on articles (ignores outlets): {d['newcombe_articles']:.3f}")
    print(f"  outlet-clustered bootstrap:             {d['cluster_bootstrap']:.3f}")
    reps_err = max(20, args.reps // 8)
    e = tagger_error_scenario(reps_err, args.seed)
    print(
        f"\nTagger error, no true difference (share 0.30 both), recall 0.90 vs 0.70, spec 0.98, "
        f"400 vs 400 articles ({reps_err} replicates; 240 reviewed sentences each)"
    )
    print(f"  raw Fisher on the tagger's output (before): rejects {e['fisher_raw']:.3f}")
    print(f"  corrected difference, 95% CI excludes 0 (after): {e['corrected']:.3f}")
    print(f"\n{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()

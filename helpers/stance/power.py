"""Minimum detectable difference: what a corpus of this shape can see, before collecting it.

Articles of one outlet are correlated, so ``n`` articles in ``k`` outlets (``m = n / k`` per
outlet) carry the information of ``n_eff = n / (1 + (m − 1)·ICC)`` independent ones (the design
effect). :func:`minimum_detectable_difference` takes a base share ``p0`` and solves, with
statsmodels' ``NormalIndPower`` on Cohen's arcsine effect size ``h`` and the two effective
sample sizes, for the smallest ``h`` detected with the requested power at a two-sided
``alpha``; it returns the share difference ``p1 − p0`` that ``h`` means above ``p0``
(``p1 = sin²(asin(√p0) + h/2)``). When the number of outlets cannot produce a p-value below
``alpha`` at all (an outlet-level permutation test with ``C(k_a + k_b, k_a)`` labellings),
nothing is detectable and the difference is reported as infinite.

:func:`power_table` gives that for the corpus at hand and for planned corpus sizes, with the
ICC from the fitted model (median over claims of the GEE's exchangeable correlation) or,
when the model could not be fitted, an assumed ICC that the table names as assumed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.power import NormalIndPower

from helpers.stance.contrast import ComparisonDesign

__all__ = ["POWER_COLUMNS", "effective_n", "minimum_detectable_difference", "power_table"]

#: ICC assumed when the corpus cannot estimate one (news outlets: 0.02–0.10 is typical).
DEFAULT_ICC = 0.05
#: Planned designs shown by default: (outlets per group, articles per outlet).
DEFAULT_PLANS: tuple[tuple[int, int], ...] = ((5, 40), (10, 40), (20, 40), (40, 20))

POWER_COLUMNS = [
    "scenario",
    "outlets_a",
    "outlets_b",
    "n_a",
    "n_b",
    "icc",
    "icc_source",
    "design_effect_a",
    "design_effect_b",
    "n_eff_a",
    "n_eff_b",
    "base_share",
    "alpha",
    "power",
    "min_detectable_diff",
    "note",
]


def effective_n(n: int, n_outlets: int, icc: float) -> tuple[float, float]:
    """``(n_eff, design_effect)`` for ``n`` articles in ``n_outlets`` outlets."""
    if n <= 0 or n_outlets <= 0:
        return (0.0, float("nan"))
    deff = 1.0 + (n / n_outlets - 1.0) * max(0.0, icc)
    return (n / deff, deff)


def minimum_detectable_difference(
    n_a: int,
    n_b: int,
    outlets_a: int,
    outlets_b: int,
    base_share: float,
    icc: float = DEFAULT_ICC,
    alpha: float = 0.05,
    power: float = 0.8,
) -> float:
    """Smallest share difference above ``base_share`` detectable (module docstring); ``inf``
    when the outlets cannot reach ``alpha`` or a group is empty; ``nan`` when even a share
    of 1 would not be detected."""
    if min(n_a, n_b, outlets_a, outlets_b) <= 0:
        return math.inf
    labellings = math.comb(outlets_a + outlets_b, outlets_a)
    if (2.0 if outlets_a == outlets_b else 1.0) / labellings >= alpha:
        return math.inf
    eff_a, _ = effective_n(n_a, outlets_a, icc)
    eff_b, _ = effective_n(n_b, outlets_b, icc)
    h = NormalIndPower().solve_power(
        effect_size=None, nobs1=eff_a, alpha=alpha, power=power, ratio=eff_b / eff_a
    )
    angle = math.asin(math.sqrt(base_share)) + float(h) / 2
    if angle >= math.pi / 2:
        return float("nan")
    return math.sin(angle) ** 2 - base_share


def power_table(
    design: ComparisonDesign,
    contrast: pd.DataFrame,
    plans: Sequence[tuple[int, int]] = DEFAULT_PLANS,
    alpha: float = 0.05,
    power: float = 0.8,
) -> pd.DataFrame:
    """Minimum detectable difference for the corpus at hand and for ``plans`` (outlets per
    group, articles per outlet). The base share is the median share of the claims in the
    confirmatory family (kept within 0.05–0.5; 0.2 when none), the ICC the median of the
    GEE's estimates (or :data:`DEFAULT_ICC`, flagged ``assumed``). Columns
    :data:`POWER_COLUMNS`."""
    family = contrast[contrast["in_family"]] if len(contrast) else contrast
    shares = (
        ((family["a_with"] + family["b_with"]) / (family["n_a"] + family["n_b"])).to_numpy(float)
        if len(family)
        else np.array([])
    )
    base = float(np.clip(np.median(shares), 0.05, 0.5)) if len(shares) else 0.2
    iccs = contrast["icc"].to_numpy(float) if "icc" in contrast else np.array([])
    iccs = iccs[np.isfinite(iccs)]
    icc, source = (float(np.median(iccs)), "GEE") if len(iccs) else (DEFAULT_ICC, "assumed")
    scenarios = [("this corpus", design.outlets_a, design.outlets_b, design.n_a, design.n_b)]
    scenarios += [
        (f"planned: {k} outlets × {m} articles per group", k, k, k * m, k * m) for k, m in plans
    ]
    rows = []
    for name, oa, ob, na, nb in scenarios:
        eff_a, deff_a = effective_n(na, oa, icc)
        eff_b, deff_b = effective_n(nb, ob, icc)
        mdd = minimum_detectable_difference(na, nb, oa, ob, base, icc, alpha, power)
        if math.isinf(mdd):
            note = (
                f"{oa} vs {ob} outlets cannot give p < {alpha:g}: no difference is detectable"
                if min(oa, ob) > 0
                else "a group is empty"
            )
        elif math.isnan(mdd):
            note = "not even a share of 100% would be detected"
        else:
            note = (
                f"a difference of {100 * mdd:.0f} points above {100 * base:.0f}% is detected "
                f"{100 * power:.0f}% of the time"
            )
        rows.append(
            {
                "scenario": name,
                "outlets_a": oa,
                "outlets_b": ob,
                "n_a": na,
                "n_b": nb,
                "icc": icc,
                "icc_source": source,
                "design_effect_a": deff_a,
                "design_effect_b": deff_b,
                "n_eff_a": eff_a,
                "n_eff_b": eff_b,
                "base_share": base,
                "alpha": alpha,
                "power": power,
                "min_detectable_diff": mdd,
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=POWER_COLUMNS)

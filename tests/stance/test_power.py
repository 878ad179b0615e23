"""Minimum detectable difference with the design effect of outlets."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from helpers.stance.contrast import ComparisonDesign
from helpers.stance.power import effective_n, minimum_detectable_difference, power_table


def test_effective_n_is_n_over_the_design_effect() -> None:
    n_eff, deff = effective_n(400, 10, 0.05)
    assert deff == pytest.approx(1 + 39 * 0.05) and n_eff == pytest.approx(400 / 2.95)


def test_minimum_detectable_difference_by_hand() -> None:
    # h = (z_.975 + z_.8)·√(2/n_eff), n_eff = 400/2.95; p1 = sin²(asin √0.3 + h/2)
    n_eff = 400 / 2.95
    h = (stats.norm.ppf(0.975) + stats.norm.ppf(0.8)) * math.sqrt(2 / n_eff)
    expected = math.sin(math.asin(math.sqrt(0.3)) + h / 2) ** 2 - 0.3
    got = minimum_detectable_difference(400, 400, 10, 10, 0.3, icc=0.05)
    assert got == pytest.approx(expected, rel=0.01)
    # clustering costs power: ignoring it claims a smaller detectable difference
    assert minimum_detectable_difference(400, 400, 10, 10, 0.3, icc=0.0) < got


def test_three_vs_two_outlets_detect_nothing() -> None:
    assert math.isinf(minimum_detectable_difference(300, 200, 3, 2, 0.3))


def test_power_table_for_the_corpus_and_plans() -> None:
    design = ComparisonDesign("lang", "he", "ar", 3, 2, 3, 2, True, "outlet", 0.1, 0.05)
    contrast = pd.DataFrame(
        {
            "in_family": [True],
            "a_with": [1],
            "b_with": [1],
            "n_a": [3],
            "n_b": [2],
            "icc": [float("nan")],
        }
    )
    table = power_table(design, contrast, plans=[(10, 40)])
    assert table["scenario"].tolist() == [
        "this corpus",
        "planned: 10 outlets × 40 articles per group",
    ]
    assert (
        math.isinf(table.loc[0, "min_detectable_diff"]) and "cannot give p" in table.loc[0, "note"]
    )
    assert table.loc[1, "icc_source"] == "assumed" and table.loc[1, "base_share"] == pytest.approx(
        0.4
    )
    assert 0 < table.loc[1, "min_detectable_diff"] < 0.3

"""helpers.claims.agreement: Krippendorff's α (nominal) against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.claims.agreement import (
    agreement,
    alpha_nominal,
    decision_matrix,
    interpret_alpha,
    krippendorff_alpha,
)


def test_alpha_two_coders_hand_computed() -> None:
    """Two coders, six binary units:

        A: 1 1 0 0 1 0
        B: 1 0 0 0 1 1

    Each unit has m_u = 2 values, so each ordered pair adds 1/(2-1) = 1 to the coincidence
    matrix: units 1 and 5 give o11 = 2 + 2 = 4; units 3 and 4 give o00 = 4; units 2 and 6
    (disagreements) give o10 = 2, o01 = 2. So n1 = 4 + 2 = 6, n0 = 6, n = 12.
    α = 1 − (n − 1)·(o01 + o10) / (n0·n1 + n1·n0) = 1 − 11·4 / 72 = 1 − 44/72 = 7/18 ≈ 0.3889.
    """
    data = [[1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]]
    assert alpha_nominal(data) == pytest.approx(7 / 18, abs=1e-12)
    assert krippendorff_alpha(data) == pytest.approx(7 / 18, abs=1e-12)
    assert interpret_alpha(7 / 18) == "unreliable"


def test_alpha_with_missing_values_hand_computed() -> None:
    """Three coders, three units, NaN = missing:

        A: 1   1   nan
        B: 1   0   0
        C: nan 1   0

    Unit 1: values (1, 1), m = 2 → o11 += 2.
    Unit 2: values (1, 0, 1), m = 3 → ordered pairs: 1–1 twice (A–C, C–A), 1–0 twice, 0–1
    twice; each weighs 1/2 → o11 += 1, o10 += 1, o01 += 1.
    Unit 3: values (0, 0), m = 2 → o00 += 2.
    o11 = 3, o10 = o01 = 1, o00 = 2; n1 = 4, n0 = 3, n = 7.
    α = 1 − 6·2 / (2·4·3) = 1 − 12/24 = 0.5.
    """
    nan = float("nan")
    data = [[1, 1, nan], [1, 0, 0], [nan, 1, 0]]
    assert alpha_nominal(data) == pytest.approx(0.5, abs=1e-12)
    assert krippendorff_alpha(data) == pytest.approx(0.5, abs=1e-12)


def test_perfect_and_undefined() -> None:
    assert krippendorff_alpha([[1, 0, 1, 0], [1, 0, 1, 0]]) == pytest.approx(1.0)
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))
    assert interpret_alpha(float("nan")) == "undefined"


@pytest.mark.parametrize(
    ("alpha", "label"),
    [
        (0.95, "reliable"),
        (0.8, "reliable"),
        (0.79, "tentative"),
        (0.667, "tentative"),
        (0.666, "unreliable"),
        (-0.2, "unreliable"),
    ],
)
def test_interpret_alpha(alpha: float, label: str) -> None:
    assert interpret_alpha(alpha) == label


def test_decision_matrix_and_agreement_on_mentions() -> None:
    # two reviewed sentences × claims {A, B}: units (s0,A) (s0,B) (s1,A) (s1,B)
    units = pd.DataFrame({"doc_id": ["d", "d"], "sent_idx": [0, 1]})
    tagger = pd.DataFrame({"doc_id": ["d", "d"], "sent_idx": [0, 1], "claim_id": ["A", "A"]})
    reviewer = pd.DataFrame(
        {"doc_id": ["d", "d", "x"], "sent_idx": [0, 1, 5], "claim_id": ["A", "B", "A"]}
    )
    matrix = decision_matrix([tagger, reviewer], units, ["A", "B"])
    np.testing.assert_array_equal(matrix, [[1, 0, 1, 0], [1, 0, 0, 1]])
    result = agreement(tagger, reviewer, units, ["A", "B"])
    # A: 1 0 1 0 / B: 1 0 0 1 → o11 = 2, o00 = 2, o10 = o01 = 2; n1 = n0 = 4, n = 8:
    # α = 1 − 7·4 / (2·16) = 1 − 28/32 = 0.125
    assert result["alpha"] == pytest.approx(0.125)
    assert result["n_decisions"] == 4 and result["n_sentences"] == 2
    assert result["n_positive_a"] == 2 and result["n_positive_b"] == 2
    assert result["interpretation"] == "unreliable"

"""Inter-annotator agreement on claim decisions: Krippendorff's α (nominal).

Units are sentence × claim decisions: for every reviewed sentence and every claim id, each
coder (the tagger, a reviewer) decided 1 (the sentence carries the claim) or 0. α is computed
with the ``krippendorff`` package and cross-checked against :func:`alpha_nominal`, a small pure
implementation of the coincidence-matrix formula (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability"):

    o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1)     (units with m_u ≥ 2)
    n_c = Σ_k o_ck,  n = Σ_c n_c
    α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k

α is undefined (NaN) when fewer than two values occur at all (every decision the same).
:func:`interpret_alpha` follows Krippendorff's thresholds: ≥ 0.8 reliable, ≥ 0.667 tentative.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import krippendorff
import numpy as np
import pandas as pd

from helpers.claims.mention_table import mention_keys

__all__ = [
    "alpha_nominal",
    "krippendorff_alpha",
    "interpret_alpha",
    "decision_matrix",
    "agreement",
]


def alpha_nominal(reliability_data: np.ndarray | list[list[float]]) -> float:
    """Krippendorff's α for nominal data; rows = coders, columns = units, NaN = missing."""
    data = np.asarray(reliability_data, dtype=float)
    if data.ndim != 2:
        raise ValueError("reliability_data must be 2-D (coders × units)")
    values = np.unique(data[~np.isnan(data)])
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in data.T:
        present = unit[~np.isnan(unit)]
        m = len(present)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[index[present[i]], index[present[j]]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    expected = n_c.sum() ** 2 - (n_c**2).sum()  # Σ_{c≠k} n_c n_k
    if len(values) < 2 or expected == 0:
        return float("nan")
    observed = o.sum() - np.trace(o)  # Σ_{c≠k} o_ck
    return float(1.0 - (n - 1) * observed / expected)


def krippendorff_alpha(reliability_data: np.ndarray | list[list[float]]) -> float:
    """α (nominal) from the ``krippendorff`` package, checked against :func:`alpha_nominal`
    (raises ``AssertionError`` if they differ by more than 1e-9); NaN when undefined."""
    data = np.asarray(reliability_data, dtype=float)
    pure = alpha_nominal(data)
    if math.isnan(pure):
        return pure
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert abs(value - pure) < 1e-9, f"krippendorff {value} != pure implementation {pure}"
    return value


def interpret_alpha(alpha: float) -> str:
    """``"reliable"`` (α ≥ 0.8), ``"tentative"`` (≥ 0.667), ``"unreliable"`` otherwise;
    ``"undefined"`` for NaN (no variation in the decisions)."""
    if alpha is None or math.isnan(alpha):
        return "undefined"
    if alpha >= 0.8:
        return "reliable"
    if alpha >= 0.667:
        return "tentative"
    return "unreliable"


def decision_matrix(
    coders: list[pd.DataFrame], units: pd.DataFrame, claim_ids: Iterable[str]
) -> np.ndarray:
    """Coders × (sentence × claim) matrix of 0/1 decisions.

    ``coders`` are mentions tables (``doc_id, sent_idx, claim_id``); ``units`` the reviewed
    sentences (``doc_id, sent_idx``; with an ``annotator`` column, pass one coder's own rows
    or the intersection). A coder decided 1 for (sentence, claim) when it has a mention of the
    claim in the sentence.
    """
    claims = list(dict.fromkeys(claim_ids))
    keys = list(dict.fromkeys(zip(units["doc_id"].astype(str), units["sent_idx"].astype(int))))
    rows = []
    for mentions in coders:
        have = mention_keys(mentions)
        rows.append([1.0 if (d, s, c) in have else 0.0 for d, s in keys for c in claims])
    return np.asarray(rows, dtype=float).reshape(len(coders), len(keys) * len(claims))


def agreement(
    a: pd.DataFrame, b: pd.DataFrame, units: pd.DataFrame, claim_ids: Iterable[str]
) -> dict[str, Any]:
    """α between two coders' mentions over ``units`` × ``claim_ids``: ``{alpha, interpretation,
    n_sentences, n_decisions, n_positive_a, n_positive_b}``."""
    claims = list(dict.fromkeys(claim_ids))
    matrix = decision_matrix([a, b], units, claims)
    alpha = krippendorff_alpha(matrix)
    return {
        "alpha": alpha,
        "interpretation": interpret_alpha(alpha),
        "n_sentences": matrix.shape[1] // max(len(claims), 1),
        "n_decisions": int(matrix.shape[1]),
        "n_positive_a": int(matrix[0].sum()),
        "n_positive_b": int(matrix[1].sum()),
    }

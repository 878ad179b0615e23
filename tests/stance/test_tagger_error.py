"""Tagger error from a weighted validation sample, and prevalence corrected for it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.claims.validation import draw_validation_sample
from helpers.stance.simulate import reviewed_sample, tagger_error_corpus
from helpers.stance.tagger_error import corrected_contrast, error_rates

CLAIMS = pd.DataFrame({"claim_id": ["C"], "en": ["c"], "frame": ["f"]})


def test_error_rates_weighted_by_hand() -> None:
    # four reviewed sentences of one language:
    #   T H w: (1,1,1) (1,0,1) (0,1,4) (0,0,4)
    outcomes = pd.DataFrame(
        {
            "claim_id": ["C"] * 4,
            "lang": ["he"] * 4,
            "weight": [1.0, 1.0, 4.0, 4.0],
            "tagger": [True, True, False, False],
            "human": [True, False, True, False],
        }
    )
    row = error_rates(outcomes, CLAIMS).iloc[0]
    assert row.sensitivity == pytest.approx(1 / (1 + 4))  # Σw·T·H / Σw·H
    assert row.specificity == pytest.approx(4 / (1 + 4))
    assert row.ppv == pytest.approx(1 / 2) and row.npv == pytest.approx(4 / 8)
    # Wilson on Kish's n_eff = (Σw)²/Σw² = 25/17 for sensitivity
    n_eff, p, z = 25 / 17, 0.2, stats.norm.ppf(0.975)
    centre = (p + z * z / (2 * n_eff)) / (1 + z * z / n_eff)
    half = z / (1 + z * z / n_eff) * np.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff**2))
    assert (row.sensitivity_low, row.sensitivity_high) == pytest.approx(
        (centre - half, centre + half)
    )
    assert (row.n_reviewed, row.n_true, row.n_found) == (4, 2, 2)


def _corpus_with_tagger_error(recall: dict[str, float], seed: int = 0):
    """400 articles per language in 10 outlets, one actor-naming sentence each; the claim is
    truly in 30 % of them in both languages; the tagger finds it with the given recall and
    never falsely."""
    return tagger_error_corpus(np.random.default_rng(seed), recall)


def test_correction_removes_a_gap_made_by_unequal_recall() -> None:
    docs, frame, mentions, truth = _corpus_with_tagger_error({"he": 0.9, "ar": 0.6})
    sample = draw_validation_sample(frame, n=240, seed=2)
    outcomes = reviewed_sample(sample, mentions, truth)
    rates = error_rates(outcomes, CLAIMS).set_index("lang")
    assert rates.loc["he", "sensitivity"] == pytest.approx(0.9, abs=0.1)
    assert rates.loc["ar", "sensitivity"] == pytest.approx(0.6, abs=0.12)
    assert rates.loc["he", "ppv"] == 1.0 and rates.loc["he", "ppv_low"] < 1.0
    table = corrected_contrast(docs, frame, mentions, outcomes, CLAIMS, n_boot=200)
    row = table.iloc[0]
    assert row.corrected
    # raw: 0.27 vs 0.18 — a gap made by the tagger alone
    assert row.raw_share_a - row.raw_share_b > 0.05
    assert row.share_a == pytest.approx(0.3, abs=0.05)
    assert row.share_b == pytest.approx(0.3, abs=0.05)
    assert row.diff_low < 0 < row.diff_high
    assert row.share_a_low < row.share_a < row.share_a_high


def test_without_a_validation_sample_it_says_the_tagger_is_assumed_perfect() -> None:
    docs, frame, mentions, _ = _corpus_with_tagger_error({"he": 0.9, "ar": 0.6})
    table = corrected_contrast(docs, frame, mentions, pd.DataFrame(), CLAIMS)
    row = table.iloc[0]
    assert not row.corrected and "assume a perfect tagger" in row.note
    assert np.isnan(row.share_a) and row.raw_share_a > 0


def test_corrected_prevalence_has_the_prevalence_shape() -> None:
    from helpers.stance.compare import prevalence
    from helpers.stance.tagger_error import corrected_prevalence

    docs, frame, mentions, truth = _corpus_with_tagger_error({"he": 0.9, "ar": 0.6})
    outcomes = reviewed_sample(draw_validation_sample(frame, n=240, seed=2), mentions, truth)
    corrected = corrected_contrast(docs, frame, mentions, outcomes, CLAIMS, n_boot=50)
    prev = prevalence(docs, mentions, CLAIMS)
    fig_table = corrected_prevalence(corrected, prev).set_index("group")
    assert list(fig_table.columns) == [c for c in prev.columns if c != "group"]
    assert (fig_table["ci_method"] == "corrected").all()
    assert fig_table.loc["he", "share"] == corrected.loc[0, "share_a"]
    assert fig_table.loc["ar", "n_with_claim"] == prev.set_index("group").loc["ar", "n_with_claim"]
    empty = corrected_contrast(docs, frame, mentions, pd.DataFrame(), CLAIMS)
    assert len(corrected_prevalence(empty, prev)) == 0

"""Article-level log-odds of codebook concepts, calibrated by permuting outlets."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers.stance import log_odds as log_odds_module
from helpers.stance.log_odds import concept_log_odds, log_odds_dirichlet

# he: 4 articles, claim A in 3; ar: 4 articles, A in 1. Every article its own outlet.
DOCS = pd.DataFrame(
    {
        "doc_id": [f"h{i}" for i in range(4)] + [f"a{i}" for i in range(4)],
        "lang": ["he"] * 4 + ["ar"] * 4,
    }
)
MENTIONS = pd.DataFrame(
    {
        # h0 repeats A five times: one article, counted once
        "doc_id": ["h0"] * 5 + ["h1", "h2", "a0"],
        "claim_id": ["A"] * 8,
        "negated": [False] * 8,
    }
)


def test_worked_example_counts_articles_not_mentions() -> None:
    """π_A = 4/8 and prior_n = 2 → α = β = 1:
    δ = log(4/2) − log(2/4) = 2·log 2, σ² = 1/4 + 1/2 + 1/2 + 1/4 = 1.5."""
    row = concept_log_odds(DOCS, MENTIONS, prior_n=2.0).set_index("concept").loc["claim:A"]
    assert (row.count_a, row.count_b, row.n_a, row.n_b) == (3, 1, 4, 4)
    assert row.delta == pytest.approx(2 * math.log(2))
    assert row.variance == pytest.approx(1.5)
    assert row.z_analytic == pytest.approx(2 * math.log(2) / math.sqrt(1.5))
    # 70 labellings of 8 outlets into 4 + 4; |δ*| ≥ |δ| when he gets 0, 1, 3 or 4 of the
    # four carriers: (1 + 16 + 16 + 1) / 70
    assert row.n_labellings == 70 and row.unit == "outlet"
    assert row.p_perm == pytest.approx(34 / 70)
    assert 0 < row.z < row.z_analytic + 1


def test_negated_mentions_do_not_count_and_vocabularies_are_separate() -> None:
    negated = MENTIONS.assign(negated=[False] * 5 + [True, True, False])
    row = concept_log_odds(DOCS, negated).set_index("concept").loc["claim:A"]
    assert (row.count_a, row.count_b) == (1, 1)
    claims_only = concept_log_odds(DOCS, MENTIONS).set_index("concept")
    actors = pd.DataFrame({"doc_id": ["h0", "a1", "a2"], "actor_id": ["X", "X", "Y"]})
    both = concept_log_odds(DOCS, MENTIONS, actors).set_index("concept")
    assert {"actor:X", "actor:Y"} <= set(both.index)
    # adding actors does not move a claim's score
    assert both.loc["claim:A", "delta"] == claims_only.loc["claim:A", "delta"]
    assert both.loc["claim:A", "z"] == claims_only.loc["claim:A", "z"]


def test_background_prior_uses_every_article_of_the_run() -> None:
    docs = pd.concat(
        [DOCS, pd.DataFrame({"doc_id": ["f0", "f1"], "lang": ["fa", "fa"]})], ignore_index=True
    )
    ments = pd.concat(
        [MENTIONS, pd.DataFrame({"doc_id": ["f0", "f1"], "claim_id": ["A", "A"], "negated": False})]
    )
    row = concept_log_odds(docs, ments).set_index("concept").loc["claim:A"]
    assert row.background_share == pytest.approx(6 / 10)  # Persian articles in the background
    assert (row.n_a, row.n_b) == (4, 4)  # but not in the comparison


# --------------------------------------------------------------------------- log-odds


def test_log_odds_dirichlet_worked_example() -> None:
    """counts_a = {X: 3, Y: 1}, counts_b = {X: 1, Y: 3}, prior α = {X: 1, Y: 1}:
    n_a = n_b = 4, α_0 = 2.
    δ_X = log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log(4/2) - log(2/4) = 2·ln 2 = 1.386294
    σ²_X = 1/4 + 1/2 + 1/2 + 1/4 = 1.5 ; z_X = 1.386294 / √1.5 = 1.131905 ; Y is the mirror.
    Second case, scalar prior 0.5, counts_a = {X: 2}, counts_b = {Y: 2}: α_0 = 1, n = 2,
    δ_X = log(2.5/0.5) - log(0.5/2.5) = 2·ln 5 = 3.218876, σ² = 0.4 + 2 + 2 + 0.4 = 4.8,
    z = 3.218876 / 2.190890 = 1.469209."""
    lo = log_odds_dirichlet({"X": 3, "Y": 1}, {"X": 1, "Y": 3}, {"X": 1, "Y": 1})
    lo = lo.set_index("concept")
    assert lo.loc["X", "delta"] == pytest.approx(1.386294, abs=1e-6)
    assert lo.loc["X", "variance"] == pytest.approx(1.5)
    assert lo.loc["X", "z"] == pytest.approx(1.131905, abs=1e-6)
    assert lo.loc["Y", "z"] == pytest.approx(-1.131905, abs=1e-6)
    lo2 = log_odds_dirichlet({"X": 2}, {"Y": 2}, 0.5).set_index("concept")
    assert lo2.loc["X", "delta"] == pytest.approx(3.218876, abs=1e-6)
    assert lo2.loc["X", "variance"] == pytest.approx(4.8)
    assert lo2.loc["X", "z"] == pytest.approx(1.469209, abs=1e-6)


def test_log_odds_dirichlet_is_the_binomial_formula_with_beta_alpha0_minus_alpha(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One copy of the formula: the Dirichlet (multinomial) log-odds calls
    ``log_odds_binomial`` with n = the group totals and β = α_0 − α. Counts {X: 3, Y: 1} vs
    {X: 1, Y: 3}, α = {X: 1, Y: 1}: n_a = n_b = 4, α_0 = 2 → β = [1, 1]."""
    calls: list[tuple[object, ...]] = []
    real = log_odds_module.log_odds_binomial

    def spy(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(log_odds_module, "log_odds_binomial", spy)
    log_odds_dirichlet({"X": 3, "Y": 1}, {"X": 1, "Y": 3}, {"X": 1, "Y": 1})
    assert len(calls) == 1
    y_a, n_a, y_b, n_b, alpha, beta = calls[0]
    assert list(y_a) == [3.0, 1.0] and list(y_b) == [1.0, 3.0]  # type: ignore[call-overload]
    assert float(n_a) == 4.0 and float(n_b) == 4.0  # type: ignore[arg-type]
    assert list(alpha) == [1.0, 1.0] and list(beta) == [1.0, 1.0]  # type: ignore[call-overload]


def test_stance_has_one_copy_of_the_log_odds_formula() -> None:
    """The posterior log-odds variance ``1/pa + 1/qa + 1/pb + 1/qb`` is written once in
    helpers/stance (it was written twice: compare.log_odds_dirichlet and here)."""
    stance = Path(log_odds_module.__file__).parent
    hits = [
        p.name
        for p in sorted(stance.glob("*.py"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if "1 / pa + 1 / qa" in line
    ]
    assert hits == ["log_odds.py"]

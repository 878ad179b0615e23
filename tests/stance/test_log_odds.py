"""Article-level log-odds of codebook concepts, calibrated by permuting outlets."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.stance.log_odds import concept_log_odds

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

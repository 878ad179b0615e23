"""The confirmatory comparison on hand-made and synthetic multi-outlet corpora."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.stance import contrast, per_article
from helpers.stance.simulate import synthetic_corpus

CLAIMS = pd.DataFrame(
    {"claim_id": ["PLANTED", "SAME", "NOBODY"], "en": ["p", "s", "n"], "frame": ["f"] * 3}
)

SEEDS_LIKE = pd.DataFrame(
    {
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "lang": ["he", "he", "he", "ar", "ar"],
        "outlet_name": ["Walla", "Epoch", "TRT Hebrew", "unknown", "Techno Plus"],
        "published": ["2026-03-21", "2024-10-24", "2025-12-31", None, "2025-05-14"],
    }
)


def test_three_vs_two_outlets_say_plainly_that_no_conclusion_is_possible() -> None:
    design = contrast.comparison_design(SEEDS_LIKE, "lang", "he", "ar")
    assert (design.outlets_a, design.outlets_b, design.unit) == (3, 2, "outlet")
    assert design.min_p == pytest.approx(0.1) and not design.can_conclude
    text = design.sentence()
    assert "3 vs 2 outlets allow only 10 labellings" in text
    assert "cannot support any conclusion about he vs ar outlets" in text


def test_comparing_two_outlets_uses_their_articles() -> None:
    docs, _ = synthetic_corpus({"X": (0.5, 0.5)}, n_outlets=(1, 1), per_outlet=30)
    design = contrast.comparison_design(docs, "outlet_name", "he-outlet-00", "ar-outlet-00")
    assert design.unit == "article" and design.can_conclude


def _significant(docs, mentions) -> dict[str, bool]:
    table = contrast.two_group_contrast(docs, mentions, CLAIMS, n_perm=2000, n_boot=500)
    return dict(zip(table["claim_id"], table["significant"])), table


def test_synthetic_corpus_planted_difference_is_found_and_null_is_not() -> None:
    shares = {"PLANTED": (0.15, 0.55), "SAME": (0.3, 0.3)}
    docs, mentions = synthetic_corpus(shares, n_outlets=(10, 10), per_outlet=30, seed=4)
    sig, table = _significant(docs, mentions)
    assert sig == {"PLANTED": True, "SAME": False, "NOBODY": False}
    row = table.set_index("claim_id")
    assert row.loc["PLANTED", "test"] == "outlet permutation"
    assert (
        row.loc["PLANTED", "outlet_diff_low"] < 0.15 - 0.55 < row.loc["PLANTED", "outlet_diff_high"]
    )
    assert row.loc["PLANTED", "gee_p"] < 0.05 and row.loc["SAME", "gee_p"] > 0.01
    # the claim nobody asserts is reported but is not in the Holm family
    assert not row.loc["NOBODY", "in_family"] and np.isnan(row.loc["NOBODY", "p_holm"])
    assert "not tested" in row.loc["NOBODY", "conclusion"]
    assert "more frequent in ar" in row.loc["PLANTED", "conclusion"]


def test_negated_only_mentions_do_not_carry_a_claim() -> None:
    docs, mentions = synthetic_corpus({"SAME": (0.3, 0.3)}, n_outlets=(4, 4), per_outlet=5)
    negated = mentions.assign(negated=True)
    table = contrast.two_group_contrast(docs, negated, CLAIMS, n_boot=100)
    assert (table["a_with"] == 0).all() and (table["b_with"] == 0).all()
    status = per_article.claim_status_counts(docs, negated, CLAIMS)
    same = status[status.claim_id == "SAME"].set_index("group")
    assert same["negated"].sum() == len(mentions) and same["asserted"].sum() == 0


def test_per_article_voices_count_articles_not_mentions() -> None:
    docs = SEEDS_LIKE
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1"] * 5 + ["d4"],
            "sent_idx": [0, 1, 2, 3, 4, 0],
            "claim_id": ["PLANTED"] * 6,
            "negated": [False] * 6,
            "hedged": [True] * 5 + [False],
            "speaker": ["MEDIA:X"] * 5 + ["OUTLET"],
        }
    )
    voices = per_article.article_voices(docs, mentions).set_index(["group", "voice"])
    # five relayed mentions in one Hebrew article are one article of one
    assert voices.loc[("he", "media"), ["n_with", "n_docs"]].tolist() == [1, 1]
    assert voices.loc[("ar", "outlet"), ["n_with", "n_docs"]].tolist() == [1, 1]
    assert voices.loc[("ar", "media"), "n_with"] == 0
    assert voices.loc[("ar", "media"), "ci_high"] > 0  # Wilson: never collapses to [0, 0]
    hedging = per_article.article_hedging(docs, mentions).set_index("group")
    assert hedging.loc["he", "share"] == 1.0 and hedging.loc["ar", "share"] == 0.0


def test_language_contrast_tests_outlets_not_articles() -> None:
    # 3 vs 3 outlets × 100 articles, claim in 10 % vs 60 %: Fisher on the 300 vs 300 articles
    # would give p ≈ 1e-40. With outlets as the unit there are C(6,3) = 20 labellings; the
    # observed split (every a-outlet below every b-outlet) and its mirror are the two most
    # extreme, so the exact permutation p is 2/20 = 0.1 and nothing can be significant.
    docs, mentions = synthetic_corpus(
        {"PLANTED": (0.1, 0.6)}, n_outlets=(3, 3), per_outlet=100, icc=0.01, seed=1
    )
    table = contrast.two_group_contrast(docs, mentions, CLAIMS, n_boot=100).set_index("claim_id")
    row = table.loc["PLANTED"]
    counts = [[row.a_with, 300 - row.a_with], [row.b_with, 300 - row.b_with]]
    assert stats.fisher_exact(counts).pvalue < 1e-10  # what the article-level test would say
    assert row.test == "outlet permutation"
    assert row.p_value == pytest.approx(0.1) and row.min_p == pytest.approx(0.1)
    assert not row.significant and "cannot reach significance" in row.conclusion


def test_comparison_tables_are_the_captioned_ones_and_leave_reviewer_mentions_out() -> None:
    from helpers.claims.codebook import load_codebook
    from helpers.claims.validation import OUTCOME_COLUMNS
    from helpers.core.paths import PROJECT_ROOT
    from helpers.stance.tables import TABLE_CAPTIONS, comparison_tables

    cb = load_codebook(PROJECT_ROOT / "codebook" / "russia_iran.yaml")
    claim = cb.claims[0].id
    docs, mentions = synthetic_corpus({claim: (0.2, 0.6)}, n_outlets=(4, 4), per_outlet=10)
    design = contrast.comparison_design(docs, "lang", "he", "ar")
    rest = (pd.DataFrame(), pd.DataFrame(columns=OUTCOME_COLUMNS), design)
    tables = comparison_tables(cb, docs, mentions, *rest, n_boot=100)
    assert sorted(f"cmp_{name}" for name in tables) == sorted(TABLE_CAPTIONS)
    # a reviewer's label on an article the tagger left empty changes no statistic
    empty_doc = next(d for d in docs["doc_id"] if d not in set(mentions["doc_id"]))
    human = mentions.head(1).assign(doc_id=empty_doc, method="human")
    with_human = comparison_tables(cb, docs, pd.concat([mentions, human]), *rest, n_boot=100)
    pd.testing.assert_frame_equal(with_human["contrast"], tables["contrast"])
    assert with_human["contrast"].loc[0, "a_with"] + with_human["contrast"].loc[0, "b_with"] == (
        mentions["doc_id"].nunique()
    )

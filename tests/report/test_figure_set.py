"""helpers.report.figure_set: which prevalence table notebook 04 draws and how its caption
names the intervals, and the comparison's grouping column."""

from __future__ import annotations

import pandas as pd

from helpers.report.figure_set import FIGURE_TABLES, compared_by, prevalence_to_draw

PREVALENCE = pd.DataFrame({"by": ["outlet_name"], "ci_method": ["wilson"], "share": [0.5]})


def test_the_tagger_shares_are_drawn_without_a_reviewed_validation_sample() -> None:
    table, source, words = prevalence_to_draw(PREVALENCE, PREVALENCE.iloc[0:0])
    assert table is PREVALENCE and source == "cmp_prevalence" and words == "Wilson 95% CIs"
    exact = PREVALENCE.assign(ci_method="exact")
    assert prevalence_to_draw(exact, exact.iloc[0:0])[2] == "exact 95% CIs"


def test_shares_corrected_for_tagger_error_are_drawn_when_notebook_03_made_them() -> None:
    corrected = PREVALENCE.assign(ci_method="corrected", share=0.4)
    table, source, words = prevalence_to_draw(PREVALENCE, corrected)
    assert table is corrected and source == "cmp_prevalence_corrected"
    assert words == ("95% CIs corrected for tagger error (validation sample and outlets resampled)")


def test_a_table_without_ci_method_is_the_old_article_bootstrap() -> None:
    old = PREVALENCE.drop(columns=["ci_method"])
    assert prevalence_to_draw(old, old.iloc[0:0])[2] == "bootstrap 95% CIs (articles resampled)"


def test_compared_by_reads_the_prevalence_table_and_defaults_to_language() -> None:
    assert compared_by(PREVALENCE) == "outlet_name"
    assert compared_by(PREVALENCE.iloc[0:0]) == "lang"


def test_the_corrected_prevalence_is_lineage_checked_with_the_other_tables() -> None:
    """Notebook 04 reads (and checks the lineage of) every table it may draw from; the
    corrected shares were read unchecked before."""
    assert "cmp_prevalence_corrected" in FIGURE_TABLES
    assert {"documents", "sentences", "mentions", "cmp_prevalence", "cmp_log_odds"} <= set(
        FIGURE_TABLES
    )

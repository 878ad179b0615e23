"""Stance comparison: statistics between groups of articles and the plain-language summary.

The public names of the modules below are re-exported here."""

from helpers.stance.compare import (
    UNKNOWN_GROUP,
    claims_frame,
    concept_log_odds,
    doc_claims,
    evidence_table,
    fisher_pvalues_for_margins,
    fisher_tests,
    frame_composition,
    hedging_rate,
    holm,
    log_odds_dirichlet,
    min_achievable_p,
    prevalence,
    relay_chains,
    small_sample_warning,
    voice_of,
    voices,
)
from helpers.stance.summary import (
    comparison_summary,
    summary_html,
)

__all__ = [
    "UNKNOWN_GROUP",
    "claims_frame",
    "doc_claims",
    "prevalence",
    "holm",
    "fisher_pvalues_for_margins",
    "min_achievable_p",
    "fisher_tests",
    "small_sample_warning",
    "frame_composition",
    "voice_of",
    "voices",
    "hedging_rate",
    "relay_chains",
    "log_odds_dirichlet",
    "concept_log_odds",
    "evidence_table",
    "comparison_summary",
    "summary_html",
]

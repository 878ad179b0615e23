"""Names and one-line descriptions of the tables notebook 03 writes to the run folder.

Every table is written as ``<run_dir>/cmp_<name>.parquet``; :data:`TABLE_CAPTIONS` is recorded
in ``manifest.json`` (``steps.03_compare_stance.table_captions``) so the report can caption
each table it shows, and it says which tables are *confirmatory* and which are descriptive.
"""

from __future__ import annotations

__all__ = ["TABLE_CAPTIONS", "table_caption"]

#: ``cmp_<name>`` → one-line caption (confirmatory tables say so; all others are descriptive).
TABLE_CAPTIONS: dict[str, str] = {
    "cmp_design": "What the data can support: articles and outlets per compared group, the "
    "unit of the test and the smallest p-value it can reach.",
    "cmp_contrast": "CONFIRMATORY: per claim, group a vs b — Wilson shares, outlet-weighted "
    "shares, risk difference (Newcombe and outlet-clustered bootstrap), conditional odds "
    "ratio (exact), outlet-level test, Holm over the claims some article asserts; GEE and "
    "Cochran–Mantel–Haenszel over periods as sensitivity analyses.",
    "cmp_doc_claims": "Descriptive: one row per article × claim — asserted / negated / absent, "
    "mentions, hedging and speakers.",
    "cmp_prevalence": "Descriptive: share of articles asserting each claim per group, Wilson "
    "95% CI, and the outlet-weighted share.",
    "cmp_prevalence_outlet": "Descriptive: share of articles asserting each claim per outlet, "
    "Wilson 95% CI.",
    "cmp_claim_status": "Descriptive: articles per group asserting, negating or not mentioning "
    "each claim.",
    "cmp_frames_outlet": "Descriptive: frame composition of the claims each outlet asserts.",
    "cmp_frames_group": "Descriptive: frame composition per compared group.",
    "cmp_frames_doc": "Descriptive: frame composition per article.",
    "cmp_voices": "Descriptive: mentions per speaker and claim (mention counts: long articles "
    "weigh more).",
    "cmp_voices_article": "Descriptive: share of claim-carrying articles per group that give a "
    "claim in each voice (outlet, relayed media, named actor), outlet-clustered 95% CI.",
    "cmp_hedging": "Descriptive: hedged and negated shares of mentions per group and claim.",
    "cmp_hedging_article": "Descriptive: share of claim-carrying articles per group with a "
    "hedged claim, outlet-clustered 95% CI.",
    "cmp_hedging_outlet": "Descriptive: hedged and negated shares of mentions per outlet.",
    "cmp_relay_chains": "Descriptive: claims an article relays from another medium, with the "
    "medium's language.",
    "cmp_log_odds": "Descriptive: weighted log-odds of codebook concepts (articles carrying "
    "them) between the two groups, z calibrated by permuting outlets.",
    "cmp_tagger_error": "Tagger error per claim × language from the reviewed validation "
    "sample: weighted sensitivity, specificity, PPV and NPV with Wilson 95% CIs on the "
    "effective (Kish) sample size.",
    "cmp_corrected": "Prevalence and the group difference corrected for tagger error, with "
    "95% CIs that carry the validation sample's uncertainty.",
    "cmp_prevalence_corrected": "Share of articles carrying each claim corrected for tagger "
    "error (the prevalence figure draws these intervals when a validation sample exists).",
    "cmp_power": "Minimum detectable difference in share for the corpus at hand and for "
    "planned corpus sizes (design effect from the ICC).",
}


def table_caption(name: str) -> str:
    """The caption of ``name`` (with or without the ``cmp_`` prefix); ``""`` if unknown."""
    key = name if name.startswith("cmp_") else f"cmp_{name}"
    return TABLE_CAPTIONS.get(key, "")

"""The tables notebook 03 writes to the run folder: :func:`comparison_tables` builds them,
:data:`TABLE_CAPTIONS` names and describes each.

Every table is written as ``<run_dir>/cmp_<name>.parquet``; :data:`TABLE_CAPTIONS` is recorded
in ``manifest.json`` (``steps.03_compare_stance.table_captions``) so the report can caption
each table it shows, and it says which tables are *confirmatory* and which are descriptive.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.claims import validation
from helpers.claims.codebook import Codebook
from helpers.stance import compare, contrast, log_odds, per_article, power, tagger_error
from helpers.stance.contrast import ComparisonDesign

__all__ = ["TABLE_CAPTIONS", "comparison_tables", "table_caption", "table_captions"]

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


def table_captions(names: Iterable[str]) -> dict[str, str]:
    """``cmp_<name>`` → caption for each of ``names`` (as notebook 03's manifest records them;
    ``""`` for a table without one)."""
    return {f"cmp_{name}": table_caption(name) for name in names}


def comparison_tables(
    codebook: Codebook,
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    validation_outcomes: pd.DataFrame,
    design: ComparisonDesign,
    n_boot: int = 2000,
    seed: int = 20240101,
) -> dict[str, pd.DataFrame]:
    """Every table of notebook 03, ``name → frame`` (written as ``cmp_<name>``; the keys of
    :data:`TABLE_CAPTIONS` without the prefix), for ``design.by``: ``design.a`` vs
    ``design.b``.

    Every statistic describes the tagger's output on all articles: mentions a reviewer added
    (``method == "human"``) are left out, and human labels enter only through
    ``validation_outcomes`` (the reviewed validation sample of notebook 02, possibly empty),
    which drives the tagger-error correction — mixing them in would correct just the reviewed
    sentences. ``n_boot`` is the number of resamples of both bootstraps (the contrast's
    outlet-clustered one and the tagger-error correction's); ``seed`` seeds every bootstrap
    and permutation.
    """
    by, a, b = design.by, design.a, design.b
    claims = compare.claims_frame(codebook.claims)
    tagger_mentions = mentions[mentions["method"] != "human"]
    frame = (
        validation.sampling_frame(documents, sentences, tagger_mentions, codebook)
        if len(validation_outcomes)
        else None
    )
    media_lang = {
        media_id: medium.lang for media_id, medium in codebook.media.items() if medium.lang
    }
    m = tagger_mentions
    tables = {
        "design": pd.DataFrame([design.__dict__ | {"statement": design.sentence()}]),
        "contrast": contrast.two_group_contrast(
            documents, m, claims, by=by, a=a, b=b, n_boot=n_boot, seed=seed
        ),
        "tagger_error": tagger_error.error_rates(validation_outcomes, claims),
        "corrected": tagger_error.corrected_contrast(
            documents,
            frame,
            m,
            validation_outcomes,
            claims,
            by=by,
            a=a,
            b=b,
            n_boot=n_boot,
            seed=seed,
        ),
        "doc_claims": compare.doc_claims(documents, m, claims),
        "claim_status": per_article.claim_status_counts(documents, m, claims, by=by),
        "prevalence": compare.prevalence(documents, m, claims, by=by),
        "prevalence_outlet": compare.prevalence(documents, m, claims, by="outlet_name"),
        "frames_outlet": compare.frame_composition(documents, m, claims, by="outlet_name"),
        "frames_group": compare.frame_composition(documents, m, claims, by=by),
        "frames_doc": compare.frame_composition(documents, m, claims, by="doc_id"),
        "voices": compare.voices(documents, m, by=by),
        "voices_article": per_article.article_voices(documents, m, by=by),
        "hedging": compare.hedging_rate(documents, m, by=by),
        "hedging_article": per_article.article_hedging(documents, m, by=by),
        "hedging_outlet": compare.hedging_rate(documents, m, by="outlet_name", per_claim=False),
        "relay_chains": compare.relay_chains(documents, m, media_lang),
        "log_odds": log_odds.concept_log_odds(documents, m, by=by, a=a, b=b, seed=seed),
    }
    tables["power"] = power.power_table(design, tables["contrast"])
    tables["prevalence_corrected"] = tagger_error.corrected_prevalence(
        tables["corrected"], tables["prevalence"]
    )
    return tables

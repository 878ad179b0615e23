"""Article-level descriptions: claim status, voices and hedging counted per article.

Mention counts let long, repetitive articles dominate a group's shares; here every article
counts once. Shares come with outlet-clustered intervals
(:func:`helpers.stance.inference.clustered_share_interval`: Wilson on the effective sample
size given the within-outlet correlation), because articles of one outlet are not
independent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from helpers.stance import inference as inf
from helpers.stance.compare import (
    _bool,
    _group_labels,
    _mentions_in,
    _speaker,
    _voices,
    claims_frame,
    doc_claims,
)

__all__ = ["claim_status_counts", "article_voices", "article_hedging"]

VOICES = ("outlet", "media", "actor")


def claim_status_counts(
    documents: pd.DataFrame, mentions: pd.DataFrame, claims: Any, by: str = "lang"
) -> pd.DataFrame:
    """Articles per group × claim that assert, only negate, or do not mention the claim.

    Columns: ``by, group, claim_id, n_docs, asserted, negated, absent`` (counts of articles;
    see :func:`helpers.stance.compare.doc_claims` for the status rule).
    """
    dc = doc_claims(documents, mentions, claims)
    group_of = dict(zip(documents["doc_id"].astype(str), _group_labels(documents, by)))
    dc["group"] = dc["doc_id"].map(group_of)
    counts = (
        dc.groupby(["group", "claim_id", "status"], sort=True)
        .size()
        .unstack("status", fill_value=0)
        .reindex(columns=["asserted", "negated", "absent"], fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["n_docs"] = counts[["asserted", "negated", "absent"]].sum(axis=1)
    counts["by"] = by
    order = {c: i for i, c in enumerate(claims_frame(claims)["claim_id"])}
    counts = counts.sort_values(
        ["claim_id", "group"],
        key=lambda s: s.map(order) if s.name == "claim_id" else s,
        kind="mergesort",
    )
    cols = ["by", "group", "claim_id", "n_docs", "asserted", "negated", "absent"]
    return counts[cols].reset_index(drop=True).astype({c: "int64" for c in cols[3:]})


def _carrying_articles(
    documents: pd.DataFrame, mentions: pd.DataFrame, by: str, outlet_col: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Asserted mentions with group, and the articles carrying at least one claim."""
    m = _mentions_in(documents, mentions)
    if len(m) and "negated" in m:
        m = m[~_bool(m["negated"]).to_numpy()]
    docs = pd.DataFrame(
        {
            "doc_id": documents["doc_id"].astype(str).to_numpy(),
            "group": _group_labels(documents, by).to_numpy(),
            "cluster": inf.outlet_clusters(documents, outlet_col).to_numpy(),
        }
    )
    carrying = docs[docs["doc_id"].isin(set(m["doc_id"]))].reset_index(drop=True)
    return m, carrying


def _shares(
    carrying: pd.DataFrame, flag_docs: set[str], by: str, label: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = []
    for group, part in carrying.groupby("group", sort=True):
        x = part["doc_id"].isin(flag_docs).to_numpy(float)
        share, low, high = inf.clustered_share_interval(x, list(part["cluster"]))
        rows.append(
            {
                "by": by,
                "group": group,
                **label,
                "n_with": int(x.sum()),
                "n_docs": int(len(x)),
                "n_outlets": int(part["cluster"].nunique()),
                "share": share,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return rows


def article_voices(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    by: str = "lang",
    outlet_col: str = "outlet_name",
) -> pd.DataFrame:
    """Per group and voice: the share of claim-carrying articles that give at least one
    asserted claim in that voice (``outlet`` = own voice, ``media`` = relayed from another
    medium, ``actor`` = a named actor speaks). An article can count under several voices.

    Columns: ``by, group, voice, n_with, n_docs, n_outlets, share, ci_low, ci_high``
    (outlet-clustered Wilson interval).
    """
    m, carrying = _carrying_articles(documents, mentions, by, outlet_col)
    cols = ["by", "group", "voice", "n_with", "n_docs", "n_outlets", "share", "ci_low", "ci_high"]
    if not len(carrying):
        return pd.DataFrame(columns=cols)
    voice = _voices(_speaker(m["speaker"]) if "speaker" in m else pd.Series("OUTLET", m.index))
    rows = []
    for v in VOICES:
        docs_v = set(m.loc[(voice == v).to_numpy(), "doc_id"])
        rows += _shares(carrying, docs_v, by, {"voice": v})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["group", "voice"], kind="mergesort").reset_index(drop=True)


def article_hedging(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    by: str = "lang",
    outlet_col: str = "outlet_name",
) -> pd.DataFrame:
    """Per group: the share of claim-carrying articles with at least one hedged asserted
    claim. Columns: ``by, group, n_with, n_docs, n_outlets, share, ci_low, ci_high``."""
    m, carrying = _carrying_articles(documents, mentions, by, outlet_col)
    cols = ["by", "group", "n_with", "n_docs", "n_outlets", "share", "ci_low", "ci_high"]
    if not len(carrying):
        return pd.DataFrame(columns=cols)
    hedged = _bool(m["hedged"]).to_numpy() if "hedged" in m else np.zeros(len(m), bool)
    rows = _shares(carrying, set(m.loc[hedged, "doc_id"]), by, {})
    return pd.DataFrame(rows, columns=cols)

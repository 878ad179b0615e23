"""Synthetic multi-outlet corpora with known truth, for simulation tests and benchmarks.

Outlets have a house line: each outlet's probability of carrying a claim is drawn from a
Beta distribution around its group's share with intra-class correlation ``icc``
(``Beta(p·(1−ρ)/ρ, (1−p)·(1−ρ)/ρ)``; for a 0/1 outcome this gives exactly ICC = ρ between two
articles of the same outlet). Articles then carry the claim independently given their outlet.
:func:`synthetic_corpus` returns ``documents`` and ``mentions`` tables shaped like a run's
(``doc_id, lang, outlet, outlet_name, published, text``; the mentions table is built by
:func:`helpers.claims.mention_table.mentions_frame`, the definition the tagger uses), so
every function of :mod:`helpers.stance` can run on them and the truth is known.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from helpers.claims.mention_table import MentionRow, mentions_frame

__all__ = ["outlet_presence", "synthetic_corpus"]


def outlet_presence(
    rng: np.random.Generator, share: float, n_outlets: int, per_outlet: int, icc: float
) -> tuple[np.ndarray, np.ndarray]:
    """0/1 presence of ``n_outlets × per_outlet`` articles and each article's outlet index."""
    if icc <= 0:
        p = np.full(n_outlets, share)
    else:
        k = (1 - icc) / icc
        p = rng.beta(share * k, (1 - share) * k, size=n_outlets)
    x = rng.random((n_outlets, per_outlet)) < p[:, None]
    return x.ravel(), np.repeat(np.arange(n_outlets), per_outlet)


def synthetic_corpus(
    shares: Mapping[str, tuple[float, float]],
    n_outlets: tuple[int, int] = (10, 10),
    per_outlet: int = 40,
    icc: float = 0.05,
    groups: tuple[str, str] = ("he", "ar"),
    seed: int = 0,
    periods: tuple[str, ...] = ("2025-02-15", "2025-05-15"),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and mentions with ``shares[claim] = (share in group a, share in group b)``.

    Outlet ``i`` of group ``g`` is named ``"<g>-outlet-<i>"``; articles alternate over
    ``periods`` (publication dates) so both groups cover every period. Each carried claim is
    one non-negated mention in sentence 0.
    """
    rng = np.random.default_rng(seed)
    docs: list[dict[str, str]] = []
    mentions: list[MentionRow] = []
    for g_idx, group in enumerate(groups):
        n_out = n_outlets[g_idx]
        presence = {
            claim: outlet_presence(rng, pair[g_idx], n_out, per_outlet, icc)[0]
            for claim, pair in shares.items()
        }
        for i in range(n_out * per_outlet):
            outlet = f"{group}-outlet-{i // per_outlet:02d}"
            doc_id = f"{group}-{i:05d}"
            docs.append(
                {
                    "doc_id": doc_id,
                    "source": f"{doc_id}.txt",
                    "lang": group,
                    "outlet": outlet,
                    "outlet_name": outlet,
                    "published": periods[i % len(periods)],
                    "text": "synthetic",
                }
            )
            for claim, x in presence.items():
                if x[i]:
                    mentions.append(
                        MentionRow(
                            doc_id=doc_id,
                            sent_idx=0,
                            claim_id=claim,
                            start=0,
                            end=9,
                            cue="synthetic",
                            negated=False,
                            hedged=False,
                            hedge_cue=None,
                            speaker="OUTLET",
                            method="rule",
                            codebook_version=1,
                            rule="synthetic",
                        )
                    )
    return pd.DataFrame(docs), mentions_frame(mentions)

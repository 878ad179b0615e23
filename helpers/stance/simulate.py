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
from typing import Any

import numpy as np
import pandas as pd

from helpers.claims.mention_table import MentionRow, mentions_frame

__all__ = ["outlet_presence", "reviewed_sample", "synthetic_corpus", "tagger_error_corpus"]


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


def _synthetic_mention(doc_id: str, claim_id: str) -> MentionRow:
    """One asserted (non-negated, unhedged, own-voice) rule mention in sentence 0."""
    return MentionRow(
        doc_id=doc_id,
        sent_idx=0,
        claim_id=claim_id,
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
                    mentions.append(_synthetic_mention(doc_id, claim))
    return pd.DataFrame(docs), mentions_frame(mentions)


def tagger_error_corpus(
    rng: np.random.Generator,
    recall: Mapping[str, float],
    false_rate: float = 0.0,
    share: float = 0.3,
    per_group: int = 400,
    n_outlets: int = 10,
    claim_id: str = "C",
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[tuple[str, int], bool]]:
    """A corpus whose tagger errs in a known way, for the tagger-error correction.

    Each group (the keys of ``recall``) has ``per_group`` articles in ``n_outlets`` outlets
    (``"<g>-o<k>"``), one actor-naming sentence each; the claim is truly in each article with
    probability ``share``; the tagger finds a true one with probability ``recall[g]`` and
    marks a claim-free one with probability ``false_rate``. Returns ``documents``, the
    validation ``frame`` (one sentence per article, stratum ``"<g> | claim"`` when the tagger
    fired else ``"<g> | actors"``), ``mentions`` (the tagger's output) and the truth,
    ``(doc_id, sent_idx) → carries``.
    """
    docs: list[dict[str, str]] = []
    frame: list[dict[str, Any]] = []
    mentions: list[MentionRow] = []
    truth: dict[tuple[str, int], bool] = {}
    for group, group_recall in recall.items():
        for i in range(per_group):
            doc_id, outlet = f"{group}{i:04d}", f"{group}-o{i % n_outlets}"
            carries = bool(rng.random() < share)
            if carries:
                found = bool(rng.random() < group_recall)
            else:  # no draw when the tagger never errs this way (keeps seeded streams stable)
                found = bool(false_rate > 0 and rng.random() < false_rate)
            status = "claim" if found else "actors"
            docs.append({"doc_id": doc_id, "lang": group, "outlet_name": outlet})
            frame.append(
                {
                    "doc_id": doc_id,
                    "sent_idx": 0,
                    "lang": group,
                    "outlet": outlet,
                    "status": status,
                    "stratum": f"{group} | {status}",
                }
            )
            truth[(doc_id, 0)] = carries
            if found:
                mentions.append(_synthetic_mention(doc_id, claim_id))
    return pd.DataFrame(docs), pd.DataFrame(frame), mentions_frame(mentions), truth


def reviewed_sample(
    sample: pd.DataFrame,
    mentions: pd.DataFrame,
    truth: Mapping[tuple[str, int], bool],
    claim_id: str = "C",
) -> pd.DataFrame:
    """``sample`` (validation sentences) with the reviewer's outcome for ``claim_id``:
    ``tagger`` (the tagger marked the sentence) and ``human`` (the claim is truly there, from
    ``truth`` as returned by :func:`tagger_error_corpus`)."""
    found = set(zip(mentions["doc_id"], mentions["sent_idx"]))
    keys = list(zip(sample["doc_id"], sample["sent_idx"]))
    return sample.assign(
        claim_id=claim_id,
        tagger=[key in found for key in keys],
        human=[truth[key] for key in keys],
    )

"""Tagger error from the reviewed validation sample, and prevalence corrected for it.

Input: the reviewed validation sample as one row per sentence × claim
(:func:`helpers.claims.validation.validation_outcomes`: ``lang, stratum, weight, claim_id,
tagger, human``) and the sampling frame of the whole run
(:func:`helpers.claims.validation.sampling_frame`).

**Error rates** (:func:`error_rates`) per claim × language are Horvitz–Thompson ratio
estimates with the sampling weights: sensitivity ``Σw·T·H / Σw·H``, specificity
``Σw·(1−T)(1−H) / Σw·(1−H)``, PPV ``Σw·T·H / Σw·T``, NPV ``Σw·(1−T)(1−H) / Σw·(1−T)``.
Their intervals are Wilson intervals on Kish's effective sample size ``(Σw)² / Σw²`` of the
denominator's sentences — a closed form that, unlike a percentile bootstrap, does not
collapse when every reviewed sentence agrees.

**Correction** (:func:`corrected_contrast`) uses predictive values, because the validation
unit is the sentence and the analysis unit is the article. Each frame sentence of an article
falls in one of three cells for claim c — the tagger found c (``found``), it found another
claim (``other``), or it names the actors but found no claim (``actors``) — and the
validation sample estimates, per claim × language, the share ``q`` of each cell's sentences
that truly carry c. The probability that article d truly carries c is then
``1 − Π_cells (1 − q_cell)^(n_cell,d)``, and a group's corrected share is the mean over its
articles (outlet-weighted: mean of outlet means is also given). Assumptions, stated with
every table: sentences outside the frame carry no claim; within a claim × language × cell,
whether a sentence carries the claim does not depend on the article (independence). This is
the predictive-value ("calibration") route to misclassification correction rather than
Rogan–Gladen: Rogan–Gladen needs article-level sensitivity and specificity, which a sentence
sample does not give without the same independence assumption.

**Uncertainty**: a bootstrap replicate resamples the reviewed sentences within their strata
(the sampling design) *and* the outlets within each group, then the articles within each
drawn outlet (the corpus); the percentile interval of the corrected shares and of their
difference therefore carries both the validation sample's and the outlets' uncertainty.
Seeded (``numpy.random.default_rng(seed)``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from helpers.claims.mention_table import mention_keys
from helpers.stance import inference as inf
from helpers.stance.compare import _group_labels, claims_frame
from helpers.stance.contrast import SHARE_DIFF_COLUMNS

__all__ = [
    "ERROR_COLUMNS",
    "CORRECTED_COLUMNS",
    "CELLS",
    "error_rates",
    "article_cell_counts",
    "corrected_contrast",
    "corrected_prevalence",
]

CELLS = ("found", "other", "actors")

ERROR_COLUMNS = [
    "claim_id",
    "lang",
    "n_reviewed",
    "n_true",
    "n_found",
    "sensitivity",
    "sensitivity_low",
    "sensitivity_high",
    "specificity",
    "specificity_low",
    "specificity_high",
    "ppv",
    "ppv_low",
    "ppv_high",
    "npv",
    "npv_low",
    "npv_high",
]

CORRECTED_COLUMNS = [
    "by",
    "a",
    "b",
    "claim_id",
    "corrected",
    "raw_share_a",
    "raw_share_b",
    *SHARE_DIFF_COLUMNS,
    "note",
]


def _weighted_share(w: np.ndarray, x: np.ndarray) -> tuple[float, float, float]:
    """Weighted share of ``x`` with a Wilson interval on Kish's effective n
    (``statsmodels`` ``proportion_confint`` with ``count = share·n_eff, nobs = n_eff``)."""
    if len(w) == 0 or w.sum() <= 0:
        return (float("nan"), float("nan"), float("nan"))
    share = float((w * x).sum() / w.sum())
    n_eff = float(w.sum() ** 2 / (w**2).sum())
    low, high = proportion_confint(share * n_eff, n_eff, alpha=0.05, method="wilson")
    return (share, float(max(0.0, low)), float(min(1.0, high)))


def error_rates(outcomes: pd.DataFrame, claims: Any = None) -> pd.DataFrame:
    """Weighted sensitivity, specificity, PPV and NPV per claim × language (module docstring).

    ``n_reviewed`` counts reviewed sentences, ``n_true`` those the reviewer labelled with the
    claim, ``n_found`` those the tagger found it in (unweighted counts, so the reader sees
    how thin each estimate is). Columns :data:`ERROR_COLUMNS`.
    """
    if not len(outcomes):
        return pd.DataFrame(columns=ERROR_COLUMNS)
    order = (
        list(claims_frame(claims)["claim_id"])
        if claims is not None
        else sorted(outcomes["claim_id"].unique())
    )
    rows = []
    for (claim_id, lang), part in outcomes.groupby(["claim_id", "lang"], sort=True):
        w = part["weight"].to_numpy(float)
        t = part["tagger"].to_numpy(bool)
        h = part["human"].to_numpy(bool)
        row: dict[str, Any] = {
            "claim_id": claim_id,
            "lang": lang,
            "n_reviewed": int(len(part)),
            "n_true": int(h.sum()),
            "n_found": int(t.sum()),
        }
        for name, sel, hit in (
            ("sensitivity", h, t),
            ("specificity", ~h, ~t),
            ("ppv", t, h),
            ("npv", ~t, ~h),
        ):
            est, low, high = _weighted_share(w[sel], hit[sel].astype(float))
            row.update({name: est, f"{name}_low": low, f"{name}_high": high})
        rows.append(row)
    out = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    rank = {c: i for i, c in enumerate(order)}
    out = out[out["claim_id"].isin(rank)]
    return out.sort_values(
        ["claim_id", "lang"],
        key=lambda s: s.map(rank) if s.name == "claim_id" else s,
        kind="mergesort",
    ).reset_index(drop=True)


def _cell_of(status: pd.Series, found: pd.Series) -> np.ndarray:
    return np.where(found, "found", np.where(status == "claim", "other", "actors"))


def article_cell_counts(
    documents: pd.DataFrame, frame: pd.DataFrame, tagger_mentions: pd.DataFrame, claim_id: str
) -> np.ndarray:
    """Frame sentences per article in each cell of :data:`CELLS` for ``claim_id``: an
    ``(n_documents, 3)`` integer array aligned with ``documents``."""
    found_keys = set(
        zip(
            tagger_mentions.loc[tagger_mentions["claim_id"] == claim_id, "doc_id"].astype(str),
            tagger_mentions.loc[tagger_mentions["claim_id"] == claim_id, "sent_idx"].astype(int),
        )
    )
    found = pd.Series(
        [(d, int(i)) in found_keys for d, i in zip(frame["doc_id"], frame["sent_idx"])],
        index=frame.index,
    )
    cells = _cell_of(frame["status"], found)
    pos = {d: i for i, d in enumerate(documents["doc_id"].astype(str))}
    counts = np.zeros((len(documents), len(CELLS)), dtype=np.int64)
    col = {c: j for j, c in enumerate(CELLS)}
    for d, cell in zip(frame["doc_id"].astype(str), cells):
        if d in pos:
            counts[pos[d], col[cell]] += 1
    return counts


def _cell_q(outcomes: pd.DataFrame, idx: np.ndarray | None = None) -> dict[Any, float]:
    """q per (claim, lang, cell): weighted share of reviewed sentences the reviewer labelled."""
    part = outcomes if idx is None else outcomes.iloc[idx]
    w = part["weight"].to_numpy(float)
    h = part["human"].to_numpy(float)
    key = pd.MultiIndex.from_arrays([part["claim_id"], part["lang"], part["cell"]])
    num = pd.Series(w * h, index=key).groupby(level=[0, 1, 2]).sum()
    den = pd.Series(w, index=key).groupby(level=[0, 1, 2]).sum()
    return (num / den).to_dict()


def _stratified_indices(strata: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One bootstrap resample of row positions, with replacement within each stratum."""
    parts = []
    for s in np.unique(strata):
        rows = np.flatnonzero(strata == s)
        parts.append(rows[rng.integers(0, len(rows), size=len(rows))])
    return np.concatenate(parts)


def corrected_contrast(
    documents: pd.DataFrame,
    frame: pd.DataFrame | None,
    tagger_mentions: pd.DataFrame,
    outcomes: pd.DataFrame,
    claims: Any,
    by: str = "lang",
    a: str = "he",
    b: str = "ar",
    outlet_col: str = "outlet_name",
    n_boot: int = 500,
    seed: int = 20240101,
) -> pd.DataFrame:
    """Prevalence of every claim in groups ``a`` and ``b`` corrected for tagger error, and
    the corrected difference, with bootstrap intervals over the validation sample and the
    outlets (module docstring). Columns :data:`CORRECTED_COLUMNS`.

    Without reviewed outcomes every row has ``corrected = False`` and a note saying the
    estimates assume a perfect tagger (``frame`` may then be ``None``). A claim × language whose needed cells have no
    reviewed sentence is not corrected either (the note names the cell).
    """
    cl = claims_frame(claims)
    labels = _group_labels(documents, by).to_numpy()
    langs = documents["lang"].astype(object).map(str).to_numpy()
    clusters = inf.outlet_clusters(documents, outlet_col).to_numpy()
    keep = np.isin(labels, [a, b])
    nan = float("nan")
    rows: list[dict[str, Any]] = []
    tm = tagger_mentions
    if "method" in tm and len(tm):
        tm = tm[tm["method"].astype(str) != "human"]
    asserted = tm[~tm["negated"].astype(bool)] if "negated" in tm and len(tm) else tm
    raw_keys = set(zip(asserted["doc_id"].astype(str), asserted["claim_id"].astype(str)))
    doc_ids = documents["doc_id"].astype(str).to_numpy()
    if not len(outcomes) or frame is None:
        for claim_id in cl["claim_id"]:
            raw = np.array([(d, claim_id) in raw_keys for d in doc_ids], dtype=float)
            rows.append(
                dict.fromkeys(CORRECTED_COLUMNS, nan)
                | {
                    "by": by,
                    "a": a,
                    "b": b,
                    "claim_id": claim_id,
                    "corrected": False,
                    "raw_share_a": raw[labels == a].mean() if (labels == a).any() else nan,
                    "raw_share_b": raw[labels == b].mean() if (labels == b).any() else nan,
                    "note": "not corrected: no reviewed validation sample — these estimates "
                    "assume a perfect tagger",
                }
            )
        return pd.DataFrame(rows, columns=CORRECTED_COLUMNS)

    # cell of every reviewed sentence for its claim
    found_keys = mention_keys(tm)
    oc = outcomes.reset_index(drop=True).copy()
    oc["cell"] = _cell_of(
        oc["status"],
        pd.Series(
            [
                (d, int(i), c) in found_keys
                for d, i, c in zip(oc["doc_id"], oc["sent_idx"], oc["claim_id"])
            ]
        ),
    )
    strata = oc["stratum"].astype(str).to_numpy()
    rng = np.random.default_rng(seed)
    # the same resamples serve every claim: draw them once
    valid_draws = [_stratified_indices(strata, rng) for _ in range(n_boot)]
    q_boot = [_cell_q(oc, idx) for idx in valid_draws]
    q_hat = _cell_q(oc)
    lang_levels, lang_code = np.unique(langs, return_inverse=True)
    group_idx = {g: np.flatnonzero(keep & (labels == g)) for g in (a, b)}
    corpus_draws = {g: _outlet_draws(clusters[group_idx[g]], n_boot, rng) for g in (a, b)}

    for claim_id in cl["claim_id"]:
        counts = article_cell_counts(documents, frame, tm, claim_id)
        raw = np.array([(d, claim_id) in raw_keys for d in doc_ids], dtype=float)
        row: dict[str, Any] = dict.fromkeys(CORRECTED_COLUMNS, nan) | {
            "by": by,
            "a": a,
            "b": b,
            "claim_id": claim_id,
            "raw_share_a": raw[group_idx[a]].mean() if len(group_idx[a]) else nan,
            "raw_share_b": raw[group_idx[b]].mean() if len(group_idx[b]) else nan,
        }
        missing = sorted(
            {
                f"{lang}/{cell}"
                for i in np.concatenate([group_idx[a], group_idx[b]])
                for j, cell in enumerate(CELLS)
                if counts[i, j] > 0
                for lang in [langs[i]]
                if (claim_id, lang, cell) not in q_hat
            }
        )
        if missing or not len(group_idx[a]) or not len(group_idx[b]):
            row.update(
                corrected=False,
                note="not corrected: no reviewed sentence in "
                + (", ".join(missing) if missing else "one of the groups"),
            )
            rows.append(row)
            continue

        def probs(
            q: dict[tuple, float],
            idx: np.ndarray,
            claim_id: str = claim_id,
            counts: np.ndarray = counts,
        ) -> np.ndarray:
            return _article_probabilities(
                q, q_hat, claim_id, lang_levels, lang_code[idx], counts[idx]
            )

        est = {g: probs(q_hat, group_idx[g]) for g in (a, b)}
        boot = {g: np.empty(n_boot) for g in (a, b)}
        for r in range(n_boot):
            for g in (a, b):
                p = probs(q_boot[r], group_idx[g])
                boot[g][r] = p[corpus_draws[g][r]].mean()
        diff = boot[a] - boot[b]
        row.update(
            corrected=True,
            share_a=float(est[a].mean()),
            share_b=float(est[b].mean()),
            outlet_share_a=float(pd.Series(est[a]).groupby(clusters[group_idx[a]]).mean().mean()),
            outlet_share_b=float(pd.Series(est[b]).groupby(clusters[group_idx[b]]).mean().mean()),
            share_a_low=float(np.percentile(boot[a], 2.5)),
            share_a_high=float(np.percentile(boot[a], 97.5)),
            share_b_low=float(np.percentile(boot[b], 2.5)),
            share_b_high=float(np.percentile(boot[b], 97.5)),
            diff=float(est[a].mean() - est[b].mean()),
            diff_low=float(np.percentile(diff, 2.5)),
            diff_high=float(np.percentile(diff, 97.5)),
            note=f"corrected with {len(oc[['doc_id', 'sent_idx']].drop_duplicates())} reviewed "
            "sentences; assumes sentences outside the frame carry no claim",
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=CORRECTED_COLUMNS)


def _article_probabilities(
    q: dict[tuple, float],
    q_hat: dict[tuple, float],
    claim_id: str,
    lang_levels: np.ndarray,
    lang_codes: np.ndarray,
    counts: np.ndarray,
) -> np.ndarray:
    """P(article carries the claim) = 1 − Π_cells (1 − q_cell)^n_cell, with q looked up by
    each article's language; a cell without reviewed sentences in a resample keeps the
    full-sample estimate ``q_hat``."""
    table = np.array(
        [
            [
                q.get((claim_id, lang, cell), q_hat.get((claim_id, lang, cell), 0.0))
                for cell in CELLS
            ]
            for lang in lang_levels
        ]
    )
    return 1.0 - np.prod((1.0 - table[lang_codes]) ** counts, axis=1)


def _outlet_draws(clusters: np.ndarray, n_boot: int, rng: np.random.Generator) -> list:
    """Per replicate, article positions (into ``clusters``) drawn by resampling outlets and
    then articles within each drawn outlet."""
    members = [np.flatnonzero(clusters == c) for c in np.unique(clusters)]
    draws = []
    for _ in range(n_boot):
        picked = rng.integers(0, len(members), size=len(members))
        draws.append(
            np.concatenate(
                [members[k][rng.integers(0, len(members[k]), size=len(members[k]))] for k in picked]
            )
        )
    return draws


def corrected_prevalence(corrected: pd.DataFrame, prevalence: pd.DataFrame) -> pd.DataFrame:
    """The corrected shares in the shape of :func:`helpers.stance.compare.prevalence` (rows of
    groups ``a`` and ``b`` for every corrected claim; ``ci_method = "corrected"``), so the
    prevalence figure can draw the corrected intervals. ``n_with_claim`` stays the tagger's
    raw count (the figure's k/n label). Empty when nothing was corrected."""
    done = corrected[corrected["corrected"].astype(bool)] if len(corrected) else corrected
    if not len(done):
        return prevalence.iloc[0:0].assign(ci_method=pd.Series([], dtype=object))
    rows = []
    for r in done.itertuples(index=False):
        for group, share, low, high in (
            (r.a, r.share_a, r.share_a_low, r.share_a_high),
            (r.b, r.share_b, r.share_b_low, r.share_b_high),
        ):
            rows.append(
                {
                    "group": group,
                    "claim_id": r.claim_id,
                    "share": share,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    values = pd.DataFrame(rows)
    base = prevalence.drop(columns=["share", "ci_low", "ci_high"]).merge(
        values, on=["group", "claim_id"], how="inner"
    )
    base["ci_method"] = "corrected"
    return base[list(prevalence.columns)].reset_index(drop=True)

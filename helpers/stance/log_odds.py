"""Which codebook concepts are typical of one group: log-odds on *articles*, calibrated by
permuting outlets.

Counting mentions would let one article that repeats a claim ten times speak ten times, and
one shared multinomial would make every claim's score move when actors are added. Here:

* the unit is the **article**: ``y_g`` = articles of group g carrying the concept (an
  asserted claim; for actors, naming the actor), ``n_g`` = articles in the group;
* each **vocabulary is separate** (claims and actors are scored apart; adding actors does not
  change a claim's score) and each concept is its own binary outcome;
* the **prior** comes from a real background — the share ``π_w`` of *all* the run's articles
  (every group, not only the two compared) carrying the concept — as ``prior_n`` pseudo-
  articles: ``α_w = prior_n·π_w``, ``β_w = prior_n·(1 − π_w)``;
* **variance formula**: the Beta–binomial analogue of Monroe, Colaresi & Quinn (2008, eqs.
  16–18)::

      δ_w  = log((y_a+α_w) / (n_a−y_a+β_w)) − log((y_b+α_w) / (n_b−y_b+β_w))
      σ²_w ≈ 1/(y_a+α_w) + 1/(n_a−y_a+β_w) + 1/(y_b+α_w) + 1/(n_b−y_b+β_w)

  (the first-order variance of a posterior log-odds), ``z_analytic = δ / σ``. That variance
  treats articles as independent, so
* ``z`` is **calibrated by permuting outlets**: the group labels are reshuffled over outlets
  (over articles when the groups are outlets themselves or cut across them), δ is recomputed
  for every labelling, and ``z = (δ − mean δ*) / sd δ*``; ``p_perm`` is the share of
  labellings with ``|δ*| ≥ |δ|``. With few outlets there are few labellings (3 vs 2: ten) and
  the calibration is coarse: ``n_labellings`` says how many were used.

The formula is written once, in :func:`log_odds_binomial`. :func:`log_odds_dirichlet` (the
workbench's cue phrases: one multinomial of n-gram counts, Monroe et al.'s own setting) is the
same formula with ``n`` = the group's total count and ``β_w = α_0 − α_w``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import combinations

import numpy as np
import pandas as pd

from helpers.stance import inference as inf
from helpers.stance.compare import _bool, _group_labels, _mentions_in

__all__ = ["LOG_ODDS_COLUMNS", "log_odds_binomial", "log_odds_dirichlet", "concept_log_odds"]

LOG_ODDS_COLUMNS = [
    "by",
    "a",
    "b",
    "concept",
    "kind",
    "count_a",
    "count_b",
    "n_a",
    "n_b",
    "background_share",
    "prior",
    "delta",
    "variance",
    "z_analytic",
    "z",
    "p_perm",
    "n_labellings",
    "unit",
]


def log_odds_binomial(
    y_a: np.ndarray,
    n_a: np.ndarray | float,
    y_b: np.ndarray,
    n_b: np.ndarray | float,
    alpha: np.ndarray,
    beta: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """``(δ, σ²)`` of the module docstring, vectorised (arrays broadcast)."""
    pa, qa = y_a + alpha, n_a - y_a + beta
    pb, qb = y_b + alpha, n_b - y_b + beta
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log(pa / qa) - np.log(pb / qb)
        variance = 1 / pa + 1 / qa + 1 / pb + 1 / qb
    return delta, variance


def log_odds_dirichlet(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    prior: Mapping[str, float] | pd.Series | float,
) -> pd.DataFrame:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative Dirichlet prior.

    For concept w with counts y_a, y_b, group totals n_a = Σ y_a, n_b = Σ y_b, prior α_w and
    α_0 = Σ α_w::

        δ_w  = log((y_a+α_w) / (n_a+α_0-y_a-α_w)) - log((y_b+α_w) / (n_b+α_0-y_b-α_w))
        σ²_w ≈ 1/(y_a+α_w) + 1/(n_a+α_0-y_a-α_w) + 1/(y_b+α_w) + 1/(n_b+α_0-y_b-α_w)
        z_w  = δ_w / √σ²_w

    — :func:`log_odds_binomial` with ``β_w = α_0 − α_w``. Positive δ/z: more typical of group
    a. ``prior`` is per concept, or a scalar (same α for every concept). Concepts are the union
    of the keys. Columns: ``concept, count_a, count_b, prior, delta, variance, z`` sorted by
    concept.
    """
    a = pd.Series(counts_a, dtype=float)
    b = pd.Series(counts_b, dtype=float)
    if isinstance(prior, (int, float, np.number)):
        concepts = sorted(set(a.index) | set(b.index))
        alpha = np.full(len(concepts), float(prior))
    else:
        concepts = sorted(set(a.index) | set(b.index) | set(pd.Series(prior).index))
        alpha = pd.Series(prior, dtype=float).reindex(concepts).fillna(0.0).to_numpy()
    ya = a.reindex(concepts).fillna(0.0).to_numpy()
    yb = b.reindex(concepts).fillna(0.0).to_numpy()
    if (alpha < 0).any() or (ya < 0).any() or (yb < 0).any():
        raise ValueError("counts and prior must be non-negative")
    delta, variance = log_odds_binomial(ya, ya.sum(), yb, yb.sum(), alpha, alpha.sum() - alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = delta / np.sqrt(variance)
    return pd.DataFrame(
        {
            "concept": concepts,
            "count_a": ya,
            "count_b": yb,
            "prior": alpha,
            "delta": delta,
            "variance": variance,
            "z": z,
        }
    )


def _labellings(n_units: int, n_a: int, max_labellings: int, seed: int) -> np.ndarray:
    """0/1 matrix (labellings × units), 1 = group a: all of them when few, else random."""
    count = math.comb(n_units, n_a)
    if count <= max_labellings:
        rows = np.zeros((count, n_units), dtype=np.int8)
        for r, subset in enumerate(combinations(range(n_units), n_a)):
            rows[r, list(subset)] = 1
        return rows
    rng = np.random.default_rng(seed)
    keys = rng.random((max_labellings, n_units))
    picked = np.argpartition(keys, n_a - 1, axis=1)[:, :n_a]
    rows = np.zeros((max_labellings, n_units), dtype=np.int8)
    np.put_along_axis(rows, picked, 1, axis=1)
    return rows


def _presence(
    documents: pd.DataFrame, table: pd.DataFrame, key: str, prefix: str
) -> tuple[list[str], np.ndarray]:
    """Concept names and the documents × concepts 0/1 matrix."""
    doc_pos = {d: i for i, d in enumerate(documents["doc_id"].astype(str))}
    concepts = sorted(set(table[key].astype(str)))
    col = {c: j for j, c in enumerate(concepts)}
    mat = np.zeros((len(documents), len(concepts)), dtype=float)
    for d, c in zip(table["doc_id"].astype(str), table[key].astype(str)):
        mat[doc_pos[d], col[c]] = 1.0
    return [f"{prefix}:{c}" for c in concepts], mat


def concept_log_odds(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    actor_mentions: pd.DataFrame | None = None,
    by: str = "lang",
    a: str = "he",
    b: str = "ar",
    prior_n: float = 10.0,
    outlet_col: str = "outlet_name",
    max_labellings: int = 2000,
    seed: int = 20240101,
) -> pd.DataFrame:
    """Article-level log-odds of codebook concepts between groups ``a`` and ``b`` (module
    docstring). Concepts are ``claim:<claim_id>`` (asserted claims) and, when
    ``actor_mentions`` is given (``doc_id`` and ``actor_id`` or ``actor``), ``actor:<id>`` —
    codebook concepts, never raw words; each kind is its own vocabulary. Columns
    :data:`LOG_ODDS_COLUMNS`, sorted by ``z`` (a-typical first) then concept.
    """
    labels = _group_labels(documents, by).to_numpy()
    clusters = inf.outlet_clusters(documents, outlet_col).to_numpy()
    m = _mentions_in(documents, mentions)
    if len(m) and "negated" in m:
        m = m[~_bool(m["negated"]).to_numpy()]
    parts: list[tuple[str, list[str], np.ndarray]] = []
    if len(m):
        names, mat = _presence(documents, m, "claim_id", "claim")
        parts.append(("claim", names, mat))
    if actor_mentions is not None and len(actor_mentions):
        col = "actor_id" if "actor_id" in actor_mentions else "actor"
        am = _mentions_in(documents, actor_mentions.rename(columns={col: "claim_id"}))
        names, mat = _presence(documents, am, "claim_id", "actor")
        parts.append(("actor", names, mat))
    in_a, in_b = labels == a, labels == b
    if not parts or not in_a.any() or not in_b.any():
        return pd.DataFrame(columns=LOG_ODDS_COLUMNS)

    # permutation units: outlets when they nest in the groups (and are not the groups)
    keep = in_a | in_b
    nested = inf.outlets_nest_in_groups(list(labels[keep]), list(clusters[keep]))
    unit = "outlet" if nested and by not in {"outlet", "outlet_name"} else "article"
    unit_ids = clusters[keep] if unit == "outlet" else documents["doc_id"].astype(str)[keep]
    units, unit_of = np.unique(np.asarray(unit_ids), return_inverse=True)
    unit_group = np.zeros(len(units), dtype=bool)
    unit_group[unit_of[labels[keep] == a]] = True
    labellings = _labellings(len(units), int(unit_group.sum()), max_labellings, seed)
    unit_size = np.bincount(unit_of, minlength=len(units)).astype(float)

    rows = []
    for kind, names, mat in parts:
        background = mat.mean(axis=0)  # every article of the run, all groups
        alpha, beta = prior_n * background, prior_n * (1 - background)
        x = mat[keep]
        y_a, y_b = x[labels[keep] == a].sum(axis=0), x[labels[keep] == b].sum(axis=0)
        n_a, n_b = float(in_a.sum()), float(in_b.sum())
        delta, variance = log_odds_binomial(y_a, n_a, y_b, n_b, alpha, beta)
        unit_counts = np.zeros((len(units), x.shape[1]))
        np.add.at(unit_counts, unit_of, x)
        ya_p = labellings @ unit_counts
        na_p = (labellings @ unit_size)[:, None]
        d_perm, _ = log_odds_binomial(ya_p, na_p, y_a + y_b - ya_p, n_a + n_b - na_p, alpha, beta)
        sd = d_perm.std(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            z_cal = np.where(sd > 0, (delta - d_perm.mean(axis=0)) / sd, np.nan)
        p_perm = (np.abs(d_perm) >= np.abs(delta) - 1e-12).mean(axis=0)
        for j, concept in enumerate(names):
            rows.append(
                {
                    "by": by,
                    "a": a,
                    "b": b,
                    "concept": concept,
                    "kind": kind,
                    "count_a": float(y_a[j]),
                    "count_b": float(y_b[j]),
                    "n_a": int(n_a),
                    "n_b": int(n_b),
                    "background_share": float(background[j]),
                    "prior": float(alpha[j]),
                    "delta": float(delta[j]),
                    "variance": float(variance[j]),
                    "z_analytic": float(delta[j] / np.sqrt(variance[j])),
                    "z": float(z_cal[j]),
                    "p_perm": float(p_perm[j]),
                    "n_labellings": int(len(labellings)),
                    "unit": unit,
                }
            )
    out = pd.DataFrame(rows, columns=LOG_ODDS_COLUMNS)
    return out.sort_values(["z", "concept"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )

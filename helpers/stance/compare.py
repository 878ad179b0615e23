"""Stance comparison statistics on the ``documents`` and ``mentions`` tables.

Every function takes plain tables (pandas DataFrames as described in ``docs/design.md``) and
returns a tidy DataFrame with a deterministic row order, so the notebooks can write the
results to the run folder and draw figures from them.

Statistics are honest about small samples:

* :func:`prevalence` — share of *articles* carrying (asserting) each claim per group, with
  Wilson 95 % intervals (``ci="bootstrap"`` keeps the old percentile bootstrap of articles,
  which collapses to [0, 0] at 0/n and covers far below 95 % at small n), and the
  outlet-weighted share (mean of outlet means).
* :func:`fisher_tests` — Fisher's exact test per claim with Holm's correction, and a plain
  ``conclusion`` that says when the group sizes cannot produce a significant result at all
  (the smallest p-value achievable with the observed margins is ≥ α).

Claims are passed in as plain data (a DataFrame with ``claim_id, en, frame``, a mapping
``claim_id -> {en, frame}``, a list of such records, or objects with ``id``/``en``/``frame``
attributes) so this module does not depend on the codebook loader.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

from helpers.core.io import is_missing

__all__ = [
    "UNKNOWN_GROUP",
    "claims_frame",
    "doc_claims",
    "prevalence",
    "holm",
    "fisher_pvalues_for_margins",
    "min_achievable_p",
    "FISHER_COLUMNS",
    "fisher_tests",
    "small_sample_warning",
    "frame_composition",
    "voice_of",
    "voices",
    "hedging_rate",
    "relay_chains",
    "evidence_table",
    "mention_sentences",
    "mention_counts",
    "counts_by_language",
]

#: Label given to documents whose grouping attribute is missing (null / empty).
UNKNOWN_GROUP = "unknown"

#: Relative tolerance used (like scipy) when collecting tables "as or more extreme".
_FISHER_RTOL = 1.0 + 1e-7

#: Upper bound on resample × article cells held in memory at once by the bootstrap.
_BOOT_CELLS = 4_000_000

_DOC_CLAIM_COLUMNS = [
    "doc_id",
    "claim_id",
    "status",
    "present",
    "n_mentions",
    "any_negated",
    "any_hedged",
    "speakers",
]


# --------------------------------------------------------------------------- inputs


def claims_frame(claims: Any) -> pd.DataFrame:
    """Return ``claims`` as a DataFrame with columns ``claim_id, en, frame`` (codebook order).

    Accepts a DataFrame (``claim_id`` or ``id`` column), a mapping ``claim_id -> {en, frame}``,
    an iterable of mappings, or an iterable of objects with ``id``/``claim_id``, ``en`` and
    ``frame`` attributes (e.g. the codebook loader's claim objects), or ``None`` (no claims).
    """
    if claims is None:
        return pd.DataFrame(
            {
                "claim_id": pd.Series([], dtype=object),
                "en": pd.Series([], dtype=object),
                "frame": pd.Series([], dtype=object),
            }
        )
    if isinstance(claims, pd.DataFrame):
        frame = claims.rename(columns={"id": "claim_id"}) if "claim_id" not in claims else claims
        rows = frame.to_dict("records")
    elif isinstance(claims, Mapping):
        rows = [
            {"claim_id": key, **(dict(value) if isinstance(value, Mapping) else {})}
            for key, value in claims.items()
        ]
    elif hasattr(claims, "claims") and not isinstance(claims, (str, bytes)):
        return claims_frame(list(claims.claims))
    else:
        rows = []
        for item in claims:
            if isinstance(item, Mapping):
                record = dict(item)
            else:
                record = {
                    "claim_id": getattr(item, "claim_id", getattr(item, "id", None)),
                    "en": getattr(item, "en", None),
                    "frame": getattr(item, "frame", None),
                }
            if "claim_id" not in record and "id" in record:
                record["claim_id"] = record.pop("id")
            rows.append(record)
    out = pd.DataFrame(
        [
            {"claim_id": str(r["claim_id"]), "en": r.get("en"), "frame": r.get("frame")}
            for r in rows
        ],
        columns=["claim_id", "en", "frame"],
    )
    if out["claim_id"].duplicated().any():
        dupes = sorted(out.loc[out["claim_id"].duplicated(), "claim_id"].unique())
        raise ValueError(f"claims: duplicate claim_id {dupes}")
    return out.reset_index(drop=True)


def _group_labels(documents: pd.DataFrame, by: str) -> pd.Series:
    """Group label per document as str; missing values become :data:`UNKNOWN_GROUP`."""
    if by not in documents.columns:
        raise KeyError(
            f"documents has no column {by!r} to group by "
            f"(columns: {', '.join(map(str, documents.columns))}); "
            "join outlet attributes first with helpers.ingest.outlets.join_outlets"
        )
    values = documents[by].astype(object)
    labels = [UNKNOWN_GROUP if is_missing(v) or str(v).strip() == "" else str(v) for v in values]
    return pd.Series(labels, index=documents.index, name=by, dtype=object)


def _bool(series: pd.Series) -> pd.Series:
    """Nullable / object booleans → plain bool (missing = False)."""
    return series.astype(object).map(lambda v: False if is_missing(v) else bool(v))


def _speaker(series: pd.Series) -> pd.Series:
    """Speaker labels as str; a missing or blank speaker is the outlet's own voice."""
    out = series.astype(object).where(series.notna(), "OUTLET").astype(str)
    return out.where(out.str.strip() != "", "OUTLET").astype(object)


def _voices(speakers: pd.Series) -> pd.Series:
    """Vectorised :func:`voice_of` over cleaned speaker labels."""
    voice = np.where(
        speakers == "OUTLET",
        "outlet",
        np.where(speakers.str.startswith("MEDIA:"), "media", "actor"),
    )
    return pd.Series(voice, index=speakers.index, dtype=object)


def _mentions_in(documents: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions restricted to the given documents (a mention of an unknown doc is an error)."""
    known = set(documents["doc_id"].astype(str))
    m = mentions.copy()
    m["doc_id"] = m["doc_id"].astype(str)
    m["claim_id"] = m["claim_id"].astype(str)
    unknown = sorted(set(m["doc_id"]) - known)
    if unknown:
        raise ValueError(f"mentions refer to doc_id(s) not in documents: {unknown[:5]}")
    return m


# --------------------------------------------------------------------------- doc × claim


def doc_claims(documents: pd.DataFrame, mentions: pd.DataFrame, claims: Any = None) -> pd.DataFrame:
    """One row per document × claim: ``status, present, n_mentions, any_negated, any_hedged,
    speakers``.

    The claim list is ``claims`` when given (every codebook claim, absent ones included), else
    the claims seen in ``mentions``. ``speakers`` is the sorted, ``;``-joined set of speakers
    (a missing speaker counts as ``OUTLET``). ``status`` is ``asserted`` (at least one
    non-negated mention), ``negated`` (mentions, all negated: the article denies or rejects
    the claim) or ``absent``; ``present`` is ``status == "asserted"`` — a negated mention
    does not make an article carry the claim.
    """
    m = _mentions_in(documents, mentions)
    claim_ids = (
        list(claims_frame(claims)["claim_id"])
        if claims is not None
        else sorted(m["claim_id"].unique())
    )
    doc_ids = list(documents["doc_id"].astype(str))
    grid = pd.MultiIndex.from_product([doc_ids, claim_ids], names=["doc_id", "claim_id"])
    if len(m):
        m = m.assign(
            negated=_bool(m["negated"]) if "negated" in m else False,
            hedged=_bool(m["hedged"]) if "hedged" in m else False,
            speaker=_speaker(m["speaker"]) if "speaker" in m else "OUTLET",
        )
        agg = m.groupby(["doc_id", "claim_id"], sort=True).agg(
            n_mentions=("claim_id", "size"),
            all_negated=("negated", "all"),
            any_negated=("negated", "any"),
            any_hedged=("hedged", "any"),
            speakers=("speaker", lambda s: ";".join(sorted(set(s)))),
        )
    else:
        agg = pd.DataFrame(
            columns=["n_mentions", "all_negated", "any_negated", "any_hedged", "speakers"],
            index=pd.MultiIndex.from_tuples([], names=["doc_id", "claim_id"]),
        )
    out = agg.reindex(grid)
    out["n_mentions"] = out["n_mentions"].fillna(0).astype("int64")
    out["any_negated"] = out["any_negated"].astype(object).fillna(False).astype(bool)
    out["any_hedged"] = out["any_hedged"].astype(object).fillna(False).astype(bool)
    out["speakers"] = out["speakers"].astype(object).fillna("").astype(str)
    all_negated = out["all_negated"].astype(object).fillna(False).astype(bool)
    out["status"] = np.where(
        out["n_mentions"] == 0, "absent", np.where(all_negated, "negated", "asserted")
    )
    out["present"] = out["status"] == "asserted"
    return out.reset_index()[_DOC_CLAIM_COLUMNS]


def _presence_matrix(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    claim_ids: list[str],
    include_negated: bool = True,
) -> np.ndarray:
    """Boolean matrix documents × claims (row order = ``documents`` order)."""
    m = _mentions_in(documents, mentions)
    if not include_negated and len(m) and "negated" in m:
        m = m[~_bool(m["negated"]).to_numpy()]
    doc_pos = {d: i for i, d in enumerate(documents["doc_id"].astype(str))}
    claim_pos = {c: j for j, c in enumerate(claim_ids)}
    mat = np.zeros((len(documents), len(claim_ids)), dtype=bool)
    for d, c in zip(m["doc_id"], m["claim_id"]):
        if c in claim_pos:
            mat[doc_pos[d], claim_pos[c]] = True
    return mat


def _group_rng(seed: int, group: str) -> np.random.Generator:
    """A generator for one group: ``default_rng([seed, crc32(group)])`` — stable per group,
    independent of which other groups are present."""
    return np.random.default_rng([int(seed), zlib.crc32(group.encode("utf-8"))])


# --------------------------------------------------------------------------- prevalence


def prevalence(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    claims: Any,
    by: str = "lang",
    n_boot: int = 2000,
    seed: int = 20240101,
    include_negated: bool = False,
    ci: str = "wilson",
    outlet_col: str = "outlet_name",
) -> pd.DataFrame:
    """Share of articles carrying each claim per group, with a 95 % interval.

    ``by`` is any column of ``documents`` (join outlet attributes first to group by
    ``outlet_ownership``, ``outlet_country`` …). An article *carries* a claim when it has a
    non-negated mention (``include_negated=True`` counts negated mentions too).

    ``ci`` chooses the interval of the article-weighted share: ``"wilson"`` (default) or
    ``"exact"`` (Clopper–Pearson), both from ``scipy.stats.binomtest(...).proportion_ci``, or
    ``"bootstrap"`` — the 2.5–97.5 percentiles of ``n_boot`` resamples of the group's articles
    (numpy ``default_rng([seed, crc32(group)])``), kept only to compare with: it collapses to
    [0, 0] at 0/n and its coverage at n ≤ 20 is near 65 % (``bench/stance_inference.py``).
    ``outlet_share`` is the outlet-weighted share (mean of the outlets' shares; an article
    without a known outlet counts as its own outlet), ``n_outlets`` how many outlets that is.
    For outlet-clustered intervals and tests see :mod:`helpers.stance.contrast`.

    Columns: ``by, group, claim_id, en, frame, n_docs, n_outlets, n_with_claim, share,
    ci_low, ci_high, ci_method, outlet_share, n_boot, seed``; rows sorted by claim (codebook
    order) then group.
    """
    from helpers.stance import inference

    if ci not in {"wilson", "exact", "bootstrap"}:
        raise ValueError(f"ci must be 'wilson', 'exact' or 'bootstrap', got {ci!r}")
    if n_boot < 1:
        raise ValueError(f"n_boot must be ≥ 1, got {n_boot}")
    cl = claims_frame(claims)
    claim_ids = list(cl["claim_id"])
    labels = _group_labels(documents, by)
    clusters = inference.outlet_clusters(documents, outlet_col).to_numpy()
    mat = _presence_matrix(documents, mentions, claim_ids, include_negated)
    rows: list[dict[str, Any]] = []
    for group in sorted(labels.unique()):
        sel = (labels == group).to_numpy()
        x = mat[sel].astype(float)  # n × C
        n = x.shape[0]
        outlet_share = (
            pd.DataFrame(x, columns=claim_ids).groupby(clusters[sel], sort=True).mean().mean()
        )
        with_claim = x.sum(axis=0)
        if ci == "bootstrap":
            rng = _group_rng(seed, group)
            # each row of `weights` counts how often each article is drawn in one resample;
            # drawn in chunks of a size fixed by n (bounded memory, same numbers every run)
            chunk = max(1, min(n_boot, _BOOT_CELLS // n))
            boot = np.empty((n_boot, x.shape[1]))
            for lo in range(0, n_boot, chunk):
                size = min(chunk, n_boot - lo)
                weights = rng.multinomial(n, np.full(n, 1.0 / n), size=size)
                boot[lo : lo + size] = weights @ x / n
            low, high = np.percentile(boot, [2.5, 97.5], axis=0)
        else:
            bounds = [inference.share_interval(int(k), n, ci) for k in with_claim]
            low = np.array([b[0] for b in bounds])
            high = np.array([b[1] for b in bounds])
        for j, claim_id in enumerate(claim_ids):
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "claim_id": claim_id,
                    "n_docs": int(n),
                    "n_outlets": int(len(set(clusters[sel]))),
                    "n_with_claim": int(with_claim[j]),
                    "share": float(with_claim[j] / n),
                    "ci_low": float(low[j]),
                    "ci_high": float(high[j]),
                    "ci_method": ci,
                    "outlet_share": float(outlet_share[claim_id]),
                    "n_boot": int(n_boot) if ci == "bootstrap" else 0,
                    "seed": int(seed),
                }
            )
    columns = [
        "by",
        "group",
        "claim_id",
        "en",
        "frame",
        "n_docs",
        "n_outlets",
        "n_with_claim",
        "share",
        "ci_low",
        "ci_high",
        "ci_method",
        "outlet_share",
        "n_boot",
        "seed",
    ]
    out = pd.DataFrame(rows, columns=[c for c in columns if c not in ("en", "frame")])
    out = out.merge(cl, on="claim_id", how="left")
    order = {c: i for i, c in enumerate(claim_ids)}
    out = out.sort_values(
        ["claim_id", "group"],
        key=lambda s: s.map(order) if s.name == "claim_id" else s,
        kind="mergesort",
    ).reset_index(drop=True)
    return out[columns]


# --------------------------------------------------------------------------- Fisher + Holm


def holm(pvalues: Iterable[float]) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values (step-down), in the input order; NaN stays NaN.

    With the m non-missing p-values sorted ascending p(1) ≤ … ≤ p(m), the adjusted value is
    ``p~(i) = max_{j ≤ i} min(1, (m - j + 1) · p(j))`` — computed by statsmodels
    (:func:`helpers.stance.inference.holm_family` with every p-value in the family).
    """
    from helpers.stance.inference import holm_family

    p = np.asarray(list(pvalues), dtype=float)
    return holm_family(p, np.ones(p.shape, dtype=bool))


def _log_comb(n: int | np.ndarray, r: int | np.ndarray) -> np.ndarray:
    """log C(n, r) via log-gamma (vectorised)."""
    return (
        gammaln(np.asarray(n) + 1)
        - gammaln(np.asarray(r) + 1)
        - gammaln(np.asarray(n) - np.asarray(r) + 1)
    )


def fisher_pvalues_for_margins(n_a: int, n_b: int, k: int) -> np.ndarray:
    """Two-sided Fisher p-value of every 2×2 table with row totals ``n_a, n_b`` and ``k``
    documents carrying the claim in total, indexed by ``x - max(0, k - n_b)`` where ``x`` is
    the count in group a. Same definition as ``scipy.stats.fisher_exact`` (sum of the
    probabilities of tables no more likely than the observed one)."""
    lo, hi = max(0, k - n_b), min(k, n_a)
    xs = np.arange(lo, hi + 1)
    pmf = np.exp(_log_comb(n_a, xs) + _log_comb(n_b, k - xs) - _log_comb(n_a + n_b, k))
    ordered = np.sort(pmf)
    cumulative = np.cumsum(ordered)
    upto = np.searchsorted(ordered, pmf * _FISHER_RTOL, side="right")  # tables as or less likely
    return np.minimum(1.0, cumulative[upto - 1])


def min_achievable_p(n_a: int, n_b: int, k: int | None = None) -> float:
    """Smallest two-sided Fisher p-value possible with group sizes ``n_a, n_b``.

    With ``k`` (total documents carrying the claim) the column margin is fixed too — the test
    is conditional on both margins, so this is the best the observed data could do. Without
    ``k`` it is the best over every possible ``k`` (the design's limit).
    """
    if n_a <= 0 or n_b <= 0:
        return 1.0
    ks = [k] if k is not None else range(0, n_a + n_b + 1)
    return float(min(fisher_pvalues_for_margins(n_a, n_b, kk).min() for kk in ks))


#: Columns of :func:`fisher_tests`, in order.
FISHER_COLUMNS = [
    "claim_id",
    "en",
    "frame",
    "group_col",
    "a",
    "b",
    "n_a",
    "n_b",
    "a_with",
    "b_with",
    "share_a",
    "share_b",
    "odds_ratio",
    "p_value",
    "p_holm",
    "min_p",
    "significant",
    "conclusion",
]
#: The per-claim counts and test of :func:`fisher_tests`, before Holm and the claim's text.
_FISHER_COUNT_COLUMNS = [
    c for c in FISHER_COLUMNS if c not in {"en", "frame", "p_holm", "significant", "conclusion"}
]


def fisher_tests(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    claims: Any,
    group_col: str = "lang",
    a: str = "he",
    b: str = "ar",
    alpha: float = 0.05,
    include_negated: bool = False,
) -> pd.DataFrame:
    """Fisher's exact test (two-sided) per claim, group ``a`` vs ``b``, Holm-corrected.

    Articles are treated as independent: this is the article-level test of a comparison
    *between outlets' articles*. For groups above outlets (language …) use
    :func:`helpers.stance.contrast.two_group_contrast`, whose test takes outlets as the unit.

    The table per claim is ``[[a_with, a_without], [b_with, b_without]]`` (articles).
    ``odds_ratio`` is scipy's sample odds ratio (inf / nan when a cell is 0). ``min_p`` is the
    smallest p-value any table with the observed margins could give; when it is ≥ ``alpha``
    the ``conclusion`` says plainly that these group sizes cannot reach significance.

    Columns: :data:`FISHER_COLUMNS`.
    """
    cl = claims_frame(claims)
    claim_ids = list(cl["claim_id"])
    labels = _group_labels(documents, group_col)
    mat = _presence_matrix(documents, mentions, claim_ids, include_negated)
    in_a, in_b = (labels == a).to_numpy(), (labels == b).to_numpy()
    n_a, n_b = int(in_a.sum()), int(in_b.sum())
    rows = []
    for j, claim_id in enumerate(claim_ids):
        a_with, b_with = int(mat[in_a, j].sum()), int(mat[in_b, j].sum())
        if n_a and n_b:
            table = [[a_with, n_a - a_with], [b_with, n_b - b_with]]
            with np.errstate(divide="ignore", invalid="ignore"):
                res = stats.fisher_exact(table, alternative="two-sided")
            odds, p = float(res.statistic), float(res.pvalue)
            min_p = min_achievable_p(n_a, n_b, a_with + b_with)
        else:
            odds, p, min_p = float("nan"), float("nan"), 1.0
        rows.append(
            {
                "claim_id": claim_id,
                "group_col": group_col,
                "a": a,
                "b": b,
                "n_a": n_a,
                "n_b": n_b,
                "a_with": a_with,
                "b_with": b_with,
                "share_a": a_with / n_a if n_a else float("nan"),
                "share_b": b_with / n_b if n_b else float("nan"),
                "odds_ratio": odds,
                "p_value": p,
                "min_p": min_p,
            }
        )
    out = pd.DataFrame(rows, columns=_FISHER_COUNT_COLUMNS)
    out["p_holm"] = holm(out["p_value"]) if len(out) else pd.Series([], dtype=float)
    out["significant"] = (out["p_holm"] < alpha).astype(bool)
    out["conclusion"] = [_fisher_conclusion(r, alpha) for r in out.itertuples(index=False)]
    out = out.merge(cl, on="claim_id", how="left")
    return out[FISHER_COLUMNS]


def _fisher_conclusion(r: Any, alpha: float) -> str:
    """Plain-language reading of one Fisher row."""
    if r.n_a == 0 or r.n_b == 0:
        return (
            f"cannot test: no articles in group {r.a if r.n_a == 0 else r.b!r} "
            f"(n={r.n_a} vs n={r.n_b})"
        )
    counts = f"{r.a} {r.a_with}/{r.n_a} vs {r.b} {r.b_with}/{r.n_b}"
    if r.min_p >= alpha:
        return (
            f"cannot reach significance with n={r.n_a} vs n={r.n_b} "
            f"({counts}; smallest achievable p = {r.min_p:.3g} ≥ {alpha:g})"
        )
    if r.p_holm < alpha:
        more = r.a if r.share_a > r.share_b else r.b
        return (
            f"more frequent in {more} ({counts}); significant after Holm correction "
            f"(p = {r.p_value:.3g}, p_holm = {r.p_holm:.3g})"
        )
    return (
        f"no significant difference after Holm correction ({counts}; p = {r.p_value:.3g}, "
        f"p_holm = {r.p_holm:.3g}) — this is not evidence that the groups are alike"
    )


def small_sample_warning(
    documents: pd.DataFrame,
    group_col: str = "lang",
    a: str | None = None,
    b: str | None = None,
    alpha: float = 0.05,
    group_labels: Mapping[str, str] | None = None,
) -> str:
    """One plain sentence on the sample sizes behind the comparison of ``a`` and ``b``
    (groups named by ``group_labels`` when it names them, else by their values).

    Names every group's article count; the warning itself looks only at the two groups
    compared (``a`` and ``b``; when not given, the two largest groups) — a single article of
    unknown language must not turn 400 vs 400 into a "small sample". When those two groups are
    too small for any Fisher test between them to reach ``alpha`` it says so, with the
    smallest achievable p. (Outlet counts are judged by
    :func:`helpers.stance.contrast.comparison_design`.)
    """
    labels = _group_labels(documents, group_col)
    counts = labels.value_counts().sort_index()
    name = {str(g): str(g) for g in counts.index} | dict(group_labels or {})
    listing = ", ".join(f"{name[str(g)]} n={int(n)}" for g, n in counts.items())
    if len(counts) == 0:
        return f"No articles to compare by {group_col}."
    if a is None or b is None:
        if len(counts) == 1:
            return (
                f"Only one {group_col} group ({listing}) — there is nothing to compare; "
                "figures describe these articles only."
            )
        largest = counts.sort_values(ascending=False, kind="mergesort").index[:2]
        a, b = sorted(str(g) for g in largest)
    n1, n2 = int(counts.get(a, 0)), int(counts.get(b, 0))
    if n1 == 0 or n2 == 0:
        empty = a if n1 == 0 else b
        return (
            f"No {group_col} = {empty!r} articles ({listing}) — there is nothing to compare; "
            "figures describe these articles only."
        )
    if max(n1, n2) <= 200:
        best = min_achievable_p(n1, n2)
        if best >= alpha:
            return (
                f"Very small sample ({listing} articles by {group_col}): with groups this "
                f"small no difference between {name.get(a, a)} and {name.get(b, b)} can reach "
                "significance (smallest "
                f"achievable Fisher p = {best:.3g} ≥ {alpha:g}); read the shares as a "
                "description of these articles, not as estimates for the outlets or languages."
            )
    if min(n1, n2) < 30:
        return (
            f"Small sample ({name.get(a, a)} n={n1} vs {name.get(b, b)} n={n2} articles by "
            f"{group_col}): only large "
            "differences can reach significance and the confidence intervals are wide; treat "
            "differences as indications, not findings."
        )
    return f"Sample sizes by {group_col}: {listing} articles."


# --------------------------------------------------------------------------- frames


def frame_composition(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    claims: Any,
    by: str = "outlet",
    unit: str = "claims",
) -> pd.DataFrame:
    """Share of each codebook frame among the claims found, per group (``by`` = ``doc_id``,
    ``outlet``, ``lang`` or any other documents column).

    ``unit="claims"`` counts each claim once per article (a repetitive article does not weigh
    more); ``unit="mentions"`` counts every mention. Every frame of the codebook appears for
    every group (zero counts included) so stacked bars have a stable order.

    Columns: ``by, group, frame, n, share, n_docs, total``.
    """
    if unit not in {"claims", "mentions"}:
        raise ValueError(f"unit must be 'claims' or 'mentions', got {unit!r}")
    cl = claims_frame(claims)
    frames = list(dict.fromkeys(cl["frame"].astype(str)))
    labels = _group_labels(documents, by) if by != "doc_id" else documents["doc_id"].astype(str)
    group_of = dict(zip(documents["doc_id"].astype(str), labels))
    frame_of = dict(zip(cl["claim_id"], cl["frame"].astype(str)))
    m = _mentions_in(documents, mentions)
    m = m[m["claim_id"].isin(frame_of)]
    if unit == "claims":
        m = m.drop_duplicates(["doc_id", "claim_id"])
    counts: dict[tuple[str, str], int] = {}
    for d, c in zip(m["doc_id"], m["claim_id"]):
        key = (group_of[d], frame_of[c])
        counts[key] = counts.get(key, 0) + 1
    n_docs = pd.Series(list(group_of.values())).value_counts()
    rows = []
    for group in sorted(set(group_of.values())):
        total = sum(counts.get((group, f), 0) for f in frames)
        for frame in frames:
            n = counts.get((group, frame), 0)
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "frame": frame,
                    "n": n,
                    "share": n / total if total else 0.0,
                    "n_docs": int(n_docs[group]),
                    "total": total,
                }
            )
    return pd.DataFrame(rows, columns=["by", "group", "frame", "n", "share", "n_docs", "total"])


# --------------------------------------------------------------------------- voices


def voice_of(speaker: Any) -> str:
    """``"outlet"`` (own voice, or no speaker), ``"media"`` (``MEDIA:<id>``) or ``"actor"``."""
    return str(_voices(_speaker(pd.Series([speaker], dtype=object))).iloc[0])


def _mentions_with_groups(documents: pd.DataFrame, mentions: pd.DataFrame, by: str) -> pd.DataFrame:
    m = _mentions_in(documents, mentions)
    labels = _group_labels(documents, by)
    group_of = dict(zip(documents["doc_id"].astype(str), labels))
    return m.assign(group=m["doc_id"].map(group_of).astype(object))


def voices(documents: pd.DataFrame, mentions: pd.DataFrame, by: str = "lang") -> pd.DataFrame:
    """Who carries each claim, per group: counts and shares of mentions by speaker.

    ``voice`` is ``actor`` (a named actor speaks), ``media`` (relayed from another medium,
    ``MEDIA:<id>``) or ``outlet`` (the outlet's own voice). ``share_in_claim`` is the share of
    the group's mentions of that claim, ``share_in_group`` the share of all the group's
    mentions. Columns: ``by, group, claim_id, voice, speaker, n_mentions, share_in_claim,
    share_in_group``.
    """
    m = _mentions_with_groups(documents, mentions, by)
    cols = [
        "by",
        "group",
        "claim_id",
        "voice",
        "speaker",
        "n_mentions",
        "share_in_claim",
        "share_in_group",
    ]
    if not len(m):
        return pd.DataFrame(columns=cols)
    m["speaker"] = _speaker(m["speaker"]) if "speaker" in m else "OUTLET"
    m["voice"] = _voices(m["speaker"])
    g = (
        m.groupby(["group", "claim_id", "voice", "speaker"], sort=True)
        .size()
        .rename("n_mentions")
        .reset_index()
    )
    per_claim = g.groupby(["group", "claim_id"])["n_mentions"].transform("sum")
    per_group = g.groupby("group")["n_mentions"].transform("sum")
    g["share_in_claim"] = g["n_mentions"] / per_claim
    g["share_in_group"] = g["n_mentions"] / per_group
    g["by"] = by
    g["n_mentions"] = g["n_mentions"].astype("int64")
    return g[cols].reset_index(drop=True)


def hedging_rate(
    documents: pd.DataFrame, mentions: pd.DataFrame, by: str = "lang", per_claim: bool = True
) -> pd.DataFrame:
    """Share of claim mentions that are hedged (and negated), per group (× claim).

    With ``per_claim`` a row per group × claim plus a ``claim_id = "(all)"`` row per group.
    Columns: ``by, group, claim_id, n_mentions, n_hedged, hedged_rate, n_negated,
    negated_rate``.
    """
    m = _mentions_with_groups(documents, mentions, by)
    m = m.assign(
        hedged=_bool(m["hedged"]) if "hedged" in m and len(m) else False,
        negated=_bool(m["negated"]) if "negated" in m and len(m) else False,
    )
    parts = []
    keys_all = m.assign(claim_id="(all)")
    for frame in [m, keys_all] if per_claim else [keys_all]:
        if not len(frame):
            continue
        parts.append(
            frame.groupby(["group", "claim_id"], sort=True)
            .agg(
                n_mentions=("claim_id", "size"),
                n_hedged=("hedged", "sum"),
                n_negated=("negated", "sum"),
            )
            .reset_index()
        )
    cols = [
        "by",
        "group",
        "claim_id",
        "n_mentions",
        "n_hedged",
        "hedged_rate",
        "n_negated",
        "negated_rate",
    ]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["all_last"] = out["claim_id"] == "(all)"
    out = out.sort_values(["group", "all_last", "claim_id"], kind="mergesort")
    for c in ("n_mentions", "n_hedged", "n_negated"):
        out[c] = out[c].astype("int64")
    out["hedged_rate"] = out["n_hedged"] / out["n_mentions"]
    out["negated_rate"] = out["n_negated"] / out["n_mentions"]
    out["by"] = by
    return out[cols].reset_index(drop=True)


def relay_chains(
    documents: pd.DataFrame, mentions: pd.DataFrame, media_lang: Mapping[str, str]
) -> pd.DataFrame:
    """Claims an outlet attributes to another medium (speaker ``MEDIA:<id>``), with the
    medium's language from ``media_lang`` (keys ``"<id>"`` or ``"MEDIA:<id>"``; values such
    as ``he, ar, fa, ru, en``; missing → ``unknown``).

    ``direction`` reads ``medium language → article language`` (e.g. ``fa→he``: a Hebrew
    article relaying a Persian medium); ``cross_language`` is true when the two differ and
    the medium's language is known. Columns: ``doc_id, outlet, lang, claim_id, medium,
    medium_lang, direction, cross_language, n_mentions``.
    """
    cols = [
        "doc_id",
        "outlet",
        "lang",
        "claim_id",
        "medium",
        "medium_lang",
        "direction",
        "cross_language",
        "n_mentions",
    ]
    m = _mentions_in(documents, mentions)
    if not len(m) or "speaker" not in m:
        return pd.DataFrame(columns=cols)
    m = m.assign(speaker=_speaker(m["speaker"]))
    m = m[m["speaker"].str.startswith("MEDIA:")]
    if not len(m):
        return pd.DataFrame(columns=cols)
    lang_map = {}
    for key, value in media_lang.items():
        lang_map[key if str(key).startswith("MEDIA:") else f"MEDIA:{key}"] = str(value)
    docs = documents.assign(doc_id=documents["doc_id"].astype(str))
    if "outlet" not in docs:
        docs = docs.assign(outlet=None)
    g = (
        m.groupby(["doc_id", "claim_id", "speaker"], sort=True)
        .size()
        .rename("n_mentions")
        .reset_index()
    )
    g = g.merge(docs[["doc_id", "outlet", "lang"]], on="doc_id", how="left")
    g["medium"] = g["speaker"].str.slice(len("MEDIA:"))
    g["medium_lang"] = g["speaker"].map(lambda s: lang_map.get(s, "unknown"))
    g["lang"] = g["lang"].astype(object).map(lambda v: UNKNOWN_GROUP if is_missing(v) else str(v))
    g["direction"] = g["medium_lang"] + "→" + g["lang"]
    g["cross_language"] = (g["medium_lang"] != "unknown") & (g["medium_lang"] != g["lang"])
    g["n_mentions"] = g["n_mentions"].astype("int64")
    return g[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- evidence


def counts_by_language(
    documents: pd.DataFrame, tables: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Rows per document language: ``lang``, ``documents`` and one column per table of
    ``tables`` (name → a table with ``doc_id``, e.g. sentences and tokens), sorted by ``lang``;
    0 where a language has no rows in a table."""
    lang = documents[["doc_id", "lang"]]
    counts = {"documents": documents.groupby("lang").size()}
    for name, table in (tables or {}).items():
        counts[name] = table[["doc_id"]].merge(lang, on="doc_id").groupby("lang").size()
    out = pd.DataFrame(counts).fillna(0).astype(int).rename_axis("lang").reset_index()
    return out.sort_values("lang", kind="mergesort").reset_index(drop=True)


def mention_counts(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions per claim (rows, sorted) and document ``lang`` × ``outlet`` (columns, sorted);
    a document without an outlet counts under ``"(unknown outlet)"``; 0 where none."""
    joined = mentions.merge(documents[["doc_id", "lang", "outlet"]], on="doc_id", how="left")
    joined["outlet"] = (
        joined["outlet"]
        .astype(object)
        .map(lambda v: "(unknown outlet)" if is_missing(v) else str(v))
    )
    return joined.pivot_table(
        index="claim_id",
        columns=["lang", "outlet"],
        values="sent_idx",
        aggfunc="count",
        fill_value=0,
    )


def mention_sentences(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    doc_columns: Sequence[str] = ("lang", "outlet", "source"),
) -> pd.DataFrame:
    """Every mention with its sentence, in the mentions' row order: the mentions columns
    (``doc_id`` and ``claim_id`` as str) plus ``s_start, s_end, sentence`` (the sentence's
    offsets into ``documents.text`` and its text) and ``span_start, span_end`` (the claim span
    relative to the sentence). With ``documents``, its ``doc_columns`` that exist are joined
    on. A mention whose sentence is not in ``sentences`` is left out."""
    m = mentions.assign(
        doc_id=mentions["doc_id"].astype(str), claim_id=mentions["claim_id"].astype(str)
    )
    s = sentences.assign(doc_id=sentences["doc_id"].astype(str))
    s = s.rename(columns={"start": "s_start", "end": "s_end", "text": "sentence"})
    j = m.merge(
        s[["doc_id", "sent_idx", "s_start", "s_end", "sentence"]],
        on=["doc_id", "sent_idx"],
        how="inner",
    )
    if documents is not None:
        docs = documents.assign(doc_id=documents["doc_id"].astype(str))
        extra = [c for c in dict.fromkeys(doc_columns) if c in docs and c not in j]
        j = j.merge(docs[["doc_id", *extra]], on="doc_id", how="left")
    j["span_start"] = (j["start"] - j["s_start"]).astype("int64")
    j["span_end"] = (j["end"] - j["s_start"]).astype("int64")
    return j


def evidence_table(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    claims: Any,
    documents: pd.DataFrame | None = None,
    per_claim: int = 1,
    by: str | None = "lang",
) -> pd.DataFrame:
    """Original-script example sentences for the evidence figure: ``per_claim`` per claim
    found — per claim *and* per value of the documents column ``by`` (default ``lang``: a
    Hebrew and an Arabic example when both carry the claim; ``None`` or no ``documents``:
    per claim only). The first mentions in ``doc_id, sent_idx, start`` order are taken,
    non-negated ones first.

    ``sentences`` is the ``sentences`` table (``doc_id, sent_idx, start, end, text``; offsets
    into ``documents.text``); span offsets are returned relative to the sentence. ``gloss`` is
    the claim's English text from the codebook. Columns: ``claim_id, en, frame, doc_id,
    sent_idx, lang, outlet, sentence, span_start, span_end, cue, speaker, negated, hedged,
    gloss``.
    """
    cl = claims_frame(claims)
    m = mentions.assign(
        doc_id=mentions["doc_id"].astype(str), claim_id=mentions["claim_id"].astype(str)
    )
    m = m.assign(_neg=_bool(m["negated"]) if "negated" in m and len(m) else False)
    j = mention_sentences(m, sentences, documents, doc_columns=("lang", "outlet", by or "doc_id"))
    keys = ["claim_id"] + ([by] if documents is not None and by and by in j else [])
    j = j.sort_values(["claim_id", "_neg", "doc_id", "sent_idx", "start"], kind="mergesort")
    j = j.groupby(keys, sort=False, dropna=False).head(per_claim)
    for col in ("lang", "outlet", "cue", "speaker", "hedged"):
        if col not in j:
            j[col] = None
    j = j.merge(cl, on="claim_id", how="inner")
    j["gloss"] = j["en"]
    j["negated"] = j["_neg"]
    order = {c: i for i, c in enumerate(cl["claim_id"])}
    j = j.sort_values(
        ["claim_id", "doc_id", "sent_idx", "start"],
        key=lambda s: s.map(order) if s.name == "claim_id" else s,
        kind="mergesort",
    )
    return j[
        [
            "claim_id",
            "en",
            "frame",
            "doc_id",
            "sent_idx",
            "lang",
            "outlet",
            "sentence",
            "span_start",
            "span_end",
            "cue",
            "speaker",
            "negated",
            "hedged",
            "gloss",
        ]
    ].reset_index(drop=True)

"""A stratified random validation sample of sentences, so human review measures tagger error.

Reviewing only the tagger's own hits measures agreement on what it found, never what it
missed. Here the review set is a probability sample of the **sampling frame**: every sentence
where the tagger found a claim, plus every sentence naming an actor that some claim
``requires`` (:func:`frame_actor_ids`; for the Russia–Iran codebook: the Russian and the
Iranian side) where it found none. The frame is cut into strata ``language × outlet × status``
(``status`` = ``claim`` — the tagger found a claim — or ``actors`` — it names the actors but
no claim was found), and a simple random sample without replacement is drawn in every
stratum.

Allocation (:func:`allocate`): the budget is split evenly between the two statuses
(precision needs tagged sentences, recall needs untagged ones, and untagged sentences
outnumber tagged ones many times), then within a status in proportion to the stratum sizes,
with at least ``min_per_stratum`` sentences per stratum (or the whole stratum when smaller).
Every sampled sentence carries ``weight = N_h / n_h`` (stratum size over sentences sampled
in it), so the weights of a stratum sum to its size and weighted sums over the reviewed
sentences are unbiased for totals over the frame (Horvitz–Thompson). Sentences outside the
frame (no claim found, no Russian-side actor named) are assumed to carry no claim; that
assumption is stated wherever the estimates are shown.

The draw is seeded: ``numpy.random.default_rng(seed)`` over the frame sorted by
``doc_id, sent_idx``, strata in sorted order — the same inputs and seed give the same sample.

:func:`validation_outcomes` turns a reviewed sample back into one row per sentence × claim
(``tagger``, ``human``, ``weight``) for :mod:`helpers.stance.tagger_error`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.claims.codebook import Codebook
from helpers.claims.mention_table import mention_keys, sentence_keys
from helpers.claims.patterns import CompiledPattern, compile_pattern
from helpers.core.io import is_missing
from helpers.core.paths import display_path
from helpers.text.clean import normalize_for_match

__all__ = [
    "FRAME_COLUMNS",
    "SAMPLE_COLUMNS",
    "OUTCOME_COLUMNS",
    "STATUS_CLAIM",
    "STATUS_ACTORS",
    "frame_actor_ids",
    "names_actors",
    "sampling_frame",
    "allocate",
    "draw_validation_sample",
    "validation_outcomes",
    "ValidationRound",
    "validation_round",
    "strata_summary",
]

STATUS_CLAIM = "claim"
STATUS_ACTORS = "actors"
NO_OUTLET = "(no outlet)"

FRAME_COLUMNS = ["doc_id", "sent_idx", "lang", "outlet", "status", "stratum"]
SAMPLE_COLUMNS = FRAME_COLUMNS + ["stratum_size", "stratum_sampled", "weight"]
OUTCOME_COLUMNS = [
    "doc_id",
    "sent_idx",
    "lang",
    "outlet",
    "status",
    "stratum",
    "weight",
    "claim_id",
    "tagger",
    "human",
]


def frame_actor_ids(codebook: Codebook, anchor: str | None = None) -> tuple[str, ...]:
    """The actors whose naming puts a sentence in the frame: every actor in some claim's
    ``requires`` — or, with ``anchor`` (an actor id), only ``anchor``'s side: ``anchor`` plus
    every actor listed with it in one inner list of some claim's ``requires``. The codebook is
    the only source: no story's actor is named here."""
    side = set() if anchor is None else {anchor}
    for claim in codebook.claims:
        for group in claim.requires:
            if anchor is None or anchor in group:
                side.update(group)
    return tuple(sorted(a for a in side if a in codebook.actors))


def names_actors(
    sentences: pd.DataFrame,
    langs: pd.Series,
    codebook: Codebook,
    actor_ids: Iterable[str],
) -> pd.Series:
    """Whether each sentence names one of ``actor_ids`` (the codebook's actor patterns,
    matched on the ``norm`` form as the tagger does). ``langs`` is each sentence's language,
    aligned with ``sentences``; a language the codebook does not cover gives False."""
    wanted = list(actor_ids)
    compiled: dict[str, list[CompiledPattern]] = {}
    out = []
    for text, lang in zip(sentences["text"].astype(str), langs.astype(object)):
        if is_missing(lang) or lang not in codebook.languages:
            out.append(False)
            continue
        if lang not in compiled:
            compiled[lang] = [
                compile_pattern(p, lang)
                for aid in wanted
                for p in codebook.actors[aid].patterns.get(lang, ())
            ]
        norm = normalize_for_match(text, lang)
        out.append(any(next(iter(c.finditer(norm)), None) is not None for c in compiled[lang]))
    return pd.Series(out, index=sentences.index, dtype=bool)


def _outlet_label(value: object) -> str:
    return NO_OUTLET if is_missing(value) or not str(value).strip() else str(value)


def sampling_frame(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
    actor_ids: Iterable[str] | None = None,
    outlet_col: str = "outlet",
) -> pd.DataFrame:
    """The sentences a validation sample is drawn from, with their stratum.

    A sentence is in the frame when the tagger found a claim in it (any non-human mention;
    status ``claim``) or it names one of ``actor_ids`` (default: :func:`frame_actor_ids`,
    every actor some claim requires; status ``actors``). ``stratum`` is ``"<lang> | <outlet> | <status>"``. Columns
    :data:`FRAME_COLUMNS`, sorted by ``doc_id, sent_idx``.
    """
    actor_ids = tuple(actor_ids) if actor_ids is not None else frame_actor_ids(codebook)
    docs = documents.assign(doc_id=documents["doc_id"].astype(str))
    lang_of = dict(zip(docs["doc_id"], docs["lang"].astype(object)))
    outlets = docs[outlet_col] if outlet_col in docs else pd.Series(None, index=docs.index)
    outlet_of = dict(zip(docs["doc_id"], (_outlet_label(v) for v in outlets.astype(object))))
    sents = sentences.assign(doc_id=sentences["doc_id"].astype(str))
    sents = sents[sents["doc_id"].isin(lang_of)].reset_index(drop=True)
    langs = sents["doc_id"].map(lang_of)
    machine = mentions
    if "method" in mentions and len(mentions):
        machine = mentions[mentions["method"].astype(str) != "human"]
    tagged_keys = sentence_keys(machine)
    tagged = np.array(
        [(d, int(i)) in tagged_keys for d, i in zip(sents["doc_id"], sents["sent_idx"])],
        dtype=bool,
    )
    named = names_actors(sents, langs, codebook, actor_ids).to_numpy()
    keep = tagged | named
    frame = pd.DataFrame(
        {
            "doc_id": sents["doc_id"][keep].to_numpy(),
            "sent_idx": sents["sent_idx"][keep].astype("int64").to_numpy(),
            "lang": [str(v) for v in langs[keep]],
            "outlet": sents["doc_id"][keep].map(outlet_of).to_numpy(),
            "status": np.where(tagged[keep], STATUS_CLAIM, STATUS_ACTORS),
        }
    )
    frame["stratum"] = frame["lang"] + " | " + frame["outlet"] + " | " + frame["status"]
    return frame.sort_values(["doc_id", "sent_idx"], kind="mergesort").reset_index(drop=True)[
        FRAME_COLUMNS
    ]


def allocate(sizes: pd.Series, statuses: pd.Series, n: int, min_per_stratum: int = 2) -> pd.Series:
    """Sentences to sample per stratum (see the module docstring): ``n`` split evenly over
    the statuses present, proportional to ``sizes`` within a status, at least
    ``min_per_stratum`` (capped at the stratum size). Indexed like ``sizes``."""
    if n < 1:
        raise ValueError(f"sample size must be ≥ 1, got {n}")
    out = pd.Series(0, index=sizes.index, dtype="int64")
    present = sorted(set(statuses))
    for status in present:
        part = sizes[statuses == status]
        budget = n / len(present)
        share = budget * part / part.sum()
        want = np.maximum(np.rint(share).astype("int64"), min_per_stratum)
        out[part.index] = np.minimum(want, part.to_numpy())
    return out


def draw_validation_sample(
    frame: pd.DataFrame, n: int = 300, seed: int = 20240101, min_per_stratum: int = 2
) -> pd.DataFrame:
    """A seeded stratified random sample of ``frame`` (:func:`sampling_frame`).

    Columns :data:`SAMPLE_COLUMNS`: the frame's columns plus ``stratum_size`` (N_h),
    ``stratum_sampled`` (n_h) and ``weight`` (N_h / n_h); the weights of each stratum sum to
    its size. Rows sorted by ``stratum, doc_id, sent_idx``. An empty frame gives an empty
    sample.
    """
    if not len(frame):
        return pd.DataFrame(columns=SAMPLE_COLUMNS)
    frame = frame.sort_values(["doc_id", "sent_idx"], kind="mergesort").reset_index(drop=True)
    sizes = frame.groupby("stratum", sort=True).size()
    statuses = frame.groupby("stratum", sort=True)["status"].first()
    take = allocate(sizes, statuses, n, min_per_stratum)
    rng = np.random.default_rng(seed)
    parts = []
    for stratum in sizes.index:  # sorted: the draw order is fixed
        rows = frame[frame["stratum"] == stratum]
        k = int(take[stratum])
        if k == 0:
            continue
        pick = np.sort(rng.choice(len(rows), size=k, replace=False))
        chosen = rows.iloc[pick].copy()
        chosen["stratum_size"] = int(len(rows))
        chosen["stratum_sampled"] = k
        chosen["weight"] = len(rows) / k
        parts.append(chosen)
    out = pd.concat(parts, ignore_index=True)
    ordered: pd.DataFrame = out.sort_values(["stratum", "doc_id", "sent_idx"], kind="mergesort")
    return ordered.reset_index(drop=True)[SAMPLE_COLUMNS]


def validation_outcomes(
    reviewed: pd.DataFrame,
    tagger_mentions: pd.DataFrame,
    human_mentions: pd.DataFrame,
    claim_ids: Iterable[str],
) -> pd.DataFrame:
    """One row per reviewed sentence × claim: did the tagger find it, did the reviewer.

    ``reviewed`` is a review import's ``reviewed`` table carrying the sample's columns
    (``doc_id, sent_idx, lang, outlet, status, stratum, weight`` — see
    :func:`helpers.claims.review.import_csv`); sentences without a weight (not from a
    validation sample) are dropped. ``tagger_mentions`` are the tagger's mentions (method
    other than ``human``); ``human_mentions`` the reviewer's accepted labels. A negated
    mention counts as found (the tagger's job is to find the claim; negation is scored
    apart). Columns :data:`OUTCOME_COLUMNS`.
    """
    if "weight" not in reviewed or not len(reviewed):
        return pd.DataFrame(columns=OUTCOME_COLUMNS)
    sample = reviewed[reviewed["weight"].notna()].drop_duplicates(["doc_id", "sent_idx"])
    if not len(sample):
        return pd.DataFrame(columns=OUTCOME_COLUMNS)

    machine = tagger_mentions
    if "method" in machine and len(machine):
        machine = machine[machine["method"].astype(str) != "human"]
    found, labelled = mention_keys(machine), mention_keys(human_mentions)
    rows = []
    s: Any  # an itertuples row: its columns are dynamically typed
    for s in sample.itertuples(index=False):
        for claim_id in claim_ids:
            key = (str(s.doc_id), int(s.sent_idx), claim_id)
            rows.append(
                {
                    "doc_id": str(s.doc_id),
                    "sent_idx": int(s.sent_idx),
                    "lang": str(s.lang),
                    "outlet": str(s.outlet),
                    "status": str(s.status),
                    "stratum": str(s.stratum),
                    "weight": float(s.weight),
                    "claim_id": claim_id,
                    "tagger": key in found,
                    "human": key in labelled,
                }
            )
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS)


@dataclass(frozen=True)
class ValidationRound:
    """One pass of notebook 02's validation step: the frame, the drawn sample, the tagger's
    mentions it was drawn from, and the outcomes of a reviewed copy (empty until one is
    imported)."""

    frame: pd.DataFrame
    sample: pd.DataFrame
    tagger_mentions: pd.DataFrame
    outcomes: pd.DataFrame

    def message(self, exported: str | Path) -> str:
        """Two plain lines for the notebook (``exported`` shown relative to the project root,
        so the line — and the report — is the same in every checkout)."""
        strata = self.sample["stratum"].nunique() if len(self.sample) else 0
        first = (
            f"validation sample: {len(self.sample)} of {len(self.frame)} frame sentences in "
            f"{strata} strata → {display_path(exported)}"
        )
        if len(self.outcomes):
            n = len(self.outcomes[["doc_id", "sent_idx"]].drop_duplicates())
            return (
                f"{first}\nreviewed validation sentences: {n} (weights carried back; "
                "notebook 03 corrects for tagger error)"
            )
        return (
            f"{first}\nno reviewed validation sample yet: notebook 03 will say its estimates "
            "assume a perfect tagger"
        )


def validation_round(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
    reviewed: Any = None,
    n: int = 300,
    seed: int = 20240101,
) -> ValidationRound:
    """Frame, seeded sample and — when ``reviewed`` (a
    :class:`helpers.claims.review.ReviewImport` of a reviewed sample) is given — the
    outcomes, from the tagger's mentions (``method`` other than ``human``) only."""
    machine = mentions
    if "method" in mentions and len(mentions):
        machine = mentions[mentions["method"].astype(str) != "human"]
    frame = sampling_frame(documents, sentences, machine, codebook)
    sample = draw_validation_sample(frame, n=n, seed=seed)
    claim_ids = [c.id for c in codebook.claims]
    if reviewed is None:
        outcomes = pd.DataFrame(columns=OUTCOME_COLUMNS)
    else:
        outcomes = validation_outcomes(reviewed.reviewed, machine, reviewed.mentions, claim_ids)
    return ValidationRound(frame, sample, machine, outcomes)


def strata_summary(sample: pd.DataFrame) -> pd.DataFrame:
    """One row per stratum: ``lang, outlet, status, frame_sentences, sampled, weight``."""
    columns = ["lang", "outlet", "status", "frame_sentences", "sampled", "weight"]
    if not len(sample):
        return pd.DataFrame(columns=columns)
    return (
        sample.groupby(["lang", "outlet", "status"], sort=True)
        .agg(
            frame_sentences=("stratum_size", "first"),
            sampled=("stratum_sampled", "first"),
            weight=("weight", "first"),
        )
        .reset_index()[columns]
    )

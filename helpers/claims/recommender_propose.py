"""The recommender's proposals (:mod:`helpers.claims.recommender`) in a corpus, and notebook
02's step that exports them for review.

:func:`recommend` scores every in-scope sentence of the documents and returns, in the
``mentions`` schema (:data:`helpers.claims.mention_table.MENTION_COLUMNS`), one row per
sentence × claim whose probability reaches the claim's threshold and that ``mentions`` (the
rules' table) does not already hold: the span is the sentence, ``method = "model"``,
``speaker`` missing (the model does not resolve a voice), ``negated``/``hedged`` False, and
``rule = "model:<claim> p=0.93 top: <n-gram> | <n-gram> | <n-gram>"`` — the probability and the
n-grams that contributed most to the score. :func:`proposal_round` is notebook 02's step: the
model shipped beside the codebook, its proposals, their review CSV.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.claims.codebook import Codebook
from helpers.claims.mention_table import MentionRow, mention_keys, mentions_frame, sentence_keys
from helpers.claims.recommender import Recommender, RecommenderError
from helpers.claims.recommender_io import load_recommender, model_path_for
from helpers.claims.validation import frame_actor_ids, names_actors
from helpers.text.clean import normalize_for_match

__all__ = [
    "MODEL_METHOD",
    "PROPOSALS_CSV",
    "PROPOSAL_DISPLAY_COLUMNS",
    "ProposalRound",
    "proposal_round",
    "recommend",
]

#: ``method`` of a proposed mention.
MODEL_METHOD = "model"
#: n-grams named in a proposal's ``rule``.
TOP_NGRAMS = 3


def _top_ngrams(model: Recommender, row: sparse.csr_matrix, coef: np.ndarray) -> list[str]:
    contributions = row.data * coef[row.indices]
    order = np.argsort(-contributions, kind="stable")[:TOP_NGRAMS]
    names = model.feature_names
    return [names[row.indices[i]].strip() for i in order if contributions[i] > 0]


def recommend(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    model: Recommender,
    codebook: Codebook,
) -> pd.DataFrame:
    """Model proposals (module docstring): a ``mentions``-schema table, ``method = "model"``,
    for in-scope sentences × modelled claims at or above the claim's threshold that
    ``mentions`` does not already hold (any method). ``documents`` needs ``doc_id, lang,
    text``; ``sentences`` ``doc_id, sent_idx, start, end``. Raises
    :class:`~helpers.claims.recommender.RecommenderError` when the model is for another
    codebook."""
    if codebook.name != model.codebook:
        raise RecommenderError(
            f"recommender: codebook: model is for {model.codebook!r}, not {codebook.name!r}"
        )
    text_of = dict(zip(documents["doc_id"].astype(str), documents["text"].astype(str)))
    lang_of = dict(zip(documents["doc_id"].astype(str), documents["lang"].astype(object)))
    sents = sentences.assign(doc_id=sentences["doc_id"].astype(str))
    sents = sents[sents["doc_id"].map(lambda d: lang_of.get(d) in model.languages)]
    if sents.empty or not model.claims:
        return mentions_frame([])
    texts = [
        text_of[d][int(s) : int(e)]
        for d, s, e in zip(sents["doc_id"], sents["start"], sents["end"])
    ]
    langs = sents["doc_id"].map(lang_of)
    frame = pd.DataFrame({"text": texts}, index=sents.index)
    in_scope = names_actors(frame, langs, codebook, frame_actor_ids(codebook)).to_numpy()
    sents = sents[in_scope].reset_index(drop=True)
    texts = [t for t, keep in zip(texts, in_scope) if keep]
    langs_kept = [str(lg) for lg, keep in zip(langs, in_scope) if keep]
    if sents.empty:
        return mentions_frame([])
    features = model.features(
        [normalize_for_match(t, lg) for t, lg in zip(texts, langs_kept)], langs_kept
    )
    probabilities = model.probabilities(features)
    found = mention_keys(mentions)
    doc_ids = [str(d) for d in sents["doc_id"]]
    sent_idxs = [int(k) for k in sents["sent_idx"]]
    spans = list(zip(sents["start"].astype(int).tolist(), sents["end"].astype(int).tolist()))
    rows: list[MentionRow] = []
    for cid, claim in model.claims.items():
        p = probabilities[cid].to_numpy()
        for i in np.flatnonzero(p >= claim.threshold):
            doc_id, sent_idx = doc_ids[i], sent_idxs[i]
            if (doc_id, sent_idx, cid) in found:
                continue
            top = _top_ngrams(model, features.getrow(i), claim.coef)
            rule = f"model:{cid} p={math.floor(p[i] * 100) / 100:.2f}"
            if top:
                rule += " top: " + " | ".join(top)
            rows.append(
                MentionRow(
                    doc_id,
                    sent_idx,
                    cid,
                    spans[i][0],
                    spans[i][1],
                    texts[i],
                    False,
                    False,
                    None,
                    None,  # type: ignore[arg-type]  # the model resolves no speaker
                    MODEL_METHOD,
                    model.codebook_version,
                    rule,
                )
            )
    rows.sort(key=lambda r: (r.doc_id, r.sent_idx, r.start, r.claim_id))
    return mentions_frame(rows)


# --------------------------------------------------------------------------- notebook step

#: Columns of the proposals shown in notebook 02 (the rest are in the ``proposals`` table).
PROPOSAL_DISPLAY_COLUMNS = ("doc_id", "sent_idx", "claim_id", "rule", "cue")
#: File name of the proposals' review CSV in the export folder.
PROPOSALS_CSV = "model_proposals.csv"


@dataclass(frozen=True)
class ProposalRound:
    """Notebook 02's recommender step: the ``proposals`` table (mentions schema, ``method =
    "model"``; empty when no model was used), the review CSV written (or None) and the plain
    lines to print."""

    proposals: pd.DataFrame
    exported: Path | None
    lines: tuple[str, ...]

    def message(self) -> str:
        """The plain lines the notebook prints."""
        return "\n".join(self.lines)


def proposal_round(
    codebook_path: str | Path,
    enabled: bool,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
    export_dir: str | Path,
) -> ProposalRound:
    """Load the model shipped beside the codebook
    (:func:`~helpers.claims.recommender_io.model_path_for`; not ``enabled`` — the analyst
    turned the recommender off — or no model file: say so and propose nothing),
    :func:`recommend` beside ``mentions`` and write the proposals' review CSV
    (:data:`PROPOSALS_CSV` in ``export_dir``, the review CSV's columns, one row per proposed
    sentence: fill ``reviewer_claims`` and pass it back as ``review_in``; accepted claims come
    back as ``method="human"`` mentions). Proposals never enter ``mentions``."""
    from helpers.claims.review import export_csv  # lazy: review imports the tagger
    from helpers.core.paths import display_path

    if not enabled:
        return ProposalRound(mentions_frame([]), None, ("use_recommender = False: no proposals",))
    path = model_path_for(codebook_path)
    if not path.is_file():
        return ProposalRound(
            mentions_frame([]),
            None,
            (f"no recommender ships with codebook {codebook.name} ({display_path(path)}): "
             "no proposals",),
        )  # fmt: skip
    model = load_recommender(path, codebook)
    lines = [
        f"recommender {display_path(path)} (codebook {model.codebook} v{model.codebook_version}"
        f"; models for {len(model.claims)} of {len(codebook.claims)} claims: "
        f"{', '.join(model.claims) or 'none'})"
    ]
    if model.codebook_version != codebook.version:
        lines.append(
            f"note: the model was trained with codebook v{model.codebook_version}, this is "
            f"v{codebook.version} — retrain it (make recommender)"
        )
    if not model.claims:
        lines.append(
            "no claim reached the model's precision target on its training data (reasons under "
            "no_model in the file): no proposals"
        )
    proposals = recommend(documents, sentences, mentions, model, codebook)
    keys = sentence_keys(proposals)
    proposed = sentences[
        [(str(d), int(i)) in keys for d, i in zip(sentences["doc_id"], sentences["sent_idx"])]
    ]
    exported = export_csv(
        Path(export_dir) / PROPOSALS_CSV,
        documents,
        proposed,
        proposals.assign(speaker=proposals["speaker"].fillna("")),
    )
    lines.append(
        f"{len(proposals)} model proposals (method='model', kept out of the mentions) in "
        f"{len(keys)} sentences → {display_path(exported)}: review them and pass the file "
        "back as review_in"
    )
    return ProposalRound(proposals, exported, tuple(lines))

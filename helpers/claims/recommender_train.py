"""Training the recommender (:mod:`helpers.claims.recommender`): which gold lines it learns
from, and how each claim's classifier and decision threshold are fitted.

Data
----
Training sentences are gold lines (:func:`helpers.claims.evaluate.read_gold`) whose ``split`` is
:data:`TRAINING_SPLIT` (``"tune"``) or that have no ``split`` at all (the seeds' gold set): a line
of a held-out part (``final``, ``final3`` …) is never read into the training set. Written
paraphrase sets (:func:`helpers.claims.written.read_written_set`) given as ``written_paths`` are
read whole, every sentence with its writer's codes: only development sets may be passed (the
caller's list says which; ``bench/train_recommender.py`` names them). The quote is
the sentence; its language is read from its script (:func:`helpers.text.lang.detect_lang`, or
the majority of Hebrew vs Arabic letters for a short quote). Only sentences **in scope** are
used — and only they ever get a proposal: sentences that name at least one actor some claim
``requires`` (:func:`helpers.claims.validation.names_actors` over
:func:`helpers.claims.validation.frame_actor_ids`: the tagger's actor patterns on the ``norm``
form). A label is positive when the gold line carries the claim (negated or not: the unit is
sentence × claim, as :func:`helpers.claims.evaluate.score` counts).

Fitting
-------
The features (:meth:`helpers.claims.recommender.Recommender.features`) are fitted on the
training sentences, the word classes taken from the codebook (:func:`word_classes`). Per claim
with at least ``min_positives`` positive sentences: ``LogisticRegression`` (L2,
``class_weight="balanced"``, fixed ``random_state``). A claim's **decision threshold** comes
from cross-validation grouped by article (``GroupKFold``: sentences of one article never sit on
both sides): out-of-fold probabilities, each fold's vectoriser and classifier fitted on the
other folds only; the threshold is the lowest out-of-fold probability at which precision is at
least ``target_precision`` with at least ``min_true_positives`` true positives — counted **only
over the sentences where the rule tagger does not find the claim** (:func:`rule_findings`),
because that is where proposals go: a classifier that mostly re-finds the rules' sentences must
still be precise on the rest. A claim that cannot reach it gets no model (``no_model`` says
why).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from helpers.claims.codebook import Codebook
from helpers.claims.evaluate import read_gold
from helpers.claims.recommender import (
    ClaimModel,
    Recommender,
    RecommenderError,
    RecommenderSettings,
    _probability,
    _round,
    _round_float,
    _vectorizers,
)
from helpers.claims.validation import frame_actor_ids, names_actors
from helpers.claims.written import read_written_set
from helpers.core.io import file_sha256, text_sha256
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.lang import detect_lang, script_counts

__all__ = [
    "TRAINING_SPLIT",
    "TrainingSet",
    "choose_threshold",
    "out_of_fold_probabilities",
    "train_recommender",
    "training_set",
    "word_classes",
]

#: The only gold ``split`` read into a training set (lines without a ``split`` — the seeds'
#: gold set — are read too; every other split is held out).
TRAINING_SPLIT = "tune"


@dataclass(frozen=True)
class TrainingSet:
    """In-scope training sentences: ``text`` (the ``norm`` form), ``lang``, ``group`` (the
    article: gold file name + ``source``), one 0/1 ``labels`` column per claim id and, aligned
    with it, ``found``: 1 where the rule tagger finds that claim in the sentence
    (:func:`rule_findings`); plus what was read (``files``: path, sha256 of the file and of the
    lines used, line count) and how many sentences were left out of scope."""

    sentences: pd.DataFrame
    labels: pd.DataFrame
    found: pd.DataFrame
    files: tuple[dict[str, Any], ...]
    out_of_scope: int


# --------------------------------------------------------------------------- training data


def _quote_lang(quote: str, languages: Sequence[str]) -> str | None:
    lang = detect_lang(quote)
    if lang not in ("he", "ar"):
        counts = script_counts(quote)
        if counts["hebrew"] == counts["arabic"]:
            return None
        lang = "he" if counts["hebrew"] > counts["arabic"] else "ar"
    return lang if lang in languages else None


def _gold_training_lines(path: Path) -> list[dict[str, Any]]:
    """The lines of gold file ``path`` a training set may read (``split`` tune or absent)."""
    return [
        rec for rec in read_gold(path) if "split" not in rec or rec.get("split") == TRAINING_SPLIT
    ]


def _written_training_lines(path: Path, codebook: Codebook) -> list[dict[str, Any]]:
    """Every sentence of written set ``path`` as a gold-shaped line (``source``, ``quote``,
    ``claims``)."""
    gold = read_written_set(path, set(codebook.claim_ids))[2]
    return [
        {"source": s, "quote": q, "claims": c}
        for s, q, c in zip(gold["source"], gold["quote"], gold["claims"], strict=True)
    ]


def training_set(
    gold_paths: Iterable[str | Path],
    codebook: Codebook,
    written_paths: Iterable[str | Path] = (),
) -> TrainingSet:
    """The in-scope training sentences of ``gold_paths`` and of the written development sets
    ``written_paths`` (rules in the module docstring): only gold lines whose ``split`` is
    :data:`TRAINING_SPLIT` or absent. Raises
    :class:`~helpers.claims.recommender.RecommenderError` when no sentence is left."""
    rows: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    sources = [(Path(p), _gold_training_lines(Path(p))) for p in gold_paths]
    sources += [(Path(p), _written_training_lines(Path(p), codebook)) for p in written_paths]
    for path, used in sources:
        canonical = "\n".join(
            json.dumps(
                {k: rec[k] for k in ("source", "quote", "claims")},
                ensure_ascii=False,
                sort_keys=True,
            )
            for rec in used
        )
        files.append(
            {
                "path": path.name,
                "sha256": file_sha256(path),
                "lines_sha256": text_sha256(canonical),
                "lines": len(used),
            }
        )
        for rec in used:
            quote = str(rec["quote"])
            lang = _quote_lang(quote, codebook.languages)
            if lang is None:
                continue
            text = clean_text(quote, lang).strip()
            rows.append(
                {
                    "text": text,
                    "lang": lang,
                    "group": f"{path.name}:{rec['source']}",
                    "claims": {str(c["claim_id"]) for c in rec["claims"]},
                }
            )
    table = pd.DataFrame(rows, columns=["text", "lang", "group", "claims"])
    in_scope = names_actors(table, table["lang"], codebook, frame_actor_ids(codebook))
    kept = table[in_scope.to_numpy()].reset_index(drop=True)
    if kept.empty:
        names = ", ".join(f["path"] for f in files)
        raise RecommenderError(f"{names}: training lines: no in-scope sentence to train on")
    labels = pd.DataFrame(
        {cid: [int(cid in claims) for claims in kept["claims"]] for cid in codebook.claim_ids},
        columns=list(codebook.claim_ids),
    )
    sentences = pd.DataFrame(
        {
            "text": [normalize_for_match(t, lg) for t, lg in zip(kept["text"], kept["lang"])],
            "lang": kept["lang"].astype(str),
            "group": kept["group"].astype(str),
        }
    )
    found = rule_findings(table, codebook)[in_scope.to_numpy()].reset_index(drop=True)
    return TrainingSet(sentences, labels, found, tuple(files), int((~in_scope).sum()))


def rule_findings(table: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """0/1 per claim id (columns) for every row of ``table`` (``text``, ``lang``, ``group``):
    whether the rule tagger (:func:`helpers.claims.annotate.annotate`) finds the claim in it.
    The coded sentences of one article are tagged together, in file order, as one document
    (one sentence per line), so the tagger's article context sees the headline and the coded
    sentences before — an approximation: sentences nobody coded are missing from it."""
    from helpers.claims.annotate import annotate  # lazy: the tagger is heavy to build

    documents, sentences = [], []
    for group, part in table.groupby("group", sort=False):
        offset = 0
        for position, text in zip(part.index, part["text"]):
            sentences.append(
                {"doc_id": str(group), "sent_idx": int(position), "start": offset,
                 "end": offset + len(text)}
            )  # fmt: skip
            offset += len(text) + 1
        lang = str(part["lang"].iloc[0])
        documents.append({"doc_id": str(group), "lang": lang, "text": "\n".join(part["text"])})
    mentions = annotate(pd.DataFrame(documents), pd.DataFrame(sentences), codebook)
    found = pd.DataFrame(0, index=table.index, columns=list(codebook.claim_ids))
    for position, claim_id in zip(mentions["sent_idx"].astype(int), mentions["claim_id"]):
        if claim_id in found.columns:
            found.loc[position, claim_id] = 1
    return found


# --------------------------------------------------------------------------- fitting


def _fit_features(
    texts: Sequence[str], settings: RecommenderSettings
) -> tuple[tuple[tuple[str, ...], np.ndarray], tuple[tuple[str, ...], np.ndarray]]:
    """Fit both vectorisers: (vocabulary in feature order, rounded idf) per block."""
    blocks = []
    for vec in _vectorizers(settings):
        vec.fit(list(texts))
        names = tuple(str(n) for n in vec.get_feature_names_out())
        blocks.append((names, _round(vec.idf_)))
    return blocks[0], blocks[1]


def _fit_claim(
    features: sparse.csr_matrix, y: np.ndarray, settings: RecommenderSettings
) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression  # lazy: heavy

    clf = LogisticRegression(
        C=settings.c,
        class_weight="balanced",
        max_iter=5000,
        random_state=settings.random_state,
    )
    clf.fit(features, y)
    return _round(clf.coef_[0]), _round_float(float(clf.intercept_[0]))


def word_classes(codebook: Codebook) -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
    """The codebook's word classes as recommender features, in codebook order: every lexicon
    class (``lex:<class>``) and every actor group (``group:<name>``: the patterns of its
    actors), each with its patterns per language. They are copied into the model file, so a
    model keeps its features when the codebook's lexicons grow."""
    out: list[tuple[str, dict[str, tuple[str, ...]]]] = [
        (f"lex:{name}", {lang: tuple(ps) for lang, ps in per_lang.items()})
        for name, per_lang in codebook.lexicons.items()
    ]
    for name, actor_ids in codebook.actor_groups.items():
        per_lang: dict[str, list[str]] = {}
        for actor_id in actor_ids:
            actor = codebook.actors.get(actor_id)
            for lang, patterns in (actor.patterns if actor else {}).items():
                per_lang.setdefault(lang, []).extend(patterns)
        out.append((f"group:{name}", {lang: tuple(ps) for lang, ps in per_lang.items()}))
    return tuple(out)


def _fit(
    sentences: pd.DataFrame,
    labels: pd.DataFrame,
    claim_ids: Sequence[str],
    settings: RecommenderSettings,
    classes: tuple[tuple[str, dict[str, tuple[str, ...]]], ...],
) -> tuple[Recommender, dict[str, tuple[np.ndarray, float]]]:
    """Features and one classifier per claim in ``claim_ids`` (no thresholds yet)."""
    char, word = _fit_features(sentences["text"].tolist(), settings)
    model = Recommender(
        "", 0, (), settings, char[0], char[1], word[0], word[1], classes, {}, {}, {}
    )
    features = model.features(sentences["text"].tolist(), sentences["lang"].tolist())
    fitted = {}
    for cid in claim_ids:
        y = labels[cid].to_numpy()
        if 0 < y.sum() < len(y):
            fitted[cid] = _fit_claim(features, y, settings)
    return model, fitted


def choose_threshold(
    probabilities: np.ndarray,
    labels: np.ndarray,
    target_precision: float,
    min_true_positives: int,
) -> tuple[float, float, float, int] | None:
    """(threshold, precision, recall, true positives) of the lowest probability ``t`` such that
    the sentences with probability ≥ ``t`` have precision ≥ ``target_precision`` and hold at
    least ``min_true_positives`` positives; None when no ``t`` does. Ties are never split.

    The candidate cuts and their precision and recall are scikit-learn's
    ``precision_recall_curve``: one cut per distinct probability (ties unsplit), precision and
    recall computed as ``tp / predicted`` and ``tp / positives``. Its last point (recall 0, no
    threshold) is not a cut. Labels without a positive give None before the curve is drawn
    (scikit-learn would warn and set recall to 1): no cut holds a true positive there."""
    from sklearn.metrics import precision_recall_curve  # lazy: heavy

    y = np.asarray(labels)
    positives = int(y.sum())
    if positives == 0 or positives < min_true_positives:
        return None
    precision, recall, thresholds = precision_recall_curve(
        y, np.asarray(probabilities, dtype=np.float64)
    )
    precision, recall = precision[:-1], recall[:-1]  # thresholds ascend, aligned with these
    true_positives = np.rint(recall * positives).astype(np.int64)
    cuts = np.flatnonzero((precision >= target_precision) & (true_positives >= min_true_positives))
    if cuts.size == 0:
        return None
    best = int(cuts[0])  # the lowest threshold that qualifies
    return (
        _round_float(float(thresholds[best])),
        float(precision[best]),
        float(recall[best]),
        int(true_positives[best]),
    )


def out_of_fold_probabilities(
    data: TrainingSet,
    claim_ids: Sequence[str],
    settings: RecommenderSettings,
    classes: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = (),
) -> pd.DataFrame:
    """Probabilities of every training sentence from models fitted without its article
    (``GroupKFold`` by ``group``; vectorisers refitted in each fold). Columns: ``claim_ids``."""
    from sklearn.model_selection import GroupKFold  # lazy: heavy

    groups = data.sentences["group"].to_numpy()
    n_folds = min(settings.folds, len(set(groups)))
    out = np.zeros((len(data.sentences), len(claim_ids)), dtype=np.float64)
    column = {cid: j for j, cid in enumerate(claim_ids)}
    if n_folds >= 2:
        folds = GroupKFold(n_splits=n_folds).split(groups, groups=groups)
        for train_idx, test_idx in folds:
            model, fitted = _fit(
                data.sentences.iloc[train_idx],
                data.labels.iloc[train_idx],
                claim_ids,
                settings,
                classes,
            )
            test = data.sentences.iloc[test_idx]
            features = model.features(test["text"].tolist(), test["lang"].tolist())
            for cid, (coef, intercept) in fitted.items():
                out[test_idx, column[cid]] = _probability(features @ coef + intercept)
    return pd.DataFrame(out, index=data.sentences.index, columns=list(claim_ids))


def train_recommender(
    data: TrainingSet, codebook: Codebook, settings: RecommenderSettings | None = None
) -> Recommender:
    """Train on ``data`` (see the module docstring): thresholds from grouped out-of-fold
    probabilities, then every kept claim refitted on all of ``data``. Deterministic."""
    settings = settings or RecommenderSettings()
    positives = {cid: int(data.labels[cid].sum()) for cid in codebook.claim_ids}
    no_model: dict[str, str] = {}
    candidates = []
    for cid in codebook.claim_ids:
        if positives[cid] < settings.min_positives:
            no_model[cid] = f"{positives[cid]} positive sentences (< {settings.min_positives})"
        else:
            candidates.append(cid)
    classes = word_classes(codebook)
    oof = out_of_fold_probabilities(data, candidates, settings, classes)
    thresholds = {}
    missed_of: dict[str, np.ndarray] = {}
    for cid in candidates:
        missed = missed_of[cid] = (  # proposals only go where the rules miss
            data.found[cid].to_numpy() == 0
            if settings.thresholds_where_rules_miss
            else np.ones(len(data.labels), dtype=bool)
        )
        cut = choose_threshold(
            oof[cid].to_numpy()[missed],
            data.labels[cid].to_numpy()[missed],
            settings.target_precision,
            settings.min_true_positives,
        )
        if cut is None:
            no_model[cid] = (
                f"out-of-fold precision on the {int(missed.sum())} sentences "
                f"{'the rules miss ' if settings.thresholds_where_rules_miss else ''}"
                f"({int(data.labels[cid].to_numpy()[missed].sum())} positive) never reaches "
                f"{settings.target_precision} with {settings.min_true_positives}+ true positives"
            )
        else:
            thresholds[cid] = cut
    if thresholds:
        base, fitted = _fit(data.sentences, data.labels, list(thresholds), settings, classes)
    else:  # no claim kept: no feature space to ship
        empty = np.zeros(0, dtype=np.float64)
        base = Recommender("", 0, (), settings, (), empty, (), empty, (), {}, {}, {})
        fitted = {}
    claims = {}
    for cid, (threshold, precision, recall, tp) in thresholds.items():
        coef, intercept = fitted[cid]
        missed_positives = int(data.labels[cid].to_numpy()[missed_of[cid]].sum())
        claims[cid] = ClaimModel(
            coef,
            intercept,
            threshold,
            missed_positives,
            _round_float(precision),
            _round_float(recall),
            tp,
        )
    training = {
        "files": [dict(f) for f in data.files],
        "sentences": len(data.sentences),
        "out_of_scope": data.out_of_scope,
        "articles": int(data.sentences["group"].nunique()),
        "by_language": {
            str(k): int(v) for k, v in data.sentences["lang"].value_counts().sort_index().items()
        },
    }
    return Recommender(
        codebook.name,
        codebook.version,
        tuple(codebook.languages),
        settings,
        base.char_vocabulary,
        base.char_idf,
        base.word_vocabulary,
        base.word_idf,
        classes,
        claims,
        {cid: no_model[cid] for cid in codebook.claim_ids if cid in no_model},
        training,
    )

"""A learned recommender: proposes ``method="model"`` claim mentions the rules missed, for review.

The rule tagger (:mod:`helpers.claims.annotate`) is explainable and precise but misses
paraphrases no lexicon holds. This module trains, per claim, a linear classifier on sentences
a human coder labelled, and proposes a claim for a sentence × claim pair the rules did not
find when the classifier is confident. Its proposals are *suggestions for review*: they are
returned as their own table (``method = "model"``), never merged into the tagger's mentions.

Data
----
Training sentences are gold lines (:func:`helpers.claims.evaluate.read_gold`) whose ``split`` is
:data:`TRAINING_SPLIT` (``"tune"``) or that have no ``split`` at all (the seeds' gold set): a line
of a held-out part (``final``, ``final3`` …) is never read into the training set. The quote is
the sentence; its language is read from its script (:func:`helpers.text.lang.detect_lang`, or
the majority of Hebrew vs Arabic letters for a short quote). Only sentences **in scope** are
used — and only they ever get a proposal: sentences that name at least one actor some claim
``requires`` (:func:`helpers.claims.validation.names_actors` over
:func:`helpers.claims.validation.frame_actor_ids`: the tagger's actor patterns on the ``norm``
form). A label is positive when the gold line carries the claim (negated or not: the unit is
sentence × claim, as :func:`helpers.claims.evaluate.score` counts).

Model
-----
Features: TF-IDF of character n-grams inside words (``analyzer="char_wb"``) plus TF-IDF of
word n-grams, both over the ``norm`` form (:func:`helpers.text.clean.normalize_for_match`) and
each block L2-normalised (scikit-learn ``TfidfVectorizer``); and one 0/1 indicator per word
class of the codebook (:func:`word_classes`: every lexicon class, every actor group), matched
with the tagger's pattern compiler — the classes generalise over inflections and synonyms the
n-grams of a few hundred sentences cannot, and the model may combine them without the rules'
word windows. The class patterns are copied into the model file. Per claim with at least
``min_positives`` positive sentences: ``LogisticRegression`` (L2, ``class_weight="balanced"``,
fixed ``random_state``). A claim's **decision threshold** comes from cross-validation grouped by
article (``GroupKFold``: sentences of one article never sit on both sides): out-of-fold
probabilities, each fold's vectoriser and classifier fitted on the other folds only; the
threshold is the lowest out-of-fold probability at which precision is at least
``target_precision`` with at least ``min_true_positives`` true positives — counted **only over
the sentences where the rule tagger does not find the claim** (:func:`rule_findings`), because
that is where proposals go: a classifier that mostly re-finds the rules' sentences must still
be precise on the rest. A claim that cannot reach it gets no model (``no_model`` says why).

Shipped as data
---------------
:func:`save_recommender` writes one JSON file (vocabularies, idf, coefficients, intercepts,
thresholds, the codebook slug and version, the settings and the sha256 of the training data);
:func:`load_recommender` reads it with :func:`json.loads` and validates every field — loading
never executes code (no pickle). Numbers are rounded to :data:`SIGNIFICANT_DIGITS` significant
digits *before* the model is used, so a trained model and its reloaded file predict the same,
and training twice on the same data writes the same bytes.

Proposals
---------
:func:`recommend` scores every in-scope sentence of the documents and returns, in the
``mentions`` schema (:data:`helpers.claims.mention_table.MENTION_COLUMNS`), one row per
sentence × claim whose probability reaches the claim's threshold and that ``mentions`` (the
rules' table) does not already hold: the span is the sentence, ``method = "model"``,
``speaker`` missing (the model does not resolve a voice), ``negated``/``hedged`` False, and
``rule = "model:<claim> p=0.93 top: <n-gram> | <n-gram> | <n-gram>"`` — the probability and the
n-grams that contributed most to the score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import expit

from helpers.claims.codebook import Codebook
from helpers.claims.evaluate import read_gold
from helpers.claims.mention_table import MentionRow, mentions_frame
from helpers.claims.patterns import CompiledPattern, compile_pattern
from helpers.claims.validation import frame_actor_ids, names_actors
from helpers.core.errors import CrosspressError
from helpers.core.io import atomic_write_text, file_sha256, text_sha256
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.lang import detect_lang, script_counts

__all__ = [
    "MODEL_FORMAT",
    "MODEL_METHOD",
    "MODEL_SUFFIX",
    "PROPOSALS_CSV",
    "PROPOSAL_DISPLAY_COLUMNS",
    "ProposalRound",
    "proposal_round",
    "shipped_model",
    "SIGNIFICANT_DIGITS",
    "TRAINING_SPLIT",
    "ClaimModel",
    "Recommender",
    "RecommenderError",
    "RecommenderSettings",
    "TrainingSet",
    "choose_threshold",
    "load_recommender",
    "model_path_for",
    "out_of_fold_probabilities",
    "recommend",
    "save_recommender",
    "train_recommender",
    "training_set",
    "word_classes",
]

#: ``format`` field of a model file (checked on load).
MODEL_FORMAT = "crosspress-recommender/1"
#: ``method`` of a proposed mention.
MODEL_METHOD = "model"
#: The only gold ``split`` read into a training set (lines without a ``split`` — the seeds'
#: gold set — are read too; every other split is held out).
TRAINING_SPLIT = "tune"
#: Numbers in a model file (idf, coefficients, intercepts, thresholds) are rounded to this many
#: significant digits before use, so file and memory agree and reruns are byte-identical.
SIGNIFICANT_DIGITS = 6
#: A codebook's model file sits beside it: ``<codebook stem>`` + this suffix.
MODEL_SUFFIX = ".recommender.json"
#: n-grams named in a proposal's ``rule``.
TOP_NGRAMS = 3


class RecommenderError(CrosspressError, ValueError):
    """A model file or training input that cannot be used: ``"<file>: <field>: <reason>"``."""


@dataclass(frozen=True)
class RecommenderSettings:
    """Hyper-parameters of the features, the classifiers and the threshold search."""

    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 2)
    #: an n-gram must occur in at least this many training sentences
    min_df: int = 2
    #: inverse L2 regularisation strength of ``LogisticRegression``
    c: float = 4.0
    #: claims with fewer positive in-scope sentences get no model
    min_positives: int = 8
    #: folds of the grouped cross-validation that picks the thresholds
    folds: int = 5
    #: out-of-fold precision a claim's threshold must reach
    target_precision: float = 0.9
    #: ... with at least this many out-of-fold true positives at or above it
    min_true_positives: int = 3
    #: count the threshold's precision only where the rules miss the claim (where proposals
    #: go); False counts it over every in-scope sentence (kept to compare the two)
    thresholds_where_rules_miss: bool = True
    random_state: int = 0


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


@dataclass(frozen=True, eq=False)
class ClaimModel:
    """One claim's classifier over the model's feature space, its threshold and its
    out-of-fold figures at that threshold, over the training sentences the threshold was
    chosen on — by default those where the rules do not find the claim (``positives``: how many
    of them carry it)."""

    coef: np.ndarray
    intercept: float
    threshold: float
    positives: int
    oof_precision: float
    oof_recall: float
    oof_true_positives: int


@dataclass(frozen=True, eq=False)
class Recommender:
    """A trained recommender (see the module docstring). ``char_vocabulary`` /
    ``word_vocabulary`` list the n-grams in feature order; ``*_idf`` are aligned with them;
    every :class:`ClaimModel` coefficient vector spans the char block then the word block."""

    codebook: str
    codebook_version: int
    languages: tuple[str, ...]
    settings: RecommenderSettings
    char_vocabulary: tuple[str, ...]
    char_idf: np.ndarray
    word_vocabulary: tuple[str, ...]
    word_idf: np.ndarray
    #: word-class features: (``lex:<class>`` / ``group:<name>``, {lang: patterns})
    word_classes: tuple[tuple[str, dict[str, tuple[str, ...]]], ...]
    claims: dict[str, ClaimModel]
    no_model: dict[str, str]
    training: dict[str, Any]
    _vectorizers: list[Any] = field(default_factory=list, repr=False, compare=False)
    _compiled: dict[str, list[list[CompiledPattern]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def feature_names(self) -> tuple[str, ...]:
        """Every feature's name in coefficient order: char n-grams, word n-grams, then the
        word classes."""
        return (
            self.char_vocabulary
            + self.word_vocabulary
            + tuple(name for name, _ in self.word_classes)
        )

    def _class_matrix(self, norm_texts: Sequence[str], langs: Sequence[str]) -> np.ndarray:
        """1.0 where a word class's pattern occurs in the text (patterns compiled by
        :func:`helpers.claims.patterns.compile_pattern`, as the tagger's)."""
        out = np.zeros((len(norm_texts), len(self.word_classes)), dtype=np.float64)
        for i, (text, lang) in enumerate(zip(norm_texts, langs)):
            if lang not in self._compiled:
                self._compiled[lang] = [
                    [compile_pattern(p, lang) for p in patterns.get(lang, ())]
                    for _, patterns in self.word_classes
                ]
            for j, compiled in enumerate(self._compiled[lang]):
                if any(next(iter(c.finditer(text)), None) is not None for c in compiled):
                    out[i, j] = 1.0
        return out

    def features(self, norm_texts: Sequence[str], langs: Sequence[str]) -> sparse.csr_matrix:
        """The feature matrix of ``norm`` texts in languages ``langs`` (one row per text):
        TF-IDF of char and word n-grams, then the word-class indicators."""
        if not self._vectorizers:
            self._vectorizers.extend(
                _vectorizers(
                    self.settings,
                    (self.char_vocabulary, self.char_idf),
                    (self.word_vocabulary, self.word_idf),
                )
            )
        char, word = self._vectorizers
        blocks = [
            char.transform(list(norm_texts)),
            word.transform(list(norm_texts)),
            sparse.csr_matrix(self._class_matrix(norm_texts, langs)),
        ]
        return sparse.hstack(blocks, format="csr")

    def probabilities(self, features: sparse.csr_matrix) -> pd.DataFrame:
        """Each claim model's probability for every row of ``features`` (columns: claim ids
        in model order)."""
        return pd.DataFrame(
            {cid: _probability(features @ m.coef + m.intercept) for cid, m in self.claims.items()},
            columns=list(self.claims),
        )


# --------------------------------------------------------------------------- training data


def _quote_lang(quote: str, languages: Sequence[str]) -> str | None:
    lang = detect_lang(quote)
    if lang not in ("he", "ar"):
        counts = script_counts(quote)
        if counts["hebrew"] == counts["arabic"]:
            return None
        lang = "he" if counts["hebrew"] > counts["arabic"] else "ar"
    return lang if lang in languages else None


def training_set(gold_paths: Iterable[str | Path], codebook: Codebook) -> TrainingSet:
    """The in-scope training sentences of ``gold_paths`` (rules in the module docstring): only
    lines whose ``split`` is :data:`TRAINING_SPLIT` or absent. Raises :class:`RecommenderError`
    when no sentence is left."""
    rows: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for gold_path in gold_paths:
        path = Path(gold_path)
        used = [
            rec
            for rec in read_gold(path)
            if "split" not in rec or rec.get("split") == TRAINING_SPLIT
        ]
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


def _probability(scores: np.ndarray) -> np.ndarray:
    """The logistic function of linear scores (scipy's overflow-safe ``expit``), flat."""
    return np.asarray(expit(np.ravel(scores)), dtype=np.float64)


def _round(values: np.ndarray) -> np.ndarray:
    return np.array([_round_float(float(v)) for v in np.ravel(values)], dtype=np.float64)


def _round_float(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _vectorizers(
    settings: RecommenderSettings,
    char: tuple[Sequence[str], np.ndarray] | None = None,
    word: tuple[Sequence[str], np.ndarray] | None = None,
) -> list[Any]:
    """The char and word ``TfidfVectorizer`` — unfitted, or set to a stored vocabulary and
    idf (then ready to ``transform``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy

    out = []
    for analyzer, ngrams, stored in (
        ("char_wb", settings.char_ngrams, char),
        ("word", settings.word_ngrams, word),
    ):
        common: dict[str, Any] = {
            "analyzer": analyzer,
            "ngram_range": tuple(ngrams),
            "lowercase": False,
            "sublinear_tf": True,
            "dtype": np.float64,
        }
        if stored is None:
            out.append(TfidfVectorizer(min_df=settings.min_df, **common))
        else:
            vocabulary, idf = stored
            vec = TfidfVectorizer(vocabulary={g: i for i, g in enumerate(vocabulary)}, **common)
            vec.idf_ = idf
            out.append(vec)
    return out


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
    least ``min_true_positives`` positives; None when no ``t`` does. Ties are never split."""
    y = np.asarray(labels)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    order = np.argsort(-probabilities, kind="stable")
    p_sorted, y_sorted = probabilities[order], y[order]
    tp = np.cumsum(y_sorted)
    predicted = np.arange(1, len(y_sorted) + 1)
    best = None
    for k in range(len(p_sorted)):
        if k + 1 < len(p_sorted) and p_sorted[k + 1] == p_sorted[k]:
            continue  # a cut between equal probabilities is not a threshold
        precision = tp[k] / predicted[k]
        if precision >= target_precision and tp[k] >= min_true_positives:
            best = k
    if best is None:
        return None
    positives = int(y.sum())
    return (
        _round_float(float(p_sorted[best])),
        float(tp[best] / predicted[best]),
        float(tp[best] / positives),
        int(tp[best]),
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


# --------------------------------------------------------------------------- the model file


def model_path_for(codebook_path: str | Path) -> Path:
    """Where the model of the codebook at ``codebook_path`` ships: beside it, named
    ``<stem>`` + :data:`MODEL_SUFFIX` (``codebook/russia_iran.recommender.json``)."""
    path = Path(codebook_path)
    return path.with_name(path.stem + MODEL_SUFFIX)


def _payload(model: Recommender) -> dict[str, Any]:
    settings = asdict(model.settings)
    return {
        "format": MODEL_FORMAT,
        "codebook": model.codebook,
        "codebook_version": model.codebook_version,
        "languages": list(model.languages),
        "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()},
        "training": model.training,
        "features": {
            "char": {"vocabulary": list(model.char_vocabulary), "idf": model.char_idf.tolist()},
            "word": {"vocabulary": list(model.word_vocabulary), "idf": model.word_idf.tolist()},
            "word_classes": [
                [name, {lang: list(ps) for lang, ps in patterns.items()}]
                for name, patterns in model.word_classes
            ],
        },
        "claims": {
            cid: {
                "coef": m.coef.tolist(),
                "intercept": m.intercept,
                "threshold": m.threshold,
                "positives": m.positives,
                "oof_precision": m.oof_precision,
                "oof_recall": m.oof_recall,
                "oof_true_positives": m.oof_true_positives,
            }
            for cid, m in model.claims.items()
        },
        "no_model": dict(model.no_model),
    }


def save_recommender(model: Recommender, path: str | Path) -> Path:
    """Write ``model`` as JSON (key-sorted, one top-level key per line; atomic). The same model
    gives the same bytes."""
    payload = _payload(model)
    lines = [
        f"{json.dumps(key)}: {json.dumps(payload[key], ensure_ascii=False, sort_keys=True)}"
        for key in sorted(payload)
    ]
    return atomic_write_text(path, "{\n" + ",\n".join(lines) + "\n}\n")


class _Reader:
    """Typed access to a parsed model file; every failure names the file and the field."""

    def __init__(self, path: Path) -> None:
        self.name = path.name

    def fail(self, key: str, reason: str) -> RecommenderError:
        return RecommenderError(f"{self.name}: {key}: {reason}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
        label = f"{where}.{key}" if where else key
        if not isinstance(obj, dict) or key not in obj:
            raise self.fail(label, "missing")
        value = obj[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(label, f"expected {kind}, got a boolean")
        if not isinstance(value, kind):
            raise self.fail(label, f"expected {kind}, got {type(value).__name__}")
        return value

    def numbers(self, obj: Any, key: str, where: str, length: int | None = None) -> np.ndarray:
        values = self.get(obj, key, list, where)
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            raise self.fail(f"{where}.{key}", "expected a list of numbers")
        array = np.asarray(values, dtype=np.float64)
        if not np.isfinite(array).all():
            raise self.fail(f"{where}.{key}", "not finite")
        if length is not None and len(array) != length:
            raise self.fail(f"{where}.{key}", f"length {len(array)}, expected {length}")
        return array

    def strings(self, obj: Any, key: str, where: str) -> tuple[str, ...]:
        values = self.get(obj, key, list, where)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"{where}.{key}", "expected a list of strings")
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.{key}", "duplicate entries")
        return tuple(values)


def _settings(reader: _Reader, raw: Any) -> RecommenderSettings:
    defaults = RecommenderSettings()
    values: dict[str, Any] = {}
    for name, default in asdict(defaults).items():
        if isinstance(default, tuple):
            pair = reader.get(raw, name, list, "settings")
            if len(pair) != 2 or not all(isinstance(v, int) and v > 0 for v in pair):
                raise reader.fail(f"settings.{name}", "expected two positive integers")
            values[name] = (int(pair[0]), int(pair[1]))
        else:
            kind: type | tuple[type, ...] = (
                bool
                if isinstance(default, bool)
                else (int, float)
                if isinstance(default, float)
                else int
            )
            values[name] = reader.get(raw, name, kind, "settings")
    unknown = set(raw) - set(values)
    if unknown:
        raise reader.fail("settings", f"unknown key(s) {sorted(unknown)}")
    return RecommenderSettings(**values)


def _word_classes(
    reader: _Reader, raw: list[Any]
) -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
    """Word-class features from the file: each pattern is compiled (the codebook's pattern
    syntax; a raw regex is checked for catastrophic backtracking) — never executed as code."""
    out = []
    for k, entry in enumerate(raw):
        where = f"features.word_classes[{k}]"
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[0], str)
            or not isinstance(entry[1], dict)
        ):
            raise reader.fail(where, "expected [name, {lang: [patterns]}]")
        name, per_lang = entry
        patterns: dict[str, tuple[str, ...]] = {}
        for lang, values in per_lang.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise reader.fail(f"{where}.{lang}", "expected a list of patterns")
            try:
                for value in values:
                    compile_pattern(value, lang)
            except (ValueError, KeyError) as exc:
                raise reader.fail(f"{where}.{lang}", f"bad pattern ({exc})") from None
            patterns[lang] = tuple(values)
        out.append((name, patterns))
    return tuple(out)


def load_recommender(path: str | Path, codebook: Codebook | None = None) -> Recommender:
    """Read and validate a model file written by :func:`save_recommender` (``json.loads``
    only: nothing in the file is executed). With ``codebook``: the file must be for that
    codebook (slug) and every claim it models must be one of its claims; a different codebook
    *version* is allowed (the caller decides; :func:`recommend` reports it). Raises
    :class:`RecommenderError` naming the file and field."""
    path = Path(path)
    reader = _Reader(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise reader.fail("file", f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise reader.fail("file", f"not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise reader.fail("file", "not a JSON object")
    if raw.get("format") != MODEL_FORMAT:
        raise reader.fail("format", f"expected {MODEL_FORMAT!r}, got {raw.get('format')!r}")
    known = {
        "format",
        "codebook",
        "codebook_version",
        "languages",
        "settings",
        "training",
        "features",
        "claims",
        "no_model",
    }
    if set(raw) - known:
        raise reader.fail("file", f"unknown key(s) {sorted(set(raw) - known)}")
    name = reader.get(raw, "codebook", str)
    version = reader.get(raw, "codebook_version", int)
    languages = reader.strings(raw, "languages", "")
    settings = _settings(reader, reader.get(raw, "settings", dict))
    training = reader.get(raw, "training", dict)
    features = reader.get(raw, "features", dict)
    blocks = []
    for block in ("char", "word"):
        part = reader.get(features, block, dict, "features")
        vocabulary = reader.strings(part, "vocabulary", f"features.{block}")
        idf = reader.numbers(part, "idf", f"features.{block}", len(vocabulary))
        blocks.append((vocabulary, idf))
    classes = _word_classes(reader, reader.get(features, "word_classes", list, "features"))
    width = len(blocks[0][0]) + len(blocks[1][0]) + len(classes)
    claims = {}
    for cid, entry in reader.get(raw, "claims", dict).items():
        where = f"claims.{cid}"
        if codebook is not None and cid not in codebook.claim_ids:
            raise reader.fail(where, f"not a claim of codebook {codebook.name}")
        threshold = float(reader.get(entry, "threshold", (int, float), where))
        if not 0.0 < threshold <= 1.0:
            raise reader.fail(f"{where}.threshold", "must be in (0, 1]")
        claims[cid] = ClaimModel(
            reader.numbers(entry, "coef", where, width),
            float(reader.get(entry, "intercept", (int, float), where)),
            threshold,
            reader.get(entry, "positives", int, where),
            float(reader.get(entry, "oof_precision", (int, float), where)),
            float(reader.get(entry, "oof_recall", (int, float), where)),
            reader.get(entry, "oof_true_positives", int, where),
        )
    no_model = reader.get(raw, "no_model", dict)
    if not all(isinstance(v, str) for v in no_model.values()):
        raise reader.fail("no_model", "expected claim id → reason (text)")
    if codebook is not None and name != codebook.name:
        raise reader.fail("codebook", f"model is for {name!r}, not {codebook.name!r}")
    return Recommender(
        name,
        version,
        languages,
        settings,
        blocks[0][0],
        blocks[0][1],
        blocks[1][0],
        blocks[1][1],
        classes,
        claims,
        dict(no_model),
        training,
    )


# --------------------------------------------------------------------------- proposals


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
    text``; ``sentences`` ``doc_id, sent_idx, start, end``. Raises :class:`RecommenderError`
    when the model is for another codebook."""
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
    found = set(
        zip(
            mentions["doc_id"].astype(str),
            mentions["sent_idx"].astype(int),
            mentions["claim_id"].astype(str),
        )
    )
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


def shipped_model(codebook_path: str | Path) -> Path | None:
    """The model file beside the codebook (:func:`model_path_for`), or None when none ships."""
    path = model_path_for(codebook_path)
    return path if path.is_file() else None


def proposal_round(
    codebook_path: str | Path,
    enabled: bool,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
    export_dir: str | Path,
) -> ProposalRound:
    """Load the model shipped beside the codebook (:func:`model_path_for`; not ``enabled`` —
    the analyst turned the recommender off — or no model file: say so and propose nothing),
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
    keys = set(zip(proposals["doc_id"].astype(str), proposals["sent_idx"].astype(int)))
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

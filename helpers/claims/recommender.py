"""A learned recommender: proposes ``method="model"`` claim mentions the rules missed, for review.

The rule tagger (:mod:`helpers.claims.annotate`) is explainable and precise but misses
paraphrases no lexicon holds. The recommender trains, per claim, a linear classifier on
sentences a human coder labelled, and proposes a claim for a sentence × claim pair the rules
did not find when the classifier is confident. Its proposals are *suggestions for review*: they
are returned as their own table (``method = "model"``), never merged into the tagger's mentions.

One concern per module:

* this module — the model itself: its settings, its types (:class:`Recommender`,
  :class:`ClaimModel`), its feature space and its probabilities;
* :mod:`helpers.claims.recommender_train` — the training data (which gold lines, which
  sentences are in scope) and the fitting, thresholds included;
* :mod:`helpers.claims.recommender_io` — the model file: JSON save, validated load, where it
  ships beside its codebook;
* :mod:`helpers.claims.recommender_propose` — proposals in a corpus, and notebook 02's step.

Model
-----
Features: TF-IDF of character n-grams inside words (``analyzer="char_wb"``) plus TF-IDF of
word n-grams, both over the ``norm`` form (:func:`helpers.text.clean.normalize_for_match`) and
each block L2-normalised (scikit-learn ``TfidfVectorizer``); and one 0/1 indicator per word
class of the codebook (:func:`helpers.claims.recommender_train.word_classes`: every lexicon
class, every actor group), matched with the tagger's pattern compiler — the classes generalise
over inflections and synonyms the n-grams of a few hundred sentences cannot, and the model may
combine them without the rules' word windows. The class patterns are copied into the model
file. Per claim: ``LogisticRegression`` (L2, ``class_weight="balanced"``, fixed
``random_state``) and a decision threshold (how both are chosen:
:mod:`helpers.claims.recommender_train`). Numbers are rounded to :data:`SIGNIFICANT_DIGITS`
significant digits *before* the model is used, so a trained model and its reloaded file predict
the same, and training twice on the same data writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import expit

from helpers.claims.patterns import CompiledPattern, compile_pattern
from helpers.core.errors import CrosspressError

__all__ = [
    "SIGNIFICANT_DIGITS",
    "ClaimModel",
    "Recommender",
    "RecommenderError",
    "RecommenderSettings",
]

#: Numbers in a model file (idf, coefficients, intercepts, thresholds) are rounded to this many
#: significant digits before use, so file and memory agree and reruns are byte-identical.
SIGNIFICANT_DIGITS = 6


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


# --------------------------------------------------------------------------- numbers, vectorisers


def _probability(scores: np.ndarray) -> np.ndarray:
    """The logistic function of linear scores (scipy's overflow-safe ``expit``), flat."""
    return np.asarray(expit(np.ravel(scores)), dtype=np.float64)


def _round(values: np.ndarray) -> np.ndarray:
    """``values`` flat, each rounded to :data:`SIGNIFICANT_DIGITS` significant digits."""
    return np.array([_round_float(float(v)) for v in np.ravel(values)], dtype=np.float64)


def _round_float(value: float) -> float:
    """``value`` rounded to :data:`SIGNIFICANT_DIGITS` significant digits."""
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

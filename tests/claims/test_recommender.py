"""helpers.claims.recommender: the model's feature space (char n-grams, word n-grams, word
classes, in that order) and its probabilities, on a model small enough to work out by hand."""

from __future__ import annotations

import math

import numpy as np

from helpers.claims.recommender import ClaimModel, Recommender, RecommenderSettings


def _tiny_model() -> Recommender:
    """One char bigram, one word, one word class; claim X scores 1·char + 2·word + 3·class − 1."""
    settings = RecommenderSettings(char_ngrams=(2, 2), word_ngrams=(1, 1))
    claim = ClaimModel(np.array([1.0, 2.0, 3.0]), -1.0, 0.5, 1, 1.0, 1.0, 1)
    return Recommender(
        "tiny", 1, ("he",), settings,
        ("רו",), np.array([2.0]),
        ("רוסיה",), np.array([1.5]),
        (("lex:STATE", {"he": ("איראן",)}),),
        {"X": claim}, {}, {},
    )  # fmt: skip


def test_features_are_char_then_word_then_class_blocks() -> None:
    model = _tiny_model()
    assert model.feature_names == ("רו", "רוסיה", "lex:STATE")
    texts = ["רוסיה ואיראן", "רוסיה", "ישראל"]
    matrix = model.features(texts, ["he"] * 3).toarray()
    # each n-gram block holds one feature, so after L2 normalisation a present n-gram is 1.0
    # whatever its tf-idf; the class is 1.0 where "איראן" occurs
    np.testing.assert_array_equal(matrix, [[1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])


def test_probabilities_are_the_logistic_of_the_linear_score() -> None:
    model = _tiny_model()
    texts = ["רוסיה ואיראן", "רוסיה", "ישראל"]
    p = model.probabilities(model.features(texts, ["he"] * 3))
    assert list(p.columns) == ["X"]
    # scores 1 + 2 + 3 − 1 = 5, 1 + 2 − 1 = 2 and −1
    expected = [1 / (1 + math.exp(-s)) for s in (5.0, 2.0, -1.0)]
    np.testing.assert_allclose(p["X"].to_numpy(), expected, rtol=1e-12)

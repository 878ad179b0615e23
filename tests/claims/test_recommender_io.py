"""helpers.claims.recommender_io: the model file is data that loads back and predicts the same,
a bad file is one clear error naming its field, and the shipped model was trained on the
current tune lines. Sentences written for these tests (recommender_cases)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from recommender_cases import ARMS_HE, NEUTRAL_HE, train_model, write_codebook, write_gold

from helpers.claims.codebook import load_codebook
from helpers.claims.recommender import RecommenderError
from helpers.claims.recommender_io import (
    MODEL_FORMAT,
    load_recommender,
    model_path_for,
    save_recommender,
)
from helpers.claims.recommender_train import training_set
from helpers.text.clean import normalize_for_match

codebook = pytest.fixture(write_codebook, name="codebook")
gold = pytest.fixture(write_gold, name="gold")
model = pytest.fixture(train_model, name="model")


def test_model_file_is_data_and_round_trips(model, codebook, tmp_path) -> None:
    path = save_recommender(model, tmp_path / "model.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == MODEL_FORMAT
    assert raw["codebook"] == "recommender-test" and raw["codebook_version"] == 7
    assert raw["training"]["files"][0]["sha256"]
    # the word classes travel with the model: lexicon classes, then actor groups
    assert [name for name, _ in raw["features"]["word_classes"]] == ["lex:WEAPON", "group:RU_SIDE"]
    assert model.feature_names[-2:] == ("lex:WEAPON", "group:RU_SIDE")
    loaded = load_recommender(path, codebook)
    assert loaded.claims["ARMS"].threshold == model.claims["ARMS"].threshold
    texts = [normalize_for_match(t, "he") for t in ARMS_HE + NEUTRAL_HE]
    np.testing.assert_array_equal(
        loaded.probabilities(loaded.features(texts, ["he"] * len(texts))).to_numpy(),
        model.probabilities(model.features(texts, ["he"] * len(texts))).to_numpy(),
    )
    assert save_recommender(loaded, tmp_path / "again.json").read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda raw: raw.update(format="pickle"), "format"),
        (lambda raw: raw["claims"]["ARMS"].update(threshold=1.5), "claims.ARMS.threshold"),
        (lambda raw: raw["claims"]["ARMS"]["coef"].pop(), "claims.ARMS.coef"),
        (lambda raw: raw["features"]["char"].update(idf="x"), "features.char.idf"),
        (lambda raw: raw["claims"].update(NOPE=raw["claims"]["ARMS"]), "claims.NOPE"),
        (lambda raw: raw.update(extra=1), "unknown key"),
        (
            lambda raw: raw["features"]["word_classes"][0][1].update(he=["re:(a+)+$"]),
            r"features.word_classes\[0\].he",
        ),
    ],
)
def test_a_bad_model_file_is_one_clear_error(model, codebook, tmp_path, edit, message) -> None:
    path = save_recommender(model, tmp_path / "model.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RecommenderError, match=message) as caught:
        load_recommender(path, codebook)
    assert str(caught.value).startswith("model.json: ")


def test_a_file_that_is_not_json_is_an_error(codebook, tmp_path) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(b"\x80\x04\x95pickle")
    with pytest.raises(RecommenderError, match="model.json: file"):
        load_recommender(path, codebook)


def test_the_shipped_model_loads_and_was_trained_on_the_current_tune_lines(project_root) -> None:
    codebook_path = project_root / "codebook" / "russia_iran.yaml"
    codebook = load_codebook(codebook_path)
    shipped = load_recommender(model_path_for(codebook_path), codebook)
    assert shipped.codebook == codebook.name
    assert set(shipped.claims) | set(shipped.no_model) == set(codebook.claim_ids)
    gold = project_root / "codebook" / "gold"
    now = training_set([gold / "dev-news.jsonl", gold / "seeds.jsonl"], codebook).files
    stale = [
        f["path"]
        for f, g in zip(now, shipped.training["files"])
        if f["lines_sha256"] != g["lines_sha256"]
    ]
    assert not stale, f"the training lines of {stale} changed since training: run make recommender"
    # only tune lines of the development gold set were read (no held-out split)
    tune_lines = sum(
        1
        for line in (gold / "dev-news.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line).get("split") == "tune"
    )
    assert shipped.training["files"][0]["path"] == "dev-news.jsonl"
    assert shipped.training["files"][0]["lines"] == tune_lines

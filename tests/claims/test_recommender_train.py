"""helpers.claims.recommender_train: training reads only tune / unsplit gold lines in scope,
thresholds are read off ranks by hand, claims without enough positives get no model, and
training is deterministic (same JSON bytes twice). Sentences written for these tests
(recommender_cases)."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from recommender_cases import SETTINGS, train_model, write_codebook, write_gold

from helpers.claims.recommender_io import save_recommender
from helpers.claims.recommender_train import choose_threshold, train_recommender, training_set
from helpers.text.clean import normalize_for_match

codebook = pytest.fixture(write_codebook, name="codebook")
gold = pytest.fixture(write_gold, name="gold")
model = pytest.fixture(train_model, name="model")


def test_training_set_is_tune_and_in_scope_only(codebook, gold) -> None:
    data = training_set([gold], codebook)
    # 7 ARMS + 8 neutral lines name an actor; the 2 out-of-scope lines do not; "final" is unread
    assert len(data.sentences) == 15
    assert data.out_of_scope == 2
    assert data.labels["ARMS"].sum() == 7 and data.labels["LOYAL"].sum() == 0
    assert not any("צוללות" in t for t in data.sentences["text"])
    assert data.files[0]["lines"] == 17
    # the rules find ARMS in the Sukhoi sentence only
    found = data.sentences["text"][data.found["ARMS"] == 1].tolist()
    assert found == [normalize_for_match("רוסיה מסרה לאיראן מטוסי סוחוי", "he")]
    assert data.found["LOYAL"].sum() == 0
    assert set(data.sentences["lang"]) == {"he"}


def test_choose_threshold_on_ranks_read_by_hand() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    y = np.array([1, 1, 1, 0, 1, 0])
    # precision 1.0 down to 0.7 (3 of 3), 0.75 at 0.6, 0.8 at 0.5 (4 of 5), 0.67 at 0.4
    assert choose_threshold(p, y, 0.9, 2) == (0.7, 1.0, 0.75, 3)
    assert choose_threshold(p, y, 0.8, 2) == (0.5, 0.8, 1.0, 4)
    assert choose_threshold(p, y, 0.9, 4) is None
    # a cut between two equal probabilities is not a threshold
    assert choose_threshold(np.array([0.9, 0.9, 0.1]), np.array([1, 0, 1]), 0.9, 1) is None
    # ... but a tie of two positives is one cut holding both
    assert choose_threshold(np.array([0.9, 0.9, 0.5]), np.array([1, 1, 0]), 0.9, 2) == (
        0.9,
        1.0,
        1.0,
        2,
    )


def test_choose_threshold_without_a_positive_is_none_and_silent() -> None:
    # a fold where the rules find every positive leaves none: no cut, and no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert choose_threshold(np.array([0.8, 0.3]), np.array([0, 0]), 0.9, 1) is None
        assert choose_threshold(np.array([0.8, 0.3]), np.array([0, 0]), 0.0, 0) is None


def test_claims_without_enough_positives_get_no_model(model) -> None:
    assert "ARMS" in model.claims
    assert model.claims["ARMS"].positives == 6  # the 6 ARMS sentences the rules miss
    assert "LOYAL" not in model.claims
    assert model.no_model["LOYAL"].startswith("0 positive sentences")


def test_training_is_deterministic(codebook, gold, tmp_path) -> None:
    first = save_recommender(
        train_recommender(training_set([gold], codebook), codebook, SETTINGS), tmp_path / "a.json"
    )
    second = save_recommender(
        train_recommender(training_set([gold], codebook), codebook, SETTINGS), tmp_path / "b.json"
    )
    assert first.read_bytes() == second.read_bytes()


def test_written_sets_are_read_whole_beside_the_gold(codebook, gold, tmp_path) -> None:
    # a written development set: two articles, every sentence with its writer's codes; the
    # headline names no actor (out of scope), the rest name Russia and Iran
    written = tmp_path / "written-Wx.jsonl"
    articles = [
        {"id": "Wx-he-001", "lang": "he", "intended": "ARMS", "family": "supply verb",
         "sentences": ["משלוח חדש בדרך", "רוסיה תעביר לאיראן טילי הגנה אווירית",
                       "שר החוץ של רוסיה ביקר באיראן"],
         "codes": [[{"claim_id": "ARMS"}], [{"claim_id": "ARMS"}], []]},
        {"id": "Wx-he-002", "lang": "he", "intended": "NEGATIVE", "family": "visit",
         "sentences": ["משלחת מרוסיה נחתה בטהרן"], "codes": [[]]},
    ]  # fmt: skip
    written.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
    )
    alone = training_set([gold], codebook)
    both = training_set([gold], codebook, [written])
    assert len(both.sentences) == len(alone.sentences) + 3
    assert both.out_of_scope == alone.out_of_scope + 1
    added = both.sentences.iloc[len(alone.sentences) :]
    assert list(added["group"]) == [
        "written-Wx.jsonl:Wx-he-001",
        "written-Wx.jsonl:Wx-he-001",
        "written-Wx.jsonl:Wx-he-002",
    ]
    assert both.labels["ARMS"].iloc[len(alone.sentences) :].tolist() == [1, 0, 0]
    assert both.files[-1]["path"] == "written-Wx.jsonl" and both.files[-1]["lines"] == 4

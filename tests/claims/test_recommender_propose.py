"""helpers.claims.recommender_propose: proposals are in scope, above their claim's threshold,
only where the rules found nothing, with method "model" and an explaining rule; a model for
another codebook is refused; notebook 02's step exports the proposals for review and reads the
reviewed file back. Sentences written for these tests (recommender_cases)."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from conftest import codebook_from_yaml
from recommender_cases import CODEBOOK, corpus, train_model, write_codebook, write_gold

from helpers.claims.mention_table import MENTION_COLUMNS
from helpers.claims.recommender import RecommenderError, RecommenderSettings
from helpers.claims.recommender_io import (
    load_recommender,
    model_path_for,
    save_recommender,
    shipped_model,
)
from helpers.claims.recommender_propose import proposal_round, recommend
from helpers.claims.recommender_train import train_recommender, training_set
from helpers.claims.review import import_csv
from helpers.text.clean import normalize_for_match

codebook = pytest.fixture(write_codebook, name="codebook")
gold = pytest.fixture(write_gold, name="gold")
model = pytest.fixture(train_model, name="model")


def test_proposals_in_scope_above_threshold_where_rules_found_nothing(model, codebook) -> None:
    documents, sentences = corpus(
        {
            "d1": [
                "רוסיה תמסור לאיראן מסוקי קרב ומערכות הגנה אווירית",  # new arms sentence
                "מסוקי קרב ומערכות הגנה אווירית הגיעו לבסיס",  # no actor: out of scope
                "מוסקבה תספק לטהרן מסוקי קרב ומערכות הגנה",  # the rules already found it
                "נשיא רוסיה שוחח עם נשיא איראן על תיירות",  # in scope, no arms words
            ]
        }
    )
    rule_mentions = pd.DataFrame(
        {"doc_id": ["d1"], "sent_idx": [2], "claim_id": ["ARMS"], "method": ["rule"]}
    )
    proposals = recommend(documents, sentences, rule_mentions, model, codebook)
    assert list(proposals.columns) == list(MENTION_COLUMNS)
    threshold = model.claims["ARMS"].threshold
    texts = [documents.text[0][s:e] for s, e in zip(sentences.start, sentences.end)]
    norms = [normalize_for_match(t, "he") for t in texts]
    p = model.probabilities(model.features(norms, ["he"] * len(norms)))["ARMS"]
    assert p[0] >= threshold and p[2] >= threshold and p[3] < threshold  # what the model says
    assert p[1] >= threshold  # ... also out of scope, where it must not propose
    assert proposals["sent_idx"].tolist() == [0]
    row = proposals.iloc[0]
    assert row["claim_id"] == "ARMS" and row["method"] == "model"
    assert (row["start"], row["end"]) == (0, len(texts[0])) and row["cue"] == texts[0]
    assert row["rule"].startswith(f"model:ARMS p={np.floor(p[0] * 100) / 100:.2f} top: ")
    assert pd.isna(row["speaker"]) and not row["negated"] and not row["hedged"]
    assert row["codebook_version"] == 7


def test_a_model_for_another_codebook_is_refused(model, codebook, tmp_path) -> None:
    other = codebook_from_yaml(tmp_path, CODEBOOK.replace("recommender-test", "other-story"))
    path = save_recommender(model, tmp_path / "model.json")
    with pytest.raises(RecommenderError, match="codebook"):
        load_recommender(path, other)
    documents, sentences = corpus({"d1": ["רוסיה תמסור לאיראן מסוקי קרב"]})
    with pytest.raises(RecommenderError, match="other-story"):
        recommend(documents, sentences, pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"]),
                  model, other)  # fmt: skip


def test_proposal_round_exports_proposals_for_review_and_back(model, codebook, tmp_path) -> None:
    documents, sentences = corpus(
        {"d1": ["רוסיה תמסור לאיראן מסוקי קרב ומערכות הגנה אווירית", "מזג האוויר חם השבוע"]}
    )
    no_mentions = pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"])
    cb_path = tmp_path / "cb.yaml"
    off = proposal_round(cb_path, False, documents, sentences, no_mentions, codebook, tmp_path)
    assert off.proposals.empty and off.exported is None
    assert off.message() == "use_recommender = False: no proposals"
    assert shipped_model(cb_path) is None
    missing = proposal_round(cb_path, True, documents, sentences, no_mentions, codebook, tmp_path)
    assert missing.proposals.empty and "no recommender ships with codebook" in missing.message()

    save_recommender(model, model_path_for(cb_path))
    assert model_path_for(cb_path).name == "cb.recommender.json"
    on = proposal_round(cb_path, True, documents, sentences, no_mentions, codebook, tmp_path)
    assert on.proposals["sent_idx"].tolist() == [0]
    assert "1 model proposals" in on.message()
    with open(on.exported, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["sent_idx"], r["suggested_claims"]) for r in rows] == [("0", "ARMS")]
    rows[0]["reviewer_claims"] = "ARMS"  # the reviewer accepts the proposal
    with open(on.exported, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    back = import_csv(on.exported, documents, sentences, claim_ids=["ARMS", "LOYAL"])
    assert not len(back.problems)
    assert back.mentions[["sent_idx", "claim_id", "method"]].values.tolist() == [
        [0, "ARMS", "human"]
    ]


def test_a_model_without_any_claim_ships_small_and_proposes_nothing(
    codebook, gold, tmp_path
) -> None:
    settings = RecommenderSettings(min_positives=100)
    model = train_recommender(training_set([gold], codebook), codebook, settings)
    assert not model.claims and set(model.no_model) == {"ARMS", "LOYAL"}
    path = save_recommender(model, tmp_path / "empty.json")
    loaded = load_recommender(path, codebook)
    assert loaded.char_vocabulary == () and loaded.settings.min_positives == 100
    documents, sentences = corpus({"d1": ["רוסיה תמסור לאיראן מסוקי קרב"]})
    nothing = pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"])
    assert recommend(documents, sentences, nothing, loaded, codebook).empty

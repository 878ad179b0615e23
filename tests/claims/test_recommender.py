"""helpers.claims.recommender: training reads only tune / unsplit gold lines in scope, is
deterministic (same JSON bytes twice), the model file loads back as data and predicts the same,
and proposals are in scope, above their claim's threshold, only where the rules found nothing,
with method "model" and an explaining rule. Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.claims.codebook import load_codebook
from helpers.claims.mention_table import MENTION_COLUMNS
from helpers.claims.recommender import (
    MODEL_FORMAT,
    RecommenderError,
    RecommenderSettings,
    choose_threshold,
    load_recommender,
    recommend,
    save_recommender,
    train_recommender,
    training_set,
)
from helpers.text.clean import normalize_for_match

CODEBOOK = """\
codebook: recommender-test
version: 7
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: Iran, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
actor_groups:
  RU_SIDE: [RU]
lexicons:
  WEAPON: {he: [מסוק*, 'הגנה אווירית', טיל*], ar: [مروحي*, صواريخ]}
claims:
  - {id: ARMS, en: Russia arms Iran, frame: arms, requires: [[RU], [IR]],
     he: [מטוסי סוחוי], ar: [طائرات سوخوي]}
  - {id: LOYAL, en: loyal partner, frame: alliance, requires: [[RU], [IR]],
     he: [ידידה נאמנה], ar: [حليف وفي]}
"""

# Hebrew sentences about arms deliveries (ARMS) and neutral ones, in several articles.
ARMS_HE = [
    "רוסיה תספק לאיראן מסוקי קרב בחודש הבא",
    "מוסקבה מסרה לטהרן מערכות הגנה אווירית מתקדמות",
    "רוסיה החלה לספק לאיראן טילי הגנה אווירית",
    "מוסקבה תספק לטהרן מסוקי תקיפה ומערכות הגנה",
    "רוסיה מסרה לאיראן מערכות מכ״ם והגנה אווירית",
    "מוסקבה החלה למסור לטהרן מסוקי קרב חדשים",
]
NEUTRAL_HE = [
    "שר החוץ של רוסיה נפגש עם עמיתו באיראן",
    "מוסקבה וטהרן דנו בסחר החקלאי בין המדינות",
    "משלחת מאיראן ביקרה ברוסיה השבוע",
    "נשיא רוסיה שוחח בטלפון עם נשיא איראן",
    "טהרן ומוסקבה הודיעו על טיסות ישירות חדשות",
    "רוסיה ואיראן קיימו כנס על תיירות",
    "שגריר איראן במוסקבה הגיש את כתב האמנתו",
    "רוסיה ואיראן חתמו על הסכם לחילופי סטודנטים",
]
# Sentences that name no actor: out of scope, never trained on, never proposed.
OUT_OF_SCOPE_HE = ["הכוחות קיבלו מסוקי קרב ומערכות הגנה אווירית", "מזג האוויר חם השבוע"]


def _gold_lines() -> list[dict[str, object]]:
    lines: list[dict[str, object]] = []
    for i, quote in enumerate(ARMS_HE):
        lines.append({"source": f"article-{i % 3}", "quote": quote, "split": "tune",
                      "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    for i, quote in enumerate(NEUTRAL_HE):
        lines.append({"source": f"article-{i % 4}", "quote": quote, "split": "tune",
                      "claims": []})  # fmt: skip
    for quote in OUT_OF_SCOPE_HE:
        lines.append({"source": "article-0", "quote": quote, "split": "tune",
                      "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    # the rules find this one (the claim's pattern): it trains, but sets no threshold
    lines.append({"source": "article-5", "quote": "רוסיה מסרה לאיראן מטוסי סוחוי", "split": "tune",
                  "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    # a held-out line: its word must never reach the model
    lines.append({"source": "article-9", "quote": "רוסיה שלחה לאיראן צוללות זהב", "split": "final",
                  "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    return lines


SETTINGS = RecommenderSettings(
    char_ngrams=(3, 4),
    word_ngrams=(1, 1),
    min_df=1,
    c=10.0,
    min_positives=3,
    folds=3,
    target_precision=0.75,
    min_true_positives=2,
)


@pytest.fixture()
def codebook(tmp_path: Path):
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return load_codebook(path)


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps(rec, ensure_ascii=False) for rec in _gold_lines()]
    # an unsplit file (the seeds' gold set has no split): every line is read
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def model(codebook, gold):
    return train_recommender(training_set([gold], codebook), codebook, SETTINGS)


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


def _corpus(sentences_by_doc: dict[str, list[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs, sents = [], []
    for doc_id, texts in sentences_by_doc.items():
        offset = 0
        for k, text in enumerate(texts):
            sents.append({"doc_id": doc_id, "sent_idx": k, "start": offset,
                          "end": offset + len(text)})  # fmt: skip
            offset += len(text) + 1
        docs.append({"doc_id": doc_id, "lang": "he", "text": " ".join(texts)})
    return pd.DataFrame(docs), pd.DataFrame(sents)


def test_proposals_in_scope_above_threshold_where_rules_found_nothing(model, codebook) -> None:
    documents, sentences = _corpus(
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
    other = tmp_path / "other.yaml"
    other.write_text(CODEBOOK.replace("recommender-test", "other-story"), encoding="utf-8")
    path = save_recommender(model, tmp_path / "model.json")
    with pytest.raises(RecommenderError, match="codebook"):
        load_recommender(path, load_codebook(other))
    documents, sentences = _corpus({"d1": ["רוסיה תמסור לאיראן מסוקי קרב"]})
    with pytest.raises(RecommenderError, match="other-story"):
        recommend(documents, sentences, pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"]),
                  model, load_codebook(other))  # fmt: skip


def test_proposal_round_exports_proposals_for_review_and_back(model, codebook, tmp_path) -> None:
    import csv

    from helpers.claims.recommender import model_path_for, proposal_round, shipped_model
    from helpers.claims.review import import_csv

    documents, sentences = _corpus(
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


def test_the_shipped_model_loads_and_was_trained_on_the_current_tune_lines(project_root) -> None:
    from helpers.claims.recommender import model_path_for

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


def test_a_model_without_any_claim_ships_small_and_proposes_nothing(
    codebook, gold, tmp_path
) -> None:
    settings = RecommenderSettings(min_positives=100)
    model = train_recommender(training_set([gold], codebook), codebook, settings)
    assert not model.claims and set(model.no_model) == {"ARMS", "LOYAL"}
    path = save_recommender(model, tmp_path / "empty.json")
    loaded = load_recommender(path, codebook)
    assert loaded.char_vocabulary == () and loaded.settings.min_positives == 100
    documents, sentences = _corpus({"d1": ["רוסיה תמסור לאיראן מסוקי קרב"]})
    nothing = pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"])
    assert recommend(documents, sentences, nothing, loaded, codebook).empty

"""helpers.claims.validation: the sampling frame, the stratified sampler (weights sum to the
stratum sizes; seeded) and the review round trip carrying the weights."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import codebook_from_yaml, seed_path

from helpers.claims.annotate import annotate
from helpers.claims.review import SAMPLE_CSV_COLUMNS, export_csv, import_csv
from helpers.claims.validation import (
    STATUS_ACTORS,
    STATUS_CLAIM,
    allocate,
    draw_validation_sample,
    frame_actor_ids,
    names_actors,
    sampling_frame,
    validation_outcomes,
)
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.segment import sentences_table

CODEBOOK = """\
codebook: validation-test
version: 2
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  PUTIN: {en: Putin, kind: person, he: [פוטין], ar: [بوتين]}
  IR: {en: Iran, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
  IL: {en: Israel, kind: state, he: [ישראל], ar: [إسرائيل]}
claims:
  - {id: LOYAL, en: loyal partner, frame: alliance-strong, requires: [[RU, PUTIN], [IR]],
     he: [ידידה נאמנה, שותפה אמינה], ar: [شراك*]}
"""


@pytest.fixture()
def codebook(tmp_path: Path):
    return codebook_from_yaml(tmp_path, CODEBOOK)


def test_frame_actors_come_from_requires(codebook) -> None:
    # IL is required by no claim; with an anchor only its side: IR never shares a list with RU
    assert frame_actor_ids(codebook) == ("IR", "PUTIN", "RU")
    assert frame_actor_ids(codebook, anchor="RU") == ("PUTIN", "RU")


def test_names_actors_on_sentences_read_by_hand(codebook) -> None:
    sentences = pd.DataFrame(
        {
            "text": [
                "נשיא רוסיה שלח ברכות",  # Russia named
                "ישראל ואיראן הסלימו",  # Israel and Iran only
                "وقال بوتين إن",  # Putin named (Arabic)
                "text in an uncovered language",
            ]
        }
    )
    langs = pd.Series(["he", "he", "ar", "fa"])
    got = names_actors(sentences, langs, codebook, ("PUTIN", "RU"))
    assert got.tolist() == [True, False, True, False]


def _frame(sizes: dict[tuple[str, str, str], int]) -> pd.DataFrame:
    rows = []
    for (lang, outlet, status), n in sizes.items():
        for i in range(n):
            rows.append(
                {
                    "doc_id": f"{lang}-{outlet}-{i // 5:03d}",
                    "sent_idx": i % 5 + (0 if status == STATUS_CLAIM else 100),
                    "lang": lang,
                    "outlet": outlet,
                    "status": status,
                    "stratum": f"{lang} | {outlet} | {status}",
                }
            )
    return pd.DataFrame(rows)


SIZES = {
    ("he", "Walla", STATUS_CLAIM): 40,
    ("he", "Walla", STATUS_ACTORS): 400,
    ("he", "Ynet", STATUS_CLAIM): 10,
    ("he", "Ynet", STATUS_ACTORS): 150,
    ("ar", "Mayadeen", STATUS_CLAIM): 30,
    ("ar", "Mayadeen", STATUS_ACTORS): 600,
    ("ar", "Techno", STATUS_CLAIM): 1,
    ("ar", "Techno", STATUS_ACTORS): 3,
}


def test_sample_weights_sum_to_the_stratum_sizes() -> None:
    frame = _frame(SIZES)
    sample = draw_validation_sample(frame, n=200, seed=11)
    sums = sample.groupby("stratum")["weight"].sum()
    sizes = frame.groupby("stratum").size()
    assert sums.to_dict() == pytest.approx(sizes.astype(float).to_dict())
    assert sample["weight"].sum() == pytest.approx(len(frame))
    # every sampled sentence is a frame sentence, none twice
    keys = list(zip(sample.doc_id, sample.sent_idx))
    assert len(set(keys)) == len(keys)
    assert set(keys) <= set(zip(frame.doc_id, frame.sent_idx))


def test_allocation_splits_the_budget_over_tagged_and_untagged() -> None:
    frame = _frame(SIZES)
    sizes = frame.groupby("stratum").size()
    statuses = frame.groupby("stratum")["status"].first()
    take = allocate(sizes, statuses, n=200, min_per_stratum=2)
    # 100 for the 81 tagged sentences → all 81 (capped at each stratum's size);
    # 100 for the 1153 untagged: Walla 400/1153·100 = 34.7 → 35, Ynet 13.0 → 13,
    # Mayadeen 52.0 → 52, Techno 0.26 → floor of 2
    assert take["he | Walla | claim"] == 40 and take["ar | Techno | claim"] == 1
    assert take["he | Walla | actors"] == 35 and take["he | Ynet | actors"] == 13
    assert take["ar | Mayadeen | actors"] == 52 and take["ar | Techno | actors"] == 2


def test_sampler_is_seeded() -> None:
    frame = _frame(SIZES)
    one = draw_validation_sample(frame, n=120, seed=5)
    two = draw_validation_sample(frame.sample(frac=1, random_state=3), n=120, seed=5)
    pd.testing.assert_frame_equal(one, two)  # input order does not matter either
    other = draw_validation_sample(frame, n=120, seed=6)
    assert not one[["doc_id", "sent_idx"]].equals(other[["doc_id", "sent_idx"]])


def test_unbiased_total_over_many_draws() -> None:
    # the weighted count of a property of the frame is unbiased (Horvitz–Thompson)
    frame = _frame(SIZES)
    rng = np.random.default_rng(0)
    flag = dict(zip(zip(frame.doc_id, frame.sent_idx), rng.random(len(frame)) < 0.2))
    truth = sum(flag.values())
    estimates = []
    for seed in range(200):
        s = draw_validation_sample(frame, n=80, seed=seed)
        estimates.append(sum(w * flag[k] for w, k in zip(s.weight, zip(s.doc_id, s.sent_idx))))
    assert np.mean(estimates) == pytest.approx(truth, rel=0.05)


@pytest.fixture()
def corpus(codebook):
    rows = []
    for prefix, lang, outlet in (("000", "he", "Walla"), ("003", "ar", None)):
        text = clean_text(seed_path(prefix).read_text(encoding="utf-8"), lang)
        doc_id = hashlib.sha256(normalize_for_match(text, lang).encode()).hexdigest()[:16]
        rows.append({"doc_id": doc_id, "lang": lang, "outlet": outlet, "text": text})
    docs = pd.DataFrame(rows)
    sents = sentences_table(docs)
    mentions = annotate(docs, sents, codebook)
    return docs, sents, mentions


def test_frame_and_review_round_trip_carry_the_weights(codebook, corpus, tmp_path) -> None:
    docs, sents, mentions = corpus
    frame = sampling_frame(docs, sents, mentions, codebook)
    tagged = set(zip(mentions.doc_id.astype(str), mentions.sent_idx.astype(int)))
    in_frame = set(zip(frame.doc_id, frame.sent_idx))
    assert tagged <= in_frame  # every sentence with a claim found is in the frame
    assert set(frame.status) == {STATUS_CLAIM, STATUS_ACTORS}
    assert "ar | (no outlet) | actors" in set(frame.stratum)  # seed 003 names no outlet
    sample = draw_validation_sample(frame, n=12, seed=1, min_per_stratum=1)
    path = export_csv(tmp_path / "validation.csv", docs, sents, mentions, sample=sample)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(sample)
    assert list(rows[0])[-len(SAMPLE_CSV_COLUMNS) :] == list(SAMPLE_CSV_COLUMNS)
    # the reviewer marks the first sampled sentence as carrying LOYAL, the others as none
    for i, row in enumerate(rows):
        row["reviewer_claims"] = "LOYAL" if i == 0 else "-"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    imported = import_csv(path, docs, sents, claim_ids=["LOYAL"], annotator="r1")
    assert not len(imported.problems)
    reviewed = imported.reviewed.sort_values(["doc_id", "sent_idx"]).reset_index(drop=True)
    expected = sample.sort_values(["doc_id", "sent_idx"]).reset_index(drop=True)
    assert reviewed["weight"].tolist() == pytest.approx(expected["weight"].tolist())
    assert reviewed["stratum"].tolist() == expected["stratum"].tolist()
    outcomes = validation_outcomes(reviewed, mentions, imported.mentions, ["LOYAL"])
    assert len(outcomes) == len(sample)
    first = (rows[0]["doc_id"], int(rows[0]["sent_idx"]))
    human = outcomes.set_index(["doc_id", "sent_idx"])["human"]
    assert human[first] and human.sum() == 1
    tagger = outcomes.set_index(["doc_id", "sent_idx"])["tagger"]
    assert tagger.sum() == len(set(zip(sample.doc_id, sample.sent_idx)) & tagged)


def test_a_bad_weight_is_a_problem_not_a_silent_row(codebook, corpus, tmp_path) -> None:
    docs, sents, mentions = corpus
    sample = draw_validation_sample(sampling_frame(docs, sents, mentions, codebook), n=4)
    path = export_csv(tmp_path / "v.csv", docs, sents, mentions, sample=sample)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["reviewer_claims"], rows[0]["weight"] = "-", "heavy"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    imported = import_csv(path, docs, sents)
    assert imported.problems["kind"].tolist() == ["bad_weight"]
    assert len(imported.reviewed) == 0


def test_validation_round_without_and_with_a_review(codebook, corpus, tmp_path) -> None:
    from helpers.claims.validation import strata_summary, validation_round

    docs, sents, mentions = corpus
    first = validation_round(docs, sents, mentions, codebook, None, n=10, seed=3)
    assert len(first.outcomes) == 0 and "perfect tagger" in first.message("x.csv")
    summary = strata_summary(first.sample)
    assert summary["sampled"].sum() == len(first.sample)
    assert (summary["frame_sentences"] >= summary["sampled"]).all()
    path = export_csv(tmp_path / "v.csv", docs, sents, mentions, sample=first.sample)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["reviewer_claims"] = "-"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    reviewed = import_csv(path, docs, sents, claim_ids=["LOYAL"])
    second = validation_round(docs, sents, mentions, codebook, reviewed, n=10, seed=3)
    pd.testing.assert_frame_equal(first.sample, second.sample)  # same seed, same sample
    assert len(second.outcomes) == len(rows) and not second.outcomes["human"].any()
    assert "weights carried back" in second.message("x.csv")


def test_validation_message_names_the_export_relative_to_the_project(codebook, corpus) -> None:
    """The executed notebook and the report said /abs/checkout/runs/x/review/…: different
    in every checkout, so the report was not the same file for the same run."""
    from helpers.claims.validation import validation_round
    from helpers.core.paths import PROJECT_ROOT

    docs, sents, mentions = corpus
    first = validation_round(docs, sents, mentions, codebook, None, n=10, seed=3)
    exported = PROJECT_ROOT / "runs" / "x" / "review" / "validation_sample.csv"
    line = first.message(exported).splitlines()[0]
    assert line.endswith("strata → runs/x/review/validation_sample.csv"), line
    assert str(PROJECT_ROOT) not in line

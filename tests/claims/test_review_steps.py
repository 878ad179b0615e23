"""helpers.claims.review's notebook steps: the export folder, import by suffix, agreement
between tagger and reviewers, human labels merged into the mentions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import codebook_from_yaml, seed_path

from helpers.claims.annotate import annotate
from helpers.claims.review import (
    import_review,
    review_agreement,
    speaker_choices,
    with_human_mentions,
    write_review_exports,
)
from helpers.core.io import output_file_mode, text_sha256
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.segment import sentences_table

CODEBOOK = """\
codebook: review-steps-test
version: 3
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  PUTIN: {en: Putin, kind: person, he: [פוטין], ar: [بوتين]}
media:
  TASS: {en: TASS, he: [טאס], ar: [تاس]}
speech_verbs: {he: [אמר], ar: [قال, أكد]}
claims:
  - {id: RU_LOYAL_PARTNER, en: loyal partner, frame: alliance-strong,
     he: [ידידה נאמנה, שותפה אמינה], ar: [شراك*]}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    codebook = codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)
    rows = []
    for prefix, lang in (("000", "he"), ("003", "ar")):
        text = clean_text(seed_path(prefix).read_text(encoding="utf-8"), lang)
        doc_id = text_sha256(normalize_for_match(text, lang))[:16]
        rows.append({"doc_id": doc_id, "lang": lang, "outlet": f"outlet{prefix}", "text": text})
    docs = pd.DataFrame(rows)
    sents = sentences_table(docs)
    return docs, sents, annotate(docs, sents, codebook), codebook


def test_speaker_choices_are_outlet_actors_then_media(corpus) -> None:
    assert speaker_choices(corpus[3]) == ["OUTLET", "PUTIN", "RU", "MEDIA:TASS"]


def test_write_review_exports_writes_three_ordinary_files(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, codebook = corpus
    paths = write_review_exports(tmp_path / "review", docs, sents, mentions, codebook)
    assert [p.name for p in paths] == ["label_studio_tasks.json", "review.csv", "label_config.xml"]
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == sorted(p.name for p in paths)
    assert {p.stat().st_mode & 0o777 for p in paths} == {output_file_mode()}
    tasks = json.loads(paths[0].read_text(encoding="utf-8"))
    assert len(tasks) == 2 and {t["data"]["meta"]["codebook_version"] for t in tasks} == {3}
    config = paths[2].read_text(encoding="utf-8")
    for value in ("RU_LOYAL_PARTNER", "OUTLET", "PUTIN", "RU", "MEDIA:TASS"):
        assert f'<Choice value="{value}"/>' in config or f'<Label value="{value}"/>' in config


def _accept_all_csv(path: Path) -> Path:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["reviewer_claims"] = row["suggested_claims"] or "-"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _accept_all_label_studio(path: Path) -> Path:
    tasks = json.loads(path.read_text(encoding="utf-8"))
    for task in tasks:
        task["annotations"] = [
            {"id": 1, "completed_by": 4, "result": task["predictions"][0]["result"]}
        ]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_review_reads_by_suffix_and_agreement_is_perfect(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, codebook = corpus
    assert len(mentions) >= 2  # the seeds carry the claim in both languages
    tasks, review_csv, _ = write_review_exports(tmp_path, docs, sents, mentions, codebook)
    claim_ids = [c.id for c in codebook.claims]
    first = import_review(
        _accept_all_csv(review_csv.rename(tmp_path / "ANNA.CSV")), docs, sents, claim_ids
    )
    second = import_review(_accept_all_label_studio(tasks), docs, sents, claim_ids)
    assert set(first.mentions["annotator"]) == {"ANNA"}  # the CSV reader: annotator = stem
    assert set(second.mentions["annotator"]) == {"4"}  # the Label Studio reader
    assert first.problems.empty and second.problems.empty
    table = review_agreement(mentions, [first, second], claim_ids)
    assert list(table["pair"]) == ["tagger vs reviewer 1", "reviewer 1 vs reviewer 2"]
    assert table["alpha"].tolist() == [1.0, 1.0]
    assert table["n_sentences"].tolist() == [len(sents), len(sents)]
    assert review_agreement(mentions, [], claim_ids).empty


def test_with_human_mentions_keeps_mention_order_tagger_first(corpus) -> None:
    _, _, mentions, _ = corpus
    human = mentions.iloc[::-1].assign(method="human", annotator="x")
    merged = with_human_mentions(mentions, human)
    assert list(merged.columns) == list(mentions.columns)
    assert len(merged) == 2 * len(mentions)
    keys = list(zip(merged["doc_id"], merged["sent_idx"], merged["start"], merged["claim_id"]))
    assert keys == sorted(keys)
    assert merged["method"].tolist() == ["human", "rule"] * len(mentions)


def test_review_round_without_a_reviewed_file_exports_and_says_so(corpus, tmp_path: Path) -> None:
    from helpers.claims.review import review_round
    from helpers.core.paths import display_path

    docs, sents, mentions, codebook = corpus
    folder = tmp_path / "review"
    reviewed = review_round(folder, docs, sents, mentions, codebook, [None, None])
    assert [p.name for p in reviewed.exported] == [
        "label_studio_tasks.json",
        "review.csv",
        "label_config.xml",
    ]
    assert all(p.parent == folder and p.exists() for p in reviewed.exported)
    assert reviewed.imports == [] and reviewed.first_import is None
    assert reviewed.agreement is None and reviewed.tables == {}
    assert reviewed.mentions is mentions
    assert reviewed.message().splitlines() == [
        f"review exports: label_studio_tasks.json, review.csv, label_config.xml in "
        f"{display_path(folder)}",
        "review_in = '': no reviewed file to import (Krippendorff's α needs one)",
    ]


def test_review_round_imports_measures_agreement_and_adds_the_labels(
    corpus, tmp_path: Path
) -> None:
    from helpers.claims.review import review_round

    docs, sents, mentions, codebook = corpus
    exported = write_review_exports(tmp_path / "first", docs, sents, mentions, codebook)
    anna = _accept_all_csv(exported[1].rename(tmp_path / "ANNA.csv"))
    with anna.open(encoding="utf-8-sig", newline="") as fh:
        suggested = [r["suggested_claims"] for r in csv.DictReader(fh) if r["suggested_claims"]]
    accepted = sum(len(s.split(";")) for s in suggested)
    reviewed = review_round(tmp_path / "review", docs, sents, mentions, codebook, [anna, None])
    assert [p for p, _ in reviewed.imports] == [anna]
    assert reviewed.first_import is reviewed.imports[0][1]
    assert reviewed.agreement is not None and list(reviewed.tables) == ["agreement"]
    assert reviewed.agreement["pair"].tolist() == ["tagger vs reviewer 1"]
    assert reviewed.agreement["alpha"].tolist() == [1.0]
    human = reviewed.mentions[reviewed.mentions["method"] == "human"]
    assert len(human) == accepted and len(reviewed.mentions) == len(mentions) + accepted
    assert reviewed.message().splitlines()[1] == (
        f"ANNA.csv: {accepted} accepted labels on {len(sents)} reviewed sentences, 0 problems"
    )

"""helpers.claims.review: Label Studio and CSV round trips, tampered offsets, changed text, CSV
formula escaping."""

from __future__ import annotations

import copy
import csv
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import codebook_from_yaml, seed_path

from helpers.claims.annotate import annotate
from helpers.claims.review import (
    CSV_COLUMNS,
    ReviewError,
    escape_csv_cell,
    export_csv,
    export_label_studio,
    import_csv,
    import_label_studio,
    label_config,
    unescape_csv_cell,
    write_label_studio,
)
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.segment import sentences_table

CODEBOOK = """\
codebook: review-test
version: 5
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  PUTIN: {en: Putin, kind: person, he: [פוטין], ar: [بوتين]}
  PESKOV: {en: Peskov, kind: person, he: [פסקוב], ar: [بيسكوف]}
speech_verbs: {he: [אמר], ar: [قال, أكد]}
hedges: {he: [לפי דיווח], ar: [يرى مراقبون]}
claims:
  - {id: RU_LOYAL_PARTNER, en: loyal partner, frame: alliance-strong,
     he: [ידידה נאמנה, שותפה אמינה], ar: [شراك*]}
  - {id: INTEL, en: intelligence, frame: military, he: [מודיעין]}
"""


@pytest.fixture()
def corpus(tmp_path: Path):
    codebook = codebook_from_yaml(tmp_path, CODEBOOK)
    rows = []
    for prefix, lang in (("000", "he"), ("003", "ar")):
        text = clean_text(seed_path(prefix).read_text(encoding="utf-8"), lang)
        doc_id = hashlib.sha256(normalize_for_match(text, lang).encode()).hexdigest()[:16]
        rows.append({"doc_id": doc_id, "lang": lang, "outlet": f"outlet{prefix}", "text": text})
    # a document whose lines start with spreadsheet formula characters
    evil = '=HYPERLINK("http://x")\n-5 מעלות במוסקבה\n+972 מודיעין\n@פוטין אמר'
    rows.append({"doc_id": "evil0000evil0000", "lang": "he", "outlet": None, "text": evil})
    docs = pd.DataFrame(rows)
    sents = sentences_table(docs)
    mentions = annotate(docs, sents, codebook)
    return docs, sents, mentions, codebook


def as_annotations(tasks: list[dict], reviewer: int = 7) -> list[dict]:
    """What Label Studio exports after a reviewer accepted every prediction unchanged."""
    out = copy.deepcopy(tasks)
    for task in out:
        task["annotations"] = [
            {"id": 1, "completed_by": reviewer, "result": task["predictions"][0]["result"]}
        ]
    return out


def test_label_studio_export_structure(corpus) -> None:
    docs, _, mentions, _ = corpus
    tasks = export_label_studio(docs, mentions)
    assert len(tasks) == len(docs)
    for task, doc in zip(tasks, docs.itertuples()):
        assert task["data"]["text"] == doc.text
        meta = task["data"]["meta"]
        assert meta["doc_id"] == doc.doc_id and meta["lang"] == doc.lang
        assert meta["text_sha256"] == hashlib.sha256(doc.text.encode()).hexdigest()
        result = task["predictions"][0]["result"]
        labels = [r for r in result if r["type"] == "labels"]
        assert len(labels) == (mentions["doc_id"] == doc.doc_id).sum()
        for region in result:
            v = region["value"]
            assert doc.text[v["start"] : v["end"]] == v["text"]
        for lab in labels:  # every label region has its per-region choices (same id)
            names = {
                r["from_name"] for r in result if r["id"] == lab["id"] and r["type"] == "choices"
            }
            assert names == {"speaker", "hedged", "negated"}
    # 000 has a "שותפה אמינה" cue: the export carries it as a labels region
    he_labels = [r["value"] for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels"]
    assert {"text": "שותפה אמינה", "labels": ["RU_LOYAL_PARTNER"]}.items() <= next(
        v for v in he_labels if v["text"] == "שותפה אמינה"
    ).items()
    assert tasks[0]["data"]["meta"]["codebook_version"] == 5
    assert '<Label value="RU_LOYAL_PARTNER"/>' in label_config(["RU_LOYAL_PARTNER"], ["PUTIN"])


def test_label_studio_round_trip(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, _ = corpus
    path = write_label_studio(
        tmp_path / "tasks.json", as_annotations(export_label_studio(docs, mentions))
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    result = import_label_studio(path, docs, sents)
    assert result.problems.empty
    human = result.mentions
    assert (human["method"] == "human").all() and (human["annotator"] == "7").all()
    cols = ["doc_id", "sent_idx", "claim_id", "start", "end", "cue", "speaker", "hedged", "negated"]
    left = human[cols].astype(object).sort_values(cols[:5]).reset_index(drop=True)
    right = mentions[cols].astype(object).sort_values(cols[:5]).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    # every sentence of every annotated task counts as reviewed
    assert len(result.reviewed) == len(sents)


def test_tampered_offset_is_reported(corpus) -> None:
    docs, sents, mentions, _ = corpus
    tasks = as_annotations(export_label_studio(docs, mentions))
    region = next(r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "labels")
    region["value"]["start"] += 1
    region["value"]["end"] += 1
    result = import_label_studio(tasks, docs, sents)
    assert result.problems[["doc_id", "region", "kind"]].values.tolist() == [
        [docs["doc_id"][0], region["id"], "offset_mismatch"]
    ]
    assert region["value"]["text"] in result.problems["detail"][0]
    assert len(result.mentions) == len(mentions) - 1  # only the tampered region is dropped
    with pytest.raises(ReviewError, match="offset_mismatch"):
        import_label_studio(tasks, docs, sents, strict=True)


def test_changed_text_is_reported(corpus) -> None:
    docs, sents, mentions, _ = corpus
    tasks = as_annotations(export_label_studio(docs, mentions))
    changed = docs.copy()
    changed.loc[0, "text"] = "מבזק: " + changed.loc[0, "text"]  # offsets shift by 6
    result = import_label_studio(tasks, changed, sents)
    kinds = result.problems[result.problems["doc_id"] == docs["doc_id"][0]]["kind"].tolist()
    n_regions = (mentions["doc_id"] == docs["doc_id"][0]).sum()
    assert kinds[0] == "text_changed"
    assert kinds.count("offset_mismatch") == n_regions  # every region listed
    assert not (result.mentions["doc_id"] == docs["doc_id"][0]).any()
    assert (result.mentions["doc_id"] == docs["doc_id"][1]).sum() == (
        mentions["doc_id"] == docs["doc_id"][1]
    ).sum()


def read_csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv_rows(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def test_csv_export_escapes_formulas(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, _ = corpus
    path = export_csv(tmp_path / "review.csv", docs, sents, mentions)
    rows = read_csv_rows(path)
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == len(sents)
    evil = [r["text"] for r in rows if r["doc_id"] == "evil0000evil0000"]
    assert evil == ['\'=HYPERLINK("http://x")', "'-5 מעלות במוסקבה", "'+972 מודיעין", "'@פוטין אמר"]
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)
    # the mention of INTEL in "+972 מודיעין" is suggested on that row
    plus = next(r for r in rows if r["text"].startswith("'+972"))
    assert plus["suggested_claims"] == "INTEL" and plus["hedged"] == "no"
    assert unescape_csv_cell(escape_csv_cell("=1+1")) == "=1+1"
    assert escape_csv_cell("שלום") == "שלום"


def test_csv_round_trip_with_problems(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, codebook = corpus
    path = export_csv(tmp_path / "review.csv", docs, sents, mentions)
    rows = read_csv_rows(path)
    # the reviewer: accepts the suggestions on suggested rows, marks the first unsuggested
    # row as "no claim", tampers with one row's offsets and invents a claim on another
    suggested = [r for r in rows if r["suggested_claims"]]
    for r in suggested:
        r["reviewer_claims"] = r["suggested_claims"]
    empty = next(r for r in rows if not r["suggested_claims"])
    empty["reviewer_claims"] = "-"
    tampered = suggested[0]
    tampered["start"] = str(int(tampered["start"]) + 2)
    invented = suggested[-1]
    invented["reviewer_claims"] = invented["suggested_claims"] + ";RU_BEST_FRIENDS"
    write_csv_rows(path, rows)
    result = import_csv(path, docs, sents, claim_ids=codebook.claim_ids)
    problems = result.problems
    assert sorted(problems["kind"]) == ["offset_mismatch", "unknown_claim"]
    assert (
        problems[problems["kind"] == "unknown_claim"]["detail"]
        .str.contains("RU_BEST_FRIENDS")
        .all()
    )
    accepted = {(m.doc_id, m.sent_idx, m.claim_id) for m in result.mentions.itertuples()}
    expected = {
        (m.doc_id, m.sent_idx, m.claim_id)
        for m in mentions.itertuples()
        if not (m.doc_id == tampered["doc_id"] and m.sent_idx == int(tampered["sent_idx"]))
    }
    assert accepted == expected
    assert (result.mentions["method"] == "human").all()
    # the "-" row is reviewed (with no claim), the tampered row is not
    reviewed = set(zip(result.reviewed["doc_id"], result.reviewed["sent_idx"]))
    assert (empty["doc_id"], int(empty["sent_idx"])) in reviewed
    assert (tampered["doc_id"], int(tampered["sent_idx"])) not in reviewed
    with pytest.raises(ReviewError, match="unknown_claim"):
        import_csv(path, docs, sents, claim_ids=codebook.claim_ids, strict=True)


def test_csv_changed_text_reported(corpus, tmp_path: Path) -> None:
    docs, sents, mentions, _ = corpus
    path = export_csv(tmp_path / "review.csv", docs, sents, mentions)
    changed = docs.copy()
    changed.loc[1, "text"] = changed.loc[1, "text"].replace("شراكتها", "شراكته")
    result = import_csv(path, changed, sents)
    n_rows = (sents["doc_id"] == docs["doc_id"][1]).sum()
    assert (result.problems["kind"] == "text_changed").sum() == n_rows
    assert set(result.problems["doc_id"]) == {docs["doc_id"][1]}


def test_task_json_is_valid_utf8(corpus, tmp_path: Path) -> None:
    docs, _, mentions, _ = corpus
    path = write_label_studio(tmp_path / "t.json", export_label_studio(docs, mentions))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "שותפה אמינה" in path.read_text(encoding="utf-8")  # not \\u-escaped
    assert len(data) == 3

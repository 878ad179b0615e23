"""helpers.claims.written: tables of written articles, the written-set reader, and
bench/eval_written.py's error list, on articles written here and read by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from bench.eval_written import error_lines, main
from helpers.claims.evaluate import GoldError, score_by_language
from helpers.claims.written import article_tables, read_written_set

CLAIM_IDS = {"IR_ARMS_TO_RU", "PACT_STRATEGIC"}
ARMS = {"claim_id": "IR_ARMS_TO_RU", "speaker": "OUTLET", "hedged": False, "negated": False}
# Article 1: headline + one body sentence, both saying Iran sends drones to Russia.
AR_HEADLINE = "إيران تزود روسيا بطائرات مسيرة"
AR_BODY = "وقالت مصادر إن طهران سلمت موسكو مئات الطائرات المسيرة."
# Article 2: a question, a hard negative.
HE_QUESTION = "האם רוסיה תגן על איראן?"


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x for x in lines)
        + "\n",
        encoding="utf-8",
    )
    return path


def _good_lines() -> list[object]:
    return [
        {
            "id": "t-ar-1",
            "lang": "ar",
            "intended": "IR_ARMS_TO_RU",
            "sentences": [AR_HEADLINE, AR_BODY],
            "codes": [[ARMS], [ARMS]],
        },
        {"id": "t-he-1", "lang": "he", "intended": "NEGATIVE", "sentences": [HE_QUESTION]},
    ]


def test_article_tables_offsets_are_exact() -> None:
    documents, sentences = article_tables({"d": ("ar", [AR_HEADLINE, AR_BODY])})
    text = documents.loc[0, "text"]
    assert text == AR_HEADLINE + " " + AR_BODY
    spans = [text[s:e] for s, e in zip(sentences["start"], sentences["end"], strict=True)]
    assert spans == [AR_HEADLINE, AR_BODY]
    assert list(sentences["sent_idx"]) == [0, 1]
    assert documents.loc[0, "source"] == "d"


def test_read_written_set_every_sentence_is_a_gold_row(tmp_path: Path) -> None:
    lines = _good_lines()
    lines[1]["codes"] = [[]]  # type: ignore[index]
    documents, sentences, gold = read_written_set(_write(tmp_path / "w.jsonl", lines), CLAIM_IDS)
    assert list(documents["doc_id"]) == ["t-ar-1", "t-he-1"]
    assert len(sentences) == 3
    assert list(zip(gold["doc_id"], gold["sent_idx"], gold["split"], strict=True)) == [
        ("t-ar-1", 0, "IR_ARMS_TO_RU"),
        ("t-ar-1", 1, "IR_ARMS_TO_RU"),
        ("t-he-1", 0, "NEGATIVE"),
    ]
    assert gold.loc[1, "quote"] == AR_BODY
    assert gold.loc[1, "start"] == len(AR_HEADLINE) + 1
    # one mention on the body sentence, one on the question: 1 TP, 1 FN (headline), 1 FP (he)
    mentions = pd.DataFrame(
        {
            "doc_id": ["t-ar-1", "t-he-1"],
            "sent_idx": [1, 0],
            "claim_id": ["IR_ARMS_TO_RU", "PACT_STRATEGIC"],
            "speaker": ["OUTLET", "RU"],
            "hedged": [False, False],
            "negated": [False, False],
            "rule": ["compose:x", "cue:y"],
        }
    )
    table = score_by_language(mentions, gold).set_index(["lang", "claim_id"])
    assert table.loc[("ar", "ALL"), ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert table.loc[("he", "ALL"), ["tp", "fp", "fn"]].tolist() == [0, 1, 0]
    assert error_lines(mentions, gold) == [
        f"MISS IR_ARMS_TO_RU        t-ar-1[0] {AR_HEADLINE}",
        f"FP   PACT_STRATEGIC       t-he-1[0] rule=cue:y {HE_QUESTION}",
    ]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"lang": "fr"}, "line 2: field 'lang': 'fr' is not one of ar, he"),
        ({"codes": [[], []]}, "line 2: field 'codes': needs one list of claims per sentence"),
        ({"codes": [[{"claim_id": "NOPE"}]]}, "line 2: field 'codes[0]': unknown claim 'NOPE'"),
        ({"id": "t-ar-1"}, "line 2: field 'id': 't-ar-1' repeats an earlier article"),
        ({"sentences": []}, "line 2: field 'sentences': missing or empty"),
    ],
)
def test_read_written_set_names_line_and_field(
    tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    lines = _good_lines()
    lines[1] = {**lines[1], "codes": [[]], **change}  # type: ignore[dict-item]
    with pytest.raises(GoldError) as info:
        read_written_set(_write(tmp_path / "bad.jsonl", lines), CLAIM_IDS)
    assert str(info.value) == f"bad.jsonl: 1 line(s) unusable:\n  {reason}"


def test_read_written_set_reports_bad_json(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", ["{not json"])
    with pytest.raises(GoldError, match=r"line 1: not JSON"):
        read_written_set(path, CLAIM_IDS)


def test_eval_written_cli_prints_one_line_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "bad.jsonl", [{"id": "x", "lang": "ar", "sentences": ["a"]}])
    assert main([str(path), "--no-baseline"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "eval-written: bad.jsonl: 1 line(s) unusable:",
        "  line 1: field 'codes': needs one list of claims per sentence",
    ]

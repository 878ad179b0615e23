"""Parameters checked against the data before "parameters OK": group columns and values
(in any displayed form), and gold documents that are not in the run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.ingest.outlets import join_outlets, load_outlets
from helpers.run import params as P

DOCS = pd.DataFrame(
    {
        "doc_id": ["d0", "d1", "d2", "d3", "d4"],
        "source": ["000_a.txt", "001_b.txt", "002_c.txt", "003_d.txt", "004_e.txt"],
        "lang": ["he", "ar", "he", "ar", "he"],
        "outlet": ["Walla", None, "Epoch Magazine Hebrew", "Techno Plus", "TRT Hebrew"],
        "text": ["x"] * 5,
        "url": [None] * 5,
    }
)


@pytest.fixture(scope="module")
def joined() -> tuple[pd.DataFrame, dict]:
    outlets = load_outlets()
    return join_outlets(DOCS, outlets), {o.name: o.aliases for o in outlets}


def test_group_by_must_be_a_documents_column_and_the_message_lists_them(joined) -> None:
    docs, aliases = joined
    with pytest.raises(P.ParameterError) as info:
        P.check_groups(docs, "outlett", "he", "ar", aliases)
    message = str(info.value)
    assert message.startswith("parameter 'group_by': 'outlett' is not a column to group")
    assert "lang" in message and "outlet_name" in message
    assert "text" not in message.split("choose one of")[1].split(", ")


def test_group_values_that_do_not_exist_list_the_values_found(joined) -> None:
    docs, aliases = joined
    with pytest.raises(P.ParameterError) as info:
        P.check_groups(docs, "outlet_name", "he", "ar", aliases)
    assert str(info.value) == (
        "parameter 'group_a': 'he' is not a value of outlet_name in this run; values found: "
        "'Epoch Magazine Hebrew' (1 article), 'TRT Hebrew' (1 article), "
        "'Techno Plus (تكنو بلس)' (1 article), 'Walla' (1 article), 'unknown' (1 article)"
    )
    with pytest.raises(P.ParameterError, match="'group_b': 'xx' is not a value of lang"):
        P.check_groups(docs, "lang", "he", "xx", aliases)


def test_outlet_names_are_accepted_in_every_displayed_form(joined) -> None:
    docs, aliases = joined
    stored = "Techno Plus (تكنو بلس)"
    for form in ("Techno Plus", "techno  plus", "تكنو بلس", stored):
        assert P.check_groups(docs, "outlet_name", "Walla", form, aliases) == ("Walla", stored)
    assert P.check_groups(docs, "outlet_name", "וואלה", "TRT Hebrew", aliases)[0] == "Walla"


def test_language_names_are_accepted_for_language_codes(joined) -> None:
    docs, aliases = joined
    assert P.check_groups(docs, "lang", "Hebrew", "arabic", aliases) == ("he", "ar")


def test_the_same_group_twice_is_refused(joined) -> None:
    docs, aliases = joined
    with pytest.raises(P.ParameterError, match="both name 'he'"):
        P.check_groups(docs, "lang", "he", "Hebrew", aliases)


def _gold(tmp_path: Path, sources: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps({"source": s, "quote": "q", "claims": []}) for s in sources]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_documents_not_in_the_run_are_reported_in_one_line(tmp_path: Path) -> None:
    gold = _gold(tmp_path, ["000_a.txt", "000_a.txt", "009_x.txt", "008_y.txt", "008_y.txt"])
    path, note = P.check_gold_documents(gold, DOCS, tmp_path / "run" / "gold_in_run.jsonl")
    assert path == tmp_path / "run" / "gold_in_run.jsonl"
    assert [json.loads(x)["source"] for x in path.read_text().splitlines()] == ["000_a.txt"] * 2
    assert "\n" not in note
    assert note.startswith("gold: 2 documents of ")
    assert "not in this run (008_y.txt, 009_x.txt)" in note
    assert "evaluating on the 2 gold lines of the documents present" in note
    assert note.endswith('gold="" skips the evaluation')


def test_gold_fully_present_or_fully_absent_is_passed_through(tmp_path: Path) -> None:
    present = _gold(tmp_path, ["000_a.txt", "004_e.txt"])
    assert P.check_gold_documents(present, DOCS, tmp_path / "x.jsonl") == (present, None)
    assert P.check_gold_documents(None, DOCS, tmp_path / "x.jsonl") == (None, None)
    absent = _gold(tmp_path, ["009_x.txt"])
    assert P.check_gold_documents(absent, DOCS, tmp_path / "x.jsonl") == (absent, None)
    assert not (tmp_path / "x.jsonl").exists()

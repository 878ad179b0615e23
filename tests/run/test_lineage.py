"""Run folders with lineage: every table records the step entry it was built from, notebooks
stop with one line when the tables they read disagree, and 01 on other inputs starts afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.core.paths import display_path
from helpers.run import store

INPUTS_A = [{"source": "000_a.txt", "sha256": "aa" * 32, "bytes": 10}]
INPUTS_B = [{"source": "000_b.txt", "sha256": "bb" * 32, "bytes": 12}]


def _docs(tag: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d-{tag}"], "source": [f"000_{tag}.txt"], "lang": ["he"]})


def _ingest(run_dir: Path, inputs: list[dict], tag: str) -> store.Lineage:
    lineage = store.begin_step(run_dir, "01_ingest", inputs=inputs)
    store.write_table(run_dir, "documents", _docs(tag))
    store.write_table(run_dir, "sentences", _docs(tag))
    store.update_manifest(run_dir, "01_ingest", {"corpus": tag}, tables=["documents"])
    return lineage


def _annotate(run_dir: Path, codebook: Path) -> store.Lineage:
    lineage = store.begin_step(
        run_dir,
        "02_annotate_claims",
        reads=["documents", "sentences"],
        files={"codebook": codebook},
    )
    store.write_table(run_dir, "mentions", pd.DataFrame({"doc_id": ["d"], "claim_id": ["C"]}))
    return lineage


@pytest.fixture()
def codebook(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text("claims: []\n", encoding="utf-8")
    return path


def test_each_table_records_the_entry_of_the_step_that_wrote_it(
    tmp_path: Path, codebook: Path
) -> None:
    run = tmp_path / "run"
    first = _ingest(run, INPUTS_A, "a")
    second = _annotate(run, codebook)
    docs = store.table_lineage(run, "documents")
    assert docs["step"] == "01_ingest" and docs["id"] == first.id
    assert docs["ingredients"]["n_inputs"] == 1
    mentions = store.table_lineage(run, "mentions")
    assert mentions["step"] == "02_annotate_claims"
    assert mentions["built_from"] == {"01_ingest": first.id}
    assert mentions["ingredients"]["files_sha256"]["codebook"] == store.file_sha256(codebook)
    manifest = store.read_json(run / "manifest.json")
    assert manifest["steps"]["01_ingest"]["lineage"]["id"] == first.id
    assert second.chain == {"01_ingest": first.id, "02_annotate_claims": second.id}


def test_same_inputs_give_the_same_id_and_byte_identical_tables(
    tmp_path: Path, codebook: Path
) -> None:
    a = _ingest(tmp_path / "a", INPUTS_A, "a")
    b = _ingest(tmp_path / "b", INPUTS_A, "a")
    assert a.id == b.id
    assert (tmp_path / "a" / "documents.parquet").read_bytes() == (
        tmp_path / "b" / "documents.parquet"
    ).read_bytes()
    _annotate(tmp_path / "a", codebook)
    again = _ingest(tmp_path / "a", INPUTS_A, "a")  # rerun of 01 on the same corpus
    assert again.cleared == ()
    assert (tmp_path / "a" / "mentions.parquet").exists()


def test_mentions_of_another_01_run_stop_with_one_line_naming_what_to_rerun(
    tmp_path: Path, codebook: Path
) -> None:
    run = tmp_path / "run"
    _ingest(run, INPUTS_A, "a")
    _annotate(run, codebook)
    other = tmp_path / "other"
    _ingest(other, INPUTS_B, "b")
    shutil.copy(other / "documents.parquet", run / "documents.parquet")
    shutil.copy(other / "sentences.parquet", run / "sentences.parquet")
    with pytest.raises(store.LineageError) as info:
        store.check_lineage(run, ["documents", "mentions"])
    assert str(info.value) == (
        f"mentions in {display_path(run)} were built from a different 01 run — re-run 02"
    )
    assert info.value._render_traceback_() == [f"LineageError: {info.value}"]
    # 03 reading them gets the same message from begin_step
    with pytest.raises(store.LineageError, match="mentions in .* different 01 run — re-run 02"):
        store.begin_step(run, "03_compare_stance", reads=["documents", "mentions"])


def test_comparison_tables_of_another_02_run_name_03(tmp_path: Path, codebook: Path) -> None:
    run = tmp_path / "run"
    _ingest(run, INPUTS_A, "a")
    _annotate(run, codebook)
    store.begin_step(run, "03_compare_stance", reads=["documents", "mentions"])
    store.write_table(run, "cmp_prevalence", pd.DataFrame({"x": [1]}))
    codebook.write_text("claims: [changed]\n", encoding="utf-8")
    _annotate(run, codebook)  # 02 again with another codebook: cmp_* are now stale
    with pytest.raises(store.LineageError) as info:
        store.check_lineage(run, ["documents", "mentions", "cmp_prevalence"])
    assert "cmp_prevalence in" in str(info.value)
    assert str(info.value).endswith("were built from a different 02 run — re-run 03")


def test_01_on_other_inputs_starts_the_folder_afresh(tmp_path: Path, codebook: Path) -> None:
    run = tmp_path / "run"
    _ingest(run, INPUTS_A, "a")
    _annotate(run, codebook)
    (run / "figures").mkdir()
    (run / "figures" / "prevalence.png").write_bytes(b"png")
    (run / "report.html").write_text("old", encoding="utf-8")
    (run / "notebooks").mkdir()  # executed notebooks of the report runner stay
    fresh = store.begin_step(run, "01_ingest", inputs=INPUTS_B)
    assert set(fresh.cleared) == {
        "documents.parquet",
        "sentences.parquet",
        "mentions.parquet",
        "manifest.json",
        "figures/",
        "report.html",
    }
    assert sorted(p.name for p in run.iterdir()) == ["notebooks"]
    message = store.cleared_message(run, fresh)
    assert "\n" not in message
    assert message.startswith(f"{display_path(run)} held tables built from other inputs")
    assert message.endswith("run 02, 03 and 04 again")


def test_tables_without_lineage_ask_for_a_rerun(tmp_path: Path) -> None:
    store.write_table(tmp_path, "documents", _docs("a"))  # no step open: an older table
    with pytest.raises(store.LineageError, match="documents in .* carries no lineage .* re-run 01"):
        store.check_lineage(tmp_path, ["documents"])


def test_a_missing_table_names_the_notebook_that_writes_it(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match=r"mentions\.parquet does not exist — run 02_"):
        store.check_lineage(tmp_path, ["mentions"])


def test_a_step_removes_the_tables_it_wrote_before(tmp_path: Path, codebook: Path) -> None:
    run = tmp_path / "run"
    _ingest(run, INPUTS_A, "a")
    _annotate(run, codebook)
    store.begin_step(run, "03_compare_stance", reads=["documents", "mentions"])
    store.write_table(run, "cmp_fisher", pd.DataFrame({"x": [1]}))
    store.begin_step(run, "03_compare_stance", reads=["documents", "mentions"])  # a newer 03
    assert not (run / "cmp_fisher.parquet").exists()
    assert (run / "mentions.parquet").exists() and (run / "documents.parquet").exists()

"""Run-folder storage: atomic writes, clear errors, byte-identical reruns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.run import store


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": ["a1", "b2"], "text": ["שלום עולם", "مرحبا بالعالم"], "n": [1, 2]}
    ).astype({"doc_id": "string[pyarrow]", "text": "string[pyarrow]"})


def test_write_then_read_round_trips_hebrew_and_arabic(tmp_path: Path) -> None:
    store.write_table(tmp_path, "documents", _frame())
    back = store.read_table(tmp_path, "documents")
    assert back["text"].tolist() == ["שלום עולם", "مرحبا بالعالم"]
    assert back["n"].tolist() == [1, 2]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_two_writes_of_the_same_frame_are_byte_identical(tmp_path: Path) -> None:
    first = store.write_table(tmp_path / "a", "t", _frame()).read_bytes()
    second = store.write_table(tmp_path / "b", "t", _frame()).read_bytes()
    assert first == second


def test_missing_table_names_the_notebook_that_makes_it(tmp_path: Path) -> None:
    with pytest.raises(
        store.StoreError, match=r"documents\.parquet does not exist — run 01_ingest first"
    ):
        store.read_table(tmp_path, "documents", produced_by="01_ingest")


def test_failed_write_keeps_the_previous_table_and_leaves_no_temp_file(tmp_path: Path) -> None:
    store.write_table(tmp_path, "t", _frame())
    before = (tmp_path / "t.parquet").read_bytes()

    def boom(tmp: Path) -> None:
        tmp.write_bytes(b"half a parq")
        raise OSError(28, "No space left on device")

    with pytest.raises(
        store.StoreError, match=r"cannot write .*t\.parquet: No space left on device"
    ):
        store.atomic_write(tmp_path / "t.parquet", boom)
    assert (tmp_path / "t.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.parquet"]


def test_process_killed_mid_write_leaves_old_table_intact(tmp_path: Path) -> None:
    """Kill a writer between writing the temp file and the rename: the table is untouched."""
    store.write_table(tmp_path, "t", _frame())
    before = (tmp_path / "t.parquet").read_bytes()
    code = (
        "import os, signal, pandas as pd\n"
        "from pathlib import Path\n"
        "from helpers.run import store\n"
        "def write(tmp):\n"
        "    tmp.write_bytes(b'PAR1 partial')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"store.atomic_write(Path({str(tmp_path / 't.parquet')!r}), write)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == -9
    assert (tmp_path / "t.parquet").read_bytes() == before
    # a rerun completes and replaces the table; the orphaned temp file never shadows it
    store.write_table(tmp_path, "t", _frame().head(1))
    assert len(store.read_table(tmp_path, "t")) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder_gives_one_clear_error(tmp_path: Path) -> None:  # pragma: no cover
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(store.StoreError, match="Permission denied"):
            store.write_table(tmp_path, "t", _frame())
    finally:
        tmp_path.chmod(0o700)


def test_unwritable_target_gives_one_clear_error(tmp_path: Path) -> None:
    """Works as root too: the 'folder' is a file, so nothing can be created inside it."""
    blocker = tmp_path / "runs"
    blocker.write_text("not a folder")
    with pytest.raises(store.StoreError, match=r"cannot write .*runs/t\.parquet"):
        store.write_table(blocker, "t", _frame())


def test_manifest_records_steps_without_timestamps_and_is_stable(tmp_path: Path) -> None:
    store.write_table(tmp_path, "documents", _frame())
    inputs = [{"source": "b.txt", "sha256": "2"}, {"source": "a.txt", "sha256": "1"}]
    store.update_manifest(tmp_path, "01_ingest", {"corpus": "seeds"}, ["documents"], inputs)
    first = (tmp_path / "manifest.json").read_bytes()
    store.update_manifest(tmp_path, "01_ingest", {"corpus": "seeds"}, ["documents"], inputs)
    assert (tmp_path / "manifest.json").read_bytes() == first
    manifest = json.loads(first)
    step = manifest["steps"]["01_ingest"]
    assert manifest["schema_version"] == store.SCHEMA_VERSION
    assert step["tables"]["documents"]["rows"] == 2
    assert [i["source"] for i in step["inputs"]] == ["a.txt", "b.txt"]
    assert manifest["packages"]["camel-tools"] == "1.6.0"
    assert "time" not in first.decode() and "date" not in first.decode()

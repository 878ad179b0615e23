"""Every file helpers.report writes goes through core.io's atomic write (temporary file in the
same folder, then os.replace): a failed notebook's flagged copy, the lab copies and their
record. A plain ``open(path, "w")`` truncates the file first, so a run killed mid-write leaves
half a notebook."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import nbformat
import pytest

from helpers.report import lab, runner


@pytest.fixture
def replaced(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Destinations of every os.replace during the test (the atomic write's last step)."""
    seen: list[Path] = []
    real = os.replace

    def recording(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", recording)
    return seen


def _notebook(path: Path, source: str = "x = 1") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(nb, str(path))
    return path


def test_a_failed_notebook_is_flagged_by_an_atomic_rewrite(
    tmp_path: Path, replaced: list[Path]
) -> None:
    executed = _notebook(tmp_path / "02_annotate_claims.ipynb")
    runner._flag_failure(executed, "ValueError: <bad> value\nTraceback line")
    assert replaced == [executed]
    nb = nbformat.read(str(executed), as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source == "**This run failed:** <code>ValueError: &lt;bad&gt; value</code>"
    assert nb.cells[1].source == "x = 1"
    assert executed.read_text(encoding="utf-8").endswith("}\n")  # as nbformat.write ends it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02_annotate_claims.ipynb"]


def test_write_notebook_gives_nbformat_write_bytes(tmp_path: Path) -> None:
    nb = nbformat.read(str(_notebook(tmp_path / "a.ipynb", "print('שלום')")), as_version=4)
    runner.write_notebook(nb, tmp_path / "b.ipynb")
    assert (tmp_path / "b.ipynb").read_bytes() == (tmp_path / "a.ipynb").read_bytes()


def test_lab_copies_and_their_record_are_written_atomically(
    tmp_path: Path, replaced: list[Path]
) -> None:
    tracked = tmp_path / "notebooks"
    tracked.mkdir()
    source = _notebook(tracked / "01_ingest.ipynb")
    workspace = tmp_path / "lab"
    lines = lab.prepare_workspace(workspace, tracked)
    copy, record = workspace / "01_ingest.ipynb", workspace / ".sources.json"
    assert replaced == [copy, record]
    assert len(lines) == 1 and lines[0].startswith("copied ")
    assert copy.read_bytes() == source.read_bytes()
    assert json.loads(record.read_text(encoding="utf-8")) == {
        "01_ingest.ipynb": hashlib.sha256(source.read_bytes()).hexdigest()
    }
    assert sorted(p.name for p in workspace.iterdir()) == [".sources.json", "01_ingest.ipynb"]

"""Notebook parameter checks and escaped, RTL-aware HTML."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.core.paths import PROJECT_ROOT, resolve_path
from helpers.report import display
from helpers.run import params


def test_relative_paths_resolve_from_the_project_root_whatever_the_cwd(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_path("seeds") == PROJECT_ROOT / "seeds"
    assert params.check_existing_path("corpus", "seeds", "dir") == PROJECT_ROOT / "seeds"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: params.check_existing_path("corpus", "no/such/folder"),
            "parameter 'corpus': 'no/such/folder' does not exist",
        ),
        (lambda: params.check_existing_path("corpus", ""), "parameter 'corpus': empty path"),
        (
            lambda: params.check_existing_path("codebook", "seeds", "file"),
            "parameter 'codebook': seeds is not a file",
        ),
        (
            lambda: params.check_existing_path("corpus", "seeds/*.docx"),
            "parameter 'corpus': glob 'seeds/\\*.docx' matches no file",
        ),
        (
            lambda: params.check_type("n_boot", "2000", int),
            "parameter 'n_boot': expected int, got str '2000'",
        ),
        (
            lambda: params.check_type("n_boot", True, int),
            "parameter 'n_boot': expected int, got bool True",
        ),
        (lambda: params.check_int_range("n_boot", 0, 1), "parameter 'n_boot': 0 must be >= 1"),
        (
            lambda: params.check_choice("engine", "spark", ["pandas", "dask"]),
            "parameter 'engine': 'spark' is not one of 'pandas', 'dask'",
        ),
    ],
)
def test_bad_parameters_raise_one_clear_line(call, message) -> None:
    with pytest.raises(params.ParameterError, match=message) as info:
        call()
    rendered = info.value._render_traceback_()
    assert len(rendered) == 1 and rendered[0].startswith("ParameterError: parameter '")


def test_output_dir_that_cannot_be_created_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(
        params.ParameterError, match=r"parameter 'run_dir': cannot write to .*file/run"
    ):
        params.check_output_dir("run_dir", str(blocker / "run"))


def test_output_dir_is_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    assert params.check_output_dir("run_dir", str(target)) == target
    assert target.is_dir() and list(target.iterdir()) == []


HOSTILE = ["<script>alert(1)</script> פוטין", "<img src=x onerror=alert(1)> بوتين"]


def test_html_table_escapes_article_text_and_marks_cells_auto_direction() -> None:
    frame = pd.DataFrame({"text": HOSTILE, "n": [1, 2]})
    markup = display.html_table(frame)
    assert "<script>alert" not in markup and "<img src=x" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; פוטין" in markup
    assert "&lt;img src=x onerror=alert(1)&gt; بوتين" in markup
    assert markup.count('<td dir="auto">') == 4


def test_html_table_cuts_long_cells_and_says_how_many_rows_are_hidden() -> None:
    frame = pd.DataFrame({"text": ["א" * 20] * 5})
    markup = display.html_table(frame, max_rows=2, max_chars=10)
    assert "א" * 10 + "…" in markup and "א" * 11 not in markup
    assert "… 3 more rows not shown" in markup


def test_highlight_spans_escapes_and_marks_by_offsets() -> None:
    text = "מוסקבה היא <b>שותפה אמינה</b> של טהרן"
    start = text.index("שותפה")
    out = display.highlight_spans(text, [(start, start + len("שותפה אמינה"))])
    assert out == "מוסקבה היא &lt;b&gt;<mark>שותפה אמינה</mark>&lt;/b&gt; של טהרן"


def test_highlight_spans_merges_overlaps_and_rejects_bad_offsets() -> None:
    assert display.highlight_spans("abcdef", [(1, 3), (2, 5)]) == "a<mark>bcde</mark>f"
    with pytest.raises(ValueError, match="outside text"):
        display.highlight_spans("abc", [(2, 9)])


def test_evidence_html_escapes_label_and_text() -> None:
    out = display.evidence_html([{"text": HOSTILE[1], "spans": [(0, 4)], "label": "<i>RU</i>"}])
    assert "&lt;i&gt;RU&lt;/i&gt;" in out and "<mark>&lt;img</mark>" in out
    assert 'dir="auto"' in out

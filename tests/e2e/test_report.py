"""The whole report (01 → 04 + HTML) on seeds plus hostile articles, checked in a real browser.

Two extra articles carry `<script>` and `<img onerror>` payloads inside Hebrew and Arabic
text. The executed notebooks and the HTML report must contain them only escaped, Hebrew and
Arabic must lay out right to left (computed `direction: rtl`) and no payload may run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import chromium_path, notebook_outputs

from helpers.core.paths import PROJECT_ROOT
from helpers.report import runner as report

SCRIPT_PAYLOAD = "<script>window.__pwned = 'script';</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned = 'img'\">"

HEBREW_HOSTILE = (
    "וואלה\n\nפוטין הבטיח לאיראן תמיכה " + SCRIPT_PAYLOAD + "\n\n"
    "נשיא רוסיה ולדימיר פוטין אמר כי מוסקבה היא שותפה אמינה של טהרן "
    + IMG_PAYLOAD
    + ". הקרמלין מסר כי רוסיה תמשיך לתמוך באיראן.\n"
)
ARABIC_HOSTILE = (
    "بوتين يؤكد دعم إيران " + IMG_PAYLOAD + "\n\n"
    "قال الرئيس الروسي فلاديمير بوتين إن روسيا شريك موثوق لإيران "
    + SCRIPT_PAYLOAD
    + ". وأكد الكرملين أن موسكو ستواصل التعاون مع طهران.\n"
)
RUN = "pytest-hostile"


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile_corpus")
    for seed in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "900_hostile_he.txt").write_text(HEBREW_HOSTILE, encoding="utf-8")
    (corpus / "901_hostile_ar.txt").write_text(ARABIC_HOSTILE, encoding="utf-8")
    run_dir = PROJECT_ROOT / "runs" / RUN
    shutil.rmtree(run_dir, ignore_errors=True)
    report.run_report(corpus=str(corpus), run=RUN)
    return run_dir


def test_report_writes_every_notebook_table_and_figure(hostile_run: Path) -> None:
    names = sorted(p.stem for p in (hostile_run / "notebooks").glob("*.ipynb"))
    assert names == list(report.NOTEBOOKS)
    for table in ("documents", "sentences", "tokens", "rejects", "mentions"):
        assert (hostile_run / f"{table}.parquet").stat().st_size > 0
    assert (hostile_run / "report.html").stat().st_size > 10_000
    assert (hostile_run / "figures" / "manifest.json").exists()


def test_payloads_appear_only_escaped_in_executed_notebooks_and_report(hostile_run: Path) -> None:
    texts = {p.name: notebook_outputs(p) for p in (hostile_run / "notebooks").glob("*.ipynb")}
    texts["report.html"] = (hostile_run / "report.html").read_text(encoding="utf-8")
    for name, text in texts.items():
        assert SCRIPT_PAYLOAD not in text, name
        assert IMG_PAYLOAD not in text, name
    report_html = texts["report.html"]
    assert "&lt;script&gt;window.__pwned" in report_html
    assert "&lt;img src=x onerror=" in report_html


def test_report_hides_code_and_shows_a_parameter_table(hostile_run: Path) -> None:
    report_html = (hostile_run / "report.html").read_text(encoding="utf-8")
    assert "from helpers" not in report_html  # report mode: inputs hidden
    assert "injected-parameters" not in report_html
    assert "<th>parameter</th><th>value</th>" in report_html
    assert f"runs/{RUN}" in report_html


@pytest.mark.browser
def test_report_in_a_real_browser_is_rtl_and_runs_no_article_script(hostile_run: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.abort()
                    if not route.request.url.startswith("file:")
                    else route.continue_()
                ),
            )
            page.goto((hostile_run / "report.html").as_uri(), wait_until="load")
            assert page.evaluate("() => window.__pwned === undefined")
            directions = page.evaluate(
                """() => {
                  const he = /^[\\s\\d\\p{P}]*[\\u0590-\\u05FF]/u, ar = /^[\\s\\d\\p{P}]*[\\u0600-\\u06FF]/u;
                  const out = {he: [], ar: [], he_cells: 0, ar_cells: 0};
                  for (const el of document.querySelectorAll('[dir=auto]')) {
                    const t = el.textContent.trim();
                    const d = getComputedStyle(el).direction;
                    if (he.test(t)) { out.he.push(d); if (el.tagName === 'TD') out.he_cells++; }
                    else if (ar.test(t)) { out.ar.push(d); if (el.tagName === 'TD') out.ar_cells++; }
                  }
                  return out;
                }"""
            )
            assert directions["he_cells"] > 0 and directions["ar_cells"] > 0
            assert set(directions["he"]) == {"rtl"}, directions
            assert set(directions["ar"]) == {"rtl"}, directions
            text = page.evaluate("() => document.body.textContent")  # folded tables too
            assert "<script>window.__pwned" in text  # shown as text, not run
        finally:
            browser.close()


def test_a_failing_notebook_stops_the_report_naming_notebook_cell_and_error(
    tmp_path: Path, capsys
) -> None:
    missing = tmp_path / "no-such-corpus"
    shutil.rmtree(PROJECT_ROOT / "runs" / "pytest-failing", ignore_errors=True)
    exit_code = report.main(["--corpus", str(missing), "--run", "pytest-failing", "--no-html"])
    assert exit_code == 1
    err = capsys.readouterr().err
    assert "FAILED: 01_ingest.ipynb failed in cell" in err
    assert f"ParameterError: parameter 'corpus': {str(missing)!r} does not exist" in err
    kept = PROJECT_ROOT / "runs" / "pytest-failing" / "notebooks" / "01_ingest.ipynb"
    assert "executed copy kept at runs/pytest-failing/notebooks/01_ingest.ipynb" in err
    nb = nbformat.read(str(kept), as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(
        "**This run failed:** <code>ParameterError: parameter &#x27;corpus&#x27;"
    )
    assert not (
        PROJECT_ROOT / "runs" / "pytest-failing" / "notebooks" / "02_annotate_claims.ipynb"
    ).exists()

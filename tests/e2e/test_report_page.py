"""The report of the seed study is fit to send: summary and key figure first, contents,
captions, long tables folded, no progress bars, rounded numbers, readable column names,
byte-identical on rerun — and at most half as tall as the notebook dump it replaced.

Today's height was measured before the change on the same seeds, in the same browser:
``python -m helpers.report --corpus seeds --run measure-before`` then Playwright/Chromium at
1300×1000 reading ``document.documentElement.scrollHeight`` → 19,602 px.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import chromium_path

from helpers.core.paths import PROJECT_ROOT
from helpers.report import runner

HEIGHT_BEFORE_PX = 19_602  # the nbconvert dump of the seeds, measured as the docstring says
RUN = "pytest-seeds-report"


@pytest.fixture(scope="module")
def seed_report() -> Path:
    run_dir = PROJECT_ROOT / "runs" / RUN
    shutil.rmtree(run_dir, ignore_errors=True)
    runner.run_report(corpus="seeds", run=RUN, publish=False)
    return run_dir / "report.html"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.open_details = 0
        self.tables: list[tuple[int, bool]] = []  # (rows, inside <details>)
        self._rows: list[int] = []
        self.headers: list[str] = []
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag in ("section", "nav") and attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "details":
            self.open_details += 1
        if tag == "table":
            self._rows.append(0)
        if tag == "tr" and self._rows:
            self._rows[-1] += 1
        self._in_th = tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.open_details -= 1
        if tag == "table" and self._rows:
            self.tables.append((self._rows.pop(), self.open_details > 0))
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.headers.append(data)


def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_sections_come_in_reading_order(seed_report: Path) -> None:
    ids = _parse(seed_report).ids
    assert ids[:4] == ["contents", "summary", "key-figure", "figures"]
    assert ids[4:] == [f"nb-{name}" for name in runner.NOTEBOOKS]


def test_every_figure_is_shown_with_its_caption(seed_report: Path) -> None:
    import json

    text = seed_report.read_text(encoding="utf-8")
    manifest = json.loads((seed_report.parent / "figures" / "manifest.json").read_text())
    assert len(manifest["figures"]) == 6
    for entry in manifest["figures"]:
        assert f'id="fig-{entry["name"]}"' in text
        caption = entry["caption"].replace("'", "&#x27;").replace('"', "&quot;")
        assert caption in text, entry["name"]
    assert text.index('id="fig-prevalence"') < text.index('id="figures"')  # key figure first


def test_long_tables_are_folded_and_headers_are_readable(seed_report: Path) -> None:
    parsed = _parse(seed_report)
    long_tables = [t for t in parsed.tables if t[0] > 13]
    assert long_tables, "the seeds have tables longer than 12 rows (prevalence, Fisher …)"
    assert all(inside for _, inside in long_tables)
    headers = set(parsed.headers)
    for raw in ("n_with_claim", "ci_low", "p_holm", "lang", "outlet_name", "doc_id"):
        assert raw not in headers
    assert {"articles with the claim", "95% CI low", "p (Holm)", "language"} <= headers


def test_no_progress_bars_code_or_float_noise(seed_report: Path) -> None:
    text = seed_report.read_text(encoding="utf-8")
    assert "0%|" not in text and "it/s]" not in text and "file/s]" not in text
    assert "widget-view" not in text
    assert "from helpers" not in text and "<script" not in text.lower()
    assert not re.search(r"\d\.\d+e-\d\d", text)  # e.g. delta 4.44e-16
    ok_lines = [line for line in text.split("<pre") if "parameters OK" in line]
    assert ok_lines and not [line for line in ok_lines if str(PROJECT_ROOT) in line]


def test_report_is_byte_identical_when_rebuilt(seed_report: Path, tmp_path: Path) -> None:
    executed = [seed_report.parent / "notebooks" / f"{n}.ipynb" for n in runner.NOTEBOOKS]
    again = runner.export_html(
        executed,
        tmp_path / "report.html",
        f"crosspress report: {RUN}",
        seed_report.parent / "figures",
    )
    assert again.read_bytes() == seed_report.read_bytes()


@pytest.mark.browser
def test_first_screen_shows_summary_and_a_figure_and_the_page_is_half_as_tall(
    seed_report: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(seed_report.as_uri(), wait_until="load")
            boxes = page.evaluate(
                """() => {
                  const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                                         return {top: r.top, bottom: r.bottom, height: r.height}; };
                  const img = document.querySelector('#key-figure img');
                  return {summary: box('#summary'), first_item: box('#summary li'),
                          figure: box('#key-figure img'), loaded: img.complete && img.naturalWidth > 0,
                          height: document.documentElement.scrollHeight};
                }"""
            )
        finally:
            browser.close()
    assert boxes["loaded"]
    assert 0 <= boxes["summary"]["top"] < 300 and boxes["first_item"]["bottom"] < 1000
    visible_figure = min(boxes["figure"]["bottom"], 1000) - boxes["figure"]["top"]
    assert boxes["figure"]["top"] < 300 and visible_figure > 400
    assert boxes["height"] <= HEIGHT_BEFORE_PX / 2, boxes["height"]

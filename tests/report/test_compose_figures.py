"""The report embeds each figure as its SVG (vector, a fraction of the 300-dpi PNG's bytes),
the PNG only when a figure has no SVG; the publication files are left as they are."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from helpers.report.compose import figure_html

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _entry(*formats: str) -> dict:
    return {
        "name": "prevalence",
        "caption": "Shares <by> language",
        "files": [{"path": f"prevalence.{fmt}", "format": fmt} for fmt in formats],
    }


def _src(markup: str) -> tuple[str, bytes]:
    match = re.search(r'src="data:([^;]+);base64,([^"]+)"', markup)
    assert match, markup
    return match.group(1), base64.b64decode(match.group(2))


def test_a_figure_is_embedded_as_its_svg(tmp_path: Path) -> None:
    (tmp_path / "prevalence.png").write_bytes(PNG)
    (tmp_path / "prevalence.svg").write_bytes(SVG)
    markup = figure_html(tmp_path, _entry("png", "svg", "pdf"), 2)
    assert _src(markup) == ("image/svg+xml", SVG)
    assert "<b>Figure 2.</b> Shares &lt;by&gt; language" in markup
    assert (tmp_path / "prevalence.png").read_bytes() == PNG  # publication files untouched


def test_without_an_svg_the_png_is_embedded_and_without_either_nothing(tmp_path: Path) -> None:
    (tmp_path / "prevalence.png").write_bytes(PNG)
    assert _src(figure_html(tmp_path, _entry("png", "svg"), 1)) == ("image/png", PNG)
    assert figure_html(tmp_path, _entry("pdf"), 1) == ""

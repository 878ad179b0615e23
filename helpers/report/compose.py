"""The HTML report of a run, composed for a reader rather than dumped from notebooks.

Order: title and a one-line table of contents; the plain-language summary beside the first key
figure; the other figures, each with its caption (from ``figures/manifest.json``); then one
section per notebook — its headings, printed lines and tables, long tables folded in
``<details>`` — and each notebook's parameters, folded. Code, progress bars (widget views and
the progress lines tqdm writes to stderr) and notebook 04's previews (the figures are shown
once, above) are left out.

The page is one self-contained file: inline CSS, figures as ``data:`` URIs (the SVG of each
figure — vector, text as paths, about a third of the 300-dpi PNG's bytes; the PNG only when a
figure has no SVG), no script. Article
text only ever arrives already escaped by :mod:`helpers.report.display`; everything this module
adds from notebooks (printed lines, parameter values, captions) is escaped here. Nothing
depends on the clock, so the same run gives a byte-identical report.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "KEY_FIGURES",
    "EMBED_FORMATS",
    "SUMMARY_HEADING",
    "REPORT_CSS",
    "compose_report",
    "notebook_section",
    "figure_html",
]

#: Figures shown first, in this order (the rest follow in manifest order).
KEY_FIGURES = ("prevalence", "voices", "frames_by_outlet", "evidence", "log_odds", "timeline")
#: The notebook-03 heading whose output is the plain-language summary (or a cell tagged
#: ``report-summary``).
SUMMARY_HEADING = "In plain words"
_PROGRESS_RE = re.compile(r"\d+%\|")
_FOLD_CHARS = 2500  # an output longer than this is folded under its heading

REPORT_CSS = """<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
margin:0 auto;max-width:1260px;padding:12px 20px 40px;color:#1a1a1a;line-height:1.45;font-size:15px}
h1{font-size:24px;margin:8px 0 2px}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #ddd}
h3{font-size:16px;margin:18px 0 6px}
.cp-lede{color:#444;margin:0 0 6px}
nav.cp-toc{font-size:14px;margin:4px 0 12px}nav.cp-toc ol{display:inline;padding:0;margin:0}
nav.cp-toc li{display:inline;margin-right:14px}
.cp-top{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;align-items:start}
.cp-top h2{margin-top:4px}
#summary ul{padding-left:20px;margin:0}#summary li{margin:0 0 5px}
figure{margin:0 0 18px}figure img{width:100%;max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:13px;color:#444;margin-top:4px}
.cp-figs{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:20px}
pre.cp-out{white-space:pre-wrap;background:#f7f7f7;padding:6px 8px;margin:4px 0 10px;
font-size:13px;unicode-bidi:plaintext}
pre.cp-error{background:#fde8e8}
details{margin:4px 0 12px}summary{cursor:pointer;color:#0b5394}
</style>"""


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


#: The formats a figure is embedded in, best first, with their media types: the SVG (vector,
#: crisp at any zoom, about a third of the PNG's bytes), else the PNG. The 300-dpi PNG and the
#: PDF stay the publication files in ``figures/``.
EMBED_FORMATS: dict[str, str] = {"svg": "image/svg+xml", "png": "image/png"}


def _data_uri(path: Path, media_type: str) -> str:
    return f"data:{media_type};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def figure_html(figures_dir: Path, entry: dict[str, Any], number: int) -> str:
    """One ``<figure>``: the figure inline in the first of :data:`EMBED_FORMATS` its manifest
    entry lists and ``figures_dir`` holds, and its caption; ``""`` when it has neither."""
    files = {f["format"]: f["path"] for f in entry["files"]}
    embedded = next(
        (
            _data_uri(figures_dir / files[fmt], media_type)
            for fmt, media_type in EMBED_FORMATS.items()
            if fmt in files and (figures_dir / files[fmt]).exists()
        ),
        None,
    )
    if embedded is None:
        return ""
    caption = _esc(entry.get("caption", ""))
    return (
        f'<figure id="fig-{_esc(entry["name"])}"><img alt="{_esc(entry["name"])}" '
        f'src="{embedded}"><figcaption><b>Figure {number}.</b> '
        f"{caption}</figcaption></figure>"
    )


def _figure_entries(figures_dir: Path) -> list[dict[str, Any]]:
    """Manifest entries, key figures first in :data:`KEY_FIGURES` order."""
    from helpers.core.io import read_json

    manifest = figures_dir / "manifest.json"
    if not manifest.exists():
        return []
    entries = read_json(manifest).get("figures", [])
    rank = {name: i for i, name in enumerate(KEY_FIGURES)}
    return sorted(entries, key=lambda e: (rank.get(e["name"], len(rank)), e["name"]))


def _markdown(text: str) -> str:
    """Our own notebook markdown (headings, emphasis) as HTML; headings shift down two levels
    so a notebook's ``#`` title becomes an ``<h3>`` inside its section."""
    import mistune

    shifted = re.sub(
        r"^(#{1,4})\s", lambda m: "#" * min(6, len(m.group(1)) + 2) + " ", text, flags=re.M
    )
    return str(mistune.html(shifted))


def _output_html(output: dict[str, Any], notebook: str) -> str:
    """One notebook output as report HTML ('' for progress bars and figure previews)."""
    kind = output.get("output_type")
    if kind == "stream":
        text = "".join(output.get("text", ""))
        if output.get("name") == "stderr":
            lines = [ln for ln in text.splitlines() if ln.strip() and not _PROGRESS_RE.search(ln)]
            text = "\n".join(lines)
        return f'<pre class="cp-out" dir="auto">{_esc(text.rstrip())}</pre>' if text.strip() else ""
    if kind == "error":
        return f'<pre class="cp-out cp-error">{_esc(output.get("ename"))}: {_esc(output.get("evalue"))}</pre>'
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        return ""  # a progress bar: frozen in a static page
    if "text/html" in data:
        return "".join(data["text/html"])
    if "image/png" in data:
        return (
            ""
            if notebook == "04_figures"
            else (
                f'<img alt="figure" src="data:image/png;base64,{"".join(data["image/png"]).strip()}">'
            )
        )
    if "text/plain" in data:
        return f'<pre class="cp-out">{_esc("".join(data["text/plain"]))}</pre>'
    return ""


def _parameter_table(parameters: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td><code>{_esc(k)}</code></td><td><code>{_esc(repr(v))}</code></td></tr>"
        for k, v in sorted(parameters.items())
    )
    return f'<table class="cp-table"><tr><th>parameter</th><th>value</th></tr>{rows}</table>'


def _is_summary_cell(cell: dict[str, Any], previous: dict[str, Any] | None) -> bool:
    if "report-summary" in cell.get("metadata", {}).get("tags", []):
        return True
    return bool(
        previous is not None
        and previous.get("cell_type") == "markdown"
        and SUMMARY_HEADING.lower() in "".join(previous.get("source", "")).lower()
    )


def notebook_section(nb: Any, name: str) -> tuple[str, str]:
    """``(section_html, summary_html)`` of one executed notebook.

    Markdown cells become headings and text; each heading's outputs follow it, folded in a
    ``<details>`` when longer than :data:`_FOLD_CHARS`. The summary cell's output is returned
    apart (and left out of the section).
    """
    title = name
    blocks: list[tuple[str, list[str]]] = [("", [])]
    summary = ""
    previous = None
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags:
            previous = cell
            continue
        if cell.cell_type == "markdown":
            source = "".join(cell.source)
            first = source.lstrip().splitlines()[0] if source.strip() else ""
            if first.startswith("# ") and title == name:
                title = first[2:].strip()
                rest = source.lstrip()[len(first) :].strip()
                blocks.append(("", [_markdown(rest)] if rest else []))
            else:
                blocks.append((_markdown(source), []))
        elif cell.cell_type == "code":
            outputs = [_output_html(o, name) for o in cell.get("outputs", [])]
            if _is_summary_cell(cell, previous):
                summary = "".join(outputs)
            else:
                blocks[-1][1].extend(o for o in outputs if o)
        previous = cell
    params = nb.metadata.get("papermill", {}).get("parameters", {})
    parts = [f'<section id="nb-{_esc(name)}"><h2>{_esc(title)}</h2>']
    for heading, outputs in blocks:
        body = "".join(outputs)
        if SUMMARY_HEADING.lower() in heading.lower() and summary:
            continue  # the summary is shown at the top of the report
        if heading and len(body) > _FOLD_CHARS:
            label = re.sub(r"<[^>]+>", "", heading).strip()
            parts.append(
                f"<details><summary>{_esc(label)} (click to show)</summary>{heading}{body}</details>"
            )
        elif heading or body:
            parts.append(heading + body)
    parts.append(
        f"<details><summary>Parameters of {_esc(name)}</summary>{_parameter_table(params)}</details>"
    )
    parts.append("</section>")
    return "".join(parts), summary


def compose_report(executed: Sequence[Path], figures_dir: Path, title: str) -> str:
    """The whole report page for the executed notebooks of one run (see the module doc)."""
    import nbformat

    from helpers.report.display import TABLE_CSS

    sections, toc, summary = [], [], ""
    for path in executed:
        name = Path(path).stem
        nb = nbformat.read(str(path), as_version=4)
        section, found = notebook_section(nb, name)
        summary = summary or found
        sections.append(section)
        heading = re.search(r"<h2>(.*?)</h2>", section)
        toc.append((f"nb-{name}", html.unescape(heading.group(1)) if heading else name))
    entries = _figure_entries(Path(figures_dir))
    figures = [figure_html(Path(figures_dir), e, i) for i, e in enumerate(entries, start=1)]
    figures = [f for f in figures if f]
    key = figures[0] if figures else "<p>No figures in this run (run 04_figures).</p>"
    contents = [("summary", "Summary"), ("figures", "Figures"), *toc]
    nav = "".join(f'<li><a href="#{_esc(i)}">{_esc(t)}</a></li>' for i, t in contents)
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title>{REPORT_CSS}{TABLE_CSS}</head><body>"
        f'<header><h1>{_esc(title)}</h1><nav class="cp-toc" id="contents"><b>Contents:</b> '
        f"<ol>{nav}</ol></nav></header>"
        '<div class="cp-top"><section id="summary"><h2>Summary</h2>'
        f"{summary or '<p>No summary: notebook 03 did not run.</p>'}</section>"
        f'<section id="key-figure"><h2>Key figure</h2>{key}</section></div>'
        f'<section id="figures"><h2>Figures</h2><div class="cp-figs">{"".join(figures[1:])}'
        "</div></section>" + "".join(sections) + "</body></html>\n"
    )

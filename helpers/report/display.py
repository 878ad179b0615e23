"""HTML for notebooks and the report: escaped, right-to-left aware.

Article text is untrusted. Every cell and every highlighted sentence goes through
:func:`html.escape` here, and nowhere else builds HTML from article text. Cells carry
``dir="auto"`` so a browser lays Hebrew and Arabic out right to left (the first strong
character decides) while English stays left to right.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.claims.evaluate import GoldEvaluation
from helpers.claims.review import ReviewRound
from helpers.core.io import is_missing

__all__ = [
    "TABLE_CSS",
    "column_label",
    "value_label",
    "language_name",
    "format_number",
    "html_table",
    "table_or_note",
    "tagger_error_html",
    "highlight_spans",
    "evidence_html",
    "mention_evidence_html",
    "review_round_html",
    "gold_evaluation_html",
    "show",
    "show_figure_previews",
]

#: Reader-facing names of the run tables' columns (the tables' own schema, not per language).
COLUMN_LABELS: dict[str, str] = {
    "doc_id": "document id",
    "claim_id": "claim",
    "n_with_claim": "articles with the claim",
    "n_docs": "articles",
    "ci_low": "95% CI low",
    "ci_high": "95% CI high",
    "a_with": "group A with",
    "n_a": "group A articles",
    "b_with": "group B with",
    "n_b": "group B articles",
    "p_value": "p",
    "p_holm": "p (Holm)",
    "min_p": "smallest reachable p",
    "n_mentions": "mentions",
    "n_removed_lines": "boilerplate lines removed",
    "removed_lines": "boilerplate lines removed",
    "published_raw": "date as printed",
    "sent_idx": "sentence",
    "count_a": "count in A",
    "count_b": "count in B",
    "en": "claim (English)",
    "by": "compared by",
    "a": "group A",
    "b": "group B",
    "diff": "difference",
    "diff_low": "difference 95% low",
    "diff_high": "difference 95% high",
    "odds_ratio": "odds ratio",
    "or_low": "odds ratio 95% low",
    "or_high": "odds ratio 95% high",
    "n_outlets": "outlets",
    "outlets_a": "outlets in A",
    "outlets_b": "outlets in B",
    "share_a": "share in A",
    "share_b": "share in B",
    "f1": "F1",
    "fp": "false positives",
    "fn": "false negatives",
    "tp": "true positives",
}

TABLE_CSS = (
    "<style>"
    ".cp-table{border-collapse:collapse;font-size:13px;margin:4px 0 12px 0}"
    ".cp-table th,.cp-table td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;"
    "unicode-bidi:plaintext;max-width:60em;white-space:pre-wrap}"
    ".cp-table th{background:#f3f3f3}"
    ".cp-ev{margin:6px 0;padding:4px 8px;border-inline-start:3px solid #888;"
    "unicode-bidi:plaintext}"
    ".cp-ev mark{background:#ffe28a;padding:0 1px}"
    ".cp-meta{color:#555;font-size:12px;direction:ltr}"
    "</style>"
)


def column_label(column: object) -> str:
    """A reader's name for a column: ``lang`` → ``language``, ``outlet_name`` → ``outlet``,
    ``outlet_ownership`` → ``outlet ownership``, schema names from :data:`COLUMN_LABELS`."""
    name = str(column)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    if name in ("lang", "language", "outlet_language"):
        return "language"
    if name == "outlet_name":
        return "outlet"
    return name.replace("_", " ")


def language_name(code: object) -> str | None:
    """English name of a language code from CLDR (babel): ``"he"`` → ``"Hebrew"``."""
    try:
        from babel import Locale

        return str(Locale.parse(str(code)).english_name)
    except Exception:  # babel raises its own UnknownLocaleError, ValueError …: not a language
        return None


def value_label(column: object, value: object) -> str:
    """A reader's form of a group value: language codes become language names (from CLDR, so
    every language of the data is named, none hard-coded); other values are kept."""
    if is_missing(value):
        return "unknown"
    if column_label(column) == "language":
        return language_name(value) or str(value)
    return str(value)


def format_number(value: float) -> str:
    """A float rounded for reading: 3 decimals at most, no floating-point noise
    (``4.44e-16`` → ``0``), tiny non-zero values as ``< 0.001``."""
    if is_missing(value):
        return ""
    if value in (float("inf"), float("-inf")):
        return str(value)
    if abs(value) < 1e-9:
        return "0"
    if abs(value) < 0.0005:
        return "< 0.001" if value > 0 else "> -0.001"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _cell(value: object) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return html.escape(format_number(value))
    return html.escape(str(value))


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    max_rows: int = 50,
    max_chars: int = 400,
    caption: str | None = None,
    collapse_over: int = 12,
) -> str:
    """Render ``frame`` as an escaped HTML table with ``dir="auto"`` cells.

    Column headers are reader names (:func:`column_label`), floats are rounded for reading
    (:func:`format_number`). Long cells are cut to ``max_chars`` characters (with an
    ellipsis); at most ``max_rows`` rows are shown and the number left out is said below the
    table. A table of more than ``collapse_over`` rows is folded in a ``<details>`` element
    whose summary says how many rows it holds.
    """
    cols = list(columns) if columns is not None else list(frame.columns)
    parts = [TABLE_CSS, '<table class="cp-table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{html.escape(column_label(c))}</th>" for c in cols))
    parts.append("</tr></thead><tbody>")
    shown = frame.head(max_rows)[cols].copy()
    for col in cols:  # language codes read as language names (Hebrew, Arabic …)
        if column_label(col) == "language":
            shown[col] = [value_label(col, v) for v in shown[col].astype(object)]
    for row in shown.itertuples(index=False, name=None):
        cells = []
        for value in row:
            text = _cell(value)
            if len(text) > max_chars:
                text = text[:max_chars] + "…"
            cells.append(f'<td dir="auto">{text}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if len(frame) > max_rows:
        parts.append(f'<p class="cp-meta">… {len(frame) - max_rows} more rows not shown</p>')
    if len(frame) > collapse_over:
        label = html.escape(caption) + " — " if caption else ""
        body = "".join(parts[1:])
        return (
            f'{TABLE_CSS}<details class="cp-details"><summary>{label}table of {len(frame)} rows '
            f"(click to show)</summary>{body}</details>"
        )
    return "".join(parts)


def table_or_note(frame: pd.DataFrame, note: str, **table_options: Any) -> str:
    """:func:`html_table` of ``frame`` (with ``table_options``), or — when it has no rows —
    ``note`` as an escaped paragraph (``""`` for an empty note: nothing is shown)."""
    if len(frame):
        return html_table(frame, **table_options)
    return f"<p>{html.escape(note)}</p>" if note else ""


#: What notebook 03 says when the run has no reviewed validation sample.
NO_VALIDATION_SAMPLE = (
    "No reviewed validation sample in this run: every estimate in this notebook assumes a "
    "perfect tagger (review review/validation_sample.csv from notebook 02 and pass it back as "
    "review_in)."
)


def tagger_error_html(
    tagger_error: pd.DataFrame, corrected: pd.DataFrame, captions: Mapping[str, str]
) -> str:
    """Notebook 03's tagger-error tables (``cmp_tagger_error``, then ``cmp_corrected``, with
    their ``captions``) — or, when the run has no reviewed validation sample (no error rates),
    :data:`NO_VALIDATION_SAMPLE` alone."""
    if not len(tagger_error):
        return f"<p>{html.escape(NO_VALIDATION_SAMPLE)}</p>"
    return html_table(
        tagger_error, max_rows=100, caption=captions.get("cmp_tagger_error")
    ) + html_table(corrected, max_rows=100, caption=captions.get("cmp_corrected"))


def highlight_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each ``(start, end)`` span (offsets into ``text``) in <mark>.

    Overlapping spans are merged; offsets outside the text raise ``ValueError``.
    """
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span ({start}, {end}) outside text of length {len(text)}")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def evidence_html(items: Iterable[dict[str, Any]]) -> str:
    """Evidence blocks: each item has ``text``, ``spans``, and a ``label`` line (plain text)."""
    parts = [TABLE_CSS]
    for item in items:
        parts.append(
            f'<div class="cp-ev"><div class="cp-meta">{html.escape(str(item.get("label", "")))}'
            f'</div><div dir="auto">{highlight_spans(item["text"], item.get("spans", []))}'
            "</div></div>"
        )
    return "".join(parts)


def mention_evidence_html(evidence: pd.DataFrame, limit: int = 200) -> str:
    """Evidence blocks for the first ``limit`` rows of
    :func:`helpers.stance.compare.mention_sentences`: each sentence with its claim span
    highlighted under a line naming claim, speaker, hedged / negated, source and sentence
    number; a last line says how many mentions were left out (all stay in the table)."""
    items = [
        {
            "text": row["sentence"],
            "spans": [(row["span_start"], row["span_end"])],
            "label": f"{row['claim_id']} · speaker {row['speaker']} · hedged={row['hedged']} "
            f"negated={row['negated']} · {row.get('source', row['doc_id'])} §{row['sent_idx']}",
        }
        for row in evidence.head(limit).to_dict("records")
    ]
    markup = evidence_html(items)
    left_out = len(evidence) - len(items)
    if left_out > 0:
        markup += (
            f'<p class="cp-meta">… {left_out} more mentions not shown '
            "(all are in mentions.parquet)</p>"
        )
    return markup


def review_round_html(reviewed: ReviewRound) -> str:
    """Notebook 02's review tables: each reviewed file's problems (when it has any, captioned
    with the file's name), then the agreement table; ``""`` when there is nothing to show."""
    parts = [
        html_table(imported.problems, max_rows=200, caption=f"problems in {path.name}")
        for path, imported in reviewed.imports
        if len(imported.problems)
    ]
    if reviewed.agreement is not None:
        parts.append(html_table(reviewed.agreement))
    return "".join(parts)


def gold_evaluation_html(result: GoldEvaluation) -> str:
    """Notebook 02's evaluation tables: the scores per claim and language, then the false
    positives over whole articles; ``""`` when there was no evaluation."""
    if result.evaluation is None:
        return ""
    parts = [html_table(result.evaluation, max_rows=80)]
    if result.false_positives is not None:
        parts.append(
            '<p class="cp-meta">false positives over whole articles (mentions in unjudged '
            "sentences of partly judged articles are unknown):</p>"
        )
        parts.append(html_table(result.false_positives))
    return "".join(parts)


def show(markup: str) -> None:
    """Display HTML in a notebook (a no-op print outside IPython); empty markup shows
    nothing."""
    if not markup:
        return
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython is always there in the venv
        print(markup)
        return
    display(HTML(markup))


def show_figure_previews(written: Mapping[str, Sequence[Path]], width: int = 900) -> None:
    """Print each figure's name and display its PNG at ``width`` pixels (notebook 04's
    previews; ``written`` maps figure name → the files written for it)."""
    from IPython.display import Image, display

    for name, paths in written.items():
        print(name)
        display(Image(filename=str(next(p for p in paths if p.suffix == ".png")), width=width))

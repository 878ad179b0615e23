"""Human review round trip: export tagger mentions for review, import the reviewed labels.

Export
------
* :func:`export_label_studio` — one Label Studio task per document: ``data.text`` is the
  cleaned body (``documents.text``, so offsets are shared), ``data.meta`` holds ``doc_id,
  lang, outlet, text_sha256, codebook_version``; ``predictions[0].result`` has, per mention,
  a ``labels`` region (``from_name="claim"``) and per-region ``choices`` for ``speaker``,
  ``hedged`` and ``negated`` sharing the region id; all with ``value.start/end/text``.
  :func:`label_config` gives the matching labelling-interface XML.
* :func:`export_csv` — one row per sentence: ``doc_id, sent_idx, start, end, text,
  suggested_claims`` (``;``-joined), ``speaker`` (``;``-joined, aligned with the claims),
  ``hedged`` (yes/no), ``reviewer_claims`` (empty, for the reviewer), ``text_sha256``.
  Cells starting with ``= + - @`` (or tab / CR) get a leading ``'`` so spreadsheet programs do
  not run article text as a formula; the import removes it again.

Both are written atomically (temporary file in the same folder + ``os.replace``).

Import
------
:func:`import_label_studio` (a Label Studio JSON export with ``annotations``) and
:func:`import_csv` (the edited CSV) check every document's text hash and, for every region /
row, that ``documents.text[start:end]`` equals the exported text. EVERY mismatch is reported
in ``problems`` (``doc_id, region, kind, detail``) — regions with a problem are not accepted,
and ``strict=True`` raises :class:`ReviewError` instead. Accepted labels become ``mentions``
rows with ``method="human"`` (plus an ``annotator`` column). In the CSV ``reviewer_claims``:
empty = sentence not reviewed; ``-`` (or ``none``) = reviewed, no claim; otherwise claim ids
joined by ``;``. A CSV review records claims only: the mention spans the sentence,
``negated``/``hedged`` are False and ``speaker`` is missing.

Validation samples
------------------
``export_csv(..., sample=...)`` writes only the sentences of a validation sample
(:func:`helpers.claims.validation.draw_validation_sample`) and appends its design columns
(:data:`SAMPLE_CSV_COLUMNS`: ``lang, outlet, status, stratum, stratum_size,
stratum_sampled, weight``). :func:`import_csv` carries them back: the ``reviewed`` table then
has those columns too (a weight that is not a positive number is a ``bad_weight`` problem and
the row is not accepted), so precision and recall can be estimated with the sampling weights
(:func:`helpers.claims.validation.validation_outcomes`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape as _xml_escape
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.claims.agreement import agreement
from helpers.claims.annotate import MENTION_COLUMNS as _MENTION_COLUMNS
from helpers.claims.codebook import Codebook
from helpers.claims.mention_table import MENTION_SORT_KEYS
from helpers.claims.speakers import OUTLET
from helpers.core.errors import CrosspressError
from helpers.core.io import atomic_write_text, is_missing, text_sha256
from helpers.core.paths import display_path

__all__ = [
    "CSV_COLUMNS",
    "PROBLEM_COLUMNS",
    "SAMPLE_CSV_COLUMNS",
    "ReviewError",
    "ReviewImport",
    "label_config",
    "export_label_studio",
    "write_label_studio",
    "review_table",
    "export_csv",
    "import_label_studio",
    "import_csv",
    "escape_csv_cell",
    "unescape_csv_cell",
    "speaker_choices",
    "write_review_exports",
    "import_review",
    "review_agreement",
    "with_human_mentions",
    "ReviewRound",
    "review_round",
]

CSV_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "sent_idx",
    "start",
    "end",
    "text",
    "suggested_claims",
    "speaker",
    "hedged",
    "reviewer_claims",
    "text_sha256",
)
PROBLEM_COLUMNS: tuple[str, ...] = ("doc_id", "region", "kind", "detail")
#: Design columns a validation-sample CSV carries after :data:`CSV_COLUMNS`.
SAMPLE_CSV_COLUMNS: tuple[str, ...] = (
    "lang",
    "outlet",
    "status",
    "stratum",
    "stratum_size",
    "stratum_sampled",
    "weight",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NONE_MARKS = frozenset({"-", "none", "NONE", "None"})


class ReviewError(CrosspressError, ValueError):
    """An import with problems when ``strict=True``; the message lists them."""


@dataclass(frozen=True)
class ReviewImport:
    """Result of an import: accepted human ``mentions`` (mentions columns + ``annotator``),
    every ``problem`` found, and the ``reviewed`` sentences (``annotator, doc_id, sent_idx``)."""

    mentions: pd.DataFrame
    problems: pd.DataFrame
    reviewed: pd.DataFrame


def escape_csv_cell(value: Any) -> Any:
    """Prefix a string cell starting with ``= + - @`` (or tab/CR) with ``'`` (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def unescape_csv_cell(value: str) -> str:
    """Undo :func:`escape_csv_cell`."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


# --------------------------------------------------------------------------- export


def label_config(claim_ids: Iterable[str], speakers: Iterable[str]) -> str:
    """Label Studio labelling-interface XML matching :func:`export_label_studio`."""
    labels = "".join(f'<Label value="{_xml_escape(c)}"/>' for c in claim_ids)
    choices = "".join(f'<Choice value="{_xml_escape(s)}"/>' for s in speakers)
    return (
        '<View><Labels name="claim" toName="text">' + labels + "</Labels>"
        '<Text name="text" value="$text"/>'
        '<Choices name="speaker" toName="text" perRegion="true">' + choices + "</Choices>"
        '<Choices name="hedged" toName="text" perRegion="true">'
        '<Choice value="hedged"/><Choice value="not hedged"/></Choices>'
        '<Choices name="negated" toName="text" perRegion="true">'
        '<Choice value="negated"/><Choice value="not negated"/></Choices></View>'
    )


def export_label_studio(
    documents: pd.DataFrame, mentions: pd.DataFrame, *, codebook_version: int | None = None
) -> list[dict[str, Any]]:
    """One Label Studio task per document with the tagger's mentions as predictions."""
    tasks = []
    by_doc = {d: g for d, g in mentions.groupby("doc_id", sort=False)} if len(mentions) else {}
    doc: Any  # an itertuples row: its columns are dynamically typed
    for doc in documents.itertuples(index=False):
        text = str(doc.text)
        group = by_doc.get(doc.doc_id)
        version = codebook_version
        if version is None and group is not None and len(group):
            version = int(group["codebook_version"].iloc[0])
        result = []
        if group is not None:
            m: Any  # an itertuples row: its columns are dynamically typed
            for n, m in enumerate(
                group.sort_values(["sent_idx", "start", "claim_id"]).itertuples()
            ):
                rid = f"{doc.doc_id}-{n}"
                span = {
                    "start": int(m.start),
                    "end": int(m.end),
                    "text": text[int(m.start) : int(m.end)],
                }
                result.append(
                    {
                        "id": rid,
                        "from_name": "claim",
                        "to_name": "text",
                        "type": "labels",
                        "value": {**span, "labels": [str(m.claim_id)]},
                    }
                )
                for name, choice in (
                    ("speaker", str(m.speaker)),
                    ("hedged", "hedged" if bool(m.hedged) else "not hedged"),
                    ("negated", "negated" if bool(m.negated) else "not negated"),
                ):
                    result.append(
                        {
                            "id": rid,
                            "from_name": name,
                            "to_name": "text",
                            "type": "choices",
                            "value": {**span, "choices": [choice]},
                        }
                    )
        outlet = getattr(doc, "outlet", None)
        tasks.append(
            {
                "data": {
                    "text": text,
                    "meta": {
                        "doc_id": str(doc.doc_id),
                        "lang": str(doc.lang),
                        "outlet": None if is_missing(outlet) else str(outlet),
                        "text_sha256": text_sha256(text),
                        "codebook_version": version,
                    },
                },
                "predictions": [{"model_version": f"codebook-v{version}", "result": result}],
            }
        )
    return tasks


def write_label_studio(path: str | Path, tasks: list[dict[str, Any]]) -> Path:
    """Write tasks as a Label Studio import JSON file (atomic)."""
    return atomic_write_text(path, json.dumps(tasks, ensure_ascii=False, indent=1))


def review_table(
    documents: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame
) -> pd.DataFrame:
    """The review CSV content (:data:`CSV_COLUMNS`), unescaped: one row per sentence."""
    text_of = dict(zip(documents["doc_id"], documents["text"]))
    hashes = {d: text_sha256(str(t)) for d, t in text_of.items()}
    by_sent: dict[tuple[str, int], list[Any]] = {}
    m: Any  # an itertuples row: its columns are dynamically typed
    for m in mentions.sort_values(list(MENTION_SORT_KEYS)).itertuples():
        by_sent.setdefault((str(m.doc_id), int(m.sent_idx)), []).append(m)
    rows = []
    s: Any  # an itertuples row: its columns are dynamically typed
    for s in sentences.itertuples(index=False):
        if s.doc_id not in text_of:
            continue
        ms = by_sent.get((str(s.doc_id), int(s.sent_idx)), [])
        rows.append(
            {
                "doc_id": str(s.doc_id),
                "sent_idx": int(s.sent_idx),
                "start": int(s.start),
                "end": int(s.end),
                "text": str(text_of[s.doc_id])[int(s.start) : int(s.end)],
                "suggested_claims": ";".join(str(m.claim_id) for m in ms),
                "speaker": ";".join(str(m.speaker) for m in ms),
                "hedged": ("yes" if any(bool(m.hedged) for m in ms) else "no") if ms else "",
                "reviewer_claims": "",
                "text_sha256": hashes[s.doc_id],
            }
        )
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def export_csv(
    path: str | Path,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    sample: pd.DataFrame | None = None,
) -> Path:
    """Write the review CSV (UTF-8 with BOM for spreadsheet programs; formula-escaped; atomic).

    With ``sample`` (a validation sample) only its sentences are written, in the sample's
    order, with :data:`SAMPLE_CSV_COLUMNS` appended (see the module docstring)."""
    table = review_table(documents, sentences, mentions)
    columns = list(CSV_COLUMNS)
    if sample is not None:
        design = sample.assign(doc_id=sample["doc_id"].astype(str))[
            ["doc_id", "sent_idx", *SAMPLE_CSV_COLUMNS]
        ]
        table = design.merge(table, on=["doc_id", "sent_idx"], how="inner")
        columns += list(SAMPLE_CSV_COLUMNS)
        table = table[columns]
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in table.itertuples(index=False):
        writer.writerow([escape_csv_cell(v) for v in row])
    return atomic_write_text(path, buf.getvalue(), encoding="utf-8-sig")


# --------------------------------------------------------------------------- import


def _sentence_finder(sentences: pd.DataFrame) -> Callable[[str, int, int], int | None]:
    spans: dict[str, list[tuple[int, int, int]]] = {}
    s: Any  # an itertuples row: its columns are dynamically typed
    for s in sentences.itertuples(index=False):
        spans.setdefault(str(s.doc_id), []).append((int(s.start), int(s.end), int(s.sent_idx)))

    def find(doc_id: str, start: int, end: int) -> int | None:
        for s_start, s_end, idx in spans.get(doc_id, []):
            if s_start <= start < s_end:
                return idx
        return None

    return find


def _finish(
    rows: list[dict[str, Any]],
    problems: list[dict[str, Any]],
    reviewed: list[dict[str, Any]],
    strict: bool,
    what: str,
) -> ReviewImport:
    problem_frame = pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS))
    if strict and problems:
        lines = [f"{p['doc_id']} {p['region']}: {p['kind']}: {p['detail']}" for p in problems]
        raise ReviewError(f"{what}: {len(problems)} problem(s):\n  " + "\n  ".join(lines))
    columns = list(_MENTION_COLUMNS) + ["annotator"]
    mentions = pd.DataFrame(rows, columns=columns)
    mentions = mentions.astype(
        {
            "doc_id": "string",
            "sent_idx": "int32",
            "claim_id": "string",
            "start": "int64",
            "end": "int64",
            "cue": "string",
            "negated": "bool",
            "hedged": "bool",
            "hedge_cue": "string",
            "speaker": "string",
            "method": "string",
            "codebook_version": "Int64",
            "annotator": "string",
        }
    )
    if len(mentions):
        mentions = mentions.sort_values(
            ["annotator", "doc_id", "sent_idx", "start", "claim_id"], ignore_index=True
        )
    reviewed_columns = ["annotator", "doc_id", "sent_idx"]
    if any("weight" in r for r in reviewed):
        reviewed_columns += list(SAMPLE_CSV_COLUMNS)
    reviewed_frame = pd.DataFrame(reviewed, columns=reviewed_columns)
    return ReviewImport(mentions, problem_frame, reviewed_frame.drop_duplicates(ignore_index=True))


def import_label_studio(
    export: str | Path | list[dict[str, Any]],
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    strict: bool = False,
) -> ReviewImport:
    """Import a Label Studio JSON export (tasks with ``annotations``); see the module docstring.

    ``export`` is the file path or the parsed list. Cancelled annotations are skipped.
    """
    tasks = (
        export if isinstance(export, list) else json.loads(Path(export).read_text(encoding="utf-8"))
    )
    text_of = {str(d): str(t) for d, t in zip(documents["doc_id"], documents["text"])}
    find = _sentence_finder(sentences)
    rows: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    reviewed: list[dict[str, Any]] = []
    for t_no, task in enumerate(tasks):
        meta = (task.get("data") or {}).get("meta") or {}
        doc_id = str(meta.get("doc_id", ""))
        if doc_id not in text_of:
            problems.append(
                {
                    "doc_id": doc_id,
                    "region": f"task {t_no}",
                    "kind": "unknown_doc",
                    "detail": "doc_id not in documents",
                }
            )
            continue
        text = text_of[doc_id]
        hash_ok = meta.get("text_sha256") == text_sha256(text)
        if not hash_ok:
            problems.append(
                {
                    "doc_id": doc_id,
                    "region": f"task {t_no}",
                    "kind": "text_changed",
                    "detail": f"text_sha256 {meta.get('text_sha256')} != current "
                    f"{text_sha256(text)}; no region of this task accepted",
                }
            )
        version = meta.get("codebook_version")
        for ann in task.get("annotations") or []:
            if ann.get("was_cancelled"):
                continue
            who = ann.get("completed_by", ann.get("id", ""))
            if isinstance(who, dict):  # some Label Studio versions export the user object
                who = who.get("email") or who.get("id", "")
            annotator = str(who)
            for s in sentences[sentences["doc_id"] == doc_id]["sent_idx"]:
                reviewed.append({"annotator": annotator, "doc_id": doc_id, "sent_idx": int(s)})
            regions: dict[str, dict[str, Any]] = {}
            for res in ann.get("result") or []:
                rid = str(res.get("id", ""))
                value = res.get("value") or {}
                reg = regions.setdefault(rid, {"labels": [], "choices": {}, "value": value})
                if res.get("type") == "labels":
                    reg["labels"].extend(value.get("labels") or [])
                    reg["value"] = value
                elif res.get("type") == "choices":
                    reg["choices"][res.get("from_name")] = (value.get("choices") or [None])[0]
            for rid, reg in regions.items():
                if not reg["labels"]:
                    continue
                value = reg["value"]
                try:
                    start, end = int(value["start"]), int(value["end"])
                    expected = str(value["text"])
                except (KeyError, TypeError, ValueError):
                    problems.append(
                        {
                            "doc_id": doc_id,
                            "region": rid,
                            "kind": "bad_region",
                            "detail": f"start/end/text missing or invalid: {value!r}",
                        }
                    )
                    continue
                found = text[start:end]
                if found != expected:
                    problems.append(
                        {
                            "doc_id": doc_id,
                            "region": rid,
                            "kind": "offset_mismatch",
                            "detail": f"text[{start}:{end}] is {found!r}, region says {expected!r}",
                        }
                    )
                    continue
                if not hash_ok:
                    continue
                sent_idx = find(doc_id, start, end)
                if sent_idx is None:
                    problems.append(
                        {
                            "doc_id": doc_id,
                            "region": rid,
                            "kind": "no_sentence",
                            "detail": f"no sentence contains offset {start}",
                        }
                    )
                    continue
                choices = reg["choices"]
                for claim_id in reg["labels"]:
                    rows.append(
                        {
                            "doc_id": doc_id,
                            "sent_idx": sent_idx,
                            "claim_id": str(claim_id),
                            "start": start,
                            "end": end,
                            "cue": found,
                            "negated": choices.get("negated") == "negated",
                            "hedged": choices.get("hedged") == "hedged",
                            "hedge_cue": None,
                            "speaker": choices.get("speaker"),
                            "method": "human",
                            "codebook_version": version,
                            "annotator": annotator,
                        }
                    )
    return _finish(rows, problems, reviewed, strict, "Label Studio import")


def import_csv(
    path: str | Path,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    strict: bool = False,
    claim_ids: Iterable[str] | None = None,
    annotator: str = "csv",
) -> ReviewImport:
    """Import the edited review CSV; see the module docstring. ``claim_ids`` (optional) are
    the valid ids — any other id in ``reviewer_claims`` is a problem."""
    text_of = {str(d): str(t) for d, t in zip(documents["doc_id"], documents["text"])}
    valid = set(claim_ids) if claim_ids is not None else None
    rows: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    reviewed: list[dict[str, Any]] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(CSV_COLUMNS) - set(reader.fieldnames or [])
        weighted = set(SAMPLE_CSV_COLUMNS) <= set(reader.fieldnames or [])
        if missing:
            problems.append(
                {
                    "doc_id": "",
                    "region": "header",
                    "kind": "bad_header",
                    "detail": f"missing column(s) {sorted(missing)}",
                }
            )
            return _finish(rows, problems, reviewed, strict, f"CSV import {Path(path).name}")
        for line_no, rec in enumerate(reader, start=2):
            region = f"line {line_no}"
            doc_id = unescape_csv_cell(rec["doc_id"])
            if doc_id not in text_of:
                problems.append(
                    {
                        "doc_id": doc_id,
                        "region": region,
                        "kind": "unknown_doc",
                        "detail": "doc_id not in documents",
                    }
                )
                continue
            text = text_of[doc_id]
            if rec["text_sha256"] != text_sha256(text):
                problems.append(
                    {
                        "doc_id": doc_id,
                        "region": region,
                        "kind": "text_changed",
                        "detail": "text_sha256 differs from the current document",
                    }
                )
                continue
            try:
                start, end, sent_idx = int(rec["start"]), int(rec["end"]), int(rec["sent_idx"])
            except ValueError:
                problems.append(
                    {
                        "doc_id": doc_id,
                        "region": region,
                        "kind": "bad_region",
                        "detail": "start/end/sent_idx not integers",
                    }
                )
                continue
            expected = unescape_csv_cell(rec["text"])
            if text[start:end] != expected:
                problems.append(
                    {
                        "doc_id": doc_id,
                        "region": region,
                        "kind": "offset_mismatch",
                        "detail": f"text[{start}:{end}] is {text[start:end][:40]!r}, "
                        f"row says {expected[:40]!r}",
                    }
                )
                continue
            answer = unescape_csv_cell(rec["reviewer_claims"]).strip()
            if not answer:
                continue
            design: dict[str, object] = {}
            if weighted:
                try:
                    weight = float(rec["weight"])
                    sizes = int(rec["stratum_size"]), int(rec["stratum_sampled"])
                except ValueError:
                    weight, sizes = float("nan"), (0, 0)
                if not weight > 0:
                    problems.append(
                        {
                            "doc_id": doc_id,
                            "region": region,
                            "kind": "bad_weight",
                            "detail": f"weight {rec['weight']!r} is not a positive number",
                        }
                    )
                    continue
                design = {c: unescape_csv_cell(rec[c]) for c in SAMPLE_CSV_COLUMNS}
                design.update(weight=weight, stratum_size=sizes[0], stratum_sampled=sizes[1])
            reviewed.append(
                {"annotator": annotator, "doc_id": doc_id, "sent_idx": sent_idx, **design}
            )
            if answer in _NONE_MARKS:
                continue
            for claim_id in dict.fromkeys(c.strip() for c in answer.split(";") if c.strip()):
                if valid is not None and claim_id not in valid:
                    problems.append(
                        {
                            "doc_id": doc_id,
                            "region": region,
                            "kind": "unknown_claim",
                            "detail": f"claim id {claim_id!r} not in the codebook",
                        }
                    )
                    continue
                rows.append(
                    {
                        "doc_id": doc_id,
                        "sent_idx": sent_idx,
                        "claim_id": claim_id,
                        "start": start,
                        "end": end,
                        "cue": expected,
                        "negated": False,
                        "hedged": False,
                        "hedge_cue": None,
                        "speaker": None,
                        "method": "human",
                        "codebook_version": None,
                        "annotator": annotator,
                    }
                )
    return _finish(rows, problems, reviewed, strict, f"CSV import {Path(path).name}")


# --------------------------------------------------------------------------- notebook steps


def speaker_choices(codebook: Codebook) -> list[str]:
    """The speakers a reviewer can pick, as the tagger writes them: ``OUTLET``, every actor id,
    then ``MEDIA:<id>`` for every medium (ids sorted)."""
    return [OUTLET, *sorted(codebook.actors), *(f"MEDIA:{m}" for m in sorted(codebook.media))]


def write_review_exports(
    export_dir: str | Path,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
) -> list[Path]:
    """Write the review files into ``export_dir``: ``label_studio_tasks.json`` (one task per
    document), ``review.csv`` (one row per sentence) and ``label_config.xml`` (the Label Studio
    interface for the codebook's claims and speakers), each atomically. Returns their paths."""
    folder = Path(export_dir)
    tasks = export_label_studio(documents, mentions, codebook_version=codebook.version)
    config = label_config([c.id for c in codebook.claims], speaker_choices(codebook))
    return [
        write_label_studio(folder / "label_studio_tasks.json", tasks),
        export_csv(folder / "review.csv", documents, sentences, mentions),
        atomic_write_text(folder / "label_config.xml", config),
    ]


def import_review(
    path: str | Path,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    claim_ids: Iterable[str],
) -> ReviewImport:
    """Import one reviewed file, read by its suffix: ``.csv`` is the edited review CSV (the
    annotator is the file's stem), anything else a Label Studio JSON export."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return import_csv(path, documents, sentences, claim_ids=claim_ids, annotator=path.stem)
    return import_label_studio(path, documents, sentences)


def review_agreement(
    mentions: pd.DataFrame, imports: Sequence[ReviewImport], claim_ids: Iterable[str]
) -> pd.DataFrame:
    """Krippendorff's α of the tagger against the first reviewer over the sentences that
    reviewer saw (``pair = "tagger vs reviewer 1"``) and, with two imports, of reviewer 1
    against reviewer 2 over the sentences both saw. One row per pair: ``pair`` and the
    columns of :func:`helpers.claims.agreement.agreement`."""
    claims = list(claim_ids)
    if not imports:
        return pd.DataFrame(columns=["pair"])
    first = imports[0]
    units = first.reviewed[["doc_id", "sent_idx"]].drop_duplicates()
    rows = [{"pair": "tagger vs reviewer 1", **agreement(mentions, first.mentions, units, claims)}]
    if len(imports) > 1:
        second = imports[1]
        both = units.merge(second.reviewed[["doc_id", "sent_idx"]].drop_duplicates())
        rows.append(
            {
                "pair": "reviewer 1 vs reviewer 2",
                **agreement(first.mentions, second.mentions, both, claims),
            }
        )
    return pd.DataFrame(rows)


def with_human_mentions(mentions: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` plus a reviewer's accepted labels (``method == "human"``; only the
    mentions columns are kept), in mention order (:data:`MENTION_SORT_KEYS`), then by
    ``method`` (the reviewer's ``human`` row before the tagger's ``rule`` row)."""
    merged = pd.concat([mentions, human[list(mentions.columns)]], ignore_index=True)
    return merged.sort_values([*MENTION_SORT_KEYS, "method"], kind="stable", ignore_index=True)


@dataclass(frozen=True)
class ReviewRound:
    """Notebook 02's review step, done: the files exported for review, the reviewed files
    imported (``(path, import)`` in parameter order), their agreement (None without a reviewed
    file) and the ``mentions`` with the first reviewer's accepted labels added."""

    export_dir: Path
    exported: list[Path]
    imports: list[tuple[Path, ReviewImport]]
    agreement: pd.DataFrame | None
    mentions: pd.DataFrame

    @property
    def first_import(self) -> ReviewImport | None:
        """The first reviewer's import (it drives the validation outcomes), or None."""
        return self.imports[0][1] if self.imports else None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Run tables the step writes: ``agreement`` when a reviewed file came in, else none."""
        return {} if self.agreement is None else {"agreement": self.agreement}

    def message(self) -> str:
        """The plain lines the notebook prints: what was exported where, then one line per
        reviewed file (accepted labels, sentences, problems) or why there is no agreement."""
        names = ", ".join(p.name for p in self.exported)
        lines = [f"review exports: {names} in {display_path(self.export_dir)}"]
        for path, imported in self.imports:
            lines.append(
                f"{path.name}: {len(imported.mentions)} accepted labels on "
                f"{len(imported.reviewed)} reviewed sentences, {len(imported.problems)} problems"
            )
        if not self.imports:
            lines.append("review_in = '': no reviewed file to import (Krippendorff's α needs one)")
        return "\n".join(lines)


def review_round(
    export_dir: str | Path,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    codebook: Codebook,
    review_paths: Sequence[str | Path | None] = (),
) -> ReviewRound:
    """Notebook 02's review step in one call: :func:`write_review_exports` into
    ``export_dir``, :func:`import_review` of every given reviewed file (``None`` entries — an
    empty ``review_in`` parameter — are skipped), :func:`review_agreement` when at least one
    came in, and :func:`with_human_mentions` of the first reviewer's labels."""
    folder = Path(export_dir)
    exported = write_review_exports(folder, documents, sentences, mentions, codebook)
    claim_ids = [claim.id for claim in codebook.claims]
    paths = [Path(p) for p in review_paths if p is not None]
    imports = [(p, import_review(p, documents, sentences, claim_ids)) for p in paths]
    if not imports:
        return ReviewRound(folder, exported, [], None, mentions)
    reviewed = [imported for _, imported in imports]
    return ReviewRound(
        folder,
        exported,
        imports,
        review_agreement(mentions, reviewed, claim_ids),
        with_human_mentions(mentions, reviewed[0].mentions),
    )

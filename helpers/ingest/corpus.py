"""Ingestion: a corpus (folder, glob or file) → the ``documents`` and ``rejects`` tables.

Every input source ends as exactly one document or as a ``rejects`` row (reason from
:data:`REJECT_REASONS`, detail naming the file and, for records, the line) — never a silent
drop. The tested invariant: ``len(inputs) == len(documents) + rejects.source.nunique()``.

Flow for one corpus:

1. :func:`list_corpus` walks the corpus (a folder recursively, a glob, or one file) in sorted,
   deterministic order; symlink loops, broken links, unreadable folders and non-regular files
   become rejects right there. ``source`` is the path relative to the corpus root (the file
   name for a single file; the part of a glob before its first wildcard is the root).
2. A format reader from :mod:`helpers.ingest.readers` (chosen by extension; others are
   ``unsupported_type``) yields one item per input source: ``.txt``/``.html`` files, a
   single-object ``.json`` file, or every record (``"<file>:<LINE>"``) of ``.jsonl``/``.csv``/
   JSON arrays. Readers stream, so memory is bounded by the chunk, not the corpus.
3. :func:`build_documents` (batches of up to ``BATCH_RECORDS`` records; :func:`build_document`
   for one) decides the language on the raw text with
   :func:`helpers.text.lang.detect_langs` (not he/ar → ``unsupported_language``; a record claiming
   ``he``/``ar`` whose text is something else says so), cleans it
   (:func:`helpers.text.clean.clean_text`), strips boilerplate
   (:func:`helpers.text.boilerplate.strip_boilerplate`; nothing left → ``no_text``) and re-checks the
   language on the body. Metadata: record fields win (title, date, url, outlet); otherwise
   :mod:`helpers.ingest.metadata` reads the cleaned text (outlet, publication date) and the body
   (title). ``doc_id`` = first 16 hex of sha256 of ``normalize_for_match(text, lang)``.
4. :func:`iter_ingest` yields :class:`IngestResult` chunks of about ``chunk_records``
   sources; :func:`ingest_corpus` concatenates them and runs :func:`dedup_documents` (same
   ``doc_id`` → the first by sorted ``source`` is kept, the others become ``duplicate``
   rejects naming the kept doc_id and source). Both tables are sorted by ``source``.

Records of news-please / CSV inputs: when the record has a title that the text does not
already start with, the title becomes the first line of ``text_raw`` (a line break ends a
headline), so headline claims are analysed like those of ``.txt`` seeds.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from helpers.core.io import text_sha256
from helpers.ingest.metadata import (
    detect_outlets,
    extract_title,
    parse_published,
    parse_published_many,
)
from helpers.ingest.readers import READERS, RawRecord, Rejected, file_digest
from helpers.text.boilerplate import strip_boilerplate, strip_boilerplates
from helpers.text.clean import check_lang, clean_text, normalize_for_match
from helpers.text.lang import detect_langs, script_counts

__all__ = [
    "BATCH_BYTES",
    "BATCH_RECORDS",
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_COLUMNS",
    "METADATA_WINDOW",
    "REJECT_COLUMNS",
    "REJECT_REASONS",
    "CorpusEntry",
    "IngestResult",
    "build_document",
    "build_documents",
    "dedup_documents",
    "duplicate_rejects",
    "empty_documents",
    "empty_rejects",
    "ingest_corpus",
    "ingest_entries",
    "iter_ingest",
    "list_corpus",
    "make_doc_id",
    "make_doc_ids",
    "merge_ingested",
]

#: Largest input (file, or record of a streamed file) read, in bytes.
DEFAULT_MAX_BYTES: int = 200_000_000
#: Characters from the start (and end) of a very long text that metadata is read from.
METADATA_WINDOW: int = 100_000
#: Columns of the ``documents`` table, in order (docs/design.md).
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    "lang",
    "outlet",
    "title",
    "published",
    "published_raw",
    "url",
    "text_raw",
    "text",
    "removed_lines",
    "n_removed_lines",
)
#: Columns of the ``rejects`` table, in order.
REJECT_COLUMNS: tuple[str, ...] = ("source", "reason", "detail")
#: Every reason a rejects row may carry (docs/design.md).
REJECT_REASONS: frozenset[str] = frozenset(
    {
        "empty",
        "binary",
        "undecodable",
        "unsupported_language",
        "duplicate",
        "parse_error",
        "unreadable",
        "unsupported_type",
        "symlink_loop",
        "too_large",
        "no_text",
    }
)

_STR = pd.StringDtype("pyarrow")
_GLOB_MAGIC_RE = re.compile(r"[*?\[]")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_LINE_SPLIT_RE = re.compile(r"\s*\n\s*")
#: Records built together (:func:`build_documents`) by the corpus driver, at most this many …
BATCH_RECORDS: int = 500
#: … or this many bytes of input.
BATCH_BYTES: int = 8_000_000
#: make_doc_ids maps at most about this many characters at once.
_DOC_ID_BATCH_CHARS: int = 4_000_000


# --------------------------------------------------------------------------- tables


@dataclass
class IngestResult:
    """``documents`` and ``rejects`` tables plus ``inputs``: one dict per input source
    (``source``, ``sha256`` of its bytes or None if unreadable, ``bytes``)."""

    documents: pd.DataFrame
    rejects: pd.DataFrame
    inputs: list[dict[str, Any]] = field(default_factory=list)


def empty_documents() -> pd.DataFrame:
    """A ``documents`` table with no rows and every column typed."""
    return _documents_frame([])


def empty_rejects() -> pd.DataFrame:
    """A ``rejects`` table with no rows and every column typed."""
    return _rejects_frame([])


def _str_array(values: list[Any]) -> Any:
    """``pd.array(values, dtype=_STR)``; when every value is a str or None, built through
    ``pyarrow.array`` (the same large_string array, without pandas' per-element checks)."""
    if all(v is None or type(v) is str for v in values):
        return pd.array(pa.array(values, type=pa.large_string()), dtype=_STR)
    return pd.array(values, dtype=_STR)


def _documents_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    data: dict[str, Any] = {
        col: _str_array([r[col] for r in rows])
        for col in DOCUMENT_COLUMNS
        if col != "n_removed_lines"
    }
    data["n_removed_lines"] = pd.array([r["n_removed_lines"] for r in rows], dtype="int64")
    frame = pd.DataFrame(data, columns=list(DOCUMENT_COLUMNS))
    return frame.sort_values("source", kind="stable", ignore_index=True)


def _rejects_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {col: _str_array([r[col] for r in rows]) for col in REJECT_COLUMNS},
        columns=list(REJECT_COLUMNS),
    )
    return frame.sort_values(["source", "reason"], kind="stable", ignore_index=True)


def make_doc_id(text: str, lang: str) -> str:
    """First 16 hex chars of sha256 of ``normalize_for_match(text, lang)`` (UTF-8)."""
    return text_sha256(normalize_for_match(text, lang))[:16]


def make_doc_ids(texts: Sequence[str], langs: Sequence[str]) -> list[str]:
    """``[make_doc_id(text, lang) ...]``: the matching form is a 1:1 character map, so it is
    computed once over the joined texts (in pieces of at most ``_DOC_ID_BATCH_CHARS``) and cut
    back at the texts' lengths."""
    for lang in set(langs):
        check_lang(lang)
    ids: list[str] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (end == start or size < _DOC_ID_BATCH_CHARS):
            size += len(texts[end])
            end += 1
        batch = texts[start:end]
        norm = normalize_for_match("".join(batch), langs[start])
        pos = 0
        for text in batch:
            ids.append(text_sha256(norm[pos : pos + len(text)])[:16])
            pos += len(text)
        start = end
    return ids


# --------------------------------------------------------------------------- corpus walk


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One path found in the corpus: a file to read, or a problem already known
    (``reason``/``detail`` set: symlink loop, broken link, unreadable folder …). ``size`` is
    the file's size in bytes when the listing saw it (a folder walk stats every file), else
    None; only used to balance work (the readers stat the file again)."""

    path: Path
    source: str
    reason: str | None = None
    detail: str | None = None
    size: int | None = None


def _is_loop_error(err: OSError) -> bool:
    return err.errno == errno.ELOOP


def _walk_folder(root: Path, prefix: str = "") -> list[CorpusEntry]:
    """All files under ``root`` (following symlinks that do not loop)."""
    entries: list[CorpusEntry] = []
    root_stat = os.stat(root)
    # (dev, inode) of every folder entered, with its real path, to detect loops.
    visited: dict[tuple[int, int], str] = {(root_stat.st_dev, root_stat.st_ino): str(root)}
    stack: list[tuple[Path, str]] = [(root, prefix)]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                children = sorted(it, key=lambda e: e.name)
        except OSError as err:
            entries.append(
                CorpusEntry(
                    folder,
                    rel or folder.name,
                    "unreadable",
                    f"{rel or folder.name}/: folder cannot be listed "
                    f"({type(err).__name__}: {err.strerror or err})",
                )
            )
            continue
        subfolders: list[tuple[Path, str]] = []
        for child in children:
            source = f"{rel}/{child.name}" if rel else child.name
            path = Path(child.path)
            try:
                st = os.stat(path)  # follows symlinks
            except OSError as err:
                if _is_loop_error(err):
                    entries.append(
                        CorpusEntry(
                            path,
                            source,
                            "symlink_loop",
                            f"{source}: symbolic link loop ({err.strerror})",
                        )
                    )
                else:
                    target = os.readlink(path) if os.path.islink(path) else "?"
                    entries.append(
                        CorpusEntry(
                            path,
                            source,
                            "unreadable",
                            f"{source}: broken symbolic link to {target!r} ({err.strerror or err})",
                        )
                    )
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    real = os.path.realpath(path)
                    here = os.path.realpath(folder)
                    loop = here == real or here.startswith(real.rstrip(os.sep) + os.sep)
                    kind = "a folder that contains it (a loop)" if loop else "a folder already read"
                    entries.append(
                        CorpusEntry(
                            path,
                            source,
                            "symlink_loop",
                            f"{source}: symbolic link to {real!r}, {kind}; not followed",
                        )
                    )
                    continue
                visited[key] = str(path)
                subfolders.append((path, source))
            elif stat.S_ISREG(st.st_mode):
                entries.append(CorpusEntry(path, source, size=st.st_size))
            else:
                entries.append(
                    CorpusEntry(
                        path,
                        source,
                        "unsupported_type",
                        f"{source}: not a regular file (device, FIFO or socket)",
                    )
                )
        stack.extend(reversed(subfolders))
    return entries


def list_corpus(corpus: str | Path) -> list[CorpusEntry]:
    """Every input path of ``corpus`` (folder, glob or single file), sorted by ``source``.

    Raises ``FileNotFoundError`` when the corpus does not exist or a glob matches nothing.
    """
    text = str(corpus)
    path = Path(corpus).expanduser()
    if not path.exists() and not path.is_symlink() and _GLOB_MAGIC_RE.search(text):
        parts = Path(text).expanduser().parts
        first_magic = next(i for i, p in enumerate(parts) if _GLOB_MAGIC_RE.search(p))
        root = Path(*parts[:first_magic]) if first_magic else Path(".")
        matches = sorted(glob.glob(str(Path(text).expanduser()), recursive=True))
        if not matches:
            raise FileNotFoundError(f"corpus glob {text!r} matches no file")
        entries: list[CorpusEntry] = []
        seen: set[str] = set()
        for match in matches:
            mpath = Path(match)
            rel = os.path.relpath(mpath, root).replace(os.sep, "/")
            if mpath.is_dir():
                found = _walk_folder(mpath, rel)
            else:
                found = [CorpusEntry(mpath, rel)]
            for entry in found:
                if entry.source not in seen:
                    seen.add(entry.source)
                    entries.append(entry)
        return sorted(entries, key=lambda e: e.source)
    if path.is_dir():
        return sorted(_walk_folder(path), key=lambda e: e.source)
    if path.exists():
        return [CorpusEntry(path, path.name)]
    raise FileNotFoundError(f"corpus {text!r} does not exist")


# --------------------------------------------------------------------------- documents


def _published_from_field(raw: str, lang: str) -> str | None:
    """ISO date (YYYY-MM-DD) of a record's date field, or None if it cannot be read."""
    match = _ISO_DATE_RE.match(raw)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return parse_published(raw, lang)[0]


def _unsupported_language(rec: RawRecord, text: str, stage: str) -> Rejected:
    """The ``unsupported_language`` reject of ``rec``: ``text`` (``stage`` names which text)
    was detected as neither Hebrew nor Arabic; the detail gives its script counts and the
    language the record claims, if any."""
    counts = script_counts(text)
    what = (
        f"Hebrew letters {counts['hebrew']}, Arabic-script letters {counts['arabic']} "
        f"(Persian-only {counts['persian_letters']}, Urdu-only {counts['urdu_letters']}), "
        f"Latin {counts['latin']}, other {counts['other']}"
    )
    claimed = (rec.language or "").strip().lower() or None
    claim = f"record claims language {claimed!r} but " if claimed else ""
    detail = (
        f"{rec.source}: {claim}{stage} was detected as 'other', not Hebrew or Arabic "
        f"(Persian/Urdu, another language, or too little text; {what})"
    )
    return Rejected(rec.source, "unsupported_language", detail, rec.sha256, rec.nbytes)


def _head(text: str, limit: int = METADATA_WINDOW) -> str:
    """The first ``limit`` characters of ``text``, cut at a line break."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > 0 else limit]


def _head_and_tail(text: str, limit: int = METADATA_WINDOW) -> str:
    """``text`` itself, or for a very long text its first and last ``limit`` characters
    (whole lines): outlet signatures and publication dates sit in the page chrome at the top
    and bottom, and reading 50 MB for them would cost seconds."""
    if len(text) <= 2 * limit:
        return text
    start = text.find("\n", len(text) - limit)
    tail = text[start + 1 :] if start >= 0 else text[-limit:]
    return f"{_head(text, limit)}\n{tail}"


def _one_line(text: str | None) -> str | None:
    if text is None:
        return None
    line = _LINE_SPLIT_RE.sub(" ", text).strip()
    return line or None


def build_document(rec: RawRecord) -> dict[str, Any] | Rejected:
    """Turn one :class:`~helpers.ingest.readers.RawRecord` into a ``documents`` row (a dict) or a
    :class:`~helpers.ingest.readers.Rejected` (``empty``, ``unsupported_language``, ``no_text``)."""
    return build_documents([rec])[0]


def _text_raw(rec: RawRecord) -> str:
    """The record's text, with its title as the first line when the text does not start with it."""
    if rec.is_record and rec.title:
        head = rec.text.lstrip()[: len(rec.title) + 50]
        if rec.title not in head:
            return f"{rec.title}\n{rec.text}"
    return rec.text


def build_documents(recs: Sequence[RawRecord]) -> list[dict[str, Any] | Rejected]:
    """``[build_document(rec) for rec in recs]``: the language of every raw text, then of every
    body, is detected for all records at once (:func:`helpers.text.lang.detect_langs`), and
    the doc_ids are computed from one matching-form pass over all bodies; the rest is per
    record. (Per-record Python and numpy call overhead, not the text, dominated these steps.)"""
    texts_raw = [_text_raw(rec) for rec in recs]
    outcomes: list[dict[str, Any] | Rejected | None] = [None] * len(recs)
    # (cleaned, body, removed lines) of the records still in the running
    stripped: dict[int, tuple[str, str, list[str]]] = {}
    langs = detect_langs(texts_raw)
    cleaned_texts: dict[int, str] = {}
    for i, (rec, text_raw, lang) in enumerate(zip(recs, texts_raw, langs)):
        if lang not in ("he", "ar"):
            if not text_raw.strip():
                outcomes[i] = Rejected(
                    rec.source, "empty", f"{rec.source}: no text", rec.sha256, rec.nbytes
                )
            else:
                outcomes[i] = _unsupported_language(rec, text_raw, "the text")
            continue
        cleaned_texts[i] = clean_text(text_raw, lang)
    # boilerplate of all the cleaned texts at once (strip_boilerplates: one prefilter pass)
    bodies = strip_boilerplates(list(cleaned_texts.values()), [langs[i] for i in cleaned_texts])
    for (i, cleaned), (body, removed) in zip(cleaned_texts.items(), bodies):
        rec = recs[i]
        if not body.strip():
            outcomes[i] = Rejected(
                rec.source,
                "no_text",
                f"{rec.source}: nothing left after removing {len(removed)} boilerplate line(s)",
                rec.sha256,
                rec.nbytes,
            )
            continue
        stripped[i] = (cleaned, body, removed)
    recheck = [i for i, (_, _, removed) in stripped.items() if removed]
    body_langs = dict(zip(recheck, detect_langs([stripped[i][1] for i in recheck])))
    rows: list[dict[str, Any]] = []
    pages: list[str] = []  # the text each row's outlet is read from, and the record fields
    page_fields: list[dict[str, Any] | None] = []
    for i, (cleaned, body, removed) in stripped.items():
        rec, lang = recs[i], langs[i]
        body_lang = body_langs.get(i, lang)
        if body_lang not in ("he", "ar"):
            outcomes[i] = _unsupported_language(rec, body, "the text without boilerplate")
            continue
        if body_lang != lang:  # boilerplate was in the other language: redo with the body's
            lang = body_lang
            cleaned = clean_text(texts_raw[i], lang)
            body, removed = strip_boilerplate(cleaned, lang)
        row = _document_row(rec, texts_raw[i], lang, cleaned, body, removed)
        outcomes[i] = row
        rows.append(row)
        pages.append(_head_and_tail(cleaned))
        page_fields.append(dict(rec.outlet_fields or {}) or None)
    # the outlets of all rows at once (detect_outlets looks for every signature in all pages
    # in one pass), the publication dates read from the page (parse_published_many: the
    # marked-date scan only where a prefilter over all pages finds a marker), then the doc_ids
    row_langs = [r["lang"] for r in rows]
    undated = [k for k, row in enumerate(rows) if row["published_raw"] is None]
    for k, (published, published_raw) in zip(
        undated, parse_published_many([pages[k] for k in undated], [row_langs[k] for k in undated])
    ):
        rows[k]["published"], rows[k]["published_raw"] = published, published_raw
    for row, outlet in zip(rows, detect_outlets(pages, row_langs, page_fields)):
        row["outlet"] = outlet
    for row, doc_id in zip(rows, make_doc_ids([r["text"] for r in rows], row_langs)):
        row["doc_id"] = doc_id
    return outcomes  # type: ignore[return-value]  # every record has its outcome


def _document_row(
    rec: RawRecord, text_raw: str, lang: str, cleaned: str, body: str, removed: list[str]
) -> dict[str, Any]:
    """The ``documents`` row of a record whose body is kept (``outlet`` and ``doc_id`` left to
    the caller, and ``published`` / ``published_raw`` too when the record has no date field:
    they are read from the page, ``_head_and_tail(cleaned)``)."""
    if rec.title:
        title = _one_line(clean_text(rec.title, lang))
    else:
        title = extract_title(_head(body), lang, is_body=True)
    published_raw: str | None = None  # read from the page by the caller
    published: str | None = None
    if rec.published_raw:
        published_raw = rec.published_raw
        published = _published_from_field(rec.published_raw, lang)
    return {
        "doc_id": None,
        "source": rec.source,
        "lang": lang,
        "outlet": None,  # detect_outlets, for all rows at once (build_documents)
        "title": title,
        "published": published,
        "published_raw": published_raw,
        "url": rec.url,
        "text_raw": text_raw,
        "text": body,
        "removed_lines": "\n".join(removed),
        "n_removed_lines": len(removed),
    }


# --------------------------------------------------------------------------- driver


def _items_for(entry: CorpusEntry, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """The reader items of one corpus entry (or its known problem as a reject)."""
    if entry.reason is not None:
        sha, size = (None, 0)
        if entry.reason == "unsupported_type" and entry.path.is_file():
            sha, size = file_digest(entry.path)
        yield Rejected(entry.source, entry.reason, entry.detail or entry.source, sha, size)
        return
    reader = READERS.get(entry.path.suffix.lower())
    if reader is None:
        sha, size = file_digest(entry.path)
        ext = entry.path.suffix or "(no extension)"
        yield Rejected(
            entry.source,
            "unsupported_type",
            f"{entry.source}: file type {ext} is not read (supported: "
            f"{', '.join(sorted(READERS))})",
            sha,
            size,
        )
        return
    yield from reader(entry.path, entry.source, max_bytes)


def _reject_row(item: Rejected) -> dict[str, str]:
    assert item.reason in REJECT_REASONS, item.reason
    return {"source": item.source, "reason": item.reason, "detail": item.detail}


def iter_ingest(
    corpus: str | Path,
    *,
    chunk_records: int = 2000,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[IngestResult]:
    """Ingest ``corpus`` in chunks of about ``chunk_records`` input sources.

    Each yielded :class:`IngestResult` holds the documents, rejects and inputs of its sources
    (tables sorted by ``source``); memory is bounded by the chunk size because readers
    stream. Duplicates are NOT removed across chunks: run :func:`dedup_documents` on the
    concatenation (as :func:`ingest_corpus` does).
    """
    if chunk_records < 1:
        raise ValueError(f"chunk_records must be >= 1, got {chunk_records}")
    yield from _iter_entries(list_corpus(corpus), chunk_records, progress, max_bytes)


def _iter_entries(
    entries: list[CorpusEntry], chunk_records: int, progress: bool, max_bytes: int
) -> Iterator[IngestResult]:
    """:func:`iter_ingest` of the corpus entries ``entries`` (as :func:`list_corpus` lists them)."""
    docs: list[dict[str, Any]] = []
    rejects: list[dict[str, str]] = []
    inputs: list[dict[str, Any]] = []
    # reader items not yet built, processed together (build_documents) when there are
    # BATCH_RECORDS of them, BATCH_BYTES of input, or the chunk is full
    pending: list[RawRecord | Rejected] = []
    pending_bytes = 0

    def flush() -> None:
        nonlocal pending_bytes
        records = [item for item in pending if isinstance(item, RawRecord)]
        built = iter(build_documents(records))
        for item in pending:
            outcome = next(built) if isinstance(item, RawRecord) else item
            inputs.append({"source": item.source, "sha256": item.sha256, "bytes": item.nbytes})
            if isinstance(outcome, Rejected):
                rejects.append(_reject_row(outcome))
            else:
                docs.append(outcome)
        pending.clear()
        pending_bytes = 0

    bar = tqdm(entries, desc="ingest", unit="file", disable=not progress)
    for entry in bar:
        for item in _items_for(entry, max_bytes):
            pending.append(item)
            pending_bytes += item.nbytes
            if (
                len(pending) >= BATCH_RECORDS
                or pending_bytes >= BATCH_BYTES
                or len(inputs) + len(pending) >= chunk_records
            ):
                flush()
            if len(inputs) >= chunk_records:
                yield IngestResult(_documents_frame(docs), _rejects_frame(rejects), inputs)
                docs, rejects, inputs = [], [], []
    bar.close()
    flush()
    if inputs or not entries:
        yield IngestResult(_documents_frame(docs), _rejects_frame(rejects), inputs)


def duplicate_rejects(
    dropped: Iterable[tuple[str, str]], kept_source: Mapping[str, str]
) -> pd.DataFrame:
    """``rejects`` rows (reason ``duplicate``) for the ``(source, doc_id)`` pairs in ``dropped``;
    ``kept_source[doc_id]`` is the source of the copy that was kept, named in the detail."""
    rows = [
        {
            "source": src,
            "reason": "duplicate",
            "detail": f"{src}: same text as {kept_source[doc_id]} (doc_id {doc_id}); "
            f"kept {kept_source[doc_id]}",
        }
        for src, doc_id in dropped
    ]
    return _rejects_frame(rows)


def dedup_documents(
    documents: pd.DataFrame, rejects: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep the first document of each ``doc_id`` (by sorted ``source``); every other one
    becomes a ``duplicate`` reject whose detail names the kept doc_id and source."""
    documents = documents.sort_values("source", kind="stable", ignore_index=True)
    dup = documents["doc_id"].duplicated(keep="first")
    if not dup.any():
        return documents, rejects
    kept_source = dict(zip(documents.loc[~dup, "doc_id"], documents.loc[~dup, "source"]))
    dropped = documents.loc[dup, ["source", "doc_id"]].itertuples(index=False)
    new_rejects = pd.concat([rejects, duplicate_rejects(dropped, kept_source)], ignore_index=True)
    new_rejects = new_rejects.sort_values(["source", "reason"], kind="stable", ignore_index=True)
    return documents.loc[~dup].reset_index(drop=True), new_rejects


def ingest_corpus(
    corpus: str | Path, *, progress: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> IngestResult:
    """Ingest a whole corpus (folder, glob or file): documents, rejects and inputs, with
    duplicates removed (see the module docstring). Raises ``FileNotFoundError`` when the
    corpus does not exist."""
    return ingest_entries(list_corpus(corpus), progress=progress, max_bytes=max_bytes)


def ingest_entries(
    entries: list[CorpusEntry],
    *,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dedup: bool = True,
) -> IngestResult:
    """:func:`ingest_corpus` of some of a corpus' entries (:func:`list_corpus` order): the
    same documents, rejects and inputs as ingesting a corpus made of those files, with
    ``source`` relative to the corpus they were listed from (a cluster ingests a corpus as
    groups of entries, :func:`helpers.run.engine.run_corpus`). ``dedup=False`` keeps the
    copies (no ``duplicate`` rejects): for a group whose results are merged with others'
    (:func:`merge_ingested`), whose one dedup then names the copy kept in the whole corpus."""
    return merge_ingested(list(_iter_entries(entries, 2000, progress, max_bytes)), dedup=dedup)


def merge_ingested(parts: Sequence[IngestResult], *, dedup: bool = True) -> IngestResult:
    """One :class:`IngestResult` from the results of consecutive parts of a corpus (chunks of
    :func:`iter_ingest`, or the groups a cluster ingests): documents and rejects concatenated,
    inputs in ``source`` order, duplicates across parts removed (:func:`dedup_documents`;
    unless ``dedup=False``), rejects in ``(source, reason)`` order — what one ingest of all
    the parts gives. The parts must hold their copies (``dedup=False``): a part's own
    ``duplicate`` rejects would name the copy kept in that part, not in the corpus."""
    documents = (
        pd.concat([p.documents for p in parts], ignore_index=True) if parts else empty_documents()
    )
    rejects = pd.concat([p.rejects for p in parts], ignore_index=True) if parts else empty_rejects()
    inputs = sorted((i for p in parts for i in p.inputs), key=lambda i: i["source"])
    if dedup:
        documents, rejects = dedup_documents(documents, rejects)
    else:
        documents = documents.sort_values("source", kind="stable", ignore_index=True)
    rejects = rejects.sort_values(["source", "reason"], kind="stable", ignore_index=True)
    return IngestResult(documents, rejects, inputs)

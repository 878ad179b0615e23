"""Format readers for ingestion: bytes → decoded text → one item per input source.

Every reader is a generator over ONE corpus file that yields, for every *input source* it
finds, exactly one item:

* :class:`RawRecord` — text plus whatever metadata the format carries (record fields);
  :mod:`helpers.ingest.corpus` turns it into a document or a reject;
* :class:`Rejected` — the source could not be read (reason from docs/design.md + a detail
  that names the file and, for records, the line).

An input source is the file itself for ``.txt``/``.html``/``.htm`` and a single-object
``.json``; for ``.jsonl``, ``.csv`` and JSON arrays every record is a source named
``"<file>:<LINE>"`` (LINE = 1-based physical line where the record starts). A file that fails
as a whole (empty, binary, unreadable, CSV without a text column …) is ONE source named
``"<file>"``. So the ingest invariant "sources = documents + rejected sources" is kept here.

Encodings (:func:`decode_bytes`): UTF-8 with or without BOM, UTF-16/32 with BOM, then
charset-normalizer's best guess, with windows-1255 / windows-1256 tried explicitly whenever
the guess does not decode to mostly Hebrew or Arabic letters (single-byte code pages decode
almost anything, so the decoded text is checked for the script it claims).

Streaming: ``.jsonl`` and ``.csv`` are read line by line through a text stream (the encoding
is detected on the first :data:`HEAD_BYTES` bytes), so memory is bounded by the largest
record; ``max_bytes`` applies per record there and per file for the other formats.

All file access goes through :func:`open_binary`, so a test can simulate an unreadable file by
monkeypatching that one function.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import charset_normalizer
import trafilatura

from helpers.core.errors import CrosspressError
from helpers.core.io import is_missing
from helpers.text.charsets import ARABIC_CORE_LETTERS_CLASS, HEBREW_BASE_LETTERS_CLASS

__all__ = [
    "BINARY_MAGIC",
    "BROKEN_UTF8_RATIO",
    "HEAD_BYTES",
    "LETTER_SHARE_MIN",
    "READERS",
    "RawRecord",
    "Rejected",
    "ReadError",
    "CSV_TEXT_COLUMNS",
    "decode_bytes",
    "detect_stream_encoding",
    "file_digest",
    "outlet_fields",
    "open_binary",
    "read_bytes",
    "read_csv",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_txt",
    "record_fields",
    "sniff_binary",
]

#: Bytes read to detect the encoding of a streamed file (and to sniff binaries).
HEAD_BYTES: int = 64 * 1024
#: Share of letters that must be Hebrew (cp1255) or Arabic (cp1256) for a single-byte
#: code-page decoding to be believed.
LETTER_SHARE_MIN: float = 0.6
#: Valid multi-byte characters per invalid sequence above which bytes are "UTF-8 with errors".
BROKEN_UTF8_RATIO: int = 10
#: Magic numbers of binary formats a scraper may leave in a corpus folder.
BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx/xlsx/epub …)",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"Rar!\x1a\x07": "RAR archive",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"\x7fELF": "ELF executable",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "OLE document (doc/xls)",
    b"SQLite format 3\x00": "SQLite database",
    b"PAR1": "Parquet file",
}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEBREW_LETTER_RE = re.compile(f"[{HEBREW_BASE_LETTERS_CLASS}]")
_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_CORE_LETTERS_CLASS}]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_CODE_PAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cp1255", _HEBREW_LETTER_RE),
    ("cp1256", _ARABIC_LETTER_RE),
)
#: CSV header names accepted for the article text (case-insensitive).
CSV_TEXT_COLUMNS: tuple[str, ...] = ("text", "maintext")
_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text"),
    "title": ("title", "headline"),
    "published": ("date_publish", "publish_date", "published", "date"),
    "url": ("url",),
    "outlet": ("outlet", "media_name", "source_domain"),
    "language": ("language", "lang"),
}
_OUTLET_KEYS = frozenset({"outlet", "media_name", "source_domain", "url"})
_WS_ONLY_RE = re.compile(r"^[\s\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]*$")


class ReadError(CrosspressError):
    """A whole file cannot be read; ``reason`` is a rejects reason, ``detail`` says why."""

    def __init__(self, reason: str, detail: str, line: int | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.line = line


@dataclass(slots=True)
class RawRecord:
    """One input source with text. ``fields`` are the record's own metadata (None = absent)."""

    source: str
    text: str
    sha256: str | None
    nbytes: int
    title: str | None = None
    published_raw: str | None = None
    url: str | None = None
    language: str | None = None
    is_record: bool = False
    outlet_fields: dict[str, str] | None = None


@dataclass(slots=True)
class Rejected:
    """One input source that ends as a rejects row."""

    source: str
    reason: str
    detail: str
    sha256: str | None = None
    nbytes: int = 0


# --------------------------------------------------------------------------- file access


def open_binary(path: str | Path) -> IO[bytes]:
    """Open ``path`` for binary reading (the single point of file access; tests patch it)."""
    return open(path, "rb")


def read_bytes(path: str | Path) -> bytes:
    """Return the bytes of ``path`` (through :func:`open_binary`)."""
    with open_binary(path) as fh:
        return fh.read()


def file_digest(path: str | Path) -> tuple[str | None, int]:
    """sha256 hex and size of ``path`` read in 1 MiB blocks; ``(None, 0)`` if unreadable."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open_binary(path) as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError:
        return None, 0
    return digest.hexdigest(), size


def _os_error_detail(source: str, err: OSError) -> str:
    return f"{source}: cannot read ({type(err).__name__}: {err.strerror or err})"


# --------------------------------------------------------------------------- decoding


def sniff_binary(head: bytes) -> str | None:
    """Name the binary format of a file starting with ``head``, or None if it may be text.

    Text with a UTF-16/32 BOM is text (its NUL bytes are expected); otherwise a known magic
    number or a NUL byte in ``head`` marks a binary file.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    for magic, name in BINARY_MAGIC.items():
        if head.startswith(magic):
            return name
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "WEBP image"
    if b"\x00" in head:
        return "NUL bytes (binary data)"
    return None


def _script_share(text: str, letters_re: re.Pattern[str]) -> float:
    sample = text[:20_000]
    letters = len(_LETTER_RE.findall(sample))
    return len(letters_re.findall(sample)) / letters if letters else 0.0


def _try_code_pages(data: bytes) -> str | None:
    """The first of cp1255/cp1256 that decodes ``data`` strictly to mostly Hebrew/Arabic."""
    for encoding, letters_re in _CODE_PAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _script_share(text, letters_re) >= LETTER_SHARE_MIN:
            return encoding
    return None


def _detect_non_utf8(data: bytes) -> str | None:
    """Encoding of bytes that are not UTF-8 (None when nothing decodes them credibly)."""
    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is not None:
        try:
            text = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            guess = None
        else:
            # Believe the guess when it yields Hebrew/Arabic or when nothing else would.
            if (
                max(_script_share(text, _HEBREW_LETTER_RE), _script_share(text, _ARABIC_LETTER_RE))
                >= LETTER_SHARE_MIN
            ):
                return guess
    return _try_code_pages(data) or guess


def _bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _broken_utf8_count(data: bytes) -> int:
    """Invalid sequences in ``data`` if it is UTF-8 with errors, else 0.

    A single-byte code page decodes any bytes, so a UTF-8 article with one stray byte would
    otherwise come out as cp1256 garbage. If the valid multi-byte characters outnumber the
    invalid sequences :data:`BROKEN_UTF8_RATIO` to one, the bytes are UTF-8 with errors.
    """
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for ch in decoded if ch > "\x7f" and ch != "\ufffd")
    return bad if bad and good >= BROKEN_UTF8_RATIO * bad else 0


def _mostly_utf8_lines(data: bytes) -> bool:
    """True when at least half of the lines of ``data`` holding non-ASCII bytes are UTF-8."""
    valid = invalid = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            valid += 1
        except UnicodeDecodeError:
            invalid += 1
    return valid >= invalid and valid > 0


def _raise_if_broken_utf8(data: bytes, source: str, err: UnicodeDecodeError) -> None:
    """Reject UTF-8 text with a few invalid bytes instead of decoding it as mojibake."""
    bad = _broken_utf8_count(data)
    if bad:
        raise ReadError(
            "undecodable",
            f"{source}: UTF-8 with {bad} invalid byte sequence(s), "
            f"the first at byte {err.start} ({err.reason}); not decoded with "
            "replacement characters",
        ) from None


def decode_bytes(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode a whole file: return ``(text, encoding)`` or raise :class:`ReadError`.

    Raises with reason ``empty`` (0 bytes or whitespace only), ``binary`` (magic number / NUL
    bytes) or ``undecodable``. A BOM is honoured (and removed); then strict UTF-8; then
    charset-normalizer, checked against Hebrew/Arabic script, with cp1255/cp1256 tried
    explicitly (see the module docstring).
    """
    if not data:
        raise ReadError("empty", f"{source}: file is empty (0 bytes)")
    encoding = _bom_encoding(data[:4])
    if encoding is None:
        kind = sniff_binary(data[:HEAD_BYTES])
        if kind is not None:
            raise ReadError("binary", f"{source}: binary content ({kind}), not text")
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            _raise_if_broken_utf8(data, source, err)
            encoding = _detect_non_utf8(data)
            if encoding is None:
                raise ReadError(
                    "undecodable",
                    f"{source}: not UTF-8/UTF-16 and no encoding decodes it "
                    "(tried charset-normalizer, cp1255, cp1256)",
                ) from None
            text = data.decode(encoding)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise ReadError(
                "undecodable",
                f"{source}: has a {encoding} BOM but does not decode "
                f"as {encoding} (byte {err.start})",
            ) from None
    if _WS_ONLY_RE.match(text):
        raise ReadError("empty", f"{source}: whitespace only ({len(data)} bytes, no text)")
    return text, encoding


def detect_stream_encoding(head: bytes, source: str, *, per_line: bool = False) -> str:
    """Encoding of a streamed file from its first bytes (BOM, UTF-8, or detection).

    Raises :class:`ReadError` (``empty``, ``binary``, ``undecodable``) like :func:`decode_bytes`.
    With ``per_line`` (the caller decodes and rejects line by line), UTF-8 with a few invalid
    bytes is reported as ``"utf-8"`` so only the bad lines are lost.
    """
    if not head:
        raise ReadError("empty", f"{source}: file is empty (0 bytes)")
    encoding = _bom_encoding(head[:4])
    if encoding is not None:
        return encoding
    kind = sniff_binary(head)
    if kind is not None:
        raise ReadError("binary", f"{source}: binary content ({kind}), not text")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) < HEAD_BYTES)
        return "utf-8"
    except UnicodeDecodeError as err:
        sample = head[: len(head) - 3] if len(head) >= HEAD_BYTES else head
        if per_line and _mostly_utf8_lines(sample):
            return "utf-8"
        _raise_if_broken_utf8(sample, source, err)
    encoding = _detect_non_utf8(head)
    if encoding is None:
        raise ReadError(
            "undecodable",
            f"{source}: not UTF-8/UTF-16 and no encoding decodes it "
            "(tried charset-normalizer, cp1255, cp1256)",
        )
    return encoding


# --------------------------------------------------------------------------- helpers


def _load_file(path: Path, source: str, max_bytes: int) -> tuple[bytes, str, int]:
    """Bytes, sha256 and size of a whole-file input, or raise ReadError."""
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise ReadError("unreadable", _os_error_detail(source, err)) from None
    if size > max_bytes:
        raise ReadError("too_large", f"{source}: {size:,} bytes exceeds max_bytes={max_bytes:,}")
    try:
        data = read_bytes(path)
    except OSError as err:
        raise ReadError("unreadable", _os_error_detail(source, err)) from None
    if len(data) > max_bytes:  # grew since stat
        raise ReadError(
            "too_large", f"{source}: {len(data):,} bytes exceeds max_bytes={max_bytes:,}"
        )
    return data, hashlib.sha256(data).hexdigest(), len(data)


def _reject_file(path: Path, source: str, err: ReadError, data: bytes | None = None) -> Rejected:
    if data is not None:
        return Rejected(source, err.reason, err.detail, hashlib.sha256(data).hexdigest(), len(data))
    sha, size = file_digest(path) if err.reason != "unreadable" else (None, 0)
    return Rejected(source, err.reason, err.detail, sha, size)


def _str_or_none(value: Any) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def record_fields(obj: dict[str, Any]) -> dict[str, str | None]:
    """Pick text/title/published/url/outlet/language from a news-please or CSV record.

    Keys are matched case-insensitively; the first non-empty alias wins (see ``_FIELD_ALIASES``:
    ``maintext``/``text``, ``title``/``headline``, ``date_publish``/``publish_date``/
    ``published``/``date``, ``url``, ``outlet``/``media_name``/``source_domain``,
    ``language``/``lang``).
    """
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    out: dict[str, str | None] = {}
    for field, aliases in _FIELD_ALIASES.items():
        out[field] = None
        for alias in aliases:
            value = _str_or_none(lowered.get(alias))
            if value is not None:
                out[field] = value
                break
    return out


def outlet_fields(obj: dict[str, Any]) -> dict[str, str]:
    """The non-empty ``outlet``, ``media_name``, ``source_domain`` and ``url`` values of a
    record (keys lower-cased), as :func:`helpers.ingest.metadata.detect_outlet` takes them."""
    out: dict[str, str] = {}
    for key, value in obj.items():
        name = str(key).strip().lower()
        if name in _OUTLET_KEYS and (text := _str_or_none(value)) is not None:
            out.setdefault(name, text)
    return out


def _record_item(obj: Any, source: str, raw: bytes) -> RawRecord | Rejected:
    sha, size = hashlib.sha256(raw).hexdigest(), len(raw)
    if not isinstance(obj, dict):
        return Rejected(
            source,
            "parse_error",
            f"{source}: expected a JSON object (news-please record), got {type(obj).__name__}",
            sha,
            size,
        )
    fields = record_fields(obj)
    if fields["text"] is None:
        keys = ", ".join(sorted(map(str, obj))) or "none"
        return Rejected(
            source,
            "empty",
            f"{source}: record has no text ('maintext'/'text' missing or blank; keys: {keys})",
            sha,
            size,
        )
    return RawRecord(
        source=source,
        text=fields["text"],
        sha256=sha,
        nbytes=size,
        title=fields["title"],
        published_raw=fields["published"],
        url=fields["url"],
        language=fields["language"],
        is_record=True,
        outlet_fields=outlet_fields(obj),
    )


# --------------------------------------------------------------------------- readers


def read_txt(path: Path, source: str, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """A plain-text article: the whole file is one source; metadata comes from the text."""
    try:
        data, sha, size = _load_file(path, source, max_bytes)
    except ReadError as err:
        yield _reject_file(path, source, err)
        return
    try:
        text, _ = decode_bytes(data, source)
    except ReadError as err:
        yield Rejected(source, err.reason, err.detail, sha, size)
        return
    yield RawRecord(source=source, text=text, sha256=sha, nbytes=size)


def read_html(path: Path, source: str, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """An HTML page: main text via trafilatura (``include_comments=False, favor_recall=True``;
    script/style never reach the text), title and date from trafilatura's metadata. The title
    is put on the first line when the extracted text does not already start with it."""
    try:
        data, sha, size = _load_file(path, source, max_bytes)
        html, _ = decode_bytes(data, source)
    except ReadError as err:
        yield _reject_file(path, source, err)
        return
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, favor_recall=True, with_metadata=True
        )
    except Exception as err:
        yield Rejected(
            source,
            "parse_error",
            f"{source}: HTML could not be parsed ({type(err).__name__}: {err})",
            sha,
            size,
        )
        return
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        yield Rejected(
            source, "no_text", f"{source}: trafilatura found no main text in the HTML", sha, size
        )
        return
    title = _str_or_none(getattr(doc, "title", None))
    if title and title not in text[: len(title) + 200]:
        text = f"{title}\n{text}"
    yield RawRecord(
        source=source,
        text=text,
        sha256=sha,
        nbytes=size,
        title=title,
        published_raw=_str_or_none(getattr(doc, "date", None)),
        url=_str_or_none(getattr(doc, "url", None)),
        is_record=True,
        outlet_fields={
            k: v
            for k, v in (
                ("outlet", _str_or_none(getattr(doc, "sitename", None))),
                ("url", _str_or_none(getattr(doc, "url", None))),
            )
            if v
        },
    )


def _open_text_stream(path: Path, source: str) -> tuple[IO[str], str]:
    """Open a streamed text file: (text stream, codec that re-encodes a line to its bytes)."""
    try:
        fh = open_binary(path)
    except OSError as err:
        raise ReadError("unreadable", _os_error_detail(source, err)) from None
    try:
        head = fh.read(HEAD_BYTES)
        encoding = detect_stream_encoding(head, source)
        fh.seek(0)
    except (ReadError, OSError) as err:
        fh.close()
        if isinstance(err, OSError):
            raise ReadError("unreadable", _os_error_detail(source, err)) from None
        raise
    stream = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
    hash_codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(
        encoding, encoding
    )
    return stream, hash_codec


def _numbered_lines(stream: IO[str], source: str) -> Iterator[tuple[int, str]]:
    """(line number, line) pairs; a decode error mid-file raises ReadError naming the line."""
    number = 0
    while True:
        try:
            line = stream.readline()
        except UnicodeDecodeError as err:
            raise ReadError(
                "undecodable",
                f"{source}:{number + 1}: bytes do not decode "
                f"({err.reason}); the rest of the file is not read",
                line=number + 1,
            ) from None
        if not line:
            return
        number += 1
        yield number, line


def read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """JSON Lines of news-please records, streamed line by line; each non-blank line is a
    source ``"<file>:<LINE>"`` hashed on its exact bytes. A bad line (invalid JSON, not an
    object, bytes that do not decode) is rejected with its line number, the good ones kept.
    Blank lines are not records."""
    try:
        fh = open_binary(path)
    except OSError as err:
        yield _reject_file(path, source, ReadError("unreadable", _os_error_detail(source, err)))
        return
    with fh:
        try:
            head = fh.read(HEAD_BYTES)
            encoding = detect_stream_encoding(head, source, per_line=True)
            fh.seek(0)
        except ReadError as err:
            yield _reject_file(path, source, err)
            return
        except OSError as err:
            yield _reject_file(path, source, ReadError("unreadable", _os_error_detail(source, err)))
            return
        if encoding in ("utf-16", "utf-32"):  # NUL-laden encodings: split on decoded lines
            stream = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
            lines: Iterator[tuple[int, bytes | str]] = _numbered_lines(stream, source)
            codec = f"{encoding}-le"
        else:
            lines = enumerate(fh, start=1)
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
        while True:
            try:
                item = next(lines, None)
            except ReadError as err:
                yield Rejected(f"{source}:{err.line}", err.reason, err.detail)
                return
            if item is None:
                return
            number, line = item
            rec_source = f"{source}:{number}"
            if isinstance(line, bytes):
                raw = line
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    line = raw[len(codecs.BOM_UTF8) :]
                try:
                    line = line.decode(codec)
                except UnicodeDecodeError as err:
                    yield Rejected(
                        rec_source,
                        "undecodable",
                        f"{rec_source}: line does not decode "
                        f"as {codec} ({err.reason} at byte {err.start} of the line)",
                        hashlib.sha256(raw).hexdigest(),
                        len(raw),
                    )
                    continue
            else:
                raw = line.encode(codec, errors="replace")
            if not line.strip():
                continue
            sha = hashlib.sha256(raw).hexdigest()
            if len(raw) > max_bytes:
                yield Rejected(
                    rec_source,
                    "too_large",
                    f"{rec_source}: record of {len(raw):,} bytes exceeds max_bytes={max_bytes:,}",
                    sha,
                    len(raw),
                )
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as err:
                yield Rejected(
                    rec_source, "parse_error", f"{rec_source}: invalid JSON ({err})", sha, len(raw)
                )
                continue
            yield _record_item(obj, rec_source, raw)


def _array_elements(text: str) -> Iterator[tuple[int, Any, str]]:
    """(line, element, raw text) for each element of a top-level JSON array in ``text``."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    ws = re.compile(r"[\s,]*")
    while True:
        skipped = ws.match(text, pos)  # always matches (possibly nothing)
        pos = skipped.end() if skipped else pos
        if pos >= len(text) or text[pos] == "]":
            return
        obj, end = decoder.raw_decode(text, pos)
        yield text.count("\n", 0, pos) + 1, obj, text[pos:end]
        pos = end


def read_json(path: Path, source: str, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """A ``.json`` file: one news-please object (the file is the source), an array of objects
    (each element a source ``"<file>:<LINE>"``, LINE where the element starts), or — as
    news-please sometimes writes — JSON Lines under a ``.json`` name."""
    try:
        data, sha, size = _load_file(path, source, max_bytes)
        text, encoding = decode_bytes(data, source)
    except ReadError as err:
        yield _reject_file(path, source, err)
        return
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            yield from read_jsonl(path, source, max_bytes)
            return
        yield Rejected(source, "parse_error", f"{source}: invalid JSON ({err})", sha, size)
        return
    if isinstance(obj, dict):
        item = _record_item(obj, source, data)
        if isinstance(item, RawRecord):
            item.sha256, item.nbytes = sha, size
        yield item
        return
    if not isinstance(obj, list) or not obj:
        yield Rejected(
            source,
            "parse_error" if obj != [] else "empty",
            f"{source}: expected a news-please object or a non-empty array of them, "
            f"got {type(obj).__name__}{' (empty array)' if obj == [] else ''}",
            sha,
            size,
        )
        return
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    for line, element, raw in _array_elements(text):
        yield _record_item(element, f"{source}:{line}", raw.encode(codec, errors="replace"))


def _csv_rows(
    stream: IO[str], source: str
) -> Iterator[tuple[int, list[str] | None, str, str | None]]:
    """(start line, fields or None, raw text, error) for each CSV row, streamed.

    Rows are parsed one at a time with the csv module over the text stream, so quoted fields
    spanning lines work and the line number is the physical line where the row starts.
    """
    lines = _numbered_lines(stream, source)
    consumed: list[str] = []
    state = {"line": 0}

    def feed() -> Iterator[str]:
        for number, line in lines:
            state["line"] = number
            consumed.append(line)
            yield line

    reader = csv.reader(feed())
    while True:
        start = state["line"] + 1
        consumed.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield start, None, "".join(consumed), f"CSV error ({err})"
            continue
        yield start, row, "".join(consumed), None


def read_csv(path: Path, source: str, max_bytes: int) -> Iterator[RawRecord | Rejected]:
    """A CSV with a header row; each data row is a source ``"<file>:<LINE>"``. Columns
    (case-insensitive): ``text``/``maintext`` (required), ``title``, ``url``,
    ``publish_date``/``date``, ``outlet``/``media_name``. Without a text column the file is ONE
    ``parse_error`` reject naming the missing column and the columns found."""
    try:
        stream, codec = _open_text_stream(path, source)
    except ReadError as err:
        yield _reject_file(path, source, err)
        return
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, min(max_bytes, 2**31 - 1)))
    try:
        with stream:
            rows = _csv_rows(stream, source)
            try:
                first = next(rows, None)
            except ReadError as err:
                yield _reject_file(path, source, err)
                return
            if first is None or first[1] is None or not any(c.strip() for c in first[1]):
                yield _reject_file(
                    path, source, ReadError("parse_error", f"{source}: no CSV header row")
                )
                return
            header = [c.strip().lstrip("\ufeff").lower() for c in first[1]]
            if not set(header) & set(CSV_TEXT_COLUMNS):
                found = ", ".join(repr(c) for c in first[1]) or "none"
                yield _reject_file(
                    path,
                    source,
                    ReadError(
                        "parse_error",
                        f"{source}: CSV has no text column (expected one of "
                        f"{', '.join(repr(c) for c in CSV_TEXT_COLUMNS)}); columns found: {found}",
                    ),
                )
                return
            while True:
                try:
                    item = next(rows, None)
                except ReadError as err:
                    yield Rejected(f"{source}:{err.line}", err.reason, err.detail)
                    return
                if item is None:
                    return
                line, row, raw_text, error = item
                rec_source = f"{source}:{line}"
                raw = raw_text.encode(codec, errors="replace")
                sha = hashlib.sha256(raw).hexdigest()
                if error is not None:
                    yield Rejected(
                        rec_source, "parse_error", f"{rec_source}: {error}", sha, len(raw)
                    )
                    continue
                if not row or not any(c.strip() for c in row):
                    continue  # a blank line is not a record
                if len(raw) > max_bytes:
                    yield Rejected(
                        rec_source,
                        "too_large",
                        f"{rec_source}: row of {len(raw):,} bytes exceeds max_bytes={max_bytes:,}",
                        sha,
                        len(raw),
                    )
                    continue
                if len(row) != len(header):
                    yield Rejected(
                        rec_source,
                        "parse_error",
                        f"{rec_source}: {len(row)} fields, header has {len(header)}",
                        sha,
                        len(raw),
                    )
                    continue
                yield _record_item(dict(zip(header, row)), rec_source, raw)
    finally:
        csv.field_size_limit(old_limit)


#: Reader per lower-case file extension.
READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}

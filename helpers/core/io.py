"""Output plumbing shared by every stage: atomic writes, content hashes, the missing-value test.

Every file the project writes (run tables, JSON, figures, review exports, a rewritten gold
file) goes through :func:`atomic_write`: a temporary file in the same folder, then
:func:`os.replace`, so a run killed mid-write never leaves half a file, and the result gets the
ordinary mode of a new file under the current umask (``mkstemp`` alone would leave it 0600).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from helpers.core.errors import CrosspressError
from helpers.core.paths import display_path

__all__ = [
    "StoreError",
    "atomic_write",
    "atomic_write_text",
    "file_sha256",
    "is_missing",
    "load_yaml_safely",
    "load_yaml_with_nodes",
    "SAFE_YAML_LOADER",
    "output_file_mode",
    "read_json",
    "read_json_lines",
    "text_sha256",
    "write_json",
]


#: The safe YAML loader (plain data only, never objects): libyaml's C loader when PyYAML was
#: built with it (the same result, about 8x faster on the codebook), else the Python one.
SAFE_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_safely(text: str) -> Any:
    """Parse YAML ``text`` with :data:`SAFE_YAML_LOADER` (what ``yaml.safe_load`` does, faster)."""
    return yaml.load(text, Loader=SAFE_YAML_LOADER)


def load_yaml_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """``(load_yaml_safely(text), yaml.compose(text, Loader=SAFE_YAML_LOADER))`` from ONE parse:
    the node tree is composed once and the data constructed from it (what ``yaml.load``
    does), for a caller that also reads the nodes — e.g. to find duplicate mapping keys,
    which construction silently merges. ``(None, None)`` for an empty document; the same
    ``yaml.YAMLError`` as ``load_yaml_safely`` on bad YAML."""
    loader = SAFE_YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


class StoreError(CrosspressError, OSError):
    """An output read or write failed; the message names the file and the reason."""


def output_file_mode() -> int:
    """The mode a newly created file gets under the current umask (``0o666 & ~umask``)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` atomically.

    The parent folder is created when missing; the file gets :func:`output_file_mode`. Raises
    :class:`StoreError` naming the file and the reason when the folder is read-only, full or
    cannot be made; the temporary file is removed on any failure.
    """
    path = Path(path)
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        write(Path(tmp_name))
        os.chmod(tmp_name, output_file_mode())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"cannot write {display_path(path)}: {reason}") from None
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, byte for byte (no newline translation)."""
    data = text.encode(encoding)
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def write_json(path: str | Path, payload: Any) -> Path:
    """Write ``payload`` as pretty, key-sorted UTF-8 JSON atomically (no timestamps: reruns
    give the same bytes)."""
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
    return atomic_write_text(path, text)


def read_json(path: str | Path) -> Any:
    """Read a JSON file written by :func:`write_json`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_json_lines(path: str | Path) -> list[tuple[int, Any, str | None]]:
    """Each non-blank line of a JSON-lines file as ``(line number (1-based), value, problem)``:
    the parsed value and ``None``, or ``None`` and ``"not JSON (<reason>)"`` — so a reader can
    list every bad line at once, naming its number."""
    rows: list[tuple[int, Any, str | None]] = []
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            rows.append((number, json.loads(raw), None))
        except json.JSONDecodeError as exc:
            rows.append((number, None, f"not JSON ({exc.msg})"))
    return rows


def text_sha256(text: str) -> str:
    """sha256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: str | Path) -> str:
    """sha256 hex digest of a file's bytes (read in 1 MiB blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_missing(value: Any) -> bool:
    """True for ``None``, a float NaN (also numpy floats), ``pd.NA``, ``pd.NaT`` and numpy NaT;
    False for everything else, including containers (never raises on arrays)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(value != value)  # NaN is the only value unequal to itself
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return False

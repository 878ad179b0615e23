"""Validation of notebook parameters: one clear line, never a traceback wall.

Each notebook's first cell after ``parameters`` calls these checks. A bad value raises
:class:`ParameterError`, whose IPython rendering is a single line naming the parameter, the
value and the reason; papermill then marks the notebook failed and exits non-zero.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.core.errors import CrosspressError
from helpers.core.io import atomic_write_text
from helpers.core.paths import display_path, resolve_path
from helpers.report.display import language_name

__all__ = [
    "ParameterError",
    "check_type",
    "check_choice",
    "check_int_range",
    "check_existing_path",
    "check_output_dir",
    "GROUP_COLUMNS_EXCLUDED",
    "check_groups",
    "check_gold_documents",
]


class ParameterError(CrosspressError, ValueError):
    """A notebook parameter is wrong. The message names parameter, value and reason."""


def check_type(name: str, value: Any, expected: type | tuple[type, ...]) -> Any:
    """Raise unless ``value`` is an instance of ``expected`` (bool is never an int here)."""
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        ok = False
    else:
        ok = isinstance(value, types)
    if not ok:
        wanted = " or ".join(t.__name__ for t in types)
        raise ParameterError(
            f"parameter '{name}': expected {wanted}, got {type(value).__name__} {value!r}"
        )
    return value


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Raise unless ``value`` is one of ``choices``."""
    options = list(choices)
    if value not in options:
        raise ParameterError(
            f"parameter '{name}': {value!r} is not one of {', '.join(map(repr, options))}"
        )
    return value


def check_int_range(name: str, value: Any, low: int, high: int | None = None) -> int:
    """Raise unless ``value`` is an int with ``low <= value <= high``."""
    check_type(name, value, int)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ParameterError(f"parameter '{name}': {value} must be {bound}")
    return int(value)


def check_existing_path(name: str, value: Any, kind: str = "any") -> Path:
    """Resolve ``value`` from the project root; raise unless it exists (as ``kind``).

    ``kind`` is ``"file"``, ``"dir"`` or ``"any"``. Glob patterns are accepted for ``any``
    when at least one path matches.
    """
    check_type(name, value, (str, Path))
    if str(value).strip() == "":
        raise ParameterError(f"parameter '{name}': empty path")
    path = resolve_path(value)
    if kind == "any" and any(ch in str(value) for ch in "*?["):
        matches = sorted(path.parent.glob(path.name)) if path.parent.exists() else []
        if not matches:
            raise ParameterError(f"parameter '{name}': glob {str(value)!r} matches no file")
        return path
    if not path.exists():
        raise ParameterError(
            f"parameter '{name}': {str(value)!r} does not exist (looked at {display_path(path)})"
        )
    if kind == "file" and not path.is_file():
        raise ParameterError(f"parameter '{name}': {display_path(path)} is not a file")
    if kind == "dir" and not path.is_dir():
        raise ParameterError(f"parameter '{name}': {display_path(path)} is not a folder")
    return path


def check_output_dir(name: str, value: Any) -> Path:
    """Resolve an output folder, create it, and prove it is writable (one clear error if not)."""
    check_type(name, value, (str, Path))
    if str(value).strip() == "":
        raise ParameterError(f"parameter '{name}': empty path")
    path = resolve_path(value)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-probe-{__import__('os').getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ParameterError(
            f"parameter '{name}': cannot write to {display_path(path)}: {reason}"
        ) from None
    return path


#: documents columns that make no sense as a grouping (free text, per-document identifiers).
GROUP_COLUMNS_EXCLUDED = frozenset(
    {"doc_id", "source", "text", "text_raw", "title", "url", "removed_lines", "published_raw"}
)
_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*$")


def _key(text: Any) -> str:
    """Matching form of a displayed value: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _value_forms(
    documents: pd.DataFrame, column: str, aliases: Mapping[str, Iterable[str]] | None
) -> dict[str, str]:
    """Every displayed form of each value of ``column`` (matching key → stored value).

    A value is accepted as stored, without a trailing parenthesis (``Techno Plus (تكنو بلس)`` →
    ``Techno Plus``), under its aliases (outlet names as detected in the text, outlets.yaml
    aliases) and, for language columns, under its English name (``he`` → ``Hebrew``).
    """
    forms: dict[str, str] = {}
    values = documents[column].astype(object).where(documents[column].notna(), "unknown")
    for value in dict.fromkeys(map(str, values)):
        candidates = [value, _PAREN_RE.sub("", value), *(aliases or {}).get(value, ())]
        if column.endswith("lang") or column.endswith("language"):
            candidates.append(language_name(value) or value)
        for form in candidates:
            forms.setdefault(_key(form), value)
    if column == "outlet_name" and "outlet" in documents.columns:
        for raw, name in zip(documents["outlet"].astype(object), documents[column].astype(object)):
            if raw is not None and not pd.isna(raw) and name is not None and not pd.isna(name):
                forms.setdefault(_key(raw), str(name))
    return forms


def check_groups(
    documents: pd.DataFrame,
    group_by: Any,
    group_a: Any,
    group_b: Any,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> tuple[str, str]:
    """Check ``group_by`` is a documents column and ``group_a``/``group_b`` two different values
    of it; return the two values as stored.

    Values are accepted in any displayed form (see :func:`_value_forms`). A wrong value raises
    :class:`ParameterError` listing the values found with their article counts.
    """
    for name, value in (("group_by", group_by), ("group_a", group_a), ("group_b", group_b)):
        check_type(name, value, str)
    columns = [c for c in documents.columns if c not in GROUP_COLUMNS_EXCLUDED]
    if group_by not in documents.columns or group_by in GROUP_COLUMNS_EXCLUDED:
        raise ParameterError(
            f"parameter 'group_by': {group_by!r} is not a column to group documents by; "
            f"choose one of {', '.join(columns)}"
        )
    forms = _value_forms(documents, group_by, aliases)
    counts = (
        documents[group_by].astype(object).where(documents[group_by].notna(), "unknown").astype(str)
    ).value_counts()
    found = ", ".join(
        f"{value!r} ({n} article{'s' if n != 1 else ''})"
        for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    resolved = []
    for name, value in (("group_a", group_a), ("group_b", group_b)):
        stored = forms.get(_key(value))
        if stored is None:
            raise ParameterError(
                f"parameter '{name}': {value!r} is not a value of {group_by} in this run; "
                f"values found: {found}"
            )
        resolved.append(stored)
    if resolved[0] == resolved[1]:
        raise ParameterError(
            f"parameters 'group_a' and 'group_b' both name {resolved[0]!r}; "
            f"choose two different values of {group_by}: {found}"
        )
    return resolved[0], resolved[1]


def check_gold_documents(
    gold_path: Path | None, documents: pd.DataFrame, out_path: Path
) -> tuple[Path | None, str | None]:
    """Keep the gold lines whose document is in the run.

    Returns ``(path, note)``: ``path`` is ``gold_path`` itself when every gold document is in
    the run, a copy holding only the lines of the documents present (written to ``out_path``)
    when some are missing, and ``gold_path`` unchanged when none is present (the evaluation
    then says it skips) or None when no gold was asked for. ``note``
    is one line saying how many gold documents are not in the run and that ``gold=""`` skips
    the evaluation (None when nothing is missing).
    """
    if gold_path is None:
        return None, None
    sources = set(documents["source"].astype(str))
    sources |= {Path(s).name for s in sources}
    kept, missing = [], set()
    lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
    for raw in lines:
        if not raw.strip():
            continue
        try:
            source = str(json.loads(raw).get("source"))
        except (json.JSONDecodeError, AttributeError):
            kept.append(raw)  # malformed: let the gold reader report it
            continue
        if source in sources or Path(source).name in sources:
            kept.append(raw)
        else:
            missing.add(source)
    if not missing:
        return gold_path, None
    n_docs = len(missing)
    shown = ", ".join(sorted(missing)[:3]) + (" …" if len(missing) > 3 else "")
    if not kept:  # nothing to evaluate on: the evaluation cell says it skips
        return gold_path, None
    text = "\n".join(kept) + "\n"
    atomic_write_text(out_path, text)
    return out_path, (
        f"gold: {n_docs} document{'s' if n_docs != 1 else ''} of {display_path(gold_path)} "
        f"{'are' if n_docs != 1 else 'is'} not in this run "
        f"({shown}) — evaluating on the {len(kept)} gold lines of the documents present; "
        f'gold="" skips the evaluation'
    )

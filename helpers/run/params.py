"""Validation of notebook parameters: one clear line, never a traceback wall.

Each notebook's first cell after ``parameters`` calls these checks. A bad value raises
:class:`ParameterError`, whose IPython rendering is a single line naming the parameter, the
value and the reason; papermill then marks the notebook failed and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers.core.errors import CrosspressError
from helpers.core.paths import display_path, resolve_path

__all__ = [
    "ParameterError",
    "check_type",
    "check_choice",
    "check_int_range",
    "check_existing_path",
    "check_output_dir",
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

"""Project paths: everything resolves from the project root, whatever the working directory.

papermill's ``--cwd`` and JupyterLab's notebook folder both change the working directory;
analysts should not have to care. A relative path given as a parameter is read relative to
the project root (the folder holding ``helpers/``), an absolute path is kept.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_ROOT", "resolve_path", "display_path"]

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]


def resolve_path(path: str | Path) -> Path:
    """Return ``path`` as an absolute path, relative paths taken from the project root."""
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    return (PROJECT_ROOT / candidate).resolve()


def display_path(path: str | Path) -> str:
    """Return ``path`` relative to the project root when it lies inside it (for messages)."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return absolute.as_posix()

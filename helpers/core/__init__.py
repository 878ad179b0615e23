"""Plumbing shared by every stage: project paths.

The public names of the modules below are re-exported here."""

from helpers.core.paths import (
    PROJECT_ROOT,
    display_path,
    resolve_path,
)

__all__ = [
    "PROJECT_ROOT",
    "resolve_path",
    "display_path",
]

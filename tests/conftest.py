"""Shared test fixtures: project paths and the seed corpus.

Our ``tests/`` has no ``__init__.py`` on purpose: hebrew_tokenizer installs a top-level
``tests`` package into site-packages, and pytest's rootdir-based imports of these basename
modules keep ours first (tests/test_environment.py checks it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
# the project root on sys.path whatever the runner: the tests import the benchmarks' reference
# wrappers (bench._hebrew_tokenizer), which are not part of the shipped helpers package
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "000")."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    assert len(matches) == 1, f"expected one seed {prefix}_*.txt, found {matches}"
    return matches[0]

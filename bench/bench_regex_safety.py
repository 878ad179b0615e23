"""Measure the two regex-safety checks of :mod:`helpers.claims.regex_safety` on adversarial
raw regexes: the static parse-tree check (stdlib ``re._parser``) and the ``regex`` module's
``timeout=`` on the fixed probe strings. Prints, per pattern, whether each check refuses it
and what it costs. The first four are the adversarial patterns of
``tests/claims/test_codebook.py``, the next two textbook ones; the last one is a benign
pattern of the codebook kind (both checks must pass it).

Run: ``.venv/bin/python bench/bench_regex_safety.py``. Result (2026-11, Python 3.11): neither
check alone refuses all of them — the static check misses ``(?:[^!]*a){8}z`` (bounded
repeats), the timeout misses ``(ש+)+ת``, ``(ש|ש)*ת`` and ``(.*)*x`` (the probes are not the
inputs that make them explode) — so the loader runs both.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.claims import regex_safety as rs  # noqa: E402

__all__ = ["PATTERNS", "measure", "main"]

PATTERNS: tuple[str, ...] = (
    r"(ש+)+ת",
    r"(ש|ש)*ת",
    r"(.*)*x",
    r"(?:[^!]*a){8}z",
    r"(a|aa)+$",
    r"(\w+\s?)+$",
    r"(?:ال)?قناه\s*\(?12\)?",
)


def measure(pattern: str) -> dict[str, object]:
    """Which check refuses ``pattern``, and the milliseconds each takes."""
    compiled = regex.compile(pattern)
    t0 = time.perf_counter()
    timed_out = rs.too_slow_on_probes(compiled)
    timeout_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    try:
        static = rs._static_backtracking(rs._sre_parse.parse(pattern).data) is not None
    except re.error:
        static = False
    static = static or rs._overlapping_repeated_alternation(pattern)
    static_ms = (time.perf_counter() - t0) * 1000
    return {
        "pattern": pattern,
        "static_refuses": static,
        "static_ms": round(static_ms, 2),
        "timeout_refuses": timed_out,
        "timeout_ms": round(timeout_ms, 1),
    }


def main() -> None:
    """Print one row per pattern."""
    for pattern in PATTERNS:
        print(measure(pattern))


if __name__ == "__main__":
    main()

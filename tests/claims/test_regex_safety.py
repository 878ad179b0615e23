"""The probe check of raw codebook regexes counts CPU time, not wall time."""

from __future__ import annotations

import itertools
import time

import pytest
import regex

from helpers.claims import regex_safety


def test_a_linear_pattern_passes_the_probes() -> None:
    # a variable-width look-behind of the project codebook's kind: linear, and fast on CPU
    compiled = regex.compile(r"(?<![\p{L}\p{M}])(?<!בין\s{1,3}\S{1,40}\s{1,3})[וש]?לטהרן")
    assert not regex_safety.too_slow_on_probes(compiled)


def test_a_polynomial_pattern_is_too_slow() -> None:
    assert regex_safety.too_slow_on_probes(regex.compile(r"(?:[^!]*a){8}z"))


def test_only_cpu_time_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search that the clock says took long (a loaded machine) but the thread's CPU clock says
    took nothing passes; one whose CPU time is over the budget fails."""
    compiled = regex.compile("x")
    wall_slow = itertools.count(step=0.0)  # CPU clock never advances
    monkeypatch.setattr(time, "thread_time", lambda: next(wall_slow))
    assert not regex_safety.too_slow_on_probes(compiled)
    cpu_slow = itertools.count(step=regex_safety.REGEX_PROBE_TIMEOUT_S * 2)
    monkeypatch.setattr(time, "thread_time", lambda: next(cpu_slow))
    assert regex_safety.too_slow_on_probes(compiled)

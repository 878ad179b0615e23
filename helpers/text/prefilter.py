"""A fast, exact prefilter for Python regexes over many texts: Polars' Rust regex engine says
where a pattern *cannot* match, Python's ``re`` decides everywhere else.

Python's ``re`` scans slowly for case-insensitive, ``\\b``- or ``^``-led patterns (it has no
literal to jump to); the Rust ``regex`` engine behind ``polars.Series.str.contains`` scans all
the texts of a batch at once, many times faster. The two engines read a few things
differently, so the Rust answer is only trusted where they provably agree:

* the text holds only :data:`RUST_SAFE_CHARS` (ASCII letters, digits, punctuation, space, tab
  and line feed; the Hebrew letters and geresh/gershayim; the basic Arabic letters and
  Arabic-Indic digits; ، ؛ ؟). On them ``\\w``, ``\\s``, ``\\d``, ``\\b``, ``.`` and
  case-insensitive matching mean the same in both engines: the case pairs only Python adds
  (``i``/``ı``, ``s``/``ſ``, ``k``/``K``) and the separators only Python's ``\\s`` matches
  (``\\x1c``–``\\x1f``) need a character outside the set;
* for a pattern with a ``$`` that is not (or not surely) in multi-line mode, the text does
  not end with a line break (Python's ``$`` also matches before a final one, Rust's only at
  the very end; in multi-line mode both match before every line break);
* the pattern is made of those characters, has no verbose flag and no ``[[``, ``&&``, ``--``
  or ``~~`` (class set operations in Rust), and Rust compiles it (no look-around,
  back-references, possessive quantifiers …): :func:`rust_prefilter`.

Everywhere else :func:`may_match` says "may match", so a caller that runs ``re`` wherever it
says so gets exactly ``re``'s result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import polars as pl

__all__ = ["PREFILTER_MIN_TEXTS", "RUST_SAFE_CHARS", "may_match", "rust_prefilter"]

#: Callers search fewer texts than this with ``re`` alone (Polars' per-call cost would
#: exceed the scan it saves).
PREFILTER_MIN_TEXTS: int = 16

#: Characters on which Python's ``re`` and Polars' Rust regex engine read every construct
#: both compile alike (see the module docstring).
RUST_SAFE_CHARS: frozenset[str] = frozenset(
    "\t\n"
    + "".join(map(chr, range(0x20, 0x7F)))
    + "".join(map(chr, range(0x5D0, 0x5EB)))
    + "".join(map(chr, range(0x5F0, 0x5F5)))
    + "".join(map(chr, range(0x621, 0x63B)))
    + "".join(map(chr, range(0x641, 0x64B)))
    + "".join(map(chr, range(0x660, 0x66A)))
    + "\u060c\u061b\u061f"
)
# The same set as a Rust character class (negated: a character outside it).
_RUST_UNSAFE_RE = (
    r"[^\t\n\x{20}-\x{7E}\x{5D0}-\x{5EA}\x{5F0}-\x{5F4}\x{621}-\x{63A}\x{641}-\x{64A}"
    r"\x{660}-\x{669}\x{60C}\x{61B}\x{61F}]"
)
_RUST_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s"}


@lru_cache(maxsize=256)
def rust_prefilter(pattern: re.Pattern[str]) -> str | None:
    """The Rust form of ``pattern`` (its global flags inline, then its text) when it can serve
    as a prefilter on safe texts (see the module docstring), else None."""
    text = pattern.pattern
    if not set(text) <= RUST_SAFE_CHARS or any(
        marker in text for marker in ("(?x", "[[", "&&", "--", "~~")
    ):
        return None
    if pattern.flags & ~(re.UNICODE | re.IGNORECASE | re.MULTILINE | re.DOTALL):
        return None  # verbose, ASCII-only, locale
    # the global flags, from re.compile or the pattern's own leading (?…): Rust reads them first
    inline = "".join(letter for flag, letter in _RUST_FLAGS.items() if pattern.flags & flag)
    rust = f"(?{inline}){text}" if inline else text
    try:
        pl.Series([""], dtype=pl.String).str.contains(rust)
    except pl.exceptions.PolarsError:
        return None
    return rust


def may_match(
    patterns: Sequence[re.Pattern[str]], texts: Sequence[str]
) -> dict[re.Pattern[str], np.ndarray]:
    """For each pattern, a boolean array over ``texts``: False only where ``pattern`` surely
    has no match in the text (``pattern.search(text) is None``); always True for a text
    outside :data:`RUST_SAFE_CHARS` (or ending with a line break, for a pattern whose ``$``
    may be single-line), and for a pattern :func:`rust_prefilter` refuses. All texts are
    scanned at once per pattern."""
    series = pl.Series(list(texts), dtype=pl.String)
    unsafe = series.str.contains(_RUST_UNSAFE_RE).to_numpy()
    unsafe_at_end = unsafe | series.str.ends_with("\n").to_numpy()
    may: dict[re.Pattern[str], np.ndarray] = {}
    for pattern in patterns:
        rust = rust_prefilter(pattern)
        if rust is None:
            may[pattern] = np.ones(len(texts), dtype=bool)
            continue
        single_line_end = "$" in pattern.pattern and (
            not pattern.flags & re.MULTILINE or "(?-" in pattern.pattern
        )
        may[pattern] = series.str.contains(rust).to_numpy() | (
            unsafe_at_end if single_line_end else unsafe
        )
    return may

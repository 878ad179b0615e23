"""helpers.text.prefilter: Polars' Rust regex rules texts out only where Python's re has no match."""

from __future__ import annotations

import re

from helpers.text.prefilter import may_match, rust_prefilter


def test_patterns_rust_cannot_read_alike_are_not_prefiltered() -> None:
    # the global flags first (here the pattern's own, once more), then the pattern
    assert rust_prefilter(re.compile(r"(?m)^וואלה!?$")) == "(?m)(?m)^וואלה!?$"
    assert rust_prefilter(re.compile(r"walla\.co", re.IGNORECASE)) == r"(?i)walla\.co"
    assert rust_prefilter(re.compile(r"(?<=x)walla")) is None  # look-behind
    assert rust_prefilter(re.compile("wałla")) is None  # outside the safe characters
    assert rust_prefilter(re.compile("walla", re.VERBOSE)) is None
    assert rust_prefilter(re.compile("x--y")) is None  # "--" is a set difference in a Rust class


def test_a_text_is_ruled_out_only_where_the_engines_agree() -> None:
    domain = re.compile(r"\bwalla\.co\.il\b", re.IGNORECASE)
    line_end = re.compile(r"walla$")
    texts = [
        "from walla.co.il today",  # a match
        "from xwalla.co.il today",  # no \b before the w: no match, ruled out
        "from walla.co.ıl today",  # re's case-insensitive i matches ı, Rust's does not
        "וואלה walla",  # $ at the end
        "וואלה walla\n",  # re's $ also matches before a final line break; Rust's does not
    ]
    expected_re = {
        domain: [True, False, True, False, False],
        line_end: [False, False, False, True, True],
    }
    for pattern, found in expected_re.items():
        assert [pattern.search(t) is not None for t in texts] == found
    may = may_match([domain, line_end], texts)
    # the ı text is never ruled out; the final line break matters only to a single-line $
    assert may[domain].tolist() == [True, False, True, False, False]
    assert may[line_end].tolist() == [False, False, True, True, True]
    multi_line_end = re.compile(r"(?m)walla$")
    assert may_match([multi_line_end], texts)[multi_line_end].tolist() == [
        False,
        False,
        True,
        True,
        True,
    ]

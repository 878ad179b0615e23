"""helpers.report.display.mention_evidence_html: escaped sentences, the claim span marked,
a line per mention, and how many were left out."""

from __future__ import annotations

import pandas as pd

from helpers.report.display import mention_evidence_html


def _evidence(n: int) -> pd.DataFrame:
    sentence = 'פוטין אמר <script>alert(1)</script> "ידידה נאמנה"'
    start = sentence.index("ידידה")
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "sent_idx": list(range(n)),
            "claim_id": ["LOYAL"] * n,
            "speaker": ["PUTIN"] * n,
            "hedged": [False] * n,
            "negated": [True] * n,
            "source": [f"{i:03d}.txt" for i in range(n)],
            "sentence": [sentence] * n,
            "span_start": [start] * n,
            "span_end": [start + len("ידידה נאמנה")] * n,
        }
    )


def test_mention_evidence_html_escapes_marks_and_counts_what_is_left_out() -> None:
    markup = mention_evidence_html(_evidence(3), limit=2)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert markup.count("<mark>ידידה נאמנה</mark>") == 2
    assert "LOYAL · speaker PUTIN · hedged=False negated=True · 000.txt §0" in markup
    assert "001.txt §1" in markup and "002.txt" not in markup
    assert "… 1 more mentions not shown" in markup


def test_mention_evidence_html_without_a_limit_hit_has_no_note() -> None:
    markup = mention_evidence_html(_evidence(2), limit=2)
    assert "more mentions not shown" not in markup

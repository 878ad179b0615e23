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


def test_review_round_html_shows_problems_per_file_and_the_agreement() -> None:
    from pathlib import Path

    from helpers.claims.review import ReviewImport, ReviewRound
    from helpers.report.display import review_round_html

    empty = pd.DataFrame()
    nothing = ReviewRound(Path("review"), [], [], None, empty)
    assert review_round_html(nothing) == ""
    clean = ReviewImport(empty, pd.DataFrame(columns=["problem"]), empty)
    broken = ReviewImport(empty, pd.DataFrame({"problem": ["offset <moved>"]}), empty)
    agreement = pd.DataFrame({"pair": ["tagger vs reviewer 1"], "alpha": [0.5]})
    markup = review_round_html(
        ReviewRound(
            Path("review"),
            [],
            [(Path("r1.csv"), clean), (Path("r2.csv"), broken)],
            agreement,
            empty,
        )
    )
    assert "problems in r2.csv" in markup and "problems in r1.csv" not in markup
    assert "offset &lt;moved&gt;" in markup and "<moved>" not in markup
    assert markup.index("problems in r2.csv") < markup.index("tagger vs reviewer 1")


def test_gold_evaluation_html_shows_scores_then_article_false_positives() -> None:
    from helpers.claims.evaluate import GoldEvaluation
    from helpers.report.display import gold_evaluation_html

    assert gold_evaluation_html(GoldEvaluation("gold = '': no evaluation requested")) == ""
    scores = pd.DataFrame({"lang": ["he"], "claim_id": ["ALL"], "precision": [0.5]})
    articles = pd.DataFrame({"lang": ["he"], "fp_unjudged": [3]})
    markup = gold_evaluation_html(GoldEvaluation("…", scores, articles, 2))
    assert markup.index("ALL") < markup.index("false positives over whole articles")
    assert markup.index("false positives over whole articles") < markup.rindex("<table")


def test_show_displays_nothing_for_empty_markup(capsys, monkeypatch) -> None:
    import IPython.display

    from helpers.report.display import show

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    show("")
    assert shown == []
    show("<p>x</p>")
    assert len(shown) == 1


def test_table_or_note_shows_the_table_or_one_escaped_paragraph() -> None:
    from helpers.report.display import table_or_note

    rejects = pd.DataFrame({"source": ["a.txt"], "reason": ["empty"], "detail": ["<none>"]})
    markup = table_or_note(rejects, "No rejects.", columns=["source", "reason"])
    assert "<table" in markup and "a.txt" in markup and "&lt;none&gt;" not in markup
    assert table_or_note(rejects.iloc[0:0], "No <rejects>.") == "<p>No &lt;rejects&gt;.</p>"
    assert table_or_note(rejects.iloc[0:0], "") == ""


def test_tagger_error_html_says_plainly_when_there_is_no_reviewed_sample() -> None:
    from helpers.report.display import NO_VALIDATION_SAMPLE, tagger_error_html

    corrected = pd.DataFrame({"claim_id": ["X"], "corrected": [False]})
    captions = {"cmp_tagger_error": "error rates", "cmp_corrected": "corrected contrast"}
    none = tagger_error_html(pd.DataFrame(columns=["claim_id"]), corrected, captions)
    assert none == f"<p>{NO_VALIDATION_SAMPLE}</p>" and "<table" not in none
    errors = pd.DataFrame({"claim_id": ["X"], "sensitivity": [0.5]})
    both = tagger_error_html(errors, corrected, captions)
    assert both.index("error rates") < both.index("corrected contrast")
    assert "assumes a perfect tagger" not in both

"""The plain summary of notebook 03 names the test the design uses (the outlet-level
permutation test when outlets nest in the groups, not Fisher on articles) and the groups by
the codebook's labels, not their codes."""

from __future__ import annotations

import re

import pandas as pd

from helpers.stance import compare, contrast
from helpers.stance.summary import comparison_summary, corrected_summary

LABELS = {"he": "Hebrew press", "ar": "Arabic press"}
CLAIMS = pd.DataFrame({"claim_id": ["X"], "en": ["x"], "frame": ["f"]})
# 3 Hebrew articles from 3 outlets, 2 Arabic from 2: claim X in both Arabic articles only.
DOCS = pd.DataFrame(
    {
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "lang": ["he", "he", "he", "ar", "ar"],
        "outlet_name": ["Walla", "Epoch", "TRT Hebrew", "Al Mayadeen", "Techno Plus"],
        "published": ["2026-03-21", "2024-10-24", "2025-12-31", "2025-05-01", "2025-05-14"],
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["d4", "d5"],
        "sent_idx": [0, 0],
        "claim_id": ["X", "X"],
        "negated": [False, False],
        "speaker": ["OUTLET", "OUTLET"],
        "hedged": [False, False],
    }
)


def _summary() -> list[str]:
    tables = {
        "prevalence": compare.prevalence(DOCS, MENTIONS, CLAIMS, by="lang"),
        "contrast": contrast.two_group_contrast(
            DOCS, MENTIONS, CLAIMS, by="lang", a="he", b="ar", n_boot=200, seed=1
        ),
    }
    return comparison_summary(DOCS, tables, "lang", "he", "ar", group_labels=LABELS)


def test_the_design_sentence_names_groups_by_their_labels_and_the_table_keeps_codes() -> None:
    design = contrast.comparison_design(DOCS, "lang", "he", "ar")
    assert design.sentence(LABELS) == (
        "3 Hebrew press vs 2 Arabic press articles from 3 vs 2 outlets: the outlet is the unit "
        "for a lang-level question, and 3 vs 2 outlets allow only 10 labellings, so no test "
        "can reach p < 0.05 (smallest possible p = 0.1). These articles cannot support any "
        "conclusion about Hebrew press vs Arabic press outlets in general; the shares "
        "describe these articles only."
    )
    assert design.sentence().startswith("3 he vs 2 ar articles from 3 vs 2 outlets")


def test_summary_names_the_outlet_permutation_test_and_the_labels() -> None:
    """0/3 Hebrew vs 2/2 Arabic: Wilson 0/3 → 0%–56%, 2/2 → 34%–100%; 3 vs 2 outlets give
    10 labellings, so the outlet permutation test can reach no p below 1/10 = 0.1."""
    lines = _summary()
    text = "\n".join(lines)
    assert "Fisher" not in text
    assert not re.search(r"\b(he|ar)\b", text), text
    assert lines[0].startswith("3 Hebrew press vs 2 Arabic press articles from 3 vs 2 outlets")
    assert not any(line.startswith("Very small sample") for line in lines)
    assert (
        "X: 0/3 Hebrew press articles (0%, 95% CI 0%–56%) vs 2/2 Arabic press (100%, "
        "34%–100%); cannot reach significance with 3 vs 2 outlets (test: outlet permutation; "
        "smallest possible p = 0.1)."
    ) in lines
    assert (
        "No claim differs significantly between Hebrew press and Arabic press after Holm over "
        "the 1 tested claims (outlet permutation test, outlets as the unit)."
    ) in lines


def test_the_contrast_table_keeps_its_conclusion_with_codes_and_counts() -> None:
    table = contrast.two_group_contrast(
        DOCS, MENTIONS, CLAIMS, by="lang", a="he", b="ar", n_boot=200, seed=1
    )
    assert table.loc[0, "conclusion"] == (
        "cannot reach significance with 3 vs 2 outlets (he 0/3 vs ar 2/2; smallest possible "
        "p = 0.1)"
    )


def test_corrected_summary_names_groups_by_their_labels() -> None:
    corrected = pd.DataFrame(
        {
            "claim_id": ["X"],
            "corrected": [True],
            "share_a": [0.2],
            "share_b": [0.5],
            "diff": [-0.3],
            "diff_low": [-0.6],
            "diff_high": [0.0],
        }
    )
    assert corrected_summary(corrected, "he", "ar", labels=LABELS) == [
        "X corrected for tagger error: Hebrew press 20% vs Arabic press 50%, difference -30 "
        "points (95% CI -60 to +0, carrying the validation sample's uncertainty)."
    ]


def test_summary_labels_and_table_captions_come_from_the_codebook_and_the_caption_list(
    project_root,
) -> None:
    from helpers.claims.codebook import load_codebook
    from helpers.stance.summary import summary_labels
    from helpers.stance.tables import TABLE_CAPTIONS, table_captions

    cb = load_codebook(project_root / "codebook" / "russia_iran.yaml")
    by_lang = summary_labels(cb, "lang")
    assert by_lang["story"] == cb.title and by_lang["frame_labels"] == cb.frame_labels
    assert by_lang["group_labels"] == cb.language_labels
    assert summary_labels(cb, "outlet_name")["group_labels"] is None
    captions = table_captions(["contrast", "no_such_table"])
    assert captions == {"cmp_contrast": TABLE_CAPTIONS["cmp_contrast"], "cmp_no_such_table": ""}

"""A codebook with new frames, actor kinds and claim ids (the Gaza ceasefire story) validates
and drives the figures and the summary: legend labels, colours, order and display words all
come from the YAML."""

from __future__ import annotations

from pathlib import Path

import matplotlib.colors as mcolors
import pandas as pd

from helpers.claims.codebook import load_codebook
from helpers.report import figures as F
from helpers.stance import compare, contrast, per_article
from helpers.stance.summary import comparison_summary


def _story(project_root: Path):
    cb = load_codebook(project_root / "codebook" / "gaza_ceasefire.yaml")
    documents = pd.DataFrame(
        {
            "doc_id": ["h1", "h2", "a1", "a2"],
            "lang": ["he", "he", "ar", "ar"],
            "outlet_name": ["Kan News", "Srugim", "Masrawy", "Al Bayan"],
        }
    )
    rows = [  # (doc, claim, speaker)
        ("h1", "HAMAS_VIOLATES", "OUTLET"),
        ("h1", "BODIES_RETURN", "OUTLET"),
        ("h2", "MEDIATION_EFFORT", "QATAR_PM"),
        ("a1", "IL_VIOLATES", "HAMAS_SPOKESMAN"),
        ("a1", "BODIES_RETURN", "MEDIA:REUTERS"),
        ("a2", "PRESSURE_ON_ISRAEL", "TRUMP"),
    ]
    mentions = pd.DataFrame(
        [
            {
                "doc_id": d,
                "sent_idx": i,
                "claim_id": c,
                "start": 0,
                "end": 1,
                "speaker": s,
                "hedged": False,
                "negated": False,
                "method": "rule",
            }
            for i, (d, c, s) in enumerate(rows)
        ]
    )
    return cb, documents, mentions


def test_story_codebook_declares_its_own_frames_kinds_and_claims(project_root: Path) -> None:
    cb, _, _ = _story(project_root)
    assert [f.id for f in cb.frames] == [
        "deal-terms",
        "violations",
        "obstruction",
        "mediation",
        "security",
        "humanitarian",
    ]
    assert {a.kind for a in cb.actors.values()} == {
        "state",
        "institution",
        "armed-group",
        "civil-society",
        "person",
    }
    assert cb.actors["HAMAS"].kind == "armed-group"
    assert len(cb.claims) >= 8 and len(cb.actors) >= 8 and len(cb.media) >= 8
    assert cb.title == "Gaza ceasefire and hostage–prisoner exchange"


def test_frames_figure_uses_the_codebooks_labels_colours_and_order(project_root: Path) -> None:
    cb, documents, mentions = _story(project_root)
    claims = compare.claims_frame(cb.claims)
    frames = compare.frame_composition(documents, mentions, claims, by="outlet_name")
    fig = F.fig_frames(frames, frame_labels=cb.frame_labels, frame_colours=cb.frame_colours)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(cb.frame_labels.values())  # every frame, in the codebook's order
    handles = ax.get_legend().legend_handles
    colours = [mcolors.to_hex(h.get_facecolor()).upper() for h in handles]
    assert colours == [cb.frame_colours[f].upper() for f in cb.frame_labels]


def test_prevalence_and_voices_take_the_language_labels(project_root: Path) -> None:
    cb, documents, mentions = _story(project_root)
    claims = compare.claims_frame(cb.claims)
    prevalence = compare.prevalence(documents, mentions, claims, by="lang", n_boot=100, seed=1)
    fig = F.fig_prevalence(prevalence, group_labels=cb.language_labels)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Arabic press (n=2 articles)", "Hebrew press (n=2 articles)"]
    voices = compare.voices(documents, mentions, by="lang")
    ticks = [
        t.get_text()
        for t in F.fig_voices(voices, group_labels=cb.language_labels).axes[0].get_yticklabels()
    ]
    assert ticks == ["Arabic press\n(3 mentions)", "Hebrew press\n(3 mentions)"]


def test_summary_speaks_the_storys_words(project_root: Path) -> None:
    cb, documents, mentions = _story(project_root)
    claims = compare.claims_frame(cb.claims)
    tables = {
        "prevalence": compare.prevalence(documents, mentions, claims, by="lang"),
        "contrast": contrast.two_group_contrast(
            documents, mentions, claims, by="lang", a="he", b="ar", n_boot=200, seed=1
        ),
        "frames_group": compare.frame_composition(documents, mentions, claims, by="lang"),
        "voices_article": per_article.article_voices(documents, mentions, by="lang"),
    }
    lines = comparison_summary(
        documents,
        tables,
        "lang",
        "he",
        "ar",
        story=cb.title,
        group_labels=cb.language_labels,
        frame_labels=cb.frame_labels,
    )
    text = "\n".join(lines)
    # 5 distinct claims among the 6 mentions (BODIES_RETURN twice)
    assert "5 of 13 claims of the Gaza ceasefire and hostage–prisoner exchange codebook" in text
    assert "HAMAS_VIOLATES: 1/2 Hebrew press articles" in text
    # Hebrew: HAMAS_VIOLATES, BODIES_RETURN, MEDIATION_EFFORT — one claim in each of 3 frames
    assert (
        "Frames among the 3 article-claims found in Hebrew press: The deal and its terms 33%, "
        "Mediation and pressure 33%, Who breaks the ceasefire 33%."
    ) in text
    assert "deal-terms" not in text and "violations" not in text


def test_report_runner_passes_a_storys_codebook_and_gold_to_02_to_04() -> None:
    from helpers.report.runner import notebook_parameters

    default = notebook_parameters("seeds", "seeds")
    assert "codebook" not in default["02_annotate_claims"]  # the notebooks' own defaults
    story = notebook_parameters(
        "corpora/gaza_ceasefire", "gaza", None, "codebook/gaza_ceasefire.yaml", "g.jsonl"
    )
    assert story["01_ingest"] == {"corpus": "corpora/gaza_ceasefire", "run_dir": "runs/gaza"}
    for name in ("02_annotate_claims", "03_compare_stance", "04_figures"):
        assert story[name]["codebook"] == "codebook/gaza_ceasefire.yaml"
    assert story["02_annotate_claims"]["gold"] == "g.jsonl"
    assert "gold" not in story["03_compare_stance"]
    assert story["04_figures"]["figures_dir"] == "runs/gaza/figures"


def test_timeline_legend_takes_the_language_labels(project_root: Path) -> None:
    cb, documents, mentions = _story(project_root)
    dated = documents.assign(published=["2025-10-09", "2025-10-20", "2025-10-15", "2025-10-04"])
    fig = F.fig_timeline(dated, mentions, by="lang", group_labels=cb.language_labels)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sorted(legend) == ["Arabic press (2 dated)", "Hebrew press (2 dated)"]

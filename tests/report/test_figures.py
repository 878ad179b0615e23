"""Tests for helpers.report.figures: figure contents, reproducible files, manifest, RTL rendering."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

from helpers.report import figures as F
from helpers.stance import compare as C
from helpers.stance import log_odds as LO

BASELINE_DIR = Path(__file__).resolve().parent / "baseline_images"

DOCS = pd.DataFrame(
    {
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "source": ["000_a.txt", "002_b.txt", "004_c.txt", "001_d.txt", "003_e.txt"],
        "lang": ["he", "he", "he", "ar", "ar"],
        "outlet": ["Walla", "Epoch Magazine Hebrew", "TRT Hebrew", None, "Techno Plus"],
        "published": ["2026-03-21", "2024-10-24", "2025-12-31", None, "2025-05-14"],
    }
)
# Sentences quoted from the seeds (000 Walla, 003 Techno Plus).
HE_SENT = (
    "נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן לרגל חג הנורוז - השנה הפרסית החדשה "
    '- ואמר כי מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן - כך מסר הקרמלין.'
)
AR_SENT = "وأكد أن موسكو “تثمن شراكتها الوثيقة مع طهران في مختلف المجالات”."
SENTS = pd.DataFrame(
    {
        "doc_id": ["d1", "d5"],
        "sent_idx": [4, 3],
        "start": [0, 0],
        "end": [len(HE_SENT), len(AR_SENT)],
        "text": [HE_SENT, AR_SENT],
    }
)
_HE_AT = HE_SENT.index("ידידה נאמנה")
_AR_AT = AR_SENT.index("شراكتها الوثيقة")
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["d1", "d5", "d4", "d2"],
        "sent_idx": [4, 3, 0, 0],
        "claim_id": ["RU_LOYAL_PARTNER", "RU_LOYAL_PARTNER", "RU_LOYAL_PARTNER", "RU_BROKER"],
        "start": [_HE_AT, _AR_AT, 0, 0],
        "end": [_HE_AT + len("ידידה נאמנה"), _AR_AT + len("شراكتها الوثيقة"), 5, 5],
        "cue": ["ידידה נאמנה", "شراكتها الوثيقة", "x", "y"],
        "negated": [False, False, False, False],
        "hedged": [False, False, False, True],
        "hedge_cue": [None, None, None, "לפי דיווח"],
        "speaker": ["PUTIN", "PESKOV", "OUTLET", "MEDIA:AMWAJ"],
        "method": ["rule"] * 4,
        "codebook_version": [1] * 4,
    }
)
CLAIMS = pd.DataFrame(
    {
        "claim_id": ["RU_LOYAL_PARTNER", "RU_BROKER"],
        "en": [
            "Russia is, or declares itself, a loyal friend / reliable partner of Iran",
            "Russia mediates between Israel and Iran",
        ],
        "frame": ["alliance-strong", "broker"],
    }
)


def _texts(fig: Figure) -> list[str]:
    """Every text string drawn in ``fig`` (figure texts, axes texts, ticks, legends)."""
    out = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        out += [ax.get_title(loc) for loc in ("left", "center", "right")]
        out += [ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
    return out


_BUILDERS = {
    "prevalence": lambda: F.fig_prevalence(C.prevalence(DOCS, MENTIONS, CLAIMS, n_boot=200)),
    "frames": lambda: F.fig_frames(C.frame_composition(DOCS, MENTIONS, CLAIMS, by="outlet")),
    "voices": lambda: F.fig_voices(C.voices(DOCS, MENTIONS)),
    "timeline": lambda: F.fig_timeline(DOCS, MENTIONS),
    "evidence": lambda: F.fig_evidence(C.evidence_table(MENTIONS, SENTS, CLAIMS, DOCS)),
    "log_odds": lambda: F.fig_log_odds(
        LO.concept_log_odds(DOCS, MENTIONS, prior_n=2.0),
        {"claim:RU_LOYAL_PARTNER": "שותפה אמינה"},
    ),
}


# RTL text runs, a date axis and bars: the rerun test covers each kind (every figure is
# rerun byte-for-byte by tests/e2e/test_notebooks.py)
_RERUN = ("evidence", "timeline", "voices")


def _figure(name: str) -> Figure:
    """Build one figure afresh from the tables above."""
    return _BUILDERS[name]()


# --------------------------------------------------------------------------- contents


def test_prevalence_figure_shows_n_and_counts():
    texts = _texts(F.fig_prevalence(C.prevalence(DOCS, MENTIONS, CLAIMS, n_boot=200)))
    # RU_LOYAL_PARTNER: he d1 only (1/3), ar d4 + d5 (2/2)
    # language codes become language names (CLDR via babel), derived from the data
    assert "Hebrew (n=3 articles)" in texts and "Arabic (n=2 articles)" in texts
    assert "Claim prevalence by language" in texts
    assert "1/3" in texts and "2/2" in texts
    assert any(t.startswith("RU_LOYAL_PARTNER\n") for t in texts)


def test_timeline_lists_undated_documents():
    texts = _texts(F.fig_timeline(DOCS, MENTIONS))
    note = [t for t in texts if t.startswith("Without a publication date")]
    assert note == ["Without a publication date (1), not plotted: 001_d.txt"]


def test_evidence_highlights_the_span_as_its_own_run():
    fig = F.fig_evidence(C.evidence_table(MENTIONS, SENTS, CLAIMS, DOCS))
    bold = [
        t.get_text()
        for t in fig.texts
        if t.get_fontweight() == "bold" and t.get_bbox_patch() is not None
    ]
    # widened to whole words: the opening quote mark stays with its word
    assert bold == ['"ידידה נאמנה', "شراكتها الوثيقة"]
    texts = _texts(fig)
    assert any("loyal friend / reliable partner" in t for t in texts)  # English gloss
    # RTL sentences are laid out from the right edge
    runs = [t for t in fig.texts if t.get_text() == "شراكتها الوثيقة"]
    assert runs[0].get_horizontalalignment() == "right"


def test_truncate_around_keeps_span_and_words():
    text = " ".join(f"w{i}" for i in range(40))  # w0 w1 … w39
    start = text.index("w20")
    new, s, e = F.truncate_around(text, start + 1, start + 2, max_chars=20)  # inside "w20"
    assert new[s:e] == "w20"  # widened to the whole word
    assert new.startswith("… ") and new.endswith(" …")
    assert all(re.fullmatch(r"w\d+", w) for w in new.strip("… ").split(" "))
    assert len(new) <= 20 + 4
    multi = "שותפה\nאמינה של טהרן"
    assert F.truncate_around(multi, 6, 11) == ("שותפה אמינה של טהרן", 6, 11)
    short = "שותפה אמינה של טהרן"
    assert F.truncate_around(short, 0, 5) == (short, 0, 5)
    with pytest.raises(ValueError):
        F.truncate_around(short, 3, 99)


def test_log_odds_labels_english_with_original_script_examples_apart():
    fig = F.fig_log_odds(
        LO.concept_log_odds(DOCS, MENTIONS, prior_n=2.0),
        {"claim:RU_LOYAL_PARTNER": "שותפה אמינה"},
    )
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # articles: RU_LOYAL_PARTNER: he d1 (1), ar d4 + d5 (2); RU_BROKER: he d2 (1), ar 0
    assert sorted(ticks) == [
        "claim:RU_BROKER (Hebrew 1 vs Arabic 0)",
        "claim:RU_LOYAL_PARTNER (Hebrew 1 vs Arabic 2)",
    ]
    assert [t.get_text() for t in fig.axes[0].texts] == ["שותפה אמינה"]


def test_every_figure_is_displayable_in_a_notebook():
    # IPython's inline display skips a figure without axes
    for name in _BUILDERS:
        assert _figure(name).axes, name
    assert F.fig_rtl_sample().axes


def test_empty_tables_give_a_figure_not_an_error():
    empty_prev = C.prevalence(DOCS, MENTIONS.iloc[:0], None, n_boot=10)
    assert isinstance(F.fig_prevalence(empty_prev), Figure)
    assert "No claims found" in _texts(
        F.fig_evidence(C.evidence_table(MENTIONS.iloc[:0], SENTS, CLAIMS, DOCS))
    )


# --------------------------------------------------------------------------- saving


def test_save_figure_files_manifest_and_byte_identical_rerun(tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        for name in _RERUN:  # figures rebuilt from the tables each time
            paths = F.save_figure(
                _figure(name),
                out,
                name,
                caption=f"{name} caption",
                source_table=name,
                parameters={"n_boot": 200, "seed": 1},
                codebook_version=1,
            )
            assert [p.name for p in paths] == [f"{name}.png", f"{name}.svg", f"{name}.pdf"]
    files = sorted(p.name for p in first.iterdir())
    assert files == sorted(p.name for p in second.iterdir())
    assert not [f for f in files if f.endswith(".tmp") or f.startswith(".")]
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name

    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in manifest["figures"]]
    assert names == sorted(_RERUN)
    entry = manifest["figures"][names.index("evidence")]
    assert entry["caption"] == "evidence caption" and entry["codebook_version"] == 1
    assert entry["parameters"] == {"n_boot": 200, "seed": 1}
    for f in entry["files"]:
        data = (first / f["path"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest() and f["bytes"] == len(data)
    text = (first / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert not re.search(r"20\d\d-\d\d-\d\dT", text)  # no timestamps

    # saving again under the same name replaces the entry, it does not duplicate it
    F.save_figure(_figure("timeline"), first, "timeline", "new caption", "documents")
    again = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in again["figures"]] == names
    assert again["figures"][names.index("timeline")]["caption"] == "new caption"
    assert again["figures"][names.index("timeline")]["source_table"] == "documents"


def test_saved_files_carry_no_timestamps_and_svg_has_no_text(tmp_path: Path):
    paths = F.save_figure(_figure("evidence"), tmp_path, "evidence", "c", "evidence")
    png, svg, pdf = (p.read_bytes() for p in paths)
    assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png
    svg_text = svg.decode("utf-8")
    assert "<text" not in svg_text  # text drawn as paths
    assert "<dc:date>" not in svg_text
    assert pdf.startswith(b"%PDF") and b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_save_figure_rejects_bad_names(tmp_path: Path):
    with pytest.raises(ValueError, match="figure name"):
        F.save_figure(_figure("voices"), tmp_path, "../escape", "c", "t")


# --------------------------------------------------------------------------- RTL rendering


@pytest.mark.parametrize(
    "name,label,text",
    [
        ("rtl_hebrew", "Hebrew", "רוסיה ואיראן"),
        ("rtl_arabic", "Arabic", "روسيا وإيران"),
    ],
)
def test_rtl_rendering_matches_reference(tmp_path: Path, name: str, label: str, text: str):
    """The references were checked by eye: Hebrew reads right to left (רוסיה at the right
    edge), Arabic letters are joined and روسيا sits at the right edge."""
    expected = BASELINE_DIR / f"{name}.png"
    actual = tmp_path / f"{name}.png"
    with F.use_style():
        F.fig_rtl_sample({label: text}).savefig(actual, dpi=150, metadata={"Software": None})
    assert compare_images(str(expected), str(actual), tol=2) is None
    # the comparison can fail: the same letters in reversed logical order do not match
    wrong = tmp_path / f"{name}_reversed.png"
    with F.use_style():
        F.fig_rtl_sample({label: text[::-1]}).savefig(wrong, dpi=150, metadata={"Software": None})
    assert compare_images(str(expected), str(wrong), tol=2) is not None

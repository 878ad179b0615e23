"""Figures survive real data: a synthetic run with 20 outlets whose long Hebrew and Arabic names
carry English glosses, and 40 claims. Every figure must draw without a warning, keep every
piece of text inside its canvas, and put every group in its legend."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.report import figures as F
from helpers.report.display import value_label
from helpers.stance import compare as C
from helpers.stance import log_odds as LO

HE_NAMES = [
    "חדשות הערב של הגליל המערבי והעמקים",
    "הרשות הציבורית לשידורי רדיו וטלוויזיה",
    "מגזין הכלכלה והביטחון של ירושלים רבתי",
]
AR_NAMES = [
    "وكالة الأنباء العربية المستقلة للشرق الأوسط",
    "قناة الأخبار الدولية العاجلة من الخليج",
    "صحيفة الصباح الجديد للسياسة والاقتصاد",
]
N_OUTLETS, N_CLAIMS = 20, 40


def _outlet(i: int) -> tuple[str, str]:
    lang = "he" if i % 2 == 0 else "ar"
    base = (HE_NAMES if lang == "he" else AR_NAMES)[i % 3]
    return f"{base} {i} (Regional News Service Number {i})", lang


def _synthetic_run() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(7)
    docs = []
    for i in range(N_OUTLETS):
        name, lang = _outlet(i)
        for j in range(2):
            docs.append(
                {
                    "doc_id": f"d{i:02d}{j}",
                    "source": f"{i:03d}_{j}_{'x' * 30}.txt",
                    "lang": lang,
                    "outlet": name,
                    "outlet_name": name,
                    "published": None if (i + j) % 7 == 0 else f"2025-{1 + i % 12:02d}-{1 + j:02d}",
                }
            )
    documents = pd.DataFrame(docs)
    claims = pd.DataFrame(
        {
            "claim_id": [f"CLAIM_NUMBER_{k:02d}_LONG_IDENTIFIER" for k in range(N_CLAIMS)],
            "en": [
                f"Claim {k}: a long English gloss of what the article says about the alliance"
                for k in range(N_CLAIMS)
            ],
            "frame": [f"frame-{k % 7}" for k in range(N_CLAIMS)],
        }
    )
    he = "נשיא רוסיה אמר כי מוסקבה נותרה ידידה נאמנה ושותפה אמינה של טהרן לאורך כל הדרך"
    ar = "وأكد أن موسكو تثمن شراكتها الوثيقة مع طهران في مختلف المجالات السياسية"
    rows, sents = [], []
    speakers = ["PUTIN", "OUTLET", "MEDIA:AMWAJ", "PESKOV"]
    for d in documents.itertuples():
        text = he if d.lang == "he" else ar
        sents.append(
            {"doc_id": d.doc_id, "sent_idx": 0, "start": 0, "end": len(text), "text": text}
        )
        for k in rng.choice(N_CLAIMS, size=6, replace=False):
            rows.append(
                {
                    "doc_id": d.doc_id,
                    "sent_idx": 0,
                    "claim_id": claims["claim_id"][int(k)],
                    "start": 10,
                    "end": 20,
                    "cue": text[10:20],
                    "negated": False,
                    "hedged": bool(k % 3 == 0),
                    "hedge_cue": None,
                    "speaker": speakers[int(k) % 4],
                    "method": "rule",
                    "codebook_version": 1,
                }
            )
    return {
        "documents": documents,
        "mentions": pd.DataFrame(rows),
        "sentences": pd.DataFrame(sents),
        "claims": claims,
    }


RUN = _synthetic_run()
OUTLETS = sorted(RUN["documents"]["outlet_name"].unique())


def _build(name: str) -> Figure:
    d, m, c = RUN["documents"], RUN["mentions"], RUN["claims"]
    if name == "prevalence_by_outlet":  # 20 groups
        few = m[m["claim_id"].isin(c["claim_id"][:4])]
        return F.fig_prevalence(C.prevalence(d, few, c.iloc[:4], by="outlet_name", n_boot=100))
    if name == "prevalence_40_claims":
        return F.fig_prevalence(C.prevalence(d, m, c, by="lang", n_boot=100))
    if name == "frames":
        return F.fig_frames(C.frame_composition(d, m, c, by="outlet_name"))
    if name == "voices":
        return F.fig_voices(C.voices(d, m, by="outlet_name"))
    if name == "timeline":
        return F.fig_timeline(d, m, by="outlet_name")
    if name == "evidence":
        return F.fig_evidence(C.evidence_table(m, RUN["sentences"], c, d))
    if name == "log_odds":
        return F.fig_log_odds(
            LO.concept_log_odds(
                d, m, by="outlet_name", a=OUTLETS[0], b=OUTLETS[1], max_labellings=200
            )
        )
    raise KeyError(name)


NAMES = (
    "prevalence_by_outlet",
    "prevalence_40_claims",
    "frames",
    "voices",
    "timeline",
    "evidence",
    "log_odds",
)


@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_without_warning_and_keeps_every_text_inside_the_canvas(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _build(name)
        with F.use_style():
            fig.canvas.draw()
    assert [str(w.message) for w in caught] == []
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    # tick labels count only for the ticks matplotlib draws (inside the view limits, of axes
    # that are switched on)
    tick_labels, drawn = set(), set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels |= {id(tick.label1), id(tick.label2)}
            for tick in axis._update_ticks() if ax.axison else []:  # the ticks drawn
                drawn |= {id(tick.label1), id(tick.label2)}
    texts = [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (id(t) not in tick_labels or id(t) in drawn)
    ]
    assert len(texts) > 10
    outside = []
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            outside.append((text.get_text()[:40], tuple(round(v) for v in box.extents)))
    assert outside == [], (name, (width, height))


@pytest.mark.parametrize("name", ["prevalence_by_outlet", "timeline"])
def test_every_group_is_in_the_legend(name: str) -> None:
    fig = _build(name)
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)
    labels = [t.get_text() for t in legend.get_texts()]
    assert len(labels) == N_OUTLETS
    for outlet in OUTLETS:
        assert any(label.startswith(outlet) for label in labels), outlet
    assert legend.get_title().get_text() == "outlet"


def test_human_labels_come_from_the_data() -> None:
    fig = _build("prevalence_40_claims")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sorted(labels) == ["Arabic (n=20 articles)", "Hebrew (n=20 articles)"]
    assert fig.axes[0].get_title(loc="left") == "Claim prevalence by language"
    # any language code of the data is named, none is hard-coded
    assert value_label("lang", "fa") == "Persian"
    assert value_label("outlet_name", "Walla") == "Walla"
    frames = _build("frames")
    assert frames.axes[0].get_title(loc="left") == "Frame composition by outlet"

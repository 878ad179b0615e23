"""Tests for helpers.stance.compare and helpers.ingest.outlets on small hand-made tables.

Every expected number below is computed by hand in the test (or its docstring), not read
back from the code.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import seed_path
from scipy import stats

from helpers.ingest.outlets import (
    DEFAULT_OUTLETS_PATH,
    OutletsError,
    join_outlets,
    load_outlets,
    match_outlet,
)
from helpers.stance import compare as C

# Five documents shaped like the seeds: three Hebrew, two Arabic; d4 has no outlet / date.
DOCS = pd.DataFrame(
    {
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "source": ["000.txt", "002.txt", "004.txt", "001.txt", "003.txt"],
        "lang": ["he", "he", "he", "ar", "ar"],
        "outlet": ["וואלה", "מגזין אפוק", "TRT Hebrew", None, "تكنو بلس"],
        "published": ["2026-03-21", "2024-10-24", "2025-12-31", None, "2025-05-14"],
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d2", "d4", "d5", "d5"],
        "sent_idx": [1, 2, 0, 3, 1, 1],
        "claim_id": ["A", "A", "B", "A", "B", "A"],
        "start": [10, 50, 0, 5, 7, 30],
        "end": [20, 60, 10, 15, 17, 40],
        "cue": ["c"] * 6,
        "negated": [False, True, False, False, False, False],
        "hedged": [False, False, True, False, True, False],
        "hedge_cue": [None, None, "לפי דיווח", None, "وبحسب تقارير", None],
        "speaker": ["PUTIN", "OUTLET", "MEDIA:MEHR", None, "PESKOV", "OUTLET"],
        "method": ["rule"] * 6,
        "codebook_version": [1] * 6,
    }
)
CLAIMS = pd.DataFrame(
    {
        "claim_id": ["A", "B", "C"],
        "en": ["claim a", "claim b", "claim c"],
        "frame": ["alliance-strong", "broker", "alliance-strong"],
    }
)


def _docs_mentions(counts: dict[str, tuple[int, int]], claim: str = "A"):
    """Documents in groups ``{group: (n_docs, n_with_claim)}`` and one mention per carrier."""
    docs, ments = [], []
    for group, (n, k) in counts.items():
        for i in range(n):
            doc_id = f"{group}{i:03d}"
            docs.append({"doc_id": doc_id, "lang": group})
            if i < k:
                ments.append(
                    {
                        "doc_id": doc_id,
                        "sent_idx": 0,
                        "claim_id": claim,
                        "start": 0,
                        "end": 1,
                        "negated": False,
                        "hedged": False,
                        "speaker": None,
                    }
                )
    return pd.DataFrame(docs), pd.DataFrame(ments)


# --------------------------------------------------------------------------- claims / doc_claims


def test_claims_frame_accepts_several_shapes():
    as_dict = {"A": {"en": "claim a", "frame": "alliance-strong"}}
    as_records = [{"id": "A", "en": "claim a", "frame": "alliance-strong"}]

    class Claim:
        id, en, frame = "A", "claim a", "alliance-strong"

    for shape in (as_dict, as_records, [Claim()], CLAIMS.iloc[:1]):
        got = C.claims_frame(shape)
        assert got.to_dict("records") == [
            {"claim_id": "A", "en": "claim a", "frame": "alliance-strong"}
        ]
    with pytest.raises(ValueError, match="duplicate claim_id"):
        C.claims_frame([{"claim_id": "A"}, {"claim_id": "A"}])


def test_doc_claims_counts_flags_and_speakers():
    dc = C.doc_claims(DOCS, MENTIONS, CLAIMS)
    assert len(dc) == 5 * 3  # every document × every codebook claim
    d1a = dc[(dc.doc_id == "d1") & (dc.claim_id == "A")].iloc[0]
    assert bool(d1a.present) and d1a.n_mentions == 2 and d1a.status == "asserted"
    assert bool(d1a.any_negated) and not bool(d1a.any_hedged)
    assert d1a.speakers == "OUTLET;PUTIN"
    d4a = dc[(dc.doc_id == "d4") & (dc.claim_id == "A")].iloc[0]
    assert d4a.speakers == "OUTLET"  # a missing speaker is the outlet's own voice
    d3 = dc[dc.doc_id == "d3"]
    assert not d3.present.any() and (d3.n_mentions == 0).all() and (d3.speakers == "").all()
    assert (d3.status == "absent").all()
    # without a claim list: only the claims seen
    assert sorted(C.doc_claims(DOCS, MENTIONS).claim_id.unique()) == ["A", "B"]
    # an article whose only mentions are negated rejects the claim: it does not carry it
    only_negated = MENTIONS.assign(negated=MENTIONS.doc_id == "d1")
    d1 = C.doc_claims(DOCS, only_negated, CLAIMS).set_index(["doc_id", "claim_id"])
    assert d1.loc[("d1", "A"), "status"] == "negated" and not d1.loc[("d1", "A"), "present"]


def test_mentions_of_unknown_documents_are_an_error():
    bad = MENTIONS.assign(doc_id=["zz"] + list(MENTIONS.doc_id[1:]))
    with pytest.raises(ValueError, match="zz"):
        C.doc_claims(DOCS, bad, CLAIMS)


# --------------------------------------------------------------------------- prevalence


def test_prevalence_shares_and_counts():
    prev = C.prevalence(DOCS, MENTIONS, CLAIMS, by="lang")
    row = prev.set_index(["claim_id", "group"])
    # he: A only in d1 (1/3); ar: A in d4 and d5 (2/2); B: d2 (he 1/3), d5 (ar 1/2); C nowhere
    assert (row.loc[("A", "he"), "n_with_claim"], row.loc[("A", "he"), "n_docs"]) == (1, 3)
    assert row.loc[("A", "he"), "share"] == pytest.approx(1 / 3)
    assert row.loc[("A", "ar"), "share"] == 1.0
    assert row.loc[("B", "ar"), "share"] == 0.5
    # Wilson intervals do not collapse at n/n or 0/n: k = n gives [n/(n+z²), 1],
    # k = 0 gives [0, z²/(n+z²)] (a percentile bootstrap would give [1, 1] and [0, 0])
    z2 = stats.norm.ppf(0.975) ** 2
    assert row.loc[("A", "ar"), "ci_low"] == pytest.approx(2 / (2 + z2))
    assert row.loc[("A", "ar"), "ci_high"] == pytest.approx(1.0)
    assert row.loc[("C", "he"), "ci_low"] == pytest.approx(0.0, abs=1e-12)
    assert row.loc[("C", "he"), "ci_high"] == pytest.approx(z2 / (3 + z2))
    assert (prev.ci_method == "wilson").all()
    # outlet-weighted share: d4 (no outlet) and d5 are separate outlets of ar → (1 + 1) / 2;
    # B in ar: d5 only → (0 + 1) / 2; he has three outlets with one article each
    assert row.loc[("A", "ar"), "outlet_share"] == 1.0
    assert row.loc[("B", "ar"), "outlet_share"] == 0.5
    assert row.loc[("A", "he"), "n_outlets"] == 3
    assert list(prev.claim_id) == ["A", "A", "B", "B", "C", "C"]  # codebook order
    assert (prev.ci_low <= prev.share).all() and (prev.share <= prev.ci_high).all()


def test_prevalence_ci_reproducible_and_sensible():
    docs, ments = _docs_mentions({"he": (40, 20), "ar": (25, 5)})
    boot = {"ci": "bootstrap"}
    one = C.prevalence(docs, ments, CLAIMS.iloc[:1], n_boot=2000, seed=7, **boot)
    two = C.prevalence(docs, ments, CLAIMS.iloc[:1], n_boot=2000, seed=7, **boot)
    pd.testing.assert_frame_equal(one, two)
    he = one[one.group == "he"].iloc[0]
    # normal approximation for p = 0.5, n = 40: 0.5 ± 1.96·√(0.25/40) = 0.345 … 0.655
    assert he.ci_low == pytest.approx(0.345, abs=0.04)
    assert he.ci_high == pytest.approx(0.655, abs=0.04)
    # a group's interval does not depend on which other groups are present
    alone = C.prevalence(
        docs[docs.lang == "he"],
        ments[ments.doc_id.str.startswith("he")],
        CLAIMS.iloc[:1],
        n_boot=2000,
        seed=7,
        **boot,
    )
    assert (alone.iloc[0].ci_low, alone.iloc[0].ci_high) == (he.ci_low, he.ci_high)
    # another seed draws other resamples (n_boot = 20: the percentiles move)
    a = C.prevalence(docs, ments, CLAIMS.iloc[:1], n_boot=20, seed=1, **boot)
    b = C.prevalence(docs, ments, CLAIMS.iloc[:1], n_boot=20, seed=2, **boot)
    assert not a[["ci_low", "ci_high"]].equals(b[["ci_low", "ci_high"]])
    # Wilson for 20/40 by the textbook formula: centre 0.5, half-width
    # z/(1+z²/n)·√(p(1−p)/n + z²/4n²)
    z, n = stats.norm.ppf(0.975), 40
    half = z / (1 + z * z / n) * math.sqrt(0.25 / n + z * z / (4 * n * n))
    wilson = C.prevalence(docs, ments, CLAIMS.iloc[:1]).set_index("group").loc["he"]
    assert (wilson.ci_low, wilson.ci_high) == pytest.approx((0.5 - half, 0.5 + half))


def test_prevalence_groups_by_outlet_attribute():
    docs = join_outlets(DOCS, load_outlets())
    prev = C.prevalence(docs, MENTIONS, CLAIMS, by="outlet_ownership", n_boot=100)
    n_docs = prev.drop_duplicates("group").set_index("group")["n_docs"].to_dict()
    # Walla + Epoch private, TRT state-affiliated, Techno Plus aggregator, d4 unknown
    assert n_docs == {"aggregator": 1, "private": 2, "state-affiliated": 1, "unknown": 1}
    with pytest.raises(KeyError, match="join_outlets"):
        C.prevalence(DOCS, MENTIONS, CLAIMS, by="outlet_country")


def test_prevalence_counts_negated_mentions_only_on_request():
    ments = MENTIONS[MENTIONS.doc_id == "d1"].assign(negated=[True, True])
    prev = C.prevalence(DOCS, ments, CLAIMS)
    assert prev.set_index(["claim_id", "group"]).loc[("A", "he"), "n_with_claim"] == 0
    prev = C.prevalence(DOCS, ments, CLAIMS, include_negated=True)
    assert prev.set_index(["claim_id", "group"]).loc[("A", "he"), "n_with_claim"] == 1


# --------------------------------------------------------------------------- Holm / Fisher


def test_holm_hand_example():
    """p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03,
    0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.02, 0.03, 0.06, 0.06.
    Back in input order: (0.03, 0.06, 0.06, 0.02)."""
    np.testing.assert_allclose(C.holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02])
    # capped at 1 and monotone: (0.5, 0.6) → 0.5·2 = 1.0, max(1.0, 0.6·1) = 1.0
    np.testing.assert_allclose(C.holm([0.5, 0.6]), [1.0, 1.0])
    # NaN stays NaN and does not count in m: (nan, 0.02, 0.04) → 0.04, max(0.04, 0.04)
    got = C.holm([float("nan"), 0.02, 0.04])
    assert math.isnan(got[0])
    np.testing.assert_allclose(got[1:], [0.04, 0.04])
    assert C.holm([]).shape == (0,)


@pytest.mark.parametrize("n_a,n_b,k", [(3, 2, 3), (10, 10, 9), (7, 4, 5), (12, 3, 0)])
def test_fisher_pvalues_for_margins_match_scipy(n_a, n_b, k):
    got = C.fisher_pvalues_for_margins(n_a, n_b, k)
    lo = max(0, k - n_b)
    for i, p in enumerate(got):
        x = lo + i
        table = [[x, n_a - x], [k - x, n_b - (k - x)]]
        assert p == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)


def test_min_achievable_p_hand_example():
    """n_a = 3, n_b = 2, k = 3: P(x) = C(3,x)·C(2,3-x)/C(5,3) → x=1: 0.3, x=2: 0.6, x=3: 0.1;
    the most extreme table (x = 3) has p = 0.1, the smallest possible. Over every k the best is
    also 0.1 (k = 2, x = 0: 1·1/10)."""
    assert C.min_achievable_p(3, 2, 3) == pytest.approx(0.1)
    assert C.min_achievable_p(3, 2) == pytest.approx(0.1)
    assert C.min_achievable_p(0, 5) == 1.0


def test_fisher_tests_small_sample_says_so():
    """Claim A: he 1/3 vs ar 2/2 → P(x=1) = 0.3, two-sided p = 0.3 + 0.1 = 0.4."""
    ft = C.fisher_tests(DOCS, MENTIONS, CLAIMS).set_index("claim_id")
    a = ft.loc["A"]
    assert (a.n_a, a.n_b, a.a_with, a.b_with) == (3, 2, 1, 2)
    assert a.p_value == pytest.approx(0.4)
    assert a.min_p == pytest.approx(0.1)
    assert a.conclusion.startswith("cannot reach significance with n=3 vs n=2")
    assert "0.1" in a.conclusion
    assert not ft.significant.any()
    assert ft.loc["C", "min_p"] == 1.0  # absent everywhere: nothing to test
    missing = C.fisher_tests(DOCS, MENTIONS, CLAIMS, a="he", b="fa")
    assert missing.conclusion.str.startswith("cannot test: no articles in group 'fa'").all()


def test_fisher_tests_agree_with_scipy_and_holm():
    docs, ments_a = _docs_mentions({"he": (10, 8), "ar": (10, 1)}, "A")
    _, ments_b = _docs_mentions({"he": (10, 5), "ar": (10, 4)}, "B")
    ments = pd.concat([ments_a, ments_b], ignore_index=True)
    ft = C.fisher_tests(docs, ments, CLAIMS.iloc[:2]).set_index("claim_id")
    ref_a = stats.fisher_exact([[8, 2], [1, 9]])
    ref_b = stats.fisher_exact([[5, 5], [4, 6]])
    assert ft.loc["A", "p_value"] == pytest.approx(ref_a.pvalue)
    assert ft.loc["A", "odds_ratio"] == pytest.approx(ref_a.statistic)  # (8·9)/(2·1) = 36
    assert ft.loc["A", "odds_ratio"] == pytest.approx(36.0)
    assert ft.loc["B", "p_value"] == pytest.approx(ref_b.pvalue)
    # Holm with m = 2: smaller p doubled, larger p kept (≥ the doubled one)
    p_a, p_b = ref_a.pvalue, ref_b.pvalue
    assert ft.loc["A", "p_holm"] == pytest.approx(min(1, 2 * p_a))
    assert ft.loc["B", "p_holm"] == pytest.approx(max(min(1, 2 * p_a), min(1, p_b)))
    assert bool(ft.loc["A", "significant"]) and "more frequent in he" in ft.loc["A", "conclusion"]
    assert "no significant difference" in ft.loc["B", "conclusion"]


def test_small_sample_warning_sentences():
    text = C.small_sample_warning(DOCS, "lang")
    assert "ar n=2" in text and "he n=3" in text
    assert "can reach significance" in text and "0.1" in text
    big, _ = _docs_mentions({"he": (40, 0), "ar": (45, 0)})
    expected = "Sample sizes by lang: ar n=45, he n=40 articles."
    assert C.small_sample_warning(big, "lang") == expected
    mid, _ = _docs_mentions({"he": (12, 0), "ar": (9, 0)})
    assert C.small_sample_warning(mid, "lang").startswith("Small sample (ar n=9 vs he n=12")
    assert "nothing to compare" in C.small_sample_warning(DOCS[DOCS.lang == "he"], "lang")
    # the warning looks at the two groups compared, not at a stray unknown-language article
    big, _ = _docs_mentions({"he": (400, 0), "ar": (400, 0)})
    stray = pd.concat([big, pd.DataFrame({"doc_id": ["x1"], "lang": [None]})], ignore_index=True)
    text = C.small_sample_warning(stray, "lang", "he", "ar")
    assert text == "Sample sizes by lang: ar n=400, he n=400, unknown n=1 articles."
    assert "nothing to compare" in C.small_sample_warning(big, "lang", "he", "fa")


# --------------------------------------------------------------------------- frames, voices


def test_frame_composition_by_language():
    fc = C.frame_composition(DOCS, MENTIONS, CLAIMS, by="lang").set_index(["group", "frame"])
    # claims once per article — ar: A(d4), A(d5), B(d5) → 2/3 alliance-strong, 1/3 broker
    assert fc.loc[("ar", "alliance-strong"), "n"] == 2
    assert fc.loc[("ar", "alliance-strong"), "share"] == pytest.approx(2 / 3)
    assert fc.loc[("he", "broker"), "share"] == pytest.approx(1 / 2)  # A(d1), B(d2)
    # every mention — he: A, A (d1), B (d2) → 2/3
    fm = C.frame_composition(DOCS, MENTIONS, CLAIMS, by="lang", unit="mentions")
    fm = fm.set_index(["group", "frame"])
    assert fm.loc[("he", "alliance-strong"), "share"] == pytest.approx(2 / 3)
    per_doc = C.frame_composition(DOCS, MENTIONS, CLAIMS, by="doc_id")
    assert per_doc[per_doc.group == "d3"].share.sum() == 0  # no claims: zero, not NaN


def test_voices_and_hedging():
    v = C.voices(DOCS, MENTIONS, by="lang")
    he_a = v[(v.group == "he") & (v.claim_id == "A")].set_index("speaker")
    assert he_a.loc["PUTIN", "voice"] == "actor" and he_a.loc["OUTLET", "voice"] == "outlet"
    assert he_a.loc["PUTIN", "share_in_claim"] == 0.5
    he_b = v[(v.group == "he") & (v.claim_id == "B")].iloc[0]
    assert (he_b.voice, he_b.speaker, he_b.share_in_group) == (
        "media",
        "MEDIA:MEHR",
        pytest.approx(1 / 3),
    )
    assert C.voice_of(None) == "outlet" and C.voice_of("MEDIA:X") == "media"
    h = C.hedging_rate(DOCS, MENTIONS, by="lang").set_index(["group", "claim_id"])
    # he: 3 mentions, 1 hedged (d2 B), 1 negated (d1 A)
    assert h.loc[("he", "(all)"), ["n_mentions", "n_hedged", "n_negated"]].tolist() == [3, 1, 1]
    assert h.loc[("he", "(all)"), "hedged_rate"] == pytest.approx(1 / 3)
    assert h.loc[("ar", "B"), "hedged_rate"] == 1.0


def test_relay_chains():
    ments = pd.concat(
        [MENTIONS, MENTIONS.iloc[[4]].assign(speaker="MEDIA:AMWAJ")], ignore_index=True
    )
    rc = C.relay_chains(DOCS, ments, {"MEHR": "fa", "MEDIA:AMWAJ": "ar"}).set_index("medium")
    assert rc.loc["MEHR", "direction"] == "fa→he" and bool(rc.loc["MEHR", "cross_language"])
    assert rc.loc["MEHR", "outlet"] == "מגזין אפוק"
    assert rc.loc["AMWAJ", "direction"] == "ar→ar" and not bool(rc.loc["AMWAJ", "cross_language"])
    unknown = C.relay_chains(DOCS, MENTIONS, {})
    assert unknown.medium_lang.tolist() == ["unknown"] and not unknown.cross_language.any()


# --------------------------------------------------------------------------- evidence table


def test_evidence_table_relative_span():
    sentence = 'ואמר כי מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן'
    start = sentence.index("ידידה")
    sents = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "sent_idx": [1],
            "start": [100],
            "end": [100 + len(sentence)],
            "text": [sentence],
        }
    )
    ments = MENTIONS.iloc[:1].assign(start=100 + start, end=100 + start + len("ידידה נאמנה"))
    ev = C.evidence_table(ments, sents, CLAIMS, DOCS)
    row = ev.iloc[0]
    assert row.sentence[row.span_start : row.span_end] == "ידידה נאמנה"
    assert (row.claim_id, row.lang, row.gloss) == ("A", "he", "claim a")


def test_evidence_table_one_example_per_claim_and_language():
    sents = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d4", "d5"],
            "sent_idx": [1, 2, 3, 1],
            "start": [0, 40, 0, 0],
            "end": [30, 70, 20, 50],
            "text": ["x" * 30, "y" * 30, "z" * 20, "w" * 50],
        }
    )
    ev = C.evidence_table(MENTIONS, sents, CLAIMS, DOCS)
    # A: he → d1 sentence 1 (first, not negated); ar → d4 (before d5); rows in doc_id
    # order. B: ar d5 only
    # (d2's sentence is not in the table).
    got = list(zip(ev.claim_id, ev.lang, ev.doc_id, ev.sent_idx))
    assert got == [("A", "he", "d1", 1), ("A", "ar", "d4", 3), ("B", "ar", "d5", 1)]
    assert list(C.evidence_table(MENTIONS, sents, CLAIMS).claim_id) == ["A", "B"]


# --------------------------------------------------------------------------- outlets


def test_outlets_file_matches_the_seeds():
    outlets = {o.name: o for o in load_outlets(DEFAULT_OUTLETS_PATH)}
    trt = outlets["TRT Hebrew"]
    assert (trt.language, trt.country, trt.ownership) == ("he", "Turkey", "state-affiliated")
    assert (outlets["Walla"].language, outlets["Walla"].country, outlets["Walla"].ownership) == (
        "he",
        "Israel",
        "private",
    )
    assert outlets["Techno Plus (تكنو بلس)"].ownership == "aggregator"
    # the alias each seed actually prints (read in the seed files) is in the data
    for prefix, name, printed in [
        ("000", "Walla", "וואלה"),
        ("002", "Epoch Magazine Hebrew", "מגזין אפוק"),
        ("004", "TRT Hebrew", "TRT Hebrew"),
        ("003", "Techno Plus (تكنو بلس)", "تكنو بلس"),
    ]:
        assert printed in seed_path(prefix).read_text(encoding="utf-8")
        assert match_outlet(list(outlets.values()), printed).name == name


def test_join_outlets_adds_attributes_and_unknowns():
    docs = DOCS.assign(url=[None, None, None, None, None])
    docs.loc[3, "url"] = "https://www.walla.co.il/item/1"  # domain match
    joined = join_outlets(docs.drop(index=3).reset_index(drop=True))
    assert joined.outlet_ownership.tolist() == [
        "private",
        "private",
        "state-affiliated",
        "aggregator",
    ]
    assert joined.outlet_language.tolist() == ["he", "he", "he", "ar"]
    assert join_outlets(docs).loc[3, "outlet_name"] == "Walla"
    no_url = join_outlets(DOCS)
    assert no_url.loc[3, ["outlet_name", "outlet_country", "outlet_ownership"]].tolist() == [
        "unknown",
        "unknown",
        "unknown",
    ]
    assert list(no_url.columns[: len(DOCS.columns)]) == list(DOCS.columns)


@pytest.mark.parametrize(
    "body,needle",
    [
        (
            "outlets:\n  - {name: X, language: he, country: IL, ownership: public}\n",
            "outlets[0] (X): ownership 'public'",
        ),
        (
            "outlets:\n  - {name: X, language: he, country: IL, ownership: private, owner: Y}\n",
            "outlets[0] (X): unknown key(s) ['owner']",
        ),
        (
            "outlets:\n  - {name: X, language: he, ownership: private}\n",
            "outlets[0] (X): missing key(s) ['country']",
        ),
        (
            "outlets:\n  - {name: X, language: he, country: IL, ownership: private, aliases: [Z]}\n"
            "  - {name: Y, language: he, country: IL, ownership: private, aliases: [z]}\n",
            "outlets[1] (Y): name/alias 'z' already belongs to 'X'",
        ),
        ("outlets: [1]\n", "outlets[0]: expected a mapping"),
        ("other: []\n", "top level"),
        ("outlets: [\n", "invalid YAML"),
    ],
)
def test_load_outlets_errors_name_file_entry_reason(tmp_path: Path, body: str, needle: str):
    path = tmp_path / "bad_outlets.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(OutletsError) as info:
        load_outlets(path)
    assert "bad_outlets.yaml" in str(info.value) and needle in str(info.value)


def test_counts_by_language_counts_rows_of_each_table_per_document_language() -> None:
    docs = pd.DataFrame({"doc_id": ["h1", "h2", "a1"], "lang": ["he", "he", "ar"]})
    sentences = pd.DataFrame({"doc_id": ["h1", "h1", "h2", "a1", "zz"]})  # zz: no document
    tokens = pd.DataFrame({"doc_id": ["h1"] * 4})
    table = C.counts_by_language(docs, {"sentences": sentences, "tokens": tokens})
    assert table.to_dict("list") == {
        "lang": ["ar", "he"],
        "documents": [1, 2],
        "sentences": [1, 3],
        "tokens": [0, 4],
    }

"""helpers.claims.annotate: claims, speaker, hedging and negation on sentences taken from the seeds,
and agreement between the automaton tagger and the naive every-pattern loop."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

import pandas as pd
import pytest
from conftest import codebook_from_yaml, prefilter_keeps, seed_path, tag_articles

from helpers.claims.annotate import Tagger, _run_rules, _unquoted, annotate, annotate_naive
from helpers.claims.codebook import Codebook, load_codebook
from helpers.claims.mention_table import MENTION_COLUMNS
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.segment import sentences_table

CODEBOOK = """\
codebook: annotate-test
version: 3
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, רוסי*, מוסקבה], ar: [روسيا, روسي*, موسكو]}
  IR: {en: Iran, kind: state, he: [איראן, איראני*, טהרן], ar: [إيران, إيراني*, طهران]}
  KREMLIN: {en: Kremlin, kind: institution, he: [הקרמלין], ar: [الكرملين]}
  PUTIN: {en: Putin, kind: person, he: [פוטין], ar: [بوتين]}
  PESKOV: {en: Peskov, kind: person, he: [פסקוב], ar: [بيسكوف]}
  PEZESHKIAN: {en: Pezeshkian, kind: person, he: [פזשכיאן, פזשקין], ar: [بزشكيان]}
media:
  POLITICO: {en: Politico, he: [פוליטיקו], ar: [بوليتيكو]}
  US_MEDIA: {en: US media, he: ['דיווח בארה"ב', התקשורת האמריקנית]}
speech_verbs:
  he: [אמר, הדגיש, ציין, מסר, דיווח, הוסיף]
  ar: [قال, أكد, أكدت, أعلن, أضاف, عبر ~2 عن]
attribution: {he: [לפי, על פי], ar: [بحسب]}
hedges: {he: [לפי דיווח*, ככל הנראה], ar: [يرى مراقبون, وبحسب تقارير]}
negators: {he: [לא, אין, אינו, אינה], ar: [لا, لم, ليس*]}
claims:
  - id: RU_LOYAL_PARTNER
    en: loyal partner
    frame: alliance-strong
    requires: [[RU, PUTIN, KREMLIN, PESKOV]]
    he: [ידידה נאמנה, שותפה אמינה, חברים נאמנים]
    ar: [شراك*]
  - id: NO_DEFENCE_CLAUSE
    en: the pact lacks a mutual-defence clause (negator NOT part of the pattern)
    frame: alliance-limited
    he: [סעיף הגנה הדדית]
  - id: PACT_NO_DEFENCE
    en: the pact lacks a mutual-defence clause (negator part of the pattern)
    frame: alliance-limited
    he: [אינו כולל סעיף הגנה]
  - id: MILTECH
    en: military technology
    frame: military
    he: [ידע טכנולוגי]
  - id: INTEL
    en: intelligence sharing
    frame: military
    he: [מודיעין]
  - id: DIALOGUE
    en: Russia calls for dialogue / restraint
    frame: broker
    he: [דיאלוג]
    ar: [ضبط النفس]
  - id: CLOSE_TIES
    en: close ties
    frame: alliance-strong
    he: [קשרים הדוקים]
  - id: STRATEGIC_ALLIANCE
    en: strategic alliances
    frame: alliance-strong
    ar: [تحالف* استراتيجي*]
  - id: IR_ISOLATED
    en: Iran is isolated
    frame: alliance-limited
    ar: [معزول*]
  - id: NOT_AT_EXPENSE
    en: opening to the West will not come at Iran's expense
    frame: alliance-strong
    ar: [على حساب العلاقات]
  - id: NUCLEAR_RIGHT
    en: Iran's right to a nuclear programme
    frame: nuclear
    ar: [حق إيران]
  - id: NEEDS_RU
    en: requires Russia and Iran both named
    frame: transactional
    requires: [[RU], [IR]]
    he: [הסכם אסטרטגי]
"""

SEED_LANGS = {"000": "he", "001": "ar", "002": "he", "003": "ar", "004": "he"}


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def make_documents(texts: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """documents table (doc_id, source, lang, text) from {source: (lang, raw text)}."""
    rows = []
    for source, (lang, raw) in texts.items():
        text = clean_text(raw, lang)
        doc_id = hashlib.sha256(normalize_for_match(text, lang).encode()).hexdigest()[:16]
        rows.append({"doc_id": doc_id, "source": source, "lang": lang, "text": text})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def seeds() -> tuple[pd.DataFrame, pd.DataFrame]:
    texts = {}
    for prefix, lang in SEED_LANGS.items():
        path = seed_path(prefix)
        texts[path.name] = (lang, path.read_text(encoding="utf-8"))
    docs = make_documents(texts)
    return docs, sentences_table(docs)


@pytest.fixture(scope="module")
def mentions(seeds, codebook) -> pd.DataFrame:
    docs, sents = seeds
    return annotate(docs, sents, codebook)


def mention_in(
    mentions: pd.DataFrame, docs: pd.DataFrame, prefix: str, claim: str, contains: str
) -> dict:
    """The single mention of ``claim`` in the seed ``prefix`` whose sentence contains
    ``contains`` (a piece of the sentence as read in the seed file)."""
    doc = docs[docs["source"].str.startswith(prefix)].iloc[0]
    rows = mentions[(mentions["doc_id"] == doc["doc_id"]) & (mentions["claim_id"] == claim)]
    found = []
    for row in rows.to_dict("records"):
        sents = sentences_table(docs[docs["doc_id"] == doc["doc_id"]])
        sent = sents[sents["sent_idx"] == row["sent_idx"]].iloc[0]
        if contains in doc["text"][sent["start"] : sent["end"]]:
            found.append(row)
    assert len(found) == 1, (claim, contains, found)
    return found[0]


def test_columns_and_types(mentions: pd.DataFrame) -> None:
    assert tuple(mentions.columns) == MENTION_COLUMNS
    assert (mentions["method"] == "rule").all()
    assert (mentions["codebook_version"] == 3).all()
    assert mentions["negated"].dtype == bool and mentions["hedged"].dtype == bool


def test_offsets_point_at_the_cue(mentions: pd.DataFrame, seeds) -> None:
    docs, _ = seeds
    text_of = dict(zip(docs["doc_id"], docs["text"]))
    for row in mentions.itertuples():
        assert text_of[row.doc_id][row.start : row.end] == row.cue


def test_one_row_per_claim_per_sentence_and_order(mentions: pd.DataFrame) -> None:
    assert not mentions.duplicated(["doc_id", "sent_idx", "claim_id"]).any()
    key = list(
        zip(mentions["doc_id"], mentions["sent_idx"], mentions["start"], mentions["claim_id"])
    )
    assert key == sorted(key)


def test_quoted_loyal_partner_coordinated_verb_speaker_putin(mentions, seeds) -> None:
    # 000: 'נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן ... ואמר כי מוסקבה נותרה "ידידה נאמנה
    # ושותפה אמינה" של טהרן - כך מסר הקרמלין.' — "ואמר" has no subject of its own: the
    # coordinated verb takes the sentence subject, the person Putin; it is nearer the cue
    # than "כך מסר הקרמלין". First cue: ידידה נאמנה. Not hedged, not negated.
    docs, _ = seeds
    m = mention_in(mentions, docs, "000", "RU_LOYAL_PARTNER", "בירך את הנהגת איראן")
    assert m["cue"] == "ידידה נאמנה"
    assert m["speaker"] == "PUTIN"
    assert not m["hedged"] and not m["negated"] and pd.isna(m["hedge_cue"])


def test_headline_colon_speaker(mentions, seeds) -> None:
    # 000 headline: פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"
    docs, _ = seeds
    m = mention_in(mentions, docs, "000", "RU_LOYAL_PARTNER", "למנהיגי איראן")
    assert m["cue"] == "חברים נאמנים" and m["speaker"] == "PUTIN"


def test_hedged_report_relayed_by_media(mentions, seeds) -> None:
    # 000: 'לפי דיווח בארה"ב, הקרמלין אף הציע להפסיק להעביר מודיעין לאיראן ...' — a report,
    # hedged by "לפי דיווח", relayed via US media; the Kremlin after the comma is not the source.
    docs, _ = seeds
    m = mention_in(mentions, docs, "000", "INTEL", "הקרמלין אף הציע")
    assert m["hedged"] and m["hedge_cue"] == "לפי דיווח"
    assert m["speaker"] == "MEDIA:US_MEDIA"
    # 000: 'האתר האמריקני "פוליטיקו" דיווח כי מוסקבה הציעה עסקה ... מודיעין' — medium as subject
    m = mention_in(mentions, docs, "000", "INTEL", '"פוליטיקו" דיווח')
    assert m["speaker"] == "MEDIA:POLITICO"


def test_according_to_media_after_preposition(mentions, seeds) -> None:
    # 000: 'לפי דיווחים בתקשורת האמריקנית, רוסיה סייעה לאיראן ... וכן סיפקה לה ידע טכנולוגי
    # על כטב"מים.' — "according to reports in the American media": hedged, relayed by US media
    # ("התקשורת" written with the article matches "בתקשורת").
    docs, _ = seeds
    m = mention_in(mentions, docs, "000", "MILTECH", "בתקשורת האמריקנית")
    assert m["cue"] == "ידע טכנולוגי"
    assert m["speaker"] == "MEDIA:US_MEDIA"
    assert m["hedged"] and m["hedge_cue"] == "לפי דיווחים"


def test_negation_before_cue_and_inside_pattern(mentions, seeds) -> None:
    # 000: 'ההסכם האסטרטגי בין רוסיה לאיראן אינו כולל סעיף הגנה הדדית.' — "אינו" one word
    # before "סעיף הגנה הדדית" → negated; where the pattern itself contains "אינו" the claim
    # is asserted, not negated.
    docs, _ = seeds
    neg = mention_in(mentions, docs, "000", "NO_DEFENCE_CLAUSE", "אינו כולל")
    assert neg["cue"] == "סעיף הגנה הדדית" and neg["negated"]
    own = mention_in(mentions, docs, "000", "PACT_NO_DEFENCE", "אינו כולל")
    assert own["cue"] == "אינו כולל סעיף הגנה" and not own["negated"]
    assert own["speaker"] == "OUTLET"


def test_speaker_after_verb_prefers_person(mentions, seeds) -> None:
    # 004: '"... יש צורך בדיאלוג עם איראן", אמר דובר הקרמלין דמיטרי פסקוב לכתבים.'
    docs, _ = seeds
    m = mention_in(mentions, docs, "004", "DIALOGUE", "אמר דובר הקרמלין")
    assert m["cue"] == "בדיאלוג" and m["speaker"] == "PESKOV" and not m["negated"]


def test_he_added_takes_previous_speaker(mentions, seeds) -> None:
    # 004: 'הוא הוסיף כי רוסיה תמשיך לטפח קשרים הדוקים עם איראן.' follows Peskov's quote.
    docs, _ = seeds
    m = mention_in(mentions, docs, "004", "CLOSE_TIES", "הוא הוסיף")
    assert m["speaker"] == "PESKOV"


def test_arabic_quote_attributed_in_previous_sentence(mentions, seeds) -> None:
    # 003: 'وقال بيسكوف إن "الرئيس بوتين تلقى ..."' then 'وأكد أن موسكو “تثمن شراكتها الوثيقة
    # مع طهران في مختلف المجالات”.' — "وأكد" has no subject here: Peskov, from before.
    docs, _ = seeds
    m = mention_in(mentions, docs, "003", "RU_LOYAL_PARTNER", "تثمن")
    assert m["cue"] == "شراكتها" and m["speaker"] == "PESKOV" and not m["hedged"]


def test_arabic_institution_speaker(mentions, seeds) -> None:
    # 001: 'وقال الكرملين في بيان: “عبّر الرئيس الروسي فلاديمير بوتين عن أمله في أن تتحلى
    # جميع الأطراف بضبط النفس ...”'
    docs, _ = seeds
    m = mention_in(mentions, docs, "001", "DIALOGUE", "وقال الكرملين في بيان")
    assert m["cue"] == "بضبط النفس" and m["speaker"] == "KREMLIN"


def test_arabic_hedge_and_negation(mentions, seeds) -> None:
    # 003: 'ويرى مراقبون أن توقيت الدعوة ليس عفويًا، ... بناء تحالفات استراتيجية ...' — hedged
    docs, _ = seeds
    m = mention_in(mentions, docs, "003", "STRATEGIC_ALLIANCE", "ويرى مراقبون")
    assert m["hedged"] and m["hedge_cue"] == "ويرى مراقبون" and m["speaker"] == "OUTLET"
    assert not m["negated"]  # "ليس" is more than three words before the cue
    # 003: '... ورسالة سياسية واضحة مفادها أن إيران ليست معزولة ...' — negated
    m = mention_in(mentions, docs, "003", "IR_ISOLATED", "ليست معزولة")
    assert m["cue"] == "معزولة" and m["negated"]


def test_arabic_verb_continues_sentence_subject(mentions, seeds) -> None:
    # 003: 'لكن موسكو حرصت على طمأنة طهران، حيث أكدت في مناسبات عدة أن أي انفتاح على الغرب
    # “لن يكون على حساب العلاقات مع إيران”.' — "أكدت" has no subject in its windows: the
    # sentence subject موسكو (first voice before it) speaks.
    docs, _ = seeds
    m = mention_in(mentions, docs, "003", "NOT_AT_EXPENSE", "حيث أكدت")
    assert m["cue"] == "على حساب العلاقات" and m["speaker"] == "RU"


def test_subject_inside_gapped_speech_verb(mentions, seeds) -> None:
    # 003: '... وقد عبّر الكرملين مرارًا عن دعمه لـ”حق إيران المشروع” في تطوير برنامج نووي
    # سلمي.' — speech verb pattern "عبر ~2 عن" spans its subject الكرملين.
    docs, _ = seeds
    m = mention_in(mentions, docs, "003", "NUCLEAR_RIGHT", "عبر الكرملين")  # shadda cleaned
    assert m["cue"] == "حق إيران" and m["speaker"] == "KREMLIN"


def test_requires_all_groups(mentions, seeds) -> None:
    # 002 headline 'איראן ורוסיה רומזות שהן על סף הסכם אסטרטגי' names both → tagged;
    # 000 'ההסכם האסטרטגי בין רוסיה לאיראן' — the article ה on each word is a proclitic.
    docs, _ = seeds
    assert mention_in(mentions, docs, "002", "NEEDS_RU", "רומזות")["cue"] == "הסכם אסטרטגי"
    assert mention_in(mentions, docs, "000", "NEEDS_RU", "אינו כולל")["cue"] == "ההסכם האסטרטגי"


def test_requires_drops_claim_without_actor(codebook) -> None:
    tagger = Tagger(codebook)
    text = "ההסכם האסטרטגי נחתם אתמול."
    assert tagger.tag_sentence("d", 0, text, normalize_for_match(text, "he"), 0, "he") == []
    text = "ההסכם האסטרטגי בין רוסיה לאיראן נחתם."
    rows = tagger.tag_sentence("d", 0, text, normalize_for_match(text, "he"), 10, "he")
    assert [(r["claim_id"], r["start"], r["end"]) for r in rows] == [("NEEDS_RU", 10, 24)]


def test_automaton_and_naive_agree(seeds, codebook, mentions) -> None:
    docs, sents = seeds
    synthetic = make_documents(
        {
            "synthetic_he.txt": (
                "he",
                "רוסיה לא שותפה אמינה של טהרן.\nככל הנראה מוסקבה ידידה נאמנה."
                '\nפוטין אמר: "אנו חברים נאמנים של איראן". הוא הוסיף כי יש צורך בדיאלוג.',
            ),
            "synthetic_ar.txt": (
                "ar",
                "قال بوتين إن الشراكة مع إيران متينة. وبحسب تقارير لم تكن طهران معزولة.",
            ),
        }
    )
    all_docs = pd.concat([docs, synthetic], ignore_index=True)
    all_sents = sentences_table(all_docs)
    fast = annotate(all_docs, all_sents, codebook)
    naive = annotate_naive(all_docs, all_sents, codebook)
    pd.testing.assert_frame_equal(fast, naive)
    assert len(fast) > len(mentions)  # the synthetic text produced mentions too
    syn = fast[fast["doc_id"].isin(synthetic["doc_id"])]
    negated = syn[syn["cue"] == "שותפה אמינה"]
    assert negated["negated"].tolist() == [True]
    assert syn[syn["cue"] == "ידידה נאמנה"]["hedged"].tolist() == [True]


def test_other_language_is_skipped(codebook) -> None:
    docs = pd.DataFrame([{"doc_id": "x", "lang": "other", "text": "Russia is a loyal friend."}])
    sents = pd.DataFrame([{"doc_id": "x", "sent_idx": 0, "start": 0, "end": 25}])
    out = annotate(docs, sents, codebook)
    assert out.empty and tuple(out.columns) == MENTION_COLUMNS


def test_project_codebook_automaton_matches_naive(seeds, project_root) -> None:
    project = load_codebook(project_root / "codebook" / "russia_iran.yaml")  # tracked
    docs, sents = seeds
    tagger = Tagger(project)
    fast = annotate(docs, sents, project, tagger=tagger)
    naive = annotate_naive(docs, sents, project, tagger=tagger)
    pd.testing.assert_frame_equal(fast, naive)
    assert len(fast) > 0 and set(fast["claim_id"]) <= set(project.claim_ids)


def test_document_pass_equals_sentence_by_sentence(seeds, codebook) -> None:
    # annotate() runs the automaton once per document; tag_sentence() once per sentence
    docs, sents = seeds
    tagger = Tagger(codebook)
    rows = []
    for doc in docs.itertuples():
        norm = normalize_for_match(doc.text, doc.lang)
        group = sents[sents["doc_id"] == doc.doc_id].sort_values("sent_idx")
        prev = None
        for s in group.itertuples():
            rows.extend(
                tagger.tag_sentence(
                    doc.doc_id,
                    s.sent_idx,
                    doc.text[s.start : s.end],
                    norm[s.start : s.end],
                    s.start,
                    doc.lang,
                    prev_norm=prev,
                )
            )
            prev = norm[s.start : s.end]
    per_sentence = pd.DataFrame(rows).sort_values(["doc_id", "sent_idx", "start", "claim_id"])
    fast = annotate(docs, sents, codebook, tagger=tagger)
    assert len(per_sentence) == len(fast) > 10
    assert (
        per_sentence[["doc_id", "sent_idx", "claim_id", "start", "end", "speaker"]].values.tolist()
        == fast[["doc_id", "sent_idx", "claim_id", "start", "end", "speaker"]]
        .astype(object)
        .values.tolist()
    )


def test_random_sentence_bounds_fast_equals_naive_and_per_sentence(seeds, codebook) -> None:
    # sentence spans cut anywhere (mid-word too) and shuffled word order: the document-level
    # automaton pass, the per-sentence tag_sentence and the naive loop give the same mentions
    import random

    docs, _ = seeds
    rng = random.Random(5)
    fdocs, fsents = [], []
    for d in range(30):
        src = docs.iloc[d % len(docs)]
        words = src["text"].split()
        a = rng.randrange(max(1, len(words) - 60))
        chunk = words[a : a + 120]
        if d % 2:
            rng.shuffle(chunk)
        text = " ".join(chunk)
        fdocs.append({"doc_id": f"f{d:02d}", "lang": src["lang"], "text": text})
        pos, i = 0, 0
        while pos < len(text):
            end = min(len(text), pos + rng.randint(1, 160))
            fsents.append({"doc_id": f"f{d:02d}", "sent_idx": i, "start": pos, "end": end})
            pos, i = end + rng.choice([0, 1]), i + 1
    fdocs, fsents = pd.DataFrame(fdocs), pd.DataFrame(fsents)
    tagger = Tagger(codebook)
    fast = annotate(fdocs, fsents, codebook, tagger=tagger)
    pd.testing.assert_frame_equal(fast, annotate_naive(fdocs, fsents, codebook, tagger=tagger))
    rows = []
    for doc in fdocs.itertuples():
        norm = normalize_for_match(doc.text, doc.lang)
        prev = None
        for s in fsents[fsents["doc_id"] == doc.doc_id].itertuples():
            rows.extend(
                tagger.tag_sentence(
                    doc.doc_id,
                    s.sent_idx,
                    doc.text[s.start : s.end],
                    norm[s.start : s.end],
                    s.start,
                    doc.lang,
                    prev_norm=prev,
                )
            )
            prev = norm[s.start : s.end]
    assert len(fast) > 10
    expected = [tuple(None if v is pd.NA else v for v in r) for r in fast.astype(object).values]
    assert [tuple(r.values()) for r in rows] == expected


def test_document_normalisation_table_equals_normalize_for_match(seeds, codebook) -> None:
    # annotate() normalises each document with a per-character table built from
    # normalize_for_match; texts the table cannot take (astral characters, lone surrogates)
    # go through normalize_for_match itself
    docs, _ = seeds
    tagger = Tagger(codebook)
    samples = list(docs["text"]) + ["ARABIC أإآ ى ة ״ ׳ ÀÉ 😀 end", "lone \ud800 surrogate", ""]
    for lang in ("he", "ar"):
        for text in samples:
            assert tagger._lookup[lang](text) == normalize_for_match(text, lang)


def _entry(tagger: Tagger, lang: str, kind: str, source: str) -> int:
    """Index of the compiled entry of ``kind`` written ``source`` in ``lang``."""
    idx = tagger._index[lang]
    (i,) = [i for i, e in enumerate(idx.entries) if e.kind == kind and e.pattern.source == source]
    return i


def _starts_of(found: dict[tuple[int, ...], list[int]] | None, entry: int) -> list[int]:
    return next((starts for ids, starts in (found or {}).items() if entry in ids), [])


def test_anchor_scan_keeps_anchors_in_a_possible_context_inside_their_sentence(codebook) -> None:
    tagger = Tagger(codebook)
    idx = tagger._index["he"]
    russia = _entry(tagger, "he", "actor", "רוסיה")
    #          0         1         2         3
    #          0123456789012345678901234567890123456
    text = "ורוסיה אמרה. פרוסיה רוסיהלה. ברוס|יה"
    lo, hi = [0, 13, 29, 34], [12, 28, 33, 36]
    found = idx.scan(text, lo, hi)
    # proclitic ו before the stem: in context; a one-word pattern comes with its match
    # (start, end relative to the sentence): the whole word ורוסיה
    assert _starts_of(found.cues(0), russia) == [0, 6]
    # פ is no proclitic; a letter after a stem that may not continue (no '*')
    assert _starts_of(found.cues(1), russia) == []
    # the stem cut by a sentence bound is in neither sentence
    assert found.cues(2) is None and found.cues(3) is None
    # the same sentence scanned alone gives the same candidates
    alone = idx.scan(text[0:12], [0], [12])
    assert alone.cues(0) == found.cues(0)
    # claim side: every match too (מודיעין, then ומודיעין from its proclitic)
    intel = _entry(tagger, "he", "claim", "מודיעין")
    both = idx.scan("מודיעין ומודיעין", [0], [16])
    assert _starts_of(both.claims(0), intel) == [0, 7, 8, 16] and both.cues(0) is None


def test_prefilter_needs_a_claim_anchor_and_actors_that_can_meet_requires(codebook) -> None:
    sentences = [
        "ההסכם האסטרטגי נחתם אתמול.",  # NEEDS_RU without Russia and Iran
        "ההסכם האסטרטגי בין רוסיה לאיראן נחתם.",  # both named
        "ההסכם האסטרטגי עם רוסיה נחתם.",  # Iran missing
        "שיתוף מודיעין הוא נושא רגיש.",  # INTEL requires no actor
        "רוסיה ואיראן נפגשו.",  # actors, no claim anchor
        "פיתוח טכנולוגי מהיר.",  # MILTECH 'ידע טכנולוגי' (no requires) lacks its word ידע
        "ידע טכנולוגי הועבר.",  # … and has it
    ]
    keep = prefilter_keeps(codebook, "he", [[s] for s in sentences])  # one article each
    assert [k for [k] in keep] == [False, True, False, True, False, False, True]


def test_small_batches_give_the_same_mentions(seeds, codebook, monkeypatch) -> None:
    import helpers.claims.annotate as annotate_module

    docs, sents = seeds
    whole = annotate(docs, sents, codebook)
    monkeypatch.setattr(annotate_module, "BATCH_CHARS", 1)  # one document per batch
    pd.testing.assert_frame_equal(annotate(docs, sents, codebook), whole)


def test_anchorless_pattern_and_overlapping_spans_match_the_naive_loop(seeds, tmp_path) -> None:
    # a raw regex with no literal is a candidate in every sentence of the batch; a document
    # whose sentence spans overlap is tagged sentence by sentence — both as the naive loop
    extra = (
        "  - id: YEAR\n"
        "    en: a four-digit number\n"
        "    frame: military\n"
        "    he: ['re:(?<![\\p{N}])\\p{N}{4}(?![\\p{N}])']\n"
    )
    book = codebook_from_yaml(tmp_path, CODEBOOK + extra)
    tagger = Tagger(book)
    assert tagger._index["he"].always_claims  # the year pattern has no anchor
    docs, sents = seeds
    overlap = sents[sents["doc_id"] == docs["doc_id"].iloc[0]].copy()
    overlap["sent_idx"] += 1000
    overlap["start"] += 5  # each overlaps the sentence it copies
    overlap["end"] = (overlap["end"] + 5).clip(upper=len(docs["text"].iloc[0]))
    all_sents = pd.concat([sents, overlap], ignore_index=True)
    fast = annotate(docs, all_sents, book, tagger=tagger)
    pd.testing.assert_frame_equal(fast, annotate_naive(docs, all_sents, book, tagger=tagger))
    assert set(fast["claim_id"]) > {"YEAR"}
    assert (fast["sent_idx"] >= 1000).any()  # the overlapping copies were tagged too


def test_compile_patterns_compiles_every_regex_up_front(tmp_path) -> None:
    # patterns no other test compiled (compile_pattern caches)
    tagger = Tagger(
        codebook_from_yaml(tmp_path, CODEBOOK.replace("[מודיעין]", "[מודיעין צבאי נדיר]"))
    )
    (rare,) = [
        e.pattern for e in tagger._index["he"].entries if e.pattern.source == "מודיעין צבאי נדיר"
    ]
    assert "regex" not in vars(rare)
    tagger.compile_patterns()
    assert all("regex" in vars(e.pattern) for idx in tagger._index.values() for e in idx.entries)


def test_hebrew_lo_inside_a_word_negates_nothing(project_root: Path) -> None:
    """The project codebook's Hebrew negator לא takes ו / ש / ב before it only: "באופן מלא"
    ("fully") and "כלא" ("prison") are not "not". Sentences written for this test."""
    project = load_codebook(project_root / "codebook" / "russia_iran.yaml")
    docs = {
        "full": ("he", ["פוטין אמר כי רוסיה תומכת באופן מלא באיראן, בעלת בריתה הקרובה."]),
        "not": ("he", ["פוטין אמר כי רוסיה לא תומכת באיראן, בעלת בריתה הקרובה."]),
        "that-not": ("he", ["דווח שלא נחתם הסכם שותפות אסטרטגית בין רוסיה לאיראן."]),
    }
    mentions = tag_articles(project, docs)
    negated = dict(zip(mentions["doc_id"], mentions["negated"], strict=True))
    assert negated == {"full": False, "not": True, "that-not": True}


QUOTE_CODEBOOK = """\
codebook: quote-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A, kind: state, he: [רוסיה], ar: [روسيا]}
  IR: {en: side B, kind: state, he: [איראן], ar: [إيران]}
claims:
  - id: PARTNER
    en: side A a strategic partner of side B
    frame: alliance-strong
    requires: [[RU], [IR]]
    he: [ברית אסטרטגית]
    ar: ['شريك* استراتيجي*']
"""


def test_a_phrase_holds_across_a_quoted_word(tmp_path: Path) -> None:
    codebook = codebook_from_yaml(tmp_path, QUOTE_CODEBOOK)
    m = tag_articles(
        codebook,
        {
            # "Russia is a «partner» strategic for Iran" — the quote marks between the words
            "guillemets": ("ar", ["روسيا «شريك» استراتيجي لإيران."]),
            # "Iran describes Russia as the "partner" strategic" — a quote after a proclitic
            "proclitic": ("ar", ['إيران تصف روسيا بـ"الشريك" الاستراتيجي.']),
            # "Russia and Iran forged a "alliance" strategic."
            "he": ("he", ['רוסיה ואיראן כרתו "ברית" אסטרטגית.']),
            # a comma still parts the words: "Russia, a partner, strategically, for Iran"
            "comma": ("ar", ["روسيا شريك، استراتيجي لإيران."]),
        },
    )
    got = {d: sorted(set(m.loc[m["doc_id"] == d, "claim_id"])) for d in m["doc_id"].unique()}
    assert got == {
        "guillemets": ["PARTNER"],
        "proclitic": ["PARTNER"],
        "he": ["PARTNER"],
    }
    # the cue is the sentence as written, quote marks included
    assert m.loc[m["doc_id"] == "guillemets", "cue"].tolist() == ["شريك» استراتيجي"]
    # gershayim inside a Hebrew word are no quote marks (the drones, shekels, the IDF), even
    # after letters that may be proclitics (ה מ ל)
    for word in ('המל"טים', 'ש"ח', 'צה"ל', 'ארה"ב'):
        assert _unquoted(f"רוסיה קנתה {word} רבים") == f"רוסיה קנתה {word} רבים"


def test_collector_paused_while_tagging_and_restored(seeds, codebook) -> None:
    """annotate runs with the cyclic garbage collector off — no automatic collection, while
    the same tagging without the pause starts some (it allocates more objects than the
    collector's threshold) — and leaves it as it found it: on or off, also when it raises."""
    docs, sents = seeds
    tagger = Tagger(codebook)
    started: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    assert gc.isenabled()
    gc.callbacks.append(on_gc)
    try:
        gc.collect()
        started.clear()
        _run_rules(docs, sents, tagger, naive=False)  # the rules alone, collector on
        assert started
        gc.collect()
        started.clear()
        annotate(docs, sents, codebook, tagger=tagger)
        assert started == []  # no collection ran inside annotate
        assert gc.isenabled()
        with pytest.raises(ValueError, match="sentences lacks"):
            annotate(docs, sents.drop(columns=["end"]), codebook, tagger=tagger)
        assert gc.isenabled()
        gc.disable()
        annotate(docs, sents, codebook, tagger=tagger)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
        gc.callbacks.remove(on_gc)

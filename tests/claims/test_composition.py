"""Compositional rules and the article-context rule (helpers.claims.composition, applied by
helpers.claims.annotate), on sentences written for these tests and read by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    assert_last_sentence_claims,
    codebook_from_yaml,
    last_sentence_mentions,
    prefilter_bulk,
    prefilter_keeps,
)
from conftest import found_mentions as found
from conftest import tag_articles as tag

from helpers.claims.codebook import CodebookError, load_codebook

CODEBOOK = """\
codebook: compose-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
lexicons:
  SUPPLY: {he: [סיפק*, תספק], ar: [تسليم, زود*]}
  WEAPON: {he: [מטוסי קרב, טנקים], ar: [مقاتلات, دبابات]}
  TO_RU: {he: [לרוסיה], ar: [لروسيا, إلى روسيا]}
  RELATION: {he: [קשרים], ar: [علاقات]}
  CLOSE: {he: [הדוק*], ar: [وثيق*]}
negators: {he: [לא], ar: [لا, لم]}
claims:
  - id: ARMS_A_TO_B
    en: side A supplies side B with weapons
    frame: military
    requires: [RU_SIDE, IR_SIDE]
    context: [IR_SIDE]
    compose:
      - {slots: [SUPPLY, WEAPON], window: 6, unless: [TO_RU]}
  - id: CLOSE_TIES
    en: close ties
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    he: [ידידות נצח]
    compose:
      - {slots: [RELATION, CLOSE], window: 3, ordered: true}
"""


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory):
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def test_supply_verb_plus_weapon_noun_is_one_rule_for_many_phrasings(codebook) -> None:
    m = tag(
        codebook,
        {
            # "Russia will supply Iran with advanced fighter jets next year."
            "he1": ("he", ["רוסיה תספק לאיראן מטוסי קרב מתקדמים בשנה הבאה."]),
            # "Moscow supplied Tehran with tanks." — other verb form, other weapon
            "he2": ("he", ["מוסקבה סיפקה לטהרן טנקים."]),
            # "Moscow began delivering fighter jets to Iran."
            "ar1": ("ar", ["بدأت موسكو تسليم المقاتلات إلى إيران."]),
        },
    )
    assert found(m, "he1") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    assert found(m, "he2") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    assert found(m, "ar1") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    cue = m.loc[m["doc_id"] == "he1", "cue"].iloc[0]
    assert cue == "תספק לאיראן מטוסי קרב"  # the cue spans the composed words, first to last


def test_window_order_and_unless_stop_a_composition(codebook) -> None:
    m = tag(
        codebook,
        {
            # 11 words from the verb to the weapon (window 6)
            "far": (
                "he",
                ["רוסיה תספק לאיראן בשנה הבאה לפי ההודעה של משרד החוץ טנקים."],
            ),
            # the recipient is Russia: "Iran supplied tanks to Russia" — the other direction
            "unless": ("he", ["איראן סיפקה טנקים לרוסיה."]),
            # ordered: the adjective before the noun is not "close ties"
            "order": ("he", ["רוסיה ואיראן: הדוקים קשרים."]),
            "ordered_ok": ("he", ["לרוסיה ולאיראן קשרים הדוקים."]),
        },
    )
    assert found(m, "far") == []
    assert found(m, "unless") == []
    assert found(m, "order") == []
    assert found(m, "ordered_ok") == [(0, "CLOSE_TIES", "compose:RELATION+CLOSE")]


def test_the_bulk_prefilter_drops_what_window_order_unless_and_context_rule_out(codebook):
    # the sentences of the two tests above: the prefilter decides from the anchors alone
    filler = "הכלכלה העולמית משתנה במהירות."
    supply = "מוסקבה תספק מטוסי קרב כבר בחודש הבא."
    keep = prefilter_keeps(
        codebook,
        "he",
        [
            # the verb (word 2) and the weapon (word 12) are 11 words apart: window 6
            ["רוסיה תספק לאיראן בשנה הבאה לפי ההודעה של משרד החוץ טנקים."],
            # the unless word לרוסיה is a one-word pattern: its candidate is a match
            ["איראן סיפקה טנקים לרוסיה."],
            # ordered: the adjective before the noun
            ["רוסיה ואיראן: הדוקים קשרים."],
            ["לרוסיה ולאיראן קשרים הדוקים."],
            # Iran in the headline meets IR_SIDE for the third sentence
            ["איראן מחכה למשלוח הגדול", filler, supply],
            # Iran five sentences back, not in the headline: nothing can meet IR_SIDE
            ["חדשות הבוקר", "איראן שותקת.", filler, filler, filler, supply],
        ],
    )
    assert keep == [
        [False],
        [False],
        [False],
        [True],
        [False, False, True],
        [False] * 6,
    ]


def test_the_bulk_prefilter_confirms_only_what_the_possible_rules_read(codebook) -> None:
    # "Russia will supply Iran with tanks, and between them close ties": the arms rule can
    # fire; the ties rule cannot (ordered: the adjective הדוקים before the noun קשרים)
    sentence = "רוסיה תספק לאיראן טנקים, וביניהן הדוקים קשרים."
    tagger, bulk = prefilter_bulk(codebook, "he", [[sentence]])
    assert bulk.keep.tolist() == [True]
    arms = [c for c, (claim, _) in enumerate(tagger._compose_rules) if claim.id == "ARMS_A_TO_B"]
    assert bulk.rules[0] == [(arms[0], 0)]
    idx = tagger._index["he"]
    read = {idx.owners[i] for i, _ in bulk.candidates[0]}
    assert read == {"SUPPLY", "WEAPON"}  # TO_RU (its unless) has no candidate here
    # the mentions are those of the naive loop (every pattern on every sentence)
    m = tag(codebook, {"both": ("he", [sentence])})
    assert found(m, "both") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]


def test_a_pattern_of_the_claim_wins_over_its_composition(codebook) -> None:
    m = tag(codebook, {"both": ("he", ["לרוסיה ולאיראן ידידות נצח וקשרים הדוקים."])})
    assert found(m, "both") == [(0, "CLOSE_TIES", "pattern:ידידות נצח")]


def test_the_article_context_meets_a_declared_requires_group(codebook) -> None:
    headline = "איראן מחכה למשלוח הגדול"  # "Iran awaits the big shipment" (names Iran)
    filler = "הכלכלה העולמית משתנה במהירות."  # "The world economy changes fast." (no actor)
    m = tag(
        codebook,
        {
            # Iran only in the headline; Moscow in the sentence: the context meets IR_SIDE
            "ctx": ("he", [headline, filler, "מוסקבה תספק מטוסי קרב כבר בחודש הבא."]),
            # no actor in the sentence at all: context alone never makes a claim
            "none": ("he", [headline, filler, "היא תספק מטוסי קרב כבר בחודש הבא."]),
            # Iran named 4 sentences before, not in the headline: out of the context window
            "far": (
                "he",
                ["חדשות הבוקר", "איראן שותקת.", filler, filler, filler, filler]
                + ["מוסקבה תספק מטוסי קרב כבר בחודש הבא."],
            ),
            # CLOSE_TIES declares no context: Iran in the headline does not count
            "undeclared": ("he", [headline, "לרוסיה קשרים הדוקים."]),
        },
    )
    assert found(m, "ctx") == [(2, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON +context:IR_SIDE@s0")]
    assert found(m, "none") == []
    assert found(m, "far") == []
    assert found(m, "undeclared") == []


def test_context_from_a_preceding_sentence_names_that_sentence(codebook) -> None:
    m = tag(
        codebook,
        {
            "prev": (
                "ar",
                # "Talks in Tehran ended yesterday." / "Moscow will deliver fighter jets soon."
                ["أخبار اليوم", "انتهت المحادثات في طهران أمس.", "موسكو زودت الجيش بمقاتلات."],
            )
        },
    )
    assert found(m, "prev") == [(2, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON +context:IR_SIDE@s1")]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("slots: [SUPPLY, WEAPON]", "slots: [SUPPLY, MISSILE]", "unknown slot 'MISSILE'"),
        ("slots: [SUPPLY, WEAPON]", "slots: [RU_SIDE, IR_SIDE]", "at least one lexicon slot"),
        ("context: [IR_SIDE]", "context: [US_SIDE]", "not one of requires"),
        ("window: 6", "window: 0", "window must be an integer"),
        ("requires: [RU_SIDE, IR_SIDE]\n    context", "requires: [NOBODY]\n    context", "NOBODY"),
        ("  RU_SIDE: [RU]", "  RU_SIDE: [XX]", "unknown actor 'XX'"),
    ],
)
def test_bad_composition_data_is_one_clear_error(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    assert old in CODEBOOK
    with pytest.raises(CodebookError, match=reason) as info:
        codebook_from_yaml(tmp_path, CODEBOOK.replace(old, new, 1), "bad.yaml")
    assert str(info.value).startswith("bad.yaml: ")


def test_context_is_refused_when_the_sentence_names_a_third_state(tmp_path: Path) -> None:
    text = CODEBOOK.replace(
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n",
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n"
        "  TR: {en: third state, kind: state, he: [טורקיה], ar: [تركيا]}\n",
    ).replace("    context: [IR_SIDE]\n", "    context: {groups: [IR_SIDE], unless: [TR]}\n")
    codebook = codebook_from_yaml(tmp_path, text)
    headline = "איראן מחכה למשלוח הגדול"
    m = tag(
        codebook,
        {
            # "Moscow will supply fighter jets to Turkey next month": Turkey, not Iran
            "third": ("he", [headline, "מוסקבה תספק מטוסי קרב לטורקיה בחודש הבא."]),
            "plain": ("he", [headline, "מוסקבה תספק מטוסי קרב בחודש הבא."]),
        },
    )
    assert found(m, "third") == []
    assert found(m, "plain") == [(1, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON +context:IR_SIDE@s0")]


def _near_codebook(tmp_path: Path, rule: str) -> object:
    """The test codebook with a MAYBE class and ARMS_A_TO_B's rule replaced by ``rule``."""
    text = CODEBOOK.replace(
        "  TO_RU: {he: [לרוסיה], ar: [لروسيا, إلى روسيا]}\n",
        "  TO_RU: {he: [לרוסיה], ar: [لروسيا, إلى روسيا]}\n  MAYBE: {he: [אולי], ar: [ربما]}\n",
    ).replace("      - {slots: [SUPPLY, WEAPON], window: 6, unless: [TO_RU]}\n", rule)
    return codebook_from_yaml(tmp_path, text)


# "Maybe Russia will supply Iran with tanks." (1 word between the modal and the verb)
MAYBE_BEFORE = "אולי רוסיה תספק לאיראן טנקים."
# "Russia will supply maybe Iran with tanks." (the modal among the composed words)
MAYBE_INSIDE = "רוסיה תספק אולי לאיראן טנקים."
# "Russia will supply Iran with tanks, maybe." (right after the last composed word)
MAYBE_AFTER = "רוסיה תספק לאיראן טנקים, אולי."
# "Maybe it will rain tomorrow morning in the big city, and Russia will supply Iran with
# tanks." — 7 words between the modal and the verb: another clause
MAYBE_FAR = "אולי יירד גשם מחר בבוקר בעיר הגדולה, ורוסיה תספק לאיראן טנקים."


def test_unless_near_voids_a_composition_only_within_its_window(tmp_path: Path) -> None:
    near = _near_codebook(
        tmp_path,
        "      - {slots: [SUPPLY, WEAPON], window: 6, unless_near: [MAYBE], unless_window: 3}\n",
    )
    sentences = {"before": MAYBE_BEFORE, "inside": MAYBE_INSIDE, "after": MAYBE_AFTER}
    docs = {name: ("he", [text]) for name, text in (*sentences.items(), ("far", MAYBE_FAR))}
    bare = tag(_near_codebook(tmp_path, "      - {slots: [SUPPLY, WEAPON], window: 6}\n"), docs)
    for name in docs:  # without a guard every one of them is the claim
        assert found(bare, name) == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")], name
    m = tag(near, docs)
    for name in sentences:
        assert found(m, name) == [], name
    assert found(m, "far") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    # the same word as a sentence-wide `unless` voids the far clause too
    wide = _near_codebook(
        tmp_path, "      - {slots: [SUPPLY, WEAPON], window: 6, unless: [MAYBE]}\n"
    )
    assert found(tag(wide, {"far": ("he", [MAYBE_FAR])}), "far") == []


def test_unless_near_defaults_to_eight_words(tmp_path: Path) -> None:
    near = _near_codebook(
        tmp_path, "      - {slots: [SUPPLY, WEAPON], window: 6, unless_near: [MAYBE]}\n"
    )
    # 7 words between: within the default window of 8
    assert found(tag(near, {"far": ("he", [MAYBE_FAR])}), "far") == []


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("{slots: [SUPPLY, WEAPON], unless_window: 4}", "unless_window needs unless_near"),
        (
            "{slots: [SUPPLY, WEAPON], unless_near: [MAYBE], unless_window: 0}",
            "unless_window must be an integer",
        ),
        ("{slots: [SUPPLY, WEAPON], unless_near: [PERHAPS]}", "unknown slot 'PERHAPS'"),
    ],
)
def test_bad_unless_near_is_one_clear_error(tmp_path: Path, rule: str, reason: str) -> None:
    with pytest.raises(CodebookError, match=reason):
        _near_codebook(tmp_path, f"      - {rule}\n")


def _list_codebook(tmp_path: Path, lists: str) -> object:
    """The test codebook with a third state (CN), an outsider (US) and ``lists`` on
    ARMS_A_TO_B."""
    text = CODEBOOK.replace(
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n",
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n"
        "  CN: {en: third state, kind: state, he: [סין], ar: [الصين]}\n"
        "  US: {en: other camp, kind: state, he: [ארצות הברית], ar: [أمريكا]}\n",
    ).replace("    context: [IR_SIDE]\n", f"    context: [IR_SIDE]\n    lists: {lists}\n")
    return codebook_from_yaml(tmp_path, text)


LIST_SENTENCES = {
    # "Plants in the United States, Russia and Iran supplied tanks to armies." — the two
    # sides only as members of a list with the other camp
    "listed": "מפעלים בארצות הברית, ברוסיה ובאיראן סיפקו טנקים לצבאות.",
    # "Plants in China, Russia and Iran supplied tanks ..." — no outsider in the list
    "no_outsider": "מפעלים בסין, ברוסיה ובאיראן סיפקו טנקים לצבאות.",
    # "Moscow supplied tanks to plants in the United States, China and Iran." — Russia named
    # outside the list
    "side_outside": "מוסקבה סיפקה טנקים למפעלים בארצות הברית, בסין ובאיראן.",
    # "Plants in the United States and Russia supplied tanks to Iran." — a list of two
    "two": "מפעלים בארצות הברית וברוסיה סיפקו טנקים לאיראן.",
}


def test_lists_guard_voids_sides_named_only_in_a_list_with_an_outsider(tmp_path: Path) -> None:
    docs = {name: ("he", [text]) for name, text in LIST_SENTENCES.items()}
    fired = [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    bare = tag(codebook_from_yaml(tmp_path, CODEBOOK), docs)
    for name in docs:  # without the guard every sentence carries the claim
        assert found(bare, name) == fired, name
    m = tag(_list_codebook(tmp_path, "[US]"), docs)
    assert found(m, "listed") == []
    for name in ("no_outsider", "side_outside", "two"):
        assert found(m, name) == fired, name
    # a longer minimum: three names are no background list
    longer = tag(_list_codebook(tmp_path, "{outsiders: [US], min_items: 4}"), docs)
    assert found(longer, "listed") == fired


GOVERNED_SENTENCES = {
    # "China supplied tanks to Iran and Russia." — the two sides are the objects of "to"
    # (the proclitic inside the name's match)
    "objects": ("ar", ["زودت الصين دبابات لإيران وروسيا."]),
    # "China supplied tanks together with Russia or Iran." — "or" joins them too
    "or": ("ar", ["زودت الصين دبابات مع روسيا أو إيران."]),
    # "Russia supplied tanks to Iran." — Russia outside: the claim stays
    "subject": ("ar", ["زودت روسيا دبابات لإيران."]),
    # "Russia and Iran supplied tanks with China." — the governed enumeration holds one name
    "pair_subject": ("ar", ["زودت روسيا وإيران دبابات مع الصين."]),
    # "With Russia, China supplied tanks to the armies of Iran." — one side in each place
    "apart": ("ar", ["مع روسيا زودت الصين دبابات لجيوش إيران."]),
}


def test_lists_governed_by_voids_sides_that_are_only_a_third_partys_objects(
    tmp_path: Path,
) -> None:
    text = CODEBOOK.replace(
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n",
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n"
        "  CN: {en: third state, kind: state, he: [סין], ar: [الصين]}\n",
    ).replace(
        "  CLOSE: {he: [הדוק*], ar: [وثيق*]}\n",
        "  CLOSE: {he: [הדוק*], ar: [وثيق*]}\n  WITH: {ar: [مع, لإيران]}\n",
    )
    bare = tag(codebook_from_yaml(tmp_path, text), GOVERNED_SENTENCES)
    fired = [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]
    for name in GOVERNED_SENTENCES:  # without the guard every sentence carries the claim
        assert found(bare, name) == fired, name
    guarded = text.replace(
        "    context: [IR_SIDE]\n",
        "    context: [IR_SIDE]\n    lists: {outsiders: [CN], governed_by: [WITH]}\n",
    )
    m = tag(codebook_from_yaml(tmp_path, guarded), GOVERNED_SENTENCES)
    assert found(m, "objects") == []
    assert found(m, "or") == []
    for name in ("subject", "pair_subject", "apart"):
        assert found(m, name) == fired, name
    with pytest.raises(CodebookError, match="governed_by must be a list of lexicon classes"):
        codebook_from_yaml(tmp_path, guarded.replace("governed_by: [WITH]", "governed_by: [CN]"))


UNLESS_WINDOW_DOCS = {
    # headline "Iran"; "Russia supplied fighter jets, a month after delegations from many
    # countries visited China." — China a clause away from the delivery
    "far": ("ar", ["إيران", "زودت روسيا مقاتلات بعد شهر من زيارة وفود من دول كثيرة إلى الصين."]),
    # "Russia supplied China with fighter jets." — China right at the delivery
    "near": ("ar", ["إيران", "زودت روسيا الصين مقاتلات."]),
}


@pytest.mark.parametrize(
    ("context", "far_fires"),
    [
        ("{groups: [IR_SIDE], unless: [CN]}", False),
        ("{groups: [IR_SIDE], unless: [CN], unless_window: 3}", True),
    ],
)
def test_context_unless_window_forbids_the_context_only_near_the_cue(
    tmp_path: Path, context: str, far_fires: bool
) -> None:
    text = CODEBOOK.replace(
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n",
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n"
        "  CN: {en: third state, kind: state, he: [סין], ar: [الصين]}\n",
    ).replace("    context: [IR_SIDE]\n", f"    context: {context}\n")
    m = tag(codebook_from_yaml(tmp_path, text), UNLESS_WINDOW_DOCS)
    fired = [(1, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON +context:IR_SIDE@s0")]
    assert found(m, "far") == (fired if far_fires else [])
    assert found(m, "near") == []


@pytest.mark.parametrize(
    ("context", "reason"),
    [
        ("{groups: [IR_SIDE], unless_window: 3}", "context unless_window needs unless"),
        ("{groups: [IR_SIDE], unless: [CN], unless_window: 0}", "unless_window must be an integer"),
    ],
)
def test_bad_context_unless_window_is_one_clear_error(
    tmp_path: Path, context: str, reason: str
) -> None:
    text = CODEBOOK.replace(
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n",
        "  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}\n"
        "  CN: {en: third state, kind: state, he: [סין], ar: [الصين]}\n",
    ).replace("    context: [IR_SIDE]\n", f"    context: {context}\n")
    with pytest.raises(CodebookError, match=reason):
        codebook_from_yaml(tmp_path, text)


@pytest.mark.parametrize(
    ("lists", "reason"),
    [
        ("[NOBODY]", "unknown actor, actor group or lexicon 'NOBODY' in lists"),
        ("{outsiders: [US], min_items: 1}", "min_items must be an integer from 2 to 10"),
        ("{min_items: 3}", "lists mapping has keys outsiders"),
        ("[]", "non-empty list"),
    ],
)
def test_bad_lists_guard_is_one_clear_error(tmp_path: Path, lists: str, reason: str) -> None:
    with pytest.raises(CodebookError, match=reason):
        _list_codebook(tmp_path, lists)


def test_a_cue_inside_a_web_address_is_no_claim(codebook) -> None:
    url = "https://example.com/2025/רוסיה-תספק-לאיראן-מטוסי-קרב.html"
    m = tag(codebook, {"chrome": ("he", [url]), "text": ("he", ["רוסיה תספק לאיראן מטוסי קרב."])})
    assert found(m, "chrome") == []
    assert found(m, "text") == [(0, "ARMS_A_TO_B", "compose:SUPPLY+WEAPON")]


# --- the project codebook's Hebrew side: paraphrase families and hard negatives ------------------
# Sentences written for these tests (not taken from any corpus); the expected claims are what a
# coder following ../shared/coding-manual.md gives them. Each document is a headline (s0) and
# the sentence under test (s1), so the article context is exercised too.

PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def project_codebook():
    return load_codebook(PROJECT_CODEBOOK)


HEBREW_CASES = [
    # RU_MILTECH_TO_IR: other binyanim / tenses, weapon in another form, giver before recipient
    ("רוסיה ואיראן", 'מוסקבה שולחת לטהרן מערכות נ"מ מתקדמות', {"RU_MILTECH_TO_IR"}),
    (
        "רוסיה ואיראן",
        "לפי הערכות, הקרמלין ישלח לאיראן מטוסי יירוט וחלקי חילוף",
        {"RU_MILTECH_TO_IR"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה החלה לסייע לאיראן בשיקום מערך ההגנה האווירית שנפגע",
        {"RU_MILTECH_TO_IR"},
    ),
    # IR_ARMS_TO_RU: drones spelled כטב"ם / רחפן / שאהיד, Iran giver before Russia recipient
    ("איראן ורוסיה", "איראן העבירה לצבא הרוסי מאות רחפני תקיפה", {"IR_ARMS_TO_RU"}),
    ("איראן ורוסיה", "טהרן ממשיכה לחמש את מוסקבה בטילים בליסטיים ובתחמושת", {"IR_ARMS_TO_RU"}),
    ("המלחמה באוקראינה", 'מוסקבה רכשה מאיראן אלפי כטב"מים מדגם שאהיד', {"IR_ARMS_TO_RU"}),
    # "between Russia and Iran" is not a recipient: the drone deal stays Iran's arms to Russia
    ("פוטין בטהרן", 'עסקת המל"טים בין רוסיה לאיראן עלתה בפגישה', {"IR_ARMS_TO_RU"}),
    # RU_LOYAL_PARTNER: closeness as predicate over a longer span, rapprochement, "its ally"
    (
        "רוסיה ואיראן",
        "היחסים בין מוסקבה לטהרן הפכו בשנים האחרונות הדוקים מאי פעם",
        {"RU_LOYAL_PARTNER"},
    ),
    ("רוסיה ואיראן", "ההתקרבות בין רוסיה לאיראן מדאיגה את ישראל", {"RU_LOYAL_PARTNER"}),
    # ... but a Russia–US rapprochement Iran fears is another claim
    ("רוסיה ואיראן", 'בטהרן חוששים מהתקרבות בין רוסיה לארה"ב', {"IR_FEARS_RU_US_THAW"}),
    ("התקיפה באיראן", "פוטין לא מיהר להגיב לפגיעה בבעלת בריתו", {"RU_LOYAL_PARTNER"}),
    # abandonment: RU_SUPPORT_LIMITED and a denied RU_LOYAL_PARTNER (manual)
    (
        "רוסיה ואיראן",
        "במוסקבה הפקירו את איראן ברגע האמת",
        {"RU_SUPPORT_LIMITED", "RU_LOYAL_PARTNER"},
    ),
    # PACT_STRATEGIC: signing in other tenses, energy and banking deals, reactor construction
    (
        "רוסיה ואיראן",
        "מוסקבה וטהרן ייחתמו בשבוע הבא על אמנה לשיתוף פעולה כלכלי",
        {"PACT_STRATEGIC"},
    ),
    ("רוסיה ואיראן", "רוסיה ואיראן סיכמו על עסקת גז טבעי בהיקף של מיליארדים", {"PACT_STRATEGIC"}),
    ("רוסאטום באיראן", "החברה הרוסית תקים בבושהר שני כורים חדשים עבור איראן", {"PACT_STRATEGIC"}),
    # the nuclear file: Russia refusing Iran the bomb; Russia defending the deal / opposing snapback
    ("רוסיה ואיראן", "מוסקבה הבהירה כי היא אינה מעוניינת באיראן גרעינית", {"RU_OPPOSES_IR_NUKE"}),
    (
        "הגרעין האיראני",
        "לברוב הדגיש כי רוסיה מתנגדת בתוקף להפעלת מנגנון הסנאפבק נגד טהרן",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    # restraint: a Russian call, the de-escalation word several words on
    (
        "המתיחות במפרץ",
        "הקרמלין הפציר בוושינגטון ובטהרן להימנע מצעדים שיובילו להסלמה",
        {"RU_URGES_RESTRAINT"},
    ),
    # a message carried by Russia between Israel and Iran
    ("רוסיה, ישראל ואיראן", "פוטין העביר לנתניהו מסר מטהרן", {"RU_MEDIATES_IL_IR"}),
    # Russia profiting from the war around Iran — but not from the war in Ukraine
    ("המלחמה במפרץ", "רוסיה נהנית מזינוק מחירי הנפט בעקבות המלחמה", {"RU_BENEFITS_FROM_WAR"}),
    ("רוסיה ואיראן", "רוסיה מרוויחה מהמלחמה באוקראינה", set()),
    # standing aside while its ally is attacked: limited support, and Iran called its ally
    (
        "התקיפות באיראן",
        "רוסיה עומדת מנגד בזמן שבעלת בריתה מותקפת",
        {"RU_SUPPORT_LIMITED", "RU_LOYAL_PARTNER"},
    ),
    # no defence clause, said of "the agreement" (and the pact mentioned in passing, manual)
    (
        "האמנה בין רוסיה לאיראן",
        "ההסכם אינו מחייב את מוסקבה לבוא לעזרת טהרן",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    # against the West: refusing the sanctions, trade without the dollar
    ("רוסיה ואיראן", "מוסקבה סירבה להצטרף לסנקציות על טהרן", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "רוסיה ואיראן יסחרו ביניהן במטבעות לאומיים במקום בדולר", {"ANTI_WEST_BLOC"}),
    # condemnation in other words, the strike as a bombing
    (
        "התקיפה באיראן",
        "משרד החוץ הרוסי מחה בחריפות על הפצצת מתקני הגרעין",
        {"RU_CONDEMNS_STRIKES"},
    ),
    # Iran fearing a Russia–US deal, in either order of the deal and Russia
    (
        "איראן ורוסיה",
        "בטהרן חוששים שמוסקבה תגיע להבנות עם וושינגטון על חשבונם",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # hard negatives: a question, modal speculation, a request, visits and calls, a membership list
    ("רוסיה ואיראן", "האם רוסיה תספק לאיראן מערכות הגנה אווירית?", set()),
    ("רוסיה ואיראן", "רוסיה עשויה לספק לאיראן מערכות הגנה אווירית בעתיד", set()),
    ("רוסיה ואיראן", "איראן ביקשה מרוסיה מערכות הגנה אווירית", set()),
    ("רוסיה ואיראן", "פוטין הגיע לביקור בטהרן ונפגש עם המנהיג העליון", set()),
    ("רוסיה ואיראן", "ארגון שנגחאי כולל את רוסיה, סין, הודו ואיראן", set()),
    ("רוסיה ואיראן", "היחסים בין רוסיה לאיראן יעלו לדיון בפגישה הקרובה", set()),
    # weapon names alone are a claim only without a wish: S-400 wanted is not S-400 delivered
    ("רוסיה ואיראן", "איראן קיבלה מרוסיה את מערכות ההגנה האווירית S-400", {"RU_MILTECH_TO_IR"}),
    ("רוסיה ואיראן", "איראן מעוניינת לרכוש מרוסיה מערכות S-400", set()),
    # a contract to deliver weapons is the arms claim, not the pact (manual)
    (
        "רוסיה ואיראן",
        'טהרן וחברת רוסובורונאקספורט חתמו על חוזה לאספקת מערכות מכ"ם',
        {"RU_MILTECH_TO_IR"},
    ),
    # launching missiles is not supplying them; intelligence officials are not intelligence given
    ("רוסיה ואיראן", "איראן שיגרה טילים בליסטיים לעבר ישראל", set()),
    (
        "רוסיה ואיראן",
        "לפי גורמי מודיעין מערביים, רוסיה מעבירה לאיראן ידע בתחום הלוחמה האלקטרונית",
        {"RU_MILTECH_TO_IR"},
    ),
    # a US–Russia treaty in an article about Iran is no Russia–Iran pact
    ("רוסיה ואיראן", 'ארה"ב ורוסיה חתמו על הסכם לצמצום נשק גרעיני', set()),
    # enrichment as a verb (להעשיר), the right defended by Russia
    (
        "רוסיה ואיראן",
        "לברוב: לאיראן יש זכות מלאה להעשיר אורניום למטרות שלום",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    # the regime's name as the Iranian side; evading sanctions (but not "sanctions against Iran")
    ("רוסיה ואיראן", 'משטר האייתוללות מספק לרוסיה מזל"טים מתאבדים', {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "רוסיה ואיראן פועלות יחד כדי לעקוף את הסנקציות", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "הסנקציות נגד איראן לא השפיעו על שיתוף הפעולה עם רוסיה", set()),
    # idioms: "comes out ahead" (benefit), "will not be dragged into a war for Iran" (limited)
    ("רוסיה ואיראן", "רוסיה יוצאת נשכרת מהמשבר במפרץ", {"RU_BENEFITS_FROM_WAR"}),
    ("רוסיה ואיראן", "לברוב הבהיר כי רוסיה לא תיגרר למלחמה בשביל איראן", {"RU_SUPPORT_LIMITED"}),
    # Hebrew news sentences are long: giver, verb, recipient and weapon around a parenthesis
    (
        "רוסיה ואיראן",
        "בכיר אמריקני אמר כי איראן ממשיכה לספק לצבא הרוסי, למרות האזהרות החוזרות מצד וושינגטון"
        " ובירות אירופה, כמויות גדולות של פגזי ארטילריה",
        {"IR_ARMS_TO_RU"},
    ),
    # ... but weapons for another recipient in the same sentence are no delivery to Iran
    (
        "רוסיה ואיראן",
        'רוסיה סייעה לאיראן לעקוף את הסנקציות, בעוד ארה"ב ממשיכה לספק לישראל טילים',
        {"ANTI_WEST_BLOC"},
    ),
    # "agreed to" (הסכימו) is no agreement signed; trade in local currencies is de-dollarisation
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן הסכימו להגביר את המסחר במטבעות המקומיים",
        {"ANTI_WEST_BLOC"},
    ),
    # a message handed over by Russia (מסרה ... מסר) between Israel and Iran
    ("רוסיה ואיראן", "רוסיה מסרה לאיראן מסר מישראל שלפיו אין בכוונתה לתקוף", {"RU_MEDIATES_IL_IR"}),
    # more hard negatives: a visit, a wish, a third state, "regarding", a goal that is not a target
    ("רוסיה ואיראן", "שר החוץ הרוסי ביקר בטהרן ונפגש עם מקבילו", set()),
    ("רוסיה ואיראן", "איראן מקווה שרוסיה תמכור לה מטוסי קרב בעתיד", set()),
    ("רוסיה ואיראן", "רוסיה העבירה לסין מערכות הגנה אווירית", set()),
    ("רוסיה ואיראן", "בקשר לעסקה הקרובה, הקרמלין סירב להגיב", set()),
    ("רוסיה ואיראן", "מוסקבה מכרה לאיראן ציוד למטרות שלום בלבד", set()),
    # --- session 3: paraphrase families a Hebrew reader expects (sentences written for these
    # --- tests, not taken from any gold set)
    # a patron named as such; partner / friend nouns with a loyalty adjective; an observed
    # tightening; standing by and backing in other verbs
    ("רוסיה ואיראן", "מוסקבה היא אחת התומכות העיקריות של המשטר בטהרן", {"RU_LOYAL_PARTNER"}),
    ("לברוב בטהרן", "פסקוב: רוסיה נותרת שותפה נאמנה של איראן", {"RU_LOYAL_PARTNER"}),
    ("פוטין", '"רוסיה היא ידידה אמיתית של העם האיראני", אמר פוטין', {"RU_LOYAL_PARTNER"}),
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן מהדקות את הקשרים ביניהן על רקע הבידוד הבינלאומי",
        {"RU_LOYAL_PARTNER"},
    ),
    ("פוטין נפגש עם פזשכיאן", "פוטין הבטיח כי רוסיה תמשיך לעמוד לצד איראן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה תומכת באופן מלא בעמדת איראן", {"RU_LOYAL_PARTNER"}),
    # ... but "trying to deepen" is an intention, and a question voids standing by
    ("רוסיה ואיראן", "איראן מנסה להעמיק את קשריה עם רוסיה", set()),
    ("רוסיה ואיראן", "האם רוסיה תעמוד לצד איראן?", set()),
    # limited support: verbal only, weak, balancing Israel and the Gulf, left alone, hollow
    ("רוסיה ואיראן", "התמיכה הרוסית באיראן נותרה מילולית בלבד", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "תגובתה של מוסקבה הייתה רפה", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה מקפידה לשמור על איזון בין ישראל לאיראן", {"RU_SUPPORT_LIMITED"}),
    (
        "רוסיה ואיראן",
        "פוטין מעדיף את יחסיו עם מדינות המפרץ על פני איראן",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "ברגע האמת רוסיה השאירה את איראן לבד", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה נשארה מהצד כשאיראן הותקפה", {"RU_SUPPORT_LIMITED"}),
    (
        "רוסיה ואיראן",
        "רוסיה לא מעוניינת להסתבך בעימות צבאי עם ארה״ב בשביל איראן",
        {"RU_SUPPORT_LIMITED"},
    ),
    (
        "רוסיה ואיראן",
        "הברית עם רוסיה התבררה כחלולה",
        {"RU_SUPPORT_LIMITED", "RU_LOYAL_PARTNER"},
    ),
    # the balance of power is no balancing act
    ("רוסיה ואיראן", "המטוסים הרוסיים ישנו את מאזן הכוחות בין ישראל לאיראן", set()),
    # condemnation: aggression called unjustified, a killing denounced, a reckless bombing
    ("רוסיה ואיראן", "פוטין: התוקפנות נגד איראן אינה מוצדקת בשום צורה", {"RU_CONDEMNS_STRIKES"}),
    ("רוסיה ואיראן", "זכרובה: רוסיה מוקיעה את רצח המדען האיראני", {"RU_CONDEMNS_STRIKES"}),
    (
        "רוסיה ואיראן",
        'מדבדב כינה את ההפצצה האמריקנית "הימור פזיז ומסוכן"',
        {"RU_CONDEMNS_STRIKES"},
    ),
    # against the West: a veto on sanctions, undermining the US-led order; talks are no front
    (
        "רוסיה ואיראן",
        "רוסיה הטילה וטו על הצעת ההחלטה להטיל סנקציות על איראן",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "מוסקבה וטהרן מבקשות לערער את הסדר העולמי בהובלת ארה״ב",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן עוברות לסחר במטבעות מקומיים כדי לנטוש את הדולר",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "באיראן חוששים שרוסיה תשתמש בה כקלף מיקוח מול ארה״ב",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # Iran fearing a Russia–US summit, the fear after the thaw
    ("רוסיה ואיראן", "פסגת פוטין-טראמפ מעוררת דאגה בטהרן", {"IR_FEARS_RU_US_THAW"}),
    (
        "רוסיה ואיראן",
        "ההבנות המתגבשות בין טראמפ לפוטין מדאיגות את טהרן",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # an agreement Russia would make with the US is not the Russia–Iran pact
    (
        "רוסיה ואיראן",
        "בטהרן חוששים שפוטין ימכור את איראן תמורת הסכם עם טראמפ על אוקראינה",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # intelligence shared (חולקת), spy-satellite imagery; uncertainty is no claim
    ("רוסיה ואיראן", "רוסיה חולקת מודיעין עם איראן", {"RU_INTEL_TO_IR"}),
    (
        "רוסיה ואיראן",
        "לפי הדיווח, לווייני ריגול רוסיים העבירו לאיראן תמונות של בסיסים אמריקניים",
        {"RU_INTEL_TO_IR"},
    ),
    ("רוסיה ואיראן", "לא ברור אם רוסיה מעבירה מודיעין לאיראן", set()),
    # the nuclear file: "must stay civilian" is a limit; "is civilian" is backing; snapback illegal
    (
        "רוסיה ואיראן",
        "מוסקבה הבהירה לטהרן כי תוכנית הגרעין חייבת להישאר אזרחית",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    ("רוסיה ואיראן", "לברוב: איראן לא צריכה להחזיק בנשק גרעיני", {"RU_OPPOSES_IR_NUKE"}),
    (
        "רוסיה ואיראן",
        "אוליאנוב אמר כי תוכנית הגרעין האיראנית היא אזרחית ואינה מהווה איום",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    ("רוסיה ואיראן", "רוסיה: מנגנון הסנאפבק בלתי חוקי", {"RU_BACKS_IR_NUCLEAR_RIGHT"}),
    (
        "רוסיה ואיראן",
        "לברוב קרא לחזור להסכם הגרעין במתכונתו המקורית",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    # a channel between Israel and Iran; calming the situation; a warning of disaster
    (
        "רוסיה, ישראל ואיראן",
        "רוסיה משמשת ערוץ תקשורת בין ישראל לאיראן",
        {"RU_MEDIATES_IL_IR"},
    ),
    ("רוסיה ואיראן", "פסקוב: יש לפעול להרגעת המצב סביב איראן", {"RU_URGES_RESTRAINT"}),
    (
        "רוסיה ואיראן",
        "פוטין הזהיר כי תקיפה על איראן תוביל לאסון אזורי",
        {"RU_URGES_RESTRAINT"},
    ),
    ("רוסיה ואיראן", "רוסיה יוצאת מורווחת מהמשבר", {"RU_BENEFITS_FROM_WAR"}),
    # no defence clause spelled "there is no clause of mutual military aid"
    (
        "רוסיה ואיראן",
        "לדברי פסקוב, אין באמנה עם איראן סעיף של סיוע צבאי הדדי",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    # more hard negatives: intentions, a third state's treaty, a visit, a drill
    ("רוסיה ואיראן", "רוסיה ואיראן דנו בדרכים להעמקת שיתוף הפעולה הצבאי", set()),
    ("רוסיה ואיראן", "סין ואיראן חתמו על הסכם שיתוף פעולה ל-25 שנה", set()),
    ("רוסיה ואיראן", "רוסיה ואיראן קיימו תרגיל ימי משותף במפרץ עומאן", set()),
    ("רוסיה ואיראן", "רוסיה מתכננת להגביר את שיתוף הפעולה הכלכלי עם איראן", set()),
    # Israel–Russia closeness, a Russian call on Ukraine, an Iranian condemnation: the Iran /
    # Russia of the headline is not taken for them (context unless)
    ("רוסיה ואיראן", "הקשרים בין ישראל לרוסיה התהדקו בשנים האחרונות", set()),
    ("רוסיה ואיראן", "רוסיה וישראל מקיימות יחסים קרובים", set()),
    ("רוסיה ואיראן", "רוסיה הזהירה את אוקראינה מפני הסלמה", set()),
    ("רוסיה ואיראן", "איראן גינתה את התקיפה הישראלית", set()),
    # the Gulf states balancing is no Russian balancing act; a demand is no delivery
    ("רוסיה ואיראן", "מדינות המפרץ שומרות על איזון בין וושינגטון למוסקבה", set()),
    ("רוסיה ואיראן", "איראן דורשת מרוסיה להאיץ את אספקת מטוסי הסוחוי", set()),
    # talks about a project are an intention, even with the pair in the headline
    (
        "פוטין ופזשכיאן נפגשו בקזאן",
        "השניים דנו בהרחבת שיתוף הפעולה הכלכלי ובפרויקט מסדרון התחבורה צפון-דרום",
        set(),
    ),
    # the treaty named, neither side: the article's pair (PACT_NO_DEFENCE: none_named) — the missing defence
    # clause beside Russia's treaty with North Korea (the pact in passing, PACT_STRATEGIC, is
    # lost here: the third-state guard keeps Iran from the headline when North Korea is named)
    (
        "פוטין ופזשכיאן חתמו על אמנת שותפות אסטרטגית מקיפה",
        "בניגוד להסכם שחתמה מוסקבה עם פיונגיאנג, האמנה אינה כוללת סעיף הגנה הדדית",
        {"PACT_NO_DEFENCE"},
    ),
    # ... neither side named after "Russia and Iran": the treaty in passing too (PACT_STRATEGIC
    # opts into none_named, session 6; the manual: a sentence about its missing clause states
    # that the treaty exists)
    (
        "רוסיה ואיראן",
        "האמנה אינה כוללת סעיף הגנה הדדית",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    # the pact in passing (what the treaty does not include), Iran named, Russia the headline's
    (
        "רוסיה ואיראן",
        "האמנה עם איראן אינה כוללת סעיף הגנה הדדית",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    # a pair reference (השתיים) and interests-not-alliance said of "the two countries"
    (
        "פוטין ופזשכיאן חתמו על אמנת שותפות",
        "השתיים חתמו גם על שורה של הסכמים לשיתוף פעולה כלכלי",
        {"PACT_STRATEGIC"},
    ),
    (
        "רוסיה ואיראן",
        "היחסים בין שתי המדינות הם שותפות של אינטרסים ולא ברית",
        {"RU_SUPPORT_LIMITED"},
    ),
    # plural partners (שותפות אסטרטגיות) vs the partnership; a three-way rapprochement
    ("רוסיה ואיראן", "לברוב: רוסיה ואיראן הן שותפות אסטרטגיות", {"RU_LOYAL_PARTNER"}),
    (
        "ציר הרשע מתהדק",
        "ההתקרבות בין רוסיה, איראן וצפון קוריאה הואצה מאז הפלישה לאוקראינה",
        {"RU_LOYAL_PARTNER"},
    ),
    # oil money for the Kremlin; rejecting the snapback (backing, and against the sanctions)
    (
        "מי מרוויח מהמלחמה במפרץ?",
        "מחירי הנפט המזנקים מכניסים לקופת רוסיה מיליארדי דולרים",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה וסין דחו את הפעלת מנגנון הסנקציות נגד איראן",
        {"RU_BACKS_IR_NUCLEAR_RIGHT", "ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "בכירים בטהרן אומרים כי מוסקבה לא עשתה דבר כדי לעזור להם",
        {"RU_SUPPORT_LIMITED"},
    ),
    # a promised support (the one promised in between); disavowal; keeping its distance
    ("רוסיה ואיראן", "פוטין הבטיח לפזשכיאן תמיכה מלאה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "ישראל הבטיחה לארה״ב תמיכה", set()),
    (
        "רוסיה ואיראן",
        "רוסיה התנערה מאיראן בשעתה הקשה",
        {"RU_SUPPORT_LIMITED", "RU_LOYAL_PARTNER"},
    ),
    ("רוסיה ואיראן", "מוסקבה שומרת מרחק מהעימות בין ישראל לאיראן", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "פוטין לא יקריב את היחסים עם ישראל למען טהרן", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה שומרת על האינטרסים המשותפים עם איראן", set()),
    # the definite "the treaty" / "the first planes" after a headline carrying the claim refers
    # back to it (anaphor), naming neither side
    (
        "רוסיה ואיראן חתמו על אמנה ל-20 שנה",
        "האמנה כוללת שיתוף פעולה בתחומי הביטחון, האנרגיה, הסחר והתחבורה",
        {"PACT_STRATEGIC"},
    ),
    (
        "רוסיה תספק לאיראן מטוסי סוחוי-35",
        "המטוסים הראשונים צפויים להגיע לטהרן כבר בחודש הבא",
        {"RU_MILTECH_TO_IR"},
    ),
    # officials named alone stand for their side (Witkoff for the US, Ushakov for Russia)
    (
        "הפסגה באלסקה",
        "בטהרן מודאגים מההבנות בין אושאקוב לוויטקוף",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # ratified in the passive; smuggled shells; helicopters to be handed over
    ("רוסיה ואיראן", "אמנת השותפות עם רוסיה אושרה בפרלמנט האיראני", {"PACT_STRATEGIC"}),
    ("רוסיה ואיראן", "איראן הבריחה לרוסיה פגזי ארטילריה דרך הים הכספי", {"IR_ARMS_TO_RU"}),
    (
        "רוסיה ואיראן",
        "מסוקי התקיפה יימסרו לאיראן עד סוף השנה, מסרו ברוסיה",
        {"RU_MILTECH_TO_IR"},
    ),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES)
def test_hebrew_paraphrase_families_of_the_project_codebook(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 4: more Hebrew families (sentences written for these tests; expected values from the
# coding manual). Each positive has a hard negative beside it: an intention, a wish or modal, a
# third party, the Soviet Union, NATO, the other direction of a delivery.
HEBREW_CASES_S4 = [
    # the alliance / axis of the two, both named around it; the two called allies
    ("רוסיה ואיראן", "הציר הרוסי-איראני מתחזק מאז הפלישה לאוקראינה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "הברית בין מוסקבה לטהרן התהדקה בשנה האחרונה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה ואיראן הפכו לבעלות ברית", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה ואיראן שואפות להפוך לבעלות ברית", set()),
    ("רוסיה ואיראן", "מאז ימי ברית המועצות רוסיה ואיראן סוחרות בנפט", set()),
    ("רוסיה ואיראן", 'ברית נאט"ו מאיימת על רוסיה ואיראן', set()),
    # the axis named as such, with Russia in it; Iran's proxy axis is not the bloc
    (
        "ציר הרשע",
        "רוסיה, סין, איראן וצפון קוריאה מרכיבות את ציר הרשע החדש",
        {"ANTI_WEST_BLOC"},
    ),
    ("רוסיה ואיראן", "ציר הרשע של איראן כולל את חיזבאללה וחמאס", set()),
    # the fear first, then Tehran, then the deal (and the other order of the deal's sides)
    ("רוסיה ואיראן", "החשש בטהרן: עסקה בין פוטין לטראמפ על חשבונה", {"IR_FEARS_RU_US_THAW"}),
    ("רוסיה ואיראן", "באיראן חוששים שפוטין יסכם עם טראמפ על גבם", {"IR_FEARS_RU_US_THAW"}),
    ("רוסיה ואיראן", "באיראן חוששים מתקיפה אמריקנית", set()),
    # Iranian-made missiles fired by Russia; Iranian missiles on Israel are no delivery
    (
        "המלחמה באוקראינה",
        "הצבא הרוסי שיגר לעבר קייב טילים בליסטיים איראניים",
        {"IR_ARMS_TO_RU"},
    ),
    ("רוסיה ואיראן", "טילים איראניים פגעו בבסיס בישראל", set()),
    ("רוסיה ואיראן", "הסיוע הצבאי האיראני לרוסיה הולך ומתרחב", {"IR_ARMS_TO_RU"}),
    # the source decides the direction: received from Iran, bought from Russia
    ("רוסיה ואיראן", "רוסיה קיבלה מאיראן משלוח גדול של פגזי ארטילריה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "איראן רכשה מרוסיה תחמושת ומסוקי תקיפה", {"RU_MILTECH_TO_IR"}),
    # a delivery reported by its arrival; a possible arrival is none
    ("רוסיה ואיראן", "מערכות ההגנה האווירית הרוסיות הגיעו לאיראן", {"RU_MILTECH_TO_IR"}),
    ("רוסיה ואיראן", "ייתכן שמטוסי הסוחוי יגיעו לאיראן בקרוב", set()),
    # help with intelligence; not knowing whether is no claim (manual)
    (
        "רוסיה ואיראן",
        "רוסיה מסייעת לאיראן במודיעין על תנועות הצי האמריקני",
        {"RU_INTEL_TO_IR"},
    ),
    ("רוסיה ואיראן", "לא ברור אם רוסיה מסייעת לאיראן במודיעין", set()),
    # the go-between with the Russian side named; a request, or Qatar's mediation, is not it
    ("רוסיה ואיראן", "פוטין מתווך בין ישראל לאיראן", {"RU_MEDIATES_IL_IR"}),
    ("רוסיה ואיראן", "ישראל ביקשה מפוטין לתווך מול איראן", set()),
    ("רוסיה ואיראן", "קטאר מתווכת בין ישראל לאיראן בידיעת רוסיה", set()),
    # profit: does good to / plays into the hands of; not the war in Ukraine
    (
        "רוסיה ואיראן",
        "עליית מחירי הנפט בעקבות המלחמה מיטיבה עם רוסיה",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    ("רוסיה ואיראן", "המלחמה במפרץ משחקת לידי הקרמלין", {"RU_BENEFITS_FROM_WAR"}),
    ("רוסיה ואיראן", "המלחמה באוקראינה משחקת לידי הקרמלין", set()),
    # an act of aggression
    (
        "התקיפה באיראן",
        'פסקוב כינה את התקיפות על איראן "מעשה תוקפנות"',
        {"RU_CONDEMNS_STRIKES"},
    ),
    # no troops, delayed deliveries, lip service (not closeness)
    (
        "רוסיה ואיראן",
        "הקרמלין הבהיר כי רוסיה לא תשלח חיילים להגנת איראן",
        {"RU_SUPPORT_LIMITED"},
    ),
    (
        "רוסיה ואיראן",
        "מוסקבה ממשיכה לעכב את אספקת מטוסי הסוחוי לטהרן",
        {"RU_SUPPORT_LIMITED", "RU_MILTECH_TO_IR"},
    ),
    ("רוסיה ואיראן", "התמיכה הרוסית באיראן היא מס שפתיים", {"RU_SUPPORT_LIMITED"}),
    # "the presidents" stand for the article's pair only when it is Russia and Iran
    (
        "פוטין ופזשכיאן נפגשו בקרמלין",
        "הנשיאים חתמו על אמנת שותפות אסטרטגית מקיפה",
        {"PACT_STRATEGIC"},
    ),
    ("ארדואן ואלייב נפגשו בבאקו", "הנשיאים חתמו על הסכם שיתוף פעולה", set()),
    (
        "רוסיה ואיראן",
        "מוסקבה וטהרן חתמו על מפת דרכים לשיתוף פעולה בתחום האנרגיה",
        {"PACT_STRATEGIC"},
    ),
    # came out against the strike; "must be solved peacefully"; helping settle the crisis
    ("התקיפה באיראן", "רוסיה יצאה בחריפות נגד התקיפה האמריקנית", {"RU_CONDEMNS_STRIKES"}),
    (
        "רוסיה ואיראן",
        "פוטין: יש לפתור את הסוגיה הגרעינית בדרכי שלום",
        {"RU_URGES_RESTRAINT"},
    ),
    (
        "רוסיה ואיראן",
        "הקרמלין: רוסיה מוכנה לסייע ביישוב המשבר סביב איראן",
        {"RU_URGES_RESTRAINT"},
    ),
    # drawing closer (present); drawing closer to the US is not closeness with Iran
    ("רוסיה ואיראן", "רוסיה ואיראן הולכות ומתקרבות", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", 'רוסיה מתקרבת לארה"ב', set()),
    # blocking the sanctions; voting against bringing the UN sanctions back; shielding Iran
    (
        "רוסיה ואיראן",
        "רוסיה חסמה במועצת הביטחון את הסנקציות על איראן",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה וסין הצביעו נגד ההצעה להחזיר את הסנקציות על איראן",
        {"RU_BACKS_IR_NUCLEAR_RIGHT", "ANTI_WEST_BLOC"},
    ),
    ("רוסיה ואיראן", 'רוסיה מגינה על איראן בסבא"א', {"RU_BACKS_IR_NUCLEAR_RIGHT"}),
    # cannot help; settled for statements; distancing; the Iranian side angry at Moscow — but
    # Iran criticising Israel and the US is not about Russia
    (
        "רוסיה ואיראן",
        "רוסיה, העסוקה באוקראינה, אינה יכולה לסייע לאיראן",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "מוסקבה הסתפקה בהצהרות", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה מתרחקת מאיראן", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "גורמים באיראן מתחו ביקורת חריפה על רוסיה", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "בטהרן זועמים על מוסקבה", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", 'איראן מתחה ביקורת על ישראל ועל ארה"ב', set()),
    # Iranian drones with a word between; launched at Israel they are no delivery to Russia
    (
        "רוסיה ואיראן",
        "רוסיה משגרת רחפני נפץ איראניים לעבר ערי אוקראינה",
        {"IR_ARMS_TO_RU"},
    ),
    ("רוסיה ואיראן", 'כטב"מים איראניים שוגרו הלילה לעבר ישראל', set()),
    # a question headline presupposing the fact carries it (manual)
    ("רוסיה ואיראן", "מדוע רוסיה לא עזרה לאיראן?", {"RU_SUPPORT_LIMITED"}),
    # a delivery naming neither side takes both from the article's most recent pair (none_named):
    # Russia and Iran, not Turkey and Azerbaijan; a sentence naming the US and Israel is theirs
    (
        "רוסיה תספק לאיראן מטוסי סוחוי",
        "מטוסי הקרב הראשונים יסופקו עד סוף השנה",
        {"RU_MILTECH_TO_IR"},
    ),
    ("איראן ורוסיה", 'לדבריו, היא העבירה להם מאות כטב"מים', {"IR_ARMS_TO_RU"}),
    ("טורקיה ואזרבייג'ן", 'לדבריו, היא העבירה להם מאות כטב"מים', set()),
    ("רוסיה ואיראן", 'ארה"ב סיפקה לישראל מערכות הגנה אווירית', set()),
    ("רוסיה ואיראן", "ייתכן שמטוסי הקרב יסופקו בקרוב", set()),
    # readiness to mediate or help calm things on Iran is a call for calm; about Gaza it is not
    # (manual: Iran in scope), and between Israel and Iran it is mediation instead
    (
        "רוסיה ואיראן",
        "מוסקבה הביעה נכונות לתווך בין וושינגטון לטהרן",
        {"RU_URGES_RESTRAINT"},
    ),
    (
        "רוסיה ואיראן",
        "פוטין הציע לסייע בהפחתת המתיחות סביב איראן",
        {"RU_URGES_RESTRAINT"},
    ),
    (
        "פוטין ונתניהו שוחחו",
        "פוטין הביע נכונות לסייע בהשגת הפסקת אש ברצועת עזה",
        set(),
    ),
    ("רוסיה ואיראן", "רוסיה קראה להפסקת אש מיידית בעזה", set()),
    ("רוסיה ואיראן", "פוטין הציע לתווך בין ישראל לאיראן", {"RU_MEDIATES_IL_IR"}),
    # a delivery sentence naming Israel is not taken for the article's pair (context unless)
    (
        "רוסיה תספק לאיראן מערכות הגנה אווירית",
        "ישראל השמידה את מערכות ההגנה האווירית שסופקו בשנה שעברה",
        set(),
    ),
    (
        "רוסיה תספק לאיראן מערכות הגנה אווירית",
        "מערכות ההגנה האווירית יסופקו בשנה הבאה",
        {"RU_MILTECH_TO_IR"},
    ),
    # Iran's involvement in the war on Ukraine (denied: the claim, negated); a possible one, or
    # one in Yemen, is not
    ("רוסיה ואיראן", "איראן מכחישה כל מעורבות במלחמה באוקראינה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "מעורבותה של איראן במלחמה באוקראינה הולכת וגדלה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "ייתכן שאיראן תהיה מעורבת במלחמה באוקראינה", set()),
    ("רוסיה ואיראן", "איראן מעורבת במלחמה בתימן", set()),
    # Russia did not deliver / refrained from condemning: limited support; Iran not condemning
    # Russia is no claim
    (
        "רוסיה ואיראן",
        "רוסיה לא סיפקה לאיראן את מערכות ה-S-400 שביקשה",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "רוסיה נמנעה מלגנות את התקיפה", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "איראן לא גינתה את רוסיה", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S4)
def test_more_hebrew_families_with_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 5: Hebrew families written from a reader's knowledge of Hebrew news language
# (sentences written for these tests; expected values from the coding manual), each family with
# a hard negative: a wish, request or expectation, a third party, another conflict, a strike on
# Russia, the other direction of a delivery.
HEBREW_CASES_S5 = [
    # Iran as Russia's arms supplier / arming it / its military aid; Russia as Iran's
    ("רוסיה ואיראן", "איראן הפכה לספקית הנשק המרכזית של רוסיה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "רוסיה היא ספקית הנשק העיקרית של איראן", {"RU_MILTECH_TO_IR"}),
    ("רוסיה ואיראן", "טהרן ממשיכה לחמש את מוסקבה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "מוסקבה מחמשת את טהרן", {"RU_MILTECH_TO_IR"}),
    ("רוסיה ואיראן", "תמיכתה הצבאית של איראן ברוסיה מתרחבת", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "הסיוע הצבאי של רוסיה לאיראן גדל", {"RU_MILTECH_TO_IR"}),
    # asking for military aid, or receiving it from Russia, is not Iran's aid to Russia
    ("רוסיה ואיראן", "איראן ביקשה סיוע צבאי מרוסיה", set()),
    ("רוסיה ואיראן", "איראן מקבלת סיוע צבאי מרוסיה", set()),
    # drones given in return, drones from Iran used by the Russian side
    (
        "רוסיה ואיראן",
        'בתמורה לכטב"מים, מוסקבה מעבירה לטהרן ידע טכנולוגי צבאי',
        {"IR_ARMS_TO_RU", "RU_MILTECH_TO_IR"},
    ),
    ("המלחמה באוקראינה", "הקרמלין מסתמך על רחפנים מאיראן", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "החות'ים קיבלו רחפנים מאיראן", set()),
    # expected / planning to deliver is no delivery (manual: modal speculation, intentions)
    ("רוסיה ואיראן", "איראן צפויה לספק לרוסיה טילים בליסטיים", set()),
    ("רוסיה ואיראן", "רוסיה מתכננת למכור לאיראן מטוסי קרב", set()),
    # Iranian drones launched by the Houthis are no delivery to Russia
    ("רוסיה ואיראן", "החות'ים שיגרו כטב\"מים איראניים לעבר אילת", set()),
    # friendship, the strategic back, Iran thanking Russia for its support, ties at a peak
    ("רוסיה ואיראן", "הידידות בין העמים הרוסי והאיראני עמוקה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "מוסקבה הפכה לגב האסטרטגי של טהרן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "פזשכיאן הודה לפוטין על תמיכתה של רוסיה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "היחסים בין רוסיה לאיראן עלו מדרגה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "פוטין וחמינאי מקיימים קשר אישי קרוב", {"RU_LOYAL_PARTNER"}),
    # ... Israel's friendship with Russia, or a wish to upgrade ties, is not it
    ("רוסיה ואיראן", "הידידות בין ישראל לרוסיה נשמרת", set()),
    ("רוסיה ואיראן", "רוסיה ואיראן מקוות שהיחסים יעלו מדרגה", set()),
    # standing up together to US pressure; condemning the sanctions, calling them illegal
    ("רוסיה ואיראן", "לברוב: רוסיה ואיראן יתנגדו יחד ללחץ האמריקני", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "רוסיה גינתה את הסנקציות החדשות על איראן", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "פוטין: הסנקציות על איראן בלתי חוקיות", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "מוסקבה וטהרן מנסות לבנות סדר עולמי חלופי", {"ANTI_WEST_BLOC"}),
    # Iran condemning the sanctions (Russia only in the headline), talks with the US: not it
    ("רוסיה ואיראן", "איראן גינתה את הסנקציות האמריקניות", set()),
    ("רוסיה ואיראן", 'איראן ורוסיה מנהלות משא ומתן מול ארה"ב', set()),
    # a strike called a grave mistake / against international law by the Russian side
    (
        "רוסיה ואיראן",
        "מדבדב: התקיפות האמריקניות על איראן הן טעות חמורה",
        {"RU_CONDEMNS_STRIKES"},
    ),
    (
        "רוסיה ואיראן",
        "משרד החוץ הרוסי: הפצצת מתקני הגרעין באיראן מנוגדת לחוק הבינלאומי",
        {"RU_CONDEMNS_STRIKES"},
    ),
    # a strike on Russia, a strike in Gaza: Russia condemning it is not about Iran
    ("רוסיה ואיראן", "רוסיה גינתה את התקיפה האוקראינית על מוסקבה", set()),
    ("רוסיה ואיראן", "רוסיה גינתה את התקיפה הישראלית ברצועת עזה", set()),
    # restraint with Iran in scope; in Gaza it is not (manual)
    ("רוסיה ואיראן", "פסקוב: על כל הצדדים לנהוג באיפוק", {"RU_URGES_RESTRAINT"}),
    (
        "התקיפה באיראן",
        "לברוב הזהיר מפני התלקחות אזורית בעקבות התקיפה באיראן",
        {"RU_URGES_RESTRAINT"},
    ),
    ("רוסיה ואיראן", "רוסיה קראה לאיפוק ברצועת עזה", set()),
    # a request to Russia to pass a message is no mediation; Russia's mediation reported is
    ("רוסיה ואיראן", "ישראל ביקשה מרוסיה להעביר מסר מרגיע לטהרן", set()),
    (
        "רוסיה ואיראן",
        "תיווכה של רוסיה החל בדצמבר, לאחר שנתניהו ביקש מפוטין להעביר מסר לאיראן",
        {"RU_MEDIATES_IL_IR"},
    ),
    # interests, not values; support that amounted to statements; not doing enough
    (
        "רוסיה ואיראן",
        "הקשרים בין רוסיה לאיראן מבוססים על אינטרסים ולא על ערכים משותפים",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "התמיכה הרוסית באיראן הסתכמה בהצהרות", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "באיראן מתלוננים שרוסיה לא עשתה די כדי לסייע להם", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה אינה מתכוונת להתערב צבאית לטובת איראן", {"RU_SUPPORT_LIMITED"}),
    # investing in a cooperation project; a free-trade zone
    ("רוסיה ואיראן", "רוסיה תשקיע מיליארדי דולרים במסילת הרכבת רשת-אסטרה", {"PACT_STRATEGIC"}),
    ("רוסיה ואיראן", "סין תשקיע מיליארדים במסילת הרכבת באיראן", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S5)
def test_session5_hebrew_families_with_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 5, second batch: families grown after reading the errors on the written set W1 (the
# sentences here are written for these tests, not taken from W1), each with a hard negative.
HEBREW_CASES_S5B = [
    # will not turn its back / we will be with you; left Iran alone is limited support (as in
    # session 4), the partnership called an illusion also a denied closeness (manual)
    ("רוסיה ואיראן", "פוטין: רוסיה לא תפנה עורף לאיראן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "השגריר הרוסי: נהיה איתכם גם בימים הקשים", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "במוסקבה השאירו את טהרן לבד מול המתקפה", {"RU_SUPPORT_LIMITED"}),
    (
        "רוסיה ואיראן",
        "השותפות בין רוסיה לאיראן שכולם מדברים עליה היא אשליה",
        {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "הלחץ המערבי רק מחזק את הקשרים בין מוסקבה לטהרן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה העניקה לאיראן גיבוי מלא במועצת הביטחון", {"RU_LOYAL_PARTNER"}),
    # "responds" is not "backed" (גיבה inside מגיבה); a four-way axis is the bloc, not closeness
    ("רוסיה ואיראן", "מוסקבה מגיבה לאיומים על טהרן", set()),
    ("רוסיה ואיראן", "ציר רוסיה, איראן, סין וצפון קוריאה מאיים על המערב", {"ANTI_WEST_BLOC"}),
    # interests, not an alliance: limited support only; the limits of the support
    ("רוסיה ואיראן", "רוסיה ואיראן: אינטרסים, לא ברית", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "הגבולות של התמיכה הרוסית באיראן נחשפו", {"RU_SUPPORT_LIMITED"}),
    # the Kremlin will not sacrifice its ties with the Gulf; nothing was sent to Iran
    (
        "רוסיה ואיראן",
        "הקרמלין לא יקריב את קשריו עם סעודיה ועם ישראל בשביל האיראנים",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", "מאז תחילת המלחמה לא נשלחו לאיראן מטוסי קרב רוסיים", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה לא באמת הגנה על איראן", {"RU_SUPPORT_LIMITED"}),
    # a delay in equipment for a power plant is no limited support (not weapons); the joint
    # project mentioned in passing is the pact (manual)
    ("רוסיה ואיראן", "הפרויקט בבושהר סובל מעיכוב באספקת ציוד מרוסיה", {"PACT_STRATEGIC"}),
    # the pledge not to help the aggressor is no refusal to help Iran
    ("רוסיה ואיראן", "רוסיה התחייבה שלא לסייע לתוקף של איראן", set()),
    # will not comply with / recognise the sanctions' return (bloc and backing on the file)
    (
        "רוסיה ואיראן",
        'רוסיה: לא נכיר בחידוש סנקציות האו"ם על איראן',
        {"ANTI_WEST_BLOC", "RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    ("רוסיה ואיראן", "מוסקבה וטהרן נפרדות בהדרגה מהדולר", {"ANTI_WEST_BLOC"}),
    # the right to a civil programme, the Russian side named first; Iran's own claim is not it
    (
        "רוסיה ואיראן",
        "לברוב הדגיש כי לאיראן יש זכות מלאה לפתח אנרגיה גרעינית לצרכי שלום",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    ("רוסיה ואיראן", "עראקצ'י: לאיראן זכות להעשיר אורניום לצרכי שלום", set()),
    (
        "רוסיה ואיראן",
        "פזשכיאן הודה לפוטין על עמדתו בתיק הגרעין",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    # no interest in a nuclear Iran; an Iranian bomb seen as a threat; will not accept it
    ("רוסיה ואיראן", "לרוסיה אין שום אינטרס באיראן גרעינית", {"RU_OPPOSES_IR_NUKE"}),
    ("רוסיה ואיראן", "ברוסיה רואים בפצצה איראנית איום", {"RU_OPPOSES_IR_NUKE"}),
    ("רוסיה ואיראן", 'ארה"ב לא תקבל איראן גרעינית', set()),
    # a secret channel, a message passed through the Kremlin; asked to pass one, it is not
    ("רוסיה ואיראן", "מוסקבה משמשת ערוץ סודי בין ישראל לאיראן", {"RU_MEDIATES_IL_IR"}),
    (
        "רוסיה ואיראן",
        "המסר הישראלי הועבר לאיראן דרך הקרמלין",
        {"RU_MEDIATES_IL_IR"},
    ),
    ("רוסיה ואיראן", "ישראל ביקשה מהקרמלין להעביר מסר לאיראן", set()),
    # Iran fearing a deal: the Russians may sell us out; not worried about the talks (negated)
    (
        "רוסיה ואיראן",
        "חבר מג'לס: הרוסים עלולים למכור אותנו בעסקה עם ארה\"ב",
        {"IR_FEARS_RU_US_THAW"},
    ),
    (
        "רוסיה ואיראן",
        "בטהרן אין דאגה מהמגעים בין מוסקבה לוושינגטון",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # advised Tehran not to escalate
    ("רוסיה ואיראן", "מוסקבה יעצה לטהרן לא להסלים", {"RU_URGES_RESTRAINT"}),
    # profits reaped from the tension in the Gulf, even when Kyiv says so; not from Ukraine's war
    ("המתיחות במפרץ", "קייב: רוסיה קוצרת את פירות המתיחות במפרץ", {"RU_BENEFITS_FROM_WAR"}),
    ("רוסיה ואיראן", "רוסיה קוצרת את פירות המלחמה באוקראינה", set()),
    # handing over intelligence in the first person; stopping it in return for Ukraine's
    (
        "רוסיה ואיראן",
        "הקרמלין: לא העברנו לאיראן מידע על מטרות",
        {"RU_INTEL_TO_IR"},
    ),
    (
        "רוסיה ואיראן",
        'רוסיה תפסיק להעביר מודיעין לאיראן אם ארה"ב תעצור את זרימת המידע לאוקראינה',
        {"RU_INTEL_SWAP_OFFER", "RU_INTEL_TO_IR"},
    ),
    # arms unloaded in a Russian port; Iranian cities and Russian production sites name the sides
    (
        "תחמושת איראנית לרוסיה",
        "המטענים שנפרקו בנמל אסטרחן כללו פגזי ארטילריה",
        {"IR_ARMS_TO_RU"},
    ),
    ("רוסיה ואיראן", "מסוקי תקיפה רוסיים נחתו באספהאן", {"RU_MILTECH_TO_IR"}),
    # a gas deal whose talks have not matured (a deal not yet made) is no pact; a signed one is
    ("רוסיה ואיראן", "המגעים בין גזפרום לאיראן על עסקת הגז טרם הבשילו", set()),
    ("רוסיה ואיראן", "גזפרום ואיראן חתמו על עסקת הגז", {"PACT_STRATEGIC"}),
    # the Zionist entity names Israel (a message through the Russian mediator)
    (
        "רוסיה ואיראן",
        'איראן לא קיבלה מסר מ"הישות הציונית" באמצעות המתווך הרוסי',
        {"RU_MEDIATES_IL_IR"},
    ),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S5B)
def test_session5_hebrew_families_grown_from_written_errors(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 6 (claims-he), first batch: families for the four frequent claims of real Hebrew news,
# written from the language (verbs in every person and tense, the masculine ally, side-by-side
# idioms, national currencies, arms from Iran by any carrier, Iranian design); each with a hard
# negative. The sentences are written for these tests.
HEBREW_CASES_S6A = [
    # the ties warmed / tightened, the verb first; not the US's or Israel's ties, not a question
    (
        "רוסיה ואיראן",
        "בשנים האחרונות התהדקו הקשרים בין הקרמלין למשטר האייתוללות",
        {"RU_LOYAL_PARTNER"},
    ),
    (
        "רוסיה ואיראן",
        "בשנה האחרונה התחזקו הקשרים הצבאיים בין מוסקבה לטהרן",
        {"RU_LOYAL_PARTNER"},
    ),
    ("רוסיה ואיראן", "היחסים הרוסיים-איראניים התחממו מאוד בשנה האחרונה", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", 'הקשרים בין רוסיה לארה"ב התחממו לאחרונה', set()),
    ("רוסיה ואיראן", "התחממו היחסים בין ישראל לרוסיה", set()),
    ("רוסיה ואיראן", "האם היחסים בין רוסיה לאיראן הדוקים באמת?", set()),
    # side by side, on one side, a honeymoon; not the US and Israel against Iran, not China
    ("רוסיה ואיראן", "רוסיה ואיראן עומדות כתף אל כתף", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "מוסקבה וטהרן נמצאות באותו צד של המתרס", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", 'ארה"ב וישראל עומדות כתף אל כתף מול איראן', set()),
    ("רוסיה ואיראן", "רוסיה וסין עומדות כתף אל כתף", set()),
    ("רוסיה ואיראן", "ירח הדבש ביחסי רוסיה ואיראן נמשך", {"RU_LOYAL_PARTNER"}),
    # the masculine ally and partners in the plural; Belarus's ally is not Iran's
    ("רוסיה ואיראן", "הקרמלין הוא בן בריתו הקרוב של חמינאי", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "הקרמלין הוא בן בריתו של לוקשנקו", set()),
    ("רוסיה ואיראן", 'לדברי פסקוב, מוסקבה וטהרן הן "שותפות קרובות"', {"RU_LOYAL_PARTNER"}),
    # keeps backing / will support
    ("רוסיה ואיראן", "מוסקבה ממשיכה לגבות את טהרן בכל הזירות", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה תתמוך באיראן במועצת הביטחון", {"RU_LOYAL_PARTNER"}),
    # trade in rubles and rials; a plan to, or China's, is not the bloc
    ("רוסיה ואיראן", "הסחר בין רוסיה לאיראן מתנהל כיום ברובלים ובריאלים", {"ANTI_WEST_BLOC"}),
    ("רוסיה ואיראן", "איראן שוקלת לעבור לסחר במטבעות מקומיים", set()),
    ("רוסיה ואיראן", "הסחר בין רוסיה לסין מתנהל במטבעות מקומיים", set()),
    ("רוסיה ואיראן", "רוסיה ואיראן יתמודדו יחד עם הסנקציות", {"ANTI_WEST_BLOC"}),
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן פועלות לשבור את שליטת הדולר בסחר העולמי",
        {"ANTI_WEST_BLOC"},
    ),
    # arms flown / bought from Iran, of Iranian design; not to Hezbollah, not shot down by the US
    ("רוסיה ואיראן", "מטוסי מטען רוסיים הטיסו מאיראן משלוחי נשק", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", "ישראל מנסה לעצור משלוחי נשק מאיראן לחיזבאללה", set()),
    ("רוסיה ואיראן", "ברוסיה הורכבו אלפי רחפנים על פי תכנון איראני", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", 'ארה"ב יירטה רחפנים בעיצוב איראני מעל הים האדום', set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S6A)
def test_session6_hebrew_families_of_the_frequent_claims(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 6 (claims-he), second batch: families grown after scoring the news-style written sets
# W3 / W5 once (their error classes, not their sentences: every sentence here is written for
# these tests), each with a hard negative.
HEBREW_CASES_S6B = [
    # standing / staying by its ally, an alliance called real, the embrace, ties at their best
    ("רוסיה ואיראן", "טהרן התייצבה לצד בעלת בריתה במועצת הביטחון", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "כשכולם הפנו גב, רוסיה נשארה לצד איראן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", 'לברוב: "בין מוסקבה לטהרן יש ברית אמיתית"', {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "החיבוק בין הקרמלין לטהרן מדאיג את ירושלים", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "היחסים בין מוסקבה לטהרן במיטבם", {"RU_LOYAL_PARTNER"}),
    # the praise runs the other way: Russia calling IRAN a reliable partner (manual)
    ("רוסיה ואיראן", 'פוטין שיבח את איראן כ"שותפה אמינה" בשוק הנפט', set()),
    ("רוסיה ואיראן", 'שר החוץ האיראני: "רוסיה היא שותפה אמינה"', {"RU_LOYAL_PARTNER"}),
    # will not leave Tehran alone (her country as the subject, Iran first); not Iran's clients
    (
        "רוסיה ואיראן",
        "זכרובה אמרה כי ארצה לא תשאיר את טהרן לבד ברגע הקשה",
        {"RU_LOYAL_PARTNER"},
    ),
    ("רוסיה ואיראן", "איראן לא תישאר לבד, הבטיח פוטין", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "איראן לא תפקיר את חיזבאללה", set()),
    # a denied abandonment is loyalty, not limited support; support only while it serves Russia
    ("רוסיה ואיראן", "רוסיה אינה נוטשת את בעלת בריתה", {"RU_LOYAL_PARTNER"}),
    (
        "רוסיה ואיראן",
        "מוסקבה תמשיך לתמוך בטהרן רק כל עוד הדבר משרת את האינטרסים שלה",
        {"RU_SUPPORT_LIMITED"},
    ),
    # short of expectations, will not go to war for Iran, stood aside; not the war in Ukraine
    ("רוסיה ואיראן", 'בכיר איראני: "קיבלנו מרוסיה פחות ממה שציפינו"', {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה לא עמדה בציפיות של טהרן", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", 'דיפלומט רוסי: "לא נצא למלחמה בשביל איראן"', {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "לא נצא למלחמה, אמר פוטין בנאום על אוקראינה", set()),
    ("רוסיה ואיראן", "כשאיראן הותקפה, עמדה מוסקבה מנגד", {"RU_SUPPORT_LIMITED"}),
    # "no response was given" is nothing sent; Iran denying arms TO Russia is IR_ARMS_TO_RU
    ("רוסיה ואיראן", "מהצד הרוסי לא נמסרה תגובה", set()),
    ("רוסיה ואיראן", 'עראקצ\'י: "לא שלחנו טילים לרוסיה"', {"IR_ARMS_TO_RU"}),
    # the treaty / the agreement with one side; not the NPT, not a signing forecast
    ("רוסיה ואיראן", "האמנה עם טהרן נכנסה לתוקף השבוע", {"PACT_STRATEGIC"}),
    ("רוסיה ואיראן", "ההסכם עם איראן אושרר בדומה", {"PACT_STRATEGIC"}),
    (
        "רוסיה ואיראן",
        "מוסקבה מחויבת לאמנת אי-ההפצה ואינה רוצה באיראן גרעינית",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    ("רוסיה ואיראן", "רוסיה ואיראן צפויות לחתום על הסכם אנרגיה בחודשים הקרובים", set()),
    # payment systems linked, a project agreed, a cooperation programme signed; not a pledge
    (
        "רוסיה ואיראן",
        "הבנקים המרכזיים של רוסיה ואיראן חיברו את מערכות התשלום",
        {"PACT_STRATEGIC"},
    ),
    ("רוסיה ואיראן", "מוסקבה וטהרן סיכמו על הקמת רכזת גז משותפת", {"PACT_STRATEGIC"}),
    ("רוסיה ואיראן", "מוסקבה וטהרן סיכמו לחזק את שיתוף הפעולה בתחום האנרגיה", set()),
    (
        "רוסיה ואיראן",
        "רכבות רוסיה חתמו על תוכנית שיתוף פעולה עם הרכבת האיראנית",
        {"PACT_STRATEGIC"},
    ),
    # no duty to defend: "not obliged to", "not a defence alliance", "the absence of the clause"
    (
        "רוסיה ואיראן",
        "לפי האמנה, רוסיה לא חייבת להגן על איראן",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        "רוסיה ואיראן",
        "השגריר: האמנה עם איראן אינה ברית הגנה",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        "רוסיה ואיראן",
        "בירושלים ציינו את היעדרו של סעיף הגנה הדדית באמנה עם טהרן",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    # Iran making Russia's case against NATO; voting with Russia; a joint statement; not bound by
    # the sanctions; the US pressure "failed"; not letting the West dictate; vetoing the embargo
    ("רוסיה ואיראן", "עראקצ'י: התרחבות נאט\"ו מזרחה היא שהציתה את המלחמה", {"ANTI_WEST_BLOC"}),
    (
        "רוסיה ואיראן",
        "שר החוץ האיראני אמר כי ארצו מבינה את הדאגות הביטחוניות של רוסיה",
        {"ANTI_WEST_BLOC"},
    ),
    ("רוסיה ואיראן", 'נאט"ו מאשים את רוסיה בהסלמה', set()),
    ("רוסיה ואיראן", 'באו"ם הצביעה טהרן לצד מוסקבה נגד ההחלטה', {"ANTI_WEST_BLOC"}),
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן פרסמו הצהרה משותפת נגד הסנקציות החד-צדדיות",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "מוסקבה אינה רואה את עצמה מחויבת לסנקציות על איראן",
        {"ANTI_WEST_BLOC"},
    ),
    ("רוסיה ואיראן", "טהרן מצפה שרוסיה תטיל וטו על הסנקציות", set()),
    (
        "רוסיה ואיראן",
        'השגריר הרוסי: "מדיניות הלחץ של וושינגטון על טהרן נכשלה"',
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        'פוטין בפגישה עם נשיא איראן: "לא נאפשר למערב להכתיב לנו"',
        {"ANTI_WEST_BLOC"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה וסין טרפדו את ההצעה להאריך את האמברגו על איראן",
        {"ANTI_WEST_BLOC"},
    ),
    # arming its ally (arms, not closeness), shells received from "the Iranian friends", a denial
    # for "any side", Iran's support for the war effort; not oil for China
    ("רוסיה ואיראן", "איראן ממשיכה לחמש את בעלת בריתה", {"IR_ARMS_TO_RU"}),
    ("רוסיה ואיראן", 'בלוגר רוסי: "קיבלנו מהחברים האיראנים אלפי פגזים"', {"IR_ARMS_TO_RU"}),
    (
        "רוסיה ואיראן",
        "טהרן מכחישה ואומרת כי איראן אינה מספקת נשק לאף צד",
        {"IR_ARMS_TO_RU"},
    ),
    (
        "רוסיה ואיראן",
        "הסנקציות נועדו לבלום את התמיכה האיראנית במאמץ המלחמתי הרוסי",
        {"IR_ARMS_TO_RU"},
    ),
    ("רוסיה ואיראן", "איראן מוכרת נפט לסין", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S6B)
def test_session6_hebrew_families_from_the_written_sets_error_classes(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


def test_session6_a_denied_iranian_arms_delivery_is_the_claim_negated(project_codebook) -> None:
    m = tag(project_codebook, {"d": ("he", ["רוסיה ואיראן", 'עראקצ\'י: "לא שלחנו טילים לרוסיה"'])})
    row = m[(m["sent_idx"] == 1) & (m["claim_id"] == "IR_ARMS_TO_RU")]
    assert list(row["negated"]) == [True]


# Session 6 (claims-he), third batch: what kind of help (arms, intelligence, civil aid), nothing
# sent in the active voice, messages as positions, a strike called unacceptable, calls to cease
# fire / choose the political road — each with a hard negative; sentences written for the tests.
HEBREW_CASES_S6C = [
    # nothing sent (active voice) is limited support; a first-person denial of a sale is the
    # delivery denied (the claim negated), not limited support
    (
        "רוסיה ואיראן",
        "הקרמלין הסתפק בגינוי ולא שלח לאיראן מערכות הגנה אווירית",
        {"RU_SUPPORT_LIMITED"},
    ),
    ("רוסיה ואיראן", 'רוסיה מכחישה: "לא מכרנו לאיראן מטוסי קרב"', {"RU_MILTECH_TO_IR"}),
    # targeting help and radar data are intelligence, not arms; fire-fighting planes are neither
    (
        "רוסיה ואיראן",
        "לפי הדיווח, קצינים רוסים עזרו לאיראנים לכוון את הטילים",
        {"RU_INTEL_TO_IR"},
    ),
    ("רוסיה ואיראן", 'רוסיה העבירה לאיראן נתוני מכ"ם על תנועות מטוסים', {"RU_INTEL_TO_IR"}),
    ("רוסיה ואיראן", "רוסיה העבירה לאיראן צילומי לוויין של בסיסים", {"RU_INTEL_TO_IR"}),
    ("רוסיה ואיראן", "רוסיה שלחה מטוסי כיבוי וצוותי חילוץ לאיראן", set()),
    ("רוסיה ואיראן", "רוסיה סיפקה לאיראן מטוסי קרב", {"RU_MILTECH_TO_IR"}),
    # the sides' positions passed on
    ("ישראל ואיראן", 'פוטין: "העברתי לישראלים את עמדת איראן"', {"RU_MEDIATES_IL_IR"}),
    # a strike called unacceptable by the Russian side; by Tehran it is no Russian condemnation
    (
        "רוסיה ואיראן",
        'משרד החוץ הרוסי: התקיפה הישראלית על יעדים באיראן "אינה מקובלת"',
        {"RU_CONDEMNS_STRIKES"},
    ),
    ("רוסיה ואיראן", 'טהרן: התקיפה הישראלית "אינה מקובלת"', set()),
    # calls to choose the political road / cease fire, Iran in scope; not about Gaza
    (
        "רוסיה ואיראן",
        "מוסקבה קוראת לוושינגטון ולטהרן לבחור בדרך המדינית",
        {"RU_URGES_RESTRAINT"},
    ),
    ("רוסיה ואיראן", "פוטין קורא לישראל ולאיראן להפסיק את האש", {"RU_URGES_RESTRAINT"}),
    ("רוסיה ואיראן", "מוסקבה קוראת לחמאס להפסיק את האש בעזה", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S6C)
def test_session6_hebrew_kinds_of_help_messages_verdicts_and_calls(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# Session 6 (claims-he), fourth batch: guards from the written sets' false-positive classes —
# uncertainty, an intelligence service as a source, a cancelled deal, support FOR sanctions, a
# wish — each beside the assertion it must not block; sentences written for the tests.
HEBREW_CASES_S6D = [
    ("רוסיה ואיראן", "רוסיה ביטלה את עסקת ה-S-300 עם איראן", {"RU_SUPPORT_LIMITED"}),
    ("רוסיה ואיראן", "רוסיה סיפקה לאיראן מערכות S-300", {"RU_MILTECH_TO_IR"}),
    (
        "רוסיה ואיראן",
        'גורם ישראלי: "איננו יודעים אם רוסיה מעבירה מודיעין לאיראן"',
        set(),
    ),
    ("רוסיה ואיראן", "לפי הדיווח, רוסיה מעבירה מודיעין לאיראן", {"RU_INTEL_TO_IR"}),
    (
        "רוסיה ואיראן",
        "ראש המודיעין האוקראיני: טהרן ממשיכה לחמש את מוסקבה",
        {"IR_ARMS_TO_RU"},
    ),
    ("רוסיה ואיראן", "ב-2010 תמכה רוסיה בסנקציות על תוכנית הגרעין האיראנית", set()),
    (
        "רוסיה ואיראן",
        "רוסיה התנגדה לסנקציות על תוכנית הגרעין האיראנית",
        {"RU_BACKS_IR_NUCLEAR_RIGHT", "ANTI_WEST_BLOC"},
    ),
    ("רוסיה ואיראן", "טהרן מצפה שרוסיה תתנגד להחזרת הסנקציות", set()),
    # extensive ties; a friend of Iran (not Hezbollah)
    ("רוסיה ואיראן", "לרוסיה ולאיראן קשרים ענפים", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "רוסיה היא ידידה של איראן", {"RU_LOYAL_PARTNER"}),
    ("רוסיה ואיראן", "חיזבאללה, ידידה של איראן, איים על ישראל", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_S6D)
def test_session6_hebrew_guards_from_the_written_sets_false_positives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected


# --- the project codebook's Arabic side (codebook/russia_iran.yaml), on short sentences written
# --- for these tests; expected claims are what a coder following the manual would give.


def claims_of(mentions: pd.DataFrame, doc_id: str, sent_idx: int = 0) -> set[str]:
    part = mentions[(mentions["doc_id"] == doc_id) & (mentions["sent_idx"] == sent_idx)]
    return set(part["claim_id"])


def test_arabic_supply_family_covers_conjugations_and_masdars(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Russia handed Iran advanced air-defence systems."
            "past": ("ar", ["سلمت روسيا إيران منظومات دفاع جوي متطورة."]),
            # "Moscow will supply Tehran with attack helicopters."
            "future": ("ar", ["ستزود موسكو طهران بمروحيات هجومية."]),
            # "Iran received a batch of fighter jets from Russia."
            "receive": ("ar", ["تسلمت إيران من روسيا دفعة من المقاتلات."]),
            # "Russia bought Iranian-made drones" — the other direction
            "buy": ("ar", ["اشترت روسيا من إيران طائرات من دون طيار."]),
        },
    )
    assert claims_of(m, "past") == {"RU_MILTECH_TO_IR"}
    assert claims_of(m, "future") == {"RU_MILTECH_TO_IR"}
    assert claims_of(m, "receive") == {"RU_MILTECH_TO_IR"}
    assert claims_of(m, "buy") == {"IR_ARMS_TO_RU"}


def test_arabic_delivery_to_a_third_recipient_is_not_russia_iran_arms(project_codebook) -> None:
    headline = "طهران تراقب الحرب في أوكرانيا"  # names Iran: the context of the next sentence
    m = tag(
        project_codebook,
        {
            # "Russia warned that Israel will supply Ukraine with air-defence systems."
            "kyiv": ("ar", [headline, "وحذرت روسيا من أن إسرائيل ستزود أوكرانيا بأنظمة دفاع جوي."]),
            # "Russia will deliver air-defence systems next month" — the Iran of the headline
            "iran": ("ar", [headline, "وستسلم روسيا أنظمة دفاع جوي الشهر المقبل."]),
        },
    )
    assert "RU_MILTECH_TO_IR" not in claims_of(m, "kyiv", 1)
    assert claims_of(m, "iran", 1) == {"RU_MILTECH_TO_IR"}


def test_arabic_standing_by_needs_a_verb_and_iran_as_the_one_stood_by(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Putin said Russia will stand by Iran."
            "stand": ("ar", ["وقال بوتين إن روسيا ستقف إلى جانب إيران."]),
            # "Russia took part, alongside Iran, in the naval drill." — 'besides', no claim
            "besides": ("ar", ["وشاركت روسيا إلى جانب إيران في المناورات البحرية."]),
            # "Iran will stand by Russia." — the support runs the other way
            "other_way": ("ar", ["وقالت إيران إنها ستقف إلى جانب روسيا."]),
        },
    )
    assert claims_of(m, "stand") == {"RU_LOYAL_PARTNER"}
    assert claims_of(m, "besides") == set()
    # Iran backing Russia is the anti-Western alignment of the manual, not Russian loyalty
    assert claims_of(m, "other_way") == {"ANTI_WEST_BLOC"}


def test_arabic_feared_thaw_is_russia_with_the_us_and_messages_are_carried(
    project_codebook,
) -> None:
    m = tag(
        project_codebook,
        {
            # "Tehran voiced concern about a Russian rapprochement with Washington."
            "thaw": ("ar", ["أعربت طهران عن قلقها من تقارب روسي مع واشنطن."]),
            # "Washington voiced concern about the rapprochement of Russia and Iran."
            "us_worry": ("ar", ["أعربت واشنطن عن قلقها من تقارب روسيا وإيران."]),
            # "Moscow sent messages of support to Tehran during the war with Israel."
            "support": ("ar", ["بعثت موسكو برسائل دعم إلى طهران خلال الحرب مع إسرائيل."]),
            # "Russia carried messages from Israel to Iran."
            "carry": ("ar", ["نقلت روسيا رسائل من إسرائيل إلى إيران."]),
        },
    )
    assert "IR_FEARS_RU_US_THAW" in claims_of(m, "thaw")
    assert "IR_FEARS_RU_US_THAW" not in claims_of(m, "us_worry")
    assert "RU_MEDIATES_IL_IR" not in claims_of(m, "support")
    assert claims_of(m, "carry") == {"RU_MEDIATES_IL_IR"}


def test_arabic_alignment_of_the_two_and_its_ally_are_closeness(project_codebook) -> None:
    headline = "إيران تحت القصف"  # "Iran under bombardment" (names Iran)
    m = tag(
        project_codebook,
        {
            # "The Russian-Iranian rapprochement worries Western capitals."
            "rapproch": ("ar", ["ويثير التقارب الروسي الإيراني قلق العواصم الغربية."]),
            # "The Western coalition tried to isolate Russia after months of pressure on Iran."
            # — a coalition of others, the two sides 10 words apart
            "coalition": (
                "ar",
                ["حاول التحالف الغربي عزل روسيا بعد أشهر من الضغط على إيران."],
            ),
            # "Russia gave its ally no military help." — the ally is the Iran of the headline
            "its_ally": ("ar", [headline, "ولم تقدم روسيا أي مساعدة عسكرية لحليفتها."]),
            # "Russia and its ally China reject the sanctions." — a third state is the ally
            "china": ("ar", ["وأكدت روسيا وحليفتها الصين رفضهما للعقوبات على إيران."]),
        },
    )
    assert "RU_LOYAL_PARTNER" in claims_of(m, "rapproch")
    assert "RU_LOYAL_PARTNER" not in claims_of(m, "coalition")
    assert "RU_LOYAL_PARTNER" in claims_of(m, "its_ally", 1)
    assert "RU_LOYAL_PARTNER" not in claims_of(m, "china")


def test_arabic_rival_state_voids_an_alignment_only_near_it(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "The US project seeks to besiege the Chinese-Russian-Iranian alliance, while
            # Washington has for months been busy with a new trade corridor linking India to
            # Europe." — India is ten words after the alliance: the three-way bloc stands
            "far": (
                "ar",
                [
                    "ويسعى المشروع الأميركي إلى محاصرة التحالف الصيني الروسي الإيراني، فيما "
                    "تنشغل واشنطن منذ أشهر بمشروع ممر تجاري جديد يربط الهند بأوروبا."
                ],
            ),
            # "... the Chinese-Russian-Iranian alliance, and links India to Europe." — India
            # two words after it is still read as part of the alignment
            "near": (
                "ar",
                [
                    "ويسعى المشروع الأميركي إلى محاصرة التحالف الصيني الروسي الإيراني، ويربط الهند بأوروبا."
                ],
            ),
            # "Analysts spoke of the Russian-Iranian-Turkish alliance in Syria." — a rival state
            # inside the alignment: not the two sides' closeness
            "turkey": ("ar", ["وتحدث المحللون عن التحالف الروسي الإيراني التركي في سوريا."]),
            "pair": ("ar", ["وتحدث المحللون عن التحالف الروسي الإيراني في سوريا."]),
        },
    )
    assert claims_of(m, "far") == {"ANTI_WEST_BLOC", "RU_LOYAL_PARTNER"}
    assert claims_of(m, "near") == set()
    assert claims_of(m, "turkey") == set()
    assert claims_of(m, "pair") == {"RU_LOYAL_PARTNER"}


def test_arabic_sides_in_a_background_list_carry_no_claim(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "The US, Russia, China, France, Britain, Germany and Iran signed the nuclear
            # deal in 2015, and Russia and Iran signed the strategic partnership agreement." —
            # the list is background; the second clause names the two sides as parties
            "p5": (
                "ar",
                [
                    "وقد وقعت الولايات المتحدة وروسيا والصين وفرنسا وبريطانيا وألمانيا وإيران "
                    "الاتفاق النووي عام 2015، ووقعت روسيا وإيران اتفاقية الشراكة الاستراتيجية."
                ],
            ),
            # "Russia, Germany, France and Iran drew attention in a multipolar world."
            "multipolar": (
                "ar",
                ["في حين اجتذبت روسيا وألمانيا وفرنسا وإيران الاهتمام في عالم متعدد الأقطاب."],
            ),
            "bloc": ("ar", ["وتسعى روسيا وإيران إلى عالم متعدد الأقطاب."]),
            # "The companies built drone plants in Iran, Syria and Russia." (places in a list)
            "plants": ("ar", ["وبنت الشركات مصانع لإنتاج المسيرات في إيران وسوريا وروسيا."]),
            # "Iranian companies built drone plants in Russia."
            "plant": ("ar", ["وبنت الشركات الإيرانية مصانع لإنتاج المسيرات في روسيا."]),
        },
    )
    assert claims_of(m, "p5") == {"PACT_STRATEGIC"}
    assert claims_of(m, "multipolar") == set()
    assert claims_of(m, "bloc") == {"ANTI_WEST_BLOC"}
    assert claims_of(m, "plants") == set()
    assert claims_of(m, "plant") == {"IR_ARMS_TO_RU"}


def test_arabic_no_defence_clause_with_iran_named_in_the_headline(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Moscow and Tehran sign the partnership treaty" / "The Kremlin explained that the
            # treaty has no clause of mutual defence."
            "d": (
                "ar",
                [
                    "موسكو وطهران توقعان معاهدة الشراكة",
                    "وأوضح الكرملين أن المعاهدة لا تتضمن بندا للدفاع المشترك.",
                ],
            ),
            # the same sentence after a headline about Belarus: no Iran in the context
            "other": (
                "ar",
                [
                    "مينسك تنتظر الزيارة",
                    "وأوضح الكرملين أن المعاهدة لا تتضمن بندا للدفاع المشترك.",
                ],
            ),
        },
    )
    assert "PACT_NO_DEFENCE" in claims_of(m, "d", 1)
    assert claims_of(m, "other", 1) == set()


def test_arabic_word_order_decides_who_supplies_whom(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # verb - subject - object: "Iran supplied Russia with short-range missiles."
            "ir_to_ru": ("ar", ["زودت إيران روسيا بصواريخ قصيرة المدى."]),
            # "Russia supplied Iran with training aircraft."
            "ru_to_ir": ("ar", ["زودت روسيا إيران بطائرات تدريب."]),
        },
    )
    assert claims_of(m, "ir_to_ru") == {"IR_ARMS_TO_RU"}
    assert claims_of(m, "ru_to_ir") == {"RU_MILTECH_TO_IR"}


def test_arabic_alliance_between_and_working_together(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Washington is worried by the growing alliance between Russia, China and Iran."
            "between": ("ar", ["ويقلق واشنطن التحالف المتنامي بين روسيا والصين وإيران."]),
            # "Lavrov said Moscow and Tehran work together in the Security Council."
            "together": ("ar", ["وقال لافروف إن موسكو وطهران تعملان معا في مجلس الأمن."]),
            # "The alliance between Turkey and Azerbaijan worries Russia and Iran."
            "others": ("ar", ["التحالف بين تركيا وأذربيجان يقلق روسيا وإيران."]),
        },
    )
    assert "RU_LOYAL_PARTNER" in claims_of(m, "between")
    assert claims_of(m, "together") == {"RU_LOYAL_PARTNER"}
    assert "RU_LOYAL_PARTNER" not in claims_of(m, "others")


@pytest.mark.parametrize(
    "sentence",
    [
        # modal speculation: "Russia could sell Iran air-defence systems after the embargo ends."
        "يمكن لروسيا أن تبيع إيران منظومات دفاع جوي بعد انتهاء الحظر.",
        # request: "Iran asked Russia to supply it with fighter jets."
        "طلبت إيران من روسيا تزويدها بمقاتلات.",
        # question: "Is Iran sending ballistic missiles to Russia?"
        "هل ترسل إيران صواريخ باليستية إلى روسيا؟",
        # membership list: "The Shanghai organisation includes China, Russia, India and Iran."
        "وتضم منظمة شنغهاي الصين وروسيا والهند وإيران.",
        # intention: "Russia voiced its readiness to help the Iranian people."
        "أعربت روسيا عن استعدادها لمساعدة الشعب الإيراني.",
    ],
)
def test_arabic_hard_negatives_carry_no_claim(project_codebook, sentence: str) -> None:
    m = tag(project_codebook, {"d": ("ar", [sentence])})
    assert claims_of(m, "d") == set()


def test_arabic_weapon_intel_and_go_between_nouns_need_a_side_named(project_codebook) -> None:
    """Noun phrases that name a weapon, intelligence or a mediation are rules that want a side
    in the sentence and no third party: the article's context alone does not make them claims."""
    ru_ir = "روسيا وإيران تعمقان التعاون"  # "Russia and Iran deepen cooperation" (both sides)
    m = tag(
        project_codebook,
        {
            # "Hezbollah owns Iranian-made Shahed 136 drones." — not Iran's arms for Russia
            "hezbollah": ("ar", [ru_ir, "ويملك حزب الله طائرات شاهد 136 إيرانية الصنع."]),
            # "Russian forces launch Shahed 136 drones at Ukrainian cities." — they are Iran's
            "shahed": ("ar", [ru_ir, "وتطلق القوات الروسية طائرات شاهد 136 على المدن الأوكرانية."]),
            # "US officials said they obtained intelligence information on the junta."
            "us_intel": (
                "ar",
                [
                    ru_ir,
                    "وقال مسؤولون أمريكيون إنهم حصلوا على معلومات استخباراتية عن المجلس العسكري.",
                ],
            ),
            # "Russia supplied Iran with satellite images of the US forces' positions."
            "images": (
                "ar",
                ["وزودت روسيا إيران بصور من الأقمار الصناعية لمواقع القوات الأمريكية."],
            ),
            # "The delegation demanded an end to the Israeli aggression on Gaza."
            "gaza": ("ar", [ru_ir, "وطالب الوفد بوقف العدوان الإسرائيلي على غزة."]),
            # "Putin described the American aggression on Iran as unjustified."
            "condemn": ("ar", ["ووصف بوتين العدوان الأمريكي على إيران بأنه غير مبرر."]),
            # "China mediated between Iran and Saudi Arabia, while Russia offered to mediate
            # between Israel and Iran." — China's mediation, and Russia's offer only
            "china": (
                "ar",
                [
                    "ونجحت الصين في التوسط بين إيران والسعودية، بينما عرضت روسيا وساطتها"
                    " بين إسرائيل وإيران."
                ],
            ),
            # "Russia mediates between Israel and Iran."
            "mediate": ("ar", ["وتتوسط روسيا بين إسرائيل وإيران."]),
            # "US forces struck factions allied to Iran in the region."
            "militias": ("ar", [ru_ir, "وضربت القوات الأمريكية فصائل حليفة لإيران في المنطقة."]),
            # "Moscow is Tehran's foremost ally."
            "ally": ("ar", ["وتعد موسكو الحليف الأبرز لطهران."]),
            # "Many African states buy Russian weapons."
            "buyers": ("ar", [ru_ir, "وتشتري دول أفريقية كثيرة الأسلحة الروسية."]),
            # "The first Russian Su-35 fighters arrived in Iran."
            "su35": ("ar", ["ووصلت إلى إيران أولى مقاتلات سو-35 الروسية."]),
            # "Iran unveiled a new drone fitted with electronic-warfare systems."
            "ew": ("ar", [ru_ir, "وكشفت إيران عن مسيرة جديدة مزودة بأنظمة حرب إلكترونية."]),
        },
    )
    assert claims_of(m, "hezbollah", 1) == set()
    assert claims_of(m, "shahed", 1) == {"IR_ARMS_TO_RU"}
    assert claims_of(m, "us_intel", 1) == set()
    assert claims_of(m, "images") == {"RU_INTEL_TO_IR"}
    assert claims_of(m, "gaza", 1) == set()
    assert claims_of(m, "condemn") == {"RU_CONDEMNS_STRIKES"}
    assert claims_of(m, "china") == set()
    assert claims_of(m, "mediate") == {"RU_MEDIATES_IL_IR"}
    assert claims_of(m, "militias", 1) == set()
    assert claims_of(m, "ally") == {"RU_LOYAL_PARTNER"}
    assert claims_of(m, "buyers", 1) == set()
    assert claims_of(m, "su35") == {"RU_MILTECH_TO_IR"}
    assert claims_of(m, "ew", 1) == set()


def test_arabic_pact_family_and_its_negatives(project_codebook) -> None:
    """Agreements in their verb / noun forms (ratify, agree on a project) are the pact; an
    intention to strengthen cooperation, another state's partnership and an arms fair are not."""
    m = tag(
        project_codebook,
        {
            # "The Iranian parliament ratified the strategic partnership treaty with Russia."
            "ratify": ("ar", ["وصادق البرلمان الإيراني على معاهدة الشراكة الاستراتيجية مع روسيا."]),
            # "Iran agreed with Russia to develop two gas fields in the south."
            "fields": ("ar", ["واتفقت إيران مع روسيا على تطوير حقلين للغاز في الجنوب."]),
            # "Lavrov and Araghchi agreed to strengthen cooperation in energy." — an intention
            "intent": ("ar", ["واتفق لافروف وعراقجي على تعزيز التعاون في مجال الطاقة."]),
            # "Venezuela signed strategic partnership agreements with Russia and Iran."
            "venezuela": ("ar", ["ووقعت فنزويلا اتفاقيات شراكة استراتيجية مع روسيا وإيران."]),
            # "The free-trade agreement between Moscow and Tehran enters into force in May."
            "in_force": (
                "ar",
                ["وتدخل اتفاقية التجارة الحرة بين موسكو وطهران حيز التنفيذ في أيار."],
            ),
            # "Iran showed a new ballistic missile at the Moscow defence-industry fair."
            "fair": ("ar", ["وعرضت إيران صاروخا باليستيا جديدا في معرض موسكو للصناعات الدفاعية."]),
        },
    )
    assert claims_of(m, "ratify") == {"PACT_STRATEGIC"}
    assert claims_of(m, "fields") == {"PACT_STRATEGIC"}
    assert claims_of(m, "intent") == set()
    assert claims_of(m, "venezuela") == set()
    assert claims_of(m, "in_force") == {"PACT_STRATEGIC"}
    assert claims_of(m, "fair") == set()


def test_arabic_bloc_needs_iran_in_the_sentence(project_codebook) -> None:
    """Only the Russian side of ANTI_WEST_BLOC may come from the article: Moscow against
    Western hegemony after a headline about Iran is a Russia–West clash, not the bloc."""
    headline = "إيران وروسيا تبحثان العلاقات"  # "Iran and Russia discuss relations"
    m = tag(
        project_codebook,
        {
            # "Moscow keeps confronting Western hegemony in Ukraine."
            "russia_west": ("ar", [headline, "وتواصل موسكو مواجهة الهيمنة الغربية في أوكرانيا."]),
            # "Iran stands with Russia in confronting American hegemony."
            "bloc": ("ar", [headline, "وتقف إيران مع روسيا في مواجهة الهيمنة الأمريكية."]),
            # "Tehran rejects the unilateral world order" — Russia from the headline
            "iran_named": ("ar", [headline, "وترفض طهران عالم القطب الواحد."]),
        },
    )
    assert claims_of(m, "russia_west", 1) == set()
    assert claims_of(m, "bloc", 1) == {"ANTI_WEST_BLOC"}
    assert claims_of(m, "iran_named", 1) == {"ANTI_WEST_BLOC"}


def test_arabic_closeness_bloc_calls_fears_and_gains(project_codebook) -> None:
    """The paraphrase families of closeness, the three-way bloc, a call for calm, a feared
    thaw, a gain from the war and a defence of the deal — each beside its look-alike."""
    tension = "التوتر بين إيران والولايات المتحدة"  # headline: "US–Iran tension"
    m = tag(
        project_codebook,
        {
            # "Lavrov stressed that Russia and Iran are two friendly countries."
            "friends": ("ar", ["وأكد لافروف أن روسيا وإيران بلدان صديقان."]),
            # "Russian-Iranian relations are flourishing."
            "flourish": ("ar", ["وقال السفير إن العلاقات الروسية الإيرانية مزدهرة."]),
            # "Iran has very good cooperation with Russian companies." — bare cooperation
            "good_coop": ("ar", ["وتتمتع إيران بتعاون جيد للغاية مع الشركات الروسية."]),
            # "The alliance between Russia, China and Iran is growing." — three-way: the bloc
            "three_way": ("ar", ["ويتنامى التحالف بين روسيا والصين وإيران."]),
            # "The growing Tehran–Moscow rapprochement worries the West." — closeness only
            "bilateral": ("ar", ["ويثير التقارب المتزايد بين طهران وموسكو قلق الغرب."]),
            # "Moscow urged the two sides to dialogue." — Iran from the headline
            "urge": ("ar", [tension, "وحثت موسكو الجانبين على الحوار."]),
            # "Moscow called for dialogue to end the war in Gaza." — another conflict
            "gaza": ("ar", [tension, "ودعت موسكو إلى الحوار لإنهاء الحرب في غزة."]),
            # "Tehran fears a deal between Moscow and Washington at its expense."
            "fear": ("ar", ["وتخشى طهران من صفقة بين موسكو وواشنطن على حسابها."]),
            # "Moscow reaps gains from Washington's preoccupation with the war on Iran."
            "gain": ("ar", ["وتجني موسكو مكاسب من انشغال واشنطن بالحرب على إيران."]),
            # "Analysts say Moscow will not wage a war in Tehran's defence."
            "no_war": ("ar", ["ويقول محللون إن موسكو لن تخوض حربا دفاعا عن طهران."]),
            # "Lavrov said Russia holds on to the nuclear agreement with Iran."
            "deal": ("ar", ["وقال لافروف إن روسيا تتمسك بالاتفاق النووي مع إيران."]),
            # "Tehran backs the proposals to return to the nuclear agreement." — Iran's stance
            "iran_deal": (
                "ar",
                [tension, "وأعلنت طهران دعمها لمقترحات العودة إلى الاتفاق النووي."],
            ),
        },
    )
    assert claims_of(m, "friends") == {"RU_LOYAL_PARTNER"}
    assert claims_of(m, "flourish") == {"RU_LOYAL_PARTNER"}
    assert claims_of(m, "good_coop") == set()
    assert claims_of(m, "three_way") == {"RU_LOYAL_PARTNER", "ANTI_WEST_BLOC"}
    assert claims_of(m, "bilateral") == {"RU_LOYAL_PARTNER"}
    assert claims_of(m, "urge", 1) == {"RU_URGES_RESTRAINT"}
    assert claims_of(m, "gaza", 1) == set()
    assert claims_of(m, "fear") == {"IR_FEARS_RU_US_THAW"}
    assert claims_of(m, "gain") == {"RU_BENEFITS_FROM_WAR"}
    assert claims_of(m, "no_war") == {"RU_SUPPORT_LIMITED"}
    assert claims_of(m, "deal") == {"RU_BACKS_IR_NUCLEAR_RIGHT"}
    assert claims_of(m, "iran_deal", 1) == set()


def test_arabic_look_alikes_of_calls_condemnations_and_deliveries(project_codebook) -> None:
    """Hard negatives met in Arabic news: a call for calm about Gaza, Iran condemning an attack
    in Moscow, a 'may sell' speculation, Iran helping Russia (not the other way), a payment
    system; and the paraphrases beside them."""
    m = tag(
        project_codebook,
        {
            # "Russia called for restraint in the Gaza Strip."
            "gaza": ("ar", ["روسيا وإيران", "ودعت روسيا إلى ضبط النفس في قطاع غزة."]),
            # "Moscow urged Tehran and Washington to show restraint."
            "calm": ("ar", ["ودعت موسكو طهران وواشنطن إلى ضبط النفس."]),
            # "Iran condemned the terrorist attack in Moscow."
            "iran_condemns": ("ar", ["وأدانت إيران الهجوم الإرهابي في موسكو."]),
            # "The Russian foreign ministry condemned the Israeli strikes on Iran." (دانت)
            "condemn": ("ar", ["ودانت الخارجية الروسية الضربات الإسرائيلية على إيران."]),
            # "Russia may sell weapons to Iran after the embargo is lifted."
            "may_sell": ("ar", ["وقد تبيع روسيا أسلحة لإيران بعد رفع الحظر."]),
            # "Iran helped Russia set up a drone factory in Tatarstan." — Iran's arms for Russia
            "iran_helps": ("ar", ["وساعدت إيران روسيا في إنشاء مصنع لإنتاج المسيرات في تتارستان."]),
            # "Russia helps Iran develop electronic-warfare systems."
            "ew": ("ar", ["وتساعد روسيا إيران في تطوير منظومات الحرب الإلكترونية."]),
            # "Russia provided Iran with systems for linking payment cards." — not weapons
            "payments": ("ar", ["ووفرت روسيا لإيران أنظمة الدفع الإلكتروني لربط البطاقات."]),
            # "Rosatom is building two new units at the Bushehr plant." (Iran in the headline)
            "bushehr": (
                "ar",
                [
                    "روسيا وإيران",
                    "وتبني شركة روس آتوم الروسية وحدتين جديدتين في محطة بوشهر النووية.",
                ],
            ),
            # "Russia voted against the IAEA resolution on Iran."
            "vote": ("ar", ["وصوتت روسيا ضد قرار الوكالة الدولية للطاقة الذرية بشأن إيران."]),
            # "Moscow balances its relations with Iran and its relations with Israel."
            "balance": ("ar", ["وتوازن موسكو بين علاقاتها مع إيران وعلاقاتها مع إسرائيل."]),
        },
    )
    assert claims_of(m, "gaza", 1) == set()
    assert claims_of(m, "calm") == {"RU_URGES_RESTRAINT"}
    assert claims_of(m, "iran_condemns") == set()
    assert claims_of(m, "condemn") == {"RU_CONDEMNS_STRIKES"}
    assert claims_of(m, "may_sell") == set()
    assert claims_of(m, "iran_helps") == {"IR_ARMS_TO_RU"}
    assert claims_of(m, "ew") == {"RU_MILTECH_TO_IR"}
    assert claims_of(m, "payments") == set()
    assert claims_of(m, "bushehr", 1) == {"PACT_STRATEGIC"}
    assert claims_of(m, "vote") == {"RU_BACKS_IR_NUCLEAR_RIGHT"}
    assert claims_of(m, "balance") == {"RU_SUPPORT_LIMITED"}


def test_arabic_caution_is_not_a_warning_and_making_do_is_limited_support(project_codebook) -> None:
    """الحذر ('caution') is not the verb حذر ('warned'); 'Russia made do with …' (اكتفت) is the
    limited-support family whatever it made do with."""
    headline = "الضربات على إيران"  # "The strikes on Iran"
    m = tag(
        project_codebook,
        {
            # "Moscow's caution about the Gulf states' security keeps the market calm."
            "caution": (
                "ar",
                [headline, "ويبقي الحذر الروسي تجاه أمن دول الخليج الأسواق في حالة هدوء."],
            ),
            # "The Kremlin warned of a dangerous escalation."
            "warned": ("ar", [headline, "وحذر الكرملين من تصعيد خطير."]),
            # "Russia made do with a statement calling the strikes illegal." (VSO)
            "made_do": ("ar", [headline, "واكتفت روسيا ببيان يصف الضربات بأنها غير قانونية."]),
        },
    )
    assert claims_of(m, "caution", 1) == set()
    assert claims_of(m, "warned", 1) == {"RU_URGES_RESTRAINT"}
    assert "RU_SUPPORT_LIMITED" in claims_of(m, "made_do", 1)


def test_arabic_strategic_alliance_and_opposing_sanctions(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Relations between Moscow and Tehran turned into a strategic alliance."
            "alliance": ("ar", ["وتحولت العلاقات بين موسكو وطهران إلى تحالف استراتيجي."]),
            # "Iran formed strategic alliances with Russia and China." — China is a partner too
            "china": ("ar", ["وأقامت إيران تحالفات استراتيجية مع روسيا والصين."]),
            # "Russia opposes imposing new sanctions on Iran."
            "sanctions": ("ar", ["وتعارض روسيا فرض عقوبات جديدة على إيران."]),
        },
    )
    assert claims_of(m, "alliance") == {"RU_LOYAL_PARTNER"}
    assert "RU_LOYAL_PARTNER" not in claims_of(m, "china")
    assert claims_of(m, "sanctions") == {"ANTI_WEST_BLOC"}


# --- session 4 (claims-ar): paraphrase families of the Arabic side; each positive beside a hard
# --- negative (a modal, a third party's tie, a masdar of intention, another conflict).
ARABIC_FAMILY_CASES = [
    # the three-way alignment named by its members' adjectives, as "understandings", rival
    # states named well after it ("The recent Chinese-Russian-Iranian understandings have
    # worried the Western capitals for months and many years, while Saudi Arabia and India
    # try to stay neutral.")
    (
        "",
        "وتقلق التفاهمات الصينية الروسية الإيرانية الأخيرة العواصم الغربية منذ أشهر وسنوات عديدة، "
        "بينما تحاول السعودية والهند البقاء على الحياد.",
        {"ANTI_WEST_BLOC"},
    ),
    # another pair's alliance, the three named far from it — nothing
    ("", "وتحدث الوزير عن التحالف بين تركيا وأذربيجان، فيما تراقب روسيا وإيران والصين.", set()),
    # Western sanctions pushed Moscow towards Tehran; the modal version is no claim
    ("", "ودفعت العقوبات الغربية موسكو إلى التقارب مع طهران.", {"ANTI_WEST_BLOC"}),
    ("", "ويمكن أن تدفع العقوبات الغربية روسيا إلى التعاون مع إيران.", set()),
    # "a batch" (دفعة) of fighters despite the sanctions is a delivery, not the bloc
    ("", "وسلمت روسيا إيران دفعة من المقاتلات رغم العقوبات الغربية.", {"RU_MILTECH_TO_IR"}),
    # the two camps — and "on the one hand … on the other" with no conflict against the West
    ("", "ويتصاعد الصراع بين الغرب من جهة وروسيا وإيران من جهة أخرى.", {"ANTI_WEST_BLOC"}),
    ("", "وتحدث التقرير عن روسيا من جهة وإيران من جهة أخرى في سوق النفط.", set()),
    # Iran praising Russia's war (Russia from the headline); criticising it is no claim
    ("بوتين في طهران", "وأشاد خامنئي بالعملية العسكرية الخاصة في أوكرانيا.", {"ANTI_WEST_BLOC"}),
    ("بوتين في طهران", "وانتقدت إيران الحرب في أوكرانيا.", set()),
    # ties deepened (a finite verb); the masdar of an aim and Israel's ties are not closeness
    ("", "وتوطد روسيا علاقاتها مع إيران منذ بداية الحرب.", {"RU_LOYAL_PARTNER"}),
    ("", "وتسعى روسيا إلى تعزيز علاقاتها مع إيران.", set()),
    ("طهران تراقب", "وعززت إسرائيل علاقاتها مع روسيا.", set()),
    # "the two friendly countries": Russia and Iran from the headline, not Turkey and Azerbaijan
    (
        "بوتين يستقبل بزشكيان في موسكو",
        "وقال المتحدث إن البلدين الصديقين يواجهان التحديات نفسها.",
        {"RU_LOYAL_PARTNER"},
    ),
    (
        "تركيا وأذربيجان توقعان اتفاقا",
        "وقال المتحدث إن البلدين الصديقين يواجهان التحديات نفسها.",
        set(),
    ),
    # a warning of the attack's consequences is the condemnation; a threat to strike Poland is not
    ("", "وحذرت موسكو من عواقب الهجوم على المنشأة الإيرانية.", {"RU_CONDEMNS_STRIKES"}),
    (
        "إيران تنتظر",
        "وحذر لافروف من عواقب نشر الأسلحة النووية الأمريكية في بولندا وهدد بضربها.",
        set(),
    ),
    # Tehran's support for the Russian leadership (the masdar before Iran) is Iran's, not Russia's;
    # Moscow keen on supporting Tehran is
    ("", "وأكد رئيسي لبوتين دعم طهران للقيادة الروسية.", set()),
    ("", "وأكد بوتين حرص موسكو على دعم طهران.", {"RU_LOYAL_PARTNER"}),
    # an arrest warrant (مذكرة توقيف) is no memorandum of understanding
    ("", "وقالت إيران إن روسيا لن تنفذ مذكرة التوقيف التي أصدرتها المحكمة.", set()),
    ("", "ووقعت روسيا وإيران مذكرة تفاهم في مجال الطاقة.", {"PACT_STRATEGIC"}),
    # coordinating to drive the US forces out
    ("", "وتنسق روسيا وإيران وسوريا لإخراج القوات الأمريكية من المنطقة.", {"ANTI_WEST_BLOC"}),
    # Shahed drones named by their model, used by Russia; "can carry" far after the noun phrase
    # is a description, "could get" right before it is speculation
    (
        "طهران وموسكو",
        "واستخدمت روسيا في أوكرانيا مسيرات من طراز شاهد، وهي طائرات انتحارية تطير لمسافات "
        "طويلة جدا فوق المدن والحقول ويمكن أن تحمل عشرات الكيلوغرامات من المتفجرات.",
        {"IR_ARMS_TO_RU"},
    ),
    ("طهران وموسكو", "ويمكن أن تحصل روسيا على مسيرات من طراز شاهد.", set()),
    # Iran developing its own drones with Russian experts is no Iranian delivery
    ("", "وطورت إيران مسيراتها بمساعدة خبراء روس.", set()),
    # "a criminal act": the assassination in Tehran, not the Crocus attack in Moscow
    ("اغتيال في طهران", "ووصفت موسكو الاغتيال بأنه عمل إجرامي.", {"RU_CONDEMNS_STRIKES"}),
    ("اغتيال في طهران", "ووصفت موسكو الهجوم على كروكوس بأنه عمل إجرامي.", set()),
    # a joint gold-backed crypto currency: the pact's content and a way round the dollar; Iran
    # with China only is neither
    (
        "",
        "وأطلقت روسيا وإيران عملة مشفرة مشتركة مدعومة بالذهب.",
        {"ANTI_WEST_BLOC", "PACT_STRATEGIC"},
    ),
    ("", "وتبحث إيران مع الصين إطلاق عملة رقمية مشتركة.", set()),
    # getting round the sanctions (a verb, not only the masdar); facing sanctions is no
    # alignment, and getting round them through China is not with Russia
    ("", "وتلتف روسيا وإيران على العقوبات الغربية عبر ممرات تجارية جديدة.", {"ANTI_WEST_BLOC"}),
    ("", "وتواجه إيران عقوبات جديدة بسبب برنامجها النووي، وفق ما قالت روسيا.", set()),
    ("روسيا وإيران", "وتلتف إيران على العقوبات عبر بيع النفط إلى الصين.", set()),
    # "Russia will not abandon Iran" (the negator is the phrase's own word) — but not asked
    ("", "وقال لافروف إن روسيا لن تتخلى عن إيران.", {"RU_LOYAL_PARTNER"}),
    ("", "وتساءل محللون هل لن تتخلى روسيا عن إيران؟", set()),
    # military help sent to Russia; asking Russia for it, or North Korea's missiles, are not
    ("موسكو وطهران", "وقدمت إيران مساعدات عسكرية كبيرة لروسيا.", {"IR_ARMS_TO_RU"}),
    ("موسكو وطهران", "وطلبت إيران مساعدات عسكرية من روسيا.", set()),
    ("إيران وروسيا", "وأرسلت كوريا الشمالية صواريخ إلى روسيا.", set()),
    # Iran taking Russia's side over Ukraine: accusing the West (verb first or Iran first),
    # abstaining from condemning Russia; the West accusing Iran, Russia refusing to condemn
    # Iran and Iran "carrying" oil are not
    (
        "روسيا وإيران",
        "واتهمت إيران الغرب بتقديم الأسلحة إلى أوكرانيا لإطالة الحرب.",
        {"ANTI_WEST_BLOC"},
    ),
    (
        "روسيا وإيران",
        "وقال عبد اللهيان إن إيران تتهم الناتو بإشعال الحرب في أوكرانيا.",
        {"ANTI_WEST_BLOC"},
    ),
    ("روسيا وإيران", "واتهم الغرب إيران بالتدخل في أوكرانيا.", set()),
    ("روسيا وإيران", "وتحمل إيران شحنات النفط إلى أوروبا عبر أوكرانيا.", set()),
    (
        "",
        "وامتنعت إيران عن التصويت على قرار يدين روسيا في الأمم المتحدة.",
        {"ANTI_WEST_BLOC"},
    ),
    ("", "ورفضت روسيا إدانة إيران في مجلس الأمن.", set()),
    # Russia's cautious stance aimed at avoiding escalation is limited support, not a call for
    # calm; a warning and a call are
    (
        "طهران تحت القصف",
        "وقال محللون إن هذا الموقف الحذر لموسكو يهدف إلى تجنب التصعيد الإقليمي.",
        {"RU_SUPPORT_LIMITED"},
    ),
    (
        "طهران تحت القصف",
        "وحذرت موسكو من التصعيد ودعت إلى ضبط النفس.",
        {"RU_URGES_RESTRAINT"},
    ),
    # session 5: a third state's ties WITH / TO the two (the sides only as objects of مع, ل,
    # ب) are not theirs; the same words with Russia or Iran as the subject are
    ("", "وتعزز فنزويلا علاقاتها الوثيقة مع الصين وروسيا وإيران.", set()),
    ("", "وقال الرئيس التركي إن أنقرة تقيم علاقات متينة مع روسيا أو إيران.", set()),
    ("", "وأعلنت بيلاروسيا أنها حليف وثيق لروسيا وإيران.", set()),
    ("", "وتتمتع كوبا بعلاقات أخوية بإيران وروسيا منذ عقود.", set()),
    ("", "وقال لافروف إن روسيا تعزز علاقاتها الوثيقة مع إيران.", {"RU_LOYAL_PARTNER"}),
    ("", "وقال بوتين إن إيران حليف وثيق لروسيا.", {"RU_LOYAL_PARTNER"}),
    ("", "ووقعت روسيا مع إيران اتفاقية شراكة استراتيجية.", {"PACT_STRATEGIC"}),
    # multipolarity with BRICS-style members listed is a membership list; the two (with
    # China) seeking it is the bloc
    ("", "ودعا المشاركون، ومنهم روسيا والصين وإيران والبرازيل، إلى عالم متعدد الأقطاب.", set()),
    ("", "ويتجه العالم نحو تعددية قطبية تقودها الصين وروسيا وإيران والهند.", set()),
    ("", "وتسعى روسيا وإيران والصين إلى عالم متعدد الأقطاب.", {"ANTI_WEST_BLOC"}),
]


#: Session 5 families (written from the language, each with a hard negative): (headline or "",
#: sentence, the claims it carries, whether the mention is negated).
ARABIC_S5_CASES = [
    # ties closer / stronger than ever (comparatives); worse than ever, and Russia's ties with
    # Israel, are not
    ("", "وقال لافروف إن العلاقات بين موسكو وطهران باتت أمتن من أي وقت مضى.", {"RU_LOYAL_PARTNER"}),
    ("", "وقال لافروف إن العلاقات بين موسكو وطهران باتت أسوأ من أي وقت مضى.", set()),
    ("روسيا وإسرائيل", "وقال بوتين إن العلاقات مع إسرائيل أقوى من أي وقت مضى.", set()),
    # "will not let its ally down" (not negated: the negator is the phrase's own)
    (
        "طهران تنتظر موقف موسكو",
        "وأكدت زاخاروفا أن روسيا لن تخذل حليفتها مهما اشتدت الضغوط.",
        {"RU_LOYAL_PARTNER"},
    ),
    # condemnation with a long attribution between the verb and the strike; cannot be
    # justified; rejects the aggression — not rejecting accusations
    (
        "",
        "وأدان سفير روسيا لدى الأمم المتحدة فاسيلي نيبينزيا، في كلمة أمام مجلس الأمن الدولي "
        "في نيويورك، الهجوم الإسرائيلي على إيران.",
        {"RU_CONDEMNS_STRIKES"},
    ),
    (
        "",
        "وقالت الخارجية الروسية إن الضربة على المنشآت الإيرانية لا يمكن تبريرها.",
        {"RU_CONDEMNS_STRIKES"},
    ),
    ("", "ورفضت موسكو العدوان الأمريكي على إيران.", {"RU_CONDEMNS_STRIKES"}),
    ("", "ورفضت موسكو الاتهامات الأمريكية بشأن الهجوم على السفارة الإيرانية.", set()),
    # the pact by its content (comprehensive, twenty years; linking the payment systems)
    ("", "ووقعت روسيا وإيران معاهدة شاملة لمدة عشرين عاما.", {"PACT_STRATEGIC"}),
    ("", "وأعلن البنك المركزي الإيراني ربط أنظمة الدفع مع روسيا.", {"PACT_STRATEGIC"}),
    ("", "وناقش البنك المركزي الإيراني أنظمة الدفع في روسيا.", set()),
    # Iranian-made munitions used by the Russian side; drones fired at Israel are no delivery;
    # shells shipped to Russia
    (
        "موسكو وطهران",
        "وتستخدم القوات الروسية ذخائر إيرانية الصنع على جبهة دونباس.",
        {"IR_ARMS_TO_RU"},
    ),
    ("موسكو وطهران", "وأطلقت إيران مسيرات إيرانية الصنع على إسرائيل.", set()),
    (
        "موسكو وطهران",
        "ونقلت سفن إيرانية قذائف مدفعية إلى روسيا عبر بحر قزوين.",
        {"IR_ARMS_TO_RU"},
    ),
    # Russia refusing to recognise the sanctions on Iran; Iran refusing them alone is not the bloc
    (
        "",
        "وقال ريابكوف إن روسيا لن تعترف بالعقوبات الأوروبية على إيران.",
        {"ANTI_WEST_BLOC"},
    ),
    ("", "وقالت إيران إنها لا تعترف بالعقوبات، بحسب وكالة تاس الروسية.", set()),
    # Russia blocking a resolution against Iran; an inalienable right (not negated)
    (
        "",
        "وتصدت روسيا لمشروع قرار ضد إيران في مجلس محافظي الوكالة الدولية.",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    (
        "",
        "وأكد الكرملين أن لإيران حقا غير قابل للتصرف في الطاقة النووية السلمية.",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    # nuclear weapons in the plural
    ("", "وقال لافروف إن روسيا تعارض امتلاك إيران أسلحة نووية.", {"RU_OPPOSES_IR_NUKE"}),
    # Russia's response far below Tehran's expectations
    (
        "",
        "وجاء الرد الروسي على الغارات على إيران أقل بكثير من توقعات طهران.",
        {"RU_SUPPORT_LIMITED"},
    ),
    # the treaty with no defence obligation — and with one (the pact only)
    (
        "",
        "وقال بيسكوف إن المعاهدة مع إيران خالية من أي التزام بالدفاع المتبادل.",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        "",
        "وقال بيسكوف إن المعاهدة مع إيران تتضمن التزاما بالدفاع المشترك.",
        {"PACT_STRATEGIC"},
    ),
    # Tehran fearing Russian concessions to Washington
    (
        "",
        "ويخشى مسؤولون في طهران أن تقدم موسكو تنازلات لواشنطن في الملف الإيراني.",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # a gain from the oil price around Iran, the war in Ukraine a clause away; the war in
    # Ukraine itself is not
    (
        "",
        "واستفادت روسيا من قفزة أسعار خام برنت بعد الضربات على إيران، رغم أعباء الحرب "
        "الطويلة في أوكرانيا.",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    ("", "واستفادت روسيا من الحرب في أوكرانيا.", set()),
    # a request to obtain jets is no delivery
    ("", "وتقدمت إيران بطلب رسمي للحصول على مقاتلات روسية.", set()),
    # a warning of dire consequences is the call; an expert's 'could lead to' them is modal
    # speculation (held-out false-positive class)
    ("", "وحذر لافروف من عواقب وخيمة لأي مواجهة مع إيران.", {"RU_URGES_RESTRAINT"}),
    ("", "وقال الخبير الروسي إن أي مواجهة مع إيران قد تؤدي إلى عواقب وخيمة.", set()),
    # 'against the West' said of a rival state is an analyst's framing of a third party
    ("", "وقال لافروف إن روسيا وإيران تتحركان معا ضد الغرب.", {"ANTI_WEST_BLOC"}),
    ("", "وقال مسؤول إيراني في موسكو إن الهند تتحرك ضد الغرب.", set()),
    # a third state a clause away does not block the article's Iran (context unless_window);
    # Syria as the partner of the ties does
    (
        "طهران وموسكو",
        "وقال لافروف إن علاقات موسكو أمتن من أي وقت مضى، منذ أن بدأ التنسيق بين البلدين قبل "
        "عشر سنوات في سوريا.",
        {"RU_LOYAL_PARTNER"},
    ),
    ("طهران وموسكو", "وقال لافروف إن علاقات موسكو بسوريا أمتن من أي وقت مضى.", set()),
    # the summit first, then the Iranian worry; relief is no fear
    (
        "",
        "وأثارت القمة بين بوتين وترامب في جنيف قلقا في أوساط المسؤولين الإيرانيين.",
        {"IR_FEARS_RU_US_THAW"},
    ),
    ("", "وأثارت القمة بين بوتين وترامب في جنيف ارتياحا في أوساط المسؤولين الإيرانيين.", set()),
    # the US busy with Iran gives Moscow an opening (Ukraine is the point here); 'may give' is
    # speculation
    (
        "",
        "ويرى خبراء أن انشغال واشنطن بالمواجهة مع إيران يمنح موسكو فرصة ذهبية على الجبهة "
        "الأوكرانية.",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    ("", "ويرى خبراء أن انشغال واشنطن بالمواجهة مع إيران قد يمنح موسكو فرصة ذهبية.", set()),
    # targeting data handed over; Iran publishing images is not
    (
        "",
        "وقالت صحيفة أمريكية إن روسيا زودت إيران بمعلومات استهداف دقيقة.",
        {"RU_INTEL_TO_IR"},
    ),
    ("", "وقالت صحيفة أمريكية إن إيران نشرت صورا عالية الدقة لقاعدة روسية.", set()),
]


def test_arabic_hollow_alliance_and_denied_ally_are_limited_support(project_codebook) -> None:
    """The manual: a denial of loyalty is RU_SUPPORT_LIMITED plus RU_LOYAL_PARTNER (denied)."""
    m = tag(
        project_codebook,
        {
            # "The Iranian MP said the alliance with Russia is a mere illusion."
            "illusion": ("ar", ["وقال النائب الإيراني إن التحالف مع روسيا مجرد وهم."]),
            # "... the alliance with Russia grows more solid." — not hollow
            "solid": ("ar", ["وقال النائب الإيراني إن التحالف مع روسيا يزداد متانة."]),
            # "An Iranian analyst said Russia was never a reliable ally."
            "never": ("ar", ["وقال محلل إيراني إن روسيا لم تكن يوما حليفا يعتمد عليه."]),
        },
    )
    assert claims_of(m, "illusion") == {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"}
    assert claims_of(m, "solid") == set()
    assert claims_of(m, "never") == {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"}
    never = m[m["doc_id"] == "never"].set_index("claim_id")["negated"]
    assert bool(never["RU_LOYAL_PARTNER"]) and not bool(never["RU_SUPPORT_LIMITED"])


@pytest.mark.parametrize(("headline", "sentence", "expected"), ARABIC_S5_CASES)
def test_arabic_session5_families_and_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    last = last_sentence_mentions(project_codebook, "ar", headline, sentence)
    assert set(last["claim_id"]) == expected
    assert not last["negated"].any()  # none of these is a denial


@pytest.mark.parametrize(("headline", "sentence", "expected"), ARABIC_FAMILY_CASES)
def test_arabic_paraphrase_families_and_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    sentences = [headline, sentence] if headline else [sentence]
    m = tag(project_codebook, {"d": ("ar", sentences)})
    assert claims_of(m, "d", len(sentences) - 1) == expected


def test_arabic_denied_military_help_in_ukraine_is_a_negated_arms_claim(project_codebook) -> None:
    # "Iran said it gives no party weapons in the war in Ukraine" (Russia from the headline)
    m = tag(
        project_codebook,
        {
            "d": (
                "ar",
                ["روسيا وإيران", "وقالت إيران إنها لا تقدم أسلحة لأي طرف في الحرب في أوكرانيا."],
            )
        },
    )
    row = m[(m["sent_idx"] == 1) & (m["claim_id"] == "IR_ARMS_TO_RU")]
    assert len(row) == 1 and bool(row["negated"].iloc[0])


def test_arabic_iran_denying_the_use_of_its_drones_by_russia_is_negated(project_codebook) -> None:
    # "Tehran denied the use of its drones by the Russian army."
    m = tag(project_codebook, {"d": ("ar", ["ونفت طهران استخدام مسيراتها من قبل الجيش الروسي."])})
    row = m[m["claim_id"] == "IR_ARMS_TO_RU"]
    assert len(row) == 1 and bool(row["negated"].iloc[0])


# Session 5 (claims-he2): Hebrew families of the nuclear claims and the pact's missing defence
# clause, written for these tests from a reader's knowledge of Hebrew news (expected values from
# the coding manual). Only these claims are compared — other claims a sentence also carries (the
# treaty mentioned in passing is PACT_STRATEGIC) are other tests' business.
HE2_CLAIMS = {
    "RU_OPPOSES_IR_NUKE",
    "RU_BACKS_IR_NUCLEAR_RIGHT",
    "PACT_NO_DEFENCE",
    "IR_FEARS_RU_US_THAW",
    "RU_INTEL_SWAP_OFFER",
    "RU_INTEL_TO_IR",
    "RU_MEDIATES_IL_IR",
    "RU_BENEFITS_FROM_WAR",
}
HEBREW_CASES_HE2 = [
    # RU_OPPOSES_IR_NUKE: will not accept / rejects / no interest + the bomb, a nuclear power, a
    # threshold state, a military turn; "his country" with Russia in the headline; a threat;
    # only civil cooperation; non-proliferation as the Russian side's goal
    (
        "רוסיה ואיראן",
        "מוסקבה לא תקבל בשום אופן איראן חמושה בנשק גרעיני, אמר לברוב",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "רוסיה ואיראן",
        "הקרמלין דוחה כל ניסיון להפוך את איראן למעצמה גרעינית",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    ("רוסיה ואיראן", "לרוסיה אין כל אינטרס בפצצה איראנית, הבהיר פסקוב", {"RU_OPPOSES_IR_NUKE"}),
    (
        "רוסיה ואיראן",
        "רוסיה שוללת מכל וכל מעבר של תוכנית הגרעין לכיוון צבאי",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "פוטין על תוכנית הגרעין",
        "השר הדגיש כי ארצו מתנגדת להפיכתה של איראן למדינת סף",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "לברוב משרטט קו אדום",
        "השר אמר כי ארצו דוחה כל מעבר לכיוון צבאי של תוכנית הגרעין האיראנית",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "רוסיה ואיראן",
        "במוסקבה רואים בפצצה איראנית איום על יציבות האזור",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "רוסיה ואיראן",
        "פוטין אמר כי שיתוף הפעולה הגרעיני עם טהרן יימשך רק בתחום האזרחי",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "רוסיה ואיראן",
        "ריאבקוב הזכיר כי מניעת הפצה של נשק גרעיני היא יעד משותף",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    # ... not rejecting charges against Iran, a request, a question, a bombing (הפצצה), another
    # country's minister, a possibility
    ("רוסיה ואיראן", "רוסיה דחתה את הטענות כי איראן מפתחת נשק גרעיני", set()),
    ("רוסיה ואיראן", "ישראל ביקשה מרוסיה למנוע מאיראן להשיג נשק גרעיני", set()),
    ("רוסיה ואיראן", "האם רוסיה תסכים לקבל איראן גרעינית?", set()),
    ("רוסיה ואיראן", "רוסיה מתנגדת להפצצה של מתקני הגרעין באיראן", set()),
    ("פוטין על תוכנית הגרעין", "שר החוץ הישראלי אמר כי ארצו לא תקבל איראן גרעינית", set()),
    ("רוסיה ואיראן", "רוסיה עשויה לא לקבל איראן חמושה בנשק גרעיני", set()),
    # RU_BACKS_IR_NUCLEAR_RIGHT: the right with the Russian side before it; backing in the file;
    # not recognising / blocking / calling void the snapback; against the Western resolution
    (
        "רוסיה ואיראן",
        "משרד החוץ הרוסי: לאיראן זכות מלאה לפתח אנרגיה גרעינית לצרכי שלום",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    ("רוסיה ואיראן", "לברוב הדגיש את זכותה של טהרן להעשיר אורניום", {"RU_BACKS_IR_NUCLEAR_RIGHT"}),
    (
        "רוסיה ואיראן",
        "פזשכיאן הודה לפוטין על הגיבוי הרוסי בתיק הגרעין",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    (
        "רוסיה ואיראן",
        'מוסקבה הודיעה כי לא תכיר בהחזרת הסנקציות של האו"ם על טהרן',
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה וסין חסמו את הצעת ההחלטה נגד איראן בחבר הנגידים",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    ("רוסיה ואיראן", "נבנזיה: מנגנון הסנאפבק בטל מעיקרו", {"RU_BACKS_IR_NUCLEAR_RIGHT"}),
    ("רוסיה ואיראן", "אוליאנוב נגד הצעת ההחלטה המערבית", {"RU_BACKS_IR_NUCLEAR_RIGHT"}),
    # ... not Iran insisting on its own right, the US blocking Russia's draft, a possibility, a
    # right that is not nuclear, Russia rejecting a military turn (that limits Iran)
    ("רוסיה ואיראן", "איראן מתעקשת על זכותה להעשיר אורניום", set()),
    ("רוסיה ואיראן", 'ארה"ב חסמה את הצעת ההחלטה הרוסית על איראן', set()),
    ("רוסיה ואיראן", "צרפת: רוסיה לא תוכל לחסום את הסנאפבק", set()),
    ("רוסיה ואיראן", "רוסיה הכירה בזכותה של ישראל להגן על עצמה", set()),
    (
        "רוסיה ואיראן",
        "רוסיה דוחה מעבר לכיוון צבאי של הגרעין האיראני",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    # PACT_NO_DEFENCE: not included / does not grant / in the absence of + mutual help, a
    # security umbrella; bound only not to help the attacker
    (
        "רוסיה ואיראן",
        "באמנה בין מוסקבה לטהרן לא נכלל סעיף של עזרה הדדית",
        {"PACT_NO_DEFENCE"},
    ),
    (
        "רוסיה ואיראן",
        "האמנה בין רוסיה לאיראן אינה מעניקה לטהרן מטרייה ביטחונית",
        {"PACT_NO_DEFENCE"},
    ),
    (
        "רוסיה ואיראן",
        "בהיעדר התחייבות להגנה הדדית, רוסיה לא נדרשה להתערב",
        {"PACT_NO_DEFENCE"},
    ),
    (
        "רוסיה ואיראן",
        "רוסיה ואיראן התחייבו רק שלא לסייע לתוקף של הצד השני",
        {"PACT_NO_DEFENCE"},
    ),
    # ... not North Korea's treaty that has the clause, not mutual aid in disasters
    ("רוסיה ואיראן", "האמנה בין רוסיה לצפון קוריאה כוללת סעיף של עזרה הדדית", set()),
    ("רוסיה ואיראן", "רוסיה ואיראן חתמו על אמנה הכוללת סיוע הדדי בתחום האסונות", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_HE2)
def test_hebrew_he2_families_with_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) & HE2_CLAIMS == expected


def test_hebrew_doha_is_a_third_party_only_as_a_place(project_codebook) -> None:
    # bare דוחה is the verb "rejects": it does not forbid the article context (Iran from the
    # headline); "in Doha" (בדוחה) is Qatar's capital and does
    m = tag(
        project_codebook,
        {
            "a": ("he", ["תוכנית הגרעין של איראן", "לברוב אמר כי רוסיה דוחה כל נשק גרעיני"]),
            "b": ("he", ["תוכנית הגרעין של איראן", "לברוב אמר בדוחה כי רוסיה מתנגדת לנשק גרעיני"]),
        },
    )
    assert "RU_OPPOSES_IR_NUKE" in claims_of(m, "a", 1)
    assert "RU_OPPOSES_IR_NUKE" not in claims_of(m, "b", 1)


def test_hebrew_own_negators_do_not_negate_the_snapback_refusal_or_missing_clause(
    project_codebook,
) -> None:
    m = tag(
        project_codebook,
        {
            "s": ("he", ["רוסיה ואיראן", 'מוסקבה הודיעה כי לא תכיר בהחזרת הסנקציות של האו"ם']),
            "p": ("he", ["רוסיה ואיראן", "באמנה בין מוסקבה לטהרן לא נכלל סעיף של עזרה הדדית"]),
        },
    )
    snap = m[(m["doc_id"] == "s") & (m["claim_id"] == "RU_BACKS_IR_NUCLEAR_RIGHT")]
    pact = m[(m["doc_id"] == "p") & (m["claim_id"] == "PACT_NO_DEFENCE")]
    assert len(snap) == 1 and not bool(snap["negated"].iloc[0])
    assert len(pact) == 1 and not bool(pact["negated"].iloc[0])


# Session 5 (claims-he2), second part: the feared thaw, intelligence and the offer to stop it,
# the go-between and the war's gains (sentences written for these tests; expected values from
# the coding manual; only the HE2 claims compared).
HEBREW_CASES_HE2B = [
    # IR_FEARS_RU_US_THAW: give up Iran, a nightmare, distrust and warnings about the talks,
    # selling "us" out, a denied worry (the claim, negated)
    (
        "הפסגה באלסקה",
        "בטהרן חוששים שמוסקבה תוותר על איראן בתמורה להקלות אמריקניות",
        {"IR_FEARS_RU_US_THAW"},
    ),
    (
        "פוטין וטראמפ",
        "הסיוט של טהרן: הבנות מקיפות בין הקרמלין לבית הלבן",
        {"IR_FEARS_RU_US_THAW"},
    ),
    (
        'רוסיה וארה"ב',
        "חמינאי אינו סומך על הרוסים ומזהיר מפני המגעים בין מוסקבה לוושינגטון",
        {"IR_FEARS_RU_US_THAW"},
    ),
    (
        'רוסיה וארה"ב',
        "בכיר איראני אמר כי הרוסים ימכרו אותנו ברגע שוושינגטון תציע להם עסקה",
        {"IR_FEARS_RU_US_THAW"},
    ),
    (
        'רוסיה וארה"ב',
        "עראקצ'י: איננו מודאגים מהשיחות בין רוסיה לארה\"ב",
        {"IR_FEARS_RU_US_THAW"},
    ),
    # ... not Kyiv's fear, not Russia's fear of an Iran–US deal, not Iran's own talks with Russia
    ('רוסיה וארה"ב', 'בקייב חוששים מהמגעים בין רוסיה לארה"ב', set()),
    ("רוסיה ואיראן", 'רוסיה חוששת מהסכם בין איראן לארה"ב', set()),
    ('רוסיה וארה"ב', "איראן מקיימת שיחות עם רוסיה על הסחר", set()),
    # RU_INTEL_TO_IR: images taken by a satellite, information on positions, coordinates denied in
    # the first person, striking with the help of Russian intelligence
    (
        "רוסיה ואיראן",
        "רוסיה העבירה לאיראן צילומים של בסיסים אמריקניים שצולמו מהלוויין",
        {"RU_INTEL_TO_IR"},
    ),
    (
        "רוסיה ואיראן",
        "לפי הדיווח, מוסקבה מספקת לטהרן מידע על מיקום כוחות אמריקניים",
        {"RU_INTEL_TO_IR"},
    ),
    ("רוסיה ואיראן", "פסקוב: לא סיפקנו לאיראן נקודות ציון של מטרות", {"RU_INTEL_TO_IR"}),
    (
        "רוסיה ואיראן",
        'הכטב"מים האיראניים פגעו במטרותיהם בעזרת מודיעין רוסי',
        {"RU_INTEL_TO_IR"},
    ),
    # ... not the other direction, not US intelligence for Ukraine, a request, a satellite launch
    ("רוסיה ואיראן", "איראן העבירה לרוסיה מידע על מיקום כוחות אוקראיניים", set()),
    ("רוסיה ואיראן", "אוקראינה תקפה בעזרת מודיעין אמריקני", set()),
    ("רוסיה ואיראן", "איראן ביקשה מרוסיה תמונות לוויין של בסיסים אמריקניים", set()),
    ("רוסיה ואיראן", "רוסיה שיגרה לחלל לוויין איראני", set()),
    # RU_INTEL_SWAP_OFFER: the Russian side stopping / halting the flow of intelligence to Iran,
    # tying it to Ukraine, "no intelligence for Iran, none for Ukraine"
    (
        "רוסיה, איראן ואוקראינה",
        "הקרמלין הציע לחדול מזרימת המידע המודיעיני לאיראן אם וושינגטון תפסיק לסייע לקייב",
        {"RU_INTEL_SWAP_OFFER"},
    ),
    (
        "רוסיה, איראן ואוקראינה",
        "מוסקבה הביעה נכונות לעצור את זרימת המודיעין לטהרן תמורת צעד דומה כלפי אוקראינה",
        {"RU_INTEL_SWAP_OFFER"},
    ),
    (
        "ההצעה הרוסית לוושינגטון",
        "לפי הדיווח, הרוסים כרכו את המודיעין לאיראן בתיק האוקראיני",
        {"RU_INTEL_SWAP_OFFER"},
    ),
    (
        "ההצעה הרוסית לאיראן ולאוקראינה",
        "הנוסחה הרוסית: אין מודיעין לאיראן, אין מודיעין לאוקראינה",
        {"RU_INTEL_SWAP_OFFER"},
    ),
    # ... not the US stopping its intelligence for Kyiv, not Russia stopping exports
    ("רוסיה ואיראן", 'ארה"ב הפסיקה לשתף מודיעין עם אוקראינה', set()),
    ("רוסיה ואיראן", "רוסיה הפסיקה את הייצוא לאוקראינה", set()),
    # RU_MEDIATES_IL_IR: a secret / indirect channel, a message via the Kremlin, a message passed
    # in the passive, a message whose content holds a wish (the wish is Israel's, the passing
    # Russia's)
    ("ישראל ואיראן", "רוסיה משמשת צינור חשאי בין ירושלים לטהרן", {"RU_MEDIATES_IL_IR"}),
    (
        "ישראל ואיראן",
        "מוסקבה תפקדה כערוץ עקיף בין ישראל לאיראנים במהלך המלחמה",
        {"RU_MEDIATES_IL_IR"},
    ),
    ("פוטין העביר מסר", "מסר מנתניהו לאיראנים עבר באמצעות הקרמלין", {"RU_MEDIATES_IL_IR"}),
    (
        "פוטין העביר מסר",
        "המסר הישראלי הועבר לטהרן שעות אחרי שהגיע לפוטין",
        {"RU_MEDIATES_IL_IR"},
    ),
    (
        "ישראל ואיראן",
        "פוטין העביר לאיראנים מסר מנתניהו שלפיו ישראל אינה מעוניינת בעימות",
        {"RU_MEDIATES_IL_IR"},
    ),
    # ... not a request, not Russia between Armenia and Azerbaijan, not Qatar with Hamas, not Oman
    ("ישראל ואיראן", "ישראל מבקשת מרוסיה לשמש ערוץ חשאי מול טהרן", set()),
    ("ישראל ואיראן", "רוסיה משמשת מתווכת בין ארמניה לאזרבייג'ן", set()),
    ("ישראל ואיראן", "קטאר משמשת ערוץ עקיף בין ישראל לחמאס", set()),
    ("ישראל ואיראן", "מסר מנתניהו הועבר לאיראנים דרך עומאן", set()),
    # RU_BENEFITS_FROM_WAR: reaping the fruits, oil revenues up since the war, gaining while
    # Washington is busy with Iran, profits named by Kyiv (Kyiv as the accuser)
    ("המלחמה באיראן", "מוסקבה קוצרת את פירות המלחמה במפרץ", {"RU_BENEFITS_FROM_WAR"}),
    (
        "המלחמה באיראן",
        "הכנסות רוסיה מנפט זינקו מאז תחילת המלחמה באיראן",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    (
        "המלחמה באיראן",
        "כשוושינגטון עסוקה באיראן, פוטין מתקדם בדונבאס",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    ("המלחמה באיראן", "קייב: מוסקבה מפיקה רווחים מהמתיחות במפרץ", {"RU_BENEFITS_FROM_WAR"}),
    # ... not the fruits of its war in Ukraine, not Europe helping Ukraine
    ("המלחמה באיראן", "מוסקבה קוצרת את פירות המלחמה באוקראינה", set()),
    ("המלחמה באיראן", "הכנסות רוסיה מנפט עלו מאז תחילת המלחמה באוקראינה", set()),
    ("המלחמה באיראן", "כשוושינגטון עסוקה באיראן, אירופה מסייעת לאוקראינה", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_HE2B)
def test_hebrew_he2_thaw_intel_broker_and_gain_families(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) & HE2_CLAIMS == expected


def test_hebrew_an_mp_of_the_majlis_is_the_iranian_side(project_codebook) -> None:
    # "a Majlis member: the Russians may sell us out at the table with Washington" — Iran named
    # only as its parliament, without the article
    m = tag(
        project_codebook,
        {"d": ("he", ['חבר מג\'לס: "הרוסים עלולים למכור אותנו בשיחות עם וושינגטון"'])},
    )
    assert claims_of(m, "d", 0) & HE2_CLAIMS == {"IR_FEARS_RU_US_THAW"}


HEBREW_CASES_HE2C = [
    # more wordings of the same families: the bomb as a red line; a veto on returning the
    # sanctions; the pact refraining from the obligation; Russian intelligence that helped; a
    # Russian go-between — and "a Russian channel" (TV) reporting, Israel's red line
    (
        "רוסיה ואיראן",
        "מוסקבה הבהירה כי פצצה גרעינית איראנית היא קו אדום",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        "רוסיה ואיראן",
        "הנציג הרוסי הטיל וטו על הניסיון להחזיר את הסנקציות על טהרן",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
    ),
    (
        "רוסיה ואיראן",
        "האמנה בין רוסיה לאיראן נמנעת מהתחייבות להגנה הדדית",
        {"PACT_NO_DEFENCE"},
    ),
    (
        "רוסיה ואיראן",
        "מודיעין רוסי סייע לאיראנים לפגוע בבסיסים האמריקניים",
        {"RU_INTEL_TO_IR"},
    ),
    ("ישראל ואיראן", "מתווך רוסי העביר מסרים בין ישראל לאיראן", {"RU_MEDIATES_IL_IR"}),
    ("ישראל ואיראן", "ערוץ רוסי דיווח כי ישראל תקפה באיראן", set()),
    ("רוסיה ואיראן", "ישראל רואה בפצצה גרעינית איראנית קו אדום, אמר לברוב", set()),
    # gains from a crisis named without the article; not from the war in Gaza or in Ukraine
    (
        "המלחמה באיראן",
        "רוסיה מרוויחה ממשבר האנרגיה שנגרם מהעימות במפרץ",
        {"RU_BENEFITS_FROM_WAR"},
    ),
    ("המלחמה באיראן", "רוסיה מרוויחה מהמלחמה ברצועת עזה", set()),
    ("המלחמה באיראן", "מוסקבה קוצרת את פירות המלחמה בעזה", set()),
    ("המלחמה באיראן", "מוסקבה קוצרת את פירות המלחמה הרוסית באוקראינה", set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), HEBREW_CASES_HE2C)
def test_hebrew_he2_more_wordings_and_look_alikes(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) & HE2_CLAIMS == expected


#: Session 6 Arabic families (sentences written for these tests from the language, not copied
#: from any gold set): (headline or "", sentence, the claims it carries, whether its mentions
#: are negated — None: not checked). Each family has a positive and a hard negative.
ARABIC_S6_CASES = [
    # standing / staying by Iran's side, any person and tense; a question is no claim
    (
        "",
        "وأكد بيسكوف أن موسكو ستظل إلى جانب طهران في مواجهة التهديدات.",
        {"RU_LOYAL_PARTNER"},
        False,
    ),
    ("", "هل ستقف موسكو إلى جانب طهران هذه المرة؟", set(), None),
    # steadfast support; China's steadfast support is not Russia's
    ("", "وشكر عراقجي روسيا على دعمها الثابت لإيران.", {"RU_LOYAL_PARTNER"}, False),
    ("", "وأشاد عراقجي أمام لافروف بالدعم الثابت الذي تقدمه الصين لإيران.", set(), None),
    # a reliable partner: Russia so called is the claim; Iran so called by Russia is praise
    # running the other way (the manual)
    ("", "وقال عراقجي إن روسيا أثبتت أنها شريك موثوق لإيران.", {"RU_LOYAL_PARTNER"}, False),
    ("", "ووصف لافروف إيران بأنها شريك موثوق في مجال الطاقة.", set(), None),
    # the two called allies, the pair taken from the article; another pair is not theirs
    (
        "روسيا وإيران توقعان اتفاقية للتعاون",
        "ويشهد التعاون بين الحليفين تطورا في مجال الطاقة.",
        {"RU_LOYAL_PARTNER"},
        False,
    ),
    (
        "تركيا وأذربيجان توقعان اتفاقية للتعاون",
        "ويشهد التعاون بين الحليفين تطورا في مجال الطاقة.",
        set(),
        None,
    ),
    # its rapprochement with Tehran; with Riyadh it is not
    ("", "وقال السفير إن روسيا تواصل تقاربها مع طهران.", {"RU_LOYAL_PARTNER"}, False),
    ("", "وقال السفير الإيراني إن روسيا تواصل تقاربها مع الرياض.", set(), None),
    # confronting the West's sanctions together (the dual); 'faces sanctions' (suffers) is not
    (
        "",
        "وقال لافروف إن موسكو وطهران تتصديان معا للعقوبات الأمريكية.",
        {"ANTI_WEST_BLOC"},
        False,
    ),
    ("", "وقال لافروف إن روسيا تعاني عقوبات غربية منذ سنوات، مثل إيران.", set(), None),
    # dropping the dollar; India dropping it is a third state's policy
    (
        "",
        "وأعلن البنكان المركزيان في روسيا وإيران أنهما يتخليان عن الدولار في التجارة الثنائية.",
        {"ANTI_WEST_BLOC"},
        False,
    ),
    ("", "وقال مسؤول روسي إن الهند تتخلى عن الدولار في تجارتها مع إيران.", set(), None),
    # the sanctions called illegitimate; a question is not a claim
    ("", "وقالت زاخاروفا إن العقوبات الأحادية على إيران غير شرعية.", {"ANTI_WEST_BLOC"}, False),
    ("", "هل العقوبات الأحادية على إيران غير شرعية؟ سأل صحفي زاخاروفا.", set(), None),
    # Western pressure failing to isolate the two; succeeding in isolating one from the other
    ("", "وقال عراقجي إن واشنطن فشلت في عزل طهران وموسكو.", {"ANTI_WEST_BLOC"}, False),
    ("", "وقال عراقجي إن واشنطن نجحت في إبعاد طهران عن موسكو.", set(), None),
    # an axis named with its members and China; with Turkey it is not the bloc
    ("", "وحذر باحثون أمريكيون من محور يجمع موسكو وطهران وبكين.", {"ANTI_WEST_BLOC"}, False),
    ("", "وحذر باحثون أمريكيون من محور يجمع موسكو وطهران وأنقرة.", set(), None),
    # Iran joining a bloc (the bloc's full name); a hope to join is an intention
    (
        "",
        "ونالت إيران صفة مراقب في الاتحاد الاقتصادي الأوراسي الذي تقوده روسيا.",
        {"ANTI_WEST_BLOC"},
        False,
    ),
    ("", "وتأمل إيران في الانضمام إلى الاتحاد الاقتصادي الأوراسي الذي تقوده روسيا.", set(), None),
    # a denied delivery is the arms claim negated; a denial about the Houthis is not Russia's
    (
        "روسيا ومسيرات إيران",
        "وقال بقائي إن بلاده لم ترسل أي أسلحة إلى موسكو.",
        {"IR_ARMS_TO_RU"},
        True,
    ),
    ("روسيا ومسيرات إيران", "وقال بقائي إن بلاده لم ترسل أي أسلحة إلى الحوثيين.", set(), None),
    # the Russian side buying from Iran; Iran receiving from Russia is the other direction
    (
        "",
        "وذكرت وكالة أن روسيا اشترت من إيران مئات الصواريخ الباليستية.",
        {"IR_ARMS_TO_RU"},
        False,
    ),
    ("", "وذكرت مصادر أن إيران تسلمت من روسيا منظومات دفاع جوي.", {"RU_MILTECH_TO_IR"}, False),
    # the giver, a giving verb, Russia as its object; munitions shipped from an Iranian port
    ("", "ويتهم الغرب إيران بتزويد روسيا بالمسيرات.", {"IR_ARMS_TO_RU"}, False),
    ("", "ونقلت سفن روسية آلاف القذائف من ميناء أمير آباد.", {"IR_ARMS_TO_RU"}, False),
    ("", "ونقلت سفن روسية آلاف الأطنان من القمح إلى ميناء أمير آباد.", set(), None),
    # Iran complicit in the war on Ukraine (Russia from the headline); in Yemen it is not
    (
        "روسيا تستخدم مسيرات شاهد",
        "وقال زيلينسكي إن إيران متورطة في الحرب على أوكرانيا.",
        {"IR_ARMS_TO_RU"},
        False,
    ),
    ("روسيا تستخدم مسيرات شاهد", "وقال زيلينسكي إن إيران متورطة في الحرب في اليمن.", set(), None),
    # 'the treaty' continuing the pact of the headline; Russia's treaty with North Korea does not
    (
        "روسيا وإيران توقعان معاهدة الشراكة الاستراتيجية الشاملة",
        "وتأتي المعاهدة بعد ثلاث سنوات من المفاوضات.",
        {"PACT_STRATEGIC"},
        False,
    ),
    (
        "روسيا وإيران توقعان معاهدة الشراكة الاستراتيجية الشاملة",
        "وكانت المعاهدة الروسية الكورية الشمالية قد وقعت قبل عام.",
        set(),
        None,
    ),
    # contacts are not a telecoms agreement (and agreeing to keep talking is an intention)
    ("", "واتفق الرئيسان بوتين وبزشكيان على مواصلة الاتصالات.", set(), None),
    # the strike's verdict as a predicate; a question is not a condemnation
    (
        "",
        "وقال نيبينزيا إن الضربة الأمريكية على إيران عدوان يجب أن يتوقف.",
        {"RU_CONDEMNS_STRIKES"},
        False,
    ),
    ("", "هل الضربة الأمريكية على إيران عدوان يجب أن يتوقف؟ سأل صحفي نيبينزيا.", set(), None),
    # regret over the strikes; regret over a cancelled visit is not
    (
        "",
        "وأعربت الخارجية الروسية عن أسفها للغارات الإسرائيلية على إيران.",
        {"RU_CONDEMNS_STRIKES"},
        False,
    ),
    ("", "وأعربت الخارجية الروسية عن أسفها لإلغاء زيارة الوزير إلى إيران.", set(), None),
]


@pytest.mark.parametrize(("headline", "sentence", "expected", "negated"), ARABIC_S6_CASES)
def test_arabic_session6_families_and_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str], negated: bool | None
) -> None:
    assert_last_sentence_claims(project_codebook, "ar", headline, sentence, expected, negated)

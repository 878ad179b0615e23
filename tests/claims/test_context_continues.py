"""The continuation rule (a claim's ``context`` ``continues``, applied by
helpers.claims.annotate): a sentence with the claim's own cue that names only one side (or
neither) carries the claim when one of its context sentences — the 3 before it, the
headline — carries that claim: "Moscow will not recognise the sanctions" after "Russia and
Iran against the West". Without such a sentence before it, the same words are a Russia–West
clash (the coding manual's negative), and a third state in the sentence, another claim in
the context, a context sentence out of the window, or a claim that did not opt in carry
nothing.

Sentences and small articles written for these tests; expected values from reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codebook_from_yaml
from conftest import found_mentions as found
from conftest import tag_articles as tag

from helpers.claims.codebook import CodebookError, load_codebook

CODEBOOK = """\
codebook: continues-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
  TR: {en: a third state, kind: state, he: [טורקיה, אנקרה], ar: [تركيا, أنقرة]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
lexicons:
  AGAINST: {he: [נגד], ar: [ضد]}
  WEST_WORD: {he: [המערב], ar: [الغرب]}
  NOT_RECOGNISE: {he: ['לא ~1 תכיר', 'לא ~1 נכיר', 'לא ~1 יכירו'], ar: ['لن ~1 تعترف', 'لن ~1 نعترف', 'لن ~1 تعترفا']}
  SANCTIONS: {he: [סנקציות], ar: [عقوبات]}
  OTHER_STATES: {he: [סוריה], ar: [سوريا]}
claims:
  - id: BLOC
    en: the two sides stand against the West (side B from the article only by continuation)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE], unless: [TR, OTHER_STATES], continues: true}
    compose:
      - {slots: [AGAINST, WEST_WORD], window: 4}
      - {slots: [NOT_RECOGNISE, SANCTIONS], window: 4, ordered: true}
  - id: BLOC_PLAIN
    en: the same words, no continuation (the claim did not opt in)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE], unless: [TR, OTHER_STATES]}
    compose:
      - {slots: [AGAINST, WEST_WORD], window: 4}
      - {slots: [NOT_RECOGNISE, SANCTIONS], window: 4, ordered: true}
  - id: PACT
    en: the two sides sign the treaty (another claim)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: [RU_SIDE, IR_SIDE]
    he: [חתמו על האמנה]
    ar: [وقعتا المعاهدة]
"""

BLOC_HE = "רוסיה ואיראן מאוחדות נגד המערב"  # "Russia and Iran united against the West"
WONT_HE = "מוסקבה הודיעה כי לא תכיר בסנקציות."  # "Moscow said it will not recognise the sanctions."
FILLER_HE = "הכלכלה העולמית משתנה במהירות."  # "The world economy changes fast." (no actor)
BLOC_AR = "روسيا وإيران في خندق واحد ضد الغرب"  # "Russia and Iran in one trench against the West"
WONT_AR = (
    "أعلنت موسكو أنها لن تعترف بالعقوبات."  # "Moscow said it will not recognise the sanctions."
)
RULE = "compose:NOT_RECOGNISE+SANCTIONS +context:BLOC@s{k} via continues"


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory):
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def test_a_sentence_naming_one_side_continues_the_claim_of_the_headline(codebook) -> None:
    m = tag(
        codebook,
        {
            "he": ("he", [BLOC_HE, WONT_HE]),
            "ar": ("ar", [BLOC_AR, WONT_AR]),
        },
    )
    for doc in ("he", "ar"):
        # the headline names both sides: both claims; the next sentence names Moscow alone,
        # and only the claim that opted in continues there from the headline
        assert found(m, doc) == [
            (0, "BLOC", "compose:AGAINST+WEST_WORD"),
            (0, "BLOC_PLAIN", "compose:AGAINST+WEST_WORD"),
            (1, "BLOC", RULE.format(k=0)),
        ]


def test_without_the_claim_before_it_the_same_words_are_a_clash_with_the_west(codebook) -> None:
    m = tag(
        codebook,
        {
            # "Iran awaits the decision of the Security Council." — Iran named, no claim
            "no_claim": ("he", ["איראן ממתינה להחלטת מועצת הביטחון", WONT_HE]),
            # "Russia and Iran signed the treaty." — another claim before it
            "other_claim": ("he", ["רוסיה ואיראן חתמו על האמנה", WONT_HE]),
            "other_claim_ar": ("ar", ["روسيا وإيران وقعتا المعاهدة", WONT_AR]),
        },
    )
    assert found(m, "no_claim") == []
    assert found(m, "other_claim") == [(0, "PACT", "pattern:חתמו על האמנה")]
    assert found(m, "other_claim_ar") == [(0, "PACT", "pattern:وقعتا المعاهدة")]


def test_a_third_state_in_the_sentence_stops_the_continuation(codebook) -> None:
    # "Moscow and Ankara said they will not recognise the sanctions": Turkey's refusal too
    both = "מוסקבה ואנקרה הודיעו כי לא יכירו בסנקציות."
    # "Moscow said it will not recognise the sanctions on Syria": a word of the unless class
    syria = "أعلنت موسكو أنها لن تعترف بالعقوبات على سوريا."
    m = tag(codebook, {"tr": ("he", [BLOC_HE, both]), "sy": ("ar", [BLOC_AR, syria])})
    assert [row[0] for row in found(m, "tr")] == [0, 0]
    assert [row[0] for row in found(m, "sy")] == [0, 0]


def test_a_sentence_naming_neither_side_continues_too(codebook) -> None:
    # "The statement said: we will not recognise the sanctions."
    statement = "وجاء في البيان: لن نعترف بالعقوبات."
    m = tag(codebook, {"ar": ("ar", [BLOC_AR, WONT_AR, statement])})
    # the nearest context sentence carrying the claim is the sentence before (s1)
    assert found(m, "ar")[-1] == (2, "BLOC", RULE.format(k=1))


def test_a_sentence_between_naming_another_party_ends_the_continuation(codebook) -> None:
    # "Turkey announced a joint exercise." between the claim and the refusal: the article
    # went on to another party; a sentence naming nobody in between does not stop it
    turkey = "טורקיה הודיעה על תרגיל משותף."
    m = tag(
        codebook,
        {
            "moved_on": ("he", [BLOC_HE, turkey, WONT_HE]),
            "same": ("he", [BLOC_HE, FILLER_HE, WONT_HE]),
        },
    )
    assert [row for row in found(m, "moved_on") if row[0] == 2] == []
    assert (2, "BLOC", RULE.format(k=0)) in found(m, "same")


def test_the_carrying_sentence_must_be_in_the_context_window(codebook) -> None:
    # the claim at s1, not in the headline ("Iran awaits the decision")
    near = ["איראן ממתינה להחלטה", BLOC_HE, FILLER_HE, FILLER_HE, WONT_HE]
    far = ["איראן ממתינה להחלטה", BLOC_HE, FILLER_HE, FILLER_HE, FILLER_HE, WONT_HE]
    m = tag(codebook, {"near": ("he", near), "far": ("he", far)})
    # s4 has s1 among the 3 sentences before it; s5 has only s2-s4 and the headline
    assert (4, "BLOC", RULE.format(k=1)) in found(m, "near")
    assert [row for row in found(m, "far") if row[0] == 5] == []


def test_bad_continues_is_one_clear_error(tmp_path: Path) -> None:
    text = CODEBOOK.replace("continues: true}", "continues: yes please}")
    with pytest.raises(CodebookError, match=r"context continues must be true or false") as err:
        codebook_from_yaml(tmp_path, text, "bad.yaml")
    assert str(err.value).startswith("bad.yaml: claims[0] (BLOC): ")


# --- the project codebook: ANTI_WEST_BLOC continues (codebook/russia_iran.yaml) --------------

PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


def test_the_project_bloc_claim_continues_from_the_sentence_before() -> None:
    codebook = load_codebook(PROJECT_CODEBOOK)
    # "Russia and Iran reject the unilateral sanctions together." / "Moscow said it will not
    # comply with the unilateral sanctions." (Iran named only the sentence before)
    lead = "روسيا وإيران تتصديان معا للعقوبات الأحادية."
    wont = "وأكدت موسكو أنها لن تلتزم بالعقوبات الأحادية."
    # "Iran is waiting for the Security Council's decision." (Iran, no bloc claim)
    waiting = "إيران تنتظر قرار مجلس الأمن."
    m = tag(
        codebook,
        {"cont": ("ar", [lead, wont]), "clash": ("ar", [waiting, wont])},
    )
    cont = [(k, cid) for k, cid, _ in found(m, "cont")]
    assert (0, "ANTI_WEST_BLOC") in cont and (1, "ANTI_WEST_BLOC") in cont
    (rule,) = [r for k, cid, r in found(m, "cont") if (k, cid) == (1, "ANTI_WEST_BLOC")]
    assert rule.endswith(" +context:ANTI_WEST_BLOC@s0 via continues")
    assert [cid for _, cid, _ in found(m, "clash")] == []

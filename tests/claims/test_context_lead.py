"""The headline's article context is its lead (helpers.claims.composition.LEAD_SENTENCES,
applied by helpers.claims.annotate): a headline naming one side takes the other from the
first sentence after it — never from further on, and a body sentence never looks forward.
A context's ``partners`` (a third state coordinated with the named side: "Moscow and
Beijing") do not forbid it. Then the project codebook's other names for the sides (places,
"the Zionist entity") and the context its mediation claim declares.

Sentences and small articles written for these tests; expected values from reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codebook_from_yaml
from conftest import found_mentions as found
from conftest import tag_articles as tag

from helpers.claims.annotate import Tagger
from helpers.claims.codebook import CodebookError, load_codebook
from helpers.claims.composition import LEAD_SENTENCES

CODEBOOK = """\
codebook: lead-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
  TR: {en: a third state, kind: state, he: [טורקיה, אנקרה], ar: [تركيا, أنقرة]}
  CN: {en: a partner state, kind: state, he: [סין], ar: [الصين, بكين]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
lexicons:
  SUPPLY: {he: [סיפק*, תספק], ar: [تسليم, زود*]}
  WEAPON: {he: [מטוסי קרב, טנקים], ar: [مقاتلات, دبابات]}
claims:
  - id: ARMS_A_TO_B
    en: side A supplies side B with weapons
    frame: military
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [IR_SIDE], unless: [TR, CN], partners: [CN]}
    compose:
      - {slots: [SUPPLY, WEAPON], window: 6}
"""

HEADLINE_HE = "מוסקבה תספק מטוסי קרב בחודש הבא"  # "Moscow will supply fighter jets next month"
LEAD_HE = "העסקה עם טהרן נחתמה אתמול."  # "The deal with Tehran was signed yesterday."
FILLER_HE = "הכלכלה העולמית משתנה במהירות."  # "The world economy changes fast." (no actor)
RULE = "compose:SUPPLY+WEAPON +context:IR_SIDE@s{k}"
PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory):
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def test_the_headline_takes_the_missing_side_from_its_lead(codebook) -> None:
    assert LEAD_SENTENCES == 1
    m = tag(
        codebook,
        {
            "he": ("he", [HEADLINE_HE, LEAD_HE]),
            # "Moscow delivered fighter jets to the army" / "The deal came after talks in
            # Tehran."
            "ar": ("ar", ["موسكو زودت الجيش بمقاتلات", "وجاءت الصفقة بعد محادثات في طهران."]),
            # Tehran only in the second sentence after the headline: beyond the lead
            "beyond": ("he", [HEADLINE_HE, FILLER_HE, LEAD_HE]),
        },
    )
    assert found(m, "he") == [(0, "ARMS_A_TO_B", RULE.format(k=1))]
    assert found(m, "ar") == [(0, "ARMS_A_TO_B", RULE.format(k=1))]
    assert found(m, "beyond") == []


def test_a_body_sentence_does_not_look_forward(codebook) -> None:
    # the supply sentence is s1 (the headline names nobody): Tehran in s2 does not count
    m = tag(codebook, {"body": ("he", ["חדשות הבוקר", "מוסקבה תספק מטוסי קרב.", LEAD_HE])})
    assert found(m, "body") == []


def test_the_lead_is_refused_for_a_headline_naming_a_third_state(codebook) -> None:
    # "Moscow will supply fighter jets to Ankara next month": the headline names Turkey, so
    # the Tehran of its lead is not the recipient (context unless)
    m = tag(codebook, {"tr": ("he", ["מוסקבה תספק מטוסי קרב לאנקרה בחודש הבא", LEAD_HE])})
    assert found(m, "tr") == []


def test_a_headline_tagged_alone_takes_its_lead_nearest_first(codebook) -> None:
    tagger = Tagger(codebook)
    lookup = tagger._lookup["he"]
    rows = tagger.tag_sentence(
        "d", 0, HEADLINE_HE, lookup(HEADLINE_HE), 0, "he",
        # both name Tehran ("The shipment will reach Tehran."): the nearer one is cited
        context_norms=[(2, lookup("המשלוח יגיע לטהרן.")), (1, lookup(LEAD_HE))],
    )  # fmt: skip
    assert [(r["claim_id"], r["rule"]) for r in rows] == [("ARMS_A_TO_B", RULE.format(k=1))]


def test_a_partner_coordinated_with_the_named_side_does_not_forbid_the_context(
    codebook,
) -> None:
    headline = "طهران تنتظر الشحنة الكبيرة"  # "Tehran awaits the big shipment"
    m = tag(
        codebook,
        {
            # "Moscow and Beijing supplied the army with fighter jets."
            "beside": ("ar", [headline, "زودت موسكو وبكين الجيش بمقاتلات."]),
            # "Moscow supplied Beijing with fighter jets." — China the recipient, no "and"
            "recipient": ("ar", [headline, "زودت موسكو بكين بمقاتلات."]),
            # "Moscow and Ankara supplied the army with fighter jets." — not a partner
            "turkey": ("ar", [headline, "زودت موسكو وأنقرة الجيش بمقاتلات."]),
            # "Moscow supplied the army with fighter jets, and Beijing and Ankara too." —
            # China coordinated with Turkey, not with the Russian side
            "apart": ("ar", [headline, "زودت موسكو الجيش بمقاتلات كما فعلت بكين وأنقرة."]),
        },
    )
    assert found(m, "beside") == [(1, "ARMS_A_TO_B", RULE.format(k=0))]
    assert found(m, "recipient") == []
    assert found(m, "turkey") == []
    assert found(m, "apart") == []


@pytest.mark.parametrize(
    ("partners", "reason"),
    [("[TR, US]", "unknown actor"), ("[IR]", "partners must be actors or actor groups of")],
)
def test_bad_partners_are_one_clear_error(tmp_path, partners: str, reason: str) -> None:
    with pytest.raises(CodebookError, match=r"bad\.yaml: claims\[0\] \(ARMS_A_TO_B\): ") as err:
        codebook_from_yaml(
            tmp_path, CODEBOOK.replace("partners: [CN]", f"partners: {partners}"), "bad.yaml"
        )
    assert reason in str(err.value)


@pytest.fixture(scope="module")
def project_codebook():
    return load_codebook(PROJECT_CODEBOOK)


def test_project_headline_condemnation_takes_iran_from_the_lead(project_codebook) -> None:
    headline = "موسكو تدين الضربة الجوية"  # "Moscow condemns the air strike"
    m = tag(
        project_codebook,
        {
            # "The Russian foreign ministry said the attack on Iran is a grave violation of
            # international law."
            "iran": ("ar", [headline, "وقالت الخارجية الروسية إن الهجوم على إيران انتهاك خطير للقانون الدولي."]),
            # the same lead about Syria: the headline's strike is not Iran's
            "syria": ("ar", [headline, "وقالت الخارجية الروسية إن الهجوم على سوريا انتهاك خطير للقانون الدولي."]),
        },
    )  # fmt: skip
    assert [(k, c, r.endswith("+context:IR_SIDE@s1")) for k, c, r in found(m, "iran")][0] == (
        0,
        "RU_CONDEMNS_STRIKES",
        True,
    )
    assert found(m, "syria") == []


def test_project_places_and_names_stand_for_the_sides(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Russian fighter jets landed at an air base near Isfahan." / "… near Damascus."
            "isfahan": ("he", ["מטוסי קרב רוסיים נחתו בבסיס אווירי ליד אספהאן."]),
            "damascus": ("he", ["מטוסי קרב רוסיים נחתו בבסיס אווירי ליד דמשק."]),
            # "The strike on Fordow" / "Moscow strongly condemned the bombing of the nuclear
            # facility."
            "fordow": ("ar", ["الضربة على فوردو", "وأدانت موسكو بشدة قصف المنشأة النووية."]),
            # "The Kremlin passed Tehran a message from the Zionist entity."
            "entity_ar": ("ar", ["نقل الكرملين رسالة من الكيان الصهيوني إلى طهران."]),
            "entity_he": ("he", ["הקרמלין העביר לטהרן מסר מהישות הציונית."]),
            # the same without the name of Israel: a message, no mediation between the two
            "no_israel": ("he", ["הקרמלין העביר לטהרן מסר."]),
        },
    )
    assert [(k, c) for k, c, _ in found(m, "isfahan")] == [(0, "RU_MILTECH_TO_IR")]
    assert found(m, "damascus") == []
    fordow = found(m, "fordow")
    assert [(k, c) for k, c, _ in fordow] == [(1, "RU_CONDEMNS_STRIKES")]
    assert fordow[0][2].endswith("+context:IR_SIDE@s0")
    assert [(k, c) for k, c, _ in found(m, "entity_ar")] == [(0, "RU_MEDIATES_IL_IR")]
    assert [(k, c) for k, c, _ in found(m, "entity_he")] == [(0, "RU_MEDIATES_IL_IR")]
    assert found(m, "no_israel") == []


def test_project_mediation_takes_iran_from_the_article(project_codebook) -> None:
    message = "הקרמלין העביר מסר מישראל בשבוע שעבר."  # "The Kremlin passed on a message from
    # Israel last week."
    m = tag(
        project_codebook,
        {
            # "Tehran follows the contacts" — Iran in the headline
            "iran": ("he", ["טהרן עוקבת אחרי המגעים", message]),
            # "Damascus follows the contacts" — the message is not for Iran
            "syria": ("he", ["דמשק עוקבת אחרי המגעים", message]),
        },
    )
    iran = found(m, "iran")
    assert [(k, c) for k, c, _ in iran] == [(1, "RU_MEDIATES_IL_IR")]
    assert iran[0][2].endswith(" +context:IR_SIDE@s0")
    assert found(m, "syria") == []


def test_project_russia_and_china_condemn_the_strike_on_the_headline_s_iran(
    project_codebook,
) -> None:
    headline = "الضربة الأمريكية على إيران"  # "The US strike on Iran"
    m = tag(
        project_codebook,
        {
            # "Russia and China strongly condemned the attack."
            "beside": ("ar", [headline, "وأدانت روسيا والصين الهجوم بشدة."]),
            # "Russia strongly condemned the attack, while China kept silent." — China is
            # named apart: the context is refused (a third state in the sentence)
            "apart": ("ar", [headline, "وأدانت روسيا الهجوم بشدة، فيما التزمت الصين الصمت."]),
            # Hebrew: "The US strike in Iran" / "Russia and China sharply condemned the strike."
            "he": ("he", ["התקיפה האמריקנית באיראן", "רוסיה וסין גינו בחריפות את התקיפה."]),
        },
    )
    for doc in ("beside", "he"):
        got = found(m, doc)
        assert [(k, c) for k, c, _ in got] == [(1, "RU_CONDEMNS_STRIKES")]
        assert got[0][2].endswith(" +context:IR_SIDE@s0")
    assert found(m, "apart") == []

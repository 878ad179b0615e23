"""The article context for sentences that name neither side (helpers.claims.composition's
``pair`` / ``none_named`` / ``anaphor``, applied by helpers.claims.annotate): "the two
countries signed …" takes both sides from the article's most recent pair, never from a pair
with a third state; "this agreement" continues the claim of a sentence before it.

Sentences and small articles written for these tests; expected values from reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codebook_from_yaml, prefilter_keeps
from conftest import found_mentions as found
from conftest import tag_articles as tag

from helpers.claims.annotate import Tagger
from helpers.claims.codebook import CodebookError, load_codebook
from helpers.claims.composition import most_recent_pair

CODEBOOK = """\
codebook: pair-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
  TR: {en: a third state, kind: state, he: [טורקיה, אנקרה], ar: [تركيا, أنقرة]}
  US: {en: another state, kind: state, he: ['ארה"ב'], ar: [الولايات المتحدة]}
  CN: {en: a partner state, kind: state, he: [סין], ar: [الصين]}
  EXPERT: {en: an analyst, kind: person, he: [מומחה], ar: [خبير]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
lexicons:
  PAIR_REF: {he: [שתי המדינות, שני הצדדים], ar: [البلدين, البلدان, الجانبين]}
  OTHER_STATES: {he: [סוריה], ar: [سوريا]}
  AGREEMENT: {he: [הסכם], ar: [اتفاقي*]}
  SIGN: {he: [חתמו], ar: [وقع*]}
  ANAPHOR: {he: [ההסכם הזה], ar: [هذه الاتفاقية]}
  AGAINST: {he: [נגד], ar: [ضد]}
  WEST_WORD: {he: [המערב], ar: [الغرب]}
  GROUP_REF: {he: [שלוש המדינות], ar: [الدول الثلاث]}
claims:
  - id: PACT
    en: the two sides sign an agreement
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE, IR_SIDE], unless: [TR, OTHER_STATES], pair: PAIR_REF, anaphor: ANAPHOR}
    compose:
      - {slots: [AGREEMENT, SIGN], window: 6}
  - id: TREATY
    en: the treaty of the two sides (a specific predicate)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE, IR_SIDE], unless: [TR, OTHER_STATES], none_named: true}
    he: [האמנה]
    ar: [المعاهدة]
  - id: ONE_SIDE
    en: a claim whose context may meet one side only
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: [IR_SIDE]
    compose:
      - {slots: [SIGN, AGREEMENT], window: 3}
  - id: BLOC
    en: the two sides stand against the West (side B is not taken from the context alone)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE], unless: [TR, OTHER_STATES], pair: PAIR_REF, group_ref: GROUP_REF}
    compose:
      - {slots: [AGAINST, WEST_WORD], window: 4}
"""

RU_IR = "روسيا وإيران تعززان التعاون بينهما."  # "Russia and Iran strengthen their cooperation."
SIGNED = "وقع البلدان اتفاقية جديدة أمس."  # "The two countries signed a new agreement yesterday."
PACT_RULE = "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@{k} via pair:البلدان"


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory):
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def test_the_two_countries_take_both_sides_from_the_most_recent_pair(codebook) -> None:
    m = tag(
        codebook,
        {
            "pair": ("ar", [RU_IR, SIGNED]),
            # "Moscow said the talks went well." names one side only: the pair stays s0
            "between": ("ar", [RU_IR, "قالت موسكو إن المحادثات كانت جيدة.", SIGNED]),
            # "An expert said …": a person of no state and no group is not a party
            "expert": ("ar", [RU_IR, "قال خبير إن المحادثات كانت جيدة.", SIGNED]),
            # the pair in the headline, three sentences between: still the context
            "headline": ("ar", [RU_IR, "الطقس بارد.", "الطقس بارد.", "الطقس بارد.", SIGNED]),
            # "Both countries signed a new agreement" (Hebrew)
            "he": (
                "he",
                ["רוסיה ואיראן מחזקות את הקשרים.", "שתי המדינות חתמו על הסכם חדש."],
            ),
        },
    )
    assert found(m, "pair") == [(1, "PACT", PACT_RULE.format(k="s0"))]
    assert found(m, "between") == [(2, "PACT", PACT_RULE.format(k="s0"))]
    assert found(m, "expert") == [(2, "PACT", PACT_RULE.format(k="s0"))]
    assert found(m, "headline") == [(4, "PACT", PACT_RULE.format(k="s0"))]
    assert found(m, "he") == [
        (1, "PACT", "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@s0 via pair:שתי המדינות")
    ]
    # the cue is the composition, not the pair reference
    assert m.loc[m["doc_id"] == "pair", "cue"].tolist() == ["وقع البلدان اتفاقية"]


def test_a_pair_with_a_third_state_is_not_the_two_sides(codebook) -> None:
    m = tag(
        codebook,
        {
            # "Syria and Turkey signed a trade agreement. The two countries signed …": the
            # nearest pair is Syria (a word of OTHER_STATES) and Turkey, not Russia and Iran
            "syria_turkey": ("ar", [RU_IR, "وقعت سوريا وتركيا اتفاقية للتجارة.", SIGNED]),
            # "Russia spoke with the United States": the most recent pair is Russia–US
            "ru_us": ("ar", [RU_IR, "وتحدثت روسيا مع الولايات المتحدة أمس.", SIGNED]),
            # "Russia, Iran and Turkey met": three parties, not exactly the two sides
            "three": ("ar", ["اجتمعت روسيا وإيران وتركيا في طهران.", SIGNED]),
            # the sentence itself names Turkey (context unless): "… an agreement with Turkey"
            "unless": ("ar", [RU_IR, "وقع البلدان اتفاقية مع تركيا."]),
            # … or Syria, a word of an unless lexicon class
            "unless_word": ("ar", [RU_IR, "وقع البلدان اتفاقية في سوريا."]),
            "he_syria": (
                "he",
                [
                    "רוסיה ואיראן מחזקות את הקשרים.",
                    "סוריה וטורקיה נפגשו בדמשק.",  # "Syria and Turkey met in Damascus."
                    "שתי המדינות חתמו על הסכם חדש.",
                ],
            ),
        },
    )
    for doc_id in ("syria_turkey", "ru_us", "three", "unless", "unless_word", "he_syria"):
        assert found(m, doc_id) == [], doc_id


def test_without_a_pair_in_the_window_or_a_reference_nothing_is_taken(codebook) -> None:
    filler = "الطقس بارد."  # "The weather is cold."
    m = tag(
        codebook,
        {
            # the pair five sentences back and not the headline: out of the window
            "far": ("ar", ["أخبار اليوم", RU_IR, filler, filler, filler, filler, SIGNED]),
            # no pair reference: "The government signed a new agreement" names no side
            "no_reference": ("ar", [RU_IR, "وقعت الحكومة اتفاقية جديدة أمس."]),
            # a headline alone with the pair reference: no context before it
            "alone": ("ar", [SIGNED]),
        },
    )
    assert found(m, "far") == []
    assert found(m, "no_reference") == []
    assert found(m, "alone") == []


def test_two_sides_coordinated_alone_are_the_pair_of_a_sentence_with_a_third_party(
    codebook,
) -> None:
    m = tag(
        codebook,
        {
            # "Russia and Iran stand against the United States. The two countries signed …":
            # three parties, but "Russia and Iran" are coordinated with each other alone
            "coordinated": ("ar", ["روسيا وإيران تقفان ضد الولايات المتحدة.", SIGNED]),
            # "Russia, Iran and Syria stand against …": an enumeration of three names
            "listed": ("ar", ["روسيا وإيران وسوريا تقف ضد الولايات المتحدة.", SIGNED]),
            # "Turkey and Iran stand against Russia.": the coordinated pair is not the sides
            "other": ("ar", ["تركيا وإيران تقفان ضد روسيا.", SIGNED]),
            # "Russia and Iran against the US. The two countries signed a new agreement."
            "he": ("he", ['רוסיה ואיראן נגד ארה"ב.', "שתי המדינות חתמו על הסכם חדש."]),
        },
    )
    assert found(m, "coordinated") == [(1, "PACT", PACT_RULE.format(k="s0"))]
    assert found(m, "listed") == []
    assert found(m, "other") == []
    assert found(m, "he") == [
        (1, "PACT", "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@s0 via pair:שתי המדינות")
    ]


def test_a_pair_reference_beside_one_side_meets_a_group_the_context_may_not(codebook) -> None:
    # "Moscow stressed that the two countries stand against the West." after a sentence
    # naming Russia and Iran: Iran is met by "the two countries", not by the article alone
    with_pair = "وأكدت موسكو أن البلدين يقفان ضد الغرب."
    m = tag(
        codebook,
        {
            "pair": ("ar", [RU_IR, with_pair]),
            # "Moscow stressed that it stands against the West.": Iran only in the article —
            # a Russia–West clash, no claim (BLOC's context may not meet Iran)
            "no_pair": ("ar", [RU_IR, "وأكدت موسكو أنها تقف ضد الغرب."]),
            # the most recent pair is Russia and Turkey: the two countries are not Iran's
            "other_pair": ("ar", ["روسيا وتركيا تعززان التعاون بينهما.", with_pair]),
            # neither side named: both from the pair
            "neither": ("ar", [RU_IR, "البلدان يقفان ضد الغرب."]),
            # "Moscow said that the two countries act against the West." (Hebrew)
            "he": (
                "he",
                ["רוסיה ואיראן מחזקות את הקשרים.", "מוסקבה אמרה כי שתי המדינות פועלות נגד המערב."],
            ),
        },
    )
    assert found(m, "pair") == [
        (1, "BLOC", "compose:AGAINST+WEST_WORD +context:IR_SIDE@s0 via pair:البلدين")
    ]
    assert found(m, "no_pair") == []
    assert found(m, "other_pair") == []
    assert found(m, "neither") == [
        (1, "BLOC", "compose:AGAINST+WEST_WORD +context:RU_SIDE,IR_SIDE@s0 via pair:البلدان")
    ]
    assert found(m, "he") == [
        (1, "BLOC", "compose:AGAINST+WEST_WORD +context:IR_SIDE@s0 via pair:שתי המדינות")
    ]


def test_a_group_reference_takes_the_sides_from_the_most_recent_group(codebook) -> None:
    against = "الدول الثلاث تقف ضد الغرب."  # "The three countries stand against the West."
    m = tag(
        codebook,
        {
            # "Russia, China and Iran hold drills.": a group holding both sides
            "group": ("ar", ["روسيا والصين وإيران تجري مناورات.", against]),
            # "Russia, China and the United States hold drills.": no Iran in the group
            "no_iran": ("ar", ["روسيا والصين والولايات المتحدة تجري مناورات.", against]),
            # "The three countries and Turkey …": the sentence names an unless state
            "turkey": (
                "ar",
                ["روسيا والصين وإيران تجري مناورات.", "الدول الثلاث وتركيا تقف ضد الغرب."],
            ),
            # "Russia, China and Iran held a drill. The three countries act against the West."
            "he": ("he", ["רוסיה, סין ואיראן ערכו תרגיל.", "שלוש המדינות פועלות נגד המערב."]),
        },
    )
    rule = "compose:AGAINST+WEST_WORD +context:RU_SIDE,IR_SIDE@s0 via group:{}"
    assert found(m, "group") == [(1, "BLOC", rule.format("الدول الثلاث"))]
    assert found(m, "no_iran") == []
    assert found(m, "turkey") == []
    assert found(m, "he") == [(1, "BLOC", rule.format("שלוש המדינות"))]


def test_a_pair_reference_does_not_stand_in_for_a_claim_that_did_not_opt_in(tmp_path) -> None:
    text = CODEBOOK.replace("    context: [IR_SIDE]\n", "    context: [RU_SIDE, IR_SIDE]\n")
    codebook = codebook_from_yaml(tmp_path, text)
    m = tag(codebook, {"pair": ("ar", [RU_IR, "وقع البلدان الاتفاقية."])})
    # PACT (pair opt-in) fires; ONE_SIDE (same words, no opt-in) does not
    assert [c for _, c, _ in found(m, "pair")] == ["PACT"]


def test_none_named_takes_both_sides_for_a_specific_predicate(codebook) -> None:
    m = tag(
        codebook,
        {
            # "Russia and Iran sign a treaty." / "The treaty provides for broad cooperation."
            "treaty": ("ar", ["روسيا وإيران توقعان معاهدة.", "وتنص المعاهدة على تعاون واسع."]),
            # the same after "Turkey and Syria sign a treaty"
            "third": ("ar", ["تركيا وسوريا توقعان معاهدة.", "وتنص المعاهدة على تعاون واسع."]),
            "he": ("he", ["רוסיה ואיראן חותמות על אמנה.", "האמנה כוללת שיתוף פעולה רחב."]),
        },
    )
    assert found(m, "treaty") == [
        (1, "TREATY", "pattern:المعاهدة +context:RU_SIDE,IR_SIDE@s0 via none_named")
    ]
    assert found(m, "third") == []
    assert found(m, "he") == [
        (1, "TREATY", "pattern:האמנה +context:RU_SIDE,IR_SIDE@s0 via none_named")
    ]


def test_one_sentence_tagged_alone_agrees_with_the_document_path(codebook) -> None:
    tagger = Tagger(codebook)
    lookup = tagger._lookup["ar"]
    rows = tagger.tag_sentence(
        "d", 2, SIGNED, lookup(SIGNED), 0, "ar",
        context_norms=[(1, lookup("قالت موسكو إن المحادثات جيدة.")), (0, lookup(RU_IR))],
    )  # fmt: skip
    assert [(r["claim_id"], r["rule"]) for r in rows] == [("PACT", PACT_RULE.format(k="s0"))]


def _between_codebook(tmp_path: Path, context_extra: str = ", between: BETWEEN") -> object:
    """The test codebook with a BETWEEN class and ``context_extra`` added to PACT's context."""
    old = "pair: PAIR_REF, anaphor: ANAPHOR}"
    assert old in CODEBOOK
    text = CODEBOOK.replace(
        "  ANAPHOR: {he: [ההסכם הזה], ar: [هذه الاتفاقية]}\n",
        "  ANAPHOR: {he: [ההסכם הזה], ar: [هذه الاتفاقية]}\n  BETWEEN: {he: [בין], ar: [بين]}\n",
    ).replace(old, old[:-1] + context_extra + "}")
    return codebook_from_yaml(tmp_path, text)


BETWEEN_DOCS = {
    # "The partnership between Moscow and Tehran worries Turkey. The two countries signed a
    # new agreement yesterday." — three parties, but "between" names the pair
    "between": ("ar", ["أخبار اليوم", "وتقلق الشراكة بين موسكو وطهران تركيا.", SIGNED]),
    # "The alliance between Tehran and Moscow worries Turkey. The two countries signed …"
    "he_between": (
        "he",
        ["חדשות", "הברית בין טהרן למוסקבה מדאיגה את טורקיה.", "שתי המדינות חתמו על הסכם חדש."],
    ),
    # "The partnership between Moscow and Ankara worries Tehran." — the pair is Russia–Turkey
    "other_pair": ("ar", ["أخبار اليوم", "وتقلق الشراكة بين موسكو وأنقرة طهران.", SIGNED]),
    # "Relations between Moscow in the last months of the year and Tehran worry Turkey." —
    # the second name five words after the first: no "between A and B"
    "far": (
        "ar",
        [
            "أخبار اليوم",
            "وتقلق العلاقات بين موسكو في الأشهر الأخيرة من العام وطهران تركيا.",
            SIGNED,
        ],
    ),
}


def test_between_a_and_b_names_the_pair_of_a_sentence_with_a_third_party(tmp_path: Path) -> None:
    plain = tag(_between_codebook(tmp_path, ""), BETWEEN_DOCS)
    for doc_id in ("he_between", "other_pair", "far"):  # without `between` three parties
        assert found(plain, doc_id) == [], doc_id  # are no pair ("בין טהרן למוסקבה": no "and")
    # ... unless two of them are coordinated, alone: "موسكو وطهران" (Moscow and Tehran)
    assert found(plain, "between") == [(2, "PACT", PACT_RULE.format(k="s1"))]
    m = tag(_between_codebook(tmp_path), BETWEEN_DOCS)
    assert found(m, "between") == [(2, "PACT", PACT_RULE.format(k="s1"))]
    assert found(m, "he_between") == [
        (2, "PACT", "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@s1 via pair:שתי המדינות")
    ]
    assert found(m, "other_pair") == []
    assert found(m, "far") == []


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (", between: [BETWEEN]", "context between must name a lexicon class"),
        (", between: BEYOND", "context between must name a lexicon class"),
    ],
)
def test_bad_between_is_one_clear_error(tmp_path: Path, extra: str, reason: str) -> None:
    with pytest.raises(CodebookError, match=reason):
        _between_codebook(tmp_path, extra)


def test_between_needs_a_pair_rule(tmp_path: Path) -> None:
    text = CODEBOOK.replace(
        "  ANAPHOR: {he: [ההסכם הזה], ar: [هذه الاتفاقية]}\n",
        "  ANAPHOR: {he: [ההסכם הזה], ar: [هذه الاتفاقية]}\n  BETWEEN: {he: [בין], ar: [بين]}\n",
    ).replace("    context: [IR_SIDE]\n", "    context: {groups: [IR_SIDE], between: BETWEEN}\n")
    with pytest.raises(CodebookError, match="context between needs pair or none_named"):
        codebook_from_yaml(tmp_path, text)


def test_most_recent_pair_is_the_nearest_sentence_naming_two_parties() -> None:
    sides = frozenset({"A", "B"})
    walk = [(3, frozenset()), (2, frozenset({"A"})), (1, frozenset({"A", "B"}))]
    assert most_recent_pair(walk, sides) == 1
    assert most_recent_pair([(2, frozenset({"A", "T"})), *walk[2:]], sides) is None
    assert most_recent_pair([(1, frozenset({"A", "B", "T"}))], sides) is None
    assert most_recent_pair(walk[:2], sides) is None
    # the sentence names A itself: the pair supplies B, A beside it or not
    b, a = frozenset({"B"}), frozenset({"A"})
    assert most_recent_pair(walk, b, named=a) == 1
    assert most_recent_pair([(1, frozenset({"B", "T"}))], b, named=a) is None
    # a group need only hold the sides ("Russia, China and Iran … the three countries")
    assert most_recent_pair([(1, frozenset({"A", "B", "T"}))], sides, group=True) == 1
    assert most_recent_pair([(1, frozenset({"A", "T"}))], sides, group=True) is None


SIGNED_BOTH = "وقعت روسيا وإيران اتفاقية أمس."  # "Russia and Iran signed an agreement yesterday."
THIS_AGREEMENT = (
    "وتشمل هذه الاتفاقية الطاقة والنقل."  # "This agreement covers energy and transport."
)


def test_this_agreement_continues_the_claim_of_a_sentence_before_it(codebook) -> None:
    filler = "الطقس بارد."  # "The weather is cold."
    m = tag(
        codebook,
        {
            "continues": ("ar", [SIGNED_BOTH, THIS_AGREEMENT]),
            # a chain: each reference carries the claim on to the next one
            "chain": ("ar", ["أخبار اليوم", SIGNED_BOTH, filler, THIS_AGREEMENT, THIS_AGREEMENT]),
            # no sentence before it carries the claim: "this agreement" is nobody's
            "no_antecedent": ("ar", [RU_IR, THIS_AGREEMENT]),
            # the claim four sentences back, not in the headline: out of the window
            "far": ("ar", ["أخبار اليوم", SIGNED_BOTH, filler, filler, filler, THIS_AGREEMENT]),
            # "This agreement with Turkey covers energy": the sentence names a third state
            "third": ("ar", [SIGNED_BOTH, "وتشمل هذه الاتفاقية مع تركيا الطاقة."]),
            # "This agreement covers energy" (Hebrew) after "Russia and Iran signed an agreement"
            "he": ("he", ["רוסיה ואיראן חתמו על הסכם.", "ההסכם הזה כולל אנרגיה ותחבורה."]),
        },
    )
    assert found(m, "continues") == [
        (0, "PACT", "compose:AGREEMENT+SIGN"),
        (1, "PACT", "anaphor:هذه الاتفاقية +context:PACT@s0"),
    ]
    assert found(m, "chain")[1:] == [
        (3, "PACT", "anaphor:هذه الاتفاقية +context:PACT@s1"),
        (4, "PACT", "anaphor:هذه الاتفاقية +context:PACT@s3"),
    ]
    assert found(m, "no_antecedent") == []
    assert [k for k, _, _ in found(m, "far")] == [1]
    assert [k for k, _, _ in found(m, "third")] == [0]
    assert [x for x in found(m, "he") if x[0] == 1] == [
        (1, "PACT", "anaphor:ההסכם הזה +context:PACT@s0")
    ]
    # the cue is the reference itself; negation and speaker come from its own sentence
    assert m.loc[m["doc_id"] == "continues", "cue"].tolist()[1] == "هذه الاتفاقية"


def test_the_bulk_prefilter_keeps_references_and_pairs_only_with_their_context(codebook):
    filler = "الطقس بارد."  # "The weather is cold."
    keep = prefilter_keeps(
        codebook,
        "ar",
        [
            # a chain of references, each with a sentence before it that can carry the claim
            ["أخبار اليوم", SIGNED_BOTH, filler, THIS_AGREEMENT, THIS_AGREEMENT],
            # the claim four sentences back, not in the headline: the reference is nobody's
            ["أخبار اليوم", SIGNED_BOTH, filler, filler, filler, THIS_AGREEMENT],
            # "the two countries" after a sentence naming both sides, and with no such sentence
            [RU_IR, SIGNED],
            ["أخبار اليوم", SIGNED],
        ],
    )
    assert keep == [
        [False, True, False, True, True],
        [False, True, False, False, False, False],
        [False, True],
        [False, False],
    ]


def test_one_sentence_tagged_alone_takes_the_claims_of_its_context(codebook) -> None:
    tagger = Tagger(codebook)
    lookup = tagger._lookup["ar"]
    context = [(0, lookup(SIGNED_BOTH))]
    norm = lookup(THIS_AGREEMENT)
    with_claim = tagger.tag_sentence(
        "d", 1, THIS_AGREEMENT, norm, 0, "ar", context_norms=context, context_claims={0: ["PACT"]}
    )
    assert [(r["claim_id"], r["rule"]) for r in with_claim] == [
        ("PACT", "anaphor:هذه الاتفاقية +context:PACT@s0")
    ]
    assert tagger.tag_sentence("d", 1, THIS_AGREEMENT, norm, 0, "ar", context_norms=context) == []


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("anaphor: ANAPHOR}", "anaphor: [ANAPHOR]}", "context anaphor must name a lexicon class"),
        ("pair: PAIR_REF,", "pairs: PAIR_REF,", "unknown key\\(s\\) pairs"),
        ("pair: PAIR_REF,", "pair: RU_SIDE,", "context pair must name a lexicon class"),
        ("none_named: true}", "none_named: yes please}", "none_named must be true or false"),
        ("unless: [TR, OTHER_STATES], pair", "unless: [TR, SYRIA], pair", "'SYRIA'"),
        (
            "context: {groups: [RU_SIDE, IR_SIDE], unless: [TR, OTHER_STATES], none_named",
            "context: {groups: [IR_SIDE], unless: [TR, OTHER_STATES], none_named",
            "none_named needs exactly two requires groups, both in context groups",
        ),
    ],
)
def test_bad_context_data_is_one_clear_error(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    assert old in CODEBOOK
    with pytest.raises(CodebookError, match=reason) as info:
        codebook_from_yaml(tmp_path, CODEBOOK.replace(old, new, 1), "bad.yaml")
    message = str(info.value)
    assert message.startswith("bad.yaml: claims[")
    assert "(PACT)" in message or "(TREATY)" in message


# --- the project codebook: PAIR_REF and OTHER_PARTIES (codebook/russia_iran.yaml) -------------

PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def project_codebook():
    return load_codebook(PROJECT_CODEBOOK)


def test_project_pair_references_and_the_third_state_guard(project_codebook) -> None:
    pact = "روسيا وإيران توقعان اتفاقية شراكة."  # "Russia and Iran sign a partnership agreement."
    # "The free-trade agreement between the two countries entered into force."
    free_trade = "ودخلت اتفاقية التجارة الحرة بين البلدين حيز التنفيذ."
    m = tag(
        project_codebook,
        {
            "ar": ("ar", [pact, free_trade]),
            # "Syria and Turkey signed a free-trade agreement." in between: their pair
            "ar_syria": ("ar", [pact, "ووقعت سوريا وتركيا اتفاقية للتجارة الحرة.", free_trade]),
            # "All the countries signed …": البلدان after a quantifier is the plural
            "ar_plural": ("ar", [pact, "ووقعت جميع البلدان اتفاقية للتجارة الحرة."]),
            # "The presidents of Russia and Iran met in Moscow." (a meeting: no claim; "are
            # tightening their ties" would be RU_LOYAL_PARTNER under the manual), then "The two
            # countries signed an agreement to build reactors." (Hebrew)
            "he": (
                "he",
                ["נשיאי רוסיה ואיראן נפגשו במוסקבה.", "שתי המדינות חתמו על הסכם לבניית כורים."],
            ),
        },
    )
    pact_at_1 = [(k, c) for k, c, _ in found(m, "ar") if k == 1]
    assert pact_at_1 == [(1, "PACT_STRATEGIC")]
    assert found(m, "ar")[-1][2].endswith("+context:RU_SIDE,IR_SIDE@s0 via pair:البلدين")
    assert [k for k, _, _ in found(m, "ar_syria")] == [0]  # s1 names Syria; s2 their pair
    assert [k for k, _, _ in found(m, "ar_plural")] == [0]
    he = found(m, "he")
    assert [(k, c) for k, c, _ in he] == [(1, "PACT_STRATEGIC")]
    assert he[0][2].endswith("+context:RU_SIDE,IR_SIDE@s0 via pair:שתי המדינות")


def test_project_references_back_to_a_claim(project_codebook) -> None:
    # "Russia began delivering air-defence systems to Iran." / "Officials confirmed that these
    # deliveries are under way." / the same after a headline about the weather only
    delivered = "بدأت روسيا تسليم منظومات الدفاع الجوي إلى إيران."
    under_way = "وأكد مسؤولون أن عمليات التسليم هذه جارية."
    m = tag(
        project_codebook,
        {
            "ar": ("ar", [delivered, under_way]),
            "ar_none": ("ar", ["الطقس بارد اليوم.", under_way]),
        },
    )
    assert found(m, "ar")[-1] == (
        1,
        "RU_MILTECH_TO_IR",
        "anaphor:عمليات التسليم هذه +context:RU_MILTECH_TO_IR@s0",
    )
    assert found(m, "ar_none") == []


def test_project_between_names_the_pair_beside_israel(project_codebook) -> None:
    signed = "שתי המדינות חתמו על הסכם שיתוף פעולה חדש."  # "The two countries signed a new
    # cooperation agreement."
    m = tag(
        project_codebook,
        {
            # "The partnership between Moscow and Tehran troubles Israel."
            "between": ("he", ["חדשות היום", "השותפות בין מוסקבה לטהרן מטרידה את ישראל.", signed]),
            # "Moscow, Tehran and Israel met." — three parties, no "between"
            "three": ("he", ["חדשות היום", "מוסקבה, טהרן וישראל נפגשו.", signed]),
            # "The partnership between Moscow and Tehran worries Israel. The two countries
            # signed a new cooperation agreement." (Arabic)
            "ar": (
                "ar",
                [
                    "أخبار",
                    "وتثير الشراكة بين موسكو وطهران قلق إسرائيل.",
                    "ووقع البلدان اتفاقية تعاون جديدة.",
                ],
            ),
        },
    )
    assert found(m, "between") == [
        (
            2,
            "PACT_STRATEGIC",
            "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@s1 via pair:שתי המדינות",
        )
    ]
    assert found(m, "three") == []
    assert found(m, "ar") == [
        (2, "PACT_STRATEGIC", "compose:AGREEMENT+SIGN +context:RU_SIDE,IR_SIDE@s1 via pair:البلدان")
    ]


def test_project_sides_named_by_their_institutions(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "The Islamic Consultative Assembly ratified the strategic partnership treaty with
            # Russia." — Iran's parliament by its own name is Iran's side
            "majlis": (
                "ar",
                ["صادق مجلس الشورى الإسلامي على معاهدة الشراكة الاستراتيجية مع روسيا."],
            ),
            # "The Islamic Consultative Assembly approved the budget." — no claim
            "budget": ("ar", ["صادق مجلس الشورى الإسلامي على الموازنة العامة."]),
            # "Putin and Pezeshkian signed the strategic partnership agreement." — the
            # president's name spelled as the Arabic press has it (ב for פ)
            "he": ("he", ["פוטין ובזשכיאן חתמו על הסכם השותפות האסטרטגית."]),
        },
    )
    assert [(k, c) for k, c, _ in found(m, "majlis")] == [(0, "PACT_STRATEGIC")]
    assert found(m, "budget") == []
    assert [(k, c) for k, c, _ in found(m, "he")] == [(0, "PACT_STRATEGIC")]


REF_CODEBOOK = """\
codebook: ref-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
lexicons:
  OTHER_STATES: {he: [סוריה], ar: [سوريا]}
  ABANDON: {he: [תנטוש], ar: [تتخلى]}
  ALLY_WORD: {he: [בעלת בריתה], ar: [حليفتها]}
  REF: {he: [בעלת בריתה], ar: [حليفتها, حليفها]}
claims:
  - id: LOYAL
    en: side A does not abandon side B
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE, IR_SIDE], unless: [OTHER_STATES], other_ref: REF}
    compose:
      - {slots: [RU_SIDE, ABANDON, IR_SIDE], window: 6, ordered: true}
  - id: ALLY_OF
    en: side B called an ally (the ally word beside side B)
    frame: alliance-strong
    requires: [RU_SIDE, IR_SIDE]
    context: {groups: [RU_SIDE, IR_SIDE], other_ref: REF}
    compose:
      - {slots: [ALLY_WORD, IR_SIDE], window: 3}
"""


def test_a_reference_to_the_other_side_fills_its_compose_slot(tmp_path: Path) -> None:
    codebook = codebook_from_yaml(tmp_path, REF_CODEBOOK)
    waiting = "إيران تنتظر الدعم."  # "Iran awaits support."
    wont = "روسيا لن تتخلى عن حليفتها."  # "Russia will not abandon its ally."
    m = tag(
        codebook,
        {
            "ref": ("ar", [waiting, wont]),
            # the article never names Iran: "its ally" is nobody we know
            "no_context": ("ar", ["الطقس بارد.", wont]),
            # "… its ally Syria": the sentence names another state
            "third": ("ar", [waiting, "روسيا لن تتخلى عن حليفتها سوريا."]),
            # "Russia visited its ally." — the ally word cannot also be the side it refers to
            "reused": ("ar", [waiting, "زارت روسيا حليفتها."]),
            # "Iran awaits support. Russia will not abandon its ally." (Hebrew)
            "he": ("he", ["איראן מחכה לתמיכה.", "רוסיה לא תנטוש את בעלת בריתה."]),
        },
    )
    assert found(m, "ref") == [
        (1, "LOYAL", "compose:RU_SIDE+ABANDON+IR_SIDE ref:حليفتها +context:IR_SIDE@s0")
    ]
    assert found(m, "no_context") == []
    assert found(m, "third") == []
    assert found(m, "reused") == []
    assert found(m, "he") == [
        (1, "LOYAL", "compose:RU_SIDE+ABANDON+IR_SIDE ref:בעלת בריתה +context:IR_SIDE@s0")
    ]
    # a reference needs exactly two requires groups
    bad = REF_CODEBOOK.replace(
        "requires: [RU_SIDE, IR_SIDE]\n    context: {groups: [RU_SIDE, IR_SIDE], other_ref",
        "requires: [RU_SIDE, IR_SIDE, [RU]]\n    context: {groups: [RU_SIDE, IR_SIDE], other_ref",
    )
    with pytest.raises(CodebookError, match="other_ref needs exactly two requires groups"):
        codebook_from_yaml(tmp_path, bad)


MED_CODEBOOK = """\
codebook: med-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה], ar: [روسيا]}
  IR: {en: side B state, kind: state, he: [איראן], ar: [إيران]}
  IL: {en: side C state, kind: state, he: [ישראל], ar: [إسرائيل]}
  TR: {en: a third state, kind: state, he: [טורקיה], ar: [تركيا]}
actor_groups:
  RU_SIDE: [RU]
  IR_SIDE: [IR]
  IL_SIDE: [IL]
lexicons:
  PAIR_REF: {he: [הצדדים], ar: [الطرفين]}
  PASS: {he: ['העביר* ~2 מסרים'], ar: ['نقل* ~2 رسائل']}
claims:
  - id: MED
    en: side A carries messages between sides B and C
    frame: broker
    requires: [RU_SIDE, IR_SIDE, IL_SIDE]
    context: {groups: [IR_SIDE], pair: PAIR_REF}
    compose:
      - {slots: [RU_SIDE, PASS], window: 4}
"""


def test_a_pair_reference_names_the_two_groups_a_three_sided_claim_misses(tmp_path: Path) -> None:
    codebook = codebook_from_yaml(tmp_path, MED_CODEBOOK)
    between = "نقلت روسيا رسائل بين الطرفين."  # "Russia carried messages between the two sides."
    m = tag(
        codebook,
        {
            # "Israel and Iran exchange threats."
            "pair": ("ar", ["إسرائيل وإيران تتبادلان التهديدات.", between]),
            # "Israel asked Russia to carry a message to Iran.": the pair besides Russia
            "asked": ("ar", ["طلبت إسرائيل من روسيا نقل رسالة إلى إيران.", between]),
            # no pair reference: Israel may not come from the article alone
            "no_pair": ("ar", ["إسرائيل وإيران تتبادلان التهديدات.", "نقلت روسيا رسائل."]),
            # "Israel and Turkey exchange threats.": not the two sides
            "other": ("ar", ["إسرائيل وتركيا تتبادلان التهديدات.", between]),
            # "Israel and Iran threaten each other. Russia passed messages between the sides."
            "he": ("he", ["ישראל ואיראן מאיימות זו על זו.", "רוסיה העבירה מסרים בין הצדדים."]),
        },
    )
    rule = "compose:RU_SIDE+PASS +context:IR_SIDE,IL_SIDE@s0 via pair:{}"
    assert found(m, "pair") == [(1, "MED", rule.format("الطرفين"))]
    assert found(m, "asked") == [(1, "MED", rule.format("الطرفين"))]
    assert found(m, "no_pair") == []
    assert found(m, "other") == []
    assert found(m, "he") == [(1, "MED", rule.format("הצדדים"))]


def test_project_references_to_pairs_groups_and_the_other_side(project_codebook) -> None:
    m = tag(
        project_codebook,
        {
            # "Israel and Iran exchange threats. Russia carried messages between the two sides."
            "mediates": (
                "ar",
                ["إسرائيل وإيران تتبادلان التهديدات.", "ونقلت روسيا رسائل بين الطرفين."],
            ),
            # ... after "Israel and Turkey exchange threats.": not the two sides
            "mediates_other": (
                "ar",
                ["إسرائيل وتركيا تتبادلان التهديدات.", "ونقلت روسيا رسائل بين الطرفين."],
            ),
            # "Russia and Iran hold the joint intergovernmental committee in Tehran. The
            # committee concluded its work by signing ten cooperation documents."
            "signed": (
                "ar",
                [
                    "روسيا وإيران تعقدان اجتماع اللجنة الحكومية المشتركة في طهران.",
                    "واختتمت اللجنة أعمالها بتوقيع عشر وثائق تعاون.",
                ],
            ),
            # the same after "Syria and Turkey hold the joint committee …": their pair
            "signed_other": (
                "ar",
                [
                    "سوريا وتركيا تعقدان اجتماع اللجنة الحكومية المشتركة في دمشق.",
                    "واختتمت اللجنة أعمالها بتوقيع عشر وثائق تعاون.",
                ],
            ),
            # "Russia, China and Iran hold joint naval drills. Experts said the three
            # countries work to undermine the international order the United States leads."
            "group": (
                "ar",
                [
                    "روسيا والصين وإيران تجري مناورات بحرية مشتركة.",
                    "وقال خبراء إن الدول الثلاث تعمل على تقويض النظام الدولي الذي تقوده الولايات المتحدة.",
                ],
            ),
            # "Iran faces growing Western pressure. Lavrov stressed that Moscow will not
            # leave its friends alone." — its friends: Iran, from the article
            "friends": (
                "ar",
                [
                    "إيران تواجه ضغوطا غربية متزايدة.",
                    "وأكد لافروف أن موسكو لن تترك أصدقاءها وحدهم.",
                ],
            ),
        },
    )
    assert [(k, c) for k, c, _ in found(m, "mediates")] == [(1, "RU_MEDIATES_IL_IR")]
    assert found(m, "mediates")[0][2].endswith("+context:IR_SIDE,IL_SIDE@s0 via pair:الطرفين")
    assert found(m, "mediates_other") == []
    assert [(k, c, r.endswith("via none_named")) for k, c, r in found(m, "signed")] == [
        (1, "PACT_STRATEGIC", True)
    ]
    assert found(m, "signed_other") == []
    assert [(k, c) for k, c, _ in found(m, "group") if c == "ANTI_WEST_BLOC"] == [
        (1, "ANTI_WEST_BLOC")
    ]
    friends = found(m, "friends")
    assert [(k, c) for k, c, _ in friends] == [(1, "RU_LOYAL_PARTNER")]
    assert " ref:أصدقاءها +context:IR_SIDE@s0" in friends[0][2]

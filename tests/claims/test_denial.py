"""A denial that asserts another claim (a claim's ``denial_also``, applied by
helpers.claims.annotate): the manual codes "Russia was never a true ally of Iran" as
RU_LOYAL_PARTNER negated plus RU_SUPPORT_LIMITED.

Sentences written for these tests; expected values from reading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codebook_from_yaml
from conftest import found_mentions as found
from conftest import tag_articles as tag

from helpers.claims.codebook import CodebookError, load_codebook

CODEBOOK = """\
codebook: denial-test
version: 1
languages: [he, ar]
actors:
  RU: {en: side A state, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: side B state, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
negators: {he: [לא, אינה], ar: [لا, لم, ليست]}
claims:
  - id: LOYAL
    en: side A is a loyal ally of side B
    frame: alliance-strong
    requires: [[RU], [IR]]
    denial_also: LIMITED
    he: [בעלת ברית נאמנה]
    ar: [حليف* حقيقي*]
  - id: LIMITED
    en: side A's support for side B is limited
    frame: alliance-limited
    requires: [[RU], [IR]]
    he: [תמיכה מוגבלת]
    ar: [دعم* محدود*]
"""
PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory):
    return codebook_from_yaml(tmp_path_factory.mktemp("cb"), CODEBOOK)


def test_a_denied_alliance_is_also_limited_support(codebook) -> None:
    m = tag(
        codebook,
        {
            # "Russia was never a true ally of Iran."
            "ar": ("ar", ["روسيا لم تكن يوما حليفا حقيقيا لإيران."]),
            # "Russia is not a loyal ally of Iran."
            "he": ("he", ["רוסיה אינה בעלת ברית נאמנה של איראן."]),
            # "Russia did not hurry to defend a loyal ally like Iran." — the negator three
            # words back negates the verb (the mention is negated) but denies no alliance
            "verb": ("he", ["רוסיה לא מיהרה להגן על בעלת ברית נאמנה כמו איראן."]),
            # "Russia is a true ally of Iran." — asserted: no limited support
            "asserted": ("ar", ["روسيا حليف حقيقي لإيران."]),
            # "Russia is not a loyal ally of Iran and gives it limited support." — the
            # sentence says the limit itself: one mention, with its own cue
            "both": ("he", ["רוסיה אינה בעלת ברית נאמנה של איראן ונותנת לה תמיכה מוגבלת."]),
        },
    )
    # the two rows share the cue: ordered by claim id
    assert found(m, "ar") == [
        (0, "LIMITED", "denial:LOYAL pattern:حليف* حقيقي*"),
        (0, "LOYAL", "pattern:حليف* حقيقي*"),
    ]
    ar = m[m["doc_id"] == "ar"].set_index("claim_id")
    assert ar.loc["LOYAL", "negated"] and not ar.loc["LIMITED", "negated"]
    assert ar.loc["LOYAL", "cue"] == ar.loc["LIMITED", "cue"] == "حليفا حقيقيا"
    assert found(m, "he") == [
        (0, "LIMITED", "denial:LOYAL pattern:בעלת ברית נאמנה"),
        (0, "LOYAL", "pattern:בעלת ברית נאמנה"),
    ]
    assert found(m, "verb") == [(0, "LOYAL", "pattern:בעלת ברית נאמנה")]
    assert m.loc[m["doc_id"] == "verb", "negated"].tolist() == [True]
    assert found(m, "asserted") == [(0, "LOYAL", "pattern:حليف* حقيقي*")]
    assert found(m, "both") == [
        (0, "LOYAL", "pattern:בעלת ברית נאמנה"),
        (0, "LIMITED", "pattern:תמיכה מוגבלת"),
    ]


def test_the_project_codes_a_denied_alliance_as_limited_support() -> None:
    # "An Iranian MP said Russia was never a true ally of Iran." / the same, asserted
    m = tag(
        load_codebook(PROJECT_CODEBOOK),
        {
            "denied": ("ar", ["قال نائب إيراني إن روسيا لم تكن يوما حليفا حقيقيا لإيران."]),
            "asserted": ("ar", ["قال نائب إيراني إن روسيا حليف حقيقي لإيران."]),
        },
    )
    assert sorted(c for _, c, _ in found(m, "denied")) == ["RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"]
    assert [c for _, c, _ in found(m, "asserted")] == ["RU_LOYAL_PARTNER"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("NOBODY", "denial_also names 'NOBODY', not another claim"),
        ("LOYAL", "denial_also names 'LOYAL', not another claim"),
        ("[LIMITED]", "denial_also must be a claim id"),
    ],
)
def test_bad_denial_also_is_one_clear_error(tmp_path: Path, value: str, reason: str) -> None:
    with pytest.raises(CodebookError, match=r"bad\.yaml: claims\[0\] \(LOYAL\): ") as err:
        codebook_from_yaml(
            tmp_path, CODEBOOK.replace("denial_also: LIMITED", f"denial_also: {value}"), "bad.yaml"
        )
    assert reason in str(err.value)

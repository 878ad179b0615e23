"""Session-7 Arabic families of the project codebook (claims-ar), each beside a hard negative.

Every sentence was written for these tests from the language (not copied from any gold set);
the expected claims come from reading it under the coding manual.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import tag_articles as tag

from helpers.claims.codebook import load_codebook

PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def project_codebook():
    return load_codebook(PROJECT_CODEBOOK)


#: (headline or "", sentence, the claims it carries, whether its mentions are negated —
#: None: not checked).
ARABIC_S7_CASES = [
    # Russia praising Iran as the reliable partner (a praise verb, Iran, then the partner word a
    # clause later) is praise running the other way (the manual); Iran praising Russia so is
    # the claim
    ("", "وأشاد بوتين بطهران وقال إنها شريك يعتمد عليه في المنطقة.", set(), None),
    ("", "ويشيد الكرملين دائما بإيران كشريك موثوق في أوبك بلس.", set(), None),
    (
        "",
        "وأشاد عراقجي بموسكو وقال إنها شريك يعتمد عليه في المنطقة.",
        {"RU_LOYAL_PARTNER"},
        False,
    ),
    # 'these reports' continues the arms claim of the headline (here denied); 'this news' in a
    # sentence that only dates it does not
    ("روسيا تتسلم مسيرات شاهد من إيران", "ونفت طهران هذه التقارير.", {"IR_ARMS_TO_RU"}, True),
    (
        "روسيا تتسلم مسيرات شاهد من إيران",
        "وتأتي هذه الأنباء بعد أيام من زيارة شويغو إلى طهران.",
        set(),
        None,
    ),
    # an agreement signed by the two named sides: a third state a clause away (a visitor, the
    # venue) leaves it theirs; a third signatory beside them makes it another agreement
    (
        "",
        "ووقع الجانبان الروسي والإيراني اتفاقية للنقل، بعد أسبوع من زيارة الرئيس التركي إلى موسكو.",
        {"PACT_STRATEGIC"},
        False,
    ),
    (
        "",
        "ووقعت موسكو وطهران مذكرة تفاهم لتطوير ميناء، قبل يومين من وصول وزير الخارجية الهندي.",
        {"PACT_STRATEGIC"},
        False,
    ),
    ("", "ووقعت روسيا وإيران وتركيا اتفاقية للتعاون في مجال النقل.", set(), None),
    # the two sides as a dual verb (the pair from the article): a state a clause away leaves the
    # agreement theirs; 'with Turkey' right after it makes it another agreement
    (
        "روسيا وإيران",
        "وقال إن الجانبين وقعا اتفاقية حكومية تقدم بموجبها موسكو قرضا لاستكمال الخط، في خطوة تراها الرياض تحديا.",
        {"PACT_STRATEGIC"},
        False,
    ),
    ("روسيا وإيران", "ووقعا اتفاقية مع تركيا للتعاون في مجال الطاقة.", set(), None),
]


@pytest.mark.parametrize(("headline", "sentence", "expected", "negated"), ARABIC_S7_CASES)
def test_arabic_session7_families_and_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str], negated: bool | None
) -> None:
    sentences = [headline, sentence] if headline else [sentence]
    m = tag(project_codebook, {"d": ("ar", sentences)})
    last = m[m["sent_idx"] == len(sentences) - 1]
    assert set(last["claim_id"]) == expected
    if negated is not None:
        assert set(last["negated"]) == {negated}

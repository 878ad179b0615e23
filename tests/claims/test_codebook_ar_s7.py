"""Session-7 Arabic families of the project codebook (claims-ar), each beside a hard negative.

Every sentence was written for these tests from the language (not copied from any gold set);
the expected claims come from reading it under the coding manual.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_last_sentence_claims

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
    # Russia's supportive / steadfast stance by Iran's side (singular, plural, possessive); a stance
    # on the nuclear right is the nuclear claim, a stance backing Israel is nobody's loyalty
    ("", "وشكر عراقجي روسيا على موقفها الثابت إلى جانب إيران.", {"RU_LOYAL_PARTNER"}, False),
    (
        "",
        "وثمن بزشكيان مواقف موسكو الداعمة لطهران في المحافل الدولية.",
        {"RU_LOYAL_PARTNER"},
        False,
    ),
    ("", "ونوه السفير بالموقف الروسي المساند لإيران.", {"RU_LOYAL_PARTNER"}, False),
    ("", "وانتقد عراقجي موقف موسكو الداعم لإسرائيل في مجلس الأمن.", set(), None),
    (
        "",
        "وثمن عراقجي مواقف روسيا المساندة لحق إيران في التخصيب.",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
        False,
    ),
    # the Russian side stood / will stay with us / her (Iran from the article); a question or a
    # hope is no claim
    ("روسيا وإيران", "وقال إن موسكو وقفت معنا في أحلك الظروف.", {"RU_LOYAL_PARTNER"}, False),
    (
        "روسيا وإيران",
        "وأكد لافروف أن بلاده ستبقى إلى جانبها مهما اشتدت الضغوط.",
        {"RU_LOYAL_PARTNER"},
        False,
    ),
    ("روسيا وإيران", "هل ستقف موسكو معنا هذه المرة؟", set(), None),
    ("روسيا وإيران", "وتأمل طهران أن تقف روسيا معها في مجلس الأمن.", set(), None),
    # the Russian side using 'our drones' (an Iranian speaker) or Iran's drone expertise; Ukraine's
    # drones shot down, Russia's own expertise handed to Tehran are not Iran's arms for Russia
    (
        "روسيا وإيران",
        "وقال قائد في الحرس الثوري إن روسيا باتت تستخدم مسيراتنا في الحرب.",
        {"IR_ARMS_TO_RU"},
        False,
    ),
    ("روسيا وإيران", "وقال زيلينسكي إن روسيا تسقط مسيراتنا يوميا.", set(), None),
    (
        "روسيا وإيران",
        "واستفادت موسكو من الخبرة الإيرانية في صناعة المسيرات.",
        {"IR_ARMS_TO_RU"},
        False,
    ),
    ("روسيا وإيران", "وتعتمد روسيا على خبرات طهران في مجال صواريخ.", {"IR_ARMS_TO_RU"}, False),
    ("روسيا وإيران", "وقالت موسكو إنها ستنقل إلى طهران خبرتها في صناعة المسيرات.", set(), None),
    # Iran holding NATO / the West responsible for the war in Ukraine (Iran backing Russia against
    # NATO); the West holding Iran responsible is the other way round
    (
        "",
        "خامنئي يستقبل بوتين ويحمل حلف الناتو مسؤولية الحرب في أوكرانيا",
        {"ANTI_WEST_BLOC"},
        False,
    ),
    (
        "روسيا وإيران",
        "وقال عراقجي إن الناتو هو المسؤول عن الحرب في أوكرانيا.",
        {"ANTI_WEST_BLOC"},
        False,
    ),
    ("روسيا وإيران", "وحمل الغرب إيران مسؤولية إطالة الحرب في أوكرانيا.", set(), None),
    # the Russian side calling the snapback void, proposing to postpone it, voting against a
    # resolution on Iran; the Europeans wanting it, a vote on Ukraine are not
    ("", "أوليانوف: تفعيل آلية الزناد ضد إيران باطل قانونيا", {"RU_BACKS_IR_NUCLEAR_RIGHT"}, False),
    (
        "",
        "روسيا تطرح مشروع قرار لتأجيل إعادة العقوبات على طهران",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
        False,
    ),
    (
        "روسيا وإيران",
        "وقال لافروف إن الأوروبيين يريدون تفعيل آلية الزناد ضد إيران.",
        set(),
        None,
    ),
    (
        "روسيا وأوكرانيا",
        "صوتت روسيا ضد مشروع القرار الأوكراني في الجمعية العامة.",
        set(),
        None,
    ),
    # support short of what Iran expects: a pale / hesitant stance, a lukewarm Russian reaction,
    # the support confined to information, no military help given, Iran weighed against Israel
    # or the Gulf, Iran let down; a cautious stance on Ukraine, Iran's own 'limited response', a
    # treaty text 'confined to' a clause are not
    (
        "روسيا وإيران",
        "واستاء مسؤولون إيرانيون من الموقف الباهت لموسكو خلال الضربات الإسرائيلية.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "واستاء نواب إيرانيون من ردود فعل موسكو الخجولة على اغتيال العلماء.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "وقالت الصحيفة إن الدعم الروسي اقتصر على تبادل المعلومات.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "وسئل بوتين عن سبب عدم تقديم موسكو مساعدة عسكرية لطهران.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "ويقول إن الكرملين يوازن بين علاقاته مع إيران ومصالحه مع السعودية والإمارات.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "وقال بوتين إن بلاده تأخذ في الاعتبار وجود مليوني ناطق بالروسية في إسرائيل.",
        {"RU_SUPPORT_LIMITED"},
        False,
    ),
    (
        "روسيا وإيران",
        "نائب إيراني: روسيا خذلتنا في الحرب",
        {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"},
        None,
    ),
    ("روسيا وإيران", "وقالت روسيا إن موقفها الحذر من التصعيد في أوكرانيا ثابت.", set(), None),
    (
        "روسيا وإيران",
        "ونقل عن مصدر أن مسؤولين روسا حثوا نظراءهم الإيرانيين على رد محدود لتجنب حرب مفتوحة.",
        {"RU_URGES_RESTRAINT"},
        False,
    ),
    (
        "روسيا وإيران",
        "وتنص معاهدة موسكو مع بيلاروس على المساعدة العسكرية الفورية، بينما يقتصر النص الإيراني على عدم مساعدة المعتدي.",
        set(),
        None,
    ),
    # (from the errors of the development set W6) the snapback called without legal basis with
    # its authors named between, their re-imposition postponed; relations at their best stage;
    # abandoned us (loyalty denied, with limited support); Iran arming Russia, not Azerbaijan;
    # Russia lending Iran money for a project
    (
        "روسيا ترفض العقوبات على إيران",
        "قالت الخارجية الروسية إن آلية إعادة فرض العقوبات التي فعلتها فرنسا وبريطانيا وألمانيا "
        "لا تستند إلى أي أساس قانوني.",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
        False,
    ),
    (
        "",
        "روسيا والصين تطرحان مشروع قرار لتأجيل إعادة فرض العقوبات على إيران",
        {"RU_BACKS_IR_NUCLEAR_RIGHT"},
        False,
    ),
    ("روسيا وإيران", "وقالت روسيا إن العقوبات على إيران لن تنجح.", set(), None),
    ("", "لافروف: العلاقات الروسية الإيرانية في أفضل مراحلها", {"RU_LOYAL_PARTNER"}, False),
    (
        "روسيا وإيران",
        "صحف إيرانية: موسكو تخلت عنا في ساعة الحاجة",
        {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"},
        None,
    ),
    ("", "وقال بودانوف إن إيران تواصل تسليح روسيا.", {"IR_ARMS_TO_RU"}, False),
    ("روسيا وإيران", "واتهمت طهران روسيا بتسليح أذربيجان.", set(), None),
    ("", "روسيا تقرض إيران مليار يورو لبناء سكة حديد", {"PACT_STRATEGIC"}, False),
    ("", "روسيا تقرض تركيا مليار يورو لبناء محطة بالقرب من إيران", set(), None),
]


@pytest.mark.parametrize(("headline", "sentence", "expected", "negated"), ARABIC_S7_CASES)
def test_arabic_session7_families_and_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str], negated: bool | None
) -> None:
    assert_last_sentence_claims(project_codebook, "ar", headline, sentence, expected, negated)

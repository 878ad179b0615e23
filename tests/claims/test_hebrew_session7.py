"""Session 7 (claims-he): Hebrew paraphrase families of the project codebook, each written as a
family (other verbs, persons, tenses, the passive, the side as a role) with a hard negative
beside it. Every sentence was written for these tests (none is copied from a gold set); the
expected claims come from reading it under the coding manual. The headline (s0) names the
article's sides, so the article-context rule is exercised too; only the second sentence (s1)
is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import tag_articles as tag

from helpers.claims.codebook import load_codebook

PROJECT_CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def project_codebook():
    return load_codebook(PROJECT_CODEBOOK)


HEADLINE = "רוסיה ואיראן"

CASES = [
    # PACT_NO_DEFENCE: "without" / "not a single" clause, a side that objected to or dropped the
    # clause (so the pact has none); discussing the clause is no claim
    (
        HEADLINE,
        "ההסכם עם איראן נחתם בלי סעיף הגנה הדדית",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        HEADLINE,
        'השגריר אמר כי באמנה אין "שום התחייבות לבוא לעזרת" הצד השני',
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        HEADLINE,
        "הקרמלין התנגד לסעיף של הגנה הדדית באמנה עם טהרן",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (
        HEADLINE,
        "בסוף טהרן ויתרה על סעיף ההגנה ההדדית באמנה עם מוסקבה",
        {"PACT_NO_DEFENCE", "PACT_STRATEGIC"},
    ),
    (HEADLINE, "שתי המדינות דנות בהוספת סעיף הגנה הדדית", set()),
    # RU_INTEL_TO_IR: handed (any tense, the passive) to Iran + information / data / images;
    # satellite intelligence "to Tehran"; not the reverse direction, not tied to another file
    (HEADLINE, 'לפי הדיווח, הרוסים מסרו לטהרן נתונים שנאספו במכ"מים בארמניה', {"RU_INTEL_TO_IR"}),
    (HEADLINE, "התמונות שמצלם הלוויין הרוסי מועברות לאיראן מדי יום", {"RU_INTEL_TO_IR"}),
    (HEADLINE, "מקור מערבי: מודיעין לוויני ממוסקבה לטהרן", {"RU_INTEL_TO_IR"}),
    (HEADLINE, "מוסקבה העבירה לאוקראינה נתונים על שבויים", set()),
    # (tying the intelligence for Iran to Ukraine is the swap offer, not intelligence given)
    (HEADLINE, "הרוסים קשרו את המודיעין לאיראן לתיק האוקראיני", {"RU_INTEL_SWAP_OFFER"}),
    # RU_OPPOSES_IR_NUKE: against / not supporting the weapon itself, Iran must stay without it,
    # a military enrichment grade crossing a line, "does not care" (the claim doubted); not a
    # refusal of sanctions over the programme, not the US saying it
    (HEADLINE, 'לברוב: "אנחנו נגד פצצה איראנית"', {"RU_OPPOSES_IR_NUKE"}),
    (
        HEADLINE,
        "הקרמלין חזר והבהיר כי מוסקבה לא תומכת בנשק גרעיני בידי טהרן",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        HEADLINE,
        "לדברי הדיפלומט הרוסי, איראן צריכה להישאר מחוץ למועדון הגרעיני",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        HEADLINE,
        "הרוסים אמרו לאיראנים כי העשרה לרמת נשק תחצה קו אדום",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (
        HEADLINE,
        "פרשן: לקרמלין לא אכפת אם טהרן תשיג פצצה גרעינית",
        {"RU_OPPOSES_IR_NUKE"},
    ),
    (HEADLINE, "רוסיה אינה תומכת בסנקציות על איראן בשל החשד לנשק גרעיני", set()),
    (HEADLINE, 'ארה"ב: איראן חייבת להישאר מדינה ללא נשק גרעיני', set()),
    # RU_LOYAL_PARTNER: one can count on the Russian side (denied: the claim negated plus
    # RU_SUPPORT_LIMITED), the Russian side proved reliable, "not an ally" (denied); not Israel
    # counting on Russia, not Putin praising Iran's president as reliable
    (HEADLINE, "נשיא איראן אמר כי מוסקבה הוכיחה שאפשר לסמוך עליה", {"RU_LOYAL_PARTNER"}),
    (HEADLINE, "בטהרן אומרים שלא ניתן לסמוך על הרוסים", {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"}),
    (
        HEADLINE,
        "הפרשן כתב כי עבור הקרמלין טהרן היא קלף ולא בת ברית",
        {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"},
    ),
    (HEADLINE, "ישראל לא יכולה לסמוך על רוסיה", set()),
    (HEADLINE, 'פוטין משבח את הנשיא האיראני: "שותף שאפשר לסמוך עליו"', set()),
    # RU_SUPPORT_LIMITED: the reaction / condemnation / backing called lukewarm or too polite, not
    # willing to pay a price for Iran, angering Tehran, not lifting a finger; not the US reaction,
    # not a price paid, not Iran angering Moscow
    (HEADLINE, "בטהרן אמרו כי הגינוי של הקרמלין היה מנומס מדי", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "הגיבוי הרוסי לטהרן היה סמלי בלבד", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "מוסקבה אינה מוכנה לסכן דבר עבור טהרן", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "רוסיה הכעיסה את איראן כשחתמה על ההצהרה עם מדינות המפרץ", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "כשאיראן הותקפה, הרוסים לא הרימו אצבע", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "התגובה האמריקאית לתקיפה הייתה פושרת", set()),
    (HEADLINE, "מוסקבה שילמה מחיר כבד עבור טהרן", set()),
    (HEADLINE, "איראן הכעיסה את מוסקבה", set()),
    # ANTI_WEST_BLOC: Iran admitted to a bloc (the impersonal plural), the sanctions on Iran
    # called void, a call on Washington to lift the sanctions, the West's double standards; not a
    # call to raise the pressure, not sanctions on Russia alone
    (HEADLINE, "בפסגת בריקס קיבלו את איראן כחברה מן המניין", {"ANTI_WEST_BLOC"}),
    (HEADLINE, 'משרד החוץ הרוסי: הסנקציות על איראן "חסרות תוקף משפטי"', {"ANTI_WEST_BLOC"}),
    (HEADLINE, "שרי החוץ קראו לוושינגטון להסיר את הסנקציות על איראן", {"ANTI_WEST_BLOC"}),
    (HEADLINE, "עראקצ'י האשים את המערב בסטנדרטים כפולים", {"ANTI_WEST_BLOC"}),
    (HEADLINE, 'ארה"ב קראה לרוסיה להגביר את הלחץ על איראן', set()),
    (HEADLINE, "הסנקציות של האיחוד האירופי על רוסיה חסרות תוקף, אמר לברוב", set()),
    # RU_MILTECH_TO_IR: the Iranian side received / took in / bought / ordered the weapons (Russia
    # from the article); not from China, not a hope, not the Russian side receiving
    (HEADLINE, "סגן שר ההגנה האיראני אישר כי הצבא קיבל מסוקי קרב מדגם מי-28", {"RU_MILTECH_TO_IR"}),
    (HEADLINE, "חיל האוויר האיראני קלט את מטוסי הסוחוי הראשונים", {"RU_MILTECH_TO_IR"}),
    (HEADLINE, "לפי הדיווח, טהרן רכשה סוללות הגנה אווירית מתקדמות", {"RU_MILTECH_TO_IR"}),
    (HEADLINE, "איראן קיבלה מסין מטוסי קרב", set()),
    (HEADLINE, "איראן מקווה לקבל מטוסי סוחוי בקרוב", set()),
    (HEADLINE, "מוסקבה קיבלה מטהרן טילים בליסטיים", {"IR_ARMS_TO_RU"}),
    # written after reading W6's errors (04:00): not a party to the war, will not die for them,
    # expected more, only interests, "the Russian betrayal" (loyalty denied); not Ukraine's
    (HEADLINE, 'לברוב: "מוסקבה אינה צד לעימות בין ישראל לאיראן"', {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "פרשנים: הרוסים לא ימותו בשביל טהרן", {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, 'שגריר איראן: "ציפינו ליותר ממוסקבה"', {"RU_SUPPORT_LIMITED"}),
    (HEADLINE, "בעיתונות בטהרן כתבו על הבגידה הרוסית", {"RU_LOYAL_PARTNER", "RU_SUPPORT_LIMITED"}),
    (HEADLINE, "קייב מאשימה את איראן בבגידה", set()),
    # ANTI_WEST_BLOC: expelling the American currency, NATO blamed for the war, the anti-Western
    # bloc; not an anti-Western bloc of rival states
    (HEADLINE, "שתי המדינות מסלקות את המטבע האמריקאי מהסחר ההדדי", {"ANTI_WEST_BLOC"}),
    (HEADLINE, 'בזשכיאן: "נאט"ו אחראית למלחמה באוקראינה"', {"ANTI_WEST_BLOC"}),
    (HEADLINE, "במוסקבה ובטהרן מדברים על גוש אנטי-מערבי", {"ANTI_WEST_BLOC"}),
    # RU_CONDEMNS_STRIKES: the strike called state terror / a provocative act by the Russian side
    (HEADLINE, 'זכרובה: חיסול המדענים באיראן הוא "טרור מדינה"', {"RU_CONDEMNS_STRIKES"}),
    (HEADLINE, 'זלנסקי: התקיפה הרוסית בקייב היא "טרור מדינה"', set()),
]


@pytest.mark.parametrize(("headline", "sentence", "expected"), CASES)
def test_session7_hebrew_families_with_their_hard_negatives(
    project_codebook, headline: str, sentence: str, expected: set[str]
) -> None:
    m = tag(project_codebook, {"d": ("he", [headline, sentence])})
    assert set(m.loc[m["sent_idx"] == 1, "claim_id"]) == expected

"""Written test data shared by the recommender's tests (tests/claims/test_recommender*.py): a
two-claim codebook, gold lines about Russian arms for Iran and neutral ones, small settings,
and builders the test modules turn into fixtures (``pytest.fixture(write_codebook,
name="codebook")``) — one copy, without making the fixtures global to the session."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from conftest import article_tables, codebook_from_yaml

from helpers.claims.codebook import Codebook
from helpers.claims.recommender import Recommender, RecommenderSettings
from helpers.claims.recommender_train import train_recommender, training_set

CODEBOOK = """\
codebook: recommender-test
version: 7
languages: [he, ar]
actors:
  RU: {en: Russia, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: Iran, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
actor_groups:
  RU_SIDE: [RU]
lexicons:
  WEAPON: {he: [מסוק*, 'הגנה אווירית', טיל*], ar: [مروحي*, صواريخ]}
claims:
  - {id: ARMS, en: Russia arms Iran, frame: arms, requires: [[RU], [IR]],
     he: [מטוסי סוחוי], ar: [طائرات سوخوي]}
  - {id: LOYAL, en: loyal partner, frame: alliance, requires: [[RU], [IR]],
     he: [ידידה נאמנה], ar: [حليف وفي]}
"""

# Hebrew sentences about arms deliveries (ARMS) and neutral ones, in several articles.
ARMS_HE = [
    "רוסיה תספק לאיראן מסוקי קרב בחודש הבא",
    "מוסקבה מסרה לטהרן מערכות הגנה אווירית מתקדמות",
    "רוסיה החלה לספק לאיראן טילי הגנה אווירית",
    "מוסקבה תספק לטהרן מסוקי תקיפה ומערכות הגנה",
    "רוסיה מסרה לאיראן מערכות מכ״ם והגנה אווירית",
    "מוסקבה החלה למסור לטהרן מסוקי קרב חדשים",
]
NEUTRAL_HE = [
    "שר החוץ של רוסיה נפגש עם עמיתו באיראן",
    "מוסקבה וטהרן דנו בסחר החקלאי בין המדינות",
    "משלחת מאיראן ביקרה ברוסיה השבוע",
    "נשיא רוסיה שוחח בטלפון עם נשיא איראן",
    "טהרן ומוסקבה הודיעו על טיסות ישירות חדשות",
    "רוסיה ואיראן קיימו כנס על תיירות",
    "שגריר איראן במוסקבה הגיש את כתב האמנתו",
    "רוסיה ואיראן חתמו על הסכם לחילופי סטודנטים",
]
# Sentences that name no actor: out of scope, never trained on, never proposed.
OUT_OF_SCOPE_HE = ["הכוחות קיבלו מסוקי קרב ומערכות הגנה אווירית", "מזג האוויר חם השבוע"]


def gold_lines() -> list[dict[str, object]]:
    lines: list[dict[str, object]] = []
    for i, quote in enumerate(ARMS_HE):
        lines.append({"source": f"article-{i % 3}", "quote": quote, "split": "tune",
                      "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    for i, quote in enumerate(NEUTRAL_HE):
        lines.append({"source": f"article-{i % 4}", "quote": quote, "split": "tune",
                      "claims": []})  # fmt: skip
    for quote in OUT_OF_SCOPE_HE:
        lines.append({"source": "article-0", "quote": quote, "split": "tune",
                      "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    # the rules find this one (the claim's pattern): it trains, but sets no threshold
    lines.append({"source": "article-5", "quote": "רוסיה מסרה לאיראן מטוסי סוחוי", "split": "tune",
                  "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    # a held-out line: its word must never reach the model
    lines.append({"source": "article-9", "quote": "רוסיה שלחה לאיראן צוללות זהב", "split": "final",
                  "claims": [{"claim_id": "ARMS"}]})  # fmt: skip
    return lines


SETTINGS = RecommenderSettings(
    char_ngrams=(3, 4),
    word_ngrams=(1, 1),
    min_df=1,
    c=10.0,
    min_positives=3,
    folds=3,
    target_precision=0.75,
    min_true_positives=2,
)


def write_codebook(tmp_path: Path) -> Codebook:
    """:data:`CODEBOOK` written to ``cb.yaml`` in ``tmp_path`` and loaded."""
    return codebook_from_yaml(tmp_path, CODEBOOK)


def write_gold(tmp_path: Path) -> Path:
    """:func:`gold_lines` as an unsplit gold file (the seeds' gold set has no split: every
    line is read)."""
    path = tmp_path / "gold.jsonl"
    lines = [json.dumps(rec, ensure_ascii=False) for rec in gold_lines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def train_model(codebook: Codebook, gold: Path) -> Recommender:
    """The recommender trained on ``gold`` with :data:`SETTINGS`."""
    return train_recommender(training_set([gold], codebook), codebook, SETTINGS)


def corpus(sentences_by_doc: dict[str, list[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hebrew documents of the given sentences and their sentence spans
    (:func:`conftest.article_tables`)."""
    return article_tables({doc_id: ("he", texts) for doc_id, texts in sentences_by_doc.items()})

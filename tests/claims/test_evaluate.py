"""helpers.claims.evaluate: locating gold quotes in the cleaned seeds, P/R/F1 by hand, --fill."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import seed_path

from helpers.claims.__main__ import main
from helpers.claims.evaluate import GoldError, fill_gold, resolve_gold, score
from helpers.text.clean import clean_text, normalize_for_match
from helpers.text.segment import sentences_table

# Sentences copied from the seed files as they appear there (raw, before cleaning).
Q_000_LOYAL = (
    "נשיא רוסיה ולדימיר פוטין בירך את הנהגת איראן לרגל חג הנורוז - השנה הפרסית החדשה - "
    'ואמר כי מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן - כך מסר הקרמלין.'
)
Q_000_DEFENCE = (
    "למרות הקשרים ההדוקים בין טהרן למוסקבה, ההסכם האסטרטגי בין רוסיה לאיראן אינו כולל "
    "סעיף הגנה הדדית."
)
Q_003_PARTNER = "وأكد أن موسكو “تثمن شراكتها الوثيقة مع طهران في مختلف المجالات”."
# Two sentences in one quote (000): the quote spans sent_idx .. sent_idx_last.
Q_000_TWO = "ההצעה נדחתה על ידי האמריקנים, בעוד שהקרמלין הכחיש את עצם קיומה."


@pytest.fixture(scope="module")
def corpus():
    rows = []
    for prefix, lang in (("000", "he"), ("003", "ar")):
        path = seed_path(prefix)
        text = clean_text(path.read_text(encoding="utf-8"), lang)
        doc_id = hashlib.sha256(normalize_for_match(text, lang).encode()).hexdigest()[:16]
        rows.append({"doc_id": doc_id, "source": path.name, "lang": lang, "text": text})
    docs = pd.DataFrame(rows)
    return docs, sentences_table(docs)


def write_gold(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    return path


def claim(cid: str, speaker: str = "OUTLET", hedged: bool = False, negated: bool = False) -> dict:
    return {"claim_id": cid, "speaker": speaker, "hedged": hedged, "negated": negated}


def test_resolve_gold_locates_quotes(corpus, tmp_path: Path) -> None:
    docs, sents = corpus
    s000, s003 = seed_path("000").name, seed_path("003").name
    gold = resolve_gold(
        write_gold(
            tmp_path / "g.jsonl",
            [
                {
                    "source": s000,
                    "quote": Q_000_LOYAL,
                    "claims": [claim("RU_LOYAL_PARTNER", "PUTIN")],
                },
                {
                    "source": s003,
                    "quote": Q_003_PARTNER,
                    "claims": [claim("RU_LOYAL_PARTNER", "PESKOV")],
                },
                {"source": s000, "quote": Q_000_DEFENCE, "claims": []},
            ],
        ),
        docs,
        sents,
    )
    assert gold["line"].tolist() == [1, 2, 3]
    text_000, text_003 = docs["text"][0], docs["text"][1]
    for row in gold.itertuples():
        text = text_000 if row.source == s000 else text_003
        assert row.text_sha256 == hashlib.sha256(text.encode()).hexdigest()
        assert row.sent_idx == row.sent_idx_last
        sent = sents[(sents["doc_id"] == row.doc_id) & (sents["sent_idx"] == row.sent_idx)].iloc[0]
        assert sent["start"] <= row.start < row.end <= sent["end"]
    assert text_000[gold["start"][0] : gold["end"][0]] == Q_000_LOYAL
    assert text_003[gold["start"][1] : gold["end"][1]] == Q_003_PARTNER


def test_quote_cleaned_like_the_document(corpus, tmp_path: Path) -> None:
    # the seed writes כטב"מים with an ASCII quote; cleaning makes it gershayim in both
    docs, sents = corpus
    quote = 'וכן סיפקה לה ידע טכנולוגי על כטב"מים.'
    gold = resolve_gold(
        write_gold(
            tmp_path / "g.jsonl",
            [
                {"source": seed_path("000").name, "quote": quote, "claims": []},
            ],
        ),
        docs,
        sents,
    )
    start, end = gold["start"][0], gold["end"][0]
    assert docs["text"][0][start:end] == "וכן סיפקה לה ידע טכנולוגי על כטב״מים."


def test_unresolved_quotes_are_all_listed(corpus, tmp_path: Path) -> None:
    docs, sents = corpus
    path = write_gold(
        tmp_path / "g.jsonl",
        [
            {"source": seed_path("000").name, "quote": Q_000_LOYAL, "claims": []},
            {"source": seed_path("000").name, "quote": "משפט שלא מופיע במאמר", "claims": []},
            {"source": "999_missing.txt", "quote": Q_000_LOYAL, "claims": []},
            {"source": seed_path("003").name, "quote": "جملة غير موجودة", "claims": []},
        ],
    )
    with pytest.raises(GoldError) as info:
        resolve_gold(path, docs, sents)
    message = str(info.value)
    assert "3 gold line(s) not resolved" in message
    assert "line 2: quote not found" in message and "line 4: quote not found" in message
    assert "line 3: unknown source '999_missing.txt'" in message
    path.write_text('{"source": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"line 1: missing quote, claims(.|\n)*line 2: not JSON"):
        resolve_gold(path, docs, sents)


def test_multi_sentence_quote(corpus, tmp_path: Path) -> None:
    docs, sents = corpus
    quote = (
        'למרות זאת, האתר האמריקני "פוליטיקו" דיווח כי מוסקבה הציעה עסקה לוושינגטון: רוסיה '
        "תפסיק לשתף מודיעין עם איראן אם ארצות הברית תחדל להעביר מודיעין לאוקראינה. " + Q_000_TWO
    )
    gold = resolve_gold(
        write_gold(
            tmp_path / "g.jsonl",
            [
                {"source": seed_path("000").name, "quote": quote, "claims": []},
            ],
        ),
        docs,
        sents,
    )
    assert gold["sent_idx_last"][0] == gold["sent_idx"][0] + 1


def mention(
    doc: str,
    sent: int,
    cid: str,
    speaker: str = "OUTLET",
    hedged: bool = False,
    negated: bool = False,
) -> dict:
    return {
        "doc_id": doc,
        "sent_idx": sent,
        "claim_id": cid,
        "speaker": speaker,
        "hedged": hedged,
        "negated": negated,
    }


def test_score_by_hand() -> None:
    gold = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "sent_idx": 0,
                "sent_idx_last": 0,
                "claims": [claim("A", "PUTIN"), claim("B")],
            },
            {"doc_id": "d", "sent_idx": 1, "sent_idx_last": 2, "claims": [claim("A", hedged=True)]},
            {"doc_id": "d", "sent_idx": 3, "sent_idx_last": 3, "claims": []},
        ]
    )
    mentions = pd.DataFrame(
        [
            mention("d", 0, "A", "PUTIN"),  # TP A, speaker right
            mention(
                "d", 2, "A", "KREMLIN"
            ),  # TP A (2nd sentence of the quote), speaker wrong, hedged wrong
            mention("d", 3, "B"),  # FP B (judged sentence without claims)
            mention("d", 9, "A"),  # not judged: ignored
        ]
    )
    table = score(mentions, gold).set_index("claim_id")
    # A: tp 2, fp 0, fn 0; B: tp 0, fp 1, fn 1 (sentence 0 missed); ALL: tp 2, fp 1, fn 1
    assert table.loc["A", ["tp", "fp", "fn"]].tolist() == [2, 0, 0]
    assert table.loc["B", ["tp", "fp", "fn"]].tolist() == [0, 1, 1]
    assert table.loc["ALL", ["tp", "fp", "fn"]].tolist() == [2, 1, 1]
    assert table.loc["ALL", "precision"] == pytest.approx(2 / 3)
    assert table.loc["ALL", "recall"] == pytest.approx(2 / 3)
    assert table.loc["ALL", "f1"] == pytest.approx(2 / 3)
    assert table.loc["A", "f1"] == pytest.approx(1.0)
    assert table.loc["B", "f1"] == pytest.approx(0.0)
    assert table.loc["A", "speaker_acc"] == pytest.approx(0.5)
    assert table.loc["A", "hedged_acc"] == pytest.approx(0.5)
    assert table.loc["A", "negated_acc"] == pytest.approx(1.0)
    assert pd.isna(table.loc["B", "speaker_acc"])


def test_score_joins_gold_lines_that_share_a_sentence() -> None:
    # A page fragment ("ف.") once its own sentence, now joined to the headline by the segmenter:
    # its gold line (no claims) and the headline's (IR_ARMS_TO_RU) resolve to sentence 0. The
    # sentence is one unit with the union of the claims: the tagger's mention is one TP, not an
    # FN on the headline line plus an FP on the fragment line. Sentence 2 is covered by a quote
    # of sentences 1-2 and by a line of its own (claim B): one unit, A and B.
    gold = pd.DataFrame(
        [
            {"doc_id": "d", "sent_idx": 0, "sent_idx_last": 0, "claims": [claim("IR_ARMS_TO_RU")]},
            {"doc_id": "d", "sent_idx": 0, "sent_idx_last": 0, "claims": []},
            {"doc_id": "d", "sent_idx": 1, "sent_idx_last": 2, "claims": [claim("A")]},
            {"doc_id": "d", "sent_idx": 2, "sent_idx_last": 2, "claims": [claim("B")]},
        ]
    )
    mentions = pd.DataFrame([mention("d", 0, "IR_ARMS_TO_RU"), mention("d", 1, "B")])
    table = score(mentions, gold).set_index("claim_id")
    assert table.loc["IR_ARMS_TO_RU", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert table.loc["B", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert table.loc["A", ["tp", "fp", "fn"]].tolist() == [0, 0, 1]
    assert table.loc["ALL", ["tp", "fp", "fn"]].tolist() == [2, 0, 1]


def test_fill_gold_writes_offsets_back(corpus, tmp_path: Path) -> None:
    docs, sents = corpus
    path = write_gold(
        tmp_path / "g.jsonl",
        [
            {
                "source": seed_path("000").name,
                "quote": Q_000_DEFENCE,
                "claims": [claim("X")],
                "note": "n",
            },
        ],
    )
    fill_gold(path, docs, sents)
    (obj,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert obj["note"] == "n" and obj["claims"] == [claim("X")]
    assert docs["text"][0][obj["start"] : obj["end"]] == Q_000_DEFENCE
    assert obj["text_sha256"] == hashlib.sha256(docs["text"][0].encode()).hexdigest()
    assert isinstance(obj["sent_idx"], int) and obj["doc_id"] == docs["doc_id"][0]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_fill_on_project_gold_copy(project_root: Path, tmp_path: Path) -> None:
    gold = project_root / "codebook" / "gold" / "seeds.jsonl"  # tracked: must exist
    copy = tmp_path / "seeds.jsonl"
    copy.write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--fill", str(copy), "--corpus", str(project_root / "seeds")]) == 0
    lines = [json.loads(x) for x in copy.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert lines and all(len(r["text_sha256"]) == 64 and r["end"] > r["start"] for r in lines)


def _gold_row(doc: str, sent: int, claims: list[str], lang: str, scope: str) -> dict:
    return {
        "line": sent + 1,
        "source": f"{doc}.jsonl",
        "quote": "…",
        "claims": [claim(c) for c in claims],
        "doc_id": doc,
        "sent_idx": sent,
        "sent_idx_last": sent,
        "start": 0,
        "end": 1,
        "text_sha256": "",
        "lang": lang,
        "split": "tune",
        "scope": scope,
    }


def _mention(doc: str, sent: int, cid: str) -> dict:
    return {
        "doc_id": doc,
        "sent_idx": sent,
        "claim_id": cid,
        "speaker": "OUTLET",
        "hedged": False,
        "negated": False,
        "method": "rule",
    }


@pytest.fixture()
def two_languages() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A Hebrew page judged whole and an Arabic article judged on some sentences only."""
    gold = pd.DataFrame(
        [
            _gold_row("H", 0, ["A"], "he", "every sentence"),
            _gold_row("H", 1, [], "he", "every sentence"),
            _gold_row("H", 2, ["B"], "he", "every sentence"),
            _gold_row("R", 0, ["A"], "ar", "sentences naming Russia"),
            _gold_row("R", 2, ["A"], "ar", "sentences naming Russia"),
        ]
    )
    mentions = pd.DataFrame(
        [
            _mention("H", 0, "A"),  # true positive
            _mention("H", 1, "A"),  # false positive in a judged sentence
            _mention("H", 3, "A"),  # no gold line, but the page is judged whole: false positive
            _mention("R", 0, "A"),  # true positive
            _mention("R", 5, "B"),  # no gold line, article judged in part: unknown
            _mention("X", 0, "A"),  # not a gold document: ignored
        ]
    )
    return gold, mentions


def test_score_by_language_keeps_the_languages_apart(two_languages) -> None:
    from helpers.claims.evaluate import score_by_language

    gold, mentions = two_languages
    table = score_by_language(mentions, gold)
    overall = table[table["claim_id"] == "ALL"].set_index("lang")
    # he: A@0 found, A@1 wrong, B@2 missed  -> P 1/2, R 1/2
    assert overall.loc["he", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert overall.loc["he", "precision"] == 0.5 and overall.loc["he", "recall"] == 0.5
    # ar: A@0 found, A@2 missed; the mention in unjudged sentence 5 is not scored
    assert overall.loc["ar", ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert overall.loc["ar", "precision"] == 1.0 and overall.loc["ar", "recall"] == 0.5
    assert overall.loc["all", ["tp", "fp", "fn"]].tolist() == [2, 1, 2]
    per_claim = table[(table["lang"] == "he") & (table["claim_id"] == "B")].iloc[0]
    assert (per_claim.tp, per_claim.fn) == (0, 1)


def test_article_false_positives_count_the_whole_judged_article(two_languages) -> None:
    from helpers.claims.evaluate import article_false_positives

    gold, mentions = two_languages
    table = article_false_positives(mentions, gold).set_index("lang")
    he, ar = table.loc["he"], table.loc["ar"]
    assert (he.mentions, he.tp, he.fp_judged, he.fp_unjudged, he.unknown) == (3, 1, 1, 1, 0)
    assert he.articles_with_fp == 1 and he.precision_article == pytest.approx(1 / 3)
    assert (ar.mentions, ar.tp, ar.fp_judged, ar.fp_unjudged, ar.unknown) == (2, 1, 0, 0, 1)
    assert ar.articles_with_fp == 0 and ar.precision_article == 1.0
    assert table.loc["all", "documents"] == 2 and table.loc["all", "articles_with_fp"] == 1


def test_evaluate_against_gold_scores_the_tagger_per_language(corpus, tmp_path: Path) -> None:
    """Gold: the LOYAL sentence of 000 (he) and the partner sentence of 003 (ar) carry
    RU_LOYAL_PARTNER, the DEFENCE sentence of 000 none. Mentions: the tagger in LOYAL (true
    positive) and in DEFENCE (false positive); a reviewer (method human) in 003's sentence —
    left out, so Arabic has one false negative. he: tp 1, fp 1, fn 0 → P 0.5, R 1, F1 2/3;
    ar: tp 0, fn 1 → P undefined (nan), R 0, F1 0; all: tp 1, fp 1, fn 1 → 0.5 each."""
    from helpers.claims.evaluate import evaluate_against_gold

    docs, sents = corpus
    s000, s003 = seed_path("000").name, seed_path("003").name
    gold_path = write_gold(
        tmp_path / "g.jsonl",
        [
            {"source": s000, "quote": Q_000_LOYAL, "claims": [claim("RU_LOYAL_PARTNER")]},
            {"source": s003, "quote": Q_003_PARTNER, "claims": [claim("RU_LOYAL_PARTNER")]},
            {"source": s000, "quote": Q_000_DEFENCE, "claims": []},
        ],
    )
    where = resolve_gold(gold_path, docs, sents)[["doc_id", "sent_idx"]].to_numpy().tolist()
    mentions = pd.DataFrame(
        [
            {"doc_id": d, "sent_idx": s, "claim_id": "RU_LOYAL_PARTNER", "speaker": "OUTLET"}
            | {"hedged": False, "negated": False, "method": method}
            for (d, s), method in zip([where[0], where[2], where[1]], ["rule", "rule", "human"])
        ]
    )
    result = evaluate_against_gold(gold_path, docs, sents, mentions)
    # all: resampling the two articles gives F1 0 (003 twice), 0.5 or 2/3 (000 twice): the
    # percentile interval runs from 0 to 2/3; one article per language has no interval.
    assert result.message.splitlines() == [
        "tagger vs gold (3 judged sentences):",
        "   ar: precision nan, recall 0.000, F1 0.000 (1 gold claims in 1 article)",
        "   he: precision 0.500, recall 1.000, F1 0.667 (1 gold claims in 1 article)",
        "  all: precision 0.500, recall 0.500, F1 0.500, 95% interval 0.000–0.667"
        " (2 gold claims in 2 articles)",
    ]
    assert result.judged == 3
    assert result.evaluation is not None and set(result.tables) == {"evaluation"}
    assert result.false_positives is not None
    he = result.false_positives.set_index("lang").loc["he"]
    assert (he.mentions, he.tp, he.fp_judged) == (2, 1, 1)


def test_evaluate_against_gold_says_why_it_does_not_evaluate(corpus, tmp_path: Path) -> None:
    from helpers.claims.evaluate import evaluate_against_gold

    docs, sents = corpus
    no_mentions = pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id", "method"])
    none = evaluate_against_gold(None, docs, sents, no_mentions)
    assert none.message == "gold = '': no evaluation requested"
    assert none.evaluation is None and none.tables == {}
    elsewhere = write_gold(
        tmp_path / "other.jsonl",
        [
            {"source": "x.txt", "quote": "q", "claims": []},
            {"source": "y.txt", "quote": "q", "claims": []},
        ],
    )
    skipped = evaluate_against_gold(elsewhere, docs, sents, no_mentions, gold_name="corp/g.jsonl")
    assert skipped.message == (
        "evaluation skipped: none of the 2 documents of corp/g.jsonl is in this run"
    )
    assert skipped.tables == {}
    assert "other.jsonl" in evaluate_against_gold(elsewhere, docs, sents, no_mentions).message


def test_document_counts_split_the_micro_counts_by_article(two_languages) -> None:
    from helpers.claims.evaluate import document_counts

    gold, mentions = two_languages
    counts = document_counts(mentions, gold).set_index("doc_id")
    # H: A@0 found, A@1 wrong, B@2 missed (the unjudged sentence 3 is not in score's scope)
    assert counts.loc["H", ["lang", "tp", "fp", "fn"]].tolist() == ["he", 1, 1, 1]
    assert counts.loc["R", ["lang", "tp", "fp", "fn"]].tolist() == ["ar", 1, 0, 1]
    assert "X" not in counts.index  # not a gold document
    assert counts[["tp", "fp", "fn"]].sum().tolist() == [2, 1, 2]  # = score_by_language "all"


def test_micro_interval_brackets_the_estimate_and_is_seeded() -> None:
    from helpers.claims.evaluate import micro_interval

    # 20 articles: 12 perfect (2 tp), 8 with a miss (1 tp, 1 fn): P 1.0, R 32/40 = 0.8
    counts = pd.DataFrame(
        {"tp": [2] * 12 + [1] * 8, "fp": [0] * 20, "fn": [0] * 12 + [1] * 8},
    )
    interval = micro_interval(counts)
    assert interval["P_lo"] == interval["P_hi"] == 1.0  # no false positive in any resample
    assert interval["R_lo"] < 0.8 < interval["R_hi"]
    assert 0.6 < interval["R_lo"] and interval["R_hi"] <= 1.0
    f1 = 2 * 32 / (2 * 32 + 8)
    assert interval["F1_lo"] < f1 < interval["F1_hi"]
    assert micro_interval(counts) == interval  # same seed, same interval
    assert micro_interval(counts, seed=1) != interval
    one = micro_interval(counts.head(1))
    assert all(pd.isna(v) for v in one.values())  # one article: no interval

"""helpers.report.workbench: concordance, cue candidates and dry run on sentences read by hand.

The mini corpus (one Hebrew, one Arabic document) and what each view must find:

he  0 "חמאס הסכים להצעה של המתווכות."          Hamas; the claim ACCEPTS ("הסכים להצעה")
    1 "ישראל וחמאס חתמו על ההסכם בקהיר."        Israel + Hamas ("וחמאס"), "ההסכם"
    2 "בחמאס אמרו כי ישראל הפרה את ההסכם."      Hamas ("בחמאס") + Israel, "ההסכם", "הפרה"
    3 "המתווכות הציעו הצעה."                   no actor
ar  0 "أعلنت حماس موافقتها على المقترح."        Hamas; "موافقتها على"
    1 "وقالت حماس إن الاحتلال خرق الاتفاق."     Hamas + Israel ("الاحتلال"), "الاتفاق"
    2 "وأكدت إسرائيل أن حماس خرقت الاتفاق."     Israel + Hamas, "الاتفاق"
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers.claims.codebook import load_codebook
from helpers.report import workbench as wb
from helpers.run.engine import run_text_stage

CODEBOOK = """\
codebook: wb-test
version: 1
languages: [he, ar]
frames:
  - {id: deal, label: The deal}
actors:
  HAMAS: {en: Hamas, kind: group, he: [חמאס], ar: [حماس]}
  IL: {en: Israel, kind: state, he: [ישראל], ar: [إسرائيل, الاحتلال]}
speech_verbs: {he: [אמרו], ar: [قالت, أكدت]}
claims:
  - id: ACCEPTS
    en: Hamas accepts the proposal
    frame: deal
    he: [הסכים להצעה]
"""
HE = (
    "חמאס הסכים להצעה של המתווכות. ישראל וחמאס חתמו על ההסכם בקהיר. "
    "בחמאס אמרו כי ישראל הפרה את ההסכם. המתווכות הציעו הצעה."
)
AR = (
    "أعلنت حماس موافقتها على المقترح. وقالت حماس إن الاحتلال خرق الاتفاق. "
    "وأكدت إسرائيل أن حماس خرقت الاتفاق."
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wb")
    path = folder / "wb.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    documents = pd.DataFrame(
        {
            "doc_id": ["dhe", "dar"],
            "source": ["he.txt", "ar.txt"],
            "lang": ["he", "ar"],
            "text": [HE, AR],
            "url": ['https://example.org/he?a=1&b="x"', None],
            "outlet": ["Outlet He", "Outlet Ar"],
        }
    )
    sentences, tokens = run_text_stage(documents)
    return path, load_codebook(path), documents, sentences, tokens


# --------------------------------------------------------------------------- clitics


@pytest.mark.parametrize(
    ("word", "lang", "stem"),
    [
        ("והחטופים", "he", "חטופים"),  # ו + ה + hostages
        ("הממשלה", "he", "ממשלה"),  # the article only: not ה+מ+מ → "שלה"
        ("ביום", "he", "יום"),
        ("כשהוא", "he", "הוא"),
        ("מבצע", "he", "מבצע"),  # "operation", not מ + בצע
        ("משטר", "he", "משטר"),  # "regime", not מ + שטר
        ("שלום", "he", "שלום"),
        ("الاحتلال", "ar", "احتلال"),
        ("للوسطاء", "ar", "وسطاء"),
        ("والانسحاب", "ar", "انسحاب"),
        ("وقالت", "ar", "قالت"),
        ("كما", "ar", "كما"),  # a word, not ك + ما
        ("لبنان", "ar", "لبنان"),
    ],
)
def test_strip_clitics(word: str, lang: str, stem: str) -> None:
    assert wb.strip_clitics(word, lang) == stem


def test_strip_clitics_uses_the_corpus_vocabulary_for_unknown_words() -> None:
    assert wb.strip_clitics("מהמתווכות", "he") == "מהמתווכות"  # rare in wordfreq
    assert wb.strip_clitics("מהמתווכות", "he", {"מתווכות"}) == "מתווכות"


# --------------------------------------------------------------------------- concordance


def test_concordance_of_an_actor_in_both_languages(corpus) -> None:
    _, cb, documents, sentences, _ = corpus
    table = wb.concordance(documents, sentences, "HAMAS", cb)
    assert list(table.columns) == list(wb.CONCORDANCE_COLUMNS)
    assert set(table["term"]) == {"actor HAMAS"}
    he = table[table["lang"] == "he"]
    assert list(he["match"]) == ["חמאס", "וחמאס", "בחמאס"]
    assert list(he["word"]) == ["חמאס", "חמאס", "חמאס"]  # clitics stripped by the pattern stem
    assert list(he["norm"]) == ["חמאס", "וחמאס", "בחמאס"]
    assert list(he["sent_idx"]) == [0, 1, 2]
    assert list(he["left"]) == ["", "ישראל ", ""]
    assert list(he["right"]) == [
        " הסכים להצעה של המתווכות.",
        " חתמו על ההסכם בקהיר.",
        " אמרו כי ישראל הפרה את ההסכם.",
    ]
    assert set(he["link"]) == {'https://example.org/he?a=1&b="x"'}
    for row in table.itertuples():  # offsets point into documents.text
        text = documents.set_index("doc_id").at[row.doc_id, "text"]
        assert text[row.start : row.end] == row.match
    ar = table[table["lang"] == "ar"]
    assert list(ar["match"]) == ["حماس"] * 3
    assert list(ar["left"]) == ["أعلنت ", "وقالت ", "وأكدت إسرائيل أن "]
    assert set(ar["link"]) == {"ar.txt"}  # no URL: the source file


def test_concordance_of_a_pattern_and_the_normalised_arabic_form(corpus) -> None:
    _, cb, documents, sentences, _ = corpus
    he = wb.concordance(documents, sentences, "הפר*", cb)
    assert list(he["match"]) == ["הפרה"] and list(he["term"]) == ["pattern הפר*"]
    israel = wb.concordance(documents, sentences, "IL", cb)
    assert list(israel.loc[israel["lang"] == "he", "match"]) == ["ישראל", "ישראל"]
    ar = israel[israel["lang"] == "ar"]
    assert list(ar["match"]) == ["الاحتلال", "إسرائيل"]
    assert list(ar["norm"]) == ["الاحتلال", "اسرائيل"]  # hamza-alef folded for matching
    assert list(ar["word"]) == ["احتلال", "اسرائيل"]  # article written in the pattern: stem kept


def test_concordance_rejects_a_bad_term(corpus) -> None:
    _, cb, documents, sentences, _ = corpus
    with pytest.raises(wb.WorkbenchError, match="parameter 'term'"):
        wb.concordance(documents, sentences, "  ", cb)
    with pytest.raises(wb.WorkbenchError, match="parameter 'term': pattern 'a ~2'"):
        wb.concordance(documents, sentences, "a ~2", cb)


def test_kwic_html_escapes_text_and_links_only_http(corpus) -> None:
    _, cb, documents, sentences, _ = corpus
    table = wb.concordance(documents, sentences, "HAMAS", cb)
    hostile = table.copy()
    hostile.loc[0, "right"] = "<script>alert(1)</script>"
    hostile.loc[1, "link"] = "javascript:alert(1)"
    markup = wb.kwic_html(hostile)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert 'href="javascript' not in markup
    assert 'href="https://example.org/he?a=1&amp;b=&quot;x&quot;"' in markup
    assert markup.count('dir="rtl"') >= 2


# --------------------------------------------------------------------------- cue phrases


def test_cue_candidates_for_an_actor_pair(corpus) -> None:
    _, cb, documents, sentences, tokens = corpus
    table = wb.cue_candidates(documents, sentences, tokens, cb, ["HAMAS", "IL"], max_n=2)
    assert list(table.columns) == list(wb.CUE_COLUMNS)
    # Pair sentences: he 1 and 2 (Hamas and Israel), ar 1 and 2. Words seen twice there:
    # he "ההסכם" (→ הסכם), ar "الاتفاق" (→ اتفاق) and "إن"/"أن" (→ ان, normalised alike).
    he = table[table["lang"] == "he"]
    assert list(he["ngram"]) == ["הסכם"]
    assert he["count_pair"].tolist() == [2] and he["count_background"].tolist() == [0.0]
    assert he["n_pair_sentences"].tolist() == [2]
    assert he["example"].tolist() == ["ישראל וחמאס חתמו על ההסכם בקהיר."]
    ar = table[table["lang"] == "ar"]
    assert sorted(ar["ngram"]) == ["اتفاق", "ان"]
    assert (table["z"] > 0).all()
    # the actors' own names are never their cues
    assert not set(table["ngram"]) & {"חמאס", "ישראל", "حماس", "احتلال", "اسرائيل"}


def test_cue_candidates_rank_by_log_odds_against_the_rest(corpus) -> None:
    _, cb, documents, sentences, tokens = corpus
    # Hamas alone: he 0, 1, 2 are pair sentences, 3 is the rest; "הצעה" is in both (0 as
    # "להצעה", 3), "הסכם" only in pair sentences: it must rank above הצעה.
    table = wb.cue_candidates(documents, sentences, tokens, cb, ["HAMAS"], max_n=1, top=50)
    he = table[table["lang"] == "he"].set_index("ngram")
    assert he.at["הסכם", "count_pair"] == 2 and he.at["הסכם", "count_background"] == 0
    assert "הצעה" not in he.index  # once in pair sentences: below min_count=2
    with_once = wb.cue_candidates(
        documents, sentences, tokens, cb, ["HAMAS"], max_n=1, min_count=1, top=50
    )
    he1 = with_once[with_once["lang"] == "he"].set_index("ngram")
    assert he1.at["הצעה", "count_pair"] == 1 and he1.at["הצעה", "count_background"] == 1
    assert he1.at["הסכם", "z"] > he1.at["הצעה", "z"]


def test_cue_candidates_against_wordfreq(corpus) -> None:
    _, cb, documents, sentences, tokens = corpus
    table = wb.cue_candidates(
        documents, sentences, tokens, cb, ["HAMAS", "IL"], max_n=1, background="wordfreq"
    )
    assert set(table["background"]) == {"wordfreq"}
    he = table[table["lang"] == "he"]
    assert he["ngram"].tolist() == ["הסכם"]
    # expected count of "הסכם" in a general Hebrew text of the corpus's size: tiny, not zero
    assert 0 < he["count_background"].iloc[0] < 0.1


def test_cue_candidates_reject_bad_parameters(corpus) -> None:
    _, cb, documents, sentences, tokens = corpus
    with pytest.raises(wb.WorkbenchError, match="'NOBODY' is not an actor"):
        wb.cue_candidates(documents, sentences, tokens, cb, ["HAMAS", "NOBODY"])
    with pytest.raises(wb.WorkbenchError, match="parameter 'background'"):
        wb.cue_candidates(documents, sentences, tokens, cb, ["HAMAS"], background="web")


# --------------------------------------------------------------------------- dry run


def _gold(folder: Path) -> Path:
    path = folder / "gold.jsonl"
    rows = [
        {
            "source": "he.txt",
            "quote": "חמאס הסכים להצעה של המתווכות.",
            "claims": [
                {"claim_id": "ACCEPTS", "speaker": "HAMAS", "hedged": False, "negated": False}
            ],
        },
        {"source": "he.txt", "quote": "המתווכות הציעו הצעה.", "claims": []},
        {
            "source": "ar.txt",
            "quote": "أعلنت حماس موافقتها على المقترح.",
            "claims": [
                {"claim_id": "ACCEPTS", "speaker": "HAMAS", "hedged": False, "negated": False}
            ],
        },
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_dry_run_of_the_saved_claim_with_gold(corpus, tmp_path: Path) -> None:
    path, _, documents, sentences, _ = corpus
    matches, summary = wb.dry_run(documents, sentences, path, "ACCEPTS", _gold(tmp_path))
    assert list(matches.columns) == list(wb.MATCH_COLUMNS)
    assert matches[["variant", "lang", "sent_idx", "cue", "gold"]].values.tolist() == [
        ["saved", "he", 0, "הסכים להצעה", "tp"]
    ]
    row = matches.iloc[0]
    assert row.sentence[row.span_start : row.span_end] == "הסכים להצעה"
    overall = summary.set_index("lang").loc["all"]
    assert (overall.n_mentions, overall.tp, overall.fp, overall.fn) == (1, 1, 0, 1)
    assert overall.precision == 1.0 and overall.recall == 0.5  # the Arabic sentence is missed


def test_dry_run_of_an_edited_claim_before_it_is_saved(corpus, tmp_path: Path) -> None:
    path, _, documents, sentences, _ = corpus
    before = path.read_bytes()
    edited = "id: ACCEPTS\nen: Hamas accepts\nframe: deal\nhe: [הסכים להצעה]\nar: [موافقتها على]"
    matches, summary = wb.dry_run(documents, sentences, path, edited, _gold(tmp_path))
    assert path.read_bytes() == before  # the codebook file is never written
    by = summary.set_index(["variant", "lang"])
    assert by.loc[("saved", "all"), "recall"] == 0.5
    assert by.loc[("edited", "all"), "recall"] == 1.0
    assert by.loc[("edited", "ar"), "n_mentions"] == 1
    edited_rows = matches[matches["variant"] == "edited"]
    assert edited_rows["cue"].tolist() == ["موافقتها على", "הסכים להצעה"]  # sorted by doc id


def test_dry_run_of_a_bare_pattern(corpus) -> None:
    path, _, documents, sentences, _ = corpus
    matches, summary = wb.dry_run(documents, sentences, path, "خرق*")
    assert set(matches["claim_id"]) == {"DRY_RUN"}
    assert matches["cue"].tolist() == ["خرق", "خرقت"]
    assert summary.set_index("lang").loc["all", "n_documents"] == 1


def test_dry_run_reports_an_invalid_edit_in_the_loaders_words(corpus) -> None:
    path, _, documents, sentences, _ = corpus
    with pytest.raises(wb.WorkbenchError, match=r"parameter 'claim': .*unknown frame 'peace'"):
        wb.dry_run(documents, sentences, path, "id: ACCEPTS\nen: x\nframe: peace\nhe: [x]")


def test_report_stance_and_the_codebook_loader_spell_no_script_range_of_their_own() -> None:
    """Letter ranges and the Hebrew prefix letters come from helpers/text/charsets.py (the one
    charset module); the workbench's clitic stripper spelled ו ה ב כ ל מ ש itself."""
    import re

    from helpers.core.paths import PROJECT_ROOT

    spellings = re.compile(
        r"\\u05[dD]0|\\u0621|\\u0620|\\u0591|[א]-[ת]|[והבכלמש]{7}|أإآ|\\u064[bB]-|\\u05be"
    )
    paths = [
        *sorted((PROJECT_ROOT / "helpers" / "report").glob("*.py")),
        *sorted((PROJECT_ROOT / "helpers" / "stance").glob("*.py")),
        PROJECT_ROOT / "helpers" / "claims" / "codebook.py",
        PROJECT_ROOT / "helpers" / "claims" / "validation.py",
    ]
    offenders = [
        f"{path.name}:{n}: {line.strip()}"
        for path in paths
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spellings.search(line)
    ]
    assert offenders == []


def test_cue_step_reads_the_pair_parameter_and_skips_when_empty(corpus) -> None:
    _, cb, documents, sentences, tokens = corpus
    skipped = wb.cue_step(documents, sentences, tokens, cb, " , ")
    assert skipped.tables == {} and skipped.markup == ""
    assert skipped.message == "pair = '': no cue candidates requested"
    step = wb.cue_step(documents, sentences, tokens, cb, " HAMAS, IL ", max_n=2)
    expected = wb.cue_candidates(documents, sentences, tokens, cb, ["HAMAS", "IL"], max_n=2)
    assert list(step.tables) == ["wb_cue_candidates"]
    pd.testing.assert_frame_equal(step.tables["wb_cue_candidates"], expected)
    assert step.message == "3 candidates (background: corpus)"  # he הסכם; ar اتفاق, ان
    assert "ישראל וחמאס חתמו על ההסכם בקהיר." in step.markup and "<table" in step.markup


def test_dry_run_step_reads_the_claim_parameter_and_skips_when_empty(
    corpus, tmp_path: Path
) -> None:
    path, _, documents, sentences, _ = corpus
    skipped = wb.dry_run_step(documents, sentences, path, "  ")
    assert skipped.tables == {} and skipped.message == "claim = '': no dry run requested"
    step = wb.dry_run_step(documents, sentences, path, "ACCEPTS", _gold(tmp_path), sample=5)
    assert list(step.tables) == ["wb_dry_run_matches", "wb_dry_run_summary"]
    assert step.message == "dry run: 1 matches"  # the Hebrew sentence, as in the test above
    assert step.markup.index("<table") < step.markup.index("הסכים להצעה")


def test_arabic_proclitic_chains_are_the_taggers() -> None:
    # one copy: the chains the codebook's patterns accept (ل before the article is لل, so
    # لالتزام is ل + التزام, never لال + تزام)
    assert wb._prefix_candidates("لالتزام", "ar") == ["ل"]
    assert wb._prefix_candidates("وبالاتفاق", "ar") == ["وبال", "وب", "و"]

"""Ingestion on the seeds and on one small file per reader format.

Expected values are read from the seed files: 000, 002, 004 are Hebrew (Walla, Epoch
Magazine, TRT Hebrew), 001 and 003 Arabic. Seed 000 says "עודכן לאחרונה: 21.3.2026 / 10:35",
002 "24 באוקטובר 2024", 004 "31 בדצמבר 2025", 003 "اليوم الأربعاء 14 مايو 2025"; 001 carries
no date.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.ingest import corpus as corpus_module
from helpers.ingest.corpus import (
    DOCUMENT_COLUMNS,
    REJECT_COLUMNS,
    dedup_documents,
    empty_documents,
    ingest_corpus,
    iter_ingest,
    list_corpus,
    make_doc_id,
    make_doc_ids,
)
from helpers.ingest.readers import ReadError, decode_bytes, record_fields
from helpers.text.clean import clean_text, normalize_for_match

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
HE_PARA = (
    "למרות הקשרים ההדוקים בין טהרן למוסקבה, ההסכם האסטרטגי בין רוסיה לאיראן אינו כולל "
    "סעיף הגנה הדדית."
)  # seed 000
AR_PARA = (
    "إلا أن التقرير شكك في إمكانية أن تزود روسيا بطاريات (S-400) لإيران بسبب الحرب في "
    "أوكرانيا."
)  # seed 001


@pytest.fixture(scope="module")
def seeds_result():
    return ingest_corpus(SEEDS, progress=False)


def _invariant(result) -> None:
    sources = [i["source"] for i in result.inputs]
    assert len(sources) == len(set(sources))
    assert len(sources) == len(result.documents) + result.rejects["source"].nunique()
    assert set(sources) == set(result.documents["source"]) | set(result.rejects["source"])


# --------------------------------------------------------------------------- seeds


def test_seeds_five_documents_no_rejects(seeds_result) -> None:
    docs = seeds_result.documents
    assert list(docs["source"]) == SEED_NAMES  # sorted by source
    assert dict(zip(docs["source"].str[:3], docs["lang"])) == {
        "000": "he",
        "001": "ar",
        "002": "he",
        "003": "ar",
        "004": "he",
    }
    assert seeds_result.rejects.empty
    _invariant(seeds_result)


def test_seeds_columns_and_dtypes(seeds_result) -> None:
    docs = seeds_result.documents
    assert tuple(docs.columns) == DOCUMENT_COLUMNS
    for col in DOCUMENT_COLUMNS:
        if col == "n_removed_lines":
            assert docs[col].dtype == "int64"
        else:
            assert (
                isinstance(docs[col].dtype, pd.StringDtype) and docs[col].dtype.storage == "pyarrow"
            )
    assert tuple(seeds_result.rejects.columns) == REJECT_COLUMNS


def test_seeds_inputs_hash_the_file_bytes(seeds_result) -> None:
    for entry in seeds_result.inputs:
        data = (SEEDS / entry["source"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)


def test_seeds_doc_id_is_sha256_of_norm_and_stable(seeds_result) -> None:
    again = ingest_corpus(SEEDS, progress=False)
    assert list(again.documents["doc_id"]) == list(seeds_result.documents["doc_id"])
    for _, doc in seeds_result.documents.iterrows():
        norm = normalize_for_match(doc["text"], doc["lang"])
        assert doc["doc_id"] == hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
    assert seeds_result.documents["doc_id"].is_unique


def test_seeds_text_is_cleaned_raw_minus_removed_lines(seeds_result) -> None:
    for _, doc in seeds_result.documents.iterrows():
        raw = (SEEDS / doc["source"]).read_text(encoding="utf-8")
        assert doc["text_raw"] == raw
        cleaned = clean_text(raw, doc["lang"])
        assert clean_text(doc["text"], doc["lang"]) == doc["text"]  # already clean
        removed = doc["removed_lines"].split("\n") if doc["removed_lines"] else []
        assert doc["n_removed_lines"] == len(removed)
        cleaned_lines = set(cleaned.split("\n"))
        assert all(line in cleaned_lines for line in removed)
        # the body keeps the cleaned lines in their order
        it = iter(cleaned.split("\n"))
        assert all(any(line == c for c in it) for line in doc["text"].split("\n") if line)


def test_seeds_body_keeps_story_and_drops_site_chrome(seeds_result) -> None:
    docs = seeds_result.documents.set_index(seeds_result.documents["source"].str[:3])
    assert HE_PARA in docs.loc["000", "text"]
    assert AR_PARA in docs.loc["001", "text"]
    assert "walla_ssr_page_has_been_loaded_successfully" not in docs.loc["000", "text"]
    assert "walla_ssr_page_has_been_loaded_successfully" in docs.loc["000", "removed_lines"]
    assert "زر الذهاب إلى الأعلى" in docs.loc["001", "removed_lines"]


def test_seeds_dates_from_the_text(seeds_result) -> None:
    docs = seeds_result.documents.set_index(seeds_result.documents["source"].str[:3])
    assert docs.loc["000", "published"] == "2026-03-21"
    assert "21.3.2026" in docs.loc["000", "published_raw"]
    assert docs.loc["002", "published"] == "2024-10-24"
    assert docs.loc["003", "published"] == "2025-05-14"
    assert docs.loc["004", "published"] == "2025-12-31"
    assert pd.isna(docs.loc["001", "published"]) and pd.isna(docs.loc["001", "published_raw"])
    assert docs["url"].isna().all()  # .txt seeds carry no URL


def test_same_text_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    seed = SEEDS / SEED_NAMES[0]
    shutil.copy(seed, tmp_path / "a_first.txt")
    shutil.copy(seed, tmp_path / "z_copy.txt")
    result = ingest_corpus(tmp_path, progress=False)
    original = ingest_corpus(seed, progress=False).documents.iloc[0]
    assert list(result.documents["source"]) == ["a_first.txt"]
    assert result.documents.iloc[0]["doc_id"] == original["doc_id"]  # doc_id ignores the name
    (row,) = result.rejects.itertuples()
    assert (row.source, row.reason) == ("z_copy.txt", "duplicate")
    assert original["doc_id"] in row.detail and "a_first.txt" in row.detail
    _invariant(result)


def test_single_file_and_glob_sources(tmp_path: Path) -> None:
    one = ingest_corpus(SEEDS / SEED_NAMES[1], progress=False)
    assert list(one.documents["source"]) == [SEED_NAMES[1]]
    globbed = ingest_corpus(str(SEEDS / "00[34]_*.txt"), progress=False)
    assert list(globbed.documents["source"]) == SEED_NAMES[3:5]
    assert list(globbed.documents["lang"]) == ["ar", "he"]
    nested = tmp_path / "2024" / "10"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS / SEED_NAMES[2], nested / "epoch.txt")
    assert [e.source for e in list_corpus(tmp_path)] == ["2024/10/epoch.txt"]
    assert [e.source for e in list_corpus(f"{tmp_path}/**/*.txt")] == ["2024/10/epoch.txt"]


def test_missing_corpus_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ingest_corpus(tmp_path / "nope", progress=False)
    with pytest.raises(FileNotFoundError, match="matches no file"):
        ingest_corpus(str(tmp_path / "*.jsonl"), progress=False)


def test_empty_folder_gives_typed_empty_tables(tmp_path: Path) -> None:
    result = ingest_corpus(tmp_path, progress=False)
    assert result.inputs == [] and result.documents.empty and result.rejects.empty
    assert tuple(result.documents.columns) == DOCUMENT_COLUMNS
    assert result.documents.dtypes.equals(empty_documents().dtypes)
    assert tuple(result.rejects.columns) == REJECT_COLUMNS
    assert all(isinstance(t, pd.StringDtype) for t in result.rejects.dtypes)


def test_iter_ingest_chunks_cover_the_corpus(seeds_result) -> None:
    chunks = list(iter_ingest(SEEDS, chunk_records=2, progress=False))
    assert [len(c.inputs) for c in chunks] == [2, 2, 1]
    joined = pd.concat([c.documents for c in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(joined, seeds_result.documents)
    with pytest.raises(ValueError, match="chunk_records"):
        next(iter_ingest(SEEDS, chunk_records=0, progress=False))


def test_records_built_in_batches_of_any_size_give_the_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the seeds, an English text (unsupported_language), a blank one (empty) and a copy
    for name in SEED_NAMES:
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / "en.txt").write_text("The Kremlin said on Saturday that Moscow is a friend.\n")
    (tmp_path / "blank.txt").write_text("  \n\n")
    shutil.copy(SEEDS / SEED_NAMES[0], tmp_path / "zz_copy.txt")
    whole = ingest_corpus(tmp_path, progress=False)
    assert set(whole.rejects["reason"]) == {"unsupported_language", "empty", "duplicate"}
    monkeypatch.setattr(corpus_module, "BATCH_RECORDS", 2)
    monkeypatch.setattr(corpus_module, "_DOC_ID_BATCH_CHARS", 10)
    small = ingest_corpus(tmp_path, progress=False)
    pd.testing.assert_frame_equal(small.documents, whole.documents)
    pd.testing.assert_frame_equal(small.rejects, whole.rejects)
    assert small.inputs == whole.inputs
    chunks = list(iter_ingest(tmp_path, chunk_records=3, progress=False))
    assert [len(c.inputs) for c in chunks] == [3, 3, 2]


def test_make_doc_ids_is_make_doc_id_of_each_text() -> None:
    texts = [HE_PARA, "", AR_PARA, "ARABIC أإآٱ ى ة HEBREW ״׳ 𝐀", HE_PARA]
    langs = ["he", "he", "ar", "ar", "he"]
    assert make_doc_ids(texts, langs) == [make_doc_id(t, g) for t, g in zip(texts, langs)]
    assert make_doc_ids(texts, langs)[0] == make_doc_ids(texts, langs)[4]
    with pytest.raises(ValueError, match="unsupported lang 'fa'"):
        make_doc_ids(texts, ["fa"] * 5)


def test_dedup_keeps_first_by_sorted_source(seeds_result) -> None:
    docs = seeds_result.documents
    twin = docs.iloc[[0]].assign(source="0000_earlier.txt")
    kept, rejects = dedup_documents(
        pd.concat([docs, twin], ignore_index=True), seeds_result.rejects
    )
    assert "0000_earlier.txt" in set(kept["source"]) and SEED_NAMES[0] not in set(kept["source"])
    assert list(rejects["source"]) == [SEED_NAMES[0]] and list(rejects["reason"]) == ["duplicate"]


# --------------------------------------------------------------------------- readers


def test_txt_metadata_comes_from_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"רוסיה ואיראן: ברית אסטרטגית\n\n{HE_PARA}\n", encoding="utf-8")
    doc = ingest_corpus(tmp_path, progress=False).documents.iloc[0]
    assert doc["title"] == "רוסיה ואיראן: ברית אסטרטגית"
    assert doc["text"] == f"רוסיה ואיראן: ברית אסטרטגית\n\n{HE_PARA}"
    assert doc["doc_id"] == make_doc_id(doc["text"], "he")


def test_html_reader(tmp_path: Path) -> None:
    html = (
        "<html><head><title>ignored</title><meta property='og:title' content='שותפות עם "
        "גבולות'><meta name='date' content='2025-01-17'><style>b{x:1}/*STYLE*/</style>"
        "</head><body><script>var SCRIPT=1</script><article><h1>שותפות עם גבולות</h1>"
        f"<p>{HE_PARA}</p><p>{HE_PARA} שוב.</p></article></body></html>"
    )
    (tmp_path / "p.htm").write_text(html, encoding="utf-8")
    doc = ingest_corpus(tmp_path, progress=False).documents.iloc[0]
    assert doc["source"] == "p.htm" and doc["lang"] == "he"
    assert doc["title"] == "שותפות עם גבולות" and doc["published"] == "2025-01-17"
    assert HE_PARA in doc["text"] and "SCRIPT" not in doc["text"] and "STYLE" not in doc["text"]
    assert doc["text"].count("שותפות עם גבולות") == 1  # title not prepended twice


def test_jsonl_reader_fields_override_text(tmp_path: Path) -> None:
    records = [
        {
            "title": "עסקה שנדחתה",
            "maintext": HE_PARA,
            "date_publish": "2026-03-21 10:35:00",
            "source_domain": "www.example.co.il",
            "url": "https://www.example.co.il/a",
            "language": "he",
        },
        {
            "title": None,
            "maintext": f"31 בדצמבר 2025\n{HE_PARA} נוסף",
            "date_publish": None,
            "language": "he",
        },
    ]
    (tmp_path / "n.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    result = ingest_corpus(tmp_path, progress=False)
    first, second = result.documents.iloc[0], result.documents.iloc[1]
    assert (first["source"], second["source"]) == ("n.jsonl:1", "n.jsonl:2")
    assert first["title"] == "עסקה שנדחתה" and first["text"].startswith("עסקה שנדחתה\n")
    assert (first["published"], first["published_raw"]) == ("2026-03-21", "2026-03-21 10:35:00")
    assert first["url"] == "https://www.example.co.il/a" and first["outlet"] == "example.co.il"
    assert second["published"] == "2025-12-31"  # no field: read from the text
    assert [i["source"] for i in result.inputs] == ["n.jsonl:1", "n.jsonl:2"]
    line1 = (tmp_path / "n.jsonl").read_bytes().split(b"\n")[0] + b"\n"
    assert result.inputs[0]["sha256"] == hashlib.sha256(line1).hexdigest()


def test_csv_reader_multiline_field_and_line_numbers(tmp_path: Path) -> None:
    text = f"{AR_PARA}\nسطر ثان من النص الذي يتحدث عن روسيا وإيران."
    (tmp_path / "c.csv").write_text(
        "Title,Text,media_name,date\n"
        f'بوتين يحذر,"{text}",Example,14 مايو 2025\n'
        f'عنوان آخر عن روسيا,"{AR_PARA} مرة أخرى",Other,\n',
        encoding="utf-8",
    )
    result = ingest_corpus(tmp_path, progress=False)
    docs = result.documents
    assert list(docs["source"]) == ["c.csv:2", "c.csv:4"]  # row 2 spans lines 2-3
    assert docs.iloc[0]["text"] == f"بوتين يحذر\n{text}"
    assert docs.iloc[0]["outlet"] == "Example" and docs.iloc[0]["published"] == "2025-05-14"
    _invariant(result)


def test_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(HE_PARA, encoding="utf-8")
    result = ingest_corpus(tmp_path, progress=False)
    (row,) = result.rejects.itertuples()
    assert (row.source, row.reason) == ("notes.md", "unsupported_type")
    assert ".md" in row.detail and ".txt" in row.detail


def test_decode_bytes_encodings() -> None:
    assert decode_bytes(HE_PARA.encode("cp1255"))[1] == "cp1255"
    assert decode_bytes(AR_PARA.encode("cp1256"))[1] == "cp1256"
    assert decode_bytes(HE_PARA.encode("utf-16"))[0] == HE_PARA
    assert decode_bytes(HE_PARA.encode("utf-8-sig")) == (HE_PARA, "utf-8-sig")
    with pytest.raises(ReadError) as err:
        decode_bytes(b"\x00\x01\x02abc", "x.txt")
    assert err.value.reason == "binary" and "x.txt" in err.value.detail


def test_record_fields_aliases() -> None:
    fields = record_fields(
        {
            "MainText": " t ",
            "headline": "h",
            "publish_date": "2024-01-02",
            "media_name": "M",
            "source_domain": "d.example",
            "Lang": "he",
        }
    )
    assert fields == {
        "text": "t",
        "title": "h",
        "published": "2024-01-02",
        "url": None,
        "outlet": "M",
        "language": "he",
    }

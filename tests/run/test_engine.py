"""One code path on two engines: the Dask engine gives exactly the pandas engine's tables.

One private LocalCluster (2 worker processes on 127.0.0.1) serves the whole module. Also:
partitioning, parameter validation, atomic partitioned Parquet output, the streaming runner
and the DuckDB aggregation.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import PROJECT_ROOT, seed_path

from helpers.claims.annotate import Tagger
from helpers.claims.codebook import load_codebook
from helpers.ingest.corpus import ingest_corpus, ingest_entries, make_doc_id
from helpers.run import cluster, counts, engine, parts, pipeline, stream
from helpers.run.pipeline import sort_table

CODEBOOK = PROJECT_ROOT / "codebook" / "russia_iran.yaml"


@pytest.fixture(scope="module")
def client():
    """The module's one cluster, started through the engine's own LocalCluster path."""
    with cluster.dask_client(None, n_workers=2) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def address(client) -> str:
    return client.scheduler.address


@pytest.fixture(scope="module")
def seeds_documents() -> pd.DataFrame:
    return ingest_corpus(PROJECT_ROOT / "seeds", progress=False).documents


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def tagger(codebook) -> Tagger:
    return Tagger(codebook)


@pytest.fixture(scope="module")
def synthetic_documents(seeds_documents) -> pd.DataFrame:
    """40 documents, each 4 lines drawn from the cleaned seed lines of one language."""
    rng = random.Random(20260321)
    lines = {"he": [], "ar": []}
    for lang, text in zip(seeds_documents["lang"], seeds_documents["text"]):
        lines[lang].extend(line for line in text.split("\n") if line.strip())
    rows = []
    for i in range(40):
        lang = "he" if i % 2 == 0 else "ar"
        text = "\n".join(rng.sample(lines[lang], 4))
        rows.append({"doc_id": make_doc_id(text, lang), "lang": lang, "text": text})
    frame = pd.DataFrame(rows).astype("str")
    assert frame["doc_id"].is_unique
    return frame


def _doc_id(documents: pd.DataFrame, prefix: str) -> str:
    return documents.loc[documents["source"] == seed_path(prefix).name, "doc_id"].item()


# --------------------------------------------------------------------------- partitions


def test_partitions_keep_documents_whole_and_in_order(synthetic_documents) -> None:
    budget = 3000
    parts = engine.partition_documents(synthetic_documents, budget)
    assert len(parts) >= 4
    joined = pd.concat(parts, ignore_index=True)
    assert joined["doc_id"].tolist() == synthetic_documents["doc_id"].tolist()
    assert joined["text"].tolist() == synthetic_documents["text"].tolist()
    sizes = [sum(len(t.encode("utf-8")) for t in p["text"]) for p in parts]
    assert all(size >= budget for size in sizes[:-1])
    # a part is closed as soon as it reaches the budget: without its last document it is below
    assert all(
        size - len(p["text"].iloc[-1].encode("utf-8")) < budget for size, p in zip(sizes, parts)
    )


def test_a_document_larger_than_the_budget_is_a_part_of_its_own(seeds_documents) -> None:
    parts = engine.partition_documents(seeds_documents, 1)
    assert [p["doc_id"].tolist() for p in parts] == [[d] for d in seeds_documents["doc_id"]]
    assert len(engine.partition_documents(seeds_documents.iloc[0:0], 100)) == 1


# --------------------------------------------------------------------------- engines agree


def test_seeds_dask_tables_equal_pandas_tables(seeds_documents, codebook, tagger, address) -> None:
    assert len(engine.partition_documents(seeds_documents, 4000)) == 3
    sentences, tokens = engine.run_text_stage(seeds_documents)
    d_sentences, d_tokens = engine.run_text_stage(
        seeds_documents, engine="dask", scheduler=address, partition_bytes=4000
    )
    pd.testing.assert_frame_equal(d_sentences, sentences)
    pd.testing.assert_frame_equal(d_tokens, tokens)

    mentions = engine.run_annotate_stage(seeds_documents, sentences, CODEBOOK)  # a path
    d_mentions = engine.run_annotate_stage(
        seeds_documents,
        sentences,
        codebook,
        engine="dask",
        scheduler=address,
        partition_bytes=4000,
        tagger=tagger,
    )
    pd.testing.assert_frame_equal(d_mentions, mentions)

    # read from the seed files: 000's headline and its "שותפה אמינה" (a loyal-partner claim)
    doc000 = _doc_id(seeds_documents, "000")
    first = sentences[sentences["doc_id"] == doc000].iloc[0]
    assert first["sent_idx"] == 0
    assert first["text"] == 'פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"'
    doc001 = _doc_id(seeds_documents, "001")
    assert sentences.loc[sentences["doc_id"] == doc001, "text"].iloc[0] == (
        "بوتين يحذر من”تداعيات كارثية”..واسرائيل تتخوف من التعاون الروسي الايراني"
    )
    assert "RU_LOYAL_PARTNER" in set(mentions.loc[mentions["doc_id"] == doc000, "claim_id"])
    assert set(sentences["doc_id"]) == set(seeds_documents["doc_id"])
    assert set(mentions["doc_id"]) <= set(seeds_documents["doc_id"])
    # sorted as documented
    assert sentences[["doc_id", "sent_idx"]].equals(
        sentences[["doc_id", "sent_idx"]].sort_values(["doc_id", "sent_idx"], ignore_index=True)
    )


def test_synthetic_multi_partition_corpus_same_on_both_engines(
    synthetic_documents, codebook, tagger, client
) -> None:
    budget = 2500
    n_parts = len(engine.partition_documents(synthetic_documents, budget))
    assert n_parts >= 6
    reference = engine.run_pipeline(synthetic_documents, codebook, tagger=tagger)  # one part
    partitioned = engine.run_pipeline(
        synthetic_documents, codebook, partition_bytes=budget, tagger=tagger
    )
    on_dask = engine.run_pipeline(
        synthetic_documents,
        codebook,
        engine="dask",
        scheduler=client,
        partition_bytes=budget,
        tagger=tagger,
    )
    for ref, part, dsk in zip(reference, partitioned, on_dask):
        pd.testing.assert_frame_equal(part, ref)
        pd.testing.assert_frame_equal(dsk, ref)
    sentences, tokens, mentions = reference
    assert sentences["doc_id"].nunique() == 40
    assert len(mentions) > 0
    # the fused stage equals the two separate stages
    text_only = engine.run_text_stage(synthetic_documents, partition_bytes=budget)
    pd.testing.assert_frame_equal(text_only[0], sentences)
    pd.testing.assert_frame_equal(text_only[1], tokens)
    pd.testing.assert_frame_equal(
        engine.run_annotate_stage(
            synthetic_documents, sentences, codebook, partition_bytes=budget, tagger=tagger
        ),
        mentions,
    )


def test_the_final_sort_is_skipped_only_for_rows_already_in_order() -> None:
    # the engines skip sorting a table whose rows are in key order already; any row out of
    # order (on a later key among ties of the earlier ones too) or a missing key means a sort
    in_order = pd.DataFrame(
        {"doc_id": ["a", "a", "a", "b", "c", "c"], "sent_idx": [0, 1, 1, 0, 0, 2]}, dtype=object
    ).astype({"doc_id": "str", "sent_idx": "int32"})
    assert engine._is_sorted(in_order, ["doc_id", "sent_idx"])
    two_chunks = pd.concat([in_order.iloc[:3], in_order.iloc[3:]], ignore_index=True)
    assert engine._is_sorted(two_chunks, ["doc_id", "sent_idx"])
    later_key = in_order.assign(sent_idx=pd.array([0, 1, 1, 0, 2, 0], dtype="int32"))
    assert not engine._is_sorted(later_key, ["doc_id", "sent_idx"])
    first_key = in_order.iloc[[0, 3, 1]].reset_index(drop=True)
    assert not engine._is_sorted(first_key, ["doc_id", "sent_idx"])
    missing = in_order.assign(doc_id=pd.array(["a", None, "a", "b", "c", "c"], dtype="str"))
    assert not engine._is_sorted(missing, ["doc_id", "sent_idx"])
    # and what is returned is what the full sort returns
    shuffled = in_order.iloc[[4, 0, 3, 5, 2, 1]]
    pd.testing.assert_frame_equal(
        engine._concat([shuffled.iloc[:3], shuffled.iloc[3:]], "sentences"),
        sort_table(in_order, "sentences"),
    )
    pd.testing.assert_frame_equal(
        engine._concat([in_order.iloc[:2], in_order.iloc[2:]], "sentences"), in_order
    )
    # groups of whole documents, each in order: their document blocks are interleaved
    group_a, group_b = in_order.iloc[[3]], in_order.iloc[[0, 1, 2, 4, 5]]
    merged = engine._merge_by_document([group_a, group_b], "sentences")
    pd.testing.assert_frame_equal(merged, sort_table(pd.concat([group_a, group_b]), "sentences"))
    assert merged["doc_id"].tolist() == ["a", "a", "a", "b", "c", "c"]
    # a group out of order, or a document split between groups: the full sort, same result
    for groups in ([group_b.iloc[::-1], group_a], [in_order.iloc[:2], group_a, in_order.iloc[2:3]]):
        pd.testing.assert_frame_equal(
            engine._merge_by_document(groups, "sentences"),
            sort_table(pd.concat(groups, ignore_index=True), "sentences"),
        )


def test_ranges_in_doc_id_order_are_only_concatenated() -> None:
    # run_corpus' ranges: each table in key order, the ranges' doc_ids increasing from one
    # range to the next (an empty range anywhere) -> the concatenation as it stands
    rows = pd.DataFrame(
        {"doc_id": ["a1", "a1", "b2", "c3", "c3"], "sent_idx": [0, 1, 0, 0, 1]}
    ).astype({"doc_id": "str", "sent_idx": "int32"})
    ranges = [rows.iloc[:2], rows.iloc[:0], rows.iloc[2:]]
    concatenated = engine._concat_ranges(ranges, "sentences")
    pd.testing.assert_frame_equal(concatenated, rows)
    pd.testing.assert_frame_equal(concatenated, engine._merge_by_document(ranges, "sentences"))
    # ranges out of order, or one document in two ranges: the general merge, sorted rows
    for range_tables in (
        [rows.iloc[2:], rows.iloc[:2]],
        [rows.iloc[[0, 1, 2]], rows.iloc[[2, 3, 4]]],
    ):
        merged = engine._concat_ranges(range_tables, "sentences")
        pd.testing.assert_frame_equal(
            merged, sort_table(pd.concat(range_tables, ignore_index=True), "sentences")
        )
    assert engine._concat_ranges([rows.iloc[2:], rows.iloc[:2]], "sentences")[
        "doc_id"
    ].tolist() == ["a1", "a1", "b2", "c3", "c3"]


# --------------------------------------------------------------------------- a whole corpus


@pytest.fixture(scope="module")
def corpus_with_copies(tmp_path_factory) -> Path:
    """The seeds in two folders, with copies: ``a/`` holds 000 and 001 and ``b/`` holds 002–004,
    a copy of 000 (``b/000-copy.txt``, a later source than ``a/000…``), a copy of 003
    (``b/zz-003.txt``) and an empty file (a reject)."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "a").mkdir()
    (root / "b").mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed_path(prefix), root / "a" / seed_path(prefix).name)
    for prefix in ("002", "003", "004"):
        shutil.copy(seed_path(prefix), root / "b" / seed_path(prefix).name)
    shutil.copy(seed_path("000"), root / "b" / "000-copy.txt")
    shutil.copy(seed_path("003"), root / "b" / "zz-003.txt")
    (root / "b" / "empty.txt").write_bytes(b"")
    return root


def test_group_entries_are_contiguous_balanced_and_never_empty(corpus_with_copies) -> None:
    entries = engine.list_corpus(corpus_with_copies)
    assert len(entries) == 8
    for n_groups in (1, 2, 3, 8, 20):
        groups = engine.group_entries(entries, n_groups)
        assert [e for g in groups for e in g] == entries  # contiguous, in order, all of them
        assert 1 <= len(groups) <= min(n_groups, len(entries)) and all(groups)
    sizes = [sum(e.path.stat().st_size for e in g) for g in engine.group_entries(entries, 2)]
    assert max(sizes) < 0.7 * sum(sizes)
    # the sizes the folder walk saw are the files' (the empty file's is 0)
    assert [e.size for e in entries] == [e.path.stat().st_size for e in entries]
    assert entries[-1].source == "b/zz-003.txt" and entries[-2].size == 0
    assert engine.group_entries([], 4) == [[]]
    with pytest.raises(ValueError, match="n_groups must be a positive integer; got 0"):
        engine.group_entries(entries, 0)


def test_a_group_is_shipped_as_strings_and_ingested_as_its_entries(corpus_with_copies) -> None:
    entries = engine.list_corpus(corpus_with_copies)
    shipped = engine._entry_fields(entries)
    assert shipped[0] == (
        str(corpus_with_copies / "a" / seed_path("000").name),
        f"a/{seed_path('000').name}",
        None,
        None,
    )
    assert all(type(v) is str or v is None for fields in shipped for v in fields)
    on_worker = engine._ingest_group(shipped, 10**9)
    here = ingest_entries(entries, progress=False, dedup=False)
    pd.testing.assert_frame_equal(on_worker.documents, here.documents)
    pd.testing.assert_frame_equal(on_worker.rejects, here.rejects)
    assert on_worker.inputs == here.inputs
    assert len(here.documents) == 7  # the copies are kept (the client's merge drops them)


def test_doc_id_ranges_follow_doc_id_order_and_balance() -> None:
    doc_ids = sorted(hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(4000))
    ranges = engine.doc_id_ranges(doc_ids, 8)
    assert ranges.tolist() == sorted(ranges.tolist())  # doc_id order → range order
    counts = np.bincount(ranges, minlength=8)
    assert counts.min() > 400 and counts.max() < 600  # 500 each, sha256 spreads them
    # the edges: 0000… is in the first range, ffff… in the last, 2000… (1/8 of 16**8) opens
    # the second; a doc_id that is not hex goes to the first
    assert engine.doc_id_ranges(
        ["0000000000000000", "1fffffffffffffff", "2000000000000000", "ffffffffffffffff", "n/a"], 8
    ).tolist() == [0, 0, 1, 7, 0]


def test_run_corpus_on_dask_equals_ingest_then_pipeline(
    corpus_with_copies, codebook, tagger, client
) -> None:
    ingested = ingest_corpus(corpus_with_copies, progress=False)
    sentences, tokens, mentions = engine.run_pipeline(ingested.documents, codebook, tagger=tagger)
    on_pandas = engine.run_corpus(corpus_with_copies, codebook, tagger=tagger)
    # one group per file: each copy is ingested apart from the copy kept; copies share their
    # doc_id range, whose task runs the stages on the copy kept only
    on_dask = engine.run_corpus(
        corpus_with_copies, CODEBOOK, engine="dask", scheduler=client, n_groups=8
    )
    for run in (on_pandas, on_dask):
        pd.testing.assert_frame_equal(run.documents, ingested.documents)
        pd.testing.assert_frame_equal(run.rejects, ingested.rejects)
        assert run.inputs == ingested.inputs
        pd.testing.assert_frame_equal(run.sentences, sentences)
        pd.testing.assert_frame_equal(run.tokens, tokens)
        pd.testing.assert_frame_equal(run.mentions, mentions)
    assert on_dask.documents["source"].tolist() == [
        f"a/{seed_path('000').name}",
        f"a/{seed_path('001').name}",
        f"b/{seed_path('002').name}",
        f"b/{seed_path('003').name}",
        f"b/{seed_path('004').name}",
    ]
    assert on_dask.rejects[["source", "reason"]].values.tolist() == [
        ["b/000-copy.txt", "duplicate"],
        ["b/empty.txt", "empty"],
        ["b/zz-003.txt", "duplicate"],
    ]
    assert f"kept a/{seed_path('000').name}" in on_dask.rejects["detail"].iloc[0]
    assert sentences.groupby("doc_id")["sent_idx"].apply(lambda s: s.is_unique).all()
    assert set(sentences["doc_id"]) == set(on_dask.documents["doc_id"])


def test_a_process_builds_one_tagger_per_codebook_object(codebook) -> None:
    first = pipeline._tagger_for(codebook)
    assert isinstance(first, Tagger)
    assert pipeline._tagger_for(codebook) is first  # the same object: built once
    reloaded = load_codebook(CODEBOOK)  # an equal codebook, another object: built anew
    assert reloaded == codebook and reloaded is not codebook
    second = pipeline._tagger_for(reloaded)
    assert second is not first
    assert pipeline._tagger_for(reloaded) is second
    assert len(pipeline._TAGGER_MEMO) == 1  # only the last one is kept


def _tagger_memo() -> list[tuple[str, str]]:
    from helpers.run import pipeline as worker_pipeline

    return [(type(c).__name__, type(t).__name__) for c, t in worker_pipeline._TAGGER_MEMO]


def test_dask_workers_build_their_tagger_from_the_codebook_sent(
    seeds_documents, codebook, tagger, client
) -> None:
    sentences, _ = engine.run_text_stage(seeds_documents)
    # no tagger given: only the codebook is shipped, and each worker that ran a partition
    # built one tagger for all its partitions
    d_mentions = engine.run_annotate_stage(
        seeds_documents, sentences, codebook, engine="dask", scheduler=client, partition_bytes=4000
    )
    mentions = engine.run_annotate_stage(seeds_documents, sentences, codebook, tagger=tagger)
    pd.testing.assert_frame_equal(d_mentions, mentions)
    memos = list(client.run(_tagger_memo).values())
    assert [("Codebook", "Tagger")] in memos
    assert all(memo in ([], [("Codebook", "Tagger")]) for memo in memos)
    assert "tagger" not in engine._prepare_codebook(codebook)  # nothing big to ship
    assert engine._prepare_codebook(codebook, tagger)["tagger"] is tagger


def test_run_corpus_on_dask_names_the_copy_kept_in_the_corpus(
    tmp_path: Path, codebook, tagger, client
) -> None:
    # three copies of seed 000: a/000 (kept) and two in b/, both in the second group; b's
    # second copy is a duplicate of a/000, as one ingest of the corpus says, not of b's first
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for prefix in ("000", "003", "004"):
        shutil.copy(seed_path(prefix), tmp_path / "a" / f"{prefix}.txt")
    for name in ("000-copy.txt", "000-copy2.txt"):
        shutil.copy(seed_path("000"), tmp_path / "b" / name)
    groups = engine.group_entries(engine.list_corpus(tmp_path), 2)
    assert [[e.source for e in g] for g in groups] == [
        ["a/000.txt", "a/003.txt"],
        ["a/004.txt", "b/000-copy.txt", "b/000-copy2.txt"],
    ]
    on_pandas = engine.run_corpus(tmp_path, codebook, tagger=tagger)
    on_dask = engine.run_corpus(tmp_path, codebook, engine="dask", scheduler=client, n_groups=2)
    assert on_dask.rejects["detail"].tolist() == [
        f"b/000-copy.txt: same text as a/000.txt (doc_id {on_dask.documents['doc_id'][0]}); "
        "kept a/000.txt",
        f"b/000-copy2.txt: same text as a/000.txt (doc_id {on_dask.documents['doc_id'][0]}); "
        "kept a/000.txt",
    ]
    for name in ("documents", "rejects", "sentences", "tokens", "mentions"):
        pd.testing.assert_frame_equal(getattr(on_dask, name), getattr(on_pandas, name))


def _sleep_then(seconds: float, value: int) -> int:
    import time

    time.sleep(seconds)
    if value < 0:
        raise ValueError(f"task {value} failed")
    return value


def test_results_fetched_as_completed_come_back_in_submission_order(client) -> None:
    # the first task finishes last: the results still follow the futures' order, and a
    # failed task raises as client.gather would
    futures = [
        client.submit(_sleep_then, delay, value, pure=False)
        for delay, value in [(1.0, 10), (0.0, 20), (0.3, 30)]
    ]
    assert engine._gather_as_completed(futures) == [10, 20, 30]
    failing = [client.submit(_sleep_then, 0.0, v, pure=False) for v in (1, -2)]
    with pytest.raises(ValueError, match="task -2 failed"):
        engine._gather_as_completed(failing)


def _monitor_settings() -> tuple:
    import dask

    return (
        dask.config.get("distributed.worker.profile.enabled"),
        dask.config.get("distributed.admin.system-monitor.interval"),
        dask.config.get("distributed.worker.memory.monitor-interval"),
    )


def test_private_cluster_workers_run_without_the_profiler(client) -> None:
    assert list(client.run(_monitor_settings).values()) == [(False, "5s", "1s")] * 2


def _worker_saturation(dask_scheduler) -> float:
    return dask_scheduler.WORKER_SATURATION


def test_private_cluster_hands_out_root_tasks_without_queuing(client) -> None:
    assert client.run_on_scheduler(_worker_saturation) == float("inf")


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("bad", ["spark", "Pandas", "", None, 1])
def test_bad_engine_is_a_clear_error(seeds_documents, bad) -> None:
    with pytest.raises(
        ValueError,
        match=r"^engine must be one of 'pandas', 'dask'; got " + repr(bad).replace("(", r"\("),
    ):
        engine.run_text_stage(seeds_documents, engine=bad)


@pytest.mark.parametrize(
    "bad", ["localhost:8786", "http://host:8786", "tcp://", "tcp://host:port", 8786]
)
def test_bad_scheduler_is_a_clear_error(seeds_documents, bad) -> None:
    with pytest.raises(ValueError, match=r"^scheduler must be .*got .*" + str(bad)):
        engine.run_text_stage(seeds_documents, engine="dask", scheduler=bad)


def test_scheduler_with_the_pandas_engine_is_an_error(seeds_documents) -> None:
    with pytest.raises(
        ValueError,
        match=r"scheduler is only used with engine='dask'.*"
        r"tcp://127\.0\.0\.1:8786",
    ):
        engine.run_text_stage(seeds_documents, scheduler="tcp://127.0.0.1:8786")


def test_unreachable_scheduler_names_the_address() -> None:
    with pytest.raises(
        ConnectionError,
        match=r"cannot reach the Dask scheduler at "
        r"tcp://127\.0\.0\.1:1 within 1s",
    ):
        with cluster.dask_client("tcp://127.0.0.1:1", timeout="1s"):
            pass


@pytest.mark.parametrize("bad", [0, -5, 1.5, "1MB", True])
def test_bad_partition_bytes_is_a_clear_error(seeds_documents, bad) -> None:
    with pytest.raises(ValueError, match=r"^partition_bytes must be a positive integer"):
        engine.run_text_stage(seeds_documents, partition_bytes=bad)


# --------------------------------------------------------------------------- partitioned Parquet


def _frames() -> list[pd.DataFrame]:
    return [
        pd.DataFrame({"doc_id": ["a1", "a1"], "form": ["שלום", "עולם"], "n": [1, 2]}),
        pd.DataFrame({"doc_id": ["b2"], "form": ["مرحبا"], "n": [3]}),
        pd.DataFrame({"doc_id": ["c3", "c3"], "form": ["بالعالم", "ארה״ב"], "n": [4, 5]}),
    ]


def test_write_partitioned_round_trips_and_is_byte_identical(tmp_path: Path) -> None:
    paths = parts.write_partitioned(iter(_frames()), tmp_path / "a", "tokens")
    assert [p.name for p in paths] == [f"part-0000{i}.parquet" for i in range(3)]
    back = parts.read_partitioned(tmp_path / "a", "tokens")
    assert back["form"].tolist() == ["שלום", "עולם", "مرحبا", "بالعالم", "ארה״ב"]
    assert back["n"].tolist() == [1, 2, 3, 4, 5]
    assert back["form"].dtype == "str"
    again = parts.write_partitioned(iter(_frames()), tmp_path / "b", "tokens")
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]


def test_write_partitioned_removes_stale_parts_of_a_longer_earlier_run(tmp_path: Path) -> None:
    parts.write_partitioned(_frames(), tmp_path, "t")
    parts.write_partitioned(_frames()[:1], tmp_path, "t")
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["part-00000.parquet"]
    assert parts.read_partitioned(tmp_path, "t")["n"].tolist() == [1, 2]


def test_failing_iterator_leaves_complete_parts_and_no_partial_file(tmp_path: Path) -> None:
    def frames():
        yield _frames()[0]
        raise RuntimeError("reader died")

    with pytest.raises(RuntimeError, match="reader died"):
        parts.write_partitioned(frames(), tmp_path, "t")
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["part-00000.parquet"]
    assert parts.read_partitioned(tmp_path, "t")["n"].tolist() == [1, 2]


def test_failed_write_keeps_the_old_part_intact(tmp_path: Path, monkeypatch) -> None:
    parts.write_partitioned(_frames(), tmp_path, "t")
    before = (tmp_path / "t" / "part-00001.parquet").read_bytes()

    def half_write(table, where, **kwargs):
        Path(where).write_bytes(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", half_write)
    with pytest.raises(OSError, match="part-00001.parquet: No space left on device"):
        parts.write_part(_frames()[2], tmp_path, "t", 1)
    monkeypatch.undo()
    assert (tmp_path / "t" / "part-00001.parquet").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]


def test_bad_part_name_or_index_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="name must be a plain table name"):
        parts.write_part(_frames()[0], tmp_path, "../escape", 0)
    with pytest.raises(ValueError, match="index must be a non-negative integer"):
        parts.write_part(_frames()[0], tmp_path, "t", -1)


# --------------------------------------------------------------------------- aggregation


def test_mention_counts_pandas_categorical_and_duckdb_agree(tmp_path: Path) -> None:
    mentions = [
        pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "claim_id": ["B_CLAIM", "A_CLAIM", "B_CLAIM"]}),
        pd.DataFrame({"doc_id": ["d3", "d3"], "claim_id": ["B_CLAIM", "B_CLAIM"]}),
    ]
    parts.write_partitioned(mentions, tmp_path, "mentions")
    expected = pd.DataFrame(
        {
            "claim_id": pd.Series(["A_CLAIM", "B_CLAIM"], dtype="str"),
            "n_mentions": pd.Series([1, 4], dtype="int64"),
            "n_docs": pd.Series([1, 3], dtype="int64"),
        }
    )
    pd.testing.assert_frame_equal(
        counts.count_mentions_duckdb(tmp_path / "mentions" / "part-*.parquet"), expected
    )
    pd.testing.assert_frame_equal(counts.count_mentions(pd.concat(mentions)), expected)


# --------------------------------------------------------------------------- streaming


def test_stream_corpus_writes_the_same_tables_as_the_in_memory_path(
    tmp_path: Path, seeds_documents, codebook, tagger
) -> None:
    rows_written = stream.stream_corpus(
        PROJECT_ROOT / "seeds", tmp_path, codebook, chunk_records=2, tagger=tagger
    )
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    documents = parts.read_partitioned(tmp_path, "documents")
    pd.testing.assert_frame_equal(documents, seeds_documents)
    tables = dict(
        zip(
            ("sentences", "tokens", "mentions"),
            engine.run_pipeline(seeds_documents, codebook, tagger=tagger),
        )
    )
    for name, expected in tables.items():
        pd.testing.assert_frame_equal(
            sort_table(parts.read_partitioned(tmp_path, name), name), expected
        )
        assert rows_written[name] == len(expected)
    assert rows_written["documents"] == 5 and rows_written["rejects"] == 0


def test_stream_corpus_rejects_a_duplicate_from_an_earlier_chunk(
    tmp_path: Path, codebook, tagger
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed_path(prefix), corpus / seed_path(prefix).name)
    shutil.copy(seed_path("000"), corpus / "zz_copy_of_000.txt")
    rows_written = stream.stream_corpus(
        corpus, tmp_path / "out", codebook, chunk_records=1, tagger=tagger
    )
    assert rows_written["documents"] == 2
    rejects = parts.read_partitioned(tmp_path / "out", "rejects")
    assert rejects["source"].tolist() == ["zz_copy_of_000.txt"]
    assert rejects["reason"].tolist() == ["duplicate"]
    assert seed_path("000").name in rejects["detail"].item()

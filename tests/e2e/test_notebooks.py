"""Every notebook executed through papermill on the seeds, asserting on what it wrote.

* ``default_run``: all four notebooks with NO parameters at all (defaults → seeds/, runs/seeds/,
  runs/seeds/figures/), exactly as ``papermill notebooks/0N_….ipynb out.ipynb`` runs them; the
  tracked figures/ must not change.
* ``param_run``: the same chain with injected parameters into a temporary run folder; its
  tables and figures must be byte-identical to the default run's (reruns are reproducible).
* bad parameters: each notebook stops at its validation cell, papermill raises, and the error
  output is one line naming the parameter.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from conftest import notebook_outputs
from papermill.exceptions import PapermillExecutionError

from helpers.core.paths import PROJECT_ROOT
from helpers.report.runner import NOTEBOOKS, ensure_kernel, ipc_kernel_manager

NB_DIR = PROJECT_ROOT / "notebooks"
TABLES = ("documents", "sentences", "tokens", "rejects", "mentions")


def execute(name: str, out_dir: Path, **parameters) -> Path:
    """Run a notebook as papermill does; the working directory is NOT the project root, to
    prove relative parameters resolve from the project root anyway."""
    out = out_dir / f"{name}.ipynb"
    papermill.execute_notebook(
        str(NB_DIR / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name=ensure_kernel(),
        progress_bar=False,
        cwd=str(out_dir),
        kernel_manager_class=ipc_kernel_manager(),
    )
    return out


def _tracked_figures() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (PROJECT_ROOT / "figures").iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def default_run(tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("default_nb")
    before = _tracked_figures()
    for name in NOTEBOOKS:
        execute(name, out_dir)  # no parameters at all
    assert _tracked_figures() == before, "04 with defaults changed the tracked figures/"
    return PROJECT_ROOT / "runs" / "seeds"


@pytest.fixture(scope="module")
def param_run(tmp_path_factory, default_run) -> Path:
    run_dir = tmp_path_factory.mktemp("param_run")
    out_dir = tmp_path_factory.mktemp("param_nb")
    execute(
        "01_ingest",
        out_dir,
        corpus=str(PROJECT_ROOT / "seeds"),
        run_dir=str(run_dir),
        progress=False,
    )
    execute("02_annotate_claims", out_dir, run_dir=str(run_dir))
    execute("03_compare_stance", out_dir, run_dir=str(run_dir), n_boot=2000)
    execute("04_figures", out_dir, run_dir=str(run_dir), figures_dir=str(run_dir / "figures"))
    return run_dir


def test_default_run_ingests_the_five_seeds_with_their_metadata(default_run: Path) -> None:
    docs = pd.read_parquet(default_run / "documents.parquet").set_index("source")
    prefixes = {s[:3]: s for s in docs.index}
    assert sorted(prefixes) == ["000", "001", "002", "003", "004"]
    lang = {p: docs.loc[s, "lang"] for p, s in prefixes.items()}
    assert lang == {"000": "he", "001": "ar", "002": "he", "003": "ar", "004": "he"}
    published = {p: docs.loc[s, "published"] for p, s in prefixes.items()}
    assert published["000"] == "2026-03-21"
    assert pd.isna(published["001"])
    assert published["002"] == "2024-10-24"
    assert published["003"] == "2025-05-14"
    assert published["004"] == "2025-12-31"
    assert pd.isna(docs.loc[prefixes["001"], "outlet"])
    assert docs.loc[prefixes["000"], "outlet"] == "Walla"
    assert "TRT" in docs.loc[prefixes["004"], "outlet"]
    rejects = pd.read_parquet(default_run / "rejects.parquet")
    assert len(rejects) == 0


def test_default_run_sentences_and_tokens_slice_back_into_the_text(default_run: Path) -> None:
    docs = pd.read_parquet(default_run / "documents.parquet").set_index("doc_id")
    sentences = pd.read_parquet(default_run / "sentences.parquet")
    tokens = pd.read_parquet(default_run / "tokens.parquet")
    assert len(sentences) > 50 and len(tokens) > 1000
    for row in sentences.itertuples():
        assert docs.at[row.doc_id, "text"][row.start : row.end] == row.text
    sample = tokens.iloc[:: max(1, len(tokens) // 500)]
    for row in sample.itertuples():
        assert docs.at[row.doc_id, "text"][row.start : row.end] == row.form
    text_000 = docs[docs["source"].str.startswith("000")]["text"].iloc[0]
    assert 'פוטין למנהיגי איראן: "נותרנו חברים נאמנים שלכם"' in text_000


def test_default_run_writes_mentions_with_claims_from_the_codebook(default_run: Path) -> None:
    mentions = pd.read_parquet(default_run / "mentions.parquet")
    docs = pd.read_parquet(default_run / "documents.parquet")
    assert {
        "doc_id",
        "sent_idx",
        "claim_id",
        "start",
        "end",
        "speaker",
        "hedged",
        "negated",
    } <= set(mentions.columns)
    assert set(mentions["doc_id"]) <= set(docs["doc_id"])
    # seed 000 (Walla): Putin says Moscow remains a "loyal friend and reliable partner" of Tehran
    doc_000 = docs[docs["source"].str.startswith("000")]["doc_id"].iloc[0]
    assert "RU_LOYAL_PARTNER" in set(mentions.loc[mentions["doc_id"] == doc_000, "claim_id"])
    assert (mentions["method"] == "rule").all()


def test_default_run_writes_figures_and_their_manifest(default_run: Path) -> None:
    import json

    figures = default_run / "figures"
    manifest = json.loads((figures / "manifest.json").read_text(encoding="utf-8"))
    names = {f["name"] for f in manifest["figures"]}
    assert len(names) >= 6
    for entry in manifest["figures"]:
        for file in entry["files"]:
            assert (figures / Path(file["path"]).name).exists()


def test_rerun_with_parameters_gives_byte_identical_tables_and_figures(
    default_run: Path, param_run: Path
) -> None:
    for table in TABLES:
        assert (param_run / f"{table}.parquet").read_bytes() == (
            default_run / f"{table}.parquet"
        ).read_bytes(), table
    figure_files = sorted(
        p.name for p in (default_run / "figures").iterdir() if p.suffix in {".png", ".svg", ".pdf"}
    )
    assert figure_files
    for name in figure_files:
        assert (param_run / "figures" / name).read_bytes() == (
            default_run / "figures" / name
        ).read_bytes(), name


@pytest.mark.parametrize(
    ("name", "parameters", "message"),
    [
        (
            "01_ingest",
            {"corpus": "no/such/corpus"},
            "parameter 'corpus': 'no/such/corpus' does not exist",
        ),
        ("01_ingest", {"engine": "spark"}, "parameter 'engine': 'spark' is not one of"),
        (
            "02_annotate_claims",
            {"codebook": "codebook/missing.yaml"},
            "parameter 'codebook': 'codebook/missing.yaml' does not exist",
        ),
        (
            "02_annotate_claims",
            {"use_recommender": "yes"},
            "parameter 'use_recommender': expected bool, got str 'yes'",
        ),
        (
            "03_compare_stance",
            {"n_boot": "many"},
            "parameter 'n_boot': expected int, got str 'many'",
        ),
        (
            "04_figures",
            {"run_dir": "runs/never-made"},
            "parameter 'run_dir': 'runs/never-made' does not exist",
        ),
        (
            "04_figures",
            {"outlets": "codebook/missing.yaml"},
            "parameter 'outlets': 'codebook/missing.yaml' does not exist",
        ),
    ],
)
def test_bad_parameters_stop_with_one_clear_line(
    tmp_path: Path, name: str, parameters: dict, message: str
) -> None:
    with pytest.raises(PapermillExecutionError) as info:
        execute(name, tmp_path, **parameters)
    assert info.value.ename == "ParameterError"
    assert message in info.value.evalue
    nb = nbformat.read(str(tmp_path / f"{name}.ipynb"), as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert len(errors) == 1
    assert errors[0]["traceback"] == [f"ParameterError: {info.value.evalue}"]


def test_review_csv_round_trip_through_notebook_02(tmp_path: Path, param_run: Path) -> None:
    """Reviewer 1 accepts every suggestion (α = 1 vs the tagger). Reviewer 2 rejects the claims
    of one sentence (α < 1 between the reviewers) and changed another sentence's text in the
    spreadsheet: that row is reported as a problem, not imported."""
    import csv
    import shutil

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    for table in ("documents", "sentences", "tokens", "rejects"):
        shutil.copy(param_run / f"{table}.parquet", run_dir)
    with open(param_run / "review" / "review.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    suggested = [r for r in rows if r["suggested_claims"]]
    assert len(suggested) >= 20  # the seeds carry dozens of claim-bearing sentences
    for row in rows:
        row["reviewer_claims"] = row["suggested_claims"] or "-"

    def write(path: Path, data: list[dict]) -> Path:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(data)
        return path

    reviewer_1 = write(tmp_path / "reviewer_1.csv", rows)
    tampered = [dict(r) for r in rows]
    target = next(i for i, r in enumerate(tampered) if r["suggested_claims"])
    tampered[target]["text"] = tampered[target]["text"][::-1]
    disagree = next(i for i, r in enumerate(tampered) if r["suggested_claims"] and i != target)
    tampered[disagree]["reviewer_claims"] = "-"
    reviewer_2 = write(tmp_path / "reviewer_2.csv", tampered)

    out = execute(
        "02_annotate_claims",
        tmp_path,
        run_dir=str(run_dir),
        gold="",
        review_in=str(reviewer_1),
        review_in_2=str(reviewer_2),
    )
    agreement = pd.read_parquet(run_dir / "agreement.parquet")
    assert list(agreement["pair"]) == ["tagger vs reviewer 1", "reviewer 1 vs reviewer 2"]
    assert agreement.loc[0, "alpha"] == pytest.approx(1.0)
    assert agreement.loc[0, "interpretation"] == "reliable"
    assert agreement.loc[1, "alpha"] < 1.0
    mentions = pd.read_parquet(run_dir / "mentions.parquet")
    human = mentions[mentions["method"] == "human"]
    assert len(human) == sum(len(r["suggested_claims"].split(";")) for r in suggested)
    text = notebook_outputs(out)
    assert "reviewer_2.csv: " in text and ", 1 problems" in text
    assert "reviewer_1.csv: " in text and ", 0 problems" in text


def _squash(text: str) -> str:
    """``text`` with every whitespace run as one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def test_gold_set_offsets_and_hashes_point_at_the_seed_run_text(default_run: Path) -> None:
    """codebook/gold/seeds.jsonl carries doc_id, offsets and text hash (filled by
    ``python -m helpers.claims --fill``); they must still point at the same characters."""
    import hashlib
    import json

    from helpers.text.clean import clean_text

    docs = pd.read_parquet(default_run / "documents.parquet").set_index("doc_id")
    lines = (
        (PROJECT_ROOT / "codebook" / "gold" / "seeds.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    assert len(lines) >= 60
    for raw in lines:
        record = json.loads(raw)
        doc = docs.loc[record["doc_id"]]
        assert doc["source"] == record["source"]
        assert hashlib.sha256(doc["text"].encode("utf-8")).hexdigest() == record["text_sha256"]
        span = doc["text"][record["start"] : record["end"]]
        quote = clean_text(record["quote"], doc["lang"])
        assert _squash(span) == _squash(quote), record["quote"][:40]


def test_rerunning_the_defaults_rewrites_every_output_byte_for_byte(
    tmp_path: Path, default_run: Path
) -> None:
    """Tables, run manifest, figures and figure manifest are identical on a second run (no
    timestamp field is stored anywhere, so nothing needs excluding)."""
    figures = default_run / "figures"

    def snapshot() -> dict[str, bytes]:
        files = {f"run/{p.name}": p.read_bytes() for p in default_run.iterdir() if p.is_file()}
        files.update(
            {f"figures/{p.name}": p.read_bytes() for p in figures.iterdir() if p.is_file()}
        )
        return files

    before = snapshot()
    assert "run/manifest.json" in before and "figures/manifest.json" in before
    for name in NOTEBOOKS:
        execute(name, tmp_path)
    after = snapshot()
    assert sorted(after) == sorted(before)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []


def _copy_run(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target, ignore=shutil.ignore_patterns("notebooks"))
    return target


def test_01_on_one_seed_file_starts_the_run_folder_afresh_and_02_evaluates_what_is_there(
    tmp_path: Path, param_run: Path
) -> None:
    from conftest import seed_path

    run_dir = _copy_run(param_run, tmp_path / "run")
    out = execute("01_ingest", tmp_path, corpus=str(seed_path("000")), run_dir=str(run_dir))
    text = notebook_outputs(out)
    assert "held tables built from other inputs: started it afresh" in text
    assert not (run_dir / "mentions.parquet").exists()
    assert not (run_dir / "cmp_prevalence.parquet").exists()
    assert not (run_dir / "figures").exists()
    assert len(pd.read_parquet(run_dir / "documents.parquet")) == 1
    out = execute("02_annotate_claims", tmp_path, run_dir=str(run_dir))
    gold_lines = [line for line in notebook_outputs(out).splitlines() if line.startswith("gold: ")]
    assert len(gold_lines) == 1, gold_lines
    assert gold_lines[0].startswith("gold: 4 documents of codebook/gold/seeds.jsonl")
    assert 'gold="" skips the evaluation' in gold_lines[0]
    assert "GoldError" not in notebook_outputs(out)
    evaluation = pd.read_parquet(run_dir / "evaluation.parquet")
    assert "ALL" in set(evaluation["claim_id"])


def test_03_with_a_group_value_that_does_not_exist_lists_the_values(
    tmp_path: Path, param_run: Path
) -> None:
    with pytest.raises(PapermillExecutionError) as info:
        execute("03_compare_stance", tmp_path, run_dir=str(param_run), group_by="outlet_name")
    assert info.value.ename == "ParameterError"
    assert info.value.evalue.startswith(
        "parameter 'group_a': 'he' is not a value of outlet_name in this run; values found: "
    )
    assert "'Techno Plus (تكنو بلس)' (1 article)" in info.value.evalue
    assert "parameters OK" not in notebook_outputs(tmp_path / "03_compare_stance.ipynb")


def test_03_accepts_an_outlet_name_as_displayed(tmp_path: Path, param_run: Path) -> None:
    run_dir = _copy_run(param_run, tmp_path / "run")
    execute(
        "03_compare_stance",
        tmp_path,
        run_dir=str(run_dir),
        group_by="outlet_name",
        group_a="Walla",
        group_b="Techno Plus",
        n_boot=200,
    )
    design = pd.read_parquet(run_dir / "cmp_design.parquet").iloc[0]
    assert (design["a"], design["b"]) == ("Walla", "Techno Plus (تكنو بلس)")
    assert (design["n_a"], design["n_b"]) == (1, 1)


def test_03_on_mentions_of_another_01_run_stops_with_one_line(
    tmp_path: Path, param_run: Path
) -> None:
    run_dir = tmp_path / "run"
    two = str(PROJECT_ROOT / "seeds" / "00[01]_*.txt")  # one Hebrew, one Arabic: lang he/ar exist
    execute("01_ingest", tmp_path, corpus=two, run_dir=str(run_dir))
    import shutil

    shutil.copy(param_run / "mentions.parquet", run_dir / "mentions.parquet")
    with pytest.raises(PapermillExecutionError) as info:
        execute("03_compare_stance", tmp_path, run_dir=str(run_dir))
    assert info.value.ename == "LineageError"
    from helpers.core.paths import display_path

    assert info.value.evalue == (
        f"mentions in {display_path(run_dir)} were built from a different 01 run — re-run 02"
    )
    nb = nbformat.read(str(tmp_path / "03_compare_stance.ipynb"), as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert [e["traceback"] for e in errors] == [[f"LineageError: {info.value.evalue}"]]


def test_readme_seed_study_states_only_numbers_of_the_run(default_run: Path) -> None:
    """Every number of the README's seed-study section, in order, is computed here from the
    tables of runs/seeds — a changed tagger or codebook makes this fail until the README says
    what the run says."""
    import math
    import re

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The seed study")[1].split("\n## ")[0]
    docs = pd.read_parquet(default_run / "documents.parquet")
    mentions = pd.read_parquet(default_run / "mentions.parquet")
    evaluation = pd.read_parquet(default_run / "evaluation.parquet")
    prevalence = pd.read_parquet(default_run / "cmp_prevalence.parquet")
    voices = pd.read_parquet(default_run / "cmp_voices.parquet")
    design = pd.read_parquet(default_run / "cmp_design.parquet").iloc[0]
    power = pd.read_parquet(default_run / "cmp_power.parquet")
    n_lang = docs["lang"].value_counts()
    words = {2: "two", 3: "three", 5: "Five"}
    assert f"{words[len(docs)]} articles: {words[n_lang['he']]} Hebrew" in section
    assert f"and {words[n_lang['ar']]} Arabic" in section

    k = prevalence.pivot(index="claim_id", columns="group", values="n_with_claim")
    n = prevalence.groupby("group")["n_docs"].first()
    per_voice = voices.groupby(["group", "voice"])["n_mentions"].sum()
    total = voices.groupby("group")["n_mentions"].sum()
    overall = evaluation[(evaluation["claim_id"] == "ALL") & (evaluation["lang"] == "all")].iloc[0]
    for claim in (
        "RU_SUPPORT_LIMITED",
        "PACT_NO_DEFENCE",
        "RU_INTEL_SWAP_OFFER",
        "RU_MEDIATES_IL_IR",
    ):
        assert k.loc[claim, "ar"] == 0 and k.loc[claim, "he"] > 0, claim  # "only the Hebrew"
    assert k.loc["IR_ARMS_TO_RU", "he"] == 0 and k.loc["ANTI_WEST_BLOC", "ar"] == n["ar"]
    planned = power[power["scenario"] == "planned: 10 outlets × 40 articles per group"].iloc[0]

    def pct(x: float) -> str:
        return f"{round(100 * x)}%"

    expected = [
        str(len(mentions)),
        f"{overall['precision']:.2f}",
        f"{overall['recall']:.2f}",
        f"{overall['f1']:.2f}",
        pct(overall["speaker_acc"]),
        pct(overall["hedged_acc"]),
        str(k.loc["RU_LOYAL_PARTNER", "he"]),
        str(n["he"]),
        str(k.loc["RU_LOYAL_PARTNER", "ar"]),
        str(n["ar"]),
        str(k.loc["PACT_STRATEGIC", "he"]),
        str(n["he"]),
        str(k.loc["PACT_STRATEGIC", "ar"]),
        str(n["ar"]),
        str(k.loc["IR_ARMS_TO_RU", "ar"]),
        str(n["ar"]),
        str(k.loc["ANTI_WEST_BLOC", "he"]),
        str(n["he"]),
        str(per_voice[("he", "media")]),
        str(total["he"]),
        pct(per_voice[("he", "media")] / total["he"]),
        str(per_voice[("ar", "outlet")]),
        str(total["ar"]),
        pct(per_voice[("ar", "outlet")] / total["ar"]),
        str(design["outlets_a"]),
        str(design["outlets_b"]),
        str(math.comb(int(design["outlets_a"] + design["outlets_b"]), int(design["outlets_b"]))),
        f"{design['min_p']:.1f}",
        str(planned["outlets_a"]),
        str(planned["outlets_b"]),
        str(int(planned["n_a"] // planned["outlets_a"])),
        f"{planned['icc']:.2f}",
        str(round(100 * planned["min_detectable_diff"])),
        pct(planned["base_share"]),
    ]
    found = re.findall(r"(?<![\w.])\d+(?:\.\d+)?%?(?!\w)", section)  # not F1, e2e …
    assert found == expected

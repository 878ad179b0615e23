"""The second story (Gaza ceasefire) through the same notebooks with no code change, and the
codebook workbench notebook (00) with and without parameters.

A four-article fixture of corpora/gaza_ceasefire (2 Hebrew, 2 Arabic) runs 01 → 04 with
``codebook=codebook/gaza_ceasefire.yaml`` and its gold lines; the claims, frames, summary and
figure captions must be that story's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from conftest import notebook_outputs
from papermill.exceptions import PapermillExecutionError

from helpers.core.paths import PROJECT_ROOT
from helpers.report.runner import execute_notebook

STORY = PROJECT_ROOT / "codebook" / "gaza_ceasefire.yaml"
GOLD = PROJECT_ROOT / "codebook" / "gold" / "gaza_ceasefire.jsonl"
FIXTURE = ("he_06_inn.json", "he_08_inn.json", "ar_05_albayan.json", "ar_08_masrawy.json")


def execute(name: str, out_dir: Path, **parameters) -> Path:
    """Run ``notebooks/<name>.ipynb`` through papermill (project kernel) into ``out_dir``."""
    target = out_dir / f"{name}.ipynb"
    execute_notebook(PROJECT_ROOT / "notebooks" / f"{name}.ipynb", target, parameters)
    return target


@pytest.fixture(scope="module")
def story_run(tmp_path_factory) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("gaza_corpus")
    for name in FIXTURE:
        shutil.copy(PROJECT_ROOT / "corpora" / "gaza_ceasefire" / name, corpus / name)
    gold = corpus.parent / "gaza_gold.jsonl"
    lines = [
        line
        for line in GOLD.read_text("utf-8").splitlines()
        if json.loads(line)["source"] in FIXTURE
    ]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_dir = tmp_path_factory.mktemp("gaza_run")
    out = tmp_path_factory.mktemp("gaza_nb")
    execute("01_ingest", out, corpus=str(corpus), run_dir=str(run_dir), progress=False)
    execute("02_annotate_claims", out, run_dir=str(run_dir), codebook=str(STORY), gold=str(gold))
    execute("03_compare_stance", out, run_dir=str(run_dir), codebook=str(STORY), n_boot=200)
    execute(
        "04_figures",
        out,
        run_dir=str(run_dir),
        codebook=str(STORY),
        figures_dir=str(run_dir / "figures"),
    )
    return run_dir, out


def test_second_story_claims_come_from_its_codebook(story_run) -> None:
    run_dir, _ = story_run
    story = yaml.safe_load(STORY.read_text("utf-8"))
    mentions = pd.read_parquet(run_dir / "mentions.parquet")
    docs = pd.read_parquet(run_dir / "documents.parquet").set_index("doc_id")
    by_source = mentions.assign(source=mentions["doc_id"].map(docs["source"]))
    found = {s: set(g["claim_id"]) for s, g in by_source.groupby("source")}
    assert set(mentions["claim_id"]) <= {c["id"] for c in story["claims"]}
    # read in the articles: he_06 the withdrawal and the prisoners-for-hostages exchange,
    # he_08 the bodies and Trump's threat, ar_05 Trump telling Israel to stop bombing and
    # Hamas's acceptance, ar_08 Hamas accusing Israel of a clear violation
    assert {"IL_WITHDRAWAL", "EXCHANGE"} <= found["he_06_inn.json"]
    assert {"BODIES_RETURN", "PRESSURE_ON_HAMAS"} <= found["he_08_inn.json"]
    assert {"PRESSURE_ON_ISRAEL", "HAMAS_ACCEPTS"} <= found["ar_05_albayan.json"]
    assert "IL_VIOLATES" in found["ar_08_masrawy.json"]
    evaluation = pd.read_parquet(run_dir / "evaluation.parquet")
    overall = evaluation[(evaluation["claim_id"] == "ALL") & (evaluation["lang"] == "all")]
    assert len(overall) == 1 and int(overall["tp"].iloc[0]) > 0


def test_second_story_frames_summary_and_figures_speak_its_language(story_run) -> None:
    run_dir, out = story_run
    story = yaml.safe_load(STORY.read_text("utf-8"))
    frames = pd.read_parquet(run_dir / "cmp_frames_group.parquet")
    assert list(dict.fromkeys(frames["frame"])) == [f["id"] for f in story["frames"]]
    summary = notebook_outputs(out / "03_compare_stance.ipynb")
    assert "claims of the Gaza ceasefire and hostage–prisoner exchange codebook" in summary
    assert "Hebrew press" in summary and "Arabic press" in summary
    assert any(f["label"] in summary for f in story["frames"])
    assert "alliance" not in summary
    manifest = json.loads((run_dir / "figures" / "manifest.json").read_text("utf-8"))
    captions = [entry["caption"] for entry in manifest["figures"]]
    assert captions and all(
        c.startswith("Gaza ceasefire and hostage–prisoner exchange. ") for c in captions
    )


def test_workbench_runs_with_no_parameters_on_the_seeds(tmp_path: Path) -> None:
    execute("00_codebook_workbench", tmp_path)
    run_dir = PROJECT_ROOT / "runs" / "workbench"
    concordance = pd.read_parquet(run_dir / "wb_concordance.parquet")
    assert set(concordance["term"]) == {"actor IR"} and set(concordance["lang"]) == {"he", "ar"}
    cues = pd.read_parquet(run_dir / "wb_cue_candidates.parquet")
    assert set(cues["pair"]) == {"RU + IR"} and len(cues)
    summary = pd.read_parquet(run_dir / "wb_dry_run_summary.parquet").set_index("lang")
    assert summary.at["all", "claim_id"] == "RU_LOYAL_PARTNER" and summary.at["all", "tp"] > 0


def test_workbench_runs_on_a_corpus_and_a_term(tmp_path: Path) -> None:
    run_dir = tmp_path / "wb"
    execute(
        "00_codebook_workbench",
        tmp_path,
        corpus=str(PROJECT_ROOT / "corpora" / "gaza_ceasefire"),
        run_dir=str(run_dir),
        codebook=str(STORY),
        term="הפר*",
        pair="HAMAS,IL",
        claim="IL_VIOLATES",
        gold=str(GOLD),
    )
    concordance = pd.read_parquet(run_dir / "wb_concordance.parquet")
    assert set(concordance["lang"]) == {"he"}
    assert "הפרת" in set(concordance["match"])  # "למרות הפרת הסכם מצד ארגון הטרור חמאס"
    matches = pd.read_parquet(run_dir / "wb_dry_run_matches.parquet")
    assert set(matches["claim_id"]) == {"IL_VIOLATES"}
    assert set(matches["source"]) <= {"ar_08_masrawy.json", "ar_09_shorouk.json"}
    manifest = json.loads((run_dir / "manifest.json").read_text("utf-8"))
    assert set(manifest["steps"]["00_codebook_workbench"]["tables"]) == {
        "wb_concordance",
        "wb_cue_candidates",
        "wb_dry_run_matches",
        "wb_dry_run_summary",
    }


@pytest.mark.parametrize(
    ("parameters", "ename", "message"),
    [
        ({"background": "web"}, "ParameterError", "parameter 'background': 'web' is not one of"),
        ({"max_n": 9}, "ParameterError", "parameter 'max_n'"),
        ({"term": "a ~2"}, "WorkbenchError", "parameter 'term': pattern 'a ~2'"),
        ({"pair": "RU,NOBODY"}, "WorkbenchError", "parameter 'pair': 'NOBODY' is not an actor"),
        (
            {"claim": "id: RU_LOYAL_PARTNER\nen: x\nframe: friendship\nhe: [x]"},
            "WorkbenchError",
            "parameter 'claim': russia_iran.edited.yaml: claims[0] (RU_LOYAL_PARTNER): "
            "unknown frame 'friendship'",
        ),
    ],
)
def test_workbench_bad_parameters_stop_with_one_clear_line(
    tmp_path: Path, parameters: dict, ename: str, message: str
) -> None:
    with pytest.raises(PapermillExecutionError) as info:
        execute("00_codebook_workbench", tmp_path, run_dir=str(tmp_path / "wb"), **parameters)
    assert info.value.ename == ename
    assert message in info.value.evalue
    nb = nbformat.read(str(tmp_path / "00_codebook_workbench.ipynb"), as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert [e["traceback"] for e in errors] == [[f"{ename}: {info.value.evalue}"]]

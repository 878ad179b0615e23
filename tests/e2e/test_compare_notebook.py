"""Notebook 03 on synthetic multi-outlet run folders with a known truth.

* 10 vs 10 outlets × 30 articles, one claim with a planted difference (15 % vs 55 %) and one
  without (30 % vs 30 %): the confirmatory table flags the first and not the second, and the
  plain-language summary names it as the one difference that survives.
* 3 vs 2 outlets (the seeds' design): the notebook says plainly that this cannot support a
  conclusion about the languages.
* the validation round trip on the seeds: notebook 02 exports a weighted sample, a reviewed
  copy comes back through ``review_in`` with its weights, and notebook 03 estimates the
  tagger's error from it and corrects prevalence (no "perfect tagger" sentence any more).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import papermill
from conftest import notebook_outputs

from helpers.claims import validation
from helpers.core.paths import PROJECT_ROOT
from helpers.report.runner import ensure_kernel, ipc_kernel_manager
from helpers.run import store
from helpers.stance.simulate import synthetic_corpus

CODEBOOK = PROJECT_ROOT / "codebook" / "russia_iran.yaml"
PLANTED, NULL = "RU_LOYAL_PARTNER", "PACT_STRATEGIC"  # real codebook ids, synthetic truth


def _run_folder(tmp: Path, shares: dict, n_outlets: tuple[int, int], per_outlet: int) -> Path:
    documents, mentions = synthetic_corpus(
        shares, n_outlets=n_outlets, per_outlet=per_outlet, seed=4
    )
    sentences = pd.DataFrame(
        {
            "doc_id": documents["doc_id"],
            "sent_idx": 0,
            "start": 0,
            "end": 9,
            "text": documents["text"],
        }
    ).astype({"sent_idx": "int32"})
    run = tmp / "run"
    run.mkdir()
    # written as 01 and 02 would: each table records the step (lineage) it came from
    store.begin_step(run, "01_ingest", inputs=[{"source": "synthetic", "sha256": "seed-4"}])
    store.write_table(run, "documents", documents.drop(columns=["outlet_name"]))
    store.write_table(run, "sentences", sentences)
    store.begin_step(run, "02_annotate_claims", reads=["documents", "sentences"])
    store.write_table(run, "mentions", mentions)
    no_review = pd.DataFrame(columns=list(validation.OUTCOME_COLUMNS))  # as 02 without one
    store.write_table(run, "validation_outcomes", no_review)
    return run


def _execute(run: Path, tmp: Path, name: str = "03_compare_stance", **parameters) -> str:
    out = tmp / f"{name}.ipynb"
    papermill.execute_notebook(
        str(PROJECT_ROOT / "notebooks" / f"{name}.ipynb"),
        str(out),
        parameters={"run_dir": str(run), **parameters},
        kernel_name=ensure_kernel(),
        progress_bar=False,
        cwd=str(tmp),
        kernel_manager_class=ipc_kernel_manager(),
    )
    return notebook_outputs(out)


def test_planted_difference_is_found_and_the_null_is_not(tmp_path: Path) -> None:
    shares = {PLANTED: (0.15, 0.55), NULL: (0.3, 0.3)}
    run = _run_folder(tmp_path, shares, (10, 10), 30)
    output = _execute(run, tmp_path, n_boot=500)
    contrast = pd.read_parquet(run / "cmp_contrast.parquet").set_index("claim_id")
    assert contrast.loc[PLANTED, "significant"] and not contrast.loc[NULL, "significant"]
    assert contrast.loc[PLANTED, "test"] == "outlet permutation"
    assert contrast["significant"].sum() == 1  # no other claim (none asserted) is flagged
    assert (
        "Differences that survive Holm over the 2 tested claims (outlet permutation test, "
        f"outlets as the unit): {PLANTED}."
    ) in output
    assert "assume a perfect tagger" in output
    captions = store.read_json(run / "manifest.json")["steps"]["03_compare_stance"][
        "table_captions"
    ]
    written = sorted(p.stem for p in run.glob("cmp_*.parquet"))
    assert sorted(captions) == written and all(captions.values())  # every table captioned
    power = pd.read_parquet(run / "cmp_power.parquet")
    assert power.loc[0, "scenario"] == "this corpus" and power.loc[0, "icc_source"] == "GEE"


def test_three_vs_two_outlets_cannot_support_a_language_conclusion(tmp_path: Path) -> None:
    run = _run_folder(tmp_path, {PLANTED: (0.2, 0.8)}, (3, 2), 1)
    output = _execute(run, tmp_path, n_boot=500)
    assert "3 vs 2 outlets allow only 10 labellings" in output
    assert (
        "These articles cannot support any conclusion about he vs ar outlets in general" in output
    )
    contrast = pd.read_parquet(run / "cmp_contrast.parquet")
    assert not contrast["significant"].any()


def test_validation_sample_round_trip_feeds_the_error_correction(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _execute(run, tmp_path, "01_ingest", corpus=str(PROJECT_ROOT / "seeds"), progress=False)
    _execute(run, tmp_path, "02_annotate_claims")
    sample = pd.read_parquet(run / "validation_sample.parquet")
    assert sample.groupby("stratum")["weight"].sum().round(9).to_dict() == (
        sample.groupby("stratum")["stratum_size"].first().astype(float).to_dict()
    )
    exported = run / "review" / "validation_sample.csv"
    with open(exported, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(sample) and "weight" in rows[0]
    # the reviewer confirms the tagger's claims and adds one it missed
    missed = next(i for i, r in enumerate(rows) if not r["suggested_claims"])
    for i, r in enumerate(rows):
        r["reviewer_claims"] = r["suggested_claims"] or (PLANTED if i == missed else "-")
    reviewed = tmp_path / "reviewed.csv"
    with open(reviewed, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _execute(run, tmp_path, "02_annotate_claims", review_in=str(reviewed))
    outcomes = pd.read_parquet(run / "validation_outcomes.parquet")
    assert outcomes[["doc_id", "sent_idx"]].drop_duplicates().shape[0] == len(rows)
    output = _execute(run, tmp_path, n_boot=500)
    errors = pd.read_parquet(run / "cmp_tagger_error.parquet").set_index(["claim_id", "lang"])
    lang = rows[missed]["lang"]
    assert errors.loc[(PLANTED, lang), "sensitivity"] < 1.0  # the missed one counts
    assert (errors["ppv"].dropna() == 1.0).all()  # every tagger claim was confirmed
    corrected = pd.read_parquet(run / "cmp_corrected.parquet").set_index("claim_id")
    assert corrected["corrected"].any()
    assert "assume a perfect tagger" not in output
    assert len(pd.read_parquet(run / "cmp_prevalence_corrected.parquet"))

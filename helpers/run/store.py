"""The run folder: typed Parquet tables and JSON files, written atomically.

A run folder (``runs/<RUN>/``) holds one Parquet file per table (``documents.parquet``,
``sentences.parquet`` …) and ``manifest.json``. Every write goes to a temporary file in the
same folder and is moved into place with :func:`os.replace`, so a run killed mid-write never
leaves a half-written table: the old file (or none) stays until the new one is complete.

Outputs are byte-identical on rerun: no timestamps are stored anywhere, JSON keys are sorted,
Parquet is written without the pandas index and with fixed compression.

**Lineage.** Each notebook opens a step with :func:`begin_step`, which names the step's
ingredients (input hashes, parameters that change results, codebook/outlets sha256) and the
tables it reads. The step gets an id (a hash of those ingredients and of the ids of the steps
it was built from); every table written during the step carries ``{step, id, built_from,
ingredients}`` in its Parquet metadata, and the manifest records the same entry. Before a step
runs, the tables it reads are checked against each other: a ``mentions`` table whose
``built_from`` names another ``01_ingest`` id than ``documents`` stops the notebook with one
line (``mentions in runs/x were built from a different 01 run — re-run 02``).

01 on a run folder whose tables come from a *different* corpus starts the folder afresh: every
table, the manifest, ``figures/``, ``review/`` and ``report.html`` are removed before the new
tables are written (and the notebook says so in one line), so no stale table survives. A
rerun on the same inputs gets the same id and removes nothing.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.core.io import (
    StoreError,
    atomic_write,
    file_sha256,
    read_json,
    text_sha256,
    write_json,
)
from helpers.core.paths import display_path

__all__ = [
    "SCHEMA_VERSION",
    "write_table",
    "read_table",
    "package_versions",
    "update_manifest",
    "LineageError",
    "Lineage",
    "begin_step",
    "check_lineage",
    "table_lineage",
    "active_lineage",
    "cleared_message",
]

SCHEMA_VERSION = 1

#: Packages whose versions are recorded in the manifest.
MANIFEST_PACKAGES = (
    "pandas",
    "pyarrow",
    "numpy",
    "scipy",
    "matplotlib",
    "camel-tools",
    "hebrew_tokenizer",
    "papermill",
    "regex",
    "pyahocorasick",
    "krippendorff",
    "trafilatura",
    "charset-normalizer",
    "dask",
    "polars",
)


def write_table(run_dir: Path, name: str, frame: pd.DataFrame) -> Path:
    """Write ``frame`` as ``<run_dir>/<name>.parquet`` atomically (no index, zstd).

    When a step is open on ``run_dir`` (:func:`begin_step`), its lineage entry is stored in
    the file's metadata under ``crosspress.lineage``.
    """
    table = pa.Table.from_pandas(frame, preserve_index=False)
    lineage = active_lineage(run_dir)
    if lineage is not None:
        meta = dict(table.schema.metadata or {})
        meta[LINEAGE_KEY] = json.dumps(lineage.entry(), sort_keys=True).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    # pandas metadata embeds the creating library version only; keep it (it is stable).
    target = Path(run_dir) / f"{name}.parquet"
    return atomic_write(
        target, lambda tmp: pq.write_table(table, tmp, compression="zstd", write_statistics=False)
    )


def read_table(run_dir: Path, name: str, produced_by: str | None = None) -> pd.DataFrame:
    """Read ``<run_dir>/<name>.parquet``; a missing table names the notebook that makes it."""
    path = Path(run_dir) / f"{name}.parquet"
    if not path.exists():
        hint = f" — run {produced_by} first" if produced_by else ""
        raise StoreError(f"{display_path(path)} does not exist{hint}")
    return pd.read_parquet(path)


def package_versions(names: Iterable[str] = MANIFEST_PACKAGES) -> dict[str, str]:
    """Installed versions of ``names`` (``"missing"`` when not installed) plus Python's."""
    versions = {"python": sys.version.split()[0]}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


def update_manifest(
    run_dir: Path,
    step: str,
    parameters: Mapping[str, Any],
    tables: Iterable[str] = (),
    inputs: Iterable[Mapping[str, Any]] = (),
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Record one notebook step in ``<run_dir>/manifest.json`` (merged with earlier steps).

    The entry holds the parameters, the tables written (rows and sha256), the inputs (source and
    sha256), the package versions and the schema version. No timestamp is stored, so reruns on
    the same inputs give a byte-identical manifest.
    """
    run_dir = Path(run_dir)
    manifest_path = run_dir / "manifest.json"
    manifest = read_json(manifest_path) if manifest_path.exists() else {}
    table_info = {}
    for name in tables:
        path = run_dir / f"{name}.parquet"
        table_info[name] = {
            "file": path.name,
            "rows": pq.ParquetFile(path).metadata.num_rows,
            "sha256": file_sha256(path),
        }
    entry = {
        "parameters": {k: parameters[k] for k in sorted(parameters)},
        "tables": table_info,
        "inputs": sorted((dict(i) for i in inputs), key=lambda i: str(i.get("source"))),
    }
    if extra:
        entry.update(extra)
    lineage = active_lineage(run_dir)
    if lineage is not None and lineage.step == step:
        entry["lineage"] = lineage.entry()
    manifest["schema_version"] = SCHEMA_VERSION
    manifest["packages"] = package_versions()
    manifest.setdefault("steps", {})[step] = entry
    return write_json(manifest_path, manifest)


# --------------------------------------------------------------------------- lineage

LINEAGE_KEY = b"crosspress.lineage"

#: The notebook (step) that writes each table; a table not listed is named by its prefix.
PRODUCERS: dict[str, str] = {
    "documents": "01_ingest",
    "sentences": "01_ingest",
    "tokens": "01_ingest",
    "rejects": "01_ingest",
    "mentions": "02_annotate_claims",
    "evaluation": "02_annotate_claims",
    "agreement": "02_annotate_claims",
    "proposals": "02_annotate_claims",
}

#: What 01 removes when it starts a run folder afresh (besides every ``*.parquet``).
_FRESH_REMOVES = ("manifest.json", "figures", "review", "report.html")


class LineageError(StoreError):
    """Tables of a run folder were built from different runs of an earlier step."""


def _short(step: str) -> str:
    """``"02_annotate_claims"`` → ``"02"`` (how the messages name notebooks)."""
    return step.split("_", 1)[0]


def producer(table: str) -> str:
    """The step that writes ``table`` (``cmp_*`` tables come from 03)."""
    if table in PRODUCERS:
        return PRODUCERS[table]
    if table.startswith("cmp_"):
        return "03_compare_stance"
    return "unknown"


@dataclass(frozen=True)
class Lineage:
    """One step's lineage: its id, the ids of the steps it was built from, its ingredients."""

    step: str
    id: str
    built_from: dict[str, str] = field(default_factory=dict)
    ingredients: dict[str, Any] = field(default_factory=dict)
    cleared: tuple[str, ...] = ()

    @property
    def chain(self) -> dict[str, str]:
        """Step → id for this step and every step it was built from."""
        return {**self.built_from, self.step: self.id}

    def entry(self) -> dict[str, Any]:
        """The JSON entry stored in tables and in the manifest."""
        return {
            "step": self.step,
            "id": self.id,
            "built_from": dict(sorted(self.built_from.items())),
            "ingredients": self.ingredients,
        }


_ACTIVE: dict[Path, Lineage] = {}


def active_lineage(run_dir: Path) -> Lineage | None:
    """The step open on ``run_dir`` (set by :func:`begin_step`), if any."""
    return _ACTIVE.get(Path(run_dir).resolve())


def table_lineage(run_dir: Path, name: str) -> dict[str, Any] | None:
    """The lineage entry stored in ``<run_dir>/<name>.parquet`` (None for older tables).

    Reads the Parquet footer only. A missing table raises :class:`StoreError` naming the
    notebook that writes it.
    """
    path = Path(run_dir) / f"{name}.parquet"
    if not path.exists():
        raise StoreError(f"{display_path(path)} does not exist — run {producer(name)} first")
    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(LINEAGE_KEY)
    return json.loads(raw) if raw else None


def check_lineage(run_dir: Path, tables: Iterable[str]) -> dict[str, str]:
    """Check that ``tables`` of ``run_dir`` were built from the same runs of earlier steps.

    Returns the merged chain (step → id). Raises :class:`LineageError` with one line naming
    the stale table, the step it disagrees on and the notebook to re-run, e.g.
    ``mentions in runs/x were built from a different 01 run — re-run 02``.
    """
    run = display_path(run_dir)
    chains: dict[str, dict[str, str]] = {}
    for name in tables:
        entry = table_lineage(run_dir, name)
        if entry is None:
            raise LineageError(
                f"{name} in {run} carries no lineage (written by an older crosspress) "
                f"— re-run {_short(producer(name))}"
            )
        chains[name] = {**entry.get("built_from", {}), entry["step"]: entry["id"]}
    steps = sorted({s for chain in chains.values() for s in chain})
    merged: dict[str, str] = {}
    for step in steps:
        holders = [n for n in chains if step in chains[n]]
        # the table written by the step itself is the reference; else the earliest producer
        own = [n for n in holders if producer(n) == step]
        reference = own[0] if own else min(holders, key=producer)
        merged[step] = chains[reference][step]
        stale = [n for n in holders if chains[n][step] != merged[step]]
        if stale:
            name = max(stale, key=producer)
            raise LineageError(
                f"{name} in {run} were built from a different {_short(step)} run "
                f"— re-run {_short(producer(name))}"
            )
    return merged


def _digest(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return text_sha256(text)[:16]


def _clear_run_folder(run_dir: Path) -> tuple[str, ...]:
    """Remove every table and derived output of a run folder; return what was removed."""
    removed = []
    for path in sorted(run_dir.glob("*.parquet")):
        path.unlink()
        removed.append(path.name)
    for name in _FRESH_REMOVES:
        path = run_dir / name
        if path.is_dir():
            shutil.rmtree(path)
            removed.append(f"{name}/")
        elif path.exists():
            path.unlink()
            removed.append(name)
    return tuple(removed)


def begin_step(
    run_dir: Path,
    step: str,
    reads: Iterable[str] = (),
    parameters: Mapping[str, Any] | None = None,
    files: Mapping[str, Path | None] | None = None,
    inputs: Iterable[Mapping[str, Any]] | None = None,
) -> Lineage:
    """Open ``step`` on ``run_dir``: check the tables it ``reads``, compute its id, and make
    every later :func:`write_table` / :func:`update_manifest` on ``run_dir`` record it.

    ``parameters`` are those that change results (not paths or engines); ``files`` are input
    files whose sha256 counts (codebook, outlets, gold, review files; None entries skipped);
    ``inputs`` (01 only) are the corpus inputs with their sha256. The tables this step wrote
    before are removed (so a table it no longer writes cannot linger); for 01, a folder
    holding tables of other inputs is cleared first (:attr:`Lineage.cleared` lists what went).
    """
    run_dir = Path(run_dir)
    built_from = check_lineage(run_dir, list(reads))
    ingredients: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if parameters:
        ingredients["parameters"] = {k: parameters[k] for k in sorted(parameters)}
    if files:
        ingredients["files_sha256"] = {
            k: file_sha256(Path(v)) for k, v in sorted(files.items()) if v is not None
        }
    if inputs is not None:
        pairs = sorted((str(i.get("source")), str(i.get("sha256"))) for i in inputs)
        ingredients["n_inputs"] = len(pairs)
        ingredients["inputs_sha256"] = _digest(pairs)
    step_id = _digest({"step": step, "built_from": built_from, "ingredients": ingredients})
    cleared: tuple[str, ...] = ()
    # the step's own earlier tables go first: one it no longer writes must not linger
    for path in sorted(run_dir.glob("*.parquet")) if step != "01_ingest" else []:
        if producer(path.stem) == step:
            path.unlink()
    if step == "01_ingest" and run_dir.exists():
        existing = sorted(p.stem for p in run_dir.glob("*.parquet"))
        ids = set()
        for name in existing:
            entry = table_lineage(run_dir, name)
            ids.add(
                None
                if entry is None
                else {**entry.get("built_from", {}), entry["step"]: entry["id"]}.get(step)
            )
        if ids and ids != {step_id}:
            cleared = _clear_run_folder(run_dir)
    lineage = Lineage(step, step_id, built_from, ingredients, cleared)
    _ACTIVE[run_dir.resolve()] = lineage
    return lineage


def cleared_message(run_dir: Path, lineage: Lineage) -> str:
    """One line saying that 01 started ``run_dir`` afresh and what it removed."""
    shown = ", ".join(lineage.cleared[:6]) + (" …" if len(lineage.cleared) > 6 else "")
    return (
        f"{display_path(run_dir)} held tables built from other inputs: started it afresh "
        f"(removed {len(lineage.cleared)}: {shown}) — run 02, 03 and 04 again"
    )

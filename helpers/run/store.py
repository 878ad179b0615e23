"""The run folder: typed Parquet tables and JSON files, written atomically.

A run folder (``runs/<RUN>/``) holds one Parquet file per table (``documents.parquet``,
``sentences.parquet`` …) and ``manifest.json``. Every write goes to a temporary file in the
same folder and is moved into place with :func:`os.replace`, so a run killed mid-write never
leaves a half-written table: the old file (or none) stays until the new one is complete.

Outputs are byte-identical on rerun: no timestamps are stored anywhere, JSON keys are sorted,
Parquet is written without the pandas index and with fixed compression.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.core.io import StoreError, atomic_write, file_sha256, read_json, write_json
from helpers.core.paths import display_path

__all__ = [
    "SCHEMA_VERSION",
    "write_table",
    "read_table",
    "package_versions",
    "update_manifest",
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
    """Write ``frame`` as ``<run_dir>/<name>.parquet`` atomically (no index, zstd)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
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
    manifest["schema_version"] = SCHEMA_VERSION
    manifest["packages"] = package_versions()
    manifest.setdefault("steps", {})[step] = entry
    return write_json(manifest_path, manifest)

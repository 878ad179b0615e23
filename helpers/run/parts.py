"""Tables larger than memory as partitioned Parquet: ``<out_dir>/<name>/part-00000.parquet`` …

Each part is written atomically (:func:`helpers.core.io.atomic_write`); no index, zstd, no
statistics, so reruns are byte-identical. :func:`write_partitioned` writes an iterator of frames
(memory: one frame) and removes parts left over from an earlier, longer run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.core.io import atomic_write

__all__ = ["write_part", "write_partitioned", "read_partitioned", "remove_stale_parts"]

_PART_RE = re.compile(r"^part-(\d{5,})\.parquet$")


def _part_path(out_dir: Path, name: str, index: int) -> Path:
    return Path(out_dir) / name / f"part-{index:05d}.parquet"


def write_part(frame: pd.DataFrame, out_dir: str | Path, name: str, index: int) -> Path:
    """Write ``frame`` as ``<out_dir>/<name>/part-<index:05d>.parquet`` atomically.

    The file appears complete or not at all (temp file in the same folder, then
    ``os.replace``); no index, zstd, no statistics, so reruns are byte-identical.
    """
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ValueError(f"name must be a plain table name like 'tokens'; got {name!r}")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or index < 0:
        raise ValueError(f"index must be a non-negative integer; got {index!r}")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return atomic_write(
        _part_path(Path(out_dir), name, int(index)),
        lambda tmp: pq.write_table(table, tmp, compression="zstd", write_statistics=False),
    )


def remove_stale_parts(folder: Path, keep: int) -> None:
    """Delete ``part-N.parquet`` files with ``N >= keep`` left by an earlier, longer run."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        m = _PART_RE.match(path.name)
        if m and int(m.group(1)) >= keep:
            path.unlink()


def write_partitioned(
    df_iter: Iterable[pd.DataFrame], out_dir: str | Path, name: str
) -> list[Path]:
    """Write each frame of ``df_iter`` as the next part of ``<out_dir>/<name>/``.

    Frames are written as they come (memory: one frame), each atomically
    (:func:`write_part`). When the iterator is exhausted, parts with a higher number left over
    from an earlier run are deleted, so ``<name>/part-*.parquet`` is exactly this run's output.
    If the iterator raises, the parts already written stay and no partial file exists.
    Returns the written paths in order.
    """
    paths = [write_part(frame, out_dir, name, i) for i, frame in enumerate(df_iter)]
    remove_stale_parts(Path(out_dir) / name, len(paths))
    return paths


def read_partitioned(out_dir: str | Path, name: str) -> pd.DataFrame:
    """Concatenate ``<out_dir>/<name>/part-*.parquet`` in part order (``FileNotFoundError`` if
    there are none)."""
    folder = Path(out_dir) / name
    numbered = sorted(
        (int(m.group(1)), p) for p in folder.glob("part-*.parquet") if (m := _PART_RE.match(p.name))
    )
    paths = [p for _, p in numbered]
    if not paths:
        raise FileNotFoundError(f"no part-*.parquet files in {folder}")
    return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True)

"""Mentions per claim over many rows: in pandas (categorical keys) or by DuckDB straight on
the Parquet parts (:mod:`helpers.run.parts`), without loading the mentions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["count_mentions", "count_mentions_duckdb"]


def count_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions and documents per claim: ``claim_id, n_mentions, n_docs`` sorted by claim_id.

    Grouped on a categorical ``claim_id`` (a few dozen codes over millions of rows).
    """
    keys = mentions["claim_id"].astype("category")
    grouped = mentions.assign(claim_id=keys).groupby("claim_id", observed=True, sort=True)
    out = pd.DataFrame(
        {
            "n_mentions": grouped.size().astype("int64"),
            "n_docs": grouped["doc_id"].nunique().astype("int64"),
        }
    ).reset_index()
    out["claim_id"] = out["claim_id"].astype("str")
    return out.sort_values("claim_id", ignore_index=True)


def count_mentions_duckdb(parquet_glob: str | Path) -> pd.DataFrame:
    """:func:`count_mentions` computed by DuckDB directly on Parquet files
    (e.g. ``"out/mentions/part-*.parquet"``), without loading the mentions into pandas."""
    import duckdb

    with duckdb.connect(":memory:") as con:
        rows = con.execute(
            "SELECT claim_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_docs "
            "FROM read_parquet(?) GROUP BY claim_id ORDER BY claim_id",
            [str(parquet_glob)],
        ).fetchall()
    return pd.DataFrame(
        {
            "claim_id": pd.Series([r[0] for r in rows], dtype="str"),
            "n_mentions": pd.Series([r[1] for r in rows], dtype="int64"),
            "n_docs": pd.Series([r[2] for r in rows], dtype="int64"),
        }
    )

"""How the engines hand each document partition its sentences (``engine._split_like``)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.run import engine


def _parts() -> list[pd.DataFrame]:
    """Three partitions of documents a..e, as partition_documents cuts them."""
    docs = pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "b", "c", "d", "e"], dtype="str"),
            "lang": ["he"] * 5,
            "text": ["x"] * 5,
        }
    )
    return [docs.iloc[0:2], docs.iloc[2:3], docs.iloc[3:5]]


def _sentences(doc_ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype="str"),
            "sent_idx": range(len(doc_ids)),
        }
    )


def test_sentences_in_partition_order_are_cut_into_their_partitions() -> None:
    table = _sentences(["a", "a", "b", "c", "d", "e", "e"])
    groups = engine._split_like(table, _parts())
    assert [g["doc_id"].tolist() for g in groups] == [["a", "a", "b"], ["c"], ["d", "e", "e"]]
    assert [g["sent_idx"].tolist() for g in groups] == [[0, 1, 2], [3], [4, 5, 6]]
    assert all(list(g.index) == list(range(len(g))) for g in groups)
    assert all((g.dtypes == table.dtypes).all() for g in groups)


def test_sentences_out_of_order_keep_their_order_within_a_partition() -> None:
    table = _sentences(["e", "a", "c", "b", "a"])
    groups = engine._split_like(table, _parts())
    assert [g["doc_id"].tolist() for g in groups] == [["a", "b", "a"], ["c"], ["e"]]
    assert [g["sent_idx"].tolist() for g in groups] == [[1, 3, 4], [2], [0]]


def test_a_partition_without_sentences_gets_an_empty_table() -> None:
    groups = engine._split_like(_sentences(["a", "e"]), _parts())
    assert [len(g) for g in groups] == [1, 0, 1]
    assert list(groups[1].columns) == ["doc_id", "sent_idx"]


def test_a_doc_id_in_two_partitions_belongs_to_the_first() -> None:
    parts = _parts()
    parts[2] = pd.concat([parts[2], parts[0].iloc[:1]], ignore_index=True)  # 'a' again
    groups = engine._split_like(_sentences(["a", "d"]), parts)
    assert [g["doc_id"].tolist() for g in groups] == [["a"], [], ["d"]]


def test_an_unknown_doc_id_is_named() -> None:
    with pytest.raises(ValueError, match="doc_id 'zz', which is not in documents"):
        engine._split_like(_sentences(["a", "zz"]), _parts())

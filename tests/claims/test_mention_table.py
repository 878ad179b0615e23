"""helpers.claims.mention_table: the sentence × claim keys of a table, on rows written here."""

from __future__ import annotations

import pandas as pd

from helpers.claims.mention_table import mention_keys, sentence_keys


def test_keys_of_a_table_are_typed_and_deduplicated() -> None:
    mentions = pd.DataFrame(
        {
            "doc_id": pd.Series(["d1", "d1", "d2", "d1"], dtype="string[pyarrow]"),
            "sent_idx": pd.Series([0, 0, 3, 0], dtype="int32"),
            "claim_id": ["A", "B", "A", "A"],  # the last row repeats the first key
        }
    )
    assert mention_keys(mentions) == {("d1", 0, "A"), ("d1", 0, "B"), ("d2", 3, "A")}
    assert sentence_keys(mentions) == {("d1", 0), ("d2", 3)}
    assert all(type(d) is str and type(c) is str for d, _, c in mention_keys(mentions))


def test_an_empty_table_has_no_keys_whatever_its_columns() -> None:
    assert mention_keys(pd.DataFrame()) == set()
    assert sentence_keys(pd.DataFrame()) == set()
    assert mention_keys(pd.DataFrame(columns=["doc_id", "sent_idx", "claim_id"])) == set()

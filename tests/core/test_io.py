"""helpers.core: one copy of the shared plumbing, and every writer gives outputs the same mode."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import json
import os
import pkgutil
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import helpers
from helpers.claims.annotate import MENTION_COLUMNS
from helpers.claims.evaluate import fill_gold
from helpers.claims.review import export_csv, write_label_studio
from helpers.core.errors import CrosspressError
from helpers.core.io import (
    StoreError,
    atomic_write,
    atomic_write_text,
    file_sha256,
    is_missing,
    load_yaml_safely,
    load_yaml_with_nodes,
    read_json_lines,
    text_sha256,
    write_json,
)
from helpers.run.store import write_table
from helpers.text.segment import sentences_table

HELPERS_DIR = Path(helpers.__file__).parent


def test_yaml_with_nodes_is_one_parse_giving_the_data_and_the_node_tree() -> None:
    text = "a: 1\nb: [x, {c: 2}]\na: 3\nref: &r {k: v}\nsame: *r\n"
    data, root = load_yaml_with_nodes(text)
    assert (
        data
        == load_yaml_safely(text)
        == {"a": 3, "b": ["x", {"c": 2}], "ref": {"k": "v"}, "same": {"k": "v"}}
    )
    assert isinstance(root, yaml.MappingNode)
    # the node tree still holds both 'a' keys (the data kept the last)
    assert [key.value for key, _ in root.value] == ["a", "b", "a", "ref", "same"]
    assert load_yaml_with_nodes("") == (None, None)
    with pytest.raises(yaml.YAMLError):
        load_yaml_with_nodes("a: [1, 2\n")
    with pytest.raises(yaml.YAMLError):  # the safe loader builds no objects
        load_yaml_with_nodes("a: !!python/object:os.system {}\n")


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_text_and_file_hashes_are_sha256(tmp_path: Path) -> None:
    text = "ידידה נאמנה — شراكة\n"
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert text_sha256(text) == expected
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    assert file_sha256(path) == expected


def test_atomic_write_text_keeps_bytes_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.csv"
    atomic_write_text(target, "a,b\r\nא,ب\r\n", encoding="utf-8-sig")
    assert target.read_bytes() == b"\xef\xbb\xbf" + "a,b\r\nא,ب\r\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["a.csv"]


def test_atomic_write_failure_names_the_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old", encoding="utf-8")

    def boom(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(StoreError, match=r"cannot write .*keep\.txt: No space left on device"):
        atomic_write(target, boom)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (np.float32("nan"), True),
        (pd.NA, True),
        (pd.NaT, True),
        (np.datetime64("NaT"), True),
        (0.0, False),
        ("", False),
        ("nan", False),
        (0, False),
        (False, False),
        ([None], False),
        (np.array([np.nan]), False),
    ],
)
def test_is_missing(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


def _gold_inputs(tmp_path: Path) -> tuple[Path, pd.DataFrame, pd.DataFrame]:
    text = "פוטין אמר שרוסיה ידידה נאמנה של איראן. ההסכם אינו כולל סעיף הגנה."
    docs = pd.DataFrame([{"doc_id": "d" * 16, "source": "a.txt", "lang": "he", "text": text}])
    gold = tmp_path / "gold.jsonl"
    line = {"source": "a.txt", "quote": "ההסכם אינו כולל סעיף הגנה.", "claims": []}
    gold.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return gold, docs, sentences_table(docs)


def test_review_exports_and_filled_gold_have_the_mode_of_every_other_output(
    tmp_path: Path,
) -> None:
    gold, docs, sents = _gold_inputs(tmp_path)
    os.chmod(gold, 0o600)  # a rewrite must not keep (or create) an owner-only file
    mentions = pd.DataFrame(columns=list(MENTION_COLUMNS))
    with umask(0o027):
        written = [
            write_table(tmp_path, "t", pd.DataFrame({"a": [1]})),
            write_json(tmp_path / "m.json", {"a": 1}),
            write_label_studio(tmp_path / "tasks.json", []),
            export_csv(tmp_path / "review.csv", docs, sents, mentions),
            fill_gold(gold, docs, sents),
        ]
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in written}
    assert modes == dict.fromkeys(modes, oct(0o640))
    assert json.loads(gold.read_text(encoding="utf-8"))["start"] == docs["text"][0].index("ההסכם")


# ----------------------------------------------------------------- one copy of the plumbing


def _helpers_sources() -> dict[str, str]:
    return {
        p.relative_to(HELPERS_DIR).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(HELPERS_DIR.rglob("*.py"))
    }


def _definitions(name: str) -> list[str]:
    """Modules of helpers/ that define ``name`` (function, class or module-level assignment)."""
    found = []
    for rel, source in _helpers_sources().items():
        for node in ast.walk(ast.parse(source)):
            names: list[str] = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            if name in names:
                found.append(rel)
    return found


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("atomic_write", "core/io.py"),
        ("atomic_write_text", "core/io.py"),
        ("text_sha256", "core/io.py"),
        ("file_sha256", "core/io.py"),
        ("is_missing", "core/io.py"),
        ("_render_traceback_", "core/errors.py"),
        ("collector_paused", "core/collector.py"),
        ("DOCUMENT_COLUMNS", "ingest/corpus.py"),
        ("Outlet", "ingest/outlets.py"),
        ("duplicate_rejects", "ingest/corpus.py"),
    ],
)
def test_helpers_define_each_piece_of_plumbing_once(name: str, home: str) -> None:
    assert _definitions(name) == [home]


@pytest.mark.parametrize(
    ("pattern", "home", "what"),
    [
        (r"tempfile\.mkstemp|os\.replace\(", "core/io.py", "an atomic write"),
        (r"sha256\([^)]*\.encode\(", "core/io.py", "a text hash"),
        (r"is (not )?pd\.NA|\b(\w+) != \2\b", "core/io.py", "a missing-value test"),
        (r"_render_traceback_", "core/errors.py", "the IPython error hook"),
        (r"gc\.disable\(", "core/collector.py", "a garbage-collector pause"),
        (r"\"reason\": \"duplicate\"", "ingest/corpus.py", "the duplicate-reject row"),
    ],
)
def test_no_inline_copy_of_the_plumbing(pattern: str, home: str, what: str) -> None:
    copies = [rel for rel, source in _helpers_sources().items() if re.search(pattern, source)]
    assert copies == [home], f"{what} written outside {home}: {copies}"


def _project_exceptions() -> list[type[BaseException]]:
    classes = []
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if info.name.endswith("__main__"):  # a CLI entry point runs on import
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == info.name:
                classes.append(obj)
    return classes


def test_every_project_error_renders_one_line_in_ipython() -> None:
    errors = _project_exceptions()
    names = {e.__name__ for e in errors}
    assert {"GoldError", "StoreError", "ParameterError", "OutletsError", "ReportError"} <= names
    for error in errors:
        assert issubclass(error, CrosspressError), error
        if error is CrosspressError:
            continue
        assert "_render_traceback_" not in vars(error), error
        try:
            instance = error("outlets.yaml: outlets[2] (X): missing key(s) ['country']")
        except TypeError:  # an error with its own constructor (e.g. ReadError(reason, detail))
            continue
        assert instance._render_traceback_() == [
            f"{error.__name__}: outlets.yaml: outlets[2] (X): missing key(s) ['country']"
        ]


def test_read_json_lines_numbers_lines_and_names_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n\n[2, 3]\n{not json\n"s"\n', encoding="utf-8")
    rows = read_json_lines(path)
    assert [(no, value) for no, value, _ in rows] == [
        (1, {"a": 1}),
        (3, [2, 3]),
        (4, None),
        (5, "s"),
    ]
    assert [problem for _, _, problem in rows][:2] == [None, None]
    assert rows[2][2] is not None and rows[2][2].startswith("not JSON (")
    assert rows[3][2] is None

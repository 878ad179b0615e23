"""A test may skip only for a resource outside the repository (Debian's chromium for the
browser tests, which ``make test`` installs and CI requires; root, which ignores directory
permissions). A tracked file that is missing — the codebook, the gold set, a helpers module —
is a broken checkout and must fail the test, never skip it."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent

#: Words one of which the reason of every allowed skip names (its external resource).
EXTERNAL_RESOURCES = ("chromium", "root")


def _skips(path: Path) -> list[tuple[int, str]]:
    """(line, reason) of every pytest.skip / skipif / importorskip in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name.split(".")[-1] not in {"skip", "skipif", "importorskip"}:
            continue
        words = [ast.unparse(a) for a in node.args] + [ast.unparse(k.value) for k in node.keywords]
        found.append((node.lineno, " ".join(words)))
    return found


def test_tests_skip_only_for_resources_outside_the_repository() -> None:
    wrong = {
        f"{path.relative_to(TESTS).as_posix()}:{line}": reason
        for path in sorted(TESTS.rglob("test_*.py"))
        if path != Path(__file__).resolve()
        for line, reason in _skips(path)
        if not any(word in reason.lower() for word in EXTERNAL_RESOURCES)
    }
    assert wrong == {}


def test_the_scan_sees_a_skip_on_a_tracked_file(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import pytest\n"
        "def test_x():\n"
        "    if True:\n"
        '        pytest.skip("codebook/russia_iran.yaml not written yet")\n',
        encoding="utf-8",
    )
    assert _skips(sample) == [(4, "'codebook/russia_iran.yaml not written yet'")]

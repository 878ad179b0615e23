"""bench/bench_tagger.py's command line: ``--help`` prints the usage, a bad count is one
clear error (argparse, exit status 2) — the benchmark itself prints figures and is not run
here (speed targets are printed by bench scripts, never timed in tests)."""

from __future__ import annotations

import sys

import pytest
from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
try:
    import bench_tagger
finally:
    sys.path.remove(str(PROJECT_ROOT / "bench"))


def test_help_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        bench_tagger.main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: bench_tagger.py [-h] [n_sentences]")
    assert "default: 20000" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["0"], "n_sentences must be at least 1, got 0"),
        (["many"], "argument n_sentences: invalid int value: 'many'"),
        (["10", "20"], "unrecognized arguments: 20"),
    ],
)
def test_bad_arguments_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        bench_tagger.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"bench_tagger.py: error: {message}"

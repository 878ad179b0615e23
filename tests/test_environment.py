"""The environment: pins in sync, camel-tools' network-bound modules never imported."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s#;]+)")


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = PIN.match(line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_environment_yml_lists_the_same_pins_as_requirements() -> None:
    requirements = _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip_lists = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert len(pip_lists) == 1
    env_pins = _pins(pip_lists[0])
    assert "camel-tools" not in env_pins  # it would drag torch in; installed --no-deps
    assert "pip install --no-deps camel-tools==1.6.0" in (ROOT / "environment.yml").read_text(
        encoding="utf-8"
    )
    assert env_pins == requirements
    assert len(requirements) >= 20


def test_constraints_agree_with_requirements() -> None:
    requirements = _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    constraints = _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())
    for name, version in requirements.items():
        assert constraints.get(name) == version, name


def test_matplotlib_is_at_least_3_11() -> None:
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    assert (major, minor) >= (3, 11)


def test_torch_and_transformers_are_not_installed() -> None:
    from importlib.util import find_spec

    assert find_spec("torch") is None
    assert find_spec("transformers") is None


def test_helpers_never_import_camel_tools_data() -> None:
    """Import every helpers module in a fresh interpreter; camel_tools.data must stay out.

    ``__main__`` modules are CLI entry points (importing one runs it) and are left out."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "helpers").rglob("*.py")
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('camel_tools.data', 'camel_tools.morphology', 'camel_tools.ner', 'camel_tools.sentiment', 'torch', 'transformers')))\n"
        "print('BAD', bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "BAD []" in out.stdout, out.stdout + out.stderr
    assert len(modules) >= 10


def test_our_tests_folder_wins_over_hebrew_tokenizers_tests_package() -> None:
    assert Path(__file__).resolve().parent == ROOT / "tests"
    assert not (ROOT / "tests" / "__init__.py").exists()


def _as_git_would_commit(path: Path) -> str:
    """The notebook as ``git add`` would store it: the working file through the clean filter
    that .gitattributes names (an analyst's autosaved outputs are stripped by it). Fails when
    the filter is not installed — ``make env`` installs it."""
    rel = path.relative_to(ROOT).as_posix()
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        return path.read_text(encoding="utf-8")  # not a git checkout (e.g. an sdist)
    attr = subprocess.run(
        ["git", "-C", str(ROOT), "check-attr", "filter", "--", rel],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert attr.strip().endswith(": filter: nbstripout"), attr
    clean = subprocess.run(
        ["git", "-C", str(ROOT), "config", "filter.nbstripout.clean"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert clean, "the nbstripout git filter is not installed: run `make env`"
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "hash-object", "-w", f"--path={rel}", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-p", blob], capture_output=True, text=True, check=True
    ).stdout


def test_the_git_filter_strips_what_autosave_writes(tmp_path: Path) -> None:
    """A notebook saved with outputs and execution counts (JupyterLab's autosave after Run All)
    is stored by git exactly as the clean notebook: the filter strips what the run added."""
    import nbformat

    source = ROOT / "notebooks" / "04_figures.ipynb"
    nb = nbformat.read(str(source), as_version=4)
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = index + 1
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    dirty = ROOT / "notebooks" / ".pytest-autosaved.ipynb"
    try:
        nbformat.write(nb, str(dirty))
        assert '"ran\\n"' in dirty.read_text(encoding="utf-8")
        assert _as_git_would_commit(dirty) == source.read_text(encoding="utf-8")
    finally:
        dirty.unlink(missing_ok=True)


def test_notebooks_are_stored_without_outputs_and_with_one_parameters_cell() -> None:
    import json

    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert [p.stem for p in notebooks] == [
        "00_codebook_workbench",
        "01_ingest",
        "02_annotate_claims",
        "03_compare_stance",
        "04_figures",
    ]
    for path in notebooks:
        nb = json.loads(_as_git_would_commit(path))
        assert nb["metadata"]["kernelspec"]["name"] == "crosspress", path.name
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
            path.name
        )
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path.name


def test_command_line_entry_points_run_without_runpy_warnings() -> None:
    """Entry points are ``__main__`` modules (``python -m helpers.report``, ``python -m
    helpers.claims``): running a module its package ``__init__`` already imported makes runpy
    warn ``found in sys.modules``, so no other module carries a ``__main__`` block."""
    mains = sorted(p.parent.name for p in (ROOT / "helpers").rglob("__main__.py"))
    assert mains == ["claims", "report"]
    for package in mains:
        out = subprocess.run(
            [sys.executable, "-W", "error::RuntimeWarning", "-m", f"helpers.{package}", "--help"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert out.returncode == 0, out.stderr
        assert f"usage: python -m helpers.{package}" in out.stdout
        assert "sys.modules" not in out.stderr
    blocks = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "helpers").rglob("*.py")
        if p.name != "__main__.py" and "__name__ == " in p.read_text(encoding="utf-8")
    ]
    assert blocks == []


def test_make_test_is_ci() -> None:
    """``.ci/run`` only calls ``make test``; ``make test`` lints (ruff, mypy) and provisions
    chromium before pytest, so the README's test command is CI's."""
    ci = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^test: \$\(STAMP\) (git-filter )?lint chromium\n\t\$\(PY\) -m pytest$", makefile, re.M
    )
    lint = makefile[makefile.index("\nlint:") :].split("\n\n")[0]
    assert all(tool in lint for tool in ("ruff check", "ruff format --check", "mypy"))
    assert "apt-get install -y -qq chromium" in makefile

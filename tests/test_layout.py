"""The package layout: imports between the stage subpackages of helpers/ point one way.

core ◄ text ◄ ingest, claims ◄ stance ◄ report, and run orchestrates (may import any stage).
Command-line entry points (``__main__`` modules) may reach across layers; library modules may
not. Lazy imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parent.parent / "helpers"

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "text": {"core"},
    "ingest": {"core", "text"},
    "claims": {"core", "text"},
    "stance": {"core", "text", "ingest", "claims"},
    "report": {"core", "text", "ingest", "claims", "stance"},
    "run": {"core", "text", "ingest", "claims", "stance", "report"},
}


def _imported_layers(path: Path) -> set[str]:
    layers = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        layers |= {n.split(".")[1] for n in names if n.startswith("helpers.")}
    return layers


def test_every_subpackage_has_a_layer() -> None:
    packages = {p.parent.name for p in HELPERS.glob("*/__init__.py")}
    assert packages == set(ALLOWED)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_point_one_way(layer: str) -> None:
    wrong = {
        path.relative_to(HELPERS).as_posix(): sorted(
            _imported_layers(path) - ALLOWED[layer] - {layer}
        )
        for path in sorted((HELPERS / layer).glob("*.py"))
        if path.name != "__main__.py"
    }
    assert {k: v for k, v in wrong.items() if v} == {}


@pytest.mark.parametrize("layer", ["core", "text", "ingest", "claims", "stance", "report", "run"])
def test_a_stage_package_re_exports_every_public_name_of_its_modules(layer: str) -> None:
    """``from helpers.<layer> import name`` works for every name in a module's ``__all__``,
    except a name equal to a sibling module's (re-exporting it would shadow the module)."""
    import importlib

    package = importlib.import_module(f"helpers.{layer}")
    modules = sorted(p.stem for p in (HELPERS / layer).glob("*.py") if not p.stem.startswith("_"))
    missing = []
    for stem in modules:
        module = importlib.import_module(f"helpers.{layer}.{stem}")
        for name in getattr(module, "__all__", ()):
            if name in modules:
                continue
            if name not in package.__all__ or getattr(package, name) is not getattr(module, name):
                missing.append(f"{stem}.{name}")
    assert not missing, missing
    for stem in modules:  # the package attribute named after a module is that module
        assert getattr(package, stem).__name__ == f"helpers.{layer}.{stem}"

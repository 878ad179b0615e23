"""The report runner behind ``make report``: notebooks 01 → 04 through papermill, then HTML.

``python -m helpers.report --corpus seeds --run seeds`` executes each notebook with its
parameters into ``runs/<run>/notebooks/`` (executed copies stay out of git), prints progress per
notebook and the total time, and exports one self-contained HTML report
(``runs/<run>/report.html``) with code hidden and papermill's injected-parameters cell replaced
by a readable parameter table. A failing notebook stops the run with the notebook, the cell and
the error named; its half-run copy is kept for inspection.
"""

from __future__ import annotations

import argparse
import functools
import html
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers.core.errors import CrosspressError
from helpers.core.io import atomic_write, atomic_write_text, read_json
from helpers.core.paths import PROJECT_ROOT, display_path, resolve_path

__all__ = [
    "KERNEL_NAME",
    "NOTEBOOKS",
    "ReportError",
    "ensure_kernel",
    "execute_notebook",
    "ipc_kernel_manager",
    "notebook_parameters",
    "run_notebook",
    "run_report",
    "export_html",
    "is_seed_study",
    "publish_figures",
    "write_notebook",
    "main",
]

KERNEL_NAME = "crosspress"
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOKS: tuple[str, ...] = (
    "01_ingest",
    "02_annotate_claims",
    "03_compare_stance",
    "04_figures",
)
SEED_CORPUS = "seeds"
#: The seed study's tracked figures (shown by the README); only :func:`publish_figures` writes here.
PUBLISHED_FIGURES = PROJECT_ROOT / "figures"


def is_seed_study(corpus: str, run: str) -> bool:
    """True for ``make report`` on the seeds (the run whose figures the README shows)."""
    return run == SEED_CORPUS and corpus.rstrip("/") == SEED_CORPUS


def publish_figures(figures_dir: Path, dest: Path = PUBLISHED_FIGURES) -> list[Path]:
    """Copy the figures listed in ``<figures_dir>/manifest.json`` (and the manifest) to ``dest``.

    This is the only way the tracked ``figures/`` changes: interactive runs of 04 write to their
    run folder. Copies are byte-identical and atomic; returns the files written.
    """
    figures_dir = Path(figures_dir)
    manifest = figures_dir / "manifest.json"
    if not manifest.exists():
        raise ReportError(f"{display_path(manifest)} does not exist — run 04_figures first")
    names = [f["path"] for entry in read_json(manifest)["figures"] for f in entry["files"]]
    written = []
    for name in [*names, "manifest.json"]:
        data = (figures_dir / name).read_bytes()
        written.append(
            atomic_write(Path(dest) / name, functools.partial(Path.write_bytes, data=data))
        )
    return written


def ipc_kernel_manager() -> type:
    """An nbclient kernel manager that talks to the kernel over local IPC sockets.

    Over TCP, ipykernel 7 warns that traffic is unencrypted (and any local user could connect);
    IPC sockets live in the Jupyter runtime folder, so neither applies.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)

    return IPCKernelManager


def execute_notebook(
    source: Path, target: Path, parameters: dict[str, Any], kernel: str | None = None
) -> None:
    """papermill.execute_notebook with the project kernel, IPC transport and the project root
    as working directory (so relative paths behave as in ``make report``)."""
    import papermill

    papermill.execute_notebook(
        str(source),
        str(target),
        parameters=parameters,
        kernel_name=kernel or ensure_kernel(),
        cwd=str(PROJECT_ROOT),
        progress_bar=False,
        kernel_manager_class=ipc_kernel_manager(),
    )


class ReportError(CrosspressError, RuntimeError):
    """A notebook of the report failed; the message names notebook, cell and error."""


def ensure_kernel() -> str:
    """Make sure the ``crosspress`` kernel exists and runs this interpreter; return its name.

    ``make env`` registers it; this also covers a venv built by hand, so papermill never fails
    with NoSuchKernel.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    spec_dir = specs.get(KERNEL_NAME)
    if spec_dir is not None:
        argv = KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv
        if argv and Path(argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name="Python (crosspress)", prefix=sys.prefix)
    return KERNEL_NAME


def notebook_parameters(
    corpus: str,
    run: str,
    figures_dir: str | None = None,
    codebook: str | None = None,
    gold: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Parameters for each notebook of one report run (figures in ``runs/<run>/figures``).

    ``codebook`` (a story's YAML) goes to notebooks 02–04 and ``gold`` to 02; ``None`` leaves
    the notebooks' own defaults (the seed study's codebook and gold set).
    """
    run_dir = f"runs/{run}"
    if figures_dir is None:
        figures_dir = f"{run_dir}/figures"
    story = {"codebook": codebook} if codebook else {}
    return {
        "01_ingest": {"corpus": corpus, "run_dir": run_dir},
        "02_annotate_claims": {"run_dir": run_dir, **story, **({"gold": gold} if gold else {})},
        "03_compare_stance": {"run_dir": run_dir, **story},
        "04_figures": {"run_dir": run_dir, "figures_dir": figures_dir, **story},
    }


def run_notebook(
    name: str, parameters: dict[str, Any], out_dir: Path, kernel: str | None = None
) -> Path:
    """Execute ``notebooks/<name>.ipynb`` with ``parameters`` into ``out_dir``; return its path.

    Raises :class:`ReportError` naming notebook, cell and error on failure (the executed copy,
    with the error in it, stays at the returned location).
    """
    from papermill.exceptions import PapermillExecutionError

    source = NOTEBOOK_DIR / f"{name}.ipynb"
    target = Path(out_dir) / f"{name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        execute_notebook(source, target, parameters, kernel)
    except PapermillExecutionError as exc:
        _flag_failure(target, f"{exc.ename}: {exc.evalue}")
        raise ReportError(
            f"{name}.ipynb failed in cell {exc.cell_index} (execution {exc.exec_count}): "
            f"{exc.ename}: {exc.evalue}\n  executed copy kept at {display_path(target)}"
        ) from None
    return target


def _flag_failure(executed: Path, line: str) -> None:
    """Put one plain line naming the error at the top of a failed executed notebook."""
    import nbformat

    try:
        nb = nbformat.read(str(executed), as_version=4)
    except (OSError, ValueError):  # papermill could not even write it: nothing to flag
        return
    first = line.strip().splitlines()[0] if line.strip() else "unknown error"
    nb.cells.insert(
        0, nbformat.v4.new_markdown_cell(f"**This run failed:** <code>{html.escape(first)}</code>")
    )
    write_notebook(nb, executed)


def write_notebook(nb: Any, path: Path) -> Path:
    """Write the notebook node ``nb`` to ``path`` atomically (:func:`helpers.core.io.
    atomic_write_text`), as ``nbformat.write`` would lay it out (ending in a newline)."""
    import nbformat

    text = nbformat.writes(nb)
    return atomic_write_text(path, text if text.endswith("\n") else text + "\n")


def export_html(
    executed: Sequence[Path], out_path: Path, title: str, figures_dir: Path | None = None
) -> Path:
    """Write the run's report (see :mod:`helpers.report.compose`) to ``out_path`` atomically.

    ``figures_dir`` holds the figures and their manifest (default: ``figures/`` beside
    ``out_path``, i.e. ``runs/<run>/figures``).
    """
    from helpers.report.compose import compose_report

    out_path = Path(out_path)
    figures = Path(figures_dir) if figures_dir is not None else out_path.parent / "figures"
    return atomic_write_text(out_path, compose_report(executed, figures, title))


def run_report(
    corpus: str = SEED_CORPUS,
    run: str = SEED_CORPUS,
    figures_dir: str | None = None,
    notebooks: Sequence[str] = NOTEBOOKS,
    html_report: bool = True,
    codebook: str | None = None,
    gold: str | None = None,
    publish: bool | None = None,
) -> Path:
    """Run the notebooks of the report in order; return the run folder.

    ``publish`` copies the run's figures to the tracked ``figures/`` (default: only for the
    seed study, ``corpus="seeds"`` into ``runs/seeds``).
    """
    run_dir = resolve_path(f"runs/{run}")
    params = notebook_parameters(corpus, run, figures_dir, codebook, gold)
    out_dir = run_dir / "notebooks"
    kernel = ensure_kernel()
    executed: list[Path] = []
    total_start = time.perf_counter()
    for index, name in enumerate(notebooks, start=1):
        start = time.perf_counter()
        print(f"[{index}/{len(notebooks)}] {name} …", end=" ", flush=True)
        executed.append(run_notebook(name, params[name], out_dir, kernel))
        print(f"done in {time.perf_counter() - start:.1f} s", flush=True)
    if publish is None:
        publish = is_seed_study(corpus, run) and codebook is None and "04_figures" in notebooks
    if publish:
        copied = publish_figures(resolve_path(params["04_figures"]["figures_dir"]))
        print(f"published {len(copied)} files to {display_path(PUBLISHED_FIGURES)}")
    if html_report:
        report = export_html(
            executed,
            run_dir / "report.html",
            f"crosspress report: {run}",
            resolve_path(params["04_figures"]["figures_dir"]),
        )
        print(f"report: {display_path(report)}")
    print(f"total {time.perf_counter() - total_start:.1f} s — run folder {display_path(run_dir)}")
    return run_dir


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (``python -m helpers.report``)."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.report", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--corpus", default=SEED_CORPUS, help="folder, glob or file (default: seeds)"
    )
    parser.add_argument("--run", default=None, help="run name: output goes to runs/<run>/")
    parser.add_argument(
        "--figures",
        default=None,
        help="figure folder (default: runs/<run>/figures)",
    )
    parser.add_argument(
        "--publish",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="copy the figures to the tracked figures/ (default: only for the seed study)",
    )
    parser.add_argument("--no-html", action="store_true", help="skip the HTML report")
    parser.add_argument(
        "--codebook", default=None, help="story codebook YAML (default: the notebooks' own)"
    )
    parser.add_argument(
        "--gold", default=None, help="gold .jsonl for notebook 02 (default: the notebook's own)"
    )
    args = parser.parse_args(argv)
    run = args.run or Path(args.corpus.rstrip("/")).name or SEED_CORPUS
    try:
        run_report(
            args.corpus,
            run,
            args.figures,
            html_report=not args.no_html,
            codebook=args.codebook,
            gold=args.gold,
            publish=args.publish,
        )
    except ReportError as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1
    return 0

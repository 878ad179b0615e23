"""One notebook from the command line, as papermill's CLI runs it but over IPC sockets.

``python -m helpers.report notebook notebooks/01_ingest.ipynb /tmp/01.ipynb -p corpus seeds``
takes papermill's arguments (``-p NAME VALUE`` typed as papermill types them, ``-r`` for text)
and runs the notebook with :func:`helpers.report.runner.execute_notebook`: project kernel,
project root as working directory, IPC kernel sockets. papermill's own CLI always starts the
kernel over TCP, and ipykernel ≥ 7 then warns "Kernel is running over TCP without
encryption" (the kernel listens on 127.0.0.1 only and messages are signed, but any local user
could read them) — this entry point avoids both.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers.core.paths import resolve_path
from helpers.report.runner import execute_notebook

__all__ = ["notebook_main"]


def notebook_main(argv: Sequence[str] | None = None) -> int:
    """``python -m helpers.report notebook NOTEBOOK OUTPUT [-p NAME VALUE]…``: one notebook, as
    papermill's command line runs it (same ``-p`` typing: True/False/None, ints, floats, else
    text; ``-r`` keeps the value as text), but over IPC sockets and from the project root — so
    without ipykernel's "running over TCP without encryption" warning."""
    from papermill.cli import _resolve_type  # papermill's own -p typing, so values match

    parser = argparse.ArgumentParser(
        prog="python -m helpers.report notebook",
        description=(notebook_main.__doc__ or "").splitlines()[0],
    )
    parser.add_argument("notebook", help="notebook to run, e.g. notebooks/01_ingest.ipynb")
    parser.add_argument("output", help="where the executed copy goes")
    parser.add_argument(
        "-p",
        "--parameters",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a parameter (typed as papermill does)",
    )
    parser.add_argument(
        "-r",
        "--parameters_raw",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a parameter kept as text",
    )
    args = parser.parse_args(argv)
    parameters = {name: _resolve_type(value) for name, value in args.parameters}
    parameters.update(dict(args.parameters_raw))
    from papermill.exceptions import PapermillExecutionError

    try:
        execute_notebook(resolve_path(args.notebook), Path(args.output).resolve(), parameters)
    except PapermillExecutionError as exc:
        print(
            f"{Path(args.notebook).name} failed in cell {exc.cell_index}: {exc.ename}: "
            f"{exc.evalue}",
            file=sys.stderr,
        )
        return 1
    return 0

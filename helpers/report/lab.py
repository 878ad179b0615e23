"""``make lab``: JupyterLab on the analyst's own copies of the notebooks.

The tracked notebooks (``notebooks/*.ipynb``) are the code of the project: stored without
outputs, changed through review. An analyst who opens one, changes a parameter and runs it
would — after JupyterLab's two-minute autosave — have changed a tracked file. So ``make lab``
copies each notebook into the git-ignored ``lab/`` folder (once; later runs keep the copy and
its edits) and opens JupyterLab there: parameters can be changed and cells run freely,
``git status`` stays clean. Paths inside the notebooks resolve from the project root, so the
copies run exactly as the originals.

When a tracked notebook changes after its copy was made, ``make lab`` says so in one line
(delete the copy to get the new version); it never overwrites an analyst's copy.

Tracked notebooks opened directly are covered too: ``make env`` installs an nbstripout git
filter, so outputs and execution counts never reach the index.

Run as ``python -m helpers.report lab``. Kernels talk to the server over IPC sockets (no "Kernel is running over TCP without
encryption" warning, no port any local user could connect to).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers.core.io import atomic_write, atomic_write_text, file_sha256
from helpers.core.paths import PROJECT_ROOT, display_path

__all__ = ["WORKSPACE", "prepare_workspace", "lab_argv", "lab_main"]

WORKSPACE = PROJECT_ROOT / "lab"
_SOURCES = ".sources.json"  # sha256 of the tracked notebook each copy was made from


def prepare_workspace(
    workspace: Path = WORKSPACE, notebooks: Path = PROJECT_ROOT / "notebooks"
) -> list[str]:
    """Copy every tracked notebook missing from ``workspace``; return one line per notebook
    (copied, or kept with a note when the tracked version changed since the copy)."""
    workspace.mkdir(parents=True, exist_ok=True)
    record_path = workspace / _SOURCES
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    lines = []
    for source in sorted(notebooks.glob("*.ipynb")):
        copy = workspace / source.name
        if not copy.exists():
            atomic_write(copy, functools.partial(shutil.copyfile, source))
            record[source.name] = file_sha256(source)
            lines.append(f"copied {display_path(source)} → {display_path(copy)}")
        elif record.get(source.name) != file_sha256(source):
            lines.append(
                f"{display_path(copy)} kept (your copy); {display_path(source)} has changed "
                f"since — delete the copy to get the new version"
            )
    atomic_write_text(record_path, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return lines


def lab_argv(
    workspace: Path = WORKSPACE, extra: Sequence[str] = (), allow_root: bool = False
) -> list[str]:
    """The ``jupyter lab`` command line: project kernel by default, IPC kernel transport,
    the file browser rooted at the project and opened on ``workspace``."""
    from helpers.report.runner import KERNEL_NAME

    start = workspace.resolve().relative_to(PROJECT_ROOT).as_posix()
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
        "--KernelManager.transport=ipc",
        f"--ServerApp.root_dir={PROJECT_ROOT}",
        f"--LabApp.default_url=/lab/tree/{start}",
    ]
    if allow_root:
        argv.append("--allow-root")
    return [*argv, *extra]


def lab_main(argv: Sequence[str] | None = None) -> int:
    """Prepare ``lab/`` and replace this process with JupyterLab."""
    from helpers.report.runner import ensure_kernel

    parser = argparse.ArgumentParser(
        prog="python -m helpers.report lab", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--workspace", default=str(WORKSPACE), help="folder of your copies")
    args, extra = parser.parse_known_args(argv)
    workspace = Path(args.workspace).resolve()
    for line in prepare_workspace(workspace):
        print(line)
    ensure_kernel()
    command = lab_argv(workspace, extra, allow_root=hasattr(os, "geteuid") and os.geteuid() == 0)
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return

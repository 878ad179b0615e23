"""An analyst in JupyterLab, driven through a real browser (Playwright + Debian Chromium).

The server is started the way ``make lab`` starts it (``helpers.report.lab``): the notebooks
are copies in the git-ignored ``lab/`` folder, kernels talk over IPC. The analyst opens 01
(it must open unmodified), points ``corpus`` at one seed file of a run folder that holds all
five seeds, runs all cells and saves; then opens 03 with a ``group_a`` that is not in the data
and runs all. Each notebook must show its one-line message, no traceback may reach the page,
and ``git status`` must show no tracked change.

Screenshots of the two messages go to ``$CROSSPRESS_SCREENS`` when set (else to tmp_path).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import chromium_path

from helpers.core.paths import PROJECT_ROOT
from helpers.report import lab, runner

pytestmark = pytest.mark.browser

RUN_DIR = "runs/pytest-lab"
WORKSPACE = PROJECT_ROOT / "lab" / "pytest-lab"
TOKEN = "crosspress-pytest-lab"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _git_status() -> str:
    return subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def seeded_run(tmp_path_factory) -> Path:
    """runs/pytest-lab holding 01's tables of all five seeds (so 01 on one file must start
    the folder afresh)."""
    run_dir = PROJECT_ROOT / RUN_DIR
    shutil.rmtree(run_dir, ignore_errors=True)
    out = tmp_path_factory.mktemp("seed_01")
    runner.execute_notebook(
        PROJECT_ROOT / "notebooks" / "01_ingest.ipynb",
        out / "01_ingest.ipynb",
        {"run_dir": RUN_DIR, "progress": False},
    )
    assert (run_dir / "documents.parquet").exists()
    return run_dir


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory, seeded_run: Path):
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    lab.prepare_workspace(WORKSPACE)
    home = tmp_path_factory.mktemp("jupyter_home")
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    port = _free_port()
    argv = lab.lab_argv(
        WORKSPACE,
        [
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={TOKEN}",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        allow_root=hasattr(os, "geteuid") and os.geteuid() == 0,
    )
    log = open(home / "server.log", "w")
    server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail("JupyterLab did not start:\n" + (home / "server.log").read_text())
        time.sleep(0.5)
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()
    server_log = (home / "server.log").read_text()
    assert "without encryption" not in server_log  # IPC kernels: no plain-TCP warning


def _screens(tmp_path: Path) -> Path:
    target = Path(os.environ.get("CROSSPRESS_SCREENS", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


def _wait_until_run(page, timeout_ms: int = 240_000) -> None:
    """Wait until every code cell of the open notebook has run or been skipped after an
    error: no "[*]" prompt left and the kernel idle."""
    page.wait_for_function(
        """() => {
          const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
          if (!panel) return false;
          const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .map(p => p.textContent.trim());
          return prompts.length > 0 && prompts[0] !== '[ ]:' && !prompts.some(p => p.includes('*'));
        }""",
        timeout=timeout_ms,
    )


def _set_parameters(page, source: str) -> None:
    """Replace the parameters cell (the notebook's second cell) with ``source``."""
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    editor = panel.locator(".jp-Cell").nth(1).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)
    page.keyboard.press("Escape")


def _run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def _open(page, url: str, name: str) -> None:
    """Open a notebook of the workspace from the file browser (double click)."""
    item = page.locator(".jp-DirListing-itemText", has_text=name)
    item.first.dblclick()
    page.wait_for_selector(f".lm-TabBar-tab:has-text('{name}')")
    page.wait_for_function(
        """(name) => [...document.querySelectorAll('.lm-TabBar-tab.lm-mod-current')]
            .some(t => t.textContent.includes(name))""",
        arg=name,
    )


def _kernel_idle(url: str, name: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/sessions?token={TOKEN}", timeout=5) as r:
            sessions = json.load(r)
        states = [s["kernel"]["execution_state"] for s in sessions if s["path"].endswith(name)]
        if states == ["idle"]:
            return
        time.sleep(0.5)
    pytest.fail(f"kernel of {name} not idle after {timeout} s")


def test_analyst_changes_parameters_in_lab_and_gets_one_line_messages(
    lab_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    seed = sorted((PROJECT_ROOT / "seeds").glob("000_*.txt"))[0].relative_to(PROJECT_ROOT)
    status_before = _git_status()
    screens = _screens(tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{lab_url}/lab/tree/lab/pytest-lab?token={TOKEN}")
            page.wait_for_selector(
                ".jp-DirListing-itemText >> text=01_ingest.ipynb", timeout=90_000
            )

            news = page.locator("button", has_text=re.compile(r"^No$"))  # the "Jupyter news?" toast
            if news.count():
                news.first.click()

            # 01: opens unmodified on the project kernel
            _open(page, lab_url, "01_ingest.ipynb")
            _kernel_idle(lab_url, "01_ingest.ipynb")
            page.wait_for_timeout(1500)
            assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0
            assert page.locator("text=Python (crosspress)").count() >= 1

            # one seed file into a folder holding all five: the folder starts afresh
            _set_parameters(
                page,
                f'corpus: str = "{seed.as_posix()}"\nrun_dir: str = "{RUN_DIR}"\n'
                'engine: str = "pandas"\nscheduler: str = ""\nprogress: bool = True',
            )
            _run_all(page)
            _wait_until_run(page)
            fresh = page.locator(".jp-OutputArea-output", has_text="started it afresh")
            fresh.first.wait_for(timeout=30_000)
            message = (fresh.first.text_content() or "").strip()
            assert message.count("\n") <= 1, message  # its line (+ the ingest count line)
            assert f"{RUN_DIR} held tables built from other inputs: started it afresh" in message
            fresh.first.scroll_into_view_if_needed()
            page.screenshot(path=str(screens / "lab_01_started_afresh.png"))
            page.keyboard.press("Control+s")  # as autosave would: outputs reach the disk
            page.wait_for_timeout(1000)

            # 03 with a group value that is not in the data
            _open(page, lab_url, "03_compare_stance.ipynb")
            _kernel_idle(lab_url, "03_compare_stance.ipynb")
            _set_parameters(
                page,
                f'run_dir: str = "{RUN_DIR}"\ncodebook: str = "codebook/russia_iran.yaml"\n'
                'outlets: str = "codebook/outlets.yaml"\ngroup_by: str = "lang"\n'
                'group_a: str = "hebrew-press"\ngroup_b: str = "ar"\nn_boot: int = 2000\n'
                "seed: int = 20240101",
            )
            _run_all(page)
            _wait_until_run(page)
            error = page.locator(
                ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
                has_text="ParameterError",
            )
            error.first.wait_for(timeout=30_000)
            assert (error.first.text_content() or "").strip() == (
                "ParameterError: parameter 'group_a': 'hebrew-press' is not a value of lang in "
                "this run; values found: 'he' (1 article)"
            )
            error.first.scroll_into_view_if_needed()
            page.screenshot(path=str(screens / "lab_03_wrong_group.png"))
            page.keyboard.press("Control+s")
            page.wait_for_timeout(1000)
            body = page.inner_text("body")
            assert "Traceback" not in body
            assert "-----------" not in body  # IPython's traceback rule
            outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
            assert not [t for t in outputs.all_inner_texts() if "parameters OK" in t]
        finally:
            browser.close()
    assert _git_status() == status_before
    saved = json.loads((WORKSPACE / "01_ingest.ipynb").read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in saved["cells"])  # the copy did get the outputs

#!/usr/bin/env python3
"""Set up a local environment and run one project task: the README's quick start.

    python3 dev.py build   # create .venv, install digest, build the sample site into site/
    python3 dev.py test    # create .venv, install digest with its test extras (and, where npm
                           # is available, Netlify's CLI into tools/netlify, axe-core
                           # into tools/axe and the Nu HTML checker into tools/vnu), run pytest
    python3 dev.py serve   # create .venv, install digest, start the live preview

Only the standard library is used here, so it runs on a fresh machine with Python 3.11+.
The environment is re-installed only when pyproject.toml has changed since the last install.
Extra arguments after the task are passed on (to `digest` or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extras: str) -> None:
    """Create .venv and install the project (editable) unless it is already up to date."""
    if sys.version_info < (3, 11):
        sys.exit("digest needs Python 3.11 or newer")
    if not PYTHON.exists():
        print(f"Creating {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    target = f".[{extras}]" if extras else "."
    print(f"Installing digest{f'[{extras}]' if extras else ''} into {VENV.name}/ ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--editable", target],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(wanted)


NPM_TOOLS = {
    ROOT / "tools" / "netlify": "Netlify's dev server and build runner",  # tests/test_netlify_*.py
    ROOT / "tools" / "axe": "axe-core",  # tests/test_accessibility.py
    ROOT / "tools" / "vnu": "the Nu HTML checker",  # tests/test_html_validity.py
}
"""Folders of npm packages the tests use, each pinned by its own package-lock.json."""


def ensure_npm_tools() -> None:
    """Install the npm packages pinned in each folder of NPM_TOOLS for the tests that use them.

    Only where npm is available; without it those tests skip and say why (and fail in CI).
    A folder is re-installed (npm ci) only when its own lock file changes.
    """
    npm = shutil.which("npm")
    if npm is None:
        return
    for folder, what in NPM_TOOLS.items():
        lock = folder / "package-lock.json"
        stamp = folder / "node_modules" / ".installed-lock"
        if not lock.is_file():
            continue
        wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
        if stamp.is_file() and stamp.read_text() == wanted:
            continue
        rel = folder.relative_to(ROOT).as_posix()
        print(f"Installing {what} into {rel}/ (npm ci) ...", flush=True)
        subprocess.run([npm, "ci", "--prefix", str(folder), "--no-audit", "--no-fund",
                        "--loglevel=error"], cwd=ROOT, check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
        stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    tasks = {"build": "", "serve": "", "test": "test"}
    if not argv or argv[0] not in tasks:
        print(__doc__)
        return 2
    task, rest = argv[0], argv[1:]
    ensure_environment(tasks[task])
    if task == "test":
        ensure_npm_tools()
        command = [str(PYTHON), "-m", "pytest", *rest]
    else:
        command = [str(PYTHON), "-m", "builder", task, *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

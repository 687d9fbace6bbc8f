"""Two deploys' builds by Netlify's own build runner, one edit between: the second renders one page.

In: a tiny two-language project with this repository's netlify.toml and its build plugin
(netlify/plugins/digest-cache), built by ``netlify build --offline`` (netlify-cli, pinned in
tools/netlify/package-lock.json) as Netlify builds a deploy: the plugin restores what Netlify's
build cache holds, the build command runs, the plugin saves. Then a fresh copy of the project's
files, as the next deploy's clone is (every file new, with a new inode and time), with the first
build's cache folder beside it (Netlify's build cache, which the runner keeps in
``.netlify/cache/`` outside Netlify), one page edited, built again. Out: what the runner
printed: the plugin restored both folders, and the build rendered one page, wrote one file and
indexed one search shard; and the site equals a clean build of the same files.

The build command (``pip install . && digest build``) runs as it is, with two stand-ins: a
``pip`` that installs nothing (the package is this checkout, and no network is used) and a
``digest`` that runs this checkout's builder. The runner puts every ``node_modules/.bin`` from
the project's folder up to the root ahead of PATH (execa's ``preferLocal``), so the stand-ins
live in one above the project, where they win without touching anything else.

Offline for real, as tests/test_netlify_dev.py: a Node preload refuses any connection to a host
other than the loopback; telemetry is off in a throwaway global configuration. Without
tools/netlify/node_modules the test skips, and fails where CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import unavailable
from tests.test_incremental import tree
from tests.test_netlify_dev import OFFLINE_GUARD, REFUSED_HOSTS_KNOWN
from tests.test_restored_cache import EDIT_FILES, EDITED, clean_site, write_articles

pytestmark = pytest.mark.netlify

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / "tools" / "netlify" / "node_modules" / ".bin"
NETLIFY = BIN / "netlify"
PLUGIN = Path("netlify") / "plugins" / "digest-cache"
BUILD_SECONDS = 300  # a bound, not a sleep: a build takes about 10 s on 2 cores
INCREMENTAL = re.compile(r"^incremental: (\d+) of (\d+) pages rendered, (\d+) files written, "
                         r"(\d+) of (\d+) search shards indexed$", re.MULTILINE)

PIP = "#!/bin/sh\necho \"pip (a test's stand-in): $*: nothing installed\"\n"
DIGEST = f'#!/bin/sh\nexec "{sys.executable}" -m builder "$@"\n'


@pytest.fixture
def runner(tmp_path: Path):
    """``runner(project_folder) -> output``: ``netlify build --offline`` there, which must
    succeed, offline."""
    if not NETLIFY.exists():
        unavailable(f"netlify-cli is not installed ({BIN.parent} is missing or incomplete): run "
                    "`npm ci --prefix tools/netlify`", "netlify build")
    if shutil.which("node") is None:
        unavailable("Node.js is not on PATH; netlify-cli needs it", "netlify build")
    stand_ins = tmp_path / "node_modules" / ".bin"
    stand_ins.mkdir(parents=True)
    for name, script in (("pip", PIP), ("digest", DIGEST)):
        (stand_ins / name).write_text(script, encoding="utf-8")
        (stand_ins / name).chmod(0o755)
    home = tmp_path / "home"
    (home / ".config" / "netlify").mkdir(parents=True)
    (home / ".config" / "netlify" / "config.json").write_text(
        json.dumps({"telemetryDisabled": True}), encoding="utf-8")
    guard, refused = tmp_path / "offline-guard.cjs", tmp_path / "refused-hosts.log"
    guard.write_text(OFFLINE_GUARD, encoding="utf-8")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("NETLIFY_", "NODE_OPTIONS", "CONTEXT"))}
    env.update(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), NO_COLOR="1",
               NODE_OPTIONS=f"--require=\"{guard}\"", DIGEST_OFFLINE_LOG=str(refused),
               PYTHONPATH=str(REPO))

    def run(folder: Path) -> str:
        done = subprocess.run([str(NETLIFY), "build", "--offline"], check=False, cwd=folder,
                              env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=BUILD_SECONDS)
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        hosts = set(refused.read_text(encoding="utf-8").split()) if refused.exists() else set()
        assert hosts <= REFUSED_HOSTS_KNOWN, f"tried the network: {hosts}"
        return output

    return run


def incremental_line(output: str) -> tuple[int, ...]:
    [found] = INCREMENTAL.findall(output)
    return tuple(map(int, found))


def test_a_deploy_after_one_edit_renders_the_edited_item_and_indexes_one_shard(
        runner, project, tmp_path):
    write_articles(project)
    shutil.copy2(REPO / "netlify.toml", project.root / "netlify.toml")
    shutil.copytree(REPO / PLUGIN, project.root / PLUGIN)

    first = runner(project.root)
    assert "digest-cache: site is not in the build cache yet" in first
    rendered, pages, _, indexed, shards = incremental_line(first)
    assert (rendered, indexed) == (pages, shards)

    clone = tmp_path / "next-deploy"
    shutil.copytree(project.root, clone, copy_function=shutil.copyfile,
                    ignore=shutil.ignore_patterns("site", "site.next", ".digest-cache",
                                                  ".netlify"))
    shutil.copytree(project.root / ".netlify" / "cache", clone / ".netlify" / "cache")
    edited = clone / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "Second paragraph.", "Second paragraph, now longer."), encoding="utf-8")

    second = runner(clone)

    for path in (".digest-cache/cache.pickle", ".digest-cache/reads", "site"):
        assert f"digest-cache: {path} restored from the build cache" in second
    assert incremental_line(second) == (EDIT_FILES, pages, EDIT_FILES, 1, shards)  # page, feeds
    assert "digest-cache: site saved to the build cache" in second
    assert tree(clone / "site") == clean_site(clone, tmp_path / "clean")

"""The output folder: a build replaces it whole, so it writes only where nothing else can be lost.

Each dangerous target is tried through the command line, as a careless user or an attacker
would give it, with a snapshot of everything around the project before and after: the build
refuses with one line naming the folder and the rule, exits with 2, and touches nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.cli import main
from builder.write import SITE_MARKER


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder as such."""
    found: dict[str, object] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = "folder"
            else:
                found[rel] = path.read_bytes()
    return found


@dataclass
class World:
    """A folder holding the project and, beside it, a neighbour's precious files."""

    root: Path
    project: object


@pytest.fixture
def world(project, english_article, tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp("world")
    shutil.copytree(project.root, root / "project")
    inside = type(project)(root / "project")
    inside.page("en/2020/04/good.md", **english_article())
    (root / "victim" / "docs").mkdir(parents=True)
    (root / "victim" / "docs" / "thesis.txt").write_text("precious")
    return World(root, inside)


def build(world: World, *options: str) -> int:
    return main(["--project", str(world.project.root), "build", "--no-search", *options])


def refused(world: World, target: str, capsys) -> str:
    code = build(world, "--output", target)
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.endswith("[output-unsafe]"), err
    return err


@pytest.mark.parametrize("target, rule", [
    ("{project}", "the project folder"),
    ("{project}/..", "the project folder or holds it"),
    ("/", "the project folder or holds it"),
    ("{project}/content", "inside content/"),
    ("{project}/content/articles", "inside content/"),
    ("{project}/content/topics.yaml", "inside content/"),
    ("{project}/templates", "inside templates/"),
    ("{project}/locales", "inside locales/"),
    ("{project}/.digest-cache", "inside .digest-cache/"),
    ("{world}/victim", "no digest build wrote"),
    ("{world}/victim/docs/thesis.txt", "a file, not a folder"),
])
def test_a_dangerous_output_folder_is_refused_and_nothing_is_touched(world, capsys, target,
                                                                    rule):
    before = snapshot(world.root)
    message = refused(world, target.format(project=world.project.root, world=world.root), capsys)
    assert rule in message
    assert snapshot(world.root) == before


@pytest.mark.parametrize("sibling", [".next", ".old"])
def test_a_staging_or_retired_sibling_that_is_not_a_site_is_refused(world, capsys, sibling):
    (world.root / f"out{sibling}").mkdir()
    (world.root / f"out{sibling}" / "notes.txt").write_text("mine")
    before = snapshot(world.root)
    assert f"out{sibling}" in refused(world, str(world.root / "out"), capsys)
    assert snapshot(world.root) == before


def test_a_symbolic_link_as_the_site_folder_is_refused_and_what_it_leads_to_is_kept(
        world, capsys):
    www = world.root / "www"
    www.mkdir()
    (www / "other-app.txt").write_text("another application")
    (world.project.root / "site").symlink_to(www, target_is_directory=True)
    before = snapshot(world.root)
    assert build(world) == 2 and "symbolic link" in capsys.readouterr().err
    assert snapshot(world.root) == before
    (world.project.root / "site").unlink()
    (world.root / "out").symlink_to(www, target_is_directory=True)
    before = snapshot(world.root)
    assert "symbolic link" in refused(world, str(world.root / "out"), capsys)
    assert snapshot(world.root) == before


def test_the_preview_refuses_the_same_folders(world, capsys):
    (world.project.root / "site").symlink_to(world.root / "victim", target_is_directory=True)
    before = snapshot(world.root)
    assert main(["--project", str(world.project.root), "serve", "--port", "0"]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert snapshot(world.root) == before


def test_a_new_or_empty_folder_is_used_and_marked_and_a_marked_one_built_again(world, capsys):
    (world.root / "empty").mkdir()
    page = world.project.root / "content/articles/en/2020/04/good.md"
    for number, target in enumerate((world.root / "new" / "site", world.root / "empty")):
        assert build(world, "--output", str(target)) == 0
        assert (target / SITE_MARKER).is_file() and (target / "en" / "index.html").is_file()
        page.write_text(page.read_text() + f"\nMore text {number}.\n")
        assert build(world, "--output", str(target)) == 0
        assert f"More text {number}." in (target / "en/2020/04/good/index.html").read_text()
    assert (world.root / "victim" / "docs" / "thesis.txt").read_text() == "precious"
    capsys.readouterr()


def test_the_refusal_is_the_json_report_too(world, capsys):
    report = world.root / "report.json"
    assert build(world, "--output", str(world.root / "victim"), "--report-json", str(report)) == 2
    assert '"output-unsafe"' in report.read_text()
    capsys.readouterr()

"""The output folder: a build replaces it whole, so it writes only where nothing else can be lost.

Each dangerous target is tried through the command line, as a careless user or an attacker
would give it, with a snapshot of everything around the project before and after: the build
refuses with one line naming the folder and the rule, exits with 2, and touches nothing.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.cli import main
from builder.write import SITE_MARKER, SITE_MARKER_TEXT


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
            elif path.is_file():
                found[rel] = path.read_bytes()
            else:  # a pipe or a device: reading it would wait for a writer
                found[rel] = ("special", stat.S_IFMT(path.stat().st_mode))
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
    ("{project}/site.next", "a name ending in .next or .old"),
    ("{world}/out.old", "a name ending in .next or .old"),
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


@pytest.mark.parametrize("marker", [b"", b"anything", b"This folder is a site"])
def test_a_marker_that_is_not_the_one_a_build_writes_marks_nothing(world, capsys, marker):
    (world.root / "victim" / SITE_MARKER).write_bytes(marker)
    before = snapshot(world.root)
    assert "no digest build wrote" in refused(world, str(world.root / "victim"), capsys)
    assert snapshot(world.root) == before


def test_a_marker_that_is_a_link_marks_nothing(world, capsys):
    (world.root / "real-marker").write_bytes(SITE_MARKER_TEXT)
    (world.root / "victim" / SITE_MARKER).symlink_to(world.root / "real-marker")
    before = snapshot(world.root)
    assert "no digest build wrote" in refused(world, str(world.root / "victim"), capsys)
    assert snapshot(world.root) == before


@pytest.mark.parametrize("how", ["copy", "hard link"])
def test_a_copy_of_a_site_elsewhere_is_not_taken_for_the_output_folder(world, capsys, how):
    """``cp -r site ~/copy``, then notes added: the copy carries the marker, and two builds
    into it once moved, then deleted, the notes."""
    assert build(world) == 0
    copy = world.root / "copy"
    if how == "copy":
        shutil.copytree(world.project.root / "site", copy)
    else:
        copy.mkdir()
        os.link(world.project.root / "site" / SITE_MARKER, copy / SITE_MARKER)
    (copy / "notes.txt").write_text("mine")
    capsys.readouterr()
    before = snapshot(world.root)
    for _ in range(2):
        assert "a site no build of this project wrote here" in refused(world, str(copy), capsys)
    assert snapshot(world.root) == before


def test_a_project_moved_with_its_site_and_an_output_folder_built_again_are_used(world, capsys):
    assert build(world) == 0
    assert build(world, "--output", str(world.root / "out")) == 0
    assert build(world, "--output", str(world.root / "out")) == 0
    moved = world.root / "moved-project"
    world.project.root.rename(moved)
    assert main(["--project", str(moved), "build", "--no-search"]) == 0
    capsys.readouterr()


def test_output_folders_built_in_turn_with_the_site_are_each_built_again(world, capsys):
    """Before, the cache remembered only the last build's output: after a build into ``site/``,
    the output folder built just before was refused as a site no build had written."""
    page = world.project.root / "content/articles/en/2020/04/good.md"
    outputs = [world.root / "out-a", world.root / "out-b"]
    for number in range(2):
        for target in (None, *outputs):
            page.write_text(page.read_text() + f"\nEdit {number} for {target}.\n")
            assert build(world, *(("--output", str(target)) if target else ())) == 0, \
                capsys.readouterr().err
            built = target or world.project.root / "site"
            assert f"Edit {number} for {target}." in (
                built / "en/2020/04/good/index.html").read_text()
    copy = world.root / "copy"
    shutil.copytree(outputs[0], copy)
    capsys.readouterr()
    assert "a site no build of this project wrote here" in refused(world, str(copy), capsys)


def test_the_project_s_own_site_folder_is_used_after_the_cache_was_deleted(world, capsys):
    assert build(world) == 0
    shutil.rmtree(world.project.root / ".digest-cache")
    assert build(world) == 0
    capsys.readouterr()


# --- the cache folder -----------------------------------------------------------------------


@pytest.mark.parametrize("linked", [".digest-cache", ".digest-cache/reads",
                                    ".digest-cache/cache.pickle"])
@pytest.mark.parametrize("command", [["build", "--no-search"], ["i18n", "update"],
                                     ["new", "--lang", "en", "A new item"], ["topics"]])
def test_a_cache_folder_that_is_a_link_is_refused_by_every_command(world, capsys, linked,
                                                                  command):
    """Written through, a linked cache put the build's files outside the project and deleted
    what it found there."""
    assert build(world) == 0
    shared = world.root / "shared-cache"
    shared.mkdir()
    (shared / "other.pickle").write_text("someone else's")
    link = world.project.root / linked
    if link.is_dir():
        shutil.rmtree(link)
    else:
        link.unlink()
    link.symlink_to(shared if linked != ".digest-cache/cache.pickle" else shared / "other.pickle")
    capsys.readouterr()
    before = snapshot(world.root)
    assert main(["--project", str(world.project.root), *command]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"{linked}: error: the cache is not written here: it is a symbolic link; "
                   + ("delete the link (the build makes the folder again)"
                      if linked == ".digest-cache" else "delete it") + " [output-unsafe]")
    assert snapshot(world.root) == before


# --- the JSON report ------------------------------------------------------------------------


@pytest.mark.parametrize("target, rule", [
    ("{project}/digest.toml", "other than an earlier build report"),
    ("{project}/content/topics.yaml", "inside content/"),
    ("{project}/content/articles/report.md", "inside content/"),
    ("{project}/templates/report.json", "inside templates/"),
    ("{project}/.digest-cache/report.json", "inside .digest-cache/"),
    ("{project}/site/report.json", "inside the output folder"),
    ("{project}/.git/report.json", "inside .git/"),
    ("{world}/victim/docs/thesis.txt", "other than an earlier build report"),
    ("{world}/victim/docs", "not a regular file"),
    ("/", "not a regular file"),
    ("", "not a regular file"),
    ("{world}/fifo", "not a regular file"),
    ("{world}/link.json", "a symbolic link"),
])
def test_the_report_file_replaces_only_an_earlier_report(world, capsys, monkeypatch, target,
                                                         rule):
    os.mkfifo(world.root / "fifo")
    (world.root / "link.json").symlink_to(world.root / "victim" / "docs" / "thesis.txt")
    assert build(world) == 0
    capsys.readouterr()
    before = snapshot(world.root)
    path = target.format(project=world.project.root, world=world.root)
    monkeypatch.chdir(world.project.root)  # "" is the folder the command runs in
    assert build(world, "--report-json", path) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and rule in err and err.endswith("[output-unsafe]"), err
    assert snapshot(world.root) == before


def test_an_earlier_report_or_a_new_file_is_written(world, capsys):
    import json

    for report in (world.root / "reports" / "new.json", world.project.root / "report.json"):
        assert build(world, "--report-json", str(report)) == 0
        assert json.loads(report.read_text())["published"] is True
        page = world.project.root / "content/articles/en/2020/04/good.md"
        page.write_text(page.read_text() + "\nMore.\n")
        assert build(world, "--report-json", str(report)) == 0  # an earlier report: replaced
        assert json.loads(report.read_text())["counts"]["pages_rendered"] >= 1
    capsys.readouterr()


def test_with_a_broken_configuration_the_report_is_checked_all_the_same(world, capsys):
    config = world.project.root / "digest.toml"
    config.write_text(config.read_text() + "\n[broken\n")
    topics = world.project.root / "content" / "topics.yaml"
    before = topics.read_bytes()
    assert build(world, "--report-json", str(topics)) == 2
    assert topics.read_bytes() == before
    assert "inside content/" in capsys.readouterr().err

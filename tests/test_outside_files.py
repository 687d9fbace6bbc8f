"""Every file the build reads is the project's: a symbolic link that leads out is refused.

Git stores symbolic links, so a pull request can add one to a Netlify build: a link from
``templates/assets/`` to ``/proc/self/environ`` would publish the build's environment, CI tokens
included. Each kind of file the build reads is tried with a link to a secret outside the
project: the secret never reaches the site, and the link is a located ``file-outside-project``
error (for a file every page uses, one that stops the build with ``site/`` as it was).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.config import load_config
from builder.diagnostics import BuildError, Fate, InputKind
from builder.ingest.run import ingest_sources
from builder.session import build

SECRET = "TOKEN=hunter2-secret"


@pytest.fixture
def secret(tmp_path_factory) -> Path:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text(SECRET)
    (outside / "folder").mkdir()
    (outside / "folder" / "base.html").write_text(SECRET)
    return outside


def site_text(project) -> str:
    return "".join(path.read_text(errors="replace") for path in (project.root / "site").rglob("*")
                   if path.is_file())


def codes(report) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in report.diagnostics if d.code != "catalog-missing"]


def test_an_asset_that_links_out_is_not_published_and_the_rest_is(project, english_article,
                                                                   secret):
    project.page("en/2020/04/good.md", **english_article())
    (project.root / "templates/assets/env.txt").symlink_to(secret / "secret.txt")
    report = build(project.config())
    assert report.published and report.exit_code() == 1
    assert codes(report) == [("templates/assets/env.txt", "file-outside-project")]
    assert not (project.root / "site/assets/env.txt").exists()
    assert SECRET not in site_text(project) and (project.root / "site/en/index.html").is_file()


def test_an_asset_that_is_no_regular_file_is_left_out_with_a_warning(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    os.mkfifo(project.root / "templates/assets/pipe")  # reading it would never end
    report = build(project.config())
    assert report.published
    assert codes(report) == [("templates/assets/pipe", "asset-not-file")]


@pytest.mark.parametrize("link, target", [
    ("templates/partials/outside.html", "secret.txt"),  # a template beside the others
    ("templates/base.html", "folder/base.html"),          # one that every page extends
])
def test_a_template_that_links_out_stops_the_build_and_the_site_stays(
        project, english_article, secret, link, target):
    project.page("en/2020/04/good.md", **english_article())
    assert build(project.config()).published
    before = site_text(project)
    (project.root / link).unlink(missing_ok=True)
    (project.root / link).symlink_to(secret / target)
    (project.root / "templates/home.html").write_text(
        (project.root / "templates/home.html").read_text() + "{% include 'partials/outside.html' "
                                                              "ignore missing %}")
    report = build(project.config())
    assert not report.published and report.exit_code() == 2
    assert (link, "file-outside-project") in codes(report)
    assert site_text(project) == before and SECRET not in before


@pytest.mark.parametrize("folder", ["templates/partials", "locales/ru"])
def test_a_folder_of_templates_or_catalogs_that_links_out_stops_the_build(
        project, english_article, secret, folder):
    project.page("en/2020/04/good.md", **english_article())
    moved = project.root / folder
    (secret / "copy").mkdir(exist_ok=True)
    moved.rename(secret / "copy" / moved.name)
    moved.symlink_to(secret / "copy" / moved.name, target_is_directory=True)
    report = build(project.config())
    assert not report.published and report.exit_code() == 2
    assert [code for _, code in codes(report)] == ["file-outside-project"]


@pytest.mark.parametrize("name", ["content/topics.yaml", "content/outlets.yaml", "content",
                                  "content/articles", "templates", "locales"])
def test_configuration_or_a_folder_the_build_walks_from_that_links_out_is_refused(
        project, secret, name):
    path = project.root / name
    moved = secret / "moved"
    moved.mkdir(exist_ok=True)
    path.rename(moved / path.name)
    path.symlink_to(moved / path.name)
    with pytest.raises(BuildError) as refused:
        load_config(project.root)
    assert (refused.value.diagnostic.path, refused.value.diagnostic.code) == (
        name, "file-outside-project")


@pytest.mark.parametrize("sidecar", ["day.txt.meta.yaml", "folder.meta.yaml"])
def test_a_sidecar_that_links_out_fails_its_source_and_the_others_are_ingested(
        project, secret, sidecar):
    (secret / "facts.yaml").write_text("date: 2020-04-17\ntitle: " + SECRET + "\n")
    sources = project.root / "content/sources"
    (sources / "day").mkdir()
    (sources / "day" / "day.txt").write_text("A day\n\n2020-04-17\n\nA text about the day.\n")
    (sources / "day" / sidecar).symlink_to(secret / "facts.yaml")
    (sources / "other.txt").write_text("Another day\n\n2020-04-17\n\nAnother text.\n")
    result = ingest_sources(project.config())
    fates = {outcome.path: outcome.fate for outcome in result.outcomes
             if outcome.kind is InputKind.SOURCE}
    assert fates == {"content/sources/day/day.txt": Fate.FAILED,
                     "content/sources/other.txt": Fate.INGESTED}
    assert [(d.path, d.code) for d in result.diagnostics if d.code == "file-outside-project"] == [
        (f"content/sources/day/{sidecar}", "file-outside-project")]
    assert not any(SECRET in path.read_text() for path in
                   (project.root / "content/articles").rglob("*.md"))


def test_a_page_that_is_a_pipe_is_an_error_and_the_build_ends(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    os.mkfifo(project.root / "content/articles/en/2020/04/pipe.md")
    report = build(project.config())
    assert report.published
    assert codes(report) == [("content/articles/en/2020/04/pipe.md", "page-unreadable")]


@pytest.mark.parametrize("place", ["content/articles/en/2020/linked", "content/sources/linked"])
def test_a_folder_link_out_is_an_error_and_nothing_in_it_is_read(project, english_article,
                                                                 secret, place):
    """No walk follows a link to a folder (one could lead anywhere); the editor hears which
    link holds what is not read."""
    project.page("en/2020/04/good.md", **english_article())
    (secret / "folder" / "04.md").write_text("---\ntitle: " + SECRET + "\n---\n" + SECRET)
    (project.root / place).parent.mkdir(parents=True, exist_ok=True)
    (project.root / place).symlink_to(secret / "folder", target_is_directory=True)
    report = build(project.config())
    assert report.published
    assert codes(report) == [(place, "file-outside-project")]
    assert SECRET not in site_text(project)
    assert not any(SECRET in path.read_text() for path in
                   (project.root / "content/articles").rglob("*.md") if path.is_file())


def test_a_folder_link_inside_the_project_is_a_warning(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    (project.root / "drafts").mkdir()
    (project.root / "content/articles/en/2021").symlink_to(project.root / "drafts")
    report = build(project.config())
    assert report.published and report.exit_code(strict=True) == 1
    assert codes(report) == [("content/articles/en/2021", "folder-link")]


@pytest.mark.parametrize("given", [".", "..", "", "content", "content/articles",
                                   "content/articles/en/2020/04/good.md", "templates", "locales",
                                   ".digest-cache", "site", "site.next", ".git", "digest.toml",
                                   "inbox", "inbox/wire.txt"])
def test_ingest_refuses_the_project_and_its_own_folders_and_copies_nothing(
        project, english_article, monkeypatch, capsys, given):
    """``digest ingest .`` copied the whole project (``.git`` too) into content/sources/ and
    made pages of its templates; ``digest ingest content/articles`` made pages of pages."""
    from builder.cli import main

    project.page("en/2020/04/good.md", **english_article())
    assert main(["--project", str(project.root), "build", "--no-search"]) == 0
    assert main(["--project", str(project.root), "build", "--no-search"]) == 0  # site.next too
    (project.root / ".git").mkdir()
    (project.root / ".git/config").write_text("[core]\n")
    (project.root / "inbox").mkdir()
    (project.root / "inbox/wire.txt").write_text(WIRE_TEXT)
    before = sorted(str(path) for path in (project.root / "content").rglob("*"))
    monkeypatch.chdir(project.root)
    capsys.readouterr()
    assert main(["ingest", given]) == 1  # a source that failed, as each one is reported
    out = capsys.readouterr().out
    assert "[source-path]" in out and "Traceback" not in out, out
    assert sorted(str(path) for path in (project.root / "content").rglob("*")) == before


WIRE_TEXT = "A wire from elsewhere\n\n2020-04-17\n\nThe text of the wire, long enough to publish.\n"


def test_ingest_copies_sources_from_outside_the_project_into_content_sources(
        project, monkeypatch, capsys, tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    (downloads / "wire.txt").write_text(WIRE_TEXT)
    from builder.cli import main

    monkeypatch.chdir(downloads)
    assert main(["--project", str(project.root), "ingest", "."]) == 0
    assert (project.root / "content/sources/wire.txt").read_text() == WIRE_TEXT
    assert list((project.root / "content/articles").rglob("*wire-from-elsewhere*.md"))
    capsys.readouterr()


@pytest.mark.parametrize("target", ["secret.txt", "/proc/self/environ"])
def test_ingest_refuses_a_source_link_that_leads_out_and_copies_nothing(
        project, secret, monkeypatch, capsys, target):
    """``digest ingest content/sources/m.txt``, a link to a file outside: the build refuses it,
    and so does ingest, rather than copying the target in to be published."""
    from builder.cli import main

    link = project.root / "content/sources/m.txt"
    link.symlink_to(secret / target if not target.startswith("/") else target)
    monkeypatch.chdir(project.root)
    before = sorted(str(path) for path in (project.root / "content").rglob("*"))
    assert main(["ingest", "content/sources/m.txt"]) == 1
    out = capsys.readouterr().out
    assert "content/sources/m.txt: error:" in out and "[file-outside-project]" in out, out
    assert sorted(str(path) for path in (project.root / "content").rglob("*")) == before


@pytest.mark.parametrize("target", ["../../digest.toml", "../../templates/base.html",
                                    "../articles/en/2020/04/good.md"])
def test_a_link_in_content_sources_to_another_file_of_the_project_is_no_source(
        project, english_article, target):
    """A build copied .git/config or digest.toml in as sources, and made a second page of a
    page, through a link in content/sources/."""
    project.page("en/2020/04/good.md", **english_article())
    (project.root / "content/sources/linked.txt").symlink_to(target)
    assert build(project.config()).published  # the schema and the record are written once
    (project.root / "content/sources/linked.txt").unlink()
    (project.root / "content/sources/linked.txt").symlink_to(target)
    before = sorted(str(path) for path in (project.root / "content").rglob("*"))
    report = build(project.config())
    assert report.published
    assert codes(report) == [("content/sources/linked.txt", "source-path")]
    assert sorted(str(path) for path in (project.root / "content").rglob("*")) == before
    assert [path.name for path in (project.root / "content/sources").iterdir()] == ["linked.txt"]
    assert len(list((project.root / "content/articles").rglob("*.md"))) == 1


def test_a_folder_from_outside_with_a_link_into_the_project_copies_none_of_it(
        project, tmp_path_factory, monkeypatch, capsys):
    from builder.cli import main

    outside = tmp_path_factory.mktemp("mixed")
    (outside / "wire.txt").write_text(WIRE_TEXT)
    (outside / "config.txt").symlink_to(project.root / "digest.toml")
    monkeypatch.chdir(outside)
    assert main(["--project", str(project.root), "ingest", "."]) == 1
    out = capsys.readouterr().out
    assert "config.txt: error:" in out and "[source-path]" in out, out
    assert sorted(p.name for p in (project.root / "content/sources").iterdir()) == ["wire.txt"]

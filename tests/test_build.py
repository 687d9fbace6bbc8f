"""builder.build: the whole pipeline on small projects — report, failures, atomicity."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from builder.diagnostics import Fate
from builder.session import build


def site_files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_a_bad_page_is_reported_with_file_and_line_and_the_rest_still_builds(
        project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    project.page("en/2020/04/bad.md", **english_article(title=["a", "list"]))
    report = build(project.config())
    assert report.published
    assert (project.root / "site/en/2020/04/good/index.html").is_file()
    assert not (project.root / "site/en/2020/04/bad").exists()
    [error] = report.errors
    assert str(error).startswith("content/articles/en/2020/04/bad.md:2: error: 'title' must be text")
    assert report.exit_code() == 1
    fates = {o.path: o.fate for o in report.outcomes}
    assert fates["content/articles/en/2020/04/bad.md"] is Fate.FAILED
    assert fates["content/articles/en/2020/04/good.md"] is Fate.PUBLISHED
    text = report.render_text()
    assert "bad.md:2: error:" in text and "1 published, 0 scheduled, 0 drafts, 1 failed" in text


def test_a_broken_template_leaves_the_previous_site_untouched(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    assert build(project.config()).published
    before = site_files(project.root / "site")

    project.write("templates/article.html", "{% extends 'base.html' %}{% block content %}{{ oops(")
    report = build(project.config())
    assert not report.published and report.exit_code() == 2
    [error] = report.errors
    assert error.path == "templates/article.html" and error.code == "template-syntax"
    assert site_files(project.root / "site") == before
    # Only the staging folder beside it, which the next build updates (builder/write/).
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith("site")) == [
        "site", "site.next"]


@pytest.mark.parametrize("template, line, text", [
    ("partials/topic_months.html", 2, "{{ oops }}"),  # a partial rendered by partial_cached
    ("partials/entries.html", 4, "<ol>\n\n{{ entries|length }}{{ oops }}"),  # an include
    ("feed.xml", 2, "{{ oops }}"),
])
def test_an_undefined_value_is_reported_at_the_file_and_line_of_its_template(
        project, english_article, template, line, text):
    project.page("en/2020/04/good.md", **english_article(topics=["csto"]))
    project.write(f"templates/{template}", "{#- a comment -#}\n" + text)
    report = build(project.config())
    assert not report.published
    [error] = report.errors
    assert (error.path, error.line, error.code) == (f"templates/{template}", line,
                                                    "template-undefined")
    assert "'oops' is undefined" in error.message


def test_a_second_build_of_the_same_content_is_byte_identical(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    project.page("ru/2020/04/khorosho.md", **english_article(lang="ru", title="Хорошо",
                                                             translation_key="other"))
    build(project.config())
    first = site_files(project.root / "site")
    build(project.config())
    assert site_files(project.root / "site") == first


def test_a_broken_catalog_stops_the_build_with_its_location(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    project.write("locales/ru/LC_MESSAGES/messages.po", 'msgid "x"\nmsgstr "y"\nnot po at all\n')
    report = build(project.config())
    assert not report.published
    [error] = report.errors
    assert (error.path, error.line, error.code) == ("locales/ru/LC_MESSAGES/messages.po", 3,
                                                    "catalog-syntax")


def test_the_report_counts_quiet_files_and_lists_them_all_when_asked(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    project.write("content/sources/undated.txt", "A headline\n\nNo date anywhere.\n")
    report = build(project.config())
    quiet, everything = report.render_text(), report.render_text(every_file=True)
    assert "\ncontent/sources/undated.txt: skipped\n" in quiet
    assert quiet.count("no date in the text") == 1  # said once, by its warning
    assert "content/articles/en/2020/04/good.md" not in quiet
    assert ("content/articles/en/2020/04/good.md: published -> /en/2020/04/good/"
            in everything)
    assert "sources: 1 (0 ingested, 0 already had pages, 1 skipped, 0 failed)" in quiet
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_an_unknown_time_zone_in_outlets_yaml_stops_the_build_with_its_location(
        project, capsys):
    from builder.cli import main

    outlets = project.root / "content/outlets.yaml"
    outlets.write_text(outlets.read_text().replace("Europe/Moscow", "Europe/Atlantis", 1))
    assert main(["--project", str(project.root), "build"]) == 2
    assert ("content/outlets.yaml:5: error: outlet 'mfa' timezone 'Europe/Atlantis' is not an "
            "IANA time zone like 'Europe/Moscow' [config-value]") in capsys.readouterr().err


def _run_build(root, *, terminal: bool) -> str:
    """``digest build`` in a fresh process, its stderr a terminal (a pseudo-terminal) or a pipe,
    outside CI; what it printed there."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["TERM"] = "xterm"
    command = [sys.executable, "-m", "builder", "--project", str(root), "build", "--no-search"]
    if not terminal:
        done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
        return done.stderr.decode()
    leader, follower = pty.openpty()
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode()


def test_a_progress_line_shows_on_a_terminal_and_never_in_a_pipe(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    shown = _run_build(project.root, terminal=True)
    assert "rendering" in shown and "\x1b[K" in shown  # one line, rewritten in place
    assert shown.rstrip("\r\n").endswith("\x1b[K")  # and cleared at the end
    (project.root / ".digest-cache").rename(project.root / "old-cache")  # a full build again
    assert _run_build(project.root, terminal=False) == ""


def test_another_time_zone_locale_and_hash_seed_build_the_same_bytes(project, english_article):
    """As on another machine: the build's own clock, time zone, locale and hash seed never
    reach the output (search index included)."""
    project.page("en/2020/04/good.md", **english_article(published="2020-04-21T14:27:00+03:00"))
    project.page("ru/2020/04/khorosho.md", **english_article(lang="ru", title="Хорошо",
                                                             translation_key="other"))
    here = project.config(search=True).with_output(project.root / "here", search=True)
    assert build(here).published
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C",
           "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "builder", "--project", str(project.root), "build",
                    "--output", str(project.root / "there")], env=env, check=True,
                   capture_output=True, timeout=300)
    assert site_files(project.root / "there") == site_files(project.root / "here")

"""A page whose address changes: the build says so, and how to keep the old address, until the
editor has decided.

A new slug, a corrected date, a slug translated: each moves a page, and links to its old
address then find the not-found page. ``content/addresses.txt`` records where each page (its
``translation_key`` and language) was last published; a build that publishes it elsewhere
warns at the page (``url-changed``) with the ``aliases:`` line that keeps the old address, in
every build, the preview's and a fresh clone's included, until the editor writes that line or
deletes the page's line in the record. Real projects, built, renamed and built again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace

import builder.build
from builder.addresses import follow
from builder.cli import main
from builder.diagnostics import Severity
from builder.session import Session, build

PAGE = "en/2020/04/talks.md"
OLD = "/en/2020/04/talks/"
NEW_PAGE = "en/2020/04/talks-with-uzbekistan.md"
NEW = "/en/2020/04/talks-with-uzbekistan/"
RU_PAGE = "ru/2020/04/peregovory.md"
RECORD = "content/addresses.txt"


def talks(project, english_article, rel: str = PAGE, **front) -> None:
    project.page(rel, "Ministers of Russia and Uzbekistan met.", **english_article(
        **{"title": "Talks with Uzbekistan", "translation_key": "talks", **front}))


def russian(project, english_article, rel: str = RU_PAGE, **front) -> None:
    project.page(rel, "Министр посетил Узбекистан.", **english_article(
        **{"lang": "ru", "title": "Переговоры", "translation_key": "talks", **front}))


def move(project, old: str, new: str) -> None:
    articles = project.root / "content/articles"
    (articles / new).parent.mkdir(parents=True, exist_ok=True)
    (articles / old).rename(articles / new)


def saved_long_ago(project) -> None:
    """Every input saved well before the next build, so that a build after it that finds nothing
    changed can say so (a stamp in the two seconds before a build cannot vouch for a file)."""
    for path in project.root.rglob("*"):
        if path.is_file() and path.relative_to(project.root).parts[0] in {"content", "templates",
                                                                          "locales"}:
            os.utime(path, (1_500_000_000, 1_500_000_000))


def record_lines(project) -> list[str]:
    return [line for line in project.read(RECORD).splitlines() if not line.startswith("#")]


def line_of(project, rel: str, key: str) -> int:
    lines = (project.root / "content/articles" / rel).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def test_a_new_slug_is_a_warning_in_every_build_until_the_line_it_gives_is_written(
        project, english_article, capsys):
    talks(project, english_article)
    russian(project, english_article)
    first = build(project.config())
    assert first.diagnostics == ()
    assert record_lines(project) == [f"talks\t{OLD}", "talks\t/ru/2020/04/peregovory/"]

    move(project, PAGE, NEW_PAGE)
    saved_long_ago(project)
    report_file = project.root / "report.json"
    for _ in range(2):  # the second finds nothing changed, and repeats the report
        code = main(["--project", str(project.root), "build", "--no-search", "--strict",
                     "--report-json", str(report_file)])
        [warning] = json.loads(report_file.read_text())["diagnostics"]
        assert code == 1
        assert (warning["path"], warning["line"], warning["severity"], warning["code"]) == (
            f"content/articles/{NEW_PAGE}", line_of(project, NEW_PAGE, "translation_key"),
            "warning", "url-changed")
        assert f"the page moved from {OLD} to {NEW}" in warning["message"]
    assert "nothing changed since the last build" in capsys.readouterr().out
    assert record_lines(project)[0] == f"talks\t{OLD}"  # kept until the editor decides
    assert not (project.root / "site" / OLD.strip("/")).exists()

    [line] = re.findall(r"write '(aliases: \[[^]]*\])'", warning["message"])
    assert line == f"aliases: [{OLD}]"
    page = project.root / "content/articles" / NEW_PAGE
    page.write_text(page.read_text().replace("translation_key:", f"{line}\ntranslation_key:"))
    fixed = build(project.config())
    assert fixed.diagnostics == () and fixed.exit_code(strict=True) == 0
    assert f"url={NEW}" in (project.root / "site" / OLD.strip("/") / "index.html").read_text()
    assert f"{OLD} {NEW} 301!" in (project.root / "site/_redirects").read_text()
    assert record_lines(project)[0] == f"talks\t{NEW}"


def test_deleting_the_page_s_line_in_the_record_lets_the_old_address_go(
        project, english_article):
    talks(project, english_article)
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    [warning] = build(project.config()).diagnostics
    assert f"delete the line of talks ({OLD}) in {RECORD}" in warning.message
    record = project.root / RECORD
    record.write_text(record.read_text().replace(f"talks\t{OLD}\n", ""))
    saved_long_ago(project)
    again = build(project.config())  # only the record changed: a build all the same
    assert not again.up_to_date and again.diagnostics == ()
    assert record_lines(project) == [f"talks\t{NEW}"]
    assert build(project.config()).up_to_date


def test_a_new_date_and_a_translated_slug_are_moves_too_each_said_at_its_page(
        project, english_article):
    talks(project, english_article)
    russian(project, english_article, rel="ru/2020/04/talks.md")
    build(project.config())
    move(project, PAGE, "en/2020/05/talks.md")
    moved = project.root / "content/articles/en/2020/05/talks.md"
    moved.write_text(moved.read_text().replace("date: '2020-04-17'", "date: '2020-05-02'"))
    move(project, "ru/2020/04/talks.md", RU_PAGE)
    warnings = {d.path: d.message for d in build(project.config()).diagnostics
                if d.code == "url-changed"}
    assert warnings.keys() == {"content/articles/en/2020/05/talks.md",
                               f"content/articles/{RU_PAGE}"}
    assert f"from {OLD} to /en/2020/05/talks/" in warnings["content/articles/en/2020/05/talks.md"]
    assert ("aliases: [/ru/2020/04/talks/]" in warnings[f"content/articles/{RU_PAGE}"])


def test_the_line_to_write_keeps_the_aliases_the_page_has(project, english_article):
    talks(project, english_article, aliases=["2019/12/older"])
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    [warning] = build(project.config()).diagnostics
    assert warning.line == line_of(project, NEW_PAGE, "aliases")
    assert f"write 'aliases: [/en/2019/12/older/, {OLD}]'" in warning.message


def test_an_old_address_that_leads_somewhere_else_now_is_no_warning(project, english_article):
    """A new page took the old slug: links to it lead to a page, the editor's choice."""
    talks(project, english_article)
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    project.page(PAGE, **english_article(title="Other talks", translation_key="other"))
    assert build(project.config()).diagnostics == ()
    assert sorted(record_lines(project)) == [f"other\t{OLD}", f"talks\t{NEW}"]


def test_a_draft_keeps_its_line_and_a_deleted_page_is_forgotten(project, english_article):
    talks(project, english_article)
    russian(project, english_article)
    build(project.config())
    talks(project, english_article, draft=True)
    assert build(project.config()).diagnostics == ()
    assert record_lines(project)[0] == f"talks\t{OLD}"
    (project.root / "content/articles" / PAGE).unlink()
    talks(project, english_article, rel=NEW_PAGE)  # published again, elsewhere
    [warning] = build(project.config()).diagnostics
    assert warning.code == "url-changed" and f"from {OLD} to {NEW}" in warning.message
    (project.root / "content/articles" / RU_PAGE).unlink()
    build(project.config())
    assert record_lines(project) == [f"talks\t{OLD}"]


def test_an_item_before_its_day_is_not_recorded_by_a_build_that_shows_it(
        project, english_article, tmp_path):
    """``digest build --future --output DIR`` (a deploy preview) shows an item due later: its
    address is no reader's yet, so it is not recorded, and renaming it before its day is no
    move to warn about once it is published."""
    import datetime as dt

    talks(project, english_article, date="2020-04-20")
    shown = replace(project.config().with_output(tmp_path / "preview"), future=True)
    assert build(shown, today=dt.date(2020, 4, 18)).diagnostics == ()
    assert not (project.root / RECORD).exists() or record_lines(project) == []
    move(project, PAGE, NEW_PAGE)
    assert build(project.config(), today=dt.date(2020, 4, 20)).diagnostics == ()
    assert record_lines(project) == [f"talks\t{NEW}"]


def test_while_a_page_fails_to_read_no_line_is_forgotten(project, english_article):
    """A page whose front matter is broken cannot say which page it is: a line is forgotten
    only when every page was read."""
    talks(project, english_article)
    russian(project, english_article)
    build(project.config())
    broken = project.root / "content/articles" / PAGE
    broken.write_text(broken.read_text().replace("title:", "title: [unclosed"))
    (project.root / "content/articles" / RU_PAGE).unlink()
    report = build(project.config())
    assert [d.code for d in report.errors] == ["front-matter-syntax"]
    assert len(record_lines(project)) == 2
    talks(project, english_article)
    assert build(project.config()).diagnostics == ()
    assert record_lines(project) == [f"talks\t{OLD}"]


def test_a_fresh_clone_without_the_cache_warns_about_a_move_committed_without_its_alias(
        project, english_article, tmp_path_factory):
    """What Netlify's build (and a colleague's) starts from: the project as committed."""
    talks(project, english_article)
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    clone = tmp_path_factory.mktemp("clone") / "project"
    shutil.copytree(project.root, clone, ignore=shutil.ignore_patterns(
        "site", "site.next", ".digest-cache"))
    code = main(["--project", str(clone), "build", "--no-search", "--strict"])
    assert code == 1


def test_the_preview_warns_as_a_build_does_and_records_nothing(project, english_article):
    """A site with drafts in it is not one to publish: a page made and renamed while
    previewing was never published at its first address."""
    talks(project, english_article)
    preview = Session(persist=False)
    config = replace(project.config(), drafts=True)
    assert preview.build(config).diagnostics == ()
    assert not (project.root / RECORD).exists()
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    before = project.read(RECORD)
    [warning] = preview.build(config).diagnostics
    assert warning.code == "url-changed"
    assert project.read(RECORD) == before


def test_a_line_of_the_record_that_is_no_entry_is_a_located_error_and_no_line_is_lost(
        project, english_article):
    talks(project, english_article)
    russian(project, english_article)
    build(project.config())
    record = project.root / RECORD
    text = record.read_text()
    broken = text.replace(f"talks\t{OLD}\n", f"<<<<<<< HEAD\ntalks\t{OLD}\n=======\n"
                                             f"talks\t/en/2020/04/other/\n>>>>>>> theirs\n")
    record.write_text(broken)
    move(project, PAGE, NEW_PAGE)
    report = build(project.config())
    problems = [(d.path, d.line, d.severity, d.code) for d in report.diagnostics
                if d.code == "address-record"]
    start = text.count("\n", 0, text.index(f"talks\t{OLD}")) + 1
    assert problems == [(RECORD, line, Severity.ERROR, "address-record")
                        for line in (start, start + 2, start + 3, start + 4)]
    assert [d.code for d in report.warnings] == ["url-changed"]  # the lines it could read
    assert record.read_text() == broken


def test_a_key_that_needs_quoting_is_written_as_json_and_read_back(project, english_article):
    talks(project, english_article, translation_key='#1 "talks"\twith a tab')
    build(project.config())
    assert record_lines(project) == [f'"#1 \\"talks\\"\\twith a tab"\t{OLD}']
    move(project, PAGE, NEW_PAGE)
    [warning] = build(project.config()).diagnostics
    assert warning.code == "url-changed"


def test_the_preview_says_it_after_every_save_the_body_only_ones_included(
        project, english_article, monkeypatch):
    """A save of a page's body leaves every address as it was: the preview takes what its last
    build said, without reading the record again, while the record is the same file."""
    talks(project, english_article)
    russian(project, english_article)
    build(project.config())
    move(project, PAGE, NEW_PAGE)
    preview = Session(persist=False, warm=True)
    config = replace(project.config(), drafts=True)
    [first] = preview.build(config).diagnostics
    followed = []
    monkeypatch.setattr(builder.build, "follow", lambda *a: followed.append(a) or follow(*a))
    page = project.root / "content/articles" / NEW_PAGE
    for number in range(2):
        page.write_text(page.read_text() + f"\nA new paragraph, {number}.\n")
        assert preview.build(config, changed=[f"content/articles/{NEW_PAGE}"]).diagnostics == (
            first,)
    assert followed == []
    record = project.root / RECORD
    record.write_text(record.read_text().replace(f"talks\t{OLD}\n", ""))
    assert preview.build(config, changed=[RECORD]).diagnostics == ()
    ru = project.root / "content/articles" / RU_PAGE
    ru.write_text(ru.read_text() + "\nЕщё абзац.\n")
    assert preview.build(config, changed=[f"content/articles/{RU_PAGE}"]).diagnostics == ()

"""Scheduled items: a page dated after the build's day is held until a build on or after it.

As Hugo holds a page whose date has not come unless built with ``--buildFuture``: a held item is
in no page, list, feed, sitemap or search record, and counts nowhere; the report names it with
the day it is due; ``digest build --future`` and the live preview show it, with a banner saying
when it is due. The build's day is the date in digest.toml's time zone, given to the builds
here, so that no test depends on the machine's clock (those through the command line date their
items in 2099). A build on the day an item is due publishes it, lists, feeds and search
included, although no file changed; a build on any day on which the same items are held does
nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.request
from dataclasses import replace
from pathlib import Path

from builder.cli import main
from builder.config import load_config
from builder.diagnostics import BuildError, Fate
from builder.serve import start_preview
from builder.session import Session, build
from builder.state import State
from tests.test_search import fragments

TODAY = dt.date(2026, 5, 4)
TOMORROW = dt.date(2026, 5, 5)
HELD = "content/articles/en/2026/05/due-tomorrow.md"
HELD_URL = "/en/2026/05/due-tomorrow/"
BANNER_EN = "Scheduled for May 5, 2026: a build on or after that day publishes it."


def two_items(project, english_article) -> None:
    """An item published long ago, and one dated :data:`TOMORROW`, both saved well before the
    builds (so that a file's stamp vouches for it, and a build can find nothing to do)."""
    for page in (
            project.page("en/2020/04/a-test-item.md", "Published long ago.", **english_article()),
            project.page(HELD.removeprefix("content/articles/"), "The scheduled text.",
                         **english_article(title="Due tomorrow", date=str(TOMORROW),
                                           translation_key="due", summary="Soon."))):
        os.utime(page, (1_500_000_000, 1_500_000_000))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def site_text(folder: Path) -> str:
    return "\n".join(data.decode(errors="replace") for data in tree(folder).values())


def clean(project, folder: Path, day: dt.date, *, future: bool = False, search: bool = False
          ) -> dict[str, bytes]:
    """The same inputs built from nothing on ``day``, into a folder of their own."""
    config = replace(load_config(project.root).with_output(folder, search=search), future=future)
    assert Session(State(), persist=False).build(config, today=day).published
    return tree(folder)


def fates(report) -> dict[str, tuple[Fate, str]]:
    return {o.path: (o.fate, o.detail) for o in report.outcomes}


def test_an_item_dated_after_the_build_day_is_held_out_of_everything_and_reported_with_its_day(
        project, english_article):
    two_items(project, english_article)
    report = build(project.config(search=True), today=TODAY)
    assert report.published and report.exit_code(strict=True) == 0  # on purpose: no warning
    assert fates(report)[HELD] == (Fate.SCHEDULED, "2026-05-05")
    text = report.render_text()
    assert f"{HELD}: scheduled for 2026-05-05" in text.splitlines()
    assert "articles: 1 published, 1 scheduled, 0 drafts, 0 failed" in text
    assert report.as_json()["counts"]["pages"]["scheduled"] == 1

    site = project.root / "site"
    assert not (site / "en/2026").exists()  # nor its year or month archive
    published = site_text(site)
    assert "Due tomorrow" not in published and "scheduled text" not in published
    assert HELD_URL not in published  # no list, feed, sitemap or neighbour link leads to it
    assert [record["url"] for record in fragments(site, "en")] == ["/en/2020/04/a-test-item/"]


def test_a_build_on_the_day_publishes_the_item_though_no_file_changed(
        project, english_article, tmp_path_factory):
    two_items(project, english_article)
    config = project.config(search=True)
    assert not build(config, today=TODAY).up_to_date
    assert build(config, today=TODAY).up_to_date  # the same day: a no-op stays one

    due = build(config, today=TOMORROW, explain=True)
    assert due.published and not due.up_to_date and not due.errors
    assert due.changes == ("changed: the schedule (the day is 2026-05-05: the items scheduled "
                           "for 2026-05-05 are due)",)
    assert fates(due)[HELD] == (Fate.PUBLISHED, HELD_URL)
    site = project.root / "site"
    home = (site / "en/index.html").read_text()
    assert HELD_URL in home and BANNER_EN not in (site / HELD_URL.strip("/") / "index.html"
                                                  ).read_text()
    assert HELD_URL in (site / "en/feed.xml").read_text()
    assert HELD_URL in (site / "sitemap.xml").read_text()
    assert "/en/2026/05/due-tomorrow/" in {r["url"] for r in fragments(site, "en")}
    # Its shard is new, and the Russian one of its year (it has no Russian version, so it is a
    # record there), and the 2020 item's, whose page now links to it as its neighbour in their
    # topic, is indexed again; nothing else is rendered but the pages that list it.
    assert due.shards_indexed == 3 and "en/2020/04/a-test-item/index.html" in dict(
        due.explanations)
    assert tree(site) == clean(project, tmp_path_factory.mktemp("clean") / "site", TOMORROW,
                               search=True)

    assert build(config, today=TOMORROW).up_to_date
    assert build(config, today=dt.date(2027, 1, 1)).up_to_date  # nothing is held any more


def test_a_build_on_an_earlier_day_holds_the_item_again(project, english_article, tmp_path):
    """The day can go back (a clock set right, a build given its day): the site is what a clean
    build on that day makes, whatever the build before it saw."""
    two_items(project, english_article)
    config = project.config()
    build(config, today=TOMORROW)
    assert build(config, today=TOMORROW).up_to_date
    again = build(config, today=TODAY, explain=True)
    assert again.changes == ("changed: the schedule (the day is 2026-05-04, before 2026-05-05: "
                             "the items dated after it are scheduled again)",)
    assert fates(again)[HELD] == (Fate.SCHEDULED, "2026-05-05")
    assert tree(project.root / "site") == clean(project, tmp_path / "clean", TODAY)


def test_future_shows_the_item_with_its_banner_and_switching_it_off_holds_it_again(
        project, english_article, tmp_path_factory):
    two_items(project, english_article)
    config = project.config()
    build(config, today=TODAY)
    site, page = project.root / "site", project.root / "site" / HELD_URL.strip("/") / "index.html"

    def equals_clean(day: dt.date, future: bool) -> bool:
        return tree(site) == clean(project, tmp_path_factory.mktemp("clean") / "site", day,
                                   future=future)

    shown = build(replace(config, future=True), today=TODAY)
    assert fates(shown)[HELD] == (Fate.SCHEDULED, "2026-05-05")  # shown, and still not due
    assert BANNER_EN in page.read_text() and HELD_URL in (site / "en/index.html").read_text()
    assert equals_clean(TODAY, future=True)
    assert build(replace(config, future=True), today=TODAY).up_to_date

    due = build(replace(config, future=True), today=TOMORROW)  # the banner goes on its day
    assert not due.up_to_date and BANNER_EN not in page.read_text()
    assert equals_clean(TOMORROW, future=True)

    build(config, today=TODAY)
    assert not page.exists() and HELD_URL not in (site / "en/index.html").read_text()
    assert equals_clean(TODAY, future=False)


def test_digest_build_future_from_the_command_line(project, english_article, tmp_path):
    project.page("en/2099/01/far-ahead.md", **english_article(title="Far ahead",
                                                              date="2099-01-01"))
    root, report = str(project.root), tmp_path / "report.json"
    page = project.root / "site/en/2099/01/far-ahead/index.html"
    assert main(["--project", root, "build", "--no-search", "--report-json", str(report)]) == 0
    assert not page.exists()
    counts = json.loads(report.read_text())["counts"]["pages"]
    assert (counts["published"], counts["scheduled"]) == (0, 1)
    assert main(["--project", root, "build", "--no-search", "--future"]) == 0
    assert "Scheduled for January 1, 2099" in page.read_text()
    assert main(["--project", root, "build", "--no-search"]) == 0
    assert not page.exists()


def test_a_held_version_is_left_out_of_the_language_switch_until_its_day(
        project, english_article):
    """The English version is published today, its Russian translation scheduled for tomorrow:
    until then the English page's switch leads to the nearest Russian page, saying the item is
    not available in Russian, and the Russian lists show the English version, as for an item
    without a translation; the build on the day links both ways."""
    project.page("en/2026/05/talks.md", **english_article(title="Talks", date=str(TODAY),
                                                          translation_key="talks"))
    project.page("ru/2026/05/peregovory.md", **english_article(
        lang="ru", title="Переговоры", date=str(TOMORROW), translation_key="talks",
        translated_from="en"))
    config, site = project.config(), project.root / "site"
    build(config, today=TODAY)
    english = (site / "en/2026/05/talks/index.html").read_text()
    assert "/ru/2026/05/peregovory/" not in english
    assert 'hreflang="ru"' not in english.split("</head>")[0]  # no alternate for search engines
    assert "This item is not available in Russian." in english
    assert "/en/2026/05/talks/" in (site / "ru/index.html").read_text()  # with its badge

    build(config, today=TOMORROW)
    english = (site / "en/2026/05/talks/index.html").read_text()
    assert 'href="/ru/2026/05/peregovory/"' in english
    assert "This item is not available in Russian." not in english


def test_i18n_status_names_a_version_scheduled_for_later(project, english_article, capsys):
    project.page("en/2020/04/talks.md", **english_article(title="Talks", translation_key="talks"))
    project.page("ru/2099/04/peregovory.md", **english_article(
        lang="ru", title="Переговоры", date="2099-04-17", translation_key="talks"))
    assert main(["--project", str(project.root), "i18n", "status", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    ru = out.index("ru: 0 items lack a version in ru, 0 have only a draft, 1 are scheduled, "
                   "0 are outdated")
    assert out[ru + 1] == "  scheduled for 2099-04-17: content/articles/ru/2099/04/peregovory.md"


def test_the_preview_shows_a_scheduled_item_with_its_banner_in_the_pages_language(
        project, english_article):
    project.page("ru/2099/01/vperedi.md", "Текст на будущее.", **english_article(
        lang="ru", title="Впереди", date="2099-01-01"))
    preview = start_preview(project.config(), port=0, quiet=0.05, log=lambda _line: None)
    try:
        url = preview.url.rstrip("/") + "/ru/2099/01/vperedi/"
        with urllib.request.urlopen(url, timeout=30) as answer:
            page = answer.read().decode()
    finally:
        preview.stop()
    assert "Текст на будущее." in page
    assert ("Запланировано на 1 января 2099\u202fг.: его опубликует сборка в этот день или "
            "позже." in page)  # CLDR's date, with its narrow no-break space
    build(project.config())  # the first build after the preview holds it again
    assert not (project.root / "site/ru/2099").exists()


def test_the_day_is_the_one_in_the_sites_time_zone(project):
    """Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC-11)."""
    toml = project.root / "digest.toml"
    text = toml.read_text()
    days = []
    for zone in ("Pacific/Pago_Pago", "Pacific/Kiritimati"):
        toml.write_text(text.replace('timezone = "UTC"', f'timezone = "{zone}"'))
        days.append(load_config(project.root).today())
    assert 1 <= (days[1] - days[0]).days <= 2
    for wrong in ("Europe", "Mars/Olympus", "localtime"):
        toml.write_text(text.replace('timezone = "UTC"', f'timezone = "{wrong}"'))
        try:
            load_config(project.root)
        except BuildError as exc:
            assert str(exc.diagnostic) == (
                f"digest.toml: error: [site] timezone '{wrong}' is not an IANA time zone like "
                f"'UTC' or 'Europe/Moscow' [config-value]")
        else:
            raise AssertionError(f"{wrong} was taken for a time zone")

"""When the outlet published a story: the time a source prints on its date line becomes the
page's ``published``, in the zone the line names or else the outlet's, and so the feeds' times.

A pasted wire or page, in English and Russian, in the shapes agencies and sites print their
stamps; a saved page's metadata (``<time datetime>``, ``article:published_time``) is read by
:mod:`builder.ingest.html` and held by ``tests/test_ingest_html.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from builder.diagnostics import Fate
from builder.formats import frontmatter
from builder.ingest.run import ingest_sources
from builder.ingest.dates import date_line, publication_stamp
from builder.session import build

TODAY = dt.date(2026, 11, 25)
MSK = dt.timezone(dt.timedelta(hours=3))
EN_STORY = ("MOSCOW, October 15. /TASS/. Russian Foreign Minister Sergei Lavrov held talks with "
            "his Uzbek counterpart on Thursday, the ministry said.\n\nThe sides discussed "
            "cooperation within the CSTO.\n")
RU_STORY = ("МОСКВА, 15 октября. /ТАСС/. Министр иностранных дел России Сергей Лавров провел "
            "переговоры с узбекским коллегой, сообщили в министерстве.\n\nСтороны обсудили "
            "сотрудничество в рамках ОДКБ.\n")
EN_WIRE = ("MOSCOW (Reuters) - Russia and Uzbekistan discussed cooperation on Thursday, officials "
           "said.\n\nThe talks went on for hours.\n")
RU_WIRE = ("МОСКВА, 15 окт — РИА Новости. Россия и Узбекистан обсудили торговлю, сообщили в "
           "министерстве.\n\nПереговоры длились несколько часов.\n")


def ingested(project, text: str, sidecar: str = "") -> tuple[dict, str, list]:
    """The front matter and body of the page ``text`` became, and ingest's warnings."""
    sources = project.root / "content" / "sources"
    (sources / "story.txt").write_text(text, encoding="utf-8")
    if sidecar:
        (sources / "story.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    result = ingest_sources(project.config(), today=TODAY)
    [outcome] = [o for o in result.outcomes if o.fate is Fate.INGESTED]
    page = frontmatter.parse(project.read(outcome.detail))
    return page.data, page.body, list(result.diagnostics)


def published(data: dict) -> dt.datetime | None:
    value = data.get("published")
    return dt.datetime.fromisoformat(value) if value else None


@pytest.mark.parametrize(("stamp", "story", "expected"), [
    # TASS (Europe/Moscow in content/outlets.yaml): the outlet's clock
    ("15 OCT, 14:35", EN_STORY, dt.datetime(2026, 10, 15, 14, 35, tzinfo=MSK)),
    ("Oct 15, 2020 2:35 PM", EN_STORY, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("October 15, 2020 / 2:35 PM / Updated 2 hours ago", EN_STORY,
     dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("15 октября 2020, 14:35", RU_STORY, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("14:35, 15 октября 2020", RU_STORY, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("15.10.2020 в 14:35", RU_STORY, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("Опубликовано: 15 октября 2020, 14:35", RU_STORY,
     dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    # a zone the line names wins over the outlet's, and needs no outlet's
    ("Oct 15, 2020 11:35 GMT", EN_STORY, dt.datetime(2020, 10, 15, 11, 35, tzinfo=dt.UTC)),
    ("2020-10-15T14:35:00+03:00", EN_WIRE, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("Thu, 15 Oct 2020 07:35:00 -0400", EN_WIRE,
     dt.datetime(2020, 10, 15, 7, 35, tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
    ("15.10.2020, 14:35 МСК", RU_WIRE, dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("15 октября 2020, 11:35 (UTC+0)", RU_WIRE, dt.datetime(2020, 10, 15, 11, 35, tzinfo=dt.UTC)),
])
def test_the_time_a_date_line_prints_is_kept_as_published(project, stamp, story, expected):
    title = ("Россия и Узбекистан обсудили торговлю" if story in (RU_STORY, RU_WIRE)
             else "Lavrov holds talks with Uzbek counterpart")
    data, body, _ = ingested(project, f"{title}\n\n{stamp}\n\n{story}")
    assert published(data) == expected
    assert dt.date.fromisoformat(data["date"]) == expected.date()
    assert "35" not in body  # the date line is furniture, kept in front matter only


@pytest.mark.parametrize("stamp", ["October 15, 2020", "Thursday, October 15, 2020",
                                   "15 октября 2020 года"])
def test_a_date_line_without_a_time_gives_no_publication_time(project, stamp):
    data, _, warnings = ingested(project, f"Lavrov holds talks\n\n{stamp}\n\n{EN_STORY}")
    assert "published" not in data and data["date"] == "2020-10-15"
    assert not warnings


@pytest.mark.parametrize("stamp", ["Updated: 15/10/2020 - 16:40",
                                   "обновлено: 15 октября 2020, 16:40"])
def test_an_updates_time_is_not_taken_for_the_publication_time(stamp):
    assert date_line(stamp) is not None  # still the page's date
    assert publication_stamp(stamp) is None


@pytest.mark.parametrize(("stamp", "zone"), [
    ("10:00-12:00, 15 October 2020", None),  # hours, not an offset
    ("15 October 2020, 14:35 UTC-4", dt.timezone(dt.timedelta(hours=-4))),
    ("2020-10-15T14:35:00Z", dt.UTC),
    ("15 October 2020, 14:35 +99:00", None),  # no clock is that far from UTC
])
def test_only_a_zone_printed_as_one_is_taken(stamp, zone):
    assert date_line(stamp).zone == zone


def hours(offset: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=offset))


@pytest.mark.parametrize(("stamp", "zone"), [
    ("26 July 2020, 10:15 BST", hours(1)),  # London's summer clock
    ("Jul 27, 2020 09:12 JST", hours(9)),
    ("27 июля 2020, 09:12 KST", hours(9)),
    ("July 26, 2020 2:35 PM EDT", hours(-4)),
    ("26.07.2020 14:05 CEST", hours(2)),
    ("26.07.2020, 14:05 EEST", hours(3)),
    ("Jan 15, 2020 8:00 AM PST", hours(-8)),
    ("15 October 2020, 14:35 CET", hours(1)),
    ("15 October 2020, 14:35 IST", hours(5.5)),
])
def test_the_zone_abbreviations_news_pages_print_are_read(stamp, zone):
    assert date_line(stamp).zone == zone


@pytest.mark.parametrize("stamp", ["15 October 2020, 14:35 CST", "Oct 15, 2020 2:35 PM AST"])
def test_an_abbreviation_that_names_two_zones_is_not_guessed(stamp):
    found = date_line(stamp)
    assert found.zone is None and found.unread_zone == stamp.split()[-1]


@pytest.mark.parametrize("stamp", ["Oct 15, 2020 2:35 PM", "15 октября 2020, 14:35 Москва"])
def test_capitals_that_are_no_zone_are_not_reported_as_one(stamp):
    assert date_line(stamp) is None or date_line(stamp).unread_zone == ""


@pytest.mark.parametrize(("stamp", "said"), [
    ("Oct 15, 2020 2:35 PM CST", "in 'CST', an abbreviation not read as a time zone"),
    ("Oct 15, 2020 2:35 PM", "but no time zone"),
])
def test_the_warning_names_the_abbreviation_it_could_not_read(project, stamp, said):
    """"no time zone" would be false of a line that prints one: the editor is told which
    abbreviation was not understood, to give the offset it means."""
    _, _, warnings = ingested(project, f"Russia and Uzbekistan discuss cooperation\n\n"
                                       f"{stamp}\n\n{EN_WIRE}")
    [warned] = [w for w in warnings if w.code == "published-zone-unknown"]
    assert said in warned.message and "the time 14:35" in warned.message


def test_a_stamp_in_british_summer_time_is_kept_at_its_offset(project):
    data, _, warnings = ingested(project, f"Russia and Uzbekistan discuss cooperation\n\n"
                                          f"15 October 2020, 11:35 BST\n\n{EN_WIRE}")
    assert published(data) == dt.datetime(2020, 10, 15, 11, 35, tzinfo=hours(1))
    assert not [w for w in warnings if w.code == "published-zone-unknown"]


def test_a_stamp_under_the_story_gives_its_time_too(project):
    text = (f"Лавров провел переговоры\n\n{RU_STORY}\nДата публикации: 15.10.2020 14:35\n")
    data, body, _ = ingested(project, text)
    assert published(data) == dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)
    assert "Дата публикации" not in body


def test_a_time_in_no_known_zone_is_kept_as_printed_without_an_offset(project):
    """A Reuters wire in a project that does not know Reuters' clock: the instant is unknown,
    so no zone is invented; the time stays as the wire printed it, and is said (every build
    says it after, tests/test_persistent_warnings.py)."""
    data, _, warnings = ingested(project, f"Russia and Uzbekistan discuss cooperation\n\n"
                                       f"Oct 15, 2020 2:35 PM\n\n{EN_WIRE}")
    assert published(data) == dt.datetime(2020, 10, 15, 14, 35) and data["date"] == "2020-10-15"
    [said] = [w for w in warnings if w.code == "published-zone-unknown"]
    assert said.path == "content/sources/story.txt" and said.line == 3
    assert "the time 14:35" in said.message and "(2020-10-15T14:35:00+HH:MM)" in said.message


@pytest.mark.parametrize(("title", "stamp", "wire", "expected"), [
    ("Россия и Узбекистан обсудили торговлю", "15 октября 2020, 14:35", RU_WIRE,
     dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),  # RIA: by Moscow's clock
    ("Переговоры в Ташкенте", "15.10.2020 14:35",
     RU_WIRE.replace("РИА Новости", "Интерфакс"), dt.datetime(2020, 10, 15, 14, 35, tzinfo=MSK)),
    ("China and Uzbekistan sign trade deal", "2020-10-15 14:35",
     "BEIJING, Oct. 15 (Xinhua) -- China and Uzbekistan signed a trade deal on Thursday.\n\n"
     "The deal covers cotton.\n",
     dt.datetime(2020, 10, 15, 14, 35, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
])
def test_an_agency_the_project_does_not_list_yet_prints_times_by_its_home_clock(
        project, title, stamp, wire, expected):
    """RIA, Interfax and Xinhua are not in the sample's outlets.yaml, but their pages print
    times by one known clock: the time is kept, and the lines to add name that zone."""
    data, _, warnings = ingested(project, f"{title}\n\n{stamp}\n\n{wire}")
    assert published(data) == expected
    assert not [w for w in warnings if w.code == "published-zone-unknown"]


def test_a_stated_publication_time_wins_over_the_date_line(project):
    data, _, _ = ingested(project, f"Lavrov holds talks\n\n15 OCT, 14:35\n\n{EN_STORY}",
                       sidecar="year: 2020\npublished: 2020-10-15T18:00:00+03:00\n")
    assert published(data) == dt.datetime(2020, 10, 15, 18, 0, tzinfo=MSK)


def test_the_feeds_carry_the_time_the_source_printed(project):
    ingested(project, f"Lavrov holds talks with Uzbek counterpart\n\n15 октября 2020, 14:35\n\n"
                      f"{RU_STORY}")
    report = build(project.config())
    assert report.published and not report.warnings, report.render_text()
    feed = (project.root / "site/ru/feed.xml").read_text(encoding="utf-8")
    assert "<published>2020-10-15T14:35:00+03:00</published>" in feed
    assert "<updated>2020-10-15T14:35:00+03:00</updated>" in feed


@pytest.mark.parametrize(("published", "inferred"), [
    ("2020-10-15T18:00:00+03:00", False),  # the dateline's day: its year is the page's
    ("2020-10-20T09:00:00+03:00", False),  # a report of five days before
    ("2020-12-01T09:00:00+03:00", True),  # six weeks after: the year is a guess
])
def test_a_dateline_without_a_year_takes_the_stated_publications_year_unwarned_when_close(
        project, published, inferred):
    """A saved TASS page states its publication time in its markup and prints "15 October" in
    its dateline: that date's year is known, and every build warned of it as guessed (an
    outside trial)."""
    data, _, warnings = ingested(project, f"Lavrov holds talks with Uzbek counterpart\n\n"
                                          f"{EN_STORY}", sidecar=f"published: {published}\n")
    assert data["date"] == "2020-10-15"
    assert ("date_inferred" in data) is inferred
    assert bool([w for w in warnings if w.code == "date-year-inferred"]) is inferred

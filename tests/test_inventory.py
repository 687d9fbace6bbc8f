"""``digest topics`` and ``digest outlets``: every topic and outlet with its items per language,
labels missing in a language, keys pages use that the configuration lacks; exit code 1 when a
label is missing."""

from __future__ import annotations

import datetime as dt

from builder import inventory
from builder.model import Article
from builder.read import read_articles
from tests.test_scaffold import digest

TOPICS = """\
covid-19:
  label: {en: COVID-19, ru: COVID-19}
csto:
  label: {en: CSTO}
quiet:
  label: {en: Nothing here yet, ru: ""}
"""
OUTLETS = """\
mfa:
  name: {en: MFA, ru: МИД}
tass:
  name: {en: TASS}
"""


def lists_with_gaps(project, english_article):
    """A topic and an outlet without a Russian label, a topic with a blank one, and pages that
    name a topic and outlets the configuration lacks."""
    project.write("content/topics.yaml", TOPICS)
    project.write("content/outlets.yaml", OUTLETS)
    project.page("en/2020/04/a.md", **english_article(topics=["covid-19", "csto"]))
    project.page("en/2020/04/b.md", **english_article(topics=["covid-19", "made-up"],
                                                      outlet="tass", translation_key="b"))
    project.page("ru/2020/04/a.md", **english_article(lang="ru", topics=["covid-19"]))
    project.page("ru/2020/04/c.md", "## First section\n\nText.", **english_article(
        lang="ru", topics=[], section_topics={"first-section": ["csto", "also-made-up"]},
        outlet="agency-x", translation_key="c"))
    project.page("en/2020/04/d.md", **english_article(topics=[], translation_key="d",
                                                      outlet=None))


def test_digest_topics_counts_each_topic_per_language_and_flags_what_is_missing(
        project, english_article):
    lists_with_gaps(project, english_article)

    done = digest(project.root, "topics")

    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == (
        "covid-19      en 2  ru 1\n"
        "csto          en 1  ru 1  missing label: ru\n"
        "quiet         en 0  ru 0  missing label: ru\n"
        "also-made-up  en 0  ru 1  not in content/topics.yaml\n"
        "made-up       en 1  ru 0  not in content/topics.yaml\n")


def test_digest_outlets_counts_each_outlet_per_language_and_flags_what_is_missing(
        project, english_article):
    lists_with_gaps(project, english_article)

    done = digest(project.root, "outlets")

    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == (
        "mfa       en 1  ru 1\n"
        "tass      en 1  ru 0  missing name: ru\n"
        "agency-x  en 0  ru 1  not in content/outlets.yaml\n"
        "unknown   en 1  ru 0  not in content/outlets.yaml\n"
        "\n"
        "To add to content/outlets.yaml (check the names):\n"
        "agency-x:\n  name:\n    en: Agency X\n    ru: Agency X\n"
        "unknown:\n  name:\n    en: Unknown\n    ru: Unknown\n")


def test_digest_outlets_suggests_a_new_outlet_under_the_name_its_source_printed(
        project, english_article):
    """Ingest keeps the name a source printed for an outlet the lists lack ("Тюмень Today"):
    the lines to add give it, not the key title-cased ("Tyumen Today")."""
    project.page("ru/2020/04/a.md", **english_article(lang="ru", outlet="tyumen-today",
                                                       outlet_name="Тюмень Today"))

    done = digest(project.root, "outlets")

    assert "tyumen-today:\n  name:\n    en: Тюмень Today\n    ru: Тюмень Today\n" in done.stdout


def test_complete_lists_exit_with_0_and_list_every_key(project, english_article):
    project.page("en/2020/04/a.md", **english_article())
    config = project.config()

    topics, outlets = digest(project.root, "topics"), digest(project.root, "outlets")

    assert (topics.returncode, outlets.returncode) == (0, 0)
    assert [line.split()[0] for line in topics.stdout.splitlines()] == list(config.topics)
    assert [line.split()[0] for line in outlets.stdout.splitlines()] == list(config.outlets)
    assert "csto               en 1  ru 0" in topics.stdout.splitlines()
    assert "mfa      en 1  ru 0" in outlets.stdout.splitlines()


# --- the pure functions -------------------------------------------------------------------------

def article(lang: str, number: int, topics: tuple[str, ...] = (), outlet: str = "mfa") -> Article:
    return Article(path=f"content/articles/{lang}/2020/04/a{number}.md", lang=lang,
                   slug=f"a{number}", title="A", date=dt.date(2020, 4, 17), outlet=outlet,
                   translation_key=f"k{number}", digest="", body_sha256="", body_line=5,
                   topics=topics)


def test_rows_count_articles_per_language_and_columns_stay_aligned(project):
    config = project.config()
    articles = [article("en", n, ("covid-19",)) for n in range(12)]
    articles += [article("ru", n, ("covid-19", "csto"), outlet="tass") for n in range(3)]
    named = {articles[0].path: ("covid-19", "new\nline")}

    listing = inventory.topics(config, articles, named)

    covid = next(row for row in listing.rows if row.key == "covid-19")
    assert covid == inventory.Row("covid-19", {"en": 12, "ru": 3})
    assert listing.rows[-1] == inventory.Row("new\nline", {"en": 1, "ru": 0}, known=False)
    lines = listing.lines()
    assert "covid-19           en 12  ru  3" in lines
    assert "new\\nline          en  1  ru  0  not in content/topics.yaml" in lines
    assert not listing.complete  # a key pages use that the configuration lacks: exit code 1
    assert [row.counts for row in inventory.outlets(config, articles).rows
            if row.key in ("mfa", "tass")] == [{"en": 12, "ru": 0}, {"en": 0, "ru": 3}]


def test_named_topics_are_those_of_topics_and_section_topics_whatever_their_shape():
    assert inventory.named_topics({"topics": ["a", "b"],
                                   "section_topics": {"x": ["c"], "y": ["a"]}}) == ("a", "b", "c",
                                                                                   "a")
    assert inventory.named_topics({"topics": "a"}) == ("a",)
    assert inventory.named_topics({"topics": None, "section_topics": {"x": "c"}}) == ()
    assert inventory.named_topics({}) == ()


def test_from_the_read_stage_alone_only_known_topics_are_listed(project, english_article):
    lists_with_gaps(project, english_article)
    config = project.config()
    articles = read_articles(config, {}).articles

    listing = inventory.topics(config, articles, {})

    assert [(row.key, dict(row.counts), row.missing) for row in listing.rows] == [
        ("covid-19", {"en": 2, "ru": 1}, ()),
        ("csto", {"en": 1, "ru": 1}, ("ru",)),
        ("quiet", {"en": 0, "ru": 0}, ("ru",)),
    ]
    assert not listing.complete

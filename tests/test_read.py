"""builder.read: Markdown pages -> Articles, with located diagnostics for bad pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.diagnostics import Fate, Severity
from builder.formats import frontmatter
from builder.read import read_articles


def test_a_valid_page_becomes_an_article_with_its_url_and_sections(project, english_article):
    project.page("en/2020/04/csto-item.md", "## CSTO talks\n\nText.\n\n## Other news\n\nMore.",
                 **english_article(section_topics={"csto-talks": ["csto", "covid-19"]}))
    result = read_articles(project.config(), {})
    [article] = result.articles
    assert article.url == "/en/2020/04/csto-item/"
    assert article.date == dt.date(2020, 4, 17)
    assert [s.anchor for s in article.sections] == ["csto-talks", "other-news"]
    assert article.sections[0].topics == ("covid-19", "csto")
    assert article.topics == ("covid-19", "csto")
    assert result.diagnostics == ()


def test_a_wrong_type_is_an_error_at_the_line_of_its_key_and_other_pages_still_read(
        project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    project.page("en/2020/04/bad.md", **english_article(topics=["csto"], date=["not", "a date"]))
    result = read_articles(project.config(), {})
    assert [a.slug for a in result.articles] == ["good"]
    [diagnostic] = result.diagnostics
    assert str(diagnostic) == (
        "content/articles/en/2020/04/bad.md:3: error: 'date' must be a date like 2020-04-17, "
        "not list ['not', 'a date'] [front-matter-type]")
    fates = {o.path.rsplit("/", 1)[1]: o.fate for o in result.outcomes}
    assert fates == {"bad.md": Fate.FAILED, "good.md": Fate.PUBLISHED}


def test_broken_yaml_is_reported_with_the_file_line(project):
    project.write("content/articles/en/2020/04/broken.md",
                  "---\ntitle: ok\ndate: 2020-04-17\ntopics: [csto\n---\n\nBody\n")
    [diagnostic] = read_articles(project.config(), {}).diagnostics
    assert diagnostic.severity is Severity.ERROR
    assert diagnostic.code == "front-matter-syntax"
    assert diagnostic.path == "content/articles/en/2020/04/broken.md"
    assert diagnostic.line is not None and 4 <= diagnostic.line <= 5


def test_a_page_without_front_matter_is_an_error(project):
    project.write("content/articles/en/2020/04/bare.md", "Just text\n")
    [diagnostic] = read_articles(project.config(), {}).diagnostics
    assert diagnostic.code == "front-matter-missing"


def test_unknown_topics_outlets_and_fragments_are_warnings_not_failures(project, english_article):
    path = project.page("en/2020/04/item.md", '{{< fragment id="nowhere" lang="ru" >}}',
                        **english_article(topics=["no-such-topic"], outlet="nobody"))
    fragment_line = path.read_text().splitlines().index('{{< fragment id="nowhere" lang="ru" >}}') + 1
    result = read_articles(project.config(), {})
    assert len(result.articles) == 1
    assert {d.code for d in result.diagnostics} == {"topic-unknown", "outlet-unknown",
                                                    "fragment-unknown"}
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)
    fragment_warning = next(d for d in result.diagnostics if d.code == "fragment-unknown")
    assert fragment_warning.line == fragment_line  # the line in the file, not in the body


def test_unknown_front_matter_keys_are_kept_for_templates(project, english_article):
    project.page("en/2020/04/item.md", **english_article(editor_note="check figures"))
    [article] = read_articles(project.config(), {}).articles
    assert article.extra == {"editor_note": "check figures"}


def test_colliding_slugs_in_one_language_are_reported_and_made_unique(project, english_article):
    project.page("en/2020/04/same.md", **english_article(translation_key="a"))
    project.page("en/2020/05/same.md", **english_article(translation_key="b", date="2020-05-01"))
    result = read_articles(project.config(), {})
    assert sorted(a.slug for a in result.articles) == ["same", "same-2"]
    assert [d.code for d in result.diagnostics] == ["slug-collision"]


def test_a_language_outside_the_config_is_an_error(project, english_article):
    project.page("en/2020/04/item.md", **english_article(lang="de"))
    [diagnostic] = read_articles(project.config(), {}).diagnostics
    assert diagnostic.code == "front-matter-value"
    assert diagnostic.line == 4


def test_a_date_outside_its_folder_says_where_the_page_belongs(project, english_article):
    project.page("en/2020/04/item.md", **english_article(date="2021-05-03"))
    [diagnostic] = [d for d in read_articles(project.config(), {}).diagnostics
                    if d.code == "date-folder"]
    assert diagnostic.line == 3 and diagnostic.path.endswith("en/2020/04/item.md")
    assert diagnostic.message == ("date 2021-05-03 does not match the folder 2020/04 it is in; "
                                  "move the page to content/articles/en/2021/05/, or correct date")


def test_a_source_url_that_is_not_a_web_address_is_dropped_with_a_warning(project, english_article):
    page = project.page("en/2020/04/a.md", **english_article(source_url="javascript:alert(1)"))
    project.page("en/2020/04/b.md", **english_article(translation_key="b",
                                                      source_url="https://www.mid.ru/en/x"))
    result = read_articles(project.config(), {})
    urls = {article.slug: article.source_url for article in result.articles}
    assert urls == {"a": None, "b": "https://www.mid.ru/en/x"}
    [diagnostic] = result.diagnostics
    assert (diagnostic.path, diagnostic.code, diagnostic.severity) == (
        "content/articles/en/2020/04/a.md", "front-matter-url", Severity.WARNING)
    lines = page.read_text(encoding="utf-8").splitlines()
    assert lines[diagnostic.line - 1].startswith("source_url:")


def test_editors_hidden_lock_and_temporary_files_are_not_pages(project, english_article):
    project.page("en/2020/04/a.md", **english_article())
    for name in (".#a.md", ".a.md.swp", "a.md~", "#a.md#", ".hidden/b.md"):
        project.write(f"content/articles/en/2020/04/{name}", "not a page")
    result = read_articles(project.config(), {})
    assert [outcome.path for outcome in result.outcomes] == ["content/articles/en/2020/04/a.md"]
    assert result.diagnostics == ()


def test_a_page_gone_while_the_build_reads_is_a_located_error_not_a_crash(project, english_article):
    page = project.page("en/2020/04/a.md", **english_article())
    pages = ["content/articles/en/2020/04/a.md"]  # as the build's first look found them
    page.unlink()  # then the editor renamed it away
    result = read_articles(project.config(), {}, pages)
    [outcome] = result.outcomes
    assert (outcome.path, outcome.fate) == ("content/articles/en/2020/04/a.md", Fate.FAILED)
    assert [d.code for d in result.diagnostics] == ["page-unreadable"]


def test_reading_only_the_changed_pages_gives_what_reading_them_all_gives(project, english_article):
    """The live preview reads again only the pages the watcher saw change; when that could
    change another page or the report's list of pages, it reads them all, as any build does."""
    import os
    from dataclasses import replace

    from builder.incremental.changes import InputRecord, detect
    from builder.incremental.environment import environment
    from builder.incremental.inputs import rescan, scan_inputs
    from builder.read import reread_articles

    config = project.config()
    first = project.page("en/2020/04/first.md", "Old text.", **english_article())
    second = project.page("en/2020/04/second.md", **english_article(title="Second"))
    earlier = read_articles(config, {})
    record = InputRecord(scan_inputs(config), environment(config), 0)

    def reread(*changed: Path) -> object:
        scan, looked = rescan(record.scan, config, [config.relative(path) for path in changed])
        changes = detect(record, scan, environment(config), today=None, told=looked)
        return reread_articles(config, {}, earlier, changes)

    project.page("en/2020/04/first.md", "New text.", **english_article(title="Retitled"))
    again = reread(first, project.root / "content/topics.yaml")
    whole = read_articles(config, {})
    assert again is not None
    assert (again.articles, again.outcomes, again.diagnostics, again.parsed) == (
        whole.articles, whole.outcomes, whole.diagnostics, 1)
    assert {rel: read.article for rel, read in again.reads.items()} == {
        rel: read.article for rel, read in whole.reads.items()}
    assert reread() == replace(earlier, parsed=0)

    project.page("en/2020/04/first.md", **english_article(date="2020-05-01"))  # another URL
    assert reread(first) is None
    project.page("en/2020/04/first.md", **english_article(outlet="nobody"))  # a new warning
    assert reread(first) is None
    project.page("en/2020/04/first.md", **english_article(date="not a date"))  # invalid
    assert reread(first) is None
    added = project.page("en/2020/04/third.md", **english_article())
    assert reread(added) is None
    os.unlink(second)
    assert reread(second) is None


@settings(max_examples=200, deadline=None)
@given(body=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
       with_front_matter=st.booleans())
def test_the_body_read_again_at_rendering_is_the_body_read_with_the_front_matter(
        body, with_front_matter):
    text = f"---\ntitle: A\n---\n{body}" if with_front_matter else body
    try:
        parsed = frontmatter.parse(text)
    except frontmatter.FrontMatterError:
        return  # never read, so never read again
    assert frontmatter.split_body(text) == parsed.body


def test_a_page_broken_after_it_read_well_is_shown_as_it_last_read_only_in_the_preview(
        project, english_article):
    from dataclasses import replace

    page = project.page("en/2020/04/x.md", **english_article(title="First title"))
    config = project.config()
    first = read_articles(config, {})
    page.write_text(page.read_text().replace("title: First title", "title: [First title"))

    built = read_articles(config, {}, previous=first.reads)
    preview = read_articles(replace(config, last_good_pages=True), {}, previous=first.reads)

    assert built.articles == () and [o.fate for o in built.outcomes] == [Fate.FAILED]
    assert [a.title for a in preview.articles] == ["First title"]
    assert [o.fate for o in preview.outcomes] == [Fate.FAILED]
    assert built.diagnostics == preview.diagnostics and built.diagnostics[0].line == 2
    again = read_articles(replace(config, last_good_pages=True), {}, previous=preview.reads)
    assert [a.title for a in again.articles] == ["First title"]  # while it stays broken

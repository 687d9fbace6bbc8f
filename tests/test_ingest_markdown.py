"""builder.ingest.markdown_source: Markdown sources keep their Markdown and give their facts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.formats import frontmatter
from builder.formats.markdown import RenderEnv, create_parser, render_markdown
from builder.ingest.assemble import IngestError, NewPage, SiteKnowledge, assemble
from builder.ingest.decode import normalise
from builder.ingest.draft import Draft, Kind, Source
from builder.ingest.markdown_source import extract
from builder.ingest.source_front_matter import MarkdownSource, split
from builder.ingest.page import page_text
from builder.ingest.topics import TopicMatcher

PATH = "content/sources/note.md"


def draft_of(text: str) -> tuple[MarkdownSource, Draft]:
    parsed = split(text)
    return parsed, extract(Source(PATH, parsed.body, "0" * 64, parsed.meta), parsed.body_line)


def kinds(draft: Draft) -> list[tuple[Kind, str]]:
    return [(block.kind, block.text) for block in draft.body]


def site() -> SiteKnowledge:
    return SiteKnowledge(("en", "ru"), TopicMatcher({}), {}, {}, dt.date(2026, 11, 25))


def page_of(text: str) -> NewPage:
    parsed, draft = draft_of(text)
    source = Source(PATH, parsed.body, "0" * 64, parsed.meta)
    return assemble(draft, source, "sources/note.md", site())


def rendered(body: str, resolved: list[str] | None = None) -> str:
    def resolve(fragment_id: str, lang: str) -> None:
        if resolved is not None:
            resolved.append(fragment_id)

    return render_markdown(create_parser(), body, RenderEnv("en", resolve, str, str))


# --- front matter -----------------------------------------------------------------------------

def test_front_matter_facts_get_the_sidecar_types_and_other_keys_are_kept_for_the_page():
    parsed = split("---\ntitle: Talks in Tashkent\ndate: 2020-04-17\nlang: en\n"
                   "topics: [covid-19, uzbekistan]\nsource_url: https://example.org/a\n"
                   "layout: post\ntags: [news]\n---\nBody.\n")
    assert parsed.meta == {"title": "Talks in Tashkent", "date": dt.date(2020, 4, 17),
                           "lang": "en", "topics": ["covid-19", "uzbekistan"],
                           "url": "https://example.org/a"}
    assert type(parsed.meta["date"]) is dt.date
    assert parsed.kept == (("layout", "post"), ("tags", ["news"])) and parsed.ignored == ()
    assert parsed.key_lines["layout"] == 7
    assert (parsed.body, parsed.body_line) == ("Body.\n", 10)


def test_front_matter_values_of_a_type_ingest_cannot_use_are_ignored_not_passed_on():
    parsed = split("---\ntitle: [not, a, string]\nyear: true\nurl: /about/\n"
                   "published: 2020-04-21 14:27:00+03:00\ndate: 2020-04-17 10:00:00\n---\nBody.\n")
    assert parsed.meta == {
        "published": dt.datetime(2020, 4, 21, 14, 27, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        "date": dt.date(2020, 4, 17)}
    assert parsed.ignored == ("title", "year", "url")


def test_a_file_without_front_matter_is_all_body():
    text = "# Talks in Tashkent\n\nThe ministers met.\n"
    assert split(text) == MarkdownSource({}, (), (), text, 1)


def test_broken_yaml_in_front_matter_is_an_error_at_its_line_in_the_file():
    with pytest.raises(frontmatter.FrontMatterError) as raised:
        split("---\ntitle: Talks\ndate: 2020-04-17\nlang: en: ru\n---\nBody.\n")
    assert raised.value.line == 4


# --- title and blocks -------------------------------------------------------------------------

def test_a_hash_heading_on_the_first_line_is_the_title_and_is_not_repeated_in_the_body():
    _, draft = draft_of("# Talks in *Tashkent*\n\nThe ministers met on 17 April 2020 in "
                        "the capital.\n")
    assert (draft.title, draft.title_line) == ("Talks in Tashkent", 1)
    assert kinds(draft) == [(Kind.MARKDOWN, "The ministers met on 17 April 2020 in the capital.")]


def test_a_setext_heading_at_the_top_is_the_title_too():
    _, draft = draft_of("Talks in Tashkent\n=================\n\nThe ministers met.\n")
    assert draft.title == "Talks in Tashkent"
    assert kinds(draft) == [(Kind.MARKDOWN, "The ministers met.")]


def test_without_a_heading_the_first_line_is_the_title_and_the_rest_of_its_paragraph_stays():
    _, draft = draft_of("Talks in Tashkent\nThe ministers *met*.\n\nMore.\n")
    assert draft.title == "Talks in Tashkent"
    assert kinds(draft) == [(Kind.MARKDOWN, "The ministers *met*."), (Kind.MARKDOWN, "More.")]
    assert [block.line for block in draft.body] == [2, 4]


def test_the_front_matter_title_wins_and_a_first_heading_repeating_it_is_dropped():
    _, draft = draft_of("---\ntitle: Talks in Tashkent\n---\n# Talks in Tashkent\n\nText.\n")
    assert draft.title == "Talks in Tashkent"
    assert kinds(draft) == [(Kind.MARKDOWN, "Text.")]
    assert [(d.line, d.reason) for d in draft.dropped] == [(4, "repeats the front matter title")]


def test_second_and_deeper_headings_become_section_headings_without_their_hashes():
    _, draft = draft_of("# Title\n\nLead.\n\n## Aid to *Uzbekistan* ##\n\nText.\n\n"
                        "### Deeper\n\n###### Deepest\n")
    assert kinds(draft) == [(Kind.MARKDOWN, "Lead."), (Kind.HEADING, "Aid to Uzbekistan"),
                            (Kind.MARKDOWN, "Text."), (Kind.HEADING, "Deeper"),
                            (Kind.HEADING, "Deepest")]


@pytest.mark.parametrize("markdown", [
    "- first item\n- second item\n\n  still the second item\n- third item",
    "1. one\n2. two\n\n3. three",
    "> A quote\nthat goes on lazily\n>\n> and has a second paragraph.",
    "```python\nx = 1\n\n## not a heading\ny = 2\n```",
    "| country | aid |\n|---|---|\n| Uzbekistan | tests |\n| Kyrgyzstan | masks |",
])
def test_a_list_a_quote_a_fenced_code_block_and_a_table_each_stay_one_markdown_block(markdown):
    _, draft = draft_of(f"# Title\n\nLead.\n\n{markdown}\n\nAfter.\n")
    assert kinds(draft) == [(Kind.MARKDOWN, "Lead."), (Kind.MARKDOWN, markdown),
                            (Kind.MARKDOWN, "After.")]


def test_a_raw_html_block_becomes_a_plain_paragraph_so_that_it_is_escaped_later():
    _, draft = draft_of("# Title\n\n<script>\nalert(1)\n\n</script>\n\nText.\n")
    assert kinds(draft) == [(Kind.PARAGRAPH, "<script>\nalert(1)\n\n</script>"),
                            (Kind.MARKDOWN, "Text.")]


def test_a_fragment_reference_written_in_a_source_shows_as_text_and_pulls_no_passage():
    page = page_of('# Title\n\n17 April 2020\n\n{{< fragment id="secret" >}}\n\n'
                   '> {{< fragment id="secret" >}}\n\n- {{< fragment id="secret" >}}\n')
    resolved: list[str] = []
    html = rendered(page.body, resolved)
    assert resolved == []
    assert html.count("{{&lt; fragment") == 3


def test_block_lines_are_lines_of_the_file_counting_the_front_matter():
    text = ("---\ntitle: Talks\ndate: 2020-04-17\n---\n\nLead.\n\n## Aid\n\n- a\n- b\n\n"
            "```\ncode\n```\n")
    _, draft = draft_of(text)
    lines = text.split("\n")
    assert [(block.line, lines[block.line - 1]) for block in draft.body] == [
        (6, "Lead."), (8, "## Aid"), (10, "- a"), (13, "```")]


def test_a_russian_paragraph_in_an_english_source_is_a_block_of_its_own():
    note = "По вопросам возвращения звоните на *горячую линию* круглосуточно."
    _, draft = draft_of(f"# Embassy notice\n\nThe embassy is open on weekdays.\n\n{note}\n\n"
                        "It answers questions about travel home.\n")
    assert kinds(draft) == [(Kind.MARKDOWN, "The embassy is open on weekdays."),
                            (Kind.MARKDOWN, note),
                            (Kind.MARKDOWN, "It answers questions about travel home.")]


# --- date, summary, outlet --------------------------------------------------------------------

def test_the_front_matter_date_is_the_date_and_otherwise_only_a_dateline_is():
    _, given = draft_of("---\ndate: 2020-04-17\n---\n# Title\n\nOn 1 May 2021 they met.\n")
    assert given.date is not None and given.date.on() == dt.date(2020, 4, 17)
    _, dateline = draft_of("# Title\n\nTASHKENT, *1 May 2021* - The ministers met.\n")
    assert dateline.date is not None and dateline.date.on() == dt.date(2021, 5, 1)
    assert dateline.date_line == 3
    _, running = draft_of("# Talks on 2 June\n\nLead.\n\nOn *1 May 2021* they met.\n")
    assert running.date is None  # an event's date, not the news date


def test_a_paragraph_that_is_only_the_date_is_taken_as_the_date_and_left_out_of_the_body():
    _, draft = draft_of("# Title\n\n*17 April 2020*\n\nThe ministers met.\n")
    assert draft.date is not None and draft.date.on() == dt.date(2020, 4, 17)
    assert kinds(draft) == [(Kind.MARKDOWN, "The ministers met.")]
    assert [(d.line, d.reason) for d in draft.dropped] == [(3, "date line (kept as 'date')")]


def test_the_summary_is_the_first_paragraph_in_the_main_language_without_its_markup():
    _, draft = draft_of("# Talks\n\n- a list is no summary\n\nСправка на русском языке.\n\n"
                        "The ministers **met** in [Tashkent](https://x.org) on `Friday`. "
                        "They agreed.\n\nMore text in English to make English the main "
                        "language of this source.\n")
    assert draft.summary == "The ministers met in Tashkent on Friday. They agreed."
    assert draft.outlet == "unknown"


def test_the_front_matter_summary_and_outlet_are_taken_as_given():
    _, draft = draft_of("---\nsummary: Given.\noutlet: tass\n---\n# T\n\nText.\n")
    assert (draft.summary, draft.outlet) == ("Given.", "tass")


# --- the whole path to a rendered page --------------------------------------------------------

def test_emphasis_and_links_of_a_markdown_source_survive_into_the_rendered_page():
    page = page_of("---\ndate: 2020-04-17\nsource_url: https://example.org/a\n---\n"
                   "# Talks in Tashkent\n\nThe ministers *met* in [Tashkent](https://x.org).\n\n"
                   "## Aid\n\n- masks\n- tests\n\n<script>alert(1)</script>\n")
    assert "*met*" in page.body and "[Tashkent](https://x.org)" in page.body
    assert page.front_matter["source_url"] == "https://example.org/a"
    html = rendered(page.body)
    assert "<em>met</em>" in html and '<a href="https://x.org">Tashkent</a>' in html
    assert '<h2 id="aid">Aid</h2>' in html and "<li>masks</li>" in html
    assert "<script" not in html and "&lt;script&gt;" in html


def test_a_russian_paragraph_in_an_english_markdown_source_becomes_a_fragment():
    note = "По вопросам возвращения звоните на *горячую линию* круглосуточно."
    page = page_of(f"---\ndate: 2020-04-17\n---\n# Embassy notice\n\nThe embassy is open on "
                   f"weekdays and answers questions about travel home.\n\n{note}\n")
    [fragment] = page.new_fragments
    assert (fragment.original, fragment.lang) == (note, "ru")
    assert f'{{{{< fragment id="{fragment.id}" lang="ru" >}}}}' in page.body


MARKDOWN_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(["", "---", "# Title", "## Section", "### Deeper", "- item", "1. item",
                         "> quote", "```", "    code", "| a | b |", "|---|---|", "<script>",
                         "</script>", "<div>", "<!--", "-->", "title: x", "date: [", "===",
                         '{{< fragment id="x" >}}', '- {{< fragment id="x" >}}',
                         "[ref]: https://x.org", "17 April 2020", "*emphasis* and [a](b)",
                         "Справка на русском языке.", "\r", "\t- tab item"]),
    ),
    max_size=25,
)


def split_and_extract(text: str) -> tuple[MarkdownSource, Source, Draft] | None:
    try:
        parsed = split(text)
    except frontmatter.FrontMatterError as exc:
        assert exc.line is None or exc.line >= 1
        return None
    source = Source(PATH, parsed.body, "0" * 64, parsed.meta)
    return parsed, source, extract(source, parsed.body_line)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN_LINES)
def test_any_text_splits_and_extracts_or_is_a_front_matter_error(lines):
    split_and_extract("\n".join(lines))  # even text that decoding would have cleaned first
    text = normalise("\n".join(lines))
    result = split_and_extract(text)
    if result is None:
        return
    parsed, source, draft = result
    file_lines = len(text.split("\n"))
    assert all(parsed.body_line <= block.line <= file_lines for block in draft.body)
    try:
        page = assemble(draft, source, "sources/note.md", site())
    except IngestError:
        return
    resolved: list[str] = []
    html = rendered(frontmatter.parse(page_text(page)).body, resolved)
    assert "<script" not in html and "<div" not in html
    assert set(resolved) <= {fragment.id for fragment in page.new_fragments}


@pytest.mark.parametrize(("line", "draft"), [
    ("draft: true", True), ("draft: false", False),  # Hugo, Zola
    ("published: false", True),  # Jekyll's unpublished post
])
def test_a_source_its_site_did_not_publish_stays_a_draft(line, draft):
    parsed = split(f"---\ntitle: Talks in Tashkent\n{line}\n---\nBody.\n")
    assert parsed.kept == (("draft", draft),) and parsed.ignored == ()


def test_an_unpublished_markdown_source_is_a_draft_page_kept_out_of_the_site(project):
    from builder.session import build

    project.write("content/sources/talks.md", "---\ntitle: Talks in Tashkent\ndate: 2020-04-17\n"
                  "outlet: tass\npublished: false\n---\nThe ministers met in Tashkent on Friday.\n")
    report = build(project.config())
    [page] = (project.root / "content/articles").rglob("*.md")
    assert "\ndraft: true\n" in page.read_text()
    assert not (project.root / "site/en/2020/04/talks-in-tashkent").exists()
    assert not report.warnings


HUGO_TOML = ('+++\ntitle = "Talks in Tashkent"\ndate = 2020-07-26T10:00:00+03:00\ndraft = true\n'
             'tags = ["gas", "cotton"]\n\n[params]\nmood = "upbeat"\n+++\n\nThe ministers met.\n')


def test_toml_front_matter_gives_its_facts_as_yaml_front_matter_does():
    """Hugo's and Zola's other front matter: before, a Hugo post's title was '+++' and its
    TOML lines were its body (an outside trial)."""
    parsed = split(HUGO_TOML)
    assert parsed.meta == {"title": "Talks in Tashkent", "date": dt.date(2020, 7, 26)}
    assert parsed.kept == (("draft", True), ("tags", ["gas", "cotton"]),
                           ("params", {"mood": "upbeat"}))
    assert (parsed.body, parsed.body_line) == ("\nThe ministers met.\n", 10)
    assert (parsed.key_lines["title"], parsed.key_lines["tags"]) == (2, 5)
    assert "mood" not in parsed.key_lines  # the table's own key


@pytest.mark.parametrize(("text", "line"), [
    ('+++\ntitle = "Talks"\ndate = 2020-07-26\n\nThe ministers met.\n', 1),  # never closed
    ('+++\ntitle = "Talks"\ndate = = 2020-07-26\n+++\nThe ministers met.\n', 3),
])
def test_broken_toml_front_matter_is_a_located_error(text, line):
    from builder.formats.frontmatter import FrontMatterError

    with pytest.raises(FrontMatterError) as raised:
        split(text)
    assert raised.value.line == line

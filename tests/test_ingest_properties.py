"""Property tests: whatever text or bytes a source holds, ingest gives a page or a located error.

Sources are copied from the web by other people; no input may crash the adapters, the date
parser or the page assembly, and whatever they write must parse back as front matter.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builder.formats import frontmatter
from builder.formats.markdown import RenderEnv, create_parser, escape_markdown, render_markdown
from builder.ingest.assemble import IngestError, SiteKnowledge, assemble
from builder.ingest.dates import find_dates
from builder.ingest.decode import DecodeError, decode
from builder.ingest.draft import Source
from builder.ingest.extract import ADAPTERS
from builder.ingest.page import page_text
from builder.ingest.topics import TopicMatcher
from builder.read.validate import SLUG_PATTERN
from builder.util.files import is_windows_reserved, shown

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["", "Asset Publisher", "21 April 202014:27", "• en-GB1 ru-RU1",
                         "MOSCOW, October 15. /TASS/. Text.", "МОСКВА, 15 октября. /ТАСС/.",
                         "## Heading", "1. item", "По вопросам содействия:", "+7 (495) 587-88-60",
                         "{{< fragment id=\"x\" >}}", "<script>alert(1)</script>", "---"]),
    ),
    max_size=30,
)


NO_FRAGMENTS = RenderEnv("en", lambda fragment_id, lang: None, str, str)


def site() -> SiteKnowledge:
    return SiteKnowledge(("en", "ru"), TopicMatcher({}), {}, {}, dt.date(2026, 11, 25))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_every_adapter_turns_any_text_into_a_page_or_a_located_error(lines):
    text = decode("\n".join(lines).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                  .encode())
    source = Source("content/sources/x.txt", text, "0" * 64, {}, "Europe/Moscow")
    for adapter in ADAPTERS:
        draft = adapter.extract(source)
        try:
            page = assemble(draft, source, "sources/x.txt", site())
        except IngestError as exc:
            assert exc.diagnostic.path == "content/sources/x.txt"
            continue
        parsed = frontmatter.parse(page_text(page))
        assert parsed.data["title"] == page.front_matter["title"]
        assert SLUG_PATTERN.match(page.slug) and not is_windows_reserved(page.slug)
        assert "<script" not in render_markdown(create_parser(), parsed.body, NO_FRAGMENTS)


@given(st.binary(min_size=1, max_size=60).filter(lambda name: b"/" not in name and b"\0" not in name))
def test_any_file_name_is_shown_as_one_printable_line(name):
    text = shown(os.fsdecode(name))
    text.encode("utf-8")  # never raises: bytes that are not UTF-8 are shown as \\xNN
    assert text.isprintable()


@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_with_a_decode_error(data):
    try:
        text = decode(data)
    except DecodeError:
        return
    assert "\r" not in text


@given(st.text(max_size=200))
def test_escaped_text_never_becomes_markup(text):
    html = create_parser().render(escape_markdown(text))
    for tag in ("<script", "<em>", "<strong>", "<h1", "<ul>", "<ol", "<blockquote", "<img",
                "<code>", "<pre>"):
        assert tag not in html


@given(st.text(max_size=120))
def test_the_date_finder_never_crashes_and_finds_only_real_dates(text):
    for found in find_dates(text):
        found.on(found.year or 2000)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_a_slug_is_always_a_clean_bounded_url_segment(text):
    from builder.formats.slugs import slugify, unique

    slug = slugify(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert len(slug) <= 80
    if slug:
        assert unique(slug, {slug}) not in {slug} and unique(slug, set()) == slug


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_front_matter_of_any_text_parses_or_is_a_located_error(text):
    from builder.formats.frontmatter import FrontMatterError, parse

    try:
        page = parse(text)
    except FrontMatterError as exc:
        assert exc.line is None or exc.line >= 1
    else:
        assert isinstance(page.data, dict)


front_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1), front_values, max_size=6), st.text())
@example({"\n---\n": None}, "")  # YAML indents the '---' inside: not the closing line
@example({"title": "a\n---\nb"}, "---\nbody")
def test_written_front_matter_reads_back_as_written(data, body):
    from builder.formats.frontmatter import dump, parse

    page = parse(dump(data, body))
    assert page.data == data
    assert page.body.strip() == body.strip()

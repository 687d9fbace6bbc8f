"""builder.formats.markdown: safe HTML, heading ids, fragments and tel: links."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.formats.markdown import (
    FragmentText,
    RenderEnv,
    absolute_links,
    create_parser,
    create_structure_parser,
    fragment_references,
    heading_anchors,
    outline,
    render_markdown,
    render_sections,
)
from builder.formats.slugs import UniqueSlugs, unique

HOTLINE = FragmentText("По вопросам:\n\n+7 (495) 587-88-60 – круглосуточно", "ru",
                       "For help:\n\n+7 (495) 587-88-60 – 24 hours a day")


def render(body: str, lang: str = "en", fragment: FragmentText | None = HOTLINE) -> str:
    env = RenderEnv(lang, lambda _id, _lang: fragment, lambda s: s,
                    lambda code: {"ru": "Russian", "en": "English"}[code])
    return render_markdown(create_parser(), body, env)


def test_raw_html_in_markdown_is_escaped_not_passed_through():
    html = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_only_http_mailto_tel_and_relative_links_are_allowed():
    html = render("[a](javascript:alert(1)) [b](data:text/html,x) [c](https://x.org) "
                  "[d](mailto:a@b.org) [e](/en/topics/)")
    assert 'href="javascript' not in html and 'href="data' not in html
    assert 'href="https://x.org"' in html and 'href="mailto:a@b.org"' in html
    assert 'href="/en/topics/"' in html


def test_headings_get_unique_slug_ids():
    html = render("## Russia's aid\n\n## Russia's aid\n\n## Помощь Узбекистану")
    assert '<h2 id="russias-aid">' in html
    assert '<h2 id="russias-aid-2">' in html
    assert '<h2 id="pomoshch-uzbekistanu">' in html


class CountingSet(set):
    """A set that counts the lookups made in it."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        self.lookups += 1
        return super().__contains__(item)


def test_equal_headings_get_unique_ids_in_linear_time():
    """30,000 equal headings once took two minutes: each probed -2, -3... from the start."""
    anchors = UniqueSlugs()
    anchors._taken = CountingSet()
    names = [anchors.take(slug) for slug in ["briefing"] * 30_000 + ["briefing-7", "briefing"]]
    assert names[:3] == ["briefing", "briefing-2", "briefing-3"]
    assert names[-3:] == ["briefing-30000", "briefing-7-2", "briefing-30001"]
    assert anchors._taken.lookups <= 2 * len(names)
    body = "\n\n".join(["## Briefing"] * 30_000)
    ids = [token.attrGet("id") for token in create_parser().parse(body)
           if token.type == "heading_open"]
    assert ids == ["briefing"] + [f"briefing-{n}" for n in range(2, 30_001)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "a-2", "a-3", "b", "a-2-2", "b-2"]), max_size=30))
def test_unique_slugs_give_what_probing_from_the_start_gives(slugs):
    anchors, taken = UniqueSlugs(), set()
    for slug in slugs:
        expected = unique(slug, taken)
        taken.add(expected)
        assert anchors.take(slug) == expected


def test_international_phone_numbers_become_tel_links():
    html = render("Call +7 (495) 587-88-60 now.")
    assert '<a href="tel:+74955878860">+7 (495) 587-88-60</a>' in html
    for written in ("\\+7 (495) 587-88-60", "&#43;7 (495) 587-88-60", "&plus;7 (495) 587-88-60"):
        assert '<a href="tel:+74955878860">+7 (495) 587-88-60</a>' in render(f"Call {written}.")
    assert "tel:" not in render("Call 7 (495) 587-88-60 or [+7 (495) 587-88-60](/contacts/).")


def test_a_foreign_fragment_shows_its_translation_and_the_original_marked_with_its_lang():
    html = render('{{< fragment id="mfa-repatriation-hotline" lang="ru" >}}')
    assert '<aside class="fragment" id="fragment-mfa-repatriation-hotline">' in html
    assert "<p>For help:</p>" in html
    assert '<div class="fragment-original" lang="ru">' in html
    assert "<p>По вопросам:</p>" in html
    assert html.count('href="tel:+74955878860"') == 2


def test_a_fragment_in_the_page_language_is_native_text_without_a_translation_box():
    html = render('{{< fragment id="mfa-repatriation-hotline" lang="ru" >}}', lang="ru")
    assert "<p>По вопросам:</p>" in html
    assert "fragment-original" not in html and "For help" not in html


def test_an_untranslated_fragment_falls_back_to_the_original_with_its_lang():
    untranslated = FragmentText(HOTLINE.original, "ru", None)
    html = render('{{< fragment id="x" lang="ru" >}}', fragment=untranslated)
    assert '<div class="fragment-original" lang="ru">' in html
    assert "fragment-translation" not in html


LINE_PIECES = ("", "# ", "## ", "#", "\\#", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "   ",
               "    ", "\t", "Text", "text #", "a-b", "=", "==", "-", "---", "***", "```",
               "~~~", '{{< fragment id="hotline" >}}', '{{< fragment id="x" lang="ru" >}}',
               "{{<", " ", "\r", "\r\n")


@settings(max_examples=400, deadline=None)
@example("Text\r# Heading after a carriage return")
@example("Title\r===\rText")
@example("-\t# In a list, after a tab")
@example(">\t## Quoted, after a tab")
@example("1)  ### In a numbered list")
@example("Text\n  ---  \t")
@given(st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=4).map("".join), max_size=8)
       .map("\n".join))
def test_the_outline_of_a_body_is_what_parsing_all_of_it_finds(body):
    md = create_structure_parser()
    tokens = md.parse(body)

    def comparable(headings, references):
        return ([(t.tag, t.level, t.map, anchor, text) for t, anchor, text in headings],
                references)

    assert (comparable(*outline(md, body))
            == comparable(heading_anchors(tokens), fragment_references(tokens)))


def test_a_body_of_paragraphs_is_outlined_without_parsing_it():
    class NoParsing:
        def parse(self, text):
            raise AssertionError("parsed")

    body = "Moscow, 21 April.\n\nTalks - and more talks - went on. 1 + 1 = 2.\n> quoted #1\n"
    assert outline(NoParsing(), body) == ([], [])
    assert outline(create_structure_parser(), "Talks\n---\n")[0][0][1:] == ("talks", "Talks")


def test_a_body_cut_into_sections_renders_whole_as_its_page_and_each_section_from_its_heading():
    body = ("Lead.\n\n## One\n\nFirst.\n\n> ## Quoted\n>\n> Inside.\n\n### Deeper\n\nMore."
            "\n\n## Two\n\nSecond.\n\n# Top\n\nLast.")
    env = RenderEnv("en", lambda _id, _lang: None, str, str)
    rendered = render_sections(create_parser(), body, env, ["one", "two", "missing"])
    assert rendered.html == render(body)
    assert rendered.sections["one"].startswith('<h2 id="one">One</h2>\n<p>First.</p>\n')
    assert "Inside." in rendered.sections["one"] and "More." in rendered.sections["one"]
    assert "Second." not in rendered.sections["one"]  # a quoted heading ends no section
    assert rendered.sections["two"] == '<h2 id="two">Two</h2>\n<p>Second.</p>\n'
    assert "missing" not in rendered.sections


def test_relative_addresses_are_made_absolute_and_the_others_left_as_they_are():
    html = render('[a](/en/x/) [b](../y/?q=1&r=2) [c](#part) [d](https://x.org/z) [e](mailto:a@b.org)'
                  ' [f](//cdn.org/i) ![g](pic.png "<b>") `href="/code"` +7 495 587-88-60')
    base = "https://digest.example/en/2020/04/item/"
    made = absolute_links(html, base)
    assert made == (html.replace('href="/en/x/"', 'href="https://digest.example/en/x/"')
                    .replace('href="../y/?q=1&amp;r=2"',
                             'href="https://digest.example/en/2020/04/y/?q=1&amp;r=2"')
                    .replace('href="#part"', f'href="{base}#part"')
                    .replace('href="//cdn.org/i"', 'href="https://cdn.org/i"')
                    .replace('src="pic.png"', f'src="{base}pic.png"'))
    assert 'href="/code"' not in html and "&quot;/code&quot;" in made  # text is no attribute

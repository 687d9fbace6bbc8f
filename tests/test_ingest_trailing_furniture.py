"""Furniture that other publishing tools leave in a story's text, in the forms the earlier tests
had not met: HTML comments of another generator's Markdown (``<!--more-->``, a block editor's
markers), a newsletter's footer and feedback buttons, a blog's or a social network's repost
credit, counters and comment controls, a credit naming where the story was taken from, a
reuse notice, a lone "read also" title, the outlet's "follow us" line, a printed page's number
and the address a browser prints under it, and appeals for donations.

Every source is a real story of the shared corpus, in both languages, dressed as a page, a
letter, a Markdown file or a printed copy; the story must come out whole and the furniture not at
all, and a story's sentence that only looks like furniture must stay.
"""

from __future__ import annotations

import pytest

from builder.ingest import markdown_source
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

COMMENTS = ["<!--more-->", "<!-- more -->", "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->",
            "<!-- wp:image {\"id\":12} -->", "<!--\nan editor's note\nover lines\n-->"]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("comment", COMMENTS)
def test_an_html_comment_in_a_markdown_source_is_never_story_text(lang, comment):
    title, paragraphs = corpus_stories(lang)[1]
    body = f"# {title}\n\n{paragraphs[0]}\n\n{comment}\n\n" + "\n\n".join(
        f"{comment}\n{p}\n{comment}" for p in paragraphs[1:]) + "\n"
    draft = markdown_source.extract(Source("x.md", body, "0"))
    assert draft.title == title
    assert body_of(draft) == paragraphs
    assert any(d.reason == "HTML comment" for d in draft.dropped)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_excerpt_divider_inside_a_paragraph_goes_and_its_words_stay(lang):
    title, paragraphs = corpus_stories(lang)[2]
    words = paragraphs[0].split()
    divided = " ".join([*words[:5], "<!--more-->", *words[5:]])
    body = f"# {title}\n\n{divided}\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
    draft = markdown_source.extract(Source("x.md", body, "0"))
    assert body_of(draft) == paragraphs


def test_an_html_comment_quoted_as_code_stays():
    body = ("# The editor's divider\n\nThe excerpt of a post ends where its author writes "
            "`<!--more-->` on a line of its own, the manual says.\n\n```\n<!--more-->\n```\n")
    draft = markdown_source.extract(Source("x.md", body, "0"))
    assert "<!--more-->" in body_of(draft)[0] and "<!--more-->" in draft.body[1].text

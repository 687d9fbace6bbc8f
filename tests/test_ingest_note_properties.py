"""A page clipped into a notebook and exported (Notion's Markdown, Evernote's, Joplin's): the
note's properties under its title, a line each ("Created: …", "Date: …", "Source: https://…",
"Status: …", "Tags: …"), then perhaps the site's name, then the story. An outside trial's
Notion export got no page: its date was among the properties, which became the summary.

The properties are the notebook's: left out of the body and the summary; the date a date's
label gives is the news date (never the note's own "Created" time), and the page's address
names the outlet, whose name alone over the story is left out too. A story's lines that open
with a word and a colon stay.
"""

from __future__ import annotations

import json

import pytest

from builder.ingest.draft import Source
from builder.ingest.extract import extract
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

NOTES = {
    "en": (["Created: July 27, 2020 10:02 AM", "Date: July 26, 2020",
            "Source: https://www.theguardian.com/politics/2020/jul/26/story", "Status: To translate",
            "Tags: Brexit, Russia, UK"], "The Guardian", "guardian"),
    "ru": (["Создано: 27 июля 2020 г. 10:02", "Дата: 26 июля 2020",
            "Источник: https://www.fontanka.ru/2020/07/26/69385001/", "Статус: перевести",
            "Теги: Петербург, погода"], "Фонтанка.ру", "fontanka"),
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("named", [True, False])
@pytest.mark.parametrize("heading", [True, False])
def test_a_notes_properties_give_the_date_and_outlet_and_stay_out_of_the_body(
        project, lang, named, heading):
    note, site, key = NOTES[lang]
    title, paragraphs = corpus_stories(lang)[2]
    text = ("# " if heading else "") + title + "\n\n" + "\n".join(note) + "\n\n" + (
        f"{site}\n\n" if named else "") + "\n\n".join(paragraphs) + "\n"
    draft, _ = extract(Source("note.md", text, "0"), ".md", project.config())
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert draft.outlet == key
    assert body_of(draft) == paragraphs
    assert draft.summary.startswith(paragraphs[0][:40])


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_notes_own_time_is_no_news_date(project, lang):
    """Without a date's label, a note's "Created" time dates nothing: the source waits for its
    date, as any undated one does."""
    note, _, _ = NOTES[lang]
    title, paragraphs = corpus_stories(lang)[2]
    text = title + "\n\n" + "\n".join([note[0], note[3]]) + "\n\n" + "\n\n".join(paragraphs)
    draft, _ = extract(Source("note.md", text + "\n", "0"), ".md", project.config())
    assert draft.date is None and body_of(draft) == paragraphs


COLONS = {"en": ["Moscow: the mayor said the parks would open on Monday.",
                 "Kyiv: the council voted to keep the curfew until August."],
          "ru": ["Москва: мэр сообщил, что парки откроются в понедельник.",
                 "Киев: совет проголосовал за комендантский час до августа."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_storys_lines_opening_with_a_word_and_a_colon_stay(project, lang):
    title, paragraphs = corpus_stories(lang)[2]
    text = title + "\n\n26.07.2020\n\n" + "\n".join(COLONS[lang]) + "\n\n" + "\n\n".join(
        paragraphs) + "\n"
    draft, _ = extract(Source("note.md", text, "0"), ".md", project.config())
    assert body_of(draft) == [" ".join(COLONS[lang]), *paragraphs]


CLIPS = {"en": ("[News](https://e.vnexpress.net/news/news) [Traffic](https://e.vnexpress.net/news"
                "/news/traffic)", "Sunday, 7/26/2020, 10:05 (GMT+7)",
                "[Vietnam](https://e.vnexpress.net/topic/vietnam) [traffic accident]"
                "(https://e.vnexpress.net/topic/traffic-accident)", "vnexpress"),
         "ru": ("[Новости](https://www.fontanka.ru/news/) · [Город](https://www.fontanka.ru/city/)",
                "26 июля 2020, 10:05", "[Петербург](https://www.fontanka.ru/tags/spb/)",
                "fontanka")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_markdownload_clip_keeps_the_story_only_and_names_its_site_by_its_links(project,
                                                                                   lang):
    """MarkDownload clips a page as Markdown: the title, its excerpt quoted under a "##
    Excerpt" heading and a rule, the breadcrumb trail as a row of links, the date line, the
    story, the topic's links under it. The excerpt, rule and link rows are the clipper's and
    the site's; the date line dates it, past them; the links' site is the outlet."""
    crumbs, stamp, tags, key = CLIPS[lang]
    title, paragraphs = corpus_stories(lang)[1]
    text = (f"# {title}\n\n> ## Excerpt\n> {paragraphs[0]}\n\n---\n{crumbs}\n\n{stamp}\n\n"
            + "\n\n".join(paragraphs) + f"\n\n{tags}\n")
    draft, _ = extract(Source("clip.md", text, "0"), ".md", project.config())
    assert draft.title == title and body_of(draft) == paragraphs
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert draft.outlet == key


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_share_links_under_a_story_are_left_out_and_name_no_outlet(project, lang):
    """A blog's export ends with its share links, whose sites are the platforms', not the
    page's."""
    title, paragraphs = corpus_stories(lang)[1]
    text = (f"---\ntitle: {json.dumps(title)}\ndate: \"2020-07-26\"\n---\n\n"
            + "\n\n".join(paragraphs) + "\n\n[Share on Facebook](https://www.facebook.com/sharer/sharer.php?u=https://x.org/1)"
            " [Tweet](https://twitter.com/intent/tweet)\n")
    draft, _ = extract(Source("post.md", text, "0"), ".md", project.config())
    assert body_of(draft) == paragraphs and draft.outlet == "unknown"

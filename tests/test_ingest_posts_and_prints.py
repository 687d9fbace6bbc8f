"""Sources of shapes a news text takes outside a web page, each made from the shared corpus's
real stories in both languages: a Markdown note with a bold date line and the page's address in
its front matter, a Telegram post copied from Telegram Desktop, and text copied out of a
newspaper's PDF (a running header and a page number in mid-text, words hyphenated at line
ends). The story must come out whole and alone, and the facts each shape prints (the date, the
time, the outlet) must be read from it."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from builder.ingest.extract import extract
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus


def extracted(project, text: str, name: str = "x.txt"):
    suffix = "." + name.rsplit(".", 1)[-1]
    draft, _ = extract(Source(name, text, "0"), suffix, project.config())
    return draft


def day_of(draft) -> tuple:
    return (draft.date.year, draft.date.month, draft.date.day)


# --- Markdown with a bold date line -------------------------------------------------------

BOLD_DATES = {"en": [("**July 25, 2020, 4:12 pm**", (2020, 7, 25), "16:12"),
                     ("**15 October 2020**", (2020, 10, 15), None)],
              "ru": [("**15 октября 2020**", (2020, 10, 15), None),
                     ("**25 июля 2020, 16:12**", (2020, 7, 25), "16:12")]}
ADDRESSES = [("https://meduza.io/en/news/2020/07/25/a-story", "meduza"),
             ("https://www.example-news.com/world/2020/story.html", "example-news")]


def markdown_note(lang: str, index: int, image: bool, tail: bool) -> tuple[str, list[str]]:
    title, paragraphs = corpus_stories(lang)[index]
    date = BOLD_DATES[lang][index % 2][0]
    url = ADDRESSES[index % 2][0]
    parts = [f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nurl: {url}\n---"]
    parts += ["![A photo](https://example.com/a.jpg)\n*Photo: Ivan Petrov / AFP*"] if image else []
    parts += [date, *paragraphs]
    parts += ["---", "**Read more:** [Another story of the day](https://example.com/b)",
              "*Sign up for [The Real Russia. Today.](https://example.com/n) newsletter*"
              ] if tail else []
    return "\n\n".join(parts) + "\n", paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize(("image", "tail"), [(True, True), (False, False), (True, False)])
def test_a_markdown_note_gives_its_bold_date_line_and_its_address_outlet(project, lang, index,
                                                                        image, tail):
    text, paragraphs = markdown_note(lang, index, image, tail)
    draft = extracted(project, text, "note.md")
    _, day, time = BOLD_DATES[lang][index % 2]
    assert day_of(draft) == day
    assert (draft.stamp and f"{draft.stamp.time:%H:%M}") == time
    assert draft.outlet == ADDRESSES[index % 2][1]
    body = [b.text for b in draft.body if not b.text.startswith("![")]
    assert [" ".join(b.split()) for b in body] == [" ".join(p.split()) for p in paragraphs]
    assert draft.summary and paragraphs[0].startswith(draft.summary[:30])


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sentence_of_a_markdown_story_that_mentions_a_photo_stays(project, lang):
    text, paragraphs = markdown_note(lang, 0, False, False)
    kept = {"en": "Photo by the agency was shown in court on Monday, the lawyer said.",
            "ru": "Фото агентства показали в суде в понедельник, сообщил адвокат."}[lang]
    draft = extracted(project, text.replace(paragraphs[-1], paragraphs[-1] + "\n\n" + kept),
                      "note.md")
    assert body_of(draft)[-1] == kept


# --- Telegram posts copied from Telegram Desktop ---------------------------------------------

CHANNELS = {"en": [("Readovka", "readovka"), ("Moscow Times Live", "moscow-times-live"),
                   ("Example News", "example-news")],
            "ru": [("Readovka", "readovka"), ("Сирена", "sirena"), ("РИА Новости", "ria")]}
HEADERS = ["{name}, [26.07.20 14:32]", "[26.07.2020 14:32] {name}:", "{name}, [26.07.2020 14:32:05]"]
FOOTERS = {"en": ["Subscribe to {name} | Send us news: @example_bot", "t.me/example_channel"],
           "ru": ["Подписаться на {name} | Прислать новость: @example_bot",
                  "Подписывайтесь: t.me/example"]}


def telegram_post(lang: str, index: int, media: bool, footer: bool, emoji: bool
                  ) -> tuple[str, str, str, list[str]]:
    """The ``index``-th story as a channel's post: its text, the outlet, title and paragraphs."""
    title, paragraphs = corpus_stories(lang)[index]
    name, key = CHANNELS[lang][index % 3]
    parts = [HEADERS[index % 3].format(name=name) + ("\n[ Видео ]" if media and lang == "ru"
                                                     else "\n[ Photo ]" if media else "")]
    parts += [("⚡️" if emoji else "") + title, *paragraphs]
    parts += [FOOTERS[lang][index % 2].format(name=name) + "\n👁 48.2K"] if footer else []
    return "\n".join(parts[:1]) + "\n" + "\n\n".join(parts[1:]) + "\n", key, title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize(("media", "footer", "emoji"), [(True, True, True), (False, False, False),
                                                        (True, False, True)])
def test_a_telegram_post_gives_its_channel_date_time_and_story_only(project, lang, index, media,
                                                                    footer, emoji):
    text, key, title, paragraphs = telegram_post(lang, index, media, footer, emoji)
    draft = extracted(project, text)
    assert (draft.outlet, draft.title) == (key, title)
    assert day_of(draft) == (2020, 7, 26) and f"{draft.stamp.time:%H:%M}" == "14:32"
    assert body_of(draft) == paragraphs


def telegram_page(lang: str, index: int, footer: bool) -> tuple[str, str, str, list[str]]:
    """The ``index``-th story as its channel's post on the web (``t.me/<channel>/<n>``)."""
    import html

    title, paragraphs = corpus_stories(lang)[index]
    name, key = CHANNELS[lang][index % 3]
    text = "<br/><br/>".join([f"<b>{html.escape(title)}</b>", *map(html.escape, paragraphs)])
    text += (f'<br/><br/><a href="https://t.me/example">{html.escape(name)}</a> | '
             f'<a href="https://t.me/example_bot">Send news</a>') if footer else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Telegram Widget</title>'
            f'<meta property="og:title" content="{html.escape(name)}">'
            f'<meta property="og:site_name" content="Telegram"></head><body>'
            f'<div class="tgme_widget_message js-widget_message" data-post="example/31548">'
            f'<div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name" '
            f'href="https://t.me/example"><span>{html.escape(name)}</span></a></div>'
            f'<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>'
            f'<div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">'
            f'48.2K</span><time datetime="2020-07-26T14:32:05+00:00">14:32</time></div></div>'
            f"</body></html>"), key, title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("footer", [False, True])
def test_a_telegram_post_saved_from_its_page_reads_as_one_copied(project, lang, index, footer):
    """Its page's <title> is Telegram's, its og:title the channel's: the post's first line is
    the title, the channel the outlet, the page's time the date, the links under it no text."""
    text, key, title, paragraphs = telegram_page(lang, index, footer)
    draft = extracted(project, text, "post.html")
    assert (draft.outlet, draft.title) == (key, title)
    assert day_of(draft) == (2020, 7, 26)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_posts_own_sentence_with_a_handle_or_a_bracket_stays(project, lang):
    text, _, _, paragraphs = telegram_post(lang, 0, False, False, False)
    last = {"en": "The governor wrote about it on his channel @governor_news on Sunday evening, "
                  "after the meeting with the residents.",
            "ru": "Губернатор написал об этом в своем канале @governor_news в воскресенье "
                  "вечером, после встречи с жителями."}[lang]
    draft = extracted(project, text + "\n[1] " + last + "\n")
    assert body_of(draft)[-1] == "[1] " + last


@pytest.mark.parametrize("line", ["[26.07.2020] Readovka:", "Readovka, [32.07.20 14:32]",
                                  "В 14:32 [по Москве] произошло"])
def test_a_line_like_a_posts_header_is_no_header(line):
    from builder.ingest.telegram import header
    assert header(line) is None


# --- text copied out of a printed page (a PDF) -----------------------------------------------

PAPERS = {"en": [("The Moscow Times | July 27, 2020 | Page {page}", "moscowtimes"),
                 ("{page} Example Herald · Weekend edition · No. 163 · 27 July 2020",
                  "example-herald")],
          "ru": [("Российская газета · Федеральный выпуск · № 163 (8219) · 27 июля 2020", "rg"),
                 ("Пример-Экспресс | № 12 | 27.07.2020 | стр. {page}", "primer-ekspress")]}
CREDITS = {"en": "Photo: Getty Images", "ru": "Фото: Getty Images"}


def wrapped(paragraph: str, hyphenate: bool) -> list[str]:
    """``paragraph`` hard-wrapped at 62 columns, perhaps with its second line's first word
    hyphenated at the end of the first ("govern-" / "ment …")."""
    lines = textwrap.wrap(paragraph, 62, break_on_hyphens=False)
    if hyphenate and len(lines) >= 3:
        word, _, rest = lines[1].partition(" ")
        if len(word) >= 7 and word.isalpha() and rest:
            lines[0], lines[1] = f"{lines[0]} {word[:3]}-", f"{word[3:]} {rest}"
    return lines


def printed_page(lang: str, index: int, credit: bool, form_feed: bool) -> tuple[str, list[str]]:
    """The ``index``-th story as its text comes out of a paper's PDF: a running header, the
    headline, the story wrapped at 62 columns with a hyphenated word, and a page break (its
    number, the next page's header, perhaps a photo's credit) inside a sentence."""
    title, paragraphs = corpus_stories(lang)[index]
    header = PAPERS[lang][index % 2][0]
    out = [header.format(page=2), "", title.upper(), ""]
    broken = False
    for number, paragraph in enumerate(paragraphs):
        lines = wrapped(paragraph, hyphenate=number == 0)
        cut = next((i for i in range(1, len(lines)) if lines[i][:1].islower()
                    and not lines[i - 1].endswith((".", "!", "?", "-"))), None)
        if not broken and number >= 1 and cut is not None:
            page_break = ["", "", "3" if index % 2 else "", ("\f" if form_feed else "")
                          + header.format(page=3), ""] + ([CREDITS[lang], ""] if credit else [])
            lines = lines[:cut] + page_break + lines[cut:]
            broken = True
        out += lines + [""]
    return "\n".join(out) + "\n4\n", paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
@pytest.mark.parametrize(("credit", "form_feed"), [(True, False), (False, True)])
def test_text_out_of_a_pdf_gives_its_story_whole_and_its_paper_from_the_header(
        project, lang, index, credit, form_feed):
    text, paragraphs = printed_page(lang, index, credit, form_feed)
    draft = extracted(project, text)
    assert body_of(draft) == [" ".join(p.split()) for p in paragraphs]
    assert draft.outlet == PAPERS[lang][index % 2][1]
    assert day_of(draft) == (2020, 7, 27)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_that_prints_a_figure_line_once_is_read_as_text_is(project, lang):
    """One header, no second page: nothing says the text is a printed page's, and a line with
    a hyphen at its end before a capital is a compound's, kept."""
    from builder.ingest import printed
    title, paragraphs = corpus_stories(lang)[1]
    text = "\n\n".join([title, "27.07.2020", *paragraphs]) + "\n"
    assert not printed.recognise(text)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sidebars_repeated_stamps_are_no_running_header(lang):
    """A sidebar that prints a date over each of its headlines repeats a line with a figure,
    but a date alone, or a rubric and a time, names no paper."""
    from builder.ingest import printed
    title, paragraphs = corpus_stories(lang)[2]
    stamps = {"en": ["July 26, 2020", "Politics, 12:30"], "ru": ["26 июля 2020", "Политика, 12:30"]}
    sidebar = [f"{corpus_stories(lang)[n][0]}\n{stamps[lang][n % 2]}" for n in (0, 1, 3)]
    text = "\n\n".join([title, "27.07.2020", *paragraphs, *sidebar]) + "\n"
    assert not printed.recognise(text)


# --- the name a new outlet is suggested under -------------------------------------------------

def ingested_page(project, text: str, name: str = "story.txt") -> tuple[dict, list]:
    """The front matter of the page ``text`` became, and the build's warnings about it."""
    from builder.diagnostics import Fate
    from builder.formats import frontmatter
    from builder.ingest.run import ingest_sources
    from builder.read import read_articles
    (project.root / "content" / "sources" / name).write_text(text, encoding="utf-8")
    result = ingest_sources(project.config(), today=dt.date(2026, 11, 25))
    [outcome] = [o for o in result.outcomes if o.fate is Fate.INGESTED]
    front = frontmatter.parse(project.read(outcome.detail)).data
    return front, list(read_articles(project.config(), {}).diagnostics)


@needs_corpus
@pytest.mark.parametrize(("lang", "index"), [("en", 1), ("ru", 1), ("en", 2), ("ru", 0)])
def test_an_unknown_outlet_is_suggested_under_the_name_its_source_prints(project, lang, index):
    """"Moscow Times Live", «Сирена»: the channel's own name in its own language, not its key
    title-cased ("Sirena"), is what the lines to add to content/outlets.yaml give."""
    text, key, _, _ = telegram_post(lang, index, False, False, False)
    name = CHANNELS[lang][index % 3][0]
    front, warnings = ingested_page(project, text)
    assert (front["outlet"], front["outlet_name"]) == (key, name)
    [unknown] = [w for w in warnings if w.code == "outlet-unknown"]
    assert f"name: {{en: {name}, ru: {name}}}" in unknown.message


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_site_name_over_a_copied_page_is_the_suggested_name(project, lang):
    title, paragraphs = corpus_stories(lang)[0]
    site = {"en": "Riverside Daily Courier", "ru": "Тюмень Today"}[lang]
    menu = {"en": "Home\nNews\nSport", "ru": "Главная\nНовости\nСпорт"}[lang]
    text = "\n\n".join([f"{site}\n{menu}", title, "26.07.2020, 14:05", *paragraphs]) + "\n"
    front, _ = ingested_page(project, text)
    assert front["outlet_name"] == site


@needs_corpus
def test_a_known_outlet_needs_no_printed_name(project):
    text, _, _, _ = telegram_post("ru", 2, False, False, False)  # «РИА Новости»
    front, _ = ingested_page(project, text)
    assert front["outlet"] == "ria" and "outlet_name" not in front

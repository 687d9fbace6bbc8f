"""The top of a page in the shapes an outside trial found it in on sources never seen before:
a site's menu on one line, a logo's link, a search box's placeholder, a breadcrumb trail, a
newsletter's name and tagline over the post's headline (never the title); a headline
hard-wrapped at 70 columns (joined again, but not to a standfirst of one line under it); a
byline glued to its date by a bar, a printed page's running header with its weekday, a
weekly's range of days, a date alone under a headline under a whole site block (each the
date); a stamp's label and weekday ("PUBLISHED SUN, JUL 26 2020"), which are no dateline's
place.

Every source is a real story of the shared corpus (in both languages) dressed as a page, one a
line as a browser copies it or parted by blank lines. What only looks like a page's top must
stay: a short headline, a headline with a slash or in title case, a story's sentence with a
date in it.
"""

from __future__ import annotations

import textwrap

import pytest

from builder.ingest.dates import date_line
from builder.ingest.layout import ends_sentence
from tests.test_ingest_signup_boxes import extract, joined, story
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

TOPS = {
    "en": [["News Sport Business Money Entertainment Travel"],
           ["The Daily Courier", "News you can trust.",
            "News Sport Business Money Entertainment Travel"],
           ["Sky News - back to home"], ["Go to homepage"], ["Search quotes, news & videos"],
           ["News / Governor"], ["Home > World > Europe"],
           ["The Daily Brief", "Reader-supported. Subscribe"]],
    "ru": [["Новости Политика Экономика Общество Культура Спорт"],
           ["Вечерний курьер", "Новости, которым верят.",
            "Новости Политика Экономика Общество Культура Спорт"],
           ["На главную"], ["Вернуться на главную"], ["Поиск по сайту"],
           ["Новости / Губернатор"], ["Главная / Новости / Общество"],
           ["Ежедневная сводка", "Издание на средства читателей. Подписаться"]],
}
DATES = {"en": "July 26, 2020", "ru": "26 июля 2020"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", range(len(TOPS["en"])))
@pytest.mark.parametrize("glued", [True, False])
@pytest.mark.parametrize("dated", [True, False])
def test_a_pages_menu_logo_search_box_breadcrumbs_or_newsletter_name_is_never_the_title(
        lang, kind, glued, dated):
    """Whatever stands over the headline of these, the headline is the title, the story is the
    body, and none of the top's lines is in either or in the summary."""
    title, standfirst, paragraphs = story(lang, kind)
    top = TOPS[lang][kind]
    draft = extract(joined([*top, title, *([DATES[lang]] if dated else []), standfirst,
                            *paragraphs], glued) + "\n")
    assert draft.title == title
    assert body_of(draft)[-len(paragraphs):] == paragraphs
    assert not any(line in block for line in top for block in [*body_of(draft), draft.summary])
    if dated:
        assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)


LOOK_ALIKES = {
    "en": ["Brexit delayed", "UK / EU trade talks resume in Brussels",
           "Search for missing climbers resumes", "Trump Signs Order On Travel Ban",
           "World leaders meet in Paris"],
    "ru": ["Брексит отложен", "Россия / ЕС: переговоры возобновятся в Брюсселе",
           "Поиск пропавших альпинистов возобновлён", "Политика и спорт: кто победит",
           "Мир ждёт решения Лондона"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("glued", [True, False])
def test_a_short_headline_one_with_a_slash_or_in_title_case_stays_the_title(lang, index,
                                                                             glued):
    """A headline that only looks like a menu, a search box or a breadcrumb, under the site's
    menu on one line or alone, is the title."""
    headline = LOOK_ALIKES[lang][index]
    _, standfirst, paragraphs = next(told for n in range(12) if ends_sentence(
        (told := story(lang, index + n))[1]))  # a standfirst of a headline's shape is
    # no story's (a short headline over it could be a rubric: nothing on the page tells)
    for top in ([], TOPS[lang][0]):
        draft = extract(joined([*top, headline, DATES[lang], standfirst, *paragraphs], glued)
                        + "\n")
        assert draft.title == headline, top
        assert body_of(draft) == [standfirst, *paragraphs]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_with_a_date_stays_and_dates_nothing(lang):
    title, standfirst, paragraphs = story(lang, 1)
    sentence = {"en": "The talks were held on July 27, 2020, in Minsk.",
                "ru": "Переговоры прошли 27 июля 2020 года в Минске."}[lang]
    draft = extract(joined([TOPS[lang][0][0], title, sentence, standfirst, *paragraphs], True)
                    + "\n")
    assert draft.title == title and draft.date is None
    assert body_of(draft) == [sentence, standfirst, *paragraphs]


def long_headlines(lang: str) -> list[tuple[str, list[str]]]:
    """Stories of ``lang`` whose headline is longer than 70 characters and ends no sentence."""
    return [(title, paragraphs) for title, paragraphs in corpus_stories(lang, 40)
            if 75 < len(title) < 130 and not title.endswith((".", ":", "?"))][:2]


def wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 70))


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(2))
@pytest.mark.parametrize("dated", [True, False])
@pytest.mark.parametrize("glued", [True, False])
def test_a_headline_hard_wrapped_at_seventy_columns_is_joined_again(lang, index, dated, glued):
    title, paragraphs = long_headlines(lang)[index]
    head = [wrapped(title), *([DATES[lang]] if dated else [])]
    text = ("\n" if glued else "\n\n").join(head) + "\n\n" + "\n\n".join(map(wrapped, paragraphs))
    draft = extract(text + "\n")
    assert draft.title == title
    assert body_of(draft) == paragraphs
    if dated:
        assert (draft.date.month, draft.date.day) == (7, 26)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(2))
def test_a_headline_over_a_standfirst_of_one_line_is_not_joined_to_it(lang, index):
    """A wrapped text's headline of one line, with a standfirst of one line glued under it:
    the standfirst ends a sentence, and its first word would have fitted on the headline's
    line."""
    title, paragraphs = long_headlines(lang)[index]
    headline = title[:60].rsplit(" ", 1)[0]
    standfirst = paragraphs[0][:66].rsplit(" ", 1)[0].rstrip(",;:") + "."
    text = f"{headline}\n{standfirst}\n\n" + "\n\n".join(map(wrapped, paragraphs[1:]))
    draft = extract(text + "\n")
    assert draft.title == headline
    assert standfirst in [draft.summary, *body_of(draft)]


STAMPS = {
    "en": [("Elena Teslova |26.07.2020 - Update : 26.07.2020", (2020, 7, 26)),
           ("Sunday, July 26, 2020   THE MOSCOW TIMES   3", (2020, 7, 26)),
           ("July 27 - August 2, 2020", (2020, 7, 27)),
           ("December 28, 2020 - January 3, 2021", (2020, 12, 28)),
           ("27-31 July 2020", (2020, 7, 27)),
           ("PUBLISHED SUN, JUL 26 2020 10:15 AM EDT", (2020, 7, 26)),
           ("Published Sun, Jul 26 2020", (2020, 7, 26))],
    "ru": [("Иван Петров | 26.07.2020, 14:05", (2020, 7, 26)),
           ("Воскресенье, 26 июля 2020 г. | Коммерсантъ | №131", (2020, 7, 26)),
           ("31 июля — 6 августа 2020 года", (2020, 7, 31)),
           ("28 декабря 2020 — 3 января 2021 года", (2020, 12, 28)),
           ("27–31 июля 2020 г.", (2020, 7, 27)),
           ("ОПУБЛИКОВАНО ВС, 26 ИЮЛ 2020 10:15", (2020, 7, 26)),
           ("Обновлено Пн, 27 июля 2020", (2020, 7, 27))],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(7))
@pytest.mark.parametrize("over", [True, False])
@pytest.mark.parametrize("glued", [True, False])
def test_a_byline_and_date_a_running_header_or_an_issues_days_are_the_date(lang, index, over,
                                                                           glued):
    """A weekly's issue is dated by its first day, the day it came out, as a library's
    catalogue or the paper's own archive cites it (the year printed once at the range's end
    is the first day's, or the year before over New Year); a stamp's label and weekday are no
    place."""
    title, standfirst, paragraphs = story(lang, index)
    line, expected = STAMPS[lang][index]
    head = [line, title] if over else [title, line]
    draft = extract(joined([*head, standfirst, *paragraphs], glued) + "\n")
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == expected
    assert draft.place == ""
    assert body_of(draft)[-len(paragraphs):] == paragraphs


SITE_BLOCKS = {
    "en": [["The Daily Courier", "News you can trust.",
            "News Sport Business Money Entertainment Travel", "World"],
           ["Northern Herald", "Independent since 1991.",
            "News World Politics Business Culture Sport", "Politics", "Politics"]],
    "ru": [["Вечерний курьер", "Новости, которым верят.",
            "Новости Политика Экономика Общество Культура Спорт", "Политика"],
           ["Северный вестник", "Независимая газета с 1991 года.",
            "Новости Мир Политика Экономика Культура Спорт", "Мир", "Мир"]],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("glued", [True, False])
def test_a_date_alone_under_the_headline_under_a_whole_site_block_is_the_date(lang, index,
                                                                               glued):
    """The site's name, slogan, menu on one line and rubric (perhaps printed twice) are left
    out; the headline is the title and the date under it the date."""
    title, standfirst, paragraphs = story(lang, index + 2)
    site = SITE_BLOCKS[lang][index]
    draft = extract(joined([*site, title, DATES[lang], standfirst, *paragraphs], glued) + "\n")
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft) == [standfirst, *paragraphs]


@pytest.mark.parametrize(("line", "day"), [
    ("Elena Teslova |26.07.2020 - Update : 26.07.2020", 26),
    ("Sunday, July 26, 2020   THE MOSCOW TIMES   3", 26),
    ("Воскресенье, 26 июля 2020 г. | Коммерсантъ | №131", 26),
    ("July 27 - August 2, 2020", 27), ("31 июля — 6 августа 2020 года", 31)])
def test_such_lines_are_date_lines(line, day):
    found = date_line(line)
    assert (found.year, found.month, found.day) == (2020, 7, day)


@pytest.mark.parametrize("line", [
    "He said on July 26, 2020   that it was over and done with",
    "Issue 5 - 27 July 2020 was a long day for the team and the city",
    "The talks were held on July 27, 2020, in Minsk."])
def test_sentences_with_a_date_are_no_date_lines(line):
    assert date_line(line) is None


GLUED_STAMPS = {"en": ["PUBLISHED SUN, JUL 26 2020 10:15 AM EDT",
                       "PUBLISHED SUN, JUL 26 2020 10:15 AM EDT "
                       "UPDATED SUN, JUL 26 2020 11:30 AM EDT"],
                "ru": ["Опубликовано 26 июля 2020, 10:15",
                       "ОПУБЛИКОВАНО ВС, 26 ИЮЛ 2020 10:15 ОБНОВЛЕНО ВС, 26 ИЮЛ 2020 11:30"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("glued", [True, False])
def test_a_stamp_glued_to_the_first_sentence_is_the_date_not_a_datelines_place(lang, index,
                                                                                 glued):
    """A page copied in one line glues its stamp to the story: "PUBLISHED SUN" is no place,
    and the stamp is the date, not the story's."""
    title, standfirst, paragraphs = story(lang, index)
    stamp = GLUED_STAMPS[lang][index]
    draft = extract(joined([title, f"{stamp} {standfirst}", *paragraphs], glued) + "\n")
    assert draft.title == title and draft.place == ""
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert f"{draft.stamp.time:%H:%M}" == "10:15"
    assert [standfirst, *paragraphs] in (body_of(draft), [draft.summary, *body_of(draft)])


@pytest.mark.parametrize("paragraph", [
    "Published on July 26, 2020, the report says the storm was the worst in years.",
    "Updated figures for July 26, 2020 show the storm was the worst in years."])
def test_a_paragraph_opening_with_a_stamps_words_keeps_them(paragraph):
    draft = extract(f"Storm report\n\n{paragraph}\n\nNobody was hurt.\n")
    assert body_of(draft)[0] == paragraph and draft.place == ""


NUMERIC_DATES = ["2020.07.26 12:05", "2020/07/26", "07/26/20 11:32 AM EDT",
                 "By Anna Smith - 07/26/20 11:32 AM EDT", "26/07/20 9:57pm", "26.07.20",
                 "26.07.20, 14:05", "Date 26.07.2020", "Дата: 26.07.2020"]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("line", NUMERIC_DATES)
@pytest.mark.parametrize("glued", [True, False])
def test_numeric_dates_with_the_year_first_or_cut_short_are_date_lines(lang, line, glued):
    """An outside trial's pages printed their dates as Lithuanian sites do (2020.07.26), as
    American ones do with a short year (07/25/20), as British ones do (26/07/20): none was read,
    and the sources got no page. The short year's order is the date's own (one of the two
    first numbers over 12), as for the long year; two figures each with dots is day first."""
    title, standfirst, paragraphs = story(lang, 2)
    draft = extract(joined([title, line, standfirst, *paragraphs], glued) + "\n")
    assert (draft.title, draft.date.day, draft.date.month, draft.date.year) == (
        title, 26, 7, 2020)
    assert body_of(draft)[-len(paragraphs):] == paragraphs


@pytest.mark.parametrize("text", ["Version 2020.1.2 of the app was released.",
                                  "The score was 3/4/20 in the final.", "Section 1.02.20 says so.",
                                  "07/07/20"])  # the last: July 7 or 7 July alike, but not known
def test_numbers_that_only_look_like_a_short_date_are_none(text):
    assert date_line(text) is None


MENU_TOGGLES = {"en": ["Accessibility links", "Skip to main content",
                       "Keyboard shortcuts for audio player", "Open Navigation Menu", "NPR logo",
                       "Home", "News Expand/collapse submenu for News", "World",
                       "Culture Expand/collapse submenu for Culture", "Search"],
                "ru": ["Перейти к основному содержанию", "Логотип РБК", "Главная",
                       "Новости Развернуть подменю", "Политика", "Общество Развернуть подменю",
                       "Поиск"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [True, False])
def test_a_menus_toggles_and_a_logos_text_are_neither_headline_nor_outlet(lang, glued):
    """An outside trial's copied page had a menu whose items carry their toggles ("Culture
    Expand/collapse submenu for Culture"), one of which became the title, over the accessibility
    links and the logo's text ("NPR logo"), which became the outlet ``npr-logo``."""
    title, standfirst, paragraphs = story(lang, 1)
    draft = extract(joined([*MENU_TOGGLES[lang], title, DATES[lang], standfirst, *paragraphs],
                           glued) + "\n")
    assert draft.title == title
    assert body_of(draft)[-len(paragraphs):] == paragraphs
    assert draft.outlet == {"en": "npr", "ru": "rbc"}[lang]


@pytest.mark.parametrize("sentence", ["The cafe will expand menu for vegans.",
                                      "Accessibility links on the site were broken, he said."])
def test_sentences_about_menus_and_accessibility_are_no_controls(sentence):
    from builder.ingest.furniture import furniture_of
    assert furniture_of(sentence) is None


KICKERS = ["America Reckons With Racial Injustice", "The Coronavirus Crisis", "Election 2020"]


@needs_corpus
@pytest.mark.parametrize("kicker", KICKERS)
@pytest.mark.parametrize("glued", [True, False])
def test_a_series_label_in_title_case_over_the_headline_is_not_the_title(kicker, glued):
    """American pages print a series' or topic's label over the headline, both in title case
    (an outside trial's NPR page: "America Reckons With Racial Injustice" / the headline / its
    date): the label was the title. The headline is the longer line right over the date."""
    _, standfirst, paragraphs = story("en", 1)
    headline = "Minneapolis Residents Create Street Patrol Detachments In Their Neighborhoods"
    draft = extract("Home\nNews\nWorld\n" + joined([kicker, headline, DATES["en"], standfirst,
                                                     *paragraphs], glued) + "\n")
    assert draft.title == headline
    assert body_of(draft)[-len(paragraphs):] == paragraphs


@needs_corpus
def test_a_title_case_headline_over_its_title_case_deck_and_date_stays_the_title():
    """A headline longer than the line under it is the headline, whatever the line is."""
    _, standfirst, paragraphs = story("en", 1)
    headline = "Minneapolis Residents Create Street Patrol Detachments In Their Neighborhoods"
    draft = extract(joined([headline, "Police Budget Cuts Loom", DATES["en"], standfirst,
                            *paragraphs], False) + "\n")
    assert draft.title == headline


@needs_corpus
@pytest.mark.parametrize("edition", ["International edition", "US edition", "UK edition",
                                     "Edition: Europe"])
def test_an_editions_switch_over_the_site_is_not_the_headline(edition):
    """An outside trial's Guardian page, copied from a browser (a line each), opened with its
    edition's switch, under its controls and over its logo's link and appeals: "International
    edition" was the title."""
    title, paragraphs = corpus_stories("en", 8)[7]
    standfirst, paragraphs = paragraphs[0], paragraphs[1:]
    draft = extract("\n".join(
        ["Skip to main content", "Skip to navigation", "Print subscriptions", "Sign in",
         "Search jobs", "Search", edition, "The Guardian - Back to home",
         "Support the Guardian", "Available for everyone, funded by readers", "Contribute",
         "Subscribe", "News", "Opinion", "Sport", "Culture", "Lifestyle", "World", "UK",
         "Science", "Tech", "Business", "Politics", title, "Staff and agencies",
         "Sat 25 Jul 2020 14.03 BST", "Share on Facebook", "Share on Twitter", standfirst])
        + "\n\n"
        + "\n\n".join(paragraphs) + "\n")
    assert draft.title == title
    assert body_of(draft)[-len(paragraphs):] == paragraphs


def test_an_edition_in_a_sentence_is_no_control():
    from builder.ingest.furniture import furniture_of
    assert furniture_of("The US edition of the paper was sold out by noon.") is None


@needs_corpus
@pytest.mark.parametrize(("lang", "trail"), [("en", "News | Qatar"), ("en", "World | Europe"),
                                             ("ru", "Новости | Общество"),
                                             ("ru", "Политика | Регионы")])
@pytest.mark.parametrize("glued", [True, False])
def test_a_section_and_its_subsection_parted_by_a_bar_are_no_headline(lang, trail, glued):
    """An outside trial's page printed to PDF had its section and subsection over the headline
    with a bar ("News | Qatar"), as others print them with a slash: it became the title "News"
    (its last item taken for the site's name)."""
    title, standfirst, paragraphs = story(lang, 4)
    draft = extract(joined([trail, title, DATES[lang], standfirst, *paragraphs], glued) + "\n")
    assert draft.title == title
    assert body_of(draft)[-len(paragraphs):] == paragraphs


STAMPED_MENUS = {"en": ["Daily Courier", "Daily Courier English", "Lithuania", "Politics",
                        "Business", "Opinion", "Culture", "Sports", "In depth", "courier.lt",
                        "Politics", "2020.07.26 12:05"],
                 "ru": ["Курьер", "Курьер Online", "Россия", "Политика", "Экономика", "Мнения",
                        "Культура", "Спорт", "Расследования", "courier.ru", "Политика",
                        "26.07.2020 12:05"]}
NEWSROOMS = {"en": ["Daily Courier Newsroom", "courier.lt"], "ru": ["Редакция Курьера",
                                                                    "courier.ru"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_headline_under_a_menus_stamp_and_over_a_newsroom_byline_is_the_title(lang):
    """An outside trial's copied page ended its menu with the site's address, a rubric and the
    stamp, and printed the newsroom and its address under the headline, two short lines a menu
    might hold: the headline was taken for a slogan, the site's name for the title, and the
    source got no page (its date was over that "headline")."""
    title, standfirst, paragraphs = story(lang, 5)
    draft = extract("\n".join([*STAMPED_MENUS[lang], title, *NEWSROOMS[lang], standfirst,
                               *paragraphs]) + "\n")
    assert (draft.title, draft.date.day, draft.date.month) == (title, 26, 7)
    assert body_of(draft)[-len(paragraphs):] == paragraphs


POST_HEADS = {"en": (["Open in app", "Sign up", "Sign in", "Write"],
                     ["Anna Smith", "Anna Smith", "", "Follow", "", "5 min read", "·",
                      "Jul 26, 2020", "", "48", "", "3"]),
              "ru": (["Открыть в приложении", "Войти", "Написать"],
                     ["Анна Смирнова", "Анна Смирнова", "", "Подписаться", "", "5 мин", "·",
                      "26 июля 2020", "", "48", "", "3"])}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_blog_posts_headline_over_its_authors_head_is_the_title(lang):
    """A blog platform's post, copied: its controls, the headline, the author's name printed
    twice, a follow button, the reading time and the date, the claps. An outside trial's
    Medium post lost its headline as a site's slogan, the author's lines taken for a menu, and
    its first paragraph became the title."""
    title, standfirst, paragraphs = story(lang, 6)
    controls, head = POST_HEADS[lang]
    text = "\n\n".join(controls) + f"\n\n{title}\n" + "\n".join(head) + "\n\n" + "\n\n".join(
        [standfirst, *paragraphs]) + "\n"
    draft = extract(text)
    assert (draft.title, draft.date.day, draft.date.month) == (title, 26, 7)
    assert body_of(draft)[-len(paragraphs):] == paragraphs

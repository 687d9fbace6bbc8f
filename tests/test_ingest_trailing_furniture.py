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

from builder.ingest import letter, markdown_source, printed
from builder.ingest.draft import Source
from tests.test_ingest_letters import dressed_letter
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page

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


LETTER_LINES = {
    "en": ["Unsubscribe from this list", "Update subscription preferences",
           "Unsubscribe from this list | Update subscription preferences",
           "Update your preferences or unsubscribe", "Our mailing address is:",
           "Want to change how you receive these emails?\nYou can update your preferences or "
           "unsubscribe from this list.", "Add us to your address book",
           "You received this email because you signed up for our newsletter.",
           "View this email in your browser", "Read it online", "More like this",
           "Less like this", "Forward this email to a friend"],
    "ru": ["Отписаться", "Отписаться от рассылки", "Читать на сайте", "Управление подпиской",
           "Вы получили это письмо, потому что подписались на нашу рассылку.",
           "Вы получаете эту рассылку, потому что оставили адрес на сайте.",
           "Если вы не хотите получать эту рассылку, отпишитесь",
           "Чтобы отписаться от рассылки, перейдите по ссылке",
           "Вы подписаны на рассылку «Новой газеты»"],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "line"),
                         [(lang, line) for lang in LETTER_LINES for line in LETTER_LINES[lang]])
def test_a_newsletters_footer_and_feedback_buttons_are_left_out(lang, line):
    text, _, _, paragraphs = dressed_letter(lang, 0, greeting=False, top=False)
    draft = letter.extract(Source("x.txt", text.rstrip("\n") + f"\n\n{line}\n", "0"))
    assert body_of(draft) == paragraphs, line
    for where in ("below", "above"):
        draft, paragraphs = page(lang, 1, **{where: line})
        assert body_of(draft) == paragraphs, (where, line)


LINKED_LINES = {"en": ["View this email in your browser: https://example.com/m/1",
                       "Read it online: <https://example.com/2020/07/26/story>", "--"],
                "ru": ["Читать на сайте: https://rg.ru/2020/07/25/kak-povliiaet.html",
                       "Отписаться: https://rg.ru/subscribe/off/", "--"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_letters_control_with_its_link_and_its_signature_rule_are_left_out(lang):
    """An outside trial's newsletter printed its controls with their links («Читать на сайте:
    https://…», «Отписаться: https://…») and a signature's rule ("--"): all stayed in the body."""
    text, _, _, paragraphs = dressed_letter(lang, 0, greeting=False, top=False)
    draft = letter.extract(Source("x.txt", text.rstrip("\n") + "\n\n"
                                  + "\n\n".join(LINKED_LINES[lang]) + "\n", "0"))
    assert body_of(draft) == paragraphs


UNDER = {
    "en": ["Read more: tumentoday", "Text to speech", "1.2K", "56 claps", "Show more comments",
           "Source: Reuters", "Reproduction in whole or in part is prohibited.", "Read more",
           "Related", "Follow us", "Follow us on social media", "Support the Guardian",
           "Available for everyone, funded by readers", "We need your support.", "Page 2 of 3",
           "1/2", "Originally posted by user_name", "<!-- wp:paragraph -->", "Member-only story",
           "Supported by readers", "This article was originally published on The Conversation.",
           "Reprinted with permission"],
    "ru": ["Перепост из", "Оригинал взят у nikolay_petrov в Новости дня", "15 комментариев",
           "Подробнее: tumentoday", "Написать комментарий", "Показать следующие комментарии",
           "1 234 прочтения", "567 дочитываний", "Понравилось", "Подписаться на канал",
           "Источник: «Ведомости»", "Источник: «Российская газета»",
           "Любое использование материалов допускается только с письменного согласия редакции",
           "При перепечатке ссылка обязательна", "Читайте также", "Читать также",
           "Подробнее о ситуации", "Мы в соцсетях", "Нам очень нужна ваша поддержка",
           "Страница 1 из 2", "Поддержите «Новую»", "<!--more-->", "Мы в Telegram",
           "Записи из этого журнала по тегу «новости»",
           "Материалы сайта не могут быть воспроизведены без согласия редакции",
           "Существуем на деньги читателей"],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "line"), [(lang, line) for lang in UNDER for line in UNDER[lang]])
@pytest.mark.parametrize("glued", [False, True])
def test_what_blogs_social_networks_and_outlets_print_under_the_story_is_left_out(lang, line,
                                                                                  glued):
    draft, paragraphs = page(lang, 2 if glued else 0, below=line, glued=glued)
    assert body_of(draft) == paragraphs, line
    assert line in [d.text for d in draft.dropped]


@needs_corpus
@pytest.mark.parametrize(("lang", "title", "furniture"), [
    ("ru", "Читайте также", "Источник: «Ведомости»\n\nПоделиться"),
    ("en", "Read more", "Source: Reuters\n\nShare"),
])
def test_a_read_also_title_followed_only_by_furniture_goes(lang, title, furniture):
    draft, paragraphs = page(lang, 1, below=f"{title}\n\n{furniture}")
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("pages", [1, 2])
def test_what_a_browser_prints_over_and_under_each_page_is_left_out(lang, pages):
    title, paragraphs = corpus_stories(lang)[1]
    stamp = {"en": "7/26/20, 2:05 PM", "ru": "26.07.2020, 14:05"}[lang]
    address = f"https://www.example-news.{lang}/news/2020/07/26/story-1234.html"
    head = f"{stamp}   {title} - Example News"
    parts = [paragraphs] if pages == 1 else [paragraphs[:2], paragraphs[2:]]
    text = "\f".join(f"{head}\n\n" + (f"{title}\n\n" if not number else "") + "\n\n".join(part)
                     + f"\n\n{address}   {number + 1}/{pages}\n" for number, part in enumerate(parts))
    assert printed.recognise(text)
    draft = printed.extract(Source("x.txt", text, "0"))
    assert draft.title == title and body_of(draft) == paragraphs
    assert draft.outlet == "example-news" and draft.date is None  # the printing's time is not


def test_a_story_line_with_an_address_and_no_page_number_is_no_browsers_footer():
    text = "A title of the story\n\nThe report is at https://example.com/report 2020, he said.\n"
    assert not printed.recognise(text)


LOOKALIKES = {
    "en": ["Thousands of readers tried to unsubscribe from the list after the leak, the company "
           "said.",
           "Source: a senior official familiar with the talks said the deal was close.",
           "Read more about the plan in the ministry's report, the spokesman told reporters.",
           "Support for the Guardian's editorial line fell among younger readers, the poll showed.",
           "The page 2 of the report lists the names of all 30 victims.",
           "Follow us, the protesters shouted as they marched to the square.",
           "You received this email because of a data leak, the bank told its customers.",
           "Help us keep it free, the activists urged the city council on Monday.",
           "The museum is supported by readers of the paper."],
    "ru": ["Читайте внимательно условия договора, предупредили в ведомстве.",
           "Источник в правительстве сообщил, что решение уже принято.",
           "Вы получили это письмо? — спросил следователь у свидетеля.",
           "Нажмите «Отписаться», и письма перестанут приходить, объяснили в компании.",
           "Подробнее о ситуации рассказал губернатор области на брифинге в понедельник.",
           "Оригинал документа был взят у нотариуса в понедельник, сообщили в суде.",
           "Чтобы отписаться от рассылки, клиенту банка пришлось трижды звонить в колл-центр.",
           "Вы подписаны на рассылку банка, даже если не давали согласия, выяснили юристы.",
           "Мы в Telegram не регистрировались, заявили в пресс-службе министерства."],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang in LOOKALIKES for s in LOOKALIKES[lang]])
@pytest.mark.parametrize("where", ["below", "between"])
def test_a_story_sentence_that_looks_like_such_furniture_stays(lang, sentence, where):
    draft, paragraphs = page(lang, 3, **{where: sentence})
    assert sentence in body_of(draft)
    assert all(p in body_of(draft) for p in paragraphs)


PITCHES = {"en": ["Since 1897, The Daily Courier has been the city's leading newspaper. "
                  "Subscribe today.", "By subscribing, you can help us get the story right.",
                  "By becoming a member, you support independent reporting."],
           "ru": ["С 1990 года «Вечерний курьер» — главная газета города. Подпишитесь сегодня.",
                  "Подписавшись, вы поддержите редакцию.",
                  "Оформив подписку, вы поможете нам работать дальше."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("where", ["above", "below"])
def test_a_subscription_pitch_is_no_story(lang, where):
    """An outside trial's page opened with the outlet's pitch over its headline ("Since 1897,
    The Japan Times has been Japan's leading English-language newspaper. Subscribe today."),
    which became the title."""
    for pitch in PITCHES[lang]:
        draft, paragraphs = page(lang, 2, **{where: pitch})
        assert body_of(draft) == paragraphs, pitch


@pytest.mark.parametrize("sentence", [
    "The magazine lost readers last year. Subscribe now, its ads urged.",
    "By subscribing to the plan, you would pay twice as much, the regulator found out.",
    "Подписавшись на канал, вы не получите ничего, сказал следователь."])
def test_a_story_sentence_about_subscribing_stays(sentence):
    from builder.ingest.furniture import furniture_of
    assert furniture_of(sentence) is None

"""What pages print after a story, and among its paragraphs, in the shapes an outside trial on
sources the project had never seen found kept in the body: a copyright line with what it says
of the rights, a footer's links one a line, an advertisement's label in other words, a market
ticker and the reporters' contacts, controls glued on one line, readers' comments in other
layouts, widgets of other headlines under more titles, appeals for support in other wordings,
the site's name alone under the story, and the template tags another static-site generator left
in a Markdown source.

Every source is a real story of the shared corpus, in both languages, dressed as a page (see
:func:`tests.test_ingest_story_furniture.page`), the furniture parted from the story by a blank
line or glued to it. The story must come out whole, the furniture not at all; and a story's
sentence that only looks like furniture (one about copyright, advertising, Reuters, a reply)
must stay.
"""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Draft, Source
from builder.ingest.layout import ends_sentence
from builder.ingest.markdown_source import extract
from builder.ingest.source_front_matter import split
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page


def _headlines(lang: str) -> list[str]:
    """Three other stories' headlines of the corpus, as a widget lists them."""
    return [headline for headline, _ in corpus_stories(lang, 12)[4:]
            if not ends_sentence(headline)][:3]


def _assert_left_out(lang: str, below: str = "", between: str = "") -> None:
    """Four stories dressed with ``below`` under the last paragraph (glued to it or not) or
    ``between`` the first two: the story whole, each furniture line left out or related."""
    for index in range(4):
        glued = index % 2 == 1 and bool(below)
        draft, paragraphs = page(lang, index, below=below, between=between, glued=glued)
        assert body_of(draft) == paragraphs, (below or between, index)
        if below:
            related = {item.title for item in draft.related}
            assert not {line for line in below.split("\n") if line} & set(body_of(draft))
            assert all(line in related or line in [d.text for d in draft.dropped]
                       for line in below.split("\n") if line), below


def _assert_kept(lang: str, sentence: str) -> None:
    """A story with ``sentence`` between its paragraphs and under them: kept both times."""
    for where in ("between", "below"):
        draft, paragraphs = page(lang, 2, **{where: sentence})
        expected = ([paragraphs[0], sentence, *paragraphs[1:]] if where == "between"
                    else [*paragraphs, sentence])
        assert body_of(draft) == expected, (where, sentence)


COPYRIGHT = {
    "en": ["© 2020 Bloomberg L.P. All rights reserved", "© Reuters",
           "Copyright 2020 The Associated Press. All rights reserved. This material may not be "
           "published, broadcast, rewritten or redistributed.", "All rights reserved.",
           "© Bloomberg L.P. All rights reserved. Reproduction without permission prohibited."],
    "ru": ["© 2020 Фонтанка.ру", "Все права защищены. При цитировании ссылка обязательна",
           "© Коммерсантъ, 1991–2020", "© РИА Новости. Все права защищены",
           "Перепечатка материалов без согласия редакции запрещена."],
}
COPYRIGHT_STORY = {
    "en": ["Copyright infringement cases rose by 20% last year, the court said.",
           "© is the copyright sign.", "All rights reserved, the company said of its logo.",
           "Copyright Office officials said the fee would rise."],
    "ru": ["Все права защищены законом, заявил министр.",
           "Авторское право на песню принадлежит ее автору.",
           "© — знак охраны авторского права, пояснил юрист."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_copyright_line_and_what_it_says_of_the_rights_are_left_out(lang):
    for line in COPYRIGHT[lang]:
        _assert_left_out(lang, below=line)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_about_copyright_stays(lang):
    for sentence in COPYRIGHT_STORY[lang]:
        _assert_kept(lang, sentence)


FOOTER_LINKS = {
    "en": ["About us | Contact | Careers | Advertise", "Terms of Service  Privacy  Cookie settings",
           "Terms of Service · Privacy Policy · Cookie Settings · Do Not Sell My Personal "
           "Information", "About us\nContact\nCareers\nAdvertise",
           "Contact Us\nTerms of Use\nPrivacy Policy\nAd Choices"],
    "ru": ["О проекте Реклама Контакты Вакансии", "О проекте\nРеклама\nКонтакты\nВакансии",
           "О нас | Контакты | Реклама | Вакансии",
           "Редакция\nРекламодателям\nПравообладателям\nПользовательское соглашение"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_footers_links_on_one_line_or_one_a_line_are_left_out(lang):
    for links in FOOTER_LINKS[lang]:
        _assert_left_out(lang, below=links)
        _assert_left_out(lang, below=f"{links}\n{COPYRIGHT[lang][0]}")


ADVERTISEMENT = {
    "en": ["AD", "Ad", "Advertisement", "ADVERTISING", "Story continues below advertisement",
           "Advertisement - Scroll to continue", "Continue reading the main story",
           "Article continues after advertisement"],
    "ru": ["Реклама", "РЕКЛАМА", "Реклама 18+", "Продолжение ниже",
           "Продолжение истории под рекламой", "Статья продолжается после рекламы"],
}
ADVERTISING_STORY = {
    "en": ["Advertising revenue fell by 20% in the second quarter.",
           "Advertisements for the show ran on every channel, the studio said."],
    "ru": ["Реклама на ТВ подорожала на 15%.", "Продолжение переговоров назначено на понедельник."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_advertisements_label_between_paragraphs_is_left_out(lang):
    for label in ADVERTISEMENT[lang]:
        _assert_left_out(lang, between=label)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_about_advertising_stays(lang):
    for sentence in ADVERTISING_STORY[lang]:
        _assert_kept(lang, sentence)


TICKERS = {
    "en": ["DJIA 26,469.89 +0.68%\nS&P 500 3,215.63 +0.73%\nNasdaq 10,536.27 +1.67%",
           "DJIA 26,469.89 +0.68%  S&P 500 3,215.63 +0.73%", "Dow 26,469.89 (+0.68%)\n"
           "FTSE 100 6,123.4 -12.3 -0.2%",
           "To contact the reporter on this story: Ivan Petrov in Moscow at ipetrov@bloomberg.net"
           "\nTo contact the editors responsible for this story: Anna Smith at "
           "asmith@bloomberg.net, Gregory White", "To contact the reporter on this story:\n"
           "Ivan Petrov in Moscow at ipetrov@bloomberg.net",
           "To contact the reporters on this story: Ivan Petrov in Moscow at "
           "ipetrov@bloomberg.net;Anna Smith in London at asmith1@bloomberg.net;Jake Rudnitsky in "
           "Moscow at jrudnitsky@bloomberg.net", "Contact the reporter: ipetrov@example.com"],
    "ru": ["USD/RUB 73.45 ▲\nEUR/RUB 86.12 ▼\nBrent 43,20 +0,5%",
           "Нефть Brent 43,20 +0,5%\nДоллар 73,45 −0,12",
           "Индекс МосБиржи 2 946,55 +1,2%  Индекс РТС 1 253,10 −0,4%",
           "Написать автору: ipetrov@fontanka.ru", "Связаться с редакцией: news@fontanka.ru"],
}
TICKER_STORY = {
    "en": ["The index rose 0.68% on Friday.", "Gazprom shares rose 2.5%, the exchange said.",
           "To contact the victims' families, police set up a hotline."],
    "ru": ["Индекс МосБиржи вырос на 1,2%.", "Курс доллара составил 73,45 рубля.",
           "Связаться с автором письма не удалось, сообщили в полиции."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_market_ticker_and_the_editors_contacts_under_the_story_are_left_out(lang):
    """Each quote a name and figures ("DJIA 26,469.89 +0.68%"): not the story, nor the
    headlines of a sidebar."""
    for block in TICKERS[lang]:
        _assert_left_out(lang, below=block)
        draft, _ = page(lang, 0, below=block)
        assert not draft.related


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_about_the_markets_or_contacting_someone_stays(lang):
    for sentence in TICKER_STORY[lang]:
        _assert_kept(lang, sentence)


CONTROLS = {"en": ["Back to Top", "Close", "Back to top Close", "Back to top ↑", "Print Close"],
            "ru": ["Наверх", "Закрыть", "Наверх Закрыть", "Наверх ↑"]}
CONTROL_STORY = {"en": ["Close to 500 people attended the rally.",
                        "Back to top form, the striker scored twice."],
                 "ru": ["Закрыть границу власти не решились.", "Наверх поднялись спасатели."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_controls_alone_or_glued_by_single_spaces_are_left_out(lang):
    for control in CONTROLS[lang]:
        _assert_left_out(lang, below=control)
        _assert_left_out(lang, between=control)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_opening_with_a_controls_word_stays(lang):
    for sentence in CONTROL_STORY[lang]:
        _assert_kept(lang, sentence)


APPEALS = {"en": ["Support our journalism", "Support our journalism. Subscribe today.",
                  "Please consider supporting our journalism.", "Become a member"],
           "ru": ["Поддержите независимую журналистику", "Помочь проекту", "Стать спонсором",
                  "Поддержите независимую журналистику — оформите регулярное пожертвование"]}
APPEAL_STORY = {"en": ["Help us find the driver, police said.",
                       "Supporting the troops is a duty, the senator said."],
                "ru": ["Стать спонсором клуба решила компания Газпром.",
                       "Помочь проекту вызвался губернатор.",
                       "Помогите редакции найти свидетелей ДТП."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_appeal_for_support_in_other_words_is_left_out(lang):
    for appeal in APPEALS[lang]:
        _assert_left_out(lang, below=appeal)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_about_help_or_sponsors_stays(lang):
    for sentence in APPEAL_STORY[lang]:
        _assert_kept(lang, sentence)


COMMENTS = {
    "en": ["3 Comments\nJohn Smith\n2 hours ago\nThis is outrageous, they should resign.\nReply\n"
           "Like 4\nAnna K\nJul 27\nI agree with you.\nReply\nShow more comments",
           "12 Comments\nShare\njsmith\nJul 27\nGreat piece, thanks for writing it.\nReply\n"
           "mary_b\nWrites The Budget Letter\nJul 28\nWhat about the budget?\nReply\nCollapse",
           "John Smith · 2 hours ago\nThis is outrageous.\nReply\nAnna K · 3 hours ago\n"
           "Nobody asked them.\nReply",
           "Comments (2)\njsmith\nYesterday at 9:15 PM\nWho pays for this?\nLike (3)   Reply\n"
           "mary_b\n5h\nWe all do.\nLoad more comments",
           "4 Comments\nSign in to comment\nkeith_w\nThis will not end well.\n+5 ( +6 / -1 )\n"
           "Today 09:12 am EDT\nMarta L.\nThey said the same last year.\n0 ( +1 / -1 )\n"
           "Yesterday at 11:40 PM",
           "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
           "Comment *\nName *\nEmail *\nWebsite\nSave my name, email, and website in this browser "
           "for the next time I comment.\nPost Comment",
           "Comments\nYou must be logged in to post a comment."],
    "ru": ["Комментарии (12)\nИван Петров\n2 часа назад\nЭто безобразие, пусть уходят в отставку.\n"
           "Ответить\nНравится 4\nАнна К.\n27 июля\nСогласна с вами.\nОтветить\n"
           "Показать следующие комментарии",
           "5 комментариев\nivan_p · вчера в 14:05\nКто за это заплатит?\nОтветить\nmaria · 3 ч\n"
           "Мы с вами.\nОтветить",
           "Иван Петров\n27 июля в 14:05\nКто за это заплатит?\nОтветить\nАнна К.\n"
           "27 июля в 15:10\nСогласна.\nОтветить",
           "Обсуждение\nmaria\n27 июля 2020, 15:10\nА где были раньше?\nНравится 2 Ответить",
           "3 комментария\nВойдите, чтобы оставить комментарий\nsergey_k\nНичего не изменится.\n"
           "+4 ( +5 / -1 )\nСегодня, 09:12\nОльга\nТо же самое обещали в прошлом году.\n"
           "0 ( +1 / -1 )\nвчера в 23:40",
           "Оставить комментарий\nВаш адрес email не будет опубликован. Обязательные поля помечены "
           "*\nКомментарий *\nИмя *\nEmail *\nСайт\nСохранить моё имя, email и адрес сайта в этом "
           "браузере для последующих моих комментариев.\nОтправить комментарий",
           "Комментарии\nЧтобы оставить комментарий, авторизуйтесь."],
}
"""Threads as sites print them: a name, a stamp (a date, a time ago, both with the name on one
line; over the comment or under it), the text, the comment's controls and votes; a thread with
no comment yet, its heading and what it says to a reader not logged in; a comment form."""


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_readers_comments_in_other_layouts_are_left_out_with_the_footer_under_them(lang):
    """Under a count of comments or none, each a name, a stamp (a date, a time ago, both with
    the name on one line), the text, the comment's controls; then the page's footer."""
    for thread in COMMENTS[lang]:
        _assert_left_out(lang, below=thread)
        _assert_left_out(lang, below=f"{thread}\n{FOOTER_LINKS[lang][0]}\n{COPYRIGHT[lang][0]}")


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_readers_comments_over_a_widget_and_the_footer_are_left_out_the_widget_related(lang):
    """A thread with no heading is looked for over what the page prints under everything, so a
    long widget and footer under it do not hide it."""
    headlines = _headlines(lang)
    for number, thread in enumerate(COMMENTS[lang]):
        below = "\n".join([thread, WIDGETS[lang][number % len(WIDGETS[lang])], *headlines,
                           FOOTER_LINKS[lang][1], COPYRIGHT[lang][0]])
        draft, paragraphs = page(lang, number % 4, below=below)
        assert body_of(draft) == paragraphs, thread
        assert [item.title for item in draft.related] == headlines, thread


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_thread_longer_than_the_story_is_left_out_under_its_heading(lang):
    heading, *comment = COMMENTS[lang][0].split("\n")[:6]
    _assert_left_out(lang, below="\n".join([heading, *comment * 8]))


COMMENT_STORY = {
    "en": ["Reply to the letter came a week later.", "\"Reply,\" the minister wrote back.",
           "July 27\nThe ministry declined to comment.\nReply\nIts spokesman said so on Friday."],
    "ru": ["Ответить на письмо министр обещал через неделю.",
           "27 июля\nВ министерстве отказались от комментариев.\nОтветить\nОб этом сообщил "
           "пресс-секретарь."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_storys_section_under_a_discussion_heading_with_a_date_stays(lang):
    title, paragraphs = corpus_stories(lang)[1]
    heading, day = {"en": ("Discussion", "July 27"), "ru": ("Обсуждение", "27 июля")}[lang]
    story = [paragraphs[0], heading, day, *paragraphs[1:]]
    draft = generic.extract(Source("x.txt", f"{title}\n\n26.07.2020\n\n" + "\n\n".join(story)
                                   + "\n", "0"))
    assert body_of(draft)[-len(paragraphs) + 1:] == paragraphs[1:]
    assert paragraphs[0] in body_of(draft)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_paragraph_quoting_a_reply_or_a_date_and_a_reply_alone_stays(lang):
    """A date over the story's last paragraphs is no comment's stamp: a thread with no heading
    needs two comments, or one under its commenter's name."""
    for text in COMMENT_STORY[lang]:
        draft, paragraphs = page(lang, 2, below=text)
        body = body_of(draft)
        assert body[:len(paragraphs)] == paragraphs, text
        assert all(line in " ".join(body[len(paragraphs):]) for line in text.split("\n")
                   if line not in ("Reply", "Ответить")), text


WIDGETS = {"en": ["Most Read", "Trending Now", "More from Bloomberg", "Recommended for you",
                  "Partner content", "Around the web", "Most Popular"],
           "ru": ["Новости СМИ2", "Самые читаемые", "Новости партнеров", "Сейчас читают",
                  "Выбор редакции", "Материалы партнёров", "Самые популярные"]}
UNKNOWN_WIDGETS = {"en": ["Don't miss", "Editor's choice"],
                   "ru": ["Не пропустите", "Это интересно"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_widget_of_other_headlines_goes_to_related_whatever_its_items_look_like(lang):
    """Under its title: headlines, numbered or not, or lines that end with a full stop; and
    over the copyright line or not."""
    headlines = _headlines(lang)
    items = {"plain": headlines, "numbered": [line for number, headline in enumerate(headlines)
                                              for line in (str(number + 1), headline)],
             "stopped": [f"{headline}." for headline in headlines]}
    for number, title in enumerate(WIDGETS[lang]):
        for shape, lines in items.items():
            below = "\n".join([title, *lines, *[COPYRIGHT[lang][0]] * (number % 2)])
            draft, paragraphs = page(lang, number % 4, below=below, glued=number % 3 == 0)
            assert body_of(draft) == paragraphs, (title, shape)
            related = [part.rstrip(".") for item in draft.related
                       for part in (item.title, item.teaser) if part]
            assert related == headlines, (title, shape)  # a line with a stop may be a teaser


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_widget_under_a_title_no_list_knows_over_another_widget_goes_to_related(lang):
    headlines = _headlines(lang)
    for number, title in enumerate(UNKNOWN_WIDGETS[lang]):
        below = "\n".join([title, *headlines[:2], WIDGETS[lang][number], headlines[2]])
        draft, paragraphs = page(lang, number, below=below, glued=number == 1)
        assert body_of(draft) == paragraphs, title
        assert [item.title for item in draft.related] == headlines, title


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_storys_last_heading_and_line_over_a_widget_stay(lang):
    """A heading a story has over its last paragraph is no widget's title: a title goes over
    two headlines or more, or right over the widget."""
    heading = {"en": "What comes next", "ru": "Что дальше"}[lang]
    title, paragraphs = corpus_stories(lang)[1]
    last = {"en": "Talks resume on Monday", "ru": "Переговоры продолжатся в понедельник"}[lang]
    below = "\n".join([WIDGETS[lang][1], *_headlines(lang)])
    draft, _ = page(lang, 1, below=f"{heading}\n{last}\n\n{below}")
    assert body_of(draft) == [*paragraphs, f"{heading} {last}"]


def _markdown_draft(body: str) -> Draft:
    parsed = split(body)
    return extract(Source("note.md", parsed.body, "0" * 64, parsed.meta), parsed.body_line)


TEMPLATE_TAGS = ["{% include newsletter.html %}", "{{ site.baseurl }}", "{{< tweet 1287052 >}}",
                 "{% include ad.html slot=\"mid\" %}", "{{< youtube dQw4w9WgXcQ >}}",
                 "{{- site.data.promo -}}", "{{% notice info %}}"]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_another_generators_template_tags_in_a_markdown_source_are_never_text(lang):
    """Alone between paragraphs, under the story or inside a paragraph: a tag goes, what is
    around it stays; a paired shortcode's text is the author's and stays."""
    title, paragraphs = corpus_stories(lang)[1]
    for tag in TEMPLATE_TAGS:
        body = [paragraphs[0], tag, *paragraphs[1:], tag]
        draft = _markdown_draft(f"---\ntitle: {title}\ndate: 2020-07-26\n---\n\n"
                                + "\n\n".join(body) + "\n")
        assert [block.text for block in draft.body] == paragraphs, tag
        assert tag in [d.text for d in draft.dropped]
    inside = f"{paragraphs[0]} {{{{ page.author }}}}"
    paired = f"{{{{% note %}}}}\n{paragraphs[1]}\n{{{{% /note %}}}}"
    draft = _markdown_draft(f"---\ntitle: {title}\n---\n\n{inside}\n\n{paired}\n\n"
                            + "\n\n".join(paragraphs[2:]) + "\n")
    assert [" ".join(block.text.split()) for block in draft.body] == paragraphs
    assert "{" not in draft.summary


def test_a_figures_tag_becomes_its_image_or_goes_with_a_caption_that_shows_nothing():
    """An image on the web and its caption are a photo, read as a Markdown source's photos are
    (at the top, the page's lead photo); a path of the other site's shows nothing here."""
    draft = _markdown_draft(
        "---\ntitle: Fire at a plant\n---\n\n"
        '{{< figure src="https://example.com/fire.jpg" caption="The plant on fire" >}}\n\n'
        "A fire broke out at the plant.\n\n"
        "{% include figure.html image=\"https://example.com/map.png\" caption=\"The map\" %}\n\n"
        '{{< figure src="/images/crew.jpg" caption="The crew" >}}\n\nNobody was hurt.\n')
    assert [block.text for block in draft.body] == [
        "A fire broke out at the plant.", "![The map](https://example.com/map.png)",
        "Nobody was hurt."]
    assert draft.summary == "A fire broke out at the plant."


def test_template_tags_in_code_and_the_projects_fragment_reference_are_left_as_written():
    draft = _markdown_draft("---\ntitle: How to include a file\n---\n\n"
                            "Write `{% include note.html %}` in the page.\n\n"
                            "```\n{{< tweet 123 >}}\n```\n\n{{< fragment id=\"x\" >}}\n")
    assert [block.text for block in draft.body][:2] == [
        "Write `{% include note.html %}` in the page.", "```\n{{< tweet 123 >}}\n```"]
    assert not [d for d in draft.dropped if d.reason == "template tag"]


OUTLET_NAMES = {"en": ["Reuters", "Bloomberg", "The Insider\n© 2020 The Insider",
                       "Fontanka Daily\nAll rights reserved.\n© Fontanka Daily, 2020"],
                "ru": ["Медуза", "Фонтанка.ру\n© 2020 Фонтанка.ру", "Такие дела\n© 2020 Такие дела",
                       "Деловой квартал\n\n© Деловой квартал, 2020"]}
OUTLET_STORY = {"en": ["Reuters reported this first on Sunday.", "That was what Reuters said."],
                "ru": ["Об этом первой сообщила «Медуза».", "Такие дела"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_outlets_name_alone_under_the_story_is_left_out_known_or_named_by_its_copyright(lang):
    for lines in OUTLET_NAMES[lang]:
        _assert_left_out(lang, below=lines)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sentence_naming_an_outlet_and_a_closing_phrase_no_page_names_stay(lang):
    """«Такие дела» ("that's how it is") closes a story as a phrase; only a page that prints
    it as its name, in its copyright line, makes it the site's."""
    for sentence in OUTLET_STORY[lang]:
        draft, paragraphs = page(lang, 2, below=sentence)
        assert body_of(draft) == [*paragraphs, sentence], sentence

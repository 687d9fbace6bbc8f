"""E-mail newsletters saved or pasted whole, made from the shared corpus's real stories: the
header block gives the outlet (the sender's name), the date and, lacking a headline, the title;
the header, the letter's controls, its greeting and its footer never reach the page."""

from __future__ import annotations

import pytest

from builder.ingest import letter
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

SENDERS = {"en": [("The Bell <newsletter@thebell.io>", "the-bell"),
                  ('"Example Daily" <news@example.com>', "example-daily"),
                  ("Meduza <english@meduza.io>", "meduza")],
           "ru": [("Новая газета <newsletter@novayagazeta.ru>", "novaya-gazeta"),
                  ("Пример Медиа <info@example.ru>", "primer-media"),
                  ("РИА Новости <digest@ria.ru>", "ria")]}
TOP = {"en": ["View in browser", "View this email in your browser"],
       "ru": ["Если письмо отображается некорректно, откройте веб-версию", "Открыть в браузере"]}
GREETINGS = {"en": ["Good morning! Here's what you need to know about Russia today.",
                    "Hello, and welcome to the evening briefing."],
             "ru": ["Добрый вечер! Главная новость этого воскресенья.",
                    "Доброе утро! Рассказываем о главном."]}
FOOTERS = {"en": ["Forward to a friend\n\nYou are receiving this email because you subscribed to "
                  "{name}.\nUnsubscribe | Update preferences", "Unsubscribe"],
           "ru": ["Вы получили это письмо, так как подписаны на рассылку.\nОтписаться",
                  "Отписаться от рассылки"]}
HEADERS = {"en": ("From", "Date", "Subject", "To"), "ru": ("От", "Дата", "Тема", "Кому")}


def dressed_letter(lang: str, index: int, greeting: bool, top: bool, russian_keys: bool = False
                   ) -> tuple[str, str, str, list[str]]:
    """The ``index``-th story in ``lang`` as a newsletter: its text, the outlet it names, the
    title, and the story's paragraphs."""
    title, paragraphs = corpus_stories(lang)[index]
    sender, key = SENDERS[lang][index % 3]
    name = sender.split(" <")[0].strip('"')
    keys = HEADERS["ru" if russian_keys else "en"]
    parts = [f"{keys[0]}: {sender}\n{keys[1]}: Sun, 26 Jul 2020 20:15:03 +0300\n{keys[2]}: "
             f"{name}: the day's news\n{keys[3]}: editor@example.org"]
    parts += [TOP[lang][index % 2]] if top else []
    parts += [name.upper()]
    parts += [GREETINGS[lang][index % 2]] if greeting else []
    parts += [title, *paragraphs, FOOTERS[lang][index % 2].format(name=name)]
    return "\n\n".join(parts) + "\n", key, title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize(("greeting", "top"), [(True, True), (False, True), (True, False)])
def test_a_newsletter_gives_its_sender_date_headline_and_story_only(lang, index, greeting, top):
    text, outlet, title, paragraphs = dressed_letter(lang, index, greeting, top,
                                                     russian_keys=index == 1)
    assert letter.recognise(text)
    draft = letter.extract(Source("x.txt", text, "0"))
    assert (draft.outlet, draft.title) == (outlet, title)
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft) == paragraphs and draft.summary == ""


SIGNATURES = {"en": ["--\nAnna Smith\nNight editor, The Daily Brief\n+44 20 7946 0000",
                     "Sent from my iPhone", "-- \nIvan\n\nSent from Outlook for Android"],
              "ru": ["--\nАнна Смирнова\nвыпускающий редактор", "Отправлено с iPhone",
                     "-- \nОльга\n\nОтправлено из мобильной Почты Mail.ru"]}
"""What a letter sent on carries under its text: a signature under its mark, a phone's line."""


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_letters_signature_and_a_phones_line_are_no_part_of_the_story(lang, index):
    text, _, _, paragraphs = dressed_letter(lang, index, False, False)
    for signature in SIGNATURES[lang]:
        draft = letter.extract(Source("x.txt", f"{text}\n{signature}\n", "0"))
        assert body_of(draft) == paragraphs, signature


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_rule_over_the_storys_last_paragraphs_is_no_signature_mark(lang):
    """Under a "--" more, or longer, lines than a signature has are the story's."""
    title, paragraphs = corpus_stories(lang)[1]
    text = (f"From: The Bell <newsletter@thebell.io>\nDate: Sun, 26 Jul 2020 20:15:03 +0300\n"
            f"Subject: News\n\n{title}\n\n{paragraphs[0]}\n--\n" + "\n\n".join(paragraphs[1:])
            + "\n")
    assert body_of(letter.extract(Source("x.txt", text, "0")))[-1] == paragraphs[-1]


def test_the_subject_is_the_title_when_the_letter_has_no_headline():
    draft = letter.extract(Source("x.txt", "From: Example Daily <a@example.com>\nSubject: Fire at "
                                           "a plant\n\n", "0"))
    assert draft.title == "Fire at a plant" and draft.outlet == "example-daily"


@pytest.mark.parametrize("text", [
    "Fire at a plant\n\n26 July 2020\n\nFrom: the mayor's office, said the police.\n",
    "Subject: Fire at a plant\n\nA fire broke out.\n",
    "Пожар на заводе\n\nОт: пресс-службы мэрии\nТема: пожар\n\nНачался пожар.\n"])
def test_a_text_without_a_letters_header_block_is_no_letter(text):
    assert not letter.recognise(text)


@pytest.mark.parametrize("sentence", [
    "Hello, the president told the crowd, and the crowd cheered.",
    "Добрый вечер начался с концерта на площади.",
    "Unsubscribing from the service took residents weeks, the report said."])
def test_a_story_sentence_like_a_greeting_or_a_footer_stays(sentence):
    text = (f"From: Example Daily <a@example.com>\nDate: Sun, 26 Jul 2020 20:15:03 +0300\n\n"
            f"Fire at a plant\n\nA fire broke out at the plant.\n\n{sentence}\n\nNobody was hurt.\n")
    assert sentence in body_of(letter.extract(Source("x.txt", text, "0")))


LIST_LETTERS = {
    "en": [("Please confirm your subscription to Brussels Playbook",
            "Hi,\n\nThanks for signing up for Brussels Playbook.\n\nPlease confirm your "
            "subscription by clicking the link below:\nhttps://www.example.eu/confirm?token=8f2e\n"
            "\nIf you did not request this, you can ignore this email."),
           ("Euronews newsletters", "Thanks for signing up to our newsletters! To start "
            "receiving our emails, please confirm your email address.\n\nYes, subscribe me"),
           ("You have been unsubscribed", "You have been unsubscribed from The Morning Brief. "
            "We're sorry to see you go."),
           ("Order confirmation THEP-20200725-418337", "Dear subscriber,\n\nThank you for your "
            "order. Your e-paper subscription starts on 26 July 2020.\n\nOrder total: Rs 1,499"),
           ("Your receipt from The Daily Courier", "Thank you for your payment. Your receipt "
            "number is 2291-3321. Plan: Digital, monthly."),
           ("Automatic reply: Monday's round-up", "Thank you for your message. I am out of the "
            "office until 3 August with limited access to e-mail. For urgent matters please "
            "write to desk@example.org."),
           ("Out of Office: photos from the parade", "I will be out of the office until Monday.")],
    "ru": [("Подтвердите подписку на рассылку «Вечерний курьер»",
            "Здравствуйте!\n\nЧтобы получать рассылку, подтвердите подписку по ссылке:\n"
            "https://example.ru/confirm?token=8f2e"),
           ("Рассылка «Чемпионат»", "Вы успешно отписались от рассылки «Чемпионат». Если это "
            "ошибка, подпишитесь снова на сайте."),
           ("Подтверждение подписки", "Спасибо! Ваша подписка подтверждена."),
           ("Ваш заказ № 418337 оформлен", "Здравствуйте!\n\nСпасибо за заказ. Подписка на "
            "электронную версию газеты начнет действовать 26 июля 2020 года."),
           ("Добро пожаловать", "Спасибо за регистрацию на сайте «Вечерний курьер»! Ваш логин: "
            "desk@example.org"),
           ("Автоответ: материал в номер", "Здравствуйте! Я в отпуске до 10 августа. По срочным "
            "вопросам пишите на desk@example.ru."),
           ("Автоматический ответ: фото с парада", "Нахожусь вне офиса до понедельника.")],
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(7))
@pytest.mark.parametrize("raw", [False, True])
def test_a_letter_about_the_subscription_is_no_news_and_makes_no_page(project, lang, index,
                                                                       raw):
    """A request to confirm a subscription, a notice that it ended, an order's receipt, thanks
    for registering, a mailbox's automatic reply: no newsletter's issue, but a source an editor
    may well drop in with the issues. It is skipped with a warning that says why and how to have it anyway; a raw
    message the same."""
    from builder.diagnostics import Fate
    from builder.ingest.run import ingest_sources
    subject, body = LIST_LETTERS[lang][index]
    head = (f"From: Example News <news@example.org>\nTo: desk@example.org\nSubject: {subject}\n"
            f"Date: Sat, 25 Jul 2020 17:44:02 +0000\n")
    if raw:
        head += "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n" \
                "Content-Transfer-Encoding: 8bit\nMessage-ID: <1@example.org>\n"
    sources = project.root / "content" / "sources"
    (sources / "letter.eml").write_text(head + "\n" + body + "\n", encoding="utf-8")
    result = ingest_sources(project.config())
    [outcome] = result.outcomes
    assert outcome.fate is Fate.SKIPPED
    assert [d.code for d in result.diagnostics] == ["source-not-news"]
    (sources / "letter.eml.meta.yaml").write_text("news: true\n", encoding="utf-8")
    assert ingest_sources(project.config()).outcomes[0].fate is Fate.INGESTED


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_issue_that_asks_to_confirm_in_its_footer_is_news(lang):
    """An issue's footer may ask the reader to confirm a subscription: its news is news."""
    text, _, title, paragraphs = dressed_letter(lang, 0, False, False)
    footer = {"en": "Not subscribed yet? Please confirm your subscription.",
              "ru": "Ещё не подписаны? Подтвердите подписку."}[lang]
    draft = letter.extract(Source("x.txt", text + "\n" + footer + "\n", "0"))
    assert draft.title == title and all(p in body_of(draft) for p in paragraphs)


MASTHEADS = {"en": "The Riverside Brief\nIssue #412 — July 26, 2020\n" + "-" * 59,
             "ru": "Рассылка \"Подмосковье сегодня: главное за день\"\nВыпуск No 1542 от "
                   "2020-07-26\n" + "-" * 59}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("masthead", [True, False])
def test_a_newsletters_masthead_over_a_rule_is_no_headline_and_an_underlined_one_stays(
        lang, masthead):
    """A plain-text issue prints its name and number over a rule, then the headline: the
    masthead is left out (an outside trial's issue took the newsletter's name for the title).
    A headline underlined by a rule is the title."""
    title, paragraphs = corpus_stories(lang)[1]
    top = MASTHEADS[lang] if masthead else f"{title}\n{'-' * len(title)}"
    text = ("From: Example News <news@example.org>\nDate: Sun, 26 Jul 2020 21:00:00 +0300\n"
            "Subject: The day's news\n\n" + top + "\n\n" + (f"{title}\n\n" if masthead else "")
            + "\n\n".join(paragraphs) + "\n")
    draft = letter.extract(Source("x.txt", text, "0"))
    assert draft.title == title and body_of(draft) == paragraphs


FORWARDS = {
    "outlook": "From: {name} <{address}>\nSent: Sunday, July 26, 2020 1:18 PM\nTo: Anna Kovaleva "
               "<anna.kovaleva@example.org>\nSubject: {title}\n",
    "gmail": "---------- Forwarded message ---------\nFrom: {name} <{address}>\nDate: Sun, Jul 26, "
             "2020 at 1:18 PM\nSubject: {title}\nTo: <anna.kovaleva@example.org>\n",
    "yandex": "-------- Пересылаемое сообщение --------\n26.07.2020, 18:44, \"{name}\" "
              "<{address}>:\n",
}
ENDS = {"outlook": "", "gmail": "", "yandex": "-------- Конец пересылаемого сообщения "
                                               "--------\n\nС уважением,\nОльга Ветрова"}
NOTES = {"en": "FYI - for tomorrow's round-up.\n\nAnna", "ru": "Коллеги, для завтрашнего "
                                                               "выпуска. Сверила с источником."}
ORIGINS = [("Example Daily", "news@example-daily.com", "example-daily"),
           ("Elena Sorokina", "e.sorokina@example.ru", "unknown"),
           ("Елена Сорокина", "e.sorokina@example.ru", "unknown")]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("client", list(FORWARDS))
@pytest.mark.parametrize("origin", range(3))
def test_a_forwarded_letter_is_read_as_the_letter_it_forwards(lang, client, origin):
    """A colleague forwards a newsletter's issue or a story with a note over it: the note and
    the client's lines are no story, the title is the forwarded headline, and the outlet is
    the original sender's, never the colleague's (nor a person's who sent the original)."""
    title, paragraphs = corpus_stories(lang)[2]
    name, address, key = ORIGINS[origin]
    text = ("From: Anna Kovaleva <anna.kovaleva@example.org>\nDate: Sun, 26 Jul 2020 19:02:10 "
            f"+0300\nSubject: Fwd: {title}\n\n{NOTES[lang]}\n\n"
            + FORWARDS[client].format(name=name, address=address, title=title) + "\n"
            + "\n\n".join([title, "26.07.2020", *paragraphs]) + "\n\n"
            + ENDS[client] + "\n")
    draft = letter.extract(Source("x.eml", text, "0"))
    assert draft.title == title and body_of(draft) == paragraphs
    assert draft.outlet == key
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("dated", [True, False])
def test_a_colleagues_letter_with_a_story_copied_in_gives_the_storys_date(lang, dated):
    """A colleague pastes a page into a letter sent days later: the page's date line is the
    news date; with none, the day the letter was sent. The salutation is neither title nor
    text. (A note under it, with no mark of a forward, is still taken for the headline.)"""
    title, paragraphs = corpus_stories(lang)[3]
    note = {"en": "Hi Anna,\n\nTwo more for the Monday digest.",
            "ru": "Привет, Анна,\n\nЕщё две новости в понедельник."}[lang]
    text = ("From: Dmitry Volkov <d.volkov@example.org>\nDate: Mon, 27 Jul 2020 08:14:09 +0300"
            f"\nSubject: For Monday\n\n{note}\n\n{title}\n"
            + ("25.07.2020 13:40\n\n" if dated else "\n") + "\n\n".join(paragraphs) + "\n")
    draft = letter.extract(Source("x.eml", text, "0"))
    assert (draft.date.month, draft.date.day) == ((7, 25) if dated else (7, 27))
    assert draft.title.rstrip(",") not in ("Hi Anna", "Привет, Анна")  # a salutation
    assert not any(block.text.startswith(("Hi Anna", "Привет")) for block in draft.body)

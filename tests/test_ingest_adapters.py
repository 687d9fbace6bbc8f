"""Each outlet adapter on excerpts shaped like the outlets' real pages, in both languages, and
the date forms those outlets use."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.ingest import generic, mfa
from builder.ingest.dates import find_dates
from builder.ingest.draft import Kind, Source
from builder.ingest.extract import ADAPTERS

MSK = dt.timezone(dt.timedelta(hours=3))


def source(text: str) -> Source:
    return Source("content/sources/x.txt", text, "0" * 64, {}, "Europe/Moscow")


def adapter_for(text: str):
    return next(adapter for adapter in ADAPTERS if adapter.recognise(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("April 17, 2020", (2020, 4, 17)),
    ("17 April 2020", (2020, 4, 17)),
    ("17 апреля 2020 года", (2020, 4, 17)),
    ("17 апреля 2020 г.", (2020, 4, 17)),
    ("15 октября", (None, 10, 15)),
    ("October 15", (None, 10, 15)),
    ("1 дек", (None, 12, 1)),
    ("1 дек. 2019", (2019, 12, 1)),
    ("2020-04-17", (2020, 4, 17)),
    ("21 апреля 202014:27", (2020, 4, 21)),
])
def test_dates_in_every_form_the_outlets_use_are_found(text, expected):
    [found] = find_dates(text)
    assert (found.year, found.month, found.day) == expected


@pytest.mark.parametrize("text", ["we may 5 times", "31 February 2020", "1234567", "ма 5"])
def test_words_and_numbers_that_are_no_date_are_not_taken_for_one(text):
    assert list(find_dates(text)) == []


RUSSIAN_MFA = """Asset Publisher

21 апреля 202014:27

Выдержка из брифинга официального представителя МИД России М.В.Захаровой, 17 апреля 2020 года

 • de-DE1 en-GB1 es-ES1 fr-FR1 ru-RU1

О взаимодействии государств – членов ОДКБ в профилактике COVID-19 и борьбе с ним


В рамках деятельности Организации Договора о коллективной безопасности государства-члены ищут эффективные механизмы преодоления возникающих вызовов.

По инициативе российской стороны 16 апреля в Кризисном центре ОДКБ состоялись внеочередные консультации.


О содействии России Узбекистану в борьбе с COVID-19


Российская сторона безвозмездно передала узбекским партнерам тест-системы для выявления COVID-19.
"""


def test_a_russian_mfa_page_drops_its_furniture_and_keeps_its_sections():
    assert adapter_for(RUSSIAN_MFA) is mfa
    draft = mfa.extract(source(RUSSIAN_MFA))
    assert draft.title.startswith("Выдержка из брифинга") and draft.title.endswith("2020 года")
    assert draft.date.on() == dt.date(2020, 4, 17)
    assert draft.published == dt.datetime(2020, 4, 21, 14, 27, tzinfo=MSK)
    assert [b.text for b in draft.body if b.kind is Kind.HEADING] == [
        "О взаимодействии государств – членов ОДКБ в профилактике COVID-19 и борьбе с ним",
        "О содействии России Узбекистану в борьбе с COVID-19"]
    assert [d.reason for d in draft.dropped] == [
        "widget title", "publication date line (kept as 'published')", "language switch"]
    assert not any("ru-RU1" in b.text or "Asset" in b.text for b in draft.body)


RUSSIAN_TASS = """Лавров обсудил с коллегами из Центральной Азии борьбу с коронавирусом

Министры также обсудили вопросы региональной стабильности и безопасности

МОСКВА, 15 октября. /ТАСС/. Сотрудничество в борьбе с пандемией коронавируса стало главной темой онлайн-встречи министра иностранных дел РФ Сергея Лаврова с коллегами из Казахстана, Киргизии, Таджикистана, Туркмении и Узбекистана.

"Министры обсудили вопросы взаимодействия в условиях негативных последствий пандемии COVID-19", - говорится в сообщении.

В Москве открылся новый мост через реку
Движение по мосту запущено в тестовом режиме
Путин провел совещание с членами правительства
На совещании обсуждались меры поддержки экономики
Синоптики пообещали теплую погоду
"""


def test_a_russian_tass_wire_ends_before_its_sidebar_and_keeps_its_dateline():
    assert adapter_for(RUSSIAN_TASS) is generic
    draft = generic.extract(source(RUSSIAN_TASS))
    assert draft.outlet == "tass"
    assert draft.place == "МОСКВА" and (draft.date.day, draft.date.month) == (15, 10)
    assert draft.summary == "Министры также обсудили вопросы региональной стабильности и безопасности"
    assert len(draft.body) == 2 and draft.body[0].text.startswith("МОСКВА, 15 октября. /ТАСС/.")
    assert [(h.title, h.teaser) for h in draft.related] == [
        ("В Москве открылся новый мост через реку", "Движение по мосту запущено в тестовом режиме"),
        ("Путин провел совещание с членами правительства",
         "На совещании обсуждались меры поддержки экономики"),
        ("Синоптики пообещали теплую погоду", "")]


def test_a_plain_wire_with_a_date_line_is_generic_text_with_that_date():
    text = "Ministers meet in Tashkent\n\n25 July 2021\n\nTASHKENT - The ministers met.\n"
    assert adapter_for(text) is generic
    draft = generic.extract(source(text))
    assert (draft.title, draft.date.on(), draft.date_line) == (
        "Ministers meet in Tashkent", dt.date(2021, 7, 25), 3)
    assert [b.text for b in draft.body] == ["TASHKENT - The ministers met."]


def test_a_date_in_a_headline_or_in_running_text_is_not_taken_for_the_news_date():
    text = ("The case will be heard on August 4\n\nThe court said on Monday that the hearing, "
            "first set for March 2, 2021, would take place on August 4.\n")
    assert generic.extract(source(text)).date is None

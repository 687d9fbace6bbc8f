"""Lists in the order a reader of the page's language expects (builder/util/collation.py)."""

from __future__ import annotations

import re

from builder.session import build
from builder.util.collation import alphabetical


def test_russian_names_in_the_russian_alphabet_with_yo_beside_ye_and_latin_after():
    names = ["Центральная Азия", "Китай", "COVID-19", "ОДКБ", "Здоровье", "Ёлки", "Европа",
             "Эстония", "Узбекистан", "еда"]
    assert sorted(names, key=lambda name: alphabetical(name, "ru")) == [
        "Европа", "еда", "Ёлки", "Здоровье", "Китай", "ОДКБ", "Узбекистан", "Центральная Азия",
        "Эстония", "COVID-19"]


def test_english_names_in_the_latin_alphabet_whatever_their_case_and_cyrillic_after():
    names = ["Uzbekistan", "COVID-19", "Central Asia", "CSTO", "Ёлки", "china"]
    assert sorted(names, key=lambda name: alphabetical(name, "en")) == [
        "Central Asia", "china", "COVID-19", "CSTO", "Uzbekistan", "Ёлки"]


def test_the_topics_of_a_language_are_listed_in_its_alphabet(project, english_article):
    for number, (key, lang) in enumerate([("covid-19", "en"), ("csto", "ru"),
                                          ("central-asia", "en"), ("uzbekistan", "ru")]):
        project.page(f"{lang}/2020/04/item-{number}.md", **english_article(
            lang=lang, topics=[key], translation_key=f"item-{number}"))
    assert build(project.config()).published
    for lang, expected in (("ru", ["ОДКБ", "Узбекистан", "Центральная Азия", "COVID-19"]),
                           ("en", ["Central Asia", "COVID-19", "CSTO", "Uzbekistan"])):
        page = (project.root / "site" / lang / "topics" / "index.html").read_text()
        shown = re.findall(r'<a href="/[a-z]+/topics/[a-z0-9-]+/">([^<]+)</a>', page)
        assert shown == expected, shown

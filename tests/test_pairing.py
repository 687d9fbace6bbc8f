"""``digest i18n pair``: suggesting EN/RU translation pairs (builder/pairing/), accepting them."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import iuliia
import pytest

from builder.formats.pages import page_bodies
from builder.pairing import (
    PairingSettings,
    StaleSuggestion,
    Suggestion,
    accept,
    names_match,
    numbers_of,
    pair_command,
    skeleton,
    suggest,
)
from builder.read import read_articles
from tests.conftest import REPO, SHARED, Project

LAVROV_EN = """Foreign Minister Sergei Lavrov arrived in Tashkent on July 15 for talks with his
counterpart Abdulaziz Komilov.

The ministers discussed trade, which grew by 27.5% to $7.2 billion in 2021, and the situation
in Afghanistan. According to Lavrov, 1.5 million citizens of Uzbekistan work in Russia."""

LAVROV_RU = """Министр иностранных дел Сергей Лавров прибыл в Ташкент 15 июля на переговоры со
своим коллегой Абдулазизом Камиловым.

Министры обсудили торговлю, которая выросла на 27,5% до 7,2 млрд долларов в 2021 году, и
ситуацию в Афганистане. По словам Лаврова, в России работают 1,5 млн граждан Узбекистана."""

HEAT_EN = """Moscow had its hottest day since 1936 on Tuesday: the thermometer at the VDNKh
weather station showed 34.8 degrees, the Fobos weather centre said. Forecasters at Fobos
expect the heat to last until the weekend."""

PROTEST_RU = """В Хабаровске в субботу прошла очередная акция в поддержку бывшего губернатора
Сергея Фургала. По оценке мэрии, в ней участвовали около 3 тысяч человек, шествие к зданию
правительства края заняло 40 минут."""

PROTEST_EN = """A rally in support of Sergei Furgal, the former governor, took place in
Khabarovsk on Saturday. According to the city hall, about 3,000 people took part, and the
march to the regional government building took 40 minutes."""


def article(project: Project, lang: str, name: str, body: str, **front: Any) -> Path:
    """A page in ``lang`` named ``name``, dated 2021-07-15 unless ``front`` says otherwise."""
    title = front.pop("title", body.split(".")[0].replace("\n", " ")[:60])
    values = {"title": title, "date": "2021-07-15", "lang": lang, "outlet": "mfa",
              "translation_key": f"{lang}-{name}", **front}
    return project.page(f"{lang}/2021/07/{name}.md", body, **values)


def suggestions(project: Project, **settings: Any) -> tuple[Suggestion, ...]:
    articles = read_articles(project.config(), {}).articles
    return suggest(articles, page_bodies(project.config(), articles), PairingSettings(**settings))


def pairs(found: tuple[Suggestion, ...]) -> list[tuple[str, str]]:
    return [(Path(s.english.path).stem, Path(s.russian.path).stem) for s in found]


# --- Evidence --------------------------------------------------------------------------------

@pytest.mark.parametrize(("english", "russian"), [
    ("Lavrov", "Лавровым"), ("Uzbekistan", "Узбекистану"), ("Khabarovsk", "Хабаровского"),
    ("Biden", "Байден"), ("Zelenskyy", "Зеленский"), ("Komilov", "Камиловым"),
    ("Mexico", "Мексику"), ("Hanna", "Ханна"), ("Yevgeny", "Евгений"), ("Evgeny", "Евгения"),
])
def test_a_russian_name_meets_its_english_spelling_whatever_the_transliteration_standard(
        english: str, russian: str) -> None:
    latin = skeleton(iuliia.WIKIPEDIA.translate(russian))
    assert names_match(skeleton(english), latin, PairingSettings().name_tolerance)


@pytest.mark.parametrize(("english", "russian"), [
    ("Navy", "Невы"), ("Moscow", "Минск"), ("Lavrov", "Лазарев"), ("Putin", "Путилов"),
])
def test_different_names_do_not_match(english: str, russian: str) -> None:
    latin = skeleton(iuliia.WIKIPEDIA.translate(russian))
    assert not names_match(skeleton(english), latin, PairingSettings().name_tolerance)


def test_numbers_are_compared_as_values_however_each_language_writes_them() -> None:
    english = "1.5 million, 10,000 people, 27.5%, July 25, 2021, $7.2 billion, 3 states"
    russian = "1,5 млн, 10 тысяч человек, 27,5 %, 25.07.2021, 7,2 млрд долларов, 3 штата"
    values = {value for _, value, _ in numbers_of(english, "en")}
    assert values == {value for _, value, _ in numbers_of(russian, "ru")}
    assert values == {"1500000", "10000", "27.5", "25", "2021", "7200000000"}


# --- Suggesting ---------------------------------------------------------------------------

def test_two_versions_of_one_story_are_suggested_with_the_numbers_and_names_they_share(
        project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN)
    article(project, "ru", "lavrov-tashkent-ru", LAVROV_RU)
    article(project, "en", "heat", HEAT_EN)
    article(project, "ru", "protest", PROTEST_RU)

    [found] = suggestions(project)

    assert pairs((found,)) == [("lavrov-tashkent", "lavrov-tashkent-ru")]
    assert {(n.value, n.english, n.russian) for n in found.numbers} == {
        ("15", "15", "15"), ("27.5", "27.5", "27,5"), ("7200000000", "7.2 billion", "7,2 млрд"),
        ("2021", "2021", "2021"), ("1500000", "1.5 million", "1,5 млн")}
    assert {(n.english, n.russian) for n in found.names} >= {
        ("Lavrov", "Лавров"), ("Komilov", "Камиловым"), ("Abdulaziz", "Абдулазизом"),
        ("Afghanistan", "Афганистане"), ("Tashkent", "Ташкент")}
    assert found.score >= PairingSettings().threshold
    assert found.days_apart == 0 and found.order > 0.8


def test_unrelated_texts_get_no_suggestion(project: Project) -> None:
    article(project, "en", "heat", HEAT_EN)
    article(project, "ru", "protest", PROTEST_RU)
    article(project, "en", "lavrov-tashkent", LAVROV_EN)

    assert suggestions(project) == ()


def test_each_page_is_suggested_once_and_the_better_match_wins(project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN)
    # A shorter English report of the same talks: it shares names, but fewer numbers.
    article(project, "en", "lavrov-brief", "Sergei Lavrov met Abdulaziz Komilov in Tashkent on "
            "July 15 to discuss Afghanistan and trade in 2021.")
    article(project, "ru", "lavrov-tashkent-ru", LAVROV_RU)
    article(project, "ru", "protest", PROTEST_RU)
    article(project, "en", "protest-en", PROTEST_EN)

    found = suggestions(project)

    assert pairs(found) == [("lavrov-tashkent", "lavrov-tashkent-ru"), ("protest-en", "protest")]
    assert len({s.english.path for s in found}) == len({s.russian.path for s in found}) == 2


def test_pages_already_linked_as_translations_are_never_suggested(project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN, translation_key="talks")
    article(project, "ru", "lavrov-tashkent-ru", LAVROV_RU, translation_key="talks")
    article(project, "ru", "lavrov-copy", LAVROV_RU)  # a second Russian copy, unlinked

    assert suggestions(project) == ()


def test_pages_dated_further_apart_than_the_window_are_not_suggested(project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN)
    article(project, "ru", "lavrov-tashkent-ru", LAVROV_RU, date="2021-07-25")

    assert suggestions(project) == ()
    assert pairs(suggestions(project, window_days=10)) == [("lavrov-tashkent",
                                                            "lavrov-tashkent-ru")]


# --- Accepting ----------------------------------------------------------------------------

RUSSIAN_PAGE = (
    "---\r\n"
    "# Checked against mid.ru by the editor\r\n"
    'title: "Лавров провёл переговоры в Ташкенте"\r\n'
    "date: 2021-07-15\r\n"
    "lang: ru\r\n"
    "outlet: mfa\r\n"
    "translation_key:  ru-lavrov   # collected separately\r\n"
    "topics: [uzbekistan]\r\n"
    "summary: >\r\n"
    "  Переговоры\r\n"
    "  в Ташкенте.\r\n"
    "---\r\n"
    "\r\n"
    + LAVROV_RU.replace("\n", "\r\n") + "\r\n")


def test_accepting_changes_only_the_translation_key_value_of_the_russian_page(
        project: Project) -> None:
    english = article(project, "en", "lavrov-tashkent", LAVROV_EN, translation_key="mfa-talks")
    russian = project.root / "content/articles/ru/2021/07/lavrov-ru.md"
    russian.parent.mkdir(parents=True)
    russian.write_bytes(RUSSIAN_PAGE.encode("utf-8"))
    english_before = english.read_bytes()

    [found] = suggestions(project)
    changed = accept(project.config(), found)

    assert changed == [russian]
    assert english.read_bytes() == english_before
    assert russian.read_bytes() == RUSSIAN_PAGE.replace(
        "translation_key:  ru-lavrov   #", "translation_key:  mfa-talks   #").encode("utf-8")
    assert not list(russian.parent.glob(".*.tmp"))


def test_a_missing_translation_key_is_inserted_after_outlet_or_lang_on_both_pages(
        project: Project) -> None:
    english = project.write("content/articles/en/2021/07/lavrov-tashkent.md",
                            "---\ntitle: Lavrov in Tashkent\ndate: 2021-07-15\nlang: en\n"
                            f"summary: Talks.\n---\n\n{LAVROV_EN}\n")
    russian = project.write("content/articles/ru/2021/07/lavrov-ru.md",
                            "---\ntitle: Лавров в Ташкенте\ndate: 2021-07-15\nlang: ru\n"
                            f"outlet: mfa\ntopics: []\n---\n\n{LAVROV_RU}\n")
    before = {path: path.read_text(encoding="utf-8") for path in (english, russian)}

    [found] = suggestions(project)
    accept(project.config(), found)

    assert english.read_text(encoding="utf-8") == before[english].replace(
        "lang: en\n", "lang: en\ntranslation_key: en-lavrov-tashkent\n")
    assert russian.read_text(encoding="utf-8") == before[russian].replace(
        "outlet: mfa\n", "outlet: mfa\ntranslation_key: en-lavrov-tashkent\n")
    versions = {a.lang: a.translation_key for a in read_articles(project.config(), {}).articles}
    assert versions == {"en": "en-lavrov-tashkent", "ru": "en-lavrov-tashkent"}


def test_translated_from_is_set_only_when_the_editor_names_the_original(
        project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN)
    russian = article(project, "ru", "lavrov-ru", LAVROV_RU)
    [found] = suggestions(project)

    accept(project.config(), found)
    assert "translated_from" not in russian.read_text(encoding="utf-8")

    english = accept(project.config(), found, original="ru")
    assert [path.name for path in english] == ["lavrov-tashkent.md"]
    page = english[0].read_text(encoding="utf-8")
    assert "translation_key: en-lavrov-tashkent\ntranslated_from: ru\n" in page


def test_a_suggestion_is_refused_when_a_page_changed_since(project: Project) -> None:
    article(project, "en", "lavrov-tashkent", LAVROV_EN)
    russian = article(project, "ru", "lavrov-ru", LAVROV_RU)
    [found] = suggestions(project)
    russian.write_text(russian.read_text(encoding="utf-8").replace(
        "translation_key: ru-lavrov-ru", "translation_key: other-story"), encoding="utf-8")
    before = russian.read_bytes()

    with pytest.raises(StaleSuggestion, match="other-story"):
        accept(project.config(), found)
    assert russian.read_bytes() == before


# --- The command ----------------------------------------------------------------------------

def three_stories(project: Project) -> list[Path]:
    return [article(project, "en", "lavrov-tashkent", LAVROV_EN),
            article(project, "ru", "lavrov-ru", LAVROV_RU),
            article(project, "en", "protest-en", PROTEST_EN),
            article(project, "ru", "protest", PROTEST_RU),
            article(project, "en", "heat", HEAT_EN)]


def run(project: Project, numbers: list[int] | None = None) -> tuple[int, str]:
    out = io.StringIO()
    return pair_command(project.config(), numbers, out), out.getvalue()


def snapshot(project: Project) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(project.root.rglob("*")) if path.is_file()}


def test_without_numbers_the_command_prints_numbered_suggestions_and_writes_nothing(
        project: Project) -> None:
    three_stories(project)
    before = snapshot(project)

    status, first = run(project)
    _, second = run(project)

    assert status == 0 and first == second
    assert snapshot(project) == before
    assert re.findall(r"^(\d+)\. score", first, re.MULTILINE) == ["1", "2"]
    assert "en/2021/07/lavrov-tashkent.md" in first and "Лаврова" not in first.split("\n")[0]
    assert "7.2 billion = 7,2 млрд" in first and "Komilov = Камиловым" in first
    assert "nothing written" in first


def test_the_numbering_is_the_same_in_every_process_whatever_the_hash_seed(
        project: Project) -> None:
    three_stories(project)
    article(project, "en", "lavrov-brief", "Sergei Lavrov met Abdulaziz Komilov in Tashkent on "
            "July 15 to discuss Afghanistan and trade in 2021.")
    script = ("import sys; from pathlib import Path; from builder.config import load_config; "
              "from builder.pairing import pair_command; "
              "pair_command(load_config(Path(sys.argv[1])), None, sys.stdout)")
    outputs = {subprocess.run([sys.executable, "-c", script, str(project.root)], cwd=REPO,
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                              text=True, check=True).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and "1. score" in outputs.pop()


def test_the_command_accepts_suggestions_by_the_numbers_it_printed(project: Project) -> None:
    three_stories(project)
    _, listing = run(project)
    second = re.search(r"^2\. .*\n +en .*\((?P<en>.+?)\)\n +ru .*\((?P<ru>.+?)\)", listing,
                       re.MULTILINE)
    assert second is not None

    status, output = run(project, [2])

    assert status == 0
    assert f"2. linked {second['en']} and {second['ru']}" in output
    keys = {a.path: a.translation_key for a in read_articles(project.config(), {}).articles}
    assert keys[second["ru"]] == keys[second["en"]]
    _, after = run(project)
    assert re.findall(r"^(\d+)\. score", after, re.MULTILINE) == ["1"]
    assert second["ru"] not in after


def test_a_number_that_is_no_suggestion_writes_nothing_and_fails(project: Project) -> None:
    three_stories(project)
    before = snapshot(project)

    status, output = run(project, [1, 7])

    assert status == 1 and "no suggestion numbered 7" in output
    assert snapshot(project) == before


# --- The real corpus ------------------------------------------------------------------------

CORPUS = SHARED / "corpus" / "wmt-newstest2021"


def load_benchmark() -> ModuleType:
    """benchmarks/ is not a package: load the quality benchmark from its file."""
    spec = importlib.util.spec_from_file_location(
        "benchmarks_pairing_quality", REPO / "benchmarks" / "pairing_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


needs_corpus: Callable[[Callable[..., None]], Callable[..., None]] = pytest.mark.skipif(
    not (CORPUS / "pairs.jsonl").is_file(),
    reason="the shared news corpus (../shared/corpus/wmt-newstest2021) is not beside this clone")


@needs_corpus
def test_on_the_wmt_news_corpus_suggestions_are_precise_and_find_nearly_every_pair() -> None:
    quality = load_benchmark().measure(CORPUS)
    assert quality.pairs == 107
    assert quality.precision == 1.0, [s.english.path for s in quality.wrong]
    assert quality.recall >= 0.97  # measured 0.991 (106 of 107)


@needs_corpus
def test_on_the_corpus_pages_without_their_other_version_are_left_alone() -> None:
    quality = load_benchmark().measure(CORPUS, orphans=True)
    assert quality.precision == 1.0, [s.english.path for s in quality.wrong]
    assert quality.recall >= 0.94  # measured 1.0 (36 of 36)

"""What a query finds, word by word, in a real browser over a site indexed in shards.

In: a small site of two years in two languages, built with search on (one Pagefind index per
language and year, merged in the browser), served on 127.0.0.1. Out: the pages each query finds
through the search page's engine (``/assets/search-engine/pagefind.js``), as a reader's search
box would get them.

What is held, because readers met the opposite:

- a word no page holds finds nothing, even where a short word it begins with ("a", "и") is on
  every page: Pagefind alone answers such a word with the pages of that short word, and each
  shard of a merged index does so on its own;
- every word of a query must be on a page: Pagefind leaves out of a query a word an index does
  not hold, so a shard without it would answer with the other words' pages;
- function words ("by", "в") do not count against a page that lacks them;
- a complete word (any but the last, or the last when the query ends in a space, or the query
  the page was opened with, ?q=) finds a page only where one of its words has the query word's
  stem, not where a word merely begins with that stem ("stabbing" is not "stable"); the word
  still being typed also finds the words that begin with it as typed;
- Russian adjectives typed in -ый find the -ой, -ая and -ые forms of the text, й typed as и
  too; a noun whose other forms drop a vowel (ливень, ливня; колец, кольца) is found from
  either, also where another page holds the form typed, and never a word that merely looks
  so (город and гордится, Ливония and ливня);
- a Russian name in Latin letters is found in another spelling of its й or -ий (Shoygu for
  Shoigu, Zelenskiy for Zelensky), when no page holds the spelling typed; a word no page holds
  in any spelling still finds nothing;
- an item in one language only is found from the other language's search page by its title,
  and shown as an article in its language;
- the first search of an instance finds what the same search finds later: Pagefind loads only
  the chunk of a shard's words whose range holds the query word as asked, so a word beginning
  with its stem that lies in the next chunk ("kamchatkan" after "kamchatka") was found only once
  another query had loaded that chunk (on a site of 10,000 articles, "russia" gave 5,254 pages,
  then 5,816).
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.search import bundle, cbor
from builder.search.forms import without_fleeting_vowel
from builder.session import build
from tests.conftest import Project, _copy_project_files

pytestmark = pytest.mark.browser

ENGINE = "/assets/search-engine/pagefind.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("words"))
    _copy_project_files(project.root, with_sources=False)

    def item(lang: str, slug: str, date: str, body: str) -> None:
        project.page(f"{lang}/{date[:4]}/{date[5:7]}/{slug}.md", body, title=slug.title(),
                     date=date, lang=lang, outlet="tass", topics=["covid-19"],
                     translation_key=slug, summary="A summary.")

    item("en", "quake", "2020-03-05", "A strong earthquake struck the coast of Chile.")
    item("en", "talks", "2020-04-06", "The ministers answered questions about a visit.")
    item("en", "loans", "2021-02-07", "The ministers agreed on a loan and a visit.")
    item("en", "masks", "2021-05-08", "A shipment of 1 million masks arrived at a port.")
    item("ru", "gripp", "2020-03-05", "Вспышка высокопатогенного гриппа птиц в Туве.")
    item("ru", "liven", "2020-06-06", "Сильные ливни в Бразилии: после ливня реки вышли.")
    item("ru", "vizit", "2021-02-07", "Министр и посол обсудили визит и поставки.")
    item("ru", "most", "2021-05-08", "Новый мост через реку открыли в Йошкар-Оле.")
    # Fleeting vowels, in sentences of the news corpus: the page's form has the vowel and the
    # query's not, or the reverse; and the words a careless rule would take for them.
    item("ru", "koltsa", "2020-07-01", "Оригинальный рисунок олимпийских колец продан на аукционе.")
    item("ru", "otets", "2020-08-01", "Также отец похищенного младенца сказал, что извинений не было.")
    item("ru", "livonia", "2020-09-01", "Ливония была разделена между соседями.")
    item("ru", "uroven", "2021-03-01", "Наводнение было вызвано повышением уровня воды в притоках реки.")
    item("ru", "trevoga", "2021-04-01", "Управление объявило высокий уровень тревоги в двух штатах.")
    item("ru", "gonki", "2021-06-01", "Несмотря на борьбу в первой части гонки, Вайнтруб нарастил темп.")
    item("ru", "shower", "2021-07-01", "Ливень затопил город.")
    item("ru", "gordost", "2021-08-01", "Он подчеркнул, что гордится работой.")
    # Forms the stemmer gives stems that do not begin one another: a surname's nominative and
    # its other cases, a verb's present and past, an adjective with и typed for й, an English
    # participle; and a number the index leaves out ("Sakhalin-1").
    item("ru", "lazarev", "2020-10-01", "Адмирал Лазарев открыл Антарктиду.")
    item("ru", "lazareva", "2020-11-01", "Экспедиция под командованием Лазарева вышла в море.")
    item("ru", "evakuatsiya", "2021-09-01", "Жителей эвакуируют из района пожара.")
    item("ru", "raketa", "2021-10-01", "Россия испытала гиперзвуковую ракету.")
    item("ru", "kompleks", "2021-11-01", "Гиперзвуковой комплекс поставлен на дежурство.")
    item("en", "beating", "2021-09-01", "Two men were beating a parking attendant, police said.")
    item("en", "sakhalin", "2021-10-01", "Gas of the Sakhalin-1 project was sold abroad.")
    # Words that begin with another word's stem: "stable" and "stability" with "stab" (from
    # "stabbed", "stabbing"); Семиларски with «семилар»; Иркутскнефтегаз with «иркутск», and
    # «Иркутской», which Pagefind stems «иркутско» (й read as и), a form of «Иркутск».
    item("en", "stabbed", "2020-12-01", "A man was stabbed outside a bar.")
    item("en", "stable", "2021-11-01", "The patient is stable, and so is the stability of prices.")
    item("ru", "semilarski", "2020-12-01", "Семиларски подал кассацию.")
    # Russian names in Latin letters, each in one of its spellings.
    item("en", "shoigu", "2020-01-02", "Sergei Shoigu inspected the troops.")
    item("en", "zelensky", "2020-01-03", "Zelensky met the president of Poland.")
    item("en", "navalny", "2021-01-04", "Navalny was detained at the airport.")
    item("ru", "irkutsk", "2021-12-01", "Глава Иркутской области встретился с мэрами.")
    item("ru", "neftegaz", "2021-12-02", "Иркутскнефтегаз нарастил добычу.")
    # Two words of one stem's beginning in one shard (see test_the_first_search_finds_...).
    item("en", "kamchatka", "2021-06-02", "Snow fell in Kamchatka.")
    item("en", "kamchatkan", "2021-06-03", "A Kamchatkan bear woke early.")
    report = build(project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    assert len(list((project.root / "site" / "pagefind").glob("??-20??"))) == 4
    return project.root / "site"


FIND = """async ({engine, queries}) => {
  const module = await import(engine);
  const instance = module.createInstance({});
  const answers = [];
  for (const query of queries) {
    const response = await instance.search(query, {});
    const pages = await Promise.all(response.results.map((result) => result.data()));
    answers.push(pages.map((page) => page.url.split("/").at(-2)).sort());
  }
  return answers;
}"""


def found(serve_site: Callable[..., Any], open_page: Callable[..., Any], site: Path,
          lang: str, queries: list[str]) -> dict[str, list[str]]:
    """query -> the slugs of the pages it finds on ``lang``'s search page, sorted."""
    reader = open_page()
    reader.page.goto(serve_site(site).url(f"/{lang}/search/"))
    answers = reader.page.evaluate(FIND, {"engine": ENGINE, "queries": queries})
    reader.assert_no_problems()
    return dict(zip(queries, answers, strict=True))


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", {
        "avalanche": [],  # every page has "a"
        "Avangard": [],
        "theatre": [],  # every page has "the"
        "ministers Chile": [],  # each word is on a page, never both on one
        "ministers questions": ["talks"],  # the 2021 shard has "ministers", not "questions"
        "questions ministers loan": [],
        "visit": ["loans", "talks"],
        "earthquakes": ["quake"],
        "struck by the earthquake": ["quake"],  # "by" is not on the page
        "minist": ["loans", "talks"],  # still typing
        "Chileans": [],  # "chilean": nor that; two letters less would be "chile"
        "why the earthquake": ["quake"],
        "beaten": ["beating"],  # the verb's participle: "beaten" is its own stem
        "parking attendant beaten": ["beating"],
        "Sakhalin 1": ["sakhalin"],  # "1" is no word of the index
        "Sakhalin 2": ["sakhalin"],  # says nothing either way: the page is Sakhalin's
        "Latin": [],  # not a participle: nothing begins "lati"
        "stabbing ": ["stabbed"],  # complete: "stable" only begins with the stem "stab"
        "stabbing": ["stabbed"],  # still typing: nor does "stable" begin with "stabbing"
        "stab": ["stabbed", "stable"],  # still typing: "stable" begins so
        "stab ": ["stabbed"],
        "stab,": ["stabbed"],  # punctuation ends a word too
        "stable ": ["stable"],
        "stab patient": [],  # "stab" is complete: not the last word
        "patient stab": ["stable"],
        "Shoygu ": ["shoigu"],  # й after a vowel: y or i
        "Sergey Shoygu ": ["shoigu"],
        "Zelenskiy ": ["zelensky"],  # -ий: y, iy, yy, i, ii
        "Zelenskyy ": ["zelensky"],
        "Navalnyy ": ["navalny"],
        "Navalniy": ["navalny"],
        "Shoygun ": [],  # no page holds it in any spelling
        "Zelenskiyy ": [],
        "Poland Zelenskiy ": ["zelensky"],
        "Navalnyy Poland ": [],  # each word on a page, never both on one
    }),
    ("ru", {
        "вулкан": [],  # "в" is on pages
        "исландия": [],  # "и" is on every page
        "министр Туве": [],
        "высокопатогенный": ["gripp"],  # the page has высокопатогенного
        "высокопатогенныи грипп": ["gripp"],  # й typed as и
        "новый мост": ["most"],
        "новая": ["most"],
        "ливень": ["liven", "shower"],  # liven has ливни, ливня; shower ливень itself
        "ливня": ["liven", "shower"],
        "кольца": ["koltsa"],  # the page has колец
        "отца": ["otets"],  # the page has отец
        "уровня": ["trevoga", "uroven"],  # уровень, уровня
        "уровень": ["trevoga", "uroven"],
        "гонок": ["gonki"],  # the page has гонки
        "город": ["shower"],  # not гордится: город is not a form with a fleeting vowel
        "гордый": ["gordost"],
        "Ливонии": ["livonia"],  # nor ливня: «ливон» is the stem of Ливония
        "ливень в Бразилии": ["liven"],  # "в" is a function word
        "визиты министров": ["vizit"],
        "йошкар": ["most"],
        "иошкар": ["most"],
        "Masks": ["masks"],  # the English item's title: it has no Russian version
        "мостовик": [],  # "мостови" stemmed is not "мост"
        "почему открыли мост": ["most"],
        "Лазаревым": ["lazarev", "lazareva"],  # Лазарев is stemmed «лазар», Лазаревым «лазарев»
        "Лазарева": ["lazarev", "lazareva"],
        "Лазарев": ["lazarev", "lazareva"],
        "Мясниковым": [],  # a surname no page holds in any case
        "эвакуировали": ["evakuatsiya"],  # «эвакуирова» is no stem of «эвакуируют»
        "гиперзвуковои": ["kompleks", "raketa"],  # и typed for й
        "гиперзвуковая ракета": ["raketa"],
        "Семилар": ["semilarski"],  # still typing
        "Семилар ": [],  # complete: «семилар» only begins «Семиларски»
        "Семиларского ": ["semilarski"],  # the same stem
        "Иркутска ": ["irkutsk"],  # «иркутской» without its ending begins «иркутска»
        "Иркутск ": ["irkutsk"],
        "Иркутск": ["irkutsk", "neftegaz"],  # still typing: Иркутскнефтегаз begins so
    }),
])
def test_a_query_finds_the_pages_holding_every_word_and_nothing_for_an_unknown_word(
        site, serve_site, open_page, lang: str, expected: dict[str, list[str]]):
    assert found(serve_site, open_page, site, lang, list(expected)) == expected


TITLES = """async ({engine, query}) => {
  const instance = (await import(engine)).createInstance({});
  const response = await instance.search(query, {});
  const pages = await Promise.all(response.results.map((result) => result.data()));
  return pages.map((page) => [page.url, page.meta.title]);
}"""


def test_an_item_with_no_version_in_the_pages_language_is_found_marked_as_in_its_own(
        site, serve_site, open_page):
    reader = open_page()
    reader.page.goto(serve_site(site).url("/ru/search/"))
    found = reader.page.evaluate(TITLES, {"engine": ENGINE, "query": "masks"})
    assert found == [["/en/2021/05/masks/#main", "Masks (материал на английском)"]]
    reader.assert_no_problems()


LINKED = """async ({engine, query}) => {
  const instance = (await import(engine)).createInstance({});
  const response = await instance.search(query, {});
  const pages = await Promise.all(response.results.map((result) => result.data()));
  return pages.map((page) => page.url.split("/").at(-2)).sort();
}"""


def test_the_query_a_page_is_opened_with_is_complete(site, serve_site, open_page):
    served = serve_site(site)
    reader = open_page()
    reader.page.goto(served.url("/en/search/?q=stab"))
    assert reader.page.evaluate(LINKED, {"engine": ENGINE, "query": "stab"}) == ["stabbed"]
    # Typed again after that, another query's last word is still being typed.
    assert reader.page.evaluate(LINKED, {"engine": ENGINE, "query": "stabl"}) == ["stable"]
    reader.assert_no_problems()


TYPED = """({engine, cases}) => import(engine).then(
  (module) => cases.map(([term, words, lang]) => module.beingTyped(term, words, lang)))"""


def test_only_the_last_word_of_a_query_not_ended_by_a_space_is_being_typed(
        site, serve_site, open_page):
    cases = {
        ("stab", ("stab",), "en"): "stab",
        ("the stab", ("stab",), "en"): "stab",
        ("stab ", ("stab",), "en"): None,
        ("stab.", ("stab",), "en"): None,
        ("earthquake the", ("earthquake",), "en"): None,  # "the" is left out: not asked
        ("Новый", ("новые",), "ru"): "Новый",  # asked in its -ые form, typed as it is
        ("", (), "en"): None,
    }
    reader = open_page()
    reader.page.goto(serve_site(site).url("/en/search/"))
    typed = reader.page.evaluate(TYPED, {"engine": ENGINE, "cases": [
        [term, list(words), lang] for term, words, lang in cases]})
    assert dict(zip(cases, typed, strict=True)) == cases


SPELLINGS = """({engine, words}) => import(engine).then(
  (module) => words.map((word) => module.spellings(word)))"""


def test_a_latin_name_is_also_asked_in_its_other_spellings_of_a_russian_short_i(
        site, serve_site, open_page):
    words = {
        "shoygu": ["shoigu"],
        "sergei": ["sergey"],
        "zelensky": ["zelenskiy", "zelenskyy", "zelenski", "zelenskii"],
        "navalnyy": ["navalny", "navalniy", "navalni", "navalnii"],
        "kayak": [],  # y between two vowels is no й of a name's spelling
        "shoi": [],  # too short
        "шойгу": [],  # not Latin
        "zelenskiyy": [],
    }
    reader = open_page()
    reader.page.goto(serve_site(site).url("/en/search/"))
    spelt = reader.page.evaluate(SPELLINGS, {"engine": ENGINE, "words": list(words)})
    assert {word: sorted(forms) for word, forms in zip(words, spelt, strict=True)} == \
        {word: sorted(forms) for word, forms in words.items()}


QUERIES_AS_SEARCHED = """({engine, cases}) => import(engine).then(
  (module) => cases.map(([term, lang]) => module.searchedQuery(term, lang)))"""


def test_a_query_is_searched_without_function_words_and_with_endings_the_stemmer_knows(
        site, serve_site, open_page):
    cases = {
        ("Struck by the earthquake!", "en"): "struck earthquake",
        ("the", "en"): "the",  # nothing else: kept
        ("US and WHO", "en"): "us who",
        ("Ливень в Бразилии", "ru"): "ливень бразилии",  # -ии is an ending as it is
        ("идеи", "ru"): "идеи",
        ("высокопатогенный", "ru"): "высокопатогенные",
        ("высокопатогенныи", "ru"): "высокопатогенные",
        ("новой", "ru"): "новое",
        ("находившийся", "ru"): "находившиеся",
        ("мой", "ru"): "мой",  # too short to be an adjective's ending
        ("ещё на", "ru"): "ещё на",
    }
    reader = open_page()
    reader.page.goto(serve_site(site).url("/en/search/"))
    searched = reader.page.evaluate(QUERIES_AS_SEARCHED,
                                    {"engine": ENGINE, "cases": [list(case) for case in cases]})
    assert dict(zip(cases, searched, strict=True)) == cases


FLEETING = """({engine, words}) => import(engine).then(
  (module) => words.map((word) => module.fleetingForms(word)))"""


def test_the_engine_drops_a_fleeting_vowel_as_the_index_does(site, serve_site, open_page):
    words = ["колец", "отец", "уровень", "гонок", "певец", "ливень", "ребёнок", "боец",
             "церковь", "город", "Игорь", "Олег", "ливней", "лишение", "Ливония", "лев"]
    reader = open_page()
    reader.page.goto(serve_site(site).url("/ru/search/"))
    in_browser = reader.page.evaluate(FLEETING, {"engine": ENGINE, "words": words})
    assert {word: tuple(forms) for word, forms in zip(words, in_browser, strict=True)} == \
        {word: without_fleeting_vowel(word) for word in words}


def split_chunk(shard: Path, last: str) -> None:
    """Split the word chunk of ``shard`` that holds ``last`` in two, the first ending with it, as
    Pagefind chunks the words of a larger index."""
    entry = bundle.read_entry(shard)
    for language, info in entry["languages"].items():
        meta = bundle.read_meta(shard, info["hash"])
        chunks = []
        for first, final, name in meta[bundle.META_CHUNKS]:
            words = bundle.read_data(shard / "index" / f"{name}.pf_index")[0]
            keys = [word[0].removesuffix(bundle.WORD_END) for word in words]
            if last not in keys or keys[-1] == last:
                chunks.append([first, final, name])
                continue
            (shard / "index" / f"{name}.pf_index").unlink()
            cut = keys.index(last) + 1
            for part, (low, high) in ((words[:cut], (first, last)), (words[cut:], (keys[cut], final))):
                payload = bundle.SIGNATURE + cbor.encode([part])
                written = f"{language}_{hashlib.sha256(payload).hexdigest()[:7]}"
                (shard / "index" / f"{written}.pf_index").write_bytes(gzip.compress(payload))
                chunks.append([low, high, written])
        meta[bundle.META_CHUNKS] = chunks
        info["hash"] = bundle.rewrite(shard, "pagefind.{}.pf_meta", info["hash"], meta,
                                      bundle.META_HASH_LENGTH)
    bundle.write_entry(shard, entry)


FIRST_AND_AGAIN = """async ({engine, queries}) => {
  const module = await import(engine);
  const instance = module.createInstance({});
  const slugs = async (query) => {
    const response = await instance.search(query, {});
    const pages = await Promise.all(response.results.map((result) => result.data()));
    return pages.map((page) => page.url.split("/").at(-2)).sort();
  };
  const first = [];
  for (const query of queries) first.push(await slugs(query));
  await slugs("masks");  // a query whose word lies in the next chunk: Pagefind loads it
  const again = [];
  for (const query of queries) again.push(await slugs(query));
  return [first, again];
}"""


def test_the_first_search_finds_the_words_of_the_stems_next_chunk_as_later_searches_do(
        site, serve_site, open_page, tmp_path):
    chunked = tmp_path / "site"
    shutil.copytree(site, chunked)
    split_chunk(chunked / "pagefind" / "en-2021", "kamchatka")
    reader = open_page()
    reader.page.goto(serve_site(chunked).url("/en/search/"))
    queries = ["kamchatka", "kamchatka ", "kamchatkan "]
    first, again = reader.page.evaluate(FIRST_AND_AGAIN, {"engine": ENGINE, "queries": queries})
    expected = [["kamchatka", "kamchatkan"], ["kamchatka"], ["kamchatkan"]]
    assert first == again == expected
    reader.assert_no_problems()

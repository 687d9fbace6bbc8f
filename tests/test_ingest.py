"""builder.ingest: raw sources -> Markdown pages, on the real seed documents and small texts."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from builder.diagnostics import Fate
from builder.formats import frontmatter
from builder.formats.markdown import create_parser, escape_markdown
from builder.i18n import load_catalogs
from builder.ingest.decode import DecodeError, decode
from builder.ingest.run import ingest_sources
from builder.ingest.topics import TopicMatcher
from tests.conftest import REPO

MFA_SEED = "000_eb433352388561be.txt"
TASS_SEED = "002_3b3367dd57c4185f.txt"
TODAY = dt.date(2026, 11, 25)


def add_seed(project, name: str, with_sidecar: bool = True) -> None:
    sources = project.root / "content" / "sources"
    shutil.copy2(REPO / "content" / "sources" / name, sources / name)
    sidecar = REPO / "content" / "sources" / f"{name}.meta.yaml"
    if with_sidecar and sidecar.exists():
        shutil.copy2(sidecar, sources / sidecar.name)


def ingest(project, **kwargs):
    return ingest_sources(project.config(), today=TODAY, **kwargs)


def the_page(project, result):
    [outcome] = [o for o in result.outcomes if o.fate is Fate.INGESTED]
    return frontmatter.parse(project.read(outcome.detail))


# --- decoding ---------------------------------------------------------------------------------

RUSSIAN = "Министр иностранных дел России провёл переговоры с коллегой."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_russian_text_is_decoded_from_every_encoding_a_source_may_have(encoding):
    assert decode(RUSSIAN.encode(encoding)) == RUSSIAN



def besides_the_outlet(result) -> tuple:
    """The diagnostics of an ingest but the outlet-not-found each source naming no outlet gets,
    and the outlet-unknown of one content/outlets.yaml lacks (held by their own tests): what
    the test at hand is about."""
    return tuple(d for d in result.diagnostics
                 if d.code not in ("outlet-not-found", "outlet-unknown"))

def test_line_ends_control_characters_and_trailing_blanks_are_normalised():
    raw = "Title\r\nline\u00a0\rnext\x07 \n".encode()
    assert decode(raw) == "Title\nline\nnext\n"


ENGLISH = ("US urges Qatar’s neighbours to end the rift\n\n“It is time,” said the envoy – "
           "and the talks resume on Monday in Doha.\n")


def test_english_text_a_windows_program_saved_is_read_in_windows_1252():
    assert decode(ENGLISH.encode("cp1252")) == ENGLISH


@pytest.mark.parametrize("declared", ['<meta charset="windows-1252">',
                                      '<meta http-equiv="Content-Type" content="text/html; '
                                      'charset=iso-8859-1">'])
def test_a_saved_page_is_read_in_the_encoding_it_declares(declared):
    """Word saves a page as "Web Page, Filtered" in Windows-1252 and says so; a page that
    declares ISO-8859-1 is read as Windows-1252, as browsers read it (0x93 is a quote)."""
    page = f"<html><head>{declared}<title>Rift</title></head><body><p>{ENGLISH}</p></body></html>"
    assert decode(page.encode("cp1252")) == page


@pytest.mark.parametrize("declared", ["utf-8", "windows-1251", "no-such-charset"])
def test_russian_text_stays_russian_whatever_its_page_declares(declared):
    page = f'<html><head><meta charset="{declared}"></head><body><p>{RUSSIAN}</p></body></html>'
    assert decode(page.encode("cp1251")) == page


def test_bytes_that_are_no_known_encoding_are_a_clear_error():
    with pytest.raises(DecodeError, match="save the file as UTF-8"):
        decode(bytes([0x98, 0x98, 0x41]))


# --- Markdown escaping and topics -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "1. not a list", "# not a heading", "- not a bullet", "> not a quote", "*not emphasis*",
    "<script>alert(1)</script>", "[link](javascript:alert(1))", '{{< fragment id="x" >}}',
    "a_b_c and `code`", "---",
])
def test_source_text_written_as_markdown_renders_as_the_same_text(text):
    html = create_parser().render(escape_markdown(text))
    assert html.startswith("<p>") and "<script" not in html and "<a" not in html
    assert "<em>" not in html and "<li>" not in html and "<h1>" not in html


def test_russian_keywords_match_inflected_forms(project):
    matcher = TopicMatcher.from_topics(project.config().topics)
    found = matcher.topics_of("Россия передала Узбекистану тест-системы на коронавирусную "
                              "инфекцию в рамках Организации Договора о коллективной безопасности",
                              "ru")
    assert found == {"uzbekistan", "covid-19", "csto"}


# --- the MFA seed -----------------------------------------------------------------------------

def test_the_mfa_briefing_becomes_one_article_with_a_section_per_topic(project):
    add_seed(project, MFA_SEED)
    result = ingest(project)
    assert result.diagnostics == ()
    page = the_page(project, result)
    data = page.data
    assert data["title"] == ("Extract from the briefing by Foreign Ministry Spokesperson "
                             "Maria Zakharova, April 17, 2020")
    assert dt.date.fromisoformat(data["date"]) == dt.date(2020, 4, 17)
    assert dt.datetime.fromisoformat(data["published"]) == dt.datetime(2020, 4, 21, 14, 27,
                                            tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert (data["lang"], data["outlet"]) == ("en", "mfa")
    assert data["section_topics"] == {
        "csto-member-states-cooperation-in-preventing-and-battling-covid-19": ["covid-19", "csto"],
        "russias-assistance-to-uzbekistan-in-combating-covid-19": ["covid-19", "uzbekistan"],
    }
    assert data["topics"] == ["covid-19", "csto", "uzbekistan"]
    assert data["source"] == f"sources/{MFA_SEED}" and len(data["source_sha256"]) == 64
    headings = [line for line in page.body.splitlines() if line.startswith("#")]
    assert headings == ["## CSTO member states' cooperation in preventing and battling COVID-19",
                        "## Russia's assistance to Uzbekistan in combating COVID-19"]
    for furniture in ("Asset Publisher", "202014:27", "en-GB1", "ru-RU1"):
        assert furniture not in page.body and furniture not in str(data)


def test_the_russian_hotline_note_in_the_english_briefing_is_the_stored_fragment(project):
    add_seed(project, MFA_SEED)
    page = the_page(project, ingest(project))
    assert '{{< fragment id="mfa-repatriation-hotline" lang="ru" >}}' in page.body
    assert "круглосуточно" not in page.body and "По вопросам" not in page.body


def test_a_new_foreign_passage_is_added_to_every_catalog_once(project):
    for name in ("fragments.po",):
        for lang in ("en", "ru"):
            (project.root / "locales" / lang / "LC_MESSAGES" / name).unlink()
    note = "Справки по телефону горячей линии:\n\n+7 (495) 000-00-00 – круглосуточно"
    for name in ("one.txt", "two.txt"):
        project.write(f"content/sources/{name}",
                      f"Embassy notice {name}\n\n17 April 2020\n\nThe embassy is open to citizens on weekdays "
                      f"and answers questions about travel home by telephone.\n\n{note}\n")
    result = ingest(project)
    assert sorted((d.path, d.code) for d in result.diagnostics) == [
        ("content/sources/one.txt", "fragment-new"),
        ("content/sources/one.txt", "outlet-not-found"),
        ("content/sources/two.txt", "outlet-not-found")]
    bodies = [frontmatter.parse(project.read(o.detail)).body for o in result.outcomes]
    references = {line for body in bodies for line in body.splitlines() if "fragment" in line}
    assert len(references) == 1
    [fragment] = load_catalogs(project.config()).fragments.values()
    assert fragment.lang == "ru" and fragment.original == note
    assert fragment.id in references.pop()


# --- the TASS seed ----------------------------------------------------------------------------

SIDEBAR_HEADLINES = ("Russian, Turkish top diplomats strongly support Nagorno-Karabakh",
                     "Putin says no friends in big politics", "Sergei Ryabkov said")


def test_the_tass_article_ends_where_the_sidebar_begins_and_keeps_it_as_related(project):
    add_seed(project, TASS_SEED)
    result = ingest(project)
    assert result.diagnostics == ()
    page = the_page(project, result)
    data = page.data
    assert data["title"] == ("Lavrov discusses anti-COVID efforts with top diplomats from "
                             "Central Asian nations")
    assert data["summary"] == ("Apart from that, the ministers discussed issues of regional "
                               "stability and security")
    assert (data["date"], data["place"], data["outlet"]) == ("2020-10-15", "MOSCOW", "tass")
    assert page.body.lstrip().startswith("MOSCOW, October 15. /TASS/. Cooperation")
    assert page.body.rstrip().endswith("matters of mutual interest.\".")
    for headline in SIDEBAR_HEADLINES:
        assert headline not in page.body
    related = data["related"]
    assert len(related) == 51
    assert related[0] == {"title": "Russian, Turkish top diplomats strongly support "
                                   "Nagorno-Karabakh peaceful regulation",
                          "teaser": "Besides, the ministers have discussed the schedule of "
                                    "upcoming Russian-Turkish contacts"}
    # One headline has no teaser; the pairs after it stay aligned.
    pegov = related.index({"title": "Azerbaijan opens criminal case against Russian blogger "
                                    "Semyon Pegov"})
    assert related[pegov + 1]["title"].startswith("Russia gives up large-scale participation")
    assert related[-1]["teaser"] == '"This is an unacceptable proposal," Sergei Ryabkov said'
    assert "nagorno-karabakh" not in data["topics"]


def test_a_date_without_a_year_and_no_sidecar_is_inferred_with_a_warning_naming_the_fix(project):
    add_seed(project, TASS_SEED, with_sidecar=False)
    result = ingest(project)
    [warning] = result.diagnostics
    assert warning.code == "date-year-inferred"
    assert str(warning).startswith(f"content/sources/{TASS_SEED}:5: warning: the source gives "
                                   f"the date without a year; took 2026")
    assert f"'year: 2026' in content/sources/{TASS_SEED}.meta.yaml" in warning.message
    page = the_page(project, result).data
    assert page["date"] == "2026-10-15"
    assert page["date_inferred"] == ("The source gives the date without a year; took 2026, the "
                                     "latest year it is not after the day of ingest (2026-11-25)")


def test_a_saved_page_with_only_its_publication_day_gets_that_day_marked_inferred(project):
    """As kremlin.ru prints a transcript: the day it was published and no other date. The day
    is taken, and warned of in every build until the editor confirms it (as a publication time
    is), rather than the source waiting without a page."""
    project.write("content/sources/talks.html", (
        "<!doctype html><html lang='en'><head><title>Russian-US talks</title></head><body>"
        "<article><h1>Russian-US talks</h1><time datetime='2021-06-16'>June 16, 2021</time>"
        "<p>Vladimir Putin and Joseph Biden held talks at the Villa La Grange in Geneva.</p>"
        "<p>The talks began in a restricted format and went on with the delegations.</p>"
        "</article></body></html>"))
    result = ingest(project)
    [warning] = besides_the_outlet(result)
    assert warning.code == "date-from-published"
    assert "took the publication date 2021-06-16" in warning.message
    page = the_page(project, result).data
    assert page["date"] == "2021-06-16"
    assert page["date_inferred"].startswith("The source gives no news date; took the "
                                            "publication date 2021-06-16")


# --- fates, failures and the editor's pages ---------------------------------------------------

def test_a_text_without_any_date_is_skipped_with_the_fix_and_the_others_are_ingested(project):
    project.write("content/sources/undated.txt", "A headline\n\nA paragraph without a date.\n")
    project.write("content/sources/dated.txt", "Another headline\n\nApril 17, 2020\n\nText.\n")
    result = ingest(project)
    fates = {o.path: o.fate for o in result.outcomes}
    assert fates == {"content/sources/dated.txt": Fate.INGESTED,
                     "content/sources/undated.txt": Fate.SKIPPED}
    [warning] = besides_the_outlet(result)
    assert str(warning) == (
        "content/sources/undated.txt:3: warning: no date in the text, so no page yet; add "
        "'date: YYYY-MM-DD' to content/sources/undated.txt.meta.yaml (or to 'defaults' in a "
        "folder.meta.yaml) [date-missing]")
    assert len(list((project.root / "content/articles").rglob("*.md"))) == 1


def test_folder_files_give_facts_to_every_source_below_and_the_nearest_file_wins(project):
    project.write("content/sources/wires/folder.meta.yaml",
                  "defaults: {date: 2021-07-25, outlet: tass}\n"
                  "sources:\n  b.txt: {translation_key: visit, translated_from: ru}\n")
    project.write("content/sources/wires/en/folder.meta.yaml", "defaults: {lang: en}\n")
    project.write("content/sources/wires/en/a.txt", "First headline\n\nText without a date.\n")
    project.write("content/sources/wires/en/a.txt.meta.yaml", "date: 2021-07-26\n")
    project.write("content/sources/wires/b.txt", "Second headline\n\nText without a date.\n")
    result = ingest(project)
    assert result.diagnostics == ()
    pages = {o.path.rsplit("/", 1)[1]: frontmatter.parse(project.read(o.detail)).data
             for o in result.outcomes}
    assert (pages["a.txt"]["date"], pages["a.txt"]["outlet"]) == ("2021-07-26", "tass")
    assert (pages["b.txt"]["date"], pages["b.txt"]["translation_key"],
            pages["b.txt"]["translated_from"]) == ("2021-07-25", "visit", "ru")


def test_a_folder_file_entry_that_names_no_source_is_said_at_its_line_with_the_near_name(
        project):
    """A misspelt name under ``sources:`` gave its facts to nothing, silently: the source it
    meant was skipped for want of a date, and nothing said why."""
    project.write("content/sources/wires/folder.meta.yaml",
                  "defaults: {outlet: tass}\nsources:\n  nodate.tx: {date: 2021-07-25}\n"
                  "  gone.txt: {date: 2021-07-25}\n")
    project.write("content/sources/wires/nodate.txt", "Headline\n\nText without a date.\n")
    result = ingest(project)
    assert [o.fate for o in result.outcomes] == [Fate.SKIPPED]
    unmatched = [d for d in result.diagnostics if d.code == "sidecar-unmatched"]
    assert [(d.path, d.line, d.severity.value) for d in unmatched] == [
        ("content/sources/wires/folder.meta.yaml", 3, "warning"),
        ("content/sources/wires/folder.meta.yaml", 4, "warning")]
    assert "did you mean 'nodate.txt'?" in unmatched[0].message
    assert "applies" not in unmatched[0].message and "apply to nothing" in unmatched[1].message
    assert not result.failed  # a warning: the other sources of the folder are ingested
    project.write("content/sources/wires/folder.meta.yaml",
                  "sources:\n  nodate.txt: {date: 2021-07-25}\n")
    fixed = ingest(project)
    assert [o.fate for o in fixed.outcomes] == [Fate.INGESTED] and besides_the_outlet(fixed) == ()


def test_a_folder_file_with_an_unknown_fact_stops_only_its_sources(project):
    project.write("content/sources/bad/folder.meta.yaml", "defaults: {dates: 2021-07-25}\n")
    project.write("content/sources/bad/a.txt", "Headline\n\n2020-04-17\n\nText.\n")
    project.write("content/sources/good.txt", "Headline\n\n2020-04-17\n\nText.\n")
    result = ingest(project)
    assert [o.fate for o in result.outcomes] == [Fate.FAILED, Fate.INGESTED]
    [error] = besides_the_outlet(result)
    assert (error.path, error.code) == ("content/sources/bad/folder.meta.yaml", "sidecar-key")


def test_undecodable_and_empty_sources_fail_alone(project):
    (project.root / "content/sources/binary.txt").write_bytes(b"Title\n\n" + bytes([0x98, 0x98]))
    project.write("content/sources/empty.txt", "  \n\n")
    project.write("content/sources/good.txt", "Headline\n\n2020-04-17\n\nText.\n")
    result = ingest(project)
    assert [(o.path.rsplit("/", 1)[1], o.fate) for o in result.outcomes] == [
        ("binary.txt", Fate.FAILED), ("empty.txt", Fate.FAILED), ("good.txt", Fate.INGESTED)]
    assert {(d.code, d.line) for d in besides_the_outlet(result)} == {("source-encoding", 3),
                                                              ("source-empty", None)}


def test_a_broken_sidecar_is_reported_at_its_line(project):
    project.write("content/sources/a.txt", "Headline\n\nOctober 15\n\nText.\n")
    project.write("content/sources/a.txt.meta.yaml", "year: 2020\nplace: [unclosed\n")
    [error] = ingest(project).diagnostics
    assert (error.path, error.line, error.code) == ("content/sources/a.txt.meta.yaml", 2,
                                                    "sidecar-syntax")  # where the list opens


@pytest.mark.parametrize(("fact", "shown"), [
    ("year: 0", "not 0"), ("year: -5", "not -5"), ("year: 10000", "not 10000"),
    ("year: 1", "not 1"),  # a year no page may have: the page would fail every build
    ("date: 0999-10-15", "not 999"),
    ("year: " + "9" * 30, "not " + "9" * 30), ("year: " + "9" * 300, "not " + "9" * 60 + "…")])
def test_a_sidecar_year_no_page_can_have_is_a_located_error_not_a_crash(project, fact, shown):
    project.write("content/sources/a.txt", "Headline\n\nOctober 15\n\nText.\n")
    project.write("content/sources/a.txt.meta.yaml", f"place: Moscow\n{fact}\n")
    result = ingest(project)
    [error] = result.diagnostics
    assert (error.path, error.line, error.code) == ("content/sources/a.txt.meta.yaml", 2,
                                                    "sidecar-value")
    assert error.message.endswith(shown) and len(error.message) < 120
    assert [o.fate for o in result.outcomes] == [Fate.FAILED]


def test_a_page_belongs_to_the_editor_and_is_kept_until_forced(project):
    project.write("content/sources/a.txt", "Headline\n\n2020-04-17\n\nText.\n")
    [outcome] = ingest(project).outcomes
    page = project.root / outcome.detail
    page.write_text(page.read_text().replace("title: Headline", "title: Edited by hand"))

    again = ingest(project)
    assert [o.fate for o in again.outcomes] == [Fate.KEPT] and again.diagnostics == ()
    project.write("content/sources/a.txt", "Headline\n\n2020-04-17\n\nText, corrected.\n")
    changed = ingest(project)
    assert [d.code for d in changed.diagnostics] == ["source-changed"]
    assert "Edited by hand" in page.read_text()

    forced = ingest(project, force=True)
    assert [o.fate for o in forced.outcomes] == [Fate.INGESTED]
    assert forced.outcomes[0].detail == outcome.detail
    assert "Text, corrected." in page.read_text()


def test_ingesting_a_file_from_outside_the_project_copies_it_into_the_sources(project, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("Headline\n\n2020-04-17\n\nText.\n", encoding="utf-8")
    try:
        [outcome] = ingest_sources(project.config(), [outside], today=TODAY).outcomes
    finally:
        outside.unlink()
    assert outcome.path == f"content/sources/{outside.name}"
    assert (project.root / outcome.path).is_file()
    assert frontmatter.parse(project.read(outcome.detail)).data["source"] == \
        f"sources/{outside.name}"


def test_ingest_output_is_the_same_every_time(project):
    add_seed(project, MFA_SEED)
    add_seed(project, TASS_SEED)
    first = {o.detail: project.read(o.detail) for o in ingest(project).outcomes}
    for path in first:
        (project.root / path).unlink()
    (project.root / "content/ingested.txt").unlink()  # else the deleted pages stay deleted
    second = {o.detail: project.read(o.detail) for o in ingest(project).outcomes}
    assert first == second


def test_a_markdown_source_keeps_its_markup_and_its_front_matter_gives_facts(project):
    """Keys no page field names (Hugo's ``author``, a list of ``tags``) go to the page, kept
    for templates as a page's own keys are; a field ingest does not take from a source (Hugo's
    ``aliases``, the addresses the page had on the other site) is left out, at its line."""
    project.write("content/sources/notes/talks.md", (
        "---\ntitle: Talks in Tashkent\ndate: 2021-07-25\nsource_url: https://example.org/a\n"
        "mood: upbeat\naliases: [/2021/talks/]\ntags: [gas, cotton]\n---\n# Talks in Tashkent\n\n"
        "The ministers **met** in [Tashkent](https://example.org/t).\n\n## Trade\n\n- cotton\n"
        "- gas\n"))
    project.write("content/sources/notes/talks.md.meta.yaml", "date: 2021-07-26\n")
    result = ingest(project)
    [warning] = besides_the_outlet(result)
    assert (warning.path, warning.line, warning.code) == (
        "content/sources/notes/talks.md", 6, "source-front-matter-key")
    assert "'aliases'" in warning.message
    page = the_page(project, result)
    assert page.data["date"] == "2021-07-26"  # the editor's sidecar wins
    assert page.data["source_url"] == "https://example.org/a"
    assert (page.data["mood"], page.data["tags"]) == ("upbeat", ["gas", "cotton"])
    assert "aliases" not in page.data
    assert "The ministers **met** in [Tashkent](https://example.org/t)." in page.body
    assert "## Trade\n\n- cotton\n- gas" in page.body
    assert page.body.count("Talks in Tashkent") == 0


def test_a_bug_on_one_source_is_reported_and_the_other_sources_are_still_ingested(
        project, monkeypatch):
    from builder.ingest import mfa

    def broken(source):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(mfa, "extract", broken)
    project.write("content/sources/a.txt", "Asset Publisher\n\nHeadline, April 17, 2020\n\nText.\n")
    project.write("content/sources/b.txt", "Headline\n\n2020-04-17\n\nText.\n")
    result = ingest(project)
    assert [o.fate for o in result.outcomes] == [Fate.FAILED, Fate.INGESTED]
    [crash] = besides_the_outlet(result)
    assert crash.code == "ingest-crash" and "ZeroDivisionError" in crash.message


def test_keyword_phrases_match_stems_in_a_row_anywhere_but_past_the_end():
    from builder.ingest.topics import TopicMatcher
    from builder.model import Topic

    matcher = TopicMatcher.from_topics({
        "csto": Topic("csto", {"en": "CSTO"}, {"en": ("Collective Security Treaty Organisation",)}),
        "caspian": Topic("caspian", {"en": "Caspian"}, {"en": ("Caspian Sea",)}),
        "uzbekistan": Topic("uzbekistan", {"ru": "Узбекистан"}, {"ru": ("Узбекистан",)}),
    })
    long_text = "Ministers met again. " * 20_000
    assert matcher.topics_of(long_text + "the Collective Security Treaty Organisation met",
                             "en") == {"csto"}
    assert matcher.topics_of("Security Treaty Organisation and the Collective", "en") == set()
    assert matcher.topics_of(long_text + "on the Caspian", "en") == set()  # no "Sea" after it
    assert matcher.topics_of("Talks on the Caspian seas", "en") == {"caspian"}
    assert matcher.topics_of("Министр прибыл в Узбекистан, затем к Узбекистану.", "ru") == {
        "uzbekistan"}
    assert matcher.known_stems  # every word stemmed once per run, then looked up


@pytest.mark.parametrize(("text", "sidecar", "warned"), [
    ("Flood rises on the Yangtze\n\nJuly 26, 2020\n\nAfter heavy downpours the river rose for "
     "the third time this year, officials said.\n", "", True),  # nothing names the outlet
    ("Паводок на Янцзы\n\n26 июля 2020\n\nПосле ливней уровень воды в реке поднялся в третий раз "
     "за год, сообщили власти.\n", "", True),
    ("Flood rises on the Yangtze\n\nJuly 26, 2020\n\nAfter heavy downpours the river rose, "
     "officials said.\n", "outlet: xinhua\n", False),  # the editor named it
    ("Flood rises on the Yangtze\n\nBEIJING, July 26 (Xinhua) -- After heavy downpours the river "
     "rose for the third time this year, officials said.\n", "", False),  # its dateline does
])
def test_a_source_that_names_no_outlet_says_so_whatever_outlets_yaml_lists(
        project, text, sidecar, warned):
    """The sample's outlets.yaml lists 'unknown', so a page that says it warned of nothing:
    the editor was never told that ingest found no outlet."""
    sources = project.root / "content" / "sources"
    (sources / "flood.txt").write_text(text, encoding="utf-8")
    if sidecar:
        (sources / "flood.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    result = ingest_sources(project.config(), today=dt.date(2026, 11, 25))
    said = [d for d in result.diagnostics if d.code == "outlet-not-found"]
    assert len(said) == warned
    if warned:
        assert said[0].path == "content/sources/flood.txt"
        assert "the page says 'outlet: unknown'" in said[0].message

"""The incremental engine: a rebuild equals a clean build byte for byte, and does little.

The property test edits a small bilingual project at random (pages added, edited, retitled,
re-dated, re-tagged, deleted, renamed; templates, catalogs and configuration changed; the build's
day moved, so that items are held for their dates or published), and after every step compares
the incremental build with a clean build of the same inputs on the same day, file by file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builder import read, search
from builder.config import load_config
from builder.diagnostics import Fate, InputKind
from builder.incremental import store
from builder.session import Session, build
from builder.state import State, state_path
from builder.util import fingerprints
from builder.write import next_site, plain_path

ARTICLES = [  # (lang, slug, translation key): two items in both languages, two in one
    ("en", "briefing", "briefing"), ("ru", "brifing", "briefing"),
    ("en", "talks", "talks"), ("ru", "peregovory", "talks"),
    ("en", "wire", "wire"), ("ru", "lenta", "lenta"),
]
TOPICS = ["covid-19", "csto", "uzbekistan"]
DATES = ["2020-04-17", "2020-04-21", "2020-05-02", "2021-01-15"]
DAYS = [dt.date(2020, 4, 16), dt.date(2020, 4, 21), dt.date(2020, 5, 1), dt.date(2021, 12, 31)]
"""Days a build may run on: before every item, on an item's date, between two, after all."""


BODY_EDIT_FILES = 5
"""Files a new body of an item tagged ``csto`` changes, when its language's feeds and the
topic's list it: its page, and those feeds, which carry its text (Atom and JSON Feed each)."""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(project, tmp_path: Path, step: int, today: dt.date | None = None
                ) -> dict[str, bytes]:
    """The same inputs built from nothing (on ``today``), into a folder of their own, with no
    cache."""
    output = tmp_path / f"clean-{step}"
    config = load_config(project.root).with_output(output, search=False)
    report = Session(State(), persist=False).build(config, today=today)
    assert report.published, report.render_text()
    return tree(output)


class Editor:
    """Changes the project as an editor would; every file written gets a new modification time
    (an editor's save), set in the past, so the cache's trust in stat is exercised too."""

    def __init__(self, project, past_times: bool):
        self.project, self.past_times = project, past_times
        self.clock = 1_500_000_000
        self.paths: dict[int, str] = {}
        self.changed: set[str] = set()
        """Project-relative paths changed since :meth:`take_changes`, as a watcher sees them."""

    def take_changes(self) -> list[str]:
        changed, self.changed = sorted(self.changed), set()
        return changed

    def _changed(self, path: Path) -> None:
        self.changed.add(path.relative_to(self.project.root).as_posix())

    def _touch(self, path: Path) -> None:
        self._changed(path)
        if self.past_times:
            self.clock += 1
            os.utime(path, (self.clock, self.clock))

    def write_article(self, index: int, title: int, date: int, topics: list[str], body: int) -> None:
        lang, slug, key = ARTICLES[index]
        self.delete_article(index)
        rel = self.paths.get(index) or f"{lang}/{DATES[date][:4]}/{DATES[date][5:7]}/{slug}.md"
        front = {"title": f"{slug.title()} number {title}", "date": DATES[date], "lang": lang,
                 "outlet": "mfa" if index % 2 else "tass", "translation_key": key,
                 "topics": topics, "summary": f"Summary {body}."}
        if lang == "ru" and key in {k for lg, _, k in ARTICLES if lg == "en"}:
            front["translated_from"] = "en"
        text = f"## Section {body}\n\nParagraph {body} of {slug}.\n\n## Другой раздел\n\nТекст."
        self.paths[index] = rel
        self._touch(self.project.page(rel, text, **front))

    def edit_body(self, index: int, variant: int) -> None:
        """A new paragraph, nothing else: the edit made most while previewing."""
        rel = self.paths.get(index)
        if rel is None:
            return
        path = self.project.root / "content/articles" / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f"Paragraph {variant} was rewritten." if line.startswith("Paragraph") else line
                 for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._touch(path)

    def delete_article(self, index: int) -> None:
        rel = self.paths.pop(index, None)
        if rel is not None:
            (self.project.root / "content/articles" / rel).unlink()
            self._changed(self.project.root / "content/articles" / rel)

    def rename_article(self, index: int, new_slug: str) -> None:
        rel = self.paths.get(index)
        if rel is None:
            return
        old = self.project.root / "content/articles" / rel
        new_rel = rel.rsplit("/", 1)[0] + f"/{new_slug}.md"
        os.replace(old, self.project.root / "content/articles" / new_rel)
        self.paths[index] = new_rel
        self._changed(old)
        self._changed(self.project.root / "content/articles" / new_rel)

    def edit_template(self, variant: int) -> None:
        """A change to a partial the lists include (and the repair of a broken base)."""
        base = self.project.root / "templates/base.html"
        text = base.read_text(encoding="utf-8")
        if "{#- broken" in text:
            base.write_text(text.split("{#- broken")[0], encoding="utf-8")
            self._touch(base)
        path = self.project.root / "templates/partials/entries.html"
        text = path.read_text(encoding="utf-8").split("{#- variant")[0]
        path.write_text(text + f"{{#- variant {variant} #}}<!-- v{variant} -->\n", encoding="utf-8")
        self._touch(path)

    def break_template(self) -> None:
        """A template that no longer compiles: every build fails until :meth:`edit_template`.
        The base every page extends, so that a build fails even when it lists nothing (every
        item held for a later day): a broken partial of the lists was never compiled then."""
        base = self.project.root / "templates/base.html"
        base.write_text(base.read_text(encoding="utf-8") + "{#- broken #}{% if %}\n",
                        encoding="utf-8")
        self._touch(base)

    def edit_topic_label(self, variant: int) -> None:
        self._replace("content/topics.yaml", ("{en: CSTO,", "{en: The CSTO,"), variant)

    def edit_catalog(self, variant: int) -> None:
        self._replace("locales/ru/LC_MESSAGES/messages.po", ('msgstr "Темы"', 'msgstr "Рубрики"'),
                      variant)

    def _replace(self, rel: str, choices: tuple[str, str], variant: int) -> None:
        path = self.project.root / rel
        text = path.read_text(encoding="utf-8")
        assert any(choice in text for choice in choices)
        for choice in choices:
            text = text.replace(choice, choices[variant])
        path.write_text(text, encoding="utf-8")
        self._touch(path)


article_index = st.integers(0, len(ARTICLES) - 1)
step = st.one_of(
    st.tuples(st.just("write"), article_index, st.integers(0, 2), st.integers(0, len(DATES) - 1),
              st.lists(st.sampled_from(TOPICS), max_size=2, unique=True), st.integers(0, 2)),
    st.tuples(st.just("body"), article_index, st.integers(0, 3)),
    st.tuples(st.just("delete"), article_index),
    st.tuples(st.just("rename"), article_index, st.sampled_from(["renamed", "other-name"])),
    st.tuples(st.just("template"), st.integers(0, 3)),
    st.tuples(st.just("topic label"), st.integers(0, 1)),
    st.tuples(st.just("catalog"), st.integers(0, 1)),
    st.tuples(st.just("failed build"), article_index, st.integers(0, 3)),
    st.tuples(st.just("day"), st.integers(0, len(DAYS) - 1)),
    st.tuples(st.just("nothing")),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=5), past_times=st.booleans(),
       runner=st.sampled_from(["digest build", "one builder", "live preview"]))
@example(steps=[("failed build", 0, 1), ("nothing",)], past_times=True, runner="live preview")
@example(steps=[("body", 0, 1), ("failed build", 1, 2)], past_times=False, runner="live preview")
@example(steps=[("day", 0), ("write", 2, 0, 1, [], 0), ("day", 1), ("day", 3), ("day", 2)],
         past_times=True, runner="live preview")
@example(steps=[("write", 0, 0, 0, [], 0), ("day", 0), ("failed build", 0, 0)],
         past_times=False, runner="digest build")
def test_an_incremental_build_always_equals_a_clean_build(project, tmp_path_factory, steps,
                                                          past_times, runner):
    """``digest build`` loads the cache from disk each time; one builder keeps it in memory; the
    live preview also says what changed (the watcher's paths) and catches the staging folder up
    after each build. A failed build (a template broken while a page is edited) changes nothing,
    and the next build still sees the page edited before it. A day moved changes no file: the
    build on it publishes the items due, or holds those dated after it again."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(project.root, root, dirs_exist_ok=True)
    project = type(project)(root)
    editor = Editor(project, past_times)
    editor.write_article(0, 0, 0, ["csto"], 0)
    editor.write_article(1, 0, 0, ["csto"], 0)
    builder = Session(warm=runner == "live preview")
    day = [DAYS[-1]]  # after every date: nothing held, until a step moves it
    assert builder.build(project.config(), today=day[0]).published
    editor.take_changes()

    def failed_build(index: int, variant: int) -> None:
        editor.edit_body(index, variant)
        editor.break_template()
        before = tree(root / "site")
        told = editor.take_changes() if runner == "live preview" else None
        assert not builder.build(project.config(), changed=told, today=day[0]).published
        assert tree(root / "site") == before
        editor.edit_template(variant % 2)

    actions = {"write": editor.write_article, "body": editor.edit_body,
               "failed build": failed_build,
               "delete": editor.delete_article, "rename": editor.rename_article,
               "template": editor.edit_template, "topic label": editor.edit_topic_label,
               "catalog": editor.edit_catalog, "nothing": lambda: None,
               "day": lambda index: day.__setitem__(0, DAYS[index])}
    for number, (kind, *args) in enumerate(steps):
        actions[kind](*args)
        if runner == "digest build":
            builder = Session()
        told = editor.take_changes() if runner == "live preview" else None
        report = builder.build(project.config(), changed=told, today=day[0])
        if runner == "live preview":
            builder.catch_up(project.config())
        assert report.published and not report.errors, report.render_text()
        assert tree(root / "site") == clean_build(project, tmp_path_factory.mktemp("clean"), number,
                                                  day[0])


def test_a_rebuild_with_nothing_changed_does_nothing_and_repeats_the_report(
        project, english_article):
    page = project.page("en/2020/04/good.md", **english_article())
    os.utime(page, (1_500_000_000, 1_500_000_000))  # saved well before the build
    first = build(project.config())
    before = {p: p.stat().st_mtime_ns for p in (project.root / "site").rglob("*")}
    again = build(project.config())
    assert again.up_to_date and again.published and again.pages_rendered == 0
    assert again.outcomes == first.outcomes and again.diagnostics == first.diagnostics
    assert {p: p.stat().st_mtime_ns for p in (project.root / "site").rglob("*")} == before
    assert "nothing changed since the last build" in again.render_text()


def test_one_edit_renders_the_article_and_the_pages_that_list_it_only(project, english_article):
    for day in range(10, 20):
        page = project.page(f"en/2020/04/item-{day}.md", **english_article(
            title=f"Item {day}", date=f"2020-04-{day}", translation_key=f"item-{day}",
            topics=["csto"] if day % 2 else ["uzbekistan"]))
        os.utime(page, (1_500_000_000, 1_500_000_000))
    first = build(project.config())
    edited = project.page("en/2020/04/item-12.md", "A new body.", **english_article(
        title="Item 12", date="2020-04-12", translation_key="item-12", topics=["uzbekistan"]))
    report = build(project.config(), explain=True)
    rendered = {output for output, _ in report.explanations}
    assert "en/2020/04/item-12/index.html" in rendered
    assert report.pages_rendered == len(rendered) < first.pages_written / 3
    assert not any("item-13" in output or "csto" in output for output in rendered)
    assert dict(report.explanations)["en/2020/04/item-12/index.html"] == (
        "its content, or what it lists or links to, changed")
    assert "A new body." in (project.root / "site/en/2020/04/item-12/index.html").read_text()
    assert report.files_changed <= report.pages_rendered
    assert edited.exists()


def test_explain_names_what_changed_in_the_environment(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    first = build(project.config(), explain=True)
    assert {reason for _, reason in first.explanations} == {"no previous build to reuse"}
    base = project.root / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build(project.config(), explain=True)
    assert report.pages_rendered == report.pages_written
    assert {reason for _, reason in report.explanations} == {"templates changed"}


def test_a_corrupt_cache_is_discarded_with_a_warning_and_the_site_rebuilt(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    build(project.config())
    clean = tree(project.root / "site")
    cache_file = state_path(project.config())
    cache_file.write_bytes(cache_file.read_bytes()[:100])
    report = build(project.config())
    assert report.published and [d.code for d in report.warnings] == ["cache-discarded"]
    assert report.pages_rendered == report.pages_written
    assert tree(project.root / "site") == clean
    assert build(project.config()).warnings == ()  # and a good cache written again


def test_the_cache_warning_is_not_repeated_by_the_builds_that_find_nothing_to_do(
        project, english_article):
    """A build with nothing to do repeats the last report; that build's discarded cache is no
    news for it (``--strict`` failed until something changed)."""
    page = project.page("en/2020/04/good.md", **english_article())
    for path in (project.root / "content", project.root / "templates"):
        for file in [path, *path.rglob("*")]:
            os.utime(file, (1_500_000_000, 1_500_000_000))
    os.utime(page, (1_500_000_000, 1_500_000_000))
    build(project.config())
    cache_file = state_path(project.config())
    cache_file.write_bytes(cache_file.read_bytes()[:100])
    assert [d.code for d in build(project.config()).warnings] == ["cache-discarded"]
    again = build(project.config())
    assert again.up_to_date and again.exit_code(strict=True) == 0


def test_a_cache_from_another_version_of_the_builder_is_ignored(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    build(project.config())
    cache_file = state_path(project.config())
    _header, state = cache_file.read_bytes().split(b"\n", 1)
    cache_file.write_bytes(b"%s %d another-builder \n%s" % (store.MAGIC, store.FORMAT, state))
    report = build(project.config())
    assert report.pages_rendered == report.pages_written and not report.warnings


def test_a_cache_written_before_the_builder_s_modules_moved_is_ignored_without_unpickling(
        project, english_article):
    """A state saved by an older builder names classes where that builder had them; it is
    another version's, passed over silently (a warning would fail ``--strict``), and never
    unpickled: its header is not this builder's."""
    project.page("en/2020/04/good.md", **english_article())
    build(project.config())
    cache_file = state_path(project.config())
    # As every builder before headers pickled: the highest protocol, so b"\x80" first; the
    # class named is in builder.cache, which is gone.
    cache_file.write_bytes(b"\x80\x04cbuilder.cache\nBuildCache\n)\x81.")
    report = build(project.config())
    assert report.published and report.pages_rendered == report.pages_written
    assert not report.warnings


def test_a_page_edited_by_hand_in_the_site_is_put_right(project, english_article):
    page = project.page("en/2020/04/good.md", **english_article())
    os.utime(page, (1_500_000_000, 1_500_000_000))
    build(project.config())
    clean = tree(project.root / "site")
    (project.root / "site/en/2020/04/good/index.html").write_text("vandalised")
    report = build(project.config())
    assert not report.up_to_date
    assert tree(project.root / "site") == clean


def test_files_planted_in_the_site_are_gone_after_the_next_build_and_never_come_back(
        project, english_article):
    """A file put into ``site/`` or ``site.next/`` by hand (or by another program) is no page
    of the build: a build that would otherwise find nothing changed notices it, and from then on
    both trees hold the build's files only (before, the planted file was published every other
    build)."""
    page = project.page("en/2020/04/good.md", **english_article())
    os.utime(page, (1_500_000_000, 1_500_000_000))
    build(project.config())
    build(project.config())  # the staging folder now a whole tree, as after any build
    clean = tree(project.root / "site")
    (project.root / "site/en/2020/04/good/planted.js").write_text("alert(1)")
    (project.root / "site/planted").mkdir()
    (project.root / "site/planted/x.html").write_text("<script>alert(1)</script>")
    (project.root / "site.next/en/stray.html").write_text("stray")
    assert not build(project.config()).up_to_date
    assert tree(project.root / "site") == clean
    for _ in range(3):
        assert build(project.config()).up_to_date
        assert tree(project.root / "site") == clean
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build(project.config()).published
    for folder in ("site", "site.next"):
        assert not {path for path in tree(project.root / folder) if "planted" in path or "stray"
                    in path}


def test_a_planted_file_is_noticed_though_its_folders_time_was_set_back(project,
                                                                        english_article):
    """``tar``, ``rsync -t`` or ``touch -d`` put a folder's modification time back after adding
    to it; its change time, which the build records, no program can set."""
    page = project.page("en/2020/04/good.md", **english_article())
    os.utime(page, (1_500_000_000, 1_500_000_000))  # not just saved: a no-op can trust it
    build(project.config(search=True))
    build(project.config(search=True))
    clean = tree(project.root / "site")
    for folder in ("site", "site/en/2020/04/good", "site/pagefind"):
        path = project.root / folder
        before = path.stat()
        (path / "planted.html").write_text("<script>alert(1)</script>")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_mtime_ns == before.st_mtime_ns
        assert not build(project.config(search=True)).up_to_date
        assert tree(project.root / "site") == clean
        assert build(project.config(search=True)).up_to_date, folder


def test_a_failed_page_stays_failed_when_read_from_the_cache(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    bad = project.write("content/articles/en/2020/04/bad.md", "---\ntitle: [unclosed\n---\nBody\n")
    os.utime(bad, (1_500_000_000, 1_500_000_000))
    first = build(project.config())
    project.page("en/2020/04/other.md", **english_article(translation_key="other"))
    second = build(project.config())
    for report in (first, second):
        [failed] = [o for o in report.outcomes if o.kind is InputKind.PAGE and o.fate is Fate.FAILED]
        assert failed.path == "content/articles/en/2020/04/bad.md"
        assert [d.code for d in report.errors] == ["front-matter-syntax"]


def test_a_body_edit_renders_that_page_alone_and_equals_a_clean_build(project, english_article,
                                                                       tmp_path_factory):
    for day in range(10, 16):
        page = project.page(f"en/2020/04/item-{day}.md", f"## Part\n\nText {day}.", **english_article(
            title=f"Item {day}", date=f"2020-04-{day}", translation_key=f"item-{day}"))
        os.utime(page, (1_500_000_000, 1_500_000_000))
    build(project.config())
    project.page("en/2020/04/item-12.md", "## Part\n\nRewritten.", **english_article(
        title="Item 12", date="2020-04-12", translation_key="item-12"))
    report = build(project.config(), explain=True)
    feeds = [f"{lang}/{feed}" for lang in ("en", "ru") for topic in ("", "topics/csto/")
             for feed in (f"{topic}feed.xml", f"{topic}feed.json")]  # they show its body
    assert sorted(output for output, _ in report.explanations) == sorted(
        ["en/2020/04/item-12/index.html", *feeds])
    assert report.files_changed == 1 + len(feeds)
    assert tree(project.root / "site") == clean_build(project, tmp_path_factory.mktemp("clean"), 0)


def test_a_body_edit_renders_only_the_feeds_that_show_it_and_equals_a_clean_build(
        project, english_article, tmp_path_factory):
    """A feed carries its items' bodies, so a feed that lists an edited item is rendered again
    (in every language whose lists show that version), and a feed that does not is reused."""
    project.write("digest.toml", project.read("digest.toml").replace(
        "home_items = 20", "home_items = 2"))
    for day in range(10, 16):  # csto: 15, 13 in its feeds; uzbekistan: 14, 12; home: 15, 14
        page = project.page(f"en/2020/04/item-{day}.md", f"Text {day}.", **english_article(
            title=f"Item {day}", date=f"2020-04-{day}", translation_key=f"item-{day}",
            topics=["csto"] if day % 2 else ["uzbekistan"]))
        os.utime(page, (1_500_000_000, 1_500_000_000))
    build(project.config())
    for step, (day, feeds) in enumerate([(13, ["topics/csto/"]), (14, ["", "topics/uzbekistan/"]),
                                         (10, [])]):
        page = project.page(f"en/2020/04/item-{day}.md", f"Rewritten {day}.", **english_article(
            title=f"Item {day}", date=f"2020-04-{day}", translation_key=f"item-{day}",
            topics=["csto"] if day % 2 else ["uzbekistan"]))
        os.utime(page, (1_500_000_000 + step + 1, 1_500_000_000 + step + 1))
        report = build(project.config(), explain=True)
        assert sorted(output for output, _ in report.explanations) == sorted(
            [f"en/2020/04/item-{day}/index.html", *(f"{lang}/{feed}feed.{kind}" for lang in ("en", "ru")
                                                     for feed in feeds for kind in ("xml", "json"))])
        assert f"Rewritten {day}." in "".join(
            (project.root / "site" / lang / feed / "feed.xml").read_text(encoding="utf-8")
            for lang in ("en", "ru") for feed in feeds) or not feeds
        assert tree(project.root / "site") == clean_build(
            project, tmp_path_factory.mktemp("clean"), step)


def test_with_search_an_incremental_build_equals_a_clean_one_and_reindexes_one_shard(
        project, tmp_path_factory):
    editor = Editor(project, past_times=True)
    for index in range(4):
        editor.write_article(index, 0, index % 2 * 3, ["csto"], 0)  # 2020 and 2021 items
    builder = Session()
    assert builder.build(project.config(search=True)).published

    def clean() -> dict[str, bytes]:
        output = tmp_path_factory.mktemp("clean") / "site"
        config = load_config(project.root).with_output(output, search=True)
        assert Session(State(), persist=False).build(config).published
        return tree(output)

    # A shard is indexed again when one of its pages changed: an edited body changes one page;
    # an item added or removed also changes the neighbour links of the pages of that month,
    # which in each language's lists include the other language's items. An item with no
    # version in the other language is also a record of that language's shard of its year.
    steps = [(lambda: editor.edit_body(0, 1), 1),              # one English 2020 page
             (lambda: editor.write_article(4, 0, 3, [], 1), 2),  # a new English 2021 item
             # A Russian 2021 page, whose English version (2020) is left in one language: it
             # becomes a record of the Russian shard of 2020.
             (lambda: editor.delete_article(1), 3),
             (lambda: None, 0)]
    for step, shards_indexed in steps:
        step()
        report = builder.build(project.config(search=True))
        assert report.published and not report.errors, report.render_text()
        assert report.shards_indexed == shards_indexed
        assert tree(project.root / "site") == clean()
    assert set(builder.state.shards) == {"primary", "en-2020", "en-2021", "ru-2020", "ru-2021"}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_preview_with_search_shows_a_save_without_touching_the_index_then_catches_up(
        project, tmp_path_factory):
    """As ``digest serve`` with search runs each save: a build told what changed publishes the
    page with the index as published (its shard pending), a second build indexes the shard, and
    the preview then catches the staging folder up, index included, while nobody waits. The
    next save's build then neither links nor writes a file of the index, and trusts the staging
    folder it caught up; the site after the second build always equals a clean one."""
    editor = Editor(project, past_times=True)
    for index in range(4):
        editor.write_article(index, 0, index % 2 * 3, ["csto"], 0)
    config = project.config(search=True)
    builder = Session()
    assert builder.build(config).published
    editor.take_changes()
    site, staging = project.root / "site", project.root / "site.next"
    for variant in (1, 2, 3):
        builder.catch_up(config)
        # linked, not copied, but for the manifest, which is always written anew
        linked = {path for path in inodes(site / "pagefind") if path != "shards.json"}
        assert tree(staging / "pagefind") == tree(site / "pagefind")
        assert {path: inodes(staging / "pagefind")[path] for path in linked} == {
            path: inodes(site / "pagefind")[path] for path in linked}
        index_before = inodes(staging / "pagefind")
        editor.edit_body(0, variant)
        shown = builder.build(config, changed=editor.take_changes(), defer_search=True)
        assert shown.published and not shown.errors, shown.render_text()
        assert (shown.files_changed, shown.shards_indexed, shown.shards_pending) == (
            BODY_EDIT_FILES, 0, 1)
        assert inodes(site / "pagefind") == index_before
        assert f"Paragraph {variant} was rewritten." in (
            site / editor.paths[0].removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        indexed = builder.build(config, changed=())
        assert indexed.published and (indexed.shards_indexed, indexed.shards_pending) == (1, 0)
        clean = tmp_path_factory.mktemp("clean") / "site"
        assert Session(State(), persist=False).build(
            load_config(project.root).with_output(clean, search=True)).published
        assert tree(site) == tree(clean)


def test_the_preview_catches_up_a_search_index_switched_on_or_off_while_idle(project):
    """A preview started with search on a site built without it (or the other way round)
    finds a staging folder with no index (or one it no longer wants): catching up links the
    whole index in (or removes it), so that the first save's build has nothing of it to do."""
    editor = Editor(project, past_times=True)
    for index in range(2):
        editor.write_article(index, 0, index * 3, ["csto"], 0)
    assert Session().build(project.config(search=False)).published
    editor.take_changes()
    site, staging = project.root / "site", project.root / "site.next"
    for with_search in (True, False, True):
        config = project.config(search=with_search)
        preview = Session(warm=True)
        assert preview.build(config).published
        preview.catch_up(config)
        if with_search:
            assert tree(staging / "pagefind") == tree(site / "pagefind")
            linked = set(inodes(site / "pagefind")) - {"shards.json"}
            assert {path: inodes(staging / "pagefind")[path] for path in linked} == {
                path: inodes(site / "pagefind")[path] for path in linked}
        else:
            assert not (staging / "pagefind").exists()
        index_before = inodes(staging / "pagefind") if with_search else {}
        editor.edit_body(0, int(with_search) + 1)
        shown = preview.build(config, changed=editor.take_changes(), defer_search=True)
        assert shown.published and shown.files_changed == BODY_EDIT_FILES
        if with_search:
            assert inodes(site / "pagefind") == index_before and shown.shards_pending == 1
            assert preview.build(config, changed=()).shards_indexed == 1


def test_a_build_told_what_changed_trusts_only_a_staging_folder_it_caught_up(project, monkeypatch):
    """The staging folder's 10,000 files are looked at once per save in the preview: while it
    catches up, not while the editor waits; any other build looks at them itself."""
    editor = Editor(project, past_times=True)
    for index in range(2):
        editor.write_article(index, 0, 0, ["csto"], 0)
    builder = Session()
    assert builder.build(project.config()).published
    editor.take_changes()
    looked: list[int] = []
    real = next_site._stamps_now
    monkeypatch.setattr(next_site, "_stamps_now", lambda root, records: looked.append(1) or real(
        root, records))
    steps = [(True, True, 0), (True, False, 1), (False, True, 1)]  # (told, caught up, looks)
    for variant, (told, caught_up, looks) in enumerate(steps, start=1):
        if caught_up:
            builder.catch_up(project.config())  # looks at the staging folder itself
        looked.clear()
        editor.edit_body(0, variant)
        changes = editor.take_changes()
        report = builder.build(project.config(), changed=changes if told else None)
        assert report.published and report.files_changed == BODY_EDIT_FILES
        assert len(looked) == looks


def test_a_save_that_leaves_the_same_stat_is_read_again_on_the_watchers_word(project):
    """Two saves of the same size within one tick of the file system's clock leave the file's
    stat as it was; the live preview reads the page again because the watcher saw the write."""
    editor = Editor(project, past_times=True)
    editor.write_article(0, 0, 0, ["csto"], 0)
    builder = Session(warm=True)
    assert builder.build(project.config()).published
    editor.take_changes()
    rel = f"content/articles/{editor.paths[0]}"
    path = project.root / rel
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as file:  # in place: the same inode
        file.write(text.replace("Paragraph 0 of", "Paragraph 9 of"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert fingerprints.stamp(os.stat(path)) == fingerprints.stamp(before)
    assert builder.build(project.config(), changed=[rel]).published
    page = project.root / "site" / editor.paths[0].removesuffix(".md") / "index.html"
    assert "Paragraph 9 of" in page.read_text(encoding="utf-8")


def test_the_preview_starts_warm_so_a_save_reads_only_the_page_saved(project, monkeypatch):
    """``digest build`` on an up-to-date cache does nothing; the preview's builder builds all
    the same, once, so that its pages, model and search plan are in memory: each save then
    reads only the pages the watcher saw change, not every page, and plans the same shards."""
    editor = Editor(project, past_times=True)
    for index in range(2):
        editor.write_article(index, 0, 0, ["csto"], 0)
    config = project.config(search=True)
    assert Session().build(config).published
    editor.take_changes()
    assert Session().build(config).up_to_date
    preview = Session(warm=True)
    first = preview.build(config)
    assert first.published and not first.up_to_date and first.pages_rendered == 0
    preview.catch_up(config)
    whole_reads, plans = [], []
    monkeypatch.setattr(read, "_assemble", lambda *args, **kwargs: whole_reads.append(1))
    monkeypatch.setattr(search, "plan_shards", lambda *args: plans.append(1))
    for variant in (1, 2):
        editor.edit_body(0, variant)
        report = preview.build(config, changed=editor.take_changes(), defer_search=True)
        assert report.published and report.files_changed == BODY_EDIT_FILES
        assert report.shards_pending == 1
        assert f"Paragraph {variant} was rewritten." in (project.root / "site" / editor.paths[
            0].removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        preview.catch_up(config)
    assert whole_reads == plans == []
    assert preview.build(config, changed=()).shards_indexed == 1


def test_a_page_saved_after_it_was_read_stops_the_build_and_the_next_build_publishes_it(
        project, english_article, monkeypatch):
    """Bodies are read again from the page files when their pages are rendered (a build does
    not keep them): a file that is no longer what was read must not give its body to the
    article read before it."""
    from builder import index

    project.page("en/2020/04/good.md", "The first text.", **english_article())
    build(project.config())
    page = project.root / "site/en/2020/04/good/index.html"
    real_build_model = index.build_model

    def saved_meanwhile(*args, **kwargs):
        project.page("en/2020/04/good.md", "The third text.", **english_article(title="Third"))
        return real_build_model(*args, **kwargs)

    project.page("en/2020/04/good.md", "The second text.", **english_article())
    monkeypatch.setattr(index, "build_model", saved_meanwhile)
    report = build(project.config())
    assert not report.published
    assert [(d.path, d.code) for d in report.errors] == [("content/articles/en/2020/04/good.md",
                                                          "page-changed")]
    assert "The first text." in page.read_text(encoding="utf-8")

    monkeypatch.setattr(index, "build_model", real_build_model)
    report = build(project.config())
    assert report.published and not report.errors
    assert "The third text." in page.read_text(encoding="utf-8")
    assert "Third" in page.read_text(encoding="utf-8")


def test_a_crafted_cache_naming_a_path_outside_the_site_deletes_nothing(project, english_article):
    """The records name the files a build deletes: a cache made of the builder's own types with
    ``../../victim/secret.txt`` among them was obeyed. Any such path discards the cache."""
    import dataclasses
    import pickle

    from builder.write import FileRecord, tree_id

    victim = project.root.parent / "victim"
    victim.mkdir(exist_ok=True)
    (victim / "secret.txt").write_text("precious")
    project.page("en/2020/04/good.md", **english_article())
    build(project.config())
    build(project.config())
    clean = tree(project.root / "site")
    cache_file = state_path(project.config())
    header, _ = cache_file.read_bytes().split(b"\n", 1)
    state = store.load(cache_file).value
    staging = tree_id(project.root / "site.next")
    record = next(iter(state.trees[staging].values()))
    crafted = {**state.trees, staging: {**state.trees[staging],
                                        "../../victim/secret.txt": FileRecord("x", "y", record.stat)}}
    cache_file.write_bytes(header + b"\n" + pickle.dumps(dataclasses.replace(state, trees=crafted)))
    report = build(project.config())
    assert [d.code for d in report.warnings] == ["cache-discarded"]
    assert (victim / "secret.txt").read_text() == "precious"
    assert tree(project.root / "site") == clean


@pytest.mark.parametrize("path", ["en/2020/04/good/index.html", "a", "...", ".well-known/x",
                                  "a/..b/c.", "ру/статья/index.html", "a b/c"])
def test_a_plain_path_inside_a_tree_is_one_a_record_may_name(path):
    assert plain_path(path)


@pytest.mark.parametrize("path", ["", "/", "/etc/passwd", "../x", "a/../b", "a/..", "..", ".",
                                  "./a", "a/./b", "a/.", "a//b", "a/", "a\\b", "a\x00b", None,
                                  3, b"a"])
def test_a_path_that_could_lead_out_of_a_tree_is_no_plain_path(path):
    """What every path read back from the cache or the site is held to before any file is
    looked at: relative, POSIX, no empty, ``.`` or ``..`` part, no NUL or backslash."""
    assert not plain_path(path)


@given(st.lists(st.sampled_from(["a", ".", "..", "", "...", ".a", "\\", "\x00", "é"]),
                max_size=5))
def test_a_path_is_plain_exactly_when_each_part_is(parts):
    path = "/".join(parts)
    each_part_plain = bool(parts) and all(
        part not in ("", ".", "..") and "\\" not in part and "\x00" not in part for part in parts)
    assert plain_path(path) == each_part_plain


def test_a_file_planted_at_the_top_of_the_search_index_is_not_published_again(
        project, english_article):
    """Nor does a manifest planted there name a folder outside to delete."""
    import dataclasses

    page = project.page("en/2020/04/good.md", **english_article())
    os.utime(page, (1_500_000_000, 1_500_000_000))
    config = dataclasses.replace(project.config(), search=True)
    build(config)
    build(config)
    assert build(config).up_to_date
    (project.root / "victim").mkdir()
    (project.root / "victim/keep.txt").write_text("precious")  # site.next/pagefind/../../victim
    (project.root / "site/pagefind/evil.js").write_text("alert(1)")
    (project.root / "site/pagefind/shards.json").write_text(
        '{"fingerprints": {"../../victim": "x"}}')
    assert not build(config).up_to_date  # a build that would find nothing changed sees it
    assert not (project.root / "site/pagefind/evil.js").exists()
    for number in range(3):
        page.write_text(page.read_text(encoding="utf-8") + f"\nMore {number}.\n", encoding="utf-8")
        assert build(config).published
    assert not list(project.root.glob("site*/pagefind/evil.js"))
    assert (project.root / "victim/keep.txt").read_text() == "precious"

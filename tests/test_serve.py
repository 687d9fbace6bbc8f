"""builder.serve: the live preview — rebuild on save, reload, error overlay, safe file serving.

Servers listen on 127.0.0.1 with a port the OS picks; every wait is bounded polling on a
build counter or a socket timeout, never a fixed sleep.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.config import load_config
from builder.diagnostics import Report
from builder.serve import Preview, start_preview
from builder.serve.http import RELOAD_JS, content_type
from builder.serve.status import BuildState, BuildStatus, page_event
from builder.serve.watch import Rebuilder, WatchRules
from builder.session import Session, build
from builder.state import State

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "en/2020/04/x.md"
ARTICLE_URL = "/en/2020/04/x/"
WAIT = 30.0
"""Upper bound for any one wait; a passing test waits a fraction of a second."""


# --- helpers ------------------------------------------------------------------------------


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


def get(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request with ``path`` sent exactly as given (no client-side normalisation)."""
    connection = http.client.HTTPConnection(*address(url), timeout=WAIT)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def page_token(html: bytes) -> dict[str, str]:
    """The epoch and instance a served page was given by the injected reload script."""
    match = re.search(rb'<script src="/__digest/reload\.js" data-epoch="(\d+)" '
                      rb'data-instance="([0-9a-f]+)"></script></body>', html)
    assert match, "the reload script is not injected before </body>"
    return {"epoch": match.group(1).decode(), "instance": match.group(2).decode()}


class EventStream:
    """A reader of ``/__digest/events`` that returns one (event, data) at a time."""

    def __init__(self, url: str, query: dict[str, str]) -> None:
        self.connection = http.client.HTTPConnection(*address(url), timeout=WAIT)
        self.connection.request("GET", "/__digest/events?" + "&".join(
            f"{key}={value}" for key, value in query.items()))
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> tuple[str, dict[str, object]]:
        name, data = "", ""
        while True:
            line = self.response.readline().decode()
            assert line, "the event stream ended"
            if line.startswith("event: "):
                name = line[7:].strip()
            elif line.startswith("data: "):
                data = line[6:].strip()
            elif line == "\n" and name:
                return name, json.loads(data)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def log() -> list[str]:
    return []


@pytest.fixture
def preview(project, english_article, log) -> Iterator[Preview]:
    """A running preview of a one-article project on a free port, stopped whatever happens."""
    project.page(ARTICLE, **english_article(title="First title"))
    running = start_preview(project.config(), port=0, quiet=0.05, log=log.append)
    try:
        yield running
    finally:
        running.stop()


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def edit_and_wait(preview: Preview, edit: Callable[[], object]) -> BuildStatus:
    before = preview.status.builds
    edit()
    return preview.wait_for_build(after=before, timeout=WAIT)


# --- the command, end to end --------------------------------------------------------------


def start_digest_serve(project, out: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``digest serve`` in a process of its own on a free port, its output into ``out``: the
    process and the URL it serves (once it answers: :func:`wait_until_serving`)."""
    port = free_port()
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "builder", "--project", str(project.root), "serve",
             "--port", str(port)], cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}/"


def test_digest_serve_rebuilds_on_save_and_tells_the_open_page_to_reload(
        project, english_article, tmp_path):
    project.page(ARTICLE, **english_article(title="First title"))
    out = tmp_path / "serve.out"
    process, url = start_digest_serve(project, out)
    try:
        status, _, html = wait_until_serving(process, url, ARTICLE_URL)
        assert status == 200 and b"First title" in html
        with EventStream(url, page_token(html)) as events:
            assert events.next()[0] == "status"
            project.page(ARTICLE, **english_article(title="Second title"))
            name, data = events.next()
            assert name == "reload" and data["epoch"] == int(page_token(html)["epoch"]) + 1
        status, _, html = get(url, ARTICLE_URL)
        assert status == 200 and b"<h1 data-pagefind-meta=\"title\">Second title</h1>" in html

        process.terminate()
        assert process.wait(timeout=WAIT) == 0
        text = out.read_text()
        assert f"on {url}" in text and "changed: content/articles/en/2020/04/x.md" in text
        assert text.rstrip().endswith("stopped")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_until_serving(process: subprocess.Popen[bytes], url: str,
                       path: str) -> tuple[int, dict[str, str], bytes]:
    """Poll until the subprocess answers (it builds first); fail if it exits instead."""
    deadline_tries = 600
    for _ in range(deadline_tries):
        assert process.poll() is None, "digest serve exited before serving"
        try:
            return get(url, path)
        except OSError:
            threading.Event().wait(0.05)
    raise AssertionError(f"digest serve did not answer on {url}")


def test_with_search_a_save_is_shown_before_its_shard_is_indexed_then_search_catches_up(
        project, english_article, log, tmp_path):
    """The page of a save is published first, with the search index as it was (a shard takes
    seconds to index); a second build right after indexes it, and the site is then exactly
    what a clean build with search makes."""
    project.page(ARTICLE, **english_article(title="First title"))
    config = project.config(search=True)
    running = start_preview(config, port=0, quiet=0.05, log=log.append)
    try:
        shown = edit_and_wait(running, lambda: project.page(
            ARTICLE, **english_article(title="Second title")))
        assert shown.report.shards_pending >= 1, log
        page = config.site_dir / ARTICLE_URL.strip("/") / "index.html"
        assert "Second title" in page.read_text(encoding="utf-8")
        indexed = running.wait_for_build(after=shown.builds, timeout=WAIT)
        assert indexed.published and indexed.report.shards_pending == 0
        assert indexed.report.shards_indexed >= 1
    finally:
        running.stop()
    clean = load_config(project.root).with_output(tmp_path / "clean", search=True)
    assert Session(State(), persist=False).build(clean).published
    assert files(config.site_dir) == files(tmp_path / "clean")


# --- rebuilds -----------------------------------------------------------------------------


def test_editing_a_template_or_a_catalog_rebuilds_and_serves_the_new_output(project, preview):
    base = project.read("templates/base.html")
    status = edit_and_wait(preview, lambda: project.write(
        "templates/base.html", base.replace("</main>", "</main>\n<p>template edited</p>")))
    assert status.ok and status.changes == ("templates/base.html",)
    assert b"<p>template edited</p>" in get(preview.url, ARTICLE_URL)[2]

    po = "locales/ru/LC_MESSAGES/messages.po"
    catalog = project.read(po)
    assert 'msgstr "Последние"' in catalog
    status = edit_and_wait(preview, lambda: project.write(
        po, catalog.replace('msgstr "Последние"', 'msgstr "Самое свежее"')))
    assert status.ok and status.changes == (po,)
    assert "Самое свежее" in get(preview.url, "/ru/")[2].decode()


def test_changes_that_arrive_during_a_build_cause_exactly_one_more_build():
    started, release = threading.Event(), threading.Event()
    batches: list[tuple[str, ...]] = []
    running, most_at_once = [0], [0]
    done = threading.Condition()

    def slow_build(changes: tuple[str, ...]) -> None:
        with done:
            running[0] += 1
            most_at_once[0] = max(most_at_once[0], running[0])
        started.set()
        release.wait(WAIT)
        with done:
            running[0] -= 1
            batches.append(changes)
            done.notify_all()

    rebuilder = Rebuilder(slow_build, quiet=0.01)
    rebuilder.start()
    try:
        rebuilder.request("content/a.md")
        assert started.wait(WAIT)
        for name in ("content/b.md", "content/c.md", "content/b.md"):
            rebuilder.request(name)
        release.set()
        with done:
            assert done.wait_for(lambda: len(batches) == 2, WAIT)
        rebuilder.request("content/d.md")
        with done:
            assert done.wait_for(lambda: len(batches) == 3, WAIT)
    finally:
        release.set()
        rebuilder.stop()
    assert batches == [("content/a.md",), ("content/b.md", "content/c.md"), ("content/d.md",)]
    assert most_at_once[0] == 1


def test_editor_temp_files_do_not_trigger_a_build(project, preview):
    folder = "content/articles/en/2020/04/"
    for name in (".x.md.swp", ".x.md.swx", "x.md~", ".#x.md", "4913", "x.md.tmp", ".hidden.md",
                 "#x.md#"):
        project.write(folder + name, "scratch")
    (project.root / "site.old").mkdir()
    status = edit_and_wait(preview, lambda: project.write(folder + "x.md", project.read(
        folder + "x.md").replace("First title", "Saved title")))
    assert status.builds == 2
    assert status.changes == (folder + "x.md",)


@pytest.mark.parametrize("rel, relevant", [
    ("content/articles/en/2020/04/x.md", True),
    ("templates/partials/entries.html", True),
    ("locales/ru/LC_MESSAGES/messages.po", True),
    ("digest.toml", True),
    ("content/articles/en/.x.md.swp", False),
    ("content/articles/en/.x.md.swx", False),
    ("templates/base.html~", False),
    ("templates/.#base.html", False),
    ("templates/4913", False),
    ("templates/5036", False),
    ("content/articles/x.md.tmp", False),
    ("content/.git/index", False),
    ("site/en/index.html", False),
    ("site.next/en/index.html", False),
    ("site.old/en/index.html", False),
    ("README.md", False),
    ("builder/serve.py", False),
    ("digest.toml.tmp", False),
])
def test_watch_rules_keep_the_editors_files_and_drop_noise_and_the_builds_own_output(
        project, rel, relevant):
    rules = WatchRules.for_config(project.config())
    path = str(project.root.resolve() / rel)
    assert rules.relevant(path) == (rel if relevant else None)


# --- failed builds ------------------------------------------------------------------------


def test_a_broken_template_keeps_the_last_good_page_and_reports_the_located_error_until_fixed(
        project, preview):
    good_template = project.read("templates/article.html")
    _, _, html = get(preview.url, ARTICLE_URL)
    with EventStream(preview.url, page_token(html)) as events:
        assert events.next() == ("status", {"builds": 1, "epoch": 1, "ok": True,
                                            "published": True, "changes": [],
                                            "search_pending": 0})
        broken = "{% extends 'base.html' %}{% block content %}{{ oops("
        status = edit_and_wait(preview, lambda: project.write("templates/article.html", broken))
        assert not status.ok and not status.published
        name, data = events.next()
        assert name == "status" and data["ok"] is False, "a failed build must not reload"

        code, _, still = get(preview.url, ARTICLE_URL)
        assert code == 200 and b"First title" in still
        report = json.loads(get(preview.url, "/__digest/status")[2])
        assert report["ok"] is False and report["epoch"] == 1
        [error] = report["diagnostics"]
        assert error["path"] == "templates/article.html" and error["code"] == "template-syntax"
        assert error["text"].startswith("templates/article.html:1: error: ")

        status = edit_and_wait(preview, lambda: project.write("templates/article.html",
                                                              good_template))
        assert status.ok and status.epoch == 2
        assert events.next() == ("reload", {"epoch": 2})
    report = json.loads(get(preview.url, "/__digest/status")[2])
    assert report["ok"] is True and report["diagnostics"] == []


def test_a_page_whose_front_matter_breaks_mid_edit_stays_on_screen_as_it_last_read(
        project, preview):
    """The page being edited keeps its last good version under the overlay, not "Page not
    found"; the report names the error at its line (a build leaves such a page out:
    tests/test_read.py)."""
    page = project.root / "content" / "articles" / ARTICLE
    good = page.read_text(encoding="utf-8")
    status = edit_and_wait(preview, lambda: page.write_text(
        good.replace("title: First title", "title: First title\ntopics: [covid-19"),
        encoding="utf-8"))
    assert status.ok is False or status.published  # an error in a page, the rest published
    code, _, still = get(preview.url, ARTICLE_URL)
    assert code == 200 and b"First title" in still
    report = json.loads(get(preview.url, "/__digest/status")[2])
    [problem] = [d for d in report["diagnostics"] if d["path"] == f"content/articles/{ARTICLE}"]
    assert problem["code"] == "front-matter-syntax" and problem["line"] is not None

    edit_and_wait(preview, lambda: page.write_text(good.replace("First title", "Fixed title"),
                                                   encoding="utf-8"))
    assert b"Fixed title" in get(preview.url, ARTICLE_URL)[2]


def test_digest_toml_is_read_again_on_each_build_and_a_mistake_in_it_is_located(
        project, preview):
    good = project.read("digest.toml")
    status = edit_and_wait(preview, lambda: project.write("digest.toml", good + "[build\n"))
    assert not status.published
    [error] = status.diagnostics
    assert (error.path, error.code) == ("digest.toml", "config-syntax") and error.line
    assert b"First title" in get(preview.url, ARTICLE_URL)[2]

    status = edit_and_wait(preview, lambda: project.write("digest.toml", good.replace(
        "https://digest-sample.netlify.app", "https://preview.example")))
    assert status.ok and status.changes == ("digest.toml",)
    assert b'href="https://preview.example/en/2020/04/x/"' in get(preview.url, ARTICLE_URL)[2]


def test_the_reload_script_shows_errors_as_text_only():
    assert "innerHTML" not in RELOAD_JS and "insertAdjacentHTML" not in RELOAD_JS
    assert "textContent = errors.map" in RELOAD_JS
    assert 'fetch("/__digest/status"' in RELOAD_JS


# --- reloading ----------------------------------------------------------------------------


def test_a_page_reloads_only_when_it_missed_a_build_or_came_from_another_run():
    state = BuildState()
    good = Report((), (), 3, 0, True)
    failed = Report((), (), 0, 0, False)
    state.record(good, ())
    current = state.current
    assert page_event(current, 1, state.instance, state.instance).startswith("event: status")
    assert page_event(current, 0, state.instance, state.instance).startswith("event: reload")
    assert page_event(current, 1, "0ther", state.instance).startswith("event: reload")
    after_failure = state.record(failed, ("templates/base.html",))
    assert after_failure.epoch == 1 and not after_failure.ok
    assert page_event(after_failure, 1, state.instance, state.instance).startswith(
        "event: status")


def test_a_page_opened_after_a_build_is_not_reloaded_and_one_that_missed_it_is(
        project, preview):
    old_page = get(preview.url, ARTICLE_URL)[2]
    edit_and_wait(preview, lambda: project.write(
        "content/articles/" + ARTICLE, project.read("content/articles/" + ARTICLE)
        .replace("First title", "Second title")))
    new_page = get(preview.url, ARTICLE_URL)[2]
    with EventStream(preview.url, page_token(new_page)) as events:
        assert events.next()[0] == "status"
    with EventStream(preview.url, page_token(old_page)) as events:
        assert events.next() == ("reload", {"epoch": 2})


# --- serving files ------------------------------------------------------------------------


@pytest.mark.parametrize("path, expected", [
    *((path, 400) for path in (
        "/../digest.toml", "/%2e%2e/digest.toml", "/%2E%2E/digest.toml", "/..%2fdigest.toml",
        "/..%2Fdigest.toml", "/en/../../digest.toml", "/%2e%2e%2fdigest.toml", "/..\\digest.toml",
        "/..%5cdigest.toml", "//../digest.toml", "http://127.0.0.1/../digest.toml", "/%00",
        "/%ff%fe")),
    ("/leak.toml", 404),           # a symlink to a file outside the site
    ("/up/digest.toml", 404),      # through a symlink to a folder outside the site
])
def test_no_url_reaches_a_file_outside_the_site_folder(project, preview, path, expected):
    site = project.root / "site"
    (site / "leak.toml").symlink_to(project.root / "digest.toml")
    (site / "up").symlink_to(project.root, target_is_directory=True)
    status, _, body = get(preview.url, path)
    assert status == expected
    assert b"[site]" not in body and b"base_url" not in body


def test_html_gets_the_reload_script_and_every_other_file_is_served_as_on_disk(
        project, preview):
    site = project.root / "site"
    status, headers, html = get(preview.url, ARTICLE_URL)
    on_disk = (site / "en/2020/04/x/index.html").read_bytes()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert b"/__digest/" not in on_disk
    tag = re.search(rb'<script src="/__digest/reload\.js"[^>]*></script>', html)
    assert tag and html.replace(tag.group(0), b"") == on_disk

    for path in ("/assets/style.css", "/assets/language.js", "/sitemap.xml"):
        status, headers, body = get(preview.url, path)
        assert status == 200 and body == (site / path.lstrip("/")).read_bytes(), path
        assert headers["Content-Type"] == content_type(path)
        assert headers["Cache-Control"] == "no-store"

    status, headers, script = get(preview.url, "/__digest/reload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"EventSource" in script
    status, headers, body = get(preview.url, "/assets/style.css", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == (site / "assets/style.css").stat().st_size


def test_the_site_folder_stays_exactly_what_digest_build_writes(project, preview, tmp_path):
    for path in ("/", "/en/", ARTICLE_URL, "/404.html", "/missing/"):
        get(preview.url, path)
    clean = project.config().with_output(tmp_path / "clean")
    assert build(clean).published

    assert files(project.root / "site") == files(tmp_path / "clean")


def test_folders_serve_their_index_and_missing_pages_get_the_sites_404_page(project, preview):
    status, headers, _ = get(preview.url, "/en")
    assert status == 301 and headers["Location"] == "/en/"
    status, _, html = get(preview.url, "/en/")
    home = (project.root / "site/en/index.html").read_bytes()
    assert status == 200 and html.startswith(home[:home.rindex(b"</body>")])

    status, headers, html = get(preview.url, "/en/2031/no-such-page/")
    on_disk = (project.root / "site/404.html").read_bytes()
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert html.replace(html[html.index(b"<script src=\"/__digest/"):html.index(b"</body>")],
                        b"") == on_disk
    assert get(preview.url, "/__digest/nothing")[0] == 404


@pytest.mark.parametrize("name, expected", [
    ("index.html", "text/html; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("pagefind.js", "text/javascript; charset=utf-8"),
    ("pagefind-entry.json", "application/json"),
    ("sitemap.xml", "application/xml"),
    ("wasm.unknown.pagefind", "application/octet-stream"),
    ("pagefind.wasm", "application/wasm"),
    ("en_1a2b3c.pf_meta", "application/octet-stream"),
    ("en_1a2b3c.pf_index", "application/octet-stream"),
    ("en_1a2b3c.pf_fragment", "application/octet-stream"),
    ("en_1a2b3c.pf_filter", "application/octet-stream"),
])
def test_content_types_suit_browsers_and_pagefind(name, expected):
    assert content_type(name) == expected


# --- stopping -----------------------------------------------------------------------------


def test_stopping_ends_open_event_streams_and_closes_the_port(preview):
    url = preview.url
    with EventStream(url, {}) as events:
        assert events.next()[0] == "status"
        preview.stop()
        assert events.response.readline() == b""
    with pytest.raises(OSError):
        get(url, "/")
    preview.stop()  # a second stop is harmless
    assert not [t.name for t in threading.enumerate() if t.name.startswith("digest-")]


def test_under_fire_the_preview_never_serves_a_half_built_page_and_ends_equal_to_a_build(
        project, english_article, preview, tmp_path):
    """Saves many times a second, renames and deletions while builds run, editors' temporary
    files: no build crashes, every page served meanwhile is whole, and once the saves stop the
    site is exactly what a clean build of the final files gives."""
    import time

    articles = project.root / "content" / "articles" / "en" / "2020" / "04"
    stop = threading.Event()
    torn: list[str] = []

    def read_pages() -> None:
        while not stop.is_set():
            for path in ("/en/", ARTICLE_URL, "/en/topics/csto/"):
                status, _, body = get(preview.url, path)
                if status == 200 and not body.rstrip().endswith(b"</html>"):
                    torn.append(f"{path}: {body[-80:]!r}")

    reader = threading.Thread(target=read_pages, daemon=True)
    reader.start()
    # The saves go on until enough of them, and enough builds among them, have happened: a
    # count, not a time, so that a busy machine makes the test longer, not weaker. The deadline
    # only keeps a preview that stopped building from hanging the test.
    first_build = preview.status.builds
    deadline = time.monotonic() + WAIT
    saves = 0
    while saves < 60 or preview.status.builds - first_build < 6:
        assert time.monotonic() < deadline, (
            f"{preview.status.builds - first_build} builds during {saves} saves")
        saves += 1
        project.page(ARTICLE, f"Body number {saves}.", **english_article(title=f"Title {saves}"))
        (articles / ".x.md.swp").write_text("swap")
        (articles / "x.md~").write_text("backup")
        (articles / ".#x.md").write_text("lock")
        if saves % 5 == 0:
            second = articles / "second.md"
            if second.exists():
                second.rename(articles / "renamed.md")
            elif (articles / "renamed.md").exists():
                (articles / "renamed.md").unlink()
            else:
                project.page("en/2020/04/second.md", "Another item.",
                             **english_article(title="Second", translation_key="second"))
        # Bursts of saves with short pauses: a build starts in each pause (the quiet period
        # is 0.05 s) and the next burst lands while it runs.
        time.sleep(0.08 if saves % 8 == 0 else 0.01)
    for name in (".x.md.swp", "x.md~", ".#x.md"):
        (articles / name).unlink()

    def settled() -> BuildStatus:  # no build started for a while: the last one saw every save
        status = preview.status
        while True:
            try:
                status = preview.wait_for_build(after=status.builds, timeout=1.5)
            except TimeoutError:
                return status

    final = settled()
    stop.set()
    reader.join(timeout=WAIT)
    assert torn == []
    assert final.ok and final.published, final.diagnostics
    assert final.builds - first_build >= 6
    clean = project.config().with_output(tmp_path / "clean")
    assert build(clean).published

    assert files(project.root / "site") == files(tmp_path / "clean")


def test_a_second_interrupt_while_the_preview_stops_ends_it_quietly(project, monkeypatch, capsys):
    """Ctrl-C pressed twice (or SIGTERM sent twice): the second one, arriving while the watcher
    and the server are being stopped, ends the command with a message, not a traceback."""
    import builder.serve as serve_module

    class Interrupted:
        url = "http://127.0.0.1:1/"

        def wait(self) -> None:
            raise KeyboardInterrupt  # the first Ctrl-C

        def stop(self, within: float | None = None) -> bool:
            raise KeyboardInterrupt  # the second, while stopping

    monkeypatch.setattr(serve_module, "start_preview", lambda *args, **kwargs: Interrupted())
    serve_module.serve(project.config())
    output = capsys.readouterr()
    assert "stopping" in output.out + output.err
    assert "stopped before the watcher and the server had finished" in output.out + output.err
    assert "Traceback" not in output.out + output.err

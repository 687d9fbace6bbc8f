"""Shared fixtures: tiny digest projects written inline into a temporary folder.

A test builds the site it needs in a few lines (``project.page(...)``), with the real
templates, catalogs and configuration of this repository, so that it exercises the real thing
and stays readable.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
import threading
import tomllib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest
import yaml

from builder.config import SiteConfig, load_config
from builder.session import build

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or, with CI=true, fails) and says why
    expect = None
else:
    expect.set_options(timeout=15_000)  # a bound on waiting, not a sleep: most pass in < 1 s
"""Playwright's assertions, for the browser tests, with one time-out for all of them."""

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


class Project:
    """A temporary digest project; ``config()`` loads it like ``digest build`` would."""

    def __init__(self, root: Path):
        self.root = root

    def config(self, search: bool = False) -> SiteConfig:
        return load_config(self.root).with_output(self.root / "site", search=search)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def page(self, rel: str, body: str = "Body text.", **front: Any) -> Path:
        """Write ``content/articles/<rel>`` with front matter ``front`` (YAML-dumped)."""
        front_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        return self.write(f"content/articles/{rel}", f"---\n{front_text}---\n\n{body}\n")

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")


def _copy_project_files(root: Path, with_sources: bool) -> None:
    for name in ("digest.toml",):
        shutil.copy2(REPO / name, root / name)
    (root / "content").mkdir()
    for name in ("topics.yaml", "outlets.yaml"):
        shutil.copy2(REPO / "content" / name, root / "content" / name)
    shutil.copytree(REPO / "templates", root / "templates")
    if (REPO / "locales").is_dir():
        shutil.copytree(REPO / "locales", root / "locales")
    (root / "content" / "articles").mkdir()
    if with_sources:
        shutil.copytree(REPO / "content" / "sources", root / "content" / "sources")
    else:
        (root / "content" / "sources").mkdir()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project with this repository's config, templates and catalogs."""
    _copy_project_files(tmp_path, with_sources=False)
    return Project(tmp_path)


@pytest.fixture
def sample_project(tmp_path: Path) -> Project:
    """A copy of the repository's sample site (sources and articles) to build from scratch."""
    _copy_project_files(tmp_path, with_sources=True)
    shutil.rmtree(tmp_path / "content" / "articles")
    shutil.copytree(REPO / "content" / "articles", tmp_path / "content" / "articles")
    return Project(tmp_path)


@pytest.fixture
def english_article() -> Callable[..., dict[str, Any]]:
    """Front matter of a valid English article, with overrides."""

    def make(**overrides: Any) -> dict[str, Any]:
        front = {"title": "A test item", "date": "2020-04-17", "lang": "en", "outlet": "mfa",
                 "translation_key": "test-item", "topics": ["csto"], "summary": "A summary."}
        front.update(overrides)
        return front

    return make


def benchmark_module(name: str, folder: str = "benchmarks") -> ModuleType:
    """``benchmarks/<name>.py`` (or a script of another ``folder``: ``tools``), loaded by path
    (neither folder is a package) under the name benchmarks/smoke.py gives its siblings, so
    that each is loaded once."""
    key = f"{folder}_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, REPO / folder / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[key]


GENERATED_ARTICLES = 1000


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``site/`` of a project of 1,000 article pages made by the benchmarks' corpus generator
    (benchmarks/corpus.py: the shared news text where it is beside the repository, else the
    repository's own pages), built without search: every kind of page at a real site's size,
    paginated topics, long Russian titles and briefings with sections among them."""
    root = tmp_path_factory.mktemp("generated") / "project"
    benchmark_module("corpus").generate(root, GENERATED_ARTICLES, seed=1)
    report = build(Project(root).config(search=False))
    problems = [str(diagnostic) for diagnostic in report.diagnostics]
    assert report.published and not problems, "\n".join(problems) or report.render_text()
    return root / "site"


# --- A built site over HTTP, and a real browser (tests/test_browser.py, tests/test_netlify.py) ---
#
# The browser test needs what a reader's browser gets from Netlify: files over real HTTP, with
# the headers netlify.toml sets (the Content-Security-Policy above all), so a policy that breaks
# search fails a test instead of failing silently in production.

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium (apt-get install chromium); Playwright's own browsers are never downloaded."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

HeaderRules = Callable[[str], dict[str, str]]
"""URL path -> the response headers a host adds for it."""


@pytest.fixture(scope="module")
def module_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Like ``project``, but shared by the tests of one module (one build, one browser)."""
    root = tmp_path_factory.mktemp("project")
    _copy_project_files(root, with_sources=False)
    return Project(root)


@pytest.fixture(scope="session")
def netlify_config() -> dict[str, Any]:
    """netlify.toml of this repository, parsed."""
    with (REPO / "netlify.toml").open("rb") as file:
        return tomllib.load(file)


def _netlify_path_pattern(rule: str) -> re.Pattern[str]:
    """A Netlify ``for``/``from`` path as a regex: ``*`` is any text, ``:name`` one segment."""
    parts = re.split(r"(\*|:[A-Za-z_]\w*)", rule)
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in parts)
    return re.compile(regex + r"\Z")


@pytest.fixture(scope="session")
def netlify_headers(netlify_config: dict[str, Any]) -> HeaderRules:
    """The headers netlify.toml's ``[[headers]]`` rules give a path (every matching rule).

    A header set by two matching rules is listed joined with ", " (how hosts combine them), so
    a test can see a conflict such as two ``Cache-Control`` values for one path.
    """
    rules = [(_netlify_path_pattern(rule["for"]), rule.get("values", {}))
             for rule in netlify_config.get("headers", [])]

    def headers_for(path: str) -> dict[str, str]:
        headers: dict[str, str] = {}
        for pattern, values in rules:
            if pattern.match(path):
                for name, value in values.items():
                    value = " ".join(str(value).split())  # TOML multi-line values are one line
                    headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return headers

    return headers_for


class SiteServer:
    """A folder served on 127.0.0.1 (a free port) from a thread, with per-path extra headers."""

    def __init__(self, root: Path, headers: HeaderRules | None = None):
        extra = headers or (lambda _path: {})

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                              ".wasm": "application/wasm"}

            def end_headers(self) -> None:
                for name, value in extra(urlsplit(self.path).path).items():
                    self.send_header(name, value)
                super().end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # requests are checked by the tests, not logged

        self.root = root
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.origin + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def serve_site() -> Iterator[Callable[..., SiteServer]]:
    """``serve_site(root, headers=None)`` starts a :class:`SiteServer`; all stop with the module."""
    servers: list[SiteServer] = []

    def serve(root: Path, headers: HeaderRules | None = None) -> SiteServer:
        server = SiteServer(root, headers)
        servers.append(server)
        return server

    yield serve
    for server in servers:
        server.close()


def unavailable(reason: str, tests: str) -> NoReturn:
    """Skip where a tool the ``tests`` need is optional (a machine without it); on CI (CI=true)
    its absence is a failure, so that those tests always run there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true, so the {tests} tests must run", pytrace=False)
    pytest.skip(reason)


def _browser_unavailable(reason: str) -> NoReturn:
    unavailable(reason, "browser")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright, one per test module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        _browser_unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
"""Each test's setup/call/teardown reports, so a fixture can tell that its test failed."""


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
        item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report
    return report


@dataclass
class WatchedPage:
    """A browser page and every problem seen on it: console errors (the page's and its workers',
    Content-Security-Policy violations included), uncaught exceptions, failed requests and
    HTTP errors."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def assert_no_problems(self) -> None:
        assert not self.problems, "problems in the browser:\n" + "\n".join(self.problems)


def _watch(page: Page) -> WatchedPage:
    watched = WatchedPage(page)

    report = watched.problems.append

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            url = message.location.get("url", "")
            report(f"console error: {message.text} ({url or 'no location'})")

    def response(response: Response) -> None:
        if response.status >= 400:
            report(f"HTTP {response.status}: {response.url}")

    page.on("console", console)
    page.on("worker", lambda worker: worker.on("console", console))
    page.on("pageerror", lambda exc: watched.problems.append(f"uncaught exception: {exc}"))
    def request_failed(request: Request) -> None:
        # ERR_ABORTED is the browser dropping a request because the page moved on (a favicon
        # still loading when the test navigates): not a failure of the site.
        if request.failure != "net::ERR_ABORTED":
            report(f"request failed: {request.url} ({request.failure})")

    page.on("requestfailed", request_failed)
    page.on("response", response)
    return watched


@pytest.fixture
def open_page(chromium: Browser, request: pytest.FixtureRequest,
              tmp_path: Path) -> Iterator[Callable[..., WatchedPage]]:
    """``open_page(**context_options)``: a watched page in a fresh browser context.

    If the test fails, every page it opened is saved as a screenshot in the test's tmp_path
    (the path is printed with the test's output).
    """
    contexts: list[tuple[BrowserContext, WatchedPage]] = []

    def open_(**context_options: Any) -> WatchedPage:
        context = chromium.new_context(**context_options)
        context.set_default_timeout(15_000)
        watched = _watch(context.new_page())
        contexts.append((context, watched))
        return watched

    yield open_
    reports = request.node.stash.get(PHASE_REPORTS, {})
    failed = any(report.failed for report in reports.values())
    for number, (context, watched) in enumerate(contexts, start=1):
        if failed and not watched.page.is_closed():
            shot = tmp_path / f"failure-{number}.png"
            try:
                watched.page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of {watched.page.url}: {shot}")
            except Exception as exc:  # the page may be what broke: keep the test's own failure
                print(f"no screenshot of {watched.page.url}: {exc}")
        context.close()

"""The language redirects, the 404 page and the headers, answered by Netlify's own engine.

In: a tiny two-language site built with the real templates, with this repository's netlify.toml
beside it, served by ``netlify dev --offline`` (netlify-cli and deno, pinned in
tools/netlify/package-lock.json; ``npm ci --prefix tools/netlify`` installs them) on a free
127.0.0.1 port: no build, no login, no network. Out: what Netlify's redirect engine
(netlify-redirector, its libredirect) and header rules really answer for "/" with each kind of
reader, for a missing page, for /en/, and for a page's aliases (the site's own ``_redirects``).

What the engine does, as these tests record it (DESIGN.md, "Deployment"):
- the language of a request is the ``nf_lang`` cookie if set, else the first two letters of the
  first entry of ``Accept-Language`` (q-values are ignored), else "en": ``netlify dev`` takes a
  request without the header for an English reader (getLanguage in netlify-cli's
  dist/utils/rules-proxy.js), so it never shows such a request the language-choice page;
- a first language the site lacks gets the static language-choice page (site/index.html).
- an alias's forced rule in ``_redirects`` wins over the alias's own page, with or without the
  trailing slash; a request for that page's ``index.html`` gets the page, which leads on.

Not checked here: caching. The dev server forces ``Cache-Control: max-age=0`` on every file, so
tests/test_netlify.py checks the cache rules (``/pagefind/…`` above all) on the parsed file.

Offline for real: ``netlify dev`` is started with a Node preload (OFFLINE_GUARD) that refuses
every connection to a host other than the loopback and records its name, and that makes its
servers listen on 127.0.0.1 only; telemetry is off in a throwaway global config (HOME and
XDG_CONFIG_HOME point into the test's temporary folder, so no login of the developer is seen).
Without tools/netlify/node_modules the tests skip, and fail where CI=true.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from builder.session import build
from tests.conftest import unavailable

pytestmark = pytest.mark.netlify

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "tools" / "netlify"
BIN = TOOLS / "node_modules" / ".bin"
NETLIFY = BIN / "netlify"
DENO = BIN / "deno"  # its edge layer's runtime: without it, netlify dev downloads one
STARTUP_SECONDS = 120  # a bound, not a sleep: it answers within about 10 s on 2 cores
REFUSED_HOSTS_KNOWN = {"edge.netlify.com"}
"""Hosts the pinned netlify-cli tries even with --offline (the Edge Functions types version
check, whose failure it ignores); the guard refuses them. A new name here fails a test."""

HeaderRules = Callable[[str], dict[str, str]]

OFFLINE_GUARD = r"""'use strict';
// Preloaded into netlify dev (NODE_OPTIONS=--require) by tests/test_netlify_dev.py: a connection
// to any host but the loopback is refused at once and its host appended to DIGEST_OFFLINE_LOG;
// a server started without a host listens on 127.0.0.1 instead of every interface.
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

const log = process.env.DIGEST_OFFLINE_LOG;
const isLoopback = (host) =>
  host === 'localhost' || (net.isIPv4(host) && host.startsWith('127.')) || host === '::1';
function refused(host) {
  if (log) fs.appendFileSync(log, host + '\n');
  return Object.assign(new Error('offline: no network for ' + host),
                       { code: 'ENOTFOUND', hostname: host });
}

const lookup = dns.lookup;
dns.lookup = function (host, options, callback) {
  if (typeof options === 'function') [options, callback] = [{}, options];
  if (host && !isLoopback(host)) {
    process.nextTick(callback, refused(host));
    return {};
  }
  return lookup.call(this, host, options, callback);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function (host, options) {
  if (host && !isLoopback(host)) throw refused(host);
  return lookupPromise.call(this, host, options);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = options && typeof options === 'object' ? options.host : args[1];
  if (typeof host === 'string' && net.isIP(host) && !isLoopback(host)) {
    process.nextTick(() => this.destroy(refused(host)));
    return this;
  }
  return connect.apply(this, args);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first && typeof first === 'object' && first.port !== undefined
      && first.host === undefined && first.path === undefined) {
    args[0] = Object.assign({}, first, { host: '127.0.0.1' });
  } else if (typeof first === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
"""


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class DevServer:
    """``netlify dev`` serving a built site: ``get(path, **headers)`` asks it, nothing followed."""

    port: int
    log: Path
    refused_log: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()

    def refused_hosts(self) -> set[str]:
        if not self.refused_log.exists():
            return set()
        return set(self.refused_log.read_text(encoding="utf-8").split())


def _unavailable(reason: str) -> NoReturn:
    """Skip where Netlify's CLI is optional; on CI (CI=true) its absence is a failure."""
    unavailable(reason, "netlify dev")


def _log_tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def netlify_cli() -> Path:
    if not (NETLIFY.exists() and DENO.exists()):
        _unavailable(f"netlify-cli is not installed ({TOOLS / 'node_modules'} is missing or "
                     "incomplete): run `npm ci --prefix tools/netlify`")
    if shutil.which("node") is None:
        _unavailable("Node.js is not on PATH; netlify-cli needs it")
    return NETLIFY


@pytest.fixture(scope="module")
def site(netlify_cli: Path, module_project: Any) -> Path:
    """Both languages, one article each, the English one with two aliases; netlify.toml and the
    build plugin it names beside site/ as in the repository."""
    front = {"date": "2020-04-17", "outlet": "mfa", "topics": ["csto"],
             "translation_key": "talks"}
    module_project.page("en/2020/04/talks.md", "Ministers of Russia and Uzbekistan met.",
                        title="Talks with Uzbekistan", lang="en", summary="Ministers met.",
                        aliases=["/en/2020/04/old-talks/", "/news/talks-2020/"], **front)
    module_project.page("ru/2020/04/peregovory.md", "Министр посетил Узбекистан.",
                        title="Визит министра", lang="ru", summary="Министр в Ташкенте.",
                        **front)
    report = build(module_project.config())
    assert report.published, report.render_text()
    shutil.copy2(REPO / "netlify.toml", module_project.root / "netlify.toml")
    shutil.copytree(REPO / "netlify", module_project.root / "netlify")  # the plugin it names
    return module_project.root / "site"


@pytest.fixture(scope="module")
def dev(netlify_cli: Path, site: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """``netlify dev --offline`` on the built site, stopped (its whole process group) at the end."""
    scratch = tmp_path_factory.mktemp("netlify-dev")
    home = scratch / "home"
    (home / ".config" / "netlify").mkdir(parents=True)
    (home / ".config" / "netlify" / "config.json").write_text(
        json.dumps({"telemetryDisabled": True}), encoding="utf-8")
    guard = scratch / "offline-guard.cjs"
    guard.write_text(OFFLINE_GUARD, encoding="utf-8")
    server = DevServer(port=_free_port(), log=scratch / "netlify-dev.log",
                       refused_log=scratch / "refused-hosts.log")
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("NETLIFY_", "NODE_OPTIONS"))}  # no token, no site id
    env.update(
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # deno is found, not downloaded
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
        BROWSER="none", NO_COLOR="1",
        NODE_OPTIONS=f"--require=\"{guard}\"", DIGEST_OFFLINE_LOG=str(server.refused_log),
    )
    command = [str(netlify_cli), "dev", "--offline", "--dir", site.name,
               "--port", str(server.port), "--no-open", "--framework", "#static",
               "--skip-gitignore"]
    with server.log.open("wb") as log:
        process = subprocess.Popen(command, cwd=site.parent, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"netlify dev exited with {process.returncode}:\n"
                            f"{_log_tail(server.log)}", pytrace=False)
            try:
                if server.get("/en/").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"netlify dev did not answer within {STARTUP_SECONDS} s:\n"
                            f"{_log_tail(server.log)}", pytrace=False)
            time.sleep(0.25)
        yield server
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def assert_redirected(response: Response, to: str) -> None:
    assert (response.status, response.headers["Location"]) == (302, to)


def assert_language_choice_page(response: Response, site: Path) -> None:
    assert response.status == 200
    assert response.body == (site / "index.html").read_bytes()
    assert b'class="language-choice"' in response.body


def test_a_reader_whose_first_language_is_russian_is_sent_to_ru_with_a_302(dev: DevServer):
    assert_redirected(dev.get("/", {"Accept-Language": "ru,en"}), "/ru/")


def test_a_reader_of_british_english_is_sent_to_en_by_the_language_prefix(dev: DevServer):
    assert_redirected(dev.get("/", {"Accept-Language": "en-GB"}), "/en/")


def test_only_the_first_language_counts_so_ru_ru_with_a_lower_q_than_en_still_lands_on_ru(
        dev: DevServer):
    """q-values are ignored: this reader prefers English (0.9 > 0.8) and gets Russian, as
    DESIGN.md records; the language switch, remembered in nf_lang, is their way out."""
    assert_redirected(dev.get("/", {"Accept-Language": "ru-RU;q=0.8,en;q=0.9"}), "/ru/")


def test_a_request_without_accept_language_is_sent_to_en_because_netlify_dev_assumes_english(
        dev: DevServer):
    """Not the language-choice page: netlify-cli takes a request without the header for an
    English reader. (Whether Netlify's production edge does the same, this cannot tell.)"""
    assert_redirected(dev.get("/"), "/en/")


def test_a_reader_whose_first_language_the_site_lacks_gets_the_language_choice_page(
        dev: DevServer, site: Path):
    """German first, English second: only the first counts, so no rule matches and "/" serves
    the static choice page, whose script then picks English from the browser's list."""
    assert_language_choice_page(dev.get("/", {"Accept-Language": "de-DE,en;q=0.8"}), site)


@pytest.mark.parametrize(("cookie", "accept_language", "to"), [
    ("en", "ru", "/en/"),
    ("ru", "en-GB,en;q=0.9", "/ru/"),
])
def test_the_nf_lang_cookie_wins_over_accept_language(
        dev: DevServer, cookie: str, accept_language: str, to: str):
    response = dev.get("/", {"Accept-Language": accept_language, "Cookie": f"nf_lang={cookie}"})
    assert_redirected(response, to)


def test_an_nf_lang_cookie_for_a_language_the_site_lacks_hides_accept_language_too(
        dev: DevServer, site: Path):
    """The cookie replaces the header rather than coming first in a list: a reader with
    ``nf_lang=de`` gets the choice page even though their browser asks for Russian."""
    response = dev.get("/", {"Accept-Language": "ru", "Cookie": "nf_lang=de"})
    assert_language_choice_page(response, site)


def test_a_missing_page_is_a_404_with_the_sites_own_404_page(dev: DevServer, site: Path):
    """Outside both language trees no rule catches it: site/404.html, as is."""
    response = dev.get("/nonexistent/", {"Accept-Language": "ru"})
    assert response.status == 404
    assert response.body == (site / "404.html").read_bytes()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_missing_page_in_a_language_tree_is_a_404_in_that_language(
        dev: DevServer, site: Path, lang: str):
    response = dev.get(f"/{lang}/no-such-page/")
    assert response.status == 404
    assert response.body == (site / lang / "404.html").read_bytes()
    assert dev.get(f"/{lang}/").status == 200  # an existing page still wins


@pytest.mark.parametrize("alias", ["/en/2020/04/old-talks/", "/en/2020/04/old-talks",
                                   "/news/talks-2020/", "/news/talks-2020"])
def test_an_alias_is_a_301_to_the_page_from_the_sites_own_redirects_file(
        dev: DevServer, alias: str):
    """site/_redirects, read before netlify.toml's rules, forced: the alias's own page (there
    for other hosts) does not shadow the rule. With or without its trailing slash."""
    response = dev.get(alias, {"Accept-Language": "ru"})
    assert (response.status, response.headers["Location"]) == (301, "/en/2020/04/talks/")
    assert dev.get("/en/2020/04/talks/").status == 200


def test_an_alias_s_own_file_is_served_as_it_is_and_leads_on_by_itself(
        dev: DevServer, site: Path):
    """The rule names the folder; a request naming its index.html gets the alias page (the
    fallback for every other host), whose refresh and link lead to the page."""
    response = dev.get("/en/2020/04/old-talks/index.html")
    assert response.status == 200
    assert response.body == (site / "en/2020/04/old-talks/index.html").read_bytes()
    assert b'content="0; url=/en/2020/04/talks/"' in response.body


def test_a_path_below_an_alias_is_not_redirected_but_a_404(dev: DevServer, site: Path):
    response = dev.get("/en/2020/04/old-talks/more/")
    assert response.status == 404
    assert response.body == (site / "en" / "404.html").read_bytes()


def test_en_pages_arrive_with_the_csp_and_security_headers_of_netlify_toml(
        dev: DevServer, netlify_headers: HeaderRules):
    """Every header netlify.toml gives /en/, as sent (Cache-Control aside: the dev server
    forces max-age=0, so tests/test_netlify.py checks it on the parsed file)."""
    response = dev.get("/en/")
    assert response.status == 200
    expected = {name: value for name, value in netlify_headers("/en/").items()
                if name.lower() != "cache-control"}
    assert "Content-Security-Policy" in expected
    assert {name: response.headers.get(name) for name in expected} == expected
    assert len(response.headers.get_all("Content-Security-Policy")) == 1


def test_netlify_dev_reaches_no_host_but_this_machine_and_tries_only_the_known_ones(
        dev: DevServer):
    """Every lookup or connection beyond 127.0.0.1 was refused by the guard; this lists
    them, so a new netlify-cli that starts calling out somewhere new says where."""
    dev.get("/en/")
    assert dev.refused_hosts() <= REFUSED_HOSTS_KNOWN

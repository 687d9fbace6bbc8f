"""The preview under misuse: other sites' pages, clients that trickle or vanish, a crowd of
requests, and SIGTERM or Ctrl-C whatever the clients are doing.

Servers listen on loopback addresses with ports the OS picks; waits are bounded by a
generous limit and never asserted on as times.
"""

from __future__ import annotations

import http.client
import signal
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from subprocess import Popen

import pytest

from builder.serve import start_preview
from builder.serve.http import LISTEN_BACKLOG, host_name
from tests.test_serve import (
    ARTICLE,
    ARTICLE_URL,
    WAIT,
    EventStream,
    address,
    get,
    start_digest_serve,
    wait_until_serving,
)


def get_as(url: str, path: str, host: str | None, at: str | None = None) -> tuple[int, bytes]:
    """GET ``path`` with ``host`` as the Host header (none at all for None), connecting to
    ``url``'s port on ``at`` (its own address unless told)."""
    name, port = address(url)
    connection = http.client.HTTPConnection(at or name, port, timeout=WAIT)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def digest_serve(project, out: Path, path: str = ARTICLE_URL) -> Iterator[tuple[Popen, str]]:
    """``digest serve`` in a process of its own, its output into ``out``, once it answers
    ``path``: the process and its URL; killed on the way out if it is still running."""
    process, url = start_digest_serve(project, out)
    try:
        wait_until_serving(process, url, path)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def stop(process: Popen, how: int = signal.SIGINT) -> None:
    """Ctrl-C (or another signal) to the command, which must end of itself, with status 0."""
    process.send_signal(how)
    assert process.wait(timeout=WAIT) == 0


# --- who may ask --------------------------------------------------------------------------


@pytest.mark.parametrize("header, expected", [
    ("localhost", "localhost"), ("LOCALHOST:8000", "localhost"), ("127.0.0.1:8000", "127.0.0.1"),
    ("[::1]:8000", "::1"), ("[::1]", "::1"), (" example.org ", "example.org"),
    ("example.org:http", None), ("[::1", None), ("[::1]x", None), (":8000", None), ("", None),
    (None, None),
])
def test_the_host_header_is_read_as_browsers_send_it(header, expected):
    assert host_name(header) == expected


@pytest.fixture
def preview(project, english_article):
    project.page(ARTICLE, **english_article(title="First title"))
    running = start_preview(project.config(), port=0, quiet=0.05, log=lambda _line: None)
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1:{port}",
                                  "127.0.0.1", "[::1]:{port}", "LocalHost:{port}"])
def test_requests_for_this_machine_are_answered(preview, host):
    port = address(preview.url)[1]
    for path in (ARTICLE_URL, "/__digest/report.json"):
        status, body = get_as(preview.url, path, host.format(port=port))
        assert status == 200, (host, path)


@pytest.mark.parametrize("host", [
    "attacker.example", "attacker.example:{port}", "127.0.0.1.attacker.example:{port}",
    "localhost.attacker.example", "attacker.example:{port}@localhost", "localhost:{port} x",
    "127.0.0.2:{port}", "", None])
def test_a_page_of_another_site_cannot_read_the_preview_through_dns_rebinding(preview, host):
    """A name the attacker controls, pointed at 127.0.0.1, still carries that name in Host."""
    port = address(preview.url)[1]
    header = None if host is None else host.format(port=port)
    for path in (ARTICLE_URL, "/__digest/report.json", "/__digest/report", "/__digest/status",
                 "/__digest/events"):
        status, body = get_as(preview.url, path, header)
        assert status == 403, (header, path)
        assert b"First title" not in body and b"content/" not in body and b"epoch" not in body
    with socket.create_connection(address(preview.url), timeout=WAIT) as raw:
        raw.sendall(b"HEAD / HTTP/1.0\r\nHost: attacker.example\r\n\r\n")
        answer = b"".join(iter(lambda: raw.recv(65536), b""))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 403 ") and body == b""  # a HEAD answer has no body


@pytest.mark.parametrize("hosts", [(b"127.0.0.1", b"attacker.example"),
                                   (b"attacker.example", b"127.0.0.1"),
                                   (b"localhost", b"localhost")])
def test_a_request_with_two_host_headers_is_refused(preview, hosts):
    """Which of the two a proxy or a cache goes by is anyone's guess: neither is taken."""
    with socket.create_connection(address(preview.url), timeout=WAIT) as raw:
        raw.sendall(b"GET /__digest/report.json HTTP/1.0\r\n" + b"".join(
            b"Host: " + host + b"\r\n" for host in hosts) + b"\r\n")
        answer = b"".join(iter(lambda: raw.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.0 403 ") and b"content/" not in answer


def test_on_every_address_it_answers_the_address_a_request_came_in_on(project, english_article):
    """``--host 0.0.0.0`` (to try the site on a phone): the phone asks for the machine's own
    address, which passes; a name still does not. 127.0.0.2 stands in for a network address."""
    project.page(ARTICLE, **english_article(title="First title"))
    running = start_preview(project.config(), host="0.0.0.0", port=0, quiet=0.05,
                            log=lambda _line: None)
    try:
        port = address(running.url)[1]
        url = f"http://127.0.0.1:{port}/"
        assert get_as(url, ARTICLE_URL, f"127.0.0.2:{port}", at="127.0.0.2")[0] == 200
        assert get_as(url, ARTICLE_URL, f"0.0.0.0:{port}", at="127.0.0.2")[0] == 200
        assert get_as(url, ARTICLE_URL, f"127.0.0.3:{port}", at="127.0.0.2")[0] == 403
        assert get_as(url, ARTICLE_URL, "attacker.example", at="127.0.0.2")[0] == 403
    finally:
        running.stop()


# --- clients that go away, and crowds -----------------------------------------------------


def test_clients_that_go_away_mid_answer_are_not_news(project, english_article, tmp_path):
    project.page(ARTICLE, "A long body. " * 20000, **english_article(title="First title"))
    out = tmp_path / "serve.out"
    with digest_serve(project, out) as (process, url):
        for _ in range(20):
            with socket.create_connection(address(url), timeout=WAIT) as client:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                client.sendall(f"GET {ARTICLE_URL} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
                client.recv(10)  # the answer has begun; a reset ends it (SO_LINGER 0)
            with socket.create_connection(address(url), timeout=WAIT) as client:
                client.sendall(b"GET / HTTP/1.1\r\nHost: local")  # and gone mid-request
        assert get(url, ARTICLE_URL)[0] == 200
        stop(process)
    text = out.read_text()
    assert "Traceback" not in text and "Error" not in text, text
    assert text.rstrip().endswith("stopped")


def test_a_crowd_of_parallel_requests_is_queued_not_refused(preview):
    assert LISTEN_BACKLOG >= 128
    with ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(pool.map(lambda _n: get(preview.url, ARTICLE_URL)[0], range(300)))
    assert statuses == [200] * 300


# --- stopping -----------------------------------------------------------------------------


class Trickler:
    """Clients that send a request one byte at a time, each byte a little before the server's
    read timeout would end them, until told to stop: what a slow or hostile client does."""

    def __init__(self, url: str, clients: int) -> None:
        self.sockets = [socket.create_connection(address(url), timeout=WAIT)
                        for _ in range(clients)]
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self) -> None:
        request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 10000
        for byte in request:
            for client in self.sockets:
                try:
                    client.send(bytes([byte]))
                except OSError:
                    return  # the server has gone: what the test waits for
            if self.done.wait(1.0):
                return

    def stop(self) -> None:
        self.done.set()
        for client in self.sockets:
            client.close()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_the_preview_stops_whatever_its_clients_do(project, english_article, tmp_path, how):
    """Clients trickling a request, an open event stream, a half-sent request: the command
    still ends on the signal, while the trickle would go on for hours."""
    project.page(ARTICLE, **english_article(title="First title"))
    out = tmp_path / "serve.out"
    with digest_serve(project, out) as (process, url):
        trickler = Trickler(url, clients=8)
        try:
            with EventStream(url, {}) as events:
                assert events.next()[0] == "status"
                stop(process, how)
            assert not trickler.done.is_set(), "the clients were still trickling when it ended"
        finally:
            trickler.stop()
    text = out.read_text()
    assert "Traceback" not in text and text.rstrip().endswith("stopped"), text


def test_stopped_during_a_build_it_ends_and_the_next_build_is_whole(project, english_article,
                                                                    tmp_path):
    """SIGTERM while a rebuild runs: the command ends without waiting for it (as a killed
    build, which loses nothing), and the preview's next build gives exactly the site of a
    clean build; ``site/``, which only ``digest build`` writes, was never touched."""
    from builder.config import load_config
    from builder.session import build
    from tests.test_serve import files

    for number in range(200):
        project.page(f"en/2020/04/item-{number}.md", "Text of the item. " * 20,
                     **english_article(title=f"Item {number}", translation_key=f"item-{number}"))
    out = tmp_path / "serve.out"
    base = project.root / "templates/base.html"
    with digest_serve(project, out, "/en/") as (process, _url):
        # Every page again, each slowly: a build of many seconds, which the stop cannot wait for.
        template = base.read_text()
        base.write_text(template + "{% for _ in range(2000000) %}{% endfor %}")
        for _ in range(int(WAIT * 20)):
            if "rebuilding" in out.read_text():
                break
            threading.Event().wait(0.05)
        stop(process, signal.SIGTERM)
    text = out.read_text()
    assert "Traceback" not in text and "Fatal" not in text, text
    assert text.rstrip().endswith(
        "stopped during a build: .digest-cache/preview/site/ keeps the last good site, and the "
        "next build starts again from there"), text
    assert not (project.root / "site").exists()
    base.write_text(template)
    previewed = replace(load_config(project.root), search=False).previewed()
    assert build(previewed).published
    assert build(previewed.with_output(tmp_path / "clean")).published
    assert files(previewed.preview_site_dir) == files(tmp_path / "clean")


# --- options a careless user passes -------------------------------------------------------


@pytest.mark.parametrize("port", ["70000", "-1", "80a", ""])
def test_a_port_that_is_not_one_is_a_usage_error(project, capsys, port):
    from builder.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--project", str(project.root), "serve", "--port", port])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "is not a port number (0 to 65535)" in err and "Traceback" not in err


@pytest.mark.parametrize("host", ["", "  "])
def test_an_empty_host_is_a_usage_error_not_every_interface(project, capsys, host):
    """``--host "$HOST"`` with the variable unset: an empty address would listen on every
    network interface, which must be asked for."""
    from builder.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--project", str(project.root), "serve", "--host", host])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "give an address, such as 127.0.0.1" in err and "Traceback" not in err


@pytest.mark.parametrize("host", ["nonexistent.invalid", "999.1.1.1"])
def test_a_port_in_use_or_an_unknown_host_is_one_line(project, english_article, capsys, host):
    from builder.serve import serve

    project.page(ARTICLE, **english_article())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        for where, expected in (((host, 8000), ""),  # the resolver's words vary
                                (taken.getsockname(), "in use (choose another with --port)")):
            with pytest.raises(SystemExit) as stopped:
                serve(project.config(), *where)
            assert stopped.value.code == 1
            [line] = capsys.readouterr().err.splitlines()
            assert line.startswith(f"digest serve: cannot listen on {where[0]}:{where[1]}: ")
            assert expected in line
    assert not (project.root / "site").exists()


def test_the_preview_has_a_folder_of_its_own_that_a_build_beside_it_leaves_be(
        project, english_article, tmp_path):
    """The preview shows drafts, so it never writes ``site/``, which is what a deploy
    publishes; and a ``digest build`` run beside it (in another terminal) changes nothing the
    preview serves: its draft is still there, with no save in between."""
    from builder.session import build

    project.page(ARTICLE, **english_article())
    project.page("en/2020/04/draft.md", **english_article(
        title="Work in progress", translation_key="draft", draft=True))
    with digest_serve(project, tmp_path / "serve.out", "/en/2020/04/draft/") as (_, url):
        assert not (project.root / "site").exists()
        assert build(project.config()).published
        assert not (project.root / "site/en/2020/04/draft").exists()
        status, _, page = get(url, "/en/2020/04/draft/")
        assert status == 200 and b"Work in progress" in page
        assert get(url, ARTICLE_URL)[0] == 200

"""What the server answers: the files of ``site/``, the reload script, status and events.

In: a GET or HEAD for a URL path, the site folder and the current :class:`BuildStatus`. Out:
:func:`respond` gives a :class:`Response` (a site file, a redirect to a folder's slash, the
site's 404 page, 400 for a path that tries to leave the folder, or one of the preview's own
``/__digest/`` URLs: the reload script, the status, the last build's report as a page
(:mod:`builder.serve.report_page`) and as JSON); :class:`PreviewServer` sends it, and streams
server-sent events.

Why:

- Files are read from ``site_dir`` at request time. A build writes a staging folder and swaps it
  in whole (:mod:`builder.write`), so a request sees one build or the next, never a half-built
  site, and a failed build leaves the last good site in place without any copy kept here.
- The reload script (``reload.js`` beside this module) is injected into HTML responses only, on
  the way out: ``site/`` stays byte for byte what ``digest build`` writes, deployable and
  deterministic. On a failed build the script shows the diagnostics as text, never as HTML.
- URL segments are decoded and checked one by one, and symlinks are resolved before a file is
  read, so no request reads outside ``site_dir``.
- ``/__digest/`` is the preview's own: no file of the site is served under it, however its
  name is spelt (``/%5F%5Fdigest/``), so nothing a build writes can stand in for the report.
- Only requests for this machine are answered (:func:`host_allowed`): a page on another site
  can point its own domain name at 127.0.0.1 (DNS rebinding) and read the preview's report,
  and the Host header is what gives it away: it carries the attacker's name. Loopback names,
  the ``--host`` given and the address the request came in on (a phone on the network asks
  for the machine's address) pass; no name anyone else controls does.
- Clients go away mid-answer all the time (a reload, a closed tab): that is not news, and
  :meth:`PreviewServer.handle_error` keeps it off the terminal. Request threads are daemons,
  never joined: a client trickling a byte every few seconds cannot hold the preview open.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import socket
import sys
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import parse_qs, quote, unquote

from builder.serve.report_page import report_page
from builder.serve.status import BuildState, BuildStatus, page_event

KEEPALIVE_SECONDS = 15.0
PREFIX = "/__digest/"
EVENTS_URL, STATUS_URL, RELOAD_JS_URL = (PREFIX + "events", PREFIX + "status",
                                         PREFIX + "reload.js")
REPORT_URL, REPORT_JSON_URL = PREFIX + "report", PREFIX + "report.json"
CONTENT_TYPES: Mapping[str, str] = MappingProxyType({
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".json": "application/json",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    # Pagefind's index chunks are gzip data that its script fetches and unpacks itself.
    ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
    ".pagefind": "application/octet-stream",
})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
"""The Host names a request on this machine may carry whatever address the preview is given."""
LISTEN_BACKLOG = max(128, socket.SOMAXCONN)
"""Connections the kernel queues while every thread is busy: a page with a hundred assets, or
a test firing requests in parallel, must not wait for a retry (Python's default is 5)."""
FORBIDDEN_HOST = (b"403 forbidden: the preview answers requests for localhost, 127.0.0.1, [::1] "
                  b"or the address given to digest serve --host, not for other names\n")
RELOAD_JS = resources.files("builder.serve").joinpath("reload.js").read_text(encoding="utf-8")
"""The browser script served at ``RELOAD_JS_URL``: reloads on a new build, overlays errors."""


@dataclass(frozen=True)
class Response:
    """One HTTP answer, before it is sent."""

    status: int
    """The HTTP status code."""
    content_type: str
    """The ``Content-Type`` header."""
    body: bytes
    """The bytes sent (for HEAD, only their length)."""
    location: str | None = None
    """The ``Location`` header of a redirect."""


class UnsafePath(ValueError):
    """A URL path that tries to leave the site folder (answered with 400)."""


def url_to_parts(url_path: str) -> tuple[str, ...]:
    """The decoded segments of ``url_path``; UnsafePath for ``..``, an encoded ``/`` and such."""
    if not url_path.startswith("/"):
        raise UnsafePath(url_path)
    parts = []
    for raw in url_path.split("/")[1:]:
        try:
            part = unquote(raw, errors="strict")
        except UnicodeDecodeError as exc:
            raise UnsafePath(url_path) from exc
        if part in (".", "..") or any(char in part for char in "/\\\x00"):
            raise UnsafePath(url_path)
        if part:
            parts.append(part)
    return tuple(parts)


def host_name(header: str | None) -> str | None:
    """The host in a ``Host`` header, lowercased, without its port or an IPv6 literal's
    brackets; None when there is no header or it is malformed."""
    text = (header or "").strip().lower()
    if text.startswith("["):
        name, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    else:
        name, _, port = text.partition(":")
    if not name or (port and not port.isdigit()):
        return None
    return name


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request whose ``Host`` header is ``header`` is for one of ``names``."""
    return host_name(header) in names


def address_names(address: str) -> frozenset[str]:
    """The Host names that mean ``address`` (an IPv4 address reached through an IPv6 socket
    shows as ``::ffff:a.b.c.d``; the browser says ``a.b.c.d``)."""
    name = address.strip("[]").lower()
    try:
        mapped = ipaddress.ip_address(name.partition("%")[0])
    except ValueError:
        return frozenset({name})
    ipv4 = getattr(mapped, "ipv4_mapped", None)
    return frozenset({name, str(ipv4)} if ipv4 else {name})


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def reload_tag(status: BuildStatus, instance: str, every_build: bool = False) -> bytes:
    """The reload script's tag; with ``every_build`` it also names the build the page shows,
    and the script reloads the page after any other build, failed or not (the report page).
    While search shards are pending it says so: a page that searches reloads once they are
    indexed."""
    builds = f' data-builds="{status.builds}"' if every_build else ""
    pending = f' data-search-pending="{status.search_pending}"' if status.search_pending else ""
    return (f'<script src="{RELOAD_JS_URL}" data-epoch="{status.epoch}" '
            f'data-instance="{instance}"{builds}{pending}></script>').encode()


def inject_reload(html: bytes, tag: bytes) -> bytes:
    """``html`` with ``tag`` just before its last ``</body>`` (or at the end when it has none)."""
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def respond(site_dir: Path, url_path: str, status: BuildStatus, instance: str) -> Response:
    """The answer to ``GET url_path`` (query removed) from the files of ``site_dir``.

    ``status`` must be read before the files, so that a page never claims a newer epoch than
    its content: at worst it reloads once more than needed.
    """
    if url_path == RELOAD_JS_URL:
        return Response(200, CONTENT_TYPES[".js"], RELOAD_JS.encode())
    if url_path == STATUS_URL:
        body = dict(status.as_json(), instance=instance)
        return Response(200, CONTENT_TYPES[".json"], json.dumps(body, indent=1).encode())
    if url_path == REPORT_JSON_URL:
        return Response(200, CONTENT_TYPES[".json"], status.report.json_document())
    if url_path == REPORT_URL:
        return Response(200, CONTENT_TYPES[".html"], inject_reload(
            report_page(status, REPORT_JSON_URL), reload_tag(status, instance, every_build=True)))
    if url_path.startswith(PREFIX):
        return _not_found(site_dir, status, instance)
    try:
        parts = url_to_parts(url_path)
    except UnsafePath:
        return Response(400, CONTENT_TYPES[".txt"], b"400 bad request: unsafe path\n")
    if parts[:1] == (PREFIX.strip("/"),):  # the prefix spelt another way: still the preview's
        return _not_found(site_dir, status, instance)
    return _site_file(site_dir, parts, url_path.endswith("/"), status, instance)


def _site_file(site_dir: Path, parts: tuple[str, ...], slash: bool, status: BuildStatus,
               instance: str) -> Response:
    path = _inside(site_dir, site_dir.joinpath(*parts))
    if path is not None and path.is_dir():
        if not slash:
            return Response(301, CONTENT_TYPES[".txt"], b"",
                            "/" + "".join(quote(part) + "/" for part in parts))
        path = _inside(site_dir, path / "index.html")
    body = _read(path)
    if path is None or body is None:
        return _not_found(site_dir, status, instance)
    return _file_response(200, path.name, body, status, instance)


def _not_found(site_dir: Path, status: BuildStatus, instance: str) -> Response:
    body = _read(_inside(site_dir, site_dir / "404.html"))
    if body is None:  # no good build yet: still a page, so the overlay can show why
        body = b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>"
    return _file_response(404, "404.html", body, status, instance)


def _file_response(code: int, name: str, body: bytes, status: BuildStatus,
                   instance: str) -> Response:
    kind = content_type(name)
    if kind.startswith("text/html"):
        body = inject_reload(body, reload_tag(status, instance))
    return Response(code, kind, body)


def _inside(site_dir: Path, path: Path) -> Path | None:
    """``path`` with symlinks resolved, or None when that is outside ``site_dir``."""
    real = path.resolve()
    return real if real.is_relative_to(site_dir.resolve()) else None


def _read(path: Path | None) -> bytes | None:
    if path is None or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:  # swapped away by a build between the check and the read
        return None


class PreviewServer(ThreadingHTTPServer):
    """Serves ``site_dir`` as :func:`respond` answers, one thread per request, to requests
    for this machine only."""

    # Request threads are daemons and never joined: stopping cannot wait on a slow client.
    daemon_threads = True
    block_on_close = False
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], site_dir: Path, state: BuildState) -> None:
        self.site_dir, self.state = site_dir, state
        self.host_names = LOOPBACK_NAMES | address_names(address[0])
        """The Host names answered wherever a request comes in (see :func:`host_allowed`)."""
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is not news; anything else is a bug, shown as one."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            traceback.print_exc()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "digest-preview"
    timeout = 10.0  # a client that stops sending cannot hold a thread for long

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == EVENTS_URL and self._for_this_machine():
            self._events(parse_qs(query))
        else:
            self._send(self._answer(path))

    def do_HEAD(self) -> None:
        response = self._answer(self.path.partition("?")[0])
        self._send(Response(response.status, response.content_type, b"", response.location),
                   length=len(response.body))

    def log_message(self, format: str, *args: object) -> None:
        pass  # the preview's terminal is for build reports

    def _for_this_machine(self) -> bool:
        """Whether the request names this machine as its host: a loopback name, the address
        the preview was given, or the one the request came in on."""
        names = self.server.host_names | address_names(self.connection.getsockname()[0])
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and host_allowed(hosts[0], names)  # two: which one is meant?

    def _answer(self, path: str) -> Response:
        if not self._for_this_machine():
            return Response(403, CONTENT_TYPES[".txt"], FORBIDDEN_HOST)
        status = self.server.state.current
        return respond(self.server.site_dir, path.partition("#")[0], status,
                       self.server.state.instance)

    def _send(self, response: Response, length: int | None = None) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body) if length is None else length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        self.wfile.write(response.body)

    def _events(self, query: dict[str, list[str]]) -> None:
        state = self.server.state
        epoch = _int(query.get("epoch", [""])[0], default=state.current.epoch)
        instance = query.get("instance", [state.instance])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self._stream(state, epoch, instance)
        except OSError:
            pass  # the page went away (closed, reset, or stopped reading)

    def _stream(self, state: BuildState, epoch: int, instance: str) -> None:
        self.wfile.write(b"retry: 1000\n\n")
        seen = -1
        while not state.closed:
            status = state.wait_after(seen, KEEPALIVE_SECONDS)
            if state.closed:
                return
            if status.builds == seen:
                self.wfile.write(b": keep-alive\n\n")
                continue
            seen = status.builds
            event = page_event(status, epoch, instance, state.instance)
            self.wfile.write(event.encode())
            if event.startswith("event: reload"):
                return


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default

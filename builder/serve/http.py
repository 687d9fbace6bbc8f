"""What the server answers: the files of ``site/``, the reload script, status and events.

In: a GET or HEAD for a URL path, the site folder and the current :class:`BuildStatus`. Out:
:func:`respond` gives a :class:`Response` (a site file, a redirect to a folder's slash, the
site's 404 page, 400 for a path that tries to leave the folder, or one of the preview's own
``/__digest/`` URLs: the reload script, the status, the last build's report as a page and as
JSON); :class:`PreviewServer` sends it, and streams server-sent events.

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
- The report page (:func:`report_page`) is made here from the report's JSON form, every value
  escaped: paths and messages come from sources, which are hostile text. It reloads after
  every build, failed ones too (its reload tag carries the build it shows).
"""

from __future__ import annotations

import html
import json
import mimetypes
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import parse_qs, quote, unquote

from builder.diagnostics import InputKind
from builder.serve.status import BuildState, BuildStatus, page_event
from builder.util.files import shown

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


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def reload_tag(status: BuildStatus, instance: str, every_build: bool = False) -> bytes:
    """The reload script's tag; with ``every_build`` it also names the build the page shows,
    and the script reloads the page after any other build, failed or not (the report page)."""
    builds = f' data-builds="{status.builds}"' if every_build else ""
    return (f'<script src="{RELOAD_JS_URL}" data-epoch="{status.epoch}" '
            f'data-instance="{instance}"{builds}></script>').encode()


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
            report_page(status), reload_tag(status, instance, every_build=True)))
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


REPORT_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ccc;padding:.2rem .8rem .2rem 0;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap}
.error,.failed{color:#a00}.warning,.skipped{color:#8a5a00}
"""


def report_page(status: BuildStatus) -> bytes:
    """The last build's report as a page of its own: its state, the counts, every diagnostic
    as ``path:line: severity: message [code]``, the time of each stage, then every source and
    page with its fate (failed first).

    Made from :meth:`~builder.diagnostics.Report.as_json`, so that the page and the JSON never
    disagree; self-contained (no file of the site, which a failed build may have left broken);
    every value through :func:`html.escape`, and paths through :func:`shown` as well, so that a
    line break or a direction override in a name shows as its escape.
    """
    report = status.report.as_json()
    counts = report["counts"]
    if status.builds == 0:
        state = "no build has finished yet"
    elif report["up_to_date"]:
        state = "nothing changed since the build before: site/ is up to date"
    elif report["published"]:
        state = "published"
    else:
        state = "failed: the last good site is still served"
    changes = ", ".join(shown(change) for change in status.changes) or "none (first build)"
    rows = []
    for name, value in counts.items():
        for label, number in (value.items() if isinstance(value, dict) else [("", value)]):
            rows.append(_row(f"{name} {label}".strip().replace("_", " "), number))
    timings = [_row(t["stage"], f"{t['seconds']:.3f}") for t in report["timings"]]
    timings.append(_row("total", f"{sum(t['seconds'] for t in report['timings']):.3f}"))
    diagnostics = "".join(f'<li class="{_e(d["severity"])}"><code>{_e(d["text"])}</code></li>'
                          for d in report["diagnostics"]) or "<li>none</li>"
    files = []
    for kind in InputKind:
        mine = [o for o in report["outcomes"] if o["kind"] == kind.value]
        mine.sort(key=lambda outcome: outcome["fate"] != "failed")  # stable: build order after
        files.append(f"<h2>{kind.value.capitalize()}s ({len(mine)})</h2>")
        files.append(_table(("fate", "path", "detail"), [
            f'<tr class="{_e(o["fate"])}"><td>{_e(o["fate"])}</td><td><code>'
            f'{_e(shown(o["path"]))}</code></td><td><code>{_e(shown(o["detail"]))}</code></td></tr>'
            for o in mine]))
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>digest: build report</title><style>{REPORT_STYLE}</style></head><body>
<h1>Build report</h1>
<p>Build {_e(status.builds)} of this preview: {_e(state)}. Changed: {_e(changes)}.</p>
<p><a href="{REPORT_JSON_URL}">As JSON</a> · <a href="/">The site</a></p>
<h2>Summary</h2>{_table(("", "count"), rows)}
<h2>Diagnostics ({_e(counts["errors"])} errors, {_e(counts["warnings"])} warnings)</h2>
<ul>{diagnostics}</ul>
<h2>Time by stage</h2>{_table(("stage", "seconds"), timings)}
{"".join(files)}
</body></html>
"""
    return page.encode("utf-8")


def _e(value: object) -> str:
    return html.escape(str(value))


def _row(label: object, number: object) -> str:
    return f'<tr><th scope="row">{_e(label)}</th><td class="n">{_e(number)}</td></tr>'


def _table(headings: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{_e(heading)}</th>' for heading in headings)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class PreviewServer(ThreadingHTTPServer):
    """Serves ``site_dir`` as :func:`respond` answers, one thread per request."""

    # Request threads are joined on close: each ends promptly once the state is closed.
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], site_dir: Path, state: BuildState) -> None:
        self.site_dir, self.state = site_dir, state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "digest-preview"
    timeout = 10.0  # a client that stops reading cannot hold a thread (or the shutdown) forever

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == EVENTS_URL:
            self._events(parse_qs(query))
        else:
            self._send(self._answer(path))

    def do_HEAD(self) -> None:
        response = self._answer(self.path.partition("?")[0])
        self._send(Response(response.status, response.content_type, b"", response.location),
                   length=len(response.body))

    def log_message(self, format: str, *args: object) -> None:
        pass  # the preview's terminal is for build reports

    def _answer(self, path: str) -> Response:
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

"""The last build's report as a page of its own, for ``/__digest/report``.

In: the current :class:`BuildStatus` and the address of the report's JSON form. Out: a
self-contained HTML page (:func:`report_page` says what is on it and why it is made so). It
reloads after every build, failed ones too: :mod:`builder.serve.http` adds the reload tag,
which carries the build it shows.
"""

from __future__ import annotations

import html

from builder.diagnostics import InputKind
from builder.serve.status import BuildStatus
from builder.util.files import shown

REPORT_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ccc;padding:.2rem .8rem .2rem 0;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap}
.error,.failed{color:#a00}.warning,.skipped{color:#8a5a00}
"""


def report_page(status: BuildStatus, json_url: str) -> bytes:
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
        state = "nothing changed since the build before: the site is up to date"
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
<p><a href="{_e(json_url)}">As JSON</a> · <a href="/">The site</a></p>
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

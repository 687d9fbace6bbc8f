"""The build report as JSON (``digest build --report-json``) and as the preview's report page.

The preview tests run a real preview on 127.0.0.1 (a port the OS picks) with the helpers and
fixtures of tests/test_serve.py; every wait is bounded on the build counter, never a sleep.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.cli import main
from builder.diagnostics import (
    Diagnostic,
    Fate,
    FileOutcome,
    InputKind,
    Report,
    Severity,
    json_safe,
)
from builder.serve import Preview
from builder.serve.status import BuildState
from tests.conftest import expect
from tests.test_serve import (  # noqa: F401  (the preview fixture and what it needs)
    ARTICLE,
    ARTICLE_URL,
    WAIT,
    EventStream,
    edit_and_wait,
    free_port,
    get,
    log,
    preview,
    start_digest_serve,
    wait_until_serving,
)

PAGE_PATH = "content/articles/" + ARTICLE
WIRE = ("A wire with a date\n\nMoscow, 17 April 2020\n\nThe ministers of the CSTO member states "
        "discussed the Caspian Sea and cooperation against the pandemic.\n")
UNDATED = "A wire without a date\n\nThe ministers met and talked about the pandemic.\n"
BROKEN_TEMPLATE = "{% extends 'base.html' %}{% block content %}{{ oops("


def build_with_report(root: Path, out: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """``digest build --no-search --report-json out`` in this process: (exit code, the JSON)."""
    code = main(["--project", str(root), "build", "--no-search", "--report-json", str(out),
                 *extra])
    data = out.read_bytes()
    assert data.endswith(b"}\n") and data.decode("utf-8")  # strict UTF-8, a trailing newline
    return code, json.loads(data)


def fates(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(o["kind"], o["path"], o["fate"]) for o in report["outcomes"]}


def edit_until(running: Preview, edit: Callable[[], object],
               shows: Callable[[Report], bool]) -> None:
    """Make ``edit`` (several writes), then wait for builds until the last one's report
    ``shows`` them all: the writes may have fallen into more than one build."""
    builds = running.status.builds
    edit()
    while not shows((status := running.wait_for_build(after=builds, timeout=WAIT)).report):
        builds = status.builds


def report_page(url: str) -> str:
    status, headers, body = get(url, "/__digest/report")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    return body.decode("utf-8")


def report_json(url: str) -> dict[str, Any]:
    status, headers, body = get(url, "/__digest/report.json")
    assert status == 200 and headers["Content-Type"] == "application/json"
    return json.loads(body)


# --- digest build --report-json -----------------------------------------------------------


def test_the_json_report_lists_every_file_with_its_fate_every_warning_located_and_timings(
        project, english_article, tmp_path, capsys):
    project.page(ARTICLE, **english_article(title="Good", topics=["csto", "no-such-topic"]))
    project.page("en/2020/04/bad.md", **english_article(date="not a date", translation_key="b"))
    project.write("content/sources/wire.txt", WIRE)
    project.write("content/sources/undated.txt", UNDATED)

    code, report = build_with_report(project.root, tmp_path / "report.json")
    printed = capsys.readouterr().out
    assert code == 1  # a page failed
    assert list(report) == ["format", "published", "up_to_date", "counts", "outcomes",
                            "diagnostics", "timings"]
    assert report["format"] == 1 and report["published"] is True
    assert report["up_to_date"] is False
    [ingested] = [o for o in report["outcomes"] if o["fate"] == "ingested"]
    assert ingested["path"] == "content/sources/wire.txt"
    new_page = ingested["detail"]
    assert new_page.startswith("content/articles/en/2020/04/")
    assert fates(report) == {
        ("source", "content/sources/wire.txt", "ingested"),
        ("source", "content/sources/undated.txt", "skipped"),
        ("page", PAGE_PATH, "published"),
        ("page", "content/articles/en/2020/04/bad.md", "failed"),
        ("page", new_page, "published"),
    }
    kinds = [o["kind"] for o in report["outcomes"]]
    assert kinds == sorted(kinds, key=["source", "page"].index)  # sources first
    counts = report["counts"]
    assert counts["sources"] == {"ingested": 1, "kept": 0, "skipped": 1, "failed": 0}
    assert counts["pages"] == {"published": 2, "scheduled": 0, "draft": 0, "failed": 1}
    assert counts["pages_written"] > 0 and counts["pages_rendered"] == counts["pages_written"]
    assert counts["files_changed"] > 0 and counts["search_pages_indexed"] == 0

    unknown = [d for d in report["diagnostics"] if d["code"] == "topic-unknown"]
    assert [(d["path"], d["severity"]) for d in unknown] == [(PAGE_PATH, "warning")]
    line = unknown[0]["line"]
    assert isinstance(line, int) and line > 1
    assert unknown[0]["text"] == (f"{PAGE_PATH}:{line}: warning: topic 'no-such-topic' is not "
                                  f"in content/topics.yaml; ignored [topic-unknown]")
    assert {d["path"] for d in report["diagnostics"] if d["severity"] == "error"} == {
        "content/articles/en/2020/04/bad.md"}
    assert counts["errors"] == 1 and counts["warnings"] == len(report["diagnostics"]) - 1
    for diagnostic in report["diagnostics"]:  # the same lines digest build prints
        assert list(diagnostic) == ["path", "line", "severity", "code", "message", "text"]
        assert diagnostic["text"] in printed

    stages = [t["stage"] for t in report["timings"]]
    assert {"ingest", "read", "render+write", "publish"} <= set(stages)
    assert stages.index("read") < stages.index("render+write") < stages.index("publish")
    assert all(list(t) == ["stage", "seconds"] and t["seconds"] >= 0 for t in report["timings"])


def test_the_json_report_is_written_when_the_build_fails_and_when_nothing_changed(
        project, english_article, tmp_path, capsys):
    page = project.page(ARTICLE, **english_article(title="First title"))
    os.utime(page, (1_500_000_000, 1_500_000_000))  # saved well before the build
    out = tmp_path / "ci" / "report.json"
    code, first = build_with_report(project.root, out)
    assert code == 0 and first["published"] and first["up_to_date"] is False

    code, again = build_with_report(project.root, out)
    assert code == 0 and again["up_to_date"] is True and again["published"] is True
    assert fates(again) == fates(first) == {("page", PAGE_PATH, "published")}
    assert again["timings"] and again["counts"]["pages_rendered"] == 0

    good = project.read("templates/article.html")
    project.write("templates/article.html", BROKEN_TEMPLATE)
    code, broken = build_with_report(project.root, out)
    assert code == 2 and broken["published"] is False and broken["up_to_date"] is False
    [error] = [d for d in broken["diagnostics"] if d["severity"] == "error"]
    assert (error["path"], error["line"], error["code"]) == (
        "templates/article.html", 1, "template-syntax")
    assert error["text"].startswith("templates/article.html:1: error: ")
    project.write("templates/article.html", good)

    toml = project.read("digest.toml")
    project.write("digest.toml", toml + "[build\n")
    code, no_config = build_with_report(project.root, out)
    assert code == 2 and no_config["published"] is False and no_config["outcomes"] == []
    [error] = no_config["diagnostics"]
    assert (error["path"], error["code"]) == ("digest.toml", "config-syntax") and error["line"]
    assert not list(out.parent.glob("*.tmp"))  # written atomically, nothing left beside it
    assert "digest.toml" in capsys.readouterr().err


def test_the_json_report_carries_names_that_are_not_utf8_and_keeps_every_other_name_exact(
        project, english_article, tmp_path):
    project.page(ARTICLE, **english_article())
    folder = os.fsencode(project.root / "content/articles/en/2020/04")
    Path(os.fsdecode(folder + b"/bad\xff-name.md")).write_bytes(
        (project.root / PAGE_PATH).read_bytes())
    odd = "en/2020/04/new\nline \u202e<b>.md"
    project.page(odd, **english_article(translation_key="odd"))

    _, report = build_with_report(project.root, tmp_path / "report.json")
    bad = "content/articles/en/2020/04/bad\\xff-name.md"
    assert ("page", bad, "failed") in fates(report)
    assert ("page", "content/articles/" + odd, "published") in fates(report)
    assert bad in {d["path"] for d in report["diagnostics"]}  # the same name in both


def test_json_safe_keeps_what_utf8_can_carry_and_escapes_the_rest():
    assert json_safe("новости/a\nb\u202e.md") == "новости/a\nb\u202e.md"
    assert json_safe("caf\udce9.md") == "caf\\xe9.md"
    assert json_safe("lone \ud800") == "lone \\ud800"
    report = Report((FileOutcome(InputKind.PAGE, "x\udcff.md", Fate.FAILED),),
                    (Diagnostic("x.md", 2, Severity.WARNING, "c", "bad \ud800 text"),), 0, 0, True)
    document = report.json_document()
    assert json.loads(document.decode("utf-8"))["outcomes"][0]["path"] == "x\\xff.md"


def test_the_preview_status_and_the_report_share_one_json_form_of_a_diagnostic():
    diagnostic = Diagnostic("a.md", 3, Severity.ERROR, "front-matter-type", "bad")
    report = Report((), (diagnostic,), 0, 0, False)
    status = BuildState().record(report, ())
    assert status.as_json()["diagnostics"] == report.as_json()["diagnostics"] == [
        {"path": "a.md", "line": 3, "severity": "error", "code": "front-matter-type",
         "message": "bad", "text": "a.md:3: error: bad [front-matter-type]"}]
    assert status.report is report and status.diagnostics == (diagnostic,)


# --- the preview's report page ------------------------------------------------------------


def test_the_report_page_and_json_show_the_last_build_and_follow_each_edit(
        project, preview):  # noqa: F811
    first = report_json(preview.url)
    assert first["published"] and ("page", PAGE_PATH, "published") in fates(first)
    assert first["diagnostics"] == [] and first["timings"]
    page = report_page(preview.url)
    assert f"<code>{PAGE_PATH}</code>" in page and "published" in page
    assert "<h2>Time by stage</h2>" in page and "render+write" in page
    assert 'data-builds="1"></script></body>' in page

    original = project.read(PAGE_PATH)
    edit_and_wait(preview, lambda: project.write(PAGE_PATH, original.replace(
        "- csto", "- csto\n- no-such-topic")))
    [warning] = report_json(preview.url)["diagnostics"]
    assert (warning["path"], warning["code"], warning["severity"]) == (
        PAGE_PATH, "topic-unknown", "warning")
    assert isinstance(warning["line"], int)
    page = report_page(preview.url)
    assert (f'<li class="warning"><code>{PAGE_PATH}:{warning["line"]}: warning: topic '
            f"&#x27;no-such-topic&#x27; is not in content/topics.yaml; ignored "
            f"[topic-unknown]</code></li>") in page
    assert "Changed: content/articles/en/2020/04/x.md." in page
    assert 'data-builds="2"' in page

    edit_and_wait(preview, lambda: project.write(PAGE_PATH, original))
    assert report_json(preview.url)["diagnostics"] == []
    assert "topic-unknown" not in report_page(preview.url)


def test_the_report_page_is_told_of_every_build_and_shows_a_failed_one(
        project, preview):  # noqa: F811
    page = report_page(preview.url)
    token = re.search(r'data-epoch="(\d+)" data-instance="([0-9a-f]+)" data-builds="1"', page)
    assert token
    with EventStream(preview.url, {"epoch": token[1], "instance": token[2]}) as events:
        assert events.next() == ("status", {"builds": 1, "epoch": 1, "ok": True,
                                            "published": True, "changes": [],
                                            "search_pending": 0})
        edit_and_wait(preview, lambda: project.write("templates/article.html", BROKEN_TEMPLATE))
        # Not a reload (the site was not replaced), but the build number the report page
        # compares with the one it shows (reload.js reloads it on any other).
        name, data = events.next()
        assert (name, data["builds"], data["ok"]) == ("status", 2, False)
    page = report_page(preview.url)
    assert "failed: the last good site is still served" in page
    assert '<li class="error"><code>templates/article.html:1: error: ' in page
    assert report_json(preview.url)["published"] is False
    assert b"First title" in get(preview.url, ARTICLE_URL)[2]  # the last good site, still


def test_hostile_names_and_text_are_escaped_in_the_report_page(
        project, english_article, preview):  # noqa: F811
    hostile = "<img src=x onerror=alert(1)>"

    def write() -> None:
        project.page(f"en/2020/04/{hostile}\u202e.md", **english_article(
            title=f"<script>alert(1)</script> {hostile}", translation_key="hostile",
            topics=["csto", "<script>alert(2)</script>"]))
        project.write("content/sources/\"><svg onload=alert(3)>.txt", WIRE)

    edit_until(preview, write, lambda report: len(report.outcomes) == 4)  # the source's page
    page = report_page(preview.url)
    assert page.count("<script") == 1  # the reload script, no other
    assert "<img" not in page and "<svg" not in page and "\u202e" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;\\u202e.md" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;svg onload=alert(3)&gt;.txt" in page
    paths = {o["path"] for o in report_json(preview.url)["outcomes"]}
    assert f"content/articles/en/2020/04/{hostile}\u202e.md" in paths  # exact in the JSON


def test_the_report_url_is_the_previews_whatever_the_site_holds(
        project, english_article, preview):  # noqa: F811
    edit_until(preview, lambda: project.page("__digest/report.md", **english_article(
        title="Report", translation_key="report")), lambda report: len(report.outcomes) == 2)
    details = {o["path"]: o["detail"] for o in report_json(preview.url)["outcomes"]}
    assert details["content/articles/__digest/report.md"].startswith("/en/2020/04/")
    site = project.root / "site"
    (site / "__digest" / "report").mkdir(parents=True)
    (site / "__digest" / "report" / "index.html").write_text("<p>impostor</p>")
    (site / "__digest" / "report.json").write_text('{"impostor": true}')
    (site / "__digest" / "page.html").write_text("<p>impostor</p>")
    assert "<h1>Build report</h1>" in report_page(preview.url)
    assert "impostor" not in json.dumps(report_json(preview.url))
    for path in ("/__digest/report/", "/__digest/page.html", "/%5F%5Fdigest/report/",
                 "/%5f%5fdigest/page.html", "/__digest/report.json/"):
        status, _, body = get(preview.url, path)
        assert status == 404 and b"impostor" not in body, path


def test_digest_serve_prints_the_report_url(project, english_article, tmp_path):
    project.page(ARTICLE, **english_article(title="First title"))
    out = tmp_path / "serve.out"
    process, url = start_digest_serve(project, out)
    try:
        wait_until_serving(process, url, "/")
        for _ in range(200):  # the banner is printed just after the server starts answering
            if "report: " in out.read_text():
                break
            threading.Event().wait(0.05)
        assert f"report: {url}__digest/report\n" in out.read_text()
        assert "<h1>Build report</h1>" in report_page(url)
    finally:
        process.terminate()
        process.wait(timeout=WAIT)


@pytest.mark.browser
def test_the_report_page_reloads_in_a_browser_after_a_failed_build_and_after_the_fix(
        project, preview, open_page):  # noqa: F811
    watched = open_page()
    page = watched.page
    page.goto(preview.url + "__digest/report")
    expect(page.locator("h1")).to_have_text("Build report")
    good = project.read("templates/article.html")
    edit_and_wait(preview, lambda: project.write("templates/article.html", BROKEN_TEMPLATE))
    expect(page.locator("li.error")).to_contain_text("templates/article.html:1: error:")
    expect(page.locator("#digest-preview-errors")).to_have_count(0)  # the page, no overlay
    edit_and_wait(preview, lambda: project.write("templates/article.html", good))
    expect(page.locator("li.error")).to_have_count(0)
    expect(page.locator("p").first).to_contain_text(": published.")
    watched.assert_no_problems()

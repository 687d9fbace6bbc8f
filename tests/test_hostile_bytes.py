"""Bytes that are not what they seem: binary files dropped in as sources or pages, files saved
with a byte-order mark, and text that must be escaped exactly once in JSON-LD.

An image or a PDF in ``content/sources/`` once became a Russian page of KOI8-R mojibake, and a
page saved with a UTF-8 byte-order mark was refused as having no front matter; a topic named
"Trade & sanctions" reached search engines as "Trade &amp;amp; sanctions".
"""

from __future__ import annotations

import codecs
import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest

from builder.cli import main
from builder.diagnostics import Fate, InputKind
from builder.formats.binary import not_text
from builder.session import build
from tests.conftest import SHARED

SOURCE = "content/sources/probe.txt"
BOM = codecs.BOM_UTF8
CORPUS = SHARED / "corpus" / "wmt-newstest2021"


def docx() -> bytes:
    """A word-processor file as editors save one: a ZIP archive of XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Talks in Moscow</w:document>")
    return buffer.getvalue()


BINARIES = {
    "random data": random.Random(1).randbytes(20_000),
    "a PDF document": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" * 40,
    "a ZIP archive": docx(),
    "a PNG image": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + random.Random(2).randbytes(4000),
    "a JPEG image": b"\xff\xd8\xff\xe0\0\x10JFIF" + random.Random(3).randbytes(4000),
    "a program": b"\x7fELF\x02\x01\x01" + bytes(4000),
    "text with NUL bytes": b"Minister\0 of\0 Foreign\0 Affairs\0" * 50,
}


def build_with_source(project, english_article, data: bytes, sidecar: str = "date: 2020-04-17\n"):
    project.page("en/2020/04/good.md", **english_article())
    (project.root / SOURCE).write_bytes(data)
    if sidecar:
        project.write(SOURCE + ".meta.yaml", sidecar)
    return build(project.config())


def failure(report, path: str):
    [outcome] = [o for o in report.outcomes if o.path == path]
    assert outcome.fate is Fate.FAILED, outcome
    [problem] = [d for d in report.errors if d.path == path]
    return problem


# --- binary files -------------------------------------------------------------------------


@pytest.mark.parametrize("what", BINARIES)
def test_a_binary_file_dropped_in_as_a_source_is_refused_as_such(project, english_article, what):
    report = build_with_source(project, english_article, BINARIES[what])
    problem = failure(report, SOURCE)
    assert problem.code == "source-binary" and problem.line and problem.line >= 1
    kind = "binary data" if what in ("random data", "text with NUL bytes") else what
    assert problem.message.startswith(f"{kind}") and "not text" in problem.message
    assert report.published and report.exit_code() == 1  # the rest of the site is published
    assert (project.root / "site/en/2020/04/good/index.html").is_file()
    assert not (project.root / "content/articles/ru").exists()  # no page of mojibake


def test_high_bytes_that_read_as_no_russian_text_are_not_published_as_one(project,
                                                                          english_article):
    """Random bytes without a control character: every one a KOI8-R letter, but the letters
    of no Russian text."""
    noise = bytes(random.Random(4).randrange(0xC0, 0x100) for _ in range(20_000))
    assert not_text(noise) is None
    report = build_with_source(project, english_article, noise)
    assert failure(report, SOURCE).code == "source-encoding"
    assert not (project.root / "content/articles/ru").exists()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the news corpus (../shared/corpus) is absent")
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_real_russian_articles_in_a_single_byte_table_are_still_read(project, english_article,
                                                                      encoding):
    names = sorted(path.name for path in (CORPUS / "ru").iterdir())[::15]
    for name in names:
        text = (CORPUS / "ru" / name).read_text(encoding="utf-8")
        data = text.encode(encoding, errors="replace")
        assert not_text(data) is None
        (project.root / "content/sources" / name).write_bytes(data)
        project.write(f"content/sources/{name}.meta.yaml", "date: 2020-04-17\nlang: ru\n")
    report = build(project.config())
    ingested = [o for o in report.outcomes if o.kind is InputKind.SOURCE]
    assert len(ingested) == len(names) and all(o.fate is Fate.INGESTED for o in ingested), (
        report.render_text())


def test_text_with_tabs_form_feeds_and_terminal_colours_is_text():
    assert not_text(b"Minister\tof\fForeign\x1b[1mAffairs\r\n" * 100) is None
    assert not_text("Министр".encode("utf-16")) is None  # every other byte NUL, with its mark


@pytest.mark.parametrize("what", ["a PDF document", "random data"])
def test_a_binary_file_saved_as_a_page_is_its_located_error(project, english_article, what):
    project.page("en/2020/04/good.md", **english_article())
    page = "content/articles/en/2020/04/binary.md"
    (project.root / page).write_bytes(BINARIES[what])
    report = build(project.config())
    problem = failure(report, page)
    assert problem.code == "binary" and problem.line and "not text" in problem.message
    assert report.published


def test_a_page_that_is_not_utf8_names_the_line_of_the_first_bad_byte(project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    page = project.page("en/2020/04/latin.md", "First line.\n\nCaf\xe9 society.",
                        **english_article(translation_key="latin"))
    page.write_bytes(page.read_bytes().replace("Caf\xe9".encode(), b"Caf\xe9"))
    problem = failure(build(project.config()), "content/articles/en/2020/04/latin.md")
    text = page.read_bytes()
    assert problem.code == "encoding"
    assert problem.line == text[:text.index(b"Caf\xe9")].count(b"\n") + 1


# --- byte-order marks ---------------------------------------------------------------------


def with_bom(path: Path) -> None:
    path.write_bytes(BOM + path.read_bytes())


def test_every_file_an_editor_saves_with_a_byte_order_mark_is_read(project, english_article):
    """Notepad and other Windows editors may start UTF-8 with a byte-order mark: the page, a
    source, its sidecar, topics, outlets, digest.toml, a template and a catalog still work,
    and the mark reaches no output."""
    page = project.page("en/2020/04/marked.md", "Body of the marked page.",
                        **english_article(title="Marked page", topics=["csto"]))
    (project.root / "content/sources/marked.txt").write_bytes(
        BOM + "Talks in Moscow on the CSTO\n\nThe ministers met in Moscow.\n".encode())
    project.write("content/sources/marked.txt.meta.yaml", "date: 2020-04-18\nlang: en\noutlet: tass\n")
    for rel in ("content/sources/marked.txt.meta.yaml", "content/topics.yaml",
                "content/outlets.yaml", "digest.toml", "templates/base.html",
                "locales/ru/LC_MESSAGES/messages.po"):
        with_bom(project.root / rel)
    with_bom(page)
    report = build(project.config())
    assert report.published and not report.errors and not report.warnings, report.render_text()
    site = project.root / "site"
    assert "Marked page" in (site / "en/2020/04/marked/index.html").read_text(encoding="utf-8")
    ingested = [o for o in report.outcomes if o.kind is InputKind.SOURCE]
    assert [o.fate for o in ingested] == [Fate.INGESTED]
    written = (project.root / ingested[0].detail).read_text(encoding="utf-8")
    assert "title: Talks in Moscow on the CSTO" in written and "\ufeff" not in written
    assert "Последние новости" in (site / "ru/index.html").read_text(encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file():
            assert BOM not in path.read_bytes(), path
    assert (site / "en/index.html").read_bytes().startswith(b"<!doctype html>")


@pytest.mark.parametrize("command", [["topics"], ["outlets"], ["i18n", "status"]])
def test_the_commands_that_read_pages_read_a_page_with_a_byte_order_mark(
        project, english_article, capsys, command):
    with_bom(project.page("en/2020/04/marked.md", **english_article(topics=["csto"])))
    assert main(["--project", str(project.root), *command]) in (0, 1)
    out = capsys.readouterr().out
    if command == ["topics"]:
        assert re.search(r"^csto\s+en 1\b", out, re.MULTILINE), out
    if command == ["outlets"]:
        assert re.search(r"^mfa\s+en 1\b", out, re.MULTILINE), out


# --- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_holds_every_name_exactly_as_written(project, english_article):
    """Escaped once, as JSON needs inside a script element; not HTML-escaped as well."""
    label = 'Trade & "sanctions" <b>not bold</b> l\'Europe'
    topics = project.read("content/topics.yaml")
    project.write("content/topics.yaml", topics.replace("label: {en: CSTO,",
                                                        f"label: {{en: {json.dumps(label)},"))
    project.page("en/2020/04/item.md", **english_article(title="Tom & Jerry's <summit>"))
    report = build(project.config())
    assert report.published and not report.errors, report.render_text()
    names = {}
    for path in (project.root / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.DOTALL):
            assert "<" not in block and "&" not in block.replace("\\u0026", "")
            data = json.loads(block)
            names[path.relative_to(project.root / "site").as_posix()] = (
                data.get("name") or data.get("headline"))
    assert names["en/topics/csto/index.html"] == label
    assert names["en/2020/04/item/index.html"] == "Tom & Jerry's <summit>"
    assert not [name for name in names.values() if "&amp;" in name or "&#" in name]


def test_a_digest_toml_that_is_not_utf8_is_one_line(project, capsys):
    config = project.root / "digest.toml"
    config.write_bytes(config.read_bytes().replace(b"[site]", "[site]\n# Сайт".encode("cp1251")))
    assert main(["--project", str(project.root), "build", "--no-search"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == "digest.toml: error: not UTF-8; save it as UTF-8 [config-syntax]"
    assert not (project.root / "site").exists()

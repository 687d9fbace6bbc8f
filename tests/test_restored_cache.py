"""A build in a fresh checkout, with the build cache and the site restored from a CI cache.

On Netlify (netlify/plugins/digest-cache) and on GitHub Actions (``actions/cache``) every build
starts from a fresh clone: every input has a new inode and time, and the restored ``site/`` and
``.digest-cache/`` are copies, with new inodes too. These tests make that situation with plain
copies (a project copied file by file, then the two folders copied beside it, times kept as the
cache tools keep them) and check that the build reuses what it can prove is the same (a page
read again is parsed only when its bytes differ; a file of the copied site is reused when its
bytes are the recorded ones), that it gives exactly what a clean build gives, and that nothing
of a copy that is not as recorded is published.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.config import load_config
from builder.session import Session, build
from builder.state import State
from builder.write import adopt
from builder.write.next_site import FileRecord
from tests.test_incremental import tree

ARTICLES = {  # path under content/articles -> (lang, date, translation key)
    "en/2020/04/talks.md": ("en", "2020-04-17", "talks"),
    "ru/2020/04/peregovory.md": ("ru", "2020-04-17", "talks"),
    "en/2021/01/summit.md": ("en", "2021-01-15", "summit"),
}
EDITED = "content/articles/en/2021/01/summit.md"
EDIT_FILES = 9
"""Files a new body of the summit changes: its page, and the Atom and JSON feeds of the home
and of the csto topic in both languages (it has no Russian version, so the Russian lists and
feeds show it as it is), which carry its text."""


def write_articles(project) -> None:
    for rel, (lang, date, key) in ARTICLES.items():
        front = {"title": f"Item {key} ({lang})", "date": date, "lang": lang, "outlet": "mfa",
                 "translation_key": key, "topics": ["csto"], "summary": "A summary."}
        if lang == "ru":
            front["translated_from"] = "en"
        project.page(rel, f"First paragraph of {key}.\n\nSecond paragraph.", **front)


def fresh_checkout(project, destination: Path) -> Path:
    """The project's inputs copied as a clone makes them (new files, new times), then its
    ``site/`` and ``.digest-cache/`` copied beside them as a cache restore does (new files, the
    times kept); no staging folder."""
    ignored = shutil.ignore_patterns("site", "site.next", ".digest-cache")
    shutil.copytree(project.root, destination, ignore=ignored, copy_function=shutil.copyfile)
    for folder in ("site", ".digest-cache"):
        shutil.copytree(project.root / folder, destination / folder)
    return destination


def clean_site(root: Path, output: Path) -> dict[str, bytes]:
    """The same inputs built from nothing, with search, into a folder of their own."""
    config = load_config(root).with_output(output, search=True)
    report = Session(State(), persist=False).build(config)
    assert report.published, report.render_text()
    return tree(output)


def test_a_fresh_checkout_with_the_cache_restored_renders_the_edited_item_and_one_shard(
        project, tmp_path):
    write_articles(project)
    first = build(project.config(search=True))
    assert first.published and first.shards > 2, first.render_text()  # a shard per language and year
    checkout = fresh_checkout(project, tmp_path / "checkout")
    edited = checkout / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "Second paragraph.", "Second paragraph, now longer."), encoding="utf-8")

    report = build(load_config(checkout).with_output(checkout / "site", search=True))

    assert report.published, report.render_text()
    assert (report.pages_rendered, report.files_changed, report.shards_indexed) == (
        EDIT_FILES, EDIT_FILES, 1)
    assert "adopt" in dict(report.timings)
    assert tree(checkout / "site") == clean_site(checkout, tmp_path / "clean")


def test_the_build_after_the_restored_one_writes_nothing_and_the_next_edit_one_item(
        project, tmp_path):
    write_articles(project)
    build(project.config(search=True))
    checkout = fresh_checkout(project, tmp_path / "checkout")
    config = load_config(checkout).with_output(checkout / "site", search=True)
    assert build(config).published

    second = build(config)  # the checkout's files are too new for their stamps to vouch
    assert (second.pages_rendered, second.files_changed, second.shards_indexed) == (0, 0, 0)
    edited = checkout / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA third paragraph.\n",
                      encoding="utf-8")
    again = build(config)
    assert (again.pages_rendered, again.shards_indexed) == (EDIT_FILES, 1)
    assert tree(checkout / "site") == clean_site(checkout, tmp_path / "clean")


def test_a_restored_file_that_differs_from_its_record_is_made_again_and_a_stranger_dropped(
        project, tmp_path):
    write_articles(project)
    build(project.config(search=True))
    checkout = fresh_checkout(project, tmp_path / "checkout")
    site = checkout / "site"
    page = site / "en/2020/04/talks/index.html"
    data = bytearray(page.read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")  # same size, other bytes
    page.write_bytes(bytes(data))
    (site / "ru/2020/04/peregovory/index.html").unlink()
    (site / "en/notes.html").write_text("not the build's", encoding="utf-8")

    report = build(load_config(checkout).with_output(site, search=True))

    assert report.published and not report.up_to_date, report.render_text()
    assert report.pages_rendered == 2  # the changed page and the deleted one; nothing else
    assert not (site / "en/notes.html").exists()
    assert tree(site) == clean_site(checkout, tmp_path / "clean")


def test_a_copy_is_adopted_only_where_its_files_are_plain_files_inside_it(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    for root in (site, outside):
        (root / "en" / "a").mkdir(parents=True)
        for rel in ("index.html", "en/a/index.html", "en/b.html"):
            (root / rel).write_bytes(b"<p>" + rel.encode() + b"</p>")
    records = {rel: _record(site / rel) for rel in ("index.html", "en/a/index.html", "en/b.html")}
    (site / "en/b.html").unlink()
    (site / "en/b.html").symlink_to(outside / "en/b.html")  # the same bytes, outside
    shutil.rmtree(site / "en/a")
    (site / "en/a").symlink_to(outside / "en/a", target_is_directory=True)

    adopted = adopt(site, records)

    assert sorted(adopted) == ["index.html"]
    assert adopted["index.html"].stat[0] == os.stat(site / "index.html").st_ino


@pytest.mark.parametrize("change", ["none", "bytes", "size"])
def test_a_file_is_adopted_only_with_its_recorded_bytes(tmp_path, change):
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_bytes(b"<p>recorded</p>")
    records = {"index.html": _record(page)}
    page.unlink()
    page.write_bytes({"none": b"<p>recorded</p>", "bytes": b"<p>recorder</p>",
                      "size": b"<p>recorded!</p>"}[change])

    adopted = adopt(site, records)

    assert ("index.html" in adopted) == (change == "none")


def _record(path: Path) -> FileRecord:
    from builder.util.fingerprints import digest, stamp

    return FileRecord("job", digest(path.read_bytes()), stamp(os.stat(path)))

"""Hostile names and characters: file names that are not UTF-8, hold line breaks or direction
overrides, are Windows device names or are as long as a file system allows; control characters
in pages; and collisions, which must be resolved and reported the same way whatever order the
files were made in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from builder.diagnostics import Fate, InputKind
from builder.ingest.run import ingest_sources
from builder.session import build
from tests.test_build import site_files

WIRE = ("{title}\n\nMoscow, 17 April 2020\n\nThe ministers of the CSTO member states discussed "
        "the Caspian Sea and cooperation against the pandemic.\n")


def cli_build(root: Path) -> subprocess.CompletedProcess[bytes]:
    """``digest build`` as the editor runs it, its output kept as bytes: a report that cannot be
    encoded would raise in the child, not here."""
    return subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "build",
                           "--no-search", "--verbose"], capture_output=True, timeout=300,
                          check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_a_file_name_that_is_not_utf8_is_a_located_error_and_the_rest_is_built(
        project, english_article):
    project.page("en/2020/04/good.md", **english_article())
    folder = os.fsencode(project.root / "content/articles/en/2020/04")
    good = (project.root / "content/articles/en/2020/04/good.md").read_bytes()
    Path(os.fsdecode(folder + b"/bad\xff\xfe-name.md")).write_bytes(good)
    (project.root / "content/sources").mkdir(exist_ok=True)
    Path(os.fsdecode(os.fsencode(project.root / "content/sources") + b"/wire\xe9.txt")).write_bytes(
        WIRE.format(title="A wire with a Latin-1 name").encode())

    done = cli_build(project.root)
    report = done.stdout.decode("utf-8")  # strict: every byte printed is UTF-8
    assert done.returncode == 1
    assert ("content/articles/en/2020/04/bad\\xff\\xfe-name.md: error: the file name is not "
            "UTF-8 (shown with \\x escapes); rename it [file-name-encoding]") in report
    assert "content/sources/wire\\xe9.txt: error: the file name is not UTF-8" in report
    assert "content/articles/en/2020/04/good.md: published" in report
    assert (project.root / "site/en/2020/04/good/index.html").is_file()
    assert not list((project.root / "content/articles").rglob("a-wire-with*"))  # no page made


def test_line_breaks_and_direction_overrides_in_a_name_are_printed_escaped(
        project, english_article):
    project.page("en/2020/04/new\nline.md", **english_article(translation_key="a"))
    project.page("en/2020/04/evil\u202egnp.md", **english_article(translation_key="b"))
    report = cli_build(project.root).stdout.decode("utf-8")
    assert "content/articles/en/2020/04/new\\nline.md: warning: file name is not a clean slug; " \
           "published as 'new-line' [slug-normalised]" in report
    assert "content/articles/en/2020/04/evil\\u202egnp.md: published -> /en/2020/04/evilgnp/" \
           in report
    assert "\u202e" not in report
    assert all(line.startswith(("content/", "sources:", "pages ", "incremental", "time"))
               for line in report.splitlines()), report  # one line per file, none broken


def test_windows_device_names_are_flagged_in_pages_and_never_made_by_ingest(
        project, english_article):
    project.page("en/2020/04/con.md", **english_article())
    project.write("content/sources/wire.txt", WIRE.format(title="Aux"))
    outside = project.root.parent / f"{project.root.name}-outside"
    outside.mkdir()
    (outside / "nul.txt").write_text(WIRE.format(title="Another wire"), encoding="utf-8")

    report = build(project.config())
    copied = ingest_sources(project.config(), [outside / "nul.txt"])

    [portable] = [d for d in report.diagnostics if d.code == "file-name-portable"]
    assert portable.path == "content/articles/en/2020/04/con.md"
    assert "device name on Windows" in portable.message
    assert (project.root / "site/en/2020/04/con/index.html").is_file()  # still published
    assert (project.root / "content/articles/en/2020/04/aux-2.md").is_file()
    assert [o.path for o in copied.outcomes] == ["content/sources/nul-2.txt"]
    made = [p.name for p in (project.root / "content").rglob("*")]
    assert not any(name.split(".")[0].lower() in {"aux", "nul"} for name in made
                   if name != "wire.txt"), made


def test_names_as_long_as_the_file_system_allows_build_and_ingest(project, english_article):
    longest = "a" * 252  # + ".md": 255 bytes, the limit of ext4, APFS and NTFS
    project.page(f"en/2020/04/{longest}.md", **english_article())
    project.write(f"content/sources/{'w' * 255}", WIRE.format(title="A long-named wire"))
    report = build(project.config())
    fates = {o.path: o.fate for o in report.outcomes}
    assert fates[f"content/articles/en/2020/04/{longest}.md"] is Fate.PUBLISHED
    assert fates[f"content/sources/{'w' * 255}"] is Fate.INGESTED  # its sidecar name is too long
    assert (project.root / f"site/en/2020/04/{longest}/index.html").is_file()
    assert (project.root / "content/articles/en/2020/04/a-long-named-wire.md").is_file()


def test_control_characters_are_replaced_and_reported_at_their_line(project, english_article):
    page = project.page("en/2020/04/item.md", body="Before\x0cafter.\n\nBell\x07.",
                        **english_article(title="Nul\x00in the title", topics=["csto", "\x01"]))
    text = page.read_text(encoding="utf-8")
    report = build(project.config())

    warnings = sorted((d.line, d.message[:30]) for d in report.diagnostics
                      if d.code == "control-character")
    lines = text.splitlines()
    title_line = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))
    topics_line = next(n for n, line in enumerate(lines, 1) if line.startswith("topics:"))
    body_line = next(n for n, line in enumerate(lines, 1) if line.startswith("Before"))
    assert warnings == [(title_line, "control character U+0000 repla"),
                        (topics_line, "control character U+0001 repla"),
                        (body_line, "control character U+000C repla")]
    assert report.count(InputKind.PAGE, Fate.PUBLISHED) == 1
    for name, data in site_files(project.root / "site").items():
        assert not any(byte < 0x20 and byte not in b"\t\n\r" for byte in data), name
    html = (project.root / "site/en/2020/04/item/index.html").read_text(encoding="utf-8")
    assert "Nul\ufffdin the title" in html and "Before\ufffdafter." in html
    ElementTree.parse(project.root / "site/en/feed.xml")  # well-formed XML


def _collisions(root: Path, reverse: bool) -> None:
    """Pages and sources that collide in every way a digest can, made in one order or the other
    (so the file system lists them in a different order too)."""
    def page(rel: str, key: str) -> tuple[str, str]:
        return (f"content/articles/en/2020/04/{rel}",
                (f"---\ntitle: Item {rel}\ndate: 2020-04-17\nlang: en\noutlet: mfa\n"
                 f"translation_key: {key}\ntopics: [csto]\n---\n\nBody of {rel}.\n"))

    files = [
        page("Same Name.md", "one"),    # normalised to same-name: collides with the next
        page("same-name.md", "two"),
        page("same_name.md", "three"),
        page("twin-a.md", "twin"),      # two English versions of one translation key
        page("twin-b.md", "twin"),
        ("content/sources/first.txt", WIRE.format(title="One title for two wires")),
        ("content/sources/second.txt", WIRE.format(title="One title for two wires")
         + "\nAnother wire under the same title.\n"),
    ]
    for rel, text in reversed(files) if reverse else files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_collisions_are_resolved_and_reported_the_same_whatever_order_the_files_came_in(
        project, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(project.root, other)
    _collisions(project.root, reverse=False)
    _collisions(other, reverse=True)

    first, second = cli_build(project.root), cli_build(other)
    assert first.returncode == second.returncode == 0, first.stdout
    report = first.stdout.decode()
    timings = ("time:", "incremental:")
    assert [line for line in report.splitlines() if not line.startswith(timings)] == \
           [line for line in second.stdout.decode().splitlines() if not line.startswith(timings)]
    assert site_files(project.root / "site") == site_files(other / "site")
    assert "translation_key 'unknown-2020-04-17-one-title-for-two-wires" not in report
    for line in (
            ("content/articles/en/2020/04/same-name.md: warning: slug 'same-name' is already "
             "used in 'en'; published as 'same-name-2'"),
            ("content/articles/en/2020/04/same_name.md: warning: slug 'same-name' is already "
             "used in 'en'; published as 'same-name-3'"),
            ("content/articles/en/2020/04/twin-b.md:6: warning: translation_key 'twin' already "
             "has a 'en' version (twin-a)"),
            ("content/sources/first.txt: ingested -> content/articles/en/2020/04/"
             "one-title-for-two-wires.md"),
            ("content/sources/second.txt: ingested -> content/articles/en/2020/04/"
             "one-title-for-two-wires-2.md")):
        assert line in report, report


def test_a_link_to_a_file_outside_the_project_is_refused_and_one_inside_is_read(
        project, english_article, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    secret = outside / "secret.md"
    secret.write_text("---\ntitle: Secret\ndate: 2020-04-17\nlang: en\n---\n\nPrivate notes.\n",
                      encoding="utf-8")
    (outside / "secret.txt").write_text(WIRE.format(title="Private wire"), encoding="utf-8")
    project.page("en/2020/04/real.md", **english_article())
    (project.root / "content/articles/en/2020/04/leak.md").symlink_to(secret)
    (project.root / "content/articles/en/2020/04/alias.md").symlink_to(
        project.root / "content/articles/en/2020/04/real.md")
    (project.root / "content/sources/leak.txt").symlink_to(outside / "secret.txt")

    report = build(project.config())
    refused = {d.path: d.code for d in report.diagnostics if d.code == "file-outside-project"}
    assert refused == {"content/articles/en/2020/04/leak.md": "file-outside-project",
                       "content/sources/leak.txt": "file-outside-project"}
    fates = {o.path: o.fate for o in report.outcomes}
    assert fates["content/articles/en/2020/04/alias.md"] is Fate.PUBLISHED  # inside: a page
    site = b"".join(site_files(project.root / "site").values())
    assert b"Private" not in site and b"Secret" not in site
    assert not (project.root / "content/sources/secret.txt").exists()  # not copied in

"""digest ingest --dry-run: every decision of a real ingest, shown, and nothing written.

On the repository's real seed documents (the MFA briefing with its Russian hotline note, the
TASS page with its sidebar), through the command in a fresh process and through
:func:`builder.ingest.run.ingest_sources`: the project is the same byte for byte afterwards, and
what the dry run shows is what the real ingest then writes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

from builder.diagnostics import Fate
from builder.formats import frontmatter
from builder.i18n import load_catalogs
from builder.ingest.report import BODY_LINES_SHOWN
from builder.ingest.run import ingest_sources

MFA_SEED = "000_eb433352388561be.txt"
TASS_SEED = "002_3b3367dd57c4185f.txt"
MFA_PAGE = ("content/articles/en/2020/04/"
            "extract-from-the-briefing-by-foreign-ministry-spokesperson-maria-zakharova-april.md")
TASS_PAGE = ("content/articles/en/2020/10/"
             "lavrov-discusses-anti-covid-efforts-with-top-diplomats-from-central-asian.md")
TODAY = dt.date(2026, 11, 25)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under ``root``, by relative path."""
    return {path.relative_to(root).as_posix(): None if path.is_dir() else path.read_bytes()
            for path in sorted(root.rglob("*"))}


def digest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``digest --project ROOT ingest ARGS`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "builder", "--project", str(root), "ingest",
                           *args], check=False, capture_output=True, text=True, timeout=120)


def without_pages_and_hotline(project) -> None:
    """The sample project before its seeds were ingested: no pages, and catalogs without the
    hotline note (so the MFA seed brings it as a new fragment)."""
    shutil.rmtree(project.root / "content/articles")
    (project.root / "content/articles").mkdir()
    for lang in ("en", "ru"):
        catalog = project.root / "locales" / lang / "LC_MESSAGES" / "fragments.po"
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text[:text.index("#. lang: ru")], encoding="utf-8")


def shown_page(project, page: str) -> str:
    """What a dry run prints of the page now at ``page``: its front matter as written, and the
    first lines of its body."""
    text = project.read(page)
    end = text.index("\n---\n", 3) + len("\n---\n")
    body = text[end:].removeprefix("\n").splitlines()
    first = body[:BODY_LINES_SHOWN]
    while first and not first[-1]:
        first.pop()
    rest = len(body) - BODY_LINES_SHOWN
    return "\n".join([text[:end].rstrip("\n"), *first, *([f"… ({rest} more lines)"] * (rest > 0))])


def test_a_dry_run_of_the_seeds_writes_nothing_and_shows_what_ingest_then_writes(sample_project):
    project = sample_project
    without_pages_and_hotline(project)
    sources = [str(project.root / "content/sources" / name) for name in (MFA_SEED, TASS_SEED)]
    before = snapshot(project.root)

    dry = digest(project.root, "--dry-run", *sources)

    assert dry.returncode == 0, dry.stderr
    assert snapshot(project.root) == before  # locales/ and content/ included
    assert not (project.root / ".digest-cache").exists()
    assert dry.stdout.rstrip().splitlines()[-1] == (
        "dry run: nothing was written (2 would be ingested, 0 kept, 0 would be skipped, "
        "0 would fail)")

    real = digest(project.root, *sources)
    assert real.returncode == 0, real.stderr
    assert snapshot(project.root) != before
    for source, page in ((MFA_SEED, MFA_PAGE), (TASS_SEED, TASS_PAGE)):
        header = f"content/sources/{source}: would be ingested -> {page}"
        assert f"{header}\n{shown_page(project, page)}\n" in dry.stdout
    assert shown_page(project, MFA_PAGE).endswith(" more lines)")  # the briefing is cut short


def test_the_tass_sidebar_is_shown_as_dropped_and_the_hotline_note_as_a_new_fragment(
        sample_project):
    project = sample_project
    without_pages_and_hotline(project)
    result = ingest_sources(project.config(), today=TODAY, dry_run=True)
    tass = result.pages[f"content/sources/{TASS_SEED}"]
    mfa = result.pages[f"content/sources/{MFA_SEED}"]
    dry = digest(project.root, "--dry-run", str(project.root / "content/sources")).stdout

    sidebar = [d for d in tass.dropped if d.reason.startswith("sidebar")]
    assert sidebar and sidebar[0].text.startswith("Russian, Turkish top diplomats")
    for dropped in tass.dropped + mfa.dropped:
        assert f"  dropped line {dropped.line}, {dropped.reason}: {dropped.text}\n" in dry
    assert "dropped line 1, widget title: Asset Publisher" in dry

    [note] = mfa.new_fragments
    assert note.lang == "ru" and "круглосуточно" in note.original
    [line] = [line for line in dry.splitlines() if line.startswith("  new fragment ")]
    assert line.startswith(f"  new fragment {note.id} (ru), would be stored untranslated")
    assert "+7 (495) 587-88-60 – круглосуточно" in line
    assert f"content/sources/{MFA_SEED}: warning: a passage in 'ru' is stored as the new " \
           f"fragment '{note.id}'" in dry
    assert load_catalogs(project.config()).fragments == {}  # still not stored

    ingest_sources(project.config(), today=TODAY)
    assert load_catalogs(project.config()).fragments[note.id].original == note.original


def test_a_dry_run_decides_exactly_as_the_real_run_source_after_source(project):
    """Later sources see the slugs and fragments of the pages before them, in a dry run too."""
    note = "Справки по телефону горячей линии:\n\n+7 (495) 000-00-00 – круглосуточно"
    for name, days in (("one.txt", "weekdays"), ("two.txt", "Saturdays")):
        project.write(f"content/sources/{name}",
                      f"Embassy notice\n\n17 April 2020\n\nThe embassy is open to citizens on "
                      f"{days} and answers questions about travel home.\n\n{note}\n")
    project.write("content/sources/undated.txt", "A headline\n\nA paragraph without a date.\n")
    before = snapshot(project.root)

    dry = ingest_sources(project.config(), today=TODAY, dry_run=True)
    assert snapshot(project.root) == before
    real = ingest_sources(project.config(), today=TODAY)

    assert dry.sources == real.sources  # outcomes, diagnostics and pages, all equal
    one, two = (dry.pages[f"content/sources/{name}"] for name in ("one.txt", "two.txt"))
    assert (one.slug, two.slug) == ("embassy-notice", "embassy-notice-2")
    assert len(one.new_fragments) == 1 and two.new_fragments == ()
    assert two.fragment_ids == one.fragment_ids
    assert [o.fate for o in dry.outcomes] == [Fate.INGESTED, Fate.INGESTED, Fate.SKIPPED]


def test_a_source_from_outside_is_not_copied_and_its_own_sidecar_is_read(project, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    wire = outside / "wire.txt"
    wire.write_text("A wire from elsewhere\n\nMOSCOW, October 15. Text of the wire.\n",
                    encoding="utf-8")
    (outside / "wire.txt.meta.yaml").write_text("date: 2020-10-16\n", encoding="utf-8")
    before = snapshot(project.root)
    try:
        result = ingest_sources(project.config(), [wire], today=TODAY, dry_run=True)
        shown = digest(project.root, "--dry-run", str(wire))
        assert snapshot(project.root) == before
        real = ingest_sources(project.config(), [wire], today=TODAY)
    finally:
        shutil.rmtree(outside)

    [source] = result.sources
    assert source.outcome.path == "content/sources/wire.txt" and source.original == wire
    assert source.page is not None and source.page.front_matter["date"] == dt.date(2020, 10, 16)
    assert source.page.front_matter["source"] == "sources/wire.txt"
    assert result.sources == real.sources
    assert (project.root / "content/sources/wire.txt.meta.yaml").is_file()  # copied for real
    page = real.outcomes[0].detail
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(
        f"{wire.as_posix()}: would be ingested -> {page}\n"
        f"  would first be copied to content/sources/wire.txt, which the page names as its "
        f"source\n{shown_page(project, page)}\n")


def test_two_sources_from_outside_with_one_name_get_the_copies_a_real_run_makes(project, tmp_path):
    folders = [tmp_path.parent / f"{tmp_path.name}-{n}" for n in (1, 2)]
    for n, folder in enumerate(folders):
        folder.mkdir()
        (folder / "wire.txt").write_text(f"Wire {n}\n\n2020-04-17\n\nText {n}.\n", encoding="utf-8")
    try:
        paths = [folder / "wire.txt" for folder in folders]
        dry = ingest_sources(project.config(), paths, today=TODAY, dry_run=True)
        real = ingest_sources(project.config(), paths, today=TODAY)
    finally:
        for folder in folders:
            shutil.rmtree(folder)
    assert [o.path for o in dry.outcomes] == ["content/sources/wire.txt",
                                              "content/sources/wire-2.txt"]
    assert dry.sources == real.sources


def test_a_failing_source_is_reported_with_exit_code_1_and_the_others_still_shown(project):
    project.write("content/sources/empty.txt", "  \n\n")
    project.write("content/sources/good.txt", "Headline\n\n2020-04-17\n\nText.\n")
    before = snapshot(project.root)

    dry = digest(project.root, "--dry-run", str(project.root / "content/sources"))

    assert dry.returncode == 1
    assert snapshot(project.root) == before
    assert ("content/sources/empty.txt: would fail\n"  # why: once, in the line below
            "content/sources/empty.txt: error: the source has no text [source-empty]\n") \
        in dry.stdout
    assert ("content/sources/good.txt: would be ingested -> content/articles/en/2020/04/"
            "headline.md\n---\n# yaml-language-server: $schema=../../../../front-matter.schema.json"
            "\ntitle: Headline\n") in dry.stdout
    assert dry.stdout.rstrip().endswith(
        "dry run: nothing was written (1 would be ingested, 0 kept, 0 would be skipped, "
        "1 would fail)")
    assert ingest_sources(project.config(), today=TODAY, dry_run=True).failed


def test_sources_with_pages_are_said_kept_and_forced_show_the_rewrite(sample_project):
    project = sample_project
    sources = str(project.root / "content/sources")
    before = snapshot(project.root)

    kept = digest(project.root, "--dry-run", sources)
    forced = digest(project.root, "--dry-run", "--force", sources)

    assert (kept.returncode, forced.returncode) == (0, 0)
    assert snapshot(project.root) == before
    assert (f"content/sources/{TASS_SEED}: already has a page, {TASS_PAGE}; kept as the editor "
            f"has it (--force would rewrite it)") in kept.stdout
    assert "---" not in kept.stdout
    assert "(0 would be ingested, 2 kept, 0 would be skipped, 0 would fail)" in kept.stdout

    real = digest(project.root, "--force", sources)
    assert real.returncode == 0, real.stderr
    for source, page in ((MFA_SEED, MFA_PAGE), (TASS_SEED, TASS_PAGE)):
        assert (f"content/sources/{source}: would be ingested -> {page}\n"
                f"{shown_page(project, page)}\n") in forced.stdout
    assert "  fragment mfa-repatriation-hotline, already in the catalogs" in forced.stdout
    assert frontmatter.parse(project.read(TASS_PAGE)).data["source"] == f"sources/{TASS_SEED}"

"""builder.write: path safety, the next site made from the last two, and the all-or-nothing swap."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from builder import write
from builder.diagnostics import BuildError


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b",
                                 "nul\x00.html", "", "a//b", "./a"])
def test_no_output_path_can_leave_the_site_folder(tmp_path, bad):
    with pytest.raises(BuildError) as caught:
        write.safe_target(tmp_path, bad)
    assert caught.value.diagnostic.code == "output-path"


def test_a_symlink_inside_the_site_cannot_redirect_a_write_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "site"
    root.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(BuildError):
        write.safe_target(root, "link/file.html")


@dataclass
class Records:
    """What a build's state keeps of the site trees: their files and their folders' times."""

    files: dict = field(default_factory=dict)
    folders: dict = field(default_factory=dict)


def make_site(site, files: dict[str, bytes], records=None, settle=False):
    """One build's write: every file put (rendered), then published; the new records.
    With ``settle``, the records are taken as saved (the staging folder is trusted next time)."""
    records = Records(dict(records.files), dict(records.folders)) if records else Records()
    marker = site.parent / ".cache" / "staging-unrecorded"
    next_site = write.NextSite(site, records.files, marker, records.folders)
    for output, content in files.items():
        if not next_site.reuse(output, fingerprint(content)):
            next_site.put(output, fingerprint(content), content)
    written = next_site.finish()
    write.publish(next_site.staging, site)
    records.files[write.tree_id(site)] = written
    records.folders[write.tree_id(site)] = write.folder_times(site, written)
    if (spare := write.tree_id(next_site.staging)) is not None:
        records.files[spare] = next_site.live
        records.folders[spare] = next_site.live_folders
    if settle:
        write.settled(marker)
    return next_site, records


def fingerprint(content: bytes) -> str:
    return "job:" + content.decode()


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_publish_swaps_the_trees_and_keeps_the_old_one_as_the_next_staging_folder(tmp_path):
    site = tmp_path / "site"
    make_site(site, {"en/index.html": b"one", "old.html": b"old"})
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]
    make_site(site, {"en/index.html": b"two"})
    assert tree(site) == {"en/index.html": b"two"}
    assert tree(tmp_path / "site.next") == {"en/index.html": b"one", "old.html": b"old"}


def test_the_next_site_writes_only_what_changed_and_never_through_a_shared_file(tmp_path):
    site = tmp_path / "site"
    files = {f"en/{n}/index.html": f"page {n}".encode() for n in range(5)}
    _, records = make_site(site, files)
    _, records = make_site(site, files, records)  # staging was empty: all linked
    first_inode = (site / "en/0/index.html").stat().st_ino

    edited = {**files, "en/0/index.html": b"page 0, edited"}
    next_site, records = make_site(site, edited, records)
    assert (next_site.written, next_site.linked) == (1, 0)  # the other four were kept as staged
    assert tree(site) == edited
    # The old file, shared by both trees until now, was replaced, not written through.
    assert (tmp_path / "site.next/en/0/index.html").read_bytes() == b"page 0"
    assert (tmp_path / "site.next/en/0/index.html").stat().st_ino == first_inode

    next_site, records = make_site(site, edited, records)  # staged copy is stale: relink
    assert (next_site.written, next_site.linked) == (0, 1)
    assert tree(site) == tree(tmp_path / "site.next") == edited


def test_bytes_equal_to_what_a_tree_holds_are_not_written_again(tmp_path):
    site = tmp_path / "site"
    _, records = make_site(site, {"a.html": b"same"})
    next_site = write.NextSite(site, records.files, tmp_path / "marker", records.folders)
    assert not next_site.reuse("a.html", "a new fingerprint")
    next_site.put("a.html", "a new fingerprint", b"same")
    assert (next_site.written, next_site.linked) == (0, 1)


def test_leftovers_and_their_empty_folders_are_removed(tmp_path):
    site = tmp_path / "site"
    _, records = make_site(site, {"en/a/index.html": b"a", "en/b/index.html": b"b"})
    _, records = make_site(site, {"en/a/index.html": b"a"}, records)
    _, records = make_site(site, {"en/a/index.html": b"a"}, records)
    for folder in (site, tmp_path / "site.next"):
        assert tree(folder) == {"en/a/index.html": b"a"}
        assert not (folder / "en/b").exists()


def test_after_a_settled_build_only_the_recorded_files_are_checked(tmp_path):
    site = tmp_path / "site"
    files = {"a.html": b"a", "b.html": b"b"}
    _, records = make_site(site, files, settle=True)
    _, records = make_site(site, files, records, settle=True)
    (tmp_path / "site.next/a.html").write_bytes(b"changed by hand")
    make_site(site, files, records)
    assert tree(site) == files


def test_files_changed_by_hand_in_either_tree_are_noticed(tmp_path):
    """Also what a build killed while writing leaves: the marker says to look at every file."""
    site = tmp_path / "site"
    files = {"a.html": b"a", "b.html": b"b"}
    _, records = make_site(site, files)
    _, records = make_site(site, files, records)
    (tmp_path / "site.next/a.html").write_bytes(b"vandalised")  # the staging tree
    (site / "b.html").unlink()  # the live tree
    (site / "b.html").write_bytes(b"replaced")
    (tmp_path / "site.next/stray.html").write_bytes(b"stray")
    (tmp_path / "site.next/link").symlink_to(tmp_path)
    next_site, _ = make_site(site, files, records)
    assert tree(site) == files
    assert not (site / "link").exists()


def test_two_pages_for_one_path_is_an_error(tmp_path):
    next_site = write.NextSite(tmp_path / "site", {}, tmp_path / "marker", {})
    next_site.put("a.html", "1", b"1")
    with pytest.raises(BuildError) as caught:
        next_site.reuse("a.html", "2")
    assert caught.value.diagnostic.code == "output-collision"
    with pytest.raises(BuildError):
        next_site.put("a.html", "2", b"2")


def test_no_page_may_be_written_into_the_search_index_folder(tmp_path):
    with pytest.raises(BuildError) as caught:
        write.NextSite(tmp_path / "site", {}, tmp_path / "marker", {}).put("pagefind/pagefind.js", "x", b"alert(1)")
    assert caught.value.diagnostic.code == "output-path"


def test_a_mirror_is_the_same_files_by_hard_link(tmp_path):
    """The files the build recorded, and the search folder, which it does not record file by
    file."""
    site = tmp_path / "site"
    pages = {f"en/{number // 5}/{number}/index.html": b"%d" % number for number in range(20)}
    _, records = make_site(site, {**pages, "b.html": b"b"})
    (site / "pagefind/en-2020").mkdir(parents=True)
    (site / "pagefind/en-2020/pagefind-entry.json").write_text("{}")
    write.mirror(site, tmp_path / "site.next", records.files[write.tree_id(site)])
    assert tree(tmp_path / "site.next") == tree(site)
    assert len(tree(site)) == 22
    assert (tmp_path / "site.next/b.html").stat().st_ino == (site / "b.html").stat().st_ino


def test_a_file_planted_in_either_tree_is_never_published_again(tmp_path):
    """Not even after a settled build, which otherwise checks only the recorded files: the
    folder it was put in has a new time, so that folder is listed and the stranger deleted."""
    site = tmp_path / "site"
    files = {"index.html": b"home", "en/2020/a/index.html": b"a", "en/2020/b/index.html": b"b"}
    _, records = make_site(site, files, settle=True)
    _, records = make_site(site, files, records, settle=True)
    staging = tmp_path / "site.next"
    planted = {"evil.js": site, "en/2020/a/evil.html": site, "en/planted/deep/x.html": staging,
               "en/2020/b/also.html": staging}
    for path, tree_root in planted.items():
        (tree_root / path).parent.mkdir(parents=True, exist_ok=True)
        (tree_root / path).write_bytes(b"<script>alert(1)</script>")
    for _ in range(2):  # the planted files of the live tree are in the staging tree next time
        _, records = make_site(site, files, records, settle=True)
    assert tree(site) == tree(staging) == files
    assert not (staging / "en/planted").exists()


def test_a_folder_replaced_by_a_link_is_removed_without_touching_where_it_leads(tmp_path):
    site = tmp_path / "site"
    files = {"en/2020/a/index.html": b"a", "en/2020/b/index.html": b"b"}
    _, records = make_site(site, files, settle=True)
    _, records = make_site(site, files, records, settle=True)
    outside = tmp_path / "outside"
    (outside / "a").mkdir(parents=True)
    (outside / "a/index.html").write_bytes(b"keep me")
    (outside / "a/link").symlink_to(tmp_path)
    staging = tmp_path / "site.next"
    import shutil

    shutil.rmtree(staging / "en/2020")
    (staging / "en/2020").symlink_to(outside)
    make_site(site, files, records, settle=True)
    assert tree(site) == files
    assert (outside / "a/index.html").read_bytes() == b"keep me"
    assert (outside / "a/link").is_symlink()


def test_a_tree_with_a_file_added_is_not_as_recorded(tmp_path):
    site = tmp_path / "site"
    _, records = make_site(site, {"en/a/index.html": b"a"})
    live = write.tree_id(site)
    assert write.as_recorded(site, records.files[live], records.folders[live])
    (site / "en/a/extra.html").write_bytes(b"planted")
    assert not write.as_recorded(site, records.files[live], records.folders[live])

"""builder.write: the staging folder, path safety and the all-or-nothing swap."""

from __future__ import annotations

import pytest

from builder import write
from builder.diagnostics import BuildError
from builder.render import RenderedFile


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


def test_publish_replaces_the_site_whole_and_removes_the_staging_folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = write.prepare_staging(site)
    write.write_files(staging, [RenderedFile("en/index.html", b"new")])
    write.publish(staging, site)
    assert (site / "en" / "index.html").read_bytes() == b"new"
    assert not (site / "old.html").exists()
    assert not staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_works_when_there_is_no_site_yet(tmp_path):
    site = tmp_path / "site"
    staging = write.prepare_staging(site)
    write.write_files(staging, [RenderedFile("index.html", b"x")])
    write.publish(staging, site)
    assert (site / "index.html").read_bytes() == b"x"


def test_two_pages_for_one_path_is_an_error(tmp_path):
    staging = write.prepare_staging(tmp_path / "site")
    with pytest.raises(BuildError) as caught:
        write.write_files(staging, [RenderedFile("a.html", b"1"), RenderedFile("a.html", b"2")])
    assert caught.value.diagnostic.code == "output-collision"

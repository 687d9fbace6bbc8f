"""tools/screenshots.py: one look at every kind of page, both languages, phone and laptop,
light and dark.

In: the repository's sample site (the ``sample`` fixture of tests/test_sample_site.py). Out:
the script finds a page of every kind the browser tests know (tests/page_kinds.py), and in
Chromium writes one PNG per page, screen and scheme, at the screen's size, with a sheet that
shows them all. Why: a change a reader sees is resolved only after someone has looked at
every page; the script is how a reviewer does it in a minute, so it must not miss a kind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import benchmark_module
from tests.page_kinds import LANGUAGE_FREE, PAGE_KINDS
from tests.test_sample_site import MFA_EN, sample  # noqa: F401  (a fixture)

screenshots = benchmark_module("screenshots", "tools")


def test_a_page_of_every_kind_is_found_in_every_language_that_has_one(sample):
    shots = screenshots.find_pages(sample[0] / "site")
    found = {(shot.kind, shot.lang) for shot in shots}
    expected = {(kind, lang) for kind, path in PAGE_KINDS.items() for lang in ("en", "ru")
                if not isinstance(path, dict) or lang in path}
    assert expected | {(kind, "") for kind in LANGUAGE_FREE} == found
    by_kind = {(shot.kind, shot.lang): shot.path for shot in shots}
    assert by_kind[("article", "en")] == f"{MFA_EN}/"
    assert re.fullmatch(r"en/search/\?q=\w{4,}", by_kind[("search", "en")])
    assert by_kind[("month", "ru")] == "ru/2020/04/"  # the fullest month of the sample


def test_a_folder_no_build_wrote_is_refused_and_left_alone(tmp_path, sample, capsys):
    keep = tmp_path / "notes" / "draft.txt"
    keep.parent.mkdir()
    keep.write_text("mine")
    assert screenshots.main(["--site", str(tmp_path / "notes")]) == 2
    assert "not a site a digest build wrote" in capsys.readouterr().err
    assert screenshots.main(["--site", str(sample[0] / "site"), "--out", str(keep.parent)]) == 2
    assert "did not write" in capsys.readouterr().err and keep.read_text() == "mine"


@pytest.mark.browser
def test_every_page_is_shot_on_every_screen_in_both_schemes(sample, chromium, tmp_path: Path):
    site = sample[0] / "site"
    shots = screenshots.find_pages(site)
    with screenshots.serving(site) as root:
        written = screenshots.take(chromium, root, tmp_path, shots, full_page=False)
    assert len(written) == len(set(written)) == len(shots) * 4
    widths = {"phone": 390 * 2, "laptop": 1366}
    for name in written:
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        width = int.from_bytes(data[16:20], "big")
        assert width == widths["phone" if "-phone-" in name else "laptop"], name
    sheet = screenshots.contact_sheet(shots)
    assert all(f'src="{name}"' in sheet for name in written)

"""Every page is valid HTML, as the W3C Nu checker sees it.

In: the repository's sample site, built from its raw sources (the ``sample`` fixture of
tests/test_sample_site.py), and a site of 1,000 article pages made by the benchmarks' corpus
generator (the ``generated_site`` fixture of tests/conftest.py: paginated topics, every month and
year, briefings with sections); the Nu checker as pinned in tools/vnu/package-lock.json
(``npm ci --prefix tools/vnu``; ``python3 dev.py test`` does it), run with the system's Java
(Debian's ``default-jre-headless``). Out: not one error on any page of either site.

The checker runs once per site, over the whole folder (one Java process, which finds the
``.html`` files itself and skips the feeds, the sitemap and the search index): started once per
page, Java's start-up would cost more than the checking.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, unavailable
from tests.test_sample_site import sample  # noqa: F401  (a module fixture)

VNU = REPO / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason: str) -> None:
    unavailable(reason, "HTML validity")


@pytest.fixture(scope="module")
def nu_checker() -> list[str]:
    """The command that runs the Nu checker; skipped (failed with CI=true) without it or Java."""
    java = shutil.which("java")
    if java is None:
        _unavailable("no java on PATH (apt-get install default-jre-headless)")
    if not VNU.is_file():
        _unavailable(f"the Nu checker is not installed at {VNU.relative_to(REPO)} "
                     "(npm ci --prefix tools/vnu)")
    return [java, "-jar", str(VNU)]


def check(command: list[str], folder: Path) -> list[dict[str, Any]]:
    """The Nu checker's errors on every HTML page under ``folder``, in one run."""
    done = subprocess.run([*command, "--skip-non-html", "--errors-only", "--format", "json",
                           "--stdout", str(folder)], capture_output=True, text=True, check=False)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu checker did not report (exit {done.returncode}):\n"
                    f"{done.stdout}\n{done.stderr}")
    return [message for message in messages if message.get("type") != "info"]


def describe(errors: list[dict[str, Any]], folder: Path) -> str:
    lines = []
    for error in sorted(errors, key=lambda error: error.get("url", ""))[:40]:
        page = error.get("url", "").removeprefix("file:").removeprefix(f"{folder}/")
        lines.append(f"{page}:{error.get('lastLine', '?')}: {error.get('message')}")
    if len(errors) > 40:
        lines.append(f"... and {len(errors) - 40} more")
    return "\n".join(lines)


def test_every_page_of_the_sample_site_is_valid_html(nu_checker, sample):  # noqa: F811
    site = sample[0] / "site"
    assert len(list(site.rglob("*.html"))) > 40  # every kind of page, in both languages

    errors = check(nu_checker, site)

    assert len(errors) == 0, f"the Nu checker found:\n{describe(errors, site)}"


def test_every_page_of_a_generated_site_of_a_thousand_articles_is_valid_html(
        nu_checker, generated_site: Path):
    assert len(list(generated_site.rglob("*.html"))) > 2000
    assert (generated_site / "en" / "topics" / "covid-19" / "page" / "2" / "index.html").is_file()

    errors = check(nu_checker, generated_site)

    assert len(errors) == 0, f"the Nu checker found:\n{describe(errors, generated_site)}"

"""``digest i18n update`` takes out of ``fragments.po`` the fragments no page refers to.

An outside trial's newsletter footer (a postal address in English under a Russian text) was
stored as a fragment; the editor deleted it from the page, but the entry stayed in both
catalogs, untranslated, and every build failed ``[i18n] min_translated`` on it, with no command
to take it out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.cli import main
from builder.i18n import Fragment, add_fragments, catalog_coverage
from builder.session import build

FOOTER = Fragment("voa-330-independence-avenue-sw",
                  "Voice of America, 330 Independence Avenue SW, Washington, DC 20237, USA", "en")
REFERENCE = f'{{{{< fragment id="{FOOTER.id}" lang="en" >}}}}'
STORY = ("Жители Хабаровска вышли на улицы в субботу.\n\n"
         "Акция прошла без задержаний, сообщили в полиции.")


@pytest.fixture(autouse=True)
def extract_config(project):
    """What ``digest i18n update`` reads to extract the templates' strings."""
    shutil.copy(Path(__file__).resolve().parent.parent / "babel.cfg", project.root)


def untranslated_fragments(project) -> int:
    [ru] = [row for row in catalog_coverage(project.config()) if row.lang == "ru"]
    return ru.fragments_untranslated


def russian_page(project, body: str):
    return project.page("ru/2020/07/protest.md", body, title="Акция в Хабаровске",
                        date="2020-07-26", outlet="tass")


def test_a_fragment_no_page_refers_to_is_taken_out_and_the_build_passes_again(project, capsys):
    add_fragments(project.config(), [FOOTER])
    page = russian_page(project, f"{STORY}\n\n{REFERENCE}")
    assert main(["--project", str(project.root), "i18n", "update"]) == 0
    assert untranslated_fragments(project) == 1  # a page still refers to it: kept
    assert build(project.config()).errors[0].code == "i18n-coverage"

    page.write_text(page.read_text().replace(REFERENCE, ""))  # it was furniture after all
    capsys.readouterr()
    assert main(["--project", str(project.root), "i18n", "update"]) == 0
    assert f"took out fragment '{FOOTER.id}'" in capsys.readouterr().out
    assert untranslated_fragments(project) == 0
    for lang in ("en", "ru"):
        assert FOOTER.id not in project.read(f"locales/{lang}/LC_MESSAGES/fragments.po")
    assert build(project.config()).exit_code() == 0


def test_a_translated_fragment_is_kept_though_no_page_refers_to_it(project):
    """The sample's hotline note is translated, and here no page refers to it: a translator's
    work is never thrown away."""
    before = project.read("locales/en/LC_MESSAGES/fragments.po")
    assert "mfa-repatriation-hotline" in before
    assert main(["--project", str(project.root), "i18n", "update"]) == 0
    assert project.read("locales/en/LC_MESSAGES/fragments.po") == before


def test_nothing_is_taken_out_while_a_page_cannot_be_read(project, capsys):
    """A page left out by a broken front matter still refers to its fragments."""
    add_fragments(project.config(), [FOOTER])
    page = russian_page(project, f"{STORY}\n\n{REFERENCE}")
    page.write_text(page.read_text().replace("title: ", 'title: "', 1))
    assert main(["--project", str(project.root), "i18n", "update"]) == 1
    assert "could not be read, so no fragment was taken out" in capsys.readouterr().err
    assert untranslated_fragments(project) == 1

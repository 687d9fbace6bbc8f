"""Acceptance on real text: the 214 files of the WMT21 news test set (107 Russian articles and
their English translations; no dates, no furniture), ingested as an editor would.

Without dates every file is skipped with a warning and the site still builds; once the editor
gives a date and the translation pairs in folder files (made here from ``pairs.jsonl``), every
file becomes a page in the right language, titled with its headline, linked to its translation.
The corpus is test data only: it lives beside the repository, never in it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from builder.diagnostics import Fate, InputKind
from builder.formats import frontmatter
from builder.session import build
from tests.conftest import SHARED, Project, _copy_project_files

CORPUS = SHARED / "corpus" / "wmt-newstest2021"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the shared news corpus is not beside this clone ({CORPUS}); CI has it")


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    _copy_project_files(root, with_sources=False)
    for lang in ("en", "ru"):
        shutil.copytree(CORPUS / lang, root / "content" / "sources" / "wmt" / lang)
    return Project(root)


def pairs() -> list[dict]:
    return [json.loads(line) for line in (CORPUS / "pairs.jsonl").read_text().splitlines()]


def translation_key(entry: dict) -> str:
    """A key an editor might choose: the pair id, as lower-case words joined by '-'."""
    return entry["pair_id"].replace("__", "-").replace(".", "-").lower()


def source_outcomes(report):
    return [o for o in report.outcomes if o.kind is InputKind.SOURCE]


def test_without_dates_every_file_is_skipped_with_a_warning_and_the_site_builds(corpus_project):
    report = build(corpus_project.config())
    outcomes = source_outcomes(report)
    assert len(outcomes) == 214
    assert {o.fate for o in outcomes} == {Fate.SKIPPED}
    warnings = [d for d in report.diagnostics if d.code == "date-missing"]
    assert sorted(d.path for d in warnings) == sorted(o.path for o in outcomes)
    assert not report.errors and report.published


def test_with_dates_and_pairs_every_file_is_a_page_in_its_language_linked_to_its_translation(
        corpus_project):
    entries = pairs()
    for lang in ("en", "ru"):
        other = "ru" if lang == "en" else "en"
        sources = {Path(entry[f"{lang}_file"]).name: {
            "translation_key": translation_key(entry),
            **({"translated_from": other} if entry["origlang"] == other else {})}
            for entry in entries}
        corpus_project.write(f"content/sources/wmt/{lang}/folder.meta.yaml", yaml.safe_dump(
            {"defaults": {"date": "2021-07-25"}, "sources": sources}, allow_unicode=True)
            .replace("'2021-07-25'", "2021-07-25"))

    report = build(corpus_project.config())
    assert not report.errors, report.render_text()
    ingested = [o for o in source_outcomes(report) if o.fate is Fate.INGESTED]
    assert len(ingested) == 214

    titles = {}
    for outcome in ingested:
        folder_lang = outcome.path.split("/")[-2]
        page = frontmatter.parse(corpus_project.read(outcome.detail)).data
        assert page["lang"] == folder_lang, outcome.path
        first_line = corpus_project.read(outcome.path).split("\n", 1)[0].strip()
        assert page["title"] == first_line, outcome.path
        titles[(page["translation_key"], page["lang"])] = page["title"]

    for entry in entries:
        key = translation_key(entry)
        assert titles[(key, "en")] == entry["title_en"].strip()
        assert titles[(key, "ru")] == entry["title_ru"].strip()
    assert report.count(InputKind.PAGE, Fate.PUBLISHED) == 214
    # Paired: each English page's language switch leads to its Russian version, not a month.
    site = corpus_project.root / "site"
    english = [p for p in (site / "en" / "2021" / "07").iterdir() if p.is_dir()]
    assert len(english) == 107
    for page in english:
        html = (page / "index.html").read_text(encoding="utf-8")
        assert 'hreflang="ru" lang="ru" data-language="ru"' in html
        assert 'href="/ru/2021/07/"' not in html.split('class="language-switch"')[1].split("</nav>")[0]

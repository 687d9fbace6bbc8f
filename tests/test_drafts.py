"""``draft: true``: a page kept out of the site until the editor publishes it.

As every peer has it (Hugo's ``draft``, Pelican's and Nikola's ``status: draft``, Zola's
``draft = true``): a draft is in no page, list, feed, sitemap or search record of a build; the
report counts it; the live preview shows it, marked as a draft, in either language; and
``digest new --translation-of`` writes one, so that a stub in the other language's words is
never published.
"""

from __future__ import annotations

import urllib.request

from builder.diagnostics import Fate
from builder.serve import start_preview
from builder.session import build

DRAFT = "ru/2020/04/testovyy-material.md"
DRAFT_URL = "/ru/2020/04/testovyy-material/"
BANNER_RU = "Черновик: его показывает только предпросмотр"


def bilingual(project, english_article) -> None:
    """An English item, published, and its Russian version, a draft."""
    project.page("en/2020/04/a-test-item.md", "The English text.", **english_article())
    project.page(DRAFT, "Черновой перевод.", **english_article(
        lang="ru", title="Тестовый материал", draft=True, translated_from="en"))


def site_text(project) -> str:
    return "\n".join(path.read_text(errors="replace") for path in
                     (project.root / "site").rglob("*") if path.is_file())


def test_a_draft_is_in_no_page_list_feed_or_sitemap_and_the_report_counts_it(
        project, english_article):
    bilingual(project, english_article)
    report = build(project.config())
    assert report.published and report.exit_code(strict=True) == 0
    fates = {o.path: o.fate for o in report.outcomes}
    assert fates == {f"content/articles/{DRAFT}": Fate.DRAFT,
                     "content/articles/en/2020/04/a-test-item.md": Fate.PUBLISHED}
    assert "1 published, 0 scheduled, 1 drafts, 0 failed" in report.render_text()
    assert not (project.root / "site" / DRAFT_URL.strip("/")).exists()
    text = site_text(project)
    assert "Тестовый материал" not in text and "Черновой перевод" not in text
    assert DRAFT_URL not in text  # no list, feed, sitemap or language switch leads to it


def test_publishing_a_draft_is_deleting_the_line(project, english_article):
    bilingual(project, english_article)
    build(project.config())
    page = project.root / "content/articles" / DRAFT
    page.write_text(page.read_text().replace("draft: true\n", ""))
    report = build(project.config())
    assert {o.fate for o in report.outcomes} == {Fate.PUBLISHED}
    assert (project.root / "site" / DRAFT_URL.strip("/") / "index.html").is_file()
    english = (project.root / "site/en/2020/04/a-test-item/index.html").read_text()
    assert f'href="{DRAFT_URL}"' in english  # the language switch leads to it now


def test_draft_takes_true_or_false_only(project, english_article):
    project.page("en/2020/04/a-test-item.md", **english_article(draft="yes"))
    [problem] = build(project.config()).errors  # YAML 1.2: "yes" is text
    assert problem.code == "front-matter-type" and "true or false" in problem.message
    lines = project.read("content/articles/en/2020/04/a-test-item.md").splitlines()
    assert lines[problem.line - 1].startswith("draft:")


def test_the_preview_shows_a_draft_marked_as_one_and_a_build_then_leaves_it_out(
        project, english_article):
    bilingual(project, english_article)
    preview = start_preview(project.config(), port=0, quiet=0.05, log=lambda _line: None)
    try:
        with urllib.request.urlopen(preview.url.rstrip("/") + DRAFT_URL, timeout=30) as answer:
            page = answer.read().decode()
    finally:
        preview.stop()
    assert "Черновой перевод" in page and BANNER_RU in page
    build(project.config())
    assert not (project.root / "site" / DRAFT_URL.strip("/")).exists()
    english = (project.root / "site/en/2020/04/a-test-item/index.html").read_text()
    assert "Draft: only the preview" not in english

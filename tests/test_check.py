"""builder.check: a freshly built site checks clean; each kind of breakage is reported, located."""

from __future__ import annotations

import pytest

from builder.check import CheckReport, check
from builder.cli import main
from builder.session import build

EN = "en/2020/04/a-test-item/index.html"
RU = "ru/2020/04/testovyy-material/index.html"
ALONE = "en/2020/04/only-in-english/index.html"
BASE_URL = "https://digest-sample.netlify.app"


@pytest.fixture
def site(project, english_article):
    """A small bilingual site, built: a pair of versions with sections and one item alone."""
    body = "## First part\n\nText. ![A map](/assets/favicon.svg)\n\n## Second part\n\nMore text."
    project.page("en/2020/04/a-test-item.md", body, **english_article())
    project.page("ru/2020/04/testovyy-material.md", "## Первая часть\n\nТекст.",
                 **english_article(lang="ru", title="Тестовый материал"))
    project.page("en/2020/04/only-in-english.md", **english_article(
        title="Only in English", translation_key="alone"))
    report = build(project.config())
    assert report.published and not report.errors, report.render_text()
    return project


def run(project) -> CheckReport:
    return check(project.root / "site", "site", BASE_URL, ("en", "ru"))


def edit(project, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project.root / "site" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project, rel: str, needle: str) -> int:
    text = (project.root / "site" / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def lines(report: CheckReport) -> list[str]:
    return [str(d) for d in report.diagnostics]


def test_a_freshly_built_bilingual_site_checks_clean(site):
    report = run(site)
    assert lines(report) == []
    assert report.exit_code(strict=True) == 0
    assert report.pages == len(list((site.root / "site").rglob("*.html")))
    assert report.render_text().endswith("0 errors, 0 warnings")


def test_a_link_to_a_missing_page_is_an_error_at_its_line(site):
    edit(site, EN, "</main>", '<a href="/en/nowhere/">x</a> <a href="../../nope/">y</a>\n</main>')
    line = line_of(site, EN, "/en/nowhere/")
    report = run(site)
    assert lines(report) == [
        f"site/{EN}:{line}: error: link to ../../nope/ (/en/2020/nope/) has no page [broken-link]",
        f"site/{EN}:{line}: error: link to /en/nowhere/ has no page [broken-link]",
    ]
    assert report.exit_code() == 1


def test_relative_links_and_links_to_a_folder_without_its_slash_resolve(site):
    edit(site, EN, "</main>", '<a href="../">month</a> <a href="/en/2020">year</a>'
         ' <a href="./#first-part">self</a> <a href="#">top</a>\n</main>')
    assert lines(run(site)) == []


def test_a_missing_anchor_is_an_error_on_this_page_or_the_target_page(site):
    edit(site, ALONE, "</main>", '<a href="/en/2020/04/a-test-item/#second-part">ok</a>\n'
         '<a href="/en/2020/04/a-test-item/#third-part">no</a>\n<a href="#nowhere">no</a>\n</main>')
    other, same = line_of(site, ALONE, "#third-part"), line_of(site, ALONE, "#nowhere")
    assert lines(run(site)) == [
        (f"site/{ALONE}:{other}: error: link to /en/2020/04/a-test-item/#third-part: "
        f'/en/2020/04/a-test-item/ has no id "third-part" [broken-anchor]'),
        (f'site/{ALONE}:{same}: error: link to #nowhere: this page has no id "nowhere" '
        f"[broken-anchor]"),
    ]


def test_an_image_without_alt_or_without_its_file_is_an_error(site):
    edit(site, EN, 'alt="A map"', "")
    edit(site, EN, "</main>", '<img src="/assets/missing.png" alt="">\n</main>')
    first = line_of(site, EN, '<img src="/assets/favicon.svg"')
    missing = line_of(site, EN, "missing.png")
    report = run(site)
    assert lines(report) == [
        f"site/{EN}:{first}: error: image /assets/favicon.svg has no alt attribute [img-alt]",
        f"site/{EN}:{missing}: error: image /assets/missing.png has no file [broken-image]",
    ]
    assert report.exit_code() == 1


def test_feed_files_that_do_not_parse_are_errors_at_their_line(site):
    feeds = site.root / "site" / "en"
    (feeds / "feed.xml").write_text('<?xml version="1.0"?>\n<feed>\n<entry>\n</feed>\n')
    (feeds / "feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1",\n"items": ]}')
    (site.root / "site" / "ru" / "feed.json").write_text('{"version": "1.1", "items": []}')
    bundle = site.root / "site" / "pagefind"  # Pagefind's own files are not read
    bundle.mkdir()
    for name in ("pagefind-entry.json", "pagefind-component-ui.css", "pagefind-component-ui.js"):
        (bundle / name).write_text("{not json")
    assert lines(run(site)) == [
        "site/en/feed.json:2: error: not valid JSON: Expecting value [feed-syntax]",
        "site/en/feed.xml:4: error: not well-formed XML: mismatched tag [feed-syntax]",
    ]


def test_a_sitemap_url_that_is_not_a_page_of_the_site_is_an_error(site):
    edit(site, "sitemap.xml", "</urlset>",
         f"  <url>\n    <loc>{BASE_URL}/en/nowhere/</loc>\n  </url>\n"
         "  <url>\n    <loc>https://elsewhere.example/en/</loc>\n  </url>\n</urlset>")
    nowhere = line_of(site, "sitemap.xml", "/en/nowhere/")
    assert lines(run(site)) == [
        (f"site/sitemap.xml:{nowhere}: error: {BASE_URL}/en/nowhere/ is not a page of the site "
        "[sitemap-url]"),
        (f"site/sitemap.xml:{nowhere + 3}: error: https://elsewhere.example/en/ is not under the "
        f"site's base_url {BASE_URL} [sitemap-url]"),
    ]


def test_a_one_way_hreflang_link_is_an_error_on_the_page_that_is_not_named_back(site):
    for hreflang in ("en", "x-default"):
        edit(site, RU, f'<link rel="alternate" hreflang="{hreflang}" href="{BASE_URL}/{EN[:-10]}">\n',
             "")
    line = line_of(site, EN, 'hreflang="ru"')
    report = run(site)
    assert lines(report) == [
        (f'site/{EN}:{line}: error: hreflang="ru" names /{RU[:-10]}, which does not name '
        f"/{EN[:-10]} back [hreflang-reciprocity]"),
    ]
    assert report.exit_code() == 1


def test_an_hreflang_link_to_a_page_in_another_language_is_an_error(site):
    edit(site, RU, '<html lang="ru">', '<html lang="en">')
    own, from_en = line_of(site, RU, 'hreflang="ru"'), line_of(site, EN, 'hreflang="ru"')
    assert lines(run(site)) == [
        (f'site/{EN}:{from_en}: error: hreflang="ru" names /{RU[:-10]}, whose <html lang> is en '
        "[hreflang-lang]"),
        (f'site/{RU}:{own}: error: hreflang="ru" names /{RU[:-10]}, whose <html lang> is en '
        "[hreflang-lang]"),
    ]


def test_duplicate_titles_in_one_language_are_a_warning_naming_both_pages(site):
    edit(site, ALONE, "<title>Only in English", "<title>A test item")
    line = line_of(site, ALONE, "<title>")
    report = run(site)
    assert lines(report) == [
        (f'site/{ALONE}:{line}: warning: title "A test item · Digest" is also the title of '
        f"site/{EN} [duplicate-title]"),
    ]
    assert (report.exit_code(), report.exit_code(strict=True)) == (0, 1)


def test_a_language_page_without_lang_or_with_two_h1_is_a_warning(site):
    edit(site, ALONE, '<html lang="en">', "<html>")
    edit(site, ALONE, "</main>", "<h1>Again</h1>\n</main>")
    first, second = line_of(site, ALONE, "<h1"), line_of(site, ALONE, "<h1>Again")
    own = line_of(site, ALONE, 'hreflang="en"')
    assert lines(run(site)) == [
        f"site/{ALONE}:2: warning: no <html lang> [missing-lang]",
        (f'site/{ALONE}:{own}: error: hreflang="en" names /{ALONE[:-10]}, whose <html lang> is '
        "missing [hreflang-lang]"),
        f"site/{ALONE}:{second}: warning: 2 <h1> elements (lines {first}, {second}) [h1-count]",
    ]


def test_external_links_are_not_fetched_but_must_be_well_formed_urls(site):
    edit(site, EN, "</main>", '<a href="https://example.org/x">ok</a> <a href="tel:+74951234567">'
         'ok</a> <a href="mailto:press@example.org">ok</a>\n<a href="https:///x">bad</a> '
         '<a href="mailto:">bad</a> <a href="tel:call-us">bad</a> <a href="/__digest/status">'
         "preview</a>\n</main>")
    line = line_of(site, EN, "https:///x")
    assert lines(run(site)) == [
        f"site/{EN}:{line}: error: link to https:///x is not a well-formed URL [malformed-url]",
        f"site/{EN}:{line}: error: link to mailto: has no e-mail address [malformed-url]",
        f"site/{EN}:{line}: error: link to tel:call-us has no telephone number [malformed-url]",
    ]


def test_digest_check_prints_sorted_diagnostics_and_a_summary_and_sets_the_exit_code(
        site, capsys):
    root = str(site.root)
    assert main(["--project", root, "check"]) == 0
    assert capsys.readouterr().out.startswith("checked ")

    edit(site, EN, "</main>", '<a href="/en/nowhere/">x</a>\n</main>')
    edit(site, ALONE, "<title>Only in English", "<title>A test item")
    assert main(["--project", root, "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in out[:-1]] == ["error", "warning"]
    assert out[0].startswith(f"site/{EN}:") and out[-1].endswith("1 errors, 1 warnings")


def test_digest_check_strict_fails_on_warnings_and_site_names_another_folder(site, capsys):
    root = str(site.root)
    edit(site, ALONE, "<title>Only in English", "<title>A test item")
    assert main(["--project", root, "check"]) == 0
    assert main(["--project", root, "check", "--strict"]) == 1
    (site.root / "site").rename(site.root / "public")
    capsys.readouterr()
    assert main(["--project", root, "check", "--site", str(site.root / "public")]) == 0
    assert f"public/{ALONE}:" in capsys.readouterr().out
    assert main(["--project", root, "check"]) == 2
    assert "no built site here" in capsys.readouterr().err


def test_check_reads_only_a_folder_a_digest_build_wrote(site, capsys, tmp_path):
    """``digest check --site /`` walked into /proc and ended in a traceback; a folder of
    someone else's files is no site to check either."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "index.html").write_text("<p>mine</p>")
    for folder in ("/", str(tmp_path / "notes")):
        assert main(["--project", str(site.root), "check", "--site", folder]) == 2
        err = capsys.readouterr().err
        assert "not a site a digest build wrote" in err and "Traceback" not in err


def test_a_json_file_nested_past_any_stack_is_one_located_error(site, capsys):
    (site.root / "site/en/feed.json").write_text("[" * 100_000 + "]" * 100_000)
    assert main(["--project", str(site.root), "check"]) == 1
    out = capsys.readouterr().out
    assert "site/en/feed.json:1: error: not JSON a reader can use: nested too deeply" in out


def test_check_reads_no_link_in_the_checked_folder(site, capsys, tmp_path):
    """A build writes no link; one planted in a checked folder (to /etc/passwd, say) is not
    read, and a page that leads to it is a broken link."""
    (tmp_path / "secret.html").write_text("<p>TOKEN=hunter2</p>")
    (site.root / "site/en/planted.html").symlink_to(tmp_path / "secret.html")
    main(["--project", str(site.root), "check"])
    assert "hunter2" not in capsys.readouterr().out
    from builder.check.site import read_site

    assert "en/planted.html" not in read_site(site.root / "site", "site").pages

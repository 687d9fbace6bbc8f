"""``digest i18n status --list``: which items each language lacks, newest first, with the
command that starts each missing version; drafts and outdated translations named too."""

from __future__ import annotations

from builder.cli import main


def test_the_list_names_what_each_language_lacks_newest_first(project, english_article, capsys):
    project.page("en/2020/04/older.md", **english_article(title="Older", translation_key="old"))
    project.page("en/2020/05/newer.md", **english_article(title="Newer", translation_key="new",
                                                          date="2020-05-02"))
    project.page("en/2020/04/paired.md", "The English text.",
                 **english_article(title="Paired", translation_key="pair"))
    project.page("ru/2020/04/para.md", **english_article(
        lang="ru", title="Пара", translation_key="pair", translated_from="en",
        original_sha256="0" * 64))
    project.page("en/2020/04/drafted.md", **english_article(title="Drafted",
                                                            translation_key="drafted"))
    project.page("ru/2020/04/chernovik.md", **english_article(
        lang="ru", title="Черновик", translation_key="drafted", draft=True))
    project.page("ru/2020/04/tolko.md", **english_article(lang="ru", title="Только",
                                                          translation_key="only-ru"))

    assert main(["--project", str(project.root), "i18n", "status", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    ru = out.index("ru: 2 items lack a version in ru, 1 have only a draft, 0 are scheduled, "
                   "1 are outdated")
    assert out[ru + 1:ru + 5] == [
        "  missing: content/articles/en/2020/05/newer.md -> digest new --lang ru "
        "--translation-of new",
        "  missing: content/articles/en/2020/04/older.md -> digest new --lang ru "
        "--translation-of old",
        "  draft: content/articles/ru/2020/04/chernovik.md",
        "  outdated: content/articles/ru/2020/04/para.md",
    ]
    en = out.index("en: 1 items lack a version in en, 0 have only a draft, 0 are scheduled, "
                   "0 are outdated")
    assert out[en + 1] == ("  missing: content/articles/ru/2020/04/tolko.md -> digest new "
                           "--lang en --translation-of only-ru")


def test_without_list_the_status_is_the_counts(project, english_article, capsys):
    project.page("en/2020/04/older.md", **english_article())
    assert main(["--project", str(project.root), "i18n", "status"]) == 0
    assert "missing:" not in capsys.readouterr().out

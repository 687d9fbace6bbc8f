"""The project's own files written wrong: one located line from every command, never a crash.

``content/topics.yaml``, ``content/outlets.yaml`` and a catalog's ``Plural-Forms`` header are
read by every command; an editor's slip there (a list where a text goes, a key that is a
number, a plural rule that divides by zero) once gave a traceback, or, for ``nplurals`` in the
millions, took all the memory there was. Each case is tried through every command that reads
the file, as the editor would meet it.
"""

from __future__ import annotations

import re

import pytest

from builder.cli import main

COMMANDS = [["build", "--no-search"], ["topics"], ["outlets"], ["i18n", "status"],
            ["new", "--lang", "en", "--date", "2020-04-20", "A new item"]]


def run(project, capsys, command: list[str]) -> tuple[int, list[str]]:
    code = main(["--project", str(project.root), *command])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in (captured.out + captured.err).splitlines()
                  if ": error: " in line]


@pytest.mark.parametrize("name, text, expected", [
    ("topics.yaml", "1: {label: {en: One}}\n", "topics.yaml:1: error: topic key 1 must be "),
    ("topics.yaml", "null: {label: {en: One}}\n", "topics.yaml:1: error: topic key None must "),
    ("topics.yaml", "a-topic: {label: {en: A}}\nB Topic: {label: {en: B}}\n",
     "topics.yaml:2: error: topic key 'B Topic' must be"),
    ("topics.yaml", "a-topic: {label: {en: [A, B]}}\n",
     "topics.yaml:1: error: topic 'a-topic' label in 'en' must be a text, not ['A', 'B']"),
    ("topics.yaml", "a-topic: {label: {en: {x: y}}}\n",
     "topics.yaml:1: error: topic 'a-topic' label in 'en' must be a text"),
    ("topics.yaml", "a-topic:\n  keywords: {en: [A, [B]]}\n",
     "topics.yaml:1: error: topic 'a-topic' keywords in 'en' must be a list of texts"),
    ("topics.yaml", "a-topic:\n  keywords: {de: [A]}\n",
     "topics.yaml:1: error: topic 'a-topic' keywords must map language codes (en, ru)"),
    ("topics.yaml", "a-topic: [label]\n", "topics.yaml:1: error: topic 'a-topic' must be a "),
    ("topics.yaml", "- a-topic\n", "topics.yaml:1: error: must be a mapping"),
    ("outlets.yaml", "tass: {name: {en: TASS}, url: [https://tass.com]}\n",
     "outlets.yaml:1: error: outlet 'tass' url must be an http(s) address"),
    ("outlets.yaml", "tass: {name: {en: TASS}}\nrt:\n  url: 'javascript:alert(1)'\n",
     "outlets.yaml:2: error: outlet 'rt' url must be an http(s) address"),
    ("outlets.yaml", 'tass: {name: {en: TASS}}\nrt:\n  url: "\\0https://rt.com"\n',
     "outlets.yaml:2: error: outlet 'rt' url must be an http(s) address"),
    ("outlets.yaml", "tass: {name: {en: TASS}}\nrt:\n  timezone: Mars/Olympus\n",
     "outlets.yaml:2: error: outlet 'rt' timezone 'Mars/Olympus' is not an IANA time zone"),
    ("outlets.yaml", "tass: {name: {en: TASS}}\n7: {name: {en: Seven}}\n",
     "outlets.yaml:2: error: outlet key 7 must be"),
    ("outlets.yaml", "tass: {name: {en: true}}\n",
     "outlets.yaml:1: error: outlet 'tass' name in 'en' must be a text, not True"),
])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_wrong_key_or_value_in_topics_or_outlets_is_one_located_line(
        project, english_article, capsys, name, text, expected, command):
    project.page("en/2020/04/good.md", **english_article())
    (project.root / "content" / name).write_text(text, encoding="utf-8")
    code, errors = run(project, capsys, command)
    assert code == 2 and len(errors) == 1 and errors[0].startswith("content/" + expected), errors
    assert not (project.root / "site").exists()


def test_a_keyword_given_as_one_text_is_a_list_of_one(project, english_article, capsys):
    """``keywords: {en: Uzbekistan}`` is what an editor means by one keyword."""
    (project.root / "content/topics.yaml").write_text(
        "uzbekistan:\n  label: {en: Uzbekistan, ru: Узбекистан}\n"
        "  keywords: {en: Uzbekistan, ru: 2020}\n", encoding="utf-8")
    from builder.config import load_config

    topic = load_config(project.root).topics["uzbekistan"]
    assert topic.keywords == {"en": ("Uzbekistan",), "ru": ("2020",)}


def with_plural_forms(project, header: str, domain: str = "messages") -> None:
    catalog = project.root / f"locales/ru/LC_MESSAGES/{domain}.po"
    text = re.sub(r'"Plural-Forms:.*?\\n"\n', f'"Plural-Forms: {header}\\\\n"\n',
                  catalog.read_text(encoding="utf-8"), count=1, flags=re.DOTALL)
    assert header in text
    catalog.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("header, why", [
    ("nplurals=999999999; plural=0;", "nplurals=999999999, but a language has 1 to 6"),
    ("nplurals=0; plural=0;", "nplurals=0, but a language has 1 to 6"),
    ("nplurals=x; plural=0;", "nplurals=x is not a number"),
    ("nplurals=3; plural=n%0;", "is not a rule gettext can use"),
    ("nplurals=3; plural=n+5;", "gives form 5 for 0, but there are 3 (0 to 2)"),
    ("nplurals=3; plural=" + "(" * 200 + "n" + ")" * 200 + ";", "is not a rule gettext can"),
    ("nplurals=3; plural=import os;", "is not a rule gettext can use"),
])
@pytest.mark.parametrize("command", [["build", "--no-search"], ["i18n", "status"]])
def test_a_plural_rule_no_language_has_is_one_located_line(project, english_article, capsys,
                                                          header, why, command):
    project.page("en/2020/04/good.md", **english_article())
    with_plural_forms(project, header)
    code, errors = run(project, capsys, command)
    assert code == 2 and len(errors) == 1, errors
    assert errors[0].startswith("locales/ru/LC_MESSAGES/messages.po:"), errors
    assert why in errors[0] and errors[0].endswith("[catalog-syntax]"), errors


@pytest.mark.parametrize("domain", ["messages", "fragments"])
def test_i18n_update_with_a_catalog_it_cannot_read_writes_no_catalog(project, english_article,
                                                                   capsys, domain):
    """It rewrote the template and the English catalog, then stopped at the Russian one (and
    passed a fragments catalog the build refuses)."""
    import shutil
    from pathlib import Path

    shutil.copy(Path(__file__).resolve().parent.parent / "babel.cfg", project.root)
    with_plural_forms(project, "nplurals=999999999; plural=n%0;", domain)
    locales = project.root / "locales"
    before = {path: path.read_bytes() for path in locales.rglob("*") if path.is_file()}
    code, errors = run(project, capsys, ["i18n", "update"])
    assert code == 2 and len(errors) == 1 and "[catalog-syntax]" in errors[0]
    assert {path: path.read_bytes() for path in locales.rglob("*") if path.is_file()} == before

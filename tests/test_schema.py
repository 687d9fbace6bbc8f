"""The front matter's JSON Schema: made from the fields the build validates with, shipped in
``content/``, accepted by every sample page, and in agreement with the build about what is
malformed, example by example and for arbitrary values (hypothesis). Both read the same YAML
text as YAML 1.2 reads it, as editors' tools do (:mod:`builder.util.yamlcore`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.config import load_config
from builder.diagnostics import Severity
from builder.formats import frontmatter
from builder.formats.fields import FIELDS, KEY_ORDER
from builder.formats.schema import COMMENT_PREFIX, front_matter_schema, schema_bytes, schema_path
from builder.read import read_articles
from builder.util.yamlcore import load

REPO = Path(__file__).resolve().parent.parent


def validator(config) -> jsonschema.Draft202012Validator:
    schema = front_matter_schema(config)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_the_one_the_fields_make():
    config = load_config(REPO)
    assert schema_path(config).read_bytes() == schema_bytes(config), \
        "content/front-matter.schema.json is out of date: run 'digest build'"
    assert list(json.loads(schema_bytes(config))["properties"]) == list(KEY_ORDER)


def test_every_sample_page_is_valid_and_names_the_schema():
    config = load_config(REPO)
    check = validator(config)
    pages = sorted(config.articles_dir.rglob("*.md"))
    assert len(pages) >= 3
    for page in pages:
        text = page.read_text(encoding="utf-8")
        errors = [error.message for error in check.iter_errors(frontmatter.parse(text).data)]
        assert not errors, f"{page}: {errors}"
        comment = text.splitlines()[1]
        assert comment.startswith(COMMENT_PREFIX), page
        named = (page.parent / comment.removeprefix(COMMENT_PREFIX)).resolve()
        assert named == schema_path(config).resolve(), page


def yaml_text(front: dict[str, Any]) -> str:
    """The front matter as a writer of YAML writes it (PyYAML's, as many tools are)."""
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False)


def build_rejects(project, front: dict[str, Any]) -> bool:
    """Whether the read stage leaves a page with this front matter out (an error), warnings
    aside."""
    text = "---\n" + yaml_text(front) + "---\n\nBody.\n"
    path = project.write("content/articles/en/2020/04/probe.md", text)
    try:
        result = read_articles(project.config(), {})
    finally:
        path.unlink()
    return any(d.severity is Severity.ERROR for d in result.diagnostics)


def schema_rejects(project, front: dict[str, Any]) -> bool:
    """Whether the schema refuses the same text, as an editor's YAML 1.2 tools read it."""
    return not validator(project.config()).is_valid(load(yaml_text(front))[0])


VALID = {"title": "A title", "date": dt.date(2020, 4, 17), "lang": "en", "topics": ["csto"]}

EXAMPLES = [
    ("a valid page", {}),
    ("every known field", {"published": dt.datetime(2020, 4, 21, 14, 27), "outlet": "mfa",
                           "place": "MOSCOW", "translation_key": "k", "translated_from": "ru",
                           "original_sha256": "ab" * 32, "section_topics": {"a": ["csto"]},
                           "summary": "S.", "source": "sources/x.txt", "source_sha256": "0" * 64,
                           "source_url": "https://mid.ru/", "related": ["One", {"title": "Two"}],
                           "editor_note": {"any": ["thing"]}}),
    ("a number as the title", {"title": 2020}),
    ("a topic as one name", {"topics": "csto"}),
    ("an unknown topic (a warning)", {"topics": ["made-up"]}),
    ("an unknown outlet (a warning)", {"outlet": "made-up"}),
    ("no title", {"title": None}),
    ("an empty title", {"title": ""}),
    ("a list as the title", {"title": ["a", "b"]}),
    ("true as the title", {"title": True}),
    ("no date", {"date": None}),
    ("a date that is not one", {"date": "17 April 2020"}),
    ("a number as the date", {"date": 20200417}),
    ("a language the site lacks", {"lang": "de"}),
    ("translated from a language the site lacks", {"translated_from": "fr"}),
    ("a mapping as the outlet", {"outlet": {"name": "mfa"}}),
    ("topics as a mapping", {"topics": {"csto": True}}),
    ("a number among the topics", {"topics": ["csto", 5]}),
    ("section topics as a list", {"section_topics": ["csto"]}),
    ("section topics not in lists", {"section_topics": {"a": "csto"}}),
    ("a published time that is not one", {"published": "yesterday"}),
    ("related headlines as text", {"related": "One"}),
    ("a related headline without a title", {"related": [{"teaser": "T."}]}),
    ("aliases, absolute and relative", {"aliases": ["/en/2020/04/old-slug/", "2019/12/x"]}),
    ("one alias as text", {"aliases": "/old/page"}),
    ("an alias written twice (a warning)", {"aliases": ["2020/04/x", "/en/2020/04/x/"]}),
    ("an alias with a host", {"aliases": ["//evil.example/x"]}),
    ("an alias with ..", {"aliases": ["/en/../x/"]}),
    ("an alias with a query", {"aliases": ["/en/x?y=1"]}),
    ("an alias ending in a line break", {"aliases": ["/en/x/\n"]}),
    ("an alias at a language's home", {"aliases": ["/ru/"]}),
    ("an alias among the topics", {"aliases": ["topics/csto"]}),
    ("an alias at a month's archive", {"aliases": ["/en/2020/04"]}),
    ("an alias at a page's file", {"aliases": ["/en/2020/04/x/index.html"]}),
    ("a number as an alias", {"aliases": [2020]}),
    ("aliases as a mapping", {"aliases": {"/en/x/": True}}),
]


@pytest.mark.parametrize(("case", "change"), EXAMPLES, ids=[case for case, _ in EXAMPLES])
def test_the_schema_and_the_build_reject_the_same_examples(project, case, change):
    front = {**VALID, **change}
    front = {key: value for key, value in front.items() if value is not None}
    assert schema_rejects(project, front) == build_rejects(project, front), case


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.text(max_size=12), st.sampled_from(["en", "ru", "de", "csto", "mfa"]),
                    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from([field.key for field in FIELDS]), value=values)
def test_for_any_value_of_any_field_the_schema_and_the_build_agree(project, key, value):
    front = {**VALID, key: value}
    assert schema_rejects(project, front) == build_rejects(project, front), (key, value)

"""builder.util.yamlcore: YAML read as the editors' tools read it (1.2 core schema), and nothing
a document can do to the reader: aliases, keys given twice, numbers too long, nesting.
"""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.formats import frontmatter
from builder.util.yamlcore import YamlError, load, plain_is_text

# The core schema's table (YAML 1.2.2, 10.3.2), and what YAML 1.1 read instead.
CORE = [
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("0", 0), ("-19", -19), ("+12", 12), ("0o14", 12), ("0x1F", 31),
    ("1.5", 1.5), ("-2E+05", -200000.0), ("1e3", 1000.0), (".5", 0.5), ("-.inf", -math.inf),
    ("010", 10),           # 1.1: 8
    ("10:30", "10:30"),    # 1.1: 630
    ("1_000", "1_000"),    # 1.1: 1000
    ("yes", "yes"), ("No", "No"), ("on", "on"),  # 1.1: booleans
    ("2020-04-17", "2020-04-17"),                # 1.1: a date
    ("2020-04-17 10:00:00+03:00", "2020-04-17 10:00:00+03:00"),
    ("0b101", "0b101"), ("0o8", "0o8"), ("1.2.3", "1.2.3"), ("=", "="),
]


@pytest.mark.parametrize("plain, value", CORE, ids=[repr(plain) for plain, _ in CORE])
def test_a_plain_value_is_what_the_core_schema_says(plain, value):
    assert load(f"key: {plain}")[0] == {"key": value}


def test_quoted_and_block_values_are_text_and_nan_is_a_float():
    assert load("a: '010'\nb: \"true\"\nc: |\n  10:30\n")[0] == {"a": "010", "b": "true",
                                                                 "c": "10:30\n"}
    assert math.isnan(load("a: .nan")[0]["a"])


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: 2\na: 3\n", 3, "given twice"),
    ("loop: &a [1, *a]\n", 1, "alias"),
    ("a: &x 1\nb: *x\n", 1, "alias"),
    ("a: !python/object:os.system echo\n", 1, "tag"),
    ("a: !!int ten\n", 1, "tag:yaml.org,2002:int"),
    ("? [1, 2]\n: x\n", 1, "plain value"),
    ("a: " + "9" * 5000 + "\n", 1, "digits"),
    ("a: [\n", 2, "expected"),
    ("a: [1, 2\nb: 3\n", 1, "not closed"),  # where the list opens, not where its end was sought
    ('a: 1\ntitle: "Officers get awards: Moiseev\ndate: 2020-07-26\n', 2, "quote"),
    ("title: 'It is\nlang: en\n", 1, "quote"),
    # closed, lines on, by the next value's quote: still said where it opens
    ('title: "В пекарне начался пожар\ndate: 2020-11-30\nsummary: "Пожар в \\"пекарне\\""\n',
     1, "quote"),
    ("a: 1\n---\nb: 2\n", 2, "another document"),
    # a key without its colon is found only on the next line: said on its own
    ("title: Talks\ndate: 2020-07-26\nlang ru\noutlet: kommersant\n", 3, "no ':' after its key"),
    ("title: Talks\nязык ru\n", 2, "no ':' after its key"),
])
def test_what_no_front_matter_needs_is_refused_at_its_line(text, line, words):
    with pytest.raises(YamlError) as refused:
        load(text)
    assert refused.value.line == line and words in str(refused.value)


def test_an_alias_bomb_is_refused_at_once_and_deep_nesting_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(20))
    started = time.perf_counter()
    with pytest.raises(YamlError):
        load(bomb)
    assert time.perf_counter() - started < 5  # a bound on the work, not a benchmark
    with pytest.raises(YamlError):
        load("a: " + "[" * 200 + "]" * 200)
    with pytest.raises(YamlError):
        load("".join(" " * depth + f"k{depth}:\n" for depth in range(200)) + " " * 200 + "x")


def test_the_line_of_each_top_key_is_kept():
    assert load("# a comment\ntitle: A\n\ndate: 2020-04-17\n")[1] == {"title": 2, "date": 4}


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_text_written_by_the_front_matter_writer_reads_back_as_that_text(text):
    page = frontmatter.dump({"title": text, "summary": [text]}, "Body.")
    data = frontmatter.parse(page).data
    assert data == {"title": text, "summary": [text]}


@pytest.mark.parametrize("plain, value", CORE, ids=[repr(plain) for plain, _ in CORE])
def test_the_writer_knows_which_plain_values_would_not_read_back_as_text(plain, value):
    assert plain_is_text(plain) == (value == plain)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},&*!?|>'\"#%@\n01.~ex")), max_size=60))
def test_any_text_is_a_value_or_a_located_refusal(text):
    try:
        load(text)
    except YamlError as exc:
        assert exc.line is None or exc.line >= 1

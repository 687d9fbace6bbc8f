"""netlify.toml, parsed with tomllib: the deployment facts DESIGN.md ("Deployment") relies on.

In: the repository's netlify.toml (and digest.toml, pyproject.toml for what it must agree with).
Out: assertions on the build command, the language redirects, the security headers and the
cache rules. Netlify's dev server forces ``Cache-Control: max-age=0``, so caching can only be
checked on the parsed configuration; the Content-Security-Policy is also exercised for real by
tests/test_browser.py, whose server sends these headers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
HeaderRules = Callable[[str], dict[str, str]]
YEAR = 365 * 24 * 60 * 60


def csp_directives(policy: str) -> dict[str, list[str]]:
    """``"a x y; b z"`` -> ``{"a": ["x", "y"], "b": ["z"]}``."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        if words := part.split():
            directives[words[0].lower()] = words[1:]
    return directives


def max_age(cache_control: str) -> int:
    [value] = re.findall(r"(?:^|,)\s*max-age=(\d+)", cache_control)
    return int(value)


def site_languages() -> list[str]:
    with (REPO / "digest.toml").open("rb") as file:
        return list(tomllib.load(file)["site"]["languages"])


def test_netlify_installs_the_package_builds_with_digest_and_publishes_site(
        netlify_config: dict[str, Any]):
    build = netlify_config["build"]
    install, run = build["command"].split("&&")
    assert install.split() == ["pip", "install", "."]
    assert run.split() == ["digest", "build"]
    assert build["publish"] == "site"


def test_netlify_builds_with_a_python_the_package_supports(netlify_config: dict[str, Any]):
    with (REPO / "pyproject.toml").open("rb") as file:
        requires = tomllib.load(file)["project"]["requires-python"]
    [minimum] = re.findall(r">=\s*(\d+\.\d+)", requires)
    version = netlify_config["build"]["environment"]["PYTHON_VERSION"]
    assert tuple(map(int, version.split("."))) >= tuple(map(int, minimum.split("."))) >= (3, 11)


def test_netlify_keeps_the_build_cache_and_the_site_with_the_repositorys_own_plugin(
        netlify_config: dict[str, Any]):
    """netlify/plugins/digest-cache restores and saves the folders a build of this project
    leaves (tests/test_netlify_build.py runs it with Netlify's build runner)."""
    from builder.config import CACHE_DIR
    from builder.state import READS_FOLDER, STATE_FILE

    [plugin] = netlify_config["plugins"]
    folder = REPO / plugin["package"]
    assert plugin["package"].startswith("./") and folder.is_dir()
    assert "name: digest-cache" in (folder / "manifest.yml").read_text(encoding="utf-8")
    script = (folder / "index.js").read_text(encoding="utf-8")
    [state] = re.findall(r"^const STATE = \[(.*)\];$", script, re.MULTILINE)
    [site] = re.findall(r"^const SITE = '(.*)';$", script, re.MULTILINE)
    # the state and page reads (data only), not the compiled templates (code: docs/guarantees.md)
    assert re.findall(r"'([^']+)'", state) == [f"{CACHE_DIR}/{STATE_FILE}",
                                               f"{CACHE_DIR}/{READS_FOLDER}"]
    assert site == netlify_config["build"]["publish"]
    for event, call in (("onPreBuild", "utils.cache.restore("), ("onPostBuild", "utils.cache.save(")):
        assert f"async {event}(" in script and call in script


def test_the_root_redirects_by_language_russian_first_and_forced_past_the_choice_page(
        netlify_config: dict[str, Any]):
    rules = [rule for rule in netlify_config["redirects"] if rule["from"] == "/"]
    assert [(rule["conditions"]["Language"], rule["to"]) for rule in rules] == [
        (["ru"], "/ru/"), (["en"], "/en/")]
    assert sorted(rule["to"].strip("/") for rule in rules) == sorted(site_languages())
    for rule in rules:
        assert rule["force"] is True  # /index.html exists and would shadow the rule otherwise
        assert rule["status"] == 302  # the target depends on the reader: never cached as moved


def test_a_root_without_a_language_match_falls_through_to_the_static_choice_page(
        netlify_config: dict[str, Any]):
    for rule in netlify_config["redirects"]:
        if rule["from"] in ("/", "/*"):
            assert rule.get("conditions"), f"{rule} would catch every reader of /"
    assert (REPO / "templates" / "root.html").is_file()


def test_a_missing_page_in_a_language_tree_gets_that_languages_404_page(
        netlify_config: dict[str, Any]):
    """Not forced, so every existing page wins; after the language rules of "/"; anything
    missing outside /en/ and /ru/ falls to Netlify's own use of the bilingual /404.html."""
    rules = netlify_config["redirects"]
    not_found = [rule for rule in rules if rule.get("status") == 404]
    assert [(rule["from"], rule["to"]) for rule in not_found] == [
        ("/en/*", "/en/404.html"), ("/ru/*", "/ru/404.html")]
    assert not any(rule.get("force") for rule in not_found)
    assert rules.index(not_found[0]) > max(i for i, rule in enumerate(rules) if rule["from"] == "/")
    assert (REPO / "templates" / "404.html").is_file()


def test_the_content_security_policy_allows_pagefind_and_nothing_inline(
        netlify_headers: HeaderRules):
    for path in ("/", "/en/search/", "/ru/2020/04/x/", "/pagefind/pagefind-worker.js"):
        policy = csp_directives(netlify_headers(path)["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert sorted(policy["script-src"]) == ["'self'", "'wasm-unsafe-eval'"]
        assert policy["style-src"] == ["'self'"]
        assert sorted(policy["img-src"]) == ["'self'", "data:"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert not any("unsafe-inline" in source or source == "'unsafe-eval'"
                       for sources in policy.values() for source in sources)


def test_every_response_gets_nosniff_and_a_referrer_policy(netlify_headers: HeaderRules):
    for path in ("/", "/en/", "/assets/style.css", "/pagefind/index/en_1.pf_index"):
        headers = netlify_headers(path)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", [
    "/pagefind/index/en_a71fa22.pf_index",
    "/pagefind/fragment/ru_1f2e307.pf_fragment",
    "/pagefind/filter/en_867c10a.pf_filter",
    "/pagefind/en-2020/index/en_a71fa22.pf_index",  # a shard's (builder/search/)
    "/pagefind/ru-2021/fragment/ru_1f2e307.pf_fragment",
    "/pagefind/en-2019/filter/en_867c10a.pf_filter",
])
def test_content_hashed_pagefind_chunks_are_cached_for_a_year(
        netlify_headers: HeaderRules, path: str):
    cache_control = netlify_headers(path)["Cache-Control"]
    assert max_age(cache_control) == YEAR
    assert "immutable" in cache_control


@pytest.mark.parametrize("path", [
    "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/pagefind/shards.json",
    "/pagefind/en-2020/pagefind-entry.json",
    "/", "/index.html", "/404.html", "/en/", "/ru/2020/04/x/", "/en/topics/csto/page/2/",
])
def test_pagefind_entry_points_and_html_are_revalidated_on_every_visit(
        netlify_headers: HeaderRules, path: str):
    cache_control = netlify_headers(path)["Cache-Control"]
    assert max_age(cache_control) == 0  # also fails on two values joined by two matching rules
    assert "immutable" not in cache_control


def test_every_site_language_has_its_html_cache_rule(netlify_headers: HeaderRules):
    for lang in site_languages():
        assert max_age(netlify_headers(f"/{lang}/2020/")["Cache-Control"]) == 0

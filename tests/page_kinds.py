"""Every kind of page the site has, as the browser tests open them: one table, so that a new
kind of page is added once (docs/ARCHITECTURE.md, "A page kind") and every check sees it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_sample_site import MFA_EN, MFA_RU, TASS_EN

QUERIES = {"en": "Uzbekistan", "ru": "Узбекистан"}
"""A word of the briefing in each language, so the search page shows results."""
PAGE_KINDS: dict[str, Any] = {
    "home": "/{lang}/",
    "article": {"en": f"/{MFA_EN}/", "ru": f"/{MFA_RU}/"},
    "article in one language": {"en": f"/{TASS_EN}/"},
    "topics": "/{lang}/topics/",
    "topic": "/{lang}/topics/covid-19/",
    "topic month": "/{lang}/topics/csto/2020/04/",
    "year": "/{lang}/2020/",
    "month": "/{lang}/2020/04/",
    "search": "/{lang}/search/?q={query}",
    "not found": "/{lang}/404.html",
}
"""Each kind of language page of the sample: its path, the same in every language or one per
language (an item in one language has none in the other)."""
LANGUAGE_FREE = {"language choice": "/", "not found, any language": "/404.html"}
"""The pages of no language, in the site's default language."""


def page_params(pages: dict[str, Any]) -> list[Any]:
    """A test parameter (kind, lang, url) for every page of ``pages`` in every language."""
    params = []
    for kind, path in pages.items():
        for lang in ("en", "ru"):
            url = path.get(lang) if isinstance(path, dict) else \
                path.format(lang=lang, query=QUERIES[lang])
            if url:
                params.append(pytest.param(kind, lang, url, id=f"{kind}-{lang}"))
    return params


def language_free_params() -> list[Any]:
    return [pytest.param(kind, "en", url, id=kind) for kind, url in LANGUAGE_FREE.items()]

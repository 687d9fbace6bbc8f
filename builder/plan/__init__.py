"""SiteModel -> the list of pages to render, each with its template and its data.

Pure and cheap: every page of the site is decided here, from its URL to the items it lists, so
rendering only turns data into bytes. The pages of each language's lists
(:mod:`~builder.plan.lists`), its articles (:mod:`~builder.plan.articles`), their feeds
(:mod:`~builder.plan.feeds`) and the aliases (:mod:`~builder.plan.aliases`) are planned apart;
here they are put together, each language switch is settled, and the sitemap lists them. A job
holds views, not the model (:mod:`~builder.plan.views`): it is everything its page is made from,
so its fingerprint decides whether the page must be rendered again.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from typing import Any

from builder.config import SiteConfig
from builder.diagnostics import BuildError, Diagnostic, error
from builder.incremental.changes import Changes
from builder.model import ArticleKey, SiteModel
from builder.plan.aliases import ALIAS_TEMPLATE, alias_jobs
from builder.plan.articles import article_jobs
from builder.plan.feeds import feed_jobs
from builder.plan.lists import language_pages
from builder.plan.views import Alternate, PageJob

__all__ = ["PageJob", "Plan", "check_alternates", "plan_changed_pages", "plan_every_page",
           "plan_site"]


@dataclass(frozen=True)
class Plan:
    """The pages of the next site, as the render and write stages take them."""

    jobs: tuple[PageJob, ...]
    """The pages to look at: each is rendered unless its file can be reused."""
    pages: tuple[str, ...]
    """The output path of every page of the site."""
    reused: tuple[str, ...] = ()
    """The pages of the previous build taken as they are, without a job: nothing they show
    changed."""


def plan_every_page(model: SiteModel, config: SiteConfig) -> Plan:
    """Every page of the site; a language switch that names a page that does not name it back
    stops the build (a bug in planning)."""
    jobs = plan_site(model, config)
    if broken := check_alternates(jobs):
        raise BuildError(broken[0])
    return Plan(tuple(jobs), tuple(job.output for job in jobs))


def plan_changed_pages(model: SiteModel, config: SiteConfig, changes: Changes,
                       previous_pages: Sequence[str], previous_outdated: Set[ArticleKey]
                       ) -> Plan | None:
    """Only the pages that can differ from the previous build's (``previous_pages``), the others
    reused; None when any page can (then :func:`plan_every_page`).

    When every article is listed as before (:attr:`Changes.listing_unchanged`), only two kinds
    of page show what changed: an article's own page shows its body, and whether it is an
    outdated translation; a feed shows the bodies of the items it lists, as their entries'
    content. So only the pages of the articles whose bodies were edited, or whose translation
    went out of date or up to date, and the feeds that list an article whose body was edited
    are planned: exactly as :func:`plan_site` plans them.
    """
    if not (changes.listing_unchanged and previous_pages):
        return None
    edited = changes.bodies_edited()
    flipped = model.outdated ^ previous_outdated
    keys = [key for key, article in model.articles.items()
            if article.path in edited or key in flipped]
    jobs = article_jobs(model, config, keys)
    if edited:
        for lang in config.languages:
            jobs.extend(feed_jobs(model, model.indexes[lang], config, showing=edited))
    planned = {job.output for job in jobs}
    return Plan(tuple(jobs), tuple(previous_pages),
                tuple(output for output in previous_pages if output not in planned))


def plan_site(model: SiteModel, config: SiteConfig) -> list[PageJob]:
    """Every page of the site, each language's first, then the language-neutral ones."""
    jobs: list[PageJob] = []
    for lang in config.languages:
        jobs.extend(language_pages(model, model.indexes[lang], config))
    jobs = _settle_alternates(jobs)
    jobs.extend(alias_jobs(model))
    jobs.append(PageJob("index.html", "root.html", None, "/"))
    jobs.append(PageJob("404.html", "404.html", None, "/404.html"))
    jobs.append(PageJob("sitemap.xml", "sitemap.xml", None, "/sitemap.xml",
                        {"entries": _sitemap_entries(jobs)}))
    jobs.append(PageJob("robots.txt", "robots.txt", None, "/robots.txt"))
    return jobs


NOT_IN_SITEMAP = frozenset({"search.html", "not_found.html", "feed.xml", "feed.json",
                            ALIAS_TEMPLATE})
"""Templates of language pages that search engines should not list: the search page has no
content of its own, a 404 page is not a page, feeds are found through the pages' links, and an
alias is an old address of a page that is listed at its own."""


def check_alternates(jobs: Sequence[PageJob]) -> list[Diagnostic]:
    """Every exact language alternate must exist and name the page back (hreflang reciprocity).

    Search engines ignore hreflang links that are not returned; a page that names a version
    which does not name it back is a bug in planning, so the build stops on it.
    """
    exact = {job.url: {a.url for a in job.context.get("alternates", ()) if a.exact}
             for job in jobs}
    broken = []
    for job in jobs:
        for target in sorted(exact[job.url] - {job.url}):
            if target not in exact:
                broken.append(f"{job.url} names {target} as a version, but no such page exists")
            elif job.url not in exact[target]:
                broken.append(f"{job.url} names {target} as a version, which does not name it back")
    return [error("<plan>", None, "hreflang-reciprocity", message) for message in broken]


def _settle_alternates(jobs: list[PageJob]) -> list[PageJob]:
    """Point every alternate that names no planned page to the nearest page that exists.

    A list page is planned with the same path in every language (:func:`_same_path_alternates`),
    but versions of one item may differ in date or topics, so a month or topic can exist in one
    language's tree only. Its alternate then leads to the nearest page up the path (the year,
    the topics, the home page), marked inexact, as an untranslated article's does; an hreflang
    link to a page that does not exist would be an error.
    """
    urls = {job.url for job in jobs}

    def settled(alternate: Alternate) -> Alternate:
        if not alternate.exact or alternate.url in urls:
            return alternate
        path = alternate.url
        while path.count("/") > 2 and path not in urls:
            path = path[:path.rstrip("/").rfind("/") + 1]
        return Alternate(alternate.lang, path, False)

    result = []
    for job in jobs:
        alternates = job.context.get("alternates")
        if alternates and any(a.exact and a.url not in urls for a in alternates):
            job = replace(job, context={**job.context,
                                        "alternates": tuple(map(settled, alternates))})
        result.append(job)
    return result


def _sitemap_entries(jobs: Sequence[PageJob]) -> list[dict[str, Any]]:
    """Every language page with its exact alternates, for hreflang in the sitemap."""
    entries = []
    for job in jobs:
        if job.lang is None or job.template in NOT_IN_SITEMAP:
            continue
        alternates = [a for a in job.context.get("alternates", ()) if a.exact]
        entries.append({"url": job.url, "alternates": alternates,
                        "lastmod": job.context["article"].date if "article" in job.context else None})
    return entries

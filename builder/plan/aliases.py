"""Aliases -> their pages: an HTML page at each alias that leads on to its article, and the
rules of Netlify's ``_redirects``, which answer the same addresses with a 301 first.

Pure. The model says which aliases are served (:attr:`builder.model.SiteModel.aliases`); here
each becomes a job, as Hugo makes them: a page at ``<alias>/index.html`` (the canonical link,
``noindex``, a refresh to the article at once and a link to it, in the article's language) for
any host, and one line of ``_redirects`` for Netlify, which reads that file from the published
folder before ``netlify.toml``'s rules. The rule is forced (``301!``): the alias page exists at
that address, and Netlify would otherwise serve the file rather than redirect. Alias pages are
in no list, feed, sitemap or search index.
"""

from __future__ import annotations

from builder.model import SiteModel
from builder.plan.views import PageJob, Redirect, entry_of, output_path

ALIAS_TEMPLATE = "alias.html"
REDIRECTS = "_redirects"
"""Netlify's file of redirect rules, at the top of the published folder."""


def alias_jobs(model: SiteModel) -> list[PageJob]:
    """A page for each alias served, in address order; then ``_redirects``, when there is any."""
    jobs = []
    for alias, key in model.aliases.items():
        article = model.articles[key]
        jobs.append(PageJob(output_path(alias), ALIAS_TEMPLATE, article.lang, alias,
                            {"target": entry_of(article)}))
    if model.aliases:
        redirects = tuple(Redirect(alias, model.articles[key].url)
                          for alias, key in model.aliases.items())
        jobs.append(PageJob(REDIRECTS, REDIRECTS, None, f"/{REDIRECTS}",
                            {"redirects": redirects}))
    return jobs

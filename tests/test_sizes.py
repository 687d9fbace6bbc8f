"""Sizes: a 50 MB source, a 100,000-line one, an empty one and a topic of 10,000 items each
give a sensible result, in bounded memory.
"""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace

from builder.diagnostics import Fate, InputKind
from builder.index import build_model
from builder.plan import plan_site
from builder.read import read_articles
from builder.session import build

MEASURED_BUILD = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "builder", "--project", sys.argv[1], "build",
                       "--no-search", "--verbose"])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""
"""``digest build`` in a process of its own, whose peak memory (KiB) is the last line on stderr:
this test's own process has had other children (browsers, Pagefind) whose peaks would count."""


def test_a_100000_line_source_becomes_one_page_in_bounded_memory(project):
    lines = "\n".join(f"Line {n}: the ministers went on talking about the Caspian Sea."
                      for n in range(100_000))
    (project.root / "content/sources/long.txt").write_text(
        f"A very long wire\n\nMoscow, 17 April 2020\n\n{lines}\n", encoding="utf-8")
    (project.root / "content/sources/empty.txt").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURED_BUILD, str(project.root)],
                          capture_output=True, text=True, timeout=600, check=False)
    peak_mib = int(done.stderr.strip().splitlines()[-1]) / 1024
    assert done.returncode == 1, done.stdout  # the empty source failed; the rest was published
    assert "content/sources/long.txt: ingested -> content/articles/en/2020/04/" in done.stdout
    assert "content/sources/empty.txt: error: the source has no text [source-empty]" in done.stdout
    assert "site published" in done.stdout
    [page] = (project.root / "content/articles/en/2020/04").glob("*.md")
    assert "Line 99999:" in page.read_text(encoding="utf-8")
    assert peak_mib < 500, f"the build peaked at {peak_mib:.0f} MiB for a 6 MB source"


def test_a_50_mb_source_is_ingested_and_built_in_bounded_memory(project):
    paragraph = ("Paragraph {n}. The ministers of the CSTO member states met in Moscow on "
                 "17 April 2020 and talked about the pandemic, the Caspian Sea and the border "
                 "with Afghanistan.\nThey agreed to meet again.")
    body = "\n\n".join(paragraph.format(n=n) for n in range(260_000))
    source = project.root / "content/sources/huge.txt"
    source.write_text(f"A huge wire\n\nMoscow, 17 April 2020\n\n{body}\n", encoding="utf-8")
    assert source.stat().st_size > 50_000_000
    done = subprocess.run([sys.executable, "-c", MEASURED_BUILD, str(project.root)],
                          capture_output=True, text=True, timeout=900, check=False)
    peak_mib = int(done.stderr.strip().splitlines()[-1]) / 1024
    assert done.returncode == 0, done.stdout
    assert "content/sources/huge.txt: ingested -> content/articles/en/2020/04/a-huge-wire.md" \
           in done.stdout
    page = (project.root / "content/articles/en/2020/04/a-huge-wire.md").read_text("utf-8")
    assert "\ntopics: [covid-19, csto]\n" in page  # matched over the whole text
    html = (project.root / "site/en/2020/04/a-huge-wire/index.html").read_text("utf-8")
    assert "Paragraph 0." in html and "Paragraph 259999." in html
    assert peak_mib < 1536, f"ingest and build peaked at {peak_mib:.0f} MiB for a 50 MB source"


def test_a_topic_of_10000_items_is_paginated_with_a_bounded_page(project, english_article):
    project.page("en/2020/04/seed.md", **english_article(topics=["csto"]))
    [seed] = read_articles(project.config(), {}).articles
    articles = [replace(seed, path=f"content/articles/en/2020/04/item-{n}.md", slug=f"item-{n}",
                        title=f"Item {n}", translation_key=f"item-{n}")
                for n in range(10_000)]
    model, _ = build_model(articles, project.config())
    jobs = {job.url: job for job in plan_site(model, project.config())}
    pages = [job for url, job in jobs.items() if url.startswith("/en/topics/csto/")
             and job.template == "topic.html"]
    per_page = project.config().page_size
    assert len(pages) == math.ceil(10_000 / per_page)
    for job in pages:
        assert len(job.context["entries"]) <= per_page
        links = job.context["pagination"]["links"]
        assert len(links) <= 9  # first, last, two on each side, the current page, two gaps
        assert links[0].label == "1" and links[-1].label == str(len(pages))
    middle = jobs["/en/topics/csto/page/250/"].context["pagination"]["links"]
    assert [link.label for link in middle] == ["1", "…", "248", "249", "250", "251", "252", "…",
                                               "500"]


def test_the_report_names_every_fate_for_a_long_and_an_empty_source(project):
    (project.root / "content/sources/empty.txt").write_text("", encoding="utf-8")
    report = build(project.config())
    [outcome] = [o for o in report.outcomes if o.kind is InputKind.SOURCE]
    assert (outcome.path, outcome.fate) == ("content/sources/empty.txt", Fate.FAILED)
    assert report.published

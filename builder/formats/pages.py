"""Page files: where the editor's Markdown pages are, and their text as every stage sees it.

A page is a ``*.md`` file under ``content/articles/`` (hidden and temporary files apart,
:func:`builder.util.files.is_editor_noise`); its place decides its identity
(``<lang>/<yyyy>/<mm>/<slug>.md``). Every stage that looks for pages (the read stage, ingest
looking for the pages its sources already have) finds them here, in one order: that of their
path segments.

A page's text is its bytes as UTF-8 with line ends unified and the characters XML forbids
replaced by U+FFFD (a feed with one would be broken; the read stage reports each). The read
stage keeps an article without its body, which :func:`page_body` reads again, from the same
bytes or not at all, when the page is rendered.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from builder.config import ARTICLES_DIR, SiteConfig
from builder.diagnostics import BuildError, Diagnostic, error, warning
from builder.formats.frontmatter import split_body
from builder.model import Article
from builder.util.files import resolves_outside, walk
from builder.util.fingerprints import digest

PAGE_SUFFIX = ".md"
PAGES_FOLDER = f"content/{ARTICLES_DIR}/"
"""Where pages are, in the project."""
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters that XML 1.0 forbids (a feed with one is broken) and HTML reports as errors."""


def is_page(path: str) -> bool:
    """Whether the project-relative POSIX ``path`` is a page's."""
    return path.startswith(PAGES_FOLDER) and path.endswith(PAGE_SUFFIX)


def page_files(config: SiteConfig) -> list[str]:
    """Every page of the project, by project-relative path, in the order of their path segments.
    Links to folders are not followed (they could lead out of the project)."""
    return [PAGES_FOLDER + rel for rel, _ in walk(config.articles_dir) if rel.endswith(PAGE_SUFFIX)]


def pages_among(paths: Iterable[str]) -> list[str]:
    """The pages among ``paths`` (project-relative, from a walk that left editors' noise out
    already: the inputs the build scanned), in the order of their path segments."""
    return sorted((path for path in paths if is_page(path)), key=_path_order)


def _path_order(path: str) -> str:
    """Sort key: paths in the order of their segments ("a/b" before "a-c"); "/" made the lowest
    character gives that order to a plain string comparison, much faster than lists'."""
    return path.replace("/", "\0")


def folder_links(config: SiteConfig, paths: Iterable[str]) -> list[Diagnostic]:
    """A diagnostic for each of ``paths`` (project-relative, in ``content/``) that is a link to
    a folder: no walk enters one (it could lead out of the project), so the pages or sources in
    it are not read, and the editor must hear why rather than miss them."""
    found = []
    for rel in paths:
        path = config.root / rel
        if not (rel.startswith("content/") and os.path.islink(path) and path.is_dir()):
            continue
        if resolves_outside(path, config.root):
            found.append(error(rel, None, "file-outside-project",
                               "a symbolic link to a folder outside the project: nothing in it "
                               "is read; copy the folder in instead"))
        else:
            found.append(warning(rel, None, "folder-link",
                                 "a symbolic link to a folder is not followed: nothing in it is "
                                 "read; move the folder itself here"))
    return found


def page_text(data: bytes) -> str:
    """A page's bytes as text: UTF-8 (UnicodeDecodeError otherwise) without the byte-order mark
    some Windows editors start a file with, line ends unified. The characters XML forbids are
    still in it: the read stage reports them, then replaces them (:func:`without_xml_forbidden`).
    Every command that reads a page reads it through here."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def without_xml_forbidden(text: str) -> str:
    """``text`` with each character XML forbids replaced by U+FFFD."""
    return NOT_IN_XML.sub("\ufffd", text)


def page_body(config: SiteConfig, article: Article) -> str:
    """The Markdown body of ``article``, read again from its page file.

    A build keeps every article's fields but not its body, most of a site's memory (at 100,000
    pages, 0.7 GiB in the build and more in the render workers' copies), and a body is needed
    once: when its page is rendered. The file must still hold the bytes the article was read
    from; if it changed since (saved while the site was being built), the build stops here
    rather than publish a body with another version's title and dates, and the next build
    reads it afresh.
    """
    try:
        data = config.root.joinpath(*article.path.split("/")).read_bytes()
    except OSError as exc:
        raise BuildError(error(article.path, None, "page-changed",
                               f"could not be read again ({exc.strerror}) while the site was "
                               f"being built; build again")) from exc
    if digest(data) != article.digest:
        raise BuildError(error(article.path, None, "page-changed",
                               "changed while the site was being built; build again"))
    return split_body(without_xml_forbidden(page_text(data)))


def page_bodies(config: SiteConfig, articles: Iterable[Article]) -> dict[str, str]:
    """:func:`page_body` of each of ``articles``, by path: for the commands that work on the
    text itself (``digest i18n pair``)."""
    return {article.path: page_body(config, article) for article in articles}

"""A built site -> located diagnostics: what a reader or a crawler would trip over.

In: the folder ``digest build`` wrote (``site/`` by default). Out: :class:`CheckReport`, whose
diagnostics have the build's form (``site/en/x/index.html:12: error: … [broken-link]``).

Why a separate check of the output, when the build already validates its plan: the plan cannot
see what templates, Markdown and other tools (Pagefind, feeds added later) put into the files,
and CI wants one command that fails when the deployable folder is wrong, however it got so.

The folder is read once (:func:`read_site`: every HTML, XML and JSON file parsed into plain
data); every check after that is a pure function over that data (:func:`check_site`), so tests
can feed it anything and the order of files never changes the output. Nothing is fetched:
external links are only checked for being well-formed URLs.

Not checked, on purpose: Pagefind's bundle (``pagefind/``, another tool's output, absent from
``--no-search`` builds, so links into it are only checked when it is there) and the preview
server's own ``/__digest/`` URLs, which exist only while ``digest serve`` runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.check.rules import (
    check_data_files,
    check_hreflang,
    check_images,
    check_links,
    check_structure,
    check_titles,
)
from builder.check.site import Site, read_site
from builder.diagnostics import Diagnosed, Diagnostic

__all__ = ["CheckReport", "check", "check_site", "read_site"]


@dataclass(frozen=True)
class CheckReport(Diagnosed):
    """The outcome of ``digest check``: for the terminal, tests and the exit code."""

    diagnostics: tuple[Diagnostic, ...]
    pages: int
    data_files: int
    files: int

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean, 1 on errors (or on warnings too, with ``strict``), as ``digest build``."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def render_text(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        lines.append(f"checked {self.pages} pages, {self.data_files} feeds and sitemaps, "
                     f"{self.files} files: {len(self.errors)} errors, "
                     f"{len(self.warnings)} warnings")
        return "\n".join(lines)


def check_site(site: Site, base_url: str, languages: Sequence[str]) -> CheckReport:
    """Every check over ``site``; diagnostics sorted by path and line."""
    base_url = base_url.rstrip("/")
    found = [*site.unreadable, *check_links(site, base_url), *check_images(site),
             *check_data_files(site, base_url), *check_hreflang(site, base_url),
             *check_titles(site), *check_structure(site, languages)]
    found.sort(key=lambda d: (d.path, d.line or 0, d.code, d.message))  # None and int mix
    return CheckReport(tuple(found), len(site.pages), len(site.data), len(site.files))


def check(site_dir: Path, label: str, base_url: str, languages: Iterable[str]) -> CheckReport:
    """``digest check``: read the folder, then run every check over what was read."""
    return check_site(read_site(site_dir, label), base_url, tuple(languages))

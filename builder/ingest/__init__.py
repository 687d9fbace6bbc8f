"""Raw sources in ``content/sources/`` -> Markdown pages in ``content/articles/`` (work in progress)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, FileOutcome


@dataclass(frozen=True)
class IngestResult:
    outcomes: tuple[FileOutcome, ...]
    diagnostics: tuple[Diagnostic, ...]


def ingest_sources(config: SiteConfig, paths: list[Path] | None = None,
                   force: bool = False) -> IngestResult:
    return IngestResult((), ())

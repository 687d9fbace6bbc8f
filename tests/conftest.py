"""Shared fixtures: tiny digest projects written inline into a temporary folder.

A test builds the site it needs in a few lines (``project.page(...)``), with the real
templates, catalogs and configuration of this repository, so that it exercises the real thing
and stays readable.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


class Project:
    """A temporary digest project; ``config()`` loads it like ``digest build`` would."""

    def __init__(self, root: Path):
        self.root = root

    def config(self, search: bool = False) -> SiteConfig:
        return load_config(self.root).with_output(self.root / "site", search=search)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def page(self, rel: str, body: str = "Body text.", **front: Any) -> Path:
        """Write ``content/articles/<rel>`` with front matter ``front`` (YAML-dumped)."""
        front_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        return self.write(f"content/articles/{rel}", f"---\n{front_text}---\n\n{body}\n")

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")


def _copy_project_files(root: Path, with_sources: bool) -> None:
    for name in ("digest.toml",):
        shutil.copy2(REPO / name, root / name)
    (root / "content").mkdir()
    for name in ("topics.yaml", "outlets.yaml"):
        shutil.copy2(REPO / "content" / name, root / "content" / name)
    shutil.copytree(REPO / "templates", root / "templates")
    if (REPO / "locales").is_dir():
        shutil.copytree(REPO / "locales", root / "locales")
    (root / "content" / "articles").mkdir()
    if with_sources:
        shutil.copytree(REPO / "content" / "sources", root / "content" / "sources")
    else:
        (root / "content" / "sources").mkdir()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project with this repository's config, templates and catalogs."""
    _copy_project_files(tmp_path, with_sources=False)
    return Project(tmp_path)


@pytest.fixture
def sample_project(tmp_path: Path) -> Project:
    """A copy of the repository's sample site (sources and articles) to build from scratch."""
    _copy_project_files(tmp_path, with_sources=True)
    shutil.rmtree(tmp_path / "content" / "articles")
    shutil.copytree(REPO / "content" / "articles", tmp_path / "content" / "articles")
    return Project(tmp_path)


@pytest.fixture
def english_article() -> Callable[..., dict[str, Any]]:
    """Front matter of a valid English article, with overrides."""

    def make(**overrides: Any) -> dict[str, Any]:
        front = {"title": "A test item", "date": "2020-04-17", "lang": "en", "outlet": "mfa",
                 "translation_key": "test-item", "topics": ["csto"], "summary": "A summary."}
        front.update(overrides)
        return front

    return make

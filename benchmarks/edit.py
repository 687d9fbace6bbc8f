"""One article of a corpus, edited the way an editor would: what the one-edit rebuild and the
live preview change, and the proof that the change was published.

In: a corpus folder written by ``benchmarks/corpus.py``. :class:`ArticleEditor` picks one page
(always the same for the same corpus), and :meth:`~ArticleEditor.apply` saves it with one
sentence appended to its first paragraph, built from a tag the caller gives, so each edit is a
new text; the original is kept in memory and :meth:`~ArticleEditor.restore` puts it back. Out:
the sentence written, the page's URL path and its file in a built site, and
:meth:`~ArticleEditor.published`, which says whether a built or served page shows the sentence.

Why: a rebuild after an edit is only measured if it is a real change (a different text every
time, never one the build has already seen) to a realistic page, and only worth measuring if the
edit reaches the page: a fast rebuild that publishes the old text measures nothing, so every
sample checks it. The sentence holds only ASCII letters, digits and hyphens, which Markdown and
HTML leave as they are, so it can be found verbatim in the page.

The page's URL follows the builder's rule that a page's place decides its identity
(``content/articles/<lang>/<yyyy>/<mm>/<slug>.md`` is published at ``/<lang>/<yyyy>/<mm>/<slug>/``);
if that rule changes, :meth:`~ArticleEditor.published` says no and the sample fails loudly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ARTICLES = Path("content") / "articles"
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def sentence(tag: str) -> str:
    """The sentence an edit appends: plain words, the same in Markdown, HTML and the index."""
    if not TAG.match(tag):
        raise ValueError(f"edit tag {tag!r}: use lowercase letters, digits and single hyphens")
    return f"Benchmark edit {tag} was saved here."


def with_sentence(text: str, added: str) -> str:
    """``text`` (a page with front matter) with ``added`` at the end of its first paragraph."""
    if not text.startswith("---\n"):
        raise ValueError("the page has no front matter")
    split = text.index("\n---\n", 3) + len("\n---\n")
    blocks = text[split:].split("\n\n")
    for number, block in enumerate(blocks):
        if block.strip() and not block.lstrip().startswith(("#", "{{<")):
            blocks[number] = f"{block.rstrip()} {added}" + block[len(block.rstrip()):]
            return text[:split] + "\n\n".join(blocks)
    raise ValueError("the page has no paragraph to edit")


class ArticleEditor:
    """Edits one chosen article of the corpus at ``root`` and checks that the edit is published."""

    def __init__(self, root: Path) -> None:
        pages = sorted((root / ARTICLES).rglob("*.md"))
        if not pages:
            raise ValueError(f"{root / ARTICLES} holds no pages")
        self.root = root
        self.path = pages[len(pages) // 2]
        """The edited page: the middle one in path order, a fixed choice for a given corpus."""
        self.original = self.path.read_bytes()
        stat = self.path.stat()
        self.original_times = (stat.st_atime_ns, stat.st_mtime_ns)
        with_sentence(self.original.decode("utf-8"), sentence("check"))  # fails now, not mid-run

    @property
    def rel(self) -> str:
        """The page's path under ``content/articles/``."""
        return self.path.relative_to(self.root / ARTICLES).as_posix()

    @property
    def url_path(self) -> str:
        """Where the site publishes the page: ``/<lang>/<yyyy>/<mm>/<slug>/``."""
        return "/" + self.rel.removesuffix(".md") + "/"

    def html_path(self, site_dir: Path) -> Path:
        return site_dir.joinpath(*self.url_path.strip("/").split("/"), "index.html")

    def apply(self, tag: str) -> str:
        """Save the page as the original plus one sentence made from ``tag``; that sentence."""
        added = sentence(tag)
        text = with_sentence(self.original.decode("utf-8"), added)
        self.path.write_text(text, encoding="utf-8")
        return added

    def restore(self) -> None:
        """Put the original page back, with its modification time (unless it is there already,
        to leave its time alone). The time too, so that the corpus is as generated: a page
        written a moment before a build is one the build cannot trust by its stat alone (it
        may change again within the same tick of the clock), and the no-op build after a
        clean one would then read it again, as if this restore were an edit."""
        if self.path.read_bytes() != self.original:
            self.path.write_bytes(self.original)
            os.utime(self.path, ns=self.original_times)

    def published(self, site_dir: Path, added: str) -> bool:
        """Whether the built page in ``site_dir`` shows the sentence ``added``."""
        page = self.html_path(site_dir)
        return page.is_file() and added.encode() in page.read_bytes()

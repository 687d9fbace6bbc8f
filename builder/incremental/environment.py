"""Fingerprints of what every page depends on besides its own data: the render environment.

Four parts, each its own fingerprint so that ``--explain`` can say which one changed: the
builder's code and the libraries that shape output, the configuration as the build sees it
(``digest.toml``, topics, outlets, the options), the templates and the catalogs. A page job's
fingerprint is made with :attr:`Environment.render_key` (:mod:`builder.render`), so a change of
any part renders every page again. Reading a page depends on less: the :func:`read_key`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from builder.config import SiteConfig
from builder.util.fingerprints import code_fingerprint, digest, tree_fingerprint

PARTS = ("builder code or libraries", "configuration", "templates", "catalogs")
"""What each fingerprint of :class:`Environment` covers, in words, in its order."""


@dataclass(frozen=True)
class Environment:
    """Fingerprints of what every page depends on, one per part."""

    code: str
    config: str
    templates: str
    catalogs: str

    @property
    def render_key(self) -> str:
        return digest("\n".join(self._parts()).encode())

    def differences(self, other: Environment | None) -> tuple[str, ...]:
        """The parts that differ from ``other``'s, in words: ("templates", "catalogs")."""
        if other is None:
            return ("no previous build",)
        return tuple(name for name, mine, theirs in zip(PARTS, self._parts(), other._parts(),
                                                        strict=True) if mine != theirs)

    def _parts(self) -> tuple[str, str, str, str]:
        return (self.code, self.config, self.templates, self.catalogs)


def environment(config: SiteConfig) -> Environment:
    return Environment(code_fingerprint(), config_fingerprint(config),
                       tree_fingerprint(config.templates_dir), tree_fingerprint(config.locales_dir))


def config_fingerprint(config: SiteConfig) -> str:
    """The configuration as the build sees it; where the project or site folder is does not
    change a page, so a project moved or built with ``--output`` keeps its state."""
    return digest(repr(replace(config, root=Path("."), output_dir=None)).encode())


def read_key(environment: Environment, fragment_languages: Mapping[str, str]) -> str:
    """What reading a page depends on besides its bytes: the code, the configuration, and the
    language of each fragment a page may name (a catalog's translations do not matter)."""
    return digest("\n".join((environment.code, environment.config,
                             repr(sorted(fragment_languages.items())))).encode())

"""The documentation explains what its readers meet: every message the builder can print
(docs/messages.md) and everything a template is given (docs/templates.md), and every link in it
leads somewhere. A code the editor meets without an explanation, or a variable a theme's author
has to find in the code, is a defect, found here rather than by them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def emitted_codes() -> set[str]:
    """Every constant code passed to ``warning``/``error`` (third argument) or to a page's
    ``invalid`` (second), and every code ``digest check`` returns with its message."""
    codes: set[str] = set()
    for path in (REPO / "builder").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"warning": 2, "error": 2, "invalid": 1}.get(name)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
    for path in (REPO / "builder/check").glob("*.py"):
        check = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', check)) - {"utf-8", "x-default",
                                                                           "http-equiv"}
    return codes


def test_every_message_code_is_explained_in_the_messages_page():
    guide = (REPO / "docs/messages.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)`", guide))
    codes = emitted_codes()
    assert len(codes) > 60
    assert not codes - documented, f"not in docs/messages.md: {sorted(codes - documented)}"


def test_every_template_and_everything_templates_are_given_is_in_the_templates_page(
        project, english_article):
    """docs/templates.md names every template, every global and filter the builder adds to
    Jinja2's own, and every variable each kind of page is given."""
    import jinja2

    from builder.i18n import load_catalogs
    from builder.index import build_model
    from builder.plan import plan_site
    from builder.read import read_articles
    from builder.render import Renderer

    project.page("en/2020/04/one.md", **english_article(topics=["csto"]))
    project.page("ru/2020/04/odin.md", **english_article(lang="ru", title="Один",
                                                         translated_from="en", topics=["csto"]))
    config = project.config()
    catalogs = load_catalogs(config)
    read = read_articles(config, catalogs.fragment_languages)
    model, _ = build_model(read.articles, config)
    environment = Renderer(config, model, catalogs).environments[config.languages[0]]
    section = (REPO / "docs/templates.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_][a-z_0-9]*)", section)) | set(
        re.findall(r"`([a-z_0-9]+\.(?:html|xml|json|txt))`", section))
    jinja = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    jinja.install_null_translations(newstyle=True)  # gettext, ngettext, pgettext, npgettext, _
    added = ((environment.globals.keys() - jinja.globals.keys())
             | (environment.filters.keys() - jinja.filters.keys()))
    templates = {path.name for path in (REPO / "templates").iterdir() if path.is_file()}
    variables = {name for job in plan_site(model, config) for name in job.context}
    for what, names in (("global or filter", added), ("template", templates),
                        ("page variable", variables)):
        assert not names - named, f"{what} not in docs/templates.md: {names - named}"


def test_every_link_between_the_documents_leads_to_a_file_and_a_heading_that_exist():
    documents = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")),
                 REPO / "benchmarks/README.md"]
    broken = []
    for document in documents:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # an address of the web, not checked here
            path, _, anchor = target.partition("#")
            linked = (document.parent / path).resolve() if path else document
            if not linked.exists():
                broken.append(f"{document.relative_to(REPO)}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                broken.append(f"{document.relative_to(REPO)}: {target} (no such heading)")
    assert len(documents) > 8 and not broken, "\n".join(broken)


def test_every_test_a_guarantee_names_exists():
    """A promise whose test was renamed or deleted is no longer held by anything."""
    named = set()
    for document in (REPO / "README.md", REPO / "docs/guarantees.md"):
        named |= set(re.findall(r"tests/(test_[a-z_]+)\.py", document.read_text(encoding="utf-8")))
    assert len(named) > 15
    assert not [name for name in sorted(named) if not (REPO / "tests" / f"{name}.py").is_file()]


def _anchors(document: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings: lower case, spaces as hyphens,
    punctuation dropped."""
    headings = re.findall(r"^#+ (.+)$", document.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")
            for heading in headings}

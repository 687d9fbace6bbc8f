"""The file formats the builder reads and writes, each in one module, pure but for reading the
files they define.

:mod:`~builder.formats.fields` (the front matter's fields, one table for reading, writing and
the schema), :mod:`~builder.formats.frontmatter` (YAML front matter with its key lines),
:mod:`~builder.formats.schema` (the JSON Schema editors check pages with),
:mod:`~builder.formats.markdown` (Markdown -> safe HTML, heading anchors, fragments),
:mod:`~builder.formats.slugs` (ASCII slugs) and :mod:`~builder.formats.pages` (where pages are,
and a page file's text and body).
"""

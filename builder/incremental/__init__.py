"""What an incremental build measures what changed with, below every stage that consumes it.

:mod:`~builder.incremental.inputs` (every input file's stamp), :mod:`~builder.incremental.
environment` (fingerprints of what every page depends on), :mod:`~builder.incremental.changes`
(the one value that says what changed, and the vocabulary every module uses for it) and
:mod:`~builder.incremental.store` (pickles behind a header naming the builder that wrote them).
What a build leaves for the next is :mod:`builder.state`, above the stages whose records it
holds; when to build at all is :mod:`builder.session`.
"""

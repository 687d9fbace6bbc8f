"""Leaves that every stage may use and that use nothing of the builder above them.

:mod:`~builder.util.files` (which files are the editor's, the one walk over a tree, atomic
writes, links), :mod:`~builder.util.fingerprints` (digests, file stamps, the builder's own
identity), :mod:`~builder.util.memory` (the garbage collector, told what lives long) and
:mod:`~builder.util.parallel` (work on every core, with the result of one).
"""

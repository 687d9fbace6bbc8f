"""``python -m builder`` is the same as the ``digest`` command."""

from builder.cli import run

run()

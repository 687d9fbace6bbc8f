"""``python -m builder`` is the same as the ``digest`` command."""

import sys

from builder.util.interrupt import INTERRUPTED, end_on_second_interrupt

try:
    from builder.cli import run
except KeyboardInterrupt:  # Ctrl-C while the command is still starting: one line, as later
    end_on_second_interrupt()
    print("digest: interrupted", file=sys.stderr)
    raise SystemExit(INTERRUPTED) from None

run()

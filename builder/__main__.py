"""``python -m builder`` is the same as the ``digest`` command."""

import signal
import sys

try:
    from builder.cli import run
except KeyboardInterrupt:  # Ctrl-C while the command is still starting: one line, as later
    print("digest: interrupted", file=sys.stderr)
    raise SystemExit(128 + signal.SIGINT) from None

run()

"""``python -m builder`` is the same as the ``digest`` command."""

import signal

from builder.util.interrupt import end_interrupted, interrupted

try:
    from builder.cli import run
except BaseException as exc:  # Ctrl-C while the command is still starting: one line, as later
    if not interrupted(exc):
        raise
    signal.signal(signal.SIGINT, end_interrupted)
    end_interrupted()

run()

"""``python -m builder`` and the ``digest`` command: :func:`command`.

The command's own module is imported here, inside the guard, so that a Ctrl-C while Python is
still importing it (the first tenth of a second) ends the command as a later one does, with one
line, rather than with a traceback of the import.
"""

import signal

from builder.util.interrupt import end_interrupted, interrupted, watch_swallowed_interrupts


def command() -> None:
    """Import the command line, then run it (:func:`builder.cli.run`)."""
    swallowed = watch_swallowed_interrupts()
    try:
        from builder.cli import run
    except BaseException as exc:  # Ctrl-C while the command is still starting: one line
        if not interrupted(exc):
            raise
        signal.signal(signal.SIGINT, end_interrupted)
        end_interrupted()
    run(swallowed)


if __name__ == "__main__":
    command()

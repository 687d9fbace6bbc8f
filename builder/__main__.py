"""``python -m builder`` and the ``digest`` command: :func:`command`.

Until the command's own handling of Ctrl-C begins (:func:`builder.cli.run`), nothing has been
done that a Ctrl-C must undo: no lock taken, no file written, no process started. So from the
first line of :func:`command`, while Python imports the command line (the first tenth of a
second, longer on a busy machine), a Ctrl-C ends the command at once with the one line, rather
than with a traceback of whatever was being imported.
"""

import signal

from builder.util.interrupt import end_interrupted, watch_swallowed_interrupts


def command() -> None:
    """Import the command line, then run it (:func:`builder.cli.run`)."""
    signal.signal(signal.SIGINT, end_interrupted)  # nothing begun: a Ctrl-C ends it at once
    swallowed = watch_swallowed_interrupts()
    from builder.cli import run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # run's own handling from here
    try:
        run(swallowed)
    except KeyboardInterrupt:  # in the moment before run could take it
        signal.signal(signal.SIGINT, end_interrupted)
        end_interrupted()


if __name__ == "__main__":
    command()

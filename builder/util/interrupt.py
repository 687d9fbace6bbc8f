"""Ctrl-C, once a command has been told: what a second one does."""

from __future__ import annotations

import os
import signal

INTERRUPTED = 128 + signal.SIGINT
"""The exit status of a command ended by Ctrl-C, as a shell reports it."""


def end_on_second_interrupt() -> None:
    """Another SIGINT while the command winds down (the worker pool's teardown, the
    interpreter's exit) ends it at once with :data:`INTERRUPTED`, quietly: raised as a second
    KeyboardInterrupt there, it ended the process as killed by the signal instead; and a
    teardown that hangs must still give way to a second Ctrl-C."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(INTERRUPTED))

"""Ctrl-C, once a command has been told: how it ends.

A leaf: imports nothing of the builder, and hardly anything Python has not loaded as it starts
(``typing`` only where a type checker reads this): the command imports it before its own
handler of Ctrl-C is set, so every millisecond here is one in which a Ctrl-C is still Python's
to report.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

TYPE_CHECKING = False  # typing's own costs 2 ms to import; type checkers read this name alike
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

INTERRUPTED = 128 + signal.SIGINT
"""The exit status of a command ended by Ctrl-C, as a shell reports it."""
INTERRUPTED_LINE = b"digest: interrupted\n"
"""The one line a command ended by Ctrl-C prints, on stderr."""


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is a Ctrl-C: a KeyboardInterrupt, or an exception raised because of one
    (its cause, or what was being handled). Python 3.11 turns a KeyboardInterrupt raised in a
    ``__set_name__`` as a class is made (a dataclass's field, as the build imports a stage)
    into a RuntimeError, which a Ctrl-C at that moment printed as a traceback."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        if isinstance(link, KeyboardInterrupt):
            return True
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return False


def end_interrupted(*_signal: object) -> NoReturn:
    """Print :data:`INTERRUPTED_LINE` and end the command at once with :data:`INTERRUPTED`.

    Called once a KeyboardInterrupt has unwound the command (its workers and Pagefind processes
    killed, its lock released), by a caller that has just made this SIGINT's handler
    (``signal.signal(signal.SIGINT, end_interrupted)``: a call into C, before which no Ctrl-C
    can be taken, as one can at the first line of a Python function), so that another Ctrl-C
    from then on ends the command the same way, with the same one line. SIGINT is blocked here
    first, so that none comes between the line and the end.

    The end is ``os._exit``, not SystemExit and the interpreter's shutdown: a KeyboardInterrupt
    that went through code run by ``exec`` (a dataclass being made as a module is imported, and
    the build imports its stages as it reaches them) marks the interpreter as ended by a Ctrl-C
    nobody handled, even once caught, and at the end of its shutdown it then kills itself with
    SIGINT (status -2 where 130 was asked for); and the shutdown gives SIGINT back its default
    action, so a second Ctrl-C during it killed the process as well. What the shutdown would do
    that matters is done here: the output is flushed, and worker processes still running (none,
    normally) are killed, so that none outlives the command holding its output open.
    """
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, which has no signal masks
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # its reader gone (`| head`), or in mid-write
            stream.flush()
    with contextlib.suppress(OSError):
        os.write(2, INTERRUPTED_LINE)  # not through sys.stderr: a Ctrl-C may come in its mid-write
    processes = sys.modules.get("multiprocessing")  # not imported: none of its workers run
    for worker in processes.active_children() if processes else ():
        worker.kill()
    os._exit(INTERRUPTED)


def watch_swallowed_interrupts() -> Callable[[], bool]:
    """Whether a Ctrl-C that Python had to swallow came, asked when the command ends.

    A KeyboardInterrupt that lands in a ``__del__`` method, a weakref callback or an import
    lock's callback cannot be raised: Python prints "Exception ignored in …" and goes on, and
    the command ran to its end with status 0. This hook keeps such a one (silently), so that
    the command, at its end, ends as on any other Ctrl-C (:func:`end_interrupted`): its work is
    whole, as a build that finished just before the Ctrl-C is.
    """
    passed_on, seen = sys.unraisablehook, []

    def hook(unraisable: "sys.UnraisableHookArgs") -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            seen.append(True)
        else:
            passed_on(unraisable)

    sys.unraisablehook = hook
    return lambda: bool(seen)

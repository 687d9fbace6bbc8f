"""Pickles in ``.digest-cache/``, each behind a header naming the builder that wrote it.

A file starts with one line: :data:`MAGIC`, the store's :data:`FORMAT`, the code fingerprint
(:func:`~builder.util.fingerprints.code_fingerprint`) and a key of the caller's (what the value
was made under). Only then comes the pickle. A file whose header is not exactly the expected one
was written by another version of the builder (or before headers existed) and is passed over
without being unpickled: its classes may no longer exist where it names them, and nothing in it
could be trusted by this code anyway. A file with the right header that cannot be unpickled is
corrupt, which the caller reports, as it does a file that starts like no builder's (random
bytes where the state was). Writes are atomic (a temporary file renamed into place), so
a build killed while saving leaves files each of which is whole.

A pickle can name any callable to run while it loads, so a crafted file (one restored from a
build cache that someone else's build wrote) would run code. :class:`_DataOnly` unpickles only
data: the builder's own dataclasses and enums and a few standard value types; a file naming
anything else is corrupt, discarded like any other, and the build starts clean.
"""

from __future__ import annotations

import datetime
import enum
import os
import pickle
from dataclasses import dataclass, is_dataclass
from pathlib import Path

from builder.util.fingerprints import code_fingerprint
from builder.util.memory import long_lived

MAGIC = b"digest-state"
FORMAT = 5
"""Bump when the shape of what is stored changes in a way the code fingerprint does not show."""
PICKLE_START = b"\x80"
"""How a pickle begins: a file of the builder from before headers, passed over like another
version's. A file that starts with neither this nor :data:`MAGIC` was written by no builder
(damaged, or replaced), which the caller reports."""


STANDARD_VALUES = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "time"): datetime.time,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
    ("builtins", "frozenset"): frozenset,
    ("builtins", "set"): set,
}
"""The types outside the builder that stored values hold: values, whose construction runs nothing
but their own checks."""


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds values and calls nothing else.

    A pickle names what it calls by module and name (:meth:`find_class`); here that may only be
    one of :data:`STANDARD_VALUES`, or a dataclass or enum of the builder's own modules, whose
    construction assigns fields (and an enum's looks a member up). Functions, other classes and
    every other module are refused, so no file, however crafted, runs code while it loads.
    """

    def find_class(self, module: str, name: str) -> type:
        if (module, name) in STANDARD_VALUES:
            return STANDARD_VALUES[module, name]
        if _builder_module(module) and name.isidentifier() and not name.startswith("_"):
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module and (
                    is_dataclass(found) or issubclass(found, enum.Enum)):
                return found  # defined there: not a library's class a module merely imports
        raise pickle.UnpicklingError(f"{module}.{name} is not a value the builder stores")


def _builder_module(module: str) -> bool:
    """A library module of the builder: importing one runs nothing but definitions (unlike
    ``builder.__main__``, which runs the command)."""
    parts = module.split(".")
    return parts[0] == "builder" and len(parts) > 1 and all(
        part.isidentifier() and not part.startswith("_") for part in parts)


@dataclass(frozen=True)
class Loaded:
    """What :func:`load` found."""

    value: object = None
    """The stored value; None when there was none usable."""
    problem: str = ""
    """Why a file with this builder's header could not be read ("" otherwise)."""


def header(key: str = "") -> bytes:
    return b"%s %d %s %s\n" % (MAGIC, FORMAT, code_fingerprint().encode(), key.encode())


def load(path: Path, key: str = "") -> Loaded:
    """The value stored at ``path`` under ``key`` by this builder; nothing, silently, when there
    is no file or another builder (or key) wrote it."""
    expected = header(key)
    try:
        with path.open("rb") as file:
            if (first := file.readline(len(expected))) != expected:
                if first.startswith((MAGIC, PICKLE_START)):  # another builder's, or older
                    return Loaded()
                return Loaded(problem="not a file the builder writes")
            with long_lived():  # records that live as long as the process, and no cycles
                return Loaded(_DataOnly(file).load())
    except FileNotFoundError:
        return Loaded()
    except Exception as exc:  # any unpickling failure means a corrupt file: never trust it
        return Loaded(problem=type(exc).__name__)


def save(path: Path, value: object, key: str = "") -> None:
    """Store ``value`` at ``path`` under ``key``, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            file.write(header(key))
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:  # named by the file meant, not the temporary one (removed)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        temporary.unlink(missing_ok=True)

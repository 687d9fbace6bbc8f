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

The cache is the project's own, beside ``site/``; it is never read from anywhere else (a pickle
runs code when loaded, so a cache from an untrusted place must not be used).
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
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
                return Loaded(pickle.load(file))
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

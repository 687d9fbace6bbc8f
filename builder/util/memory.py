"""The garbage collector, told what the builder knows about the lifetime of its data.

A build makes tens of thousands of frozen records (articles, page jobs, file records) that live
until its end and hold no reference cycles. Python's collector does not know that: it examines
young objects again and again as they are made, and a full collection goes over everything
alive. At 100,000 pages that took 16 of the 60 s of reading, indexing and planning, for nothing
collected. Every setting of the collector is here, named for the situation it serves.

A leaf: imports nothing of the builder.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """No collection inside, and what was made inside goes straight to the collector's oldest
    generation, unexamined: for loading the saved state and for a build's stages, whose records
    live as long as the build (or the live preview) and hold no cycles."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        set_aside(collecting)


def set_aside(collecting: bool = True) -> None:
    """Move all that is alive to the collector's oldest generation without looking at it
    (freeze, then unfreeze), then turn collection back on if ``collecting``: turning it on must
    not begin with a collection over everything just made. Its garbage goes with the next full
    collection."""
    gc.freeze()
    gc.unfreeze()
    if collecting:
        gc.enable()


def settle() -> None:
    """Between two builds of the live preview: collect the last build's garbage now, then keep
    everything alive (the whole site's model and state) out of later collections, which would
    otherwise go over it (a tenth of a second at 10,000 pages) between a save and its page."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def share_with_workers() -> None:
    """Before forking workers: what they inherit is left alone by their collections, so it stays
    shared with the build instead of being copied page by page."""
    gc.freeze()


def collect_in_worker() -> None:
    """In a forked worker: collect as usual (rendering makes cycles, Jinja2's contexts), the
    inherited data apart (:func:`share_with_workers`)."""
    gc.enable()


def work_without_cycles() -> None:
    """In a worker process whose work makes no reference cycles (settling a search bundle: the
    millions of lists of its decoded words), which reference counting frees: no collection,
    since each would only go over everything alive (a fifth to a quarter of that work)."""
    gc.disable()


def skip_final_collection() -> None:
    """Before the command exits: the interpreter's last collection would go over all the command
    made (at 10,000 pages, a fifth of a second after every build) for nothing."""
    gc.freeze()

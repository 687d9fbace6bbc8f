"""How long each stage of a build took, in the order the stages ran: the report's timings line
(``time: read 0.01s, index 0.06s, …``) and the benchmarks' per-stage figures."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Timer:
    """The time of each stage, in the order they ran, for the report."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, time.perf_counter() - start))

    def run(self, name: str, step: Callable[[], T]) -> T:
        with self.stage(name):
            return step()

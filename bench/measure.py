"""Timing and query counting shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Timing:
    """Wall-clock seconds of the timed repetitions, the queries of one run and its result."""

    times: list[float]
    queries: int
    result: Any = None
    peak_bytes: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def min(self) -> float:
        return min(self.times)


def measure(
    run: Callable[[], Any],
    *,
    repeat: int,
    before_each: Callable[[], Any] | None = None,
    peak_memory: bool = False,
) -> Timing:
    """Run once to warm up and count queries, then time `repeat` runs with perf_counter.

    Queries are counted in the warm-up run only, so capturing them costs the timed runs
    nothing. before_each (e.g. deleting what the previous run created) is not timed. With
    peak_memory, one more run under tracemalloc records the peak of Python allocations
    (tracemalloc slows that run down, so it is not timed either).
    """
    if before_each:
        before_each()
    with CaptureQueriesContext(connection) as captured:
        result = run()
    # Counted now: the next request's request_started signal empties the connection's log.
    queries = len(captured)
    peak = None
    if peak_memory:
        if before_each:
            before_each()
        tracemalloc.start()
        try:
            run()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    times = []
    for _ in range(repeat):
        if before_each:
            before_each()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return Timing(times=times, queries=queries, result=result, peak_bytes=peak)

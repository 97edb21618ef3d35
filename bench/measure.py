"""Timing and query counting shared by the benchmarks."""

from __future__ import annotations

import os
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
    # CPU seconds of each timed run, this process's and the Typst worker's together: on a
    # shared machine they vary less than the wall clock.
    cpu_times: list[float] | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu_times) if self.cpu_times else None

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
    times, cpu_times = [], []
    for _ in range(repeat):
        if before_each:
            before_each()
        cpu = _cpu()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        cpu_times.append(_cpu_since(cpu))
    return Timing(times=times, queries=queries, result=result, peak_bytes=peak,
                  cpu_times=cpu_times)  # fmt: skip


def _cpu() -> tuple[float, int | None, float]:
    """This process's CPU seconds, and the Typst worker's id and CPU seconds."""
    from documents.pdf import worker_pid

    pid = worker_pid()
    return time.process_time(), pid, _worker_cpu(pid)


def _cpu_since(before: tuple[float, int | None, float]) -> float:
    """CPU seconds since `before`; a worker replaced meanwhile counts from its start."""
    own, pid, worker = before
    now = _cpu()
    return now[0] - own + now[2] - (worker if now[1] == pid else 0.0)


def _worker_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

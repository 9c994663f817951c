"""Timing helpers: interleaved repeats of a subject and its same-run baseline, medians and p95."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summary(samples_ms: list[float]) -> dict:
    return {
        "n": len(samples_ms),
        "median_ms": round(statistics.median(samples_ms), 3),
        "p95_ms": round(percentile(samples_ms, 95), 3),
        "p99_ms": round(percentile(samples_ms, 99), 3),
        "min_ms": round(min(samples_ms), 3),
        "max_ms": round(max(samples_ms), 3),
    }


def time_call(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU time (this thread) of one call, in ms.

    On a shared, overloaded machine the wall clock includes waiting for a processor; the CPU
    time of the calling thread does not (but it leaves out work done by another process, such
    as a PostgreSQL backend).
    """
    cpu = time.thread_time()
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000


def compare(
    subject: Callable[[], object], baseline: Callable[[], object] | None, *, repeat: int, warmup: int = 2
) -> dict:
    """Run subject and baseline in turn (A B A B ...) so drift of a noisy machine hits both alike."""
    for _ in range(warmup):
        subject()
        if baseline is not None:
            baseline()
    a: list[float] = []
    b: list[float] = []
    a_cpu: list[float] = []
    b_cpu: list[float] = []
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for i in range(repeat):
            wall, cpu = time_call(subject)
            a.append(wall)
            a_cpu.append(cpu)
            if baseline is not None:
                wall, cpu = time_call(baseline)
                b.append(wall)
                b_cpu.append(cpu)
            if i % 10 == 9:
                gc.collect()
    finally:
        if gc_was:
            gc.enable()
    result = {"subject": summary(a) | {"cpu_median_ms": round(statistics.median(a_cpu), 3)}}
    if baseline is not None:
        result["baseline"] = summary(b) | {"cpu_median_ms": round(statistics.median(b_cpu), 3)}
        base = result["baseline"]["median_ms"]
        result["ratio"] = round(result["subject"]["median_ms"] / base, 2) if base else None
    return result

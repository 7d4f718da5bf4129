"""How the Python reference scripts of mamlbench time a workload: the same
rule as Sources/mamlbench/Measure.swift (a batch long enough to time, then
the median over repeated batches within a budget)."""
import time


def measure(f, budget=1.0):
    """Seconds per call of f: the median of at least 3 (at most 50) batches timed within `budget` seconds."""
    f()
    batch = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(batch):
            f()
        if time.perf_counter() - t0 > 0.02:
            break
        batch *= 2
    means = []
    start = time.perf_counter()
    while len(means) < 3 or (time.perf_counter() - start < budget and len(means) < 50):
        t0 = time.perf_counter()
        for _ in range(batch):
            f()
        means.append((time.perf_counter() - t0) / batch)
    means.sort()
    return means[len(means) // 2]


def report(name, s):
    """One line of the reference's output: `name seconds-per-call`."""
    print(f"{name} {s:.3e}", flush=True)

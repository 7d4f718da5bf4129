#!/usr/bin/env python3
"""The mamlbench `plot` workloads drawn by matplotlib's Agg backend, for comparison only.

The same two figures as Sources/mamlbench/PlotWorkloads.swift: a line of
10^6 points (a random walk) and a 1000 x 1000 heatmap with a colour bar,
each saved as a 6.4 x 4.8 in PNG at 200 dpi (1280 x 960 px) into memory.
Prints `name seconds-per-run` (median of a few runs). Prints nothing when
matplotlib is not importable; the project never needs Python.
"""
import io
import time

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
except ImportError:
    raise SystemExit(0)


def line_1e6():
    rng = np.random.default_rng(1)
    y = np.cumsum(rng.random(1_000_000) - 0.5)
    x = np.arange(y.size, dtype=float)

    def run():
        fig, ax = plt.subplots(figsize=(6.4, 4.8))
        ax.plot(x, y, label="random walk")
        ax.set_title("10^6 points")
        ax.set_xlabel("step")
        ax.set_ylabel("value")
        ax.legend()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=200)
        plt.close(fig)
        return buffer.getbuffer().nbytes
    return run


def heatmap_1000():
    i = np.arange(1000)[:, None]
    j = np.arange(1000)[None, :]
    values = np.sin(i * 0.013) * np.cos(j * 0.021) + (i + j) / 2000

    def run():
        fig, ax = plt.subplots(figsize=(6.4, 4.8))
        image = ax.imshow(values, cmap="viridis", interpolation="nearest", aspect="auto")
        fig.colorbar(image, ax=ax, label="value")
        ax.set_title("1000 x 1000")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=200)
        plt.close(fig)
        return buffer.getbuffer().nbytes
    return run


def measure(run, runs=5):
    run()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


if __name__ == "__main__":
    print("plot_line_1e6_png", measure(line_1e6()))
    print("plot_heatmap_1000_png", measure(heatmap_1000()))

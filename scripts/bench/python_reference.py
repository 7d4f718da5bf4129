#!/usr/bin/env python3
"""The mamlbench `lang` workloads written in plain CPython, for comparison only.

Each is the loop a Python user would write for the same job (a list where
mamlsh grows a vector). Prints `name seconds-per-run` (median of a few runs).
Run by `mamlbench lang`; the project never needs Python.
"""
import time


def loop_1e6():
    s = 0
    for i in range(1, 1000001):
        s = s + i * 2
    return s


def inc(x):
    return x + 1


def call_1e5():
    s = 0
    for i in range(1, 100001):
        s = inc(s)
    return s


def index_2e5():
    x = [0.0] * 200000
    for i in range(1, 200001):
        x[i - 1] = i
    return x


def grow_2e5():
    x = []
    for i in range(1, 200001):
        x.append(i)
    return x


def append_2e5():
    L = []
    for i in range(1, 200001):
        L.append(i)
    return L


def struct_2e5():
    s = {"a": 0, "b": 0}
    for i in range(1, 200001):
        s["a"] = s["a"] + i
    return s


def closure_1e5():
    A = [[1, 2], [3, 4]]
    f = lambda x: x + A[1][0]
    s = 0
    for i in range(1, 100001):
        s = f(s)
    return s


def step(x):
    y = x + 1
    r = y
    return r


def function_1e5():
    s = 0
    for i in range(1, 100001):
        s = step(s)
    return s


def branch(x):
    if x > 50:
        r = x - 50
    else:
        r = x + 1
    return r


def branch_1e5():
    s = 0
    for i in range(1, 100001):
        s = branch(s)
    return s


def measure(f, runs=7):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    for name, f in [("lang_loop_1e6", loop_1e6), ("lang_call_1e5", call_1e5), ("lang_index_2e5", index_2e5),
                    ("lang_grow_2e5", grow_2e5), ("lang_append_2e5", append_2e5),
                    ("lang_concat_2e5", grow_2e5), ("lang_struct_2e5", struct_2e5),
                    ("lang_closure_1e5", closure_1e5), ("lang_function_1e5", function_1e5),
                    ("lang_branch_1e5", branch_1e5)]:
        print(f"{name} {measure(f):.3e}", flush=True)


if __name__ == "__main__":
    main()

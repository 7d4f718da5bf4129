#!/usr/bin/env python3
"""The mamlbench `io` workloads in pandas, NumPy, scipy.io and Python's
json, on the files mamlbench wrote (a 1000x1000 matrix of normal deviates
as CSV, JSON, MAT v5 compressed and not, and .npy), for comparison only. Prints `workload:library seconds` (median of a
few runs); a library that is missing is left out.

    python3 scripts/bench/io_reference.py FOLDER
"""
import json
import os
import statistics
import sys
import time

folder = sys.argv[1]
csv_path = os.path.join(folder, "m.csv")
json_path = os.path.join(folder, "m.json")
out = os.path.join(folder, "ref-out")


def median_time(f, runs=5):
    f()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def report(name, seconds):
    print(f"{name} {seconds:.6g}", flush=True)


try:
    import numpy as np
    M = np.loadtxt(csv_path, delimiter=",")
    report("io_csv_load_1000x1000:numpy_loadtxt", median_time(lambda: np.loadtxt(csv_path, delimiter=",")))
    report("io_csv_save_1000x1000:numpy_savetxt",
           median_time(lambda: np.savetxt(out + ".csv", M, delimiter=",", fmt="%.17g")))
except ImportError:
    pass

try:
    import pandas as pd
    report("io_csv_load_1000x1000:pandas_read_csv",
           median_time(lambda: pd.read_csv(csv_path, header=None).to_numpy()))
    frame = pd.read_csv(csv_path, header=None)
    report("io_csv_save_1000x1000:pandas_to_csv",
           median_time(lambda: frame.to_csv(out + ".csv", header=False, index=False), runs=3))
except ImportError:
    pass


def json_load():
    with open(json_path) as f:
        return json.load(f)


data = json_load()


def json_dump():
    with open(out + ".json", "w") as f:
        json.dump(data, f)


report("io_json_load_1000x1000:json_load", median_time(json_load))
report("io_json_save_1000x1000:json_dump", median_time(json_dump, runs=3))


try:
    import numpy as np
    npy_path = os.path.join(folder, "m.npy")
    A = np.load(npy_path)
    report("io_npy_load_1000x1000:numpy_load", median_time(lambda: np.load(npy_path)))
    report("io_npy_save_1000x1000:numpy_save", median_time(lambda: np.save(out + ".npy", A)))
except ImportError:
    pass

try:
    import scipy.io
    for key, name, compressed in (("mat", "m.mat", True), ("matu", "mu.mat", False)):
        path = os.path.join(folder, name)
        K = scipy.io.loadmat(path)["M"]
        report(f"io_{key}_load_1000x1000:scipy_loadmat", median_time(lambda: scipy.io.loadmat(path)))
        report(f"io_{key}_save_1000x1000:scipy_savemat",
               median_time(lambda: scipy.io.savemat(out + ".mat", {"M": K}, do_compression=compressed), runs=3))
except ImportError:
    pass

#!/usr/bin/env python3
"""mamlbench's `control` group written with SciPy and python-control, for
comparison only (the same workloads as Sources/mamlbench/ControlWorkloads.swift:
sizes, kinds of matrices and methods; the random numbers differ).

Each workload is timed with the library a Python user would call:
scipy.linalg.solve_continuous_are / solve_discrete_are (what python-control's
`care`/`dare` call without slycot; python-control's own wrappers are timed
too, as `*_pc`, and the faster of the two is the reference), scipy.linalg.
solve_continuous_lyapunov, scipy.signal.place_poles, scipy.signal.
cont2discrete (zoh), numpy.quantile (method "hazen" = Octave's default) and
numpy.polyfit. BLAS runs on one thread, as mamlbench's does
(BLASThreads.useOneThread). Prints `name seconds-per-call` (median of repeated batches).

    .build/bench-venv/bin/python scripts/bench/control_reference.py
"""
import os
import time
import warnings

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np
import scipy.linalg as sl
import scipy.signal as ss

from reference_timing import measure, report

try:
    import control as ct
except ImportError:  # python-control is optional: SciPy alone gives the reference
    ct = None

rng = np.random.default_rng(2026)




def random_spd(n):
    m = rng.standard_normal((n, n))
    return m @ m.T / n + np.eye(n)


def main():
    warnings.simplefilter("ignore")
    for n, m in [(10, 3), (100, 10)]:
        A = rng.standard_normal((n, n)) / np.sqrt(n)
        B = rng.standard_normal((n, m))
        Q, R = random_spd(n), random_spd(m)
        Ad = A * (0.95 / max(abs(np.linalg.eigvals(A))))
        budget = 1.0 if n == 10 else 2.0
        care = measure(lambda: sl.solve_continuous_are(A, B, Q, R), budget)
        dare = measure(lambda: sl.solve_discrete_are(Ad, B, Q, R), budget)
        if ct is not None:
            care_pc = measure(lambda: ct.care(A, B, Q, R), budget)
            dare_pc = measure(lambda: ct.dare(Ad, B, Q, R), budget)
            report(f"care_n{n}_pc", care_pc)
            report(f"dare_n{n}_pc", dare_pc)
            care, dare = min(care, care_pc), min(dare, dare_pc)
        report(f"care_n{n}", care)
        report(f"dare_n{n}", dare)

    n = 100
    A0 = rng.standard_normal((n, n)) / np.sqrt(n)
    A = A0 - (max(np.linalg.eigvals(A0).real) + 0.5) * np.eye(n)
    Q = random_spd(n)
    report("lyap_c_n100", measure(lambda: sl.solve_continuous_lyapunov(A, -Q), 2.0))

    n = 10
    A = rng.standard_normal((n, n))
    B = rng.standard_normal((n, 3))
    poles = np.array([-1.0, -1.5, -2.0, -2.5, -3.0, -0.5 + 2j, -0.5 - 2j, -1 + 1j, -1 - 1j, -4.0])
    report("place_n10", measure(lambda: ss.place_poles(A, B, poles)))

    n = 50
    A = rng.standard_normal((n, n)) / np.sqrt(n)
    B = rng.standard_normal((n, 10))
    C = np.zeros((1, n))
    D = np.zeros((1, 10))
    report("c2d_zoh_n50", measure(lambda: ss.cont2discrete((A, B, C, D), 0.1, method="zoh")))

    x = rng.standard_normal(1_000_000)
    p = [0.05, 0.25, 0.5, 0.75, 0.95]
    report("quantile_1e6", measure(lambda: np.quantile(x, p, method="hazen"), 2.0))

    t = np.linspace(0, 10, 1_000_000)
    y = 0.5 * t ** 3 - t + 2 + rng.standard_normal(t.size)
    report("polyfit3_1e6", measure(lambda: np.polyfit(t, y, 3), 2.0))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What a colleague sends for scripts/examples/12-interop.maml, written with
the libraries they use: a MATLAB file (scipy.io.savemat, MAT v5) holding the
initial gain of Toso et al.'s Boeing benchmark and the optimal gain SciPy's
Riccati solver finds for it, and a NumPy archive (numpy.savez) holding the
system as a system-identification run returns it (the true matrices plus
small, seeded errors).

    python3 scripts/examples/12-interop.py [FOLDER]     # default: the current folder

Needs NumPy and SciPy (scripts/test puts them in .build/jupyter-venv).
"""
import os
import sys

import numpy as np
import scipy.io
import scipy.linalg

folder = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(folder, exist_ok=True)

# The modified Boeing system and initial gain of jd-anderson/MAML-LQR
# ("MAML - LQR- Convergence" notebook); Q = I, R = I.
A = np.array([[1.22, 0.03, -0.02, -0.32], [0.01, 4.7, 0.0, 0.0], [0.02, -0.06, 0.4, 0.0], [0.01, -0.04, 0.72, 1.55]])
B = np.array([[0.01, 0.99], [-3.44, 1.66], [-0.83, 0.44], [-0.47, 0.25]])
K0 = np.array([[0.61343269, -1.53543838, 0.30279836, 0.39631415], [0.88802018, 0.60382034, -0.14729954, -0.58220629]])
Q, R = np.eye(4), np.eye(2)

# The optimal gain, u = -K x: K = (R + B'PB)^-1 B'PA with P from the discrete Riccati equation.
P = scipy.linalg.solve_discrete_are(A, B, Q, R)
Kopt = np.linalg.solve(R + B.T @ P @ B, B.T @ P @ A)
scipy.io.savemat(os.path.join(folder, "12-interop-gains.mat"),
                 {"K0": K0, "Kopt": Kopt, "note": "gains for the Boeing benchmark, u = -K x"}, do_compression=True)

# An identified model: the true matrices with errors of about 1e-3.
rng = np.random.default_rng(12)
np.savez(os.path.join(folder, "12-interop-sysid.npz"),
         A=A + 1e-3 * rng.standard_normal(A.shape), B=B + 1e-3 * rng.standard_normal(B.shape))
print(f"wrote 12-interop-gains.mat and 12-interop-sysid.npz in {folder}")

#!/usr/bin/env python3
"""The mamlbench `kinds` workloads written with NumPy/SciPy, for comparison
only: the formulas of docs/mathematics.md ("Kinds of task") as a NumPy
notebook would write them — scipy.linalg.solve_discrete_lyapunov and
solve_continuous_lyapunov for the discrete and continuous kinds, the
Kronecker system (numpy.linalg.solve on I − K, its spectral radius by
numpy.linalg.eigvals) for multiplicative noise at n ≤ 6, and above that (and
in the rows costgrad_mult_iter_*) the fixed-point iteration on
solve_discrete_lyapunov that MeanSquareSolver uses, with the same rule. Prints `name seconds-per-call`
(median of repeated batches). Not part of the test suite.

    python3 scripts/bench/kinds_reference.py
"""
import time
import numpy as np
import scipy.linalg as sl

import reference_timing


def measure(f, budget=0.5):
    return reference_timing.measure(f, budget)


report = reference_timing.report

rng = np.random.default_rng(21)




def spd(n):
    m = rng.standard_normal((n, n))
    return m @ m.T / n + np.eye(n)


def system(kind, n, m):
    b = rng.standard_normal((n, m)) / np.sqrt(n)
    if kind == "continuous":
        a = rng.standard_normal((n, n)) / np.sqrt(n)
        return a - (np.max(np.linalg.eigvals(a).real) + 0.5) * np.eye(n), b, None
    a = rng.standard_normal((n, n))
    if kind == "multiplicative":
        a = a * (0.7 / max(abs(np.linalg.eigvals(a))))
        noise = ([rng.standard_normal((n, n)) / np.sqrt(n) for _ in range(2)], [0.05, 0.02],
                 [rng.standard_normal((n, m)) / np.sqrt(n)], [0.05])
        return a, b, noise
    return a * (0.9 / max(abs(np.linalg.eigvals(a)))), b, None


METHOD = "auto"   # multiplicative noise: "kronecker", "iteration", or "auto" (Kronecker for n <= 6, as MeanSquareSolver)


def use_iteration(n):
    return METHOD == "iteration" or (METHOD == "auto" and n > 6)


def ms_iterate(acl, terms, S, adjoint, max_steps=10000):
    """X = L(X) + S (adjoint: X = L*(X) + S) by X <- Stein(A_W, N(X) + S), as MeanSquareSolver's iteration."""
    a = acl.T if adjoint else acl
    X = sl.solve_discrete_lyapunov(a, S)
    prev = q = np.nan
    for _ in range(max_steps):
        N = S + sum(c * ((M.T @ X @ M) if adjoint else (M @ X @ M.T)) for M, c in terms)
        Xn = sl.solve_discrete_lyapunov(a, N)
        change, size = np.linalg.norm(Xn - X), np.linalg.norm(Xn)
        X = Xn
        if not np.isfinite(size) or size > 1e250:
            raise ValueError("not mean-square stabilizing")
        if prev > 0:
            q = change / prev
        prev = change
        if change <= 1e-15 * size or (q < 1 and change * q / (1 - q) <= 1e-14 * size):
            return X
    raise ValueError("no convergence")


def point(kind, t, W):
    a, b, q, r, s0, noise = t
    acl = a - b @ W
    if kind == "lqr":
        P = sl.solve_discrete_lyapunov(acl.T, q + W.T @ r @ W)
        S = sl.solve_discrete_lyapunov(acl, s0)
        G = r + b.T @ P @ b
        E = G @ W - b.T @ P @ a
    elif kind == "continuous":
        P = sl.solve_continuous_lyapunov(acl.T, -(q + W.T @ r @ W))
        S = sl.solve_continuous_lyapunov(acl, -s0)
        G = r
        E = r @ W - b.T @ P
    elif use_iteration(a.shape[0]):
        Aa, al, Bb, be = noise
        n = a.shape[0]
        terms = [(Ai, x) for Ai, x in zip(Aa, al)] + [(Bj @ W, x) for Bj, x in zip(Bb, be)]
        ms_iterate(acl, terms, np.eye(n), False)          # mean-square stability: X = L(X) + I converges
        P = ms_iterate(acl, terms, q + W.T @ r @ W, True)
        S = ms_iterate(acl, terms, s0, False)
        G = r + b.T @ P @ b + sum(x * Bj.T @ P @ Bj for Bj, x in zip(Bb, be))
        E = G @ W - b.T @ P @ a
    else:
        Aa, al, Bb, be = noise
        n = a.shape[0]
        K = np.kron(acl, acl)
        for Ai, x in zip(Aa, al):
            K += x * np.kron(Ai, Ai)
        for Bj, x in zip(Bb, be):
            M = Bj @ W
            K += x * np.kron(M, M)
        if max(abs(np.linalg.eigvals(K))) >= 1:
            raise ValueError("not mean-square stabilizing")
        IK = np.eye(n * n) - K
        P = np.linalg.solve(IK.T, (q + W.T @ r @ W).reshape(-1, order="F")).reshape((n, n), order="F")
        S = np.linalg.solve(IK, s0.reshape(-1, order="F")).reshape((n, n), order="F")
        G = r + b.T @ P @ b + sum(x * Bj.T @ P @ Bj for Bj, x in zip(Bb, be))
        E = G @ W - b.T @ P @ a
    return acl, P, S, E, G


def hvp(kind, t, W, Y):
    a, b, q, r, s0, noise = t
    acl, P, S, E, G = point(kind, t, W)
    if kind == "lqr":
        Pp = sl.solve_discrete_lyapunov(acl.T, Y.T @ E + E.T @ Y)
        C = b @ Y @ S @ acl.T
        Sp = sl.solve_discrete_lyapunov(acl, -(C + C.T))
        Ep = G @ Y - b.T @ Pp @ acl
    elif kind == "continuous":
        Pp = sl.solve_continuous_lyapunov(acl.T, -(Y.T @ E + E.T @ Y))
        C = b @ Y @ S
        Sp = sl.solve_continuous_lyapunov(acl, C + C.T)
        Ep = r @ Y - b.T @ Pp
    else:
        Aa, al, Bb, be = noise
        n = a.shape[0]
        if use_iteration(n):
            terms = [(Ai, x) for Ai, x in zip(Aa, al)] + [(Bj @ W, x) for Bj, x in zip(Bb, be)]
            Pp = ms_iterate(acl, terms, Y.T @ E + E.T @ Y, True)
            C = b @ Y @ S @ acl.T
            rhs = -(C + C.T)
            for Bj, x in zip(Bb, be):
                D = Bj @ Y @ S @ W.T @ Bj.T
                rhs += x * (D + D.T)
            Sp = ms_iterate(acl, terms, rhs, False)
            Ep = G @ Y - b.T @ Pp @ acl + sum(x * Bj.T @ Pp @ Bj @ W for Bj, x in zip(Bb, be))
            return 2 * Ep @ S + 2 * E @ Sp
        K = np.kron(acl, acl)
        for Ai, x in zip(Aa, al):
            K += x * np.kron(Ai, Ai)
        for Bj, x in zip(Bb, be):
            M = Bj @ W
            K += x * np.kron(M, M)
        IK = np.eye(n * n) - K
        rhs = Y.T @ E + E.T @ Y
        Pp = np.linalg.solve(IK.T, rhs.reshape(-1, order="F")).reshape((n, n), order="F")
        C = b @ Y @ S @ acl.T
        rhs = -(C + C.T)
        for Bj, x in zip(Bb, be):
            D = Bj @ Y @ S @ W.T @ Bj.T
            rhs += x * (D + D.T)
        Sp = np.linalg.solve(IK, rhs.reshape(-1, order="F")).reshape((n, n), order="F")
        Ep = G @ Y - b.T @ Pp @ acl + sum(x * Bj.T @ Pp @ Bj @ W for Bj, x in zip(Bb, be))
    return 2 * Ep @ S + 2 * E @ Sp


def maml_grad(kind, tasks, W, eta):
    g = np.zeros_like(W)
    for t in tasks:
        _, _, S, E, _ = point(kind, t, W)
        Wt = W - eta * 2 * E @ S
        _, _, St, Et, _ = point(kind, t, Wt)
        gt = 2 * Et @ St
        g += gt - eta * hvp(kind, t, W, gt)
    return g


def costgrad_of(kind, t, W):
    """One cost-and-gradient evaluation of task t at W, as a timed call."""
    def costgrad():
        _, P, S, E, _ = point(kind, t, W)
        return np.trace(P) + 2 * (E @ S)[0, 0]
    return costgrad


SHORT = {"lqr": "lqr", "continuous": "cont", "multiplicative": "mult"}
for kind in ["lqr", "continuous", "multiplicative"]:
    for n in [10, 50]:
        m = 3
        a, b, noise = system(kind, n, m)
        t = (a, b, spd(n), spd(m), np.eye(n), noise)
        W = np.zeros((m, n))
        report(f"costgrad_{SHORT[kind]}_n{n}", measure(costgrad_of(kind, t, W), budget=1 if n > 10 else 0.5))
        if kind == "multiplicative":
            for METHOD in ["kronecker", "iteration"]:
                for size in ([10, 20] if n == 10 else [50]):
                    if METHOD == "kronecker" and size > 20:
                        continue
                    if size == n:
                        tt = t
                    else:
                        a2, b2, noise2 = system(kind, size, m)
                        tt = (a2, b2, spd(size), spd(m), np.eye(size), noise2)
                    report(f"costgrad_mult_{'kron' if METHOD == 'kronecker' else 'iter'}_n{size}",
                           measure(costgrad_of(kind, tt, np.zeros((m, size))), budget=1 if size > 10 else 0.5))
            METHOD = "auto"
    n, m = 10, 3
    a, b, noise = system(kind, n, m)
    tasks = []
    for i in range(10):
        nz = noise
        if noise is not None:
            s = 0.5 + 0.1 * i
            nz = (noise[0], [s * x for x in noise[1]], noise[2], [s * x for x in noise[3]])
        tasks.append((a, b, spd(n), spd(m), np.eye(n), nz))
    W = np.zeros((m, n))
    report(f"gradF_{SHORT[kind]}_n10_K10", measure(lambda: maml_grad(kind, tasks, W, 1e-3)))


# LQG with a history policy (p = 10) at the pendulum (n = 2, m = 1, q = 1)
# and cart-pole (n = 4, m = 1, q = 2) sizes of Toso et al. 2026: cost and
# gradient as their code's lqg_cost_and_grad_model_based computes them
# (the closed loop's eigenvalues, then two scipy discrete Lyapunov solves,
# J = tr(P Σ_ν), ∇J = 2 E Σ_K S*†ᵀ; written here from its formulas), and the
# model-free two-point estimate over 20 directions of radius 0.01 with
# rollouts of 100 steps simulating the plant, its noise and the Kalman filter.
def lqg_task(kind):
    if kind == "pendulum":
        A = np.eye(2) + 0.05 * np.array([[0, 1], [9.81 / 0.3, 0]])
        B = 0.05 * np.array([[0], [1 / (0.5 * 0.09)]])
        C = np.array([[1.0, 0]])
        Qy, R, Wn, Vn = 0.1 * np.eye(1), 0.1 * np.eye(1), 0.02 * np.eye(2), 0.05 * np.eye(1)
    else:
        Ac = np.array([[0, 1, 0, 0], [0, 0, 0.1 * 9.81, 0], [0, 0, 0, 1], [0, 0, 1.1 / 0.5 * 9.81, 0]])
        A = np.eye(4) + 0.05 * Ac
        B = 0.05 * np.array([[0], [1.0], [0], [2.0]])
        C = np.array([[1.0, 0, 0, 0], [0, 1, 0, 1]])
        Qy, R, Wn, Vn = 0.1 * np.eye(2), 0.1 * np.eye(1), 0.12 * np.eye(4), 0.15 * np.eye(2)
    import sys as _sys, os as _os
    _sys.path.insert(0, _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "fixtures"))
    from lqg_history_check import gains, sstar
    K, L, S = gains(A, B, C, Qy, R, Wn, Vn)
    St = sstar(A, B, C, K, L, 10, "consistent")
    Sdag = St.T @ np.linalg.inv(St @ St.T)
    return A, B, C, Qy, R, Wn, Vn, L, S, Sdag, K @ St


def lqg_cost_grad(A, B, C, Qy, R, Wn, Vn, L, S, Sdag, Kt):
    K = Kt @ Sdag
    Acl = A - B @ K
    if max(abs(np.linalg.eigvals(Acl))) >= 1 - 1e-6:
        return float("inf"), None
    Snu = L @ (C @ S @ C.T + Vn) @ L.T
    P = sl.solve_discrete_lyapunov(Acl.T, C.T @ Qy @ C + K.T @ R @ K)
    Sig = sl.solve_discrete_lyapunov(Acl, Snu)
    E = (R + B.T @ P @ B) @ K - B.T @ P @ A
    return float(np.trace(P @ Snu)), 2 * E @ Sig @ Sdag.T


def lqg_rollout_gradient(A, B, C, Qy, R, Wn, Vn, L, S, Sdag, Kt, samples=20, radius=0.01, horizon=100):
    n, q = A.shape[0], C.shape[0]
    wf, vf = np.linalg.cholesky(Wn), np.linalg.cholesky(Vn)
    Snu = L @ (C @ S @ C.T + Vn) @ L.T
    x0f = np.linalg.cholesky(Snu + 1e-12 * np.eye(n))
    ilc = np.eye(n) - L @ C
    d = Kt.size
    g = np.zeros_like(Kt)
    for _ in range(samples):
        U = rng.standard_normal(Kt.shape)
        U *= radius / np.linalg.norm(U)
        x0 = x0f @ rng.standard_normal(n)
        ws, vs = rng.standard_normal((horizon, n)) @ wf.T, rng.standard_normal((horizon, q)) @ vf.T
        costs = []
        for Kp in (Kt + U, Kt - U):
            K = Kp @ Sdag
            x, xh, u, total = x0.copy(), np.zeros(n), np.zeros(B.shape[1]), 0.0
            for t in range(horizon):
                y = C @ x + vs[t]
                xh = ilc @ (A @ xh + B @ u) + L @ y
                u = -K @ xh
                total += y @ Qy @ y + u @ R @ u
                x = A @ x + B @ u + ws[t]
            costs.append(total / horizon)
        g += d / (2 * radius * radius * samples) * (costs[0] - costs[1]) * U
    return g


for kind in ["pendulum", "cartpole"]:
    task = lqg_task(kind)
    Kt = task[-1] * 1.05
    report(f"costgrad_lqg_{kind}_p10", measure(lambda: lqg_cost_grad(*task[:-1], Kt)))
    report(f"zo_lqg_{kind}_p10", measure(lambda: lqg_rollout_gradient(*task[:-1], Kt), budget=1))

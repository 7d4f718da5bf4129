#!/usr/bin/env python3
"""The mamlbench workloads written with NumPy/SciPy, for comparison only.

Same formulas as MAMLCore (docs/mathematics.md), each Stein equation solved by
scipy.linalg.solve_discrete_lyapunov, as a NumPy notebook would. Prints
`name seconds-per-call` (median of repeated batches). Not part of the test
suite; the project never needs Python.

    python3 scripts/bench/scipy_reference.py
"""
import time
import numpy as np
import scipy.linalg as sl

from reference_timing import measure, report

rng = np.random.default_rng(2024)
A = np.array([[1.5, 0.0], [0.0, -2.0]])
B = np.array([[0.5], [0.5]])
Q1 = np.array([[0.01, -0.5], [-0.5, 200.0]])
Q2 = np.array([[200.0, 1.0], [1.0, 0.01]])


def paper_tasks(k=10):
    out = []
    for _ in range(k):
        a = rng.uniform(0, 10, 4)
        out.append((A, B, a[0] * Q1 + a[1] * Q2, np.array([[2 * a[2] + 0.1 * a[3]]]), np.eye(2)))
    return out


def lyap(a, q):          # X = a X a' + q
    return sl.solve_discrete_lyapunov(a, q)


def point(t, W):
    a, b, q, r, s0 = t
    acl = a - b @ W
    P = lyap(acl.T, q + W.T @ r @ W)
    S = lyap(acl, s0)
    E = (r + b.T @ P @ b) @ W - b.T @ P @ a
    return acl, P, S, E


def cost(t, W):
    a, b, q, r, s0 = t
    acl = a - b @ W
    return np.trace(lyap(acl.T, q + W.T @ r @ W) @ s0)


def grad(t, W):
    _, _, S, E = point(t, W)
    return 2 * E @ S


def hvp(t, W, Y):
    a, b, q, r, s0 = t
    acl, P, S, E = point(t, W)
    Pp = lyap(acl.T, Y.T @ E + E.T @ Y)
    Sp = lyap(acl, -(b @ Y @ S @ acl.T + acl @ S @ Y.T @ b.T))
    Ep = (r + b.T @ P @ b) @ Y - b.T @ Pp @ acl
    return 2 * Ep @ S + 2 * E @ Sp


def grad_F(ts, W, eta):
    total = np.zeros_like(W)
    for t in ts:
        Wt = W - eta * grad(t, W)
        g = grad(t, Wt)
        total += g - eta * hvp(t, W, g)
    return total


def F(ts, W, eta):
    return sum(cost(t, W - eta * grad(t, W)) for t in ts)




def random_stable(n, rho):
    m = rng.standard_normal((n, n))
    return m * (rho / max(abs(np.linalg.eigvals(m))))


def random_spd(n):
    m = rng.standard_normal((n, n))
    return m @ m.T / n + np.eye(n)


def main():
    ts = paper_tasks()
    W = np.array([[1.3, -2.1]])
    report("lyap_n2", measure(lambda: lyap(A - B @ W, np.eye(2))))
    report("gradF_paper_K10", measure(lambda: grad_F(ts, W, 1e-5)))

    def maml50():
        Wk = np.array([[1.0, -2.0]])
        for _ in range(50):
            Wk = Wk - 1e-6 * grad_F(ts, Wk, 1e-5)
        return Wk
    report("maml50_paper_K10", measure(maml50, budget=3))

    def grid():
        vals = []
        for w2 in np.arange(-4.0, -1.0 - 1e-9, 0.05):
            for w1 in np.arange(0.5, 3.0 - 1e-9, 0.05):
                Wg = np.array([[w1, w2]])
                if max(abs(np.linalg.eigvals(A - B @ Wg))) < 1:
                    try:
                        vals.append(F(ts, Wg, 1e-5))
                    except Exception:
                        vals.append(np.nan)
        return vals
    report("grid_F_step0.05_K10", measure(grid, budget=0))

    for n in (20, 100):
        a = random_stable(n, 0.95)
        q = random_spd(n)
        report(f"lyap_n{n}", measure(lambda: lyap(a, q)))

    n, m = 20, 5
    a = random_stable(n, 0.95)
    b = rng.standard_normal((n, m)) / np.sqrt(n)
    big = [(a, b, random_spd(n), random_spd(m), np.eye(n)) for _ in range(10)]
    report("gradF_n20m5_K10", measure(lambda: grad_F(big, np.zeros((m, n)), 1e-4)))
    meta_test()


def optimal_cost(t):
    a, b, q, r, s0 = t
    P = sl.solve_discrete_are(a, b, q, r)
    return np.trace(P @ s0)


def evaluate(ts, W, eta, steps):
    """Meta-test: C_i(W_k) after k = 0..max(steps) gradient steps, and C_i*."""
    cost_rows, optimal = [], []
    for t in ts:
        optimal.append(optimal_cost(t))
        Wk, row = W, []
        for k in range(max(steps) + 1):
            if k == max(steps):
                c = cost(t, Wk)
            else:
                acl, P, S, E = point(t, Wk)
                c = np.trace(P @ t[4])
                Wk = Wk - eta * 2 * E @ S
            if k in steps:
                row.append(c)
        cost_rows.append(row)
    C = np.array(cost_rows)
    opt = np.array(optimal)[:, None]
    return C, (C - opt) / opt


def perturbed(a, b, eps):
    ga = rng.standard_normal(a.shape)
    gb = rng.standard_normal(b.shape)
    return a + eps * ga / np.linalg.norm(ga, 2), b + eps * gb / np.linalg.norm(gb, 2)


def meta_test():
    a0 = random_stable(4, 0.9)
    b0 = rng.standard_normal((4, 2)) / 2
    q0, r0 = random_spd(4), random_spd(2)
    P0 = sl.solve_discrete_are(a0, b0, q0, r0)
    W = np.linalg.solve(r0 + b0.T @ P0 @ b0, b0.T @ P0 @ a0)
    ts = []
    for _ in range(50):
        q, r = random_spd(4), random_spd(2)
        a, b = perturbed(a0, b0, 0.05)
        ts.append((a, b, q, r, np.eye(4)))
    report("eval_50x6_n4", measure(lambda: evaluate(ts, W, 1e-3, list(range(6)))))

    # pg_gn_n100: Gauss-Newton with step 1/2 (policy iteration) to ||grad C||_F <= 1e-10,
    # n = 100, m = 10, rho(A) = 1.02, W0 the LQR gain of (A, B, I, I).
    n, m = 100, 10
    a = random_stable(n, 1.02)
    b = rng.standard_normal((n, m)) / np.sqrt(n)
    q, r = random_spd(n), random_spd(m)
    p0 = sl.solve_discrete_are(a, b, np.eye(n), np.eye(m))
    w0 = np.linalg.solve(np.eye(m) + b.T @ p0 @ b, b.T @ p0 @ a)

    def policy_iteration():
        W = w0
        for _ in range(50):
            acl = a - b @ W
            P = lyap(acl.T, q + W.T @ r @ W)
            S = lyap(acl, np.eye(n))
            G = r + b.T @ P @ b
            E = G @ W - b.T @ P @ a
            if np.linalg.norm(2 * E @ S) <= 1e-10:
                return W
            W = W - np.linalg.solve(G, E)
        raise RuntimeError("pg_gn_n100 did not converge")
    report("pg_gn_n100", measure(policy_iteration, budget=2))
    toso_iteration()


# zo_toso_200: 200 iterations of model-free MAML on the Toso et al. (2024)
# benchmark as their published NumPy code computes one (jd-anderson/MAML-LQR,
# "Convergence"): per task, two-point gradient estimates at K and at the
# adapted gain and a Hessian estimate, 20 samples each, every rollout cost a
# 501-step recursion P <- Q + K'RK + (A-BK)' P (A-BK). One iteration is timed
# and multiplied by 200 (their notebook prints about 2.8 s per iteration).
def toso_iteration():
    A0 = np.array([[1.22, 0.03, -0.02, -0.32], [0.01, 4.7, 0, 0], [0.02, -0.06, 0.4, 0], [0.01, -0.04, 0.72, 1.55]])
    B0 = np.array([[0.01, 0.99], [-3.44, 1.66], [-0.83, 0.44], [-0.47, 0.25]])
    K0 = np.array([[0.61343269, -1.53543838, 0.30279836, 0.39631415],
                   [0.88802018, 0.60382034, -0.14729954, -0.58220629]])
    Q, R = np.eye(4), np.eye(2)
    tasks = [(A0, B0)]
    for _ in range(9):
        tasks.append(perturbed(A0, B0, 0.006))
    x0 = np.full(4, 0.5)
    eta, samples, radius, horizon = 8e-6, 20, 0.01, 500

    def rollout_cost(a, b, K):
        acl = a - b @ K
        P = Q.copy()
        S = Q + K.T @ R @ K
        for _ in range(horizon + 1):
            P = S + acl.T @ P @ acl
        return x0 @ P @ x0

    def gradient(a, b, K, U):
        g = np.zeros_like(K)
        for u in U:
            g += (rollout_cost(a, b, K + u) - rollout_cost(a, b, K - u)) * u
        return 8 / (2 * len(U) * radius ** 2) * g

    def hessian(a, b, K, U):
        h = np.zeros((2, 2))
        base = rollout_cost(a, b, K)
        for u in U:
            h += (rollout_cost(a, b, K + u) - base) * (u @ u.T - np.eye(2))
        return 4 / (len(U) * radius ** 2) * h

    def iteration(K):
        U = rng.standard_normal((samples, 2, 4))
        U = radius * U / np.linalg.norm(U, axis=(1, 2), keepdims=True)
        total = np.zeros_like(K)
        for a, b in tasks:
            adapted = K - eta * gradient(a, b, K, U)
            g = gradient(a, b, adapted, U)
            total += (np.eye(2) - eta * hessian(a, b, K, U)) @ g
        return K - eta / len(tasks) * total

    report("zo_toso_200", 200 * measure(lambda: iteration(K0), budget=0))


if __name__ == "__main__":
    main()

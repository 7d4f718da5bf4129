/// Heterogeneous dynamics by perturbation (Toso et al. 2024, "Meta-learning
/// linear quadratic regulators: a policy gradient MAML approach for
/// model-free LQR"): a task whose A and B are moved by ε·Δ_A and ε·Δ_B, each
/// Δ drawn uniformly from the unit ball of the spectral norm.
///
/// "Uniformly" means exactly this here: Δ has the uniform distribution
/// (normalized Lebesgue measure on R^{m×n}) on {Δ : ‖Δ‖₂ ≤ 1}. It is sampled
/// without rejection, from its singular value decomposition (see
/// `Matrix.uniformInSpectralBall`); it is not the simpler r·G/‖G‖₂ with G
/// Gaussian and r = U^{1/(mn)}, whose directions are not distributed as the
/// uniform ball's (its smallest singular values come out too small: for 2×2,
/// E[σ_min] ≈ 0.24 instead of 0.3).
extension Matrix {
    /// A random rows×cols matrix Δ uniformly distributed on the unit ball of
    /// the spectral norm {Δ : ‖Δ‖₂ ≤ 1} (with respect to Lebesgue measure on
    /// R^{rows×cols}), drawn from `rng`.
    ///
    /// With p = max(rows, cols), k = min(rows, cols) and d = rows·cols:
    ///
    /// 1. Singular values. Z is a (p + k + 1)×k matrix of i.i.d. N(0, 1)
    ///    entries, Q an orthonormal basis of its columns (its left singular
    ///    vectors) and s the k singular values of the first p rows of Q. Then
    ///    s_i² are the eigenvalues of (XᵀX + YᵀY)⁻¹XᵀX with X = Z's first p
    ///    rows and Y its last k + 1 — the real Jacobi (MANOVA) ensemble with
    ///    p and k + 1 degrees of freedom, whose joint density is
    ///    ∝ ∏ x_i^{(p−k−1)/2} ∏_{i<j} |x_i − x_j| on [0, 1]^k.
    /// 2. Singular vectors. U (rows×k) and V (cols×k) are the singular
    ///    vectors of an independent rows×cols matrix G of i.i.d. N(0, 1)
    ///    entries: Haar-distributed and independent of G's singular values,
    ///    because G's density depends on its singular values only.
    /// 3. Δ = U·diag(s)·Vᵀ.
    ///
    /// Why this is uniform: in singular value coordinates Lebesgue measure
    /// on R^{p×k} is ∝ ∏ σ_i^{p−k} ∏_{i<j} |σ_i² − σ_j²| dσ dU dV, so the
    /// singular values of a uniform point of {σ₁ ≤ 1} have that density on
    /// [0, 1]^k, which in x = σ² is exactly the Jacobi density of step 1;
    /// its singular vectors are Haar and independent of them. Consequences
    /// the tests check: ‖Δ‖₂ ≤ 1, P(‖Δ‖₂ ≤ t) = t^d, and for 2×2,
    /// E[σ_max] = 0.8 and E[σ_min] = 0.3.
    ///
    /// Draws (p + k + 1)·k + rows·cols normal variates, in that order.
    public static func uniformInSpectralBall(rows: Int, cols: Int, rng: inout Xoshiro256StarStar) throws -> Matrix {
        guard rows > 0, cols > 0 else {
            throw MAMLError.shape("a matrix in the spectral-norm ball needs at least one row and one column (\(rows)×\(cols))")
        }
        let p = Swift.max(rows, cols), k = Swift.min(rows, cols)
        var z = Matrix(rows: p + k + 1, cols: k)
        for e in 0..<z.count { z.storage[e] = rng.normal() }
        let basis = try z.singularValueDecomposition().u                        // (p + k + 1)×k, orthonormal columns
        let top = basis.submatrix(rows: Array(0..<p), cols: Array(0..<k))
        let s = try top.singularValues().map { Swift.min(1, $0) }               // cosines: in [0, 1] up to rounding
        var g = Matrix(rows: rows, cols: cols)
        for e in 0..<g.count { g.storage[e] = rng.normal() }
        let svd = try g.singularValueDecomposition()
        // U·diag(s): scale column j of U by s_j, then multiply by Vᵀ.
        var us = svd.u
        for j in 0..<k {
            for i in 0..<rows { us[i, j] *= s[j] }
        }
        return us * svd.vt
    }
}

extension LQRTask {
    /// The size ε of a perturbation: finite and ≥ 0, 0.01 unless given.
    public static let perturbationSize = Setting<Double>("eps", default: 0.01, domain: .nonNegative)

    /// The task with dynamics A + ε·Δ_A and B + ε·Δ_B, each Δ drawn from
    /// `rng` uniformly on the unit ball of the spectral norm
    /// (`Matrix.uniformInSpectralBall`; Δ_A first, then Δ_B); Q, R and Σ0
    /// are unchanged. So ‖A' − A‖₂ ≤ ε and ‖B' − B‖₂ ≤ ε. An output-feedback
    /// or LQG task also gets C + ε·Δ_C, drawn next (`TaskKind.perturbed`). Throws
    /// `.invalidSetting(name: "eps", …)` unless ε is finite and ≥ 0 (ε = 0
    /// still draws, and returns the task itself).
    public func perturbed(epsilon: Double, rng: inout Xoshiro256StarStar) throws -> LQRTask {
        try LQRTask.perturbationSize.check(epsilon)
        let deltaA = try Matrix.uniformInSpectralBall(rows: n, cols: n, rng: &rng)
        let deltaB = try Matrix.uniformInSpectralBall(rows: n, cols: m, rng: &rng)
        let newKind = try kind.perturbed(epsilon: epsilon, rng: &rng)
        return try LQRTask(A: A + epsilon * deltaA, B: B + epsilon * deltaB, Q: Q, R: R, Sigma0: Sigma0, kind: newKind)
    }
}

import Foundation

/// Octave's `[K, S, e] = lqr(…)` / `dlqr(…)`: the optimal state-feedback gain.
public struct LQRDesign: Sendable {
    /// The gain K (u = −K x).
    public let K: Matrix
    /// The Riccati solution S.
    public let S: Matrix
    /// The closed-loop eigenvalues e = eig(A − B K).
    public let e: [Complex]
}

/// Octave's `[L, P, E] = lqe(…)`: the steady-state Kalman–Bucy gain.
public struct LQEDesign: Sendable {
    /// The estimator gain L (x̂' = A x̂ + B u + L (y − C x̂)).
    public let L: Matrix
    /// The steady-state error covariance P.
    public let P: Matrix
    /// The estimator's eigenvalues E = eig(A − L C).
    public let E: [Complex]
}

/// Octave's `[M, P, Z, E] = dlqe(…)`: the steady-state discrete Kalman filter.
public struct DLQEDesign: Sendable {
    /// The measurement-update gain M = P Cᵀ (C P Cᵀ + R)⁻¹
    /// (x̂[k|k] = x̂[k|k−1] + M (y[k] − C x̂[k|k−1])).
    public let M: Matrix
    /// The a-priori (predicted) error covariance P, the solution of the filter DARE.
    public let P: Matrix
    /// The a-posteriori (updated) error covariance Z = P − M C P.
    public let Z: Matrix
    /// The estimator's eigenvalues E = eig(A − A M C).
    public let E: [Complex]
}

extension Control {
    /// The continuous-time linear quadratic regulator (Octave's and MATLAB's
    /// `[K, S, e] = lqr(A, B, Q, R, N)`): u = −K x minimizes
    /// ∫ xᵀQx + uᵀRu + 2xᵀN u dt for ẋ = A x + B u, with
    /// K = R⁻¹(BᵀS + Nᵀ), S the stabilizing solution of
    /// AᵀS + SA − (SB + N)R⁻¹(BᵀS + Nᵀ) + Q = 0, and e = eig(A − B K).
    /// Solved by `care` (its method, checks and errors; N is its S).
    public static func lqr(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, N: Matrix? = nil) throws -> LQRDesign {
        let r = try care(A: A, B: B, Q: Q, R: R, S: N)
        return LQRDesign(K: r.G, S: r.X, e: r.L)
    }

    /// The discrete-time linear quadratic regulator (Octave's and MATLAB's
    /// `[K, S, e] = dlqr(A, B, Q, R, N)`): u[k] = −K x[k] minimizes
    /// Σ xᵀQx + uᵀRu + 2xᵀN u for x[k+1] = A x[k] + B u[k], with
    /// K = (R + BᵀSB)⁻¹(BᵀSA + Nᵀ), S the stabilizing solution of the DARE
    /// AᵀSA − S − (AᵀSB + N)(R + BᵀSB)⁻¹(BᵀSA + Nᵀ) + Q = 0, and
    /// e = eig(A − B K). Solved by `dare` (its method, checks and errors).
    public static func dlqr(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, N: Matrix? = nil) throws -> LQRDesign {
        let r = try dare(A: A, B: B, Q: Q, R: R, S: N)
        return LQRDesign(K: r.G, S: r.X, e: r.L)
    }

    /// The steady-state Kalman–Bucy filter gain (Octave's
    /// `[L, P, E] = lqe(A, G, C, Qn, Rn, Nn)`, python-control's `lqe`) for
    /// ẋ = A x + G w, y = C x + v, E[wwᵀ] = Qn, E[vvᵀ] = Rn, E[wvᵀ] = Nn:
    /// by duality, the `lqr` of (Aᵀ, Cᵀ, G Qn Gᵀ, Rn, G Nn), L = Kᵀ, so
    /// A P + P Aᵀ − (P Cᵀ + G Nn) Rn⁻¹ (C P + Nnᵀ Gᵀ) + G Qn Gᵀ = 0,
    /// L = (P Cᵀ + G Nn) Rn⁻¹, E = eig(A − L C). G nil means the identity.
    /// Errors as `care`, naming Qn (its Q) and Rn (its R) by their own names.
    public static func lqe(A: Matrix, G: Matrix? = nil, C: Matrix, Qn: Matrix, Rn: Matrix, Nn: Matrix? = nil) throws -> LQEDesign {
        let (q, cross) = try estimatorWeights(A: A, G: G, C: C, Qn: Qn, Rn: Rn, Nn: Nn)
        let r = try renamingWeights { try care(A: A.transposed, B: C.transposed, Q: q, R: Rn, S: cross) }
        return LQEDesign(L: r.G.transposed, P: r.X, E: r.L)
    }

    /// The steady-state discrete Kalman filter (Octave's
    /// `[M, P, Z, E] = dlqe(A, G, C, Qn, Rn, Nn)`) for x[k+1] = A x + G w,
    /// y = C x + v: P solves the filter DARE, the `dlqr` of
    /// (Aᵀ, Cᵀ, G Qn Gᵀ, Rn, G Nn); M = P Cᵀ (C P Cᵀ + Rn)⁻¹ is the
    /// measurement-update gain, Z = P − M C P (symmetrized) the updated
    /// covariance and E the eigenvalues of that DARE's closed loop
    /// (eig(A − A M C) when Nn = 0), as Octave's control package computes
    /// them. python-control's `dlqe` returns instead the predictor gain
    /// A·M as its first output; this follows Octave.
    public static func dlqe(A: Matrix, G: Matrix? = nil, C: Matrix, Qn: Matrix, Rn: Matrix, Nn: Matrix? = nil) throws -> DLQEDesign {
        let (q, cross) = try estimatorWeights(A: A, G: G, C: C, Qn: Qn, Rn: Rn, Nn: Nn)
        let r = try renamingWeights { try dare(A: A.transposed, B: C.transposed, Q: q, R: Rn, S: cross) }
        let p = r.X
        let pct = p.timesTranspose(C)
        let innovation = C * pct + Rn
        let m: Matrix
        do {
            m = try innovation.transposed.solve(pct.transposed, name: "C P Cᵀ + Rn").transposed
        } catch MAMLError.singular {
            throw MAMLError.argument(name: "Rn", message: "dlqe: C P Cᵀ + Rn is singular")
        }
        let z = (p - m * (C * p)).symmetrized
        return DLQEDesign(M: m, P: p, Z: z, E: r.L)
    }

    /// G Qn Gᵀ and G Nn after the shape checks of an estimator.
    private static func estimatorWeights(A: Matrix, G: Matrix?, C: Matrix, Qn: Matrix, Rn: Matrix, Nn: Matrix?) throws -> (Matrix, Matrix?) {
        try ArgumentCheck.squareFinite(A, "A")
        let n = A.rows
        let g = G ?? Matrix.identity(n)
        try ArgumentCheck.shape(g, "G", rows: n, cols: nil, reason: "to match A (n rows)")
        try ArgumentCheck.shape(C, "C", rows: nil, cols: n, reason: "to match A (n columns)")
        try ArgumentCheck.shape(Qn, "Qn", rows: g.cols, cols: g.cols, reason: "to match the columns of G")
        try ArgumentCheck.shape(Rn, "Rn", rows: C.rows, cols: C.rows, reason: "to match the rows of C")
        let q = g * (try ArgumentCheck.symmetric(Qn, "Qn")).timesTranspose(g)
        var cross: Matrix?
        if let nn = Nn {
            try ArgumentCheck.shape(nn, "Nn", rows: g.cols, cols: C.rows, reason: "to match G and C")
            cross = g * nn
        }
        return (q.symmetrized, cross)
    }

    /// Runs a dual Riccati solve, naming the estimator's weights (Qn, Rn, Nn)
    /// where the regulator's (Q, R, S) would be named.
    private static func renamingWeights<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch MAMLError.argument(let name, let message) {
            let renamed = ["Q": "Qn", "R": "Rn", "S": "Nn", "B": "C"][name] ?? name
            throw MAMLError.argument(name: renamed, message: message.replacingOccurrences(of: "\(name) ", with: "\(renamed) "))
        }
    }
}

/// One LQR task (A, B, Q, R, Σ0): dynamics x_{t+1} = A x_t + B u_t, stage cost
/// xᵀQx + uᵀRu, initial state with E[x0 x0ᵀ] = Σ0 (docs/mathematics.md; Fazel et al. 2018).
///
/// A is n×n, B n×m; Q (n×n), R (m×m) and Σ0 (n×n) are symmetric positive
/// definite. A policy is u = −W x with W m×n.
public struct LQRTask: Sendable, Equatable {
    public let A: Matrix
    public let B: Matrix
    public let Q: Matrix
    public let R: Matrix
    public let Sigma0: Matrix

    /// State dimension n.
    public var n: Int { A.rows }
    /// Input dimension m.
    public var m: Int { B.cols }

    /// A validated task. Throws with the offending matrix named when a shape
    /// does not fit, an entry is not finite, or Q, R, Σ0 is not symmetric
    /// positive definite. `index` (1-based) is quoted in messages about a task set.
    public init(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix? = nil, index: Int? = nil) throws {
        let where_ = index.map { " (task \($0))" } ?? ""
        for (name, m) in [("A", A), ("B", B), ("Q", Q), ("R", R), ("Sigma0", Sigma0 ?? A)] where !m.isFinite {
            throw MAMLError.notFinite(name: name + where_)
        }
        try A.requireSquare("A" + where_)
        let n = A.rows
        if n == 0 { throw MAMLError.shape("A must have at least one row\(where_)") }
        if B.rows != n {
            throw MAMLError.shape("B has \(B.rows) rows but A is \(A.shapeDescription)\(where_)")
        }
        if B.cols == 0 { throw MAMLError.shape("B must have at least one column\(where_)") }
        let sigma0 = Sigma0 ?? Matrix.identity(n)
        try Q.requireShape("Q" + where_, rows: n, cols: n, reason: "like A")
        try R.requireShape("R" + where_, rows: B.cols, cols: B.cols, reason: "since B has \(B.cols) column\(B.cols == 1 ? "" : "s")")
        try sigma0.requireShape("Sigma0" + where_, rows: n, cols: n, reason: "like A")
        for (name, m) in [("Q", Q), ("R", R), ("Sigma0", sigma0)] where !m.isPositiveDefinite() {
            throw MAMLError.notPositiveDefinite(name: name, task: index)
        }
        self.A = A
        self.B = B
        self.Q = Q.symmetrized
        self.R = R.symmetrized
        self.Sigma0 = sigma0.symmetrized
    }

    /// Whether `other` has the same A and B (Assumption 1: shared dynamics).
    public func sharesDynamics(with other: LQRTask) -> Bool { A == other.A && B == other.B }

    /// Throws unless W is m×n, finite.
    public func requireGain(_ W: Matrix, name: String = "W") throws {
        if W.rows != m || W.cols != n {
            throw MAMLError.shape("\(name) must be \(m)×\(n) to act on this task (it is \(W.shapeDescription))")
        }
        if !W.isFinite { throw MAMLError.notFinite(name: name) }
    }

    /// The closed loop A − B·W.
    public func closedLoop(_ W: Matrix) -> Matrix { A - B * W }

    /// ρ(A − BW), the spectral radius of the closed loop.
    public func closedLoopRadius(_ W: Matrix) throws -> Double {
        try requireGain(W)
        return try closedLoop(W).spectralRadius()
    }

    /// Whether W is stabilizing: ρ(A − BW) < 1.
    public func isStabilizing(_ W: Matrix) throws -> Bool { try closedLoopRadius(W) < 1 }
}

/// One LQR task (A, B, Q, R, Σ0): dynamics x_{t+1} = A x_t + B u_t, stage cost
/// xᵀQx + uᵀRu, initial state with E[x0 x0ᵀ] = Σ0 (docs/mathematics.md; Fazel et al. 2018).
///
/// A is n×n, B n×m; Q (n×n) and R (m×m) are symmetric positive definite;
/// Σ0 (n×n) is symmetric positive semidefinite. A singular Σ0 is allowed:
/// Σ0 = x0·x0ᵀ is a fixed initial state, as model-free papers use it; every
/// cost, gradient and Hessian is defined for it, only the Lemma 1 and
/// Lemma 3 bounds (which divide by μ = σmin(Σ0)) are not. A policy is
/// u = −W x with W m×n.
///
/// The task's `kind` says which LQR it is — discrete time (the default,
/// `DiscreteKind`), continuous time, multiplicative noise — and supplies the
/// closed-loop equations, the gradient factor and the optimal gain; what is
/// here and in `LQRPoint` holds for every kind.
public struct LQRTask: Sendable, Equatable {
    public let A: Matrix
    public let B: Matrix
    public let Q: Matrix
    public let R: Matrix
    public let Sigma0: Matrix
    /// μ = σmin(Σ0), the smallest eigenvalue of Σ0 (the μ of Lemmas 1 and 3
    /// and of Fazel et al. 2018); exactly 0 when Σ0 is singular to rounding
    /// (its smallest eigenvalue at most `LQRTask.singularTolerance(n)`·‖Σ0‖).
    public let mu: Double
    /// The kind of task (`DiscreteKind` unless made otherwise).
    public var kind: any TaskKind { kindBox.kind }
    /// The kind behind a reference: copying a task (as every evaluated point
    /// does) retains one pointer instead of copying an existential.
    let kindBox: TaskKindBox

    /// State dimension n.
    public var n: Int { A.rows }
    /// Input dimension m.
    public var m: Int { B.cols }

    /// A validated task. Throws `.invalidTaskMatrix` naming the offending
    /// matrix when a shape does not fit, an entry is not finite, Q or R is
    /// not symmetric positive definite, or Σ0 is not symmetric positive
    /// semidefinite (or is zero), or the kind's parameters do not fit n and
    /// m. `index` (1-based) is quoted in messages about a task set.
    public init(A: Matrix, B: Matrix, Q: Matrix, R: Matrix, Sigma0: Matrix? = nil, kind: (any TaskKind)? = nil,
                index: Int? = nil) throws {
        let where_ = index.map { " (task \($0))" } ?? ""
        /// Runs `check`, turning what it throws into an error of `matrix`.
        func rule(_ matrix: String, _ check: () throws -> Void) throws {
            do {
                try check()
            } catch let e as MAMLError {
                if case .invalidTaskMatrix = e { throw e }
                throw MAMLError.invalidTaskMatrix(matrix: matrix, message: e.description)
            }
        }
        for (name, m) in [("A", A), ("B", B), ("Q", Q), ("R", R), ("Sigma0", Sigma0 ?? A)] {
            try rule(name) { try m.requireFinite(name + where_) }
        }
        try rule("A") { try A.requireSquare("A" + where_) }
        let n = A.rows
        if n == 0 { throw MAMLError.invalidTaskMatrix(matrix: "A", message: "A must have at least one row\(where_)") }
        if B.rows != n {
            throw MAMLError.invalidTaskMatrix(matrix: "B", message: "B has \(B.rows) rows but A is \(A.shapeDescription)\(where_)")
        }
        if B.cols == 0 { throw MAMLError.invalidTaskMatrix(matrix: "B", message: "B must have at least one column\(where_)") }
        let sigma0 = Sigma0 ?? Matrix.identity(n)
        try rule("Q") { try Q.requireShape("Q" + where_, rows: n, cols: n, reason: "like A") }
        try rule("R") { try R.requireShape("R" + where_, rows: B.cols, cols: B.cols, reason: "since B has \(B.cols) column\(B.cols == 1 ? "" : "s")") }
        try rule("Sigma0") { try sigma0.requireShape("Sigma0" + where_, rows: n, cols: n, reason: "like A") }
        for (name, m) in [("Q", Q), ("R", R)] {
            try LQRTask.requireSymmetric(m, name, where: where_)
            if !m.isPositiveDefinite() {
                let lo = try m.symmetrized.symmetricEigenvalues().first ?? 0
                let value = lo > 0 ? "its smallest eigenvalue, \(formatNumber(lo)), is 0 to working precision"
                                   : "its smallest eigenvalue is \(formatNumber(lo))"
                throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name)\(where_) must be positive definite (\(value))")
            }
        }
        if let kind {
            try kind.check(n: n, m: B.cols, where: where_)
            kindBox = TaskKindBox(kind)
        } else {
            kindBox = .discrete
        }
        self.A = A
        self.B = B
        self.Q = Q.symmetrized
        self.R = R.symmetrized
        self.Sigma0 = sigma0.symmetrized
        self.mu = Sigma0 == nil ? 1 : try LQRTask.smallestEigenvalue(ofSigma0: sigma0, where: where_)
    }

    /// The relative tolerance below which an eigenvalue of Σ0 counts as 0:
    /// 10·n·ε, the size of the rounding in forming x0·x0ᵀ (Σ0 is singular
    /// when λmin ≤ tolerance·λmax, and not positive semidefinite when
    /// λmin < −tolerance·λmax).
    public static func singularTolerance(_ n: Int) -> Double { 10 * Double(Swift.max(n, 1)) * Double.ulpOfOne }

    /// Throws `.invalidTaskMatrix` unless `m` (Q, R or Σ0 of a task) is
    /// symmetric to `Matrix.isSymmetric`'s relative tolerance, quoting the
    /// pair of entries that differ most: `Q must be symmetric (Q[1,2] = 2 but Q[2,1] = 3)`.
    static func requireSymmetric(_ m: Matrix, _ name: String, where where_: String) throws {
        if m.isSymmetric() { return }
        var worst = (i: 0, j: 1, gap: -1.0)
        for j in 0..<m.cols {
            for i in 0..<j where Swift.abs(m[i, j] - m[j, i]) > worst.gap {
                worst = (i, j, Swift.abs(m[i, j] - m[j, i]))
            }
        }
        let (i, j) = (worst.i, worst.j)
        throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name)\(where_) must be symmetric (\(name)[\(i + 1),\(j + 1)] = \(formatNumber(m[i, j])) but \(name)[\(j + 1),\(i + 1)] = \(formatNumber(m[j, i])))")
    }

    /// μ of a Σ0 that must be symmetric positive semidefinite and not zero.
    private static func smallestEigenvalue(ofSigma0 s: Matrix, where where_: String) throws -> Double {
        try requireSymmetric(s, "Sigma0", where: where_)
        let lambda = try s.symmetrized.symmetricEigenvalues()
        let lo = lambda.first ?? 0, hi = lambda.last ?? 0
        if hi <= 0 {
            throw MAMLError.invalidTaskMatrix(matrix: "Sigma0", message: "Sigma0\(where_) must be positive semidefinite and not zero (its largest eigenvalue is \(formatNumber(hi)))")
        }
        let tolerance = singularTolerance(s.rows) * hi
        if lo < -tolerance {
            throw MAMLError.invalidTaskMatrix(matrix: "Sigma0", message: "Sigma0\(where_) must be positive semidefinite (it has the eigenvalue \(formatNumber(lo)))")
        }
        return lo <= tolerance ? 0 : lo
    }

    /// Whether Σ0 is singular (μ = 0), e.g. Σ0 = x0·x0ᵀ: the Lemma 1 and
    /// Lemma 3 bounds and Fazel et al.'s natural-gradient step do not exist.
    public var hasSingularSigma0: Bool { mu == 0 }

    /// μ = σmin(Σ0) for a bound that divides by it; throws
    /// `.singularSigma0(bound:)` naming `bound` when Σ0 is singular.
    public func requireNonsingularSigma0(for bound: String) throws -> Double {
        if hasSingularSigma0 { throw MAMLError.singularSigma0(bound: bound) }
        return mu
    }

    /// A square root L of Σ0 (L·Lᵀ = Σ0), so that x0 = L·z with z ~ N(0, I)
    /// has E[x0 x0ᵀ] = Σ0: the Cholesky factor when Σ0 is positive
    /// definite, else V·diag(√λ₊) from the eigen-decomposition (negative
    /// rounding-size eigenvalues taken as 0).
    public func initialStateFactor() throws -> Matrix {
        if !hasSingularSigma0, let l = try? Sigma0.choleskyFactor(name: "Sigma0") { return l }
        let eig = try Sigma0.symmetricEigenDecomposition()
        var l = eig.vectors
        for (j, lambda) in eig.values.enumerated() {
            let root = Swift.max(lambda, 0).squareRoot()
            for i in 0..<n { l[i, j] *= root }
        }
        return l
    }

    /// Whether `other` has the same A and B and the same kind (Assumption 1:
    /// shared dynamics, so that one closed loop serves both).
    public func sharesDynamics(with other: LQRTask) -> Bool { A == other.A && B == other.B && kind.isEqual(to: other.kind) }

    /// Same matrices, same kind.
    public static func == (a: LQRTask, b: LQRTask) -> Bool {
        a.A == b.A && a.B == b.B && a.Q == b.Q && a.R == b.R && a.Sigma0 == b.Sigma0 && a.mu == b.mu && a.kind.isEqual(to: b.kind)
    }

    /// Throws `.boundUnavailable` unless `bound` (the Lemma 1 or Lemma 3
    /// bound, a step certified by them) holds for this task's kind.
    public func requireDiscreteBounds(for bound: String) throws {
        if let reason = kind.boundsUnavailable {
            throw MAMLError.boundUnavailable(bound: bound, kind: kind.name, reason: reason)
        }
    }

    /// Throws unless W is m×n, finite.
    public func requireGain(_ W: Matrix, name: String = "W") throws {
        if W.rows != m || W.cols != n {
            throw MAMLError.shape("\(name) must be \(m)×\(n) to act on this task (it is \(W.shapeDescription))")
        }
        if !W.isFinite { throw MAMLError.notFinite(name: name) }
    }

    /// The closed loop A − B·W.
    public func closedLoop(_ W: Matrix) -> Matrix { A - B * W }

    /// The closed loop's stability radius: ρ(A − BW) for a discrete task,
    /// the kind's radius otherwise (`StabilityMeasure`); < 1 when W is stabilizing.
    public func closedLoopRadius(_ W: Matrix) throws -> Double {
        try requireGain(W)
        return try kindBox.kind.stabilityRadius(self, W: W, closedLoop: closedLoop(W))
    }

    /// Whether W is stabilizing: its stability radius (ρ(A − BW) for a discrete task) is < 1.
    public func isStabilizing(_ W: Matrix) throws -> Bool { try closedLoopRadius(W) < 1 }
}

/// A task's kind behind a reference (`LQRTask.kindBox`); the discrete kind's
/// box is shared by every discrete task.
final class TaskKindBox: Sendable {
    /// The kind.
    let kind: any TaskKind
    init(_ kind: any TaskKind) { self.kind = kind }
    /// The box of `DiscreteKind`.
    static let discrete = TaskKindBox(DiscreteKind())
}

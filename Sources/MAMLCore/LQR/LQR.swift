/// One task evaluated at one stabilizing gain W: the quantities of docs/mathematics.md
/// that share the closed loop A_W = A − BW and its Stein factorization.
///
/// - P_W solves P = Q + WᵀRW + A_Wᵀ·P·A_W and Σ_W solves Σ = Σ0 + A_W·Σ·A_Wᵀ.
/// - C(W) = tr(P_W·Σ0).
/// - ∇C(W) = 2·E_W·Σ_W with E_W = (R + BᵀP_W B)·W − BᵀP_W A
///   (policy gradient of Fazel, Ge, Kakade & Mesbahi 2018, Lemma 1).
/// - ∇²C(W)[Y] = 2·E′·Σ_W + 2·E_W·Σ′ (Bu, Mesbahi, Fazel & Mesbahi 2019;
///   its quadratic form is the paper's eq. (4)); see `hessianAction`.
public final class LQRPoint: Sendable {
    /// The task.
    public let task: LQRTask
    /// The gain.
    public let W: Matrix
    /// A_W = A − BW.
    public let closedLoop: Matrix
    /// The Stein factorization of A_W (shared by every task with the same A, B).
    public let solver: SteinSolver
    /// P_W.
    public let P: Matrix
    /// Σ_W.
    public let Sigma: Matrix
    /// C(W) = tr(P_W Σ0).
    public let cost: Double
    /// E_W = (R + BᵀP_W B)W − BᵀP_W A.
    public let E: Matrix
    /// R + BᵀP_W B, reused by the Hessian.
    let rPlusBPB: Matrix

    /// Evaluates `task` at W. `solver` and `sigma` may be passed in when
    /// another task with the same A, B (and Σ0, for `sigma`) already made them
    /// at this W. `index` (1-based) names the task in errors. Throws
    /// `.notStabilizing` when ρ(A − BW) ≥ 1.
    public init(task: LQRTask, W: Matrix, index: Int? = nil, solver: SteinSolver? = nil, sigma: Matrix? = nil) throws {
        try task.requireGain(W)
        let acl = task.closedLoop(W)
        let s = try solver ?? SteinSolver(stableClosedLoop: acl, task: index)
        let p = try s.solveTransposed(task.Q + W.transposeTimes(task.R * W)).symmetrized
        let sig = try sigma ?? s.solve(task.Sigma0).symmetrized
        let bp = task.B.transposeTimes(p)                      // BᵀP
        let rbpb = task.R + bp * task.B                        // R + BᵀPB
        self.task = task
        self.W = W
        self.closedLoop = acl
        self.solver = s
        self.P = p
        self.Sigma = sig
        self.cost = p.dot(task.Sigma0)
        self.E = rbpb * W - bp * task.A
        self.rPlusBPB = rbpb
    }

    /// ρ(A − BW).
    public var spectralRadius: Double { solver.spectralRadius }

    /// ∇C(W) = 2·E_W·Σ_W.
    public var gradient: Matrix { 2 * (E * Sigma) }

    /// The Hessian applied to a direction Y (m×n):
    ///
    ///     ∇²C(W)[Y] = 2·E′·Σ_W + 2·E_W·Σ′
    ///     E′ = (R + BᵀP_W B)·Y − BᵀP′·A_W
    ///     P′ = A_Wᵀ·P′·A_W + YᵀE_W + E_WᵀY
    ///     Σ′ = A_W·Σ′·A_Wᵀ − B·Y·Σ_W·A_Wᵀ − A_W·Σ_W·YᵀBᵀ
    ///
    /// Two Stein solves with the factorization already made for P_W and Σ_W.
    public func hessianAction(_ Y: Matrix) throws -> Matrix {
        try task.requireGain(Y, name: "Y")
        let ye = Y.transposeTimes(E)
        let pPrime = try solver.solveTransposed(ye + ye.transposed)
        let byS = task.B * Y * Sigma                           // B·Y·Σ_W
        let cross = byS.timesTranspose(closedLoop)             // B·Y·Σ_W·A_Wᵀ
        let sigmaPrime = try solver.solve(-(cross + cross.transposed))
        let ePrime = rPlusBPB * Y - task.B.transposeTimes(pPrime) * closedLoop
        return 2 * (ePrime * Sigma) + 2 * (E * sigmaPrime)
    }

    /// The full Hessian: the mn×mn matrix H with H·vec(Y) = vec(∇²C(W)[Y]),
    /// vec stacking columns; column k is the Hessian applied to the k-th unit
    /// direction. Symmetric up to rounding (symmetrized on return).
    public func hessian() throws -> Matrix {
        let m = task.m, n = task.n
        var h = Matrix(rows: m * n, cols: m * n)
        for k in 0..<(m * n) {
            var unit = Matrix(rows: m, cols: n)
            unit.storage[k] = 1
            let col = try hessianAction(unit).storage
            for r in 0..<(m * n) { h[r, k] = col[r] }
        }
        return h.symmetrized
    }

    /// δ(W) of Lemma 1: σmin(Q)·μ / (4·C(W)·‖B‖·(‖A − BW‖ + 1)), μ = σmin(Σ0).
    /// Throws `.singularSigma0` when Σ0 is singular (μ = 0 gives no bound).
    public func delta() throws -> Double {
        let mu = try task.requireNonsingularSigma0(for: "Lemma 1")
        let sq = try task.Q.smallestSingularValue()
        let nb = try task.B.spectralNorm()
        let na = try closedLoop.spectralNorm()
        return sq * mu / (4 * cost * nb * (na + 1))
    }

    /// δ̄(W) of Lemma 3: (√(‖A_W‖² + μ·σmin(Q)/C(W)) − ‖A_W‖)/‖B‖, μ = σmin(Σ0).
    /// Throws `.singularSigma0` when Σ0 is singular (μ = 0 gives no bound).
    public func deltaBar() throws -> Double {
        let mu = try task.requireNonsingularSigma0(for: "Lemma 3")
        let sq = try task.Q.smallestSingularValue()
        let nb = try task.B.spectralNorm()
        let na = try closedLoop.spectralNorm()
        return ((na * na + mu * sq / cost).squareRoot() - na) / nb
    }
}

extension LQRTask {
    /// C(W) alone: one factorization of A − BW and one Stein solve for P_W.
    /// Throws `.notStabilizing` (naming task `index`) when ρ(A − BW) ≥ 1.
    public func cost(_ W: Matrix, index: Int? = nil) throws -> Double {
        try requireGain(W)
        let solver = try SteinSolver(stableClosedLoop: closedLoop(W), task: index)
        return try solver.solveTransposed(Q + W.transposeTimes(R * W)).dot(Sigma0)
    }

    /// ∇C(W) (see `LQRPoint`).
    public func gradient(_ W: Matrix, index: Int? = nil) throws -> Matrix {
        try LQRPoint(task: self, W: W, index: index).gradient
    }
}

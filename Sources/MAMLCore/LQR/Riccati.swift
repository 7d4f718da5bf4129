/// The stabilizing solution of the discrete algebraic Riccati equation
///
///     P = Q + AᵀPA − AᵀPB·(R + BᵀPB)⁻¹·BᵀPA
///
/// and the optimal LQR gain W* = (R + BᵀPB)⁻¹·BᵀPA (u = −W*x), for which
/// A − BW* is stable. A solution exists when (A, B) is stabilizable and
/// (A, Q^{1/2}) detectable; Q ≻ 0 here, so stabilizability is the condition.
///
/// Method: the structure-preserving doubling algorithm (SDA; Chu, Fan, Lin &
/// Wang 2004, "Structure-preserving algorithms for periodic discrete-time
/// algebraic Riccati equations"; Lin & Xu 2006), quadratically convergent:
///
///     A₀ = A, G₀ = B R⁻¹ Bᵀ, H₀ = Q,
///     A_{k+1} = A_k (I + G_k H_k)⁻¹ A_k
///     G_{k+1} = G_k + A_k (I + G_k H_k)⁻¹ G_k A_kᵀ
///     H_{k+1} = H_k + A_kᵀ H_k (I + G_k H_k)⁻¹ A_k      → P
///
/// followed by Newton–Hewer refinement steps (Hewer 1971): with
/// W = (R + BᵀPB)⁻¹BᵀPA, P ← the solution of P = Q + WᵀRW + (A − BW)ᵀP(A − BW),
/// which polishes P to working precision with the Stein solver.
public struct RiccatiSolution: Sendable {
    /// The stabilizing solution P.
    public let P: Matrix
    /// The optimal gain W* = (R + BᵀPB)⁻¹BᵀPA.
    public let gain: Matrix
    /// ρ(A − BW*) < 1.
    public let closedLoopRadius: Double

    /// Solves the DARE of (A, B, Q, R); shapes and definiteness as for `LQRTask`.
    public init(A: Matrix, B: Matrix, Q: Matrix, R: Matrix) throws {
        let task = try LQRTask(A: A, B: B, Q: Q, R: R)
        try self.init(task: task)
    }

    /// The optimal gain of a task of any kind (`TaskKind.optimal`): for a
    /// discrete task the DARE's, as `init(discrete:)`.
    public init(task: LQRTask) throws {
        self = try task.kind.optimal(task)
    }

    /// A solution found by a kind's own method: P, the gain W* and its stability radius.
    public init(P: Matrix, gain: Matrix, closedLoopRadius: Double) {
        self.P = P
        self.gain = gain
        self.closedLoopRadius = closedLoopRadius
    }

    /// Solves the DARE of a discrete task (the method above).
    public init(discrete task: LQRTask) throws {
        var p = try RiccatiSolution.doubling(task)
        var gain = try RiccatiSolution.gain(task, p)
        var point: LQRPoint
        do {
            point = try LQRPoint(task: task, W: gain)
        } catch MAMLError.notStabilizing(_, let rho, _) {
            throw MAMLError.riccati("(A, B) is not stabilizable (the doubling iteration ends at a gain with ρ(A − BW) = \(formatNumber(rho)))")
        }
        for _ in 0..<3 {
            let refined = point.P
            let change = (refined - p).frobeniusNorm
            p = refined
            gain = try RiccatiSolution.gain(task, p)
            point = try LQRPoint(task: task, W: gain)
            if change <= 1e-15 * Swift.max(1, p.frobeniusNorm) { break }
        }
        self.P = point.P
        self.gain = gain
        self.closedLoopRadius = point.spectralRadius
    }

    /// W = (R + BᵀPB)⁻¹BᵀPA.
    static func gain(_ t: LQRTask, _ p: Matrix) throws -> Matrix {
        let bp = t.B.transposeTimes(p)
        return try (t.R + bp * t.B).solve(bp * t.A, name: "R + BᵀPB")
    }

    /// The SDA iteration (`RiccatiProblem.doublingIteration`); returns H_k at convergence.
    static func doubling(_ t: LQRTask) throws -> Matrix {
        let g = t.B * (try t.R.solve(t.B.transposed, name: "R"))
        switch try RiccatiProblem.doublingIteration((t.A, g, t.Q), steps: 100, settled: { change, size in
            change <= 1e-14 * Swift.max(1, size)
        }) {
        case .converged(let h): return h
        case .singular: throw MAMLError.riccati("the doubling iteration broke down (I + G·H is singular)")
        case .notFinite: throw MAMLError.riccati("(A, B) is not stabilizable (the doubling iteration diverged)")
        case .notConverged: throw MAMLError.riccati("the doubling iteration did not converge in 100 steps")
        }
    }
}

extension LQRTask {
    /// The optimal gain W* and its P, by the task's kind (the DARE for a discrete task; see `RiccatiSolution`).
    public func lqr() throws -> RiccatiSolution { try RiccatiSolution(task: self) }
}

/// Discrete-time LQR with multiplicative noise (Gravell, Mohajerin Esfahani &
/// Summers, "Learning optimal controllers for linear systems with
/// multiplicative noise via policy gradient", IEEE TAC 2021):
///
///     x_{t+1} = (A + Σ_i δ_i A_i) x_t + (B + Σ_j γ_j B_j) u_t,   u = −W x,
///
/// δ_i, γ_j independent, zero-mean, of variances α_i, β_j. With
/// A_W = A − BW and the second-moment operator 𝓛 (`MeanSquareSolver`),
/// W is mean-square stabilizing when ρ(𝓛) < 1, and
///
///     P_W = Q + WᵀRW + A_WᵀP A_W + Σ α_i A_iᵀP A_i + Σ β_j WᵀB_jᵀP B_j W
///     Σ_W = Σ0 + A_W Σ A_Wᵀ + Σ α_i A_i Σ A_iᵀ + Σ β_j B_j W Σ WᵀB_jᵀ
///     G_W = R + BᵀP_W B + Σ β_j B_jᵀP_W B_j,  E_W = G_W W − BᵀP_W A
///     ∇C(W) = 2·E_W·Σ_W
///     Σ′ = 𝓛(Σ′) − BYΣ_W A_Wᵀ − A_WΣ_W YᵀBᵀ + Σ β_j (B_jYΣ_W WᵀB_jᵀ + B_jWΣ_W YᵀB_jᵀ)
///     E′ = G_W Y − BᵀP′A_W + Σ β_j B_jᵀP′B_j W
///
/// (P′ from the value equation with YᵀE_W + E_WᵀY). The optimal gain solves
/// the generalized Riccati equation
/// P = Q + AᵀPA + Σ α_i A_iᵀPA_i − AᵀPB·G(P)⁻¹·BᵀPA, W* = G(P)⁻¹BᵀPA, found
/// by its value iteration from P = Q (Gravell et al., §II) and polished by
/// policy iteration (the Gauss–Newton step with η = 1/2). Made by
/// `task(…, noiseA={A1, …}, varA=[α1 …], noiseB={B1, …}, varB=[β1 …])`.
public struct MultiplicativeNoiseKind: TaskKind, Equatable {
    /// The directions A_i of the noise on A.
    public let noiseA: [Matrix]
    /// Their variances α_i (≥ 0).
    public let varA: [Double]
    /// The directions B_j of the noise on B.
    public let noiseB: [Matrix]
    /// Their variances β_j (≥ 0).
    public let varB: [Double]

    /// The kind with these noise directions and variances; checked against a
    /// task's sizes by `check` (LQRTask's initializer calls it).
    public init(noiseA: [Matrix] = [], varA: [Double] = [], noiseB: [Matrix] = [], varB: [Double] = []) {
        self.noiseA = noiseA
        self.varA = varA
        self.noiseB = noiseB
        self.varB = varB
    }

    public static let name = "multiplicative"
    public static let parameters = [
        TaskKindParameter("noiseA", .matrices, help: "the directions {A1, A2, …} of multiplicative noise on A (x⁺ = (A + Σ δ_i A_i)x + (B + Σ γ_j B_j)u)"),
        TaskKindParameter("varA", .numbers, help: "the variances [α1 α2 …] of the δ_i, each ≥ 0"),
        TaskKindParameter("noiseB", .matrices, help: "the directions {B1, B2, …} of multiplicative noise on B"),
        TaskKindParameter("varB", .numbers, help: "the variances [β1 β2 …] of the γ_j, each ≥ 0"),
    ]

    public static func make(_ arguments: [String: TaskKindArgument], n: Int, m: Int, where where_: String) throws -> MultiplicativeNoiseKind? {
        guard parameters.contains(where: { arguments[$0.name] != nil }) else { return nil }
        func matrices(_ name: String) throws -> [Matrix] {
            switch arguments[name] {
            case nil: return []
            case .matrices(let ms)?: return ms
            default: throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name) must be a list of matrices\(where_)")
            }
        }
        func numbers(_ name: String) throws -> [Double] {
            switch arguments[name] {
            case nil: return []
            case .numbers(let xs)?: return xs
            default: throw MAMLError.invalidTaskMatrix(matrix: name, message: "\(name) must be a vector of numbers\(where_)")
            }
        }
        let kind = MultiplicativeNoiseKind(noiseA: try matrices("noiseA"), varA: try numbers("varA"),
                                           noiseB: try matrices("noiseB"), varB: try numbers("varB"))
        try kind.check(n: n, m: m, where: where_)
        return kind
    }

    /// noiseA and varA, then noiseB and varB when there are directions on B.
    public var arguments: [(name: String, value: TaskKindArgument)] {
        var out: [(name: String, value: TaskKindArgument)] = [("noiseA", .matrices(noiseA)), ("varA", .numbers(varA))]
        if !noiseB.isEmpty { out += [("noiseB", .matrices(noiseB)), ("varB", .numbers(varB))] }
        return out
    }
    public var stabilityMeasure: StabilityMeasure { .meanSquare }
    public var boundsUnavailable: String? {
        "the Lemma 1 and Lemma 3 bounds are proved for discrete state feedback without multiplicative noise only"
    }

    public func isEqual(to other: any TaskKind) -> Bool { (other as? MultiplicativeNoiseKind) == self }

    /// Throws `.invalidTaskMatrix` naming the argument when a direction is not
    /// n×n (A_i) or n×m (B_j), has a non-finite entry, the numbers of
    /// directions and variances differ, or a variance is negative or not finite.
    public func check(n: Int, m: Int, where where_: String) throws {
        for (dirs, vars, dName, vName, cols) in [(noiseA, varA, "noiseA", "varA", n), (noiseB, varB, "noiseB", "varB", m)] {
            if dirs.count != vars.count {
                throw MAMLError.invalidTaskMatrix(matrix: vName, message: "\(vName) has \(vars.count) variance\(vars.count == 1 ? "" : "s") but \(dName) has \(dirs.count) direction\(dirs.count == 1 ? "" : "s")\(where_)")
            }
            for (k, d) in dirs.enumerated() {
                if d.rows != n || d.cols != cols {
                    throw MAMLError.invalidTaskMatrix(matrix: dName, message: "item \(k + 1) of \(dName) must be \(n)×\(cols) (it is \(d.shapeDescription))\(where_)")
                }
                if !d.isFinite {
                    throw MAMLError.invalidTaskMatrix(matrix: dName, message: "item \(k + 1) of \(dName) has NaN or infinite entries\(where_)")
                }
            }
            for (k, v) in vars.enumerated() where !(v.isFinite && v >= 0) {
                throw MAMLError.invalidTaskMatrix(matrix: vName, message: "\(vName)[\(k + 1)] must be a finite variance ≥ 0 (it is \(formatNumber(v)))\(where_)")
            }
        }
    }

    /// The noise terms (M_k, c_k) of the second-moment operator 𝓛 at W
    /// (`MeanSquareSolver`): (A_i, α_i) and (B_j·W, β_j).
    public func terms(_ W: Matrix) -> [(M: Matrix, c: Double)] {
        zip(noiseA, varA).map { ($0, $1) } + zip(noiseB, varB).map { ($0 * W, $1) }
    }

    /// (A_i, α_i) and (−B_j·W, β_j): x_{t+1} = (A + Σ δ_i A_i)x_t − (B + Σ γ_j B_j)W x_t,
    /// δ_i and γ_j drawn Gaussian at each step.
    public func rolloutTerms(_ task: LQRTask, W: Matrix) throws -> [(M: Matrix, c: Double)] {
        zip(noiseA, varA).map { ($0, $1) } + zip(noiseB, varB).map { (-($0 * W), $1) }
    }

    public func stabilityRadius(_ task: LQRTask, W: Matrix, closedLoop: Matrix) throws -> Double {
        try MeanSquareSolver.radius(closedLoop: closedLoop, terms: terms(W))
    }

    public func closedLoopEquations(_ task: LQRTask, W: Matrix, closedLoop: Matrix, index: Int?) throws -> any ClosedLoopEquations {
        try MeanSquareSolver(closedLoop: closedLoop, terms: terms(W), task: index)
    }

    /// G(P) = R + BᵀPB + Σ β_j B_jᵀPB_j and BᵀP.
    func curvature(_ task: LQRTask, P: Matrix) -> (G: Matrix, bp: Matrix) {
        let bp = task.B.transposeTimes(P)
        var g = task.R + bp * task.B
        for (bj, beta) in zip(noiseB, varB) where beta != 0 { g = g + beta * bj.transposeTimes(P * bj) }
        return (g, bp)
    }

    public func firstOrder(_ task: LQRTask, W: Matrix, P: Matrix) -> (E: Matrix, curvature: Matrix) {
        let (g, bp) = curvature(task, P: P)
        return (g * W - bp * task.A, g)
    }

    public func stateDerivativeRightSide(at point: LQRPoint, _ Y: Matrix) -> Matrix {
        let byS = point.task.B * Y * point.Sigma
        var s = byS.timesTranspose(point.closedLoop)           // B·Y·Σ_W·A_Wᵀ
        s = -(s + s.transposed)
        for (bj, beta) in zip(noiseB, varB) where beta != 0 {
            let cross = (bj * Y * point.Sigma).timesTranspose(bj * point.stateGain)   // B_j·Y·Σ_W·WᵀB_jᵀ
            s = s + beta * (cross + cross.transposed)
        }
        return s
    }

    public func gradientFactorDerivative(at point: LQRPoint, _ Y: Matrix, pPrime: Matrix) -> Matrix {
        var e = point.curvature * Y - point.task.B.transposeTimes(pPrime) * point.closedLoop
        for (bj, beta) in zip(noiseB, varB) where beta != 0 { e = e + beta * bj.transposeTimes(pPrime * bj) * point.stateGain }
        return e
    }

    /// The generalized Riccati equation's P and W*: value iteration
    /// P ← Q + AᵀPA + Σ α_i A_iᵀPA_i − AᵀPB·G(P)⁻¹·BᵀPA from P = Q until the
    /// change is below 1e-12·‖P‖ (at most 100 000 steps), then policy
    /// iteration W ← G(P_W)⁻¹BᵀP_W A to working precision. Throws `.riccati`
    /// when the iteration diverges (no mean-square stabilizing gain).
    public func optimal(_ task: LQRTask) throws -> RiccatiSolution {
        var p = task.Q
        var converged = false
        for _ in 0..<100_000 {
            let (g, bp) = curvature(task, P: p)
            var next = task.Q + task.A.transposeTimes(p * task.A)
            for (ai, alpha) in zip(noiseA, varA) where alpha != 0 { next = next + alpha * ai.transposeTimes(p * ai) }
            let gain = try g.solve(bp * task.A, name: "R + BᵀPB + Σβ_j B_jᵀPB_j")
            next = (next - (bp * task.A).transposeTimes(gain)).symmetrized
            let change = (next - p).frobeniusNorm
            p = next
            let size = p.frobeniusNorm
            if !p.isFinite || size > 1e300 {
                throw MAMLError.riccati("the task has no mean-square stabilizing gain (the generalized Riccati iteration diverges)")
            }
            if change <= 1e-12 * Swift.max(1, size) { converged = true; break }
        }
        if !converged { throw MAMLError.riccati("the generalized Riccati iteration did not converge in 100 000 steps") }
        var gain = try curvature(task, P: p).G.solve(curvature(task, P: p).bp * task.A, name: "R + BᵀPB + Σβ_j B_jᵀPB_j")
        var point: LQRPoint
        do {
            point = try LQRPoint(task: task, W: gain)
        } catch MAMLError.notStabilizing(_, let rho, _) {
            throw MAMLError.riccati("the task has no mean-square stabilizing gain (the generalized Riccati iteration ends at ρ_ms = \(formatNumber(rho)))")
        }
        for _ in 0..<5 {
            let next = point.W - 0.5 * (2 * (try point.curvature.solve(point.E, name: "R + BᵀPB + Σβ_j B_jᵀPB_j")))
            let change = (next - point.W).frobeniusNorm
            point = try LQRPoint(task: task, W: next)
            gain = next
            if change <= 1e-15 * Swift.max(1, gain.frobeniusNorm) { break }
        }
        return RiccatiSolution(P: point.P, gain: gain, closedLoopRadius: point.spectralRadius)
    }

    public func optimalCost(_ task: LQRTask) throws -> Double { try optimal(task).P.dot(task.Sigma0) }
}

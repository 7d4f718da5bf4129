/// Which gradient of the MAML objective Algorithm 1 follows.
public enum GradientMethod: String, Sendable, CaseIterable {
    /// ∇F of eq. (7), with the exact Hessian term.
    case exact
    /// Σ_i ∇C_i(W̃_i): eq. (7) without the Hessian term (first-order MAML).
    case firstOrder = "first-order"
}

/// The MAML objective of a task set at one gain W and inner step η, with
/// everything its gradient needs (paper eqs. (5)–(7)):
///
///     W̃_i = W − η·∇C_i(W)                                  (adapted gain)
///     F(W) = Σ_i C_i(W̃_i)                                   (eq. (5))
///     ∇F(W) = Σ_i (∇C_i(W̃_i) − η·∇²C_i(W)[∇C_i(W̃_i)])       (eq. (7))
///
/// Construction requires W to be MAML-stabilizing (Definition 2): W
/// stabilizes every task and so does every W̃_i.
public struct MAMLPoint: Sendable {
    /// The gain.
    public let W: Matrix
    /// The inner (adaptation) step η.
    public let eta: Double
    /// Each task at W.
    public let atW: [LQRPoint]
    /// Each task at its adapted gain W̃_i.
    public let atAdapted: [LQRPoint]

    /// The inner step η of eq. (5): finite and ≥ 0, named `eta` in errors.
    public static let eta = RequiredSetting("eta", domain: .nonNegative)

    /// Evaluates the task set at (W, η). Throws `.invalidSetting(name:
    /// "eta", …)` unless η is finite and ≥ 0, `.notStabilizing(task: i, …)`
    /// when W does not stabilize task i and `.destabilizingAdaptation` when
    /// W̃_i does not.
    public init(tasks set: TaskSet, W: Matrix, eta: Double) throws {
        try self.init(tasks: set, W: W, checkedEta: MAMLPoint.eta.check(eta))
    }

    /// Evaluates the task set at (W, η) for an η already checked (a step of
    /// a `StepSchedule`, or a certified one).
    init(tasks set: TaskSet, W: Matrix, checkedEta eta: Double) throws {
        let points = try set.evaluate(at: W)
        let adaptedPoints = try parallelMap(0..<set.count, parallel: set.n >= TaskSet.parallelThreshold) { i in
            let p = points[i]
            let wTilde = W - eta * p.gradient
            return try MAMLPoint.adaptedPoint(p.task, wTilde, index: i + 1, eta: eta)
        }
        self.W = W
        self.eta = eta
        self.atW = points
        self.atAdapted = adaptedPoints
    }

    /// The task at its adapted gain, with a destabilizing step reported as such.
    static func adaptedPoint(_ task: LQRTask, _ wTilde: Matrix, index: Int, eta: Double) throws -> LQRPoint {
        do {
            return try LQRPoint(task: task, W: wTilde, index: index)
        } catch MAMLError.notStabilizing(_, let rho, let measure) {
            throw MAMLError.destabilizingAdaptation(eta: eta, task: index, rho: rho, measure: measure)
        } catch MAMLError.notFinite {
            throw MAMLError.destabilizingAdaptation(eta: eta, task: index, rho: .infinity, measure: task.kindBox.kind.stabilityMeasure)
        }
    }

    /// The adapted gains W̃_i = W − η∇C_i(W).
    public var adaptedGains: [Matrix] { atAdapted.map(\.W) }

    /// F(W) = Σ_i C_i(W̃_i).
    public var objective: Double { atAdapted.reduce(0) { $0 + $1.cost } }

    /// The smallest stability margin over the tasks at W and at W̃_i (1 − ρ
    /// for discrete tasks; `LQRPoint.stabilityMargin`).
    public var stabilityMargin: Double {
        (atW + atAdapted).reduce(Double.infinity) { Swift.min($0, $1.stabilityMargin) }
    }

    /// ∇F(W) by eq. (7) (`.exact`) or without its Hessian term (`.firstOrder`).
    public func gradient(method: GradientMethod = .exact) throws -> Matrix {
        let terms = try parallelMap(0..<atW.count, parallel: W.cols >= TaskSet.parallelThreshold) { i in
            let g = self.atAdapted[i].gradient
            if method == .firstOrder || self.eta == 0 { return g }
            return g - self.eta * (try self.atW[i].hessianAction(g))
        }
        return terms.dropFirst().reduce(terms[0], +)
    }

    /// Lemma 1: min_i δ_i(W)/‖∇C_i(W)‖ (+∞ when every gradient vanishes).
    public func etaBound() throws -> Double { try MAMLPoint.etaBound(atW) }

    /// Lemma 1 over tasks already evaluated at W.
    static func etaBound(_ points: [LQRPoint]) throws -> Double {
        var bound = Double.infinity
        for p in points {
            let g = try p.gradient.spectralNorm()
            if g > 0 { bound = Swift.min(bound, try p.delta() / g) }
        }
        return bound
    }

    /// Lemma 3: min_i δ̄_i(W)/‖∇F(W)‖ (+∞ when ∇F(W) = 0).
    public func betaBound(method: GradientMethod = .exact) throws -> Double {
        try betaBound(gradient: gradient(method: method))
    }

    /// Lemma 3 with ∇F(W) already computed.
    public func betaBound(gradient: Matrix) throws -> Double {
        let g = try gradient.spectralNorm()
        if g == 0 { return .infinity }
        var smallest = Double.infinity
        for p in atW { smallest = Swift.min(smallest, try p.deltaBar()) }
        return smallest / g
    }
}

extension TaskSet {
    /// W̃_i = W − η∇C_i(W) for every task (W must stabilize every task; the
    /// adapted gains themselves are not checked).
    public func adaptedGains(_ W: Matrix, eta: Double) throws -> [Matrix] {
        try MAMLPoint.eta.check(eta)
        return try evaluate(at: W).map { W - eta * $0.gradient }
    }

    /// F(W) = Σ_i C_i(W − η∇C_i(W)) (eq. (5)); computes only what F needs.
    public func objective(_ W: Matrix, eta: Double) throws -> Double {
        try MAMLPoint.eta.check(eta)
        var total = 0.0
        for (i, adapted) in try adaptedCosts(evaluate(at: W), eta: eta).enumerated() {
            guard let cost = adapted.cost else {
                throw MAMLError.destabilizingAdaptation(eta: eta, task: i + 1, rho: adapted.radius,
                                                        measure: tasks[i].kind.stabilityMeasure)
            }
            total += cost
        }
        return total
    }

    /// For each task (evaluated at W), its stability radius at W̃_i
    /// (ρ(A_i − B_iW̃_i) for a discrete task) and, when W̃_i is stabilizing,
    /// C_i(W̃_i): one factorization and one solve per task.
    func adaptedCosts(_ points: [LQRPoint], eta: Double) throws -> [(radius: Double, cost: Double?)] {
        try points.enumerated().map { i, p in
            let wTilde = p.W - eta * p.gradient
            guard wTilde.isFinite else { return (.infinity, nil) }
            let task = p.task
            do {
                let solver = try task.kindBox.kind.closedLoopEquations(task, W: wTilde, closedLoop: task.closedLoop(wTilde), index: i + 1)
                let cost = try solver.solveValue(task.Q + wTilde.transposeTimes(task.R * wTilde)).dot(task.Sigma0)
                return (solver.stabilityRadius, cost)
            } catch MAMLError.notStabilizing(_, let rho, _) {
                return (rho, nil)
            }
        }
    }

    /// ∇F(W) (eq. (7), or first-order).
    public func mamlGradient(_ W: Matrix, eta: Double, method: GradientMethod = .exact) throws -> Matrix {
        try MAMLPoint(tasks: self, W: W, eta: eta).gradient(method: method)
    }

    /// Definition 2: W stabilizes every task and every W̃_i = W − η∇C_i(W) does too.
    /// (A W whose closed loop has ρ = 1 to rounding counts as not stabilizing,
    /// as it does for `objective`.)
    public func isMAMLStabilizing(_ W: Matrix, eta: Double) throws -> Bool {
        try MAMLPoint.eta.check(eta)
        guard try closedLoopRadius(W) < 1 else { return false }
        do {
            return try adaptedCosts(evaluate(at: W), eta: eta).allSatisfy { $0.cost != nil }
        } catch MAMLError.notStabilizing {
            return false
        }
    }

    /// Lemma 1: any η < min_i δ_i(W)/‖∇C_i(W)‖ keeps a task-stabilizing W
    /// MAML-stabilizing. W must stabilize every task. Throws
    /// `.singularSigma0` when a task's Σ0 is singular (δ_i needs σmin(Σ0) > 0).
    public func etaBound(_ W: Matrix) throws -> Double {
        try MAMLPoint.etaBound(evaluate(at: W))
    }

    /// Lemma 3: any β < min_i δ̄_i(W)/‖∇F(W)‖ keeps W − β∇F(W) stabilizing
    /// for every task. W must be MAML-stabilizing at η. Throws
    /// `.singularSigma0` when a task's Σ0 is singular (δ̄_i needs σmin(Σ0) > 0).
    public func betaBound(_ W: Matrix, eta: Double, method: GradientMethod = .exact) throws -> Double {
        try MAMLPoint(tasks: self, W: W, eta: eta).betaBound(method: method)
    }

    /// The largest η such that W stays MAML-stabilizing for every step in
    /// [0, η): for each task, the first η along the ray W − η∇C_i(W) where
    /// ρ(A_i − B_iW̃_i) reaches 1, found by a geometric scan from the Lemma 1
    /// bound (which is certified; from a tiny step when Σ0 is singular and
    /// Lemma 1 gives none) and bisection to `relativeTolerance`; the
    /// minimum over tasks. +∞ when no ray leaves the stabilizing set.
    public func etaMax(_ W: Matrix, relativeTolerance: Double = 1e-4) throws -> Double {
        let points = try evaluate(at: W)
        var best = Double.infinity
        for (i, p) in points.enumerated() {
            let g = p.gradient
            if g.maxAbs == 0 { continue }
            let task = tasks[i]
            let stable: (Double) throws -> Bool = { eta in
                let wTilde = W - eta * g
                guard wTilde.isFinite else { return false }
                return try task.closedLoopRadius(wTilde) < 1
            }
            // The scan starts at Lemma 1's step, which is certified. A singular Σ0
            // certifies none: it starts at a step too small to matter instead
            // (1e-9·max(‖W‖_F, 1)/‖∇C_i‖), checked like any other.
            let gNorm = try g.spectralNorm()
            let certified = p.task.hasSingularSigma0 || p.task.kindBox.kind.boundsUnavailable != nil
                ? 1e-9 * Swift.max(W.frobeniusNorm, 1) / gNorm : try p.delta() / gNorm
            var lo = 0.0, hi = certified
            if try stable(certified) {
                // Geometric scan: the first unstable η above the certified one, within a factor 1.05.
                lo = certified
                hi = certified * 1.05
                var found = false
                for _ in 0..<2000 {
                    if try !stable(hi) { found = true; break }
                    lo = hi
                    hi *= 1.05
                    if hi > best { break }
                }
                if !found { continue }
            }
            while hi - lo > relativeTolerance * hi {
                let mid = 0.5 * (lo + hi)
                if try stable(mid) { lo = mid } else { hi = mid }
            }
            best = Swift.min(best, lo)
        }
        return best
    }
}

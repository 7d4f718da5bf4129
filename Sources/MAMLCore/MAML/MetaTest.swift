import Foundation

/// Meta-testing: how well a meta-learned gain W serves tasks after a few
/// steps of policy-gradient adaptation on each (the inner loop of eq. (5)
/// repeated: W_0 = W, W_k = W_{k−1} − η∇C_i(W_{k−1}); k = 1 is the adapted
/// gain W̃_i of eq. (5)), measured against each task's optimal cost
/// C_i* = C_i(W_i*) (W_i* from the DARE, Fazel et al. 2018).
extension LQRTask {
    /// The number of adaptation steps k of `adapted` (and of `adapt` in the
    /// language): a whole number from 0 to 100 000, 1 unless given.
    public static let adaptationSteps = Setting<Int>("steps", default: 1, domain: .whole(0...100_000))

    /// W_k after k = `steps` gradient steps W_k = W_{k−1} − η∇C(W_{k−1})
    /// from W_0 = W (`steps` = 0 returns W; 1 gives W̃ of eq. (5)).
    ///
    /// Throws `.invalidSetting` naming `eta` or `steps` when one is outside
    /// its domain (`MAMLPoint.eta`, `adaptationSteps`). Every iterate must
    /// stay stabilizing, the last included: W itself not
    /// stabilizing throws `.notStabilizing(task: index, …)`, a step that
    /// leaves the stabilizing set throws `.adaptationStepDestabilizing`
    /// naming the task `index` (nil for a lone task) and the step. One
    /// factorization of each closed loop A − BW_k.
    public func adapted(_ W: Matrix, eta: Double, steps: Int, index: Int? = nil) throws -> Matrix {
        try MAMLPoint.eta.check(eta)
        try LQRTask.adaptationSteps.check(steps)
        try requireGain(W)
        var w = W
        for k in 0...steps {
            do {
                if k == steps {
                    _ = try kindBox.kind.closedLoopEquations(self, W: stateGain(w), closedLoop: closedLoop(w), index: index)
                } else {
                    w = w - eta * (try LQRPoint(task: self, W: w, index: index).gradient)
                    if !w.isFinite {
                        throw MAMLError.adaptationStepDestabilizing(task: index, step: k + 1, steps: steps, eta: eta, rho: .infinity)
                    }
                }
            } catch MAMLError.notStabilizing(_, let rho, let measure) where k > 0 {
                throw MAMLError.adaptationStepDestabilizing(task: index, step: k, steps: steps, eta: eta, rho: rho, measure: measure)
            }
        }
        return w
    }
}

extension TaskSet {
    /// Each task's W_k after `steps` gradient steps from W (`LQRTask.adapted`,
    /// errors naming the task by its 1-based index).
    public func adaptedGains(_ W: Matrix, eta: Double, steps: Int) throws -> [Matrix] {
        try tasks.enumerated().map { i, t in try t.adapted(W, eta: eta, steps: steps, index: i + 1) }
    }
}

/// The meta-test of a gain W on a task set: for each task i and each
/// requested number of adaptation steps k, the cost C_i(W_k) of the gain
/// after k gradient steps (`LQRTask.adapted`) and its normalized gap
/// (C_i(W_k) − C_i*)/C_i* to the task's optimum.
///
/// An iterate that is not stabilizing (or W itself, for a task it does not
/// stabilize) has cost and gap +∞, and so do the later ones: the evaluation
/// records it instead of stopping, so one bad task among many does not hide
/// the rest.
public struct MetaTestEvaluation: Sendable, Equatable {
    /// The numbers of adaptation steps, increasing (the columns).
    public let steps: [Int]
    /// The inner step η.
    public let eta: Double
    /// C_i* = C_i(W_i*), one per task.
    public let optimal: [Double]
    /// C_i(W_k): K rows (tasks) × one column per entry of `steps`; +∞ where not stabilizing.
    public let cost: Matrix
    /// (C_i(W_k) − C_i*)/C_i*, the shape of `cost`.
    public var gap: Matrix {
        var g = cost
        for i in 0..<cost.rows {
            for j in 0..<cost.cols { g[i, j] = (cost[i, j] - optimal[i]) / optimal[i] }
        }
        return g
    }

    /// Evaluates W on every task of `set` after each number of steps in
    /// `steps` (whole numbers ≥ 0, strictly increasing, not empty).
    ///
    /// Work per task: the doubling iteration of the DARE and one Stein solve
    /// for C_i* (`optimalCost`), then one factorization of each
    /// closed loop A_i − B_iW_k with the Stein solves for P (and Σ, for the
    /// gradient, except at the last step). Tasks are spread over the cores
    /// when there are enough of them. `progress(done, total)` is called as
    /// tasks finish (one at a time); throwing from it abandons the evaluation.
    public init(tasks set: TaskSet, W: Matrix, eta: Double, steps: [Int],
                progress: (@Sendable (Int, Int) throws -> Void)? = nil) throws {
        try MAMLPoint.eta.check(eta)
        try set.requireGain(W)
        guard let last = steps.last else { throw MAMLError.invalidArgument("steps must hold at least one number of steps") }
        for (k, s) in steps.enumerated() where s < 0 || (k > 0 && s <= steps[k - 1]) {
            throw MAMLError.invalidArgument("steps must be whole numbers ≥ 0 in increasing order (entry \(k + 1) is \(s))")
        }
        let lock = NSLock()
        var done = 0
        var abandoned = false
        let total = set.count
        let rows = try parallelMap(0..<total, parallel: total >= MetaTestEvaluation.parallelTaskCount) { i -> (Double, [Double]) in
            if lock.withLock({ abandoned }) { throw MAMLError.interrupted }
            let task = set.tasks[i]
            let optimal = try MetaTestEvaluation.optimalCost(task, index: i + 1)
            let costs = try MetaTestEvaluation.trajectoryCosts(task, W, eta: eta, steps: steps, last: last)
            try lock.withLock {
                done += 1
                do { try progress?(done, total) } catch { abandoned = true; throw error }
            }
            return (optimal, costs)
        }
        var cost = Matrix(rows: total, cols: steps.count)
        for (i, row) in rows.enumerated() {
            for (j, c) in row.1.enumerated() { cost[i, j] = c }
        }
        self.steps = steps
        self.eta = eta
        self.optimal = rows.map(\.0)
        self.cost = cost
    }

    /// C* = C(W*) by the task's kind (`TaskKind.optimalCost`), errors naming task `index`.
    static func optimalCost(_ task: LQRTask, index: Int) throws -> Double {
        do {
            return try task.kindBox.kind.optimalCost(task)
        } catch let e as MAMLError where e != .interrupted {
            throw MAMLError.invalidArgument("task \(index) has no optimal cost C*: \(e)")
        }
    }

    /// From 16 tasks on, tasks are spread over the cores: each costs a DARE
    /// and a few factorizations, enough to repay the hand-off.
    static let parallelTaskCount = 16

    /// C(W_k) at each k of `steps` along W_k = W_{k−1} − η∇C(W_{k−1}); +∞
    /// from the first iterate that is not stabilizing on.
    static func trajectoryCosts(_ task: LQRTask, _ W: Matrix, eta: Double, steps: [Int], last: Int) throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(steps.count)
        var next = 0                            // index into steps of the next k to record
        var w = W
        for k in 0...last {
            let wanted = steps[next] == k
            let cost: Double
            do {
                guard w.isFinite else { throw MAMLError.notFinite(name: "W") }
                if k == last {
                    cost = try task.cost(w)
                } else {
                    let point = try LQRPoint(task: task, W: w)
                    cost = point.cost
                    w = w - eta * point.gradient
                }
            } catch MAMLError.notStabilizing, MAMLError.notFinite {
                while out.count < steps.count { out.append(.infinity) }
                return out
            }
            if wanted {
                out.append(cost)
                next += 1
            }
        }
        return out
    }
}

/// A set of LQR tasks {(A_i, B_i, Q_i, R_i, Σ0_i)}, i = 1…K, all of the same
/// sizes n and m — the meta-learning problem of the paper's eq. (5).
///
/// Dynamics may differ between tasks (heterogeneous A_i, B_i). When they are
/// all equal (the paper's Assumption 1), one closed loop A − BW, one Stein
/// factorization and — with equal Σ0 — one Σ_W serve every task at a given W;
/// `sharedDynamics` and `sharedSigma0` record it.
public struct TaskSet: Sendable {
    /// The tasks, in order (task i is `tasks[i - 1]`).
    public let tasks: [LQRTask]
    /// Whether every task has the same A and B.
    public let sharedDynamics: Bool
    /// Whether every task also has the same Σ0.
    public let sharedSigma0: Bool

    /// Validates a non-empty set of equally sized tasks.
    public init(_ tasks: [LQRTask]) throws {
        guard let first = tasks.first else {
            throw MAMLError.invalidArgument("a task set needs at least one task")
        }
        for (i, t) in tasks.enumerated() where t.n != first.n || t.m != first.m {
            throw MAMLError.shape("task \(i + 1) has n = \(t.n), m = \(t.m) but task 1 has n = \(first.n), m = \(first.m)")
        }
        for (i, t) in tasks.enumerated() where t.kind.name != first.kind.name {
            throw MAMLError.invalidArgument("a task set holds tasks of one kind: task \(i + 1) is \(t.kind.name) but task 1 is \(first.kind.name)")
        }
        for (i, t) in tasks.enumerated() where t.gainColumns != first.gainColumns {
            throw MAMLError.shape("task \(i + 1)'s policy has \(t.gainColumns) columns but task 1's has \(first.gainColumns); a task set needs one shape of policy")
        }
        self.tasks = tasks
        self.sharedDynamics = tasks.allSatisfy { $0.sharesDynamics(with: first) }
        self.sharedSigma0 = sharedDynamics && tasks.allSatisfy { $0.Sigma0 == first.Sigma0 }
    }

    /// Number of tasks K.
    public var count: Int { tasks.count }
    /// State dimension n.
    public var n: Int { tasks[0].n }
    /// Input dimension m.
    public var m: Int { tasks[0].m }
    /// The columns k of a policy (m×k): n for state feedback (`LQRTask.gainColumns`).
    public var gainColumns: Int { tasks[0].gainColumns }

    /// Throws unless W is m×k and finite.
    public func requireGain(_ W: Matrix) throws { try tasks[0].requireGain(W) }

    /// Every task evaluated at one W, sharing the factorization and Σ_W when
    /// the dynamics are shared. Throws `.notStabilizing(task: i, …)` for the
    /// first task W does not stabilize.
    public func evaluate(at W: Matrix) throws -> [LQRPoint] {
        try requireGain(W)
        if sharedDynamics {
            let first = try LQRPoint(task: tasks[0], W: W, index: 1)
            var points = [first]
            points.reserveCapacity(count)
            for (i, t) in tasks.enumerated().dropFirst() {
                points.append(try LQRPoint(task: t, W: W, index: i + 1, solver: first.solver,
                                           sigma: sharedSigma0 ? first.Sigma : nil))
            }
            return points
        }
        return try parallelMap(0..<count, parallel: n >= TaskSet.parallelThreshold) { i in
            try LQRPoint(task: self.tasks[i], W: W, index: i + 1)
        }
    }

    /// State dimension from which per-task work is spread over the cores;
    /// below it, thread hand-off costs more than the work.
    static let parallelThreshold = 8

    /// The largest stability radius over the tasks (ρ(A_i − B_iW) for discrete
    /// tasks; no error when ≥ 1).
    public func closedLoopRadius(_ W: Matrix) throws -> Double {
        try requireGain(W)
        if sharedDynamics { return try tasks[0].closedLoopRadius(W) }
        return try tasks.map { try $0.closedLoopRadius(W) }.max() ?? 0
    }
}

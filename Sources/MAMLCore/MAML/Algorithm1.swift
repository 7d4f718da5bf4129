import Foundation

/// The settings of one run of Algorithm 1, checked once, when made.
public struct MAMLRunOptions: Sendable, Equatable {
    /// The outer step β of a constant schedule: finite and ≥ 0 (η's is `MAMLPoint.eta`).
    public static let beta = RequiredSetting("beta", domain: .nonNegative)
    /// The most outer steps a run may ask for.
    public static let maxIterations = 10_000_000
    /// The number of outer steps: 50 unless given, at most `maxIterations`.
    public static let iterations = Setting<Int>("iters", default: 50, domain: .whole(1...maxIterations))
    /// The tolerance on ‖∇F(W)‖: finite and ≥ 0; 0 (never stop early) unless given.
    public static let tolerance = Setting<Double>("tol", default: 0, domain: .nonNegative)
    /// The direction followed: eq. (7) unless given.
    public static let method = Setting<GradientMethod>("method", default: .exact)

    /// Inner (adaptation) step η.
    public let eta: StepSchedule
    /// Outer step β.
    public let beta: StepSchedule
    /// Number of outer steps (at most).
    public let iterations: Int
    /// Stop when ‖∇F(W)‖ (spectral) ≤ tolerance (0: never).
    public let tolerance: Double
    /// Which gradient to follow: eq. (7) or its first-order form.
    public let method: GradientMethod
    /// When set, the direction is estimated from rollouts with these
    /// settings (`RolloutOracle`) instead of computed from the model.
    public let modelFree: RolloutSettings?

    /// Validated settings (the step schedules and rollout settings are valid
    /// from birth). Throws `.invalidSetting(name:message:)` naming `iters`
    /// unless in 1…`maxIterations` and `tol` unless finite and ≥ 0.
    public init(eta: StepSchedule, beta: StepSchedule, iterations: Int = MAMLRunOptions.iterations.defaultValue,
                tolerance: Double = MAMLRunOptions.tolerance.defaultValue,
                method: GradientMethod = MAMLRunOptions.method.defaultValue, modelFree: RolloutSettings? = nil) throws {
        self.init(eta: eta, beta: beta, checkedIterations: try MAMLRunOptions.iterations.check(iterations),
                  tolerance: try MAMLRunOptions.tolerance.check(tolerance), method: method, modelFree: modelFree)
    }

    /// Settings whose numbers are already checked (the record of a run of
    /// policy optimization, from its own validated options).
    init(eta: StepSchedule, beta: StepSchedule, checkedIterations iterations: Int, tolerance: Double,
         method: GradientMethod = .exact, modelFree: RolloutSettings? = nil) {
        self.eta = eta
        self.beta = beta
        self.iterations = iterations
        self.tolerance = tolerance
        self.method = method
        self.modelFree = modelFree
    }
}

/// Why a run ended.
public enum RunStatus: Sendable, Equatable, CustomStringConvertible {
    /// Every requested iteration was taken.
    case completed(iterations: Int)
    /// ‖∇F(W)‖ (‖∇C(W)‖ for policy optimization) fell to the tolerance.
    case converged(iteration: Int, gradNorm: Double, tolerance: Double)
    /// The step from iterate `iteration` was not taken; `reason` says why.
    case stopped(iteration: Int, reason: String)
    /// Ctrl-C stopped the run after iterate `iteration`; the iterates so far are kept.
    case interrupted(iteration: Int)

    /// Whether the run ended before its last iteration.
    public var endedEarly: Bool {
        if case .completed = self { return false }
        return true
    }

    public var description: String { text(gradient: "∇F") }

    /// The description with the gradient named `gradient` ("∇F" for a run of
    /// Algorithm 1, "∇C" for policy optimization).
    public func text(gradient: String) -> String {
        switch self {
        case .completed(let n): return "completed \(n) iterations"
        case let .converged(k, g, tol):
            return "converged at iteration \(k): ‖\(gradient)‖ = \(formatNumber(g)) ≤ tol = \(formatNumber(tol))"
        case let .stopped(k, reason): return "stopped at iteration \(k): \(reason)"
        case .interrupted(let k): return "interrupted at iteration \(k)"
        }
    }
}

/// The record of one run of Algorithm 1: every iterate W_0 … W_N and, at
/// each, F(W_k), ‖∇F(W_k)‖ (spectral; the exact gradient of eq. (7), whichever
/// direction the run follows), the η_k used there, the β_k of the step taken
/// from it (NaN at the last iterate, from which no step was taken) and the
/// smallest stability margin 1 − ρ over the tasks and adapted gains.
public struct MAMLRun: Sendable {
    /// The initial gain W_0.
    public var W0: Matrix { iterates[0] }
    /// The last iterate.
    public var W: Matrix { iterates[iterates.count - 1] }
    /// W_0, W_1, …, W_N.
    public internal(set) var iterates: [Matrix]
    /// F(W_k) at η_k.
    public internal(set) var objective: [Double]
    /// ‖∇F(W_k)‖, the spectral norm (σmax; the Euclidean length when m = 1).
    public internal(set) var gradNorm: [Double]
    /// η_k.
    public internal(set) var eta: [Double]
    /// β_k (NaN at the last iterate).
    public internal(set) var beta: [Double]
    /// min over tasks and adapted gains of 1 − ρ at W_k.
    public internal(set) var margin: [Double]
    /// Why the run ended.
    public internal(set) var status: RunStatus
    /// Wall-clock seconds.
    public internal(set) var time: Double
    /// cos∠(∇F(W_k), first-order direction Σ_i∇C_i(W̃_i)), both exact, at
    /// each iterate: near −1 the Hessian term of eq. (7) turns the gradient
    /// around (NaN where either is 0, and for policy optimization).
    public internal(set) var cosine: [Double]
    /// ‖D̂_k‖ (spectral) of the direction estimated from rollouts at W_k —
    /// ∇F of eq. (7) or its first-order form, or the update direction of
    /// policy optimization — beside the exact `gradNorm`; NaN where no
    /// estimate was made (the last iterate, and every iterate of a run from
    /// the model).
    public internal(set) var gradNormEstimate: [Double]
    /// Rollouts simulated for model-free estimates (0 for the model's gradients).
    public internal(set) var rollouts: Int
    /// The settings used.
    public let options: MAMLRunOptions
    /// For a single-task policy-optimization run (`runPolicyOptimization`),
    /// its settings; nil for a run of Algorithm 1. Such a run is Algorithm 1
    /// at η = 0 in its series: F is C, ∇F is ∇C, β_k is the step η.
    public let policy: PolicyOptimizationOptions?

    /// Number of steps taken (N).
    public var iterations: Int { iterates.count - 1 }

    /// `status` in words, with the gradient named as the run's kind names it (∇F or ∇C).
    public var statusText: String { status.text(gradient: policy == nil ? "∇F" : "∇C") }

    /// A run from its record, as a saved one is read back: `series` holds
    /// each series by name (one left out, as in a run saved before it
    /// existed, is NaN at every iterate). Throws unless there is at least one
    /// iterate, the series have one entry per iterate and the iterates share
    /// one shape.
    public init(iterates: [Matrix], series: [RunSeries: [Double]], status: RunStatus, time: Double,
                options: MAMLRunOptions, policy: PolicyOptimizationOptions? = nil, rollouts: Int = 0) throws {
        guard let first = iterates.first else { throw MAMLError.invalidArgument("a run needs at least one iterate") }
        for w in iterates where w.rows != first.rows || w.cols != first.cols {
            throw MAMLError.shape("every iterate of a run must be \(first.shapeDescription) like W0 (one is \(w.shapeDescription))")
        }
        self.init(building: iterates, options: options, status: status, policy: policy)
        let missing = [Double](repeating: .nan, count: iterates.count)
        for s in RunSeries.allCases {
            let values = series[s] ?? missing
            if values.count != iterates.count {
                throw MAMLError.shape("a run's \(s.rawValue) must have one entry per iterate (\(iterates.count)); it has \(values.count)")
            }
            self[keyPath: s.writableKeyPath] = values
        }
        self.time = time
        self.rollouts = rollouts
    }

    /// The record as Algorithm 1 (or policy optimization) builds it (no checks).
    init(building iterates: [Matrix], options: MAMLRunOptions, status: RunStatus, policy: PolicyOptimizationOptions? = nil) {
        self.iterates = iterates
        self.objective = []
        self.gradNorm = []
        self.eta = []
        self.beta = []
        self.margin = []
        self.cosine = []
        self.gradNormEstimate = []
        self.rollouts = 0
        self.status = status
        self.time = 0
        self.options = options
        self.policy = policy
    }
}

/// Algorithm 1 of the paper: gradient descent on the MAML objective,
///
///     W_{k+1} = W_k − β_k·D_k,   D_k = ∇F(W_k) by eq. (7) or its first-order
///                                 form, from the model or estimated from rollouts,
///
/// from W_0 (which must be MAML-stabilizing at η_0). Before each step the
/// run checks that W_{k+1} is MAML-stabilizing at η_{k+1} (Definition 2);
/// a step that is not is not taken: the run stops with a status that says
/// why and keeps every iterate so far. With `.auto` steps, η_k and β_k are
/// `safety` times the Lemma 1 and Lemma 3 bounds at W_k.
///
/// `observer(k, N)` is called after each iterate. Throwing
/// `MAMLError.interrupted` from it (Ctrl-C) ends the run there with status
/// `.interrupted(iteration: k)`, keeping every iterate so far; any other
/// error abandons the run and is rethrown.
public func runMAML(tasks set: TaskSet, from W0: Matrix, options: MAMLRunOptions,
                    observer: ((Int, Int) throws -> Void)? = nil) throws -> MAMLRun {
    try set.requireGain(W0)
    let start = DispatchTime.now().uptimeNanoseconds
    let n = options.iterations
    var point = try mamlPoint(set, W0, iteration: 0, options)
    var oracle = options.modelFree.map(RolloutOracle.init)
    var run = MAMLRun(building: [W0], options: options, status: .completed(iterations: n))
    for k in 0...n {
        let gradient = try point.gradient(method: .exact)
        let firstOrder = try point.gradient(method: .firstOrder)
        let gNorm = try gradient.spectralNorm()
        run.objective.append(point.objective)
        run.gradNorm.append(gNorm)
        run.eta.append(point.eta)
        run.margin.append(point.stabilityMargin)
        run.cosine.append(cosineOfAngle(gradient, firstOrder))
        if try run.endsAt(k, of: n, gradNorm: gNorm, tolerance: options.tolerance, observer: observer) { break }
        let direction: Matrix
        if var o = oracle {
            defer { oracle = o }
            do {
                direction = try o.mamlGradient(set, point.W, checkedEta: point.eta, method: options.method)
            } catch let error as MAMLError {
                run.stop(at: k, reason: "the estimate from rollouts failed: \(error)")
                break
            }
            run.gradNormEstimate.append(try direction.spectralNorm())
        } else {
            direction = options.method == .exact ? gradient : firstOrder
        }
        if !direction.isFinite {
            run.stop(at: k, reason: "the step direction is not finite")
            break
        }
        let beta = try options.beta.scheduled(at: k, of: n)
            ?? (try point.betaBound(gradient: direction)) * options.beta.safetyFactor
        let next = point.W - beta * direction
        do {
            point = try mamlPoint(set, next, iteration: k + 1, options)
        } catch let error as MAMLError {
            run.refuseStep(at: k, "β = \(formatNumber(beta))", error)
            break
        }
        run.beta.append(beta)
        run.iterates.append(next)
    }
    run.finish(since: start, rollouts: oracle?.rollouts ?? 0)
    return run
}

extension MAMLRun {
    /// Ends the record: the time since `start` (uptime nanoseconds), the
    /// rollouts simulated, and NaN for the iterates without an estimate.
    mutating func finish(since start: UInt64, rollouts: Int) {
        time = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        self.rollouts = rollouts
        while gradNormEstimate.count < iterates.count { gradNormEstimate.append(.nan) }
    }

    /// After iterate k of n is recorded: calls the observer, then ends the
    /// run (β_k = NaN, the status set) when Ctrl-C was pressed, k is the
    /// last iteration or ‖∇‖ ≤ `tolerance`. Whether the run ended.
    mutating func endsAt(_ k: Int, of n: Int, gradNorm: Double, tolerance: Double,
                         observer: ((Int, Int) throws -> Void)?) throws -> Bool {
        do {
            try observer?(k, n)
        } catch MAMLError.interrupted {
            beta.append(.nan)
            status = .interrupted(iteration: k)
            return true
        }
        if k == n {
            beta.append(.nan)
            return true
        }
        if gradNorm <= tolerance {
            beta.append(.nan)
            status = .converged(iteration: k, gradNorm: gradNorm, tolerance: tolerance)
            return true
        }
        return false
    }

    /// Ends the run at iterate k because evaluating the next one failed
    /// (`step` names it, "β = …"): interrupted, or stopped with the reason.
    mutating func refuseStep(at k: Int, _ step: String, _ error: MAMLError) {
        if case .interrupted = error {
            beta.append(.nan)
            status = .interrupted(iteration: k)
        } else {
            stop(at: k, reason: "the step \(step) was not taken: \(error)")
        }
    }

    /// Ends the run at iterate k without a step, saying why.
    mutating func stop(at k: Int, reason: String) {
        beta.append(.nan)
        status = .stopped(iteration: k, reason: reason)
    }
}

/// cos∠(a, b) = ⟨a, b⟩/(‖a‖_F‖b‖_F); NaN when either is 0.
public func cosineOfAngle(_ a: Matrix, _ b: Matrix) -> Double {
    let na = a.frobeniusNorm, nb = b.frobeniusNorm
    guard na > 0, nb > 0 else { return .nan }
    return Swift.max(-1, Swift.min(1, a.dot(b) / (na * nb)))
}

/// The MAML point at iterate k, with η_k from the schedule (a certified η
/// that is +∞, where every gradient vanishes, is 0).
private func mamlPoint(_ set: TaskSet, _ W: Matrix, iteration k: Int, _ options: MAMLRunOptions) throws -> MAMLPoint {
    let eta = try options.eta.scheduled(at: k, of: options.iterations)
        ?? (try set.etaBound(W)) * options.eta.safetyFactor
    return try MAMLPoint(tasks: set, W: W, checkedEta: eta.isFinite ? eta : 0)
}

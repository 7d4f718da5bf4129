/// The series a run records, one entry per iterate W_0 … W_N, in the order
/// files list them: the one list that a run's fields (`r.F`), `mean` and
/// `std` of a list of runs, `plot(r, y=…)`, its JSON and its CSV all read.
public enum RunSeries: String, CaseIterable, Sendable {
    /// F(W_k) at η_k (C(W_k) for policy optimization).
    case F
    /// ‖∇F(W_k)‖ of the exact gradient of eq. (7), spectral (‖∇C(W_k)‖ for policy optimization).
    case gradnorm
    /// η_k (0 for policy optimization).
    case eta
    /// The step β_k taken from W_k (the step η for policy optimization); NaN at the last iterate.
    case beta
    /// The stability margin: min over the tasks and adapted gains of 1 − ρ at W_k.
    case margin
    /// cos∠(∇F(W_k), first-order direction), both exact; NaN for policy optimization.
    case cosine
    /// ‖D̂_k‖ of the direction estimated from rollouts; NaN where none was made.
    case gradnorm_est

    /// What the entries of a series measure, which decides how it is drawn.
    public enum Unit: Sendable {
        /// A cost: positive, levels off at its minimum.
        case cost
        /// A norm: falls over orders of magnitude.
        case norm
        /// A step size.
        case step
        /// A number of order one (a margin, a cosine).
        case ratio
    }

    /// Where the run keeps the series.
    public var keyPath: KeyPath<MAMLRun, [Double]> { writableKeyPath }

    /// The same place, for building a run.
    var writableKeyPath: WritableKeyPath<MAMLRun, [Double]> {
        switch self {
        case .F: return \.objective
        case .gradnorm: return \.gradNorm
        case .eta: return \.eta
        case .beta: return \.beta
        case .margin: return \.margin
        case .cosine: return \.cosine
        case .gradnorm_est: return \.gradNormEstimate
        }
    }

    /// What its entries measure.
    public var unit: Unit {
        switch self {
        case .F: return .cost
        case .gradnorm, .gradnorm_est: return .norm
        case .eta, .beta: return .step
        case .margin, .cosine: return .ratio
        }
    }

    /// The label of an axis drawing it; for `singleTask` runs (policy
    /// optimization, whose F is C and whose β is the step η) in their terms.
    public func label(singleTask: Bool) -> String {
        switch self {
        case .F: return singleTask ? "C(W)" : "F(W)"
        case .gradnorm: return singleTask ? "‖∇C(W)‖" : "‖∇F(W)‖"
        case .gradnorm_est: return singleTask ? "estimated ‖∇C(W)‖" : "estimated ‖∇F(W)‖"
        case .eta: return "η"
        case .beta: return singleTask ? "η" : "β"
        case .margin: return "stability margin 1 − ρ"
        case .cosine: return "cos∠(∇F, first-order direction)"
        }
    }

    /// Whether an axis drawing `values` (one array per run) is logarithmic
    /// unless the user says otherwise: always for norms, which fall over
    /// orders of magnitude; for costs and steps only when their positive
    /// values span more than a factor of 10 (a log axis over less than a
    /// decade has almost no labels); never for ratios, which may be ≤ 0.
    public func defaultLogScale(_ values: [[Double]]) -> Bool {
        switch unit {
        case .norm: return true
        case .ratio: return false
        case .cost, .step:
            let positive = values.joined().filter { $0.isFinite && $0 > 0 }
            guard let lo = positive.min(), let hi = positive.max() else { return false }
            return hi > 10 * lo
        }
    }

    /// The series' values in `run`, one per iterate.
    public func values(of run: MAMLRun) -> [Double] { run[keyPath: keyPath] }
}

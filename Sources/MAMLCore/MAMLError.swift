import Foundation

/// Every failure of the solver library, worded in the user's terms.
///
/// Messages name the quantity, the task (1-based, as the user counts) and the
/// number that breaks the rule, e.g. `W is not stabilizing for task 3:
/// ρ(A − BW) = 1.27 ≥ 1`.
public enum MAMLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Operands whose shapes do not fit; the text says both shapes.
    case shape(String)
    /// A matrix that must be symmetric positive definite is not.
    case notPositiveDefinite(name: String, task: Int?)
    /// NaN or ±∞ where finite numbers are required.
    case notFinite(name: String)
    /// ρ(A − BW) ≥ 1 for a task (`task` is nil for a single task); ρ is the
    /// stability radius of the task's kind, which `measure` names.
    case notStabilizing(task: Int?, rho: Double, measure: StabilityMeasure = .spectralRadius)
    /// The adapted gain W − η∇C_i(W) of task `task` is not stabilizing.
    case destabilizingAdaptation(eta: Double, task: Int, rho: Double, measure: StabilityMeasure = .spectralRadius)
    /// Gradient step `step` of `steps` (W_k = W_{k−1} − η∇C(W_{k−1})) left
    /// the stabilizing set of task `task` (nil for a lone task): ρ(A − BW_k) ≥ 1.
    case adaptationStepDestabilizing(task: Int?, step: Int, steps: Int, eta: Double, rho: Double,
                                     measure: StabilityMeasure = .spectralRadius)
    /// A bound proved for discrete state feedback only (`bound`: "Lemma 1")
    /// was asked of a task of another kind; `reason` says why it does not hold.
    case boundUnavailable(bound: String, kind: String, reason: String)
    /// A Stein equation X = A X Aᵀ + Q has no unique solution (λ_i λ_j = 1).
    case steinSingular(String)
    /// A linear system or an inverse with a singular matrix.
    case singular(String)
    /// The discrete algebraic Riccati equation has no stabilizing solution.
    case riccati(String)
    /// An argument outside its domain (negative step, empty task set, …).
    case invalidArgument(String)
    /// A matrix of an LQR task that breaks a rule of tasks (a shape, Q or R
    /// symmetric positive definite, Σ0 symmetric positive semidefinite);
    /// `matrix` is "A", "B", "Q", "R" or "Sigma0" as the language spells
    /// it, so a caller can point at the argument that gave it. The message
    /// names the matrix (and the task of a set).
    case invalidTaskMatrix(matrix: String, message: String)
    /// A setting of a run outside its domain; `name` is the setting as the
    /// language spells it (`step`, `iters`, `tol`), so a caller can point at
    /// the argument that gave it.
    case invalidSetting(name: String, message: String)
    /// A bound that divides by μ = σmin(Σ0) was asked of a task whose Σ0 is
    /// singular (e.g. Σ0 = x0·x0ᵀ); `bound` names it ("Lemma 1").
    case singularSigma0(bound: String)
    /// An argument of a matrix function (`care`, `place`, `quantile`, …)
    /// that breaks its rule: a shape, a non-square or non-symmetric matrix, a
    /// singular R, a step that is not positive. `name` is the argument as
    /// the language spells it ("A", "R", "dt", "p"), so a caller can point
    /// at it; the message names it too.
    case argument(name: String, message: String)
    /// A linear matrix equation (Sylvester, Lyapunov) with no unique
    /// solution: the message names the equation and the eigenvalues that
    /// make it singular.
    case noUniqueSolution(String)
    /// A problem whose answer would be too inaccurate to return (an
    /// ill-conditioned Riccati equation, poles that could not be placed to
    /// working accuracy): the message says which check failed and by how much.
    case illConditioned(String)
    /// A pair (A, B) that is not controllable, or (A, C) not observable,
    /// where the function needs it (pole placement); the message names the
    /// modes that cannot be moved.
    case notControllable(String)
    /// A LAPACK routine failed to converge.
    case lapack(routine: String, info: Int)
    /// The computation was interrupted by the user (Ctrl-C).
    case interrupted

    public var description: String {
        switch self {
        case .shape(let s): return s
        case let .notPositiveDefinite(name, task):
            return "\(name) is not positive definite" + (task.map { " (task \($0))" } ?? "")
        case .notFinite(let name): return "\(name) has NaN or infinite entries"
        case let .notStabilizing(task, rho, measure):
            let which = task.map { " for task \($0)" } ?? ""
            return "W is not stabilizing\(which): \(measure.violation(rho))"
        case let .destabilizingAdaptation(eta, task, rho, measure):
            return "η = \(formatNumber(eta)) makes the adapted gain of task \(task) destabilizing (\(measure.head) = \(formatNumber(measure.shown(rho))))"
        case let .adaptationStepDestabilizing(task, step, steps, eta, rho, measure):
            let which = task.map { " of task \($0)" } ?? ""
            return "adaptation step \(step) of \(steps) (η = \(formatNumber(eta))) leaves the stabilizing set\(which): \(measure.violation(rho, gain: "W_\(step)"))"
        case let .boundUnavailable(bound, kind, reason):
            // "an output task", "an lqg task" (said "el-queue-gee"), "a continuous task".
            let vowelSound = "aeiou".contains(kind.first ?? "x") || kind.hasPrefix("lq")
            let article = vowelSound ? "an" : "a"
            return "\(bound) gives no bound for \(article) \(kind) task: \(reason)"
        case .steinSingular(let s): return "the Stein equation has no unique solution: \(s)"
        case .singular(let s): return s
        case .riccati(let s): return "the Riccati equation has no stabilizing solution: \(s)"
        case .invalidArgument(let s): return s
        case .invalidTaskMatrix(_, let message): return message
        case .invalidSetting(_, let message): return message
        case .singularSigma0(let bound):
            return "Sigma0 is singular, so \(bound) gives no bound (it needs σmin(Sigma0) > 0)"
        case .argument(_, let message): return message
        case .noUniqueSolution(let s): return s
        case .illConditioned(let s): return s
        case .notControllable(let s): return s
        case let .lapack(routine, info): return "LAPACK \(routine) failed (info = \(info))"
        case .interrupted: return "interrupted"
        }
    }
}

/// A number as messages print it: four significant digits, `%g` style.
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    return String(format: "%.4g", x)
}

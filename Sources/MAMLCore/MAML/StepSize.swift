/// How Algorithm 1 chooses a step size (η for adaptation, β for the outer step)
/// at each iteration.
public enum StepSize: Sendable, Equatable, CustomStringConvertible {
    /// The same value at every iteration.
    case constant(Double)
    /// Geometric from `from` at the first iteration to `to` at the last
    /// (the paper's fourth run ramps η up from 5e-5).
    case ramp(from: Double, to: Double)
    /// The largest step the Lemma 1 (η) or Lemma 3 (β) bound certifies at the
    /// current W, times `safety` ∈ (0, 1].
    case auto(safety: Double)

    /// The value at iteration k of `count` (0-based) for the fixed policies;
    /// nil for `.auto`, whose value depends on W. Past the last iteration a
    /// ramp stays at `to`.
    public func scheduled(at k: Int, of count: Int) -> Double? {
        switch self {
        case .constant(let v): return v
        case let .ramp(from, to):
            if count <= 1 { return from }
            let t = Double(Swift.min(k, count - 1)) / Double(count - 1)
            return from * Foundation.pow(to / from, t)
        case .auto: return nil
        }
    }

    /// Throws unless the policy's numbers are in their domain.
    public func validate(name: String) throws {
        switch self {
        case .constant(let v): try MAMLPoint.requireStep(v, name: name)
        case let .ramp(from, to):
            try MAMLPoint.requireStep(from, name: "\(name) ramp start")
            try MAMLPoint.requireStep(to, name: "\(name) ramp end")
            if from == 0 || to == 0 {
                throw MAMLError.invalidArgument("a geometric ramp of \(name) needs positive ends (got \(formatNumber(from)) to \(formatNumber(to)))")
            }
        case .auto(let s):
            if !(s > 0 && s <= 1) {
                throw MAMLError.invalidArgument("the safety factor of auto \(name) must be in (0, 1] (it is \(formatNumber(s)))")
            }
        }
    }

    public var description: String {
        switch self {
        case .constant(let v): return formatNumber(v)
        case let .ramp(from, to): return "ramp(\(formatNumber(from)), \(formatNumber(to)))"
        case .auto(let s): return "auto (safety \(formatNumber(s)))"
        }
    }
}

import Foundation

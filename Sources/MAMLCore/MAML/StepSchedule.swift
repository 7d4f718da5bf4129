import Foundation

/// How a run of Algorithm 1 picks a step size — η_k for adaptation, β_k for
/// the outer step — at each iteration k: a constant, a geometric ramp, or
/// the largest step the Lemma 1 / Lemma 3 bounds certify times a safety
/// factor. Valid from birth: each kind is made by a throwing factory that
/// checks its numbers, once, and names the setting that is wrong.
public struct StepSchedule: Sendable, Equatable, CustomStringConvertible {
    /// The kinds of schedule.
    public enum Kind: Sendable, Equatable {
        /// The same value at every iteration.
        case constant(Double)
        /// Geometric from `from` at the first iteration to `to` at the last
        /// (the paper's fourth run ramps η up from 5e-5).
        case ramp(from: Double, to: Double)
        /// The largest step the Lemma 1 (η) or Lemma 3 (β) bound certifies at
        /// the current W, times `safety` ∈ (0, 1].
        case auto(safety: Double)
    }

    /// Which schedule, with its numbers.
    public let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// No step: η = 0 at every iteration (the record of policy optimization,
    /// which does not adapt).
    public static let zero = StepSchedule(.constant(0))

    /// The same value at every iteration. Throws `.invalidSetting` naming
    /// `setting` (η or β) unless the value is in its domain (finite, ≥ 0).
    public static func constant(_ value: Double, _ setting: RequiredSetting) throws -> StepSchedule {
        StepSchedule(.constant(try setting.check(value)))
    }

    /// Geometric from `from` at the first iteration to `to` at the last.
    /// Throws `.invalidSetting(name: "from" or "to", …)` unless both ends
    /// are positive and finite.
    public static func ramp(from: Double, to: Double) throws -> StepSchedule {
        for (name, x) in [("from", from), ("to", to)] where !(x.isFinite && x > 0) {
            throw MAMLError.invalidSetting(name: name, message: "a ramp needs positive finite ends (\(name) is \(formatNumber(x)))")
        }
        return StepSchedule(.ramp(from: from, to: to))
    }

    /// The certified step times `safety`.
    public static func auto(_ safety: SafetyFactor) -> StepSchedule {
        StepSchedule(.auto(safety: safety.value))
    }

    /// The certified step times `safety`. Throws `.invalidSetting(name:
    /// "safety", …)` unless `safety` is in (0, 1] (`SafetyFactor`).
    public static func auto(safety: Double) throws -> StepSchedule {
        .auto(try SafetyFactor(safety))
    }

    /// The value at iteration k of `count` (0-based) for the fixed schedules;
    /// nil for `.auto`, whose value depends on W. Past the last iteration a
    /// ramp stays at `to`.
    public func scheduled(at k: Int, of count: Int) -> Double? {
        switch kind {
        case .constant(let v): return v
        case let .ramp(from, to):
            if count <= 1 { return from }
            let t = Double(Swift.min(k, count - 1)) / Double(count - 1)
            return from * Foundation.pow(to / from, t)
        case .auto: return nil
        }
    }

    /// The safety factor of an `.auto` schedule (1 for the others).
    var safetyFactor: Double {
        if case .auto(let f) = kind { return f }
        return 1
    }

    /// Whether the step is the certified one (`.auto`).
    public var isAuto: Bool {
        if case .auto = kind { return true }
        return false
    }

    /// The schedule as messages write it: `1e-05`, `ramp(1e-05, 0.001)`, `auto (safety 0.9)`.
    public var description: String {
        switch kind {
        case .constant(let v): return formatNumber(v)
        case let .ramp(from, to): return "ramp(\(formatNumber(from)), \(formatNumber(to)))"
        case .auto(let s): return "auto (safety \(formatNumber(s)))"
        }
    }
}

/// The factor applied to a certified step (`auto`): in (0, 1], 0.9 unless
/// given. Valid from birth.
public struct SafetyFactor: Sendable, Equatable {
    /// The setting: `safety=` of `maml`.
    public static let setting = Setting<Double>("safety", default: 0.9, domain: .unitInterval)

    /// The factor.
    public let value: Double

    /// Throws `.invalidSetting(name: "safety", …)` unless `value` is in (0, 1].
    public init(_ value: Double) throws {
        self.value = try SafetyFactor.setting.check(value)
    }
}

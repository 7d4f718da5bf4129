import Foundation

/// The numbers a setting may take — η ≥ 0, a safety factor in (0, 1], a
/// number of iterations from 1 to 10 000 000 — and the one check of them.
///
/// The option types of the library (`MAMLRunOptions`, `StepSchedule`,
/// `RolloutSettings`, `PolicyOptimizationOptions`) check each of their
/// settings through its domain when they are made, and the language shows
/// the same domain in a built-in's help. A value outside the domain throws
/// `MAMLError.invalidSetting` naming the setting, so that a caller can point
/// at the argument that gave it.
public enum SettingDomain: Sendable, Equatable, CustomStringConvertible {
    /// Finite and ≥ 0 (a step size, a tolerance, a noise level).
    case nonNegative
    /// Finite and > 0 (a radius, a constant step of policy optimization).
    case positive
    /// In (0, 1] (a safety factor).
    case unitInterval
    /// A whole number in the range (a count of iterations, samples, steps).
    case whole(ClosedRange<Int>)

    /// How help shows the domain: `≥ 0`, `> 0`, `in (0, 1]`, `from 1 to 10000000`.
    public var description: String {
        switch self {
        case .nonNegative: return "≥ 0"
        case .positive: return "> 0"
        case .unitInterval: return "in (0, 1]"
        case .whole(let r): return r.upperBound == Int.max ? "≥ \(r.lowerBound)" : "from \(r.lowerBound) to \(r.upperBound)"
        }
    }

    /// `x` when it is in the domain. Otherwise throws
    /// `.invalidSetting(name: setting, …)` with a message saying what the
    /// setting must be and what it is ("eta must be ≥ 0 (it is -1)");
    /// `subject` words the setting in the message when its name alone says
    /// too little ("the number of draws k"); `alternative` names what else
    /// the setting takes ("auto": "step must be a positive finite number or
    /// auto").
    @discardableResult
    public func check(_ x: Double, setting: String, subject: String? = nil, alternative: String? = nil) throws -> Double {
        let what = subject ?? setting
        let or = alternative.map { " or \($0)" } ?? ""
        func fail(_ requirement: String) -> MAMLError {
            .invalidSetting(name: setting, message: "\(what) must be \(requirement)\(or) (it is \(SettingDomain.text(x)))")
        }
        switch self {
        case .nonNegative:
            if !x.isFinite { throw fail("a finite number") }
            if x < 0 { throw fail("≥ 0") }
        case .positive:
            if !(x.isFinite && x > 0) { throw fail("a positive finite number") }
        case .unitInterval:
            if !(x > 0 && x <= 1) { throw fail("in (0, 1]") }
        case .whole(let r):
            guard x.isFinite, x == x.rounded() else { throw fail("a whole number") }
            // Int(exactly:) and not a comparison with Double(r.upperBound): Double(Int.max) rounds up to 2^63.
            guard let k = Int(exactly: x), r.contains(k) else {
                if r.upperBound != Int.max { throw fail("between \(r.lowerBound) and \(r.upperBound)") }
                throw fail(x < Double(r.lowerBound) ? "≥ \(r.lowerBound)" : "below 2^63")
            }
        }
        return x
    }

    /// A whole-number setting checked (see `check(_:setting:subject:alternative:)`).
    @discardableResult
    public func check(_ k: Int, setting: String, subject: String? = nil) throws -> Int {
        try check(Double(k), setting: setting, subject: subject)
        return k
    }

    /// A number as the messages show it, as the language's `format short`
    /// shows a number: whole numbers below 10^15 in full, others with six
    /// significant digits; NaN, Inf, -Inf.
    static func text(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        if x == x.rounded() && abs(x) < 1e15 { return String(format: "%.0f", x) }
        return String(format: "%.6g", x)
    }
}

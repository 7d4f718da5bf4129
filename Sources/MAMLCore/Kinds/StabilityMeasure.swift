import Foundation

/// How a kind of task measures the stability of a closed loop, for messages.
///
/// Every kind reports one number ρ, its *stability radius*, stabilizing
/// exactly when ρ < 1, so that the code above the kinds (MAML, landscapes,
/// meta-testing) compares with 1 whatever the kind: for a discrete task ρ is
/// the spectral radius of A − BW; for a continuous-time one ρ = e^{α} with
/// α = max Re λ(A − BW) the spectral abscissa (the spectral radius of the
/// unit-time transition e^{A − BW}); for multiplicative noise the spectral
/// radius of the second-moment operator. Messages show what the user knows
/// the kind by: ρ itself, or α = ln ρ (`logarithmic`, bound 0).
public struct StabilityMeasure: Sendable, Equatable {
    /// The quantity's name before its argument: "ρ", "max Re λ".
    public let head: String
    /// Whether messages show ln ρ (stabilizing when < 0) rather than ρ (< 1).
    public let logarithmic: Bool
    /// What follows the gain in the closed loop, through a gain map: "C"
    /// for output feedback (A − BWC), "" for state feedback.
    public let gainMap: String

    /// A measure named `head`; `logarithmic` when it is ln ρ; `gainMap`
    /// written after the gain.
    public init(head: String, logarithmic: Bool, gainMap: String = "") {
        self.head = head
        self.logarithmic = logarithmic
        self.gainMap = gainMap
    }

    /// ρ(A − BW), the discrete kind's measure.
    public static let spectralRadius = StabilityMeasure(head: "ρ", logarithmic: false)

    /// "ρ(A − BW)", with `gain` for W ("W_3").
    public func symbol(gain: String = "W") -> String { "\(head)(A − B\(gain)\(gainMap))" }

    /// The value shown for a radius ρ: ρ, or ln ρ when logarithmic.
    public func shown(_ rho: Double) -> Double { logarithmic ? Foundation.log(rho) : rho }

    /// The bound the shown value must stay below: 1, or 0 when logarithmic.
    public var bound: String { logarithmic ? "0" : "1" }

    /// "ρ(A − BW) = 1.2 ≥ 1" for a radius that is not stabilizing.
    public func violation(_ rho: Double, gain: String = "W") -> String {
        "\(symbol(gain: gain)) = \(formatNumber(shown(rho))) ≥ \(bound)"
    }

    /// The margin of a radius: 1 − ρ, or −ln ρ when logarithmic (−max Re λ).
    public func margin(_ rho: Double) -> Double { logarithmic ? -Foundation.log(rho) : 1 - rho }
}

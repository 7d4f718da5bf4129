import Foundation

/// Numbers rounded for people: legends, titles and messages.
public enum RoundedNumber {
    /// `value` with `significantDigits` significant digits (3 by default),
    /// trailing zeros dropped:
    ///
    /// - from 10⁻³ up to 10⁴ in plain decimals, never rounding away digits
    ///   before the point: 0.00909089 → `0.00909`, 12.345 → `12.3`,
    ///   1234.5 → `1235`, 0.5 → `0.5`, 2 → `2`;
    /// - otherwise as a power of ten with Unicode superscripts:
    ///   1e-5 → `10⁻⁵`, 2.5e-5 → `2.5×10⁻⁵`, 123456 → `1.23×10⁵`.
    ///
    /// Negative numbers take the typographic minus sign (U+2212), as tick
    /// labels do; NaN is `NaN`, infinities `∞` and `−∞`, zero `0`.
    public static func label(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let digits = min(max(significantDigits, 1), 15)
        let magnitude = abs(value)
        let sign = value < 0 ? "\u{2212}" : ""
        let exponent = Int(log10(magnitude).rounded(.down))
        if magnitude >= 1e-3 && magnitude < 1e4 {
            let decimals = max(0, digits - exponent - 1)
            let text = trimZeros(String(format: "%.*f", decimals, roundHalfUp(magnitude, decimals: decimals)))
            if text != "10000" { return sign + text }
        }
        var power = exponent
        var mantissa = trimZeros(String(format: "%.*f", digits - 1, roundHalfUp(scaled(magnitude, power), decimals: digits - 1)))
        if mantissa.hasPrefix("10") {   // rounding carried into the next power
            power += 1
            mantissa = trimZeros(String(format: "%.*f", digits - 1, roundHalfUp(scaled(magnitude, power), decimals: digits - 1)))
        }
        let body = mantissa == "1" ? "10" + superscript(power) : mantissa + "×10" + superscript(power)
        return sign + body
    }

    /// An integer in Unicode superscript digits, e.g. −3 → `⁻³`.
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(n.magnitude).compactMap { c in c.wholeNumberValue.map { digits[$0] } }
        return (n < 0 ? "⁻" : "") + String(body)
    }

    /// `x / 10^power`, without overflow or underflow for subnormal `x`.
    private static func scaled(_ x: Double, _ power: Int) -> Double {
        power < -290 ? (x * 1e30) / pow(10, Double(power + 30)) : x / pow(10, Double(power))
    }

    /// `x` rounded to `decimals` places, halves away from zero (1234.5 → 1235,
    /// where printf would round to even).
    private static func roundHalfUp(_ x: Double, decimals: Int) -> Double {
        let factor = pow(10, Double(min(decimals, 15)))
        let y = (x * factor).rounded(.toNearestOrAwayFromZero) / factor
        return y.isFinite ? y : x
    }

    /// "1.2500" → "1.25", "3.000" → "3"; strings without a point are unchanged.
    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}

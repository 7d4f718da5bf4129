import Foundation

/// "Nice" tick positions and labels for linear and logarithmic axes.
///
/// Linear axes use Heckbert's nice numbers ("Nice numbers for graph labels",
/// Graphics Gems, 1990): the step is 1, 2 or 5 times a power of ten, the one
/// whose multiples inside the range number closest to `targetCount` (the
/// axis is not widened to the ticks, as in matplotlib). Tick values are
/// computed as integer multiples of the step and labels are printed with
/// exactly as many decimals as the step needs, so 0.1 + 0.2 prints as `0.3`.
///
/// Logarithmic axes put major ticks at decades (every k-th decade when the
/// range spans many), minor ticks at 2…9 × 10ᵏ, and fall back to 1-2-5 or
/// linear ticks when the range is less than about a decade.
public enum NiceTicks {
    /// The most ticks any axis will ever get (guards degenerate requests).
    public static let maximumTickCount = 1000

    /// Heckbert's nice number: a value 1, 2, 5 or 10 times a power of ten
    /// close to `x` (> 0). With `round` the nearest such value, otherwise the
    /// smallest one that is ≥ `x`. Returns `x` unchanged if it is not a
    /// positive finite number.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return x }
        let (m, e) = niceMantissa(x, round: round)
        return scaled(Double(m), e)
    }

    /// The 1-2-5 step giving the tick count inside `lower…upper` closest to
    /// `targetCount` (ties: the larger step).
    public static func step(lower: Double, upper: Double, targetCount: Int) -> Double {
        let (m, e) = stepMantissa(lower: lower, upper: upper, targetCount: targetCount)
        return scaled(Double(m), e)
    }

    /// Ticks for a linear axis showing `lower…upper`: all multiples of a nice
    /// step that fall inside the range (ends included), labelled. A range of
    /// zero width gives a single tick; non-finite bounds give none.
    public static func linear(lower: Double, upper: Double, targetCount: Int = 6) -> [Tick] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        guard hi > lo else { return [Tick(value: lo, label: label(lo, resolution: 0))] }
        let (m, e) = stepMantissa(lower: lo, upper: hi, targetCount: targetCount)
        let step = scaled(Double(m), e)
        guard step > 0, step.isFinite else { return [] }
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        // Multiples beyond 2^53 cannot be told apart: such a range is too
        // narrow for its magnitude, so show its ends only.
        guard abs(first) < 9e15, abs(last) < 9e15, last >= first,
              last - first < Double(maximumTickCount) else {
            return [Tick(value: lo, label: label(lo, resolution: hi - lo)),
                    Tick(value: hi, label: label(hi, resolution: hi - lo))]
        }
        let largest = max(abs(lo), abs(hi))
        let scientific = largest >= 1e6 || largest < 1e-3
        return (Int(first)...Int(last)).map { k in
            let v = scaled(Double(k * m), e)
            return Tick(value: v, label: label(v, resolution: step, scientific: scientific))
        }
    }

    /// Ticks for a base-10 logarithmic axis showing `lower…upper` (both > 0).
    ///
    /// - Two or more decades inside the range: major ticks at decades, every
    ///   `k`-th decade so that at most about `targetCount` are labelled;
    ///   minor ticks at 2…9 × 10ᵏ when every decade is labelled, otherwise at
    ///   the unlabelled decades.
    /// - Less than that: labelled ticks at 1, 2 and 5 × 10ᵏ if at least three
    ///   fit, else linear nice ticks; minor ticks at the other d × 10ᵏ.
    ///
    /// Non-positive or non-finite bounds give no ticks.
    public static func log(lower: Double, upper: Double, targetCount: Int = 6,
                           style: LogLabelStyle = .superscript) -> [Tick] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        let lo10 = log10(lo), hi10 = log10(hi)
        guard hi10 - lo10 > 1e-12 else { return [Tick(value: lo, label: label(lo, resolution: 0))] }
        let firstDecade = Int((lo10 - 1e-9).rounded(.up))
        let lastDecade = Int((hi10 + 1e-9).rounded(.down))
        let target = max(2, targetCount)

        if lastDecade - firstDecade + 1 >= 2 {
            let decades = lastDecade - firstDecade + 1
            let stride = niceStride(max(1, (decades + target - 1) / target))
            var ticks: [Tick] = []
            for k in firstDecade...lastDecade {
                let isMajor = ((k % stride) + stride) % stride == 0
                if isMajor {
                    ticks.append(Tick(value: decade(k), label: decadeLabel(k, style: style)))
                } else if decades <= maximumTickCount / 4 {
                    ticks.append(Tick(value: decade(k), label: "", isMajor: false))
                }
            }
            if stride == 1 && decades <= 30 {
                ticks += minorTicks(lo: lo, hi: hi, fromDecade: firstDecade - 1, toDecade: lastDecade)
            }
            return ticks.sorted { $0.value < $1.value }
        }

        // Less than two decades: try 1, 2, 5 × 10ᵏ.
        let kLow = Int(lo10.rounded(.down)), kHigh = Int(hi10.rounded(.up))
        var onetwofive: [Double] = []
        for k in kLow...kHigh {
            for d in [1.0, 2.0, 5.0] {
                let v = d * decade(k)
                if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { onetwofive.append(v) }
            }
        }
        var majors: [Tick]
        if onetwofive.count >= 3 && onetwofive.count <= target + 1 {
            majors = onetwofive.map { v in Tick(value: v, label: label(v, resolution: v)) }
        } else {
            majors = linear(lower: lo, upper: hi, targetCount: min(target, 5))
        }
        let majorValues = majors.map(\.value)
        let minors = minorTicks(lo: lo, hi: hi, fromDecade: kLow, toDecade: kHigh, digits: 1...9).filter { tick in
            !majorValues.contains { abs($0 - tick.value) <= 1e-9 * tick.value }
        }
        if minors.count <= 2 * maximumTickCount / 10 { majors += minors }
        return majors.sorted { $0.value < $1.value }
    }

    /// The label of `value` on an axis whose ticks are `resolution` apart:
    /// fixed-point with as many decimals as the resolution needs, or
    /// `m×10ᵏ` when `scientific` is true (by default: when the magnitude is
    /// below 10⁻³ or at least 10⁶). Negative numbers use the typographic
    /// minus sign (U+2212); zero prints as `0` (or `0.0`… to match its neighbours).
    public static func label(_ value: Double, resolution: Double, scientific: Bool? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        let magnitude = abs(value)
        let useScientific = scientific ?? (magnitude < 1e-3 || magnitude >= 1e6)
        let decimalsNeeded: Int
        if resolution > 0, resolution.isFinite {
            decimalsNeeded = max(0, -Int((log10(resolution) + 1e-9).rounded(.down)))
        } else {
            decimalsNeeded = 6
        }
        if magnitude == 0 || (resolution > 0 && magnitude < resolution * 1e-9) {
            return useScientific ? "0" : String(format: "%.*f", min(decimalsNeeded, 12), 0.0)
        }
        if useScientific {
            let e = Int((log10(magnitude) + 1e-12).rounded(.down))
            var mantissa = value / pow(10, Double(e))
            var exponent = e
            // Significant digits the resolution allows beyond the leading one.
            var digits = resolution > 0 && resolution.isFinite
                ? max(0, e - Int((log10(resolution) + 1e-9).rounded(.down))) : 3
            digits = min(digits, 6)
            var text = trimZeros(String(format: "%.*f", digits, mantissa))
            if text == "10" || text == "-10" {   // rounding carried into the next power
                mantissa /= 10
                exponent += 1
                text = trimZeros(String(format: "%.*f", max(0, digits - 1), mantissa))
            }
            let prefix = text == "1" ? "" : (text == "-1" ? "-" : text + "×")
            return withMinusSign(prefix + "10" + superscript(exponent))
        }
        let text = String(format: "%.*f", min(decimalsNeeded, 12), value)
        return withMinusSign(isNegativeZero(text) ? "0" : text)
    }

    /// An integer written with Unicode superscript digits, e.g. −3 → "⁻³".
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(n.magnitude).compactMap { c in c.wholeNumberValue.map { digits[$0] } }
        return (n < 0 ? "⁻" : "") + String(body)
    }

    // MARK: - Helpers

    /// The smallest of 1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500, … at
    /// least `n`: decades labelled every 10 or 20, not every 11.
    static func niceStride(_ n: Int) -> Int {
        guard n > 3 else { return max(1, n) }
        if n <= 5 { return 5 }
        var scale = 10
        while true {
            for m in [1, 2, 2.5, 5] as [Double] {
                let candidate = Int(m * Double(scale))
                if candidate >= n { return candidate }
            }
            guard scale < Int.max / 100 else { return n }
            scale *= 10
        }
    }

    /// Label of the decade 10ᵏ.
    static func decadeLabel(_ k: Int, style: LogLabelStyle) -> String {
        switch style {
        case .superscript: return "10" + superscript(k)
        case .scientific: return k == 0 ? "1" : withMinusSign("1e\(k)")
        }
    }

    /// 10ᵏ, exact for the decades a Double can hold.
    static func decade(_ k: Int) -> Double { scaled(1, k) }

    /// `m × 10^e`, dividing for negative `e` so that e.g. 3 × 10⁻¹ is 0.3 exactly.
    static func scaled(_ m: Double, _ e: Int) -> Double {
        e >= 0 ? m * pow(10, Double(e)) : m / pow(10, Double(-e))
    }

    private static func minorTicks(lo: Double, hi: Double, fromDecade: Int, toDecade: Int,
                                   digits: ClosedRange<Int> = 2...9) -> [Tick] {
        guard fromDecade <= toDecade else { return [] }
        var ticks: [Tick] = []
        for k in fromDecade...toDecade {
            for d in digits {
                let v = Double(d) * decade(k)
                if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) {
                    ticks.append(Tick(value: v, label: "", isMajor: false))
                }
            }
        }
        return ticks
    }

    private static func niceMantissa(_ x: Double, round: Bool) -> (Int, Int) {
        // A step that underflowed (a range narrower than ~1e-308) or overflowed has no nice form.
        guard x.isFinite, x > 0 else { return (1, 0) }
        let e = Int(log10(x).rounded(.down))
        let f = x / pow(10, Double(e))
        let m: Int
        if round {
            m = f < 1.5 ? 1 : (f < 3 ? 2 : (f < 7 ? 5 : 10))
        } else {
            m = f <= 1 ? 1 : (f <= 2 ? 2 : (f <= 5 ? 5 : 10))
        }
        return m == 10 ? (1, e + 1) : (m, e)
    }

    /// The 1-2-5 step whose multiples inside the range number closest to
    /// `targetCount` (ties go to the larger step). Starts from Heckbert's
    /// step and tries its neighbours in the 1-2-5 sequence, because the
    /// range is not widened to the ticks.
    private static func stepMantissa(lower: Double, upper: Double, targetCount: Int) -> (Int, Int) {
        let span = abs(upper - lower)
        guard span > 0, span.isFinite else { return (1, 0) }
        let n = min(max(2, targetCount), maximumTickCount)
        let niceSpan = niceNumber(span, round: false)
        let (m0, e0) = niceMantissa(niceSpan / Double(n - 1), round: true)
        let lo = min(lower, upper), hi = max(lower, upper)
        func count(_ m: Int, _ e: Int) -> Int {
            let step = scaled(Double(m), e)
            let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
            let count = last - first + 1
            guard count.isFinite, last >= first else { return 0 }
            return Int(min(count, Double(Int32.max)))
        }
        // The 1-2-5 sequence around (m0, e0): index 3e + {0, 1, 2}.
        let mantissas = [1, 2, 5]
        let base = 3 * e0 + (mantissas.firstIndex(of: m0) ?? 0)
        var best = (m0, e0), bestMiss = Int.max
        for index in (base - 3)...(base + 3) {
            let e = Int((Double(index) / 3).rounded(.down)), m = mantissas[index - 3 * e]
            let miss = abs(count(m, e) - n)
            if miss <= bestMiss {   // later candidates are larger steps: ties go to them
                best = (m, e)
                bestMiss = miss
            }
        }
        return best
    }

    private static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    private static func isNegativeZero(_ s: String) -> Bool {
        s.hasPrefix("-") && s.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
    }

    private static func withMinusSign(_ s: String) -> String {
        s.replacingOccurrences(of: "-", with: "\u{2212}")
    }
}

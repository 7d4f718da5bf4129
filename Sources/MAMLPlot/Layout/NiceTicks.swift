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
/// range spans many) and minor ticks at 2…9 × 10ᵏ, labelled as matplotlib's
/// `LogFormatterSciNotation` labels them (`10²`, `2×10¹`): minor labels when
/// at most one decade is inside the range, and at an end that reaches more
/// than half a decade past the outermost decade, so every part of the data
/// has a label near it; linear ticks when the range is too narrow for two.
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

    /// Ticks for a base-10 logarithmic axis showing `lower…upper` (both > 0):
    /// the first of `logCandidates` with at most `targetCount + 1` labels
    /// (the sparsest when none has so few).
    ///
    /// Non-positive or non-finite bounds give no ticks.
    public static func log(lower: Double, upper: Double, targetCount: Int = 6,
                           style: LogLabelStyle = .superscript) -> [Tick] {
        let candidates = logCandidates(lower: lower, upper: upper, targetCount: targetCount, style: style)
        let most = max(2, targetCount) + 1
        return candidates.first { $0.filter(\.isLabelled).count <= most } ?? candidates.last ?? []
    }

    /// How far (in decades) an end of a log axis may reach past its
    /// outermost labelled decade before the minor ticks there are labelled.
    public static let unlabelledEndLimit = 0.5

    /// The ways of ticking a base-10 logarithmic axis showing `lower…upper`
    /// (both > 0), from the most labels to the fewest; the layout takes the
    /// first whose labels do not collide. Labels are matplotlib's
    /// `LogFormatterSciNotation`: `10ᵏ` at decades, `d×10ᵏ` between them.
    ///
    /// - Two or more decades inside the range: major ticks at decades, every
    ///   `k`-th decade so that at most about `targetCount` are labelled
    ///   (matplotlib labels only these then). When every decade is
    ///   labelled, minor ticks at 2…9 × 10ᵏ, and an end of the axis that
    ///   reaches more than half a decade (`unlabelledEndLimit`) past the
    ///   outermost decade gets its minor ticks labelled — those at 2, 3, 4
    ///   and 6 × 10ᵏ, else at 2 and 5 × 10ᵏ, else the one farthest from the
    ///   decade — so that data there can be read off.
    /// - At most one decade inside (matplotlib's `LogFormatter` with
    ///   `minor_thresholds=(1, 0.4)`): the decade and the minor ticks at 2,
    ///   3, 4 and 6 × 10ᵏ labelled when the range spans more than 0.4
    ///   decades, every minor tick otherwise; then sparser choices (2 and
    ///   5, or 2 × 10ᵏ alone); and when fewer than two labels would fall
    ///   inside the range, linear nice ticks.
    ///
    /// Non-positive or non-finite bounds give none.
    public static func logCandidates(lower: Double, upper: Double, targetCount: Int = 6,
                                     style: LogLabelStyle = .superscript) -> [[Tick]] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper), hi = max(lower, upper)
        let lo10 = log10(lo), hi10 = log10(hi)
        guard hi10 - lo10 > 1e-12 else { return [[Tick(value: lo, label: label(lo, resolution: 0))]] }
        let firstDecade = Int((lo10 - 1e-9).rounded(.up))
        let lastDecade = Int((hi10 + 1e-9).rounded(.down))
        let target = max(2, targetCount)
        let decades = lastDecade - firstDecade + 1
        let sorted: ([Tick]) -> [Tick] = { $0.sorted { $0.value < $1.value } }

        if decades >= 2 {
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
            guard stride == 1 && decades <= 30 else { return [sorted(ticks)] }
            // An end reaching far past the outermost decade: label its minor ticks
            // (2, 3, 4, 6 × 10ᵏ; else 2 and 5; else the one farthest from the decade).
            let lowEnd = Double(firstDecade) - lo10 > unlabelledEndLimit
            let highEnd = hi10 - Double(lastDecade) > unlabelledEndLimit
            guard lowEnd || highEnd else {
                return [sorted(ticks + minorTicks(lo: lo, hi: hi, fromDecade: firstDecade - 1, toDecade: lastDecade))]
            }
            let lowest = (2...9).first { Double($0) * decade(firstDecade - 1) >= lo * (1 - 1e-12) } ?? 5
            let highest = (2...9).last { Double($0) * decade(lastDecade) <= hi * (1 + 1e-12) } ?? 2
            let choices: [(low: Set<Int>, high: Set<Int>)] = [([2, 3, 4, 6], [2, 3, 4, 6]), ([2, 5], [2, 5]),
                                                              ([lowest], [highest]), ([], [])]
            return choices.map { choice in
                let low = minorTicks(lo: lo, hi: hi, fromDecade: firstDecade - 1, toDecade: firstDecade - 1,
                                     labelled: lowEnd ? choice.low : [], style: style) { _ in true }
                let middle = minorTicks(lo: lo, hi: hi, fromDecade: firstDecade, toDecade: lastDecade - 1)
                let high = minorTicks(lo: lo, hi: hi, fromDecade: lastDecade, toDecade: lastDecade,
                                      labelled: highEnd ? choice.high : [], style: style) { _ in true }
                return sorted(ticks + low + middle + high)
            }
        }

        // At most one decade inside: matplotlib labels minor ticks too.
        let kLow = Int(lo10.rounded(.down)), kHigh = Int(hi10.rounded(.up))
        let majors = decades == 1 ? [Tick(value: decade(firstDecade), label: decadeLabel(firstDecade, style: style))] : []
        let subsets: [Set<Int>] = hi10 - lo10 > 0.4 ? [[2, 3, 4, 6], [2, 5], [2]] : [Set(2...9), [2, 3, 4, 6], [2, 5]]
        var candidates: [[Tick]] = []
        for subset in subsets {
            let ticks = sorted(majors + minorTicks(lo: lo, hi: hi, fromDecade: kLow, toDecade: kHigh, labelled: subset,
                                                   style: style) { _ in true })
            if ticks.filter(\.isLabelled).count >= 2 { candidates.append(ticks) }
        }
        guard candidates.isEmpty else { return candidates }
        // Too narrow for two of those: linear nice ticks, minor ticks at the other d × 10ᵏ.
        var linearTicks = linear(lower: lo, upper: hi, targetCount: min(target, 5))
        let values = linearTicks.map(\.value)
        let minors = minorTicks(lo: lo, hi: hi, fromDecade: kLow, toDecade: kHigh, digits: 1...9).filter { tick in
            !values.contains { abs($0 - tick.value) <= 1e-9 * tick.value }
        }
        if minors.count <= 2 * maximumTickCount / 10 { linearTicks += minors }
        return [sorted(linearTicks)]
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

    /// Minor ticks d × 10ᵏ (d in `digits`) inside `lo…hi`, for decades
    /// `fromDecade…toDecade`; labelled `d×10ᵏ` when d is in `labelled` and
    /// `labelsDecade(k)` says so.
    private static func minorTicks(lo: Double, hi: Double, fromDecade: Int, toDecade: Int,
                                   digits: ClosedRange<Int> = 2...9, labelled: Set<Int> = [],
                                   style: LogLabelStyle = .superscript,
                                   labelsDecade: (Int) -> Bool = { _ in false }) -> [Tick] {
        guard fromDecade <= toDecade else { return [] }
        var ticks: [Tick] = []
        for k in fromDecade...toDecade {
            let labels = labelsDecade(k)
            for d in digits {
                let v = Double(d) * decade(k)
                if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) {
                    let text = labels && labelled.contains(d) ? minorLabel(d, k, style: style) : ""
                    ticks.append(Tick(value: v, label: text, isMajor: false))
                }
            }
        }
        return ticks
    }

    /// Label of the minor tick d × 10ᵏ, as matplotlib's `LogFormatterSciNotation` writes it: `2×10⁻³`.
    static func minorLabel(_ d: Int, _ k: Int, style: LogLabelStyle) -> String {
        switch style {
        case .superscript: return "\(d)×10" + superscript(k)
        case .scientific: return withMinusSign("\(d)e\(k)")
        }
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

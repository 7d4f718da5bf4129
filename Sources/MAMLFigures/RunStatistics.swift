import Foundation
import MAMLLang

/// The mean of a quantity over several runs, iteration by iteration, with a
/// band of their spread: what `plot({r1, r2, …})` draws for a list of runs
/// (docs/builtins.md, `plot`).
///
/// Runs may have different lengths (one stopped early, one converged): at
/// iteration k the statistics are over the runs still alive there (those
/// with an iterate k), so the curve goes on as long as the longest run and
/// `alive[k]` says how many runs it rests on. Values that are not finite
/// (and, on a log axis, values ≤ 0) are left out at their iteration.
///
/// On a linear axis the centre is the arithmetic mean and the band
/// mean ± the sample standard deviation (n − 1; 0 for a single run). On a
/// log axis both are taken of log10 of the values — the geometric mean,
/// times and divided by the geometric standard deviation — so the band stays
/// positive and is symmetric on the axis it is drawn on. `minmax` spans the
/// smallest to the largest value; `none` draws the centre alone.
struct RunStatistics: Equatable {
    /// What the band shows.
    enum Spread: String, CaseIterable {
        case std, minmax, none

        /// The legend text explaining the shaded band.
        func legendText(logScale: Bool) -> String? {
            switch self {
            case .std: return logScale ? "shaded: ×/÷ geometric std over runs" : "shaded: ± 1 std over runs"
            case .minmax: return "shaded: min to max over runs"
            case .none: return nil
            }
        }
    }

    /// Iterations 0, 1, … up to the longest run's last.
    let x: [Double]
    /// The mean (geometric on a log axis); NaN where no run has a usable value.
    let center: [Double]
    /// The band's lower edge.
    let lower: [Double]
    /// The band's upper edge.
    let upper: [Double]
    /// How many runs have an iterate at each iteration.
    let alive: [Int]

    /// The statistics of `series` (one array per run, value k at iteration k).
    init(_ series: [[Double]], spread: Spread, logScale: Bool) {
        let length = series.map(\.count).max() ?? 0
        var center = [Double](repeating: .nan, count: length)
        var lower = center, upper = center
        var alive = [Int](repeating: 0, count: length)
        var values: [Double] = []
        values.reserveCapacity(series.count)
        for k in 0..<length {
            values.removeAll(keepingCapacity: true)
            for s in series where s.count > k {
                alive[k] += 1
                let v = s[k]
                guard v.isFinite else { continue }
                if logScale {
                    if v > 0 { values.append(log10(v)) }
                } else {
                    values.append(v)
                }
            }
            guard !values.isEmpty else { continue }
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            var lo = mean, hi = mean
            switch spread {
            case .std:
                let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                let sd = values.count > 1 ? (squares / (n - 1)).squareRoot() : 0
                lo = mean - sd
                hi = mean + sd
            case .minmax:
                lo = values.min() ?? mean
                hi = values.max() ?? mean
            case .none:
                break
            }
            let back: (Double) -> Double = logScale ? { pow(10, $0) } : { $0 }
            center[k] = back(mean)
            lower[k] = back(lo)
            upper[k] = back(hi)
        }
        self.x = (0..<length).map(Double.init)
        self.center = center
        self.lower = lower
        self.upper = upper
        self.alive = alive
    }
}

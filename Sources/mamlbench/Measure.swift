import Dispatch
import Foundation

/// Seconds per call of `body`: batches sized to take ~20 ms, the median of
/// the batch means over ~`budget` seconds (at least `minimumBatches`).
func measure(budget: Double = 0.5, minimumBatches: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    try body()  // warm-up
    var batch = 1
    while true {
        let t0 = now()
        for _ in 0..<batch { try body() }
        let dt = now() - t0
        if dt > 0.02 || batch >= 1 << 24 { break }
        batch *= 2
    }
    var means: [Double] = []
    let start = now()
    while means.count < minimumBatches || (now() - start < budget && means.count < 200) {
        let t0 = now()
        for _ in 0..<batch { try body() }
        means.append((now() - t0) / Double(batch))
    }
    means.sort()
    return means[means.count / 2]
}

/// Keeps results alive so the optimizer cannot drop the work.
final class Sink: @unchecked Sendable {
    var value = 0.0
    static let shared = Sink()
}

/// One line of the report: the workload, mamlsh's time and, when the
/// reference ran, the reference's time and the speed-up.
func report(_ name: String, _ seconds: Double, reference: [String: Double]) {
    var line = "\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(format(seconds))"
    if let r = reference[name] {
        let ratio = r / seconds
        line += "   reference \(format(r))   \(String(format: ratio >= 10 ? "%.0f" : "%.2g", ratio))×"
    }
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A time in the unit that reads best: 0.53 µs, 24.7 µs, 1.30 ms, 0.61 s.
func format(_ seconds: Double) -> String {
    if seconds < 1e-6 { return String(format: "%.3f µs", seconds * 1e6) }
    if seconds < 1e-3 { return String(format: "%.3g µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.3g ms", seconds * 1e3) }
    return String(format: "%.3g s", seconds)
}

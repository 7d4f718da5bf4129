import Foundation
import MAMLCore

/// A rows×cols matrix of standard normal entries, times `scale`.
private func randomNormal(_ rows: Int, _ cols: Int, scale: Double = 1, _ rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in scale * rng.normal() })
}

/// The control toolbox's workloads (group `control`), against SciPy and
/// python-control (`scripts/bench/control_reference.py`, the same sizes,
/// kinds of matrices and methods): the Riccati equations at n = 10 (m = 3)
/// and n = 100 (m = 10), the continuous Lyapunov equation at n = 100, pole
/// placement at n = 10 (m = 3, complex pairs among the poles), zero-order
/// hold discretization at n = 50 (m = 10), Octave's default quantile
/// (method 5) of 10⁶ values at five levels and a cubic polyfit on 10⁶
/// points.
func runControlWorkloads(reference: [String: Double]) throws {
    let sink = Sink.shared
    var rng = Xoshiro256StarStar(seed: 2026)
    for (n, m) in [(10, 3), (100, 10)] {
        let a = randomNormal(n, n, scale: 1 / Double(n).squareRoot(), &rng)
        let b = randomNormal(n, m, &rng)
        let q = randomSPD(n, &rng), r = randomSPD(m, &rng)
        let ad = (0.95 / (try a.spectralRadius())) * a
        let budget = n == 10 ? 0.5 : 2.0
        report("care_n\(n)", try measure(budget: budget) { sink.value += try Control.care(A: a, B: b, Q: q, R: r).X[0, 0] },
               reference: reference)
        report("dare_n\(n)", try measure(budget: budget) { sink.value += try Control.dare(A: ad, B: b, Q: q, R: r).X[0, 0] },
               reference: reference)
    }

    let n = 100
    let a0 = randomNormal(n, n, scale: 1 / Double(n).squareRoot(), &rng)
    let shift = (try a0.complexEigenvalues().map(\.re).max() ?? 0) + 0.5
    let stable = a0 - shift * Matrix.identity(n)
    let q = randomSPD(n, &rng)
    report("lyap_c_n100", try measure(budget: 2) { sink.value += try MatrixEquations.continuousLyapunov(A: stable, Q: q)[0, 0] },
           reference: reference)

    let a10 = randomNormal(10, 10, &rng), b10 = randomNormal(10, 3, &rng)
    let poles: [Complex] = [Complex(-1, 0), Complex(-1.5, 0), Complex(-2, 0), Complex(-2.5, 0), Complex(-3, 0),
                            Complex(-0.5, 2), Complex(-0.5, -2), Complex(-1, 1), Complex(-1, -1), Complex(-4, 0)]
    report("place_n10", try measure { sink.value += try Control.place(A: a10, B: b10, poles: poles).K[0, 0] }, reference: reference)

    let a50 = randomNormal(50, 50, scale: 1 / 50.0.squareRoot(), &rng), b50 = randomNormal(50, 10, &rng)
    report("c2d_zoh_n50", try measure { sink.value += try Control.c2d(A: a50, B: b50, dt: 0.1).Ad[0, 0] }, reference: reference)

    let x = randomNormal(1_000_000, 1, &rng)
    let levels = [0.05, 0.25, 0.5, 0.75, 0.95]
    report("quantile_1e6", try measure(budget: 2) { sink.value += try Quantile.quantile(x, levels)[0, 0] }, reference: reference)

    let t = (0..<1_000_000).map { 10 * Double($0) / 999_999 }
    let y = t.map { 0.5 * $0 * $0 * $0 - $0 + 2 + rng.normal() }
    report("polyfit3_1e6", try measure(budget: 2) { sink.value += try Polynomial.fit(x: t, y: y, degree: 3).coefficients[0] },
           reference: reference)
}

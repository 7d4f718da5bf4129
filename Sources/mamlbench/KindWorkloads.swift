import Foundation
import MAMLCore

/// The kinds of task (group `kinds`), against NumPy/SciPy
/// (scripts/bench/kinds_reference.py): cost and gradient at n = 10 and 50 for
/// each kind (multiplicative noise with the solver chosen by n, and with each
/// solver: the Kronecker form at n = 10 and 20 — at n = 50 one call takes
/// minutes, K being 2500×2500 — and the fixed-point iteration at n = 10, 20
/// and 50), MAML's exact ∇F over 10 tasks at n = 10, and LQG with a history
/// policy (p = 10) at the pendulum and cart-pole sizes of Toso et al. 2026:
/// cost and gradient at 1.05·K̃*, and the model-free two-point estimate (20
/// directions, radius 0.01, rollouts of 100 steps of the plant, its noise
/// and the filter).
func runKindWorkloads(compare: Bool = false, reference: [String: Double]) throws {
    let sink = Sink.shared
    var rng = Xoshiro256StarStar(seed: 21)
    func random(_ rows: Int, _ cols: Int, scale: Double = 1) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in scale * rng.normal() })
    }
    /// (A, B) of each kind with W = 0 stabilizing, and the kind.
    func system(_ name: String, n: Int, m: Int, noiseScale: Double = 1) throws -> (Matrix, Matrix, any TaskKind) {
        let b = random(n, m, scale: 1 / Double(n).squareRoot())
        switch name {
        case "continuous":
            let a = random(n, n, scale: 1 / Double(n).squareRoot())
            let alpha = try a.eigenvalues().map(\.re).max() ?? 0
            return (a - (alpha + 0.5) * Matrix.identity(n), b, ContinuousKind())
        case "multiplicative":
            let a = try randomStable(n, rho: 0.7, &rng)
            let dirs = (0..<2).map { _ in random(n, n, scale: 1 / Double(n).squareRoot()) }
            let dirB = [random(n, m, scale: 1 / Double(n).squareRoot())]
            return (a, b, MultiplicativeNoiseKind(noiseA: dirs, varA: [0.05 * noiseScale, 0.02 * noiseScale],
                                                  noiseB: dirB, varB: [0.05 * noiseScale]))
        default:
            return (try randomStable(n, rho: 0.9, &rng), b, DiscreteKind())
        }
    }
    let short = ["lqr": "lqr", "continuous": "cont", "multiplicative": "mult"]
    if compare {
        // The evidence for `DiscreteKind.doublingLimit` and `ContinuousKind.doublingLimit`:
        // cost and gradient with the closed loop solved by each method.
        for kind in ["lqr", "continuous"] {
            for n in [2, 3, 4, 6, 8, 10, 12, 16, 20, 24] {
                let m = Swift.min(3, n)
                let (a, b, k) = try system(kind, n: n, m: m)
                let t = try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng), kind: k)
                let w = Matrix(rows: m, cols: n)
                for method in ClosedLoopMethod.allCases {
                    report("compare_\(short[kind] ?? kind)_\(method)_n\(n)", try measure(budget: 0.3) {
                        let equations = kind == "lqr" ? try DiscreteKind.equations(of: a, index: nil, method: method)
                            : try ContinuousKind.equations(of: a, index: nil, method: method)
                        let p = try LQRPoint(task: t, W: w, solver: equations)
                        sink.value += p.cost + p.gradient[0, 0]
                    }, reference: [:])
                }
            }
        }
        // The evidence for `MeanSquareSolver.automaticKroneckerLimit`: cost and gradient by each solver at small n.
        for n in [2, 3, 4, 5, 6, 8, 10] {
            let m = Swift.min(3, n)
            let (a, b, k) = try system("multiplicative", n: n, m: m)
            let t = try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng), kind: k)
            let w = Matrix(rows: m, cols: n)
            let terms = (k as? MultiplicativeNoiseKind)?.terms(w) ?? []
            for method in MeanSquareSolver.Method.allCases {
                report("compare_mult_\(method == .kronecker ? "kron" : "iter")_n\(n)", try measure(budget: 0.3) {
                    let solver = try MeanSquareSolver(closedLoop: t.closedLoop(w), terms: terms, task: nil, method: method)
                    let p = try LQRPoint(task: t, W: w, solver: solver)
                    sink.value += p.cost + p.gradient[0, 0]
                }, reference: [:])
            }
        }
    }
    for kind in ["lqr", "continuous", "multiplicative"] {
        let label = short[kind] ?? kind
        for n in [10, 50] {
            let m = 3
            let (a, b, k) = try system(kind, n: n, m: m)
            let t = try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng), kind: k)
            let w = Matrix(rows: m, cols: n)
            report("costgrad_\(label)_n\(n)", try measure(budget: n > 10 ? 1 : 0.5) {
                let p = try LQRPoint(task: t, W: w)
                sink.value += p.cost + p.gradient[0, 0]
            }, reference: reference)
            // Multiplicative noise: each solver of the mean-square equations (the row above chose by n).
            if let noise = k as? MultiplicativeNoiseKind {
                for method in MeanSquareSolver.Method.allCases {
                    for size in n == 10 ? [10, 20] : [50] where !(method == .kronecker && size > 20) {
                        let (a, b, k) = size == n ? (a, b, noise as any TaskKind) : try system(kind, n: size, m: m)
                        let t = try LQRTask(A: a, B: b, Q: randomSPD(size, &rng), R: randomSPD(m, &rng), kind: k)
                        let w = Matrix(rows: m, cols: size)
                        let terms = (k as? MultiplicativeNoiseKind)?.terms(w) ?? []
                        report("costgrad_mult_\(method == .kronecker ? "kron" : "iter")_n\(size)", try measure(budget: size > 10 ? 1 : 0.5) {
                            let solver = try MeanSquareSolver(closedLoop: t.closedLoop(w), terms: terms, task: nil, method: method)
                            let p = try LQRPoint(task: t, W: w, solver: solver)
                            sink.value += p.cost + p.gradient[0, 0]
                        }, reference: reference)
                    }
                }
            }
        }
        let n = 10, m = 3
        let (a, b, k) = try system(kind, n: n, m: m)
        let tasks = try (0..<10).map { i -> LQRTask in
            var taskKind = k
            if let noise = k as? MultiplicativeNoiseKind {   // noise levels from 0.5 to 1.4 times the base
                let s = 0.5 + 0.1 * Double(i)
                taskKind = MultiplicativeNoiseKind(noiseA: noise.noiseA, varA: noise.varA.map { s * $0 },
                                                   noiseB: noise.noiseB, varB: noise.varB.map { s * $0 })
            }
            return try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng), kind: taskKind)
        }
        let set = try TaskSet(tasks)
        let w = Matrix(rows: m, cols: n)
        report("gradF_\(label)_n10_K10", try measure { sink.value += try set.mamlGradient(w, eta: 1e-3)[0, 0] },
               reference: reference)
    }
    for name in ["pendulum", "cartpole"] {
        let t = try lqgBenchmarkTask(name)
        let w = 1.05 * (try t.lqr().gain)
        report("costgrad_lqg_\(name)_p10", try measure {
            let p = try LQRPoint(task: t, W: w)
            sink.value += p.cost + p.gradient[0, 0]
        }, reference: reference)
        var oracle = RolloutOracle(settings: try RolloutSettings(samples: 20, radius: 0.01, horizon: 100, seed: 4))
        report("zo_lqg_\(name)_p10", try measure(budget: 1) { sink.value += try oracle.gradient(t, w)[0, 0] },
               reference: reference)
    }
}

/// The pendulum (m = 0.5, l = 0.3) or cart-pole (m_p = 0.1, m_c = 1, ℓ = 0.5)
/// LQG task of Toso et al. 2026, Euler at dt = 0.05, history p = 10.
func lqgBenchmarkTask(_ name: String) throws -> LQRTask {
    if name == "pendulum" {
        let a = Matrix.identity(2) + 0.05 * (try Matrix([[0, 1], [9.81 / 0.3, 0]]))
        let kind = LQGKind(C: try Matrix([[1, 0]]), Qy: Matrix(scalar: 0.1), Wn: 0.02 * Matrix.identity(2),
                           Vn: Matrix(scalar: 0.05), history: 10)
        return try LQRTask(A: a, B: 0.05 * Matrix(column: [0, 1 / (0.5 * 0.09)]), Q: .identity(2), R: Matrix(scalar: 0.1), kind: kind)
    }
    let ac = try Matrix([[0, 1, 0, 0], [0, 0, 0.1 * 9.81, 0], [0, 0, 0, 1], [0, 0, 1.1 / 0.5 * 9.81, 0]])
    let kind = LQGKind(C: try Matrix([[1, 0, 0, 0], [0, 1, 0, 1]]), Qy: 0.1 * Matrix.identity(2), Wn: 0.12 * Matrix.identity(4),
                       Vn: 0.15 * Matrix.identity(2), history: 10)
    return try LQRTask(A: .identity(4) + 0.05 * ac, B: 0.05 * Matrix(column: [0, 1, 0, 2]), Q: .identity(4), R: Matrix(scalar: 0.1), kind: kind)
}

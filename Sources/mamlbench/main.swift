// mamlbench — the solver's workloads, timed.
//
// Prints one line per workload, `name seconds-per-call`, the median over
// repeated batches. `--compare` adds lines that time the Stein solver's two
// methods against each other at small n (the evidence for
// `SteinSolver.kroneckerLimit`). Run with `swift run -c release mamlbench`.

import Dispatch
import Foundation
import MAMLCore

/// Seconds per call of `body`: batches sized to take ~20 ms, the median of
/// the batch means over ~`budget` seconds (at least 5 batches).
func measure(budget: Double = 0.5, _ body: () throws -> Void) rethrows -> Double {
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
    while means.count < 5 || (now() - start < budget && means.count < 200) {
        let t0 = now()
        for _ in 0..<batch { try body() }
        means.append((now() - t0) / Double(batch))
    }
    means.sort()
    return means[means.count / 2]
}

func report(_ name: String, _ seconds: Double) {
    FileHandle.standardOutput.write(Data("\(name) \(String(format: "%.3e", seconds))\n".utf8))
}

/// A random n×n matrix scaled to spectral radius ρ.
func randomStable(_ n: Int, rho: Double, _ rng: inout Xoshiro256StarStar) throws -> Matrix {
    let m = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
    return (rho / (try m.spectralRadius())) * m
}

/// M·Mᵀ/n + I for a random n×n M.
func randomSPD(_ n: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
    let m = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { _ in rng.normal() })
    return (1.0 / Double(n)) * m.timesTranspose(m) + Matrix.identity(n)
}

/// Keeps results alive so the optimizer cannot drop the work.
var sink = 0.0

@MainActor
func run() throws {
    let compare = CommandLine.arguments.contains("--compare")
    var rng = Xoshiro256StarStar(seed: 2024)
    let paper = try PaperSystem.tasks(count: 10, rng: &rng)
    let wPaper = try Matrix([[1.3, -2.1]])
    let closedLoop = PaperSystem.A - PaperSystem.B * wPaper
    let identity2 = Matrix.identity(2)

    report("lyap_n2", try measure { sink += try SteinSolver(closedLoop).solve(identity2)[0, 0] })

    report("gradF_paper_K10", try measure { sink += try paper.mamlGradient(wPaper, eta: 1e-5)[0, 0] })

    let w0 = try Matrix([[1, -2]])
    let options = MAMLRunOptions(eta: .constant(1e-5), beta: .constant(1e-6), iterations: 50)
    report("maml50_paper_K10", try measure { sink += try runMAML(tasks: paper, from: w0, options: options).W[0, 0] })

    let w1 = stride(from: 0.5, to: 3 - 1e-9, by: 0.05).map { $0 }
    let w2 = stride(from: -4.0, to: -1 - 1e-9, by: 0.05).map { $0 }
    let plane = try GainPlane(gainRows: 1, cols: 2, w1: w1, w2: w2)
    report("grid_F_step0.05_K10", try measure(budget: 2) {
        sink += Double(try Landscape(tasks: paper, eta: 1e-5, plane: plane).stabilizingCount)
    })

    for n in [20, 100] {
        let a = try randomStable(n, rho: 0.95, &rng)
        let q = randomSPD(n, &rng)
        report("lyap_n\(n)", try measure(budget: 1) { sink += try SteinSolver(a).solve(q)[0, 0] })
    }

    let n = 20, m = 5
    let a = try randomStable(n, rho: 0.95, &rng)
    // B scaled by 1/√n so that η = 1e-4 keeps W = 0 MAML-stabilizing.
    let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in rng.normal() / Double(n).squareRoot() })
    let big = try TaskSet((0..<10).map { _ in try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng)) })
    let wZero = Matrix(rows: m, cols: n)
    report("gradF_n20m5_K10", try measure(budget: 1) { sink += try big.mamlGradient(wZero, eta: 1e-4)[0, 0] })

    if compare {
        for n in [20, 100] {
            let a = try randomStable(n, rho: 0.95, &rng)
            let q = randomSPD(n, &rng)
            report("schur_n\(n)", try measure { sink += try RealSchur(a).T[0, 0] })
            let solver = try SteinSolver(a)
            report("lyap_n\(n)_solve_only", try measure { sink += try solver.solve(q)[0, 0] })
        }
        for k in 1...6 {
            let ak = try randomStable(k, rho: 0.9, &rng)
            let qk = randomSPD(k, &rng)
            for method in [SteinSolver.Method.kronecker, .schur] {
                report("lyap_n\(k)_\(method)", try measure { sink += try SteinSolver(ak, method: method).solve(qk)[0, 0] })
            }
        }
    }
    if sink == .infinity { print("") }
}

// Profiling entry: `mamlbench --profile-solve20` runs 2000 Stein solves at n = 20.
if CommandLine.arguments.contains("--profile-solve20") {
    var rng = Xoshiro256StarStar(seed: 5)
    let a = try randomStable(20, rho: 0.95, &rng)
    let q = randomSPD(20, &rng)
    let solver = try SteinSolver(a)
    for _ in 0..<2000 { sink += try solver.solve(q)[0, 0] }
    exit(0)
}

do {
    try run()
} catch {
    FileHandle.standardError.write("mamlbench: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}


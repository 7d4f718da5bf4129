// mamlbench — the project's workloads, timed, beside the same workloads in
// what a user would pick instead, timed in the same run.
//
//     swift run -c release mamlbench [GROUP…] [--no-reference] [--compare]
//
// Groups: `core` (the solver, against NumPy/SciPy), `lang` (scripts run by
// the interpreter, against CPython), `io` (CSV and JSON files, against
// pandas, NumPy and Python's json), `plot` (figures to PNG and sixel,
// against matplotlib's Agg when installed), `control` (Riccati, Lyapunov,
// place, c2d, quantile, polyfit, against SciPy and python-control), `kinds`
// (cost, gradient and MAML's ∇F for each kind of task, against NumPy/SciPy).
// `scripts/bench/setup` makes the Python these run in. Without a group, all. Each line:
// `name  mamlsh-time  reference time  speed-up`, times per call as the
// median of repeated batches. `--compare` adds lines that time the Stein
// solver's two methods against each other at small n (the evidence for
// `SteinSolver.kroneckerLimit`), and in `kinds` the closed-loop methods
// (Schur form against doubling, n = 2…24, for `DiscreteKind.doublingLimit`
// and `ContinuousKind.doublingLimit`) and the mean-square solvers' (for
// `MeanSquareSolver.automaticKroneckerLimit`).

import Dispatch
import Foundation
import MAMLCore

let arguments = Array(CommandLine.arguments.dropFirst())
BLASThreads.useOneThread()

// Profiling entry: `mamlbench --profile-solve20` runs 2000 Stein solves at n = 20.
if arguments.contains("--profile-solve20") {
    var rng = Xoshiro256StarStar(seed: 5)
    let a = try randomStable(20, rho: 0.95, &rng)
    let q = randomSPD(20, &rng)
    let solver = try SteinSolver(a)
    for _ in 0..<2000 { Sink.shared.value += try solver.solve(q)[0, 0] }
    exit(0)
}

// Fixed-work entry (for `perf stat` and repeated timings): `mamlbench --profile-gradF-paper`
// runs the core row gradF_paper_K10's call 20 000 times and prints the median of 15 batches' µs per call.
if arguments.contains("--profile-gradF-paper") {
    var rng = Xoshiro256StarStar(seed: 2024)
    let paper = try PaperSystem.tasks(count: 10, rng: &rng)
    let w = try Matrix([[1.3, -2.1]])
    var times: [Double] = []
    for _ in 0..<15 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<2_000 { Sink.shared.value += try paper.mamlGradient(w, eta: 1e-5)[0, 0] }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 2e6)
    }
    print(String(format: "gradF_paper_K10 median %.2f µs, min %.2f µs", times.sorted()[7], times.min() ?? 0))
    exit(0)
}

// Profiling entry: `mamlbench --profile-costgrad10 lqr|continuous` runs 20 000 cost-and-gradient evaluations at n = 10.
if let at = arguments.firstIndex(of: "--profile-costgrad10") {
    var rng = Xoshiro256StarStar(seed: 5)
    let n = 10, m = 3
    let continuous = arguments.dropFirst(at + 1).first == "continuous"
    var a = try randomStable(n, rho: 0.9, &rng)
    if continuous { a = a - Matrix.identity(n) }
    let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in rng.normal() / 3 })
    let t = try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng),
                        kind: continuous ? ContinuousKind() : DiscreteKind())
    let w = Matrix(rows: m, cols: n)
    for _ in 0..<20_000 {
        let p = try LQRPoint(task: t, W: w)
        Sink.shared.value += p.cost + p.gradient[0, 0]
    }
    exit(0)
}

let groups = arguments.filter { !$0.hasPrefix("--") }
let withReference = !arguments.contains("--no-reference")
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

do {
    if wanted("core") {
        let reference = withReference ? Reference.timings(script: "scripts/bench/scipy_reference.py") : [:]
        try runCoreWorkloads(compare: arguments.contains("--compare"), reference: reference)
    }
    if wanted("lang") {
        let reference = withReference ? Reference.timings(script: "scripts/bench/python_reference.py") : [:]
        try runLanguageWorkloads(reference: reference)
    }
    if wanted("io") {
        try runIOWorkloads(withReference: withReference)
    }
    if wanted("control") {
        let reference = withReference ? Reference.timings(script: "scripts/bench/control_reference.py") : [:]
        try runControlWorkloads(reference: reference)
    }
    if wanted("kinds") {
        let reference = withReference ? Reference.timings(script: "scripts/bench/kinds_reference.py") : [:]
        try runKindWorkloads(compare: arguments.contains("--compare"), reference: reference)
    }
    if wanted("plot") {
        let reference = withReference ? Reference.timings(script: "scripts/bench/matplotlib_reference.py") : [:]
        try runPlotWorkloads(reference: reference)
    }
    if Sink.shared.value == .infinity { print("") }
} catch {
    FileHandle.standardError.write(Data("mamlbench: \(error)\n".utf8))
    exit(1)
}

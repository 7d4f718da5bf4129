import Foundation
import MAMLCore

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

/// The solver's workloads (group `core`), against NumPy/SciPy.
func runCoreWorkloads(compare: Bool, reference: [String: Double]) throws {
    let sink = Sink.shared
    var rng = Xoshiro256StarStar(seed: 2024)
    let paper = try PaperSystem.tasks(count: 10, rng: &rng)
    let wPaper = try Matrix([[1.3, -2.1]])
    let closedLoop = PaperSystem.A - PaperSystem.B * wPaper
    let identity2 = Matrix.identity(2)

    report("lyap_n2", try measure { sink.value += try SteinSolver(closedLoop).solve(identity2)[0, 0] }, reference: reference)
    report("gradF_paper_K10", try measure { sink.value += try paper.mamlGradient(wPaper, eta: 1e-5)[0, 0] }, reference: reference)

    let w0 = try Matrix([[1, -2]])
    let options = try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta), iterations: 50)
    report("maml50_paper_K10", try measure { sink.value += try runMAML(tasks: paper, from: w0, options: options).W[0, 0] },
           reference: reference)

    let w1 = stride(from: 0.5, to: 3 - 1e-9, by: 0.05).map { $0 }
    let w2 = stride(from: -4.0, to: -1 - 1e-9, by: 0.05).map { $0 }
    let plane = try GainPlane(gainRows: 1, cols: 2, w1: w1, w2: w2)
    report("grid_F_step0.05_K10", try measure(budget: 2) {
        sink.value += Double(try Landscape(tasks: paper, eta: 1e-5, plane: plane).stabilizingCount)
    }, reference: reference)

    for n in [20, 100] {
        let a = try randomStable(n, rho: 0.95, &rng)
        let q = randomSPD(n, &rng)
        report("lyap_n\(n)", try measure(budget: 1) { sink.value += try SteinSolver(a).solve(q)[0, 0] }, reference: reference)
    }

    let n = 20, m = 5
    let a = try randomStable(n, rho: 0.95, &rng)
    // B scaled by 1/√n so that η = 1e-4 keeps W = 0 MAML-stabilizing.
    let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in rng.normal() / Double(n).squareRoot() })
    let big = try TaskSet((0..<10).map { _ in try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng)) })
    let wZero = Matrix(rows: m, cols: n)
    report("gradF_n20m5_K10", try measure(budget: 1) { sink.value += try big.mamlGradient(wZero, eta: 1e-4)[0, 0] },
           reference: reference)

    try runPolicyGradientWorkload(&rng, reference: reference)
    try runModelFreeWorkload(reference: reference)
    // Meta-test: 50 heterogeneous tasks (n = 4, m = 2; A and B perturbed by
    // ε = 0.05 around a nominal pair), W the nominal LQR gain, costs after
    // 0…5 adaptation steps and the 50 optimal costs (one DARE each).
    let nominalA = try randomStable(4, rho: 0.9, &rng)
    let nominalB = Matrix(rows: 4, cols: 2, storage: (0..<8).map { _ in rng.normal() / 2 })
    let nominal = try LQRTask(A: nominalA, B: nominalB, Q: randomSPD(4, &rng), R: randomSPD(2, &rng))
    let testTasks = try TaskSet((0..<50).map { _ in
        try LQRTask(A: nominalA, B: nominalB, Q: randomSPD(4, &rng), R: randomSPD(2, &rng)).perturbed(epsilon: 0.05, rng: &rng)
    })
    let wNominal = try nominal.lqr().gain
    report("eval_50x6_n4", try measure {
        sink.value += try MetaTestEvaluation(tasks: testTasks, W: wNominal, eta: 1e-3, steps: Array(0...5)).cost[0, 5]
    }, reference: reference)

    if compare {
        for n in [20, 100] {
            let a = try randomStable(n, rho: 0.95, &rng)
            let q = randomSPD(n, &rng)
            report("schur_n\(n)", try measure { sink.value += try RealSchur(a).T[0, 0] }, reference: [:])
            let solver = try SteinSolver(a)
            report("lyap_n\(n)_solve_only", try measure { sink.value += try solver.solve(q)[0, 0] }, reference: [:])
        }
        for k in 1...6 {
            let ak = try randomStable(k, rho: 0.9, &rng)
            let qk = randomSPD(k, &rng)
            for method in [SteinSolver.Method.kronecker, .schur] {
                report("lyap_n\(k)_\(method)", try measure { sink.value += try SteinSolver(ak, method: method).solve(qk)[0, 0] },
                       reference: [:])
            }
        }
    }
}

/// `pg_gn_n100`: Gauss–Newton with step 1/2 (policy iteration, Hewer 1971)
/// to ‖∇C‖_F ≤ 1e-10 on one task with n = 100 states and m = 10 inputs: A
/// random, scaled to ρ(A) = 1.02 (open-loop unstable), B random /√n, Q and R
/// random positive definite, Σ0 = I; W0 the LQR gain of (A, B, I, I), which
/// stabilizes A but is not optimal for (Q, R). Each iteration is one real
/// Schur factorization of A − BW and two Stein solves (P_W and Σ_W); the run
/// converges in 4 steps. The reference does the same with two
/// scipy.linalg.solve_discrete_lyapunov calls per iteration.
func runPolicyGradientWorkload(_ rng: inout Xoshiro256StarStar, reference: [String: Double]) throws {
    let n = 100, m = 10
    let a = try randomStable(n, rho: 1.02, &rng)
    let b = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { _ in rng.normal() / Double(n).squareRoot() })
    let task = try LQRTask(A: a, B: b, Q: randomSPD(n, &rng), R: randomSPD(m, &rng))
    let w0 = try LQRTask(A: a, B: b, Q: .identity(n), R: .identity(m)).lqr().gain
    let options = try PolicyOptimizationOptions(method: .gaussNewton, step: .auto, iterations: 50, tolerance: 1e-10)
    let seconds = try measure(budget: 2, minimumBatches: 3) {
        let run = try runPolicyOptimization(task: task, from: w0, options: options)
        guard case .converged = run.status else {
            throw MAMLError.invalidArgument("pg_gn_n100 did not converge: \(run.statusText)")
        }
        Sink.shared.value += run.W[0, 0]
    }
    report("pg_gn_n100", seconds, reference: reference)
}

/// zo_toso_200: 200 iterations of model-free MAML on the Toso et al. (2024)
/// benchmark (n = 4, m = 2, 10 tasks, 20 samples, rollouts of 500 steps):
/// 200 estimates of ∇F with the Hessian action (eq. (7), 8 rollouts per
/// sample and task) at K0. The radius is 0.005, not their 0.01: at 0.01 some
/// perturbed gains around K0 leave a task's stabilizing set and the estimate
/// stops (see 09-model-free); the work per estimate is the same. Its own
/// stream of task draws, so the other workloads keep theirs.
func runModelFreeWorkload(reference: [String: Double]) throws {
    var rng = Xoshiro256StarStar(seed: 1)
    let a = try Matrix([[1.22, 0.03, -0.02, -0.32], [0.01, 4.7, 0, 0], [0.02, -0.06, 0.4, 0], [0.01, -0.04, 0.72, 1.55]])
    let b = try Matrix([[0.01, 0.99], [-3.44, 1.66], [-0.83, 0.44], [-0.47, 0.25]])
    let k0 = try Matrix([[0.61343269, -1.53543838, 0.30279836, 0.39631415],
                         [0.88802018, 0.60382034, -0.14729954, -0.58220629]])
    let xbar = Matrix(column: [0.5, 0.5, 0.5, 0.5])
    let nominal = try LQRTask(A: a, B: b, Q: .identity(4), R: .identity(2), Sigma0: xbar * xbar.transposed)
    let set = try TaskSet([nominal] + (1..<10).map { _ in try nominal.perturbed(epsilon: 0.006, rng: &rng) })
    let settings = try RolloutSettings(samples: 20, radius: 0.005, horizon: 500, seed: 3)
    let seconds = try measure(budget: 2, minimumBatches: 3) {
        var oracle = RolloutOracle(settings: settings)
        for _ in 0..<200 { Sink.shared.value += try oracle.mamlGradient(set, k0, eta: 8e-6, method: .exact)[0, 0] }
    }
    report("zo_toso_200", seconds, reference: reference)
}

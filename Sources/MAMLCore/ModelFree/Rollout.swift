import Foundation

/// The cost of simulated rollouts of one task: what a model-free method
/// observes (docs/mathematics.md, "Model-free estimates").
///
/// A rollout of horizon H under u = −W x starts at x_0 and runs
///
///     x_{t+1} = (A − BW) x_t + w_t,     w_t ~ N(0, σ²I) (σ = `noise`),
///
/// and costs Ĉ = Σ_{t<H} x_tᵀ(Q + WᵀRW) x_t. With x_0 ~ N(0, Σ0) its
/// expectation is
///
///     C_H(W) = tr(P_H Σ0) + σ² Σ_{k=1}^{H−1} tr(P_k),   P_k = Σ_{j<k} A_Wᵀʲ (Q + WᵀRW) A_Wʲ,
///
/// the H-step truncation of C(W) = tr(P_W Σ0) plus the noise's own cost,
/// which grows like (H − 1)·σ² tr(P_W) (`expectedCost`).
///
/// A noise-free rollout's cost is a function of (W, x_0) alone,
/// x_0ᵀ P_H x_0; it is computed either by stepping the state or, when that
/// takes fewer operations (small n, long H), from P_H formed by repeated
/// squaring of the closed loop (P_{2k} = P_k + A_Wᵀᵏ P_k A_Wᵏ) — the same
/// number up to rounding, in O(n³ log H) instead of O(n² H). A noisy
/// rollout is stepped, drawing w_t from the generator it is given.
///
/// A continuous-time task is stepped as its sampled-data system at step dt
/// (`SampledRollout`: zero-order hold, integrated exactly): A − BW becomes
/// Φ − ΓW, Q + WᵀRW becomes [I; −W]ᵀN[I; −W], σ becomes σ√dt and H = T/dt,
/// so that Ĉ is the integral ∫₀^T xᵀQx + uᵀRu dt of the held loop; every
/// formula above holds for it as written.
struct RolloutSimulator {
    let task: LQRTask
    /// Steps (samples) of a rollout.
    let horizon: Int
    /// σ of the noise added at each step.
    let noise: Double
    /// σ_v of the measurement noise of an output-feedback task's outputs,
    /// y_t = C x_t + v_t, v_t ~ N(0, σ_v²I), read by u = −W y_t (0: none).
    let outputNoise: Double
    /// L with L Lᵀ = Σ0 (n × rank): x_0 = L z, z ~ N(0, I).
    let initialFactor: Matrix
    /// When Σ0 = x̄x̄ᵀ has rank one, every rollout starts at x̄ (its
    /// E[x_0 x_0ᵀ] is still Σ0): the fixed initial state of model-free papers.
    let fixedStart: Bool
    private let n: Int
    private let useSquaring: Bool
    /// Whether the closed loop itself is random (multiplicative noise): each
    /// step draws its ξ_k once, shared by every gain of a call.
    private let random: Bool
    /// The plant-and-filter rollouts of an LQG task (nil for other kinds).
    let lqg: LQGRollout?

    /// The sampled-data system of a continuous-time task (nil: discrete).
    let sampling: SampledRollout?

    /// The simulator of `settings`' rollouts of `task`.
    init(task: LQRTask, settings: RolloutSettings) throws {
        try self.init(task: task, horizon: settings.horizon, noise: settings.noise, dt: settings.dt,
                      outputNoise: settings.outputNoise)
    }

    /// Rollouts of `horizon` steps with process noise σ = `noise`. For a
    /// continuous-time task (`TaskKind.rolloutSampling`), `horizon` is the
    /// length in time T and the rollout steps its sampled-data system every
    /// dt (`RolloutSettings.dt` when nil) for H = T/dt samples, the noise
    /// entering at the samples with variance σ²·dt (the Euler–Maruyama
    /// step of dx = (Ax + Bu)dt + σ dβ). Throws `.invalidSetting` naming
    /// dt when a discrete task is given one, or naming horizon when T/dt is
    /// not a whole number of samples from 1 to `RolloutSettings.maxSamples`.
    /// `outputNoise` σ_v > 0 applies to an output-feedback task only
    /// (`OutputFeedbackKind`; else `.invalidSetting` naming output_noise).
    init(task: LQRTask, horizon: Int, noise: Double, dt: Double? = nil, outputNoise: Double = 0) throws {
        if outputNoise > 0 && !(task.kind is OutputFeedbackKind) {
            throw MAMLError.invalidSetting(name: "output_noise", message: "output_noise= is the noise of the outputs y = Cx + v that an output-feedback task's policy reads (task(…, C=C)); this task is \(task.kind.name)\(task.kind is LQGKind ? ": its measurement noise is its Vn" : "")")
        }
        self.outputNoise = outputNoise
        lqg = try LQGRollout(task: task, horizon: horizon)
        // The kind's random terms (multiplicative noise), or its refusal.
        random = lqg != nil ? false : !(try task.kind.rolloutTerms(task, W: Matrix(rows: task.m, cols: task.n)).isEmpty)
        let step = dt ?? RolloutSettings.dt.defaultValue
        let sampling = try task.kind.rolloutSampling(task, dt: step)
        if sampling != nil {
            let samples = Double(horizon) < step ? 0 : (Double(horizon) / step).rounded()
            guard samples >= 1, samples <= Double(RolloutSettings.maxSamples),
                  abs(samples * step - Double(horizon)) <= 1e-9 * Double(horizon) else {
                let what = samples < 1 ? "is shorter than one step dt = \(formatNumber(step))"
                    : samples > Double(RolloutSettings.maxSamples) ? "takes \(formatNumber(samples)) steps of dt = \(formatNumber(step)) (at most \(RolloutSettings.maxSamples))"
                    : "is not a whole number of steps dt = \(formatNumber(step))"
                throw MAMLError.invalidSetting(name: "horizon", message: "horizon = \(horizon) (the length in time of a rollout of a continuous-time task) \(what)")
            }
            self.horizon = Int(samples)
            self.noise = noise * step.squareRoot()
        } else {
            if dt != nil {
                throw MAMLError.invalidSetting(name: "dt", message: "dt= applies to rollouts of continuous-time tasks (this task is \(task.kind.name): its rollouts step it as it is)")
            }
            self.horizon = horizon
            self.noise = noise
        }
        self.sampling = sampling
        self.task = task
        n = task.n
        initialFactor = try RolloutSimulator.factor(task.Sigma0)
        fixedStart = initialFactor.cols == 1
        // Operations per rollout: stepping ≈ H·n²; squaring ≈ 3 n³ per level,
        // about 1.5·log₂H levels.
        let levels = 1.5 * Double(max(1, Int.bitWidth - self.horizon.leadingZeroBitCount))
        useSquaring = noise == 0 && outputNoise == 0 && !random && 3 * Double(n) * levels < Double(self.horizon)
    }

    /// An initial state: x̄ when Σ0 has rank one, else L z.
    func initialState(_ rng: inout Xoshiro256StarStar) -> [Double] {
        let r = initialFactor.cols
        if fixedStart { return (0..<n).map { initialFactor[$0, 0] } }
        let z = (0..<r).map { _ in rng.normal() }
        return (0..<n).map { i in (0..<r).reduce(0) { $0 + initialFactor[i, $1] * z[$1] } }
    }

    /// The costs of rollouts of the gains `gains` from one initial state x0,
    /// sharing one noise sequence drawn from `rng` (common random numbers:
    /// the rollouts of W + rU and W − rU see the same x0 and the same w_t).
    /// A rollout that blows up costs +∞.
    /// An LQG task's rollouts are `LQGRollout`'s (their average stage cost).
    func costs(_ gains: [Matrix], from x0: [Double], rng: inout Xoshiro256StarStar) -> [Double] {
        if let lqg { return lqg.costs(gains, from: x0, rng: &rng) }
        let loops = gains.map { ClosedLoop(task: task, W: $0, sampling: sampling, measured: outputNoise > 0) }
        if noise == 0 && outputNoise == 0 && !random {
            return loops.map { useSquaring ? $0.squaredCost(from: x0, horizon: horizon) : $0.steppedCost(from: x0, horizon: horizon) }
        }
        var states = Array(repeating: x0, count: loops.count)
        var next = [Double](repeating: 0, count: n)
        var totals = [Double](repeating: 0, count: loops.count)
        var w = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: outputNoise > 0 ? task.gainColumns : 0)
        var xi = [Double](repeating: 0, count: loops.first?.deviations.count ?? 0)
        for t in 0..<horizon {
            if outputNoise > 0 { for i in v.indices { v[i] = outputNoise * rng.normal() } }
            for (k, loop) in loops.enumerated() { totals[k] += loop.stageCost(states[k], measurementNoise: v) }
            if t == horizon - 1 { break }
            if random { for k in xi.indices { xi[k] = rng.normal() } }
            if noise > 0 { for i in 0..<n { w[i] = noise * rng.normal() } }
            for (k, loop) in loops.enumerated() {
                loop.step(states[k], xi: xi, into: &next)
                loop.addMeasurementInput(v, into: &next)
                for i in 0..<n { states[k][i] = next[i] + w[i] }
            }
        }
        return totals.indices.map { k in
            totals[k].isFinite && !ClosedLoop.diverged(states[k], from: x0, noise: noise) ? totals[k] : .infinity
        }
    }

    /// Σ_{t<H} x_t x_tᵀ along one rollout of W from x0 (stepped; noise from `rng`).
    func stateSum(_ W: Matrix, from x0: [Double], rng: inout Xoshiro256StarStar) -> Matrix {
        let loop = ClosedLoop(task: task, W: W, sampling: sampling, measured: outputNoise > 0)
        var x = x0, next = x0
        var sum = [Double](repeating: 0, count: n * n)
        var xi = [Double](repeating: 0, count: loop.deviations.count)
        var v = [Double](repeating: 0, count: outputNoise > 0 ? task.gainColumns : 0)
        for t in 0..<horizon {
            for j in 0..<n { for i in 0..<n { sum[j * n + i] += x[i] * x[j] } }
            if t == horizon - 1 { break }
            for k in xi.indices { xi[k] = rng.normal() }
            for i in v.indices { v[i] = outputNoise * rng.normal() }
            loop.step(x, xi: xi, into: &next)
            loop.addMeasurementInput(v, into: &next)
            for i in 0..<n { x[i] = next[i] + (noise > 0 ? noise * rng.normal() : 0) }
        }
        return Matrix(rows: n, cols: n, storage: sum)
    }

    /// C_H(W) = tr(P_H Σ0) + Σ_{k=1}^{H−1} tr(P_k Ω): the expectation of a
    /// rollout's cost (+∞ when it overflows), Ω = σ²I the covariance of the
    /// noise a step adds. With measurement noise (σ_v, an output-feedback
    /// task, u = −W(Cx + v)) a step also adds −BWv, so Ω = σ²I + σ_v²(BW)(BW)ᵀ,
    /// and each of the H stages costs σ_v² tr(WᵀRW) more.
    func expectedCost(_ W: Matrix) -> Double {
        let loop = ClosedLoop(task: task, W: W, sampling: sampling)
        var omega = noise * noise * Matrix.identity(n)
        var measurement = 0.0
        if outputNoise > 0 {
            let bw = task.B * W
            omega.addScaled(bw.timesTranspose(bw), outputNoise * outputNoise)
            measurement = outputNoise * outputNoise * W.transposeTimes(task.R * W).trace
        }
        var p = [Double](repeating: 0, count: n * n)       // P_k, k = 0, 1, …
        var total = Double(horizon) * measurement
        for k in 1...horizon {
            p = loop.lyapunovStep(p)                         // P_k = S + A_Wᵀ P_{k−1} A_W (+ Σ c_k M_kᵀ P_{k−1} M_k)
            if k < horizon { for j in 0..<n { for i in 0..<n { total += p[j * n + i] * omega[i, j] } } }
            if !p.allSatisfy(\.isFinite) { return .infinity }
        }
        for j in 0..<n { for i in 0..<n { total += p[j * n + i] * task.Sigma0[i, j] } }
        return total.isFinite ? total : .infinity
    }

    /// L (n × rank) with L Lᵀ = Σ0, by Cholesky with diagonal pivoting, which
    /// stops at the numerical rank: Σ0 may be singular (positive semidefinite).
    static func factor(_ sigma: Matrix) throws -> Matrix {
        let n = sigma.rows
        var a = sigma
        var columns: [[Double]] = []
        var remaining = Array(0..<n)
        let scale = (0..<n).reduce(0.0) { max($0, sigma[$1, $1]) }
        let tolerance = Double(n) * 1e-13 * scale
        while let pivot = remaining.max(by: { a[$0, $0] < a[$1, $1] }), a[pivot, pivot] > tolerance {
            let d = a[pivot, pivot].squareRoot()
            var column = [Double](repeating: 0, count: n)
            for i in remaining { column[i] = a[i, pivot] / d }
            for j in remaining { for i in remaining { a[i, j] -= column[i] * column[j] } }
            remaining.removeAll { $0 == pivot }
            columns.append(column)
        }
        if columns.isEmpty { throw MAMLError.invalidArgument("Sigma0 is zero: rollouts need E[x0 x0ᵀ] ≠ 0") }
        return Matrix(rows: n, cols: columns.count, storage: columns.flatMap { $0 })
    }
}

/// One closed loop A_W = A − BW with its stage weight S = Q + WᵀRW and the
/// kind's random terms M_k (standard deviations √c_k), as flat column-major
/// arrays for the tight loops of a rollout.
struct ClosedLoop {
    let n: Int
    let a: [Double]
    let s: [Double]
    /// The M_k of `TaskKind.rolloutTerms`, flat.
    let terms: [[Double]]
    /// √c_k.
    let deviations: [Double]
    /// c_k.
    let variances: [Double]
    /// With measurement noise (`measured`): −B·W (n × p), Kᵀ·R·W (n × p)
    /// and Wᵀ·R·W (p × p), flat; empty otherwise.
    let inputOfNoise: [Double], crossWeight: [Double], noiseWeight: [Double]
    /// Outputs p that the measurement noise enters (0 without it).
    let outputs: Int

    /// The closed loop of the policy W, through the task's gain map (state
    /// gain K = W·L); of the sampled-data system (Φ − ΓK, [I; −K]ᵀN[I; −K])
    /// when `sampling` is given; with `measured`, also the terms through
    /// which noise on the outputs W reads enters the state and the cost.
    init(task: LQRTask, W: Matrix, sampling: SampledRollout? = nil, measured: Bool = false) {
        n = task.n
        let k = task.stateGain(W)
        if measured {
            let rw = task.R * W
            inputOfNoise = Array((-(task.B * W)).storage)
            crossWeight = Array(k.transposeTimes(rw).storage)
            noiseWeight = Array(W.transposeTimes(rw).storage)
            outputs = W.cols
        } else {
            inputOfNoise = []; crossWeight = []; noiseWeight = []
            outputs = 0
        }
        if let sampling {
            a = Array(sampling.closedLoop(k).storage)
            s = Array(sampling.stageWeight(k).storage)
        } else {
            a = Array((task.A - task.B * k).storage)
            s = Array((task.Q + k.transposeTimes(task.R * k)).storage)
        }
        // The simulator's initializer has asked the kind already: it does not throw here.
        let random = (try? task.kind.rolloutTerms(task, W: k)) ?? []
        terms = random.map { Array($0.M.storage) }
        variances = random.map(\.c)
        deviations = variances.map { $0.squareRoot() }
    }

    /// out = A_W x + Σ_k ξ_k √c_k M_k x (ξ_k standard normal draws).
    func step(_ x: [Double], xi: [Double], into out: inout [Double]) {
        step(x, into: &out)
        for (k, m) in terms.enumerated() {
            let f = xi[k] * deviations[k]
            if f == 0 { continue }
            for j in 0..<n {
                let xj = f * x[j]
                for i in 0..<n { out[i] += m[j * n + i] * xj }
            }
        }
    }

    /// xᵀ S x.
    func stageCost(_ x: [Double]) -> Double {
        var total = 0.0
        for j in 0..<n {
            var sx = 0.0
            for i in 0..<n { sx += s[j * n + i] * x[i] }
            total += x[j] * sx
        }
        return total
    }

    /// The stage cost with measurement noise v (u = −Kx − Wv):
    /// xᵀSx + 2xᵀKᵀRWv + vᵀWᵀRWv; xᵀSx when v is empty.
    func stageCost(_ x: [Double], measurementNoise v: [Double]) -> Double {
        var total = stageCost(x)
        if v.isEmpty || outputs == 0 { return total }
        let p = outputs
        for j in 0..<p {
            var cross = 0.0, quad = 0.0
            for i in 0..<n { cross += x[i] * crossWeight[j * n + i] }
            for i in 0..<p { quad += v[i] * noiseWeight[j * p + i] }
            total += v[j] * (2 * cross + quad)
        }
        return total
    }

    /// out += −B·W·v, the input the measurement noise v causes (nothing when v is empty).
    func addMeasurementInput(_ v: [Double], into out: inout [Double]) {
        if v.isEmpty || outputs == 0 { return }
        for j in 0..<outputs {
            let vj = v[j]
            for i in 0..<n { out[i] += inputOfNoise[j * n + i] * vj }
        }
    }

    /// out = A_W x.
    func step(_ x: [Double], into out: inout [Double]) {
        for i in 0..<n { out[i] = 0 }
        for j in 0..<n {
            let xj = x[j]
            for i in 0..<n { out[i] += a[j * n + i] * xj }
        }
    }

    /// Σ_{t<H} x_tᵀ S x_t, stepping x_{t+1} = A_W x_t.
    func steppedCost(from x0: [Double], horizon: Int) -> Double {
        var x = x0, next = x0
        var total = 0.0
        for t in 0..<horizon {
            total += stageCost(x)
            if t == horizon - 1 { break }
            step(x, into: &next)
            swap(&x, &next)
            if !total.isFinite { return .infinity }
        }
        return total.isFinite && !ClosedLoop.diverged(x, from: x0) ? total : .infinity
    }

    /// Whether a rollout's last state is over `divergence` times as far from
    /// 0 as its first: the closed loop is unstable, and the cost, astronomically
    /// large though finite, would swamp any estimate built on it. It counts as
    /// blown up (+∞), which the estimators report.
    /// With noise, the scale is the larger of ‖x_0‖ and the noise's, σ√n.
    static func diverged(_ last: [Double], from first: [Double], noise: Double = 0) -> Bool {
        let a = last.reduce(0) { $0 + $1 * $1 }
        let b = max(first.reduce(0) { $0 + $1 * $1 }, noise * noise * Double(first.count))
        return !(a <= divergence * divergence * b)
    }

    /// See `diverged`: growth by 10⁶ (10¹² in cost) is instability, not a transient.
    static let divergence = 1e6

    /// x0ᵀ P_H x0 with P_H = Σ_{j<H} A_Wᵀʲ S A_Wʲ formed by repeated squaring:
    /// blocks (P_L, A_W^L) for L = 1, 2, 4, … are combined for the bits of H,
    /// (P_a, A^a) ∘ (P_L, A^L) = (P_a + (A^a)ᵀ P_L A^a, A^L A^a).
    func squaredCost(from x0: [Double], horizon: Int) -> Double {
        var blockP = s, blockA = a
        var sumP = [Double](repeating: 0, count: n * n)
        var sumA = identity
        var h = horizon
        var t1 = sumP, t2 = sumP
        while h > 0 {
            if h & 1 == 1 {
                multiply(blockP, sumA, into: &t1)                   // P_L A^a
                multiplyTransposed(sumA, t1, into: &t2)             // (A^a)ᵀ P_L A^a
                for k in 0..<(n * n) { sumP[k] += t2[k] }
                multiply(blockA, sumA, into: &t1)
                swap(&sumA, &t1)
            }
            h >>= 1
            if h == 0 { break }
            multiply(blockP, blockA, into: &t1)                     // P_L A^L
            multiplyTransposed(blockA, t1, into: &t2)               // (A^L)ᵀ P_L A^L
            for k in 0..<(n * n) { blockP[k] += t2[k] }
            multiply(blockA, blockA, into: &t1)
            swap(&blockA, &t1)
            if !(blockP.allSatisfy(\.isFinite) && blockA.allSatisfy(\.isFinite)) { return .infinity }
        }
        var total = 0.0
        for j in 0..<n {
            var px = 0.0
            for i in 0..<n { px += sumP[j * n + i] * x0[i] }
            total += x0[j] * px
        }
        // The last state is A^{H−1} x0; A^H x0 grows no slower when it diverges.
        let grown = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + sumA[$1 * n + i] * x0[$1] } }
        return total.isFinite && !ClosedLoop.diverged(grown, from: x0) ? total : .infinity
    }

    /// S + A_Wᵀ P A_W + Σ_k c_k M_kᵀ P M_k.
    func lyapunovStep(_ p: [Double]) -> [Double] {
        var t1 = [Double](repeating: 0, count: n * n), t2 = t1
        multiply(p, a, into: &t1)
        multiplyTransposed(a, t1, into: &t2)
        for k in 0..<(n * n) { t2[k] += s[k] }
        var t3 = t1
        for (k, m) in terms.enumerated() where variances[k] != 0 {
            multiply(p, m, into: &t1)
            multiplyTransposed(m, t1, into: &t3)
            for e in 0..<(n * n) { t2[e] += variances[k] * t3[e] }
        }
        return t2
    }

    private var identity: [Double] {
        var e = [Double](repeating: 0, count: n * n)
        for i in 0..<n { e[i * n + i] = 1 }
        return e
    }

    /// c = x·y (n×n, column-major).
    private func multiply(_ x: [Double], _ y: [Double], into c: inout [Double]) {
        for k in 0..<(n * n) { c[k] = 0 }
        for j in 0..<n {
            for l in 0..<n {
                let ylj = y[j * n + l]
                if ylj == 0 { continue }
                for i in 0..<n { c[j * n + i] += x[l * n + i] * ylj }
            }
        }
    }

    /// c = xᵀ·y.
    private func multiplyTransposed(_ x: [Double], _ y: [Double], into c: inout [Double]) {
        for j in 0..<n {
            for i in 0..<n {
                var sum = 0.0
                for l in 0..<n { sum += x[i * n + l] * y[j * n + l] }
                c[j * n + i] = sum
            }
        }
    }
}

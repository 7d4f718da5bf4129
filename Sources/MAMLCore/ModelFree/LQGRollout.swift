/// Rollouts of an LQG task (`LQGKind`): the plant with its process and
/// measurement noise, the steady-state Kalman filter running on the
/// measured outputs, and the policy acting on the filter's estimate —
/// the state is simulated but never read by the controller:
///
///     y_t = C x_t + v_t,                  v_t ~ N(0, Vn)
///     x̂_t = (I − LC)(A x̂_{t−1} + B u_{t−1}) + L y_t,   x̂_{−1} = 0, u_{−1} = 0
///     u_t = −K̃ S*† x̂_t
///     x_{t+1} = A x_t + B u_t + w_t,      w_t ~ N(0, Wn)
///
/// from x_0 drawn with covariance Σ0 (= Σ_ν). A rollout's cost is its
/// average stage cost (1/H) Σ_{t<H} y_tᵀQ_y y_t + u_tᵀRu_t, an estimate of
/// the physical average cost J(K̃) + tr(CᵀQ_yC·Z) + tr(Q_yVn) (biased by
/// O(1/H) from the start): its gradient in K̃ is ∇J(K̃), the constant
/// does not depend on K̃. The rollouts of one call share x_0, v_t and w_t
/// (common random numbers).
struct LQGRollout {
    let horizon: Int
    let n: Int, m: Int, q: Int
    let a: Matrix, b: Matrix, c: Matrix
    /// (I − LC), L.
    let ilc: Matrix, gain: Matrix
    let qy: Matrix, r: Matrix
    /// Factors of Wn and Vn (F Fᵀ = Wn, Vn).
    let processFactor: Matrix, measurementFactor: Matrix
    let task: LQRTask

    init?(task: LQRTask, horizon: Int) throws {
        guard let kind = task.kind as? LQGKind, let lifting = kind.lifting else { return nil }
        self.task = task
        self.horizon = horizon
        n = task.n; m = task.m; q = kind.C.rows
        a = task.A; b = task.B; c = kind.C
        gain = lifting.kalmanGain
        ilc = Matrix.identity(task.n) - lifting.kalmanGain * kind.C
        qy = kind.Qy; r = task.R
        processFactor = kind.Wn.maxAbs == 0 ? Matrix(rows: task.n, cols: 1) : try RolloutSimulator.factor(kind.Wn)
        measurementFactor = try RolloutSimulator.factor(kind.Vn)
    }

    /// The average stage costs of rollouts of the policies `gains` (+∞ for one that blows up).
    func costs(_ gains: [Matrix], from x0: [Double], rng: inout Xoshiro256StarStar) -> [Double] {
        let ks = gains.map { task.stateGain($0) }
        let start = Matrix(column: x0)
        var xs = Array(repeating: start, count: ks.count)
        var estimates = Array(repeating: Matrix(rows: n, cols: 1), count: ks.count)
        var inputs = Array(repeating: Matrix(rows: m, cols: 1), count: ks.count)
        var totals = [Double](repeating: 0, count: ks.count)
        let scale = Swift.max(start.frobeniusNorm, 1)
        for _ in 0..<horizon {
            let v = measurementFactor * Matrix(column: (0..<measurementFactor.cols).map { _ in rng.normal() })
            let w = processFactor * Matrix(column: (0..<processFactor.cols).map { _ in rng.normal() })
            for k in ks.indices where totals[k].isFinite {
                let y = c * xs[k] + v
                estimates[k] = ilc * (a * estimates[k] + b * inputs[k]) + gain * y
                let u = -(ks[k] * estimates[k])
                inputs[k] = u
                totals[k] += y.dot(qy * y) + u.dot(r * u)
                xs[k] = a * xs[k] + b * u + w
                if !(xs[k].frobeniusNorm <= ClosedLoop.divergence * scale) { totals[k] = .infinity }
            }
        }
        return totals.map { $0.isFinite ? $0 / Double(horizon) : .infinity }
    }
}

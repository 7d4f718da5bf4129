/// The settings of the model-free (zeroth-order) gradient estimate.
public struct ZerothOrderSettings: Sendable, Equatable {
    /// Random directions per gradient estimate (N).
    public var samples: Int
    /// Smoothing radius r (Frobenius norm of each perturbation of W).
    public var radius: Double
    /// Steps of each simulated rollout (H).
    public var horizon: Int
    /// Seed of the generator that draws directions and initial states.
    public var seed: UInt64

    public init(samples: Int = 100, radius: Double = 0.05, horizon: Int = 100, seed: UInt64 = 0) {
        self.samples = samples
        self.radius = radius
        self.horizon = horizon
        self.seed = seed
    }

    /// Throws unless every setting is in its domain.
    public func validate() throws {
        if samples < 1 || samples > 1_000_000 {
            throw MAMLError.invalidArgument("samples must be between 1 and 1000000 (it is \(samples))")
        }
        if !(radius > 0) || !radius.isFinite {
            throw MAMLError.invalidArgument("radius must be a positive number (it is \(formatNumber(radius)))")
        }
        if horizon < 1 || horizon > 1_000_000 {
            throw MAMLError.invalidArgument("horizon must be between 1 and 1000000 (it is \(horizon))")
        }
    }
}

/// Model-free gradients from simulated rollouts (Fazel, Ge, Kakade &
/// Mesbahi 2018, §4; the two-point form of Malik et al. 2019), and the
/// model-free MAML gradient built from them (Toso, Zhan, Anderson & Wang
/// 2024, "Meta-Learning LQR: a policy gradient MAML approach").
///
/// A rollout from x0 ~ N(0, Σ0) under u = −Wx costs
/// Ĉ(W; x0) = Σ_{t<H} x_tᵀ(Q + WᵀRW)x_t with x_{t+1} = (A − BW)x_t, an
/// estimate of C(W) = E[Σ_t x_tᵀ(Q + WᵀRW)x_t] truncated at H steps. With
/// U_j uniform on the unit sphere of R^{m×n} (d = mn entries) and one x0_j
/// per direction, shared by both sides,
///
///     ∇̂C(W) = d/(2rN) · Σ_j (Ĉ(W + rU_j; x0_j) − Ĉ(W − rU_j; x0_j)) · U_j,
///
/// an estimate of the gradient of the r-smoothed cost. The model-free MAML
/// gradient uses only such estimates (no Hessian, which a zeroth-order
/// oracle does not give):
///
///     ∇̂F(W) = Σ_i ∇̂C_i(W − η ∇̂C_i(W)).
///
/// The model (A_i, B_i) is used only to simulate the rollouts.
public struct ZerothOrderEstimator {
    public let settings: ZerothOrderSettings
    private var rng: Xoshiro256StarStar

    public init(settings: ZerothOrderSettings) {
        self.settings = settings
        self.rng = Xoshiro256StarStar(seed: settings.seed)
    }

    /// ∇̂C(W) of one task.
    public mutating func gradient(_ task: LQRTask, _ W: Matrix) throws -> Matrix {
        try task.requireGain(W)
        let d = Double(W.count)
        let root = try task.initialStateFactor()
        var sum = Matrix(rows: W.rows, cols: W.cols)
        for _ in 0..<settings.samples {
            let u = unitDirection(rows: W.rows, cols: W.cols)
            let x0 = root * Matrix(rows: task.n, cols: 1, storage: (0..<task.n).map { _ in rng.normal() })
            let step = settings.radius * u
            let plus = rolloutCost(task, W + step, x0)
            let minus = rolloutCost(task, W - step, x0)
            sum += (plus - minus) * u
        }
        let g = (d / (2 * settings.radius * Double(settings.samples))) * sum
        if !g.isFinite {
            throw MAMLError.invalidArgument("the zeroth-order gradient estimate overflowed (rollouts of \(settings.horizon) steps blow up near W; use a smaller radius or horizon)")
        }
        return g
    }

    /// ∇̂F(W) = Σ_i ∇̂C_i(W − η∇̂C_i(W)).
    public mutating func mamlGradient(_ set: TaskSet, _ W: Matrix, eta: Double) throws -> Matrix {
        try set.requireGain(W)
        try MAMLPoint.requireStep(eta, name: "eta")
        var total = Matrix(rows: W.rows, cols: W.cols)
        for task in set.tasks {
            let adapted = W - eta * (try gradient(task, W))
            total += try gradient(task, adapted)
        }
        return total
    }

    /// Ĉ(W; x0): the cost of one simulated rollout of `horizon` steps.
    func rolloutCost(_ task: LQRTask, _ W: Matrix, _ x0: Matrix) -> Double {
        let closedLoop = task.closedLoop(W)
        let weight = task.Q + W.transposeTimes(task.R * W)
        var x = x0
        var cost = 0.0
        for _ in 0..<settings.horizon {
            cost += x.dot(weight * x)
            x = closedLoop * x
            if !cost.isFinite { break }
        }
        return cost
    }

    /// A direction uniform on the unit sphere of R^{rows×cols} (normalized Gaussian).
    mutating func unitDirection(rows: Int, cols: Int) -> Matrix {
        while true {
            let g = Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.normal() })
            let norm = g.frobeniusNorm
            if norm > 1e-12 { return (1 / norm) * g }
        }
    }
}

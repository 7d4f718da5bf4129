/// What a model-free rollout of a continuous-time task steps (docs/mathematics.md,
/// "Model-free estimates"): the sampled-data system of ẋ = Ax + Bu with the
/// gain applied at the samples t_k = k·dt and held between them (zero-order
/// hold, u(t) = −W·x_k on [t_k, t_k + dt)), integrated exactly:
///
///     x_{k+1} = (Φ − Γ·W)·x_k,     Φ = e^{A·dt},  Γ = ∫₀^dt e^{A·s} ds·B,
///     ∫_{t_k}^{t_{k+1}} xᵀQx + uᵀRu dt = z_kᵀ·N·z_k,   z_k = [x_k; u_k] = [I; −W]·x_k,
///
/// with N = ∫₀^dt e^{Mᵀs}·diag(Q, 0)·e^{Ms} ds + diag(0, R·dt) and
/// M = [A B; 0 0], so that e^{M·s} = [Φ(s) Γ(s); 0 I]. Φ, Γ and N do not
/// depend on W: one matrix exponential per task and step, by Van Loan's
/// method (Van Loan, "Computing integrals involving the matrix
/// exponential", IEEE TAC 1978): for the 2(n+m)×2(n+m) matrix
/// C = [−Mᵀ diag(Q, 0); 0 M]·dt, e^C = [F11 F12; 0 F22] with F22 = e^{M·dt}
/// and F22ᵀ·F12 = ∫₀^dt e^{Mᵀs}·diag(Q, 0)·e^{Ms} ds.
///
/// A rollout of H = T/dt samples thus costs exactly ∫₀^T xᵀQx + uᵀRu dt of
/// the sampled-data loop: no quadrature error; it differs from C(W) by the
/// hold (O(dt)) and the truncation at T, and tends to C(W) as dt → 0 and T → ∞.
public struct SampledRollout: Sendable {
    /// The sampling step dt.
    public let dt: Double
    /// Φ = e^{A·dt}.
    public let phi: Matrix
    /// Γ = ∫₀^dt e^{A·s} ds·B.
    public let gamma: Matrix
    /// N, (n+m)×(n+m): the cost of one step is [x; u]ᵀ·N·[x; u].
    public let weight: Matrix

    /// Φ, Γ and N of `task` (its A, B, Q, R) at step `dt` (> 0, finite).
    public init(task: LQRTask, dt: Double) throws {
        let n = task.n, m = task.m, k = n + m
        var c = Matrix(rows: 2 * k, cols: 2 * k)
        for j in 0..<n {
            for i in 0..<n {
                c[j, i] = -task.A[i, j] * dt            // −Mᵀ: the A block transposed
                c[k + i, k + j] = task.A[i, j] * dt     // M: A
                c[i, k + j] = task.Q[i, j] * dt         // diag(Q, 0)
            }
            for i in 0..<m {
                c[n + i, j] = -task.B[j, i] * dt        // −Mᵀ: Bᵀ below Aᵀ
            }
        }
        for j in 0..<m { for i in 0..<n { c[k + i, k + n + j] = task.B[i, j] * dt } }   // M: B
        let e = try c.exponential()
        var f12 = Matrix(rows: k, cols: k), f22 = Matrix(rows: k, cols: k)
        for j in 0..<k {
            for i in 0..<k {
                f12[i, j] = e[i, k + j]
                f22[i, j] = e[k + i, k + j]
            }
        }
        var weight = f22.transposeTimes(f12)
        for j in 0..<m { for i in 0..<m { weight[n + i, n + j] += task.R[i, j] * dt } }
        self.weight = weight.symmetrized
        self.phi = Matrix(rows: n, cols: n, storage: (0..<(n * n)).map { f22[$0 % n, $0 / n] })
        self.gamma = Matrix(rows: n, cols: m, storage: (0..<(n * m)).map { f22[$0 % n, n + $0 / n] })
        self.dt = dt
    }

    /// Φ − Γ·W, the sampled closed loop.
    public func closedLoop(_ W: Matrix) -> Matrix { phi - gamma * W }

    /// [I; −W]ᵀ·N·[I; −W], the weight of x_k in one step's cost.
    public func stageWeight(_ W: Matrix) -> Matrix {
        let n = phi.rows, m = gamma.cols
        var lift = Matrix(rows: n + m, cols: n)
        for i in 0..<n { lift[i, i] = 1 }
        for j in 0..<n { for i in 0..<m { lift[n + i, j] = -W[i, j] } }
        return lift.transposeTimes(weight * lift).symmetrized
    }
}

/// The experiment of Section V of Musavi & Dullerud, "Convergence of
/// Gradient-based MAML in LQR": A = [1.5 0; 0 −2], B = [0.5; 0.5], tasks
/// Q_i = a1·Q̄1 + a2·Q̄2 and R_i = 2·a3 + 0.1·a4, Σ0 = I.
public enum PaperSystem {
    /// A = [1.5 0; 0 −2].
    public static let A = Matrix(rows: 2, cols: 2, storage: [1.5, 0, 0, -2])
    /// B = [0.5; 0.5].
    public static let B = Matrix(rows: 2, cols: 1, storage: [0.5, 0.5])
    /// Q̄1 = [0.01 −0.5; −0.5 200].
    public static let Q1 = Matrix(rows: 2, cols: 2, storage: [0.01, -0.5, -0.5, 200])
    /// Q̄2 = [200 1; 1 0.01].
    public static let Q2 = Matrix(rows: 2, cols: 2, storage: [200, 1, 1, 0.01])

    /// The task of mixing coefficients (a1, a2, a3, a4).
    public static func task(_ a: [Double]) throws -> LQRTask {
        guard a.count == 4 else {
            throw MAMLError.invalidArgument("a paper task needs four coefficients a1…a4 (got \(a.count))")
        }
        return try LQRTask(A: A, B: B, Q: a[0] * Q1 + a[1] * Q2, R: Matrix(scalar: 2 * a[2] + 0.1 * a[3]))
    }

    /// K tasks with coefficients drawn uniformly from (0, 10) by `rng`.
    public static func tasks(count: Int, rng: inout Xoshiro256StarStar) throws -> TaskSet {
        try TaskSet((0..<count).map { _ in try task((0..<4).map { _ in rng.uniform(0, 10) }) })
    }
}

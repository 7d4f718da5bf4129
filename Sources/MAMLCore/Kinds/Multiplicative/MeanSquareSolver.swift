/// The closed-loop equations of a discrete system with multiplicative noise
/// (Gravell, Mohajerin Esfahani & Summers, IEEE TAC 2021), on one
/// factorization: with the second-moment operator
///
///     𝓛(X) = A_W·X·A_Wᵀ + Σ_k c_k·M_k·X·M_kᵀ
///
/// (the terms (M_k, c_k) are (A_i, α_i) and (B_j·W, β_j)), the state
/// equation is X = 𝓛(X) + S and the value equation X = 𝓛*(X) + S with the
/// adjoint 𝓛*(X) = A_WᵀXA_W + Σ_k c_k·M_kᵀ·X·M_k. W is mean-square
/// stabilizing exactly when ρ(𝓛) < 1; ρ(𝓛) is the stability radius.
///
/// Method: the Kronecker form. 𝓛 acts on vec(X) as the n²×n² matrix
/// K = A_W ⊗ A_W + Σ_k c_k·M_k ⊗ M_k; ρ(K) from its eigenvalues (LAPACK
/// dgeev), I − K factorized once (dgetrf) and both equations solved on the
/// factors (dgetrs, the value equation transposed). For n ≤ `kroneckerLimit`.
public final class MeanSquareSolver: ClosedLoopEquations {
    /// The largest state dimension solved (K is n²×n², its eigenvalues O(n⁶)).
    public static let kroneckerLimit = 20

    /// Order n.
    public let n: Int
    /// ρ(𝓛), the mean-square stability radius (< 1).
    public let stabilityRadius: Double
    private let lu: LUFactorization

    /// Factorizes the operator of the closed loop `closedLoop` with noise
    /// `terms`; throws `.notStabilizing(task, ρ(𝓛), .meanSquare)` when ρ(𝓛) ≥ 1.
    public init(closedLoop: Matrix, terms: [(M: Matrix, c: Double)], task: Int?) throws {
        let k = try MeanSquareSolver.operatorMatrix(closedLoop: closedLoop, terms: terms)
        let rho = try k.spectralRadius()
        if !(rho < 1) { throw MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare) }
        let n2 = k.rows
        var iMinusK = -1 * k
        for i in 0..<n2 { iMinusK[i, i] += 1 }
        do {
            lu = try iMinusK.luFactorization(name: "I − 𝓛")
        } catch MAMLError.singular {
            throw MAMLError.notStabilizing(task: task, rho: rho, measure: .meanSquare)
        }
        n = closedLoop.rows
        stabilityRadius = rho
    }

    /// ρ(𝓛) alone.
    public static func radius(closedLoop: Matrix, terms: [(M: Matrix, c: Double)]) throws -> Double {
        try operatorMatrix(closedLoop: closedLoop, terms: terms).spectralRadius()
    }

    /// K = A_W ⊗ A_W + Σ c_k M_k ⊗ M_k, acting on vec(X) (columns stacked).
    static func operatorMatrix(closedLoop: Matrix, terms: [(M: Matrix, c: Double)]) throws -> Matrix {
        let n = closedLoop.rows
        if n > kroneckerLimit {
            throw MAMLError.invalidArgument("a multiplicative-noise task is solved in Kronecker form, for n ≤ \(kroneckerLimit) (this one has n = \(n))")
        }
        let n2 = n * n
        var k = Matrix(rows: n2, cols: n2)
        func add(_ m: Matrix, _ c: Double) {
            // (M X Mᵀ)[i, j] = Σ_{p,q} M[i, p] X[p, q] M[j, q]
            for q in 0..<n { for p in 0..<n {
                let col = p + q * n
                for j in 0..<n {
                    let mjq = c * m[j, q]
                    if mjq == 0 { continue }
                    for i in 0..<n { k[i + j * n, col] += m[i, p] * mjq }
                }
            } }
        }
        add(closedLoop, 1)
        for t in terms where t.c != 0 { add(t.M, t.c) }
        return k
    }

    /// 1 − ρ(𝓛).
    public var stabilityMargin: Double { 1 - stabilityRadius }

    /// X solving X = 𝓛*(X) + S.
    public func solveValue(_ S: Matrix) throws -> Matrix { try solve(S, transposed: true) }
    /// X solving X = 𝓛(X) + S.
    public func solveState(_ S: Matrix) throws -> Matrix { try solve(S, transposed: false) }

    private func solve(_ S: Matrix, transposed: Bool) throws -> Matrix {
        try S.requireShape("S", rows: n, cols: n, reason: "to match A − BW")
        let x = lu.solve(Matrix(rows: n * n, cols: 1, storage: S.storage.array), transposed: transposed)
        return Matrix(rows: n, cols: n, storage: x.storage.array)
    }
}

extension StabilityMeasure {
    /// ρ_ms(A − BW), the spectral radius of the second-moment operator 𝓛 (multiplicative noise).
    public static let meanSquare = StabilityMeasure(head: "ρ_ms", logarithmic: false)
}

/// A factorization of A that solves the discrete Lyapunov (Stein) equations
///
///     X = A·X·Aᵀ + Q        (`solve`)
///     X = Aᵀ·X·A + Q        (`solveTransposed`)
///
/// for as many right-hand sides Q as wanted. Both have a unique solution
/// exactly when λ_i(A)·λ_j(A) ≠ 1 for every pair of eigenvalues; when A is
/// stable (ρ(A) < 1) it is X = Σ_k A^k Q (Aᵀ)^k, symmetric positive
/// (semi)definite with Q.
///
/// Method (as SLICOT and MatrixEquations.jl do): reduce A once to real Schur
/// form A = U·T·Uᵀ (LAPACK dgees), transform Q̃ = Uᵀ·Q·U, back-substitute the
/// quasi-triangular equation Ỹ = T·Ỹ·Tᵀ + Q̃ over T's 1×1 and 2×2 blocks
/// (Bartels & Stewart 1972; Kitagawa 1977), and return X = U·Ỹ·Uᵀ. The
/// transposed equation reuses the same factorization: with J the reversal
/// permutation, J·Tᵀ·J is again upper quasi-triangular and U·J its basis.
///
/// For n ≤ `kroneckerLimit` the solver instead factorizes the n²×n² system
/// (I − A ⊗ A)·vec(X) = vec(Q) once, which `mamlbench` shows is faster at
/// those sizes (the paper's problem has n = 2); both paths pass the same tests.
///
/// Example: `try SteinSolver(A).solve(Q)` is SciPy's
/// `solve_discrete_lyapunov(A, Q)` and Octave's `dlyap(A, Q)`.
public final class SteinSolver: Sendable {
    /// How the equation is solved.
    public enum Method: Sendable {
        /// Real Schur form and quasi-triangular back-substitution.
        case schur
        /// LU of the n²×n² Kronecker system (small n only).
        case kronecker
    }

    /// Largest n for which `.kronecker` is chosen automatically.
    public static let kroneckerLimit = 3

    /// Order of A.
    public let n: Int
    /// The method in use.
    public let method: Method
    /// Eigenvalues of A.
    public let eigenvalues: [Eigenvalue]
    /// ρ(A) = max |λ_i(A)|.
    public let spectralRadius: Double

    /// The factorization in use.
    private enum Factorization {
        case schur(SchurStein)
        case kronecker(SmallLU)
    }
    private let factorization: Factorization

    /// Factorizes A (square, finite). Throws `.steinSingular` when some
    /// λ_i·λ_j = 1, so that the equations have no unique solution.
    public convenience init(_ A: Matrix, method: Method? = nil) throws {
        try self.init(A, method: method, stableFor: nil)
    }

    /// Factorizes A, which must be stable: throws `.notStabilizing(task, ρ)`
    /// when ρ(A) ≥ 1 — or when ρ(A) is 1 to rounding, so that the equations
    /// are numerically singular — before any factorization that would fail
    /// on it. This is how the LQR formulas factorize a closed loop A − BW.
    public convenience init(stableClosedLoop A: Matrix, task: Int?, method: Method? = nil) throws {
        try self.init(A, method: method, stableFor: .some(task))
    }

    /// Factorizes A. With `stableFor` set (to the task index, or nil for a
    /// lone task), A must be stable; otherwise the solution must be unique.
    private init(_ A: Matrix, method: Method?, stableFor: Int??) throws {
        try A.requireSquare("A")
        try A.requireFinite("A")
        n = A.rows
        let chosen = method ?? (A.rows <= SteinSolver.kroneckerLimit ? .kronecker : .schur)
        self.method = chosen
        let lambdas: [Eigenvalue]
        var schur: SchurStein?
        switch chosen {
        case .schur:
            let f = try SchurStein(A)
            schur = f
            lambdas = f.eigenvalues
        case .kronecker:
            lambdas = try A.eigenvalues()
        }
        let rho = MAMLCore.spectralRadius(of: lambdas)
        if let task = stableFor {
            if !(rho < 1) { throw MAMLError.notStabilizing(task: task, rho: rho) }
        } else {
            try SteinSolver.requireUniqueSolution(lambdas)
        }
        if let schur {
            factorization = .schur(schur)
        } else {
            guard let lu = SmallLU(SteinSolver.kroneckerOperator(A), k: A.rows * A.rows) else {
                if let task = stableFor { throw MAMLError.notStabilizing(task: task, rho: rho) }
                throw MAMLError.steinSingular("I − A ⊗ A is singular (A has eigenvalues with λ_i·λ_j = 1)")
            }
            factorization = .kronecker(lu)
        }
        eigenvalues = lambdas
        spectralRadius = rho
    }

    /// Throws unless |1 − λ_i·λ_j| is clear of zero for every pair.
    static func requireUniqueSolution(_ lambdas: [Eigenvalue]) throws {
        for (i, a) in lambdas.enumerated() {
            for b in lambdas[i...] {
                let product = a.times(b)
                if Eigenvalue(re: 1 - product.re, im: -product.im).magnitude < 1e-12 {
                    throw MAMLError.steinSingular(
                        "A has eigenvalues \(a) and \(b) whose product is 1")
                }
            }
        }
    }

    /// I − A ⊗ A, column-major, acting on vec(X) (columns stacked).
    public static func kroneckerOperator(_ A: Matrix) -> MatrixStorage {
        let n = A.rows, k = n * n
        var m = MatrixStorage(repeating: 0, count: k * k)
        // (A X Aᵀ)[i, j] = Σ_{p,q} A[i, p] X[p, q] A[j, q]
        for q in 0..<n { for p in 0..<n {
            let col = p + q * n
            for j in 0..<n { for i in 0..<n {
                let row = i + j * n
                m[row + col * k] = (row == col ? 1 : 0) - A[i, p] * A[j, q]
            } }
        } }
        return m
    }

    /// X solving X = A·X·Aᵀ + Q.
    public func solve(_ Q: Matrix) throws -> Matrix {
        try Q.requireShape("Q", rows: n, cols: n, reason: "to match A")
        switch factorization {
        case .kronecker(let lu): return Matrix(rows: n, cols: n, entries: lu.solve(Q.storage))
        case .schur(let f): return try f.forward.solve(Q)
        }
    }

    /// X solving X = Aᵀ·X·A + Q.
    public func solveTransposed(_ Q: Matrix) throws -> Matrix {
        try Q.requireShape("Q", rows: n, cols: n, reason: "to match A")
        switch factorization {
        case .kronecker(let lu): return Matrix(rows: n, cols: n, entries: lu.solve(Q.storage, transposed: true))
        case .schur(let f): return try f.reversed.solve(Q)
        }
    }
}

/// The Schur path: one dgees, two orientations of the quasi-triangular kernel.
private struct SchurStein: Sendable {
    /// Solves X = U·T·Uᵀ-form equations: Ỹ = T·Ỹ·Tᵀ + Uᵀ·Q·U, X = U·Ỹ·Uᵀ.
    struct Oriented: Sendable {
        let kernel: QuasiTriangularStein
        let U: Matrix

        func solve(_ Q: Matrix) throws -> Matrix {
            var c = U.transposeTimes(Q * U).storage.array
            try kernel.solve(inPlace: &c)
            return U * Matrix(rows: U.rows, cols: U.rows, storage: c).timesTranspose(U)
        }
    }

    let forward: Oriented
    let reversed: Oriented
    let eigenvalues: [Eigenvalue]

    init(_ A: Matrix) throws {
        let f = try RealSchur(A)
        let n = A.rows
        eigenvalues = f.eigenvalues
        forward = Oriented(kernel: QuasiTriangularStein(f.T), U: f.U)
        // Aᵀ = U·Tᵀ·Uᵀ = (U·J)·(J·Tᵀ·J)·(U·J)ᵀ with J·Tᵀ·J upper quasi-triangular.
        var tr = Matrix(rows: n, cols: n)
        var ur = Matrix(rows: n, cols: n)
        for j in 0..<n {
            for i in 0..<n {
                tr[i, j] = f.T[n - 1 - j, n - 1 - i]
                ur[i, j] = f.U[i, n - 1 - j]
            }
        }
        reversed = Oriented(kernel: QuasiTriangularStein(tr), U: ur)
    }
}


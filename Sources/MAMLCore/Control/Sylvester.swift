import CLapack

/// The linear matrix equations of control, at matrix level (as
/// MatrixEquations.jl's `lyapc`, `lyapd`, `sylvc`, `sylvd`), with Octave's
/// names and argument orders:
///
/// | Octave            | equation                     | function                      |
/// |-------------------|------------------------------|-------------------------------|
/// | `lyap(A, Q)`      | A X + X Aᵀ + Q = 0           | `continuousLyapunov(A:Q:)`    |
/// | `lyap(A, B, C)`   | A X + X B + C = 0            | `continuousSylvester(A:B:C:)` |
/// | `dlyap(A, Q)`     | A X Aᵀ − X + Q = 0           | `discreteLyapunov(A:Q:)`      |
/// | `dlyap(A, B, C)`  | A X B − X + C = 0            | `discreteSylvester(A:B:C:)`   |
///
/// Method: Bartels–Stewart (R. H. Bartels and G. W. Stewart, "Algorithm 432:
/// Solution of the matrix equation AX + XB = C", CACM 15(9), 1972): reduce A
/// and B to real Schur form (LAPACK dgees), transform C, solve the
/// quasi-triangular equation by back-substitution over the 1×1 and 2×2
/// diagonal blocks — LAPACK dtrsyl for the continuous equations, the
/// discrete analogue (Kitagawa 1977; the kernel below) for the discrete
/// ones — and transform back. About 25n³ operations for the Schur forms and
/// n³ for the rest; no Kronecker systems.
public enum MatrixEquations {
    /// X solving the continuous Lyapunov equation A X + X Aᵀ + Q = 0
    /// (Octave's `lyap(A, Q)`; SciPy's `solve_continuous_lyapunov(A, −Q)`).
    ///
    /// The solution is unique exactly when λ_i(A) + λ_j(A) ≠ 0 for every
    /// pair of eigenvalues; for a stable A (Re λ < 0) and Q ⪰ 0 it is
    /// X = ∫₀^∞ e^{At} Q e^{Aᵀt} dt ⪰ 0. One real Schur form A = U T Uᵀ
    /// serves both sides: T Y + Y Tᵀ = −Uᵀ Q U by dtrsyl (tranb = "T"),
    /// X = U Y Uᵀ, symmetrized when Q is symmetric.
    ///
    /// Throws `.argument` for shapes (naming A or Q), `.notFinite`, and
    /// `.noUniqueSolution` when A has eigenvalues with λ_i + λ_j = 0 (to
    /// working precision).
    public static func continuousLyapunov(A: Matrix, Q: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(Q, "Q", rows: A.rows, cols: A.rows, reason: "to match A")
        let n = A.rows
        if n == 0 { return Matrix(rows: 0, cols: 0) }
        let schur = try RealSchur(A)
        var f = -(schur.U.transposeTimes(Q * schur.U))
        let scale = try trsyl(schur.T, schur.T, &f, tranb: "T",
                              what: "A X + X Aᵀ + Q = 0 has no unique solution: A has eigenvalues λ_i, λ_j with λ_i + λ_j = 0")
        let x = (1 / scale) * (schur.U * f.timesTranspose(schur.U))
        return Q.isSymmetric(tolerance: 0) ? x.symmetrized : x
    }

    /// X solving the Sylvester equation A X + X B + C = 0 (Octave's
    /// `lyap(A, B, C)`; SciPy's `solve_sylvester(A, B, −C)`), A n×n, B m×m,
    /// C n×m.
    ///
    /// The solution is unique exactly when λ_i(A) + μ_j(B) ≠ 0 for all i, j.
    /// Schur forms A = U T Uᵀ and B = V S Vᵀ; T Y + Y S = −Uᵀ C V by LAPACK
    /// dtrsyl; X = U Y Vᵀ (Bartels & Stewart 1972).
    ///
    /// Throws `.argument` for shapes (naming A, B or C), `.notFinite`, and
    /// `.noUniqueSolution` when A and −B share an eigenvalue.
    public static func continuousSylvester(A: Matrix, B: Matrix, C: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.squareFinite(B, "B")
        try ArgumentCheck.shape(C, "C", rows: A.rows, cols: B.rows, reason: "to match A and B")
        if A.rows == 0 || B.rows == 0 { return Matrix(rows: A.rows, cols: B.rows) }
        let sa = try RealSchur(A), sb = try RealSchur(B)
        var f = -(sa.U.transposeTimes(C * sb.U))
        let scale = try trsyl(sa.T, sb.T, &f, tranb: "N",
                              what: "A X + X B + C = 0 has no unique solution: A and −B have a common eigenvalue")
        return (1 / scale) * (sa.U * f.timesTranspose(sb.U))
    }

    /// X solving the discrete Lyapunov (Stein) equation A X Aᵀ − X + Q = 0
    /// (Octave's `dlyap(A, Q)`, SciPy's `solve_discrete_lyapunov(A, Q)`),
    /// by `SteinSolver` (Bartels–Stewart / Kitagawa on the real Schur form).
    /// Unique exactly when λ_i(A)·λ_j(A) ≠ 1. Throws `.argument` for shapes,
    /// `.notFinite`, `.noUniqueSolution` when some λ_i·λ_j = 1.
    public static func discreteLyapunov(A: Matrix, Q: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(Q, "Q", rows: A.rows, cols: A.rows, reason: "to match A")
        do {
            return try SteinSolver(A).solve(Q)
        } catch MAMLError.steinSingular(let why) {
            throw MAMLError.noUniqueSolution("A X Aᵀ − X + Q = 0 has no unique solution: \(why)")
        }
    }

    /// X solving the discrete Sylvester equation A X B − X + C = 0 (Octave's
    /// `dlyap(A, B, C)`, SLICOT sb04qd's equation), A n×n, B m×m, C n×m.
    ///
    /// The solution is unique exactly when λ_i(A)·μ_j(B) ≠ 1 for all i, j.
    /// Schur forms A = U T Uᵀ, B = V S Vᵀ; with Y = Uᵀ X V the equation is
    /// T Y S − Y = −Uᵀ C V, solved column block by column block of S
    /// (forward) and row block by row block of T (backward): for blocks I, J
    ///
    ///     T_II·Y_IJ·S_JJ − Y_IJ = F_IJ − T_II·W_I − Σ_{L>I} T_IL·Z_L
    ///
    /// with W = Σ_{K<J} Y_K S_KJ and Z_L = Y_LJ S_JJ + W_L, a system of at
    /// most 4 unknowns (the discrete analogue of Bartels–Stewart; Kitagawa
    /// 1977 for B = Aᵀ). Throws as `continuousSylvester`, with
    /// `.noUniqueSolution` when some λ_i·μ_j = 1.
    public static func discreteSylvester(A: Matrix, B: Matrix, C: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.squareFinite(B, "B")
        try ArgumentCheck.shape(C, "C", rows: A.rows, cols: B.rows, reason: "to match A and B")
        if A.rows == 0 || B.rows == 0 { return Matrix(rows: A.rows, cols: B.rows) }
        let sa = try RealSchur(A), sb = try RealSchur(B)
        var y = -(sa.U.transposeTimes(C * sb.U))
        try quasiTriangularDiscreteSylvester(T: sa.T, tBlocks: sa.blockStarts, S: sb.T, sBlocks: sb.blockStarts, &y)
        return sa.U * y.timesTranspose(sb.U)
    }

    // MARK: Kernels

    /// Solves op(T)·Y + Y·op(S) = scale·F in place of F (LAPACK dtrsyl,
    /// isgn = +1; op(T) = T unless `trana` is "T"); returns scale. info = 1
    /// (close eigenvalues, perturbed) throws `.noUniqueSolution(what)`.
    static func trsyl(_ t: Matrix, _ s: Matrix, _ f: inout Matrix, trana: Unicode.Scalar = "N", tranb: Unicode.Scalar,
                      what: String) throws -> Double {
        let m = Int32(t.rows), n = Int32(s.rows)
        var scale = 1.0
        var info: Int32 = 0
        t.storage.withUnsafeBufferPointer { tp in
            s.storage.withUnsafeBufferPointer { sp in
                f.storage.withUnsafeMutableBufferPointer { fp in
                    info = LAPACKE_dtrsyl_work(LAPACK_COL_MAJOR, lapackChar(trana), lapackChar(tranb), 1, m, n,
                                               tp.baseAddress, m, sp.baseAddress, n, fp.baseAddress, m, &scale)
                }
            }
        }
        if info == 1 { throw MAMLError.noUniqueSolution(what) }
        if info != 0 { throw MAMLError.lapack(routine: "dtrsyl", info: Int(info)) }
        if !(scale > 0) || !f.isFinite { throw MAMLError.noUniqueSolution(what) }
        return scale
    }

    /// Overwrites F with Y solving T·Y·S − Y = F (T n×n and S m×m upper
    /// quasi-triangular with the given block starts).
    static func quasiTriangularDiscreteSylvester(T: Matrix, tBlocks: [Int], S: Matrix, sBlocks: [Int], _ f: inout Matrix) throws {
        let n = T.rows, m = S.rows
        func size(_ starts: [Int], _ b: Int, _ total: Int) -> Int { (b + 1 < starts.count ? starts[b + 1] : total) - starts[b] }
        var y = Matrix(rows: n, cols: m)
        var w = Matrix(rows: n, cols: 2)
        var z = Matrix(rows: n, cols: 2)
        for jb in 0..<sBlocks.count {
            let j0 = sBlocks[jb], sj = size(sBlocks, jb, m)
            // W[:, a] = Σ_{k < j0} Y[:, k]·S[k, j0 + a]
            for a in 0..<sj {
                for r in 0..<n { w[r, a] = 0 }
                for k in 0..<j0 {
                    let skj = S[k, j0 + a]
                    if skj == 0 { continue }
                    for r in 0..<n { w[r, a] += y[r, k] * skj }
                }
            }
            var ib = tBlocks.count - 1
            while ib >= 0 {
                let i0 = tBlocks[ib], si = size(tBlocks, ib, n)
                // rhs(r, a) = F[i0+r, j0+a] − Σ_{l ∈ I} T[i0+r, l]·W[l, a] − Σ_{l ≥ i0+si} T[i0+r, l]·Z[l, a]
                var rhs = [Double](repeating: 0, count: 4)
                for a in 0..<sj {
                    for r in 0..<si {
                        var s = f[i0 + r, j0 + a]
                        for l in i0..<(i0 + si) { s -= T[i0 + r, l] * w[l, a] }
                        for l in (i0 + si)..<n { s -= T[i0 + r, l] * z[l, a] }
                        rhs[r + a * si] = s
                    }
                }
                // (S_JJᵀ ⊗ T_II − I)·vec(Y_IJ) = vec(rhs)
                let k = si * sj
                var mat = Matrix(rows: k, cols: k)
                for b in 0..<sj { for p in 0..<si {
                    for a in 0..<sj { for r in 0..<si {
                        let row = r + a * si, col = p + b * si
                        mat[row, col] = S[j0 + b, j0 + a] * T[i0 + r, i0 + p] - (row == col ? 1 : 0)
                    } }
                } }
                let solved: Matrix
                do {
                    solved = try mat.solve(Matrix(rows: k, cols: 1, storage: Array(rhs[0..<k])), name: "a diagonal block system")
                } catch MAMLError.singular {
                    throw MAMLError.noUniqueSolution("A X B − X + C = 0 has no unique solution: A and B have eigenvalues λ, μ with λ·μ = 1")
                }
                for a in 0..<sj {
                    for r in 0..<si { y[i0 + r, j0 + a] = solved.storage[r + a * si] }
                }
                // Z[I, a] = Y_IJ·S_JJ[:, a] + W[I, a]
                for a in 0..<sj {
                    for r in 0..<si {
                        var s = w[i0 + r, a]
                        for b in 0..<sj { s += y[i0 + r, j0 + b] * S[j0 + b, j0 + a] }
                        z[i0 + r, a] = s
                    }
                }
                ib -= 1
            }
        }
        if !y.isFinite {
            throw MAMLError.noUniqueSolution("A X B − X + C = 0 has no unique solution: A and B have eigenvalues λ, μ with λ·μ = 1")
        }
        f = y
    }
}

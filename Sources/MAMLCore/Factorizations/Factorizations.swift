import CLapack
import Foundation

/// Octave's `[L, U, P] = lu(A)`: P·A = L·U.
public struct LUDecomposition: Sendable {
    /// L, m×k unit lower triangular (k = min(m, n)).
    public let L: Matrix
    /// U, k×n upper triangular.
    public let U: Matrix
    /// P, the m×m permutation matrix.
    public let P: Matrix
    /// The permutation as 0-based row indices: row i of P·A is row `permutation[i]` of A.
    public let permutation: [Int]
}

/// Octave's `[Q, R] = qr(A)` (full: Q m×m, R m×n) and `qr(A, 0)` (economy:
/// Q m×k, R k×n, k = min(m, n)): A = Q·R, Q with orthonormal columns, R upper
/// triangular (diagonal signs as LAPACK's Householder reflections leave them).
public struct QRDecomposition: Sendable {
    /// Q.
    public let Q: Matrix
    /// R.
    public let R: Matrix
}

/// The full singular value decomposition M = U·Σ·Vᵀ: U m×m, V n×n orthogonal.
public struct FullSingularValueDecomposition: Sendable {
    /// U, m×m.
    public let U: Matrix
    /// σ₁ ≥ … ≥ σk ≥ 0, k = min(m, n).
    public let singularValues: [Double]
    /// Vᵀ, n×n.
    public let Vt: Matrix
}

/// Factorizations and their everyday uses, as Octave names them: `lu`, `qr`,
/// `null`, `orth`, `schur`, `cond`, through LAPACK (dgetrf, dgeqrf/dorgqr,
/// dgesdd, dgees).
extension Matrix {
    /// Octave's `[L, U, P] = lu(A)` for any m×n A: Gaussian elimination with
    /// partial pivoting (LAPACK dgetrf), P·A = L·U. A singular A is
    /// factorized too (U then has a zero on its diagonal). Throws
    /// `.notFinite` for NaN or ±∞ entries.
    public func luDecomposition() throws -> LUDecomposition {
        try requireFinite("A")
        let m = rows, n = cols, k = Swift.min(m, n)
        var a = storage.array
        var pivots = [Int32](repeating: 0, count: Swift.max(1, k))
        if m > 0 && n > 0 {
            let info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), &a, Int32(m), &pivots)
            if info < 0 { throw MAMLError.lapack(routine: "dgetrf", info: Int(info)) }
        }
        let f = Matrix(rows: m, cols: n, storage: a)
        var l = Matrix(rows: m, cols: k)
        var u = Matrix(rows: k, cols: n)
        for j in 0..<k {
            l[j, j] = 1
            for i in (j + 1)..<Swift.max(j + 1, m) { l[i, j] = f[i, j] }
        }
        for j in 0..<n { for i in 0..<Swift.min(j + 1, k) { u[i, j] = f[i, j] } }
        var perm = Array(0..<m)
        for i in 0..<k {
            let p = Int(pivots[i]) - 1
            if p != i && p >= 0 && p < m { perm.swapAt(i, p) }
        }
        var pm = Matrix(rows: m, cols: m)
        for (i, r) in perm.enumerated() { pm[i, r] = 1 }
        return LUDecomposition(L: l, U: u, P: pm, permutation: perm)
    }

    /// Octave's `[Q, R] = qr(A)` (`economy: false`) and `qr(A, 0)`
    /// (`economy: true`) by Householder reflections (LAPACK dgeqrf, dorgqr).
    /// Throws `.notFinite` for NaN or ±∞ entries.
    public func qrDecomposition(economy: Bool = false) throws -> QRDecomposition {
        try requireFinite("A")
        let m = rows, n = cols, k = Swift.min(m, n)
        let qCols = economy ? k : m
        if m == 0 || n == 0 {
            return QRDecomposition(Q: economy ? Matrix(rows: m, cols: k) : .identity(m), R: Matrix(rows: economy ? k : m, cols: n))
        }
        var a = storage.array
        var tau = [Double](repeating: 0, count: k)
        let m32 = Int32(m), n32 = Int32(n)
        var query = 0.0
        var info = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, m32, n32, &a, m32, &tau, &query, -1)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query), 64 * Swift.max(m, n)))
        info = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, m32, n32, &a, m32, &tau, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dgeqrf", info: Int(info)) }
        let factored = Matrix(rows: m, cols: n, storage: a)
        var r = Matrix(rows: economy ? k : m, cols: n)
        for j in 0..<n { for i in 0..<Swift.min(j + 1, k) { r[i, j] = factored[i, j] } }
        // Q: the first qCols columns of H₁⋯H_k (dorgqr on an m×qCols array holding the reflectors).
        var q = [Double](repeating: 0, count: m * qCols)
        for j in 0..<k { for i in 0..<m { q[i + j * m] = a[i + j * m] } }
        info = LAPACKE_dorgqr_work(LAPACK_COL_MAJOR, m32, Int32(qCols), Int32(k), &q, m32, &tau, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dorgqr", info: Int(info)) }
        return QRDecomposition(Q: Matrix(rows: m, cols: qCols, storage: q), R: r)
    }

    /// The full SVD (LAPACK dgesdd, jobz = "A"). Throws `.notFinite`.
    public func fullSingularValueDecomposition() throws -> FullSingularValueDecomposition {
        try requireFinite("the matrix")
        let m = rows, n = cols, k = Swift.min(m, n)
        if k == 0 { return FullSingularValueDecomposition(U: .identity(m), singularValues: [], Vt: .identity(n)) }
        var a = storage.array
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * m)
        var vt = [Double](repeating: 0, count: n * n)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        let m32 = Int32(m), n32 = Int32(n)
        var query = 0.0
        var info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("A"), m32, n32, &a, m32, &s, &u, m32, &vt, n32, &query, -1, &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgesdd", info: Int(info)) }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("A"), m32, n32, &a, m32, &s, &u, m32, &vt, n32,
                                   &work, Int32(work.count), &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgesdd", info: Int(info)) }
        return FullSingularValueDecomposition(U: Matrix(rows: m, cols: m, storage: u), singularValues: s,
                                              Vt: Matrix(rows: n, cols: n, storage: vt))
    }

    /// Octave's `null(A)`: an orthonormal basis of the null space {x : A x = 0},
    /// the right singular vectors of the singular values at or below
    /// max(m, n)·σ₁·ε (Octave's tolerance; SciPy's `null_space` uses the
    /// same); entries below ε in magnitude are set to 0, as Octave does.
    /// n×(n − rank). Throws `.notFinite`.
    public func nullSpace() throws -> Matrix {
        let svd = try fullSingularValueDecomposition()
        let tol = defaultSingularTolerance(svd.singularValues)
        let rank = svd.singularValues.filter { $0 > tol }.count
        var out = Matrix(rows: cols, cols: cols - rank)
        for c in 0..<(cols - rank) {
            for i in 0..<cols {
                let v = svd.Vt[rank + c, i]
                out[i, c] = Swift.abs(v) < Double.ulpOfOne ? 0 : v
            }
        }
        return out
    }

    /// Octave's `orth(A)`: an orthonormal basis of the range of A, the left
    /// singular vectors of the singular values above max(m, n)·σ₁·ε.
    /// m×rank. Throws `.notFinite`.
    public func orthonormalRange() throws -> Matrix {
        let svd = try singularValueDecomposition()
        let tol = defaultSingularTolerance(svd.singularValues)
        let rank = svd.singularValues.filter { $0 > tol }.count
        return svd.u.submatrix(rows: Array(0..<rows), cols: Array(0..<rank))
    }

    /// Octave's `cond(A)` (p = 2: σmax/σmin from the SVD, for any shape; ∞
    /// when σmin = 0) and `cond(A, p)` for p = 1, ∞ (`.infinity`) or the
    /// Frobenius norm (`frobenius: true`): ‖A‖·‖A⁻¹‖ of a square A (∞ when
    /// singular). Throws `.notFinite`, `.argument` naming A for a non-square
    /// A with p ≠ 2 and naming p for another p.
    public func conditionNumber(p: Double = 2, frobenius: Bool = false) throws -> Double {
        try requireFinite("A")
        if !frobenius && p == 2 {
            let s = try singularValues()
            guard let first = s.first, let last = s.last else { return 0 }
            return last == 0 ? .infinity : first / last
        }
        if !frobenius && p != 1 && p != .infinity {
            throw MAMLError.argument(name: "p", message: "cond: p must be 1, 2, Inf or \"fro\" (it is \(formatNumber(p)))")
        }
        if !isSquare { throw MAMLError.argument(name: "A", message: "cond: A must be square for p ≠ 2 (it is \(shapeDescription))") }
        if rows == 0 { return 0 }
        let inv: Matrix
        do {
            inv = try inverse(name: "A")
        } catch MAMLError.singular {
            return .infinity
        }
        func norm(_ m: Matrix) -> Double { frobenius ? m.frobeniusNorm : (p == 1 ? m.oneNorm : m.infinityNorm) }
        return norm(self) * norm(inv)
    }

    /// Octave's `[U, S] = schur(A)`: the real Schur form A = U·S·Uᵀ (see
    /// `RealSchur`: LAPACK dgees).
    public func realSchur() throws -> RealSchur { try RealSchur(self) }

    /// Octave's `trace(A)`: the sum of the diagonal of a square matrix.
    /// Throws `.argument` naming A unless square.
    public func squareTrace() throws -> Double {
        if !isSquare { throw MAMLError.argument(name: "A", message: "trace: A must be square (it is \(shapeDescription))") }
        return trace
    }
}

extension ComplexMatrix {
    /// The full SVD's right singular vectors: Vᴴ (n×n) and the singular
    /// values (LAPACK zgesdd, jobz = "A"). Throws `.notFinite`.
    func rightSingularVectors() throws -> (singularValues: [Double], Vh: ComplexMatrix) {
        try requireFinite("the matrix")
        let m = rows, n = cols, k = Swift.min(m, n)
        if k == 0 { return ([], .identity(n)) }
        var a = entries
        var s = [Double](repeating: 0, count: k)
        var u = [Complex](repeating: .zero, count: m * m)
        var vt = [Complex](repeating: .zero, count: n * n)
        let lrwork = Swift.max(5 * k * k + 5 * k, 2 * Swift.max(m, n) * k + 2 * k * k + k)
        var rwork = [Double](repeating: 0, count: lrwork)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var query = [Complex](repeating: .zero, count: 1)
        let m32 = Int32(m), n32 = Int32(n)
        var info = a.withLapackPointer { ap in u.withLapackPointer { up in vt.withLapackPointer { vp in query.withLapackPointer {
            LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, lapackChar("A"), m32, n32, ap, m32, &s, up, m32, vp, n32, $0, -1, &rwork, &iwork)
        } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgesdd", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        let lwork = Int32(work.count)
        info = a.withLapackPointer { ap in u.withLapackPointer { up in vt.withLapackPointer { vp in work.withLapackPointer {
            LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, lapackChar("A"), m32, n32, ap, m32, &s, up, m32, vp, n32, $0, lwork, &rwork, &iwork)
        } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgesdd", info: Int(info)) }
        return (s, ComplexMatrix(rows: n, cols: n, entries: vt))
    }
}

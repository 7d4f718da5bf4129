import CLapack
import Foundation

/// Eigenvalues and right eigenvectors as complex values, Octave's
/// `[V, D] = eig(M)`: M·V = V·D with D = diag(`values`).
public struct ComplexEigenDecomposition: Sendable {
    /// The eigenvalues, in LAPACK's order (Octave's `eig(M)`).
    public let values: [Complex]
    /// V: column j is the eigenvector of `values[j]`, of unit Euclidean
    /// norm with its largest component real (LAPACK's normalization).
    public let vectors: ComplexMatrix

    /// D = diag(values), Octave's second output.
    public var diagonal: ComplexMatrix { .diagonal(values) }
}

/// The complex Schur form A = U·T·Uᴴ: U unitary, T upper triangular with the
/// eigenvalues on its diagonal. For a complex matrix it is computed by LAPACK
/// zgees (Hessenberg reduction and the complex QR algorithm); for a real
/// matrix from its real Schur form (dgees) by the unitary rotations that
/// split each 2×2 block (`rsf2csf`, as Octave and SciPy), so that real
/// eigenvalues stay exactly real.
public struct ComplexSchur: Sendable {
    /// The upper triangular factor T.
    public let T: ComplexMatrix
    /// The unitary Schur vectors U.
    public let U: ComplexMatrix

    /// Octave's `[U, T] = schur(A)` of a complex matrix (zgees). Throws
    /// `.shape` unless square, `.notFinite` for NaN or ±∞ entries and
    /// `.lapack` when the QR algorithm does not converge.
    public init(_ A: ComplexMatrix) throws {
        try A.requireSquare("A")
        try A.requireFinite("A")
        _ = singleThreadedBLAS
        let n = A.rows
        var t = A.entries
        var u = [Complex](repeating: .zero, count: n * n)
        if n > 0 {
            var w = [Complex](repeating: .zero, count: n)
            var sdim: Int32 = 0
            var rwork = [Double](repeating: 0, count: n)
            var bwork = [Int32](repeating: 0, count: n)
            var query = [Complex](repeating: .zero, count: 1)
            let n32 = Int32(n)
            var info = t.withLapackPointer { tp in u.withLapackPointer { up in w.withLapackPointer { wp in query.withLapackPointer {
                LAPACKE_zgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("N"), nil, n32, tp, n32, &sdim, wp, up, n32,
                                   $0, -1, &rwork, &bwork)
            } } } }
            var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re), 2 * n))
            let lwork = Int32(work.count)
            info = t.withLapackPointer { tp in u.withLapackPointer { up in w.withLapackPointer { wp in work.withLapackPointer {
                LAPACKE_zgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("N"), nil, n32, tp, n32, &sdim, wp, up, n32,
                                   $0, lwork, &rwork, &bwork)
            } } } }
            if info != 0 { throw MAMLError.lapack(routine: "zgees", info: Int(info)) }
        }
        var tm = ComplexMatrix(rows: n, cols: n, entries: t)
        for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { tm[i, j] = .zero } }
        T = tm
        U = ComplexMatrix(rows: n, cols: n, entries: u)
    }

    /// Octave's `[U, T] = schur(A, "complex")` of a real matrix: its real
    /// Schur form (dgees) made triangular by a unitary rotation per 2×2
    /// block. Throws as `RealSchur`.
    public init(_ A: Matrix) throws {
        try self.init(real: RealSchur(A))
    }

    /// The complex Schur form from a real one (the rotations of `rsf2csf`).
    public init(real schur: RealSchur) {
        var t = ComplexMatrix(schur.T)
        var z = ComplexMatrix(schur.U)
        let n = t.rows
        var m = n - 1
        while m > 0 {
            let sub = t[m, m - 1]
            if sub != .zero {
                // μ = the eigenvalue of the 2×2 block minus T[m, m]; the rotation maps (μ, sub) to (r, 0).
                let a = t[m - 1, m - 1].re, b = t[m - 1, m].re, c = sub.re, d = t[m, m].re
                let ev = Matrix.eigenvalues2x2(a, b, c, d)
                let mu = Complex(ev[0].re, ev[0].im) - t[m, m]
                let r = Foundation.hypot(mu.magnitude, sub.magnitude)
                let cc = mu / r, s = sub / r
                // G = [[c̄, s], [−s, c]] applied from the left to rows m−1, m and Gᴴ from the right.
                for j in (m - 1)..<n {
                    let x = t[m - 1, j], y = t[m, j]
                    t[m - 1, j] = cc.conjugate * x + s * y
                    t[m, j] = -s * x + cc * y
                }
                for i in 0...m {
                    let x = t[i, m - 1], y = t[i, m]
                    t[i, m - 1] = x * cc + y * s.conjugate
                    t[i, m] = x * (-s).conjugate + y * cc.conjugate
                }
                for i in 0..<n {
                    let x = z[i, m - 1], y = z[i, m]
                    z[i, m - 1] = x * cc + y * s.conjugate
                    z[i, m] = x * (-s).conjugate + y * cc.conjugate
                }
            }
            t[m, m - 1] = .zero
            m -= 1
        }
        T = t
        U = z
    }

    /// The eigenvalues, T's diagonal.
    public var eigenvalues: [Complex] { (0..<T.rows).map { T[$0, $0] } }
}

extension ComplexMatrix {
    /// The eigenvalues (LAPACK zgeev, no vectors). Throws `.shape` unless
    /// square and `.notFinite` for NaN or ±∞ entries.
    public func eigenvalues() throws -> [Complex] {
        try eigen(vectors: false).values
    }

    /// Eigenvalues and right eigenvectors, Octave's `[V, D] = eig(M)`
    /// (LAPACK zgeev, which balances first).
    public func eigenDecomposition() throws -> ComplexEigenDecomposition {
        try eigen(vectors: true)
    }

    private func eigen(vectors: Bool) throws -> ComplexEigenDecomposition {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        _ = singleThreadedBLAS
        let n = rows
        if n == 0 { return ComplexEigenDecomposition(values: [], vectors: self) }
        var a = entries
        var w = [Complex](repeating: .zero, count: n)
        var vl = [Complex](repeating: .zero, count: 1)
        var vr = [Complex](repeating: .zero, count: vectors ? n * n : 1)
        var rwork = [Double](repeating: 0, count: 2 * n)
        var query = [Complex](repeating: .zero, count: 1)
        let n32 = Int32(n)
        let jobvr = lapackChar(vectors ? "V" : "N")
        let ldvr = vectors ? n32 : 1
        var info = a.withLapackPointer { ap in w.withLapackPointer { wp in vl.withLapackPointer { lp in vr.withLapackPointer { rp in
            query.withLapackPointer {
                LAPACKE_zgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), jobvr, n32, ap, n32, wp, lp, 1, rp, ldvr, $0, -1, &rwork)
            } } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgeev", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        let lwork = Int32(work.count)
        info = a.withLapackPointer { ap in w.withLapackPointer { wp in vl.withLapackPointer { lp in vr.withLapackPointer { rp in
            work.withLapackPointer {
                LAPACKE_zgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), jobvr, n32, ap, n32, wp, lp, 1, rp, ldvr, $0, lwork, &rwork)
            } } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgeev", info: Int(info)) }
        return ComplexEigenDecomposition(values: w, vectors: vectors ? ComplexMatrix(rows: n, cols: n, entries: vr) : ComplexMatrix(rows: 0, cols: 0))
    }

    /// The eigen-decomposition of a Hermitian matrix (Mᴴ = M, checked by the
    /// caller), Octave's `eig` of one: the real eigenvalues in ascending order
    /// and, with `vectors`, a unitary V (columns of unit length) with
    /// M·V = V·diag(values) (LAPACK zheev on the upper triangle). Throws
    /// `.shape` unless square and `.notFinite` for NaN or ±∞ entries.
    public func hermitianEigen(vectors: Bool) throws -> (values: [Double], vectors: ComplexMatrix) {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        _ = singleThreadedBLAS
        let n = rows
        if n == 0 { return ([], self) }
        var a = entries
        var w = [Double](repeating: 0, count: n)
        var rwork = [Double](repeating: 0, count: Swift.max(1, 3 * n - 2))
        var query = [Complex](repeating: .zero, count: 1)
        let n32 = Int32(n)
        let jobz = lapackChar(vectors ? "V" : "N")
        var info = a.withLapackPointer { ap in query.withLapackPointer {
            LAPACKE_zheev_work(LAPACK_COL_MAJOR, jobz, lapackChar("U"), n32, ap, n32, &w, $0, -1, &rwork)
        } }
        if info != 0 { throw MAMLError.lapack(routine: "zheev", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        let lwork = Int32(work.count)
        info = a.withLapackPointer { ap in work.withLapackPointer {
            LAPACKE_zheev_work(LAPACK_COL_MAJOR, jobz, lapackChar("U"), n32, ap, n32, &w, $0, lwork, &rwork)
        } }
        if info != 0 { throw MAMLError.lapack(routine: "zheev", info: Int(info)) }
        return (w, vectors ? ComplexMatrix(rows: n, cols: n, entries: a) : ComplexMatrix(rows: 0, cols: 0))
    }

    /// Singular values, largest first (LAPACK zgesdd). Throws `.notFinite`
    /// for NaN or ±∞ entries.
    public func singularValues() throws -> [Double] {
        try requireFinite("the matrix")
        let k = Swift.min(rows, cols)
        if k == 0 { return [] }
        var a = entries
        var s = [Double](repeating: 0, count: k)
        var u = [Complex](repeating: .zero, count: 1), vt = u
        var rwork = [Double](repeating: 0, count: Swift.max(1, 7 * k))
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var query = [Complex](repeating: .zero, count: 1)
        let (m32, n32) = (Int32(rows), Int32(cols))
        var info = a.withLapackPointer { ap in u.withLapackPointer { up in vt.withLapackPointer { vp in query.withLapackPointer {
            LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, lapackChar("N"), m32, n32, ap, m32, &s, up, 1, vp, 1, $0, -1, &rwork, &iwork)
        } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgesdd", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        let lwork = Int32(work.count)
        info = a.withLapackPointer { ap in u.withLapackPointer { up in vt.withLapackPointer { vp in work.withLapackPointer {
            LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, lapackChar("N"), m32, n32, ap, m32, &s, up, 1, vp, 1, $0, lwork, &rwork, &iwork)
        } } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgesdd", info: Int(info)) }
        return s
    }

    /// The spectral norm σmax.
    public func spectralNorm() throws -> Double { try singularValues().first ?? 0 }
}

extension Matrix {
    /// The eigenvalues as complex numbers, in LAPACK's order (those of
    /// `eigenvalues()`: a conjugate pair adjacent, positive imaginary part
    /// first), Octave's `eig(M)` of a real matrix.
    public func complexEigenvalues() throws -> [Complex] {
        try eigenvalues().map(\.complex)
    }

    /// Octave's `[V, D] = eig(M)` of a real nonsymmetric matrix as complex
    /// values: from LAPACK dgeev (`eigenDecomposition()`), a pair
    /// λ = a ± bi taking the eigenvectors V[:, j] ± i·V[:, j+1].
    public func complexEigenDecomposition() throws -> ComplexEigenDecomposition {
        let e = try eigenDecomposition()
        let n = rows
        var v = ComplexMatrix(e.vectors)
        var j = 0
        while j < n {
            if e.values[j].im != 0 && j + 1 < n {
                for i in 0..<n {
                    let re = e.vectors[i, j], im = e.vectors[i, j + 1]
                    v[i, j] = Complex(re, im)
                    v[i, j + 1] = Complex(re, -im)
                }
                j += 2
            } else {
                j += 1
            }
        }
        return ComplexEigenDecomposition(values: e.values.map(\.complex), vectors: v)
    }
}

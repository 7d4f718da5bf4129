import CLapack
import Foundation

@inline(__always) func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// Factorizations through LAPACK (column-major, no copies beyond the one each
/// routine overwrites): LU (dgetrf/dgetrs), eigenvalues (dgeev), singular
/// values (dgesdd), Cholesky (dpotrf).
extension Matrix {
    /// The LU factorization P·M = L·U of a square matrix (LAPACK dgetrf).
    /// Throws `.singular` when U has a zero pivot.
    public func luFactorization(name: String = "the matrix") throws -> LUFactorization {
        try requireSquare(name)
        try requireFinite(name)
        var lu = storage.array
        var pivots = [Int32](repeating: 0, count: rows)
        let n = Int32(rows)
        let info = lu.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { p in
                LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, a.baseAddress, Swift.max(1, n), p.baseAddress)
            }
        }
        if info < 0 { throw MAMLError.lapack(routine: "dgetrf", info: Int(info)) }
        if info > 0 { throw MAMLError.singular("\(name) is singular") }
        let factors = Matrix(rows: rows, cols: cols, storage: lu)
        // Reciprocal-condition guard: a pivot tiny against the largest entry is singular in practice.
        let scale = maxAbs
        for i in 0..<rows where abs(factors[i, i]) <= scale * 1e-15 * Double(rows) {
            throw MAMLError.singular("\(name) is singular to working precision")
        }
        return LUFactorization(factors: factors, pivots: pivots)
    }

    /// X solving M·X = B (LU with partial pivoting).
    public func solve(_ rhs: Matrix, name: String = "the matrix") throws -> Matrix {
        guard rhs.rows == rows else {
            throw MAMLError.shape("cannot solve with \(name) (\(shapeDescription)) and a right-hand side with \(rhs.rows) rows")
        }
        return try luFactorization(name: name).solve(rhs)
    }

    /// M⁻¹.
    public func inverse(name: String = "the matrix") throws -> Matrix {
        try solve(Matrix.identity(rows), name: name)
    }

    /// det(M) from the LU factors.
    public func determinant() throws -> Double {
        try requireSquare("the matrix")
        if rows == 0 { return 1 }
        if rows == 1 { return storage[0] }
        if rows == 2 { return storage[0] * storage[3] - storage[2] * storage[1] }
        do {
            return try luFactorization().determinant
        } catch MAMLError.singular {
            return 0
        }
    }

    /// Eigenvalues as (real, imaginary) pairs in LAPACK's order (dgeev; closed form for n ≤ 2).
    public func eigenvalues() throws -> [Eigenvalue] {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        switch rows {
        case 0: return []
        case 1: return [Eigenvalue(re: storage[0])]
        case 2: return Matrix.eigenvalues2x2(storage[0], storage[2], storage[1], storage[3])
        default: break
        }
        var a = storage.array
        let n = Int32(rows)
        var wr = [Double](repeating: 0, count: rows), wi = wr
        var vl = [Double](repeating: 0, count: 1), vr = vl
        var lwork = Int32(-1)
        var query = 0.0
        var info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("N"), n, &a, n,
                                      &wr, &wi, &vl, 1, &vr, 1, &query, lwork)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
        info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("N"), n, &a, n,
                                  &wr, &wi, &vl, 1, &vr, 1, &work, lwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgeev", info: Int(info)) }
        return (0..<rows).map { Eigenvalue(re: wr[$0], im: wi[$0]) }
    }

    /// Eigenvalues of [[a, b], [c, d]] in closed form.
    static func eigenvalues2x2(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> [Eigenvalue] {
        // Triangular: the diagonal, exactly.
        if b == 0 || c == 0 { return [Eigenvalue(re: a), Eigenvalue(re: d)] }
        let half = 0.5 * (a + d)
        let disc = 0.25 * (a - d) * (a - d) + b * c
        if disc >= 0 {
            let r = disc.squareRoot()
            // Avoid cancellation: the larger root directly, the other from the determinant.
            let big = half >= 0 ? half + r : half - r
            let det = a * d - b * c
            let small = big != 0 ? det / big : half - (half >= 0 ? r : -r)
            return [Eigenvalue(re: big), Eigenvalue(re: small)]
        }
        let r = (-disc).squareRoot()
        return [Eigenvalue(re: half, im: r), Eigenvalue(re: half, im: -r)]
    }

    /// The spectral radius ρ(M) = max |λ|.
    public func spectralRadius() throws -> Double {
        MAMLCore.spectralRadius(of: try eigenvalues())
    }

    /// Singular values, largest first (LAPACK dgesdd).
    public func singularValues() throws -> [Double] {
        try requireFinite("the matrix")
        let k = Swift.min(rows, cols)
        if k == 0 { return [] }
        if isVector { return [storage.reduce(0) { hypot($0, $1) }] }
        var a = storage.array
        var s = [Double](repeating: 0, count: k)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var u = [Double](repeating: 0, count: 1), vt = u
        var query = 0.0
        let m = Int32(rows), n = Int32(cols)
        var info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("N"), m, n, &a, m, &s,
                                       &u, 1, &vt, 1, &query, -1, &iwork)
        let lwork = Int32(query)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("N"), m, n, &a, m, &s,
                                   &u, 1, &vt, 1, &work, lwork, &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgesdd", info: Int(info)) }
        return s
    }

    /// The spectral norm ‖M‖₂ = σmax(M); for a row or a column it is the
    /// Euclidean length (no SVD).
    public func spectralNorm() throws -> Double {
        if rows == 1 || cols == 1 { return frobeniusNorm }
        return try singularValues().first ?? 0
    }

    /// σmin(M), the smallest singular value.
    public func smallestSingularValue() throws -> Double { try singularValues().last ?? 0 }

    /// The Frobenius norm ‖M‖_F.
    public var frobeniusNorm: Double {
        let scale = maxAbs
        if scale == 0 || !scale.isFinite { return scale }
        var s = 0.0
        for v in storage { let t = v / scale; s += t * t }
        return scale * s.squareRoot()
    }

    /// Whether M is symmetric to a relative tolerance.
    public func isSymmetric(tolerance: Double = 1e-10) -> Bool {
        guard isSquare else { return false }
        let scale = Swift.max(maxAbs, .leastNormalMagnitude)
        for j in 0..<cols { for i in 0..<j where abs(self[i, j] - self[j, i]) > tolerance * scale { return false } }
        return true
    }

    /// Whether M is symmetric positive definite: symmetric and its Cholesky
    /// factorization (LAPACK dpotrf) succeeds.
    public func isPositiveDefinite() -> Bool {
        guard isSquare, isFinite, isSymmetric() else { return false }
        if rows == 0 { return true }
        var a = symmetrized.storage.array
        let n = Int32(rows)
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, lapackChar("L"), n, &a, n)
        return info == 0
    }

    /// The Cholesky factor L (lower triangular, L·Lᵀ = M) of a symmetric
    /// positive definite matrix (LAPACK dpotrf). Throws `.notPositiveDefinite`.
    public func choleskyFactor(name: String = "the matrix") throws -> Matrix {
        guard isSquare, isFinite, isSymmetric() else { throw MAMLError.notPositiveDefinite(name: name, task: nil) }
        if rows == 0 { return self }
        var a = symmetrized.storage.array
        let n = Int32(rows)
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, lapackChar("L"), n, &a, n)
        if info != 0 { throw MAMLError.notPositiveDefinite(name: name, task: nil) }
        var l = Matrix(rows: rows, cols: cols, storage: a)
        for j in 0..<cols { for i in 0..<j { l[i, j] = 0 } }
        return l
    }

    /// Throws unless square.
    public func requireSquare(_ name: String) throws {
        if !isSquare { throw MAMLError.shape("\(name) must be square (it is \(shapeDescription))") }
    }

    /// Throws unless every entry is finite.
    public func requireFinite(_ name: String) throws {
        if !isFinite { throw MAMLError.notFinite(name: name) }
    }

    /// Throws unless the shape is `rows × cols`, naming both shapes.
    public func requireShape(_ name: String, rows r: Int, cols c: Int, reason: String = "") throws {
        if rows != r || cols != c {
            let why = reason.isEmpty ? "" : " \(reason)"
            throw MAMLError.shape("\(name) must be \(r)×\(c)\(why) (it is \(shapeDescription))")
        }
    }
}

/// LU factors of a square matrix, reusable for many right-hand sides.
public struct LUFactorization: Sendable {
    /// L (unit lower, implicit) and U packed as dgetrf leaves them.
    public let factors: Matrix
    /// dgetrf's 1-based row interchanges.
    public let pivots: [Int32]

    /// X solving M·X = B, or Mᵀ·X = B when `transposed` (LAPACK dgetrs).
    public func solve(_ rhs: Matrix, transposed: Bool = false) -> Matrix {
        precondition(rhs.rows == factors.rows)
        var b = rhs.storage.array
        let n = Int32(factors.rows)
        if rhs.cols == 0 || n == 0 { return rhs }
        _ = factors.storage.withUnsafeBufferPointer { a in
            pivots.withUnsafeBufferPointer { p in
                LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, lapackChar(transposed ? "T" : "N"), n, Int32(rhs.cols),
                                    a.baseAddress, n, p.baseAddress, &b, n)
            }
        }
        return Matrix(rows: rhs.rows, cols: rhs.cols, storage: b)
    }

    /// det(M) = ±∏ U_ii.
    public var determinant: Double {
        var d = 1.0
        for i in 0..<factors.rows {
            d *= factors[i, i]
            if pivots[i] != Int32(i + 1) { d = -d }
        }
        return d
    }
}


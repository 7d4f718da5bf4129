import CLapack
import Foundation

/// The thin singular value decomposition M = U·diag(σ)·Vᵀ of an m×n matrix,
/// k = min(m, n): U is m×k, σ has k entries (largest first), Vᵀ is k×n.
public struct SingularValueDecomposition: Sendable {
    /// The left singular vectors, m×k, orthonormal columns.
    public let u: Matrix
    /// The singular values σ₁ ≥ … ≥ σk ≥ 0.
    public let singularValues: [Double]
    /// The right singular vectors transposed, k×n, orthonormal rows.
    public let vt: Matrix
}

/// The SVD (LAPACK dgesdd) and what Octave derives from it: the
/// pseudo-inverse and the numerical rank, with Octave's default tolerance
/// max(m, n)·σ₁·ε.
extension Matrix {
    /// The thin SVD by divide and conquer (LAPACK dgesdd, jobz = "S").
    /// Throws `.notFinite` for NaN or ±∞ entries.
    public func singularValueDecomposition() throws -> SingularValueDecomposition {
        try requireFinite("the matrix")
        let m = rows, n = cols, k = Swift.min(rows, cols)
        if k == 0 {
            return SingularValueDecomposition(u: Matrix(rows: m, cols: 0), singularValues: [], vt: Matrix(rows: 0, cols: n))
        }
        var a = storage.array
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var query = 0.0
        let (m32, n32, k32) = (Int32(m), Int32(n), Int32(k))
        var info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("S"), m32, n32, &a, m32, &s,
                                       &u, m32, &vt, k32, &query, -1, &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgesdd", info: Int(info)) }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, lapackChar("S"), m32, n32, &a, m32, &s,
                                   &u, m32, &vt, k32, &work, Int32(work.count), &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgesdd", info: Int(info)) }
        return SingularValueDecomposition(u: Matrix(rows: m, cols: k, storage: u), singularValues: s,
                                          vt: Matrix(rows: k, cols: n, storage: vt))
    }

    /// Octave's default tolerance for `rank` and `pinv`: max(m, n)·σ₁·ε,
    /// for singular values `sigma` (largest first) of an m×n matrix.
    public func defaultSingularTolerance(_ sigma: [Double]) -> Double {
        Double(Swift.max(rows, cols)) * (sigma.first ?? 0) * Double.ulpOfOne
    }

    /// The Moore–Penrose pseudo-inverse M⁺ = V·diag(1/σᵢ)·Uᵀ over the
    /// singular values σᵢ > `tolerance` (default max(m, n)·σ₁·ε, as Octave's
    /// `pinv`); n×m. Throws `.notFinite` for NaN or ±∞ entries.
    public func pseudoInverse(tolerance: Double? = nil) throws -> Matrix {
        let svd = try singularValueDecomposition()
        let tol = tolerance ?? defaultSingularTolerance(svd.singularValues)
        let m = rows, n = cols
        // M⁺ = (Σ⁻¹Vᵀ)ᵀ·Uᵀ over the kept singular values.
        let kept = svd.singularValues.enumerated().filter { $0.element > tol }
        if kept.isEmpty { return Matrix(rows: n, cols: m) }
        var scaledVt = Matrix(rows: kept.count, cols: n)
        var keptU = Matrix(rows: m, cols: kept.count)
        for (q, (p, sigma)) in kept.enumerated() {
            for i in 0..<n { scaledVt[q, i] = svd.vt[p, i] / sigma }
            for j in 0..<m { keptU[j, q] = svd.u[j, p] }
        }
        return scaledVt.multiplied(by: keptU, transposeSelf: true, transposeOther: true)
    }

    /// The number of singular values above `tolerance` (default
    /// max(m, n)·σ₁·ε, as Octave's `rank`). Throws `.notFinite` for NaN or
    /// ±∞ entries.
    public func rank(tolerance: Double? = nil) throws -> Int {
        let sigma = try singularValues()
        let tol = tolerance ?? defaultSingularTolerance(sigma)
        return sigma.filter { $0 > tol }.count
    }
}

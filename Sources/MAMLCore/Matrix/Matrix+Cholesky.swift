import CLapack

/// The upper-triangular Cholesky factor, as Octave's `chol` gives it.
extension Matrix {
    /// The upper-triangular R with Rᵀ·R = M of a symmetric positive definite
    /// matrix (LAPACK dpotrf, uplo = "U": only the upper triangle is read).
    ///
    /// Throws `.shape` unless square, `.notFinite` for NaN or ±∞ entries,
    /// `.invalidArgument` unless symmetric to a relative 1e-10, and
    /// `.notPositiveDefinite` when a leading minor is not positive.
    public func choleskyUpper(name: String = "the matrix") throws -> Matrix {
        let (r, failedOrder) = try choleskyUpperPartial(name: name)
        if failedOrder != 0 { throw MAMLError.notPositiveDefinite(name: name, task: nil) }
        return r
    }

    /// Octave's `[R, p] = chol(M)`: (R, 0) when M is positive definite;
    /// otherwise p > 0 is the order of the first leading minor that is not
    /// positive definite (dpotrf's info) and R is the Cholesky factor of the
    /// leading (p−1)×(p−1) block. Throws as `choleskyUpper` does, except
    /// for a matrix that is not positive definite.
    public func choleskyUpperPartial(name: String = "the matrix") throws -> (factor: Matrix, failedOrder: Int) {
        try requireSquare(name)
        try requireFinite(name)
        if !isSymmetric() {
            throw MAMLError.invalidArgument("\(name) is not symmetric")
        }
        let n = rows
        if n == 0 { return (self, 0) }
        var a = storage.array
        let n32 = Int32(n)
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, lapackChar("U"), n32, &a, n32)
        if info < 0 { throw MAMLError.lapack(routine: "dpotrf", info: Int(info)) }
        let size = info == 0 ? n : Int(info) - 1
        var r = Matrix(rows: size, cols: size)
        r.storage.withUnsafeMutableBufferPointer { dst in
            for j in 0..<size { for i in 0...j { dst[i + j * size] = a[i + j * n] } }
        }
        return (r, Int(info))
    }
}

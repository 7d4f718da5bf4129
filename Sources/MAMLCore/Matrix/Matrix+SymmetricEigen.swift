import CLapack

/// The eigenvalues and orthonormal eigenvectors of a real symmetric matrix.
public struct SymmetricEigenDecomposition: Sendable {
    /// The eigenvalues, in ascending order.
    public let values: [Double]
    /// The n×n orthogonal V whose column j is the eigenvector of `values[j]`:
    /// M = V·diag(values)·Vᵀ.
    public let vectors: Matrix
}

extension Matrix {
    /// The eigenvalues of a symmetric matrix, in ascending order (LAPACK
    /// dsyev, jobz = "N"; only the lower triangle is read, so the caller
    /// decides how symmetric is symmetric enough). Throws `.shape` unless
    /// square and `.notFinite` for NaN or ±∞ entries.
    public func symmetricEigenvalues() throws -> [Double] {
        try symmetricEigen(vectors: false).values
    }

    /// The eigenvalues (ascending) and orthonormal eigenvectors of a
    /// symmetric matrix (LAPACK dsyev, jobz = "V"; lower triangle).
    public func symmetricEigenDecomposition() throws -> SymmetricEigenDecomposition {
        try symmetricEigen(vectors: true)
    }

    private func symmetricEigen(vectors: Bool) throws -> SymmetricEigenDecomposition {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        let n = rows
        if n == 0 { return SymmetricEigenDecomposition(values: [], vectors: self) }
        var a = storage.array
        var w = [Double](repeating: 0, count: n)
        let n32 = Int32(n)
        let jobz = lapackChar(vectors ? "V" : "N")
        var query = 0.0
        var info = LAPACKE_dsyev_work(LAPACK_COL_MAJOR, jobz, lapackChar("L"), n32, &a, n32, &w, &query, -1)
        if info != 0 { throw MAMLError.lapack(routine: "dsyev", info: Int(info)) }
        let lwork = Swift.max(1, Int(query))
        var work = [Double](repeating: 0, count: lwork)
        info = LAPACKE_dsyev_work(LAPACK_COL_MAJOR, jobz, lapackChar("L"), n32, &a, n32, &w, &work, Int32(lwork))
        if info != 0 { throw MAMLError.lapack(routine: "dsyev", info: Int(info)) }
        return SymmetricEigenDecomposition(values: w, vectors: vectors ? Matrix(rows: n, cols: n, storage: a) : Matrix(rows: 0, cols: 0))
    }
}

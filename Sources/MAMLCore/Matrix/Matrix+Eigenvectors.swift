import CLapack

/// The eigenvalues and right eigenvectors of a real square matrix, laid out
/// as LAPACK dgeev gives them.
public struct EigenDecomposition: Sendable {
    /// The eigenvalues, in the order of `Matrix.eigenvalues()`; a complex
    /// conjugate pair is adjacent, the one with positive imaginary part first.
    public let values: [Eigenvalue]
    /// The n×n real matrix V of right eigenvectors (M·v = λ·v), each of unit
    /// Euclidean norm with its largest component real (dgeev's
    /// normalization). For a real λⱼ, column j is its eigenvector. For a
    /// pair λⱼ = a + bi, λⱼ₊₁ = a − bi (b > 0), columns j and j+1 hold the
    /// real and imaginary parts: vⱼ = V[:, j] + i·V[:, j+1] and
    /// vⱼ₊₁ = V[:, j] − i·V[:, j+1].
    public let vectors: Matrix
}

extension Matrix {
    /// Eigenvalues and right eigenvectors (LAPACK dgeev, jobvr = "V").
    ///
    /// The eigenvalues are those of `eigenvalues()` in the same order (its
    /// closed form for n ≤ 2, with the eigenvectors permuted to match), so
    /// that a caller asking for both sees the same first output as one
    /// asking for the eigenvalues alone. Throws `.shape` unless square and
    /// `.notFinite` for NaN or ±∞ entries.
    public func eigenDecomposition() throws -> EigenDecomposition {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        let n = rows
        if n == 0 { return EigenDecomposition(values: [], vectors: self) }
        if n == 1 { return EigenDecomposition(values: [Eigenvalue(re: storage[0])], vectors: Matrix(scalar: 1)) }
        var a = storage.array
        let n32 = Int32(n)
        var wr = [Double](repeating: 0, count: n), wi = wr
        var vl = [Double](repeating: 0, count: 1)
        var vr = [Double](repeating: 0, count: n * n)
        var query = 0.0
        var info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("V"), n32, &a, n32,
                                      &wr, &wi, &vl, 1, &vr, n32, &query, -1)
        if info != 0 { throw MAMLError.lapack(routine: "dgeev", info: Int(info)) }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = LAPACKE_dgeev_work(LAPACK_COL_MAJOR, lapackChar("N"), lapackChar("V"), n32, &a, n32,
                                  &wr, &wi, &vl, 1, &vr, n32, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dgeev", info: Int(info)) }
        var vectors = Matrix(rows: n, cols: n, storage: vr)
        var values = (0..<n).map { Eigenvalue(re: wr[$0], im: wi[$0]) }
        if n == 2 {
            // eigenvalues() uses a closed form for 2×2: keep its values and order.
            let closed = try eigenvalues()
            let bothReal = values.allSatisfy { $0.im == 0 } && closed.allSatisfy { $0.im == 0 }
            let bothComplex = values.allSatisfy { $0.im != 0 } && closed.allSatisfy { $0.im != 0 }
            if bothReal {
                if abs(values[0].re - closed[0].re) > abs(values[0].re - closed[1].re) {
                    vectors = Matrix(rows: 2, cols: 2, storage: [vr[2], vr[3], vr[0], vr[1]])
                }
                values = closed
            } else if bothComplex {
                values = closed
            }
        }
        return EigenDecomposition(values: values, vectors: vectors)
    }
}

import CLapack

/// The real Schur form A = U·T·Uᵀ of a square matrix: U orthogonal, T upper
/// quasi-triangular with 1×1 blocks (real eigenvalues) and standardized 2×2
/// blocks (complex pairs) on its diagonal. Computed by LAPACK dgees
/// (Hessenberg reduction and the Francis double-shift QR algorithm).
public struct RealSchur: Sendable {
    /// The quasi-triangular factor T.
    public let T: Matrix
    /// The orthogonal Schur vectors U.
    public let U: Matrix
    /// Eigenvalues read off T's diagonal blocks.
    public let eigenvalues: [Eigenvalue]
    /// Start index of each diagonal block of T, in order; a block ends where the next starts.
    public let blockStarts: [Int]

    /// Factorizes `A` (square, finite). Throws when dgees does not converge.
    public init(_ A: Matrix) throws {
        try A.requireSquare("A")
        try A.requireFinite("A")
        _ = singleThreadedBLAS
        let n = A.rows
        var t = A.storage.array
        var u = [Double](repeating: 0, count: n * n)
        var wr = [Double](repeating: 0, count: n), wi = wr
        var sdim: Int32 = 0
        var bwork = [Int32](repeating: 0, count: Swift.max(1, n))
        var query = 0.0
        let ni = Int32(n), ld = Int32(Swift.max(1, n))
        if n > 0 {
            var info = LAPACKE_dgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("N"), nil, ni,
                                          &t, ld, &sdim, &wr, &wi, &u, ld, &query, -1, &bwork)
            let lwork = Swift.max(Int32(query), 3 * ni)
            var work = [Double](repeating: 0, count: Int(lwork))
            info = LAPACKE_dgees_work(LAPACK_COL_MAJOR, lapackChar("V"), lapackChar("N"), nil, ni,
                                      &t, ld, &sdim, &wr, &wi, &u, ld, &work, lwork, &bwork)
            if info != 0 { throw MAMLError.lapack(routine: "dgees", info: Int(info)) }
        }
        let tm = Matrix(rows: n, cols: n, storage: t)
        self.T = tm
        self.U = Matrix(rows: n, cols: n, storage: u)
        self.eigenvalues = (0..<n).map { Eigenvalue(re: wr[$0], im: wi[$0]) }
        self.blockStarts = RealSchur.diagonalBlocks(of: tm)
    }

    /// Start indices of the 1×1 and 2×2 diagonal blocks of a quasi-triangular matrix.
    static func diagonalBlocks(of t: Matrix) -> [Int] {
        var starts: [Int] = []
        var i = 0
        while i < t.rows {
            starts.append(i)
            i += (i + 1 < t.rows && t[i + 1, i] != 0) ? 2 : 1
        }
        return starts
    }

    /// The spectral radius max |λ|.
    public var spectralRadius: Double {
        MAMLCore.spectralRadius(of: eigenvalues)
    }
}

import CLapack
import Foundation

/// How `Matrix.leftDivide` solved a system.
public enum LinearSolveMethod: Sendable, Equatable {
    /// A 1×1 A: each entry of B divided by the number.
    case scalar
    /// LU with partial pivoting of a square A (LAPACK dgetrf, dgetrs).
    case lu
    /// The minimum-norm least-squares solution by the SVD (LAPACK dgelsd):
    /// for a non-square A, and for a square A singular to machine precision.
    case leastSquares
}

/// The solution X of A·X = B (or X·A = B) with what a caller needs to warn
/// as Octave does.
public struct LinearSolution: Sendable {
    /// X.
    public let solution: Matrix
    /// The reciprocal condition number of a square A in the 1-norm,
    /// estimated by LAPACK dgecon from the LU factors (0 when a pivot is
    /// exactly zero); nil when A is not square, is 1×1 or is empty.
    public let rcond: Double?
    /// The effective rank dgelsd found (singular values above ε·σmax);
    /// nil when the system was not solved by least squares.
    public let rank: Int?
    /// How the system was solved.
    public let method: LinearSolveMethod
    /// Rows and columns of A (for the rank-deficiency message).
    let shape: (rows: Int, cols: Int)

    /// Whether a square A is singular to machine precision: rcond + 1 == 1
    /// (Octave's test), or rcond is NaN. The solution is then the
    /// minimum-norm least-squares one.
    public var isSingularToMachinePrecision: Bool {
        guard let r = rcond else { return false }
        return r.isNaN || r + 1 == 1
    }

    /// Whether a non-square A has fewer independent columns or rows than
    /// it could (the solution is then one of many: the one of least norm).
    public var isRankDeficient: Bool {
        guard rcond == nil, let r = rank else { return false }
        return r < Swift.min(shape.rows, shape.cols)
    }

    /// Octave's warning for a square matrix with reciprocal condition number
    /// `rcond` (as `inv` and `A \ B` give it), nil unless it is singular to
    /// machine precision (rcond + 1 == 1, or NaN): "matrix singular to
    /// machine precision" for rcond = 0, else with ", rcond = 1.23e-17" (%g).
    public static func singularityWarning(rcond: Double) -> String? {
        guard rcond.isNaN || rcond + 1 == 1 else { return nil }
        if rcond == 0 { return "matrix singular to machine precision" }
        return "matrix singular to machine precision, rcond = " + String(format: "%g", rcond)
    }

    /// The warning Octave gives for this solve, or nil: "matrix singular to
    /// machine precision" (rcond = 0), "matrix singular to machine
    /// precision, rcond = 1.23e-17", or for a non-square A "rank deficient
    /// 3×2 matrix, rank = 1 (the minimum-norm least-squares solution)".
    public var warning: String? {
        if let r = rcond, let text = LinearSolution.singularityWarning(rcond: r) { return text }
        if isRankDeficient, let r = rank {
            return "rank deficient \(shape.rows)×\(shape.cols) matrix, rank = \(r) (the minimum-norm least-squares solution)"
        }
        return nil
    }
}

/// Linear systems A·X = B and X·A = B (the language's operators `A \ B`
/// and `B / A`), and the inverse with its condition.
///
/// A square A is factorized by LU with partial pivoting (LAPACK dgetrf) and
/// its reciprocal condition number estimated in the 1-norm (dgecon); when A
/// is singular to machine precision (rcond + 1 == 1) the solution is the
/// minimum-norm least-squares one, as in Octave. A non-square A gives the
/// minimum-norm least-squares solution from the SVD (dgelsd, singular values
/// below ε·σmax treated as zero), the same as `pinv(A) * B`.
extension Matrix {
    /// X solving A·X = B for A = `a`, B = `b` (the operator `A \ B`).
    ///
    /// - A 1×1: X = B / a entry by entry.
    /// - A square: LU (dgetrf, dgetrs) with the rcond estimate (dgecon);
    ///   singular to machine precision: minimum-norm least squares (dgelsd).
    /// - A m×n, m ≠ n: minimum-norm least squares (dgelsd).
    ///
    /// Empty operands give zeros(n, k). Throws `.shape` unless B has as many
    /// rows as A, `.notFinite` when A has NaN or ±∞ entries (B may have them:
    /// they propagate). The caller reports `LinearSolution.warning`.
    public static func leftDivide(_ a: Matrix, _ b: Matrix) throws -> LinearSolution {
        guard a.rows == b.rows else {
            throw MAMLError.shape("A \\ B needs B with as many rows as A (A is \(a.shapeDescription), B is \(b.shapeDescription))")
        }
        return try solveChecked(a, b)
    }

    /// X solving X·A = B for A = `a`, B = `b` (the operator `B / A`), through
    /// Aᵀ·Xᵀ = Bᵀ (see `leftDivide`: the same methods, rcond and warning).
    /// Throws `.shape` unless B has as many columns as A.
    public static func rightDivide(_ b: Matrix, _ a: Matrix) throws -> LinearSolution {
        guard a.cols == b.cols else {
            throw MAMLError.shape("B / A needs B with as many columns as A (B is \(b.shapeDescription), A is \(a.shapeDescription))")
        }
        let s = try solveChecked(a.transposed, b.transposed)
        return LinearSolution(solution: s.solution.transposed, rcond: s.rcond, rank: s.rank, method: s.method,
                              shape: (a.rows, a.cols))
    }

    /// The inverse of a square matrix with its reciprocal condition number
    /// (LAPACK dgetrf, dgecon, dgetri). As in Octave, an exactly singular
    /// matrix (a zero pivot) gives a matrix of +∞ and rcond 0; the caller
    /// warns when rcond + 1 == 1. Throws `.shape` unless square and
    /// `.notFinite` for NaN or ±∞ entries.
    public func inverseWithCondition(name: String = "the matrix") throws -> (inverse: Matrix, rcond: Double) {
        try requireSquare(name)
        try requireFinite(name)
        let n = rows
        if n == 0 { return (self, .infinity) }
        guard let factored = try Matrix.luFactors(self) else {
            return (Matrix(rows: n, cols: n, repeating: .infinity), 0)
        }
        var a = factored.lu.factors.storage.array
        var pivots = factored.lu.pivots
        let n32 = Int32(n)
        var query = 0.0
        var info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, n32, &a, n32, &pivots, &query, -1)
        if info != 0 { throw MAMLError.lapack(routine: "dgetri", info: Int(info)) }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        info = LAPACKE_dgetri_work(LAPACK_COL_MAJOR, n32, &a, n32, &pivots, &work, Int32(work.count))
        if info != 0 { throw MAMLError.lapack(routine: "dgetri", info: Int(info)) }
        return (Matrix(rows: n, cols: n, storage: a), factored.rcond)
    }

    /// The reciprocal condition number in the 1-norm of a square matrix,
    /// estimated from its LU factors (LAPACK dgetrf, dgecon); 0 when a pivot
    /// is zero, ∞ for the 0×0 matrix.
    public func reciprocalCondition() throws -> Double {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        if rows == 0 { return .infinity }
        return try Matrix.luFactors(self)?.rcond ?? 0
    }

    // MARK: Kernels

    /// `leftDivide` after the shape check: A is `a` (m×n), B is `b` (m×k).
    private static func solveChecked(_ a: Matrix, _ b: Matrix) throws -> LinearSolution {
        try a.requireFinite("the matrix A")
        let shape = (a.rows, a.cols)
        if a.rows == 0 || a.cols == 0 || b.cols == 0 {
            return LinearSolution(solution: Matrix(rows: a.cols, cols: b.cols), rcond: nil, rank: nil,
                                  method: a.isSquare ? .lu : .leastSquares, shape: shape)
        }
        if a.rows == 1 && a.cols == 1 {
            let d = a.storage[0]
            return LinearSolution(solution: b.map { $0 / d }, rcond: nil, rank: nil, method: .scalar, shape: shape)
        }
        if a.isSquare {
            let factored = try luFactors(a)
            let rcond = factored?.rcond ?? 0
            if let factored, !(rcond.isNaN || rcond + 1 == 1) {
                return LinearSolution(solution: factored.lu.solve(b), rcond: rcond, rank: nil, method: .lu, shape: shape)
            }
            let (x, rank) = try leastSquares(a, b)
            return LinearSolution(solution: x, rcond: rcond, rank: rank, method: .leastSquares, shape: shape)
        }
        let (x, rank) = try leastSquares(a, b)
        return LinearSolution(solution: x, rcond: nil, rank: rank, method: .leastSquares, shape: shape)
    }

    /// LU factors of a finite square matrix with the 1-norm rcond estimate
    /// (dgetrf, dlange, dgecon); nil when a pivot is exactly zero.
    static func luFactors(_ a: Matrix) throws -> (lu: LUFactorization, rcond: Double)? {
        let n = a.rows
        let n32 = Int32(n)
        var lu = a.storage.array
        var pivots = [Int32](repeating: 0, count: n)
        var normWork = [Double](repeating: 0, count: 1)
        let anorm = LAPACKE_dlange_work(LAPACK_COL_MAJOR, lapackChar("1"), n32, n32, lu, n32, &normWork)
        let info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n32, n32, &lu, n32, &pivots)
        if info < 0 { throw MAMLError.lapack(routine: "dgetrf", info: Int(info)) }
        if info > 0 { return nil }
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 4 * n)
        var iwork = [Int32](repeating: 0, count: n)
        let cinfo = LAPACKE_dgecon_work(LAPACK_COL_MAJOR, lapackChar("1"), n32, lu, n32, anorm, &rcond, &work, &iwork)
        if cinfo != 0 { throw MAMLError.lapack(routine: "dgecon", info: Int(cinfo)) }
        return (LUFactorization(factors: Matrix(rows: n, cols: n, storage: lu), pivots: pivots), rcond)
    }

    /// The minimum-norm least-squares solution of A·X = B (LAPACK dgelsd,
    /// rcond = −1: singular values below ε·σmax count as zero) and the
    /// effective rank. A is m×n, B is m×k, both non-empty; A finite.
    static func leastSquares(_ a: Matrix, _ b: Matrix) throws -> (Matrix, Int) {
        let m = a.rows, n = a.cols, k = b.cols
        let ldb = Swift.max(1, m, n)
        var aa = a.storage.array
        var bb = [Double](repeating: 0, count: ldb * k)
        b.storage.withUnsafeBufferPointer { src in
            for j in 0..<k { for i in 0..<m { bb[i + j * ldb] = src[i + j * m] } }
        }
        var s = [Double](repeating: 0, count: Swift.min(m, n))
        var rank: Int32 = 0
        var query = 0.0
        var iquery: Int32 = 0
        let (m32, n32, k32, lda32, ldb32) = (Int32(m), Int32(n), Int32(k), Int32(Swift.max(1, m)), Int32(ldb))
        var info = LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, m32, n32, k32, &aa, lda32, &bb, ldb32, &s, -1,
                                       &rank, &query, -1, &iquery)
        if info != 0 { throw MAMLError.lapack(routine: "dgelsd", info: Int(info)) }
        var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
        var iwork = [Int32](repeating: 0, count: Swift.max(1, Int(iquery)))
        info = LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, m32, n32, k32, &aa, lda32, &bb, ldb32, &s, -1,
                                   &rank, &work, Int32(work.count), &iwork)
        if info != 0 { throw MAMLError.lapack(routine: "dgelsd", info: Int(info)) }
        var x = Matrix(rows: n, cols: k)
        x.storage.withUnsafeMutableBufferPointer { dst in
            for j in 0..<k { for i in 0..<n { dst[i + j * n] = bb[i + j * ldb] } }
        }
        return (x, Int(rank))
    }
}

import CLapack
import Foundation

/// The solution X of A·X = B (or X·A = B) for complex operands, with what a
/// caller needs to warn as Octave does (see `LinearSolution`).
public struct ComplexLinearSolution: Sendable {
    /// X.
    public let solution: ComplexMatrix
    /// The reciprocal condition number of a square A in the 1-norm (LAPACK
    /// zgecon; 0 when a pivot is exactly zero); nil when A is not square, is
    /// 1×1 or is empty.
    public let rcond: Double?
    /// The effective rank zgelsd found; nil unless solved by least squares.
    public let rank: Int?
    /// How the system was solved.
    public let method: LinearSolveMethod

    /// Octave's warning for this solve, or nil (the texts of `LinearSolution.warning`).
    public var warning: String? {
        if let r = rcond { return LinearSolution.singularityWarning(rcond: r) }
        return nil
    }
}

/// Linear systems, inverse, determinant, powers and the exponential of
/// complex matrices, through LAPACK's z-routines (zgetrf, zgetrs, zgecon,
/// zgetri, zgelsd), with the same rules as the real ones in
/// Matrix+LinearSolve.swift: a square A by LU with partial pivoting, the
/// minimum-norm least-squares solution (SVD) when A is singular to machine
/// precision (rcond + 1 == 1, Octave's test) or not square.
extension ComplexMatrix {
    /// X solving A·X = B for A = `a`, B = `b` (the operator `A \ B`).
    /// Throws `.shape` unless B has as many rows as A and `.notFinite` when A
    /// has NaN or ±∞ entries.
    public static func leftDivide(_ a: ComplexMatrix, _ b: ComplexMatrix) throws -> ComplexLinearSolution {
        guard a.rows == b.rows else {
            throw MAMLError.shape("A \\ B needs B with as many rows as A (A is \(a.shapeDescription), B is \(b.shapeDescription))")
        }
        try a.requireFinite("the matrix A")
        if a.rows == 0 || a.cols == 0 || b.cols == 0 {
            return ComplexLinearSolution(solution: ComplexMatrix(rows: a.cols, cols: b.cols), rcond: nil, rank: nil,
                                         method: a.isSquare ? .lu : .leastSquares)
        }
        if a.rows == 1 && a.cols == 1 {
            let d = a.entries[0]
            return ComplexLinearSolution(solution: b.map { $0 / d }, rcond: nil, rank: nil, method: .scalar)
        }
        if a.isSquare, let factored = try a.luFactors() {
            let rcond = factored.rcond
            if !(rcond.isNaN || rcond + 1 == 1) {
                return ComplexLinearSolution(solution: factored.solve(b), rcond: rcond, rank: nil, method: .lu)
            }
            let (x, rank) = try leastSquares(a, b)
            return ComplexLinearSolution(solution: x, rcond: rcond, rank: rank, method: .leastSquares)
        }
        let (x, rank) = try leastSquares(a, b)
        return ComplexLinearSolution(solution: x, rcond: a.isSquare ? 0 : nil, rank: rank, method: .leastSquares)
    }

    /// X solving X·A = B (the operator `B / A`), through Aᵀ·Xᵀ = Bᵀ (plain
    /// transposes). Throws `.shape` unless B has as many columns as A.
    public static func rightDivide(_ b: ComplexMatrix, _ a: ComplexMatrix) throws -> ComplexLinearSolution {
        guard a.cols == b.cols else {
            throw MAMLError.shape("B / A needs B with as many columns as A (B is \(b.shapeDescription), A is \(a.shapeDescription))")
        }
        let s = try leftDivide(a.transposed, b.transposed)
        return ComplexLinearSolution(solution: s.solution.transposed, rcond: s.rcond, rank: s.rank, method: s.method)
    }

    /// X solving M·X = B; throws `.singular` (naming `name`) when M is
    /// singular to machine precision, instead of a least-squares answer.
    public func solve(_ rhs: ComplexMatrix, name: String = "the matrix") throws -> ComplexMatrix {
        try requireSquare(name)
        try requireFinite(name)
        guard rhs.rows == rows else {
            throw MAMLError.shape("cannot solve with \(name) (\(shapeDescription)) and a right-hand side with \(rhs.rows) rows")
        }
        guard let f = try luFactors(), !(f.rcond.isNaN || f.rcond + 1 == 1) else {
            throw MAMLError.singular("\(name) is singular to working precision")
        }
        return f.solve(rhs)
    }

    /// The inverse with its reciprocal condition number (zgetrf, zgecon,
    /// zgetri). As Octave, an exactly singular matrix gives a matrix of +∞
    /// and rcond 0 (the caller warns when rcond + 1 == 1). Throws `.shape`
    /// unless square and `.notFinite` for NaN or ±∞ entries.
    public func inverseWithCondition(name: String = "the matrix") throws -> (inverse: ComplexMatrix, rcond: Double) {
        try requireSquare(name)
        try requireFinite(name)
        let n = rows
        if n == 0 { return (self, .infinity) }
        guard let f = try luFactors() else {
            return (ComplexMatrix(rows: n, cols: n, repeating: Complex(.infinity, 0)), 0)
        }
        var a = f.factors
        var pivots = f.pivots
        let n32 = Int32(n)
        var query = [Complex](repeating: .zero, count: 1)
        var info = a.withLapackPointer { ap in query.withLapackPointer { LAPACKE_zgetri_work(LAPACK_COL_MAJOR, n32, ap, n32, &pivots, $0, -1) } }
        if info != 0 { throw MAMLError.lapack(routine: "zgetri", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        let lwork = Int32(work.count)
        info = a.withLapackPointer { ap in work.withLapackPointer { LAPACKE_zgetri_work(LAPACK_COL_MAJOR, n32, ap, n32, &pivots, $0, lwork) } }
        if info != 0 { throw MAMLError.lapack(routine: "zgetri", info: Int(info)) }
        return (ComplexMatrix(rows: n, cols: n, entries: a), f.rcond)
    }

    /// M⁻¹; throws `.singular` when M is singular to machine precision.
    public func inverse(name: String = "the matrix") throws -> ComplexMatrix {
        try solve(.identity(rows), name: name)
    }

    /// det(M) = ±∏ U_ii from the LU factors (zgetrf); 1 for the 0×0 matrix.
    /// Throws `.shape` unless square and `.notFinite` for NaN or ±∞ entries.
    public func determinant() throws -> Complex {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        let n = rows
        if n == 0 { return .one }
        var a = entries
        var pivots = [Int32](repeating: 0, count: n)
        let n32 = Int32(n)
        let info = a.withLapackPointer { LAPACKE_zgetrf_work(LAPACK_COL_MAJOR, n32, n32, $0, n32, &pivots) }
        if info < 0 { throw MAMLError.lapack(routine: "zgetrf", info: Int(info)) }
        var d = Complex.one
        for i in 0..<n {
            d *= a[i + i * n]
            if pivots[i] != Int32(i + 1) { d = -d }
        }
        return d
    }

    /// Mᵏ for an integer k: repeated squaring (about 2·log₂|k| products);
    /// M⁰ = I; a negative k inverts first (throws `.singular` when M is
    /// singular to machine precision). Throws `.shape` unless square.
    public func power(_ k: Int) throws -> ComplexMatrix {
        try requireSquare("the matrix")
        var base = k < 0 ? try inverse() : self
        var result = ComplexMatrix.identity(rows)
        var e = k.magnitude
        var first = true
        while e > 0 {
            if e & 1 == 1 { result = first ? base : result * base; first = false }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// e^M by scaling and squaring with a diagonal Padé approximant (Higham
    /// 2005, Algorithm 2.3), the method of `Matrix.exponential()` in complex
    /// arithmetic. Throws `.shape` unless square and `.notFinite` for NaN or
    /// ±∞ entries.
    public func exponential() throws -> ComplexMatrix {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        let n = rows
        if n == 0 { return self }
        if n == 1 { return ComplexMatrix(rows: 1, cols: 1, entries: [entries[0].exp]) }
        let norm = oneNorm
        let bounds: [(Int, Double)] = [(3, 1.495585217958292e-2), (5, 2.539398330063230e-1),
                                       (7, 9.504178996162932e-1), (9, 2.097847961257068e0)]
        for (m, theta) in bounds where norm <= theta {
            return try ComplexMatrix.padeQuotient(padeTerms(degree: m))
        }
        let s = Swift.max(0, Int((Foundation.log2(norm / 5.371920351148152)).rounded(.up)))
        let scaled = map { Complex(scalbn($0.re, -s), scalbn($0.im, -s)) }
        var x = try ComplexMatrix.padeQuotient(scaled.padeTerms13())
        for _ in 0..<s { x = x * x }
        return x
    }

    /// U (odd part) and V (even part) of the [m/m] Padé approximant, m = 3, 5, 7, 9.
    private func padeTerms(degree m: Int) -> (u: ComplexMatrix, v: ComplexMatrix) {
        let b = ComplexMatrix.padeCoefficients[m] ?? []
        let a2 = self * self
        var power = ComplexMatrix.identity(rows)
        var odd = ComplexMatrix(rows: rows, cols: cols)
        var even = ComplexMatrix(rows: rows, cols: cols)
        for j in 0...(m / 2) {
            if j > 0 { power = power * a2 }
            odd += b[2 * j + 1] * power
            even += b[2 * j] * power
        }
        return (self * odd, even)
    }

    /// U and V of the [13/13] approximant (Higham 2005, (2.12)).
    private func padeTerms13() -> (u: ComplexMatrix, v: ComplexMatrix) {
        let b = ComplexMatrix.padeCoefficients[13] ?? []
        let id = ComplexMatrix.identity(rows)
        let a2 = self * self, a4 = a2 * a2, a6 = a4 * a2
        let uInner = a6 * (b[13] * a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * id
        let v = a6 * (b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * id
        return (self * uInner, v)
    }

    private static let padeCoefficients: [Int: [Double]] = [
        3: [120, 60, 12, 1],
        5: [30240, 15120, 3360, 420, 30, 1],
        7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
        9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
        13: [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
             10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1],
    ]

    /// r = (V − U)⁻¹(V + U).
    private static func padeQuotient(_ t: (u: ComplexMatrix, v: ComplexMatrix)) throws -> ComplexMatrix {
        guard let f = try (t.v - t.u).luFactors() else {
            throw MAMLError.singular("the Padé denominator of expm is singular")
        }
        return f.solve(t.v + t.u)
    }

    // MARK: Kernels

    /// LU factors of a square finite matrix (zgetrf) with the 1-norm rcond
    /// estimate (zgecon); nil when a pivot is exactly zero.
    func luFactors() throws -> ComplexLU? {
        let n = rows
        let n32 = Int32(n)
        var a = entries
        var pivots = [Int32](repeating: 0, count: n)
        let anorm = oneNorm
        let info = a.withLapackPointer { LAPACKE_zgetrf_work(LAPACK_COL_MAJOR, n32, n32, $0, n32, &pivots) }
        if info < 0 { throw MAMLError.lapack(routine: "zgetrf", info: Int(info)) }
        if info > 0 { return nil }
        var rcond = 0.0
        var work = [Complex](repeating: .zero, count: 2 * n)
        var rwork = [Double](repeating: 0, count: 2 * n)
        let cinfo = a.withLapackPointer { ap in
            work.withLapackPointer { LAPACKE_zgecon_work(LAPACK_COL_MAJOR, lapackChar("1"), n32, ap, n32, anorm, &rcond, $0, &rwork) }
        }
        if cinfo != 0 { throw MAMLError.lapack(routine: "zgecon", info: Int(cinfo)) }
        return ComplexLU(n: n, factors: a, pivots: pivots, rcond: rcond)
    }

    /// The minimum-norm least-squares solution (zgelsd, singular values
    /// below ε·σmax count as zero) and the effective rank; A, B non-empty.
    static func leastSquares(_ a: ComplexMatrix, _ b: ComplexMatrix) throws -> (ComplexMatrix, Int) {
        let m = a.rows, n = a.cols, k = b.cols
        let ldb = Swift.max(1, m, n)
        var aa = a.entries
        var bb = [Complex](repeating: .zero, count: ldb * k)
        for j in 0..<k { for i in 0..<m { bb[i + j * ldb] = b.entries[i + j * m] } }
        var s = [Double](repeating: 0, count: Swift.min(m, n))
        var rank: Int32 = 0
        var query = [Complex](repeating: .zero, count: 1)
        var rquery = 0.0
        var iquery: Int32 = 0
        let (m32, n32, k32, lda32, ldb32) = (Int32(m), Int32(n), Int32(k), Int32(Swift.max(1, m)), Int32(ldb))
        var info = aa.withLapackPointer { ap in bb.withLapackPointer { bp in query.withLapackPointer {
            LAPACKE_zgelsd_work(LAPACK_COL_MAJOR, m32, n32, k32, ap, lda32, bp, ldb32, &s, -1, &rank, $0, -1, &rquery, &iquery)
        } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgelsd", info: Int(info)) }
        var work = [Complex](repeating: .zero, count: Swift.max(1, Int(query[0].re)))
        var rwork = [Double](repeating: 0, count: Swift.max(1, Int(rquery)))
        var iwork = [Int32](repeating: 0, count: Swift.max(1, Int(iquery)))
        let lwork = Int32(work.count)
        info = aa.withLapackPointer { ap in bb.withLapackPointer { bp in work.withLapackPointer {
            LAPACKE_zgelsd_work(LAPACK_COL_MAJOR, m32, n32, k32, ap, lda32, bp, ldb32, &s, -1, &rank, $0, lwork, &rwork, &iwork)
        } } }
        if info != 0 { throw MAMLError.lapack(routine: "zgelsd", info: Int(info)) }
        var x = ComplexMatrix(rows: n, cols: k)
        for j in 0..<k { for i in 0..<n { x.entries[i + j * n] = bb[i + j * ldb] } }
        return (x, Int(rank))
    }
}

/// LU factors of a complex square matrix (zgetrf), reusable for many right-hand sides.
struct ComplexLU: Sendable {
    let n: Int
    let factors: [Complex]
    let pivots: [Int32]
    let rcond: Double

    /// X solving M·X = B (zgetrs).
    func solve(_ rhs: ComplexMatrix) -> ComplexMatrix {
        if rhs.cols == 0 || n == 0 { return rhs }
        var b = rhs.entries
        var a = factors
        let n32 = Int32(n)
        _ = a.withLapackPointer { ap in
            b.withLapackPointer { LAPACKE_zgetrs_work(LAPACK_COL_MAJOR, lapackChar("N"), n32, Int32(rhs.cols), ap, n32, pivots, $0, n32) }
        }
        return ComplexMatrix(rows: rhs.rows, cols: rhs.cols, entries: b)
    }
}

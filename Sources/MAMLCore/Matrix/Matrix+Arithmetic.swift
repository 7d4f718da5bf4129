import CLapack

/// Element-wise and matrix arithmetic. Shapes are preconditions here: callers
/// that take shapes from the user check them first (see `requireShape`).
extension Matrix {
    /// M + N, entry by entry.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "shape mismatch in +")
        var out = lhs
        out.storage.withUnsafeMutableBufferPointer { o in
            rhs.storage.withUnsafeBufferPointer { r in
                for k in 0..<o.count { o[k] += r[k] }
            }
        }
        return out
    }

    /// M − N, entry by entry.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols, "shape mismatch in -")
        var out = lhs
        out.storage.withUnsafeMutableBufferPointer { o in
            rhs.storage.withUnsafeBufferPointer { r in
                for k in 0..<o.count { o[k] -= r[k] }
            }
        }
        return out
    }

    /// −M.
    public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

    /// s·M.
    public static func * (s: Double, m: Matrix) -> Matrix { m.map { s * $0 } }

    /// M·s.
    public static func * (m: Matrix, s: Double) -> Matrix { m.map { s * $0 } }

    /// M += N.
    public static func += (lhs: inout Matrix, rhs: Matrix) { lhs = lhs + rhs }

    /// M += s·N, in place (no temporary).
    public mutating func addScaled(_ n: Matrix, _ s: Double) {
        precondition(rows == n.rows && cols == n.cols, "shape mismatch in addScaled")
        storage.withUnsafeMutableBufferPointer { o in
            n.storage.withUnsafeBufferPointer { r in
                for k in 0..<o.count { o[k] += s * r[k] }
            }
        }
    }

    /// M −= N.
    public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs = lhs - rhs }

    /// The matrix product M·N (BLAS dgemm for large operands).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.cols == rhs.rows, "shape mismatch in *")
        return lhs.multiplied(by: rhs)
    }

    /// f applied to every entry.
    public func map(_ f: (Double) -> Double) -> Matrix {
        var out = self
        out.storage.withUnsafeMutableBufferPointer { b in
            for k in 0..<b.count { b[k] = f(b[k]) }
        }
        return out
    }

    /// f applied to matching entries of two equally shaped matrices.
    public func zipMap(_ other: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch in element-wise operation")
        var out = self
        out.storage.withUnsafeMutableBufferPointer { o in
            other.storage.withUnsafeBufferPointer { b in
                for k in 0..<o.count { o[k] = f(o[k], b[k]) }
            }
        }
        return out
    }

    /// Frobenius inner product ⟨M, N⟩ = tr(MᵀN).
    public func dot(_ other: Matrix) -> Double {
        precondition(rows == other.rows && cols == other.cols, "shape mismatch in dot")
        return storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                var s = 0.0
                for k in 0..<a.count { s += a[k] * b[k] }
                return s
            }
        }
    }

    /// Products with fewer multiply-adds than this use plain loops; larger
    /// ones go to BLAS, whose call overhead then pays off.
    static let blasThreshold = 16 * 16 * 16

    /// op(M)·op(N) with optional transposes, without forming the transposes.
    public func multiplied(by rhs: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? cols : rows
        let k = transposeSelf ? rows : cols
        let k2 = transposeOther ? rhs.cols : rhs.rows
        let n = transposeOther ? rhs.rows : rhs.cols
        precondition(k == k2, "shape mismatch in product")
        var out = Matrix(rows: m, cols: n)
        if m == 0 || n == 0 { return out }
        if k == 0 { return out }
        if m * n * k >= Matrix.blasThreshold {
            _ = singleThreadedBLAS
            storage.withUnsafeBufferPointer { a in
                rhs.storage.withUnsafeBufferPointer { b in
                    out.storage.withUnsafeMutableBufferPointer { c in
                        cblas_dgemm(CblasColMajor,
                                    transposeSelf ? CblasTrans : CblasNoTrans,
                                    transposeOther ? CblasTrans : CblasNoTrans,
                                    Int32(m), Int32(n), Int32(k), 1.0,
                                    a.baseAddress, Int32(Swift.max(1, rows)),
                                    b.baseAddress, Int32(Swift.max(1, rhs.rows)),
                                    0.0, c.baseAddress, Int32(Swift.max(1, m)))
                    }
                }
            }
            return out
        }
        // op(A)[i, p] = a[i·ai + p·ap], op(B)[p, j] = b[p·bp + j·bj]. The
        // inner loop runs over contiguous memory: columns of A (times a
        // scalar of op(B)) unless A is transposed, then dot products of
        // columns of A and B.
        let (ai, ap) = transposeSelf ? (rows, 1) : (1, rows)
        let (bp, bj) = transposeOther ? (rhs.rows, 1) : (1, rhs.rows)
        storage.withUnsafeBufferPointer { a in
            rhs.storage.withUnsafeBufferPointer { b in
                out.storage.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    if !transposeSelf {
                        for j in 0..<n {
                            let cj = c + j * m
                            for p in 0..<k {
                                let bpj = b[p * bp + j * bj]
                                let ap0 = a + p * ap
                                for i in 0..<m { cj[i] += ap0[i] * bpj }
                            }
                        }
                    } else if !transposeOther {
                        for j in 0..<n {
                            let bj0 = b + j * bj
                            for i in 0..<m {
                                let ai0 = a + i * ai
                                var sum = 0.0
                                for p in 0..<k { sum += ai0[p] * bj0[p] }
                                c[i + j * m] = sum
                            }
                        }
                    } else {
                        for j in 0..<n {
                            for p in 0..<k {
                                let bpj = b[p * bp + j * bj]
                                for i in 0..<m { c[i + j * m] += a[i * ai + p * ap] * bpj }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Mᵀ·N without forming Mᵀ.
    public func transposeTimes(_ rhs: Matrix) -> Matrix { multiplied(by: rhs, transposeSelf: true) }

    /// M·Nᵀ without forming Nᵀ.
    public func timesTranspose(_ rhs: Matrix) -> Matrix { multiplied(by: rhs, transposeOther: true) }
}

/// Dense Gaussian elimination with partial pivoting for small systems,
/// written out in Swift: at these sizes a LAPACK call costs more than the
/// arithmetic. Used by the Kronecker path of the Stein solver (order n²) and,
/// through the static kernels, by the 1×1…4×4 block solves of the
/// Bartels–Stewart/Kitagawa back-substitution.
struct SmallLU: Sendable {
    /// Order k of the system.
    let k: Int
    /// L (unit lower, implicit) and U, column-major k×k.
    private(set) var factors: MatrixStorage
    /// Row interchanges: at step i, row i was swapped with row pivots[i]
    /// (small integers, kept as exact doubles so they stay inline too; the
    /// static kernels use the same encoding).
    private(set) var pivots: MatrixStorage

    /// Factorizes the column-major k×k matrix `a`; nil when a pivot is zero
    /// or not finite.
    init?(_ a: MatrixStorage, k: Int) {
        precondition(a.count == k * k)
        self.k = k
        self.factors = a
        self.pivots = MatrixStorage(repeating: 0, count: k)
        guard k > 0 else { return }
        let ok: Bool = factors.withUnsafeMutableBufferPointer { f in
            pivots.withUnsafeMutableBufferPointer { p in
                guard let fa = f.baseAddress, let pa = p.baseAddress else { return false }
                return SmallLU.factorInPlace(fa, pa, k: k)
            }
        }
        if !ok { return nil }
    }

    /// In-place LU of a column-major k×k matrix; false when a pivot is zero
    /// or not finite (uniqueness of the solution is the caller's check).
    @inline(__always)
    static func factorInPlace(_ a: UnsafeMutablePointer<Double>, _ piv: UnsafeMutablePointer<Double>, k: Int) -> Bool {
        for c in 0..<k {
            var p = c
            var best = abs(a[c + c * k])
            for r in (c + 1)..<k where abs(a[r + c * k]) > best {
                best = abs(a[r + c * k]); p = r
            }
            if !(best > 0) || !best.isFinite { return false }
            piv[c] = Double(p)
            if p != c {
                for j in 0..<k { let t = a[c + j * k]; a[c + j * k] = a[p + j * k]; a[p + j * k] = t }
            }
            let inv = 1.0 / a[c + c * k]
            for r in (c + 1)..<k { a[r + c * k] *= inv }
            for j in (c + 1)..<k {
                let acj = a[c + j * k]
                for r in (c + 1)..<k { a[r + j * k] -= a[r + c * k] * acj }
            }
        }
        return true
    }

    /// Solves M x = b in place, from factors made by `factorInPlace`.
    @inline(__always)
    static func solveInPlace(_ a: UnsafePointer<Double>, _ piv: UnsafePointer<Double>, k: Int, _ b: UnsafeMutablePointer<Double>) {
        for c in 0..<k {
            let p = Int(piv[c])
            if p != c { let t = b[c]; b[c] = b[p]; b[p] = t }
        }
        for c in 0..<k {
            let bc = b[c]
            for r in (c + 1)..<k { b[r] -= a[r + c * k] * bc }
        }
        var c = k - 1
        while c >= 0 {
            b[c] /= a[c + c * k]
            let bc = b[c]
            for r in 0..<c { b[r] -= a[r + c * k] * bc }
            c -= 1
        }
    }

    /// x solving M x = b (`transposed`: Mᵀ x = b), b of length k.
    func solve(_ b: MatrixStorage, transposed: Bool = false) -> MatrixStorage {
        precondition(b.count == k)
        var x = b
        let k = self.k
        factors.withUnsafeBufferPointer { f in
            pivots.withUnsafeBufferPointer { p in
                x.withUnsafeMutableBufferPointer { xb in
                    guard let a = f.baseAddress, let piv = p.baseAddress, let v = xb.baseAddress else { return }
                    if transposed {
                        SmallLU.solveTransposedInPlace(a, piv, k: k, v)
                    } else {
                        SmallLU.solveInPlace(a, piv, k: k, v)
                    }
                }
            }
        }
        return x
    }

    /// Solves Mᵀ x = b in place, from factors made by `factorInPlace`:
    /// P·M = L·U, so Mᵀ = Uᵀ·Lᵀ·P; solve Uᵀy = b, Lᵀz = y, then x = Pᵀz.
    @inline(__always)
    static func solveTransposedInPlace(_ a: UnsafePointer<Double>, _ piv: UnsafePointer<Double>, k: Int, _ v: UnsafeMutablePointer<Double>) {
        for c in 0..<k {
            var s = v[c]
            for r in 0..<c { s -= a[r + c * k] * v[r] }
            v[c] = s / a[c + c * k]
        }
        var c = k - 1
        while c >= 0 {
            var s = v[c]
            for r in (c + 1)..<k { s -= a[r + c * k] * v[r] }
            v[c] = s
            c -= 1
        }
        c = k - 1
        while c >= 0 {
            let p = Int(piv[c])
            if p != c { let t = v[c]; v[c] = v[p]; v[p] = t }
            c -= 1
        }
    }
}

/// Dense Gaussian elimination with partial pivoting for small systems
/// (k ≤ ~16), written out in Swift: at these sizes a LAPACK call costs more
/// than the arithmetic. Used by the Kronecker path of the Stein solver and by
/// the 1×1…4×4 block solves of the Bartels–Stewart/Kitagawa kernel.
struct SmallLU: Sendable {
    let k: Int
    /// L (unit lower, implicit) and U, column-major.
    private(set) var factors: [Double]
    /// Row interchanges: at step i, row i was swapped with pivots[i].
    private(set) var pivots: [Int]

    /// Factorizes the column-major k×k matrix `a`; nil when a pivot is zero
    /// or tiny against the largest entry (singular to working precision).
    init?(_ a: [Double], k: Int) {
        self.k = k
        self.factors = a
        self.pivots = Array(0..<k)
        guard k > 0 else { return }
        let ok = factors.withUnsafeMutableBufferPointer { f in
            pivots.withUnsafeMutableBufferPointer { p in
                guard let fa = f.baseAddress, let pa = p.baseAddress else { return false }
                return SmallLU.factorInPlace(fa, pa, k: k)
            }
        }
        if !ok { return nil }
    }

    /// In-place LU of a column-major k×k matrix; false when singular.
    @inline(__always)
    static func factorInPlace(_ a: UnsafeMutablePointer<Double>, _ piv: UnsafeMutablePointer<Int>, k: Int) -> Bool {
        var scale = 0.0
        for q in 0..<(k * k) { scale = max(scale, abs(a[q])) }
        if !(scale > 0) || !scale.isFinite { return false }
        let tiny = scale * 1e-14
        for c in 0..<k {
            var p = c
            var best = abs(a[c + c * k])
            for r in (c + 1)..<k where abs(a[r + c * k]) > best {
                best = abs(a[r + c * k]); p = r
            }
            if !(best > tiny) { return false }
            piv[c] = p
            if p != c {
                for j in 0..<k { let t = a[c + j * k]; a[c + j * k] = a[p + j * k]; a[p + j * k] = t }
            }
            let inv = 1.0 / a[c + c * k]
            for r in (c + 1)..<k { a[r + c * k] *= inv }
            for j in (c + 1)..<k {
                let acj = a[c + j * k]
                if acj == 0 { continue }
                for r in (c + 1)..<k { a[r + j * k] -= a[r + c * k] * acj }
            }
        }
        return true
    }

    /// Solves M x = b in place, from factors made by `factorInPlace`.
    @inline(__always)
    static func solveInPlace(_ a: UnsafePointer<Double>, _ piv: UnsafePointer<Int>, k: Int, _ b: UnsafeMutablePointer<Double>) {
        for c in 0..<k where piv[c] != c { let t = b[c]; b[c] = b[piv[c]]; b[piv[c]] = t }
        for c in 0..<k {
            let bc = b[c]
            if bc != 0 { for r in (c + 1)..<k { b[r] -= a[r + c * k] * bc } }
        }
        var c = k - 1
        while c >= 0 {
            b[c] /= a[c + c * k]
            let bc = b[c]
            for r in 0..<c { b[r] -= a[r + c * k] * bc }
            c -= 1
        }
    }

    /// Solves Mᵀ x = b in place.
    @inline(__always)
    static func solveTransposedInPlace(_ a: UnsafePointer<Double>, _ piv: UnsafePointer<Int>, k: Int, _ b: UnsafeMutablePointer<Double>) {
        // Mᵀ = Uᵀ Lᵀ Pᵀ... with P M = L U: Mᵀ = Uᵀ Lᵀ P, so solve Uᵀ y = b, Lᵀ z = y, x = Pᵀ z.
        for c in 0..<k {
            var s = b[c]
            for r in 0..<c { s -= a[r + c * k] * b[r] }
            b[c] = s / a[c + c * k]
        }
        var c = k - 1
        while c >= 0 {
            var s = b[c]
            for r in (c + 1)..<k { s -= a[r + c * k] * b[r] }
            b[c] = s
            c -= 1
        }
        c = k - 1
        while c >= 0 {
            if piv[c] != c { let t = b[c]; b[c] = b[piv[c]]; b[piv[c]] = t }
            c -= 1
        }
    }

    /// x solving M x = b.
    func solve(_ b: [Double]) -> [Double] {
        var x = b
        guard k > 0, b.count == k else { return x }
        factors.withUnsafeBufferPointer { f in
            pivots.withUnsafeBufferPointer { p in
                x.withUnsafeMutableBufferPointer { xb in
                    guard let fa = f.baseAddress, let pa = p.baseAddress, let xa = xb.baseAddress else { return }
                    SmallLU.solveInPlace(fa, pa, k: k, xa)
                }
            }
        }
        return x
    }

    /// x solving Mᵀ x = b.
    func solveTransposed(_ b: [Double]) -> [Double] {
        var x = b
        guard k > 0, b.count == k else { return x }
        factors.withUnsafeBufferPointer { f in
            pivots.withUnsafeBufferPointer { p in
                x.withUnsafeMutableBufferPointer { xb in
                    guard let fa = f.baseAddress, let pa = p.baseAddress, let xa = xb.baseAddress else { return }
                    SmallLU.solveTransposedInPlace(fa, pa, k: k, xa)
                }
            }
        }
        return x
    }
}

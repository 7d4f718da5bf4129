/// Matrix norms that need no factorization (the spectral norm is in
/// Matrix+Decompositions.swift, from the singular values).
extension Matrix {
    /// ‖M‖₁, the largest sum of absolute values of a column (0 when empty;
    /// NaN when an entry is NaN).
    public var oneNorm: Double {
        storage.withUnsafeBufferPointer { b in
            var best = 0.0
            for j in 0..<cols {
                var s = 0.0
                for i in 0..<rows { s += Swift.abs(b[i + j * rows]) }
                if s.isNaN { return .nan }
                best = Swift.max(best, s)
            }
            return best
        }
    }

    /// ‖M‖∞, the largest sum of absolute values of a row (0 when empty;
    /// NaN when an entry is NaN).
    public var infinityNorm: Double {
        storage.withUnsafeBufferPointer { b in
            var sums = [Double](repeating: 0, count: rows)
            for j in 0..<cols { for i in 0..<rows { sums[i] += Swift.abs(b[i + j * rows]) } }
            var best = 0.0
            for s in sums {
                if s.isNaN { return .nan }
                best = Swift.max(best, s)
            }
            return best
        }
    }
}

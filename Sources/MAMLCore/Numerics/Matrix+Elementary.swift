import Foundation

/// Everyday matrix operations with Octave's names and semantics: `tril`,
/// `triu`, `circshift`, `cumsum`, `cumprod`, `cummax`, `cummin` along a
/// dimension, and `norm(v, p)` of a vector. Dimensions are 1-based as in
/// Octave (see `Lanes`); nil means Octave's default, the first dimension of
/// size other than 1.
extension Matrix {
    /// Octave's `tril(A, k)`: the entries on and below the k-th diagonal
    /// (j − i ≤ k; k = 0 the main diagonal, k > 0 above it), zeros elsewhere.
    public func lowerTriangle(_ k: Int = 0) -> Matrix {
        var out = self
        for j in 0..<cols { for i in 0..<rows where j - i > k { out[i, j] = 0 } }
        return out
    }

    /// Octave's `triu(A, k)`: the entries on and above the k-th diagonal
    /// (j − i ≥ k), zeros elsewhere.
    public func upperTriangle(_ k: Int = 0) -> Matrix {
        var out = self
        for j in 0..<cols { for i in 0..<rows where j - i < k { out[i, j] = 0 } }
        return out
    }

    /// Octave's `circshift(x, n, dim)`: the entries moved n places along
    /// `dimension` (down for 1, right for 2; n < 0 the other way), those
    /// that fall off one end coming back at the other. Throws `.argument`
    /// naming dim for a dimension below 1.
    public func circularlyShifted(_ n: Int, dimension: Int? = nil) throws -> Matrix {
        let lanes = try self.lanes(dimension)
        let len = lanes.length
        if len <= 1 || count == 0 { return self }
        let shift = ((n % len) + len) % len
        if shift == 0 { return self }
        var out = self
        for lane in 0..<lanes.count {
            for k in 0..<len {
                out.storage[lanes.index(lane: lane, (k + shift) % len)] = storage[lanes.index(lane: lane, k)]
            }
        }
        return out
    }

    /// Octave's `cumsum(x, dim)`: running sums along the dimension (x's shape).
    public func cumulativeSum(dimension: Int? = nil) throws -> Matrix {
        try cumulative(dimension) { $0 + $1 }
    }

    /// Octave's `cumprod(x, dim)`: running products along the dimension.
    public func cumulativeProduct(dimension: Int? = nil) throws -> Matrix {
        try cumulative(dimension) { $0 * $1 }
    }

    private func cumulative(_ dimension: Int?, _ combine: (Double, Double) -> Double) throws -> Matrix {
        let lanes = try self.lanes(dimension)
        var out = self
        for lane in 0..<lanes.count where lanes.length > 0 {
            var acc = storage[lanes.index(lane: lane, 0)]
            for k in 1..<Swift.max(1, lanes.length) {
                let i = lanes.index(lane: lane, k)
                acc = combine(acc, storage[i])
                out.storage[i] = acc
            }
        }
        return out
    }

    /// Octave's `[w, iw] = cummax(x, dim)`: the running maximum along the
    /// dimension and, for each, the 0-based position in its lane where it
    /// was attained (Octave's iw less one). NaN entries are ignored: until
    /// the first number the value is NaN and the position 0; a tie keeps the
    /// earlier position.
    public func cumulativeMaximum(dimension: Int? = nil) throws -> (values: Matrix, indices: [Int]) {
        try runningExtreme(dimension) { $0 > $1 }
    }

    /// Octave's `[w, iw] = cummin(x, dim)`: as `cumulativeMaximum` with the minimum.
    public func cumulativeMinimum(dimension: Int? = nil) throws -> (values: Matrix, indices: [Int]) {
        try runningExtreme(dimension) { $0 < $1 }
    }

    private func runningExtreme(_ dimension: Int?, _ better: (Double, Double) -> Bool) throws -> (values: Matrix, indices: [Int]) {
        let lanes = try self.lanes(dimension)
        var out = self
        var where_ = [Int](repeating: 0, count: count)
        for lane in 0..<lanes.count {
            var best = Double.nan
            var at = 0
            for k in 0..<lanes.length {
                let i = lanes.index(lane: lane, k)
                let v = storage[i]
                if !v.isNaN && (best.isNaN || better(v, best)) { best = v; at = k }
                out.storage[i] = best
                where_[i] = at
            }
        }
        return (out, where_)
    }

    /// Octave's `norm(v, p)` of a vector (a row, a column or any matrix read
    /// as its entries): (Σ|vᵢ|^p)^{1/p}, computed scaled by max|vᵢ| so that
    /// it neither overflows nor underflows; p = ∞ is max|vᵢ|, p = −∞ is
    /// min|vᵢ|, p = 0 the number of nonzero entries (Octave's "Hamming
    /// norm"). A NaN entry gives NaN. Throws `.argument` naming p for NaN.
    public func vectorNorm(p: Double = 2) throws -> Double {
        if p.isNaN { throw MAMLError.argument(name: "p", message: "norm: p must be a number (it is NaN)") }
        let values = storage.array
        if values.contains(where: { $0.isNaN }) { return .nan }
        if values.isEmpty { return 0 }
        let mags = values.map { Swift.abs($0) }
        if p == .infinity { return mags.max() ?? 0 }
        if p == -.infinity { return mags.min() ?? 0 }
        if p == 0 { return Double(mags.filter { $0 != 0 }.count) }
        let scale = mags.max() ?? 0
        if scale == 0 { return p > 0 ? 0 : 0 }
        if scale.isInfinite { return p > 0 ? .infinity : (mags.min() ?? 0) }
        if p == 1 { return mags.reduce(0, +) }
        var s = 0.0
        if p == 2 {
            for v in mags { let t = v / scale; s += t * t }
            return scale * s.squareRoot()
        }
        for v in mags { s += Foundation.pow(v / scale, p) }
        return scale * Foundation.pow(s, 1 / p)
    }
}

import MAMLCore

/// `sort`, `max` and `min` of complex values along a dimension, in
/// Octave's order: by modulus, then by argument in (−π, π]
/// (`Complex.octaveOrdered`; a NaN part sorts last ascending, first
/// descending, and is skipped by `max`/`min` unless a lane has nothing else).
enum ComplexLanes {
    /// Each lane of `z` along `dim` sorted, with the 1-based permutation
    /// (`[s, i] = sort(z)`); equal entries keep their order.
    static func sort(_ z: ComplexMatrix, dim: Int, descending: Bool) -> (sorted: ComplexMatrix, indices: Matrix) {
        let shape = Matrix(rows: z.rows, cols: z.cols)
        let (lanes, length, start, stride) = Lanes.count(shape, dim: dim)
        var out = z
        var indices = Matrix(rows: z.rows, cols: z.cols)
        for lane in 0..<lanes {
            let s = start(lane)
            let values = (0..<length).map { z.entries[s + $0 * stride] }
            let (sorted, order) = Complex.sortedOctave(values, descending: descending)
            for k in 0..<length {
                out.entries[s + k * stride] = sorted[k]
                indices.storage[s + k * stride] = Double(order[k] + 1)
            }
        }
        return (out, indices)
    }

    /// The product of each lane of `z` along `dim` (1 for an empty lane), or
    /// with `cumulative` the running products (z's shape).
    static func products(_ z: ComplexMatrix, dim: Int, cumulative: Bool) -> ComplexMatrix {
        let shape = Matrix(rows: z.rows, cols: z.cols)
        let (lanes, length, start, stride) = Lanes.count(shape, dim: dim)
        if cumulative {
            var out = z
            for lane in 0..<lanes {
                let s = start(lane)
                var p = Complex.one
                for k in 0..<length { p *= z.entries[s + k * stride]; out.entries[s + k * stride] = p }
            }
            return out
        }
        if z.rows == 0 && z.cols == 0 { return ComplexMatrix(rows: 1, cols: 1, repeating: .one) }
        let reduced = Lanes.reducedShape(shape, dim: dim, keepEmpty: false)
        var out = ComplexMatrix(rows: reduced.rows, cols: reduced.cols, repeating: .one)
        for lane in 0..<min(lanes, out.count) {
            let s = start(lane)
            var p = Complex.one
            for k in 0..<length { p *= z.entries[s + k * stride] }
            out.entries[lane] = p
        }
        return out
    }

    /// The largest (`largest`) or smallest entry of each lane of `z` along
    /// `dim`, with its 1-based index (the first, when tied); NaN entries
    /// (either part NaN) are skipped unless the whole lane is NaN, or, with
    /// `includeNaN`, the first of them is the lane's result.
    static func extremum(_ z: ComplexMatrix, dim: Int, largest: Bool, includeNaN: Bool = false) -> (values: ComplexMatrix, indices: Matrix) {
        let shape = Matrix(rows: z.rows, cols: z.cols)
        let reduced = Lanes.reducedShape(shape, dim: dim, keepEmpty: true)
        var values = ComplexMatrix(rows: reduced.rows, cols: reduced.cols)
        var indices = Matrix(rows: reduced.rows, cols: reduced.cols)
        if reduced.rows * reduced.cols == 0 { return (values, indices) }
        let (lanes, length, start, stride) = Lanes.count(shape, dim: dim)
        for lane in 0..<lanes {
            let s = start(lane)
            var best: Complex? = nil, at = 0
            for k in 0..<length {
                let v = z.entries[s + k * stride]
                if v.isNaN {
                    if includeNaN { best = v; at = k; break }
                    continue
                }
                if let b = best, !(largest ? Complex.octaveOrdered(b, before: v) : Complex.octaveOrdered(v, before: b)) { continue }
                best = v
                at = k
            }
            values.entries[lane] = best ?? Complex(.nan, 0)
            indices.storage[lane] = Double(at + 1)
        }
        return (values, indices)
    }
}

import Foundation

/// `mode`, `histc`, `histcounts` and the NaN-omitting reductions
/// (`mean(x, "omitnan")`, `max(x, [], "omitnan")`, `min(…)`), with Octave's
/// semantics (MATLAB's for `histcounts`, which Octave 7 lacks).
public enum Statistics {
    /// Octave's `[m, f, c] = mode(x, dim)`: the most frequent value of each
    /// lane, its count, and every value of the lane with that count (sorted
    /// ascending, NaN last; one array per lane, in the order of the result's
    /// entries). Ties go to the smallest value; NaN entries are each their
    /// own value (NaN ≠ NaN, as Octave's sort-and-diff counts them), so NaN is
    /// the mode only of a lane with no number, and a lane whose count is 1
    /// lists its NaN entries among the ties; an empty lane gives NaN with
    /// count 0 and no ties. Method: sort each lane and count runs.
    public static func mode(_ x: Matrix, dimension: Int? = nil) throws -> (mode: Matrix, frequency: Matrix, ties: [[Double]]) {
        let lanes = try x.lanes(dimension)
        let shape = reducedShape(x, lanes)
        var mode = Matrix(rows: shape.rows, cols: shape.cols, repeating: .nan)
        var freq = Matrix(rows: shape.rows, cols: shape.cols)
        var ties = [[Double]]()
        ties.reserveCapacity(lanes.count)
        for lane in 0..<lanes.count {
            let values = (0..<lanes.length).map { x.storage[lanes.index(lane: lane, $0)] }
            let numbers = values.filter { !$0.isNaN }.sorted()
            let nans = values.count - numbers.count
            var best = Double.nan, bestCount = nans > 0 ? 1 : 0
            var runs = [(value: Double, count: Int)]()
            var i = 0
            while i < numbers.count {
                var j = i
                while j < numbers.count && numbers[j] == numbers[i] { j += 1 }
                runs.append((numbers[i], j - i))
                if j - i > bestCount || (j - i == bestCount && best.isNaN) { best = numbers[i]; bestCount = j - i }
                i = j
            }
            mode.storage[lane] = best
            freq.storage[lane] = Double(bestCount)
            var laneTies = runs.filter { $0.count == bestCount }.map(\.value)
            if bestCount == 1 { laneTies += [Double](repeating: .nan, count: nans) }
            ties.append(laneTies)
        }
        return (mode, freq, ties)
    }

    /// Octave's `histc(x, edges, dim)`: for each lane, n(k) counts the
    /// entries with edges(k) ≤ x < edges(k+1), and the last count the entries
    /// equal to edges(end); entries outside and NaN are not counted. The
    /// counts run along the dimension (numel(edges) of them); a vector x keeps
    /// its orientation. Throws `.argument` naming edges unless they are
    /// non-decreasing and not NaN.
    public static func histc(_ x: Matrix, edges: [Double], dimension: Int? = nil) throws -> Matrix {
        try requireEdges(edges, "histc")
        let lanes = try x.lanes(dimension)
        let k = edges.count
        var out = lanes.dimension == 1 ? Matrix(rows: k, cols: x.cols) : Matrix(rows: x.rows, cols: k)
        if lanes.dimension >= 3 { out = Matrix(rows: x.rows, cols: x.cols) }
        for lane in 0..<lanes.count {
            var counts = [Double](repeating: 0, count: k)
            for i in 0..<lanes.length {
                let v = x.storage[lanes.index(lane: lane, i)]
                if let bin = bin(of: v, edges: edges, closedLast: false) { counts[bin] += 1 }
            }
            for (b, c) in counts.enumerated() {
                switch lanes.dimension {
                case 1: out[b, lane] = c
                case 2: out[lane, b] = c
                default: if b == 0 { out.storage[lane] = c }
                }
            }
        }
        return out
    }

    /// MATLAB's `histcounts(x, edges)`: the counts of the numel(edges) − 1
    /// bins [e_k, e_{k+1}), the last bin closed [e_{end−1}, e_end], over all
    /// entries of x (NaN and entries outside not counted), as a row. Throws
    /// as `histc`, and `.argument` naming edges for fewer than two.
    public static func histcounts(_ x: Matrix, edges: [Double]) throws -> [Double] {
        try requireEdges(edges, "histcounts")
        guard edges.count >= 2 else {
            throw MAMLError.argument(name: "edges", message: "histcounts: edges must have at least 2 entries (it has \(edges.count))")
        }
        var counts = [Double](repeating: 0, count: edges.count - 1)
        for v in x.storage {
            if let b = bin(of: v, edges: edges, closedLast: true), b < counts.count { counts[b] += 1 }
        }
        return counts
    }

    /// `histcounts(x, nbins)`: `nbins` equal bins from min(x) to max(x)
    /// (NumPy's `histogram(x, bins=nbins)` edges; min − 0.5 to max + 0.5 when
    /// all entries are equal, 0 to 1 when there are none), returning the
    /// counts and the edges. (MATLAB picks rounder edges unless given
    /// BinLimits; these are the plain ones.) Throws `.argument` naming nbins
    /// unless positive.
    public static func histcounts(_ x: Matrix, bins nbins: Int) throws -> (counts: [Double], edges: [Double]) {
        guard nbins >= 1 else { throw MAMLError.argument(name: "nbins", message: "histcounts: nbins must be a positive integer (it is \(nbins))") }
        let finite = x.storage.filter { $0.isFinite }
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if lo == hi { lo -= 0.5; hi += 0.5 }
        let edges = (0...nbins).map { $0 == nbins ? hi : lo + (hi - lo) * Double($0) / Double(nbins) }
        return (try histcounts(x, edges: edges), edges)
    }

    /// The bin of v: k with edges[k] ≤ v < edges[k+1] (binary search), the
    /// last edge itself in bin count−1 (histc) or count−2 (closedLast).
    private static func bin(of v: Double, edges: [Double], closedLast: Bool) -> Int? {
        guard !v.isNaN, let first = edges.first, let last = edges.last, v >= first, v <= last else { return nil }
        if v == last {
            // The rightmost edge equal to v (repeated edges: the last one).
            return closedLast ? Swift.max(0, edges.count - 2) : edges.count - 1
        }
        var lo = 0, hi = edges.count - 1      // edges[lo] ≤ v < edges[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if edges[mid] <= v { lo = mid } else { hi = mid }
        }
        return lo
    }

    private static func requireEdges(_ edges: [Double], _ function: String) throws {
        if edges.contains(where: { $0.isNaN }) {
            throw MAMLError.argument(name: "edges", message: "\(function): edges must not contain NaN")
        }
        for i in 1..<Swift.max(1, edges.count) where edges[i] < edges[i - 1] {
            throw MAMLError.argument(name: "edges", message: "\(function): edges must be non-decreasing")
        }
    }

    /// `mean(x, dim, "omitnan")`: the mean of the non-NaN entries of each
    /// lane (NaN when a lane has none), by compensated summation (Kahan).
    public static func meanOmittingNaN(_ x: Matrix, dimension: Int? = nil) throws -> Matrix {
        let lanes = try x.lanes(dimension)
        let shape = reducedShape(x, lanes)
        var out = Matrix(rows: shape.rows, cols: shape.cols)
        for lane in 0..<lanes.count {
            var sum = 0.0, c = 0.0, n = 0
            for k in 0..<lanes.length {
                let v = x.storage[lanes.index(lane: lane, k)]
                if v.isNaN { continue }
                let y = v - c
                let t = sum + y
                c = (t - sum) - y
                sum = t
                n += 1
            }
            out.storage[lane] = n == 0 ? .nan : sum / Double(n)
        }
        return out
    }

    /// `[m, i] = max(x, [], dim, "omitnan")` (Octave's `max` already omits
    /// NaN): the largest non-NaN entry of each lane and its 0-based position
    /// (the first, for ties); a lane of NaNs gives NaN at position 0, an
    /// empty lane NaN.
    public static func maxOmittingNaN(_ x: Matrix, dimension: Int? = nil) throws -> (values: Matrix, indices: [Int]) {
        try extreme(x, dimension) { $0 > $1 }
    }

    /// `[m, i] = min(x, [], dim, "omitnan")`: as `maxOmittingNaN`.
    public static func minOmittingNaN(_ x: Matrix, dimension: Int? = nil) throws -> (values: Matrix, indices: [Int]) {
        try extreme(x, dimension) { $0 < $1 }
    }

    private static func extreme(_ x: Matrix, _ dimension: Int?, _ better: (Double, Double) -> Bool) throws -> (values: Matrix, indices: [Int]) {
        let lanes = try x.lanes(dimension)
        let shape = reducedShape(x, lanes)
        var out = Matrix(rows: shape.rows, cols: shape.cols, repeating: .nan)
        var at = [Int](repeating: 0, count: lanes.count)
        for lane in 0..<lanes.count {
            var best = Double.nan
            for k in 0..<lanes.length {
                let v = x.storage[lanes.index(lane: lane, k)]
                if !v.isNaN && (best.isNaN || better(v, best)) { best = v; at[lane] = k }
            }
            out.storage[lane] = best
        }
        return (out, at)
    }

    /// The shape of a reduction along the lanes: 1×cols, rows×1 or x's shape.
    static func reducedShape(_ x: Matrix, _ lanes: Lanes) -> (rows: Int, cols: Int) {
        switch lanes.dimension {
        case 1: return (1, x.cols)
        case 2: return (x.rows, 1)
        default: return (x.rows, x.cols)
        }
    }
}

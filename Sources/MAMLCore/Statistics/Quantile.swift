import Foundation

/// Octave's `quantile` and `prctile`, with its nine methods (Hyndman & Fan,
/// "Sample quantiles in statistical packages", The American Statistician
/// 50(4), 1996, numbered as Octave numbers them). NaN entries are left out
/// (m counts the others), as Octave does.
///
/// With x₍₁₎ ≤ … ≤ x₍ₘ₎ the sorted sample of a lane:
///
/// | method | quantile at p                                                        |
/// |--------|----------------------------------------------------------------------|
/// | 1      | x₍⌈pm⌉₎ (inverse of the empirical CDF)                               |
/// | 2      | as 1, averaging at discontinuities                                   |
/// | 3      | x₍round(pm)₎ with ties to even (SAS)                                 |
/// | 4–9    | linear between x₍⌊t⌋₎ and x₍⌊t⌋+1₎ at t = p·m + a:                   |
/// |        | 4: t = pm; 5: t = pm + 1/2 (Octave's default, MATLAB's); 6: t = p(m + 1); |
/// |        | 7: t = p(m − 1) + 1 (R's and NumPy's default); 8: t = p(m + 1/3) + 1/3; |
/// |        | 9: t = p(m + 1/4) + 3/8 — t clamped to [1, m]                        |
///
/// Method 5 is the piecewise linear interpolant through the points
/// ((k − 0.5)/m, x₍ₖ₎), constant beyond the first and last: NumPy's
/// `method="hazen"`, not its default ("linear", method 7). p < 0 gives −∞
/// and p > 1 gives +∞, as Octave. Order statistics are found by selection
/// (quickselect on the needed ranks), not a full sort.
public enum Quantile {
    /// Octave's `quantile(x, p, dim, method)`: the quantiles at each p of
    /// each lane along `dimension` (nil: the first of size other than 1).
    /// The result has numel(p) entries along that dimension; when it is a
    /// vector and p has several entries it takes p's orientation
    /// (`pIsRow`), as Octave. Throws `.argument` naming x (empty), p (NaN)
    /// or method (not 1…9), dim (below 1).
    public static func quantile(_ x: Matrix, _ p: [Double], dimension: Int? = nil, method: Int = 5, pIsRow: Bool = true) throws -> Matrix {
        guard x.count > 0 else { throw MAMLError.argument(name: "x", message: "quantile: x must be a non-empty vector or matrix") }
        guard (1...9).contains(method) else {
            throw MAMLError.argument(name: "method", message: "quantile: method must be an integer from 1 to 9 (it is \(method))")
        }
        if p.contains(where: { $0.isNaN }) { throw MAMLError.argument(name: "p", message: "quantile: p must not contain NaN") }
        let lanes = try x.lanes(dimension)
        let d = lanes.dimension
        if d >= 3 && p.count != 1 {
            throw MAMLError.argument(name: "dim", message: "quantile: along dimension \(d) (a singleton) p must be a single number: the result would need a third dimension")
        }
        var out: Matrix
        switch d {
        case 1: out = Matrix(rows: p.count, cols: x.cols)
        case 2: out = Matrix(rows: x.rows, cols: p.count)
        default:
            // Along a singleton dimension: each entry is its own sample (a single point).
            out = Matrix(rows: x.rows, cols: x.cols)
        }
        var buffer = [Double]()
        for lane in 0..<lanes.count {
            copyNumbers(of: x, lanes, lane: lane, into: &buffer)
            let values = laneQuantiles(&buffer, p, method: method, laneLength: lanes.length)
            for (k, v) in values.enumerated() {
                switch d {
                case 1: out[k, lane] = v
                case 2: out[lane, k] = v
                default: if k == 0 { out.storage[lane] = v }
                }
            }
        }
        if (out.rows == 1 || out.cols == 1) && out.count > 1 && p.count > 1 {
            return pIsRow ? Matrix(rows: 1, cols: out.count, entries: out.storage) : Matrix(rows: out.count, cols: 1, entries: out.storage)
        }
        return out
    }

    /// The non-NaN entries of lane `lane` of x, in order, into `buffer`
    /// (replacing its contents; branch-free, one pass).
    static func copyNumbers(of x: Matrix, _ lanes: Lanes, lane: Int, into buffer: inout [Double]) {
        let length = lanes.length
        let first = lanes.index(lane: lane, 0)
        let step = length > 1 ? lanes.index(lane: lane, 1) - first : 1
        buffer = x.storage.withUnsafeBufferPointer { b in
            [Double](unsafeUninitializedCapacity: length) { out, kept in
                var n = 0, i = first
                for _ in 0..<length {
                    let v = b[i]
                    out[n] = v
                    n &+= v.isNaN ? 0 : 1
                    i &+= step
                }
                kept = n
            }
        }
    }

    /// Octave's `prctile(x, p, dim)`: `quantile(x, p/100, dim)` with method 5.
    public static func percentile(_ x: Matrix, _ p: [Double], dimension: Int? = nil, pIsRow: Bool = true) throws -> Matrix {
        try quantile(x, p.map { $0 / 100 }, dimension: dimension, method: 5, pIsRow: pIsRow)
    }

    /// The quantiles of one lane's non-NaN values (`values`, reordered in
    /// place); `laneLength` counts the NaNs too (a lane of one entry gives
    /// that entry at every p, as Octave).
    static func laneQuantiles(_ values: inout [Double], _ p: [Double], method: Int, laneLength: Int) -> [Double] {
        let m = values.count
        if laneLength == 1 { return p.map { q in q < 0 ? -.infinity : (q > 1 ? .infinity : (values.first ?? .nan)) } }
        if m == 0 { return p.map { q in q < 0 ? -.infinity : (q > 1 ? .infinity : .nan) } }
        let md = Double(m)
        // For each p in [0, 1]: the (0-based) ranks needed and how to combine them.
        enum Rule { case single(Int), average(Int, Int), linear(Int, Double), outside(Double) }
        var rules: [Rule] = []
        var ranks = Set<Int>()
        for q in p {
            if q < 0 { rules.append(.outside(-.infinity)); continue }
            if q > 1 { rules.append(.outside(.infinity)); continue }
            switch method {
            case 1:
                let r = Swift.max(Int((q * md).rounded(.up)), 1) - 1
                rules.append(.single(r)); ranks.insert(r)
            case 2:
                let t = q * md
                let lr = Swift.max(Int(t.rounded(.up)), 1) - 1
                let rl = Swift.min(Int((t + 1).rounded(.down)), m) - 1
                rules.append(.average(lr, rl)); ranks.insert(lr); ranks.insert(rl)
            case 3:
                let t = Swift.max(q * md, 1)
                let r = Swift.min(Int(t.rounded(.toNearestOrEven)), m) - 1
                rules.append(.single(r)); ranks.insert(r)
            default:
                let t: Double
                switch method {
                case 4: t = q * md
                case 5: t = q * md + 0.5
                case 6: t = q * (md + 1)
                case 7: t = q * (md - 1) + 1
                case 8: t = q * (md + 1.0 / 3) + 1.0 / 3
                default: t = q * (md + 0.25) + 0.375
                }
                if m == 1 { rules.append(.single(0)); ranks.insert(0); continue }
                let lower = Swift.max(Swift.min(Int(t.rounded(.down)), m - 1), 1)
                let frac = Swift.max(Swift.min(t - Double(lower), 1), 0)
                rules.append(.linear(lower - 1, frac)); ranks.insert(lower - 1); ranks.insert(lower)
            }
        }
        let stat = Selection.orderStatistics(&values, ranks: ranks.sorted())
        func x(_ r: Int) -> Double { stat[r] ?? .nan }
        return rules.map { rule in
            switch rule {
            case .single(let r): return x(r)
            case .average(let a, let b): return (x(a) + x(b)) / 2
            case .linear(let r, let f): return (1 - f) * x(r) + f * x(r + 1)
            case .outside(let v): return v
            }
        }
    }
}

/// Selection of order statistics in place (Hoare's quickselect, C. A. R.
/// Hoare, "Algorithm 65: Find", CACM 4(7), 1961, with median-of-three
/// pivots and Hoare's partition), for several ranks at once: partition, then recurse only into
/// the sides that hold a wanted rank. Afterwards the entry at each wanted
/// rank is the one a full sort would put there. NaN-free input.
enum Selection {
    /// Below this many values the ranks are selected in place; from it on,
    /// by sampling first (`bySampling`).
    static let samplingThreshold = 50_000

    /// The order statistics at `ranks` (sorted, 0-based, in range) of the
    /// NaN-free `values` (reordered), by rank.
    static func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Int: Double] {
        if values.count >= samplingThreshold, let found = bySampling(values, ranks: ranks) { return found }
        values.withUnsafeMutableBufferPointer { b in select(b, ranks: ranks[...], lo: 0, hi: b.count) }
        var out: [Int: Double] = [:]
        for r in ranks { out[r] = values[r] }
        return out
    }

    /// The order statistics at `ranks` by sampling (the idea of R. W. Floyd
    /// and R. L. Rivest, "Expected time bounds for selection", CACM 18(3),
    /// 1975, for several ranks at once): sort an evenly spaced sample of
    /// about m^(2/3) values, bracket each rank between the sample values four
    /// standard deviations of the sample rank below and above it, count the
    /// values below each bracket and collect those inside in one pass, and
    /// select within the small brackets (a bracket that outgrows the room set
    /// aside for it, as ties can make it, takes a second pass with the rooms
    /// counted). nil when a rank falls outside its bracket (then the caller
    /// selects in place), so the answer is always exact.
    static func bySampling(_ values: [Double], ranks: [Int]) -> [Int: Double]? {
        let m = values.count
        guard !ranks.isEmpty, m >= 2 else { return nil }
        let s = Swift.min(m, Swift.max(1000, Int(Foundation.pow(Double(m), 2.0 / 3))))
        var sample = (0..<s).map { values[Int((Double($0) + 0.5) * Double(m) / Double(s))] }
        sample.sort()
        // Brackets [lo, hi] (closed, ±∞ at the ends), merged where they overlap; each with its ranks and
        // the span of sample positions it covers (for the room its values need).
        var brackets: [(lo: Double, hi: Double, ranks: [Int], span: Int)] = []
        var lastHiIndex = 0
        for r in ranks {
            let f = Double(r) / Double(m)
            let margin = Int(4 * (Double(s) * f * (1 - f)).squareRoot()) + 3
            let q = Int(f * Double(s))
            let loIndex = q - margin, hiIndex = q + margin
            let lo = loIndex < 0 ? -Double.infinity : sample[loIndex]
            let hi = hiIndex >= s ? Double.infinity : sample[hiIndex]
            if let last = brackets.last, lo <= last.hi {
                let grown = Swift.max(last.hi, hi)
                let newHiIndex = Swift.max(lastHiIndex, hiIndex)
                brackets[brackets.count - 1] = (last.lo, grown, last.ranks + [r], last.span + newHiIndex - lastHiIndex)
                lastHiIndex = newHiIndex
            } else {
                brackets.append((lo, hi, [r], Swift.min(hiIndex, s) - Swift.max(loIndex, 0) + 1))
                lastHiIndex = hiIndex
            }
        }
        let k = brackets.count
        guard k <= 16 else { return nil }
        // Room for each bracket: its expected count (span/s of the values) with a wide margin, plus a
        // scratch slot after it that absorbs writes once the room is full.
        var start = [Int](repeating: 0, count: k + 1)
        for j in 0..<k {
            let expected = Double(brackets[j].span) * Double(m) / Double(s)
            let room = Swift.min(m, Int(1.25 * expected + 6 * expected.squareRoot()) + 64)
            start[j + 1] = start[j] + room + 1
        }
        var inside = [Double](repeating: 0, count: start[k] + 1)
        let scratch = start[k]
        var counts = [Int](repeating: 0, count: 2 * k + 1)
        let limits = brackets.map { ($0.lo, $0.hi) }
        if !classify(values, limits, twoBlocks: k > 8, start: start, scratch: scratch, counts: &counts, inside: &inside) {
            // A bracket outgrew its room (many ties, or a rare sample): a second pass with the rooms counted.
            for j in 0..<k { start[j + 1] = start[j] + counts[2 * j + 1] + 1 }
            inside = [Double](repeating: 0, count: start[k] + 1)
            counts = [Int](repeating: 0, count: 2 * k + 1)
            guard classify(values, limits, twoBlocks: k > 8, start: start, scratch: start[k], counts: &counts, inside: &inside) else {
                return nil
            }
        }
        var out: [Int: Double] = [:]
        var less = 0
        for j in 0..<k {
            less += counts[2 * j]
            let size = counts[2 * j + 1]
            let local = brackets[j].ranks.map { $0 - less }
            guard let first = local.first, let last = local.last, first >= 0, last < size else { return nil }
            let offset = start[j]
            inside.withUnsafeMutableBufferPointer { b in select(b, ranks: local.map { $0 + offset }[...], lo: offset, hi: offset + size) }
            for (r, l) in zip(brackets[j].ranks, local) { out[r] = inside[offset + l] }
            less += size
        }
        return out
    }

    /// One pass of `bySampling` over the values with the (sorted, disjoint)
    /// brackets, 8 to a SIMD block (a second block when `twoBlocks`, for 9 to
    /// 16): a value's region is 2·#{j : hi_j < x} + #{j : lo_j ≤ x ≤ hi_j}
    /// (2j below bracket j, 2j + 1 inside it, 2k above the last), computed
    /// without branches (unused lanes: hi = +∞, lo = NaN, so they never
    /// count); regions are counted in `counts`, and the values inside bracket
    /// j written from `start[j]` on, up to the slot before `start[j + 1]`
    /// (values outside go to the `scratch` slot). False when a bracket held
    /// more values than its room.
    @inline(__always)
    private static func classify(_ values: [Double], _ brackets: [(lo: Double, hi: Double)], twoBlocks: Bool,
                                 start: [Int], scratch: Int, counts: inout [Int], inside: inout [Double]) -> Bool {
        let k = brackets.count
        var his = (SIMD8<Double>(repeating: .infinity), SIMD8<Double>(repeating: .infinity))
        var los = (SIMD8<Double>(repeating: .nan), SIMD8<Double>(repeating: .nan))
        for (j, b) in brackets.enumerated() {
            if j < 8 { his.0[j] = b.hi; los.0[j] = b.lo } else { his.1[j - 8] = b.hi; los.1[j - 8] = b.lo }
        }
        let zero = SIMD8<Int64>(repeating: 0)
        @inline(__always) func region(_ x: Double) -> Int {
            let xv = SIMD8<Double>(repeating: x)
            var sum = zero.replacing(with: 2, where: his.0 .< xv) &+ zero.replacing(with: 1, where: (los.0 .<= xv) .& (his.0 .>= xv))
            if twoBlocks {
                sum &+= zero.replacing(with: 2, where: his.1 .< xv) &+ zero.replacing(with: 1, where: (los.1 .<= xv) .& (his.1 .>= xv))
            }
            return Int(sum.wrappedSum())
        }
        var position = [Int](repeating: scratch, count: 2 * k + 1), step = [Int](repeating: 0, count: 2 * k + 1)
        var end = [Int](repeating: scratch, count: 2 * k + 1)
        for j in 0..<k { position[2 * j + 1] = start[j]; step[2 * j + 1] = 1; end[2 * j + 1] = start[j + 1] - 1 }
        values.withUnsafeBufferPointer { v in
            inside.withUnsafeMutableBufferPointer { out in
                counts.withUnsafeMutableBufferPointer { c in position.withUnsafeMutableBufferPointer { pos in
                    step.withUnsafeBufferPointer { st in end.withUnsafeBufferPointer { e in
                        for x in v {
                            let r = region(x)
                            c[r] &+= 1
                            out[pos[r]] = x
                            pos[r] = Swift.min(pos[r] &+ st[r], e[r])
                        }
                    } }
                } }
            }
        }
        for j in 0..<k where counts[2 * j + 1] > start[j + 1] - 1 - start[j] { return false }
        return true
    }

    static func select(_ a: UnsafeMutableBufferPointer<Double>, ranks: ArraySlice<Int>, lo: Int, hi: Int) {
        var lo = lo, hi = hi
        var ranks = ranks
        while true {
            if ranks.isEmpty { return }
            if hi - lo <= 32 {
                insertionSort(a, lo, hi)
                return
            }
            // Median of three moved to a[lo] as the pivot, then Hoare's partition:
            // [lo, j] ≤ pivot ≤ [j + 1, hi), both sides non-empty.
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi - 1] < a[lo] { a.swapAt(hi - 1, lo) }
            if a[hi - 1] < a[mid] { a.swapAt(hi - 1, mid) }
            a.swapAt(lo, mid)
            let pivot = a[lo]
            var i = lo - 1, j = hi
            while true {
                repeat { i += 1 } while a[i] < pivot
                repeat { j -= 1 } while a[j] > pivot
                if i >= j { break }
                a.swapAt(i, j)
            }
            let lt = j + 1, gt = j + 1
            let left = ranks.prefix { $0 < lt }
            let right = ranks.drop { $0 < gt }
            if !left.isEmpty && !right.isEmpty {
                select(a, ranks: left, lo: lo, hi: lt)
                ranks = right; lo = gt
            } else if !left.isEmpty {
                ranks = left; hi = lt
            } else if !right.isEmpty {
                ranks = right; lo = gt
            } else {
                return
            }
        }
    }

    static func insertionSort(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) {
        if hi - lo < 2 { return }
        for i in (lo + 1)..<hi {
            let v = a[i]
            var j = i - 1
            while j >= lo && a[j] > v { a[j + 1] = a[j]; j -= 1 }
            a[j + 1] = v
        }
    }
}

import MAMLCore

/// `find`, `nnz`, `sort` and `unique`, as in Octave.
extension Builtins {
    static let search: [BuiltinFunction] = [
        BuiltinFunction("find", [.required("x"), .optional("n", "all"), .optional("direction", "\"first\"")],
                        outputs: ["i", "j", "v"], help: """
                        the indices of the nonzero entries of x, in column order
                        Linear indices (x[i] picks the entries): a row for a row vector, else a column; [] when none
                        (0×0 for a number or an empty matrix). find(x, n) gives at most the first n; find(x, n, "last")
                        the last n. [i, j] = find(x) gives row and column indices instead; [i, j, v] also the values.
                        NaN counts as nonzero. Use it with a mask: find(v > 2).
                        """) { c in
            let x = try c.numeric("x")
            var limit = x.count
            if c.has("n") { limit = try c.integer("n", in: 1...Int.max, what: "n (how many to find)") }
            var fromEnd = false
            if c.has("direction") {
                switch try c.string("direction") {
                case "first": fromEnd = false
                case "last": fromEnd = true
                case let other:
                    throw LangError("direction must be \"first\" or \"last\" (it is \"\(other)\")", at: c.location(of: "direction"))
                }
            }
            var found: [Int] = []
            x.storage.withUnsafeBufferPointer { b in
                if fromEnd {
                    var k = b.count - 1
                    while k >= 0 && found.count < limit { if b[k] != 0 { found.append(k) }; k -= 1 }
                    found.reverse()
                } else {
                    var k = 0
                    while k < b.count && found.count < limit { if b[k] != 0 { found.append(k) }; k += 1 }
                }
            }
            // Octave's shapes: 0×0 for a single entry or a 0×0 x with nothing found, a row for a row, else a column.
            let asRow = x.rows == 1 && !(x.count == 1 && found.isEmpty)
            func shaped(_ values: [Double]) -> Value {
                if (x.count == 1 && values.isEmpty) || (x.rows == 0 && x.cols == 0) { return .matrix(MatrixBox(Matrix(rows: 0, cols: 0))) }
                return Value(asRow ? Matrix(row: values) : Matrix(column: values))
            }
            let rows = max(x.rows, 1)
            if c.outputCount < 2 { return [shaped(found.map { Double($0 + 1) })] }
            var outputs = [shaped(found.map { Double($0 % rows + 1) }), shaped(found.map { Double($0 / rows + 1) })]
            if c.outputCount > 2 { outputs.append(shaped(found.map { x.storage[$0] })) }
            return outputs
        },
        BuiltinFunction("nnz", [.required("x")], help: """
                        the number of nonzero entries of x
                        NaN counts as nonzero (as in find); a boolean or a logical array counts its true entries;
                        nnz([]) is 0.
                        """) { c in
            let x = try c.numeric("x")
            var n = 0
            x.storage.withUnsafeBufferPointer { b in for v in b where v != 0 { n += 1 } }
            return .number(Double(n))
        },
        BuiltinFunction("sort", [.required("x"), .optional("dim", "first non-singleton"), .optional("mode", "\"ascend\"")],
                        outputs: ["s", "i"], help: """
                        the entries sorted in ascending order along a dimension (each column of a matrix)
                        sort(x, "descend") sorts in descending order; sort(x, dim) and sort(x, dim, mode) choose the
                        dimension (1: each column, 2: each row). NaN sorts after every number in ascending order and
                        before them in descending order. Equal entries keep their order (a stable sort).
                        [s, i] = sort(x) also gives the permutation: along the dimension, s is x at the indices i.
                        Complex entries sort as Octave's: by modulus |z|, then by argument angle(z) in (−pi, pi].
                        """) { c in
            let complex: ComplexMatrix?
            if case .complex(let z) = try c.value("x") { complex = z.matrix } else { complex = nil }
            let x = try complex.map { Matrix(rows: $0.rows, cols: $0.cols) } ?? c.numeric("x")
            var dim: Int? = nil
            var modeArgument = "mode"
            if case .string? = c.bound["dim"]?.value {
                if c.has("mode") {
                    throw LangError("give the mode once: sort(x, \"descend\") or sort(x, dim, \"descend\")", at: c.location(of: "mode"))
                }
                modeArgument = "dim"
            } else {
                dim = try c.dimension()
            }
            var descending = false
            if c.has(modeArgument) {
                switch try c.string(modeArgument) {
                case "ascend": descending = false
                case "descend": descending = true
                case let other:
                    throw LangError("the mode must be \"ascend\" or \"descend\" (it is \"\(other)\")", at: c.location(of: modeArgument))
                }
            }
            try c.requireResult(rows: x.rows, cols: x.cols)
            if let z = complex {
                let (sorted, indices) = ComplexLanes.sort(z, dim: dim ?? Lanes.defaultDimension(x), descending: descending)
                return [Value(complex: sorted), Value(indices)]
            }
            let (sorted, indices) = sortLanes(x, dim: dim ?? Lanes.defaultDimension(x), descending: descending,
                                              withIndices: c.outputCount > 1)
            guard let indices else { return [Value(sorted)] }
            return [Value(sorted), Value(indices)]
        },
        BuiltinFunction("unique", [.required("x")], outputs: ["y", "i", "j"], help: """
                        the distinct entries of x, sorted in ascending order
                        A row for a row vector, else a column (a matrix is read in column order). Every NaN is distinct
                        and they come last. [y, i, j] = unique(x) also gives columns of indices with y = x[i] (the first
                        occurrence of each value) and x = y[j]. Octave's options ("rows", "stable", "last") are not
                        available.
                        """) { c in
            let x = try c.numeric("x")
            let n = x.count
            let empty = Value.matrix(MatrixBox(Matrix(rows: 0, cols: 0)))
            if n == 0 {
                let y = x.rows == 0 && x.cols == 0 ? x : Matrix(rows: 0, cols: 1)
                return Array([Value.matrix(MatrixBox(y)), empty, empty].prefix(c.outputCount))
            }
            if n == 1 { return Array([Value(x), .number(1), .number(1)].prefix(c.outputCount)) }
            let values = x.storage.array
            let order = ascendingOrder(values)
            var distinct: [Double] = [], firsts: [Double] = []
            var groupOf = [Double](repeating: 0, count: n)
            for (position, k) in order.enumerated() {
                // A new group unless equal to the previous (NaN never is).
                if position == 0 || values[k] != values[order[position - 1]] {
                    distinct.append(values[k])
                    firsts.append(Double(k + 1))
                }
                groupOf[k] = Double(distinct.count)
            }
            let y = x.rows == 1 ? Matrix(row: distinct) : Matrix(column: distinct)
            return Array([Value(y), Value(Matrix(column: firsts)), Value(Matrix(column: groupOf))].prefix(c.outputCount))
        },
    ]

    /// Indices 0..<count ordered by ascending value, NaN last, ties by index (stable).
    static func ascendingOrder(_ values: [Double]) -> [Int] {
        values.withUnsafeBufferPointer { v in
            sortedOrder(Lane(buffer: v, start: 0, stride: 1, count: v.count), descending: false)
        }
    }

    /// The positions 0..<count of a lane in sorted order: by value, NaN
    /// after every number (before them when descending), ties in their
    /// order (a stable sort).
    private static func sortedOrder(_ lane: Lane, descending: Bool) -> [Int] {
        var keyed: [(value: Double, index: Int)] = []
        keyed.reserveCapacity(lane.count)
        var nans: [Int] = []
        for k in 0..<lane.count {
            let v = lane[k]
            if v.isNaN { nans.append(k) } else { keyed.append((v, k)) }
        }
        if descending {
            keyed.sort { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
            return nans + keyed.map(\.index)
        }
        keyed.sort { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }
        return keyed.map(\.index) + nans
    }

    /// Each lane of `x` along `dim` sorted, and (with `withIndices`) the
    /// 1-based index in its lane of each sorted entry, laid out as the result.
    private static func sortLanes(_ x: Matrix, dim: Int, descending: Bool, withIndices: Bool) -> (Matrix, Matrix?) {
        var sources = withIndices ? [Double](repeating: 0, count: x.count) : []
        let sorted = Lanes.map(x, dim: dim) { lane, out in
            for (k, source) in sortedOrder(lane, descending: descending).enumerated() {
                out.set(k, lane[source])
                if withIndices { sources[lane.start + k * lane.stride] = Double(source + 1) }
            }
        }
        return (sorted, withIndices ? Matrix(rows: x.rows, cols: x.cols, storage: sources) : nil)
    }
}

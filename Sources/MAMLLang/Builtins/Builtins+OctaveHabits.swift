import MAMLCore

/// Octave habits that are cheap to keep: NaN(m, n), Inf(m, n), rows,
/// columns, iscolumn, issquare, and stacking a list of rows into a matrix
/// (cell2mat, cat). zeros, ones, rand and randn take size(A) too
/// (Builtins.sizes).
extension Builtins {
    static let octaveHabits: [BuiltinFunction] = [
        filled("NaN", .nan), filled("Inf", .infinity),
        BuiltinFunction("rows", [.required("x")], help: "the number of rows of x (size(x, 1)), as Octave") { c in
            guard let shape = try c.value("x").asShape else { throw LangError("x must be numeric", at: c.location(of: "x")) }
            return .number(Double(shape.rows))
        },
        BuiltinFunction("columns", [.required("x")], help: "the number of columns of x (size(x, 2)), as Octave") { c in
            guard let shape = try c.value("x").asShape else { throw LangError("x must be numeric", at: c.location(of: "x")) }
            return .number(Double(shape.cols))
        },
        BuiltinFunction("iscolumn", [.required("x")], help: "true when x is n×1 (a column vector, or one number)") { c in
            guard let shape = try c.value("x").asShape else { return .bool(false) }
            return .bool(shape.cols == 1)
        },
        BuiltinFunction("issquare", [.required("x")], help: "true when x is n×n (a number is 1×1; [] is 0×0 and square)") { c in
            guard let shape = try c.value("x").asShape else { return .bool(false) }
            return .bool(shape.rows == shape.cols)
        },
        BuiltinFunction("cell2mat", [.required("L")], help: """
                        the matrix whose rows are the items of the list L, stacked top to bottom: [L{1}; L{2}; …]
                        The list is read as Octave reads a column cell array {r1; r2; …}: each item a number, a row or a
                        matrix, all of the same width. Octave's cell2mat of a row cell {a, b} joins side by side;
                        for that write cat(2, L). cell2mat({}) is [].
                        """) { c in
            guard case .list(let list) = try c.value("L") else {
                throw LangError("L must be a list ({…}) of rows (it is \(try c.value("L").typeDescription))", at: c.location(of: "L"))
            }
            return Value(try stack(c, list.items, dim: 1, at: c.location(of: "L")))
        },
        BuiltinFunction("cat", [.required("dim")], variadic: true, help: """
                        the arguments joined along dim: cat(1, A, B, …) is [A; B; …], cat(2, A, B, …) is [A, B, …]
                        A list argument stands for its items (Octave's L{:}), so cat(1, L) stacks the rows of a list L
                        into a matrix (as cell2mat(L)) and cat(2, L) puts them side by side. The shapes must agree along
                        the other dimension; empty matrices are skipped.
                        """) { c in
            let dim = try c.integer("dim", in: 1...2, what: "dim (1: stack downwards, 2: side by side)")
            var items: [Value] = []
            for a in c.rest {
                if case .list(let l) = a.value { items += l.items } else { items.append(a.value) }
            }
            return Value(try stack(c, items, dim: dim, at: c.location))
        },
    ]

    /// NaN(n, m) or Inf(n, m) (also NaN(size(A))); bare NaN and Inf are the constants.
    private static func filled(_ name: String, _ value: Double) -> BuiltinFunction {
        BuiltinFunction(name, [.required("n"), .optional("m", "n")], help: """
                        an n×m matrix of \(name) (n×n with one size; \(name)(size(A)) the shape of A), as Octave
                        The bare name \(name) is the number.
                        """) { c in
            let (n, m) = try sizes(c, "n", "m")
            return Value(Matrix(rows: n, cols: m, repeating: value))
        }
    }

    /// The numeric `items` joined along `dim` (1: downwards, 2: side by side).
    private static func stack(_ c: Call, _ items: [Value], dim: Int, at location: SourceLocation) throws -> Matrix {
        var parts: [Matrix] = []
        for (k, item) in items.enumerated() {
            guard let m = item.asMatrix else {
                throw LangError("item \(k + 1) is \(item.typeDescription), not a number or a matrix", at: location)
            }
            if m.count > 0 { parts.append(m) }
        }
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        let along = dim == 1
        let width = along ? first.cols : first.rows
        var total = 0
        for (k, p) in parts.enumerated() {
            let w = along ? p.cols : p.rows
            if w != width {
                let what = along ? "columns" : "rows"
                throw LangError("item \(k + 1) has \(w) \(what) where the first has \(width): to stack, all need the same number of \(what)",
                                at: location)
            }
            total += along ? p.rows : p.cols
        }
        try c.requireResult(rows: along ? total : width, cols: along ? width : total)
        var out = Matrix(rows: along ? total : width, cols: along ? width : total)
        var offset = 0
        for p in parts {
            for j in 0..<p.cols { for i in 0..<p.rows {
                if along { out[offset + i, j] = p[i, j] } else { out[i, offset + j] = p[i, j] }
            } }
            offset += along ? p.rows : p.cols
        }
        return out
    }
}

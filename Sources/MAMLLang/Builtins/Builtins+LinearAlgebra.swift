import MAMLCore

/// eye, zeros, ones, diag, inv, det, trace, eig, rho, norm, svd, size, dlyap, dare.
extension Builtins {
    static let linearAlgebra: [BuiltinFunction] = [
        BuiltinFunction("eye", [.required("n"), .optional("m", "n")], help: "the n×n identity (n×m with a second size)") { c in
            let (n, m) = try sizes(c, "n", "m")
            var out = Matrix(rows: n, cols: m)
            for i in 0..<min(n, m) { out[i, i] = 1 }
            return Value(out)
        },
        BuiltinFunction("zeros", [.required("n"), .optional("m", "n")], help: "an n×m matrix of zeros (n×n with one size)") { c in
            let (n, m) = try sizes(c, "n", "m")
            return Value(Matrix(rows: n, cols: m))
        },
        BuiltinFunction("ones", [.required("n"), .optional("m", "n")], help: "an n×m matrix of ones (n×n with one size)") { c in
            let (n, m) = try sizes(c, "n", "m")
            return Value(Matrix(rows: n, cols: m, repeating: 1))
        },
        BuiltinFunction("diag", [.required("v")], help: "the diagonal matrix of a vector, or the diagonal of a matrix as a column") { c in
            let v = try c.matrix("v")
            if v.isVector {
                try checkSize(c, v.count, v.count)
                return Value(Matrix.diagonal(Array(v.storage)))
            }
            return Value(Matrix(column: (0..<min(v.rows, v.cols)).map { v[$0, $0] }))
        },
        BuiltinFunction("inv", [.required("M")], help: "the inverse M⁻¹ of a square matrix") { c in
            let m = try square(c, "M")
            return Value(try m.inverse(name: "M"))
        },
        BuiltinFunction("det", [.required("M")], help: "the determinant of a square matrix") { c in
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            return .number(try m.determinant())
        },
        BuiltinFunction("trace", [.required("M")], help: "the sum of the diagonal of a square matrix") { c in
            .number(try square(c, "M").trace)
        },
        BuiltinFunction("eig", [.required("M")], help: "the eigenvalues of a square matrix, as an n×2 matrix [real imag]") { c in
            let m = try square(c, "M")
            let lambdas = try m.eigenvalues()
            var out = Matrix(rows: lambdas.count, cols: 2)
            for (i, l) in lambdas.enumerated() { out[i, 0] = l.re; out[i, 1] = l.im }
            return .matrix(out)
        },
        BuiltinFunction("rho", [.required("M")], help: "the spectral radius max |λ| of a square matrix") { c in
            .number(try square(c, "M").spectralRadius())
        },
        BuiltinFunction("norm", [.required("M"), .optional("kind", "2")],
                        help: "the spectral norm (largest singular value); norm(M, \"fro\") the Frobenius norm") { c in
            let m = try c.matrix("M")
            if c.has("kind") {
                let kind = try c.value("kind")
                switch kind {
                case .string("fro"): return .number(m.frobeniusNorm)
                case .number(2), .string("2"): break
                default:
                    throw LangError("norm(M, kind): kind must be \"fro\" or 2 (it is \(kind.inlineDescription()))", at: c.location(of: "kind"))
                }
            }
            return .number(try m.spectralNorm())
        },
        BuiltinFunction("svd", [.required("M")], help: "the singular values of a matrix, largest first, as a column") { c in
            Value(Matrix(column: try c.matrix("M").singularValues()))
        },
        BuiltinFunction("size", [.required("M"), .optional("dim", "none")],
                        help: "[rows cols] of a matrix; size(M, 1) the rows, size(M, 2) the columns") { c in
            let v = try c.value("M")
            let shape: (rows: Int, cols: Int)
            switch v {
            case .list(let l): shape = (1, l.items.count)
            case .taskSet(let s): shape = (1, s.count)
            case .string(let s): shape = (1, s.count)
            default:
                guard let s = v.asShape else { throw LangError("M must be a matrix (it is \(v.typeDescription))", at: c.location(of: "M")) }
                shape = s
            }
            if c.has("dim") {
                let d = try c.integer("dim", in: 1...2)
                return .number(Double(d == 1 ? shape.rows : shape.cols))
            }
            return .matrix(Matrix(row: [Double(shape.rows), Double(shape.cols)]))
        },
        BuiltinFunction("dlyap", [.required("A"), .required("Q")],
                        help: "the solution X of the Stein (discrete Lyapunov) equation X = A X Aᵀ + Q") { c in
            let a = try square(c, "A")
            let q = try c.matrix("Q")
            if q.rows != a.rows || q.cols != a.cols {
                throw LangError("Q must be \(a.rows)×\(a.rows) like A (it is \(q.shapeDescription))", at: c.location(of: "Q"))
            }
            if !a.isFinite { throw LangError("A has NaN or infinite entries", at: c.location(of: "A")) }
            if !q.isFinite { throw LangError("Q has NaN or infinite entries", at: c.location(of: "Q")) }
            return Value(try SteinSolver(a).solve(q))
        },
        BuiltinFunction("dare", [.required("A"), .required("B"), .required("Q"), .required("R")],
                        help: "the stabilizing solution P of the discrete algebraic Riccati equation") { c in
            let s = try RiccatiSolution(A: c.matrix("A"), B: c.matrix("B"), Q: c.matrix("Q"), R: c.matrix("R"))
            return Value(s.P)
        },
    ]

    /// A square matrix argument.
    static func square(_ c: Call, _ p: String) throws -> Matrix {
        let m = try c.matrix(p)
        if !m.isSquare { throw LangError("\(p) must be square (it is \(m.shapeDescription))", at: c.location(of: p)) }
        return m
    }

    /// Matrix sizes (n, m), m defaulting to n: whole numbers ≥ 0, within the allocation limit.
    static func sizes(_ c: Call, _ first: String, _ second: String) throws -> (Int, Int) {
        let n = try c.integer(first, in: 0...Limits.maxEntries, what: "the size \(first)")
        let m = c.has(second) ? try c.integer(second, in: 0...Limits.maxEntries, what: "the size \(second)") : n
        try checkSize(c, n, m)
        return (n, m)
    }

    /// Throws unless an n×m matrix is within the allocation limit and fits in free memory.
    static func checkSize(_ c: Call, _ n: Int, _ m: Int) throws {
        do {
            try Limits.requireMatrix(rows: n, cols: m, what: c.callText)
        } catch {
            throw LangError(error.message, at: c.location)
        }
    }
}

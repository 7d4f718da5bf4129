import Foundation
import MAMLCore

/// eye, zeros, ones, diag, inv, det, trace, eig, rho, norm, svd, rank, pinv,
/// chol, expm (the solvers are in MAMLCore/Matrix; dlyap and dare are with
/// the control functions, Builtins+Control.swift).
extension Builtins {
    static let linearAlgebra: [BuiltinFunction] = [
        BuiltinFunction("eye", [.required("n"), .optional("m", "n")], help: "the n×n identity (n×m with a second size)") { c in
            let (n, m) = try sizes(c, "n", "m")
            var out = Matrix(rows: n, cols: m)
            for i in 0..<min(n, m) { out[i, i] = 1 }
            return Value(out)
        },
        BuiltinFunction("zeros", [.required("n"), .optional("m", "n")], help: "an n×m matrix of zeros (n×n with one size; zeros(size(A)) the shape of A)") { c in
            let (n, m) = try sizes(c, "n", "m")
            return Value(Matrix(rows: n, cols: m))
        },
        BuiltinFunction("ones", [.required("n"), .optional("m", "n")], help: "an n×m matrix of ones (n×n with one size; ones(size(A)) the shape of A)") { c in
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
        BuiltinFunction("inv", [.required("M")], help: """
                        the inverse M⁻¹ of a square matrix (real or complex)
                        As in Octave, a matrix singular to machine precision (reciprocal condition number rcond with
                        rcond + 1 == 1) gives the warning "matrix singular to machine precision" (with its rcond), and
                        an exactly singular one a matrix of Inf. To solve M·x = b, M \\ b is faster and more accurate.
                        NaN or Inf entries are an error.
                        """) { c in
            if let z = try complexSquare(c, "M") {
                let (inverse, rcond) = try z.inverseWithCondition(name: "M")
                if let warning = LinearSolution.singularityWarning(rcond: rcond) { c.session.warn(warning) }
                return Value(complex: inverse)
            }
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            try c.requireScratch(for: m, copies: 3)
            let (inverse, rcond) = try m.inverseWithCondition(name: "M")
            if let warning = LinearSolution.singularityWarning(rcond: rcond) { c.session.warn(warning) }
            return Value(inverse)
        },
        BuiltinFunction("det", [.required("M")], help: "the determinant of a square matrix (real or complex)") { c in
            if let z = try complexSquare(c, "M") { return Value(complex: try z.determinant()) }
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            try c.requireScratch(for: m, copies: 2)
            return .number(try m.determinant())
        },
        BuiltinFunction("trace", [.required("M")], help: "the sum of the diagonal of a square matrix (real or complex)") { c in
            if let z = try complexSquare(c, "M", finite: false) { return Value(complex: z.trace) }
            return .number(try square(c, "M").trace)
        },
        BuiltinFunction("eig", [.required("M")], outputs: ["V", "D"], help: """
                        the eigenvalues of a square matrix (lambda = eig(M), a column), or [V, D] = eig(M) as in Octave
                        lambda = eig(M): for a symmetric M (M' == M exactly, as Octave checks it) the n×1 column of its
                        real eigenvalues in ascending order (LAPACK dsyev); for any other M the column of its
                        eigenvalues in LAPACK dgeev's order (not sorted, as in Octave): a complex column when some are
                        complex, a conjugate pair adjacent with the positive imaginary part first, else a real one.
                        abs(eig(M)) gives the moduli |λ|; rho(M) is the largest. A complex M gives its eigenvalues by
                        LAPACK zgeev; a Hermitian one (M' == M exactly) its real eigenvalues ascending (LAPACK zheev).
                        [V, D] = eig(M), Octave's order: V holds the eigenvectors as columns, D the eigenvalues on its
                        diagonal, so that M·V = V·D (for a symmetric or Hermitian M, V is orthonormal or unitary, D real, and M = V·D·V'). With complex
                        eigenvalues V and D are complex, the eigenvectors of a conjugate pair conjugate to each other,
                        each of unit length (LAPACK's scaling).
                        Earlier mamlsh gave [lambda, V] = eig(M); a warning (once a session) says the order changed.
                        """) { c in
            if let z = try complexSquare(c, "M") {
                // A Hermitian M has real eigenvalues, ascending, and a unitary V, as Octave's (zheev) gives them.
                if z == z.conjugateTransposed {
                    let h = try z.hermitianEigen(vectors: c.outputCount >= 2)
                    if c.outputCount < 2 { return [Value(Matrix(column: h.values))] }
                    return [Value(keepingComplex: h.vectors), Value(Matrix.diagonal(h.values))]
                }
                if c.outputCount < 2 { return [Value(complexColumn: try z.eigenvalues())] }
                let e = try z.eigenDecomposition()
                return [Value(keepingComplex: e.vectors), Value(keepingComplex: e.diagonal)]
            }
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            try c.requireScratch(for: m, copies: 4)
            if c.outputCount < 2 {
                if m.isSymmetric(tolerance: 0) { return [Value(Matrix(column: try m.symmetricEigenvalues()))] }
                return [Value(complexColumn: try m.complexEigenvalues())]
            }
            c.session.warnOnce("eig-order", """
                eig: [V, D] = eig(M) gives the eigenvectors first and the eigenvalues on the diagonal of D, \
                as in Octave (earlier mamlsh gave [lambda, V]); lambda = eig(M) is the column of eigenvalues
                """)
            if m.isSymmetric(tolerance: 0) {
                let e = try m.symmetricEigenDecomposition()
                return [Value(e.vectors), Value(Matrix.diagonal(e.values))]
            }
            let e = try m.complexEigenDecomposition()
            if e.values.allSatisfy({ $0.im == 0 }) {
                return [Value(e.vectors.real), Value(Matrix.diagonal(e.values.map(\.re)))]
            }
            return [Value(complex: e.vectors), Value(complex: e.diagonal)]
        },
        BuiltinFunction("rho", [.required("M")], help: "the spectral radius max |λ| of a square matrix") { c in
            let m = try square(c, "M")
            try c.requireScratch(for: m, copies: 2)
            return .number(try m.spectralRadius())
        },
        BuiltinFunction("norm", [.required("M"), .optional("p", "2")], help: """
                        the 2-norm of a vector or the spectral norm of a matrix; norm(M, p) for p = 1, 2, Inf, "fro"
                        Matrices: 1 the largest column sum of |M|, 2 the largest singular value, Inf the largest row
                        sum, "fro" the Frobenius norm. Vectors (as Octave): the p-norm (sum |v|^p)^(1/p) for any p,
                        Inf the largest |v|, -Inf the smallest, "fro" the 2-norm, 0 the number of nonzero entries.
                        p may also be written "inf" or "-inf". norm([]) is 0; NaN entries give NaN.
                        A complex M: a vector's norms are those of its moduli abs(M); a matrix's 1, Inf and "fro" norms
                        sum moduli, its 2-norm is the largest singular value (LAPACK zgesvd).
                        """) { c in
            if case .complex(let z) = try c.value("M") {
                let m = z.matrix
                if m.rows == 1 || m.cols == 1 || m.count == 0 {
                    return .number(try norm(m.entriesMap { $0.magnitude }, try normOrder(c), c))
                }
                if !m.isFinite { return .number(m.entries.contains { $0.isNaN } ? .nan : .infinity) }
                switch try normOrder(c) {
                case .frobenius: return .number(m.frobeniusNorm)
                case .p(1): return .number(m.oneNorm)
                case .p(.infinity): return .number(m.transposed.oneNorm)
                case .p(2): return .number(try m.spectralNorm())
                case .p(let x):
                    throw LangError("for a matrix, p must be 1, 2, Inf or \"fro\" (it is \(formatShort(x))); for a vector's p-norm pass a row or column",
                                    at: c.location(of: "p"))
                }
            }
            let m = try c.numeric("M")
            let p = try normOrder(c)
            if !m.isVector { try c.requireScratch(for: m, copies: 4) }
            return .number(try norm(m, p, c))
        },
        BuiltinFunction("svd", [.required("M")], help: "the singular values of a matrix, largest first, as a column") { c in
            let m = try c.matrix("M")
            try c.requireScratch(for: m, copies: 4)
            return Value(Matrix(column: try m.singularValues()))
        },
        BuiltinFunction("rank", [.required("M"), .optional("tol", "max(size(M))·σmax·eps")], help: """
                        the numerical rank of a matrix: the number of singular values above tol
                        tol defaults to max(rows, cols)·σmax·eps, as in Octave. rank([]) is 0.
                        """) { c in
            let m = try c.finiteMatrix("M")
            try c.requireScratch(for: m, copies: 4)
            return .number(Double(try m.rank(tolerance: try tolerance(c))))
        },
        BuiltinFunction("pinv", [.required("M"), .optional("tol", "max(size(M))·σmax·eps")], help: """
                        the Moore–Penrose pseudo-inverse of a matrix (n×m for an m×n M), from its SVD
                        Singular values at or below tol (default max(rows, cols)·σmax·eps, as in Octave) count as zero.
                        pinv(A) * b is the minimum-norm least-squares solution of A·x = b.
                        """) { c in
            let m = try c.finiteMatrix("M")
            try c.requireResult(rows: m.cols, cols: m.rows)
            try c.requireScratch(for: m, copies: 8)
            return Value(try m.pseudoInverse(tolerance: try tolerance(c)))
        },
        BuiltinFunction("chol", [.required("M")], outputs: ["R", "p"], help: """
                        the upper triangular Cholesky factor R of a symmetric positive definite matrix: R' * R = M
                        An error when M is not positive definite; [R, p] = chol(M) reports it instead: p = 0 when M is
                        positive definite, else p > 0 is the first leading block that is not and R factors the
                        (p-1)×(p-1) block before it. Octave reads only the upper triangle of M; here M must also be
                        symmetric (to a relative 1e-10), and its upper triangle is used.
                        """) { c in
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            if !m.isSymmetric() {
                throw LangError("M must be symmetric for chol (symmetrize it with (M + M') / 2)", at: c.location(of: "M"))
            }
            try c.requireScratch(for: m, copies: 2)
            let (r, failed) = try m.choleskyUpperPartial(name: "M")
            if c.outputCount > 1 { return [Value(r), .number(Double(failed))] }
            if failed != 0 {
                throw LangError("M is not positive definite (its leading \(failed)×\(failed) block is not); [R, p] = chol(M) reports this without an error",
                                at: c.location(of: "M"))
            }
            return [Value(r)]
        },
        BuiltinFunction("expm", [.required("M")], help: """
                        the matrix exponential e^M of a square matrix (real or complex)
                        Scaling and squaring with a Padé approximant (Higham 2005), as Octave's expm. For entry-by-entry
                        exponentials use exp.
                        """) { c in
            if let z = try complexSquare(c, "M") { return Value(complex: try z.exponential()) }
            let m = try square(c, "M")
            if !m.isFinite { throw LangError("M has NaN or infinite entries", at: c.location(of: "M")) }
            try c.requireScratch(for: m, copies: 10)
            return Value(try m.exponential())
        },
    ]

    /// A complex argument `p` as a square, finite complex matrix; nil when
    /// the argument is not complex (the caller takes the real path).
    static func complexSquare(_ c: Call, _ p: String, finite: Bool = true) throws -> ComplexMatrix? {
        guard case .complex(let box) = try c.value(p) else { return nil }
        let z = box.matrix
        if !z.isSquare { throw LangError("\(p) must be square (it is \(z.shapeDescription))", at: c.location(of: p)) }
        if finite && !z.isFinite { throw LangError("\(p) has NaN or infinite entries", at: c.location(of: p)) }
        return z
    }

    /// The optional tolerance `tol` of rank and pinv: a finite number ≥ 0, nil for the default.
    private static func tolerance(_ c: Call) throws -> Double? {
        c.has("tol") ? try c.number("tol", in: .nonNegative) : nil
    }

    /// The order p of norm(M, p): a number (2 when not given), or "fro", "inf", "-inf" (any case of Inf).
    private static func normOrder(_ c: Call) throws -> NormOrder {
        guard c.has("p") else { return .p(2) }
        let v = try c.value("p")
        switch v {
        case .string(let s):
            switch s.lowercased() {
            case "fro": return .frobenius
            case "inf": return .p(.infinity)
            case "-inf": return .p(-.infinity)
            default:
                throw LangError("p must be a number, \"fro\", \"inf\" or \"-inf\" (it is \"\(s)\")", at: c.location(of: "p"))
            }
        default:
            guard let x = v.asScalar, !x.isNaN else {
                throw LangError("p must be a number, \"fro\", \"inf\" or \"-inf\" (it is \(v.typeDescription))", at: c.location(of: "p"))
            }
            return .p(x)
        }
    }

    /// Which norm `norm` computes.
    private enum NormOrder {
        case p(Double)
        case frobenius
    }

    /// ‖M‖ of the given order (vectors: p-norms; matrices: 1, 2, Inf, "fro").
    private static func norm(_ m: Matrix, _ order: NormOrder, _ c: Call) throws -> Double {
        if m.count == 0 { return 0 }
        let hasNaN = m.storage.withUnsafeBufferPointer { b in b.contains { $0.isNaN } }
        if m.isVector {
            let p: Double
            switch order {
            case .frobenius: p = 2
            case .p(let x): p = x
            }
            if hasNaN { return .nan }
            return m.storage.withUnsafeBufferPointer { b in vectorNorm(b, p) }
        }
        switch order {
        case .frobenius: return hasNaN ? .nan : m.frobeniusNorm
        case .p(1): return m.oneNorm
        case .p(.infinity): return m.infinityNorm
        case .p(2):
            if hasNaN { return .nan }
            if !m.isFinite { return .infinity }
            return try m.spectralNorm()
        case .p(let x):
            throw LangError("for a matrix, p must be 1, 2, Inf or \"fro\" (it is \(formatShort(x))); for a vector's p-norm pass a row or column",
                            at: c.location(of: "p"))
        }
    }

    /// The p-norm of the entries of a vector without NaN (scaled by the
    /// largest entry against overflow).
    private static func vectorNorm(_ b: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        var largest = 0.0, smallest = Double.infinity, nonzero = 0
        for v in b {
            let a = Swift.abs(v)
            largest = Swift.max(largest, a)
            smallest = Swift.min(smallest, a)
            if v != 0 { nonzero += 1 }
        }
        if p == .infinity { return largest }
        if p == -.infinity { return smallest }
        if p == 0 { return Double(nonzero) }
        if p == 1 { return b.reduce(0) { $0 + Swift.abs($1) } }
        if largest == .infinity { return p > 0 ? .infinity : 0 }
        if p > 0 {
            if largest == 0 { return 0 }
            var s = 0.0
            for v in b { s += Foundation.pow(Swift.abs(v) / largest, p) }
            return largest * Foundation.pow(s, 1 / p)
        }
        var s = 0.0
        for v in b { s += Foundation.pow(Swift.abs(v), p) }
        return Foundation.pow(s, 1 / p)
    }

    /// A square matrix argument.
    static func square(_ c: Call, _ p: String) throws -> Matrix {
        let m = try c.matrix(p)
        if !m.isSquare { throw LangError("\(p) must be square (it is \(m.shapeDescription))", at: c.location(of: p)) }
        return m
    }

    /// Matrix sizes (n, m), m defaulting to n: whole numbers ≥ 0, within the
    /// allocation limit. A first argument [n m] alone gives both, so that
    /// zeros(size(A)) has A's shape, as Octave.
    static func sizes(_ c: Call, _ first: String, _ second: String) throws -> (Int, Int) {
        if !c.has(second), let shape = try c.value(first).asShape, shape.rows == 1, shape.cols == 2 {
            let v = try c.matrix(first)
            for x in [v[0, 0], v[0, 1]] where !(x.isFinite && x >= 0 && x == x.rounded() && x <= Double(Limits.maxEntries)) {
                throw LangError("the size \(first) must hold whole numbers from 0 to \(Limits.maxEntries) (it has \(formatShort(x)))",
                                at: c.location(of: first))
            }
            let n = Int(v[0, 0]), m = Int(v[0, 1])
            try checkSize(c, n, m)
            return (n, m)
        }
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

import MAMLCore

/// Factorizations and matrix functions with Octave's names and outputs: lu,
/// qr, null, orth, sqrtm, logm, cond (schur is with the complex numbers,
/// Builtins+Complex.swift), and the everyday tril, triu,
/// circshift, cummax, cummin (MAMLCore's `Matrix` extensions in
/// Factorizations/, Numerics/ and Complex/MatrixFunctions.swift).
extension Builtins {
    static let factorizations: [BuiltinFunction] = [
        BuiltinFunction("lu", [.required("A")], outputs: ["L", "U", "P"], help: """
                        the LU factorization [L, U, P] = lu(A) with P·A = L·U (partial pivoting)
                        Gaussian elimination with partial pivoting (LAPACK dgetrf), for any m×n A: L is m×min(m, n) unit
                        lower triangular, U min(m, n)×n upper triangular, P the m×m permutation. [L, U] = lu(A) gives
                        L = P'·L (a permuted lower triangle, A = L·U), as Octave; Y = lu(A) gives LAPACK's factor
                        Y = L + U − I in one matrix. A singular A is factorized too (U has a zero on its diagonal).
                        """) { c in
            let a = try c.matrix("A")
            try c.requireScratch(for: a, copies: 4)
            let f = try located(c) { try a.luDecomposition() }
            switch c.outputCount {
            case ...1:
                // LAPACK's factor: U on and above the diagonal, L's multipliers below (k = min(m, n)).
                var y = Matrix(rows: a.rows, cols: a.cols)
                for j in 0..<a.cols { for i in 0..<a.rows { y[i, j] = i <= j ? f.U[i, j] : f.L[i, j] } }
                return [Value(y)]
            case 2: return [Value(f.P.transposed * f.L), Value(f.U)]
            default: return [Value(f.L), Value(f.U), Value(f.P)]
            }
        },
        BuiltinFunction("qr", [.required("A"), .optional("econ", "full")], outputs: ["Q", "R"], help: """
                        the QR factorization [Q, R] = qr(A) with A = Q·R, Q orthogonal; qr(A, 0) the economy size
                        Householder reflections (LAPACK dgeqrf, dorgqr), without column pivoting: Q is m×m and R m×n
                        upper triangular; qr(A, 0) (or qr(A, "econ")) gives Q m×min(m, n) and R min(m, n)×n. R = qr(A)
                        gives R alone. The signs are LAPACK's (R's diagonal may be negative), as Octave and SciPy.
                        """) { c in
            let a = try c.matrix("A")
            var economy = false
            if c.has("econ") {
                switch try c.value("econ") {
                case .string(let s) where s == "econ" || s == "economy": economy = true
                case let v where v.asScalar == 0: economy = true
                default:
                    throw LangError("the second argument of qr must be 0 or \"econ\" (the economy size)", at: c.location(of: "econ"))
                }
            }
            try c.requireScratch(for: a, copies: 4)
            let f = try located(c) { try a.qrDecomposition(economy: economy) }
            if c.outputCount < 2 { return [Value(f.R)] }
            return [Value(f.Q), Value(f.R)]
        },
        BuiltinFunction("null", [.required("A")], help: """
                        an orthonormal basis of the null space of A (the x with A·x = 0), as columns
                        From the SVD (LAPACK dgesdd): the right singular vectors of the singular values at or below
                        max(m, n)·σmax·eps (Octave's tolerance); entries below eps are set to 0, as Octave. n×(n − rank).
                        """) { c in
            let a = try c.matrix("A")
            try c.requireScratch(for: a, copies: 4)
            return Value(try located(c) { try a.nullSpace() })
        },
        BuiltinFunction("orth", [.required("A")], help: """
                        an orthonormal basis of the range of A, as columns
                        From the SVD: the left singular vectors of the singular values above max(m, n)·σmax·eps. m×rank.
                        """) { c in
            let a = try c.matrix("A")
            try c.requireScratch(for: a, copies: 4)
            return Value(try located(c) { try a.orthonormalRange() })
        },
        BuiltinFunction("sqrtm", [.required("A")], help: """
                        the principal square root X of a square matrix (X·X = A, eigenvalues of X in the right half-plane)
                        The Schur method of Björck and Hammarling ("A Schur method for the square root of a matrix",
                        Linear Algebra Appl. 52/53, 1983) on the complex Schur form, real when A has no eigenvalue on the
                        negative real axis. An error when A has no square root (a zero eigenvalue in a Jordan block).
                        \(complexResultHelp)
                        """) { c in
            let a = try Builtins.square(c, "A")
            try c.requireScratch(for: a, copies: 8)
            return try complexMatrixValue(c, try located(c) { try a.principalSquareRoot() }, "sqrtm(A)")
        },
        BuiltinFunction("logm", [.required("A")], help: """
                        the principal matrix logarithm X of a square matrix (e^X = A, eigenvalues of X with imaginary parts in (−π, π])
                        Inverse scaling and squaring on the Schur form with a Padé approximant in partial fractions
                        (N. J. Higham, "Functions of Matrices", SIAM 2008, Algorithm 11.9), real when A has no eigenvalue
                        on the closed negative real axis. An error when A is singular.
                        \(complexResultHelp)
                        """) { c in
            let a = try Builtins.square(c, "A")
            try c.requireScratch(for: a, copies: 8)
            return try complexMatrixValue(c, try located(c) { try a.principalLogarithm() }, "logm(A)")
        },
        BuiltinFunction("cond", [.required("A"), .optional("p", "2")], help: """
                        the condition number of A: σmax/σmin (p = 2), or ‖A‖·‖A⁻¹‖ for p = 1, Inf or "fro"
                        p = 2 from the singular values (any shape; Inf when σmin = 0); p = 1, Inf, "fro" for a square A,
                        Inf when A is singular. cond([]) is 0.
                        """) { c in
            let a = try c.matrix("A")
            try c.requireScratch(for: a, copies: 4)
            var p = 2.0, frobenius = false
            if c.has("p") {
                switch try c.value("p") {
                case .string(let s) where s == "fro": frobenius = true
                case .string(let s) where s.lowercased() == "inf": p = .infinity
                default: p = try c.number("p")
                }
            }
            return .number(try located(c) { try a.conditionNumber(p: p, frobenius: frobenius) })
        },
        BuiltinFunction("tril", [.required("A"), .optional("k", "0")], help: """
                        the lower triangle of A: entries on and below the k-th diagonal, zeros above
                        k = 0 the main diagonal, k > 0 above it, k < 0 below it (entry (i, j) is kept when j − i ≤ k).
                        """) { c in
            let a = try c.matrix("A")
            let k = c.has("k") ? try c.count("k", in: nil) : 0
            return Value(a.lowerTriangle(k))
        },
        BuiltinFunction("triu", [.required("A"), .optional("k", "0")], help: """
                        the upper triangle of A: entries on and above the k-th diagonal, zeros below
                        k = 0 the main diagonal, k > 0 above it, k < 0 below it (entry (i, j) is kept when j − i ≥ k).
                        """) { c in
            let a = try c.matrix("A")
            let k = c.has("k") ? try c.count("k", in: nil) : 0
            return Value(a.upperTriangle(k))
        },
        BuiltinFunction("circshift", [.required("x"), .required("n"), .optional("dim", "first non-singleton")], help: """
                        the entries of x moved n places along a dimension, those that fall off one end coming back at the other
                        Along the first dimension that is not 1 (down the columns of a matrix, along a vector), or dim
                        (1: down, 2: right); n < 0 moves the other way. circshift(x, [r c]) shifts r down and c right.
                        """) { c in
            let x = try c.numeric("x")
            let n = try c.matrix("n")
            if n.count == 2 && !c.has("dim") {
                guard let r = Int(exactly: n.storage[0]), let s = Int(exactly: n.storage[1]) else {
                    throw LangError("n must hold whole numbers", at: c.location(of: "n"))
                }
                return Value(try located(c) { try x.circularlyShifted(r, dimension: 1).circularlyShifted(s, dimension: 2) })
            }
            let k = try c.count("n", in: nil)
            let dim = try c.dimension()
            return Value(try located(c) { try x.circularlyShifted(k, dimension: dim) })
        },
        cumulativeExtreme("cummax", "largest"),
        cumulativeExtreme("cummin", "smallest"),
    ]

    /// cummax or cummin: [w, iw] along a dimension.
    private static func cumulativeExtreme(_ name: String, _ word: String) -> BuiltinFunction {
        BuiltinFunction(name, [.required("x"), .optional("dim", "first non-singleton")], outputs: ["w", "iw"], help: """
                        the running \(word) entry along a dimension; [w, iw] = \(name)(x) also gives where each was reached
                        Along the first dimension that is not 1 (down the columns of a matrix, along a vector), or dim.
                        NaN entries are ignored (a NaN before the first number gives NaN), as Octave; iw is 1-based.
                        """) { c in
            let x = try c.numeric("x")
            let dim = try c.dimension()
            let (w, at) = try located(c) { name == "cummax" ? try x.cumulativeMaximum(dimension: dim) : try x.cumulativeMinimum(dimension: dim) }
            if c.outputCount < 2 { return [Value(w)] }
            return [Value(w), Value(Matrix(rows: w.rows, cols: w.cols, storage: at.map { Double($0 + 1) }))]
        }
    }
}

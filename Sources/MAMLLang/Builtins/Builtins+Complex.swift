import Foundation
import MAMLCore

/// Complex numbers (docs/language.md, "Complex numbers"): parts, modulus
/// and argument, conjugate, tests, `complex(a, b)`; the polynomial and
/// spectral functions whose answers are complex — `roots`, `poly`,
/// `schur(A, "complex")`. Names, arguments and results as Octave's.
extension Builtins {
    static let complexNumbers: [BuiltinFunction] = [
        BuiltinFunction("real", [.required("z")], help: """
                        the real part of each entry (a real value is returned as it is)
                        """) { c in
            Value(try c.complexArgument("z").real)
        },
        BuiltinFunction("imag", [.required("z")], help: """
                        the imaginary part of each entry (zeros for a real value)
                        """) { c in
            Value(try c.complexArgument("z").imaginary)
        },
        BuiltinFunction("conj", [.required("z")], help: """
                        the complex conjugate of each entry, re − i·im (a real value is returned as it is)
                        z' is the conjugate transpose, z.' the transpose without conjugation.
                        """) { c in
            Value(complex: try c.complexArgument("z").conjugated)
        },
        BuiltinFunction("angle", [.required("z")], help: """
                        the argument (phase) of each entry in radians, in (−pi, pi]: atan2(imag(z), real(z))
                        angle(-1) is pi; angle(0) is 0. arg is the same function.
                        """) { c in
            Value(try c.complexArgument("z").entriesMap { $0.argument })
        },
        BuiltinFunction("arg", [.required("z")], help: """
                        the argument (phase) of each entry in radians, in (−pi, pi] (the same as angle)
                        """) { c in
            Value(try c.complexArgument("z").entriesMap { $0.argument })
        },
        BuiltinFunction("isreal", [.required("x")], help: """
                        true when x is not complex: a number, a matrix, a boolean, a range or a string
                        As Octave, a value made complex by complex(a, 0) is complex (isreal is false) although its
                        imaginary parts are 0; results of arithmetic whose imaginary parts all vanish are real. A list,
                        struct or other value is not real.
                        """) { c in
            let v = try c.value("x")
            switch v {
            case .number, .bool, .matrix, .logical, .range, .string: return .bool(true)
            default: return .bool(false)
            }
        },
        BuiltinFunction("iscomplex", [.required("x")], help: """
                        true when x is a complex number or matrix
                        """) { c in
            .bool(try c.value("x").isComplex)
        },
        BuiltinFunction("complex", [.required("a"), .optional("b", "0")], help: """
                        the complex value a + b·i from real parts a and imaginary parts b (equal shapes, or a number)
                        As Octave, the result is complex even when b is 0: iscomplex(complex(1, 0)) is true and it
                        shows as 1 + 0i. Arithmetic on it gives real results again when the imaginary parts vanish.
                        """) { c in
            let a = try c.matrix("a")
            let b = c.has("b") ? try c.matrix("b") : Matrix(rows: a.rows, cols: a.cols)
            let re: Matrix, im: Matrix
            if a.rows == b.rows && a.cols == b.cols {
                (re, im) = (a, b)
            } else if b.count == 1 {
                (re, im) = (a, Matrix(rows: a.rows, cols: a.cols, repeating: b.storage[0]))
            } else if a.count == 1 {
                (re, im) = (Matrix(rows: b.rows, cols: b.cols, repeating: a.storage[0]), b)
            } else {
                throw LangError("complex: a and b must have one shape or be numbers (a is \(a.shapeDescription), b is \(b.shapeDescription))",
                                at: c.location(of: "b"))
            }
            return Value(keepingComplex: try ComplexMatrix(real: re, imaginary: im))
        },
        BuiltinFunction("roots", [.required("p")], help: """
                        the roots of the polynomial p(1)·xⁿ + … + p(n+1) as a column (complex when they are)
                        As Octave: the eigenvalues of the companion matrix (LAPACK dgeev, balanced first), leading
                        zeros of p ignored, a root 0 for each trailing zero; [] for a constant. poly(r) goes back.
                        """) { c in
            let p = try c.finiteMatrix("p")
            guard p.isVector || p.count == 0 else {
                throw LangError("roots: p must be a vector of coefficients (it is \(p.shapeDescription))", at: c.location(of: "p"))
            }
            let r = try c.placed { try Polynomial.roots(Array(p.storage)) }
            if r.isEmpty { return .matrix(MatrixBox(Matrix(rows: 0, cols: 0))) }
            return Value(complexColumn: r)
        },
        BuiltinFunction("poly", [.required("A")], help: """
                        the characteristic polynomial of a square matrix, or the polynomial with the roots of a vector
                        poly(A) for an n×n A: the row [1 c₁ … cₙ] of det(λI − A) = λⁿ + c₁λⁿ⁻¹ + … + cₙ, from the
                        eigenvalues (as Octave and NumPy), real for a real A. poly(r) for a vector r (real or complex):
                        the monic polynomial ∏(x − rₖ); real when the roots are real or come in conjugate pairs.
                        poly([]) is 1.
                        """) { c in
            let v = try c.value("A")
            guard let a = v.asComplexMatrix else {
                throw LangError("poly: A must be a square matrix or a vector (it is \(v.typeDescription))", at: c.location(of: "A"))
            }
            if !a.isFinite { throw LangError("A has NaN or infinite entries", at: c.location(of: "A")) }
            let roots: [Complex]
            if a.count == 0 {
                roots = []
            } else if a.rows == 1 || a.cols == 1, a.count > 1 || !a.isSquare {
                roots = a.entries
            } else if a.isSquare {
                roots = a.isReal ? try a.real.complexEigenvalues() : try a.eigenvalues()
            } else {
                throw LangError("poly: A must be a square matrix or a vector (it is \(a.shapeDescription))", at: c.location(of: "A"))
            }
            return Value(complex: ComplexMatrix(row: Polynomial.fromRoots(roots)))
        },
        BuiltinFunction("schur", [.required("A"), .optional("mode", "\"real\"")], outputs: ["U", "T"], help: """
                        the Schur form of a square matrix: T = schur(A), or [U, T] = schur(A) with A = U·T·U' (U unitary)
                        As Octave: for a real A, T is quasi-triangular (real Schur form, LAPACK dgees) with a 2×2 block
                        for each pair of complex eigenvalues; schur(A, "complex") gives the complex Schur form, T upper
                        triangular with the eigenvalues on its diagonal (the real form's blocks split by unitary
                        rotations, as Octave's rsf2csf). A complex A always gives the complex form (zgees).
                        """) { c in
            let v = try c.value("A")
            let mode = c.has("mode") ? try c.string("mode") : "real"
            guard mode == "real" || mode == "complex" else {
                throw LangError("schur: mode must be \"real\" or \"complex\" (it is \(quoted(mode)))", at: c.location(of: "mode"))
            }
            guard let a = v.asComplexMatrix else {
                throw LangError("A must be a square matrix (it is \(v.typeDescription))", at: c.location(of: "A"))
            }
            if !a.isSquare { throw LangError("A must be square (it is \(a.shapeDescription))", at: c.location(of: "A")) }
            if !a.isFinite { throw LangError("A has NaN or infinite entries", at: c.location(of: "A")) }
            if !v.isComplex && mode == "real" {
                let s = try RealSchur(a.real)
                return c.outputCount < 2 ? [Value(s.T)] : [Value(s.U), Value(s.T)]
            }
            let s = v.isComplex ? try ComplexSchur(a) : try ComplexSchur(a.real)
            // As Octave, a complex form stays complex (its imaginary parts may all be 0 for real eigenvalues).
            let t = Value(keepingComplex: s.T), u = Value(keepingComplex: s.U)
            return c.outputCount < 2 ? [t] : [u, t]
        },
    ]
}

extension Call {
    /// A numeric argument (real or complex) as a complex matrix.
    func complexArgument(_ p: String) throws -> ComplexMatrix {
        let v = try value(p)
        if case .range(let r) = v { try requireResult(rows: 1, cols: r.count) }
        guard let z = v.asComplexMatrix else {
            throw LangError("\(p) must be numeric: a number or a matrix, real or complex (it is \(v.typeDescription))", at: location(of: p))
        }
        return z
    }
}

extension ComplexMatrix {
    /// The real matrix of `f` of each entry (moduli, arguments, parts).
    func entriesMap(_ f: (Complex) -> Double) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: entries.map(f))
    }
}

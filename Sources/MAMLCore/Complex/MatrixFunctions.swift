import Foundation

/// The principal square root and logarithm of a square matrix (Octave's
/// `sqrtm` and `logm`), by the Schur method: reduce A to complex Schur form
/// A = U·T·Uᴴ (`ComplexSchur`), evaluate the function on the triangular T,
/// and transform back.
///
/// - Square root: the recurrence of Å. Björck and S. Hammarling, "A Schur
///   method for the square root of a matrix", Linear Algebra Appl. 52/53,
///   1983: R_jj = √T_jj, R_ij = (T_ij − Σ_{i<k<j} R_ik R_kj)/(R_ii + R_jj).
/// - Logarithm: inverse scaling and squaring, N. J. Higham, "Functions of
///   Matrices", SIAM 2008, Algorithm 11.9 (Schur–Padé): take square roots
///   T ← T^{1/2} until ‖T − I‖₁ ≤ θ₇, evaluate the [m/m] Padé approximant
///   of log(I + X) at X = T − I in partial fractions (Gauss–Legendre nodes
///   and weights, Higham 2001, "Evaluating Padé approximants of the matrix
///   logarithm") with the θ_m of that paper, and scale back by 2^k.
///
/// A real matrix with no eigenvalue on the closed negative real axis has a
/// real principal logarithm, and with none on the open negative real axis a
/// real principal square root: for those the result is returned with its
/// imaginary parts exactly zero (they are rounding errors of the complex
/// Schur form). Real eigenvalues are read off the real Schur form (dgees),
/// so the test is exact.
public enum MatrixFunctions {
    /// θ_m for m = 1…7: ‖X‖₁ ≤ θ_m bounds the [m/m] Padé error of
    /// log(I + X) by the unit roundoff (Higham 2001, Table 2.1).
    static let logThetas: [Double] = [1.10e-5, 1.82e-3, 1.62e-2, 5.39e-2, 1.14e-1, 1.87e-1, 2.64e-1]

    /// The principal square root of an upper triangular matrix (Björck–Hammarling).
    /// Throws `.invalidArgument` when no square root exists (a zero
    /// eigenvalue in a nontrivial Jordan block).
    static func triangularSquareRoot(_ t: ComplexMatrix) throws -> ComplexMatrix {
        let n = t.rows
        var r = ComplexMatrix(rows: n, cols: n)
        for j in 0..<n {
            r[j, j] = t[j, j].squareRoot
            var i = j - 1
            while i >= 0 {
                var s = t[i, j]
                for k in (i + 1)..<j { s -= r[i, k] * r[k, j] }
                let d = r[i, i] + r[j, j]
                if d == .zero {
                    if s != .zero {
                        throw MAMLError.invalidArgument("A has no square root (a zero eigenvalue in a Jordan block of order 2 or more)")
                    }
                    r[i, j] = .zero
                } else {
                    r[i, j] = s / d
                }
                i -= 1
            }
        }
        return r
    }

    /// The Gauss–Legendre nodes and weights of order m on [0, 1] (Golub–Welsch:
    /// eigenvalues of the Jacobi matrix, weights from the first components).
    static func gaussLegendre(_ m: Int) throws -> (nodes: [Double], weights: [Double]) {
        var jacobi = Matrix(rows: m, cols: m)
        for k in 1..<Swift.max(1, m) {
            let b = Double(k) / (4 * Double(k * k) - 1).squareRoot()
            jacobi[k, k - 1] = b
            jacobi[k - 1, k] = b
        }
        let e = try jacobi.symmetricEigenDecomposition()
        let nodes = e.values.map { ($0 + 1) / 2 }
        let weights = (0..<m).map { e.vectors[0, $0] * e.vectors[0, $0] }   // 2·v₀² on [−1, 1], halved on [0, 1]
        return (nodes, weights)
    }

    /// The principal logarithm of an upper triangular matrix with no
    /// eigenvalue on the closed negative real axis (Higham 2008, Algorithm 11.9).
    static func triangularLogarithm(_ t0: ComplexMatrix) throws -> ComplexMatrix {
        let n = t0.rows
        let identity = ComplexMatrix.identity(n)
        var t = t0
        var k = 0, p = 0
        var m = 7
        while true {
            let tau = (t - identity).oneNorm
            if tau <= logThetas[6] {
                p += 1
                let j1 = logThetas.firstIndex { tau <= $0 } ?? 6
                let j2 = logThetas.firstIndex { tau / 2 <= $0 } ?? 6
                if j1 - j2 <= 1 || p == 2 { m = j1 + 1; break }
            }
            if k >= 100 {
                throw MAMLError.invalidArgument("logm: the square roots of A did not approach I in 100 steps")
            }
            t = try triangularSquareRoot(t)
            k += 1
        }
        let x = t - identity
        let (nodes, weights) = try gaussLegendre(m)
        var sum = ComplexMatrix(rows: n, cols: n)
        for (node, weight) in zip(nodes, weights) {
            // w·X·(I + x·X)⁻¹ = w·(I + x·X)⁻¹·X (the factors commute).
            let y = try (identity + node * x).solve(x, name: "I + x·(T − I)")
            sum += weight * y
        }
        return scalbn(1.0, k) * sum
    }

    /// U·F·Uᴴ.
    static func backTransform(_ schur: ComplexSchur, _ f: ComplexMatrix) -> ComplexMatrix {
        (schur.U * f).multiplied(by: schur.U, .none, .conjugateTranspose)
    }

    /// Throws `.singular` when T's diagonal has a zero (log of a singular matrix).
    static func requireNonsingular(_ eigenvalues: [Complex], _ name: String) throws {
        if eigenvalues.contains(where: { $0 == .zero }) {
            throw MAMLError.singular("\(name) is singular (an eigenvalue is 0), so it has no logarithm")
        }
    }
}

extension ComplexMatrix {
    /// Octave's `sqrtm`: the principal square root X (X² = M, eigenvalues of
    /// X in the open right half-plane or zero) by the Schur method (see
    /// `MatrixFunctions`). Throws `.shape` unless square, `.notFinite` for
    /// NaN or ±∞ entries, `.invalidArgument` when M has no square root.
    public func principalSquareRoot() throws -> ComplexMatrix {
        let schur = try ComplexSchur(self)
        return MatrixFunctions.backTransform(schur, try MatrixFunctions.triangularSquareRoot(schur.T))
    }

    /// Octave's `logm`: the principal logarithm X (e^X = M, imaginary parts
    /// of its eigenvalues in (−π, π]) by inverse scaling and squaring on the
    /// Schur form (see `MatrixFunctions`). Throws `.singular` when M is
    /// singular, as `principalSquareRoot` otherwise.
    public func principalLogarithm() throws -> ComplexMatrix {
        let schur = try ComplexSchur(self)
        try MatrixFunctions.requireNonsingular(schur.eigenvalues, "the matrix")
        return MatrixFunctions.backTransform(schur, try MatrixFunctions.triangularLogarithm(schur.T))
    }
}

extension Matrix {
    /// Octave's `sqrtm` of a real matrix: the principal square root (see
    /// `MatrixFunctions`), real (imaginary parts exactly zero) when M has no
    /// eigenvalue on the open negative real axis, complex otherwise.
    /// Throws `.shape` unless square, `.notFinite` for NaN or ±∞ entries,
    /// `.invalidArgument` when M has no square root.
    public func principalSquareRoot() throws -> ComplexMatrix {
        let real = try RealSchur(self)
        let schur = ComplexSchur(real: real)
        let x = MatrixFunctions.backTransform(schur, try MatrixFunctions.triangularSquareRoot(schur.T))
        let negative = real.eigenvalues.contains { $0.im == 0 && $0.re < 0 }
        return negative ? x : ComplexMatrix(x.real)
    }

    /// Octave's `logm` of a real matrix: the principal logarithm (see
    /// `MatrixFunctions`), real (imaginary parts exactly zero) when M has no
    /// eigenvalue on the negative real axis, complex otherwise. Throws
    /// `.singular` when M is singular, as `principalSquareRoot` otherwise.
    public func principalLogarithm() throws -> ComplexMatrix {
        let real = try RealSchur(self)
        let schur = ComplexSchur(real: real)
        try MatrixFunctions.requireNonsingular(schur.eigenvalues, "the matrix")
        let x = MatrixFunctions.backTransform(schur, try MatrixFunctions.triangularLogarithm(schur.T))
        let negative = real.eigenvalues.contains { $0.im == 0 && $0.re < 0 }
        return negative ? x : ComplexMatrix(x.real)
    }

    /// The real principal logarithm X of a real matrix M (e^X = M, X real),
    /// which exists exactly when M has no eigenvalue on the closed negative
    /// real axis. Throws `.invalidArgument` naming `name` and the eigenvalue
    /// when it does not exist, `.singular` when M is singular.
    public func realLogarithm(name: String = "the matrix") throws -> Matrix {
        try requireSquare(name)
        try requireFinite(name)
        let real = try RealSchur(self)
        if let bad = real.eigenvalues.first(where: { $0.im == 0 && $0.re <= 0 }) {
            if bad.re == 0 { throw MAMLError.singular("\(name) is singular (an eigenvalue is 0), so it has no logarithm") }
            throw MAMLError.invalidArgument("\(name) has no real logarithm: its eigenvalue \(formatNumber(bad.re)) is on the negative real axis")
        }
        let schur = ComplexSchur(real: real)
        return MatrixFunctions.backTransform(schur, try MatrixFunctions.triangularLogarithm(schur.T)).real
    }
}

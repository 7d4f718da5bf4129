/// Which Gramian `Control.gram` computes.
public enum GramianKind: String, Sendable, CaseIterable {
    /// The controllability Gramian of (A, B).
    case controllability = "c"
    /// The observability Gramian of (A, C).
    case observability = "o"
}

/// The controllable part of a pair (A, B) found by the staircase algorithm.
public struct ControllabilityStaircase: Sendable {
    /// The dimension of the controllable subspace.
    public let controllableDimension: Int
    /// The eigenvalues of A on the uncontrollable part (empty when controllable).
    public let uncontrollableEigenvalues: [Complex]
    /// The rank tolerance used.
    public let tolerance: Double
    /// Whether the pair is controllable.
    public var isControllable: Bool { uncontrollableEigenvalues.isEmpty }
}

extension Control {
    /// Octave's `ctrb(A, B)`: the controllability matrix [B, AB, A²B, …,
    /// Aⁿ⁻¹B] (n × nm). Its rank is a poor numerical test of
    /// controllability; `controllabilityStaircase` is the reliable one.
    /// Throws `.argument` naming A or B, `.notFinite`.
    public static func ctrb(A: Matrix, B: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(B, "B", rows: A.rows, cols: nil, reason: "to match A (n rows)")
        let n = A.rows, m = B.cols
        var out = Matrix(rows: n, cols: n * m)
        var block = B
        for k in 0..<n {
            if k > 0 { block = A * block }
            for j in 0..<m { for i in 0..<n { out[i, k * m + j] = block[i, j] } }
        }
        return out
    }

    /// Octave's `obsv(A, C)`: the observability matrix [C; CA; …; CAⁿ⁻¹]
    /// (pn × n). Throws `.argument` naming A or C, `.notFinite`.
    public static func obsv(A: Matrix, C: Matrix) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(C, "C", rows: nil, cols: A.rows, reason: "to match A (n columns)")
        let n = A.rows, p = C.rows
        var out = Matrix(rows: n * p, cols: n)
        var block = C
        for k in 0..<n {
            if k > 0 { block = block * A }
            for j in 0..<n { for i in 0..<p { out[k * p + i, j] = block[i, j] } }
        }
        return out
    }

    /// The Gramians (Octave's `gram(A, B)`, `gram(A, C, "o")` and, with
    /// `discrete: true`, `dgram`; python-control's `gram`):
    ///
    /// | kind            | continuous                  | discrete                     |
    /// |-----------------|-----------------------------|------------------------------|
    /// | controllability | A W + W Aᵀ + B Bᵀ = 0       | A W Aᵀ − W + B Bᵀ = 0        |
    /// | observability   | Aᵀ W + W A + Cᵀ C = 0       | Aᵀ W A − W + Cᵀ C = 0        |
    ///
    /// solved by `MatrixEquations.continuousLyapunov` (Bartels–Stewart,
    /// dtrsyl) or `discreteLyapunov` (Kitagawa). `BorC` is B (n×m) for the
    /// controllability Gramian and C (p×n) for the observability one. A must
    /// be stable (Re λ < 0, or |λ| < 1 when discrete), else the integral or
    /// sum defining W diverges: `.argument` naming A says so.
    public static func gram(A: Matrix, _ BorC: Matrix, kind: GramianKind = .controllability, discrete: Bool = false) throws -> Matrix {
        try ArgumentCheck.squareFinite(A, "A")
        let n = A.rows
        let weight: Matrix
        switch kind {
        case .controllability:
            try ArgumentCheck.shape(BorC, "B", rows: n, cols: nil, reason: "to match A (n rows)")
            weight = BorC.timesTranspose(BorC)
        case .observability:
            try ArgumentCheck.shape(BorC, "C", rows: nil, cols: n, reason: "to match A (n columns)")
            weight = BorC.transposeTimes(BorC)
        }
        let lambdas = try A.complexEigenvalues()
        if !isStable(eigenvalues: lambdas, discrete: discrete) {
            let what = discrete
                ? "ρ(A) = \(formatNumber(lambdas.reduce(0) { Swift.max($0, $1.magnitude) })) ≥ 1"
                : "an eigenvalue has real part \(formatNumber(lambdas.reduce(-Double.infinity) { Swift.max($0, $1.re) })) ≥ 0"
            throw MAMLError.argument(name: "A", message: "gram: A must be stable for its Gramian to exist (\(what))")
        }
        let a = kind == .controllability ? A : A.transposed
        let w = discrete ? try MatrixEquations.discreteLyapunov(A: a, Q: weight)
                         : try MatrixEquations.continuousLyapunov(A: a, Q: weight)
        return w.symmetrized
    }

    /// Octave's `isstable`: whether every eigenvalue of A has real part
    /// below −`tolerance` (continuous time) or modulus below 1 − `tolerance`
    /// (`discrete: true`), eigenvalues by LAPACK dgeev. Throws `.argument`
    /// naming A unless square, `.notFinite`.
    public static func isStable(A: Matrix, discrete: Bool = false, tolerance: Double = 0) throws -> Bool {
        try ArgumentCheck.squareFinite(A, "A")
        return isStable(eigenvalues: try A.complexEigenvalues(), discrete: discrete, tolerance: tolerance)
    }

    /// Whether `eigenvalues` lie in the open left half-plane (or the open unit disc).
    static func isStable(eigenvalues: [Complex], discrete: Bool, tolerance: Double = 0) -> Bool {
        discrete ? eigenvalues.allSatisfy { $0.magnitude < 1 - tolerance }
                 : eigenvalues.allSatisfy { $0.re < -tolerance }
    }

    /// The controllable subspace of (A, B) by the orthogonal staircase
    /// algorithm (P. M. Van Dooren, "The generalized eigenstructure problem in
    /// linear system theory", IEEE TAC 26(1), 1981; A. Varga, "Computation of
    /// irreducible generalized state-space realizations", Kybernetika 26(2),
    /// 1990; SLICOT ab01nd): repeatedly take the SVD of the current input
    /// block, keep the r directions with σ > tol, and recurse on the part of
    /// A not reached. Orthogonal transformations only, so the rank decisions
    /// are those of the data, not of the powers Aᵏ that `ctrb` forms.
    /// tol defaults to n²·ε·max(‖A‖_F, ‖B‖_F) (SLICOT's default).
    public static func controllabilityStaircase(A: Matrix, B: Matrix, tolerance: Double? = nil) throws -> ControllabilityStaircase {
        try ArgumentCheck.squareFinite(A, "A")
        try ArgumentCheck.shape(B, "B", rows: A.rows, cols: nil, reason: "to match A (n rows)")
        let n = A.rows
        let tol = tolerance ?? Double(n * n) * Double.ulpOfOne * Swift.max(A.frobeniusNorm, B.frobeniusNorm)
        var a = A, b = B
        var reached = 0
        while a.rows > 0 {
            let svd = try b.fullSingularValueDecomposition()
            let r = svd.singularValues.filter { $0 > tol }.count
            if r == 0 { break }
            reached += r
            if r == a.rows { a = Matrix(rows: 0, cols: 0); break }
            let t = svd.U.transposeTimes(a * svd.U)
            let rest = Array(r..<a.rows)
            b = t.submatrix(rows: rest, cols: Array(0..<r))
            a = t.submatrix(rows: rest, cols: rest)
        }
        let stuck = a.rows > 0 ? try a.complexEigenvalues() : []
        return ControllabilityStaircase(controllableDimension: reached, uncontrollableEigenvalues: stuck, tolerance: tol)
    }

    /// Whether (A, B) is controllable (`controllabilityStaircase`).
    public static func isControllable(A: Matrix, B: Matrix) throws -> Bool {
        try controllabilityStaircase(A: A, B: B).isControllable
    }

    /// Whether (A, C) is observable: (Aᵀ, Cᵀ) controllable (duality).
    public static func isObservable(A: Matrix, C: Matrix) throws -> Bool {
        try ArgumentCheck.shape(C, "C", rows: nil, cols: A.rows, reason: "to match A (n columns)")
        return try controllabilityStaircase(A: A.transposed, B: C.transposed).isControllable
    }
}

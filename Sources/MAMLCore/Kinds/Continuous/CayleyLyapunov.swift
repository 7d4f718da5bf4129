import Foundation

/// The continuous-time closed-loop equations of a Hurwitz A (here A_W),
///
///     Aᵀ·X + X·A + S = 0      (`solveValue`)
///     A·X + X·Aᵀ + S = 0      (`solveState`)
///
/// turned into Stein equations by the Cayley transform with shift h > 0 and
/// solved by the squared Smith iteration (`SquaredSmith`): with
/// F = (hI − A)⁻¹ and A_h = F·(hI + A),
///
///     X = A_hᵀ·X·A_h + 2h·Fᵀ·S·F      resp.     X = A_h·X·A_hᵀ + 2h·F·S·Fᵀ
///
/// (expand A_hᵀXA_h − X = 2h·Fᵀ(AᵀX + XA)F). A is Hurwitz exactly when
/// ρ(A_h) < 1, which the doubling certifies. The shift is h = ‖A‖_F/√n,
/// the root mean square of A's singular values: any h > 0 is exact, and for
/// eigenvalues of moduli near h, ρ(A_h) is small (Penzl 1999 on shifts for
/// the ADI and Smith methods). The geometric mean of the extreme moduli,
/// the better single shift for stiff spectra, needs ‖A⁻¹‖, which cost a
/// quarter of an n = 10 evaluation; stiff closed loops go to the Schur
/// method through the residual check below with either shift.
///
/// Every solution is checked: unless its residual is within
/// `residualTolerance`·(2‖A‖‖X‖ + ‖S‖) (Frobenius norms), what a backward
/// stable solver achieves, the solve is handed to the Schur method
/// (`ContinuousLyapunovSolver`, made on first need). That happens for
/// stiff closed loops (eigenvalue moduli spread over 10⁶, whose powers lose
/// accuracy in the doubling), never for the benchmark's. The spectral
/// abscissa is computed when asked (LAPACK dgeev), not as part of the solve.
final class CayleyLyapunov: ClosedLoopEquations {
    private let closedLoop: Matrix
    private let doubling: SquaredSmith
    /// A, padded for the kernels (the residual check).
    private let padded: PaddedSquare
    private let normA: Double
    /// F = (hI − A)⁻¹ and Fᵀ, padded.
    private let resolvent: PaddedSquare
    private let resolventTransposed: PaddedSquare
    /// 2h.
    private let scale: Double
    /// The Schur solver, for solves the doubling does not meet the tolerance on.
    private let schur: EquationsOnFirstNeed

    /// Relative residual accepted: 8·n·u, u = 2⁻⁵³ the unit roundoff.
    var residualTolerance: Double { 8 * Double(doubling.n) * 0x1p-53 }

    /// The equations of `closedLoop`; nil when the doubling does not serve it
    /// (not square, of order above `SquaredSmith.maxOrder`) or cannot decide:
    /// entries not finite, hI − A singular, or the doubling not converging (A not Hurwitz, or an
    /// eigenvalue within about 10⁻⁸·h of the imaginary axis). The Schur
    /// method then decides.
    /// `index` names the task in the Schur solver's errors.
    init?(closedLoop A: Matrix, index: Int?) {
        let n = A.rows
        guard n > 0, n <= SquaredSmith.maxOrder, A.cols == n else { return nil }
        let normA = A.frobeniusNorm
        let h = normA / Double(n).squareRoot()
        guard h > 0, h.isFinite else { return nil }
        var shifted = (-1.0) * A
        for i in 0..<n { shifted.storage[i + i * n] += h }
        guard let lu = SmallLU(shifted.storage, k: n) else { return nil }
        // F column by column: (hI − A)·F[:, j] = e_j.
        var f = PaddedSquare(zeros: n)
        let ld = f.ld
        lu.factors.withUnsafeBufferPointer { factors in
            lu.pivots.withUnsafeBufferPointer { pivots in
                f.entries.withUnsafeMutableBufferPointer { fb in
                    guard let a = factors.baseAddress, let p = pivots.baseAddress, let fb = fb.baseAddress else { return }
                    for j in 0..<n {
                        fb[j + j * ld] = 1
                        SmallLU.solveInPlace(a, p, k: n, fb + j * ld)
                    }
                }
            }
        }
        // A_h = F·(hI + A) = h·F + F·A.
        let a = PaddedSquare(A, ld: ld)
        var ah = f.times(a)
        for k in 0..<ah.entries.count { ah.entries[k] += h * f.entries[k] }
        guard ah.entries.allSatisfy({ $0.isFinite }), let d = SquaredSmith(padded: ah) else { return nil }
        closedLoop = A
        doubling = d
        padded = a
        self.normA = normA
        resolvent = f
        resolventTransposed = f.transposed
        scale = 2 * h
        schur = EquationsOnFirstNeed { try ContinuousLyapunovSolver(stableClosedLoop: A, task: index) }
    }

    /// e^α with α = max Re λ(A) (< 0).
    var stabilityRadius: Double { Foundation.exp(abscissa) }
    /// −α = −max Re λ(A).
    var stabilityMargin: Double { -abscissa }

    /// max Re λ(A); should the eigenvalue routine fail, the bound of the
    /// doubling: ρ(A_h) ≤ r maps back to λ = −h(1 − r)/(1 + r) for a real eigenvalue.
    private var abscissa: Double {
        if let lambdas = try? closedLoop.eigenvalues() {
            return lambdas.reduce(-Double.infinity) { Swift.max($0, $1.re) }
        }
        let r = Foundation.pow(doubling.finalPowerNorm, 1 / Foundation.pow(2, Double(doubling.levels)))
        return -0.5 * scale * (1 - r) / (1 + r)
    }

    func solveValue(_ S: Matrix) throws -> Matrix {
        if let x = try doublingSolve(S, value: true) { return x }
        return try schur.value().solveValue(S)
    }

    func solveState(_ S: Matrix) throws -> Matrix {
        if let x = try doublingSolve(S, value: false) { return x }
        return try schur.value().solveState(S)
    }

    /// The value (`value`) or state equation's X by the doubling, or nil when
    /// its residual misses the tolerance (`checked`).
    private func doublingSolve(_ S: Matrix, value: Bool) throws -> Matrix? {
        try S.requireShape("S", rows: doubling.n, cols: doubling.n, reason: "to match A − BW")
        let s = PaddedSquare(S, ld: padded.ld)
        let symmetric = s.isSymmetric
        // Value: X = A_hᵀXA_h + 2h·FᵀSF; state: X = A_hXA_hᵀ + 2h·FSFᵀ.
        let start = (value ? resolventTransposed : resolvent).congruence(s, scale: scale, symmetric: symmetric)
        let x = doubling.sum(start, transposed: value, symmetric: symmetric)
        let accepted = value
            ? checked(x, s, symmetric: symmetric, { x in x.times(self.padded) }, { x in self.padded.transposed.times(x) })
            : checked(x, s, symmetric: symmetric, { x in self.padded.times(x) }, { x in x.times(self.padded.transposed) })
        return accepted?.matrix
    }

    /// X if ‖L(X) + R(X) + S‖_F ≤
    /// tolerance·(2‖A‖_F‖X‖_F + ‖S‖_F), else nil; L(X) = X·A and R(X) = Aᵀ·X
    /// for the value equation (A·X and X·Aᵀ for the state equation). For a
    /// symmetric X (`symmetric`: S symmetric, so that the doubling made X
    /// exactly symmetric), R(X) = L(X)ᵀ, so one product serves.
    private func checked(_ x: PaddedSquare, _ s: PaddedSquare, symmetric: Bool, _ left: (PaddedSquare) -> PaddedSquare,
                         _ right: (PaddedSquare) -> PaddedSquare) -> PaddedSquare? {
        let n = x.n, ld = x.ld
        var r2 = 0.0
        if symmetric {
            let l = left(x)
            for j in 0..<n {
                for i in 0..<n {
                    let r = l.entries[i + j * ld] + l.entries[j + i * ld] + s.entries[i + j * ld]
                    r2 += r * r
                }
            }
        } else {
            let l = left(x), r = right(x)
            for k in 0..<s.entries.count {
                let v = l.entries[k] + r.entries[k] + s.entries[k]
                r2 += v * v
            }
        }
        let bound = residualTolerance * (2 * normA * x.frobeniusNorm + s.frobeniusNorm)
        return r2.squareRoot() <= bound ? x : nil
    }
}

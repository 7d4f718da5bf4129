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
/// ρ(A_h) < 1, which the doubling certifies. The shift is h = ‖A‖_F/√n, the
/// root mean square of A's singular values, a scale of its eigenvalues
/// (Penzl 1999 and the ADI literature choose shifts so; any h > 0 is exact,
/// a poor one only costs levels). The spectral abscissa is computed when
/// asked (LAPACK dgeev), not as part of the solve.
final class CayleyLyapunov: ClosedLoopEquations {
    private let closedLoop: Matrix
    private let doubling: SquaredSmith
    /// F = (hI − A)⁻¹ and Fᵀ, padded for the doubling's kernels.
    private let resolvent: PaddedSquare
    private let resolventTransposed: PaddedSquare
    /// 2h.
    private let scale: Double

    /// The equations of `closedLoop` (square, finite, of order at most
    /// `SquaredSmith.maxOrder`); nil when hI − A is singular or the doubling
    /// does not converge, for the Schur method (`ContinuousLyapunovSolver`) to decide.
    init?(closedLoop A: Matrix) {
        let n = A.rows
        guard n > 0, n <= SquaredSmith.maxOrder else { return nil }
        let h = A.frobeniusNorm / Double(n).squareRoot()
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
        var ah = f.times(PaddedSquare(A, ld: ld))
        for k in 0..<ah.entries.count { ah.entries[k] += h * f.entries[k] }
        guard ah.entries.allSatisfy({ $0.isFinite }), let d = SquaredSmith(ah.matrix) else { return nil }
        closedLoop = A
        doubling = d
        resolvent = f
        resolventTransposed = f.transposed
        scale = 2 * h
    }

    /// e^α with α = max Re λ(A) (< 0); should the eigenvalue routine fail,
    /// the bound of the doubling, ρ(A_h), mapped back as if by a real eigenvalue.
    var stabilityRadius: Double { Foundation.exp(abscissa) }
    /// −α = −max Re λ(A).
    var stabilityMargin: Double { -abscissa }

    private var abscissa: Double {
        if let lambdas = try? closedLoop.eigenvalues() {
            return lambdas.reduce(-Double.infinity) { Swift.max($0, $1.re) }
        }
        // ρ(A_h) ≤ r for a real eigenvalue λ = −h(1 − r)/(1 + r).
        let r = Foundation.pow(doubling.finalPowerNorm, 1 / Foundation.pow(2, Double(doubling.levels)))
        return -0.5 * scale * (1 - r) / (1 + r)
    }

    func solveValue(_ S: Matrix) throws -> Matrix {
        try S.requireShape("S", rows: doubling.n, cols: doubling.n, reason: "to match A − BW")
        return doubling.solveTransposed(S, congruence: resolventTransposed, scale: scale)
    }

    func solveState(_ S: Matrix) throws -> Matrix {
        try S.requireShape("S", rows: doubling.n, cols: doubling.n, reason: "to match A − BW")
        return doubling.solve(S, congruence: resolvent, scale: scale)
    }
}

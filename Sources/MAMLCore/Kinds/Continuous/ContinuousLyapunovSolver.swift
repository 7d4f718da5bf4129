import Foundation

/// The continuous-time closed-loop equations of a Hurwitz matrix A (here
/// A_W = A − BW), on one real Schur factorization A = U·T·Uᵀ (LAPACK dgees):
///
///     Aᵀ·X + X·A + S = 0      (`solveValue`: P_W, P′)
///     A·X + X·Aᵀ + S = 0      (`solveState`: Σ_W, Σ′)
///
/// each by Bartels–Stewart (Bartels & Stewart 1972): X̃ = Uᵀ·X·U solves
/// Tᵀ·X̃ + X̃·T = −Uᵀ·S·U, resp. T·X̃ + X̃·Tᵀ = −Uᵀ·S·U, by LAPACK dtrsyl on
/// the quasi-triangular T, and X = U·X̃·Uᵀ — as `SteinSolver` shares one
/// factorization between the two discrete equations. For a Hurwitz A and
/// S ⪰ 0 the solutions are X = ∫₀^∞ e^{Aᵀt}·S·e^{At} dt and ∫₀^∞ e^{At}·S·e^{Aᵀt} dt.
public final class ContinuousLyapunovSolver: ClosedLoopEquations {
    /// Order of A.
    public let n: Int
    /// α = max Re λ(A), the spectral abscissa (< 0).
    public let abscissa: Double
    private let schur: RealSchur
    private let task: Int?

    /// Factorizes A, which must be Hurwitz: throws `.notStabilizing(task, e^α,
    /// .spectralAbscissa)` when α = max Re λ(A) ≥ 0.
    public init(stableClosedLoop A: Matrix, task: Int?) throws {
        let f = try RealSchur(A)
        let alpha = f.eigenvalues.reduce(-Double.infinity) { Swift.max($0, $1.re) }
        if !(alpha < 0) {
            throw MAMLError.notStabilizing(task: task, rho: Foundation.exp(alpha), measure: .spectralAbscissa)
        }
        n = A.rows
        abscissa = alpha
        schur = f
        self.task = task
    }

    /// e^α, the spectral radius of e^A (< 1).
    public var stabilityRadius: Double { Foundation.exp(abscissa) }
    /// −α = −max Re λ(A).
    public var stabilityMargin: Double { -abscissa }

    /// X solving Aᵀ·X + X·A + S = 0.
    public func solveValue(_ S: Matrix) throws -> Matrix { try solve(S, trana: "T", tranb: "N") }
    /// X solving A·X + X·Aᵀ + S = 0.
    public func solveState(_ S: Matrix) throws -> Matrix { try solve(S, trana: "N", tranb: "T") }

    private func solve(_ S: Matrix, trana: Unicode.Scalar, tranb: Unicode.Scalar) throws -> Matrix {
        try S.requireShape("S", rows: n, cols: n, reason: "to match A − BW")
        let u = schur.U
        var f = -(u.transposeTimes(S * u))
        let scale: Double
        do {
            scale = try MatrixEquations.trsyl(schur.T, schur.T, &f, trana: trana, tranb: tranb,
                                              what: "the closed loop has eigenvalues λ_i + λ_j = 0")
        } catch MAMLError.noUniqueSolution {
            // Hurwitz to rounding only: the equation is singular, W is on the boundary.
            throw MAMLError.notStabilizing(task: task, rho: stabilityRadius, measure: .spectralAbscissa)
        }
        return (1 / scale) * (u * f.timesTranspose(u))
    }
}

extension StabilityMeasure {
    /// max Re λ(A − BW), the continuous-time kind's measure (shown as ln ρ with ρ = e^{max Re λ}).
    public static let spectralAbscissa = StabilityMeasure(head: "max Re λ", logarithmic: true)
}

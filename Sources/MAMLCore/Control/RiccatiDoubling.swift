/// The structure-preserving doubling algorithm (SDA) for the discrete
/// algebraic Riccati equation (E. K.-W. Chu, H.-Y. Fan, W.-W. Lin and
/// C.-S. Wang, "Structure-preserving algorithms for periodic discrete-time
/// algebraic Riccati equations", Int. J. Control 77(8), 2004; W.-W. Lin and
/// S.-F. Xu, "Convergence analysis of structure-preserving doubling
/// algorithms for Riccati-type matrix equations", SIAM J. Matrix Anal. Appl.
/// 28(1), 2006). With the cross term removed (Ā = A − B·R⁻¹Sᵀ,
/// Q̄ = Q − S·R⁻¹Sᵀ) and G₀ = B·R⁻¹Bᵀ, H₀ = Q̄, A₀ = Ā:
///
///     W_k = I + G_k·H_k
///     A_{k+1} = A_k·W_k⁻¹·A_k
///     G_{k+1} = G_k + A_k·W_k⁻¹·G_k·A_kᵀ
///     H_{k+1} = H_k + A_kᵀ·H_k·W_k⁻¹·A_k
///
/// H_k converges to the stabilizing X quadratically, its error shrinking as
/// ρ(A − BG)^(2^k) — a few n×n LU solves and products per step instead of
/// the QZ of a (2n + m)-order pencil. `Control.dare` tries it first when R
/// is well conditioned and keeps the answer only when it converges with a
/// small residual; the ordered-QZ method (`solveByPencil`) decides every
/// other case, and gives the errors.
extension RiccatiProblem {
    /// Doubling steps tried before giving up (ρ(A − BG) = 1 − 10⁻¹⁰ still
    /// converges in about 40).
    static let doublingSteps = 60

    /// X by doubling, or nil when R is ill conditioned, a step's W_k is
    /// singular, the iteration does not settle within `doublingSteps`, or
    /// an entry is not finite (the caller then takes the pencil).
    func solveByDoubling() throws -> Matrix? {
        guard discrete, n > 0, m > 0, try R.reciprocalCondition() > RiccatiProblem.hamiltonianRcond else { return nil }
        let r = try R.luFactorization(name: "R")
        let rinvBt = r.solve(B.transposed), rinvSt = r.solve(S.transposed)     // R⁻¹Bᵀ, R⁻¹Sᵀ
        let start = (a: A - B * rinvSt, g: (B * rinvBt).symmetrized, h: (Q - S * rinvSt).symmetrized)
        let outcome = try? RiccatiProblem.doublingIteration(start, steps: RiccatiProblem.doublingSteps) { change, size in
            change <= 1e-15 * size
        }
        if case .converged(let x)? = outcome { return x }
        return nil
    }
}

/// How the doubling iteration ended (`RiccatiProblem.doublingIteration`).
enum DoublingOutcome {
    /// H_k settled: the stabilizing solution.
    case converged(Matrix)
    /// A step's W_k = I + G_k·H_k was singular.
    case singular
    /// An entry of A_k, G_k or H_k stopped being finite.
    case notFinite
    /// H_k did not settle within the steps allowed.
    case notConverged
}

extension RiccatiProblem {
    /// The SDA steps above from (A₀, G₀, H₀), at most `steps` of them, until
    /// `settled(‖H_{k+1} − H_k‖_F, ‖H_{k+1}‖_F)`. The one iteration behind
    /// `Control.dare`'s first try (`solveByDoubling`) and the discrete kind's
    /// optimal cost (`RiccatiSolution.doubling`), which differ only in their
    /// tolerances and in what they make of an iteration that fails.
    static func doublingIteration(_ start: (a: Matrix, g: Matrix, h: Matrix), steps: Int,
                                  settled: (Double, Double) -> Bool) throws -> DoublingOutcome {
        var (a, g, h) = start
        let identity = Matrix.identity(a.rows)
        for _ in 0..<steps {
            let lu: LUFactorization
            do {
                lu = try (identity + g * h).luFactorization(name: "I + G·H")
            } catch MAMLError.singular {
                return .singular
            }
            let wa = lu.solve(a)                                        // W⁻¹A
            let wg = lu.solve(g)                                        // W⁻¹G
            let nextH = (h + a.transposeTimes(h * wa)).symmetrized
            let nextG = (g + a * wg.timesTranspose(a)).symmetrized
            a = a * wa
            let change = (nextH - h).frobeniusNorm
            h = nextH
            g = nextG
            if !h.isFinite || !g.isFinite || !a.isFinite { return .notFinite }
            if settled(change, h.frobeniusNorm) { return .converged(h) }
        }
        return .notConverged
    }
}

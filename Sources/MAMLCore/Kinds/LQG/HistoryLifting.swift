/// The steady-state Kalman filter and the history lifting S* of an LQG task
/// (Toso, Fallah, Stamouli, Pappas & Anderson, multitask LQG, 2026; code
/// github.com/jd-anderson/multitask_LQG): everything the `LQGKind` derives
/// from (A, B) and its parameters.
///
/// The filter in measurement-update form, with L the gain of the filter
/// DARE of (A, C, Wn, Vn) (`Control.dlqe`: P its prior covariance), is
///
///     x̂_t = Ã x̂_{t−1} + B̃ u_{t−1} + L y_t,   Ã = (I − LC)A,  B̃ = (I − LC)B,
///
/// and the history z_t = [u_{t−1}; …; u_{t−p}; y_t; …; y_{t−p+1}] (newest
/// first) is lifted to the estimate by x̂_t = S* z_t. With K* the LQR gain
/// of (A, B, CᵀQ_yC, R), the blocks Fu = [Ã^k B̃]_k, Fy = [Ã^k L]_k
/// (k = 0…p−1), Tu, Ty strictly upper block triangular with block (r, c)
/// K*Ã^(c−r−1)B̃ and K*Ã^(c−r−1)L, and Ox stacking K*Ã^i:
///
/// - `published` (the paper's and its code's `compute_S_star`):
///   Ox's block i = K*Ã^i, S* = [Fu + Ã^p Ox⁺(I − Tu), Fy − Ã^p Ox⁺Ty];
/// - `consistent` (derived in scripts/fixtures/lqg_history_check.py): along
///   u_s = −K*x̂_s the inputs satisfy Ox_r x̂_{t−p} = −(I + Tu)U − Ty Y with
///   Ox_r's block r = K*Ã^(p−1−r), so
///   S* = [Fu − Ã^p Ox_r⁺(I + Tu), Fy − Ã^p Ox_r⁺Ty],
///   and x̂_t = S* z_t holds exactly on that closed loop.
///
/// Both have full row rank n for the tasks here, give K = K̃S*† with
/// S*† = S*ᵀ(S*S*ᵀ)⁻¹, and the same cost and gradient at K̃* = K*S*; only
/// the consistent one makes the history policy u = −K̃z equal the filter's
/// (README, "The history lifting of multitask LQG").
public struct HistoryLifting: Sendable {
    /// Which S*.
    public enum Variant: String, Sendable, CaseIterable {
        /// The published formula (for reproduction).
        case published
        /// The reordered, sign-corrected formula with x̂_t = S* z_t.
        case consistent
    }

    /// The LQR gain K* of (A, B, CᵀQ_yC, R).
    public let Kstar: Matrix
    /// The measurement-update Kalman gain L (n × q).
    public let kalmanGain: Matrix
    /// The prior error covariance P of the filter DARE.
    public let priorCovariance: Matrix
    /// The posterior error covariance Z = P − LCP.
    public let posteriorCovariance: Matrix
    /// The innovation-driven noise of the estimate, Σ_ν = L(CPCᵀ + Vn)Lᵀ.
    public let Sigma_nu: Matrix
    /// S* (n × p(m + q)).
    public let Sstar: Matrix
    /// S*† = S*ᵀ(S*S*ᵀ)⁻¹ (p(m + q) × n).
    public let Sdagger: Matrix

    /// The filter and lifting of (A, B) with the given parameters. Throws
    /// `.invalidTaskMatrix` naming the argument when (A, C) is not
    /// detectable (no stabilizing filter DARE solution), (A, B) is not
    /// stabilizable, or S* does not have full row rank.
    public init(A: Matrix, B: Matrix, C: Matrix, Qy: Matrix, R: Matrix, Wn: Matrix, Vn: Matrix, history p: Int,
                variant: Variant, where where_: String) throws {
        let n = A.rows, m = B.cols, q = C.rows
        let qState = C.transposeTimes(Qy * C).symmetrized
        let filter: DLQEDesign
        do {
            filter = try Control.dlqe(A: A, C: C, Qn: Wn, Rn: Vn)
        } catch {
            throw MAMLError.invalidTaskMatrix(matrix: "C", message: "the Kalman filter of (A, C, Wn, Vn) has no stabilizing solution (is (A, C) detectable?): \(error)\(where_)")
        }
        let kstar: Matrix
        do {
            kstar = try Control.dlqr(A: A, B: B, Q: qState, R: R).K
        } catch {
            throw MAMLError.invalidTaskMatrix(matrix: "B", message: "the LQR of (A, B, CᵀQyC, R) has no stabilizing solution (is (A, B) stabilizable?): \(error)\(where_)")
        }
        Kstar = kstar
        let l = filter.M
        kalmanGain = l
        priorCovariance = filter.P
        posteriorCovariance = filter.Z
        Sigma_nu = (l * (C * filter.P.timesTranspose(C) + Vn)).timesTranspose(l).symmetrized
        let ilc = Matrix.identity(n) - l * C
        let at = ilc * A, bt = ilc * B
        var powers = [Matrix.identity(n)]
        for _ in 0..<p { powers.append(at * (powers.last ?? .identity(n))) }
        var s = Matrix(rows: n, cols: p * (m + q))
        for k in 0..<p {
            HistoryLifting.place(powers[k] * bt, in: &s, row: 0, col: k * m)
            HistoryLifting.place(powers[k] * l, in: &s, row: 0, col: p * m + k * q)
        }
        var tu = Matrix(rows: p * m, cols: p * m), ty = Matrix(rows: p * m, cols: p * q)
        let kb = (0..<p).map { kstar * powers[$0] * bt }, kl = (0..<p).map { kstar * powers[$0] * l }
        for r in 0..<p {
            for c in (r + 1)..<p {
                HistoryLifting.place(kb[c - r - 1], in: &tu, row: r * m, col: c * m)
                HistoryLifting.place(kl[c - r - 1], in: &ty, row: r * m, col: c * q)
            }
        }
        var ox = Matrix(rows: p * m, cols: n)
        for i in 0..<p {
            let power = variant == .published ? i : p - 1 - i
            HistoryLifting.place(kstar * powers[power], in: &ox, row: i * m, col: 0)
        }
        let lead = powers[p] * (try ox.pseudoInverse())          // Ã^p Ox⁺
        let sign: Double = variant == .published ? 1 : -1
        let uPart = lead * (Matrix.identity(p * m) + (-sign) * tu)   // published: I − Tu; consistent: I + Tu
        let yPart = lead * ty
        for j in 0..<(p * m) {
            for i in 0..<n { s[i, j] += sign * uPart[i, j] }
        }
        for j in 0..<(p * q) {
            for i in 0..<n { s[i, p * m + j] -= yPart[i, j] }
        }
        Sstar = s
        let gram = s.timesTranspose(s)
        do {
            Sdagger = try gram.solve(s, name: "S*S*ᵀ").transposed
        } catch {
            throw MAMLError.invalidTaskMatrix(matrix: "history", message: "the history lifting S* (\(n)×\(p * (m + q))) does not have full row rank \(n), so K = K̃S*† is not defined: try a longer history\(where_)")
        }
        if !Sdagger.isFinite {
            throw MAMLError.invalidTaskMatrix(matrix: "history", message: "the history lifting S* is not finite\(where_)")
        }
    }

    /// Writes `block` into `target` with its top left at (row, col).
    static func place(_ block: Matrix, in target: inout Matrix, row: Int, col: Int) {
        for j in 0..<block.cols {
            for i in 0..<block.rows { target[row + i, col + j] = block[i, j] }
        }
    }
}

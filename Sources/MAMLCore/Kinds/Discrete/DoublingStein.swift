import Foundation

/// The discrete closed-loop equations of a stable A_W solved by the squared
/// Smith iteration (`SquaredSmith`): X = A_WᵀXA_W + S and X = A_WXA_Wᵀ + S.
/// The stability radius ρ(A_W) is computed when asked (LAPACK dgeev), not
/// as part of the solve.
final class DoublingStein: ClosedLoopEquations {
    private let closedLoop: Matrix
    private let doubling: SquaredSmith

    /// The equations of `closedLoop`; nil when the doubling does not serve it
    /// (not square, of order above `SquaredSmith.maxOrder`, entries not
    /// finite) or does not converge (`SquaredSmith`), for the Schur method to decide.
    init?(closedLoop: Matrix) {
        guard let d = SquaredSmith(closedLoop) else { return nil }
        self.closedLoop = closedLoop
        self.doubling = d
    }

    /// ρ(A_W); should the eigenvalue routine fail, the bound ‖A_W^(2^K)‖_F^(1/2^K) < 1 of the doubling.
    var stabilityRadius: Double {
        (try? closedLoop.spectralRadius())
            ?? Foundation.pow(doubling.finalPowerNorm, 1 / Foundation.pow(2, Double(doubling.levels)))
    }
    /// 1 − ρ(A_W).
    var stabilityMargin: Double { 1 - stabilityRadius }
    func solveValue(_ S: Matrix) throws -> Matrix {
        try S.requireShape("S", rows: doubling.n, cols: doubling.n, reason: "to match A − BW")
        return doubling.solveTransposed(S)
    }
    func solveState(_ S: Matrix) throws -> Matrix {
        try S.requireShape("S", rows: doubling.n, cols: doubling.n, reason: "to match A − BW")
        return doubling.solve(S)
    }
}

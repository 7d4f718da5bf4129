/// How far apart the tasks of a set are: for each of A, B, Q, R and Σ0 the
/// largest pairwise spectral-norm distance max_{i,j} ‖X_i − X_j‖₂ — the
/// heterogeneity measures of Toso et al. 2024 (for A and B, Definition 1 of
/// Musavi & Dullerud's heterogeneous setting). All are 0 for one task.
public struct Heterogeneity: Sendable, Equatable {
    /// max_{i,j} ‖A_i − A_j‖₂.
    public let A: Double
    /// max_{i,j} ‖B_i − B_j‖₂.
    public let B: Double
    /// max_{i,j} ‖Q_i − Q_j‖₂.
    public let Q: Double
    /// max_{i,j} ‖R_i − R_j‖₂.
    public let R: Double
    /// max_{i,j} ‖Σ0_i − Σ0_j‖₂.
    public let Sigma0: Double

    /// The pairwise maxima over the tasks of `set`. Exact: a pair is passed
    /// over only when its Frobenius distance (an upper bound of the spectral
    /// one) does not exceed the largest spectral distance found so far, so
    /// most of the K(K − 1)/2 pairs cost a subtraction, not an SVD.
    public init(_ set: TaskSet) throws {
        let t = set.tasks
        func largest(_ x: (LQRTask) -> Matrix) throws -> Double {
            var best = 0.0
            for i in 0..<t.count {
                let xi = x(t[i])
                for j in (i + 1)..<t.count {
                    let d = xi - x(t[j])
                    if d.frobeniusNorm <= best { continue }
                    best = Swift.max(best, try d.spectralNorm())
                }
            }
            return best
        }
        A = try largest(\.A)
        B = try largest(\.B)
        Q = try largest(\.Q)
        R = try largest(\.R)
        Sigma0 = try largest(\.Sigma0)
    }
}

extension TaskSet {
    /// The largest pairwise distances between the tasks' matrices (see `Heterogeneity`).
    public func heterogeneity() throws -> Heterogeneity { try Heterogeneity(self) }
}

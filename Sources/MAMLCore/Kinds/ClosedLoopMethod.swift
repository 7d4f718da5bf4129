/// How the closed-loop equations of a discrete or continuous-time task are
/// solved (`DiscreteKind.equations`, `ContinuousKind.equations`).
public enum ClosedLoopMethod: Sendable, CaseIterable {
    /// One real Schur form of A_W and back-substitution (Bartels–Stewart, Kitagawa).
    case schur
    /// The squared Smith iteration (`SquaredSmith`), through a Cayley transform in continuous time.
    case doubling
}

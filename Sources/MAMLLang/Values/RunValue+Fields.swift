import MAMLCore

extension RunValue {
    /// The fields of a run, in the order `r.` offers them: the gains, every
    /// series of `RunSeries` (one entry per iterate), then the counts, status,
    /// time and name.
    static let fieldNames = ["W", "W0", "iterates"] + RunSeries.allCases.map(\.rawValue)
        + ["rollouts", "iters", "status", "time", "name"]
}

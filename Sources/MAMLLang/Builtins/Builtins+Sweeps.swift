import Foundation

/// `collect` and `table`: a sweep that `mamlsh sweep` ran, read back and
/// summarized (README, "Sweeps past one machine"; the folder's files:
/// `SweepLayout`). `plot(S, x=…, y=…, group=…)` draws one (MAMLFigures).
extension Builtins {
    static let sweeps: [BuiltinFunction] = [
        BuiltinFunction("collect", [.required("dir")], help: """
                        reads back the sweep that mamlsh sweep ran into folder dir: its points' parameters and results, the failed points and the manifest
                        S.columns is a struct of columns over the points done, in index order: one per parameter and one per
                        field of what the points saved (a row vector of numbers, else a list: runs, strings); S.points lists
                        the points done, each p with p.index, its parameters by name, p.params and p.result (the value of the
                        one data file it saved, as load reads it: .json, .mat, .npy, .npz, a .csv as a matrix; a struct by
                        file name for several); S.failed lists the points that
                        failed or were interrupted with their error; S.manifest, S.dir, S.count, S.done, S.pending and
                        S.parameters describe the sweep. A point whose results cannot be read counts as failed, with the
                        reason. plot(S, x=…, y=…) draws it, table(S) summarizes it.
                        """) { c in
            let dir = try c.string("dir")
            let path = FilePaths.forReading(dir, outputDirectory: c.session.options.outputDirectory)
            return try located(c, "dir") {
                .object(try SweepCollection.read(directory: path) { try c.interpreter.checkInterruption(at: c.location) })
            }
        }.documented(forms: ["S = collect(dir)"]),
        BuiltinFunction("table", [Parameter.optional("y", "all numeric results").named,
                                  Parameter.optional("by", "parameters but seed").named], variadic: true, help: """
                        prints a summary of sweep S: per group of points, n, mean, std, min and max of each measure
                        By default the groups are the values of every parameter but seed (a parameter named seed numbers the
                        realizations) and the measures every result column that holds numbers; y="F" or y=@(p) p.result.F[end]
                        gives one measure, by="eta" or by={"eta", "tasks"} the grouping ({} for one group). std is the sample
                        standard deviation (n − 1); NaN values are left out of n.
                        """) { c in
            try sweepTable(c)
            return nil
        }.documented(forms: ["table(S, y=…, by=…)"]),
    ]

    /// `table(S, y=…, by=…)`: the summary lines, written to the session.
    private static func sweepTable(_ c: Call) throws {
        guard let first = c.rest.first else {
            throw LangError("table takes a sweep: table(collect(\"runs/eta\"))", at: c.location)
        }
        guard case .object(let o) = first.value, let sweep = o as? CollectedSweep else {
            throw LangError("table summarizes a sweep, what collect(dir) returns (it is \(first.value.typeDescription))", at: first.location)
        }
        if c.rest.count > 1 {
            throw LangError("table takes one sweep; give the measure as y=… and the grouping as by=…", at: c.rest[1].location)
        }
        let by = c.has("by") ? try SweepMeasure.parameters(c, sweep, "by") : SweepMeasure.defaultGrouping(sweep)
        var measures: [SweepMeasure] = []
        if c.has("y") {
            measures = [try SweepMeasure(c, sweep, "y")]
        } else {
            for name in SweepMeasure.numericColumns(sweep) where !sweep.parameterNames.contains(name) {
                let column = sweep.points.map { CollectedSweep.resultField($0.result, name)?.asScalar ?? .nan }
                measures.append(SweepMeasure(label: name, values: column))
            }
        }
        var lines = ["\(sweep.points.count) of \(sweep.manifest.count) points done"
                     + (sweep.failures.isEmpty ? "" : ", \(sweep.failures.count) failed")
                     + (sweep.pending == 0 ? "" : ", \(sweep.pending) pending")]
        if measures.isEmpty {
            lines.append("no result column holds numbers; give y=@(p) … returning a number")
        }
        let groups = SweepMeasure.groups(sweep, by: by)
        let keyWidth = max(5, by.map { name in
            max(name.count, groups.map { g in g.key[by.firstIndex(of: name) ?? 0].argumentText.count }.max() ?? 0)
        }.max() ?? 0)
        for measure in measures {
            lines.append("")
            lines.append(measure.label + (by.isEmpty ? "" : " by " + by.joined(separator: ", ")))
            let head = by.map { pad($0, keyWidth) }.joined(separator: " ")
            lines.append("  " + head + (by.isEmpty ? "" : " ") + ["n", "mean", "std", "min", "max"].enumerated()
                .map { pad($1, $0 == 0 ? 5 : 12, right: true) }.joined(separator: " "))
            for g in groups {
                let s = SweepStatistics(g.members.map { measure.values[$0] })
                let key = g.key.map { pad($0.argumentText, keyWidth) }.joined(separator: " ")
                let numbers = [s.mean, s.std, s.min, s.max].map { pad(String(format: "%.6g", $0), 12, right: true) }
                lines.append("  " + key + (by.isEmpty ? "" : " ") + pad(String(s.n), 5, right: true) + " " + numbers.joined(separator: " "))
            }
        }
        c.session.write(lines.joined(separator: "\n") + "\n")
    }

    /// `text` padded with spaces to `width` (on the left when `right`).
    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

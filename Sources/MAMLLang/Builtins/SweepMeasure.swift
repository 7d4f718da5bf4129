import Foundation

/// A number per point of a collected sweep — a column of it (`"F"`,
/// `"eta"`) or what a function of the point returns (`@(p) p.result.F[end]`)
/// — and the points grouped by parameters: what `table(S)` summarizes and
/// `plot(S, x=…, y=…, group=…)` draws (MAMLFigures).
package struct SweepMeasure {
    /// The name shown for it: the column's name or the function's text.
    package let label: String
    /// One value per point done, in the order of `CollectedSweep.points` (NaN: none).
    package let values: [Double]

    /// The measure `label` of `values`, computed already.
    init(label: String, values: [Double]) {
        self.label = label
        self.values = values
    }

    /// The measure `spec` (a column name or a function of a point) of the
    /// points of `sweep`; errors are placed at argument `p` of the call.
    package init(_ c: Call, _ sweep: CollectedSweep, _ p: String) throws {
        let spec = try c.value(p)
        var values: [Double] = []
        values.reserveCapacity(sweep.points.count)
        switch spec {
        case .string(let name):
            let column = try SweepMeasure.column(sweep, name, c, p)
            for (k, v) in column.enumerated() {
                guard let x = v.asScalar else {
                    throw LangError("\(p)=\(quoted(name)) is not a number at point \(sweep.points[k].index) (it is \(v.typeDescription)); give \(p)=@(p) … returning a number, e.g. @(p) p.result.\(name)[end]",
                                    at: c.location(of: p))
                }
                values.append(x)
            }
            label = name
        case .function(let f):
            for point in sweep.points {
                try c.interpreter.checkInterruption(at: c.location)
                let v = try c.interpreter.callValue(f, [point.value], at: c.location(of: p))
                guard let x = v.asScalar else {
                    throw LangError("\(f.text) gave \(v.typeDescription) for point \(point.index) (\(sweep.manifest.describe(point.index))), not a number",
                                    at: c.location(of: p))
                }
                values.append(x)
            }
            // `@(p) p.result.F` is labelled `p.result.F`.
            let text = f.text
            if text.hasPrefix("@("), let close = text.firstIndex(of: ")") {
                label = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
            } else {
                label = text
            }
        default:
            throw LangError("\(p) must be a column's name (\(SweepMeasure.numericColumns(sweep).map(quoted).joined(separator: ", "))) or a function of a point, @(p) p.result.F (it is \(spec.typeDescription))",
                            at: c.location(of: p))
        }
        self.values = values
    }

    /// The values of column `name` (a parameter or a result field) over the points done.
    static func column(_ sweep: CollectedSweep, _ name: String, _ c: Call, _ p: String) throws -> [Value] {
        if sweep.parameterNames.contains(name) {
            return sweep.points.map { $0.parameter(name)?.value ?? .number(.nan) }
        }
        if sweep.resultFieldNames.contains(name) {
            return sweep.points.map { CollectedSweep.resultField($0.result, name) ?? .number(.nan) }
        }
        let names = sweep.parameterNames + sweep.resultFieldNames.filter { !sweep.parameterNames.contains($0) }
        var message = "the sweep has no column \(quoted(name)); its columns: \(names.joined(separator: ", "))"
        if let near = Suggestions.nearest(to: name, in: names) { message += " (did you mean \(quoted(near))?)" }
        throw LangError(message, at: c.location(of: p))
    }

    /// The columns whose values are numbers at every point done.
    package static func numericColumns(_ sweep: CollectedSweep) -> [String] {
        let names = sweep.parameterNames + sweep.resultFieldNames.filter { !sweep.parameterNames.contains($0) }
        return names.filter { name in
            if let column = sweep.columns[name], case .matrix = column { return true }
            return false
        }
    }

    /// The parameters among `names` (a string or a list of strings at argument `p`), checked.
    package static func parameters(_ c: Call, _ sweep: CollectedSweep, _ p: String) throws -> [String] {
        let names: [String]
        switch try c.value(p) {
        case .string(let s): names = [s]
        case .list(let l):
            names = try l.items.map { item in
                guard case .string(let s) = item else {
                    throw LangError("\(p) must name parameters: a string or a list of strings", at: c.location(of: p))
                }
                return s
            }
        case let other:
            throw LangError("\(p) must name parameters: a string or a list of strings (it is \(other.typeDescription))", at: c.location(of: p))
        }
        for name in names where !sweep.parameterNames.contains(name) {
            var message = "\(quoted(name)) is not a parameter of the sweep (its parameters: \(sweep.parameterNames.joined(separator: ", ")))"
            if let near = Suggestions.nearest(to: name, in: sweep.parameterNames) { message += "; did you mean \(quoted(near))?" }
            throw LangError(message, at: c.location(of: p))
        }
        return names
    }

    /// The points (positions in `sweep.points`) grouped by the values of
    /// the parameters `by`, groups in the grid's order of those values.
    package static func groups(_ sweep: CollectedSweep, by: [String]) -> [(key: [SweepValue], members: [Int])] {
        var order: [[SweepValue]] = []
        var members: [[SweepValue]: [Int]] = [:]
        for (k, point) in sweep.points.enumerated() {
            let key = by.map { point.parameter($0) ?? .number(.nan) }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(k)
        }
        let rank: [String: [SweepValue: Int]] = Dictionary(uniqueKeysWithValues: sweep.manifest.parameters.map { p in
            (p.name, Dictionary(p.values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
        })
        let sorted = order.sorted { a, b in
            for (j, name) in by.enumerated() {
                let ra = rank[name]?[a[j]] ?? 0, rb = rank[name]?[b[j]] ?? 0
                if ra != rb { return ra < rb }
            }
            return false
        }
        return sorted.map { ($0, members[$0] ?? []) }
    }

    /// The parameters `table(S)` groups by when not told: every one but
    /// `seed` (a parameter named seed counts realizations).
    package static func defaultGrouping(_ sweep: CollectedSweep) -> [String] {
        sweep.parameterNames.filter { $0 != "seed" }
    }
}

/// Mean, standard deviation (n − 1), least and greatest of some numbers, NaN left out.
package struct SweepStatistics {
    /// How many numbers (NaN left out).
    package let n: Int
    /// The mean (NaN when n = 0).
    package let mean: Double
    /// The sample standard deviation (0 for one number).
    package let std: Double
    /// The least number.
    package let min: Double
    /// The greatest number.
    package let max: Double

    /// The statistics of `values`.
    package init(_ values: [Double]) {
        let xs = values.filter { !$0.isNaN }
        n = xs.count
        guard n > 0 else {
            mean = .nan; std = .nan; min = .nan; max = .nan
            return
        }
        let m = xs.reduce(0, +) / Double(n)
        mean = m
        std = n > 1 ? (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot() : 0
        min = xs.min() ?? .nan
        max = xs.max() ?? .nan
    }
}

import Foundation
import MAMLCore

/// The value `collect(DIR)` returns (docs/builtins.md, `collect`; README,
/// "Sweeps past one machine"): a sweep read back from its folder — the
/// points that are done with their parameters and what they saved, the
/// points that failed with their errors, and the manifest.
///
/// Fields:
/// - `.columns`: a struct of columns over the points done, in index order:
///   one per parameter and one per field of the saved result (a row vector
///   when every value is a number, else a list — runs and strings as lists).
///   A result field named like a parameter is left to the parameter.
/// - `.points`: the points done, each a struct `index`, its parameters by
///   name, `params` (the same as a struct) and `result` (what it saved:
///   the value of its one data file — .json, .csv, .mat, .npy, .npz — or a
///   struct by file name).
/// - `.failed`: the points that failed or were interrupted, each a struct
///   `index`, `params`, `state`, `error`.
/// - `.manifest`, `.dir`, `.count` (all points), `.done`, `.pending` (not
///   ended yet), `.parameters` (the names).
public final class CollectedSweep: ScriptObject, Sendable {
    /// A point that is done, with what it saved.
    public struct Point: Sendable {
        /// Its index (from 0, as its folder's name).
        public let index: Int
        /// Its parameters, in the grid's order.
        public let parameters: [(name: String, value: SweepValue)]
        /// What it saved.
        public let result: Value

        /// The point as the language sees it: `index`, the parameters, `params`, `result`.
        public var value: Value {
            var s = StructValue()
            s["index"] = .number(Double(index))
            var params = StructValue()
            for (name, v) in parameters {
                params[name] = v.value
                if !["index", "params", "result"].contains(name) { s[name] = v.value }
            }
            s["params"] = .structure(params)
            s["result"] = result
            return .structure(s)
        }

        /// The value of parameter `name`, if the point has it.
        public func parameter(_ name: String) -> SweepValue? { parameters.first { $0.name == name }?.value }
    }

    /// A point that did not end done.
    public struct Failure: Sendable {
        /// Its index.
        public let index: Int
        /// Its parameters, as `seed=3, eta=0.0005`.
        public let parameters: [(name: String, value: SweepValue)]
        /// `failed` or `interrupted`.
        public let state: String
        /// What went wrong.
        public let error: String

        /// The failure as a struct `index`, `params`, `state`, `error`.
        public var value: Value {
            var params = StructValue()
            for (name, v) in parameters { params[name] = v.value }
            return .structure(StructValue([("index", .number(Double(index))), ("params", .structure(params)),
                                           ("state", .string(state)), ("error", .string(error))]))
        }
    }

    /// The sweep's folder.
    public let directory: String
    /// Its manifest.
    public let manifest: SweepManifest
    /// The manifest as a value (`.manifest`).
    public let manifestValue: Value
    /// The points done, in index order.
    public let points: [Point]
    /// The points failed or interrupted, in index order.
    public let failures: [Failure]
    /// The points not ended (never started, or running).
    public let pending: Int
    /// The names of the results' fields, in the order first seen (`result`
    /// when the results are not structs).
    public let resultFieldNames: [String]
    /// The columns (`.columns`): the parameters, then the result's fields.
    public let columns: StructValue
    /// `.points` and `.failed` as lists.
    private let pointList: ListValue, failureList: ListValue

    /// A collected sweep; throws when its results nest too deeply to be
    /// held in a list (`Limits.maxListDepth`).
    public init(directory: String, manifest: SweepManifest, manifestValue: Value, points: [Point],
                failures: [Failure], pending: Int) throws {
        self.directory = directory
        self.manifest = manifest
        self.manifestValue = manifestValue
        self.points = points
        self.failures = failures
        self.pending = pending
        var names: [String] = []
        for p in points {
            if case .structure(let s) = p.result {
                for n in s.names where !names.contains(n) { names.append(n) }
            } else if !names.contains("result") {
                names.append("result")
            }
        }
        resultFieldNames = names
        var columns = StructValue()
        for name in manifest.parameters.map(\.name) {
            columns[name] = try CollectedSweep.column(points.map { $0.parameter(name)?.value ?? .number(.nan) })
        }
        for name in names where columns[name] == nil {
            columns[name] = try CollectedSweep.column(points.map { CollectedSweep.resultField($0.result, name) ?? .number(.nan) })
        }
        self.columns = columns
        pointList = try ListValue(points.map(\.value))
        failureList = try ListValue(failures.map(\.value))
    }

    /// The parameters' names, in the grid's order.
    public var parameterNames: [String] { manifest.parameters.map(\.name) }

    /// Field `name` of a result (the result itself for `result` when it is not a struct).
    static func resultField(_ result: Value, _ name: String) -> Value? {
        if case .structure(let s) = result { return s[name] }
        return name == "result" ? result : nil
    }

    /// A row vector when every value is a number or boolean, else a list.
    static func column(_ values: [Value]) throws -> Value {
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for v in values {
            switch v {
            case .number(let x): numbers.append(x)
            case .bool(let b): numbers.append(b ? 1 : 0)
            default: return .list(try ListValue(values))
            }
        }
        return Value(Matrix(row: numbers))
    }

    // MARK: ScriptObject

    /// "sweep".
    public var typeName: String { "sweep" }

    /// `[sweep 57/60 done]`.
    public var summary: String { "[sweep \(points.count)/\(manifest.count) done]" }

    /// The sweep in a few lines: its script and grid, how many points are
    /// done, failed and pending, and its columns.
    public var displayText: String {
        let grid = manifest.parameters.map { "\($0.name)=\($0.spec) (\($0.values.count))" }.joined(separator: " × ")
        var lines = ["sweep of \((manifest.script.path as NSString).lastPathComponent) in \(directory): \(manifest.count) points, \(points.count) done, \(failures.count) failed, \(pending) pending",
                     "  grid: \(grid)",
                     "  columns: \(columns.names.joined(separator: ", "))"]
        for f in failures.prefix(5) {
            let line = f.error.split(separator: "\n").first { $0.contains("error:") } ?? f.error.split(separator: "\n").first ?? ""
            lines.append("  \(f.state): point \(f.index) (\(manifest.describe(f.index))): \(line)")
        }
        if failures.count > 5 { lines.append("  … \(failures.count - 5) more in .failed") }
        return lines.joined(separator: "\n")
    }

    /// The fields `.name` reads.
    public var fieldNames: [String] { ["columns", "points", "failed", "manifest", "dir", "count", "done", "pending", "parameters"] }

    /// The value of a field, nil for an unknown name.
    public func field(_ name: String) -> Value? {
        switch name {
        case "columns": return .structure(columns)
        case "points": return .list(pointList)
        case "failed": return .list(failureList)
        case "manifest": return manifestValue
        case "dir": return .string(directory)
        case "count": return .number(Double(manifest.count))
        case "done": return .number(Double(points.count))
        case "pending": return .number(Double(pending))
        case "parameters": return .list(ListValue(flat: parameterNames.map { .string($0) }))
        default: return nil
        }
    }
}

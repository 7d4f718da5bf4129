import Foundation
import MAMLCore
import MAMLPlot

/// save and load: CSV and JSON with 17 significant digits, so that a saved
/// value reads back bit for bit.
extension Builtins {
    static let io: [BuiltinFunction] = [
        BuiltinFunction("save", [.required("x"), .required("file")],
                        help: "writes x to a .csv (a matrix, a landscape's values, or a run: one row per iterate) or .json file; a figure to .png, .pdf or .svg") { c in
            let x = try c.value("x")
            let file = try c.string("file")
            if case .object(let o) = x, let figure = o as? FigureValue {
                try writeFigure(figure, to: file, c, at: c.location(of: "file"))
                return nil
            }
            let ext = (file as NSString).pathExtension.lowercased()
            let text: String
            switch ext {
            case "csv": text = try DataFormats.csv(x, at: c.location(of: "x"))
            case "json": text = DataFormats.json(x) + "\n"
            case "png", "pdf", "svg":
                throw LangError("only a figure can be saved as .\(ext) (x is \(x.typeDescription)); make one with plot(…) or heatmap(…)", at: c.location(of: "x"))
            default:
                throw LangError("save writes .csv or .json files, and figures as .png, .pdf or .svg (the file is \(quoted(file)))", at: c.location(of: "file"))
            }
            let path = FilePaths.forWriting(file, outputDirectory: c.interpreter.options.outputDirectory)
            do {
                try FilePaths.writeAtomically(text, to: path)
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "file"))
            }
            return nil
        },
        BuiltinFunction("load", [.required("file")], help: "reads a matrix from a .csv file (a header line is skipped)") { c in
            let file = try c.string("file")
            let path = FilePaths.forReading(file, outputDirectory: c.interpreter.options.outputDirectory)
            let text: String
            do {
                text = try FilePaths.read(path)
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "file"))
            }
            do {
                return Value(try DataFormats.parseCSV(text, name: file))
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "file"))
            }
        },
    ]
}

/// Text forms of values for files.
enum DataFormats {
    /// A number with 17 significant digits (exact round trip); NaN, Inf, -Inf.
    static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.17g", x)
    }

    /// CSV of a matrix (rows by lines) or of a run (a header, then one row per iterate).
    static func csv(_ v: Value, at location: SourceLocation) throws -> String {
        switch v {
        case .run(let r):
            let run = r.run
            let k = run.W0.count
            var lines = [(["iter", "F", "gradnorm", "eta", "beta"] + (1...max(1, k)).prefix(k).map { "w\($0)" }).joined(separator: ",")]
            for (i, w) in run.iterates.enumerated() {
                let f = i < run.objective.count ? run.objective[i] : .nan
                let g = i < run.gradNorm.count ? run.gradNorm[i] : .nan
                let e = i < run.eta.count ? run.eta[i] : .nan
                let b = i < run.beta.count ? run.beta[i] : .nan
                lines.append(([String(i)] + [f, g, e, b].map(exact) + w.storage.map(exact)).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        case .object(let o as LandscapeValue):
            return try csv(Value(o.landscape.values), at: location)
        default:
            guard let m = v.asMatrix else {
                throw LangError("save writes a matrix or a run as CSV (x is \(v.typeDescription)); use a .json file for other values", at: location)
            }
            return (0..<m.rows).map { i in (0..<m.cols).map { exact(m[i, $0]) }.joined(separator: ",") }
                .map { $0 + "\n" }.joined()
        }
    }

    /// JSON: numbers (null for NaN/±∞, which JSON lacks), strings, booleans,
    /// matrices as arrays of rows, lists as arrays, tasks as {A, B, Q, R, Sigma0},
    /// task sets as arrays of tasks, runs as objects of their fields.
    static func json(_ v: Value) -> String {
        switch v {
        case .number(let x): return jsonNumber(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return jsonString(s)
        case .matrix, .range: return v.asMatrix.map(jsonMatrix) ?? "null"
        case .list(let l): return "[" + l.items.map(json).joined(separator: ", ") + "]"
        case .task(let t): return jsonTask(t)
        case .taskSet(let s): return "[" + s.tasks.map(jsonTask).joined(separator: ", ") + "]"
        case .run(let r):
            let run = r.run
            let fields: [(String, String)] = [
                ("name", r.name.map(jsonString) ?? "null"),
                ("status", jsonString(run.status.description)),
                ("iterations", String(run.iterations)),
                ("time", jsonNumber(run.time)),
                ("W0", jsonMatrix(run.W0)),
                ("W", jsonMatrix(run.W)),
                ("F", jsonArray(run.objective)),
                ("gradnorm", jsonArray(run.gradNorm)),
                ("eta", jsonArray(run.eta)),
                ("beta", jsonArray(run.beta)),
                ("margin", jsonArray(run.margin)),
                ("iterates", "[" + run.iterates.map(jsonMatrix).joined(separator: ", ") + "]"),
            ]
            return "{" + fields.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        case .stepPolicy(let p): return jsonString(Value.display(policy: p))
        case .object(let o): return jsonString(o.summary)
        }
    }

    static func jsonNumber(_ x: Double) -> String { x.isFinite ? exact(x) : "null" }
    static func jsonArray(_ xs: [Double]) -> String { "[" + xs.map(jsonNumber).joined(separator: ", ") + "]" }
    static func jsonMatrix(_ m: Matrix) -> String { "[" + m.rowArrays.map(jsonArray).joined(separator: ", ") + "]" }

    static func jsonTask(_ t: LQRTask) -> String {
        let parts = [("A", t.A), ("B", t.B), ("Q", t.Q), ("R", t.R), ("Sigma0", t.Sigma0)]
        return "{" + parts.map { "\"\($0.0)\": \(jsonMatrix($0.1))" }.joined(separator: ", ") + "}"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// A matrix from CSV text: comma-separated numbers (NaN, Inf, -Inf
    /// accepted), one row per line; blank lines are skipped, and so is a
    /// first line without numbers (a header). Errors name the line.
    static func parseCSV(_ text: String, name: String) throws -> Matrix {
        var rows: [[Double]] = []
        var width: Int?
        var lineNumber = 0
        var total = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            var values: [Double] = []
            for (k, f) in fields.enumerated() {
                guard let x = number(f) else {
                    if rows.isEmpty && width == nil && fields.allSatisfy({ number($0) == nil }) { break }
                    throw LangError("\(name):\(lineNumber): field \(k + 1) (\(quoted(String(f.prefix(40))))) is not a number")
                }
                values.append(x)
            }
            if values.isEmpty { width = 0; continue } // the header
            if let w = rows.first?.count, values.count != w {
                throw LangError("\(name):\(lineNumber): the row has \(values.count) value\(values.count == 1 ? "" : "s") but the first row has \(w)")
            }
            total += values.count
            if total > Limits.maxEntries {
                throw LangError("\(name) has more than \(Limits.maxEntries) numbers")
            }
            rows.append(values)
        }
        if rows.isEmpty { return Matrix(rows: 0, cols: 0) }
        return try Matrix(rows)
    }

    private static func number(_ s: String) -> Double? {
        switch s.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "": return nil
        default:
            guard s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
            return Double(s)
        }
    }
}

/// Resolving and writing files.
public enum FilePaths {
    /// A path to write: `~/` expanded; a relative path lands in the output directory.
    public static func forWriting(_ file: String, outputDirectory: String?) -> String {
        let expanded = (file as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        let base = outputDirectory ?? FileManager.default.currentDirectoryPath
        return (base as NSString).appendingPathComponent(expanded)
    }

    /// A path to read: the output directory first, then the current directory.
    public static func forReading(_ file: String, outputDirectory: String?) -> String {
        let expanded = (file as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        if let dir = outputDirectory {
            let candidate = (dir as NSString).appendingPathComponent(expanded)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded)
    }

    /// The text of a file; errors name the path and the system's reason.
    public static func read(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LangError("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data = handle.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` to a temporary file in the same folder, then renames it
    /// over `path`: a failed write leaves nothing behind. Missing folders are created.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try makeDirectories(dir.isEmpty ? "." : dir)
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch PlotError.cannotWrite(_, let reason) {
            throw LangError("cannot write '\(path)': \(reason)")
        }
    }

    /// `mkdir -p`, with the system's reason on failure.
    static func makeDirectories(_ dir: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw LangError("cannot write into '\(dir)': it is a file, not a folder")
        }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != dir { try makeDirectories(parent) }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw LangError("cannot create the folder '\(dir)': \(String(cString: strerror(errno)))")
        }
    }
}

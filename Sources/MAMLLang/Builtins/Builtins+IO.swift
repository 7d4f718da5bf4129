import Foundation
import Glibc
import AtomicFiles
import MAMLCore

/// save and load: CSV and JSON with numbers in the shortest text that reads
/// back as the same double (`NumberText`), so that a saved value reads back
/// bit for bit.
extension Builtins {
    static let io: [BuiltinFunction] = [
        BuiltinFunction("save", [.required("x"), .required("file")],
                        help: """
                        writes x to a .csv (a matrix, a landscape's values, or a run: one row per iterate) or .json file; a figure to .png, .pdf or .svg
                        A run's CSV has a header naming each column: iter, every series of the run
                        (\(RunSeries.allCases.map(\.rawValue).joined(separator: ","))), then "W[1,1]","W[2,1]",… (the gain's
                        entries in column order, quoted since they hold a comma).
                        """) { c in
            let x = try c.value("x")
            // save("run.json", r) and Octave's save("out.mat", "x"): the file given first.
            let fileTypes = Set(DataFileFormats.all.flatMap(\.extensions) + figureExtensions + ["mat"])
            func isFileName(_ v: Value?) -> Bool {
                if case .string(let s)? = v { return fileTypes.contains((s as NSString).pathExtension.lowercased()) }
                return false
            }
            if isFileName(x), !isFileName(c.bound["file"]?.value), case .string(let s) = x {
                throw LangError("save takes the value first, then the file: save(x, \(quoted(s))) (Octave's save(file, \"x\") names the variable; here give the value itself)",
                                at: c.location(of: "x"))
            }
            let file = try c.string("file")
            let ext = (file as NSString).pathExtension.lowercased()
            let format = DataFileFormats.format(forExtension: ext)
            if case .object(let o) = x, let figure = o as? any FigureObject, format == nil {
                try located(c, "file") { try figure.write(toFile: file, outputDirectory: c.session.options.outputDirectory) }
                return nil
            }
            guard let format else {
                if figureExtensions.contains(ext) {
                    throw LangError("only a figure can be saved as .\(ext) (x is \(x.typeDescription)); make one with plot(…) or heatmap(…)", at: c.location(of: "x"))
                }
                throw LangError("save writes \(Parameter.alternatives(DataFileFormats.extensionList)) files, and figures as .png, .pdf or .svg (the file is \(quoted(file)))", at: c.location(of: "file"))
            }
            // The file's content, handed over in pieces; Ctrl-C stops between two.
            let request = SaveRequest(file: file)
            let contents = try located(c, "x") { try format.writer(for: x, request) }
            let path = FilePaths.forWriting(file, outputDirectory: c.session.options.outputDirectory)
            do {
                try FilePaths.writeAtomically(to: path, stopRequested: { Interruption.requested }, contents: contents)
            } catch is AtomicFile.Stopped {
                throw LangError("interrupted", at: c.location)
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "file"))
            }
            return nil
        },
        BuiltinFunction("outpath", [.required("file")],
                        help: "the path where save and out= write file: inside the --out-dir folder when file is relative and one was given, else as given (~ expanded)") { c in
            let file = try c.string("file")
            let expanded = (file as NSString).expandingTildeInPath
            guard !expanded.hasPrefix("/"), let dir = c.session.options.outputDirectory else { return .string(expanded) }
            return .string(FilePaths.forWriting(file, outputDirectory: dir))
        },
        BuiltinFunction("files", [.required("pattern")],
                        help: "the sorted list of paths matching a shell pattern (*, ?, [abc]), looked for as load looks for files: in the --out-dir folder first, then the current one; {} when none match") { c in
            let pattern = try c.string("pattern")
            do {
                return .list(try ListValue(try FilePaths.matching(pattern, outputDirectory: c.session.options.outputDirectory).map { .string($0) }))
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "pattern"))
            }
        },
        BuiltinFunction("load", [.required("file")], help: "reads a .csv file as a matrix (a first line of names is a header and is skipped) or a .json file as the value save wrote") { c in
            let file = try c.string("file")
            let path = FilePaths.forReading(file, outputDirectory: c.session.options.outputDirectory)
            let bytes: [UInt8]
            do {
                bytes = try FilePaths.readBytes(path)
            } catch let e as LangError {
                throw LangError(e.message, at: c.location(of: "file"))
            }
            guard let format = DataFileFormats.format(of: file) else {
                let names = DataFileFormats.extensionList
                let list = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
                throw LangError("load reads \(list) files (the file is \(quoted(file)))", at: c.location(of: "file"))
            }
            let request = LoadRequest(file: file, path: path)
            return try located(c, "file") { try format.read(bytes, request) }
        },
    ]
}

extension Builtins {
    /// The extensions of figure files, which the figures' module writes.
    static let figureExtensions = ["png", "pdf", "svg"]

    /// Runs `body`, placing its errors at argument `p`.
    static func located<T>(_ c: Call, _ p: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as LangError {
            throw LangError(e.message, at: e.location ?? c.location(of: p))
        } catch {
            throw LangError(Interpreter.message(of: error), at: c.location(of: p))
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

    /// The paths matching a shell pattern, sorted, in the form the pattern
    /// has (a relative pattern gives relative paths, which `forReading`
    /// resolves to the same files): the output directory's matches when it
    /// has any, else the current directory's.
    public static func matching(_ pattern: String, outputDirectory: String?) throws -> [String] {
        let expanded = (pattern as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return try glob(expanded) }
        var bases: [String] = []
        if let dir = outputDirectory { bases.append(dir) }
        bases.append(FileManager.default.currentDirectoryPath)
        for base in bases {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            let found = try glob(prefix + expanded)
            if !found.isEmpty { return found.map { String($0.dropFirst(prefix.count)) } }
        }
        return []
    }

    /// glob(3): the sorted matches of an absolute pattern.
    private static func glob(_ pattern: String) throws -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let status = Glibc.glob(pattern, 0, nil, &result)
        switch status {
        case 0: break
        case GLOB_NOMATCH: return []
        case GLOB_NOSPACE: throw LangError("out of memory listing \(quoted(pattern))")
        default: throw LangError("cannot list \(quoted(pattern)): a folder on the way cannot be read")
        }
        var paths: [String] = []
        for k in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[k] { paths.append(String(cString: p)) }
        }
        return paths
    }

    /// The bytes of a data file (a regular file within `FileReading.dataLimit`);
    /// errors name the path and the reason.
    static func readBytes(_ path: String) throws -> [UInt8] {
        do {
            return try FileReading.bytes(path: path, limit: FileReading.dataLimit, accepting: .regularFiles)
        } catch {
            throw LangError(error.message)
        }
    }

    /// Writes `text` to a temporary file in the same folder, then renames it
    /// over `path`: a failed write leaves nothing behind. Missing folders are created.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(to: path) { emit in try AtomicFile.emitInPieces(Array(text.utf8), emit) }
    }

    /// Writes what `contents` hands over, piece by piece, to a temporary
    /// file in the same folder, then renames it over `path`; missing folders
    /// are created. When `stopRequested` says to stop (asked between two
    /// pieces and before the rename), the target is left as it was and
    /// `AtomicFile.Stopped` is thrown; any other failure is a `LangError`
    /// naming the path and the reason.
    public static func writeAtomically(to path: String, stopRequested: () -> Bool = { false },
                                       contents: (([UInt8]) throws -> Void) throws -> Void) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try makeDirectories(dir.isEmpty ? "." : dir)
        do {
            try AtomicFile.write(to: path, stopRequested: stopRequested, contents: contents)
        } catch let failure as AtomicFile.Failure {
            throw LangError("cannot write '\(path)': \(failure.reason)")
        }
    }

    /// `mkdir -p`, with the system's reason on failure.
    package static func makeDirectories(_ dir: String) throws {
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

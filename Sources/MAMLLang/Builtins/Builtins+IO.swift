import Foundation
import Glibc
import AtomicFiles
import MAMLCore

/// save and load: CSV and JSON with numbers in the shortest text that reads
/// back as the same double (`NumberText`), so that a saved value reads back
/// bit for bit.
extension Builtins {
    static let io: [BuiltinFunction] = [
        BuiltinFunction("save", [.required("x"), .required("file"),
                                 Parameter(name: "name", requirement: .optional(text: "the variable passed"), type: .string,
                                           help: "the variable's name in a .mat or .npz file").named,
                                 Parameter(name: "header", requirement: .optional(text: "none"), type: .value,
                                           help: "a list of names for a .csv file's first line, one per column").named,
                                 Parameter(name: "format", requirement: .optional(text: "\"v5\""), type: .choice(MATFormat.versions),
                                           help: "the version of a .mat file: \"v7.3\" for MATLAB's HDF5-based files").named,
                                 Parameter(name: "compress", requirement: .optional(text: "…"), type: .boolean,
                                           help: "whether to compress a .mat file (default true) or an .npz file (default false)").named],
                        help: """
                        writes x to a data file: .csv (a matrix, a landscape's values, or a run: one row per iterate), .json (any value), .mat (MATLAB), .npy or .npz (NumPy); a figure to .png, .pdf or .svg
                        A run's CSV has a header naming each column: iter, every series of the run
                        (\(RunSeries.allCases.map(\.rawValue).joined(separator: ","))), then "W[1,1]","W[2,1]",… (the gain's
                        entries in column order, quoted since they hold a comma); header={…} names a matrix's columns.
                        A .mat file (level 5, compressed, as scipy.io.savemat and MATLAB's -v7 write; format="v7.3" for HDF5)
                        holds a struct's fields as its variables, or x as one variable named after the variable passed
                        (save(K, "k.mat") saves K; name="K" for an expression). An .npz file holds a struct of matrices,
                        an .npy file one matrix (float64, Fortran order, two dimensions).
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
            var request = SaveRequest(file: file)
            for option in ["name", "header", "format", "compress"] where c.has(option) && !format.saveOptions.contains(option) {
                let takers = DataFileFormats.all.filter { $0.saveOptions.contains(option) }.flatMap(\.extensions).map { "." + $0 }
                throw LangError("\(option)= is an option of \(Parameter.alternatives(takers)) files (the file is \(quoted(file)))", at: c.location(of: option))
            }
            request.variableName = c.has("name") ? try c.string("name") : argumentVariable(c, "x")
            if c.has("format") { request.version = try c.string("format") }
            if c.has("compress") { request.compress = try c.boolean("compress") }
            if c.has("header") {
                guard case .list(let l) = try c.value("header"),
                      let names = Optional(l.items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }),
                      names.count == l.items.count else {
                    throw LangError("header= is a list of strings, one per column: header={\"eta\", \"F\"}", at: c.location(of: "header"))
                }
                request.header = names
            }
            let contents: DataFileWriter
            do {
                contents = try located(c, "x") { try format.writer(for: x, request) }
            } catch let e as DataFileArgumentError {
                throw LangError(e.message, at: c.location(of: e.argument))
            }
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
        BuiltinFunction("load", [.required("file"),
                                 Parameter(name: "name", requirement: .optional(text: "all"), type: .string,
                                           help: "the one variable of a .mat or .npz file, or column of a .csv file, to read"),
                                 Parameter(name: "matrix", requirement: .defaulted(.bool(false)), type: .boolean,
                                           help: "a .csv file with a header as one matrix, the header skipped").named],
                        help: """
                        reads a data file: .csv (a matrix; a file whose first line names the columns gives a struct of column vectors),
                        .json (the value save wrote), .mat (MATLAB levels 4, 5 and 7.3: a struct of the file's variables),
                        .npy (a matrix) or .npz (a struct of arrays)
                        A CSV field that is empty, NA or NaN (pandas' to_csv of NaN) reads as NaN. Column names that are not
                        identifiers are made so as MATLAB does ("W[1,1]" is W_1_1_); load(f, matrix=true) gives the numbers as
                        one matrix, load(f, "eta") one column. Complex arrays load as complex matrices (real when every imaginary part
                        is zero). Arrays of more than two dimensions, function handles and objects are errors naming the
                        variable; load(f, "K") reads the others. NumPy object arrays are never unpickled.
                        """) { c in
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
            var request = LoadRequest(file: file, path: path)
            if c.has("name") {
                guard format.loadsByName else {
                    throw LangError("load reads a variable by name from .mat and .npz files, and a column from a .csv file (the file is \(quoted(file)))",
                                    at: c.location(of: "name"))
                }
                request.variable = try c.string("name")
            }
            request.matrix = try c.boolean("matrix")
            if request.matrix && !format.loadOptions.contains("matrix") {
                throw LangError("matrix= is an option of .csv files (the file is \(quoted(file)))", at: c.location(of: "matrix"))
            }
            do {
                return try located(c, "file") { try format.read(bytes, request) }
            } catch let e as DataFileArgumentError {
                throw LangError(e.message, at: c.location(of: e.argument))
            }
        },
    ]
}

extension Builtins {
    /// The extensions of figure files, which the figures' module writes.
    static let figureExtensions = ["png", "pdf", "svg"]

    /// The variable argument `p` is, when it is one alone (`save(K, …)`
    /// gives "K"; an expression gives nil): read from the source at the
    /// argument's place.
    static func argumentVariable(_ c: Call, _ p: String) -> String? {
        guard c.bound[p] != nil, let line = c.interpreter.currentSource.line(c.location(of: p).line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        var k = c.location(of: p).column - 1
        guard k >= 0, k < scalars.count else { return nil }
        func isLetter(_ s: Unicode.Scalar) -> Bool { (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
        guard isLetter(scalars[k]) else { return nil }
        var name = String.UnicodeScalarView()
        while k < scalars.count, isLetter(scalars[k]) || isDigit(scalars[k]) {
            name.append(scalars[k])
            k += 1
        }
        while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
        guard k < scalars.count, scalars[k] == "," || scalars[k] == ")" else { return nil }
        let text = String(name)
        return ["true", "false", "auto", "end"].contains(text) ? nil : text
    }

    /// Runs `body`, placing its errors at argument `p`.
    static func located<T>(_ c: Call, _ p: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DataFileArgumentError {
            throw e
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

    /// The text of a data file (a regular file within `FileReading.dataLimit`,
    /// UTF-8); errors name the path and the reason.
    static func read(_ path: String) throws -> String {
        try DataFileText.utf8(try readBytes(path), path: path)
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

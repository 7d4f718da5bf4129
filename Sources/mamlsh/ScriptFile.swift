import Foundation
import MAMLLang

/// Reading scripts and writing session transcripts, with errors that name
/// the file and the system's reason.
enum ScriptFile {
    /// The text of the script at `path`.
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ProgramError("cannot read '\(path)': No such file or directory")
        }
        if isDirectory.boolValue { throw ProgramError("cannot read '\(path)': it is a folder, not a script") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProgramError("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data = (try? handle.readToEnd()) ?? Data()
        return try text(of: data, name: path)
    }

    /// `data` as UTF-8 text; an error names the first invalid byte.
    static func text(of data: Data, name: String) throws -> String {
        if let s = String(data: data, encoding: .utf8) { return s }
        var offset = 0
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let v):
                consumed += String(v).utf8.count
            case .emptyInput: break loop
            case .error:
                offset = consumed
                break loop
            }
        }
        throw ProgramError("'\(name)' is not UTF-8 text (invalid byte at offset \(offset)); mamlsh reads scripts as UTF-8")
    }

    /// Writes `text` to `path` atomically (temporary file, then rename).
    static func write(_ text: String, to path: String) throws {
        try FilePaths.writeAtomically(text, to: (path as NSString).expandingTildeInPath)
    }
}

/// An error of the program itself (not of a script), shown as `mamlsh: message`.
struct ProgramError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Error {
    /// The text shown for this error: a located diagnostic with its source
    /// line and caret, or `error: message`.
    func rendered() -> String {
        if let d = self as? Diagnostic { return d.rendered() }
        return "error: \(self)"
    }
}

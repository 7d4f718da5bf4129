import Foundation
import MAMLLang

/// Reading scripts and writing session transcripts, with errors that name
/// the file and the system's reason.
enum ScriptFile {
    /// The text of the script at `path` (a regular file, a pipe or a
    /// device, read through `FileReading` with the script size limit).
    static func read(_ path: String) throws -> String {
        do {
            return try FileReading.text(path: path, limit: FileReading.scriptLimit, accepting: .streams)
        } catch {
            throw ProgramError(error.message)
        }
    }

    /// The program on standard input (when it is not a terminal).
    static func readStandardInput() throws -> String {
        do {
            let bytes = try FileReading.bytes(fileDescriptor: STDIN_FILENO, name: "<stdin>",
                                              limit: FileReading.scriptLimit, accepting: .streams)
            return try FileReading.text(bytes, name: "<stdin>")
        } catch {
            throw ProgramError(error.message)
        }
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
    /// The status `exit(code)` asked for, when this is that request.
    var exitCode: Int32? { (self as? Diagnostic)?.exitCode }

    /// The text shown for this error: a located diagnostic with its source
    /// line and caret, or `error: message`.
    func rendered() -> String {
        if let d = self as? Diagnostic { return d.rendered() }
        return "error: \(self)"
    }
}

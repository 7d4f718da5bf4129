import Foundation

/// The command-line tools the file and terminal tests use, installed by
/// scripts/test (scripts/setup.sh): ImageMagick and poppler-utils to decode
/// files; Xvfb, xterm and xdotool for the session in a real terminal; tmux
/// for the session typed into and read back as a screen.
public enum ExternalTools {
    /// Runs `executable` with `arguments`; its exit status and standard output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    /// The first of `names` found in the usual binary folders whose
    /// `-version` (or `-v`) output contains `signature`.
    public static func find(_ names: [String], signature: String) -> String? {
        let folders = ["/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for name in names {
            for folder in folders {
                let path = folder + "/" + name
                guard FileManager.default.isExecutableFile(atPath: path) else { continue }
                for flag in ["-version", "-v"] {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = [flag]
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    guard (try? process.run()) != nil else { continue }
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    if String(decoding: data, as: UTF8.self).contains(signature) { return path }
                }
            }
        }
        return nil
    }

    /// ImageMagick's converter (reads sixel), or a failure explaining how to get it.
    public static func imageMagick() throws -> String {
        if let path = find(["magick", "convert"], signature: "Version: ImageMagick") { return path }
        throw ToolMissing(message: "ImageMagick is not installed: scripts/test installs it (Debian package imagemagick)")
    }

    /// poppler's pdftoppm, or a failure explaining how to get it.
    public static func pdftoppm() throws -> String {
        if let path = find(["pdftoppm"], signature: "pdftoppm version") { return path }
        throw ToolMissing(message: "pdftoppm is not installed: scripts/test installs it (Debian package poppler-utils)")
    }

    /// poppler's pdfinfo, or a failure explaining how to get it.
    public static func pdfinfo() throws -> String {
        if let path = find(["pdfinfo"], signature: "pdfinfo version") { return path }
        throw ToolMissing(message: "pdfinfo is not installed: scripts/test installs it (Debian package poppler-utils)")
    }

    /// ImageMagick's `import`, which takes a screenshot of an X display.
    public static func importScreenshot() throws -> String {
        if let path = find(["import"], signature: "Version: ImageMagick") { return path }
        throw ToolMissing(message: "ImageMagick's import is not installed: scripts/test installs it (Debian package imagemagick)")
    }

    /// A program found in the usual binary folders (no version check), or a
    /// failure naming the Debian package scripts/test installs it from.
    public static func program(_ name: String, package: String) throws -> String {
        for folder in ["/usr/bin", "/bin", "/usr/local/bin"] {
            let path = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ToolMissing(message: "\(name) is not installed: scripts/test installs it (Debian package \(package))")
    }

    /// A tool a test needs is missing.
    /// The package root (three folders above this file).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Python of the test virtual environment (.build/jupyter-venv,
    /// which scripts/test makes) when it has the readers and writers of the
    /// other side: NumPy, SciPy (scipy.io), h5py and pandas; else a failure
    /// saying how to get them.
    public static func interopPython() throws -> String {
        let python = repository.appendingPathComponent(".build/jupyter-venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: python),
           let (status, _) = try? run(python, ["-c", "import numpy, scipy.io, h5py, pandas"]), status == 0 {
            return python
        }
        throw ToolMissing(message: "the test venv lacks numpy, scipy, h5py or pandas: scripts/test installs them into .build/jupyter-venv")
    }

    /// Runs the Python `script` with `arguments` in the interop venv, in
    /// `directory`; its standard output, or a failure with its error output.
    public static func python(_ script: String, _ arguments: [String] = [], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try interopPython())
        process.arguments = ["-c", script] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolMissing(message: "the Python script failed (\(process.terminationStatus)): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    public struct ToolMissing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

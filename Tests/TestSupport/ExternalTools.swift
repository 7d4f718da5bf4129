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
    public struct ToolMissing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

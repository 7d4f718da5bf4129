import Foundation

/// The same workloads in what a user would pick instead, timed in the same
/// run: `scripts/bench/scipy_reference.py` (NumPy/SciPy, the solver group)
/// and `scripts/bench/python_reference.py` (CPython, the language group).
/// Each prints `name seconds` lines; a missing Python or package leaves the
/// reference column empty.
enum Reference {
    /// Runs `script` (relative to the package root) with python3; its timings by name.
    static func timings(script: String) -> [String: Double] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent(script).path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return [:]
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var out: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let s = Double(parts[1]) { out[String(parts[0])] = s }
        }
        return out
    }
}

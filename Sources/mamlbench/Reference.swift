import Foundation

/// The same workloads in what a user would pick instead, timed in the same
/// run: `scripts/bench/scipy_reference.py` (NumPy/SciPy, the solver group)
/// and `scripts/bench/python_reference.py` (CPython, the language group).
/// Each prints `name seconds` lines; a missing Python or package leaves the
/// reference column empty.
enum Reference {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `script` (relative to the package root) with `arguments`, in
    /// `.build/bench-venv` when `scripts/bench/setup` made it, else with the
    /// python3 on PATH; its timings by name.
    static func timings(script: String, arguments: [String] = []) -> [String: Double] {
        let process = Process()
        let venv = root.appendingPathComponent(".build/bench-venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) {
            process.executableURL = URL(fileURLWithPath: venv)
            process.arguments = [root.appendingPathComponent(script).path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent(script).path] + arguments
        }
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

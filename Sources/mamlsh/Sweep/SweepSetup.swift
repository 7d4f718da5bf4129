import CCrypto
import Foundation
import MAMLLang

/// What a new sweep records about itself before any point runs: the
/// script (absolute path, SHA-256 of its content), the program (version,
/// git commit when known, the binary's absolute path), and the manifest
/// written whole into the sweep's folder.
enum SweepSetup {
    /// The manifest of a new sweep of `script` over `grid` into `directory`
    /// (absolute), or an error for a script that cannot be read.
    static func manifest(script given: String, grid: SweepGrid, points: [[SweepValue]], seed: UInt64,
                         command: [String]) throws -> SweepManifest {
        let path = absolute(given)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SweepError("no script '\(given)' (looked for \(path))")
        }
        guard !isDirectory.boolValue, let bytes = FileManager.default.contents(atPath: path) else {
            throw SweepError("cannot read the script '\(given)': \(isDirectory.boolValue ? "it is a folder" : "permission denied")")
        }
        return SweepManifest(
            script: .init(path: path, given: given, sha256: sha256(bytes)),
            parameters: grid.parameters, points: points, seed: seed,
            workingDirectory: FileManager.default.currentDirectoryPath,
            program: .init(version: mamlshVersion, commit: gitCommit(), binary: binaryPath()),
            command: command, started: SweepLayout.timestamp(Date()))
    }

    /// Writes `manifest` whole into `directory` (a temporary file renamed over it).
    static func write(_ manifest: SweepManifest, to directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(SweepLayout.manifest)
        do {
            try FilePaths.writeAtomically(try SweepLayout.encode(manifest), to: path)
        } catch {
            throw SweepError("\(SweepError.text(of: error))")
        }
    }

    /// `path` made absolute against the current folder, `~` expanded, `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let full = expanded.hasPrefix("/") ? expanded
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded)
        return (full as NSString).standardizingPath
    }

    /// The SHA-256 of `bytes` in hexadecimal (OpenSSL's EVP_Digest).
    static func sha256(_ bytes: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        guard ok == 1 else { return "" }
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// The absolute path of the running binary (`/proc/self/exe`), which the
    /// points and Slurm's array tasks run, so that they never build.
    static func binaryPath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return absolute(CommandLine.arguments.first ?? "mamlsh")
    }

    /// The git commit of the checkout the binary lies in (`-dirty` when its
    /// sources have changes), or nil when it is not in one or git is missing.
    static func gitCommit() -> String? {
        let folder = (binaryPath() as NSString).deletingLastPathComponent
        guard let head = git(["-C", folder, "rev-parse", "HEAD"]), head.count == 40 else { return nil }
        let changes = git(["-C", folder, "status", "--porcelain", "--untracked-files=no", "--", "Sources"]) ?? ""
        return changes.isEmpty ? head : head + "-dirty"
    }

    /// What `git arguments` prints, trimmed; nil when it fails.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The program `name` on `PATH`, or nil.
    static func findProgram(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A Slurm array specification of sorted `indices`: `0-11`, `3,7`, `0-4,9`.
    static func arraySpec(_ indices: [Int]) -> String {
        var parts: [String] = []
        var k = 0
        while k < indices.count {
            var j = k
            while j + 1 < indices.count && indices[j + 1] == indices[j] + 1 { j += 1 }
            parts.append(j > k ? "\(indices[k])-\(indices[j])" : "\(indices[k])")
            k = j + 1
        }
        return parts.joined(separator: ",")
    }
}

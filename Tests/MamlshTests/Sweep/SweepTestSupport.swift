import Foundation
import XCTest

/// What the sweep tests share: scripts written into a fresh folder, the
/// sweep's records read back, and `mamlsh sweep` run in that folder.
struct SweepFixture {
    /// The folder the sweep runs from (its scripts, flags and sweeps).
    let folder: URL
    /// Extra environment for every mamlsh run (SLURM_CONF).
    var environment: [String: String] = [:]

    /// A fresh folder.
    init() throws {
        folder = try ProgramRunner.temporaryDirectory()
    }

    /// Writes `text` to `name` in the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The path of `name` in the folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `mamlsh args…` in the folder.
    func mamlsh(_ args: [String], timeout: TimeInterval = 60, signal: Int32 = SIGINT,
                whileRunning: (@Sendable (pid_t) -> Void)? = nil) throws -> ProgramRunner.Result {
        try ProgramRunner.run(args, signal: signal, directory: folder, environment: environment, timeout: timeout,
                              whileRunning: whileRunning)
    }

    /// The JSON object in `file` (relative to the folder).
    func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], file)
    }

    /// The record of point `index` of the sweep in `sweep`, nil when it has none.
    func record(_ sweep: String, _ index: Int) throws -> [String: Any]? {
        let file = "\(sweep)/points/\(String(format: "%04d", index))/point.json"
        guard FileManager.default.fileExists(atPath: path(file)) else { return nil }
        return try json(file)
    }

    /// The states of the records of points 0..<count (`none` for no record).
    func states(_ sweep: String, count: Int) throws -> [String] {
        try (0..<count).map { try record(sweep, $0)?["state"] as? String ?? "none" }
    }

    /// Waits until `condition` holds (polling every 0.1 s); fails the test after `seconds`.
    func wait(_ what: String, seconds: Double, file: StaticString = #filePath, line: UInt = #line,
              _ condition: () throws -> Bool) rethrows {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        XCTFail("\(what) did not happen within \(seconds) s", file: file, line: line)
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }
}

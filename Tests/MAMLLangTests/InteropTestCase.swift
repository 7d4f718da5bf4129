import Foundation
import XCTest
@testable import MAMLLang
import TestSupport

/// What the interoperability tests share: a fresh folder per test, an
/// interpreter writing into it, and the Python of the test venv run there.
class InteropTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mamllang-\(String(describing: type(of: self)))-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// An interpreter whose files go to `directory`.
    func interpreter() -> (Interpreter, OutputBuffer) { makeInterpreter(outputDirectory: directory.path) }

    /// Runs `source` in `interp`, failing the test on an error.
    func run(_ source: String, _ interp: Interpreter, _ buffer: OutputBuffer,
             file: StaticString = #filePath, line: UInt = #line) {
        let r = runScript(source, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
    }

    /// The JSON a Python script run in `directory` prints, as Foundation values.
    func pythonJSON(_ script: String) throws -> [String: Any] {
        let text = try ExternalTools.python(script, in: directory)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }
}

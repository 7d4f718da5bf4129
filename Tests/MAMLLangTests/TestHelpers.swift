import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures

/// Collects what an interpreter prints.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    var contents: String { lock.lock(); defer { lock.unlock() }; return text }
}

/// An interpreter writing into a buffer.
func makeInterpreter(outputDirectory: String? = nil) -> (Interpreter, OutputBuffer) {
    let buffer = OutputBuffer()
    let options = InterpreterOptions(outputDirectory: outputDirectory, output: OutputSink { buffer.append($0) })
    return (Interpreter(options: options, builtins: .withFigures), buffer)
}

/// Runs `source`; returns what it printed and the error that stopped it.
@discardableResult
func runScript(_ source: String, in interpreter: Interpreter? = nil, buffer: OutputBuffer? = nil,
         file: String = "test.maml") -> (output: String, error: Diagnostic?) {
    let (fresh, freshBuffer) = makeInterpreter()
    let interp = interpreter ?? fresh
    let out = buffer ?? freshBuffer
    let before = out.contents.count
    do {
        try interp.execute(source: source, fileName: file)
        return (String(out.contents.dropFirst(before)), nil)
    } catch {
        return (String(out.contents.dropFirst(before)), error)
    }
}

/// Asserts that `source` prints exactly `expected`.
func assertOutput(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let r = runScript(source)
    XCTAssertNil(r.error, "unexpected error: \(r.error.map { $0.rendered() } ?? "")", file: file, line: line)
    XCTAssertEqual(r.output, expected, file: file, line: line)
}

/// Asserts that `source` fails with `message` at `line:column`.
func assertError(_ source: String, _ message: String, _ lineNumber: Int, _ column: Int,
                 file: StaticString = #filePath, line: UInt = #line) {
    let r = runScript(source)
    guard let d = r.error else { return XCTFail("no error for \(source); printed \(r.output)", file: file, line: line) }
    XCTAssertEqual(d.message, message, file: file, line: line)
    XCTAssertEqual(d.location, SourceLocation(line: lineNumber, column: column), "\(d.message)", file: file, line: line)
}

/// The value of the last expression of `source` (kept in `ans` or a variable).
func value(_ source: String, _ name: String = "ans") -> Value? {
    let (interp, _) = makeInterpreter()
    try? interp.execute(source: source, fileName: "t")
    return interp.value(of: name)
}

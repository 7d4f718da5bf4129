import XCTest
@testable import MAMLLang
@testable import MAMLFigures
import MAMLCore

// Helpers for the standard-library tests: values of expressions, several
// outputs of a built-in, warnings.

/// The value of `expression` evaluated in a fresh interpreter (after `setup`).
func evaluated(_ expression: String, setup: String = "", file: StaticString = #filePath, line: UInt = #line) -> Value? {
    let (interp, _) = makeInterpreter()
    do {
        try interp.execute(source: setup + "\nresult__ = " + expression + ";", fileName: "t")
    } catch {
        XCTFail("\(expression): \(error.message)", file: file, line: line)
        return nil
    }
    return interp.value(of: "result__")
}

/// The number `expression` gives (nil, and a failure, when it is not one).
func numberOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> Double? {
    guard let v = evaluated(expression, file: file, line: line) else { return nil }
    guard case .number(let x) = v else { XCTFail("\(expression) gave \(v.typeDescription)", file: file, line: line); return nil }
    return x
}

/// The rows of the matrix `expression` gives (a number is 1×1).
func rowsOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> [[Double]]? {
    evaluated(expression, file: file, line: line)?.asMatrix?.rowArrays
}

/// The shape of the value `expression` gives, as "r×c".
func shapeOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
    guard let v = evaluated(expression, file: file, line: line), let s = v.asShape else { return nil }
    return "\(s.rows)×\(s.cols)"
}

/// The boolean `expression` gives (nil, and a failure, when it is not one).
func boolOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> Bool? {
    guard let v = evaluated(expression, file: file, line: line) else { return nil }
    guard case .bool(let b) = v else { XCTFail("\(expression) gave \(v.typeDescription)", file: file, line: line); return nil }
    return b
}

/// The string `expression` gives.
func stringOf(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
    guard let v = evaluated(expression, file: file, line: line) else { return nil }
    guard case .string(let s) = v else { XCTFail("\(expression) gave \(v.typeDescription)", file: file, line: line); return nil }
    return s
}

/// Calls built-in `name` with `arguments` (expressions of the language),
/// asking for `outputs` outputs as `[a, b] = name(…)` does; also returns
/// the warnings it gave.
func callBuiltin(_ name: String, _ arguments: [String], outputs: Int) throws -> (values: [Value], warnings: String) {
    let warnings = OutputBuffer()
    let options = InterpreterOptions(output: OutputSink { _ in }, warnings: OutputSink { warnings.append($0) })
    let interp = Interpreter(options: options, builtins: .withFigures)
    var positional: [ArgumentValue] = []
    for (k, a) in arguments.enumerated() {
        try interp.execute(source: "argument\(k) = \(a);", fileName: "t")
        let v = try XCTUnwrap(interp.value(of: "argument\(k)"))
        positional.append(ArgumentValue(value: v, location: SourceLocation(line: 1, column: 10 * (k + 1))))
    }
    let function = try XCTUnwrap(BuiltinLibrary.withFigures[name])
    var call = try Call(interpreter: interp, function: function, location: SourceLocation(line: 1, column: 1),
                        positional: positional, named: [])
    call.outputCount = outputs
    return (try function.body(call), warnings.contents)
}

/// What running `source` wrote as warnings, and its error.
func warningsOf(_ source: String) -> (warnings: String, error: Diagnostic?) {
    let warnings = OutputBuffer()
    let options = InterpreterOptions(output: OutputSink { _ in }, warnings: OutputSink { warnings.append($0) })
    let interp = Interpreter(options: options, builtins: .withFigures)
    do {
        try interp.execute(source: source, fileName: "t")
        return (warnings.contents, nil)
    } catch {
        return (warnings.contents, error)
    }
}

/// Asserts that two matrices (as rows) agree to a relative tolerance.
func assertClose(_ actual: [[Double]]?, _ expected: [[Double]], _ tolerance: Double = 1e-12,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else { return XCTFail("no value", file: file, line: line) }
    XCTAssertEqual(actual.count, expected.count, "rows of \(actual)", file: file, line: line)
    for (r, e) in zip(actual, expected) {
        XCTAssertEqual(r.count, e.count, "columns of \(actual)", file: file, line: line)
        for (x, y) in zip(r, e) {
            if y.isNaN { XCTAssertTrue(x.isNaN, "\(actual)", file: file, line: line); continue }
            if y.isInfinite { XCTAssertEqual(x, y, "\(actual)", file: file, line: line); continue }
            XCTAssertEqual(x, y, accuracy: tolerance * Swift.max(1, abs(y)), "\(actual)", file: file, line: line)
        }
    }
}

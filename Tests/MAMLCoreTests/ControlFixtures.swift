import Foundation
import MAMLCore
import XCTest
import TestSupport

/// The reference values of `Tests/Fixtures/control`, from NumPy, SciPy and
/// python-control (`scripts/fixtures/make_control_vectors.py`; the README
/// there says how they are encoded).
enum ControlFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/control")

    /// The root object of one file.
    static func file(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw FixtureFailure("\(name) is not an object") }
        return root
    }

    /// The `cases` array of one file.
    static func cases(_ name: String) throws -> [[String: Any]] {
        guard let cases = try file(name)["cases"] as? [[String: Any]] else { throw FixtureFailure("\(name) has no cases") }
        return cases
    }
}

struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A JSON number or one of the strings "NaN", "Inf", "-Inf".
func fixtureNumber(_ v: Any?) throws -> Double {
    if let d = v as? Double { return d }
    if let i = v as? Int { return Double(i) }
    if let s = v as? String {
        switch s {
        case "NaN": return .nan
        case "Inf": return .infinity
        case "-Inf": return -.infinity
        default: break
        }
    }
    throw FixtureFailure("not a number: \(String(describing: v))")
}

extension Dictionary where Key == String, Value == Any {
    /// A real matrix written as an array of rows.
    func real(_ key: String) throws -> Matrix {
        guard let rows = self[key] as? [[Any]] else { throw FixtureFailure("missing matrix \(key)") }
        return try Matrix(rows.map { try $0.map(fixtureNumber) })
    }

    /// A complex matrix {"re": rows, "im": rows} (or a real one).
    func complexMatrix(_ key: String) throws -> ComplexMatrix {
        if let obj = self[key] as? [String: Any] {
            return try ComplexMatrix(real: obj.real("re"), imaginary: obj.real("im"))
        }
        return ComplexMatrix(try real(key))
    }

    /// A complex vector {"re": [...], "im": [...]}.
    func complexVector(_ key: String) throws -> [Complex] {
        guard let obj = self[key] as? [String: Any], let re = obj["re"] as? [Any], let im = obj["im"] as? [Any] else {
            throw FixtureFailure("missing complex vector \(key)")
        }
        return try zip(re, im).map { Complex(try fixtureNumber($0), try fixtureNumber($1)) }
    }

    /// A real vector.
    func vector(_ key: String) throws -> [Double] {
        guard let v = self[key] as? [Any] else { throw FixtureFailure("missing vector \(key)") }
        return try v.map(fixtureNumber)
    }

    /// A number.
    func value(_ key: String) throws -> Double { try fixtureNumber(self[key]) }

    /// A nested object.
    func dict(_ key: String) throws -> [String: Any] {
        guard let v = self[key] as? [String: Any] else { throw FixtureFailure("missing object \(key)") }
        return v
    }

    /// The case's name.
    var caseName: String { self["name"] as? String ?? "?" }

    /// Whether the reference refused (the object at `key` is {"error": …}).
    func refused(_ key: String) -> Bool { (self[key] as? [String: Any])?["error"] != nil }
}

/// ‖a − b‖_F / ‖b‖_F for real matrices (∞ when the shapes differ).
func relativeError(_ a: Matrix, _ b: Matrix) -> Double {
    guard a.rows == b.rows && a.cols == b.cols else { return .infinity }
    let d = (a - b).frobeniusNorm, s = b.frobeniusNorm
    return s == 0 ? d : d / s
}

/// ‖a − b‖_F / ‖b‖_F for complex matrices.
func relativeError(_ a: ComplexMatrix, _ b: ComplexMatrix) -> Double {
    guard a.rows == b.rows && a.cols == b.cols else { return .infinity }
    let d = (a - b).frobeniusNorm, s = b.frobeniusNorm
    return s == 0 ? d : d / s
}

/// Elementwise comparison that treats NaN as equal to NaN.
func assertClose(_ a: [Double], _ b: [Double], _ tol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, what, file: file, line: line)
    for (x, y) in zip(a, b) {
        if y.isNaN { XCTAssertTrue(x.isNaN, "\(what): \(x) should be NaN", file: file, line: line); continue }
        XCTAssertLessThanOrEqual(Swift.abs(x - y), tol * Swift.max(1, Swift.abs(y)), "\(what): \(x) vs \(y)", file: file, line: line)
    }
}

/// The two lists are the same multiset of complex numbers to a relative
/// `tol` (each expected value matched to the nearest unused actual one).
func assertSameSpectrum(_ actual: [Complex], _ expected: [Complex], _ tol: Double, _ what: String,
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
    var free = actual
    for e in expected {
        guard let k = free.indices.min(by: { (free[$0] - e).magnitude < (free[$1] - e).magnitude }) else { return }
        let err = (free[k] - e).magnitude / Swift.max(1, e.magnitude)
        XCTAssertLessThanOrEqual(err, tol, "\(what): \(e) matched by \(free[k])", file: file, line: line)
        free.remove(at: k)
    }
}

/// Asserts that `body` throws a `MAMLError` for which `check` holds.
func assertMAMLError<T>(_ body: @autoclosure () throws -> T, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                        _ check: (MAMLError) -> Bool) {
    do {
        _ = try body()
        XCTFail("\(what): expected an error", file: file, line: line)
    } catch let e as MAMLError {
        XCTAssertTrue(check(e), "\(what): unexpected error \(e)", file: file, line: line)
    } catch {
        XCTFail("\(what): not a MAMLError: \(error)", file: file, line: line)
    }
}

/// Asserts that `p` gives a fixture case's cost, gradient, Hessian action
/// along its Y and full Hessian to `tolerance` (relative); the kinds'
/// fixtures (scripts/fixtures/make_kind_vectors.py) hold all four.
func assertPointAgrees(_ p: LQRPoint, with c: [String: Any], tolerance: Double = 1e-9,
                       file: StaticString = #filePath, line: UInt = #line) throws {
    let y = try c.matrix("Y")
    XCTAssertLessThan(relativeError(p.cost, try c.number("cost")), tolerance, c.name, file: file, line: line)
    XCTAssertLessThan(relativeError(p.gradient, try c.matrix("grad")), tolerance, c.name, file: file, line: line)
    XCTAssertLessThan(relativeError(try p.hessianAction(y), try c.matrix("hvp")), tolerance, c.name, file: file, line: line)
    XCTAssertLessThan(relativeError(try p.hessian(), try c.matrix("hess")), tolerance, c.name, file: file, line: line)
}

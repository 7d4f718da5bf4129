import Foundation
import MAMLCore

/// The reference values of `Tests/Fixtures/vectors`, from an independent
/// NumPy/SciPy implementation (its README says how they were made).
public enum ReferenceVectors {
    /// The folder holding the JSON files.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors")

    /// The `cases` array of one file.
    public static func cases(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else {
            throw FixtureError.malformed(file)
        }
        return cases
    }

    /// The whole of a file of `Tests/Fixtures/kinds` (the kinds of task:
    /// scripts/fixtures/make_kind_vectors.py and make_lqg_vectors.py).
    public static func kindFixtures(_ file: String) throws -> [String: Any] {
        let url = directory.deletingLastPathComponent().appendingPathComponent("kinds").appendingPathComponent(file)
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw FixtureError.malformed(file)
        }
        return root
    }

    /// `meta.paper_alphas`: the paper case's (a1, a2, a3, a4) per task.
    public static func paperAlphas() throws -> [[Double]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("maml.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let meta = root["meta"] as? [String: Any],
              let alphas = meta["paper_alphas"] as? [[Double]] else { throw FixtureError.malformed("maml.json") }
        return alphas
    }
}

public enum FixtureError: Error { case malformed(String), missing(String) }

extension Dictionary where Key == String, Value == Any {
    /// A matrix field written as an array of rows.
    public func matrix(_ key: String) throws -> Matrix {
        guard let rows = self[key] as? [[Double]] else { throw FixtureError.missing(key) }
        return try Matrix(rows)
    }

    /// A number field.
    public func number(_ key: String) throws -> Double {
        guard let v = self[key] as? Double else { throw FixtureError.missing(key) }
        return v
    }

    /// A nested object.
    public func object(_ key: String) throws -> [String: Any] {
        guard let v = self[key] as? [String: Any] else { throw FixtureError.missing(key) }
        return v
    }

    /// The case's name.
    public var name: String { self["name"] as? String ?? "?" }

    /// The relative tolerance the project holds this case to (docs/mathematics.md, "Accuracy").
    public var tolerance: Double { name.hasPrefix("boundary-") ? 1e-6 : 1e-8 }

    /// A task field {A, B, Q, R, Sigma0}.
    public func task(_ key: String = "task") throws -> LQRTask {
        try LQRTask(json: object(key))
    }
}

extension LQRTask {
    /// A task from its JSON object {A, B, Q, R, Sigma0}.
    public init(json t: [String: Any]) throws {
        try self.init(A: t.matrix("A"), B: t.matrix("B"), Q: t.matrix("Q"), R: t.matrix("R"), Sigma0: t.matrix("Sigma0"))
    }
}

/// ‖a − b‖_F / ‖b‖_F (absolute when b = 0).
public func relativeError(_ a: Matrix, _ b: Matrix) -> Double {
    guard a.rows == b.rows && a.cols == b.cols else { return .infinity }
    let d = (a - b).frobeniusNorm
    let s = b.frobeniusNorm
    return s == 0 ? d : d / s
}

/// |a − b| / |b| (absolute when b = 0).
public func relativeError(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a - b) : abs(a - b) / abs(b)
}

import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// The direct reader of plain .mat files (`MATDirect`) against libmatio's
/// path on the same bytes: the same values for files of uncompressed real
/// double matrices (names packed in a small element or not, a 1×1, a row, a
/// column, a large matrix; written by mamlsh and by scipy.io), and nil —
/// libmatio's turn — for every other content.
final class MATDirectTests: InteropTestCase {
    let format = MATFormat()

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    func request(_ name: String, variable: String? = nil) -> LoadRequest {
        var r = LoadRequest(file: name, path: directory.appendingPathComponent(name).path)
        r.variable = variable
        return r
    }

    /// Whether the direct reader read the request, and whether its value is
    /// libmatio's (isequal: same kind, shape, field names and entries).
    func bothReaders(_ name: String, variable: String? = nil) throws -> (direct: Bool, same: Bool) {
        let b = try bytes(name)
        XCTAssertEqual(try MATScan.check(b, file: name), .v5)
        let library = try format.readThroughLibrary(b, request(name, variable: variable), version: .v5)
        guard let direct = try MATDirect.read(b, request(name, variable: variable)) else { return (false, false) }
        return (true, direct.isEqual(to: library) && direct.typeDescription == library.typeDescription)
    }

    func testPlainDoubleFilesReadAsLibmatioReadsThem() throws {
        let (interp, buffer) = interpreter()
        run("""
            seed(4); s.A = randn(300, 200); s.b = 2.5; s.row = [1 2 3]; s.col = [4; 5]; s.longername = [1 -2; 3.25 1e-300];
            save(s, "plain.mat", compress=false);
            save(s, "zipped.mat");
            t.A = s.A; t.z = [1+2i 3]; save(t, "complex.mat", compress=false);
            u.A = s.A; u.name = "text"; u.flag = true; save(u, "mixed.mat", compress=false);
            """, interp, buffer)
        var checked = 0
        for variable in [nil, "A", "b", "row", "col", "longername"] {
            let r = try bothReaders("plain.mat", variable: variable)
            XCTAssertTrue(r.direct && r.same, "plain.mat \(variable ?? "(all)"): \(r)")
            checked += 1
        }
        XCTAssertEqual(checked, 6)
        // Compressed, complex, char and logical content is libmatio's (a plain A in a mixed file is read directly).
        for (file, variable) in [("zipped.mat", nil), ("complex.mat", nil), ("complex.mat", "z"), ("mixed.mat", nil), ("mixed.mat", "name")] as [(String, String?)] {
            XCTAssertNil(try MATDirect.read(try bytes(file), request(file, variable: variable)), "\(file) \(variable ?? "(all)")")
        }
        let r = try bothReaders("mixed.mat", variable: "A")
        XCTAssertTrue(r.direct && r.same, "mixed.mat A: \(r)")
        // A variable the file lacks: libmatio's path gives the error that lists the file's variables.
        XCTAssertNil(try MATDirect.read(try bytes("plain.mat"), request("plain.mat", variable: "nope")))
    }

    func testScipyWrittenDoublesReadDirectly() throws {
        _ = try pythonJSON("""
            import json, numpy as np, scipy.io
            rng = np.random.default_rng(1)
            scipy.io.savemat("sp.mat", {"K": rng.standard_normal((4, 2)), "x": 0.5, "v": np.arange(5.0)})
            print(json.dumps({}))
            """)
        let r = try bothReaders("sp.mat")
        XCTAssertTrue(r.direct, "scipy.io's default (uncompressed float64) is read directly")
        XCTAssertTrue(r.same)
    }

    /// The bytes a writer hands over.
    func written(_ writer: DataFileWriter) throws -> [UInt8] {
        var out: [UInt8] = []
        try writer { out += $0 }
        return out
    }

    func testDirectlyWrittenFilesAreLibmatiosByteForByte() throws {
        var big = Matrix(rows: 123, cols: 77)
        for k in 0..<big.count { big.storage[k] = Double(k) * 0.37 - 1e5 }
        let variables: [(String, Value)] = [("A", Value(Matrix(rows: 2, cols: 2, storage: [1, 3, 2, 4]))), ("abcd", .number(-2.5)),
                                            ("longername", Value(big)), ("row", Value(Matrix(row: [1, 2, 3]))),
                                            ("name_of_length_16", Value(Matrix(column: [0.1, .infinity, -0.0])))]
        let direct = try XCTUnwrap(MATDirect.writer(variables))
        let library = MATFormat.libraryWriter(variables, version: "v5", compress: false)
        let (a, b) = (try written(direct), try written(library))
        XCTAssertEqual(a.count, b.count)
        XCTAssertTrue(a == b, "the first difference at byte \(zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
        // What the direct writer leaves to libmatio.
        XCTAssertNil(MATDirect.writer([("L", Value(logical: Matrix(row: [1, 0])))]))
        XCTAssertNil(MATDirect.writer([("s", .string("text"))]))
        XCTAssertNil(MATDirect.writer([("e", Value(Matrix(rows: 0, cols: 3)))]))
    }
}

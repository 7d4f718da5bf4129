import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore

/// Complex values in files: JSON as `{"$type": "complex", "size", "re",
/// "im"}`, CSV as Octave's csvwrite writes them (`a+bi` cells); both read
/// back as an equal value.
final class ComplexFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mamllang-complex-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    func testCSVCellsAreOctavesAndReadBack() throws {
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        let r = runScript("z = [1+2i 3; -1.5i 2-0.5i]; save(z, \"z.csv\"); w = load(\"z.csv\"); same = isequal(w, z)",
                          in: interp, buffer: buffer)
        XCTAssertNil(r.error)
        // Octave 7's csvwrite([1+2i 3; -1.5i 2-0.5i]) writes these bytes.
        XCTAssertEqual(try text("z.csv"), "1+2i,3+0i\n-0-1.5i,2-0.5i\n")
        XCTAssertEqual(interp.value(of: "same").map { if case .bool(true) = $0 { return true } else { return false } }, true)
        guard case .complex(let w)? = interp.value(of: "w") else { return XCTFail("load gave no complex value") }
        XCTAssertEqual(w.matrix.entries, [Complex(1, 2), Complex(-0.0, -1.5), Complex(3, 0), Complex(2, -0.5)])
    }

    func testCSVReadsOtherSpellings() throws {
        try Data("x,y\n1-2j,2.5i\n3,1e-3+1e3i\n".utf8).write(to: directory.appendingPathComponent("o.csv"))
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        XCTAssertNil(runScript("w = load(\"o.csv\", matrix=true); s = load(\"o.csv\"); x = s.x; y = s.y", in: interp, buffer: buffer).error)
        guard case .complex(let w)? = interp.value(of: "w") else { return XCTFail("load gave no complex value") }
        XCTAssertEqual(w.matrix.rowArrays, [[Complex(1, -2), Complex(0, 2.5)], [Complex(3, 0), Complex(1e-3, 1e3)]])
        // With its header, the file is a struct of columns, each complex when a cell of it is.
        guard case .complex(let x)? = interp.value(of: "x"), case .complex(let y)? = interp.value(of: "y") else {
            return XCTFail("the header's columns are not complex")
        }
        XCTAssertEqual(x.matrix.entries, [Complex(1, -2), Complex(3, 0)])
        XCTAssertEqual(y.matrix.entries, [Complex(0, 2.5), Complex(1e-3, 1e3)])
    }

    func testJSONFormAndRoundTrip() throws {
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        let r = runScript("""
            z = [1+2i 3; -1.5i 2-0.5i]; save(z, "z.json"); a = isequal(load("z.json"), z)
            c = complex(1, 0); save(c, "c.json"); b = load("c.json")
            s.poles = eig([0 -1; 1 0]); save(s, "s.json"); d = isequal(load("s.json"), s)
            """, in: interp, buffer: buffer)
        XCTAssertNil(r.error)
        XCTAssertEqual(r.output, "a = true\nb = 1 + 0i\nd = true\n")
        XCTAssertEqual(try text("z.json"), """
            {
              "$type": "complex",
              "size": [2, 2],
              "re": [[1, 3], [-0, 2]],
              "im": [[2, 0], [-1.5, -0.5]]
            }

            """)
    }

    func testJSONOfABadComplexValueIsAnError() throws {
        try Data(#"{"$type": "complex", "size": [1, 2], "re": [1, 2], "im": [1]}"#.utf8).write(to: directory.appendingPathComponent("bad.json"))
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        let r = runScript("w = load(\"bad.json\")", in: interp, buffer: buffer)
        XCTAssertEqual(r.error?.message, "the file.im must be a 1×2 matrix of numbers, as \"size\" says")
    }
}

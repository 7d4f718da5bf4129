import Foundation
import XCTest
@testable import MAMLLang
@testable import MAMLFigures
import MAMLCore

/// The hardening of files: reading refuses what is not a data file with a
/// located error, JSON holds every kind of value and gives it back, CSV
/// keeps shapes and line ends, and what cannot be written is an error.
final class DataFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mamllang-data-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func interpreter() -> (Interpreter, OutputBuffer) { makeInterpreter(outputDirectory: directory.path) }

    private func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    // MARK: Reading what is not a data file

    func testLoadOfAFolderADeviceOrAFailingFileIsALocatedErrorAndKeepsVariables() throws {
        let (interp, buffer) = interpreter()
        XCTAssertNil(runScript("x = 42", in: interp, buffer: buffer).error)
        let cases: [(String, String)] = [
            ("load(\".\")", "it is a folder, not a file"),
            ("load(\"/proc/self/mem\")", "Input/output error"),
            ("load(\"/dev/zero\")", "it is a device, not a regular file"),
            ("load(\"/dev/null\")", "it is a device, not a regular file"),
        ]
        for (source, reason) in cases {
            let error = runScript("y = " + source, in: interp, buffer: buffer).error
            XCTAssertTrue(error?.message.hasPrefix("cannot read '") ?? false, "\(source): \(error?.message ?? "no error")")
            XCTAssertTrue(error?.message.hasSuffix(reason) ?? false, "\(source): \(error?.message ?? "no error")")
            XCTAssertEqual(error?.location, SourceLocation(line: 1, column: 10), source)
        }
        XCTAssertEqual(interp.value(of: "x")?.asScalar, 42)
        XCTAssertNil(interp.value(of: "y"))
    }

    func testANamedPipeWithoutAWriterIsRefusedForData() throws {
        let fifo = directory.appendingPathComponent("p.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let (interp, buffer) = interpreter()
        let started = Date()
        let error = runScript("y = load(\"p.csv\")", in: interp, buffer: buffer).error
        XCTAssertEqual(error?.message, "cannot read '\(fifo)': it is a pipe, not a regular file")
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "refused without waiting for a writer")
    }

    func testFileReadingLimitsAreCheckedBeforeReading() throws {
        let path = directory.appendingPathComponent("big.bin").path
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, off_t(FileReading.dataLimit) + 1), 0)  // sparse: no disk used
        close(fd)
        XCTAssertThrowsError(try FileReading.bytes(path: path, limit: FileReading.dataLimit, accepting: .regularFiles)) { error in
            XCTAssertEqual((error as? ReadFailure)?.message, "cannot read '\(path)': it holds 1000000001 bytes, more than the limit of 1 GB")
        }
        // A stream without a size stops at the limit instead of reading forever.
        XCTAssertThrowsError(try FileReading.bytes(path: "/dev/zero", limit: 1_000_000, accepting: .streams)) { error in
            XCTAssertEqual((error as? ReadFailure)?.message, "cannot read '/dev/zero': it holds more than the limit of 1 MB")
        }
        XCTAssertThrowsError(try FileReading.text([0x61, 0xFF, 0x62], name: "x")) { error in
            XCTAssertEqual((error as? ReadFailure)?.message, "'x' is not UTF-8 text (invalid byte at offset 1)")
        }
    }

    // MARK: JSON

    func testJSONRoundTripsEveryKindOfValue() throws {
        let (interp, buffer) = interpreter()
        let setup = """
        t = task([1.2 0.1; 0 0.5], [1; 0.5], eye(2), 2, Sigma0=[2 0.5; 0.5 1]);
        t2 = task([0.9 0; 0.1 0.4], [0.5; 1], diag([2 1]), 1);
        T = tasks(t, t2);
        r = maml(T, [0.3 0.1], eta=0.01, beta=0.02, iters=3);
        r2 = maml(T, [0.3 0.1], eta=ramp(1e-3, 1e-2), beta=auto, iters=2, tol=1e-12);
        L = landscape(T, eta=0.01, w1=0:0.25:1, w2=-0.5:0.25:0.5);
        values = {3, -0, 1e-300, NaN, Inf, -Inf, true, false, "text with \\"quotes\\", \\\\ and\\nlines", "", [1 2; 3 4], [1 2 3], [1; 2], zeros(0, 3), zeros(2, 0), [], 0.1:0.1:0.5, [NaN Inf -Inf 0], {}, {1, 2, 3}, {[1 2], [3 4]}, {{}}, {1, "a", {2, {3}}}, t, T, r, r2, L, ramp(1e-5, 1e-3), auto, [1 2 3] > 2, [1 2; 3 4] > 2, [true; false], zeros(0, 3) > 1, {true, false}, {[true false], [1 0]}, struct(mask=[4 5] > 4, n=1), 3 + 2i, [1+2i NaN; -0 1i], complex(1, 0), {eig([0 -1; 1 0])}};
        """
        XCTAssertNil(runScript(setup, in: interp, buffer: buffer).error)
        guard case .list(let list)? = interp.value(of: "values") else { return XCTFail("no list") }
        var checked = 0, readByFoundation = 0
        var kinds = Set<String>()
        for (k, value) in list.items.enumerated() {
            let file = "v\(k + 1).json"
            interp.setValue(value, for: "x")
            let r = runScript("save(x, \"\(file)\"); y = load(\"\(file)\");", in: interp, buffer: buffer)
            XCTAssertNil(r.error, "item \(k + 1): \(r.error?.rendered() ?? "")")
            let back = try XCTUnwrap(interp.value(of: "y"), "item \(k + 1)")
            XCTAssertTrue(back.isEqual(to: value, nanEqual: true), "item \(k + 1): \(value.inlineDescription()) came back as \(back.inlineDescription())")
            // The same kind and shape (a range is written as the row it is).
            let expected = value.typeDescription.replacingOccurrences(of: " range", with: " matrix")
            XCTAssertEqual(back.typeDescription, expected, "item \(k + 1) comes back as the same kind")
            kinds.formUnion(Self.kinds(of: value))
            // The files are standard JSON that another tool reads (Foundation's
            // reader refuses ±1e999, the spelling of ±∞, which Python and
            // JavaScript read as infinity).
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            if !String(decoding: data, as: UTF8.self).contains("1e999") {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]), "item \(k + 1)")
                readByFoundation += 1
            }
            checked += 1
        }
        XCTAssertEqual(checked, 41)
        XCTAssertEqual(readByFoundation, 38)
        // Every kind of value JSON can hold was written and read back; the
        // others (functions, figures, task distributions) are refused with a
        // reason, never written as placeholder text.
        XCTAssertEqual(kinds, Self.kindsJSONHolds)
        for (k, source) in ["@(x) x", "plot(1:3)", "taskdist(@() t)"].enumerated() {
            let r = runScript("v = \(source);\nsave(v, \"bad\(k).json\")", in: interp, buffer: buffer)
            XCTAssertNotNil(r.error, source)
            XCTAssertTrue(r.error?.message.contains("cannot be saved as JSON") ?? false, r.error?.message ?? source)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad\(k).json").path))
            kinds.formUnion(Self.kinds(of: interp.value(of: "v") ?? .number(0)))
        }
        XCTAssertEqual(kinds, Self.kindsJSONHolds.union(["function", "figure", "task distribution"]), "every kind of value was tried")
        // The whole list at once, too.
        XCTAssertNil(runScript("save(values, \"all.json\"); back = load(\"all.json\");", in: interp, buffer: buffer).error)
        XCTAssertTrue(interp.value(of: "back")?.isEqual(to: .list(list), nanEqual: true) ?? false)
    }

    /// The kinds of value JSON holds.
    static let kindsJSONHolds: Set<String> = ["number", "boolean", "string", "matrix", "logical array", "range", "complex", "list",
                                              "struct", "task", "task set", "run", "step policy", "landscape"]

    /// The kinds of value in `v` and the values it holds. The switch names
    /// every case of `Value`, so a new kind does not compile until it is
    /// named here, and then fails the test until it is saved and loaded.
    static func kinds(of v: Value) -> Set<String> {
        switch v {
        case .number: return ["number"]
        case .bool: return ["boolean"]
        case .string: return ["string"]
        case .matrix: return ["matrix"]
        case .logical: return ["logical array"]
        case .range: return ["range"]
        case .complex: return ["complex"]
        case .list(let l): return l.items.reduce(["list"]) { $0.union(kinds(of: $1)) }
        case .structure(let s): return s.fields.reduce(["struct"]) { $0.union(kinds(of: $1.value)) }
        case .function: return ["function"]
        case .task: return ["task"]
        case .taskSet: return ["task set"]
        case .run: return ["run"]
        case .ramp, .auto: return ["step policy"]
        case .object(let o):
            switch o {
            case is LandscapeValue: return ["landscape"]
            case is FigureValue: return ["figure"]
            case is TaskDistributionValue: return ["task distribution"]
            default: return [o.typeName]
            }
        }
    }

    func testJSONPlainDataReadsAsOtherToolsWriteIt() throws {
        try write(#"{"seed": 3, "eta": [1e-4, 5e-4], "M": [[1, 2], [3, 4]], "name": "run 1", "ok": true, "miss": null, "tags": ["a", "b"], "nested": {"k": 1}, "bad-key": 2, "2x": 3}"#, "plain.json")
        let (interp, buffer) = interpreter()
        XCTAssertNil(runScript("s = load(\"plain.json\"); a = s.eta; b = s.M[2, 1]; c = s.nested.k; d = s.bad_key; e = s.x2x; f = s.miss", in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.value(of: "a")?.asMatrix?.rowArrays, [[1e-4, 5e-4]])
        XCTAssertEqual(interp.value(of: "b")?.asScalar, 3)
        XCTAssertEqual(interp.value(of: "c")?.asScalar, 1)
        XCTAssertEqual(interp.value(of: "d")?.asScalar, 2)
        XCTAssertEqual(interp.value(of: "e")?.asScalar, 3)
        XCTAssertTrue(interp.value(of: "f")?.asScalar?.isNaN ?? false)
        guard case .structure(let s)? = interp.value(of: "s") else { return XCTFail("not a struct") }
        XCTAssertEqual(s.names, ["seed", "eta", "M", "name", "ok", "miss", "tags", "nested", "bad_key", "x2x"])
    }

    func testJSONErrorsNameTheLineAndColumn() throws {
        let cases: [(String, String)] = [
            ("[1, 2", "bad.json:1:6: expected ',' or ']' in an array"),
            ("{\"a\": 1,\n \"b\" 2}", "bad.json:2:6: expected ':' after the member name"),
            ("[1e999999]", "bad.json:1:2: the number 1e999999 is outside the range of a double"),
            ("[NaN]", "bad.json:1:2: expected a JSON value"),
            ("{\"$type\": \"task\", \"A\": [[1]]}", "the file: a saved task needs \"B\""),
            ("{\"$type\": \"thing\"}", "the file: unknown \"$type\" \"thing\" (mamlsh writes matrix, complex, list, task, taskset, run, ramp, auto, landscape)"),
            (String(repeating: "[", count: 300), "bad.json:1:209: arrays and objects nest deeper than 208 levels"),
            ("", "bad.json:1:1: the JSON ends where a value should be"),
            ("[1] x", "bad.json:1:5: unexpected text after the JSON value"),
        ]
        let (interp, buffer) = interpreter()
        for (text, message) in cases {
            try write(text, "bad.json")
            let error = runScript("x = load(\"bad.json\")", in: interp, buffer: buffer).error
            XCTAssertEqual(error?.message, message, text)
            XCTAssertEqual(error?.location, SourceLocation(line: 1, column: 10))
        }
    }

    func testWhatJSONCannotHoldIsAnErrorNotPlaceholderText() throws {
        let (interp, buffer) = interpreter()
        XCTAssertNil(runScript("t = task(0.5, 1, 1, 1); r = maml(t, 0.1, eta=0.01, beta=0.05, iters=2); f = plot(r);", in: interp, buffer: buffer).error)
        let error = runScript("save(f, \"f.json\")", in: interp, buffer: buffer).error
        XCTAssertEqual(error?.message, "a figure cannot be saved as JSON; save a figure as .png, .pdf or .svg")
        XCTAssertEqual(error?.location, SourceLocation(line: 1, column: 6))
        XCTAssertEqual(runScript("save({1, f}, \"l.json\")", in: interp, buffer: buffer).error?.message,
                       "a figure cannot be saved as JSON; save a figure as .png, .pdf or .svg")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("f.json").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("l.json").path))
    }

    // MARK: CSV

    func testCSVReadsWindowsLineEndsAndKeepsEmptyShapes() throws {
        try write("1,2\r\n3,4\r\n", "crlf.csv")
        try write("a,b\r\n1,2\r\n", "header-crlf.csv")
        let (interp, buffer) = interpreter()
        let r = runScript("""
        A = load("crlf.csv"); B = load("header-crlf.csv", matrix=true);
        save(zeros(0, 3), "empty.csv"); E = load("empty.csv");
        save(zeros(0, 0), "none.csv"); N = load("none.csv");
        """, in: interp, buffer: buffer)
        XCTAssertNil(r.error, r.error?.rendered() ?? "")
        XCTAssertEqual(interp.value(of: "A")?.asMatrix?.rowArrays, [[1, 2], [3, 4]])
        XCTAssertEqual(interp.value(of: "B")?.asMatrix?.rowArrays, [[1, 2]])
        XCTAssertEqual(interp.value(of: "E")?.asShape.map { [$0.rows, $0.cols] }, [0, 3])
        XCTAssertEqual(interp.value(of: "N")?.asShape.map { [$0.rows, $0.cols] }, [0, 0])
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("empty.csv"), encoding: .utf8), "c1,c2,c3\n")
        XCTAssertEqual(runScript("save(zeros(2, 0), \"x.csv\")", in: interp, buffer: buffer).error?.message,
                       "a 2×0 matrix has rows but no columns, which CSV cannot hold; use a .json file")
    }

    func testCSVRefusesOverflowAndMixedHeaders() throws {
        try write("1,1e999\n", "overflow.csv")
        try write("a,2\n3,4\n", "mixed.csv")
        try write("\"1\",\"2.5\"\n", "quoted.csv")
        let (interp, buffer) = interpreter()
        XCTAssertEqual(runScript("x = load(\"overflow.csv\")", in: interp, buffer: buffer).error?.message,
                       "overflow.csv:1: field 2 (1e999) is outside the range of a double")
        XCTAssertEqual(runScript("x = load(\"mixed.csv\")", in: interp, buffer: buffer).error?.message,
                       "mixed.csv:1: field 1 (\"a\") is not a number")
        XCTAssertNil(runScript("q = load(\"quoted.csv\")", in: interp, buffer: buffer).error)
        XCTAssertEqual(interp.value(of: "q")?.asMatrix?.rowArrays, [[1, 2.5]])
    }

    // MARK: Memory

    func testAllocationsBeyondFreeMemoryAreLocatedErrors() throws {
        // Larger than any machine's memory but within the entry limit's
        // overflow checks: the message says what was asked and what is free.
        let (interp, buffer) = interpreter()
        XCTAssertEqual(runScript("x = zeros(1e5, 1e5)", in: interp, buffer: buffer).error?.message,
                       "zeros(100000, 100000) would be a 100000×100000 matrix, too large (the limit is 100000000 entries)")
        let product = runScript("a = ones(1, 20000); b = ones(20000, 1); c = a + b", in: interp, buffer: buffer).error
        XCTAssertEqual(product?.message, "the result of + would be a 20000×20000 matrix, too large (the limit is 100000000 entries)")
        XCTAssertEqual(product?.location, SourceLocation(line: 1, column: 47))
        let strings = runScript("s = \"ab\"; for i in 1:40; s = s + s; end", in: interp, buffer: buffer).error
        XCTAssertEqual(strings?.message, "the joined string would hold 268 MB, more than the limit of 256 MB for a string")
        XCTAssertEqual(interp.value(of: "i")?.asScalar, 27, "the loop stopped at the first string over the limit")
        XCTAssertEqual(MemoryBudget.formatBytes(800_000_000), "800 MB")
        XCTAssertThrowsError(try MemoryBudget.require(bytes: Int.max / 2, for: "zeros(10000, 10000)")) { error in
            XCTAssertTrue("\(error)".hasPrefix("zeros(10000, 10000) needs 4611686 TB but only "), "\(error)")
        }
    }
}

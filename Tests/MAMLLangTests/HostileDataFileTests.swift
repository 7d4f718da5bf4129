import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport
import CZlib

/// Files made to hurt a reader: truncated, with the wrong magic, with a
/// header claiming 10¹² elements, a zip bomb in an .npz, a .mat nesting
/// structs past the limit. Each is an error placed at the file argument —
/// no trap, no allocation of what the header claims — and the session's
/// variables stay.
final class HostileDataFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mamllang-hostile-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ bytes: [UInt8], _ name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    private func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The error of `y = load("<file>")`, checked to be at the file argument
    /// with `x` still set.
    private func loadError(_ file: String, file f: StaticString = #filePath, line: UInt = #line) -> String? {
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        XCTAssertNil(runScript("x = 42", in: interp, buffer: buffer).error)
        let error = runScript("y = load(\"\(file)\")", in: interp, buffer: buffer).error
        XCTAssertNotNil(error, "\(file) loads", file: f, line: line)
        XCTAssertEqual(error?.location, SourceLocation(line: 1, column: 10), file: f, line: line)
        XCTAssertEqual(interp.value(of: "x")?.asScalar, 42, file: f, line: line)
        XCTAssertNil(interp.value(of: "y"), file: f, line: line)
        return error?.message
    }

    // MARK: .npy

    /// A .npy file: magic, version 1.0, the header dict padded, then `data`.
    private func npy(_ dict: String, data: [UInt8] = []) -> [UInt8] {
        var header = dict
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let n = header.utf8.count
        return NPY.magic + [1, 0, UInt8(n & 0xFF), UInt8(n >> 8)] + Array(header.utf8) + data
    }

    func testNpyTruncatedWrongMagicAndHugeHeadersAreErrors() throws {
        try write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }", data: [UInt8](repeating: 0, count: 16)), "short.npy")
        try write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"), "huge.npy")
        try write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 3), }"), "overflow.npy")
        try write(Array("just text, not an array".utf8), "text.npy")
        try write(npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }"), "garbled.npy")
        try write(Array(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }").prefix(20)), "cut.npy")
        XCTAssertEqual(loadError("short.npy"), "short.npy is truncated: its header promises 8000000 bytes of data, the file holds 16")
        XCTAssertEqual(loadError("huge.npy"), "huge.npy: the header claims a 1000000×1000000 array, more than the limit of 100000000 entries")
        XCTAssertEqual(loadError("overflow.npy"), "overflow.npy: the header claims a 9223372036854775807×3 array, more than the limit of 100000000 entries")
        XCTAssertEqual(loadError("text.npy"), "text.npy is not a NumPy .npy file (it does not start with \\x93NUMPY)")
        XCTAssertEqual(loadError("garbled.npy"), "garbled.npy: the .npy header is not a Python dict of the expected form (expected a size at character 35)")
        XCTAssertEqual(loadError("cut.npy"), "cut.npy is truncated: it ends inside its .npy header")
    }

    // MARK: .npz

    /// The offsets of every occurrence of a 4-byte little-endian signature.
    private func offsets(of signature: UInt32, in b: [UInt8]) -> [Int] {
        (0..<(b.count - 3)).filter { k in
            UInt32(b[k]) | UInt32(b[k + 1]) << 8 | UInt32(b[k + 2]) << 16 | UInt32(b[k + 3]) << 24 == signature
        }
    }

    private func put32(_ b: inout [UInt8], _ k: Int, _ x: UInt32) {
        for j in 0..<4 { b[k + j] = UInt8((x >> (8 * UInt32(j))) & 0xFF) }
    }

    func testNpzZipBombsAndTruncationAreErrorsBeforeAnyLargeAllocation() throws {
        // 64 MB of zeros deflate to about 64 KB; the directory then says the member is 128 bytes.
        var archive: [UInt8] = []
        try ZipArchive.write(memberNames: ["a.npy"], compress: true, member: { _ in [UInt8](repeating: 0, count: 64 << 20) }) { archive += $0 }
        XCTAssertLessThan(archive.count, 200_000)
        var bomb = archive
        for local in offsets(of: 0x0403_4B50, in: bomb) { put32(&bomb, local + 22, 128) }
        for central in offsets(of: 0x0201_4B50, in: bomb) { put32(&bomb, central + 24, 128) }
        try write(bomb, "bomb.npz")
        XCTAssertEqual(loadError("bomb.npz"), "bomb.npz: the member \"a.npy\" inflates to more than the 128 bytes its header declares (a zip bomb?)")

        // A directory declaring 4 GB for one member: refused from the header, nothing inflated.
        var huge = archive
        for central in offsets(of: 0x0201_4B50, in: huge) { put32(&huge, central + 24, 0xFFFF_FFF0) }
        try write(huge, "huge.npz")
        XCTAssertEqual(loadError("huge.npz"), "huge.npz: the member \"a.npy\" claims 4294967280 bytes, more than the largest matrix (100000000 entries) needs")

        var good: [UInt8] = []
        try ZipArchive.write(memberNames: ["K.npy"], compress: false, member: { _ in
            var b: [UInt8] = []
            try NPY.write(.matrix(MatrixBox(Matrix(rows: 2, cols: 2, storage: [1, 2, 3, 4])))) { b += $0 }
            return b
        }) { good += $0 }
        try write(Array(good.prefix(good.count / 2)), "half.npz")
        XCTAssertEqual(loadError("half.npz"), "half.npz is not a valid zip archive (.npz): its end record is missing (truncated?)")
        var flipped = good
        flipped[100] ^= 0xFF
        try write(flipped, "flipped.npz")
        XCTAssertEqual(loadError("flipped.npz"), "flipped.npz: the member \"K.npy\" is damaged (its CRC-32 does not match)")
        try write(Array("PK but nothing else".utf8), "pk.npz")
        XCTAssertEqual(loadError("pk.npz"), "pk.npz is not a valid zip archive (.npz): it is truncated")
    }

    // MARK: .mat

    /// A level-5 data element: tag, data, padding to 8 bytes.
    private func element(_ type: UInt32, _ data: [UInt8]) -> [UInt8] {
        var out = u32(type) + u32(UInt32(data.count)) + data
        while out.count % 8 != 0 { out.append(0) }
        return out
    }

    private func u32(_ x: UInt32) -> [UInt8] { (0..<4).map { UInt8((x >> (8 * UInt32($0))) & 0xFF) } }

    /// An `miMATRIX` of class `arrayClass` (6 double, 2 struct), `dims`, `name`, then `content`;
    /// `complex` sets the complex bit of its flags.
    private func matrix(_ arrayClass: UInt32, dims: [UInt32], name: String, content: [UInt8], complex: Bool = false) -> [UInt8] {
        element(14, element(6, u32(arrayClass | (complex ? 0x0800 : 0)) + u32(0)) + element(5, dims.flatMap(u32)) + element(1, Array(name.utf8)) + content)
    }

    /// A level-5 file of `elements`.
    private func mat5(_ elements: [UInt8]) -> [UInt8] {
        var header = Array("MATLAB 5.0 MAT-file, hostile test".utf8)
        header += [UInt8](repeating: 0x20, count: 116 - header.count)
        return header + [UInt8](repeating: 0, count: 8) + [0x00, 0x01, 0x49, 0x4D] + elements
    }

    func testMatTruncatedWrongMagicHugeAndDeepFilesAreErrors() throws {
        // A double with dimensions 10^6 × 10^6 and 8 bytes of data.
        try write(mat5(matrix(6, dims: [1_000_000, 1_000_000], name: "K", content: element(9, [UInt8](repeating: 0, count: 8)))), "huge.mat")
        XCTAssertEqual(loadError("huge.mat"), "K in huge.mat claims a 1000000×1000000 array, more than the limit of 100000000 entries")

        // Structs nested 150 deep: s.a.a.a… = 1.
        var inner = matrix(6, dims: [1, 1], name: "", content: element(9, Array(withUnsafeBytes(of: 1.0) { Array($0) })))
        for level in 0..<150 {
            inner = matrix(2, dims: [1, 1], name: level == 149 ? "s" : "", content: element(5, u32(32)) + element(1, Array("a".utf8) + [UInt8](repeating: 0, count: 31)) + inner)
        }
        try write(mat5(inner), "deep.mat")
        XCTAssertEqual(loadError("deep.mat"), "s in deep.mat nests structs and cells more than 100 deep")

        // A variable whose element claims more bytes than the file has.
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        XCTAssertNil(runScript("save(struct(K=eye(30)), \"ok.mat\", compress=false); save(eye(30), \"z.mat\", name=\"K\")", in: interp, buffer: buffer).error)
        let ok = try bytes("ok.mat")
        try write(Array(ok.prefix(ok.count - 100)), "cut.mat")
        XCTAssertEqual(loadError("cut.mat"), "cut.mat is truncated or damaged: an element at byte 128 claims \(ok.count - 136) bytes; \(ok.count - 236) remain")
        let z = try bytes("z.mat")
        try write(Array(z.prefix(z.count - 10)), "zcut.mat")
        XCTAssertEqual(loadError("zcut.mat"), "zcut.mat is truncated or damaged: an element at byte 128 claims \(z.count - 136) bytes; \(z.count - 146) remain")
        try write(Array("%% an Octave text file, not a MAT-file\n1 2 3\n".utf8), "text.mat")
        XCTAssertEqual(loadError("text.mat"), "text.mat is not a MATLAB .mat file (no MAT-file header of level 5 or 7.3, and not a level 4 file)")
        try write([], "empty.mat")
        XCTAssertEqual(loadError("empty.mat"), "empty.mat is not a MATLAB .mat file (no MAT-file header of level 5 or 7.3, and not a level 4 file)")

        // Level 4: a header claiming 10^6 × 10^6 doubles.
        let v4 = u32(0) + u32(1_000_000) + u32(1_000_000) + u32(0) + u32(2) + Array("M".utf8) + [0] + [UInt8](repeating: 0, count: 8)
        try write(v4, "huge4.mat")
        XCTAssertEqual(loadError("huge4.mat"), "M in huge4.mat claims a 1000000×1000000 matrix, more than the limit of 100000000 entries")
    }

    func testComplexFilesWithATruncatedImaginaryPartAreErrors() throws {
        // .npy: a complex128 header over the bytes of three of four entries.
        try write(npy("{'descr': '<c16', 'fortran_order': True, 'shape': (2, 2), }", data: [UInt8](repeating: 0, count: 48)), "short.npy")
        XCTAssertEqual(loadError("short.npy"), "short.npy is truncated: its header promises 64 bytes of data, the file holds 48")
        try write(npy("{'descr': '<c32', 'fortran_order': True, 'shape': (1,), }", data: [UInt8](repeating: 0, count: 32)), "long.npy")
        XCTAssertEqual(loadError("long.npy"), "long.npy holds complex numbers of type '<c32', which mamlsh does not read (complex128 and complex64)")

        // .mat: a complex 2×2 double whose imaginary part holds 2 of its 4 numbers, or is missing.
        let real = element(9, [UInt8](repeating: 0, count: 32))
        try write(mat5(matrix(6, dims: [2, 2], name: "Z", content: real + element(9, [UInt8](repeating: 0, count: 16)), complex: true)), "short.mat")
        XCTAssertEqual(loadError("short.mat"), "short.mat is truncated or damaged: Z's imaginary part holds 16 bytes; its 4 entries need 32")
        try write(mat5(matrix(6, dims: [2, 2], name: "Z", content: real, complex: true)), "none.mat")
        XCTAssertEqual(loadError("none.mat"), "none.mat is truncated or damaged: Z has no imaginary part")

        // The same, compressed: the whole variable is inflated to check it.
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        XCTAssertNil(runScript("save([1+2i 3; 4 5i], \"z.mat\", name=\"Z\", compress=false)", in: interp, buffer: buffer).error)
        let plain = try bytes("z.mat")
        // Keep the header and the real part; shorten the element (at 128) to end after the real part's 32 bytes.
        let variable = Array(plain[136...])
        let imaginaryTag = variable.count - 40
        var cut = Array(variable.prefix(imaginaryTag)) + u32(9) + u32(8) + [UInt8](repeating: 0, count: 8)
        cut = u32(14) + u32(UInt32(cut.count)) + cut
        var compressed = [UInt8](repeating: 0, count: cut.count + 64)
        var length = UInt(compressed.count)
        XCTAssertEqual(compress2(&compressed, &length, cut, UInt(cut.count), 6), Z_OK)
        try write(Array(plain.prefix(128)) + u32(15) + u32(UInt32(length)) + Array(compressed.prefix(Int(length))), "zcut.mat")
        XCTAssertEqual(loadError("zcut.mat"), "zcut.mat is truncated or damaged: Z's imaginary part holds 8 bytes; its 4 entries need 32")
    }

    func testV73FilesWithACycleOrAnUnreadableClassAreErrorsNotEmpties() throws {
        // HDF5 files behind a MATLAB 7.3 header, written by h5py: a struct group that links to itself,
        // and a dataset whose MATLAB_class attribute libmatio cannot read.
        _ = try ExternalTools.python("""
        import h5py, numpy as np
        def mk(name, build):
            with h5py.File(name, "w", userblock_size=512) as f:
                build(f)
            with open(name, "r+b") as f:
                f.write(b"MATLAB 7.3 MAT-file, hostile test".ljust(116, b" ") + bytes(8) + bytes([0, 2]) + b"IM")
        def cycle(f):
            g = f.create_group("s"); g.attrs["MATLAB_class"] = np.bytes_("struct"); g["a"] = g
        mk("cycle.mat", cycle)
        def unreadable(f):
            d = f.create_dataset("K", data=np.eye(2)); d.attrs["MATLAB_class"] = np.bytes_("double")
        mk("class.mat", unreadable)
        """, in: directory)
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        // The self-linked group is not followed for ever: libmatio's HDF5 error, placed at the file.
        let cycle = runScript("c = load(\"cycle.mat\")", in: interp, buffer: buffer).error
        XCTAssertTrue(cycle?.message.hasPrefix("cycle.mat: HDF5 error") ?? false, cycle?.message ?? "no error")
        XCTAssertEqual(cycle?.location, SourceLocation(line: 1, column: 10))
        let unreadable = runScript("k = load(\"class.mat\", \"K\")", in: interp, buffer: buffer).error
        XCTAssertEqual(unreadable?.message, "K in class.mat is a 2×2 array of a class libmatio cannot tell (its MATLAB_class attribute is missing or unreadable)")
    }

    func testSaveRefusesWhatAMatOrNpzFileCannotHold() throws {
        let (interp, buffer) = makeInterpreter(outputDirectory: directory.path)
        let cases: [(String, String, Int)] = [
            ("save(@(x) x, \"f.mat\", name=\"f\")", "f is a function, which a .mat file cannot hold (numbers, matrices, strings, lists, structs, tasks and runs)", 6),
            ("save(2 * [1 2], \"e.mat\")", "a .mat file names its variables: save a variable (save(K, \"e.mat\")), a struct of them, or give name=\"K\"", 6),
            ("save(struct(a=\"x\"), \"s.npz\")", "field a is a string; an .npz file holds numeric arrays (save other values as .json)", 6),
            ("save({1}, \"l.npy\")", "a .npy file holds one numeric array (x is a list); save a struct of arrays as .npz or .mat, other values as .json", 6),
            ("save([1 2], \"v.mat\", name=\"v\", format=\"v9\")", "format= of a .mat file is \"v5\" (the default, also \"v7\") or \"v7.3\" (it is \"v9\")", 32),
            ("save([1 2], \"v.npy\", compress=true)", "compress= is an option of .mat or .npz files (the file is \"v.npy\")", 22),
            ("y = load(\"x.json\", \"K\")", "load reads a variable by name from .mat and .npz files, and a column from a .csv file (the file is \"x.json\")", 20),
        ]
        XCTAssertNil(runScript("save(1, \"x.json\")", in: interp, buffer: buffer).error)
        for (source, message, column) in cases {
            let error = runScript(source, in: interp, buffer: buffer).error
            XCTAssertEqual(error?.message, message, source)
            XCTAssertEqual(error?.location, SourceLocation(line: 1, column: column), source)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(left, ["x.json"], "nothing written")
    }
}

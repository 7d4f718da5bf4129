import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport

/// Complex data in .mat (v5, v7.3), .npy and .npz, exchanged with the real
/// other side — scipy.io, h5py, NumPy and Octave, run in the test venv
/// (scripts/test installs them) — and compared value by value, bit for bit
/// where the format keeps every bit.
final class ComplexInteropFileTests: InteropTestCase {

    /// The rows of a complex value as [[re, im]] pairs.
    private func pairs(_ v: Value?) -> [[[Double]]]? {
        guard case .complex(let box)? = v else { return nil }
        return box.matrix.rowArrays.map { $0.map { [$0.re, $0.im] } }
    }

    /// z = [1+2i 3; -1.5i 2-0.5i] as [[re, im]] pairs, row by row.
    private let z: [[[Double]]] = [[[1, 2], [3, 0]], [[0, -1.5], [2, -0.5]]]

    /// The Python expression printing a complex array as [[re, im]] pairs, row by row.
    private let pyPairs = "lambda a: [[[float(x.real), float(x.imag)] for x in row] for row in np.atleast_2d(a)]"

    // MARK: .mat

    func testComplexMatV5WrittenByMamlshReadsInScipyAndBack() throws {
        let (interp, buffer) = interpreter()
        run("""
        z = [1+2i 3; -1.5i 2-0.5i]; save(z, "z.mat"); save(z, "zplain.mat", compress=false);
        save(struct(z=z, w=1i, K=[1 2]), "s.mat");
        back = load("z.mat", "z"); plain = load("zplain.mat", "z"); s = load("s.mat");
        """, interp, buffer)
        let out = try pythonJSON("""
        import json, scipy.io, numpy as np
        p = \(pyPairs)
        z = scipy.io.loadmat("z.mat")["z"]; zp = scipy.io.loadmat("zplain.mat")["z"]; s = scipy.io.loadmat("s.mat")
        print(json.dumps({"z": p(z), "zp": p(zp), "dtype": str(z.dtype), "w": p(s["w"]), "K": s["K"].tolist(), "Kdtype": str(s["K"].dtype)}))
        """)
        XCTAssertEqual(out["z"] as? [[[Double]]], z)
        XCTAssertEqual(out["zp"] as? [[[Double]]], z)
        XCTAssertEqual(out["dtype"] as? String, "complex128")
        XCTAssertEqual(out["w"] as? [[[Double]]], [[[0, 1]]])
        XCTAssertEqual(out["K"] as? [[Double]], [[1, 2]])
        XCTAssertEqual(out["Kdtype"] as? String, "float64", "real stays real")
        XCTAssertEqual(pairs(interp.value(of: "back")), z)
        XCTAssertEqual(pairs(interp.value(of: "plain")), z)
        guard case .structure(let s)? = interp.value(of: "s") else { return XCTFail("a struct of the file's variables") }
        XCTAssertEqual(pairs(s["w"]), [[[0, 1]]])
        XCTAssertEqual(pairs(s["z"]), z)
    }

    func testComplexMatFromScipyLoadsIncludingSingleSparseAndZeroImaginary() throws {
        _ = try ExternalTools.python("""
        import numpy as np, scipy.io, scipy.sparse
        z = np.array([[1 + 2j, 3], [-1.5j, 2 - 0.5j]])
        scipy.io.savemat("py.mat", {"z": z, "z64": z.astype(np.complex64), "zr": np.array([[1 + 0j, 2 + 0j]]),
                                    "sp": scipy.sparse.csc_matrix(np.array([[0, 2j], [1.5 - 1j, 0]])),
                                    "c": np.array([[np.nan + 1j, -np.inf - 0j]])}, do_compression=True)
        scipy.io.savemat("py-plain.mat", {"z": z}, do_compression=False)
        scipy.io.savemat("py4.mat", {"z": z}, format="4")
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("p = load(\"py.mat\"); plain = load(\"py-plain.mat\", \"z\"); v4 = load(\"py4.mat\", \"z\");", interp, buffer)
        guard case .structure(let p)? = interp.value(of: "p") else { return XCTFail("a struct of the file's variables") }
        XCTAssertEqual(pairs(p["z"]), z)
        XCTAssertEqual(pairs(p["z64"]), z, "complex64 parts are exact here")
        XCTAssertEqual(pairs(p["sp"]), [[[0, 0], [0, 2]], [[1.5, -1], [0, 0]]], "a complex sparse matrix made dense")
        XCTAssertEqual(p["zr"]?.asMatrix?.rowArrays, [[1, 2]], "zero imaginary parts load real, as Octave's load makes them")
        guard case .complex(let c)? = p["c"] else { return XCTFail("NaN and Inf parts") }
        XCTAssertTrue(c.matrix.entries[0].re.isNaN)
        XCTAssertEqual(c.matrix.entries[0].im, 1)
        XCTAssertEqual(c.matrix.entries[1].re, -.infinity)
        XCTAssertEqual(pairs(interp.value(of: "plain")), z)
        XCTAssertEqual(pairs(interp.value(of: "v4")), z, "level 4 keeps complex matrices too")
    }

    func testComplexMatV73WrittenByMamlshReadsInH5pyAndBack() throws {
        let (interp, buffer) = interpreter()
        run("z = [1+2i 3; -1.5i 2-0.5i]; save(struct(z=z, K=[1 2]), \"z73.mat\", format=\"v7.3\"); back = load(\"z73.mat\");", interp, buffer)
        let out = try pythonJSON("""
        import json, h5py, numpy as np
        f = h5py.File("z73.mat", "r"); d = f["z"][()]
        print(json.dumps({"fields": list(d.dtype.names), "re": d["real"].T.tolist(), "im": d["imag"].T.tolist(),
                          "class": f["z"].attrs["MATLAB_class"].decode()}))
        """)
        XCTAssertEqual(out["fields"] as? [String], ["real", "imag"], "MATLAB's compound type of a complex v7.3 array")
        XCTAssertEqual(out["re"] as? [[Double]], [[1, 3], [0, 2]])
        XCTAssertEqual(out["im"] as? [[Double]], [[2, 0], [-1.5, -0.5]])
        XCTAssertEqual(out["class"] as? String, "double")
        guard case .structure(let back)? = interp.value(of: "back") else { return XCTFail() }
        XCTAssertEqual(pairs(back["z"]), z)
        XCTAssertEqual(back["K"]?.asMatrix?.rowArrays, [[1, 2]])
    }

    func testOctaveAndMamlshExchangeComplexMatFiles() throws {
        let octave = try ExternalTools.program("octave-cli", package: "octave")
        let (interp, buffer) = interpreter()
        run("save([1+2i 3; -1.5i 2-0.5i], \"m.mat\", name=\"z\");", interp, buffer)
        let (status, output) = try ExternalTools.run(octave, ["--no-gui", "--quiet", "--eval", """
            cd('\(directory.path)'); s = load('m.mat'); printf('%d:', iscomplex(s.z)); printf('%g,%g;', [real(s.z(:)) imag(s.z(:))]');
            w = [0.5-1i; 2i]; save('-v7', 'o.mat', 'w');
            """])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "1:1,2;-0,-1.5;3,0;2,-0.5;", "-1.5i is -0 - 1.5i, sign kept")
        run("w = load(\"o.mat\", \"w\");", interp, buffer)
        XCTAssertEqual(pairs(interp.value(of: "w")), [[[0.5, -1]], [[0, 2]]])
    }

    // MARK: .npy and .npz

    func testComplexNpyFromNumpyInEveryLayoutLoadsBitForBit() throws {
        _ = try ExternalTools.python("""
        import numpy as np
        a = np.array([[1 + 2j, -0.0 + 1e-300j, 3], [np.nan - 1j, np.inf + 0.1j, -1.5j]])
        np.save("c.npy", a); np.save("f.npy", np.asfortranarray(a)); np.save("big.npy", a.astype(">c16"))
        np.save("c64.npy", a.astype(np.complex64)); np.save("big64.npy", a.astype(">c8")); np.save("v.npy", np.array([1j, 2]))
        np.save("zr.npy", np.array([[1 + 0j]])); np.save("s.npy", np.complex128(0.5 - 2j))
        np.savez("z.npz", a=a, k=np.eye(2))
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("""
        c = load("c.npy"); f = load("f.npy"); big = load("big.npy"); c64 = load("c64.npy"); big64 = load("big64.npy");
        v = load("v.npy"); zr = load("zr.npy"); s = load("s.npy"); npz = load("z.npz");
        """, interp, buffer)
        // Python's -0.0 + 1e-300j is 0 + 1e-300i; its -1.5j is -0 - 1.5i.
        let expected: [Complex] = [Complex(1, 2), Complex(.nan, -1), Complex(0, 1e-300), Complex(.infinity, 0.1), Complex(3, 0), Complex(-0.0, -1.5)]
        func bits(_ e: [Complex]) -> [UInt64] { e.flatMap { [$0.re.bitPattern, $0.im.bitPattern] } }
        for name in ["c", "f", "big"] {
            guard case .complex(let m)? = interp.value(of: name) else { return XCTFail("\(name) is complex") }
            XCTAssertEqual([m.rows, m.cols], [2, 3], name)
            XCTAssertEqual(bits(m.matrix.entries), bits(expected), "\(name): bit for bit, column-major")
        }
        for name in ["c64", "big64"] {
            guard case .complex(let m)? = interp.value(of: name) else { return XCTFail("\(name) is complex") }
            let single = expected.map { Complex(Double(Float($0.re)), Double(Float($0.im))) }
            XCTAssertEqual(bits(m.matrix.entries), bits(single), "\(name): complex64 parts widened")
        }
        XCTAssertEqual(pairs(interp.value(of: "v")), [[[0, 1]], [[2, 0]]], "a 1-d array is a column")
        XCTAssertEqual(interp.value(of: "zr")?.asScalar, 1, "zero imaginary parts load real")
        XCTAssertEqual(pairs(interp.value(of: "s")), [[[0.5, -2]]])
        guard case .structure(let npz)? = interp.value(of: "npz"), case .complex(let a)? = npz["a"] else { return XCTFail("an .npz member is complex") }
        XCTAssertEqual(bits(a.matrix.entries), bits(expected))
        XCTAssertEqual(npz["k"]?.asMatrix?.rowArrays, [[1, 0], [0, 1]])
    }

    func testComplexNpyAndNpzWrittenByMamlshLoadInNumpy() throws {
        let (interp, buffer) = interpreter()
        run("""
        z = [1+2i 3; -1.5i 2-0.5i]; save(z, "z.npy"); save(struct(z=z, K=[1 2]), "d.npz", compress=true); save(1i, "i.npz", name="i");
        back = load("z.npy"); d = load("d.npz");
        """, interp, buffer)
        let out = try pythonJSON("""
        import json, numpy as np
        p = \(pyPairs)
        z = np.load("z.npy"); d = np.load("d.npz"); i = np.load("i.npz")
        print(json.dumps({"z": p(z), "dtype": str(z.dtype), "shape": list(z.shape), "dz": p(d["z"]), "K": d["K"].tolist(),
                          "i": p(i["i"]), "fortran": bool(z.flags.f_contiguous)}))
        """)
        XCTAssertEqual(out["z"] as? [[[Double]]], z)
        XCTAssertEqual(out["dtype"] as? String, "complex128")
        XCTAssertEqual(out["shape"] as? [Int], [2, 2])
        XCTAssertEqual(out["fortran"] as? Bool, true)
        XCTAssertEqual(out["dz"] as? [[[Double]]], z)
        XCTAssertEqual(out["K"] as? [[Double]], [[1, 2]])
        XCTAssertEqual(out["i"] as? [[[Double]]], [[[0, 1]]])
        XCTAssertEqual(pairs(interp.value(of: "back")), z)
        guard case .structure(let d)? = interp.value(of: "d") else { return XCTFail() }
        XCTAssertEqual(pairs(d["z"]), z)
    }
}

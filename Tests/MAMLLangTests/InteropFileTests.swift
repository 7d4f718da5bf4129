import Foundation
import XCTest
@testable import MAMLLang
import MAMLCore
import TestSupport

/// Files exchanged with MATLAB's and Python's own readers and writers:
/// scipy.io (MAT v5), h5py (MAT v7.3), NumPy (.npy, .npz) and pandas (CSV),
/// run for real in the test venv (scripts/test installs them). Each test
/// writes with one side and reads with the other, and compares values.
final class InteropFileTests: InteropTestCase {
    private func rows(_ v: Value?) -> [[Double]]? { v?.asMatrix?.rowArrays }

    // MARK: MATLAB .mat

    func testMatV5WrittenByMamlshReadsBackInScipy() throws {
        let (interp, buffer) = interpreter()
        run("""
        K = [1 2.5; -3 0.1]; save(K, "k.mat"); save(K, "k-plain.mat", compress=false);
        s = struct(A=[1 2 3; 4 5 6], x=0.1, name="Boeing 747", ok=[true false true], items={1, "two", [3; 4]}, inner=struct(q=-0));
        save(s, "s.mat");
        save(2 * K, "expr.mat", name="K2");
        """, interp, buffer)
        let out = try pythonJSON("""
        import json, scipy.io, numpy as np
        k = scipy.io.loadmat("k.mat"); kp = scipy.io.loadmat("k-plain.mat"); s = scipy.io.loadmat("s.mat", squeeze_me=False)
        e = scipy.io.loadmat("expr.mat")
        inner = s["inner"][0, 0]
        print(json.dumps({
          "K": k["K"].tolist(), "Kplain": kp["K"].tolist(), "vars": sorted(x for x in s if not x.startswith("__")),
          "A": s["A"].tolist(), "x": s["x"].tolist(), "name": str(s["name"][0]), "ok": s["ok"].tolist(), "okdtype": str(s["ok"].dtype),
          "items0": s["items"][0, 0].tolist(), "items1": str(s["items"][0, 1][0]), "items2": s["items"][0, 2].tolist(),
          "q_signbit": bool(np.signbit(inner["q"][0, 0])), "K2": e["K2"].tolist(),
          "compressed": open("k.mat", "rb").read()[128:132] == bytes([15, 0, 0, 0])}))
        """)
        XCTAssertEqual(out["K"] as? [[Double]], [[1, 2.5], [-3, 0.1]])
        XCTAssertEqual(out["Kplain"] as? [[Double]], [[1, 2.5], [-3, 0.1]])
        XCTAssertEqual(out["vars"] as? [String], ["A", "inner", "items", "name", "ok", "x"])
        XCTAssertEqual(out["A"] as? [[Double]], [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(out["x"] as? [[Double]], [[0.1]])
        XCTAssertEqual(out["name"] as? String, "Boeing 747")
        XCTAssertEqual(out["ok"] as? [[Int]], [[1, 0, 1]])
        XCTAssertEqual(out["okdtype"] as? String, "uint8", "scipy reads MATLAB logicals as uint8")
        XCTAssertEqual(out["items0"] as? [[Double]], [[1]])
        XCTAssertEqual(out["items1"] as? String, "two")
        XCTAssertEqual(out["items2"] as? [[Double]], [[3], [4]])
        XCTAssertEqual(out["q_signbit"] as? Bool, true, "-0 keeps its sign")
        XCTAssertEqual(out["K2"] as? [[Double]], [[2, 5], [-6, 0.2]])
        XCTAssertEqual(out["compressed"] as? Bool, true, "v5 is compressed by default (miCOMPRESSED = 15)")
    }

    func testMatWrittenByScipyLoadsInMamlshWithEveryType() throws {
        _ = try ExternalTools.python("""
        import numpy as np, scipy.io, scipy.sparse
        from scipy.io.matlab import MatlabObject
        cell = np.empty((2, 2), dtype=object); cell[0, 0] = 1.0; cell[0, 1] = "b"; cell[1, 0] = np.eye(2); cell[1, 1] = np.zeros((0, 3))
        arr = np.zeros((2,), dtype=[("a", object), ("b", object)]); arr[0] = (1.0, "x"); arr[1] = (2.0, "y")
        scipy.io.savemat("py.mat", {
            "A": np.arange(6.0).reshape(2, 3), "i32": np.array([[7, -8]], dtype=np.int32), "u8": np.uint8(200),
            "f32": np.array([[0.5, 1.25]], dtype=np.float32), "i64": np.array([[2**40]], dtype=np.int64),
            "L": np.array([[True, False]]), "s": "text", "cm": np.array(["ab", "cd"]),
            "c": cell, "st": {"x": 1.0, "y": np.eye(2), "z": {"deep": "yes"}}, "sa": arr,
            "sp": scipy.sparse.csc_matrix(np.array([[0, 2.0, 0], [1.5, 0, 0]])), "e": np.zeros((0, 3)),
        }, do_compression=True)
        rec = np.zeros((1, 1), dtype=[("a", object)]); rec[0, 0]["a"] = np.array([[1.0]])
        scipy.io.savemat("bad.mat", {"K": np.eye(2), "Z": np.array([[1 + 2j]]), "T": np.zeros((2, 3, 4)),
                                     "O": MatlabObject(rec, classname="table")})
        scipy.io.savemat("v4.mat", {"M": np.array([[1.0, 2.0], [3.0, 4.0]]), "t": np.array([[0.25]])}, format="4")
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("p = load(\"py.mat\"); A = p.A; v4 = load(\"v4.mat\"); K = load(\"bad.mat\", \"K\");", interp, buffer)
        guard case .structure(let p)? = interp.value(of: "p") else { return XCTFail("a struct of the file's variables") }
        XCTAssertEqual(Set(p.names), ["A", "i32", "u8", "f32", "i64", "L", "s", "cm", "c", "st", "sa", "sp", "e"])
        XCTAssertEqual(rows(p["A"]), [[0, 1, 2], [3, 4, 5]])
        XCTAssertEqual(rows(p["i32"]), [[7, -8]], "integers read as numbers")
        XCTAssertEqual(p["u8"]?.asScalar, 200)
        XCTAssertEqual(rows(p["f32"]), [[0.5, 1.25]])
        XCTAssertEqual(p["i64"]?.asScalar, 1_099_511_627_776)
        guard case .logical(let l)? = p["L"] else { return XCTFail("a logical array") }
        XCTAssertEqual(l.matrix.rowArrays, [[1, 0]])
        guard case .string("text")? = p["s"] else { return XCTFail("a char row is a string") }
        guard case .list(let cm)? = p["cm"] else { return XCTFail("a char matrix is a list of its rows") }
        XCTAssertEqual(cm.items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }, ["ab", "cd"])
        // A 2×2 cell: a list of rows.
        guard case .list(let c)? = p["c"], c.items.count == 2, case .list(let row1) = c.items[0], case .list(let row2) = c.items[1] else {
            return XCTFail("a 2-D cell is a list of rows")
        }
        XCTAssertEqual(row1.items.first?.asScalar, 1)
        guard case .string("b") = row1.items[1] else { return XCTFail() }
        XCTAssertEqual(rows(row2.items[0]), [[1, 0], [0, 1]])
        XCTAssertEqual(row2.items[1].asShape.map { [$0.rows, $0.cols] }, [0, 3], "an empty keeps its shape")
        guard case .structure(let st)? = p["st"], case .structure(let z)? = st["z"], case .string("yes")? = z["deep"] else {
            return XCTFail("structs nest")
        }
        XCTAssertEqual(rows(st["y"]), [[1, 0], [0, 1]])
        guard case .list(let sa)? = p["sa"], sa.items.count == 2, case .structure(let s2) = sa.items[1] else {
            return XCTFail("a struct array is a list of structs")
        }
        XCTAssertEqual(s2["a"]?.asScalar, 2)
        XCTAssertEqual(rows(p["sp"]), [[0, 2, 0], [1.5, 0, 0]], "sparse made dense")
        XCTAssertEqual(p["e"]?.asShape.map { [$0.rows, $0.cols] }, [0, 3])
        guard case .structure(let v4)? = interp.value(of: "v4") else { return XCTFail("a level 4 file reads") }
        XCTAssertEqual(rows(v4["M"]), [[1, 2], [3, 4]])
        XCTAssertEqual(v4["t"]?.asScalar, 0.25)
        XCTAssertEqual(rows(interp.value(of: "K")), [[1, 0], [0, 1]], "load(f, \"K\") reads one variable past the ones mamlsh cannot")

        // What mamlsh cannot hold: an error naming the variable.
        let whole = runScript("b = load(\"bad.mat\")", in: interp, buffer: buffer).error
        XCTAssertNotNil(whole)
        XCTAssertEqual(whole?.location, SourceLocation(line: 1, column: 10))
        XCTAssertNil(runScript("z = load(\"bad.mat\", \"Z\")", in: interp, buffer: buffer).error, "complex data loads")
        guard case .complex(let z)? = interp.value(of: "z") else { return XCTFail("Z is complex") }
        XCTAssertEqual(z.matrix.entries, [Complex(1, 2)])
        let cube = runScript("t = load(\"bad.mat\", \"T\")", in: interp, buffer: buffer).error
        XCTAssertEqual(cube?.message, "T in bad.mat is a 2×3×4 array; mamlsh has matrices of two dimensions")
        let object = runScript("o = load(\"bad.mat\", \"O\")", in: interp, buffer: buffer).error
        XCTAssertTrue(object?.message.hasPrefix("O in bad.mat is a MATLAB object") ?? false, object?.message ?? "no error")
        let missing = runScript("o = load(\"bad.mat\", \"W\")", in: interp, buffer: buffer).error
        XCTAssertEqual(missing?.message, "bad.mat has no variable \"W\"; it holds \"K\", \"Z\", \"T\", \"O\"")
        XCTAssertEqual(missing?.location, SourceLocation(line: 1, column: 21))
    }

    func testMatV73WrittenByMamlshReadsInH5pyAndBack() throws {
        let (interp, buffer) = interpreter()
        run("""
        s = struct(K=[1 2; 3 4], x=0.5, name="hdf", ok=[true false]);
        save(s, "s73.mat", format="v7.3");
        back = load("s73.mat");
        """, interp, buffer)
        let out = try pythonJSON("""
        import json, h5py
        f = h5py.File("s73.mat", "r")
        header = open("s73.mat", "rb").read(128)
        print(json.dumps({"K": f["K"][()].T.tolist(), "x": float(f["x"][()][0, 0]),
                          "name": "".join(chr(c) for c in f["name"][()].flatten()),
                          "class": f["K"].attrs["MATLAB_class"].decode(), "header": header[:10].decode()}))
        """)
        XCTAssertEqual(out["K"] as? [[Double]], [[1, 2], [3, 4]], "HDF5 stores MATLAB's column-major order, transposed for h5py")
        XCTAssertEqual(out["x"] as? Double, 0.5)
        XCTAssertEqual(out["name"] as? String, "hdf")
        XCTAssertEqual(out["class"] as? String, "double")
        XCTAssertEqual(out["header"] as? String, "MATLAB 7.3")
        guard case .structure(let back)? = interp.value(of: "back") else { return XCTFail() }
        XCTAssertEqual(rows(back["K"]), [[1, 2], [3, 4]])
        guard case .string("hdf")? = back["name"], case .logical? = back["ok"] else { return XCTFail("strings and logicals come back") }
        let v4 = runScript("save(1, \"x.mat\", name=\"x\", format=\"v4\")", in: interp, buffer: buffer).error
        XCTAssertEqual(v4?.message, "mamlsh reads level 4 .mat files but writes \"v5\" (the default) or \"v7.3\"")
        XCTAssertEqual(v4?.location, SourceLocation(line: 1, column: 28), "at format=")
    }

    func testMatFilesOctaveWroteLoad() throws {
        let octave = try ExternalTools.program("octave-cli", package: "octave")
        let (status, _) = try ExternalTools.run(octave, ["--no-gui", "--quiet", "--eval", """
            cd('\(directory.path)'); K = [1 2.5; -3 0.1]; s.name = 'oct'; s.v = int16([4 -5]); c = {1, 'a'};
            save('-v7', 'o7.mat', 'K', 's', 'c'); save('-v6', 'o6.mat', 'K', 's', 'c'); save('-v4', 'o4.mat', 'K');
            """])
        XCTAssertEqual(status, 0)
        let (interp, buffer) = interpreter()
        run("a = load(\"o7.mat\"); b = load(\"o6.mat\"); k4 = load(\"o4.mat\", \"K\");", interp, buffer)
        for name in ["a", "b"] {
            guard case .structure(let f)? = interp.value(of: name), case .structure(let s)? = f["s"], case .list(let c)? = f["c"] else {
                return XCTFail("\(name): a struct of K, s, c")
            }
            XCTAssertEqual(rows(f["K"]), [[1, 2.5], [-3, 0.1]], name)
            guard case .string("oct")? = s["name"] else { return XCTFail(name) }
            XCTAssertEqual(rows(s["v"]), [[4, -5]], name)
            XCTAssertEqual(c.items.count, 2, name)
        }
        XCTAssertEqual(rows(interp.value(of: "k4")), [[1, 2.5], [-3, 0.1]])
    }

    func testOctaveLoadsAMatFileMamlshWrote() throws {
        let octave = try ExternalTools.program("octave-cli", package: "octave")
        let (interp, buffer) = interpreter()
        run("save(struct(K=[1 2; 3 4], label=\"gain\", c={1, \"a\"}), \"o.mat\");", interp, buffer)
        let (status, output) = try ExternalTools.run(octave, ["--no-gui", "--quiet", "--eval",
            "s = load('\(directory.appendingPathComponent("o.mat").path)'); printf('%g,', s.K); printf('%s,%s,%g', s.label, s.c{2}, s.c{1});"])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "1,3,2,4,gain,a,1")
    }

    // MARK: NumPy .npy and .npz

    func testNpyFromNumpyInEveryLayoutLoadsBitForBit() throws {
        _ = try ExternalTools.python("""
        import numpy as np
        a = np.array([[0.1, -0.0, 1e-300], [np.nan, np.inf, -2.5]])
        np.save("c.npy", a); np.save("f.npy", np.asfortranarray(a)); np.save("big.npy", a.astype(">f8"))
        np.save("f32.npy", a.astype(np.float32)); np.save("i.npy", np.array([[1, -2], [3, 2**40]], dtype=np.int64))
        np.save("u16.npy", np.array([[65535]], dtype=np.uint16)); np.save("b.npy", np.array([[True, False]]))
        np.save("v.npy", np.arange(3.0)); np.save("s.npy", np.float64(4.5)); np.save("e.npy", np.zeros((0, 4)))
        np.save("obj.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
        np.save("z.npy", np.array([1 + 1j])); np.save("cube.npy", np.zeros((2, 3, 4)))
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("""
        c = load("c.npy"); f = load("f.npy"); big = load("big.npy"); f32 = load("f32.npy"); i = load("i.npy");
        u16 = load("u16.npy"); b = load("b.npy"); v = load("v.npy"); s = load("s.npy"); e = load("e.npy");
        """, interp, buffer)
        let expected = Matrix(rows: 2, cols: 3, storage: [0.1, .nan, -0.0, .infinity, 1e-300, -2.5])
        for name in ["c", "f", "big"] {
            let m = try XCTUnwrap(interp.value(of: name)?.asMatrix, name)
            XCTAssertEqual(m.storage.map(\.bitPattern), expected.storage.map(\.bitPattern), "\(name): bit for bit")
        }
        XCTAssertEqual(interp.value(of: "f32")?.asMatrix?.storage.map { $0 }[0], Double(Float(0.1)))
        XCTAssertEqual(rows(interp.value(of: "i")), [[1, -2], [3, 1_099_511_627_776]])
        XCTAssertEqual(interp.value(of: "u16")?.asScalar, 65535)
        guard case .logical(let b)? = interp.value(of: "b") else { return XCTFail("bool is logical") }
        XCTAssertEqual(b.matrix.rowArrays, [[1, 0]])
        XCTAssertEqual(rows(interp.value(of: "v")), [[0], [1], [2]], "a 1-d array is a column")
        XCTAssertEqual(interp.value(of: "s")?.asScalar, 4.5)
        XCTAssertEqual(interp.value(of: "e")?.asShape.map { [$0.rows, $0.cols] }, [0, 4])
        let pickle = runScript("o = load(\"obj.npy\")", in: interp, buffer: buffer).error
        XCTAssertEqual(pickle?.message, "obj.npy is an object array, which NumPy stores as a pickle; mamlsh never unpickles (save numbers from NumPy: x.astype(float))")
        XCTAssertEqual(pickle?.location, SourceLocation(line: 1, column: 10))
        XCTAssertNil(runScript("z = load(\"z.npy\")", in: interp, buffer: buffer).error, "complex128 loads")
        guard case .complex(let z)? = interp.value(of: "z") else { return XCTFail("z.npy is complex") }
        XCTAssertEqual(z.matrix.entries, [Complex(1, 1)])
        XCTAssertEqual(runScript("z = load(\"cube.npy\")", in: interp, buffer: buffer).error?.message,
                       "cube.npy is a 2×3×4 array; mamlsh has matrices of two dimensions")
    }

    func testNpyAndNpzWrittenByMamlshLoadInNumpy() throws {
        let (interp, buffer) = interpreter()
        run("""
        M = [0.1 -0; 1e-300 NaN; Inf 3]; save(M, "m.npy"); save(M > 1, "l.npy");
        d = struct(A=M, v=[1 2 3], flag=true); save(d, "d.npz"); save(d, "dz.npz", compress=true);
        save(M, "one.npz"); save(M, "greek.npz", name="κ");
        back = load("dz.npz");
        """, interp, buffer)
        let out = try pythonJSON("""
        import json, numpy as np, zipfile
        m = np.load("m.npy"); l = np.load("l.npy"); d = np.load("d.npz"); dz = np.load("dz.npz"); one = np.load("one.npz")
        print(json.dumps({"bits": [int(x) for x in m.T.flatten().view(np.uint64)], "shape": list(m.shape), "dtype": str(m.dtype),
                          "l": l.tolist(), "ldtype": str(l.dtype), "keys": list(d.keys()), "zkeys": list(dz.keys()),
                          "same": bool(np.array_equal(d["A"], dz["A"], equal_nan=True)), "v": dz["v"].tolist(), "flag": dz["flag"].tolist(),
                          "one": list(one.keys()), "greek": list(np.load("greek.npz").keys()),
                          "methods": [i.compress_type for i in zipfile.ZipFile("dz.npz").infolist()] + [i.compress_type for i in zipfile.ZipFile("d.npz").infolist()]}))
        """)
        let M = try XCTUnwrap(interp.value(of: "M")?.asMatrix)
        XCTAssertEqual(out["bits"] as? [UInt64], M.storage.map(\.bitPattern), "bit for bit, -0 and NaN included")
        XCTAssertEqual(out["shape"] as? [Int], [3, 2])
        XCTAssertEqual(out["dtype"] as? String, "float64")
        XCTAssertEqual(out["l"] as? [[Bool]], [[false, false], [false, false], [true, true]])
        XCTAssertEqual(out["ldtype"] as? String, "bool")
        XCTAssertEqual(out["keys"] as? [String], ["A", "v", "flag"])
        XCTAssertEqual(out["zkeys"] as? [String], ["A", "v", "flag"])
        XCTAssertEqual(out["same"] as? Bool, true)
        XCTAssertEqual(out["v"] as? [[Double]], [[1, 2, 3]])
        XCTAssertEqual(out["flag"] as? [[Bool]], [[true]])
        XCTAssertEqual(out["one"] as? [String], ["M"], "one value is named after the variable saved")
        XCTAssertEqual(out["greek"] as? [String], ["κ"], "a UTF-8 name is marked as such")
        XCTAssertEqual(out["methods"] as? [Int], [8, 8, 8, 0, 0, 0], "compress=true deflates; the default stores")
        guard case .structure(let back)? = interp.value(of: "back") else { return XCTFail() }
        XCTAssertEqual(back.names, ["A", "v", "flag"])
        XCTAssertEqual(back["A"]?.asMatrix?.storage.map(\.bitPattern), M.storage.map(\.bitPattern))
    }

    func testNpzFromNumpyCompressedOrNotLoadsAsAStruct() throws {
        _ = try ExternalTools.python("""
        import numpy as np
        np.savez("p.npz", np.eye(2), K=np.array([[1.5, 2.5]]), w=np.arange(3, dtype=np.int32))
        np.savez_compressed("pc.npz", K=np.array([[1.5, 2.5]]), big=np.arange(10000.0).reshape(100, 100))
        np.savez("obj.npz", K=np.eye(2), o=np.array([None, 1], dtype=object))
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("p = load(\"p.npz\"); pc = load(\"pc.npz\"); K = load(\"obj.npz\", \"K\");", interp, buffer)
        guard case .structure(let p)? = interp.value(of: "p"), case .structure(let pc)? = interp.value(of: "pc") else { return XCTFail() }
        XCTAssertEqual(p.names, ["K", "w", "arr_0"], "in the archive's order (NumPy puts positional arrays last)")
        XCTAssertEqual(rows(p["arr_0"]), [[1, 0], [0, 1]])
        XCTAssertEqual(rows(p["w"]), [[0], [1], [2]])
        XCTAssertEqual(rows(pc["K"]), [[1.5, 2.5]])
        let big = try XCTUnwrap(pc["big"]?.asMatrix)
        XCTAssertEqual([big.rows, big.cols], [100, 100])
        XCTAssertEqual(big[3, 7], 307, "C order read into column-major storage")
        XCTAssertEqual(rows(interp.value(of: "K")), [[1, 0], [0, 1]])
        let pickle = runScript("o = load(\"obj.npz\")", in: interp, buffer: buffer).error
        XCTAssertEqual(pickle?.message, "o in obj.npz is an object array, which NumPy stores as a pickle; mamlsh never unpickles (save numbers from NumPy: x.astype(float))")
    }

    // MARK: pandas CSV

    func testPandasCSVWithNaNAndAnIndexLoadsAsColumns() throws {
        _ = try ExternalTools.python("""
        import numpy as np, pandas as pd
        pd.DataFrame({"eta": [0.1, np.nan, 0.3], "F(W)": [1.0, 2.0, np.nan]}).to_csv("default.csv")
        pd.DataFrame({"eta": [0.1, np.nan], "F": [1.0, 2.0]}).to_csv("na.csv", index=False, na_rep="NA")
        """, in: directory)
        let (interp, buffer) = interpreter()
        run("d = load(\"default.csv\"); n = load(\"na.csv\"); eta = load(\"default.csv\", \"eta\"); M = load(\"na.csv\", matrix=true);", interp, buffer)
        guard case .structure(let d)? = interp.value(of: "d"), case .structure(let n)? = interp.value(of: "n") else { return XCTFail() }
        XCTAssertEqual(d.names, ["Var1", "eta", "F_W_"], "pandas' unnamed index column is Var1; names made identifiers")
        XCTAssertEqual(d["Var1"]?.asMatrix?.storage.map { $0 }, [0, 1, 2])
        let eta = try XCTUnwrap(d["eta"]?.asMatrix)
        XCTAssertEqual(eta.storage[0], 0.1)
        XCTAssertTrue(eta.storage[1].isNaN, "an empty field is NaN")
        XCTAssertTrue(d["F_W_"]?.asMatrix?.storage[2].isNaN ?? false)
        XCTAssertTrue(n["eta"]?.asMatrix?.storage[1].isNaN ?? false, "NA is NaN")
        XCTAssertEqual(interp.value(of: "eta")?.asMatrix?.storage.count, 3)
        XCTAssertEqual(interp.value(of: "M")?.asShape.map { [$0.rows, $0.cols] }, [2, 2])
        let column = runScript("x = load(\"na.csv\", \"beta\")", in: interp, buffer: buffer).error
        XCTAssertEqual(column?.message, "na.csv has no column \"beta\"; its columns are \"eta\", \"F\"")
        XCTAssertEqual(column?.location, SourceLocation(line: 1, column: 20))
    }

    func testCSVWithAHeaderWrittenByMamlshReadsInPandas() throws {
        let (interp, buffer) = interpreter()
        run("save([0.1 1; NaN 2; 0.3 -0], \"h.csv\", header={\"eta\", \"F, total\"});", interp, buffer)
        let out = try pythonJSON("""
        import json, pandas as pd
        f = pd.read_csv("h.csv")
        print(json.dumps({"columns": list(f.columns), "eta": [None if x != x else x for x in f["eta"]], "F": list(f["F, total"])}))
        """)
        XCTAssertEqual(out["columns"] as? [String], ["eta", "F, total"])
        XCTAssertEqual((out["eta"] as? [Any])?.count, 3)
        XCTAssertEqual((out["eta"] as? [Any])?.first as? Double, 0.1)
        XCTAssertTrue((out["eta"] as? [Any])?[1] is NSNull, "NaN reads as NaN in pandas")
        XCTAssertEqual(out["F"] as? [Double], [1, 2, 0])
        let wrong = runScript("save([1 2], \"w.csv\", header={\"a\"})", in: interp, buffer: buffer).error
        XCTAssertEqual(wrong?.message, "header= has 1 name for the 2 columns of x")
        XCTAssertEqual(wrong?.location, SourceLocation(line: 1, column: 22), "at header=")
        let option = runScript("save([1 2], \"w.npy\", header={\"a\", \"b\"})", in: interp, buffer: buffer).error
        XCTAssertEqual(option?.message, "header= is an option of .csv files (the file is \"w.npy\")")
    }
}

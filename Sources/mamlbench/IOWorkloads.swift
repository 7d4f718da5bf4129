import Foundation
import MAMLFigures
import MAMLLang

/// Data files (group `io`): a 1000×1000 matrix of normal deviates saved and
/// loaded as CSV, JSON, MAT v5 (compressed, the default, and not) and .npy
/// by `save`/`load`, against pandas (`read_csv`/`to_csv`), NumPy
/// (`loadtxt`/`savetxt`, `load`/`save`), scipy.io (`loadmat`/`savemat`)
/// and Python's `json` on the same files (`scripts/bench/io_reference.py`).
func runIOWorkloads(withReference: Bool) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mamlbench-io-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let interpreter = Interpreter(options: InterpreterOptions(outputDirectory: folder.path, output: .discard, warnings: .discard),
                                  builtins: .withFigures)
    try interpreter.execute(source: "seed(1); M = randn(1000, 1000); save(M, \"m.csv\"); save(M, \"m.json\"); save(M, \"m.mat\"); save(M, \"mu.mat\", compress=false); save(M, \"m.npy\");", fileName: "io")
    let reference = withReference
        ? Reference.timings(script: "scripts/bench/io_reference.py", arguments: [folder.path]) : [:]
    let workloads: [(name: String, source: String, references: [(String, String)])] = [
        ("io_csv_load_1000x1000", "A = load(\"m.csv\");", [("pandas", "pandas_read_csv"), ("NumPy", "numpy_loadtxt")]),
        ("io_csv_save_1000x1000", "save(M, \"out.csv\");", [("pandas", "pandas_to_csv"), ("NumPy", "numpy_savetxt")]),
        ("io_json_load_1000x1000", "A = load(\"m.json\");", [("json", "json_load")]),
        ("io_json_save_1000x1000", "save(M, \"out.json\");", [("json", "json_dump")]),
        ("io_mat_load_1000x1000", "A = load(\"m.mat\");", [("scipy.io", "scipy_loadmat")]),
        ("io_mat_save_1000x1000", "save(M, \"out.mat\");", [("scipy.io", "scipy_savemat")]),
        ("io_matu_load_1000x1000", "A = load(\"mu.mat\");", [("scipy.io", "scipy_loadmat")]),
        ("io_matu_save_1000x1000", "save(M, \"out.mat\", compress=false);", [("scipy.io", "scipy_savemat")]),
        ("io_npy_load_1000x1000", "A = load(\"m.npy\");", [("NumPy", "numpy_load")]),
        ("io_npy_save_1000x1000", "save(M, \"out.npy\");", [("NumPy", "numpy_save")]),
    ]
    for w in workloads {
        let seconds = try measure(budget: 2, minimumBatches: 3) {
            try interpreter.execute(source: w.source, fileName: w.name)
        }
        var line = "\(w.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(format(seconds))"
        for (label, key) in w.references {
            guard let r = reference["\(w.name):\(key)"] else { continue }
            line += "   \(label) \(format(r)) (\(String(format: r / seconds >= 10 ? "%.0f" : "%.2g", r / seconds))×)"
        }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

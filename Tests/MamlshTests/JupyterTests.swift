import Foundation
import XCTest

/// The Jupyter kernel and notebook files driven by the real Jupyter
/// clients (jupyter_client, nbclient, nbformat from PyPI, which scripts/test
/// installs into .build/jupyter-venv). The Python side lives in
/// Tests/MamlshTests/Jupyter/*.py and exits non-zero on the first failed check.
final class JupyterTests: XCTestCase {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// The virtual environment's Python.
    static var python: String { repository.appendingPathComponent(".build/jupyter-venv/bin/python").path }

    /// A Jupyter data folder holding the mamlsh kernel spec, and the environment that points clients at it.
    private func jupyterEnvironment() throws -> (folder: URL, environment: [String: String]) {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            XCTFail("\(Self.python) is missing: scripts/test creates it (jupyter_client, nbclient, nbformat)")
            throw ProgramRunner.Failure.binaryMissing
        }
        let folder = try ProgramRunner.temporaryDirectory()
        let install = try ProgramRunner.run(["--install-kernel", "--prefix", folder.path])
        XCTAssertEqual(install.status, 0, install.stderr)
        let spec = folder.appendingPathComponent("share/jupyter/kernels/mamlsh")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: spec.appendingPathComponent("kernel.json"))) as? [String: Any]
        let argv = json?["argv"] as? [String] ?? []
        XCTAssertEqual(argv.count, 3)
        XCTAssertTrue(argv.first?.hasPrefix("/") ?? false, "the absolute path of the binary: \(argv)")
        XCTAssertEqual(Array(argv.dropFirst()), ["--jupyter", "{connection_file}"])
        XCTAssertEqual(json?["interrupt_mode"] as? String, "signal")
        let logo = try Data(contentsOf: spec.appendingPathComponent("logo-64x64.png"))
        XCTAssertEqual(Array(logo.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(logo[16..<24].reduce(0) { $0 << 8 | UInt64($1) }, 64 << 32 | 64, "a 64×64 logo")
        let environment = [
            "JUPYTER_PATH": folder.appendingPathComponent("share/jupyter").path,
            "JUPYTER_DATA_DIR": folder.appendingPathComponent("data").path,
            "JUPYTER_RUNTIME_DIR": folder.appendingPathComponent("runtime").path,
            "JUPYTER_CONFIG_DIR": folder.appendingPathComponent("config").path,
            "JUPYTER_PLATFORM_DIRS": "1",
        ]
        return (folder, environment)
    }

    /// Runs a Python test script; its output.
    private func runPython(_ script: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-u", Self.testsFolder.appendingPathComponent("Jupyter/\(script)").path] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let reader = Thread { box.data = pipe.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("\(script) did not finish within 240 s (a hang)")
        }
        while !reader.isFinished { usleep(10_000) }
        return (process.terminationStatus, String(decoding: box.data, as: UTF8.self))
    }

    func testTheKernelWithJupyterClient() throws {
        let (folder, environment) = try jupyterEnvironment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runPython("kernel_tests.py", [], environment: environment)
        print(result.output)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("checks passed"), result.output)
    }

    func testTheKernelEndsPromptlyAndRefusesEndpointsItCannotHave() throws {
        let (folder, environment) = try jupyterEnvironment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runPython("kernel_exit_tests.py", [], environment: environment)
        print(result.output)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("checks passed"), result.output)
    }

    func testNotebooksWithNbclientAndNbformat() throws {
        let (folder, environment) = try jupyterEnvironment()
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = Self.repository.appendingPathComponent("scripts/examples")
        var written: [String] = []
        for example in ["05-functions.maml", "07-figures.maml"] {
            let path = folder.appendingPathComponent(example + ".ipynb").path
            let run = try ProgramRunner.run([examples.appendingPathComponent(example).path, "--notebook", path,
                                             "--out-dir", folder.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            written.append(path)
        }
        // The kernel and --notebook agree on what each cell shows.
        let agreement = folder.appendingPathComponent("agreement.ipynb").path
        let agreementScript = """
            # %% Setup
            T = 1
            r = 2
            # %%
            x = 3
            printf("hi\\n")
            # %%
            plot([1 2 3])
            # %%
            y = 2
            f = plot([1 2]);
            # %%
            warning("careful")
            z = 5
            printf("a\\n"); printf("b\\n");
            # %%
            function v = twice(u)
              v = 2 * u;
            end
            twice(z)
            # %%
            a = 1
            b = nope_nope
            """
        let agree = try ProgramRunner.run(["-e", agreementScript, "--notebook", agreement, "--out-dir", folder.path])
        XCTAssertEqual(agree.status, 1, "the last cell fails: " + agree.stderr)
        // A script that fails writes its notebook too.
        let failing = folder.appendingPathComponent("failing.ipynb").path
        let run = try ProgramRunner.run(["-e", "# Setup\nx = 1\n\n# The error\ny = undefined_thing", "--notebook", failing])
        XCTAssertEqual(run.status, 1)
        written.append(failing)
        let result = try runPython("notebook_tests.py", ["--agree", agreement] + written, environment: environment)
        print(result.output)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("checks passed"), result.output)
    }
}

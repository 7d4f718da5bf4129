// mamlsh — the program: headless scripts (`mamlsh FILE`, `-e CODE`, a
// non-terminal standard input) and the interactive session on a terminal.
import ArgumentParser
import Foundation
import MAMLFigures
import MAMLLang
import MAMLPlot

/// The version `mamlsh --version` prints.
let mamlshVersion = "0.1.0"

struct Mamlsh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mamlsh",
        abstract: "A notebook-style REPL for meta-learning linear quadratic regulators.",
        discussion: """
            With no FILE and a terminal, starts the interactive session (readline \
            editing, history, Tab completion, :help for commands). A FILE, -e CODE, \
            or a program on standard input runs headless: it stops at the first \
            error, with exit status 1 (130 after Ctrl-C, 143 after SIGTERM, 129 \
            after SIGHUP, with the notebook so far written). Arguments \
            name=value define variables before the script runs (numbers when \
            they parse as numbers, else strings).

            EXAMPLES:
              mamlsh                                  the interactive session
              mamlsh paper.maml --out-dir out         figures and data into out/
              mamlsh sweep.maml seed=3 eta=1e-4       a script with two variables
              mamlsh -e 'disp(lqr(task(1.2, 1, 1, 1)))'
              mamlsh study.maml --notebook study.ipynb
              mamlsh --install-kernel --user          a Jupyter kernel for you
              mamlsh sweep one.maml seed=1:20 eta=1e-4,5e-4 --out runs/eta
                                                      a sweep on the local cores or Slurm
                                                      (mamlsh sweep --help)

            ENVIRONMENT:
              MAMLSH_HISTORY     the history file (default ~/.mamlsh_history)
              MAMLSH_IMAGES      how figures are drawn, as --images (which wins)
              SOURCE_DATE_EPOCH  the date PDF figures record (none without it)
            """,
        version: mamlshVersion)

    @Argument(help: ArgumentHelp("A script to run (.maml), then name=value assignments.", valueName: "FILE name=value"))
    var arguments: [String] = []

    /// The script: the first argument that is not an assignment.
    var file: String? { arguments.first { Mamlsh.assignment($0) == nil } }

    /// The `name=value` arguments as variables.
    var variables: [(String, Value)] { arguments.compactMap(Mamlsh.assignment) }

    /// `name=value` as a variable (a number when the value parses as one), or nil.
    static func assignment(_ argument: String) -> (String, Value)? {
        guard let eq = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<eq])
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
              name.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" })
        else { return nil }
        let text = String(argument[argument.index(after: eq)...])
        switch text {
        case "true": return (name, .bool(true))
        case "false": return (name, .bool(false))
        case "Inf", "inf": return (name, .number(.infinity))
        case "-Inf", "-inf": return (name, .number(-.infinity))
        case "NaN", "nan": return (name, .number(.nan))
        default: break
        }
        if let x = Double(text), x.isFinite, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) {
            return (name, .number(x))
        }
        return (name, .string(text))
    }

    @Option(name: .short, help: ArgumentHelp("Run CODE instead of a file.", valueName: "CODE"))
    var e: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder where relative figure and data paths land.", valueName: "DIR"))
    var outDir: String?

    @Option(help: ArgumentHelp("Start the random generator at seed S (as seed(S) would), before the script runs.", valueName: "S"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Also write the notebook of the run: a Jupyter notebook (.ipynb) or one self-contained HTML page (.html), cells split at '# %%' lines or at runs of comments.", valueName: "FILE.ipynb|FILE.html"))
    var notebook: String?

    @Option(help: ArgumentHelp("How figures a statement shows are drawn: in the terminal with the kitty, iTerm2 or sixel image protocol, detected (auto, the session's default), or none (a PNG file whose path is printed). MAMLSH_IMAGES sets it the same way (this option wins). Headless scripts draw only when one of them is given.",
                               valueName: "auto|kitty|iterm|sixel|none"))
    var images: String?

    /// The image setting's source and word: `--images=`, else a non-empty
    /// `MAMLSH_IMAGES` — the same words with the same meaning in the session
    /// and in headless runs; nil when neither is given.
    var imageSetting: (name: String, word: String)? {
        if let images { return ("--images", images) }
        if let word = ProcessInfo.processInfo.environment["MAMLSH_IMAGES"], !word.isEmpty { return ("MAMLSH_IMAGES", word) }
        return nil
    }

    /// The image setting as a choice (checked by `validate`); nil when not given.
    var imageChoice: TerminalImageChoice? { imageSetting.flatMap { TerminalImageProtocol.parseChoice($0.word) } }

    @Flag(name: .customLong("print-reference"), help: "Print the built-in reference (docs/builtins.md) in Markdown.")
    var printReference = false

    @Option(name: .customLong("jupyter"), help: ArgumentHelp("Run as a Jupyter kernel (Jupyter starts mamlsh so, after --install-kernel).", valueName: "CONNECTION_FILE"))
    var connectionFile: String?

    @Flag(name: .customLong("install-kernel"), help: "Install the Jupyter kernel spec 'mamlsh' (for all users; --user or --prefix DIR elsewhere).")
    var installKernel = false

    @Flag(help: "With --install-kernel: install for this user (~/.local/share/jupyter/kernels).")
    var user = false

    @Option(help: ArgumentHelp("With --install-kernel: install under DIR/share/jupyter/kernels (a virtual environment).", valueName: "DIR"))
    var prefix: String?

    func validate() throws {
        if file != nil && e != nil { throw ValidationError("give either FILE or -e CODE, not both") }
        if let notebook {
            do { _ = try NotebookFormat(path: notebook) } catch { throw ValidationError("\(error)") }
        }
        if (user || prefix != nil) && !installKernel { throw ValidationError("--user and --prefix go with --install-kernel") }
        if user && prefix != nil { throw ValidationError("give --user or --prefix DIR, not both") }
        let scripts = arguments.filter { Mamlsh.assignment($0) == nil }
        if scripts.count > 1 {
            throw ValidationError("one script at a time (got \(scripts.joined(separator: ", "))); give variables as name=value")
        }
        if let setting = imageSetting, TerminalImageProtocol.parseChoice(setting.word) == nil {
            throw ValidationError("\(setting.name) must be auto, kitty, iterm, sixel or none (it is '\(setting.word)')")
        }
        if notebook != nil && file == nil && e == nil && isatty(STDIN_FILENO) != 0 {
            throw ValidationError("--notebook needs a script: give FILE, -e CODE or a program on standard input")
        }
    }

    func run() throws {
        if printReference {
            StandardStreams.writeOutput(BuiltinLibrary.withFigures.reference)
            return
        }
        if installKernel {
            try finish(JupyterCommands.install(user: user, prefix: prefix))
            return
        }
        if let connectionFile {
            try finish(JupyterCommands.serve(connectionFile: connectionFile, outputDirectory: outDir))
            return
        }
        let outputDirectory = outDir.map { ($0 as NSString).expandingTildeInPath }
        if let code = e {
            try finish(Headless.run(source: code, fileName: "<-e>", outputDirectory: outputDirectory,
                                    notebookPath: notebook, variables: variables, images: imageChoice, seed: seed))
            return
        }
        if let file {
            let source: String
            do {
                source = try ScriptFile.read(file)
            } catch {
                Headless.fail("\(error)")
                throw ExitCode(1)
            }
            try finish(Headless.run(source: source, fileName: file, outputDirectory: outputDirectory,
                                    notebookPath: notebook, variables: variables, images: imageChoice, seed: seed))
            return
        }
        if isatty(STDIN_FILENO) == 0 {
            let source: String
            do {
                source = try ScriptFile.readStandardInput()
            } catch {
                Headless.fail("\(error)")
                throw ExitCode(1)
            }
            try finish(Headless.run(source: source, fileName: "<stdin>", outputDirectory: outputDirectory,
                                    notebookPath: notebook, variables: variables, images: imageChoice, seed: seed))
            return
        }
        try finish(REPL(outputDirectory: outputDirectory, variables: variables, images: imageChoice ?? .auto).run())
    }

    /// Ends with `status` (0 returns normally).
    private func finish(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}

StandardStreams.ignoreBrokenPipeSignal()
// `mamlsh sweep …` is its own command (a script named sweep runs as ./sweep).
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "sweep" {
    SweepCommand.main(Array(CommandLine.arguments.dropFirst(2)))
} else {
    // The interpreter recurses with user function calls (up to 1000 deep): run
    // the whole program on a thread with a large stack.
    Interpreter.runWithLargeStack { Mamlsh.main() }
}

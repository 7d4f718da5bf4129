// mamlsh — the program: headless scripts (`mamlsh FILE`, `-e CODE`, a
// non-terminal standard input) and the interactive session on a terminal.
import ArgumentParser
import Foundation
import MAMLLang

/// The version `mamlsh --version` prints.
let mamlshVersion = "0.1.0"

struct Mamlsh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mamlsh",
        abstract: "A notebook-style REPL for meta-learning linear quadratic regulators.",
        discussion: """
            With no FILE and a terminal, starts the interactive session (readline \
            editing, history in ~/.mamlsh_history or $MAMLSH_HISTORY, Tab completion, \
            :help for commands). A FILE, -e CODE, or a program on standard input runs \
            headless: it stops at the first error, with exit status 1.
            """,
        version: mamlshVersion)

    @Argument(help: "A script to run (.maml).")
    var file: String?

    @Option(name: .short, help: "Run CODE instead of a file.")
    var e: String?

    @Option(name: .customLong("out-dir"), help: "Folder where relative figure and data paths land.")
    var outDir: String?

    @Option(help: ArgumentHelp("Also write the notebook of the run: one self-contained HTML page with each statement, its output and its figures.", valueName: "report.html"))
    var notebook: String?

    func validate() throws {
        if file != nil && e != nil { throw ValidationError("give either FILE or -e CODE, not both") }
        if notebook != nil && file == nil && e == nil && isatty(STDIN_FILENO) != 0 {
            throw ValidationError("--notebook needs a script: give FILE, -e CODE or a program on standard input")
        }
    }

    func run() throws {
        let outputDirectory = outDir.map { ($0 as NSString).expandingTildeInPath }
        if let code = e {
            try finish(Headless.run(source: code, fileName: "<-e>", outputDirectory: outputDirectory,
                                    notebookPath: notebook))
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
                                    notebookPath: notebook))
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
                                    notebookPath: notebook))
            return
        }
        REPL(outputDirectory: outputDirectory).run()
    }

    /// Ends with `status` (0 returns normally).
    private func finish(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}

StandardStreams.ignoreBrokenPipeSignal()
Mamlsh.main()

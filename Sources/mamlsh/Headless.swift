import Foundation
import MAMLFigures
import MAMLLang
import MAMLPlot

/// Scripts run without a terminal: output to standard output, the first
/// error to standard error, exit status 0 or 1. Figures a statement shows
/// are drawn only when `--images=` asks for it (`FigureGallery`).
///
/// Ctrl-C (SIGINT), and SIGTERM (Slurm, `timeout`, `kill`) and SIGHUP (a
/// terminal that closed) alike, stop the running statement at its next check
/// (as in the session), abandoning a `save` under way; the script then ends
/// with status 128 + the signal (130, 143, 129), after writing the notebook
/// so far with its last cell marked interrupted. A second signal before the
/// first took effect ends the program at once (status 128 + that signal),
/// removing the file being written, if any (`Signals`).
///
/// The notebook's folder is checked before the script runs
/// (`NotebookDestination`), so that a long run does not end unable to write it.
enum Headless {
    /// Runs `source`; returns the exit status. With `notebookPath`, also
    /// writes the notebook of the run there (even when the script fails).
    static func run(source: String, fileName: String, outputDirectory: String?, notebookPath: String? = nil,
                    variables: [(String, Value)] = [], images: TerminalImageChoice? = nil,
                    seed: UInt64? = nil) -> Int32 {
        Signals.install(secondSignalExits: true)
        if let notebookPath {
            do {
                try NotebookDestination.check(notebookPath)
            } catch {
                fail("\(error)")
                return 1
            }
        }
        let bar = ProgressBar.ifTerminal()
        var options = InterpreterOptions(outputDirectory: outputDirectory,
                                         output: .standardOutput, progress: bar?.reporter)
        if let seed { options.seed = seed }
        if isatty(STDOUT_FILENO) != 0, let columns = Terminal.columns() { options.displayWidth = columns }
        if let images {
            let gallery = Terminal.figureGallery(choice: images)
            options.drawFigures { try gallery.show($0) }
        }
        let notebook = notebookPath.map { _ in NotebookRecording(title: (fileName as NSString).lastPathComponent, script: source) }
        notebook?.install(into: &options)
        let interpreter = Interpreter(options: options, builtins: .withFigures)
        for (name, value) in variables { interpreter.setValue(value, for: name) }
        defer { bar?.clear() }
        var status: Int32 = 0
        do {
            if let notebook {
                try interpreter.executeStatements(source: source, fileName: fileName) { notebook.statementEnded($0) }
            } else {
                try interpreter.execute(source: source, fileName: fileName)
            }
        } catch where error.exitCode != nil {
            status = error.exitCode ?? 0
        } catch {
            bar?.clear()
            let rendered = error.rendered()
            notebook?.fail(rendered)
            StandardStreams.writeError(rendered + "\n")
            status = 1
        }
        if Interruption.requested {
            notebook?.markInterrupted(by: Signals.interruptionName)
            status = Signals.interruptedStatus
        }
        notebook?.finish()
        if let notebook, let notebookPath {
            do {
                let text = try NotebookFormat(path: notebookPath).document(notebook)
                try ScriptFile.write(text, to: notebookPath)
            } catch {
                fail("\(error)")
                status = 1
            }
        }
        return status
    }

    /// Reports a failure of the program itself.
    static func fail(_ message: String) {
        StandardStreams.writeError("mamlsh: \(message)\n")
    }
}

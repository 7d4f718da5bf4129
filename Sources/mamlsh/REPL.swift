import Foundation
import MAMLFigures
import MAMLLang
import MAMLPlot

/// The interactive session on a terminal: readline in, the interpreter's
/// echo out, errors on standard error; Ctrl-C abandons the line or stops
/// the running computation, Ctrl-D or :quit leaves. SIGTERM (`kill`) and
/// SIGHUP (the terminal closed) stop the computation and leave as Ctrl-D
/// does (the history file has every input already), with status 143 or 129.
/// A figure a statement shows is drawn in the terminal, or written as a PNG
/// (`FigureGallery`).
struct REPL {
    let outputDirectory: String?
    /// Variables given as `name=value` on the command line.
    var variables: [(String, Value)] = []
    /// `--images=`: how figures are drawn (detected by default).
    var images: TerminalImageChoice = .auto

    /// The history file: $MAMLSH_HISTORY, or ~/.mamlsh_history.
    static var historyPath: String {
        if let p = ProcessInfo.processInfo.environment["MAMLSH_HISTORY"], !p.isEmpty { return p }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".mamlsh_history")
    }

    /// Runs the session; its exit status (0, what `exit(code)` asked, or
    /// 128 + the signal that asked it to end).
    func run() -> Int32 {
        let bar = ProgressBar.ifTerminal()
        // Asks the terminal what it can show before readline takes it.
        let gallery = Terminal.figureGallery(choice: images)
        // Text written while the bar shows erases it first (the bar comes back at the next update).
        let output = bar.map { bar in OutputSink { bar.hide(); StandardStreams.writeOutput($0) } } ?? .standardOutput
        let warnings = bar.map { bar in OutputSink { bar.hide(); StandardStreams.writeError($0) } } ?? .standardError
        var options = InterpreterOptions(outputDirectory: outputDirectory, output: output, warnings: warnings,
                                         progress: bar?.reporter)
        options.drawFigures { figure in
            bar?.hide()
            try gallery.show(figure)
        }
        if isatty(STDOUT_FILENO) != 0 {
            // Home the cursor and erase the screen; readline draws the next prompt at the top.
            options.clearScreen = { StandardStreams.writeOutput("\u{1B}[H\u{1B}[2J") }
        }
        let interpreter = Interpreter(options: options, builtins: .withFigures)
        for (name, value) in variables { interpreter.setValue(value, for: name) }
        let session = InteractiveSession(interpreter: interpreter, figures: gallery, beforeReport: { bar?.clear() })
        let editor = LineEditor(historyPath: REPL.historyPath) { session.completion(for: $0) }
        Signals.install()
        StandardStreams.writeOutput("mamlsh \(mamlshVersion) — meta-learning LQR. :help for help, Ctrl-D to leave.\n")
        // The lines of the input being typed: one history entry once complete.
        var block: [String] = []
        loop: while Interruption.terminationSignal == nil {
            switch editor.readLine(prompt: session.prompt) {
            case .endOfInput:
                StandardStreams.writeOutput("\n")
                break loop
            case .terminated:
                // As after Ctrl-C, a block typed part way is kept in the history.
                editor.remember(block.joined(separator: "\n"))
                StandardStreams.writeOutput("\n")
                break loop
            case .interrupted:
                // A block abandoned part way is kept, to be recalled and finished.
                editor.remember(block.joined(separator: "\n"))
                block.removeAll()
                session.abandonInput()
            case .line(let line):
                block.append(line)
                if session.completesInput(line) {
                    editor.remember(block.joined(separator: "\n"))
                    block.removeAll()
                }
                if let columns = Terminal.columns() { interpreter.session.options.displayWidth = columns }
                switch session.handle(line) {
                case .quit: break loop
                case .exit(let code): return code
                case .readMore: break
                }
                bar?.clear()
                Signals.takeInterrupt()   // a Ctrl-C that stopped the input has been reported
            }
        }
        return Signals.terminationStatus ?? 0
    }
}

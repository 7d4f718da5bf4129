import Foundation
import MAMLFigures
import MAMLLang

/// A script run as a notebook (`mamlsh FILE --notebook out.ipynb|out.html`):
/// its cells (`NotebookCells`), and for each code cell what its statements
/// printed, echoed, warned, drew and the error that stopped the run, in the
/// order it happened, shaped as the kernel shapes a cell's outputs: the
/// cell's last echo is its one result and the echoes before it are printed
/// text (`CellEcho`), a figure shown inline comes without its echo text,
/// the figures a cell made with `;` follow its result (`CellFigures`), and
/// text printed to one stream with nothing between is one output. The
/// interpreter's output goes through `sinks`, which record it here and pass
/// it on to the terminal.
final class NotebookRecording: @unchecked Sendable {
    // @unchecked: used on the interpreter's thread only.

    /// One output of a code cell, as Jupyter's output types have it.
    enum Output {
        /// Printed text: `stdout`, or `stderr` for warnings.
        case stream(name: String, text: String)
        /// The echo of a statement (`x = 3`): an execute result.
        case result(String)
        /// A figure: PNG bytes, the size to show it at (half its pixels), and a text description.
        case figure(png: [UInt8], width: Int, height: Int, text: String)
        /// The error that stopped the run here.
        case error(name: String, message: String, traceback: [String])
    }

    /// What a code cell did.
    struct Run {
        var executionCount: Int
        var outputs: [Output] = []
        var interrupted = false
    }

    let title: String
    let cells: [NotebookCells.Cell]
    /// The run of each code cell that ran, by cell index.
    private(set) var runs: [Int: Run] = [:]
    /// A syntax error, which stops the script before anything runs.
    private(set) var syntaxError: String?
    /// What stopped the run: `SIGINT` (Ctrl-C), `SIGTERM` or `SIGHUP`; nil if nothing did.
    private(set) var interruptedBy: String?
    /// Whether a signal stopped the run.
    var interrupted: Bool { interruptedBy != nil }

    private var pending: [Output] = []
    /// The figure behind each figure output in `pending`, by its index there.
    private var pendingFigures: [Int: FigureValue] = [:]
    /// The figures the last cell that ran showed and made.
    private var cellFigures = CellFigures()
    /// The last cell's echo held back as its possible result.
    private var echo = CellEcho()
    private var executionCount = 0
    private var lastCell: Int?

    init(title: String, script: String) {
        self.title = title
        let statements = (try? Interpreter.statementLines(script)) ?? []
        cells = NotebookCells(script: script, statements: statements).cells
    }

    // MARK: Recording

    /// Printed text (also written to `terminal`).
    func printed(_ text: String, stream name: String = "stdout") {
        pending.appendMergingStreams(.stream(name: name, text: text))
    }

    /// The echo of a statement (with its newline; `CellEcho` decides at the
    /// statement's end whether it is printed text or the cell's result).
    func echoed(_ text: String) {
        pending.append(.result(text))
    }

    /// A figure a statement echoed or showed (kept or dropped by
    /// `CellFigures` when the statement ends and its cell is known).
    func show(_ figure: FigureValue) throws {
        guard !pendingFigures.values.contains(where: { $0 === figure }) else { return }
        pendingFigures[pending.count] = figure
        pending.append(try NotebookRecording.output(figure))
    }

    /// A figure as a notebook output.
    private static func output(_ figure: FigureValue) throws -> Output {
        let pixels = figure.figure.pixelSize()
        return .figure(png: try figure.pngData(), width: (pixels.width + 1) / 2, height: (pixels.height + 1) / 2,
                       text: figure.displayText)
    }

    /// The end of one top-level statement: its outputs go to the cell it
    /// stands in, through `CellEcho` (an echo is held until other output or
    /// the end of the cell says what it is); the figures it made with `;`
    /// wait for the end of the cell.
    func statementEnded(_ outcome: StatementOutcome) {
        if let error = outcome.error {
            let name = error.message == "interrupted" && Interruption.requested ? "Interrupted" : "error"
            pending.append(.error(name: name, message: error.message, traceback: error.rendered().components(separatedBy: "\n")))
        }
        defer {
            pending.removeAll()
            pendingFigures.removeAll()
        }
        guard let cell = cells.firstIndex(where: { $0.kind == .code && $0.lines.contains(outcome.location.line) }) else {
            return
        }
        if cell != lastCell { endCell() }
        if runs[cell] == nil {
            executionCount += 1
            runs[cell] = Run(executionCount: executionCount)
        }
        func text(_ earlier: String?) {
            if let earlier { runs[cell]?.outputs.appendMergingStreams(.stream(name: "stdout", text: earlier)) }
        }
        for (k, output) in pending.enumerated() {
            switch output {
            case .result(let echoed):
                text(echo.echoed(echoed))
            case .figure:
                guard let figure = pendingFigures[k], cellFigures.show(figure) else { continue }   // shown earlier in the cell
                text(echo.showing(figure))
                runs[cell]?.outputs.append(output)
            case .stream, .error:
                text(echo.release())
                runs[cell]?.outputs.appendMergingStreams(output)
            }
        }
        for case .object(let o) in outcome.figures {
            if let figure = o as? FigureValue { cellFigures.made(figure) }
        }
        lastCell = cell
    }

    /// The end of the last cell that ran: the echo it held is its result,
    /// then the figures it made and did not show join its outputs. Called
    /// when the next cell starts and when the run ends (`finish`).
    private func endCell() {
        let result = echo.end()
        let figures = cellFigures.end()
        guard let lastCell else { return }
        if let result { runs[lastCell]?.outputs.append(.result(result)) }
        for figure in figures {
            if let output = try? NotebookRecording.output(figure) { runs[lastCell]?.outputs.append(output) }
        }
    }

    /// The end of the run: the last cell's figures.
    func finish() {
        endCell()
    }

    /// An error outside any statement (a syntax error).
    func fail(_ rendered: String) {
        if runs.isEmpty { syntaxError = rendered }
    }

    /// Marks the run as stopped by `signal` (`SIGINT` for Ctrl-C, `SIGTERM`,
    /// `SIGHUP`), at the last cell that ran, which then has no result (as in
    /// the kernel, an interrupted cell's echoes are text).
    func markInterrupted(by signal: String) {
        interruptedBy = signal
        guard let lastCell else { return }
        runs[lastCell]?.interrupted = true
        if let earlier = echo.release() { runs[lastCell]?.outputs.appendMergingStreams(.stream(name: "stdout", text: earlier)) }
    }
}

extension Array where Element == NotebookRecording.Output {
    /// Appends `output`, joining text printed to the same stream right after
    /// other text into one output (as Jupyter front ends show it: one block
    /// for a cell's printed lines, however many statements printed them).
    mutating func appendMergingStreams(_ output: NotebookRecording.Output) {
        if case let .stream(name, text) = output, case .stream(name, let previous)? = last {
            self[count - 1] = .stream(name: name, text: previous + text)
        } else {
            append(output)
        }
    }
}

/// The output sinks of a notebook run: each records into `recording` and
/// writes on to the terminal as a plain run would.
extension NotebookRecording {
    func install(into options: inout InterpreterOptions) {
        let terminalOutput = options.output
        let terminalWarnings = options.warnings
        let terminalFigures = options.figureDisplay
        options.output = OutputSink { [self] text in
            self.printed(text)
            terminalOutput.write(text)
        }
        options.echoOutput = OutputSink { [self] text in
            self.echoed(text)
            terminalOutput.write(text)
        }
        options.warnings = OutputSink { [self] text in
            self.printed(text, stream: "stderr")
            terminalWarnings.write(text)
        }
        options.drawFigures { [self] figure in
            try self.show(figure)
            try terminalFigures?(figure)
        }
    }
}

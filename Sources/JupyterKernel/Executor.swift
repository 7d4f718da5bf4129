import Foundation
import MAMLFigures
import MAMLLang
import MAMLPlot

/// Runs cells on a thread of its own (with a large stack, for deep
/// recursion) with the one interpreter of the kernel, and turns what the
/// interpreter prints, echoes, warns and draws into IOPub messages:
/// printed text as `stream` (stdout, gathered by `StreamBuffers`), warnings
/// as `stream` (stderr), the cell's last echo as its one `execute_result`
/// and the echoes before it as stdout text (`CellEcho`), figures as
/// `display_data` (PNG at twice the density, with its display size in the
/// metadata), errors as `error`. Figures follow `CellFigures`: one a
/// statement echoes or `show`s appears then (without its echo text), and
/// each figure the cell made with `;` appears once at the end of the cell,
/// after its result, in its last version (as matplotlib's inline backend).
final class Executor: @unchecked Sendable {
    // @unchecked: the interpreter and the cell state are touched only on
    // the executor's thread; jobs reach it through `queue`.

    /// How a cell ended.
    struct Outcome {
        var error: CellError?
    }

    /// An error as the protocol reports it.
    struct CellError {
        let name: String
        let value: String
        let traceback: [String]
    }

    private let publisher: Publisher
    private var interpreter: Interpreter?
    private let jobs = JobQueue()
    /// The request whose cell is running, its execution count, and whether it is silent.
    private var parent: JupyterMessage?
    private var count = 0
    private var silent = false
    private let streams: StreamBuffers
    /// The figures the current cell showed and made.
    private var cellFigures = CellFigures()
    /// The current cell's echo held back as its possible result.
    private var echo = CellEcho()

    init(options base: InterpreterOptions, publisher: Publisher) {
        self.publisher = publisher
        streams = StreamBuffers(publisher: publisher)
        var options = base
        options.output = OutputSink { [unowned self] text in self.printed(text) }
        options.warnings = OutputSink { [unowned self] text in self.printed(text, stream: "stderr") }
        options.echoOutput = OutputSink { [unowned self] text in self.echoed(text) }
        options.drawFigures { [unowned self] figure in try self.show(figure) }
        options.progress = nil
        let jobs = self.jobs
        let thread = Thread {
            while true { jobs.next()() }
        }
        thread.stackSize = 256 << 20
        thread.name = "mamlsh-executor"
        thread.start()
        run { self.interpreter = Interpreter(options: options, builtins: .withFigures) }
    }

    /// Runs `body` on the executor's thread and waits for it.
    private func run(_ body: @escaping () -> Void) {
        let done = DispatchSemaphore(value: 0)
        jobs.add { body(); done.signal() }
        done.wait()
    }

    // MARK: Cells

    /// Runs `code` (the cell of `parent`, execution count `count`) and calls
    /// `finished` on the executor's thread when it is done.
    func execute(_ code: String, count: Int, silent: Bool, parent: JupyterMessage,
                 finished: @escaping @Sendable (Outcome) -> Void) {
        jobs.add { [self] in
            self.parent = parent
            self.count = count
            self.silent = silent
            var outcome = Outcome()
            self.cellFigures = CellFigures()
            self.echo = CellEcho()
            do throws(Diagnostic) {
                try interpreter?.executeStatements(source: code, fileName: "In[\(count)]") { outcome in
                    for case .object(let o) in outcome.figures {
                        if let figure = o as? FigureValue { self.cellFigures.made(figure) }
                    }
                }
            } catch {
                if let code = error.exitCode {
                    outcome.error = report(Diagnostic("exit(\(code)) ends scripts; in a notebook, restart the kernel to start over",
                                                      at: error.location), name: "error")
                } else if error.message == "interrupted" && Interruption.requested {
                    outcome.error = report(error, name: "Interrupted")
                } else {
                    outcome.error = report(error, name: "error")
                }
            }
            // An interrupted computation that kept its result (a MAML run
            // stopped part way) ends the cell too: the reply says so, and
            // the cell has no result.
            let interrupted = outcome.error == nil && Interruption.requested
            if interrupted {
                release()
            } else if let result = echo.end(), !silent {
                streams.flush()
                publisher.send("execute_result", ["execution_count": count, "data": ["text/plain": result], "metadata": JSONObject()],
                               parent: parent)
            }
            for figure in cellFigures.end() { try? publish(figure) }
            if interrupted {
                let error = CellError(name: "Interrupted", value: "interrupted",
                                      traceback: ["interrupted: the computation stopped where it was; every variable is kept"])
                streams.flush()
                if !silent { publisher.send("error", ["ename": error.name, "evalue": error.value, "traceback": error.traceback], parent: parent) }
                outcome.error = error
            }
            streams.flush()
            self.parent = nil
            finished(outcome)
        }
    }

    /// Publishes an error (unless the cell is silent) and describes it for the reply.
    private func report(_ d: Diagnostic, name: String) -> CellError {
        release()
        streams.flush()
        let lines = d.rendered().components(separatedBy: "\n")
        let error = CellError(name: name, value: d.message, traceback: lines)
        if !silent {
            publisher.send("error", ["ename": error.name, "evalue": error.value, "traceback": error.traceback], parent: parent)
        }
        return error
    }

    // MARK: Output

    /// Text printed (`stdout`) or warned (`stderr`), after the echo held until now.
    private func printed(_ text: String, stream: String = "stdout") {
        guard !silent else { return }
        release()
        streams.write(text, to: stream, parent: parent)
    }

    /// The echo of a statement: held as the cell's possible result; the one held before is printed.
    private func echoed(_ text: String) {
        guard !silent else { return }
        if let earlier = echo.echoed(text) { streams.write(earlier, to: "stdout", parent: parent) }
    }

    /// Prints the echo held back, if any (other output follows it).
    private func release() {
        if let earlier = echo.release() { streams.write(earlier, to: "stdout", parent: parent) }
    }

    /// A figure a statement echoes or shows: inline, unless the cell showed it already; its echo is not printed.
    private func show(_ figure: FigureValue) throws {
        guard cellFigures.show(figure) else { return }
        if !silent, let earlier = echo.showing(figure) { streams.write(earlier, to: "stdout", parent: parent) }
        try publish(figure)
    }

    /// Sends `figure` as a `display_data` message, as PNG rendered at its
    /// resolution and shown at half its pixel size (2× density for sharp text
    /// on high-resolution screens); nothing for a silent cell.
    private func publish(_ figure: FigureValue) throws {
        guard !silent else { return }
        let png = try figure.pngData()
        let width = figure.figure.width * figure.figure.dpi / 2
        let height = figure.figure.height * figure.figure.dpi / 2
        streams.flush()
        publisher.send("display_data", [
            "data": ["image/png": Data(png).base64EncodedString(), "text/plain": figure.displayText],
            "metadata": ["image/png": ["width": Int(width.rounded()), "height": Int(height.rounded())]],
            "transient": JSONObject(),
        ], parent: parent)
    }

    // MARK: Completion and help

    /// The completions of the text before `cursor` (in Unicode scalars),
    /// described for the reply's metadata, and where the text they replace
    /// starts and ends (the cursor, kept inside the code) (`Interpreter.completion(for:)`: named parameters first, then
    /// names, fields, file names inside a string).
    func complete(_ code: String, cursor: Int) -> (items: [CompletionItem], start: Int, end: Int) {
        let scalars = Array(code.unicodeScalars)
        let end = max(0, min(cursor, scalars.count))
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars[..<end])
        var items: [CompletionItem] = []
        var start = end
        run {
            guard let interpreter = self.interpreter else { return }
            let completion = interpreter.completion(for: String(prefix))
            start = max(0, min(completion.start, end))
            let inString = start > 0 && (scalars[start - 1] == "\"" || scalars[start - 1] == "'")
            items = CompletionItem.describe(completion.candidates, start: start, end: end, inString: inString,
                                            interpreter: interpreter)
        }
        return (items, start, end)
    }

    /// The help of the name under (or just before) `cursor`, paragraphs as lines (`HelpText`).
    func inspect(_ code: String, cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        var end = max(0, min(cursor, scalars.count))
        while end < scalars.count, Executor.isWordPart(scalars[end]) { end += 1 }
        var start = min(end, max(0, min(cursor, scalars.count)))
        if start == end, start > 0, scalars[start - 1] == "(" { end = start - 1; start = end }
        while start > 0, Executor.isWordPart(scalars[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[start..<end])
        var help: String?
        run { help = self.interpreter?.help(for: String(word)) }
        return help.map(HelpText.paragraphs)
    }

    private static func isWordPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)))
    }
}

/// Jobs for the executor's thread, first in first out.
final class JobQueue: @unchecked Sendable {
    private let lock = NSCondition()
    private var jobs: [() -> Void] = []

    func add(_ job: @escaping () -> Void) {
        lock.lock()
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    func next() -> () -> Void {
        lock.lock()
        defer { lock.unlock() }
        while jobs.isEmpty { lock.wait() }
        return jobs.removeFirst()
    }
}

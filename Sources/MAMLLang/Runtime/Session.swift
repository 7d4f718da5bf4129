import Foundation
import MAMLCore

/// What a user's session holds, apart from the evaluation of its code (the
/// machine: `Interpreter`): the settings and output sinks, the random
/// generator and the seed it last started from, the tic/toc timer, the
/// warnings given (once per session for some), the number format, the
/// progress activities running, and — for a notebook — what the current
/// top-level statement printed, warned and drew. Lua splits its state the
/// same way (`global_State` beside each `lua_State`).
///
/// A session belongs to one interpreter (`Interpreter.session`) and lives
/// as long as it; built-ins reach it through their call (`Call.session`).
/// Like the interpreter, it is used from one thread at a time.
public final class Session {
    /// The settings: output sinks, output directory, progress, seed, the
    /// host's figure display.
    public var options: InterpreterOptions
    /// `format short` / `format long`.
    public var numberFormat: NumberFormat = .short

    /// The one random generator of the session (`seed`, `rand`, `uniform`, `randn`).
    var rng: Xoshiro256StarStar
    /// The seed the generator last started from (`seed(s)`; `options.seed` at
    /// start): `repeat` derives each realization's seed from it.
    private(set) var seed: UInt64
    /// When `tic()` was last called (`toc()` measures from it).
    var ticStart: ContinuousClock.Instant?
    /// Names already warned about a variable hiding a function.
    var shadowWarnings: Set<String> = []
    /// The warnings given once per session (`warnOnce`), by key.
    private var warnedOnce: Set<String> = []
    /// How many progress-reporting activities are running (only the outermost reports).
    private var activityDepth = 0
    /// The text printed by the current top-level statement, when a notebook captures it.
    private var capture: String?
    /// Warnings given by the current top-level statement.
    private var warningCapture = ""
    /// Figures produced by the current top-level statement.
    private var figures: [Value] = []

    /// A fresh session with `options`: the generator starts from `options.seed`.
    init(options: InterpreterOptions) {
        self.options = options
        self.rng = Xoshiro256StarStar(seed: options.seed)
        self.seed = options.seed
    }

    /// Restarts the generator from `seed` (`seed(k)`; `options.seed` when
    /// everything is cleared).
    func reseed(_ seed: UInt64) {
        rng = Xoshiro256StarStar(seed: seed)
        self.seed = seed
    }

    // MARK: One top-level statement

    /// What one top-level statement left: what it printed and warned (when
    /// captured) and the figures it produced.
    struct StatementOutput {
        let output: String
        let warnings: String
        let figures: [Value]
    }

    /// Starts a top-level statement: nothing printed, warned or drawn yet;
    /// the printed text is captured when `capturing` (a notebook).
    func beginStatement(capturing: Bool) {
        capture = capturing ? "" : nil
        warningCapture = ""
        figures = []
    }

    /// Ends a top-level statement: what it printed, warned and drew; no
    /// progress activity runs any more (an error may have left one).
    func endStatement() -> StatementOutput {
        defer { capture = nil }
        activityDepth = 0
        return StatementOutput(output: capture ?? "", warnings: warningCapture, figures: figures)
    }

    /// Records a figure produced by the current statement.
    package func recordFigure(_ figure: any FigureObject) { figures.append(.object(figure)) }

    // MARK: Output

    /// Writes `text` to the sink (and to the notebook capture).
    package func write(_ text: String) {
        if capture != nil { capture? += text }
        options.output.write(text)
    }

    /// Reports a warning: `warning: message` on the warnings sink (the
    /// program continues). Not located: warnings name their cause in words.
    package func warn(_ message: String) {
        let text = "warning: \(message)\n"
        if capture != nil { warningCapture += text }
        options.warnings.write(text)
    }

    /// Warns `text` the first time `key` is warned in this session only.
    func warnOnce(_ key: String, _ text: String) {
        guard warnedOnce.insert(key).inserted else { return }
        warn(text)
    }

    /// Writes `text` as it is on the warnings sink, standard error by default
    /// (`fprintf(2, …)`); a notebook shows it with the warnings.
    func writeErrorStream(_ text: String) {
        if capture != nil { warningCapture += text }
        options.warnings.write(text)
    }

    /// Shows `value` as the echo of a statement: `name = value`; a figure is
    /// then drawn by the host (`InterpreterOptions.figureDisplay`).
    func echo(_ value: Value, name: String) throws {
        let text = value.echo(name: name, format: displayFormat) + "\n"
        if let echoOutput = options.echoOutput {
            if capture != nil { capture? += text }
            echoOutput.write(text)
        } else {
            write(text)
        }
        if case .object(let o) = value, let figure = o as? any FigureObject { try display(figure) }
    }

    /// Draws `figure` through the host's display, if it has one.
    package func display(_ figure: any FigureObject) throws {
        guard let show = options.figureDisplay else { return }
        do {
            try show(figure)
        } catch let e as LangError {
            throw e
        } catch {
            throw LangError("the figure could not be shown: \(error)")
        }
    }

    /// How values are shown now.
    var displayFormat: DisplayFormat {
        DisplayFormat(digits: numberFormat == .long ? 16 : 6, width: options.displayWidth)
    }

    // MARK: Progress

    /// Runs `body` as a progress-reporting activity: `report` is non-nil only
    /// for the outermost one and when a reporter is installed.
    package func activity<T>(_ label: String, _ body: (_ report: ((Int, Int) -> Void)?) throws -> T) rethrows -> T {
        let outermost = activityDepth == 0
        activityDepth += 1
        defer { activityDepth -= 1 }
        return try body(outermost ? options.progress.map { reporter in { k, n in reporter(ProgressUpdate(label: label, completed: k, total: n)) } } : nil)
    }
}

/// How numbers are shown (`format short`, `format long`).
public enum NumberFormat: Sendable {
    /// Up to 6 significant digits (the default).
    case short
    /// Up to 16 significant digits.
    case long
}

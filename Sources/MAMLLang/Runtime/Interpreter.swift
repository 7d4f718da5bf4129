import Foundation
import MAMLCore

/// What one top-level statement did, for the notebook.
public struct StatementOutcome {
    /// The statement's source text (from its first to its last token).
    public let source: String
    /// Where it starts.
    public let location: SourceLocation
    /// Everything it printed or echoed.
    public let output: String
    /// Figures it produced (`plot`, `heatmap`), each an `.object(FigureValue)`;
    /// `FigureValue.pngData()` gives the bytes to embed.
    public let figures: [Value]
    /// The error that stopped it, if any (execution stops there).
    public let error: Diagnostic?
    /// For a statement that failed (or was interrupted) after changing
    /// variables, when changes are tracked: the names it defined, changed or
    /// removed, sorted.
    public let changedVariables: [String]
    /// Whether the statement ended with a trailing `;`.
    public let silent: Bool
}

/// The tree-walking interpreter (Crafting Interpreters, ch. 7–9): runs
/// programs over one environment of variables that lives as long as the
/// session, so an error in one `execute` call leaves earlier variables intact.
///
/// Evaluation recurses as deep as the syntax tree, which the parser bounds
/// (`Parser.maxDepth`, `Parser.maxHeight`); run it on a thread with at least
/// 4 MB of stack (the main thread has 8 MB).
public final class Interpreter {
    /// The settings (output sink, echo mode, output directory, progress).
    public var options: InterpreterOptions

    let environment = Environment()
    /// The one random generator of the session (`seed`, `rand`, `uniform`, `randn`).
    var rng: Xoshiro256StarStar
    /// `end` values for the index being evaluated (innermost last).
    var endStack: [Int] = []
    /// How many progress-reporting activities are running (only the outermost reports).
    var activityDepth = 0
    /// The text printed by the current top-level statement (notebook capture), if capturing.
    private var capture: String?
    /// Figures produced by the current top-level statement.
    var figures: [Value] = []
    /// Warnings given by the current top-level statement (notebook capture).
    var warningCapture = ""
    var ticStart: ContinuousClock.Instant?  // set by tic(), read by toc() (Builtins+Time.swift)

    /// A fresh session with `options`.
    public init(options: InterpreterOptions = InterpreterOptions()) {
        self.options = options
        self.rng = Xoshiro256StarStar(seed: options.seed)
    }

    // MARK: Running programs

    /// Parses and runs `source` (named `fileName` in diagnostics), stopping at
    /// the first error. Clears the interruption flag first. Variables set
    /// before the error are kept.
    public func execute(source: String, fileName: String = "<input>") throws(Diagnostic) {
        try executeStatements(source: source, fileName: fileName, onStatement: nil)
    }

    /// Like `execute`, calling `onStatement` after each top-level statement
    /// with its source text, what it printed and the figures it produced
    /// (the failing statement included, with its error). A syntax error is
    /// thrown before anything runs.
    ///
    /// With `trackChanges`, a statement that fails part way reports the
    /// variables it changed before failing (`StatementOutcome.changedVariables`),
    /// so a session transcript can record the state it left.
    public func executeStatements(source: String, fileName: String = "<input>", trackChanges: Bool = false,
                                  onStatement: ((StatementOutcome) -> Void)?) throws(Diagnostic) {
        Interruption.reset()
        let text = SourceText(source, fileName: fileName)
        let program = try Interpreter.parse(text)
        for stmt in program {
            capture = onStatement == nil ? nil : ""
            figures = []
            let before = trackChanges ? environment.snapshot : nil
            var failure: Diagnostic?
            do {
                try checkInterruption(at: stmt.location)
                try execute(stmt)
            } catch let d as Diagnostic {
                failure = d.attached(to: text)
            } catch {
                failure = Diagnostic(Interpreter.message(of: error), at: stmt.location).attached(to: text)
            }
            endStack.removeAll()
            activityDepth = 0
            if let onStatement {
                let changed = failure != nil ? before.map { environment.changes(since: $0) } ?? [] : []
                onStatement(StatementOutcome(source: text.text(stmt.range), location: stmt.location,
                                             output: capture ?? "", figures: figures, error: failure,
                                             changedVariables: changed, silent: stmt.silent))
            }
            capture = nil
            if let failure { throw failure }
        }
    }

    /// Whether `source` is an unfinished statement (an open bracket or an
    /// open `for`/`if` block), so the REPL should read another line.
    public static func isIncomplete(_ source: String) -> Bool { Parser.isIncomplete(source) }

    /// Checks `source` for syntax errors without running it.
    public static func checkSyntax(_ source: String, fileName: String = "<input>") throws(Diagnostic) {
        _ = try parse(SourceText(source, fileName: fileName))
    }

    /// The program of `text`; a syntax error comes with its source line.
    private static func parse(_ text: SourceText) throws(Diagnostic) -> [Stmt] {
        do {
            return try Parser.parse(text)
        } catch let d as Diagnostic {
            throw d.attached(to: text)
        } catch {
            throw Diagnostic("\(error)", at: SourceLocation(line: 1, column: 1)).attached(to: text)
        }
    }

    // MARK: Variables

    /// The names of the defined variables, sorted.
    public var variableNames: [String] { environment.names }

    /// The value of variable `name`, if defined.
    public func value(of name: String) -> Value? { environment.get(name) }

    /// Defines variable `name` (for a host that injects values).
    public func setValue(_ value: Value, for name: String) { environment.set(name, value) }

    /// Forgets every variable and reseeds the generator with `options.seed`.
    public func clearVariables() {
        environment.removeAll()
        rng = Xoshiro256StarStar(seed: options.seed)
    }

    // MARK: Help and completion

    /// Every built-in function and constant name, sorted.
    public var builtinNames: [String] { Builtins.allNames }

    /// Every built-in function's name, signature and help.
    public static var builtins: [BuiltinInfo] {
        Builtins.table.values.map { BuiltinInfo(name: $0.name, signature: $0.signature, help: $0.help) }
            .sorted { $0.name < $1.name }
    }

    /// `signature — help` for a built-in or constant, nil for an unknown name.
    public func help(for name: String) -> String? {
        if let f = Builtins.table[name] { return "\(f.signature) — \(f.help)" }
        if let c = Builtins.constants[name] { return c.help }
        return nil
    }

    /// Completions of the last word of `prefix`: variables, built-ins and
    /// keywords starting with it, or, after `name.`, the fields of variable
    /// `name` (`"run1.gr"` → `["run1.gradnorm"]`). Each completion replaces
    /// the whole last word (including `name.`).
    public func completions(for prefix: String) -> [String] {
        let scalars = Array(prefix.unicodeScalars)
        var start = scalars.count
        while start > 0 && (isIdentifierPart(scalars[start - 1]) || scalars[start - 1] == ".") { start -= 1 }
        var wordScalars = String.UnicodeScalarView()
        wordScalars.append(contentsOf: scalars[start...])
        let word = String(wordScalars)
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot])
            let partial = String(word[word.index(after: dot)...])
            guard let v = environment.get(base) else { return [] }
            return v.fieldNames.filter { $0.hasPrefix(partial) }.map { "\(base).\($0)" }
        }
        if word.isEmpty { return [] }
        let keywords = ["for", "in", "end", "if", "elseif", "else", "true", "false"]
        let names = Set(environment.names + Builtins.allNames + keywords)
        return names.filter { $0.hasPrefix(word) }.sorted()
    }

    // MARK: Output

    /// Writes `text` to the sink (and to the notebook capture).
    func write(_ text: String) {
        if capture != nil { capture? += text }
        options.output.write(text)
    }

    /// Reports a warning: `warning: message` on the warnings sink (the
    /// program continues). Not located: warnings name their cause in words.
    func warn(_ message: String) {
        let text = "warning: \(message)\n"
        if capture != nil { warningCapture += text }
        options.warnings.write(text)
    }

    /// Records a figure produced by the current statement.
    func recordFigure(_ figure: Value) { figures.append(figure) }

    // MARK: Interruption and progress

    /// Throws "interrupted" when Ctrl-C was pressed.
    func checkInterruption(at location: SourceLocation) throws {
        if Interruption.requested { throw Diagnostic("interrupted", at: location) }
    }

    /// Runs `body` as a progress-reporting activity: `report` is non-nil only
    /// for the outermost one and when a reporter is installed.
    func activity<T>(_ label: String, _ body: (_ report: ((Int, Int) -> Void)?) throws -> T) rethrows -> T {
        let outermost = activityDepth == 0
        activityDepth += 1
        defer { activityDepth -= 1 }
        return try body(outermost ? options.progress.map { reporter in { k, n in reporter(ProgressUpdate(label: label, completed: k, total: n)) } } : nil)
    }

    /// The message of any error thrown by the solver or the language.
    static func message(of error: Error) -> String {
        switch error {
        case let e as MAMLError: return e.description
        case let e as LangError: return e.message
        case let d as Diagnostic: return d.message
        default: return "\(error)"
        }
    }
}

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
    /// Warnings it gave (`warning: …` lines).
    public let warnings: String
    /// Figures it produced (`plot`, `heatmap`), each an `.object` holding a
    /// `FigureObject`, whose `pngData()` gives the bytes to embed.
    public let figures: [Value]
    /// The error that stopped it, if any (execution stops there).
    public let error: Diagnostic?
    /// Whether Ctrl-C stopped work inside it that still ended without an
    /// error: a MAML run kept with its iterates so far, say. Running the
    /// statement again would not give what it left.
    public let interrupted: Bool
    /// For a statement that failed or was interrupted after changing
    /// variables, when changes are tracked: the names it defined, changed or
    /// removed, sorted.
    public let changedVariables: [String]
    /// Whether the statement ended with a trailing `;`.
    public let silent: Bool
    /// Whether it defines a function (`function … end`).
    public let definesFunction: Bool
}

/// The interpreter — the machine that evaluates code (Crafting
/// Interpreters, ch. 7–11): it parses a program, registers its functions,
/// compiles it against the global scope and runs the compiled nodes. It
/// holds what evaluation needs: the global scope and its frame, the frame
/// and scope of the code running, the frames of the calls in progress and
/// their depth, what `end` means in the subscript being evaluated, the
/// source text running, the cells of the user functions, the built-ins it
/// knows, and the call paths (Interpreter+Calls.swift: every user or
/// anonymous function runs through `withFrame`). What the user's session
/// holds beside — options and output, the generator, timers, warnings,
/// figures, the number format — is its `session`.
///
/// One interpreter lives as long as a session: variables, functions and
/// the random generator persist between inputs, and an error in one input
/// leaves everything defined before it intact. Evaluation recurses with the
/// program's nesting and with user function calls (up to `maxCallDepth`);
/// run it on a thread with a large stack (`Interpreter.runWithLargeStack`).
public final class Interpreter {
    /// The user's session: options and output sinks, the generator, timers,
    /// warnings, figures, the number format.
    public let session: Session
    /// The built-in functions this interpreter knows.
    public let builtins: BuiltinLibrary

    /// The session's variables: the global scope and its values.
    let globalScope = Scope(.global)
    let globalStorage = FrameStorage(size: 64)
    /// The view of the global frame's slots.
    var globalFrame: Frame { globalStorage.frame }
    /// The frame the running code reads and writes (a function call's own
    /// frame while it runs): a view of slots that the global storage or
    /// `frames` owns, so switching frames at a call costs no reference counting.
    var frame: Frame
    /// The frames of the calls in progress, kept for the next calls.
    var frames = FrameStack()
    /// The scope of `frame`. Not counted: the global scope, or the function
    /// being called, which its caller holds while it runs.
    unowned(unsafe) var currentScope: Scope
    /// The text the running code comes from (for errors inside functions);
    /// not counted, as `currentScope`.
    unowned(unsafe) var currentSource: SourceText
    /// The text of the program being run at the top level (it owns the
    /// text `currentSource` points to there).
    private var topSource = SourceText("", fileName: "")
    /// User functions by name.
    private var functionCells: [String: FunctionCell] = [:]
    /// Calls in progress (`maxCallDepth` bounds it).
    var callDepth = 0
    /// What `end` means in the subscript being evaluated (nil outside an
    /// index); an inner index sets its own and puts the outer one back.
    var end: Int?

    /// Deepest chain of user function calls.
    public static let maxCallDepth = 1000

    /// `Interruption.flag`, kept here: loops look at it at every step, and
    /// reading a stored property costs less than the static's lazy access.
    let interruptFlag = Interruption.flag

    /// Whether Ctrl-C (or a termination signal) asked the running code to stop.
    var interruptRequested: Bool {
        @inline(__always) get { interruptFlag.pointee != 0 }
    }

    /// A fresh session with `options`, knowing the built-ins of `builtins`
    /// (MAMLLang's own by default; a program installs the figures' family:
    /// `BuiltinLibrary.language.installing(FigureBuiltins.family)`).
    public init(options: InterpreterOptions = InterpreterOptions(), builtins: BuiltinLibrary = .language) {
        BLASThreads.useOneThread()
        HeapReuse.keepFreedMemory()
        self.session = Session(options: options)
        self.builtins = builtins
        self.frame = globalStorage.frame
        self.currentScope = globalScope
        self.currentSource = topSource
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
        let nodes: [StmtNode]
        do {
            try defineFunctions(in: program, source: text)
            nodes = try Compiler(interpreter: self, scope: globalScope, source: text).compile(program)
        } catch {
            throw Interpreter.diagnostic(error, at: program.first?.location ?? SourceLocation(line: 1, column: 1)).attached(to: text)
        }
        globalStorage.grow(to: globalScope.count)
        topSource = text
        frame = globalFrame
        currentScope = globalScope
        currentSource = topSource
        callDepth = 0
        for (stmt, node) in zip(program, nodes) {
            session.beginStatement(capturing: onStatement != nil)
            let before = trackChanges ? snapshot() : nil
            var failure: Diagnostic?
            var stop = false
            do {
                if Interruption.requested { throw Diagnostic("interrupted", at: stmt.location) }
                if case .returnFunction = try node.execute(self) { stop = true }
            } catch {
                failure = Interpreter.diagnostic(error, at: stmt.location).attached(to: text)
            }
            end = nil
            let made = session.endStatement()
            frame = globalFrame
            currentScope = globalScope
            currentSource = topSource
            if let onStatement {
                let interrupted = failure == nil && Interruption.requested
                let changed = failure != nil || interrupted ? before.map { changes(since: $0) } ?? [] : []
                var definesFunction = false
                if case .function = stmt.kind { definesFunction = true }
                onStatement(StatementOutcome(source: text.text(stmt.range), location: stmt.location,
                                             output: made.output, warnings: made.warnings, figures: made.figures, error: failure,
                                             interrupted: interrupted, changedVariables: changed, silent: stmt.silent, definesFunction: definesFunction))
            }
            if let failure { throw failure }
            if stop { return }   // `return` at the top level ends the script
        }
    }

    /// Registers the functions a program defines (before it runs, so calls
    /// may come before definitions).
    private func defineFunctions(in program: [Stmt], source text: SourceText) throws {
        for stmt in program {
            guard case .function(let decl) = stmt.kind else { continue }
            let f = try Compiler(interpreter: self, scope: globalScope, source: text).function(decl)
            if builtins.contains(decl.name) && functionCell(decl.name).function == nil {
                session.warn("function '\(decl.name)' hides the built-in \(decl.name)(…) from now on")
            }
            functionCell(decl.name).function = f
        }
    }

    /// Whether `source` is an unfinished statement (an open bracket or an
    /// open block), so the REPL should read another line.
    public static func isIncomplete(_ source: String) -> Bool { Parser.isIncomplete(source) }

    /// The first and last line of each top-level statement of `source` (a
    /// function definition is one statement), in order: what a notebook
    /// needs to tell code from the comments between statements.
    public static func statementLines(_ source: String) throws(Diagnostic) -> [ClosedRange<Int>] {
        let text = SourceText(source, fileName: "")
        return try parse(text).map { stmt in
            let last = text.lineNumber(ofOffset: max(stmt.range.lowerBound, stmt.range.upperBound - 1))
            return stmt.location.line...max(stmt.location.line, last)
        }
    }

    /// Checks `source` for syntax errors without running it.
    public static func checkSyntax(_ source: String, fileName: String = "<input>") throws(Diagnostic) {
        _ = try parse(SourceText(source, fileName: fileName))
    }

    /// The program of `text`; a syntax error comes with its source line.
    static func parse(_ text: SourceText) throws(Diagnostic) -> [Stmt] {
        do {
            return try Parser.parse(text)
        } catch {
            throw diagnostic(error, at: SourceLocation(line: 1, column: 1)).attached(to: text)
        }
    }

    /// Any error as a diagnostic, located at `location` unless it knows its place.
    static func diagnostic(_ error: Error, at location: SourceLocation) -> Diagnostic {
        switch error {
        case let d as Diagnostic: return d
        case let e as LangError: return Diagnostic(e.message, at: e.location ?? location)
        default: return Diagnostic(message(of: error), at: location)
        }
    }

    /// Runs `body` on a thread with a 256 MB stack (address space reserved,
    /// memory used only as deep recursion needs it) and waits for it: user
    /// functions may recurse `maxCallDepth` deep, which the 8 MB of a main
    /// thread cannot hold. Under a tight address-space limit the stack is
    /// smaller (64 MB, then 16 MB), and if no thread can be made the body
    /// runs on the calling thread.
    public static func runWithLargeStack<T>(_ body: @escaping () -> T) -> T {
        let box = LargeStackBox(body)
        let work = ThreadWork { box.run() }
        for size in [256 << 20, 64 << 20, 16 << 20] {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(work).toOpaque()
            let created = pthread_create(&thread, &attributes, { raw in
                if let raw { Unmanaged<ThreadWork>.fromOpaque(raw).takeRetainedValue().run() }
                return nil
            }, context)
            if created == 0 {
                pthread_join(thread, nil)
                if let result = box.result { return result }
                break
            }
            Unmanaged<ThreadWork>.fromOpaque(context).release()
        }
        return body()
    }

    // MARK: Variables

    /// The names of the defined variables, sorted.
    public var variableNames: [String] {
        globalScope.names.enumerated().filter { globalFrame[$0.offset] != nil }.map(\.element).sorted()
    }

    /// The value of variable `name`, if defined.
    public func value(of name: String) -> Value? {
        globalScope.existingSlot(name).flatMap { globalFrame[$0] }
    }

    /// Defines variable `name` (for a host that injects values: `mamlsh
    /// script.maml seed=3`).
    public func setValue(_ value: Value, for name: String) {
        let slot = globalScope.slot(for: name)
        growGlobalFrame()
        globalFrame[slot] = value
    }

    /// Makes the global frame as large as the global scope (which grows as
    /// inputs bring new names); the running frame's view follows it.
    func growGlobalFrame() {
        let wasGlobal = globalStorage.owns(frame)
        globalStorage.grow(to: globalScope.count)
        if wasGlobal { frame = globalFrame }
    }

    /// Forgets the variables named (every variable for nil); functions and
    /// the generator stay as they are (`clear x y`, `clear all`).
    func forgetVariables(_ names: [String]?) {
        guard let names else {
            globalStorage.clear()
            return
        }
        for name in names {
            if let slot = globalScope.existingSlot(name) { globalFrame[slot] = nil }
        }
    }

    /// Forgets every variable and function and reseeds the generator with `options.seed`.
    public func clearVariables() {
        globalStorage.clear()
        for cell in functionCells.values { cell.function = nil }
        session.reseed(session.options.seed)
    }

    /// The variables by name (copy-on-write copies: cheap).
    private func snapshot() -> [String: Value] {
        var out: [String: Value] = [:]
        for (slot, name) in globalScope.names.enumerated() {
            if let v = globalFrame[slot] { out[name] = v }
        }
        return out
    }

    /// The names defined, removed or given a different value since `before`, sorted.
    private func changes(since before: [String: Value]) -> [String] {
        let now = snapshot()
        var names: [String] = []
        for (name, value) in now where !(before[name].map { $0.isEqual(to: value, nanEqual: true) } ?? false) {
            names.append(name)
        }
        for name in before.keys where now[name] == nil { names.append(name) }
        return names.sorted()
    }

    // MARK: Functions

    /// The cell through which calls reach the user function `name`.
    func functionCell(_ name: String) -> FunctionCell {
        if let c = functionCells[name] { return c }
        let c = FunctionCell(name: name)
        functionCells[name] = c
        return c
    }

    /// The names of the user functions defined, sorted.
    public var functionNames: [String] {
        functionCells.values.filter { $0.function != nil }.map(\.name).sorted()
    }

    /// `function r = gap(t, W)` for a user function, nil if there is none.
    public func functionHeader(_ name: String) -> String? {
        functionCells[name]?.function?.header
    }

    /// The user function `name`, if one is defined.
    func userFunction(_ name: String) -> UserFunction? {
        functionCells[name]?.function
    }

    // MARK: Help and completion

    /// Every built-in function and constant name, sorted.
    public var builtinNames: [String] { builtins.names }

    /// The help of a user function (its header and comment), a built-in
    /// (`signature — help`) or a constant; nil for an unknown name.
    public func help(for name: String) -> String? {
        if let f = functionCells[name]?.function {
            return f.help.isEmpty ? f.header : "\(f.header)\n\(f.help)"
        }
        if let f = builtins[name] { return "\(f.signature) — \(f.fullHelp)" }
        if let c = Builtins.constants[name] { return c.help }
        return nil
    }

    // MARK: Interruption and loops

    /// Throws "interrupted" when Ctrl-C was pressed.
    func checkInterruption(at location: SourceLocation) throws {
        if Interruption.requested { throw Diagnostic("interrupted", at: location) }
    }

    /// Runs a loop body `count` times: stops at Ctrl-C, takes `break` and
    /// `continue`, passes `return` up, reports progress now and then.
    @inline(__always)
    func loop(count: Int, at location: SourceLocation, _ body: (Int) throws -> Flow) throws -> Flow {
        try session.activity("for") { report in
            for k in 0..<count {
                if interruptRequested { throw Diagnostic("interrupted", at: location) }
                switch try body(k) {
                case .next, .continueLoop: break
                case .breakLoop: return .next
                case .returnFunction: return .returnFunction
                }
                // Every step of a short loop (whose steps may be slow), every
                // 1024th of a long one (whose steps are quick).
                if let report, k < 1024 || k & 1023 == 1023 || k + 1 == count { report(k + 1, count) }
            }
            return .next
        }
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

/// The work and result of `Interpreter.runWithLargeStack`, handed to the
/// other thread and back (the caller waits, so there is no concurrent use).
private final class LargeStackBox<T>: @unchecked Sendable {
    private let body: () -> T
    private(set) var result: T?
    init(_ body: @escaping () -> T) { self.body = body }
    func run() { result = body() }
}

/// A closure handed to a new thread through a C pointer.
private final class ThreadWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

import Foundation
import MAMLLang

/// The interactive session without the terminal: it takes the lines the
/// user types, gathers continuation lines while a bracket or a `for`/`if`
/// block is open, runs complete inputs, and carries out the `:` commands.
/// Every error is reported and the session goes on with its variables.
final class InteractiveSession {
    /// What to do after a line.
    enum Next: Equatable {
        case readMore
        case quit
        /// `exit(code)`: leave with this status.
        case exit(Int32)
    }

    let interpreter: Interpreter
    /// Where errors and command output go (standard error / output by default).
    let reportError: (String) -> Void
    let show: (String) -> Void
    /// The figures the session has shown (nil: it shows none).
    let figures: FigureGallery?

    /// The session as a script, for `:save`: each top-level statement that
    /// took effect, and for one that failed or was interrupted after
    /// changing variables, those variables' values (so the saved script
    /// replays to the same variables).
    private(set) var transcript: [TranscriptEntry] = []

    /// One entry of the transcript.
    enum TranscriptEntry {
        /// A statement that ran to its end: replaying it gives what it gave.
        case statement(String)
        /// What a statement left when it failed or was interrupted (replaying
        /// it would fail again, or run to the end): each variable it changed
        /// with its value then, nil for one it removed.
        case state(note: String, variables: [(name: String, value: Value?)])
    }
    /// Lines of an input still open (a bracket or a block).
    private var pending: [String] = []

    /// The `:` commands with their help.
    static let commands: [(name: String, usage: String, help: String)] = [
        ("help", ":help [name]", "list the built-ins, or show the help of one"),
        ("vars", ":vars", "the variables as Octave's whos: name, kind and size, bytes"),
        ("clear", ":clear", "forget every variable"),
        ("load", ":load FILE", "run a script in this session"),
        ("save", ":save FILE", "write the session so far as a script"),
        ("figures", ":figures", "list the figures shown in this session, with their PNG files"),
        ("quit", ":quit", "leave (Ctrl-D does too)"),
    ]

    /// The keys worth knowing, with what they do.
    static let keys: [(name: String, help: String)] = [
        ("Tab", "complete parameters (beta=), names, fields, files in a string"),
        ("Up, Down", "earlier inputs; a block typed over lines comes back whole"),
        ("Ctrl-C", "abandon the input, or stop a computation (variables are kept)"),
    ]

    /// `beforeReport` runs before an error is shown (the program clears its progress bar).
    init(interpreter: Interpreter, figures: FigureGallery? = nil,
         show: @escaping (String) -> Void = StandardStreams.writeOutput,
         reportError: @escaping (String) -> Void = StandardStreams.writeError,
         beforeReport: @escaping () -> Void = {}) {
        self.interpreter = interpreter
        self.figures = figures
        self.show = show
        self.reportError = { beforeReport(); reportError($0) }
    }

    /// The prompt for the next line.
    var prompt: String { pending.isEmpty ? "mamlsh> " : "   ...> " }

    /// Forgets a half-typed input (Ctrl-C).
    func abandonInput() { pending.removeAll() }

    /// Whether `line` would complete the input (a command, or the last line
    /// of a statement or block), rather than leave it open: the program
    /// records an input in the history as one entry when it is complete.
    func completesInput(_ line: String) -> Bool {
        if pending.isEmpty && line.trimmingCharacters(in: .whitespaces).hasPrefix(":") { return true }
        return !Interpreter.isIncomplete((pending + [line]).joined(separator: "\n"))
    }

    /// Handles one typed line.
    func handle(_ line: String) -> Next {
        if pending.isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(":") { return command(trimmed) }
            if trimmed.isEmpty { return .readMore }
        }
        pending.append(line)
        let source = pending.joined(separator: "\n")
        if Interpreter.isIncomplete(source) { return .readMore }
        pending.removeAll()
        return run(source, fileName: "<stdin>")
    }

    /// Runs a complete input, recording in the transcript what took effect.
    private func run(_ source: String, fileName: String) -> Next {
        do {
            try interpreter.executeStatements(source: source, fileName: fileName, trackChanges: true) { self.record($0) }
        } catch {
            if let code = error.exitCode { return .exit(code) }
            reportError(error.rendered() + "\n")
        }
        return .readMore
    }

    /// Adds one statement's effect to the transcript.
    private func record(_ outcome: StatementOutcome) {
        guard outcome.error != nil || outcome.interrupted else {
            transcript.append(.statement(outcome.source + (outcome.silent && !outcome.source.hasSuffix(";") ? ";" : "")))
            return
        }
        guard !outcome.changedVariables.isEmpty else { return }
        let firstLine = outcome.source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let what = outcome.error != nil ? "failed" : "was interrupted (Ctrl-C)"
        let note = "# what a statement left when it \(what) (line \(outcome.location.line): \(firstLine)\(outcome.source.contains("\n") ? " …" : ""))"
        transcript.append(.state(note: note, variables: outcome.changedVariables.map { ($0, interpreter.value(of: $0)) }))
    }

    // MARK: Completion

    /// What Tab offers at the end of `line` (the text before the cursor):
    /// after `:` at the start of an input the commands (`:lo` → `:load`),
    /// file names after `:load ` and `:save `, names after `:help `;
    /// otherwise the interpreter's completion, which sees the lines of the
    /// input typed so far (`Interpreter.completion(for:continuing:)`).
    func completion(for line: String) -> Completion {
        let scalars = Array(line.unicodeScalars)
        var lead = 0
        while lead < scalars.count && (scalars[lead] == " " || scalars[lead] == "\t") { lead += 1 }
        guard pending.isEmpty, lead < scalars.count, scalars[lead] == ":" else {
            return interpreter.completion(for: line, continuing: pending.joined(separator: "\n"))
        }
        guard let space = scalars[lead...].firstIndex(of: " ") else {
            var typed = String.UnicodeScalarView()
            typed.append(contentsOf: scalars[lead...])
            let names = InteractiveSession.commands.map { ":" + $0.name }.filter { $0.hasPrefix(String(typed)) }
            return Completion(candidates: names, start: lead)
        }
        var nameScalars = String.UnicodeScalarView()
        nameScalars.append(contentsOf: scalars[(lead + 1)..<space])
        var argumentStart = space
        while argumentStart < scalars.count && scalars[argumentStart] == " " { argumentStart += 1 }
        var argumentScalars = String.UnicodeScalarView()
        argumentScalars.append(contentsOf: scalars[argumentStart...])
        let argument = String(argumentScalars)
        switch String(nameScalars) {
        case "load", "save":
            // Session scripts are read and written relative to the current folder.
            return Completion(candidates: FilePaths.completions(of: argument, outputDirectory: nil), start: argumentStart)
        case "help":
            let names = Set(interpreter.functionNames + interpreter.builtinNames + InteractiveSession.commands.map(\.name))
            return Completion(candidates: names.filter { $0.hasPrefix(argument) }.sorted(), start: argumentStart)
        default:
            return Completion(candidates: [], start: scalars.count)
        }
    }

    // MARK: Commands

    private func command(_ text: String) -> Next {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "quit", "q", "exit": return .quit
        case "help": help(argument)
        case "vars": vars()
        case "clear":
            interpreter.clearVariables()
            show("cleared every variable\n")
        case "load": return load(argument)
        case "save": save(argument)
        case "figures": show(figures?.listing(columns: Terminal.columns() ?? 80) ?? "no figures: this session does not show them\n")
        default:
            let hint = Suggestions.hint(for: ":" + name, in: InteractiveSession.commands.map { ":" + $0.name })
            reportError("error: unknown command ':\(name)'\(hint) (:help lists the commands)\n")
        }
        return .readMore
    }

    private func help(_ name: String) {
        if name.isEmpty {
            var text = "Commands:\n"
            for c in InteractiveSession.commands {
                text += "  \(c.usage.padding(toLength: 14, withPad: " ", startingAt: 0)) \(c.help)\n"
            }
            text += "Keys:\n"
            for k in InteractiveSession.keys {
                text += "  \(k.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(k.help)\n"
            }
            if !interpreter.functionNames.isEmpty {
                text += "Your functions:\n"
                text += wrap(interpreter.functionNames, width: 78, indent: "  ")
            }
            text += "Built-ins (:help name for one; docs/builtins.md has them all):\n"
            text += wrap(interpreter.builtinNames, width: 78, indent: "  ")
            show(text)
            return
        }
        if let line = interpreter.help(for: name) {
            show(line + "\n")
        } else if let c = InteractiveSession.commands.first(where: { ":" + $0.name == name || $0.name == name }) {
            show("\(c.usage) — \(c.help)\n")
        } else {
            let hint = Suggestions.hint(for: name, in: interpreter.functionNames + interpreter.builtinNames)
            reportError("error: no function or built-in named '\(name)'\(hint)\n")
        }
    }

    private func vars() {
        show(VariableTable.text(for: interpreter))
    }

    private func load(_ path: String) -> Next {
        guard !path.isEmpty else {
            reportError("error: :load needs a file name\n")
            return .readMore
        }
        do {
            let source = try ScriptFile.read(path)
            try interpreter.executeStatements(source: source, fileName: path, trackChanges: true) { self.record($0) }
        } catch {
            if let code = error.exitCode { return .exit(code) }
            reportError(error.rendered() + "\n")
        }
        return .readMore
    }

    /// `:save FILE`: the transcript as a script. A value that has no
    /// literal (a run, a task set, a landscape) is written beside the script
    /// as JSON (`FILE-k-name.json`, read back by `load`), so the script
    /// replays to what the session holds; one that cannot be saved at all
    /// (a figure, a function) is named in a comment and in the report.
    private func save(_ path: String) {
        guard !path.isEmpty else {
            reportError("error: :save needs a file name\n")
            return
        }
        var lines = ["# mamlsh session, saved \(ISO8601DateFormatter().string(from: Date()))"]
        var sidecars: [(path: String, text: String)] = []
        var unsaved: [String] = []
        var statements = 0
        let stem = (path as NSString).deletingPathExtension
        for (k, entry) in transcript.enumerated() {
            switch entry {
            case .statement(let text):
                lines.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
                statements += 1
            case let .state(note, variables):
                lines.append(note)
                for (name, value) in variables {
                    guard let value else {
                        lines.append("clear \(name)")
                        continue
                    }
                    if let literal = value.sourceLiteral {
                        lines.append("\(name) = \(literal);")
                    } else if let json = try? value.jsonText() {
                        let file = "\(stem)-\(k + 1)-\(name).json"
                        sidecars.append((file, json))
                        lines.append("\(name) = load(\(Value.string(file).sourceLiteral ?? "\"\(file)\""));   # \(value.typeDescription), as the session held it")
                    } else {
                        lines.append("# \(name): \(value.typeDescription), which cannot be saved; not replayed")
                        unsaved.append("\(name) (\(value.typeDescription))")
                    }
                }
                statements += 1
            }
        }
        do {
            for sidecar in sidecars {
                try FilePaths.writeAtomically(sidecar.text, to: (sidecar.path as NSString).expandingTildeInPath)
            }
            try ScriptFile.write(lines.joined(separator: "\n") + "\n", to: path)
            var report = "saved \(statements) statement\(statements == 1 ? "" : "s") to \(path)"
            if !sidecars.isEmpty { report += " (and \(sidecars.count) value\(sidecars.count == 1 ? "" : "s") it loads beside it)" }
            show(report + "\n")
            if !unsaved.isEmpty {
                reportError("warning: the saved script does not replay \(unsaved.joined(separator: ", ")): such values cannot be saved\n")
            }
        } catch {
            reportError(error.rendered() + "\n")
        }
    }
}

/// Words laid out in lines of at most `width` characters.
func wrap(_ words: [String], width: Int, indent: String) -> String {
    var lines: [String] = []
    var current = indent
    for w in words {
        if current.count + w.count + 1 > width && current != indent {
            lines.append(current)
            current = indent
        }
        current += (current == indent ? "" : " ") + w
    }
    if current != indent { lines.append(current) }
    return lines.map { $0 + "\n" }.joined()
}


import Foundation

/// `source(path)`: another script run in the caller's scope.
extension Interpreter {
    /// Runs the script at `path` in the current scope and frame, as if its
    /// text stood where `source` is called. A relative path is found from
    /// the folder of the calling script (the current folder for `-e` code,
    /// standard input and the session). Its functions become global.
    func runSource(_ path: String, at location: SourceLocation, calledAt call: SourceLocation) throws {
        let resolved = resolveSourcePath(path)
        let text: String
        do {
            text = try FileReading.text(path: resolved, limit: FileReading.scriptLimit, accepting: .streams)
        } catch {
            throw Diagnostic(error.message, at: location)
        }
        if callDepth >= Interpreter.maxCallDepth {
            throw Diagnostic("source is nested deeper than \(Interpreter.maxCallDepth) levels (does a script source itself?)", at: location)
        }
        let source = SourceText(text, fileName: resolved)
        let callerFile = currentSource.fileName
        let savedSource = currentSource
        callDepth += 1
        currentSource = source
        defer {
            callDepth -= 1
            currentSource = savedSource
        }
        do {
            let program = try Interpreter.parse(source)
            for stmt in program {
                guard case .function(let decl) = stmt.kind else { continue }
                functionCell(decl.name).function = try Compiler(interpreter: self, scope: globalScope, source: source).function(decl)
            }
            let nodes = try Compiler(interpreter: self, scope: currentScope, source: source).compile(program)
            if currentScope === globalScope {
                growGlobalFrame()
            } else if let grown = frames.grow(frame, to: currentScope.count) {
                frame = grown
            }
            _ = try Block(nodes).run(self)
        } catch {
            var d = Interpreter.diagnostic(error, at: location).attached(to: source)
            if d.exitCode == nil {
                d.trace.append(Diagnostic.Call(function: "source(\"\(path)\")", fileName: callerFile, location: call))
            }
            throw d
        }
    }

    /// `path` resolved against the calling script's folder.
    private func resolveSourcePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        let caller = currentSource.fileName
        if !caller.isEmpty, !caller.hasPrefix("<") {
            let folder = (caller as NSString).deletingLastPathComponent
            return folder.isEmpty ? expanded : (folder as NSString).appendingPathComponent(expanded)
        }
        return expanded
    }
}

import Foundation
import MAMLLang

/// Scripts run without a terminal: output to standard output, the first
/// error to standard error, exit status 0 or 1.
enum Headless {
    /// Runs `source`; returns the exit status. With `notebookPath`, also
    /// writes the notebook of the run there (even when the script fails).
    static func run(source: String, fileName: String, outputDirectory: String?, notebookPath: String? = nil) -> Int32 {
        let bar = ProgressBar.ifTerminal()
        let options = InterpreterOptions(outputDirectory: outputDirectory, echo: .script,
                                         output: .standardOutput, progress: bar?.reporter)
        let interpreter = Interpreter(options: options)
        defer { bar?.clear() }
        var notebook = notebookPath.map { _ in Notebook(title: (fileName as NSString).lastPathComponent) }
        var status: Int32 = 0
        do {
            if notebook == nil {
                try interpreter.execute(source: source, fileName: fileName)
            } else {
                try interpreter.executeStatements(source: source, fileName: fileName) { notebook?.add($0) }
            }
        } catch {
            bar?.clear()
            let rendered = error.rendered()
            if let n = notebook, n.cells.last?.error == nil { notebook?.fail(rendered) }
            FileHandle.standardError.write(Data((rendered + "\n").utf8))
            status = 1
        }
        if let notebook, let notebookPath {
            do {
                try ScriptFile.write(notebook.html, to: notebookPath)
            } catch {
                fail("\(error)")
                status = 1
            }
        }
        return status
    }

    /// Reports a failure of the program itself.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("mamlsh: \(message)\n".utf8))
    }
}

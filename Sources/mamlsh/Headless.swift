import Foundation
import MAMLLang

/// Scripts run without a terminal: output to standard output, the first
/// error to standard error, exit status 0 or 1.
enum Headless {
    /// Runs `source`; returns the exit status.
    static func run(source: String, fileName: String, outputDirectory: String?) -> Int32 {
        let bar = ProgressBar.ifTerminal()
        let options = InterpreterOptions(outputDirectory: outputDirectory, echo: .script,
                                         output: .standardOutput, progress: bar?.reporter)
        let interpreter = Interpreter(options: options)
        defer { bar?.clear() }
        do {
            try interpreter.execute(source: source, fileName: fileName)
            return 0
        } catch {
            bar?.clear()
            FileHandle.standardError.write(Data((error.rendered() + "\n").utf8))
            return 1
        }
    }

    /// Reports a failure of the program itself.
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("mamlsh: \(message)\n".utf8))
    }
}

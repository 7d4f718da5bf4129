import Foundation

/// Where the interpreter writes what scripts print and echo. The program
/// passes standard output, the notebook a buffer, tests a string.
public struct OutputSink: Sendable {
    /// Writes a piece of text (already ending with a newline where one belongs).
    public let write: @Sendable (String) -> Void

    /// A sink calling `write` for every piece of text.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// The process's standard output (through `StandardStreams`, which ends
    /// the program when the output cannot be written).
    public static let standardOutput = OutputSink { text in
        StandardStreams.writeOutput(text)
    }

    /// The process's standard error (through `StandardStreams`).
    public static let standardError = OutputSink { text in
        StandardStreams.writeError(text)
    }

    /// Drops everything.
    public static let discard = OutputSink { _ in }
}

/// One report of progress of long work (a MAML run, a long loop).
public struct ProgressUpdate: Sendable, Equatable {
    /// What is running: "maml", "for".
    public var label: String
    /// Steps done so far.
    public var completed: Int
    /// Steps in all (completed == total at the end).
    public var total: Int

    public init(label: String, completed: Int, total: Int) {
        self.label = label
        self.completed = completed
        self.total = total
    }
}

/// Receives progress of long work; the program turns it into a bar on a
/// terminal (after a second, say). The interpreter itself never draws.
/// Only the outermost long activity reports (a loop of runs reports the loop).
public typealias ProgressReporter = @Sendable (ProgressUpdate) -> Void

/// The settings of an interpreter.
public struct InterpreterOptions: Sendable {
    /// Relative paths that `save` writes resolve against this directory
    /// (created when missing); `load` tries it before the current directory.
    /// nil: the current directory.
    public var outputDirectory: String?
    /// Where printed and echoed text goes.
    public var output: OutputSink
    /// Where warnings go (`warning(…)`, a near-singular `A \ b`): standard error by default.
    public var warnings: OutputSink
    /// Where the echo of statements goes (`x = 3`), when a host tells it
    /// apart from printed text (a notebook shows it as a result); nil: with
    /// the printed text, in `output`.
    public var echoOutput: OutputSink?
    /// Called with the progress of MAML runs and long loops.
    public var progress: ProgressReporter?
    /// The seed of the random generator at start (and after `clearVariables`).
    public var seed: UInt64
    /// Characters per line when matrices are shown (the terminal's width in
    /// the session; 80 otherwise): wider rows continue in column blocks.
    public var displayWidth: Int = 80
    /// Draws a figure that a statement shows (a figure echoed by a statement
    /// without `;`, or `show(f)`), after its echo text: the session draws it
    /// in the terminal, a Jupyter kernel sends it to the notebook. Nil: only
    /// the echo text. Called on the interpreter's thread; an error it throws
    /// stops the statement like any other.
    public var figureDisplay: (@Sendable (any FigureObject) throws -> Void)?
    /// Clears the screen (`clc`): the session clears the terminal. Nil (a
    /// script, a notebook): `clc` does nothing.
    public var clearScreen: (@Sendable () -> Void)?

    /// Options with defaults: current directory, standard output and error, seed 0.
    public init(outputDirectory: String? = nil,
                output: OutputSink = .standardOutput, warnings: OutputSink = .standardError,
                progress: ProgressReporter? = nil, seed: UInt64 = 0) {
        self.outputDirectory = outputDirectory
        self.output = output
        self.warnings = warnings
        self.echoOutput = nil
        self.progress = progress
        self.seed = seed
    }
}

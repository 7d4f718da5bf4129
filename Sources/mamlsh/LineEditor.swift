import CReadline
import Foundation
import MAMLLang

/// Line editing through GNU readline's callback interface: the editor waits
/// on standard input with poll(2), so that Ctrl-C (SIGINT, handled by
/// `Signals`) wakes it and abandons the line being typed instead of killing
/// the program. History is kept in a file between sessions; Tab completes
/// through a closure.
final class LineEditor {
    /// What reading a line produced.
    enum Input {
        /// A line (without its newline).
        case line(String)
        /// Ctrl-C: the line being typed was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or standard input closed.
        case endOfInput
    }

    /// Where history is kept.
    let historyPath: String
    /// Entries kept in the history file.
    static let historyLimit = 2000

    /// The completion source (the interpreter's `completions(for:)`).
    /// readline calls back through C function pointers, which cannot carry
    /// context, so the state they share lives in statics. readline runs on
    /// the main thread only (the session's loop), hence `nonisolated(unsafe)`.
    nonisolated(unsafe) private static var complete: ((String) -> [String])?
    /// Matches of the completion in progress, handed to readline one by one.
    nonisolated(unsafe) private static var pendingMatches: [String] = []
    /// The line delivered by readline's callback, if any.
    nonisolated(unsafe) private static var delivered: Input?

    /// Sets readline up: history from `historyPath`, completion via `complete`.
    init(historyPath: String, complete: @escaping (String) -> [String]) {
        self.historyPath = historyPath
        LineEditor.complete = complete
        // '.' is not a break character, so "run1.gr" completes as one word.
        mamlsh_rl_configure(strdup("mamlsh"), strdup(" \t\n()[]{},;=+-*/^'!<>&|:\""),
                            LineEditor.attemptCompletion)
        using_history()
        stifle_history(Int32(LineEditor.historyLimit))
        _ = read_history(historyPath)
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> Input {
        LineEditor.delivered = nil
        Signals.takeInterrupt()
        rl_callback_handler_install(prompt, LineEditor.lineHandler)
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: Signals.wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if Signals.takeInterrupt() {
                abandonLine()
                rl_callback_handler_remove()
                return .interrupted
            }
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if let input = LineEditor.delivered { return input }
            }
        }
    }

    /// Adds a line to the history and appends it to the history file.
    func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        add_history(line)
        if append_history(1, historyPath) != 0 {
            // The file does not exist yet: write the whole history once.
            _ = write_history(historyPath)
        }
        _ = history_truncate_file(historyPath, Int32(LineEditor.historyLimit))
    }

    /// Clears the half-typed line after Ctrl-C and moves to a fresh line.
    private func abandonLine() {
        StandardStreams.writeOutput("^C\n")
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_cleanup_after_signal()
        rl_replace_line("", 0)
    }

    /// readline's callback for a finished line (nil on end of input).
    private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
        rl_callback_handler_remove()
        guard let raw else {
            delivered = .endOfInput
            return
        }
        delivered = .line(String(cString: raw))
        free(raw)
    }

    /// readline's completion hook: the word under the cursor, completed by
    /// the interpreter (variables, built-ins, fields after a '.').
    private static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, end in
        mamlsh_rl_completion_over()
        guard let buffer = mamlsh_rl_line_buffer() else { return nil }
        let prefixBytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: Int(max(0, end)))
        let prefix = String(decoding: prefixBytes, as: UTF8.self)
        pendingMatches = complete?(prefix) ?? []
        if pendingMatches.count == 1, pendingMatches[0].hasSuffix(".") == false {
            mamlsh_rl_no_append_character()
        }
        return rl_completion_matches(text, LineEditor.nextMatch)
    }

    /// readline's generator: the next pending match as a malloc'ed string.
    private static let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
        guard !pendingMatches.isEmpty else { return nil }
        return strdup(pendingMatches.removeFirst())
    }
}

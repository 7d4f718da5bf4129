import CReadline
import Foundation
import MAMLLang

/// Line editing through GNU readline's callback interface: the editor waits
/// on standard input with poll(2), so that Ctrl-C (SIGINT, handled by
/// `Signals`) wakes it and abandons the line being typed instead of killing
/// the program. History is kept in a file between sessions (`HistoryFile`),
/// one entry per input: a block typed over several lines comes back whole
/// with Up, its lines joined by newlines, to be edited and run again. Tab
/// completes through a closure.
final class LineEditor {
    /// What reading a line produced.
    enum Input {
        /// A line (without its newline); a block recalled from history has
        /// its lines joined by newlines.
        case line(String)
        /// Ctrl-C: the line being typed was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or standard input closed.
        case endOfInput
        /// SIGTERM or SIGHUP: the program is asked to end (the line being typed is dropped).
        case terminated
    }

    /// Where history is kept.
    let history: HistoryFile
    /// Entries kept in the history file.
    static let historyLimit = 2000
    /// Entries in the file (it is rewritten with the newest `historyLimit`
    /// once it holds `historyLimit + 200`).
    private var entriesInFile: Int
    /// The newest entry (an input repeated right after itself is kept once).
    private var lastEntry: String?

    /// The completion source (the session's `completion(for:)`).
    /// readline calls back through C function pointers, which cannot carry
    /// context, so the state they share lives in statics. readline runs on
    /// the main thread only (the session's loop), hence `nonisolated(unsafe)`.
    nonisolated(unsafe) private static var complete: ((String) -> Completion)?
    /// Matches of the completion in progress, handed to readline one by one.
    nonisolated(unsafe) private static var pendingMatches: [String] = []
    /// The line delivered by readline's callback, if any.
    nonisolated(unsafe) private static var delivered: Input?

    /// Sets readline up: history from `historyPath`, completion via `complete`.
    init(historyPath: String, complete: @escaping (String) -> Completion) {
        history = HistoryFile(path: historyPath, limit: LineEditor.historyLimit)
        LineEditor.complete = complete
        // '.' is not a break character, so "run1.gr" completes as one word.
        mamlsh_rl_configure(strdup("mamlsh"), strdup(" \t\n()[]{},;=+-*/^'!<>&|:\""),
                            LineEditor.attemptCompletion)
        using_history()
        stifle_history(Int32(LineEditor.historyLimit))
        let entries = history.load()
        for entry in entries { add_history(entry) }
        entriesInFile = entries.count
        lastEntry = entries.last
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> Input {
        LineEditor.delivered = nil
        Signals.takeInterrupt()
        rl_callback_handler_install(prompt, LineEditor.lineHandler)
        while true {
            if Interruption.terminationSignal != nil {
                rl_callback_handler_remove()
                return .terminated
            }
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: Signals.wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if Signals.takeInterrupt() {
                if Interruption.terminationSignal != nil { continue }
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

    /// Adds an input (one line, or a block's lines joined by newlines) to
    /// the history and to the history file, unless it repeats the newest entry.
    func remember(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        history.append(entry)
        entriesInFile += 1
        if entriesInFile >= LineEditor.historyLimit + 200 {
            let kept = Array(history.load().suffix(LineEditor.historyLimit))
            history.rewrite(kept)
            entriesInFile = kept.count
        }
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

    /// readline's completion hook: the session completes the text before
    /// the cursor (`Completion`); each candidate replaces the text from the
    /// completion's start, which readline's word (from `start`, after the
    /// last break character) may begin after: the candidates are cut to
    /// readline's word (so `results/run1.csv` offers `run1.csv` after `/`).
    private static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, end in
        mamlsh_rl_completion_over()
        mamlsh_rl_no_append_character()
        guard let buffer = mamlsh_rl_line_buffer(), start >= 0, end >= start else { return nil }
        let typed = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: Int(end)))
        let prefix = String(decoding: typed, as: UTF8.self)
        guard Array(prefix.utf8) == typed, let complete else { return nil }
        pendingMatches = LineEditor.matches(complete(prefix), prefix: prefix, wordStart: Int(start))
        guard !pendingMatches.isEmpty else { return nil }
        return rl_completion_matches(text, LineEditor.nextMatch)
    }

    /// The completion's candidates as replacements of `prefix`'s bytes from
    /// `wordStart` on (the text each candidate does not keep is dropped).
    static func matches(_ completion: Completion, prefix: String, wordStart: Int) -> [String] {
        let typed = Array(prefix.utf8)
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: prefix.unicodeScalars.prefix(completion.start))
        let head = Array(String(kept).utf8)
        return completion.candidates.compactMap { candidate in
            let line = head + Array(candidate.utf8)
            guard line.count >= wordStart, wordStart <= typed.count, line[..<wordStart].elementsEqual(typed[..<wordStart])
            else { return nil }
            return String(decoding: line[wordStart...], as: UTF8.self)
        }
    }

    /// readline's generator: the next pending match as a malloc'ed string.
    private static let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
        guard !pendingMatches.isEmpty else { return nil }
        return strdup(pendingMatches.removeFirst())
    }
}

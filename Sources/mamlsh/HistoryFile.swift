import Foundation
import MAMLLang

/// The session's history file ($MAMLSH_HISTORY, or ~/.mamlsh_history): one
/// entry per input, a multi-line block (a `for`, a `function`, a bracket
/// spread over lines) being one entry.
///
/// The format is bash's and readline's with timestamps: each entry is a
/// line `#` + the seconds since 1970 (`#1718000000`), then the entry's lines
/// as typed. A line before the first timestamp is an entry of its own
/// (files written by earlier versions, one line per entry). A line of an
/// entry that would read as a timestamp (`#` and digits, then blanks) is
/// written with one more blank at its end, which reading removes.
struct HistoryFile {
    let path: String
    /// Entries kept (older ones are dropped when the file is rewritten).
    let limit: Int

    /// The entries of a history file's text, oldest first.
    static func decode(_ text: String) -> [String] {
        var entries: [String] = []
        var current: [String]?
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if isTimestamp(line) {
                if let current, !current.isEmpty { entries.append(current.joined(separator: "\n")) }
                current = []
            } else if current != nil {
                current?.append(unescaped(line))
            } else if !line.isEmpty {
                entries.append(line)
            }
        }
        if let current, !current.isEmpty { entries.append(current.joined(separator: "\n")) }
        return entries
    }

    /// The text of one entry in the file, with its timestamp line.
    static func encode(_ entry: String, time: Int) -> String {
        let lines = entry.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            looksLikeTimestamp(String(line)) ? line + " " : String(line)
        }
        return "#\(time)\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The entries in the file, oldest first (none when it cannot be read).
    /// A file with more than `limit` entries is rewritten with the newest.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries = HistoryFile.decode(String(decoding: data, as: UTF8.self))
        if entries.count > limit {
            let kept = Array(entries.suffix(limit))
            rewrite(kept)
            return kept
        }
        return entries
    }

    /// Appends an entry (one write, so sessions sharing the file do not
    /// interleave their lines). Errors are ignored: history is a convenience.
    func append(_ entry: String, time: Int = Int(Date().timeIntervalSince1970)) {
        let bytes = Array(HistoryFile.encode(entry, time: time).utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Replaces the file's entries with `entries` (written atomically).
    func rewrite(_ entries: [String]) {
        let now = Int(Date().timeIntervalSince1970)
        try? FilePaths.writeAtomically(entries.map { HistoryFile.encode($0, time: now) }.joined(), to: path)
    }

    /// `#` and digits only: a timestamp line.
    private static func isTimestamp(_ line: String) -> Bool {
        let s = line.unicodeScalars
        return s.count > 1 && s.first == "#" && s.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }

    /// `#` and digits then blanks: a line of an entry that is written with one more blank.
    private static func looksLikeTimestamp(_ line: String) -> Bool {
        var trimmed = Substring(line)
        while trimmed.last == " " { trimmed.removeLast() }
        return isTimestamp(String(trimmed))
    }

    /// A line as it was typed: one blank fewer after `#` and digits.
    private static func unescaped(_ line: String) -> String {
        line.hasSuffix(" ") && looksLikeTimestamp(line) ? String(line.dropLast()) : line
    }
}

import Foundation
import MAMLLang
import MAMLPlot

/// Questions the program asks the terminal once, at the start of the
/// session, before readline takes the terminal: its Device Attributes (DA1,
/// whose attribute 4 means sixel graphics) and, when the kernel does not
/// know it, the size of its text area in pixels (`CSI 14 t`).
///
/// Standard input is put in raw mode (no echo, no line buffering) while the
/// replies are read, and restored before returning, also when nothing comes
/// back. Every terminal answers DA1, so it is asked last and its reply ends
/// the wait; a terminal that answers nothing costs `timeout` once.
enum TerminalProbe {
    /// What the terminal said (nil: it said nothing, or was not asked).
    struct Answers: Equatable {
        /// The DA1 reply, e.g. `ESC [ ? 63 ; 1 ; 2 ; 4 c`.
        var deviceAttributes: String?
        /// The text area in pixels from a `CSI 4 ; height ; width t` reply.
        var windowPixels: PixelSize?
    }

    /// A size in whole pixels.
    struct PixelSize: Equatable {
        var width: Int
        var height: Int
    }

    /// How long to wait for the replies.
    static let timeout: TimeInterval = 0.5

    /// Asks the terminal on standard input and output (both must be it).
    static func ask(windowSize: Bool, timeout: TimeInterval = TerminalProbe.timeout) -> Answers {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { return Answers() }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return Answers() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return Answers() }
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }

        StandardStreams.writeOutput((windowSize ? "\u{1B}[14t" : "") + DeviceAttributes.query)
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while received.count < 4096 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, Int32(max(1, remaining * 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 256)
            let n = read(STDIN_FILENO, &chunk, chunk.count)
            guard n > 0 else { break }
            received += chunk[0..<n]
            if DeviceAttributes.parse(String(decoding: received, as: UTF8.self)) != nil { break }
        }
        return parse(String(decoding: received, as: UTF8.self))
    }

    /// The answers in what the terminal sent back.
    static func parse(_ reply: String) -> Answers {
        var answers = Answers()
        if DeviceAttributes.parse(reply) != nil { answers.deviceAttributes = reply }
        answers.windowPixels = windowPixels(in: reply)
        return answers
    }

    /// The size in a `ESC [ 4 ; height ; width t` reply (xterm's answer to `CSI 14 t`).
    static func windowPixels(in reply: String) -> PixelSize? {
        guard let start = reply.range(of: "\u{1B}[4;") else { return nil }
        let rest = reply[start.upperBound...]
        guard let end = rest.firstIndex(of: "t") else { return nil }
        let numbers = rest[..<end].split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 2, numbers[0] > 0, numbers[1] > 0 else { return nil }
        return PixelSize(width: numbers[1], height: numbers[0])
    }
}

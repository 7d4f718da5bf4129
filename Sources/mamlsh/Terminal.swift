import Foundation

/// What the program asks of the terminal.
enum Terminal {
    /// The width of the terminal on standard output, in characters (nil when
    /// it is not a terminal or does not say).
    static func columns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

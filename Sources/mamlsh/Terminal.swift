import Foundation
import MAMLPlot

/// What the program asks of the terminal.
enum Terminal {
    /// The width of the terminal on `descriptor` (standard output by
    /// default), in characters (nil when it is not a terminal or does not say).
    static func columns(of descriptor: Int32 = STDOUT_FILENO) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The size of the text area of the terminal on standard output in
    /// pixels, when the kernel knows it (`TIOCGWINSZ`'s `ws_xpixel` and
    /// `ws_ypixel`; many terminal emulators fill them in, some leave 0).
    static func pixelSize() -> TerminalProbe.PixelSize? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_xpixel > 0, size.ws_ypixel > 0 else { return nil }
        return TerminalProbe.PixelSize(width: Int(size.ws_xpixel), height: Int(size.ws_ypixel))
    }

    /// How the session shows figures: the protocol from `--images=`,
    /// `MAMLSH_IMAGES` or detection (none when standard output is not a
    /// terminal) (asking the terminal its Device
    /// Attributes when the environment does not decide), and a source of
    /// its pixel size (asking `CSI 14 t` once when the kernel does not
    /// know it). Call before readline takes the terminal.
    static func figureGallery(choice: TerminalImageChoice) -> FigureGallery {
        let environment = ProcessInfo.processInfo.environment
        if case .auto = choice, environment["MAMLSH_IMAGES"] == nil, isatty(STDOUT_FILENO) == 0 {
            // Output to a file or a pipe: no escape sequences in it.
            return FigureGallery(imageProtocol: .none)
        }
        let needsAttributes = TerminalImageProtocol.needsDeviceAttributes(environment: environment, choice: choice)
        let withoutReply = TerminalImageProtocol.detect(environment: environment, choice: choice)
        let needsSize = pixelSize() == nil && (needsAttributes || withoutReply != .none)
        var answers = TerminalProbe.Answers()
        if needsAttributes || needsSize {
            answers = TerminalProbe.ask(windowSize: needsSize)
        }
        let chosen = needsAttributes
            ? TerminalImageProtocol.detect(environment: environment, deviceAttributes: answers.deviceAttributes, choice: choice)
            : withoutReply
        let reported = answers.windowPixels
        return FigureGallery(imageProtocol: chosen, terminalPixels: { pixelSize() ?? reported })
    }
}

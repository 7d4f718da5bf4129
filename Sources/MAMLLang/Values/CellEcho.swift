/// Which echo of a notebook cell is its result (the kernel's cells and the
/// cells of `--notebook` files), as IPython decides: one result per cell,
/// the value the cell ends on. A statement's echo (`x = 3`) is held back;
/// when another echo comes, or printed text, a warning, a figure or an
/// error, the held echo is released as text of the cell's output stream, in
/// its place; the echo still held when the cell ends is the cell's result
/// (`execute_result`). A figure shown inline takes the place of its own echo
/// (`ans = figure: line plot, 1 line`): the image says it.
///
/// Texts are as the interpreter echoes them, ending with a newline; the
/// result is given without it.
public struct CellEcho {
    /// The echo held back, if any.
    private var held: String?

    /// The start of a cell: nothing held.
    public init() {}

    /// A statement echoed `text`; what to print before it (the echo held
    /// until now), if anything.
    public mutating func echoed(_ text: String) -> String? {
        defer { held = text }
        return held
    }

    /// Other output comes; the held echo, if any, to print before it.
    public mutating func release() -> String? {
        defer { held = nil }
        return held
    }

    /// `figure` is shown inline now: its own echo, if held, is dropped; any
    /// other held echo is returned, to print before the figure.
    public mutating func showing(_ figure: any FigureObject) -> String? {
        guard let text = held else { return nil }
        held = nil
        return CellEcho.isEcho(text, of: figure) ? nil : text
    }

    /// The cell ended: the cell's result (the held echo without its newline), if any.
    public mutating func end() -> String? {
        guard let text = release() else { return nil }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Whether `text` is the echo of `figure` (`name = <description>`, the
    /// description on the same line or, for a long one, under `name =`).
    static func isEcho(_ text: String, of figure: any FigureObject) -> Bool {
        let description = figure.displayText
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.hasSuffix(" = " + description) || body.hasSuffix(" =\n" + description)
    }
}

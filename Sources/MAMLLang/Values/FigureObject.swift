/// What the language knows of a figure, the value the plotting built-ins
/// return (MAMLFigures' `FigureValue`, drawn by MAMLPlot, which MAMLLang
/// does not import): a script object whose echo describes it, that
/// `save(f, "x.pdf")` writes, that a statement shows through the host's
/// `InterpreterOptions.figureDisplay`, and whose PNG a notebook embeds.
public protocol FigureObject: ScriptObject {
    /// The figure as PNG bytes at its own resolution (what a notebook or a
    /// Jupyter client embeds).
    func pngData() throws -> [UInt8]

    /// Writes the figure to `file` in the format its extension names
    /// (`.png`, `.pdf`, `.svg`): a relative path lands in `outputDirectory`
    /// (the current folder when nil), missing folders are created, and the
    /// write is atomic. Errors are `LangError`s without a location (the
    /// caller places them).
    func write(toFile file: String, outputDirectory: String?) throws
}

import MAMLLang

extension InterpreterOptions {
    /// Sets `figureDisplay` to `draw`, which gets each figure a statement
    /// shows (echoed without `;`, or `show(f)`) as MAMLFigures made it, with
    /// its MAMLPlot page: the hook of a host that renders figures itself —
    /// mamlsh's terminal images, a notebook's PNGs, the Jupyter kernel's
    /// display messages. A figure object of another kind (none is made) is
    /// not drawn.
    public mutating func drawFigures(with draw: @escaping @Sendable (FigureValue) throws -> Void) {
        figureDisplay = { shown in
            if let figure = shown as? FigureValue { try draw(figure) }
        }
    }
}

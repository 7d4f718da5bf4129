import MAMLLang

/// Which figures a notebook cell shows (the kernel's cells and the cells of
/// `--notebook` files), as matplotlib's inline backend decides: a figure a
/// statement echoes or `show(f)` shows appears then, once per cell; at the
/// end of the cell, each figure the cell made and did not show appears in
/// its last version — one image for a figure built up layer by layer in a
/// loop (`f = plot(f, …);`), none for the figures a `panels(…)` took in.
public struct CellFigures {
    /// The figures shown so far in the cell (held, so identity is meaningful).
    private var shown: [FigureValue] = []
    /// The last version of each figure the cell made, in the order the figures were first made.
    private var made: [FigureValue] = []

    public init() {}

    /// Notes that `figure` is shown now; false when this very figure was
    /// already shown in the cell (then it is not shown again).
    public mutating func show(_ figure: FigureValue) -> Bool {
        if shown.contains(where: { $0 === figure }) { return false }
        shown.append(figure)
        return true
    }

    /// Notes a figure a statement made (`outcome.figures`).
    public mutating func made(_ figure: FigureValue) {
        if let k = made.firstIndex(where: { $0.lineage == figure.lineage }) {
            made[k] = figure
        } else {
            made.append(figure)
        }
    }

    /// The figures to show as the cell ends, in order, and a fresh start for
    /// the next cell: the last version of each figure made, unless that
    /// version was shown or a figure of the cell took it in as a panel.
    public mutating func end() -> [FigureValue] {
        let absorbed = Set((made + shown).flatMap(\.absorbed))
        let pending = made.filter { figure in
            !absorbed.contains(figure.lineage) && !shown.contains { $0 === figure }
        }
        shown = []
        made = []
        return pending
    }
}

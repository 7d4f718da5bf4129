import MAMLLang

/// The figure built-ins — `plot` and its relatives, `heatmap`, `panels`,
/// `show`, … (FigureBuiltins+Plotting.swift) and the paper's figures of runs
/// and landscapes (FigureBuiltins+Paper.swift) — as a family of built-ins
/// that MAMLLang does not know: a program installs it into the library it
/// gives its interpreter, so that the language does not import MAMLPlot.
public enum FigureBuiltins {
    /// The family "Figures", which the reference lists after "Files".
    public static let family = BuiltinFamily("Figures", listedAfter: "Files", figures + plotting + poleZero)
}

extension BuiltinLibrary {
    /// MAMLLang's built-ins with the figures' family installed: what mamlsh,
    /// its Jupyter kernel and mamlbench run with.
    public static let withFigures = BuiltinLibrary.language.installing(FigureBuiltins.family)
}

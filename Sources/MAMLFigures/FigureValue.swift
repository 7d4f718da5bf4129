import Foundation
import MAMLLang
import MAMLPlot

/// The value the plotting built-ins return (docs/builtins.md, "Figures";
/// docs/language.md, "Figures"): a `MAMLPlot.Figure` ready to render, with a
/// one-line description and the files it has been written to.
///
/// Echoed as e.g. `figure: line plot, 4 curves (‖∇F(W)‖, log scale) →
/// figures/figure1.pdf` or `figure: panels, 4 panels (2×2)`. Fields: `.kind`
/// ("line plot", "scatter plot", "histogram", "bar chart", "heatmap", "panels", …),
/// `.title`, `.count` (curves, or trajectories of a heatmap), `.path` (the
/// file last written, as given; "" before any).
public final class FigureValue: FigureObject, Sendable {
    /// What MAMLPlot draws.
    public let figure: Figure
    /// The paper figure it was composed from, if any (what the built-in asked for).
    public let recipe: FigureRecipe?
    /// "line plot", "heatmap", "histogram", "panels", …
    public let kind: String
    /// Curves of a line plot, trajectories of a heatmap.
    public let count: Int
    /// What the echo says after the kind, e.g. "4 curves (‖∇F(W)‖, log scale)".
    public let details: String
    /// Files written so far, as the script named them (before `--out-dir`), oldest first.
    public let paths: [String]
    /// Which figure this is a version of: a new figure starts a lineage, and
    /// a layer added to it (`plot(f, …)`) or a write (`out=`) continues it.
    /// A notebook shows the last version of each figure a cell made (as
    /// matplotlib's inline backend shows each open figure once).
    public let lineage: Int
    /// The lineages of the figures this one holds as panels (`panels(a, b)`),
    /// and theirs: a notebook does not show those again on their own.
    public let absorbed: [Int]

    /// A figure with its description (and the files `out=` wrote it to):
    /// a new version of the figure `lineage` names, or a new figure.
    public init(_ figure: Figure, kind: String, count: Int, details: String, paths: [String] = [],
                recipe: FigureRecipe? = nil, lineage: Int? = nil, absorbed: [Int] = []) {
        self.lineage = lineage ?? FigureValue.lineages.next()
        self.absorbed = absorbed
        self.figure = figure
        self.recipe = recipe
        self.kind = kind
        self.count = count
        self.details = details
        self.paths = paths
    }

    /// The figure as PNG bytes at its dpi (for the notebook).
    public func pngData() throws -> [UInt8] {
        try figure.pngData()
    }

    /// Writes the figure to `file` in the format its extension names
    /// (relative paths land in `outputDirectory`; missing folders are
    /// created; the write is atomic): `save(f, "x.pdf")` and `out=`.
    public func write(toFile file: String, outputDirectory: String?) throws {
        do {
            let format = try FigureFormat(path: file)
            let path = FilePaths.forWriting(file, outputDirectory: outputDirectory)
            let folder = (path as NSString).deletingLastPathComponent
            try FilePaths.makeDirectories(folder.isEmpty ? "." : folder)
            try MAMLPlot.write(figure, to: path, format: format)
        } catch let e as PlotError {
            throw LangError(e.description)
        }
    }

    /// The same figure, noting that it was written to `path` (as the script
    /// named it). Values are immutable: a variable holding the figure before
    /// the write keeps its own list.
    func written(to path: String) -> FigureValue {
        FigureValue(figure, kind: kind, count: count, details: details,
                    paths: paths.filter { $0 != path } + [path], recipe: recipe, lineage: lineage, absorbed: absorbed)
    }

    // MARK: ScriptObject

    /// "figure".
    public var typeName: String { "figure" }

    /// `[figure: line plot]`.
    public var summary: String { "[figure: \(kind)]" }

    /// `figure: line plot, 4 curves (‖∇F(W)‖, log scale) → figures/figure1.pdf`.
    public var displayText: String {
        var text = "figure: \(kind)"
        if !details.isEmpty { text += ", \(details)" }
        if !paths.isEmpty { text += " → " + paths.joined(separator: ", ") }
        return text
    }

    /// The fields `.name` reads.
    public var fieldNames: [String] { ["kind", "title", "count", "path"] }

    /// The value of a field, nil for an unknown name.
    public func field(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(kind)
        case "title": return .string(figure.displayTitle ?? "")
        case "count": return .number(Double(count))
        case "path": return .string(paths.last ?? "")
        default: return nil
        }
    }
}

/// The paper figure a `FigureValue` was composed from.
public enum FigureRecipe: Sendable {
    /// Convergence curves of runs (`plot(r1, r2, …)`).
    case convergence(ConvergenceFigure)
    /// A landscape heatmap (`heatmap(L, …)`).
    case landscape(LandscapeFigure)
}

extension FigureValue {
    /// Numbers lineages, across threads (landscapes and kernels make figures off the main thread).
    static let lineages = LineageCounter()
}

/// A thread-safe counter of figure lineages.
final class LineageCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

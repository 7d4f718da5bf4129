import MAMLPlot

/// The value `plot(…)` and `heatmap(…)` return (SPEC §3 "Figures"): a
/// `MAMLPlot.Figure` ready to render, with a one-line description and the
/// files it has been written to.
///
/// Echoed as e.g. `figure: line plot, 4 curves (‖∇F(W)‖, log scale) →
/// figures/figure1.pdf`. Fields: `.kind` ("line plot" or "heatmap"),
/// `.title`, `.count` (curves, or trajectories of a heatmap), `.path` (the
/// file last written, as given; "" before any).
public final class FigureValue: ScriptObject {
    /// What MAMLPlot draws.
    public let figure: Figure
    /// "line plot" or "heatmap".
    public let kind: String
    /// Curves of a line plot, trajectories of a heatmap.
    public let count: Int
    /// What the echo says after the kind, e.g. "4 curves (‖∇F(W)‖, log scale)".
    public let details: String
    /// Files written so far, as the script named them (before `--out-dir`), oldest first.
    public private(set) var paths: [String] = []

    /// A figure with its description.
    public init(_ figure: Figure, kind: String, count: Int, details: String) {
        self.figure = figure
        self.kind = kind
        self.count = count
        self.details = details
    }

    /// The figure as PNG bytes at 2× pixel density (for the notebook).
    public func pngData() throws -> [UInt8] {
        try figure.pngData()
    }

    /// Notes that the figure was written to `path` (as the script named it).
    func recordWrite(_ path: String) {
        paths.removeAll { $0 == path }
        paths.append(path)
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
        case "title": return .string(figure.title ?? "")
        case "count": return .number(Double(count))
        case "path": return .string(paths.last ?? "")
        default: return nil
        }
    }
}

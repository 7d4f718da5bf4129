import MAMLLang

/// Which figure options each plotting built-in takes (docs/language.md,
/// "Figure options"), declared once: a built-in's parameters, the options
/// line of its help, and the message for an option that does not apply to
/// it all come from this table.
enum FigureOptionSets {
    /// Built-ins that take the same options, and what they draw (for the
    /// message saying why an option does not apply: "…, which draws bars").
    struct Entry {
        let names: [String]
        let options: [FigureOptionName]
        let draws: String
    }

    /// The options of every panel: its coordinate system and the page.
    static let common = FigureOptionName.axes + FigureOptionName.page

    static let line = FigureOptionName.line + common
    static let scatter: [FigureOptionName] = [.label, .color, .marker, .markersize, .linewidth, .alpha, .colormap, .clim, .colorbar_label, .ticklabels] + common
    /// Bars and shaded regions: `linewidth=` and `linestyle=` are their outline.
    static let fill: [FigureOptionName] = [.label, .color, .alpha, .linewidth, .linestyle] + common
    static let errorBar: [FigureOptionName] = [.label, .color, .linestyle, .marker, .markersize, .linewidth, .alpha] + common
    static let image: [FigureOptionName] = [.label, .colormap, .clim, .colorbar_label, .ticklabels] + common
    static let contour: [FigureOptionName] = [.label, .color, .colormap, .linestyle, .linewidth, .alpha] + common
    static let reference: [FigureOptionName] = [.label, .color, .linestyle, .linewidth, .alpha] + common
    static let text: [FigureOptionName] = [.color, .alpha] + common
    /// `panels(…)`: a title over all of them (a suptitle) and the page.
    static let panels: [FigureOptionName] = [.title] + FigureOptionName.page

    static let entries: [Entry] = [
        Entry(names: ["plot", "semilogx", "semilogy", "loglog", "stairs"], options: line, draws: "draws lines"),
        Entry(names: ["scatter"], options: scatter, draws: "draws markers without a line"),
        Entry(names: ["hist", "bar"], options: fill, draws: "draws filled bars"),
        Entry(names: ["band"], options: fill, draws: "draws a shaded region"),
        Entry(names: ["errorbar"], options: errorBar, draws: "draws points with error bars"),
        Entry(names: ["heatmap", "imagesc"], options: image, draws: "colours its cells through colormap="),
        Entry(names: ["contour"], options: contour, draws: "draws contour lines"),
        Entry(names: ["hline", "vline"], options: reference, draws: "draws a line across the plot"),
        Entry(names: ["text"], options: text, draws: "writes text"),
        Entry(names: ["panels"], options: panels, draws: "sets figures side by side"),
    ]

    /// The options built-in `name` takes (none for a name not in the table).
    static func options(of name: String) -> [FigureOptionName] {
        entries.first { $0.names.contains(name) }?.options ?? []
    }

    /// The plotting built-ins that take `option`, in the table's order.
    static func builtins(taking option: FigureOptionName) -> [String] {
        entries.filter { $0.options.contains(option) }.flatMap(\.names)
    }

    /// For each figure option built-in `name` does not take, the message
    /// saying why and where it applies.
    static func refusals(of name: String) -> [String: String] {
        guard let entry = entries.first(where: { $0.names.contains(name) }) else { return [:] }
        var messages: [String: String] = [:]
        for option in FigureOptionName.allCases where !entry.options.contains(option) {
            messages[option.rawValue] = refusal(option, name, draws: entry.draws)
        }
        return messages
    }

    /// Why `option` does not apply to built-in `name`, and where it does.
    private static func refusal(_ option: FigureOptionName, _ name: String, draws: String) -> String {
        let o = "\(option.rawValue)="
        if name == "panels" {
            let example = "e.g. a = plot(x, y, \(o)…); panels(a, b)"
            if FigureOptionName.axes.contains(option) {
                return "\(o) belongs to one panel: give it to that panel's own plot call, \(example); panels takes title= (over all panels), cols= and the page options"
            }
            return "\(o) styles what a plot call draws: give it to the panel's own plot call, \(example)"
        }
        let why: String
        switch (option, name) {
        case (.color, "heatmap"), (.color, "imagesc"):
            why = "which colours its cells through colormap="
        case (.alpha, "heatmap"), (.alpha, "imagesc"):
            why = "whose cells stay opaque so that their colours read true against the colour bar"
        case (.label, "text"):
            why = "whose text is its own label"
        case (.colormap, _):
            why = "which \(draws) in one colour (color=)"
        case (.clim, _), (.colorbar_label, _), (.ticklabels, _):
            why = "which \(draws) and has no colour bar"
        default:
            why = "which \(draws)"
        }
        let takers = builtins(taking: option).filter { $0 != "panels" }
        return "\(o) does not apply to \(name), \(why); \(o) applies to \(takers.joined(separator: ", "))"
    }
}

/// A file format figures can be written in.
public enum FigureFormat: String, CaseIterable, Equatable, Sendable {
    /// Portable Network Graphics, at 2× pixel density by default.
    case png
    /// Portable Document Format, vector.
    case pdf
    /// Scalable Vector Graphics, vector.
    case svg

    /// The format named by `path`'s extension (case-insensitive).
    ///
    /// - Throws: `PlotError.unsupportedFormat` naming the extension (or its
    ///   absence) and the supported ones.
    public init(path: String) throws {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let ext: String
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            ext = String(name[name.index(after: dot)...])
        } else {
            ext = ""
        }
        guard let format = FigureFormat(rawValue: ext.lowercased()) else {
            throw PlotError.unsupportedFormat(path: path, extension: ext)
        }
        self = format
    }
}

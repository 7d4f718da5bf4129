/// Errors of the figure library, each with a message fit to show a user.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// The output path's extension is not one of the supported formats.
    case unsupportedFormat(path: String, extension: String)
    /// The file could not be written; `reason` is the system's explanation,
    /// e.g. "No such file or directory" or "Permission denied".
    case cannotWrite(path: String, reason: String)
    /// Arrays that must agree in length or shape do not.
    case shapeMismatch(String)
    /// Values that cannot be drawn at all (e.g. a non-finite grid coordinate).
    case invalidData(String)
    /// An input beyond the sizes the renderer accepts.
    case tooLarge(String)
    /// A figure size that is not positive and finite, or too small to hold a plot.
    case invalidSize(String)
    /// Cairo reported an error while drawing or encoding.
    case renderingFailed(String)

    /// The message, e.g. `cannot write figures/x.png: Permission denied`.
    public var description: String {
        switch self {
        case let .unsupportedFormat(path, ext):
            let what = ext.isEmpty ? "\(path) has no file extension" : "unsupported figure format \".\(ext)\" for \(path)"
            return "\(what): use .png, .pdf or .svg"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .shapeMismatch(message), let .invalidData(message), let .tooLarge(message),
             let .invalidSize(message):
            return message
        case let .renderingFailed(message):
            return "cannot draw the figure: \(message)"
        }
    }
}

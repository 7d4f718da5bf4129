import Foundation

/// The notebook file `--notebook` writes, by its extension.
enum NotebookFormat {
    /// A Jupyter notebook (nbformat 4.5).
    case ipynb
    /// One self-contained HTML page.
    case html

    /// The format `path`'s extension names; an unknown extension is an error.
    init(path: String) throws {
        switch (path as NSString).pathExtension.lowercased() {
        case "ipynb": self = .ipynb
        case "html", "htm": self = .html
        default: throw ProgramError("--notebook writes .ipynb (Jupyter) or .html files (the file is '\(path)')")
        }
    }

    /// The notebook's text in this format.
    func document(_ notebook: NotebookRecording) throws -> String {
        switch self {
        case .ipynb: return try IPYNBWriter.document(notebook, version: mamlshVersion)
        case .html: return HTMLWriter.page(notebook, version: mamlshVersion)
        }
    }
}

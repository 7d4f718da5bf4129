import Foundation

/// A notebook run as a Jupyter notebook, nbformat 4.5 (with cell ids), the
/// file JupyterLab, VS Code and GitHub open as any executed notebook: text
/// cells as Markdown, code cells with their execution count and outputs
/// (`stream`, `execute_result`, `display_data` with an inline PNG, `error`).
enum IPYNBWriter {
    static func document(_ notebook: NotebookRecording, version: String) throws -> String {
        var cells: [[String: Any]] = []
        for (k, cell) in notebook.cells.enumerated() {
            let id = "cell-\(k + 1)"
            switch cell.kind {
            case .markdown:
                cells.append(["cell_type": "markdown", "id": id, "metadata": [String: Any](), "source": lines(cell.source)])
            case .code:
                let run = notebook.runs[k]
                var metadata: [String: Any] = [:]
                if run?.interrupted == true { metadata["mamlsh"] = ["interrupted": true] }
                cells.append([
                    "cell_type": "code", "id": id, "metadata": metadata, "source": lines(cell.source),
                    "execution_count": run.map { $0.executionCount as Any } ?? NSNull(),
                    "outputs": (run?.outputs ?? []).map { output($0, count: run?.executionCount ?? 0) },
                ])
            }
        }
        if let error = notebook.syntaxError {
            cells.append(["cell_type": "markdown", "id": "cell-syntax-error", "metadata": [String: Any](),
                          "source": lines("**The script did not run:**\n\n```\n\(error)\n```")])
        }
        var metadata: [String: Any] = [
            "kernelspec": ["name": "mamlsh", "display_name": "mamlsh", "language": "mamlsh"],
            "language_info": ["name": "mamlsh", "version": version, "mimetype": "text/x-mamlsh",
                              "file_extension": ".maml", "codemirror_mode": "octave", "pygments_lexer": "octave"],
        ]
        if let signal = notebook.interruptedBy { metadata["mamlsh"] = ["interrupted": true, "signal": signal] as [String: Any] }
        let document: [String: Any] = ["cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func output(_ o: NotebookRecording.Output, count: Int) -> [String: Any] {
        switch o {
        case let .stream(name, text):
            return ["output_type": "stream", "name": name, "text": lines(text)]
        case .result(let text):
            return ["output_type": "execute_result", "execution_count": count, "data": ["text/plain": lines(text)],
                    "metadata": [String: Any]()]
        case let .figure(png, width, height, text):
            return ["output_type": "display_data",
                    "data": ["image/png": Data(png).base64EncodedString(), "text/plain": lines(text)],
                    "metadata": ["image/png": ["width": width, "height": height]]]
        case let .error(name, message, traceback):
            return ["output_type": "error", "ename": name, "evalue": message, "traceback": traceback]
        }
    }

    /// A multiline string as nbformat stores it: lines keeping their "\n".
    static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

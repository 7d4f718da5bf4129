"""Notebooks: one executed headless by nbclient with the installed mamlsh
kernel spec, and the .ipynb files `mamlsh --notebook` writes, validated
against the nbformat schema. Run by JupyterTests.swift."""
import base64
import sys

import nbformat
from nbclient import NotebookClient

CHECKS = 0


def check(condition, message):
    global CHECKS
    if not condition:
        print("FAILED: " + message, flush=True)
        sys.exit(1)
    CHECKS += 1
    print("ok: " + message, flush=True)


def main():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "mamlsh", "display_name": "mamlsh", "language": "mamlsh"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A test"),
        nbformat.v4.new_code_cell("x = 2"),
        nbformat.v4.new_code_cell('y = x * 3;\nprintf("%d\\n", y)'),
        nbformat.v4.new_code_cell("f = plot([1 2 3], [2 4 3]);"),
        nbformat.v4.new_code_cell("function r = twice(v)\n  r = 2 * v;\nend\ntwice(y)"),
    ]
    NotebookClient(nb, timeout=60, kernel_name="mamlsh").execute()
    nbformat.validate(nb)
    cells = nb.cells
    check(cells[1].outputs[0].output_type == "execute_result" and cells[1].outputs[0].data["text/plain"] == "x = 2",
          "nbclient: a result")
    check(cells[2].outputs == [nbformat.v4.new_output("stream", name="stdout", text="6\n")], "nbclient: a stream")
    png = base64.b64decode(cells[3].outputs[0].data["image/png"])
    check(cells[3].outputs[0].output_type == "display_data" and png[:4] == b"\x89PNG", "nbclient: a figure")
    check(cells[4].outputs[0].data["text/plain"] == "ans = 12", "nbclient: a function defined in a cell")
    check(nb.metadata["language_info"]["name"] == "mamlsh", "nbclient records the language")

    for path in sys.argv[1:]:
        written = nbformat.read(path, as_version=4)
        nbformat.validate(written)
        check(written.nbformat == 4 and written.nbformat_minor == 5 and all("id" in c for c in written.cells),
              "%s is valid nbformat 4.5 with cell ids" % path)
    print(f"all {CHECKS} checks passed", flush=True)


if __name__ == "__main__":
    main()

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


def shown(output):
    """What an output shows, as compared between the kernel and `--notebook`
    (an error by its name and message: its location names the cell or the script)."""
    kind = output.output_type
    if kind == "stream":
        return (kind, output.name, output.text)
    if kind == "error":
        return (kind, output.ename, output.evalue)
    return (kind, output.data["text/plain"])


def check_agreement(path):
    """The notebook `mamlsh --notebook` wrote at `path` and the same code cells
    run by the kernel through nbclient show the same outputs."""
    written = nbformat.read(path, as_version=4)
    code = [c for c in written.cells if c.cell_type == "code"]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "mamlsh", "display_name": "mamlsh", "language": "mamlsh"}
    nb.cells = [nbformat.v4.new_code_cell(c.source) for c in code]
    NotebookClient(nb, timeout=60, kernel_name="mamlsh", allow_errors=True).execute()
    for k, (script_cell, kernel_cell) in enumerate(zip(code, nb.cells)):
        expected = [shown(o) for o in script_cell.outputs]
        got = [shown(o) for o in kernel_cell.outputs]
        check(got == expected, "cell %d: the kernel shows what --notebook wrote:\n  kernel   %r\n  notebook %r"
              % (k + 1, got, expected))
    results = [sum(o.output_type == "execute_result" for o in c.outputs) for c in code]
    check(all(n <= 1 for n in results), "at most one result per cell: %r" % results)


def main():
    arguments = sys.argv[1:]
    if arguments[:1] == ["--agree"]:
        check_agreement(arguments[1])
        arguments = arguments[2:]
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

    for path in arguments:
        written = nbformat.read(path, as_version=4)
        nbformat.validate(written)
        check(written.nbformat == 4 and written.nbformat_minor == 5 and all("id" in c for c in written.cells),
              "%s is valid nbformat 4.5 with cell ids" % path)
    print(f"all {CHECKS} checks passed", flush=True)


if __name__ == "__main__":
    main()

"""End-to-end tests of the mamlsh Jupyter kernel with the real jupyter_client.

Run by JupyterTests.swift with JUPYTER_PATH pointing at a kernel spec
installed by `mamlsh --install-kernel --prefix`. Exits non-zero with a
message on the first failed check; prints one line per check passed and the
timings measured.
"""
import base64
import os
import re
import struct
import sys
import time
import xml.etree.ElementTree as ElementTree
import zlib

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

CHECKS = 0


def check(condition, message):
    global CHECKS
    if not condition:
        print("FAILED: " + message, flush=True)
        sys.exit(1)
    CHECKS += 1
    print("ok: " + message, flush=True)


def run(kc, code, timeout=60, silent=False):
    """Executes code; returns (iopub outputs, reply content)."""
    msg_id = kc.execute(code, silent=silent)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append((kind, msg["content"], msg.get("metadata", {})))
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return outputs, reply["content"]


def of_type(outputs, kind):
    return [content for (k, content, _) in outputs if k == kind]


def kinds_of(outputs):
    """The types of the outputs a notebook keeps (streams, results, figures, errors), in order."""
    return [k for (k, _, _) in outputs if k in ("stream", "execute_result", "display_data", "error")]


def statuses(kc, msg_ids, timeout=30):
    """The status of the execute_reply to each of msg_ids, in their order."""
    got = {}
    deadline = time.time() + timeout
    while len(got) < len(msg_ids) and time.time() < deadline:
        msg = kc.get_shell_msg(timeout=timeout)
        parent = msg["parent_header"].get("msg_id")
        if parent in msg_ids:
            got[parent] = msg["content"]["status"]
    return [got.get(m) for m in msg_ids]


def png_rgba(path):
    """The pixels of an 8-bit RGBA PNG as rows of (r, g, b, a), decoded with zlib (the PNG filters undone)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    if (depth, colour) != (8, 6):
        return None   # not 8-bit RGBA: no alpha channel
    raw, stride, rows, previous = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - 4] if i >= 4 else 0
            up = previous[i]
            corner = previous[i - 4] if i >= 4 else 0
            if kind == 1:
                row[i] = (row[i] + left) & 255
            elif kind == 2:
                row[i] = (row[i] + up) & 255
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(row[x * 4:x * 4 + 4]) for x in range(width)])
        previous = row
    return rows


def check_kernel_spec():
    """The logos: PNGs transparent outside the rounded square, and an SVG beside them."""
    spec = KernelSpecManager().get_kernel_spec("mamlsh")
    files = sorted(os.listdir(spec.resource_dir))
    check(files == ["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"], "the kernel spec's files: %r" % files)
    for size in [32, 64]:
        rows = png_rgba(os.path.join(spec.resource_dir, "logo-%dx%d.png" % (size, size)))
        check(rows is not None and len(rows) == size and len(rows[0]) == size, "logo-%dx%d.png is %d×%d RGBA" % (size, size, size, size))
        corners = [rows[0][0][3], rows[0][-1][3], rows[-1][0][3], rows[-1][-1][3]]
        middle = rows[size // 2][size // 2][3]
        check(corners == [0, 0, 0, 0] and middle == 255,
              "logo-%dx%d.png is transparent in its corners, opaque inside: corners %r, middle %d" % (size, size, corners, middle))
    svg = ElementTree.parse(os.path.join(spec.resource_dir, "logo-svg.svg")).getroot()
    check(svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") is not None
          and len(list(svg.iter())) > 10, "logo-svg.svg is an SVG document: %s %r" % (svg.tag, svg.attrib))


def check_one_result_per_cell(kc):
    """Only a cell's last echo is its execute_result; earlier ones are stream text, in order; a figure shown inline
    comes without its echo text; the figures a cell made with ; follow its result (as matplotlib's inline backend)."""
    outputs, reply = run(kc, "T = 1\nr = 2")
    kinds = kinds_of(outputs)
    check(reply["status"] == "ok" and kinds == ["stream", "execute_result"], "an echo, then the result: %r" % kinds)
    check(of_type(outputs, "stream") == [{"name": "stdout", "text": "T = 1\n"}]
          and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "r = 2"
          and of_type(outputs, "execute_result")[0]["execution_count"] == reply["execution_count"],
          "the earlier echo is stream text, the last the cell's one result: %r" % outputs)
    outputs, _ = run(kc, 'x = 3\nprintf("hi %d\\n", x);\ny = x * 2;')
    check(of_type(outputs, "execute_result") == [] and of_type(outputs, "stream") == [{"name": "stdout", "text": "x = 3\nhi 3\n"}],
          "an echo followed by printed text stays in order, in one stream: %r" % outputs)
    outputs, _ = run(kc, "plot([1 2 3])")
    kinds = kinds_of(outputs)
    check(kinds == ["display_data"], "a figure shown inline comes without its echo 'ans = figure: …': %r"
          % [(k, c.get("text") or c.get("data", {}).get("text/plain")) for (k, c, _) in outputs])
    outputs, _ = run(kc, "q = 2\nf = plot([1 2]);")
    kinds = kinds_of(outputs)
    check(kinds == ["execute_result", "display_data"], "the result, then the figure the cell made with ;: %r" % kinds)
    outputs, reply = run(kc, "a1 = 1\nb1 = nope_nope")
    kinds = kinds_of(outputs)
    check(reply["status"] == "error" and kinds == ["stream", "error"]
          and of_type(outputs, "stream")[0]["text"] == "a1 = 1\n", "a failing cell has no result: %r" % kinds)


def check_streams(kc):
    """Text printed within 200 ms is one stream message; text is sent within 200 ms even when nothing follows."""
    outputs, _ = run(kc, 'for i in 1:5\n  printf("%d\\n", i);\n  tic; while toc() < 0.02; end\nend')
    streams = of_type(outputs, "stream")
    check(streams == [{"name": "stdout", "text": "1\n2\n3\n4\n5\n"}],
          "lines printed over 100 ms are one stream message: %r" % streams)
    outputs, _ = run(kc, 'printf("a\\n");\ntic; while toc() < 0.6; end\nprintf("b\\n");')
    streams = of_type(outputs, "stream")
    check(streams == [{"name": "stdout", "text": "a\n"}, {"name": "stdout", "text": "b\n"}],
          "text is sent 200 ms after it is printed, not when more comes: %r" % streams)
    outputs, _ = run(kc, 'printf("1\\n");\nwarning("w");\nprintf("2\\n");\nprintf("3\\n");')
    streams = of_type(outputs, "stream")
    check(streams == [{"name": "stdout", "text": "1\n"}, {"name": "stderr", "text": "warning: w\n"},
                      {"name": "stdout", "text": "2\n3\n"}], "streams keep their order: %r" % streams)


def check_completion_and_help(kc):
    """Completion metadata (_jupyter_types_experimental, which JupyterLab reads) and help sent as paragraphs."""
    code = "maml(T, [1 -2], be"
    content = kc.complete(code, len(code), reply=True, timeout=10)["content"]
    types = content["metadata"].get("_jupyter_types_experimental")
    check(isinstance(types, list) and len(types) == len(content["matches"]), "completion metadata: %r" % content["metadata"])
    check([t["text"] for t in types] == content["matches"]
          and all(t["start"] == content["cursor_start"] and t["end"] == content["cursor_end"] for t in types),
          "each entry's text and range are its match's: %r" % types)
    by_text = {t["text"]: t for t in types}
    check(content["matches"][0] == "beta=" and by_text["beta="]["type"] == "param" and by_text["beta_bound"]["type"] == "function",
          "a named parameter is a param, first; a built-in a function: %r" % types)
    check(by_text["beta_bound"]["signature"].startswith("beta_bound(") and by_text["beta="]["signature"] == "",
          "a function's signature: %r" % types)
    run(kc, "vv_one = 1;")
    content = kc.complete("vv_", 3, reply=True, timeout=10)["content"]
    types = content["metadata"]["_jupyter_types_experimental"]
    check([(t["text"], t["type"]) for t in types] == [("vv_one", "instance")], "a variable is an instance: %r" % types)
    content = kc.inspect("maml(T", 2, reply=True, timeout=10)["content"]
    text = content["data"]["text/plain"]
    lines = text.split("\n")
    check("and one entry per iterate in .F" in text and all(line.endswith(".") for line in lines[1:] if line),
          "help is sent as paragraphs, one a line, for the front end to wrap: %r" % lines)


def check_aborts(km, kc):
    """After a failed cell, the execute requests queued behind it are aborted (ipykernel's stop_on_error)."""
    slow = "tic; while toc() < 0.3; end"
    ids = [kc.execute(slow), kc.execute("nope_abort + 1"), kc.execute("after_1 = 1"), kc.execute("after_2 = 2")]
    got = statuses(kc, ids)
    check(got == ["ok", "error", "aborted", "aborted"], "the requests queued behind an error are aborted: %r" % got)
    outputs, reply = run(kc, 'exist("after_1") + exist("after_2")')
    check(reply["status"] == "ok" and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "ans = 0",
          "aborted cells did not run, and the next request runs")
    ids = [kc.execute(slow), kc.execute("nope_abort + 1", stop_on_error=False), kc.execute("after_3 = 3"), kc.execute("after_4 = 4")]
    got = statuses(kc, ids)
    check(got == ["ok", "error", "ok", "ok"], "stop_on_error=False aborts nothing: %r" % got)
    ids = [kc.execute("before_5 = 5"), kc.execute("while true; end"), kc.execute("after_6 = 6"), kc.execute("after_7 = 7")]
    time.sleep(0.8)
    km.interrupt_kernel()
    got = statuses(kc, ids)
    check(got == ["ok", "error", "aborted", "aborted"], "after an interrupt too: %r" % got)
    outputs, reply = run(kc, 'exist("before_5") * 10 + exist("after_6") + exist("after_7")')
    check(of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "ans = 10", "only the cell before ran")


def main():
    check_kernel_spec()
    t0 = time.time()
    km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=60)
    started = time.time() - t0
    print(f"timing: start to kernel_info_reply {started:.3f} s", flush=True)

    info = kc.kernel_info(reply=True, timeout=10)["content"]
    language = info["language_info"]
    check(info["protocol_version"] == "5.3", "protocol 5.3")
    check(language["name"] == "mamlsh" and language["file_extension"] == ".maml"
          and language["mimetype"] == "text/x-mamlsh" and language["codemirror_mode"] == "octave"
          and language["pygments_lexer"] == "octave", "language_info")

    # Streams, results, execution counts.
    outputs, reply = run(kc, 'x = 3\nprintf("hi %d\\n", x);\ny = x * 2;')
    check(reply["status"] == "ok", "a cell runs")
    streams = of_type(outputs, "stream")
    check(streams == [{"name": "stdout", "text": "x = 3\nhi 3\n"}], "printed text is a stdout stream: " + repr(streams))
    inputs = of_type(outputs, "execute_input")
    check(inputs and inputs[0]["execution_count"] == reply["execution_count"] == 1, "execute_input and the count")
    outputs, reply = run(kc, "x")
    results = of_type(outputs, "execute_result")
    check(len(results) == 1 and results[0]["data"]["text/plain"] == "x = 3", "the echo is an execute_result: " + repr(results))
    _, reply = run(kc, "y")
    check(reply["execution_count"] == 3, "the count goes up")
    _, reply = run(kc, "z = 1", silent=True)
    outputs, reply = run(kc, "z")
    check(reply["execution_count"] == 4 and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "z = 1",
          "a silent cell runs but is not counted")

    # Warnings go to stderr.
    outputs, _ = run(kc, 'warning("careful %d", 2)')
    check(of_type(outputs, "stream") == [{"name": "stderr", "text": "warning: careful 2\n"}], "warnings are a stderr stream")

    # Figures: inline PNG at twice the density, shown once.
    outputs, reply = run(kc, "f = plot([1 2 3], [1 4 9], title=\"squares\");\ng = plot([1 2 3], [3 2 1])")
    displays = of_type(outputs, "display_data")
    check(reply["status"] == "ok" and len(displays) == 2, "each figure a statement makes is shown once: %d" % len(displays))
    png = base64.b64decode(displays[0]["data"]["image/png"])
    check(png[:8] == b"\x89PNG\r\n\x1a\n", "the figure is a PNG")
    width = int.from_bytes(png[16:20], "big")
    metas = [m for (k, _, m) in outputs if k == "display_data"]
    shown = displays[0]["metadata"]["image/png"]["width"]
    check(abs(shown * 2 - width) <= 1, "shown at half its pixel width (2x density): %d px, %d shown" % (width, shown))
    # A figure made with ; and shown again in the same cell is shown once; in the next cell, show shows it again.
    outputs, reply = run(kc, "h = plot([1 2 3], [2 2 2]);\nshow(h)\nshow(h)")
    check(reply["status"] == "ok" and len(of_type(outputs, "display_data")) == 1,
          "a figure is shown once per cell: %d" % len(of_type(outputs, "display_data")))
    outputs, reply = run(kc, "show(h)")
    check(len(of_type(outputs, "display_data")) == 1, "show(h) in a later cell shows it")
    # A figure built layer by layer with ; shows once, in its last version, at the end of the cell (as
    # matplotlib's inline backend); panels show as one figure, not again as their parts.
    outputs, reply = run(kc, "f = plot([1 2 3]);\nfor i in 1:5\n  f = plot(f, [3 2 1] * i);\nend\nprintf(\"done\\n\");")
    kinds = [k for (k, _, _) in outputs if k in ("display_data", "stream")]
    check(kinds == ["stream", "display_data"], "one figure, after the cell's output: %r" % kinds)
    outputs, reply = run(kc, "a = plot([1 2]);\nb = plot([2 1]);\np = panels(a, b);")
    check(len(of_type(outputs, "display_data")) == 1, "panels show once: %d" % len(of_type(outputs, "display_data")))

    # Errors: located, with the source line.
    outputs, reply = run(kc, "a = 1\nb = undefined_thing + 1")
    check(reply["status"] == "error" and reply["evalue"] == "unknown name 'undefined_thing'", "an error reply: " + repr(reply))
    errors = of_type(outputs, "error")
    check(len(errors) == 1 and errors[0]["traceback"][0].startswith("In[") and ":2:5: error: unknown name" in errors[0]["traceback"][0]
          and errors[0]["traceback"][1].endswith("b = undefined_thing + 1"), "the error is located: " + repr(errors))
    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "docs", "notebooks.md")
    with open(docs) as f:
        text = f.read()
    check(re.match(r"In\[\d+\]:\d+:\d+: error: ", errors[0]["traceback"][0]) and re.search(r"`In\[\d+\]:\d+:\d+: error: …`", text)
          and not re.search(r"`cell:\d+", text), "docs/notebooks.md shows the location as the kernel prints it")

    check_one_result_per_cell(kc)
    check_streams(kc)

    # Completion, inspection, completeness, history, comms.
    content = kc.complete("xx = 1; ma", 10, reply=True, timeout=10)["content"]
    check("maml" in content["matches"] and content["cursor_start"] == 8 and content["cursor_end"] == 10, "completion")
    content = kc.complete("maml(T, [1 -2], be", 18, reply=True, timeout=10)["content"]
    check(content["matches"][:1] == ["beta="] and content["cursor_start"] == 16, "completion of a named parameter")
    _, _ = run(kc, "function r = gap(t, W)\n  # the normalized gap\n  r = 0;\nend")
    content = kc.inspect("gap(", 3, reply=True, timeout=10)["content"]
    check(content["found"] and "function r = gap(t, W)" in content["data"]["text/plain"], "inspection of a user function")
    content = kc.inspect("maml(T", 2, reply=True, timeout=10)["content"]
    check(content["found"] and content["data"]["text/plain"].startswith("maml(T, W0"), "inspection of a built-in")
    check_completion_and_help(kc)
    for code, status in [("for i in 1:3", "incomplete"), ("x = [1 2", "incomplete"), ("function f()", "incomplete"),
                         ("x = 1", "complete"), ("x = )", "invalid")]:
        msg = kc.session.msg("is_complete_request", {"code": code})
        kc.shell_channel.send(msg)
        reply = kc.get_shell_msg(timeout=10)
        check(reply["content"]["status"] == status, "is_complete %r is %s" % (code, status))
    kc.shell_channel.send(kc.session.msg("history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 5}))
    check(kc.get_shell_msg(timeout=10)["content"]["history"] == [], "history is empty")
    kc.shell_channel.send(kc.session.msg("comm_info_request", {}))
    check(kc.get_shell_msg(timeout=10)["content"]["comms"] == {}, "no comms")

    # A trivial cell's round trip.
    t0 = time.time()
    for _ in range(50):
        run(kc, "1;")
    print(f"timing: trivial cell round trip {(time.time() - t0) / 50 * 1000:.2f} ms", flush=True)

    # Interrupts stop a computation and keep every variable: by signal (the
    # kernel spec's interrupt_mode) and by interrupt_request on control.
    setup = ("keep = 42;\nA = [1.5 0; 0 -2]; B = [0.5; 0.5];\nt = task(A, B, eye(2), 1);\n")
    run(kc, setup)
    for how in ["signal", "message"]:
        msg_id = kc.execute("r = maml(t, [1 -2], eta=1e-4, beta=1e-6, iters=10000000);")
        time.sleep(1.0)
        if how == "signal":
            km.interrupt_kernel()
        else:
            kc.control_channel.send(kc.session.msg("interrupt_request", {}))
        reply = None
        deadline = time.time() + 30
        while time.time() < deadline:
            msg = kc.get_shell_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
                break
        check(reply is not None and reply["status"] == "error" and reply["evalue"] == "interrupted",
              "an interrupt (%s) ends the cell with an error 'interrupted': %r" % (how, reply))
        outputs, _ = run(kc, "keep\nr.status")
        texts = [c["text"] for c in of_type(outputs, "stream")] + [c["data"]["text/plain"] for c in of_type(outputs, "execute_result")]
        check(texts[0] == "keep = 42\n" and texts[1].startswith("ans = interrupted at iteration"),
              "variables are kept, the run keeps its iterates (%s): %r" % (how, texts))
    check_aborts(km, kc)

    # A message with a bad signature is refused: no reply; the kernel goes on.
    forged = Session(key=b"not-the-key", username=kc.session.username)
    forged.send(kc.shell_channel.socket, "execute_request",
                {"code": "forged = 1", "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False})
    got = None
    try:
        got = kc.get_shell_msg(timeout=2)
    except Exception:
        pass
    check(got is None, "a message with a bad signature gets no reply")
    outputs, reply = run(kc, 'exist("forged")')
    check(of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "ans = 0", "and does not run")

    # Restart: a fresh interpreter.
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    outputs, reply = run(kc, 'exist("keep")')
    check(of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "ans = 0", "a restart starts afresh")

    kc.stop_channels()
    km.shutdown_kernel(now=False)
    check(not km.is_alive(), "shutdown_request ends the kernel")
    print(f"all {CHECKS} checks passed", flush=True)


if __name__ == "__main__":
    main()

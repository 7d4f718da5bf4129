"""End-to-end tests of the mamlsh Jupyter kernel with the real jupyter_client.

Run by JupyterTests.swift with JUPYTER_PATH pointing at a kernel spec
installed by `mamlsh --install-kernel --prefix`. Exits non-zero with a
message on the first failed check; prints one line per check passed and the
timings measured.
"""
import base64
import os
import sys
import time

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


def main():
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
    results = of_type(outputs, "execute_result")
    check(len(results) == 1 and results[0]["data"]["text/plain"] == "x = 3", "the echo is an execute_result: " + repr(results))
    streams = of_type(outputs, "stream")
    check(streams == [{"name": "stdout", "text": "hi 3\n"}], "printed text is a stdout stream: " + repr(streams))
    inputs = of_type(outputs, "execute_input")
    check(inputs and inputs[0]["execution_count"] == reply["execution_count"] == 1, "execute_input and the count")
    _, reply = run(kc, "y")
    check(reply["execution_count"] == 2, "the count goes up")
    _, reply = run(kc, "z = 1", silent=True)
    outputs, reply = run(kc, "z")
    check(reply["execution_count"] == 3 and of_type(outputs, "execute_result")[0]["data"]["text/plain"] == "z = 1",
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
        texts = [c["data"]["text/plain"] for c in of_type(outputs, "execute_result")]
        check(texts[0] == "keep = 42" and texts[1].startswith("ans = interrupted at iteration"),
              "variables are kept, the run keeps its iterates (%s): %r" % (how, texts))

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

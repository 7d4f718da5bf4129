"""The mamlsh kernel ends when it is told to, promptly, and at once when it
cannot listen where its connection file says.

Run by JupyterTests.swift with JUPYTER_PATH pointing at a kernel spec
installed by `mamlsh --install-kernel --prefix`. Exits non-zero with a
message on the first failed check; prints one line per check passed and the
times measured.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager, start_new_kernel

CHECKS = 0
# The kernel processes this script started: killed at the end if still there
# (after a failed check), so that a failure leaves nothing running.
STARTED = []
# How long a kernel may take to end once told to (or once it cannot bind).
LIMIT = 1.0
# How long a kernel may outlive the client that started it.
ORPHAN_LIMIT = 2.0


def check(condition, message):
    global CHECKS
    if not condition:
        print("FAILED: " + message, flush=True)
        sys.exit(1)
    CHECKS += 1
    print("ok: " + message, flush=True)


def started(km):
    """Remembers the process of the kernel `km` started; returns it."""
    STARTED.append(km.provisioner.process)
    return km.provisioner.process


def kill_leftovers():
    for process in STARTED:
        if isinstance(process, int):
            if not gone(process):
                os.kill(process, signal.SIGKILL)
        elif process.poll() is None:
            process.kill()
            process.wait()


def gone(pid):
    """Whether the process `pid` has ended: no such process, or a zombie
    (an orphan's new parent, init here, need not reap it at once)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


# A client that starts a kernel as JupyterLab's server does (jupyter_client's
# KernelManager, which sets JPY_PARENT_PID), prints the kernel's process id
# and waits to be killed; with "busy", it first starts `while true; end`.
INTERMEDIATE = """
import sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="mamlsh")
km.start_kernel()
if sys.argv[1] == "busy":
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    msg_id = kc.execute("while true; end")
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def orphaned(mode):
    """Starts a kernel from an intermediate process, SIGKILLs that process
    (no shutdown_request, no signal to the kernel) and waits up to 5 s for
    the kernel to end; the seconds it took, or None if it lives on."""
    client = subprocess.Popen([sys.executable, "-c", INTERMEDIATE, mode], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    STARTED.append(client)
    line = client.stdout.readline()
    check(line.strip().isdigit(), f"the intermediate client started a kernel ({mode}): {line!r}")
    pid = int(line)
    STARTED.append(pid)
    time.sleep(0.3)
    check(not gone(pid), f"the kernel runs ({mode})")
    t0 = time.time()
    client.kill()
    client.wait()
    while time.time() - t0 < 5:
        if gone(pid):
            return time.time() - t0
        time.sleep(0.05)
    return None


def shutdown(km, what):
    """km.shutdown_kernel(now=False), timed; checks the kernel ended by itself within LIMIT."""
    process = km.provisioner.process
    pid = process.pid
    t0 = time.time()
    km.shutdown_kernel(now=False)
    took = time.time() - t0
    print(f"timing: shutdown_kernel(now=False) {what} {took:.3f} s", flush=True)
    check(took < LIMIT, f"shutdown_kernel(now=False) {what} returns within {LIMIT} s: {took:.3f} s")
    check(not km.is_alive() and gone(pid), f"the kernel process is gone ({what})")
    check(process.returncode == 0, f"the kernel exited by itself with status 0 ({what}): {process.returncode}")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_directly(folder, connection):
    """Starts the kernel as its spec says on a connection file holding
    `connection`; waits up to 5 s for it to end: (status or None, stderr, seconds)."""
    path = os.path.join(folder, "connection.json")
    with open(path, "w") as f:
        json.dump(connection, f)
    argv = [a.replace("{connection_file}", path) for a in KernelSpecManager().get_kernel_spec("mamlsh").argv]
    t0 = time.time()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    STARTED.append(process)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None, process.stderr.read().decode(), time.time() - t0
    return process.returncode, process.stderr.read().decode(), time.time() - t0


def main():
    # An idle kernel told to shut down ends at once.
    km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=60)
    started(km)
    kc.stop_channels()
    shutdown(km, "of an idle kernel")

    # So does one told while a cell runs that never ends by itself.
    km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=60)
    started(km)
    kc.execute("while true; end")
    time.sleep(0.5)
    kc.stop_channels()
    shutdown(km, "while a cell runs 'while true; end'")

    # SIGTERM (what jupyter_client sends a kernel that does not end, and
    # kill(1)) ends the kernel cleanly, idle or busy, with status 143.
    for busy in [False, True]:
        km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=60)
        started(km)
        if busy:
            kc.execute("while true; end")
            time.sleep(0.5)
        kc.stop_channels()
        process = km.provisioner.process
        t0 = time.time()
        process.send_signal(signal.SIGTERM)
        try:
            status = process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            status = None
        took = time.time() - t0
        what = "busy" if busy else "idle"
        print(f"timing: SIGTERM to exit, {what} {took:.3f} s", flush=True)
        check(status == 143 and took < LIMIT, f"SIGTERM ends the {what} kernel with status 143 within {LIMIT} s: {status}, {took:.3f} s")
        km.shutdown_kernel(now=True)

    # A kernel whose client is killed (kill -9: no shutdown_request) ends
    # by itself, idle or in the middle of a cell, as ipykernel's parent poller
    # ends it.
    for mode in ["idle", "busy"]:
        took = orphaned(mode)
        print(f"timing: client killed to kernel gone, {mode}: {took}", flush=True)
        check(took is not None and took < ORPHAN_LIMIT,
              f"the kernel ends within {ORPHAN_LIMIT} s when its client is killed ({mode}): {took}")

    # The ipc transport: endpoints are files named ip-port, as jupyter_client makes them.
    with tempfile.TemporaryDirectory() as folder:
        km = KernelManager(kernel_name="mamlsh", transport="ipc", ip=os.path.join(folder, "kernel"))
        km.start_kernel()
        started(km)
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        reply = kc.execute("y = 6 * 7", reply=True, timeout=30)["content"]
        check(reply["status"] == "ok", "a cell runs over ipc")
        kc.stop_channels()
        shutdown(km, "over ipc")

    with tempfile.TemporaryDirectory() as folder:
        base = {"key": "", "signature_scheme": "hmac-sha256", "kernel_name": "mamlsh"}
        # A shell port another program holds: a clear error, at once, status 1.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            port = holder.getsockname()[1]
            connection = dict(base, transport="tcp", ip="127.0.0.1", shell_port=port, iopub_port=free_port(),
                              stdin_port=free_port(), control_port=free_port(), hb_port=free_port())
            status, stderr, took = start_directly(folder, connection)
        print(f"timing: a taken port to exit {took:.3f} s", flush=True)
        check(status is not None and status != 0 and took < LIMIT,
              f"a taken shell port ends the kernel within {LIMIT} s with a non-zero status: {status}, {took:.3f} s, {stderr!r}")
        expected = f"mamlsh kernel: cannot listen on tcp://127.0.0.1:{port} (shell port): Address already in use\n"
        check(stderr == expected, f"and says which port: {stderr!r}")

        # An ipc path in a folder that does not exist: the same.
        ip = os.path.join(folder, "missing", "kernel")
        connection = dict(base, transport="ipc", ip=ip, shell_port=1, iopub_port=2, stdin_port=3, control_port=4,
                          hb_port=5)
        status, stderr, took = start_directly(folder, connection)
        print(f"timing: a missing ipc folder to exit {took:.3f} s", flush=True)
        check(status is not None and status != 0 and took < LIMIT,
              f"an ipc path in a missing folder ends the kernel within {LIMIT} s with a non-zero status: {status}, {took:.3f} s, {stderr!r}")
        expected = f"mamlsh kernel: cannot listen on ipc://{ip}-1 (shell port): No such file or directory\n"
        check(stderr == expected, f"and says which endpoint: {stderr!r}")

    print(f"all {CHECKS} checks passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        kill_leftovers()

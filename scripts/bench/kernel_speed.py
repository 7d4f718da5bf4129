"""How fast the mamlsh Jupyter kernel answers, measured with jupyter_client.

    .build/jupyter-venv/bin/python scripts/bench/kernel_speed.py [MAMLSH]

MAMLSH is the program to measure (default .build/release/mamlsh). Reports
medians of
- the kernel's start: process start to kernel_info_reply, with a client
  socket that retries its connection every 2 ms (ZeroMQ's default, 100 ms,
  would measure the client's patience rather than the kernel);
- jupyter_client's start_new_kernel, what a notebook user waits for (it adds
  its own connection retries and polling);
- a trivial cell's round trip: execute_request to the reply, with the iopub
  idle seen.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session


def raw_start(program, folder):
    """Seconds from starting the kernel process to its kernel_info_reply."""
    key = b"kernel-speed"
    path, info = write_connection_file(fname=os.path.join(folder, "connection.json"), ip="127.0.0.1", key=key)
    context = zmq.Context()
    shell = context.socket(zmq.DEALER)
    shell.setsockopt(zmq.RECONNECT_IVL, 2)
    shell.setsockopt(zmq.LINGER, 0)
    shell.connect(f"tcp://127.0.0.1:{info['shell_port']}")
    session = Session(key=key)
    t0 = time.perf_counter()
    kernel = subprocess.Popen([program, "--jupyter", path])
    session.send(shell, "kernel_info_request", {})
    session.recv(shell, mode=0)
    elapsed = time.perf_counter() - t0
    kernel.terminate()
    kernel.wait()
    shell.close()
    context.term()
    return elapsed


def round_trip(kc, code):
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=10)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    while kc.get_shell_msg(timeout=10)["parent_header"].get("msg_id") != msg_id:
        pass


def main():
    program = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/mamlsh")
    with tempfile.TemporaryDirectory() as prefix:
        subprocess.run([program, "--install-kernel", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        raw = [raw_start(program, prefix) for _ in range(7)]
        starts = []
        for _ in range(7):
            t0 = time.perf_counter()
            km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=30)
            starts.append(time.perf_counter() - t0)
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        km, kc = start_new_kernel(kernel_name="mamlsh", startup_timeout=30)
        for _ in range(20):
            round_trip(kc, "x = 1;")
        trips = []
        for _ in range(500):
            t0 = time.perf_counter()
            round_trip(kc, "x = x + 1;")
            trips.append(time.perf_counter() - t0)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"kernel start to kernel_info_reply   median {statistics.median(raw) * 1000:7.1f} ms   (min {min(raw) * 1000:.1f})")
    print(f"jupyter_client start_new_kernel     median {statistics.median(starts) * 1000:7.1f} ms   (min {min(starts) * 1000:.1f})")
    print(f"trivial cell round trip              median {statistics.median(trips) * 1000:7.2f} ms   (min {min(trips) * 1000:.2f})")


if __name__ == "__main__":
    main()

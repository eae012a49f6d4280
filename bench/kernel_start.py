"""Times a fresh Jupyter kernel as a student meets it: start to ready, the first cell's import
(sent when the kernel is ready, or DELAY seconds later) and start to that cell's first output.
Usage:
  .venv/bin/python bench/kernel_start.py KERNEL_NAME CWD CODE [RUNS [DELAY]]
Prints JSON: {"kernel": ..., "runs": [{"start": s, "first_cell": s, "to_first_output": s,
"output": text}, ...]}. Run from the course root (tools/ holds jupyter_env)."""

import json
import os
import sys
import time
from queue import Empty

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
import jupyter_env  # noqa: E402,F401  (Jupyter folders inside .venv, before jupyter_client loads)
from jupyter_client.manager import KernelManager  # noqa: E402

TIMEOUT_S = 300


def one_run(kernel_name, cwd, code, delay):
    t0 = time.monotonic()
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel(cwd=cwd)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT_S)
        ready = time.monotonic()
        time.sleep(delay)
        sent = time.monotonic()
        msg_id = client.execute(code)
        first_output = None
        output = ""
        status = None
        deadline = sent + TIMEOUT_S
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("the cell did not finish")
            try:
                msg = client.get_iopub_msg(timeout=0.05)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind in ("stream", "execute_result", "display_data") and first_output is None:
                first_output = time.monotonic()
            if kind == "stream":
                output += msg["content"]["text"]
            elif kind == "execute_result":
                output += msg["content"]["data"].get("text/plain", "")
            elif kind == "error":
                output += msg["content"]["ename"] + ": " + msg["content"]["evalue"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
        done = time.monotonic()
        while status is None:
            reply = client.get_shell_msg(timeout=TIMEOUT_S)
            if reply["parent_header"].get("msg_id") == msg_id:
                status = reply["content"]["status"]
        return {
            "start": ready - t0,
            "first_cell": done - sent,
            "to_first_output": (first_output or done) - t0,
            "status": status,
            "output": output.strip()[-500:],
        }
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main():
    kernel_name, cwd, code = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    delay = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    json.dump({"kernel": kernel_name, "runs": [one_run(kernel_name, cwd, code, delay) for _ in range(runs)]}, sys.stdout)
    print()


if __name__ == "__main__":
    main()

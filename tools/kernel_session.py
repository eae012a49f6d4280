"""Drives one course kernel (tslab-mlp) through a script of steps and reports what it answered.

Reads JSON on stdin:
  {"steps": [
     {"execute": [{"code": "1 + 1"}, {"code": "throw 1", "stop_on_error": false}]},
     {"write": {"path": "test-artifacts/x.ts", "text": "...", "atomic": true}}
  ]}
An "execute" step sends all its cells at once, as JupyterLab's Run All does, then collects every
reply; a "write" step changes a file (in place, or atomically: write a temp file and rename it,
as many editors save) while the kernel keeps running.
A "sleep" step ({"sleep": seconds}) waits, e.g. for the kernel's file watchers.
An optional "cwd" (relative to the course root, or absolute) is the folder the kernel starts in,
as Jupyter starts a kernel in its notebook's folder (default: the current folder).
Prints JSON: {"results": [...], "late_outputs": [...]}, one result per step; for "execute", one per cell:
  {"status": "ok" | "error" | "abort", "outputs": [{"type": "stream", "name", "text"} |
   {"type": "display_data" | "update_display_data" | "execute_result", "data", "display_id"} |
   {"type": "error", "ename", "evalue"}]}
"late_outputs" holds outputs that arrived for cells of earlier steps.
"""

import json
import os
import sys
import time
from queue import Empty

import jupyter_env  # noqa: F401  (sets Jupyter folders before jupyter_client loads)
from jupyter_client.manager import KernelManager

STEP_TIMEOUT_S = 180


def write_file(path, text, atomic):
    path = os.path.join(jupyter_env.ROOT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if atomic:
        tmp = path + ".tmp-save"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "r+" if os.path.exists(path) else "w", encoding="utf-8") as f:
            f.seek(0)
            f.write(text)
            f.truncate()
    return {"written": path, "atomic": atomic}


def output_of(msg):
    kind = msg["header"]["msg_type"]
    content = msg["content"]
    if kind == "stream":
        return {"type": kind, "name": content["name"], "text": content["text"]}
    if kind in ("display_data", "update_display_data", "execute_result"):
        display_id = content.get("transient", {}).get("display_id")
        return {"type": kind, "data": content.get("data", {}), "display_id": display_id}
    if kind == "error":
        return {"type": kind, "ename": content.get("ename"), "evalue": content.get("evalue")}
    return None


def execute(client, cells, late):
    """Sends every cell before reading any reply, then waits for all replies and idle states.
    Outputs that arrive for cells of earlier steps (a kernel may write after a cell finished)
    are appended to `late`."""
    ids = [client.execute(c["code"], stop_on_error=c.get("stop_on_error", True)) for c in cells]
    results = {i: {"status": None, "outputs": [], "idle": False} for i in ids}
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while not all(r["status"] and r["idle"] for r in results.values()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply within {STEP_TIMEOUT_S}s: {results}")
        try:
            reply = client.get_shell_msg(timeout=0.05)
            parent = reply["parent_header"].get("msg_id")
            if parent in results:
                results[parent]["status"] = reply["content"]["status"]
        except Empty:
            pass
        while True:
            try:
                msg = client.get_iopub_msg(timeout=0.05)
            except Empty:
                break
            parent = msg["parent_header"].get("msg_id")
            if parent not in results:
                output = output_of(msg)
                if output:
                    late.append(output)
                continue
            if msg["header"]["msg_type"] == "status":
                results[parent]["idle"] = msg["content"]["execution_state"] == "idle"
                continue
            output = output_of(msg)
            if output:
                results[parent]["outputs"].append(output)
    return [{"status": results[i]["status"], "outputs": results[i]["outputs"]} for i in ids]


def main():
    script = json.load(sys.stdin)
    manager = KernelManager(kernel_name=jupyter_env.KERNEL_NAME)
    cwd = script.get("cwd")
    manager.start_kernel(**({"cwd": os.path.join(jupyter_env.ROOT, cwd)} if cwd else {}))
    client = manager.client()
    client.start_channels()
    results, late = [], []
    try:
        client.wait_for_ready(timeout=120)
        for step in script["steps"]:
            if "execute" in step:
                results.append(execute(client, step["execute"], late))
            elif "write" in step:
                w = step["write"]
                results.append(write_file(w["path"], w["text"], w.get("atomic", False)))
            elif "sleep" in step:
                time.sleep(step["sleep"])  # let file watchers in the kernel fire
                results.append({"slept": step["sleep"]})
            else:
                raise ValueError(f"unknown step: {step}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
    json.dump({"results": results, "late_outputs": late}, sys.stdout)


if __name__ == "__main__":
    main()

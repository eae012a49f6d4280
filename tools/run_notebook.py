"""Runs notebooks top to bottom in the course kernel (nbclient) and reports, as JSON, every cell
that did not behave. Usage: .venv/bin/python tools/run_notebook.py NOTEBOOK.ipynb ...

A cell fails when it errs (tslab reports errors as a stderr stream plus reply status "error";
other kernels send an "error" output) unless it is tagged raises-exception; a cell tagged
raises-exception fails when it does NOT err. Prints one JSON object per notebook, in a list:
  {"notebook": path, "problems": [{"cell": index, "first_line": ..., "message": ...}], "cells": [...]}
The notebooks on disk are not changed."""

import json
import os
import sys

import jupyter_env  # noqa: F401  (sets Jupyter folders before nbclient loads)
import nbformat
from nbclient import NotebookClient

CELL_TIMEOUT_S = 300


def execute_notebook(path):
    """Executes a copy of the notebook in memory; returns it and each code cell's reply status."""
    nb = nbformat.read(path, as_version=4)
    statuses = {}

    def on_cell_executed(cell, cell_index, execute_reply):
        statuses[cell_index] = execute_reply["content"]["status"]

    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        # Run every cell even after a failure, so one run reports all problems; each cell is
        # still sent alone and only after the previous one finished.
        allow_errors=True,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name") or jupyter_env.KERNEL_NAME,
        on_cell_executed=on_cell_executed,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    client.execute()
    return nb, statuses


def error_text(cell):
    """The error a cell showed: its stderr streams and error outputs, joined."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream" and out.name == "stderr":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    return "".join(parts).strip()


def output_text(cell):
    """What a cell showed, as text: stdout, text/plain and text/html (tests read printed numbers from it)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream" and out.name == "stdout":
            parts.append(out.text)
        elif out.output_type in ("display_data", "execute_result", "update_display_data"):
            data = out.get("data", {})
            parts.append(data.get("text/html") or data.get("text/plain") or "")
    return "".join(parts)[:200_000]


def first_line(cell):
    lines = cell.source.strip().splitlines()
    return lines[0] if lines else ""


def report(path, nb, statuses):
    cells, problems = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        status = statuses.get(index)
        text = error_text(cell)
        erred = status == "error" or bool(text)
        info = {"cell": index, "first_line": first_line(cell), "tags": tags, "status": status, "error": text, "output": output_text(cell)}
        cells.append(info)
        if "raises-exception" in tags and not erred:
            message = "cell is tagged raises-exception but ran without an error"
        elif "raises-exception" not in tags and erred:
            message = text or f"the kernel replied status {status!r} without an error message"
        elif status not in ("ok", "error"):
            message = f"the kernel replied status {status!r} (the cell did not run)"
        else:
            continue
        problems.append({"cell": index, "first_line": info["first_line"], "message": message})
    # nbclient writes the kernel's language_info into the executed copy: JupyterLab does the same
    # on open, so a stored notebook whose metadata differs would show as modified at once.
    return {"notebook": path, "problems": problems, "cells": cells, "language_info": nb.metadata.get("language_info")}


def main(paths):
    reports = []
    for path in paths:
        nb, statuses = execute_notebook(path)
        reports.append(report(path, nb, statuses))
    json.dump(reports, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])

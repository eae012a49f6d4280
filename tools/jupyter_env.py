"""Jupyter folders for the course's Python helpers, the same as jupyterEnv() in tools/course.mjs:
config, data and runtime live in .venv, so the helpers neither read nor write the user's own
~/.jupyter and ~/.local/share/jupyter, and find the course kernel in .venv/share/jupyter/kernels.
Import this before jupyter_client, nbclient or nbconvert."""

import os
import sys

_VENV_JUPYTER = os.path.join(sys.prefix, "jupyter")

for _name, _folder in (
    ("JUPYTER_CONFIG_DIR", "config"),
    ("JUPYTER_DATA_DIR", "data"),
    ("JUPYTER_RUNTIME_DIR", "runtime"),
):
    os.environ.setdefault(_name, os.path.join(_VENV_JUPYTER, _folder))

KERNEL_NAME = "tslab-mlp"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

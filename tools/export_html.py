"""Executes notebooks and writes each as a standalone HTML page with working charts.
Usage (via ./course export): export_html.py --plotly PLOTLY.js --mathjax MATHJAX.js --out DIR NOTEBOOK.ipynb ...

Chart outputs hold only a loader and the figure (see lib/notebook/chart-html.ts); the page gets
plotly.js and MathJax once each, inlined in its head, so charts and formulas work from file://
without a server or network.
Exits 1 when a notebook had a failing cell (the page is still written, showing the error)."""

import argparse
import os
import sys

import jupyter_env  # noqa: F401  (sets Jupyter folders before nbconvert loads)
from nbconvert import HTMLExporter
from run_notebook import execute_notebook, report

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "export", "course_page.html.j2")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plotly", required=True, help="minified plotly.js to inline")
    parser.add_argument("--mathjax", required=True, help="a self-contained MathJax 3 build to inline")
    parser.add_argument("--out", required=True, help="folder for the HTML pages")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()

    scripts = {}
    for key, file in (("course_plotly_js", args.plotly), ("course_mathjax_js", args.mathjax)):
        with open(file, encoding="utf-8") as f:
            scripts[key] = f.read()
        # Inlined in a <script> element, where "</script" would end it early.
        if "</script" in scripts[key].lower():
            sys.exit(f"[course] {file} contains </script and cannot be inlined")
    exporter = HTMLExporter(template_name="lab", template_file=TEMPLATE)
    os.makedirs(args.out, exist_ok=True)
    failed = False
    for path in args.notebooks:
        name = os.path.splitext(os.path.basename(path))[0]
        nb, statuses = execute_notebook(path)
        for problem in report(path, nb, statuses)["problems"]:
            failed = True
            print(f"[course] {path} cell {problem['cell']} ({problem['first_line']}): {problem['message']}", file=sys.stderr)
        html, _ = exporter.from_notebook_node(nb, resources={**scripts, "metadata": {"name": name}})
        target = os.path.join(args.out, name + ".html")
        with open(target, "w", encoding="utf-8") as f:
            f.write(html)
        print(f"[course] wrote {target} ({os.path.getsize(target) / 1e6:.1f} MB)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

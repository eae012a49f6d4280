"""Executes notebooks and writes the course as a small static site (via ./course export):

  OUT/index.html               the course table (from README.md), linking every page
  OUT/NN-name.html             one page per notebook, with its outputs
  OUT/exercises/NN-name.ts.html and OUT/exercises/checks/NN-name.ts.html
                               the exercise files, highlighted
  OUT/assets/                  plotly.js, MathJax and the stylesheet, once for every page

Usage: export_html.py --course ROOT --run RUN --out DIR --plotly PLOTLY.js --mathjax MATHJAX.js
                      [--jobs N] [--fingerprint HEX] [--cache DIR] [--fresh] [--hide-unfinished] NOTEBOOK.ipynb ...

The notebooks are executed in RUN (a copy of the course made by tools/course/html-export.mjs),
several at once (--jobs, one kernel each). A notebook whose text and fingerprint (a hash of
everything it can import) are those of an earlier export is not run again: its executed copy is
reused from --cache (--fresh runs them all). A chart on a page is its figure and one call of the
page's mlpChart (the notebook's loader is left out); the pages load plotly.js and MathJax from
assets/, so the site works from file:// offline.
Notes addressed to whoever runs the notebook ("Using your ...", "waits for ...") are left out;
--hide-unfinished (a student's export, run against their own exercise files) also leaves out
check reports that did not pass.
Exits 1 when a notebook had a failing cell (its page is still written, showing the error)."""

import argparse
import concurrent.futures
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import sys
import time

import jupyter_env  # noqa: F401  (sets Jupyter folders before nbconvert loads)
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TypeScriptLexer

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "export", "course_page.html.j2")
EXTRA_CSS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "export", "course.css")
ASSETS = "assets"
PLOTLY_ASSET = f"{ASSETS}/plotly.min.js"
MATHJAX_ASSET = f"{ASSETS}/mathjax/tex-svg-full.js"
CSS_ASSET = f"{ASSETS}/course.css"


def log(message):
    print(f"[course] {message}", flush=True)


def kb(size):
    return f"{size / 1000:.0f} kB" if size < 1e6 else f"{size / 1e6:.1f} MB"


# ---------------------------------------------------------------- executing (in worker processes)

def cached_run(cache_dir, cache_key):
    """The executed notebook an earlier export stored under this key, or None."""
    cached = os.path.join(cache_dir, cache_key + ".json")
    if not os.path.exists(cached):
        return None
    with open(cached, encoding="utf-8") as f:
        return json.load(f)


def run_one(path, cache_key, cache_dir):
    """Executes one notebook (in a worker process) and stores it in the cache when it ran clean;
    returns (json, problems, seconds)."""
    from run_notebook import execute_notebook, report  # noqa: PLC0415  (imported in the worker)

    start = time.monotonic()
    nb, statuses = execute_notebook(path)
    seconds = time.monotonic() - start
    problems = report(path, nb, statuses)["problems"]
    text = nbformat.writes(nb)
    if cache_dir and not problems:
        os.makedirs(cache_dir, exist_ok=True)
        cached = os.path.join(cache_dir, cache_key + ".json")
        with open(cached + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"notebook": text, "problems": problems, "seconds": seconds}, f)
        os.replace(cached + ".tmp", cached)
    return text, problems, seconds


def execute_all(paths, jobs, fingerprint, cache_dir, fresh):
    """Runs the notebooks `jobs` at a time, heaviest first (the later lessons train more); a
    notebook the cache has is read from it (no worker is started for it)."""
    def key(path):
        with open(path, "rb") as f:
            return hashlib.sha256(fingerprint.encode() + b"\0" + f.read()).hexdigest()[:24]

    results, to_run = {}, []
    for path in sorted(paths, reverse=True):
        entry = None if fresh or not cache_dir else cached_run(cache_dir, key(path))
        if entry:
            log(f"{os.path.basename(path)}: unchanged, outputs of the last export reused")
            results[path] = (nbformat.reads(entry["notebook"], as_version=4), entry["problems"])
        else:
            to_run.append(path)
    if not to_run:
        return results
    # spawn: each worker starts clean (no event loop or ZeroMQ context inherited from this process).
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(to_run)), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(run_one, p, key(p), cache_dir): p for p in to_run}
        for future in concurrent.futures.as_completed(futures):
            path = futures[future]
            text, problems, seconds = future.result()
            log(f"{os.path.basename(path)}: ran in {seconds:.1f} s")
            results[path] = (nbformat.reads(text, as_version=4), problems)
    return results


# ---------------------------------------------------------------- pages

def notebook_title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#+\s+(.+)$", cell.source, re.M)
            if m:
                return re.sub(r"[*_`]", "", m.group(1)).strip()
    return fallback


def drop_notes(nb, hide_unfinished):
    """Outputs that speak to the person running the notebook go: the notes of cells that use the
    reader's own functions ("Using your ...", "waits for ..."), and, in a student's export
    (`hide_unfinished`), check reports that did not pass. The cells keep their code and other outputs."""
    def note(output):
        text = output.get("data", {}).get("text/html", "")
        text = "".join(text) if isinstance(text, list) else text
        return 'class="mlp-own"' in text or (hide_unfinished and 'class="mlp-check" data-passed="false"' in text)

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not note(o)]


PLOTLY_MIME = "application/vnd.plotly.v1+json"


def compact_charts(nb):
    """Each chart output carries a 3 kB loader for front ends without plotly.js
    (lib/notebook/chart-html.ts); a page loads plotly.js in its head, so here a chart becomes its
    figure and one call of the page's `mlpChart` (course_page.html.j2), drawn from the Plotly MIME
    copy of the same figure. The Plotly MIME entry is dropped so the page draws each chart once."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            data = output.get("data", {})
            figure = data.get(PLOTLY_MIME)
            if not isinstance(figure, dict) or 'class="mlp-chart"' not in "".join(data.get("text/html", "")):
                continue
            text = json.dumps(figure, separators=(",", ":"), ensure_ascii=False)
            text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
            height = figure.get("layout", {}).get("height", 360)
            data["text/html"] = (
                f'<div class="mlp-chart"><div class="mlp-chart-plot" style="width:100%;height:{height}px"></div>'
                f"<script>mlpChart(document.currentScript,{text})</script></div>"
            )
            del data[PLOTLY_MIME]


LINK = re.compile(r'href="([^"#]*)(#[^"]*)?"')


def rewrite_links(page, prefix=""):
    """Links written for the repository (../exercises/NN.ts, NN-name.ipynb) point at the exported pages."""
    def replace(m):
        target, anchor = m.group(1), m.group(2) or ""
        exercise = re.fullmatch(r"(?:\.\./|\./)*exercises/((?:checks/)?[\w.-]+\.ts)", target)
        if exercise:
            return f'href="{prefix}exercises/{exercise.group(1)}.html{anchor}"'
        notebook = re.fullmatch(r"(?:\.\./notebooks/|\./|notebooks/)?(\d\d-[\w.-]+)\.ipynb", target)
        if notebook:
            return f'href="{prefix}{notebook.group(1)}.html{anchor}"'
        return m.group(0)

    return LINK.sub(replace, page)


def nav(pages, index, prefix=""):
    """Course, previous and next links; `pages` is the list of (name, title)."""
    parts = [f'<a href="{prefix}index.html">Course index</a>']
    if index is not None and index > 0:
        name, title = pages[index - 1]
        parts.append(f'<a href="{prefix}{name}.html" rel="prev">&larr; {html.escape(title)}</a>')
    if index is not None and index + 1 < len(pages):
        name, title = pages[index + 1]
        parts.append(f'<a href="{prefix}{name}.html" rel="next">{html.escape(title)} &rarr;</a>')
    return '<nav class="course-nav">' + "".join(parts) + "</nav>"


def standalone_page(title, body, prefix=""):
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{prefix}{CSS_ASSET}">\n</head>\n'
        f'<body class="jp-Notebook course-page" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">\n{body}\n</body>\n</html>\n'
    )


def exercise_page(course, rel, notebook_page):
    with open(os.path.join(course, rel), encoding="utf-8") as f:
        source = f.read()
    prefix = "../../" if rel.startswith("exercises/checks/") else "../"
    back = f'<a href="{prefix}{notebook_page}.html">the notebook</a>' if notebook_page else ""
    code = highlight(source, TypeScriptLexer(), HtmlFormatter(cssclass="highlight course-source", linenos="inline"))
    body = (
        nav([], None, prefix)
        + f'<main class="course-file"><h1><code>{html.escape(rel)}</code></h1>'
        + (f"<p>Back to {back}.</p>" if back else "")
        + code
        + "</main>"
    )
    return rewrite_links(standalone_page(rel, body, prefix), prefix)


def course_table(course, pages):
    """The README's course table with each notebook and its exercises linked; notebooks the table
    lacks get a row with their title."""
    with open(os.path.join(course, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    title = re.search(r"^# (.+)$", readme, re.M)
    section = re.search(r"^## The course\n(.*?)(?=^## )", readme, re.M | re.S)
    lines = [l for l in (section.group(1) if section else "").splitlines() if l.startswith("|")]
    exported = dict(pages)

    def inline(text):
        return re.sub(r"^<p>|</p>\s*$", "", markdown2html(text).strip())

    rows, seen = [], set()
    header = [c.strip() for c in lines[0].strip("|").split("|")] if lines else ["notebook", "what it teaches", "exercises"]
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        seen.add(name)
        first = f'<a href="{name}.html"><code>{html.escape(name)}</code></a>' if name in exported else inline(cells[0])
        last = inline(cells[-1])
        if os.path.exists(os.path.join(course, "exercises", name + ".ts")):
            last = f'<a href="exercises/{name}.ts.html">{last}</a>'
        rows.append([first] + [inline(c) for c in cells[1:-1]] + [last])
    for name, page_title in pages:
        if name not in seen:
            rows.append([f'<a href="{name}.html"><code>{html.escape(name)}</code></a>', html.escape(page_title), ""])
    table = (
        "<table class=\"course-table\"><thead><tr>" + "".join(f"<th>{inline(h)}</th>" for h in header) + "</tr></thead><tbody>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        + "</tbody></table>"
    )
    return (title.group(1).strip() if title else "The course"), table


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    return os.path.getsize(path)


def write_assets(out, plotly, mathjax):
    """plotly.js, MathJax and one stylesheet: JupyterLab's (as nbconvert's lab template inlines it
    in every page) and the course's own additions."""
    os.makedirs(os.path.join(out, ASSETS, "mathjax"), exist_ok=True)
    shutil.copyfile(plotly, os.path.join(out, PLOTLY_ASSET))
    shutil.copyfile(mathjax, os.path.join(out, MATHJAX_ASSET))
    stock, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.v4.new_notebook())
    head = stock[: stock.index("</head>")]
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", head, re.S))
    with open(EXTRA_CSS, encoding="utf-8") as f:
        css += "\n/* The course's own additions (tools/export/course.css) */\n" + f.read()
    write(os.path.join(out, CSS_ASSET), css)
    return {name: os.path.getsize(os.path.join(out, rel)) for name, rel in (("plotly.js", PLOTLY_ASSET), ("MathJax", MATHJAX_ASSET), ("stylesheet", CSS_ASSET))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", required=True, help="the course folder (README.md, exercises/)")
    parser.add_argument("--run", required=True, help="the copy of the course the notebooks run in")
    parser.add_argument("--out", required=True, help="folder for the site")
    parser.add_argument("--plotly", required=True, help="minified plotly.js")
    parser.add_argument("--mathjax", required=True, help="a self-contained MathJax 3 build")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fingerprint", default="", help="a hash of everything the notebooks can import")
    parser.add_argument("--cache", default="", help="folder of executed notebooks from earlier exports")
    parser.add_argument("--fresh", action="store_true", help="run every notebook, even when the cache has it")
    parser.add_argument("--hide-unfinished", action="store_true")
    parser.add_argument("notebooks", nargs="+", help="notebooks inside --run")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    start = time.monotonic()
    results = execute_all(args.notebooks, max(1, args.jobs), args.fingerprint, args.cache or None, args.fresh)
    ran = time.monotonic()
    assets = write_assets(args.out, args.plotly, args.mathjax)

    names = sorted(os.path.splitext(os.path.basename(p))[0] for p in args.notebooks)
    by_name = {os.path.splitext(os.path.basename(p))[0]: results[p] for p in args.notebooks}
    pages = [(name, notebook_title(by_name[name][0], name)) for name in names]
    exporter = HTMLExporter(template_name="lab", template_file=TEMPLATE)
    failed = False
    sizes = {}
    for i, (name, title) in enumerate(pages):
        nb, problems = by_name[name]
        for problem in problems:
            failed = True
            print(f"[course] {name}.ipynb cell {problem['cell']} ({problem['first_line']}): {problem['message']}", file=sys.stderr)
        drop_notes(nb, args.hide_unfinished)
        compact_charts(nb)
        course = {"title": title, "nav": nav(pages, i), "plotly": PLOTLY_ASSET, "mathjax": MATHJAX_ASSET, "css": CSS_ASSET}
        page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}, "course": course})
        sizes[name] = write(os.path.join(args.out, name + ".html"), rewrite_links(page))
        log(f"wrote {os.path.join(args.out, name + '.html')} ({kb(sizes[name])})")

    # Every exercise file and its public checks, highlighted; each links back to its notebook.
    exercises = os.path.join(args.course, "exercises")
    files = sorted(f"exercises/{f}" for f in os.listdir(exercises) if re.fullmatch(r"\d\d-[\w.-]+\.ts", f))
    checks = os.path.join(exercises, "checks")
    if os.path.isdir(checks):
        files += sorted(f"exercises/checks/{f}" for f in os.listdir(checks) if re.fullmatch(r"\d\d-[\w.-]+\.ts", f))
    for rel in files:
        stem = os.path.basename(rel)[:-3]
        write(os.path.join(args.out, rel + ".html"), exercise_page(args.course, rel, stem if stem in by_name else None))

    title, table = course_table(args.course, pages)
    index = standalone_page(title, nav([], None) + f'<main class="course-index"><h1>{html.escape(title)}</h1>{table}'
                            f"<p>{len(pages)} notebooks, run top to bottom; each exercise file as the course hands it out.</p></main>")
    write(os.path.join(args.out, "index.html"), index)
    log(f"wrote {os.path.join(args.out, 'index.html')} and {len(files)} exercise pages")
    log(f"pages {kb(min(sizes.values()))} to {kb(max(sizes.values()))}; shared assets: "
        + ", ".join(f"{name} {kb(size)}" for name, size in assets.items()))
    log(f"time: notebooks {ran - start:.1f} s ({args.jobs} at a time), pages and assets {time.monotonic() - ran:.1f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

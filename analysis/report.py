"""Report build: execute every notebooks/NN_*.ipynb in a fresh kernel, render HTML and an index.

Run as `python -m analysis.report` (what `make report` does). The notebooks study the data folder of
`paths.data_dir()` (`PRESSE_SOMMET_DATA`, else `data/`): the build resolves it once and hands it to every kernel,
and the index names it. Stops with a non-zero exit naming the notebook and the failing cell when a cell raises;
stale reports are removed first, never shown as current.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import nbformat

from . import paths


@dataclass
class NotebookResult:
    """What happened when one notebook was executed."""

    path: Path
    title: str
    question: str
    seconds: float
    error: str | None = None
    notebook: nbformat.NotebookNode | None = None  # the executed notebook, outputs included (None if it failed)


class NotebookFailed(RuntimeError):
    """A cell raised: the message names the notebook, the cell and the error."""


def notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted((folder or paths.NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb"))


def describe(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """(title, one-line question) from the notebook's first markdown cell."""
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    title = next((line.lstrip("# ").strip() for line in first.splitlines() if line.startswith("#")), fallback)
    m = re.search(r"\*\*Question:?\*\*:?\s*(.+)", first)
    return title, (m.group(1).strip() if m else "")


def kernel_env(data_dir: Path | str | None = None) -> dict[str, str]:
    """The environment of a notebook's kernel: ours, with `PRESSE_SOMMET_DATA` set to the data folder as an
    absolute path (the kernel runs in notebooks/, where a relative path would mean something else), and the
    same for `PRESSE_SOMMET_CACHE` and `PRESSE_SOMMET_FIGURES` when they are set."""
    env = dict(os.environ)
    env["PRESSE_SOMMET_DATA"] = str(Path(data_dir).resolve() if data_dir is not None else paths.data_dir())
    for name in ("PRESSE_SOMMET_CACHE", "PRESSE_SOMMET_FIGURES"):
        if env.get(name):
            env[name] = str(Path(env[name]).resolve())
    return env


def execute(path: Path, *, timeout: int = 900, data_dir: Path | str | None = None) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel (cwd = its folder) on a data folder (default:
    `paths.data_dir()`); raise NotebookFailed on error."""
    # Imported here: only the report build needs nbclient, and it is slow to import.
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=kernel_env(data_dir))
    except CellExecutionError as exc:
        raise NotebookFailed(_failure_message(path, nb, exc)) from None
    return nb


def _error_output(cell: nbformat.NotebookNode) -> dict | None:
    """The error output of a cell, if it raised."""
    return next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)


def _failure_message(path: Path, nb: nbformat.NotebookNode, exc: Exception) -> str:
    """Which cell failed, with what error, and how the cell starts: nbclient leaves the error in its outputs."""
    index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and _error_output(c)), None)
    if index is None:
        where, err, source = "a cell", {}, []
    else:
        where, err = f"cell {index}", _error_output(nb.cells[index])
        source = nb.cells[index].source.strip().splitlines()[:3]
    return (f"{path.name}: {where} raised {err.get('ename', 'an error')}: {err.get('evalue', exc)}\n"
            f"  cell starts: {' | '.join(source)}")


def render_html(nb: nbformat.NotebookNode, target: Path, *, stamp: str) -> None:
    """Write the executed notebook as a standalone HTML page with a build stamp."""
    from nbconvert import HTMLExporter  # slow to import; only the report build needs it

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    note = (f'<div style="font:12px sans-serif;color:#555;padding:4px 12px;border-bottom:1px solid #ddd">'
            f'presse-sommet report · built {html.escape(stamp)} · <a href="index.html">all reports</a></div>')
    body = re.sub(r"<body[^>]*>", lambda m: m.group(0) + note, body, count=1)
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)


def _build_one(path: Path, out_dir: Path, stamp: str, data_dir: Path) -> NotebookResult:
    nb = nbformat.read(path, as_version=4)
    title, question = describe(nb, path.stem)
    start = time.perf_counter()
    try:
        executed = execute(path, data_dir=data_dir)
    except NotebookFailed as exc:
        return NotebookResult(path, title, question, time.perf_counter() - start, str(exc))
    render_html(executed, out_dir / f"{path.stem}.html", stamp=stamp)
    return NotebookResult(path, title, question, time.perf_counter() - start, notebook=executed)


def _stamp() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.PROJECT_ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=paths.PROJECT_ROOT,
                               capture_output=True, text=True).stdout.strip()
        commit += " (uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "no git"
    return f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}, commit {commit}"


def describe_data_dir(data_dir: Path) -> str:
    """One HTML sentence naming the data folder the reports describe."""
    where = html.escape(str(data_dir))
    if data_dir.resolve() == paths.DATA_DIR.resolve():
        return (f"<p>Data folder: <code>{where}</code>, the project's own: how the French-language press covered "
                f"the 2025 Trump–Putin summit story.</p>")
    return (f"<p>Data folder: <code>{where}</code> (set by <code>PRESSE_SOMMET_DATA</code>): every report below "
            f"describes its articles.</p>")


def write_index(results: list[NotebookResult], out_dir: Path, stamp: str, data_dir: Path | None = None) -> Path:
    """reports/index.html: the data folder, then each notebook's title, question and link (or its failure)."""
    items = []
    for r in results:
        name = html.escape(r.path.stem)
        if r.error:
            items.append(f'<li><b>{html.escape(r.title)}</b> — <span style="color:#b00">FAILED, no report: '
                         f'{html.escape(r.error)}</span></li>')
        else:
            items.append(f'<li><a href="{name}.html"><b>{html.escape(r.title)}</b></a><br>'
                         f'<span>{html.escape(r.question)}</span> <small>({r.seconds:.1f} s)</small></li>')
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>presse-sommet reports</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}}
li{{margin:0 0 1rem}}small{{color:#666}}</style></head><body>
<h1>presse-sommet — reports</h1>
{describe_data_dir(data_dir or paths.data_dir())}
<p>Built {html.escape(stamp)}.</p>
<ol>{''.join(items)}</ol></body></html>"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def build(out_dir: Path | None = None, *, jobs: int = 1, only: list[str] | None = None,
          folder: Path | None = None, data_dir: Path | str | None = None) -> list[NotebookResult]:
    """Execute and render every numbered notebook on a data folder (default: `paths.data_dir()`, i.e.
    `PRESSE_SOMMET_DATA` or `data/`); stale reports are deleted before anything runs."""
    out_dir = out_dir or paths.REPORTS_DIR
    data_dir = Path(data_dir).resolve() if data_dir is not None else paths.data_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.html"):
        old.unlink()
    todo = [p for p in notebooks(folder) if not only or any(p.stem.startswith(o) for o in only)]
    stamp = _stamp()
    print(f"Building {len(todo)} report(s) of the data folder {data_dir} into {out_dir} ({jobs} at a time)",
          flush=True)
    results: list[NotebookResult] = []

    def run(path: Path) -> NotebookResult:
        print(f"  running {path.name} ...", flush=True)
        result = _build_one(path, out_dir, stamp, data_dir)
        status = "FAILED" if result.error else "ok"
        print(f"  {status:6} {path.name} ({result.seconds:.1f} s)", flush=True)
        return result

    if jobs > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(run, todo))
    else:
        for path in todo:
            results.append(run(path))
            if results[-1].error:
                break
    write_index(results, out_dir, stamp, data_dir)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="notebooks executed side by side")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    parser.add_argument("--notebooks", type=Path, default=None, help="notebook folder (default: notebooks/)")
    parser.add_argument("only", nargs="*", help="notebook name prefixes, e.g. 00 (default: all)")
    args = parser.parse_args(argv)
    data_dir = paths.data_dir()
    if not (data_dir / "articles.csv").is_file():
        print(f"Report build failed: the data folder {data_dir} (PRESSE_SOMMET_DATA, else data/) has no "
              f"articles.csv. Fix: point PRESSE_SOMMET_DATA (make report DATA=...) at a folder made by "
              f"`python -m analysis.ingest SOURCE... --into DIR`.", file=sys.stderr)
        return 1
    results = build(args.out, jobs=args.jobs, only=args.only, folder=args.notebooks, data_dir=data_dir)
    failed = [r for r in results if r.error]
    if failed:
        for r in failed:
            print(f"\nReport build failed: {r.error}", file=sys.stderr)
        return 1
    print(f"Done: open {(args.out or paths.REPORTS_DIR) / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

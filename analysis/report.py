"""Report build: execute every notebooks/NN_*.ipynb in a fresh kernel, render HTML and an index.

Run as `python -m analysis.report` (what `make report` does), or `python -m analysis.report 04` to rebuild one
report and leave the others in place. The notebooks study the data folder of `paths.data_dir()`
(`PRESSE_SOMMET_DATA`, else `data/`): the build resolves it once and hands it to every kernel, and the index names
it. Every failure ends in a sentence, not a traceback: a cell that raises, a cell that runs past the timeout, a
kernel that dies, a page that cannot be rendered, Ctrl-C. The index (kept with `reports/build.json`) marks failed,
skipped and interrupted notebooks, and the exit status is non-zero. A report being rebuilt is removed first, and so
are the figures its notebook saved before (`figures/NN_*`), so nothing stale is shown as current. The pages
themselves are made by `report_page`.
"""
from __future__ import annotations

import argparse
import html
import json
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
from .report_page import Page, render


@dataclass
class NotebookResult:
    """What happened when one notebook was executed."""

    path: Path
    title: str
    question: str
    seconds: float
    error: str | None = None
    notebook: nbformat.NotebookNode | None = None  # the executed notebook, outputs included (None if it failed)
    status: str = "ok"  # ok | failed | skipped | interrupted


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
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=kernel_env(data_dir))
    except CellExecutionError as exc:
        raise NotebookFailed(_failure_message(path, nb, exc)) from None
    except CellTimeoutError:
        raise NotebookFailed(f"{path.name}: {_running_cell(nb)} ran for more than {timeout} s and was stopped. "
                             f"Fix: find what makes it slow, or raise the timeout "
                             f"(python -m analysis.report --timeout SECONDS).") from None
    except DeadKernelError:
        raise NotebookFailed(f"{path.name}: the kernel died while running {_running_cell(nb)} (most often it ran out "
                             f"of memory). Fix: free memory or study fewer articles, then rebuild this report "
                             f"(python -m analysis.report {path.stem[:2]}).") from None
    except RuntimeError as exc:  # the kernel could not start, or stopped answering
        raise NotebookFailed(f"{path.name}: the kernel failed ({exc}). Fix: check that `make setup` completed and "
                             f"that `.venv/bin/python -m ipykernel --version` works.") from None
    return nb


def _running_cell(nb: nbformat.NotebookNode) -> str:
    """The cell that was running: started (nbclient's timing metadata) and never answered, else the first code
    cell that never started."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    timing = [(i, c.get("metadata", {}).get("execution", {})) for i, c in code]
    running = [i for i, t in timing if "iopub.execute_input" in t and "shell.execute_reply" not in t]
    never = [i for i, c in code if c.get("execution_count") is None]
    for i in running[:1] or never[:1]:
        return f"cell {i} ({nb.cells[i].source.strip().splitlines()[0][:60]})"
    return "a cell"


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


def _page(path: Path, title: str, order: list[Path], titles: dict[str, str], stamp: str) -> Page:
    """The page's neighbours in the full notebook order (reports that exist or will)."""
    i = order.index(path) if path in order else -1
    def near(j):
        return ((f"{order[j].stem}.html", titles.get(order[j].stem, order[j].stem))
                if 0 <= j < len(order) else None)
    return Page(title=title, stamp=stamp, previous=near(i - 1) if i > 0 else None, next=near(i + 1) if i >= 0 else None)


def clear_figures(path: Path, folder: Path | None = None) -> list[Path]:
    """Remove the figures and CSVs a notebook saved in an earlier build (`NN_*` of the figures folder), so that a
    figure the notebook no longer makes is not left behind as if current; return what was removed."""
    folder = folder or paths.figures_dir()
    prefix = path.stem[:3]  # "04_"
    gone = [f for f in folder.glob(f"{prefix}*") if f.suffix in (".png", ".csv") and f.is_file()]
    for f in gone:
        f.unlink()
    return gone


def _build_one(path: Path, out_dir: Path, page: Page, data_dir: Path, timeout: int = 900) -> NotebookResult:
    nb = nbformat.read(path, as_version=4)
    title, question = describe(nb, path.stem)
    start = time.perf_counter()
    clear_figures(path)
    try:
        executed = execute(path, data_dir=data_dir, timeout=timeout)
        render(executed, out_dir / f"{path.stem}.html", page=page)
    except NotebookFailed as exc:
        return NotebookResult(path, title, question, time.perf_counter() - start, str(exc), status="failed")
    except Exception as exc:  # rendering failed: the page is not written, the build goes on
        message = f"{path.name}: the report could not be rendered ({type(exc).__name__}: {exc})"
        return NotebookResult(path, title, question, time.perf_counter() - start, message, status="failed")
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


# --- The build's record and the index -----------------------------------------------------------------------------

MANIFEST = "build.json"


def read_manifest(out_dir: Path) -> dict[str, dict]:
    """What earlier builds left in `out_dir`: one entry per notebook (title, question, status, error, stamp, data
    folder); an unreadable record counts as none."""
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _record(results: list[NotebookResult], out_dir: Path, stamp: str, data_dir: Path) -> dict[str, dict]:
    record = read_manifest(out_dir)
    for r in results:
        record[r.path.stem] = {"title": r.title, "question": r.question, "status": r.status, "error": r.error or "",
                               "stamp": stamp, "data_dir": str(data_dir)}
    for stem, entry in list(record.items()):  # a report listed as built but missing on disk is not shown as built
        if entry["status"] == "ok" and not (out_dir / f"{stem}.html").is_file():
            record.pop(stem)
    (out_dir / MANIFEST).write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    return record


STATUS_TEXT = {"failed": "FAILED, no report", "skipped": "SKIPPED, not run (an earlier notebook failed)",
               "interrupted": "INTERRUPTED, no report (the build was stopped)"}


def _index_item(stem: str, entry: dict | None, data_dir: Path) -> str:
    if entry is None:
        return f"<li><b>{html.escape(stem)}</b> — <span class=\"muted\">not built yet</span></li>"
    title = html.escape(entry["title"])
    if entry["status"] != "ok":
        why = f": {html.escape(entry['error'])}" if entry.get("error") else ""
        return (f'<li class="{entry["status"]}"><b>{title}</b> — <span class="bad">{STATUS_TEXT[entry["status"]]}'
                f'{why}</span></li>')
    other = ""
    if Path(entry["data_dir"]) != data_dir:
        other = (f' <span class="bad">(built on another data folder, <code>{html.escape(entry["data_dir"])}</code>: '
                 f"rebuild it)</span>")
    return (f'<li><a href="{html.escape(stem)}.html"><b>{title}</b></a>{other}<br>'
            f'<span>{html.escape(entry["question"])}</span> <small>built {html.escape(entry["stamp"])}</small></li>')


def write_index(results: list[NotebookResult], out_dir: Path, stamp: str, data_dir: Path | None = None, *,
                folder: Path | None = None) -> Path:
    """reports/index.html: the data folder, then every notebook's title, question and link, or why it has no
    report (failed, skipped, interrupted, not built yet). Reports of earlier builds that were not rebuilt keep
    their entry (from reports/build.json)."""
    data_dir = data_dir or paths.data_dir()
    record = _record(results, out_dir, stamp, data_dir)
    stems = [p.stem for p in notebooks(folder)] if folder is not None or not results else []
    stems = list(dict.fromkeys(stems + [r.path.stem for r in results] + sorted(record)))
    stems = sorted(stems)
    items = "".join(_index_item(s, record.get(s), data_dir) for s in stems)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>presse-sommet reports</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}}
li{{margin:0 0 1rem}}small,.muted{{color:#666}}.bad{{color:#b00}}</style></head><body>
<h1>presse-sommet — reports</h1>
{describe_data_dir(data_dir)}
<p>Last build {html.escape(stamp)}.</p>
<ol>{items}</ol></body></html>"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def _skipped(path: Path, status: str, why: str) -> NotebookResult:
    nb = nbformat.read(path, as_version=4)
    title, question = describe(nb, path.stem)
    return NotebookResult(path, title, question, 0.0, why, status=status)


def _run_all(todo: list[Path], run, jobs: int) -> list[NotebookResult]:
    """Run the notebooks (one after the other, or `jobs` side by side); after a failure with one job the rest are
    skipped; Ctrl-C marks what was running as interrupted and the rest as skipped (then re-raises)."""
    results: dict[Path, NotebookResult] = {}
    try:
        if jobs > 1:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for path, result in zip(todo, pool.map(run, todo)):
                    results[path] = result
        else:
            for path in todo:
                results[path] = run(path)
                if results[path].error:
                    failed = path.name
                    for rest in todo[todo.index(path) + 1:]:
                        results[rest] = _skipped(rest, "skipped", f"not run because {failed} failed")
                    break
    except KeyboardInterrupt:
        for path in todo:
            if path not in results:
                results[path] = _skipped(path, "interrupted", "the build was stopped (Ctrl-C)")
        raise BuildInterrupted([results[p] for p in todo]) from None
    return [results[p] for p in todo]


class BuildInterrupted(Exception):
    """Ctrl-C during a build: carries what was done, so that the index can still be written."""

    def __init__(self, results: list[NotebookResult]):
        super().__init__("the report build was interrupted")
        self.results = results


def build(out_dir: Path | None = None, *, jobs: int = 1, only: list[str] | None = None,
          folder: Path | None = None, data_dir: Path | str | None = None, timeout: int = 900) -> list[NotebookResult]:
    """Execute and render the numbered notebooks (all, or those whose names start with one of `only`) on a data
    folder (default: `paths.data_dir()`, i.e. `PRESSE_SOMMET_DATA` or `data/`). Only the reports being rebuilt are
    removed first (a failed notebook never leaves an old report behind as if current); the others stay, and the
    index lists them all."""
    out_dir = out_dir or paths.REPORTS_DIR
    data_dir = Path(data_dir).resolve() if data_dir is not None else paths.data_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    order = notebooks(folder)
    todo = [p for p in order if not only or any(p.stem.startswith(o) for o in only)]
    if only and not todo:
        raise ValueError(f"no notebook of {folder or paths.NOTEBOOKS_DIR} starts with {', '.join(only)}; "
                         f"the notebooks are: {', '.join(p.stem for p in order)}")
    for path in todo:
        (out_dir / f"{path.stem}.html").unlink(missing_ok=True)
    stamp = _stamp()
    titles = {p.stem: describe(nbformat.read(p, as_version=4), p.stem)[0] for p in order}
    print(f"Building {len(todo)} report(s) of the data folder {data_dir} into {out_dir} ({jobs} at a time)",
          flush=True)

    def run(path: Path) -> NotebookResult:
        print(f"  running {path.name} ...", flush=True)
        result = _build_one(path, out_dir, _page(path, titles[path.stem], order, titles, stamp), data_dir,
                            timeout)
        print(f"  {'FAILED' if result.error else 'ok':6} {path.name} ({result.seconds:.1f} s)", flush=True)
        return result

    try:
        results = _run_all(todo, run, jobs)
    except BuildInterrupted as stop:
        write_index(stop.results, out_dir, stamp, data_dir, folder=folder or paths.NOTEBOOKS_DIR)
        raise
    write_index(results, out_dir, stamp, data_dir, folder=folder or paths.NOTEBOOKS_DIR)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="notebooks executed side by side")
    parser.add_argument("--timeout", type=int, default=900, help="seconds a cell may run (default: 900)")
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
    try:
        results = build(args.out, jobs=args.jobs, only=args.only, folder=args.notebooks, data_dir=data_dir,
                        timeout=args.timeout)
    except ValueError as exc:
        print(f"Report build failed: {exc}", file=sys.stderr)
        return 2
    except BuildInterrupted as stop:
        done = [r.path.stem for r in stop.results if r.status == "ok"]
        print(f"\nReport build interrupted (Ctrl-C). Finished: {', '.join(done) or 'none'}; the index marks the "
              f"others. Rebuild them with `python -m analysis.report NN`.", file=sys.stderr)
        return 130
    failed = [r for r in results if r.status != "ok"]
    if failed:
        for r in failed:
            print(f"\nReport build failed: {r.path.stem}: {r.error}", file=sys.stderr)
        return 1
    print(f"Done: open {(args.out or paths.REPORTS_DIR) / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

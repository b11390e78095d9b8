"""Report build against its floor: executing the same number of notebooks that only import what ours import.

The floor's code cell is made from our notebooks as they are: every import statement of their code cells (once
each), then `display(setup())` when every notebook's first code cell calls it, as each report must embed the
interactive tables' code. So the floor pays for starting the kernels, the imports, that embedded code and the
rendering of a page, and nothing a notebook computes.

Every run is `python -m analysis.report` in a fresh process, with its own cache folder (PRESSE_SOMMET_CACHE):
warm runs share a cache built once beforehand, cold runs start from an empty one.

Warm runs are made twice: as they come (every figure unchanged since the cache was filled, so its PNG is read from the
cache: `analysis.figure_cache`), and with the figures' entries removed before each run, so that every figure is drawn.

Then a breakdown, once, warm: each notebook executed in its own kernel with timers around what saves figures
(`plots.save_figure`: the figure's key, its PNG from the cache or drawn, the files written), what draws (matplotlib's
`Figure.savefig`, where a figure is laid out, drawn and encoded), the word clouds' images and what shows tables
(`analysis.display.show`), against the time of all its cells.

    python bench/report_build.py [repetitions]     # writes bench/results/report.json
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
FIGURE_LAYER = "figure"  # the cache folder of analysis.figure_cache (LAYER)
SETUP = "display(setup())"  # the first output of every notebook: the interactive tables' code


def notebook_paths(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def floor_code(folder: Path) -> str:
    """The floor's code cell: every import statement of the notebooks' code cells, once each in the order first met,
    then `display(setup())` if every notebook's first code cell calls it."""
    imports: dict[str, None] = {}
    setup_everywhere = True
    for path in notebook_paths(folder):
        code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        setup_everywhere &= bool(code) and SETUP in code[0]
        for source in code:
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    imports.setdefault(ast.unparse(node), None)
    return "\n".join(list(imports) + ([SETUP] if setup_everywhere else []))


def floor_notebooks(folder: Path, n: int, code: str) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Floor {i}\n\n**Question:** none"),
                                             nbformat.v4.new_code_cell(code)])
        nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
        nbformat.write(nb, folder / f"{i:02d}_floor.ipynb")


# Run first in each kernel of the breakdown: timers around the functions named, then the notebook's own cells.
TIMERS = """
import time as _time, functools as _functools, importlib as _importlib
_SPENT = {}
def _timed(module, qualname, label):
    owner = _importlib.import_module(module)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    @_functools.wraps(original)
    def timed(*args, **kwargs):
        start = _time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            _SPENT[label] = _SPENT.get(label, 0.0) + _time.perf_counter() - start
    setattr(owner, name, timed)
_timed("analysis.plots", "save_figure", "figures")
_timed("matplotlib.figure", "Figure.savefig", "drawn")
_timed("analysis.plots", "cloud_image", "word_clouds")
_timed("analysis.display", "show", "tables")
_START = _time.perf_counter()
"""
REPORT = "import json as _json; print(_json.dumps({'cells': _time.perf_counter() - _START, **_SPENT}))"


def breakdown(cache: Path) -> dict[str, dict[str, float]]:
    """Per notebook (warm cache): seconds of all its cells, and of those spent in figures, word clouds, tables."""
    from nbclient import NotebookClient

    from analysis.report import kernel_env

    out = {}
    env = kernel_env()
    env["PRESSE_SOMMET_CACHE"] = str(cache)
    env["PYTHONPATH"] = str(ROOT)  # not the installed copy of the package, which may be another working tree
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        with tempfile.TemporaryDirectory() as figures:
            os.environ["PRESSE_SOMMET_FIGURES"] = figures
            for path in notebook_paths(ROOT / "notebooks"):
                nb = nbformat.read(path, as_version=4)
                nb.cells.insert(0, nbformat.v4.new_code_cell(TIMERS))
                nb.cells.append(nbformat.v4.new_code_cell(REPORT))
                NotebookClient(nb, timeout=900, kernel_name="python3",
                               resources={"metadata": {"path": str(path.parent)}}).execute()
                out[path.stem] = json.loads(nb.cells[-1].outputs[0]["text"])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return out


def build(out: Path, cache: Path, *, jobs: int = 1, notebooks: Path | None = None, draw: bool = False) -> float:
    """Seconds of one `python -m analysis.report` (with `draw`: the cached figures removed first, untimed)."""
    if draw:
        shutil.rmtree(cache / FIGURE_LAYER, ignore_errors=True)
    args = [sys.executable, "-m", "analysis.report", "--out", str(out), "--jobs", str(jobs)]
    if notebooks:
        args += ["--notebooks", str(notebooks)]
    env = dict(os.environ, PRESSE_SOMMET_CACHE=str(cache), PYTHONPATH=str(ROOT))  # kernels import this tree's package
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    n = len(notebook_paths(ROOT / "notebooks"))
    code = floor_code(ROOT / "notebooks")
    print(f"floor cell:\n{code}\n", flush=True)
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor_notebooks(tmp / "floor", n, code)
        warm = tmp / "warm-cache"
        build(tmp / "out", warm)  # fills the warm cache (untimed)
        for label, kwargs in [("floor", {"notebooks": tmp / "floor"}), ("warm", {}), ("warm_drawn", {"draw": True}),
                              ("floor_jobs2", {"notebooks": tmp / "floor", "jobs": 2}), ("warm_jobs2", {"jobs": 2})]:
            print(f"{label} ...", flush=True)
            results[label] = [build(tmp / "out", warm, **kwargs) for _ in range(reps)]
        print("breakdown ...", flush=True)
        parts = breakdown(warm)
        print("cold ...", flush=True)
        results["cold"] = [build(tmp / "out", tmp / f"cold-{i}") for i in range(max(1, reps - 1))]
    summary = {k: {"runs": v, "median": statistics.median(v)} for k, v in results.items()}
    summary["breakdown"] = parts
    summary["measured"] = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    summary["n_notebooks"] = n
    summary["floor_code"] = code
    target = HERE / "results" / "report.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(summary, indent=1))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

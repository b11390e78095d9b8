"""The report build on small throw-away notebooks: one report rebuilt alone, every failure named in a sentence
(a raising cell, a timeout, a dying kernel, Ctrl-C), the index marks failed, skipped and interrupted notebooks,
and a notebook's figures of an earlier build are removed before it runs again."""
import json

import nbformat
import pytest

from analysis import paths, report


def _notebook(folder, name, sources, title=None):
    heading = title or name[:-6].replace("_", " ")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {heading}\n\n**Question:** q {name}?")] +
                                  [nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, folder / name)


@pytest.fixture()
def folders(tmp_path, monkeypatch):
    nbs, out, figures = tmp_path / "nbs", tmp_path / "reports", tmp_path / "figures"
    nbs.mkdir(), figures.mkdir()
    monkeypatch.setenv("PRESSE_SOMMET_FIGURES", str(figures))
    return nbs, out, figures


def _index(out):
    return (out / "index.html").read_text(encoding="utf-8")


def test_one_report_is_rebuilt_alone_and_the_index_keeps_the_others(folders):
    nbs, out, _ = folders
    _notebook(nbs, "00_a.ipynb", ["1"]), _notebook(nbs, "01_b.ipynb", ["2"])
    report.build(out, folder=nbs)
    first = (out / "00_a.html").read_text(encoding="utf-8")
    results = report.build(out, folder=nbs, only=["01"])
    assert [r.path.name for r in results] == ["01_b.ipynb"]
    assert (out / "00_a.html").read_text(encoding="utf-8") == first  # untouched
    index = _index(out)
    assert 'href="00_a.html"' in index and 'href="01_b.html"' in index
    assert set(json.loads((out / "build.json").read_text())) == {"00_a", "01_b"}
    with pytest.raises(ValueError, match="no notebook of .* starts with 07; the notebooks are: 00_a, 01_b"):
        report.build(out, folder=nbs, only=["07"])


def test_after_a_failure_the_rest_is_skipped_and_marked(folders):
    nbs, out, _ = folders
    _notebook(nbs, "00_a.ipynb", ["1"]), _notebook(nbs, "01_b.ipynb", ["1 / 0"]), _notebook(nbs, "02_c.ipynb", ["3"])
    results = report.build(out, folder=nbs)
    assert [r.status for r in results] == ["ok", "failed", "skipped"]
    assert results[2].error == "not run because 01_b.ipynb failed"
    index = _index(out)
    assert "FAILED, no report" in index and "01_b.ipynb: cell 1 raised ZeroDivisionError" in index
    assert "SKIPPED, not run" in index and not (out / "02_c.html").exists()


def test_a_cell_past_the_timeout_and_a_dying_kernel_are_named(folders):
    nbs, out, _ = folders
    _notebook(nbs, "00_slow.ipynb", ["import time\ntime.sleep(30)"])
    _notebook(nbs, "01_dies.ipynb", ["import os\nos._exit(1)"])
    results = report.build(out, folder=nbs, jobs=2, timeout=2)
    assert results[0].error.startswith("00_slow.ipynb: cell 1 (import time) ran for more than 2 s and was stopped.")
    assert results[1].error.startswith("01_dies.ipynb: the kernel died while running cell 1 (import os)")
    assert _index(out).count("FAILED, no report") == 2


def test_ctrl_c_writes_the_index_and_exits_130(folders, monkeypatch, capsys):
    nbs, out, _ = folders
    _notebook(nbs, "00_a.ipynb", ["1"]), _notebook(nbs, "01_b.ipynb", ["2"])
    real = report._build_one

    def interrupted(path, *args, **kwargs):
        if path.name == "01_b.ipynb":
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(report, "_build_one", interrupted)
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", nbs)
    assert report.main(["--out", str(out), "--jobs", "1"]) == 130
    assert "Report build interrupted (Ctrl-C). Finished: 00_a" in capsys.readouterr().err
    index = _index(out)
    assert 'href="00_a.html"' in index and "INTERRUPTED, no report" in index


def test_a_notebooks_old_figures_are_removed_before_it_runs(folders):
    nbs, out, figures = folders
    for name in ("00_old.png", "00_old.csv", "01_other.png", "notes.txt"):
        (figures / name).write_text("x")
    _notebook(nbs, "00_a.ipynb", ["1"])
    report.build(out, folder=nbs)
    assert sorted(p.name for p in figures.iterdir()) == ["01_other.png", "notes.txt"]

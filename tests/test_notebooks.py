"""Every notebook runs top to bottom; notebooks are committed clean; the report build fails loudly."""
import csv
import json
import re

import nbformat
import pandas as pd
import pytest

from analysis import paths, report

NOTEBOOKS = report.notebooks()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00_corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: clear the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_question_inputs_outputs(path):
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    for part in ("**Question:**", "**Inputs:**", "**Outputs:**"):
        assert part in first.source


def _study_ids() -> list[str]:
    with open(paths.ARTICLES_CSV, encoding="utf-8", newline="") as fh:
        return sorted(row["article_id"] for row in csv.DictReader(fh))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_reads_the_data_folder_and_names_no_study_article_or_period(path):
    """Any corpus: the layers come from paths.data_dir(), and no code cell names an article id or a period of the
    study (periods come from the data; the article shown or singled out is chosen by a computed rule)."""
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert "analysis.pipeline(paths.data_dir())" in code
    with open(paths.PERIODS_CSV, encoding="utf-8", newline="") as fh:
        periods = [row["period"] for row in csv.DictReader(fh)]
    for literal in _study_ids() + periods:
        assert not re.search(rf"[\"']{literal}[\"']", code), f"{path.name} names {literal!r} in its code"
    assert not re.search(r"range\(5\)|\b2025-\d\d-\d\d\b", code), f"{path.name} assumes the study's size or dates"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_top_to_bottom(path, executed):
    nb = executed(path.name)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []


def test_actor_counts_agree_across_notebooks(executed, layers):
    """One mention table feeds every notebook: 00 shows it by kind, 01 sums the kinds, 02 counts the names."""
    for name in ("00_corpus.ipynb", "01_source_comparison.ipynb", "02_term_frequency.ipynb"):
        executed(name)
    by_kind = pd.read_csv(executed.folder / "00_actors.csv", header=[0, 1], index_col=[0, 1])
    coverage = pd.read_csv(executed.folder / "01_coverage_actors.csv", index_col=[0, 1])
    terms = pd.read_csv(executed.folder / "02_actor_terms.csv", index_col=0)
    totals = by_kind.T.groupby(level="article_id").sum().T
    pd.testing.assert_frame_equal(totals, coverage, check_names=False)
    assert by_kind.loc[("russia", "Vladimir Poutine"), "000"].to_dict() == {"name": 7, "pronoun": 0, "role": 3}
    assert coverage.loc[("russia", "Vladimir Poutine")].to_dict() == {"000": 10, "001": 3, "002": 3, "003": 9,
                                                                     "004": 9}
    names = by_kind.xs("name", axis=1, level="mention_kind").droplevel("camp")
    states = set(layers.actors.query("actor_kind == 'state'")["actor"])
    names = names.loc[[a for a in names.index if a not in states and names.loc[a].sum() > 0]]
    pd.testing.assert_frame_equal(names.sort_index(), terms.sort_index(), check_names=False)
    assert terms.loc["Donald Trump"].to_dict() == {"000": 6, "001": 7, "002": 4, "003": 11, "004": 10}


def _notebook(folder, name, sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A test\n\n**Question:** does it fail?")] +
                                  [nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, folder / name)


def test_report_build_names_the_failing_notebook_and_cell_and_removes_stale_reports(tmp_path):
    nbs, out = tmp_path / "nbs", tmp_path / "reports"
    nbs.mkdir(), out.mkdir()
    (out / "01_broken.html").write_text("an old, once-good report")
    _notebook(nbs, "00_fine.ipynb", ["x = 1"])
    _notebook(nbs, "01_broken.ipynb", ["y = 2", "1 / 0"])
    results = report.build(out, folder=nbs)
    assert [r.error is None for r in results] == [True, False]
    assert "01_broken.ipynb: cell 2 raised ZeroDivisionError" in results[1].error
    assert "1 / 0" in results[1].error
    assert sorted(p.name for p in out.iterdir()) == ["00_fine.html", "build.json", "index.html"]
    index = (out / "index.html").read_text()
    assert "FAILED, no report" in index and 'href="00_fine.html"' in index and "does it fail?" in index


def test_report_main_exits_non_zero_on_failure(tmp_path, monkeypatch):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs, "00_broken.ipynb", ["raise ValueError('boom')"])
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", nbs)
    assert report.main(["--out", str(tmp_path / "out")]) == 1

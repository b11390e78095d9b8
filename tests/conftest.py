"""Shared fixtures: the layers of the real corpus and of the held-out texts, and throw-away data folders."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

import analysis
from analysis import paths, report


@pytest.fixture(scope="session")
def layers():
    """Every layer of the five articles (through the disk cache, whose soundness tests/test_cache.py proves)."""
    return analysis.pipeline()


@pytest.fixture(scope="session")
def heldout_layers():
    """The layers of the six held-out texts (tests/data/heldout)."""
    return analysis.pipeline(paths.HELDOUT_DIR)


@pytest.fixture(scope="session")
def corpus(layers):
    return layers.corpus


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (raw files, manifest, articles.csv) that a test may break."""
    target = tmp_path / "data"
    (target / "raw").mkdir(parents=True)
    for f in paths.RAW_DIR.iterdir():
        shutil.copy2(f, target / "raw" / f.name)
    shutil.copy2(paths.ARTICLES_CSV, target / "articles.csv")
    return target


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Execute a notebook once per session, its figures saved in a folder of the session; returns that folder."""
    folder = tmp_path_factory.mktemp("figures")
    done: dict[str, nbformat.NotebookNode] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in done:
            old = os.environ.get("PRESSE_SOMMET_FIGURES")
            os.environ["PRESSE_SOMMET_FIGURES"] = str(folder)
            try:
                done[name] = report.execute(paths.NOTEBOOKS_DIR / name)
            finally:
                os.environ.pop("PRESSE_SOMMET_FIGURES") if old is None else os.environ.update(
                    PRESSE_SOMMET_FIGURES=old)
        return done[name]

    run.folder = folder
    return run


@pytest.fixture(autouse=True, scope="session")
def _figures_out_of_the_project(tmp_path_factory):
    """No test writes or removes the project's figures/: figures go to a folder of the session unless a test sets
    its own (a report build removes a notebook's earlier figures before running it)."""
    old = os.environ.get("PRESSE_SOMMET_FIGURES")
    os.environ["PRESSE_SOMMET_FIGURES"] = str(tmp_path_factory.mktemp("session_figures"))
    yield
    os.environ.pop("PRESSE_SOMMET_FIGURES") if old is None else os.environ.update(PRESSE_SOMMET_FIGURES=old)

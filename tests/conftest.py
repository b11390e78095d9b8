"""Shared fixtures: the real corpus, and throw-away copies of the data folder for bad-input tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import analysis
from analysis import paths


@pytest.fixture(scope="session")
def corpus():
    return analysis.load_corpus()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (raw files, manifest, articles.csv) that a test may break."""
    target = tmp_path / "data"
    (target / "raw").mkdir(parents=True)
    for f in paths.RAW_DIR.iterdir():
        shutil.copy2(f, target / "raw" / f.name)
    shutil.copy2(paths.ARTICLES_CSV, target / "articles.csv")
    return target

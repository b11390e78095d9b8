"""Shared fixtures: the layers of the real corpus and of the held-out texts, and throw-away data folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import analysis
from analysis import paths


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

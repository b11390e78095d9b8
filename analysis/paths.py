"""Every path the project uses, built from the project root (the one place paths live)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
GOLD_DIR = DATA_DIR / "gold"
EXTERNAL_DIR = DATA_DIR / "external"
ARTICLES_CSV = DATA_DIR / "articles.csv"
ACTORS_CSV = DATA_DIR / "actors.csv"
EVENTS_CSV = DATA_DIR / "events.csv"
FACTS_CSV = DATA_DIR / "facts.csv"
PLACES_CSV = DATA_DIR / "places.csv"
CLAIMS_CSV = DATA_DIR / "claims.csv"
PERIODS_CSV = DATA_DIR / "periods.csv"
GOLD_QUOTES_CSV = GOLD_DIR / "quotes.csv"
GOLD_TONE_CSV = GOLD_DIR / "tone.csv"
GOLD_CONDITIONALS_CSV = GOLD_DIR / "conditionals.csv"
LEXICON_DIR = DATA_DIR / "lexicon"
FUTURE_STEMS_CSV = LEXICON_DIR / "future_stems.csv"
TONE_BENCHMARK_CSV = EXTERNAL_DIR / "polarity-fr-amazon.csv"
HELDOUT_DIR = PROJECT_ROOT / "tests" / "data" / "heldout"
HELDOUT_GOLD_CSV = HELDOUT_DIR / "quotes_gold.csv"
TEST_DATA_DIR = PROJECT_ROOT / "tests" / "data"
DEVSET_DIR = TEST_DATA_DIR / "devset"
LIBRARY_DIR = PROJECT_ROOT / "analysis"
CHECKSUMS = RAW_DIR / "SHA256SUMS"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
# Derived, rebuildable files (the layers' cache); PRESSE_SOMMET_CACHE moves them elsewhere (see cache_dir()).
CACHE_DIR = PROJECT_ROOT / ".cache"


def raw_dir(data_dir: Path | str | None = None) -> Path:
    """The `raw/` folder of a data directory (the project's `data/` by default)."""
    return Path(data_dir) / "raw" if data_dir is not None else RAW_DIR


def articles_csv(data_dir: Path | str | None = None) -> Path:
    """The `articles.csv` metadata file of a data directory."""
    return Path(data_dir) / "articles.csv" if data_dir is not None else ARTICLES_CSV



def curated(name: str, data_dir: Path | str | None = None) -> Path:
    """A curated file (`actors.csv`, `facts.csv`, …) of a data folder, or the project's own when it has none."""
    if data_dir is not None and (Path(data_dir) / name).exists():
        return Path(data_dir) / name
    return DATA_DIR / name


def cache_dir() -> Path:
    """Where the layers' cache lives: `PRESSE_SOMMET_CACHE` if set (read at each call), else `.cache/`."""
    return Path(os.environ.get("PRESSE_SOMMET_CACHE") or CACHE_DIR)


def data_dir() -> Path:
    """The data folder the notebooks study: `PRESSE_SOMMET_DATA` if set (read at each call), else `data/`."""
    return Path(os.environ.get("PRESSE_SOMMET_DATA") or DATA_DIR).resolve()


def figures_dir() -> Path:
    """Where notebooks save figures: `PRESSE_SOMMET_FIGURES` if set (read at each call), else `figures/`."""
    return Path(os.environ.get("PRESSE_SOMMET_FIGURES") or FIGURES_DIR)

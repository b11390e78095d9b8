"""A disk cache for derived tables, keyed by what they are computed from and by the code that computes them."""
from __future__ import annotations

import hashlib
import json
import pickle
from functools import lru_cache
from typing import Callable

import pandas as pd

from . import paths


@lru_cache(maxsize=1)
def code_signature() -> str:
    """Hash of the library's source and the curated data files the rules read: any change invalidates."""
    h = hashlib.sha256()
    for path in sorted((paths.PROJECT_ROOT / "analysis").glob("*.py")) + sorted(paths.DATA_DIR.glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cached_table(name: str, key_parts: list, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """`compute()`'s result, from `.cache/tables/` when the same inputs and code produced it before."""
    key = hashlib.sha256(json.dumps([name, code_signature(), key_parts], default=str).encode()).hexdigest()[:24]
    path = paths.CACHE_DIR / "tables" / f"{name}-{key}.pkl"
    if path.exists():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    table = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return table

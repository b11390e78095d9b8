"""The disk cache of derived tables: reused for the same inputs and code, recomputed when either changes."""
import pandas as pd

from analysis import cache, paths


def test_cached_table_reuses_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE_DIR", tmp_path)
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"x": [len(calls)]})

    first = cache.cached_table("demo", ["a"], compute)
    again = cache.cached_table("demo", ["a"], compute)
    assert len(calls) == 1 and again.equals(first)
    cache.cached_table("demo", ["b"], compute)  # other inputs
    assert len(calls) == 2
    monkeypatch.setattr(cache, "code_signature", lambda: "changed-code")
    cache.cached_table("demo", ["a"], compute)  # same inputs, other code
    assert len(calls) == 3
    assert len(list((tmp_path / "tables").glob("demo-*.pkl"))) == 3

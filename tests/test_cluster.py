"""The same partitions on a Dask LocalCluster give the tables of the in-process run (1,500 real reviews)."""
from __future__ import annotations

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import analysis
from analysis import cluster, partitioned, paths, tone
from analysis.layers import LAYERS


def reviews_corpus() -> pd.DataFrame:
    """The 1,500 labelled French reviews as a corpus table, half dated in August, half in November."""
    reviews = tone.load_benchmark()
    return pd.DataFrame({"article_id": [f"{i:05d}" for i in range(len(reviews))], "text": reviews["text"],
                         "published": pd.to_datetime(["2025-08-07" if i % 2 else "2025-11-17"
                                                      for i in range(len(reviews))]),
                         "period": ["august" if i % 2 else "november" for i in range(len(reviews))]})


@pytest.fixture(scope="module")
def corpus():
    return reviews_corpus()


def test_a_local_cluster_gives_the_tables_of_the_in_process_run(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path / "here"))
    here = analysis.pipeline(corpus=corpus)
    counts = here.build()
    assert len(here.partitions) == 3
    shown = ("sentences", "mentions", "statements", "terms", "hedging")
    assert {name: counts[name] for name in shown} == {"sentences": 8727, "mentions": 635, "statements": 1503,
                                                      "terms": 188664, "hedging": 8726}
    there = analysis.pipeline(corpus=corpus)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as local, Client(local) as client:
        assert cluster.build(there, client, cache_root=tmp_path / "there") == counts
    assert there.cache_root == str(tmp_path / "there") != here.cache_root
    for name in LAYERS:
        pd.testing.assert_frame_equal(there.read(name), here.read(name), obj=name)


def test_the_cluster_takes_partitioned_layers_only(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path))
    with pytest.raises(TypeError, match="partitioned layers: analysis.pipeline"):
        cluster.build(analysis.pipeline(), client=None)


def test_the_partitions_of_a_data_folder_read_back_from_this_process_s_cache_are_built_on_the_cluster(
        tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path / "here"))
    parts = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    assert isinstance(parts.partitions, partitioned._Stored)  # cleaned into `here`; the layers built `there`
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as local, Client(local) as client:
        counts = cluster.build(parts, client, cache_root=tmp_path / "there")
    whole = analysis.pipeline(paths.DEVSET_DIR, use_cache=False)
    assert counts == {name: len(whole.read(name)) for name in LAYERS if name != "corpus"}
    for name in ("corpus", "statements", "terms"):
        pd.testing.assert_frame_equal(parts.read(name), whole.read(name).reset_index(drop=True), obj=name)
    assert parts.log.equals(whole.log)

"""A corpus in partitions gives the tables of the corpus in one piece; it is built once, streamed, and read by column."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import cache, nlp, partitioned, paths, terms
from analysis.errors import CorpusError
from analysis.layers import LAYERS


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def devset_whole():
    return analysis.pipeline(paths.DEVSET_DIR, use_cache=False)


def test_the_partitions_of_the_development_set_give_the_tables_of_the_whole(devset_whole, cache_dir):
    parts = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    assert isinstance(parts, analysis.PartitionedLayers)
    assert [len(p) for p in parts.partitions] == [5, 5, 2]
    assert parts.build_all() == {"corpus": 12, "sentences": 222, "tokens": 5088, "mentions": 280, "statements": 168,
                                 "times": 112, "terms": 4208, "tone": 208, "hedging": 208}
    for name in LAYERS:
        pd.testing.assert_frame_equal(parts.read(name), devset_whole.read(name).reset_index(drop=True), obj=name)
    assert parts.log.equals(devset_whole.log)
    assert list(parts.docs) == list(devset_whole.corpus["article_id"])


def test_the_held_out_texts_in_partitions_of_one_article(cache_dir):
    whole = analysis.pipeline(paths.HELDOUT_DIR, use_cache=False)
    parts = analysis.pipeline(paths.HELDOUT_DIR, partition_size=1)
    assert len(parts.partitions) == len(whole.corpus) == 6
    for name in ("statements", "mentions", "times", "hedging"):
        pd.testing.assert_frame_equal(parts.read(name), whole.read(name).reset_index(drop=True), obj=name)


def test_a_layer_is_read_by_column_one_partition_at_a_time(devset_whole, cache_dir):
    parts = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    pieces = list(parts.iter("terms", ["term", "period"]))
    assert [len(p) for p in pieces] == [1862, 1659, 687] and all(list(p.columns) == ["term", "period"] for p in pieces)
    pd.testing.assert_frame_equal(parts.read("terms", ["term", "period"]),
                                  devset_whole.read("terms", ["term", "period"]).reset_index(drop=True))
    with pytest.raises(ValueError, match="unknown layer 'words'"):
        parts.read("words")


def test_a_corpus_within_one_partition_stays_in_memory_layers(cache_dir):
    assert type(analysis.pipeline()) is analysis.Layers
    assert type(analysis.pipeline(paths.DEVSET_DIR, partition_size=12)) is analysis.Layers
    assert type(analysis.pipeline(paths.DEVSET_DIR, partition_size=5, use_cache=False)) is analysis.Layers


def test_a_second_build_starts_no_parse_worker_and_an_edit_reparses_its_partition_only(cache_dir, monkeypatch):
    workers = []
    real = partitioned._ParseWorkers
    monkeypatch.setattr(partitioned, "_ParseWorkers", lambda n: workers.append(n) or real(n))
    analysis.pipeline(paths.DEVSET_DIR, partition_size=5).build()
    analysis.pipeline(paths.DEVSET_DIR, partition_size=5).build()
    assert workers[1] == 0 and workers[0] >= 1
    base = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    edited = base.corpus[["article_id", "text", "published", "period"]].copy()
    edited.loc[11, "text"] += "\n\nLe Kremlin a confirmé la rencontre."
    before = set((cache_dir / "parse").iterdir())
    analysis.pipeline(corpus=edited, partition_size=5).build()
    assert len(set((cache_dir / "parse").iterdir()) - before) == 1


def test_an_error_in_a_parse_worker_reaches_the_caller_whole(cache_dir, monkeypatch):
    def no_model():
        raise CorpusError("fr_core_news_sm", "the spaCy model is not installed", "run `make setup`")
    monkeypatch.setattr(nlp, "get_nlp", no_model)  # the worker is forked: it sees the patch
    with pytest.raises(CorpusError, match="fr_core_news_sm: the spaCy model is not installed. Fix: run `make setup`"):
        analysis.pipeline(paths.DEVSET_DIR, partition_size=5).build()


def test_partitions_keep_corpus_order_and_refuse_a_size_below_one():
    base = pd.DataFrame({"article_id": list("abcde"), "text": list("vwxyz")})
    assert [list(p["article_id"]) for p in partitioned.split(base, 2)] == [["a", "b"], ["c", "d"], ["e"]]
    with pytest.raises(ValueError, match="at least 1 article"):
        partitioned.split(base, 0)
    assert partitioned.layer_names(base) == ["sentences", "tokens", "mentions", "statements", "tone", "hedging"]


def test_a_cache_folder_given_to_a_task_is_used_inside_the_block_only(tmp_path, cache_dir):
    with cache.rooted(tmp_path / "elsewhere"):
        assert cache.cache_dir() == tmp_path / "elsewhere"
    assert cache.cache_dir() == cache_dir


def test_keyness_counted_partition_by_partition_equals_the_keyness_of_the_whole(devset_whole, cache_dir):
    parts = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    counts, sizes = terms.add_counts(terms.term_counts(piece, group="period")
                                     for piece in parts.iter("terms", ["term", "period", "is_content"]))
    assert sizes.to_dict() == {"august": 2154, "november": 2054}
    pd.testing.assert_frame_equal(terms.keyness_of_counts(counts, sizes, target="november"),
                                  terms.keyness(devset_whole.terms, target="november"))


def test_the_command_line_builds_a_folder_in_partitions_and_says_how_far_it_is(cache_dir, capsys):
    from analysis.study import main

    assert main([str(paths.DEVSET_DIR), "--partition-size", "5"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == ["partition 1/3 built", "partition 2/3 built", "partition 3/3 built"]
    assert "statements          168 rows" in out and "hedging             208 rows" in out

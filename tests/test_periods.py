"""Periods are data (data/periods.csv): validated, and each article's period derived from its publication date."""
import pandas as pd
import pytest

import analysis
from analysis import paths
from analysis.corpus import load_periods, read_metadata

HEADER = "period,start,end,description\n"


@pytest.fixture(scope="module")
def reference():
    return analysis.load_corpus()


def _write_periods(folder, body: str):
    (folder / "periods.csv").write_text(HEADER + body, encoding="utf-8")
    return folder / "periods.csv"


def _set(data_dir, article_id, **values):
    meta = pd.read_csv(data_dir / "articles.csv", dtype=str, keep_default_na=False)
    for column, value in values.items():
        meta.loc[meta["article_id"] == article_id, column] = value
    meta.to_csv(data_dir / "articles.csv", index=False)


# --- the project's periods ------------------------------------------------------------------------------------------
def test_the_study_periods_in_chronological_order():
    periods = load_periods()
    assert list(periods.columns) == ["period", "start", "end", "description"]
    assert list(periods["period"]) == ["august", "november"]
    spans = [(s.date().isoformat(), e.date().isoformat()) for s, e in zip(periods["start"], periods["end"])]
    assert spans == [("2025-08-01", "2025-08-31"), ("2025-11-01", "2025-11-30")]
    assert periods["description"].str.len().gt(20).all()


def test_the_project_articles_csv_keeps_a_period_column_that_agrees_with_the_dates(reference):
    given = pd.read_csv(paths.ARTICLES_CSV, dtype=str, keep_default_na=False)
    assert list(given["period"]) == list(reference["period"]) == ["august"] * 4 + ["november"]


def test_period_derived_when_the_cells_are_empty_or_the_column_absent(data_copy, reference):
    _set(data_copy, "000", period="")
    _set(data_copy, "004", period="")
    pd.testing.assert_frame_equal(analysis.load_corpus(data_copy), reference)
    meta = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    meta.drop(columns="period").to_csv(data_copy / "articles.csv", index=False)
    loaded = analysis.load_corpus(data_copy)
    pd.testing.assert_frame_equal(loaded, reference)  # same columns, same order, same values


@pytest.mark.parametrize("published,period", [("2025-08-01", "august"), ("2025-08-31", "august"),
                                              ("2025-11-01", "november"), ("2025-11-30", "november")])
def test_both_ends_of_a_period_are_inclusive(data_copy, published, period):
    _set(data_copy, "003", published=published, period="")
    meta = read_metadata(data_copy).set_index("article_id")
    assert meta.loc["003", "period"] == period


def test_a_given_period_that_contradicts_the_date(data_copy):
    _set(data_copy, "003", period="november")
    with pytest.raises(analysis.CorpusError) as info:
        read_metadata(data_copy)
    error = info.value
    assert error.path == data_copy / "articles.csv"
    assert error.problem == ("article 003 (published 2025-08-07) has period 'november', but its date falls in period "
                             f"'august' of {paths.PERIODS_CSV}")
    assert error.fix.startswith("empty the `period` cell(s) (the loader derives the period from `published`), or, "
                                f"if the periods are wrong, change {data_copy / 'periods.csv'} (this folder has none")


def test_articles_outside_every_period_are_all_named_with_their_dates(data_copy):
    _set(data_copy, "003", published="2025-10-17", period="")
    _set(data_copy, "001", published="2025-10-20", period="november")
    with pytest.raises(analysis.CorpusError) as info:
        analysis.load_corpus(data_copy)
    error = info.value
    assert error.path == data_copy / "articles.csv"
    assert error.problem == (f"2 article(s) published outside every period of {paths.PERIODS_CSV}: "
                             "001 (2025-10-20), 003 (2025-10-17)")
    assert error.fix.startswith(f"add a period covering 2025-10-17 and 2025-10-20 to {data_copy / 'periods.csv'} "
                                "(this folder has none, so the project's")
    assert error.fix.endswith("or remove the article(s) (file and row)")


def test_the_project_folder_is_told_to_edit_its_own_periods_file(data_copy):
    _set(data_copy, "003", published="2025-10-17", period="")
    (data_copy / "periods.csv").write_bytes(paths.PERIODS_CSV.read_bytes())
    with pytest.raises(analysis.CorpusError) as info:
        read_metadata(data_copy)
    assert info.value.fix == (f"add a period covering 2025-10-17 to {data_copy / 'periods.csv'}, or remove the "
                              "article(s) (file and row)")


def test_a_folder_with_its_own_periods_file_files_an_october_article_honestly(data_copy):
    _write_periods(data_copy, "november,2025-11-01,2025-11-30,after\n"
                              "october,2025-10-01,2025-10-31,the Budapest announcement\n"
                              "august,2025-08-01,2025-08-31,before\n")
    _set(data_copy, "003", published="2025-10-17", period="")
    corpus = analysis.load_corpus(data_copy)
    assert dict(zip(corpus["article_id"], corpus["period"])) == {
        "000": "august", "001": "august", "002": "august", "003": "october", "004": "november"}
    assert list(load_periods(data_copy / "periods.csv")["period"]) == ["august", "october", "november"]


# --- periods.csv validation -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("body,problem,fix", [
    ("august,2025-08-01,2025-08-31,a\naugust,2025-11-01,2025-11-30,b\n", "duplicate period: august",
     "give each row its own period"),
    (",2025-08-01,2025-08-31,a\n", "a period has an empty name (line 2)", "name every period"),
    ("august,2025-8-01,2025-08-31,a\n", "period 'august': `start` is '2025-8-01', not an ISO date written YYYY-MM-DD",
     "write the date as YYYY-MM-DD"),
    ("august,2025-08-01,20250831,a\n", "period 'august': `end` is '20250831', not an ISO date written YYYY-MM-DD",
     "write the date as YYYY-MM-DD"),
    ("august,2025-08-01,2025-02-30,a\n", "period 'august': `end` is '2025-02-30', not an ISO date", "YYYY-MM-DD"),
    ("august,2025-08-31,2025-08-01,a\n", "period 'august' ends (2025-08-01) before it starts (2025-08-31)",
     "correct the dates"),
    ("november,2025-11-01,2025-11-30,b\naugust,2025-08-01,2025-11-01,a\n",
     "periods 'august' (2025-08-01 to 2025-11-01) and 'november' (2025-11-01 to 2025-11-30) overlap",
     "make them disjoint: a date falls in one period only"),
    ("", "no period is defined", "add one row per study period"),
])
def test_bad_periods_file(tmp_path, body, problem, fix):
    path = _write_periods(tmp_path, body)
    with pytest.raises(analysis.CorpusError) as info:
        load_periods(path)
    assert info.value.path == path
    assert info.value.problem.startswith(problem), info.value.problem
    assert fix in info.value.fix


@pytest.mark.parametrize("content,problem", [
    (b"", "the file is empty"),
    (b"period,start,end\naugust,2025-08-01,2025-08-31\n", "columns missing: description"),
    (b"period;start;end;description\naugust;2025-08-01;2025-08-31;a\n", "the columns are separated by ';'"),
    ("period,start,end,description\naoût,2025-08-01,2025-08-31,été\n".encode("latin-1"), "the text is not UTF-8"),
])
def test_periods_file_that_is_not_a_proper_csv(tmp_path, content, problem):
    (tmp_path / "periods.csv").write_bytes(content)
    with pytest.raises(analysis.CorpusError, match="periods.csv: " + problem):
        load_periods(tmp_path / "periods.csv")


def test_a_missing_periods_file(tmp_path):
    with pytest.raises(analysis.CorpusError, match=r"periods\.csv: the periods file is missing\. Fix: create it"):
        load_periods(tmp_path / "periods.csv")


def test_a_bad_periods_file_in_a_data_folder_stops_the_loader(data_copy):
    _write_periods(data_copy, "august,2025-08-01,2025-08-31,a\nnovember,2025-08-15,2025-11-30,b\n")
    with pytest.raises(analysis.CorpusError, match=r"periods\.csv: periods 'august' .* and 'november' .* overlap"):
        analysis.load_corpus(data_copy)


def test_an_empty_date_left_by_ingest_is_named_as_such(data_copy):
    articles = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    articles.loc[articles["article_id"] == "003", "published"] = ""
    articles.to_csv(data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"article 003 has no date: `published` must be an ISO"):
        analysis.load_corpus(data_copy)

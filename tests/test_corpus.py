"""The loader: metadata, cleaned text, exact counts, and a clear error for every bad input."""
import codecs
import re

import pandas as pd
import pytest
from rawfiles import rewrite_raw

import analysis
from analysis import paths


def test_one_row_per_article_with_the_promised_columns(corpus):
    for column in ["article_id", "file", "published", "period", "title", "byline", "credits", "text", "raw_text",
                   "n_words", "n_sentences"]:
        assert column in corpus.columns
    assert list(corpus["article_id"]) == ["000", "001", "002", "003", "004"]


def test_dates_and_periods(corpus):
    got = dict(zip(corpus["article_id"], zip(corpus["published"].dt.strftime("%Y-%m-%d"), corpus["period"])))
    assert got == {"000": ("2025-08-07", "august"), "001": ("2025-08-07", "august"), "002": ("2025-08-07", "august"),
                   "003": ("2025-08-07", "august"), "004": ("2025-11-17", "november")}


def test_dates_without_a_date_line_say_so_and_004_is_not_the_author_box_date(corpus):
    basis = dict(zip(corpus["article_id"], corpus["date_basis"]))
    assert basis["001"].startswith("inferred") and basis["003"].startswith("inferred")
    assert basis["000"].startswith("header line") and basis["002"].startswith("header line")
    assert "04 décembre 2025" in corpus.set_index("article_id").loc["004", "raw_text"]
    assert "le 17 novembre" in basis["004"]


def test_titles(corpus, layers):
    titles = dict(zip(corpus["article_id"], corpus["title"]))
    assert titles["000"] == 'Une rencontre Trump-Poutine prévue "dans les prochains jours", selon le Kremlin'
    assert titles["003"] == "Trump insiste pour rencontrer Poutine au sujet de la guerre en Ukraine"
    assert titles["004"] == "Moscou espère un futur sommet Trump-Poutine, selon le porte parole du Kremlin"
    # No title line: the standfirst's first sentence (001) and the body's first sentence (002).
    assert titles["001"].startswith("Une rencontre entre Donald Trump et Vladimir Poutine est confirmée")
    assert titles["002"].startswith("À l'heure où la guerre en Ukraine")
    sents = layers.sentences
    first = sents[sents["sent_idx"] == 0].set_index("article_id")["text"]
    assert first["001"] == titles["001"] and first["002"] == titles["002"]


@pytest.mark.parametrize("article_id,n_words,n_sentences,n_paragraphs,n_headings", [
    ("000", 726, 27, 22, 2),
    ("001", 347, 14, 5, 0),
    ("002", 458, 16, 7, 3),
    ("003", 494, 19, 11, 3),
    ("004", 748, 34, 24, 2),
])
def test_counts(corpus, article_id, n_words, n_sentences, n_paragraphs, n_headings):
    row = corpus.set_index("article_id").loc[article_id]
    assert (row.n_words, row.n_sentences, row.n_paragraphs, row.n_headings) == (n_words, n_sentences, n_paragraphs,
                                                                                n_headings)


def test_byline_and_credits_found_by_cleaning_match_the_curated_metadata(corpus):
    for row in corpus.itertuples():
        assert row.byline_found == row.byline, row.article_id
        assert row.credits_found == row.credits, row.article_id


def test_boilerplate_never_reaches_the_text(corpus):
    body = " ".join(corpus["text"])
    for furniture in ["Getty", "Photo", "GAVRIIL", "poutine-trump-handshake", "Principaux renseignements",
                      "Fichier vidéo", "Jacob Berg", "Avec Reuters", "Victoria Friedman", "04 décembre 2025",
                      "Gaz et pétrole", "Morristown", "Exclusif", "date 2025"]:
        assert furniture not in body, furniture
    assert not any(t.endswith("\nPlus") for t in corpus["text"])


def test_text_is_typographically_normalised(corpus):
    body = "".join(corpus["text"])
    for char in "\u2019\u00a0\u202f\u2011\u2026\u200b\u00ad•":
        assert char not in body, repr(char)
    assert "«" in body and "»" in body  # guillemets are kept: they mark quotes


# --- bad input ------------------------------------------------------------------------------------


def _articles(data_dir) -> pd.DataFrame:
    return pd.read_csv(data_dir / "articles.csv", dtype=str, keep_default_na=False)


NAME = "001_fbd1b2ad52eca990.txt"


@pytest.mark.parametrize("content,problem,fix", [
    (b"", "the file is empty", "put the article's text in it"),
    (b"  \n\n  ", "the file is empty", "put the article's text in it"),
    (b"%PDF-1.7\n%\xe2\xe3", "this is a PDF document, not a text file", "save the article as plain UTF-8 text"),
    (b"\x00\x01\x02binary\x00data" * 20, "binary file", "save the article as plain UTF-8 text"),
    ("Le président américain a évoqué une rencontre très bientôt.".encode("cp1252"),
     "not UTF-8.*Latin-1", "iconv -f ISO-8859-1 -t UTF-8"),
    ("« Nous aimerions vraiment que cela se réalise… » — l’été".encode("cp1252"),
     "not UTF-8.*Windows-1252", "iconv -f WINDOWS-1252 -t UTF-8"),
    (codecs.BOM_UTF16_LE + "Le Kremlin".encode("utf-16-le"), "UTF-16", "iconv -f UTF-16 -t UTF-8"),
])
def test_bad_raw_file_gets_a_clear_error(data_copy, content, problem, fix):
    rewrite_raw(data_copy, NAME, content)
    with pytest.raises(analysis.CorpusError) as info:
        analysis.load_corpus(data_copy)
    message = str(info.value)
    assert message.startswith(str(data_copy / "raw" / NAME))
    assert re.search(problem, message), message
    assert fix in message


def test_bom_and_crlf_are_handled_silently(data_copy, corpus):
    original = (data_copy / "raw" / NAME).read_bytes()
    rewrite_raw(data_copy, NAME, codecs.BOM_UTF8 + original.replace(b"\n", b"\r\n"))
    loaded = analysis.load_corpus(data_copy).set_index("article_id")
    assert loaded.loc["001", "text"] == corpus.set_index("article_id").loc["001", "text"]


def test_duplicate_article_under_two_names(data_copy):
    copy = data_copy / "raw" / "005_copy.txt"
    copy.write_bytes((data_copy / "raw" / NAME).read_bytes())
    rewrite_raw(data_copy, "005_copy.txt", copy.read_bytes())
    meta = _articles(data_copy)
    row = meta.iloc[[1]].assign(article_id="005", file="005_copy.txt")
    pd.concat([meta, row]).to_csv(data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"005_copy\.txt: same text as 001_fbd1b2ad52eca990\.txt.*Fix: remove one"):
        analysis.load_corpus(data_copy)


def test_of_several_problems_the_encoding_is_named_first_then_the_duplicate_then_the_cleaning(data_copy):
    """The folder is checked whole before anything is cleaned (a large one is then cleaned piece by piece): the
    errors come in the order they always came."""
    copy = data_copy / "raw" / "005_copy.txt"
    copy.write_bytes((data_copy / "raw" / NAME).read_bytes())
    rewrite_raw(data_copy, "005_copy.txt", copy.read_bytes())
    meta = _articles(data_copy)
    meta.loc[meta["article_id"] == "000", "published"] = "2025-08-08"  # against its header date: a cleaning error
    pd.concat([meta, meta.iloc[[1]].assign(article_id="005", file="005_copy.txt")]).to_csv(
        data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"005_copy\.txt: same text as 001_fbd1b2ad52eca990\.txt"):
        analysis.load_corpus(data_copy)
    rewrite_raw(data_copy, "003_6cbc209735f62d8c.txt", "Le président a évoqué une rencontre.".encode("cp1252"))
    with pytest.raises(analysis.CorpusError, match=r"003_6cbc209735f62d8c\.txt: the text is not UTF-8"):
        analysis.load_corpus(data_copy)
    meta.to_csv(data_copy / "articles.csv", index=False)  # no duplicate now, and 003 restored: the header date
    (data_copy / "raw" / "005_copy.txt").unlink()
    rewrite_raw(data_copy, "003_6cbc209735f62d8c.txt", (paths.RAW_DIR / "003_6cbc209735f62d8c.txt").read_bytes())
    with pytest.raises(analysis.CorpusError, match=r"000_6120cd35d94417e6\.txt: its header says date 2025-08-07"):
        analysis.load_corpus(data_copy)


def test_raw_file_without_metadata_row(data_copy):
    rewrite_raw(data_copy, "005_new.txt", "Un nouvel article.".encode())
    with pytest.raises(analysis.CorpusError, match=r"005_new\.txt: this raw file has no row in articles\.csv.*Fix: add a row"):
        analysis.load_corpus(data_copy)


def test_raw_file_missing_from_manifest(data_copy):
    (data_copy / "raw" / "005_new.txt").write_text("Un nouvel article.", encoding="utf-8")
    meta = _articles(data_copy)
    pd.concat([meta, meta.iloc[[1]].assign(article_id="005", file="005_new.txt")]).to_csv(
        data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"005_new\.txt: this raw file is not in SHA256SUMS.*sha256sum 005_new\.txt >> SHA256SUMS"):
        analysis.load_corpus(data_copy)


def test_metadata_row_without_file(data_copy):
    (data_copy / "raw" / NAME).unlink()
    with pytest.raises(analysis.CorpusError, match=r"articles\.csv: article 001 names the file '001_fbd1b2ad52eca990\.txt', which is not in"):
        analysis.load_corpus(data_copy)


@pytest.mark.parametrize("column,value,message", [
    ("published", "7 août 2025", r"article 002 has '7 août 2025': `published` must be an ISO calendar date written YYYY-MM-DD.*Fix: write the date as ISO YYYY-MM-DD"),
    ("published", "2025-02-30", r"article 002 has '2025-02-30' \(no such day\)"),
    ("period", "summer", r"article 002 \(published 2025-08-07\) has period 'summer', but its date falls in period 'august' of .*periods\.csv.*Fix: empty the `period` cell"),
])
def test_bad_metadata_value(data_copy, column, value, message):
    meta = _articles(data_copy)
    meta.loc[meta["article_id"] == "002", column] = value
    meta.to_csv(data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"articles\.csv: " + message):
        analysis.load_corpus(data_copy)


def test_header_date_contradicting_metadata(data_copy):
    meta = _articles(data_copy)
    meta.loc[meta["article_id"] == "000", "published"] = "2025-08-08"
    meta.to_csv(data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"000_6120cd35d94417e6\.txt: its header says date 2025-08-07 but articles\.csv says 2025-08-08"):
        analysis.load_corpus(data_copy)


def test_missing_metadata_file_and_columns(data_copy):
    meta = _articles(data_copy)
    meta.drop(columns=["title", "outlet"]).to_csv(data_copy / "articles.csv", index=False)
    with pytest.raises(analysis.CorpusError, match=r"articles\.csv: columns missing: title, outlet"):
        analysis.load_corpus(data_copy)
    (data_copy / "articles.csv").unlink()
    with pytest.raises(analysis.CorpusError, match=r"articles\.csv: the metadata file is missing"):
        analysis.load_corpus(data_copy)


def test_another_folder_laid_out_the_same_way_loads(data_copy, corpus):
    other = analysis.pipeline(data_copy).corpus
    assert list(other["text"]) == list(corpus["text"])
    assert list(other["n_words"]) == list(corpus["n_words"])


def test_every_event_evidence_occurs_where_the_events_file_says(corpus, layers):
    events = layers.events
    texts = corpus.set_index("article_id")
    log = layers.log
    for ev in events.itertuples():
        if ev.evidence_in == "body":
            assert ev.evidence_fr in texts.loc[ev.article_id, "text"], ev.evidence_fr
        else:  # only a removed caption dates it: the evidence is in a removed line, not in the body
            assert ev.evidence_in == "caption"
            removed = log[(log["article_id"] == ev.article_id) & log["rule"].str.contains("caption")]
            assert removed["original"].str.contains(ev.evidence_fr, regex=False).any(), ev.evidence_fr
            assert ev.evidence_fr not in texts.loc[ev.article_id, "text"]
    assert events["date"].is_monotonic_increasing
    assert len(events) == 15

"""Ingest: sources copied byte for byte, checksums recorded, one row per article with its basis, nothing lost."""
import csv
import hashlib

import pytest

import analysis
from analysis import CorpusError, paths
from analysis.ingest import ingest, main

EXPORTS = paths.TEST_DATA_DIR / "europresse"
PAGE = """Monde
Un sommet à Genève pour relancer les négociations
Par Jeanne Martin
Publié le 03/12/2025 à 08h15
Partager

Les délégations se sont retrouvées mardi à Genève, a indiqué le ministère.
© Le Quotidien du Lac
"""


def _rows(folder):
    with open(folder / "articles.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_page_copy_and_exports_into_a_new_folder(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    data = tmp_path / "data"
    report = ingest([tmp_path / "page.txt", EXPORTS / "export_table_layout.html",
                     EXPORTS / "export_article_layout.html"], data)
    assert report.copied == ["page.txt", "export_table_layout.html", "export_article_layout.html"]
    for name in report.copied:  # byte for byte, with the checksum recorded
        source = tmp_path / name if name == "page.txt" else EXPORTS / name
        assert (data / "raw" / name).read_bytes() == source.read_bytes()
        assert f"{hashlib.sha256(source.read_bytes()).hexdigest()}  {name}" in (data / "raw" / "SHA256SUMS").read_text()
    rows = _rows(data)
    assert [r["article_id"] for r in rows] == [f"{i:03d}" for i in range(16)]
    page = rows[0]
    assert (page["published"], page["date_basis"], page["title"], page["byline"], page["outlet"]) == (
        "2025-12-03", "Publié le 03/12/2025 à 08h15", "Un sommet à Genève pour relancer les négociations",
        "Jeanne Martin", "Le Quotidien du Lac")
    assert page["outlet_basis"] == "© Le Quotidien du Lac"
    assert rows[1]["file"] == "export_table_layout.html#1" and rows[1]["date_basis"] == "Europresse header: samedi 9 août 2025"
    duplicates = {r["file"]: r["duplicate_of"] for r in rows if r["duplicate_of"]}
    assert duplicates == {"export_table_layout.html#5": "003", "export_article_layout.html#4": "010"}
    assert report.missing == [("006", "byline", "not in the Europresse document")]


def test_curated_rows_are_never_changed_and_nothing_is_ingested_twice(tmp_path):
    data = tmp_path / "data"
    ingest([EXPORTS / "export_table_layout.html"], data)
    rows = _rows(data)
    rows[0]["title"] = "Titre corrigé à la main"
    with open(data / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = ingest([EXPORTS / "export_table_layout.html", EXPORTS / "export_article_layout.html"], data)
    assert report.skipped == [f"{EXPORTS / 'export_table_layout.html'}: already in raw/ (same bytes)"]
    after = _rows(data)
    assert after[:7] == rows and len(after) == 15 and after[7]["article_id"] == "007"


def test_a_bad_source_stops_everything_before_anything_is_written(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("Publié le 03/12/2025 — déjà".encode("cp1252"))
    data = tmp_path / "data"
    with pytest.raises(CorpusError, match=r"bad\.txt: the text is not UTF-8"):
        ingest([tmp_path / "good.txt", tmp_path / "bad.txt"], data)
    assert not data.exists()
    assert main([str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "--into", str(data)]) == 2
    assert "ingest stopped, nothing written" in capsys.readouterr().err
    with pytest.raises(CorpusError, match=r"notes\.docx: not a page copy"):
        ingest([tmp_path / "notes.docx"], data)


def test_ingested_exports_load_through_the_pipeline(tmp_path):
    data = tmp_path / "data"
    ingest([EXPORTS / "export_table_layout.html", EXPORTS / "export_article_layout.html"], data)
    with pytest.raises(CorpusError, match=r"5 article\(s\) published outside every period.*007 \(2025-10-17\)"):
        analysis.load_corpus(data)
    (data / "periods.csv").write_text("period,start,end,description\naugust,2025-08-01,2025-08-31,August 2025\n"
                                      "autumn,2025-10-01,2025-11-30,October and November 2025\n", encoding="utf-8")
    layers = analysis.pipeline(data, use_cache=False)
    corpus = layers.corpus
    assert len(corpus) == 13 and "004" not in set(corpus["article_id"])  # T5 repeats T3: left out
    assert corpus.groupby("period").size().to_dict() == {"august": 6, "autumn": 7}
    log = layers.log
    assert log.loc[log["article_id"] == "004", "rule"].tolist() == ["duplicate_of 002"]
    assert log["rule"].str.startswith("europresse_").sum() == 36  # 13 documents: rights, number, 7 certificates, 3 notices
    assert "Tous droits réservés" not in " ".join(corpus["text"]) and len(layers.statements) > 10

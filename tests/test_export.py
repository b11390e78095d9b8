"""Exports for IRaMuTeQ, TXM and CSV: the cleaned texts, with the metadata each tool expects."""
import pandas as pd

from analysis import export

CORPUS = pd.DataFrame({"article_id": ["001", "002"], "published": pd.to_datetime(["2025-08-07", "2025-11-17"]),
                       "period": ["august", "november"], "outlet": ["Le Monde", "L'Écho du soir"],
                       "title": ["Un titre", "Un autre"], "byline": ["", "Jeanne Martin"],
                       "text": ["Première phrase.\n\n*Deuxième paragraphe.", "Le texte de novembre."]})


def test_iramuteq_starred_lines():
    out = export.iramuteq(CORPUS)
    assert out.splitlines()[0] == "**** *source_le_monde *date_2025-08-07 *period_august *article_001"
    assert "**** *source_l_echo_du_soir *date_2025-11-17 *period_november *article_002" in out.splitlines()
    assert "\n Deuxième paragraphe." in out  # a star that would open a text is removed


def test_txm_folder_with_id_column(tmp_path):
    written = export.txm(CORPUS, tmp_path / "txm")
    assert [p.name for p in written] == ["001.txt", "002.txt", "metadata.csv"]
    meta = pd.read_csv(tmp_path / "txm" / "metadata.csv", dtype=str, keep_default_na=False)
    assert list(meta.columns) == ["id", "published", "period", "outlet", "title", "byline"]
    assert meta["id"].tolist() == ["001", "002"]
    assert (tmp_path / "txm" / "002.txt").read_text(encoding="utf-8") == "Le texte de novembre.\n"


def test_csv_and_the_command_on_the_project_data(tmp_path):
    assert export.main(["--format", "csv", "--out", str(tmp_path / "c.csv")]) == 0
    table = pd.read_csv(tmp_path / "c.csv", dtype=str)
    assert table["article_id"].tolist() == ["000", "001", "002", "003", "004"]
    assert table.loc[4, "published"] == "2025-11-17" and table.loc[4, "text"].startswith("Donald Trump et Vladimir Poutine se sont vus")
    assert export.main(["--format", "iramuteq", "--out", str(tmp_path / "i.txt")]) == 0
    assert (tmp_path / "i.txt").read_text(encoding="utf-8").count("**** ") == 5

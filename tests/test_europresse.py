"""Europresse exports: every document's metadata and body right in both layouts, furniture out, duplicates marked."""
import json
import re

import pytest

from analysis import CorpusError, paths
from analysis.europresse import clean_outlet, duplicates, find_date, read_export

FOLDER = paths.TEST_DATA_DIR / "europresse"
GOLD = json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))
CASES = [(f, a) for f, d in GOLD["files"].items() for a in d["articles"]]


def _docs(name):
    return read_export((FOLDER / name).read_bytes(), FOLDER / name)


def _fold(s):
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.parametrize("file,gold", CASES, ids=[a["id"] for _, a in CASES])
def test_every_document_of_both_layouts(file, gold):
    doc = _docs(file)[gold["position"] - 1]
    assert (doc.outlet, doc.outlet_raw, doc.published.isoformat()) == (gold["outlet"], gold["outlet_raw"], gold["date"])
    assert (doc.title, doc.author, doc.document_number) == (_fold(gold["title"]), gold["author"], gold["document_number"])
    body = " ".join(doc.paragraphs)
    assert all(_fold(s) in body for s in gold["body_sentences"])


@pytest.mark.parametrize("file", sorted(GOLD["files"]))
def test_export_furniture_never_reaches_the_body(file):
    for doc in _docs(file):
        body = "\n".join(doc.paragraphs)
        for notice in ("Numéro de document", "Ce certificat est émis", "Tous droits réservés", "usage exclusif",
                       "Nom de la source", "(lien :", "Cet article est paru dans", "news·"):
            assert notice not in body, (doc.position, notice)
        assert {rule for _, rule in doc.removed} >= {"rights", "document_number"}


def test_duplicates_are_the_gold_pairs():
    assert duplicates(_docs("export_table_layout.html")) == {5: 3}
    assert duplicates(_docs("export_article_layout.html")) == {4: 3}
    assert _docs("export_article_layout.html")[2].other_editions == ("Ouest-France Nantes",)


def test_markup_inside_sentences_and_twice_escaped_entities():
    table, article = _docs("export_table_layout.html"), _docs("export_article_layout.html")
    assert "Les Européens, eux, cherchent encore le moyen de se faire entendre" in table[0].paragraphs[3]
    assert "l'indice S&P 500" in article[7].paragraphs[1]
    assert "toute la journée de dimanche à Genève sur le projet" in article[6].paragraphs[0]
    assert [doc.section for doc in table][6] == "Finance & Marchés"


@pytest.mark.parametrize("raw,clean", [("La Croix, no. 43018", "La Croix"), ("Le Figaro (site web)", "Le Figaro"),
                                       ("ouest-france  lannion", "ouest-france"), ("Libération", "Libération")])
def test_outlet_names(raw, clean):
    assert clean_outlet(raw) == clean


def test_dates_come_from_the_header_not_the_document_number():
    assert find_date("Monde, samedi 22 novembre 2025 98 mots, p. 7")[0].isoformat() == "2025-11-22"
    assert find_date("mardi 21 octobre 2025 - 19:04 UTC +0200 74 mots")[1] == "mardi 21 octobre 2025"
    assert find_date("no date here") == (None, "")


def test_a_windows_1252_export_and_a_file_that_is_no_export(tmp_path):
    page = ("<html><body><article><header><span class='DocPublicationName'>Le Progrès</span>"
            "<span class='DocHeader'>Région, lundi 3 novembre 2025</span>"
            "<p class='titreArticleVisu'>Un été à Lyon</p></header><section><div class='docOcurrContainer'>"
            "<p>Déjà l'été.</p></div></section></article></body></html>")
    doc = read_export(page.encode("cp1252"), tmp_path / "x.html")[0]
    assert (doc.outlet, doc.title, doc.paragraphs) == ("Le Progrès", "Un été à Lyon", ("Déjà l'été.",))
    with pytest.raises(CorpusError, match=r"x\.html: no Europresse document found.*Fix: check that it is a Europresse"):
        read_export(b"<html><body><p>Bonjour</p></body></html>", tmp_path / "x.html")

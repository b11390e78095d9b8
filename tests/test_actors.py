"""Actors: aliases resolve to canonical names, appositions count once, the table is validated."""
import pytest

import analysis
from analysis.actors import find_mentions

ACTORS = analysis.load_actors()


@pytest.mark.parametrize("surface,actor", [
    ("M. Ouchakov", "Iouri Ouchakov"),
    ("Youri Ouchakov", "Iouri Ouchakov"),
    ("le conseiller diplomatique du Kremlin", "Iouri Ouchakov"),
    ("Poutine", "Vladimir Poutine"),
    ("le président russe", "Vladimir Poutine"),
    ("le président américain", "Donald Trump"),
    ("l'ex-président américain Joe Biden", "Joe Biden"),
    ("l'ex-président américain", "Joe Biden"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("le porte parole du Kremlin", "Dmitri Peskov"),
    ("la Maison-Blanche", "Maison Blanche"),
    ("la porte-parole de la Maison-Blanche, Karoline Leavitt", "Karoline Leavitt"),
    ("le secrétaire d'État Marco Rubio", "Marco Rubio"),
    ("le Kremlin", "Kremlin"),
    ("Angela Merkel", None),
])
def test_resolve_actor(surface, actor):
    assert analysis.resolve_actor(surface, ACTORS) == actor


@pytest.mark.parametrize("text,expected", [
    ("le président russe Vladimir Poutine", [("Vladimir Poutine", "président russe Vladimir Poutine")]),
    ("le chef du Kremlin, Vladimir Poutine, aura", [("Vladimir Poutine", "chef du Kremlin, Vladimir Poutine")]),
    ("Selon Iouri Ouchakov, conseiller diplomatique du président russe, «",
     [("Iouri Ouchakov", "Iouri Ouchakov, conseiller diplomatique du président russe")]),
    # A name followed by someone else's role is two mentions.
    ("Donald Trump, le président russe", [("Donald Trump", "Donald Trump"), ("Vladimir Poutine", "président russe")]),
    ("une rencontre Trump-Poutine", [("Donald Trump", "Trump"), ("Vladimir Poutine", "Poutine")]),
])
def test_mentions_and_appositions(text, expected):
    assert [(m["actor"], m["surface"]) for m in find_mentions(text, ACTORS)] == expected


def test_mention_counts_per_article(layers):
    mentions = layers.mentions
    counts = mentions.groupby(["actor", "article_id"]).size()
    assert counts["Vladimir Poutine"].to_dict() == {"000": 10, "001": 3, "002": 3, "003": 9, "004": 9}
    assert counts["Iouri Ouchakov"].to_dict() == {"000": 2, "001": 2, "002": 1, "004": 1}
    assert counts["Sergueï Lavrov"].to_dict() == {"004": 3}


def test_every_actor_has_a_known_camp_and_the_camps_are_right():
    actors = analysis.load_actors().set_index("actor")["camp"]
    assert actors["Vladimir Poutine"] == "russia" and actors["Donald Trump"] == "usa"
    assert actors["Volodymyr Zelensky"] == "ukraine" and actors["Friedrich Merz"] == "europe"


def test_bad_actor_table(tmp_path):
    bad = tmp_path / "actors.csv"
    bad.write_text("actor,actor_kind,camp,gender,number,description,names,roles\nX,person,mars,m,sg,,X,\n", encoding="utf-8")
    with pytest.raises(analysis.CorpusError, match=r"actors\.csv: actor 'X' has unknown camp 'mars'.*Fix: use one of"):
        analysis.load_actors(bad)

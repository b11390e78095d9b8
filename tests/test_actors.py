"""Actors: aliases resolve to canonical names, appositions count once, the table is validated."""
import pandas as pd
import pytest

import analysis
from analysis.actors import find_mentions, holder

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


def _counts(layers, actor, kind):
    c = analysis.counted(layers.mentions)
    return c[(c["actor"] == actor) & (c["mention_kind"] == kind)].groupby("article_id").size().to_dict()


def test_one_mention_table_counts_each_kind(layers):
    assert _counts(layers, "Vladimir Poutine", "name") == {"000": 7, "001": 3, "002": 2, "003": 9, "004": 9}
    assert _counts(layers, "Vladimir Poutine", "role") == {"000": 3, "002": 1}
    assert _counts(layers, "Donald Trump", "name") == {"000": 6, "001": 7, "002": 4, "003": 11, "004": 10}
    assert _counts(layers, "Donald Trump", "pronoun") == {"000": 2}
    assert _counts(layers, "Iouri Ouchakov", "pronoun") == {"000": 3, "002": 1, "004": 1}
    assert set(layers.mentions["mention_kind"]) == {"name", "role", "pronoun"}


def _at(layers, article_id, phrase):
    """The mentions inside the first occurrence of `phrase` in an article."""
    text = layers.corpus.set_index("article_id")["text"][article_id]
    start = text.index(phrase)
    m = layers.mentions
    return m[(m["article_id"] == article_id) & (m["start_char"] >= start) & (m["end_char"] <= start + len(phrase))]


def test_an_office_designates_its_holder_on_the_day_the_text_speaks_of(layers):
    biden = _at(layers, "003", "a rencontré pour la dernière fois un président américain en 2021")
    assert biden[["surface", "actor", "mention_kind"]].values.tolist() == [["président américain", "Joe Biden", "role"]]
    assert biden["mention_basis"].iloc[0] == "office holder on « en 2021 »"
    assert _counts(layers, "Donald Trump", "role") == {"000": 1}  # « le dirigeant américain », not 003's


def test_offices_on_made_up_texts():
    corpus = pd.DataFrame({"article_id": ["a", "b", "c"], "published": pd.to_datetime(["2019-05-02", "2022-05-02",
                                                                                       "2025-09-01"]),
                           "text": ["Le président américain a parlé.", "Le président américain a parlé.",
                                    "Jamais un président américain n'avait parlé ainsi."]})
    m = analysis.name_mentions(corpus, ACTORS)
    assert m[["article_id", "actor"]].values.tolist() == [["a", "Donald Trump"], ["b", "Joe Biden"]]


def test_holder_of_an_office():
    tenures = (("Donald Trump", "2017-01-20", "2021-01-20"), ("Joe Biden", "2021-01-20", "2025-01-20"),
               ("Donald Trump", "2025-01-20", ""))
    assert holder(tenures, pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-31")) == "Joe Biden"
    assert holder(tenures, pd.Timestamp("2018-06-16")) == "Donald Trump"
    assert holder(tenures, None) == "Donald Trump"
    assert holder(tenures, pd.Timestamp("2010-01-01")) is None


def test_states_and_institutions_as_places_are_not_actors(layers):
    office = _at(layers, "000", "son retour à la Maison Blanche")
    assert office[["actor", "use", "as_actor"]].values.tolist() == [["Maison Blanche", "place", False]]
    war = _at(layers, "002", "la guerre en Ukraine continue")
    assert war[["actor", "use", "as_actor"]].values.tolist() == [["Ukraine", "place", False]]
    moscow = _at(layers, "000", "un format que Moscou n'envisage")
    assert moscow[["actor", "use", "as_actor"]].values.tolist() == [["Russie", "agent", True]]
    assert _counts(layers, "Russie", "name") == {"000": 4, "002": 1, "003": 2, "004": 1}


def test_a_name_inside_a_role_is_a_mention_of_its_own(layers):
    leavitt = _at(layers, "004", "la porte-parole de la Maison-Blanche, Karoline Leavitt")
    assert leavitt[["actor", "mention_kind", "use", "as_actor"]].values.tolist() == [
        ["Karoline Leavitt", "name", "agent", True], ["Maison Blanche", "name", "affiliation", True]]
    assert _counts(layers, "Maison Blanche", "name") == {"003": 2, "004": 1}


def test_pronouns_stand_for_the_nearest_agreeing_subject(layers):
    # "Elle réclame que l'Ukraine lui cède … et qu'elle renonce aux livraisons d'armes": Ukraine renounces.
    renounce = _at(layers, "000", "et qu'elle renonce")
    assert renounce[["surface", "actor"]].values.tolist() == [["elle", "Ukraine"]]
    # "cette prochaine rencontre … Elle pourrait redessiner": the meeting, no actor.
    assert _at(layers, "002", "Elle pourrait, à terme").empty
    # A pronoun that introduces a statement names its speaker.
    speakers = layers.statements.query("speaker_basis == 'pronoun'")
    pronouns = layers.mentions.query("mention_kind == 'pronoun'")
    for s in speakers.itertuples():
        assert ((pronouns["article_id"] == s.article_id) & (pronouns["actor"] == s.speaker)).any(), s.quote_id


def test_every_actor_has_a_known_camp_and_the_camps_are_right():
    actors = analysis.load_actors().set_index("actor")["camp"]
    assert actors["Vladimir Poutine"] == "russia" and actors["Donald Trump"] == "usa"
    assert actors["Volodymyr Zelensky"] == "ukraine" and actors["Friedrich Merz"] == "europe"


def test_bad_actor_table(tmp_path):
    bad = tmp_path / "actors.csv"
    bad.write_text("actor,actor_kind,camp,gender,number,description,names,roles\nX,person,mars,m,sg,,X,\n", encoding="utf-8")
    with pytest.raises(analysis.CorpusError, match=r"actors\.csv: actor 'X' has unknown camp 'mars'.*Fix: use one of"):
        analysis.load_actors(bad)


def test_bad_office_table(tmp_path):
    bad = tmp_path / "offices.csv"
    bad.write_text("office,aliases,holders\nUS president,président américain,Abraham Lincoln 1861-03-04..1865-04-15\n",
                   encoding="utf-8")
    with pytest.raises(analysis.CorpusError, match=r"offices\.csv: US president: holder 'Abraham Lincoln' is not in "
                                                    r"the actor table.*Fix: add the actor"):
        analysis.load_actors(offices=bad)
    bad.write_text("office,aliases,holders\nUS president,président américain,Donald Trump since 2025\n",
                   encoding="utf-8")
    with pytest.raises(analysis.CorpusError, match=r"is not 'Name YYYY-MM-DD\.\.\[YYYY-MM-DD\]'"):
        analysis.load_actors(offices=bad)

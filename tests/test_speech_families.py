"""Reported speech, family by family: each failure family the extractor had on unseen French news, as real
sentences of the kind a news page prints (written for this test, not taken from the corpus or the devset).

Each case says what the extractor must return: the statements (kind, text) and their speakers.
"""
from __future__ import annotations

import pandas as pd
import pytest

import analysis

CASES = {
    # negated cues: nothing was said
    "negated": ("Interrogé jeudi, Donald Trump n'a pas annoncé de date pour ce face-à-face avec Vladimir Poutine.",
                []),
    "negated_sans": ("Le Kremlin a évoqué de nouvelles propositions américaines, sans préciser lesquels.",
                     [("indirect", "nouvelles propositions américaines", "Kremlin")]),
    "refused": ("Joint par téléphone, le ministère s'est gardé de tout commentaire sur ces informations.", []),
    "refused_inf": ("La Commission européenne a refusé de commenter les chiffres avancés par la presse allemande.",
                    []),
    # past participles without auxiliary: adjectives, not statements
    "participle": ("Le sommet de Budapest, annoncé la semaine dernière, est donc suspendu jusqu'à nouvel ordre.", []),
    "participle_noun": ("Les journalistes attendaient devant le palais, mais l'horaire annoncé n'a pas été respecté.",
                        []),
    # quoted names and terms
    "quoted_name": ("Le président est arrivé à bord de sa limousine blindée, surnommée « The Beast », peu avant midi.",
                    []),
    "quoted_term": ("Les pays de la « coalition des volontaires » se réuniront lundi à Paris.", []),
    "quoted_term_object": ("Les Européens cherchent toujours à financer le « prêt de réparation » destiné à Kiev.", []),
    # quoted words as an attribute: the fragment only
    "attribute": ("Le ministre allemand des Affaires étrangères a jugé « réaliste » une rencontre avant la fin du mois.",
                  [("fragment", "réaliste", "Le ministre allemand des Affaires étrangères")]),
    # channels are not speakers, and "Selon lui" goes to the speaker, not the platform
    "channel": ("« Nous avons eu une excellente conversation », a écrit Donald Trump sur son réseau Truth Social. "
                "Selon lui, Vladimir Poutine est prêt à discuter.",
                [("direct", "Nous avons eu une excellente conversation", "Donald Trump"),
                 ("indirect", "Vladimir Poutine est prêt à discuter", "Donald Trump")]),
    "relay": ("« La rencontre aura lieu à Budapest », a déclaré un responsable hongrois, cité par Reuters.",
              [("direct", "La rencontre aura lieu à Budapest", "un responsable hongrois")]),
    # a quote introduced by a colon, and two quotes in a row
    "colon": ("Viktor Orbán a réagi dans la soirée : « Budapest est prête à accueillir ce sommet pour la paix. »",
              [("direct", "Budapest est prête à accueillir ce sommet pour la paix.", "Viktor Orbán")]),
    "two_quotes": ("« Nous sommes prêts », a déclaré Sergueï Lavrov. « Mais rien ne se fera sans garanties. »",
                   [("direct", "Nous sommes prêts", "Sergueï Lavrov"),
                    ("direct", "Mais rien ne se fera sans garanties.", "Sergueï Lavrov")]),
    # a role phrase is its holder (the actor table gives the role)
    "role": ("Friedrich Merz a reçu lundi Volodymyr Zelensky à Berlin. Le chef du gouvernement fédéral a assuré que "
             "l'Allemagne resterait aux côtés de Kiev.",
             [("indirect", "l'Allemagne resterait aux côtés de Kiev", "Friedrich Merz")]),
    # "il" is the named speaker just before, not the unnamed source further back
    "chain": ("Une source proche du dossier a confirmé que des discussions avaient eu lieu. « Les contacts se "
              "poursuivent », a poursuivi M. Dmitriev. Il a ajouté que la Russie attendait une réponse américaine.",
              [("indirect", "des discussions avaient eu lieu", "Une source proche du dossier"),
               ("direct", "Les contacts se poursuivent", "Dmitriev"),
               ("indirect", "la Russie attendait une réponse américaine", "Dmitriev")]),
    # two coordinated statements with two cues are two statements
    "coordinated": ("Donald Trump a dit que la rencontre était utile, mais il a répété que les sanctions resteraient "
                    "en place.",
                    [("indirect", "la rencontre était utile", "Donald Trump"),
                     ("indirect", "les sanctions resteraient en place", "Donald Trump")]),
}


@pytest.fixture(scope="module")
def found():
    corpus = pd.DataFrame({"article_id": list(CASES), "text": [text for text, _ in CASES.values()]})
    return analysis.pipeline(corpus=corpus, use_cache=False).statements


@pytest.mark.parametrize("case", list(CASES))
def test_family(found, case):
    rows = found[found["article_id"] == case]
    got = [(r.statement_kind, r.text, r.speaker) for r in rows.itertuples()]
    assert got == CASES[case][1]

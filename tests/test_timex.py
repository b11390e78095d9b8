"""Time expressions: exact resolutions on the corpus, each rule family on real-style sentences (parsed), and the
resolver on made-up phrases."""
import re
from datetime import date

import pandas as pd
import pytest

import analysis
from analysis import nlp
from analysis.timex import PATTERNS, _compiled, event_mentions, find_expressions, resolve, time_expressions


@pytest.fixture(scope="module")
def times(layers):
    return layers.times


def _resolved(times, article_id, sent_idx, text):
    row = times[(times["article_id"] == article_id) & (times["sent_idx"] == sent_idx) & (times["text"] == text)]
    assert len(row) == 1, (article_id, sent_idx, text, row)
    r = row.iloc[0]
    end = None if pd.isna(r["value_end"]) else str(r["value_end"].date())
    return r["time_kind"], str(r["value_start"].date()), end


@pytest.mark.parametrize("article_id,sent_idx,text,expected", [
    ("000", 3, "vendredi", ("relative", "2025-08-08", "2025-08-08")),       # "un ultimatum qui expire vendredi"
    ("000", 1, "mercredi", ("relative", "2025-08-06", "2025-08-06")),       # "avait ... évoqué mercredi"
    ("000", 11, "mercredi", ("relative", "2025-08-06", "2025-08-06")),      # "la visite à Moscou mercredi" (a noun)
    ("000", 12, "mercredi soir", ("relative", "2025-08-06", "2025-08-06")),
    ("000", 0, "jeudi", ("relative", "2025-08-07", "2025-08-07")),          # the publication weekday
    ("000", 0, "dans les prochains jours", ("vague", "2025-08-08", "2025-08-17")),
    # Said by Trump on Wednesday 6 August ("avait ... évoqué mercredi une possible rencontre « très bientôt »"):
    # counted from that day, not from publication (the value was 2025-08-08 to 2025-08-21 before utterance anchoring).
    ("000", 1, "très bientôt", ("vague", "2025-08-07", "2025-08-20")),
    ("000", 5, "la semaine prochaine", ("relative", "2025-08-11", "2025-08-17")),
    ("000", 1, "en janvier", ("interval", "2025-01-01", "2025-01-31")),
    ("000", 18, "juin 2021", ("interval", "2021-06-01", "2021-06-30")),
    ("000", 22, "en 2019", ("interval", "2019-01-01", "2019-12-31")),
    ("003", 16, "dans les 24 à 36 heures à venir", ("relative", "2025-08-08", "2025-08-09")),
    # A deadline runs from publication (Thursday) to Sunday, like "d'ici à la fin de l'année"; it was Friday-Sunday.
    ("003", 16, "d'ici la fin de la semaine", ("interval", "2025-08-07", "2025-08-10")),
    ("004", 7, "Le 13 octobre", ("date", "2025-10-13", "2025-10-13")),
    ("004", 8, "le 21 octobre", ("date", "2025-10-21", "2025-10-21")),
    ("004", 13, "La semaine dernière", ("relative", "2025-11-10", "2025-11-16")),
    ("004", 31, "Le même jour", ("relative", "2025-11-16", "2025-11-16")),  # after "Le 16 novembre"
    # "... mais il y en aura une dans le futur », a déclaré Trump le 22 octobre": from the day after he said it.
    ("004", 23, "dans le futur", ("vague", "2025-10-23", None)),
    # "Ce regain d'activité diplomatique intervient à la veille de l'expiration d'un ultimatum": the present is
    # the publication day (the ultimatum expires on Friday 8 August).
    ("000", 23, "à la veille de l'expiration d'un ultimatum des États-Unis à la Russie",
     ("relative", "2025-08-07", "2025-08-07")),
    ("000", 24, "Dans l'immédiat", ("vague", "2025-08-07", "2025-08-14")),
])
def test_corpus_resolutions(times, article_id, sent_idx, text, expected):
    assert _resolved(times, article_id, sent_idx, text) == expected


def test_every_vague_horizon_says_it_is_a_convention(times):
    vague = times[times["time_kind"] == "vague"]
    assert len(vague) > 0 and vague["basis"].str.startswith("vague horizon, by convention").all()


# Each family of rules on sentences written like news copy: (published, text, expression, first day, last day).
FAMILIES = {
    "la veille: the day before publication": (
        "2025-10-22", "Le sommet, annoncé la veille par la Maison-Blanche, doit se tenir à Genève.",
        "la veille", "2025-10-21", "2025-10-21"),
    "le lendemain: the day after the day in focus": (
        "2025-10-23", "Le ministre a rencontré son homologue mardi à Rome. Le lendemain, il s'est rendu à Berlin.",
        "Le lendemain", "2025-10-22", "2025-10-22"),
    "au lendemain de + demonstrative: the day after the day in focus": (
        "2025-10-22", "Les négociateurs se sont réunis lundi à Doha. C'est au lendemain de cette réunion que le "
        "Qatar a proposé une trêve.", "au lendemain de cette réunion", "2025-10-21", "2025-10-21"),
    "à la veille de + event, present tense: the day of publication": (
        "2025-10-22", "À la veille du sommet européen, les Vingt-Sept affichent leurs divisions.",
        "À la veille du sommet européen", "2025-10-22", "2025-10-22"),
    "à la veille de + event dated by a weekday": (
        "2025-08-14", "À la veille du sommet de vendredi, Paris multiplie les consultations.",
        "À la veille du sommet", "2025-08-14", "2025-08-14"),
    "the weekday inside the event phrase is an expression of its own": (
        "2025-08-14", "À la veille du sommet de vendredi, Paris multiplie les consultations.",
        "vendredi", "2025-08-15", "2025-08-15"),
    "cette semaine: the calendar week of publication": (
        "2025-11-25", "Le texte doit être présenté cette semaine au Parlement.",
        "cette semaine", "2025-11-24", "2025-11-30"),
    "cette année: the calendar year of publication": (
        "2025-11-25", "La croissance devrait ralentir cette année, selon la banque centrale.",
        "cette année", "2025-01-01", "2025-12-31"),
    "ce week-end: Saturday and Sunday of the week of publication": (
        "2025-11-26", "Des manifestations sont prévues ce week-end dans plusieurs villes.",
        "ce week-end", "2025-11-29", "2025-11-30"),
    "jeudi prochain: the Thursday of the next calendar week (not the coming Thursday, 27 November)": (
        "2025-11-24", "Les ministres se retrouveront jeudi prochain à Luxembourg.",
        "jeudi prochain", "2025-12-04", "2025-12-04"),
    "jeudi dernier: the Thursday of the previous calendar week": (
        "2025-11-25", "Le texte, adopté jeudi dernier par les députés, arrive au Sénat.",
        "jeudi dernier", "2025-11-20", "2025-11-20"),
    "ce vendredi with an imperfect, read on Saturday: the Friday of the week": (
        "2025-08-09", "L'ultimatum expirait ce vendredi.", "ce vendredi", "2025-08-08", "2025-08-08"),
    "dans deux semaines, in a statement dated by its incise": (
        "2025-11-17", "« La rencontre aura lieu dans deux semaines », a déclaré Donald Trump le 22 octobre.",
        "dans deux semaines", "2025-11-05", "2025-11-05"),
    "d'ici deux semaines, in a statement dated by its participle": (
        "2025-10-23", "Le sommet, annoncé mardi dernier par le Kremlin, devait se tenir « d'ici deux semaines ».",
        "d'ici deux semaines", "2025-10-14", "2025-10-28"),
    "la semaine prochaine, in indirect speech dated by its verb (from publication: 1-7 December)": (
        "2025-11-24", "Le ministre a annoncé vendredi que les pourparlers reprendraient la semaine prochaine.",
        "la semaine prochaine", "2025-11-24", "2025-11-30"),
    "a horizon in an undated past statement counts from the day in focus": (
        "2025-10-18", "Le président a parlé jeudi avec son homologue. Il a indiqué que les délégations se "
        "réuniraient dans les prochains jours.", "dans les prochains jours", "2025-10-17", "2025-10-26"),
    "dans la soirée: the day in focus": (
        "2025-10-23", "Les deux dirigeants se sont parlé mardi. Dans la soirée, la Maison-Blanche a publié un "
        "communiqué.", "Dans la soirée", "2025-10-21", "2025-10-21"),
    "dans la journée: the day in focus, here the publication day": (
        "2025-10-23", "Les marchés ont réagi jeudi matin. Les ministres devaient se prononcer dans la journée.",
        "dans la journée", "2025-10-23", "2025-10-23"),
    "dans la nuit: the night after the day in focus": (
        "2025-11-28", "Le Parlement a voté jeudi soir. L'opposition a saisi le Conseil constitutionnel dans la nuit.",
        "dans la nuit", "2025-11-27", "2025-11-28"),
    "quelques heures plus tôt: the day in focus": (
        "2025-10-22", "Le président a pris la parole mardi soir. Quelques heures plus tôt, son ministre avait démenti.",
        "Quelques heures plus tôt", "2025-10-21", "2025-10-21"),
    "mi-mois: days 11 to 20": (
        "2025-11-25", "Le projet, présenté à la mi-octobre, a été retiré.", "à la mi-octobre",
        "2025-10-11", "2025-10-20"),
    "pour + month points forward": (
        "2025-11-05", "Les commandes pour décembre ont déjà été revues.", "pour décembre", "2025-12-01", "2025-12-31"),
    "depuis + month: from the latest such month to publication": (
        "2025-10-23", "Les prix reculent depuis mars.", "depuis mars", "2025-03-01", "2025-10-23"),
    "depuis + weekday: from the last such weekday to publication": (
        "2025-11-22", "Le texte circule depuis mardi dans les capitales.", "depuis mardi", "2025-11-18", "2025-11-22"),
    "à partir de + month and year: open-ended": (
        "2025-10-23", "L'embargo s'appliquera à partir de janvier 2027.", "à partir de janvier 2027",
        "2027-01-01", None),
    "d'ici à la fin de l'année: from publication to 31 December": (
        "2025-11-25", "Un accord est attendu d'ici à la fin de l'année.", "d'ici à la fin de l'année",
        "2025-11-25", "2025-12-31"),
    "jusqu'au + date: from publication to the date": (
        "2025-11-26", "Le délai court jusqu'au lundi 1er décembre.", "jusqu'au lundi 1er décembre",
        "2025-11-26", "2025-12-01"),
    "d'ici là: from publication to the day just named": (
        "2025-11-26", "Le vote est prévu le 3 décembre. D'ici là, les négociations continuent.", "D'ici là",
        "2025-11-26", "2025-12-03"),
    "a deadline weekday takes the holiday in apposition, whatever the tense": (
        "2025-11-24", "Washington a donné à Kiev jusqu'à jeudi, jour de Thanksgiving, pour répondre.", "jeudi",
        "2025-11-27", "2025-11-27"),
    "holidays: Thanksgiving is the fourth Thursday of November": (
        "2025-11-24", "Washington a donné à Kiev jusqu'à jeudi, jour de Thanksgiving, pour répondre.",
        "jour de Thanksgiving", "2025-11-27", "2025-11-27"),
    "depuis + event dated by the expression in apposition": (
        "2025-11-25", "Depuis le début de la guerre, en février 2022, les prix ont doublé.",
        "Depuis le début de la guerre", "2022-02-01", "2025-11-25"),
    "a clock time stays in the weekday's span": (
        "2025-08-14", "La séance doit s'ouvrir vendredi à 9 h 30 à Bruxelles.", "vendredi à 9 h 30",
        "2025-08-15", "2025-08-15"),
    "years before 1900 after en": (
        "2025-08-14", "L'Alaska a été vendu aux États-Unis en 1867.", "en 1867", "1867-01-01", "1867-12-31"),
    "the day of a statement takes the past tense of its verb": (
        "2025-08-12", "Une réunion se tiendra mercredi à Paris, a annoncé lundi le porte-parole du gouvernement.",
        "lundi", "2025-08-11", "2025-08-11"),
    "a weekday under a future the model tags as past (tiendra) points forward": (
        "2025-08-12", "Une réunion se tiendra mercredi à Paris, a annoncé lundi le porte-parole du gouvernement.",
        "mercredi", "2025-08-13", "2025-08-13"),
    "a passive present (est attendu) points forward": (
        "2025-08-16", "Le président ukrainien est attendu lundi à Washington.", "lundi", "2025-08-18", "2025-08-18"),
    "en fin de semaine: Friday to Sunday (the French convention; in Quebec it is the weekend)": (
        "2025-08-14", "Des rassemblements sont prévus en fin de semaine à Lyon.", "en fin de semaine",
        "2025-08-15", "2025-08-17"),
    "dans les N prochaines semaines: the next N weeks after publication": (
        "2025-08-18", "Une rencontre pourrait avoir lieu dans les deux prochaines semaines.",
        "dans les deux prochaines semaines", "2025-08-19", "2025-09-01"),
}


@pytest.fixture(scope="module")
def family_times():
    """The time expressions of every FAMILIES sentence, each parsed as an article of its own."""
    ids = list(FAMILIES)
    corpus = pd.DataFrame({"article_id": [f"f{i:02d}" for i in range(len(ids))],
                           "text": [FAMILIES[k][1] for k in ids],
                           "published": pd.to_datetime([FAMILIES[k][0] for k in ids])})
    sentences, tokens, _ = nlp.parse(corpus)
    return dict(zip(ids, corpus["article_id"])), time_expressions(corpus, sentences, tokens)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_rule_families(family_times, family):
    article_of, times = family_times
    _, _, expression, start, end = FAMILIES[family]
    row = times[(times["article_id"] == article_of[family]) & (times["text"] == expression)]
    assert len(row) == 1, times[times["article_id"] == article_of[family]]
    value_end = None if pd.isna(row["value_end"].iloc[0]) else str(row["value_end"].iloc[0].date())
    assert (str(row["value_start"].iloc[0].date()), value_end) == (start, end), row["basis"].iloc[0]


def test_an_event_the_text_does_not_date_is_no_time_expression():
    """"au lendemain du sommet" in a past sentence with no day to count from is left out (not an empty row)."""
    corpus = pd.DataFrame({"article_id": ["x"], "text": ["Au lendemain du sommet, les marchés avaient reculé."],
                           "published": [pd.Timestamp("2025-08-20")]})
    sentences, tokens, _ = nlp.parse(corpus)
    assert time_expressions(corpus, sentences, tokens)["text"].tolist() == []


@pytest.mark.parametrize("phrase,published,expected", [
    ("le 15 août 2025", date(2025, 8, 7), (date(2025, 8, 15), date(2025, 8, 15))),
    ("depuis 2022", date(2025, 8, 7), (date(2022, 1, 1), date(2025, 8, 7))),
    ("en janvier", date(2025, 11, 17), (date(2025, 1, 1), date(2025, 1, 31))),
    ("en janvier prochain", date(2025, 11, 17), (date(2026, 1, 1), date(2026, 1, 31))),
    ("le 3 janvier", date(2025, 12, 28), (date(2026, 1, 3), date(2026, 1, 3))),   # the closer year
    ("la semaine prochaine", date(2025, 11, 17), (date(2025, 11, 24), date(2025, 11, 30))),
    ("dans les prochains jours", date(2025, 11, 17), (date(2025, 11, 18), date(2025, 11, 27))),
    ("le mois dernier", date(2025, 8, 13), (date(2025, 7, 1), date(2025, 7, 31))),
    ("l'an prochain", date(2025, 8, 13), (date(2026, 1, 1), date(2026, 12, 31))),
    ("le week-end dernier", date(2025, 8, 13), (date(2025, 8, 9), date(2025, 8, 10))),
    ("dans huit jours", date(2025, 8, 13), (date(2025, 8, 20), date(2025, 8, 20))),
    ("dans quinze jours", date(2025, 8, 13), (date(2025, 8, 27), date(2025, 8, 27))),
    ("il y a deux semaines", date(2025, 8, 13), (date(2025, 7, 30), date(2025, 7, 30))),
    ("d'ici trois mois", date(2025, 8, 13), (date(2025, 8, 13), date(2025, 11, 13))),
    ("d'ici fin septembre", date(2025, 8, 13), (date(2025, 8, 13), date(2025, 9, 30))),
    ("d'ici fin 2027", date(2026, 2, 10), (date(2026, 2, 10), date(2027, 12, 31))),
    ("début 2026", date(2025, 8, 13), (date(2026, 1, 1), date(2026, 4, 30))),
    ("fin juillet", date(2025, 8, 13), (date(2025, 7, 21), date(2025, 7, 31))),
    ("depuis le 15 juillet", date(2025, 8, 13), (date(2025, 7, 15), date(2025, 8, 13))),
    ("à partir du 1er septembre", date(2025, 8, 13), (date(2025, 9, 1), None)),
    ("l'été dernier", date(2025, 8, 13), (date(2024, 6, 21), date(2024, 9, 22))),
    ("le jour de Noël", date(2025, 8, 13), (date(2025, 12, 25), date(2025, 12, 25))),
    ("cette nuit", date(2025, 8, 13), (date(2025, 8, 12), date(2025, 8, 13))),
    ("avant-hier", date(2025, 8, 13), (date(2025, 8, 11), date(2025, 8, 11))),
    ("dans la nuit de lundi à mardi", date(2025, 8, 13), (date(2025, 8, 11), date(2025, 8, 12))),
    ("en septembre prochain", date(2025, 8, 13), (date(2025, 9, 1), date(2025, 9, 30))),
])
def test_resolver_on_made_up_phrases(phrase, published, expected):
    [(kind, _, _, groups)] = find_expressions(phrase)
    start, end, _ = resolve(kind, groups, published)
    assert (start, end) == expected


@pytest.mark.parametrize("direction,expected", [("past", date(2025, 8, 6)), ("future", date(2025, 8, 13)),
                                                ("unknown", date(2025, 8, 6))])
def test_weekday_follows_the_tense(direction, expected):
    start, _, _ = resolve("weekday", {"weekday": "mercredi", "part": None}, date(2025, 8, 7), direction=direction)
    assert start == expected


def test_event_mentions(times, layers):
    events = event_mentions(layers.events, times).set_index("event_en")["mentioned_by"]
    assert events["Biden–Putin summit in Geneva"] == ["000", "003"]
    assert events["Russia's full-scale invasion of Ukraine"] == ["000", "002", "003"]
    assert events["Trump–Putin summit in Anchorage, Alaska"] == ["004"]


def test_events_dated_by_the_corpus(layers):
    events, corpus = layers.events, layers.corpus
    dated = analysis.timex.events_dated_by(events, corpus)
    assert len(dated) == len(events) == 15  # every event's evidence is in its article (the Alaska date in a caption)
    assert analysis.timex.events_dated_by(events, corpus[corpus["article_id"] != "004"])["article_id"].ne("004").all()
    edited = corpus.assign(raw_text=corpus["raw_text"].str.replace("15 août", "15 aout"),
                           text=corpus["text"].str.replace("15 août", "15 aout"))
    assert len(analysis.timex.events_dated_by(events, edited)) < 15


@pytest.mark.parametrize("phrase", ["en 1500 exemplaires", "en 1200 euros", "deux fois l'an"])
def test_counts_are_not_years(phrase):
    assert find_expressions(phrase) == []


def test_the_guarded_patterns_find_what_the_patterns_find(corpus):
    """find_expressions compiles each pattern behind a look-ahead for its first characters (analysis.timex._compiled):
    the same matches, groups included, as the pattern alone."""
    text = "\n\n".join(corpus["text"]) + " le 1er mai, fin juin 2025, dès la mi-août, depuis lundi, à Noël, 3 heures plus tôt"
    for (kind, guarded), (_, pattern) in zip(_compiled(tuple(PATTERNS)), PATTERNS):
        plain = re.compile(pattern, re.IGNORECASE)
        assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text)], kind

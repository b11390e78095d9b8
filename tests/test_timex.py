"""Time expressions: exact resolutions on the corpus, and the resolver on made-up phrases."""
from datetime import date

import pandas as pd
import pytest

import analysis
from analysis.timex import event_mentions, find_expressions, resolve


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
    ("000", 1, "très bientôt", ("vague", "2025-08-08", "2025-08-21")),
    ("000", 5, "la semaine prochaine", ("relative", "2025-08-11", "2025-08-17")),
    ("000", 1, "en janvier", ("interval", "2025-01-01", "2025-01-31")),
    ("000", 18, "juin 2021", ("interval", "2021-06-01", "2021-06-30")),
    ("000", 22, "en 2019", ("interval", "2019-01-01", "2019-12-31")),
    ("003", 16, "dans les 24 à 36 heures à venir", ("relative", "2025-08-08", "2025-08-09")),
    ("003", 16, "d'ici la fin de la semaine", ("relative", "2025-08-08", "2025-08-10")),
    ("004", 7, "Le 13 octobre", ("date", "2025-10-13", "2025-10-13")),
    ("004", 8, "le 21 octobre", ("date", "2025-10-21", "2025-10-21")),
    ("004", 13, "La semaine dernière", ("relative", "2025-11-10", "2025-11-16")),
    ("004", 31, "Le même jour", ("relative", "2025-11-16", "2025-11-16")),  # after "Le 16 novembre"
    ("004", 23, "dans le futur", ("vague", "2025-11-18", None)),
])
def test_corpus_resolutions(times, article_id, sent_idx, text, expected):
    assert _resolved(times, article_id, sent_idx, text) == expected


def test_every_vague_horizon_says_it_is_a_convention(times):
    vague = times[times["time_kind"] == "vague"]
    assert len(vague) > 0 and vague["basis"].str.startswith("vague horizon, by convention").all()


@pytest.mark.parametrize("phrase,published,expected", [
    ("le 15 août 2025", date(2025, 8, 7), (date(2025, 8, 15), date(2025, 8, 15))),
    ("depuis 2022", date(2025, 8, 7), (date(2022, 1, 1), date(2025, 8, 7))),
    ("en janvier", date(2025, 11, 17), (date(2025, 1, 1), date(2025, 1, 31))),
    ("en janvier prochain", date(2025, 11, 17), (date(2026, 1, 1), date(2026, 1, 31))),
    ("le 3 janvier", date(2025, 12, 28), (date(2026, 1, 3), date(2026, 1, 3))),   # the closer year
    ("la semaine prochaine", date(2025, 11, 17), (date(2025, 11, 24), date(2025, 11, 30))),
    ("dans les prochains jours", date(2025, 11, 17), (date(2025, 11, 18), date(2025, 11, 27))),
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

"""Time expressions on the development set: twelve synthetic page copies with 113 hand-resolved expressions
(tests/data/devset/gold_timex.json, copied verbatim from the development set's gold).

Spans match when their word overlap is at least half of the longer span (analysis.timex_eval); a matched,
non-vague expression is right when its first and last days equal the gold's. d04, d08 and d12 (`held_out` in the
gold file) were kept out of the tuning of the rules and looked at only at the end. At that first look they scored
23/27 found (precision 23/24) and 21/23 values right. Changed after it, each a family of its own: years before 1900
after "en" ("en 1867"); a clock time kept in a weekday's span ("vendredi à 11 h 30"); a time expression inside the
noun phrase of "à la veille de …" is an expression of its own and dates the event; the day a statement was made
("a annoncé lundi le chancelier") takes the past tense of its reporting verb. The one value still wrong there is
Quebec "en fin de semaine" (the weekend), which the tool reads the French way (Friday to Sunday).
"""
from __future__ import annotations

import inspect
import json
import re

import pandas as pd
import pytest

import analysis
import analysis.timex
import analysis.timex_anchor
import analysis.timex_eval
import analysis.timex_relative
import analysis.timex_resources
import analysis.timex_rules
from analysis import paths
from analysis.spans import match_words, word_overlap
from analysis.timex_eval import (
    TimeGoldError,
    evaluate_time_expressions,
    failures,
    load_time_gold,
)
from analysis.typography import normalise_text

GOLD_PATH = paths.DEVSET_DIR / "gold_timex.json"
GOLD = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
TARGET_RECALL, TARGET_VALUE_ACCURACY = 0.95, 0.92


@pytest.fixture(scope="module")
def devset():
    return analysis.pipeline(paths.DEVSET_DIR)


@pytest.fixture(scope="module")
def gold(devset):
    return load_time_gold(GOLD_PATH, devset.corpus)


@pytest.fixture(scope="module")
def scores(devset, gold):
    return evaluate_time_expressions(devset.times, gold)


def test_the_gold_is_the_development_sets():
    assert GOLD["held_out"] == ["d04", "d08", "d12"]
    assert sum(len(v) for v in GOLD["articles"].values()) == 113
    ids = [t["id"] for v in GOLD["articles"].values() for t in v]
    assert len(set(ids)) == 113


def test_every_gold_text_occurs_in_the_cleaned_text(devset, gold):
    texts = devset.corpus.set_index("article_id")["text"]
    for article_id, entries in GOLD["articles"].items():
        for entry in entries:
            text, context = normalise_text(entry["text"]), normalise_text(entry.get("context") or entry["text"])
            assert text in texts[article_id], entry["id"]
            assert texts[article_id].count(context) == 1, entry["id"]
    assert len(gold) == 113
    located = [texts[a][s:e] for a, s, e in zip(gold["article_id"], gold["start_char"], gold["end_char"])]
    assert located == gold["text"].tolist()


def test_gold_values(gold):
    row = gold.set_index("gold_id")
    assert row.at["d03-t10", "value_start"] == pd.Timestamp("2027-01-01")  # an open interval
    assert pd.isna(row.at["d03-t10", "value_end"]) and not row.at["d03-t10", "vague"]
    assert row.at["d07-t04", "vague"] and pd.isna(row.at["d07-t04", "value_start"])
    assert row.at["d06-t03", "value_start"] == pd.Timestamp("2025-11-17")
    assert gold.groupby("held_out")["article_id"].nunique().to_dict() == {False: 9, True: 3}


def test_a_gold_text_that_is_not_in_the_text_is_named(devset, tmp_path):
    broken = {"articles": {"d01": [{"id": "d01-t99", "text": "le 31 février", "value": None}]}}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(TimeGoldError, match="d01-t99"):
        load_time_gold(path, devset.corpus)


def test_devset_figures(scores):
    figures = scores[["n_gold", "n_pred", "matched", "n_valued", "value_right"]].to_dict("index")
    assert figures == {
        "all": {"n_gold": 113, "n_pred": 112, "matched": 112, "n_valued": 109, "value_right": 108},
        "tuning": {"n_gold": 86, "n_pred": 85, "matched": 85, "n_valued": 82, "value_right": 82},
        "held_out": {"n_gold": 27, "n_pred": 27, "matched": 27, "n_valued": 27, "value_right": 26},
    }
    assert scores.at["all", "recall"] == pytest.approx(112 / 113)
    assert scores.at["all", "precision"] == 1.0
    assert scores.at["all", "value_accuracy"] == pytest.approx(108 / 109)
    assert scores.at["held_out", "value_accuracy"] == pytest.approx(26 / 27)


def test_what_is_still_wrong(devset, gold):
    """Quebec "en fin de semaine" is the weekend there, Friday to Sunday in France (the tool's convention); "depuis
    Genève" names talks only the story dates (a place after "depuis" is usually a place: "depuis Kiev")."""
    wrong = failures(devset.times, gold)
    assert wrong[["gold_id", "problem"]].values.tolist() == [["d08-t10", "value"], ["d11-t09", "missed"]]


@pytest.mark.parametrize("articles", ["all", "held_out"])
def test_devset_targets(scores, articles):
    assert scores.at[articles, "recall"] >= TARGET_RECALL
    assert scores.at[articles, "value_accuracy"] >= TARGET_VALUE_ACCURACY


def test_word_overlap_matching():
    # "jusqu'au jeudi 27 novembre" (5 words) against "jeudi 27 novembre" (3 of them) matches; "jeudi" alone does not.
    text = "Un délai courant jusqu'au jeudi 27 novembre."
    g = text.index("jusqu'au")
    p = text.index("jeudi")
    assert word_overlap((g, "jusqu'au jeudi 27 novembre"), (p, "jeudi 27 novembre")) == pytest.approx(3 / 5)
    assert word_overlap((g, "jusqu'au jeudi 27 novembre"), (p, "jeudi")) == pytest.approx(1 / 5)
    gold = pd.DataFrame({"article_id": ["a"], "text": ["jusqu'au jeudi 27 novembre"], "start_char": [g],
                         "end_char": [g + 26]})
    pred = pd.DataFrame({"article_id": ["a", "a"], "text": ["jeudi", "jeudi 27 novembre"], "start_char": [p, p],
                         "end_char": [p + 5, p + 17]})
    assert match_words(pred, gold) == [(1, 0)]


def test_the_time_rules_never_quote_the_development_set():
    source = "".join(inspect.getsource(m) for m in (
        analysis.timex, analysis.timex_anchor, analysis.timex_eval, analysis.timex_relative,
        analysis.timex_resources, analysis.timex_rules))
    forbidden = [f"d{i:02}" for i in range(1, 13)] + [
        "_regional", "_evening_paywall", "_business", "_newsweekly", "_tv_news", "_swiss", "_belgian", "_quebec",
        "_african", "_wire", "_opinion", "_explainer", "Info24", "Courrier de l", "Tribune du Léman", "Marchetti",
        "Genève", "Anchorage", "Alaska", "Johannesburg", "Rosneft", "Crimée"]
    found = [f for f in forbidden if re.search(rf"\b{re.escape(f)}", source)]
    assert found == []

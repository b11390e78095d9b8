"""Tone: exact scores, typography invariance, clamping, the English-analyzer trap, hedging, validity."""
import math

import pandas as pd
import pytest

import analysis
from analysis import tone
from analysis.resources import DOMAIN_NEUTRAL


@pytest.fixture(scope="module")
def scores(layers):
    return layers.tone


def _sentence(scores, article_id, sent_idx):
    return scores[(scores["article_id"] == article_id) & (scores["sent_idx"] == sent_idx)].iloc[0]


@pytest.mark.parametrize("article_id,sent_idx,starts,polarity,subjectivity,drivers", [
    ("000", 6, '"Il est essentiel que cette rencontre soit fructueuse et productive"', 0.15, 0.2,
     "essentiel (+0.30); fructueuse (+0.10); productive (+0.05)"),
    ("000", 0, "Le Kremlin a annoncé jeudi", 0.0425, 0.025,
     "prochains (+0.00); tout (+0.22); dirigeant (-0.05); russe (+0.00)"),
    # The lexicon knows "inacceptable" but not this plural: a sentence that reads negative scores 0.
    ("000", 27, "Des conditions inacceptables pour Kiev.", 0.0, 0.0, ""),
])
def test_exact_scores_of_corpus_sentences(scores, article_id, sent_idx, starts, polarity, subjectivity, drivers):
    row = _sentence(scores, article_id, sent_idx)
    assert row["text"].startswith(starts)
    assert math.isclose(row["polarity"], polarity, abs_tol=1e-9)
    assert math.isclose(row["subjectivity"], subjectivity, abs_tol=1e-9)
    assert row["drivers"] == drivers


@pytest.mark.parametrize("typographic,plain", [
    ("Ce n’est pas l’idéal", "Ce n'est pas l'idéal"),
    ("Une rencontre «\u00a0fructueuse\u00a0» et\u202fproductive", "Une rencontre « fructueuse » et productive"),
    ("une paix vérita\u00adblement durable\u200b", "une paix véritablement durable"),
    ("C’est mauvais… mais utile", "C'est mauvais... mais utile"),
])
def test_both_typographies_give_the_same_score(typographic, plain):
    a, b = tone.score(typographic), tone.score(plain)
    assert (a.polarity, a.subjectivity) == (b.polarity, b.subjectivity)


def test_the_raw_analyzer_is_not_invariant_which_is_why_we_normalise():
    raw = tone.analyzer()
    assert raw.analyze("Ce n’est pas l’idéal")[0] != raw.analyze("Ce n'est pas l'idéal")[0]
    assert tone.score("Ce n’est pas l’idéal").polarity == -0.4


def test_defective_lexicon_entries_are_clamped_and_reported(scores):
    plein = tone.score("plein")
    assert plein.raw_subjectivity == pytest.approx(17.65)
    assert plein.subjectivity == 1.0 and plein.clamped == ["plein: (0.27, 17.65) → (0.27, 1.00)"]
    negative = tone.score("aberrant")  # lexicon subjectivity -0.4
    assert negative.subjectivity == 0.0 and negative.clamped
    assert scores["subjectivity"].between(0, 1).all() and scores["polarity"].between(-1, 1).all()


def test_french_analyzer_not_the_english_one():
    # TextBlob(...).polarity would use the English analyzer, which does not know "mauvais" (0.0).
    from textblob import TextBlob

    assert TextBlob("Un très mauvais accord").polarity == 0.0
    assert tone.score("Un très mauvais accord").polarity == -1.0
    assert tone.score("Une rencontre fructueuse").polarity > 0


def test_domain_words_can_be_neutralised_and_are_reported():
    as_is = tone.score("Le Premier ministre a parlé.")
    neutral = tone.score("Le Premier ministre a parlé.", neutral_words=DOMAIN_NEUTRAL)
    assert as_is.polarity == 0.5 and as_is.drivers == "premier (+0.50)"
    assert neutral.polarity == 0.0 and neutral.neutralised == ["premier"]


def test_hedging_counts_of_article_002(layers):
    hedges = layers.hedging
    a = hedges[hedges["article_id"] == "002"]
    assert a[["conditional", "modal", "attribution", "forward_looking"]].sum().tolist() == [6, 5, 2, 6]
    assert len(a) == 16
    assert a[a["conditional"]]["text"].str.contains("pourrai|serai|aurai|devrai|circulerai").all()


def test_narration_blanks_reported_speech(corpus, layers):
    sents = layers.sentences
    own = tone.narration(corpus, sents, layers.statements).set_index(["article_id", "sent_idx"])
    assert own.loc[("000", 6), "text"] == '" ", a-t-il souligné.'
    assert own.loc[("000", 5), "text"] == "Selon lui, ."


def test_bootstrap_is_reproducible_and_brackets_the_mean():
    mean, lo, hi = tone.bootstrap_mean([0.0, 0.1, 0.5, -0.2, 0.3], seed=3)
    assert tone.bootstrap_mean([0.0, 0.1, 0.5, -0.2, 0.3], seed=3) == (mean, lo, hi)
    assert lo <= mean <= hi and math.isclose(mean, 0.14)


def test_agreement_on_a_toy_example():
    gold = ["positive", "negative", "neutral", "neutral"]
    pred = ["positive", "neutral", "neutral", "neutral"]
    a = tone.agreement(gold, pred)
    # Observed 0.75; expected (1/4·1/4) + (1/4·0) + (2/4·3/4) = 0.4375; kappa = 0.3125 / 0.5625.
    assert a["accuracy"] == 0.75 and math.isclose(a["cohen_kappa"], 0.3125 / 0.5625)
    assert tone.polarity_label([0.1, -0.1, 0.05]).tolist() == ["positive", "negative", "neutral"]


def test_benchmark_accuracy_on_the_full_1500_reviews():
    table = tone.run_benchmark().set_index("scorer")
    ours = table.loc["analysis.tone.score (normalised, clamped)"]
    assert ours["n"] == 1500 and ours["accuracy"] >= 0.74


def test_gold_tone_sentences_match_the_corpus(layers):
    gold = pd.read_csv(analysis.paths.GOLD_TONE_CSV, dtype={"article_id": str})
    sents = layers.sentences.set_index(["article_id", "sent_idx"])["text"]
    for row in gold.itertuples():
        assert sents[(row.article_id, row.sent_idx)] == row.text
    assert set(gold["label"]) <= {"positive", "neutral", "negative"}
    assert len(gold) == 110

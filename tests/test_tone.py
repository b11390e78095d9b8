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
    assert a[["conditional", "modal", "attribution", "forward_looking"]].sum().tolist() == [7, 5, 2, 6]
    assert len(a) == 16
    assert a[a["conditional"]]["text"].str.contains("pourrai|serai|aurai|devrai|circulerai").all()


@pytest.fixture(scope="module")
def hedges(layers, corpus):
    out = layers.hedging
    out["period"] = out["article_id"].map(dict(zip(corpus["article_id"], corpus["period"])))
    return out


def test_conditional_share_comes_from_morphology_not_the_tagger(hedges):
    """Issue 13: spaCy's Mood=Cnd gave 004 2.9 % (1 of 34) and August 10.5 %; morphology gives 17.6 % and 14.5 %."""
    per_article = hedges.groupby("article_id")["conditional"].agg(["sum", "size"])
    assert per_article.to_dict("index") == {"000": {"sum": 2, "size": 27}, "001": {"sum": 0, "size": 14},
                                            "002": {"sum": 7, "size": 16}, "003": {"sum": 2, "size": 19},
                                            "004": {"sum": 6, "size": 34}}
    by_period = tone.hedging_summary(hedges, group="period")
    assert round(by_period.loc["november", "conditional"], 3) == 0.176 == round(6 / 34, 3)
    assert round(by_period.loc["august", "conditional"], 3) == 0.145 == round(11 / 76, 3)
    assert by_period.loc["november", "conditional"] > by_period.loc["august", "conditional"]
    forms = hedges.loc[hedges["article_id"] == "004", "conditional_forms"]
    assert [f for f in forms if f] == ["aimerions", "souhaiterions", "reléguerait", "deviendraient", "serait",
                                       "considérerions"]


def test_any_hedge_is_any_of_the_four_markers_the_notebook_lists(hedges):
    assert tone.HEDGE_MARKERS == ("conditional", "modal", "attribution", "forward_looking")
    assert hedges["any_hedge"].equals(hedges[list(tone.HEDGE_MARKERS)].any(axis=1))
    assert hedges.groupby("article_id")["any_hedge"].sum().tolist() == [5, 5, 10, 5, 12]
    by_period = hedges.groupby("period")["any_hedge"].agg(["sum", "size"])
    assert by_period.to_dict("index") == {"august": {"sum": 25, "size": 76}, "november": {"sum": 12, "size": 34}}


def test_a_marker_counts_for_the_voice_whose_span_contains_it(hedges):
    s = hedges.set_index(["article_id", "sent_idx"])
    # « Selon lui, cette rencontre pourrait se tenir … »: "selon" is the journalist's, "pourrait" the speaker's.
    row = s.loc[("000", 5)]
    assert (row["sentence_voice"], row["hedged_narration"], row["hedged_reported"]) == ("mixed", True, True)
    # « … nous la considérerions très négativement », a-t-il confié: a hedge in the quote only.
    row = s.loc[("004", 35)]
    assert (row["sentence_voice"], row["hedged_narration"], row["hedged_reported"]) == ("mixed", False, True)
    assert not (hedges["hedged_narration"] & (hedges["sentence_voice"] == "reported")).any()
    assert not (hedges["hedged_reported"] & (hedges["sentence_voice"] == "narration")).any()


def test_hedging_by_voice_per_article_and_period(hedges):
    per_article = tone.hedging_by_voice(hedges)
    assert per_article["narration_sentences"].tolist() == [26, 14, 16, 19, 22]
    assert (per_article["narration_hedged"] * per_article["narration_sentences"]).round().tolist() == [2, 2, 8, 2, 0]
    assert per_article["reported_sentences"].tolist() == [18, 9, 7, 10, 29]
    assert (per_article["reported_hedged"] * per_article["reported_sentences"]).round().tolist() == [5, 4, 4, 3, 12]
    by_period = tone.hedging_by_voice(hedges, group="period").round(3)
    assert by_period.to_dict("index") == {
        "august": {"narration_sentences": 75, "narration_hedged": round(14 / 75, 3), "reported_sentences": 44,
                   "reported_hedged": round(16 / 44, 3)},
        "november": {"narration_sentences": 22, "narration_hedged": 0.0, "reported_sentences": 29,
                     "reported_hedged": round(12 / 29, 3)}}


def test_hedging_of_made_up_sentences_without_and_with_reported_speech():
    text = "Le sommet aurait lieu jeudi. Selon lui, « la rencontre pourrait échouer ». Il déclarait la guerre."
    layers = analysis.pipeline(corpus=pd.DataFrame({"article_id": ["x"], "text": [text]}), use_cache=False)
    hedges = layers.hedging.set_index("sent_idx")
    assert hedges["conditional_forms"].tolist() == ["aurait", "pourrait", ""]
    assert hedges["sentence_voice"].tolist() == ["narration", "mixed", "narration"]
    assert hedges["hedged_narration"].tolist() == [True, True, False]
    assert hedges["hedged_reported"].tolist() == [False, True, False]
    alone = tone.hedging(layers.sentences, layers.tokens)  # no statements: every sentence is narration
    assert (alone["sentence_voice"] == "narration").all() and not alone["hedged_reported"].any()
    markers = tone.hedge_markers(layers.sentences, layers.tokens)
    assert markers[["marker", "text"]].values.tolist() == [["conditional", "aurait"], ["attribution", "Selon"],
                                                          ["conditional", "pourrait"], ["modal", "pourrait"]]
    assert all(text[a:b] == t for a, b, t in zip(markers["start_char"], markers["end_char"], markers["text"]))


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


# --- reported speech placed by bisection (one long article holds thousands of statements) ----------------------
def test_merged_spans_are_sorted_disjoint_and_drop_empty_ones():
    assert tone.merge_spans([]) == ([], [])
    # (0, 3) and (3, 4) touch, (5, 9) and (7, 12) overlap, (6, 8) is nested; (20, 20) and (30, 25) hold nothing.
    assert tone.merge_spans([(5, 9), (0, 3), (3, 4), (7, 12), (20, 20), (30, 25), (14, 16), (6, 8)]) == (
        [0, 5, 14], [4, 12, 16])


def test_a_character_is_inside_from_a_span_s_start_to_before_its_end():
    spans = tone.merge_spans([(0, 3), (3, 4), (5, 12)])
    inside = {offset: tone._inside(spans, offset) for offset in (-1, 0, 3, 4, 5, 11, 12, 100)}
    assert inside == {-1: False, 0: True, 3: True, 4: False, 5: True, 11: True, 12: False, 100: False}
    assert not tone._inside(tone.NO_SPANS, 0)
    assert list(tone._overlaps(spans, 2, 6)) == [(2, 4), (5, 6)]
    assert list(tone._overlaps(spans, 4, 5)) == [] == list(tone._overlaps(spans, 12, 20))
    assert list(tone._overlaps(spans, -5, 100)) == [(0, 4), (5, 12)]


@pytest.mark.parametrize("spans,voice", [
    ([], "narration"),
    ([(100, 130)], "reported"),
    ([(111, 128)], "mixed"),  # « nous viendrons »
    ([(129, 130), (108, 110)], "narration"),  # only "." and ": " inside
    ([(90, 100), (130, 140)], "narration"),  # spans that end where the sentence starts, start where it ends
    ([(90, 101)], "mixed"),  # the sentence's first letter
    ([(90, 102), (102, 130)], "reported"),  # two spans that touch
])
def test_sentence_voice_by_the_letters_inside_and_outside_reported_speech(spans, voice):
    text = "Il a dit : « nous viendrons »."  # 30 characters, from offset 100
    assert tone._sentence_voice(text, 100, tone.merge_spans(spans)) == voice


def test_voice_and_inside_agree_with_a_character_by_character_reading():
    """The bisection against the definition: each character marked inside or not, on random spans and texts."""
    import random

    rng = random.Random(0)
    for _ in range(2000):
        text = "".join(rng.choice("ab 1_,.«»é-") for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, 15)
        spans = [(a, a + rng.randint(-3, 12)) for a in (rng.randint(-5, 45) for _ in range(rng.randint(0, 5)))]
        merged = tone.merge_spans(spans)
        inside = [any(a <= start + i < b for a, b in spans) for i in range(len(text))]
        reported = any(ch.isalnum() and inside[i] for i, ch in enumerate(text))
        narrated = any(ch.isalnum() and not inside[i] for i, ch in enumerate(text))
        expected = "mixed" if reported and narrated else "reported" if reported else "narration"
        assert tone._sentence_voice(text, start, merged) == expected
        assert all(tone._inside(merged, o) == any(a <= o < b for a, b in spans) for o in range(-6, 60))


def test_a_letter_or_digit_is_what_str_isalnum_says():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert set(tone._ALNUM.findall("".join(chars))) == {c for c in chars if c.isalnum()}


def test_narration_blanks_overlapping_statements_once():
    corpus = pd.DataFrame({"article_id": ["x"], "text": ["Il a dit : « nous viendrons » et « partirons »."]})
    sents = pd.DataFrame({"article_id": ["x"], "paragraph_idx": [0], "sent_idx": [0], "start_char": [0],
                          "end_char": [47], "is_heading": [False]})
    statements = pd.DataFrame({"article_id": ["x", "x", "x"], "start_char": [11, 13, 33], "end_char": [29, 17, 46]})
    assert tone.narration(corpus, sents, statements)["text"].tolist() == ["Il a dit : et ."]

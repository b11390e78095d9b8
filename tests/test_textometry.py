"""Textometry (analysis.textometry) on hand-made token tables whose answers are known, and on the corpus."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import textometry as X

PUNCT = set(",.;:!?«»()")


def toks(*articles: tuple[str, str], pos: str = "NOUN") -> pd.DataFrame:
    """A token table from texts: words split on spaces; '.' ends a sentence; '|' starts a new paragraph;
    "l'" glues to the next word (no space between them in the text), as the French elision does."""
    rows = []
    for article_id, text in articles:
        offset, sent, para, idx = 0, 0, 0, 0
        parts = text.split()
        for part in parts:
            if part == "|":
                para += 1
                continue
            rows.append({"article_id": article_id, "sent_idx": sent, "token_idx": idx, "text": part,
                         "lemma": part.lower(), "pos": "PUNCT" if part in PUNCT else pos, "is_punct": part in PUNCT,
                         "is_stop": part.lower() in {"le", "la", "l'", "un", "de"}, "start_char": offset,
                         "end_char": offset + len(part), "paragraph_idx": para})
            offset += len(part) + (0 if part.endswith("'") else 1)
            idx += 1
            if part == ".":
                sent += 1
    return pd.DataFrame(rows)


def test_specificity_equals_the_hypergeometric_tails():
    # over-represented: +|log10 P(X >= 5)|; under-represented: log10 P(X <= 0); X ~ H(100 words, f = 10, part 20)
    got = X.specificity_scores([5, 0, 2], [10, 10, 10], [20, 20, 20], 100)
    assert got[0] == pytest.approx(-np.log10(stats.hypergeom.sf(4, 100, 10, 20)), rel=1e-9)
    assert got[1] == pytest.approx(np.log10(stats.hypergeom.cdf(0, 100, 10, 20)), rel=1e-9)
    assert got[2] == pytest.approx(-np.log10(stats.hypergeom.sf(1, 100, 10, 20)), rel=1e-9)  # k = expected: upper
    # the same from exact binomial sums (fractions): sum_{k>=5} C(10,k) C(90,20-k) / C(100,20), and k = 0
    assert got[0] == pytest.approx(1.5940640550458882, abs=1e-12) and got[1] == pytest.approx(-1.021745177885374,
                                                                                              abs=1e-12)
    tiny = X.specificity_scores([300], [300], [300], 100_000)[0]  # a probability far below float's range
    assert tiny == pytest.approx(-stats.hypergeom.logsf(299, 100_000, 300, 300) / np.log(10)) and tiny > 300


def test_specificities_table_by_part():
    t = toks(("a", "x x x x y ."), ("b", "y y y z z ."))
    spec = X.specificities(t.assign(period=t["article_id"]), by="period", unit="form").set_index(["part", "unit"])
    row = spec.loc[("a", "x")]
    assert (row["f"], row["f_total"], row["part_size"], row["total"]) == (4, 4, 5, 10)
    assert row["specificity"] == pytest.approx(-np.log10(stats.hypergeom.sf(3, 10, 4, 5)))  # = 1.623
    assert row["specificity"] == pytest.approx(1.6232, abs=1e-4) and row["banal"]  # below TXM's threshold of 2
    assert not X.specificities(t, by="article_id", unit="form", threshold=1.5).set_index(["part", "unit"]).loc[
        ("a", "x"), "banal"]
    assert spec.loc[("b", "x"), "specificity"] == pytest.approx(np.log10(stats.hypergeom.cdf(0, 10, 4, 5)))
    assert spec.loc[("a", "y"), "specificity"] < 0  # 1 of its 4 in half the corpus: under-represented


def test_repeated_segments_never_cross_punctuation_paragraphs_or_articles():
    t = toks(("a", "Moscou Donald Trump , Moscou Donald | Trump Moscou Donald Trump ."),
             ("b", "Donald Trump . Trump Moscou"))
    seg = X.repeated_segments(t).set_index("segment")
    assert seg.loc["Moscou Donald", "freq"] == 3
    assert seg.loc["Donald Trump", "freq"] == 3 and seg.loc["Donald Trump", "n_parts"] == 2
    assert seg.loc["Moscou Donald Trump", "freq"] == 2  # not across the comma or the paragraph
    assert "Trump Moscou" in seg.index  # in a, after the paragraph break, and in b
    assert seg.loc["Trump Moscou", "freq"] == 2
    assert not any(p in s for s in seg.index for p in PUNCT)
    assert "Donald Trump Moscou" not in seg.index and "Trump Trump" not in seg.index


def test_maximal_segments_leave_out_those_only_found_inside_a_longer_one():
    t = toks(("a", "la guerre en Ukraine . la guerre en Ukraine . la guerre ."))
    every = X.repeated_segments(t).set_index("segment")["freq"].to_dict()
    assert every == {"la guerre": 3, "la guerre en": 2, "guerre en Ukraine": 2, "la guerre en Ukraine": 2,
                     "guerre en": 2, "en Ukraine": 2}
    assert X.repeated_segments(t, maximal=True).set_index("segment")["freq"].to_dict() == {
        "la guerre": 3, "la guerre en Ukraine": 2}


def test_repeated_segments_keep_the_written_text():
    t = toks(("a", "pour l' heure , pour l' heure ."))
    assert "pour l'heure" in set(X.repeated_segments(t)["segment"])


def test_dispersion_juilland_and_gries():
    t = toks(("a", "w w o o o"), ("b", "o o o o o"), ("c", "w o o o o"))
    d = X.dispersion(t, unit="form", min_freq=1).set_index("unit")
    # w: 2, 0, 1 in parts of 5, 5, 5 words: DP = 0.5 * (|2/3 - 1/3| + |0 - 1/3| + |1/3 - 1/3|) = 1/3
    assert d.loc["w", "dp"] == pytest.approx(1 / 3)
    rel = np.array([0.4, 0.0, 0.2])
    assert d.loc["w", "juilland_d"] == pytest.approx(1 - (rel.std() / rel.mean()) / np.sqrt(2))
    assert (d.loc["w", "freq"], d.loc["w", "n_parts"]) == (3, 2)


def test_cooccurrences_in_sentences_and_windows():
    t = toks(("a", "sommet Alaska date . sommet Alaska . pluie soleil . pluie vent ."),
             ("b", "sommet Alaska . pluie neige . pluie . vent soleil ."))
    co = X.cooccurrences(t, "sommet", window="sentence", min_cofreq=1, threshold=0).set_index("unit")
    assert co.loc["alaska", "cofreq"] == 3 and co.loc["alaska", "freq"] == 3
    # the context: 4 words in 3 sentences (pivot out), of 13 words without the pivot; Alaska: 3 of 3 inside
    assert co.loc["alaska", "specificity"] == pytest.approx(-np.log10(stats.hypergeom.sf(2, 13, 3, 4)))
    assert co.loc["alaska", "mean_distance"] == 1 and "pluie" not in co.index
    near = X.cooccurrences(t, "sommet", window=1, min_cofreq=1, threshold=0)
    assert set(near["unit"]) == {"alaska"}  # ±1 word: "date" is 2 words away


def test_progression_follows_the_dates():
    t = toks(("a", "x y x"), ("b", "x z"))
    corpus = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2025-08-07", "2025-08-01"])})
    prog = X.progression(t, ["x"], unit="form", corpus=corpus)
    assert prog[["position", "cumulative", "article_id"]].values.tolist() == [[0, 1, "b"], [2, 2, "a"], [4, 3, "a"]]
    assert X.article_starts(t, corpus)["position"].tolist() == [0, 2]


def test_concordance_shows_text_as_written_and_marks_paragraphs():
    t = toks(("a", "Il refuse pour l' heure . | Le sommet de Alaska ."))
    kwic = X.concordance(t, "heure", window=3)
    assert kwic.loc[0, ["left", "keyword", "right"]].tolist() == ["refuse pour l'", "heure", ". ¶ Le sommet de"]
    assert (kwic.loc[0, "left_word"], kwic.loc[0, "right_word"]) == ("l'", "le")
    two = X.concordance(t, "le sommet", window=2)
    assert two.loc[0, "keyword"] == "Le sommet" and two.loc[0, "left"] == "l'heure ."


def test_bad_input_names_the_missing_column():
    with pytest.raises(ValueError, match="specificities\\(\\) needs a token table with the columns outlet"):
        X.specificities(toks(("a", "x")), by="outlet")
    with pytest.raises(ValueError, match="unit must be one of lemma, form, term"):
        X.specificities(toks(("a", "x")), by="article_id", unit="stem")


def test_on_the_corpus(layers):
    tokens = layers.tokens.merge(layers.corpus[["article_id", "period"]], on="article_id")
    spec = X.specificities(tokens, by="period")
    top = X.specific_units(spec, top=3)
    assert top.loc[top["part"] == "november", "unit"].tolist() == ["nous", "résultat", "annuler"]
    assert spec["total"].iat[0] == int((~layers.tokens["is_punct"]).sum())
    seg = X.repeated_segments(layers.tokens).set_index("segment")
    assert seg.loc["Donald Trump", "freq"] == 17 and "Moscou Donald Trump" not in seg.index
    kwic = X.concordance(layers.tokens, "heure")
    assert len(kwic) == 5 and kwic.loc[0, "left"].endswith("pour l'")


def test_notebook_05_says_when_the_corpus_is_too_small_and_where_it_runs_reinert(executed):
    nb = executed("05_textometry.ipynb")
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
    assert ("**This corpus is too small for Reinert's classification**: its 70 segments give 0 stable classes in "
            "the double classification") in text
    assert "runs on this data folder (5 articles) joined with the development set (12 articles)" in text
    assert "183 segments of about 40 words; 6 classes of 109, 19, 10, 15, 15 and 15 segments" in text


def test_specificity_scores_each_element_as_on_its_own():
    """All elements at once give the numbers of one element at a time (arrays with repeats, a scalar, an empty
    input), and scipy's tails to float precision."""
    k, f, t = [3, 0, 3, 7, 0, 1, 3], [10, 10, 10, 12, 5, 1, 10], [20, 20, 20, 30, 50, 2, 20]
    ka, fa, ta = (np.asarray(x, dtype=float) for x in (k, f, t))
    both_tails = np.where(ka >= fa * ta / 100, -stats.hypergeom.logsf(ka - 1, 100, fa, ta) / np.log(10),
                          stats.hypergeom.logcdf(ka, 100, fa, ta) / np.log(10))
    one_by_one = [X.specificity_scores([a], [b], [c], 100)[0] for a, b, c in zip(k, f, t)]
    assert list(X.specificity_scores(k, f, t, 100)) == one_by_one
    np.testing.assert_allclose(one_by_one, both_tails, rtol=1e-12)  # scipy's tails, to float precision
    assert float(X.specificity_scores(3, 10, 20, 100)) == one_by_one[0]
    assert X.specificity_scores([], [], [], 100).shape == (0,)

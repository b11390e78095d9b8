"""Term frequency and keyness: statistics against independent computations, exact corpus counts."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import terms as T


@pytest.fixture(scope="module")
def tokens(layers):
    return layers.tokens


@pytest.fixture(scope="module")
def words(layers):
    return layers.terms


# --- statistics against independent computations ---------------------------------------------------------
@pytest.mark.parametrize("a,b,c,d", [(10, 20, 1000, 4000), (5, 0, 717, 1900), (0, 14, 717, 1900), (3, 3, 50, 60)])
def test_g2_matches_scipy_log_likelihood_ratio(a, b, c, d):
    table = np.array([[a, b], [c - a, d - b]])
    expected, *_ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert math.isclose(T.g2(a, b, c, d), expected, rel_tol=1e-9)


def test_g2_on_a_hand_made_table():
    # Cells 10, 20 / 990, 3980; expected 6, 24 / 994, 3976.
    by_hand = 2 * (10 * math.log(10 / 6) + 20 * math.log(20 / 24) + 990 * math.log(990 / 994)
                   + 3980 * math.log(3980 / 3976))
    assert math.isclose(T.g2(10, 20, 1000, 4000), by_hand, rel_tol=1e-12)
    assert math.isclose(by_hand, 2.9438, abs_tol=1e-4)


def test_log_ratio():
    assert T.log_ratio(10, 20, 1000, 4000) == 1.0  # 1 % against 0.5 %: twice as frequent
    assert T.log_ratio(0, 20, 1000, 4000) == math.log2((0.5 / 1000) / (20 / 4000))


@pytest.mark.parametrize("a,f,part,total", [(5, 5, 717, 2617), (0, 14, 717, 2617), (3, 9, 100, 1000), (1, 9, 100, 1000),
                                            (4, 4, 10, 20)])
def test_lafon_matches_scipy_hypergeometric_tails(a, f, part, total):
    expected_count = f * part / total
    if a >= expected_count:
        reference = -math.log10(stats.hypergeom.sf(a - 1, total, f, part))
    else:
        reference = math.log10(stats.hypergeom.cdf(a, total, f, part))
    assert math.isclose(T.lafon_specificity(a, f, part, total), reference, rel_tol=1e-9)


def test_log_odds_with_dirichlet_prior_on_a_toy_example():
    y_i, y_j = pd.Series({"x": 3, "y": 1}), pd.Series({"x": 1, "y": 3})
    prior = pd.Series({"x": 4, "y": 4})  # alpha_x = alpha_y = 4, alpha_0 = 8; n_i = n_j = 4
    out = T.log_odds_dirichlet(y_i, y_j, prior)
    delta = math.log(7 / 5) - math.log(5 / 7)
    z = delta / math.sqrt(1 / 7 + 1 / 5)
    assert math.isclose(out.loc["x", "log_odds"], delta) and math.isclose(out.loc["x", "log_odds_z"], z)
    assert math.isclose(out.loc["y", "log_odds_z"], -z)


# --- the corpus ---------------------------------------------------------------------------------------------
def test_exact_frequencies_from_the_cleaned_text(words):
    f = T.frequencies(words)
    assert f.loc["sommet"].tolist() == [5, 0, 1, 4, 5]
    assert f.loc["Vladimir Poutine"].tolist() == [7, 3, 2, 9, 9]  # named mentions, one term each
    assert "vladimir" not in f.index and "poutine" not in f.index
    for furniture in ["photo", "Photo", "getty", "Getty", "AFP", "afp", "reuters", "Reuters"]:
        assert furniture not in f.index


def test_vocabulary_profile(words):
    profile = T.vocabulary_profile(words)
    assert profile.loc["004", ["n_tokens", "n_types", "n_hapaxes"]].tolist() == [719, 318, 202]
    assert math.isclose(profile.loc["004", "type_token_ratio"], 318 / 719)
    assert T.vocabulary_profile(words, group="period").loc["august", "n_tokens"] == 1904


def test_multiword_terms(words):
    assert T.ngrams(words, n=3).loc["accord de principe"].tolist() == [1, 1, 1, 0, 1, 4]
    assert T.ngrams(words, n=2).loc["prochain jour"].tolist() == [2, 2, 1, 1, 0, 6]
    assert not any(g.startswith("-t") for g in T.ngrams(words, n=2).index)


def test_keyness_november_vs_august(words):
    key = T.keyness(words, target="november")
    row = key.loc["résultat"]
    assert (row["target_count"], row["reference_count"]) == (5, 0)
    assert round(row["g2"], 4) == 12.9674 and row["p_value"] < 0.001 and round(row["lafon"], 4) == 2.8147
    assert key.loc["Volodymyr Zelensky", "g2"] < 0 and key.loc["Volodymyr Zelensky", "target_count"] == 0
    assert key.index[0] == "résultat"


def test_vectorised_keyness_matches_the_reference_formulas(words):
    key = T.keyness(words, target="november")
    sizes = words.groupby("period").size()
    c, d = int(sizes["november"]), int(sizes["august"])
    for term, row in key.iterrows():
        a, b = int(row["target_count"]), int(row["reference_count"])
        assert math.isclose(row["lafon"], T.lafon_specificity(a, a + b, c, c + d), rel_tol=1e-7, abs_tol=1e-9), term
        assert math.isclose(abs(row["g2"]), T.g2(a, b, c, d), rel_tol=1e-9, abs_tol=1e-12), term
        assert math.isclose(row["log_ratio"], T.log_ratio(a, b, c, d)), term


def test_stability_separates_stable_and_fragile_terms(words):
    stab = T.stability(words, target="november", leave_out_from="august", top=15)
    assert stab.loc[["résultat", "Volodymyr Zelensky", "cessez-le-feu", "Steve Witkoff"], "verdict"].tolist() == [
        "stable", "stable", "fragile", "fragile"]
    assert list(stab.columns) == ["g2_all", "without 000", "without 001", "without 002", "without 003", "verdict"]


def test_any_grouping_column_works(words):
    key = T.keyness(words, group="article_id", target="003")
    assert key.loc["cessez-le-feu", "target_count"] == 4  # one of them in the subheading "Recherche d'un cessez-le-feu"
    custom = words.assign(outlet_guess=np.where(words["article_id"].isin(["000", "001"]), "wire", "other"))
    assert T.frequencies(custom, group="outlet_guess").loc["sommet"].to_dict() == {"other": 10, "wire": 5}
    with pytest.raises(ValueError, match="no group 'december'"):
        T.keyness(words, target="december")


def test_concordance(corpus, tokens):
    kwic = T.concordance(tokens, "Budapest", window=4, corpus=corpus)
    assert kwic[["article_id", "keyword", "right"]].values.tolist() == [
        ["004", "Budapest", ", en Hongrie ."], ["004", "Budapest", "en raison de négociations"]]
    assert str(kwic["published"].iloc[0]) == "2025-11-17"
    assert len(T.concordance(tokens, "cessez-le-feu")) == 6
    assert T.concordance(tokens, "accord de principe")["article_id"].tolist() == ["000", "001", "002", "004"]


def test_trajectories(words):
    traj = T.trajectories(words, ["résultat", "sommet"])
    assert math.isclose(traj.loc["résultat", "november"], 1000 * 5 / 719)
    assert traj.loc["résultat", "august"] == 0


def test_word_clouds_are_deterministic(words):
    from analysis.plots import word_cloud

    f = T.frequencies(words)["004"]
    f = f[f > 0].to_dict()
    first = word_cloud(f, title="a").images[0].get_array()
    second = word_cloud(f, title="b").images[0].get_array()
    assert np.array_equal(first, second)


def test_hypergeometric_tails_at_a_year_of_press_equal_scipy_s():
    """analysis.hypergeom walks each tail from its count; scipy sums the whole support (minutes at 6,000 documents)."""
    from scipy import stats

    from analysis.hypergeom import log_tail

    n, t = 764_000, 380_000
    f = np.array([1, 40, 900, 15_000, 15_000, 3])
    k = np.array([1, 35, 520, 7_000, 7_900, 0])
    up = k >= f * t / n
    mine = np.where(up, log_tail(k, f, t, n, upper=True), log_tail(k, f, t, n, upper=False))
    ref = np.where(up, stats.hypergeom.logsf(k - 1, n, f, t), stats.hypergeom.logcdf(k, n, f, t))
    np.testing.assert_allclose(mine, ref, rtol=1e-8)
    # outside the support: certain or impossible
    assert log_tail(5, 3, 10, 100, upper=True) == -np.inf and log_tail(5, 3, 10, 100, upper=False) == 0.0


# --- one term per named mention, found by bisection -------------------------------------------------------
def test_tokens_starting_inside_a_span_edges_included_and_excluded():
    starts = [0, 4, 4, 9, 15]
    found = T.tokens_starting_inside(starts, [4, 0, 9, 16, 5, 9, 15], [9, 4, 10, 20, 4, 9, 16])
    # [4, 9) holds both tokens at 4 but not the one at 9 (ends exclude); [0, 4) only the first; [9, 10) the one
    # at 9; after the last token, reversed (5, 4) and empty (9, 9) spans hold none; [15, 16) the last.
    assert [f.tolist() for f in found] == [[1, 2], [0], [3], [], [], [], [4]]
    # Unsorted starts (articles given twice): positions still in table order.
    assert [f.tolist() for f in T.tokens_starting_inside([9, 0, 4, 4], [4, 0, 10], [10, 1, 20])] == [[0, 2, 3], [1], []]
    assert T.tokens_starting_inside([], [0], [5])[0].tolist() == []


def test_one_term_per_mention_the_later_mention_that_holds_a_token_decides():
    t = pd.DataFrame({"article_id": ["a"] * 6 + ["b"], "start_char": [0, 5, 10, 15, 20, 25, 0],
                      "term": [f"w{i}" for i in range(7)], "is_actor": False, "is_content": False},
                     index=[10, 11, 12, 13, 14, 15, 16])
    named = pd.DataFrame({"article_id": ["a", "a", "a", "a", "z", "a"],
                          "start_char": [0, 10, 20, 15, 0, 100], "end_char": [19, 19, 30, 25, 5, 110],
                          "actor": ["A", "B", "C", "D", "Z", "E"]})
    out = T._one_term_per_mention(t.copy(), named)
    # A takes w0 and drops w1-w3; B, nested and later, takes back w2; C takes w4 and drops w5; D takes back w3
    # and drops w4; Z (no such article) and E (no token) change nothing; article b is untouched.
    assert out.index.tolist() == [10, 12, 13, 16]
    assert out["term"].tolist() == ["A", "B", "D", "w6"]
    assert out["is_actor"].tolist() == [True, True, True, False]
    assert out["is_content"].tolist() == [True, True, True, False]


def test_ngrams_stay_within_a_sentence_and_skip_stop_word_edges_and_rows_without_a_group():
    words = pd.DataFrame({
        "article_id": ["a"] * 5 + ["b"] * 3, "sent_idx": [0, 0, 0, 1, 1, 0, 0, 0],
        "term": ["accord", "de", "principe", "prochain", "jour", "accord", "de", "principe"],
        "is_stop": [False, True, False, False, False, False, True, False],
        "pos": ["NOUN", "ADP", "NOUN", "ADJ", "NOUN", "NOUN", "ADP", "NOUN"],
        "is_actor": [False] * 8, "period": ["august"] * 5 + [None] * 3})
    three = T.ngrams(words, n=3, min_count=1)
    assert three.to_dict("index") == {"accord de principe": {"a": 1, "b": 1, "total": 2}}
    two = T.ngrams(words, n=2, min_count=1)  # "principe prochain" spans two sentences; "accord de" ends on a stop word
    assert two.to_dict("index") == {"prochain jour": {"a": 1, "total": 1}}
    by_period = T.ngrams(words, n=3, group="period", min_count=1)  # article b has no period: no group
    assert by_period.to_dict("index") == {"accord de principe": {"august": 1, "total": 1}}

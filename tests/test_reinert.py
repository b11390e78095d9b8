"""Reinert classification on a synthetic corpus with planted vocabularies: the classes find the topics, do not
depend on the order of the segments, and the segments respect sentences and articles."""
from math import comb

import numpy as np
import pandas as pd
import pytest

from analysis.reinert import characteristic_segments, class_spread, classify, reinert, segments, too_small

TOPICS = ("sommet", "ukraine", "energie")
STOP = ("le", "de", "et", "un", "à", "que", "pour", "dans")


def ari(a, b) -> float:
    """Adjusted Rand index of two labellings (Hubert & Arabie)."""
    table = pd.crosstab(np.asarray(a), np.asarray(b)).to_numpy()
    pairs = sum(comb(int(v), 2) for v in table.ravel())
    rows, cols = sum(comb(int(v), 2) for v in table.sum(1)), sum(comb(int(v), 2) for v in table.sum(0))
    expected = rows * cols / comb(int(table.sum()), 2)
    top = (rows + cols) / 2
    return 1.0 if top == expected else (pairs - expected) / (top - expected)


def _sentence(rng, topic_words, noise, n_words):
    """Lemmas of one sentence: half topic words, a quarter shared noise words, a quarter stop words."""
    out = []
    for _ in range(n_words):
        u = rng.random()
        pool = topic_words if u < 0.5 else noise if u < 0.75 else STOP
        out.append(pool[rng.integers(len(pool))])
    return out


def _tokens(articles):
    """A token table from articles given as lists of sentences (lists of lemmas); each sentence ends with '.'."""
    rows = []
    for article_id, sentences in articles:
        idx = 0
        for s, words in enumerate(sentences):
            for w in [*words, "."]:
                rows.append({"article_id": article_id, "sent_idx": s, "token_idx": idx, "text": w.capitalize()
                             if w in TOPICS else w, "lemma": w, "pos": "PUNCT" if w == "." else "DET" if w in STOP
                             else "NOUN", "is_punct": w == ".", "is_stop": w in STOP})
                idx += 1
    return pd.DataFrame(rows)


def _corpus(seed=0, n_articles=6, n_sentences=40, mixed=0):
    """Three topics with 30 words of their own, 40 shared noise words; `n_articles` articles per topic of
    `n_sentences` sentences of 6 to 13 words (by default ~2,400 words, ~60 segments of 40 words, per topic);
    `mixed` more articles whose sentences draw their topic words from topics 0 and 1 alike (ambiguous)."""
    rng = np.random.default_rng(seed)
    vocab = {t: [f"{t}_{i}" for i in range(30)] for t in TOPICS}
    noise = [f"bruit_{i}" for i in range(40)]
    articles, truth = [], {}
    for t, topic in enumerate(TOPICS):
        for a in range(n_articles):
            aid = f"{topic}_{a}"
            articles.append((aid, [_sentence(rng, vocab[topic], noise, int(rng.integers(6, 14)))
                                   for _ in range(n_sentences)]))
            truth[aid] = t
    for a in range(mixed):
        aid = f"mixed_{a}"
        articles.append((aid, [_sentence(rng, vocab[TOPICS[0]] + vocab[TOPICS[1]], noise, int(rng.integers(6, 14)))
                               for _ in range(12)]))
        truth[aid] = -1
    return _tokens(articles), truth


@pytest.fixture(scope="module")
def corpus():
    return _corpus()


@pytest.fixture(scope="module")
def result(corpus):
    return reinert(corpus[0], n_classes=3)


def test_ari_matches_hand_computed_values():
    assert ari([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)  # (1 - 1/3) / (3/2 - 1/3)
    assert ari([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    assert ari([0, 0, 1, 1, 2], [5, 5, 3, 3, 4]) == 1.0


def test_segments_follow_sentences_and_articles(corpus):
    tokens = corpus[0]
    seg = segments(tokens, segment_words=40)
    assert seg["segment_id"].tolist() == list(range(len(seg)))
    # Never across an article, never inside a sentence (sentences are at most 14 words here).
    sentence_spans = seg.groupby(["article_id", "first_sent_idx"]).size()
    assert (sentence_spans == 1).all()
    nxt = seg.shift(-1)
    same = nxt["article_id"] == seg["article_id"]
    assert (nxt.loc[same, "first_sent_idx"] == seg.loc[same, "last_sent_idx"] + 1).all()
    words = tokens[~tokens["is_punct"]].groupby("article_id").size()
    assert seg.groupby("article_id")["n_words"].sum().sort_index().equals(words.sort_index())
    # Sizes near 40 words; only an article's last segment may be short (when joining it would make one over 60).
    last = ~same
    assert seg.loc[~last, "n_words"].between(20, 60).all() and seg["n_words"].between(5, 60).all()
    assert abs(seg["n_words"].median() - 40) <= 6
    # Text: words one space apart, the full stop attached; units are the content lemmas, lower-cased.
    first = seg.iloc[0]
    assert first["text"].endswith(".") and " ." not in first["text"] and "  " not in first["text"]
    assert all(u == u.lower() and u not in STOP for u in first["units"])
    assert len(first["units"]) == tokens[(tokens["article_id"] == first["article_id"])
                                         & tokens["sent_idx"].between(first["first_sent_idx"],
                                                                      first["last_sent_idx"])
                                         & (tokens["pos"] == "NOUN")].shape[0]


def test_a_long_sentence_is_cut_inside_only_when_over_twice_the_size():
    long = [f"w{i}" for i in range(100)]
    tokens = _tokens([("a", [long[:30], long, long[:10]])])
    seg = segments(tokens, segment_words=40)
    assert seg[["first_sent_idx", "last_sent_idx"]].values.tolist() == [[0, 0], [1, 1], [1, 1], [2, 2]]
    assert seg["n_words"].tolist() == [30, 50, 50, 10]
    assert seg["text"].iloc[1].startswith("w0 w1") and seg["text"].iloc[2].endswith("w99 .") is False
    assert seg["text"].iloc[2].endswith("w99.")
    # Under 2 × segment_words, a sentence is never cut.
    seg = segments(_tokens([("a", [long[:30], long[:80], long[:10]])]), segment_words=40)
    assert seg[["first_sent_idx", "last_sent_idx"]].values.tolist() == [[0, 0], [1, 1], [2, 2]]


def test_classes_recover_the_planted_topics(corpus, result):
    tokens, truth = corpus
    seg = result.segments
    assert result.n_classes == 3
    assert (seg["class"] > 0).mean() > 0.95
    ok = seg["class"] > 0
    assert ari(seg.loc[ok, "article_id"].map(truth), seg.loc[ok, "class"]) >= 0.9
    # The tree: two splits of the planted structure, the whole corpus first.
    assert result.tree["parent"].tolist()[0] == 0 and len(result.tree) == 2
    assert (result.tree["chi2"] > 0).all()
    # Each class's most specific terms are its topic's words.
    for k in range(1, 4):
        top = result.profiles[result.profiles["class"] == k].head(10)["term"].str.split("_").str[0]
        assert top.nunique() == 1 and top.iloc[0] in TOPICS
        assert result.profiles.query("`class` == @k")["p_value"].iloc[0] < 1e-10


def test_classification_does_not_depend_on_segment_order(result):
    seg = result.segments
    doc_term = pd.crosstab(seg["segment_id"].repeat(seg["units"].map(len)), np.concatenate(seg["units"].to_numpy()))
    doc_term = doc_term.reindex(seg["segment_id"], fill_value=0)
    base = classify(doc_term, n_classes=3)
    for seed in (1, 2):
        shuffled = doc_term.sample(frac=1, random_state=seed)
        again = classify(shuffled, n_classes=3).segments.set_index("segment_id")["class"]
        assert ari(base.segments.set_index("segment_id")["class"], again.loc[doc_term.index]) == 1.0
    assert ari(base.segments["class"], seg["class"]) == 1.0  # classify on the same table = reinert


def test_double_classification_leaves_only_ambiguous_segments_unclassified():
    tokens, truth = _corpus(seed=3, mixed=4)
    res = reinert(tokens, n_classes=3, double=True, segment_words_2=60)
    seg = res.segments.assign(topic=lambda d: d["article_id"].map(truth))
    pure = seg[seg["topic"] >= 0]
    assert res.n_classes == 3
    assert (pure["class"] > 0).mean() >= 0.95
    assert ari(pure.loc[pure["class"] > 0, "topic"], pure.loc[pure["class"] > 0, "class"]) >= 0.9
    unclassified = seg[seg["class"] == 0]
    assert len(unclassified) > 0
    assert (unclassified["topic"] == -1).all()  # only the ambiguous (mixed) segments are set aside
    kept = res.crossings[res.crossings["class"] > 0]
    assert len(kept) == 3 and (kept["chi2"] > 3.84).all() and (kept["n_both"] >= 10).all()
    assert set(res.tree["run"]) == {1, 2}


def test_class_spread_and_characteristic_segments(result):
    spread = class_spread(result, "article_id")
    assert set(spread.columns) == {"article_id", "class", "n_segments", "share"}
    np.testing.assert_allclose(spread.groupby("article_id")["share"].sum(), 1.0)
    assert spread["n_segments"].sum() == len(result.segments)
    # An article of a planted topic has (nearly) all its segments in one class.
    assert spread.groupby("article_id")["share"].max().min() >= 0.8
    by_topic = class_spread(result, result.segments["article_id"].str.split("_").str[0].rename("topic"))
    assert by_topic.groupby("topic")["share"].max().min() >= 0.95
    with pytest.raises(ValueError, match="'period' is not a column"):
        class_spread(result, "period")
    top = characteristic_segments(result, top=3)
    assert top.groupby("class").size().tolist() == [3, 3, 3]
    assert top.groupby("class")["score"].apply(lambda s: s.is_monotonic_decreasing).all()
    seg = result.segments.set_index("segment_id")
    assert (seg.loc[top["segment_id"], "class"].to_numpy() == top["class"].to_numpy()).all()


def test_too_small_says_why():
    assert too_small(60, 6, 10) is None
    why = too_small(55, 6, 10)
    assert "55 segments are too few for 6 classes" in why and "at least 60" in why
    tokens, _ = _corpus(n_articles=2, n_sentences=46)  # 6 articles, ~56 segments once one is dropped
    tokens = tokens[tokens["article_id"] != "energie_1"]  # 5 articles
    res = reinert(tokens, n_classes=6, min_segment_size=10)
    n = len(res.segments)
    assert 50 <= n < 60
    assert f"{n} segments are too few for 6 classes" in " ".join(res.notes)
    assert res.n_classes <= n // 10


@pytest.mark.parametrize("column", ["lemma", "is_stop", "sent_idx"])
def test_a_missing_column_is_named(corpus, column):
    with pytest.raises(ValueError, match=f"lacks the column\\(s\\) '{column}'"):
        segments(corpus[0].drop(columns=column))
    with pytest.raises(ValueError, match=column):
        reinert(corpus[0].drop(columns=column))


def test_the_five_articles(layers):
    """The study's five articles: 70 segments of whole sentences, six classes of at least 10 segments."""
    tokens = layers.tokens
    seg = segments(tokens)
    spans = {(a, s) for a, f, last in zip(seg["article_id"], seg["first_sent_idx"], seg["last_sent_idx"])
             for s in range(f, last + 1)}
    assert len(spans) == tokens.groupby(["article_id", "sent_idx"]).ngroups  # each sentence in one segment
    assert seg["n_words"].sum() == (~tokens["is_punct"]).sum()
    assert seg["text"].iloc[0].startswith("Le Kremlin a annoncé jeudi qu'une rencontre entre Vladimir Poutine")
    assert too_small(len(seg), 6, 10) is None
    res = reinert(tokens)
    assert res.n_classes == 6 and (res.segments["class"] > 0).all()
    assert res.segments["class"].value_counts().min() >= 10
    assert (res.profiles.groupby("class")["chi2"].max() > 3.84).all()

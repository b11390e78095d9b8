"""Source comparison: exact values on the corpus, and each function on small made-up inputs."""
import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import compare


@pytest.fixture(scope="module")
def parts(corpus, layers):
    tokens = layers.tokens
    mentions = layers.mentions
    passages = compare.shared_passages(corpus, tokens, mentions=mentions)
    return {"tokens": tokens, "mentions": mentions, "passages": passages,
            "statements": layers.statements, "sentences": layers.sentences, "facts": layers.facts}


def test_profile(corpus, parts):
    p = compare.profile(corpus, parts["statements"], parts["mentions"], parts["tokens"])
    assert p["quoted_share"].round(3).to_dict() == {"000": 0.125, "001": 0.159, "002": 0.017, "003": 0.02,
                                                    "004": 0.434}
    # One word count everywhere: the share's denominator is the corpus's n_words, its numerator whole words.
    quoted = p["quoted_share"] * p["n_words"]
    assert np.allclose(quoted, quoted.round()) and p["n_words"].to_dict() == corpus.set_index("article_id")[
        "n_words"].to_dict()
    assert int(round(quoted["004"])) == 325
    assert p["n_statements"].to_dict() == {"000": 25, "001": 18, "002": 9, "003": 13, "004": 30}
    assert p["n_selon"].to_dict() == {"000": 1, "001": 2, "002": 2, "003": 0, "004": 1}
    assert p.loc["004", "byline"] == "Victoria Friedman"


def test_lexical_similarity(parts):
    lemmas = compare.tfidf_cosine(compare.term_counts(parts["tokens"]))
    assert np.allclose(np.diag(lemmas), 1.0)
    top = compare.top_pairs(lemmas)
    assert top.index[0] == ("000", "001") and round(top.iloc[0], 3) == 0.500
    forms = compare.tfidf_cosine(compare.term_counts(parts["tokens"], by="text", content_only=False))
    assert (compare.top_pairs(forms) > compare.top_pairs(lemmas).reindex(compare.top_pairs(forms).index)).all()


def test_highest_reuse_share_is_001_from_000(parts):
    reuse = compare.reuse_matrix(parts["passages"], parts["tokens"])
    top = compare.top_pairs(reuse, symmetric=False)
    assert top.index[0] == ("001", "000") and round(top.iloc[0], 3) == 0.193
    assert reuse.loc["004", "000"] == 0.0


@pytest.mark.parametrize("pair,in_a,in_b", [
    # Ouchakov's statement, carried in different wordings by several August articles.
    (("000", "001"), "un accord de principe a été conclu pour organiser un",
     "un accord de principe a été conclu pour organiser une"),
    (("000", "002"), "un accord de principe a été", "un accord de principe a été"),
    (("001", "002"), "un accord de principe a été", "un accord de principe a été"),
    # Zelensky's words, quoted in 000 and turned into a participial clause in 001.
    (("000", "001"), 'est une "priorité très claire', "était une « priorité très claire"),
    (("000", "001"), 'peut "déboucher sur une paix véritablement durable',
     "pouvant « déboucher sur une paix véritablement durable"),
])
def test_known_shared_passages_are_found(parts, pair, in_a, in_b):
    p = parts["passages"]
    rows = p[(p["article_a"] == pair[0]) & (p["article_b"] == pair[1])]
    assert ((rows["text_a"] == in_a) & (rows["text_b"] == in_b)).any(), rows[["text_a", "text_b"]]


def test_names_alone_are_not_reuse(parts):
    assert not parts["passages"]["text_a"].str.fullmatch(r"[Ll]e président ukrainien,? Volodymyr Zelensky").any()


def test_speakers_of_each_article(parts):
    voices = analysis.voices(parts["statements"], parts["tokens"])
    speakers = voices.groupby("article_id")["speaker"].apply(sorted).to_dict()
    assert speakers["004"] == ["Dmitri Peskov", "Donald Trump", "Iouri Ouchakov", "Karoline Leavitt", "Kremlin",
                               "Marco Rubio", "Sergueï Lavrov"]
    assert "Volodymyr Zelensky" in speakers["000"] and "Volodymyr Zelensky" not in speakers["004"]


def test_places(corpus, layers):
    places = compare.place_mentions(corpus, layers.places, layers.mentions)
    assert set(places[places["article_id"] == "004"]["place"]) >= {"Alaska", "Budapest", "Hongrie", "Moscou"}
    assert "Genève" in set(places[places["article_id"] == "000"]["place"])


# --- made-up inputs -----------------------------------------------------------------------------------
def test_aligned_passages_merge_across_a_changed_word():
    a = "hier le kremlin dire que un accord de principe avoir être conclure pour organiser un sommet bilatéral".split()
    b = "selon lui un accord de principe avoir être conclure pour organiser un réunion bilatéral au plus haut".split()
    spans = compare.aligned_passages(a, b, n=4, max_gap=3)
    assert [(" ".join(a[s0:s1]), " ".join(b[t0:t1])) for s0, s1, t0, t1 in spans] == [
        ("un accord de principe avoir être conclure pour organiser un", "un accord de principe avoir être conclure pour organiser un")]
    # Paragraph blocks stop a passage at a boundary.
    blocks = [0] * 10 + [1] * (len(a) - 10)
    assert all(blocks[s0] == blocks[s1 - 1] for s0, s1, _, _ in compare.aligned_passages(a, b, blocks_a=blocks))


def test_aligned_passages_find_nothing_in_unrelated_texts():
    assert compare.aligned_passages("le chat dort sur le tapis rouge".split(), "un chien court dans le jardin vert".split()) == []


def test_tfidf_cosine_against_a_hand_computation():
    counts = pd.DataFrame([[1, 1, 0], [1, 0, 1]], index=["x", "y"], columns=["a", "b", "c"])
    # idf: a in both docs → ln(3/3)+1 = 1; b, c in one doc → ln(3/2)+1.
    w = 1 + np.log(1.5)
    expected = 1 / (np.sqrt(1 + w ** 2) ** 2)
    assert np.isclose(compare.tfidf_cosine(counts).loc["x", "y"], expected)


def test_period_diff():
    present = pd.DataFrame({"a1": [1, 1, 0, 0], "a2": [0, 1, 0, 0], "n1": [1, 0, 1, 0]}, index=["k", "d", "n", "z"])
    diff = compare.period_diff(present, {"a1": "august", "a2": "august", "n1": "november"}, later="november")
    assert diff["status"].to_dict() == {"k": "repeated", "d": "dropped", "n": "added", "z": "absent"}
    assert diff["earlier_articles"].to_dict() == {"k": 1, "d": 2, "n": 0, "z": 0}

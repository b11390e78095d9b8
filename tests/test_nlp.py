"""The NLP layer: sentence and token tables, French sentence splitting, and the parse cache."""
import pandas as pd
import pytest

import analysis
from analysis import nlp


def test_sentence_offsets_index_the_cleaned_text(corpus):
    sents = analysis.sentences(corpus)
    assert list(sents.columns[:7]) == ["article_id", "paragraph_idx", "sent_idx", "text", "start_char", "end_char",
                                       "is_heading"]
    texts = corpus.set_index("article_id")["text"]
    for row in sents.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.text


def test_token_table_columns_and_offsets(corpus):
    toks = analysis.tokens(corpus)
    for column in ["article_id", "sent_idx", "token_idx", "text", "lemma", "pos", "morph", "is_stop", "is_punct",
                   "ent_type", "actor"]:
        assert column in toks.columns
    texts = corpus.set_index("article_id")["text"]
    sample = toks.sample(200, random_state=0)
    for row in sample.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.text
    assert not toks["text"].str.isspace().any()


@pytest.mark.parametrize("article_id,sentence", [
    # A paragraph that opens with a guillemet is not split at it (the parser alone does).
    ("004", "« Nous aimerions vraiment que cela se réalise. »"),
    ("004", "« Nous discutons activement de la résolution du conflit en Ukraine. »"),
    ("004", "Interrogé sur la nécessité pour le Congrès de prendre des mesures contre Poutine, Trump a répondu : "
            "« J'entends dire qu'ils le font, et cela me va."),
    # "M." is an abbreviation; "..." followed by a lower-case word does not end the sentence.
    ("000", "M. Trump avait repris le contact avec M. Poutine dans l'espoir de mettre fin rapidement à l'offensive "
            "russe en Ukraine lancée en 2022, mais s'est montré de plus en plus frustré ces dernières semaines."),
    ("004", "« En toute honnêteté, chaque fois que je parle à Vladimir, nous avons de bonnes conversations... mais "
            "elles restent sans suite."),
    # A quote of two sentences: the second carries the incise.
    ("000", "La partie russe a laissé cette option totalement sans commentaire\", a-t-il précisé."),
])
def test_french_sentence_splitting(corpus, article_id, sentence):
    sents = analysis.sentences(corpus)
    assert sentence in set(sents[sents["article_id"] == article_id]["text"])


def test_headings_are_single_sentences(corpus):
    sents = analysis.sentences(corpus)
    headings = sents[sents["is_heading"]]
    assert list(headings[headings["article_id"] == "004"]["text"]) == ["Un « résultat concret » attendu",
                                                                       "Les contacts se poursuivent"]
    assert len(headings) == 10


@pytest.mark.parametrize("surface,actor", [("M. Ouchakov", "Iouri Ouchakov"), ("Youri Ouchakov", "Iouri Ouchakov"),
                                           ("Iouri Ouchakov", "Iouri Ouchakov"), ("Dmitry Peskov", "Dmitri Peskov")])
def test_tokens_of_an_actor_mention_carry_the_canonical_actor(corpus, surface, actor):
    toks = analysis.tokens(corpus)
    first, last = surface.split()[0], surface.split()[-1]
    hits = toks[(toks["text"] == last) & (toks["actor"] == actor)]
    assert len(hits) >= 1
    # The whole mention carries the actor, title or first name included.
    before = toks.loc[hits.index - 1]
    assert (before["actor"] == actor).any() and first in set(before["text"])


def test_lemmas_and_morphology(corpus):
    toks = analysis.tokens(corpus)
    pourrait = toks[toks["text"] == "pourrait"]
    assert set(pourrait["lemma"]) == {"pouvoir"}
    assert pourrait["morph"].str.contains("Mood=Cnd").all()
    assert (toks["lemma"] == "sommet").groupby(toks["article_id"]).sum().to_dict() == {
        "000": 5, "001": 0, "002": 1, "003": 4, "004": 5}


def test_warm_cache_needs_no_model(corpus, monkeypatch):
    nlp._MEMO.clear()

    def no_model():
        raise AssertionError("the model was loaded although the parse is cached")

    monkeypatch.setattr(nlp, "get_nlp", no_model)
    sents, toks = nlp.parsed_tables(corpus)
    assert len(sents) == 120 and sents["is_heading"].sum() == 10 and len(toks) > 3000


def test_cache_key_changes_with_text_and_model_version(corpus, monkeypatch):
    key = nlp.cache_key(corpus)
    edited = corpus.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"].replace("jeudi", "mercredi", 1)
    assert nlp.cache_key(edited) != key
    monkeypatch.setattr(nlp, "versions", lambda: {"spacy": "9.9", "model": "9.9.9", "pandas": "x", "schema": "0"})
    assert nlp.cache_key(corpus) != key


def test_a_changed_article_is_reparsed(tmp_path):
    corpus = pd.DataFrame({"article_id": ["x"], "text": ["Le Kremlin a annoncé jeudi une rencontre. Elle aura lieu."]})
    sents, _ = nlp.parsed_tables(corpus, cache_dir=tmp_path)
    corpus.loc[0, "text"] = "Le Kremlin a annoncé une rencontre."
    sents2, _ = nlp.parsed_tables(corpus, cache_dir=tmp_path)
    assert (len(sents), len(sents2)) == (2, 1)
    assert len(list(tmp_path.iterdir())) == 2

"""The NLP layer: sentence and token tables, French sentence splitting, and the parse cache."""
import pandas as pd
import pytest

import analysis
from analysis import nlp


def test_sentence_offsets_index_the_cleaned_text(corpus, layers):
    sents = layers.sentences
    assert list(sents.columns[:7]) == ["article_id", "paragraph_idx", "sent_idx", "text", "start_char", "end_char",
                                       "is_heading"]
    texts = corpus.set_index("article_id")["text"]
    for row in sents.itertuples():
        assert texts[row.article_id][row.start_char:row.end_char] == row.text


def test_token_table_columns_and_offsets(corpus, layers):
    toks = layers.tokens
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
def test_french_sentence_splitting(layers, article_id, sentence):
    sents = layers.sentences
    assert sentence in set(sents[sents["article_id"] == article_id]["text"])


def test_headings_are_single_sentences(layers):
    sents = layers.sentences
    headings = sents[sents["is_heading"]]
    assert list(headings[headings["article_id"] == "004"]["text"]) == ["Un « résultat concret » attendu",
                                                                       "Les contacts se poursuivent"]
    assert len(headings) == 10


@pytest.mark.parametrize("surface,actor", [("M. Ouchakov", "Iouri Ouchakov"), ("Youri Ouchakov", "Iouri Ouchakov"),
                                           ("Iouri Ouchakov", "Iouri Ouchakov"), ("Dmitry Peskov", "Dmitri Peskov")])
def test_tokens_of_an_actor_mention_carry_the_canonical_actor(layers, surface, actor):
    toks = layers.tokens
    first, last = surface.split()[0], surface.split()[-1]
    hits = toks[(toks["text"] == last) & (toks["actor"] == actor)]
    assert len(hits) >= 1
    # The whole mention carries the actor, title or first name included.
    before = toks.loc[hits.index - 1]
    assert (before["actor"] == actor).any() and first in set(before["text"])


def test_lemmas_and_morphology(layers):
    toks = layers.tokens
    pourrait = toks[toks["text"] == "pourrait"]
    assert set(pourrait["lemma"]) == {"pouvoir"}
    assert pourrait["morph"].str.contains("Mood=Cnd").all()
    assert (toks["lemma"] == "sommet").groupby(toks["article_id"]).sum().to_dict() == {
        "000": 5, "001": 0, "002": 1, "003": 4, "004": 5}


def test_warm_cache_needs_no_model(monkeypatch, layers):
    assert len(layers.sentences) == 120  # the session's parse is on disk
    fresh = analysis.pipeline()

    def no_model():
        raise AssertionError("the model was loaded although the parse is cached")

    monkeypatch.setattr(nlp, "get_nlp", no_model)
    sents, toks = fresh.sentences, fresh.tokens
    assert len(sents) == 120 and sents["is_heading"].sum() == 10 and len(toks) > 3000
    assert len(fresh.docs) == 5 and fresh.docs["004"].text == fresh.corpus.set_index("article_id").loc["004", "text"]


def test_parse_of_made_up_texts():
    corpus = pd.DataFrame({"article_id": ["x"], "text": ["Le Kremlin a annoncé jeudi une rencontre. Elle aura lieu."]})
    sents, toks, docs = nlp.parse(corpus)
    assert sents["text"].tolist() == ["Le Kremlin a annoncé jeudi une rencontre.", "Elle aura lieu."]
    assert len(docs) == 1 and toks["token_idx"].tolist() == list(range(len(toks)))


def _tables_token_by_token(article_id, doc, spans):
    """The sentence and token tables read one spaCy Token at a time (what nlp._tables reads from the Doc's arrays)."""
    starts = [s for s, _, _ in spans]
    sent_rows, tok_rows = [], []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        para = max(i for i, s in enumerate(starts) if s <= words[0].idx)
        heading, n = spans[para][2], len(sent_rows)
        end = words[-1].idx + len(words[-1])
        sent_rows.append((article_id, para, n, doc.text[words[0].idx:end], words[0].idx, end, heading,
                          sum(not t.is_punct for t in words)))
        tok_rows += [(article_id, n, t.i, t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.is_stop,
                      t.is_punct, t.like_num, t.ent_type_, t.idx, t.idx + len(t), para, heading) for t in words]
    return (pd.DataFrame(sent_rows, columns=nlp.SENTENCE_COLUMNS), pd.DataFrame(tok_rows, columns=nlp.TOKEN_COLUMNS))


@pytest.mark.parametrize("text", [
    "LE TITRE\n\nM. Poutine a dit : « Non. » Puis il partit... et revint. 3 jours après !",
    "  Des espaces   au début.\n\n\n\nUn paragraphe vide avant.  \n\n« Guillemet » ouvrant. « Fin »",
    "Une seule phrase sans point final",
])
def test_tables_from_the_doc_arrays_equal_the_tables_read_token_by_token(text):
    corpus = pd.DataFrame({"article_id": ["x"], "text": [text]})
    sents, toks, docs = nlp.parse(corpus)
    expected_sents, expected_toks = _tables_token_by_token("x", docs[0], nlp.paragraph_layout(corpus)[0])
    pd.testing.assert_frame_equal(sents, expected_sents)
    pd.testing.assert_frame_equal(toks, expected_toks)


def test_empty_texts_parse_to_empty_tables():
    sents, toks, _ = nlp.parse(pd.DataFrame({"article_id": ["a", "b"], "text": ["", "   "]}))
    assert sents.empty and toks.empty and list(toks.columns) == nlp.TOKEN_COLUMNS

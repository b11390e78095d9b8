"""The conditional mood from morphology: the gold list's figures, real sentences, the rules behind them."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import analysis
import analysis.layers
from analysis import conditional as C
from analysis.nlp import get_nlp


@pytest.fixture(scope="module")
def gold():
    return C.load_gold()


@pytest.fixture(scope="module")
def evaluated(gold):
    """Our forms and spaCy's `Mood=Cnd` forms for every gold sentence, from one parse of each."""
    docs = list(get_nlp().pipe(gold["sentence"]))
    ours = C.evaluate(gold, [[t.text for t in d if C.is_conditional(t.text, t.lemma_, t.pos_)] for d in docs])
    spacy_only = C.evaluate(gold, [[t.text for t in d if "Cnd" in t.morph.get("Mood")] for d in docs])
    return ours, spacy_only


def test_the_gold_list_is_large_and_varied_with_a_held_out_part(gold):
    assert len(gold) >= 150 and gold["sentence_id"].is_unique and gold["sentence"].is_unique
    assert (gold["split"] == "heldout").sum() >= 50 and set(gold["split"]) == {"tune", "heldout"}
    for category in ("regular", "irregular", "rare_verb", "plural", "compound_past", "imperfect_confusable",
                     "future_confusable", "noun_confusable", "corpus"):
        assert (gold["category"] == category).sum() >= 7, category


def test_every_gold_form_occurs_in_its_sentence_in_order(gold):
    for row in gold.itertuples():
        position = 0
        for form in row.forms:
            found = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)").search(row.sentence, position)
            assert found, (row.sentence_id, form)
            position = found.end()


def test_the_corpus_sentences_of_the_gold_are_quoted_verbatim(gold, layers):
    texts = set(layers.sentences["text"])
    corpus = gold[gold["category"] == "corpus"]
    assert len(corpus) == 17 and corpus["sentence"].isin(texts).all()


def test_precision_and_recall_on_the_gold(evaluated):
    ours, _ = evaluated
    overall = C.scores(ours).loc["all"]
    by_split = C.scores(ours, group="split")
    assert (overall["gold_forms"], overall["predicted"], overall["true_positives"]) == (218, 218, 218)
    assert (by_split.loc["heldout", "gold_forms"], by_split.loc["heldout", "true_positives"]) == (62, 62)
    assert by_split.loc["heldout", "predicted"] == 62
    for figures in (overall, by_split.loc["tune"], by_split.loc["heldout"]):
        assert figures["precision"] >= 0.97 and figures["recall"] >= 0.97


def test_spacy_mood_alone_misses_most_conditionals(evaluated):
    _, spacy_only = evaluated
    figures = C.scores(spacy_only).loc["all"]
    assert (figures["true_positives"], figures["predicted"], figures["gold_forms"]) == (49, 52, 218)
    assert figures["recall"] < 0.25


@pytest.mark.parametrize("sentence,expected", [
    # The eight forms of the five articles that spaCy's Mood=Cnd misses.
    ("Trump avait évoqué une rencontre, ce qui constituerait une première depuis son retour.", ["constituerait"]),
    ("Cette hypothèse circulerait dans les milieux diplomatiques à Washington.", ["circulerait"]),
    ("Le secrétaire d'État a indiqué que Trump prendrait une décision finale.", ["prendrait"]),
    ("« Nous aimerions vraiment que cela se réalise. »", ["aimerions"]),
    ("« Nous souhaiterions que cette guerre prenne fin. »", ["souhaiterions"]),
    ("Un accord reléguerait les obstacles politiques au second plan.", ["reléguerait"]),
    ("Alors la plupart des difficultés techniques et politiques deviendraient secondaires.", ["deviendraient"]),
    ("Mais bien sûr, nous la considérerions très négativement.", ["considérerions"]),  # tagged a noun
    # Compound past, inversion, several in a sentence.
    ("Le président aurait dû consulter ses alliés.", ["aurait"]),
    ("Pourrait-il vraiment obtenir un cessez-le-feu ?", ["Pourrait"]),
    ("Si la Russie acceptait, les sanctions seraient levées et les échanges reprendraient.",
     ["seraient", "reprendraient"]),
    # Verbs the lexicon does not know: the parse and the future-stem rule.
    ("Selon ses proches, il ubériserait volontiers toute l'administration.", ["ubériserait"]),
    ("Les sénateurs filibusteraient le texte jusqu'à l'aube.", ["filibusteraient"]),
    # Imperfects that look like conditionals.
    ("Le porte-parole déclarait que Kiev espérait encore un geste.", []),
    ("Le président serrait la main de son homologue, qui mourait d'envie de parler.", []),
    ("L'artillerie tirait sans relâche et les combats duraient ; il admirait leur courage.", []),
    ("Le ministre courait d'une réunion à l'autre ; nous considérions cette option.", []),
    ("La start-up monitorait les réseaux sociaux.", []),
    # Futures.
    ("Le porte-parole déclarera la date ; le lieu sera annoncé et les dirigeants pourront se parler.", []),
    ("J'aimerai toujours ce pays, et je vous enverrai le communiqué.", []),
    # Nouns.
    ("Cette déclaration mérite toute notre considération, comme l'aspiration des Ukrainiens à la paix.", []),
    ("Le retrait des troupes, le portrait du président et les frais du sommet.", []),
    ("La ministre Anne Guerrais a démenti.", []),
])
def test_conditional_verbs_of_real_sentences(sentence, expected):
    assert analysis.conditional_verbs(sentence) == expected


@pytest.mark.parametrize("lemma,stems", [
    ("aimer", {"aimer"}), ("prendre", {"prendr"}), ("finir", {"finir"}), ("être", {"ser"}), ("aller", {"ir"}),
    ("devenir", {"deviendr"}), ("renvoyer", {"renverr"}), ("prévoir", {"prévoir"}), ("revoir", {"reverr"}),
    ("savoir", {"saur"}), ("ravoir", {"raur"}), ("installer", {"installer"}),
    ("s'asseoir", {"assiér", "assoir", "asseyer"}),
    ("appeler", {"appeler", "appeller", "appèler"}), ("employer", {"employer", "emploier"}), ("maison", set()),
])
def test_future_stems(lemma, stems):
    assert C.future_stems(lemma) == stems


def test_the_lexicon_decides_before_the_parse():
    assert C.is_conditional("considérerions", "considérerion", "NOUN")  # known to the lexicon as a verb form
    assert not C.is_conditional("déclarait", "déclarer", "VERB")  # "déclar" + "ont" is no form of déclarer
    assert not C.is_conditional("frais", "frais", "VERB")  # known, and no verb
    assert C.is_conditional("tweeterait", "tweeterer", "VERB")  # unknown: a stem in -er
    assert not C.is_conditional("Gerais", "Gerais", "PROPN")  # unknown proper noun
    assert C.split_ending("pourraient") == ("pourr", "aient") and C.split_ending("portait") is None


def test_conditional_tokens_of_the_corpus(layers):
    tokens = layers.tokens
    marked = tokens[C.conditional_tokens(tokens)]
    assert len(marked) == 18 and marked.groupby(["article_id", "sent_idx"]).ngroups == 17
    missed_by_spacy = marked[~marked["morph"].str.contains("Mood=Cnd", regex=False)]
    assert sorted(missed_by_spacy["text"]) == sorted(["constituerait", "circulerait", "prendrait", "aimerions",
                                                      "souhaiterions", "reléguerait", "deviendraient",
                                                      "considérerions"])
    assert C.conditional_tokens(tokens.iloc[:0]).tolist() == []
    assert isinstance(C.conditional_tokens(tokens), pd.Series)


def test_the_lexicon_read_from_its_file_equals_spacys_lookups(gold):
    """The tables read as stored give every form the lemmas spaCy's own `Lookups` gives it, and the same verbs."""
    import spacy.util
    from spacy.lookups import Lookups

    folder = next(Path(spacy.util.get_package_path(C.nlp.MODEL)).glob("*/lemmatizer/lookups"))
    tables = Lookups().from_disk(folder)
    lookup = tables.get_table("lemma_lookup")
    lex = C.lexicon()
    forms = {w.lower() for s in gold["sentence"] for w in s.split()} | {"serait", "pourraient", "portrait", "zzz"}
    assert [lex.lemmas(f) for f in sorted(forms)] == [
        [v] if isinstance(v := lookup.get(f), str) else list(v or []) for f in sorted(forms)]
    assert lex.lemmas("serait") == ["être"] and lex.lemmas("zzz") == []
    assert len(lex.forms) == len(lookup) == 216_849
    assert "pouvoir" in lex.verbs and "être" in lex.verbs and "maison" not in lex.verbs
    assert set(tables.get_table("lemma_index")["verb"]) <= lex.verbs


def test_conditional_marks_are_the_finder_s_read_from_the_cache_without_spacy(layers, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path / "cache"))
    tokens = layers.tokens.iloc[::-1]  # any index: the marks keep the table's own
    calls = []
    finder = C.conditional_tokens
    monkeypatch.setattr(C, "conditional_tokens", lambda t: calls.append(len(t)) or finder(t))
    first = analysis.layers.conditional_marks(tokens)
    pd.testing.assert_series_equal(first, finder(tokens).rename("conditional"))
    assert first.sum() == 18 and calls == [len(tokens)]
    pd.testing.assert_series_equal(analysis.layers.conditional_marks(tokens.copy()), first)
    assert calls == [len(tokens)]  # read from the cache
    assert analysis.layers.conditional_marks(tokens.iloc[:0]).tolist() == []
    # In a fresh process, cached marks are read without importing spaCy (its import and lexicon take seconds).
    tokens[["text", "lemma", "pos"]].to_parquet(tmp_path / "tokens.parquet")
    code = ("import sys, pandas as pd; from analysis.layers import conditional_marks; "
            f"m = conditional_marks(pd.read_parquet({str(tmp_path / 'tokens.parquet')!r})); "
            "print(int(m.sum()), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PRESSE_SOMMET_CACHE": str(tmp_path / "cache")})
    assert out.stdout.split() == ["18", "False"]

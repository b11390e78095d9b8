"""Claim tracking: candidates, grouping across articles, the ledger's verbatim checks and status counts."""
import pandas as pd
import pytest

import analysis
from analysis import tracking as T
from analysis.errors import CorpusError


@pytest.fixture(scope="module")
def parts(corpus, layers):
    tokens = layers.tokens
    candidates = analysis.claims(corpus, layers.statements, layers.times, layers.sentences, tokens, layers.facts)
    ledger = T.load_ledger(corpus)
    return {"tokens": tokens, "candidates": candidates, "ledger": ledger,
            "supported": T.support(ledger, candidates)}


def test_candidate_claims(parts):
    c = parts["candidates"].set_index("claim_key")
    ultimatum = c.loc["000-s03"]
    assert (ultimatum["claim_type"], ultimatum["speaker"], ultimatum["horizon_text"]) == ("condition", "Donald Trump",
                                                                                        "vendredi")
    assert str(ultimatum["horizon_start"].date()) == "2025-08-08"
    next_week = c.loc["000-s05"]
    assert (next_week["claim_type"], next_week["speaker"], next_week["hedges"]) == (
        "expectation", "Iouri Ouchakov", "conditional, modal, attribution")
    assert c.loc["003-s02", "voice"] == "narration" and "ceasefire_goal" in c.loc["003-s02", "topics"]


def test_a_claim_carried_by_three_august_articles_is_one_group(parts):
    grouped = T.group_claims(parts["candidates"]).set_index("claim_key")
    ouchakov = grouped.loc[["000-s04", "001-s04", "002-s04"], "group_id"]
    assert ouchakov.nunique() == 1
    assert grouped.loc["000-s04", "group_articles"] == ["000", "001", "002"]
    # Different claims stay apart.
    assert grouped.loc["000-s03", "group_id"] != grouped.loc["000-s04", "group_id"]


def test_ledger_quotes_are_verbatim(corpus, parts):
    texts = corpus.set_index("article_id")["text"]
    for row in parts["ledger"].itertuples():
        assert row.claim_fr in texts[row.first_article], row.claim_id
        if row.evidence_fr:
            assert row.evidence_fr in texts[row.evidence_article], row.claim_id


def test_ledger_covers_the_august_topics(parts):
    ledger = parts["ledger"]
    august = ledger[ledger["made_on"] < "2025-09-01"]
    assert len(august) >= 10
    assert {"meeting_soon", "venue_unnamed", "trilateral_meeting", "ultimatum_sanctions", "india_tariffs",
            "ceasefire_goal", "productive_meeting", "great_progress", "territorial_demands",
            "european_security"} <= set(august["topic"])


def test_status_counts_from_the_ledger(parts):
    counts = T.status_counts(parts["ledger"])
    assert counts["august"].to_dict() == {"fulfilled": 5, "partly_fulfilled": 0, "not_fulfilled": 3,
                                          "contradicted": 0, "unresolved": 1, "not_addressed": 6}
    assert counts["november"].to_dict() == {"fulfilled": 0, "partly_fulfilled": 0, "not_fulfilled": 1,
                                            "contradicted": 0, "unresolved": 4, "not_addressed": 0}


def test_carriage_matrix(corpus, parts):
    carriage = T.carriage_matrix(parts["supported"], parts["ledger"], list(corpus["article_id"]))
    assert carriage.loc["A01"].tolist() == ["asserted", "asserted", "", "asserted", ""]
    assert carriage.loc["A02", "000"] == "hedged"
    assert carriage.loc["A05"].tolist() == ["asserted", "hedged", "asserted", "", ""]
    assert (carriage.loc["N02"] != "").tolist() == [False, False, False, False, True]


def test_a_ledger_quote_that_is_not_verbatim_is_refused(corpus, tmp_path):
    bad = pd.read_csv(analysis.paths.CLAIMS_CSV, dtype=str, keep_default_na=False)
    bad.loc[0, "claim_fr"] = "une rencontre est prévue dans les jours qui viennent"
    bad.to_csv(tmp_path / "claims.csv", index=False)
    with pytest.raises(CorpusError, match=r"claims\.csv: A01: claim_fr is not verbatim in article 000"):
        T.load_ledger(corpus, tmp_path / "claims.csv")
    bad = pd.read_csv(analysis.paths.CLAIMS_CSV, dtype=str, keep_default_na=False)
    bad.loc[0, "status_by_november"] = "done"
    bad.to_csv(tmp_path / "claims.csv", index=False)
    with pytest.raises(CorpusError, match=r"A01: unknown status 'done'.*Fix: use one of fulfilled"):
        T.load_ledger(corpus, tmp_path / "claims.csv")


def test_jaccard():
    assert T.jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3 and T.jaccard(frozenset(), frozenset()) == 0.0


def test_claim_groups_of_a_corpus_where_no_claim_is_shared():
    grouped = pd.DataFrame({"group_id": ["g00"], "article_id": ["a"], "topics": [["x"]], "hedges": [""],
                            "hedged": [False], "text": ["Une phrase."]})
    assert T.claim_groups(grouped).columns.tolist() == ["group_id", "topics", "articles", "n_articles", "wordings"]
    assert T.claim_groups(grouped).empty

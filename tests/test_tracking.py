"""Claim tracking: candidates, grouping across articles, the ledger's verbatim checks and status counts."""
import pandas as pd
import pytest

import analysis
from analysis import ledger as LG
from analysis import tracking as T
from analysis.errors import CorpusError


@pytest.fixture(scope="module")
def parts(corpus, layers):
    tokens = layers.tokens
    candidates = analysis.claims(corpus, layers.statements, layers.times, layers.sentences, tokens, layers.facts,
                                 layers.mentions)
    ledger = LG.load_ledger(corpus)
    return {"tokens": tokens, "candidates": candidates, "ledger": ledger, "actors": layers.actors,
            "supported": LG.support(ledger, candidates, layers.actors)}


def test_candidate_claims(parts):
    c = parts["candidates"].set_index("claim_key")
    ultimatum = c.loc["000-s03-ultimatum_sanctions"]
    assert (ultimatum["claim_type"], ultimatum["voice"], ultimatum["agent"], ultimatum["horizon_text"]) == (
        "condition", "narration", "Donald Trump", "vendredi")
    assert str(ultimatum["horizon_start"].date()) == "2025-08-08"
    next_week = c.loc["000-s05-meeting_soon"]
    assert (next_week["claim_type"], next_week["speaker"], next_week["hedges"]) == (
        "expectation", "Iouri Ouchakov", "conditional, modal, attribution")
    assert c.loc["003-s02-ceasefire_goal", "voice"] == "narration"
    # The day a sentence speaks from: the date it gives to a statement, else publication.
    assert {k: str(c.loc[k, "made_on"].date()) for k in ["004-s07-budapest_summit", "004-s23-future_summit",
                                                         "004-s13-concrete_result", "004-s06-alaska_summit"]} == {
        "004-s07-budapest_summit": "2025-10-13", "004-s23-future_summit": "2025-10-22",
        "004-s13-concrete_result": "2025-11-10", "004-s06-alaska_summit": "2025-11-17"}
    assert c.loc["000-s00-trilateral_meeting", "negated"] and not c.loc["000-s00-meeting_soon", "negated"]


def test_candidates_read_the_hedging_layer_as_the_hedging_they_would_compute(corpus, layers, parts):
    given = analysis.claims(corpus, layers.statements, layers.times, layers.sentences, parts["tokens"],
                            layers.facts, layers.mentions, hedges=layers.hedging)
    pd.testing.assert_frame_equal(given, parts["candidates"], check_exact=True)


def test_a_claim_carried_by_three_august_articles_is_one_group(parts):
    grouped = T.group_claims(parts["candidates"], parts["actors"]).set_index("claim_key")
    keys = ["000-s04-agreement_in_principle", "001-s04-agreement_in_principle", "002-s04-agreement_in_principle"]
    assert grouped.loc[keys, "group_id"].nunique() == 1
    assert grouped.loc[keys[0], "group_articles"] == ["000", "001", "002"]
    # Different claims stay apart; so do the Kremlin's "dans les prochains jours" and Trump's "bientôt".
    assert grouped.loc["000-s03-ultimatum_sanctions", "group_id"] != grouped.loc[keys[0], "group_id"]
    assert grouped.loc["001-s00-meeting_soon", "group_id"] != grouped.loc["003-s03-meeting_soon", "group_id"]


def test_no_group_spans_different_events(parts, corpus):
    """The 7 August announcement and the 17 November wish are never one group, nor 003's aim and 004's Alaska
    retrospective: the days of a group's wordings lie at most three days apart, in one period."""
    grouped = T.group_claims(parts["candidates"], parts["actors"])
    period = dict(zip(corpus["article_id"], corpus["period"]))
    for _, g in grouped.groupby("group_id"):
        assert (g["made_on"].max() - g["made_on"].min()).days <= T.MAX_DAYS_APART
        assert g["article_id"].map(period).nunique() == 1
        assert g["negated"].nunique() == 1
    groups = T.claim_groups(grouped)
    assert groups["group_id"].nunique() == 9 and set(groups["article_id"]) <= {"000", "001", "002", "003"}
    assert groups.columns.tolist()[-1] == "text" and groups["text"].str.len().max() > 250  # wordings in full


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


def test_status_counts_from_the_ledger(parts, corpus):
    counts = LG.status_counts(parts["ledger"], dict(zip(corpus["article_id"], corpus["period"])),
                              ["august", "november"])
    assert counts["august"].to_dict() == {"fulfilled": 5, "partly_fulfilled": 0, "not_fulfilled": 3,
                                          "contradicted": 0, "unresolved": 1, "not_addressed": 6}
    assert counts["november"].to_dict() == {"fulfilled": 0, "partly_fulfilled": 0, "not_fulfilled": 1,
                                            "contradicted": 0, "unresolved": 4, "not_addressed": 0}


def test_carriage_respects_polarity_and_voice(corpus, parts):
    carriage = LG.carriage_matrix(parts["supported"], parts["ledger"], list(corpus["article_id"]))
    # The Kremlin rules the three-way meeting out in 000: not asserted there.
    assert carriage.loc["A06"].tolist() == ["rejected", "", "", "asserted", ""]
    # 002 states both the Kremlin's "dans les prochains jours" and "dès la semaine prochaine".
    assert carriage.loc["A01"].tolist() == ["asserted", "hedged", "asserted", "", ""]
    assert carriage.loc["A02"].tolist() == ["asserted", "hedged", "asserted", "", ""]
    # Trump's "fortes chances": 001 has only Kremlin sentences about the meeting.
    assert carriage.loc["A03"].tolist() == ["hedged", "", "", "asserted", ""]
    # The ultimatum is Trump's act, narrated: "Il a lancé à la Russie un ultimatum".
    assert carriage.loc["A07", "000"] == "asserted"
    assert (carriage.loc["N02"] != "").tolist() == [False, False, False, False, True]
    why = parts["supported"].set_index(["claim_id", "claim_key"])["why"]
    assert why[("A03", "001-s00-meeting_soon")] == "said by Kremlin, not by Donald Trump or on their behalf"


def test_the_ledger_convention_is_checked(corpus, tmp_path):
    def refused(change: dict, match: str):
        bad = pd.read_csv(analysis.paths.CLAIMS_CSV, dtype=str, keep_default_na=False)
        row = bad.index[bad["claim_id"] == change.pop("claim_id")][0]
        for column, value in change.items():
            bad.loc[row, column] = value
        bad.to_csv(tmp_path / "claims.csv", index=False)
        with pytest.raises(CorpusError, match=match):
            LG.load_ledger(corpus, tmp_path / "claims.csv")

    refused({"claim_id": "A07", "status_by_november": "unresolved"},
            r"A07: unresolved, but its horizon ended on 2025-08-08, before the latest article \(2025-11-17\).*Fix: judge")
    refused({"claim_id": "A01", "evidence_fr": "", "evidence_article": ""}, r"A01: status fulfilled without evidence")
    refused({"claim_id": "A06", "evidence_article": "004", "evidence_fr": "Trump"},
            r"A06: status not_addressed with evidence")
    refused({"claim_id": "N02", "made_on_evidence": ""},
            r"N02: made_on 2025-10-13 is not the publication date of 004 \(2025-11-17\) and no words date it")


def test_a_ledger_quote_that_is_not_verbatim_is_refused(corpus, tmp_path):
    bad = pd.read_csv(analysis.paths.CLAIMS_CSV, dtype=str, keep_default_na=False)
    bad.loc[0, "claim_fr"] = "une rencontre est prévue dans les jours qui viennent"
    bad.to_csv(tmp_path / "claims.csv", index=False)
    with pytest.raises(CorpusError, match=r"claims\.csv: A01: claim_fr is not verbatim in article 000"):
        LG.load_ledger(corpus, tmp_path / "claims.csv")
    bad = pd.read_csv(analysis.paths.CLAIMS_CSV, dtype=str, keep_default_na=False)
    bad.loc[0, "status_by_november"] = "done"
    bad.to_csv(tmp_path / "claims.csv", index=False)
    with pytest.raises(CorpusError, match=r"A01: unknown status 'done'.*Fix: use one of fulfilled"):
        LG.load_ledger(corpus, tmp_path / "claims.csv")


def test_jaccard():
    assert T.jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3 and T.jaccard(frozenset(), frozenset()) == 0.0


def test_claim_groups_of_a_corpus_where_no_claim_is_shared():
    grouped = pd.DataFrame({"group_id": ["g00"], "n_articles": [1], "topic": ["x"], "article_id": ["a"], "sent_idx": [0],
                            "made_on": [pd.Timestamp("2025-01-01")], "speaker": [None], "hedges": [""],
                            "negated": [False], "horizon_text": [""], "text": ["Une phrase."]})
    assert T.claim_groups(grouped).columns.tolist() == ["group_id", "n_articles", "topic", "article_id", "made_on",
                                                        "speaker", "hedges", "negated", "horizon_text", "text"]
    assert T.claim_groups(grouped).empty

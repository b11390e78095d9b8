"""Claim tracking: candidate claims found automatically, grouped across articles, and the curated ledger.

A candidate claim is a sentence that states one of the story's facts (data/facts.csv) and asserts a future
event, a plan, a condition, an expectation or a checkable fact, with its speaker (from the quotes layer),
hedging and time horizon. The ledger (data/claims.csv) is the researcher's judgment of what happened to each
claim, with verbatim evidence; the automatic candidates that support each ledger row are shown beside it.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from . import resources as R
from .compare import fact_matches
from .errors import CorpusError
from .tone import hedging

STATUSES = ("fulfilled", "partly_fulfilled", "not_fulfilled", "contradicted", "unresolved", "not_addressed")
LEDGER_COLUMNS = ["claim_id", "topic", "claim_en", "claim_fr", "speaker", "first_article", "made_on",
                  "horizon_start", "horizon_end", "status_by_november", "evidence_article", "evidence_fr", "notes"]
CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")


def _content_lemmas(toks: pd.DataFrame) -> frozenset[str]:
    keep = toks[toks["pos"].isin(CONTENT_POS) & ~toks["is_stop"] & ~toks["is_punct"]]
    return frozenset(keep["lemma"].str.lower())


def claims(corpus: pd.DataFrame, statements: pd.DataFrame, time_expressions: pd.DataFrame,
           sentences: pd.DataFrame, tokens: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Candidate claims: one row per sentence that states a fact of the story.

    Columns: claim_key, article_id, published, sent_idx, text, topics, claim_type (condition | future_event |
    plan | expectation | fact), voice (reported | narration), speaker, speaker_camp, cue, hedged, hedges,
    horizon_start, horizon_end, horizon_text.
    """
    by_sentence = ["article_id", "sent_idx"]
    matches = fact_matches(sentences, tokens, facts)
    topics = matches.groupby(by_sentence)["fact_id"].apply(list)
    hedges = hedging(sentences, tokens).set_index(by_sentence)
    published = dict(zip(corpus["article_id"], corpus["published"]))
    sents = sentences[~sentences["is_heading"]].set_index(by_sentence)
    fut = tokens[tokens["morph"].str.contains("Tense=Fut", regex=False)].groupby(by_sentence).size()
    plan = tokens[tokens["lemma"].isin(R.PLAN_LEMMAS)].groupby(by_sentence).size()
    rows = []
    for (article_id, sent_idx), topic_list in topics.items():
        if (article_id, sent_idx) not in sents.index:
            continue
        s = sents.loc[(article_id, sent_idx)]
        p = published[article_id]
        ahead = _ahead(time_expressions, article_id, sent_idx, p)
        h = hedges.loc[(article_id, sent_idx)]
        future = len(ahead) > 0 or fut.get((article_id, sent_idx), 0) > 0
        kind = _claim_type(s["text"], h, future=future, planned=plan.get((article_id, sent_idx), 0) > 0)
        marks = [m for m in ("conditional", "modal", "attribution") if h[m]]
        rows.append({"claim_key": f"{article_id}-s{sent_idx:02d}", "article_id": article_id, "published": p,
                     "sent_idx": sent_idx, "text": s["text"], "topics": sorted(set(topic_list)), "claim_type": kind,
                     **_voice(statements, article_id, s["start_char"], s["end_char"]),
                     "hedged": bool(marks), "hedges": ", ".join(marks), **_horizon(ahead)})
    out = pd.DataFrame(rows)
    lemma_sets = {k: _content_lemmas(g) for k, g in tokens.groupby(by_sentence)}
    out["lemmas"] = [lemma_sets.get((a, s), frozenset()) for a, s in zip(out["article_id"], out["sent_idx"])]
    return out


def _ahead(time_expressions: pd.DataFrame, article_id: str, sent_idx: int, published: pd.Timestamp) -> pd.DataFrame:
    """The sentence's time expressions that point after publication (open-ended ones by their start)."""
    tx = time_expressions[(time_expressions["article_id"] == article_id) & (time_expressions["sent_idx"] == sent_idx)]
    open_ended_ahead = tx["value_end"].isna() & tx["value_start"].notna() & (tx["value_start"] > published)
    return tx[open_ended_ahead | (tx["value_end"] > published)]


def _claim_type(text: str, hedge_flags: pd.Series, *, future: bool, planned: bool) -> str:
    """condition, expectation (hedged future), future_event, plan or fact: the first that applies.

    `hedge_flags` is the sentence's row of the hedging table (`conditional`, `modal`, ...)."""
    if re.search(R.CONDITION_MARKERS, text, flags=re.IGNORECASE):
        return "condition"
    if future and (hedge_flags["conditional"] or hedge_flags["modal"]):
        return "expectation"
    if future:
        return "future_event"
    if planned:
        return "plan"
    return "fact"


def _voice(statements: pd.DataFrame, article_id: str, start: int, end: int) -> dict:
    """Who speaks in the sentence [start, end): the widest statement overlapping it, else the narration."""
    over = statements[(statements["article_id"] == article_id) & (statements["start_char"] < end)
                      & (statements["end_char"] > start)]
    if not len(over):
        return {"voice": "narration", "speaker": None, "speaker_camp": None, "cue": ""}
    widest = over.assign(w=over["end_char"] - over["start_char"]).sort_values("w").iloc[-1]
    return {"voice": "reported", "speaker": widest["speaker"], "speaker_camp": widest["speaker_camp"],
            "cue": widest["cue"]}


def _horizon(ahead: pd.DataFrame) -> dict:
    """The span the forward-looking expressions cover; the end stays empty if any of them is open-ended."""
    if not len(ahead):
        return {"horizon_start": pd.NaT, "horizon_end": pd.NaT, "horizon_text": ""}
    closed = ahead["value_end"].notna().all()
    return {"horizon_start": ahead["value_start"].min(), "horizon_end": ahead["value_end"].max() if closed else pd.NaT,
            "horizon_text": "; ".join(ahead["text"])}


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a | b else 0.0


def group_claims(candidates: pd.DataFrame, *, threshold: float = 0.25) -> pd.DataFrame:
    """Group the same claim carried by several articles (same claim, different wordings).

    Two candidates from different articles are similar when they share a topic and their content lemmas
    overlap (Jaccard ≥ `threshold`). Groups are built by complete linkage: a candidate joins a group only if
    it is similar to every member and comes from an article not yet in it, so that chains of loosely related
    sentences do not merge. Adds `group_id` and `group_articles`.
    """
    rows = candidates.reset_index(drop=True)
    articles = list(rows["article_id"])
    clusters = _complete_linkage(_similarity(rows), articles, threshold)
    group_of = {i: f"g{k:02d}" for k, members in enumerate(sorted(clusters, key=min)) for i in members}
    out = rows.assign(group_id=[group_of[i] for i in range(len(rows))])
    group_articles = out.groupby("group_id")["article_id"].apply(lambda s: sorted(set(s)))
    out["group_articles"] = out["group_id"].map(group_articles)
    return out


def _similarity(rows: pd.DataFrame) -> np.ndarray:
    """Jaccard of content lemmas for pairs from different articles that share a topic; 0 for other pairs."""
    n = len(rows)
    articles, topics, lemmas = list(rows["article_id"]), [set(t) for t in rows["topics"]], list(rows["lemmas"])
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            if articles[i] != articles[j] and topics[i] & topics[j]:
                sim[i, j] = sim[j, i] = jaccard(lemmas[i], lemmas[j])
    return sim


def _complete_linkage(sim: np.ndarray, articles: list[str], threshold: float) -> list[list[int]]:
    """Clusters of row numbers: repeatedly merge the two clusters with the strongest complete link (the
    weakest similarity between their members) while it is ≥ `threshold`; never two rows of one article."""
    clusters = [[i] for i in range(len(articles))]
    while True:
        pair = _best_pair(clusters, sim, articles, threshold)
        if pair is None:
            return clusters
        a, b = pair
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]


def _best_pair(clusters: list[list[int]], sim: np.ndarray, articles: list[str], threshold: float
               ) -> tuple[int, int] | None:
    """The two clusters (indexes) with the strongest complete link ≥ `threshold` and no article in common;
    on ties the last pair in order wins."""
    best, pair = threshold, None
    for a in range(len(clusters)):
        arts_a = {articles[i] for i in clusters[a]}
        for b in range(a + 1, len(clusters)):
            if arts_a & {articles[j] for j in clusters[b]}:
                continue
            link = min(sim[i, j] for i in clusters[a] for j in clusters[b])
            if link >= best:
                best, pair = link, (a, b)
    return pair


def claim_groups(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per group carried by two articles or more: topics, articles, and each article's wording."""
    rows = []
    for gid, g in grouped.groupby("group_id"):
        if len(set(g["article_id"])) < 2:
            continue
        rows.append({"group_id": gid, "topics": ", ".join(sorted(set().union(*g["topics"]))),
                     "articles": ", ".join(sorted(set(g["article_id"]))), "n_articles": g["article_id"].nunique(),
                     "wordings": " | ".join(f"[{r.article_id}{' hedged: ' + r.hedges if r.hedged else ''}] {r.text}"
                                            for r in g.itertuples())})
    columns = ["group_id", "topics", "articles", "n_articles", "wordings"]
    return pd.DataFrame(rows, columns=columns).sort_values(["n_articles", "group_id"], ascending=[False, True]
                                                           ).reset_index(drop=True)


# --- the ledger ----------------------------------------------------------------------------------------
def load_ledger(corpus: pd.DataFrame, path: Path | str | None = None) -> pd.DataFrame:
    """The curated claim ledger (data/claims.csv), validated: statuses, dates, and every `claim_fr` and
    `evidence_fr` verbatim in the cleaned text of its article (`corpus` gives the texts)."""
    path = Path(path) if path else paths.CLAIMS_CSV
    ledger = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in LEDGER_COLUMNS if c not in ledger.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    for row in ledger.itertuples():
        if row.status_by_november not in STATUSES:
            raise CorpusError(path, f"{row.claim_id}: unknown status {row.status_by_november!r}",
                              f"use one of {', '.join(STATUSES)}")
        for field, article in (("claim_fr", row.first_article), ("evidence_fr", row.evidence_article)):
            quote = getattr(row, field)
            if quote and quote not in texts.get(article, ""):
                raise CorpusError(path, f"{row.claim_id}: {field} is not verbatim in article {article}: {quote[:60]!r}",
                                  "copy the words exactly from the cleaned text (notebook 00 shows it)")
    for column in ("made_on", "horizon_start", "horizon_end"):
        ledger[column] = pd.to_datetime(ledger[column].replace("", None), format="%Y-%m-%d")
    return ledger


def status_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """Claims per status, August and November claims apart (in the order of STATUSES)."""
    period = np.where(ledger["made_on"] < pd.Timestamp("2025-09-01"), "august", "november")
    table = pd.crosstab(ledger["status_by_november"], period).reindex(STATUSES, fill_value=0)
    table.columns.name = "claims made in"
    return table


def support(ledger: pd.DataFrame, candidates: pd.DataFrame, *, threshold: float = 0.2) -> pd.DataFrame:
    """For each ledger row, the automatic candidates that support it: same topic, and either the verbatim
    claim inside the sentence or content-lemma overlap with the claim ≥ `threshold`."""
    rows = []
    claim_lemmas = {}
    for row in ledger.itertuples():
        # The claim's own lemmas: the tokens of its verbatim span in its first article.
        start = None
        for c in candidates[candidates["article_id"] == row.first_article].itertuples():
            if row.claim_fr in c.text:
                start = c
                break
        claim_lemmas[row.claim_id] = start.lemmas if start is not None else frozenset(row.claim_fr.lower().split())
        for c in candidates.itertuples():
            if row.topic not in c.topics:
                continue
            contains = row.claim_fr in c.text
            overlap = jaccard(claim_lemmas[row.claim_id], c.lemmas)
            if contains or overlap >= threshold:
                rows.append({"claim_id": row.claim_id, "claim_key": c.claim_key, "article_id": c.article_id,
                             "overlap": 1.0 if contains else overlap, "verbatim": contains, "hedged": c.hedged,
                             "hedges": c.hedges, "claim_type": c.claim_type, "speaker": c.speaker, "text": c.text})
    return pd.DataFrame(rows, columns=["claim_id", "claim_key", "article_id", "overlap", "verbatim", "hedged",
                                       "hedges", "claim_type", "speaker", "text"])


def carriage_matrix(supported: pd.DataFrame, ledger: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Claim × article: 'asserted', 'hedged' (conditional, modal or attribution) or '' where not carried."""
    table = pd.DataFrame("", index=ledger["claim_id"], columns=article_ids)
    for (claim_id, article_id), g in supported.groupby(["claim_id", "article_id"]):
        table.loc[claim_id, article_id] = "asserted" if (~g["hedged"]).any() else "hedged"
    return table

"""Claim tracking: candidate claims found automatically, and grouped across articles.

A candidate claim is a sentence's statement of one of the story's facts (analysis.facts): a future event, a
plan, a condition, an expectation or a checkable fact, with its polarity, its speaker (the statement that holds
the fact's words), hedging, the day it speaks from and its time horizon. The ledger (analysis.ledger) is the
researcher's verdict on each claim; the candidates that carry each ledger row are shown beside it.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import resources as R
from .actors import same_voice, voices
from .facts import fact_matches
from .tone import hedging

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
CANDIDATE_COLUMNS = ["claim_key", "article_id", "published", "sent_idx", "text", "topic", "start_char", "end_char",
                     "negated", "claim_type", "voice", "speaker", "speaker_camp", "cue", "agent", "hedged", "hedges",
                     "made_on", "horizon_start", "horizon_end", "horizon_text", "lemmas"]
MAX_DATE_SPAN = 7  # days: a date that dates a statement is a day or a week, not a month
MAX_DAYS_APART = 3  # days between two wordings of one claim (a statement reported the next day or two)


def claims(corpus: pd.DataFrame, statements: pd.DataFrame, time_expressions: pd.DataFrame,
           sentences: pd.DataFrame, tokens: pd.DataFrame, facts: pd.DataFrame,
           mentions: pd.DataFrame | None = None, hedges: pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidate claims: one row per sentence and fact it states (analysis.facts), with how it states it.

    Columns: claim_key (`<article>-sNN-<fact>`), article_id, published, sent_idx, text, topic (the fact),
    start_char/end_char (the fact's words), negated (the sentence denies or rejects it), claim_type (condition |
    expectation | future_event | plan | fact), voice (reported | narration), speaker, speaker_camp, cue (of the
    statement that holds the fact's words), agent (in the narration, the actor the sentence makes act: the
    nearest agent mention of `mentions` before the fact's end, "Il a lancé un ultimatum"), hedged, hedges,
    made_on (the day the sentence speaks from: a past date it gives, else publication), horizon_start,
    horizon_end, horizon_text, lemmas.

    `hedges` is the hedging table of these sentences (`L.hedging`, what `tone.hedging(sentences, tokens,
    statements)` computes): given, it is read instead of computed again.
    """
    agents = mentions[mentions["use"] == "agent"] if mentions is not None else None
    by_sentence = ["article_id", "sent_idx"]
    matches = fact_matches(sentences, tokens, facts)
    hedges = (hedging(sentences, tokens, statements) if hedges is None else hedges).set_index(by_sentence)
    hedge_flags = hedges[["conditional", "modal", "attribution"]].to_dict("index")
    published = dict(zip(corpus["article_id"], corpus["published"]))
    starts = dict(zip(zip(sentences["article_id"], sentences["sent_idx"]), sentences["start_char"]))
    fut = tokens[tokens["morph"].str.contains("Tense=Fut", regex=False)].groupby(by_sentence).size()
    plan = tokens[tokens["lemma"].isin(R.PLAN_LEMMAS)].groupby(by_sentence).size()
    # Each sentence's time expressions and each article's statements, split once (rows and order as filtered).
    tx_of = dict(list(time_expressions.groupby(by_sentence, sort=False)))
    statements_of = dict(list(statements.groupby("article_id", sort=False)))
    agents_of = dict(list(agents.groupby("article_id", sort=False))) if agents is not None else {}
    rows = []
    for m in matches.itertuples():
        key, p = (m.article_id, m.sent_idx), published[m.article_id]
        tx = tx_of.get(key, time_expressions.iloc[:0])
        made_on = _spoken_on(tx, p)
        ahead, h = _ahead(tx, made_on), hedge_flags[key]
        future = len(ahead) > 0 or fut.get(key, 0) > 0
        kind = _claim_type(m.sentence, h, future=future, planned=plan.get(key, 0) > 0)
        marks = [k for k in ("conditional", "modal", "attribution") if h[k]]
        rows.append({"claim_key": f"{m.article_id}-s{m.sent_idx:02d}-{m.fact_id}", "article_id": m.article_id,
                     "published": p, "sent_idx": m.sent_idx, "text": m.sentence, "topic": m.fact_id,
                     "start_char": m.start_char, "end_char": m.end_char, "negated": m.negated, "claim_type": kind,
                     **_voice(statements_of.get(m.article_id, statements.iloc[:0]), m.article_id, m.start_char,
                              m.end_char),
                     "agent": None if agents is None else _agent(agents_of.get(m.article_id), m, starts[key]),
                     "hedged": bool(marks), "hedges": ", ".join(marks), "made_on": made_on,
                     **_horizon(ahead)})
    out = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS[:-1])
    claimed = pd.MultiIndex.from_frame(tokens[by_sentence]).isin(list(zip(out["article_id"], out["sent_idx"])))
    content = tokens[claimed & tokens["pos"].isin(CONTENT_POS) & ~tokens["is_stop"] & ~tokens["is_punct"]]
    lemma_sets = content["lemma"].str.lower().groupby([content["article_id"], content["sent_idx"]]).agg(frozenset)
    out["lemmas"] = [lemma_sets.get((a, s), frozenset()) for a, s in zip(out["article_id"], out["sent_idx"])]
    return out


def _agent(agents: pd.DataFrame | None, m, sentence_start: int) -> str | None:
    """The actor of the last agent mention of the article (`agents`: its agent mentions, in order) between the
    sentence's start and the end of the fact's words."""
    if agents is None:
        return None
    start = agents["start_char"].to_numpy()
    before = np.flatnonzero((start >= sentence_start) & (start < m.end_char))
    return agents["actor"].iloc[before[-1]] if len(before) else None


def _spoken_on(tx: pd.DataFrame, published: pd.Timestamp) -> pd.Timestamp:
    """The day a sentence speaks from: the latest day-precise date (a week at most) it gives up to publication
    ("Le 13 octobre, Trump annonçait …"), else the publication date."""
    start, end = tx["value_start"].to_numpy(), tx["value_end"].to_numpy()
    past = (~np.isnat(start) & ~np.isnat(end) & (end <= published.to_datetime64())
            & ((end - start) <= np.timedelta64(MAX_DATE_SPAN, "D")))
    return pd.Timestamp(start[past].max()) if past.any() else published


def _ahead(tx: pd.DataFrame, published: pd.Timestamp) -> pd.DataFrame:
    """The sentence's time expressions (`tx`) that point after `published`, the day the sentence speaks from
    (open-ended ones by their start)."""
    start, end, day = tx["value_start"].to_numpy(), tx["value_end"].to_numpy(), published.to_datetime64()
    return tx[(np.isnat(end) & ~np.isnat(start) & (start > day)) | (end > day)]


def _claim_type(text: str, hedge_flags, *, future: bool, planned: bool) -> str:
    """condition, expectation (hedged future), future_event, plan or fact: the first that applies.

    `hedge_flags` is the sentence's row of the hedging table, or a mapping with its `conditional` and `modal`."""
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
    """Who states the words [start, end): the narrowest statement that holds their start, else the widest one
    they overlap, else the narration (the first of equal width, in the table's order)."""
    a, b = statements["start_char"].to_numpy(), statements["end_char"].to_numpy()
    over = np.flatnonzero((statements["article_id"].to_numpy() == article_id) & (a < end) & (b > start))
    if not len(over):
        return {"voice": "narration", "speaker": None, "speaker_camp": None, "cue": ""}
    width = b[over] - a[over]
    holding = (a[over] <= start) & (b[over] > start)
    pick = over[np.flatnonzero(holding)[np.argmin(width[holding])]] if holding.any() else over[np.argmax(width)]
    row = statements.iloc[pick]
    return {"voice": "reported", "speaker": row["speaker"], "speaker_camp": row["speaker_camp"], "cue": row["cue"]}


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


def group_claims(candidates: pd.DataFrame, actors: pd.DataFrame, *, threshold: float = 0.25,
                 max_days: int = MAX_DAYS_APART) -> pd.DataFrame:
    """Group the same claim carried by several articles (same claim, different wordings).

    Two candidates from different articles are similar when they state the same fact with the same polarity,
    in the same voice (the same speaker, or one speaking for the other, `actors.same_voice`; the narration joins
    any), speak of the same event, and their content lemmas overlap (Jaccard ≥ `threshold`). The same event: their
    days (`made_on`) are at most `max_days` apart, and their horizons, when both have one, overlap; so the
    7 August announcement of a meeting "dans les prochains jours" and the 17 November wish for a new summit are
    never one group. Groups are built by complete linkage: a candidate joins a group only if it is similar to
    every member and comes from an article not yet in it, so that chains of loosely related sentences do not
    merge. Adds `group_id` and `group_articles`.
    """
    rows = candidates.reset_index(drop=True)
    articles = list(rows["article_id"])
    clusters = _complete_linkage(_similarity(rows, voices(actors), max_days), articles, threshold)
    group_of = {i: f"g{k:02d}" for k, members in enumerate(sorted(clusters, key=min)) for i in members}
    out = rows.assign(group_id=[group_of[i] for i in range(len(rows))])
    group_articles = out.groupby("group_id")["article_id"].apply(lambda s: sorted(set(s)))
    out["group_articles"] = out["group_id"].map(group_articles)
    return out


def same_event(a, b, max_days: int = MAX_DAYS_APART) -> bool:
    """Two candidates (rows) speak of the same event: days at most `max_days` apart, horizons overlapping
    when both have one (an open end runs forever)."""
    if abs((a.made_on - b.made_on).days) > max_days:
        return False
    if pd.isna(a.horizon_start) or pd.isna(b.horizon_start):
        return True
    return horizons_overlap(a, b)


def horizons_overlap(a, b) -> bool:
    """Two rows with a `horizon_start` each: their horizons share a day (an empty end runs forever)."""
    end_a = a.horizon_end if not pd.isna(a.horizon_end) else pd.Timestamp.max
    end_b = b.horizon_end if not pd.isna(b.horizon_end) else pd.Timestamp.max
    return a.horizon_start <= end_b and b.horizon_start <= end_a


def _similarity(rows: pd.DataFrame, chains: dict[str, set[str]], max_days: int) -> np.ndarray:
    """Jaccard of content lemmas for pairs from different articles that state the same fact with the same
    polarity about the same event; 0 for other pairs."""
    n = len(rows)
    items = list(rows.itertuples())
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            one_voice = not isinstance(a.speaker, str) or not isinstance(b.speaker, str) or same_voice(
                a.speaker, b.speaker, chains)
            if (a.article_id != b.article_id and a.topic == b.topic and a.negated == b.negated and one_voice
                    and same_event(a, b, max_days)):
                sim[i, j] = sim[j, i] = jaccard(a.lemmas, b.lemmas)
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
    """The groups carried by two articles or more, one row per wording, in full: group_id, n_articles, topic,
    article_id, made_on, speaker, hedges, negated, horizon_text, text (groups by size, then in reading order)."""
    columns = ["group_id", "n_articles", "topic", "article_id", "made_on", "speaker", "hedges", "negated",
               "horizon_text", "text"]
    sizes = grouped.groupby("group_id")["article_id"].nunique()
    shared = grouped[grouped["group_id"].map(sizes) >= 2].assign(n_articles=lambda d: d["group_id"].map(sizes))
    return shared.sort_values(["n_articles", "group_id", "article_id", "sent_idx"], ascending=[False, True, True, True],
                              kind="stable")[columns].reset_index(drop=True)

"""The claim ledger (data/claims.csv): the researcher's verdict on each claim, checked against its convention,
and which articles carried each claim, with the polarity and the voice they carried it in.

The convention (README, "The ledger's verdicts"): evidence present for fulfilled, partly fulfilled, not fulfilled
and contradicted, absent for not addressed; a claim whose horizon ended before the latest article is judged, never
unresolved; every quotation verbatim; `made_on` is the first article's publication date unless
`made_on_evidence` quotes the words that date the claim.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .actors import same_voice, voices
from .errors import CorpusError
from .tracking import horizons_overlap, jaccard

STATUSES = ("fulfilled", "partly_fulfilled", "not_fulfilled", "contradicted", "unresolved", "not_addressed")
NEEDS_EVIDENCE = ("fulfilled", "partly_fulfilled", "not_fulfilled", "contradicted")
LEDGER_COLUMNS = ["claim_id", "topic", "claim_en", "claim_fr", "speaker", "first_article", "made_on",
                  "made_on_evidence", "horizon_start", "horizon_end", "status_by_november", "evidence_article",
                  "evidence_fr", "notes"]
CARRIAGE = ("asserted", "hedged", "rejected")  # how an article carries a claim; "" where it does not


def load_ledger(corpus: pd.DataFrame, path: Path | str | None = None) -> pd.DataFrame:
    """The curated claim ledger (data/claims.csv), validated against its convention (see the module docstring):
    statuses, dates, evidence as the status requires, and every quotation verbatim in the cleaned text of its
    article (`corpus` gives the texts and publication dates)."""
    path = Path(path) if path else paths.CLAIMS_CSV
    ledger = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in LEDGER_COLUMNS if c not in ledger.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    for row in ledger.itertuples():
        _check_row(path, row, texts)
    for column in ("made_on", "horizon_start", "horizon_end"):
        try:
            ledger[column] = pd.to_datetime(ledger[column].replace("", None), format="%Y-%m-%d")
        except ValueError as exc:
            raise CorpusError(path, f"column {column}: {exc}",
                              "write dates as YYYY-MM-DD, or leave them empty") from None
    _check_dates(path, ledger, corpus)
    return ledger


def _check_row(path: Path, row, texts: dict[str, str]) -> None:
    status = row.status_by_november
    if status not in STATUSES:
        raise CorpusError(path, f"{row.claim_id}: unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
    has_evidence = bool(row.evidence_fr or row.evidence_article)
    if status in NEEDS_EVIDENCE and not (row.evidence_fr and row.evidence_article):
        raise CorpusError(path, f"{row.claim_id}: status {status} without evidence",
                          "quote the words that show it in evidence_fr, and name their article in evidence_article")
    if status == "not_addressed" and has_evidence:
        raise CorpusError(path, f"{row.claim_id}: status not_addressed with evidence",
                          "a claim the latest articles address is fulfilled, not fulfilled, contradicted or "
                          "unresolved; else empty evidence_article and evidence_fr")
    for field, article in (("claim_fr", row.first_article), ("evidence_fr", row.evidence_article),
                           ("made_on_evidence", row.first_article)):
        quote = getattr(row, field)
        if quote and quote not in texts.get(article, ""):
            raise CorpusError(path, f"{row.claim_id}: {field} is not verbatim in article {article}: {quote[:60]!r}",
                              "copy the words exactly from the cleaned text (notebook 00 shows it)")


def _check_dates(path: Path, ledger: pd.DataFrame, corpus: pd.DataFrame) -> None:
    """Rule 2 (a passed horizon is judged) and `made_on` against the publication date or its quoted evidence."""
    published = dict(zip(corpus["article_id"], corpus["published"]))
    latest = corpus["published"].max() if "published" in corpus.columns and len(corpus) else None
    for row in ledger.itertuples():
        if (row.status_by_november == "unresolved" and latest is not None and not pd.isna(row.horizon_end)
                and row.horizon_end < latest):
            raise CorpusError(path, f"{row.claim_id}: unresolved, but its horizon ended on {row.horizon_end:%Y-%m-%d}, "
                                    f"before the latest article ({latest:%Y-%m-%d})",
                              "judge it: fulfilled, partly_fulfilled, not_fulfilled, or not_addressed if the "
                              "latest articles are silent")
        day = published.get(row.first_article)
        if not row.made_on_evidence and day is not None and not pd.isna(row.made_on) and row.made_on != day:
            raise CorpusError(path, f"{row.claim_id}: made_on {row.made_on:%Y-%m-%d} is not the publication date "
                                    f"of {row.first_article} ({day:%Y-%m-%d}) and no words date it",
                              "quote the words that date the claim in made_on_evidence, or use the publication date")


def status_counts(ledger: pd.DataFrame, period_of: dict[str, str], periods: list[str]) -> pd.DataFrame:
    """Claims per status (rows, in the order of STATUSES) and per period of the article that first made them
    (columns, in the order of `periods`)."""
    made_in = ledger["first_article"].map(period_of)
    table = pd.crosstab(ledger["status_by_november"], made_in).reindex(index=list(STATUSES), fill_value=0)
    table = table.reindex(columns=[p for p in periods if p in set(made_in)], fill_value=0)
    table.columns.name = "claims made in"
    return table


# --- which article carried which claim ------------------------------------------------------------------------
def support(ledger: pd.DataFrame, candidates: pd.DataFrame, actors: pd.DataFrame, *,
            threshold: float = 0.2) -> pd.DataFrame:
    """For each ledger row, the automatic candidates that state its claim, and how (`carries`).

    A candidate supports a claim when it states the claim's fact (`topic`) about the same claim: its words hold
    the claim verbatim, or its horizon overlaps the claim's, or its content lemmas overlap the claim's (Jaccard ≥
    `threshold`). It then `carries` the claim `rejected` when it denies it (whoever speaks); otherwise, for a
    claim made by someone, only in that voice (the same actor, or one speaking for the other: the Kremlin and its
    adviser), or in a narration that makes them the agent ("Il a lancé un ultimatum"), `hedged` when the
    sentence hedges it, else `asserted`; a candidate in another voice carries nothing
    (`carries` empty, `why` says so)."""
    chains = voices(actors)
    rows = []
    for row in ledger.itertuples():
        own = candidates[(candidates["article_id"] == row.first_article) & (candidates["topic"] == row.topic)]
        start = next((c for c in own.itertuples() if row.claim_fr in c.text), None)
        lemmas = start.lemmas if start is not None else frozenset(row.claim_fr.lower().split())
        for c in candidates[candidates["topic"] == row.topic].itertuples():
            basis = _same_claim(row, c, lemmas, threshold)
            if basis:
                carries, why = _carries(row, c, chains)
                rows.append({"claim_id": row.claim_id, "claim_key": c.claim_key, "article_id": c.article_id,
                             "basis": basis, "speaker": c.speaker, "negated": c.negated, "hedges": c.hedges,
                             "carries": carries, "why": why, "text": c.text})
    return pd.DataFrame(rows, columns=["claim_id", "claim_key", "article_id", "basis", "speaker", "negated", "hedges",
                                       "carries", "why", "text"])


def _same_claim(row, c, lemmas: frozenset, threshold: float) -> str:
    """Why candidate `c` is about ledger row `row`'s claim ("" when it is not)."""
    if row.claim_fr in c.text:
        return "verbatim"
    if not pd.isna(row.horizon_start) and not pd.isna(c.horizon_start) and horizons_overlap(row, c):
        return "horizon"
    overlap = jaccard(lemmas, c.lemmas)
    return f"lemmas {overlap:.2f}" if overlap >= threshold else ""


def _carries(row, c, chains: dict[str, set[str]]) -> tuple[str, str]:
    if c.negated:
        return "rejected", "the sentence denies or rejects it"
    narrated = not (isinstance(c.speaker, str) and c.speaker)
    if row.speaker and not same_voice(row.speaker, c.speaker if not narrated else c.agent, chains):
        said = c.speaker if not narrated else "the narration" + (f" (of {c.agent})" if isinstance(c.agent, str) else "")
        return "", f"said by {said}, not by {row.speaker} or on their behalf"
    return ("hedged", "hedged: " + c.hedges) if c.hedged else ("asserted", "")


def carriage_matrix(supported: pd.DataFrame, ledger: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Claim × article: 'asserted', 'hedged' (every carrying sentence hedges it), 'rejected' (the article only
    denies it) or '' where it does not carry it."""
    table = pd.DataFrame("", index=ledger["claim_id"], columns=article_ids)
    for (claim_id, article_id), g in supported.groupby(["claim_id", "article_id"]):
        found = set(g["carries"])
        table.loc[claim_id, article_id] = next((k for k in CARRIAGE if k in found), "")
    return table

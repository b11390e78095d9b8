"""Time expressions: found in the cleaned text and resolved against each article's publication date, or against
the day a statement was made when they sit in reported speech that the sentence dates.

Each expression gets an interval [value_start, value_end] of calendar days and a `basis` saying how it was
resolved. The patterns and word lists are in analysis.timex_resources, the rules in analysis.timex_rules and
analysis.timex_relative (their docstrings list the conventions), utterance anchoring in analysis.timex_anchor.
Vague horizons get explicit, documented intervals (VAGUE_HORIZONS): a convention, not a fact.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from . import paths
from .errors import corpus_error
from .timex_anchor import Parse, dated_statements, inside, quote_spans, reporting_verb_of, statement_date
from .timex_relative import RELATIVE_RULES
from .timex_resources import (
    DATING,
    DEADLINE_BEFORE,
    DEICTIC,
    EVENT_ANCHORED,
    FOCUS_MAX_AGE_DAYS,
    HORIZONS,
    KIND,
    MONTHS,
    PATTERNS,
    SINCE_EVENT,
    VAGUE_HORIZONS,
    WEEKDAYS,
)
from .timex_rules import RULES, VAGUE, Context, Span, vague

__all__ = ["MONTHS", "WEEKDAYS", "VAGUE_HORIZONS", "PATTERNS", "KIND", "resolve", "find_expressions",
           "time_expressions", "weekday_direction", "event_mentions", "load_events", "events_dated_by"]
COLUMNS = ["article_id", "sent_idx", "text", "time_kind", "start_char", "end_char", "value_start", "value_end",
           "basis"]
RESOLVERS = {**RULES, **RELATIVE_RULES}
WEEKDAY_KINDS = ("weekday", "weekday_rel", "this_weekday")
# A weekday's direction from its verb's tense: a present points forward ("un ultimatum qui expire vendredi").
DIRECTION = {"past": "past", "present": "future", "future": "future", "conditional": "future"}


def time_kind(kind: str) -> str:
    """date, interval, relative or vague: what the expression names."""
    return "vague" if kind in VAGUE else KIND.get(kind, "relative")


def resolve(kind: str, groups: dict, published: date, *, direction: str = "unknown", previous: Span | None = None,
            context: Context | None = None) -> tuple[date | None, date | None, str]:
    """The [start, end] days an expression stands for, given the publication date, and the basis.

    `direction` ('past', 'future' or 'unknown', from weekday_direction) matters for bare weekdays; `previous`
    (the last single day the text named before) for anaphoric expressions ("le même jour", "le lendemain");
    `context` gives every other circumstance (anchor, tense, day in focus: analysis.timex_rules.Context).
    """
    ctx = context or Context(published, direction=direction, focus=previous[0] if previous else None,
                             previous=previous)
    if kind in VAGUE:
        return vague(kind, ctx)
    if kind == "since_event":
        start, _, basis = resolve(groups["apposed_kind"], groups["apposed_groups"], published, context=ctx)
        return start, ctx.now, f"since an event dated by the expression in apposition ({basis}), to {ctx.anchor_name}"
    resolver = RESOLVERS.get(kind)
    if resolver is None:
        raise ValueError(f"unknown kind {kind}")
    return resolver(groups, ctx)


def find_expressions(text: str) -> list[tuple[str, int, int, dict]]:
    """(kind, start, end, groups) of every time expression in a text, longest-first without overlaps."""
    found: list[tuple[str, int, int, dict]] = []

    def free(s: int, e: int) -> bool:
        return not any(fs < e and s < fe for _, fs, fe, _ in found)

    for kind, pattern in PATTERNS:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            end = _event_phrase_end(m) if kind in ("eve", "morrow") else m.start() + len(m.group(0).rstrip())
            if free(m.start(), end):
                found.append((kind, m.start(), end, {k: (v.lower().strip() if v else v)
                                                      for k, v in m.groupdict().items()}))
    for m in re.finditer(SINCE_EVENT, text):
        apposed = [f for f in found if f[1] == m.end() + 2]
        if apposed and free(m.start(), m.end()) and apposed[0][0] not in ("weekday",):
            found.append(("since_event", m.start(), m.end(), {"np": m.group("np"), "apposed_kind": apposed[0][0],
                                                              "apposed_groups": apposed[0][3]}))
    return sorted(found, key=lambda f: f[1])


def _event_phrase_end(m: re.Match) -> int:
    """The end of "à la veille du vote": before a time expression inside its noun phrase ("du vote de mardi"
    ends before "de mardi", which is an expression of its own and dates the event)."""
    end = m.start() + len(m.group(0).rstrip())
    np = m.group("np")
    if not np:
        return end
    inner = find_expressions(np)
    if not inner:
        return end
    cut = m.start("np") + inner[0][1]
    before = re.search(r"\s*\b(?:de|du|des|d')\s*$", m.string[m.start():cut], flags=re.IGNORECASE)
    return m.start() + (before.start() if before else cut - m.start())


def weekday_direction(tokens: pd.DataFrame | None, start: int, end: int) -> str:
    """'past', 'future' or 'unknown': the tense of the verb that governs the time word directly (spaCy).

    Passé composé (auxiliary + past participle), imparfait, plus-que-parfait and passé simple point back;
    future, conditional and a plain or passive present ("un ultimatum qui expire vendredi", "sera reçu lundi")
    point forward. A word that hangs on a noun ("la visite à Moscou mercredi") has no tense: 'unknown'.
    """
    if tokens is None or tokens.empty:
        return "unknown"
    parse = Parse.of(tokens)
    return DIRECTION.get(parse.tense(parse.governing_verb(start, end)), "unknown")


class _Article:
    """The running state of one article while it is read: its text, quote marks, the day in focus and the last
    span resolved."""

    def __init__(self, text: str, published: date):
        self.text, self.published = text, published
        self.quotes = quote_spans(text)
        self.focus: date | None = None
        self.previous: Span | None = None

    def context(self, parse: Parse, kind: str, start: int, end: int) -> Context:
        governing = parse.governing_verb(start, end) if len(parse.tokens) else None
        if governing is None and kind in EVENT_ANCHORED and len(parse.tokens):
            governing = parse.main_verb()  # "à la veille du vote" may hang on a noun: the sentence's verb
        tense = parse.tense(governing)
        deadline = re.search(DEADLINE_BEFORE, self.text[max(0, start - 25):start], flags=re.IGNORECASE)
        return Context(self.published, direction=DIRECTION.get(tense, "unknown"),
                       future_tense=parse.prospective(governing), present_tense=tense == "present",
                       deadline=bool(deadline), focus=self.focus, previous=self.previous)

    def sentence(self, items: list[tuple[str, int, int, dict]], tokens: pd.DataFrame) -> list[tuple]:
        """(kind, start, end, value_start, value_end, basis) of one sentence's expressions, in reading order."""
        parse = Parse.of(tokens)
        verbs = parse.speech_verbs(self.quotes) if len(tokens) else []
        contexts = [self.context(parse, k, s, e) for k, s, e, _ in items]
        first = [resolve(k, g, self.published, context=c) for (k, _, _, g), c in zip(items, contexts)]
        reporting = [reporting_verb_of(parse, verbs, self.quotes, s, e) if len(tokens) else None
                     for _, s, e, _ in items]
        candidates = [(i, s, e) for i, ((k, s, e, _), r, v) in enumerate(zip(items, reporting, first))
                      if r is None and k in DATING and v[0] is not None and v[0] == v[1]]
        for j in dated_statements(parse, verbs, candidates, self.text):
            # "a indiqué lundi le ministère": the day of a statement takes the reporting verb's past tense.
            contexts[j] = replace(contexts[j], direction="past")
            first[j] = resolve(items[j][0], items[j][3], self.published, context=contexts[j])
        out = []
        for i, (kind, start, end, groups) in enumerate(items):
            ctx = replace(contexts[i], focus=self.focus, previous=self.previous,
                          sentence_day=_other_day(first, candidates, i))
            if reporting[i] is not None and kind in DEICTIC:
                ctx = self._anchored(ctx, parse, reporting[i], [c for c in candidates if c[0] != i], first,
                                     horizon=kind in HORIZONS)
            if groups.get("np") and kind in ("eve", "morrow"):
                ctx = replace(ctx, np_day=self._np_day(groups["np"], ctx))
            s, e, basis = resolve(kind, groups, self.published, context=ctx)
            if s is None and kind in EVENT_ANCHORED:
                continue
            out.append((kind, start, end, s, e, basis))
            self.previous = (s, e) if s is not None else self.previous
            narrated = reporting[i] is None and not inside(self.quotes, start, end)
            if narrated and s is not None and s == e and kind not in VAGUE:
                self.focus = s
        return out

    def _anchored(self, ctx: Context, parse: Parse, verb: int, candidates: list, first: list, *,
                  horizon: bool) -> Context:
        """The context of an expression in a statement: anchored on the day the statement was made (for a
        horizon, the day in focus when a past reporting verb has no date in the sentence)."""
        j = statement_date(parse, verb, candidates, self.text)
        if j is not None:
            day = first[j][0]
            return replace(ctx, anchor=day, anchor_name=f"the day the statement was made ({day})")
        recent = self.focus is not None and 0 <= (self.published - self.focus).days <= FOCUS_MAX_AGE_DAYS
        if horizon and recent and parse.statement_tense(verb) == "past":
            return replace(ctx, anchor=self.focus, anchor_name=f"the day in focus, when the statement was made "
                                                               f"({self.focus})")
        return ctx

    def _np_day(self, np: str, ctx: Context) -> date | None:
        """The day a noun phrase names itself ("la veille du 14 juillet"), if it names one."""
        inner = find_expressions(np)
        if len(inner) != 1:
            return None
        s, e, _ = resolve(inner[0][0], inner[0][3], self.published, context=ctx)
        return s if s is not None and s == e else None


def _other_day(first: list, candidates: list, i: int) -> date | None:
    """The single day another dating expression of the sentence names (the nearest one), if any."""
    others = [c for c in candidates if c[0] != i]
    return first[others[0][0]][0] if others else None


def _apposition(rows: list[tuple], text: str) -> list[tuple]:
    """A weekday followed by a date of that weekday in apposition ("mercredi, jour de Noël") takes it."""
    out = list(rows)
    for i, (kind, start, end, s, _, _) in enumerate(rows[:-1]):
        nxt = rows[i + 1]
        if (kind in WEEKDAY_KINDS and text[end:nxt[1]] == ", " and nxt[3] is not None and nxt[3] == nxt[4]
                and nxt[0] in ("day_month", "holiday") and WEEKDAYS.get(_weekday_word(text[start:end])) ==
                nxt[3].weekday() and s != nxt[3]):
            out[i] = (kind, start, end, nxt[3], nxt[3], f"the date in apposition ({nxt[5]})")
    return out


def _weekday_word(span: str) -> str | None:
    return next((w for w in re.findall(r"\w+", span.lower()) if w in WEEKDAYS), None)


def time_expressions(corpus: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Every time expression of the cleaned texts, resolved against the article's publication date (or the day
    a dated statement was made, for the expressions it holds).

    Columns: article_id, sent_idx, text, time_kind (date | interval | relative | vague), start_char, end_char
    (offsets in the cleaned text), value_start, value_end (the days it stands for; value_end empty when open-ended),
    basis (how it was resolved).
    """
    rows = []
    for row in corpus.itertuples():
        toks = tokens[tokens["article_id"] == row.article_id]
        sents = sentences[sentences["article_id"] == row.article_id].sort_values("start_char")
        article = _Article(row.text, row.published.date())
        found = sorted(find_expressions(row.text), key=lambda f: f[1])  # by start, for the search below
        starts = [f[1] for f in found]
        by_sentence = {k: g for k, g in toks.groupby("sent_idx", sort=False)}  # one pass, not a mask per sentence
        resolved = []
        for sent in sents.itertuples():
            items = found[bisect.bisect_left(starts, sent.start_char):bisect.bisect_left(starts, sent.end_char)]
            if items:
                sent_rows = article.sentence(items, by_sentence.get(sent.sent_idx, toks.iloc[:0]))
                resolved += [(sent.sent_idx, r) for r in sent_rows]
        fixed = _apposition([r for _, r in resolved], row.text)
        for (sent_idx, _), (kind, start, end, s, e, basis) in zip(resolved, fixed):
            rows.append({"article_id": row.article_id, "sent_idx": sent_idx, "text": row.text[start:end],
                         "time_kind": time_kind(kind), "start_char": start, "end_char": end, "value_start": s,
                         "value_end": e, "basis": basis})
    out = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("value_start", "value_end"):
        out[column] = pd.to_datetime(out[column])
    return out


PRECISION_DAYS = {"day": 1, "month": 366, "year": 366}
def event_mentions(events: pd.DataFrame, expressions: pd.DataFrame) -> pd.DataFrame:
    """Which articles mention each dated event: its evidence article, and any article with a non-vague time
    expression that contains the event's date and is no wider than the event's precision allows (a day for a
    day-precision event; a year for month or year precision). Adds `mentioned_by` (sorted article ids)."""
    precise = expressions[(expressions["time_kind"] != "vague") & expressions["value_end"].notna()]
    span = (precise["value_end"] - precise["value_start"]).dt.days + 1
    out = []
    for ev in events.itertuples():
        limit = PRECISION_DAYS[ev.precision]
        hit = precise[(precise["value_start"] <= ev.date) & (precise["value_end"] >= ev.date) & (span <= limit)]
        out.append(sorted(set(hit["article_id"]) | {ev.article_id}))
    return events.assign(mentioned_by=out)


def load_events(path: Path | str | None = None) -> pd.DataFrame:
    """Dated events of the story as the corpus states them (data/events.csv), with parsed dates."""
    path = Path(path) if path else paths.EVENTS_CSV
    events = pd.read_csv(path, dtype=str, keep_default_na=False)
    try:
        events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d")
    except ValueError as exc:
        raise corpus_error("events_date", path, detail=exc) from None
    return events


def events_dated_by(events: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """The events whose article is in the corpus and holds their evidence word for word (in the cleaned text, or
    in the raw file when only a removed caption dates them): the events this corpus itself dates."""
    articles = corpus.set_index("article_id")

    def dated(article_id: str, evidence: str) -> bool:
        return article_id in articles.index and any(
            evidence in articles.at[article_id, column] for column in ("text", "raw_text"))

    return events[[dated(a, e) for a, e in zip(events["article_id"], events["evidence_fr"])]]

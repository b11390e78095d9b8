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
import sys
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from re import _constants as SRE
from re import _parser as sre_parse

import pandas as pd

from . import paths
from .errors import corpus_error
from .timex_anchor import COLUMNS as PARSE_COLUMNS
from .timex_anchor import Parse, Quotes, dated_statements, quote_spans, reporting_verb_of, statement_date
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
    taken = _Taken()
    first_at: dict[int, tuple] = {}  # start → the first expression found there

    def add(expression: tuple) -> None:
        found.append(expression)
        taken.add(expression[1], expression[2])
        first_at.setdefault(expression[1], expression)

    for kind, pattern in _compiled(tuple(PATTERNS)):
        for m in pattern.finditer(text):
            end = _event_phrase_end(m) if kind in ("eve", "morrow") else m.start() + len(m.group(0).rstrip())
            if taken.free(m.start(), end):
                add((kind, m.start(), end, {k: (v.lower().strip() if v else v) for k, v in m.groupdict().items()}))
    for m in re.finditer(SINCE_EVENT, text):
        apposed = first_at.get(m.end() + 2)
        if apposed is not None and taken.free(m.start(), m.end()) and apposed[0] not in ("weekday",):
            add(("since_event", m.start(), m.end(), {"np": m.group("np"), "apposed_kind": apposed[0],
                                                     "apposed_groups": apposed[3]}))
    return sorted(found, key=lambda f: f[1])


class _Taken:
    """The spans [start, end) taken so far, by start: whether a new span overlaps one looks only at the spans
    that start less than the longest span's length before it (bisection), not at every span of the text."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def free(self, s: int, e: int) -> bool:
        lo = bisect.bisect_left(self.spans, (s - self.longest, -sys.maxsize))
        hi = bisect.bisect_left(self.spans, (e, -sys.maxsize))
        return not any(fs < e and s < fe for fs, fe in self.spans[lo:hi])


@lru_cache(maxsize=4)
def _compiled(patterns: tuple) -> list[tuple[str, re.Pattern]]:
    """The patterns compiled (case-insensitive), each behind a look-ahead for the characters its matches can start
    with: the regex engine then tries the whole pattern only where such a character stands (two to three times
    faster on press text). The look-ahead changes no match: it lets through every character a match can start
    with; a pattern whose first characters cannot be listed is compiled as it is."""
    out = []
    for kind, pattern in patterns:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
        first, nullable = _first_chars(parsed)
        compiled = re.compile(pattern, re.IGNORECASE)
        # A pattern that opens with a literal has the engine's own fast search: left as it is.
        if first and not nullable and parsed[0][0] is not SRE.LITERAL and not parsed.state.flags & re.VERBOSE:
            try:
                compiled = re.compile(f"(?=[{''.join(dict.fromkeys(first))}])(?:{pattern})", re.IGNORECASE)
            except re.error:  # inline flags ("(?i)…") must open the expression: the pattern as it is
                pass
        out.append((kind, compiled))
    return out


_CATEGORIES = {SRE.CATEGORY_DIGIT: r"\d", SRE.CATEGORY_NOT_DIGIT: r"\D", SRE.CATEGORY_SPACE: r"\s",
               SRE.CATEGORY_NOT_SPACE: r"\S", SRE.CATEGORY_WORD: r"\w", SRE.CATEGORY_NOT_WORD: r"\W"}


def _first_chars(items) -> tuple[list[str] | None, bool]:
    """The character-class items a match of the parsed regex `items` can start with (None: not known), and
    whether it can match the empty string."""
    out: list[str] = []
    for op, av in items:
        if op in (SRE.AT, SRE.ASSERT, SRE.ASSERT_NOT):
            continue  # zero width: the next item gives the first character
        if op is SRE.LITERAL:
            return out + [re.escape(chr(av))], False
        if op is SRE.IN:
            inner = [_class_item(o, a) for o, a in av]
            return (None, False) if None in inner else (out + inner, False)
        if op is SRE.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
            first, nullable = _first_chars(av[3])
        elif op is SRE.BRANCH:
            parts = [_first_chars(alternative) for alternative in av[1]]
            first = None if any(f is None for f, _ in parts) else [c for f, _ in parts for c in f]
            nullable = any(n for _, n in parts)
        elif op in (SRE.MAX_REPEAT, SRE.MIN_REPEAT):
            first, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        out += first
        if not nullable:
            return out, False
    return out, True


def _class_item(op, av) -> str | None:
    if op is SRE.LITERAL:
        return re.escape(chr(av))
    if op is SRE.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    return _CATEGORIES.get(av) if op is SRE.CATEGORY else None


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
        self.quotes = Quotes(quote_spans(text))
        self.focus: date | None = None
        self.previous: Span | None = None

    def context(self, parse: Parse, kind: str, start: int, end: int) -> Context:
        governing = parse.governing_verb(start, end) if len(parse) else None
        if governing is None and kind in EVENT_ANCHORED and len(parse):
            governing = parse.main_verb()  # "à la veille du vote" may hang on a noun: the sentence's verb
        tense = parse.tense(governing)
        deadline = re.search(DEADLINE_BEFORE, self.text[max(0, start - 25):start], flags=re.IGNORECASE)
        return Context(self.published, direction=DIRECTION.get(tense, "unknown"),
                       future_tense=parse.prospective(governing), present_tense=tense == "present",
                       deadline=bool(deadline), focus=self.focus, previous=self.previous)

    def sentence(self, items: list[tuple[str, int, int, dict]], parse: Parse) -> list[tuple]:
        """(kind, start, end, value_start, value_end, basis) of one sentence's expressions, in reading order."""
        verbs = parse.speech_verbs(self.quotes) if len(parse) else []
        contexts = [self.context(parse, k, s, e) for k, s, e, _ in items]
        first = [resolve(k, g, self.published, context=c) for (k, _, _, g), c in zip(items, contexts)]
        reporting = [reporting_verb_of(parse, verbs, self.quotes, s, e) if len(parse) else None
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
            narrated = reporting[i] is None and not self.quotes.holds(start, end)
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
    columns = {c: tokens[c].tolist() for c in PARSE_COLUMNS}  # plain lists: a sentence's parse is a few dozen rows
    token_sents = tokens["sent_idx"].tolist()
    token_rows, sentence_rows = (t.groupby("article_id", sort=False).indices for t in (tokens, sentences))
    for row in corpus.itertuples():
        sents = sentences.iloc[sentence_rows.get(row.article_id, [])].sort_values("start_char")
        article = _Article(row.text, row.published.date())
        found = sorted(find_expressions(row.text), key=lambda f: f[1])  # by start, for the search below
        starts = [f[1] for f in found]
        by_sentence: dict[int, list[int]] = {}  # sent_idx → the positions of its tokens, in table order
        for k in token_rows.get(row.article_id, []):
            by_sentence.setdefault(token_sents[k], []).append(k)
        resolved = []
        for sent_idx, start, end in zip(sents["sent_idx"], sents["start_char"], sents["end_char"]):
            items = found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
            if items:
                positions = by_sentence.get(sent_idx, [])
                parse = Parse({c: [values[k] for k in positions] for c, values in columns.items()})
                resolved += [(sent_idx, r) for r in article.sentence(items, parse)]
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

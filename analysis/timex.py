"""Time expressions: found in the cleaned text and resolved against each article's publication date.

Each expression gets an interval [value_start, value_end] of calendar days and a `basis` saying how it was
resolved. Vague horizons get explicit, documented intervals (VAGUE_HORIZONS): a convention, not a fact.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from . import paths
from .errors import corpus_error

MONTHS = {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_M = "|".join(MONTHS)
_W = "|".join(WEEKDAYS)

# Vague horizons: (regex, first day after publication, last day after publication or None = open-ended).
VAGUE_HORIZONS: list[tuple[str, str, int, int | None]] = [
    ("dans_les_prochains_jours", r"dans les (?:tout )?prochains jours", 1, 10),
    ("tres_bientot", r"très (?:bientôt|prochainement)", 1, 14),
    ("bientot", r"(?<!très )\b(?:bientôt|prochainement)\b", 1, 30),
    ("ces_dernieres_semaines", r"ces dernières semaines", -28, -1),
    ("date_ulterieure", r"(?:à une date ultérieure|ultérieurement|dans le futur|à l'avenir|à terme)", 1, None),
]

# Patterns in priority order (longer, more specific first). Named groups drive the resolution.
PATTERNS: list[tuple[str, str]] = [
    ("day_month_year", rf"(?:le |du )?(?P<day>\d{{1,2}}|1er) (?P<month>{_M}) (?P<year>\d{{4}})"),
    ("day_month", rf"(?:le |du )?(?P<day>\d{{1,2}}|1er) (?P<month>{_M})\b"),
    ("since_month_year", rf"depuis (?P<month>{_M}) (?P<year>\d{{4}})"),
    ("month_year", rf"(?:en |de |d'|au mois de )?(?P<month>{_M}) (?P<year>\d{{4}})"),
    ("since_year", r"depuis (?P<year>(?:19|20)\d{2})\b"),
    ("year", r"(?:en |de |d')(?P<year>(?:19|20)\d{2})\b"),
    ("month", rf"(?:en |début |fin |mi-)(?P<month>{_M})(?P<next> prochain)?\b"),
    ("hours", r"dans les (?P<h1>\d+) (?:à|ou) (?P<h2>\d+) heures(?: à venir)?"),
    ("next_week", r"(?:dès )?la semaine prochaine"),
    ("last_week", r"la semaine dernière"),
    ("end_of_week", r"(?:d'ici )?la fin de la semaine"),
    ("same_day", r"le même jour"),
    ("now", r"pour l'heure|pour l'instant|aujourd'hui"),
    ("yesterday", r"\bhier\b"),
    ("tomorrow", r"\bdemain\b"),
    ("weekday", rf"\b(?P<weekday>{_W})(?: (?P<part>matin|midi|après-midi|soir))?\b"),
] + [(name, pattern) for name, pattern, _, _ in VAGUE_HORIZONS]

KIND = {"day_month_year": "date", "day_month": "date", "since_month_year": "interval", "month_year": "interval",
        "since_year": "interval", "year": "interval", "month": "interval", "hours": "relative",
        "next_week": "relative", "last_week": "relative", "end_of_week": "relative", "same_day": "relative",
        "now": "relative", "yesterday": "relative", "tomorrow": "relative", "weekday": "relative"}
COLUMNS = ["article_id", "sent_idx", "text", "time_kind", "start_char", "end_char", "value_start", "value_end",
           "basis"]

Span = tuple[date, date]  # first and last day, inclusive
Resolved = tuple[date | None, date | None, str]  # (first day, last day, basis)


def _month_span(year: int, month: int) -> Span:
    """First and last day of a month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _week(d: date, offset_weeks: int) -> Span:
    """Monday to Sunday of the week of `d`, shifted by `offset_weeks`."""
    monday = d - timedelta(days=d.weekday()) + timedelta(weeks=offset_weeks)
    return monday, monday + timedelta(days=6)


def weekday_direction(tokens: pd.DataFrame | None, start: int, end: int) -> str:
    """'past', 'future' or 'unknown': the tense of the verb that governs the time word directly (spaCy).

    Passé composé (auxiliary + past participle), imparfait, plus-que-parfait and passé simple point back;
    future, conditional and a plain present ("un ultimatum qui expire vendredi") point forward.
    """
    if tokens is None or tokens.empty:
        return "unknown"
    inside = tokens[(tokens["start_char"] >= start) & (tokens["start_char"] < end)]
    if inside.empty:
        return "unknown"
    by_idx = tokens.set_index("token_idx")
    head = by_idx.loc[inside.iloc[0]["head_idx"]]
    # Only a verb that governs the time word directly tells its tense: in "la visite à Moscou mercredi" the
    # word hangs on a noun, and the sentence's verb ("fait suite") says nothing about Wednesday.
    if head["pos"] not in ("VERB", "AUX"):
        return "unknown"
    auxes = tokens[(tokens["head_idx"] == head.name) & tokens["dep"].str.startswith("aux")]
    morph = head["morph"] + "|" + "|".join(auxes["morph"])
    if "Tense=Fut" in morph or "Mood=Cnd" in morph:
        return "future"
    if not auxes.empty or "Tense=Imp" in morph or ("Tense=Past" in morph and "VerbForm=Fin" in morph):
        return "past"
    if "Tense=Pres" in morph:
        return "future"
    return "unknown"


def _day_of(groups: dict) -> tuple[int, int]:
    """(day, month) of a "le 1er août" / "le 15 août" match."""
    return (1 if groups["day"] == "1er" else int(groups["day"])), MONTHS[groups["month"]]


def _day_month_year(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    day, month = _day_of(groups)
    d = date(int(groups["year"]), month, day)
    return d, d, "explicit date"


def _day_month(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    # No year: news speaks of dates near publication, so take the year that puts the day closest to it.
    day, month = _day_of(groups)
    candidates = [date(y, month, day) for y in (p.year - 1, p.year, p.year + 1)]
    d = min(candidates, key=lambda c: abs((c - p).days))
    return d, d, f"day and month; year {d.year} is the one closest to publication"


def _month_year(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    s, e = _month_span(int(groups["year"]), MONTHS[groups["month"]])
    return s, e, "explicit month"


def _since_month_year(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    s, _ = _month_span(int(groups["year"]), MONTHS[groups["month"]])
    return s, p, "from the month named to publication"


def _since_year(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    return date(int(groups["year"]), 1, 1), p, "from the year named to publication"


def _year(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    y = int(groups["year"])
    return date(y, 1, 1), date(y, 12, 31), "explicit year"


def _month(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    month = MONTHS[groups["month"]]
    if groups.get("next"):
        year = p.year + (month <= p.month)
        basis = "month with 'prochain': the next such month"
    else:
        year = p.year - (month > p.month)
        basis = "month without year: the latest such month up to publication"
    s, e = _month_span(year, month)
    return s, e, basis


def _hours(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    # Hours become whole days, rounded up (-(-h // 24) is ceiling division); never earlier than tomorrow.
    h1, h2 = int(groups["h1"]), int(groups["h2"])
    return (p + timedelta(days=max(1, -(-h1 // 24))), p + timedelta(days=-(-h2 // 24)),
            f"{h1} to {h2} hours after publication, as days")


def _next_week(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    s, e = _week(p, 1)
    return s, e, "the calendar week (Monday to Sunday) after publication"


def _last_week(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    s, e = _week(p, -1)
    return s, e, "the calendar week before publication"


def _end_of_week(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    monday, sunday = _week(p, 0)
    return max(p, monday + timedelta(days=4)), sunday, "Friday to Sunday of the week of publication"


def _same_day(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    if previous is None:
        return None, None, "'le même jour' with no earlier date in the article"
    return previous[0], previous[0], "the day of the previous date in the article"


def _now(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    return p, p, "the publication day"


def _yesterday(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    return p - timedelta(days=1), p - timedelta(days=1), "the day before publication"


def _tomorrow(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    return p + timedelta(days=1), p + timedelta(days=1), "the day after publication"


def _weekday(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
    # A bare weekday is the one before or after publication: the verb's tense (`direction`) decides,
    # else the nearer of the two.
    name = groups["weekday"]
    delta = (WEEKDAYS[name] - p.weekday()) % 7
    if delta == 0:
        return p, p, "the weekday of publication: the publication day (news usage)"
    past, future = p - timedelta(days=7 - delta), p + timedelta(days=delta)
    if direction == "past":
        return past, past, f"the {name} before publication (past tense)"
    if direction == "future":
        return future, future, f"the {name} after publication (present or future tense)"
    d = past if (p - past) <= (future - p) else future
    return d, d, f"the nearest {name} to publication (tense unknown)"


def _vague(lo: int, hi: int | None):
    """The resolver of a vague horizon: publication + `lo` days to publication + `hi` days (None: open-ended)."""
    def resolver(groups: dict, p: date, direction: str, previous: Span | None) -> Resolved:
        if hi is None:
            return (p + timedelta(days=lo), None,
                    f"vague horizon, by convention from publication {lo:+d} day, open-ended")
        return (p + timedelta(days=lo), p + timedelta(days=hi),
                f"vague horizon, by convention publication {lo:+d} to {f'+{hi}' if hi > 0 else hi} days")
    return resolver


# One resolver per expression kind; each takes (groups, p = the publication date, direction, previous).
RESOLVERS = {
    "day_month_year": _day_month_year, "day_month": _day_month, "month_year": _month_year,
    "since_month_year": _since_month_year, "since_year": _since_year, "year": _year, "month": _month,
    "hours": _hours, "next_week": _next_week, "last_week": _last_week, "end_of_week": _end_of_week,
    "same_day": _same_day, "now": _now, "yesterday": _yesterday, "tomorrow": _tomorrow, "weekday": _weekday,
    **{name: _vague(lo, hi) for name, _, lo, hi in VAGUE_HORIZONS},
}


def resolve(kind: str, groups: dict, published: date, *, direction: str = "unknown",
            previous: Span | None = None) -> Resolved:
    """The [start, end] days an expression stands for, given the publication date, and the basis.

    `direction` ('past', 'future' or 'unknown', from weekday_direction) only matters for a bare weekday;
    `previous` (the last explicit date earlier in the article) only for "le même jour".
    """
    resolver = RESOLVERS.get(kind)
    if resolver is None:
        raise ValueError(f"unknown kind {kind}")
    return resolver(groups, published, direction, previous)


def find_expressions(text: str) -> list[tuple[str, int, int, dict]]:
    """(kind, start, end, groups) of every time expression in a text, longest-first without overlaps."""
    found = []
    for kind, pattern in PATTERNS:
        for m in re.finditer(pattern, text, flags=re.IGNORECASE):
            if any(s < m.end() and m.start() < e for _, s, e, _ in found):
                continue
            found.append((kind, m.start(), m.end(), {k: (v.lower() if v else v) for k, v in m.groupdict().items()}))
    return sorted(found, key=lambda f: f[1])


def time_expressions(corpus: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Every time expression of the cleaned texts, resolved against the article's publication date.

    Columns: article_id, sent_idx, text, time_kind (date | interval | relative | vague), start_char, end_char
    (offsets in the cleaned text), value_start, value_end (the days it stands for; value_end empty when open-ended),
    basis (how it was resolved).
    """
    rows = []
    for row in corpus.itertuples():
        published = row.published.date()
        toks = tokens[tokens["article_id"] == row.article_id]
        sents = sentences[sentences["article_id"] == row.article_id]
        previous = None
        for kind, start, end, groups in find_expressions(row.text):
            sent = sents[(sents["start_char"] <= start) & (sents["end_char"] >= end)]
            sent_idx = int(sent["sent_idx"].iloc[0]) if len(sent) else None
            direction = weekday_direction(toks, start, end) if kind == "weekday" else "unknown"
            s, e, basis = resolve(kind, groups, published, direction=direction, previous=previous)
            if kind in ("day_month_year", "day_month") and s is not None:
                previous = (s, e)
            rows.append({"article_id": row.article_id, "sent_idx": sent_idx, "text": row.text[start:end],
                         "time_kind": KIND.get(kind, "vague"), "start_char": start, "end_char": end, "value_start": s,
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

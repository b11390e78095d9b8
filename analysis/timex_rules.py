"""The resolution rules of the time expressions: one resolver per family, each a pure function of the
expression's matched groups and its `Context` (the day it counts from, the tense of its verb, the day in focus).

Conventions (each resolver's `basis` says which it applied):
- deictic expressions ("demain", "la semaine prochaine", "dans deux semaines", "très bientôt") count from the
  anchor: the publication day, or the day a statement was made when they sit in reported speech that the
  sentence dates (analysis.timex_anchor);
- weeks are calendar weeks, Monday to Sunday; "vendredi prochain" / "jeudi dernier" are the weekday of the next /
  previous calendar week; "ce vendredi" the weekday of the anchor's week;
- anaphoric expressions ("le lendemain", "dans la soirée", "quelques heures plus tôt", "le même jour") take the
  day in focus: the last single day the narration named before them; "la veille" is the day before the anchor;
- "à la veille de X" / "au lendemain de X" are the day before / after the day X names, else the day after / before
  the day in focus for a demonstrative ("ce vote"), else the day of the sentence's other dated event, else the
  anchor for a verb in the present; an event nothing dates is no time expression;
- a bare month is the latest such month up to the anchor unless the phrase points forward ("pour mars",
  "mars prochain", a verb in the future, "pourrait"/"devrait"); "début", "mi-", "fin" are days 1–10, 11–20 and
  21 to the end of a month, months 1–4, 5–8, 9–12 of a year;
- deadlines ("jusqu'au 3 mai", "d'ici la fin de l'année", "d'ici deux semaines", "d'ici là") run from the anchor;
  "depuis X" runs from X to the anchor; "à partir de X" is open-ended; a weekday after "jusqu'à" points forward;
- "dans N jours/semaines" is that day, "dans N mois/ans" that month or year; "dans les N prochains jours" the N
  days after the anchor; "huit jours" is a week and "quinze jours" a fortnight;
- a weekday followed by a date or holiday of that weekday in apposition takes it ("mercredi, jour de Noël");
- vague horizons get explicit intervals (timex_resources.VAGUE_HORIZONS): a convention, not a fact.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .timex_resources import (
    DEMONSTRATIVES,
    HOLIDAYS,
    INCLUSIVE_DAY_COUNTS,
    MONTH_PARTS,
    MONTHS,
    NUMBER_WORDS,
    UNITS,
    VAGUE_HORIZONS,
    YEAR_PARTS,
)

Span = tuple[date, date]  # first and last day, inclusive
Resolved = tuple[date | None, date | None, str]  # (first day, last day, basis)


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against."""
    published: date
    anchor: date | None = None        # the day deictic words count from (default: publication)
    anchor_name: str = "publication"  # how the basis names the anchor
    direction: str = "unknown"        # past | future | unknown: the tense of the governing verb
    future_tense: bool = False        # the governing verb is in the future tense proper
    present_tense: bool = False       # the governing verb is in the present
    deadline: bool = False            # "jusqu'à jeudi": points forward whatever the tense
    focus: date | None = None         # the day in focus: the last single day the narration named
    previous: Span | None = None      # the last expression resolved before this one
    sentence_day: date | None = None  # another single day named in the same sentence
    np_day: date | None = None        # the day the noun phrase of "à la veille de …" names itself

    @property
    def now(self) -> date:
        return self.anchor or self.published


# --- calendar -----------------------------------------------------------------------------------------------
def month_span(year: int, month: int) -> Span:
    """First and last day of a month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def week(d: date, offset_weeks: int = 0) -> Span:
    """Monday to Sunday of the week of `d`, shifted by `offset_weeks`."""
    monday = d - timedelta(days=d.weekday()) + timedelta(weeks=offset_weeks)
    return monday, monday + timedelta(days=6)


def add_months(d: date, n: int) -> date:
    """`d` moved by `n` calendar months (the day clipped to the month's length)."""
    y, m = divmod(d.month - 1 + n, 12)
    last = month_span(d.year + y, m + 1)[1].day
    return date(d.year + y, m + 1, min(d.day, last))


def _month_year(month: int, now: date, *, forward: bool = False, strict: bool = False, back: bool = False) -> int:
    """The year of a month named without one: latest up to `now`, or (forward) the first from `now`'s month on
    (strict: after it), or (back) the latest strictly before `now`'s month."""
    if forward:
        return now.year + (month < now.month or (strict and month == now.month))
    return now.year - (month > now.month or (back and month == now.month))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def amount(groups: dict) -> tuple[int, str]:
    """(count, unit) of "deux semaines", "huit jours" (a week), "quinze jours" (a fortnight)."""
    n, unit = _number(groups["n"]), UNITS[groups.get("unit") or groups["unit2"]]
    if unit == "day":
        n = INCLUSIVE_DAY_COUNTS.get(n, n)
    return n, unit


def shift(d: date, n: int, unit: str) -> date:
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    return add_months(d, n * (12 if unit == "year" else 1))


def holiday_day(name: str, year: int) -> date:
    """The day of a holiday in a year (HOLIDAYS: fixed day, n-th weekday of a month, or Easter + offset)."""
    rule = HOLIDAYS[name]
    if rule[0] == "fixed":
        return date(year, rule[1], rule[2])
    if rule[0] == "nth_weekday":
        first = date(year, rule[1], 1)
        return first + timedelta(days=(rule[2] - first.weekday()) % 7 + 7 * (rule[3] - 1))
    a, b, c = year % 19, year // 100, year % 100  # Easter: the anonymous Gregorian algorithm
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (a + 11 * h) // 319
    r = (2 * e + 2 * i - k - h + m + 32) % 7
    n = (h - m + r + 90) // 25
    return date(year, n, (h - m + r + n + 19) % 32) + timedelta(days=rule[1])


def _nearest(candidates: list[date], now: date, forward: bool) -> date:
    if forward:
        ahead = [c for c in candidates if c >= now]
        return min(ahead) if ahead else max(candidates)
    return min(candidates, key=lambda c: abs((c - now).days))


def _explicit_day(groups: dict, ctx: Context) -> tuple[date, str]:
    """The day of "le 3 mai 2024", "lundi 3 mars", "le 1er mars": a year not given is the one that puts
    the day closest to the anchor."""
    day, month = (1 if groups["day"] == "1er" else int(groups["day"])), MONTHS[groups["month"]]
    if groups.get("year"):
        return date(int(groups["year"]), month, day), "explicit date"
    now = ctx.now
    d = _nearest([date(y, month, day) for y in (now.year - 1, now.year, now.year + 1)], now, ctx.deadline)
    return d, f"day and month; year {d.year} is the one closest to {ctx.anchor_name}"


def _named_month(groups: dict, ctx: Context, *, forward: bool = False) -> tuple[int, int, str]:
    """(year, month, how the year was chosen) of a month named with or without a year."""
    month = MONTHS[groups["month"]]
    if groups.get("year"):
        return int(groups["year"]), month, "explicit month"
    forward = forward or ctx.future_tense
    if forward:
        return (_month_year(month, ctx.now, forward=True), month,
                f"month pointing forward: the first such month from {ctx.anchor_name} on")
    return _month_year(month, ctx.now), month, f"month without year: the latest such month up to {ctx.anchor_name}"


def _part_of_month(year: int, month: int, part: str | None) -> Span:
    first, last = month_span(year, month)
    if not part:
        return first, last
    lo, hi = MONTH_PARTS[part.strip(" -")]
    return date(year, month, lo), (last if hi is None else date(year, month, hi))


# --- explicit dates, months, years ---------------------------------------------------------------------------
def _day_month(groups: dict, ctx: Context) -> Resolved:
    d, basis = _explicit_day(groups, ctx)
    return d, d, basis


def _deadline_date(groups: dict, ctx: Context) -> Resolved:
    d, basis = _explicit_day(groups, replace(ctx, deadline=True))
    return min(ctx.now, d), d, f"deadline: from {ctx.anchor_name} up to the day named ({basis})"


def _from_date(groups: dict, ctx: Context) -> Resolved:
    d, basis = _explicit_day(groups, ctx)
    return d, None, f"from the day named on, open-ended ({basis})"


def _since_date(groups: dict, ctx: Context) -> Resolved:
    d, basis = _explicit_day(groups, ctx)
    return d, ctx.now, f"from the day named up to {ctx.anchor_name} ({basis})"


def _from_month(groups: dict, ctx: Context) -> Resolved:
    year, month, basis = _named_month(groups, ctx, forward=True)
    return month_span(year, month)[0], None, f"from the first day of the month on, open-ended ({basis})"


def _since_month(groups: dict, ctx: Context) -> Resolved:
    year, month, basis = _named_month(groups, ctx)
    start, _ = _part_of_month(year, month, groups.get("part") or groups.get("part2"))
    return start, ctx.now, f"from the month named up to {ctx.anchor_name} ({basis})"


def _deadline_month(groups: dict, ctx: Context) -> Resolved:
    year, month, basis = _named_month(groups, ctx, forward=True)
    _, end = _part_of_month(year, month, groups.get("part"))
    return ctx.now, end, f"deadline: from {ctx.anchor_name} to the end of the month named ({basis})"


def _month_part(groups: dict, ctx: Context) -> Resolved:
    year, month, basis = _named_month(groups, ctx)
    part = groups["part"].strip(" -")
    if part == "courant":
        s, e = month_span(year, month)
        return s, e, f"'courant' + month: the whole month ({basis})"
    s, e = _part_of_month(year, month, part)
    return s, e, f"'{part}' + month: days {s.day}–{e.day} ({basis})"


def _month_year_rule(groups: dict, ctx: Context) -> Resolved:
    s, e = month_span(int(groups["year"]), MONTHS[groups["month"]])
    return s, e, "explicit month"


def _since_year(groups: dict, ctx: Context) -> Resolved:
    return date(int(groups["year"]), 1, 1), ctx.now, f"from the year named to {ctx.anchor_name}"


def _year(groups: dict, ctx: Context) -> Resolved:
    y = int(groups.get("year") or groups["old_year"])
    return date(y, 1, 1), date(y, 12, 31), "explicit year"


def _month(groups: dict, ctx: Context) -> Resolved:
    month, rel = MONTHS[groups["month"]], (groups.get("rel") or "").strip()
    if rel == "prochain":
        year, basis = _month_year(month, ctx.now, forward=True, strict=True), "month with 'prochain': the next one"
    elif rel == "dernier":
        year, basis = _month_year(month, ctx.now, back=True), "month with 'dernier': the last one before this month"
    else:
        year, _, basis = _named_month(groups, ctx, forward=(groups.get("prep") or "").strip() in ("pour", "dès"))
    s, e = month_span(year, month)
    return s, e, basis


def _holiday(groups: dict, ctx: Context) -> Resolved:
    name, now = groups["holiday"], ctx.now
    d = _nearest([holiday_day(name, y) for y in (now.year - 1, now.year, now.year + 1)], now,
                 ctx.deadline or ctx.future_tense)
    return d, d, f"holiday ({name}): the occurrence closest to {ctx.anchor_name}"


def _year_part(groups: dict, ctx: Context) -> Resolved:
    year, part = int(groups["year"]), groups["part"].strip(" -")
    lo, hi = YEAR_PARTS[part]
    return date(year, lo, 1), month_span(year, hi)[1], f"'{part}' + year: months {lo}–{hi}"


def _deadline_year_part(groups: dict, ctx: Context) -> Resolved:
    _, end, basis = _year_part(groups, ctx)
    return min(ctx.now, end), end, f"deadline: from {ctx.anchor_name} to the end of the part of the year ({basis})"


RULES = {
    "day_month": _day_month, "deadline_date": _deadline_date, "from_date": _from_date, "since_date": _since_date,
    "from_month": _from_month, "since_month": _since_month, "deadline_month": _deadline_month,
    "month_part": _month_part, "month_year": _month_year_rule, "since_year": _since_year, "year": _year,
    "month": _month, "holiday": _holiday, "year_part": _year_part, "deadline_year_part": _deadline_year_part,
}
VAGUE = {name: (lo, hi) for name, _, lo, hi in VAGUE_HORIZONS}


def vague(name: str, ctx: Context) -> Resolved:
    """A vague horizon: the anchor + `lo` days to the anchor + `hi` days (None: open-ended), by convention."""
    lo, hi = VAGUE[name]
    if hi is None:
        return (ctx.now + timedelta(days=lo), None,
                f"vague horizon, by convention from {ctx.anchor_name} {lo:+d} day, open-ended")
    return (ctx.now + timedelta(days=lo), ctx.now + timedelta(days=hi),
            f"vague horizon, by convention {ctx.anchor_name} {lo:+d} to {f'+{hi}' if hi > 0 else hi} days")


def is_demonstrative(np: str | None) -> bool:
    """"ce vote", "cette réunion": a noun phrase that points back to what the text just described."""
    return bool(np) and np.split()[0].lower() in DEMONSTRATIVES

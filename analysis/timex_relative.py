"""Resolvers of relative time expressions: weekdays, weeks, horizons, deictic and anaphoric days.

Each takes the expression's matched groups and its Context (analysis.timex_rules) and returns (first day,
last day, basis). The conventions are those listed in analysis.timex_rules.
"""
from __future__ import annotations

from datetime import date, timedelta

from .timex_resources import SEASONS, WEEK_PARTS, WEEKDAYS
from .timex_rules import Context, Resolved, add_months, amount, is_demonstrative, month_span, shift, week

DAY = timedelta(days=1)


def _single(d: date | None, basis: str) -> Resolved:
    return (d, d, basis) if d is not None else (None, None, basis)


# --- weekdays -------------------------------------------------------------------------------------------------
def _weekday(groups: dict, ctx: Context) -> Resolved:
    # A bare weekday is the one before or after the anchor: a deadline points forward, else the verb's tense
    # (`direction`) decides, else the nearer of the two.
    name, now = groups["weekday"], ctx.now
    delta = (WEEKDAYS[name] - now.weekday()) % 7
    if delta == 0:
        return now, now, f"the weekday of {ctx.anchor_name}: that day (news usage)"
    past, future = now - timedelta(days=7 - delta), now + timedelta(days=delta)
    if ctx.deadline:
        return future, future, f"the {name} after {ctx.anchor_name} (a deadline points forward)"
    if ctx.direction == "past":
        return past, past, f"the {name} before {ctx.anchor_name} (past tense)"
    if ctx.direction == "future":
        return future, future, f"the {name} after {ctx.anchor_name} (present or future tense)"
    d = past if (now - past) <= (future - now) else future
    return d, d, f"the nearest {name} to {ctx.anchor_name} (tense unknown)"


def _weekday_rel(groups: dict, ctx: Context) -> Resolved:
    name, rel = groups["weekday"], groups["rel"]
    if rel in ("suivant", "précédent"):
        ref = ctx.focus or ctx.now
        step = 1 if rel == "suivant" else -1
        d = ref + timedelta(days=step)
        while d.weekday() != WEEKDAYS[name]:
            d += timedelta(days=step)
        return d, d, f"'{name} {rel}': the first {name} {'after' if step > 0 else 'before'} the day in focus"
    offset = 1 if rel == "prochain" else -1
    d = week(ctx.now, offset)[0] + timedelta(days=WEEKDAYS[name])
    return d, d, f"'{name} {rel}': the {name} of the calendar week {'after' if offset > 0 else 'before'} " \
                 f"{ctx.anchor_name}'s"


def _this_weekday(groups: dict, ctx: Context) -> Resolved:
    name, now = groups["weekday"], ctx.now
    d = week(now)[0] + timedelta(days=WEEKDAYS[name])
    if d < now and ctx.direction == "future" and not ctx.present_tense:
        d += timedelta(weeks=1)
    elif d > now and ctx.direction == "past":
        d -= timedelta(weeks=1)
    return d, d, f"'ce {name}': the {name} of {ctx.anchor_name}'s calendar week"


def _since_weekday(groups: dict, ctx: Context) -> Resolved:
    name, now = groups["weekday"], ctx.now
    d = now - timedelta(days=(now.weekday() - WEEKDAYS[name]) % 7 or 7)
    return d, now, f"from the last {name} up to {ctx.anchor_name}"


# --- weeks, months, years of the anchor -------------------------------------------------------------------------
def _unit_span(unit: str, d: date, offset: int) -> tuple[date, date]:
    if unit == "semaine":
        return week(d, offset)
    if unit == "week-end":
        monday = week(d, offset)[0]
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if unit.startswith("mois"):
        m = add_months(d.replace(day=1), offset)
        return month_span(m.year, m.month)
    return date(d.year + offset, 1, 1), date(d.year + offset, 12, 31)


UNIT_NAMES = {"semaine": "calendar week (Monday to Sunday)", "week-end": "weekend (Saturday and Sunday)",
              "mois": "calendar month", "mois-ci": "calendar month", "année": "calendar year", "an": "calendar year"}


def _unit_offset(groups: dict, ctx: Context) -> Resolved:
    unit, rel = groups["unit"], groups["rel"]
    offset = 1 if rel.startswith(("proch", "suiv")) else -1
    ref, ref_name = ctx.now, ctx.anchor_name
    if rel.startswith(("suiv", "préc")) and ctx.focus:
        ref, ref_name = ctx.focus, "the day in focus"
    s, e = _unit_span(unit, ref, offset)
    return s, e, f"the {UNIT_NAMES[unit]} {'after' if offset > 0 else 'before'} {ref_name}'s"


def _unit_this(groups: dict, ctx: Context) -> Resolved:
    s, e = _unit_span(groups["unit"], ctx.now, 0)
    return s, e, f"the {UNIT_NAMES[groups['unit']]} of {ctx.anchor_name}"


def _unit_part(groups: dict, ctx: Context) -> Resolved:
    rel = (groups.get("rel") or "").strip()
    monday = week(ctx.now, {"prochaine": 1, "dernière": -1}.get(rel, 0))[0]
    lo, hi = WEEK_PARTS[groups["part"]]
    s, e = monday + timedelta(days=lo), monday + timedelta(days=hi)
    return max(s, ctx.now) if not rel else s, e, f"'{groups['part']} de semaine': {s:%A} to {e:%A} of the week"


def _deadline_end(groups: dict, ctx: Context) -> Resolved:
    unit, later = groups["unit"], 1 if groups.get("rel") else 0
    key = "semaine" if "semaine" in unit else "mois" if "mois" in unit else "année"
    _, end = _unit_span(key, ctx.now, later)
    return ctx.now, end, f"deadline: from {ctx.anchor_name} to the end of the {UNIT_NAMES[key]}"


def _season_span(name: str, year: int) -> tuple[date, date]:
    (m1, d1), (m2, d2) = SEASONS[name]
    return date(year, m1, d1), date(year + (m2 < m1), m2, d2)


def _season(groups: dict, ctx: Context) -> Resolved:
    name, now = groups.get("season") or groups.get("season2") or groups["season3"], ctx.now
    if groups.get("year"):
        s, e = _season_span(name, int(groups["year"]))
        return s, e, f"the {name} of the year named"
    spans = [_season_span(name, y) for y in (now.year - 2, now.year - 1, now.year, now.year + 1)]
    rel = groups.get("rel")
    if rel == "dernier":
        s, e = [sp for sp in spans if sp[1] < now][-1]
    elif rel == "prochain":
        s, e = [sp for sp in spans if sp[0] > now][0]
    else:  # "cet été": the one that holds the anchor, else the one of its year
        s, e = next((sp for sp in spans if sp[0] <= now <= sp[1]), _season_span(name, now.year))
    if rel:
        return s, e, f"'{name} {rel}': the {'last' if rel == 'dernier' else 'next'} {name} from {ctx.anchor_name}"
    return s, e, f"this {name}: the one that holds {ctx.anchor_name}, else the one of its year"


# --- horizons ---------------------------------------------------------------------------------------------------
def _hours(groups: dict, ctx: Context) -> Resolved:
    # Hours become whole days, rounded up (-(-h // 24) is ceiling division); never earlier than the next day.
    h1, h2 = int(groups["h1"]), int(groups["h2"])
    return (ctx.now + timedelta(days=max(1, -(-h1 // 24))), ctx.now + timedelta(days=-(-h2 // 24)),
            f"{h1} to {h2} hours after {ctx.anchor_name}, as days")


def _horizon_range(groups: dict, ctx: Context) -> Resolved:
    n, unit = amount(groups)
    return ctx.now + DAY, shift(ctx.now, n, unit), f"the next {n} {unit}(s) after {ctx.anchor_name}"


def _horizon_by(groups: dict, ctx: Context) -> Resolved:
    n, unit = amount(groups)
    return ctx.now, shift(ctx.now, n, unit), f"'d'ici': from {ctx.anchor_name} to {n} {unit}(s) later"


def _point(d: date, unit: str) -> tuple[date, date]:
    if unit == "month":
        return month_span(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


def _horizon_in(groups: dict, ctx: Context) -> Resolved:
    n, unit = amount(groups)
    s, e = _point(shift(ctx.now, n, unit), unit)
    return s, e, f"{n} {unit}(s) after {ctx.anchor_name} (the day; the month or year for months and years)"


def _ago(groups: dict, ctx: Context) -> Resolved:
    n, unit = amount(groups)
    s, e = _point(shift(ctx.now, -n, unit), unit)
    return s, e, f"{n} {unit}(s) before {ctx.anchor_name}"


# --- deictic and anaphoric days -----------------------------------------------------------------------------------
def _now(groups: dict, ctx: Context) -> Resolved:
    return ctx.now, ctx.now, f"the day of {ctx.anchor_name}"


def _yesterday(groups: dict, ctx: Context) -> Resolved:
    n = 2 if groups["word"] == "avant-hier" else 1
    return _single(ctx.now - n * DAY, f"{n} day(s) before {ctx.anchor_name}")


def _tomorrow(groups: dict, ctx: Context) -> Resolved:
    n = 2 if groups["word"] == "après-demain" else 1
    return _single(ctx.now + n * DAY, f"{n} day(s) after {ctx.anchor_name}")


def _this_part(groups: dict, ctx: Context) -> Resolved:
    if groups.get("part3"):  # "cette nuit": the night just past
        return ctx.now - DAY, ctx.now, f"the night before {ctx.anchor_name}"
    return ctx.now, ctx.now, f"a part of the day of {ctx.anchor_name}"


def _focus(ctx: Context) -> tuple[date, str]:
    if ctx.focus is not None:
        return ctx.focus, "the day in focus (the last day the text named)"
    return ctx.now, f"the day of {ctx.anchor_name} (no day named before)"


def _day_part(groups: dict, ctx: Context) -> Resolved:
    d, basis = _focus(ctx)
    return d, d, f"anaphoric: {basis}"


def _night(groups: dict, ctx: Context) -> Resolved:
    if groups.get("w1"):
        end = _weekday({"weekday": groups["w2"]}, Context(ctx.published, ctx.anchor, direction=ctx.direction))[0]
        return end - DAY, end, "the night between the two weekdays named"
    if ctx.focus is not None:
        return ctx.focus, ctx.focus + DAY, "anaphoric: the night after the day in focus"
    return ctx.now - DAY, ctx.now, f"the night before {ctx.anchor_name}"


def _event_day(groups: dict, ctx: Context, shift: int) -> Resolved:
    """"à la veille de X" (shift -1), "au lendemain de X" (+1): the day X names, else the day of the sentence's
    event (another day in the sentence, or the anchor for a verb in the present), else undated."""
    np = groups.get("np")
    if ctx.np_day is not None:
        return _single(ctx.np_day + shift * DAY, "a day before or after the day the phrase names")
    if is_demonstrative(np) and ctx.focus is not None:
        return _single(ctx.focus + shift * DAY, "a day before or after the day in focus ('ce vote')")
    if ctx.sentence_day is not None:
        return _single(ctx.sentence_day, "the day the sentence's event happened, which the phrase places")
    if ctx.present_tense or ctx.direction == "unknown":
        return _single(ctx.now, f"a verb in the present (or no tense): the day of {ctx.anchor_name}")
    return None, None, "an event the text does not date"


def _eve(groups: dict, ctx: Context) -> Resolved:
    n = 2 if groups["word"] == "avant-veille" else 1
    if groups.get("np"):
        return _event_day(groups, ctx, -n)
    return _single(ctx.now - n * DAY, f"{n} day(s) before {ctx.anchor_name}")


def _morrow(groups: dict, ctx: Context) -> Resolved:
    n = 2 if groups["word"] == "surlendemain" else 1
    if groups.get("np"):
        return _event_day(groups, ctx, n)
    d, basis = _focus(ctx)
    return _single(d + n * DAY, f"{n} day(s) after {basis}")


def _until_then(groups: dict, ctx: Context) -> Resolved:
    if ctx.previous is None or ctx.previous[1] is None:
        return None, None, "'d'ici là' with no day named before"
    return min(ctx.now, ctx.previous[1]), ctx.previous[1], f"from {ctx.anchor_name} to the day just named"


RELATIVE_RULES = {
    "weekday": _weekday, "weekday_rel": _weekday_rel, "this_weekday": _this_weekday,
    "since_weekday": _since_weekday, "unit_offset": _unit_offset, "unit_this": _unit_this,
    "unit_part": _unit_part, "deadline_end": _deadline_end, "hours": _hours, "horizon_range": _horizon_range,
    "horizon_by": _horizon_by, "horizon_in": _horizon_in, "ago": _ago, "now": _now, "yesterday": _yesterday,
    "tomorrow": _tomorrow, "this_part": _this_part, "day_part": _day_part, "night": _night, "eve": _eve,
    "morrow": _morrow, "until_then": _until_then, "season": _season,
}

"""Actors: canonical people and institutions (data/actors.csv), the offices they hold (data/offices.csv) and
their mentions in the texts, by name or role (pronouns and the use of each mention: analysis.mentions)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .errors import CorpusError

ACTOR_COLUMNS = ["actor", "actor_kind", "camp", "gender", "number", "description", "names", "roles"]
OPTIONAL_COLUMNS = ["member_of"]
OFFICE_COLUMNS = ["office", "aliases", "holders"]
# "Donald Trump 2017-01-20..2021-01-20": a holder and the days of the tenure (an open end: still in office).
HOLDER = re.compile(r"^(?P<actor>.+?)\s+(?P<start>\d{4}-\d{2}-\d{2})\.\.(?P<end>\d{4}-\d{2}-\d{2})?$")
CAMPS = ("russia", "usa", "ukraine", "europe", "other")
ACTOR_KINDS = ("person", "institution", "group", "state")
# Separators allowed between a role and the name in apposition: "le chef du Kremlin, Vladimir Poutine".
APPOSITION_GAP = r"^[\s,]*$"


def load_actors(path: Path | str | None = None, offices: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the actor table; `names` and `roles` become lists of aliases, and `offices` the
    actor's tenures of the offices of `offices.csv` (default: the one beside `path`, else the project's)."""
    path = Path(path) if path else paths.ACTORS_CSV
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ACTOR_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    for column in OPTIONAL_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    unknown = table[(table["member_of"] != "") & ~table["member_of"].isin(table["actor"])]
    if len(unknown):
        row = unknown.iloc[0]
        raise CorpusError(path, f"actor {row['actor']!r} is member_of {row['member_of']!r}, which is not an actor",
                          "name an actor of the table, or leave member_of empty")
    for column, allowed in (("camp", CAMPS), ("actor_kind", ACTOR_KINDS)):
        bad = table[~table[column].isin(allowed)]
        if len(bad):
            row = bad.iloc[0]
            raise CorpusError(path, f"actor {row['actor']!r} has unknown {column} {row[column]!r}",
                              f"use one of {', '.join(allowed)}")
    table["names"] = table["names"].map(lambda s: [a for a in s.split("|") if a])
    table["roles"] = table["roles"].map(lambda s: [a for a in s.split("|") if a])
    office_path = Path(offices) if offices else paths.curated("offices.csv", path.parent)
    tenures = load_offices(office_path, set(table["actor"]))
    table["offices"] = [tenures.get(a, []) for a in table["actor"]]
    return table[ACTOR_COLUMNS + OPTIONAL_COLUMNS + ["offices"]]


def load_offices(path: Path, known: set[str]) -> dict[str, list[tuple[str, str, str]]]:
    """The offices of `offices.csv` as actor → [(alias, first day, last day or "")]: the roles that designate
    whoever holds the office on the day the text speaks of ("un président américain en 2021")."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in OFFICE_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in table.itertuples():
        for holder in (h.strip() for h in row.holders.split("|") if h.strip()):
            m = HOLDER.match(holder)
            if not m:
                raise CorpusError(path, f"{row.office}: holder {holder!r} is not 'Name YYYY-MM-DD..[YYYY-MM-DD]'",
                                  "write each holder as 'Donald Trump 2025-01-20..' (an open end: still in office)")
            if m["actor"] not in known:
                raise CorpusError(path, f"{row.office}: holder {m['actor']!r} is not in the actor table",
                                  "add the actor to actors.csv, or give the data folder an offices.csv of its own")
            for alias in (a for a in row.aliases.split("|") if a):
                out.setdefault(m["actor"], []).append((alias, m["start"], m["end"] or ""))
    return out


WORD_START = r"(?<!\w)"


def alias_pattern(alias: str) -> str:
    """Regex for an alias: spaces and hyphens interchangeable, word boundaries at both ends."""
    return WORD_START + _alias_body(alias)


def _alias_body(alias: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s-]+", alias)]
    return r"[\s-]+".join(parts) + r"(?!\w)"


def aliases_pattern(aliases: list[str]) -> re.Pattern:
    """One case-insensitive regex for aliases tried in order: the alternation of their alias_pattern, with the
    word-start test they share tested once per position rather than once per alias (ten times faster)."""
    if not aliases:
        return re.compile("", re.IGNORECASE)
    return re.compile(WORD_START + "(?:" + "|".join(f"(?:{_alias_body(a)})" for a in aliases) + ")", re.IGNORECASE)


def compile_aliases(actors: pd.DataFrame) -> tuple[re.Pattern, dict[str, tuple]]:
    """One regex over every alias of the actor table (longest first) and alias → (actor, is_role, tenures);
    an office's alias has no actor and the tenures of its holders, [(actor, first day, last day or "")]."""
    lookup: dict[str, tuple] = {}
    offices = actors["offices"] if "offices" in actors.columns else [[]] * len(actors)
    for actor, names, roles in zip(actors["actor"], actors["names"], actors["roles"]):
        for alias in names:
            lookup[alias.lower()] = (actor, False, ())
        for alias in roles:
            lookup.setdefault(alias.lower(), (actor, True, ()))
    for actor, tenures in zip(actors["actor"], offices):
        for alias, start, end in tenures:
            _, _, held = lookup.get(alias.lower(), (None, True, ()))
            lookup[alias.lower()] = (None, True, held + ((actor, start, end),))
    # Longest aliases first, so "ex-président américain" wins over "président américain".
    ordered = sorted(lookup, key=len, reverse=True)
    pattern = aliases_pattern(ordered)
    return pattern, {re.sub(r"[\s-]+", " ", a): v for a, v in lookup.items()}


def holder(tenures: tuple, start: pd.Timestamp | None, end: pd.Timestamp | None = None) -> str | None:
    """Who held an office over the days [start, end] (the longest overlap), or on no day given, who holds it
    now (the open tenure); None when nobody in the table did."""
    if start is None or pd.isna(start):
        current = [a for a, _, last in tenures if not last]
        return current[-1] if current else None
    end = start if end is None or pd.isna(end) else end
    best, days = None, 0
    for actor, first, last in tenures:
        lo = max(pd.Timestamp(first), start)
        hi = min(pd.Timestamp(last) if last else end, end)
        overlap = (hi - lo).days + 1
        if overlap > days:
            best, days = actor, overlap
    return best


def find_mentions(text: str, actors: pd.DataFrame, *, compiled=None, when=None) -> list[dict]:
    """Actor mentions in one text: start, end, surface, actor, mention_kind (name|role), tenures.

    An office ("le président américain") designates its holder on the days `when(start, end)` returns for
    the mention, (first day, last day), or (None, None) for the holder now (the default); a mention for which
    `when` returns None, or whose office nobody held on those days, is left out.
    A role directly followed by a name ("le président russe Vladimir Poutine") is one mention of
    the name; a name followed by its own role ("Iouri Ouchakov, conseiller diplomatique ...") too.
    """
    pattern, lookup = compiled or compile_aliases(actors)
    merged: list[dict] = []
    for m in pattern.finditer(text):
        actor, is_role, tenures = lookup[re.sub(r"[\s-]+", " ", m.group(0).lower())]
        if tenures:
            days = when(m.start(), m.end()) if when else (None, None)
            actor = holder(tenures, *days) if days is not None else None
            if actor is None:
                continue
        mention = {"start": m.start(), "end": m.end(), "surface": m.group(0), "actor": actor,
                   "mention_kind": "role" if is_role else "name", "tenures": tenures}
        if merged and _same_person_in_apposition(text, merged[-1], mention):
            prev = merged[-1]
            name = mention if prev["mention_kind"] == "role" else prev
            merged[-1] = {"start": prev["start"], "end": mention["end"], "surface": text[prev["start"]:mention["end"]],
                          "actor": name["actor"], "mention_kind": "name", "tenures": ()}
            continue
        merged.append(mention)
    return merged


def _same_person_in_apposition(text: str, prev: dict, mention: dict) -> bool:
    """A role then a name ("le chef du Kremlin, Vladimir Poutine"), or a name then its own role."""
    if not re.match(APPOSITION_GAP, text[prev["end"]:mention["start"]]):
        return False
    role_then_name = prev["mention_kind"] == "role" and mention["mention_kind"] == "name"
    name_then_own_role = (prev["mention_kind"] == "name" and mention["mention_kind"] == "role"
                          and prev["actor"] == mention["actor"])
    return role_then_name or name_then_own_role


def resolve_actor(surface: str, actors: pd.DataFrame) -> str | None:
    """The canonical actor for a surface form ("M. Ouchakov" → "Iouri Ouchakov"), or None."""
    mentions = find_mentions(surface.strip(), actors)
    return mentions[-1]["actor"] if mentions else None


def assign_actors(tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """For each token, the actor whose mention covers it (None elsewhere). Linear in tokens and mentions."""
    out = np.full(len(tokens), None, dtype=object)
    starts_all = tokens["start_char"].to_numpy()
    ends_all = tokens["end_char"].to_numpy()
    positions = tokens.groupby("article_id", sort=False).indices
    for article_id, group in mentions.groupby("article_id", sort=False):
        idx = positions.get(article_id)
        if idx is None:
            continue
        starts, ends = starts_all[idx], ends_all[idx]
        ordered = bool((np.diff(starts) >= 0).all() and (np.diff(ends) >= 0).all())  # text order: a range, bisected
        for m_start, m_end, actor in zip(group["start_char"], group["end_char"], group["actor"]):
            if ordered:
                out[idx[np.searchsorted(starts, m_start, "left"):np.searchsorted(ends, m_end, "right")]] = actor
            else:
                out[idx[(starts >= m_start) & (ends <= m_end)]] = actor
    return pd.Series(out, index=tokens.index, name="actor")


def voices(actors: pd.DataFrame) -> dict[str, set[str]]:
    """Actor → the actors it speaks with: itself and those it is a member of, up the `member_of` chain
    (Iouri Ouchakov → {Iouri Ouchakov, Kremlin, Russie})."""
    parent = dict(zip(actors["actor"], actors["member_of"] if "member_of" in actors.columns else [""] * len(actors)))
    out = {}
    for actor in parent:
        chain, a = {actor}, parent.get(actor)
        while a and a not in chain:
            chain.add(a)
            a = parent.get(a)
        out[actor] = chain
    return out


def same_voice(a: str | None, b: str | None, chains: dict[str, set[str]]) -> bool:
    """Whether a statement by `a` speaks for `b` or the other way round: the same actor, or one a member of the
    other (the Kremlin and its adviser Iouri Ouchakov; not the Kremlin and Donald Trump). Unknown speakers
    (names the actor table lacks) speak only for themselves."""
    if not isinstance(a, str) or not isinstance(b, str) or not a or not b:
        return False
    return a == b or a in chains.get(b, {b}) or b in chains.get(a, {a})

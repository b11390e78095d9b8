"""Actors: canonical people and institutions (data/actors.csv) and their mentions in the texts."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .errors import CorpusError

ACTOR_COLUMNS = ["actor", "actor_kind", "camp", "gender", "number", "description", "names", "roles"]
CAMPS = ("russia", "usa", "ukraine", "europe", "other")
ACTOR_KINDS = ("person", "institution", "group", "state")
MENTION_COLUMNS = ["article_id", "start_char", "end_char", "surface", "actor", "camp", "mention_kind"]
# Separators allowed between a role and the name in apposition: "le chef du Kremlin, Vladimir Poutine".
APPOSITION_GAP = r"^[\s,]*$"


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the actor table; `names` and `roles` become lists of aliases."""
    path = Path(path) if path else paths.ACTORS_CSV
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ACTOR_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    for column, allowed in (("camp", CAMPS), ("actor_kind", ACTOR_KINDS)):
        bad = table[~table[column].isin(allowed)]
        if len(bad):
            row = bad.iloc[0]
            raise CorpusError(path, f"actor {row['actor']!r} has unknown {column} {row[column]!r}",
                              f"use one of {', '.join(allowed)}")
    table["names"] = table["names"].map(lambda s: [a for a in s.split("|") if a])
    table["roles"] = table["roles"].map(lambda s: [a for a in s.split("|") if a])
    return table


def alias_pattern(alias: str) -> str:
    """Regex for an alias: spaces and hyphens interchangeable, word boundaries at both ends."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", alias)]
    return r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)"


def compile_aliases(actors: pd.DataFrame) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    """One regex over every alias of the actor table (longest first) and alias → (actor, is_role)."""
    lookup: dict[str, tuple[str, bool]] = {}
    for actor, names, roles in zip(actors["actor"], actors["names"], actors["roles"]):
        for alias in names:
            lookup[alias.lower()] = (actor, False)
        for alias in roles:
            lookup.setdefault(alias.lower(), (actor, True))
    # Longest aliases first, so "ex-président américain" wins over "président américain".
    ordered = sorted(lookup, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?:{alias_pattern(a)})" for a in ordered), re.IGNORECASE)
    return pattern, {re.sub(r"[\s-]+", " ", a): v for a, v in lookup.items()}


def find_mentions(text: str, actors: pd.DataFrame, *, compiled=None) -> list[dict]:
    """Actor mentions in one text: start, end, surface, actor, mention_kind (name|role).

    A role directly followed by a name ("le président russe Vladimir Poutine") is one mention of
    the name; a name followed by its own role ("Iouri Ouchakov, conseiller diplomatique ...") too.
    """
    pattern, lookup = compiled or compile_aliases(actors)
    merged: list[dict] = []
    for m in pattern.finditer(text):
        actor, is_role = lookup[re.sub(r"[\s-]+", " ", m.group(0).lower())]
        mention = {"start": m.start(), "end": m.end(), "surface": m.group(0), "actor": actor,
                   "mention_kind": "role" if is_role else "name"}
        if merged and _same_person_in_apposition(text, merged[-1], mention):
            prev = merged[-1]
            name = mention if prev["mention_kind"] == "role" else prev
            merged[-1] = {"start": prev["start"], "end": mention["end"], "surface": text[prev["start"]:mention["end"]],
                          "actor": name["actor"], "mention_kind": "name"}
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


def actor_mentions(corpus: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every actor mention in the cleaned texts: article_id, start_char, end_char, surface, actor, camp,
    mention_kind (name: a name of the actor; role: a description such as "le président russe")."""
    compiled = compile_aliases(actors)
    camp = dict(zip(actors["actor"], actors["camp"]))
    rows = [(a, m["start"], m["end"], m["surface"], m["actor"], camp[m["actor"]], m["mention_kind"])
            for a, text in zip(corpus["article_id"], corpus["text"])
            for m in find_mentions(text, actors, compiled=compiled)]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


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
        for m_start, m_end, actor in zip(group["start_char"], group["end_char"], group["actor"]):
            inside = (starts >= m_start) & (ends <= m_end)
            out[idx[inside]] = actor
    return pd.Series(out, index=tokens.index, name="actor")

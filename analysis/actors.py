"""Actors: canonical people and institutions (data/actors.csv) and their mentions in the texts."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .errors import CorpusError

ACTOR_COLUMNS = ["actor", "kind", "camp", "gender", "number", "description", "names", "roles"]
CAMPS = ("russia", "usa", "ukraine", "europe", "other")
KINDS = ("person", "institution", "group", "state")
# Separators allowed between a role and the name in apposition: "le chef du Kremlin, Vladimir Poutine".
APPOSITION_GAP = r"^[\s,]*$"


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the actor table; `names` and `roles` become lists of aliases."""
    path = Path(path) if path else paths.ACTORS_CSV
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ACTOR_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(path, f"columns missing: {', '.join(missing)}", "see the data dictionary in README.md")
    for row in table.itertuples():
        if row.camp not in CAMPS:
            raise CorpusError(path, f"actor {row.actor!r} has unknown camp {row.camp!r}", f"use one of {', '.join(CAMPS)}")
        if row.kind not in KINDS:
            raise CorpusError(path, f"actor {row.actor!r} has unknown kind {row.kind!r}", f"use one of {', '.join(KINDS)}")
    table["names"] = table["names"].map(lambda s: [a for a in s.split("|") if a])
    table["roles"] = table["roles"].map(lambda s: [a for a in s.split("|") if a])
    return table


def alias_pattern(alias: str) -> str:
    """Regex for an alias: spaces and hyphens interchangeable, word boundaries at both ends."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", alias)]
    return r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)"


@lru_cache(maxsize=4)
def _compiled(path: str) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    table = load_actors(path)
    lookup: dict[str, tuple[str, bool]] = {}
    for row in table.itertuples():
        for alias in row.names:
            lookup[alias.lower()] = (row.actor, False)
        for alias in row.roles:
            lookup.setdefault(alias.lower(), (row.actor, True))
    # Longest aliases first, so "ex-président américain" wins over "président américain".
    ordered = sorted(lookup, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?:{alias_pattern(a)})" for a in ordered), re.IGNORECASE)
    return pattern, {re.sub(r"[\s-]+", " ", a): v for a, v in lookup.items()}


def find_mentions(text: str, *, actors_path: Path | str | None = None) -> list[dict]:
    """Actor mentions in one text: start, end, surface, actor, via (name|role).

    A role directly followed by a name ("le président russe Vladimir Poutine") is one mention of
    the name; a name followed by its own role ("Iouri Ouchakov, conseiller diplomatique ...") too.
    """
    pattern, lookup = _compiled(str(actors_path or paths.ACTORS_CSV))
    found = []
    for m in pattern.finditer(text):
        actor, is_role = lookup[re.sub(r"[\s-]+", " ", m.group(0).lower())]
        found.append({"start": m.start(), "end": m.end(), "surface": m.group(0), "actor": actor,
                      "via": "role" if is_role else "name"})
    merged: list[dict] = []
    for mention in found:
        if merged and re.match(APPOSITION_GAP, text[merged[-1]["end"]:mention["start"]]):
            prev = merged[-1]
            role_then_name = prev["via"] == "role" and mention["via"] == "name"
            name_then_own_role = (prev["via"] == "name" and mention["via"] == "role"
                                  and prev["actor"] == mention["actor"])
            if role_then_name or name_then_own_role:
                name = mention if role_then_name else prev
                merged[-1] = {"start": prev["start"], "end": mention["end"],
                              "surface": text[prev["start"]:mention["end"]], "actor": name["actor"], "via": "name"}
                continue
        merged.append(mention)
    return merged


def actor_mentions(corpus: pd.DataFrame, *, actors_path: Path | str | None = None) -> pd.DataFrame:
    """Every actor mention in the cleaned texts: article_id, start_char, end_char, surface, actor, camp, via.

    Cached on disk (with the actor table's version) for the project's own actor table."""
    if actors_path:
        return _actor_mentions(corpus, actors_path)
    import hashlib

    from .cache import cached_table

    digest = hashlib.sha256("\x00".join(corpus["article_id"] + "\x01" + corpus["text"]).encode()).hexdigest()
    return cached_table("actor_mentions", [digest, len(corpus)], lambda: _actor_mentions(corpus, None)).copy()


def _actor_mentions(corpus: pd.DataFrame, actors_path) -> pd.DataFrame:
    table = load_actors(actors_path) if actors_path else _actor_table()
    camp = dict(zip(table["actor"], table["camp"]))
    rows = [{"article_id": a, "start_char": m["start"], "end_char": m["end"], "surface": m["surface"],
             "actor": m["actor"], "camp": camp[m["actor"]], "via": m["via"]}
            for a, text in zip(corpus["article_id"], corpus["text"])
            for m in find_mentions(text, actors_path=actors_path)]
    return pd.DataFrame(rows, columns=["article_id", "start_char", "end_char", "surface", "actor", "camp", "via"])


@lru_cache(maxsize=1)
def _actor_table() -> pd.DataFrame:
    return load_actors()


def resolve_actor(surface: str, *, actors_path: Path | str | None = None) -> str | None:
    """The canonical actor for a surface form ("M. Ouchakov" → "Iouri Ouchakov"), or None."""
    mentions = find_mentions(surface.strip(), actors_path=actors_path)
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

"""The one mention table: every mention of an actor, by name, role or pronoun, with its use in the sentence.

Names and roles come from the aliases of the actor table (analysis.actors). An office ("le président
américain") designates whoever held it on the days the text speaks of: a time expression attached to the same
verb or noun ("a rencontré un président américain en 2021" → Joe Biden), else the publication date; with an
indefinite article and no date ("un président américain") it designates nobody in particular and is no mention.
A name inside another actor's role ("la porte-parole de la Maison-Blanche, Karoline Leavitt") is a mention of its
own, used as an `affiliation`. Pronouns are resolved by the reported-speech rules (analysis.speech).

Each mention's `use`: `agent` (the subject of a verb, the agent of a passive, the source of "selon X"), `place`
(a state's or institution's name after a locative preposition: "la guerre en Ukraine", "son retour à la Maison
Blanche"), `affiliation` (named inside a role) or `other` (an object, a complement). `as_actor` says whether the
mention counts as the actor taking part: people and groups always; institutions unless used as a place; states
only as agents or affiliations ("Moscou n'envisage pas", not "à Moscou").
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import story_resources as S
from .actors import aliases_pattern, compile_aliases, find_mentions

MENTION_COLUMNS = ["article_id", "start_char", "end_char", "surface", "actor", "camp", "mention_kind", "use",
                   "as_actor", "mention_basis"]
MENTION_KINDS = ("name", "role", "pronoun")
USES = ("agent", "place", "affiliation", "other")
TIME_KINDS = ("date", "interval", "relative")  # vague horizons date nothing precisely enough


def name_mentions(corpus: pd.DataFrame, actors: pd.DataFrame, tokens: pd.DataFrame | None = None,
                  times: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions by name or role (`MENTION_COLUMNS`): offices resolved on the days the text speaks of (the
    attached time expressions of `times`, else the corpus's `published`), names nested in roles, and each
    mention's use read from the parse (`tokens`; without it, every use is `other`)."""
    compiled = compile_aliases(actors)
    names_only = _names_pattern(actors)
    kind = dict(zip(actors["actor"], actors["actor_kind"]))
    published = dict(zip(corpus["article_id"], corpus["published"])) if "published" in corpus.columns else {}
    tok_groups = _by_article(tokens)
    time_groups = _by_article(times)
    rows = []
    for article_id, text in zip(corpus["article_id"], corpus["text"]):
        toks = _Parse(tok_groups.get(article_id))
        dated = _office_days(text, toks, time_groups.get(article_id), published.get(article_id))
        for m in find_mentions(text, actors, compiled=compiled, when=dated):
            rows.append(_row(article_id, m, toks.use(m["start"], m["end"], kind[m["actor"]]), _basis(m, dated)))
            rows += [_row(article_id, n, "affiliation", f"named in the role « {m['surface']} »")
                     for n in _nested(text, m, names_only, compiled)]
    out = pd.DataFrame(rows, columns=[c for c in MENTION_COLUMNS if c not in ("camp", "as_actor")])
    return _finish(out, actors)


def with_pronouns(names: pd.DataFrame, pronouns: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The one mention table: names and roles, and the pronouns the speech rules resolved (`use` agent)."""
    rows = pronouns.assign(mention_kind="pronoun", use="agent",
                           mention_basis="pronoun: " + pronouns["speaker_basis"].astype(str))
    both = pd.concat([names[[c for c in MENTION_COLUMNS if c not in ("camp", "as_actor")]],
                      rows[[c for c in MENTION_COLUMNS if c not in ("camp", "as_actor")]]], ignore_index=True)
    return _finish(both, actors)


def _finish(table: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    camp = dict(zip(actors["actor"], actors["camp"]))
    kind = table["actor"].map(dict(zip(actors["actor"], actors["actor_kind"])))
    as_actor = np.select([kind == "state", kind == "institution"],
                         [table["use"].isin(["agent", "affiliation"]), table["use"] != "place"], default=True)
    out = table.assign(camp=table["actor"].map(camp), as_actor=as_actor.astype(bool),
                       start_char=table["start_char"].astype(int), end_char=table["end_char"].astype(int))
    out = out.sort_values(["article_id", "start_char", "end_char"], ascending=[True, True, False], kind="stable")
    return out[MENTION_COLUMNS].reset_index(drop=True)


def counted(mentions: pd.DataFrame, kinds: tuple[str, ...] = MENTION_KINDS) -> pd.DataFrame:
    """The mentions that count an actor as taking part (`as_actor`), of the kinds given."""
    return mentions[mentions["as_actor"] & mentions["mention_kind"].isin(kinds)]


def mention_counts(mentions: pd.DataFrame, kinds: tuple[str, ...] = MENTION_KINDS,
                   by: str | list[str] = "article_id") -> pd.DataFrame:
    """Actor (rows, grouped by camp) × `by` counts of the counted mentions of the kinds given."""
    m = counted(mentions, kinds)
    return pd.crosstab([m["camp"], m["actor"]], [m[c] for c in ([by] if isinstance(by, str) else by)])


def kinds_counted(kinds: tuple[str, ...] = MENTION_KINDS) -> str:
    """What a count of `counted(mentions, kinds)` includes, in words, for a table's caption."""
    words = {"name": "names", "role": "roles (« le président russe »)", "pronoun": "resolved pronouns (« il »)"}
    listed = [words[k] for k in kinds]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return (f"Counts mentions by {joined}; a state counts only as an agent (« Moscou n'envisage pas »), never as a "
            "place (« à Moscou »), and an institution not as a place (« son retour à la Maison Blanche »).")


# --- offices, nested names, basis --------------------------------------------------------------------------
def _office_days(text: str, toks: _Parse, times: pd.DataFrame | None, published):
    """The `when` of find_mentions: the days an office mention speaks of, or None for a generic one."""
    times = _by_sentence(times)

    def when(start: int, end: int):
        tx = toks.attached_time(start, end, times)
        if tx is not None:
            return tx["value_start"], tx["value_end"]
        if re.search(r"(?:^|\s)(?:" + "|".join(map(re.escape, S.INDEFINITE_DETERMINERS)) + r")\s*$",
                     text[max(0, start - 6):start].lower()):
            return None
        return (published, published) if published is not None and not pd.isna(published) else (None, None)
    when.attached = lambda start, end: toks.attached_time(start, end, times)
    return when


def _basis(m: dict, when) -> str:
    if not m["tenures"]:
        return m["mention_kind"]
    tx = when.attached(m["start"], m["end"])
    return f"office holder on « {tx['text']} »" if tx is not None else "office holder on the publication date"


def _names_pattern(actors: pd.DataFrame) -> re.Pattern | None:
    names = sorted({a for names in actors["names"] for a in names}, key=len, reverse=True)
    return aliases_pattern(names) if names else None


def _nested(text: str, mention: dict, names: re.Pattern | None, compiled) -> list[dict]:
    """Other actors named inside a mention that holds a role: "porte-parole de la Maison-Blanche, Karoline …"."""
    if names is None:
        return []
    _, lookup = compiled
    out = []
    for n in names.finditer(text, mention["start"], mention["end"]):
        actor = lookup[re.sub(r"[\s-]+", " ", n.group(0).lower())][0]
        if actor and actor != mention["actor"]:
            out.append({"start": n.start(), "end": n.end(), "surface": n.group(0), "actor": actor,
                        "mention_kind": "name", "tenures": ()})
    return out


def _row(article_id: str, m: dict, use: str, basis: str) -> dict:
    return {"article_id": article_id, "start_char": m["start"], "end_char": m["end"], "surface": m["surface"],
            "actor": m["actor"], "mention_kind": m["mention_kind"], "use": use, "mention_basis": basis}


def _by_sentence(times: pd.DataFrame | None) -> dict[int, list]:
    """An article's time expressions that date something (TIME_KINDS) by sentence, in table order."""
    out: dict[int, list] = {}
    if times is not None and len(times):
        for tx in times[times["time_kind"].isin(TIME_KINDS)].itertuples():
            out.setdefault(tx.sent_idx, []).append(tx)
    return out


def _by_article(table: pd.DataFrame | None) -> dict:
    if table is None or not len(table):
        return {}
    return {a: g for a, g in table.groupby("article_id", sort=False)}


# --- the parse of one article, for uses and attached times ----------------------------------------------------
class _Parse:
    """One article's tokens, looked up by character offset."""

    def __init__(self, toks: pd.DataFrame | None):
        self.ok = toks is not None and len(toks) > 0
        if not self.ok:
            return
        toks = toks.sort_values("token_idx")
        self.idx = toks["token_idx"].to_numpy()
        self.pos = {i: k for k, i in enumerate(self.idx)}
        self.start = toks["start_char"].to_numpy()
        self.end = toks["end_char"].to_numpy()
        self.head = toks["head_idx"].to_numpy()
        self.dep = toks["dep"].to_numpy()
        self.text = toks["text"].str.lower().to_numpy()
        self.lemma = toks["lemma"].str.lower().to_numpy()
        self.sent = toks["sent_idx"].to_numpy()
        self.children: dict[int, list[int]] = {}
        for i, h in zip(self.idx.tolist(), self.head.tolist()):
            if i != h:
                self.children.setdefault(h, []).append(i)
        # Tokens in text order (spaCy's): the tokens inside a span are a range, found by bisection.
        self.ordered = bool((np.diff(self.start) >= 0).all() and (np.diff(self.end) >= 0).all())

    def root(self, start: int, end: int) -> int | None:
        """The token of [start, end) whose head lies outside it (the phrase's head), by token index."""
        if self.ordered:
            inside = range(np.searchsorted(self.start, start, "left"), np.searchsorted(self.end, end, "right"))
        else:
            inside = np.flatnonzero((self.start >= start) & (self.end <= end))
        for k in inside:
            h = self.head[k]
            if h == self.idx[k] or not start <= self.start[self.pos[h]] < end:
                return int(self.idx[k])
        return None

    def use(self, start: int, end: int, actor_kind: str) -> str:
        """agent, place or other, from the function of the phrase's head (see the module docstring)."""
        if not self.ok:
            return "other"
        i = self.root(start, end)
        if i is None:
            return "other"
        while self.dep[self.pos[i]] in S.SHARED_FUNCTION_DEPS and self.head[self.pos[i]] != i:
            i = int(self.head[self.pos[i]])  # "Washington et Moscou": the second conjunct acts as the first
        kids = self.children.get(i, [])
        case = "".join(self.text[self.pos[c]] for c in kids if self.dep[self.pos[c]] == "case")
        if self.dep[self.pos[i]] in S.AGENT_DEPS or case in S.SOURCE_PREPOSITIONS:
            return "agent"
        if actor_kind in ("state", "institution") and self._locative(i, case, actor_kind):
            return "place"
        return "other"

    def _locative(self, i: int, case: str, actor_kind: str) -> bool:
        if case in S.LOCATIVE_PREPOSITIONS:
            return True
        if case not in S.DATIVE_PREPOSITIONS or self.lemma[self.pos[int(self.head[self.pos[i]])]] in S.DATIVE_HEADS:
            return False
        has_article = any(self.dep[self.pos[c]] == "det" for c in self.children.get(i, []))
        return not (actor_kind == "state" and case == "à" and has_article)

    def attached_time(self, start: int, end: int, times: dict[int, list]):
        """The time expression attached to the phrase [start, end): in its sentence (`times`: _by_sentence),
        hanging on the phrase's head or on the same word the phrase hangs on (nearest first); None when there
        is none."""
        if not self.ok or not times:
            return None
        i = self.root(start, end)
        if i is None:
            return None
        head = int(self.head[self.pos[i]])
        sent = self.sent[self.pos[i]]
        best, dist = None, None
        for tx in times.get(sent, []):
            j = self.root(tx.start_char, tx.end_char)
            if j is None or pd.isna(tx.value_start):
                continue
            if int(self.head[self.pos[j]]) in (i, head) or j == head:
                d = abs(tx.start_char - end)
                if dist is None or d < dist:
                    best, dist = {"text": tx.text, "value_start": tx.value_start, "value_end": tx.value_end}, d
        return best

"""One article's parse indexed for the rules: tokens, sentences, mentions, full names, roles and quotes."""
from __future__ import annotations

import bisect
import re
from collections import namedtuple
from itertools import accumulate

import pandas as pd

from .. import resources as R
from .marks import quote_marks

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "csubj")
Mention = namedtuple("Mention", "start_char end_char actor")
TITLES = r"^(?:M\.|Mme|Mlle|MM\.|Me|Dr|Pr)\s+"


# --- token predicates --------------------------------------------------------------------------------
def is_name_word(t) -> bool:
    """A capitalised content word (not a determiner, preposition or pronoun), as in a person's name."""
    return t.text[:1].isupper() and t.pos not in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "AUX") and \
        t.text not in R.NEWS_OUTLETS and len(t.text) > 1


def is_finite(t) -> bool:
    """A finite verb or auxiliary (not an infinitive or a participle)."""
    return "VerbForm=Fin" in t.morph and t.pos in ("VERB", "AUX")


# --- names ------------------------------------------------------------------------------------------
def proper_name_runs(toks: list) -> list[tuple[int, int]]:
    """Char spans of runs of two or more capitalised words ("Karim Benhadj"), whatever POS or NER say."""
    runs, current = [], None
    for t in toks:
        if is_name_word(t):
            if current and t.start_char - current[1] <= 1:
                current[1], current[2] = t.end_char, current[2] + 1
                continue
            if current and current[2] >= 2:
                runs.append((current[0], current[1]))
            current = [t.start_char, t.end_char, 1]
        else:
            if current and current[2] >= 2:
                runs.append((current[0], current[1]))
            current = None
    if current and current[2] >= 2:
        runs.append((current[0], current[1]))
    return runs


def unknown_people(text: str, toks: list, known: list) -> list[Mention]:
    """People and organisations the parser finds that data/actors.csv does not know, as pseudo-mentions.

    Each is named by its fullest form in the article: "Mme Moreau" → "Élisabeth Moreau".
    """
    overlaps = Reach([(m.start_char, m.end_char) for m in known])
    runs = [r for r in _entity_runs(toks) if not overlaps.reaches(r[1] - 1, r[0] + 1)]
    names = {}
    for start, end in runs:
        name = re.sub(TITLES, "", text[start:end]).strip()
        if name and name[0].isupper():
            names[(start, end)] = name
    by_last = {}
    for name in names.values():
        last = name.split()[-1]
        if len(name) > len(by_last.get(last, "")):
            by_last[last] = name
    return [Mention(s, e, by_last[n.split()[-1]]) for (s, e), n in names.items()]


def _entity_runs(toks: list) -> list[tuple[int, int]]:
    """Char spans of adjacent tokens the parser tags as one kind of entity, person (PER) or organisation (ORG)."""
    runs, current = [], None
    for t in toks:
        if t.ent_type in ("PER", "ORG") and current and current[2] == t.ent_type and t.start_char - current[1] <= 1:
            current[1] = t.end_char
            continue
        if current:
            runs.append((current[0], current[1]))
        current = [t.start_char, t.end_char, t.ent_type] if t.ent_type in ("PER", "ORG") else None
    if current:
        runs.append((current[0], current[1]))
    return runs


def _full_names(text: str, spans: list[tuple[int, int]]) -> dict[str, str]:
    """Full names by their last word, for "M. Benhadj" → "Karim Benhadj": the longest name ending in it."""
    full: dict[str, str] = {}
    for start, end in spans:
        name = re.sub(TITLES, "", text[start:end]).strip()
        last = name.split()[-1] if name else ""
        if last and len(name) > len(full.get(last, "")):
            full[last] = name
    return full


# --- one article's parse, indexed -------------------------------------------------------------------
def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or nested [start, end) spans merged, in order."""
    out: list[list[int]] = []
    for lo, hi in sorted(spans):
        if out and lo < out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


class Reach:
    """Spans (start, end) searched by position: `reaches(at, end)` says whether a span starts at or before `at`
    and ends at or after `end` (a bisection and the furthest end of the spans that start by then, not a scan)."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [lo for lo, _ in ordered]
        self.reach = list(accumulate((hi for _, hi in ordered), max))

    def reaches(self, at: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, at)
        return k > 0 and self.reach[k - 1] >= end


class ArticleIndex:
    """Tokens, sentences, mentions and quotes of one article, with the lookups the rules need.

    `toks`, `sents` and `mentions` are the article's rows as records (see `records`); `gender` and
    `number` map each actor of the actor table to its grammatical gender and number.
    """

    def __init__(self, article_id: str, text: str, toks: list, sents: list, mentions: list, *,
                 gender: dict[str, str], number: dict[str, str]):
        self.id, self.text = article_id, text
        self.tok = {row.token_idx: row for row in toks}
        self.order = sorted(self.tok)
        self.starts = [self.tok[i].start_char for i in self.order]
        self.children: dict[int, list[int]] = {}
        for i in self.order:
            head = self.tok[i].head_idx
            if head != i:
                self.children.setdefault(head, []).append(i)
        self.sents = sents
        self.sent_starts = [s.start_char for s in self.sents]
        self._sent_reach = list(accumulate((s.sent_idx for s in self.sents), max))  # the highest sent_idx so far
        known = [Mention(m.start_char, m.end_char, m.actor) for m in mentions]
        self.mentions = sorted(known + unknown_people(text, toks, known), key=lambda m: m.start_char)
        self.known = {m.actor for m in known}
        self.full_names = _full_names(text, proper_name_runs(toks) + [(m.start_char, m.end_char)
                                                                      for m in self.mentions])
        # (char, role lemma, person): "La ministre ..., Claire Dumontier"; needs the full names.
        self.roles: list[tuple[int, str, str]] = build_roles(self)
        self.quotes = quote_marks(text)
        self._quoted = _merged([(q.start, q.end) for q in self.quotes])
        self._quoted_starts = [lo for lo, _ in self._quoted]
        self.quote_reach = Reach([(q.start, q.end) for q in self.quotes])
        self.mention_starts = [m.start_char for m in self.mentions]
        self._longest_mention = max((m.end_char - m.start_char for m in self.mentions), default=0)
        self.gender, self.number = gender, number

    # --- lookups ---
    def token_at(self, char: int) -> int | None:
        """The token at or before a character (None before the first token)."""
        k = bisect.bisect_right(self.starts, char) - 1
        return self.order[k] if k >= 0 else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        """The tokens that start in [start, end), in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.order[lo:hi]

    def sentence_of(self, char: int):
        """The sentence record a character belongs to."""
        return self.sents[max(bisect.bisect_right(self.sent_starts, char) - 1, 0)]

    def first_sentence_from(self, sent_idx: int):
        """The first sentence record (in the article's order) whose sent_idx is at least `sent_idx`, or None."""
        k = bisect.bisect_left(self._sent_reach, sent_idx)
        return self.sents[k] if k < len(self.sents) else None

    def name(self, start: int, end: int) -> str:
        """A proper name as its fullest form in the article."""
        name = re.sub(TITLES, "", self.text[start:end]).strip()
        return self.full_names.get(name.split()[-1], name) if name else name

    def in_quote(self, char: int) -> bool:
        """Whether a character is inside quote marks (a search in the merged quote spans: the cost does not grow
        with the number of quotes)."""
        k = bisect.bisect_right(self._quoted_starts, char) - 1
        return k >= 0 and char < self._quoted[k][1]

    def mentions_between(self, start: int, end: int) -> list:
        """The mentions that start in [start, end), in order (a search, not a scan of the article)."""
        return self.mentions[bisect.bisect_left(self.mention_starts, start):bisect.bisect_left(self.mention_starts,
                                                                                             end)]

    def mentions_overlapping(self, start: int, end: int) -> list:
        """The mentions that overlap [start, end), in order."""
        return [m for m in self.mentions_between(start - self._longest_mention, end) if m.end_char > start]

    def mentions_ending_in(self, start: int, end: int) -> list:
        """The mentions whose end falls in [start, end], in order."""
        return [m for m in self.mentions_between(start - self._longest_mention, end + 1) if start <= m.end_char <= end]

    def mentions_covering(self, char: int) -> list:
        """The mentions whose span holds the character, in order."""
        return [m for m in self.mentions_between(char - self._longest_mention, char + 1) if char < m.end_char]

    def first_token_from(self, char: int) -> int:
        """The position in `order` of the first token that starts at or after `char`."""
        return bisect.bisect_left(self.starts, char)

    def subtree(self, i: int) -> list[int]:
        """A token and all its dependents, in text order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children.get(j, []))
        return sorted(out)


def build_roles(art: ArticleIndex) -> list[tuple[int, str, str]]:
    """Roles the article gives named people, as (char, role lemma, name): a role noun before the name
    ("La ministre du Travail, Claire Dumontier") or right after it ("Karim Benhadj, délégué CGT du site")."""
    roles = []
    for start, end in proper_name_runs([art.tok[i] for i in art.order]):
        name = art.name(start, end)
        for role in (_role_before(art, art.token_at(start)), _role_after(art, art.token_at(end - 1))):
            if role:
                roles.append((start, role, name))
    return sorted(roles)


def _role_before(art: ArticleIndex, first: int) -> str | None:
    """ROLE (…) [,] NAME: a role noun within ten tokens before the name, over one comma at most, in its clause."""
    j, seen_comma = first - 1, False
    while j in art.tok and first - j <= 10:
        t = art.tok[j]
        if t.text == "," and not seen_comma:
            seen_comma = True
        elif t.is_punct or is_finite(t):
            return None
        elif t.lemma.lower() in R.SPEAKER_NOUNS and t.pos == "NOUN":
            return t.lemma.lower()
        j -= 1
    return None


def _role_after(art: ArticleIndex, last: int) -> str | None:
    """NAME, ROLE: a role noun (or adjective) among the three tokens after the comma that follows the name."""
    if last + 1 not in art.tok or art.tok[last + 1].text != ",":
        return None
    for j in range(last + 2, last + 5):
        if j in art.tok and art.tok[j].lemma.lower() in R.SPEAKER_NOUNS and art.tok[j].pos in ("NOUN", "ADJ"):
            return art.tok[j].lemma.lower()
    return None


# --- the parse tables as records --------------------------------------------------------------------
TOKEN_FIELDS = ("token_idx", "text", "lemma", "pos", "morph", "dep", "head_idx", "is_stop", "is_punct", "like_num",
                "ent_type", "start_char", "end_char", "sent_idx", "is_heading")
SENTENCE_FIELDS = ("article_id", "paragraph_idx", "sent_idx", "text", "start_char", "end_char", "is_heading")
MENTION_FIELDS = ("start_char", "end_char", "actor")


def records(table: pd.DataFrame, fields: tuple[str, ...]) -> dict[str, list]:
    """Rows of a table as light named tuples, grouped by article (pandas row iteration is slow)."""
    record = namedtuple("Record", fields)
    columns = [table[f].tolist() for f in fields]
    rows = [record(*values) for values in zip(*columns)]
    return {a: [rows[i] for i in idx] for a, idx in table.groupby("article_id", sort=False).indices.items()}

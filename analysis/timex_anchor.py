"""When a time expression is said: the tense of its verb, and whether it sits in reported speech that the
sentence dates.

A statement is dated by a time expression attached to its reporting verb ("a déclaré la ministre le 3 mai",
"annoncé mardi dernier par le Kremlin", "a écrit le président dimanche soir"). An expression is in the
statement when it is inside quote marks, in the clause the reporting verb governs ("a déclaré que … la semaine
prochaine"), or in the clause a reporting incise follows ("X sera reçu mardi, a indiqué lundi le ministère").
When a past reporting verb has no date in its sentence, a horizon in its statement counts from the day in focus
(the last day the narration named, if recent). Everything here reads the parse (tokens of one sentence).
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

import pandas as pd

from .timex_resources import (
    ADJACENT_NAME,
    CONDITIONAL_ENDINGS,
    FUTURE_ENDINGS,
    IRREGULAR_ER_FUTURES,
    QUOTE_PAIRS,
    SPEECH_VERBS,
    STRAIGHT_QUOTE,
    TENSE_CARRIERS,
)

INCISE_DEPS = frozenset({"parataxis", "conj", "dep", "advcl", "ccomp"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the passages between quote marks: « », “ ”, ‹ › paired as they nest, straight double
    quotes in turn within a paragraph; a quote never closed ends with its paragraph."""
    spans, open_at, straight = [], {}, None
    closers = {c: o for o, c in QUOTE_PAIRS.items()}
    marks = re.compile("[" + re.escape("\n" + "".join(QUOTE_PAIRS) + "".join(closers) + STRAIGHT_QUOTE) + "]")
    for m in marks.finditer(text):  # only these characters change anything
        i, ch = m.start(), m.group()
        if ch == "\n":
            spans += [(s, i) for s in open_at.values()] + ([(straight, i)] if straight is not None else [])
            open_at, straight = {}, None
        elif ch in QUOTE_PAIRS:
            open_at.setdefault(ch, i)
        elif ch in closers and closers[ch] in open_at:
            spans.append((open_at.pop(closers[ch]), i + 1))
        elif ch == STRAIGHT_QUOTE:
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
    spans += [(s, len(text)) for s in open_at.values()]
    return sorted(spans)


class Quotes:
    """The quote spans of a text (quote_spans), searched by bisection rather than one by one."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach = list(accumulate((e for _, e in self.spans), max))  # the furthest end of the spans so far

    def holds(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a quote."""
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end


COLUMNS = ("token_idx", "text", "lemma", "pos", "morph", "dep", "head_idx", "start_char", "end_char")


class Parse:
    """One sentence's tokens, indexed for the rules: plain lists by position, `at` maps a token_idx to its
    position (a sentence is a few dozen tokens: no table operation per question)."""

    def __init__(self, columns: dict[str, list]):
        self.idx, self.text, self.lemma, self.pos, self.morph, self.dep, self.heads, self.start, self.end = (
            columns[c] for c in COLUMNS)
        self.at = {i: k for k, i in enumerate(self.idx)}
        self.kids: dict[int, list[int]] = {}  # token_idx → positions of the tokens whose head it is, in order
        for k, h in enumerate(self.heads):
            self.kids.setdefault(h, []).append(k)

    @classmethod
    def of(cls, tokens: pd.DataFrame) -> "Parse":
        return cls({c: tokens[c].tolist() for c in COLUMNS})

    def __len__(self) -> int:
        return len(self.idx)

    def get(self, idx: int, column: str):
        """A token's value (by token_idx) in a column: text, lemma, pos, morph, dep, heads, start or end."""
        return getattr(self, column)[self.at[idx]]

    def span_root(self, start: int, end: int):
        """The token of [start, end) whose head lies outside it (the expression's root), or None."""
        inner = [k for k, s in enumerate(self.start) if start <= s < end]
        ids = {self.idx[k] for k in inner}
        for k in inner:
            idx, head = self.idx[k], self.heads[k]
            if head not in ids or head == idx:
                return idx
        return None

    def head(self, idx: int) -> int | None:
        head = self.heads[self.at[idx]]
        return None if head == idx or head not in self.at else head

    def ancestors(self, idx: int | None) -> list[int]:
        out = []
        while idx is not None and len(out) < 60:
            idx = self.head(idx)
            if idx is not None:
                out.append(idx)
        return out

    def tense(self, idx: int | None) -> str:
        """past, present, future, conditional or unknown: the tense of a verb token with its auxiliaries
        (passé composé = auxiliary of tense + participle; a passive "est attendu" is a present; an infinitive or
        participle under a modal takes the modal's tense: "doit être signé", "pourrait être repoussé")."""
        if idx is None or self.get(idx, "pos") not in ("VERB", "AUX"):
            return "unknown"
        k = self.at[idx]
        auxes = [j for j in self.kids.get(idx, []) if self.dep[j].startswith("aux") and self.idx[j] != idx]
        own = self.morph[k]
        tense_aux = [j for j in auxes if self.dep[j] == "aux:tense"]
        head = self.head(idx)
        if ("VerbForm=Fin" not in own and not tense_aux and head is not None
                and self.get(head, "lemma") in TENSE_CARRIERS and self.dep[k] == "xcomp"):
            return self.tense(head)
        morph = own + "|" + "|".join(self.morph[j] for j in auxes) + self._stem_tense(idx)
        if "Tense=Fut" in morph:
            return "future"
        if "Mood=Cnd" in morph:
            return "past" if tense_aux else "conditional"  # "aurait eu lieu": a past
        if tense_aux or "Tense=Imp" in morph or ("Tense=Past" in own and "VerbForm=Fin" in own):
            return "past"
        if "Tense=Pres" in morph:
            return "present"
        if "VerbForm=Part" in own and "Tense=Past" in own:
            return "past"
        return "unknown"

    def _stem_tense(self, idx: int) -> str:
        """"|Tense=Fut" or "|Mood=Cnd" when a finite verb the model tagged past or imperfect is written on its
        future stem (a future such as "viendra" tagged Past; a conditional tagged imperfect): the future stem is the
        infinitive (less the final -e of -re verbs), or any stem ending in -r for a verb not in -er."""
        k = self.at[idx]
        word, lemma = self.text[k].lower(), self.lemma[k].lower()
        own = self.morph[k]
        if "VerbForm=Fin" not in own or not ("Tense=Past" in own or "Tense=Imp" in own):
            return ""
        for mark, endings in (("|Tense=Fut", FUTURE_ENDINGS), ("|Mood=Cnd", CONDITIONAL_ENDINGS)):
            ending = next((e for e in endings if word.endswith(e)), None)
            if ending is None:
                continue
            stem = word[:-len(ending)]
            regular = stem in (lemma, lemma[:-1] if lemma.endswith("re") else lemma)
            irregular = not lemma.endswith("er") and stem.endswith("r") or stem in IRREGULAR_ER_FUTURES.get(lemma, ())
            if regular or irregular:
                return mark
        return ""

    def statement_tense(self, verb: int) -> str:
        """The tense a statement was reported in: its verb's, or for an infinitive ("a dit vouloir …") the verb it
        complements."""
        tense = self.tense(verb)
        head = self.head(verb)
        if tense == "unknown" and head is not None and self.get(verb, "dep") == "xcomp":
            return self.tense(head)
        return tense

    def prospective(self, idx: int | None) -> bool:
        """The verb points forward: a future, or a conditional of pouvoir, devoir ("pourrait être voté début
        mars"); a plain conditional may be hypothetical or reported ("ce qui serait une première depuis …")."""
        tense = self.tense(idx)
        if tense != "conditional":
            return tense == "future"
        head = self.head(idx)
        carried = head is not None and self.get(idx, "dep") == "xcomp" and self.get(head, "lemma") in TENSE_CARRIERS
        return carried or self.get(idx, "lemma") in TENSE_CARRIERS

    def main_verb(self) -> int | None:
        """The sentence's root when it is a verb."""
        return next((i for i, h, p in zip(self.idx, self.heads, self.pos) if h == i and p in ("VERB", "AUX")), None)

    def governing_verb(self, start: int, end: int) -> int | None:
        """The verb that governs the expression directly (its root's head), or None when it hangs on a noun."""
        root = self.span_root(start, end)
        head = self.head(root) if root is not None else None
        if head is None or self.get(head, "pos") not in ("VERB", "AUX"):
            return None
        return head

    def is_clause_verb(self, idx: int) -> bool:
        """A verb of a clause (not a quote mark the small model took for one)."""
        return self.get(idx, "pos") in ("VERB", "AUX") and self.get(idx, "text").isalpha()

    def is_incise(self, idx: int) -> bool:
        """A reporting verb used as an incise: after a comma, finite or with its auxiliary (", a indiqué lundi
        le ministère", ", estime un analyste"), never a participle or gerund on its own ("ajoutant que")."""
        if self.get(idx, "dep") not in INCISE_DEPS:
            return False
        before = [k for k, i in enumerate(self.idx) if idx - 3 <= i < idx and not self.dep[k].startswith("aux")]
        finite = "VerbForm=Fin" in self.get(idx, "morph") or any(self.dep[j] == "aux:tense"
                                                                 for j in self.kids.get(idx, []))
        return finite and len(before) > 0 and self.text[before[-1]] in (",", "»", '"', "”")

    def speech_verbs(self, quotes: Quotes) -> list[int]:
        """Reporting verbs of the sentence outside quote marks."""
        return [i for i, p, lemma, s, e in zip(self.idx, self.pos, self.lemma, self.start, self.end)
                if p in ("VERB", "AUX") and lemma in SPEECH_VERBS and not quotes.holds(s, e)]


def reporting_verb_of(parse: Parse, verbs: list[int], quotes: Quotes, start: int,
                      end: int) -> int | None:
    """The reporting verb whose statement holds the expression [start, end), or None (the narration)."""
    if not verbs:
        return None
    root = parse.span_root(start, end)
    if root is None:
        return None
    up = parse.ancestors(root)
    if quotes.holds(start, end):
        return min(verbs, key=lambda v: abs(parse.get(v, "start") - start))
    for v in verbs:
        if v in up and any(parse.is_clause_verb(u) for u in up[:up.index(v)]):
            return v  # in a clause the verb governs ("a déclaré que … se réuniraient la semaine prochaine")
        if parse.is_incise(v) and parse.head(v) in ([root] + up) and v not in up:
            if parse.get(v, "start") > end:
                return v  # "X sera reçu mardi, a indiqué lundi le ministère"
    return None


def date_of_verb(parse: Parse, verb: int, candidates: list[tuple[int, int, int]], text: str) -> int | None:
    """The candidate expression (index, start, end) that dates the statement of `verb`: right after it with at
    most a name between ("a annoncé lundi", "a déclaré Dupont le 3 mai"), else attached to it in the parse."""
    v_end = parse.get(verb, "end")
    after = [c for c in candidates if c[1] >= v_end and re.fullmatch(ADJACENT_NAME, text[v_end:c[1]])]
    attached = [c for c in candidates if parse.head(parse.span_root(c[1], c[2])) == verb]
    return (after or attached or [(None, 0, 0)])[0][0]


def statement_date(parse: Parse, verb: int, candidates: list[tuple[int, int, int]], text: str) -> int | None:
    """The candidate expression that dates the statement of `verb` (date_of_verb), else the nearest to it."""
    if not candidates:
        return None
    found = date_of_verb(parse, verb, candidates, text)
    if found is not None:
        return found
    at = parse.get(verb, "start")
    return min(candidates, key=lambda c: min(abs(c[1] - at), abs(c[2] - at)))[0]


def dated_statements(parse: Parse, verbs: list[int], candidates: list[tuple[int, int, int]], text: str) -> list[int]:
    """The candidate expressions that date a past reporting verb (date_of_verb): they take its past tense."""
    found = [date_of_verb(parse, v, candidates, text) for v in verbs if parse.statement_tense(v) == "past"]
    return [i for i in found if i is not None]

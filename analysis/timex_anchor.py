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

import re
from dataclasses import dataclass

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
    for i, ch in enumerate(text):
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


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@dataclass
class Parse:
    """One sentence's tokens, indexed for the rules."""
    tokens: pd.DataFrame  # indexed by token_idx

    @classmethod
    def of(cls, tokens: pd.DataFrame) -> "Parse":
        return cls(tokens.set_index("token_idx", drop=False))

    def span_root(self, start: int, end: int):
        """The token of [start, end) whose head lies outside it (the expression's root), or None."""
        toks = self.tokens
        inner = toks[(toks["start_char"] >= start) & (toks["start_char"] < end)]
        ids = set(inner.index)
        for idx, head in zip(inner.index, inner["head_idx"]):
            if head not in ids or head == idx:
                return idx
        return None

    def head(self, idx: int) -> int | None:
        head = self.tokens.at[idx, "head_idx"]
        return None if head == idx or head not in self.tokens.index else head

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
        if idx is None or self.tokens.at[idx, "pos"] not in ("VERB", "AUX"):
            return "unknown"
        toks = self.tokens
        auxes = toks[(toks["head_idx"] == idx) & toks["dep"].str.startswith("aux") & (toks.index != idx)]
        own = toks.at[idx, "morph"]
        tense_aux = auxes[auxes["dep"] == "aux:tense"]
        head = self.head(idx)
        if ("VerbForm=Fin" not in own and tense_aux.empty and head is not None
                and toks.at[head, "lemma"] in TENSE_CARRIERS and toks.at[idx, "dep"] == "xcomp"):
            return self.tense(head)
        morph = own + "|" + "|".join(auxes["morph"]) + self._stem_tense(idx)
        if "Tense=Fut" in morph:
            return "future"
        if "Mood=Cnd" in morph:
            return "past" if not tense_aux.empty else "conditional"  # "aurait eu lieu": a past
        if not tense_aux.empty or "Tense=Imp" in morph or ("Tense=Past" in own and "VerbForm=Fin" in own):
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
        word, lemma = (self.tokens.at[idx, c].lower() for c in ("text", "lemma"))
        own = self.tokens.at[idx, "morph"]
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
        if tense == "unknown" and head is not None and self.tokens.at[verb, "dep"] == "xcomp":
            return self.tense(head)
        return tense

    def prospective(self, idx: int | None) -> bool:
        """The verb points forward: a future, or a conditional of pouvoir, devoir ("pourrait être voté début
        mars"); a plain conditional may be hypothetical or reported ("ce qui serait une première depuis …")."""
        tense = self.tense(idx)
        if tense != "conditional":
            return tense == "future"
        head = self.head(idx)
        carried = head is not None and self.tokens.at[idx, "dep"] == "xcomp" and \
            self.tokens.at[head, "lemma"] in TENSE_CARRIERS
        return carried or self.tokens.at[idx, "lemma"] in TENSE_CARRIERS

    def main_verb(self) -> int | None:
        """The sentence's root when it is a verb."""
        roots = self.tokens[(self.tokens["head_idx"] == self.tokens.index) & self.tokens["pos"].isin(("VERB", "AUX"))]
        return roots.index[0] if len(roots) else None

    def governing_verb(self, start: int, end: int) -> int | None:
        """The verb that governs the expression directly (its root's head), or None when it hangs on a noun."""
        root = self.span_root(start, end)
        head = self.head(root) if root is not None else None
        if head is None or self.tokens.at[head, "pos"] not in ("VERB", "AUX"):
            return None
        return head

    def is_clause_verb(self, idx: int) -> bool:
        """A verb of a clause (not a quote mark the small model took for one)."""
        return self.tokens.at[idx, "pos"] in ("VERB", "AUX") and self.tokens.at[idx, "text"].isalpha()

    def is_incise(self, idx: int) -> bool:
        """A reporting verb used as an incise: after a comma, finite or with its auxiliary (", a indiqué lundi
        le ministère", ", estime un analyste"), never a participle or gerund on its own ("ajoutant que")."""
        toks = self.tokens
        if toks.at[idx, "dep"] not in INCISE_DEPS:
            return False
        before = toks[(toks.index < idx) & (toks.index >= idx - 3)]
        before = before[~before["dep"].str.startswith("aux")]
        finite = "VerbForm=Fin" in toks.at[idx, "morph"] or ((toks["head_idx"] == idx)
                                                               & (toks["dep"] == "aux:tense")).any()
        return finite and len(before) > 0 and before["text"].iloc[-1] in (",", "»", '"', "”")

    def speech_verbs(self, quotes: list[tuple[int, int]]) -> list[int]:
        """Reporting verbs of the sentence outside quote marks."""
        toks = self.tokens
        hits = toks[toks["pos"].isin(("VERB", "AUX")) & toks["lemma"].isin(SPEECH_VERBS)]
        return [i for i, s, e in zip(hits.index, hits["start_char"], hits["end_char"]) if not inside(quotes, s, e)]


def reporting_verb_of(parse: Parse, verbs: list[int], quotes: list[tuple[int, int]], start: int,
                      end: int) -> int | None:
    """The reporting verb whose statement holds the expression [start, end), or None (the narration)."""
    if not verbs:
        return None
    root = parse.span_root(start, end)
    if root is None:
        return None
    up = parse.ancestors(root)
    if inside(quotes, start, end):
        return min(verbs, key=lambda v: abs(parse.tokens.at[v, "start_char"] - start))
    for v in verbs:
        if v in up and any(parse.is_clause_verb(u) for u in up[:up.index(v)]):
            return v  # in a clause the verb governs ("a déclaré que … se réuniraient la semaine prochaine")
        if parse.is_incise(v) and parse.head(v) in ([root] + up) and v not in up:
            if parse.tokens.at[v, "start_char"] > end:
                return v  # "X sera reçu mardi, a indiqué lundi le ministère"
    return None


def date_of_verb(parse: Parse, verb: int, candidates: list[tuple[int, int, int]], text: str) -> int | None:
    """The candidate expression (index, start, end) that dates the statement of `verb`: right after it with at
    most a name between ("a annoncé lundi", "a déclaré Dupont le 3 mai"), else attached to it in the parse."""
    v_end = parse.tokens.at[verb, "end_char"]
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
    at = parse.tokens.at[verb, "start_char"]
    return min(candidates, key=lambda c: min(abs(c[1] - at), abs(c[2] - at)))[0]


def dated_statements(parse: Parse, verbs: list[int], candidates: list[tuple[int, int, int]], text: str) -> list[int]:
    """The candidate expressions that date a past reporting verb (date_of_verb): they take its past tense."""
    found = [date_of_verb(parse, v, candidates, text) for v in verbs if parse.statement_tense(v) == "past"]
    return [i for i in found if i is not None]

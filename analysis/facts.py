"""The story's key facts (data/facts.csv) and the sentences that state them, matched over the dependency parse.

A fact has patterns (`|` between them); a pattern is terms separated by spaces, each term one word or several
alternatives separated by `/` (a lemma or a word form; a hyphenated term such as `cessez-le-feu` also matches
inside a word). A sentence states the fact when it has one word per term such that each term is linked to the
next through the parse, at most `MAX_LINK` dependency steps apart: "une rencontre … est prévue dans les prochains
jours" links `rencontre`, `jour` and `prochain` (rencontre ← prévue → jours → prochains), while `prochain
rencontre` needs "prochain" to bear on "rencontre" itself, so the same sentence does not state a "prochaine
rencontre". A bag of lemmas anywhere in the sentence would match both.

Each match says how it is stated: `negated` when the fact's words are governed by a negation or a rejecting verb
("tout en écartant pour l'heure un sommet à trois", "Moscou n'envisage pas de rencontre à trois").
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from . import story_resources as S
from .errors import CorpusError

MAX_LINK = 2  # dependency steps between two consecutive terms of a pattern
CLAUSAL = ("ROOT", "ccomp", "csubj", "advcl", "acl", "acl:relcl", "xcomp", "parataxis")
MATCH_COLUMNS = ["article_id", "fact_id", "sent_idx", "sentence", "pattern", "start_char", "end_char", "negated"]


def load_facts(path: Path | str | None = None) -> pd.DataFrame:
    """The facts of the story (data/facts.csv): `patterns` become lists of terms, each a tuple of alternatives."""
    path = Path(path) if path else paths.FACTS_CSV
    facts = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("fact_id", "label_en", "patterns"):
        if column not in facts.columns:
            raise CorpusError(path, f"column {column} is missing", "see the data dictionary in README.md")
    facts["patterns"] = facts["patterns"].map(
        lambda s: [[tuple(a for a in term.split("/") if a) for term in p.split()] for p in s.split("|") if p.strip()])
    return facts


def fact_matches(sentences: pd.DataFrame, tokens: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that states a fact (`MATCH_COLUMNS`): the first pattern that matches, the span from its
    first to its last word, and whether the statement is negated or rejected."""
    body = sentences[~sentences["is_heading"]]
    text = dict(zip(zip(body["article_id"], body["sent_idx"]), body["text"]))
    columns = {c: tokens[c].tolist() for c in _Sentence.COLUMNS}
    columns["lemma"] = tokens["lemma"].str.lower().tolist()
    columns["text"] = tokens["text"].str.lower().tolist()
    patterns = list(zip(facts["fact_id"], facts["patterns"]))
    rows = []
    for (article_id, sent_idx), at in tokens.groupby(["article_id", "sent_idx"], sort=False).indices.items():
        if (article_id, sent_idx) not in text:
            continue
        sent = _Sentence({c: [values[k] for k in at] for c, values in columns.items()})
        for fact_id, fact_patterns in patterns:
            for pattern in fact_patterns:
                found = sent.match(pattern)
                if found:
                    rows.append({"article_id": article_id, "fact_id": fact_id, "sent_idx": sent_idx,
                                 "sentence": text[(article_id, sent_idx)], "pattern": _show(pattern),
                                 "start_char": min(sent.start[i] for i in found),
                                 "end_char": max(sent.end[i] for i in found), "negated": sent.negated(found)})
                    break
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.sort_values(["article_id", "sent_idx", "fact_id"], kind="stable").reset_index(drop=True)


def facts_matrix(matches: pd.DataFrame, facts: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Facts (rows, in the file's order) × articles: the number of sentences stating each fact."""
    table = pd.crosstab(matches["fact_id"], matches["article_id"])
    return table.reindex(index=facts["fact_id"], columns=article_ids, fill_value=0)


def _show(pattern: list[tuple[str, ...]]) -> str:
    return " ".join("/".join(term) for term in pattern)


class _Sentence:
    """One sentence's tokens: words by term, distances in the dependency tree, negation."""

    COLUMNS = ("token_idx", "lemma", "text", "head_idx", "dep", "pos", "start_char", "end_char")

    def __init__(self, toks: dict[str, list]):
        """`toks`: one list per column of `COLUMNS`, in reading order (lemma and text lower-cased)."""
        self.ids = toks["token_idx"]
        self.lemma = dict(zip(self.ids, toks["lemma"]))
        self.form = dict(zip(self.ids, toks["text"]))
        self.head = dict(zip(self.ids, toks["head_idx"]))
        self.dep = dict(zip(self.ids, toks["dep"]))
        self.pos = dict(zip(self.ids, toks["pos"]))
        self.start = dict(zip(self.ids, toks["start_char"]))
        self.end = dict(zip(self.ids, toks["end_char"]))
        self.children: dict[int, list[int]] = {}
        for i in self.ids:
            if self.head[i] != i and self.head[i] in self.head:
                self.children.setdefault(self.head[i], []).append(i)
        self.order = {i: k for k, i in enumerate(self.ids)}
        self.by_word: dict[str, set[int]] = {}  # a lemma or a form → the words that have it
        for i in self.ids:
            self.by_word.setdefault(self.lemma[i], set()).add(i)
            self.by_word.setdefault(self.form[i], set()).add(i)

    def words(self, term: tuple[str, ...]) -> list[int]:
        """The words of the sentence that match one of the term's alternatives, in reading order: its lemma or
        its form, or a hyphenated alternative inside the form ("cessez-le-feu" in "cessez-le-feu-là")."""
        found: set[int] = set()
        for a in term:
            found.update(self.by_word.get(a, ()))
            if "-" in a:
                found.update(i for i in self.ids if a in self.form[i])
        return sorted(found, key=self.order.__getitem__)

    def _path_up(self, i: int) -> list[int]:
        path = [i]
        while self.head.get(path[-1], path[-1]) != path[-1] and len(path) < 50:
            path.append(self.head[path[-1]])
        return path

    def distance(self, a: int, b: int) -> int:
        up_a, up_b = self._path_up(a), self._path_up(b)
        depth_b = {t: k for k, t in enumerate(up_b)}
        for k, t in enumerate(up_a):
            if t in depth_b:
                return k + depth_b[t]
        return 99

    def match(self, pattern: list[tuple[str, ...]]) -> list[int] | None:
        """One word per term, each within MAX_LINK steps of the next (the first such choice in reading order)."""
        candidates = [self.words(term) for term in pattern]
        if not all(candidates):
            return None

        def extend(chosen: list[int]) -> list[int] | None:
            if len(chosen) == len(pattern):
                return chosen
            for i in candidates[len(chosen)]:
                if i not in chosen and (not chosen or self.distance(chosen[-1], i) <= MAX_LINK):
                    found = extend(chosen + [i])
                    if found:
                        return found
            return None
        return extend([])

    def negated(self, found: list[int]) -> bool:
        """Whether the sentence denies what the matched words state: a negation on one of them ("sans résultat
        concret", "aucune résolution"), or on the head of their clause ("Moscou n'envisage pas de rencontre à
        trois"), or a rejecting verb heading it ("tout en écartant un sommet à trois"). A clause head that is
        itself a word of the pattern ("le lieu n'a pas été divulgué") states the fact, negation included. A clause
        that is the object of a negated verb flips back ("rien n'indique que la Russie a abandonné ses
        conditions": the conditions stand)."""
        if any(self._negation_child(i, ("det", "case")) for i in found if self.pos[i] not in ("VERB", "AUX")):
            return True
        for head in {self._clause_head(i) for i in found} - set(found):
            if self._denies(head):
                above = self.head.get(head, head)
                flipped = self.dep[head] in ("ccomp", "csubj") and above != head and self._denies(above)
                return not flipped
        return False

    def _negation_child(self, i: int, deps: tuple[str, ...]) -> bool:
        return any(self.form[c] in S.NEGATION_WORDS for c in self.children.get(i, []) if self.dep[c] in deps)

    def _denies(self, head: int) -> bool:
        """A rejecting word, or a negated verb, but not both ("n'exclut pas un sommet" allows it); a negated
        litotes ("n'a pas caché") and a restrictive "ne … que" assert."""
        negated = self._negated(head)
        if self.lemma[head] in S.LITOTES_LEMMAS:
            return False
        return (self.lemma[head] in S.REJECTING_LEMMAS) != negated

    def _negated(self, head: int) -> bool:
        kids = [self.form[c] for c in self.children.get(head, []) if self.dep[c] in ("advmod", "nsubj", "mark", "obj")]
        if not any(k in S.NEGATION_WORDS or k in S.STRONG_NEGATION_WORDS for k in kids):
            return False
        strong = any(k in S.STRONG_NEGATION_WORDS for k in kids)
        return strong or not any(k in S.RESTRICTIVE_WORDS for k in kids)

    def _clause_head(self, i: int) -> int:
        """The word that heads the clause of word `i`: the first verb, or clause-level dependent, above it."""
        k = i
        while self.head.get(k, k) != k and self.pos[k] not in ("VERB", "AUX") and self.dep[k] not in CLAUSAL:
            k = self.head[k]
        return k

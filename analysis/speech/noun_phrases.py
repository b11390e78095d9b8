"""Who a noun phrase designates: a known actor, a proper name, a role's holder, or the phrase as written."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import resources as R
from .article import ArticleIndex, Mention, is_name_word


def subject_actor(art: ArticleIndex, subj: int) -> Mention | None:
    """The actor a subject noun phrase designates (see `np_speaker`), as a mention-like record."""
    relclauses = {i for k in art.subtree(subj) if art.tok[k].dep in ("acl:relcl", "acl") for i in art.subtree(k)}
    ids = [i for i in art.subtree(subj) if i not in relclauses]
    name = np_speaker(art, ids, head=subj)
    return Mention(art.tok[subj].start_char, art.tok[subj].end_char, name) if name else None


def np_speaker(art: ArticleIndex, ids: list[int], head: int | None = None, *, any_head: bool = False) -> str | None:
    """Who a noun phrase designates, in order of preference:

    a known actor outside a prepositional phrase; a proper name (a run of capitalised proper nouns or
    a person entity) outside one ("Le secrétaire général de Force ouvrière, Thierry Lansac"); a known
    actor inside one ("des fonctionnaires de la Maison Blanche"); a phrase made of names ("selon L'Équipe");
    a role whose holder the article has named ("la ministre" → "Claire Dumontier"); the noun phrase as
    written when its head can speak ("une source diplomatique"), any head with `any_head`; last, a person
    the actor table does not know, outside a prepositional phrase.
    """
    if not ids:
        return None
    phrase = _Phrase(art, ids, head if head is not None else _np_head(art, ids), any_head)
    for rule in (_known_outside, _name_outside, _known_inside, _all_names):
        name = rule(phrase)
        if name is not None:
            return name
    if _head_can_speak(phrase):
        return _head_speaker(phrase)  # final, even when None: "son porte-parole" names nobody here
    return _unknown_outside(phrase)


@dataclass
class _Phrase:
    """A noun phrase (token ids, in order), its head and the mentions that overlap it."""

    art: ArticleIndex
    ids: list[int]
    head: int | None
    any_head: bool
    lo: int = field(init=False)
    hi: int = field(init=False)
    mentions: list[Mention] = field(init=False)
    known: list[Mention] = field(init=False)

    def __post_init__(self) -> None:
        art = self.art
        self.lo, self.hi = art.tok[self.ids[0]].start_char, art.tok[self.ids[-1]].end_char
        self.mentions = art.mentions_overlapping(self.lo, self.hi)
        self.known = [m for m in self.mentions if m.actor in art.known]

    def outside(self, char: int) -> bool:
        """Not right after a preposition of the phrase ("du Conseil européen", "de Force ouvrière")."""
        art = self.art
        j = art.token_at(max(char, self.lo)) - 1
        while j in art.tok and art.tok[j].pos == "DET":
            j -= 1
        return not (j in art.tok and art.tok[j].pos == "ADP" and art.tok[j].start_char >= self.lo)


def _known_outside(p: _Phrase) -> str | None:
    """A known actor that the phrase names directly: "le président de la commission, Jean Dupont"."""
    return next((m.actor for m in p.known if p.outside(m.start_char)), None)


def _name_outside(p: _Phrase) -> str | None:
    """A proper name the phrase names directly, in its fullest form in the article."""
    return next((p.art.name(s, e) for s, e in proper_name_runs_in(p.art, p.ids) if p.outside(s)), None)


def _known_inside(p: _Phrase) -> str | None:
    """A known actor in a complement: "des fonctionnaires de la Maison Blanche" → Maison Blanche. Not for one
    unnamed person ("un responsable de la Maison-Blanche", "un diplomate en poste à Moscou"): that person is
    the source, and the text does not name them."""
    if not p.known:
        return None
    first = p.art.text[p.lo:p.hi].split()[0].lower()
    return None if first in ("un", "une") else p.known[0].actor


def _all_names(p: _Phrase) -> str | None:
    """A phrase of capitalised words or outlet names only (determiners aside): "selon L'Équipe"."""
    art = p.art
    content = [i for i in p.ids if art.tok[i].pos != "DET"]
    if content and all(is_name_word(art.tok[i]) or art.tok[i].text in R.NEWS_OUTLETS for i in content):
        return art.name(art.tok[content[0]].start_char, art.tok[content[-1]].end_char)
    return None


def _head_can_speak(p: _Phrase) -> bool:
    """The head is a noun of the speaker lexicon ("porte-parole", "source"), or any noun with `any_head`."""
    if p.head is None:
        return False
    head = p.art.tok[p.head]
    return head.pos in ("NOUN", "PROPN") and (p.any_head or head.lemma.lower() in R.SPEAKER_NOUNS)


def _head_speaker(p: _Phrase) -> str | None:
    """A speaking noun: nobody after a possessive ("son entourage"); the named holder of a role after a
    definite article ("la ministre" → the minister the article named before); else the phrase as written."""
    art, head = p.art, p.art.tok[p.head]
    determiner = art.text[p.lo:head.start_char].strip().lower().split()[:1]
    if determiner and determiner[0] in R.POSSESSIVES:
        return None
    if determiner in (["le"], ["la"], ["l'"]):
        lemma, sent = head.lemma.lower(), art.sentence_of(head.start_char)
        before = [person for c, role, person in art.roles if role == lemma and c < head.start_char]
        # "la porte-parole de la diplomatie russe, Maria Zakharova": the holder named in apposition.
        apposed = [person for c, role, person in art.roles if role == lemma and head.start_char < c < sent.end_char
                   and "," in art.text[head.start_char:c] and c - head.start_char < 80]
        if apposed or before:
            return (apposed or before[-1:])[0]
    return noun_phrase(art, p.head, p.ids)


def _unknown_outside(p: _Phrase) -> str | None:
    """A person or organisation the actor table does not know, named directly by the phrase."""
    unknown = [m for m in p.mentions if m.actor not in p.art.known and p.outside(m.start_char)]
    return unknown[0].actor if unknown else None


def proper_name_runs_in(art: ArticleIndex, ids: list[int]) -> list[tuple[int, int]]:
    """Name runs among these tokens: two or more capitalised words, or one the parser calls a person."""
    runs, cur = [], []
    for i in ids + [None]:
        if i is not None and is_name_word(art.tok[i]) and (not cur or i == cur[-1] + 1):
            cur.append(i)
            continue
        if len(cur) >= 2 or (len(cur) == 1 and art.tok[cur[0]].ent_type == "PER"
                             and art.tok[cur[0]].text.split()[-1] in art.full_names):
            runs.append((art.tok[cur[0]].start_char, art.tok[cur[-1]].end_char))
        cur = [i] if i is not None and is_name_word(art.tok[i]) else []
    return runs


def _np_head(art: ArticleIndex, ids: list[int]) -> int | None:
    """The token of a phrase whose head lies outside it (its root), first noun if several."""
    idset = set(ids)
    roots = [i for i in ids if art.tok[i].head_idx not in idset or art.tok[i].head_idx == i]
    nouns = [i for i in roots if art.tok[i].pos in ("NOUN", "PROPN")]
    return (nouns or roots or [None])[0]


def noun_phrase(art: ArticleIndex, head: int, within: list[int] | None = None) -> str:
    """A noun phrase as written, without relative clauses, appositions or the preposition before it."""
    ids = _phrase_tokens(art, head, within)
    return art.text[art.tok[ids[0]].start_char:art.tok[ids[-1]].end_char] if ids else art.tok[head].text


def _phrase_tokens(art: ArticleIndex, head: int, within: list[int] | None) -> list[int]:
    """The head's subtree (within `within`) less relative clauses and appositions, leading prepositions and
    punctuation, and all from the first comma on (what follows is an apposition or an incise)."""
    drop = {i for k in art.subtree(head) if art.tok[k].dep in ("acl:relcl", "appos", "acl") for i in art.subtree(k)}
    allowed = set(within) if within is not None else None
    ids = [i for i in art.subtree(head) if i not in drop and (allowed is None or i in allowed)]
    while ids and (art.tok[ids[0]].pos == "ADP" or art.tok[ids[0]].is_punct):
        ids = ids[1:]
    cut = next((n for n, i in enumerate(ids) if art.tok[i].text == ","), len(ids))
    return ids[:cut]

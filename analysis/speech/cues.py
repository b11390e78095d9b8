"""Reporting cues: reporting verbs, incises ("a-t-il souligné"), verb groups and the passive."""
from __future__ import annotations

import bisect
import re

from .. import resources as R
from .article import SUBJECT_DEPS, ArticleIndex, is_finite, is_name_word

INVERTED = ("-t", "-il", "-elle", "-on", "-ils", "-elles")
CLOSING_MARKS = ("»", '"', "”")
# Longest first, so that "BFM Business" is preferred to "BFM".
_OUTLETS_LONGEST_FIRST = sorted(R.NEWS_OUTLETS, key=len, reverse=True)


def cue_lemma(lemma: str, text: str) -> str | None:
    """The reporting verb a token stands for, or None: its lemma, else its surface form's infinitive.

    >>> cue_lemma("qualifiant", "qualifiant")   # the small model tags this participle as a noun
    'qualifier'
    """
    if lemma in R.REPORTING_VERBS:
        return lemma
    word = text.lower()
    for ending, repl in (("ées", "er"), ("ée", "er"), ("és", "er"), ("é", "er"), ("ant", "er"), ("aient", "er"),
                         ("ait", "er"), ("ent", "er"), ("es", "er"), ("e", "er"), ("it", "ire"), ("ite", "ire")):
        if word.endswith(ending) and word[: -len(ending)] + repl in R.REPORTING_VERBS:
            return word[: -len(ending)] + repl
    return None


def find_cues(art: ArticleIndex) -> CueList:
    """Tokens that are reporting cues, outside quotes and headings, with a speaking subject."""
    return CueList(art, [i for i in art.order if _is_cue(art, i)])


class CueList(list):
    """Cue tokens in text order, with `members` (a set) and `starting_in(start, end)`: the cues that start in
    [start, end), in order, found by bisection."""

    def __init__(self, art: ArticleIndex, cues: list[int]):
        super().__init__(cues)
        self.members = frozenset(cues)
        self.chars = [art.tok[c].start_char for c in cues]
        self.ordered = all(a <= b for a, b in zip(self.chars, self.chars[1:]))

    def starting_in(self, start: int, end: int) -> list[int]:
        if not self.ordered:
            return [c for c, char in zip(self, self.chars) if start <= char < end]
        return self[bisect.bisect_left(self.chars, start):bisect.bisect_left(self.chars, end)]


def _is_cue(art: ArticleIndex, i: int) -> bool:
    t = art.tok[i]
    if t.is_heading or art.in_quote(t.start_char) or t.pos in ("PUNCT", "DET", "ADP", "PRON"):
        return False
    if t.pos in ("NOUN", "PROPN") and not (t.text.endswith("ant") or mistagged_verb(art, i)):
        return False  # "l'annonce de Trump" is a noun; "qualifiant" mis-tagged as one is still a participle
    lemma = _reporting_lemma(art, i)
    if lemma is None:
        return False
    if lemma in R.INCISE_ONLY_VERBS and not is_incise(art, i):
        return False
    # "rien n'indique que ...": nobody speaks.
    return not any(art.tok[k].dep in SUBJECT_DEPS and art.tok[k].lemma.lower() in R.NEGATIVE_SUBJECTS
                   for k in art.children.get(i, []))


def mistagged_verb(art: ArticleIndex, i: int) -> bool:
    """A lower-case word the parser calls a noun or a name where only a verb can stand: right after an
    auxiliary ("a réagi") or an inverted pronoun, or after the comma that follows a closing quote ("», résume")."""
    t = art.tok[i]
    if not t.text[:1].islower() or cue_lemma(t.lemma, t.text) is None or i - 1 not in art.tok:
        return False
    prev = art.tok[i - 1]
    if (prev.pos == "AUX" and prev.lemma in ("avoir", "être")) or prev.text in INVERTED:
        return True
    return prev.text == "," and i - 2 in art.tok and art.tok[i - 2].text in CLOSING_MARKS


def _reporting_lemma(art: ArticleIndex, i: int) -> str | None:
    """The reporting verb of a token, alone or with the next word ("a fait part de", "a fait savoir que")."""
    t = art.tok[i]
    lemma = cue_lemma(t.lemma, t.text)
    if lemma is None and t.lemma in R.REPORTING_MULTIWORD and i + 1 in art.tok and \
            art.tok[i + 1].text.lower() in R.REPORTING_MULTIWORD[t.lemma]:
        return t.lemma
    return lemma


def verb_group_start(art: ArticleIndex, verb: int) -> int:
    """First token of the verb group: auxiliaries and an inverted pronoun ("a-t-il souligné")."""
    i = verb
    while i - 1 in art.tok and (art.tok[i - 1].dep.startswith("aux") or art.tok[i - 1].text in INVERTED
                                or art.tok[i - 1].lemma in ("se", "s'") or art.tok[i - 1].text in ("s'", "se")):
        i -= 1
    return i


def cue_phrase(art: ArticleIndex, verb: int) -> str:
    """The cue as written: auxiliaries, inverted pronoun and verb ("a-t-il souligné", "a annoncé")."""
    return art.text[art.tok[verb_group_start(art, verb)].start_char:art.tok[verb].end_char]


# --- incises -------------------------------------------------------------------------------------------
def is_incise(art: ArticleIndex, verb: int) -> bool:
    """Inverted reporting clause after the content: ", a-t-il souligné", "», a déclaré M. Dupont".

    The finite cue follows a comma or a closing quote, something was said before it in the sentence
    (a closing quote or a finite verb), and its subject comes after it (an inverted pronoun or a noun
    phrase), not a "que" clause or an infinitive.
    """
    first = verb_group_start(art, verb)
    before = first - 1
    if before not in art.tok or art.tok[before].text not in (",", *CLOSING_MARKS):
        return False
    group = [i for i in range(first, verb + 1) if i in art.tok]
    finite = any(is_finite(art.tok[i]) for i in group) or mistagged_verb(art, verb)
    if not finite or not _said_before(art, verb, before):
        return False
    if any(art.tok[i].text in INVERTED for i in group):
        return True
    return _subject_follows(art, verb) and not _subject_and_object(art, verb)


def _subject_and_object(art: ArticleIndex, verb: int) -> bool:
    """A subject before the verb and an object after it: "Plusieurs capitales, ..., observent la séquence" is a
    clause of its own, not an incise."""
    kids = art.children.get(verb, [])
    at = art.tok[verb].start_char
    return any(art.tok[k].dep in SUBJECT_DEPS and art.tok[k].start_char < at and not art.in_quote(art.tok[k].start_char)
               for k in kids) and any(art.tok[k].dep == "obj" and art.tok[k].start_char > at for k in kids)


def _said_before(art: ArticleIndex, verb: int, before: int) -> bool:
    """A closing quote or a finite verb earlier in the sentence, up to the token before the verb group."""
    sent = art.sentence_of(art.tok[verb].start_char)
    earlier = art.tokens_in(sent.start_char, art.tok[before].start_char + 1)
    return any(art.tok[i].text in CLOSING_MARKS or is_finite(art.tok[i]) for i in earlier)


def _subject_follows(art: ArticleIndex, verb: int) -> bool:
    """After the verb (and its adverbs, time words, complements): a noun phrase, or the sentence end."""
    nxt = after_verb(art, verb)
    if nxt is None:
        return True
    return art.tok[nxt].pos in ("DET", "PROPN", "NOUN") and art.tok[nxt].text.lower() not in ("que", "qu'")


def after_verb(art: ArticleIndex, verb: int) -> int | None:
    """The first token after a verb that is not an adverb, a time expression or a prepositional phrase."""
    sent = art.sentence_of(art.tok[verb].start_char)
    ids = art.tokens_in(art.tok[verb].end_char, sent.end_char)
    k = 0
    while k < len(ids):
        t = art.tok[ids[k]]
        if _is_circumstance(art, t):
            k += 1
        elif (past := skip_adverbial_phrase(art, ids, k, sent.end_char)) > k:
            k = past
        elif t.pos == "ADP" and t.text.lower() not in ("de", "d'"):  # "à Reuters", "devant la presse"
            k = _past_complement(art, ids, k + 1, sent.end_char)
        else:
            return ids[k]
    return None


def skip_adverbial_phrase(art: ArticleIndex, ids: list[int], k: int, sent_end: int) -> int:
    """The index in `ids` past a fixed adverbial phrase starting at ids[k] ("de son côté", "pour sa part")."""
    m = re.match(R.ADVERBIAL_PHRASES, art.text[art.tok[ids[k]].start_char:sent_end], flags=re.IGNORECASE)
    if not m:
        return k
    end = art.tok[ids[k]].start_char + m.end()
    while k < len(ids) and art.tok[ids[k]].start_char < end:
        k += 1
    return k


def _is_circumstance(art: ArticleIndex, t) -> bool:
    """An adverb, a time word, a number, or the determiner of a time word ("jeudi", "la semaine dernière")."""
    if t.pos == "ADV" or t.lemma.lower() in R.TIME_NOUNS or (t.like_num and t.pos == "NUM"):
        return True
    return t.pos == "DET" and art.tok[t.head_idx].lemma.lower() in R.TIME_NOUNS


def _past_complement(art: ArticleIndex, ids: list[int], k: int, sent_end: int) -> int:
    """The index in `ids` past the complement of a preposition that ended at ids[k - 1]: a news outlet's
    name ("à Reuters", "sur BFM Business"), else its determiners and lower-case nouns and adjectives."""
    while k < len(ids) and art.tok[ids[k]].pos == "DET":
        k += 1
    rest = art.text[art.tok[ids[k]].start_char:sent_end] if k < len(ids) else ""
    outlet = next((o for o in _OUTLETS_LONGEST_FIRST if rest.startswith(o) and not rest[len(o):len(o) + 1].isalnum()),
                  None)
    if outlet:
        end = art.tok[ids[k]].start_char + len(outlet)
        while k < len(ids) and art.tok[ids[k]].start_char < end:
            k += 1
        return k
    while k < len(ids) and art.tok[ids[k]].pos in ("NOUN", "ADJ", "ADP", "DET") and not is_name_word(art.tok[ids[k]]):
        k += 1
    return k


def is_passive(art: ArticleIndex, verb: int) -> bool:
    """'sera annoncé', 'a été qualifiée', 'le sommet, annoncé la veille par X,': the subject is what is said,
    not who says it. A past participle with no auxiliary is an adjective of the noun it follows."""
    t = art.tok[verb]
    kids = art.children.get(verb, [])
    if any(art.tok[k].dep == "aux:pass" for k in kids) or "Voice=Pass" in t.morph:
        return True
    if "VerbForm=Part" not in t.morph or "Tense=Past" not in t.morph:
        return False
    group = range(verb_group_start(art, verb), verb)
    return not any(art.tok[k].dep.startswith("aux") for k in kids) and not any(
        art.tok[g].pos == "AUX" for g in group)


# --- what was not said ---------------------------------------------------------------------------------
def is_negated(art: ArticleIndex, verb: int) -> bool:
    """A reporting verb that says nothing was said: negated ("n'a pas annoncé", "n'ont annoncé aucun accord",
    "ne s'est pas prononcé"), after "sans" or "pour" ("sans préciser", "pour préciser leurs contributions"), or
    governed by a negated or refusing verb ("n'a pas voulu commenter", "a refusé de commenter")."""
    if _negated_here(art, verb) or _not_said_before(art, verb):
        return True
    t = art.tok[verb]
    head = t.head_idx
    if t.dep in ("xcomp", "ccomp") and head != verb and head in art.tok:
        return art.tok[head].lemma in R.REFUSAL_VERBS or _negated_here(art, head)
    return False


def _negated_here(art: ArticleIndex, verb: int) -> bool:
    """A negation particle in the verb's group or among its dependents, or a negative determiner on its object."""
    kids = art.children.get(verb, [])
    around = set(kids) | set(range(verb_group_start(art, verb) - 1, verb))
    if any(i in art.tok and art.tok[i].text.lower() in R.NEGATION_PARTICLES for i in around):
        return True
    return any(art.tok[k].dep == "obj" and any(art.tok[d].text.lower() in R.NEGATIVE_DETERMINERS
                                               for d in art.children.get(k, [])) for k in kids)


def _not_said_before(art: ArticleIndex, verb: int) -> bool:
    """An infinitive after "sans", "pour", "afin de", over clitics and adverbs ("sans en préciser")."""
    if "VerbForm=Inf" not in art.tok[verb].morph:
        return False
    j = verb - 1
    while j in art.tok and (art.tok[j].pos in ("PRON", "ADV") or art.tok[j].text.lower() in ("de", "d'")):
        j -= 1
    return j in art.tok and art.tok[j].text.lower() in R.NOT_SAID_BEFORE_INFINITIVE

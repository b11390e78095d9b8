"""Pronoun mentions: each third-person subject pronoun ("il", "elle", "a-t-il", "selon lui") resolved to an actor.

A pronoun that introduces a statement names the statement's speaker, as the speaker rules resolved it. Any other
subject pronoun stands for the nearest subject before it, in its sentence or the one before, that agrees with it in
gender and number: an actor ("Donald Trump a annoncé qu'il rencontrerait …"), or a thing, and then it is no
mention ("cette rencontre … Elle pourrait …"); with no such subject, the speaker rules' resolution applies.
"""
from __future__ import annotations

from .. import resources as R
from .article import ArticleIndex
from .record import Statement
from .speakers import agreement, resolve_pronoun

PRONOUN_COLUMNS = ["article_id", "start_char", "end_char", "surface", "actor", "speaker_basis"]
SUBJECT_FORMS = ("il", "elle", "ils", "elles")
SOURCE_MARKERS = ("selon", "d'après", "d’après")
# Impersonal verbs of an inverted "il" ("Faut-il s'en étonner ?", "S'agit-il de …").
IMPERSONAL_LEMMAS = ("falloir", "agir")
THING = object()  # the pronoun stands for something that is not an actor


def pronoun_mentions(art: ArticleIndex, statements: list[Statement]) -> list[dict]:
    """The article's resolved pronoun mentions outside quote marks: subjects (the parser's `nsubj`, and the
    inverted "-il" of "a-t-il déclaré") and the pronoun of "selon lui". Impersonal "il" ("il faut", "il y a",
    "il est essentiel que": the parser's `expl:subj`; "faut-il") is no mention; nor is a pronoun that stands for a
    thing, or one nobody agrees with."""
    speakers = _speaker_pronouns(art, statements)
    rows = []
    for i in art.order:
        t = art.tok[i]
        word = t.text.lower()
        if not _is_mention(art, i, word) or art.in_quote(t.start_char):
            continue
        if i in speakers:
            actor, basis = speakers[i], "speaker"
        else:
            actor, basis = _nearest_subject(art, i, word), "nearest subject"
            if actor is None:
                actor, basis = resolve_pronoun(art, t.start_char, t.text, statements).actor, "pronoun"
        if actor is not None and actor is not THING:
            rows.append({"article_id": art.id, "start_char": t.start_char, "end_char": t.end_char,
                         "surface": t.text, "actor": actor, "speaker_basis": basis})
    return rows


def _speaker_pronouns(art: ArticleIndex, statements: list[Statement]) -> dict[int, str]:
    """Token → speaker for the pronouns that introduce a statement: the pronoun nearest the statement's cue
    ("Il a déclaré", "a-t-il souligné", "Selon lui"), within a few characters of it."""
    out = {}
    for s in statements:
        if s.speaker_basis != "pronoun" or s.speaker is None:
            continue
        lo, hi = s.cue_char - 12, s.cue_char + len(s.cue) + 8
        near = [k for k in art.tokens_in(lo, hi) if art.tok[k].text.lower() in R.SPEAKER_PRONOUNS]
        if near:
            out[min(near, key=lambda k: abs(art.tok[k].start_char - s.cue_char))] = s.speaker
    return out


def _is_mention(art: ArticleIndex, i: int, word: str) -> bool:
    if word not in R.SPEAKER_PRONOUNS:
        return False
    t = art.tok[i]
    if word.startswith("-"):  # "a-t-il": the parser calls it expl:subj, but it is the verb's subject
        head = art.tok.get(t.head_idx)
        before = art.text[max(0, head.start_char - 3):head.start_char].lower() if head else ""
        return not (head and (head.lemma in IMPERSONAL_LEMMAS or before.endswith("y ")))
    if word in SUBJECT_FORMS and t.dep == "nsubj":
        return True
    before = art.text[max(0, t.start_char - 10):t.start_char].strip().lower()
    return any(before.endswith(m) for m in SOURCE_MARKERS)


def _nearest_subject(art: ArticleIndex, i: int, word: str):
    """The actor the nearest agreeing subject before the pronoun names (its sentence first, then the one
    before), THING when that subject is a common noun no mention covers, None when there is none."""
    if word not in SUBJECT_FORMS and not word.startswith("-"):
        return None
    word = word.lstrip("-")
    agrees = agreement(art, word)
    gender = "Gender=Fem" if word.startswith("elle") else "Gender=Masc"
    number = "Number=Plur" if word.endswith("s") else "Number=Sing"
    sent = art.sentence_of(art.tok[i].start_char)
    first = art.sentence_of(max(sent.start_char - 1, 0)).start_char
    for k in reversed(art.tokens_in(first, art.tok[i].start_char)):
        t = art.tok[k]
        if t.dep not in ("nsubj", "nsubj:pass") or t.pos not in ("NOUN", "PROPN") or art.in_quote(t.start_char):
            continue
        actors = [m.actor for m in art.mentions_covering(t.start_char)]
        if actors:
            if agrees(actors[0]):
                return actors[0]
        elif gender in t.morph and number in t.morph:
            return THING
    return None

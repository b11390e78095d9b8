"""The speaker of a reporting cue or of "selon X": grammar first (subjects, agents, appositions), context last."""
from __future__ import annotations

import bisect
import re
from typing import Callable, NamedTuple

from .. import resources as R
from .article import SUBJECT_DEPS, ArticleIndex, Mention, is_finite, is_name_word
from .cues import after_verb, is_incise, is_passive, verb_group_start
from .noun_phrases import np_speaker, subject_actor
from .record import Speaker, Statement, statements_from


# --- pronouns and subjects ---------------------------------------------------------------------------
def resolve_pronoun(art: ArticleIndex, before: int, pronoun: str, statements: list[Statement]) -> Speaker:
    """Nearest preceding agreeing actor that is a subject or a speaker (outside quotes) within the three
    sentences before, else the nearest agreeing mention anywhere before."""
    agrees = agreement(art, pronoun)
    limit = art.sentence_of(before).sent_idx - 3
    first = art.first_sentence_from(limit)
    window = first.start_char if first is not None else before  # the 3 sentences before
    reported = [(x.start_char, x.end_char) for x in statements_from(statements, "end_char", window + 1)
                if x.statement_kind == "indirect" and x.end_char > window and x.start_char < before]
    strong = _subjects_before(art, window, before, agrees, reported) + [
        (s.cue_char, s.speaker) for s in statements_from(statements, "cue_char", window)
        if s.speaker and window <= s.cue_char < before and agrees(s.speaker)]
    recent = [c for c in strong if art.sentence_of(c[0]).sent_idx >= limit]
    if recent:
        return Speaker(max(recent)[1], "pronoun")
    weak = _last_mention_before(art, before, agrees)
    if weak:
        return Speaker(weak, "pronoun")
    return Speaker(None, "pronoun_unresolved")


def _last_mention_before(art: ArticleIndex, before: int, agrees: Callable[[str], bool]) -> str | None:
    """The actor of the nearest agreeing mention before `before`, outside quotes (searched backwards from
    `before`, so the cost does not grow with the article's length)."""
    found: list[tuple[int, str]] = []
    for k in range(bisect.bisect_left(art.mention_starts, before) - 1, -1, -1):
        m = art.mentions[k]
        if found and m.start_char < found[0][0]:
            break  # mentions that start at the same character as the nearest one are all seen
        if not art.in_quote(m.start_char) and agrees(m.actor):
            found.append((m.start_char, m.actor))
    return max(found)[1] if found else None


def agreement(art: ArticleIndex, pronoun: str) -> Callable[[str], bool]:
    """Whether an actor agrees in gender and number with the pronoun (data/actors.csv says which they are).

    A speaker the actor table does not know is a person of either gender when it is a name, and takes the
    number its first word shows when it is a phrase ("les deux présidents" is plural)."""
    gender, number = R.SPEAKER_PRONOUNS[pronoun.lower()]

    def agrees(actor: str) -> bool:
        if actor not in art.number:
            first = actor.split()[0].lower() if actor.split() else ""
            return number == ("pl" if first in R.PLURAL_DETERMINERS else "sg")
        return art.number.get(actor) == number and (not gender or art.gender.get(actor) == gender)

    return agrees


def _subjects_before(art: ArticleIndex, start: int, before: int, agrees: Callable[[str], bool],
                     reported: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(char, actor) of the agreeing subjects in [start, before), outside quotes and outside reported content
    (in "X a dit que Y viendrait", Y is not who "il" will stand for next)."""
    found = []
    for k in range(art.first_token_from(start), len(art.order)):  # not a copy of the article's tail per call
        i = art.order[k]
        t = art.tok[i]
        if t.start_char >= before:
            break
        if any(lo <= t.start_char < hi for lo, hi in reported):
            continue
        if t.dep in SUBJECT_DEPS and not art.in_quote(t.start_char):
            m = subject_actor(art, i)
            if m and agrees(m.actor):
                found.append((t.start_char, m.actor))
    return found


def _antecedent(art: ArticleIndex, rel: int) -> Mention | None:
    """The actor a relative 'qui' stands for: the nearest mention before it in its sentence."""
    sent = art.sentence_of(art.tok[rel].start_char)
    before = [m for m in art.mentions_between(sent.start_char, art.tok[rel].start_char)
              if not art.in_quote(m.start_char)]
    return before[-1] if before else None


def _subject_candidates(art: ArticleIndex, verb: int) -> list[int]:
    """The verb's dependents, and those of its auxiliaries (the parser sometimes hangs the subject there)."""
    kids = art.children.get(verb, [])
    return sorted(kids + [k for a in kids if art.tok[a].dep.startswith("aux") for k in art.children.get(a, [])])


def subject_speaker(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """The speaker a verb's subject designates: a resolved pronoun, the antecedent of 'qui', a noun phrase."""
    for k in _subject_candidates(art, verb):
        t = art.tok[k]
        if t.dep not in SUBJECT_DEPS:
            continue
        if t.text.lower() in R.SPEAKER_PRONOUNS:
            return resolve_pronoun(art, t.start_char, t.text, statements)
        if t.lemma.lower() in ("qui",):
            m = _antecedent(art, k)
            if m:
                return Speaker(m.actor, "relative")
            continue
        if art.in_quote(t.start_char):
            continue
        m = subject_actor(art, k)
        if m:
            return Speaker(m.actor, "subject")
    return None


# --- the speaker of a cue ----------------------------------------------------------------------------
def speaker_of_cue(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker:
    """The speaker of a reporting verb: the first of CUE_RULES that finds one, else nobody (basis "none")."""
    for rule in CUE_RULES:
        found = rule(art, verb, statements)
        if found is not None:
            return found
    return Speaker(None, "none")


def _inverted_pronoun(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """"a-t-il souligné": the inverted pronoun is the subject."""
    for k in art.children.get(verb, []) + list(range(verb_group_start(art, verb), verb)):
        if art.tok[k].text.lower() in ("-il", "-elle", "-ils", "-elles"):
            return resolve_pronoun(art, art.tok[k].start_char, art.tok[k].text, statements)
    return None


def _incise_subject(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """The named subject after the verb of an incise: ", a annoncé jeudi le porte-parole du ministère, Jean Dupont"."""
    if not is_incise(art, verb):
        return None
    start = after_verb(art, verb)
    if start is None:
        return None
    name = np_speaker(art, _inverted_subject(art, verb, start), head=None, any_head=True)
    return Speaker(name, "incise") if name else None


def _inverted_subject(art: ArticleIndex, verb: int, start: int) -> list[int]:
    """The tokens of an inverted subject from `start` to the next punctuation or finite verb, over a comma
    that introduces a name ("le président du Conseil européen, Henrik Vasstrand")."""
    sent = art.sentence_of(art.tok[verb].start_char)
    ids, toks_after = [], art.tokens_in(art.tok[start].start_char, sent.end_char)
    for n, i in enumerate(toks_after):
        if art.tok[i].text == "," and n + 2 < len(toks_after) and all(
                is_name_word(art.tok[x]) for x in toks_after[n + 1:n + 3]):
            continue
        if art.tok[i].text in (",", ".", ";", ":") or is_finite(art.tok[i]):
            break
        ids.append(i)
    return ids


def _apposed_name(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """A name between commas right before the verb group: "..., Moussa Diarra, a répondu"."""
    first = verb_group_start(art, verb)
    j = first - 1
    if not (j in art.tok and art.tok[j].text == "," and any(is_finite(art.tok[g]) for g in range(first, verb + 1))):
        return None
    run = []
    j -= 1
    while j in art.tok and is_name_word(art.tok[j]):
        run.insert(0, j)
        j -= 1
    if len(run) >= 2 and j in art.tok and art.tok[j].text == "," and not art.in_quote(art.tok[run[0]].start_char):
        return Speaker(art.name(art.tok[run[0]].start_char, art.tok[run[-1]].end_char), "apposed_name")
    return None


def _adjacent_mention(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """An actor named right before the verb group, at the start of its clause ("Cyril Ramaphosa plaide pour
    ...", when the parser takes the verb for an adjective of the name)."""
    group_start = art.tok[verb_group_start(art, verb)].start_char
    blank = group_start  # only spaces may separate the mention from the verb group
    while blank > 0 and art.text[blank - 1].isspace():
        blank -= 1
    m = next(reversed(art.mentions_ending_in(blank, group_start)), None)
    if m is None or art.in_quote(m.start_char):
        return None
    sent = art.sentence_of(m.start_char)
    before = art.text[sent.start_char:m.start_char].strip().lower()
    if before and not re.search(r"(?:^|[,;:–—-]|\s(?:et|mais|puis))\s*(?:le|la|les|l'|un|une)?$", before):
        return None
    return Speaker(m.actor, "adjacent_subject")


def _passive_agent(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """The agent of a passive: "qualifiée de ... par les médias d'État russes"."""
    for k in art.children.get(verb, []):
        if art.tok[k].dep == "obl:agent":
            ids = [i for i in art.subtree(k) if not (art.tok[i].dep == "case" and art.tok[i].head_idx == k)]
            name = np_speaker(art, ids, head=k, any_head=True)
            if name:
                return Speaker(name, "agent")
    return None


def _agentless_passive(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """A passive without an agent names nobody: its subject is what was said, not who said it."""
    return Speaker(None, "agentless_passive") if is_passive(art, verb) else None


def _main_clause_subject(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """A present participle (", soulignant que", "Tout en reconnaissant que ..., Trump a souligné"): the
    subject of the sentence's main clause, before the participle or after its clause."""
    t = art.tok[verb]
    if not t.text.lower().endswith("ant"):
        return None
    sent = art.sentence_of(t.start_char)
    comma = art.text.find(",", t.end_char, sent.end_char)
    zones = [(sent.start_char, art.tok[verb_group_start(art, verb)].start_char)]
    if comma != -1:
        zones.append((comma, sent.end_char))
    for lo, hi in zones:
        for i in art.tokens_in(lo, hi):
            if art.tok[i].dep in SUBJECT_DEPS and not art.in_quote(art.tok[i].start_char):
                found = subject_speaker(art, art.tok[i].head_idx, statements)
                if found and found.actor:
                    return Speaker(found.actor, "main_clause_subject")
    # "« ... », a justifié X, en expliquant que ...": the main clause is an incise; its speaker speaks on.
    same = [x for x in statements_from(statements, "cue_char", sent.start_char)
            if x.speaker and sent.start_char <= x.cue_char < t.start_char]
    return Speaker(same[-1].speaker, "main_clause_subject") if same else None


def _governing_subject(art: ArticleIndex, verb: int, statements: list[Statement]) -> Speaker | None:
    """A conjunct or other dependent verb: the subject of the nearest governing verb that has one."""
    j, seen = verb, {verb}
    while art.tok[j].head_idx not in seen:
        j = art.tok[j].head_idx
        seen.add(j)
        if art.in_quote(art.tok[j].start_char):
            break
        found = subject_speaker(art, j, statements)
        if found:
            return Speaker(found.actor, "governing_subject" if found.basis == "subject" else found.basis)
    return None


# In order: the verb's own grammar (inverted, then ordinary subject, apposition, agent), then the clause around it.
CUE_RULES = (_inverted_pronoun, _incise_subject, subject_speaker, _apposed_name, _adjacent_mention, _passive_agent,
             _agentless_passive, _main_clause_subject, _governing_subject)


# --- "selon X" ---------------------------------------------------------------------------------------
class SelonMarker(NamedTuple):
    """An attribution marker in a sentence: who it names, where it starts and ends, its words ("Selon")."""

    actor: str | None
    start: int
    end: int
    cue: str


def selon_marker(art: ArticleIndex, sent, statements: list[Statement]) -> SelonMarker | None:
    """The first 'selon X' / "d'après X" of a sentence outside quotes ("cité par X" names a relay, not a source)."""
    for m in re.finditer(R.ATTRIBUTION_MARKERS, art.text[sent.start_char:sent.end_char]):
        start = sent.start_char + m.start()
        if not art.in_quote(start):
            return _marker_source(art, sent, start, sent.start_char + m.end(), m.group(0).strip(), statements)
    return None


def _marker_source(art: ArticleIndex, sent, start: int, after: int, cue: str,
                   statements: list[Statement]) -> SelonMarker:
    """Who the marker names: a pronoun resolved ("selon lui"); a known actor right after it, whose phrase may
    carry a role up to the next comma ("selon X, conseiller de Y,"); else the phrase up to the next comma or
    the sentence end ("selon plusieurs sources proches du dossier,")."""
    w = re.match(r"[\w'-]+", art.text[after:sent.end_char])
    word = w.group(0) if w else ""
    if word.lower() in R.SPEAKER_PRONOUNS:
        spk = resolve_pronoun(art, start, word, statements)
        return SelonMarker(spk.actor, start, after + len(word), cue)
    first = next((x for x in art.mentions_between(after, sent.end_char) if x.actor in art.known), None)
    if first and not re.search(r"[,.;:]", art.text[after:first.start_char]):
        comma = art.text.find(",", first.end_char, sent.end_char)
        return SelonMarker(first.actor, start, (comma if comma != -1 else sent.end_char), cue)
    comma = art.text.find(",", after, sent.end_char)
    stop = comma if comma != -1 else sent.end_char
    ids = [i for i in art.tokens_in(after, stop) if not art.tok[i].is_punct]
    return SelonMarker(np_speaker(art, ids, any_head=True), start, stop, cue)

"""The speaker and cue of a direct quote or fragment: rules tried in order when the reading reaches the quote."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .article import SUBJECT_DEPS, ArticleIndex, is_finite
from .cues import INVERTED, CueList, cue_lemma, cue_phrase, is_incise, verb_group_start
from .record import Statement, statements_from
from .speakers import resolve_pronoun, speaker_of_cue, subject_actor, subject_speaker


@dataclass(frozen=True)
class QuoteContext:
    """A quote being attributed: its statement (no speaker yet), the statements read before it, the cues."""

    art: ArticleIndex
    quote: Statement
    statements: list[Statement]
    cues: CueList

    @property
    def sent_start(self) -> int:
        return self.art.sentence_of(self.quote.start_char).start_char

    @property
    def sent_end(self) -> int:
        """The end of the sentence holding the quote's last character."""
        return self.art.sentence_of(max(self.quote.end_char - 1, self.quote.start_char)).end_char

    def earlier(self) -> list[Statement]:
        """Statements before the quote that have a speaker."""
        return [x for x in self.statements if x.start_char < self.quote.start_char and x.speaker]

    def by_cue(self, verb: int) -> Statement:
        """The quote spoken by the speaker of this cue."""
        spk = speaker_of_cue(self.art, verb, self.statements)
        return replace(self.quote, speaker=spk.actor, speaker_basis=spk.basis, cue=cue_phrase(self.art, verb),
                       cue_char=self.art.tok[verb].start_char)


def attribute_quote(art: ArticleIndex, quote: Statement, statements: list[Statement], cues: list[int]) -> Statement:
    """The quote with the speaker and cue of the first rule that finds one, else with nobody (basis "none")."""
    context = QuoteContext(art, quote, statements, cues if isinstance(cues, CueList) else CueList(art, cues))
    for rule in QUOTE_RULES:
        found = rule(context)
        if found is not None:
            return found
    return replace(quote, speaker=None, speaker_basis="none")


def _inner_incise(c: QuoteContext) -> Statement | None:
    """An incise inside the marks: "« Nous ne céderons pas, a-t-elle affirmé. Le texte ... »"."""
    art = c.art
    for i in art.tokens_in(c.quote.start_char, c.quote.end_char):
        t = art.tok[i]
        group = range(verb_group_start(art, i), i)
        if (cue_lemma(t.lemma, t.text) and any(art.tok[g].text in INVERTED for g in group)
                and art.tok[verb_group_start(art, i) - 1].text == ","):
            pronoun = next(art.tok[g] for g in group if art.tok[g].text in INVERTED and art.tok[g].text != "-t")
            spk = resolve_pronoun(art, c.quote.start_char, pronoun.text, c.statements)
            return replace(c.quote, speaker=spk.actor, speaker_basis="inner_incise", cue=cue_phrase(art, i),
                           cue_char=t.start_char)
    return None


def _incise_after(c: QuoteContext) -> Statement | None:
    """An incise right after the closing mark, in the same sentence: "», a-t-il souligné".

    A direct quote takes it only when no other quote opens in between (that one is the incise's quote).
    """
    art, q_end, sent_end = c.art, c.quote.end_char, c.sent_end
    for cue in c.cues.starting_in(q_end, sent_end):  # first the position: the text between is read only nearby
        c_char = art.tok[cue].start_char
        between = art.text[q_end + 1:c_char]
        if is_incise(art, cue) and (c.quote.statement_kind == "fragment" or not re.search(r"[«\"“]", between)):
            return c.by_cue(cue)
    return None


def _inside_indirect(c: QuoteContext) -> Statement | None:
    """An indirect statement that contains the quote ("a affirmé qu'un « accord historique » ..."): its speaker."""
    q = c.quote
    container = [x for x in statements_from(c.statements, "end_char", q.end_char - 1)
                 if x.statement_kind == "indirect" and x.start_char <= q.start_char and q.end_char <= x.end_char + 1]
    if not container:
        return None
    x = min(container, key=lambda x: x.end_char - x.start_char)
    return replace(q, speaker=x.speaker, speaker_basis=x.speaker_basis, cue=x.cue, cue_char=x.cue_char)


def _cue_before(c: QuoteContext) -> Statement | None:
    """The last cue earlier in the sentence ("Trump a répondu : « ... »", "qualifiée de « ... »")."""
    sent_start = c.sent_start
    before = c.cues.starting_in(sent_start, c.quote.start_char)
    return c.by_cue(before[-1]) if before else None


def _colon_intro(c: QuoteContext) -> Statement | None:
    """A quote introduced by a colon, in its sentence or at the end of the paragraph before ("Orbán a réagi :
    « ... »", "X n'a pas caché son impatience :"): the subject of the last finite verb before the colon."""
    art = c.art
    before = art.text[:c.quote.start_char].rstrip(" «\"“\n\u00a0\u202f")
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    sent = art.sentence_of(colon)
    verbs = [i for i in art.tokens_in(sent.start_char, colon) if is_finite(art.tok[i]) or art.tok[i].pos == "VERB"]
    for v in reversed(verbs):
        head = v if not art.tok[v].dep.startswith("aux") else art.tok[v].head_idx
        found = subject_speaker(art, head, c.statements)
        if found is not None and found.actor:
            return replace(c.quote, speaker=found.actor, speaker_basis="colon", cue="")
    return None


def _continuation(c: QuoteContext) -> Statement | None:
    """A direct quote that opens its sentence with no cue continues the previous speaker's words."""
    if c.quote.statement_kind != "direct":
        return None
    opens = not c.art.text[c.sent_start:c.quote.start_char].strip(" «\"“'")
    earlier = c.earlier()
    if not (opens and earlier):
        return None
    prev = max(earlier, key=lambda x: x.start_char)
    return replace(c.quote, speaker=prev.speaker, speaker_basis="continuation", cue="")


def _sentence_subject(c: QuoteContext) -> Statement | None:
    """A fragment with no cue: the subject of its sentence, when that is someone ("X a défendu un texte « ... »").

    Only the first noun subject before the fragment counts.
    """
    art = c.art
    if c.quote.statement_kind != "fragment":
        return None
    for i in art.tokens_in(c.sent_start, c.quote.start_char):
        if art.tok[i].dep in SUBJECT_DEPS and art.tok[i].pos in ("NOUN", "PROPN"):
            m = subject_actor(art, i)
            return replace(c.quote, speaker=m.actor, speaker_basis="sentence_subject", cue="") if m else None
    return None


def _paragraph_context(c: QuoteContext) -> Statement | None:
    """A fragment with no cue, in a paragraph where someone has just been reported: that speaker.

    Not in a heading, which stands apart from the paragraph before it.
    """
    art, q_start = c.art, c.quote.start_char
    if c.quote.statement_kind != "fragment":
        return None
    paragraph_start = art.text.rfind("\n", 0, q_start) + 1
    same_paragraph = [x for x in c.earlier() if x.start_char >= paragraph_start]
    if not same_paragraph or art.tok[art.token_at(q_start)].is_heading:
        return None
    prev = max(same_paragraph, key=lambda x: x.start_char)
    return replace(c.quote, speaker=prev.speaker, speaker_basis="paragraph_context", cue="")


# In order: the grammar of the quote's own sentence first, then the context before it.
QUOTE_RULES = (_inner_incise, _incise_after, _inside_indirect, _cue_before, _colon_intro, _continuation,
               _sentence_subject, _paragraph_context)


def repeat_speakers(art: ArticleIndex, statements: list[Statement]) -> list[Statement]:
    """A quote nobody was found for that repeats words quoted elsewhere (a heading echoing the text): their speaker.

    Statements are looked at in reading order, so a repeat attributed here can lend its speaker to a later one.
    The source is the first quote, in that order, with a speaker and the same words (found by its words).
    """
    out = list(statements)
    words = [art.text[s.start_char:s.end_char].lower() for s in out]
    sources: dict[str, list[int]] = {}  # words → the positions of the quotes with a speaker that say them, in order
    for m, x in enumerate(out):
        if x.speaker and x.statement_kind != "indirect":
            sources.setdefault(words[m], []).append(m)
    for n, s in enumerate(out):
        if s.speaker is None and s.speaker_basis == "none" and s.statement_kind != "indirect" and words[n] in sources:
            found = sources[words[n]]
            out[n] = replace(s, speaker=out[found[0]].speaker, speaker_basis="repeated")
            bisect.insort(found, n)
    return out

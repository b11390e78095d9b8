"""Statements assembled in reading order (selon X, reporting cues, quotes) and the public `quotes()` table."""
from __future__ import annotations

import re

import pandas as pd

from .. import resources as R
from .article import MENTION_FIELDS, SENTENCE_FIELDS, TOKEN_FIELDS, ArticleIndex, records
from .content import (
    content_before_incise,
    content_end,
    content_start,
    is_clause,
    is_full_clause,
    is_quoted_name,
    reported_as_content,
)
from .cues import CueList, cue_phrase, find_cues, is_incise, is_negated, is_passive
from .marks import QuoteSpan
from .pronouns import PRONOUN_COLUMNS, pronoun_mentions
from .quote_speakers import attribute_quote, repeat_speakers
from .record import QUOTE_COLUMNS, Speaker, Statement, StatementLog, statements_from
from .speakers import SelonMarker, selon_marker, speaker_of_cue


def quotes(corpus: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame,
           actors: pd.DataFrame) -> pd.DataFrame:
    """One row per reported statement (direct, fragment, indirect) with its speaker and cue.

    Inputs: `corpus` (article_id, text), the parse tables `sentences` and `tokens`, the actor `mentions`
    (article_id, start_char, end_char, actor) and the `actors` table (actor, camp, gender, number).
    Columns: article_id, quote_id, statement_kind, text, speaker, speaker_camp, cue, sent_idx, start_char,
    end_char, closed (False for a quote never closed), speaker_basis (how the speaker was found).
    """
    return statements_and_pronouns(corpus, sentences, tokens, mentions, actors)[0]


def statements_and_pronouns(corpus: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame,
                            mentions: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The statement table of `quotes()` and the pronoun mentions resolved along the way (`PRONOUN_COLUMNS`:
    article_id, start_char, end_char, surface, actor, speaker_basis), in one pass over the articles."""
    camp = dict(zip(actors["actor"], actors["camp"]))
    gender = dict(zip(actors["actor"], actors["gender"]))
    number = dict(zip(actors["actor"], actors["number"]))
    tok_groups = records(tokens, TOKEN_FIELDS)
    sent_groups = records(sentences, SENTENCE_FIELDS)
    men_groups = records(mentions, MENTION_FIELDS)
    rows, pronouns = [], []
    for article_id, text in zip(corpus["article_id"], corpus["text"]):
        if article_id not in tok_groups:
            continue  # an article with no parse (an empty text) reports nothing
        art = ArticleIndex(article_id, text, tok_groups[article_id], sent_groups[article_id],
                           men_groups.get(article_id, []), gender=gender, number=number)
        found = sorted(article_statements(art), key=lambda s: (s.start_char, -s.end_char))
        rows += [_row(art, n, s, camp) for n, s in enumerate(found, start=1)]
        pronouns += pronoun_mentions(art, StatementLog(found))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS), pd.DataFrame(pronouns, columns=PRONOUN_COLUMNS)


def _row(art: ArticleIndex, n: int, s: Statement, camp: dict[str, str]) -> dict:
    return {"article_id": art.id, "quote_id": f"{art.id}-q{n:02d}", "statement_kind": s.statement_kind,
            "text": art.text[s.start_char:s.end_char], "speaker": s.speaker, "speaker_camp": camp.get(s.speaker),
            "cue": s.cue, "sent_idx": art.sentence_of(s.start_char).sent_idx, "start_char": s.start_char,
            "end_char": s.end_char, "closed": s.closed, "speaker_basis": s.speaker_basis,
            "statement_basis": s.statement_basis}


def article_statements(art: ArticleIndex) -> list[Statement]:
    """The statements of one article, found in reading order so that pronouns and continuations can look
    back at earlier speakers: at each sentence its "selon X", at each cue its content, at each quote its speaker."""
    cues = find_cues(art)
    cue_set = set(cues)
    events = sorted([(art.tok[c].start_char, 1, "cue", c) for c in cues] +
                    [(q.start, 2, "quote", q) for q in art.quotes] +
                    [(s.start_char, 0, "sent", s) for s in art.sents], key=lambda e: (e[0], e[1]))
    statements = StatementLog()
    for _, _, what, item in events:
        if what == "sent":
            found = _selon_statement(art, item, statements, cue_set)
        elif what == "cue":
            found = _cue_statement(art, item, statements, cue_set)
        else:
            found = _quote_statement(art, item, statements, cues)
        if found is not None:
            statements.append(found)
    return repeat_speakers(art, statements)


def _statement(art: ArticleIndex, kind: str, start: int, end: int, speaker: Speaker, cue: str, cue_char: int,
               closed: bool = True, basis: str = "") -> Statement:
    """A statement over text[start:end], without the spaces and punctuation that trail it."""
    while end > start and art.text[end - 1] in " ,;:":
        end -= 1
    return Statement(kind, start, end, speaker.actor, speaker.basis, cue, cue_char, closed, basis)


# --- "selon X" -----------------------------------------------------------------------------------------
def _selon_statement(art: ArticleIndex, sent, statements: list[Statement], cues: set[int]) -> Statement | None:
    """The indirect statement a sentence attributes with "selon X" or "d'après X" (not in headings)."""
    marker = None if sent.is_heading else selon_marker(art, sent, statements)
    if marker is None or _names_data(art, marker):
        return None
    start, end = _selon_span(art, sent, marker, cues)
    speaker = Speaker(marker.actor, "selon" if marker.actor else "none")
    return _statement(art, "indirect", start, end, speaker, marker.cue, marker.start, basis="selon")


def _names_data(art: ArticleIndex, marker: SelonMarker) -> bool:
    """"selon des données de la place", "d'après les chiffres officiels": figures, not anybody's words."""
    words = re.findall(r"\w+", art.text[marker.start:marker.end].lower())[1:4]
    return any(w in R.DATA_SOURCE_NOUNS for w in words)


def _selon_span(art: ArticleIndex, sent, marker: SelonMarker, cues: set[int]) -> tuple[int, int]:
    """What "selon X" attributes: the clause after it ("Selon X, ...", "qui, selon X, pourrait ..."), or the
    sentence before it when it closes the sentence ("..., selon X.")."""
    before = art.text[sent.start_char:marker.start].rstrip(" ,")
    if len(before.split()) >= 3 and art.text[marker.start - 2:marker.start].strip() == ",":
        if len(art.text[marker.end:sent.end_char].strip(" ,.").split()) < 3:
            lead = re.match(R.LEADING_CONNECTIVES, before)
            return sent.start_char + (lead.end() if lead else 0), sent.start_char + len(before)
    after = art.text[marker.end:sent.end_char]
    start = marker.end + len(after) - len(after.lstrip(" ,"))
    return start, content_end(art, start, sent.end_char, cues)


# --- reporting cues ------------------------------------------------------------------------------------
def _cue_statement(art: ArticleIndex, verb: int, statements: list[Statement], cues: set[int]) -> Statement | None:
    """The indirect statement a reporting cue introduces, unless it is exactly one quote (the quote's row)."""
    if is_negated(art, verb):
        return None  # nothing is stated; its quote, if any, is attributed from the quote's side
    span = _cue_content(art, verb, cues)
    if span is None or span[1] <= span[0] or _is_one_quote(art, *span):
        return None
    if is_passive(art, verb) and not is_clause(art, span[0]):
        return None  # "le sommet, annoncé la veille": the subject is what was said ("la Russie, sommée de ..." is not)
    if not is_incise(art, verb) and not reported_as_content(art, verb, span[0]):
        return None  # "a salué la nouvelle", "a jugé ce choix « logique »": what the verb is about, not what was said
    if not _own_statement(art, verb, span[0], statements):
        return None
    basis = "before_incise" if is_incise(art, verb) else "cue_content"
    return _statement(art, "indirect", span[0], span[1], speaker_of_cue(art, verb, statements), cue_phrase(art, verb),
                      art.tok[verb].start_char, basis=basis)


def _own_statement(art: ArticleIndex, verb: int, start: int, statements: list[Statement]) -> bool:
    """Whether a cue inside the content of an earlier statement makes a statement of its own.

    In "a répété qu'il exigerait des garanties" the inner verb is part of what was said: no. In "Selon lui,
    Poutine a averti son homologue que ..." the inner verb carries a clause of its own: yes, and the "selon"
    statement gives way to it (the words are Poutine's, relayed)."""
    at = art.tok[verb].start_char
    container = next((x for x in reversed(statements_from(statements, "end_char", at + 1))
                      if x.statement_kind == "indirect" and x.start_char <= at < x.end_char), None)
    if container is None:
        return True
    if not is_clause(art, start):
        return False
    if container.cue.lower() in R.SELON_CUES:
        statements.remove(container)
    return True


def _cue_content(art: ArticleIndex, verb: int, cues: set[int]) -> tuple[int, int] | None:
    """The content of a cue: before it for an incise, after it otherwise (up to the next boundary)."""
    if is_incise(art, verb):
        return content_before_incise(art, verb)
    start = content_start(art, verb)
    if not start:
        return None
    sent = art.sentence_of(art.tok[verb].start_char)
    return start, content_end(art, start, sent.end_char, cues - {verb})


def _is_one_quote(art: ArticleIndex, start: int, end: int) -> bool:
    """The span is one quote, give or take its marks."""
    return art.quote_reach.reaches(start + 2, end - 2)  # a quote with q.start - 2 <= start and end <= q.end + 2


# --- quotes ---------------------------------------------------------------------------------------------
def _quote_statement(art: ArticleIndex, q: QuoteSpan, statements: list[Statement],
                     cues: list[int]) -> Statement | None:
    """A quote as a direct statement (a clause of its own) or a fragment, with its speaker and cue; nothing
    for quote marks around a name or a term."""
    if is_quoted_name(art, q, cues.members if isinstance(cues, CueList) else set(cues)):
        return None
    kind = "direct" if is_full_clause(art, q) else "fragment"
    pending = _statement(art, kind, q.start, q.end, Speaker(None, "pending"), "", q.start, q.closed,
                         basis="quoted_clause" if kind == "direct" else "quoted_words")
    return attribute_quote(art, pending, statements, cues)

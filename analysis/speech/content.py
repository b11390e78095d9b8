"""What was said: where reported content starts after a cue, where it stops, and whether a quote is a clause."""
from __future__ import annotations

import re

from .. import resources as R
from .article import SUBJECT_DEPS, ArticleIndex, is_finite
from .cues import INVERTED, cue_lemma, is_incise, skip_adverbial_phrase, verb_group_start
from .marks import QuoteSpan

# Words that open a subordinate or coordinated clause: after a comma they continue the content.
SUBORDINATORS = {"que", "qu'", "qui", "dont", "où", "si", "quand", "lorsque", "lorsqu'", "et", "ou", "mais", "comme",
                 "car", "puisque", "puisqu'", "parce", "tandis", "alors"}


def is_full_clause(art: ArticleIndex, q: QuoteSpan) -> bool:
    """A quote is a full statement (direct) rather than a fragment when it reads as a clause of its own.

    It spans several sentences, or opens its sentence, or holds a finite verb that is not its first
    word ("de grands progrès ont été réalisés" is direct; "sont prêts à organiser ..." is a fragment).
    """
    inside = art.tokens_in(q.start, q.end)
    words = [i for i in inside if not art.tok[i].is_punct]
    if len(words) < 2:
        return False
    if len({art.tok[i].sent_idx for i in words}) > 1:
        return True
    sent = art.sentence_of(q.start)
    if not art.text[sent.start_char:q.start].strip(" «\"“'"):
        return True
    first = art.tok[words[0]].text.lower()
    if is_finite(art.tok[words[0]]) or first in SUBORDINATORS or first in R.CLAUSE_OPENERS_IN_FRAGMENTS:
        return False  # "si les choses avancent bien", "qui ne soit pas dictée", "pour voir si …": part of a sentence
    # A finite verb with a noun or pronoun before it inside the quote: a subject and its verb.
    for n, i in enumerate(words[1:], start=1):
        if is_finite(art.tok[i]) and any(art.tok[j].pos in ("NOUN", "PROPN", "PRON")
                                         and art.tok[j].text.lower() not in R.OBJECT_CLITICS for j in words[:n]):
            return not _noun_phrase_with_relative(art, words, n)
    return False


def _noun_phrase_with_relative(art: ArticleIndex, words: list[int], n: int) -> bool:
    """"une base qui nécessitera un travail": a noun phrase whose only verb is in a relative clause."""
    return art.tok[words[0]].pos == "DET" and any(art.tok[j].text.lower() in ("qui", "que", "qu'", "dont", "où")
                                                  for j in words[1:n])


def is_quoted_name(art: ArticleIndex, q: QuoteSpan, cues: set[int]) -> bool:
    """Quote marks around a name or a term rather than somebody's words: a title or proper name (« The
    Beast », l'« Africa Corps »), or a compound term after a definite article (la « flotte fantôme », le
    « prêt de réparation ») that no reporting verb takes as its object."""
    words = [i for i in art.tokens_in(q.start, q.end) if not art.tok[i].is_punct]
    if not words or len(words) > 6:
        return False
    capitalised = [i for i in words if art.tok[i].text[:1].isupper()]
    if len(words) >= 2 and art.tok[words[0]].text[:1].isupper() and len(capitalised) >= 2 and \
            not any(is_finite(art.tok[i]) for i in words[1:]) and \
            all(i in capitalised or art.tok[i].text.lower() in R.NAME_FUNCTION_WORDS for i in words):
        return True
    end = q.start  # the words before the quote, its marks and spaces left out; the pattern reads the last few
    while end > 0 and art.text[end - 1] in " «“\"‹\u00a0\u202f":
        end -= 1
    before = art.text[max(0, end - 12):end].lower()
    # After the article the quote is a noun phrase, whatever tag the parser gives its first word.
    first = art.tok[words[0]].text.lower()
    if not re.search(R.DEFINITE_BEFORE_TERM, before) or not 2 <= len(words) <= 4 or first in R.PRENOMINAL_ADJECTIVES \
            or any(is_finite(art.tok[i]) for i in words[1:]):
        return False
    head = art.tok[words[0]].head_idx
    return not (head in cues and art.tok[words[0]].dep == "obj")


# --- where the content starts -------------------------------------------------------------------------
def content_start(art: ArticleIndex, verb: int) -> int | None:
    """Where the reported content starts after a cue: after 'que', at 'de' + infinitive, an infinitive,
    a noun phrase or a quote; time expressions, adverbs and parentheticals are skipped."""
    sent = art.sentence_of(art.tok[verb].start_char)
    ids = art.tokens_in(art.tok[verb].end_char, sent.end_char)
    k = 0
    while k < len(ids):
        t = art.tok[ids[k]]
        if _is_filler(art, ids, k):
            k += 1
        elif (past := skip_adverbial_phrase(art, ids, k, sent.end_char)) > k:
            k = past
        elif t.text.lower() in ("que", "qu'"):
            return art.tok[ids[k + 1]].start_char if k + 1 < len(ids) else None
        elif _introduces_content(art, verb, t) and k + 1 < len(ids):
            return art.tok[ids[k + 1]].start_char
        elif t.pos == "ADP":  # an oblique ("à une question", "à plusieurs reprises"): skip it
            k = _past_oblique(art, ids, k)
        elif _opens_content(t):
            return _after_que_ahead(art, ids, k) or t.start_char
        else:
            return None
    return None


def _after_que_ahead(art: ArticleIndex, ids: list[int], k: int) -> int | None:
    """"a averti son homologue que ...", "a assuré aux journalistes que ...": after a short indirect object, the
    content starts after "que" (within six words, no verb in between)."""
    for n in range(k, min(k + 7, len(ids) - 1)):
        t = art.tok[ids[n]]
        if t.text.lower() in ("que", "qu'"):
            return art.tok[ids[n + 1]].start_char
        if is_finite(t) or t.pos == "VERB" or t.text in (",", ";", ":", "«", '"', "“"):
            return None
    return None


def _is_filler(art: ArticleIndex, ids: list[int], k: int) -> bool:
    """Between a cue and its content: an inverted pronoun, an adverb, a number, a time word, a comma,
    or the determiner of a number or time word ("a annoncé la semaine dernière que")."""
    t = art.tok[ids[k]]
    if (t.text in INVERTED or t.pos == "ADV" or (t.like_num and t.pos == "NUM") or t.lemma.lower() in R.TIME_NOUNS
            or t.text == ","):
        return True
    if t.pos != "DET" or k + 1 >= len(ids):
        return False
    nxt = art.tok[ids[k + 1]]
    return bool((nxt.like_num and nxt.pos == "NUM") or nxt.lemma.lower() in R.TIME_NOUNS)


def _introduces_content(art: ArticleIndex, verb: int, t) -> bool:
    """'de' before an infinitive or a noun ("a promis de", "a parlé d'un accord"), 'sur' after some verbs."""
    low = t.text.lower()
    return low in ("de", "d'") or (low == "sur" and art.tok[verb].lemma in R.CONTENT_AFTER_SUR)


def _past_oblique(art: ArticleIndex, ids: list[int], k: int) -> int:
    """The index in `ids` just past the prepositional phrase that starts at ids[k]."""
    t = art.tok[ids[k]]
    sub = [i for i in art.subtree(t.head_idx) if art.tok[i].start_char >= t.start_char] if t.head_idx != ids[k] else []
    end = max((art.tok[i].end_char for i in sub), default=t.end_char)
    while k < len(ids) and art.tok[ids[k]].start_char < end:
        k += 1
    return k


def _opens_content(t) -> bool:
    """An infinitive, a noun phrase, a number or an opening quote mark can start what was said."""
    return "VerbForm=Inf" in t.morph or t.pos in ("DET", "NOUN", "PROPN", "ADJ", "NUM") or t.text in ("«", '"', "“")


def is_clause(art: ArticleIndex, start: int) -> bool:
    """Content that starts a "que" clause or an infinitive."""
    i = art.token_at(start)
    if i is None:
        return False
    return "VerbForm=Inf" in art.tok[i].morph or (i - 1 in art.tok and art.tok[i - 1].text.lower() in ("que", "qu'"))


def reported_as_content(art: ArticleIndex, verb: int, start: int) -> bool:
    """Whether what follows a cue is what was said.

    A "que" clause or an infinitive always is. Quoted words right after the cue are, unless the verb
    qualifies something ("a jugé « réaliste » une rencontre": an attribute). A noun phrase is for verbs whose
    object is a proposition ("a évoqué un sommet", "a promis des sanctions"), not for the others ("a salué
    la nouvelle", "a jugé ce choix « logique »", "assurent la moitié des exportations").
    """
    i = art.token_at(start)
    if i is None:
        return False
    lemma = cue_lemma(art.tok[verb].lemma, art.tok[verb].text) or art.tok[verb].lemma
    if is_clause(art, start):
        return True
    if art.tok[i].text in ("«", '"', "“"):
        return lemma not in R.ATTRIBUTIVE_VERBS
    return lemma in R.NOMINAL_CONTENT_VERBS


# --- where the content stops ------------------------------------------------------------------------
def content_end(art: ArticleIndex, start: int, sent_end: int, cues: set[int]) -> int:
    """Where reported content ends: the sentence end or an earlier boundary, without trailing punctuation."""
    end = _cut(art, start, sent_end, cues)
    while end > start and art.text[end - 1] in " .!?;:,":
        end -= 1
    return end


def _cut(art: ArticleIndex, start: int, sent_end: int, cues: set[int]) -> int:
    """The first boundary after `start` where reported content stops (or the sentence end)."""
    ids = art.tokens_in(start, sent_end)
    for n, i in enumerate(ids):
        if any(boundary(art, ids, n, cues) for boundary in BOUNDARIES):
            return art.tok[i].start_char
    return sent_end


def _clause_punctuation(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """A semicolon or a colon ends the content."""
    return art.tok[ids[n]].text in (";", ":")


def _coordinated_clause(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """'et', 'mais', 'ou' before a finite verb, or before a subject pronoun and a reporting verb: the
    journalist's next clause ("... et a ajouté", "..., mais il a répété que")."""
    if art.tok[ids[n]].text.lower() not in ("et", "mais", "ou") or n + 1 >= len(ids):
        return False
    nxt = art.tok[ids[n + 1]]
    if nxt.pos in ("AUX", "VERB") and is_finite(nxt):
        return True
    if nxt.text.lower() not in R.SPEAKER_PRONOUNS:
        return False
    return any(j in cues for j in ids[n + 2:n + 5])


def _comma_boundary(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """A comma followed by something that is not part of the content (see COMMA_BOUNDARIES)."""
    if art.tok[ids[n]].text != "," or n + 1 >= len(ids):
        return False
    return any(rule(art, ids, n, cues) for rule in COMMA_BOUNDARIES)


def _participle_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", soulignant que", ", en ajoutant", ", tout en reconnaissant": the reporter's participle clause."""
    a = art.tok[ids[n + 1]]
    b = art.tok[ids[n + 2]] if n + 2 < len(ids) else None
    if _parenthetical(art, ids, n):
        return False  # ", associant les Européens, devrait suivre": the participle clause sits inside the content
    if "VerbForm=Part" in a.morph and "Tense=Pres" in a.morph:
        return True
    if a.text.endswith("ant") and a.pos in ("VERB", "NOUN"):  # the small model tags some participles as nouns
        return True
    if a.text.lower() == "en" and b is not None and "VerbForm=Part" in b.morph:
        return True
    return a.text.lower() == "tout" and b is not None and b.text == "en" and n + 3 < len(ids)


def _parenthetical(art: ArticleIndex, ids: list[int], n: int) -> bool:
    """Between this comma and the next one a clause without a finite verb, and right after the next comma a
    finite verb: the words between the commas are an apposition inside the content."""
    for m in range(n + 1, len(ids)):
        t = art.tok[ids[m]]
        if is_finite(t) or t.text in (";", ":"):
            return False
        if t.text == ",":
            return m + 1 < len(ids) and is_finite(art.tok[ids[m + 1]])
    return False


def _infinitive_clause_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", sans préciser lesquels", ", avant d'ajouter que": the reporter's infinitive clause."""
    if art.tok[ids[n + 1]].text.lower() not in R.JOURNALIST_INFINITIVE_LINKS:
        return False
    for j in ids[n + 2:n + 5]:
        t = art.tok[j]
        if "VerbForm=Inf" in t.morph:
            return True
        if t.pos not in ("PRON", "ADV") and t.text.lower() not in ("de", "d'"):
            return False
    return False


def _incise_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", a-t-il ajouté", ", selon X": a reporting incise or attribution follows the comma."""
    if any(j in cues and is_incise(art, j) for j in ids[n + 1:n + 5]):
        return True
    return art.tok[ids[n + 1]].text.lower() in ("selon", "d'après")


def _comment_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", ce qui ...": the journalist's comment on what was said."""
    if art.tok[ids[n + 1]].text.lower() != "ce" or n + 2 >= len(ids):
        return False
    return art.tok[ids[n + 2]].text.lower() in ("qui", "que", "dont")


def _gloss_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", un ...": an apposed noun phrase glossing the content."""
    a = art.tok[ids[n + 1]]
    return a.text.lower() in ("un", "une", "des") and a.pos == "DET"


def _new_clause_after(art: ArticleIndex, ids: list[int], n: int, cues: set[int]) -> bool:
    """", la Russie a ...": a subject then a finite verb, before any other comma or subordinator."""
    comma = art.tok[ids[n]]
    if art.tok[ids[n + 1]].text.lower() in SUBORDINATORS:
        return False
    for j in ids[n + 1:]:
        tj = art.tok[j]
        if tj.text in (",", ";") or tj.text.lower() in SUBORDINATORS:
            return False
        if is_finite(tj):
            return any(comma.start_char < art.tok[x].start_char < tj.start_char and art.tok[x].dep in SUBJECT_DEPS
                       and art.tok[x].lemma not in ("qui", "que") for x in ids[n + 1:])
    return False


COMMA_BOUNDARIES = (_participle_after, _infinitive_clause_after, _incise_after, _comment_after, _gloss_after,
                    _new_clause_after)
BOUNDARIES = (_clause_punctuation, _comma_boundary, _coordinated_clause)


def content_before_incise(art: ArticleIndex, verb: int) -> tuple[int, int] | None:
    """For ', a écrit M. Dupont': the reported clause before the incise, in the same sentence."""
    sent = art.sentence_of(art.tok[verb].start_char)
    comma = art.tok[verb_group_start(art, verb) - 1]
    start, end = sent.start_char, comma.start_char
    m = re.match(R.LEADING_CONNECTIVES, art.text[start:end])
    if m:
        start += m.end()
    return (start, end) if end - start > 0 else None

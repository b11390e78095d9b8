"""Reported speech: direct quotes, quoted fragments and indirect statements, with their speakers.

The rules are French grammar and lexicons (analysis.resources), never strings of these articles:
quote marks are paired at character level, cues come from a reporting-verb lexicon, speakers from the
dependency parse (subject, inverted subject, passive agent), "selon X", pronoun resolution and the
continuation of the previous statement.
"""
from __future__ import annotations

import bisect
import html
import re
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import resources as R
from .actors import actor_mentions, load_actors

QUOTE_COLUMNS = ["article_id", "quote_id", "kind", "text", "speaker", "speaker_camp", "cue", "sent_idx",
                 "start_char", "end_char", "closed", "speaker_basis"]
KINDS = ("direct", "fragment", "indirect")
OPENERS = {"«": "»", "“": "”", "‹": "›"}
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "csubj")
COMPLEMENT_DEPS = ("ccomp", "xcomp", "obj", "obl:arg")


# --- quote marks ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuoteSpan:
    """The inside of a pair of quote marks: text[start:end]; `closed` False when never closed."""

    start: int
    end: int
    mark: str
    closed: bool = True


def quote_marks(text: str) -> list[QuoteSpan]:
    """Pair the quote marks of a text: « », “ ”, ‹ ›, straight double quotes and single quotes used as marks.

    A quote still open at the end of a paragraph continues when the next paragraph opens with a quote
    mark (the French convention for quotes over several paragraphs); otherwise it is closed there and
    flagged `closed=False`. Apostrophes inside words (l'heure) are never taken for quote marks.
    """
    spans: list[QuoteSpan] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    open_at: int | None = None
    open_mark = ""
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        while i < p_end:
            ch = text[i]
            if open_at is None:
                if ch in OPENERS or ch == '"' or (ch == "'" and _single_opens(text, i, p_end)):
                    open_at, open_mark = i + 1, ch
            elif (ch == OPENERS.get(open_mark) or (ch == '"' and open_mark == '"')
                  or (ch == "'" and open_mark == "'" and _single_closes(text, i))):
                spans.append(_trimmed(text, open_at, i, open_mark, True))
                open_at = None
            i += 1
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            continues = nxt is not None and text[nxt[0]] in ("«", '"', "“") and open_mark != "'"
            if continues:
                # The next paragraph's opening mark continues this quote: skip over it.
                text_next_mark = nxt[0]
                paragraphs[p_index + 1] = (text_next_mark + 1, nxt[1])
            else:
                spans.append(_trimmed(text, open_at, p_end, open_mark, False))
                open_at = None
    return spans


def _single_opens(text: str, i: int, p_end: int) -> bool:
    """A single quote opens a quotation when it follows a space and a matching closing one follows."""
    if i > 0 and not (text[i - 1].isspace() or text[i - 1] in "(«:"):
        return False
    if i + 1 >= p_end or not text[i + 1].isalpha():
        return False
    return any(_single_closes(text, j) for j in range(i + 2, p_end) if text[j] == "'")


def _single_closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not text[i - 1].isspace() and (after.isspace() or after in ",.;:!?)»")


def _trimmed(text: str, start: int, end: int, mark: str, closed: bool) -> QuoteSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, mark, closed)


_Mention = namedtuple("_Mention", "start_char end_char actor")
TITLES = r"^(?:M\.|Mme|Mlle|MM\.|Me|Dr|Pr)\s+"


def _unknown_people(text: str, toks: list, known: list) -> list[_Mention]:
    """People and organisations the parser finds that data/actors.csv does not know, as pseudo-mentions.

    Each is named by its fullest form in the article: "Mme Moreau" → "Élisabeth Moreau".
    """
    runs, current = [], None
    for t in toks:
        if t.ent_type in ("PER", "ORG") and current and current[2] == t.ent_type and t.start_char - current[1] <= 1:
            current[1] = t.end_char
        else:
            if current:
                runs.append(current)
            current = [t.start_char, t.end_char, t.ent_type] if t.ent_type in ("PER", "ORG") else None
    if current:
        runs.append(current)
    runs = [r for r in runs if not any(m.start_char < r[1] and r[0] < m.end_char for m in known)]
    names = {}
    for start, end, _ in runs:
        name = re.sub(TITLES, "", text[start:end]).strip()
        if name and name[0].isupper():
            names[(start, end)] = name
    by_last = {}
    for name in names.values():
        last = name.split()[-1]
        if len(name) > len(by_last.get(last, "")):
            by_last[last] = name
    return [_Mention(s, e, by_last[n.split()[-1]]) for (s, e), n in names.items()]


def _is_name_word(t) -> bool:
    """A capitalised content word (not a determiner, preposition or pronoun), as in a person's name."""
    return t.text[:1].isupper() and t.pos not in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "AUX") and \
        t.text not in R.NEWS_OUTLETS and len(t.text) > 1


def _proper_name_runs(toks: list) -> list[tuple[int, int]]:
    """Char spans of runs of two or more capitalised words ("Karim Benhadj"), whatever POS or NER say."""
    runs, current = [], None
    for t in toks:
        if _is_name_word(t):
            if current and t.start_char - current[1] <= 1:
                current[1], current[2] = t.end_char, current[2] + 1
                continue
            if current and current[2] >= 2:
                runs.append((current[0], current[1]))
            current = [t.start_char, t.end_char, 1]
        else:
            if current and current[2] >= 2:
                runs.append((current[0], current[1]))
            current = None
    if current and current[2] >= 2:
        runs.append((current[0], current[1]))
    return runs


# --- one article's parse, indexed -------------------------------------------------------------------
class _Article:
    """Tokens, sentences, mentions and quotes of one article, with the lookups the rules need."""

    def __init__(self, article_id: str, text: str, toks: list, sents: list, mentions: list, actors: pd.DataFrame):
        self.id, self.text = article_id, text
        self.tok = {row.token_idx: row for row in toks}
        self.order = sorted(self.tok)
        self.starts = [self.tok[i].start_char for i in self.order]
        self.children: dict[int, list[int]] = {}
        for i in self.order:
            head = self.tok[i].head_idx
            if head != i:
                self.children.setdefault(head, []).append(i)
        self.sents = sents
        self.sent_starts = [s.start_char for s in self.sents]
        known = [_Mention(m.start_char, m.end_char, m.actor) for m in mentions]
        self.mentions = sorted(known + _unknown_people(text, toks, known), key=lambda m: m.start_char)
        self.known = {m.actor for m in known}
        # Full names by their last word, for "M. Benhadj" → "Karim Benhadj".
        self.full_names: dict[str, str] = {}
        for start, end in _proper_name_runs(toks) + [(m.start_char, m.end_char) for m in self.mentions]:
            name = re.sub(TITLES, "", text[start:end]).strip()
            last = name.split()[-1] if name else ""
            if last and len(name) > len(self.full_names.get(last, "")):
                self.full_names[last] = name
        self.roles: list[tuple[int, str, str]] = []  # (char, role lemma, person): "La ministre ..., Claire Dumontier"
        self.roles = _build_roles(self)
        self.quotes = quote_marks(text)
        self.gender = dict(zip(actors["actor"], actors["gender"]))
        self.number = dict(zip(actors["actor"], actors["number"]))
        self.kind = dict(zip(actors["actor"], actors["kind"]))

    # lookups
    def token_at(self, char: int) -> int | None:
        k = bisect.bisect_right(self.starts, char) - 1
        return self.order[k] if k >= 0 else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.order[lo:hi]

    def sentence_of(self, char: int):
        return self.sents[max(bisect.bisect_right(self.sent_starts, char) - 1, 0)]

    def name(self, start: int, end: int) -> str:
        """A proper name as its fullest form in the article."""
        name = re.sub(TITLES, "", self.text[start:end]).strip()
        return self.full_names.get(name.split()[-1], name) if name else name

    def in_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quotes)

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children.get(j, []))
        return sorted(out)


# --- cues ---------------------------------------------------------------------------------------
INVERTED = ("-t", "-il", "-elle", "-on", "-ils", "-elles")
SUBORDINATORS = {"que", "qu'", "qui", "dont", "où", "si", "quand", "lorsque", "lorsqu'", "et", "ou", "mais", "comme",
                 "car", "puisque", "puisqu'", "parce", "tandis", "alors"}


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


def _finite(t) -> bool:
    return "VerbForm=Fin" in t.morph and t.pos in ("VERB", "AUX")


def _verb_group_start(art: _Article, verb: int) -> int:
    """First token of the verb group: auxiliaries and an inverted pronoun ("a-t-il souligné")."""
    i = verb
    while i - 1 in art.tok and (art.tok[i - 1].dep.startswith("aux") or art.tok[i - 1].text in INVERTED
                                or art.tok[i - 1].lemma in ("se", "s'") or art.tok[i - 1].text in ("s'", "se")):
        i -= 1
    return i


def _is_incise(art: _Article, verb: int) -> bool:
    """Inverted reporting clause after the content: ", a-t-il souligné", "», a déclaré M. Dupont".

    The finite cue follows a comma or a closing quote, something was said before it in the sentence
    (a closing quote or a finite verb), and its subject comes after it (an inverted pronoun or a noun
    phrase), not a "que" clause or an infinitive.
    """
    first = _verb_group_start(art, verb)
    before = first - 1
    if before not in art.tok or art.tok[before].text not in (",", "»", '"', "”"):
        return False
    group = range(first, verb + 1)
    if not any(_finite(art.tok[i]) for i in group if i in art.tok):
        return False
    t = art.tok[verb]
    sent = art.sentence_of(t.start_char)
    earlier = art.tokens_in(sent.start_char, art.tok[before].start_char + 1)
    if not any(art.tok[i].text in ("»", '"', "”") or _finite(art.tok[i]) for i in earlier):
        return False
    if any(art.tok[i].text in INVERTED for i in group if i in art.tok):
        return True
    nxt = _after_verb(art, verb)
    return nxt is None or (art.tok[nxt].pos in ("DET", "PROPN", "NOUN") and art.tok[nxt].text.lower() not in ("que", "qu'"))


def _after_verb(art: _Article, verb: int) -> int | None:
    """The first token after a verb that is not an adverb, a time expression or a prepositional phrase."""
    sent = art.sentence_of(art.tok[verb].start_char)
    ids = art.tokens_in(art.tok[verb].end_char, sent.end_char)
    k = 0
    while k < len(ids):
        t = art.tok[ids[k]]
        if t.pos == "ADV" or t.lemma.lower() in R.TIME_NOUNS or (t.like_num and t.pos == "NUM"):
            k += 1
        elif t.pos == "DET" and art.tok[t.head_idx].lemma.lower() in R.TIME_NOUNS:
            k += 1
        elif t.pos == "ADP" and t.text.lower() not in ("de", "d'"):  # "à Reuters", "devant la presse"
            k += 1
            while k < len(ids) and art.tok[ids[k]].pos == "DET":
                k += 1
            rest = art.text[art.tok[ids[k]].start_char:sent.end_char] if k < len(ids) else ""
            outlet = next((o for o in sorted(R.NEWS_OUTLETS, key=len, reverse=True)
                           if rest.startswith(o) and not rest[len(o):len(o) + 1].isalnum()), None)
            if outlet:
                end = art.tok[ids[k]].start_char + len(outlet)
                while k < len(ids) and art.tok[ids[k]].start_char < end:
                    k += 1
                continue
            while k < len(ids) and art.tok[ids[k]].pos in ("NOUN", "ADJ", "ADP", "DET") and not _is_name_word(
                    art.tok[ids[k]]):
                k += 1
        else:
            return ids[k]
    return None


def _is_passive(art: _Article, verb: int) -> bool:
    """'sera annoncé', 'a été qualifiée', 'jugée productive': the subject is what is said, not who says it."""
    t = art.tok[verb]
    kids = art.children.get(verb, [])
    if any(art.tok[k].dep == "aux:pass" for k in kids) or "Voice=Pass" in t.morph:
        return True
    return ("VerbForm=Part" in t.morph and "Tense=Past" in t.morph
            and not any(art.tok[k].dep.startswith("aux") for k in kids) and t.dep in ("amod", "acl", "conj"))


def _cue_phrase(art: _Article, verb: int) -> str:
    """The cue as written: auxiliaries, inverted pronoun and verb ("a-t-il souligné", "a annoncé")."""
    return art.text[art.tok[_verb_group_start(art, verb)].start_char:art.tok[verb].end_char]


def _cues(art: _Article) -> list[int]:
    """Tokens that are reporting cues, outside quotes and headings, with a speaking subject."""
    found = []
    for i in art.order:
        t = art.tok[i]
        if t.is_heading or art.in_quote(t.start_char) or t.pos in ("PUNCT", "DET", "ADP", "PRON", "PROPN"):
            continue
        if t.pos == "NOUN" and not t.text.endswith("ant"):
            continue  # "l'annonce de Trump" is a noun; "qualifiant" mis-tagged as one is still a participle
        lemma = cue_lemma(t.lemma, t.text)
        if lemma is None and t.lemma in R.REPORTING_MULTIWORD and i + 1 in art.tok and \
                art.tok[i + 1].text.lower() in R.REPORTING_MULTIWORD[t.lemma]:
            lemma = t.lemma  # "a fait part de", "a fait savoir que"
        if lemma is None:
            continue
        if lemma in R.INCISE_ONLY_VERBS and not _is_incise(art, i):
            continue
        if any(art.tok[k].dep in SUBJECT_DEPS and art.tok[k].lemma.lower() in R.NEGATIVE_SUBJECTS
               for k in art.children.get(i, [])):
            continue  # "rien n'indique que ...": nobody speaks
        found.append(i)
    return found


# --- speakers ------------------------------------------------------------------------------------
@dataclass
class _Speaker:
    actor: str | None
    basis: str


def _subject_actor(art: _Article, subj: int):
    """The actor a subject noun phrase designates (see `_np_speaker`), as a mention-like record."""
    relclauses = {i for k in art.subtree(subj) if art.tok[k].dep in ("acl:relcl", "acl") for i in art.subtree(k)}
    ids = [i for i in art.subtree(subj) if i not in relclauses]
    name = _np_speaker(art, ids, head=subj)
    return _Mention(art.tok[subj].start_char, art.tok[subj].end_char, name) if name else None


def _np_speaker(art: _Article, ids: list[int], head: int | None = None, *, any_head: bool = False) -> str | None:
    """Who a noun phrase designates, in order of preference:

    a known actor outside a prepositional phrase; a proper name (a run of capitalised proper nouns or
    a person entity) outside one ("Le secrétaire général de Force ouvrière, Thierry Lansac"); a known
    actor inside one ("des fonctionnaires de la Maison Blanche"); a role whose holder the article has
    named ("la ministre" → "Claire Dumontier"); the noun phrase as written when its head can speak
    ("une source diplomatique").
    """
    if not ids:
        return None
    lo, hi = art.tok[ids[0]].start_char, art.tok[ids[-1]].end_char
    head = head if head is not None else _np_head(art, ids)
    mentions = [m for m in art.mentions if m.start_char < hi and lo < m.end_char]
    known = [m for m in mentions if m.actor in art.known]

    def outside(char: int) -> bool:
        """Not right after a preposition ("du Conseil européen", "de Force ouvrière")."""
        j = art.token_at(max(char, lo)) - 1
        while j in art.tok and art.tok[j].pos == "DET":
            j -= 1
        return not (j in art.tok and art.tok[j].pos == "ADP" and art.tok[j].start_char >= lo)

    for m in known:
        if outside(m.start_char):
            return m.actor
    for s_, e_ in _proper_name_runs_in(art, ids):
        if outside(s_):
            return art.name(s_, e_)
    if known:
        return known[0].actor
    content = [i for i in ids if art.tok[i].pos != "DET"]
    if content and all(_is_name_word(art.tok[i]) or art.tok[i].text in R.NEWS_OUTLETS for i in content):
        return art.name(art.tok[content[0]].start_char, art.tok[content[-1]].end_char)  # "selon L'Équipe"
    if head is not None and art.tok[head].pos in ("NOUN", "PROPN") and (
            any_head or art.tok[head].lemma.lower() in R.SPEAKER_NOUNS):
        determiner = art.text[lo:art.tok[head].start_char].strip().lower()
        if determiner.split()[:1] and determiner.split()[0] in R.POSSESSIVES:
            return None
        holder = [p for c, r, p in art.roles if r == art.tok[head].lemma.lower() and c < art.tok[head].start_char]
        if holder and determiner.split()[:1] in (["le"], ["la"], ["l'"]):
            return holder[-1]
        return _noun_phrase(art, head, ids)
    unknown = [m for m in mentions if m.actor not in art.known and outside(m.start_char)]
    return unknown[0].actor if unknown else None


def _proper_name_runs_in(art: _Article, ids: list[int]) -> list[tuple[int, int]]:
    """Name runs among these tokens: two or more capitalised words, or one the parser calls a person."""
    runs, cur = [], []
    for i in ids + [None]:
        if i is not None and _is_name_word(art.tok[i]) and (not cur or i == cur[-1] + 1):
            cur.append(i)
            continue
        if len(cur) >= 2 or (len(cur) == 1 and art.tok[cur[0]].ent_type == "PER"
                             and art.tok[cur[0]].text.split()[-1] in art.full_names):
            runs.append((art.tok[cur[0]].start_char, art.tok[cur[-1]].end_char))
        cur = [i] if i is not None and _is_name_word(art.tok[i]) else []
    return runs


def _np_head(art: _Article, ids: list[int]) -> int | None:
    """The token of a phrase whose head lies outside it (its root), first noun if several."""
    idset = set(ids)
    roots = [i for i in ids if art.tok[i].head_idx not in idset or art.tok[i].head_idx == i]
    nouns = [i for i in roots if art.tok[i].pos in ("NOUN", "PROPN")]
    return (nouns or roots or [None])[0]


def _build_roles(art: _Article) -> list[tuple[int, str, str]]:
    """Roles the article gives named people: "La ministre du Travail, Claire Dumontier" → (ministre, name)."""
    roles = []
    for start, end in _proper_name_runs([art.tok[i] for i in art.order]):
        first, last = art.token_at(start), art.token_at(end - 1)
        name = art.name(start, end)
        # ROLE (…) [,] NAME : look back over the noun phrase before the name.
        j, seen_comma = first - 1, False
        while j in art.tok and first - j <= 10:
            t = art.tok[j]
            if t.text == "," and not seen_comma:
                seen_comma = True
            elif t.is_punct or _finite(t):
                break
            elif t.lemma.lower() in R.SPEAKER_NOUNS and t.pos == "NOUN":
                roles.append((start, t.lemma.lower(), name))
                break
            j -= 1
        # NAME, ROLE : "Karim Benhadj, délégué CGT du site".
        if last + 1 in art.tok and art.tok[last + 1].text == ",":
            for j in range(last + 2, last + 5):
                if j in art.tok and art.tok[j].lemma.lower() in R.SPEAKER_NOUNS and art.tok[j].pos in ("NOUN", "ADJ"):
                    roles.append((start, art.tok[j].lemma.lower(), name))
                    break
    return sorted(roles)


def _resolve_pronoun(art: _Article, before: int, pronoun: str, statements: list[dict]) -> _Speaker:
    """Nearest preceding agreeing actor that is a subject or a speaker (outside quotes), else any mention."""
    gender, number = R.SPEAKER_PRONOUNS[pronoun.lower()]

    def agrees(actor: str) -> bool:
        if actor not in art.number:  # a person the actor table does not know: a singular of either gender
            return number == "sg"
        return art.number.get(actor) == number and (not gender or art.gender.get(actor) == gender)

    strong, weak = [], []
    for i in art.order:
        t = art.tok[i]
        if t.start_char >= before:
            break
        if t.dep in SUBJECT_DEPS and not art.in_quote(t.start_char):
            m = _subject_actor(art, i)
            if m and agrees(m.actor):
                strong.append((t.start_char, m.actor))
    for s in statements:
        if s["speaker"] and s["cue_char"] < before and agrees(s["speaker"]):
            strong.append((s["cue_char"], s["speaker"]))
    for m in art.mentions:
        if m.start_char < before and not art.in_quote(m.start_char) and agrees(m.actor):
            weak.append((m.start_char, m.actor))
    limit = art.sentence_of(before).sent_idx - 3
    recent = [c for c in strong if art.sentence_of(c[0]).sent_idx >= limit]
    if recent:
        return _Speaker(max(recent)[1], "pronoun")
    if weak:
        return _Speaker(max(weak)[1], "pronoun")
    return _Speaker(None, "pronoun_unresolved")


def _antecedent(art: _Article, rel: int):
    """The actor a relative 'qui' stands for: the nearest mention before it in its sentence."""
    sent = art.sentence_of(art.tok[rel].start_char)
    before = [m for m in art.mentions if sent.start_char <= m.start_char < art.tok[rel].start_char
              and not art.in_quote(m.start_char)]
    return before[-1] if before else None


def _subject_speaker(art: _Article, verb: int, statements: list[dict]) -> _Speaker | None:
    for k in art.children.get(verb, []):
        t = art.tok[k]
        if t.dep not in SUBJECT_DEPS:
            continue
        if t.text.lower() in R.SPEAKER_PRONOUNS:
            return _resolve_pronoun(art, t.start_char, t.text, statements)
        if t.lemma.lower() in ("qui",):
            m = _antecedent(art, k)
            if m:
                return _Speaker(m.actor, "relative")
            continue
        if art.in_quote(t.start_char):
            continue
        m = _subject_actor(art, k)
        if m:
            return _Speaker(m.actor, "subject")
    return None


def _noun_phrase(art: _Article, head: int, within: list[int] | None = None) -> str:
    """A noun phrase as written, without relative clauses, appositions or the preposition before it."""
    drop = {i for k in art.subtree(head) if art.tok[k].dep in ("acl:relcl", "appos", "acl") for i in art.subtree(k)}
    allowed = set(within) if within is not None else None
    ids = [i for i in art.subtree(head) if i not in drop and (allowed is None or i in allowed)]
    while ids and (art.tok[ids[0]].pos == "ADP" or art.tok[ids[0]].is_punct):
        ids = ids[1:]
    if ids:  # stop at the first comma: what follows is an apposition or an incise
        cut = next((n for n, i in enumerate(ids) if art.tok[i].text == ","), len(ids))
        ids = ids[:cut]
    return art.text[art.tok[ids[0]].start_char:art.tok[ids[-1]].end_char] if ids else art.tok[head].text


def _speaker_of_cue(art: _Article, verb: int, statements: list[dict]) -> _Speaker:
    """The speaker of a reporting verb, by grammar first and context last."""
    t = art.tok[verb]
    kids = art.children.get(verb, [])
    # "-t-il": the inverted pronoun is the subject.
    for k in kids + list(range(_verb_group_start(art, verb), verb)):
        if art.tok[k].text.lower() in ("-il", "-elle", "-ils", "-elles"):
            return _resolve_pronoun(art, art.tok[k].start_char, art.tok[k].text, statements)
    # Inverted named subject in an incise: ", a annoncé jeudi le porte-parole du ministère, Jean Dupont".
    if _is_incise(art, verb):
        start = _after_verb(art, verb)
        if start is not None:
            sent = art.sentence_of(t.start_char)
            ids, toks_after = [], art.tokens_in(art.tok[start].start_char, sent.end_char)
            for n, i in enumerate(toks_after):
                if art.tok[i].text == "," and n + 2 < len(toks_after) and all(
                        _is_name_word(art.tok[x]) for x in toks_after[n + 1:n + 3]):
                    continue  # "le président du Conseil européen, Henrik Vasstrand"
                if art.tok[i].text in (",", ".", ";", ":") or _finite(art.tok[i]):
                    break
                ids.append(i)
            name = _np_speaker(art, ids, head=None, any_head=True)
            if name:
                return _Speaker(name, "incise")
    found = _subject_speaker(art, verb, statements)
    if found:
        return found
    # A name right before the verb group, in apposition: "..., Moussa Diarra, a répondu".
    first = _verb_group_start(art, verb)
    j = first - 1
    run = []
    if j in art.tok and art.tok[j].text == "," and any(_finite(art.tok[g]) for g in range(first, verb + 1)):
        j -= 1
        while j in art.tok and _is_name_word(art.tok[j]):
            run.insert(0, j)
            j -= 1
    if len(run) >= 2 and j in art.tok and art.tok[j].text == "," and not art.in_quote(art.tok[run[0]].start_char):
        return _Speaker(art.name(art.tok[run[0]].start_char, art.tok[run[-1]].end_char), "apposed_name")
    # Passive agent: "qualifiée de ... par les médias d'État russes"; without one, nobody is named.
    for k in kids:
        if art.tok[k].dep == "obl:agent":
            ids = [i for i in art.subtree(k) if not (art.tok[i].dep == "case" and art.tok[i].head_idx == k)]
            name = _np_speaker(art, ids, head=k, any_head=True)
            if name:
                return _Speaker(name, "agent")
    if _is_passive(art, verb):
        return _Speaker(None, "agentless_passive")
    # Present participle ("..., soulignant que", "Tout en reconnaissant que ..., Trump a souligné"):
    # the subject of the sentence's main clause, before the participle or after its clause.
    if t.text.lower().endswith("ant"):
        sent = art.sentence_of(t.start_char)
        comma = art.text.find(",", t.end_char, sent.end_char)
        zones = [(sent.start_char, art.tok[_verb_group_start(art, verb)].start_char)]
        if comma != -1:
            zones.append((comma, sent.end_char))
        for lo, hi in zones:
            for i in art.tokens_in(lo, hi):
                if art.tok[i].dep in SUBJECT_DEPS and not art.in_quote(art.tok[i].start_char):
                    found = _subject_speaker(art, art.tok[i].head_idx, statements)
                    if found and found.actor:
                        return _Speaker(found.actor, "main_clause_subject")
    # Conjunct or other dependent: the subject of the nearest governing verb that has one.
    j, seen = verb, {verb}
    while art.tok[j].head_idx not in seen:
        j = art.tok[j].head_idx
        seen.add(j)
        if art.in_quote(art.tok[j].start_char):
            break
        found = _subject_speaker(art, j, statements)
        if found:
            return _Speaker(found.actor, "governing_subject" if found.basis == "subject" else found.basis)
    return _Speaker(None, "none")


def _attribution(art: _Article, sent, statements: list[dict]) -> tuple[str | None, int, int, str] | None:
    """'selon X' / "d'après X" / 'cité par X' in a sentence, outside quotes: (actor, marker start, end, cue)."""
    for m in re.finditer(R.ATTRIBUTION_MARKERS, art.text[sent.start_char:sent.end_char]):
        start = sent.start_char + m.start()
        if art.in_quote(start):
            continue
        after = sent.start_char + m.end()
        cue = m.group(0).strip()
        w = re.match(r"[\w'-]+", art.text[after:sent.end_char])
        word = w.group(0) if w else ""
        if word.lower() in R.SPEAKER_PRONOUNS:
            spk = _resolve_pronoun(art, start, word, statements)
            return spk.actor, start, after + len(word), cue
        # "selon plusieurs sources proches du dossier," — the phrase runs to the next comma (or the end);
        # a known actor's mention right after the marker may carry its role: "selon X, conseiller de Y,".
        first = next((x for x in art.mentions if after <= x.start_char < sent.end_char and x.actor in art.known), None)
        if first and not re.search(r"[,.;:]", art.text[after:first.start_char]):
            comma = art.text.find(",", first.end_char, sent.end_char)
            return first.actor, start, (comma if comma != -1 else sent.end_char), cue
        comma = art.text.find(",", after, sent.end_char)
        stop = comma if comma != -1 else sent.end_char
        ids = [i for i in art.tokens_in(after, stop) if not art.tok[i].is_punct]
        return _np_speaker(art, ids, any_head=True), start, stop, cue
    return None


# --- statements ----------------------------------------------------------------------------------
def _is_full_clause(art: _Article, q: QuoteSpan) -> bool:
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
    if _finite(art.tok[words[0]]):
        return False
    # A finite verb with a noun or pronoun before it inside the quote: a subject and its verb.
    for n, i in enumerate(words[1:], start=1):
        if _finite(art.tok[i]) and any(art.tok[j].pos in ("NOUN", "PROPN", "PRON") for j in words[:n]):
            return True
    return False


def _content_start(art: _Article, verb: int) -> int | None:
    """Where the reported content starts after a cue: after 'que', at 'de' + infinitive, an infinitive,
    a noun phrase or a quote; time expressions, adverbs and parentheticals are skipped."""
    sent = art.sentence_of(art.tok[verb].start_char)
    ids = [i for i in art.tokens_in(art.tok[verb].end_char, sent.end_char)]
    k = 0
    while k < len(ids):
        t = art.tok[ids[k]]
        low = t.text.lower()
        if (t.text in INVERTED or t.pos == "ADV" or (t.like_num and t.pos == "NUM") or t.lemma.lower() in R.TIME_NOUNS
                or t.text == ","):
            k += 1
            continue
        if t.pos == "DET" and k + 1 < len(ids) and ((art.tok[ids[k + 1]].like_num and art.tok[ids[k + 1]].pos == "NUM") or
                                                   art.tok[ids[k + 1]].lemma.lower() in R.TIME_NOUNS):
            k += 1
            continue
        if low in ("que", "qu'"):
            return art.tok[ids[k + 1]].start_char if k + 1 < len(ids) else None
        if (low in ("de", "d'") or (low == "sur" and art.tok[verb].lemma in R.CONTENT_AFTER_SUR)) and k + 1 < len(ids):
            return art.tok[ids[k + 1]].start_char
        if t.pos == "ADP":  # an oblique ("à une question", "à plusieurs reprises"): skip it
            sub = [i for i in art.subtree(t.head_idx) if art.tok[i].start_char >= t.start_char] if t.head_idx != ids[k] else []
            end = max((art.tok[i].end_char for i in sub), default=t.end_char)
            while k < len(ids) and art.tok[ids[k]].start_char < end:
                k += 1
            continue
        if ("VerbForm=Inf" in t.morph or t.pos in ("DET", "NOUN", "PROPN", "ADJ", "NUM")
                or t.text in ("«", '"', "“")):
            return t.start_char
        return None
    return None


def _content_end(art: _Article, start: int, sent_end: int, cues: set[int]) -> int:
    """Where reported content ends: the sentence end, or an earlier boundary (see module docs)."""
    end = _cut(art, start, sent_end, cues)
    while end > start and art.text[end - 1] in " .!?;:,":
        end -= 1
    return end


def _cut(art: _Article, start: int, sent_end: int, cues: set[int]) -> int:
    """The first boundary after `start` where reported content stops (or the sentence end)."""
    ids = art.tokens_in(start, sent_end)
    for n, i in enumerate(ids):
        t = art.tok[i]
        nxt = [art.tok[j] for j in ids[n + 1:n + 4]]
        if t.text in (";", ":"):
            return t.start_char
        if t.text == "," and nxt:
            a = nxt[0]
            b = nxt[1] if len(nxt) > 1 else None
            c = nxt[2] if len(nxt) > 2 else None
            participle = ("VerbForm=Part" in a.morph and "Tense=Pres" in a.morph) or a.text.endswith("ant") and (
                a.pos in ("VERB", "NOUN")) or (a.text.lower() == "en" and b is not None and "VerbForm=Part" in b.morph) or (
                a.text.lower() == "tout" and b is not None and b.text == "en" and c is not None)
            incise = any(j in cues and _is_incise(art, j) for j in ids[n + 1:n + 5]) or a.text.lower() in (
                "selon", "d'après")
            comment = a.text.lower() == "ce" and b is not None and b.text.lower() in ("qui", "que", "dont")
            gloss = a.text.lower() in ("un", "une", "des") and a.pos == "DET"
            new_clause = False
            if a.text.lower() not in SUBORDINATORS:
                for j in ids[n + 1:]:
                    tj = art.tok[j]
                    if tj.text in (",", ";") or tj.text.lower() in SUBORDINATORS:
                        break
                    if _finite(tj):
                        new_clause = any(art.tok[x].start_char < tj.start_char and art.tok[x].start_char > t.start_char
                                         and art.tok[x].dep in SUBJECT_DEPS and art.tok[x].lemma not in ("qui", "que")
                                         for x in ids[n + 1:])
                        break
            if participle or incise or gloss or new_clause or comment:
                return t.start_char
        if t.text.lower() in ("et", "mais", "ou") and nxt and nxt[0].pos in ("AUX", "VERB") and _finite(nxt[0]):
            return t.start_char
    return sent_end


def _content_before_incise(art: _Article, verb: int) -> tuple[int, int] | None:
    """For ', a écrit M. Dupont': the reported clause before the incise, in the same sentence."""
    sent = art.sentence_of(art.tok[verb].start_char)
    comma = art.tok[_verb_group_start(art, verb) - 1]
    start, end = sent.start_char, comma.start_char
    m = re.match(R.LEADING_CONNECTIVES, art.text[start:end])
    if m:
        start += m.end()
    return (start, end) if end - start > 0 else None


def _article_statements(art: _Article) -> list[dict]:
    statements: list[dict] = []

    def add(kind, start, end, speaker: _Speaker, cue, cue_char, closed=True):
        while end > start and art.text[end - 1] in " ,;:":
            end -= 1
        statements.append({"kind": kind, "start_char": start, "end_char": end, "speaker": speaker.actor,
                           "speaker_basis": speaker.basis, "cue": cue, "cue_char": cue_char, "closed": closed})
        return statements[-1]

    cues = _cues(art)
    cue_set = set(cues)
    direct = {q: _is_full_clause(art, q) for q in art.quotes}

    def is_one_quote(start: int, end: int) -> bool:
        return any(q.start - 2 <= start and end <= q.end + 2 for q in art.quotes)

    # Reading order, so that pronouns and continuations can look back at earlier speakers.
    events = sorted([(art.tok[c].start_char, 1, "cue", c) for c in cues] +
                    [(q.start, 2, "quote", q) for q in art.quotes] +
                    [(s.start_char, 0, "sent", s) for s in art.sents], key=lambda e: (e[0], e[1]))
    for _, _, what, item in events:
        if what == "sent":
            attr = None if item.is_heading else _attribution(art, item, statements)
            if attr is None:
                continue
            actor, m_start, m_end, cue = attr
            spk = _Speaker(actor, "selon" if actor else "none")
            before = art.text[item.start_char:m_start].rstrip(" ,")
            if len(before.split()) >= 3 and art.text[m_start - 2:m_start].strip() == ",":
                after = art.text[m_end:item.end_char]
                if len(after.strip(" ,.").split()) >= 3:  # "qui, selon X, pourrait ...": the clause after it
                    start = m_end + len(after) - len(after.lstrip(" ,"))
                    add("indirect", start, _content_end(art, start, item.end_char, cue_set), spk, cue, m_start)
                else:  # "..., selon X."
                    lead = re.match(R.LEADING_CONNECTIVES, before)
                    add("indirect", item.start_char + (lead.end() if lead else 0), item.start_char + len(before),
                        spk, cue, m_start)
            else:  # "Selon X, ..."
                rest = art.text[m_end:item.end_char]
                start = m_end + len(rest) - len(rest.lstrip(" ,"))
                add("indirect", start, _content_end(art, start, item.end_char, cue_set), spk, cue, m_start)
        elif what == "cue":
            verb = item
            if _is_passive(art, verb):
                continue  # its quote, if any, is attributed from the quote's side
            if _is_incise(art, verb):
                span = _content_before_incise(art, verb)
            else:
                start = _content_start(art, verb)
                sent = art.sentence_of(art.tok[verb].start_char)
                span = (start, _content_end(art, start, sent.end_char, cue_set - {verb})) if start else None
            if span is None or span[1] <= span[0] or is_one_quote(*span):
                continue  # nothing reported, or exactly one quote (the quote's own row covers it)
            add("indirect", span[0], span[1], _speaker_of_cue(art, verb, statements), _cue_phrase(art, verb),
                art.tok[verb].start_char)
        else:
            q = item
            s = add("direct" if direct[q] else "fragment", q.start, q.end, _Speaker(None, "pending"), "", q.start,
                    q.closed)
            _attribute_quote(art, s, statements, cues)
    # Second pass: a quote with no cue that repeats words quoted elsewhere (a heading echoing the text).
    for s in statements:
        if s["speaker"] is None and s["speaker_basis"] == "none" and s["kind"] != "indirect":
            words = art.text[s["start_char"]:s["end_char"]].lower()
            for x in statements:
                if x is not s and x["speaker"] and x["kind"] != "indirect" and art.text[
                        x["start_char"]:x["end_char"]].lower() == words:
                    s.update(speaker=x["speaker"], speaker_basis="repeated")
                    break
    return statements


def _attribute_quote(art: _Article, s: dict, statements: list[dict], cues: list[int]) -> None:
    """Speaker and cue of a direct quote or fragment, found when the reading reaches it."""
    q_start, q_end = s["start_char"], s["end_char"]
    sent_end = art.sentence_of(max(q_end - 1, q_start)).end_char
    sent_start = art.sentence_of(q_start).start_char

    def take(c: int) -> None:
        spk = _speaker_of_cue(art, c, statements)
        s.update(speaker=spk.actor, speaker_basis=spk.basis, cue=_cue_phrase(art, c), cue_char=art.tok[c].start_char)

    # 0. An incise inside the marks: "« Nous ne céderons pas, a-t-elle affirmé. Le texte ... »".
    for i in art.tokens_in(q_start, q_end):
        t = art.tok[i]
        group = range(_verb_group_start(art, i), i)
        if (cue_lemma(t.lemma, t.text) and any(art.tok[g].text in INVERTED for g in group)
                and art.tok[_verb_group_start(art, i) - 1].text == ","):
            pronoun = next(art.tok[g] for g in group if art.tok[g].text in INVERTED and art.tok[g].text != "-t")
            spk = _resolve_pronoun(art, q_start, pronoun.text, statements)
            s.update(speaker=spk.actor, speaker_basis="inner_incise", cue=_cue_phrase(art, i), cue_char=t.start_char)
            return
    # 1. An incise right after the closing mark: "», a-t-il souligné".
    for c in cues:
        c_char = art.tok[c].start_char
        between = art.text[q_end + 1:c_char]
        if q_end <= c_char < sent_end and _is_incise(art, c) and (s["kind"] == "fragment" or not re.search(
                r"[«\"“]", between)):
            return take(c)
    # 2. An indirect statement that contains the quote ("a affirmé qu'un « accord historique » ...").
    container = [x for x in statements if x is not s and x["kind"] == "indirect" and x["start_char"] <= q_start
                 and q_end <= x["end_char"] + 1]
    if container:
        x = min(container, key=lambda x: x["end_char"] - x["start_char"])
        s.update(speaker=x["speaker"], speaker_basis=x["speaker_basis"], cue=x["cue"], cue_char=x["cue_char"])
        return
    # 3. A cue earlier in the sentence ("Trump a répondu : « ... »", "qualifiée de « ... »").
    before = [c for c in cues if sent_start <= art.tok[c].start_char < q_start]
    if before:
        return take(before[-1])
    # 4. A quote that opens its sentence with no cue continues the previous speaker's words.
    opens = not art.text[sent_start:q_start].strip(" «\"“'")
    earlier = [x for x in statements if x is not s and x["start_char"] < q_start and x["speaker"]]
    if s["kind"] == "direct" and opens and earlier:
        prev = max(earlier, key=lambda x: x["start_char"])
        s.update(speaker=prev["speaker"], speaker_basis="continuation", cue="")
        return
    # 5. A fragment with no cue: the subject of its sentence, when that is someone ("X a défendu un texte « ... »").
    if s["kind"] == "fragment":
        for i in art.tokens_in(sent_start, q_start):
            if art.tok[i].dep in SUBJECT_DEPS and art.tok[i].pos in ("NOUN", "PROPN"):
                m = _subject_actor(art, i)
                if m:
                    s.update(speaker=m.actor, speaker_basis="sentence_subject", cue="")
                    return
                break
    # 6. A fragment with no cue, in a paragraph where someone has just been reported: that speaker.
    paragraph_start = art.text.rfind("\n", 0, q_start) + 1
    same_paragraph = [x for x in earlier if x["start_char"] >= paragraph_start]
    if s["kind"] == "fragment" and same_paragraph and not art.tok[art.token_at(q_start)].is_heading:
        prev = max(same_paragraph, key=lambda x: x["start_char"])
        s.update(speaker=prev["speaker"], speaker_basis="paragraph_context", cue="")
        return
    s.update(speaker=None, speaker_basis="none")


def quotes(corpus: pd.DataFrame, *, sentences: pd.DataFrame | None = None, tokens: pd.DataFrame | None = None,
           mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per reported statement (direct, fragment, indirect) with its speaker and cue.

    Columns: article_id, quote_id, kind, text, speaker, speaker_camp, cue, sent_idx, start_char, end_char,
    closed (False for a quote never closed), speaker_basis (how the speaker was found).
    """
    from .cache import cached_table
    from .nlp import cache_key, parsed_tables

    if sentences is None or tokens is None:
        sentences, tokens = parsed_tables(corpus)
    mentions = actor_mentions(corpus) if mentions is None else mentions
    return cached_table("quotes", [cache_key(corpus), len(tokens), len(mentions)],
                        lambda: _quotes(corpus, sentences, tokens, mentions)).copy()


def _quotes(corpus: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    actors = _actors()
    camp = dict(zip(actors["actor"], actors["camp"]))
    rows = []
    tok_groups = _records(tokens, TOKEN_FIELDS)
    sent_groups = _records(sentences, SENTENCE_FIELDS)
    men_groups = _records(mentions, MENTION_FIELDS)
    for article_id, text in zip(corpus["article_id"], corpus["text"]):
        if article_id not in tok_groups:
            continue
        art = _Article(article_id, text, tok_groups[article_id], sent_groups[article_id],
                       men_groups.get(article_id, []), actors)
        found = sorted(_article_statements(art), key=lambda s: (s["start_char"], -s["end_char"]))
        for n, s in enumerate(found, start=1):
            rows.append({"article_id": article_id, "quote_id": f"{article_id}-q{n:02d}", "kind": s["kind"],
                         "text": text[s["start_char"]:s["end_char"]], "speaker": s["speaker"],
                         "speaker_camp": camp.get(s["speaker"]), "cue": s["cue"],
                         "sent_idx": art.sentence_of(s["start_char"]).sent_idx, "start_char": s["start_char"],
                         "end_char": s["end_char"], "closed": s["closed"], "speaker_basis": s["speaker_basis"]})
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


TOKEN_FIELDS = ("token_idx", "text", "lemma", "pos", "morph", "dep", "head_idx", "is_stop", "is_punct", "like_num",
                "ent_type", "start_char", "end_char", "sent_idx", "is_heading")
SENTENCE_FIELDS = ("article_id", "paragraph_idx", "sent_idx", "text", "start_char", "end_char", "is_heading")
MENTION_FIELDS = ("start_char", "end_char", "actor")


def _records(table: pd.DataFrame, fields: tuple[str, ...]) -> dict[str, list]:
    """Rows of a table as light named tuples, grouped by article (pandas row iteration is slow)."""
    record = namedtuple("Record", fields)
    columns = [table[f].tolist() for f in fields]
    rows = [record(*values) for values in zip(*columns)]
    return {a: [rows[i] for i in idx] for a, idx in table.groupby("article_id", sort=False).indices.items()}


@lru_cache(maxsize=1)
def _actors() -> pd.DataFrame:
    return load_actors()


# --- voices, highlighting, evaluation --------------------------------------------------------------
def voices(quote_table: pd.DataFrame) -> pd.DataFrame:
    """Per article and speaker: statements by kind and quoted words (direct quotes and fragments)."""
    q = quote_table.assign(speaker=quote_table["speaker"].fillna("(unattributed)"),
                           speaker_camp=quote_table["speaker_camp"].fillna("unknown"),
                           words=quote_table["text"].str.count(r"\w+(?:['-]\w+)*"))
    counts = q.pivot_table(index=["article_id", "speaker", "speaker_camp"], columns="kind", values="quote_id",
                           aggfunc="count", fill_value=0).reindex(columns=list(KINDS), fill_value=0)
    quoted = q[q["kind"] != "indirect"].groupby(["article_id", "speaker", "speaker_camp"])["words"].sum()
    out = counts.assign(statements=counts.sum(axis=1), quoted_words=quoted).fillna({"quoted_words": 0})
    out["quoted_words"] = out["quoted_words"].astype(int)
    return out.reset_index().rename(columns={"speaker_camp": "camp"}).rename_axis(columns=None)


def highlight_quotes(text: str, quote_table: pd.DataFrame) -> str:
    """The article as HTML with each statement highlighted and labelled with its speaker (text escaped)."""
    colours = {"direct": "#ffe08a", "fragment": "#cde8ff", "indirect": "#e3f5d8"}
    rows = quote_table.sort_values(["start_char", "end_char"], ascending=[True, False])
    events: list[tuple[int, int, str]] = []
    for r in rows.itertuples():
        label = f"{r.speaker or 'speaker unknown'} · {r.kind}" + ("" if r.closed else " · never closed")
        events.append((r.start_char, 1, f'<mark title="{html.escape(label)}" style="background:{colours[r.kind]};'
                                       f'padding:0 1px">'))
        events.append((r.end_char, 0, f'</mark><sup style="font-size:70%;color:#555">[{html.escape(r.speaker or "?")}'
                                      f']</sup>'))
    out, pos = [], 0
    for char, _, tag in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(html.escape(text[pos:char]))
        out.append(tag)
        pos = char
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n\n", "</p><p>")
    legend = " ".join(f'<mark style="background:{c}">{k}</mark>' for k, c in colours.items())
    return f'<div style="font:14px/1.6 Georgia,serif;max-width:48rem"><p>{legend}</p><p>{body}</p></div>'


def overlap_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans match when they overlap by at least half of the longer one (Gender Gap Tracker)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def _match(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one matching of predicted and gold spans, best overlap first."""
    pairs = []
    for gi, g in gold.iterrows():
        for pi, p in pred[pred["article_id"] == g["article_id"]].iterrows():
            a, b = (p["start_char"], p["end_char"]), (g["start_char"], g["end_char"])
            if overlap_match(a, b):
                inter = min(a[1], b[1]) - max(a[0], b[0])
                pairs.append((inter / max(a[1] - a[0], b[1] - b[0]), pi, gi))
    used_p, used_g, out = set(), set(), []
    for _, pi, gi in sorted(pairs, reverse=True):
        if pi not in used_p and gi not in used_g:
            used_p.add(pi), used_g.add(gi)
            out.append((pi, gi))
    return out


def evaluate_quotes(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of spans and speaker accuracy over matched spans, overall and per kind.

    `overall` matches spans whatever their kind (and reports how often the kinds agree); each kind's row
    matches predictions and gold of that kind only. Speakers are compared without case or a leading
    article; None and "" both mean the text names nobody.
    """
    rows = []
    for kind in (None, *KINDS):
        p = pred if kind is None else pred[pred["kind"] == kind]
        g = gold if kind is None else gold[gold["kind"] == kind]
        matches = _match(p, g)
        tp = len(matches)
        precision = tp / len(p) if len(p) else 0.0
        recall = tp / len(g) if len(g) else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        same = [(_norm(p.loc[pi, "speaker"]) == _norm(g.loc[gi, "speaker"])) for pi, gi in matches]
        kinds = [p.loc[pi, "kind"] == g.loc[gi, "kind"] for pi, gi in matches]
        rows.append({"kind": kind or "overall", "n_gold": len(g), "n_pred": len(p), "matched": tp,
                     "precision": precision, "recall": recall, "f1": f1,
                     "speaker_accuracy": sum(same) / tp if tp else 0.0,
                     "kind_agreement": sum(kinds) / tp if tp else 0.0})
    return pd.DataFrame(rows).set_index("kind")


def _norm(speaker) -> str:
    """Speakers compare without case or a leading article: "La direction de X" is "la direction de X"."""
    if speaker is None or (isinstance(speaker, float) and pd.isna(speaker)):
        return ""
    return re.sub(r"^(?:le|la|les|l'|un|une|des|du)\s*", "", str(speaker).strip().casefold())


def load_gold(path=None, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """The hand-annotated statements (data/gold/quotes.csv) with their char spans in the cleaned text."""
    from . import paths
    from .corpus import load_corpus

    gold = pd.read_csv(path or paths.GOLD_DIR / "quotes.csv", dtype={"article_id": str},
                       keep_default_na=False)
    corpus = load_corpus(counts=False) if corpus is None else corpus
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    gold["start_char"] = gold["start_char"].astype(int)
    gold["end_char"] = gold["end_char"].astype(int)
    for row in gold.itertuples():
        if texts[row.article_id][row.start_char:row.end_char] != row.text:
            raise ValueError(f"data/gold/quotes.csv: {row.gold_id}: the span {row.start_char}-{row.end_char} does not "
                             f"hold its text in the cleaned article. Fix: correct start_char/end_char.")
    return gold


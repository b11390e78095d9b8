"""Spans of the cleaned texts: the words a span holds, locating hand-annotated strings, matching predicted spans.

Shared by the evaluations of reported speech (`analysis.speech.evaluation`) and of time expressions
(`analysis.timex_eval`), which follow the development set's conventions: gold strings are written as printed
and compared after the cleaning's typography, and spans match on the words they share.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .typography import normalise_text

WORD = re.compile(r"\w+")


class GoldLocationError(ValueError):
    """A gold string that cannot be located in the cleaned text."""


def locate(text: str, needle: str, context: str | None, where: str) -> tuple[int, int]:
    """The span of `needle` in the cleaned `text`, through `context` when the needle occurs more than once.

    Strings are compared in the cleaned form (typography normalised as cleaning does: ' for ’, spaces for
    no-break spaces). A string not found, or found twice without a context, raises GoldLocationError naming
    `where` (the gold file and the entry's id).
    """
    needle = normalise_text(needle)
    probe = normalise_text(context) if context else needle
    found = [m.start() for m in re.finditer(re.escape(probe), text)]
    if len(found) != 1:
        what = "its context" if context else "its text"
        seen = "not found" if not found else f"found {len(found)} times"
        raise GoldLocationError(f"{where}: {what} {probe[:60]!r} is {seen} in the cleaned text (removed as page "
                                f"furniture, misspelt, or repeated). Fix: correct the string, or give a `context` "
                                f"that occurs exactly once and contains it.")
    offset = probe.find(needle)
    if offset < 0:
        raise GoldLocationError(f"{where}: its context does not contain its text {needle[:60]!r}. Fix: correct "
                                f"the context.")
    return found[0] + offset, found[0] + offset + len(needle)


def word_overlap(a: tuple[int, str], b: tuple[int, str]) -> float:
    """Words two spans (start offset, text) of one article share, over the words of the longer (0 when apart).

    Words are positions in the article, so punctuation and quote marks never count.
    """
    wa = {a[0] + m.start() for m in WORD.finditer(a[1])}
    wb = {b[0] + m.start() for m in WORD.finditer(b[1])}
    longer = max(len(wa), len(wb))
    return len(wa & wb) / longer if longer else 0.0


def _by_article(frame: pd.DataFrame) -> dict[str, list[tuple[object, int, int, str]]]:
    out: dict[str, list] = {}
    for idx, article, start, end, text in zip(frame.index, frame["article_id"], frame["start_char"],
                                              frame["end_char"], frame["text"]):
        out.setdefault(article, []).append((idx, int(start), int(end), str(text)))
    return out


def match_words(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[object, object]]:
    """One-to-one (prediction index, gold index) pairs whose word overlap is at least 0.5 of the longer span,
    best overlap first (ties: the closer start first). Both tables need article_id, start_char, end_char, text."""
    preds = _by_article(pred)
    pairs = []
    for article, golds in _by_article(gold).items():
        for gi, gs, ge, gt in golds:
            for pi, ps, pe, pt in preds.get(article, []):
                if ps < ge and pe > gs:
                    score = word_overlap((ps, pt), (gs, gt))
                    if score >= 0.5:
                        pairs.append((score, -abs(ps - gs), pi, gi))
    used_p, used_g, out = set(), set(), []
    for _, _, pi, gi in sorted(pairs, key=lambda t: (t[0], t[1]), reverse=True):
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            out.append((pi, gi))
    return out


def words_inside(tokens: pd.DataFrame, spans: pd.DataFrame) -> pd.Series:
    """For each span (rows of `spans`: article_id, start_char, end_char), the words it holds: spaCy tokens that
    are not punctuation and start inside it. The one definition of a word, as in the corpus's `n_words`."""
    words = tokens[~tokens["is_punct"]]
    starts = {a: g["start_char"].sort_values().to_numpy() for a, g in words.groupby("article_id")}
    out = [int(np.searchsorted(starts[a], e, side="left") - np.searchsorted(starts[a], s, side="left"))
           if a in starts else 0 for a, s, e in zip(spans["article_id"], spans["start_char"], spans["end_char"])]
    return pd.Series(out, index=spans.index, dtype=int)

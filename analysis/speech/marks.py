"""Quote marks: « », “ ”, ‹ ›, straight double quotes and single quotes used as marks."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"«": "»", "“": "”", "‹": "›"}


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
        open_at, open_mark = _pair_in_paragraph(text, p_start, p_end, open_at, open_mark, spans)
        if open_at is None:
            continue
        nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
        if nxt is not None and text[nxt[0]] in ("«", '"', "“") and open_mark != "'":
            paragraphs[p_index + 1] = (nxt[0] + 1, nxt[1])  # the mark that reopens the quote is not a new quote
        else:
            spans.append(_trimmed(text, open_at, p_end, open_mark, False))
            open_at = None
    return spans


def _pair_in_paragraph(text: str, p_start: int, p_end: int, open_at: int | None, open_mark: str,
                       spans: list[QuoteSpan]) -> tuple[int | None, str]:
    """Add to `spans` the quotes that close in text[p_start:p_end], one open from an earlier paragraph
    included; return where the quote still open at the paragraph's end starts (None if none) and its mark."""
    for i in range(p_start, p_end):
        if open_at is None:
            if _opens(text, i, p_end):
                open_at, open_mark = i + 1, text[i]
        elif _closes(text, i, open_mark):
            spans.append(_trimmed(text, open_at, i, open_mark, True))
            open_at = None
    return open_at, open_mark


def _opens(text: str, i: int, p_end: int) -> bool:
    ch = text[i]
    return ch in OPENERS or ch == '"' or (ch == "'" and _single_opens(text, i, p_end))


def _closes(text: str, i: int, open_mark: str) -> bool:
    """The mark that closes `open_mark`: its pair, the same straight double quote, a closing single quote."""
    ch = text[i]
    return (ch == OPENERS.get(open_mark) or (ch == '"' and open_mark == '"')
            or (ch == "'" and open_mark == "'" and _single_closes(text, i)))


def _single_opens(text: str, i: int, p_end: int) -> bool:
    """A single quote opens a quotation when it follows a space and a matching closing one follows."""
    if i > 0 and not (text[i - 1].isspace() or text[i - 1] in "(«:"):
        return False
    if i + 1 >= p_end or not text[i + 1].isalpha():
        return False
    return any(_single_closes(text, j) for j in range(i + 2, p_end) if text[j] == "'")


def _single_closes(text: str, i: int) -> bool:
    """A single quote closes after a non-space, before a space or punctuation (not an apostrophe: l'heure)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not text[i - 1].isspace() and (after.isspace() or after in ",.;:!?)»")


def _trimmed(text: str, start: int, end: int, mark: str, closed: bool) -> QuoteSpan:
    """The span without the spaces just inside the marks (« mot » → mot)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, mark, closed)

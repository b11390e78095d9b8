"""The statement record, the speaker found for a cue, and the columns of the statement table."""
from __future__ import annotations

from dataclasses import dataclass

STATEMENT_KINDS = ("direct", "fragment", "indirect")
# The rules that make a statement: the content after a reporting verb, the content before an inverted incise,
# what "selon X" attributes, a quote that is a clause of its own, quoted words inside the journalist's sentence.
STATEMENT_BASES = ("cue_content", "before_incise", "selon", "quoted_clause", "quoted_words")
QUOTE_COLUMNS = ["article_id", "quote_id", "statement_kind", "text", "speaker", "speaker_camp", "cue", "sent_idx",
                 "start_char", "end_char", "closed", "speaker_basis", "statement_basis"]


@dataclass(frozen=True)
class Speaker:
    """Who a rule found (None: nobody is named) and the rule that found them (`speaker_basis`)."""

    actor: str | None
    basis: str


@dataclass(frozen=True)
class Statement:
    """One reported statement of an article: the span text[start_char:end_char] and who said it.

    `statement_kind` is direct, fragment or indirect; `cue` the reporting words as written ("a-t-il
    souligné", "Selon"; "" when none) and `cue_char` where they start (the quote's own start when it
    has no cue); `closed` is False for a quote whose marks never close; `statement_basis` names the rule
    that made it a statement (see `STATEMENT_BASES`).
    """

    statement_kind: str
    start_char: int
    end_char: int
    speaker: str | None
    speaker_basis: str
    cue: str
    cue_char: int
    closed: bool = True
    statement_basis: str = ""


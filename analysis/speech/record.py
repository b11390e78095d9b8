"""The statement record, the speaker found for a cue, and the columns of the statement table."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

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


class StatementLog(list):
    """Statements in the order they were found, with the running maxima of their ends, starts and cues: the
    statements whose end (start, cue) can be at or after a position are a tail of the list, found by bisection
    (`tail`), so that looking back from a cue or a quote does not scan every statement of a long article."""

    KEYS = ("end_char", "start_char", "cue_char")

    def __init__(self, statements=()):
        super().__init__(statements)
        self._index()

    def _index(self) -> None:
        self._reach = {k: list(accumulate((getattr(s, k) for s in self), max)) for k in self.KEYS}

    def append(self, statement: Statement) -> None:
        super().append(statement)
        for k, reach in self._reach.items():
            reach.append(max(reach[-1], getattr(statement, k)) if reach else getattr(statement, k))

    def tail(self, key: str, at: int) -> list[Statement]:
        """The statements from the first whose `key` (end_char, start_char or cue_char) is at least `at`, in
        order: every statement before it has a smaller one."""
        return self[bisect.bisect_left(self._reach[key], at):]


def _reindexing(name: str):
    method = getattr(list, name)

    def mutate(self, *args, **kwargs):
        out = method(self, *args, **kwargs)
        self._index()
        return out
    return mutate


for _name in ("remove", "insert", "extend", "pop", "clear", "sort", "reverse", "__setitem__", "__delitem__",
              "__iadd__"):
    setattr(StatementLog, _name, _reindexing(_name))


def statements_from(statements: list[Statement], key: str, at: int) -> list[Statement]:
    """The statements, in order, that may have `key` (end_char, start_char or cue_char) at or after `at`: a tail
    of a StatementLog, every statement of another list (the caller tests each either way)."""
    return statements.tail(key, at) if isinstance(statements, StatementLog) else statements

"""One long article: the look-ups that replaced scans of every statement or sentence so far (bench/long_document.py)
find exactly what the scans found."""
import random
from types import SimpleNamespace

import pytest

from analysis.speech.article import MENTION_FIELDS, SENTENCE_FIELDS, TOKEN_FIELDS, ArticleIndex, records
from analysis.speech.quote_speakers import repeat_speakers
from analysis.speech.record import Statement, StatementLog, statements_from


def _statement(start: int, end: int, cue_char: int | None = None, *, kind: str = "indirect",
               speaker: str | None = "X", basis: str = "cue_content") -> Statement:
    return Statement(kind, start, end, speaker, basis, "a dit", start if cue_char is None else cue_char)


def _is_tail_with_all(log: StatementLog, key: str, at: int) -> bool:
    tail = log.tail(key, at)
    return (tail == list(log)[len(log) - len(tail):]
            and all(s in tail for s in log if getattr(s, key) >= at))


def test_the_tail_of_a_statement_log_starts_at_the_first_that_reaches_a_position():
    log = StatementLog()
    for s in (_statement(10, 50), _statement(0, 5), _statement(60, 70, cue_char=58), _statement(20, 30)):
        log.append(s)
    # running maxima: ends 50 50 70 70, starts 10 10 60 60, cues 10 10 58 58
    assert log.tail("end_char", 50) == list(log) and log.tail("end_char", 51) == list(log)[2:]
    assert log.tail("end_char", 71) == []
    assert log.tail("start_char", 11) == list(log)[2:] and log.tail("start_char", 10) == list(log)
    assert log.tail("cue_char", 58) == list(log)[2:] and log.tail("cue_char", 59) == []
    log.remove(log[2])  # ends 50 50 50: the index follows the list
    assert log.tail("end_char", 51) == [] and log.tail("end_char", 30) == list(log)
    log.insert(0, _statement(100, 120))
    assert log.tail("end_char", 51) == list(log)
    assert statements_from([_statement(0, 1)], "end_char", 99) == [_statement(0, 1)]  # a plain list: all of it


def test_a_statement_log_tail_holds_every_statement_at_or_after_a_position_whatever_the_order():
    rng = random.Random(0)
    for _ in range(300):
        log = StatementLog()
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 80)
            log.append(_statement(start, start + rng.randint(0, 30), start + rng.randint(-5, 5)))
        if log and rng.random() < 0.3:
            log.remove(rng.choice(list(log)))
        for key in StatementLog.KEYS:
            assert all(_is_tail_with_all(log, key, at) for at in range(-5, 120, 3))


def test_a_repeated_quote_takes_the_speaker_of_the_first_quote_with_the_same_words():
    text = "« Oui » « oui » « Non » « OUI » « oui » « Non »"
    spans = [(0, 7), (8, 15), (16, 23), (24, 31), (32, 39), (40, 47)]
    assert [text[a:b] for a, b in spans][:3] == ["« Oui »", "« oui »", "« Non »"]
    quotes = [_statement(*spans[0], kind="direct", speaker=None, basis="none"),
              _statement(*spans[1], kind="indirect", speaker="C"),  # indirect: never a source
              _statement(*spans[2], kind="direct", speaker=None, basis="none"),  # nobody says « Non » elsewhere
              _statement(*spans[3], kind="fragment", speaker="B"),
              _statement(*spans[4], kind="direct", speaker="A"),
              _statement(*spans[5], kind="direct", speaker=None, basis="pending")]  # not a "none": left alone
    out = repeat_speakers(SimpleNamespace(text=text), quotes)
    # The first quote takes B (the first source in reading order, after it); none is indirect.
    assert [(s.speaker, s.speaker_basis) for s in out] == [("B", "repeated"), ("C", "cue_content"), (None, "none"),
                                                          ("B", "cue_content"), ("A", "cue_content"),
                                                          (None, "pending")]
    # A source before the quote comes first too: D (the first quote), not A (the nearest).
    quotes[3] = _statement(*spans[3], kind="fragment", speaker=None, basis="none")
    quotes[0] = _statement(*spans[0], kind="direct", speaker="D")
    out = repeat_speakers(SimpleNamespace(text=text), quotes)
    assert [s.speaker for s in out] == ["D", "C", None, "D", "A", None]


@pytest.fixture(scope="module")
def article(layers):
    toks, sents = layers.tokens, layers.sentences
    one = {name: table[table["article_id"] == "000"] for name, table in
           (("toks", toks), ("sents", sents), ("mentions", layers.mentions))}
    return (records(one["toks"], TOKEN_FIELDS)["000"], records(one["sents"], SENTENCE_FIELDS)["000"],
            records(one["mentions"], MENTION_FIELDS)["000"], layers.corpus.set_index("article_id").loc["000", "text"])


@pytest.mark.parametrize("order", ["table", "reversed"])
def test_first_sentence_from_is_the_first_in_the_article_s_order(article, order):
    toks, sents, mentions, text = article
    sents = sents if order == "table" else sents[::-1]
    art = ArticleIndex("000", text, toks, sents, mentions, gender={}, number={})
    for limit in range(-4, len(sents) + 3):
        assert art.first_sentence_from(limit) == next((s for s in sents if s.sent_idx >= limit), None)
    assert art.first_sentence_from(len(sents)) is None

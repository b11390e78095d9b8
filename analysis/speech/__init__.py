"""Reported speech: direct quotes, quoted fragments and indirect statements, with their speakers.

The rules are French grammar and lexicons (analysis.resources), never strings of these articles:
quote marks are paired at character level, cues come from a reporting-verb lexicon, speakers from the
dependency parse (subject, inverted subject, passive agent), "selon X", pronoun resolution and the
continuation of the previous statement.

The package is pure: `quotes()` takes the corpus, its parse tables, the actor mentions and the actor
table, and loads, parses or caches nothing.
"""
from ..spans import word_overlap
from .cues import cue_lemma
from .evaluation import CONVENTIONS, evaluate_quotes, evaluation_table, same_speaker, trap_hits
from .gold import load_gold, load_gold_json
from .marks import QuoteSpan, quote_marks
from .pronouns import PRONOUN_COLUMNS
from .record import QUOTE_COLUMNS, STATEMENT_KINDS
from .statements import quotes, statements_and_pronouns
from .views import highlight_quotes, voices

__all__ = ["CONVENTIONS", "PRONOUN_COLUMNS", "QUOTE_COLUMNS", "QuoteSpan", "STATEMENT_KINDS", "cue_lemma",
           "evaluate_quotes", "evaluation_table", "highlight_quotes", "load_gold", "load_gold_json", "quote_marks",
           "quotes", "same_speaker", "statements_and_pronouns", "trap_hits", "voices", "word_overlap"]

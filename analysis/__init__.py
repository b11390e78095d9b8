"""presse-sommet: loading, cleaning and analysing the 2025 Trump–Putin summit press corpus."""
from .actors import actor_mentions, find_mentions, load_actors, resolve_actor
from .corpus import cleaned_articles, cleaning_log, load_corpus, load_events, paragraphs, verify_checksums
from .errors import CorpusError
from .nlp import docs, sentences, tokens
from .speech import evaluate_quotes, highlight_quotes, load_gold, quote_marks, quotes, voices
from .timex import time_expressions
from .tracking import claims

__all__ = ["CorpusError", "actor_mentions", "cleaned_articles", "cleaning_log", "docs", "find_mentions",
           "load_actors", "load_corpus", "load_events", "paragraphs", "resolve_actor", "sentences", "tokens",
           "verify_checksums", "evaluate_quotes", "highlight_quotes", "load_gold", "quote_marks", "quotes", "voices", "time_expressions", "claims"]

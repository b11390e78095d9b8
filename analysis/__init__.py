"""presse-sommet: loading, cleaning and analysing the 2025 Trump–Putin summit press corpus.

Start from `L = analysis.pipeline(data_dir)` and read the layers you need (`L.corpus`, `L.tokens`,
`L.statements`, …); the analysis modules (compare, terms, tone, tracking, timex) are pure functions of them.
"""
from .actors import find_mentions, load_actors, resolve_actor
from .conditional import conditional_verbs
from .corpus import cleaned_articles, cleaning_log, load_corpus, paragraphs, read_corpus, verify_checksums
from .errors import CorpusError
from .layers import Layers
from .mentions import MENTION_KINDS, counted, kinds_counted, mention_counts, name_mentions
from .partitioned import PartitionedLayers
from .speech import evaluate_quotes, highlight_quotes, load_gold, quote_marks, quotes, voices
from .study import pipeline
from .timex import load_events, time_expressions
from .tracking import claims

__all__ = ["CorpusError", "Layers", "MENTION_KINDS", "PartitionedLayers", "claims", "cleaned_articles", "cleaning_log",
           "conditional_verbs", "counted", "evaluate_quotes", "find_mentions", "highlight_quotes", "kinds_counted",
           "load_actors", "load_corpus", "load_events", "load_gold", "mention_counts", "name_mentions", "paragraphs",
           "pipeline", "quote_marks", "quotes", "read_corpus", "resolve_actor", "time_expressions",
           "verify_checksums", "voices"]

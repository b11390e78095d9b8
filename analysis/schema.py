"""The column contract: the name, type and meaning of every column of every public table.

One name means one thing in every table (`start_char`/`end_char` are always offsets in the article's cleaned
`text`; `speaker_camp` is always the speaker's camp; there is no bare `kind`). `check(name, table)` lists what
a table does wrong; the tests run it on every public table, and `python -m analysis.schema` prints the data
dictionaries the README shows.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

import pandas as pd

TYPES = {
    "str": "text", "int": "integer", "float": "number", "bool": "true/false", "date": "date (datetime64)",
    "list": "list", "str?": "text or empty", "date?": "date or empty", "float?": "number or empty",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of TYPES
    meaning: str


def _columns(*specs: tuple[str, str, str]) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for name, type_, meaning in specs:
        if name in out:
            raise ValueError(f"column {name!r} defined twice in the contract")
        out[name] = Column(name, type_, meaning)
    return out


COLUMNS: dict[str, Column] = _columns(
    # identity and position
    ("article_id", "str", "the article's id (the prefix of its raw file name)"),
    ("file", "str", "the raw file's name in `raw/`"),
    ("paragraph_idx", "int", "0-based paragraph of the cleaned text (headings included)"),
    ("sent_idx", "int", "0-based sentence of the article (headings are sentences of their own)"),
    ("token_idx", "int", "0-based token of the article (spaCy's index; spaces left out of the table)"),
    ("start_char", "int", "offset of the first character in the article's cleaned `text`"),
    ("end_char", "int", "offset just past the last character in the article's cleaned `text`"),
    ("text", "str", "the row's own words as the cleaned text has them (an article, sentence, token, "
                    "statement, time expression)"),
    ("is_heading", "bool", "the row belongs to a subheading (kept in the text, not counted as a sentence)"),
    # articles
    ("published", "date", "publication date"),
    ("date_basis", "str", "where the publication date comes from (quoted)"),
    ("period", "str", "the study period the article belongs to"),
    ("title", "str", "the article's title (curated)"),
    ("title_basis", "str", "where the title comes from"),
    ("byline", "str", "the author as the text names them (curated)"),
    ("credits", "str", "photo, contribution and wire credits (curated, ` | `-separated)"),
    ("outlet", "str", "the outlet, or `unknown`"),
    ("notes", "str", "free notes of the curator"),
    ("raw_text", "str", "the raw file's text, decoded (LF line endings)"),
    ("n_paragraphs", "int", "body paragraphs (headings excluded)"),
    ("n_headings", "int", "subheadings"),
    ("n_words", "int", "spaCy tokens that are not punctuation (headings included)"),
    ("n_sentences", "int", "body sentences (headings excluded)"),
    ("byline_found", "str", "author names the cleaning found in bylines and author boxes"),
    ("credits_found", "str", "credit lines the cleaning removed (` | `-separated)"),
    # cleaning audit
    ("line", "int", "1-based line number in the raw file"),
    ("original", "str", "the raw line"),
    ("result", "str", "the line after the rule (empty when removed)"),
    ("action", "str", "removed, altered, extracted (title) or flagged (heading)"),
    ("rule", "str", "the named cleaning or typography rule that acted"),
    ("score", "float?", "for lines the classifier decided (rule `classifier`), its score: kept at 0.5 or more"),
    ("raw_line", "int", "the raw line a paragraph comes from (1-based)"),
    # tokens
    ("lemma", "str", "spaCy lemma"),
    ("pos", "str", "universal part of speech"),
    ("tag", "str", "fine-grained tag"),
    ("morph", "str", "morphological features (`Mood=Cnd|Number=Sing|…`)"),
    ("dep", "str", "dependency relation to the head"),
    ("head_idx", "int", "`token_idx` of the syntactic head"),
    ("is_stop", "bool", "a stop word"),
    ("is_punct", "bool", "punctuation"),
    ("like_num", "bool", "looks like a number"),
    ("ent_type", "str", "named-entity label of the small model (empty outside entities)"),
    ("actor", "str?", "canonical actor of `actors.csv` (for tokens: whose mention covers the token)"),
    # actors and mentions
    ("actor_kind", "str", "person, institution, group or state"),
    ("camp", "str", "the actor's camp: russia, usa, ukraine, europe or other"),
    ("gender", "str", "grammatical gender of the actor's name (m, f)"),
    ("number", "str", "grammatical number of the actor's name (sg, pl)"),
    ("description", "str", "who the actor is, in English"),
    ("names", "list", "aliases that name the actor or place"),
    ("roles", "list", "descriptions that designate the actor in this story (offices held: `offices`)"),
    ("member_of", "str", "the actor this one speaks for, or empty (Iouri Ouchakov: Kremlin; Kremlin: Russie)"),
    ("offices", "list", "the actor's tenures of the offices of `offices.csv`: (alias, first day, last day or empty)"),
    ("surface", "str", "the mention as written"),
    ("mention_kind", "str", "name (a name of the actor), role (a description such as « le président russe ») or "
                            "pronoun (« il », « a-t-il », « selon lui », resolved by the reported-speech rules)"),
    ("use", "str", "agent (subject, passive agent, « selon X »), place (« en Ukraine », « à Moscou »), affiliation "
                   "(named inside another's role) or other"),
    ("as_actor", "bool", "the mention counts the actor as taking part: people and groups always, institutions "
                         "unless a place, states only as agent or affiliation"),
    ("mention_basis", "str", "how the mention was found: name, role, office holder on a date (and which), pronoun, or "
                     "named in a role"),
    # statements
    ("quote_id", "str", "statement id, `<article_id>-qNN` in reading order"),
    ("statement_kind", "str", "direct (a quoted clause), fragment (quoted words in the journalist's sentence) "
                              "or indirect (reported without quote marks)"),
    ("speaker", "str?", "who made the statement: a canonical actor, a name, or a phrase such as « une source »"),
    ("speaker_camp", "str?", "the speaker's camp when the speaker is a known actor"),
    ("cue", "str", "the reporting words as written (« a-t-il souligné », « selon »), empty when none"),
    ("closed", "bool", "False for a quote whose closing mark never comes"),
    ("speaker_basis", "str", "the rule that found the speaker (incise, subject, pronoun, selon, …)"),
    ("statement_basis", "str", "the rule that made it a statement: cue_content, before_incise, selon, quoted_clause "
                               "or quoted_words"),
    # time expressions
    ("time_kind", "str", "date, interval, relative or vague"),
    ("value_start", "date?", "first day the expression stands for"),
    ("value_end", "date?", "last day (empty when open-ended)"),
    ("basis", "str", "how the expression was resolved"),
    # terms
    ("term", "str", "lemma (names keep their case; a named actor once per mention)"),
    ("is_actor", "bool", "the term is a named person, institution or group"),
    ("is_content", "bool", "noun, proper noun, verb or adjective that is not a stop word, or a named actor"),
    # tone
    ("polarity", "float", "textblob-fr polarity in [-1, 1], lexicon defects clamped"),
    ("subjectivity", "float", "textblob-fr subjectivity in [0, 1]"),
    ("n_assessed", "int", "lexicon words that scored"),
    ("drivers", "str", "the lexicon words behind the score, with their polarity"),
    ("clamped", "str", "lexicon entries clamped into range"),
    ("neutralised", "str", "domain words left out of the score (when asked)"),
    ("raw_polarity", "float", "the analyzer's polarity before clamping"),
    ("raw_subjectivity", "float", "the analyzer's subjectivity before clamping"),
    # hedging
    ("conditional", "bool", "a verb in the conditional mood, from morphology (`analysis.conditional_verbs`)"),
    ("modal", "bool", "pouvoir or devoir as a verb"),
    ("attribution", "bool", "« selon » or « d'après »"),
    ("forward_looking", "bool", "an expression about what will happen (« dans les prochains jours »)"),
    ("conditional_forms", "str", "the conditional verb forms as written (` | `-separated, empty when none)"),
    ("any_hedge", "bool", "conditional, modal, attribution or forward-looking"),
    ("sentence_voice", "str", "whose words the sentence holds: narration (the journalist's only), reported "
                              "(reported speech only) or mixed"),
    ("hedged_narration", "bool", "a hedging marker in the journalist's own words of the sentence"),
    ("hedged_reported", "bool", "a hedging marker inside the reported speech of the sentence"),
    # voices
    ("direct", "int", "direct quotes"),
    ("fragment", "int", "quoted fragments"),
    ("indirect", "int", "indirect statements"),
    ("statements", "int", "statements of every kind"),
    ("quoted_words", "int", "words inside quote marks (direct quotes and fragments)"),
    # curated data
    ("date", "date", "the day an event happened, as the corpus states it"),
    ("precision", "str", "how precisely the text dates the event: day, month or year"),
    ("event_en", "str", "the event, in English"),
    ("evidence_fr", "str", "the article's words that support the row, verbatim"),
    ("evidence_in", "str", "body, or caption when only a removed caption gives the date"),
    ("fact_id", "str", "a key fact of the story (`facts.csv`)"),
    ("label_en", "str", "the fact, in English"),
    ("patterns", "list", "lemma patterns that state the fact (each a list of terms)"),
    ("place", "str", "canonical place name"),
    ("place_kind", "str", "city, country or region"),
    # textometry (analysis.textometry)
    ("unit", "str", "the counted unit: a lower-cased lemma, a lower-cased form or a term"),
    ("part", "str", "a part of the partition asked for (an article id, a period, an outlet …)"),
    ("f", "int", "occurrences of the unit in the part"),
    ("f_total", "int", "occurrences of the unit in the corpus"),
    ("part_size", "int", "words in the part"),
    ("total", "int", "words in the corpus"),
    ("f_expected", "float", "occurrences expected in the part if the unit were spread as the words (f_total × "
                            "part_size / total)"),
    ("specificity", "float", "Lafon's specificity: +|log10 P(X ≥ k)| when over-represented, log10 P(X ≤ k) when "
                             "under-represented (X hypergeometric)"),
    ("banal", "bool", "|specificity| below the banality threshold (2 by default, as TXM)"),
    ("segment", "str", "a repeated sequence of word forms, as most often written"),
    ("freq", "int", "occurrences in the corpus"),
    ("n_parts", "int", "parts (articles by default) in which it occurs"),
    ("dp", "float?", "Gries' DP over the parts (0: spread as the parts' sizes; towards 1: concentrated)"),
    ("juilland_d", "float?", "Juilland's D over the parts (1: even; 0: all in one part)"),
    ("cofreq", "int", "occurrences in the pivot's contexts (co-occurrences), or sentences two units share"),
    ("mean_distance", "float", "mean distance to the nearest pivot occurrence, in words"),
    ("n_contexts", "int", "occurrences of the pivot"),
    ("source", "str", "one end of a co-occurrence edge (a unit)"),
    ("target", "str", "the other end of a co-occurrence edge (a unit)"),
    ("source_freq", "int", "sentences holding the source unit"),
    ("target_freq", "int", "sentences holding the target unit"),
    ("query", "str", "the term asked for (a lemma, a form or several words)"),
    ("position", "int", "word offset in the whole corpus, articles in date order"),
    ("cumulative", "int", "occurrences of the query up to and including this one"),
    ("left", "str", "the words before the keyword, as written (¶ at a paragraph or heading boundary)"),
    ("keyword", "str", "the occurrence, as written"),
    ("right", "str", "the words after the keyword, as written"),
    ("left_word", "str", "the nearest word before the keyword, lower-cased (sort key)"),
    ("right_word", "str", "the nearest word after the keyword, lower-cased (sort key)"),
    # checksums
    ("expected", "str?", "SHA-256 recorded in `SHA256SUMS`"),
    ("actual", "str?", "SHA-256 of the file as it is now"),
    ("ok", "bool", "the file is byte for byte what was recorded"),
)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[str, ...]
    source: str  # where a user gets it


def _tables(*specs: tuple[str, str, str, str]) -> dict[str, Table]:
    out = {}
    for name, description, source, columns in specs:
        names = tuple(columns.split())
        unknown = [c for c in names if c not in COLUMNS]
        if unknown:
            raise ValueError(f"table {name}: columns not in the contract: {unknown}")
        out[name] = Table(name, description, names, source)
    return out


TABLES: dict[str, Table] = _tables(
    ("corpus", "one row per article", "`L.corpus`",
     "article_id file published date_basis period title title_basis byline credits outlet notes raw_text text "
     "n_paragraphs n_headings credits_found byline_found n_words n_sentences"),
    ("log", "one row per raw line the cleaning removed, altered, extracted or flagged", "`L.log`",
     "article_id line original result action rule score"),
    ("paragraphs", "one row per body paragraph", "`analysis.paragraphs()`",
     "article_id paragraph_idx text start_char end_char is_heading raw_line"),
    ("sentences", "one row per sentence (headings are one row each)", "`L.sentences`",
     "article_id paragraph_idx sent_idx text start_char end_char is_heading n_words"),
    ("tokens", "one row per token, spaces left out", "`L.tokens`",
     "article_id sent_idx token_idx text lemma pos tag morph dep head_idx is_stop is_punct like_num ent_type "
     "start_char end_char paragraph_idx is_heading actor"),
    ("mentions", "one row per actor mention", "`L.mentions`",
     "article_id start_char end_char surface actor camp mention_kind use as_actor mention_basis"),
    ("statements", "one row per reported statement", "`L.statements`",
     "article_id quote_id statement_kind text speaker speaker_camp cue sent_idx start_char end_char closed "
     "speaker_basis statement_basis"),
    ("voices", "per article and speaker: statements by kind and quoted words",
     "`analysis.voices(L.statements, L.tokens)`",
     "article_id speaker speaker_camp direct fragment indirect statements quoted_words"),
    ("times", "one row per time expression, resolved", "`L.times`",
     "article_id sent_idx text time_kind start_char end_char value_start value_end basis"),
    ("terms", "one row per word token with its term", "`L.terms`",
     "article_id sent_idx token_idx text lemma pos tag morph dep head_idx is_stop is_punct like_num ent_type "
     "start_char end_char paragraph_idx is_heading actor term is_actor is_content period published"),
    ("tone", "one row per body sentence with its textblob-fr score", "`L.tone`",
     "article_id paragraph_idx sent_idx text polarity subjectivity n_assessed drivers clamped neutralised "
     "raw_polarity raw_subjectivity"),
    ("hedging", "one row per body sentence with its hedging markers", "`L.hedging`",
     "article_id sent_idx paragraph_idx text conditional modal attribution forward_looking conditional_forms "
     "any_hedge sentence_voice hedged_narration hedged_reported"),
    ("actors", "the actor table (`actors.csv`)", "`L.actors`",
     "actor actor_kind camp gender number description names roles member_of offices"),
    ("events", "dated events as the corpus states them (`events.csv`)", "`L.events`",
     "date precision event_en article_id evidence_fr evidence_in"),
    ("facts", "the key facts of the story (`facts.csv`)", "`L.facts`", "fact_id label_en patterns notes"),
    ("places", "places matched in the texts (`places.csv`)", "`L.places`", "place place_kind names"),
    ("checksums", "one row per raw file, checked against `SHA256SUMS`", "`analysis.verify_checksums()`",
     "file expected actual ok"),
    ("specificities", "one row per unit and part of a partition", "`textometry.specificities(L.tokens, by=...)`",
     "unit part f f_total part_size total f_expected specificity banal"),
    ("repeated_segments", "one row per repeated segment", "`textometry.repeated_segments(L.tokens)`",
     "segment n_words freq n_parts dp"),
    ("cooccurrences", "one row per co-occurrent of a pivot", "`textometry.cooccurrences(L.tokens, pivot)`",
     "unit cofreq freq specificity mean_distance n_contexts"),
    ("cooccurrence_edges", "one row per pair of frequent units sharing sentences",
     "`textometry.cooccurrence_edges(L.tokens)`", "source target cofreq specificity source_freq target_freq"),
    ("progression", "one row per occurrence of a query, in corpus order",
     "`textometry.progression(L.tokens, terms, corpus=L.corpus)`", "query position cumulative article_id"),
    ("dispersion", "one row per unit", "`textometry.dispersion(L.tokens)`", "unit freq n_parts juilland_d dp"),
    ("concordance", "one row per occurrence of a term", "`textometry.concordance(L.tokens, term)`",
     "article_id sent_idx left keyword right left_word right_word"),
)


def _type_ok(series: pd.Series, type_: str) -> bool:
    """Whether a column's values are of the contract's type (empty values allowed where the type says so)."""
    base = type_.rstrip("?")
    if base == "date":
        return pd.api.types.is_datetime64_any_dtype(series)
    values = series.dropna() if type_.endswith("?") or base == "float" else series
    checks = {
        "str": lambda s: pd.api.types.is_string_dtype(s) or s.map(lambda v: isinstance(v, str)).all(),
        "int": pd.api.types.is_integer_dtype,
        "float": lambda s: pd.api.types.is_float_dtype(s) or pd.api.types.is_integer_dtype(s),
        "bool": pd.api.types.is_bool_dtype,
        "list": lambda s: s.map(lambda v: isinstance(v, (list, tuple))).all(),
    }
    return bool(checks[base](values)) if len(values) else True


def check(name: str, table: pd.DataFrame) -> list[str]:
    """What is wrong with a table against the contract: missing, extra or mistyped columns (empty: fine)."""
    spec = TABLES[name]
    problems = []
    missing = [c for c in spec.columns if c not in table.columns]
    extra = [c for c in table.columns if c not in spec.columns]
    if missing:
        problems.append(f"{name}: missing {missing}")
    if extra:
        problems.append(f"{name}: not in the contract {extra}")
    for column in spec.columns:
        if column in table.columns and not _type_ok(table[column], COLUMNS[column].type):
            problems.append(f"{name}.{column}: expected {COLUMNS[column].type}, found {table[column].dtype}")
    return problems


def markdown() -> str:
    """The data dictionaries of the public tables, as README markdown."""
    parts = []
    for table in TABLES.values():
        parts.append(f"#### `{table.name}` — {table.description} ({table.source})\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        parts.extend(f"| `{c}` | {TYPES[COLUMNS[c].type]} | {COLUMNS[c].meaning} |" for c in table.columns)
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(markdown())

"""The one module that knows the order of the layers, and the only caller of the cache.

    data folder ─ corpus (load, check, clean: analysis.corpus; no spaCy)
                  └─ parse: sentences, tokens, docs (analysis.nlp)
                      ├─ times: time expressions resolved on publication dates (analysis.timex)
                      │   └─ names: actors by name or role, offices dated, uses (analysis.mentions)
                      │       └─ statements: reported speech and speakers, pronouns resolved (analysis.speech)
                      │           └─ mentions: names and roles, and the resolved pronouns (analysis.mentions)
                      ├─ terms: term tokens for frequencies and keyness (analysis.terms)
                      ├─ tone: textblob-fr sentence scores (analysis.tone)
                      └─ hedging: conditional, modal, attribution, forward-looking markers (analysis.tone)

`L = analysis.pipeline(data_dir)` (analysis.study) returns the layers of one data folder, each computed when first
read and stored on disk under a key made of what it is computed from (see analysis.cache). Analysis functions never
load, parse or cache: they take the tables they need, so a notebook or a test can call them on any table.
"""
from __future__ import annotations

from functools import cached_property
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import cache, clouds, conditional, mentions, nlp, paths, speech, terms, timex, tone
from .actors import assign_actors
from .cleaning import CleanedArticle
from .compare import load_places
from .corpus import FolderCorpus, cleaning_log
from .errors import CorpusError
from .facts import load_facts
from .ledger import load_ledger

LIB = paths.LIBRARY_DIR
# The code and data files that compute each layer: an edit to any of them rebuilds it (and what reads it).
LAYER_CODE: dict[str, list[Path]] = {
    "parse": [LIB / "nlp.py", LIB / "resources.py", LIB / "cleaning.py", LIB / "typography.py"],
    "names": [LIB / "actors.py", LIB / "mentions.py", LIB / "story_resources.py"],
    "statements": sorted((LIB / "speech").glob("*.py")) + [LIB / "resources.py"],
    "times": [LIB / "timex.py", LIB / "timex_rules.py", LIB / "timex_relative.py", LIB / "timex_anchor.py",
              LIB / "timex_resources.py"],
    "terms": [LIB / "terms.py"],
    "tone": [LIB / "tone.py", LIB / "typography.py", LIB / "resources.py"],
    "tone_benchmark": [LIB / "tone.py", LIB / "typography.py", LIB / "resources.py"],
    "hedging": [LIB / "tone.py", LIB / "conditional.py", LIB / "resources.py",
                paths.FUTURE_STEMS_CSV],
    "cloud_layout": [LIB / "clouds.py", LIB / "colours.py"],
    "corpus": [LIB / n for n in ("corpus.py", "raw_files.py", "cleaning.py", "furniture.py", "typography.py",
                                 "resources.py", "europresse.py", "metadata.py", "metadata_resources.py")],
}
# Every layer a caller may read or replace, in pipeline order.
LAYERS = ("corpus", "sentences", "tokens", "mentions", "statements", "times", "terms", "tone", "hedging")


class Layers:
    """The layers of one corpus, computed on first use (through the disk cache unless `use_cache=False`).

    Attributes, in pipeline order: `corpus` (with word and sentence counts from the parse), `log` (the
    cleaning audit), `sentences`, `tokens` (with the `actor` each token belongs to), `docs` (spaCy Docs),
    `mentions`, `statements`, `times`, `terms`, `tone`, `hedging`; and the curated tables of the data folder
    (`actors`, `events`, `facts`, `places`, `ledger`). Every table returned is the caller's own copy.
    """

    def __init__(self, base: pd.DataFrame, *, actors: pd.DataFrame, log: pd.DataFrame | None = None,
                 data_dir: Path | None = None, use_cache: bool = True, given: dict | None = None,
                 n_process: int | None = None) -> None:
        self._base = base
        self.n_process = n_process
        self._log = log
        self.actors = actors
        self.data_dir = data_dir
        self.use_cache = use_cache
        self._given: dict[str, pd.DataFrame] = dict(given or {})
        self._built: dict[str, pd.DataFrame] = {}
        self._digests: dict[tuple[str, ...], str] = {}

    # --- keys ---------------------------------------------------------------------------------------------
    def key(self, layer: str) -> str:
        """The cache key of a layer: a replaced table is keyed by its content, a built one by its inputs."""
        if layer in self._given:
            return cache.table_digest(self._given[layer])
        return cache.make_key(layer, self._inputs(layer), LAYER_CODE.get(layer, []))

    def _inputs(self, layer: str) -> list:
        base, text_cols, digest = self._base, ["article_id", "text"], self._digest
        inputs = {
            "parse": lambda: [digest(*text_cols)],
            "names": lambda: [digest(*[c for c in text_cols + ["published"] if c in base]),
                              self.key("tokens"), self.key("times") if "published" in base else "",
                              digest("actors")],
            "statements": lambda: [self.key("sentences"), self.key("tokens"), self._names_key(),
                                   digest(*text_cols), digest("actors")],
            "times": lambda: [self.key("sentences"), self.key("tokens"),
                              digest(*text_cols, "published")],
            "terms": lambda: [self.key("tokens"), self._names_key(), digest("actors"),
                              digest("article_id", "period", "published")],
            "tone": lambda: [self.key("sentences")],
            "hedging": lambda: [self.key("sentences"), self.key("tokens"), self.key("statements")],
            "sentences": lambda: [self.key("parse")],
            "tokens": lambda: [self.key("parse")],
        }
        return inputs[layer]()

    def _digest(self, *columns: str) -> str:
        """The content hash of some corpus columns (or of the actor table: "actors"), once per Layers: both are
        fixed for its life, and a key is asked for many times (each layer's key holds the keys it reads)."""
        if columns not in self._digests:
            self._digests[columns] = cache.table_digest(self.actors if columns == ("actors",)
                                                        else self._base[list(columns)])
        return self._digests[columns]

    def _names_key(self) -> str:
        return self.key("mentions") if "mentions" in self._given else self.key("names")

    # --- building -------------------------------------------------------------------------------------
    def _layer(self, layer: str, build) -> pd.DataFrame:
        if layer in self._given:
            return self._given[layer].copy()
        if layer not in self._built:
            self._built[layer] = (cache.cached_table(layer, self.key(layer), build) if self.use_cache
                                  else build())
        return self._built[layer].copy()

    def _parse(self) -> dict[str, pd.DataFrame]:
        if "sentences" in self._given and "tokens" in self._given:
            return {"sentences": self._given["sentences"], "tokens": self._given["tokens"]}
        if "parse" not in self._built:
            self._built["parse"] = True
            names = ["sentences", "tokens"]
            if self.use_cache:
                tables = cache.cached_tables("parse", self.key("parse"), names, self._build_parse)
            else:
                tables = self._build_parse(store_docs=False)
            self._built.update(tables)
        return {"sentences": self._built["sentences"], "tokens": self._built["tokens"]}

    def _build_parse(self, *, store_docs: bool = True) -> dict[str, pd.DataFrame]:
        sents, toks, docs = nlp.parse(self._base[["article_id", "text"]], n_process=self.n_process)
        if store_docs:
            cache.write_blob("parse", self.key("parse"), "docs.spacy", nlp.docs_to_bytes(docs))
        self._docs = dict(zip(self._base["article_id"], docs))
        return {"sentences": sents, "tokens": toks}

    # --- the layers -------------------------------------------------------------------------------------
    @property
    def corpus(self) -> pd.DataFrame:
        """One row per article: metadata, cleaned text, and counts (`n_words`: spaCy tokens that are not
        punctuation, headings included; `n_sentences`: body sentences, headings excluded)."""
        out = self._base.copy()
        toks, sents = self._parse()["tokens"], self._parse()["sentences"]
        words = toks[~toks["is_punct"]].groupby("article_id").size()
        body = sents[~sents["is_heading"]].groupby("article_id").size()
        out["n_words"] = out["article_id"].map(words).fillna(0).astype(int)
        out["n_sentences"] = out["article_id"].map(body).fillna(0).astype(int)
        return out

    @property
    def log(self) -> pd.DataFrame:
        """The cleaning audit: one row per line removed, altered, extracted or flagged."""
        if self._log is None:
            raise CorpusError("(corpus given as a table)", "there is no cleaning log for a corpus given as a table",
                              "build the pipeline from a data folder: analysis.pipeline(data_dir)")
        return self._log.copy()

    @property
    def sentences(self) -> pd.DataFrame:
        return self._parse()["sentences"].copy()

    @property
    def tokens(self) -> pd.DataFrame:
        """Tokens with `actor`: the canonical actor whose mention covers the token (None elsewhere)."""
        toks = self._parse()["tokens"].copy()
        toks["actor"] = assign_actors(toks, self._names())
        return toks

    @property
    def docs(self) -> dict[str, object]:
        """Article id → spaCy Doc (from the cache's DocBin when warm: no model load)."""
        if getattr(self, "_docs", None) is None:
            blob = cache.read_blob("parse", self.key("parse"), "docs.spacy") if self.use_cache else None
            if blob is None:
                self._build_parse(store_docs=self.use_cache)
            else:
                self._docs = nlp.docs_from_bytes(blob, list(self._base["article_id"]))
        return self._docs

    def _names(self) -> pd.DataFrame:
        """Mentions by name and role (the given `mentions` without pronouns, if a caller replaced them)."""
        if "mentions" in self._given:
            given = self._given["mentions"]
            return given[given["mention_kind"] != "pronoun"].copy() if "mention_kind" in given else given.copy()
        return self._layer("names", lambda: mentions.name_mentions(
            self._base, self.actors, self._parse()["tokens"], self.times if "published" in self._base else None))

    @property
    def mentions(self) -> pd.DataFrame:
        """The one mention table: names, roles and resolved pronouns, with their use (analysis.mentions)."""
        if "mentions" in self._given:
            return self._given["mentions"].copy()
        return mentions.with_pronouns(self._names(), self._speech()["pronouns"], self.actors)

    @property
    def statements(self) -> pd.DataFrame:
        return self._speech()["statements"].copy()

    def _speech(self) -> dict[str, pd.DataFrame]:
        """The statements and the pronoun mentions, computed in one pass (and cached together)."""
        if "statements" in self._given:  # given statements: no pronoun is resolved
            return {"statements": self._given["statements"], "pronouns": pd.DataFrame(columns=speech.PRONOUN_COLUMNS)}
        if "speech" not in self._built:
            names = self._names()
            speaking = names[names["use"] != "affiliation"] if "use" in names else names

            def build() -> dict[str, pd.DataFrame]:
                parse = self._parse()
                found, pronouns = speech.statements_and_pronouns(self._base, parse["sentences"], parse["tokens"],
                                                                 speaking, self.actors)
                return {"statements": found, "pronouns": pronouns}
            self._built["speech"] = (cache.cached_tables("statements", self.key("statements"),
                                                         ["statements", "pronouns"], build)
                                     if self.use_cache else build())
        return self._built["speech"]

    @property
    def times(self) -> pd.DataFrame:
        self._require("published", "time expressions")
        parse = self._parse()
        return self._layer("times", lambda: timex.time_expressions(self._base, parse["sentences"],
                                                                   parse["tokens"]))

    @property
    def terms(self) -> pd.DataFrame:
        self._require("period", "term tokens")
        return self._layer("terms", lambda: terms.term_tokens(self.tokens, self._base, self._names(), self.actors))

    @property
    def tone(self) -> pd.DataFrame:
        return self._layer("tone", lambda: tone.sentence_tone(self._parse()["sentences"]))

    @property
    def hedging(self) -> pd.DataFrame:
        parse = self._parse()
        return self._layer("hedging", lambda: tone.hedging(parse["sentences"], parse["tokens"], self.statements))

    def _require(self, column: str, layer: str) -> None:
        if column not in self._base.columns:
            raise CorpusError("(corpus given as a table)", f"the {layer} need a `{column}` column",
                              f"add `{column}` to the corpus table, or build from a data folder")

    # --- curated tables of the data folder ---------------------------------------------------------------
    @cached_property
    def events(self) -> pd.DataFrame:
        return timex.load_events(paths.curated("events.csv", self.data_dir))

    @cached_property
    def facts(self) -> pd.DataFrame:
        return load_facts(paths.curated("facts.csv", self.data_dir))

    @cached_property
    def places(self) -> pd.DataFrame:
        return load_places(paths.curated("places.csv", self.data_dir))

    @cached_property
    def ledger(self) -> pd.DataFrame:
        return load_ledger(self._base, paths.curated("claims.csv", self.data_dir))

    # --- other layers -------------------------------------------------------------------------------------
    def replace(self, **tables: pd.DataFrame) -> Layers:
        """New layers with some tables replaced (e.g. edited `mentions`): what reads them is recomputed."""
        unknown = sorted(set(tables) - set(LAYERS) - {"actors"})
        if unknown:
            raise ValueError(f"cannot replace {', '.join(unknown)}: layers are {', '.join(LAYERS)} and actors")
        base = tables.pop("corpus", self._base)
        actors = tables.pop("actors", self.actors)
        return Layers(base, actors=actors, log=self._log if base is self._base else None,
                      data_dir=self.data_dir, use_cache=self.use_cache, given={**self._given, **tables},
                      n_process=self.n_process)

    def read(self, layer: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A layer (only `columns`, if given): the call that works on partitioned layers too."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}: layers are {', '.join(LAYERS)}")
        table = getattr(self, layer)
        return table[columns] if columns is not None else table

    def iter(self, layer: str, columns: list[str] | None = None):
        """The layer in pieces (here one; one per partition in `PartitionedLayers`)."""
        yield self.read(layer, columns)

    def build_all(self) -> dict[str, int]:
        """Compute (or read) every layer; return the row count of each, in pipeline order."""
        return {name: len(getattr(self, name)) for name in LAYERS}


def tone_benchmark(*, rebuild: bool = False) -> pd.DataFrame:
    """The tone scorer's figures on the 1,500 labelled reviews (data/external), cached by data and code."""
    key = cache.make_key("tone_benchmark", [cache.file_digest(paths.TONE_BENCHMARK_CSV)],
                         LAYER_CODE["tone_benchmark"])
    if rebuild:
        table = tone.run_benchmark(paths.TONE_BENCHMARK_CSV)
        cache.store_tables("tone_benchmark", key, {"tone_benchmark": table})
        return table
    return cache.cached_table("tone_benchmark", key, lambda: tone.run_benchmark(paths.TONE_BENCHMARK_CSV))


def cloud_layout(frequencies: dict[str, float], *, seed: int = clouds.SEED) -> pd.DataFrame:
    """A word cloud's layout (`clouds.layout`; draw it with `plots.cloud_image`), cached under its frequencies (in
    their order: wordcloud breaks ties by it), its seed, its code and wordcloud's version: a report built again
    draws its clouds without laying them out again."""
    given = pd.DataFrame({"word": list(frequencies), "frequency": [float(v) for v in frequencies.values()]})
    key = cache.make_key("cloud_layout", [cache.table_digest(given), seed, metadata.version("wordcloud")],
                         LAYER_CODE["cloud_layout"])
    return cache.cached_table("cloud_layout", key, lambda: clouds.layout(frequencies, seed=seed))


def cleaned_tables(found: tuple[pd.DataFrame, dict[str, CleanedArticle]]) -> dict[str, pd.DataFrame]:
    """`FolderCorpus.read()` or `.piece()` as the two tables the cache keeps of it: `corpus`, and `log`."""
    return {"corpus": found[0], "log": cleaning_log(cleaned=found[1])}


def cleaned_corpus(folder: FolderCorpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A checked data folder's corpus table and cleaning log (`FolderCorpus.read`, `corpus.cleaning_log`), cached
    under its raw files' checksums (checked against the bytes), its metadata and the cleaning code: each notebook
    of a report reads them instead of cleaning every article again. A cleaning error is never cached."""
    key = cache.make_key("corpus", [cache.table_digest(folder.meta), folder.sources(0, len(folder.meta))],
                         LAYER_CODE["corpus"])
    tables = cache.cached_tables("corpus", key, ["corpus", "log"], lambda: cleaned_tables(folder.read()))
    tables["corpus"].attrs["data_dir"] = folder.root
    return tables["corpus"], tables["log"]


def conditional_marks(tokens: pd.DataFrame) -> pd.Series:
    """Whether each row of a tokens table is a conditional verb form (`conditional.conditional_tokens`), cached
    under the forms, lemmas and parts of speech it reads and the finder's code: a notebook that evaluates the
    finder again (notebook 03, on the gold sentences) neither loads spaCy's lexicon nor imports spaCy."""
    given = tokens[["text", "lemma", "pos"]].reset_index(drop=True)
    key = cache.make_key("conditional_marks", [cache.table_digest(given)], LAYER_CODE["hedging"])
    marks = cache.cached_table("conditional_marks", key, lambda: pd.DataFrame(
        {"conditional": conditional.conditional_tokens(given).astype(bool).to_numpy()}))
    return pd.Series(marks["conditional"].to_numpy(dtype=bool), index=tokens.index, name="conditional")

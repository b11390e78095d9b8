"""A large corpus in partitions: every layer built partition by partition and stored as partitioned Parquet.

A corpus of more than `PARTITION_SIZE` articles is cut into consecutive partitions. Each partition is an ordinary
`Layers` (analysis.layers) whose tables are cached under keys of that partition's content: the cache holds each
layer as one Parquet file per partition, and an edit to one layer's code rebuilds that layer only, partition by
partition.

`PartitionedLayers.build()` streams. A parse worker process runs spaCy on partition k+1 while this process
computes the layers after the parse (times, mentions, statements, terms, tone, hedging) for partition k, so the
stages after the parse overlap with it; only one partition's tables are in memory in each process, and this process
never loads the spaCy model. Reading a layer concatenates its partitions; `read(layer, columns=[...])` keeps
only the columns asked for, one partition at a time, so an analysis of the whole corpus (keyness,
specificities) holds only what it needs.

Every layer is keyed by article and no article's layers depend on another's, so the tables of a partitioned
corpus equal those of the same corpus in one piece (tests/test_partitioned.py). `partition_layers` is the one
per-partition function: `build()` runs it here, `analysis.cluster` runs it on a Dask cluster.

A corpus read from a data folder is cleaned partition by partition as the layers are made (`FolderCorpus.pieces`),
and each partition's corpus table (texts included) and cleaning log go to the cache as they come (`_Stored`): this
process keeps the articles' metadata only (`articles`), reads a partition back when its turn comes, and holds no
text, no cleaning log and no partition longer than it works on it, so that its memory does not grow with the corpus
(bench/scale.py). `corpus`, `log` and `docs` read every partition, end to end, when asked for.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from . import cache, paths
from .corpus import FolderCorpus, cleaning_log
from .layers import LAYER_CODE, LAYERS, Layers, cleaned_tables
from .ledger import load_ledger

PARTITION_SIZE = 500  # articles: about 60,000 words of press text, 150 MB of tables at most (bench/RESULTS.md)
PARSED = ["sentences", "tokens"]  # the tables of the parse entry
TEXTS = ["raw_text", "text"]  # the corpus table's columns that a stored partition keeps out of memory


def split(base: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Consecutive partitions of at most `size` articles, in corpus order (appended articles leave the earlier
    partitions, and their cache entries, as they were)."""
    _check_size(size)
    return [base.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(base), size)]


def _check_size(size: int) -> None:
    if size < 1:
        raise ValueError(f"partition size must be at least 1 article (got {size})")


class _Stored(Sequence):
    """The partitions of a data folder, cleaned piece by piece and stored in the cache under `root` (each piece's
    table and cleaning log under a key of what they are made of: its rows of articles.csv, its raw files'
    checksums, the cleaning code), then read back one at a time: `stored[k]` is partition k's corpus table, `log(k)`
    its cleaning log. A piece already in the cache is not cleaned again; an entry gone from it is."""

    def __init__(self, folder: FolderCorpus, size: int, root: str) -> None:
        _check_size(size)
        self.folder, self.root, self.spans = folder, root, folder.spans(size)
        with cache.rooted(root):
            self.keys = [cache.make_key("cleaned", [cache.table_digest(folder.meta.iloc[start:stop]),
                                                    folder.sources(start, stop)], LAYER_CODE["corpus"])
                         for start, stop in self.spans]
        self.articles = pd.concat([self[k].drop(columns=TEXTS) for k in range(len(self))], ignore_index=True)
        folder.release()  # every piece is stored: the texts parsed for the checks are not held

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, k: int) -> pd.DataFrame:
        return self._read(k, "corpus")

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return (self[k] for k in range(len(self)))

    def log(self, k: int) -> pd.DataFrame:
        return self._read(k, "log")

    def _read(self, k: int, name: str) -> pd.DataFrame:
        if not -len(self) <= k < len(self):
            raise IndexError(f"partition {k} of {len(self)}")
        k %= len(self)
        with cache.rooted(self.root):
            return cache.cached_tables("cleaned", self.keys[k], ["corpus", "log"],
                                       lambda: cleaned_tables(self.folder.piece(*self.spans[k])))[name]


def layer_names(base: pd.DataFrame) -> list[str]:
    """The layers a corpus table supports: time expressions need `published`, term tokens `period`."""
    skip = {"times"} if "published" not in base else set()
    skip |= {"terms"} if "period" not in base else set()
    return [name for name in LAYERS if name != "corpus" and name not in skip]


def _part(base: pd.DataFrame, actors: pd.DataFrame, data_dir: Path | None = None) -> Layers:
    return Layers(base, actors=actors, data_dir=data_dir, use_cache=True, n_process=1)


def parse_partition(base: pd.DataFrame, actors: pd.DataFrame, cache_root: str | None = None) -> int:
    """Parse one partition into the cache (spaCy on one process); return its number of sentences."""
    with cache.rooted(cache_root):
        return len(_part(base, actors)._parse()["sentences"])


def _parsed(base: pd.DataFrame, actors: pd.DataFrame, cache_root: str) -> bool:
    """Whether a partition's parse is in the cache under `cache_root`."""
    with cache.rooted(cache_root):
        return cache.has_tables("parse", _part(base, actors).key("parse"), PARSED)


def partition_layers(base: pd.DataFrame, actors: pd.DataFrame, cache_root: str | None = None) -> dict[str, int]:
    """Build, or read, every layer of one partition into the cache under `cache_root` (default: the usual
    folder); return each layer's row count. The one per-partition function, wherever it runs."""
    with cache.rooted(cache_root):
        part = _part(base, actors)
        return {name: len(getattr(part, name)) for name in layer_names(base)}


def total_counts(per_partition) -> dict[str, int]:
    """The row counts of every layer over the corpus, from `partition_layers`' counts of each partition."""
    total: dict[str, int] = {}
    for counts in per_partition:
        total = {name: total.get(name, 0) + n for name, n in counts.items()}
    return total


class PartitionedLayers(Layers):
    """The layers of a corpus too large to hold at once (see the module's docstring); the same attributes as
    `Layers`, plus `partitions`, `articles`, `build()`, `iter(layer, columns)` and `read(layer, columns)`.

    `base`: the corpus table, or a data folder checked and not yet cleaned (`FolderCorpus`: its partitions are
    cleaned now and stored, see `_Stored`). `parse_workers`: parse processes beside this one (default: one per core
    but one, at least one). Replacing tables (`replace`) gives in-memory `Layers` of the whole corpus.
    """

    def __init__(self, base: pd.DataFrame | FolderCorpus, *, actors: pd.DataFrame, log: pd.DataFrame | None = None,
                 data_dir: Path | None = None, size: int = PARTITION_SIZE, parse_workers: int | None = None) -> None:
        self.cache_root = str(cache.cache_dir())
        if isinstance(base, FolderCorpus):
            self.partitions: Sequence[pd.DataFrame] = _Stored(base, size, self.cache_root)
            base = self.partitions.articles
        else:
            self.partitions = split(base, size)
        super().__init__(base, actors=actors, log=log, data_dir=data_dir, use_cache=True, n_process=1)
        self.parse_workers = parse_workers or max(1, (os.cpu_count() or 1) - 1)
        self._counts: dict[str, int] | None = None

    def _parts(self) -> Iterator[Layers]:
        return (_part(base, self.actors, self.data_dir) for base in self.partitions)

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article: the corpus table without its texts (`raw_text`, `text`) nor the parse's counts, as
        this process keeps it."""
        return self._base.drop(columns=[c for c in TEXTS if c in self._base])

    def _whole(self) -> pd.DataFrame:
        """The corpus table in one piece, texts included (every stored partition read back)."""
        return pd.concat(list(self.partitions), ignore_index=True) if self._stored else self._base

    @property
    def _stored(self) -> bool:
        return isinstance(self.partitions, _Stored)

    # --- building -------------------------------------------------------------------------------------------
    def build(self, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Build (or read) every layer of every partition, streaming; return each layer's row count.
        `progress(done, total)` is called after each partition (a command line prints it)."""
        if self._counts is None:
            root, n, ahead = self.cache_root, len(self.partitions), 2 * self.parse_workers
            per_partition, bases, parsing = [], {}, {}
            with _ParseWorkers(self.parse_workers) as workers:  # no process starts until a partition is sent
                for i in range(n):
                    for k in range(i, min(n, i + ahead + 1)):  # read once, a few ahead: never every partition
                        if k not in bases:
                            bases[k] = self.partitions[k]
                            if not _parsed(bases[k], self.actors, root):
                                parsing[k] = workers.submit(parse_partition, bases[k], self.actors, root)
                    if i in parsing:
                        parsing.pop(i).result()
                    per_partition.append(partition_layers(bases.pop(i), self.actors, root))
                    if progress is not None:
                        progress(i + 1, n)
            self._counts = total_counts(per_partition)
        return dict(self._counts)

    def built(self, counts: dict[str, int], *, cache_root: str) -> None:
        """Record that the partitions were built elsewhere (a Dask cluster) into the cache under `cache_root`."""
        self._counts, self.cache_root = dict(counts), cache_root

    def build_all(self) -> dict[str, int]:
        return {"corpus": len(self._base), **self.build()}

    # --- reading --------------------------------------------------------------------------------------------
    def iter(self, layer: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """One table per partition of a layer (only `columns`, if given), built first if need be."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}: layers are {', '.join(LAYERS)}")
        self.build()
        for part in self._parts():
            with cache.rooted(self.cache_root):
                table = getattr(part, layer)
            yield table[columns] if columns is not None else table

    def read(self, layer: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A layer of the whole corpus (only `columns`, if given), its partitions end to end."""
        return pd.concat(list(self.iter(layer, columns)), ignore_index=True)

    corpus = property(lambda self: self.read("corpus"), doc=Layers.corpus.__doc__)
    sentences = property(lambda self: self.read("sentences"))
    tokens = property(lambda self: self.read("tokens"), doc=Layers.tokens.__doc__)
    mentions = property(lambda self: self.read("mentions"), doc=Layers.mentions.__doc__)
    statements = property(lambda self: self.read("statements"))
    times = property(lambda self: self.read("times"))
    terms = property(lambda self: self.read("terms"))
    tone = property(lambda self: self.read("tone"))
    hedging = property(lambda self: self.read("hedging"))

    @property
    def log(self) -> pd.DataFrame:
        """The cleaning audit (see `Layers.log`): every stored partition's, end to end."""
        if self._stored:
            pieces = [log for k in range(len(self.partitions)) if len(log := self.partitions.log(k))]
            return pd.concat(pieces, ignore_index=True) if pieces else cleaning_log(cleaned={})
        return super().log

    @property
    def docs(self) -> dict[str, object]:
        """Article id → spaCy Doc, every partition's (all in memory: for a few articles, not a year of press)."""
        self.build()
        with cache.rooted(self.cache_root):
            return {article: doc for part in self._parts() for article, doc in part.docs.items()}

    @cached_property
    def ledger(self) -> pd.DataFrame:
        return load_ledger(self._whole(), paths.curated("claims.csv", self.data_dir))

    def replace(self, **tables: pd.DataFrame) -> Layers:
        """In-memory `Layers` of the whole corpus, some tables replaced (see `Layers.replace`)."""
        return super().replace(**{"corpus": self._whole(), **tables})


class _ParseWorkers:
    """Processes that parse partitions ahead of this one, started when the first partition is sent (none sent:
    none started, and a layer that needs a parse runs it here). Forked where the system can (as spaCy's own
    `nlp.pipe(n_process=...)`): a script that builds the pipeline needs no `if __name__ == "__main__"` guard. An
    error stops the pending ones."""

    def __init__(self, n: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=context) if n else None

    def submit(self, fn, *args) -> Future:
        return self.pool.submit(fn, *args)

    def __enter__(self) -> _ParseWorkers:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=error is None, cancel_futures=error is not None)


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
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from . import cache
from .corpus import cleaning_log
from .layers import LAYERS, Layers

PARTITION_SIZE = 500  # articles: about 60,000 words of press text, 150 MB of tables at most (bench/RESULTS.md)
PARSED = ["sentences", "tokens"]  # the tables of the parse entry


def split(base: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Consecutive partitions of at most `size` articles, in corpus order (appended articles leave the earlier
    partitions, and their cache entries, as they were)."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1 article (got {size})")
    return [base.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(base), size)]


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
    `Layers`, plus `partitions`, `build()`, `iter(layer, columns)` and `read(layer, columns)`.

    `parse_workers`: parse processes beside this one (default: one per core but one, at least one).
    Replacing tables (`replace`) gives in-memory `Layers` of the whole corpus.
    """

    def __init__(self, base: pd.DataFrame, *, actors: pd.DataFrame, cleaned: dict | None = None,
                 data_dir: Path | None = None, size: int = PARTITION_SIZE, parse_workers: int | None = None) -> None:
        super().__init__(base, actors=actors, data_dir=data_dir, use_cache=True, n_process=1)
        # The audit table, not every article's cleaned paragraphs: a year of press holds them in memory no longer.
        self._log = cleaning_log(cleaned=cleaned) if cleaned is not None else None
        self.partitions = split(base, size)
        self.cache_root = str(cache.cache_dir())
        self.parse_workers = parse_workers or max(1, (os.cpu_count() or 1) - 1)
        self._counts: dict[str, int] | None = None

    def _parts(self) -> Iterator[Layers]:
        return (_part(base, self.actors, self.data_dir) for base in self.partitions)

    # --- building -------------------------------------------------------------------------------------------
    def build(self, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Build (or read) every layer of every partition, streaming; return each layer's row count.
        `progress(done, total)` is called after each partition (a command line prints it)."""
        if self._counts is None:
            root = self.cache_root
            with cache.rooted(root):
                unparsed = [i for i, part in enumerate(self._parts())
                            if not cache.has_tables("parse", part.key("parse"), PARSED)]
            per_partition = []
            with _ParseWorkers(self.parse_workers if unparsed else 0) as workers:
                parsed = {i: workers.submit(parse_partition, self.partitions[i], self.actors, root) for i in unparsed}
                for i, base in enumerate(self.partitions):
                    if i in parsed:
                        parsed[i].result()
                    per_partition.append(partition_layers(base, self.actors, root))
                    if progress is not None:
                        progress(i + 1, len(self.partitions))
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
        return self._log.copy() if self._log is not None else super().log

    @property
    def docs(self) -> dict[str, object]:
        """Article id → spaCy Doc, every partition's (all in memory: for a few articles, not a year of press)."""
        self.build()
        with cache.rooted(self.cache_root):
            return {article: doc for part in self._parts() for article, doc in part.docs.items()}


class _ParseWorkers:
    """Processes that parse partitions ahead of this one (none: the parse runs here, when a layer needs it).
    Forked where the system can (as spaCy's own `nlp.pipe(n_process=...)`): a script that builds the pipeline
    needs no `if __name__ == "__main__"` guard. An error stops the pending ones."""

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


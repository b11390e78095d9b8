"""Where a study starts: a data folder (or a corpus table) → its layers, in memory or in partitions.

`analysis.pipeline(data_dir)` gives `Layers` (analysis.layers) for a corpus of up to `partition_size` articles
and `PartitionedLayers` (analysis.partitioned) beyond: the same attributes, the same tables; the second streams
the corpus through the pipeline partition by partition so that memory does not grow with the corpus.
`python -m analysis [DATA_DIR]` builds every layer of a data folder and prints their sizes.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from . import paths
from .actors import load_actors
from .corpus import FolderCorpus
from .errors import CorpusError, command_status
from .layers import Layers, cleaned_corpus, cleaned_tables, tone_benchmark
from .partitioned import PARTITION_SIZE, PartitionedLayers


def pipeline(data_dir: Path | str | None = None, *, corpus: pd.DataFrame | None = None,
             actors: pd.DataFrame | None = None, use_cache: bool = True, n_process: int | None = None,
             partition_size: int = PARTITION_SIZE) -> Layers:
    """The layers of a data folder (the project's `data/` by default), or of a corpus table.

    `corpus` (a table) needs `article_id` and `text` (plus `published` for time expressions and `period` for term
    tokens): made-up texts for a test or a demonstration. Layers are computed on first use and kept on disk
    (`.cache/`, or `PRESSE_SOMMET_CACHE`) under keys of their content; `use_cache=False` computes everything
    in memory, in one piece. A corpus of more than `partition_size` articles is built in partitions (with the
    cache); from a data folder, its partitions are cleaned one after the other and kept on disk, not in memory.
    `n_process`: spaCy processes (in one piece: default two from 200 documents on) or parse workers beside this
    process (in partitions: default one per core but one).
    """
    root = Path(data_dir or paths.DATA_DIR).resolve() if corpus is None else None
    actors = load_actors(paths.curated("actors.csv", root)) if actors is None else actors
    if corpus is None:
        folder = FolderCorpus(root)  # checked whole, cleaned below: whole, or partition by partition
        if use_cache and len(folder) > partition_size:
            return PartitionedLayers(folder, actors=actors, data_dir=root, size=partition_size,
                                     parse_workers=n_process)
        if use_cache:
            base, log = cleaned_corpus(folder)
        else:
            tables = cleaned_tables(folder.read())
            base, log = tables["corpus"], tables["log"]
    else:
        missing = [c for c in ("article_id", "text") if c not in corpus.columns]
        if missing or corpus["article_id"].duplicated().any():
            raise CorpusError("(corpus given as a table)", f"columns missing: {', '.join(missing)}" if missing
                              else "duplicate article_id", "give one row per article with `article_id` and `text`")
        base, log = corpus.reset_index(drop=True), None
    if use_cache and len(base) > partition_size:
        return PartitionedLayers(base, actors=actors, log=log, data_dir=root, size=partition_size,
                                 parse_workers=n_process)
    return Layers(base, actors=actors, log=log, data_dir=root, use_cache=use_cache, n_process=n_process)


def main(argv: list[str] | None = None) -> int:
    """`python -m analysis [DATA_DIR]`: build every layer of a data folder and print their sizes."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=None, help="data folder (default: data/)")
    parser.add_argument("--tone-benchmark", action="store_true", help="rebuild and print the tone benchmark")
    parser.add_argument("--partition-size", type=int, default=PARTITION_SIZE,
                        help=f"articles per partition (default {PARTITION_SIZE})")
    args = parser.parse_args(argv)
    if args.tone_benchmark:
        return command_status(lambda: print(tone_benchmark(rebuild=True).round(4).to_string(index=False)))

    def build() -> None:
        start = time.perf_counter()
        layers = pipeline(args.data_dir, partition_size=args.partition_size)
        if isinstance(layers, PartitionedLayers):
            layers.build(lambda done, total: print(f"partition {done}/{total} built", file=sys.stderr, flush=True))
        sizes = layers.build_all()
        print("\n".join(f"{name:12} {n:10,d} rows" for name, n in sizes.items()))
        print(f"built in {time.perf_counter() - start:.1f} s")
    return command_status(build)


if __name__ == "__main__":
    sys.exit(main())

"""The partitions of a large corpus built on a Dask cluster: the same per-partition function, an existing engine.

    from distributed import Client, LocalCluster
    from analysis import cluster
    L = analysis.pipeline("my_study")                  # PartitionedLayers beyond 500 articles
    with LocalCluster(n_workers=2, threads_per_worker=1) as local, Client(local) as client:
        cluster.build(L, client)                       # every partition's layers, on the workers
    keyness = terms.keyness(L.read("terms", ["term", "period", "is_content"]), ...)

Each task is `analysis.partitioned.partition_layers` on one partition: it parses (spaCy on one core), builds
every layer and writes them to the cache folder, whose entries are keyed by content, so a task run twice, or on
another worker, writes the same files. The tables are read back here, partition by partition. On a real cluster
(dask-jobqueue on Slurm, dask-kubernetes) the cache folder must be one every worker and this process can read and
write (a shared file system): give it as `cache_root`, and install the project on the workers (README).
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

import dask.bag as db
from distributed import Client

from .partitioned import PartitionedLayers, partition_layers, total_counts


def build(layers: PartitionedLayers, client: Client, *, cache_root: Path | str | None = None) -> dict[str, int]:
    """Build every layer of every partition on `client`'s workers, into `cache_root` (default: the layers'
    cache folder); return each layer's row count. The layers then read their tables from that folder."""
    if not isinstance(layers, PartitionedLayers):
        raise TypeError("analysis.cluster.build takes partitioned layers: analysis.pipeline(..., "
                        f"partition_size=n) with fewer than the corpus's {len(layers.corpus)} articles")
    root = str(Path(cache_root or layers.cache_root).resolve())
    bag = db.from_sequence(layers.partitions, npartitions=len(layers.partitions))
    task = partial(partition_layers, actors=layers.actors, cache_root=root)
    total = total_counts(client.compute(bag.map(task)).result())
    layers.built(total, cache_root=root)
    return dict(total)

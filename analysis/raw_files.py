"""The raw/ folder: which files may be opened, their checksums, and their bytes as text.

Nothing here opens anything but a regular file inside raw/ (symlinks resolved) of a sane size; every bad input is
a CorpusError naming the file, the problem and the fix (`errors.MESSAGES`). `analysis.corpus` reads a data folder
through these checks.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

import pandas as pd

from . import europresse, paths
from .errors import corpus_error as _error
from .errors import diagnose_bytes

# Limits per article. spaCy refuses texts over 1,000,000 characters (its default `max_length`, error E088); a raw
# file of at most 1,000,000 bytes cannot exceed it. A news article is a few kilobytes (the longest here: 5.5 KB).
MAX_ARTICLE_BYTES = 1_000_000
# A checksum manifest has one line of about 80 bytes per file: 64 MB is some 800,000 articles.
MAX_MANIFEST_BYTES = 64_000_000

_MANIFEST_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")
_FILE_KINDS = [(stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]


# --- raw/: file types, sizes, checksums ---------------------------------------------------------------------------
def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _kind(mode: int) -> str:
    return next((kind for test, kind in _FILE_KINDS if test(mode)), "not a regular file")


def check_raw_file(path: Path | str, raw: Path | str | None = None, *, manifest: bool = False) -> os.stat_result:
    """Refuse, without opening it, anything but a regular file inside `raw` (symlinks resolved) of a sane size
    (an article's, or a checksum manifest's)."""
    path = Path(path)
    raw = Path(raw) if raw is not None else path.parent
    if os.path.islink(path):
        target = Path(os.path.realpath(path))
        if not os.path.exists(path):
            raise _error("dangling", path, raw_file=True, target=target)
        if not target.is_relative_to(os.path.realpath(raw)):
            mode = os.stat(path).st_mode
            raise _error("outside" if stat.S_ISREG(mode) else "outside_special", path, raw_file=True, target=target,
                         kind=_kind(mode))
    info = check_regular(path, raw_file=True)
    if manifest and info.st_size > MAX_MANIFEST_BYTES:
        raise _error("manifest_too_large", path, raw_file=True, size=info.st_size, limit=MAX_MANIFEST_BYTES)
    if not manifest and info.st_size > MAX_ARTICLE_BYTES:
        raise _error("too_large", path, raw_file=True, size=info.st_size, limit=MAX_ARTICLE_BYTES)
    return info


def check_regular(path: Path, raw_file: bool) -> os.stat_result:
    """A FIFO, a device or a directory is named, never opened (opening a FIFO waits for a writer forever)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise _error("not_regular", path, raw_file, kind=_kind(info.st_mode))
    return info


def raw_files(raw: Path) -> list[str]:
    """The page copies (`*.txt`) and Europresse exports (`*.html`) in raw/, each checked by `check_raw_file`."""
    if not raw.is_dir():
        raise _error("no_raw_dir", raw)
    names = sorted(name for name in os.listdir(raw) if name.endswith(".txt") or europresse.is_export(name))
    for name in names:
        check_raw_file(raw / name, raw)
    return names


def read_checksums(manifest: Path | str) -> dict[str, str]:
    """`sha256sum`-style manifest → {file name: hex digest}; a missing manifest or a malformed line is an error."""
    manifest = Path(manifest)
    if not manifest.exists():
        raise _error("no_manifest", manifest, raw_file=True)
    check_raw_file(manifest, manifest=True)
    sums = {}
    for number, line in enumerate(manifest.read_bytes().decode("utf-8", "replace").splitlines(), start=1):
        if line.strip():
            match = _MANIFEST_LINE.fullmatch(line.rstrip("\r"))
            if not match:
                raise _error("bad_manifest_line", manifest, raw_file=True, line=number, text=line)
            sums[match.group(2)] = match.group(1).lower()
    return sums


def verify_checksums(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Compare every raw file with `raw/SHA256SUMS`: one row per file, `ok` True when identical."""
    raw = paths.raw_dir(data_dir)
    manifest = raw / "SHA256SUMS"
    expected = read_checksums(manifest) if manifest.exists() else {}
    files = set(raw_files(raw))
    rows = []
    for name in sorted(set(expected) | files):
        actual = sha256(raw / name) if name in files else None
        rows.append({"file": name, "expected": expected.get(name), "actual": actual,
                     "ok": actual is not None and actual == expected.get(name)})
    return pd.DataFrame(rows, columns=["file", "expected", "actual", "ok"])


# --- decoding -------------------------------------------------------------------------------------------------------
def decode_raw(path: Path | str, raw: Path | str | None = None) -> str:
    """Read a raw article as text: UTF-8 (BOM and CRLF handled); anything else is a clear error, found without
    opening anything but a regular file."""
    check_raw_file(path, raw)
    text = decode_text(path, Path(path).read_bytes(), raw_file=True)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(path: Path | str, data: bytes, raw_file: bool = False, **fields) -> str:
    """A file's bytes as text (UTF-8, a BOM dropped), or a CorpusError saying what the bytes are and how to convert
    them (`fields` complete the messages, e.g. `fill`: what an empty file should hold)."""
    found = diagnose_bytes(data)
    if found:
        raise _error(found[0], path, raw_file, **{**fields, **found[1]})
    return data.decode("utf-8-sig")

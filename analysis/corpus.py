"""Loading the corpus: raw files checked and decoded, metadata validated, periods derived, bodies cleaned.

Every bad input is a CorpusError naming the file, the problem and the fix (the messages: `errors.MESSAGES`).
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from datetime import date
from pathlib import Path

import pandas as pd

from . import europresse, paths
from .cleaning import CleanedArticle, clean_article
from .errors import corpus_error as _error
from .errors import diagnose_bytes

# The columns of articles.csv, in the corpus table's order; `period` is optional (derived from `published`).
METADATA_COLUMNS = ["article_id", "file", "published", "date_basis", "period", "title",
                    "title_basis", "byline", "credits", "outlet", "notes"]
REQUIRED_COLUMNS = [c for c in METADATA_COLUMNS if c != "period"]
PERIOD_COLUMNS = ["period", "start", "end", "description"]
CREDIT_SEPARATOR = " | "
# Limits per article. spaCy refuses texts over 1,000,000 characters (its default `max_length`, error E088); a raw
# file of at most 1,000,000 bytes cannot exceed it. A news article is a few kilobytes (the longest here: 5.5 KB).
MAX_ARTICLE_BYTES = 1_000_000
# A checksum manifest has one line of about 80 bytes per file: 64 MB is some 800,000 articles.
MAX_MANIFEST_BYTES = 64_000_000
MAX_TEXT_CHARS = 1_000_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
    info = _check_regular(path, raw_file=True)
    if manifest and info.st_size > MAX_MANIFEST_BYTES:
        raise _error("manifest_too_large", path, raw_file=True, size=info.st_size, limit=MAX_MANIFEST_BYTES)
    if not manifest and info.st_size > MAX_ARTICLE_BYTES:
        raise _error("too_large", path, raw_file=True, size=info.st_size, limit=MAX_ARTICLE_BYTES)
    return info


def _check_regular(path: Path, raw_file: bool) -> os.stat_result:
    """A FIFO, a device or a directory is named, never opened (opening a FIFO waits for a writer forever)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise _error("not_regular", path, raw_file, kind=_kind(info.st_mode))
    return info


def _raw_files(raw: Path) -> list[str]:
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
    files = set(_raw_files(raw))
    rows = []
    for name in sorted(set(expected) | files):
        actual = sha256(raw / name) if name in files else None
        rows.append({"file": name, "expected": expected.get(name), "actual": actual,
                     "ok": actual is not None and actual == expected.get(name)})
    return pd.DataFrame(rows, columns=["file", "expected", "actual", "ok"])


def _check_files(meta: pd.DataFrame, data_dir: Path | str | None) -> None:
    raw = paths.raw_dir(data_dir)
    csv_path = paths.articles_csv(data_dir)
    files = _raw_files(raw)
    named = {(europresse.reference(f) or (f,))[0] for f in meta["file"]}  # an export is named by its documents
    for name in sorted(set(files) - named):
        raise _error("no_row", raw / name, raw_file=True, csv=csv_path)
    present = set(files)
    for row in meta.itertuples():
        if (europresse.reference(row.file) or (row.file,))[0] not in present:
            raise _error("no_file", csv_path, article_id=row.article_id, file=row.file, raw=raw)
    expected = read_checksums(raw / "SHA256SUMS")
    for name in files:
        if name not in expected:
            raise _error("not_in_manifest", raw / name, raw_file=True)
        if sha256(raw / name) != expected[name]:
            raise _error("checksum", raw / name, raw_file=True)


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


# --- CSV files, metadata and periods -------------------------------------------------------------------------------
def read_table(path: Path | str, required: list[str], *, fill: str) -> pd.DataFrame:
    """A UTF-8, comma-separated CSV file as strings, every row as long as the header, `required` columns present."""
    path = Path(path)
    _check_regular(path, raw_file=False)
    text = decode_text(path, path.read_bytes(), fill=fill)
    _check_csv(path, text, fill)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except ValueError as exc:  # pandas' ParserError is a ValueError
        raise _error("csv_syntax", path, detail=str(exc).strip()) from None
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise _error("columns", path, missing=", ".join(missing),
                     columns_fix=f"add them to the header row ({', '.join(required)}; see README.md)")
    return table


def _check_csv(path: Path, text: str, fill: str) -> None:
    """What pandas would crash on or misread: another separator than commas, a row longer or shorter than the header."""
    reader = csv.reader(io.StringIO(text))
    try:
        records = [(reader.line_num, row) for row in reader if len(row) > 1 or (row and row[0].strip())]
    except csv.Error as exc:
        raise _error("csv_syntax", path, detail=f"line {reader.line_num}: {exc}") from None
    if not records:
        raise _error("empty", path, fill=fill)
    header = records[0][1]
    separator = next((s for s in ";\t|" if len(header) == 1 and s in header[0]), None)
    if separator:
        raise _error("separator", path, sep=separator)
    for line, row in records[1:]:
        if len(row) != len(header):
            raise _error("field_count", path, line=line, n=len(row), expected=len(header), first=row[0])


def _check_unique(table: pd.DataFrame, columns: list[str], path: Path) -> None:
    for column in columns:
        dup = table[column][table[column].duplicated()].tolist()
        if dup:
            raise _error("duplicate", path, column=column, values=", ".join(dup))


def _iso_date(value: str) -> tuple[date | None, str]:
    """(the date, "") when `value` is written YYYY-MM-DD; else (None, what to say about it)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, " (no such day)" if _ISO_DATE.fullmatch(value) else ""
    if not _ISO_DATE.fullmatch(value):  # other ISO 8601 forms (20250807, 2025-W32-4) are refused
        return None, f" (that is {day.isoformat()})"
    return day, ""


def _published(meta: pd.DataFrame, csv_path: Path) -> list[date]:
    dates, bad = [], []
    for article_id, value in zip(meta["article_id"], meta["published"]):
        day, note = _iso_date(value)
        if day is None:  # an empty cell is what ingest leaves when the page prints no date
            bad.append(f"article {article_id} has " + (f"{value!r}{note}" if value.strip() else "no date"))
        dates.append(day)
    if bad:
        raise _error("date", csv_path, articles=", ".join(bad))
    return dates


def load_periods(path: Path | str | None = None) -> pd.DataFrame:
    """The study periods (`data/periods.csv` by default), validated, in chronological order: `period`, `start` and
    `end` (dates, both inclusive), `description`. Names are unique and the periods do not overlap."""
    path = Path(path) if path is not None else paths.PERIODS_CSV
    if not path.exists():
        raise _error("no_periods", path)
    periods = read_table(path, PERIOD_COLUMNS, fill="write the header row period,start,end,description and one row "
                                                     "per study period (ISO dates, both ends inclusive)")
    if periods.empty:
        raise _error("no_period_rows", path)
    for line, name in enumerate(periods["period"], start=2):
        if not name.strip():
            raise _error("period_name", path, line=line)
    _check_unique(periods, ["period"], path)
    for column in ("start", "end"):
        periods[column] = [_period_date(path, name, column, value)
                           for name, value in zip(periods["period"], periods[column])]
    periods = periods.sort_values("start", kind="stable").reset_index(drop=True)
    _check_spans(periods, path)
    return periods.assign(start=pd.to_datetime(periods["start"]), end=pd.to_datetime(periods["end"]))


def _period_date(path: Path, name: str, column: str, value: str) -> date:
    day, _ = _iso_date(value)
    if day is None:
        raise _error("period_date", path, period=name, column=column, value=value)
    return day


def _check_spans(periods: pd.DataFrame, path: Path) -> None:
    rows = list(periods.itertuples())
    for row in rows:
        if row.end < row.start:
            raise _error("period_order", path, period=row.period, start=row.start, end=row.end)
    for first, second in zip(rows, rows[1:]):
        if second.start <= first.end:
            raise _error("period_overlap", path, first=first.period, first_start=first.start, first_end=first.end,
                         second=second.period, second_start=second.start, second_end=second.end)


def _derive_periods(meta: pd.DataFrame, published: list[date], data_dir: Path | str | None) -> list[str]:
    """Each article's period, from its date; a given `period` that disagrees, or a date in no period, is an error."""
    csv_path, periods_path = paths.articles_csv(data_dir), paths.curated("periods.csv", data_dir)
    own = Path(data_dir or paths.DATA_DIR) / "periods.csv"
    target = periods_path if periods_path == own else (f"{own} (this folder has none, so the project's "
                                                      f"{periods_path} applies: copy it there and edit the copy)")
    periods = load_periods(periods_path)
    spans = [(row.start.date(), row.end.date(), row.period) for row in periods.itertuples()]
    derived = [next((period for start, end, period in spans if start <= day <= end), None) for day in published]
    outside = [(a, day.isoformat()) for a, day, p in zip(meta["article_id"], published, derived) if p is None]
    if outside:
        dates = sorted({day for _, day in outside})
        raise _error("outside_periods", csv_path, n=len(outside), periods=periods_path, target=target,
                     articles=", ".join(f"{a} ({day})" for a, day in outside),
                     dates=" and ".join([", ".join(dates[:-1]), dates[-1]] if len(dates) > 1 else dates))
    given = meta["period"] if "period" in meta.columns else [""] * len(meta)
    wrong = [f"article {a} (published {day}) has period {g!r}, but its date falls in period {p!r} of {periods_path}"
             for a, day, g, p in zip(meta["article_id"], published, given, derived) if g and g != p]
    if wrong:
        raise _error("period_mismatch", csv_path, articles="; ".join(wrong), target=target)
    return derived


def read_metadata(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read and validate `articles.csv`: required columns, unique ids and files, ISO dates; `period` derived from
    `published` and the folder's `periods.csv` (else the project's): a `period` given must agree with it."""
    csv_path = paths.articles_csv(data_dir)
    if not csv_path.exists():
        raise _error("no_metadata", csv_path, columns=", ".join(METADATA_COLUMNS))
    meta = read_table(csv_path, REQUIRED_COLUMNS, fill="write the header row (" + ", ".join(METADATA_COLUMNS)
                      + ") and one row per raw file")
    _check_unique(meta, ["article_id", "file"], csv_path)
    published = _published(meta, csv_path)
    derived = _derive_periods(meta, published, data_dir)
    if "period" in meta.columns:
        meta["period"] = derived
    else:
        meta.insert(list(meta.columns).index("date_basis") + 1, "period", derived)
    meta["published"] = pd.to_datetime(meta["published"])
    return meta


def _check_duplicates(texts: dict[str, str], raw: Path) -> None:
    seen: dict[str, str] = {}
    for name, text in texts.items():
        key = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if key in seen:
            raise _error("duplicate_text", raw / name, raw_file=True, other=seen[key])
        seen[key] = name


def read_corpus(data_dir: Path | str | None = None) -> tuple[pd.DataFrame, dict[str, CleanedArticle]]:
    """Load, check and clean a data folder: (corpus table, article id → its cleaning result).

    Nothing is cached here: reading and cleaning is fast, and the pipeline keys everything after it
    by the content this returns.
    """
    root = str(Path(data_dir or paths.DATA_DIR).resolve())
    meta = read_metadata(root)
    _check_files(meta, root)
    raw = paths.raw_dir(root)
    docs = europresse.documents(raw, [f for f in meta["file"] if europresse.reference(f)])
    texts = {row.file: docs[row.file].text if row.file in docs else decode_raw(raw / row.file, raw)
             for row in meta.itertuples()}
    cleaned, repeated = _clean_all(meta, texts, docs, raw)
    corpus = meta[~meta["file"].isin(repeated)].reset_index(drop=True)
    corpus["raw_text"] = [texts[f] for f in corpus["file"]]
    found = [cleaned[a] for a in corpus["article_id"]]
    corpus["text"] = [c.text for c in found]
    corpus["n_paragraphs"] = [sum(not p.is_heading for p in c.paragraphs) for c in found]
    corpus["n_headings"] = [sum(p.is_heading for p in c.paragraphs) for c in found]
    corpus["credits_found"] = [CREDIT_SEPARATOR.join(c.credits) for c in found]
    corpus["byline_found"] = [", ".join(c.bylines) for c in found]
    corpus.attrs["data_dir"] = root
    return corpus, cleaned


def _clean_all(meta: pd.DataFrame, texts: dict, docs: dict, raw: Path) -> tuple[dict[str, CleanedArticle], set]:
    """Each article cleaned (Europresse notices first in its log); duplicates left out with a log line."""
    repeated = _repeated(meta)
    _check_duplicates({f: t for f, t in texts.items() if f not in repeated}, raw)
    cleaned = {}
    for row in meta.itertuples():
        if row.file in repeated:
            cleaned[row.article_id] = _left_out(row, texts[row.file])
            continue
        cleaned[row.article_id] = _clean_one(raw / row.file, texts[row.file], row)
        if row.file in docs:
            cleaned[row.article_id].log[:0] = europresse.removal_log(docs[row.file])
    return cleaned, repeated


def _repeated(meta: pd.DataFrame) -> set[str]:
    """Files of the rows marked `duplicate_of` another article (another edition of the same text)."""
    if "duplicate_of" not in meta.columns:
        return set()
    return set(meta.loc[meta["duplicate_of"].str.strip() != "", "file"])


def _left_out(row, text: str) -> CleanedArticle:
    """A duplicate is left out of the analyses, with one line in the cleaning log saying so."""
    first = text.split("\n", 1)[0]
    return CleanedArticle([], log=[{"line": 0, "original": first, "result": "", "action": "removed",
                                    "rule": f"duplicate_of {row.duplicate_of}"}])


def _clean_one(path: Path, raw_text: str, row) -> CleanedArticle:
    article = clean_article(raw_text, title=row.title)
    if article.header_date and article.header_date != row.published.date().isoformat():
        raise _error("header_date", path, raw_file=True, header=article.header_date, published=row.published.date())
    if not article.paragraphs:
        raise _error("no_body", path, raw_file=True)
    if len(article.text) > MAX_TEXT_CHARS:
        raise _error("too_long_text", path, raw_file=True, length=len(article.text), limit=MAX_TEXT_CHARS)
    return article


def load_corpus(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per article: metadata, cleaned `text`, `raw_text`, paragraph and heading counts, what the
    cleaning found (`byline_found`, `credits_found`).

    `data_dir` defaults to the project's `data/`; any folder laid out the same way (`raw/*.txt` +
    `articles.csv`) works. Word and sentence counts come from the parse: `analysis.pipeline(data_dir).corpus`.
    """
    return read_corpus(data_dir)[0]


def cleaned_articles(data_dir: Path | str | None = None) -> dict[str, CleanedArticle]:
    """Article id → its cleaning result (paragraphs, log, what was found)."""
    return read_corpus(data_dir)[1]


def cleaning_log(data_dir: Path | str | None = None, *,
                 cleaned: dict[str, CleanedArticle] | None = None) -> pd.DataFrame:
    """One row per removed, altered, extracted or flagged line: the audit of the cleaning.

    Columns: article_id, line (1-based in the raw file; 0: not a line, e.g. a Europresse notice), original, result,
    action (removed | altered | extracted | flagged), rule, score (the line classifier's, where it decided).
    """
    cleaned = cleaned_articles(data_dir) if cleaned is None else cleaned
    rows = [{"article_id": article_id, **entry} for article_id, article in cleaned.items() for entry in article.log]
    columns = ["article_id", "line", "original", "result", "action", "rule", "score"]
    return pd.DataFrame(rows, columns=columns).astype({"score": float})


def paragraphs(data_dir: Path | str | None = None, *,
               cleaned: dict[str, CleanedArticle] | None = None) -> pd.DataFrame:
    """One row per body paragraph: article_id, paragraph_idx, text, start_char, end_char, is_heading, raw_line."""
    cleaned = cleaned_articles(data_dir) if cleaned is None else cleaned
    rows = []
    for article_id, article in cleaned.items():
        start = 0
        for idx, p in enumerate(article.paragraphs):
            rows.append({"article_id": article_id, "paragraph_idx": idx, "text": p.text, "start_char": start,
                         "end_char": start + len(p.text), "is_heading": p.is_heading, "raw_line": p.raw_line})
            start += len(p.text) + 2
    return pd.DataFrame(rows)

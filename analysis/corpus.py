"""Loading the corpus: raw files checked and decoded (analysis.raw_files), metadata validated, periods derived,
bodies cleaned.

Every bad input is a CorpusError naming the file, the problem and the fix (the messages: `errors.MESSAGES`). A data
folder is checked whole first (`FolderCorpus`: metadata, files, checksums, encodings, duplicate texts), then
cleaned, whole (`read_corpus`) or piece by piece (`FolderCorpus.pieces`: a large corpus is never in memory at once).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import europresse, paths
from .cleaning import CleanedArticle, clean_article
from .errors import corpus_error as _error
from .errors import diagnose_bytes

# The checks of raw/ (analysis.raw_files) were written here first: callers import them from here too.
from .raw_files import MAX_ARTICLE_BYTES as MAX_ARTICLE_BYTES
from .raw_files import MAX_MANIFEST_BYTES as MAX_MANIFEST_BYTES
from .raw_files import check_raw_file as check_raw_file
from .raw_files import check_regular, decode_raw, decode_text, raw_files, read_checksums
from .raw_files import sha256 as sha256
from .raw_files import verify_checksums as verify_checksums

# The columns of articles.csv, in the corpus table's order; `period` is optional (derived from `published`).
METADATA_COLUMNS = ["article_id", "file", "published", "date_basis", "period", "title",
                    "title_basis", "byline", "credits", "outlet", "notes"]
REQUIRED_COLUMNS = [c for c in METADATA_COLUMNS if c != "period"]
PERIOD_COLUMNS = ["period", "start", "end", "description"]
CREDIT_SEPARATOR = " | "
# spaCy refuses texts over 1,000,000 characters (its default `max_length`, error E088).
MAX_TEXT_CHARS = 1_000_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_files(meta: pd.DataFrame, data_dir: Path | str | None) -> tuple[dict[str, bytes | None], dict[str, str]]:
    """Every raw file named by a row and every row's file present, every checksum right; return the text key
    (`_text_key`) of each page copy read as one (None: its bytes are not UTF-8 text), from the bytes just checked,
    and each raw file's checksum (as the manifest gives it, and the bytes are)."""
    raw = paths.raw_dir(data_dir)
    csv_path = paths.articles_csv(data_dir)
    files = raw_files(raw)
    named = {(europresse.reference(f) or (f,))[0] for f in meta["file"]}  # an export is named by its documents
    for name in sorted(set(files) - named):
        raise _error("no_row", raw / name, raw_file=True, csv=csv_path)
    present = set(files)
    for row in meta.itertuples():
        if (europresse.reference(row.file) or (row.file,))[0] not in present:
            raise _error("no_file", csv_path, article_id=row.article_id, file=row.file, raw=raw)
    expected = read_checksums(raw / "SHA256SUMS")
    page_copies, keys = {f for f in meta["file"] if not europresse.reference(f)}, {}
    for name in files:
        if name not in expected:
            raise _error("not_in_manifest", raw / name, raw_file=True)
        data = (raw / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != expected[name]:
            raise _error("checksum", raw / name, raw_file=True)
        if name in page_copies:
            keys[name] = None if diagnose_bytes(data) else _text_key(data.decode("utf-8-sig"))
    return keys, {name: expected[name] for name in files}


def _text_key(text: str) -> bytes:
    """Two articles are one text when they differ in spacing only."""
    return hashlib.sha256(" ".join(text.split()).encode()).digest()



# --- CSV files, metadata and periods -------------------------------------------------------------------------------
def read_table(path: Path | str, required: list[str], *, fill: str) -> pd.DataFrame:
    """A UTF-8, comma-separated CSV file as strings, every row as long as the header, `required` columns present."""
    path = Path(path)
    check_regular(path, raw_file=False)
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
    """What pandas would crash on or misread: another separator than commas, a row longer or shorter than the header.
    The rows are read one at a time (only the header and the first bad row are kept)."""
    reader = csv.reader(io.StringIO(text))
    header, bad = None, None
    try:
        for row in reader:
            if not (len(row) > 1 or (row and row[0].strip())):
                continue
            if header is None:
                header = row
            elif bad is None and len(row) != len(header):
                bad = (reader.line_num, row)
    except csv.Error as exc:
        raise _error("csv_syntax", path, detail=f"line {reader.line_num}: {exc}") from None
    if header is None:
        raise _error("empty", path, fill=fill)
    separator = next((s for s in ";\t|" if len(header) == 1 and s in header[0]), None)
    if separator:
        raise _error("separator", path, sep=separator)
    if bad is not None:
        line, row = bad
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


class FolderCorpus:
    """A data folder checked whole, not yet cleaned: `read()` cleans it whole, `pieces(size)` piece by piece (each
    piece's files read when its turn comes, then let go).

    `meta`: articles.csv, validated; `checksums`: raw file → SHA-256 of its bytes, checked (with `meta`, what the
    cleaned corpus is made of); `len()`: the articles of the corpus (the rows marked `duplicate_of` left out).
    Every check but the cleaning's own (header date, empty body, length) is made here, in the order `read_corpus`
    always made them: metadata, files and checksums, Europresse exports, encodings, duplicate texts.
    """

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.root = str(Path(data_dir or paths.DATA_DIR).resolve())
        self.raw = paths.raw_dir(self.root)
        self.meta = read_metadata(self.root)
        keys, self.checksums = _check_files(self.meta, self.root)
        self._docs = europresse.documents(self.raw, [f for f in self.meta["file"] if europresse.reference(f)])
        self.repeated = _repeated(self.meta)
        self._check_texts(keys)
        self.kept = [i for i, f in enumerate(self.meta["file"]) if f not in self.repeated]

    def __len__(self) -> int:
        return len(self.kept)

    def _check_texts(self, keys: dict[str, bytes | None]) -> None:
        """The first page copy that is not UTF-8 text (in articles.csv order) is the error; then duplicates."""
        for file in self.meta["file"]:
            if file not in self._docs and keys[file] is None:
                decode_raw(self.raw / file, self.raw)  # raises the diagnosis of its bytes
        seen: dict[bytes, str] = {}
        for file in self.meta["file"]:
            if file not in self.repeated:
                key = _text_key(self._docs[file].text) if file in self._docs else keys[file]
                if key in seen:
                    raise _error("duplicate_text", self.raw / file, raw_file=True, other=seen[key])
                seen[key] = file

    def release(self) -> None:
        """Let go of the Europresse documents parsed for the checks: a piece that needs them again parses its
        export again (`_documents`), so that a large export's texts are not held once the pieces are stored."""
        self._docs = {}

    def sources(self, start: int, stop: int) -> list[str]:
        """The checksums of the raw files that rows start:stop of articles.csv are read from (a Europresse
        document's: its export's); with those rows, all that their cleaning depends on."""
        return [self.checksums[(europresse.reference(f) or (f,))[0]] for f in self.meta["file"].iloc[start:stop]]

    def spans(self, size: int) -> list[tuple[int, int]]:
        """The rows of articles.csv (start, stop) of each piece of `size` articles; a row left out goes with the
        article before it (or the first), so that the pieces' cleaning logs end to end are the corpus's."""
        starts = [0] + [self.kept[i] for i in range(size, len(self.kept), size)]
        return list(zip(starts, starts[1:] + [len(self.meta)]))

    def pieces(self, size: int) -> Iterator[tuple[pd.DataFrame, dict[str, CleanedArticle]]]:
        """`piece` of each span of `size` articles, in corpus order."""
        return (self.piece(start, stop) for start, stop in self.spans(size))

    def read(self) -> tuple[pd.DataFrame, dict[str, CleanedArticle]]:
        return self.piece(0, len(self.meta))

    def piece(self, start: int, stop: int) -> tuple[pd.DataFrame, dict[str, CleanedArticle]]:
        """The corpus table of rows start:stop of articles.csv, and each row's cleaning result (see `read_corpus`)."""
        rows = self.meta.iloc[start:stop]
        docs = self._documents(rows["file"])
        texts = {row.file: docs[row.file].text if row.file in docs else self._page_copy(row.file)
                 for row in rows.itertuples()}
        cleaned = _clean_all(rows, texts, docs, self.raw, self.repeated)
        corpus = rows[~rows["file"].isin(self.repeated)].reset_index(drop=True)
        corpus["raw_text"] = [texts[f] for f in corpus["file"]]
        found = [cleaned[a] for a in corpus["article_id"]]
        corpus["text"] = [c.text for c in found]
        corpus["n_paragraphs"] = [sum(not p.is_heading for p in c.paragraphs) for c in found]
        corpus["n_headings"] = [sum(p.is_heading for p in c.paragraphs) for c in found]
        corpus["credits_found"] = [CREDIT_SEPARATOR.join(c.credits) for c in found]
        corpus["byline_found"] = [", ".join(c.bylines) for c in found]
        corpus.attrs["data_dir"] = self.root
        return corpus, cleaned

    def _page_copy(self, file: str) -> str:
        """A page copy read again, as `decode_raw` reads it: its bytes were diagnosed when checked (`_check_files`),
        so they are only decoded here (bytes since changed into something not UTF-8 are still the usual error)."""
        path = self.raw / file
        check_raw_file(path, self.raw)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            text = decode_raw(path, self.raw)  # raises what the bytes are
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _documents(self, files: Iterable[str]) -> dict[str, europresse.EuropresseDocument]:
        """The Europresse documents these rows name: the ones parsed at the start (let go once taken), else parsed
        again (a piece read a second time)."""
        refs = [f for f in files if europresse.reference(f)]
        docs = {f: self._docs.pop(f) for f in refs if f in self._docs}
        again = [f for f in refs if f not in docs]
        return {**docs, **(europresse.documents(self.raw, again) if again else {})}


def read_corpus(data_dir: Path | str | None = None) -> tuple[pd.DataFrame, dict[str, CleanedArticle]]:
    """Load, check and clean a data folder: (corpus table, article id → its cleaning result).

    Nothing is cached here: reading and cleaning is fast, and the pipeline keys everything after it
    by the content this returns.
    """
    return FolderCorpus(data_dir).read()


def _clean_all(rows: pd.DataFrame, texts: dict, docs: dict, raw: Path,
               repeated: set[str]) -> dict[str, CleanedArticle]:
    """Each article cleaned (Europresse notices first in its log); duplicates left out with a log line."""
    cleaned = {}
    for row in rows.itertuples():
        if row.file in repeated:
            cleaned[row.article_id] = _left_out(row, texts[row.file])
            continue
        cleaned[row.article_id] = _clean_one(raw / row.file, texts[row.file], row)
        if row.file in docs:
            cleaned[row.article_id].log[:0] = europresse.removal_log(docs[row.file])
    return cleaned


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

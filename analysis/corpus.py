"""Loading the corpus: raw files checked and decoded, metadata validated, bodies cleaned."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd

from . import paths
from .cleaning import CleanedArticle, clean_article
from .errors import CorpusError
from .resources import PERIODS

METADATA_COLUMNS = ["article_id", "file", "published", "date_basis", "period", "title",
                    "title_basis", "byline", "credits", "outlet", "notes"]
CREDIT_SEPARATOR = " | "

_MAGIC = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"PK\x03\x04": "a ZIP archive (a .docx or .odt file?)", b"GIF8": "a GIF image",
          b"{\\rtf": "an RTF document"}


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_checksums(manifest: Path) -> dict[str, str]:
    """`sha256sum`-style manifest → {file name: hex digest}."""
    sums = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest
    return sums


def verify_checksums(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Compare every raw file with `raw/SHA256SUMS`: one row per file, `ok` True when identical."""
    raw = paths.raw_dir(data_dir)
    manifest = raw / "SHA256SUMS"
    expected = read_checksums(manifest) if manifest.exists() else {}
    names = sorted(set(expected) | {p.name for p in raw.glob("*.txt")})
    rows = []
    for name in names:
        actual = sha256(raw / name) if (raw / name).exists() else None
        rows.append({"file": name, "expected": expected.get(name), "actual": actual,
                     "ok": actual is not None and actual == expected.get(name)})
    return pd.DataFrame(rows, columns=["file", "expected", "actual", "ok"])


def decode_raw(path: Path) -> str:
    """Read a raw article as text: UTF-8 (BOM and CRLF handled); anything else is a clear error."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise CorpusError(path, "the file is empty",
                          "put the article's text in it, or remove the file and its row in articles.csv")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise CorpusError(path, f"this is {kind}, not a text file",
                              "save the article as plain UTF-8 text (.txt) and replace the file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(path, "the text is not UTF-8: it looks like UTF-16 (it starts with a UTF-16 byte-order mark)",
                          f"convert it, e.g. `iconv -f UTF-16 -t UTF-8 {path.name} > new.txt`, and replace the file")
    if b"\x00" in data[:4096] or _control_share(data) > 0.05:
        raise CorpusError(path, "this looks like a binary file, not text (it contains NUL or control bytes)",
                          "save the article as plain UTF-8 text (.txt) and replace the file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        raise CorpusError(path, f"the text is not UTF-8 (invalid byte at position {exc.start}); it looks like {guess}",
                          f"convert it, e.g. `iconv -f {_ICONV[guess]} -t UTF-8 {path.name} > new.txt`, "
                          "and replace the file") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ICONV = {"Windows-1252 (Western European)": "WINDOWS-1252", "Latin-1 (ISO-8859-1)": "ISO-8859-1",
          "Mac Roman": "MACINTOSH"}


def _control_share(data: bytes) -> float:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def _guess_encoding(data: bytes) -> str:
    """A best guess among the legacy encodings French text is found in."""
    if any(0x80 <= b <= 0x9F for b in data):
        try:
            data.decode("cp1252")
            return "Windows-1252 (Western European)"
        except UnicodeDecodeError:
            return "Mac Roman"
    return "Latin-1 (ISO-8859-1)"


def read_metadata(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read and validate `articles.csv`: required columns, unique ids, ISO dates, known periods."""
    csv_path = paths.articles_csv(data_dir)
    if not csv_path.exists():
        raise CorpusError(csv_path, "the metadata file is missing",
                          "create it with one row per raw file (columns: " + ", ".join(METADATA_COLUMNS) + ")")
    meta = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in METADATA_COLUMNS if c not in meta.columns]
    if missing:
        raise CorpusError(csv_path, f"columns missing: {', '.join(missing)}",
                          "add them to the header row (see the data dictionary in README.md)")
    for column in ("article_id", "file"):
        dup = meta[column][meta[column].duplicated()].tolist()
        if dup:
            raise CorpusError(csv_path, f"duplicate {column}: {', '.join(dup)}", f"give each row its own {column}")
    for row in meta.itertuples():
        try:
            date.fromisoformat(row.published)
        except ValueError:
            raise CorpusError(csv_path, f"article {row.article_id}: unparseable date {row.published!r} in `published`",
                              "write the date as ISO YYYY-MM-DD, e.g. 2025-08-07") from None
        if row.period not in PERIODS:
            raise CorpusError(csv_path, f"article {row.article_id}: unknown period {row.period!r}",
                              f"use one of {', '.join(PERIODS)} (new periods are added to analysis.resources.PERIODS)")
    meta["published"] = pd.to_datetime(meta["published"])
    return meta


def _check_files(meta: pd.DataFrame, data_dir: Path | str | None) -> None:
    raw = paths.raw_dir(data_dir)
    csv_path = paths.articles_csv(data_dir)
    files = {p.name for p in raw.glob("*.txt")}
    for name in sorted(files - set(meta["file"])):
        raise CorpusError(raw / name, "this raw file has no row in articles.csv",
                          f"add a row for it to {csv_path} (see 'How to add an article' in README.md)")
    for row in meta.itertuples():
        if row.file not in files:
            raise CorpusError(csv_path, f"article {row.article_id} names the file {row.file!r}, which is not in {raw}",
                              "copy the file into raw/ or fix the `file` column")
    manifest = raw / "SHA256SUMS"
    if manifest.exists():
        expected = read_checksums(manifest)
        for name in sorted(files):
            if name not in expected:
                raise CorpusError(raw / name, "this raw file is not in SHA256SUMS",
                                  f"record it: `cd {raw} && sha256sum {name} >> SHA256SUMS`")
            if sha256(raw / name) != expected[name]:
                raise CorpusError(raw / name, "the file differs from its checksum in SHA256SUMS: raw data is read-only",
                                  "restore the original bytes (e.g. `git checkout -- data/raw/`); "
                                  "corrections belong in the cleaning rules, never in raw/")


def _check_duplicates(texts: dict[str, str], raw: Path) -> None:
    seen: dict[str, str] = {}
    for name, text in texts.items():
        key = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if key in seen:
            raise CorpusError(raw / name, f"same text as {seen[key]} (a duplicate article)",
                              "remove one of the two files and its row in articles.csv")
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
    texts = {row.file: decode_raw(raw / row.file) for row in meta.itertuples()}
    _check_duplicates(texts, raw)
    cleaned = {row.article_id: _clean_one(raw / row.file, texts[row.file], row) for row in meta.itertuples()}
    corpus = meta.assign(raw_text=[texts[f] for f in meta["file"]])
    corpus["text"] = [cleaned[a].text for a in corpus["article_id"]]
    corpus["n_paragraphs"] = [sum(not p.is_heading for p in cleaned[a].paragraphs) for a in corpus["article_id"]]
    corpus["n_headings"] = [sum(p.is_heading for p in cleaned[a].paragraphs) for a in corpus["article_id"]]
    corpus["credits_found"] = [CREDIT_SEPARATOR.join(cleaned[a].credits) for a in corpus["article_id"]]
    corpus["byline_found"] = [", ".join(cleaned[a].bylines) for a in corpus["article_id"]]
    corpus.attrs["data_dir"] = root
    return corpus, cleaned


def _clean_one(path: Path, raw_text: str, row) -> CleanedArticle:
    article = clean_article(raw_text, title=row.title)
    if article.header_date and article.header_date != row.published.date().isoformat():
        raise CorpusError(path, f"its header says date {article.header_date} but articles.csv says "
                          f"{row.published.date().isoformat()}", "correct `published` in articles.csv")
    if not article.paragraphs:
        raise CorpusError(path, "no body text is left after cleaning",
                          "check that the file holds the article, not only page furniture")
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

    Columns: article_id, line (1-based in the raw file), original, result, action
    (removed | altered | extracted | flagged), rule.
    """
    cleaned = cleaned_articles(data_dir) if cleaned is None else cleaned
    rows = [{"article_id": article_id, **entry} for article_id, article in cleaned.items() for entry in article.log]
    return pd.DataFrame(rows, columns=["article_id", "line", "original", "result", "action", "rule"])


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


def load_events(path: Path | str | None = None) -> pd.DataFrame:
    """Dated events of the story as the corpus states them (data/events.csv), with parsed dates."""
    path = Path(path) if path else paths.EVENTS_CSV
    events = pd.read_csv(path, dtype=str, keep_default_na=False)
    try:
        events["date"] = pd.to_datetime(events["date"], format="%Y-%m-%d")
    except ValueError as exc:
        raise CorpusError(path, f"a date is not ISO YYYY-MM-DD ({exc})", "write dates as 2025-08-07") from None
    return events

"""Loading the corpus: raw files checked and decoded, metadata validated, bodies cleaned."""
from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
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


def _signature(data_dir: str) -> tuple:
    """Sizes and modification times of the inputs: a change invalidates the in-process cache."""
    files = sorted(paths.raw_dir(data_dir).glob("*")) + [paths.articles_csv(data_dir)]
    return tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())


def _loaded(data_dir: Path | str | None) -> tuple[pd.DataFrame, tuple[tuple[str, CleanedArticle], ...], str]:
    key = str(Path(data_dir or paths.DATA_DIR).resolve())
    meta, cleaned = _load(key, _signature(key))
    return meta, cleaned, key


@lru_cache(maxsize=8)
def _load(data_dir: str, signature: tuple) -> tuple[pd.DataFrame, tuple[tuple[str, CleanedArticle], ...]]:
    meta = read_metadata(data_dir)
    _check_files(meta, data_dir)
    raw = paths.raw_dir(data_dir)
    texts = {row.file: decode_raw(raw / row.file) for row in meta.itertuples()}
    _check_duplicates(texts, raw)
    cleaned = []
    for row in meta.itertuples():
        article = clean_article(texts[row.file], title=row.title)
        if article.header_date and article.header_date != row.published.date().isoformat():
            raise CorpusError(raw / row.file, f"its header says date {article.header_date} but articles.csv says "
                              f"{row.published.date().isoformat()}", "correct `published` in articles.csv")
        if not article.paragraphs:
            raise CorpusError(raw / row.file, "no body text is left after cleaning",
                              "check that the file holds the article, not only page furniture")
        cleaned.append((row.article_id, article))
    meta = meta.assign(raw_text=[texts[f] for f in meta["file"]])
    return meta, tuple(cleaned)


def cleaned_articles(data_dir: Path | str | None = None) -> dict[str, CleanedArticle]:
    """Article id → its cleaning result (paragraphs, log, what was found). Read-only."""
    return dict(_loaded(data_dir)[1])


def load_corpus(data_dir: Path | str | None = None, *, counts: bool = True) -> pd.DataFrame:
    """One row per article: metadata, cleaned `text`, `raw_text` and counts.

    `data_dir` defaults to the project's `data/`; any folder laid out the same way
    (`raw/*.txt` + `articles.csv`) works. With `counts=True` (the default), `n_words`,
    `n_sentences`, `n_paragraphs` and `n_headings` come from the spaCy parse (cached on disk).
    """
    meta, cleaned, key = _loaded(data_dir)
    articles = dict(cleaned)
    corpus = meta.copy()
    corpus["text"] = [articles[a].text for a in corpus["article_id"]]
    corpus["n_paragraphs"] = [sum(not p.is_heading for p in articles[a].paragraphs) for a in corpus["article_id"]]
    corpus["n_headings"] = [sum(p.is_heading for p in articles[a].paragraphs) for a in corpus["article_id"]]
    corpus["credits_found"] = [CREDIT_SEPARATOR.join(articles[a].credits) for a in corpus["article_id"]]
    corpus["byline_found"] = [", ".join(articles[a].bylines) for a in corpus["article_id"]]
    corpus.attrs["data_dir"] = key
    if counts:
        from .nlp import sentences, tokens
        sents = sentences(corpus)
        toks = tokens(corpus)
        words = toks[~toks["is_punct"]].groupby("article_id").size()
        body = sents[~sents["is_heading"]].groupby("article_id").size()
        corpus["n_words"] = corpus["article_id"].map(words).fillna(0).astype(int)
        corpus["n_sentences"] = corpus["article_id"].map(body).fillna(0).astype(int)
    return corpus


def cleaning_log(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per removed, altered, extracted or flagged line: the audit of the cleaning.

    Columns: article_id, line (1-based in the raw file), original, result, action
    (removed | altered | extracted | flagged), rule.
    """
    rows = [{"article_id": article_id, **entry}
            for article_id, article in cleaned_articles(data_dir).items() for entry in article.log]
    return pd.DataFrame(rows, columns=["article_id", "line", "original", "result", "action", "rule"])


def paragraphs(data_dir: Path | str | None = None) -> pd.DataFrame:
    """One row per body paragraph: article_id, paragraph_idx, text, start_char, end_char, is_heading, raw_line."""
    rows = []
    for article_id, article in cleaned_articles(data_dir).items():
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

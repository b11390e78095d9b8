"""Exports of the cleaned corpus for the tools researchers already use: IRaMuTeQ, TXM, and plain CSV.

    python -m analysis.export --format iramuteq --out corpus_iramuteq.txt [--data DATA_DIR]
    python -m analysis.export --format txm --out txm_folder/
    python -m analysis.export --format csv --out corpus.csv

- IRaMuTeQ: one UTF-8 text file; each article opens with a starred line `**** *source_x *date_x *period_x`
  (variables without spaces or accents, as IRaMuTeQ wants them) followed by its cleaned paragraphs.
- TXM ("TXT + CSV" import): one `<id>.txt` per article and `metadata.csv` whose first column `id` is the text
  file's name without `.txt`, then the article's metadata.
- CSV: one row per article with its metadata and cleaned text.
The texts are the cleaned bodies, exactly as the notebooks analyse them (furniture out, typography normalised).
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from .corpus import load_corpus
from .errors import command_status

FIELDS = ["article_id", "published", "period", "outlet", "title", "byline"]


def variable(value: str) -> str:
    """An IRaMuTeQ variable value: lower case ASCII letters and digits, `_` elsewhere ("Le Monde" → "le_monde")."""
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "_" for c in ascii_text.lower()).strip("_") or "na"


def _table(corpus: pd.DataFrame) -> pd.DataFrame:
    out = corpus.copy()
    out["published"] = pd.to_datetime(out["published"]).dt.strftime("%Y-%m-%d")
    for column in FIELDS:
        if column not in out.columns:
            out[column] = ""
    return out


def iramuteq(corpus: pd.DataFrame) -> str:
    """The corpus in IRaMuTeQ's format: a starred line per article, then its paragraphs."""
    parts = []
    for row in _table(corpus).itertuples():
        stars = f"**** *source_{variable(row.outlet)} *date_{row.published} *period_{variable(row.period)}"
        body = row.text.replace("*", " ")  # a star at a line start would open a new text in IRaMuTeQ
        parts.append(f"{stars} *article_{variable(row.article_id)}\n{body}\n")
    return "\n".join(parts)


def txm(corpus: pd.DataFrame, folder: Path) -> list[Path]:
    """One text file per article and `metadata.csv` (TXM's TXT + CSV import) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    table = _table(corpus)
    written = []
    for row in table.itertuples():
        path = folder / f"{row.article_id}.txt"
        path.write_text(row.text + "\n", encoding="utf-8")
        written.append(path)
    meta = table[FIELDS].rename(columns={"article_id": "id"})
    meta.to_csv(folder / "metadata.csv", index=False, encoding="utf-8")
    return written + [folder / "metadata.csv"]


def csv_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article: metadata and cleaned text."""
    return _table(corpus)[FIELDS + ["text"]]


def export(data_dir: Path | None, fmt: str, out: Path) -> Path:
    """Write the cleaned corpus of a data folder in one of the formats; return what was written."""
    corpus = load_corpus(data_dir)
    if fmt == "iramuteq":
        out.write_text(iramuteq(corpus), encoding="utf-8")
    elif fmt == "txm":
        txm(corpus, out)
    elif fmt == "csv":
        csv_table(corpus).to_csv(out, index=False, encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}: use iramuteq, txm or csv")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.export", description=__doc__.splitlines()[0])
    parser.add_argument("--format", required=True, choices=["iramuteq", "txm", "csv"])
    parser.add_argument("--out", required=True, type=Path, help="a file (iramuteq, csv) or a folder (txm)")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    return command_status(lambda: print(f"wrote {export(args.data, args.format, args.out)}"))


if __name__ == "__main__":
    sys.exit(main())

"""Bring your own corpus: `python -m analysis.ingest SOURCE... --into DATA_DIR`.

A SOURCE is a page copy (`.txt`), a folder of them, or a Europresse HTML export (`.html`, `.htm`, either
layout). Each file is copied byte for byte into `DATA_DIR/raw/` and recorded in `raw/SHA256SUMS`; each article
(each document of an export) gets one row in `DATA_DIR/articles.csv`, with the metadata read from the page and,
beside each value, the text it rests on (`*_basis`). What cannot be read stays empty and is listed at the end
with the fix. Rows already in `articles.csv` are never changed, and a file already ingested is not added twice.
Every source is read and checked before anything is written: a bad source stops the ingest with a CorpusError
naming it, and the data folder is left as it was.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cleaning import clean_article
from .corpus import CREDIT_SEPARATOR, METADATA_COLUMNS, decode_raw
from .errors import CorpusError, command_status
from .europresse import EuropresseDocument, duplicates, read_export
from .metadata import infer

# Columns ingest adds beside the loader's own: where each inferred value comes from, and duplicates.
INGEST_COLUMNS = ["byline_basis", "outlet_basis", "credits_basis", "duplicate_of"]
PAGE_SUFFIXES = (".txt",)
EXPORT_SUFFIXES = (".html", ".htm")
FIXES = {
    "published": "write the date as YYYY-MM-DD in `published` and say where it comes from in `date_basis`",
    "title": "copy the headline (or the first sentence) into `title` and say so in `title_basis`",
    "byline": "leave `byline` empty if the page names no author, or type the names",
    "outlet": "type the outlet's name in `outlet` if you know it (the page does not print it)",
}


@dataclass
class Planned:
    """One source file to copy, and the rows it adds."""

    source: Path
    name: str  # its file name in raw/
    data: bytes
    rows: list[dict] = field(default_factory=list)


@dataclass
class IngestReport:
    """What an ingest did: files copied, rows added, files skipped, and the empty fields with their reason."""

    copied: list[str] = field(default_factory=list)
    added: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (article_id, field, reason)

    def summary(self) -> str:
        lines = [f"{len(self.copied)} file(s) copied into raw/, {len(self.added)} article(s) added"]
        lines += [f"  skipped {s}" for s in self.skipped]
        if self.missing:
            lines.append("Not found in the pages (fill these in articles.csv):")
            for article_id, name, reason in self.missing:
                lines.append(f"  {article_id} {name}: {reason}. Fix: {FIXES[name]}")
        return "\n".join(lines)


def sources_of(paths: list[Path]) -> list[Path]:
    """The files a list of sources stands for: folders are expanded to their page copies and exports."""
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in PAGE_SUFFIXES + EXPORT_SUFFIXES)
        elif path.suffix.lower() in PAGE_SUFFIXES + EXPORT_SUFFIXES and path.is_file():
            out.append(path)
        else:
            raise CorpusError(path, "not a page copy (.txt), a folder of them or a Europresse export (.html)",
                              "check the path; save web pages as plain text (.txt) first")
    return out


def slug(text: str) -> str:
    """A file-name-safe version of a name: "Revue de presse (1).txt" → "revue_de_presse_1"."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "article"


def _page_row(name: str, raw_text: str) -> dict:
    found = infer(raw_text)
    title = found["title"].value
    credits = clean_article(raw_text, title=title).credits
    return {"file": name, "published": found["published"].value or "", "date_basis": found["published"].basis,
            "title": title or "", "title_basis": found["title"].basis, "byline": found["byline"].value or "",
            "byline_basis": found["byline"].basis, "outlet": found["outlet"].value or "",
            "outlet_basis": found["outlet"].basis, "credits": CREDIT_SEPARATOR.join(credits),
            "credits_basis": "lines the cleaning rules took for credits" if credits else "",
            "_reasons": {k: v.note for k, v in found.items() if v.value is None}}


def _export_row(name: str, doc: EuropresseDocument) -> dict:
    reasons = {k: "not in the Europresse document" for k, v in
               (("published", doc.published), ("title", doc.title), ("byline", doc.author)) if not v}
    return {"file": f"{name}#{doc.position}", "published": doc.published.isoformat() if doc.published else "",
            "date_basis": f"Europresse header: {doc.date_text}" if doc.date_text else "", "title": doc.title,
            "title_basis": "Europresse title", "byline": doc.author or "",
            "byline_basis": "Europresse author line" if doc.author else "", "outlet": doc.outlet,
            "outlet_basis": f"Europresse publication name: {doc.outlet_raw}", "credits": "", "credits_basis": "",
            "notes": f"Europresse document {doc.position}, {doc.document_number}".strip(", "),
            "_position": doc.position, "_reasons": reasons}


def plan(sources: list[Path], known_digests: set[str]) -> tuple[list[Planned], list[str]]:
    """Read and check every source (nothing is written): the files to copy with their rows, and the skipped."""
    planned, skipped, seen = [], [], set(known_digests)
    for path in sources_of(sources):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            skipped.append(f"{path}: already in raw/ (same bytes)")
            continue
        seen.add(digest)
        if path.suffix.lower() in EXPORT_SUFFIXES:
            name = f"{slug(path.stem)}{path.suffix.lower()}"
            docs = read_export(data, path)
            item = Planned(path, name, data, [_export_row(name, d) for d in docs])
            for row in item.rows:
                row["_duplicate_position"] = duplicates(docs).get(row["_position"])
        else:
            item = Planned(path, f"{slug(path.stem)}.txt", data, [])
            item.rows.append(_page_row(item.name, decode_raw(path)))
        planned.append(item)
    return planned, skipped


def _next_ids(existing: list[str], n: int) -> list[str]:
    numbers = [int(a) for a in existing if a.isdigit()]
    start = max(numbers, default=-1) + 1
    width = max(3, len(str(start + n)))
    return [str(i).zfill(width) for i in range(start, start + n)]


def _read_table(csv_path: Path) -> tuple[list[str], list[dict]]:
    if not csv_path.exists():
        return list(METADATA_COLUMNS), []
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or METADATA_COLUMNS), list(reader)


def ingest(sources: list[Path], into: Path) -> IngestReport:
    """Copy sources into `into/raw/`, record their checksums and add their rows to `into/articles.csv`."""
    raw = into / "raw"
    manifest, csv_path = raw / "SHA256SUMS", into / "articles.csv"
    known = {line.split()[0] for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()} \
        if manifest.exists() else set()
    planned, skipped = plan(sources, known)
    header, rows = _read_table(csv_path)
    header += [c for c in METADATA_COLUMNS + INGEST_COLUMNS if c not in header]
    report = IngestReport(skipped=skipped)
    ids = iter(_next_ids([r["article_id"] for r in rows], sum(len(p.rows) for p in planned)))
    raw.mkdir(parents=True, exist_ok=True)
    for item in planned:
        target = _free_name(raw, item.name)
        target.write_bytes(item.data)
        with open(manifest, "a", encoding="utf-8") as fh:
            fh.write(f"{hashlib.sha256(item.data).hexdigest()}  {target.name}\n")
        report.copied.append(target.name)
        by_position = {}
        for row in item.rows:
            row["article_id"] = next(ids)
            row["file"] = row["file"].replace(item.name, target.name, 1)
            by_position[row.get("_position")] = row["article_id"]
            duplicate = row.pop("_duplicate_position", None)
            row["duplicate_of"] = by_position[duplicate] if duplicate is not None else ""
            for name, reason in row.pop("_reasons").items():
                report.missing.append((row["article_id"], name, reason))
            row.pop("_position", None)
            rows.append(row)
            report.added.append(row)
    _write_table(csv_path, header, rows)
    return report


def _free_name(raw: Path, name: str) -> Path:
    """`name` in raw/, or `name` with a number added when another file already has it."""
    target, n = raw / name, 2
    while target.exists():
        target = raw / f"{Path(name).stem}_{n}{Path(name).suffix}"
        n += 1
    return target


def _write_table(csv_path: Path, header: list[str], rows: list[dict]) -> None:
    tmp = csv_path.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in header} for r in rows)
    tmp.replace(csv_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, help="page copies (.txt), folders, Europresse exports")
    parser.add_argument("--into", type=Path, required=True, help="the data folder (created if needed)")
    args = parser.parse_args(argv)
    return command_status(lambda: print(ingest(args.sources, args.into).summary()),
                          prefix="ingest stopped, nothing written")


if __name__ == "__main__":
    sys.exit(main())

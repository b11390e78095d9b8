"""Europresse HTML exports: one document per article, in both layouts, with the export's furniture left out.

French press corpora usually come from Europresse as one HTML file holding many documents. Two layouts exist
(an older one with one `<table>` per document, a newer one with one `<article>`); the declared encoding is
often wrong (decode as UTF-8 first); search hits are highlighted inside sentences; bodies may be escaped twice;
the rights line, document number, certificate, exclusive-use notice, "Lire aussi (lien : …)" and "Cet article
est paru dans" paragraphs are furniture. The export itself stays in `raw/` byte for byte; the loader reads each
document from it through `read_export`. See `../shared/devset/europresse/FORMAT.md` for the sources.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from . import metadata_resources as M
from .errors import CorpusError
from .metadata import parse_date, person_names

# Paragraphs of a document that are the export's furniture, not article text: (rule, pattern).
FURNITURE = [
    ("rights", r"^©.*(?:droits réservés|all rights reserved)"),
    ("document_number", r"^Numéro de document\s*:"),
    ("certificate", r"^(?:Ce certificat est émis|Date d'émission|Le présent document est protégé)"),
    ("exclusive_use", r"^Ce document est réservé à l'usage exclusif"),
    ("related_link", r"^(?:Lire aussi|À lire aussi|Voir aussi)\b.*(?:\(lien\s*:|https?://)"),
    ("web_source_link", r"^Cet article est paru dans\b"),
    ("link_marker", r"^\(lien\s*:\s*https?://[^)]*\)$"),
]
# What follows the outlet's name in DocPublicationName: an issue number, "(site web)", an edition after spaces.
OUTLET_SUFFIX = r"\s*(?:,\s*no\.?\s*\d+.*|\(site web\)|\s{2,}.*)$"
DOCUMENT_NUMBER = r"news·\S+"


@dataclass(frozen=True)
class EuropresseDocument:
    """One document of an export: metadata as Europresse shows it, body paragraphs, furniture left out."""

    position: int  # 1-based, in the export's order
    outlet: str  # the publication's name without issue number, "(site web)" or edition
    outlet_raw: str  # DocPublicationName as written
    published: date | None
    date_text: str  # the words the date was read from
    title: str
    author: str | None
    section: str
    paragraphs: tuple[str, ...]
    document_number: str
    other_editions: tuple[str, ...] = ()
    removed: tuple[tuple[str, str], ...] = field(default=())  # (text, rule) of each paragraph left out

    @property
    def text(self) -> str:
        """The document as a page copy: the title line, then the body paragraphs (one per line)."""
        return "\n\n".join((self.title, *self.paragraphs))


def decode_export(data: bytes, path: Path | str) -> str:
    """The export as text: UTF-8 whatever the file declares (Europresse declares ISO-8859-1 for UTF-8 bytes);
    a real Windows-1252 file is decoded as such; anything else is a CorpusError naming the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise CorpusError(path, "this Europresse export is neither UTF-8 nor Windows-1252 text",
                          "export it again from Europresse (HTML format) and do not re-save it in another editor"
                          ) from None


def clean_text(text: str) -> str:
    """Text of a paragraph: entities unescaped until stable (some bodies are escaped twice), spaces folded."""
    previous = None
    while previous != text:
        previous, text = text, html.unescape(text)
    text = re.sub(r"<[^>]+>", "", text) if "<" in text and ">" in text else text
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def clean_outlet(raw: str) -> str:
    """"La Croix, no. 43018" → "La Croix"; "Le Figaro (site web)" → "Le Figaro"; "Ouest-France   Rennes" →
    "Ouest-France"."""
    return re.sub(OUTLET_SUFFIX, "", raw.strip()).strip(" ,")


def find_date(header: str) -> tuple[date | None, str]:
    """The first calendar date of a header ("International, samedi 9 août 2025, p. 6"), with its words.
    The date in the document number (news·20250809·…) is not used: it can differ from the printed date."""
    for m in re.finditer(rf"(?:{M.WEEKDAY}\s+)?{M.DATE}", header, flags=re.IGNORECASE):
        d = parse_date(m)
        if d:
            return d, m.group(0)
    return None, ""


def _split_furniture(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    body, removed = [], []
    for p in paragraphs:
        rule = next((name for name, pattern in FURNITURE if re.search(pattern, p, flags=re.IGNORECASE)), None)
        if rule:
            removed.append((p, rule))
        elif p:
            body.append(p)
    return body, removed


def _author(text: str | None) -> str | None:
    """An author line as a name: "Par Nadia Berrada, historienne de l'économie" → "Nadia Berrada"."""
    if not text:
        return None
    names = person_names(re.sub(M.BYLINE_PREFIX, "", clean_text(text)))
    return ", ".join(names) if names else clean_text(text)


# --- newer layout: one <article> per document ----------------------------------------------------------------
def _article_document(position: int, art: Tag) -> EuropresseDocument:
    outlet_raw = _raw_outlet(art)
    header = _text(art.select_one("span.DocHeader"))
    if not header and (sub := art.select_one("span.DocTitreSousSection")):
        following = sub.find_next_sibling("span")
        header = f"{_text(sub)}, {_text(following)}"
    published, date_text = find_date(header)
    title = _text(art.select_one(".titreArticleVisu"))
    author = _text(art.select_one("div.docAuthors"))
    if not author and (box := art.select_one("div.titreArticle")):
        nxt = box.find_next_sibling("p", class_="sm-margin-bottomNews")
        author = _text(nxt)
    container = art.select_one("div.docOcurrContainer") or art.select_one("div.DocText") or art.select_one("section")
    paragraphs = [clean_text(p.get_text("")) for p in container.find_all("p")] if container else []
    notices = [clean_text(t.get_text("")) for t in art.select("footer p, footer small, footer span.txtCertificat")]
    body, removed = _split_furniture(paragraphs)
    _, footer_removed = _split_furniture(notices)
    editions = tuple(_text(e) for e in art.select(".source-name-APD"))
    number = re.search(DOCUMENT_NUMBER, art.get_text(" "))
    return EuropresseDocument(position, _outlet(outlet_raw), outlet_raw, published, date_text, title,
                              _author(author), header.split(",")[0].strip() if "," in header else "", tuple(body),
                              number.group(0) if number else "", editions, tuple(removed + footer_removed))


# --- older layout: one <table> per document ---------------------------------------------------------------
def _segments_after(start: Tag) -> list[str]:
    """The text after the title span, cut at each <p>, up to the certificate table: author line, paragraphs."""
    segments, current = [], []
    for node in start.next_siblings:
        if isinstance(node, Tag) and node.name == "table":
            break
        if isinstance(node, Tag) and node.name == "p":
            segments.append("".join(current))
            current = []
            continue
        current.append("\n" if isinstance(node, Tag) and node.name == "br" else
                       (str(node) if isinstance(node, NavigableString) else node.get_text("")))
    segments.append("".join(current))
    return segments


def _table_document(position: int, cell: Tag) -> EuropresseDocument:
    outlet_raw = _raw_outlet(cell)
    header = "".join(s.get_text("") for s in cell.select("span.DocHeader"))
    published, date_text = find_date(clean_text(header))
    title_span = cell.select_one("span.TitreArticleVisu")
    segments = _segments_after(title_span) if title_span else []
    author_block = [clean_text(x) for x in (segments[0].split("\n") if segments else []) if clean_text(x)]
    author = author_block[0] if author_block and len(author_block[0].split()) <= 10 else None
    body, removed = _split_furniture([clean_text(s) for s in segments[1:]])
    number = re.search(DOCUMENT_NUMBER, cell.get_text(" "))
    return EuropresseDocument(position, _outlet(outlet_raw), outlet_raw, published, date_text,
                              _text(title_span), _author(author), clean_text(header).split(",")[0].strip(),
                              tuple(body), number.group(0) if number else "", (), tuple(removed))


def _text(node: Tag | None) -> str:
    return clean_text(node.get_text("")) if node is not None else ""


def _raw_outlet(root: Tag) -> str:
    """DocPublicationName as written (entities decoded, spaces kept: they separate an edition)."""
    node = root.select_one("span.DocPublicationName")
    return html.unescape(node.get_text("")).strip() if node is not None else ""


def _outlet(raw: str) -> str:
    return re.sub(r"\s+", " ", clean_outlet(raw))


def read_export(data: bytes, path: Path | str = "(export)") -> list[EuropresseDocument]:
    """Every document of a Europresse HTML export, in order. Documents without a publication name (tweets,
    other kinds of items) are left out, as press parsers do."""
    soup = BeautifulSoup(decode_export(data, path), "html.parser")
    articles = soup.find_all("article")
    if articles:
        docs = [_article_document(i, a) for i, a in enumerate(articles, start=1)]
    else:
        cells = [t.find("td") for t in soup.find_all("table") if t.find("span", class_="DocPublicationName")
                 and not t.find_parent("table")]
        docs = [_table_document(i, c) for i, c in enumerate(cells, start=1) if c is not None]
    if not docs:
        raise CorpusError(path, "no Europresse document found in this HTML file",
                          "check that it is a Europresse export (HTML) with at least one article selected")
    return [d for d in docs if d.outlet_raw]


def duplicates(docs: list[EuropresseDocument]) -> dict[int, int]:
    """Position → position of the earlier document with the same body text (another edition or title of a
    group): those are left out of the analyses, with a line in the cleaning log."""
    seen: dict[str, int] = {}
    out = {}
    for d in docs:
        key = re.sub(r"\W+", " ", " ".join(d.paragraphs).lower()).strip()
        if key in seen:
            out[d.position] = seen[key]
        else:
            seen[key] = d.position
    return out


# --- exports as part of a data folder ------------------------------------------------------------------------
EXPORT_SUFFIXES = (".html", ".htm")
REFERENCE = r"(?P<name>.+\.html?)#(?P<position>\d+)"


def is_export(name: str) -> bool:
    """A raw file that is a Europresse export (kept whole in raw/)."""
    return name.lower().endswith(EXPORT_SUFFIXES)


def reference(file: str) -> tuple[str, int] | None:
    """`export.html#3` (an articles.csv `file` value) → ("export.html", 3); None for a page copy."""
    m = re.fullmatch(REFERENCE, file, flags=re.IGNORECASE)
    return (m.group("name"), int(m.group("position"))) if m else None


def documents(raw: Path, files: list[str]) -> dict[str, EuropresseDocument]:
    """The document each `export.html#N` reference names (each export parsed once); a reference to a document
    the export does not hold is a CorpusError."""
    parsed: dict[str, dict[int, EuropresseDocument]] = {}
    out = {}
    for file in files:
        name, position = reference(file)
        if name not in parsed:
            parsed[name] = {d.position: d for d in read_export((raw / name).read_bytes(), raw / name)}
        if position not in parsed[name]:
            raise CorpusError(raw / name, f"articles.csv names document {position}, but the export holds documents "
                              f"1 to {max(parsed[name])}", f"correct the `file` column ({file})")
        out[file] = parsed[name][position]
    return out


def removal_log(doc: EuropresseDocument) -> list[dict]:
    """Audit rows for the export's furniture left out of a document (line 0: not a line of the document's text)."""
    return [{"line": 0, "original": text, "result": "", "action": "removed", "rule": f"europresse_{rule}"}
            for text, rule in doc.removed]

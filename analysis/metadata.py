"""Metadata read from a page copy: publication date, headline, byline and outlet, each with its basis.

Every value comes with the exact text it rests on (`basis`), or with no value and the reason, so that
nothing is guessed silently: `python -m analysis.ingest` writes the value and its basis to articles.csv and
lists what it could not find. Values are typography-normalised (as articles.csv wants them); bases are the
raw text. Patterns are in analysis/metadata_resources.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import metadata_resources as M
from .typography import normalise_line


@dataclass(frozen=True)
class Inferred:
    """A metadata value (None when not found) and the raw text it rests on, or why nothing was found."""

    value: str | None
    basis: str
    note: str = ""


def page_lines(raw_text: str) -> list[str]:
    """The non-blank lines of a page copy, without BOM, CR or surrounding spaces."""
    text = raw_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _norm(text: str) -> str:
    return normalise_line(text)[0]


# --- dates ------------------------------------------------------------------------------------------------
def parse_date(match: re.Match) -> date | None:
    """The calendar date of a DATE match (numeric or with a French month name), None if impossible."""
    g = match.groupdict()
    if g.get("d1"):
        day, month, year = int(g["d1"]), int(g["m1"]), int(g["y1"])
    else:
        day = 1 if g["d2"] == "1er" else int(g["d2"])
        word = g["m2"].lower().rstrip(".")
        month = M.MONTHS.get(word) or M.MONTH_ABBREVIATIONS.get(word)
        year = int(g["y2"])
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


def _labelled_date(lines: list[str], labels: list[tuple[str, str]]) -> Inferred | None:
    for line in lines[:M.HEADER_LINES]:
        for name, label in labels:
            m = re.search(label + M.DATE + M.TIME, line, flags=re.IGNORECASE)
            if m and (d := parse_date(m)):
                return Inferred(d.isoformat(), m.group(0).strip(" ,|·"), name)
    return None


def _dateline_date(lines: list[str]) -> Inferred | None:
    """A wire dateline ("PARIS, 17 octobre (Reuters) -"): its year, or a header date that agrees, completes it."""
    for line in lines:
        m = re.match(M.DATELINE, line)
        if not m or not m.group("when"):
            continue
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        word = m.group("month").lower().rstrip(".")
        month = M.MONTHS.get(word) or M.MONTH_ABBREVIATIONS.get(word)
        years = [int(m.group("year"))] if m.group("year") else _header_years(lines, day, month)
        basis = m.group(0).strip()
        if len(years) == 1:
            return Inferred(date(years[0], month, day).isoformat(), basis, "dateline")
        return Inferred(None, basis, "a dateline without a year, and no header date gives it")
    return None


def _header_years(lines: list[str], day: int, month: int) -> list[int]:
    """Years of the header dates that fall on this day and month."""
    found = {d.year for line in lines[:M.HEADER_LINES] for m in re.finditer(M.DATE, line, flags=re.IGNORECASE)
             if (d := parse_date(m)) and (d.day, d.month) == (day, month)}
    return sorted(found)


def _bare_date(lines: list[str]) -> Inferred | None:
    for line in lines[:M.HEADER_LINES]:
        m = re.match(M.BARE_DATE_LINE, line, flags=re.IGNORECASE)
        if m and (d := parse_date(m)):
            return Inferred(d.isoformat(), line, "date line")
    return None


def infer_published(raw_text: str) -> Inferred:
    """The publication date: a `date YYYY-MM-DD` header, a "Publié le …" line, a wire dateline, a bare date
    line, or (said in the note) an update date when the page prints nothing else."""
    lines = page_lines(raw_text)
    if lines and (m := re.match(r"^date\s+(\d{4}-\d{2}-\d{2})\b", lines[0])):
        return Inferred(m.group(1), m.group(0), "date header")
    for step in (lambda: _labelled_date(lines, M.PUBLICATION_LABELS), lambda: _dateline_date(lines),
                 lambda: _bare_date(lines)):
        found = step()
        if found is not None:
            return found
    update = _labelled_date(lines, M.UPDATE_LABELS)
    if update is not None:
        return Inferred(update.value, update.basis, "only an update date is printed; the first publication "
                                                    "may be earlier")
    timed = next((line for line in lines[:M.HEADER_LINES] if re.search(r"\bPubliée? à\b", line)), None)
    reason = f"the header gives a time but no date ({timed!r})" if timed else "no date in the page's header"
    return Inferred(None, "", reason)


# --- headline, byline, outlet ------------------------------------------------------------------------------
def _is_furniture_line(line: str) -> bool:
    return bool(re.search(M.NAVIGATION, line) or re.search(M.DATE, line, flags=re.IGNORECASE)
                or re.match(M.BYLINE_PREFIX, line) or "©" in line or re.search(M.HEADER_FURNITURE, line))


def infer_title(raw_text: str) -> Inferred:
    """The headline: the first header line of 4 to 30 words that is not navigation, a date or a byline and
    does not end like a sentence (a question mark or a closing quote may end it). The search stops at the
    first paragraph longer than a headline: past it, a short line is a subheading."""
    for n, line in enumerate(page_lines(raw_text)[:M.HEADER_LINES], start=1):
        line = re.sub(M.DATE_PREFIX, "", line) if n == 1 else line
        words = line.split()
        if len(words) > M.HEADLINE_MAX_WORDS and n > 1 and not re.search(M.HEADER_FURNITURE, line):
            break
        if (M.HEADLINE_MIN_WORDS <= len(words) <= M.HEADLINE_MAX_WORDS and not line.endswith((".", ":", ";"))
                and not _is_furniture_line(line)):
            return Inferred(_norm(line), line, f"line {n}: the first header line shaped like a headline")
    return Inferred(None, "", "no header line is shaped like a headline")


def person_names(text: str) -> list[str]:
    """Person names in a byline's text: parentheses dropped, split at "et", ",", "avec" and " - "."""
    text = re.sub(r"\([^)]*\)", " ", text)
    parts = re.split(r"\s+(?:et|and|avec|with)\s+|,|\s[-–—]\s", text)
    return [m.group(0) for p in parts if (m := re.match(M.PERSON_NAME + r"(?=\s*[.]?\s*$)", p.strip()))]


def infer_byline(raw_text: str) -> Inferred:
    """Authors: a "Par …" line, a line that is a name ("Marion LE GOFF.", "Lucien Berthoud, Genève"), or a
    wire signature ("(Rédigé par …)"). A collective byline ("Par la rédaction") names nobody."""
    lines = page_lines(raw_text)
    for line in lines[:M.HEADER_LINES]:
        if re.match(M.COLLECTIVE_BYLINE, line, flags=re.IGNORECASE):
            return Inferred(None, line, "a collective byline names no author")
        if re.match(M.BYLINE_PREFIX, line) and (names := person_names(re.sub(M.BYLINE_PREFIX, "", line))):
            return Inferred(_norm(", ".join(names)), line, "byline")
        alone = re.match(rf"^{M.PERSON_NAME}(?=\s*(?:\.|,\s*[A-ZÀ-Ý][\w'’\- ]*|\([^)]*\))?\s*$)", line)
        if alone:
            return Inferred(_norm(alone.group(0)), line, "a header line that is a person's name")
    for line in lines:
        m = re.search(rf"\((?:Rédigé|Écrit|Édité) par (?P<name>{M.PERSON_NAME})", line)
        if m:
            return Inferred(_norm(m.group("name")), line, "wire signature")
    return Inferred(None, "", "no byline in the page's header")


def infer_outlet(raw_text: str) -> Inferred:
    """The outlet as the page prints it: a wire dateline's agency, a copyright line, "NAME avec AFP", or a
    journalist's bio ("Journaliste à NAME, …")."""
    lines = page_lines(raw_text)
    for line in lines:
        m = re.match(M.DATELINE, line)
        if m:
            return Inferred(m.group("agency"), m.group(0).strip(), "the agency of a wire dateline")
    footer = lines[-M.FOOTER_LINES:]
    # (pattern, lines searched, whether a person's name is refused): a copyright line at the foot of the page
    # and a journalist's bio name the outlet whatever its shape; "X avec AFP" could be a person.
    patterns = [(M.OUTLET_COPYRIGHT, footer, False, "copyright line at the foot of the page"),
                (M.OUTLET_BEFORE_COPYRIGHT, footer, False, "copyright line at the foot of the page"),
                (M.OUTLET_WITH_AGENCY, lines, True, "signature with an agency"),
                (M.OUTLET_IN_BIO, lines, False, "journalist's bio")]
    for pattern, where, refuse_person, note in patterns:
        for line in reversed(where):
            m = re.match(pattern, line)
            if m and _plausible_outlet(m.group("name"), refuse_person=refuse_person):
                name = m.group("name").strip()
                return Inferred(_norm(M.OUTLET_OWNERS.get(name, name)), line, note)
    return Inferred(None, "", "the page prints no outlet name")


def _plausible_outlet(name: str, *, refuse_person: bool) -> bool:
    """Not a photo credit ("Reuters / Maya Holbrook"), not a byline, not an agency; not a person when asked."""
    name = name.strip()
    if not name or "/" in name or re.match(M.BYLINE_PREFIX, name) or name in M.AGENCIES:
        return False
    return not (refuse_person and re.fullmatch(M.PERSON_NAME, name))


def infer(raw_text: str) -> dict[str, Inferred]:
    """Every field this module can read from a page copy."""
    return {"published": infer_published(raw_text), "title": infer_title(raw_text),
            "byline": infer_byline(raw_text), "outlet": infer_outlet(raw_text)}

"""Cleaning one raw article into body paragraphs, with an audit row for every line touched."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import resources as R
from .typography import normalise_line

Kept = tuple[int, str, str]  # (raw line number, original line, cleaned line)


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph of the cleaned text, with where it came from."""

    text: str
    raw_line: int  # 1-based line number in the raw file
    is_heading: bool


@dataclass
class CleanedArticle:
    """The cleaned body of an article plus everything the cleaning found or did."""

    paragraphs: list[Paragraph]
    log: list[dict] = field(default_factory=list)
    header_date: str | None = None
    bylines: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Body text: paragraphs separated by one blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)


def _entry(line_no: int, original: str, result: str, action: str, rule: str) -> dict:
    return {"line": line_no, "original": original, "result": result, "action": action, "rule": rule}


def is_heading(line: str) -> bool:
    """A subheading: a short capitalised line with no closing punctuation ("?" allowed)."""
    words = line.split()
    return (0 < len(words) <= R.HEADING_MAX_WORDS and line[0].isupper()
            and not re.search(R.HEADING_BAD_END, line) and not line.isupper())


def clean_article(raw_text: str, *, title: str | None = None) -> CleanedArticle:
    """Clean one article's raw text (already decoded, LF line endings).

    `title` is the article's title from the metadata: a line equal to it is taken out of the
    body as the title line. Every removed or altered line is logged with the rule that did it.
    """
    out = CleanedArticle(paragraphs=[])
    kept: list[Kept] = []
    in_block: str | None = None  # once an "articles by the author" block starts, the rest of the page is furniture
    title_seen = False
    previous = 0  # number of the previous non-blank line
    for line_no, original in enumerate(raw_text.split("\n"), start=1):
        if not original.strip():
            continue
        previous, above = line_no, previous
        if in_block:
            out.log.append(_entry(line_no, original, "", "removed", in_block))
            continue
        line = _typography(line_no, original, out)
        line = _strip_date_header(line_no, original, line, out)
        if line is None:
            continue
        if title and not title_seen and line == title:
            title_seen = True
            out.log.append(_entry(line_no, original, "", "extracted", "title_line"))
            continue
        rule = _removal_rule(line)
        if rule:
            if rule == "author_articles_block":
                in_block = rule
            _remove(line_no, original, line, rule, above, out, kept)
            continue
        line = _strip_video_placeholder(line_no, original, line, out)
        if line is not None:
            kept.append((line_no, original, line))
    _keep_paragraphs(kept, out)
    out.log.sort(key=lambda e: e["line"])
    return out


def _typography(line_no: int, original: str, out: CleanedArticle) -> str:
    """The line with its typography normalised; one log row per rule that changed it."""
    line, typo_rules = normalise_line(original)
    for rule in typo_rules:
        out.log.append(_entry(line_no, original, line, "altered", rule))
    return line


def _strip_date_header(line_no: int, original: str, line: str, out: CleanedArticle) -> str | None:
    """The line without a leading "date YYYY-MM-DD" (kept as the header date), or None if nothing is left."""
    m = re.match(R.DATE_HEADER, line)
    if not m:
        return line
    out.header_date = m.group("date")
    rest = line[m.end():]
    out.log.append(_entry(line_no, original, rest, "altered", "date_header"))
    return rest or None


def _strip_video_placeholder(line_no: int, original: str, line: str, out: CleanedArticle) -> str | None:
    """The line without a leading video-player label, or None if nothing is left."""
    m = re.match(R.VIDEO_PLACEHOLDER, line)
    if not m:
        return line
    rest = line[m.end():]
    out.log.append(_entry(line_no, original, rest, "altered" if rest else "removed", "video_placeholder"))
    return rest or None


def _remove(line_no: int, original: str, line: str, rule: str, above: int, out: CleanedArticle,
            kept: list[Kept]) -> None:
    """Log a removed line and keep what it tells: credits and bylines; a photo credit also takes its caption."""
    out.log.append(_entry(line_no, original, "", "removed", rule))
    if rule == "photo_credit":
        out.credits.append(line)
        _caption_before_credit(kept, out.log, above)
    elif rule in ("contribution_credit", "agency_credit"):
        out.credits.append(line)
    elif rule in ("author_bio", "byline"):
        out.bylines.append(re.match(R.AUTHOR_BIO if rule == "author_bio" else R.BYLINE, line).group("name"))


def _keep_paragraphs(kept: list[Kept], out: CleanedArticle) -> None:
    """The kept lines become the body paragraphs; subheadings are flagged (kept, but logged)."""
    for line_no, original, line in kept:
        heading = is_heading(line)
        if heading:
            out.log.append(_entry(line_no, original, line, "flagged", "heading"))
        out.paragraphs.append(Paragraph(line, line_no, heading))


def _removal_rule(line: str) -> str | None:
    """The name of the rule that removes this whole line, or None to keep it."""
    if line in R.UI_WORDS:
        return "ui_label"
    if line in R.BOX_LABELS:
        return "box_label"
    checks = [
        ("author_articles_block", R.AUTHOR_ARTICLES_BLOCK),
        ("image_slug", R.IMAGE_SLUG),
        ("photo_credit", R.PHOTO_CREDIT),
        ("contribution_credit", R.CONTRIBUTION_CREDIT),
        ("agency_credit", R.AGENCY_CREDIT),
        ("author_bio", R.AUTHOR_BIO),
        ("byline", R.BYLINE),
        ("related_link", R.RELATED_LINK),
    ]
    for name, pattern in checks:
        if re.search(pattern, line):
            return name
    if (re.search(R.PHOTO_CAPTION_CUE, line) and not re.search(r"[.!?»\"]$", line)
            and len(line.split()) <= R.CAPTION_MAX_WORDS):
        return "photo_caption"
    return None


def _caption_before_credit(kept: list[Kept], log: list[dict], above: int) -> None:
    """The line right above a photo credit is that photo's caption (unless it is a heading)."""
    if kept and kept[-1][0] == above and not is_heading(kept[-1][2]):
        line_no, original, _ = kept.pop()
        log.append(_entry(line_no, original, "", "removed", "caption_before_credit"))

"""Cleaning one raw page copy into body paragraphs, with an audit row for every line touched.

A page copy is read in four passes:

1. reading: each line's typography is normalised (one log row per typography rule), a leading
   "date YYYY-MM-DD" header is taken off, and an "articles by the author" list ends the page;
2. rules: the headline (compared after typography normalisation), the named line rules (`resources`
   and `furniture`), then the rules that need a line's neighbours: author boxes, blocks under a label
   (related links, a newsletter box, reader comments), the caption next to a credit, bios after the
   last paragraph, labels above the headline;
3. the classifier, for the lines no rule names (`_classify`: a score over a few cues, jusText-like);
4. inline edits of the kept lines: a wire dateline off the first paragraph, an agency sign-off off the
   last one, a video placeholder off any.

Nothing disappears silently: every removed, extracted or altered line is in `CleanedArticle.log` with
the rule that did it (the classifier's rows also carry the `score` that decided).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture as F
from . import resources as R
from .typography import normalise_line, normalise_text

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
    header_dates: list[str] = field(default_factory=list)  # timestamp lines as printed ("Publié le …")
    dateline: str | None = None  # the wire dateline taken off the first paragraph ("MOSCOU, 23 octobre (Reuters) -")

    @property
    def text(self) -> str:
        """Body text: paragraphs separated by one blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass
class Line:
    """One non-blank raw line while the page is cleaned."""

    no: int
    original: str
    text: str
    blank_before: bool
    blank_after: bool = False
    rule: str | None = None
    score: float | None = None
    bullet: bool = False

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _entry(line_no: int, original: str, result: str, action: str, rule: str) -> dict:
    return {"line": line_no, "original": original, "result": result, "action": action, "rule": rule}


def is_heading(line: str) -> bool:
    """A subheading: a short capitalised line with no closing punctuation ("?" allowed)."""
    words = line.split()
    return (0 < len(words) <= R.HEADING_MAX_WORDS and line[0].isupper()
            and not re.search(R.HEADING_BAD_END, line) and not line.isupper())


def clean_article(raw_text: str, *, title: str | None = None) -> CleanedArticle:
    """Clean one article's raw text (already decoded, LF line endings).

    `title` is the article's title from the metadata: the first line equal to it after typography
    normalisation is taken out of the body as the title line. Every removed or altered line is logged
    with the rule that did it.
    """
    out = CleanedArticle(paragraphs=[])
    lines = _read_lines(raw_text, out)
    title_at = _mark_title(lines, title)
    for line in lines:
        line.rule = line.rule or F.line_rule(line.text)
    _author_boxes(lines)
    _blocks(lines)
    _captions(lines)
    _trailing_bios(lines)
    _above_title(lines, title_at)
    _classify(lines)
    kept = _log_removed(lines, out)
    kept = _edit_inline(kept, out)
    _keep_paragraphs(kept, out)
    out.log.sort(key=lambda e: e["line"])
    return out


# --- Pass 1: reading ---------------------------------------------------------------------------------------------
def _read_lines(raw_text: str, out: CleanedArticle) -> list[Line]:
    """The non-blank lines, typography normalised; the lines after an "articles by the author" label are
    kept raw and marked with that rule (the rest of the page is furniture)."""
    lines: list[Line] = []
    blank, tail = True, None
    for line_no, original in enumerate(raw_text.split("\n"), start=1):
        if not original.strip():
            if lines:
                lines[-1].blank_after = True
            blank = True
            continue
        if tail:
            lines.append(Line(line_no, original, original.strip(), blank, rule=tail))
        else:
            text, bullet = _typography(line_no, original, out)
            if (text := _strip_date_header(line_no, original, text, out)) is not None:
                lines.append(Line(line_no, original, text, blank, bullet=bullet))
                if re.search(R.AUTHOR_ARTICLES_BLOCK, text):
                    tail = lines[-1].rule = "author_articles_block"
        blank = False
    if lines:
        lines[-1].blank_after = True
    return lines


def _typography(line_no: int, original: str, out: CleanedArticle) -> tuple[str, bool]:
    """The line with its typography normalised (one log row per rule that changed it), and whether it had a bullet."""
    line, typo_rules = normalise_line(original)
    for rule in typo_rules:
        out.log.append(_entry(line_no, original, line, "altered", rule))
    return line, "bullet" in typo_rules


def _strip_date_header(line_no: int, original: str, line: str, out: CleanedArticle) -> str | None:
    """The line without a leading "date YYYY-MM-DD" (kept as the header date), or None if nothing is left."""
    m = re.match(R.DATE_HEADER, line)
    if not m:
        return line
    out.header_date = m.group("date")
    rest = line[m.end():]
    out.log.append(_entry(line_no, original, rest, "altered", "date_header"))
    return rest or None


# --- Pass 2: rules -------------------------------------------------------------------------------------------------
def _title_key(text: str) -> str:
    return " ".join(normalise_text(text).split()).casefold()


def _mark_title(lines: list[Line], title: str | None) -> int | None:
    """Mark the first line equal to the title (both typography normalised); its index, or None."""
    if not title:
        return None
    key = _title_key(title)
    for i, line in enumerate(lines):
        if line.rule is None and _title_key(line.text) == key:
            line.rule = "title_line"
            return i
    return None


def _author_boxes(lines: list[Line]) -> None:
    """A role line ("Journaliste au service …") under a name line: both are an author box."""
    for above, line in zip(lines, lines[1:]):
        if (line.rule is None and above.rule is None and len(line.words) <= F.AUTHOR_ROLE_MAX_WORDS
                and re.search(F.AUTHOR_ROLE, line.text) and re.search(F.NAME_LINE, above.text)):
            above.rule = line.rule = "author_box"


def _blocks(lines: list[Line]) -> None:
    """The short lines under a block label (related links, a newsletter box) go with it; a reader comments
    section after the body runs to the end of the page."""
    sentences = [i for i, line in enumerate(lines) if line.rule is None and F.is_sentence(line.text)]
    for i, line in enumerate(lines):
        block = next((name for name, (label, *_) in F.BLOCK_RULES.items() if re.search(label, line.text)), None)
        if block and line.rule:
            _claim_block(lines, i, block, *F.BLOCK_RULES[block][1:])
        elif re.search(F.COMMENTS_SECTION, line.text) and _comments_follow(lines, i, sentences):
            for rest in lines[i + 1:]:  # a comment's timestamp is no header date
                rest.rule = "comments_block" if rest.rule in (None, "date_line") else rest.rule


def _comments_follow(lines: list[Line], i: int, sentences: list[int]) -> bool:
    """Whether reader comments follow the label at i (pseudonyms, timestamps, "Répondre" lines) below the body."""
    above = sum(j < i for j in sentences)
    meta = sum(_is_comment_meta(line) for line in lines[i + 1:i + 1 + F.COMMENTS_LOOKAHEAD])
    share = above / max(len(sentences), 1)
    return above >= F.COMMENTS_MIN_ABOVE and (meta >= F.COMMENTS_MIN_META or (meta and share >= F.COMMENTS_MIN_SHARE))


def _is_comment_meta(line: Line) -> bool:
    """A comment's furniture: a pseudonym, a name and a timestamp, "Répondre", "Signaler"."""
    if line.rule in ("comments", "date_line") or re.search(F.PSEUDONYM, line.text):
        return True
    return len(line.words) <= F.COMMENT_HEADER_MAX_WORDS and bool(re.search(F.DATE_TOKENS, line.text)) and (
        not F.is_sentence(line.text))


def _claim_block(lines: list[Line], start: int, rule: str, max_lines: int, max_words: int, sentence_ends: bool) -> None:
    """Lines under the label at `start`: each short, none ending like a declarative sentence (when
    `sentence_ends`); a line another rule removed, or a blank line once the block holds a line, ends it."""
    taken = 0
    for line in lines[start + 1:]:
        if taken >= max_lines or (taken and line.blank_before):
            return
        if line.rule or len(line.words) > max_words or (sentence_ends and re.search(F.BODY_SENTENCE_END, line.text)):
            return
        line.rule, taken = rule, taken + 1


def _captions(lines: list[Line]) -> None:
    """The line right above a photo credit is its caption (unless it is a heading or long); with no caption
    above, a caption right below a credit at the top of the page, alone between blank lines."""
    for i, line in enumerate(lines):
        if line.rule not in F.CAPTIONED_CREDITS:
            continue
        above = lines[i - 1] if i else None
        if above and above.rule is None and not is_heading(above.text) and len(above.words) <= R.CAPTION_MAX_WORDS:
            above.rule = "caption_before_credit"
        elif i + 1 < len(lines) and _caption_below(lines, i):
            lines[i + 1].rule = "caption_after_credit"


def _caption_below(lines: list[Line], i: int) -> bool:
    """A credit at the top of the page (fewer than two body lines above it, furniture or a blank line just above)
    with an unremoved line right under it that stands alone: that line is the caption."""
    credit, below = lines[i], lines[i + 1]
    alone = below.blank_after or (i + 2 < len(lines) and lines[i + 2].rule is not None)
    top = sum(line.rule is None and F.is_sentence(line.text) for line in lines[:i]) < 2
    return (below.rule is None and not below.blank_before and alone and top and len(below.words)
            <= F.CAPTION_CREDIT_MAX_WORDS and (i == 0 or credit.blank_before or lines[i - 1].rule is not None))


def _trailing_bios(lines: list[Line]) -> None:
    """Short bios naming a person ("X est politologue, …") after the last body paragraph are author boxes. A
    text whose every sentence reads like a bio has no body paragraph for them to follow: it is left whole."""
    bios = []
    for line in reversed(lines):
        if line.rule or not F.is_sentence(line.text):
            continue
        if len(line.words) > F.AUTHOR_BIO_MAX_WORDS or not re.search(F.AUTHOR_BIO_TAIL, line.text):
            for bio in bios:
                bio.rule = "author_bio"
            return
        bios.append(line)


def _above_title(lines: list[Line], title_at: int | None) -> None:
    """Short lines above the headline are breadcrumbs, section labels and kickers."""
    for line in lines[:title_at or 0]:
        if line.rule is None and not F.is_sentence(line.text):
            line.rule = "above_title"


# --- Pass 3: the classifier ------------------------------------------------------------------------------------------
def _classify(lines: list[Line]) -> None:
    """Decide the lines no rule names; sentence-like lines (`furniture.is_sentence`) always stay.

    Each other line gets a score, the sum of the weights (`resources.CLASSIFIER_WEIGHTS`) of the cues it
    shows: where it sits on the page (above the first or below the last sentence-like line), whether the
    nearest lines no rule removed are body text, whether it touches removed furniture with no blank line
    between, whether it stands as its own paragraph (in a page that separates paragraphs with blank lines),
    whether it is glued under a paragraph, and its shape (a name, no word of letters, one or two words without
    a function word, a question, a list item or a line under a box label, one of a run of short lines). It is
    kept when the score reaches `resources.CLASSIFIER_THRESHOLD`, else removed with rule "classifier" and its
    score in the log. All lines are scored first, then decided: a decision does not change another line's
    score. For example, a subheading between two paragraphs with blank lines around scores +4; a byline
    name between the standfirst and a date line scores -1; a video title above the first paragraph, packed
    between player lines, scores -6.
    """
    body = [i for i, line in enumerate(lines) if line.rule is None and F.is_sentence(line.text)]
    if not body:
        return
    uses_blanks = sum(lines[i].blank_after for i in body) * 2 >= len(body)
    runs = _short_runs(lines)
    scored = [i for i, line in enumerate(lines) if line.rule is None and not F.is_sentence(line.text)]
    for i in scored:
        lines[i].score = sum(R.CLASSIFIER_WEIGHTS[cue] for cue in _cues(lines, i, body, uses_blanks, runs))
    for i in scored:
        lines[i].rule = "classifier" if lines[i].score < R.CLASSIFIER_THRESHOLD else None


def _cues(lines: list[Line], i: int, body: list[int], uses_blanks: bool, runs: set[int]) -> list[str]:
    """The names of the classifier cues line i shows (a cue may appear twice: once per side)."""
    line, text = lines[i], lines[i].text
    cues = ["header"] * (i < body[0]) + ["footer"] * (i > body[-1])
    cues += ["body_above"] * _nearest_is_body(reversed(lines[:i])) + ["body_below"] * _nearest_is_body(lines[i + 1:])
    cues += ["blank_around"] * (uses_blanks and line.blank_before and line.blank_after)
    cues += ["packed_with_furniture"] * (i > 0 and not line.blank_before and lines[i - 1].rule is not None)
    cues += ["packed_with_furniture"] * (i + 1 < len(lines) and not line.blank_after and lines[i + 1].rule is not None)
    cues += ["name_like"] * bool(re.search(F.NAME_LINE, text))
    cues += ["no_words"] * (not re.search(r"[^\W\d_]{2}", text))
    cues += ["tiny"] * (len(line.words) <= 2 and F.stop_share(line.words) == 0)
    cues += ["question"] * text.endswith("?")
    cues += ["list_item"] * (line.bullet or bool(re.search(R.LIST_ITEM, text)))
    cues += ["box_item"] * _under_box_label(lines, i)
    cues += ["short_run"] * (i in runs)
    cues += ["trails_paragraph"] * (uses_blanks and i > 0 and not line.blank_before and line.blank_after
                                    and lines[i - 1].rule is None and F.is_sentence(lines[i - 1].text))
    return cues


def _nearest_is_body(lines) -> bool:
    """Whether the nearest line no rule removed, in this direction, is sentence-like body text."""
    return next((F.is_sentence(line.text) for line in lines if line.rule is None), False)


def _under_box_label(lines: list[Line], i: int) -> bool:
    """Whether line i belongs to the lines right under a box label ("L'essentiel"), no blank line between."""
    while i > 0 and not lines[i].blank_before:
        i -= 1
        if lines[i].rule == "box_label":
            return True
        if lines[i].rule is not None:
            return False
    return False


def _short_runs(lines: list[Line]) -> set[int]:
    """Indices of lines in runs of SHORT_RUN_MIN or more short lines, no rule, no blank line between."""
    runs, run = set(), []
    for i, line in enumerate(lines + [Line(0, "", "", True)]):
        short = (line.rule is None and line.text and not F.is_sentence(line.text) and not line.bullet
                 and not re.search(R.LIST_ITEM, line.text))
        if run and (not short or line.blank_before):
            runs.update(run if len(run) >= R.SHORT_RUN_MIN else [])
            run = []
        if short:
            run.append(i)
    return runs


# --- Pass 4: the log and the kept lines ------------------------------------------------------------------------------
def _log_removed(lines: list[Line], out: CleanedArticle) -> list[Kept]:
    """Log every line a rule or the classifier removed and keep what it tells (credits, bylines, dates);
    the other lines are kept."""
    kept: list[Kept] = []
    for line in lines:
        if line.rule is None:
            kept.append((line.no, line.original, line.text))
            continue
        action = "extracted" if line.rule == "title_line" else "removed"
        entry = _entry(line.no, line.original, "", action, line.rule)
        if line.score is not None:
            entry["score"] = line.score
        out.log.append(entry)
        _record(line, out)
    return kept


def _record(line: Line, out: CleanedArticle) -> None:
    """What a removed line tells: a credit, a byline name, a timestamp."""
    if line.rule in F.CREDIT_RULES:
        m = re.search(F.CREDIT_TAIL, line.text) if line.rule == "caption_credit" else None
        out.credits.append(m.group("credit").strip() if m else line.text)
    elif line.rule in F.DATE_RULES:
        out.header_dates.append(line.original.strip())
    elif line.rule in ("author_bio", "byline", "author_box"):
        out.bylines.extend(n for n in F.names_in(line.rule, line.text) if n not in out.bylines)


def _edit_inline(kept: list[Kept], out: CleanedArticle) -> list[Kept]:
    """Cut the wire dateline off one of the first paragraphs, the sign-off off the last (or the one before it),
    and video placeholders off any paragraph."""
    for i, (line_no, original, line) in enumerate(kept[:F.DATELINE_MAX_PARAGRAPH]):
        if m := F.dateline_in(line):
            out.dateline = m.group("dateline").strip()
            kept[i] = _alter(line_no, original, line[m.end():], "dateline", out)
            break
    for i in range(len(kept) - 1, max(len(kept) - 3, -1), -1):
        line_no, original, line = kept[i]
        if found := F.signoff_in(line):
            out.credits.append(found[1].group().strip())
            kept[i] = _alter(line_no, original, line[:found[1].start()].rstrip(), found[0], out)
            break
    edited = [_strip_video_placeholder(k, out) for k in kept]
    return [k for k in edited if k is not None]


def _alter(line_no: int, original: str, rest: str, rule: str, out: CleanedArticle) -> Kept:
    out.log.append(_entry(line_no, original, rest, "altered", rule))
    return line_no, original, rest


def _strip_video_placeholder(k: Kept, out: CleanedArticle) -> Kept | None:
    """The line without a leading video-player label, or None if nothing is left."""
    line_no, original, line = k
    m = re.match(R.VIDEO_PLACEHOLDER, line)
    if not m:
        return k
    rest = line[m.end():]
    out.log.append(_entry(line_no, original, rest, "altered" if rest else "removed", "video_placeholder"))
    return (line_no, original, rest) if rest else None


def _keep_paragraphs(kept: list[Kept], out: CleanedArticle) -> None:
    """The kept lines become the body paragraphs; subheadings are flagged (kept, but logged)."""
    for line_no, original, line in kept:
        heading = is_heading(line)
        if heading:
            out.log.append(_entry(line_no, original, line, "flagged", "heading"))
        out.paragraphs.append(Paragraph(line, line_no, heading))

"""Readable column headers for what a report shows (the data files keep their column names).

`LABELS` names the columns whose header cannot be derived from the name; `label(name)` derives the others:
`n_words` → "Words (count)", `quoted_share` → "Quoted share", `status_by_november` → "Status by November".
"""
from __future__ import annotations

import re

LABELS: dict[str, str] = {
    "article_id": "Article",
    "sent_idx": "Sentence",
    "paragraph_idx": "Paragraph",
    "token_idx": "Token",
    "start_char": "Start",
    "end_char": "End",
    "n_daprès": "« d'après » (count)",
    "n_selon": "« selon » (count)",
    "g2": "G²",
    "g2_all": "G² (all articles)",
    "p": "p",
    "p_value": "p-value",
    "kwic": "In context",
    "made_on": "Made on",
    "claim_en": "Claim (English)",
    "claim_fr": "Claim (French)",
    "claim_id": "Claim",
    "fact_id": "Fact",
    "url": "URL",
    # textometry
    "f": "In part",
    "f_total": "In corpus",
    "part_size": "Part size (words)",
    "freq": "Frequency",
    "cofreq": "Co-frequency",
    "n_parts": "Parts",
    "n_words": "Words",
    "dp": "DP (Gries)",
    "juilland_d": "D (Juilland)",
    "ctr": "Contribution",
    "cos2": "Squared cosine",
    "n_contexts": "Pivot occurrences",
    "n_class": "Segments of the class with it",
    "n_total": "Segments with it",
    "class_size": "Segments of the class",
    "share_in_class": "Share of the class",
    "share_of_term": "Share of its segments",
    "n_segments": "Segments",
    "chi2": "χ²",
}

# Words kept as written (proper names, abbreviations) when a header is derived from a column name.
KEEP_CASE = {"august": "August", "november": "November", "url": "URL", "id": "id", "ids": "ids", "fr": "French",
             "en": "English", "tf": "TF", "idf": "IDF", "pos": "POS", "ner": "NER"}


def label(name: object) -> str:
    """The header a reader sees for a column name (see the module docstring)."""
    if not isinstance(name, str):
        return str(name)
    if name in LABELS:
        return LABELS[name]
    if not re.fullmatch(r"[a-zà-ÿ0-9_]+", name):
        return name  # already readable ("reported speech", "Trump", a period or an article id)
    words = name.split("_")
    count = words[0] == "n" and len(words) > 1
    if count:
        words = words[1:]
    words = [KEEP_CASE.get(w, w) for w in words]
    text = " ".join(words)
    text = text[0].upper() + text[1:] if text else name
    return f"{text} (count)" if count else text


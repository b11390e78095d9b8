"""Gold statements: the project's CSV files (char spans) and development-set JSON (verbatim strings)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .. import paths
from ..spans import locate

GOLD_COLUMNS = ["article_id", "gold_id", "statement_kind", "start_char", "end_char", "text", "speaker",
                "speaker_text", "cue", "borderline"]
TRAP_COLUMNS = ["article_id", "trap_id", "start_char", "end_char", "text", "why"]


def load_gold(path: Path | str | None = paths.GOLD_QUOTES_CSV, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hand-annotated statements (data/gold/quotes.csv by default) with their char spans checked against `corpus`.

    `corpus` (article_id, text) is required: the spans are offsets into its cleaned texts. A path of None
    means the project's gold file.
    """
    if corpus is None:
        raise TypeError("load_gold() needs the corpus whose texts the gold spans point into: load_gold(path, corpus)")
    path = Path(path if path is not None else paths.GOLD_QUOTES_CSV)
    gold = pd.read_csv(path, dtype={"article_id": str}, keep_default_na=False)
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    gold["start_char"] = gold["start_char"].astype(int)
    gold["end_char"] = gold["end_char"].astype(int)
    for row in gold.itertuples():
        if texts[row.article_id][row.start_char:row.end_char] != row.text:
            raise ValueError(f"{path.name}: {row.gold_id}: the span {row.start_char}-{row.end_char} does not "
                             f"hold its text in the cleaned article. Fix: correct start_char/end_char.")
    return gold


def load_gold_json(path: Path | str, corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The statements and traps of a development-set gold file (verbatim strings), located in `corpus`.

    The file holds `articles.<id>.quotes` (text, kind, speaker, speaker_text, cue, optional context,
    borderline) and `articles.<id>.traps` (text, why, optional context). Returns (gold, traps) with char
    spans into the cleaned texts of `corpus`.
    """
    path = Path(path)
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    gold, traps = [], []
    for article_id, entry in articles.items():
        if article_id not in texts:
            raise ValueError(f"{path.name}: article {article_id} is not in the corpus. Fix: load the data folder "
                             f"the gold file describes.")
        text = texts[article_id]
        for q in entry.get("quotes", []):
            start, end = locate(text, q["text"], q.get("context"), f"{path.name}: {q['id']}")
            gold.append({"article_id": article_id, "gold_id": q["id"], "statement_kind": q["kind"],
                         "start_char": start, "end_char": end, "text": text[start:end], "speaker": q["speaker"],
                         "speaker_text": q.get("speaker_text"), "cue": q.get("cue"),
                         "borderline": bool(q.get("borderline", False)), "group": q.get("group")})
        for t in entry.get("traps", []):
            start, end = locate(text, t["text"], t.get("context"), f"{path.name}: {t['id']}")
            traps.append({"article_id": article_id, "trap_id": t["id"], "start_char": start, "end_char": end,
                          "text": text[start:end], "why": t["why"]})
    gold = _join_groups(pd.DataFrame(gold, columns=GOLD_COLUMNS + ["group"]), texts)
    return gold, pd.DataFrame(traps, columns=TRAP_COLUMNS)


def _join_groups(gold: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per quote over several paragraphs: its paragraphs (gold rows sharing a `group`) joined, from the
    first one's start to the last one's end, as the development set's matching convention allows."""
    alone = gold[gold["group"].isna()]
    joined = []
    for _, rows in gold[gold["group"].notna()].groupby(["article_id", "group"], sort=False):
        first = rows.iloc[0].copy()
        first["end_char"] = rows["end_char"].max()
        first["text"] = texts[first["article_id"]][first["start_char"]:first["end_char"]]
        joined.append(first)
    out = pd.concat([alone, pd.DataFrame(joined)]) if joined else alone
    return out.sort_values(["article_id", "start_char"]).drop(columns="group").reset_index(drop=True)

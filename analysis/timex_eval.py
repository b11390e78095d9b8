"""Evaluation of the time expressions (`L.times`) against hand-annotated gold spans and values.

Gold format (JSON): `articles.<article_id>` is a list of entries with `id`, `text`, optional `context` (a string
that occurs exactly once in the body and contains `text`), `value` (an ISO date, `[start, end]` inclusive with a
null end for an open interval, or null for a vague expression no convention resolves) and optional `vague`;
`held_out` (optional) lists the articles kept out of the tuning of the rules.

Matching: a predicted span matches a gold span of the same article when their word overlap is at least half of the
longer span (words lower-cased, punctuation ignored), each gold and each prediction matched once, best overlap
first. A matched, non-vague gold expression has its value right when the resolved first and last days both equal
the gold's (an open end must be open).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .spans import GoldLocationError, locate, match_words

GOLD_COLUMNS = ["article_id", "gold_id", "text", "start_char", "end_char", "value_start", "value_end", "vague",
                "kind", "held_out"]


# A gold time expression that cannot be located in the cleaned text.
TimeGoldError = GoldLocationError


def _value(value) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(first day, last day) of a gold value: NaT for a vague null, NaT end for an open interval."""
    if value is None:
        return pd.NaT, pd.NaT
    if isinstance(value, str):
        return pd.Timestamp(value), pd.Timestamp(value)
    start, end = value
    return pd.Timestamp(start), (pd.NaT if end is None else pd.Timestamp(end))


def load_time_gold(path: Path | str, corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per gold time expression, located in the cleaned text `corpus.text` of its article.

    Gold strings are normalised as the cleaning normalises typography (' for ’, spaces for no-break spaces, - for
    a no-break hyphen). Articles of the gold that are not in `corpus` are left out; a gold string that cannot be
    located raises TimeGoldError naming the gold id.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    held_out = set(data.get("held_out", []))
    texts = corpus.set_index("article_id")["text"]
    rows = []
    for article_id, entries in data["articles"].items():
        if article_id not in texts.index:
            continue
        for entry in entries:
            start, end = locate(texts[article_id], entry["text"], entry.get("context"),
                                f"gold time expression {entry['id']} ({article_id})")
            value_start, value_end = _value(entry.get("value"))
            rows.append({"article_id": article_id, "gold_id": entry["id"], "text": texts[article_id][start:end],
                         "start_char": start, "end_char": end, "value_start": value_start, "value_end": value_end,
                         "vague": bool(entry.get("vague", False)) or entry.get("value") is None,
                         "kind": entry.get("kind"), "held_out": article_id in held_out})
    out = pd.DataFrame(rows, columns=GOLD_COLUMNS)
    for column in ("value_start", "value_end"):
        out[column] = pd.to_datetime(out[column])
    return out


def _same_day(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and pd.Timestamp(a) == pd.Timestamp(b))


def value_right(pred_row, gold_row) -> bool:
    """The resolved first and last days equal the gold's (an open gold end wants an open predicted end)."""
    return _same_day(pred_row["value_start"], gold_row["value_start"]) and _same_day(pred_row["value_end"],
                                                                                      gold_row["value_end"])


def _scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    pairs = match_words(pred, gold)
    tp = len(pairs)
    precision = tp / len(pred) if len(pred) else 0.0
    recall = tp / len(gold) if len(gold) else 0.0
    valued = [(pi, gi) for pi, gi in pairs if not gold.at[gi, "vague"]]
    right = sum(value_right(pred.loc[pi], gold.loc[gi]) for pi, gi in valued)
    return {"n_gold": len(gold), "n_pred": len(pred), "matched": tp, "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if tp else 0.0, "n_valued": len(valued),
            "value_right": right, "value_accuracy": right / len(valued) if valued else 0.0}


def evaluate_time_expressions(times: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Span precision, recall and F1 and value accuracy of `times` against `gold` (from load_time_gold).

    Rows: `all` (every article of the gold), `tuning` and `held_out` (the articles the gold marks as kept out of
    the tuning: the estimate for unseen pages). Predictions count only in the articles of the gold. Columns:
    n_gold, n_pred, matched, precision, recall, f1, n_valued (matched gold with a value: not vague), value_right,
    value_accuracy (value_right / n_valued).
    """
    pred = times[times["article_id"].isin(set(gold["article_id"]))].reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    if "held_out" not in gold.columns:
        gold = gold.assign(held_out=False)
    rows = {}
    for name, articles in (("all", set(gold["article_id"])),
                           ("tuning", set(gold.loc[~gold["held_out"], "article_id"])),
                           ("held_out", set(gold.loc[gold["held_out"], "article_id"]))):
        rows[name] = _scores(pred[pred["article_id"].isin(articles)], gold[gold["article_id"].isin(articles)])
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("articles")


def failures(times: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Gold expressions missed or resolved wrong, and predictions matching no gold: one row each, for reading."""
    pred = times[times["article_id"].isin(set(gold["article_id"]))].reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    pairs = dict((gi, pi) for pi, gi in match_words(pred, gold))
    rows = []
    for gi, g in gold.iterrows():
        p = pred.loc[pairs[gi]] if gi in pairs else None
        if p is None or (not g["vague"] and not value_right(p, g)):
            rows.append({"article_id": g["article_id"], "gold_id": g["gold_id"], "problem": "missed" if p is None
                         else "value", "text": g["text"], "predicted": None if p is None else p["text"],
                         "gold_value": (g["value_start"], g["value_end"]),
                         "value": None if p is None else (p["value_start"], p["value_end"]),
                         "basis": None if p is None else p.get("basis")})
    for pi in sorted(set(pred.index) - set(pairs.values())):
        p = pred.loc[pi]
        rows.append({"article_id": p["article_id"], "gold_id": None, "problem": "spurious", "text": p["text"],
                     "predicted": p["text"], "gold_value": None, "value": (p["value_start"], p["value_end"]),
                     "basis": p.get("basis")})
    return pd.DataFrame(rows)

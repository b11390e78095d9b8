"""Evaluation of the statements against hand-annotated gold spans."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import paths
from .record import STATEMENT_KINDS


def overlap_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans match when they overlap by at least half of the longer one (Gender Gap Tracker)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def _match(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one matching of predicted and gold spans, best overlap first."""
    pairs = []
    for gi, g in gold.iterrows():
        for pi, p in pred[pred["article_id"] == g["article_id"]].iterrows():
            a, b = (p["start_char"], p["end_char"]), (g["start_char"], g["end_char"])
            if overlap_match(a, b):
                inter = min(a[1], b[1]) - max(a[0], b[0])
                pairs.append((inter / max(a[1] - a[0], b[1] - b[0]), pi, gi))
    used_p, used_g, out = set(), set(), []
    for _, pi, gi in sorted(pairs, reverse=True):
        if pi not in used_p and gi not in used_g:
            used_p.add(pi), used_g.add(gi)
            out.append((pi, gi))
    return out


def evaluate_quotes(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of spans and speaker accuracy over matched spans, overall and per kind.

    `overall` matches spans whatever their kind (and reports how often the kinds agree); each kind's row
    matches predictions and gold of that kind only. Speakers are compared without case or a leading
    article; None and "" both mean the text names nobody.
    """
    rows = []
    for kind in (None, *STATEMENT_KINDS):
        p = pred if kind is None else pred[pred["statement_kind"] == kind]
        g = gold if kind is None else gold[gold["statement_kind"] == kind]
        rows.append({"statement_kind": kind or "overall", **_scores(p, g)})
    return pd.DataFrame(rows).set_index("statement_kind")


def _scores(p: pd.DataFrame, g: pd.DataFrame) -> dict[str, float]:
    """The scores of predictions `p` against gold `g` (one row of `evaluate_quotes`)."""
    matches = _match(p, g)
    tp = len(matches)
    precision = tp / len(p) if len(p) else 0.0
    recall = tp / len(g) if len(g) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    same = [(_norm(p.loc[pi, "speaker"]) == _norm(g.loc[gi, "speaker"])) for pi, gi in matches]
    kinds = [p.loc[pi, "statement_kind"] == g.loc[gi, "statement_kind"] for pi, gi in matches]
    return {"n_gold": len(g), "n_pred": len(p), "matched": tp, "precision": precision, "recall": recall, "f1": f1,
            "speaker_accuracy": sum(same) / tp if tp else 0.0, "kind_agreement": sum(kinds) / tp if tp else 0.0}


def _norm(speaker) -> str:
    """Speakers compare without case or a leading article: "La direction de X" is "la direction de X"."""
    if speaker is None or (isinstance(speaker, float) and pd.isna(speaker)):
        return ""
    return re.sub(r"^(?:le|la|les|l'|un|une|des|du)\s*", "", str(speaker).strip().casefold())


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

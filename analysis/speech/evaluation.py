"""Evaluation of the statements against hand-annotated gold spans, under the conventions others report.

Three matching conventions (`CONVENTIONS`):

- ``words``: a predicted and a gold span match when the words they share are at least half of the longer
  span's words (lower-cased words, punctuation and quote marks ignored); pairs are taken best overlap first,
  each span used once. The development set's convention.
- ``ggt-0.3`` and ``ggt-0.8``: the Gender Gap Tracker's: the characters a prediction shares with a gold
  span, as a share of the gold span, must exceed the threshold; gold rows in order take their best
  remaining prediction.

Speakers are compared over matched pairs (`same_speaker`). Fragments nested inside a predicted indirect
statement can be kept (each is a statement) or folded into the statement that contains them
(`fold_nested`): both are reported. Traps (spans that look like statements but are not) are counted when a
prediction that matches no gold row overlaps them (`trap_hits`).
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ..spans import WORD, match_words
from .record import STATEMENT_KINDS

CONVENTIONS = ("words", "ggt-0.3", "ggt-0.8")


def char_overlap_of_gold(p: tuple[int, int, str], g: tuple[int, int, str]) -> float:
    """Characters a prediction shares with a gold span, as a share of the gold span (Gender Gap Tracker)."""
    inter = min(p[1], g[1]) - max(p[0], g[0])
    return max(inter, 0) / (g[1] - g[0]) if g[1] > g[0] else 0.0


def _spans(frame: pd.DataFrame) -> dict[str, list[tuple[object, tuple[int, int, str]]]]:
    out: dict[str, list] = {}
    for idx, article, start, end, text in zip(frame.index, frame["article_id"], frame["start_char"],
                                              frame["end_char"], frame["text"]):
        out.setdefault(article, []).append((idx, (int(start), int(end), str(text))))
    return out


def match(pred: pd.DataFrame, gold: pd.DataFrame, convention: str = "words") -> list[tuple[object, object]]:
    """One-to-one (prediction index, gold index) pairs under a convention of `CONVENTIONS`."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}: use one of {', '.join(CONVENTIONS)}")
    if convention == "words":
        return match_words(pred, gold)
    preds = _spans(pred)
    threshold = float(convention.split("-")[1])
    used, out = set(), []
    for article, golds in _spans(gold).items():
        for gi, gs in golds:
            scored = [(char_overlap_of_gold(ps, gs), pi) for pi, ps in preds.get(article, []) if pi not in used]
            best = max(scored, key=lambda x: x[0], default=(0.0, None))
            if best[0] > threshold:
                used.add(best[1])
                out.append((best[1], gi))
    return out


def _fold(name) -> str:
    """A speaker as compared: no case, no accents, no leading article."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    text = unicodedata.normalize("NFKD", str(name).strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    return re.sub(r"^(?:(?:le|la|les|un|une|des|du)\s+|l')", "", text).strip()


def same_speaker(predicted, gold, speaker_text=None) -> bool:
    """Is the predicted speaker the gold one?

    Gold names a person by full name or by surname ("trump", "von der leyen"), or an institution: the
    prediction is right when it is that name or ends with that surname ("Donald Trump" for "trump"). A
    gold speaker of nobody (unnamed or collective source) is matched by a prediction that names nobody or
    repeats the unnamed-source wording (`speaker_text`, half of its words at least).
    """
    p, g = _fold(predicted), _fold(gold)
    if not g:
        if not p:
            return True
        words = set(WORD.findall(_fold(speaker_text)))
        return bool(words) and len(words & set(WORD.findall(p))) >= 0.5 * len(words)
    return p == g or p.endswith(" " + g)


def fold_nested(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Predictions and gold without the fragments that sit inside a predicted indirect statement."""
    inside = []
    for frame in (pred, gold):
        hosts = pred[pred["statement_kind"] == "indirect"]
        nested = pd.Series(False, index=frame.index)
        for h in hosts.itertuples():
            nested |= ((frame["article_id"] == h.article_id) & (frame["statement_kind"] == "fragment")
                       & (frame["start_char"] >= h.start_char) & (frame["end_char"] <= h.end_char))
        inside.append(frame[~nested])
    return inside[0], inside[1]


def _scores(p: pd.DataFrame, g: pd.DataFrame, convention: str) -> dict[str, float]:
    """The scores of predictions `p` against gold `g`."""
    pairs = match(p, g, convention)
    tp = len(pairs)
    precision = tp / len(p) if len(p) else 0.0
    recall = tp / len(g) if len(g) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    speaker_text = g["speaker_text"] if "speaker_text" in g else pd.Series(None, index=g.index)
    same = [same_speaker(p.loc[pi, "speaker"], g.loc[gi, "speaker"], speaker_text[gi]) for pi, gi in pairs]
    kinds = [p.loc[pi, "statement_kind"] == g.loc[gi, "statement_kind"] for pi, gi in pairs]
    return {"n_gold": len(g), "n_pred": len(p), "matched": tp, "precision": precision, "recall": recall, "f1": f1,
            "speaker_accuracy": sum(same) / tp if tp else 0.0, "kind_agreement": sum(kinds) / tp if tp else 0.0}


def evaluate_quotes(pred: pd.DataFrame, gold: pd.DataFrame, convention: str = "words") -> pd.DataFrame:
    """Precision, recall and F1 of spans and speaker accuracy over matched spans, overall and per kind.

    `overall` matches spans whatever their kind (and reports how often the kinds agree); each kind's row
    matches predictions and gold of that kind only. `pred` and `gold` need article_id, statement_kind,
    start_char, end_char, text and speaker; gold may add speaker_text (see `same_speaker`).
    """
    rows = []
    for kind in (None, *STATEMENT_KINDS):
        p = pred if kind is None else pred[pred["statement_kind"] == kind]
        g = gold if kind is None else gold[gold["statement_kind"] == kind]
        rows.append({"statement_kind": kind or "overall", **_scores(p, g, convention)})
    return pd.DataFrame(rows).set_index("statement_kind")


def evaluation_table(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Overall scores under every convention, with nested fragments kept and folded, with and without the
    gold rows flagged borderline (when gold has a `borderline` column)."""
    rows = []
    subsets = [("all", gold)]
    if "borderline" in gold and gold["borderline"].any():
        subsets.append(("no borderline", gold[~gold["borderline"].astype(bool)]))
    for convention in CONVENTIONS:
        for nested in ("kept", "folded"):
            for label, g in subsets:
                p, g2 = fold_nested(pred, g) if nested == "folded" else (pred, g)
                rows.append({"convention": convention, "nested fragments": nested, "gold rows": label,
                             **_scores(p, g2, convention)})
    return pd.DataFrame(rows)


def trap_hits(pred: pd.DataFrame, gold: pd.DataFrame, traps: pd.DataFrame) -> pd.DataFrame:
    """The traps that a prediction matching no gold row (words convention) overlaps by at least half of the
    shorter of the two spans: the statements the extractor should not have found."""
    matched = {pi for pi, _ in match_words(pred, gold)}
    free = pred[~pred.index.isin(matched)]
    hits = []
    for t in traps.itertuples():
        same = free[free["article_id"] == t.article_id]
        for p in same.itertuples():
            inter = min(p.end_char, t.end_char) - max(p.start_char, t.start_char)
            if inter > 0 and inter >= 0.5 * min(p.end_char - p.start_char, t.end_char - t.start_char):
                hits.append({"trap_id": t.trap_id, "article_id": t.article_id, "trap": t.text,
                             "predicted": p.text, "statement_kind": p.statement_kind, "why": t.why})
                break
    return pd.DataFrame(hits, columns=["trap_id", "article_id", "trap", "predicted", "statement_kind", "why"])

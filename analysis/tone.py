"""Tone with textblob-fr, made explainable: normalised input, corrected lexicon defects, voice and hedging.

textblob-fr is used only through `PatternAnalyzer().analyze(text)` on our own sentences: TextBlob's own
`.sentences/.words/.tags` need NLTK data, and `blob.polarity` silently uses the ENGLISH analyzer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from . import paths
from . import resources as R
from .typography import normalise_line

NEGATIONS = ("n'", "ne", "ni", "non", "pas", "rien", "sans", "aucun", "jamais")


@lru_cache(maxsize=1)
def analyzer():
    """The French pattern analyzer of textblob-fr (loaded once)."""
    from textblob_fr import PatternAnalyzer

    return PatternAnalyzer()


def prepare(text: str) -> str:
    """The text as it is scored: the project's typography (NFC, ’ → ', no invisible characters, one space),
    and spaces around « », quotes and "..." so that they never glue to a word."""
    lines = [normalise_line(line)[0] for line in text.split("\n")]
    out = " ".join(lines)
    out = re.sub(r"\s*(«|»|\.\.\.)\s*", r" \1 ", out)
    return re.sub(r"\s{2,}", " ", out).strip()


@dataclass
class ToneScore:
    """Polarity in [-1, 1], subjectivity in [0, 1], and the lexicon words that produced them."""

    polarity: float
    subjectivity: float
    assessments: list[tuple[str, float, float]] = field(default_factory=list)  # (words, polarity, subjectivity)
    clamped: list[str] = field(default_factory=list)
    neutralised: list[str] = field(default_factory=list)
    raw_polarity: float = 0.0
    raw_subjectivity: float = 0.0

    @property
    def drivers(self) -> str:
        """The words behind the score, e.g. "pas idéal (-0.40); fructueux (+0.60)"."""
        return "; ".join(f"{w} ({p:+.2f})" for w, p, _ in self.assessments)


def _head(words: list[str]) -> str:
    """The lexicon word of an assessment chunk (its last word that is not a negation or "!")."""
    return next((w for w in reversed(words) if w not in NEGATIONS and w != "!"), words[-1])


def score(text: str, *, neutral_words: frozenset[str] | set[str] = frozenset()) -> ToneScore:
    """Score a text with textblob-fr, openly corrected.

    Defective lexicon entries (subjectivity outside [0, 1], e.g. "plein" at 17.65) are clamped into range and
    listed in `clamped`; words in `neutral_words` are dropped and listed in `neutralised`. Polarity and
    subjectivity are then the mean over the remaining assessments, as pattern computes them.
    """
    raw = analyzer().analyze(prepare(text))
    kept, clamped, neutralised = [], [], []
    for words, p, s, _label in raw.assessments:
        head = _head(words)
        if head in neutral_words:
            neutralised.append(head)
            continue
        p2, s2 = min(max(p, -1.0), 1.0), min(max(s, 0.0), 1.0)
        if (p2, s2) != (p, s):
            clamped.append(f"{head}: ({p:.2f}, {s:.2f}) → ({p2:.2f}, {s2:.2f})")
        kept.append((" ".join(words), p2, s2))
    polarity = float(np.mean([p for _, p, _ in kept])) if kept else 0.0
    subjectivity = float(np.mean([s for _, _, s in kept])) if kept else 0.0
    return ToneScore(polarity, subjectivity, kept, clamped, neutralised, float(raw[0]), float(raw[1]))


def sentence_tone(sentences: pd.DataFrame, *, neutral_words: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Tone of every sentence (headings out): polarity, subjectivity, n_assessed, drivers, clamped, raw scores."""
    rows = []
    for s in sentences[~sentences["is_heading"]].itertuples():
        sc = score(s.text, neutral_words=neutral_words)
        rows.append({"article_id": s.article_id, "paragraph_idx": s.paragraph_idx, "sent_idx": s.sent_idx,
                     "text": s.text, "polarity": sc.polarity, "subjectivity": sc.subjectivity,
                     "n_assessed": len(sc.assessments), "drivers": sc.drivers, "clamped": "; ".join(sc.clamped),
                     "neutralised": ", ".join(sc.neutralised), "raw_polarity": sc.raw_polarity,
                     "raw_subjectivity": sc.raw_subjectivity})
    return pd.DataFrame(rows)


def bootstrap_mean(values, *, n: int = 2000, seed: int = 0, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval of the mean (resampling sentences), reproducible by seed."""
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return (np.nan, np.nan, np.nan)
    rng = np.random.default_rng(seed)
    means = rng.choice(v, size=(n, len(v)), replace=True).mean(axis=1)
    lo, hi = np.percentile(means, [(1 - level) / 2 * 100, (1 + level) / 2 * 100])
    return float(v.mean()), float(lo), float(hi)


def summarise(tone: pd.DataFrame, *, group: str = "article_id", value: str = "polarity") -> pd.DataFrame:
    """Per group: mean with bootstrap 95 % interval over sentences, share of sentences with any lexicon word."""
    rows = []
    for key, g in tone.groupby(group):
        mean, lo, hi = bootstrap_mean(g[value])
        rows.append({group: key, "n_sentences": len(g), f"mean_{value}": mean, "ci_low": lo, "ci_high": hi,
                     "share_assessed": (g["n_assessed"] > 0).mean()})
    return pd.DataFrame(rows).set_index(group)


# --- voice-aware tone -------------------------------------------------------------------------------------
def narration(corpus: pd.DataFrame, sentences: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Each sentence with reported speech blanked out: the journalist's own words (`text` column)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in statements.itertuples():
        spans.setdefault(q.article_id, []).append((q.start_char, q.end_char))
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    rows = []
    for s in sentences[~sentences["is_heading"]].itertuples():
        chars = list(texts[s.article_id][s.start_char:s.end_char])
        for a, b in spans.get(s.article_id, []):
            for i in range(max(a, s.start_char), min(b, s.end_char)):
                chars[i - s.start_char] = " "
        own = re.sub(r"\s{2,}", " ", "".join(chars)).strip()
        rows.append({"article_id": s.article_id, "paragraph_idx": s.paragraph_idx, "sent_idx": s.sent_idx,
                     "text": own, "is_heading": False})
    return pd.DataFrame(rows)


def statement_tone(statements: pd.DataFrame, *, neutral_words: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Tone of each reported statement's own words, with its speaker, camp and kind."""
    out = statements.copy()
    scores = [score(t, neutral_words=neutral_words) for t in out["text"]]
    out["polarity"] = [s.polarity for s in scores]
    out["subjectivity"] = [s.subjectivity for s in scores]
    out["n_assessed"] = [len(s.assessments) for s in scores]
    out["drivers"] = [s.drivers for s in scores]
    return out


# --- hedging ---------------------------------------------------------------------------------------------
def hedging(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: conditional mood (spaCy Mood=Cnd), attribution ("selon", "d'après"), modal verbs
    (pouvoir, devoir), forward-looking expressions ("dans les prochains jours", "la semaine prochaine" ...)."""
    cnd = tokens[tokens["morph"].str.contains("Mood=Cnd", regex=False)].groupby(["article_id", "sent_idx"]).size()
    modal = tokens[tokens["lemma"].isin(R.MODAL_LEMMAS) & tokens["pos"].isin(["VERB", "AUX"])].groupby(
        ["article_id", "sent_idx"]).size()
    s = sentences[~sentences["is_heading"]][["article_id", "sent_idx", "paragraph_idx", "text"]].copy()
    idx = pd.MultiIndex.from_frame(s[["article_id", "sent_idx"]])
    s["conditional"] = cnd.reindex(idx, fill_value=0).to_numpy() > 0
    s["modal"] = modal.reindex(idx, fill_value=0).to_numpy() > 0
    s["attribution"] = s["text"].str.contains(R.ATTRIBUTION_HEDGES, regex=True)
    s["forward_looking"] = s["text"].str.contains(R.FORWARD_LOOKING, regex=True, case=False)
    s["any_hedge"] = s[["conditional", "modal", "attribution"]].any(axis=1)
    return s


def hedging_summary(hedges: pd.DataFrame, *, group: str = "article_id") -> pd.DataFrame:
    """Share of sentences with each marker, per group."""
    cols = ["conditional", "modal", "attribution", "forward_looking", "any_hedge"]
    out = hedges.groupby(group)[cols].mean()
    out.insert(0, "n_sentences", hedges.groupby(group).size())
    return out


# --- validity ----------------------------------------------------------------------------------------------
POSITIVE_THRESHOLD = 0.1  # pattern.fr.positive()


def load_benchmark(path=None) -> pd.DataFrame:
    """The 1,500 labelled French reviews: text, label (1 positive, -1 negative)."""
    return pd.read_csv(path or paths.TONE_BENCHMARK_CSV, header=None, names=["text", "label"], dtype={"label": int})


def classification_scores(predicted_positive, actual_positive) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of the positive class."""
    p, a = np.asarray(predicted_positive, bool), np.asarray(actual_positive, bool)
    tp, fp, fn = (p & a).sum(), (p & ~a).sum(), (~p & a).sum()
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"n": int(len(p)), "accuracy": float((p == a).mean()), "precision": float(precision),
            "recall": float(recall), "f1": float(2 * precision * recall / (precision + recall) if tp else 0.0)}


def run_benchmark(path=None) -> pd.DataFrame:
    """Our tone function and the raw analyzer on the benchmark: one row each."""
    bench = load_benchmark(path)
    actual = bench["label"] == 1
    ours = [score(t).polarity >= POSITIVE_THRESHOLD for t in bench["text"]]
    raw = [analyzer().analyze(t)[0] >= POSITIVE_THRESHOLD for t in bench["text"]]
    return pd.DataFrame([{"scorer": "analysis.tone.score (normalised, clamped)", **classification_scores(ours, actual)},
                         {"scorer": "PatternAnalyzer().analyze, raw text", **classification_scores(raw, actual)}])


def polarity_label(polarity, *, threshold: float = POSITIVE_THRESHOLD) -> pd.Series:
    """positive (≥ threshold), negative (≤ −threshold) or neutral."""
    p = pd.Series(polarity)
    return pd.Series(np.select([p >= threshold, p <= -threshold], ["positive", "negative"], "neutral"), index=p.index)


def agreement(gold, predicted) -> dict[str, float]:
    """Accuracy, Cohen's kappa and macro-F1 of predicted labels against hand-coded ones."""
    g, p = pd.Series(list(gold)), pd.Series(list(predicted))
    labels = sorted(set(g) | set(p))
    accuracy = float((g == p).mean())
    expected = sum((g == lab).mean() * (p == lab).mean() for lab in labels)
    kappa = (accuracy - expected) / (1 - expected) if expected < 1 else 1.0
    f1s = []
    for lab in labels:
        tp, fp, fn = ((p == lab) & (g == lab)).sum(), ((p == lab) & (g != lab)).sum(), ((p != lab) & (g == lab)).sum()
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"n": len(g), "accuracy": accuracy, "cohen_kappa": float(kappa), "macro_f1": float(np.mean(f1s))}


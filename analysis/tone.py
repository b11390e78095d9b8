"""Tone with textblob-fr, made explainable: normalised input, corrected lexicon defects, voice and hedging.

textblob-fr is used only through `PatternAnalyzer().analyze(text)` on our own sentences: TextBlob's own
`.sentences/.words/.tags` need NLTK data, and `blob.polarity` silently uses the ENGLISH analyzer.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from . import paths
from . import resources as R
from .conditional import conditional_tokens
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
    spans = _reported_spans(statements)
    texts = dict(zip(corpus["article_id"], corpus["text"]))
    rows = []
    for s in sentences[~sentences["is_heading"]].itertuples():
        text, pieces, at = texts[s.article_id], [], s.start_char
        for a, b in _overlaps(spans.get(s.article_id, NO_SPANS), s.start_char, s.end_char):
            pieces += [text[at:a], " " * (b - a)]
            at = b
        own = re.sub(r"\s{2,}", " ", "".join([*pieces, text[at:s.end_char]])).strip()
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
# The markers of a hedged sentence, as notebook 03 lists them; `any_hedge` is any of them.
HEDGE_MARKERS = ("conditional", "modal", "attribution", "forward_looking")
_PATTERNS = (("attribution", re.compile(R.ATTRIBUTION_HEDGES)),
             ("forward_looking", re.compile(R.FORWARD_LOOKING, re.IGNORECASE)))


def hedge_markers(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Every hedging marker of the body sentences, one row each: article_id, sent_idx, marker, text, start_char,
    end_char (offsets in the cleaned text).

    conditional: a conditional verb form, from morphology (`analysis.conditional`, not spaCy's `Mood=Cnd`);
    modal: pouvoir or devoir as a verb; attribution: « selon », « d'après »; forward_looking: an expression about
    what will happen (`resources.FORWARD_LOOKING`: « dans les prochains jours », « la semaine prochaine », …).
    """
    cols = ["article_id", "sent_idx", "marker", "text", "start_char", "end_char"]
    toks = tokens[~tokens["is_heading"]]
    modal = toks["lemma"].isin(R.MODAL_LEMMAS) & toks["pos"].isin(["VERB", "AUX"])
    frames = [toks[conditional_tokens(toks)].assign(marker="conditional"), toks[modal].assign(marker="modal")]
    rows = []
    for s in sentences[~sentences["is_heading"]].itertuples():
        for name, pattern in _PATTERNS:
            rows.extend((s.article_id, s.sent_idx, name, m.group(0), s.start_char + m.start(), s.start_char + m.end())
                        for m in pattern.finditer(s.text))
    frames.append(pd.DataFrame(rows, columns=cols))
    out = pd.concat([f[cols] for f in frames], ignore_index=True)
    out[["sent_idx", "start_char", "end_char"]] = out[["sent_idx", "start_char", "end_char"]].astype(int)
    return out.sort_values(["article_id", "start_char", "marker"], kind="stable").reset_index(drop=True)


# Reported speech of one article: the union of its statements' spans, as sorted disjoint [start, end) ranges
# (their starts, their ends), so that a character or a sentence is placed by bisection, not by a scan of them all.
Spans = tuple[list[int], list[int]]
NO_SPANS: Spans = ([], [])
_ALNUM = re.compile(r"[^\W_]")  # one character that str.isalnum() accepts (\w is that and "_")


def merge_spans(spans: list[tuple[int, int]]) -> Spans:
    """The union of [start, end) spans as sorted, disjoint, non-empty ranges: (starts, ends). Overlapping or
    touching spans become one; empty ones (end ≤ start) hold no character and go."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _reported_spans(statements: pd.DataFrame | None) -> dict[str, Spans]:
    spans: dict[str, list[tuple[int, int]]] = {}
    if statements is not None and len(statements):
        for a, start, end in zip(statements["article_id"], statements["start_char"], statements["end_char"]):
            spans.setdefault(a, []).append((start, end))
    return {a: merge_spans(found) for a, found in spans.items()}


def _inside(spans: Spans, offset: int) -> bool:
    """Whether the character at `offset` is inside one of the (merged) spans."""
    starts, ends = spans
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


def _overlaps(spans: Spans, lo: int, hi: int):
    """The parts of [lo, hi) inside the (merged) spans, in order, each non-empty: (start, end) pairs."""
    starts, ends = spans
    i = bisect.bisect_right(ends, lo)  # the first span that ends after lo
    while i < len(starts) and starts[i] < hi:
        yield max(starts[i], lo), min(ends[i], hi)
        i += 1


def _sentence_voice(text: str, start: int, spans: Spans) -> str:
    """narration (no word inside reported speech), reported (every word inside it) or mixed: by the letters and
    digits of `text` (which starts at `start`) inside and outside the (merged) spans."""
    reported = narrated = False
    at = 0
    for a, b in _overlaps(spans, start, start + len(text)):
        narrated = narrated or _ALNUM.search(text, at, a - start) is not None
        reported = reported or _ALNUM.search(text, a - start, b - start) is not None
        at = b - start
    narrated = narrated or _ALNUM.search(text, at) is not None
    return "mixed" if reported and narrated else "reported" if reported else "narration"


def hedging(sentences: pd.DataFrame, tokens: pd.DataFrame, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per body sentence: each hedging marker (`HEDGE_MARKERS`, see `hedge_markers`), the conditional forms,
    `any_hedge`, and the voices: `sentence_voice` (narration, reported or mixed: whether the sentence holds the
    journalist's words, reported speech, or both, by the spans of `statements`), `hedged_narration` and
    `hedged_reported`. A marker counts for the voice whose span contains its first character: in « selon lui,
    cette rencontre pourrait se tenir … » the attribution hedges the narration and the conditional the reported
    speech. Without `statements`, every sentence is narration."""
    markers = hedge_markers(sentences, tokens)
    spans = _reported_spans(statements)
    markers["reported"] = [_inside(spans.get(a, NO_SPANS), c)
                           for a, c in zip(markers["article_id"], markers["start_char"])]
    s = sentences[~sentences["is_heading"]][["article_id", "sent_idx", "paragraph_idx", "text"]].copy()
    keys = list(zip(s["article_id"], s["sent_idx"]))
    by_sentence = markers.groupby(["article_id", "sent_idx"])
    for name in HEDGE_MARKERS:
        found = set(zip(*[markers.loc[markers["marker"] == name, c] for c in ("article_id", "sent_idx")]))
        s[name] = [k in found for k in keys]
    # Looked up in dicts: `.get` on a grouped Series with a MultiIndex costs far more, once per sentence.
    forms = markers[markers["marker"] == "conditional"].groupby(["article_id", "sent_idx"])["text"].agg(" | ".join)
    forms = forms.to_dict()
    s["conditional_forms"] = [forms.get(k, "") for k in keys]
    s["any_hedge"] = s[list(HEDGE_MARKERS)].any(axis=1)
    with_voice = by_sentence["reported"].agg(narration=lambda r: (~r).any(), reported="any")
    narrated, reported = with_voice["narration"].to_dict(), with_voice["reported"].to_dict()
    s["sentence_voice"] = [_sentence_voice(t, start, spans.get(a, NO_SPANS)) for a, t, start in
                           zip(s["article_id"], s["text"], sentences.loc[s.index, "start_char"])]
    s["hedged_narration"] = [bool(narrated.get(k, False)) for k in keys]
    s["hedged_reported"] = [bool(reported.get(k, False)) for k in keys]
    return s.reset_index(drop=True)


def hedging_summary(hedges: pd.DataFrame, *, group: str = "article_id") -> pd.DataFrame:
    """Share of sentences with each marker, per group."""
    cols = [*HEDGE_MARKERS, "any_hedge"]
    out = hedges.groupby(group)[cols].mean()
    out.insert(0, "n_sentences", hedges.groupby(group).size())
    return out


def hedging_by_voice(hedges: pd.DataFrame, *, group: str = "article_id") -> pd.DataFrame:
    """Per group: the sentences that hold the journalist's words (narration or mixed) and the share of them with a
    hedge in those words; the same for reported speech (reported or mixed). A mixed sentence counts in both."""
    narration = hedges[hedges["sentence_voice"] != "reported"].groupby(group)["hedged_narration"]
    reported = hedges[hedges["sentence_voice"] != "narration"].groupby(group)["hedged_reported"]
    out = pd.DataFrame(index=pd.Index(sorted(hedges[group].unique()), name=group))
    out["narration_sentences"] = narration.size().reindex(out.index, fill_value=0)
    out["narration_hedged"] = narration.mean().reindex(out.index)
    out["reported_sentences"] = reported.size().reindex(out.index, fill_value=0)
    out["reported_hedged"] = reported.mean().reindex(out.index)
    return out


def mean_with_interval(scores: pd.DataFrame, *, by: list[str], value: str = "polarity", level: float = 0.95,
                       n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Per group of `by` (in order of first appearance): n (rows with a value), the mean of `value` and the
    percentile bootstrap interval of that mean at `level` (low, high), resampling rows (sentences) `n_boot` times
    with numpy's default_rng(seed): the same input gives the same interval, whatever the other groups. A boolean
    `value` gives a share. Rows without a value are left out; a group without any has n 0 and no mean."""
    rows = []
    for key, g in scores.groupby(by, sort=False):
        values = pd.to_numeric(g[value], errors="coerce").astype(float).dropna()
        mean, low, high = bootstrap_mean(values, n=n_boot, seed=seed, level=level)
        rows.append((*key, len(values), mean, low, high))
    out = pd.DataFrame(rows, columns=[*by, "n", "mean", "low", "high"])
    return out.astype({"n": int}).set_index(by)


def hedged_share_by_voice(hedges: pd.DataFrame, *, group: str = "article_id", level: float = 0.95,
                          n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """The shares of `hedging_by_voice` with their bootstrap intervals (see `mean_with_interval`): per group and
    voice ("narration": sentences holding the journalist's words; "reported speech": those holding reported
    speech; a mixed sentence counts in both), n sentences and the share hedged in that voice (mean, low, high)."""
    parts = {"narration": (hedges[hedges["sentence_voice"] != "reported"], "hedged_narration"),
             "reported speech": (hedges[hedges["sentence_voice"] != "narration"], "hedged_reported")}
    tables = {voice: mean_with_interval(rows, by=[group], value=column, level=level, n_boot=n_boot, seed=seed)
              for voice, (rows, column) in parts.items()}
    out = pd.concat(tables, names=["voice"]).swaplevel()
    out = out.reindex(pd.MultiIndex.from_product([list(pd.unique(hedges[group])), list(parts)],
                                                 names=[group, "voice"]))
    return out.fillna({"n": 0}).astype({"n": int})


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


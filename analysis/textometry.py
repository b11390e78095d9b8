"""French textometry as TXM, Lexico and IRaMuTeQ users know it, as pure functions of the token table.

- `specificities(tokens, by=...)`: Lafon's hypergeometric specificity of every unit in every part of a partition
  (article, outlet, period, genre or any column), as TXM and the R package `textometry` compute it.
- `repeated_segments(tokens)`: sequences of word forms occurring at least twice, never across punctuation, a
  sentence, a paragraph or a heading, with their dispersion over the parts.
- `cooccurrences(tokens, pivot, window=...)`: the units attracted by a pivot within its sentences or ±n words,
  scored by specificity (TXM's *Cooccurrences*); `cooccurrence_edges(tokens)` for a network of frequent lemmas.
- `progression(tokens, terms)`: cumulative frequency of terms along the corpus in date order (TXM *Progression*).
- `dispersion(tokens, by=...)`: frequency beside Juilland's D and Gries' DP.
- `concordance(tokens, term)`: keyword in context as written ("l'heure", not "l' heure"), paragraph and heading
  boundaries marked with ¶, with the first word either side as sort keys.
- `correspondence_analysis` (analysis.correspondence) and `reinert` (analysis.reinert) complete the set.

Units: `unit="lemma"` (lower-cased lemma), `"form"` (lower-cased word
form) or `"term"` (the `term` column of `L.terms`: a named actor once per mention). Words are tokens that are not
punctuation or space, the package's one word definition.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .correspondence import CA, biplot, correspondence_analysis  # noqa: F401  (the module's public set)
from .reinert import Reinert, characteristic_segments, class_spread, reinert, too_small  # noqa: F401
from .reinert import segments as text_segments  # noqa: F401
from .terms import specificity_scores  # noqa: F401  (one Lafon score for keyness and textometry)

UNITS = ("lemma", "form", "term")
BANALITY = 2.0  # |specificity| below this is banal (TXM's default threshold)
CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV")
PARAGRAPH_MARK = "¶"


def _require(tokens: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        raise ValueError(f"{what} needs a token table with the columns {', '.join(missing)} (use L.tokens or "
                         f"L.terms of analysis.pipeline())")


def words(tokens: pd.DataFrame) -> pd.DataFrame:
    """The word tokens (no punctuation, no space), in reading order."""
    _require(tokens, ["article_id", "token_idx", "text", "is_punct"], "words()")
    keep = ~tokens["is_punct"] & ~tokens["text"].str.isspace()
    return tokens[keep].sort_values(["article_id", "token_idx"], kind="stable").reset_index(drop=True)


def units(tokens: pd.DataFrame, unit: str = "lemma") -> pd.Series:
    """The unit of each token: lower-cased lemma, lower-cased form, or term (the model tags a name now PROPN, now
    NOUN: lower-casing every lemma keeps "Vladimir" and "vladimir" one unit)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if unit == "term":
        _require(tokens, ["term"], "unit='term'")
        return tokens["term"]
    if unit == "form":
        return tokens["text"].str.lower()
    return tokens["lemma"].str.lower()


# --- Specificities ------------------------------------------------------------------------------------------------

def specificities(tokens: pd.DataFrame, *, by: str, unit: str = "lemma", threshold: float = BANALITY,
                  min_freq: int = 1) -> pd.DataFrame:
    """Every unit × part of the partition `by` (a column of `tokens`: article_id, period, outlet, …): f (in the
    part), f_total, part_size, total, f_expected, specificity and `banal` (|specificity| < threshold). Units with fewer
    than `min_freq` occurrences are left out of the table (but counted in the sizes)."""
    _require(tokens, [by], "specificities()")
    w = words(tokens)
    w = w.assign(unit=units(w, unit).to_numpy())
    table = pd.crosstab(w["unit"], w[by])
    sizes, total = table.sum(axis=0), int(table.to_numpy().sum())
    table = table[table.sum(axis=1) >= min_freq]
    long = table.stack().rename("f").reset_index().rename(columns={by: "part"})
    long["f_total"] = long["unit"].map(table.sum(axis=1))
    long["part_size"] = long["part"].map(sizes).astype(int)
    long["total"] = total
    long["f_expected"] = long["f_total"] * long["part_size"] / total
    long["specificity"] = specificity_scores(long["f"], long["f_total"], long["part_size"], total)
    long["banal"] = long["specificity"].abs() < threshold
    long["part"] = long["part"].astype(str)
    return long.sort_values(["part", "specificity"], ascending=[True, False], kind="stable").reset_index(drop=True)


def specific_units(spec: pd.DataFrame, *, top: int = 10, min_freq: int = 2) -> pd.DataFrame:
    """The `top` most over-represented non-banal units of each part (at least `min_freq` occurrences in the part)."""
    over = spec[~spec["banal"] & (spec["specificity"] > 0) & (spec["f"] >= min_freq)]
    return over.groupby("part", group_keys=False).head(top).reset_index(drop=True)


# --- Written text: spacing, boundaries ----------------------------------------------------------------------------

def _joined(forms: list[str], starts: list[int], ends: list[int]) -> str:
    """Tokens joined as the text has them: a space only where the text had one (by character offsets)."""
    out = []
    for i, form in enumerate(forms):
        if i and starts[i] > ends[i - 1]:
            out.append(" ")
        out.append(form)
    return "".join(out)


def _runs(tokens: pd.DataFrame) -> pd.Series:
    """A run id per token: runs break at punctuation, sentences, paragraphs (headings are paragraphs) and articles."""
    t = tokens.sort_values(["article_id", "token_idx"], kind="stable")
    para = t["paragraph_idx"] if "paragraph_idx" in t else 0
    para = pd.Series(para, index=t.index).astype(str)
    key = t["article_id"].astype(str) + "|" + t["sent_idx"].astype(str) + "|" + para
    new = (key != key.shift()) | t["is_punct"] | t["is_punct"].shift(fill_value=True)
    return new.cumsum().where(~t["is_punct"]).reindex(tokens.index)


# --- Repeated segments --------------------------------------------------------------------------------------------

def repeated_segments(tokens: pd.DataFrame, *, min_freq: int = 2, min_len: int = 2, max_len: int = 8,
                      by: str = "article_id", maximal: bool = False) -> pd.DataFrame:
    """Sequences of `min_len`…`max_len` word forms (case-insensitive) that occur at least `min_freq` times, never
    across punctuation, a sentence, a paragraph, a heading or an article. One row per segment: segment (as most
    often written), n_words, freq, n_parts (parts of `by` where it occurs) and dp (Gries' dispersion over `by`).
    With `maximal=True`, a segment that only ever occurs inside a longer one ("guerre en" inside "la guerre en
    Ukraine", as often) is left out."""
    _require(tokens, ["article_id", "sent_idx", "token_idx", "text", "is_punct", "start_char", "end_char", by],
             "repeated_segments()")
    t = tokens[~tokens["text"].str.isspace()].sort_values(["article_id", "token_idx"], kind="stable")
    t = t.assign(run=_runs(t)).dropna(subset=["run"])
    runs = _run_slices(t, by)
    found: dict[str, list[tuple[int, int, int]]] = {}  # key → (run, first word, length) of each occurrence
    for r, (_, low, _, _, _) in enumerate(runs):
        for n in range(min_len, min(max_len, len(low)) + 1):
            for i in range(len(low) - n + 1):
                found.setdefault(" ".join(low[i:i + n]), []).append((r, i, n))
    sizes = words(t).groupby(by).size()
    parts, shares = list(sizes.index), (sizes / sizes.sum()).to_numpy()
    rows = []
    for key, hits in found.items():
        if len(hits) < min_freq:
            continue
        written = [_joined(*(col[i:i + n] for col in (runs[r][0], runs[r][2], runs[r][3]))) for r, i, n in hits]
        per_part = Counter(runs[r][4] for r, _, _ in hits)
        rows.append({"key": key, "segment": _most_written(written), "n_words": len(key.split()), "freq": len(hits),
                     "n_parts": len(per_part), "dp": _dp(np.array([per_part.get(p, 0) for p in parts]), shares)})
    out = pd.DataFrame(rows, columns=["key", "segment", "n_words", "freq", "n_parts", "dp"])
    if maximal:
        freq = dict(zip(out["key"], out["freq"]))
        inside = set()
        for key, n in freq.items():  # a sub-segment as frequent as its extension never occurs without it
            parts = key.split()
            inside |= {sub for sub in (" ".join(parts[1:]), " ".join(parts[:-1])) if freq.get(sub) == n}
        out = out[~out["key"].isin(inside)]
    out = out.drop(columns="key")
    return out.sort_values(["freq", "n_words", "segment"], ascending=[False, False, True], kind="stable"
                           ).reset_index(drop=True)


def _run_slices(t: pd.DataFrame, by: str) -> list[tuple[list, list, list, list, object]]:
    """Per run of `t` (rows of one run are consecutive), in order: its forms, lower-cased forms, start and end
    offsets, and its part of `by`."""
    run = t["run"].to_numpy()
    bounds = [0, *(np.flatnonzero(run[1:] != run[:-1]) + 1).tolist(), len(run)] if len(run) else [0]
    forms, low = t["text"].tolist(), t["text"].str.lower().tolist()
    starts, ends, part = t["start_char"].tolist(), t["end_char"].tolist(), t[by].tolist()
    return [(forms[a:b], low[a:b], starts[a:b], ends[a:b], part[a]) for a, b in zip(bounds, bounds[1:])]


def _most_written(written: list[str]) -> str:
    """The most frequent spelling (pandas' value_counts order, which decides ties)."""
    return written[0] if len(set(written)) == 1 else pd.Series(written).value_counts().index[0]


def _dp(counts: np.ndarray, shares: np.ndarray) -> float:
    """`gries_dp` on arrays: the counts per part and each part's share of the corpus."""
    f = counts.sum()
    return float(0.5 * np.abs(counts / f - shares).sum()) if f else float("nan")


# --- Dispersion ---------------------------------------------------------------------------------------------------

def gries_dp(counts: pd.Series, sizes: pd.Series) -> float:
    """Gries' DP: half the sum of |share of the occurrences − share of the corpus| over the parts (0: spread as the
    parts' sizes, towards 1: all in one small part)."""
    f = counts.sum()
    return float(0.5 * np.abs(counts / f - sizes / sizes.sum()).sum()) if f else float("nan")


def juilland_d(counts: pd.Series, sizes: pd.Series) -> float:
    """Juilland's D: 1 − V/√(n−1), V the coefficient of variation of the relative frequencies in the n parts
    (1: even, 0: all in one part)."""
    rel = counts / sizes
    n = len(rel)
    if n < 2 or rel.mean() == 0:
        return float("nan")
    return float(1 - (rel.std(ddof=0) / rel.mean()) / np.sqrt(n - 1))


def dispersion(tokens: pd.DataFrame, *, by: str = "article_id", unit: str = "lemma", min_freq: int = 2
               ) -> pd.DataFrame:
    """Per unit (at least `min_freq` occurrences): freq, n_parts, juilland_d and dp over the parts of `by`."""
    _require(tokens, [by], "dispersion()")
    w = words(tokens)
    table = pd.crosstab(units(w, unit).to_numpy(), w[by])
    sizes = table.sum(axis=0)
    table = table[table.sum(axis=1) >= min_freq]
    out = pd.DataFrame({"unit": table.index, "freq": table.sum(axis=1).to_numpy(),
                        "n_parts": (table > 0).sum(axis=1).to_numpy(),
                        "juilland_d": [juilland_d(row, sizes) for _, row in table.iterrows()],
                        "dp": [gries_dp(row, sizes) for _, row in table.iterrows()]})
    return out.sort_values(["freq", "unit"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --- Co-occurrences -----------------------------------------------------------------------------------------------

def _pivot_hits(w: pd.DataFrame, unit_values: pd.Series, pivot: str) -> np.ndarray:
    """Positions (in `w`) where the pivot starts: its unit or its lower-cased form; a multi-word pivot matches
    consecutive words."""
    parts = pivot.lower().split()
    low_units, low_forms = unit_values.str.lower().to_numpy(), w["text"].str.lower().to_numpy()
    ok = np.ones(len(w) - len(parts) + 1, dtype=bool) if len(w) >= len(parts) else np.zeros(0, dtype=bool)
    for k, p in enumerate(parts):
        ok &= (low_units[k:len(w) - len(parts) + 1 + k] == p) | (low_forms[k:len(w) - len(parts) + 1 + k] == p)
    return np.flatnonzero(ok)


def cooccurrences(tokens: pd.DataFrame, pivot: str, *, window: str | int = "sentence", unit: str = "lemma",
                  min_cofreq: int = 2, threshold: float = BANALITY, content_only: bool = True) -> pd.DataFrame:
    """The units attracted by `pivot` (a lemma, a form or several words) as TXM's *Cooccurrences* computes them:
    the context is the union of the pivot's windows (its sentences with `window="sentence"`, else ±`window` words
    within its sentence: a window never crosses a sentence), the pivot's own words left out; each unit's
    co-frequency in the context is scored by Lafon's specificity against its corpus frequency. One row per unit
    with cofreq ≥ `min_cofreq` and specificity ≥ `threshold`: unit, cofreq, freq, specificity, mean_distance (in
    words), n_contexts (pivot occurrences)."""
    w = words(tokens)
    u = units(w, unit)
    hits = _pivot_hits(w, u, pivot)
    n_pivot = len(pivot.split())
    columns = ["unit", "cofreq", "freq", "specificity", "mean_distance", "n_contexts"]
    if not len(hits):
        return pd.DataFrame(columns=columns)
    article = w["article_id"].to_numpy()
    pivot_pos = np.zeros(len(w), dtype=bool)
    for h in hits:
        pivot_pos[h:h + n_pivot] = True
    distance = np.full(len(w), np.inf)
    in_context = np.zeros(len(w), dtype=bool)
    pos = np.arange(len(w))
    sentence = w["sent_idx"].to_numpy()
    for h in hits:
        same = (article == article[h]) & (sentence == sentence[h])
        if window != "sentence":
            same &= (pos >= h - int(window)) & (pos < h + n_pivot + int(window))
        in_context |= same
        distance = np.where(same, np.minimum(distance, np.where(pos < h, h - pos, pos - (h + n_pivot - 1))), distance)
    in_context &= ~pivot_pos
    ctx = pd.DataFrame({"unit": u[in_context].to_numpy(), "distance": distance[in_context]})
    freq = u[~pivot_pos].value_counts()
    grouped = ctx.groupby("unit")["distance"]
    out = pd.DataFrame({"cofreq": grouped.size(), "mean_distance": grouped.mean()})
    out["freq"] = freq.reindex(out.index).to_numpy()
    out["specificity"] = specificity_scores(out["cofreq"], out["freq"], int(in_context.sum()),
                                            int((~pivot_pos).sum()))
    out["n_contexts"] = len(hits)
    if content_only:
        pos_of = pd.Series(w["pos"].to_numpy(), index=u.to_numpy())
        stop_of = pd.Series(w["is_stop"].to_numpy(), index=u.to_numpy())
        pos_of, stop_of = pos_of[~pos_of.index.duplicated()], stop_of[~stop_of.index.duplicated()]
        out = out[out.index.map(pos_of).isin(CONTENT_POS) & ~out.index.map(stop_of).astype(bool)]
    out = out[(out["cofreq"] >= min_cofreq) & (out["specificity"] >= threshold)]
    out = out.rename_axis("unit").reset_index()[columns]
    return out.sort_values(["specificity", "unit"], ascending=[False, True], kind="stable").reset_index(drop=True)


def cooccurrence_edges(tokens: pd.DataFrame, *, top: int = 30, unit: str = "lemma", min_cofreq: int = 2
                       ) -> pd.DataFrame:
    """A network of the `top` most frequent content units: one edge per pair that shares at least `min_cofreq`
    sentences, with cofreq (sentences shared) and specificity (Lafon's, of the co-occurrence given each unit's
    number of sentences). Columns: source, target, cofreq, specificity, source_freq, target_freq."""
    w = words(tokens)
    w = w[w["pos"].isin(CONTENT_POS) & ~w["is_stop"]].assign(unit=lambda d: units(d, unit).to_numpy())
    sentence = w["article_id"].astype(str) + "|" + w["sent_idx"].astype(str)
    presence = pd.crosstab(sentence, w["unit"]).clip(upper=1)
    n_sentences = int(tokens.groupby(["article_id", "sent_idx"]).ngroups)
    chosen = w["unit"].value_counts().head(top).index
    presence = presence[[c for c in chosen if c in presence.columns]]
    both = presence.T @ presence
    counts = presence.sum(axis=0)
    names, shared = list(both.index), both.to_numpy()  # rows and columns: the same units, in the same order
    pairs = [(a, names[j], int(shared[i, j]), int(counts[a]), int(counts[names[j]])) for i, a in enumerate(names)
             for j in range(i + 1, len(names)) if int(shared[i, j]) >= min_cofreq]
    # Every pair scored in one call (each score is computed on its own: the same as one call per pair).
    scores = specificity_scores([p[2] for p in pairs], [p[4] for p in pairs], [p[3] for p in pairs], n_sentences)
    rows = [{"source": a, "target": b, "cofreq": k, "specificity": float(score), "source_freq": fa, "target_freq": fb}
            for (a, b, k, fa, fb), score in zip(pairs, scores)]
    out = pd.DataFrame(rows, columns=["source", "target", "cofreq", "specificity", "source_freq", "target_freq"])
    return out.sort_values(["cofreq", "specificity"], ascending=False, kind="stable").reset_index(drop=True)


# --- Progression --------------------------------------------------------------------------------------------------

def corpus_order(tokens: pd.DataFrame, corpus: pd.DataFrame | None = None) -> list[str]:
    """The articles in date order (publication date, then id), else by id."""
    ids = list(dict.fromkeys(tokens["article_id"]))
    if corpus is None or "published" not in corpus:
        return sorted(ids)
    dated = corpus.set_index("article_id")["published"]
    return sorted(ids, key=lambda a: (dated.get(a, pd.Timestamp.max), a))


def progression(tokens: pd.DataFrame, terms: list[str], *, unit: str = "lemma",
                corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cumulative frequency of each term along the corpus, articles in date order (`corpus` gives the dates): one
    row per occurrence with query (the term asked for), position (word offset in the whole corpus), cumulative,
    article_id. A term matches its unit or its lower-cased form; several words match consecutive words."""
    order = corpus_order(tokens, corpus)
    w = words(tokens)
    w = w.set_index("article_id").loc[order].reset_index()
    u = units(w, unit)
    rows = []
    for term in terms:
        hits = _pivot_hits(w, u, term)
        for n, h in enumerate(hits, start=1):
            rows.append({"query": term, "position": int(h), "cumulative": n, "article_id": w["article_id"].iat[h]})
    return pd.DataFrame(rows, columns=["query", "position", "cumulative", "article_id"])


def article_starts(tokens: pd.DataFrame, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where each article starts in the progression's word positions: article_id, position, n_words."""
    order = corpus_order(tokens, corpus)
    sizes = words(tokens).groupby("article_id").size().reindex(order)
    return pd.DataFrame({"article_id": order, "position": np.concatenate([[0], sizes.cumsum().to_numpy()[:-1]]),
                         "n_words": sizes.to_numpy()})


# --- Concordance --------------------------------------------------------------------------------------------------

def _context(g: pd.DataFrame, lo: int, hi: int, anchor_para) -> str:
    """Words lo..hi-1 of an article as written, with ¶ where a paragraph or heading boundary falls."""
    if lo >= hi:
        return ""
    part = g.iloc[lo:hi]
    pieces, forms, starts, ends = [], [], [], []
    paras = part["paragraph_idx"].tolist() if "paragraph_idx" in part else [anchor_para] * len(part)
    for i, (form, s, e) in enumerate(zip(part["text"], part["start_char"], part["end_char"])):
        if i and paras[i] != paras[i - 1]:
            pieces.append(_joined(forms, starts, ends))
            forms, starts, ends = [], [], []
        forms.append(form), starts.append(s), ends.append(e)
    pieces.append(_joined(forms, starts, ends))
    return f" {PARAGRAPH_MARK} ".join(pieces)


def concordance(tokens: pd.DataFrame, term: str, *, window: int = 10, unit: str = "lemma") -> pd.DataFrame:
    """Keyword in context for any term (unit or form, one or several words): article_id, sent_idx, left, keyword,
    right as written (punctuation included, spaces as in the text, ¶ at paragraph and heading boundaries), and
    left_word / right_word (the nearest word either side, lower-cased) to sort by left or right context."""
    _require(tokens, ["article_id", "sent_idx", "token_idx", "text", "lemma", "pos", "is_punct", "start_char",
                      "end_char"], "concordance()")
    t = tokens[~tokens["text"].str.isspace()].sort_values(["article_id", "token_idx"], kind="stable")
    rows = []
    n = len(term.split())
    for article_id, g in t.groupby("article_id", sort=False):
        g = g.reset_index(drop=True)
        u = units(g, unit)
        for h in _pivot_hits(g, u, term):
            para = g["paragraph_idx"].iat[h] if "paragraph_idx" in g else 0
            is_word = ~g["is_punct"]
            before = [i for i in range(h - 1, -1, -1) if is_word.iat[i]][:window]
            after = [i for i in range(h + n, len(g)) if is_word.iat[i]][:window]
            lo, hi = (before[-1] if before else h), ((after[-1] + 1) if after else h + n)
            rows.append({"article_id": article_id, "sent_idx": int(g["sent_idx"].iat[h]),
                         "left": _context(g, lo, h, para), "keyword": _context(g, h, h + n, para),
                         "right": _context(g, h + n, hi, para),
                         "left_word": g["text"].iat[before[0]].lower() if before else "",
                         "right_word": g["text"].iat[after[0]].lower() if after else ""})
    return pd.DataFrame(rows, columns=["article_id", "sent_idx", "left", "keyword", "right", "left_word",
                                       "right_word"])

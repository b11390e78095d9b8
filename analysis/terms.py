"""Term frequency and keyness: vocabulary profiles, frequency tables, n-grams, G², Lafon, log-odds, KWIC.

Every function takes a token table (analysis.tokens) and a grouping column, so it works for any number of
articles and any grouping (`article_id`, `period`, or a column you add), not only August vs November.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from .hypergeom import log_tail
from .mentions import counted

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
# Words that cannot start or end a multi-word term, besides stop words.
FUNCTION_POS = ("AUX", "DET", "ADP", "PRON", "CCONJ", "SCONJ")


# --- terms ----------------------------------------------------------------------------------------------
def term_tokens(tokens: pd.DataFrame, corpus: pd.DataFrame, mentions: pd.DataFrame,
                actors: pd.DataFrame) -> pd.DataFrame:
    """Word tokens (punctuation out) with their `term`: the lower-cased lemma (proper nouns keep their case,
    prepositions their form), or, for a named person, institution or group, the canonical name once per
    mention ("Vladimir Poutine", not "vladimir" + "poutine").

    Adds `period` and `published` from the corpus, `is_content` (noun, proper noun, verb or adjective that is
    not a stop word, or a named actor) and `is_actor`. Numbers are not content. Counts the name mentions that
    count the actor (`analysis.counted(mentions, ("name",))`: not an institution's name used as a place), never
    role descriptions or pronouns; a name inside another's role ("porte-parole de la Maison-Blanche, Karoline
    Leavitt") is a term of its own.
    """
    t = tokens[~tokens["is_punct"]].copy()
    # Prepositions do not inflect: the small model's lemma ("entre" → "entrer") is replaced by the form.
    # Names keep their case ("Moscou", "Alaska"): a capitalised content word whose lemma is the word itself.
    named_word = (t["text"].str[:1].str.isupper() & (t["lemma"].str.lower() == t["text"].str.lower())
                  & t["pos"].isin(["PROPN", "NOUN", "ADJ"]) & ~t["is_stop"])
    t["term"] = t["lemma"].str.lower().where(t["pos"] != "ADP", t["text"].str.lower()).where(
        ~named_word, t["text"]).where(t["pos"] != "PROPN", t["lemma"].where(~named_word, t["text"]))
    t["is_actor"] = False
    t["is_content"] = t["pos"].isin(CONTENT_POS) & ~t["is_stop"] & ~t["like_num"]
    # Persons, institutions and groups become one term; states stay words ("Moscou" is a place as often as not).
    kinds = actors.set_index("actor")["actor_kind"]
    named = counted(mentions, ("name",))
    named = named[named["actor"].map(kinds) != "state"]
    t = _one_term_per_mention(t, named)
    meta = corpus.set_index("article_id")
    t["period"] = t["article_id"].map(meta["period"])
    t["published"] = t["article_id"].map(meta["published"])
    return t


def _one_term_per_mention(t: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """The first token of each named mention becomes the actor's term; the mention's other tokens go (a name
    nested in another mention, which comes after it, keeps its first token). Mentions are read in order: a later
    one that holds a token decides what becomes of it."""
    drop: set = set()
    first: dict[int, str] = {}  # row position of a mention's first token → the actor (the last such mention's)
    positions = t.groupby("article_id", sort=False).indices
    starts_all = t["start_char"].to_numpy()
    for article_id, group in named.groupby("article_id", sort=False):
        idx = positions.get(article_id)
        if idx is None:
            continue
        for inside, actor in zip(tokens_starting_inside(starts_all[idx], group["start_char"], group["end_char"]),
                                 group["actor"]):
            if len(inside):
                first[int(idx[inside[0]])] = actor
                drop.discard(t.index[idx[inside[0]]])
                drop.update(t.index[idx[inside[1:]]])
    if first:  # set at once: a string column backed by Arrow is copied whole by each single-cell assignment
        rows = list(first)
        t.iloc[rows, t.columns.get_loc("term")] = list(first.values())
        t.iloc[rows, [t.columns.get_loc(c) for c in ("is_actor", "is_content")]] = True
    return t.drop(index=sorted(drop))


def tokens_starting_inside(starts, span_starts, span_ends) -> list[np.ndarray]:
    """For each span [start, end), the tokens (positions in `starts`, ascending) whose start is inside it: by
    bisection over the sorted starts, not a scan of all of them per span. `starts` need not be sorted."""
    starts = np.asarray(starts)
    order = np.argsort(starts, kind="stable")
    ordered = starts[order]
    lo = np.searchsorted(ordered, np.asarray(span_starts), side="left")
    hi = np.searchsorted(ordered, np.asarray(span_ends), side="left")
    return [np.sort(order[a:b]) for a, b in zip(lo.tolist(), hi.tolist())]


# --- vocabulary and frequencies ---------------------------------------------------------------------------
def vocabulary_profile(terms: pd.DataFrame, *, group: str = "article_id") -> pd.DataFrame:
    """Per group: word tokens, types (distinct lower-cased word forms), type/token ratio, hapaxes, lexical
    density (share of content words among word tokens)."""
    rows = []
    for key, g in terms.groupby(group):
        forms = g["text"].str.lower()
        counts = forms.value_counts()
        rows.append({group: key, "n_tokens": len(g), "n_types": len(counts),
                     "type_token_ratio": len(counts) / len(g), "n_hapaxes": int((counts == 1).sum()),
                     "lexical_density": g["is_content"].mean()})
    return pd.DataFrame(rows).set_index(group)


def frequencies(terms: pd.DataFrame, *, group: str = "article_id", content_only: bool = True) -> pd.DataFrame:
    """Term × group counts (content words and named actors by default)."""
    t = terms[terms["is_content"]] if content_only else terms
    return pd.crosstab(t["term"], t[group])


def frequency_table(terms: pd.DataFrame, *, group: str = "article_id", top: int = 15) -> pd.DataFrame:
    """The top content terms of each group: count and rate per 1,000 words (of all word tokens)."""
    counts = frequencies(terms, group=group)
    sizes = terms.groupby(group).size()
    rows = []
    for key in counts.columns:
        col = counts[key].sort_values(ascending=False, kind="stable")
        col = col[col > 0].head(top)
        for rank, (term, n) in enumerate(col.items(), start=1):
            rows.append({group: key, "rank": rank, "term": term, "count": int(n), "per_1000": 1000 * n / sizes[key]})
    return pd.DataFrame(rows)


def ngrams(terms: pd.DataFrame, *, n: int = 2, group: str = "article_id", min_count: int = 2) -> pd.DataFrame:
    """Lemma n-grams within sentences that neither start nor end with a stop word ("accord de principe",
    "prochain jour"), with counts per group, most frequent first."""
    # Rows in sentence order, each sentence's words together (as grouped by group, article and sentence), so that
    # the n words from position i belong to one sentence exactly when the first and the last do.
    sentence = terms.groupby([group, "article_id", "sent_idx"], sort=False).ngroup().to_numpy()
    grouped = np.flatnonzero(sentence >= 0)  # a row with no group (NaN) is in no sentence, as in a groupby
    order = grouped[np.argsort(sentence[grouped], kind="stable")]
    sentence = sentence[order]
    lemmas = terms["term"].to_numpy(dtype=object)[order]
    stops = ((terms["is_stop"] | terms["pos"].isin(FUNCTION_POS) | terms["term"].str.startswith("-"))
             & ~terms["is_actor"]).to_numpy(dtype=bool)[order]
    first = np.arange(max(len(lemmas) - n + 1, 0))
    last = first + n - 1
    keep = first[(sentence[first] == sentence[last]) & ~stops[first] & ~stops[last]]
    keys = terms[group].to_numpy(dtype=object)[order]
    table = pd.DataFrame([(keys[i], " ".join(lemmas[i:i + n])) for i in keep], columns=[group, "ngram"])
    counts = pd.crosstab(table["ngram"], table[group])
    counts["total"] = counts.sum(axis=1)
    return counts[counts["total"] >= min_count].sort_values(["total"], ascending=False, kind="stable")


# --- keyness --------------------------------------------------------------------------------------------
def g2(a: float, b: float, c: float, d: float) -> float:
    """Dunning's log-likelihood G² on the 2×2 table (term in target a, in reference b; sizes c, d)."""
    table = np.array([[a, b], [c - a, d - b]], dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    mask = table > 0
    return float(2 * (table[mask] * np.log(table[mask] / expected[mask])).sum())


def log_ratio(a: float, b: float, c: float, d: float, *, smoothing: float = 0.5) -> float:
    """Hardie's log ratio: log2 of the ratio of relative frequencies (0.5 added to zero counts)."""
    a2 = a if a > 0 else smoothing
    b2 = b if b > 0 else smoothing
    return math.log2((a2 / c) / (b2 / d))


def specificity_scores(k, f, t, total) -> np.ndarray:
    """Lafon's specificity for arrays of counts: k occurrences in a part of t words, f in the corpus of `total`.

    As `textometry::specificities` (and TXM): when k ≥ the expected f·t/total, +|log10 P(X ≥ k)|; otherwise
    log10 P(X ≤ k) (negative), X hypergeometric. The log tails come from `analysis.hypergeom`, all counts at once
    (scipy's, element by element over the whole support, took minutes at 6,000 documents); tiny probabilities
    keep their magnitude."""
    k, f, t, n = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (k, f, t, total)))
    up = k >= f * t / n
    score = np.empty(k.shape)
    score[up] = -log_tail(k[up], f[up], t[up], n[up], upper=True) / np.log(10)  # +|log10 P(X ≥ k)|
    score[~up] = log_tail(k[~up], f[~up], t[~up], n[~up], upper=False) / np.log(10)  # log10 P(X ≤ k)
    return np.where(np.isfinite(score), score, 0.0) + 0.0


def lafon_specificity(a: int, f: int, part: int, total: int) -> float:
    """Lafon's specificity of one count (see `specificity_scores`): a occurrences in a part of `part` words, f in
    a corpus of `total`."""
    return float(specificity_scores([a], [f], [part], total)[0])


def log_odds_dirichlet(y_i: pd.Series, y_j: pd.Series, prior: pd.Series, *, prior_size: float | None = None
                       ) -> pd.DataFrame:
    """Monroe, Colaresi & Quinn (2008): log-odds ratio with an informative Dirichlet prior, and its z-score.

    `prior` holds background counts per term (the whole corpus here); scaled to `prior_size` (default: its
    own total). δ = log((y_i+α)/(n_i+α0−y_i−α)) − log((y_j+α)/(n_j+α0−y_j−α)); var ≈ 1/(y_i+α) + 1/(y_j+α).
    """
    terms = prior.index
    yi, yj = y_i.reindex(terms, fill_value=0).astype(float), y_j.reindex(terms, fill_value=0).astype(float)
    a0 = float(prior.sum()) if prior_size is None else float(prior_size)
    alpha = prior.astype(float) * a0 / float(prior.sum())
    ni, nj = yi.sum(), yj.sum()
    delta = (np.log((yi + alpha) / (ni + a0 - yi - alpha)) - np.log((yj + alpha) / (nj + a0 - yj - alpha)))
    var = 1 / (yi + alpha) + 1 / (yj + alpha)
    return pd.DataFrame({"log_odds": delta, "log_odds_z": delta / np.sqrt(var)})


def keyness(terms: pd.DataFrame, *, target: str, group: str = "period",
            content_only: bool = True, min_count: int = 2) -> pd.DataFrame:
    """Keyness of every term, target group vs the rest: counts, G² (signed), its p-value, log ratio, Lafon's
    specificity, log-odds z-score with the whole corpus as prior. Sorted by signed G², target terms first.

    Terms below `min_count` in the whole corpus are left out. `c` and `d` are the sizes (all word tokens).
    """
    return keyness_of_counts(*term_counts(terms, group=group, content_only=content_only), target=target,
                             group=group, min_count=min_count)


def term_counts(terms: pd.DataFrame, *, group: str = "period", content_only: bool = True
                ) -> tuple[pd.DataFrame, pd.Series]:
    """(term × group counts, word tokens per group): what keyness needs. Counted partition by partition
    (`L.iter("terms", ["term", group, "is_content"])`) and added with `add_counts`, they are the whole corpus's."""
    return frequencies(terms, group=group, content_only=content_only), terms.groupby(group).size()


def add_counts(pieces) -> tuple[pd.DataFrame, pd.Series]:
    """The sum of `term_counts` of several partitions (terms and groups missing from one count zero there)."""
    counts, sizes = pd.DataFrame(dtype=int), pd.Series(dtype=int)
    for c, s in pieces:
        counts = counts.add(c, fill_value=0)
        sizes = sizes.add(s, fill_value=0)
    return counts.fillna(0).astype(int).rename_axis(index="term", columns=counts.columns.name), sizes.astype(int)


def keyness_of_counts(counts: pd.DataFrame, sizes: pd.Series, *, target: str, group: str = "period",
                      min_count: int = 2) -> pd.DataFrame:
    """`keyness` from term × group counts and group sizes (see `term_counts`)."""
    if target not in counts.columns:
        raise ValueError(f"no group {target!r} in column {group!r}; groups are {sorted(counts.columns)}")
    return _keyness(counts, sizes, target, min_count)


def _keyness(counts: pd.DataFrame, sizes: pd.Series, target: str, min_count: int) -> pd.DataFrame:
    a = counts[target]
    b = counts.drop(columns=target).sum(axis=1)
    c, d = float(sizes[target]), float(sizes.drop(target).sum())
    keep = (a + b) >= min_count
    a, b = a[keep].astype(float), b[keep].astype(float)
    # G² on every term's 2×2 table at once (cells a, b / c − a, d − b), signed by direction.
    cells = np.stack([a, b, c - a, d - b])
    rows_, cols_ = np.stack([a + b, a + b, c + d - a - b, c + d - a - b]), np.array([[c], [d], [c], [d]])
    expected = rows_ * cols_ / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms_ = np.where(cells > 0, cells * np.log(cells / expected), 0.0)
    value = 2 * terms_.sum(axis=0)
    over = a / c >= b / d
    a2, b2 = np.where(a > 0, a, 0.5), np.where(b > 0, b, 0.5)
    lafon = specificity_scores(a, a + b, c, c + d)
    out = pd.DataFrame({"target_count": a.astype(int), "reference_count": b.astype(int),
                        "target_per_1000": 1000 * a / c, "reference_per_1000": 1000 * b / d,
                        "g2": np.where(over, value, -value), "p_value": stats.chi2.sf(value, 1),
                        "log_ratio": np.log2((a2 / c) / (b2 / d)),
                        "lafon": lafon}, index=a.index)
    out.index.name = "term"
    lo = log_odds_dirichlet(a, b, a + b)
    # The prior is the whole corpus (a + b); the counts are compared per side.
    out = out.join(lo)
    # Ties in G² are common in a small corpus: order them by term so that the ranking is reproducible.
    out = out.rename_axis("term").reset_index().sort_values(["g2", "term"], ascending=[False, True])
    return out.set_index("term")


def stability(terms: pd.DataFrame, *, target: str, leave_out_from: str, group: str = "period",
              threshold: float = 3.84, top: int = 20) -> pd.DataFrame:
    """Leave-one-article-out keyness: drop each article of `leave_out_from` in turn and recompute. A term that
    stays key (|G²| ≥ `threshold`, i.e. p < 0.05, same direction) every time is `stable`, else `fragile`.

    Rows: the `top` terms each way of the full comparison, with G² in each run and the verdict.
    """
    full = keyness(terms, group=group, target=target)
    chosen = pd.concat([full.head(top), full.tail(top)])
    chosen = chosen[~chosen.index.duplicated()]
    runs = {}
    for article in sorted(terms.loc[terms[group] == leave_out_from, "article_id"].unique()):
        k = keyness(terms[terms["article_id"] != article], group=group, target=target, min_count=1)
        runs[f"without {article}"] = k["g2"].reindex(chosen.index).fillna(0.0)
    table = pd.DataFrame(runs)
    direction = np.sign(chosen["g2"])
    stable = table.apply(lambda col: (np.sign(col) == direction) & (col.abs() >= threshold)).all(axis=1)
    table.insert(0, "g2_all", chosen["g2"])
    table["verdict"] = np.where(stable & (chosen["g2"].abs() >= threshold), "stable", "fragile")
    return table


# --- concordance and trajectories -----------------------------------------------------------------------
def concordance(tokens: pd.DataFrame, term: str, *, window: int = 8,
                corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword in context: every token whose lemma or lower-cased form is `term` (or that starts a
    multi-word term), with `window` words either side, the article and, with `corpus`, its date."""
    t = tokens[~tokens["text"].str.isspace()].reset_index(drop=True)
    words = term.lower().split()
    rows = []
    for article_id, g in t.groupby("article_id", sort=False):
        g = g.reset_index(drop=True)
        lemmas, forms = list(g["lemma"].str.lower()), list(g["text"].str.lower())
        for i in range(len(g) - len(words) + 1):
            if all(lemmas[i + k] == w or forms[i + k] == w for k, w in enumerate(words)):
                j = i + len(words)
                rows.append({"article_id": article_id, "sent_idx": g.loc[i, "sent_idx"],
                             "left": " ".join(g["text"][max(0, i - window):i]),
                             "keyword": " ".join(g["text"][i:j]),
                             "right": " ".join(g["text"][j:j + window])})
    out = pd.DataFrame(rows, columns=["article_id", "sent_idx", "left", "keyword", "right"])
    if corpus is not None:
        meta = corpus.set_index("article_id")
        out.insert(1, "published", out["article_id"].map(meta["published"]).dt.date)
    return out


def trajectories(terms: pd.DataFrame, chosen: list[str], *, group: str = "period") -> pd.DataFrame:
    """Relative frequency (per 1,000 words) of chosen terms in each group: terms × groups."""
    sizes = terms.groupby(group).size()
    counts = pd.crosstab(terms["term"], terms[group]).reindex(chosen, fill_value=0)
    return 1000 * counts / sizes

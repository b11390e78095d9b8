"""Reinert's descending hierarchical classification (ALCESTE, IRaMuTeQ's CHD, R's rainette) of text segments:
`segments` cuts articles into segments of about 40 words, `reinert` classifies them (`classify`: a ready
segment × term table). As in rainette, on a binary presence/absence segment × term matrix the cluster with the
most segments is split in two, again and again (`correspondence.bipartition`: order on the first CA axis, cut
where the chi-squared of the 2 × terms table is highest, then move single segments while it grows), and each part
keeps the terms in at least `min_member_freq` of its segments, a term tied to the split (contingency coefficient
sqrt(chi2 / (chi2 + n)) over `cc_test`) only in the part where it is over-represented. Segments with no term are
unclassified (class 0), as are those left without any of their cluster's terms when it is split (as in rainette).
Departures from rainette: `min_segment_size` is the least number of segments of a class (the cut and the moves
respect it; rainette's `min_segment_size` merges short segments instead), and a cluster that cannot be split is
left as a class and the next biggest is tried (rainette stops there).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse, stats

from .correspondence import bipartition

REQUIRED = ("article_id", "sent_idx", "token_idx", "text", "lemma", "pos", "is_punct", "is_stop")
UNIT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV")
CHI2_05 = stats.chi2.ppf(0.95, 1)  # 3.84: the association a crossed class or a specific term must pass


@dataclass(frozen=True)
class Reinert:
    """A classification. `segments`: the segment table plus `class` (1..k along the dendrogram; 0: unclassified),
    with `double=True` also `class_1` and `class_2` (each run's); `tree` (see `classify`); `profiles` (see
    `profiles`); `matrix`: the binary segments × `terms` matrix classified (rows as `segments`); `crossings`
    (double only, see `reinert`); `notes`: what a reader must know (too small a corpus, segments set aside…)."""

    segments: pd.DataFrame
    tree: pd.DataFrame
    profiles: pd.DataFrame
    matrix: sparse.csr_matrix = field(repr=False)
    terms: tuple = field(repr=False)
    crossings: pd.DataFrame | None = field(default=None, repr=False)
    notes: tuple = ()

    @property
    def n_classes(self) -> int:
        return int(self.segments["class"].max()) if len(self.segments) else 0

    def __repr__(self) -> str:
        return f"Reinert({len(self.segments)} segments, {self.n_classes} classes, " \
               f"{(self.segments['class'] == 0).sum()} unclassified)"


def too_small(n_segments: int, n_classes: int, min_segment_size: int) -> str | None:
    """Why `n_segments` (non-empty) segments are too few for `n_classes` classes, or None. Too small means fewer
    than n_classes × min_segment_size: a class is split only if it holds 2 × min_segment_size segments or more,
    each part keeping min_segment_size or more, so k classes need k × min_segment_size segments (a floor only)."""
    if n_segments >= n_classes * min_segment_size:
        return None
    return (f"{n_segments} segments are too few for {n_classes} classes of at least {min_segment_size} segments "
            f"each: that needs at least {n_classes * min_segment_size} segments (n_classes × min_segment_size). "
            f"They allow at most {max(n_segments // min_segment_size, 1)} class(es): ask for fewer, cut shorter "
            f"segments, lower min_segment_size or add articles.")


# --- segments -------------------------------------------------------------------------------------------------
def _sentence_groups(words: np.ndarray, article: np.ndarray, target: int) -> np.ndarray:
    """Group consecutive sentences (word counts `words`, of `article`) into segments of about `target` words: a
    sentence joins the current segment if that brings it closer to `target`; a sentence over 2 × target stands
    alone; a short last segment of an article (under target / 2) joins the one before if they stay ≤ 1.5 target."""
    group, cur, g = np.empty(len(words), dtype=int), 0, -1
    for s, w in enumerate(words):
        long = w > 2 * target or (s > 0 and words[s - 1] > 2 * target)
        if s == 0 or article[s] != article[s - 1] or long or (cur > 0 and cur + w - target >= target - cur):
            g, cur = g + 1, 0
        group[s], cur = g, cur + w
    size, ends = np.bincount(group, weights=words), np.flatnonzero(np.r_[article[1:] != article[:-1], True])
    for s, f in zip(ends, np.searchsorted(group, group[ends])):  # f: the first sentence of the article's last group
        if (f > 0 and article[f - 1] == article[s] and words[f - 1] <= 2 * target and size[group[s]] < target / 2
                and size[group[s] - 1] + size[group[s]] <= 1.5 * target):
            group[f:s + 1] = group[s] - 1
    return np.unique(group, return_inverse=True)[1]


def _assign(tokens: pd.DataFrame, segment_words: int) -> tuple[np.ndarray, np.ndarray]:
    """The segment number (0-based, reading order) of every row of `tokens`, and whether it is a word; a
    sentence over 2 × segment_words is cut into equal pieces of about segment_words words."""
    text = tokens["text"].astype(str).str.strip()
    is_word = (~tokens["is_punct"].astype(bool) & (tokens["pos"] != "SPACE") & (text != "")).to_numpy()
    art, sent = tokens["article_id"].to_numpy(), tokens["sent_idx"].to_numpy()
    brk = np.r_[True, (art[1:] != art[:-1]) | (sent[1:] != sent[:-1])]
    sent_no = np.cumsum(brk) - 1
    words = np.bincount(sent_no, weights=is_word).astype(int)
    group = _sentence_groups(words, art[brk], segment_words)
    chunks = np.where(words > 2 * segment_words, np.maximum(np.rint(words / segment_words), 2), 1).astype(int)
    rank = np.cumsum(is_word) - np.r_[0, np.cumsum(is_word)][np.flatnonzero(brk)][sent_no]  # words so far
    chunk = np.maximum(rank - 1, 0) * chunks[sent_no] // np.maximum(words[sent_no], 1)
    per_group = np.zeros(group.max() + 1, dtype=int)
    np.maximum.at(per_group, group, chunks)
    return (np.cumsum(per_group) - per_group)[group[sent_no]] + chunk, is_word


def segments(tokens: pd.DataFrame, *, segment_words: int = 40, unit: str = "lemma") -> pd.DataFrame:
    """Cut each article into segments of about `segment_words` word tokens (punctuation not counted), at
    sentence ends: a segment is one or more whole sentences of one article, cut where its size is closest to
    `segment_words`; only a sentence over 2 × segment_words is cut inside. A short last segment (under half the
    size) joins the one before it. Headings are ordinary text.

    `tokens`: columns article_id, sent_idx, token_idx, text, lemma, pos, is_punct, is_stop, one row per token in
    reading order. Returns one row per segment: segment_id (0-based over the corpus), article_id,
    first_sent_idx, last_sent_idx, first_token_idx, last_token_idx, n_words, text (the tokens one space apart,
    none where the source text has none, by start_char/end_char when given), and units: the lower-cased
    `unit` ("lemma" or "text") of its content words (pos NOUN, PROPN, VERB, ADJ or ADV, not a stop word nor
    punctuation), in order, repeats kept."""
    missing = [c for c in REQUIRED if c not in tokens.columns]
    if missing:
        raise ValueError(f"the token table lacks the column(s) {', '.join(map(repr, missing))}; segments need "
                         f"{', '.join(REQUIRED)} (one row per token in reading order, as analysis.pipeline().tokens)")
    if segment_words < 1 or unit not in tokens.columns or tokens.empty:
        raise ValueError(f"segments need a non-empty token table ({len(tokens)} rows), segment_words ≥ 1 (got "
                         f"{segment_words}) and unit a column such as 'lemma' or 'text' (got {unit!r})")
    tokens = tokens.reset_index(drop=True)
    seg, is_word = _assign(tokens, segment_words)
    # Text: tokens one space apart, none where the source has none (start_char/end_char) or else before punctuation.
    space = (np.r_[False, tokens["start_char"].to_numpy()[1:] > tokens["end_char"].to_numpy()[:-1]]
             if {"start_char", "end_char"} <= set(tokens.columns) else np.r_[False, is_word[1:]])
    text = tokens["text"].astype(str).to_numpy()
    text = pd.Series(np.where(space & np.r_[False, seg[1:] == seg[:-1]], " ", "") + text).groupby(seg).agg("".join)
    out = tokens.groupby(seg).agg(article_id=("article_id", "first"), first_sent_idx=("sent_idx", "first"),
                                  last_sent_idx=("sent_idx", "last"), first_token_idx=("token_idx", "first"),
                                  last_token_idx=("token_idx", "last")).rename_axis(None).reset_index(drop=True)
    out.insert(0, "segment_id", np.arange(len(out)))
    out["n_words"], out["text"] = np.bincount(seg, weights=is_word).astype(int), text.to_numpy()
    content = (tokens["pos"].isin(UNIT_POS) & ~tokens["is_stop"].astype(bool)
               & ~tokens["is_punct"].astype(bool)).to_numpy()
    units = tokens.loc[content, unit].astype(str).str.lower().groupby(seg[content]).agg(list)
    out["units"] = [units.get(i, []) for i in out["segment_id"]]
    return out


# --- one split ------------------------------------------------------------------------------------------------
def _split(m, min_size, tsj, cc_test, seed):
    """Split a cluster's matrix: ([(rows, terms) of the bigger part, of the other], chi2, rows set aside) or
    None when it cannot be split."""
    cols, live = np.flatnonzero(m.getnnz(axis=0) > 0), np.flatnonzero(m.getnnz(axis=1) > 0)
    if len(live) < 2 * min_size or len(cols) < 3:
        return None
    sub = m[live][:, cols]
    in1, chi2 = bipartition(sub, min_size=min_size, seed=seed)
    if not chi2 > 0:
        return None
    # rainette's term selection: a part keeps the terms in at least tsj of its segments, a term tied to the split
    # (contingency coefficient over cc_test) only where it is over-represented.
    total = np.asarray(sub.sum(axis=0)).ravel()
    t1 = sub.T @ in1.astype(float)
    t2, e1 = total - t1, total * t1.sum() / total.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = np.nan_to_num((t1 - e1) ** 2 / e1 + (t2 - total + e1) ** 2 / (total - e1))
    weak = np.sqrt(chi / (chi + total)) <= cc_test
    keep1, keep2 = (t1 >= tsj) & (weak | (t1 > e1)), (t2 >= tsj) & (weak | (t2 > total - e1))
    parts = sorted([(live[in1], cols[keep1]), (live[~in1], cols[keep2])], key=lambda p: (-len(p[0]), p[0][0]))
    return parts, chi2, np.flatnonzero(m.getnnz(axis=1) == 0)


# --- the classification ---------------------------------------------------------------------------------------
def _run(x: sparse.csr_matrix, n_classes, min_size, tsj, cc_test, seed):
    """One classification of `x`, splitting the biggest splittable cluster until n_classes - 1 splits: the class
    of each row (0: none), the tree, node -> the classes below it, notes."""
    leaves = {0: (np.flatnonzero(x.getnnz(axis=1) > 0), np.arange(x.shape[1]))}
    splits, stuck = [], set()
    while len(splits) < n_classes - 1:
        ready = [k for k, (rows, _) in leaves.items() if k not in stuck and len(rows) >= 2 * min_size]
        if not ready:
            break
        node = min(ready, key=lambda k: (-len(leaves[k][0]), k))
        rows, cols = leaves[node]
        done = _split(x[rows][:, cols], min_size, tsj, cc_test, seed)
        if done is None:
            stuck.add(node)
            continue
        parts, chi2, lost = done
        kids = (2 * len(splits) + 1, 2 * len(splits) + 2)
        del leaves[node]
        leaves.update({kid: (rows[r], cols[c]) for kid, (r, c) in zip(kids, parts)})
        splits.append({"split": len(splits) + 1, "parent": node, "child_1": kids[0], "child_2": kids[1],
                       "chi2": chi2, "n_parent": len(rows), "n_child_1": len(parts[0][0]),
                       "n_child_2": len(parts[1][0]), "n_set_aside": len(lost), "n_terms": len(cols)})
    kids = {s["parent"]: (s["child_1"], s["child_2"]) for s in splits}
    below, labels, seen = {}, np.zeros(x.shape[0], dtype=int), []

    def walk(node):  # leaves numbered 1..k left to right, the bigger child first
        if node in kids:
            below[node] = walk(kids[node][0]) + walk(kids[node][1])
        else:
            seen.append(node)
            below[node] = [len(seen)]
            labels[leaves[node][0]] = len(seen)
        return below[node]

    walk(0)
    tree = pd.DataFrame(splits, columns=["split", "parent", "child_1", "child_2", "chi2", "n_parent", "n_child_1",
                                         "n_child_2", "n_set_aside", "n_terms"])
    tree["classes_1"], tree["classes_2"] = [below[c] for c in tree["child_1"]], [below[c] for c in tree["child_2"]]
    notes = [f"stopped at {len(splits) + 1} classes of the {n_classes} asked: no class of at least "
             f"2 × min_segment_size = {2 * min_size} segments could be split"] * (len(splits) < n_classes - 1)
    if tree["n_set_aside"].sum():
        notes.append(f"{tree['n_set_aside'].sum()} segment(s) lost their class's terms at a split: unclassified")
    return labels, tree, below, notes


def _matrix(units: pd.Series, min_member_freq: int) -> tuple[sparse.csr_matrix, tuple]:
    """Binary segment × term matrix of the terms present in at least `min_member_freq` segments."""
    pairs = pd.DataFrame({"row": np.repeat(np.arange(len(units)), units.map(len)),
                          "term": [u for us in units for u in us]}).drop_duplicates()
    freq = pairs["term"].value_counts()
    terms = tuple(sorted(freq.index[freq >= min_member_freq]))
    col = pd.Index(terms).get_indexer(pairs["term"])
    rows, col = pairs["row"].to_numpy()[col >= 0], col[col >= 0]
    return sparse.csr_matrix((np.ones(len(col)), (rows, col)), shape=(len(units), len(terms))), terms


def _signed_chi2(a, size, n_total, n):
    """Chi-squared (no correction) of 2 × 2 tables with `a` in both, `size` and `n_total` in each margin, `n` in
    all; negative when `a` is below its expected count."""
    b, c = size - a, n_total - a
    d = n - size - c
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.nan_to_num(n * (a * d - b * c) ** 2 / (size * (n - size) * n_total * (n - n_total)))
    return np.sign(a * d - b * c) * chi2


def profiles(matrix: sparse.csr_matrix, labels: np.ndarray, terms) -> pd.DataFrame:
    """Per class × term, on the classified segments: n_class (segments of the class with the term), n_total
    (classified segments with it), class_size, share_in_class (n_class / class_size), share_of_term
    (n_class / n_total), chi2 (of the 2 × 2 table in class × has term, no correction; negative when the term is
    rarer in the class than elsewhere), p_value. Sorted by class, then chi2 from the highest."""
    labels = np.asarray(labels)
    k = int(labels.max(initial=0))
    onehot = sparse.csr_matrix((np.ones((labels > 0).sum()), (labels[labels > 0] - 1, np.flatnonzero(labels > 0))),
                               shape=(k, len(labels)))
    a, size = (onehot @ matrix).toarray(), np.bincount(labels, minlength=k + 1)[1:, None]
    n_total, n = a.sum(axis=0, keepdims=True), size.sum()
    chi2 = _signed_chi2(a, size, n_total, n)
    out = pd.DataFrame({"class": np.repeat(np.arange(1, k + 1), len(terms)), "term": np.tile(np.asarray(terms), k),
                        "n_class": a.ravel().astype(int), "n_total": np.repeat(n_total, k, axis=0).ravel().astype(int),
                        "class_size": np.repeat(size.ravel(), len(terms)), "share_in_class": (a / size).ravel(),
                        "share_of_term": (a / np.maximum(n_total, 1)).ravel(), "chi2": chi2.ravel(),
                        "p_value": stats.chi2.sf(np.abs(chi2), 1).ravel()})
    return out.sort_values(["class", "chi2"], ascending=[True, False], ignore_index=True)


def classify(doc_term: pd.DataFrame, *, n_classes: int = 6, min_segment_size: int = 10, min_member_freq: int = 3,
             cc_test: float = 0.3, seed: int = 0) -> Reinert:
    """Classify the rows of `doc_term` (segments × terms; a value > 0 means present) into at most `n_classes`
    classes of at least `min_segment_size` segments each (algorithm: module docstring). Terms in fewer than
    `min_member_freq` segments are dropped first (and, at each split, from a part where they are in fewer).

    `tree`, one row per split: split (1, 2, …), parent / child_1 / child_2 (nodes: 0 is the whole corpus, split
    s makes nodes 2s - 1 and 2s; child_1 is the bigger part), chi2 (of the split, after reassignment),
    n_parent / n_child_1 / n_child_2 (segments), n_set_aside (segments of the parent without any of its terms,
    unclassified), n_terms (the parent's terms), classes_1 / classes_2 (final classes under each child)."""
    if n_classes < 2 or min_segment_size < 1 or min_member_freq < 1 or 0 in doc_term.shape:
        raise ValueError(f"classify needs n_classes ≥ 2 (got {n_classes}), min_segment_size and min_member_freq "
                         f"≥ 1 (got {min_segment_size}, {min_member_freq}) and a non-empty doc_term table")
    x = sparse.csr_matrix((doc_term.to_numpy() > 0).astype(float))
    keep = np.asarray(x.sum(axis=0)).ravel() >= min_member_freq
    x, terms = x[:, np.flatnonzero(keep)], tuple(doc_term.columns[keep])
    opts = (n_classes, min_segment_size, min_member_freq, cc_test, seed)
    labels, tree, _, notes = _run(x, *opts)
    return _result(pd.DataFrame({"segment_id": doc_term.index, "n_terms": x.getnnz(axis=1)}), x, terms, opts,
                   labels, tree, notes)


def _result(segs, x, terms, opts, labels, tree, notes, crossings=None, **runs) -> Reinert:
    empty = int((x.getnnz(axis=1) == 0).sum())
    why = too_small(x.shape[0] - empty, opts[0], opts[1])
    notes = [f"{empty} segment(s) have no term kept: unclassified"] * bool(empty) + [why] * bool(why) + notes
    return Reinert(segs.assign(**runs, **{"class": labels}), tree, profiles(x, labels, terms), x, terms, crossings,
                   tuple(notes))


# --- double classification ------------------------------------------------------------------------------------
def _crossings(lab1, below1, lab2, below2, min_size) -> pd.DataFrame:
    """Every node of run 1 × every node of run 2 (the classes at every level of both trees, as in rainette2)
    whose shared segments are at least `min_size` and positively associated (chi2 > 3.84); one per member set."""
    rows = []
    for (n1, c1), (n2, c2) in ((a, b) for a in below1.items() if a[0] for b in below2.items() if b[0]):
        in1, in2 = np.isin(lab1, c1), np.isin(lab2, c2)
        both = in1 & in2
        chi2 = _signed_chi2(both.sum(), in1.sum(), in2.sum(), len(lab1))
        if both.sum() >= min_size and chi2 > CHI2_05:
            rows.append({"node_1": n1, "node_2": n2, "classes_1": c1, "classes_2": c2, "n_both": both.sum(),
                         "n_1": in1.sum(), "n_2": in2.sum(), "chi2": float(chi2),
                         "bits": int.from_bytes(np.packbits(both, bitorder="little").tobytes(), "little")})
    out = pd.DataFrame(rows, columns=["node_1", "node_2", "classes_1", "classes_2", "n_both", "n_1", "n_2", "chi2",
                                      "bits"])
    out = out.sort_values(["n_both", "chi2"], ascending=False, ignore_index=True).drop_duplicates("bits")
    best = [out.index.isin(out.groupby(node)["chi2"].idxmax()) for node in ("node_1", "node_2")]
    return out[best[0] & best[1]].reset_index(drop=True)


def _partition(cands: pd.DataFrame, k: int) -> tuple:
    """Indices of `k` crossed classes without a shared segment, of the largest total size (then total chi2):
    a depth-first search over candidates sorted by size, cut when even the biggest remaining cannot win."""
    sizes, chi2, bits = cands["n_both"].tolist(), cands["chi2"].tolist(), cands["bits"].tolist()
    best = [(-1, -1.0), ()]

    def search(start, mask, chosen, n_sum, c_sum):
        if len(chosen) == k:
            best[:] = max(best, [(n_sum, c_sum), tuple(chosen)], key=lambda b: b[0])
            return
        need = k - len(chosen)
        for i in range(start, len(sizes) - need + 1):
            if n_sum + sizes[i] * need < best[0][0]:
                break
            if not bits[i] & mask:
                search(i + 1, mask | bits[i], chosen + [i], n_sum + sizes[i], c_sum + chi2[i])

    search(0, 0, [], 0, 0.0)
    return best[1]


def _double(tokens, seg, x, terms, opts, segment_words, segment_words_2) -> Reinert:
    n_classes, min_size, tsj = opts[:3]
    lab1, tree1, below1, notes1 = _run(x, *opts)
    x2, _ = _matrix(segments(tokens, segment_words=segment_words_2)["units"], tsj)
    lab2, tree2, below2, notes2 = _run(x2, *opts)
    # Each first-run segment takes the second-run class of the second-run segment sharing most of its words.
    (one, word), (two, _) = (_assign(tokens.reset_index(drop=True), w) for w in (segment_words, segment_words_2))
    shared = sparse.csr_matrix((np.ones(word.sum()), (one[word], two[word])))
    lab2 = lab2[np.asarray(shared.argmax(axis=1)).ravel()]
    cross = _crossings(lab1, below1, lab2, below2, min_size)
    chosen = next((p for k in range(n_classes, 1, -1) if (p := _partition(cross, k))), ())
    labels, cross["class"] = np.zeros(len(seg), dtype=int), 0
    for rank, i in enumerate(sorted(chosen, key=lambda i: -cross.at[i, "n_both"]), start=1):
        labels[np.isin(lab1, cross.at[i, "classes_1"]) & np.isin(lab2, cross.at[i, "classes_2"])] = rank
        cross.at[i, "class"] = rank
    tree = pd.concat([tree1.assign(run=1), tree2.assign(run=2)], ignore_index=True)
    notes = [f"run {r} ({w} words): {n}" for r, w, ns in ((1, segment_words, notes1), (2, segment_words_2, notes2))
             for n in ns] + [f"double classification: {len(chosen)} stable classes from {len(cross)} candidate crossed "
                             f"classes; {(labels == 0).sum()} of {len(seg)} segments are in none (class 0)"]
    return _result(seg, x, terms, opts, labels, tree, notes, cross.drop(columns="bits"), class_1=lab1, class_2=lab2)


def reinert(tokens: pd.DataFrame, *, segment_words: int = 40, n_classes: int = 6, min_segment_size: int = 10,
            min_member_freq: int = 3, double: bool = False, segment_words_2: int | None = None,
            cc_test: float = 0.3, seed: int = 0) -> Reinert:
    """Reinert classification of a token table: `segments` (of `segment_words` words), their binary matrix of
    lemmas (content words in at least `min_member_freq` segments), then `classify`'s algorithm.

    `double=True` (rainette2, IRaMuTeQ's double classification): a second run classifies segments of
    `segment_words_2` words (default 1.5 × segment_words); each first-run segment takes the class of the
    second-run segment sharing most of its words (rainette2 merges segments into two sizes of units instead).
    Every node of one tree (a class at any level) is crossed with every node of the other; a crossed class is a
    candidate if it holds at least `min_segment_size` segments, its chi2 (2 × 2, node of run 1 × node of run 2)
    exceeds 3.84 and the two nodes are each other's most associated (highest chi2), as rainette2 with
    full=FALSE. The stable classes are the `n_classes` candidates without a shared segment of the largest total
    size (ties: total chi2; fewer classes when no such set exists), numbered by size; segments in none are
    unclassified (class 0). `crossings` lists the candidates: node_1, node_2, classes_1, classes_2 (the run
    classes crossed), n_both, n_1, n_2, chi2 and `class` (the stable class made of it, 0 if not kept)."""
    if n_classes < 2 or min_segment_size < 1 or min_member_freq < 1:
        raise ValueError(f"reinert needs n_classes ≥ 2 (got {n_classes}) and min_segment_size, min_member_freq "
                         f"≥ 1 (got {min_segment_size}, {min_member_freq})")
    seg = segments(tokens, segment_words=segment_words)
    x, terms = _matrix(seg["units"], min_member_freq)
    opts = (n_classes, min_segment_size, min_member_freq, cc_test, seed)
    if not double:
        labels, tree, _, notes = _run(x, *opts)
        return _result(seg, x, terms, opts, labels, tree, notes)
    return _double(tokens, seg, x, terms, opts, segment_words, segment_words_2 or round(1.5 * segment_words))


# --- reading the classes --------------------------------------------------------------------------------------
def class_spread(result: Reinert, by_column: str | pd.Series = "article_id") -> pd.DataFrame:
    """How the segments of each value of `by_column` (a column of `result.segments`, e.g. article_id, or a
    Series aligned with it, e.g. a period mapped from article_id) spread over the classes: one row per value ×
    class (0: unclassified), with n_segments and share (of the value's segments)."""
    segs = result.segments
    if isinstance(by_column, str) and by_column not in segs.columns:
        raise ValueError(f"{by_column!r} is not a column of result.segments; add it there first, or pass a Series")
    by = segs[by_column] if isinstance(by_column, str) else pd.Series(by_column, index=segs.index)
    counts = pd.crosstab(by.rename(by.name or "group"), segs["class"])
    shares = counts.div(counts.sum(axis=1), axis=0)
    return pd.concat([counts.stack().rename("n_segments"), shares.stack().rename("share")], axis=1).reset_index()


def characteristic_segments(result: Reinert, *, top: int = 5) -> pd.DataFrame:
    """Per class, the `top` segments with the highest score: the sum of the chi2 of the class's specific terms
    (chi2 > 3.84, over-represented) that the segment holds. Columns: class, rank, segment_id, score,
    n_specific_terms, and article_id and text when the segments have them."""
    spec = result.profiles[result.profiles["chi2"] > CHI2_05]
    labels, index, frames = result.segments["class"].to_numpy(), list(result.terms), []
    for k, g in spec.groupby("class"):
        w = g.set_index("term")["chi2"].reindex(index, fill_value=0.0).to_numpy()
        rows = np.flatnonzero(labels == k)
        score, n_spec = result.matrix[rows] @ w, result.matrix[rows] @ (w > 0).astype(float)
        best = np.argsort(-score, kind="stable")[:top]
        frames.append(result.segments.iloc[rows[best]].assign(**{"class": k}, rank=np.arange(1, len(best) + 1),
                                                               score=score[best], n_specific_terms=n_spec[best]))
    cols = ["class", "rank", "segment_id", "score", "n_specific_terms"]
    cols += [c for c in ("article_id", "text") if c in result.segments.columns]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)

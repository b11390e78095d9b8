"""Source comparison: profiles, lexical similarity, text reuse, coverage of actors and places (facts: facts.py)."""
from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .actors import alias_pattern
from .mentions import counted
from .spans import words_inside
from .speech import quote_marks

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
ATTRIBUTION = {"selon": r"(?<!\w)[Ss]elon\b", "d'après": r"(?<!\w)[Dd]'après\b", "cité par": r"\bcitée?s? par\b"}
# Profile columns of the attribution markers: n_selon, n_daprès, n_cité_par.
ATTRIBUTION_COLUMNS = {f"n_{name.replace(' ', '_').replace(chr(39), '')}": p for name, p in ATTRIBUTION.items()}


# --- profile ----------------------------------------------------------------------------------------
def profile(corpus: pd.DataFrame, statements: pd.DataFrame, mentions: pd.DataFrame, tokens: pd.DataFrame
            ) -> pd.DataFrame:
    """Per article: size, share of words inside quotation marks (`quoted_share`: the words of `tokens` inside
    quote marks over `n_words`, one definition of a word), actors named (`n_actors`: distinct actors among the
    mentions that count them, `analysis.counted`), statements, attribution markers."""
    if "as_actor" in mentions.columns:
        mentions = counted(mentions)
    marks = pd.DataFrame([(a, q.start, q.end) for a, text in zip(corpus["article_id"], corpus["text"])
                          for q in quote_marks(text)], columns=["article_id", "start_char", "end_char"])
    quoted_words = marks.assign(n=words_inside(tokens, marks)).groupby("article_id")["n"].sum()
    rows = []
    for row in corpus.itertuples():
        text = row.text
        quoted = quoted_words.get(row.article_id, 0)
        st = statements[statements["article_id"] == row.article_id]
        men = mentions[mentions["article_id"] == row.article_id]
        rows.append({
            "article_id": row.article_id, "period": row.period, "n_words": row.n_words,
            "n_sentences": row.n_sentences, "n_paragraphs": row.n_paragraphs, "n_headings": row.n_headings,
            "quoted_share": quoted / row.n_words if row.n_words else 0.0, "n_actors": men["actor"].nunique(),
            "n_statements": len(st),
            **{f"n_{k}": int((st["statement_kind"] == k).sum()) for k in ("direct", "fragment", "indirect")},
            **{column: len(re.findall(p, text)) for column, p in ATTRIBUTION_COLUMNS.items()},
            "byline": row.byline_found, "credits": row.credits_found,
        })
    return pd.DataFrame(rows).set_index("article_id")


# --- lexical similarity -------------------------------------------------------------------------------
def term_counts(tokens: pd.DataFrame, *, by: str = "lemma", content_only: bool = True,
                group: str = "article_id") -> pd.DataFrame:
    """Document × term counts: lemmas (or raw forms with `by="text"`) of content words, stop words out."""
    t = tokens[~tokens["is_punct"] & ~tokens["is_heading"]]
    if content_only:
        t = t[t["pos"].isin(CONTENT_POS) & ~t["is_stop"]]
    terms = t[by].str.lower()
    return pd.crosstab(t[group], terms)


def tfidf_cosine(counts: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors (smooth idf = ln((1+n)/(1+df)) + 1, rows L2-normalised)."""
    x = counts.to_numpy(dtype=float)
    n = x.shape[0]
    df = (x > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1
    w = x * idf
    w = w / np.linalg.norm(w, axis=1, keepdims=True)
    return pd.DataFrame(w @ w.T, index=counts.index, columns=counts.index)


# --- text reuse ----------------------------------------------------------------------------------------
def reuse_units(tokens: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per article, the word tokens used for alignment, normalised: lower-cased lemma (so tense, case,
    quote marks and punctuation do not matter), with their char offsets."""
    t = tokens[~tokens["is_punct"] & ~tokens["is_heading"]]
    t = t[~t["text"].isin(["«", "»", '"', "“", "”"])]
    return {a: g.assign(key=g["lemma"].str.lower()).reset_index(drop=True) for a, g in t.groupby("article_id")}


def aligned_passages(a: list[str], b: list[str], *, n: int = 4, max_gap: int = 3,
                     blocks_a: list[int] | None = None, blocks_b: list[int] | None = None
                     ) -> list[tuple[int, int, int, int]]:
    """Maximal aligned spans shared by two token sequences: (a_start, a_end, b_start, b_end), ends exclusive.

    Shared word n-grams (shingles) are chained along the same diagonal into runs, and runs are merged when
    both gaps are at most `max_gap` tokens (a changed word: "un sommet bilatéral" / "une réunion bilatérale").
    `blocks_a`/`blocks_b` give each token's paragraph: no passage crosses a paragraph boundary.
    """
    pa = blocks_a if blocks_a is not None else [0] * len(a)
    pb = blocks_b if blocks_b is not None else [0] * len(b)
    runs = _chain_runs(_shingle_hits(a, b, n, pa, pb), n)
    return [tuple(m) for m in _merge_runs(runs, pa, pb, max_gap)]


def _shingle_hits(a: list[str], b: list[str], n: int, pa: list[int], pb: list[int]) -> list[tuple[int, int]]:
    """(i, j) for every n-gram starting at a[i] and at b[j], within one paragraph on each side; sorted."""
    index: dict[tuple, list[int]] = {}
    for j in range(len(b) - n + 1):
        if pb[j] == pb[j + n - 1]:
            index.setdefault(tuple(b[j:j + n]), []).append(j)
    return sorted((i, j) for i in range(len(a) - n + 1) if pa[i] == pa[i + n - 1]
                  for j in index.get(tuple(a[i:i + n]), []))


def _chain_runs(hits: list[tuple[int, int]], n: int) -> list[list[int]]:
    """Consecutive or overlapping hits on one diagonal (same j - i) chained into runs [a0, a1, b0, b1]."""
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}  # diagonal → its latest run
    for i, j in hits:
        d = j - i
        run = open_runs.get(d)
        if run and i <= run[1] - n + 2:
            run[1], run[3] = i + n, j + n
        else:
            run = [i, i + n, j, j + n]
            runs.append(run)
            open_runs[d] = run
    return runs


def _merge_runs(runs: list[list[int]], pa: list[int], pb: list[int], max_gap: int) -> list[list[int]]:
    """Runs in order, each merged into an earlier passage it follows closely in both texts (same paragraphs)
    or dropped when it lies inside one; otherwise it starts a passage of its own."""
    merged: list[list[int]] = []
    for r in sorted(runs):
        for m in merged:
            if _close_after(m, r, pa, pb, max_gap):
                m[1], m[3] = max(m[1], r[1]), max(m[3], r[3])
                break
            if m[0] <= r[0] and r[1] <= m[1] and m[2] <= r[2] and r[3] <= m[3]:
                break  # already inside
        else:
            merged.append(list(r))
    return merged


def _close_after(m: list[int], r: list[int], pa: list[int], pb: list[int], max_gap: int) -> bool:
    """Run `r` starts at most `max_gap` tokens after passage `m` ends, in both texts, in the same paragraphs."""
    gap_a, gap_b = r[0] - m[1], r[2] - m[3]
    same_block = pa[m[0]] == pa[r[1] - 1] and pb[m[2]] == pb[r[3] - 1]
    return 0 <= gap_a <= max_gap and 0 <= gap_b <= max_gap and same_block


def shared_passages(corpus: pd.DataFrame, tokens: pd.DataFrame, *, n: int = 4, max_gap: int = 3,
                    min_tokens: int = 5, mentions: pd.DataFrame | None = None,
                    max_name_share: float = 0.8) -> pd.DataFrame:
    """Every passage two articles share (after normalisation), with the words as each article has them.

    Passages shorter than `min_tokens` words, or made mostly of actor names (`mentions`: more than
    `max_name_share` of their words or more, as in "le président ukrainien Volodymyr Zelensky"), are left out:
    sharing a name is not sharing text.
    """
    units = reuse_units(tokens)
    texts = dict(zip(corpus["article_id"], corpus["text"]))

    def name_share(article_id: str, u: pd.DataFrame, lo: int, hi: int) -> float:
        if mentions is None:
            return 0.0
        m = mentions[mentions["article_id"] == article_id]
        starts = u["start_char"].to_numpy()[lo:hi]
        inside = np.zeros(len(starts), dtype=bool)
        for r in m.itertuples():
            inside |= (starts >= r.start_char) & (starts < r.end_char)
        return inside.mean()

    rows = []
    for x, y in combinations(sorted(units), 2):
        ua, ub = units[x], units[y]
        for a0, a1, b0, b1 in aligned_passages(list(ua["key"]), list(ub["key"]), n=n, max_gap=max_gap,
                                               blocks_a=list(ua["paragraph_idx"]), blocks_b=list(ub["paragraph_idx"])):
            if min(a1 - a0, b1 - b0) < min_tokens or name_share(x, ua, a0, a1) >= max_name_share:
                continue
            rows.append({"article_a": x, "article_b": y, "n_tokens_a": a1 - a0, "n_tokens_b": b1 - b0,
                         "text_a": texts[x][ua.loc[a0, "start_char"]:ua.loc[a1 - 1, "end_char"]],
                         "text_b": texts[y][ub.loc[b0, "start_char"]:ub.loc[b1 - 1, "end_char"]],
                         "start_a": ua.loc[a0, "start_char"], "end_a": ua.loc[a1 - 1, "end_char"],
                         "start_b": ub.loc[b0, "start_char"], "end_b": ub.loc[b1 - 1, "end_char"]})
    cols = ["article_a", "article_b", "n_tokens_a", "n_tokens_b", "text_a", "text_b", "start_a", "end_a", "start_b",
            "end_b"]
    return pd.DataFrame(rows, columns=cols).sort_values(["article_a", "article_b", "start_a"]).reset_index(drop=True)


def reuse_matrix(passages: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Share of each article's words (rows) found in passages shared with each other article (columns)."""
    units = reuse_units(tokens)
    ids = sorted(units)
    out = pd.DataFrame(0.0, index=pd.Index(ids, name="article"), columns=pd.Index(ids, name="shared with"))
    for x in ids:
        starts = units[x]["start_char"].to_numpy()
        for y in ids:
            if x == y:
                continue
            covered = np.zeros(len(starts), dtype=bool)
            for p in passages.itertuples():
                if (p.article_a, p.article_b) == (x, y):
                    covered |= (starts >= p.start_a) & (starts < p.end_a)
                elif (p.article_b, p.article_a) == (x, y):
                    covered |= (starts >= p.start_b) & (starts < p.end_b)
            out.loc[x, y] = covered.mean() if len(starts) else 0.0
    return out


# --- coverage: places and facts -------------------------------------------------------------------------
def load_places(path: Path | str | None = None) -> pd.DataFrame:
    """The curated place list (data/places.csv): place, place_kind, names (aliases, `|`-separated)."""
    table = pd.read_csv(path or paths.PLACES_CSV, dtype=str, keep_default_na=False)
    table["names"] = table["names"].str.split("|")
    return table


def place_mentions(corpus: pd.DataFrame, places: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of a listed place in the cleaned texts: article_id, start_char, end_char, place, place_kind.

    With the actor `mentions`, a name that names a state acting ("Moscou n'envisage pas": use agent or
    affiliation) is the actor's, not a place, and is left out."""
    acting = set()
    if mentions is not None and "use" in mentions.columns:
        agents = mentions[mentions["use"].isin(["agent", "affiliation"])]
        acting = set(zip(agents["article_id"], agents["start_char"]))
    rows = []
    for p in places.itertuples():
        pattern = re.compile("|".join(alias_pattern(a) for a in p.names))
        for article_id, text in zip(corpus["article_id"], corpus["text"]):
            for m in pattern.finditer(text):
                if (article_id, m.start()) in acting:
                    continue
                rows.append({"article_id": article_id, "start_char": m.start(), "end_char": m.end(), "place": p.place,
                             "place_kind": p.place_kind})
    return pd.DataFrame(rows, columns=["article_id", "start_char", "end_char", "place", "place_kind"])


def period_diff(present: pd.DataFrame, period_of: dict[str, str], *, later: str) -> pd.DataFrame:
    """What the later period repeats, drops and adds, from an item × article presence table."""
    later_cols = [a for a in present.columns if period_of[a] == later]
    earlier_cols = [a for a in present.columns if period_of[a] != later]
    before = present[earlier_cols].gt(0).sum(axis=1)
    after = present[later_cols].gt(0).any(axis=1)
    status = np.select([(before > 0) & after, (before > 0) & ~after, (before == 0) & after],
                       ["repeated", "dropped", "added"], default="absent")
    return pd.DataFrame({"earlier_articles": before, "in_later": after, "status": status}, index=present.index)


def top_pairs(matrix: pd.DataFrame, *, symmetric: bool = True) -> pd.Series:
    """The off-diagonal cells of an article × article matrix, largest first (each pair once if symmetric)."""
    cells = matrix.stack()
    cells.index.names = ["a", "b"]
    keep = [(a < b) if symmetric else (a != b) for a, b in cells.index]
    return cells[keep].sort_values(ascending=False)

"""Figures of the textometry notebook: specificities per part, a co-occurrence network, progression curves and
the spread of classes over parts. Each returns the figure; `plots.save_figure` saves it with its numbers."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

OVER, UNDER = "#2c5f9e", "#c0392b"


def specificity_bars(spec: pd.DataFrame, *, top: int = 8, threshold: float = 2.0, title: str = ""):
    """One panel per part: its `top` most over- and under-represented units (signed specificity), the banality
    band shaded."""
    parts = list(dict.fromkeys(spec["part"]))
    ncols = min(3, len(parts))
    nrows = -(-len(parts) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols, 0.32 * 2 * top * nrows + 1.2 * nrows),
                             squeeze=False)
    for ax, part in zip(axes.flat, parts):
        rows = spec[spec["part"] == part]
        shown = pd.concat([rows.nlargest(top, "specificity"), rows.nsmallest(top, "specificity")])
        shown = shown[~shown.index.duplicated()].sort_values("specificity")
        ax.barh(shown["unit"], shown["specificity"], color=[OVER if v > 0 else UNDER for v in shown["specificity"]])
        ax.axvspan(-threshold, threshold, color="#eeeeee", zorder=-1)
        ax.set_title(str(part), fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlabel("specificity (signed log10 of the tail probability)", fontsize=8)
    for ax in list(axes.flat)[len(parts):]:
        ax.set_axis_off()
    fig.suptitle(title or f"Specificities per part (blue: over-represented, red: under; grey band: banal, "
                          f"|score| < {threshold:g})", fontsize=11)
    fig.tight_layout()
    return fig


def cooccurrence_network(edges: pd.DataFrame, *, title: str, ax=None, seed: int = 7):
    """A network of co-occurring units: node size by frequency, edge width by shared sentences (networkx spring
    layout with a fixed seed, so the figure is the same at every run)."""
    import networkx as nx  # only this figure needs it

    graph = nx.Graph()
    for e in edges.itertuples():
        graph.add_node(e.source, freq=e.source_freq)
        graph.add_node(e.target, freq=e.target_freq)
        graph.add_edge(e.source, e.target, weight=e.cofreq)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6.5))
    ax.set_title("\n".join(textwrap.wrap(title, 70)), fontsize=10)
    ax.set_axis_off()
    if not graph.number_of_nodes():
        ax.text(0.5, 0.5, "no pair shares enough sentences", ha="center", va="center", transform=ax.transAxes)
        return ax
    layout = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2 / np.sqrt(graph.number_of_nodes()))
    weights = np.array([d["weight"] for _, _, d in graph.edges(data=True)], dtype=float)
    nx.draw_networkx_edges(graph, layout, ax=ax, width=0.5 + 3 * weights / weights.max(), edge_color="#9aa7b8",
                           alpha=0.8)
    sizes = np.array([graph.nodes[n]["freq"] for n in graph.nodes], dtype=float)
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=80 + 700 * sizes / sizes.max(), node_color="#dce6f2",
                           edgecolors="#2c5f9e", linewidths=0.8)
    nx.draw_networkx_labels(graph, layout, ax=ax, font_size=8)
    return ax


def progression_chart(prog: pd.DataFrame, starts: pd.DataFrame, *, title: str, ax=None):
    """Cumulative frequency of each term along the corpus (steps), article starts as dotted lines, labelled."""
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.8))
    end = int(starts["position"].iloc[-1] + starts["n_words"].iloc[-1]) if len(starts) else 1
    for term, g in prog.groupby("query", sort=False):
        xs = np.concatenate([[0], g["position"].to_numpy(), [end]])
        ys = np.concatenate([[0], g["cumulative"].to_numpy(), [g["cumulative"].iloc[-1]]])
        ax.step(xs, ys, where="post", label=f"{term} ({len(g)})")
    top = max(prog["cumulative"].max() if len(prog) else 1, 1)
    for s in starts.itertuples():
        ax.axvline(s.position, color="#bbbbbb", lw=0.6, ls=":")
        ax.text(s.position, top * 1.02, str(s.article_id), fontsize=7, rotation=90, va="bottom", ha="left",
                color="#555555")
    ax.set_xlim(0, end)
    ax.set_ylim(0, top * 1.18)
    ax.set_xlabel("position in the corpus (words, articles in date order)")
    ax.set_ylabel("cumulative occurrences")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), title="term (total)")
    return ax


def class_spread_chart(shares: pd.DataFrame, *, title: str, ax=None):
    """Stacked horizontal bars: how each part (rows) spreads over the classes (columns, shares summing to 1)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * len(shares) + 1.6))
    left = np.zeros(len(shares))
    colours = plt.get_cmap("tab10")
    for i, cls in enumerate(shares.columns):
        values = shares[cls].to_numpy(dtype=float)
        ax.barh([str(x) for x in shares.index], values, left=left, color=colours(i % 10), label=f"class {cls}")
        left += values
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the part's segments")
    ax.invert_yaxis()
    ax.set_title("\n".join(textwrap.wrap(title, 90)), fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def class_plane(ca, classes: pd.Series, *, title: str, top_terms: int = 25, ax=None):
    """The first plane of a segments × lemmas correspondence analysis: each segment a point coloured by its class
    (`classes`, indexed like the analysis's rows), and the `top_terms` lemmas that contribute most to the plane."""
    rows, cols = ca.wide("rows"), ca.wide("columns")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    colours = plt.get_cmap("tab10")
    cls = classes.reindex(rows.index)
    for i, c in enumerate(sorted(cls.dropna().unique())):
        mine = rows[cls == c]
        ax.scatter(mine["coord_1"], mine["coord_2"], s=14, color=colours(i % 10), alpha=0.6, label=f"class {c}")
    weight = cols["ctr_1"] * ca.eigenvalues["eigenvalue"].iat[0] + cols["ctr_2"] * ca.eigenvalues["eigenvalue"].iat[1]
    for term, row in cols.loc[weight.nlargest(top_terms).index].iterrows():
        ax.annotate(str(term), (row["coord_1"], row["coord_2"]), fontsize=8, color="#222222",
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    shares = ca.eigenvalues["share"]
    ax.axhline(0, color="#cccccc", lw=0.6), ax.axvline(0, color="#cccccc", lw=0.6)
    ax.set_xlabel(f"axis 1 ({shares.iat[0]:.1%} of the inertia)")
    ax.set_ylabel(f"axis 2 ({shares.iat[1]:.1%} of the inertia)")
    ax.set_title("\n".join(textwrap.wrap(title, 90)), fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), title="Reinert class")
    return ax

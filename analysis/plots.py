"""Figures: one look for the project, saved by name to figures/ with the numbers beside them."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import paths

CAMP_COLOURS = {"russia": "#c0392b", "usa": "#2c5f9e", "ukraine": "#e0b000", "europe": "#3a9a5b",
                "other": "#8c8c8c"}
PERIOD_COLOURS = {"august": "#4c72b0", "november": "#dd8452"}


def save_figure(fig, name: str, data: pd.DataFrame | None = None, *, folder: Path | None = None) -> Path:
    """Save `fig` as figures/<name>.png (and `data` as figures/<name>.csv); return the PNG path."""
    folder = folder or paths.FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    fig.savefig(target, dpi=150, bbox_inches="tight")
    if data is not None:
        data.to_csv(folder / f"{name}.csv", index=data.index.name is not None)
    return target


def heatmap(table: pd.DataFrame, *, title: str, cmap: str = "Blues", fmt: str = "{:.0f}", ax=None):
    """A labelled heatmap with the value written in each cell."""
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.9 * table.shape[1], 0.9 + 0.38 * table.shape[0]))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    top = values.max() if values.size else 0
    for (i, j), v in pd.DataFrame(values).stack().items():
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8,
                color="white" if top and v > 0.6 * top else "black")
    ax.set_title(title)
    ax.set_ylabel(table.index.name if isinstance(table.index.name, str) else "")
    ax.set_xlabel(table.columns.name if isinstance(table.columns.name, str) else "")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


WORDCLOUD_SEED = 42
WORDCLOUD_COLOURMAP = "viridis"


def word_cloud(frequencies: dict[str, float], *, title: str, ax=None, seed: int = WORDCLOUD_SEED):
    """A deterministic word cloud (fixed seed, one colour scheme) drawn on `ax`."""
    from wordcloud import WordCloud  # optional and slow to import: only this figure needs it

    cloud = WordCloud(width=900, height=500, background_color="white", colormap=WORDCLOUD_COLOURMAP,
                      random_state=seed, prefer_horizontal=0.95, max_words=80, collocations=False)
    cloud.generate_from_frequencies(frequencies)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    return ax


def _spread(values: list[float], min_gap: float) -> list[float]:
    """Label positions near `values`, at least `min_gap` apart (order kept), for labels that do not overlap."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    last = None
    for i in order:
        y = values[i] if last is None else max(values[i], last + min_gap)
        placed[i], last = y, y
    return placed


def slope_chart(table: pd.DataFrame, *, left: str, right: str, title: str, labels: tuple[str, str] | None = None,
                ax=None):
    """One line per row from `left` to `right` (rising orange, falling blue), labels spread apart."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 6.5))
    span = max(table[[left, right]].to_numpy().max(), 1)
    gap = span / 28
    for side, x, ha, dx in ((left, 0, "right", -8), (right, 1, "left", 8)):
        ys = _spread(list(table[side]), gap)
        for (term, row), y in zip(table.iterrows(), ys):
            text = f"{row[side]:.1f} {term}" if side == left else f"{term} {row[side]:.1f}"
            ax.annotate(text, (x, row[side]), xytext=(x + dx / 100, y), textcoords="data", ha=ha, va="center",
                        fontsize=8, arrowprops={"arrowstyle": "-", "color": "#bbb", "lw": 0.5})
    for _, row in table.iterrows():
        colour = PERIOD_COLOURS["november"] if row[right] > row[left] else PERIOD_COLOURS["august"]
        ax.plot([0, 1], [row[left], row[right]], marker="o", color=colour)
    ax.set_xticks([0, 1], list(labels or (left, right)))
    ax.set_xlim(-0.95, 1.95)
    ax.set_title(title)
    return ax


STATUS_COLOURS = {"fulfilled": "#2e8b57", "partly_fulfilled": "#9acd32", "not_fulfilled": "#c0392b",
                  "contradicted": "#8e44ad", "unresolved": "#e0a000", "not_addressed": "#a0a0a0"}


def claims_timeline(events: pd.DataFrame, ledger: pd.DataFrame, published: pd.Series, *,
                    zoom: tuple[str, str] = ("2025-08-01", "2025-12-01")):
    """Two panels: every dated event the corpus mentions (2018 →), then a zoom with each claim's horizon as a
    bar coloured by its status, the events and the publication dates."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 10), gridspec_kw={"height_ratios": [1, 2.8]})
    lo, hi = pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1])
    before = events[events["date"] < lo]
    inside = events[(events["date"] >= lo) & (events["date"] <= hi)]
    for i, ev in enumerate(before.itertuples()):
        top.plot(ev.date, 0, "o", color="#333")
        top.annotate(f"{ev.event_en}\n({', '.join(ev.mentioned_by)})", (ev.date, 0), xytext=(0, 12 + 24 * (i % 2)),
                     textcoords="offset points", fontsize=7, ha="center")
    top.plot(inside["date"], [0] * len(inside), "o", color="#333")
    top.annotate(f"{len(inside)} events, August–November 2025\n(see below)", (inside["date"].min(), 0),
                 xytext=(0, 12), textcoords="offset points", fontsize=7, ha="center")
    top.axvspan(lo, hi, color="#f3e6c8", zorder=-1)
    top.set_yticks([])
    top.set_ylim(-0.5, 2.5)
    top.set_title("Dated events the corpus mentions (articles that mention each); shaded: the zoom below")
    rows = ledger.reset_index(drop=True)
    for y, row in rows.iterrows():
        start = row["horizon_start"] if pd.notna(row["horizon_start"]) else row["made_on"]
        end = row["horizon_end"] if pd.notna(row["horizon_end"]) else hi
        colour = STATUS_COLOURS[row["status_by_november"]]
        bottom.plot([row["made_on"]], [y], "|", color=colour, ms=10)
        bottom.barh(y, (end - start).days + 1, left=start, height=0.6, color=colour,
                    alpha=0.9 if pd.notna(row["horizon_end"]) else 0.35)
        late = (max(start, lo) - lo) > 0.6 * (hi - lo)  # labels of late claims go left of their bar
        bottom.annotate(f"{row['claim_id']} {row['claim_en'][:58]}", (max(start, lo), y), xytext=(-3 if late else 3, 0),
                        textcoords="offset points", va="center", ha="right" if late else "left", fontsize=6.5)
    days = [(d - lo).days for d in inside["date"]]
    for ev, x in zip(inside.itertuples(), _spread(days, 2.6)):
        bottom.axvline(ev.date, color="#555", lw=0.6, ls=":")
        bottom.annotate(f"{ev.event_en[:48]} ({', '.join(ev.mentioned_by)})",
                        (lo + pd.Timedelta(days=x), len(rows) + 6.2), rotation=90, fontsize=6, va="bottom",
                        ha="center")
    for d in sorted(set(published)):
        bottom.axvline(d, color="black", lw=1.2)
    bottom.set_xlim(lo, hi)
    bottom.set_ylim(len(rows) + 6.5, -0.8)
    bottom.set_yticks([])
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in STATUS_COLOURS.values()]
    bottom.legend(handles, list(STATUS_COLOURS), fontsize=7, loc="center right", ncol=1, bbox_to_anchor=(1.0, 0.62))
    bottom.set_title("August–November 2025: each claim's horizon (faded: open-ended), coloured by its status in "
                     "November; black lines: publication dates")
    fig.tight_layout()
    return fig

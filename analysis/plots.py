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
    from wordcloud import WordCloud

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
    for term, row in table.iterrows():
        colour = PERIOD_COLOURS["november"] if row[right] > row[left] else PERIOD_COLOURS["august"]
        ax.plot([0, 1], [row[left], row[right]], marker="o", color=colour)
    ax.set_xticks([0, 1], list(labels or (left, right)))
    ax.set_xlim(-0.95, 1.95)
    ax.set_title(title)
    return ax

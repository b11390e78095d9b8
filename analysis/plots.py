"""Figures: one look for the project, saved by name to figures/ with the numbers beside them."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import paths

CAMP_COLOURS = {"russia": "#c0392b", "usa": "#2c5f9e", "ukraine": "#e0b000", "europe": "#3a9a5b",
                "other": "#8c8c8c", "unknown": "#cccccc"}
# The study's two periods keep their colours; any other period takes one of PALETTE (see period_colours).
PERIOD_COLOURS = {"august": "#4c72b0", "november": "#dd8452"}
# A qualitative palette (seaborn's "deep", whose first two colours are the study's periods), with the name of each
# colour for titles that say which colour is which.
PALETTE = {"#4c72b0": "blue", "#dd8452": "orange", "#55a868": "green", "#c44e52": "red", "#8172b3": "purple",
           "#937860": "brown", "#da8bc3": "pink", "#8c8c8c": "grey", "#ccb974": "olive", "#64b5cd": "light blue"}
COLOUR_NAMES = {**PALETTE, "#c0392b": "red", "#2c5f9e": "blue", "#e0b000": "yellow", "#3a9a5b": "green",
                "#cccccc": "light grey"}


def assign_colours(names: Iterable[str], fixed: dict[str, str], palette: Iterable[str] = PALETTE) -> dict[str, str]:
    """A colour for each name, in the order given: a name in `fixed` keeps its colour; the others take the
    palette's colours in order, skipping those already given (and cycling if there are more names than colours).
    The same names in the same order always get the same colours."""
    names = [str(n) for n in dict.fromkeys(names)]
    given = {n: fixed[n] for n in names if n in fixed}
    free = [c for c in palette if c not in given.values()] or list(palette)
    others = [n for n in names if n not in given]
    given.update({n: free[i % len(free)] for i, n in enumerate(others)})
    return {n: given[n] for n in names}


def period_colours(periods: Iterable[str]) -> dict[str, str]:
    """A colour for each period (give them in chronological order): august and november keep the study's blue and
    orange; the others take the palette's colours by period order."""
    return assign_colours(periods, PERIOD_COLOURS)


def camp_colours(camps: Iterable[str]) -> dict[str, str]:
    """A colour for each camp: the five camps of the study's actor table (and `unknown`) keep theirs; any other
    camp takes a palette colour, in the order given."""
    return assign_colours(camps, CAMP_COLOURS)


def colour_name(colour: str) -> str:
    """The English name of a colour of the project's palettes ("#4c72b0" → "blue"), else the colour itself."""
    return COLOUR_NAMES.get(colour.lower(), colour)


def colour_key(colours: dict[str, str]) -> str:
    """Which colour is which, for a title: {"august": "#4c72b0", "november": "#dd8452"} → "blue: august, orange:
    november"."""
    return ", ".join(f"{colour_name(c)}: {name}" for name, c in colours.items())


def count_label(n: int, noun: str, plural: str | None = None) -> str:
    """"1 article", "4 articles": a count with its noun, for titles and computed sentences."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def word_list(items: Iterable[object], *, last: str = "and", sep: str = ", ", empty: str = "none",
              limit: int | None = None) -> str:
    """"a", "a and b", "a, b and c": items joined for a title or a computed sentence (`sep="; "` for items that hold
    commas; `empty` when there are none; beyond `limit` items, "a, b and 3 others")."""
    items = [str(i) for i in items]
    if limit is not None and len(items) > limit:
        items = items[:limit] + [f"{len(items) - limit} others"]
    if not items:
        return empty
    return items[0] if len(items) == 1 else f"{sep.join(items[:-1])} {last} {items[-1]}"


def figures_dir() -> Path:
    """Where figures go (see `paths.figures_dir`)."""
    return paths.figures_dir()


class SavedFigure:
    """Where a figure was saved: path-like (the PNG), shown in a notebook by its file names only (never the
    absolute path of the machine that built it)."""

    def __init__(self, png: Path, csv: Path | None):
        self.png, self.csv = png, csv

    def __fspath__(self) -> str:
        return str(self.png)

    def _note(self) -> str:
        numbers = f" and its numbers `{self.csv.name}`" if self.csv else ""
        return f"Saved `{self.png.name}`{numbers} in the figures folder."

    def __repr__(self) -> str:
        return self._note()

    def _repr_markdown_(self) -> str:
        return self._note()


def save_figure(fig, name: str, data: pd.DataFrame | None = None, *, folder: Path | None = None) -> SavedFigure:
    """Save `fig` as figures/<name>.png (and `data` as figures/<name>.csv, with its row labels whenever they are not
    row numbers; an unnamed label column is called `row`)."""
    folder = folder or figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    fig.savefig(target, dpi=150, bbox_inches="tight")
    csv = None
    if data is not None:
        csv = folder / f"{name}.csv"
        positions = (data.index.nlevels == 1 and data.index.name is None
                     and pd.api.types.is_integer_dtype(data.index.dtype))  # row numbers left by a filter
        labelled = not positions
        if labelled and any(n is None for n in data.index.names):
            data = data.rename_axis([n if n is not None else ("row" if data.index.nlevels == 1 else f"row_{i}")
                                     for i, n in enumerate(data.index.names)])
        data.to_csv(csv, index=labelled)
    return SavedFigure(target, csv)


def heatmap(table: pd.DataFrame, *, title: str, cmap: str = "Blues", fmt: str = "{:.0f}", ax=None,
            row_groups: pd.Series | None = None, group_colours: dict[str, str] | None = None,
            group_title: str = "camp"):
    """A labelled heatmap with the value written in each cell, in black or white as the cell's colour needs.

    With `row_groups` (one group per row, e.g. each actor's camp) and `group_colours`, the row labels take their
    group's colour and a legend outside the cells says which colour is which group."""
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.9 * table.shape[1], 0.9 + 0.38 * table.shape[0]))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    for (i, j), v in pd.DataFrame(values).stack().items():
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8, color=_ink(im.cmap(im.norm(v))))
    ax.set_title(title)
    ax.set_ylabel(table.index.name if isinstance(table.index.name, str) else "")
    ax.set_xlabel(table.columns.name if isinstance(table.columns.name, str) else "")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    if row_groups is not None and group_colours:
        groups = list(row_groups)
        for label, group in zip(ax.get_yticklabels(), groups):
            label.set_color(group_colours[group])
        handles = [plt.Line2D([], [], marker="s", ls="", color=group_colours[g], label=g)
                   for g in dict.fromkeys(groups)]
        ax.legend(handles=handles, title=f"{group_title} (label colour)", fontsize=8, title_fontsize=8,
                  loc="upper left", bbox_to_anchor=(1.3, 1.0), frameon=False)
    return ax


def _ink(rgba) -> str:
    """Black or white text on a cell of colour `rgba` (relative luminance)."""
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3])
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 else "white"


WORDCLOUD_SEED = 42
# Word colours: the dark two thirds of viridis (its pale yellow end is illegible on white).
WORDCLOUD_COLOURMAP = "viridis"
WORDCLOUD_RANGE = (0.0, 0.62)


def word_cloud(frequencies: dict[str, float], *, title: str, ax=None, seed: int = WORDCLOUD_SEED):
    """A deterministic word cloud (fixed seed, one colour scheme) drawn on `ax`."""
    from matplotlib.colors import LinearSegmentedColormap
    from wordcloud import WordCloud  # optional and slow to import: only this figure needs it

    base = plt.get_cmap(WORDCLOUD_COLOURMAP)
    dark = LinearSegmentedColormap.from_list("dark_" + WORDCLOUD_COLOURMAP,
                                             base(np.linspace(*WORDCLOUD_RANGE, 64)))
    cloud = WordCloud(width=900, height=500, background_color="white", colormap=dark,
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
                ax=None, rising: str = PERIOD_COLOURS["november"], falling: str = PERIOD_COLOURS["august"]):
    """One line per row from `left` to `right` (`rising` colour when it rises, else `falling`: orange and blue by
    default), labels spread apart."""
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
        colour = rising if row[right] > row[left] else falling
        ax.plot([0, 1], [row[left], row[right]], marker="o", color=colour)
    ax.set_xticks([0, 1], list(labels or (left, right)))
    ax.set_xlim(-0.95, 1.95)
    ax.set_title(title)
    return ax


STATUS_COLOURS = {"fulfilled": "#2e8b57", "partly_fulfilled": "#9acd32", "not_fulfilled": "#c0392b",
                  "contradicted": "#8e44ad", "unresolved": "#e0a000", "not_addressed": "#a0a0a0"}


def span_label(start, end) -> str:
    """"August–November 2025" for the months from `start` to `end` (inclusive), "July 2024–March 2025" across
    years, "August 2025" for one month."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{end:%B %Y}"
    return f"{start:%B}–{end:%B %Y}" if start.year == end.year else f"{start:%B %Y}–{end:%B %Y}"


def bars_with_intervals(means: pd.DataFrame, lows: pd.DataFrame, highs: pd.DataFrame, *, colours: list[str],
                        title: str, ylabel: str, ax=None):
    """Grouped bars (rows: groups, columns: series) with their intervals as error bars, so that a difference of a
    few hundredths is read against its uncertainty."""
    if ax is None:
        _, ax = plt.subplots(figsize=(max(7, 0.9 * len(means)), 3.8))
    width = 0.8 / max(means.shape[1], 1)
    xs = range(len(means))
    for k, (column, colour) in enumerate(zip(means.columns, colours)):
        offset = [x - 0.4 + width * (k + 0.5) for x in xs]
        err = [(means[column] - lows[column]).clip(lower=0), (highs[column] - means[column]).clip(lower=0)]
        ax.bar(offset, means[column], width=width, color=colour, label=column, yerr=err, capsize=3,
               error_kw={"elinewidth": 0.8, "ecolor": "#333333"})
    ax.set_xticks(list(xs), [str(i) for i in means.index])
    ax.axhline(0, color="#999999", lw=0.8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax

"""Figures: one look for the project, saved by name to figures/ with the numbers beside them."""
from __future__ import annotations

import base64
import struct
import textwrap
from collections.abc import Iterable
from pathlib import Path
from weakref import WeakKeyDictionary

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython import get_ipython
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

from . import clouds, figure_cache, paths

# Colours that read (analysis.colours) were written here first: figures and tests import them from here too.
from .colours import contrast_ratio as contrast_ratio
from .colours import legible_colour as legible_colour
from .colours import legible_colours as legible_colours
from .colours import relative_luminance as relative_luminance
from .colours import text_colour as text_colour
from .display import row_numbers

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
    row numbers; an unnamed label column is called `row`). A figure unchanged since it was last drawn is not drawn
    again: its PNG comes from the cache (`analysis.figure_cache`). In a notebook the figure is then shown as that PNG,
    not drawn a second time (see `_show_as_saved`)."""
    folder = folder or figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    png = figure_cache.figure_png(fig, dpi=SAVE_DPI)
    target.write_bytes(png)
    _show_as_saved(fig, png)
    csv = None
    if data is not None:
        csv = folder / f"{name}.csv"
        labelled = not row_numbers(data.index)
        if labelled and any(n is None for n in data.index.names):
            data = data.rename_axis([n if n is not None else ("row" if data.index.nlevels == 1 else f"row_{i}")
                                     for i, n in enumerate(data.index.names)])
        data.to_csv(csv, index=labelled)
    return SavedFigure(target, csv)


SAVE_DPI = 150
_SAVED_PNG: WeakKeyDictionary = WeakKeyDictionary()  # figure → the PNG `save_figure` wrote of it


def _show_as_saved(fig, png: bytes) -> None:
    """In a notebook, show the figure as the PNG `save_figure` wrote, at the size the inline backend gives a figure
    (its pixels × fig.dpi / SAVE_DPI), instead of drawing it a second time at screen resolution: drawing is most of
    a figure's cost. A figure changed after it was saved (matplotlib marks it stale) is drawn again as usual."""
    shell = get_ipython()
    formatter = shell.display_formatter.formatters.get("image/png") if shell is not None else None
    if formatter is None:
        return
    try:
        default = formatter.lookup_by_type(Figure)
    except KeyError:
        return  # this shell does not show figures as PNG (another backend)
    if not getattr(default, "shows_saved_png", False):
        formatter.for_type(Figure, _saved_png_printer(default))
    _SAVED_PNG[fig] = png
    fig.stale = False  # savefig restores the figure's own dpi, which marks it stale: it is as saved


def _saved_png_printer(default):
    """The inline PNG of a figure: the saved PNG while the figure is as saved, else what `default` draws."""
    def printer(fig):
        png = _SAVED_PNG.get(fig)
        if png is None or fig.stale:
            return default(fig)
        width, height = struct.unpack(">II", png[16:24])  # the PNG header (IHDR) gives the size in pixels
        scale = fig.dpi / SAVE_DPI
        return base64.b64encode(png).decode("ascii"), {"width": round(width * scale),
                                                       "height": round(height * scale)}
    printer.shows_saved_png = True
    return printer


def heatmap(table: pd.DataFrame, *, title: str, cmap: str = "Blues", fmt: str = "{:.0f}", ax=None,
            row_groups: pd.Series | None = None, group_colours: dict[str, str] | None = None,
            group_title: str = "camp", label_width: int = 60):
    """A labelled heatmap with the value written in each cell, in black or white as the cell's colour needs (the
    colormap's own colour for that value, by luminance); an empty (NaN) cell is left blank. Row labels longer than
    `label_width` characters are wrapped on whole words, never cut (`save_figure` keeps every label and legend).

    With `row_groups` (one group per row, e.g. each actor's camp) and `group_colours`, the row labels take their
    group's colour (darkened if need be to read on white, see `legible_colour`) and a legend beside the colourbar
    (outside the cells) says which colour is which group."""
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.9 * table.shape[1], 0.9 + 0.38 * table.shape[0]))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [wrap_label(i, label_width) for i in table.index])
    for (i, j), v in np.ndenumerate(values):
        if not np.isnan(v):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8, color=text_colour(im.cmap(im.norm(v))))
    ax.set_title(title)
    ax.set_ylabel(table.index.name if isinstance(table.index.name, str) else "")
    ax.set_xlabel(table.columns.name if isinstance(table.columns.name, str) else "")
    bar = ax.figure.colorbar(im, ax=ax, shrink=0.8)
    if row_groups is not None and group_colours:
        groups = list(row_groups)
        inks = {g: legible_colour(group_colours[g]) for g in dict.fromkeys(groups)}
        for label, group in zip(ax.get_yticklabels(), groups):
            label.set_color(inks[group])
        handles = [plt.Line2D([], [], marker="s", ls="", color=ink, label=str(g)) for g, ink in inks.items()]
        _legend_beside(ax, bar.ax, handles, title=f"{group_title} (label colour)")
    return ax


def _legend_beside(ax, anchor_ax, handles: list, *, title: str) -> None:
    """A legend on `ax`, to the right of `anchor_ax` and its tick labels (e.g. a colourbar), top-aligned."""
    fig = ax.figure
    pad = 40.0  # points, when the figure cannot measure its tick labels
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is not None:
        renderer = get_renderer()
        pad = (anchor_ax.get_tightbbox(renderer).x1 - anchor_ax.get_window_extent(renderer).x1) * 72 / fig.dpi + 14
    where = offset_copy(anchor_ax.transAxes, fig=fig, x=pad, y=0, units="points")
    ax.legend(handles=handles, title=title, fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(0, 1),
              bbox_transform=where, frameon=False, borderaxespad=0)


def wrap_label(text: object, width: int) -> str:
    """`text` on lines of at most `width` characters, cut only between words (a longer word stays whole)."""
    text = str(text)
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def wrap_to_figure(ax, text: str, *, fontsize: float, x: float = 0.0) -> str:
    """`text` broken between words to fit from `x` (a fraction of `ax`'s width) to the figure's right edge at
    `fontsize`: a width in characters from one measure of the whole text, narrowed until the widest line fits (a
    measure or two more). matplotlib's own `wrap=True` lays out every candidate line word by word at every draw,
    which takes seconds for a long text (a key of many events) and grows with its square."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    probe = ax.text(x, 0, text, fontsize=fontsize, transform=ax.transAxes)
    # A margin: small text measured at the figure's dpi runs a few per cent wider when saved at SAVE_DPI (hinting).
    room = 0.95 * (fig.bbox.width - ax.transAxes.transform((x, 0))[0])
    width = probe.get_window_extent(renderer).width
    chars = max(10, int(room * len(text) / max(width, 1.0)))
    wrapped = wrap_label(text, chars)
    for _ in range(5):
        probe.set_text(wrapped)
        width = probe.get_window_extent(renderer).width
        if width <= room or chars == 10:
            break
        chars = max(10, min(chars - 1, int(chars * room / width)))
        wrapped = wrap_label(text, chars)
    probe.remove()
    return wrapped


WORDCLOUD_SEED = clouds.SEED


def cloud_image(frequencies: dict[str, float] | pd.DataFrame, *, seed: int = WORDCLOUD_SEED) -> np.ndarray:
    """The image of a deterministic word cloud (fixed seed, one colour scheme whose every colour is legible on
    white): the same frequencies and seed always give the same image. `frequencies` may be the cloud's layout
    (`analysis.clouds.layout`, cached by `analysis.layers.cloud_layout`), which is then only drawn."""
    placed = frequencies if isinstance(frequencies, pd.DataFrame) else clouds.layout(frequencies, seed=seed)
    return clouds.render(placed)


def word_cloud(frequencies: dict[str, float] | np.ndarray, *, title: str, ax=None, seed: int = WORDCLOUD_SEED):
    """A deterministic word cloud on `ax` (see `cloud_image`); `frequencies` may be the image `cloud_image` made of
    them, to draw one cloud twice (a panel and its own figure) without laying it out twice."""
    image = frequencies if isinstance(frequencies, np.ndarray) else cloud_image(frequencies, seed=seed)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    ax.imshow(image, interpolation="bilinear")
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
                        title: str, ylabel: str, ax=None, legend: bool = True, counts: pd.DataFrame | None = None):
    """Grouped bars (rows: groups, columns: series) with their intervals as error bars, so that a difference of a
    few hundredths is read against its uncertainty. A missing mean (a group without that series) draws no bar.
    `legend=False` leaves the legend out (e.g. on all but the last of several panels); `counts` (same shape) writes
    each bar's n above it, so that a bar of height 0 is read as "none of n", not as missing."""
    if ax is None:
        _, ax = plt.subplots(figsize=(max(7, 0.9 * len(means)), 3.8))
    width = 0.8 / max(means.shape[1], 1)
    xs = range(len(means))
    for k, (column, colour) in enumerate(zip(means.columns, colours)):
        drawn = means[column].notna().to_numpy()
        offset = [x - 0.4 + width * (k + 0.5) for x, keep in zip(xs, drawn) if keep]
        mean, low, high = (t[column].to_numpy(dtype=float)[drawn] for t in (means, lows, highs))
        err = [np.clip(np.nan_to_num(mean - low), 0, None), np.clip(np.nan_to_num(high - mean), 0, None)]
        ax.bar(offset, mean, width=width, color=colour, label=str(column), yerr=err, capsize=3,
               error_kw={"elinewidth": 0.8, "ecolor": "#333333"})
        if counts is not None:
            tops = np.fmax(np.fmax(np.nan_to_num(high), mean), 0)
            for x, top, n in zip(offset, tops, counts[column].to_numpy()[drawn]):
                ax.annotate(f"n={n:.0f}", (x, top), xytext=(0, 2), textcoords="offset points", ha="center",
                            va="bottom", fontsize=6.5, color="#555555")
    if counts is not None:
        ax.margins(y=0.12)  # room for the counts above the highest interval
    ax.set_xticks(list(xs), [str(i) for i in means.index])
    ax.axhline(0, color="#999999", lw=0.8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if legend:
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def interval_bars(table: pd.DataFrame, *, series: str, colours: dict[str, str], title: str, ylabel: str,
                  ax=None, legend: bool = True):
    """`bars_with_intervals` from one table of intervals, as `tone.mean_with_interval` returns it: an index of two
    levels, the groups along the axis and `series` (one bar per value in each group, in the order of `colours`),
    and the columns n, mean, low and high (n is written above each bar)."""
    groups = pd.unique(table.index.droplevel(series))  # in the table's order (e.g. periods in time order)
    wide = {c: table[c].unstack(series).reindex(index=groups, columns=list(colours))
            for c in ("mean", "low", "high", "n")}
    return bars_with_intervals(wide["mean"], wide["low"], wide["high"], colours=list(colours.values()), title=title,
                               ylabel=ylabel, ax=ax, legend=legend, counts=wide["n"])

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

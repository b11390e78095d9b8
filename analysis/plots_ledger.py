"""Figures of the claim ledger (notebook 04): the timeline of claims and events, and the article × claim grid of
carriage. Text is never cut: claim and event labels are wrapped whole, outside the bars; legends sit outside the
plotting area; categories get a legend, not a colourbar."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .plots import STATUS_COLOURS, _spread, span_label, text_colour, wrap_to_figure
from .plots import wrap_label as wrap

CARRIAGE_COLOURS = {"asserted": "#2c5f9e", "hedged": "#9ecae1", "rejected": "#c0392b", "": "#f2f2f2"}
CARRIAGE_NAMES = {"asserted": "asserted", "hedged": "hedged", "rejected": "rejected", "": "absent"}


def readable(name: str) -> str:
    """"not_fulfilled" → "not fulfilled"."""
    return str(name).replace("_", " ")


def _overview(ax, before: pd.DataFrame, inside: pd.DataFrame, lo, hi, span: str) -> None:
    for i, ev in enumerate(before.itertuples()):
        ax.plot(ev.date, 0, "o", color="#333333")
        ax.annotate(wrap(f"{ev.event_en} ({', '.join(ev.mentioned_by)})", 26), (ev.date, 0),
                    xytext=(0, 10 + 34 * (i % 3)), textcoords="offset points", fontsize=7, ha="center", va="bottom",
                    arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "lw": 0.5})
    ax.plot(inside["date"], [0] * len(inside), "o", color="#333333")
    if len(inside):
        ax.annotate(f"{len(inside)} events,\n{span}\n(numbered below)", (inside["date"].min(), 0),
                    xytext=(0, 10), textcoords="offset points", fontsize=7, ha="center", va="bottom")
    ax.axvspan(lo, hi, color="#f3e6c8", zorder=-1)
    ax.set_yticks([])
    ax.set_ylim(-0.3, 3.2)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("Dated events the corpus mentions (the articles that mention each); shaded: the zoom below",
                 fontsize=10)


def _claim_bars(ax, rows: pd.DataFrame, lo, hi) -> None:
    for y, row in rows.iterrows():
        start = row["horizon_start"] if pd.notna(row["horizon_start"]) else row["made_on"]
        end = row["horizon_end"] if pd.notna(row["horizon_end"]) else hi
        colour = STATUS_COLOURS[row["status_by_november"]]
        ax.barh(y, (end - start).days + 1, left=start, height=0.6, color=colour,
                alpha=0.95 if pd.notna(row["horizon_end"]) else 0.4,
                hatch=None if pd.notna(row["horizon_end"]) else "//", edgecolor=colour, lw=0)
        ax.plot([row["made_on"]], [y], marker="|", color="black", ms=12, mew=1.5)
    ax.set_yticks(range(len(rows)), [wrap(f"{r.claim_id} {r.claim_en}", 48) for r in rows.itertuples()],
                  fontsize=7)
    ax.set_ylim(len(rows) - 0.4, -1.6)


def _event_marks(ax, inside: pd.DataFrame, lo, hi) -> list[str]:
    """Numbered event lines (numbers spread so they never overlap); return the key lines."""
    days = [(d - lo).days for d in inside["date"]]
    placed = _spread(days, max(2.2, (hi - lo).days / 45))
    key = []
    for n, (ev, x) in enumerate(zip(inside.itertuples(), placed), start=1):
        ax.axvline(ev.date, color="#666666", lw=0.6, ls=":")
        ax.annotate(str(n), (ev.date, -1.1), xytext=(lo + pd.Timedelta(days=x), -1.1), textcoords="data",
                    fontsize=7, ha="center", va="center", bbox={"boxstyle": "circle,pad=0.2", "fc": "white",
                                                                "ec": "#666666", "lw": 0.6},
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5})
        key.append(f"{n}. {ev.date:%d %b}: {ev.event_en} ({', '.join(ev.mentioned_by)})")
    return key


def claims_timeline(events: pd.DataFrame, ledger: pd.DataFrame, published: pd.Series, *,
                    zoom: tuple[str, str] = ("2025-08-01", "2025-12-01"), status_in: str = "November"):
    """Two panels: every dated event the corpus mentions (oldest first), then a zoom (`zoom`: first day, and the
    day after the last) with each claim's horizon as a bar coloured by its status (`status_in`: the period whose
    articles judge it; hatched: open-ended), the day it was made (black tick), numbered events with their key
    below, and the publication dates (black lines). Claim texts are the y labels, whole and wrapped."""
    rows = ledger.reset_index(drop=True)
    lo, hi = pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1])
    span = span_label(lo, hi - pd.Timedelta(days=1))
    before = events[events["date"] < lo]
    inside = events[(events["date"] >= lo) & (events["date"] <= hi)].sort_values("date", kind="stable")
    height = 3.2 + 0.42 * len(rows) + 0.16 * len(inside)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(13, 3.0 + height),
                                      gridspec_kw={"height_ratios": [3.0, height]})
    _overview(top, before, inside, lo, hi, span)
    _claim_bars(bottom, rows, lo, hi)
    key = _event_marks(bottom, inside, lo, hi)
    for d in sorted(set(published)):
        bottom.axvline(d, color="black", lw=1.2)
    bottom.set_xlim(lo, hi)
    handles = [Patch(color=c, label=readable(s)) for s, c in STATUS_COLOURS.items()]
    handles += [Patch(facecolor="#dddddd", hatch="//", label="open-ended horizon"),
                plt.Line2D([], [], color="black", marker="|", ls="", ms=10, label="made on"),
                plt.Line2D([], [], color="black", lw=1.2, label="publication date")]
    bottom.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=f"status in "
                  f"{status_in}", title_fontsize=8)
    bottom.set_title(f"{span}: each claim's horizon, coloured by its status in {status_in}", fontsize=10)
    fig.tight_layout()
    if key:  # below the laid-out panel, wrapped to the figure's width (bbox_inches="tight" keeps it in the PNG)
        bottom.text(0, -0.06, wrap_to_figure(bottom, "Events: " + "   ".join(key), fontsize=7),
                    transform=bottom.transAxes, fontsize=7, va="top")
    return fig


def category_grid(table: pd.DataFrame, *, colours: dict[str, str], names: dict[str, str] | None = None,
                  title: str, row_width: int = 48, ax=None):
    """A grid of categorical cells (rows × columns of category values) with one legend entry per category, in
    the order of `colours`; each cell shows its category in a contrasting colour. No colourbar: the categories
    have no order."""
    names = names or {k: readable(k) for k in colours}
    unknown = sorted({str(v) for v in np.unique(table.to_numpy().astype(str))} - set(colours))
    if unknown:
        raise ValueError(f"category_grid: no colour for {', '.join(map(repr, unknown))}; give one in `colours`")
    if ax is None:
        _, ax = plt.subplots(figsize=(2.6 + 1.0 * table.shape[1], 1.0 + 0.42 * table.shape[0]))
    for (i, j), value in np.ndenumerate(table.to_numpy().astype(str)):
        colour = colours[value]
        ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=colour, edgecolor="white", lw=1.5))
        if value:
            ax.text(j, i, names[value], ha="center", va="center", fontsize=7, color=text_colour(colour))
    ax.set_xlim(-0.5, table.shape[1] - 0.5)
    ax.set_ylim(table.shape[0] - 0.5, -0.5)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    ax.set_yticks(range(table.shape[0]), [wrap(r, row_width) for r in table.index], fontsize=7)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(table.columns.name if isinstance(table.columns.name, str) else "")
    ax.legend(handles=[Patch(facecolor=c, edgecolor="#bbbbbb", label=names[k]) for k, c in colours.items()],
              fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(title, fontsize=10)
    return ax

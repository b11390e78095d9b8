"""What a notebook shows: tables and sentences in which corpus text is always data, never markup.

Corpus text (titles, bylines, credits, sentences, words) reaches a report through three doors, and each is kept:

- `show(df)`: every cell and header is escaped; numbers are rounded (no `-0.00`, counts stay integers, empty
  cells stay empty instead of `NaN`/`NaT`), headers are readable (`labels.label`), cells keep their full text.
  A table longer than `INTERACTIVE_ROWS` rows becomes an interactive table (itables: search, sort, pages) whose
  JavaScript is embedded in the notebook by `setup()`, so a report works offline; shorter ones are plain HTML.
- `say(text)`: a computed sentence in Markdown, with `<`, `>` and `&` escaped, so that a word of the corpus is
  shown as written ("<script>" stays text) while the sentence's own Markdown (`**bold**`, `code`) still works.
- `setup()`: the first output of every notebook, which embeds the interactive tables' code (no network).

The data files (figures' CSV, exports) keep their column names; only what a reader sees is relabelled. The report
build (`analysis.report`) sanitises every other HTML output as a second line of defence; the outputs made here
carry the metadata key `TRUSTED_KEY`, which tells it that they are escaped already.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .labels import label

INTERACTIVE_ROWS = 12  # tables with more rows are searchable, sortable and paginated
PAGE_LENGTH = 10
TRUSTED_KEY = "presse_sommet_escaped"  # output metadata: made by this module, every text escaped
# How the tables look, in JupyterLab and in the reports: text left-aligned and wrapped, numbers right-aligned.
TABLE_CSS = """
.presse-table-wrap { overflow-x: auto; max-width: 100%; margin: .3rem 0 1rem; }
.presse-table-wrap table { border-collapse: collapse; font-size: 13px; }
.presse-table-wrap th, .presse-table-wrap td { text-align: left !important; vertical-align: top; white-space: normal;
  max-width: 36rem; padding: 3px 8px; border-bottom: 1px solid #e3e3e3; }
.presse-table-wrap th.dt-type-numeric, .presse-table-wrap td.dt-type-numeric { text-align: right !important; }
.presse-table-wrap caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
"""


class Shown:
    """A display object: HTML (escaped by construction) with a plain-text fallback, marked as escaped."""

    def __init__(self, html_text: str, plain: str, *, markdown: str | None = None):
        self.html, self.plain, self.markdown = html_text, plain, markdown

    def _repr_mimebundle_(self, include=None, exclude=None):
        kind = "text/markdown" if self.markdown is not None else "text/html"
        data = {kind: self.markdown if self.markdown is not None else self.html, "text/plain": self.plain}
        return data, {kind: {TRUSTED_KEY: True}}

    def __repr__(self) -> str:
        return self.plain


def escape(text: object) -> str:
    """Corpus text as HTML text: `<`, `>`, `&` and quotes escaped."""
    return html.escape(str(text), quote=True)


def say(text: str) -> Shown:
    """A computed sentence (Markdown) in which any corpus text stays text: HTML special characters are escaped,
    Markdown emphasis and code spans of the sentence itself still render."""
    safe = html.escape(str(text), quote=False)
    return Shown("", str(text), markdown=safe)


# --- Numbers and cells --------------------------------------------------------------------------------------------

def _float_text(value: float, digits: int) -> str:
    rounded = round(float(value), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{rounded:.{digits}f}"


def _cell(value: object, digits: int) -> object:
    """One cell as a reader sees it: empty for missing values, lists joined, dates as days, floats rounded."""
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if (value.hour, value.minute, value.second) == (0, 0, 0) else str(value)
    if isinstance(value, (float, np.floating)):
        return _float_text(value, digits)
    return value


def _is_whole(series: pd.Series) -> bool:
    values = series.dropna()
    return bool(len(values)) and bool(np.all(np.mod(values.to_numpy(dtype=float), 1) == 0))


def _column(series: pd.Series, digits: int, percent: bool) -> pd.Series:
    """A column for display: numbers stay numbers where they can (so that they sort as numbers)."""
    if pd.api.types.is_bool_dtype(series):
        return series.map(lambda v: _cell(v, digits))
    if pd.api.types.is_numeric_dtype(series):
        values = series.astype(float) * (100 if percent else 1)
        if values.notna().all():
            if not percent and _is_whole(values):
                return values.astype("int64")
            return values.round(1 if percent else digits) + 0.0
        return values.map(lambda v: _cell(v, 1 if percent else digits))
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.map(lambda v: _cell(v, digits))
    return series.map(lambda v: _cell(v, digits))


def row_numbers(index: pd.Index) -> bool:
    """Whether an index only numbers the rows (unnamed integers: a default index, or what a filter leaves of it):
    no labels to show or save."""
    return index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index.dtype)


def readable(df: pd.DataFrame, *, digits: int = 2, percent: Iterable[str] = (),
             labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The table as a reader sees it: meaningful row labels become columns, cells are readable (see `_cell`),
    headers are labelled (`labels` first, then `analysis.labels`); percent columns are shown ×100 with "(%)"."""
    percent = set(percent)
    frame = df.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" · ".join(str(p) for p in col if str(p)) for col in frame.columns]
    if not row_numbers(frame.index):
        names = [n if n is not None else ("" if frame.index.nlevels == 1 else f"level {i}")
                 for i, n in enumerate(frame.index.names)]
        frame.index.names = names
        frame = frame.reset_index()
    out = pd.DataFrame({i: _column(frame.iloc[:, i], digits, frame.columns[i] in percent)
                        for i in range(frame.shape[1])})
    headers = []
    for name in frame.columns:
        text = (labels or {}).get(name) or label(name)
        headers.append(f"{text} (%)" if name in percent else text)
    out.columns = headers
    return out


# --- Tables -------------------------------------------------------------------------------------------------------

def _static_html(frame: pd.DataFrame, caption: str | None) -> str:
    with pd.option_context("display.max_colwidth", None):
        body = frame.to_html(index=False, escape=True, border=0, na_rep="", classes="presse-table")
    if caption:
        body = body.replace(">", f"><caption>{escape(caption)}</caption>", 1)
    return body


def _interactive_html(frame: pd.DataFrame, caption: str | None) -> str:
    from itables import to_html_datatable  # only notebooks need it

    return to_html_datatable(
        frame, caption=caption, connected=False, allow_html=False, maxBytes=0, maxRows=0, maxColumns=0,
        classes="display compact", pageLength=PAGE_LENGTH, lengthMenu=[10, 25, 50, 100, -1],
        showIndex=False, autoWidth=False, warn_on_undocumented_option=False,
        style="table-layout:auto;width:100%;margin:0", column_filters=False)


def show(df: pd.DataFrame, *, digits: int = 2, percent: Iterable[str] = (), labels: Mapping[str, str] | None = None,
          caption: str | None = None, interactive: bool | None = None) -> Shown:
    """Show a table with every cell in full and escaped: interactive when it has more than `INTERACTIVE_ROWS` rows
    (or `interactive=True`), plain HTML otherwise. The data itself is not changed."""
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"show() takes a DataFrame or a Series, not {type(df).__name__}: pass the data itself (not "
                        f"df.style); digits=, percent= and labels= format it")
    frame = readable(df, digits=digits, percent=percent, labels=labels)
    interactive = len(frame) > INTERACTIVE_ROWS if interactive is None else interactive
    body = _interactive_html(frame, caption) if interactive else _static_html(frame, caption)
    with pd.option_context("display.max_rows", 20, "display.max_colwidth", 60):
        plain = f"{len(frame)} rows\n{frame!r}"
    return Shown(f'<div class="presse-table-wrap">{body}</div>', plain)


def setup() -> Shown:
    """The interactive tables' code (DataTables, through itables), embedded so the notebook and its report need no
    network: display it once, in the notebook's first code cell."""
    from itables import options as itables_options
    from itables.javascript import generate_init_offline_itables_html, read_package_file

    init = read_package_file("html/init_datatables.html")
    bundle = generate_init_offline_itables_html(itables_options.dt_bundle)
    return Shown(f"<style>{TABLE_CSS}</style>" + _local_init(init) + bundle, "(interactive tables ready)")


def _local_init(init: str) -> str:
    """itables' dark-mode switch, importing from the embedded bundle instead of the network."""
    from itables.javascript import _itables_underscore_version

    start, end = init.index("import {"), init.index(";", init.index("import {")) + 1
    local = f"const {{ set_or_remove_dark_class }} = await window.{_itables_underscore_version()};"
    return init[:start] + local + init[end:]

"""What a reader gets in the HTML reports, checked without a browser (`make report-check` opens them in one).

Each notebook executed once per session (the `executed` fixture) is rendered as its report page: the browser title
is the notebook's heading; nothing is loaded from the network; code is folded; there is a table of contents and
previous/next links; every table is built by `analysis.display.show` (full rows, full cells, readable headers, no
`NaN`, `NaT` or `-0.00`); no output prints a `PosixPath` or the figures folder.
"""
import html
import json
import re

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.strings import clean_html

from analysis import display, paths, report
from analysis.report_page import NOTEBOOK_LINK, Page, _clean_html, harden, page_html, sanitise

NOTEBOOKS = report.notebooks()


@pytest.fixture(scope="module")
def pages(executed):
    """name → (executed notebook, its report page)."""
    titles = [report.describe(nbformat.read(p, as_version=4), p.stem)[0] for p in NOTEBOOKS]
    out = {}
    for i, path in enumerate(NOTEBOOKS):
        prev = (f"{NOTEBOOKS[i - 1].stem}.html", titles[i - 1]) if i else None
        nxt = (f"{NOTEBOOKS[i + 1].stem}.html", titles[i + 1]) if i + 1 < len(NOTEBOOKS) else None
        nb = executed(path.name)
        out[path.stem] = (nb, page_html(nb, Page(titles[i], "now", prev, nxt)), titles[i])
    return out


def _tables(nb) -> list[tuple[int, dict]]:
    """(cell, output) of every output that holds an HTML table."""
    return [(i, out) for i, cell in enumerate(nb.cells) for out in cell.get("outputs", [])
            if "<table" in out.get("data", {}).get("text/html", "")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_title_is_the_heading_and_navigation_links_the_reports(path, pages):
    nb, body, title = pages[path.stem]
    assert re.search(r"<title>(.*?)</title>", body).group(1) == html.escape(title, quote=False)
    assert title.startswith(path.stem[:2] + " · ")
    assert 'href="index.html"' in body and '<nav class="presse-toc"' in body
    toc = re.search(r'<nav class="presse-toc".*?</nav>', body, re.S).group(0)
    headings = [c.source.splitlines()[0].lstrip("# ") for c in nb.cells if c.cell_type == "markdown"
                and c.source.startswith("## ")]
    assert len(headings) >= 3 and all(html.escape(h.replace("`", ""), quote=False) in html.unescape(toc) or h in toc
                                      for h in headings[:1])
    assert toc.count("<li") >= len(headings)
    i = NOTEBOOKS.index(path)
    links = {(a.get("rel") or [""])[0]: a["href"] for a in BeautifulSoup(body, "html.parser").find_all("a", rel=True)}
    assert links.get("next") == (f"{NOTEBOOKS[i + 1].stem}.html" if i + 1 < len(NOTEBOOKS) else None)
    assert links.get("prev") == (f"{NOTEBOOKS[i - 1].stem}.html" if i else None)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_needs_no_network_and_folds_its_code(path, pages):
    nb, body, _ = pages[path.stem]
    assert re.findall(r"<script[^>]*\bsrc=", body) == []  # nothing fetched: require.js and MathJax are gone
    assert re.findall(r"<link[^>]*\bhref=", body) == []
    assert re.findall(r"""@import|url\(\s*['"]?(?:https?:)?//""", body) == []
    assert "cdnjs" not in body and "MathJax" not in body and "require.min.js" not in body
    code_cells = sum(c.cell_type == "code" for c in nb.cells)
    assert body.count('<details class="presse-code">') == code_cells
    assert "<details class=\"presse-code\" open" not in body


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_table_is_shown_whole_and_readable(path, pages):
    nb, body, _ = pages[path.stem]
    tables = _tables(nb)
    assert tables, f"{path.name} shows no table"
    for cell, out in tables:
        assert out.get("metadata", {}).get("text/html", {}).get(display.TRUSTED_KEY), \
            f"{path.name}, cell {cell}: a table not made by analysis.display.show (truncated, unescaped)"
    plain = [o["data"]["text/plain"] for c in nb.cells for o in c.get("outputs", []) if "text/plain" in o.get("data", {})]
    assert not any("PosixPath" in t for t in plain)
    assert str(paths.figures_dir()) not in body and str(paths.FIGURES_DIR) not in body
    assert "downsampled" not in body  # itables would say so if it dropped rows
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S) + [
        v for data in re.findall(r'"data_json": "(.*?)",\n', body) for row in json.loads(json.loads(f'"{data}"'))
        for v in row if isinstance(v, str)]
    assert cells
    assert [c for c in cells if c.strip() in ("NaN", "NaT", "None", "nan") or re.fullmatch(r"-0\.0+", c.strip())] == []
    headers = re.findall(r"<th[^>]*>(.*?)</th>", body, re.S) + re.findall(r"<th>(.*?)</th>", body.replace('\\"', '"'))
    assert [h for h in headers if re.fullmatch(r"[a-z]+_[a-z_]+", h.strip())] == []


def test_a_long_table_is_interactive_with_every_row_and_full_cells(pages):
    nb, body, _ = pages["04_claim_tracking"]
    data = [json.loads(json.loads(f'"{d}"')) for d in re.findall(r'"data_json": "(.*?)",\n', body)]
    longest = max(data, key=len)
    assert len(longest) > display.INTERACTIVE_ROWS and not any("…" in str(v) for row in longest for v in row)


def test_show_rounds_counts_dates_and_escapes():
    df = pd.DataFrame({"article_id": ["<b>x</b>", "y"], "n_words": [22.0, 3.0], "quoted_share": [0.4341, -1e-6],
                       "score": [float("nan"), -0.0001], "published": [pd.Timestamp("2025-08-07"), pd.NaT]},
                      index=[5, 7])
    frame = display.readable(df, percent=["quoted_share"])
    assert list(frame.columns) == ["Article", "Words", "Quoted share (%)", "Score", "Published"]
    assert frame.to_dict("list") == {"Article": ["<b>x</b>", "y"], "Words": [22, 3],
                                     "Quoted share (%)": [43.4, 0.0], "Score": ["", "0.00"],
                                     "Published": ["2025-08-07", ""]}
    shown = display.show(df).html
    assert "&lt;b&gt;x&lt;/b&gt;" in shown and "<b>x</b>" not in shown
    with pytest.raises(TypeError, match="not Styler"):
        display.show(df.style)


def test_say_escapes_markup_but_keeps_markdown():
    data, meta = display.say('**Bold** <img src=x onerror=alert(1)> & `code`')._repr_mimebundle_()
    assert data["text/markdown"] == "**Bold** &lt;img src=x onerror=alert(1)&gt; &amp; `code`"


def test_harden_sanitises_what_show_did_not_make_and_links_reports():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("See [the corpus](00_corpus.ipynb#1.-Sources) and [x](https://example.org)."),
        nbformat.v4.new_code_cell("x", outputs=[
            nbformat.v4.new_output("display_data", data={"text/html": '<p onclick="alert(1)">a<script>alert(2)</script>'
                                                                       '<img src=x onerror=alert(3)></p>'}),
            nbformat.v4.new_output("display_data", data={"text/markdown": "<b onmouseover=alert(4)>m</b>"}),
            nbformat.v4.new_output("display_data", data={"text/html": "<script>trusted()</script>"},
                                   metadata={"text/html": {display.TRUSTED_KEY: True}})])])
    hard = harden(nb)
    assert hard.cells[0].source == "See [the corpus](00_corpus.html#1.-Sources) and [x](https://example.org)."
    outs = hard.cells[1].outputs
    assert outs[0].data["text/html"] == "<p>a</p>"
    assert "onmouseover" not in outs[1].data["text/html"] and "<b>m</b>" in outs[1].data["text/html"]
    assert outs[2].data["text/html"] == "<script>trusted()</script>"  # made by analysis.display: kept
    assert sanitise('<a href="javascript:alert(1)">x</a>') == '<a rel="noopener noreferrer">x</a>'
    assert sanitise('<span style="background:url(http://x); color: red">x</span>') == '<span style="color:red">x</span>'
    assert NOTEBOOK_LINK.sub(r"](\1.html\2)", "[a](04_claim_tracking.ipynb)") == "[a](04_claim_tracking.html)"


def test_highlighted_code_is_kept_as_bleach_keeps_it_and_other_markup_is_cleaned():
    """The template cleans each code cell's highlighted source with nbconvert's `clean_html` (bleach); Pygments'
    output, whose only tags are div, pre and span with a class, comes back unchanged and skips it."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                code = Highlight2HTML(pygments_lexer="ipython3")(cell.source, metadata=cell.metadata)
                assert _clean_html(code) == code == clean_html(code), path.name
    evil = '<div class="highlight"><pre><img src=x onerror="alert(1)"><script>alert(2)</script></pre></div>'
    assert _clean_html(evil) == clean_html(evil) and "<script>" not in _clean_html(evil)


def test_accessible_adds_what_nbconvert_adds_to_the_pages_own_tags():
    from analysis.report_page import NO_ALT, accessible

    page = ('<div class="jp-Cell-inputWrapper"><div class="jp-RenderedText jp-OutputArea-output" '
            'data-mime-type="text/plain"><pre>&lt;div class="jp-OutputArea-output"&gt;</pre></div>'
            '<div class="jp-OutputArea-output" tabindex="0">x</div><img src="a.png"><img alt="a plot" src="b.png">')
    assert accessible(page) == (
        '<div class="jp-Cell-inputWrapper" tabindex="0"><div class="jp-RenderedText jp-OutputArea-output" '
        'data-mime-type="text/plain" tabindex="0"><pre>&lt;div class="jp-OutputArea-output"&gt;</pre></div>'
        f'<div class="jp-OutputArea-output" tabindex="0">x</div><img alt="{NO_ALT}" src="a.png">'
        '<img alt="a plot" src="b.png">')


def test_every_input_and_output_of_a_report_can_take_the_focus(pages):
    for stem, (nb, page, _) in pages.items():
        wrappers = page.count('<div class="jp-Cell-inputWrapper"')
        assert wrappers >= sum(c.cell_type == "code" for c in nb.cells) > 0, stem
        assert page.count('<div class="jp-Cell-inputWrapper" tabindex="0"') == wrappers, stem
        assert re.findall(r'<div\b[^>]*\bjp-OutputArea-output\b[^>]*>', page), stem
        assert all('tabindex="0"' in tag for tag in re.findall(r'<div\b[^>]*\bjp-OutputArea-output\b[^>]*>', page))
        assert "<img" not in re.sub(r'<img alt="[^"]+"', "", page), stem

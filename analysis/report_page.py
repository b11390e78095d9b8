"""One report page: an executed notebook rendered as a standalone HTML article that needs no network.

`render(nb, target, page=Page(...))` writes the page through the template `templates/presse` (JupyterLab's look; no
require.js, MathJax, Mermaid or widget manager from a CDN; code folded in `<details>`; the notebook's heading as
the browser title; a table of contents; previous/next and links to the other reports). Before rendering,
`harden(nb)` makes sure no corpus text can reach the page as markup, whatever cell produced it: every HTML output
is sanitised (`nh3`, an allow-list of tags, attributes, URL schemes and CSS properties) except the tables that
`analysis.display` built and escaped itself, and every Markdown output is rendered and sanitised the same way.
Links between notebooks (`01_source_comparison.ipynb`) become links between reports (`.html`).
"""
from __future__ import annotations

import copy
import html
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert.filters.strings import clean_html

from .display import TRUSTED_KEY

TEMPLATES = Path(__file__).parent / "templates"
CSS = TEMPLATES / "presse" / "report.css"

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre",
        "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul"}
ATTRIBUTES = {"*": {"class", "id", "title", "style", "lang", "dir"}, "a": {"href"},
              "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"}}
STYLE_PROPERTIES = {"background-color", "border", "border-bottom", "border-collapse", "border-top", "color",
                    "display", "font", "font-family", "font-size", "font-style", "font-weight", "line-height",
                    "margin", "margin-left", "max-width", "padding", "text-align", "vertical-align", "white-space",
                    "width"}
URL_SCHEMES = {"http", "https", "mailto"}
NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[\w-]+)\.ipynb((?:#[^)\s]*)?)\)")
HIGHLIGHT_TAG = re.compile(r'</?(?:div|pre|span)(?: class="[\w -]*")?>')  # the only markup of Pygments' output


@dataclass(frozen=True)
class Page:
    """What the page says about itself and its neighbours."""

    title: str
    stamp: str
    previous: tuple[str, str] | None = None  # (href, title)
    next: tuple[str, str] | None = None


def sanitise(markup: str) -> str:
    """HTML reduced to an allow-list: no script, no event handler, no style element, no foreign URL scheme."""
    import nh3  # only the report build needs it

    return nh3.clean(markup, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     filter_style_properties=STYLE_PROPERTIES, link_rel="noopener noreferrer", strip_comments=True)


def _clean_html(markup) -> str:
    """nbconvert's `clean_html` filter (bleach), which its template applies to each code cell's highlighted source:
    markup whose only tags are Pygments' div, pre and span with a class (all of them allowed, the text escaped) is
    returned as it is, which is what bleach returns for it (checked on every code cell of the notebooks) at a
    fraction of the cost; anything else is cleaned by bleach."""
    text = markup.decode() if isinstance(markup, bytes) else str(markup)
    return text if "<" not in HIGHLIGHT_TAG.sub("", text) else clean_html(text)


def _markdown_html(text: str) -> str:
    from nbconvert.filters.markdown import markdown2html  # slow to import

    return markdown2html(text)


def harden(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the executed notebook whose outputs cannot carry markup from the data (see the module docstring);
    notebook links in Markdown cells point to the reports."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(r"](\1.html\2)", cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            trusted = {kind for kind, meta in out.get("metadata", {}).items()
                       if isinstance(meta, dict) and meta.get(TRUSTED_KEY)}
            if "text/html" in data and "text/html" not in trusted:
                data["text/html"] = sanitise(data["text/html"])
            if "text/markdown" in data:
                data["text/html"] = sanitise(_markdown_html(data.pop("text/markdown")))
            for kind in ("application/javascript", "text/latex", "image/svg+xml"):
                data.pop(kind, None)  # script, MathJax input, SVG that can carry script: never shown
    return nb


def _toc(body: str) -> str:
    """A table of contents from the page's second- and third-level headings (with the ids nbconvert gave them)."""
    items = []
    for level, ident, inner in re.findall(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', body, flags=re.S):
        text = re.sub(r"<a class=\"anchor-link\".*?</a>|<[^>]+>", "", inner, flags=re.S).strip()
        if text:
            items.append(f'<li class="level-{level}"><a href="#{ident}">{html.escape(html.unescape(text))}</a></li>')
    if not items:
        return ""
    return f'<nav class="presse-toc" aria-label="Contents"><b>Contents</b><ul>{"".join(items)}</ul></nav>'


# nbconvert's HTMLExporter ends by parsing the whole page with BeautifulSoup only to add these attributes; the
# page's own markup is made by the template, so the same attributes are added to the same start tags directly.
_INPUT_WRAPPER = re.compile(r'<div class="jp-Cell-inputWrapper"(?![^>]*\btabindex=)')
_OUTPUT = re.compile(r'(<div\b[^>]*\bclass="[^"]*\bjp-OutputArea-output\b[^"]*"(?![^>]*\btabindex=)[^>]*)>')
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)")
NO_ALT = "No description has been provided for this image"
_EXPORTERS = threading.local()  # one exporter per thread: its templates are compiled once, not once per page


def accessible(page: str) -> str:
    """What nbconvert's HTMLExporter adds last: keyboard focus on every code input and output (`tabindex="0"`), and
    a text alternative on every image without one."""
    page = _INPUT_WRAPPER.sub('<div class="jp-Cell-inputWrapper" tabindex="0"', page)
    page = _OUTPUT.sub(r'\1 tabindex="0">', page)
    return _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', page)


def _exporter():
    """This thread's page exporter: nbconvert's HTML exporter with our template, whose last step (a BeautifulSoup
    parse and re-serialisation of the whole page, about 0.2 s for a report of 2 MB) is `accessible` instead."""
    exporter = getattr(_EXPORTERS, "exporter", None)
    if exporter is None:
        from nbconvert import HTMLExporter  # slow to import; only the report build needs it
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        class PageExporter(HTMLExporter):
            def from_notebook_node(self, nb, resources=None, **kw):
                # HTMLExporter.from_notebook_node (nbconvert 7) up to its BeautifulSoup step.
                info = nb.metadata.get("language_info", {})
                lexer = info.get("pygments_lexer", info.get("name", None))
                self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
                resources = self._init_resources(resources)
                self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources))
                page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
                return accessible(page), resources

        exporter = _EXPORTERS.exporter = PageExporter(template_name="presse", extra_template_basedirs=[str(TEMPLATES)],
                                                      filters={"clean_html": _clean_html})
    return exporter


def page_html(nb: nbformat.NotebookNode, page: Page) -> str:
    """The page's HTML (see the module docstring)."""
    def link(pair):
        return ({"href": pair[0], "title": pair[1]} if pair else None)
    resources = {"metadata": {"name": page.title},
                 "presse": {"css": CSS.read_text(encoding="utf-8"), "stamp": page.stamp,
                            "previous": link(page.previous), "next": link(page.next)}}
    body, _ = _exporter().from_notebook_node(harden(nb), resources=resources)
    return body.replace("<!--presse-toc-->", _toc(body), 1)


def render(nb: nbformat.NotebookNode, target: Path, *, page: Page) -> None:
    """Write the page to `target` (atomically: a reader never sees half a page)."""
    body = page_html(nb, page)
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)

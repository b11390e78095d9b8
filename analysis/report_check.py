"""Open every report in a real browser (headless Chromium) and check what a reader gets: `make report-check`.

For each `reports/NN_*.html` and the index: no JavaScript error, no request outside the report's folder (every
other request is blocked, so a page that needs the network shows it here), the browser title is the notebook's
heading, the code is folded, and every interactive table is built, pages and searches (typing a cell's text into
its search box leaves that row and fewer than all rows). A screenshot of the top of each report is saved under
`reports/screenshots/`. Chromium is Debian's `chromium` package, driven by Playwright (installed in the venv by
`make report-check`; no browser is downloaded): the check installs nothing else and says how to get Chromium
when it is missing.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = ("Chromium was not found (looked for: chromium, chromium-browser, google-chrome; or set CHROMIUM to "
                "its path). On Debian or Ubuntu: `sudo apt-get install chromium`; then run `make report-check` again.")


@dataclass
class PageCheck:
    name: str
    title: str = ""
    problems: list[str] = field(default_factory=list)
    tables: int = 0
    folded: int = 0


def find_chromium() -> str | None:
    import os

    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if Path(os.environ["CHROMIUM"]).is_file() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


TABLE_PROBE = """async () => {
  const results = [];
  const wraps = [...document.querySelectorAll('.dt-container')];
  for (const wrap of wraps) {
    const table = wrap.querySelector('table.dataTable');
    const info = wrap.querySelector('.dt-info');
    const search = wrap.querySelector('input[type=search]');
    const rows = () => table.querySelectorAll('tbody tr').length;
    const before = rows();
    const infoBefore = info ? info.textContent : '';
    let searched = null;
    if (search) {
      // A cell text that not every row holds: searching it must leave that row and fewer rows than before.
      const cells = [...new Set([...table.querySelectorAll('tbody td')].map(td => td.textContent.trim())
        .filter(t => t.length > 3 && t.length < 40))].slice(0, 8);
      for (const cell of cells) {
        search.value = cell; search.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise(r => setTimeout(r, 150));
        const infoAfter = info ? info.textContent : '';
        const found = [...table.querySelectorAll('tbody td')].some(td => td.textContent.includes(cell));
        searched = {cell, found, changed: infoAfter !== infoBefore || rows() !== before};
        search.value = ''; search.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise(r => setTimeout(r, 50));
        if (found && searched.changed) break;
      }
    }
    results.push({rows: before, paged: !!wrap.querySelector('.dt-paging'), searched});
  }
  return {expected: document.querySelectorAll('table[id^=itables_]').length, built: wraps.length, results};
}"""


def check_page(page, path: Path, folder: Path) -> PageCheck:
    """Load one report and check it (see the module docstring)."""
    result = PageCheck(path.name)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"JavaScript error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console error: {msg.text}") if msg.type == "error" else None)
    root = folder.resolve().as_uri()

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:", "about:")) or url.startswith(root + "/"):
            r.continue_()
        else:
            errors.append(f"request outside the report folder: {url[:120]}")
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(600)  # the tables are built by module scripts after load
    result.title = page.title()
    if path.name != "index.html":
        result.folded = page.locator("details.presse-code:not([open])").count()
        if page.locator("details.presse-code[open]").count():
            errors.append("some code is unfolded at load")
        heading = page.locator("h1").first.inner_text().replace("¶", "").strip() if page.locator("h1").count() else ""
        if not heading or result.title != heading:
            errors.append(f"browser title {result.title!r} is not the heading {heading!r}")
        probe = page.evaluate(TABLE_PROBE)
        result.tables = probe["built"]
        if probe["built"] != probe["expected"]:
            errors.append(f"{probe['expected']} interactive tables in the page, {probe['built']} built")
        for i, t in enumerate(probe["results"]):
            if t["searched"] is None:
                errors.append(f"interactive table {i + 1}: no search box, or no cell text to search")
            elif not (t["searched"]["found"] and t["searched"]["changed"]):
                errors.append(f"interactive table {i + 1}: searching its cells ({t['searched']['cell']!r} last) "
                              f"filtered nothing")
            if not t["paged"]:
                errors.append(f"interactive table {i + 1}: no pages")
    result.problems = errors
    return result


def run(folder: Path, shots: Path) -> list[PageCheck]:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    shots.mkdir(parents=True, exist_ok=True)
    checks = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for path in sorted(folder.glob("*.html")):
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            check = check_page(page, path, folder)
            page.screenshot(path=str(shots / f"{path.stem}.png"))
            page.close()
            checks.append(check)
        browser.close()
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=paths.REPORTS_DIR, help="report folder (default: reports/)")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("Playwright is not installed in this environment. Fix: run `make report-check` (it installs the "
              "project's `browser` extra), or `.venv/bin/pip install -e '.[browser]'`.", file=sys.stderr)
        return 2
    if not any(args.reports.glob("[0-9][0-9]_*.html")):
        print(f"No report in {args.reports}. Fix: run `make report` first.", file=sys.stderr)
        return 2
    checks = run(args.reports, args.reports / "screenshots")
    bad = 0
    for c in checks:
        status = "ok" if not c.problems else "FAILED"
        extra = f", {c.tables} interactive tables, {c.folded} code cells folded" if c.name != "index.html" else ""
        print(f"{status:6} {c.name}: title {c.title!r}{extra}")
        for p in c.problems:
            print(f"         - {p}")
        bad += bool(c.problems)
    print(f"Screenshots: {args.reports / 'screenshots'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

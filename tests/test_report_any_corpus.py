"""Every notebook runs on a data folder that is not the study's, as a researcher would bring it.

Two folders are built with `analysis.ingest` in a temporary directory: the development set's page copies
(`tests/data/devset/`, two periods: august and autumn) and the committed Europresse exports
(`tests/data/europresse/`, one period covering everything). The report is built on each with `PRESSE_SOMMET_DATA`
set (the kernels inherit it), the cache and the figures in temporary folders. No cell may raise; no output may name
an article id of the study that the folder does not have (ingest numbers articles 000, 001, … like the study, so
the ids are renamed here: an output that still names 000–004 took it from the study, not from the data); the
comparisons of periods and the curated, study-only sections say in a sentence why they are skipped; the index
names the data folder.
"""
import csv
import html
import re
from pathlib import Path

import pytest

from analysis import paths, report
from analysis.ingest import ingest

DEVSET = paths.DEVSET_DIR
EUROPRESSE = paths.TEST_DATA_DIR / "europresse"
PERIODS_HEADER = "period,start,end,description\n"


def _study_ids() -> list[str]:
    with open(paths.ARTICLES_CSV, encoding="utf-8", newline="") as fh:
        return sorted(row["article_id"] for row in csv.DictReader(fh))


def _rewrite_articles(folder: Path, change) -> list[str]:
    """Apply `change` to every row of the folder's articles.csv; return the article ids."""
    path = folder / "articles.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, [change(row) for row in reader]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)
    return [row["article_id"] for row in rows]


# Markup in the data, as a hostile or careless page copy would carry it: a script, an image with a handler and an
# HTML entity in the body, a handler in a credit line, markup in the title and the byline. None may reach a report
# as markup; the body line and the title must be shown as the text they are.
PAYLOAD_LINES = [
    'Crédit photo : <img src=x onerror=alert("PAYLOAD-CREDIT")>',
    'Le sommet <script>alert("PAYLOAD-SCRIPT")</script> se tiendra en Alaska, selon <img src=x '
    'onerror=alert("PAYLOAD-IMG")> la Maison-Blanche et &lt;b&gt;PAYLOAD-ENTITY&lt;/b&gt; le Kremlin.',
]
PAYLOAD_TITLE = ' <img src=x onerror=alert("PAYLOAD-TITLE")>'
PAYLOAD_BYLINE = ' <script>alert("PAYLOAD-BYLINE")</script>'


def _with_payloads(page: Path, folder: Path) -> Path:
    """A copy of a page copy with the payload lines after its first blank line (into the body)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    at = lines.index("") + 1
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / page.name
    target.write_text("\n".join(lines[:at] + [PAYLOAD_LINES[1], "", PAYLOAD_LINES[0]] + lines[at:]), encoding="utf-8")
    return target


def _devset_folder(folder: Path, payload_in: str | None = None) -> list[str]:
    """The development set's page copies, ingested; ids and the one date a page does not print come from the
    development set's own articles.csv. With `payload_in` (a file name), that page carries the payloads."""
    pages = sorted((DEVSET / "raw").glob("*.txt"))
    if payload_in:
        pages = [_with_payloads(p, folder.parent / "payload_pages") if p.name == payload_in else p for p in pages]
    ingest(pages, folder)
    with open(DEVSET / "articles.csv", encoding="utf-8", newline="") as fh:
        curated = {row["file"]: row for row in csv.DictReader(fh)}

    def change(row):
        known = curated[row["file"]]
        row = {**row, "article_id": known["article_id"], "published": row["published"] or known["published"]}
        if row["file"] == payload_in:
            row.update(title=row["title"] + PAYLOAD_TITLE, byline=row["byline"] + PAYLOAD_BYLINE)
        return row

    return _rewrite_articles(folder, change)


def _europresse_folder(folder: Path) -> list[str]:
    """The two committed Europresse exports, ingested; ids renamed e000, e001, … (duplicate_of too)."""
    ingest(sorted(EUROPRESSE.glob("*.html")), folder)

    def change(row):
        return {**row, "article_id": "e" + row["article_id"],
                "duplicate_of": "e" + row["duplicate_of"] if row["duplicate_of"] else ""}

    return _rewrite_articles(folder, change)


TWO_PERIODS = (PERIODS_HEADER + "august,2025-08-01,2025-08-31,August 2025: the Alaska summit and its aftermath\n"
               "autumn,2025-10-01,2025-11-30,Autumn 2025: Budapest announced and dropped; the 28-point plan\n")
ONE_PERIOD = PERIODS_HEADER + "summer_autumn,2025-08-01,2025-11-30,August to November 2025\n"


@pytest.fixture(scope="module")
def shared_dirs(tmp_path_factory):
    """One cache for both builds (the tone benchmark is computed once), figures kept out of the project's."""
    root = tmp_path_factory.mktemp("any_corpus")
    return {"PRESSE_SOMMET_CACHE": root / "cache", "PRESSE_SOMMET_FIGURES": root / "figures"}


def _build(folder: Path, out: Path, shared_dirs, monkeypatch) -> list[report.NotebookResult]:
    for name, value in shared_dirs.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.setenv("PRESSE_SOMMET_DATA", str(folder))
    return report.build(out, jobs=2)


def _strip(markup: str) -> str:
    markup = re.sub(r"<style.*?</style>|<script.*?</script>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _outputs(result: report.NotebookResult) -> list[tuple[int, str]]:
    """(cell index, text) of every output of the executed notebook: streams, plain text, Markdown, HTML."""
    texts = []
    for i, cell in enumerate(result.notebook.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append((i, out.get("text", "")))
            data = out.get("data", {})
            texts += [(i, data[kind]) for kind in ("text/plain", "text/markdown") if kind in data]
            if "text/html" in data:
                texts.append((i, _strip(data["text/html"])))
    return texts


def _check_build(results, out: Path, folder: Path, ids: list[str]) -> dict[str, str]:
    """No failure, no error output, no study id the folder does not have, the index names the folder; return
    each notebook's outputs as one text."""
    assert [r.error for r in results] == [None] * len(report.notebooks())
    foreign = [a for a in _study_ids() if a not in ids]
    assert foreign, "the folder's ids must differ from the study's, or the check below proves nothing"
    leak = re.compile(r"(?<![\w.,:/#-])(" + "|".join(map(re.escape, foreign)) + r")(?![\w])")
    texts = {}
    for r in results:
        errors = [o for c in r.notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], f"{r.path.name}: {errors}"
        for cell, text in _outputs(r):
            found = leak.search(text)
            assert found is None, (f"{r.path.name}, cell {cell} names the study's article {found.group(1)}: "
                                   f"…{text[max(0, found.start() - 80):found.end() + 40]}…")
        texts[r.path.stem[:2]] = "\n".join(text for _, text in _outputs(r))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert html.escape(str(folder.resolve())) in index
    assert "the project's own" not in index
    assert sorted(p.name for p in out.glob("*.html")) == sorted([f"{p.stem}.html" for p in report.notebooks()]
                                                                + ["index.html"])
    return texts


def test_every_notebook_runs_on_the_development_set_with_two_periods(tmp_path, shared_dirs, monkeypatch):
    folder = tmp_path / "devset_study"
    if (DEVSET / "raw").is_dir():
        ids = _devset_folder(folder, payload_in="d01_regional.txt")
    else:  # the development set is not in this checkout: the exports stand in, over the same two periods
        ids = _europresse_folder(folder)
    (folder / "periods.csv").write_text(TWO_PERIODS, encoding="utf-8")
    results = _build(folder, tmp_path / "reports", shared_dirs, monkeypatch)
    texts = _check_build(results, tmp_path / "reports", folder, ids)
    assert "periods in order: august and autumn" in texts["01"]
    assert "runs, each without one article of august" in texts["02"]  # stability ran on the earlier period
    assert "Stable for autumn" in texts["02"]
    assert "does not annotate this corpus" in texts["00"]  # the study's gold files are not used
    assert "codes another corpus" in texts["03"]
    assert "has no `claims.csv` of its own" in texts["04"]  # nor its claim ledger
    if (DEVSET / "raw").is_dir():
        _check_payloads(tmp_path / "reports")


def _check_payloads(out: Path) -> None:
    """No payload of the data reaches a report as markup (an element, a handler, a live script); the body line and
    the title are shown as text in the reports that show them."""
    from bs4 import BeautifulSoup

    shown = ""
    for page in sorted(out.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        handlers = [(t.name, k) for t in soup.find_all(True) for k, v in t.attrs.items()
                    if k.lower().startswith("on") and "PAYLOAD" in str(v)]
        assert handlers == [], f"{page.name}: an element of the data carries a handler: {handlers}"
        live = [s.get_text()[:80] for s in soup.find_all("script") if 'alert("PAYLOAD' in s.get_text()]
        assert live == [], f"{page.name}: a script of the data would run: {live}"
        assert [b for b in soup.find_all("b") if "PAYLOAD-ENTITY" in b.get_text()] == [], f"{page.name}: entity decoded"
        for tag in soup(["script", "style"]):
            tag.decompose()
        shown += soup.get_text()
    assert 'Le sommet <script>alert("PAYLOAD-SCRIPT")</script> se tiendra' in shown  # shown as written
    assert "&lt;b&gt;PAYLOAD-ENTITY&lt;/b&gt;" in shown  # the entity stays the text the page has
    assert 'Alaska le 15 août <img src=x onerror=alert("PAYLOAD-TITLE")>' in shown
    assert 'Crédit photo : <img src=x onerror=alert("PAYLOAD-CREDIT")>' in shown  # in the cleaning log


def test_every_notebook_runs_on_a_single_period_and_says_why_comparisons_are_skipped(tmp_path, shared_dirs,
                                                                                   monkeypatch):
    folder = tmp_path / "europresse_study"
    ids = _europresse_folder(folder)
    (folder / "periods.csv").write_text(ONE_PERIOD, encoding="utf-8")
    results = _build(folder, tmp_path / "reports", shared_dirs, monkeypatch)
    texts = _check_build(results, tmp_path / "reports", folder, ids)
    for notebook in ("01", "02"):
        assert "falls in one period (summer_autumn): there is no earlier period to compare" in texts[notebook]
    assert "has no `claims.csv` of its own" in texts["04"]


def test_index_names_the_default_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PRESSE_SOMMET_DATA", raising=False)
    target = report.write_index([], tmp_path, "now")
    page = target.read_text(encoding="utf-8")
    assert html.escape(str(paths.DATA_DIR.resolve())) in page and "the project's own" in page


def test_report_refuses_a_data_folder_without_articles(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRESSE_SOMMET_DATA", str(tmp_path / "nothing_here"))
    assert report.main(["--out", str(tmp_path / "out")]) == 1
    assert "has no articles.csv" in capsys.readouterr().err


def test_period_colours_keep_the_study_colours_and_give_every_other_period_its_own():
    from analysis.plots import PERIOD_COLOURS, colour_key, period_colours

    assert period_colours(["august", "november"]) == PERIOD_COLOURS
    many = period_colours(["july", "august", "autumn", "winter"])
    assert many["august"] == PERIOD_COLOURS["august"] and len(set(many.values())) == 4
    assert many == period_colours(["july", "august", "autumn", "winter"])  # deterministic by period order
    assert colour_key(period_colours(["august", "november"])) == "blue: august, orange: november"


def test_camp_colours_keep_the_known_camps_and_colour_new_ones():
    from analysis.plots import CAMP_COLOURS, camp_colours

    colours = camp_colours(["russia", "unknown", "nato", "usa", "china"])
    assert colours["russia"] == CAMP_COLOURS["russia"] and colours["unknown"] == "#cccccc"
    assert len(set(colours.values())) == 5

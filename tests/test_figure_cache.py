"""Figures drawn once: the cached PNG is the one savefig writes, and the key follows everything that is drawn."""
import io
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from analysis import cache, figure_cache, paths, plots  # noqa: E402

DPI = plots.SAVE_DPI
# A figure with the usual parts: bars, a heatmap with a colourbar, text, a legend and a title.
FIGURE = '''
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from analysis import plots

def make(title="Mentions", values=(3, 5), colour="#4c72b0"):
    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3))
    left.bar(["Trump", "Poutine"], list(values), color=colour, label="mentions")
    left.legend(title="légende")
    left.set_title(title)
    plots.heatmap(pd.DataFrame({"000": [1, 4], "001": [0, 2]}, index=["Alaska", "Budapest"]), title="lieux",
                  ax=right)
    return fig
'''
namespace: dict = {}
exec(FIGURE, namespace)
make = namespace["make"]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path / "cache"))
    yield
    plt.close("all")


def drawn(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def test_an_unchanged_figure_is_not_drawn_again_and_its_png_is_the_one_savefig_writes(monkeypatch, tmp_path):
    first = figure_cache.figure_png(make(), dpi=DPI)
    assert first == drawn(make())
    entries = list((tmp_path / "cache" / "figure").iterdir())
    assert len(entries) == 1 and [p.name for p in entries[0].iterdir()] == ["figure.png"]

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(Figure, "savefig", no_drawing)
    plt.figure()  # another figure first: the figure's number in pyplot is not part of what it draws
    assert figure_cache.figure_png(make(), dpi=DPI) == first
    saved = plots.save_figure(make(), "f", folder=tmp_path / "figures")
    assert saved.png.read_bytes() == first


def test_the_key_follows_what_is_drawn():
    key = figure_cache.figure_key(make(), dpi=DPI)
    assert len(key) == 24 and figure_cache.figure_key(make(), dpi=DPI) == key
    changed = {
        "title": figure_cache.figure_key(make(title="Mentions "), dpi=DPI),
        "value": figure_cache.figure_key(make(values=(3, 6)), dpi=DPI),
        "colour": figure_cache.figure_key(make(colour="#4c72b1"), dpi=DPI),
        "dpi": figure_cache.figure_key(make(), dpi=DPI + 1),
    }
    fig = make()
    fig.axes[0].set_xlim(-1, 3)
    changed["limits"] = figure_cache.figure_key(fig, dpi=DPI)
    with plt.rc_context({"font.size": 11}):  # read at drawing time: a figure made before is drawn differently
        changed["settings"] = figure_cache.figure_key(make(), dpi=DPI)
    assert key not in changed.values() and len(set(changed.values())) == len(changed)


def test_the_key_is_the_same_in_another_process():
    """Nothing of one process (ids, hash seeds, figure numbers) is in the key, or a report's next build would miss."""
    code = FIGURE + "\nfrom analysis import figure_cache\nplt.figure()\nprint(figure_cache.figure_key(make(), dpi=150))"
    keys = {subprocess.run([sys.executable, "-c", code], cwd=paths.PROJECT_ROOT, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout.strip() for seed in "12"}
    assert keys == {figure_cache.figure_key(make(), dpi=150)}


def test_a_figure_referring_to_code_outside_the_key_is_drawn_every_time(tmp_path):
    """A formatter written in a notebook (here, in this test module) could change while the figure's data do not."""
    fig = make()
    fig.axes[0].yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f} mentions"))
    assert figure_cache.figure_key(fig, dpi=DPI) is None
    assert figure_cache.figure_png(fig, dpi=DPI) == drawn(fig)
    assert not (tmp_path / "cache" / "figure").exists()


def test_a_figure_that_calls_a_function_as_it_is_drawn_has_no_key():
    fig = make()
    assert figure_cache.figure_key(fig, dpi=DPI) is not None
    fig.canvas.mpl_connect("draw_event", lambda event: event.canvas.figure.axes[0].set_title("drawn"))
    assert figure_cache.figure_key(fig, dpi=DPI) is None


def test_library_code_a_figure_refers_to_is_keyed_by_its_file(monkeypatch):
    fig = make()
    fig.axes[0].yaxis.set_major_formatter(FuncFormatter(lambda value, _: plots.count_label(int(value), "mention")))
    fig.axes[0].xaxis.set_major_formatter(FuncFormatter(plots.span_label))
    pickler = figure_cache._StatePickler(figure_cache._Digest())
    with pytest.raises(figure_cache.Unkeyable, match="test_figure_cache"):  # the lambda is this module's
        pickler.dump(fig)
    fig.axes[0].yaxis.set_major_formatter(FuncFormatter(plots.word_list))
    pickler = figure_cache._StatePickler(figure_cache._Digest())
    pickler.dump(fig)
    assert pickler.own_modules == {"analysis.plots"}
    # a library function named by a lambda of the library: the modules of what it calls are keyed too
    assert figure_cache._own_modules_reached(plots.heatmap) >= {"analysis.plots", "analysis.colours"}
    key = figure_cache.figure_key(fig, dpi=DPI)
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda path: "edited" if path.name == "plots.py" else real(path))
    assert figure_cache.figure_key(fig, dpi=DPI) not in (None, key)


def test_a_damaged_entry_is_reported_and_the_figure_drawn_again(tmp_path, capsys):
    png = figure_cache.figure_png(make(), dpi=DPI)
    [entry] = (tmp_path / "cache" / "figure").glob("*/figure.png")
    entry.write_bytes(png[: len(png) // 2])
    assert figure_cache.figure_png(make(), dpi=DPI) == png
    assert f"unreadable figure entry, drawn again (figure/{entry.parent.name}/figure.png: chunk b'IDAT' cut short)" \
        in capsys.readouterr().err
    assert entry.read_bytes() == png


def test_png_problems_are_named():
    png = drawn(make())
    assert figure_cache.png_problem(png) is None
    assert figure_cache.png_problem(b"GIF89a" + png[6:]) == "not a PNG"
    assert figure_cache.png_problem(png[:-12]) == "no end"
    assert figure_cache.png_problem(png + b"\0") == "data after the end"
    damaged = bytearray(png)
    damaged[60] ^= 0xFF  # inside the first chunk after IHDR (pHYs or tEXt)
    assert figure_cache.png_problem(bytes(damaged)).endswith("damaged")


def test_figures_of_the_notebooks_have_keys():
    """The library's own figures refer to nothing outside the key: each is cached (a heatmap, a timeline...)."""
    table = pd.DataFrame({"a": [0, 10], "b": [5, 1]}, index=["Poutine", "Trump"])
    ax = plots.heatmap(table, title="t", row_groups=["russia", "usa"],
                       group_colours={"russia": "#c0392b", "usa": "#2c5f9e"})
    assert figure_cache.figure_key(ax.figure, dpi=DPI) is not None

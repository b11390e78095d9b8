"""Figures that stand alone: intervals, CSVs with their row labels, legible text, whole labels, legends outside."""
import base64
import os
import re
import struct
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from IPython.core.formatters import PNGFormatter  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis import clouds, layers, plots, plots_ledger, tone  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- intervals ---------------------------------------------------------------------------------------------
SCORES = pd.DataFrame({"article_id": ["b"] * 6 + ["a"] * 5 + ["c"],
                       "voice": ["narration", "reported"] * 6,
                       "polarity": [0.1, -0.2, 0.3, 0.0, 0.25, -0.05, 0.4, 0.1, -0.3, 0.2, np.nan, 0.5]})


def test_mean_with_interval_holds_the_mean_and_is_reproducible():
    table = tone.mean_with_interval(SCORES, by=["article_id"])
    assert list(table.index) == ["b", "a", "c"]  # groups in order of first appearance, not sorted
    assert list(table.columns) == ["n", "mean", "low", "high"]
    assert table.loc["a", "n"] == 4  # the missing value is left out
    assert table.loc["b", "mean"] == pytest.approx(np.mean([0.1, -0.2, 0.3, 0.0, 0.25, -0.05]))
    assert (table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all()
    assert table.loc["b", "low"] < table.loc["b", "high"]  # a real interval where the values differ
    assert table.loc["c", ["low", "high"]].tolist() == [0.5, 0.5]  # one sentence: no spread
    pd.testing.assert_frame_equal(table, tone.mean_with_interval(SCORES, by=["article_id"]))  # same seed, same
    other = tone.mean_with_interval(SCORES, by=["article_id"], seed=1)
    assert not np.allclose(other.loc["b", ["low", "high"]], table.loc["b", ["low", "high"]])


def test_mean_with_interval_agrees_with_summarise_and_takes_several_keys():
    scores = SCORES.dropna().assign(n_assessed=1)
    summary = tone.summarise(scores)
    table = tone.mean_with_interval(scores, by=["article_id"]).reindex(summary.index)
    assert np.allclose(table[["mean", "low", "high"]].to_numpy(),
                       summary[["mean_polarity", "ci_low", "ci_high"]].to_numpy())
    wider = tone.mean_with_interval(scores, by=["article_id"], level=0.99)
    assert (wider["high"] - wider["low"] >= table.reindex(wider.index)["high"] - table.reindex(wider.index)["low"]).all()
    two = tone.mean_with_interval(SCORES, by=["article_id", "voice"])
    assert two.index.names == ["article_id", "voice"] and two.loc[("b", "reported"), "n"] == 3


def test_hedged_share_by_voice_counts_mixed_sentences_in_both_voices():
    hedges = pd.DataFrame({"article_id": ["x", "x", "x", "y"],
                           "sentence_voice": ["narration", "mixed", "reported", "narration"],
                           "hedged_narration": [True, False, False, False],
                           "hedged_reported": [False, True, False, False]})
    table = tone.hedged_share_by_voice(hedges)
    assert table.loc[("x", "narration"), "n"] == 2 and table.loc[("x", "narration"), "mean"] == 0.5
    assert table.loc[("x", "reported speech"), "n"] == 2 and table.loc[("x", "reported speech"), "mean"] == 0.5
    assert table.loc[("y", "reported speech"), "n"] == 0 and np.isnan(table.loc[("y", "reported speech"), "mean"])
    shares = tone.hedging_by_voice(hedges)
    assert table.xs("narration", level="voice")["mean"].tolist() == shares["narration_hedged"].tolist()


def test_interval_bars_draw_each_interval_in_the_tables_order():
    table = pd.DataFrame({"period": ["summer", "summer", "autumn", "autumn"],
                          "voice": ["narration", "reported speech"] * 2, "n": [10, 4, 7, 0],
                          "mean": [0.2, 0.5, 0.0, np.nan], "low": [0.1, 0.25, 0.0, np.nan],
                          "high": [0.35, 0.75, 0.0, np.nan]}).set_index(["period", "voice"])
    ax = plots.interval_bars(table, series="voice", colours={"narration": "#777777", "reported speech": "#c98b2b"},
                             title="t", ylabel="share")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["summer", "autumn"]  # not sorted alphabetically
    bars = [b for c in ax.containers if hasattr(c, "patches") for b in c.patches]
    assert sorted(round(b.get_height(), 2) for b in bars) == [0.0, 0.2, 0.5]  # no bar for the missing mean
    caps = ax.containers[0].lines[1]  # the narration series' error bar caps
    ends = sorted(round(float(y), 2) for cap in caps for y in cap.get_ydata())
    assert ends == [0.0, 0.0, 0.1, 0.35]
    assert sorted(t.get_text() for t in ax.texts) == ["n=10", "n=4", "n=7"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["narration", "reported speech"]


# --- saving ------------------------------------------------------------------------------------------------
def test_saved_csv_keeps_unnamed_row_labels(tmp_path):
    fig, _ = plt.subplots()
    plots.save_figure(fig, "a", pd.DataFrame({"n": [3, 4]}, index=["Poutine", "Trump"]), folder=tmp_path)
    assert (tmp_path / "a.csv").read_text().splitlines() == ["row,n", "Poutine,3", "Trump,4"]
    half = pd.DataFrame({"n": [1]}, index=pd.MultiIndex.from_tuples([("usa", "Trump")], names=["camp", None]))
    plots.save_figure(fig, "b", half, folder=tmp_path)
    assert (tmp_path / "b.csv").read_text().splitlines() == ["camp,row_1,n", "usa,Trump,1"]
    plots.save_figure(fig, "c", pd.DataFrame({"n": [1, 2]}), folder=tmp_path)  # plain row numbers: not written
    assert (tmp_path / "c.csv").read_text().splitlines() == ["n", "1", "2"]


def test_saved_figure_is_a_path_that_shows_only_file_names(tmp_path):
    fig, _ = plt.subplots()
    saved = plots.save_figure(fig, "04_x", pd.DataFrame({"n": [1]}, index=["r"]), folder=tmp_path)
    assert os.fspath(saved) == str(tmp_path / "04_x.png") and (tmp_path / "04_x.png").stat().st_size > 0
    for shown in (repr(saved), saved._repr_markdown_()):
        assert "/" not in shown and "\\" not in shown and str(tmp_path.name) not in shown
        assert "`04_x.png`" in shown and "`04_x.csv`" in shown
    bare = plots.save_figure(fig, "05_y", folder=tmp_path)
    assert repr(bare) == "Saved `05_y.png` in the figures folder." and not (tmp_path / "05_y.csv").exists()


# --- legible colours ---------------------------------------------------------------------------------------
def test_contrast_helpers():
    assert plots.contrast_ratio("black", "white") == pytest.approx(21)
    assert plots.contrast_ratio("#777777") == pytest.approx(plots.contrast_ratio("white", "#777777"))
    assert plots.legible_colour("#2c5f9e") == "#2c5f9e"  # dark enough already
    gold = plots.legible_colour("#e0b000")
    assert gold != "#e0b000" and plots.contrast_ratio(gold) >= 4.5
    colours = plots.legible_colours("viridis")
    assert all(plots.contrast_ratio(c) >= 4.5 for c in colours(np.linspace(0, 1, 50)))
    assert to_hex(colours(1.0)) != to_hex(plt.get_cmap("viridis")(1.0))  # the yellow end is gone


@pytest.mark.parametrize("cmap", ["Blues", "viridis", "RdBu"])
def test_heatmap_cell_text_contrasts_with_the_cell(cmap):
    table = pd.DataFrame({"a": [0.0, 5.0], "b": [10.0, np.nan]}, index=["x", "y"])
    ax = plots.heatmap(table, title="t", cmap=cmap)
    image = ax.images[0]
    ink = {t.get_text(): t.get_color() for t in ax.texts}
    assert set(ink) == {"0", "5", "10"}  # the empty cell stays blank
    for text, colour in ink.items():
        cell = image.cmap(image.norm(float(text)))
        other = "white" if colour == "black" else "black"
        assert plots.contrast_ratio(cell, colour) >= plots.contrast_ratio(cell, other)
    darkest, lightest = sorted(ink, key=lambda v: plots.relative_luminance(image.cmap(image.norm(float(v)))))[::2]
    assert ink[darkest] == "white" and ink[lightest] == "black"


def test_heatmap_names_its_label_colours_outside_the_cells_and_keeps_labels_whole():
    long = "an actor whose name is long enough to need more than one line of label"
    table = pd.DataFrame({"000": [1, 2, 3]}, index=["Poutine", "Zelensky", long])
    camps = {"russia": "#c0392b", "ukraine": "#e0b000", "other": "#8c8c8c"}
    ax = plots.heatmap(table, title="t", row_groups=["russia", "ukraine", "other"], group_colours=camps,
                       label_width=30)
    labels = ax.get_yticklabels()
    assert labels[2].get_text().replace("\n", " ") == long and "\n" in labels[2].get_text()
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["russia", "ukraine", "other"]
    markers = [to_hex(h.get_color()) for h in legend.legend_handles]
    assert markers == [to_hex(label.get_color()) for label in labels]  # the legend shows the labels' colours
    assert all(plots.contrast_ratio(m) >= 4.5 for m in markers)  # yellow darkened to read on white
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    colourbar = next(a for a in fig.axes if a is not ax)
    assert legend.get_window_extent(renderer).x0 >= colourbar.get_tightbbox(renderer).x1  # beside, not over
    assert fig.get_tightbbox(renderer).contains(*legend.get_window_extent(renderer).p1 / fig.dpi)


def test_word_cloud_is_reproducible_and_has_no_pale_words():
    pytest.importorskip("wordcloud")
    freq = {f"mot{i}": 100 - i for i in range(80)}  # enough words for colours from the whole colour scheme
    arrays = [np.ma.getdata(plots.word_cloud(freq, title="t").images[0].get_array()) for _ in range(2)]
    assert np.array_equal(arrays[0], arrays[1])
    pixels = arrays[0].reshape(-1, arrays[0].shape[-1])[:, :3].astype(float) / 255
    ink = pixels[pixels.min(axis=1) < 0.9]  # word pixels, not the white background
    yellowish = (ink[:, 0] > 0.6) & (ink[:, 1] > 0.6) & (ink[:, 2] < 0.4)
    assert len(ink) and not yellowish.any()
    solid = ink[ink.sum(axis=1) <= np.median(ink.sum(axis=1))]  # letter cores, not their anti-aliased edges
    assert min(plots.contrast_ratio(p) for p in solid) >= 4.5


def test_a_cloud_image_draws_the_same_cloud_as_its_frequencies():
    pytest.importorskip("wordcloud")
    freq = {f"mot{i}": 50 - i for i in range(40)}
    image = plots.cloud_image(freq)
    drawn = [np.ma.getdata(plots.word_cloud(f, title="t").images[0].get_array()) for f in (freq, image)]
    assert np.array_equal(drawn[0], drawn[1]) and np.array_equal(drawn[0], image)


def test_a_cloud_drawn_from_its_layout_has_the_pixels_of_the_cloud_wordcloud_draws():
    from wordcloud import WordCloud

    freq = {f"mot{i}": 50 - i for i in range(40)} | {"rencontre": 60, "sommet": 60}  # a tie, broken by order
    placed = clouds.layout(freq)
    direct = WordCloud(**clouds.CANVAS, **clouds.PLACEMENT, random_state=clouds.SEED,
                       colormap=plots.legible_colours(clouds.COLOURMAP, min_contrast=clouds.MIN_CONTRAST))
    assert np.array_equal(clouds.render(placed), direct.generate_from_frequencies(freq).to_array())
    assert list(placed.columns) == clouds.COLUMNS and len(placed) == 42
    assert placed["word"].tolist()[:3] == ["rencontre", "sommet", "mot0"] and placed["weight"].iat[2] == 50 / 60
    assert placed["font_size"].is_monotonic_decreasing and placed["font_size"].min() >= clouds.MIN_FONT


def test_a_cloud_layout_is_laid_out_once_per_frequencies_and_seed_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSE_SOMMET_CACHE", str(tmp_path))
    made = []
    real = clouds.layout
    monkeypatch.setattr(clouds, "layout", lambda f, seed: made.append(seed) or real(f, seed=seed))
    freq = {"rencontre": 3, "sommet": 3, "Alaska": 1}
    first = layers.cloud_layout(freq)
    again = layers.cloud_layout(dict(freq))
    pd.testing.assert_frame_equal(again, first)
    assert made == [clouds.SEED] and np.array_equal(plots.cloud_image(again), clouds.render(real(freq)))
    layers.cloud_layout(freq, seed=7)
    swapped = layers.cloud_layout({"sommet": 3, "rencontre": 3, "Alaska": 1})  # the tie broken the other way
    assert made == [clouds.SEED, 7, clouds.SEED] and swapped["word"].tolist()[:2] == ["sommet", "rencontre"]
    assert len(list((tmp_path / "cloud_layout").iterdir())) == 3


def test_in_a_notebook_a_saved_figure_is_shown_as_its_file_until_it_changes(tmp_path, monkeypatch):
    """The inline PNG of a figure `save_figure` saved is that file (at the inline size: pixels × dpi / 150), not a
    second drawing; a figure never saved, or changed after saving, is drawn as usual."""
    png = PNGFormatter()
    png.for_type(Figure, lambda fig: "drawn")
    shell = SimpleNamespace(display_formatter=SimpleNamespace(formatters={"image/png": png}))
    monkeypatch.setattr(plots, "get_ipython", lambda: shell)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2])
    other, ax2 = plt.subplots()
    ax2.plot([2, 1])
    saved = plots.save_figure(fig, "p", folder=tmp_path)
    data, meta = png(fig)
    written = saved.png.read_bytes()
    width, height = struct.unpack(">II", written[16:24])
    assert base64.b64decode(data) == written
    assert meta == {"width": round(width * fig.dpi / 150), "height": round(height * fig.dpi / 150)}
    assert png(other) == "drawn"
    plots.save_figure(other, "q", folder=tmp_path)
    ax.set_title("changed after saving")
    assert png(fig) == "drawn" and base64.b64decode(png(other)[0]) == (tmp_path / "q.png").read_bytes()


# --- the claim ledger's figures ----------------------------------------------------------------------------
def _ledger():
    claims = ["A meeting between the two presidents will take place within days in a place still unnamed",
              "Many more secondary sanctions on countries trading with the other side",
              "A new meeting is planned in a European capital before the end of the year"]
    return pd.DataFrame({"claim_id": ["A01", "A02", "N01"], "claim_en": claims,
                         "made_on": pd.to_datetime(["2025-08-07", "2025-08-07", "2025-10-20"]),
                         "horizon_start": pd.to_datetime(["2025-08-07", None, "2025-10-20"]),
                         "horizon_end": pd.to_datetime(["2025-08-20", None, None]),
                         "status_by_november": ["fulfilled", "unresolved", "not_fulfilled"]})


def _events():
    days = ["2025-08-06", "2025-08-07", "2025-08-08", "2025-10-13", "2025-10-21", "2025-10-22", "2018-07-16"]
    names = [f"Event number {i} with a description long enough to have been cut before" for i in range(len(days))]
    return pd.DataFrame({"date": pd.to_datetime(days), "event_en": names, "mentioned_by": [["000"]] * len(days)})


def test_timeline_keeps_every_word_and_puts_labels_where_they_read():
    ledger = _ledger()
    fig = plots_ledger.claims_timeline(_events(), ledger, pd.Series(pd.to_datetime(["2025-08-07", "2025-11-17"])),
                                       zoom=("2025-08-01", "2025-12-01"), status_in="november")
    bottom = fig.axes[1]
    labels = [t.get_text() for t in bottom.get_yticklabels()]
    for label, row in zip(labels, ledger.itertuples()):
        assert label.split() == f"{row.claim_id} {row.claim_en}".split()  # whole words, only wrapped
        assert "…" not in label
    shown = " ".join(t.get_text() for a in fig.axes for t in a.texts)
    for name in _events()["event_en"]:
        assert " ".join(name.split()) in " ".join(shown.split())  # every event named whole, here or in the key
    renderer = fig.canvas.get_renderer()
    legend = bottom.get_legend()
    assert legend.get_window_extent(renderer).x0 >= bottom.get_window_extent(renderer).x1  # outside the bars
    assert fig.get_tightbbox(renderer).contains(*legend.get_window_extent(renderer).p1 / fig.dpi)  # kept by "tight"
    numbers = [t for t in bottom.texts if re.fullmatch(r"\d+", t.get_text())]
    boxes = sorted((Text.get_window_extent(t, renderer) for t in numbers), key=lambda b: b.x0)  # the text only
    assert len(boxes) == 6 and all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:]))  # event numbers never overlap


def test_category_grid_has_one_legend_entry_per_category_and_no_colourbar():
    table = pd.DataFrame({"000": ["asserted", "hedged"], "001": ["", "rejected"]}, index=["A01 one", "A02 two"])
    ax = plots_ledger.category_grid(table, colours=plots_ledger.CARRIAGE_COLOURS, names=plots_ledger.CARRIAGE_NAMES,
                                    title="t")
    entries = [t.get_text() for t in ax.get_legend().get_texts()]
    assert entries == [plots_ledger.CARRIAGE_NAMES[k] for k in plots_ledger.CARRIAGE_COLOURS]
    assert ax.figure.axes == [ax]  # no colourbar
    for text in ax.texts:
        key = next(k for k, v in plots_ledger.CARRIAGE_NAMES.items() if v == text.get_text())
        background = plots_ledger.CARRIAGE_COLOURS[key]
        assert plots.contrast_ratio(background, text.get_color()) >= 4.5


def test_a_long_text_is_wrapped_between_words_to_the_figure_s_width_when_saved():
    fig, ax = plt.subplots(figsize=(8, 3))
    key = "Events: " + "   ".join(f"{n}. {n:02d} Aug: le Kremlin annonce une rencontre (00{n % 5})" for n in range(1, 41))
    wrapped = plots.wrap_to_figure(ax, key, fontsize=7, x=0.1)
    assert wrapped.split() == key.split() and len(wrapped.splitlines()) >= 8
    text = ax.text(0.1, -0.1, wrapped, transform=ax.transAxes, fontsize=7, va="top")
    fig.set_dpi(plots.SAVE_DPI)  # as saved: small text runs wider than at the figure's own dpi
    extent = text.get_window_extent(fig.canvas.get_renderer())
    assert extent.x1 <= fig.bbox.width and extent.x0 == pytest.approx(ax.transAxes.transform((0.1, 0))[0])
    assert plots.wrap_to_figure(ax, "Un seul événement.", fontsize=7) == "Un seul événement."

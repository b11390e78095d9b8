"""Figures that stand alone: whole labels, legends for categories and colours, legible text, CSVs with labels."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import plots, plots_ledger  # noqa: E402


def test_text_colour_reads_on_its_background():
    assert plots_ledger.text_colour("#2c5f9e") == "white" and plots_ledger.text_colour("#f2f2f2") == "black"
    assert plots_ledger.text_colour("#9ecae1") == "black" and plots_ledger.text_colour("#c0392b") == "white"


def test_category_grid_has_a_legend_per_category_and_no_colourbar():
    table = pd.DataFrame({"000": ["asserted", "", "rejected"], "001": ["hedged", "asserted", ""]},
                         index=["A01 a claim whose text is long enough to be wrapped on two lines", "A02", "A03"])
    ax = plots_ledger.category_grid(table, colours=plots_ledger.CARRIAGE_COLOURS, names=plots_ledger.CARRIAGE_NAMES,
                                    title="t")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["asserted", "hedged", "rejected", "absent"]
    assert len(ax.figure.axes) == 1  # no colourbar
    cells = {t.get_text(): t.get_color() for t in ax.texts}
    assert cells == {"asserted": "white", "hedged": "black", "rejected": "white"}
    assert ax.get_yticklabels()[0].get_text().replace("\n", " ") == table.index[0]  # whole, wrapped
    with pytest.raises(ValueError, match="no colour for 'maybe'"):
        plots_ledger.category_grid(table.replace("hedged", "maybe"), colours=plots_ledger.CARRIAGE_COLOURS, title="t")
    plt.close("all")


def test_timeline_shows_every_claim_whole_and_keeps_the_legend_outside(layers):
    from analysis.timex import event_mentions, events_dated_by

    ledger = layers.ledger
    events = event_mentions(events_dated_by(layers.events, layers.corpus), layers.times)
    fig = plots_ledger.claims_timeline(events, ledger, layers.corpus["published"],
                                       zoom=("2025-08-01", "2025-12-01"), status_in="november")
    bottom = fig.axes[1]
    labels = [t.get_text().replace("\n", " ") for t in bottom.get_yticklabels()]
    assert labels == [f"{r.claim_id} {r.claim_en}" for r in ledger.itertuples()]
    legend = bottom.get_legend()
    assert legend.get_bbox_to_anchor().x0 >= bottom.get_window_extent().x1  # right of the plotting area
    assert "not fulfilled" in [t.get_text() for t in legend.get_texts()]
    key = next(t.get_text() for t in bottom.texts if t.get_text().startswith("Events: "))
    assert "11. 17 Nov: Kremlin (Peskov) hopes for a future summit (004)" in key
    plt.close("all")


def test_heatmap_names_the_label_colours_and_writes_legibly():
    table = pd.DataFrame({"a": [0, 10], "b": [5, 1]}, index=["Poutine", "Trump"])
    ax = plots.heatmap(table, title="t", row_groups=["russia", "usa"],
                       group_colours={"russia": "#c0392b", "usa": "#2c5f9e"})
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["russia", "usa"]
    assert [label.get_color() for label in ax.get_yticklabels()] == ["#c0392b", "#2c5f9e"]
    ink = {t.get_text(): t.get_color() for t in ax.texts}
    assert ink["10"] == "white" and ink["0"] == "black"
    plt.close("all")


def test_save_figure_keeps_row_labels_and_shows_no_path(tmp_path):
    fig, _ = plt.subplots()
    multi = pd.DataFrame({"000": [1, 2]}, index=pd.MultiIndex.from_tuples([("usa", "Trump"), ("russia", "Poutine")],
                                                                          names=["camp", "actor"]))
    saved = plots.save_figure(fig, "x", multi, folder=tmp_path)
    assert (tmp_path / "x.csv").read_text().splitlines() == ["camp,actor,000", "usa,Trump,1", "russia,Poutine,2"]
    assert repr(saved) == "Saved `x.png` and its numbers `x.csv` in the figures folder." and "/" not in repr(saved)
    plots.save_figure(fig, "y", pd.DataFrame({"v": [1]}, index=["label"]), folder=tmp_path)
    assert (tmp_path / "y.csv").read_text().splitlines() == ["row,v", "label,1"]
    plots.save_figure(fig, "z", pd.DataFrame({"v": [1, 2, 3]}).iloc[[2]], folder=tmp_path)  # row numbers: left out
    assert (tmp_path / "z.csv").read_text().splitlines() == ["v", "3"]
    plt.close("all")


def test_bars_show_their_intervals():
    means = pd.DataFrame({"narration": [0.01, 0.07], "reported": [0.05, 0.02]}, index=["000", "001"])
    ax = plots.bars_with_intervals(means, means - 0.03, means + 0.04, colours=["#777777", "#c98b2b"], title="t",
                                   ylabel="mean")
    from matplotlib.container import BarContainer, ErrorbarContainer

    assert [type(c) for c in ax.containers] == [ErrorbarContainer, BarContainer] * 2  # each series with its errors
    plt.close("all")

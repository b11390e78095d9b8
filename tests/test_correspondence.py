"""Correspondence analysis checked against chi-squared, the transition formulas and an independent
eigen-decomposition, on a hand-made table."""
import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats

from analysis.correspondence import _best_cut, bipartition, biplot, correspondence_analysis, first_axis

# Five newspapers × six themes (made-up counts), with one empty row and one empty column that must be dropped.
TABLE = pd.DataFrame(
    [[30, 12, 5, 8, 20, 0, 1],
     [10, 25, 14, 3, 6, 0, 9],
     [4, 9, 31, 12, 2, 0, 7],
     [0, 0, 0, 0, 0, 0, 0],
     [15, 5, 8, 22, 11, 0, 3],
     [7, 18, 3, 6, 27, 0, 12]],
    index=["le_monde", "liberation", "le_figaro", "empty_paper", "la_croix", "l_humanite"],
    columns=["summit", "ukraine", "sanctions", "energy", "alaska", "nothing", "europe"])
FULL = TABLE.drop(index="empty_paper", columns="nothing")


@pytest.fixture(scope="module")
def ca():
    return correspondence_analysis(TABLE)


def _matrix(long, column="coord"):
    return long.pivot(index="label", columns="axis", values=column)


def test_empty_rows_and_columns_are_dropped_and_reported(ca):
    assert ca.dropped_rows == ("empty_paper",)
    assert ca.dropped_columns == ("nothing",)
    assert set(ca.rows["label"]) == set(FULL.index)
    assert set(ca.columns["label"]) == set(FULL.columns)
    assert ca.n == FULL.to_numpy().sum()


def test_total_inertia_is_chi2_over_n(ca):
    chi2 = stats.chi2_contingency(FULL.to_numpy(), correction=False)[0]
    assert ca.chi2 == pytest.approx(chi2, rel=1e-12)
    assert ca.total_inertia == pytest.approx(chi2 / FULL.to_numpy().sum(), rel=1e-12)
    assert ca.eigenvalues["eigenvalue"].sum() == pytest.approx(ca.total_inertia, rel=1e-12)
    assert ca.eigenvalues["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert len(ca.eigenvalues) == min(FULL.shape) - 1
    assert ca.eigenvalues["eigenvalue"].is_monotonic_decreasing


def test_transition_formulas(ca):
    p = FULL.to_numpy(float)
    row_profiles = p / p.sum(axis=1, keepdims=True)
    col_profiles = (p / p.sum(axis=0, keepdims=True)).T
    rows = _matrix(ca.rows).loc[FULL.index].to_numpy()
    cols = _matrix(ca.columns).loc[FULL.columns].to_numpy()
    row_std = _matrix(ca.rows, "std_coord").loc[FULL.index].to_numpy()
    col_std = _matrix(ca.columns, "std_coord").loc[FULL.columns].to_numpy()
    # Row principal coordinates are the row profiles averaging the columns' standard coordinates, and conversely.
    np.testing.assert_allclose(rows, row_profiles @ col_std, atol=1e-10)
    np.testing.assert_allclose(cols, col_profiles @ row_std, atol=1e-10)
    # Principal = standard × singular value.
    np.testing.assert_allclose(rows, row_std * ca.eigenvalues["singular_value"].to_numpy(), atol=1e-12)


def test_agrees_with_an_eigen_decomposition_of_s_transpose_s(ca):
    p = FULL.to_numpy(float) / FULL.to_numpy().sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    eig, vecs = np.linalg.eigh(s.T @ s)
    order = np.argsort(eig)[::-1][: len(ca.eigenvalues)]
    np.testing.assert_allclose(ca.eigenvalues["eigenvalue"].to_numpy(), eig[order], atol=1e-12)
    col_principal = vecs[:, order] / np.sqrt(c)[:, None] * np.sqrt(eig[order])
    cols = _matrix(ca.columns).loc[FULL.columns].to_numpy()
    for k in range(cols.shape[1]):  # equal up to the sign of each axis
        sign = np.sign(cols[:, k] @ col_principal[:, k])
        np.testing.assert_allclose(cols[:, k], sign * col_principal[:, k], atol=1e-10)


def test_contributions_and_squared_cosines_sum_to_one(ca):
    for side in (ca.rows, ca.columns):
        np.testing.assert_allclose(side.groupby("axis")["ctr"].sum(), 1.0, atol=1e-12)
        np.testing.assert_allclose(side.groupby("label")["cos2"].sum(), 1.0, atol=1e-12)
        # A point's inertia is its share of the total, over all axes.
        assert side.drop_duplicates("label")["inertia"].sum() == pytest.approx(ca.total_inertia, rel=1e-12)


def test_n_axes_limits_the_point_tables_not_the_eigenvalues():
    small = correspondence_analysis(FULL, n_axes=2)
    assert sorted(small.rows["axis"].unique()) == [1, 2]
    assert len(small.eigenvalues) == 4
    assert (small.rows.groupby("label")["cos2"].sum() <= 1 + 1e-12).all()
    wide = small.wide("columns")
    assert list(wide.columns) == ["mass", "inertia", "coord_1", "ctr_1", "cos2_1", "coord_2", "ctr_2", "cos2_2"]


@pytest.mark.parametrize("table, message", [
    (pd.DataFrame([[1, -2], [3, 4]], index=["a", "b"], columns=["x", "y"]), "negative counts"),
    (pd.DataFrame([[1, 2, 3], [0, 0, 0]]), "at least 2 non-empty rows"),
    (pd.DataFrame([[1, 0], [2, 0], [3, 0]]), "1 non-empty column"),
    (pd.DataFrame([[1, np.nan], [3, 4]]), "missing or infinite"),
    (pd.DataFrame([["a", 1], [3, 4]]), "numbers only"),
])
def test_bad_tables_raise_a_clear_error(table, message):
    with pytest.raises(ValueError, match=message):
        correspondence_analysis(table)


def test_biplot_labels_the_strongest_columns_and_shows_inertia_shares(ca):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = biplot(ca, max_labels=3)
    texts = {t.get_text() for t in ax.texts}
    assert len(texts & set(FULL.columns)) == 3 and len(texts & set(FULL.index)) == 3
    plane = ca.wide("columns")
    strongest = (plane["ctr_1"] * share_of(ca, 1) + plane["ctr_2"] * share_of(ca, 2)).nlargest(3).index
    assert set(strongest) <= texts
    share = ca.eigenvalues["share"]
    assert f"{share[0]:.1%}" in ax.get_xlabel() and f"{share[1]:.1%}" in ax.get_ylabel()
    plt.close(ax.figure)
    ax = biplot(ca)  # every label: they do not overlap
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer=renderer) for t in ax.texts]
    assert len(boxes) == len(FULL.index) + len(FULL.columns)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    plt.close(ax.figure)


def share_of(ca, axis):
    return ca.eigenvalues.set_index("axis").at[axis, "eigenvalue"]


def _chi2(table):
    return stats.chi2_contingency(np.asarray(table, float), correction=False)[0]


def test_first_axis_is_the_first_axis_of_the_analysis(ca):
    std = _matrix(ca.rows, "std_coord").loc[FULL.index, 1].to_numpy()
    np.testing.assert_allclose(first_axis(FULL.to_numpy()), std, atol=1e-10)
    # A large sparse table goes through the truncated SVD: same coordinates as the full analysis.
    rng = np.random.default_rng(0)
    big = (rng.random((300, 120)) < 0.08).astype(float) + np.eye(300, 120)
    big = big[:, big.sum(axis=0) > 0]
    full = correspondence_analysis(pd.DataFrame(big), n_axes=1).rows.sort_values("label")["std_coord"].to_numpy()
    np.testing.assert_allclose(first_axis(sparse.csr_matrix(big)), full, atol=1e-8)


def test_bipartition_maximises_the_chi2_of_the_two_groups():
    rng = np.random.default_rng(1)
    table = rng.poisson(2.0, size=(60, 15)).astype(float)
    table[:30, :5] += rng.poisson(6.0, size=(30, 5))  # two planted row groups
    table = table[table.sum(axis=1) > 0]
    in1, chi2 = bipartition(table, min_size=5)
    groups = np.vstack([table[in1].sum(axis=0), table[~in1].sum(axis=0)])
    assert chi2 == pytest.approx(_chi2(groups), rel=1e-9)
    assert 5 <= in1.sum() <= len(table) - 5
    # A local optimum: no single row moved to the other group raises the chi-squared.
    for i in range(len(table)):
        moved = in1.copy()
        moved[i] = not moved[i]
        assert _chi2(np.vstack([table[moved].sum(axis=0), table[~moved].sum(axis=0)])) <= chi2 + 1e-9
    # The planted groups are found (up to the group numbering).
    assert ((in1[:30] == in1[0]).mean() + (in1[30:] != in1[0]).mean()) / 2 >= 0.95


def test_the_best_cut_is_the_best_of_all_cuts_along_the_axis():
    rng = np.random.default_rng(2)
    table = rng.poisson(1.5, size=(25, 8)).astype(float) + 0.0
    table = table[table.sum(axis=1) > 0]
    order = np.argsort(first_axis(table))
    naive = [_chi2(np.vstack([table[order[:k]].sum(axis=0), table[order[k:]].sum(axis=0)])) if
             3 <= k <= len(table) - 3 else -np.inf for k in range(1, len(table) + 1)]
    cut, chi2 = _best_cut(sparse.csr_matrix(table), order, 3)
    assert cut == int(np.argmax(naive)) + 1 and chi2 == pytest.approx(max(naive), rel=1e-10)


def test_wide_is_one_row_per_label_with_each_axis_measures(ca):
    """`CA.wide` as the join of each axis's coordinates, contributions and squared cosines onto the labels."""
    for which in ("rows", "columns"):
        long = getattr(ca, which)
        expected = long.drop_duplicates("label").set_index("label")[["mass", "inertia"]]
        for axis, g in long.groupby("axis", sort=True):
            expected = expected.join(g.set_index("label")[["coord", "ctr", "cos2"]].add_suffix(f"_{axis}"))
        pd.testing.assert_frame_equal(ca.wide(which), expected, check_exact=True)

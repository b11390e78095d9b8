"""Correspondence analysis (CA) of a contingency table, a biplot of its rows and columns, and the CA-based
split of a table's rows in two that Reinert's classification repeats (`first_axis`, `bipartition`).

The analysis is the singular value decomposition of the standardised residuals
S = D_r^{-1/2} (P - r c^T) D_c^{-1/2}, where P is the table divided by its grand total N, r the row masses and
c the column masses. The squared singular values are the principal inertias (eigenvalues); their sum, the total
inertia, equals chi2 / N, Pearson's chi-squared of the table (no continuity correction) divided by N.

Results are long-form DataFrames: one row per label × axis (see `CA`); `CA.wide` pivots them to one row per label.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import LinearOperator, svds

# Rank tolerance: a singular value below TOL × the largest is treated as 0 (no axis).
TOL = 1e-12


@dataclass(frozen=True)
class CA:
    """A correspondence analysis.

    - `eigenvalues`: one row per axis (1-based `axis`): `eigenvalue` (principal inertia), `singular_value`,
      `share` of the total inertia and `cumulative_share`. Every non-trivial axis is listed, whatever `n_axes`.
    - `rows`, `columns`: long form, one row per label × axis kept: `label`, `axis`, `coord` (principal
      coordinate), `std_coord` (standard coordinate: principal / singular value), `ctr` (contribution of the
      point to the axis; sums to 1 over the points of each axis), `cos2` (squared cosine: quality of the point's
      representation on the axis; sums to 1 over all axes for each point with inertia), `mass` and `inertia`
      (the point's mass and its share of the total inertia, in inertia units: mass × squared chi-squared
      distance to the centroid; repeated on each axis row).
    - `total_inertia` (= chi2 / n), `chi2` (Pearson, no continuity correction), `n` (grand total).
    - `dropped_rows`, `dropped_columns`: labels of the rows and columns that summed to 0 and were left out.
    """

    eigenvalues: pd.DataFrame
    rows: pd.DataFrame
    columns: pd.DataFrame
    total_inertia: float
    chi2: float
    n: float
    dropped_rows: tuple = ()
    dropped_columns: tuple = ()

    def wide(self, which: str = "rows") -> pd.DataFrame:
        """`rows` or `columns` pivoted to one row per label: `mass`, `inertia`, then `coord_1`, `ctr_1`,
        `cos2_1`, `coord_2`, … (index: label)."""
        long = {"rows": self.rows, "columns": self.columns}[which]
        out = long.drop_duplicates("label").set_index("label")[["mass", "inertia"]]
        measures = ["coord", "ctr", "cos2"]
        axes = np.sort(long["axis"].unique())
        # One array label × axis × measure, filled in one step (an analysis of segments has hundreds of axes).
        cube = np.full((len(out), len(axes), len(measures)), np.nan)
        cube[out.index.get_indexer(long["label"]), np.searchsorted(axes, long["axis"])] = long[measures].to_numpy(
            dtype=float)
        names = [f"{m}_{axis}" for axis in axes for m in measures]
        return pd.concat([out, pd.DataFrame(cube.reshape(len(out), -1), index=out.index, columns=names)], axis=1)


def _checked(table: pd.DataFrame) -> tuple[pd.DataFrame, tuple, tuple]:
    """The table as floats without its empty rows and columns, and the labels of those dropped; a ValueError
    that names the problem when the table cannot be analysed."""
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"correspondence_analysis expects a pandas DataFrame (a contingency table), "
                         f"got {type(table).__name__}")
    try:
        values = table.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the contingency table must hold numbers only: {exc}") from exc
    if values.size and not np.isfinite(values).all():
        raise ValueError("the contingency table holds missing or infinite values; fill them (e.g. with 0) first")
    if (values < 0).any():
        i, j = np.argwhere(values < 0)[0]
        raise ValueError(f"the contingency table holds negative counts (e.g. {values[i, j]:g} at row "
                         f"{table.index[i]!r}, column {table.columns[j]!r}); counts must be >= 0")
    t = pd.DataFrame(values, index=table.index, columns=table.columns)
    keep_r, keep_c = t.sum(axis=1) > 0, t.sum(axis=0) > 0
    dropped_rows, dropped_cols = tuple(t.index[~keep_r]), tuple(t.columns[~keep_c])
    t = t.loc[keep_r, keep_c]
    if t.shape[0] < 2 or t.shape[1] < 2:
        raise ValueError(f"correspondence analysis needs at least 2 non-empty rows and 2 non-empty columns; "
                         f"this table has {t.shape[0]} non-empty row(s) and {t.shape[1]} non-empty column(s)")
    return t, dropped_rows, dropped_cols


def _orient(u: np.ndarray, vt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fix the arbitrary sign of each axis: the column with the largest |loading| gets a positive one."""
    v = vt.T
    signs = np.sign(v[np.abs(v).argmax(axis=0), np.arange(v.shape[1])])
    signs[signs == 0] = 1.0
    return u * signs, v * signs


def _points(labels, mass, principal, std, sq_dist, eig) -> pd.DataFrame:
    """The long table of one side (rows or columns) of the analysis."""
    n_pts, n_ax = principal.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        ctr = mass[:, None] * principal ** 2 / eig[None, :]
        cos2 = np.where(sq_dist[:, None] > 0, principal ** 2 / sq_dist[:, None], 0.0)
    return pd.DataFrame({
        "label": np.repeat(np.asarray(labels, dtype=object), n_ax),
        "axis": np.tile(np.arange(1, n_ax + 1), n_pts),
        "coord": principal.ravel(), "std_coord": std.ravel(), "ctr": ctr.ravel(), "cos2": cos2.ravel(),
        "mass": np.repeat(mass, n_ax), "inertia": np.repeat(mass * sq_dist, n_ax)})


def correspondence_analysis(table: pd.DataFrame, *, n_axes: int | None = None) -> CA:
    """Correspondence analysis of `table`, a contingency table (rows × columns of non-negative counts).

    Rows and columns summing to 0 are dropped (their labels are in `CA.dropped_rows` / `CA.dropped_columns`).
    `n_axes` limits the axes reported in `rows` and `columns` (default: all min(I, J) - 1 non-trivial axes;
    with fewer, the cos2 of a point sum to its quality on the axes kept, not to 1). Axis signs are fixed so that
    the column with the largest loading on each axis has a positive coordinate.

    Raises ValueError when the table holds negative counts, missing values or non-numbers, or has fewer than 2
    non-empty rows or columns.
    """
    t, dropped_rows, dropped_cols = _checked(table)
    if n_axes is not None and n_axes < 1:
        raise ValueError(f"n_axes must be a positive number of axes, got {n_axes}")
    values = t.to_numpy()
    n = float(values.sum())
    p = values / n
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sv, vt = np.linalg.svd(s, full_matrices=False)
    k = min(t.shape) - 1
    k = int(min(k, (sv > TOL * max(sv[0], TOL)).sum()))
    u, v = _orient(u[:, :k], vt[:k])
    sv = sv[:k]
    eig = sv ** 2
    total = float((s ** 2).sum())
    shown = k if n_axes is None else min(n_axes, k)
    row_std, col_std = u / np.sqrt(r)[:, None], v / np.sqrt(c)[:, None]
    row_pc, col_pc = row_std * sv, col_std * sv
    # Squared chi-squared distances of each profile to the centroid (over all axes, not only those shown).
    row_d2 = ((p / r[:, None] - c[None, :]) ** 2 / c[None, :]).sum(axis=1)
    col_d2 = ((p / c[None, :] - r[:, None]) ** 2 / r[:, None]).sum(axis=0)
    eigenvalues = pd.DataFrame({"axis": np.arange(1, k + 1), "eigenvalue": eig, "singular_value": sv,
                                "share": eig / total, "cumulative_share": np.cumsum(eig) / total})
    rows = _points(t.index, r, row_pc[:, :shown], row_std[:, :shown], row_d2, eig[:shown])
    columns = _points(t.columns, c, col_pc[:, :shown], col_std[:, :shown], col_d2, eig[:shown])
    return CA(eigenvalues=eigenvalues, rows=rows, columns=columns, total_inertia=total, chi2=total * n, n=n,
              dropped_rows=dropped_rows, dropped_columns=dropped_cols)


def first_axis(matrix, *, seed: int = 0) -> np.ndarray:
    """Row standard coordinates on the first axis of the correspondence analysis of `matrix` (a dense array or
    a scipy.sparse matrix without empty rows or columns), for large sparse tables: a truncated SVD (ARPACK,
    started from `seed`) of the standardised residuals applied as an operator, never formed densely. The sign is
    fixed as in `correspondence_analysis` (the column with the largest loading is positive)."""
    m = sparse.csr_matrix(matrix, dtype=float)
    n = m.sum()
    r, c = np.asarray(m.sum(axis=1)).ravel() / n, np.asarray(m.sum(axis=0)).ravel() / n
    if (r == 0).any() or (c == 0).any():
        raise ValueError("first_axis needs a table without empty rows or columns")
    p, sr, sc = m / n, np.sqrt(r), np.sqrt(c)
    if min(m.shape) < 50:
        u, _, vt = np.linalg.svd((p.toarray() - np.outer(r, c)) / np.outer(sr, sc), full_matrices=False)
    else:
        op = LinearOperator(m.shape, dtype=float, matvec=lambda v: (p @ (v.ravel() / sc) - r * (sc @ v.ravel())) / sr,
                            rmatvec=lambda v: (p.T @ (v.ravel() / sr) - c * (sr @ v.ravel())) / sc)
        u, _, vt = svds(op, k=1, random_state=seed)
    u, _ = _orient(u[:, :1], vt[:1])
    return u[:, 0] / sr


def _split_chi2(q, s1, n):
    """Chi-squared of the 2 × columns table of two groups of rows, from q = sum_j T1j² / Tj (T1: the first
    group's column totals, T: the table's) and s1 = the first group's total (n: the table's):
    n² / (s1 (n - s1)) × (q - s1² / n); -inf where a group is empty."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((s1 > 0) & (s1 < n), n * n / (s1 * (n - s1)) * (q - s1 * s1 / n), -np.inf)


def _best_cut(m: sparse.csr_matrix, order: np.ndarray, min_size: int) -> tuple[int, float]:
    """How many first rows of `order` to cut off for the highest chi-squared, and that chi-squared: every cut
    at once, by running sums over the rows in order (each entry's column total before it, from a cumulative sum
    within its column)."""
    coo = m[order].tocoo()
    o = np.lexsort((coo.row, coo.col))
    rows, cols, x = coo.row[o], coo.col[o], coo.data[o]
    before = np.cumsum(x) - x
    before -= before[np.searchsorted(cols, cols)]
    total = np.bincount(cols, weights=x, minlength=m.shape[1])
    q = np.cumsum(np.bincount(rows, weights=(2 * before * x + x * x) / total[cols], minlength=m.shape[0]))
    s1 = np.cumsum(np.bincount(rows, weights=x, minlength=m.shape[0]))
    chi2, size = _split_chi2(q, s1, s1[-1]), np.arange(1, m.shape[0] + 1)
    chi2[(size < min_size) | (m.shape[0] - size < min_size)] = -np.inf
    best = int(np.argmax(chi2))
    return best + 1, float(chi2[best])


def bipartition(matrix, *, min_size: int = 1, seed: int = 0) -> tuple[np.ndarray, float]:
    """Split the rows of `matrix` (counts; dense or scipy.sparse, no empty row or column) in two groups of at
    least `min_size` rows as Reinert's classification does: order the rows on the first CA axis
    (`first_axis`), cut that order where the chi-squared of the 2 × columns table of the two groups is highest
    (all cuts computed at once), then move single rows, the best move first, while a move increases that
    chi-squared. Returns (True for the rows of the first group, the final chi-squared); chi2 is -inf when no
    split respects `min_size`."""
    m = sparse.csr_matrix(matrix, dtype=float)
    order = np.argsort(first_axis(m, seed=seed), kind="stable")
    cut, chi2 = _best_cut(m, order, max(min_size, 1))
    in1 = np.isin(np.arange(m.shape[0]), order[:cut])
    if not chi2 > 0:
        return in1, chi2
    total = np.asarray(m.sum(axis=0)).ravel()
    n, length, inv = total.sum(), np.asarray(m.sum(axis=1)).ravel(), 1.0 / total
    b = m.multiply(m) @ inv
    for _ in range(10 * m.shape[0]):  # moving row x: sum (T1 ∓ x)² / T = q ∓ 2 x.(T1 / T) + x².(1 / T)
        t1, sign = m.T @ in1.astype(float), np.where(in1, -1.0, 1.0)
        new = _split_chi2((t1 * t1 * inv).sum() + sign * 2 * (m @ (t1 * inv)) + b, t1.sum() + sign * length, n)
        n1 = in1.sum()
        new[np.where(in1, n1 - 1 < min_size, len(in1) - n1 - 1 < min_size)] = -np.inf
        j = int(np.argmax(new))
        if new[j] <= chi2 * (1 + 1e-12):
            break
        in1[j], chi2 = not in1[j], float(new[j])
    return in1, chi2


# --- biplot ---------------------------------------------------------------------------------------------------
def _plane_contribution(wide: pd.DataFrame, a: int, b: int, eig: pd.Series) -> pd.Series:
    """Each point's contribution to the plane of axes a and b (the inertia it carries there, as a share)."""
    return (wide[f"ctr_{a}"] * eig[a] + wide[f"ctr_{b}"] * eig[b]) / (eig[a] + eig[b])


def _overlap(box, placed) -> float:
    """Total area shared by `box` and the boxes already placed (display units)."""
    area = 0.0
    for other in placed:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            area += w * h
    return area


def _place_labels(ax, points: list[tuple[float, float, str, str]]) -> None:
    """Write each label next to its point, trying eight positions at two distances and keeping the first that
    overlaps no label already placed (else the one that overlaps least). Points come most important first."""
    offsets = [(dx * k, dy * k) for k in (4, 12) for dx, dy in
               ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))]
    ax.autoscale_view()
    renderer = ax.figure.canvas.get_renderer()
    placed = []
    for x, y, label, color in points:
        best = None
        for dx, dy in offsets:
            text = ax.annotate(label, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=8,
                               color=color, ha="left" if dx >= 0 else "right",
                               va="bottom" if dy >= 0 else "top")
            box = text.get_window_extent(renderer=renderer)
            score = _overlap(box, placed)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, text, box)
            else:
                text.remove()
            if score == 0:
                break
        placed.append(best[2])


def biplot(ca: CA, *, axes: tuple[int, int] = (1, 2), max_labels: int = 40, ax=None):
    """Draw the rows (blue dots) and columns (red triangles) of `ca` on the plane of `axes` (principal
    coordinates, a symmetric map). The `max_labels` columns that contribute most to the plane are labelled (the
    other columns are drawn small and grey, unlabelled), and so are the rows (the `max_labels` that contribute
    most, if there are more). Labels are moved around their points so as not to overlap. The axis labels give
    each axis's share of the total inertia. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt

    a, b = axes
    eig = ca.eigenvalues.set_index("axis")["eigenvalue"]
    if a not in eig.index or b not in eig.index:
        raise ValueError(f"axes {axes} are not both in this analysis (axes 1 to {len(eig)})")
    rows, cols = ca.wide("rows"), ca.wide("columns")
    if f"coord_{a}" not in rows or f"coord_{b}" not in rows:
        raise ValueError(f"axes {axes} were not kept: run correspondence_analysis with a larger n_axes")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    col_rank = _plane_contribution(cols, a, b, eig).sort_values(ascending=False)
    row_rank = _plane_contribution(rows, a, b, eig).sort_values(ascending=False)
    shown_cols, shown_rows = col_rank.index[:max_labels], row_rank.index[:max_labels]
    rest = cols.drop(index=shown_cols)
    ax.scatter(rest[f"coord_{a}"], rest[f"coord_{b}"], s=6, color="0.75", zorder=1)
    ax.scatter(cols.loc[shown_cols, f"coord_{a}"], cols.loc[shown_cols, f"coord_{b}"], marker="^", s=18,
               color="tab:red", zorder=2)
    ax.scatter(rows[f"coord_{a}"], rows[f"coord_{b}"], s=24, color="tab:blue", zorder=3)
    ax.margins(0.12)  # room for the labels of the outermost points
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    share = ca.eigenvalues.set_index("axis")["share"]
    ax.set_xlabel(f"Axis {a} ({share[a]:.1%} of inertia)")
    ax.set_ylabel(f"Axis {b} ({share[b]:.1%} of inertia)")
    points = [(rows.at[lab, f"coord_{a}"], rows.at[lab, f"coord_{b}"], str(lab), "tab:blue") for lab in shown_rows]
    points += [(cols.at[lab, f"coord_{a}"], cols.at[lab, f"coord_{b}"], str(lab), "tab:red") for lab in shown_cols]
    _place_labels(ax, points)
    return ax

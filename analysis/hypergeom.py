"""Log tails of the hypergeometric law for many counts at once: what Lafon's specificity reads.

scipy's `hypergeom.logsf`/`logcdf` sum each tail element by element over its whole support, so at a year of press
(millions of words, tens of thousands of terms) one keyness table took minutes. Here every tail starts at its own
count k and walks outwards with the ratio of successive probabilities, all counts at once in numpy; a tail stops
once its next term is below 1e-17 of its sum (the terms only shrink beyond k on that side, so what is left
cannot change the sum at float precision). log P(X = k) comes from log-gamma, so tiny probabilities keep their
magnitude (a score of 300 is 10^-300).
"""
from __future__ import annotations

import numpy as np
from scipy.special import gammaln

RELATIVE_STOP = 1e-17
RESCALE_ABOVE = 1e200


def _log_choose(n, k):
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def log_pmf(k, f, t, n) -> np.ndarray:
    """log P(X = k), X hypergeometric: k of the f occurrences in a part of t words out of n."""
    return _log_choose(f, k) + _log_choose(n - f, t - k) - _log_choose(n, t)


def log_tail(k, f, t, n, *, upper: bool) -> np.ndarray:
    """log P(X ≥ k) (`upper`) or log P(X ≤ k), element by element over arrays of counts (floats)."""
    shape = np.broadcast(k, f, t, n).shape
    k, f, t, n = (np.array(x, dtype=float).ravel() for x in np.broadcast_arrays(k, f, t, n))
    low, high = np.maximum(0.0, t - (n - f)), np.minimum(f, t)
    total = np.ones_like(k)
    term = np.ones_like(k)
    scale = np.zeros_like(k)
    x = k.copy()
    active = np.flatnonzero((x < high) if upper else (x > low))
    while active.size:
        xa, fa, ta, na = x[active], f[active], t[active], n[active]
        if upper:
            ratio = (fa - xa) * (ta - xa) / ((xa + 1) * (na - fa - ta + xa + 1))
            x[active] = xa + 1
        else:
            ratio = xa * (na - fa - ta + xa) / ((fa - xa + 1) * (ta - xa + 1))
            x[active] = xa - 1
        term[active] *= ratio
        total[active] += term[active]
        big = active[total[active] > RESCALE_ABOVE]  # a count far on the other side of the mode: keep in range
        if big.size:
            scale[big] += np.log(total[big])
            term[big] /= total[big]
            total[big] = 1.0
        inside = (x[active] < high[active]) if upper else (x[active] > low[active])
        active = active[inside & (term[active] > RELATIVE_STOP * total[active])]
    outside = (k < low) | (k > high)
    with np.errstate(invalid="ignore", divide="ignore"):  # outside the support: replaced just below
        out = log_pmf(k, f, t, n) + np.log(total) + scale
    return np.where(outside, np.where((k < low) == upper, 0.0, -np.inf), out).reshape(shape)

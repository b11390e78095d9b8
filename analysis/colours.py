"""Colours that read: WCAG luminance and contrast, and colours darkened or left out until they stand out on white.

Only `matplotlib.colors` (no pyplot): the word-cloud layouts (`analysis.clouds`) use it without drawing anything.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap, to_hex, to_rgb


def relative_luminance(colour) -> float:
    """WCAG relative luminance of a matplotlib colour (0 black, 1 white)."""
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour, background="white") -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white); 4.5 is legible small text."""
    a, b = sorted((relative_luminance(colour), relative_luminance(background)))
    return (b + 0.05) / (a + 0.05)


def legible_colour(colour, *, background: str = "white", min_contrast: float = 4.5) -> str:
    """`colour` as hex, darkened towards black just enough to stand out on `background` by `min_contrast` (text in
    a yellow camp colour becomes dark gold); a colour that already does is returned as it is."""
    rgb = np.array(to_rgb(colour))
    for k in np.linspace(0, 1, 41):
        shade = rgb * (1 - k)
        if contrast_ratio(shade, background) >= min_contrast:
            return to_hex(shade)
    return to_hex(shade)


def text_colour(rgba) -> str:
    """Black or white text on a cell of colour `rgba`, whichever contrasts more."""
    return "black" if contrast_ratio(rgba, "black") >= contrast_ratio(rgba, "white") else "white"


def legible_colours(cmap: str, *, background: str = "white", min_contrast: float = 4.5) -> ListedColormap:
    """The colours of `cmap` that stand out on `background` by at least `min_contrast` (WCAG: 4.5 for small text),
    as a colormap: for viridis on white, its dark purple-to-teal part without the pale greens and yellows."""
    base = matplotlib.colormaps[cmap]
    kept = [c for c in base(np.linspace(0, 1, 256)) if contrast_ratio(c, background) >= min_contrast]
    if not kept:
        raise ValueError(f"no colour of {cmap!r} reaches a contrast of {min_contrast} on {background!r}")
    return ListedColormap(kept, name=f"legible_{cmap}")

"""Word clouds laid out once, drawn from their layout.

Laying a cloud out (which word goes where, in which size, direction and colour) is most of its cost: wordcloud
tries positions word by word. `layout` returns that placement as a table, which the pipeline caches under the
frequencies it was made from (`analysis.layers.cloud_layout`); `render` draws a layout with wordcloud's own
renderer, the same pixels as the cloud it was taken from, in a small fraction of the time.

Every cloud is deterministic (a fixed seed) and uses one colour scheme whose every colour is legible on white.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .colours import legible_colours

SEED = 42
# Word colours: the part of viridis legible on white (contrast at least 4.5, WCAG's level for small text); its pale
# greens and yellow are left out.
COLOURMAP = "viridis"
MIN_CONTRAST = 4.5
MIN_FONT = 8  # pixels: a smaller word is a speck, left out rather than drawn illegibly
CANVAS = {"width": 900, "height": 500, "background_color": "white"}
PLACEMENT = {"prefer_horizontal": 0.95, "max_words": 80, "collocations": False, "min_font_size": MIN_FONT}
# One row per word drawn, largest first: its weight (its frequency over the largest), font size in pixels, the
# top-left corner of its box (`top`, `left`, in pixels), whether it is turned a quarter, and its colour.
COLUMNS = ["word", "weight", "font_size", "top", "left", "rotated", "colour"]


def _cloud(seed: int, colormap=None):
    from wordcloud import WordCloud  # optional and slow to import: only the clouds need it

    return WordCloud(**CANVAS, **PLACEMENT, random_state=seed, colormap=colormap)


def layout(frequencies: dict[str, float], *, seed: int = SEED) -> pd.DataFrame:
    """Where each word of a cloud goes (`COLUMNS`): the same frequencies, in the same order, and seed always give
    the same layout."""
    cloud = _cloud(seed, legible_colours(COLOURMAP, min_contrast=MIN_CONTRAST))
    cloud.generate_from_frequencies(frequencies)
    rows = [(word, float(weight), int(size), int(position[0]), int(position[1]), orientation is not None, colour)
            for (word, weight), size, position, orientation, colour in cloud.layout_]
    return pd.DataFrame(rows, columns=COLUMNS)


def render(placed: pd.DataFrame) -> np.ndarray:
    """The image (height × width × RGB) of a cloud laid out by `layout`."""
    from PIL import Image

    cloud = _cloud(SEED)  # the seed and the colours place and paint words: a layout has them already
    cloud.layout_ = [((word, weight), size, (top, left), Image.Transpose.ROTATE_90 if rotated else None, colour)
                     for word, weight, size, top, left, rotated, colour in placed[COLUMNS].itertuples(index=False)]
    return cloud.to_array()

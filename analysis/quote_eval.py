"""`python -m analysis.quote_eval`: the reported-speech evaluation figures, on the corpus and held-out texts."""
from __future__ import annotations

import pandas as pd

from . import paths
from .layers import pipeline
from .speech import evaluate_quotes, load_gold

SETS = [("corpus (the five articles; the rules were developed on them)", paths.DATA_DIR, paths.GOLD_QUOTES_CSV),
        ("held-out texts (tests/data/heldout)", paths.HELDOUT_DIR, paths.HELDOUT_GOLD_CSV)]


def main() -> None:
    """Print precision, recall, F1 and speaker accuracy per statement kind for each annotated set."""
    pd.set_option("display.width", 120)
    for label, folder, gold_file in SETS:
        layers = pipeline(folder)
        scores = evaluate_quotes(layers.statements, load_gold(gold_file, corpus=layers.corpus))
        print(f"\n{label}\n{scores.round(3).to_string()}")


if __name__ == "__main__":
    main()

"""`python -m analysis.quote_eval`: the reported-speech evaluation figures, on the corpus and held-out texts."""
from __future__ import annotations

import pandas as pd

from . import paths
from .corpus import load_corpus
from .speech import evaluate_quotes, load_gold, quotes


def main() -> None:
    """`python -m analysis.quote_eval`: the evaluation figures, on the corpus and on the held-out texts."""

    pd.set_option("display.width", 120)
    for label, folder, gold_file in [("corpus (the five articles; the rules were developed on them)", None, None),
                                     ("held-out texts (tests/data/heldout)", paths.PROJECT_ROOT / "tests/data/heldout",
                                      paths.PROJECT_ROOT / "tests/data/heldout/quotes_gold.csv")]:
        corpus = load_corpus(folder)
        scores = evaluate_quotes(quotes(corpus), load_gold(gold_file, corpus=corpus))
        print(f"\n{label}\n{scores.round(3).to_string()}")


if __name__ == "__main__":
    main()

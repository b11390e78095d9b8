"""`python -m analysis.quote_eval`: the reported-speech and time-expression evaluation on every annotated set.

Sets: the corpus gold (the rules were developed on it), the held-out texts (written and annotated apart
from the rules) and the development set (twelve page copies in twelve outlet styles, with traps). For each:
precision, recall, F1 and speaker accuracy under the three matching conventions, nested fragments kept and
folded; per statement kind under the words convention; the traps predicted as statements. For the development
set, also the time expressions: recall, precision and resolved values against its 113 hand-resolved expressions.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from . import paths
from .speech import evaluate_quotes, evaluation_table, load_gold, load_gold_json, trap_hits
from .study import pipeline
from .timex_eval import evaluate_time_expressions, load_time_gold

DEVSET_GOLD = paths.DEVSET_DIR / "gold_speech.json"
DEVSET_TIME_GOLD = paths.DEVSET_DIR / "gold_timex.json"
SETS = [("corpus", "the five articles; the rules were developed on them", paths.DATA_DIR, paths.GOLD_QUOTES_CSV),
        ("held-out", "tests/data/heldout: six texts annotated apart from the rules", paths.HELDOUT_DIR,
         paths.HELDOUT_GOLD_CSV),
        ("devset", "tests/data/devset: twelve page copies, twelve outlet styles", paths.DEVSET_DIR, DEVSET_GOLD)]


def load_set(folder: Path, gold_file: Path):
    """The statements layer of a data folder, its gold statements and its traps (empty for a CSV gold)."""
    layers = pipeline(folder)
    if gold_file.suffix == ".json":
        gold, traps = load_gold_json(gold_file, layers.corpus)
    else:
        gold, traps = load_gold(gold_file, corpus=layers.corpus), None
    return layers.statements, gold, traps


def report(name: str, label: str, folder: Path, gold_file: Path) -> str:
    """The evaluation of one set as text."""
    pred, gold, traps = load_set(folder, gold_file)
    cols = ["n_gold", "n_pred", "matched", "precision", "recall", "f1", "speaker_accuracy"]
    table = evaluation_table(pred, gold).set_index(["convention", "nested fragments", "gold rows"])[cols]
    per_kind = evaluate_quotes(pred, gold)[cols + ["kind_agreement"]]
    out = [f"\n== {name} ({label})", "All conventions:", table.round(3).to_string(),
           "Per kind (words convention, nested fragments kept):", per_kind.round(3).to_string()]
    if traps is not None:
        hits = trap_hits(pred, gold, traps)
        out.append(f"Traps predicted as statements: {len(hits)} of {len(traps)}")
        if len(hits):
            out.append(hits[["trap_id", "trap", "predicted"]].to_string(index=False, max_colwidth=60))
    return "\n".join(out)


def time_report() -> str:
    """The time expressions of the development set against its gold, as text."""
    layers = pipeline(paths.DEVSET_DIR)
    scores = evaluate_time_expressions(layers.times, load_time_gold(DEVSET_TIME_GOLD, layers.corpus))
    return "\n".join(["\n== devset time expressions (tests/data/devset/gold_timex.json)", scores.round(3).to_string()])


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation of every set, or of the sets named on the command line (corpus, held-out, devset)."""
    wanted = set(argv if argv is not None else sys.argv[1:])
    unknown = wanted - {name for name, *_ in SETS}
    if unknown:
        print(f"quote-eval: unknown set(s) {', '.join(sorted(unknown))}; choose among corpus, held-out, devset.")
        return 2
    pd.set_option("display.width", 160)
    for name, label, folder, gold_file in SETS:
        if not wanted or name in wanted:
            print(report(name, label, folder, gold_file))
    if not wanted or "devset" in wanted:
        print(time_report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""One long document: does the pipeline's own cost grow linearly with a document's length?

A single article of N characters is made of the development set's page copies (real French press text, cleaned),
repeated until N is reached. For each N, in a fresh process: spaCy's own time on the prepared document (the
model's `nlp(doc)`, model load excluded), then the whole pipeline without cache (parse layer: spaCy and the tables;
then every later layer: times, the tokens' actors (name mentions), mentions and statements, terms, tone, hedging).
The two are run alternately three times and the fastest of each is kept (one spaCy run on the same document varies
by more than the project's whole own cost on a 2-core machine). The project's own time is the pipeline's time minus
spaCy's; the target is a pipeline at most 1.5× spaCy's time at 200,000 characters.

    python bench/long_document.py 25000 50000 100000 200000     # writes bench/results/long_document.json
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# After the parse, in the order they are built: `tokens` adds each token's actor (the name mentions, which read the
# time expressions); `mentions` computes the statements and pronouns with it.
LATER = ("times", "tokens", "mentions", "statements", "terms", "tone", "hedging")
REPEATS = 3


def long_text(n: int) -> str:
    """N characters (cut at a paragraph break) of the development set's cleaned texts, repeated."""
    import analysis
    from analysis import paths

    body = "\n\n".join(analysis.pipeline(paths.DEVSET_DIR).corpus["text"])
    text = (body * (n // len(body) + 1))[:n]
    return text[:text.rfind("\n\n")]


def worker(n: int) -> dict:
    import pandas as pd

    import analysis
    from analysis import nlp as N

    text = long_text(n)
    model = N.get_nlp()
    spans = N.paragraph_layout(pd.DataFrame({"text": [text]}))[0]
    model(N._prepare(model, text, spans))  # warm the model's first call
    corpus = pd.DataFrame({"article_id": ["long"], "text": [text], "published": [pd.Timestamp("2025-08-07")],
                           "period": ["august"]})
    tone_import = time.perf_counter()
    analysis.tone.analyzer()  # textblob-fr's analyzer: loaded once per process, not a cost of the document
    from analysis.conditional import lexicon
    lexicon()
    warm = time.perf_counter() - tone_import
    # spaCy alone, then the whole pipeline, alternated REPEATS times; the fastest of each is kept, as one run of
    # spaCy on the same document varies by more than the project's own cost on this machine.
    spacy_runs, runs = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        model(N._prepare(model, text, spans))
        spacy_runs.append(time.perf_counter() - start)
        layers = analysis.pipeline(corpus=corpus, use_cache=False, n_process=1)
        start = time.perf_counter()
        parsed = layers.sentences  # the parse layer (spaCy and the tables), nothing else
        stages = {"parse": time.perf_counter() - start}
        tables = {}
        for name in LATER:
            t = time.perf_counter()
            tables[name] = getattr(layers, name)
            stages[name] = time.perf_counter() - t
        runs.append(stages)
    spacy_s = min(spacy_runs)
    stages = min(runs, key=lambda st: sum(st.values()))
    total = sum(stages.values())
    from datetime import datetime, timezone

    return {"measured": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}", "chars": len(text),
            "tokens": len(tables["tokens"]), "sentences": len(parsed), "spacy_s": spacy_s, "stages": stages,
            "pipeline_s": total, "own_s": total - spacy_s, "ratio": total / spacy_s, "one_off_loads_s": warm,
            "repeats": REPEATS, "spacy_runs_s": spacy_runs, "pipeline_runs_s": [sum(st.values()) for st in runs]}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [25_000, 50_000, 100_000, 200_000]
    results = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--worker", str(n)], capture_output=True, text=True,
                             check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(f"{r['chars']:>8,} chars: spaCy {r['spacy_s']:.1f} s, pipeline {r['pipeline_s']:.1f} s "
              f"(own {r['own_s']:.1f} s), {r['ratio']:.2f}×", flush=True)
    target = HERE / "results" / "long_document.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(worker(int(sys.argv[2]))))
    else:
        main()

